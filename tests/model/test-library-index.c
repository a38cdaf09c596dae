/* test-library-index.c: the library index never shows what the files do not say
 *
 * Every way the index can be out of date or damaged: a file edited in
 * place to the same size with its mtime put back, touched, replaced by a
 * rename, deleted, added, changed twice within one tick of the clock; an
 * index that is garbage, truncated, of another version, of another
 * schema, with a row that does not check, or a link; the CLI listing
 * while this process updates the index. Each time the library (and
 * "rtes-fiches-cli list") shows what the files hold, the index is mended,
 * and the files it could vouch for are not read again.
 *
 * Most tests let the index record files at once
 * (rtes_file_key_set_settle_time (0)) and change files so that their
 * key must differ; /library-index/changed-same-size keeps the real delay.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rtes-library.h"
#include "rtes-library-index.h"
#include "rtes-review.h"
#include "rtes-test-util.h"

static const char * const ids[] = { "alpha", "bravo", "charlie", "delta", "echo" };

/* Names of five letters, so that a renamed fiche keeps its file's size. */
static char *
fiche_json (const char *id,
            const char *name)
{
  return g_strdup_printf ("{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"%s\",\"name\":\"%s\"}\n",
                          id, name);
}

static char *
make_library (void)
{
  char *dir = rtes_test_make_tmpdir ("library-index");

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *name = g_strconcat (ids[i], ".json", NULL);
      g_autofree char *json = fiche_json (ids[i], "First");

      g_free (rtes_test_write_file (dir, name, json));
    }
  return dir;
}

static char *
index_path (const char *dir)
{
  return g_build_filename (dir, RTES_LIBRARY_INDEX_FILE, NULL);
}

/* Opens @dir; asserts that it lists @n_fiches and that @n_read files had
 * to be read. */
static RtesLibrary *
open_library (const char *dir,
              guint       n_fiches,
              guint       n_read)
{
  g_autoptr(GError) error = NULL;
  RtesLibrary *library = rtes_library_open (dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rtes_library_get_index (library));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, n_fiches);
  g_assert_cmpuint (rtes_library_index_get_n_read (rtes_library_get_index (library)), ==, n_read);
  return library;
}

static void
assert_name (RtesLibrary *library,
             const char  *id,
             const char  *name)
{
  RtesFiche *fiche = rtes_library_lookup (library, id);

  g_assert_nonnull (fiche);
  g_assert_cmpstr (rtes_fiche_get_name (fiche), ==, name);
}

/* Opens @dir again, which reads the one file changed, and finds @id
 * named @name. */
static void
assert_reread_one (const char *dir,
                   const char *id,
                   const char *name)
{
  g_autoptr(RtesLibrary) library = open_library (dir, 5, 1);

  assert_name (library, id, name);
}

/* Writes @contents over the start of @path, as an editor that does not
 * replace files would: same inode, same size. */
static void
overwrite_in_place (const char *path,
                    const char *contents)
{
  int fd = open (path, O_WRONLY | O_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, contents, strlen (contents), 0), ==, (gssize) strlen (contents));
  g_assert_cmpint (close (fd), ==, 0);
}

static void
set_mtime (const char            *path,
           const struct timespec *mtime)
{
  struct timespec times[2] = { { 0, UTIME_OMIT }, *mtime };

  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
}

static void
test_reused (void)
{
  g_autofree char *dir = make_library ();
  g_autofree char *db = index_path (dir);
  g_autoptr(RtesLibrary) first = open_library (dir, 5, 5);
  g_autoptr(RtesLibrary) second = open_library (dir, 5, 0);

  g_assert_true (g_file_test (db, G_FILE_TEST_IS_REGULAR));
  assert_name (second, "charlie", "First");
  /* Listed fiches read their file when more than the list is asked for. */
  g_assert_false (rtes_fiche_is_loaded (rtes_library_lookup (second, "charlie")));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rtes_fiche_get_contacts (rtes_library_lookup (second, "charlie")))), ==, 0);
  g_assert_true (rtes_fiche_is_loaded (rtes_library_lookup (second, "charlie")));
  rtes_test_remove_tree (dir);
}

/* With the real settling delay: an editor writing in place, to the same
 * size, putting the mtime back (as "cp -p" or a careless tool would); and
 * then twice within one tick of the clock, which a key cannot see. */
static void
test_changed_same_size (void)
{
  g_autofree char *dir = make_library ();
  g_autofree char *path = rtes_test_fiche_path (dir, "bravo");
  g_autofree char *second_json = fiche_json ("bravo", "Secnd");
  g_autofree char *third_json = fiche_json ("bravo", "Third");
  GStatBuf before;

  rtes_file_key_set_settle_time (RTES_FILE_KEY_SETTLE_MS);
  {
    /* Files this fresh are read, not recorded. */
    g_autoptr(RtesLibrary) fresh = open_library (dir, 5, 5);
    g_autoptr(RtesLibrary) again = open_library (dir, 5, 5);
  }
  g_usleep ((RTES_FILE_KEY_SETTLE_MS + 100) * 1000);
  {
    g_autoptr(RtesLibrary) settled = open_library (dir, 5, 5);
    g_autoptr(RtesLibrary) indexed = open_library (dir, 5, 0);
  }

  g_assert_cmpint (g_stat (path, &before), ==, 0);
  overwrite_in_place (path, second_json);
  set_mtime (path, &before.st_mtim);
  {
    g_autoptr(RtesLibrary) library = open_library (dir, 5, 1);
    GStatBuf after;

    g_assert_cmpint (g_stat (path, &after), ==, 0);
    g_assert_cmpint (after.st_size, ==, before.st_size);
    g_assert_cmpint (after.st_ino, ==, before.st_ino);
    assert_name (library, "bravo", "Secnd");
  }
  /* At once again: the same size, likely the same times to the tick. */
  overwrite_in_place (path, third_json);
  assert_reread_one (dir, "bravo", "Third");
  rtes_file_key_set_settle_time (0);
  rtes_test_remove_tree (dir);
}

static void
test_touched (void)
{
  g_autofree char *dir = make_library ();
  g_autofree char *path = rtes_test_fiche_path (dir, "charlie");
  g_autoptr(RtesLibrary) first = open_library (dir, 5, 5);
  GStatBuf st;
  struct timespec later;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  later = st.st_mtim;
  later.tv_nsec = (later.tv_nsec + 1) % 1000000000;
  set_mtime (path, &later);
  assert_reread_one (dir, "charlie", "First");
  g_object_unref (open_library (dir, 5, 0));
  rtes_test_remove_tree (dir);
}

/* As git checks out a file, or a safe save: a new file renamed over. */
static void
test_replaced (void)
{
  g_autofree char *dir = make_library ();
  g_autofree char *path = rtes_test_fiche_path (dir, "delta");
  g_autofree char *json = fiche_json ("delta", "Other");
  g_autoptr(RtesLibrary) first = open_library (dir, 5, 5);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);
  assert_reread_one (dir, "delta", "Other");
  rtes_test_remove_tree (dir);
}

static void
test_deleted_added (void)
{
  g_autofree char *dir = make_library ();
  g_autofree char *deleted = rtes_test_fiche_path (dir, "bravo");
  g_autofree char *json = fiche_json ("foxtrot", "Added");
  g_autoptr(RtesLibrary) first = open_library (dir, 5, 5);

  g_assert_cmpint (g_unlink (deleted), ==, 0);
  g_free (rtes_test_write_file (dir, "foxtrot.json", json));
  {
    g_autoptr(RtesLibrary) library = open_library (dir, 5, 1);

    g_assert_null (rtes_library_lookup (library, "bravo"));
    assert_name (library, "foxtrot", "Added");
  }
  /* A file that no longer loads is not listed from its old row. */
  g_free (rtes_test_write_file (dir, "alpha.json", "{\"format\":\"rtes-fiche\","));
  {
    g_autoptr(RtesLibrary) library = open_library (dir, 5, 1);

    g_assert_nonnull (rtes_fiche_get_load_error (rtes_library_lookup (library, "alpha")));
  }
  {
    g_autoptr(RtesLibrary) library = open_library (dir, 5, 1);

    g_assert_nonnull (rtes_fiche_get_load_error (rtes_library_lookup (library, "alpha")));
  }
  rtes_test_remove_tree (dir);
}

/* ---- a damaged index ---- */

static void
run_sql (const char *dir,
         const char *sql)
{
  g_autofree char *db_path = index_path (dir);
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
damage_garbage (const char *dir)
{
  g_autofree char *db = index_path (dir);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (db, "This is not a database, but it is long enough to look at.", -1, &error);
  g_assert_no_error (error);
}

static void
damage_truncated (const char *dir)
{
  g_autofree char *db = index_path (dir);
  GStatBuf st;

  g_assert_cmpint (g_stat (db, &st), ==, 0);
  g_assert_cmpint (truncate (db, st.st_size / 2), ==, 0);
}

static void
damage_empty (const char *dir)
{
  g_autofree char *db = index_path (dir);

  g_assert_cmpint (truncate (db, 0), ==, 0);
}

static void
damage_link (const char *dir)
{
  g_autofree char *db = index_path (dir);
  g_autofree char *target = g_build_filename (dir, "notes.txt", NULL);

  g_free (rtes_test_write_file (dir, "notes.txt", "not the index"));
  g_assert_cmpint (g_unlink (db), ==, 0);
  g_assert_cmpint (symlink (target, db), ==, 0);
}

static void
damage_wal_garbage (const char *dir)
{
  g_autofree char *wal = g_strconcat (dir, "/" RTES_LIBRARY_INDEX_FILE, "-wal", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (wal, "garbage in the write-ahead log", -1, &error);
  g_assert_no_error (error);
}

/* A damage to the index: @damage, or else @sql run on it; the next
 * opening reads @n_read fiches, and all come out right. */
typedef struct {
  const char *path;
  void      (*damage) (const char *dir);
  const char *sql;
  guint       n_read;
} Damage;

static const Damage damages[] = {
  { "/library-index/damaged/garbage", damage_garbage, NULL, 5 },
  { "/library-index/damaged/truncated", damage_truncated, NULL, 5 },
  { "/library-index/damaged/empty", damage_empty, NULL, 5 },
  { "/library-index/damaged/version", NULL, "PRAGMA user_version = 99", 5 },
  { "/library-index/damaged/application", NULL, "PRAGMA application_id = 1", 5 },
  { "/library-index/damaged/schema", NULL, "CREATE TABLE intruder (x); "
    "CREATE TRIGGER t AFTER INSERT ON fiches BEGIN DELETE FROM fiches; END", 5 },
  { "/library-index/damaged/dropped-table", NULL, "DROP TABLE fiches", 5 },
  { "/library-index/damaged/link", damage_link, NULL, 5 },
  /* SQLite ignores a log whose header does not check: nothing lost. */
  { "/library-index/damaged/wal", damage_wal_garbage, NULL, 0 },
};

static void
test_damaged (gconstpointer data)
{
  const Damage *c = data;
  g_autofree char *dir = make_library ();
  g_autofree char *notes = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *db = index_path (dir);
  GStatBuf st;

  g_object_unref (open_library (dir, 5, 5));
  if (c->damage != NULL)
    c->damage (dir);
  else
    run_sql (dir, c->sql);
  {
    g_autoptr(RtesLibrary) library = open_library (dir, 5, c->n_read);

    for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
      assert_name (library, ids[i], "First");
  }
  /* Mended: nothing read the next time; a link was replaced, not followed. */
  g_object_unref (open_library (dir, 5, 0));
  g_assert_cmpint (g_lstat (db, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  if (g_file_test (notes, G_FILE_TEST_EXISTS))
    {
      g_autofree char *text = rtes_test_read_file (notes, NULL);

      g_assert_cmpstr (text, ==, "not the index");
    }
  rtes_test_remove_tree (dir);
}

/* Rows that do not check make their own file be read, not the others. */
static void
test_damaged_rows (void)
{
  static const char * const updates[] = {
    "UPDATE fiches SET name = CAST(x'ff00fe' AS TEXT) WHERE id = 'bravo'",
    "UPDATE fiches SET name = x'41424344' WHERE id = 'bravo'",
    "UPDATE fiches SET filled = 'lots' WHERE id = 'bravo'",
    "UPDATE fiches SET budget = 'x' WHERE id = 'bravo'",
    "UPDATE fiches SET id = 'brav/o' WHERE id = 'bravo'",
    "UPDATE fiches SET blocking = -1 WHERE id = 'bravo'",
    "UPDATE fiches SET blocking = 99999999 WHERE id = 'bravo'",
    "UPDATE fiches SET blocking = 'none' WHERE id = 'bravo'",
  };

  for (guint u = 0; u < G_N_ELEMENTS (updates); u++)
    {
      g_autofree char *dir = make_library ();

      g_test_message ("%s", updates[u]);
      g_object_unref (open_library (dir, 5, 5));
      run_sql (dir, updates[u]);
      assert_reread_one (dir, "bravo", "First");
      g_object_unref (open_library (dir, 5, 0));
      rtes_test_remove_tree (dir);
    }
}

/* What blocks publishing is counted from the index: a row of the sidebar
 * shows its mark without reading the fiche's file. */
static void
test_blocking_listed (void)
{
  g_autofree char *dir = make_library ();
  g_autofree char *json = g_strdup ("{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"delta\","
                                    "\"name\":\"First\",\"panorama\":\"Lorem ipsum, TODO\"}\n");
  g_autoptr(RtesLibrary) first = NULL;
  g_autoptr(RtesLibrary) second = NULL;
  g_autoptr(GPtrArray) blocking = NULL;
  RtesFiche *delta;

  g_free (rtes_test_write_file (dir, "delta.json", json));
  first = open_library (dir, 5, 5);
  second = open_library (dir, 5, 0);
  delta = rtes_library_lookup (second, "delta");
  g_assert_false (rtes_fiche_is_loaded (delta));
  g_assert_cmpuint (rtes_review_count_blocking (delta), ==, 2);
  g_assert_cmpuint (rtes_review_count_blocking (rtes_library_lookup (second, "alpha")), ==, 0);
  g_assert_false (rtes_fiche_is_loaded (delta));
  /* The same count as the review of the whole file gives, and a change
   * counts again. */
  blocking = rtes_review_blocking (delta);
  g_assert_cmpuint (blocking->len, ==, 2);
  rtes_fiche_set_panorama (delta, "Lorem ipsum");
  g_assert_cmpuint (rtes_review_count_blocking (delta), ==, 1);
  rtes_test_remove_tree (dir);
}

/* ---- two processes ---- */

static GSubprocess *
spawn_list (const char *dir)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                           &error, g_getenv ("RTES_FICHES_CLI"),
                                           "--library", dir, "list", NULL);

  g_assert_no_error (error);
  return process;
}

static void
assert_listed (GSubprocess *process,
               const char  *expected_name)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (ids) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *tail = g_strconcat ("\t", expected_name, NULL);

      g_assert_true (g_str_has_prefix (lines[i], ids[i]));
      g_assert_true (g_str_has_suffix (lines[i], tail));
    }
}

/* The window (this process, its index open) and the CLI at once, while
 * files change under both: each lists what the files say. */
static void
test_two_processes (void)
{
  g_autofree char *dir = make_library ();
  g_autoptr(RtesLibrary) window = open_library (dir, 5, 5);

  if (g_getenv ("RTES_FICHES_CLI") == NULL)
    {
      g_test_skip ("RTES_FICHES_CLI is not set");
      rtes_test_remove_tree (dir);
      return;
    }
  for (guint round = 0; round < 4; round++)
    {
      g_autofree char *name = g_strdup_printf ("Round%u", round);
      g_autoptr(GPtrArray) processes = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        {
          g_autofree char *file = g_strconcat (ids[i], ".json", NULL);
          g_autofree char *json = fiche_json (ids[i], name);

          g_free (rtes_test_write_file (dir, file, json));
        }
      for (guint p = 0; p < 3; p++)
        g_ptr_array_add (processes, spawn_list (dir));
      /* Meanwhile this process lists and writes the index too. */
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(RtesLibrary) library = rtes_library_open (dir, &error);

        g_assert_no_error (error);
        for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
          assert_name (library, ids[i], name);
      }
      for (guint p = 0; p < processes->len; p++)
        assert_listed (g_ptr_array_index (processes, p), name);
    }
  g_object_unref (open_library (dir, 5, 0));
  rtes_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  rtes_test_init (&argc, &argv);
  rtes_file_key_set_settle_time (0);

  g_test_add_func ("/library-index/reused", test_reused);
  g_test_add_func ("/library-index/blocking-listed", test_blocking_listed);
  g_test_add_func ("/library-index/changed-same-size", test_changed_same_size);
  g_test_add_func ("/library-index/touched", test_touched);
  g_test_add_func ("/library-index/replaced", test_replaced);
  g_test_add_func ("/library-index/deleted-added", test_deleted_added);
  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    g_test_add_data_func (damages[i].path, &damages[i], test_damaged);
  g_test_add_func ("/library-index/damaged/rows", test_damaged_rows);
  g_test_add_func ("/library-index/two-processes", test_two_processes);
  return g_test_run ();
}
