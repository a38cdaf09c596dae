/* rtes-test-site.c: a fake RTES site that follows the sync protocol
 *
 * It keeps fiches with revisions, answers the export with an ETag and 304,
 * checks the token and the If-Match / If-None-Match preconditions of PUT,
 * and can misbehave in each of the ways a real server or network does.
 * It runs in the test's main loop; the client must be async.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rtes-test-site.h"
#include "rtes-test-util.h"

#define CHUNK_SIZE (256 * 1024)

struct _RtesTestSite
{
  SoupServer *server;
  char *url;
  GHashTable *fiches;      /* id → JsonNode */
  GHashTable *revisions;   /* id → char* */
  GPtrArray *order;        /* ids in creation order */
  guint next_revision;
  guint generation;
  char *token;
  RtesTestFault fault;
  char *refusal;
  gboolean put_error;
  GHashTable *edits;       /* id → JSON text applied before its next PUT */
  GBytes *export_body;     /* answered instead of the export, if set */
  GBytes *put_answer;      /* answered to stored PUTs, if set */
  guint put_answer_status;
  RtesTestSiteStats stats;
};

static JsonNode *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static void
store (RtesTestSite *site,
       JsonNode     *doc)
{
  const char *id = json_object_get_string_member (json_node_get_object (doc), "id");

  if (!g_hash_table_contains (site->fiches, id))
    g_ptr_array_add (site->order, g_strdup (id));
  g_hash_table_insert (site->fiches, g_strdup (id), json_node_ref (doc));
  g_hash_table_insert (site->revisions, g_strdup (id), g_strdup_printf ("%u", site->next_revision++));
  site->generation++;
}

void
rtes_test_site_put (RtesTestSite *site,
                    const char   *json)
{
  g_autoptr(JsonNode) doc = parse (json);

  store (site, doc);
}

void
rtes_test_site_remove (RtesTestSite *site,
                       const char   *id)
{
  g_hash_table_remove (site->fiches, id);
  g_hash_table_remove (site->revisions, id);
  for (guint i = 0; i < site->order->len; i++)
    if (g_str_equal (g_ptr_array_index (site->order, i), id))
      g_ptr_array_remove_index (site->order, i--);
  site->generation++;
}

JsonNode *
rtes_test_site_get (RtesTestSite *site,
                    const char   *id)
{
  return g_hash_table_lookup (site->fiches, id);
}

const char *
rtes_test_site_get_revision (RtesTestSite *site,
                             const char   *id)
{
  return g_hash_table_lookup (site->revisions, id);
}

void
rtes_test_site_set_token (RtesTestSite *site,
                          const char   *token)
{
  g_free (site->token);
  site->token = g_strdup (token);
}

void
rtes_test_site_set_fault (RtesTestSite  *site,
                          RtesTestFault  fault)
{
  site->fault = fault;
}

void
rtes_test_site_set_export_body (RtesTestSite *site,
                                const char   *body,
                                gsize         length)
{
  g_clear_pointer (&site->export_body, g_bytes_unref);
  if (body != NULL)
    site->export_body = g_bytes_new (body, length);
}

void
rtes_test_site_set_put_answer (RtesTestSite *site,
                               guint         status,
                               const char   *body,
                               gsize         length)
{
  g_clear_pointer (&site->put_answer, g_bytes_unref);
  site->put_answer_status = status;
  if (body != NULL)
    site->put_answer = g_bytes_new (body, length);
}

void
rtes_test_site_set_refusal (RtesTestSite *site,
                            const char   *message)
{
  g_free (site->refusal);
  site->refusal = g_strdup (message);
}

void
rtes_test_site_set_put_error (RtesTestSite *site,
                              gboolean      fail)
{
  site->put_error = fail;
}

void
rtes_test_site_edit_before_put (RtesTestSite *site,
                                const char   *json)
{
  g_autoptr(JsonNode) doc = parse (json);
  const char *id = json_object_get_string_member (json_node_get_object (doc), "id");

  g_hash_table_insert (site->edits, g_strdup (id), g_strdup (json));
}

RtesTestSiteStats *
rtes_test_site_get_stats (RtesTestSite *site)
{
  return &site->stats;
}

/* ---- GET /export/fiches.json ---- */

static char *
etag (RtesTestSite *site)
{
  return g_strdup_printf ("\"gen-%u\"", site->generation);
}

static char *
export_json (RtesTestSite *site,
             gsize        *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "rtes-site-export");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "generated");
  json_builder_add_string_value (builder, "2026-11-20T10:00:00Z");
  json_builder_set_member_name (builder, "fiches");
  json_builder_begin_array (builder);
  for (guint i = 0; i < site->order->len; i++)
    {
      const char *id = g_ptr_array_index (site->order, i);
      JsonNode *entry = json_node_copy (g_hash_table_lookup (site->fiches, id));

      json_object_set_string_member (json_node_get_object (entry), "revision",
                                     g_hash_table_lookup (site->revisions, id));
      json_builder_add_value (builder, entry);
    }
  if (site->fault == RTES_TEST_FAULT_HOSTILE)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "format");
      json_builder_add_string_value (builder, "rtes-fiche");
      json_builder_set_member_name (builder, "version");
      json_builder_add_int_value (builder, 1);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, "../x");
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, "Evil");
      json_builder_set_member_name (builder, "revision");
      json_builder_add_string_value (builder, "1");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, length);
}

/* Writes a raw answer on the stolen connection and closes it mid-body. */
static void
reset_mid_body (SoupServerMessage *msg,
                const char        *body,
                gsize              length)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                                           "Content-Type: application/json\r\n"
                                           "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n",
                                           length);
  GOutputStream *out = g_io_stream_get_output_stream (stream);

  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, body, length / 2, NULL, NULL, NULL);
  g_output_stream_flush (out, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
more_chunks_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  static char chunk[CHUNK_SIZE];

  memset (chunk, ' ', sizeof chunk);
  soup_message_body_append (soup_server_message_get_response_body (msg),
                            SOUP_MEMORY_STATIC, chunk, sizeof chunk);
}

static void
handle_export (RtesTestSite      *site,
               SoupServerMessage *msg)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  g_autofree char *tag = etag (site);
  const char *if_none_match = soup_message_headers_get_one (request, "If-None-Match");
  g_autofree char *body = NULL;
  gsize length;

  site->stats.gets++;
  if (site->export_body != NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (site->export_body, NULL),
                                        g_bytes_get_size (site->export_body));
      return;
    }
  switch (site->fault)
    {
    case RTES_TEST_FAULT_500:
      soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      return;
    case RTES_TEST_FAULT_SLOW:
      soup_server_message_pause (msg);
      return;
    case RTES_TEST_FAULT_REDIRECT:
      soup_server_message_set_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY,
                                        "http://example.org/export/fiches.json");
      return;
    case RTES_TEST_FAULT_INVALID:
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "<html>Maintenance</html>", 24);
      return;
    case RTES_TEST_FAULT_SLOW_BODY:
    case RTES_TEST_FAULT_HUGE_LENGTH:
      /* The body is never completed: the server waits for more. */
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_content_length (response, site->fault == RTES_TEST_FAULT_SLOW_BODY
                                                         ? 4096 : 100 * 1024 * 1024);
      soup_message_headers_set_content_type (response, "application/json", NULL);
      soup_message_body_append (soup_server_message_get_response_body (msg),
                                SOUP_MEMORY_STATIC, "{\"format\":", 10);
      return;
    case RTES_TEST_FAULT_HUGE_STREAM:
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_encoding (response, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (response, "application/json", NULL);
      g_signal_connect (msg, "wrote-chunk", G_CALLBACK (more_chunks_cb), NULL);
      more_chunks_cb (msg, NULL);
      return;
    case RTES_TEST_FAULT_NONE:
    case RTES_TEST_FAULT_RESET:
    case RTES_TEST_FAULT_TRUNCATED:
    case RTES_TEST_FAULT_HOSTILE:
    default:
      break;
    }

  if (site->fault == RTES_TEST_FAULT_NONE && g_strcmp0 (if_none_match, tag) == 0)
    {
      site->stats.not_modified++;
      soup_message_headers_replace (response, "ETag", tag);
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }

  body = export_json (site, &length);
  if (site->fault == RTES_TEST_FAULT_RESET)
    {
      reset_mid_body (msg, body, length);
      return;
    }
  if (site->fault == RTES_TEST_FAULT_TRUNCATED)
    length /= 2;
  soup_message_headers_replace (response, "ETag", tag);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, length);
}

/* ---- PUT /export/fiches/<id>.json ---- */

static void
answer_json (SoupServerMessage *msg,
             guint              status,
             const char        *member,
             const char        *value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  body = json_generator_to_data (generator, &length);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, length);
}

static gboolean
preconditions_hold (RtesTestSite *site,
                    const char   *id,
                    const char   *if_match,
                    const char   *if_none_match)
{
  const char *revision = g_hash_table_lookup (site->revisions, id);
  g_autofree char *quoted = revision ? g_strdup_printf ("\"%s\"", revision) : NULL;

  if (if_match != NULL)
    return quoted != NULL && g_str_equal (if_match, quoted);
  if (if_none_match != NULL)
    return g_str_equal (if_none_match, "*") && revision == NULL;
  return FALSE;
}

static void
handle_put (RtesTestSite      *site,
            SoupServerMessage *msg,
            const char        *id)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autofree char *expected = g_strdup_printf ("Bearer %s", site->token ? site->token : "");
  const char *authorization = soup_message_headers_get_one (request, "Authorization");
  const char *if_match = soup_message_headers_get_one (request, "If-Match");
  const char *if_none_match = soup_message_headers_get_one (request, "If-None-Match");
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *edit;
  JsonNode *root;
  gboolean existed;

  site->stats.puts++;
  g_clear_pointer (&site->stats.last_if_match, g_free);
  g_clear_pointer (&site->stats.last_if_none_match, g_free);
  g_clear_pointer (&site->stats.last_authorization, g_free);
  site->stats.last_if_match = g_strdup (if_match);
  site->stats.last_if_none_match = g_strdup (if_none_match);
  site->stats.last_authorization = g_strdup (authorization);

  if (site->put_error)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      return;
    }
  if (site->token == NULL || g_strcmp0 (authorization, expected) != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_UNAUTHORIZED, NULL);
      return;
    }
  edit = g_hash_table_lookup (site->edits, id);
  if (edit != NULL)
    {
      rtes_test_site_put (site, edit);
      g_hash_table_remove (site->edits, id);
    }
  if (!preconditions_hold (site, id, if_match, if_none_match))
    {
      site->stats.precondition_failed++;
      soup_server_message_set_status (msg, SOUP_STATUS_PRECONDITION_FAILED, NULL);
      return;
    }
  if (site->refusal != NULL)
    {
      answer_json (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "error", site->refusal);
      return;
    }
  if (!json_parser_load_from_data (parser, body->data, body->length, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
      || g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (json_parser_get_root (parser)),
                                                                "id", NULL), id) != 0)
    {
      answer_json (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "error", "not a fiche with this id");
      return;
    }
  root = json_parser_get_root (parser);
  existed = g_hash_table_contains (site->fiches, id);
  store (site, root);
  site->stats.stored++;
  if (site->put_answer != NULL)
    {
      soup_server_message_set_status (msg, site->put_answer_status, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (site->put_answer, NULL),
                                        g_bytes_get_size (site->put_answer));
      return;
    }
  answer_json (msg, existed ? SOUP_STATUS_OK : SOUP_STATUS_CREATED, "revision",
               g_hash_table_lookup (site->revisions, id));
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  RtesTestSite *site = user_data;
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (path, "/export/fiches.json") && g_str_equal (method, "GET"))
    handle_export (site, msg);
  else if (g_str_has_prefix (path, "/export/fiches/") && g_str_has_suffix (path, ".json")
           && g_str_equal (method, "PUT"))
    {
      g_autofree char *id = g_strndup (path + strlen ("/export/fiches/"),
                                       strlen (path) - strlen ("/export/fiches/") - strlen (".json"));
      handle_put (site, msg, id);
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static RtesTestSite *
site_new (GTlsCertificate *certificate)
{
  RtesTestSite *site = g_new0 (RtesTestSite, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;
  g_autofree char *uri = NULL;

  site->server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_listen_local (site->server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY | (certificate ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);
  soup_server_add_handler (site->server, NULL, handler, site, NULL);
  uris = soup_server_get_uris (site->server);
  g_assert_nonnull (uris);
  uri = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  /* g_uri_to_string gives "http://127.0.0.1:port/"; keep no slash. */
  if (g_str_has_suffix (uri, "/"))
    uri[strlen (uri) - 1] = '\0';
  site->url = g_steal_pointer (&uri);

  site->fiches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  site->revisions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  site->edits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  site->order = g_ptr_array_new_with_free_func (g_free);
  site->next_revision = 1;
  return site;
}

RtesTestSite *
rtes_test_site_new (void)
{
  return site_new (NULL);
}

RtesTestSite *
rtes_test_site_new_https (const char *pem_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_file (pem_path, &error);

  g_assert_no_error (error);
  return site_new (certificate);
}

void
rtes_test_site_free (RtesTestSite *site)
{
  soup_server_disconnect (site->server);
  g_object_unref (site->server);
  g_hash_table_unref (site->fiches);
  g_hash_table_unref (site->revisions);
  g_hash_table_unref (site->edits);
  g_ptr_array_unref (site->order);
  g_free (site->url);
  g_free (site->token);
  g_free (site->refusal);
  g_clear_pointer (&site->export_body, g_bytes_unref);
  g_clear_pointer (&site->put_answer, g_bytes_unref);
  g_free (site->stats.last_if_match);
  g_free (site->stats.last_if_none_match);
  g_free (site->stats.last_authorization);
  g_free (site);
}

const char *
rtes_test_site_get_url (RtesTestSite *site)
{
  return site->url;
}

int
rtes_test_site_run_cli (const char  *library,
                        const char  *token,
                        char       **out,
                        char       **err,
                        ...)
{
  RtesTestCli how = { .token = token, .serve = TRUE };
  g_auto(RtesTestRun) run = { 0 };
  va_list ap;

  va_start (ap, err);
  rtes_test_run_cli_va (&run, &how, library, ap);
  va_end (ap);
  if (out != NULL)
    *out = g_steal_pointer (&run.out);
  if (err != NULL)
    *err = g_steal_pointer (&run.err);
  return run.status;
}
