/* rtes-folder-watcher.c: which fiche files of a library changed on disk
 *
 * A GFileMonitor on the library folder, reduced to what the workspace
 * needs: the ids of fiche files that changed. Temporary files of atomic
 * writes, editors' backups and the .rtes-fiches folder are not fiches and
 * are not reported. A git pull touches many files at once, and an atomic
 * save is a create then a rename: events are collected until they stop
 * for a moment, then reported once per id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-folder-watcher.h"
#include "rtes-text.h"

#define DEFAULT_DELAY_MS 300

struct _RtesFolderWatcher
{
  GObject parent_instance;

  GFileMonitor *monitor;

  GHashTable *pending;      /* ids seen since the last report */
  guint delay_ms;
  guint source;
  guint holds;
};

G_DEFINE_FINAL_TYPE (RtesFolderWatcher, rtes_folder_watcher, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
report (gpointer user_data)
{
  RtesFolderWatcher *self = user_data;
  g_autoptr(GPtrArray) ids = NULL;
  GHashTableIter iter;
  char *id;

  self->source = 0;
  if (self->holds > 0 || g_hash_table_size (self->pending) == 0)
    return G_SOURCE_REMOVE;

  ids = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    {
      g_ptr_array_add (ids, id);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_sort (ids, compare_ids);
  g_ptr_array_add (ids, NULL);
  g_signal_emit (self, signals[CHANGED], 0, (const char * const *) ids->pdata);
  return G_SOURCE_REMOVE;
}

static void
restart_timer (RtesFolderWatcher *self)
{
  /* Restarted on each event: read the files once the burst settles. */
  g_clear_handle_id (&self->source, g_source_remove);
  if (self->holds == 0)
    self->source = g_timeout_add (self->delay_ms, report, self);
}

void
rtes_folder_watcher_add (RtesFolderWatcher *self,
                         const char        *id)
{
  g_return_if_fail (RTES_IS_FOLDER_WATCHER (self));

  if (!rtes_id_is_valid (id))
    return;
  g_hash_table_add (self->pending, g_strdup (id));
  restart_timer (self);
}

static void
note_file (RtesFolderWatcher *self,
           GFile             *file)
{
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;

  /* The monitor reports the folder's own entries only, and neither
   * ".rtes-fiches" nor a temporary "x.json.A1B2C3" is a fiche's name. */
  if (file == NULL)
    return;
  name = g_file_get_basename (file);
  id = rtes_id_from_filename (name);
  if (id != NULL)
    rtes_folder_watcher_add (self, id);
}

static void
on_monitor_changed (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    RtesFolderWatcher *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      note_file (self, file);
      break;
    case G_FILE_MONITOR_EVENT_RENAMED:
      /* An atomic save renames its temporary file over the fiche. */
      note_file (self, file);
      note_file (self, other_file);
      break;
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      /* CHANGED comes in bursts before CHANGES_DONE_HINT. */
      break;
    }
}

void
rtes_folder_watcher_hold (RtesFolderWatcher *self)
{
  g_return_if_fail (RTES_IS_FOLDER_WATCHER (self));

  self->holds++;
  g_clear_handle_id (&self->source, g_source_remove);
}

void
rtes_folder_watcher_release (RtesFolderWatcher *self)
{
  g_return_if_fail (RTES_IS_FOLDER_WATCHER (self));
  g_return_if_fail (self->holds > 0);

  if (--self->holds == 0 && g_hash_table_size (self->pending) > 0)
    restart_timer (self);
}

void
rtes_folder_watcher_set_delay (RtesFolderWatcher *self,
                               guint              delay_ms)
{
  g_return_if_fail (RTES_IS_FOLDER_WATCHER (self));
  self->delay_ms = delay_ms;
}

static void
rtes_folder_watcher_dispose (GObject *object)
{
  RtesFolderWatcher *self = RTES_FOLDER_WATCHER (object);

  g_clear_handle_id (&self->source, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->monitor, on_monitor_changed, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  G_OBJECT_CLASS (rtes_folder_watcher_parent_class)->dispose (object);
}

static void
rtes_folder_watcher_finalize (GObject *object)
{
  RtesFolderWatcher *self = RTES_FOLDER_WATCHER (object);

  g_hash_table_unref (self->pending);

  G_OBJECT_CLASS (rtes_folder_watcher_parent_class)->finalize (object);
}

static void
rtes_folder_watcher_class_init (RtesFolderWatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rtes_folder_watcher_dispose;
  object_class->finalize = rtes_folder_watcher_finalize;

  /**
   * RtesFolderWatcher::changed:
   * @ids: (array zero-terminated=1): the ids whose files changed, sorted
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
rtes_folder_watcher_init (RtesFolderWatcher *self)
{
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->delay_ms = DEFAULT_DELAY_MS;
}

RtesFolderWatcher *
rtes_folder_watcher_new (const char *path)
{
  RtesFolderWatcher *self;
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (RTES_TYPE_FOLDER_WATCHER, NULL);
  dir = g_file_new_for_path (path);
  self->monitor = g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    g_warning ("Changes made outside the application will not be noticed: %s", error->message);
  else
    g_signal_connect (self->monitor, "changed", G_CALLBACK (on_monitor_changed), self);
  return self;
}
