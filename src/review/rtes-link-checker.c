/* rtes-link-checker.c: do the links of a fiche's text still answer?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rtes-link-checker.h"
#include "rtes-review.h"

struct _RtesLinkChecker
{
  GObject parent_instance;

  SoupSession *session;
  guint timeout_ms;
};

G_DEFINE_FINAL_TYPE (RtesLinkChecker, rtes_link_checker, G_TYPE_OBJECT)

/* ---- the links of a fiche ---- */

static void
rtes_link_free (RtesLink *link)
{
  if (link == NULL)
    return;
  g_free (link->field);
  g_free (link->uri);
  g_free (link);
}

static GRegex *
link_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      /* As the fiche text markup reads them (rtes-fiche-text.h):
       * [label](address) first, then bare addresses without the
       * punctuation that ends a sentence. */
      GRegex *r = g_regex_new ("\\[[^\\]\\n]+\\]\\((https?://[^)\\s]+)\\)"
                               "|(https?://[^\\s<>\"«»]+[^\\s<>\"«».,;:!?)\\]])",
                               G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&regex, r);
    }
  return regex;
}

static void
find_links_cb (const char *field,
               const char *text,
               gboolean    prose,
               gpointer    user_data)
{
  GPtrArray *links = user_data;
  g_autoptr(GMatchInfo) match = NULL;

  if (!prose || !g_utf8_validate (text, -1, NULL))
    return;
  g_regex_match (link_regex (), text, 0, &match);
  while (g_match_info_matches (match))
    {
      int s = -1, e = -1;
      RtesLink *link;

      if (!g_match_info_fetch_pos (match, 1, &s, &e) || s < 0)
        g_match_info_fetch_pos (match, 2, &s, &e);
      link = g_new0 (RtesLink, 1);
      link->field = g_strdup (field);
      link->uri = g_strndup (text + s, e - s);
      link->start = s;
      link->end = e;
      g_ptr_array_add (links, link);
      g_match_info_next (match, NULL);
    }
}

GPtrArray *
rtes_link_find_all (RtesFiche *fiche)
{
  GPtrArray *links = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_link_free);

  g_return_val_if_fail (RTES_IS_FICHE (fiche), links);

  if (rtes_fiche_get_load_error (fiche) == NULL)
    rtes_review_foreach_text (fiche, find_links_cb, links);
  return links;
}

/* ---- the object ---- */

static void
rtes_link_checker_dispose (GObject *object)
{
  RtesLinkChecker *self = RTES_LINK_CHECKER (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (rtes_link_checker_parent_class)->dispose (object);
}

static void
rtes_link_checker_class_init (RtesLinkCheckerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rtes_link_checker_dispose;
}

static void
rtes_link_checker_init (RtesLinkChecker *self)
{
  self->timeout_ms = RTES_LINK_CHECKER_DEFAULT_TIMEOUT;
}

RtesLinkChecker *
rtes_link_checker_new (SoupSession *session)
{
  RtesLinkChecker *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);

  self = g_object_new (RTES_TYPE_LINK_CHECKER, NULL);
  self->session = g_object_ref (session);
  return self;
}

void
rtes_link_checker_set_timeout (RtesLinkChecker *self,
                               guint            timeout_ms)
{
  g_return_if_fail (RTES_IS_LINK_CHECKER (self));
  self->timeout_ms = timeout_ms;
}

/* ---- one address ---- */

typedef struct {
  GUri         *uri;          /* the address asked now */
  const char   *method;       /* HEAD, or GET for sites that refuse HEAD */
  guint         redirects;
  SoupMessage  *msg;
  GCancellable *internal;     /* cancelled by the time-out or the caller */
  GCancellable *user;
  gulong        user_handler;
  guint         timeout_source;
  gboolean      timed_out;
} Check;

typedef struct {
  RtesLinkStatus status;
  char *detail;
} CheckResult;

static void
check_result_free (CheckResult *result)
{
  g_free (result->detail);
  g_free (result);
}

static void
check_free (Check *check)
{
  g_clear_handle_id (&check->timeout_source, g_source_remove);
  if (check->user != NULL && check->user_handler != 0)
    g_cancellable_disconnect (check->user, check->user_handler);
  g_clear_object (&check->user);
  g_clear_object (&check->internal);
  g_clear_object (&check->msg);
  g_clear_pointer (&check->uri, g_uri_unref);
  g_free (check);
}

static void
return_status (GTask          *task,
               RtesLinkStatus  status,
               char           *detail)
{
  CheckResult *result = g_new0 (CheckResult, 1);

  result->status = status;
  result->detail = detail;
  g_task_return_pointer (task, result, (GDestroyNotify) check_result_free);
}

static gboolean
timeout_cb (gpointer user_data)
{
  Check *check = user_data;

  check->timeout_source = 0;
  check->timed_out = TRUE;
  g_cancellable_cancel (check->internal);
  return G_SOURCE_REMOVE;
}

static void
user_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void send_cb (GObject *source, GAsyncResult *result, gpointer user_data);

static void
check_send (GTask *task)
{
  RtesLinkChecker *self = g_task_get_source_object (task);
  Check *check = g_task_get_task_data (task);

  g_clear_object (&check->msg);
  check->msg = soup_message_new_from_uri (check->method, check->uri);
  /* Each redirect is looked at before it is followed. */
  soup_message_add_flags (check->msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_async (self->session, check->msg, G_PRIORITY_DEFAULT, check->internal,
                           send_cb, g_object_ref (task));
}

/* A redirect is followed on the same host only, and never from https to
 * plain http: a link that leads elsewhere is for a person to look at. */
static void
follow_redirect (GTask *task)
{
  Check *check = g_task_get_task_data (task);
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (check->msg),
                                                       "Location");
  g_autoptr(GUri) target = NULL;
  const char *from_host = g_uri_get_host (check->uri);
  const char *to_host;

  if (location != NULL)
    target = g_uri_parse_relative (check->uri, location, G_URI_FLAGS_ENCODED, NULL);
  if (target == NULL)
    {
      return_status (task, RTES_LINK_BROKEN,
                     g_strdup_printf ("%u %s", soup_message_get_status (check->msg),
                                      soup_message_get_reason_phrase (check->msg)));
      return;
    }
  to_host = g_uri_get_host (target);
  if (to_host == NULL || from_host == NULL || g_ascii_strcasecmp (from_host, to_host) != 0 ||
      (g_ascii_strcasecmp (g_uri_get_scheme (check->uri), "https") == 0 &&
       g_ascii_strcasecmp (g_uri_get_scheme (target), "https") != 0))
    {
      return_status (task, RTES_LINK_REDIRECT_AWAY, g_uri_to_string (target));
      return;
    }
  if (++check->redirects > RTES_LINK_CHECKER_MAX_REDIRECTS)
    {
      return_status (task, RTES_LINK_BROKEN, g_strdup (_("too many redirects")));
      return;
    }
  g_uri_unref (check->uri);
  check->uri = g_steal_pointer (&target);
  check_send (task);
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Check *check = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  guint status;

  if (stream == NULL)
    {
      if (check->timed_out)
        return_status (task, RTES_LINK_TIMEOUT, NULL);
      else if (g_cancellable_is_cancelled (check->internal))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Link check cancelled"));
      else
        return_status (task, RTES_LINK_UNREACHABLE, g_strdup (error->message));
      return;
    }
  /* Only the headers matter: the body of a GET is never read. */
  g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);

  status = soup_message_get_status (check->msg);
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return_status (task, RTES_LINK_OK, g_strdup_printf ("%u %s", status,
                                                        soup_message_get_reason_phrase (check->msg)));
  else if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED)
    follow_redirect (task);
  else if ((status == SOUP_STATUS_METHOD_NOT_ALLOWED || status == SOUP_STATUS_NOT_IMPLEMENTED) &&
           g_str_equal (check->method, "HEAD"))
    {
      /* Some sites answer GET only. */
      check->method = "GET";
      check_send (task);
    }
  else
    return_status (task, RTES_LINK_BROKEN,
                   g_strdup_printf ("%u %s", status, soup_message_get_reason_phrase (check->msg)));
}

void
rtes_link_checker_check_async (RtesLinkChecker     *self,
                               const char          *uri,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Check *check;
  GUri *parsed;
  const char *scheme;

  g_return_if_fail (RTES_IS_LINK_CHECKER (self));
  g_return_if_fail (uri != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rtes_link_checker_check_async);

  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  scheme = parsed != NULL ? g_uri_get_scheme (parsed) : NULL;
  if (parsed == NULL || g_uri_get_host (parsed) == NULL || g_uri_get_host (parsed)[0] == '\0' ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_clear_pointer (&parsed, g_uri_unref);
      return_status (task, RTES_LINK_BROKEN, g_strdup (_("not a web address")));
      return;
    }

  check = g_new0 (Check, 1);
  check->uri = parsed;
  check->method = "HEAD";
  check->internal = g_cancellable_new ();
  if (cancellable != NULL)
    {
      check->user = g_object_ref (cancellable);
      check->user_handler = g_cancellable_connect (cancellable, G_CALLBACK (user_cancelled_cb),
                                                   g_object_ref (check->internal), g_object_unref);
    }
  if (self->timeout_ms > 0)
    check->timeout_source = g_timeout_add (self->timeout_ms, timeout_cb, check);
  g_task_set_task_data (task, check, (GDestroyNotify) check_free);
  check_send (task);
}

RtesLinkStatus
rtes_link_checker_check_finish (RtesLinkChecker  *self,
                                GAsyncResult     *result,
                                char            **detail,
                                GError          **error)
{
  CheckResult *check_result;
  RtesLinkStatus status;

  g_return_val_if_fail (g_task_is_valid (result, self), RTES_LINK_BROKEN);

  check_result = g_task_propagate_pointer (G_TASK (result), error);
  if (check_result == NULL)
    {
      if (detail != NULL)
        *detail = NULL;
      return RTES_LINK_BROKEN;
    }
  status = check_result->status;
  if (detail != NULL)
    *detail = g_steal_pointer (&check_result->detail);
  check_result_free (check_result);
  return status;
}

/* ---- every link of a fiche ---- */

typedef struct {
  char *id;
  GPtrArray *links;       /* RtesLink* */
  GHashTable *pending;    /* uri → GPtrArray of RtesLink* (borrowed) */
  GPtrArray *findings;
  guint timeout_s;
} Review;

static void
review_free (Review *review)
{
  g_free (review->id);
  g_ptr_array_unref (review->links);
  g_hash_table_unref (review->pending);
  g_ptr_array_unref (review->findings);
  g_free (review);
}

static char *
link_message (RtesLinkStatus  status,
              const char     *detail,
              guint           timeout_s)
{
  switch (status)
    {
    case RTES_LINK_BROKEN:
      /* Translators: %s is what the site answered, e.g. "404 Not Found" */
      return g_strdup_printf (_("The link answers “%s”"), detail != NULL ? detail : "?");
    case RTES_LINK_TIMEOUT:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The link did not answer within %u second",
                                           "The link did not answer within %u seconds", timeout_s),
                              timeout_s);
    case RTES_LINK_REDIRECT_AWAY:
      /* Translators: %s is the address the link leads to */
      return g_strdup_printf (_("The link leads to another site, %s: not followed"),
                              detail != NULL ? detail : "?");
    case RTES_LINK_UNREACHABLE:
      return g_strdup_printf (_("The link cannot be reached: %s"), detail != NULL ? detail : "?");
    case RTES_LINK_OK:
    default:
      return NULL;
    }
}

/* One address being checked for a review. */
typedef struct {
  GTask *task;
  char  *uri;
} LinkCall;

static void
review_link_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LinkCall *call = user_data;
  g_autoptr(GTask) task = call->task;
  g_autofree char *uri = call->uri;
  Review *review = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *message = NULL;
  RtesLinkStatus status;
  GPtrArray *same;

  g_free (call);

  status = rtes_link_checker_check_finish (RTES_LINK_CHECKER (source), result, &detail, &error);
  if (g_task_get_completed (task) || g_task_had_error (task))
    return;
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  same = g_hash_table_lookup (review->pending, uri);
  message = link_message (status, detail, review->timeout_s);
  for (guint i = 0; message != NULL && same != NULL && i < same->len; i++)
    {
      RtesLink *link = g_ptr_array_index (same, i);
      RtesFinding *finding = rtes_finding_new (RTES_FINDING_LINK, RTES_FINDING_WARNING, link->field,
                                               link->uri, link->start, link->end, message);

      rtes_finding_set_id (finding, review->id);
      g_ptr_array_add (review->findings, finding);
    }
  g_hash_table_remove (review->pending, uri);
  if (g_hash_table_size (review->pending) == 0)
    {
      rtes_findings_sort (review->findings);
      g_task_return_pointer (task, g_ptr_array_ref (review->findings), (GDestroyNotify) g_ptr_array_unref);
    }
}

void
rtes_link_checker_review_async (RtesLinkChecker     *self,
                                RtesFiche           *fiche,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GList) uris = NULL;
  Review *review;

  g_return_if_fail (RTES_IS_LINK_CHECKER (self));
  g_return_if_fail (RTES_IS_FICHE (fiche));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rtes_link_checker_review_async);
  review = g_new0 (Review, 1);
  review->id = g_strdup (rtes_fiche_get_id (fiche));
  review->links = rtes_link_find_all (fiche);
  review->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_ptr_array_unref);
  review->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_finding_free);
  review->timeout_s = (self->timeout_ms + 999) / 1000;
  g_task_set_task_data (task, review, (GDestroyNotify) review_free);

  for (guint i = 0; i < review->links->len; i++)
    {
      RtesLink *link = g_ptr_array_index (review->links, i);
      GPtrArray *same = g_hash_table_lookup (review->pending, link->uri);

      if (same == NULL)
        {
          same = g_ptr_array_new ();
          g_hash_table_insert (review->pending, g_strdup (link->uri), same);
        }
      g_ptr_array_add (same, link);
    }
  if (g_hash_table_size (review->pending) == 0)
    {
      g_task_return_pointer (task, g_ptr_array_ref (review->findings), (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  uris = g_hash_table_get_keys (review->pending);
  for (GList *l = uris; l != NULL; l = l->next)
    {
      LinkCall *call = g_new0 (LinkCall, 1);

      call->task = g_object_ref (task);
      call->uri = g_strdup (l->data);
      rtes_link_checker_check_async (self, l->data, cancellable, review_link_cb, call);
    }
}

GPtrArray *
rtes_link_checker_review_finish (RtesLinkChecker  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
