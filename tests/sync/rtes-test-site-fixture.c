/* rtes-test-site-fixture.c: a library that syncs with a test site
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rtes-test-site-fixture.h"

#include "rtes-test-util.h"

void
rtes_test_site_fixture_setup (RtesTestSiteFixture *s,
                              const char          *prefix,
                              const char          *token)
{
  g_autoptr(GError) error = NULL;

  s->site = rtes_test_site_new ();
  rtes_test_site_set_token (s->site, token);
  s->dir = rtes_test_make_tmpdir (prefix);
  s->library = rtes_library_open (s->dir, &error);
  g_assert_no_error (error);
  s->session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  s->client = rtes_site_client_new (s->session, rtes_test_site_get_url (s->site),
                                    RTES_SITE_CLIENT_FLAGS_NONE, &error);
  g_assert_no_error (error);
  rtes_site_client_set_token (s->client, token);
}

void
rtes_test_site_fixture_teardown (RtesTestSiteFixture *s)
{
  g_clear_object (&s->client);
  g_clear_object (&s->library);
  g_clear_object (&s->session);
  g_clear_pointer (&s->site, rtes_test_site_free);
  if (!g_test_failed ())
    rtes_test_remove_tree (s->dir);
  g_clear_pointer (&s->dir, g_free);
}

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

RtesSyncSummary *
rtes_test_site_fixture_sync (RtesTestSiteFixture *s,
                             RtesSyncFlags        flags,
                             GError             **error)
{
  g_autoptr(RtesSync) sync = rtes_sync_new (s->library, s->client);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) local_error = NULL;
  RtesSyncSummary *summary;

  rtes_sync_run_async (sync, flags, NULL, sync_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  summary = rtes_sync_run_finish (sync, result, &local_error);
  for (guint i = 0; summary != NULL && i < summary->messages->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (summary->messages, i));
  if (error == NULL)
    g_assert_no_error (local_error);
  else if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return summary;
}

void
rtes_test_site_fixture_put (RtesTestSiteFixture *s,
                            const char          *id,
                            const char          *name,
                            const char          *panorama,
                            const char          *programme)
{
  g_autofree char *json = rtes_test_fiche_json (id, name, panorama, programme);

  rtes_test_site_put (s->site, json);
}
