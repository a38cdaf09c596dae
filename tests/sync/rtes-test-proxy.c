/* rtes-test-proxy.c: an HTTP proxy on 127.0.0.1 that records what it carries
 *
 * Enough of a proxy for the token tests: a plain http request with an
 * absolute URI is forwarded as it came (method, headers, body) with a
 * session of its own, and the answer copied back. What matters is what it
 * saw: a proxy that counts Authorization headers shows whether the token
 * went through it in clear.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-test-proxy.h"

struct _RtesTestProxy
{
  SoupServer *server;
  SoupSession *session;
  char *url;
  guint requests;
  guint puts;
  guint authorized;
};

typedef struct {
  RtesTestProxy *proxy;
  SoupServerMessage *msg;
  SoupMessage *upstream;
} Forward;

static void
copy_header (const char *name,
             const char *value,
             gpointer    user_data)
{
  /* Hop-by-hop and framing headers are each connection's own. */
  if (g_ascii_strcasecmp (name, "Connection") == 0
      || g_ascii_strcasecmp (name, "Proxy-Connection") == 0
      || g_ascii_strcasecmp (name, "Keep-Alive") == 0
      || g_ascii_strcasecmp (name, "Transfer-Encoding") == 0
      || g_ascii_strcasecmp (name, "Content-Length") == 0
      || g_ascii_strcasecmp (name, "Host") == 0)
    return;
  soup_message_headers_append (user_data, name, value);
}

static void
forwarded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Forward *forward = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  if (body == NULL)
    soup_server_message_set_status (forward->msg, SOUP_STATUS_BAD_GATEWAY, NULL);
  else
    {
      soup_server_message_set_status (forward->msg, soup_message_get_status (forward->upstream), NULL);
      soup_message_headers_foreach (soup_message_get_response_headers (forward->upstream), copy_header,
                                    soup_server_message_get_response_headers (forward->msg));
      soup_server_message_set_response (forward->msg,
                                        soup_message_headers_get_content_type (soup_message_get_response_headers (forward->upstream), NULL),
                                        SOUP_MEMORY_COPY,
                                        g_bytes_get_data (body, NULL), g_bytes_get_size (body));
    }
  soup_server_message_unpause (forward->msg);
  g_object_unref (forward->msg);
  g_object_unref (forward->upstream);
  g_free (forward);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  RtesTestProxy *proxy = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(GBytes) bytes = NULL;
  Forward *forward;

  proxy->requests++;
  if (g_str_equal (method, SOUP_METHOD_PUT))
    proxy->puts++;
  if (soup_message_headers_get_one (request, "Authorization") != NULL)
    proxy->authorized++;

  forward = g_new0 (Forward, 1);
  forward->proxy = proxy;
  forward->msg = g_object_ref (msg);
  forward->upstream = soup_message_new_from_uri (method, uri);
  soup_message_headers_foreach (request, copy_header,
                                soup_message_get_request_headers (forward->upstream));
  if (body->length > 0)
    {
      bytes = soup_message_body_flatten (body);
      soup_message_set_request_body_from_bytes (forward->upstream,
                                                soup_message_headers_get_content_type (request, NULL),
                                                bytes);
    }
  soup_server_message_pause (msg);
  soup_session_send_and_read_async (proxy->session, forward->upstream, G_PRIORITY_DEFAULT, NULL,
                                    forwarded_cb, forward);
}

RtesTestProxy *
rtes_test_proxy_new (void)
{
  RtesTestProxy *proxy = g_new0 (RtesTestProxy, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  GSList *uris;

  proxy->server = soup_server_new (NULL, NULL);
  soup_server_listen_local (proxy->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  soup_server_add_handler (proxy->server, NULL, handler, proxy, NULL);
  /* Forwarded directly, whatever the environment says. */
  proxy->session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  uris = soup_server_get_uris (proxy->server);
  g_assert_nonnull (uris);
  uri = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (g_str_has_suffix (uri, "/"))
    uri[strlen (uri) - 1] = '\0';
  proxy->url = g_steal_pointer (&uri);
  return proxy;
}

void
rtes_test_proxy_free (RtesTestProxy *proxy)
{
  soup_server_disconnect (proxy->server);
  g_object_unref (proxy->server);
  g_object_unref (proxy->session);
  g_free (proxy->url);
  g_free (proxy);
}

const char *
rtes_test_proxy_get_url (RtesTestProxy *proxy)
{
  return proxy->url;
}

guint
rtes_test_proxy_get_requests (RtesTestProxy *proxy)
{
  return proxy->requests;
}

guint
rtes_test_proxy_get_puts (RtesTestProxy *proxy)
{
  return proxy->puts;
}

guint
rtes_test_proxy_get_authorized (RtesTestProxy *proxy)
{
  return proxy->authorized;
}
