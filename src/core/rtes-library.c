/* rtes-library.c: a folder of fiches
 *
 * A library is a plain folder of <id>.json files that people also share
 * through git or a network folder, so it must cope with what they do to
 * it: a file that does not parse is listed as broken (and never written
 * over), the others load. The application's own files live only under
 * <library>/.rtes-fiches/. Every write, rename and delete goes through the
 * library's RtesLibraryDir, so that a link in the folder (a fiche file, or
 * .rtes-fiches itself) never leads a write out of it.
 *
 * The library is a GListModel of RtesFiche sorted by id, so that the
 * window's sidebar can filter and sort it without copying.
 *
 * Opening does not read every file: the library index
 * (rtes-library-index.c) says what each fiche file held when it last saw
 * it, and the files it can vouch for are listed from it (rtes_fiche_new_listed():
 * each is read the first time anything beyond the list's values is asked
 * of it). Whatever the library writes or reads again it tells the index,
 * so that the next opening need not read it either.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rtes-library.h"
#include "rtes-commit-journal.h"
#include "rtes-fiche-json.h"
#include "rtes-library-index.h"
#include "rtes-safe-file.h"
#include "rtes-history.h"
#include "rtes-json-reader.h"
#include "rtes-task.h"
#include "rtes-text.h"

#include <glib/gi18n-lib.h>
#include <string.h>

struct _RtesLibrary
{
  GObject    parent_instance;

  char             *path;
  RtesLibraryDir   *dir;
  RtesLibraryIndex *index;    /* NULL: none could be had */
  GPtrArray        *fiches;   /* RtesFiche*, sorted by id */
  gboolean          unlisted; /* RTES_LIBRARY_OPEN_UNLISTED */

  /* The history, opened when first needed (any thread) */
  GMutex          history_lock;
  RtesHistory    *history;
  gboolean        history_failed;
};

enum {
  RELOAD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rtes_library_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RtesLibrary, rtes_library, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      rtes_library_list_model_init))

static GType
rtes_library_get_item_type (GListModel *model)
{
  return RTES_TYPE_FICHE;
}

static guint
rtes_library_get_n_items (GListModel *model)
{
  return RTES_LIBRARY (model)->fiches->len;
}

static gpointer
rtes_library_get_item (GListModel *model,
                       guint       position)
{
  RtesLibrary *self = RTES_LIBRARY (model);

  if (position >= self->fiches->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->fiches, position));
}

static void
rtes_library_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rtes_library_get_item_type;
  iface->get_n_items = rtes_library_get_n_items;
  iface->get_item = rtes_library_get_item;
}

static void
rtes_library_finalize (GObject *object)
{
  RtesLibrary *self = RTES_LIBRARY (object);

  g_free (self->path);
  g_clear_object (&self->index);
  g_clear_pointer (&self->dir, rtes_library_dir_unref);
  g_ptr_array_unref (self->fiches);
  g_clear_object (&self->history);
  g_mutex_clear (&self->history_lock);
  G_OBJECT_CLASS (rtes_library_parent_class)->finalize (object);
}

static void
rtes_library_class_init (RtesLibraryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rtes_library_finalize;

  /**
   * RtesLibrary::reload:
   * @existing: the fiche listed for the id
   * @loaded: what its file holds now (a new object, broken if it did not load)
   *
   * Emitted by rtes_library_reload() before @loaded takes the place of
   * @existing in the list. A handler that returns TRUE keeps @existing
   * listed and takes charge of bringing it in step with its file: the
   * workspace does, so that the object an editor shows is never replaced
   * behind its back.
   */
  signals[RELOAD] = g_signal_new ("reload", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, g_signal_accumulator_true_handled, NULL, NULL,
                                  G_TYPE_BOOLEAN, 2, RTES_TYPE_FICHE, RTES_TYPE_FICHE);
}

static void
rtes_library_init (RtesLibrary *self)
{
  self->fiches = g_ptr_array_new_with_free_func (g_object_unref);
  g_mutex_init (&self->history_lock);
}

char *
rtes_library_default_path (void)
{
  const char *env = g_getenv ("RTES_FICHES_LIBRARY");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "rtes-fiches", "library", NULL);
}

/* Binary search for @id; returns TRUE if found, and the insertion point. */
static gboolean
find_position (RtesLibrary *self,
               const char  *id,
               guint       *position)
{
  guint lo = 0, hi = self->fiches->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      int cmp = strcmp (rtes_fiche_get_id (g_ptr_array_index (self->fiches, mid)), id);

      if (cmp == 0)
        {
          *position = mid;
          return TRUE;
        }
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  *position = lo;
  return FALSE;
}

/* Reads the file of @id again, and tells the index what it holds. */
static RtesFiche *
load_entry (RtesLibrary *self,
            const char  *id)
{
  g_autofree char *path = rtes_id_build_path (self->path, id);
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autoptr(GError) error = NULL;
  RtesFiche *fiche = NULL;
  RtesFileKey key;
  int fd = rtes_safe_dir_open (self->path, NULL, &error);

  if (fd >= 0)
    {
      fiche = rtes_fiche_load_at (fd, name, path, &key, &error);
      close (fd);
    }
  else
    {
      g_autoptr(GError) io_error = g_steal_pointer (&error);

      g_set_error_literal (&error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_IO, io_error->message);
    }
  if (fiche == NULL)
    {
      rtes_library_index_remove (self->index, id);
      return rtes_fiche_new_broken (id, error);
    }
  rtes_library_index_put (self->index, &key, fiche);
  return fiche;
}

GStrv
rtes_library_list_ids (const char  *path,
                       GError     **error)
{
  g_autoptr(RtesLibraryDir) dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  dir = rtes_library_dir_open (path, FALSE, error);
  if (dir == NULL)
    return NULL;
  return rtes_library_dir_list_ids (dir, error);
}

/* Saves killed half-way leave "<id>.json.XXXXXX" files that nothing else
 * would ever remove. */
void
rtes_library_remove_temporaries (RtesLibraryDir *dir)
{
  static const char * const folders[] = {
    NULL,
    RTES_LIBRARY_STATE_DIR "/sync",
    RTES_LIBRARY_STATE_DIR "/sync/bases",
    RTES_LIBRARY_STATE_DIR "/recovery",
  };

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    rtes_library_dir_remove_temporaries (dir, folders[i]);
}

/* A fiche says so at its start ("format": "rtes-fiche"); reading the
 * first 4 KiB tells a fiche from any other JSON file without parsing.
 * Opened as every outside file is: no link followed, a FIFO never waited
 * for, only a regular file read. */
static gboolean
looks_like_fiche (const char *dir,
                  const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char head[4096];
  struct stat st;
  ssize_t length;
  int fd = open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);

  if (fd < 0)
    return FALSE;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return FALSE;
    }
  length = read (fd, head, sizeof head - 1);
  close (fd);
  if (length <= 0)
    return FALSE;
  head[length] = '\0';
  return strstr (head, "\"rtes-fiche\"") != NULL;
}

gboolean
rtes_library_is_library_folder (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autofree char *state = NULL;
  gboolean visible = FALSE;
  guint checked = 0;
  const char *name;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  state = g_build_filename (path, RTES_LIBRARY_STATE_DIR, NULL);
  if (g_file_test (state, G_FILE_TEST_IS_DIR))
    return TRUE;
  /* Not a folder we can read: opening says why, better than a question. */
  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return TRUE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *id = rtes_id_from_filename (name);

      /* A few candidates are enough to tell; a folder of thousands of
       * unrelated JSON files is not a library anyway. */
      if (id != NULL && checked++ < 16 && looks_like_fiche (path, name))
        return TRUE;
      visible |= name[0] != '.';
    }
  return !visible;
}

gboolean
rtes_library_claim_folder (const char  *path,
                           GError     **error)
{
  g_autoptr(RtesLibraryDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  /* Made as everything in a library is: a link in place of the folder
   * is refused, not followed. */
  dir = rtes_library_dir_open (path, FALSE, &local_error);
  if (dir == NULL || !rtes_library_dir_make_dirs (dir, RTES_LIBRARY_STATE_DIR, &local_error))
    {
      g_set_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_IO,
                   _("%s: cannot make this folder a library: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

RtesLibrary *
rtes_library_open_full (const char            *path,
                        RtesLibraryOpenFlags   flags,
                        GError               **error)
{
  g_autoptr(RtesLibrary) self = NULL;
  g_autoptr(RtesLibraryDir) dir = NULL;
  g_autoptr(GPtrArray) files = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  dir = rtes_library_dir_open (path, (flags & RTES_LIBRARY_OPEN_CREATE) != 0, error);
  if (dir == NULL)
    return NULL;
  rtes_library_remove_temporaries (dir);
  self = g_object_new (RTES_TYPE_LIBRARY, NULL);
  self->path = g_canonicalize_filename (path, NULL);
  self->dir = g_steal_pointer (&dir);
  self->unlisted = (flags & RTES_LIBRARY_OPEN_UNLISTED) != 0;
  if (self->unlisted)
    return g_steal_pointer (&self);
  /* A command that only reads uses an index only where there is one. */
  self->index = rtes_library_index_open (self->dir, (flags & RTES_LIBRARY_OPEN_CREATE) != 0);
  files = rtes_library_index_list (self->index, self->dir, RTES_LIBRARY_INDEX_LIST_SEARCH_TEXT, error);
  if (files == NULL)
    return NULL;
  /* Listed in the files' order, that of the ids: the list stays sorted. */
  for (guint i = 0; i < files->len; i++)
    {
      RtesIndexedFile *file = g_ptr_array_index (files, i);

      if (file->fiche != NULL)
        g_ptr_array_add (self->fiches, g_steal_pointer (&file->fiche));
      else
        {
          g_autofree char *fiche_path = rtes_id_build_path (self->path, file->id);

          g_ptr_array_add (self->fiches, rtes_fiche_new_listed (g_steal_pointer (&file->summary),
                                                                fiche_path));
        }
    }
  return g_steal_pointer (&self);
}

RtesLibrary *
rtes_library_open (const char  *path,
                   GError     **error)
{
  return rtes_library_open_full (path, RTES_LIBRARY_OPEN_CREATE, error);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  RtesLibrary *library = rtes_library_open (task_data, &error);

  if (library == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Fold the search text here too, so that the first search in the
   * window does not stall on thousands of fiches. */
  for (guint i = 0; i < library->fiches->len; i++)
    rtes_fiche_get_search_text (g_ptr_array_index (library->fiches, i));
  g_task_return_pointer (task, library, g_object_unref);
}

void
rtes_library_open_async (const char          *path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, rtes_library_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  /* Loading only creates new objects: nothing is shared with the main
   * thread until the task returns. */
  rtes_task_run_in_thread (task, open_thread);
}

RtesLibrary *
rtes_library_open_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rtes_library_open_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
rtes_library_get_path (RtesLibrary *self)
{
  g_return_val_if_fail (RTES_IS_LIBRARY (self), NULL);
  return self->path;
}

RtesLibraryDir *
rtes_library_get_dir (RtesLibrary *self)
{
  g_return_val_if_fail (RTES_IS_LIBRARY (self), NULL);
  return self->dir;
}

RtesLibraryIndex *
rtes_library_get_index (RtesLibrary *self)
{
  g_return_val_if_fail (RTES_IS_LIBRARY (self), NULL);
  return self->index;
}

RtesHistory *
rtes_library_get_history (RtesLibrary *self)
{
  RtesHistory *history;

  g_return_val_if_fail (RTES_IS_LIBRARY (self), NULL);

  g_mutex_lock (&self->history_lock);
  if (self->history == NULL && !self->history_failed)
    {
      g_autoptr(GError) error = NULL;

      self->history = rtes_history_open (self->path, &error);
      /* Without a history the library works as before: once is enough
       * to say so. */
      if (self->history == NULL)
        {
          self->history_failed = TRUE;
          g_message ("%s", error->message);
        }
    }
  history = self->history;
  g_mutex_unlock (&self->history_lock);
  return history;
}

/* Records what a write of the library put in the file of @id (@after;
 * NULL: the file went away); @before is what it held, if known. The
 * write is done: a history that cannot record is not its failure. */
static void
record_revision (RtesLibrary      *self,
                 const char       *id,
                 const char       *before,
                 const char       *after,
                 RtesChangeOrigin  origin,
                 const char       *detail)
{
  RtesHistory *history = rtes_library_get_history (self);
  g_autoptr(GError) error = NULL;

  if (history == NULL)
    return;
  if (after != NULL)
    rtes_history_record (history, id, before, after, origin, detail, &error);
  else
    rtes_history_record_deletion (history, id, origin, &error);
  if (error != NULL)
    g_message ("History of %s: %s", id, error->message);
}

/* What the file of @id holds now, as text; NULL if it cannot be read. */
static char *
read_fiche_text (RtesLibrary *self,
                 const char  *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autoptr(GBytes) bytes = rtes_library_dir_read (self->dir, name, RTES_JSON_MAX_FICHE_SIZE, NULL);

  if (bytes == NULL || memchr (g_bytes_get_data (bytes, NULL), '\0', g_bytes_get_size (bytes)) != NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

char *
rtes_library_get_state_dir (RtesLibrary  *self,
                            const char   *name,
                            GError      **error)
{
  g_autofree char *relative = NULL;

  g_return_val_if_fail (RTES_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (name != NULL && strchr (name, '/') == NULL, NULL);
  relative = g_build_path ("/", RTES_LIBRARY_STATE_DIR, name, NULL);
  if (!rtes_library_dir_make_dirs (self->dir, relative, error))
    return NULL;
  return g_build_filename (self->path, relative, NULL);
}

char *
rtes_library_get_fiche_path (RtesLibrary *self,
                             const char  *id)
{
  g_return_val_if_fail (RTES_IS_LIBRARY (self), NULL);
  /* The one place an id becomes a path: refuse anything else. */
  g_return_val_if_fail (rtes_id_is_valid (id), NULL);
  return rtes_id_build_path (self->path, id);
}

RtesFiche *
rtes_library_lookup (RtesLibrary *self,
                     const char  *id)
{
  guint position;

  g_return_val_if_fail (RTES_IS_LIBRARY (self), NULL);
  if (id == NULL || !find_position (self, id, &position))
    return NULL;
  return g_ptr_array_index (self->fiches, position);
}

RtesFiche *
rtes_library_lookup_by_name (RtesLibrary *self,
                             const char  *name)
{
  g_autofree char *wanted = rtes_text_fold (name);

  g_return_val_if_fail (RTES_IS_LIBRARY (self), NULL);
  for (guint i = 0; i < self->fiches->len; i++)
    {
      RtesFiche *fiche = g_ptr_array_index (self->fiches, i);
      g_autofree char *folded = NULL;

      if (rtes_fiche_get_load_error (fiche) != NULL)
        continue;
      folded = rtes_text_fold (rtes_fiche_get_name (fiche));
      if (g_strcmp0 (folded, wanted) == 0)
        return fiche;
    }
  return NULL;
}

char *
rtes_library_unique_id (RtesLibrary *self,
                        const char  *name)
{
  g_autofree char *base = rtes_id_from_name (name);

  g_return_val_if_fail (RTES_IS_LIBRARY (self), NULL);
  if (rtes_library_lookup (self, base) == NULL)
    return g_steal_pointer (&base);
  for (guint n = 2;; n++)
    {
      g_autofree char *suffix = g_strdup_printf ("-%u", n);
      g_autofree char *stem = g_strndup (base, RTES_ID_MAX_LENGTH - strlen (suffix));
      g_autofree char *candidate = NULL;

      /* Cutting may leave a trailing dash: "a-" + "-2" is not a slug. */
      while (g_str_has_suffix (stem, "-"))
        stem[strlen (stem) - 1] = '\0';
      candidate = g_strconcat (stem, suffix, NULL);
      if (rtes_library_lookup (self, candidate) == NULL)
        return g_steal_pointer (&candidate);
    }
}

static void
insert_sorted (RtesLibrary *self,
               RtesFiche   *fiche)
{
  guint position;

  if (find_position (self, rtes_fiche_get_id (fiche), &position))
    {
      RtesFiche *old = g_ptr_array_index (self->fiches, position);

      /* The array's free func is not called by direct assignment. */
      g_ptr_array_index (self->fiches, position) = g_object_ref (fiche);
      g_object_unref (old);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
      return;
    }
  g_ptr_array_insert (self->fiches, position, g_object_ref (fiche));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

static void
remove_fiche (RtesLibrary *self,
              const char  *id)
{
  guint position;

  if (find_position (self, id, &position))
    {
      g_ptr_array_remove_index (self->fiches, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
    }
}

/* @fiche, at @from in the list, now bears another id: it moves to where
 * that id sorts, as one change of the positions between. */
static void
move_renamed (RtesLibrary *self,
              RtesFiche   *fiche,
              guint        from)
{
  guint to;

  g_ptr_array_steal_index (self->fiches, from);
  find_position (self, rtes_fiche_get_id (fiche), &to);
  g_ptr_array_insert (self->fiches, to, fiche);
  g_list_model_items_changed (G_LIST_MODEL (self), MIN (from, to), MAX (from, to) - MIN (from, to) + 1,
                              MAX (from, to) - MIN (from, to) + 1);
}

static gboolean
check_id (const char  *id,
          GError     **error)
{
  if (rtes_id_is_valid (id))
    return TRUE;
  g_set_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_INVALID_ID,
               _("“%s” is not a valid fiche identifier: use lowercase letters, digits and "
                 "single dashes"), id ? id : "");
  return FALSE;
}

/* Writes the file of @fiche; its bytes go in @written. */
static gboolean
write_fiche (RtesLibrary  *self,
             RtesFiche    *fiche,
             char        **written,
             GError      **error)
{
  g_autofree char *name = g_strconcat (rtes_fiche_get_id (fiche), ".json", NULL);
  g_autofree char *display = rtes_library_dir_display (self->dir, name);
  g_autofree char *data = NULL;
  RtesFileKey key;
  gsize length;

  /* A file the next load would refuse is no save. */
  if (!rtes_fiche_check_size (fiche, display, error))
    return FALSE;
  data = rtes_fiche_to_data (fiche, &length);
  if (!rtes_library_dir_write_keyed (self->dir, name, data, length, RTES_ATOMIC_WRITE_NONE, &key, error))
    return FALSE;
  /* What was just written need not be read at the next opening. */
  rtes_library_index_put (self->index, &key, fiche);
  if (written != NULL)
    *written = g_steal_pointer (&data);
  return TRUE;
}

gboolean
rtes_library_settle_interrupted_sync (RtesLibrary  *self,
                                      GError      **error)
{
  g_autoptr(GPtrArray) restored = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (RTES_IS_LIBRARY (self), FALSE);
  if (!rtes_commit_journal_settle (self->dir, &restored, &local_error))
    {
      /* A .rtes-fiches that is a link: nothing is settled (nor written)
       * through it, but fiche files are not in it, so saving them goes
       * on. A sync refuses such a library, with this message. */
      if (g_error_matches (local_error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  for (guint i = 0; i < restored->len; i++)
    {
      g_autofree char *id = rtes_id_from_filename (g_ptr_array_index (restored, i));

      /* Only fiche files at the top are in the list; reload() also drops
       * one the settling removed. */
      if (id != NULL && strchr (g_ptr_array_index (restored, i), '/') == NULL)
        rtes_library_reload (self, id, NULL);
    }
  return TRUE;
}

gboolean
rtes_library_save (RtesLibrary  *self,
                   RtesFiche    *fiche,
                   GError      **error)
{
  return rtes_library_save_full (self, fiche, RTES_CHANGE_ORIGIN_TYPED, NULL, error);
}

gboolean
rtes_library_save_full (RtesLibrary       *self,
                        RtesFiche         *fiche,
                        RtesChangeOrigin   origin,
                        const char        *detail,
                        GError           **error)
{
  RtesFiche *existing;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_return_val_if_fail (RTES_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (RTES_IS_FICHE (fiche), FALSE);
  if (!check_id (rtes_fiche_get_id (fiche), error))
    return FALSE;
  /* What a sync cut short wrote is put back first, so that this save
   * comes after it, not before. */
  if (!rtes_library_settle_interrupted_sync (self, error))
    return FALSE;
  /* A broken file may be a fiche from a newer version or one a person is
   * fixing by hand: never overwrite what we could not read. */
  existing = rtes_library_lookup (self, rtes_fiche_get_id (fiche));
  if (rtes_fiche_get_load_error (fiche) != NULL ||
      (existing != NULL && existing != fiche && rtes_fiche_get_load_error (existing) != NULL))
    {
      g_set_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_BROKEN,
                   _("%s.json could not be read, so it is not overwritten: %s"),
                   rtes_fiche_get_id (fiche),
                   rtes_fiche_get_load_error (existing ? existing : fiche)->message);
      return FALSE;
    }
  before = read_fiche_text (self, rtes_fiche_get_id (fiche));
  if (!write_fiche (self, fiche, &after, error))
    return FALSE;
  record_revision (self, rtes_fiche_get_id (fiche), before, after, origin, detail);
  if (existing != fiche)
    insert_sorted (self, fiche);
  return TRUE;
}

gboolean
rtes_library_format_file (RtesLibraryDir  *dir,
                          RtesHistory     *history,
                          const char      *id,
                          gboolean        *rewritten,
                          GError         **error)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *new_data = NULL;
  g_autoptr(RtesFiche) fiche = NULL;
  g_autoptr(GBytes) old_data = NULL;
  gsize new_length;

  g_return_val_if_fail (dir != NULL, FALSE);

  *rewritten = FALSE;
  if (!check_id (id, error))
    return FALSE;
  name = g_strconcat (id, ".json", NULL);
  path = rtes_library_dir_display (dir, name);
  old_data = rtes_library_dir_read (dir, name, RTES_JSON_MAX_FICHE_SIZE, error);
  if (old_data == NULL)
    return FALSE;
  fiche = rtes_fiche_new_from_data (g_bytes_get_data (old_data, NULL), g_bytes_get_size (old_data),
                                    path, error);
  if (fiche == NULL)
    return FALSE;
  if (g_strcmp0 (rtes_fiche_get_id (fiche), id) != 0)
    {
      g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_INVALID_ID,
                   _("%s: the id does not match the file name"), path);
      return FALSE;
    }
  new_data = rtes_fiche_to_data (fiche, &new_length);
  if (g_bytes_get_size (old_data) == new_length
      && memcmp (g_bytes_get_data (old_data, NULL), new_data, new_length) == 0)
    return TRUE;
  /* Someone else's edit the history has not seen is theirs, not the
   * formatting's: recorded first. Formatting changes no field. */
  if (history != NULL)
    {
      g_autoptr(GError) history_error = NULL;
      g_autofree char *text = g_strndup (g_bytes_get_data (old_data, NULL), g_bytes_get_size (old_data));

      if (rtes_history_record (history, id, NULL, text, RTES_CHANGE_ORIGIN_DISK, NULL, &history_error) == 0
          && history_error != NULL)
        g_message ("History of %s: %s", id, history_error->message);
    }
  if (!rtes_library_dir_write (dir, name, new_data, new_length, error))
    return FALSE;
  *rewritten = TRUE;
  return TRUE;
}

RtesFiche *
rtes_library_create (RtesLibrary  *self,
                     const char   *name,
                     GError      **error)
{
  g_autofree char *id = NULL;
  g_autofree char *stripped = NULL;
  g_autoptr(RtesFiche) fiche = NULL;

  g_return_val_if_fail (RTES_IS_LIBRARY (self), NULL);
  if (rtes_text_is_blank (name))
    {
      g_set_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_INVALID_ID,
                   _("A fiche needs a name."));
      return NULL;
    }
  stripped = g_strstrip (g_strdup (name));
  id = rtes_library_unique_id (self, stripped);
  fiche = rtes_fiche_new (id, stripped);
  rtes_fiche_set_status (fiche, RTES_STATUS_DRAFT);
  rtes_fiche_touch (fiche, NULL);
  if (!rtes_library_save (self, fiche, error))
    return NULL;
  return fiche;   /* the library holds a reference */
}

RtesFiche *
rtes_library_reload (RtesLibrary  *self,
                     const char   *id,
                     GError      **error)
{
  g_autofree char *path = NULL;
  g_autoptr(RtesFiche) fiche = NULL;
  RtesFiche *existing;

  g_return_val_if_fail (RTES_IS_LIBRARY (self), NULL);
  if (!check_id (id, error) || self->unlisted)
    return NULL;
  path = rtes_library_get_fiche_path (self, id);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      rtes_library_index_remove (self->index, id);
      remove_fiche (self, id);
      g_set_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_NOT_FOUND,
                   _("%s no longer exists"), path);
      return NULL;
    }
  fiche = load_entry (self, id);
  existing = rtes_library_lookup (self, id);
  if (existing != NULL)
    {
      gboolean kept = FALSE;

      g_signal_emit (self, signals[RELOAD], 0, existing, fiche, &kept);
      if (kept)
        return existing;
    }
  insert_sorted (self, fiche);
  return fiche;   /* the library holds a reference */
}

gboolean
rtes_library_add (RtesLibrary  *self,
                  RtesFiche    *fiche,
                  GError      **error)
{
  g_return_val_if_fail (RTES_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (RTES_IS_FICHE (fiche), FALSE);
  if (!check_id (rtes_fiche_get_id (fiche), error))
    return FALSE;
  if (rtes_library_lookup (self, rtes_fiche_get_id (fiche)) != NULL)
    {
      g_set_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_EXISTS,
                   _("A fiche named “%s” already exists."), rtes_fiche_get_id (fiche));
      return FALSE;
    }
  insert_sorted (self, fiche);
  return TRUE;
}

gboolean
rtes_library_rename (RtesLibrary  *self,
                     RtesFiche    *fiche,
                     const char   *new_id,
                     GError      **error)
{
  g_autofree char *old_id = NULL;
  g_autofree char *old_name = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) unlink_error = NULL;
  RtesHistory *history;
  guint position;
  gboolean listed;

  g_return_val_if_fail (RTES_IS_LIBRARY (self), FALSE);
  if (!check_id (new_id, error))
    return FALSE;
  if (g_strcmp0 (new_id, rtes_fiche_get_id (fiche)) == 0)
    return TRUE;
  if (rtes_library_lookup (self, new_id) != NULL)
    {
      g_set_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_EXISTS,
                   _("A fiche named “%s” already exists."), new_id);
      return FALSE;
    }
  if (rtes_fiche_get_load_error (fiche) != NULL)
    {
      g_set_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_BROKEN,
                   _("%s.json could not be read, so it cannot be renamed."),
                   rtes_fiche_get_id (fiche));
      return FALSE;
    }

  if (!rtes_library_settle_interrupted_sync (self, error))
    return FALSE;

  old_id = g_strdup (rtes_fiche_get_id (fiche));
  old_name = g_strconcat (old_id, ".json", NULL);
  before = read_fiche_text (self, old_id);
  /* Found by its old id while it still bears it: the list is sorted by id. */
  listed = find_position (self, old_id, &position) && g_ptr_array_index (self->fiches, position) == fiche;
  g_object_ref (fiche);
  rtes_fiche_set_id (fiche, new_id);
  /* Write the new file before removing the old one: a failure in between
   * leaves two copies, never none. */
  if (!write_fiche (self, fiche, &after, error))
    {
      rtes_fiche_set_id (fiche, old_id);
      g_object_unref (fiche);
      return FALSE;
    }
  /* Two copies rather than none: the new file is written, so a failure to
   * remove the old one is only worth a warning. */
  if (!rtes_library_dir_delete (self->dir, old_name, &unlink_error))
    g_warning ("%s", unlink_error->message);
  else
    rtes_library_index_remove (self->index, old_id);
  /* The fiche's past follows it to its new id, then the new file (the
   * new id, and any edit not saved yet) is its next revision. */
  history = rtes_library_get_history (self);
  if (history != NULL)
    {
      g_autoptr(GError) history_error = NULL;

      if (before != NULL)
        rtes_history_record (history, old_id, NULL, before, RTES_CHANGE_ORIGIN_DISK, NULL, NULL);
      if (!rtes_history_rename (history, old_id, new_id, &history_error))
        g_message ("History of %s: %s", old_id, history_error->message);
    }
  record_revision (self, new_id, before, after, RTES_CHANGE_ORIGIN_TYPED, NULL);
  if (listed)
    move_renamed (self, fiche, position);
  else
    insert_sorted (self, fiche);
  g_object_unref (fiche);
  return TRUE;
}

/* Where there is no trash (another file system, a network folder), a
 * deleted fiche still goes somewhere a person can get it back from. */
static gboolean
move_to_deleted (RtesLibrary  *self,
                 const char   *id,
                 GError      **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *from = g_strconcat (id, ".json", NULL);
  g_autofree char *to = g_strdup_printf ("%s/deleted/%s-%s.json", RTES_LIBRARY_STATE_DIR, id, stamp);

  return rtes_library_dir_move (self->dir, from, to, error);
}

gboolean
rtes_library_delete (RtesLibrary  *self,
                     RtesFiche    *fiche,
                     GError      **error)
{
  g_autofree char *path = NULL;
  g_autofree char *id = NULL;
  g_autofree char *before = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) trash_error = NULL;

  g_return_val_if_fail (RTES_IS_LIBRARY (self), FALSE);
  id = g_strdup (rtes_fiche_get_id (fiche));
  if (!check_id (id, error))
    return FALSE;
  path = rtes_library_get_fiche_path (self, id);
  file = g_file_new_for_path (path);
  before = read_fiche_text (self, id);
  if (!g_file_trash (file, NULL, &trash_error))
    {
      /* GIO says "not found" also when the trash folder is missing, so
       * look at the file itself. */
      if (!g_file_query_exists (file, NULL))
        {
          rtes_library_index_remove (self->index, id);
          remove_fiche (self, id);
          return TRUE;
        }
      if (!move_to_deleted (self, id, error))
        return FALSE;
    }
  rtes_library_index_remove (self->index, id);
  /* Its last content first, if the history had not seen it: the deleted
   * fiche can then be brought back from the history. */
  if (before != NULL)
    record_revision (self, id, NULL, before, RTES_CHANGE_ORIGIN_DISK, NULL);
  record_revision (self, id, NULL, NULL, RTES_CHANGE_ORIGIN_TYPED, NULL);
  remove_fiche (self, id);
  return TRUE;
}
