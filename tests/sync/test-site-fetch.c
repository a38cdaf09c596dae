/* test-site-fetch.c: one client and one reader for the site
 *
 * The import fetches the file a person names through the sync's
 * RtesSiteClient and reads JSON exports with the sync's RtesSiteExport.
 * These tests hold the client's fetch to the rules of a pull (size cap
 * while streaming, no redirect, its time-outs even when it runs in a
 * main context of its own) and the two readings of the export to one
 * version check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <libsoup/soup.h>
#include <string.h>

#include "rtes-import-error.h"
#include "rtes-site-client.h"
#include "rtes-site-json.h"
#include "rtes-sync-error.h"
#include "rtes-test-util.h"

typedef struct {
  SoupServer *server;
  char *base;
} Server;

/* /small: a short latin-1 text; /chunked: 64 KiB without a length;
 * /moved: a redirect; /silent: headers that never come. */
static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (g_str_equal (path, "/small"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/plain; charset=ISO-8859-1",
                                        SOUP_MEMORY_STATIC, "Dijon M\xe9tropole\n", 16);
    }
  else if (g_str_equal (path, "/chunked"))
    {
      g_autofree char *body = g_malloc0 (65536);

      memset (body, 'x', 65536);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_body_append (soup_server_message_get_response_body (msg),
                                SOUP_MEMORY_TAKE, g_steal_pointer (&body), 65536);
      soup_message_body_complete (soup_server_message_get_response_body (msg));
    }
  else if (g_str_equal (path, "/moved"))
    {
      soup_message_headers_replace (headers, "Location", "/small");
      soup_server_message_set_status (msg, SOUP_STATUS_MOVED_PERMANENTLY, NULL);
    }
  else if (g_str_equal (path, "/silent"))
    soup_server_message_pause (msg);
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
server_start (Server *s)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  s->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (s->server, NULL, handle, NULL, NULL);
  soup_server_listen_local (s->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (s->server);
  s->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
}

static void
server_stop (Server *s)
{
  soup_server_disconnect (s->server);
  g_clear_object (&s->server);
  g_clear_pointer (&s->base, g_free);
}

typedef struct {
  GBytes *bytes;
  char *charset;
  GError *error;
  gboolean done;
} Fetch;

static void
fetched (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fetch *fetch = user_data;

  fetch->bytes = rtes_site_client_fetch_finish (RTES_SITE_CLIENT (source), result,
                                                &fetch->charset, &fetch->error);
  fetch->done = TRUE;
}

static RtesSiteClient *
client_for (Server     *s,
            const char *path,
            SoupSession *session)
{
  g_autofree char *url = g_strconcat (s->base, path, NULL);
  g_autoptr(GError) error = NULL;
  RtesSiteClient *client = rtes_site_client_new (session, url,
                                                 RTES_SITE_CLIENT_FILE_ADDRESS, &error);

  g_assert_no_error (error);
  return client;
}

/* Fetches @path in the main context, where the server runs. */
static void
fetch_here (Server     *s,
            const char *path,
            gsize       max_size,
            Fetch      *fetch)
{
  g_autoptr(SoupSession) session = rtes_site_session_new ();
  g_autoptr(RtesSiteClient) client = client_for (s, path, session);

  soup_session_set_proxy_resolver (session, NULL);
  rtes_site_client_fetch_async (client, max_size, NULL, fetched, fetch);
  while (!fetch->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
fetch_clear (Fetch *fetch)
{
  g_clear_pointer (&fetch->bytes, g_bytes_unref);
  g_clear_pointer (&fetch->charset, g_free);
  g_clear_error (&fetch->error);
  fetch->done = FALSE;
}

static void
test_fetch_body_and_charset (void)
{
  Server s = { 0 };
  Fetch fetch = { 0 };

  server_start (&s);
  fetch_here (&s, "/small", 1024, &fetch);
  g_assert_no_error (fetch.error);
  g_assert_cmpuint (g_bytes_get_size (fetch.bytes), ==, 16);
  g_assert_cmpstr (fetch.charset, ==, "ISO-8859-1");
  fetch_clear (&fetch);
  server_stop (&s);
}

/* A body without a length is refused once it passes the cap, not after
 * it is all in memory. */
static void
test_fetch_cap_while_streaming (void)
{
  Server s = { 0 };
  Fetch fetch = { 0 };

  server_start (&s);
  fetch_here (&s, "/chunked", 1000, &fetch);
  g_assert_null (fetch.bytes);
  g_assert_error (fetch.error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_TOO_LARGE);
  fetch_clear (&fetch);
  server_stop (&s);
}

static void
test_fetch_no_redirect (void)
{
  Server s = { 0 };
  Fetch fetch = { 0 };

  server_start (&s);
  fetch_here (&s, "/moved", 1024, &fetch);
  g_assert_null (fetch.bytes);
  g_assert_error (fetch.error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_SERVER);
  g_assert_nonnull (strstr (fetch.error->message, "301"));
  fetch_clear (&fetch);
  fetch_here (&s, "/missing", 1024, &fetch);
  g_assert_error (fetch.error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_SERVER);
  g_assert_nonnull (strstr (fetch.error->message, "HTTP 404"));
  fetch_clear (&fetch);
  server_stop (&s);
}

typedef struct {
  Server server;
  GMainContext *context;
  gint ready;
  gint stop;
} ServerThread;

/* The server answers from a thread of its own, so that nothing iterates
 * the global default context while the client waits. */
static gpointer
serve (gpointer data)
{
  ServerThread *st = data;

  g_main_context_push_thread_default (st->context);
  server_start (&st->server);
  g_atomic_int_set (&st->ready, TRUE);
  while (!g_atomic_int_get (&st->stop))
    g_main_context_iteration (st->context, TRUE);
  server_stop (&st->server);
  g_main_context_pop_thread_default (st->context);
  return NULL;
}

static gboolean
wake (gpointer data)
{
  return G_SOURCE_REMOVE;
}

/* The import fetches with a main context of its own pushed (in the
 * command line's main thread or the window's worker): the time-outs must
 * fire there, or a silent site would hang it for ever. */
static void
test_fetch_timeout_in_own_context (void)
{
  ServerThread st = { { 0 }, g_main_context_new (), FALSE, FALSE };
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(RtesSiteClient) client = NULL;
  Fetch fetch = { 0 };
  GThread *thread = g_thread_new ("server", serve, &st);

  while (!g_atomic_int_get (&st.ready))
    g_usleep (1000);
  g_main_context_push_thread_default (context);
  session = rtes_site_session_new ();
  soup_session_set_proxy_resolver (session, NULL);
  client = client_for (&st.server, "/silent", session);
  rtes_site_client_set_timeouts (client, 5000, 300);
  rtes_site_client_fetch_async (client, 1024, NULL, fetched, &fetch);
  while (!fetch.done)
    g_main_context_iteration (context, TRUE);
  g_clear_object (&client);
  g_clear_object (&session);
  g_main_context_pop_thread_default (context);

  g_assert_error (fetch.error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_TIMEOUT);
  fetch_clear (&fetch);
  g_atomic_int_set (&st.stop, TRUE);
  g_main_context_invoke (st.context, wake, NULL);
  g_thread_join (thread);
  g_main_context_unref (st.context);
}

/* Sync and import read the export with one reader: the same versions are
 * refused, a newer one as needing an update. */
static void
test_one_version_check (void)
{
  struct { const char *json; int import_code; } cases[] = {
    { "{\"format\":\"rtes-site-export\",\"version\":0,\"fiches\":[]}", RTES_IMPORT_ERROR_FORMAT },
    { "{\"format\":\"rtes-site-export\",\"version\":-3,\"fiches\":[]}", RTES_IMPORT_ERROR_FORMAT },
    { "{\"format\":\"rtes-site-export\",\"version\":2,\"fiches\":[]}", RTES_IMPORT_ERROR_NEWER_VERSION },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) sync_error = NULL;
      g_autoptr(GError) import_error = NULL;
      g_autoptr(RtesSiteExport) export = NULL;
      g_autoptr(GPtrArray) imported = NULL;
      const char *json = cases[i].json;

      export = rtes_site_export_new_from_data (json, strlen (json), "fiches.json", &sync_error);
      imported = rtes_site_json_parse (json, strlen (json), "fiches.json", &import_error);
      g_assert_null (export);
      g_assert_null (imported);
      g_assert_error (sync_error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_EXPORT);
      g_assert_error (import_error, RTES_IMPORT_ERROR, cases[i].import_code);
      g_assert_cmpstr (sync_error->message, ==, import_error->message);
    }
}

/* What only a file may do: no revisions, one fiche document, a BOM; and
 * what it may not: a revision no site would send, an id that is a path. */
static void
test_file_leniency (void)
{
  const char *one = "\xEF\xBB\xBF{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"dijon\",\"name\":\"Dijon\"}";
  const char *bad_revision = "{\"format\":\"rtes-site-export\",\"version\":1,\"fiches\":["
                             "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"a\",\"name\":\"A\","
                             "\"revision\":\"a b\"}]}";
  const char *twice = "{\"format\":\"rtes-site-export\",\"version\":1,\"fiches\":["
                      "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"a\",\"name\":\"A\"},"
                      "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"a\",\"name\":\"B\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(RtesSiteExport) export = NULL;

  imported = rtes_site_json_parse (one, strlen (one), "dijon.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imported->len, ==, 1);
  /* The site's answer must be an export, with revisions. */
  export = rtes_site_export_new_from_data (one, strlen (one), "fiches.json", &error);
  g_assert_null (export);
  g_assert_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_EXPORT);
  g_clear_error (&error);

  g_clear_pointer (&imported, g_ptr_array_unref);
  imported = rtes_site_json_parse (bad_revision, strlen (bad_revision), "fiches.json", &error);
  g_assert_null (imported);
  g_assert_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "fiches[0].revision"));
  g_clear_error (&error);

  imported = rtes_site_json_parse (twice, strlen (twice), "fiches.json", &error);
  g_assert_null (imported);
  g_assert_nonnull (strstr (error->message, "fiches[1].id"));
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/site/fetch/body-and-charset", test_fetch_body_and_charset);
  g_test_add_func ("/site/fetch/cap-while-streaming", test_fetch_cap_while_streaming);
  g_test_add_func ("/site/fetch/no-redirect", test_fetch_no_redirect);
  g_test_add_func ("/site/fetch/timeout-in-own-context", test_fetch_timeout_in_own_context);
  g_test_add_func ("/site/export/one-version-check", test_one_version_check);
  g_test_add_func ("/site/export/file-leniency", test_file_leniency);
  return g_test_run ();
}
