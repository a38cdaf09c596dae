/* fuzz-state-readers.c: libFuzzer target for the library's own files
 *
 * What the application writes for itself in <library>/.rtes-fiches is
 * untrusted too: anyone who can write in the library can edit it. Each
 * input becomes, at once, the sync state (sync/state.json), the journal
 * of an interrupted sync commit (sync/journal.json), a recovery journal
 * of unsaved edits (recovery/dijon.json) and the import's conflict record
 * (import/conflicts.json) of a fresh library, and each reader reads it:
 * a result or an error, never both, never a crash. Settling the commit
 * journal also acts on what it says (it may put files back), so each
 * input gets a library of its own, removed afterwards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define FUZZ_OWN_INITIALIZE
#include "fuzz-common.h"

#include <glib/gstdio.h>

#include "rtes-commit-journal.h"
#include "rtes-import-store.h"
#include "rtes-journal.h"
#include "rtes-sync-state.h"

static char *top;

static void clear (const char *path);

static void
remove_top (void)
{
  clear (top);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* Memory rather than disk where there is some: the files are rewritten
   * for every input. */
  const char *base = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir ();
  g_autofree char *template = g_build_filename (base, "fuzz-state-XXXXXX", NULL);

  fuzz_init ();
  top = g_strdup (g_mkdtemp (template));
  if (top == NULL)
    abort ();
  atexit (remove_top);
  return 0;
}

static void
put (const char    *library,
     const char    *relative,
     const uint8_t *data,
     size_t         size)
{
  g_autofree char *path = g_build_filename (library, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0755) != 0
      || !g_file_set_contents (path, (const char *) data, size, NULL))
    abort ();
}

/* Removes what a run left: the files put and whatever settling wrote
 * (only the names a commit journal may name). */
static void
clear (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        clear (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static guint n;
  g_autofree char *name = g_strdup_printf ("library-%u", n++);
  g_autofree char *library = g_build_filename (top, name, NULL);
  g_autofree char *state_dir = g_build_filename (library, ".rtes-fiches", "sync", NULL);
  g_autoptr(RtesLibraryDir) dir = NULL;
  g_autoptr(GError) state_error = NULL;
  g_autoptr(GError) journal_error = NULL;
  g_autoptr(GError) store_error = NULL;
  g_autoptr(GError) settle_error = NULL;
  g_autoptr(RtesSyncState) state = NULL;
  g_autoptr(RtesJournal) journal = NULL;
  g_autoptr(RtesImportStore) store = NULL;
  g_autoptr(GPtrArray) restored = NULL;
  gboolean settled;

  put (library, ".rtes-fiches/sync/state.json", data, size);
  put (library, ".rtes-fiches/sync/journal.json", data, size);
  put (library, ".rtes-fiches/recovery/dijon.json", data, size);
  put (library, ".rtes-fiches/import/conflicts.json", data, size);
  dir = rtes_library_dir_open (library, FALSE, NULL);
  if (dir == NULL)
    abort ();

  state = rtes_sync_state_load (state_dir, &state_error);
  if ((state == NULL) == (state_error == NULL))
    abort ();
  journal = rtes_journal_read (dir, "dijon", &journal_error);
  if ((journal == NULL) == (journal_error == NULL))
    abort ();
  store = rtes_import_store_load_at (dir, &store_error);
  if ((store == NULL) == (store_error == NULL))
    abort ();
  settled = rtes_commit_journal_settle (dir, &restored, &settle_error);
  if (settled == (settle_error != NULL))
    abort ();

  clear (library);
  return 0;
}
