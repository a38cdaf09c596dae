/* test-import-units.c: the value readers of the text export, one by one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rtes-import-parse.h"
#include "rtes-import-test-util.h"
#include "rtes-region.h"
#include "rtes-test-util.h"

static double
single_amount (const char *text)
{
  g_autoptr(GArray) amounts = rtes_import_find_amounts (text);

  g_assert_cmpuint (amounts->len, ==, 1);
  return g_array_index (amounts, RtesImportAmount, 0).amount;
}

static void
test_amounts_wordings (void)
{
  /* Every way the samples write an amount… */
  g_assert_cmpfloat (single_amount ("29000€ en fonctionnement pour 2022"), ==, 29000);
  g_assert_cmpfloat (single_amount ("6.1 M€ en fonctionnement"), ==, 6100000);
  g_assert_cmpfloat (single_amount ("614 000€ en investissement"), ==, 614000);
  g_assert_cmpfloat (single_amount ("40 000 euros"), ==, 40000);
  g_assert_cmpfloat (single_amount ("1 million d'€"), ==, 1000000);
  g_assert_cmpfloat (single_amount ("5 800 000 €"), ==, 5800000);
  g_assert_cmpfloat (single_amount ("15\u00a0000€ au pôle"), ==, 15000);
  g_assert_cmpfloat (single_amount ("15\u202f000 € au pôle"), ==, 15000);
  /* …and a few more that other regions use. */
  g_assert_cmpfloat (single_amount ("1 million d’euros"), ==, 1000000);
  g_assert_cmpfloat (single_amount ("1,2 millions d'euros"), ==, 1200000);
  g_assert_cmpfloat (single_amount ("350 k€"), ==, 350000);
  g_assert_cmpfloat (single_amount ("1.000.000 EUR"), ==, 1000000);
  g_assert_cmpfloat (single_amount ("12 345,50 €"), ==, 12345.5);
  g_assert_cmpfloat (single_amount ("2 Md€"), ==, 2e9);
}

static void
test_amounts_not_amounts (void)
{
  g_autoptr(GArray) none = rtes_import_find_amounts ("34 communes, 2023, 30 m3 et 2.5 ETP");
  g_autoptr(GArray) two = rtes_import_find_amounts ("Budget prévisionnel 2023 : 6.1 M€ en fonctionnement "
                                                    "+ 614 000€ en investissement");

  g_assert_cmpuint (none->len, ==, 0);
  /* The year before the colon is not glued to the amount. */
  g_assert_cmpuint (two->len, ==, 2);
  g_assert_cmpfloat (g_array_index (two, RtesImportAmount, 0).amount, ==, 6100000);
  g_assert_cmpfloat (g_array_index (two, RtesImportAmount, 1).amount, ==, 614000);
}

static RtesImportLine *
line (guint       number,
      const char *text)
{
  return rtes_import_line_new (number, text, strlen (text));
}

static GPtrArray *
lines_of (const char *first,
          ...)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_import_line_free);
  va_list args;
  guint n = 1;

  va_start (args, first);
  for (const char *text = first; text != NULL; text = va_arg (args, const char *))
    g_ptr_array_add (lines, line (n++, text));
  va_end (args);
  return lines;
}

static void
test_budget_lines (void)
{
  g_autoptr(GPtrArray) body = lines_of ("Enveloppe 2024 : 1 million d'€ en investissement et 200 000 € en fonctionnement",
                                        "Soutien aux associations : 50 000 euros",
                                        "Pas de montant ici.", NULL);
  g_autoptr(GPtrArray) budget = rtes_import_budget_lines ("Budget prévisionnel consacré à l'ESS", body);
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("x", "X");

  g_list_store_splice (rtes_fiche_get_budget_lines (fiche), 0, 0, budget->pdata, budget->len);
  g_assert_cmpuint (budget->len, ==, 3);
  /* The heading says "prévisionnel": every line is a forecast. */
  import_test_check_budget_line (fiche, 0, 1000000, "investissement", 2024, TRUE,
                                 "1 million d'€ en investissement");
  import_test_check_budget_line (fiche, 1, 200000, "fonctionnement", 2024, TRUE,
                                 "200 000 € en fonctionnement");
  /* A context that says what the money is for stays in the label. */
  import_test_check_budget_line (fiche, 2, 50000, NULL, RTES_BUDGET_NO_YEAR, TRUE,
                                 "Soutien aux associations : 50 000 euros");
}

static void
test_population (void)
{
  gboolean sentence;

  g_assert_cmpint (rtes_import_parse_population ("145000 hab.", &sentence), ==, 145000);
  g_assert_false (sentence);
  g_assert_cmpint (rtes_import_parse_population ("26 440 hab.", &sentence), ==, 26440);
  g_assert_false (sentence);
  g_assert_cmpint (rtes_import_parse_population ("2 820 940", &sentence), ==, 2820940);
  g_assert_false (sentence);
  g_assert_cmpint (rtes_import_parse_population ("15 000 habitants", &sentence), ==, 15000);
  g_assert_false (sentence);
  g_assert_cmpint (rtes_import_parse_population ("251\u202f179 habitants", &sentence), ==, 251179);
  g_assert_false (sentence);
  g_assert_cmpint (rtes_import_parse_population ("La communauté urbaine Creusot Montceau regroupe 34 "
                                                 "communes et compte 97 000 habitants.", &sentence), ==, 97000);
  g_assert_true (sentence);
  g_assert_cmpint (rtes_import_parse_population ("Environ 1,2 million d'habitants", &sentence), ==, 1200000);
  g_assert_true (sentence);
  /* No "habitants": the count, not the year of the census. */
  g_assert_cmpint (rtes_import_parse_population ("15 000 (recensement 2020)", &sentence), ==, 15000);
  g_assert_true (sentence);
  g_assert_cmpint (rtes_import_parse_population ("120 logements d'habitat social, 4 500 hab.", &sentence), ==, 4500);
  g_assert_true (sentence);
  g_assert_cmpint (rtes_import_parse_population ("Non communiqué", &sentence), ==, RTES_NO_NUMBER);
  g_assert_true (sentence);
  /* The editor's reader: a rounded count in words is not "1". */
  g_assert_cmpint (rtes_import_parse_population ("1,2 million", &sentence), ==, 1200000);
  g_assert_true (sentence);
  g_assert_cmpint (rtes_import_parse_population ("48 200 hab.", &sentence), ==, 48200);
  g_assert_false (sentence);
}

static void
test_dates (void)
{
  struct { const char *text; const char *date; } cases[] = {
    { "02/03/2022", "2022-03-02" },
    { " : 2/3/2022", "2022-03-02" },
    { "le 15 septembre 2023", "2023-09-15" },
    { "1er août 2021", "2021-08-01" },
    { "2020-12-31", "2020-12-31" },
    { "31/02/2022", NULL },
    { "bientôt", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *date = rtes_import_parse_date (cases[i].text);

      g_assert_cmpstr (date, ==, cases[i].date);
    }
}

static void
test_kinds (void)
{
  g_assert_cmpstr (rtes_import_kind_for_label ("Communauté de communes"), ==, "communaute-de-communes");
  g_assert_cmpstr (rtes_import_kind_for_label ("Communauté d’agglomération"), ==, "communaute-d-agglomeration");
  g_assert_cmpstr (rtes_import_kind_for_label ("Communauté urbaine"), ==, "communaute-urbaine");
  g_assert_cmpstr (rtes_import_kind_for_label ("Métropole"), ==, "metropole");
  g_assert_cmpstr (rtes_import_kind_for_label ("Conseil régional"), ==, "conseil-regional");
  g_assert_cmpstr (rtes_import_kind_for_label ("Conseil départemental"), ==, "conseil-departemental");
  g_assert_cmpstr (rtes_import_kind_for_label ("Conseil général"), ==, "conseil-departemental");
  g_assert_cmpstr (rtes_import_kind_for_label ("Commune"), ==, "commune");
  g_assert_cmpstr (rtes_import_kind_for_label ("Ville"), ==, "commune");
  g_assert_cmpstr (rtes_import_kind_for_label ("Syndicat mixte"), ==, "syndicat");
  g_assert_cmpstr (rtes_import_kind_for_label ("PETR"), ==, "pays-petr");
  g_assert_cmpstr (rtes_import_kind_for_label ("Pôle d'équilibre territorial et rural"), ==, "pays-petr");
  g_assert_null (rtes_import_kind_for_label ("Établissement public"));
  g_assert_null (rtes_import_kind_for_label (""));
}

static char *
section_text (const char *first,
              ...)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_import_line_free);
  va_list args;
  char *text;

  va_start (args, first);
  for (const char *t = first; t != NULL; t = va_arg (args, const char *))
    g_ptr_array_add (lines, line (lines->len + 1, t));
  va_end (args);
  text = rtes_import_section_text (lines);
  g_ptr_array_unref (lines);
  return text;
}

static void
test_section_text_bullets (void)
{
  g_autofree char *bullets = section_text ("Intro :", "", "  • un", "    • un.un", "      • un.un.un",
                                           "    • un.deux", "  • deux", "", "Fin.", NULL);
  g_autofree char *mixed = section_text ("A - Veille", "", "1. Statistiques", "", "2. Enquêtes",
                                         "B - Animation", "1. Réseau", NULL);
  g_autofree char *slash = section_text ("1 / ENVIRONNEMENT", "- Tri", "\u00a0- Collecte", "2 / SOCIAL",
                                         "- Insertion", NULL);
  g_autofree char *dots = section_text (". Promouvoir", "", ". Mobiliser", NULL);
  g_autofree char *not_items = section_text ("2.5 ETP salariés", "-10 % sur un an", "A partir de 2020.",
                                             "1-2 ans d’accompagnement", "A-t-on fini ?", NULL);
  g_autofree char *wrapped = section_text ("• Soutien aux tiers-lieux", "  qui accueillent des associations",
                                           "• Clauses sociales", "", "Un paragraphe après la liste.", NULL);
  g_autofree char *dashed = section_text ("1- Pour l’emploi", "- La finance solidaire", "2– Pour les territoires",
                                          NULL);

  g_assert_cmpstr (bullets, ==, "Intro :\n\n- un\n  - un.un\n    - un.un.un\n  - un.deux\n- deux\n\nFin.");
  g_assert_cmpstr (mixed, ==, "- A. Veille\n  1. Statistiques\n  2. Enquêtes\n- B. Animation\n  1. Réseau");
  g_assert_cmpstr (slash, ==, "1. ENVIRONNEMENT\n  - Tri\n  - Collecte\n2. SOCIAL\n  - Insertion");
  g_assert_cmpstr (dots, ==, "- Promouvoir\n- Mobiliser");
  g_assert_cmpstr (not_items, ==, "2.5 ETP salariés\n\n-10 % sur un an\n\nA partir de 2020.\n\n"
                                  "1-2 ans d’accompagnement\n\nA-t-on fini ?");
  g_assert_cmpstr (wrapped, ==, "- Soutien aux tiers-lieux qui accueillent des associations\n"
                                "- Clauses sociales\n\nUn paragraphe après la liste.");
  g_assert_cmpstr (dashed, ==, "1. Pour l’emploi\n  - La finance solidaire\n2. Pour les territoires");
}

static void
test_contacts_variants (void)
{
  g_autoptr(GPtrArray) block = lines_of ("Élu référent : Jean Dupont, maire adjoint",
                                         "administrateur du RTES",
                                         "Contact :",
                                         "Marie Martin (chargée de mission ESS)",
                                         "Email : marie.martin@example.fr",
                                         "Tél. 03 80 00 00 00",
                                         "Président: Paul Durand Titre : président de l’agglomération",
                                         "Service développement économique : Direction de l’économie",
                                         "Responsable : Anne Petit",
                                         "Fonction\u00a0: cheffe de projet",
                                         "Site internet : https://example.fr",
                                         NULL);
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("x", "X");
  g_autoptr(RtesImportedFiche) imported = rtes_imported_fiche_new (fiche, 1);
  g_autoptr(GPtrArray) contacts = rtes_import_contacts (block, imported);
  g_autoptr(RtesContact) second = NULL;

  g_list_store_splice (rtes_fiche_get_contacts (fiche), 0, 0, contacts->pdata, contacts->len);
  g_assert_cmpuint (contacts->len, ==, 4);
  import_test_check_contact (fiche, 0, "Élu référent", "elected", "Jean Dupont", "maire adjoint", "", TRUE);
  /* A role alone, the person on the next line; the title decides. */
  import_test_check_contact (fiche, 1, "Contact", "staff", "Marie Martin", "chargée de mission ESS", "", FALSE);
  second = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (fiche)), 1);
  g_assert_cmpstr (rtes_contact_get_email (second), ==, "marie.martin@example.fr");
  g_assert_cmpstr (rtes_contact_get_phone (second), ==, "03 80 00 00 00");
  /* "Service … : <not a person>" under a contact is its service. */
  import_test_check_contact (fiche, 2, "Président", "elected", "Paul Durand",
                             "président de l’agglomération", "Direction de l’économie", FALSE);
  import_test_check_contact (fiche, 3, "Responsable", "staff", "Anne Petit", "cheffe de projet", "", FALSE);
  /* The web site is no contact: it is kept as a note. */
  g_assert_cmpuint (rtes_imported_fiche_get_notes (imported)->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (rtes_imported_fiche_get_notes (imported), 0), ==,
                   "Site internet : https://example.fr");
}

static void
test_contacts_inline_details (void)
{
  g_autoptr(GPtrArray) block = lines_of ("M. Jean Dupont, maire – jean.dupont@ville.example – 03 80 00 00 00",
                                         "Mme Claire Petit, chargée de mission ESS",
                                         "Conseiller Régional",
                                         NULL);
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("x", "X");
  g_autoptr(RtesImportedFiche) imported = rtes_imported_fiche_new (fiche, 1);
  g_autoptr(GPtrArray) contacts = rtes_import_contacts (block, imported);
  RtesContact *jean;

  g_list_store_splice (rtes_fiche_get_contacts (fiche), 0, 0, contacts->pdata, contacts->len);
  /* Lines without a role are contacts too; the title decides. */
  g_assert_cmpuint (contacts->len, ==, 2);
  import_test_check_contact (fiche, 0, "", "elected", "M. Jean Dupont", "maire", "", FALSE);
  jean = g_ptr_array_index (contacts, 0);
  g_assert_cmpstr (rtes_contact_get_email (jean), ==, "jean.dupont@ville.example");
  g_assert_cmpstr (rtes_contact_get_phone (jean), ==, "03 80 00 00 00");
  /* "Conseiller Régional" is no person, and Claire Petit has a title
   * already: it is kept as a note. */
  g_assert_cmpuint (rtes_imported_fiche_get_notes (imported)->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (rtes_imported_fiche_get_notes (imported), 0), ==, "Conseiller Régional");
  import_test_check_contact (fiche, 1, "", "staff", "Mme Claire Petit", "chargée de mission ESS", "", FALSE);
}

static void
test_contacts_on_their_own_lines (void)
{
  g_autoptr(GPtrArray) block = lines_of ("Élu référent", "Jean Dupont", "Vice-président délégué à l'ESS", "",
                                         "Chargée de mission", "Marie Curie", NULL);
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("x", "X");
  g_autoptr(RtesImportedFiche) imported = rtes_imported_fiche_new (fiche, 1);
  g_autoptr(GPtrArray) contacts = rtes_import_contacts (block, imported);

  /* Role, name and title each on a line of their own, no colon at all. */
  g_list_store_splice (rtes_fiche_get_contacts (fiche), 0, 0, contacts->pdata, contacts->len);
  g_assert_cmpuint (contacts->len, ==, 2);
  import_test_check_contact (fiche, 0, "Élu référent", "elected", "Jean Dupont",
                             "Vice-président délégué à l'ESS", "", FALSE);
  import_test_check_contact (fiche, 1, "Chargée de mission", "staff", "Marie Curie", "", "", FALSE);
  g_assert_cmpuint (rtes_imported_fiche_get_notes (imported)->len, ==, 0);
}

static void
test_contact_category (void)
{
  static const char *elected[] = { "Élu", "Élue référente", "Elue en charge de l'ESS", "Président",
                                   "Vice-présidente", "Adjoint au maire", "Maire", "Conseiller délégué",
                                   "Conseillère régionale", NULL };
  static const char *staff[] = { "Chargée de mission", "Service référent", "Chef de service ESS",
                                 "Directrice", "Responsable du pôle", NULL };

  for (guint i = 0; elected[i] != NULL; i++)
    g_assert_cmpstr (rtes_import_contact_category (elected[i], ""), ==, "elected");
  for (guint i = 0; staff[i] != NULL; i++)
    g_assert_cmpstr (rtes_import_contact_category (staff[i], ""), ==, "staff");
  /* The role wins over the title; a bare "Contact" lets the title speak. */
  g_assert_cmpstr (rtes_import_contact_category ("Chargé de mission", "auprès du maire"), ==, "staff");
  g_assert_cmpstr (rtes_import_contact_category ("Contact", "Maire adjoint"), ==, "elected");
}

static void
test_region_for_postcode (void)
{
  g_assert_cmpstr (rtes_region_for_postcode ("25580"), ==, "Bourgogne-Franche-Comté");
  g_assert_cmpstr (rtes_region_for_postcode ("71206"), ==, "Bourgogne-Franche-Comté");
  g_assert_cmpstr (rtes_region_for_postcode ("75011"), ==, "Île-de-France");
  g_assert_cmpstr (rtes_region_for_postcode ("20000"), ==, "Corse");
  g_assert_cmpstr (rtes_region_for_postcode ("20200"), ==, "Corse");
  g_assert_cmpstr (rtes_region_for_postcode (" 13001 "), ==, "Provence-Alpes-Côte d'Azur");
  g_assert_cmpstr (rtes_region_for_postcode ("97411"), ==, "La Réunion");
  g_assert_cmpstr (rtes_region_for_postcode ("97600"), ==, "Mayotte");
  g_assert_cmpstr (rtes_region_for_postcode ("97300"), ==, "Guyane");
  g_assert_null (rtes_region_for_postcode ("97500"));  /* Saint-Pierre-et-Miquelon */
  g_assert_null (rtes_region_for_postcode ("98000"));  /* Monaco */
  g_assert_null (rtes_region_for_postcode ("2558"));
  g_assert_null (rtes_region_for_postcode ("B-1000"));
  g_assert_null (rtes_region_for_postcode (""));
  g_assert_null (rtes_region_for_postcode (NULL));
}

static void
test_region_table_complete (void)
{
  /* Every metropolitan département from 01 to 95 has a région. */
  for (guint dep = 1; dep <= 95; dep++)
    {
      g_autofree char *postcode = g_strdup_printf ("%02u100", dep);

      g_assert_nonnull (rtes_region_for_postcode (postcode));
    }
}

static void
test_region_match (void)
{
  g_assert_cmpstr (rtes_region_match ("Bourgogne Franche-Comte"), ==, "Bourgogne-Franche-Comté");
  g_assert_cmpstr (rtes_region_match ("RÉGION OCCITANIE"), ==, "Occitanie");
  g_assert_cmpstr (rtes_region_match ("Provence-Alpes-Côte d’Azur"), ==, "Provence-Alpes-Côte d'Azur");
  g_assert_null (rtes_region_match ("Doubs"));
  g_assert_null (rtes_region_match (""));
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/import/units/amounts/wordings", test_amounts_wordings);
  g_test_add_func ("/import/units/amounts/not-amounts", test_amounts_not_amounts);
  g_test_add_func ("/import/units/budget-lines", test_budget_lines);
  g_test_add_func ("/import/units/population", test_population);
  g_test_add_func ("/import/units/dates", test_dates);
  g_test_add_func ("/import/units/kinds", test_kinds);
  g_test_add_func ("/import/units/section-text", test_section_text_bullets);
  g_test_add_func ("/import/units/contacts", test_contacts_variants);
  g_test_add_func ("/import/units/contacts-inline-details", test_contacts_inline_details);
  g_test_add_func ("/import/units/contacts-own-lines", test_contacts_on_their_own_lines);
  g_test_add_func ("/import/units/contact-category", test_contact_category);
  g_test_add_func ("/import/units/region/postcode", test_region_for_postcode);
  g_test_add_func ("/import/units/region/table-complete", test_region_table_complete);
  g_test_add_func ("/import/units/region/match", test_region_match);

  return g_test_run ();
}
