/* test-sync-history.c: what a sync and a conflict resolution record in
 * the history: pulled revisions with the site's revision, local edits
 * seen before a merge, settled conflicts; nothing for a sync that fails
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-fiche-json.h"
#include "rtes-history.h"
#include "rtes-sync.h"
#include "rtes-test-site.h"
#include "rtes-test-util.h"

#define TOKEN "s3cret-token"

typedef struct {
  RtesTestSite *site;
  char *dir;
  SoupSession *session;
  RtesLibrary *library;
  RtesSiteClient *client;
} Fixture;

static void
site_put (Fixture    *f,
          const char *id,
          const char *name,
          const char *panorama)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "rtes-fiche");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "published");
  json_builder_set_member_name (builder, "panorama");
  json_builder_add_string_value (builder, panorama);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  rtes_test_site_put (f->site, json);
}

static void
edit_local (Fixture    *f,
            const char *id,
            const char *name,
            const char *programme)
{
  g_autofree char *file_name = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_build_filename (f->dir, file_name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesFiche) fiche = rtes_fiche_load (file, &error);

  g_assert_no_error (error);
  if (name != NULL)
    rtes_fiche_set_name (fiche, name);
  if (programme != NULL)
    rtes_fiche_set_programme (fiche, programme);
  rtes_fiche_save (fiche, file, &error);
  g_assert_no_error (error);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->site = rtes_test_site_new ();
  rtes_test_site_set_token (f->site, TOKEN);
  f->dir = rtes_test_make_tmpdir ("sync-history");
  f->library = rtes_library_open (f->dir, &error);
  g_assert_no_error (error);
  f->session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  f->client = rtes_site_client_new (f->session, rtes_test_site_get_url (f->site),
                                    RTES_SITE_CLIENT_FLAGS_NONE, &error);
  g_assert_no_error (error);
  rtes_site_client_set_token (f->client, TOKEN);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_object (&f->library);
  g_clear_object (&f->session);
  g_clear_pointer (&f->site, rtes_test_site_free);
  if (!g_test_failed ())
    rtes_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static RtesSyncSummary *
run_sync (Fixture  *f,
          GError  **error)
{
  g_autoptr(RtesSync) sync = rtes_sync_new (f->library, f->client);
  g_autoptr(GAsyncResult) result = NULL;

  rtes_sync_run_async (sync, RTES_SYNC_FLAGS_PUBLISH, NULL, run_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return rtes_sync_run_finish (sync, result, error);
}

/* The history as another process would read it. */
static GPtrArray *
revisions_of (Fixture    *f,
              const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesHistory) history = rtes_history_open (f->dir, &error);
  GPtrArray *revisions;

  g_assert_no_error (error);
  revisions = rtes_history_list (history, id, NULL, &error);
  g_assert_no_error (error);
  return revisions;
}

static void
test_pull (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) first = NULL;
  g_autoptr(RtesSyncSummary) second = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_revision = NULL;
  RtesRevision *revision;

  site_put (f, "dijon", "Dijon", "Panorama du site");
  first = run_sync (f, &error);
  g_assert_no_error (error);
  first_revision = g_strdup (rtes_test_site_get_revision (f->site, "dijon"));
  site_put (f, "dijon", "Dijon", "Panorama changé sur le site");
  second = run_sync (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->updated, ==, 1);

  revisions = revisions_of (f, "dijon");
  g_assert_cmpuint (revisions->len, ==, 2);
  revision = revisions->pdata[0];
  g_assert_cmpint (rtes_revision_get_origin (revision), ==, RTES_CHANGE_ORIGIN_PULL);
  g_assert_cmpint (rtes_revision_get_kind (revision), ==, RTES_REVISION_CREATED);
  g_assert_cmpstr (rtes_revision_get_detail (revision), ==, first_revision);
  revision = revisions->pdata[1];
  g_assert_cmpint (rtes_revision_get_origin (revision), ==, RTES_CHANGE_ORIGIN_PULL);
  g_assert_cmpstr (rtes_revision_get_detail (revision), ==, rtes_test_site_get_revision (f->site, "dijon"));
  g_assert_cmpstr (rtes_revision_get_detail (revision), !=, first_revision);
  g_assert_true (g_strv_contains (rtes_revision_get_fields (revision), "panorama"));
}

static void
test_merge_after_local_edit (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) first = NULL;
  g_autoptr(RtesSyncSummary) second = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  RtesRevision *local, *merged;

  site_put (f, "dijon", "Dijon", "Panorama du site");
  first = run_sync (f, &error);
  g_assert_no_error (error);
  /* Edited here by another program, then changed on the site. */
  edit_local (f, "dijon", NULL, "Programme écrit ici");
  site_put (f, "dijon", "Dijon", "Panorama changé sur le site");
  second = run_sync (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->merged, ==, 1);

  revisions = revisions_of (f, "dijon");
  g_assert_cmpuint (revisions->len, ==, 3);
  local = revisions->pdata[1];
  merged = revisions->pdata[2];
  g_assert_cmpint (rtes_revision_get_origin (local), ==, RTES_CHANGE_ORIGIN_DISK);
  g_assert_cmpstr (rtes_revision_get_author (local), ==, "");
  g_assert_true (g_strv_contains (rtes_revision_get_fields (local), "programme"));
  g_assert_cmpint (rtes_revision_get_origin (merged), ==, RTES_CHANGE_ORIGIN_PULL);
  g_assert_true (g_strv_contains (rtes_revision_get_fields (merged), "panorama"));
  g_assert_false (g_strv_contains (rtes_revision_get_fields (merged), "programme"));
}

static void
test_resolve (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) first = NULL;
  g_autoptr(RtesSyncSummary) second = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  RtesRevision *revision;
  guint n;

  site_put (f, "dijon", "Dijon", "Panorama du site");
  first = run_sync (f, &error);
  g_assert_no_error (error);
  edit_local (f, "dijon", "Dijon Métropole", NULL);
  site_put (f, "dijon", "Ville de Dijon", "Panorama du site");
  second = run_sync (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->conflicts, ==, 1);

  g_assert_true (rtes_sync_resolve (f->dir, "dijon", "name", RTES_SYNC_RESOLVE_THEIRS, NULL, &error));
  g_assert_no_error (error);
  revisions = revisions_of (f, "dijon");
  n = revisions->len;
  revision = revisions->pdata[n - 1];
  g_assert_cmpint (rtes_revision_get_origin (revision), ==, RTES_CHANGE_ORIGIN_RESOLVE);
  g_assert_true (g_strv_contains (rtes_revision_get_fields (revision), "name"));
  g_assert_cmpstr (rtes_revision_get_name (revision), ==, "Ville de Dijon");
  g_assert_cmpstr (rtes_revision_get_detail (revision), ==, rtes_test_site_get_revision (f->site, "dijon"));
  /* The local name the person had, seen before the sync. */
  g_assert_cmpstr (rtes_revision_get_name (revisions->pdata[n - 2]), ==, "Dijon Métropole");
}

static void
test_failed_sync_records_nothing (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = g_build_filename (f->dir, RTES_HISTORY_DIR, NULL);

  site_put (f, "dijon", "Dijon", "Panorama du site");
  rtes_test_site_set_fault (f->site, RTES_TEST_FAULT_500);
  summary = run_sync (f, &error);
  g_assert_null (summary);
  g_assert_nonnull (error);
  g_assert_false (g_file_test (state, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  rtes_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/sync/history/pull", test_pull);
  ADD ("/sync/history/merge-after-local-edit", test_merge_after_local_edit);
  ADD ("/sync/history/resolve", test_resolve);
  ADD ("/sync/history/failed-sync-records-nothing", test_failed_sync_records_nothing);
#undef ADD

  return g_test_run ();
}
