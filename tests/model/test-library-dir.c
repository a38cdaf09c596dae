/* test-library-dir.c: writing inside a library, never through a link
 *
 * Each test builds a library next to an "outside" folder and links from
 * one into the other, then checks that what RtesLibraryDir refuses leaves
 * the outside folder byte for byte as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rtes-atomic-file.h"
#include "rtes-fiche-json.h"
#include "rtes-library.h"
#include "rtes-test-util.h"

typedef struct {
  char *top;
  char *library;
  char *outside;
  RtesLibraryDir *dir;
  GHashTable *outside_before;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->top = rtes_test_make_tmpdir ("rtes-library-dir");
  f->library = g_build_filename (f->top, "library", NULL);
  f->outside = g_build_filename (f->top, "outside", NULL);
  g_free (rtes_test_write_file (f->outside, "victim.json", "outside"));
  g_free (rtes_test_write_file (f->outside, "sync/state.json", "outside state"));
  f->outside_before = rtes_test_snapshot_tree (f->outside);
  f->dir = rtes_library_dir_open (f->library, TRUE, &error);
  g_assert_no_error (error);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *state_link = g_build_filename (f->library, ".rtes-fiches", NULL);

  /* Nothing reached the outside folder, whatever the test did. */
  rtes_test_assert_tree_unchanged (f->outside_before, f->outside);
  g_hash_table_unref (f->outside_before);
  rtes_library_dir_unref (f->dir);
  /* Links first: removing the tree must not follow them. */
  g_unlink (state_link);
  rtes_test_remove_tree (f->top);
  g_free (f->top);
  g_free (f->library);
  g_free (f->outside);
}

static void
link_into_library (Fixture    *f,
                   const char *target,
                   const char *relative)
{
  g_autofree char *path = g_build_filename (f->library, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_assert_cmpint (symlink (target, path), ==, 0);
}

static void
test_paths (void)
{
  const char *valid[] = { "a.json", ".rtes-fiches/sync/state.json", "a/b/c", "..a", "a..", NULL };
  const char *invalid[] = { "", "/etc/passwd", "../a", "a/../b", "a/./b", "a//b", "a/", ".", "..", NULL };

  for (guint i = 0; valid[i] != NULL; i++)
    g_assert_true (rtes_library_dir_path_is_valid (valid[i]));
  for (guint i = 0; invalid[i] != NULL; i++)
    g_assert_false (rtes_library_dir_path_is_valid (invalid[i]));
  g_assert_false (rtes_library_dir_path_is_valid (NULL));
}

static void
test_missing_folder (void)
{
  g_autofree char *top = rtes_test_make_tmpdir ("rtes-library-dir");
  g_autofree char *missing = g_build_filename (top, "nowhere", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesLibraryDir) dir = rtes_library_dir_open (missing, FALSE, &error);

  g_assert_null (dir);
  g_assert_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_NO_FOLDER);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  rtes_test_remove_tree (top);
}

static void
test_write_read_delete (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = g_build_filename (f->library, ".rtes-fiches", "recovery", "a.json", NULL);
  GStatBuf st;

  g_assert_true (rtes_library_dir_write (f->dir, ".rtes-fiches/recovery/a.json", "{}\n", 3, &error));
  g_assert_no_error (error);
  bytes = rtes_library_dir_read (f->dir, ".rtes-fiches/recovery/a.json", 1024, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "{}\n", 3);
  /* The mode of the file it replaces is kept. */
  g_assert_cmpint (g_chmod (path, 0664), ==, 0);
  g_assert_true (rtes_library_dir_write (f->dir, ".rtes-fiches/recovery/a.json", "[]\n", 3, &error));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0664);

  g_assert_true (rtes_library_dir_delete (f->dir, ".rtes-fiches/recovery/a.json", &error));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* Deleting what is not there is fine. */
  g_assert_true (rtes_library_dir_delete (f->dir, ".rtes-fiches/recovery/a.json", &error));
  g_assert_true (rtes_library_dir_delete (f->dir, "nowhere/a.json", &error));
  g_assert_no_error (error);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = rtes_library_dir_read (f->dir, "nowhere/a.json", 1024, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  bytes = rtes_library_dir_read (f->dir, "../outside/victim.json", 1024, &error);
  g_assert_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH);
}

/* Every operation through a linked folder, .rtes-fiches itself or one
 * below it, is refused and names the link. */
static void
test_linked_folder (Fixture       *f,
                    gconstpointer  data)
{
  const char *links[] = { ".rtes-fiches", ".rtes-fiches/sync" };

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_autofree char *path = g_build_filename (f->library, links[i], NULL);
      g_autoptr(GError) write_error = NULL;
      g_autoptr(GError) delete_error = NULL;
      g_autoptr(GError) read_error = NULL;
      g_autoptr(GError) mkdir_error = NULL;
      g_autoptr(GError) move_error = NULL;
      g_autoptr(GError) check_error = NULL;
      g_autoptr(GError) list_error = NULL;
      g_autoptr(GError) mtime_error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_auto(GStrv) names = NULL;
      gint64 mtime = 0;

      g_assert_cmpint (g_mkdir_with_parents (f->library, 0755), ==, 0);
      link_into_library (f, f->outside, links[i]);
      g_assert_false (rtes_library_dir_write (f->dir, ".rtes-fiches/sync/state.json", "x", 1, &write_error));
      g_assert_error (write_error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH);
      g_assert_nonnull (strstr (write_error->message, links[i]));
      g_assert_nonnull (strstr (write_error->message, "symbolic link"));
      g_assert_false (rtes_library_dir_delete (f->dir, ".rtes-fiches/sync/state.json", &delete_error));
      g_assert_error (delete_error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH);
      bytes = rtes_library_dir_read (f->dir, ".rtes-fiches/sync/state.json", 1024, &read_error);
      g_assert_error (read_error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH);
      g_assert_false (rtes_library_dir_make_dirs (f->dir, ".rtes-fiches/sync/bases", &mkdir_error));
      g_assert_error (mkdir_error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH);
      g_free (rtes_test_write_file (f->library, "a.json", "a"));
      g_assert_false (rtes_library_dir_move (f->dir, "a.json", ".rtes-fiches/sync/a.json", &move_error));
      g_assert_error (move_error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH);
      g_assert_false (rtes_library_dir_check (f->dir, ".rtes-fiches/sync/state.json", &check_error));
      g_assert_error (check_error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH);
      names = rtes_library_dir_list (f->dir, ".rtes-fiches/sync", &list_error);
      g_assert_null (names);
      g_assert_error (list_error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH);
      g_assert_false (rtes_library_dir_get_mtime (f->dir, ".rtes-fiches/sync/state.json", &mtime, &mtime_error));
      g_assert_error (mtime_error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
}

/* A file that is a link: never replaced by a copy, never read through,
 * removed itself (not its target) when asked. */
static void
test_linked_file (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *victim = g_build_filename (f->outside, "victim.json", NULL);
  g_autofree char *link = g_build_filename (f->library, "dijon.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GError) atomic_error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  link_into_library (f, victim, "dijon.json");
  g_assert_false (rtes_library_dir_write (f->dir, "dijon.json", "x", 1, &error));
  g_assert_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  bytes = rtes_library_dir_read (f->dir, "dijon.json", 1024, &read_error);
  g_assert_error (read_error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH);
  /* rtes_atomic_write() by path keeps the same rule for the file. */
  g_assert_false (rtes_atomic_write (link, "x", 1, &atomic_error));
  g_assert_error (atomic_error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));

  g_assert_true (rtes_library_dir_delete (f->dir, "dijon.json", NULL));
  g_assert_false (g_file_test (link, G_FILE_TEST_EXISTS));
}

/* A FIFO must not block the reader. */
static void
test_fifo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->library, "pipe.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) write_error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_cmpint (mkfifo (path, 0644), ==, 0);
  bytes = rtes_library_dir_read (f->dir, "pipe.json", 1024, &error);
  g_assert_null (bytes);
  g_assert_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH);
  g_assert_false (rtes_library_dir_write (f->dir, "pipe.json", "x", 1, &write_error));
  g_assert_error (write_error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH);
}

static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *moved = g_build_filename (f->library, ".rtes-fiches", "deleted", "a-1.json", NULL);
  g_autoptr(GError) error = NULL;

  g_free (rtes_test_write_file (f->library, "a.json", "a"));
  g_free (rtes_test_write_file (f->library, "b.json", "b"));
  g_assert_true (rtes_library_dir_move (f->dir, "a.json", ".rtes-fiches/deleted/a-1.json", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (moved, G_FILE_TEST_IS_REGULAR));
  /* Never over an existing file. */
  g_assert_false (rtes_library_dir_move (f->dir, "b.json", ".rtes-fiches/deleted/a-1.json", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
}

/* Listing a folder: its names, sorted; none for a missing folder. */
static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) none = NULL;
  g_autofree char *link = g_build_filename (f->library, "recovery", "c.json", NULL);
  gint64 mtime = 0;

  g_free (rtes_test_write_file (f->library, "recovery/b.json", "b"));
  g_free (rtes_test_write_file (f->library, "recovery/a.json", "a"));
  g_assert_cmpint (symlink ("a.json", link), ==, 0);
  names = rtes_library_dir_list (f->dir, "recovery", &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (names, ((const char *[]) { "a.json", "b.json", "c.json", NULL }));
  none = rtes_library_dir_list (f->dir, "missing", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  g_assert_true (rtes_library_dir_get_mtime (f->dir, "recovery/a.json", &mtime, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mtime, >, 0);
  g_assert_false (rtes_library_dir_get_mtime (f->dir, "recovery/d.json", &mtime, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_temporary_names (void)
{
  const char *ours[] = { "dijon.json.Ab12Cd", "state.json.XXXXXX", "a-b.json.000000", NULL };
  const char *not_ours[] = { "dijon.json", "dijon.json.Ab12C", "dijon.json.Ab12Cde", "Dijon.json.Ab12Cd",
                             "dijon.json.Ab1-Cd", "dijon.pdf.Ab12Cd", ".json.Ab12Cd", "x.Ab12Cd", NULL };

  for (guint i = 0; ours[i] != NULL; i++)
    g_assert_true (rtes_library_dir_is_temporary_name (ours[i]));
  for (guint i = 0; not_ours[i] != NULL; i++)
    g_assert_false (rtes_library_dir_is_temporary_name (not_ours[i]));
}

/* The library itself: saves refuse links, and its state folders too. */
static void
test_library_refuses_links (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *victim = g_build_filename (f->outside, "victim.json", NULL);
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("dijon", "Dijon");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) state_error = NULL;
  g_autoptr(GError) create_error = NULL;
  g_autofree char *state_dir = NULL;

  library = rtes_library_open (f->library, &error);
  g_assert_no_error (error);
  link_into_library (f, victim, "dijon.json");
  g_assert_false (rtes_library_save (library, fiche, &error));
  g_assert_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH);

  link_into_library (f, f->outside, ".rtes-fiches");
  state_dir = rtes_library_get_state_dir (library, "recovery", &state_error);
  g_assert_null (state_dir);
  g_assert_error (state_error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH);
  /* Fiche files are not in .rtes-fiches: saving one still works. */
  g_assert_nonnull (rtes_library_create (library, "Nevers", &create_error));
  g_assert_no_error (create_error);
}

/* Several fiches replaced for one flush: nothing changes until the
 * commit, then all do, and no temporary file is left. */
static void
test_batch_commit (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *a = rtes_test_write_file (f->library, "a.json", "old a");
  g_autofree char *b = g_build_filename (f->library, "b.json", NULL);
  g_autoptr(RtesAtomicBatch) batch = rtes_library_dir_batch_new (f->dir, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *read_a = NULL;
  g_autofree char *read_b = NULL;
  g_autoptr(GDir) dir = NULL;
  guint renamed = 0;
  const char *name;

  g_assert_nonnull (batch);
  g_assert_true (rtes_library_dir_batch_add (f->dir, batch, NULL, "a.json", "new a", 5, &error));
  g_assert_true (rtes_library_dir_batch_add (f->dir, batch, NULL, "b.json", "new b", 5, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rtes_atomic_batch_get_n_pending (batch), ==, 2);
  read_a = rtes_test_read_file (a, NULL);
  g_assert_cmpstr (read_a, ==, "old a");
  g_assert_false (g_file_test (b, G_FILE_TEST_EXISTS));

  g_assert_true (rtes_atomic_batch_commit (batch, &renamed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (renamed, ==, 2);
  g_clear_pointer (&read_a, g_free);
  read_a = rtes_test_read_file (a, NULL);
  read_b = rtes_test_read_file (b, NULL);
  g_assert_cmpstr (read_a, ==, "new a");
  g_assert_cmpstr (read_b, ==, "new b");
  dir = g_dir_open (f->library, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_true (g_str_equal (name, "a.json") || g_str_equal (name, "b.json") || name[0] == '.');
}

/* A batch let go of without a commit leaves the targets and no
 * temporary file; a link in a target's place is refused when added, and
 * the outside folder it leads to is untouched (teardown checks). */
static void
test_batch_abandoned_and_links (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *a = rtes_test_write_file (f->library, "a.json", "old a");
  g_autofree char *link = g_build_filename (f->library, "victim.json", NULL);
  g_autofree char *target = g_build_filename (f->outside, "victim.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *read_a = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  RtesAtomicBatch *batch = rtes_library_dir_batch_new (f->dir, NULL, NULL);

  g_assert_cmpint (symlink (target, link), ==, 0);
  g_assert_false (rtes_library_dir_batch_add (f->dir, batch, NULL, "victim.json", "x", 1, &error));
  g_assert_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH);
  g_assert_true (rtes_library_dir_batch_add (f->dir, batch, NULL, "a.json", "new a", 5, NULL));
  rtes_atomic_batch_free (batch);

  read_a = rtes_test_read_file (a, NULL);
  g_assert_cmpstr (read_a, ==, "old a");
  dir = g_dir_open (f->library, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_true (g_str_equal (name, "a.json") || g_str_equal (name, "victim.json") || name[0] == '.');
  g_unlink (link);
}

int
main (int   argc,
      char *argv[])
{
  rtes_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  g_test_add_func ("/model/library-dir/paths", test_paths);
  g_test_add_func ("/model/library-dir/missing-folder", test_missing_folder);
  g_test_add_func ("/model/library-dir/temporary-names", test_temporary_names);
  ADD ("/model/library-dir/list", test_list);
  ADD ("/model/library-dir/write-read-delete", test_write_read_delete);
  ADD ("/model/library-dir/linked-folder", test_linked_folder);
  ADD ("/model/library-dir/linked-file", test_linked_file);
  ADD ("/model/library-dir/fifo", test_fifo);
  ADD ("/model/library-dir/move", test_move);
  ADD ("/model/library-dir/library-refuses-links", test_library_refuses_links);
  ADD ("/model/library-dir/batch-commit", test_batch_commit);
  ADD ("/model/library-dir/batch-abandoned-and-links", test_batch_abandoned_and_links);
#undef ADD

  return g_test_run ();
}
