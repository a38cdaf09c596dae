/* rtes-document.c: one fiche being edited, and what keeps it safe
 *
 * A document owns one RtesFiche for its whole life: the editor and the
 * sidebar bind to that object, and nothing ever replaces it. Everything
 * that changes the fiche goes through the document, so that the document
 * always knows what changed and why:
 *
 *  - the person's edits, bracketed by the editor into actions, recorded by
 *    the undo history (RtesUndoHistory) as operations;
 *  - content from elsewhere (an import, a pull from the site, a conflict
 *    resolution, a recovery journal, a change made on disk by someone
 *    else), given to rtes_document_apply() and assigned field by field
 *    into the same object, as one undo step that remembers its origin.
 *
 * Beside the fiche the document keeps its base: the canonical bytes of
 * the file as last read or written by us. The fiche differs from the base
 * when there are unsaved changes ("modified"); the file differs from the
 * base when someone else changed it, which the save checks before it
 * writes, so that nothing is overwritten silently; content we wrote
 * ourselves is recognised as such when the folder watcher reports it.
 *
 * Every change that is not saved yet goes to the recovery journal within a
 * few tens of milliseconds, with the text typed into fields that cannot
 * hold it yet, written in a thread (see rtes-journal.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rtes-document-private.h"
#include "rtes-fiche-json.h"
#include "rtes-history.h"
#include "rtes-journal.h"
#include "rtes-task.h"

#define DEFAULT_JOURNAL_MS 15

struct _RtesDocument
{
  GObject parent_instance;

  /* owned references */
  RtesLibrary *library;
  RtesFiche *fiche;
  RtesUndoHistory *history;

  /* what is on disk */
  char *base;               /* canonical bytes of the file; NULL: no file yet */
  char *theirs;             /* the file's bytes, changed by someone else under unsaved edits */
  char *saving_data;        /* bytes of the save in flight */
  guint base_generation;    /* counts changes of the base */
  RtesChangeOrigin unsaved_origin;  /* of the last change not saved yet */

  /* the journal */
  GHashTable *pending;      /* member path → text typed but not stored */
  char *journal_id;         /* the id it was last written under */
  gboolean journal_written; /* and may still be there */
  guint journal_ms;
  guint journal_source;
  gboolean journal_in_flight;
  gboolean journal_again;
  gboolean journal_failing; /* the last write failed, and it was said */

  /* state */
  guint added_by;           /* the group that added the fiche, or 0 */
  gboolean modified;
  gboolean in_conflict;
  gboolean saving;
  gboolean save_failed;
};

G_DEFINE_FINAL_TYPE (RtesDocument, rtes_document, G_TYPE_OBJECT)
G_DEFINE_QUARK (rtes-document-error-quark, rtes_document_error)

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_FICHE,
  PROP_ID,
  PROP_TITLE,
  PROP_MODIFIED,
  PROP_CHANGED_ON_DISK,
  PROP_IN_CONFLICT,
  PROP_SAVING,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

enum {
  CHANGED,
  SAVED,
  SAVE_FAILED,
  RELOADED,
  PENDING_TEXT_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_journal (RtesDocument *self);
static void remove_journal_now (RtesDocument *self);
static void save_in_background (RtesDocument *self);

/* State ------------------------------------------------------------------ */

static gboolean
journal_needed (RtesDocument *self)
{
  return self->modified || g_hash_table_size (self->pending) > 0;
}

static void
set_boolean (RtesDocument *self,
             gboolean     *field,
             gboolean      value,
             guint         prop_id)
{
  value = !!value;
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
update_modified (RtesDocument *self)
{
  g_autofree char *data = rtes_fiche_to_data (self->fiche, NULL);

  set_boolean (self, &self->modified, g_strcmp0 (data, self->base) != 0, PROP_MODIFIED);
  if (journal_needed (self))
    schedule_journal (self);
  else if (self->journal_written && !self->journal_in_flight)
    {
      /* Saved or reverted: at once, since the program may quit right
       * after (a journal left behind would be offered again). */
      g_clear_handle_id (&self->journal_source, g_source_remove);
      remove_journal_now (self);
    }
  else if (self->journal_written)
    schedule_journal (self);   /* after the write in flight, in order */
}

static void
set_base (RtesDocument *self,
          char         *data)
{
  g_free (self->base);
  self->base = data;
  self->base_generation++;
}

guint
rtes_document_get_base_generation (RtesDocument *self)
{
  g_return_val_if_fail (RTES_IS_DOCUMENT (self), 0);
  return self->base_generation;
}

/* The file changed on disk while the fiche has unsaved changes: @theirs
 * (taken) waits until the person keeps theirs or loads the file's. */
static void
set_theirs (RtesDocument *self,
            char         *theirs)
{
  gboolean had = self->theirs != NULL;

  g_free (self->theirs);
  self->theirs = theirs;
  if (had != (theirs != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGED_ON_DISK]);
}

static void
on_history_changed (RtesUndoHistory  *history,
                    RtesChangeOrigin  origin,
                    RtesDocument     *self)
{
  update_modified (self);
  if (self->modified)
    {
      self->unsaved_origin = origin;
      /* A new edit is worth another try of a save that failed. */
      self->save_failed = FALSE;
    }
  g_signal_emit (self, signals[CHANGED], 0, origin);
}

static void
on_fiche_notify (RtesFiche    *fiche,
                 GParamSpec   *pspec,
                 RtesDocument *self)
{
  if (g_str_equal (pspec->name, "id"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
  else if (g_str_equal (pspec->name, "name"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/* Each of the history's properties is the document's of the same name. */
static void
on_history_notify (RtesUndoHistory *history,
                   GParamSpec      *pspec,
                   RtesDocument    *self)
{
  g_object_notify (G_OBJECT (self), pspec->name);
}

/* The journal ------------------------------------------------------------ */

typedef struct
{
  RtesLibraryDir *dir;
  char *id;
  char *data;
  gsize length;
} JournalWrite;

static void
journal_write_free (JournalWrite *write)
{
  rtes_library_dir_unref (write->dir);
  g_free (write->id);
  g_free (write->data);
  g_free (write);
}

static void
journal_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  JournalWrite *write = task_data;
  GError *error = NULL;

  if (rtes_journal_write (write->dir, write->id, write->data, write->length, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Removes the journal of @id, never through a link. */
static void
remove_journal_of (RtesDocument *self,
                   const char   *id)
{
  g_autoptr(GError) error = NULL;

  if (!rtes_journal_remove (rtes_library_get_dir (self->library), id, &error))
    g_warning ("%s", error->message);
}

static void
remove_journal_now (RtesDocument *self)
{
  g_autofree char *id = NULL;

  /* Also a journal left by an earlier session (a restored fiche). */
  id = self->journal_id != NULL ? g_steal_pointer (&self->journal_id)
                                : g_strdup (rtes_fiche_get_id (self->fiche));
  remove_journal_of (self, id);
  self->journal_written = FALSE;
}

static void
journal_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  RtesDocument *self = RTES_DOCUMENT (source);
  g_autoptr(GError) error = NULL;

  self->journal_in_flight = FALSE;
  /* Once per run of failures: it is written every few keystrokes. */
  if (g_task_propagate_boolean (G_TASK (result), &error))
    self->journal_failing = FALSE;
  else if (!self->journal_failing)
    {
      self->journal_failing = TRUE;
      g_warning ("%s", error->message);
    }

  /* Changes made while the thread wrote, or a save that made the journal
   * useless: one more round, in order. */
  if (self->journal_again)
    {
      self->journal_again = FALSE;
      schedule_journal (self);
    }
}

static gboolean
journal_timeout (gpointer user_data)
{
  RtesDocument *self = user_data;
  g_autoptr(GTask) task = NULL;
  JournalWrite *write;

  self->journal_source = 0;

  /* One write at a time, so that an older one can never land last. */
  if (self->journal_in_flight)
    {
      self->journal_again = TRUE;
      return G_SOURCE_REMOVE;
    }
  if (!journal_needed (self))
    {
      if (self->journal_written)
        remove_journal_now (self);
      return G_SOURCE_REMOVE;
    }

  write = g_new0 (JournalWrite, 1);
  write->dir = rtes_library_dir_ref (rtes_library_get_dir (self->library));
  write->id = g_strdup (rtes_fiche_get_id (self->fiche));
  write->data = rtes_journal_serialize (self->fiche, self->pending, &write->length);
  g_free (self->journal_id);
  self->journal_id = g_strdup (write->id);
  self->journal_written = TRUE;

  self->journal_in_flight = TRUE;
  /* Not cancellable: a journal is always worth finishing. */
  task = g_task_new (self, NULL, journal_done, NULL);
  g_task_set_source_tag (task, journal_timeout);
  g_task_set_task_data (task, write, (GDestroyNotify) journal_write_free);
  rtes_task_run_in_thread (task, journal_thread);
  return G_SOURCE_REMOVE;
}

/* Writes, or removes, the journal shortly: not restarted by each change,
 * so that it follows typing that never pauses. */
static void
schedule_journal (RtesDocument *self)
{
  if (self->journal_in_flight)
    self->journal_again = TRUE;
  else if (self->journal_source == 0)
    self->journal_source = g_timeout_add (self->journal_ms, journal_timeout, self);
}

void
rtes_document_adopt_journal (RtesDocument *self,
                             const char   *id)
{
  g_return_if_fail (RTES_IS_DOCUMENT (self));
  g_return_if_fail (id != NULL);

  /* A write of our own may be scheduled already: it replaces the same
   * file, and journal_written keeps it listed for removal either way. */
  if (self->journal_id == NULL)
    self->journal_id = g_strdup (id);
  self->journal_written = TRUE;
}

void
rtes_document_forget_journal (RtesDocument *self)
{
  g_return_if_fail (RTES_IS_DOCUMENT (self));

  g_clear_handle_id (&self->journal_source, g_source_remove);
  g_hash_table_remove_all (self->pending);
  if (self->journal_in_flight)
    self->journal_again = TRUE;   /* journal_timeout() removes it then */
  remove_journal_now (self);
}

void
rtes_document_set_journal_delay (RtesDocument *self,
                                 guint         delay_ms)
{
  g_return_if_fail (RTES_IS_DOCUMENT (self));
  self->journal_ms = delay_ms;
}

/* Pending texts ------------------------------------------------------------ */

void
rtes_document_set_pending_text (RtesDocument *self,
                                const char   *field,
                                const char   *text)
{
  const char *old;

  g_return_if_fail (RTES_IS_DOCUMENT (self));
  g_return_if_fail (field != NULL);

  old = g_hash_table_lookup (self->pending, field);
  if (text != NULL && text[0] == '\0')
    text = NULL;
  if (g_strcmp0 (old, text) == 0)
    return;
  if (text == NULL)
    g_hash_table_remove (self->pending, field);
  else
    g_hash_table_insert (self->pending, g_strdup (field), g_strdup (text));
  schedule_journal (self);
  g_signal_emit (self, signals[PENDING_TEXT_CHANGED], g_quark_from_string (field), field);
}

const char *
rtes_document_get_pending_text (RtesDocument *self,
                                const char   *field)
{
  g_return_val_if_fail (RTES_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);
  return g_hash_table_lookup (self->pending, field);
}

/* Editing ------------------------------------------------------------------ */

void
rtes_document_begin_action (RtesDocument *self,
                            const char   *label)
{
  g_return_if_fail (RTES_IS_DOCUMENT (self));
  rtes_undo_history_begin_action (self->history, RTES_CHANGE_ORIGIN_TYPED, label);
}

void
rtes_document_end_action (RtesDocument *self)
{
  g_return_if_fail (RTES_IS_DOCUMENT (self));
  rtes_undo_history_end_action (self->history);
}

gboolean
rtes_document_undo (RtesDocument *self)
{
  g_return_val_if_fail (RTES_IS_DOCUMENT (self), FALSE);
  return rtes_undo_history_undo (self->history);
}

gboolean
rtes_document_redo (RtesDocument *self)
{
  g_return_val_if_fail (RTES_IS_DOCUMENT (self), FALSE);
  return rtes_undo_history_redo (self->history);
}

void
rtes_document_break_group (RtesDocument *self)
{
  g_return_if_fail (RTES_IS_DOCUMENT (self));
  rtes_undo_history_break_group (self->history);
}

/* Applying content -------------------------------------------------------- */

/* The fiche takes @content without touching the base. */
static gboolean
take_content (RtesDocument     *self,
              RtesFiche        *content,
              RtesChangeOrigin  origin,
              const char       *label,
              guint             group)
{
  gboolean changed = rtes_undo_history_apply_content (self->history, content, origin, label, group);

  /* Also when the fiche held @content already: the base may have moved. */
  if (!changed)
    update_modified (self);
  return changed;
}

gboolean
rtes_document_apply_in_group (RtesDocument     *self,
                              RtesFiche        *content,
                              RtesChangeOrigin  origin,
                              const char       *label,
                              guint             group)
{
  g_return_val_if_fail (RTES_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (RTES_IS_FICHE (content), FALSE);
  g_return_val_if_fail (g_strcmp0 (rtes_fiche_get_id (content), rtes_fiche_get_id (self->fiche)) == 0, FALSE);
  g_return_val_if_fail (!rtes_undo_history_in_action (self->history), FALSE);

  return take_content (self, content, origin, label, group);
}

gboolean
rtes_document_apply_from_file (RtesDocument     *self,
                               RtesFiche        *content,
                               RtesChangeOrigin  origin,
                               const char       *label)
{
  g_autofree char *data = NULL;
  g_autofree char *ours = NULL;
  gboolean changed;

  g_return_val_if_fail (RTES_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (RTES_IS_FICHE (content), FALSE);
  g_return_val_if_fail (g_strcmp0 (rtes_fiche_get_id (content), rtes_fiche_get_id (self->fiche)) == 0, FALSE);
  g_return_val_if_fail (!rtes_undo_history_in_action (self->history), FALSE);

  data = rtes_fiche_to_data (content, NULL);
  /* What we wrote ourselves, seen again: nothing happened. */
  if (g_strcmp0 (data, self->base) == 0 || g_strcmp0 (data, self->saving_data) == 0)
    return FALSE;

  ours = rtes_fiche_to_data (self->fiche, NULL);
  if (g_strcmp0 (ours, data) == 0)
    {
      /* The file now says what the fiche says. */
      set_base (self, g_steal_pointer (&data));
      set_theirs (self, NULL);
      update_modified (self);
      g_signal_emit (self, signals[SAVED], 0, origin);
      return FALSE;
    }
  if (self->modified)
    {
      set_theirs (self, g_steal_pointer (&data));
      return FALSE;
    }

  /* Set first, so that the step leaves the document unmodified. */
  set_base (self, g_steal_pointer (&data));
  set_theirs (self, NULL);
  changed = take_content (self, content, origin, label, 0);
  g_signal_emit (self, signals[SAVED], 0, origin);
  if (origin == RTES_CHANGE_ORIGIN_DISK)
    g_signal_emit (self, signals[RELOADED], 0);
  return changed;
}

gboolean
rtes_document_apply (RtesDocument     *self,
                     RtesFiche        *content,
                     RtesChangeOrigin  origin,
                     const char       *label)
{
  return rtes_document_apply_in_group (self, content, origin, label, 0);
}

static RtesFiche *
parse_bytes (RtesDocument *self,
             const char   *data)
{
  g_autoptr(GError) error = NULL;
  RtesFiche *content = rtes_fiche_new_from_data (data, -1, rtes_fiche_get_id (self->fiche), &error);

  if (content == NULL)
    g_warning ("%s: %s", rtes_fiche_get_id (self->fiche), error->message);
  return content;
}

void
rtes_document_revert (RtesDocument *self)
{
  g_autoptr(RtesFiche) content = NULL;

  g_return_if_fail (RTES_IS_DOCUMENT (self));

  /* Their version if the file changed meanwhile: reverting means "what is
   * on disk now". */
  if (self->theirs != NULL)
    {
      set_base (self, g_strdup (self->theirs));
      set_theirs (self, NULL);
    }
  g_hash_table_remove_all (self->pending);
  if (self->modified && self->base != NULL && (content = parse_bytes (self, self->base)) != NULL)
    take_content (self, content, RTES_CHANGE_ORIGIN_DISK, _("Revert"), 0);
  else
    update_modified (self);
}

void
rtes_document_keep_mine (RtesDocument *self)
{
  g_return_if_fail (RTES_IS_DOCUMENT (self));

  if (self->theirs == NULL)
    return;
  /* The person has seen that the file changed and chose to replace it:
   * their version becomes the base that the save expects to find. */
  set_base (self, g_strdup (self->theirs));
  set_theirs (self, NULL);
  self->save_failed = FALSE;
  update_modified (self);
  save_in_background (self);
}

void
rtes_document_load_theirs (RtesDocument *self)
{
  g_autoptr(RtesFiche) content = NULL;

  g_return_if_fail (RTES_IS_DOCUMENT (self));

  if (self->theirs == NULL || (content = parse_bytes (self, self->theirs)) == NULL)
    return;
  set_base (self, g_strdup (self->theirs));
  set_theirs (self, NULL);
  /* An undoable step: undo brings the person's own version back. */
  take_content (self, content, RTES_CHANGE_ORIGIN_DISK, _("Load Their Version"), 0);
  g_signal_emit (self, signals[RELOADED], 0);
}

void
rtes_document_take_renamed (RtesDocument *self,
                            const char   *old_id)
{
  g_return_if_fail (RTES_IS_DOCUMENT (self));

  set_base (self, rtes_fiche_to_data (self->fiche, NULL));
  if (old_id != NULL)
    remove_journal_of (self, old_id);
  g_clear_pointer (&self->journal_id, g_free);
  update_modified (self);
}

/* Saving ------------------------------------------------------------------ */

typedef struct
{
  RtesLibraryDir *dir;
  char *name;               /* "<id>.json" */
  char *id;
  char *base;
  char *data;
  char *theirs;             /* set by the thread on conflict */
  RtesChangeOrigin origin;
  RtesLibrary *library;
} SaveData;

static void
save_data_free (SaveData *data)
{
  rtes_library_dir_unref (data->dir);
  g_free (data->name);
  g_free (data->id);
  g_clear_object (&data->library);
  g_free (data->base);
  g_free (data->data);
  g_free (data->theirs);
  g_free (data);
}

/* @what is the fiche's name, or its file's path in a save thread. */
static GError *
conflict_error_new (const char *what)
{
  return g_error_new (RTES_DOCUMENT_ERROR, RTES_DOCUMENT_ERROR_CONFLICT,
                      _("“%s” was changed on disk by someone else"), what);
}

/* The file's content in canonical form, so that a file that another tool
 * wrote with different spacing but the same content is not a conflict. */
static char *
canonical_contents (GBytes     *contents,
                    const char *path)
{
  gsize length;
  const char *bytes = g_bytes_get_data (contents, &length);
  g_autoptr(RtesFiche) fiche = rtes_fiche_new_from_data (bytes, length, path, NULL);

  if (fiche == NULL)
    return g_strndup (bytes, length);
  return rtes_fiche_to_data (fiche, NULL);
}

/* The file holds a new revision: the history records it, with the base
 * it replaced. A history that cannot record never fails the save. */
static void
record_saved (SaveData *data)
{
  RtesHistory *history = rtes_library_get_history (data->library);
  g_autoptr(GError) error = NULL;

  if (history != NULL
      && rtes_history_record (history, data->id, data->base, data->data, data->origin, NULL, &error) == 0
      && error != NULL)
    g_message ("History of %s: %s", data->id, error->message);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;

  /* The file as every reader of the library reads it: no link followed,
   * no FIFO waited for, bounded. A link or a FIFO in its place is
   * refused here, and not replaced either. */
  contents = rtes_library_dir_read (data->dir, data->name, RTES_JSON_MAX_FICHE_SIZE, &error);
  if (contents != NULL)
    {
      g_autofree char *path = rtes_library_dir_display (data->dir, data->name);
      g_autofree char *on_disk = canonical_contents (contents, path);

      if (g_strcmp0 (on_disk, data->base) != 0)
        {
          data->theirs = g_steal_pointer (&on_disk);
          g_task_return_error (task, conflict_error_new (path));
          return;
        }
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_error (&error);
  /* A file deleted on disk under unsaved edits is written back: the
   * person sees the fiche, and nothing they typed may vanish. */

  if (!rtes_library_dir_write (data->dir, data->name, data->data, strlen (data->data), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  record_saved (data);
  g_task_return_boolean (task, TRUE);
}

static void
save_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RtesDocument *self = RTES_DOCUMENT (source);
  g_autoptr(GTask) outer = user_data;
  SaveData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->saving_data, g_free);

  /* "saving" goes false only once the base is what the file holds: a
   * save waiting for this one (an action right after an undo) starts on
   * that notification and compares the file with the base. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      gboolean conflict = g_error_matches (error, RTES_DOCUMENT_ERROR, RTES_DOCUMENT_ERROR_CONFLICT);

      if (conflict)
        set_theirs (self, g_steal_pointer (&data->theirs));
      else
        self->save_failed = TRUE;
      set_boolean (self, &self->saving, FALSE, PROP_SAVING);
      if (!conflict)
        g_signal_emit (self, signals[SAVE_FAILED], 0, error);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  set_base (self, g_steal_pointer (&data->data));
  self->save_failed = FALSE;
  /* Typing after a save is a new step. */
  rtes_undo_history_break_group (self->history);
  /* Edits made while the thread wrote keep the fiche modified. */
  update_modified (self);
  set_boolean (self, &self->saving, FALSE, PROP_SAVING);
  g_signal_emit (self, signals[SAVED], 0, data->origin);
  g_task_return_boolean (outer, TRUE);
}

void
rtes_document_save_async (RtesDocument        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  SaveData *data;

  g_return_if_fail (RTES_IS_DOCUMENT (self));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, rtes_document_save_async);

  if (!self->modified)
    {
      g_task_return_boolean (outer, TRUE);
      return;
    }
  if (self->theirs != NULL)
    {
      g_task_return_error (outer, conflict_error_new (rtes_fiche_get_name (self->fiche)));
      return;
    }
  if (self->saving)
    {
      g_task_return_new_error (outer, RTES_DOCUMENT_ERROR, RTES_DOCUMENT_ERROR_BUSY,
                               _("“%s” is being saved"), rtes_fiche_get_name (self->fiche));
      return;
    }

  /* A file the next load would refuse is no save; the error dialog
   * keeps the person's text. */
  name = g_strconcat (rtes_fiche_get_id (self->fiche), ".json", NULL);
  if (!rtes_fiche_check_size (self->fiche, name, &error))
    {
      self->save_failed = TRUE;
      g_signal_emit (self, signals[SAVE_FAILED], 0, error);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (SaveData, 1);
  data->dir = rtes_library_dir_ref (rtes_library_get_dir (self->library));
  data->name = g_steal_pointer (&name);
  data->id = g_strdup (rtes_fiche_get_id (self->fiche));
  data->library = g_object_ref (self->library);
  data->base = g_strdup (self->base);
  data->data = rtes_fiche_to_data (self->fiche, NULL);
  data->origin = self->unsaved_origin;
  self->saving_data = g_strdup (data->data);
  set_boolean (self, &self->saving, TRUE, PROP_SAVING);

  /* The write itself is not cancelled half-way: a save either happens
   * whole or not at all. */
  task = g_task_new (self, NULL, save_done, g_steal_pointer (&outer));
  g_task_set_source_tag (task, rtes_document_save_async);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  rtes_task_run_in_thread (task, save_thread);
}

gboolean
rtes_document_save_finish (RtesDocument  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
background_save_done (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  /* Failures were reported by ::save-failed and "changed-on-disk". */
  rtes_document_save_finish (RTES_DOCUMENT (source), result, NULL);
}

static void
save_in_background (RtesDocument *self)
{
  rtes_document_save_async (self, NULL, background_save_done, NULL);
}

/* Getters ------------------------------------------------------------------ */

RtesFiche *
rtes_document_get_fiche (RtesDocument *self)
{
  g_return_val_if_fail (RTES_IS_DOCUMENT (self), NULL);
  return self->fiche;
}

RtesLibrary *
rtes_document_get_library (RtesDocument *self)
{
  g_return_val_if_fail (RTES_IS_DOCUMENT (self), NULL);
  return self->library;
}

const char *
rtes_document_get_id (RtesDocument *self)
{
  g_return_val_if_fail (RTES_IS_DOCUMENT (self), NULL);
  return rtes_fiche_get_id (self->fiche);
}

const char *
rtes_document_get_title (RtesDocument *self)
{
  g_return_val_if_fail (RTES_IS_DOCUMENT (self), NULL);
  return rtes_fiche_get_name (self->fiche);
}

gboolean
rtes_document_get_modified (RtesDocument *self)
{
  g_return_val_if_fail (RTES_IS_DOCUMENT (self), FALSE);
  return self->modified;
}

gboolean
rtes_document_get_changed_on_disk (RtesDocument *self)
{
  g_return_val_if_fail (RTES_IS_DOCUMENT (self), FALSE);
  return self->theirs != NULL;
}

gboolean
rtes_document_get_in_conflict (RtesDocument *self)
{
  g_return_val_if_fail (RTES_IS_DOCUMENT (self), FALSE);
  return self->in_conflict;
}

void
rtes_document_set_in_conflict (RtesDocument *self,
                               gboolean      in_conflict)
{
  g_return_if_fail (RTES_IS_DOCUMENT (self));
  set_boolean (self, &self->in_conflict, in_conflict, PROP_IN_CONFLICT);
}

gboolean
rtes_document_get_saving (RtesDocument *self)
{
  g_return_val_if_fail (RTES_IS_DOCUMENT (self), FALSE);
  return self->saving;
}

gboolean
rtes_document_get_save_failed (RtesDocument *self)
{
  g_return_val_if_fail (RTES_IS_DOCUMENT (self), FALSE);
  return self->save_failed;
}

guint
rtes_document_get_added_by (RtesDocument *self)
{
  g_return_val_if_fail (RTES_IS_DOCUMENT (self), 0);
  return self->added_by;
}

void
rtes_document_set_added_by (RtesDocument *self,
                            guint         group)
{
  g_return_if_fail (RTES_IS_DOCUMENT (self));
  self->added_by = group;
}

void
rtes_document_set_unsaved_origin (RtesDocument     *self,
                                  RtesChangeOrigin  origin)
{
  g_return_if_fail (RTES_IS_DOCUMENT (self));
  self->unsaved_origin = origin;
}

gboolean
rtes_document_has_file (RtesDocument *self)
{
  g_return_val_if_fail (RTES_IS_DOCUMENT (self), FALSE);
  return self->base != NULL;
}

RtesUndoHistory *
rtes_document_get_history (RtesDocument *self)
{
  g_return_val_if_fail (RTES_IS_DOCUMENT (self), NULL);
  return self->history;
}

gboolean
rtes_document_get_can_undo (RtesDocument *self)
{
  g_return_val_if_fail (RTES_IS_DOCUMENT (self), FALSE);
  return rtes_undo_history_can_undo (self->history);
}

gboolean
rtes_document_get_can_redo (RtesDocument *self)
{
  g_return_val_if_fail (RTES_IS_DOCUMENT (self), FALSE);
  return rtes_undo_history_can_redo (self->history);
}

const char *
rtes_document_get_undo_label (RtesDocument *self)
{
  g_return_val_if_fail (RTES_IS_DOCUMENT (self), NULL);
  return rtes_undo_history_get_undo_label (self->history);
}

const char *
rtes_document_get_redo_label (RtesDocument *self)
{
  g_return_val_if_fail (RTES_IS_DOCUMENT (self), NULL);
  return rtes_undo_history_get_redo_label (self->history);
}

/* GObject ------------------------------------------------------------------ */

static void
rtes_document_constructed (GObject *object)
{
  RtesDocument *self = RTES_DOCUMENT (object);

  G_OBJECT_CLASS (rtes_document_parent_class)->constructed (object);

  g_return_if_fail (RTES_IS_LIBRARY (self->library));
  g_return_if_fail (RTES_IS_FICHE (self->fiche));

  self->history = rtes_undo_history_new (self->fiche);
  g_signal_connect_object (self->history, "changed", G_CALLBACK (on_history_changed), self, 0);
  g_signal_connect_object (self->history, "notify", G_CALLBACK (on_history_notify), self, 0);
  g_signal_connect_object (self->fiche, "notify", G_CALLBACK (on_fiche_notify), self, 0);
}

static void
rtes_document_dispose (GObject *object)
{
  RtesDocument *self = RTES_DOCUMENT (object);

  g_clear_handle_id (&self->journal_source, g_source_remove);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (rtes_document_parent_class)->dispose (object);
}

static void
rtes_document_finalize (GObject *object)
{
  RtesDocument *self = RTES_DOCUMENT (object);

  g_clear_object (&self->fiche);
  g_clear_object (&self->library);
  g_free (self->base);
  g_free (self->theirs);
  g_free (self->saving_data);
  g_free (self->journal_id);
  g_hash_table_unref (self->pending);

  G_OBJECT_CLASS (rtes_document_parent_class)->finalize (object);
}

static void
rtes_document_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RtesDocument *self = RTES_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;
    case PROP_FICHE:
      g_value_set_object (value, self->fiche);
      break;
    case PROP_ID:
      g_value_set_string (value, rtes_document_get_id (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, rtes_document_get_title (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_CHANGED_ON_DISK:
      g_value_set_boolean (value, self->theirs != NULL);
      break;
    case PROP_IN_CONFLICT:
      g_value_set_boolean (value, self->in_conflict);
      break;
    case PROP_SAVING:
      g_value_set_boolean (value, self->saving);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, rtes_document_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, rtes_document_get_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, rtes_document_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, rtes_document_get_redo_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_document_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RtesDocument *self = RTES_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;
    case PROP_FICHE:
      self->fiche = g_value_dup_object (value);
      break;
    case PROP_IN_CONFLICT:
      rtes_document_set_in_conflict (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_document_class_init (RtesDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = rtes_document_constructed;
  object_class->dispose = rtes_document_dispose;
  object_class->finalize = rtes_document_finalize;
  object_class->get_property = rtes_document_get_property;
  object_class->set_property = rtes_document_set_property;

  properties[PROP_LIBRARY] = g_param_spec_object ("library", NULL, NULL, RTES_TYPE_LIBRARY, construct);
  properties[PROP_FICHE] = g_param_spec_object ("fiche", NULL, NULL, RTES_TYPE_FICHE, construct);
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, ro);
  properties[PROP_CHANGED_ON_DISK] = g_param_spec_boolean ("changed-on-disk", NULL, NULL, FALSE, ro);
  properties[PROP_IN_CONFLICT] =
    g_param_spec_boolean ("in-conflict", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAVING] = g_param_spec_boolean ("saving", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, ro);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RtesDocument::changed:
   * @origin: where the change came from
   *
   * The fiche changed by a whole step (an action, undo, redo, an apply).
   * The workspace's autosave hangs on it.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, RTES_TYPE_CHANGE_ORIGIN);
  /**
   * RtesDocument::saved:
   * @origin: the origin of the last change the file now holds
   *
   * The fiche's file holds a new revision that the document knows: after
   * a save, and after content that was already written (a pull, a
   * resolution, a change on disk) became the base. A history of saved
   * revisions hangs on it.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, RTES_TYPE_CHANGE_ORIGIN);
  /**
   * RtesDocument::save-failed:
   * @error: why (never a conflict: that is "changed-on-disk")
   */
  signals[SAVE_FAILED] = g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /**
   * RtesDocument::reloaded:
   *
   * The fiche took the content of its file, changed by someone else.
   */
  signals[RELOADED] = g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * RtesDocument::pending-text-changed:
   * @field: the member path (also the signal's detail)
   */
  signals[PENDING_TEXT_CHANGED] =
    g_signal_new ("pending-text-changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
rtes_document_init (RtesDocument *self)
{
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->journal_ms = DEFAULT_JOURNAL_MS;
}

RtesDocument *
rtes_document_new (RtesLibrary *library,
                   RtesFiche   *fiche)
{
  RtesDocument *self;

  g_return_val_if_fail (RTES_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (RTES_IS_FICHE (fiche), NULL);
  g_return_val_if_fail (rtes_fiche_get_load_error (fiche) == NULL, NULL);

  self = g_object_new (RTES_TYPE_DOCUMENT, "library", library, "fiche", fiche, NULL);
  /* The library loaded the fiche from its file, and nothing changed it
   * since but through a document: its bytes are the file's. */
  self->base = rtes_fiche_to_data (fiche, NULL);
  return self;
}

RtesDocument *
rtes_document_new_unsaved (RtesLibrary *library,
                           RtesFiche   *fiche)
{
  RtesDocument *self;

  g_return_val_if_fail (RTES_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (RTES_IS_FICHE (fiche), NULL);

  self = g_object_new (RTES_TYPE_DOCUMENT, "library", library, "fiche", fiche, NULL);
  update_modified (self);
  return self;
}
