/* rtes-import-test-util.c: assertions the import tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-import-test-util.h"
#include "rtes-test-util.h"

GPtrArray *
import_test_parse_file (const char *path,
                        GPtrArray  *warnings)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  const char *format = NULL;
  gsize length;
  GPtrArray *imported;

  data = rtes_test_read_file (path, &length);
  imported = rtes_import_parse_export (data, length, path, &format, warnings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (imported);
  g_assert_cmpstr (format, ==, "text");
  return imported;
}

RtesImportedFiche *
import_test_find (GPtrArray  *imported,
                  const char *name)
{
  for (guint i = 0; i < imported->len; i++)
    {
      RtesImportedFiche *entry = g_ptr_array_index (imported, i);

      if (g_str_equal (rtes_fiche_get_name (rtes_imported_fiche_get_fiche (entry)), name))
        return entry;
    }
  g_error ("no fiche named “%s” was parsed", name);
  return NULL;
}

void
import_test_check_contact (RtesFiche  *fiche,
                           guint       index,
                           const char *role,
                           const char *category,
                           const char *name,
                           const char *title,
                           const char *service,
                           gboolean    rtes_board)
{
  GListModel *contacts = G_LIST_MODEL (rtes_fiche_get_contacts (fiche));
  g_autoptr(RtesContact) contact = NULL;

  g_assert_cmpuint (index, <, g_list_model_get_n_items (contacts));
  contact = g_list_model_get_item (contacts, index);
  g_assert_cmpstr (rtes_contact_get_role (contact), ==, role);
  g_assert_cmpstr (rtes_contact_get_category (contact), ==, category);
  g_assert_cmpstr (rtes_contact_get_name (contact), ==, name);
  g_assert_cmpstr (rtes_contact_get_title (contact), ==, title);
  g_assert_cmpstr (rtes_contact_get_service (contact), ==, service);
  g_assert_cmpint (rtes_contact_get_rtes_board (contact), ==, rtes_board);
}

void
import_test_check_budget_line (RtesFiche  *fiche,
                               guint       index,
                               double      amount,
                               const char *section,
                               int         year,
                               gboolean    forecast,
                               const char *label)
{
  GListModel *lines = G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche));
  g_autoptr(RtesBudgetLine) line = NULL;

  g_assert_cmpuint (index, <, g_list_model_get_n_items (lines));
  line = g_list_model_get_item (lines, index);
  g_assert_cmpfloat (rtes_budget_line_get_amount (line), ==, amount);
  g_assert_cmpstr (rtes_budget_line_get_section (line), ==, section);
  g_assert_cmpint (rtes_budget_line_get_year (line), ==, year);
  g_assert_cmpint (rtes_budget_line_get_forecast (line), ==, forecast);
  g_assert_cmpstr (rtes_budget_line_get_label (line), ==, label);
}

void
import_test_check_address (RtesFiche  *fiche,
                           const char *lines,
                           const char *postcode,
                           const char *city,
                           const char *country)
{
  g_autofree char *joined = g_strjoinv ("|", (char **) rtes_fiche_get_address_lines (fiche));

  g_assert_cmpstr (joined, ==, lines);
  g_assert_cmpstr (rtes_fiche_get_postcode (fiche), ==, postcode);
  g_assert_cmpstr (rtes_fiche_get_city (fiche), ==, city);
  g_assert_cmpstr (rtes_fiche_get_country (fiche), ==, country);
}
