/* rtes-workspace.c: the fiches being edited in a library, and their safety
 *
 * The workspace is where "never lose work" lives, away from any widget so
 * that it can be tested without a display and reused by other front ends.
 * For every fiche that the window has shown it keeps:
 *
 *  - an undo history (RtesFicheHistory);
 *  - the canonical bytes of the fiche's file as last read or written (the
 *    "base"), which says whether there are unsaved changes and whether the
 *    file changed under us;
 *  - a recovery journal, written within a second of each edit;
 *  - an autosave timer, a couple of seconds after edits stop.
 *
 * It also watches the library folder. A file changed by someone else is
 * reloaded into the same RtesFiche object when nothing is unsaved, and
 * marked as a conflict (keep mine / load theirs) otherwise. A save first
 * checks that the file still holds the base, so nothing is overwritten
 * silently, even when the folder monitor has not spoken yet.
 *
 * Disk work (journals, saves, reading changed files) runs in GTask threads
 * or with GIO's async calls; the main loop only serialises documents.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rtes-atomic-file.h"
#include "rtes-fiche-assign.h"
#include "rtes-fiche-json.h"
#include "rtes-recovery.h"
#include "rtes-text.h"
#include "rtes-workspace.h"

#define DEFAULT_JOURNAL_MS  500
#define DEFAULT_AUTOSAVE_MS 2000
#define DEFAULT_MONITOR_MS  300

typedef struct
{
  RtesWorkspace *workspace;   /* unowned: the workspace owns documents */
  RtesFiche *fiche;
  RtesFicheHistory *history;
  gulong changed_id;

  char *base;                 /* canonical bytes of the file as last read or written */
  char *theirs;               /* conflict: canonical bytes of the file changed on disk */
  char *saving_data;          /* bytes of the save in flight */
  char *journal_path;         /* of the id the journal was last written under */

  gboolean modified;
  gboolean journal_needed;
  gboolean save_failed;       /* autosave waits for the next edit */
} Document;

struct _RtesWorkspace
{
  GObject parent_instance;

  RtesLibrary *library;
  GHashTable *documents;      /* RtesFiche* → Document* */
  GCancellable *cancellable;

  gboolean autosave;
  guint journal_ms;
  guint autosave_ms;
  guint monitor_ms;
  guint journal_source;
  guint autosave_source;

  /* Journals are written by one thread at a time, so that an older
   * snapshot can never land after a newer one. */
  gboolean journal_in_flight;
  gboolean journal_again;

  GFileMonitor *monitor;
  GHashTable *pending_ids;    /* ids whose files changed on disk */
  GHashTable *sync_conflicts; /* ids with open conflicts with the site */
  guint monitor_source;
};

G_DEFINE_FINAL_TYPE (RtesWorkspace, rtes_workspace, G_TYPE_OBJECT)
G_DEFINE_QUARK (rtes-workspace-error-quark, rtes_workspace_error)

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_AUTOSAVE,
  PROP_N_MODIFIED,
  N_PROPS
};

enum {
  STATE_CHANGED,
  CONFLICT,
  RELOADED,
  SAVE_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_journal (RtesWorkspace *self);
static void schedule_autosave (RtesWorkspace *self);
static void save_document (RtesWorkspace *self, Document *doc, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data);

/* Documents ------------------------------------------------------------ */

static void
document_free (Document *doc)
{
  g_clear_signal_handler (&doc->changed_id, doc->fiche);
  g_clear_object (&doc->history);
  g_clear_object (&doc->fiche);
  g_free (doc->base);
  g_free (doc->theirs);
  g_free (doc->saving_data);
  g_free (doc->journal_path);
  g_free (doc);
}

static Document *
lookup (RtesWorkspace *self,
        RtesFiche     *fiche)
{
  return fiche ? g_hash_table_lookup (self->documents, fiche) : NULL;
}

/* The document of @fiche if its file changed under unsaved edits. */
static Document *
lookup_conflict (RtesWorkspace *self,
                 RtesFiche     *fiche)
{
  Document *doc = lookup (self, fiche);

  return doc != NULL && doc->theirs != NULL ? doc : NULL;
}

static void
remove_journal (Document *doc)
{
  /* One unlink of a file we own: not worth a thread. A journal write in
   * flight may bring it back; journal_done() removes it again then. */
  if (doc->journal_path != NULL)
    rtes_recovery_remove (doc->journal_path);
  doc->journal_needed = FALSE;
}

static void
set_modified (Document *doc,
              gboolean  modified)
{
  RtesWorkspace *self = doc->workspace;

  if (doc->modified == modified)
    return;
  doc->modified = modified;
  g_signal_emit (self, signals[STATE_CHANGED], 0, doc->fiche);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MODIFIED]);
}

static void
document_update (Document *doc)
{
  g_autofree char *data = rtes_fiche_to_data (doc->fiche, NULL);
  gboolean modified = g_strcmp0 (data, doc->base) != 0;

  if (modified)
    {
      doc->journal_needed = TRUE;
      doc->save_failed = FALSE;
      schedule_journal (doc->workspace);
      schedule_autosave (doc->workspace);
    }
  else
    {
      /* Undone back to what the file holds: nothing left to recover. */
      remove_journal (doc);
    }
  set_modified (doc, modified);
}

static void
on_fiche_changed (RtesFiche *fiche,
                  Document  *doc)
{
  document_update (doc);
}

/* Applies canonical bytes to the document's fiche, keeping the object. */
static gboolean
document_apply (Document   *doc,
                const char *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesFiche) state = rtes_fiche_new_from_data (data, -1, rtes_fiche_get_id (doc->fiche), &error);

  if (state == NULL)
    {
      g_warning ("Cannot apply %s: %s", rtes_fiche_get_id (doc->fiche), error->message);
      return FALSE;
    }
  rtes_fiche_history_break_group (doc->history);
  rtes_fiche_assign (doc->fiche, state);
  rtes_fiche_history_break_group (doc->history);
  return TRUE;
}

/* @data (canonical bytes, taken) is what the file now holds. */
static void
set_base (Document *doc,
          char     *data)
{
  g_free (doc->base);
  doc->base = data;
}

/* The file changed on disk while @doc has unsaved changes: @theirs
 * (taken) waits until the person keeps theirs or loads the file's. */
static void
set_conflict (Document *doc,
              char     *theirs)
{
  RtesWorkspace *self = doc->workspace;

  g_free (doc->theirs);
  doc->theirs = theirs;
  g_signal_emit (self, signals[STATE_CHANGED], 0, doc->fiche);
  g_signal_emit (self, signals[CONFLICT], 0, doc->fiche);
}

/* The fiche takes the file's content @data (taken), as one undoable step. */
static void
reload_document (Document *doc,
                 char     *data)
{
  set_base (doc, data);
  document_apply (doc, doc->base);
  /* Also when the fiche already held @data: the base changed. */
  document_update (doc);
}

RtesFicheHistory *
rtes_workspace_open (RtesWorkspace *self,
                     RtesFiche     *fiche)
{
  Document *doc;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (RTES_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (RTES_IS_FICHE (fiche), NULL);

  doc = lookup (self, fiche);
  if (doc != NULL)
    return doc->history;

  doc = g_new0 (Document, 1);
  doc->workspace = self;
  doc->fiche = g_object_ref (fiche);
  /* The library loaded the fiche from its file, and the folder monitor
   * keeps it in step since, so its bytes are the file's (in canonical
   * form, which is how the base is compared). */
  doc->base = rtes_fiche_to_data (fiche, NULL);
  doc->history = rtes_fiche_history_new (fiche);
  doc->journal_path = rtes_recovery_get_path (self->library, rtes_fiche_get_id (fiche), &error);
  if (doc->journal_path == NULL)
    g_warning ("No recovery journal for %s: %s", rtes_fiche_get_id (fiche), error->message);
  doc->changed_id = g_signal_connect (fiche, "changed", G_CALLBACK (on_fiche_changed), doc);
  g_hash_table_insert (self->documents, fiche, doc);

  return doc->history;
}

gboolean
rtes_workspace_is_modified (RtesWorkspace *self,
                            RtesFiche     *fiche)
{
  Document *doc;

  g_return_val_if_fail (RTES_IS_WORKSPACE (self), FALSE);
  doc = lookup (self, fiche);
  return doc != NULL && doc->modified;
}

gboolean
rtes_workspace_has_conflict (RtesWorkspace *self,
                             RtesFiche     *fiche)
{
  g_return_val_if_fail (RTES_IS_WORKSPACE (self), FALSE);
  return lookup_conflict (self, fiche) != NULL;
}

guint
rtes_workspace_get_n_modified (RtesWorkspace *self)
{
  GHashTableIter iter;
  Document *doc;
  guint n = 0;

  g_return_val_if_fail (RTES_IS_WORKSPACE (self), 0);

  g_hash_table_iter_init (&iter, self->documents);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &doc))
    if (doc->modified)
      n++;
  return n;
}

/* Journal ------------------------------------------------------------- */

typedef struct
{
  char *path;
  char *data;
} JournalEntry;

static void
journal_entry_free (JournalEntry *entry)
{
  g_free (entry->path);
  g_free (entry->data);
  g_free (entry);
}

static void
journal_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GPtrArray *entries = task_data;

  for (guint i = 0; i < entries->len; i++)
    {
      JournalEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GError) error = NULL;

      /* A journal that cannot be written must not stop the others, nor
       * the editing: the fiche is still in memory and can be saved. */
      if (!rtes_recovery_write (entry->path, entry->data, &error))
        g_warning ("Could not write the recovery journal: %s", error->message);
    }
  g_task_return_boolean (task, TRUE);
}

static void
journal_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  RtesWorkspace *self = RTES_WORKSPACE (source);
  GHashTableIter iter;
  Document *doc;

  self->journal_in_flight = FALSE;

  /* Saved or undone while the journal was being written. */
  g_hash_table_iter_init (&iter, self->documents);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &doc))
    if (!doc->modified)
      remove_journal (doc);

  if (self->journal_again)
    {
      self->journal_again = FALSE;
      schedule_journal (self);
    }
}

static gboolean
journal_timeout (gpointer user_data)
{
  RtesWorkspace *self = user_data;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) journal_entry_free);
  g_autoptr(GTask) task = NULL;
  GHashTableIter iter;
  Document *doc;

  self->journal_source = 0;

  if (self->journal_in_flight)
    {
      self->journal_again = TRUE;
      return G_SOURCE_REMOVE;
    }

  g_hash_table_iter_init (&iter, self->documents);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &doc))
    {
      JournalEntry *entry;

      if (!doc->journal_needed || !doc->modified || doc->journal_path == NULL)
        continue;
      entry = g_new0 (JournalEntry, 1);
      entry->path = g_strdup (doc->journal_path);
      entry->data = rtes_fiche_to_data (doc->fiche, NULL);
      g_ptr_array_add (entries, entry);
      doc->journal_needed = FALSE;
    }
  if (entries->len == 0)
    return G_SOURCE_REMOVE;

  self->journal_in_flight = TRUE;
  /* Not cancellable: a journal is always worth finishing. */
  task = g_task_new (self, NULL, journal_done, NULL);
  g_task_set_source_tag (task, journal_timeout);
  g_task_set_task_data (task, g_steal_pointer (&entries), (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, journal_thread);
  return G_SOURCE_REMOVE;
}

static void
schedule_journal (RtesWorkspace *self)
{
  /* Not restarted on each edit: the journal must follow within a second
   * even while typing never pauses. */
  if (self->journal_source == 0)
    self->journal_source = g_timeout_add (self->journal_ms, journal_timeout, self);
}

/* Saving -------------------------------------------------------------- */

typedef struct
{
  RtesFiche *fiche;
  char *path;
  char *base;
  char *data;
  char *theirs;     /* set by the thread on conflict */
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->fiche);
  g_free (data->path);
  g_free (data->base);
  g_free (data->data);
  g_free (data->theirs);
  g_free (data);
}

/* @what is the fiche's name, or its file's path in a save thread. */
static GError *
conflict_error_new (const char *what)
{
  return g_error_new (RTES_WORKSPACE_ERROR, RTES_WORKSPACE_ERROR_CONFLICT,
                      _("“%s” was changed on disk by someone else"), what);
}

/* The file's content in canonical form, so that a file that another tool
 * wrote with different spacing but the same content is not a conflict. */
static char *
canonical_contents (const char *contents,
                    gsize       length,
                    const char *path)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new_from_data (contents, length, path, NULL);

  if (fiche == NULL)
    return g_strndup (contents, length);
  return rtes_fiche_to_data (fiche, NULL);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (g_file_get_contents (data->path, &contents, &length, &error))
    {
      g_autofree char *on_disk = canonical_contents (contents, length, data->path);

      if (g_strcmp0 (on_disk, data->base) != 0)
        {
          data->theirs = g_steal_pointer (&on_disk);
          g_task_return_error (task, conflict_error_new (data->path));
          return;
        }
    }
  else if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!rtes_atomic_write (data->path, data->data, strlen (data->data), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
save_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RtesWorkspace *self = RTES_WORKSPACE (source);
  g_autoptr(GTask) outer = user_data;
  SaveData *data = g_task_get_task_data (G_TASK (result));
  Document *doc = lookup (self, data->fiche);
  g_autoptr(GError) error = NULL;

  if (doc == NULL)
    {
      /* Closed (deleted) while saving. */
      g_task_return_boolean (outer, TRUE);
      return;
    }

  g_clear_pointer (&doc->saving_data, g_free);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, RTES_WORKSPACE_ERROR, RTES_WORKSPACE_ERROR_CONFLICT))
        set_conflict (doc, g_steal_pointer (&data->theirs));
      else
        {
          doc->save_failed = TRUE;
          g_signal_emit (self, signals[SAVE_FAILED], 0, doc->fiche, error);
        }
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  set_base (doc, g_steal_pointer (&data->data));
  rtes_fiche_history_break_group (doc->history);
  /* Edits made while the thread wrote keep the fiche modified. */
  document_update (doc);
  g_task_return_boolean (outer, TRUE);
}

static void
save_document (RtesWorkspace       *self,
               Document            *doc,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_task_set_source_tag (outer, rtes_workspace_save_async);

  if (doc == NULL || !doc->modified)
    {
      g_task_return_boolean (outer, TRUE);
      return;
    }
  if (doc->theirs != NULL)
    {
      g_task_return_error (outer, conflict_error_new (rtes_fiche_get_name (doc->fiche)));
      return;
    }
  if (doc->saving_data != NULL)
    {
      g_task_return_new_error (outer, RTES_WORKSPACE_ERROR, RTES_WORKSPACE_ERROR_BUSY,
                               _("“%s” is being saved"), rtes_fiche_get_name (doc->fiche));
      return;
    }

  data = g_new0 (SaveData, 1);
  data->fiche = g_object_ref (doc->fiche);
  data->path = rtes_library_get_fiche_path (self->library, rtes_fiche_get_id (doc->fiche));
  data->base = g_strdup (doc->base);
  data->data = rtes_fiche_to_data (doc->fiche, NULL);
  doc->saving_data = g_strdup (data->data);

  /* The write itself is not cancelled half-way: a save either happens
   * whole or not at all. */
  task = g_task_new (self, NULL, save_done, g_steal_pointer (&outer));
  g_task_set_source_tag (task, save_document);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

void
rtes_workspace_save_async (RtesWorkspace       *self,
                           RtesFiche           *fiche,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (RTES_IS_WORKSPACE (self));
  g_return_if_fail (RTES_IS_FICHE (fiche));

  save_document (self, lookup (self, fiche), cancellable, callback, user_data);
}

gboolean
rtes_workspace_save_finish (RtesWorkspace  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  guint pending;
  GError *error;
} SaveAllData;

static void
save_all_data_free (SaveAllData *data)
{
  g_clear_error (&data->error);
  g_free (data);
}

static void
save_all_one_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveAllData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!rtes_workspace_save_finish (RTES_WORKSPACE (source), result, &error) && data->error == NULL)
    data->error = g_steal_pointer (&error);

  if (--data->pending > 0)
    return;
  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_boolean (task, TRUE);
}

void
rtes_workspace_save_all_async (RtesWorkspace       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) modified = g_ptr_array_new ();
  SaveAllData *data;
  GHashTableIter iter;
  Document *doc;

  g_return_if_fail (RTES_IS_WORKSPACE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rtes_workspace_save_all_async);
  data = g_new0 (SaveAllData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) save_all_data_free);

  g_hash_table_iter_init (&iter, self->documents);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &doc))
    if (doc->modified)
      g_ptr_array_add (modified, doc);

  if (modified->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  data->pending = modified->len;
  for (guint i = 0; i < modified->len; i++)
    save_document (self, g_ptr_array_index (modified, i), cancellable,
                   save_all_one_done, g_object_ref (task));
}

gboolean
rtes_workspace_save_all_finish (RtesWorkspace  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
autosave_one_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  /* Failures were reported through ::save-failed and ::conflict. */
  rtes_workspace_save_finish (RTES_WORKSPACE (source), result, NULL);
}

static gboolean
autosave_timeout (gpointer user_data)
{
  RtesWorkspace *self = user_data;
  g_autoptr(GPtrArray) due = g_ptr_array_new ();
  GHashTableIter iter;
  Document *doc;

  self->autosave_source = 0;
  if (!self->autosave)
    return G_SOURCE_REMOVE;

  g_hash_table_iter_init (&iter, self->documents);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &doc))
    {
      /* A failed save is not retried every two seconds: the dialog it
       * raised is the place to retry, and the next edit tries again. */
      if (doc->modified && doc->theirs == NULL && doc->saving_data == NULL && !doc->save_failed)
        g_ptr_array_add (due, doc);
      else if (doc->modified && doc->saving_data != NULL)
        schedule_autosave (self);
    }
  for (guint i = 0; i < due->len; i++)
    save_document (self, g_ptr_array_index (due, i), self->cancellable, autosave_one_done, NULL);

  return G_SOURCE_REMOVE;
}

static void
schedule_autosave (RtesWorkspace *self)
{
  /* Restarted on every edit: saving waits until typing stops. */
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  if (self->autosave)
    self->autosave_source = g_timeout_add (self->autosave_ms, autosave_timeout, self);
}

gboolean
rtes_workspace_get_autosave (RtesWorkspace *self)
{
  g_return_val_if_fail (RTES_IS_WORKSPACE (self), FALSE);
  return self->autosave;
}

void
rtes_workspace_set_autosave (RtesWorkspace *self,
                             gboolean       autosave)
{
  g_return_if_fail (RTES_IS_WORKSPACE (self));

  autosave = !!autosave;
  if (self->autosave == autosave)
    return;
  self->autosave = autosave;
  if (autosave && rtes_workspace_get_n_modified (self) > 0)
    schedule_autosave (self);
  else if (!autosave)
    g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOSAVE]);
}

/* Reverting and conflicts --------------------------------------------- */

void
rtes_workspace_revert (RtesWorkspace *self,
                       RtesFiche     *fiche)
{
  Document *doc;

  g_return_if_fail (RTES_IS_WORKSPACE (self));

  doc = lookup (self, fiche);
  if (doc == NULL)
    return;
  /* Their version if the file changed meanwhile: reverting means "what is
   * on disk now". */
  if (doc->theirs != NULL)
    {
      set_base (doc, g_steal_pointer (&doc->theirs));
      g_signal_emit (self, signals[STATE_CHANGED], 0, doc->fiche);
    }
  if (doc->modified)
    document_apply (doc, doc->base);
  remove_journal (doc);
}

void
rtes_workspace_revert_all (RtesWorkspace *self)
{
  g_autoptr(GList) fiches = NULL;

  g_return_if_fail (RTES_IS_WORKSPACE (self));

  fiches = g_hash_table_get_keys (self->documents);
  for (GList *l = fiches; l != NULL; l = l->next)
    rtes_workspace_revert (self, l->data);
}

void
rtes_workspace_keep_mine (RtesWorkspace *self,
                          RtesFiche     *fiche)
{
  Document *doc;

  g_return_if_fail (RTES_IS_WORKSPACE (self));

  doc = lookup_conflict (self, fiche);
  if (doc == NULL)
    return;
  /* The person has seen that the file changed and chose to replace it:
   * their version becomes the base that the save expects to find. */
  set_base (doc, g_steal_pointer (&doc->theirs));
  doc->save_failed = FALSE;
  g_signal_emit (self, signals[STATE_CHANGED], 0, doc->fiche);
  document_update (doc);
  save_document (self, doc, self->cancellable, autosave_one_done, NULL);
}

void
rtes_workspace_load_theirs (RtesWorkspace *self,
                            RtesFiche     *fiche)
{
  Document *doc;

  g_return_if_fail (RTES_IS_WORKSPACE (self));

  doc = lookup_conflict (self, fiche);
  if (doc == NULL)
    return;
  /* An undoable step: undo brings the person's own version back. */
  reload_document (doc, g_steal_pointer (&doc->theirs));
  g_signal_emit (self, signals[STATE_CHANGED], 0, doc->fiche);
  g_signal_emit (self, signals[RELOADED], 0, doc->fiche);
}

/* Recovery ------------------------------------------------------------ */

static void
recoverable_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_task_return_pointer (task, rtes_recovery_scan (task_data), (GDestroyNotify) g_ptr_array_unref);
}

void
rtes_workspace_find_recoverable_async (RtesWorkspace       *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RTES_IS_WORKSPACE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rtes_workspace_find_recoverable_async);
  g_task_set_task_data (task, g_strdup (rtes_library_get_path (self->library)), g_free);
  g_task_run_in_thread (task, recoverable_thread);
}

GPtrArray *
rtes_workspace_find_recoverable_finish (RtesWorkspace  *self,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

RtesFiche *
rtes_workspace_restore (RtesWorkspace  *self,
                        RtesFiche      *journal,
                        GError        **error)
{
  g_autofree char *data = NULL;
  RtesFiche *fiche;
  Document *doc;

  g_return_val_if_fail (RTES_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (RTES_IS_FICHE (journal), NULL);

  fiche = rtes_library_lookup (self->library, rtes_fiche_get_id (journal));
  if (fiche == NULL)
    {
      /* The file is gone: the journal is all that is left of it. */
      g_autoptr(RtesFiche) copy = rtes_fiche_copy (journal);

      if (!rtes_library_save (self->library, copy, error))
        return NULL;
      fiche = rtes_library_lookup (self->library, rtes_fiche_get_id (journal));
      if (fiche != NULL)
        rtes_workspace_forget_journal (self, rtes_fiche_get_id (journal));
      return fiche;
    }

  rtes_workspace_open (self, fiche);
  doc = lookup (self, fiche);
  /* Unsaved again, as it was when the session ended: the journal stays
   * until the save, and autosave (if on) saves it shortly. */
  data = rtes_fiche_to_data (journal, NULL);
  document_apply (doc, data);
  return fiche;
}

void
rtes_workspace_forget_journal (RtesWorkspace *self,
                               const char    *id)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RTES_IS_WORKSPACE (self));

  path = rtes_recovery_get_path (self->library, id, &error);
  if (path != NULL)
    rtes_recovery_remove (path);
}

/* Rename and delete --------------------------------------------------- */

gboolean
rtes_workspace_rename (RtesWorkspace  *self,
                       RtesFiche      *fiche,
                       const char     *name,
                       GError        **error)
{
  g_autofree char *wanted = NULL;
  g_autofree char *new_id = NULL;
  Document *doc;

  g_return_val_if_fail (RTES_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (RTES_IS_FICHE (fiche), FALSE);

  if (rtes_text_is_blank (name))
    {
      g_set_error_literal (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_MISSING,
                           _("A fiche needs a name"));
      return FALSE;
    }

  rtes_workspace_open (self, fiche);
  doc = lookup (self, fiche);

  wanted = rtes_id_from_name (name);
  if (g_strcmp0 (wanted, rtes_fiche_get_id (fiche)) != 0)
    {
      if (doc->theirs != NULL)
        {
          g_propagate_error (error, conflict_error_new (rtes_fiche_get_name (fiche)));
          return FALSE;
        }
      new_id = rtes_library_unique_id (self->library, name);
      remove_journal (doc);
      if (!rtes_library_rename (self->library, fiche, new_id, error))
        {
          document_update (doc);
          return FALSE;
        }

      /* The library wrote the whole fiche, unsaved edits included, under
       * its new name: that file is the base now. */
      g_free (doc->journal_path);
      doc->journal_path = rtes_recovery_get_path (self->library, new_id, NULL);
      set_base (doc, rtes_fiche_to_data (fiche, NULL));
    }

  rtes_fiche_history_break_group (doc->history);
  rtes_fiche_set_name (fiche, name);
  rtes_fiche_history_break_group (doc->history);
  document_update (doc);
  return TRUE;
}

void
rtes_workspace_close (RtesWorkspace *self,
                      RtesFiche     *fiche)
{
  Document *doc;

  g_return_if_fail (RTES_IS_WORKSPACE (self));

  doc = lookup (self, fiche);
  if (doc == NULL)
    return;
  remove_journal (doc);
  /* Not set_modified(): no ::state-changed for a fiche that is going away. */
  if (doc->modified)
    {
      doc->modified = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MODIFIED]);
    }
  g_hash_table_remove (self->documents, fiche);
}

/* Outside changes ----------------------------------------------------- */

typedef struct
{
  RtesWorkspace *self;
  char *id;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_object_unref (data->self);
  g_free (data->id);
  g_free (data);
}

static void
outside_change_loaded (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  LoadData *load = user_data;
  RtesWorkspace *self = load->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *theirs = NULL;
  g_autoptr(RtesFiche) parsed = NULL;
  RtesFiche *fiche;
  Document *doc;
  gsize length;

  fiche = rtes_library_lookup (self->library, load->id);
  doc = lookup (self, fiche);

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) && fiche != NULL &&
          (doc == NULL || !doc->modified))
        {
          /* Removed on disk (git pull, another program): the list follows.
           * A fiche with unsaved changes stays, and the next save writes
           * it back, rather than vanishing under the person. */
          if (doc != NULL)
            rtes_workspace_close (self, fiche);
          rtes_library_reload (self->library, load->id, NULL);
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("%s: %s", load->id, error->message);
      load_data_free (load);
      return;
    }

  parsed = rtes_fiche_new_from_data (contents, length, load->id, NULL);

  if (fiche == NULL || parsed == NULL || rtes_fiche_get_load_error (fiche) != NULL)
    {
      /* A new file, or one that is (or was) broken: the library builds the
       * entry, broken or not. Only when nothing of ours is at stake. */
      if (doc == NULL || !doc->modified)
        {
          RtesFiche *reloaded = rtes_library_reload (self->library, load->id, &error);

          if (doc != NULL)
            g_hash_table_remove (self->documents, fiche);
          if (reloaded != NULL)
            g_signal_emit (self, signals[RELOADED], 0, reloaded);
          else
            g_debug ("%s: %s", load->id, error->message);
        }
      load_data_free (load);
      return;
    }

  theirs = rtes_fiche_to_data (parsed, NULL);

  if (doc != NULL)
    {
      /* Our own save, seen by the monitor: nothing to do. */
      if (g_strcmp0 (theirs, doc->base) == 0 || g_strcmp0 (theirs, doc->saving_data) == 0)
        {
          load_data_free (load);
          return;
        }
      if (doc->modified)
        set_conflict (doc, g_steal_pointer (&theirs));
      else
        {
          reload_document (doc, g_steal_pointer (&theirs));
          g_signal_emit (self, signals[RELOADED], 0, fiche);
        }
    }
  else
    {
      g_autofree char *ours = rtes_fiche_to_data (fiche, NULL);

      if (g_strcmp0 (ours, theirs) != 0)
        {
          rtes_fiche_assign (fiche, parsed);
          g_signal_emit (self, signals[RELOADED], 0, fiche);
        }
    }

  load_data_free (load);
}

static gboolean
monitor_timeout (gpointer user_data)
{
  RtesWorkspace *self = user_data;
  GHashTableIter iter;
  const char *id;

  self->monitor_source = 0;

  g_hash_table_iter_init (&iter, self->pending_ids);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    {
      g_autofree char *path = rtes_library_get_fiche_path (self->library, id);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      LoadData *load = g_new0 (LoadData, 1);

      load->self = g_object_ref (self);
      load->id = g_strdup (id);
      g_file_load_contents_async (file, self->cancellable, outside_change_loaded, load);
    }
  g_hash_table_remove_all (self->pending_ids);

  return G_SOURCE_REMOVE;
}

static void
note_file (RtesWorkspace *self,
           GFile         *file)
{
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;

  if (file == NULL)
    return;
  name = g_file_get_basename (file);
  /* Temporary files of atomic writes, editors' backups, the state folder:
   * only <id>.json names a fiche. */
  id = rtes_id_from_filename (name);
  if (id == NULL)
    return;

  g_hash_table_add (self->pending_ids, g_steal_pointer (&id));
  /* Restarted: a git pull touches many files in a burst; read them once
   * it settles. */
  g_clear_handle_id (&self->monitor_source, g_source_remove);
  self->monitor_source = g_timeout_add (self->monitor_ms, monitor_timeout, self);
}

static void
on_monitor_changed (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    RtesWorkspace     *self)
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

/* Sync conflicts ------------------------------------------------------ */

static void
emit_state_changed_for_id (RtesWorkspace *self,
                           const char    *id)
{
  RtesFiche *fiche = rtes_library_lookup (self->library, id);

  if (fiche != NULL)
    g_signal_emit (self, signals[STATE_CHANGED], 0, fiche);
}

void
rtes_workspace_set_sync_conflicts (RtesWorkspace      *self,
                                   const char * const *ids)
{
  g_autoptr(GHashTable) old = NULL;
  GHashTableIter iter;
  const char *id;

  g_return_if_fail (RTES_IS_WORKSPACE (self));

  old = g_steal_pointer (&self->sync_conflicts);
  self->sync_conflicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_hash_table_add (self->sync_conflicts, g_strdup (ids[i]));
      if (!g_hash_table_contains (old, ids[i]))
        emit_state_changed_for_id (self, ids[i]);
    }
  g_hash_table_iter_init (&iter, old);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    if (!g_hash_table_contains (self->sync_conflicts, id))
      emit_state_changed_for_id (self, id);
}

gboolean
rtes_workspace_has_sync_conflict (RtesWorkspace *self,
                                  RtesFiche     *fiche)
{
  g_return_val_if_fail (RTES_IS_WORKSPACE (self), FALSE);
  return fiche != NULL && g_hash_table_contains (self->sync_conflicts, rtes_fiche_get_id (fiche));
}

/* GObject ------------------------------------------------------------- */

void
rtes_workspace_set_delays (RtesWorkspace *self,
                           guint          journal_ms,
                           guint          autosave_ms,
                           guint          monitor_ms)
{
  g_return_if_fail (RTES_IS_WORKSPACE (self));
  self->journal_ms = journal_ms;
  self->autosave_ms = autosave_ms;
  self->monitor_ms = monitor_ms;
}

RtesLibrary *
rtes_workspace_get_library (RtesWorkspace *self)
{
  g_return_val_if_fail (RTES_IS_WORKSPACE (self), NULL);
  return self->library;
}

static void
rtes_workspace_constructed (GObject *object)
{
  RtesWorkspace *self = RTES_WORKSPACE (object);
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (rtes_workspace_parent_class)->constructed (object);

  g_return_if_fail (self->library != NULL);

  dir = g_file_new_for_path (rtes_library_get_path (self->library));
  self->monitor = g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    g_warning ("Changes made outside the application will not be noticed: %s", error->message);
  else
    g_signal_connect (self->monitor, "changed", G_CALLBACK (on_monitor_changed), self);
}

static void
rtes_workspace_dispose (GObject *object)
{
  RtesWorkspace *self = RTES_WORKSPACE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->journal_source, g_source_remove);
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_handle_id (&self->monitor_source, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->monitor, on_monitor_changed, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  if (self->documents != NULL)
    g_hash_table_remove_all (self->documents);

  G_OBJECT_CLASS (rtes_workspace_parent_class)->dispose (object);
}

static void
rtes_workspace_finalize (GObject *object)
{
  RtesWorkspace *self = RTES_WORKSPACE (object);

  g_clear_pointer (&self->documents, g_hash_table_unref);
  g_clear_pointer (&self->pending_ids, g_hash_table_unref);
  g_clear_pointer (&self->sync_conflicts, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (rtes_workspace_parent_class)->finalize (object);
}

static void
rtes_workspace_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RtesWorkspace *self = RTES_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;
    case PROP_AUTOSAVE:
      g_value_set_boolean (value, self->autosave);
      break;
    case PROP_N_MODIFIED:
      g_value_set_uint (value, rtes_workspace_get_n_modified (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_workspace_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RtesWorkspace *self = RTES_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;
    case PROP_AUTOSAVE:
      rtes_workspace_set_autosave (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_workspace_class_init (RtesWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = rtes_workspace_constructed;
  object_class->dispose = rtes_workspace_dispose;
  object_class->finalize = rtes_workspace_finalize;
  object_class->get_property = rtes_workspace_get_property;
  object_class->set_property = rtes_workspace_set_property;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, RTES_TYPE_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTOSAVE] =
    g_param_spec_boolean ("autosave", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_MODIFIED] =
    g_param_spec_uint ("n-modified", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A fiche became modified or saved, or got or lost a conflict. */
  signals[STATE_CHANGED] =
    g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RTES_TYPE_FICHE);
  /* The file of a fiche with unsaved changes changed on disk. */
  signals[CONFLICT] =
    g_signal_new ("conflict", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RTES_TYPE_FICHE);
  /* A fiche took the content of its file after an outside change. */
  signals[RELOADED] =
    g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RTES_TYPE_FICHE);
  signals[SAVE_FAILED] =
    g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, RTES_TYPE_FICHE, G_TYPE_ERROR);
}

static void
rtes_workspace_init (RtesWorkspace *self)
{
  self->documents = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) document_free);
  self->pending_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sync_conflicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  self->autosave = TRUE;
  self->journal_ms = DEFAULT_JOURNAL_MS;
  self->autosave_ms = DEFAULT_AUTOSAVE_MS;
  self->monitor_ms = DEFAULT_MONITOR_MS;
}

RtesWorkspace *
rtes_workspace_new (RtesLibrary *library)
{
  g_return_val_if_fail (RTES_IS_LIBRARY (library), NULL);
  return g_object_new (RTES_TYPE_WORKSPACE, "library", library, NULL);
}
