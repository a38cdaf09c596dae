/* rtes-workspace.c: the documents of a library
 *
 * The workspace is the collection of the documents of one library
 * (RtesDocument), made on demand for the fiches that are shown, changed
 * or marked, and the few things that concern all of them:
 *
 *  - autosave, a couple of seconds after edits stop;
 *  - the folder watcher (RtesFolderWatcher): a file changed by someone
 *    else goes to its document as an outside change; a fiche file that
 *    appears or vanishes updates the library's list;
 *  - the library's reloads: the library never replaces the object of a
 *    fiche that has a document (see RtesLibrary::reload);
 *  - many fiches changed at once (an import) as one group to undo;
 *  - journals left by a session that was killed, and their restoring;
 *  - the marks of the sync's open conflicts.
 *
 * It keeps no state of its own about any fiche: that is the document's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rtes-document-private.h"
#include "rtes-fiche-json.h"
#include "rtes-folder-watcher.h"
#include "rtes-history.h"
#include "rtes-task.h"
#include "rtes-text.h"
#include "rtes-workspace.h"

#define DEFAULT_JOURNAL_MS  15
#define DEFAULT_AUTOSAVE_MS 2000
#define DEFAULT_MONITOR_MS  300

struct _RtesWorkspace
{
  GObject parent_instance;

  /* owned references */
  RtesLibrary *library;
  RtesFolderWatcher *watcher;
  GCancellable *cancellable;
  GHashTable *documents;      /* id → RtesDocument* */
  GHashTable *sync_conflicts; /* ids with open conflicts with the site */

  /* settings */
  gboolean autosave;
  guint journal_ms;
  guint autosave_ms;

  /* state */
  guint autosave_source;
  guint last_group;
  guint n_modified;
};

G_DEFINE_FINAL_TYPE (RtesWorkspace, rtes_workspace, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_AUTOSAVE,
  PROP_N_MODIFIED,
  N_PROPS
};

enum {
  DOCUMENT_ADDED,
  DOCUMENT_REMOVED,
  CONFLICT,
  RELOADED,
  SAVE_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_autosave (RtesWorkspace *self);

/* Documents ---------------------------------------------------------------- */

static void
count_modified (RtesWorkspace *self)
{
  GHashTableIter iter;
  RtesDocument *document;
  guint n = 0;

  g_hash_table_iter_init (&iter, self->documents);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &document))
    if (rtes_document_get_modified (document))
      n++;
  if (n == self->n_modified)
    return;
  self->n_modified = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MODIFIED]);
}

static void
on_document_changed (RtesDocument     *document,
                     RtesChangeOrigin  origin,
                     RtesWorkspace    *self)
{
  if (rtes_document_get_modified (document))
    schedule_autosave (self);
}

static void
on_document_notify (RtesDocument  *document,
                    GParamSpec    *pspec,
                    RtesWorkspace *self)
{
  if (g_str_equal (pspec->name, "modified"))
    {
      count_modified (self);
      /* Also when a save that ends finds the fiche changed since it
       * started (an undo while it wrote). */
      if (rtes_document_get_modified (document))
        schedule_autosave (self);
    }
  else if (g_str_equal (pspec->name, "changed-on-disk") && rtes_document_get_changed_on_disk (document))
    g_signal_emit (self, signals[CONFLICT], 0, document);
  else if (g_str_equal (pspec->name, "id"))
    {
      /* Renamed: the table follows. */
      GHashTableIter iter;
      RtesDocument *value;
      const char *id;

      g_hash_table_iter_init (&iter, self->documents);
      while (g_hash_table_iter_next (&iter, (gpointer *) &id, (gpointer *) &value))
        if (value == document && g_strcmp0 (id, rtes_document_get_id (document)) != 0)
          {
            g_object_ref (document);
            g_hash_table_iter_remove (&iter);
            g_hash_table_insert (self->documents, g_strdup (rtes_document_get_id (document)), document);
            break;
          }
    }
}

static void
on_document_reloaded (RtesDocument  *document,
                      RtesWorkspace *self)
{
  g_signal_emit (self, signals[RELOADED], 0, document);
}

static void
on_document_save_failed (RtesDocument  *document,
                         const GError  *error,
                         RtesWorkspace *self)
{
  g_signal_emit (self, signals[SAVE_FAILED], 0, document, error);
}

static void
add_document (RtesWorkspace *self,
              RtesDocument  *document)
{
  const char *id = rtes_document_get_id (document);

  rtes_document_set_journal_delay (document, self->journal_ms);
  rtes_document_set_in_conflict (document, g_hash_table_contains (self->sync_conflicts, id));
  g_signal_connect_object (document, "changed", G_CALLBACK (on_document_changed), self, 0);
  g_signal_connect_object (document, "notify", G_CALLBACK (on_document_notify), self, 0);
  g_signal_connect_object (document, "reloaded", G_CALLBACK (on_document_reloaded), self, 0);
  g_signal_connect_object (document, "save-failed", G_CALLBACK (on_document_save_failed), self, 0);
  g_hash_table_insert (self->documents, g_strdup (id), document);
  count_modified (self);
  if (rtes_document_get_modified (document))
    schedule_autosave (self);
  g_signal_emit (self, signals[DOCUMENT_ADDED], 0, document);
}

RtesDocument *
rtes_workspace_lookup (RtesWorkspace *self,
                       const char    *id)
{
  g_return_val_if_fail (RTES_IS_WORKSPACE (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->documents, id) : NULL;
}

RtesDocument *
rtes_workspace_get_document (RtesWorkspace *self,
                             RtesFiche     *fiche)
{
  RtesDocument *document;

  g_return_val_if_fail (RTES_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (fiche == NULL || RTES_IS_FICHE (fiche), NULL);

  if (fiche == NULL || rtes_fiche_get_load_error (fiche) != NULL)
    return NULL;
  document = rtes_workspace_lookup (self, rtes_fiche_get_id (fiche));
  if (document != NULL)
    {
      g_return_val_if_fail (rtes_document_get_fiche (document) == fiche, NULL);
      return document;
    }
  /* A copy, or a fiche of another library, has no document here. */
  g_return_val_if_fail (rtes_library_lookup (self->library, rtes_fiche_get_id (fiche)) == fiche, NULL);

  document = rtes_document_new (self->library, fiche);
  add_document (self, document);
  return document;
}

void
rtes_workspace_close (RtesWorkspace *self,
                      RtesDocument  *document)
{
  g_autoptr(RtesDocument) closing = NULL;

  g_return_if_fail (RTES_IS_WORKSPACE (self));
  g_return_if_fail (RTES_IS_DOCUMENT (document));

  if (rtes_workspace_lookup (self, rtes_document_get_id (document)) != document)
    return;
  closing = g_object_ref (document);
  rtes_document_forget_journal (document);
  g_signal_handlers_disconnect_by_data (document, self);
  g_hash_table_remove (self->documents, rtes_document_get_id (document));
  count_modified (self);
  g_signal_emit (self, signals[DOCUMENT_REMOVED], 0, document);
}

guint
rtes_workspace_get_n_modified (RtesWorkspace *self)
{
  g_return_val_if_fail (RTES_IS_WORKSPACE (self), 0);
  return self->n_modified;
}

/* Autosave ---------------------------------------------------------------- */

static void
background_save_done (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  /* Failures were reported by ::save-failed and ::conflict. */
  rtes_document_save_finish (RTES_DOCUMENT (source), result, NULL);
}

static gboolean
autosave_timeout (gpointer user_data)
{
  RtesWorkspace *self = user_data;
  g_autoptr(GPtrArray) due = g_ptr_array_new ();
  GHashTableIter iter;
  RtesDocument *document;

  self->autosave_source = 0;
  if (!self->autosave)
    return G_SOURCE_REMOVE;

  g_hash_table_iter_init (&iter, self->documents);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &document))
    {
      if (!rtes_document_get_modified (document) || rtes_document_get_changed_on_disk (document))
        continue;
      /* A failed save is not retried every two seconds: the dialog it
       * raised is the place to retry, and the next edit tries again. */
      if (rtes_document_get_saving (document))
        schedule_autosave (self);
      else if (!rtes_document_get_save_failed (document))
        g_ptr_array_add (due, document);
    }
  for (guint i = 0; i < due->len; i++)
    rtes_document_save_async (g_ptr_array_index (due, i), self->cancellable, background_save_done, NULL);

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
  if (autosave && self->n_modified > 0)
    schedule_autosave (self);
  else if (!autosave)
    g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOSAVE]);
}

/* Saving and reverting everything ------------------------------------------- */

/* The task of saving several documents (every modified one, or those a
 * group of applies changed): it returns once the last step is done, with
 * the first error. */
typedef struct
{
  guint group;   /* apply_many()'s */
  guint pending;
  GError *error;
} ManyData;

static void
many_data_free (ManyData *data)
{
  g_clear_error (&data->error);
  g_free (data);
}

static void
many_note_error (ManyData *data,
                 GError   *error)
{
  if (data->error == NULL)
    data->error = error;
  else
    g_error_free (error);
}

static void
many_step_done (GTask *task)
{
  ManyData *data = g_task_get_task_data (task);

  if (--data->pending > 0)
    return;
  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
many_one_saved (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!rtes_document_save_finish (RTES_DOCUMENT (source), result, &error))
    many_note_error (g_task_get_task_data (task), error);
  many_step_done (task);
}

static GPtrArray *
modified_documents (RtesWorkspace *self)
{
  GPtrArray *modified = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  RtesDocument *document;

  g_hash_table_iter_init (&iter, self->documents);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &document))
    if (rtes_document_get_modified (document))
      g_ptr_array_add (modified, g_object_ref (document));
  return modified;
}

void
rtes_workspace_save_all_async (RtesWorkspace       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) modified = NULL;
  ManyData *data;

  g_return_if_fail (RTES_IS_WORKSPACE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rtes_workspace_save_all_async);
  data = g_new0 (ManyData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) many_data_free);

  modified = modified_documents (self);
  if (modified->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  data->pending = modified->len;
  for (guint i = 0; i < modified->len; i++)
    rtes_document_save_async (g_ptr_array_index (modified, i), cancellable,
                              many_one_saved, g_object_ref (task));
}

gboolean
rtes_workspace_save_all_finish (RtesWorkspace  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
rtes_workspace_revert_all (RtesWorkspace *self)
{
  g_autoptr(GPtrArray) modified = NULL;

  g_return_if_fail (RTES_IS_WORKSPACE (self));

  modified = modified_documents (self);
  for (guint i = 0; i < modified->len; i++)
    rtes_document_revert (g_ptr_array_index (modified, i));
}

/* Many fiches at once --------------------------------------------------------- */

static void save_when_idle (RtesDocument *document, GTask *task);

static void
on_saving_done (RtesDocument *document,
                GParamSpec   *pspec,
                GTask        *task)
{
  if (rtes_document_get_saving (document))
    return;
  g_signal_handlers_disconnect_by_func (document, on_saving_done, task);
  save_when_idle (document, task);
  g_object_unref (task);
}

/* Saves @document for the group, after the save already running (an
 * autosave) if there is one. */
static void
save_when_idle (RtesDocument *document,
                GTask        *task)
{
  if (rtes_document_get_saving (document))
    {
      g_signal_connect (document, "notify::saving", G_CALLBACK (on_saving_done), g_object_ref (task));
      return;
    }
  rtes_document_save_async (document, g_task_get_cancellable (task), many_one_saved, g_object_ref (task));
}

/* The document @content goes to, made for a fiche new to the library. */
static RtesDocument *
document_for_content (RtesWorkspace     *self,
                      RtesFiche         *content,
                      RtesChangeOrigin   origin,
                      guint              group,
                      gboolean          *added,
                      GError           **error)
{
  const char *id = rtes_fiche_get_id (content);
  RtesFiche *fiche = rtes_library_lookup (self->library, id);
  g_autoptr(RtesFiche) copy = NULL;
  RtesDocument *document;

  *added = FALSE;
  if (fiche != NULL && rtes_fiche_get_load_error (fiche) != NULL)
    {
      /* What we could not read may be someone's work in progress. */
      g_set_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_BROKEN,
                   _("%s.json could not be read, so it is not overwritten: %s"),
                   id, rtes_fiche_get_load_error (fiche)->message);
      return NULL;
    }
  if (fiche != NULL)
    return rtes_workspace_get_document (self, fiche);

  copy = rtes_fiche_copy (content);
  if (!rtes_library_add (self->library, copy, error))
    return NULL;
  document = rtes_document_new_unsaved (self->library, copy);
  rtes_document_set_unsaved_origin (document, origin);
  rtes_document_set_added_by (document, group);
  add_document (self, document);
  *added = TRUE;
  return document;
}

void
rtes_workspace_apply_many_async (RtesWorkspace       *self,
                                 GPtrArray           *contents,
                                 RtesChangeOrigin     origin,
                                 const char          *label,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ManyData *data;

  g_return_if_fail (RTES_IS_WORKSPACE (self));
  g_return_if_fail (contents != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rtes_workspace_apply_many_async);
  data = g_new0 (ManyData, 1);
  data->group = ++self->last_group;
  g_task_set_task_data (task, data, (GDestroyNotify) many_data_free);

  /* Counted as one more until every save has started, so that a save
   * that finishes at once does not end the task early. */
  data->pending = 1;
  for (guint i = 0; i < contents->len; i++)
    {
      RtesFiche *content = g_ptr_array_index (contents, i);
      GError *error = NULL;
      RtesDocument *document;
      gboolean added;

      document = document_for_content (self, content, origin, data->group, &added, &error);
      if (document == NULL)
        {
          many_note_error (data, error);
          continue;
        }
      if (rtes_document_get_changed_on_disk (document))
        {
          /* The person has a choice to make first (keep mine, load theirs). */
          many_note_error (data, g_error_new (RTES_DOCUMENT_ERROR, RTES_DOCUMENT_ERROR_CONFLICT,
                                              _("“%s” was changed on disk by someone else"),
                                              rtes_document_get_title (document)));
          continue;
        }
      if (!added)
        rtes_document_apply_in_group (document, content, origin, label, data->group);
      if (rtes_document_get_modified (document))
        {
          data->pending++;
          save_when_idle (document, task);
        }
    }
  many_step_done (task);
}

gboolean
rtes_workspace_apply_many_finish (RtesWorkspace  *self,
                                  GAsyncResult   *result,
                                  guint          *group,
                                  GError        **error)
{
  ManyData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (group != NULL)
    *group = data->group;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Whether @document is the group's: its last step, or added by it and
 * untouched since. */
static gboolean
document_in_group (RtesWorkspace *self,
                   RtesDocument  *document,
                   guint          group,
                   gboolean      *added)
{
  *added = group != 0 && rtes_document_get_added_by (document) == group;
  if (*added)
    return !rtes_document_get_can_undo (document);
  return group != 0 && rtes_undo_history_get_undo_group (rtes_document_get_history (document)) == group;
}

gboolean
rtes_workspace_can_undo_group (RtesWorkspace *self,
                               guint          group)
{
  GHashTableIter iter;
  RtesDocument *document;
  gboolean added;

  g_return_val_if_fail (RTES_IS_WORKSPACE (self), FALSE);

  g_hash_table_iter_init (&iter, self->documents);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &document))
    if (document_in_group (self, document, group, &added))
      return TRUE;
  return FALSE;
}

guint
rtes_workspace_undo_group (RtesWorkspace *self,
                           guint          group)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  RtesDocument *document;
  guint n = 0;

  g_return_val_if_fail (RTES_IS_WORKSPACE (self), 0);

  g_hash_table_iter_init (&iter, self->documents);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &document))
    g_ptr_array_add (documents, g_object_ref (document));

  for (guint i = 0; i < documents->len; i++)
    {
      gboolean added;

      document = g_ptr_array_index (documents, i);
      if (!document_in_group (self, document, group, &added))
        continue;
      if (added)
        {
          g_autoptr(GError) error = NULL;
          RtesFiche *fiche = rtes_document_get_fiche (document);

          /* Its file may not be written yet: then it only leaves the list. */
          if (!rtes_library_delete (self->library, fiche, &error))
            {
              g_warning ("Could not take back %s: %s", rtes_fiche_get_id (fiche), error->message);
              continue;
            }
          rtes_workspace_close (self, document);
        }
      else
        {
          rtes_document_undo (document);
          rtes_document_save_async (document, self->cancellable, background_save_done, NULL);
        }
      n++;
    }
  return n;
}

/* Outside changes --------------------------------------------------------- */

gboolean
rtes_workspace_reload_from_disk (RtesWorkspace     *self,
                                 const char        *id,
                                 RtesChangeOrigin   origin,
                                 const char        *label,
                                 GError           **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(RtesFiche) content = NULL;
  RtesFiche *fiche;
  RtesDocument *document;

  g_return_val_if_fail (RTES_IS_WORKSPACE (self), FALSE);

  if (!rtes_id_is_valid (id))
    {
      g_set_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_INVALID_ID,
                   _("“%s” is not a valid fiche identifier"), id);
      return FALSE;
    }
  fiche = rtes_library_lookup (self->library, id);
  if (fiche == NULL || rtes_fiche_get_load_error (fiche) != NULL)
    return rtes_library_reload (self->library, id, error) != NULL;

  path = rtes_library_get_fiche_path (self->library, id);
  file = g_file_new_for_path (path);
  content = rtes_fiche_load (file, error);
  if (content == NULL)
    return FALSE;
  document = rtes_workspace_get_document (self, fiche);
  rtes_document_apply_from_file (document, content, origin, label);
  return TRUE;
}

typedef struct
{
  RtesLibraryDir *dir;
  char *id;
  RtesDocument *document;   /* the id's when the reading began, or NULL */
  guint generation;         /* of its base then */
  char *contents;           /* set by the thread: the text read, for the history */
} LoadData;

static void
load_data_free (LoadData *data)
{
  rtes_library_dir_unref (data->dir);
  g_free (data->id);
  g_clear_object (&data->document);
  g_free (data->contents);
  g_free (data);
}

/* Whether the document saved (or took the file) while the file was read,
 * or is saving now: then what was read may be one of our own older saves
 * (a save records its revision before its completion reaches the main
 * loop), and it is read again rather than taken for someone else's
 * change. */
static gboolean
reading_is_stale (RtesWorkspace *self,
                  LoadData      *load)
{
  RtesDocument *document = rtes_workspace_lookup (self, load->id);

  if (document == NULL)
    return FALSE;
  return document != load->document ||
         rtes_document_get_saving (document) ||
         rtes_document_get_base_generation (document) != load->generation;
}

/* What someone else wrote in the file of @id (@contents; NULL: they
 * removed it): the history records it when it is seen. What we wrote
 * ourselves is known to it already, and not recorded twice. */
static void
record_outside_change (RtesWorkspace *self,
                       const char    *id,
                       const char    *contents)
{
  RtesHistory *history = rtes_library_get_history (self->library);
  g_autoptr(GError) error = NULL;

  if (history == NULL)
    return;
  if (contents != NULL)
    rtes_history_record (history, id, NULL, contents, RTES_CHANGE_ORIGIN_DISK, NULL, &error);
  else
    rtes_history_record_deletion (history, id, RTES_CHANGE_ORIGIN_DISK, &error);
  /* A file that does not read as a fiche is listed as broken, not kept. */
  if (error != NULL && error->domain != RTES_FICHE_ERROR)
    g_message ("History of %s: %s", id, error->message);
}

/* The file of @id is gone. */
static void
file_vanished (RtesWorkspace *self,
               const char    *id)
{
  RtesDocument *document = rtes_workspace_lookup (self, id);

  record_outside_change (self, id, NULL);

  /* A fiche with unsaved changes stays, and its next save writes it back,
   * rather than vanishing under the person. */
  if (document != NULL && (rtes_document_get_modified (document) || !rtes_document_has_file (document)))
    return;
  if (document != NULL)
    rtes_workspace_close (self, document);
  if (rtes_library_lookup (self->library, id) != NULL)
    rtes_library_reload (self->library, id, NULL);
}

/* Reads and parses the file in a worker, as every outside file is read
 * (rtes_library_dir_read()): a FIFO named like a fiche is refused at once
 * instead of blocking the worker for ever, a link is not followed, and a
 * huge file is not read. Returns the fiche, or NULL (no error) when the
 * file is there but is not a fiche this program reads. */
static void
outside_change_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  LoadData *load = task_data;
  g_autofree char *name = g_strconcat (load->id, ".json", NULL);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  RtesFiche *parsed;

  bytes = rtes_library_dir_read (load->dir, name, RTES_JSON_MAX_FICHE_SIZE, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Text the history can keep: recorded once the main loop knows the
   * reading is not one of our own older saves. */
  if (memchr (g_bytes_get_data (bytes, NULL), '\0', g_bytes_get_size (bytes)) == NULL)
    load->contents = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  parsed = rtes_fiche_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), name, NULL);
  if (parsed != NULL && g_strcmp0 (rtes_fiche_get_id (parsed), load->id) != 0)
    g_clear_object (&parsed);
  g_task_return_pointer (task, parsed, g_object_unref);
}

static void
outside_change_loaded (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  RtesWorkspace *self = RTES_WORKSPACE (source);
  LoadData *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesFiche) parsed = NULL;
  RtesDocument *document;
  RtesFiche *fiche;

  parsed = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (reading_is_stale (self, load))
    {
      rtes_folder_watcher_add (self->watcher, load->id);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      file_vanished (self, load->id);
      return;
    }

  if (load->contents != NULL)
    record_outside_change (self, load->id, load->contents);
  fiche = rtes_library_lookup (self->library, load->id);
  document = rtes_workspace_lookup (self, load->id);

  /* A file that could not be read (a link, a FIFO, a file too large) or
   * parsed is listed as broken, with why, like at start-up. */
  if (fiche == NULL || parsed == NULL || rtes_fiche_get_load_error (fiche) != NULL)
    {
      /* A new file, or one that is (or was) broken: the library builds the
       * entry, broken or not. Only when nothing of ours is at stake. */
      if (document == NULL || !rtes_document_get_modified (document))
        {
          g_autoptr(GError) reload_error = NULL;

          if (document != NULL)
            rtes_workspace_close (self, document);
          if (rtes_library_reload (self->library, load->id, &reload_error) == NULL)
            g_debug ("%s: %s", load->id, reload_error->message);
        }
      return;
    }

  /* Someone else's version: through the document, which knows what is its
   * own and whether the person has unsaved changes. */
  document = rtes_workspace_get_document (self, fiche);
  rtes_document_apply_from_file (document, parsed, RTES_CHANGE_ORIGIN_DISK, NULL);
}

static void
on_watcher_changed (RtesFolderWatcher  *watcher,
                    const char * const *ids,
                    RtesWorkspace      *self)
{
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GTask) task = NULL;
      LoadData *load = g_new0 (LoadData, 1);
      RtesDocument *document = rtes_workspace_lookup (self, ids[i]);

      load->dir = rtes_library_dir_ref (rtes_library_get_dir (self->library));
      load->id = g_strdup (ids[i]);
      if (document != NULL)
        {
          load->document = g_object_ref (document);
          load->generation = rtes_document_get_base_generation (document);
        }
      task = g_task_new (self, self->cancellable, outside_change_loaded, NULL);
      g_task_set_source_tag (task, on_watcher_changed);
      g_task_set_task_data (task, load, (GDestroyNotify) load_data_free);
      rtes_task_run_in_thread (task, outside_change_thread);
    }
}

/* Someone asked the library to read a file again (a sync that wrote it):
 * the object shown stays, and its document reads the file, knowing what
 * was its own. */
static gboolean
on_library_reload (RtesLibrary   *library,
                   RtesFiche     *existing,
                   RtesFiche     *loaded,
                   RtesWorkspace *self)
{
  RtesDocument *document = rtes_workspace_lookup (self, rtes_fiche_get_id (existing));

  if (document == NULL || rtes_document_get_fiche (document) != existing)
    return FALSE;
  if (rtes_fiche_get_load_error (loaded) != NULL && !rtes_document_get_modified (document))
    {
      /* Broken now, and nothing of ours at stake: the list shows why. */
      rtes_workspace_close (self, document);
      return FALSE;
    }
  rtes_folder_watcher_add (self->watcher, rtes_fiche_get_id (existing));
  return TRUE;
}

void
rtes_workspace_hold_watcher (RtesWorkspace *self)
{
  g_return_if_fail (RTES_IS_WORKSPACE (self));
  rtes_folder_watcher_hold (self->watcher);
}

void
rtes_workspace_release_watcher (RtesWorkspace *self)
{
  g_return_if_fail (RTES_IS_WORKSPACE (self));
  rtes_folder_watcher_release (self->watcher);
}

/* Recovery ----------------------------------------------------------------- */

static void
recoverable_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_task_return_pointer (task, rtes_journal_scan (task_data), (GDestroyNotify) g_ptr_array_unref);
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
  g_task_set_task_data (task, rtes_library_dir_ref (rtes_library_get_dir (self->library)),
                        (GDestroyNotify) rtes_library_dir_unref);
  rtes_task_run_in_thread (task, recoverable_thread);
}

GPtrArray *
rtes_workspace_find_recoverable_finish (RtesWorkspace  *self,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

RtesDocument *
rtes_workspace_restore (RtesWorkspace  *self,
                        RtesJournal    *journal,
                        GError        **error)
{
  RtesFiche *content;
  RtesFiche *fiche;
  RtesDocument *document;
  GHashTableIter iter;
  const char *field, *text;

  g_return_val_if_fail (RTES_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (RTES_IS_JOURNAL (journal), NULL);

  content = rtes_journal_get_fiche (journal);
  fiche = rtes_library_lookup (self->library, rtes_journal_get_id (journal));
  if (fiche != NULL && rtes_fiche_get_load_error (fiche) != NULL)
    {
      g_set_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_BROKEN,
                   _("%s.json could not be read, so it is not overwritten: %s"),
                   rtes_fiche_get_id (fiche), rtes_fiche_get_load_error (fiche)->message);
      return NULL;
    }
  if (fiche == NULL)
    {
      /* The file is gone: the journal is all that is left of it. */
      g_autoptr(RtesFiche) copy = rtes_fiche_copy (content);

      if (!rtes_library_add (self->library, copy, error))
        return NULL;
      document = rtes_document_new_unsaved (self->library, copy);
      rtes_document_set_unsaved_origin (document, RTES_CHANGE_ORIGIN_RESTORE);
      add_document (self, document);
    }
  else
    {
      document = rtes_workspace_get_document (self, fiche);
      rtes_document_apply (document, content, RTES_CHANGE_ORIGIN_RESTORE,
                           _("Restore Unsaved Changes"));
    }

  g_hash_table_iter_init (&iter, rtes_journal_get_pending (journal));
  while (g_hash_table_iter_next (&iter, (gpointer *) &field, (gpointer *) &text))
    rtes_document_set_pending_text (document, field, text);
  /* The save below may end before the document writes a journal of its
   * own: the old one must go then too, or it is offered again. */
  rtes_document_adopt_journal (document, rtes_journal_get_id (journal));
  rtes_document_save_async (document, self->cancellable, background_save_done, NULL);
  return document;
}

void
rtes_workspace_forget_journal (RtesWorkspace *self,
                               RtesJournal   *journal)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RTES_IS_WORKSPACE (self));
  g_return_if_fail (RTES_IS_JOURNAL (journal));

  if (!rtes_journal_remove (rtes_library_get_dir (self->library), rtes_journal_get_id (journal), &error))
    g_warning ("%s", error->message);
}

/* Rename ------------------------------------------------------------------- */

gboolean
rtes_workspace_rename (RtesWorkspace  *self,
                       RtesDocument   *document,
                       const char     *name,
                       GError        **error)
{
  RtesFiche *fiche;
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (RTES_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (RTES_IS_DOCUMENT (document), FALSE);

  if (rtes_text_is_blank (name))
    {
      g_set_error_literal (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_MISSING,
                           _("A fiche needs a name"));
      return FALSE;
    }

  fiche = rtes_document_get_fiche (document);
  wanted = rtes_id_from_name (name);
  if (g_strcmp0 (wanted, rtes_fiche_get_id (fiche)) != 0)
    {
      g_autofree char *old_id = g_strdup (rtes_fiche_get_id (fiche));
      g_autofree char *new_id = NULL;

      if (rtes_document_get_changed_on_disk (document))
        {
          g_set_error (error, RTES_DOCUMENT_ERROR, RTES_DOCUMENT_ERROR_CONFLICT,
                       _("“%s” was changed on disk by someone else"), rtes_fiche_get_name (fiche));
          return FALSE;
        }
      new_id = rtes_library_unique_id (self->library, name);
      /* The library writes the whole fiche, unsaved edits included, under
       * its new name; the document's table follows its id. */
      if (!rtes_library_rename (self->library, fiche, new_id, error))
        return FALSE;
      rtes_document_take_renamed (document, old_id);
    }

  rtes_document_begin_action (document, _("Rename"));
  rtes_fiche_set_name (fiche, name);
  rtes_document_end_action (document);
  return TRUE;
}

/* Sync conflicts ------------------------------------------------------------ */

void
rtes_workspace_set_sync_conflicts (RtesWorkspace      *self,
                                   const char * const *ids)
{
  GHashTableIter iter;
  RtesDocument *document;

  g_return_if_fail (RTES_IS_WORKSPACE (self));

  g_hash_table_remove_all (self->sync_conflicts);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      /* A mark needs a document: make those of the (few) fiches marked. */
      g_hash_table_add (self->sync_conflicts, g_strdup (ids[i]));
      rtes_workspace_get_document (self, rtes_library_lookup (self->library, ids[i]));
    }
  g_hash_table_iter_init (&iter, self->documents);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &document))
    rtes_document_set_in_conflict (document,
                                   g_hash_table_contains (self->sync_conflicts,
                                                          rtes_document_get_id (document)));
}

/* GObject ------------------------------------------------------------------ */

void
rtes_workspace_set_delays (RtesWorkspace *self,
                           guint          journal_ms,
                           guint          autosave_ms,
                           guint          monitor_ms)
{
  GHashTableIter iter;
  RtesDocument *document;

  g_return_if_fail (RTES_IS_WORKSPACE (self));

  self->journal_ms = journal_ms;
  self->autosave_ms = autosave_ms;
  rtes_folder_watcher_set_delay (self->watcher, monitor_ms);
  g_hash_table_iter_init (&iter, self->documents);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &document))
    rtes_document_set_journal_delay (document, journal_ms);
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

  G_OBJECT_CLASS (rtes_workspace_parent_class)->constructed (object);

  g_return_if_fail (self->library != NULL);

  self->watcher = rtes_folder_watcher_new (rtes_library_get_path (self->library));
  rtes_folder_watcher_set_delay (self->watcher, DEFAULT_MONITOR_MS);
  g_signal_connect_object (self->watcher, "changed", G_CALLBACK (on_watcher_changed), self, 0);
  g_signal_connect_object (self->library, "reload", G_CALLBACK (on_library_reload), self, 0);
}

static void
rtes_workspace_dispose (GObject *object)
{
  RtesWorkspace *self = RTES_WORKSPACE (object);
  GHashTableIter iter;
  RtesDocument *document;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  if (self->library != NULL)
    g_signal_handlers_disconnect_by_data (self->library, self);
  g_clear_object (&self->watcher);
  if (self->documents != NULL)
    {
      g_hash_table_iter_init (&iter, self->documents);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &document))
        g_signal_handlers_disconnect_by_data (document, self);
      g_hash_table_remove_all (self->documents);
    }

  G_OBJECT_CLASS (rtes_workspace_parent_class)->dispose (object);
}

static void
rtes_workspace_finalize (GObject *object)
{
  RtesWorkspace *self = RTES_WORKSPACE (object);

  g_clear_pointer (&self->documents, g_hash_table_unref);
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
      g_value_set_uint (value, self->n_modified);
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

  /* A document was made, for a fiche shown, changed or marked. */
  signals[DOCUMENT_ADDED] =
    g_signal_new ("document-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RTES_TYPE_DOCUMENT);
  /* A document's fiche left the library (deleted, or broken on disk). */
  signals[DOCUMENT_REMOVED] =
    g_signal_new ("document-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RTES_TYPE_DOCUMENT);
  /* The file of a document with unsaved changes changed on disk. */
  signals[CONFLICT] =
    g_signal_new ("conflict", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RTES_TYPE_DOCUMENT);
  /* A document took the content of its file after an outside change. */
  signals[RELOADED] =
    g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RTES_TYPE_DOCUMENT);
  signals[SAVE_FAILED] =
    g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, RTES_TYPE_DOCUMENT, G_TYPE_ERROR);
}

static void
rtes_workspace_init (RtesWorkspace *self)
{
  self->documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->sync_conflicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  self->autosave = TRUE;
  self->journal_ms = DEFAULT_JOURNAL_MS;
  self->autosave_ms = DEFAULT_AUTOSAVE_MS;
}

RtesWorkspace *
rtes_workspace_new (RtesLibrary *library)
{
  g_return_val_if_fail (RTES_IS_LIBRARY (library), NULL);
  return g_object_new (RTES_TYPE_WORKSPACE, "library", library, NULL);
}
