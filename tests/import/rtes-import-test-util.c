/* rtes-import-test-util.c: what the import tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rtes-import-test-util.h"
#include "rtes-test-util.h"

char *
import_test_fixture_path (void)
{
  return rtes_test_source_path ("import", "fixtures", "occitanie-export.txt", NULL);
}

guint
import_test_count_json_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      n++;
  return n;
}

void
import_test_fixture_set_up (ImportTestFixture *fx,
                            gconstpointer      data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = rtes_test_make_tmpdir ("import");
  fx->in = rtes_test_make_tmpdir ("import-in");
  fx->library = rtes_library_open (fx->dir, &error);
  g_assert_no_error (error);
}

void
import_test_fixture_tear_down (ImportTestFixture *fx,
                               gconstpointer      data)
{
  g_clear_object (&fx->library);
  rtes_test_remove_tree (fx->dir);
  rtes_test_remove_tree (fx->in);
  g_free (fx->dir);
  g_free (fx->in);
}

/* The plan of importing @location into @library, @now being today. */
static RtesImportPlan *
plan_on (RtesLibrary *library,
         const char  *location,
         GDateTime   *now)
{
  g_autoptr(RtesImporter) importer = rtes_importer_new (library);
  g_autoptr(GError) error = NULL;
  RtesImportPlan *plan;

  rtes_importer_set_now (importer, now);
  plan = rtes_importer_plan (importer, location, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

RtesImportPlan *
import_test_plan (RtesLibrary *library,
                  const char  *location)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 1, 2, 12, 0, 0);

  return plan_on (library, location, now);
}

/* As the command line imports: the plan, committed unless @dry_run, and
 * the report it prints. */
static RtesImportReport *
import_as_the_cli (RtesLibrary *library,
                   const char  *location,
                   GDateTime   *now,
                   gboolean     dry_run)
{
  g_autoptr(RtesImportPlan) plan = plan_on (library, location, now);
  g_autoptr(GError) error = NULL;

  if (!dry_run)
    rtes_import_plan_commit (plan, library, &error);
  g_assert_no_error (error);
  return rtes_import_plan_to_report (plan, dry_run);
}

RtesImportReport *
import_test_run (RtesLibrary *library,
                 const char  *location,
                 gboolean     dry_run)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 1, 2, 12, 0, 0);

  return import_as_the_cli (library, location, now, dry_run);
}

void
import_test_import (RtesLibrary *library,
                    const char  *location)
{
  g_object_unref (import_as_the_cli (library, location, NULL, FALSE));
}

static void
serve_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  /* An old server that serves ISO-8859-1 and says so. */
  static const char latin1[] = "Dijon M\xe9tropole\n\nBudget annuel consacr\xe9 \xe0 l'ESS\n\n40 000 euros\n";
  const char *body = user_data;

  if (g_str_equal (path, "/adherents.txt"))
    soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_COPY, body, strlen (body));
  else if (g_str_equal (path, "/latin1.txt"))
    soup_server_message_set_response (msg, "text/plain; charset=ISO-8859-1", SOUP_MEMORY_STATIC,
                                      latin1, strlen (latin1));
  else
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

SoupServer *
import_test_serve (char **base)
{
  g_autofree char *path = import_test_fixture_path ();
  char *body = rtes_test_read_file (path, NULL);
  SoupServer *server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_object_set_data_full (G_OBJECT (server), "body", body, g_free);
  soup_server_add_handler (server, NULL, serve_cb, body, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  *base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

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
