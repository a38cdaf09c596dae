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
#include "rtes-test-site-fixture.h"
#include "rtes-test-util.h"

#define TOKEN "s3cret-token"

typedef RtesTestSiteFixture Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  rtes_test_site_fixture_setup (f, "sync-history", TOKEN);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  rtes_test_site_fixture_teardown (f);
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
  g_autofree char *first_revision = NULL;
  RtesRevision *revision;

  rtes_test_site_fixture_put (f, "dijon", "Dijon", "Panorama du site", NULL);
  first = rtes_test_site_fixture_sync (f, RTES_SYNC_FLAGS_PUBLISH, NULL);
  first_revision = g_strdup (rtes_test_site_get_revision (f->site, "dijon"));
  rtes_test_site_fixture_put (f, "dijon", "Dijon", "Panorama changé sur le site", NULL);
  second = rtes_test_site_fixture_sync (f, RTES_SYNC_FLAGS_PUBLISH, NULL);
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
  RtesRevision *local, *merged;

  rtes_test_site_fixture_put (f, "dijon", "Dijon", "Panorama du site", NULL);
  first = rtes_test_site_fixture_sync (f, RTES_SYNC_FLAGS_PUBLISH, NULL);
  /* Edited here by another program, then changed on the site. */
  rtes_test_edit_fiche (f->dir, "dijon", "programme", "Programme écrit ici");
  rtes_test_site_fixture_put (f, "dijon", "Dijon", "Panorama changé sur le site", NULL);
  second = rtes_test_site_fixture_sync (f, RTES_SYNC_FLAGS_PUBLISH, NULL);
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

  rtes_test_site_fixture_put (f, "dijon", "Dijon", "Panorama du site", NULL);
  first = rtes_test_site_fixture_sync (f, RTES_SYNC_FLAGS_PUBLISH, NULL);
  rtes_test_edit_fiche (f->dir, "dijon", "name", "Dijon Métropole");
  rtes_test_site_fixture_put (f, "dijon", "Ville de Dijon", "Panorama du site", NULL);
  second = rtes_test_site_fixture_sync (f, RTES_SYNC_FLAGS_PUBLISH, NULL);
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

  rtes_test_site_fixture_put (f, "dijon", "Dijon", "Panorama du site", NULL);
  rtes_test_site_set_fault (f->site, RTES_TEST_FAULT_500);
  summary = rtes_test_site_fixture_sync (f, RTES_SYNC_FLAGS_PUBLISH, &error);
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
