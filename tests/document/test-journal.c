/* test-journal.c: the recovery journal's format, read as untrusted input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "rtes-fiche-json.h"
#include "rtes-gui-test.h"
#include "rtes-journal.h"
#include "rtes-test-util.h"

/* A library for journals: its RtesLibraryDir, and the recovery folder. */
static RtesLibraryDir *
open_library (const char  *top,
              char       **recovery)
{
  g_autoptr(GError) error = NULL;
  RtesLibraryDir *dir = rtes_library_dir_open (top, FALSE, &error);

  g_assert_no_error (error);
  *recovery = g_build_filename (top, RTES_LIBRARY_STATE_DIR, RTES_JOURNAL_DIR, NULL);
  g_assert_cmpint (g_mkdir_with_parents (*recovery, 0755), ==, 0);
  return dir;
}

static void
test_round_trip (void)
{
  g_autofree char *top = rtes_test_make_tmpdir ("rtes-journal");
  g_autofree char *dir = NULL;
  g_autoptr(RtesLibraryDir) library = open_library (top, &dir);
  g_autoptr(RtesFiche) fiche = rtes_gui_test_make_fiche ("dijon", "Dijon Métropole");
  g_autoptr(GHashTable) pending = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(RtesJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_hash_table_insert (pending, "population", "1,2 million");
  g_hash_table_insert (pending, "budget.lines[0].amount", "350 k€");
  data = rtes_journal_serialize (fiche, pending, &length);
  g_assert_true (rtes_journal_write (library, "dijon", data, length, &error));
  g_assert_no_error (error);

  journal = rtes_journal_read (library, "dijon", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rtes_journal_get_id (journal), ==, "dijon");
  g_assert_true (rtes_fiche_equal (rtes_journal_get_fiche (journal), fiche));
  g_assert_cmpuint (g_hash_table_size (rtes_journal_get_pending (journal)), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (rtes_journal_get_pending (journal), "population"), ==, "1,2 million");
  g_assert_cmpstr (g_hash_table_lookup (rtes_journal_get_pending (journal), "budget.lines[0].amount"), ==, "350 k€");

  /* Nothing but the journal is left in the folder (no temporary file). */
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (listing) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 1);
  }
  rtes_test_remove_tree (top);
}

/* Journals of older versions are fiche documents. */
static void
test_old_format (void)
{
  g_autofree char *top = rtes_test_make_tmpdir ("rtes-journal");
  g_autofree char *dir = NULL;
  g_autoptr(RtesLibraryDir) library = open_library (top, &dir);
  g_autoptr(RtesFiche) fiche = rtes_gui_test_make_fiche ("dijon", "Dijon");
  g_autofree char *path = rtes_gui_test_write_fiche (dir, fiche);
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesJournal) journal = rtes_journal_read (library, "dijon", &error);

  g_assert_no_error (error);
  g_assert_true (rtes_fiche_equal (rtes_journal_get_fiche (journal), fiche));
  g_assert_cmpuint (g_hash_table_size (rtes_journal_get_pending (journal)), ==, 0);
  rtes_test_remove_tree (top);
}

typedef struct
{
  const char *name;
  const char *contents;
  const char *message;    /* part of the error's message */
} BadJournal;

#define FICHE "{ \"format\": \"rtes-fiche\", \"version\": 1, \"id\": \"dijon\", \"name\": \"Dijon\" }"

static const BadJournal bad_journals[] = {
  { "dijon.json", "[]", "not a recovery journal" },
  { "dijon.json", "{ \"format\": \"autre\" }", "format" },
  { "dijon.json", "{ \"format\": \"rtes-journal\", \"version\": 2, \"id\": \"dijon\", \"fiche\": " FICHE " }", "version" },
  { "dijon.json", "{ \"format\": \"rtes-journal\", \"version\": 1, \"id\": \"beaune\", \"fiche\": " FICHE " }", "id" },
  { "dijon.json", "{ \"format\": \"rtes-journal\", \"version\": 1, \"id\": \"dijon\", \"fiche\": [] }", "fiche" },
  { "dijon.json", "{ \"format\": \"rtes-journal\", \"version\": 1, \"id\": \"dijon\", \"fiche\": "
                  "{ \"format\": \"rtes-fiche\", \"version\": 1, \"id\": \"beaune\", \"name\": \"B\" } }", "beaune" },
  { "dijon.json", "{ \"format\": \"rtes-journal\", \"version\": 1, \"id\": \"dijon\", \"fiche\": "
                  "{ \"format\": \"rtes-fiche\", \"version\": 1, \"id\": \"dijon\", \"name\": 3 } }", "name" },
  { "dijon.json", "{ \"format\": \"rtes-journal\", \"version\": 1, \"id\": \"dijon\", \"fiche\": " FICHE ", "
                  "\"pending\": { \"population\": 12 } }", "pending.population" },
  { "dijon.json", "{ \"format\": \"rtes-journal\", \"version\": 1, \"id\": \"dijon\", \"fiche\": " FICHE ", "
                  "\"pending\": { \"../../etc\": \"x\" } }", "pending" },
  { "dijon.json", "{ \"format\": \"rtes-journal\", \"version\": 1, \"id\": \"dijon\", \"fiche\": " FICHE ", "
                  "\"pending\": [] }", "pending" },
  { "dijon.json", "{ \"format\": \"rtes-journal\", ", "dijon.json" },
  { "Dijon.json", "{}", "not a valid fiche identifier" },
};

static void
test_strict (void)
{
  g_autofree char *top = rtes_test_make_tmpdir ("rtes-journal");
  g_autofree char *dir = NULL;
  g_autoptr(RtesLibraryDir) library = open_library (top, &dir);

  for (guint i = 0; i < G_N_ELEMENTS (bad_journals); i++)
    {
      g_autofree char *path = rtes_test_write_file (dir, bad_journals[i].name, bad_journals[i].contents);
      g_autofree char *id = g_strndup (bad_journals[i].name, strlen (bad_journals[i].name) - 5);
      g_autoptr(GError) error = NULL;
      g_autoptr(RtesJournal) journal = rtes_journal_read (library, id, &error);

      g_test_message ("%s", bad_journals[i].contents);
      g_assert_null (journal);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, bad_journals[i].message));
      /* Messages name the file (or the id that names none). */
      g_assert_nonnull (strstr (error->message, id));
      g_unlink (path);
    }
  rtes_test_remove_tree (top);
}

/* Far too much text for any field, a symlink, a huge file: not read. */
static void
test_bounded (void)
{
  g_autofree char *top = rtes_test_make_tmpdir ("rtes-journal");
  g_autofree char *dir = NULL;
  g_autoptr(RtesLibraryDir) library = open_library (top, &dir);
  g_autofree char *path = g_build_filename (dir, "dijon.json", NULL);
  g_autofree char *link = g_build_filename (dir, "beaune.json", NULL);
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("dijon", "Dijon");
  g_autoptr(GHashTable) pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *long_text = g_strnfill (RTES_JOURNAL_MAX_PENDING_LENGTH + 1, 'x');
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  RtesJournal *journal;
  gsize length;

  g_hash_table_insert (pending, g_strdup ("population"), g_strdup (long_text));
  data = rtes_journal_serialize (fiche, pending, &length);
  g_assert_true (rtes_journal_write (library, "dijon", data, length, NULL));
  journal = rtes_journal_read (library, "dijon", &error);
  g_assert_null (journal);
  g_assert_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_FORMAT);
  g_clear_error (&error);

  g_assert_cmpint (symlink (path, link), ==, 0);
  journal = rtes_journal_read (library, "beaune", &error);
  g_assert_null (journal);
  g_assert_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_IO);
  g_clear_error (&error);

  {
    g_autofree char *huge = g_strnfill (RTES_JOURNAL_MAX_SIZE + 1, ' ');

    g_assert_true (g_file_set_contents (path, huge, -1, NULL));
  }
  journal = rtes_journal_read (library, "dijon", &error);
  g_assert_null (journal);
  g_assert_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_IO);
  rtes_test_remove_tree (top);
}

static void
write_journal (RtesLibraryDir *library,
               RtesFiche      *fiche,
               const char     *pending_field)
{
  g_autoptr(GHashTable) pending = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *data = NULL;
  gsize length;

  if (pending_field != NULL)
    g_hash_table_insert (pending, (gpointer) pending_field, "1,2 million");
  data = rtes_journal_serialize (fiche, pending, &length);
  g_assert_true (rtes_journal_write (library, rtes_fiche_get_id (fiche), data, length, NULL));
}

/* Journals: offered when newer than their fiche and different from it. */
static void
test_scan (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("rtes-recovery-scan");
  g_autofree char *recovery = NULL;
  g_autoptr(RtesLibraryDir) library = open_library (dir, &recovery);
  g_autoptr(RtesFiche) a = rtes_gui_test_make_fiche ("a", "A");
  g_autoptr(RtesFiche) b = rtes_gui_test_make_fiche ("b", "B");
  g_autoptr(RtesFiche) c = rtes_gui_test_make_fiche ("c", "C");
  g_autoptr(RtesFiche) d = rtes_gui_test_make_fiche ("d", "D");
  g_autoptr(RtesFiche) gone = rtes_gui_test_make_fiche ("gone", "Gone");
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *pa = NULL, *pb = NULL, *pc = NULL, *pd = NULL;
  g_autofree char *jb = g_build_filename (recovery, "b.json", NULL);
  g_autofree char *jc = g_build_filename (recovery, "c.json", NULL);
  g_autofree char *jd = g_build_filename (recovery, "d.json", NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *stray = NULL;

  pa = rtes_gui_test_write_fiche (dir, a);
  pb = rtes_gui_test_write_fiche (dir, b);
  pd = rtes_gui_test_write_fiche (dir, d);
  write_journal (library, c, NULL);            /* same as its file: stale */
  write_journal (library, d, "population");    /* same, but with typed text */
  g_usleep (20000);
  rtes_fiche_set_city (a, "Journal A");
  write_journal (library, a, NULL);            /* newer, different: offered */
  rtes_fiche_set_city (b, "Journal B");
  write_journal (library, b, NULL);
  write_journal (library, gone, NULL);         /* its file is gone: offered */
  stray = rtes_test_write_file (recovery, "e.json.A1B2C3", "half");
  g_usleep (20000);
  pc = rtes_gui_test_write_fiche (dir, c);
  {
    /* b's file changed after its journal (a git pull after the crash). */
    g_autoptr(RtesFiche) pulled = rtes_gui_test_make_fiche ("b", "B");

    rtes_fiche_set_city (pulled, "Pulled");
    g_free (pb);
    pb = rtes_gui_test_write_fiche (dir, pulled);
  }

  found = rtes_journal_scan (library);
  for (guint i = 0; i < found->len; i++)
    g_hash_table_add (ids, (gpointer) rtes_journal_get_id (g_ptr_array_index (found, i)));
  g_assert_cmpuint (found->len, ==, 3);
  g_assert_true (g_hash_table_contains (ids, "a"));
  g_assert_true (g_hash_table_contains (ids, "d"));
  g_assert_true (g_hash_table_contains (ids, "gone"));
  /* The stale journal is removed; the older one is kept for a person. */
  g_assert_false (g_file_test (jc, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (jb, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (jd, G_FILE_TEST_EXISTS));

  rtes_test_remove_tree (dir);
}

/* .rtes-fiches, or its recovery folder, is a link out of the library:
 * no journal is written, read, removed or listed through it. */
static void
test_through_link (void)
{
  const char *links[] = { ".rtes-fiches", ".rtes-fiches/recovery" };

  /* The scan warns about the folders it did not read: run where warnings
   * are not fatal, and look for them. */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      g_test_trap_assert_stderr ("*No recovery journals read*/.rtes-fiches: is a symbolic link*"
                                 "No recovery journals read*/.rtes-fiches/recovery: is a symbolic link*");
      return;
    }
  g_log_set_always_fatal (G_LOG_FATAL_MASK);

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_autofree char *top = rtes_test_make_tmpdir ("rtes-journal");
      g_autofree char *outside = rtes_test_make_tmpdir ("rtes-outside");
      g_autofree char *link = g_build_filename (top, links[i], NULL);
      g_autofree char *parent = g_path_get_dirname (link);
      g_autoptr(RtesFiche) fiche = rtes_gui_test_make_fiche ("dijon", "Dijon");
      g_autofree char *victim = NULL;
      g_autoptr(GHashTable) before = NULL;
      g_autoptr(RtesLibraryDir) library = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(RtesJournal) journal = NULL;
      g_autoptr(GPtrArray) found = NULL;
      g_autofree char *data = NULL;
      gsize length;

      /* Outside, what a journal (of either layout) would be. */
      victim = rtes_gui_test_write_fiche (outside, fiche);
      g_free (rtes_test_write_file (outside, "recovery/dijon.json", "victim"));
      before = rtes_test_snapshot_tree (outside);
      g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
      g_assert_cmpint (symlink (outside, link), ==, 0);
      library = rtes_library_dir_open (top, FALSE, &error);
      g_assert_no_error (error);
      g_test_message ("%s is a link", links[i]);

      data = rtes_journal_serialize (fiche, NULL, &length);
      g_assert_false (rtes_journal_write (library, "dijon", data, length, &error));
      g_assert_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH);
      g_assert_nonnull (strstr (error->message, links[i]));
      g_clear_error (&error);

      journal = rtes_journal_read (library, "dijon", &error);
      g_assert_null (journal);
      g_assert_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_IO);
      g_clear_error (&error);

      g_assert_false (rtes_journal_remove (library, "dijon", &error));
      g_assert_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH);
      g_clear_error (&error);

      found = rtes_journal_scan (library);
      g_assert_cmpuint (found->len, ==, 0);

      rtes_test_assert_tree_unchanged (before, outside);
      g_unlink (link);
      rtes_test_remove_tree (top);
      rtes_test_remove_tree (outside);
    }
}

int
main (int   argc,
      char *argv[])
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/document/journal/round-trip", test_round_trip);
  g_test_add_func ("/document/journal/old-format", test_old_format);
  g_test_add_func ("/document/journal/strict", test_strict);
  g_test_add_func ("/document/journal/bounded", test_bounded);
  g_test_add_func ("/document/journal/scan", test_scan);
  g_test_add_func ("/document/journal/through-link", test_through_link);

  return g_test_run ();
}
