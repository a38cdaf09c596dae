/* test-links.c: the link check against a loopback server
 *
 * A SoupServer on 127.0.0.1 answers each path its own way: 200, 404, no
 * answer at all, redirects on the same host and to another, HEAD refused.
 * The client runs in the same thread with the async API, under a main
 * loop, with no proxy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rtes-link-checker.h"
#include "rtes-test-util.h"

typedef struct {
  SoupServer *server;
  SoupSession *session;
  RtesLinkChecker *checker;
  char *base;
  GPtrArray *paused;      /* SoupServerMessage* never answered */
  GPtrArray *methods;     /* "HEAD /ok"… as the server saw them */
} Fixture;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  g_ptr_array_add (f->methods, g_strdup_printf ("%s %s", method, path));
  if (g_str_equal (path, "/ok"))
    soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  else if (g_str_equal (path, "/slow"))
    {
      /* Never answered: the time-out has to end the wait. */
      soup_server_message_pause (msg);
      g_ptr_array_add (f->paused, g_object_ref (msg));
    }
  else if (g_str_equal (path, "/moved"))
    {
      soup_message_headers_replace (headers, "Location", "/ok");
      soup_server_message_set_status (msg, SOUP_STATUS_MOVED_PERMANENTLY, NULL);
    }
  else if (g_str_equal (path, "/away"))
    {
      soup_message_headers_replace (headers, "Location", "http://elsewhere.invalid/ok");
      soup_server_message_set_status (msg, SOUP_STATUS_FOUND, NULL);
    }
  else if (g_str_equal (path, "/loop"))
    {
      soup_message_headers_replace (headers, "Location", "/loop");
      soup_server_message_set_status (msg, SOUP_STATUS_FOUND, NULL);
    }
  else if (g_str_equal (path, "/get-only"))
    soup_server_message_set_status (msg, g_str_equal (method, "HEAD") ? SOUP_STATUS_METHOD_NOT_ALLOWED
                                                                      : SOUP_STATUS_OK, NULL);
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  f->paused = g_ptr_array_new_with_free_func (g_object_unref);
  f->methods = g_ptr_array_new_with_free_func (g_free);
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, handler, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->base = g_uri_to_string_partial (uris->data, G_URI_HIDE_NONE);
  if (g_str_has_suffix (f->base, "/"))
    f->base[strlen (f->base) - 1] = '\0';
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  f->session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  f->checker = rtes_link_checker_new (f->session);
  rtes_link_checker_set_timeout (f->checker, 500);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  for (guint i = 0; i < f->paused->len; i++)
    soup_server_message_unpause (g_ptr_array_index (f->paused, i));
  g_ptr_array_unref (f->paused);
  g_ptr_array_unref (f->methods);
  g_clear_object (&f->checker);
  g_clear_object (&f->session);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_free (f->base);
}

typedef struct {
  gboolean done;
  RtesLinkStatus status;
  char *detail;
  GError *error;
  GPtrArray *findings;
} Result;

static void
check_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Result *r = user_data;

  r->status = rtes_link_checker_check_finish (RTES_LINK_CHECKER (source), result, &r->detail, &r->error);
  r->done = TRUE;
}

static RtesLinkStatus
check (Fixture     *f,
       const char  *path,
       char       **detail)
{
  g_autofree char *uri = g_strconcat (f->base, path, NULL);
  Result r = { 0 };

  rtes_link_checker_check_async (f->checker, uri, NULL, check_cb, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (r.error);
  if (detail != NULL)
    *detail = r.detail;
  else
    g_free (r.detail);
  return r.status;
}

static void
test_ok_and_missing (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *detail = NULL;

  g_assert_cmpint (check (f, "/ok", NULL), ==, RTES_LINK_OK);
  g_assert_cmpint (check (f, "/nothing-here", &detail), ==, RTES_LINK_BROKEN);
  g_assert_cmpstr (detail, ==, "404 Not Found");
  /* HEAD requests: the body is never asked for. */
  g_assert_cmpstr (f->methods->pdata[0], ==, "HEAD /ok");
  g_assert_cmpstr (f->methods->pdata[1], ==, "HEAD /nothing-here");
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_assert_cmpint (check (f, "/slow", NULL), ==, RTES_LINK_TIMEOUT);
}

static void
test_redirects (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *detail = NULL;

  /* Same host: followed. */
  g_assert_cmpint (check (f, "/moved", NULL), ==, RTES_LINK_OK);
  g_assert_cmpuint (f->methods->len, ==, 2);
  g_assert_cmpstr (f->methods->pdata[1], ==, "HEAD /ok");
  /* Another host: refused, and nothing is asked of it. */
  g_assert_cmpint (check (f, "/away", &detail), ==, RTES_LINK_REDIRECT_AWAY);
  g_assert_cmpstr (detail, ==, "http://elsewhere.invalid/ok");
  g_assert_cmpuint (f->methods->len, ==, 3);
  /* A loop ends. */
  g_assert_cmpint (check (f, "/loop", NULL), ==, RTES_LINK_BROKEN);
  g_assert_cmpuint (f->methods->len, ==, 3 + 1 + RTES_LINK_CHECKER_MAX_REDIRECTS);
}

static void
test_head_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_cmpint (check (f, "/get-only", NULL), ==, RTES_LINK_OK);
  g_assert_cmpstr (f->methods->pdata[0], ==, "HEAD /get-only");
  g_assert_cmpstr (f->methods->pdata[1], ==, "GET /get-only");
}

static void
test_unreachable (Fixture       *f,
                  gconstpointer  data)
{
  Result r = { 0 };
  g_autoptr(SoupServer) closed = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  GSList *uris;

  /* A port nobody listens on any more. */
  soup_server_listen_local (closed, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (closed);
  uri = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  soup_server_disconnect (closed);

  rtes_link_checker_check_async (f->checker, uri, NULL, check_cb, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (r.status, ==, RTES_LINK_UNREACHABLE);
  g_assert_nonnull (r.detail);
  g_free (r.detail);

  r.done = FALSE;
  rtes_link_checker_check_async (f->checker, "ftp://example.org/x", NULL, check_cb, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (r.status, ==, RTES_LINK_BROKEN);
  g_free (r.detail);
}

static void
review_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *r = user_data;

  r->findings = rtes_link_checker_review_finish (RTES_LINK_CHECKER (source), result, &r->error);
  r->done = TRUE;
}

static void
test_review_fiche (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("audincourt", "Audincourt");
  g_autofree char *panorama = g_strdup_printf ("Voir %s/ok et [le rapport](%s/missing).\n\n"
                                               "Aussi %s/away, puis %s/moved.",
                                               f->base, f->base, f->base, f->base);
  g_autofree char *actions = g_strdup_printf ("- %s/missing encore\n- %s/slow", f->base, f->base);
  g_autoptr(GPtrArray) links = NULL;
  Result r = { 0 };
  RtesFinding *finding;
  guint missing_asked = 0;

  rtes_fiche_set_panorama (fiche, panorama);
  rtes_fiche_set_actions (fiche, actions);
  links = rtes_link_find_all (fiche);
  g_assert_cmpuint (links->len, ==, 6);
  g_assert_cmpstr (((RtesLink *) links->pdata[1])->field, ==, "panorama");
  g_assert_true (g_str_has_suffix (((RtesLink *) links->pdata[1])->uri, "/missing"));

  rtes_link_checker_review_async (f->checker, fiche, NULL, review_cb, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (r.error);

  /* 404 twice (one request), away, slow; ok and moved say nothing. */
  g_assert_cmpuint (r.findings->len, ==, 4);
  for (guint i = 0; i < r.findings->len; i++)
    {
      finding = r.findings->pdata[i];
      g_test_message ("%s «%s» %s", finding->field, finding->text, finding->message);
      g_assert_cmpint (finding->kind, ==, RTES_FINDING_LINK);
      g_assert_cmpstr (finding->id, ==, "audincourt");
      g_assert_false (rtes_finding_is_blocking (finding));
    }
  finding = r.findings->pdata[0];
  g_assert_cmpstr (finding->field, ==, "panorama");
  g_assert_true (g_str_has_suffix (finding->text, "/missing"));
  g_assert_cmpint (strncmp (panorama + finding->start, finding->text, strlen (finding->text)), ==, 0);
  g_assert_nonnull (strstr (finding->message, "404"));
  for (guint i = 0; i < f->methods->len; i++)
    missing_asked += g_str_equal (f->methods->pdata[i], "HEAD /missing");
  g_assert_cmpuint (missing_asked, ==, 1);
  g_ptr_array_unref (r.findings);
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

  g_test_add ("/review/links/ok-and-missing", Fixture, NULL, fixture_setup, test_ok_and_missing, fixture_teardown);
  g_test_add ("/review/links/timeout", Fixture, NULL, fixture_setup, test_timeout, fixture_teardown);
  g_test_add ("/review/links/redirects", Fixture, NULL, fixture_setup, test_redirects, fixture_teardown);
  g_test_add ("/review/links/head-refused", Fixture, NULL, fixture_setup, test_head_refused, fixture_teardown);
  g_test_add ("/review/links/unreachable", Fixture, NULL, fixture_setup, test_unreachable, fixture_teardown);
  g_test_add ("/review/links/fiche", Fixture, NULL, fixture_setup, test_review_fiche, fixture_teardown);

  return g_test_run ();
}
