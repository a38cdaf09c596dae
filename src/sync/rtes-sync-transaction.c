/* rtes-sync-transaction.c: a set of file writes that happen all or not at all
 *
 * A sync touches fiche files, base copies and the state file. Each file is
 * replaced atomically through the library's RtesLibraryDir (never through
 * a link); this adds the "all of them" part: everything is prepared in
 * memory first, the old contents are read before the first write, and a
 * failure part-way puts back what was already replaced. Against a crash in
 * the middle, the journal of rtes-commit-journal.c (old contents, and a
 * hash of what is written) is written before the first replacement and
 * removed after the last; whoever writes next settles it first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "rtes-commit-journal.h"
#include "rtes-library.h"
#include "rtes-sync-error.h"
#include "rtes-sync-transaction.h"

/* A fiche, a base or the state: anything larger is not ours. */
#define MAX_FILE_SIZE RTES_JSON_MAX_STATE_SIZE

typedef struct {
  char *path;
  GBytes *contents;
  GBytes *old;        /* NULL: the file did not exist */
  gboolean check;     /* the file must hold expected */
  GBytes *expected;   /* NULL: must not exist */
  gboolean written;
} Write;

struct _RtesSyncTransaction
{
  RtesLibraryDir *root;
  GPtrArray *writes;  /* Write* */
  GHashTable *by_path;
};

static void
write_free (Write *w)
{
  g_free (w->path);
  g_clear_pointer (&w->contents, g_bytes_unref);
  g_clear_pointer (&w->old, g_bytes_unref);
  g_clear_pointer (&w->expected, g_bytes_unref);
  g_free (w);
}

RtesSyncTransaction *
rtes_sync_transaction_new (RtesLibraryDir *root)
{
  RtesSyncTransaction *self;

  g_return_val_if_fail (root != NULL, NULL);
  self = g_new0 (RtesSyncTransaction, 1);
  self->root = rtes_library_dir_ref (root);
  self->writes = g_ptr_array_new_with_free_func ((GDestroyNotify) write_free);
  self->by_path = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

void
rtes_sync_transaction_free (RtesSyncTransaction *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->by_path);
  g_ptr_array_unref (self->writes);
  rtes_library_dir_unref (self->root);
  g_free (self);
}

static Write *
get_write (RtesSyncTransaction *self,
           const char          *path,
           GBytes              *contents)
{
  Write *w = g_hash_table_lookup (self->by_path, path);

  if (w == NULL)
    {
      w = g_new0 (Write, 1);
      w->path = g_strdup (path);
      g_ptr_array_add (self->writes, w);
      g_hash_table_insert (self->by_path, w->path, w);
    }
  g_clear_pointer (&w->contents, g_bytes_unref);
  w->contents = g_bytes_ref (contents);
  return w;
}

void
rtes_sync_transaction_write (RtesSyncTransaction *self,
                             const char          *path,
                             GBytes              *contents)
{
  g_return_if_fail (rtes_commit_journal_path_is_allowed (path));
  get_write (self, path, contents);
}

void
rtes_sync_transaction_replace (RtesSyncTransaction *self,
                               const char          *path,
                               GBytes              *contents,
                               GBytes              *expected)
{
  Write *w;

  g_return_if_fail (rtes_commit_journal_path_is_allowed (path));
  w = get_write (self, path, contents);
  w->check = TRUE;
  g_clear_pointer (&w->expected, g_bytes_unref);
  w->expected = expected ? g_bytes_ref (expected) : NULL;
}

/* Reads what @w's file holds now, through the library folder: a link on
 * the way (a symlinked .rtes-fiches or bases/, a fiche file that is a
 * link) fails here, before anything is written. */
static gboolean
read_old (RtesSyncTransaction  *self,
          Write                *w,
          GError              **error)
{
  g_autoptr(GError) local_error = NULL;

  w->old = rtes_library_dir_read (self->root, w->path, MAX_FILE_SIZE, &local_error);
  if (w->old == NULL && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (w->check && !(w->old == NULL ? w->expected == NULL
                                   : w->expected != NULL && g_bytes_equal (w->old, w->expected)))
    {
      g_autofree char *display = rtes_library_dir_display (self->root, w->path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                   _("%s changed while the sync was running; nothing was written, sync again"),
                   display);
      return FALSE;
    }
  return TRUE;
}

/* Creates the folders of every write (and refuses links among them)
 * before the journal says anything is under way. */
static gboolean
prepare_folders (RtesSyncTransaction  *self,
                 GError              **error)
{
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->writes->len; i++)
    {
      Write *w = g_ptr_array_index (self->writes, i);
      g_autofree char *folder = g_path_get_dirname (w->path);

      if (g_str_equal (folder, ".") || g_hash_table_contains (done, folder))
        continue;
      if (!rtes_library_dir_make_dirs (self->root, folder, error))
        return FALSE;
      /* Left-overs of earlier saves killed half-way go with this one. */
      rtes_library_dir_remove_temporaries (self->root, folder);
      g_hash_table_add (done, g_steal_pointer (&folder));
    }
  rtes_library_dir_remove_temporaries (self->root, NULL);
  return TRUE;
}

static void
roll_back (RtesSyncTransaction *self)
{
  for (guint i = self->writes->len; i > 0; i--)
    {
      Write *w = g_ptr_array_index (self->writes, i - 1);
      g_autoptr(GError) error = NULL;

      if (!w->written)
        continue;
      if (w->old == NULL
          ? !rtes_library_dir_delete (self->root, w->path, &error)
          : !rtes_library_dir_write (self->root, w->path, g_bytes_get_data (w->old, NULL),
                                     g_bytes_get_size (w->old), &error))
        g_warning ("Could not undo the sync's write of %s: %s", w->path, error->message);
    }
}

/* The renames of the commit reach the disk before the journal goes:
 * each file was written without flushing its folder, so flush each folder
 * once now. */
static gboolean
sync_folders (RtesSyncTransaction  *self,
              GError              **error)
{
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->writes->len; i++)
    {
      Write *w = g_ptr_array_index (self->writes, i);
      g_autofree char *folder = g_path_get_dirname (w->path);

      if (!w->written || g_hash_table_contains (done, folder))
        continue;
      if (!rtes_library_dir_sync_folder (self->root, g_str_equal (folder, ".") ? NULL : folder, error))
        return FALSE;
      g_hash_table_add (done, g_steal_pointer (&folder));
    }
  return TRUE;
}

static gboolean
write_journal (RtesSyncTransaction  *self,
               GError              **error)
{
  g_autofree RtesCommitJournalEntry *entries = g_new0 (RtesCommitJournalEntry, self->writes->len);

  for (guint i = 0; i < self->writes->len; i++)
    {
      Write *w = g_ptr_array_index (self->writes, i);

      entries[i].path = w->path;
      entries[i].old = w->old;
      entries[i].written = w->contents;
    }
  return rtes_commit_journal_write (self->root, entries, self->writes->len, error);
}

static void
remove_journal (RtesSyncTransaction *self)
{
  g_autoptr(GError) error = NULL;

  if (!rtes_commit_journal_remove (self->root, &error))
    g_warning ("%s", error->message);
}

/* Tests stop a commit here, as a power cut would: after @n files.
 * RTES_SYNC_TEST_CRASH_AFTER exits at once; RTES_SYNC_TEST_PAUSE_AFTER
 * says so on stderr and waits for the test to kill the process. */
static void
test_hooks (guint written)
{
  const char *crash = g_getenv ("RTES_SYNC_TEST_CRASH_AFTER");
  const char *pause_after = g_getenv ("RTES_SYNC_TEST_PAUSE_AFTER");

  if (crash != NULL && written == (guint) atoi (crash))
    _exit (99);
  if (pause_after != NULL && written == (guint) atoi (pause_after))
    {
      fprintf (stderr, "rtes-sync-test: paused after %u files\n", written);
      fflush (stderr);
      for (;;)
        pause ();
    }
}

static gboolean
changes_anything (RtesSyncTransaction *self)
{
  for (guint i = 0; i < self->writes->len; i++)
    {
      Write *w = g_ptr_array_index (self->writes, i);

      if (w->old == NULL || !g_bytes_equal (w->old, w->contents))
        return TRUE;
    }
  return FALSE;
}

gboolean
rtes_sync_transaction_commit (RtesSyncTransaction *self,
                              GError             **error)
{
  g_autoptr(GError) settle_error = NULL;
  guint written = 0;

  /* A leftover journal would be lost under this commit's own. */
  if (!rtes_commit_journal_settle (self->root, NULL, &settle_error))
    {
      g_set_error_literal (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_STATE, settle_error->message);
      return FALSE;
    }
  for (guint i = 0; i < self->writes->len; i++)
    if (!read_old (self, g_ptr_array_index (self->writes, i), error))
      return FALSE;
  /* A sync that changed nothing writes nothing, not even a journal. */
  if (!changes_anything (self))
    return TRUE;
  if (!prepare_folders (self, error) || !write_journal (self, error))
    return FALSE;

  for (guint i = 0; i < self->writes->len; i++)
    {
      Write *w = g_ptr_array_index (self->writes, i);

      if (w->old != NULL && g_bytes_equal (w->old, w->contents))
        continue;
      if (!rtes_library_dir_write_full (self->root, w->path, g_bytes_get_data (w->contents, NULL),
                                        g_bytes_get_size (w->contents),
                                        RTES_ATOMIC_WRITE_DEFER_FOLDER_SYNC, error))
        {
          roll_back (self);
          remove_journal (self);
          return FALSE;
        }
      w->written = TRUE;
      test_hooks (++written);
    }
  if (!sync_folders (self, error))
    {
      roll_back (self);
      remove_journal (self);
      return FALSE;
    }
  remove_journal (self);
  return TRUE;
}
