/* rtes-gui-test.c: helpers shared by the window's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-fiche-json.h"
#include "rtes-gui-test.h"

void
rtes_gui_test_run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

void
rtes_gui_test_wait_until (RtesTestCondition  condition,
                          gpointer           data,
                          guint              timeout_ms,
                          const char        *what)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out after %u ms waiting for %s", timeout_ms, what);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

RtesFiche *
rtes_gui_test_make_fiche (const char *id,
                          const char *name)
{
  RtesFiche *fiche = rtes_fiche_new (id, name);
  const char *lines[] = { "1 place de la Mairie", NULL };
  const char *tags[] = { "dla", NULL };
  g_autoptr(RtesContact) contact = rtes_contact_new ();
  g_autoptr(RtesBudgetLine) line = rtes_budget_line_new ();

  rtes_fiche_set_status (fiche, RTES_STATUS_PUBLISHED);
  rtes_fiche_set_kind (fiche, "commune");
  rtes_fiche_set_region (fiche, "Bretagne");
  rtes_fiche_set_population (fiche, 12000);
  rtes_fiche_set_member_since (fiche, 2015);
  rtes_fiche_set_updated (fiche, "2024-01-15");
  rtes_fiche_set_address_lines (fiche, lines);
  rtes_fiche_set_postcode (fiche, "35000");
  rtes_fiche_set_city (fiche, "Rennes");
  rtes_fiche_set_panorama (fiche, "Un panorama de l'ESS.");
  rtes_fiche_set_budget_text (fiche, "Budget : 10 000 €.");
  rtes_fiche_set_programme (fiche, "- Un programme");
  rtes_fiche_set_actions (fiche, "- Des actions");
  rtes_fiche_set_tags (fiche, tags);

  rtes_contact_set_role (contact, "Élue référente");
  rtes_contact_set_category (contact, RTES_CONTACT_ELECTED);
  rtes_contact_set_name (contact, "Claude Martin");
  g_list_store_append (rtes_fiche_get_contacts (fiche), contact);

  rtes_budget_line_set_amount (line, 10000);
  rtes_budget_line_set_section (line, RTES_SECTION_FONCTIONNEMENT);
  rtes_budget_line_set_year (line, 2024);
  rtes_budget_line_set_label (line, "Subventions");
  g_list_store_append (rtes_fiche_get_budget_lines (fiche), line);

  return fiche;
}

char *
rtes_gui_test_write_fiche (const char *dir,
                           RtesFiche  *fiche)
{
  g_autofree char *name = g_strconcat (rtes_fiche_get_id (fiche), ".json", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *data = rtes_fiche_to_data (fiche, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, -1, &error);
  g_assert_no_error (error);
  return path;
}

gboolean
rtes_gui_test_file_contains (const char *path,
                             const char *needle)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;
  return strstr (contents, needle) != NULL;
}
