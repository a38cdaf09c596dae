/* test-publish.c: publishing refuses what the review blocks, until overridden
 *
 * Against the loopback test site of the sync suite (tests/sync/
 * rtes-test-site.c): a fiche with a placeholder is not published, the sync
 * says which and why; an override recorded for that fiche lets exactly
 * those findings through, and is on record in the library. The CLI's
 * --override-review runs as a child process while the site answers from
 * this process's main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "rtes-fiche-json.h"
#include "rtes-review.h"
#include "rtes-review-overrides.h"
#include "rtes-sync.h"
#include "rtes-test-site-fixture.h"
#include "rtes-test-util.h"

#define TOKEN "review-t0ken"

typedef RtesTestSiteFixture Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  rtes_test_site_fixture_setup (f, "review-publish", TOKEN);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  rtes_test_site_fixture_teardown (f);
}

static void
save_local (Fixture   *f,
            RtesFiche *fiche)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rtes_library_save (f->library, fiche, &error));
  g_assert_no_error (error);
}

/* A fiche made here goes to the site once its status says published; a
 * new draft stays here whatever the review says (docs/sync.md). */
static RtesFiche *
published_fiche (const char *id,
                 const char *name)
{
  RtesFiche *fiche = rtes_fiche_new (id, name);

  rtes_fiche_set_status (fiche, "published");
  return fiche;
}

static RtesFiche *
fiche_with_placeholder (const char *id,
                        const char *name)
{
  RtesFiche *fiche = published_fiche (id, name);

  rtes_fiche_set_panorama (fiche, "L’ESS compte 38 structures.\n\nPictos à modifier");
  return fiche;
}

static RtesReviewOverrides *
load_overrides (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  RtesReviewOverrides *overrides = rtes_review_overrides_load (rtes_library_get_dir (f->library), &error);

  g_assert_no_error (error);
  return overrides;
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RtesFiche) blocked = fiche_with_placeholder ("grobulac", "Grobulac");
  g_autoptr(RtesFiche) clean = published_fiche ("vauxquillette", "Vauxquillette");
  g_autoptr(RtesSyncSummary) summary = NULL;
  JsonNode *on_site;
  JsonNode *clean_on_site;
  const char *message;

  save_local (f, blocked);
  save_local (f, clean);
  summary = rtes_test_site_fixture_sync (f, RTES_SYNC_FLAGS_PUBLISH, NULL);

  /* The clean fiche goes, the other stays, and the sync says why. */
  g_assert_cmpuint (summary->published, ==, 1);
  clean_on_site = rtes_test_site_get (f->site, "vauxquillette");
  g_assert_nonnull (clean_on_site);
  on_site = rtes_test_site_get (f->site, "grobulac");
  g_assert_null (on_site);
  g_assert_cmpuint (summary->messages->len, ==, 1);
  message = g_ptr_array_index (summary->messages, 0);
  g_assert_true (g_str_has_prefix (message, "grobulac was not published: the review found 1 problem"));
  g_assert_nonnull (strstr (message, "panorama"));
  g_assert_nonnull (strstr (message, "«\u202fà modifier\u202f»"));
}

static void
test_overridden (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RtesFiche) blocked = fiche_with_placeholder ("grobulac", "Grobulac");
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autoptr(RtesSyncSummary) again = NULL;
  g_autoptr(RtesReviewOverrides) overrides = NULL;
  g_autoptr(RtesReviewOverrides) reread = NULL;
  g_autoptr(GPtrArray) blocking = NULL;
  g_autoptr(GPtrArray) remaining = NULL;
  JsonNode *on_site;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 6, 15, 10, 30, 0);
  g_autofree char *file = g_build_filename (f->dir, ".rtes-fiches", "review", "overrides.json", NULL);
  g_autofree char *record = NULL;

  save_local (f, blocked);
  blocking = rtes_review_blocking (blocked);
  g_assert_cmpuint (blocking->len, ==, 1);
  overrides = load_overrides (f);
  g_assert_true (rtes_review_overrides_add (overrides, "grobulac", blocking, "Marie Curie", when, &error));
  g_assert_no_error (error);

  /* On record, read back: who, when, what. */
  record = rtes_test_read_file (file, NULL);
  g_assert_nonnull (strstr (record, "\"user\": \"Marie Curie\""));
  g_assert_nonnull (strstr (record, "\"date\": \"2026-06-15T10:30:00Z\""));
  g_assert_nonnull (strstr (record, "\"text\": \"à modifier\""));
  reread = load_overrides (f);
  g_assert_cmpuint (rtes_review_overrides_count (reread, "grobulac"), ==, 1);
  remaining = rtes_review_overrides_remaining (reread, "grobulac", blocking);
  g_assert_cmpuint (remaining->len, ==, 0);

  summary = rtes_test_site_fixture_sync (f, RTES_SYNC_FLAGS_PUBLISH, NULL);
  g_assert_cmpuint (summary->published, ==, 1);
  g_assert_cmpuint (summary->errors, ==, 0);
  on_site = rtes_test_site_get (f->site, "grobulac");
  g_assert_nonnull (on_site);

  /* The override covers those findings only: a new placeholder blocks. */
  rtes_fiche_set_actions (blocked, "TODO");
  save_local (f, blocked);
  again = rtes_test_site_fixture_sync (f, RTES_SYNC_FLAGS_PUBLISH, NULL);
  g_assert_cmpuint (again->published, ==, 0);
  g_assert_cmpuint (again->messages->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (again->messages, 0), "«\u202fTODO\u202f»"));
}

static void
test_broken_records (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RtesFiche) blocked = fiche_with_placeholder ("grobulac", "Grobulac");
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = g_build_filename (f->dir, ".rtes-fiches", "review", NULL);
  g_autofree char *file = g_build_filename (state, "overrides.json", NULL);
  g_autofree char *outside = g_build_filename (f->dir, "elsewhere.json", NULL);
  static const struct {
    const char *contents;
    const char *where;
  } broken[] = {
    { "{\"format\": \"rtes-review-overrides\", \"version\": 1, \"overrides\": [", "overrides.json:1:" },
    { "{\"format\": \"rtes-review-overrides\", \"version\": 2, \"overrides\": []}", "overrides.json:1:48: version" },
    { "{\"format\": \"rtes-review-overrides\", \"version\": 1,\n \"overrides\": [{\"id\": \"../x\", "
      "\"date\": \"\", \"user\": \"\", \"findings\": []}]}", "overrides.json:2:23: overrides[0].id" },
    { "{\"format\": \"rtes-review-overrides\", \"version\": 1,\n \"overrides\": [{\"id\": \"a\", "
      "\"date\": \"\", \"user\": \"\", \"findings\": [3]}]}", "overrides.json:2:65: overrides[0].findings[0]" },
  };

  g_assert_cmpint (g_mkdir_with_parents (state, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(RtesReviewOverrides) none = NULL;

      g_assert_true (g_file_set_contents (file, broken[i].contents, -1, NULL));
      none = rtes_review_overrides_load (rtes_library_get_dir (f->library), &error);
      g_assert_null (none);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, broken[i].where));
      g_clear_error (&error);
    }

  /* Unreadable records let nothing through, and the sync says so. */
  save_local (f, blocked);
  summary = rtes_test_site_fixture_sync (f, RTES_SYNC_FLAGS_PUBLISH, NULL);
  g_assert_cmpuint (summary->published, ==, 0);
  g_assert_cmpuint (summary->messages->len, ==, 2);

  /* A link in its place is neither read nor replaced. */
  g_assert_cmpint (g_unlink (file), ==, 0);
  g_assert_true (g_file_set_contents (outside, "{}", -1, NULL));
  g_assert_cmpint (symlink (outside, file), ==, 0);
  g_assert_null (rtes_review_overrides_load (rtes_library_get_dir (f->library), &error));
  g_assert_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH);
}

/* ---- the command line ---- */

static void
test_cli_override (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RtesFiche) blocked = fiche_with_placeholder ("grobulac", "Grobulac");
  g_autoptr(RtesReviewOverrides) overrides = NULL;
  JsonNode *before;
  JsonNode *after;
  /* The site answers while the CLI runs. */
  RtesTestCli how = { .token = TOKEN, .serve = TRUE };
  g_auto(RtesTestRun) run = { 0 };
  g_autofree char *user = rtes_review_overrides_user ();
  g_autofree char *file = g_build_filename (f->dir, ".rtes-fiches", "review", "overrides.json", NULL);
  g_autofree char *record = NULL;
  const char *site = rtes_test_site_get_url (f->site);

  save_local (f, blocked);

  /* Refused, with the reason; exit 1 like any fiche not published. */
  rtes_test_run_cli_with (&run, &how, f->dir, "sync", "--site", site, "--publish", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "grobulac was not published: the review found 1 problem"));
  before = rtes_test_site_get (f->site, "grobulac");
  g_assert_null (before);

  /* --override-review goes with --publish only. */
  rtes_test_run_cli_with (&run, &how, f->dir, "sync", "--site", site, "--override-review", "grobulac", NULL);
  g_assert_cmpint (run.status, ==, 2);

  rtes_test_run_cli_with (&run, &how, f->dir, "sync", "--site", site, "--publish",
                          "--override-review", "grobulac", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "grobulac: published despite 1 finding of the review, on record in "));
  after = rtes_test_site_get (f->site, "grobulac");
  g_assert_nonnull (after);
  overrides = load_overrides (f);
  g_assert_cmpuint (rtes_review_overrides_count (overrides, "grobulac"), ==, 1);
  record = rtes_test_read_file (file, NULL);
  g_assert_nonnull (strstr (record, user));
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

  g_test_add ("/review/publish/refused", Fixture, NULL, setup, test_refused, teardown);
  g_test_add ("/review/publish/overridden", Fixture, NULL, setup, test_overridden, teardown);
  g_test_add ("/review/publish/broken-records", Fixture, NULL, setup, test_broken_records, teardown);
  g_test_add ("/review/publish/cli-override", Fixture, NULL, setup, test_cli_override, teardown);

  return g_test_run ();
}
