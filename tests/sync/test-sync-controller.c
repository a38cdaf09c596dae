/* test-sync-controller.c: the object behind the window's Sync button
 *
 * No display needed: the controller has no widget.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-fiche-json.h"
#include "rtes-sync-controller.h"
#include "rtes-test-site.h"
#include "rtes-test-util.h"

#define TOKEN "controller-token"

typedef struct {
  RtesTestSite *site;
  char *dir;
  RtesLibrary *library;
  SoupSession *session;
  RtesSyncController *controller;
  gboolean finished;
  RtesSyncSummary *summary;
  GError *error;
  guint running_changes;
} Fixture;

static void
on_finished (RtesSyncController *controller,
             RtesSyncSummary    *summary,
             GError             *error,
             Fixture            *f)
{
  g_assert_true ((summary == NULL) != (error == NULL));
  g_assert_false (rtes_sync_controller_get_running (controller));
  f->summary = summary ? rtes_sync_summary_copy (summary) : NULL;
  f->error = error ? g_error_copy (error) : NULL;
  f->finished = TRUE;
}

static void
on_running (RtesSyncController *controller,
            GParamSpec         *pspec,
            Fixture            *f)
{
  f->running_changes++;
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->site = rtes_test_site_new ();
  rtes_test_site_set_token (f->site, TOKEN);
  rtes_test_site_put (f->site, "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"dijon\",\"name\":\"Dijon\"}");
  rtes_test_site_put (f->site, "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"nevers\",\"name\":\"Nevers\"}");
  f->dir = rtes_test_make_tmpdir ("rtes-sync-controller");
  f->library = rtes_library_open (f->dir, &error);
  g_assert_no_error (error);
  f->session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  f->controller = rtes_sync_controller_new (f->library, f->session);
  rtes_sync_controller_set_token (f->controller, TOKEN);
  g_signal_connect (f->controller, "finished", G_CALLBACK (on_finished), f);
  g_signal_connect (f->controller, "notify::running", G_CALLBACK (on_running), f);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->controller);
  g_clear_object (&f->session);
  g_clear_object (&f->library);
  g_clear_pointer (&f->site, rtes_test_site_free);
  g_clear_pointer (&f->summary, rtes_sync_summary_free);
  g_clear_error (&f->error);
  rtes_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
run (Fixture    *f,
     const char *url)
{
  f->finished = FALSE;
  g_clear_pointer (&f->summary, rtes_sync_summary_free);
  g_clear_error (&f->error);
  rtes_sync_controller_start (f->controller, url);
  while (!f->finished)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_controller_sync (Fixture *f, gconstpointer data)
{
  run (f, rtes_test_site_get_url (f->site));
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->summary->added, ==, 2);
  g_assert_cmpuint (f->running_changes, ==, 2);
  g_assert_cmpfloat (rtes_sync_controller_get_fraction (f->controller), ==, 1.0);
  g_assert_nonnull (rtes_library_lookup (f->library, "nevers"));
}

static void
test_controller_conflicts (Fixture *f, gconstpointer data)
{
  run (f, rtes_test_site_get_url (f->site));
  rtes_test_edit_fiche (f->dir, "dijon", "name", "Dijon Métropole");
  rtes_test_site_put (f->site, "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"dijon\",\"name\":\"Ville de Dijon\"}");
  run (f, rtes_test_site_get_url (f->site));
  g_assert_cmpuint (f->summary->conflicts, ==, 1);
  /* The marks for the sidebar follow once the state is read again. */
  while (!rtes_sync_controller_has_conflicts (f->controller, "dijon"))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (rtes_sync_controller_has_conflicts (f->controller, "nevers"));
  /* Both changed the name since their common base: not a first sync. */
  g_assert_false (rtes_sync_controller_is_first_sync (f->controller, "dijon"));
  g_assert_cmpuint (g_strv_length ((GStrv) rtes_sync_controller_get_conflicting_ids (f->controller)), ==, 1);
}

static void
test_controller_pull_only (Fixture *f, gconstpointer data)
{
  run (f, rtes_test_site_get_url (f->site));
  rtes_test_edit_fiche (f->dir, "dijon", "name", "Dijon Métropole");
  /* No token: the sync pulls and publishes nothing. */
  rtes_sync_controller_set_token (f->controller, "");
  run (f, rtes_test_site_get_url (f->site));
  g_assert_no_error (f->error);
  g_assert_cmpuint (rtes_test_site_get_stats (f->site)->puts, ==, 0);
  /* …and says why, fiche by fiche, for the window to promise nothing. */
  g_assert_false (rtes_sync_controller_get_has_token (f->controller));
  g_assert_cmpuint (f->summary->fiches->len, ==, 1);
  g_assert_cmpint (((RtesSyncFicheReport *) g_ptr_array_index (f->summary->fiches, 0))->reason, ==,
                   RTES_SYNC_NOT_PUBLISHED_NO_TOKEN);
  rtes_sync_controller_set_token (f->controller, TOKEN);
  g_assert_true (rtes_sync_controller_get_has_token (f->controller));
  run (f, rtes_test_site_get_url (f->site));
  g_assert_cmpuint (f->summary->published, ==, 1);
}

/* A first sync: the local fiches were made here, the site has them too,
 * different. The marks say which fiches meet the site for the first
 * time. */
static void
test_controller_first_sync (Fixture *f, gconstpointer data)
{
  g_autoptr(RtesFiche) dijon = rtes_fiche_new ("dijon", "Dijon Métropole");

  rtes_fiche_set_status (dijon, RTES_STATUS_PUBLISHED);
  rtes_test_save_fiche (f->dir, dijon);
  run (f, rtes_test_site_get_url (f->site));
  g_assert_cmpuint (f->summary->conflicts, ==, 1);
  while (!rtes_sync_controller_has_conflicts (f->controller, "dijon"))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (rtes_sync_controller_is_first_sync (f->controller, "dijon"));
  g_assert_false (rtes_sync_controller_is_first_sync (f->controller, "nevers"));
}

static void
test_controller_no_site (Fixture *f, gconstpointer data)
{
  run (f, "");
  g_assert_error (f->error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_NO_SITE);
  run (f, "http://example.org");
  g_assert_error (f->error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_SITE);
  g_assert_false (rtes_sync_controller_get_running (f->controller));
}

static gboolean
cancel_cb (gpointer user_data)
{
  rtes_sync_controller_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_controller_cancel (Fixture *f, gconstpointer data)
{
  rtes_test_site_set_fault (f->site, RTES_TEST_FAULT_SLOW);
  g_timeout_add (100, cancel_cb, f->controller);
  run (f, rtes_test_site_get_url (f->site));
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (rtes_library_lookup (f->library, "dijon"));
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/sync/controller/sync", test_controller_sync);
  ADD ("/sync/controller/conflicts", test_controller_conflicts);
  ADD ("/sync/controller/pull-only", test_controller_pull_only);
  ADD ("/sync/controller/first-sync", test_controller_first_sync);
  ADD ("/sync/controller/no-site", test_controller_no_site);
  ADD ("/sync/controller/cancel", test_controller_cancel);
#undef ADD

  return g_test_run ();
}
