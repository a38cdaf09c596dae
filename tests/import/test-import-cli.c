/* test-import-cli.c: rtes-fiches-cli import, run as a person would
 *
 * Exit codes (0 ok, 1 failure, 2 usage, 3 conflicts), the summary line,
 * --report and --dry-run by fiche name, --dry-run writing nothing, and a
 * re-import over local edits with its conflicts listed and resolved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rtes-commit-journal.h"
#include "rtes-fiche-json.h"
#include "rtes-import-test-util.h"
#include "rtes-test-util.h"

/* The library the CLI imports into, and a folder for the exports a test
 * writes. */
typedef struct {
  char *dir;
  char *in;
} Fixture;

static void
setup (Fixture *fx, gconstpointer data)
{
  fx->dir = rtes_test_make_tmpdir ("import-cli");
  fx->in = rtes_test_make_tmpdir ("import-cli-in");
}

static void
teardown (Fixture *fx, gconstpointer data)
{
  rtes_test_remove_tree (fx->dir);
  rtes_test_remove_tree (fx->in);
  g_free (fx->dir);
  g_free (fx->in);
}

static gboolean
have_cli (void)
{
  if (g_getenv ("RTES_FICHES_CLI") == NULL)
    {
      g_test_skip ("RTES_FICHES_CLI is not set");
      return FALSE;
    }
  return TRUE;
}

static void
test_import_and_reimport (Fixture *fx, gconstpointer data)
{
  g_autofree char *path = import_test_fixture_path ();
  g_autoptr(GHashTable) before = NULL;
  g_auto(RtesTestRun) run = { 0 };

  if (!have_cli ())
    return;

  rtes_test_run_cli_expect (&run, 0, fx->dir, "import", path, NULL);
  g_assert_true (g_str_has_prefix (run.out, "3 created, 0 updated, 0 unchanged\n"));
  /* Text that fits no field is announced, and --report shows it. */
  g_assert_nonnull (strstr (run.out, "2 pieces of text are not in a field of their own"));
  /* The breadcrumb outside any fiche is said even without --report. */
  g_assert_nonnull (strstr (run.err, "occitanie-export.txt:3: text outside any fiche"));
  g_assert_cmpuint (import_test_count_json_files (fx->dir), ==, 3);

  before = rtes_test_snapshot_tree (fx->dir);
  rtes_test_run_cli_expect (&run, 0, fx->dir, "import", path, "--report", NULL);
  /* Fiches by name, with their id. */
  g_assert_nonnull (strstr (run.out, "Unchanged:\n  Ville de Figeac (ville-de-figeac)\n"));
  g_assert_nonnull (strstr (run.out, "line 46: “Site internet : https://www.ville-figeac.fr”"));
  g_assert_nonnull (strstr (run.out, "Accueil > Adhérents > Occitanie"));
  g_assert_true (g_str_has_suffix (run.out, "0 created, 0 updated, 3 unchanged\n"));
  rtes_test_assert_tree_unchanged (before, fx->dir);
}

static void
test_dry_run (Fixture *fx, gconstpointer data)
{
  g_autofree char *path = import_test_fixture_path ();
  g_autoptr(GHashTable) before = NULL;
  g_auto(RtesTestRun) run = { 0 };

  if (!have_cli ())
    return;
  before = rtes_test_snapshot_tree (fx->dir);

  rtes_test_run_cli_expect (&run, 0, fx->dir, "import", "--dry-run", path, NULL);
  g_assert_nonnull (strstr (run.out, "New fiches:\n  Ville de Figeac (ville-de-figeac)\n"));
  g_assert_nonnull (strstr (run.out, "Dry run, nothing written: 3 created, 0 updated, 0 unchanged\n"));
  g_assert_cmpuint (import_test_count_json_files (fx->dir), ==, 0);
  rtes_test_assert_tree_unchanged (before, fx->dir);
}

/* A sync cut short by a crash left its journal and a fiche it had
 * written: the import first puts that back, as every save does, so that
 * it merges into what the library held, not into half a sync. */
static void
test_settles_interrupted_sync (Fixture *fx, gconstpointer data)
{
  g_autofree char *path = import_test_fixture_path ();
  g_autofree char *fiche = g_build_filename (fx->dir, "ville-de-figeac.json", NULL);
  g_autofree char *journal = g_build_filename (fx->dir, RTES_COMMIT_JOURNAL_PATH, NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize length;
  g_auto(RtesTestRun) run = { 0 };

  if (!have_cli ())
    return;
  rtes_test_run_cli_expect (&run, 0, fx->dir, "import", path, NULL);
  before = rtes_test_read_file (fiche, &length);
  {
    g_autoptr(RtesLibraryDir) dir = rtes_library_dir_open (fx->dir, FALSE, NULL);
    g_autofree char *half = g_strdup_printf ("%.*s  \n", (int) length, before);
    g_autoptr(GBytes) old = g_bytes_new (before, length);
    g_autoptr(GBytes) written = g_bytes_new (half, strlen (half));
    RtesCommitJournalEntry entry = { "ville-de-figeac.json", old, written };
    g_autoptr(GError) error = NULL;

    g_assert_true (rtes_commit_journal_write (dir, &entry, 1, &error));
    g_assert_no_error (error);
    g_free (rtes_test_write_file (fx->dir, "ville-de-figeac.json", half));
  }

  rtes_test_run_cli_expect (&run, 0, fx->dir, "import", path, NULL);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  after = rtes_test_read_file (fiche, NULL);
  g_assert_cmpstr (after, ==, before);
}

/* ------------------------------------------- re-importing over edits */

/* A new contact, the programme reworded, the population corrected. */
static void
edit_fiche (const char *dir)
{
  g_autoptr(RtesFiche) fiche = rtes_test_load_fiche (dir, "ville-de-testbourg");
  g_autoptr(RtesContact) contact = rtes_contact_new ();

  rtes_contact_set_role (contact, "Chargée de mission");
  rtes_contact_set_name (contact, "Alice Martin");
  g_list_store_append (rtes_fiche_get_contacts (fiche), contact);
  rtes_fiche_set_programme (fiche, "Soutien aux associations et aux tiers-lieux.");
  rtes_fiche_set_population (fiche, 8100);
  rtes_test_save_fiche (dir, fiche);
}

static void
test_reimport_merges (Fixture *fx, gconstpointer data)
{
  g_autofree char *v1 = NULL;
  g_autofree char *v2 = NULL;
  g_autofree char *fiche = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_auto(RtesTestRun) run = { 0 };

  if (!have_cli ())
    return;
  v1 = rtes_test_write_export (fx->in, "v1.txt", NULL);
  v2 = rtes_test_write_export (fx->in, "v2.txt", "Recyclerie.", "Recyclerie et épicerie solidaire.",
                               "8 000", "8 200", NULL);
  fiche = g_build_filename (fx->dir, "ville-de-testbourg.json", NULL);

  rtes_test_run_cli_expect (&run, 0, fx->dir, "import", v1, NULL);
  edit_fiche (fx->dir);
  edited = rtes_test_read_file (fiche, NULL);

  /* The same export again keeps every edit made here. */
  rtes_test_run_cli_expect (&run, 0, fx->dir, "import", v1, NULL);
  g_assert_cmpstr (run.out, ==, "0 created, 0 updated, 1 unchanged\n");
  now = rtes_test_read_file (fiche, NULL);
  g_assert_cmpstr (now, ==, edited);

  /* The preview of the next export, by name; nothing written. */
  before = rtes_test_snapshot_tree (fx->dir);
  rtes_test_run_cli_expect (&run, 0, fx->dir, "import", "--dry-run", v2, NULL);
  g_assert_nonnull (strstr (run.out, "With conflicts (the values here are kept):\n"
                                     "  Ville de Testbourg (ville-de-testbourg)\n"
                                     "    Conflict: Population\n"));
  g_assert_nonnull (strstr (run.out, "    Changed: Actions supported: Recyclerie. → Recyclerie et épicerie solidaire.\n"));
  g_assert_nonnull (strstr (run.out, "    Kept (added here): Contact “Alice Martin, Chargée de mission”\n"));
  rtes_test_assert_tree_unchanged (before, fx->dir);

  /* Imported: the export's change taken, ours kept, the clash recorded. */
  rtes_test_run_cli_expect (&run, 3, fx->dir, "import", v2, NULL);
  g_assert_nonnull (strstr (run.out, "1 conflict to resolve"));
  g_clear_pointer (&now, g_free);
  now = rtes_test_read_file (fiche, NULL);
  g_assert_nonnull (strstr (now, "\"actions\": \"Recyclerie et épicerie solidaire.\""));
  g_assert_nonnull (strstr (now, "\"population\": 8100,"));
  g_assert_nonnull (strstr (now, "\"programme\": \"Soutien aux associations et aux tiers-lieux.\""));
  g_assert_nonnull (strstr (now, "Alice Martin"));

  rtes_test_run_cli_expect (&run, 0, fx->dir, "import-conflicts", NULL);
  g_assert_true (g_str_has_prefix (run.out, "ville-de-testbourg\tpopulation\n"
                                            "  Ville de Testbourg: Population\n"));
  g_assert_nonnull (strstr (run.out, "in the export: 8\u202f200\n"));

  rtes_test_assert_cli (fx->dir, 2, NULL, "import-resolve", "ville-de-testbourg", "population", "sideways", NULL);
  rtes_test_run_cli_expect (&run, 0, fx->dir, "import-resolve", "ville-de-testbourg", "population", "theirs", NULL);
  g_clear_pointer (&now, g_free);
  now = rtes_test_read_file (fiche, NULL);
  g_assert_nonnull (strstr (now, "\"population\": 8200,"));
  rtes_test_run_cli (&run, fx->dir, "import-conflicts", NULL);
  g_assert_cmpstr (run.out, ==, "No import conflicts.\n");
}

static void
test_usage (Fixture *fx, gconstpointer data)
{
  g_autofree char *path = import_test_fixture_path ();

  if (!have_cli ())
    return;

  rtes_test_assert_cli (fx->dir, 2, "import", "import", NULL);

  rtes_test_assert_cli (fx->dir, 2, NULL, "import", path, path, NULL);

  rtes_test_assert_cli (fx->dir, 2, NULL, "import", "--no-such-option", path, NULL);

  g_assert_cmpuint (import_test_count_json_files (fx->dir), ==, 0);
}

static void
test_failures (Fixture *fx, gconstpointer data)
{
  g_autofree char *missing = NULL;
  g_autofree char *binary = NULL;
  g_autofree char *empty = NULL;
  g_autoptr(GHashTable) before = NULL;

  if (!have_cli ())
    return;
  missing = g_build_filename (fx->in, "absent.txt", NULL);
  binary = g_build_filename (fx->in, "photo.jpg", NULL);
  g_file_set_contents (binary, "\xff\xd8\xff\xe0\0\x10JFIF\0\x01", 12, NULL);
  empty = rtes_test_write_file (fx->in, "empty.txt", "");
  before = rtes_test_snapshot_tree (fx->dir);

  rtes_test_assert_cli (fx->dir, 1, "absent.txt", "import", missing, NULL);

  rtes_test_assert_cli (fx->dir, 1, "photo.jpg is not a text export", "import", binary, NULL);

  rtes_test_assert_cli (fx->dir, 1, "empty.txt is empty", "import", empty, NULL);

  rtes_test_assert_cli (fx->dir, 1, NULL, "import", "http://[not a url", NULL);

  rtes_test_assert_tree_unchanged (before, fx->dir);
}

/* A FIFO, a link to /dev/zero, a file larger than any export: each is
 * refused at once, saying what it is. Reading them the ordinary way
 * blocked for ever, or read gigabytes; a deadline (timeout(1)) turns a
 * hang into a failure rather than a stuck suite. */
static void
assert_import_refused (const char *library,
                       const char *source,
                       const char *message)
{
  g_autofree char *timeout = g_find_program_in_path ("timeout");
  const char *under[] = { timeout, "-s", "KILL", "20", NULL };
  RtesTestCli how = { .under = under };
  g_auto(RtesTestRun) run = { 0 };

  g_assert_nonnull (timeout);
  rtes_test_run_cli_with (&run, &how, library, "import", source, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, message));
}

static void
test_hostile_source (Fixture *fx, gconstpointer data)
{
  g_autofree char *fifo = NULL;
  g_autofree char *zero = NULL;
  g_autofree char *huge = NULL;
  g_autoptr(GHashTable) before = NULL;
  int fd;

  if (!have_cli ())
    return;
  fifo = g_build_filename (fx->in, "export.txt", NULL);
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  zero = g_build_filename (fx->in, "zero.txt", NULL);
  g_assert_cmpint (symlink ("/dev/zero", zero), ==, 0);
  /* 4 GiB, sparse: nothing is written to the disk. */
  huge = g_build_filename (fx->in, "huge.txt", NULL);
  fd = g_open (huge, O_WRONLY | O_CREAT, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 4 << 30), ==, 0);
  close (fd);
  before = rtes_test_snapshot_tree (fx->dir);

  assert_import_refused (fx->dir, fifo, "export.txt is not a regular file");
  assert_import_refused (fx->dir, zero, "zero.txt is not a regular file");
  assert_import_refused (fx->dir, huge, "huge.txt is too large");

  rtes_test_assert_tree_unchanged (before, fx->dir);
}

/* The import's records folder is a link out of the library: the import
 * refuses before it writes anything, here or there. */
static void
test_records_through_link (void)
{
  const char *links[] = { ".rtes-fiches", ".rtes-fiches/import" };
  g_autofree char *export = import_test_fixture_path ();

  if (!have_cli ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_autofree char *dir = rtes_test_make_tmpdir ("import-cli");
      g_autofree char *outside = rtes_test_make_tmpdir ("import-cli-outside");
      g_autofree char *link = g_build_filename (dir, links[i], NULL);
      g_autofree char *parent = g_path_get_dirname (link);
      g_autoptr(GHashTable) outside_before = NULL;
      g_auto(RtesTestRun) run = { 0 };

      g_free (rtes_test_write_file (outside, "conflicts.json", "outside"));
      g_free (rtes_test_write_file (outside, "bases/x.json", "outside"));
      outside_before = rtes_test_snapshot_tree (outside);
      g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
      g_assert_cmpint (symlink (outside, link), ==, 0);

      rtes_test_run_cli (&run, dir, "import", export, NULL);
      g_test_message ("%s: %s", links[i], run.err);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, "symbolic link"));
      g_assert_cmpuint (import_test_count_json_files (dir), ==, 0);

      rtes_test_assert_tree_unchanged (outside_before, outside);
      g_unlink (link);
      rtes_test_remove_tree (dir);
      rtes_test_remove_tree (outside);
    }
}

/* ------------------------------------------------------------- URLs */

/* The command runs in a child while this process serves the URL: the
 * server needs this main loop running, so the child is waited for here. */
static void
run_import_url (RtesTestRun *run,
                const char  *library,
                const char  *url)
{
  RtesTestCli how = { .serve = TRUE };

  rtes_test_run_cli_with (run, &how, library, "import", url, NULL);
}

static void
test_url (Fixture *fx, gconstpointer data)
{
  g_autofree char *base = NULL;
  g_autofree char *good = NULL;
  g_autofree char *missing = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_auto(RtesTestRun) run = { 0 };

  if (!have_cli ())
    return;
  server = import_test_serve (&base);
  good = g_strconcat (base, "adherents.txt", NULL);
  missing = g_strconcat (base, "absent.txt", NULL);

  run_import_url (&run, fx->dir, good);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "3 created, 0 updated, 0 unchanged\n"));
  g_assert_cmpuint (import_test_count_json_files (fx->dir), ==, 3);

  run_import_url (&run, fx->dir, missing);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "HTTP 404"));
  g_assert_nonnull (strstr (run.err, missing));
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/import/cli/import-and-reimport", test_import_and_reimport);
  ADD ("/import/cli/dry-run", test_dry_run);
  ADD ("/import/cli/settles-interrupted-sync", test_settles_interrupted_sync);
  ADD ("/import/cli/reimport-merges", test_reimport_merges);
  ADD ("/import/cli/usage", test_usage);
  ADD ("/import/cli/failures", test_failures);
  ADD ("/import/cli/hostile-source", test_hostile_source);
  g_test_add_func ("/import/cli/records-through-link", test_records_through_link);
  ADD ("/import/cli/url", test_url);
#undef ADD

  return g_test_run ();
}
