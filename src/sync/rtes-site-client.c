/* rtes-site-client.c: the HTTP side of sync (pull the export, publish a fiche)
 *
 * One request at a time is a Request: the SoupMessage, a cancellable of its
 * own that the caller's cancellable and both time-outs cancel, and the body
 * read so far. Bodies are read in chunks and counted, so that an export
 * larger than the limit is refused as soon as it is known to be (from its
 * Content-Length, or while streaming when it has none) without reading it
 * all. Every status is mapped to an RTES_SYNC_ERROR code here so that the
 * sync runner never looks at HTTP.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rtes-fiche-json.h"
#include "rtes-json-reader.h"
#include "rtes-site-client.h"
#include "rtes-sync-error.h"
#include "rtes-task.h"
#include "rtes-text.h"

#define READ_CHUNK 65536
/* Answers to PUT are a line of JSON; anything bigger is not the protocol. */
#define MAX_PUBLISH_ANSWER (1024 * 1024)

struct _RtesSiteClient
{
  GObject parent_instance;

  SoupSession *session;
  char *base_url;
  char *host;
  gboolean plain_http;
  gboolean loopback;
  char *token;
  guint connect_ms;
  guint total_ms;
};

G_DEFINE_FINAL_TYPE (RtesSiteClient, rtes_site_client, G_TYPE_OBJECT)

enum {
  DOWNLOAD_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum {
  REQUEST_PULL,
  REQUEST_PUBLISH,
  REQUEST_FETCH,
} RequestKind;

typedef struct {
  RequestKind kind;
  char *fiche_id;           /* publish only, for messages */
  SoupMessage *msg;
  GCancellable *internal;   /* what libsoup sees */
  GCancellable *user;
  gulong user_handler;
  GSource *connect_source;  /* in the thread-default context of the caller */
  GSource *total_source;
  gboolean connect_timed_out;
  gboolean total_timed_out;
  GInputStream *stream;
  GByteArray *body;
  goffset max_size;
  goffset expected;         /* Content-Length, or -1 */
  char *etag;               /* of the answer, for the parsing thread */
  char *charset;            /* fetch only: the answer's, as it says */
} Request;

/* Timers run in the context the request was started from, like libsoup's
 * own callbacks: the import fetches from a worker thread's context. */
static GSource *
timer_start (guint       ms,
             GSourceFunc callback,
             gpointer    data)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, callback, data, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());
  return source;
}

static void
timer_stop (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
request_stop_timers (Request *req)
{
  timer_stop (&req->connect_source);
  timer_stop (&req->total_source);
}

static void
request_free (Request *req)
{
  request_stop_timers (req);
  if (req->user_handler != 0)
    g_cancellable_disconnect (req->user, req->user_handler);
  if (req->msg != NULL)
    g_signal_handlers_disconnect_by_data (req->msg, req);
  g_clear_object (&req->user);
  g_clear_object (&req->internal);
  g_clear_object (&req->stream);
  g_clear_object (&req->msg);
  g_clear_pointer (&req->body, g_byte_array_unref);
  g_free (req->fiche_id);
  g_free (req->etag);
  g_free (req->charset);
  g_free (req);
}

static void
rtes_site_client_finalize (GObject *object)
{
  RtesSiteClient *self = RTES_SITE_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->host, g_free);
  /* The token is a secret: do not leave it lying in freed memory. */
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_clear_pointer (&self->token, g_free);

  G_OBJECT_CLASS (rtes_site_client_parent_class)->finalize (object);
}

static void
rtes_site_client_class_init (RtesSiteClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rtes_site_client_finalize;

  /**
   * RtesSiteClient::download-progress:
   * @received: bytes of the export received so far
   * @total: its size, or -1 when the site does not say
   */
  signals[DOWNLOAD_PROGRESS] = g_signal_new ("download-progress", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 2, G_TYPE_UINT64, G_TYPE_INT64);
}

static void
rtes_site_client_init (RtesSiteClient *self)
{
  self->connect_ms = RTES_SITE_CLIENT_DEFAULT_CONNECT_TIMEOUT;
  self->total_ms = RTES_SITE_CLIENT_DEFAULT_TOTAL_TIMEOUT;
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

RtesSiteClient *
rtes_site_client_new (SoupSession          *session,
                      const char           *base_url,
                      RtesSiteClientFlags   flags,
                      GError              **error)
{
  g_autoptr(RtesSiteClient) self = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *trimmed = NULL;
  const char *scheme;
  const char *host;
  gsize length;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  trimmed = g_strstrip (g_strdup (base_url));
  length = strlen (trimmed);
  while (!(flags & RTES_SITE_CLIENT_FILE_ADDRESS) && length > 0 && trimmed[length - 1] == '/')
    trimmed[--length] = '\0';

  uri = g_uri_parse (trimmed, G_URI_FLAGS_NONE, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_SITE,
                   _("“%s” is not a web address: %s"), base_url, local_error->message);
      return NULL;
    }
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if ((g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
      || host == NULL || host[0] == '\0'
      || (!(flags & RTES_SITE_CLIENT_FILE_ADDRESS) && g_uri_get_query (uri) != NULL)
      || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_SITE,
                   _("“%s” is not a site address: expected https://host/path"), base_url);
      return NULL;
    }
  if (g_ascii_strcasecmp (scheme, "http") == 0
      && !(flags & RTES_SITE_CLIENT_ALLOW_INSECURE) && !host_is_loopback (host))
    {
      g_set_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_SITE,
                   _("“%s” uses plain http, which would send the token unencrypted: use https, or allow insecure connections explicitly"),
                   base_url);
      return NULL;
    }

  self = g_object_new (RTES_TYPE_SITE_CLIENT, NULL);
  self->session = g_object_ref (session);
  self->base_url = g_steal_pointer (&trimmed);
  self->host = g_strdup (host);
  self->plain_http = g_ascii_strcasecmp (scheme, "http") == 0;
  self->loopback = host_is_loopback (host);
  return g_steal_pointer (&self);
}

const char *
rtes_site_client_get_base_url (RtesSiteClient *self)
{
  g_return_val_if_fail (RTES_IS_SITE_CLIENT (self), NULL);
  return self->base_url;
}

void
rtes_site_client_set_token (RtesSiteClient *self,
                            const char     *token)
{
  g_return_if_fail (RTES_IS_SITE_CLIENT (self));
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  self->token = (token != NULL && token[0] != '\0') ? g_strdup (token) : NULL;
}

gboolean
rtes_site_client_can_send_token (RtesSiteClient *self)
{
  g_return_val_if_fail (RTES_IS_SITE_CLIENT (self), FALSE);
  return !self->plain_http || self->loopback;
}

void
rtes_site_client_set_timeouts (RtesSiteClient *self,
                               guint           connect_ms,
                               guint           total_ms)
{
  g_return_if_fail (RTES_IS_SITE_CLIENT (self));
  self->connect_ms = connect_ms;
  self->total_ms = total_ms;
}

/* ---- one request ---- */

static void
user_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
connect_timeout_cb (gpointer user_data)
{
  Request *req = user_data;

  g_clear_pointer (&req->connect_source, g_source_unref);
  req->connect_timed_out = TRUE;
  g_cancellable_cancel (req->internal);
  return G_SOURCE_REMOVE;
}

static gboolean
total_timeout_cb (gpointer user_data)
{
  Request *req = user_data;

  g_clear_pointer (&req->total_source, g_source_unref);
  req->total_timed_out = TRUE;
  g_cancellable_cancel (req->internal);
  return G_SOURCE_REMOVE;
}

/* The connect time-out covers connecting; once the connection is made
 * only the total time-out is left to stop a slow site. */
static void
network_event_cb (SoupMessage       *msg,
                  GSocketClientEvent event,
                  GIOStream         *connection,
                  gpointer           user_data)
{
  Request *req = user_data;

  if (event == G_SOCKET_CLIENT_COMPLETE)
    timer_stop (&req->connect_source);
}

/* Turns a GIO/TLS failure into the error the user sees. */
static void
return_transport_error (GTask  *task,
                        GError *error,
                        gboolean receiving)
{
  RtesSiteClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);

  if (req->connect_timed_out)
    g_task_return_new_error (task, RTES_SYNC_ERROR, RTES_SYNC_ERROR_TIMEOUT,
                             _("Could not connect to %s within %u seconds"),
                             self->host, (self->connect_ms + 999) / 1000);
  else if (req->total_timed_out)
    g_task_return_new_error (task, RTES_SYNC_ERROR, RTES_SYNC_ERROR_TIMEOUT,
                             _("%s did not answer within %u seconds"),
                             self->host, (self->total_ms + 999) / 1000);
  else if (req->user != NULL && g_cancellable_is_cancelled (req->user))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             req->kind == REQUEST_FETCH ? _("Download cancelled") : _("Sync cancelled"));
  else if (error->domain == G_TLS_ERROR
           || soup_message_get_tls_peer_certificate_errors (req->msg) != 0)
    g_task_return_new_error (task, RTES_SYNC_ERROR, RTES_SYNC_ERROR_TLS,
                             _("The certificate of %s was refused: %s"),
                             self->host, error->message);
  else if (receiving)
    g_task_return_new_error (task, RTES_SYNC_ERROR, RTES_SYNC_ERROR_NETWORK,
                             _("The connection to %s was interrupted: %s"),
                             self->host, error->message);
  else
    g_task_return_new_error (task, RTES_SYNC_ERROR, RTES_SYNC_ERROR_NETWORK,
                             _("Could not reach %s: %s"), self->host, error->message);
}

static void
return_too_large (GTask *task)
{
  RtesSiteClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  g_autofree char *limit = g_format_size_full (req->max_size, G_FORMAT_SIZE_IEC_UNITS);

  /* Stop the transfer now rather than let libsoup drain the rest. */
  g_cancellable_cancel (req->internal);
  g_task_return_new_error (task, RTES_SYNC_ERROR, RTES_SYNC_ERROR_TOO_LARGE,
                           _("The answer of %s is larger than %s: refused"),
                           self->host, limit);
}

static void request_body_complete (GTask *task);
static void publish_complete (GTask *task);
static void fetch_complete (GTask *task);

static void
read_chunk_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL)
    {
      return_transport_error (task, error, TRUE);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      request_stop_timers (req);
      request_body_complete (task);
      return;
    }
  if ((goffset) (req->body->len + g_bytes_get_size (chunk)) > req->max_size)
    {
      return_too_large (task);
      return;
    }
  g_byte_array_append (req->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  if (req->kind == REQUEST_PULL)
    g_signal_emit (g_task_get_source_object (task), signals[DOWNLOAD_PROGRESS], 0,
                   (guint64) req->body->len, (gint64) req->expected);
  g_input_stream_read_bytes_async (req->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   req->internal, read_chunk_cb, g_steal_pointer (&task));
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;

  req->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  timer_stop (&req->connect_source);
  if (req->stream == NULL)
    {
      return_transport_error (task, error, FALSE);
      return;
    }

  headers = soup_message_get_response_headers (req->msg);
  req->expected = soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
                  ? soup_message_headers_get_content_length (headers) : -1;
  if (req->expected > req->max_size)
    {
      return_too_large (task);
      return;
    }
  req->body = g_byte_array_new ();
  g_input_stream_read_bytes_async (req->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   req->internal, read_chunk_cb, g_steal_pointer (&task));
}

/* The request of @task, to @url; NULL, with the task's error returned,
 * when @url is not a web address. */
static Request *
request_new (GTask       *task,
             RequestKind  kind,
             const char  *method,
             const char  *url)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  Request *req = g_new0 (Request, 1);

  req->kind = kind;
  req->user = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  req->msg = soup_message_new (method, url);
  g_task_set_task_data (task, req, (GDestroyNotify) request_free);
  if (req->msg != NULL)
    return req;
  g_task_return_new_error (task, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_SITE,
                           _("“%s” is not a web address"), url);
  return NULL;
}

static void
request_start (RtesSiteClient *self,
               GTask          *task)
{
  Request *req = g_task_get_task_data (task);

  req->internal = g_cancellable_new ();
  if (req->max_size == 0)
    req->max_size = req->kind == REQUEST_PULL ? RTES_SITE_CLIENT_MAX_SIZE : MAX_PUBLISH_ANSWER;
  if (req->user != NULL)
    req->user_handler = g_cancellable_connect (req->user, G_CALLBACK (user_cancelled_cb),
                                               g_object_ref (req->internal), g_object_unref);

  /* Never follow a redirect: it could lead from https to plain http. */
  soup_message_add_flags (req->msg, SOUP_MESSAGE_NO_REDIRECT);
  if (req->kind != REQUEST_FETCH)
    soup_message_headers_replace (soup_message_get_request_headers (req->msg),
                                  "Accept", "application/json");
  g_signal_connect (req->msg, "network-event", G_CALLBACK (network_event_cb), req);

  if (self->connect_ms > 0)
    req->connect_source = timer_start (self->connect_ms, connect_timeout_cb, req);
  if (self->total_ms > 0)
    req->total_source = timer_start (self->total_ms, total_timeout_cb, req);

  soup_session_send_async (self->session, req->msg, G_PRIORITY_DEFAULT, req->internal,
                           send_cb, g_object_ref (task));
}

static gboolean
return_status_error (GTask *task)
{
  RtesSiteClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  guint status = soup_message_get_status (req->msg);

  if (SOUP_STATUS_IS_SERVER_ERROR (status))
    g_task_return_new_error (task, RTES_SYNC_ERROR, RTES_SYNC_ERROR_SERVER,
                             _("%s had an internal error (%u %s); nothing was changed there, try again later"),
                             self->host, status, soup_status_get_phrase (status));
  else if (SOUP_STATUS_IS_REDIRECTION (status))
    {
      const char *location = soup_message_headers_get_one (soup_message_get_response_headers (req->msg),
                                                           "Location");
      g_task_return_new_error (task, RTES_SYNC_ERROR, RTES_SYNC_ERROR_SERVER,
                               _("%s redirects to %s: set the site address to the new one"),
                               self->host, location ? location : "?");
    }
  else if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    g_task_return_new_error (task, RTES_SYNC_ERROR, RTES_SYNC_ERROR_UNAUTHORIZED,
                             self->token == NULL
                             ? _("%s refused to publish without a token (%u)")
                             : _("%s refused the token (%u): it is wrong or has expired"),
                             self->host, status);
  else
    return FALSE;
  return TRUE;
}

/* ---- pull ---- */

static void
parse_export_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  RtesSiteClient *self = source_object;
  Request *req = task_data;
  g_autofree char *source = g_strdup_printf ("%s/export/fiches.json", self->base_url);
  GError *error = NULL;
  RtesSiteExport *export;

  export = rtes_site_export_new_from_data ((const char *) req->body->data, req->body->len,
                                           source, &error);
  if (export == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  rtes_site_export_set_etag (export, req->etag);
  g_task_return_pointer (task, export, g_object_unref);
}

static void
pull_complete (GTask *task)
{
  RtesSiteClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  guint status = soup_message_get_status (req->msg);

  if (status == SOUP_STATUS_NOT_MODIFIED)
    {
      g_task_return_pointer (task, rtes_site_export_new_not_modified (), g_object_unref);
      return;
    }
  if (return_status_error (task))
    return;
  if (status != SOUP_STATUS_OK)
    {
      g_task_return_new_error (task, RTES_SYNC_ERROR, RTES_SYNC_ERROR_SERVER,
                               _("%s answered %u %s to the request for its export"),
                               self->host, status, soup_status_get_phrase (status));
      return;
    }

  /* A large export takes a while to check: not in the main thread. The
   * libsoup objects are let go of here, in the thread that owns them,
   * since the task may be finalized in the worker thread. */
  req->etag = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (req->msg),
                                                      "ETag"));
  g_signal_handlers_disconnect_by_data (req->msg, req);
  g_clear_object (&req->msg);
  g_clear_object (&req->stream);
  rtes_task_run_in_thread (task, parse_export_thread);
}

static void
request_body_complete (GTask *task)
{
  Request *req = g_task_get_task_data (task);

  if (req->kind == REQUEST_PULL)
    pull_complete (task);
  else if (req->kind == REQUEST_FETCH)
    fetch_complete (task);
  else
    publish_complete (task);
}

/* A header value we may send back: nothing that could split the header. */
static gboolean
etag_is_sendable (const char *etag)
{
  if (etag == NULL || etag[0] == '\0' || strlen (etag) > 1024)
    return FALSE;
  for (const char *p = etag; *p; p++)
    if (*p < 0x20 || *p > 0x7e)
      return FALSE;
  return TRUE;
}

void
rtes_site_client_pull_async (RtesSiteClient      *self,
                             const char          *etag,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  Request *req;

  g_return_if_fail (RTES_IS_SITE_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rtes_site_client_pull_async);

  url = g_strdup_printf ("%s/export/fiches.json", self->base_url);
  req = request_new (task, REQUEST_PULL, SOUP_METHOD_GET, url);
  if (req == NULL)
    return;
  if (etag_is_sendable (etag))
    soup_message_headers_replace (soup_message_get_request_headers (req->msg),
                                  "If-None-Match", etag);
  request_start (self, task);
}

RtesSiteExport *
rtes_site_client_pull_finish (RtesSiteClient  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rtes_site_client_pull_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- publish ---- */

/* The answer to a publish, as an object; NULL with @error set when it is
 * empty or not a JSON object. By length: the body is not NUL-terminated. */
static JsonObject *
parse_answer (RtesSiteClient  *self,
              Request         *req,
              GError         **error)
{
  g_autofree char *source = g_strdup_printf ("%s/export/fiches/%s.json", self->base_url, req->fiche_id);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;

  root = rtes_json_parse ((const char *) req->body->data, req->body->len, RTES_JSON_ANSWER,
                          source, NULL, &local_error);
  if (g_error_matches (local_error, RTES_JSON_ERROR, RTES_JSON_ERROR_EMPTY))
    {
      g_set_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_EXPORT,
                   _("%s: the site's answer is empty"), source);
      return NULL;
    }
  if (root == NULL)
    {
      g_set_error_literal (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_EXPORT,
                           local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_EXPORT,
                   _("%s: the site's answer is not a JSON object"), source);
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

static void
publish_complete (GTask *task)
{
  RtesSiteClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  guint status = soup_message_get_status (req->msg);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) answer_error = NULL;

  if (return_status_error (task))
    return;
  answer = parse_answer (self, req, &answer_error);
  switch (status)
    {
    case SOUP_STATUS_OK:
    case SOUP_STATUS_CREATED:
      {
        const char *revision = rtes_json_get_string_member (answer, "revision");

        if (answer == NULL)
          g_task_return_new_error (task, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_EXPORT,
                                   _("%s stored fiche %s but its answer cannot be read: %s"),
                                   self->host, req->fiche_id, answer_error->message);
        else if (!rtes_site_revision_is_valid (revision))
          g_task_return_new_error (task, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_EXPORT,
                                   _("%s stored fiche %s but its answer has no valid \"revision\""),
                                   self->host, req->fiche_id);
        else
          g_task_return_pointer (task, g_strdup (revision), g_free);
      }
      break;
    case SOUP_STATUS_PRECONDITION_FAILED:
      g_task_return_new_error (task, RTES_SYNC_ERROR, RTES_SYNC_ERROR_PRECONDITION,
                               _("The site's copy of fiche %s changed since the last sync"),
                               req->fiche_id);
      break;
    case SOUP_STATUS_UNPROCESSABLE_ENTITY:
      {
        const char *reason = rtes_json_get_string_member (answer, "error");

        if (reason != NULL && reason[0] != '\0')
          g_task_return_new_error (task, RTES_SYNC_ERROR, RTES_SYNC_ERROR_REFUSED,
                                   _("The site refused fiche %s: %s"), req->fiche_id, reason);
        else
          g_task_return_new_error (task, RTES_SYNC_ERROR, RTES_SYNC_ERROR_REFUSED,
                                   _("The site refused fiche %s and gave no reason"),
                                   req->fiche_id);
      }
      break;
    default:
      g_task_return_new_error (task, RTES_SYNC_ERROR, RTES_SYNC_ERROR_SERVER,
                               _("%s answered %u %s to publishing fiche %s"),
                               self->host, status, soup_status_get_phrase (status),
                               req->fiche_id);
      break;
    }
}

/* Plain http to a loopback site: the token may go only on a direct
 * connection, since any proxy would read it in clear. The session's own
 * resolver (the system's settings, http_proxy…) says where the request
 * would go. */
static void
route_checked_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RtesSiteClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) proxies = g_proxy_resolver_lookup_finish (G_PROXY_RESOLVER (source), result, &error);

  if (proxies == NULL)
    {
      if (req->user != NULL && g_cancellable_is_cancelled (req->user))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Sync cancelled"));
      else
        g_task_return_new_error (task, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INSECURE,
                                 _("Could not tell whether a proxy stands between here and %s, so "
                                   "the token was not sent: %s"), self->host, error->message);
      return;
    }
  for (guint i = 0; proxies[i] != NULL; i++)
    if (!g_str_equal (proxies[i], "direct://"))
      {
        g_autoptr(GUri) proxy = g_uri_parse (proxies[i], G_URI_FLAGS_NONE, NULL);
        const char *proxy_host = proxy ? g_uri_get_host (proxy) : NULL;

        /* Only the proxy's host: its address may carry a password. */
        g_task_return_new_error (task, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INSECURE,
                                 _("%s is plain http and would be reached through the proxy %s, "
                                   "which would read the token in clear: it was not sent (publish "
                                   "over https, or list the site in no_proxy)"),
                                 self->host, proxy_host ? proxy_host : "?");
        return;
      }
  request_start (self, task);
}

static void
check_route (RtesSiteClient *self,
             GTask          *task,
             const char     *url)
{
  Request *req = g_task_get_task_data (task);
  GProxyResolver *resolver = soup_session_get_proxy_resolver (self->session);

  if (resolver == NULL)
    {
      request_start (self, task);
      return;
    }
  g_proxy_resolver_lookup_async (resolver, url, req->user, route_checked_cb, g_object_ref (task));
}

void
rtes_site_client_publish_async (RtesSiteClient      *self,
                                RtesFiche           *fiche,
                                const char          *revision,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  const char *id;
  SoupMessageHeaders *headers;
  Request *req;
  char *data;
  gsize length;

  g_return_if_fail (RTES_IS_SITE_CLIENT (self));
  g_return_if_fail (RTES_IS_FICHE (fiche));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rtes_site_client_publish_async);
  id = rtes_fiche_get_id (fiche);

  /* The id becomes part of a URL: it must be a slug, whatever its source. */
  if (!rtes_id_is_valid (id))
    {
      g_task_return_new_error (task, RTES_SYNC_ERROR, RTES_SYNC_ERROR_REFUSED,
                               _("“%s” is not a valid fiche id: not published"), id);
      return;
    }
  if (revision != NULL && !rtes_site_revision_is_valid (revision))
    {
      g_task_return_new_error (task, RTES_SYNC_ERROR, RTES_SYNC_ERROR_STATE,
                               _("The recorded revision of fiche %s is not valid"), id);
      return;
    }
  url = g_strdup_printf ("%s/export/fiches/%s.json", self->base_url, id);
  req = request_new (task, REQUEST_PUBLISH, SOUP_METHOD_PUT, url);
  if (req == NULL)
    return;
  req->fiche_id = g_strdup (id);

  data = rtes_fiche_to_data (fiche, &length);
  body = g_bytes_new_take (data, length);
  soup_message_set_request_body_from_bytes (req->msg, "application/json", body);

  headers = soup_message_get_request_headers (req->msg);
  if (self->token != NULL)
    {
      g_autofree char *authorization = g_strdup_printf ("Bearer %s", self->token);
      soup_message_headers_replace (headers, "Authorization", authorization);
      memset (authorization, 0, strlen (authorization));
    }
  if (revision != NULL)
    {
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", revision);
      soup_message_headers_replace (headers, "If-Match", quoted);
    }
  else
    soup_message_headers_replace (headers, "If-None-Match", "*");

  if (self->token == NULL || !self->plain_http)
    {
      request_start (self, task);
      return;
    }
  if (!self->loopback)
    {
      g_task_return_new_error (task, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INSECURE,
                               _("The token is never sent over plain http to %s: publish over https"),
                               self->host);
      return;
    }
  check_route (self, task, url);
}

char *
rtes_site_client_publish_finish (RtesSiteClient  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rtes_site_client_publish_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- fetch ---- */

static void
fetch_complete (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  guint status = soup_message_get_status (req->msg);

  if (status != SOUP_STATUS_OK)
    {
      /* The caller names the address it fetched. */
      g_task_return_new_error (task, RTES_SYNC_ERROR, RTES_SYNC_ERROR_SERVER,
                               _("HTTP %u %s"), status, soup_status_get_phrase (status));
      return;
    }
  g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&req->body)),
                         (GDestroyNotify) g_bytes_unref);
}

static void
remember_charset (SoupMessage *msg,
                  Request     *req)
{
  GHashTable *params = NULL;

  soup_message_headers_get_content_type (soup_message_get_response_headers (msg), &params);
  if (params != NULL)
    req->charset = g_strdup (g_hash_table_lookup (params, "charset"));
  g_clear_pointer (&params, g_hash_table_destroy);
}

void
rtes_site_client_fetch_async (RtesSiteClient      *self,
                              gsize                max_size,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *req;

  g_return_if_fail (RTES_IS_SITE_CLIENT (self));
  g_return_if_fail (max_size > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rtes_site_client_fetch_async);

  req = request_new (task, REQUEST_FETCH, SOUP_METHOD_GET, self->base_url);
  if (req == NULL)
    return;
  req->max_size = max_size;
  g_signal_connect (req->msg, "got-headers", G_CALLBACK (remember_charset), req);
  request_start (self, task);
}

GBytes *
rtes_site_client_fetch_finish (RtesSiteClient  *self,
                               GAsyncResult    *result,
                               char           **charset,
                               GError         **error)
{
  GBytes *bytes;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rtes_site_client_fetch_async, NULL);

  bytes = g_task_propagate_pointer (G_TASK (result), error);
  if (charset != NULL)
    {
      Request *req = g_task_get_task_data (G_TASK (result));

      *charset = bytes != NULL ? g_strdup (req->charset) : NULL;
    }
  return bytes;
}

/* ---- the session ---- */

SoupSession *
rtes_site_session_new (void)
{
  /* No session time-out: the client's own connect and total time-outs
   * apply to every request, and redirects are refused per message. */
  return soup_session_new_with_options ("user-agent", "rtes-fiches/" PACKAGE_VERSION " ", NULL);
}
