/* rtes-sync-controller.c: what the window's Sync button drives
 *
 * Glue between the window and RtesSync: the keyring lookup, one run at a
 * time, progress as properties that widgets bind to, and the list of
 * fiches with open conflicts for the sidebar. It has no widget, so the
 * window stays free of HTTP and the tests need no display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rtes-sync-controller.h"
#include "rtes-task.h"
#include "rtes-token-store.h"

struct _RtesSyncController
{
  GObject parent_instance;

  /* owned references */
  RtesLibrary *library;
  SoupSession *session;
  RtesSiteClient *client;
  RtesSync *sync;
  GCancellable *cancellable;

  /* state */
  char *token;
  gboolean running;
  double fraction;
  char *message;
  GStrv conflicting_ids;
  GStrv first_sync_ids;   /* of those, the ones whose conflicts have no base */
  gboolean has_token;
};

G_DEFINE_FINAL_TYPE (RtesSyncController, rtes_sync_controller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_FRACTION,
  PROP_MESSAGE,
  PROP_CONFLICTING_IDS,
  PROP_HAS_TOKEN,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
wipe_token (RtesSyncController *self)
{
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_clear_pointer (&self->token, g_free);
}

static void
set_progress (RtesSyncController *self,
              double              fraction,
              const char         *message)
{
  if (self->fraction != fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
}

static void
set_running (RtesSyncController *self,
             gboolean            running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
set_has_token (RtesSyncController *self,
               gboolean            has_token)
{
  if (self->has_token == has_token)
    return;
  self->has_token = has_token;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_TOKEN]);
}

static void
finish (RtesSyncController *self,
        RtesSyncSummary    *summary,
        const GError       *error)
{
  g_clear_object (&self->sync);
  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  set_running (self, FALSE);
  set_progress (self, summary ? 1.0 : 0.0, NULL);
  rtes_sync_controller_refresh_conflicts (self);
  g_signal_emit (self, signals[FINISHED], 0, summary, error);
}

/* ---- running ---- */

static void
progress_cb (RtesSync           *sync,
             double              fraction,
             const char         *message,
             RtesSyncController *self)
{
  set_progress (self, fraction, message);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RtesSyncController) self = user_data;
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = rtes_sync_run_finish (RTES_SYNC (source), result, &error);
  finish (self, summary, error);
}

static void
run (RtesSyncController *self,
     const char         *token)
{
  RtesSyncFlags flags = RTES_SYNC_FLAGS_NO_TOKEN;

  set_has_token (self, token != NULL && token[0] != '\0');
  if (token != NULL && token[0] != '\0')
    {
      rtes_site_client_set_token (self->client, token);
      flags = RTES_SYNC_FLAGS_PUBLISH;
    }
  self->sync = rtes_sync_new (self->library, self->client);
  g_signal_connect_object (self->sync, "progress", G_CALLBACK (progress_cb), self, 0);
  rtes_sync_run_async (self->sync, flags, self->cancellable, run_done_cb, g_object_ref (self));
}

static void
token_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RtesSyncController) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = rtes_token_store_lookup_finish (result, &error);

  /* No keyring is not an error: the sync then only pulls. */
  if (error != NULL)
    g_debug ("No token from the keyring: %s", error->message);
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                        _("Sync cancelled"));
      finish (self, NULL, cancelled);
    }
  else
    run (self, token);
  if (token != NULL)
    memset (token, 0, strlen (token));
}

void
rtes_sync_controller_start (RtesSyncController *self,
                            const char         *site_url)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RTES_IS_SYNC_CONTROLLER (self));

  if (self->running)
    return;
  set_running (self, TRUE);
  set_progress (self, 0.0, _("Starting…"));
  self->cancellable = g_cancellable_new ();

  if (site_url == NULL || site_url[0] == '\0')
    {
      g_set_error_literal (&error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_NO_SITE,
                           _("No site address: set it in Preferences"));
      finish (self, NULL, error);
      return;
    }
  self->client = rtes_site_client_new (self->session, site_url, RTES_SITE_CLIENT_FLAGS_NONE, &error);
  if (self->client == NULL)
    {
      finish (self, NULL, error);
      return;
    }
  if (self->token != NULL || !rtes_token_store_is_available ())
    run (self, self->token);
  else
    rtes_token_store_lookup_async (rtes_site_client_get_base_url (self->client), self->cancellable,
                                   token_cb, g_object_ref (self));
}

void
rtes_sync_controller_cancel (RtesSyncController *self)
{
  g_return_if_fail (RTES_IS_SYNC_CONTROLLER (self));
  g_cancellable_cancel (self->cancellable);
}

void
rtes_sync_controller_set_token (RtesSyncController *self,
                                const char         *token)
{
  g_return_if_fail (RTES_IS_SYNC_CONTROLLER (self));
  wipe_token (self);
  self->token = g_strdup (token);
  if (token != NULL)
    set_has_token (self, token[0] != '\0');
}

static void
token_looked_up_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RtesSyncController) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = rtes_token_store_lookup_finish (result, &error);

  /* A token set meanwhile says more than the keyring. */
  if (self->token == NULL)
    set_has_token (self, token != NULL && token[0] != '\0');
  if (token != NULL)
    memset (token, 0, strlen (token));
}

void
rtes_sync_controller_refresh_token (RtesSyncController *self,
                                    const char         *site_url)
{
  g_autoptr(RtesSiteClient) client = NULL;

  g_return_if_fail (RTES_IS_SYNC_CONTROLLER (self));

  if (self->token != NULL)
    {
      set_has_token (self, self->token[0] != '\0');
      return;
    }
  /* Keyed as the sync looks it up: by the address as the client has it. */
  client = site_url != NULL && site_url[0] != '\0'
           ? rtes_site_client_new (self->session, site_url, RTES_SITE_CLIENT_FLAGS_NONE, NULL) : NULL;
  if (client == NULL || !rtes_token_store_is_available ())
    {
      set_has_token (self, FALSE);
      return;
    }
  rtes_token_store_lookup_async (rtes_site_client_get_base_url (client), NULL,
                                 token_looked_up_cb, g_object_ref (self));
}

gboolean
rtes_sync_controller_get_has_token (RtesSyncController *self)
{
  g_return_val_if_fail (RTES_IS_SYNC_CONTROLLER (self), FALSE);
  return self->has_token;
}

/* ---- conflicts ---- */

/* What the conflicts thread found: the ids with conflicts, and those
 * whose every conflict has no common base (a first sync). */
typedef struct {
  GStrv ids;
  GStrv first_sync;
} Conflicting;

static void
conflicting_free (Conflicting *c)
{
  g_strfreev (c->ids);
  g_strfreev (c->first_sync);
  g_free (c);
}

static void
conflicts_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_autofree char *dir = rtes_sync_state_dir_for_library (task_data);
  g_autoptr(RtesSyncState) state = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) first_sync = g_strv_builder_new ();
  Conflicting *found;
  GError *error = NULL;

  state = rtes_sync_state_load (dir, &error);
  if (state == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Sorted by id already: one run per fiche. */
  conflicts = rtes_sync_state_get_conflicts (state, NULL);
  for (guint i = 0; i < conflicts->len;)
    {
      const char *id = ((RtesConflict *) g_ptr_array_index (conflicts, i))->id;
      gboolean all_first = TRUE;

      for (; i < conflicts->len && g_strcmp0 (((RtesConflict *) g_ptr_array_index (conflicts, i))->id, id) == 0; i++)
        all_first &= ((RtesConflict *) g_ptr_array_index (conflicts, i))->kind == RTES_CONFLICT_BOTH_ADDED;
      g_strv_builder_add (builder, id);
      if (all_first)
        g_strv_builder_add (first_sync, id);
    }
  found = g_new0 (Conflicting, 1);
  found->ids = g_strv_builder_end (builder);
  found->first_sync = g_strv_builder_end (first_sync);
  g_task_return_pointer (task, found, (GDestroyNotify) conflicting_free);
}

static void
conflicts_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RtesSyncController) self = user_data;
  g_autoptr(GError) error = NULL;
  Conflicting *found = g_task_propagate_pointer (G_TASK (result), &error);
  gboolean same;

  if (found == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  same = self->conflicting_ids != NULL
         && g_strv_equal ((const char * const *) found->ids, (const char * const *) self->conflicting_ids)
         && g_strv_equal ((const char * const *) found->first_sync, (const char * const *) self->first_sync_ids);
  g_strfreev (self->conflicting_ids);
  g_strfreev (self->first_sync_ids);
  self->conflicting_ids = g_steal_pointer (&found->ids);
  self->first_sync_ids = g_steal_pointer (&found->first_sync);
  conflicting_free (found);
  if (!same)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICTING_IDS]);
}

void
rtes_sync_controller_refresh_conflicts (RtesSyncController *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RTES_IS_SYNC_CONTROLLER (self));
  /* No source object: the controller is let go of in the main thread. */
  task = g_task_new (NULL, NULL, conflicts_cb, g_object_ref (self));
  g_task_set_source_tag (task, rtes_sync_controller_refresh_conflicts);
  g_task_set_task_data (task, g_strdup (rtes_library_get_path (self->library)), g_free);
  rtes_task_run_in_thread (task, conflicts_thread);
}

const char * const *
rtes_sync_controller_get_conflicting_ids (RtesSyncController *self)
{
  static const char *none[] = { NULL };

  g_return_val_if_fail (RTES_IS_SYNC_CONTROLLER (self), none);
  return self->conflicting_ids ? (const char * const *) self->conflicting_ids : none;
}

gboolean
rtes_sync_controller_is_first_sync (RtesSyncController *self,
                                    const char         *id)
{
  g_return_val_if_fail (RTES_IS_SYNC_CONTROLLER (self), FALSE);
  return self->first_sync_ids != NULL && g_strv_contains ((const char * const *) self->first_sync_ids, id);
}

gboolean
rtes_sync_controller_has_conflicts (RtesSyncController *self,
                                    const char         *id)
{
  g_return_val_if_fail (RTES_IS_SYNC_CONTROLLER (self), FALSE);
  return self->conflicting_ids != NULL
         && g_strv_contains ((const char * const *) self->conflicting_ids, id);
}

/* ---- object ---- */

gboolean
rtes_sync_controller_get_running (RtesSyncController *self)
{
  g_return_val_if_fail (RTES_IS_SYNC_CONTROLLER (self), FALSE);
  return self->running;
}

double
rtes_sync_controller_get_fraction (RtesSyncController *self)
{
  g_return_val_if_fail (RTES_IS_SYNC_CONTROLLER (self), 0.0);
  return self->fraction;
}

const char *
rtes_sync_controller_get_message (RtesSyncController *self)
{
  g_return_val_if_fail (RTES_IS_SYNC_CONTROLLER (self), NULL);
  return self->message;
}

static void
rtes_sync_controller_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RtesSyncController *self = RTES_SYNC_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_CONFLICTING_IDS:
      g_value_set_boxed (value, rtes_sync_controller_get_conflicting_ids (self));
      break;
    case PROP_HAS_TOKEN:
      g_value_set_boolean (value, self->has_token);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_sync_controller_dispose (GObject *object)
{
  RtesSyncController *self = RTES_SYNC_CONTROLLER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->sync);
  g_clear_object (&self->client);
  g_clear_object (&self->session);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (rtes_sync_controller_parent_class)->dispose (object);
}

static void
rtes_sync_controller_finalize (GObject *object)
{
  RtesSyncController *self = RTES_SYNC_CONTROLLER (object);

  wipe_token (self);
  g_free (self->message);
  g_strfreev (self->conflicting_ids);
  g_strfreev (self->first_sync_ids);

  G_OBJECT_CLASS (rtes_sync_controller_parent_class)->finalize (object);
}

static void
rtes_sync_controller_class_init (RtesSyncControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = rtes_sync_controller_get_property;
  object_class->dispose = rtes_sync_controller_dispose;
  object_class->finalize = rtes_sync_controller_finalize;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONFLICTING_IDS] =
    g_param_spec_boxed ("conflicting-ids", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_TOKEN] =
    g_param_spec_boolean ("has-token", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RtesSyncController::finished:
   * @summary: (nullable): what the sync did, or NULL if it failed
   * @error: (nullable): why it failed (G_IO_ERROR_CANCELLED if cancelled);
   *   nothing was changed then
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                    RTES_TYPE_SYNC_SUMMARY, G_TYPE_ERROR);
}

static void
rtes_sync_controller_init (RtesSyncController *self)
{
}

RtesSyncController *
rtes_sync_controller_new (RtesLibrary *library,
                          SoupSession *session)
{
  RtesSyncController *self;

  g_return_val_if_fail (RTES_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);

  self = g_object_new (RTES_TYPE_SYNC_CONTROLLER, NULL);
  self->library = g_object_ref (library);
  self->session = g_object_ref (session);
  return self;
}
