/* test-sync-cli.c: rtes-fiches-cli sync, conflicts and resolve
 *
 * The CLI runs as a child process (GSubprocess, async) while the fake site
 * answers from this process's main loop: the CLI's own loop is in another
 * process, so nothing deadlocks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <unistd.h>

#include "rtes-commit-journal.h"
#include "rtes-fiche-json.h"
#include "rtes-json-writer.h"
#include "rtes-sync.h"
#include "rtes-test-proxy.h"
#include "rtes-test-site.h"
#include "rtes-test-util.h"

#define TOKEN "cli-t0ken-value"

typedef struct {
  RtesTestSite *site;
  char *dir;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  f->site = rtes_test_site_new ();
  rtes_test_site_set_token (f->site, TOKEN);
  rtes_test_site_put (f->site, "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"dijon\",\"name\":\"Dijon\"}");
  rtes_test_site_put (f->site, "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"nevers\",\"name\":\"Nevers\"}");
  f->dir = rtes_test_make_tmpdir ("rtes-sync-cli");
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->site, rtes_test_site_free);
  rtes_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

typedef struct {
  char *line;
  gboolean done;
} Line;

static void
line_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Line *line = user_data;

  line->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                          NULL, NULL);
  line->done = TRUE;
}

/* Starts the CLI with its commit stopping after @after files, waits until
 * it says so, then kills it with SIGKILL: a crash at that very moment.
 * The test site keeps answering meanwhile, from this main loop. */
static void
run_cli_killed_mid_commit (Fixture *f,
                           guint    after,
                           ...)
{
  g_autofree char *pause_after = g_strdup_printf ("RTES_SYNC_TEST_PAUSE_AFTER=%u", after);
  const char *env[] = { pause_after, NULL };
  RtesTestCli how = { .env = env };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) args = NULL;
  g_autoptr(GDataInputStream) stderr_lines = NULL;
  g_autoptr(GString) said = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  va_list ap;

  va_start (ap, after);
  args = rtes_test_cli_argv (f->dir, ap);
  va_end (ap);
  launcher = rtes_test_cli_launcher (&how, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  stderr_lines = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  for (;;)
    {
      Line line = { 0 };

      g_data_input_stream_read_line_async (stderr_lines, G_PRIORITY_DEFAULT, NULL, line_cb, &line);
      while (!line.done)
        g_main_context_iteration (NULL, TRUE);
      if (line.line == NULL)
        g_error ("the CLI ended without stopping in its commit:\n%s", said->str);
      g_string_append_printf (said, "%s\n", line.line);
      if (g_str_has_prefix (line.line, "rtes-sync-test: paused"))
        {
          g_free (line.line);
          break;
        }
      g_free (line.line);
    }
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (process));
  g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
}

/* A fiche made here and marked ready: a draft would stay here. */
static void
save_published (Fixture    *f,
                const char *id,
                const char *name)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new (id, name);

  rtes_fiche_set_status (fiche, RTES_STATUS_PUBLISHED);
  rtes_test_save_fiche (f->dir, fiche);
}

static void
test_cli_sync (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *again = NULL;
  g_autofree char *path = g_build_filename (f->dir, "dijon.json", NULL);
  const char *url = rtes_test_site_get_url (f->site);

  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, &out, NULL, "sync", "--site", url, NULL), ==, 0);
  /* The window's sentence, then each fiche by name. */
  rtes_test_assert_contains (out, "Sync: 2 new fiches from the site.\n");
  rtes_test_assert_contains (out, "  Dijon (dijon): new from the site\n");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  /* The site address is remembered; the ETag gives a 304. */
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, &again, NULL, "sync", NULL), ==, 0);
  rtes_test_assert_contains (again, "Sync: nothing changed here or on the site.");
  g_assert_cmpuint (rtes_test_site_get_stats (f->site)->not_modified, ==, 1);
}

/* Without --publish, a fiche changed here says why it stayed here. */
static void
test_cli_sync_not_asked (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  const char *url = rtes_test_site_get_url (f->site);

  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, NULL, "sync", "--site", url, NULL), ==, 0);
  rtes_test_edit_fiche (f->dir, "dijon", "name", "Dijon Métropole");
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, &out, NULL, "sync", "--site", url, NULL), ==, 0);
  rtes_test_assert_contains (out, "Sync: 1 fiche not published: publishing was not asked for.\n");
  rtes_test_assert_contains (out, "  Dijon Métropole (dijon): not published: publishing was not asked for\n");
}

static void
test_cli_conflicts (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *after = NULL;
  const char *url = rtes_test_site_get_url (f->site);
  JsonNode *doc;

  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, NULL, "sync", "--site", url, NULL), ==, 0);
  rtes_test_edit_fiche (f->dir, "dijon", "name", "Dijon Métropole");
  rtes_test_site_put (f->site, "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"dijon\",\"name\":\"Ville de Dijon\"}");

  g_assert_cmpint (rtes_test_site_run_cli (f->dir, TOKEN, &out, NULL, "sync", "--site", url, "--publish", NULL), ==, 3);
  rtes_test_assert_contains (out, "  Dijon Métropole (dijon): 1 conflict to settle\n");
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, &listing, NULL, "conflicts", NULL), ==, 0);
  rtes_test_assert_contains (listing, "dijon\tname\n  Name\n");
  /* In words, as the window shows them: no JSON. */
  rtes_test_assert_contains (listing, "  base:  Dijon\n");
  rtes_test_assert_contains (listing, "  mine:  Dijon Métropole\n");
  rtes_test_assert_contains (listing, "  site:  Ville de Dijon\n");

  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, NULL, "resolve", "dijon", "name", "maybe", NULL), ==, 2);
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, NULL, "resolve", "dijon", "panorama", "mine", NULL), ==, 1);
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, NULL, "resolve", "dijon", "name", "mine", NULL), ==, 0);
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, &after, NULL, "conflicts", NULL), ==, 0);
  rtes_test_assert_contains (after, "No conflicts");

  g_assert_cmpint (rtes_test_site_run_cli (f->dir, TOKEN, NULL, NULL, "sync", "--site", url, "--publish", NULL), ==, 0);
  doc = rtes_test_site_get (f->site, "dijon");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (doc), "name"), ==, "Dijon Métropole");
}

/* A conflict on one contact's phone is listed with its path, and settled
 * by giving that path back. */
static void
test_cli_item_conflict (Fixture *f, gconstpointer data)
{
  const char *url = rtes_test_site_get_url (f->site);
  g_autofree char *listing = NULL;
  g_autofree char *path = g_build_filename (f->dir, "dijon.json", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  const char *conflict_path = NULL;

  rtes_test_site_put (f->site, "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"dijon\",\"name\":\"Dijon\","
                               "\"contacts\":[{\"name\":\"Jean Martin\",\"phone\":\"01\"}]}");
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, NULL, "sync", "--site", url, NULL), ==, 0);
  contents = rtes_test_read_file (path, NULL);
  {
    g_autofree char *edited = NULL;
    g_auto(GStrv) parts = g_strsplit (contents, "\"phone\": \"01\"", 2);

    edited = g_strjoinv ("\"phone\": \"02\"", parts);
    g_assert_true (g_file_set_contents (path, edited, -1, NULL));
  }
  rtes_test_site_put (f->site, "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"dijon\",\"name\":\"Dijon\","
                               "\"contacts\":[{\"name\":\"Jean Martin\",\"phone\":\"03\"}]}");
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, NULL, "sync", NULL), ==, 3);

  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, &listing, NULL, "conflicts", NULL), ==, 0);
  lines = g_strsplit (listing, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "dijon\tcontacts[key="));
  g_assert_true (g_str_has_suffix (lines[0], "].phone"));
  conflict_path = lines[0] + strlen ("dijon\t");
  g_assert_cmpstr (lines[1], ==, "  Contact “Jean Martin, 02”: phone");
  rtes_test_assert_contains (listing, "  mine:  02\n");
  rtes_test_assert_contains (listing, "  site:  03\n");

  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, NULL, "resolve", "dijon", conflict_path, "theirs", NULL), ==, 0);
  g_clear_pointer (&contents, g_free);
  contents = rtes_test_read_file (path, NULL);
  rtes_test_assert_contains (contents, "\"phone\": \"03\"");
}

static void
test_cli_failure (Fixture *f, gconstpointer data)
{
  g_autofree char *err = NULL;
  g_autoptr(GHashTable) before = NULL;
  const char *url = rtes_test_site_get_url (f->site);

  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, NULL, "sync", "--site", url, NULL), ==, 0);
  rtes_test_site_put (f->site, "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"dijon\",\"name\":\"Autre\"}");
  before = rtes_test_snapshot_tree (f->dir);
  rtes_test_site_set_fault (f->site, RTES_TEST_FAULT_TRUNCATED);
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, &err, "sync", NULL), ==, 1);
  rtes_test_assert_contains (err, "nothing was changed");
  rtes_test_assert_tree_unchanged (before, f->dir);
}

static void
test_cli_token (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *url = rtes_test_site_get_url (f->site);

  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, NULL, "sync", "--site", url, NULL), ==, 0);
  rtes_test_edit_fiche (f->dir, "dijon", "name", "Dijon Métropole");
  /* No token: refused before anything happens. */
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, NULL, "sync", "--publish", NULL), ==, 2);
  /* A wrong token: the site's refusal, and the token never printed. */
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, "wrong-secret-value", &out, &err, "sync", "--site", url, "--publish", NULL), ==, 1);
  rtes_test_assert_contains (err, "token");
  g_assert_null (strstr (out, "wrong-secret-value"));
  g_assert_null (strstr (err, "wrong-secret-value"));
  g_assert_cmpuint (rtes_test_site_get_stats (f->site)->stored, ==, 0);
}

static char *
local_path (Fixture    *f,
            const char *relative)
{
  return g_build_filename (f->dir, relative, NULL);
}

static void
assert_file_contains (Fixture    *f,
                      const char *relative,
                      const char *needle)
{
  g_autofree char *path = local_path (f, relative);
  g_autofree char *contents = rtes_test_read_file (path, NULL);

  rtes_test_assert_contains (contents, needle);
}

/* Issue 15, finding 5: a sync killed in the middle of its commit, then
 * edits saved before the next sync, both the way the window saves (the
 * file written directly) and through rtes_library_save(). The next sync
 * must keep both edits, and still bring the site's changes. */
static void
test_cli_killed_then_edit (Fixture *f, gconstpointer data)
{
  const char *url = rtes_test_site_get_url (f->site);
  g_autofree char *journal = local_path (f, RTES_COMMIT_JOURNAL_PATH);
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(RtesFiche) nevers = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, NULL, "sync", "--site", url, NULL), ==, 0);
  rtes_test_site_put (f->site, "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"dijon\",\"name\":\"Ville de Dijon\"}");
  rtes_test_site_put (f->site, "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"nevers\",\"name\":\"Ville de Nevers\"}");

  /* Both fiche files written, their bases and state.json not yet. */
  run_cli_killed_mid_commit (f, 2, "sync", "--site", url, NULL);
  g_assert_true (g_file_test (journal, G_FILE_TEST_IS_REGULAR));
  assert_file_contains (f, "dijon.json", "Ville de Dijon");
  assert_file_contains (f, "nevers.json", "Ville de Nevers");

  rtes_test_edit_fiche (f->dir, "dijon", "programme", "Written in the window after the crash");
  library = rtes_library_open (f->dir, &error);
  g_assert_no_error (error);
  nevers = g_object_ref (rtes_library_lookup (library, "nevers"));
  rtes_fiche_set_programme (nevers, "Saved through the library after the crash");
  g_assert_true (rtes_library_save (library, nevers, &error));
  g_assert_no_error (error);
  /* The save settled the journal first. */
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));

  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, NULL, "sync", "--site", url, NULL), ==, 0);
  assert_file_contains (f, "dijon.json", "Written in the window after the crash");
  assert_file_contains (f, "dijon.json", "Ville de Dijon");
  assert_file_contains (f, "nevers.json", "Saved through the library after the crash");
  assert_file_contains (f, "nevers.json", "Ville de Nevers");
}

/* The same crash, then no edit: the next sync puts the files back and
 * syncs again from the start. */
static void
test_cli_killed_then_sync (Fixture *f, gconstpointer data)
{
  const char *url = rtes_test_site_get_url (f->site);
  g_autofree char *journal = local_path (f, RTES_COMMIT_JOURNAL_PATH);
  g_autofree char *out = NULL;

  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, NULL, "sync", "--site", url, NULL), ==, 0);
  rtes_test_site_put (f->site, "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"dijon\",\"name\":\"Ville de Dijon\"}");
  run_cli_killed_mid_commit (f, 1, "sync", "--site", url, NULL);
  g_assert_true (g_file_test (journal, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, &out, NULL, "sync", "--site", url, NULL), ==, 0);
  /* Put back first, so the site's change is an update again. */
  rtes_test_assert_contains (out, "  Ville de Dijon (dijon): updated from the site\n");
  assert_file_contains (f, "dijon.json", "Ville de Dijon");
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

static gboolean
folder_is_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  g_assert_nonnull (dir);
  return g_dir_read_name (dir) == NULL;
}

/* Issue 15, finding 4: .rtes-fiches as a link sent the state and the
 * bases into whatever folder it pointed at. */
static void
test_cli_state_dir_link (Fixture *f, gconstpointer data)
{
  const char *url = rtes_test_site_get_url (f->site);
  g_autofree char *outside = rtes_test_make_tmpdir ("rtes-outside");
  g_autofree char *link = local_path (f, RTES_LIBRARY_STATE_DIR);
  g_autofree char *dijon = local_path (f, "dijon.json");
  g_autofree char *err = NULL;

  g_assert_cmpint (symlink (outside, link), ==, 0);
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, &err, "sync", "--site", url, NULL), ==, 1);
  rtes_test_assert_contains (err, "symbolic link");
  g_assert_true (folder_is_empty (outside));
  g_assert_false (g_file_test (dijon, G_FILE_TEST_EXISTS));
  g_unlink (link);
  rtes_test_remove_tree (outside);
}

static char *
sha256 (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* Issue 15, finding 4: a journal names files by paths that pass every
 * textual check (no "..", under .rtes-fiches/sync/bases), but bases/ is a
 * link out of the library. Settling it must not write or delete there. */
static void
test_cli_journal_through_link (Fixture *f, gconstpointer data)
{
  const char *url = rtes_test_site_get_url (f->site);
  g_autofree char *outside = rtes_test_make_tmpdir ("rtes-outside");
  g_autofree char *bases = local_path (f, RTES_LIBRARY_STATE_DIR "/sync/bases");
  g_autofree char *dijon_hash = sha256 ("outside dijon");
  g_autofree char *nevers_hash = sha256 ("outside nevers");
  g_autofree char *pwned = g_base64_encode ((const guchar *) "pwned", 5);
  g_autofree char *journal = NULL;
  g_autofree char *dijon = NULL;
  g_autofree char *nevers = NULL;
  g_autofree char *err = NULL;
  g_autofree char *after_dijon = NULL;
  g_autofree char *after_nevers = NULL;

  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, NULL, "sync", "--site", url, NULL), ==, 0);
  dijon = rtes_test_write_file (outside, "dijon.json", "outside dijon");
  nevers = rtes_test_write_file (outside, "nevers.json", "outside nevers");
  rtes_test_remove_tree (bases);
  g_assert_cmpint (symlink (outside, bases), ==, 0);
  journal = g_strdup_printf ("{\"format\":\"rtes-sync-journal\",\"version\":2,\"files\":["
                             "{\"path\":\".rtes-fiches/sync/bases/dijon.json\",\"old\":null,\"written\":\"%s\"},"
                             "{\"path\":\".rtes-fiches/sync/bases/nevers.json\",\"old\":\"%s\",\"written\":\"%s\"}]}",
                             dijon_hash, pwned, nevers_hash);
  g_free (rtes_test_write_file (f->dir, RTES_COMMIT_JOURNAL_PATH, journal));

  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, &err, "sync", "--site", url, NULL), ==, 1);
  rtes_test_assert_contains (err, "symbolic link");
  after_dijon = rtes_test_read_file (dijon, NULL);
  after_nevers = rtes_test_read_file (nevers, NULL);
  g_assert_cmpstr (after_dijon, ==, "outside dijon");
  g_assert_cmpstr (after_nevers, ==, "outside nevers");
  g_unlink (bases);
  rtes_test_remove_tree (outside);
}

/* Rewrites the site address in the library's sync state, as anyone who
 * can write in a shared library folder can. */
static void
set_stored_site (Fixture    *f,
                 const char *site)
{
  g_autofree char *path = local_path (f, RTES_LIBRARY_STATE_DIR "/sync/state.json");
  g_autofree char *contents = rtes_test_read_file (path, NULL);
  g_autoptr(JsonNode) root = json_from_string (contents, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_assert_nonnull (root);
  json_object_set_string_member (json_node_get_object (root), "site", site);
  data = rtes_json_to_canonical (root, &length);
  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

/* Issue 15, finding 9: without --site, the token went to whatever address
 * a hand-edited state.json names. */
static void
test_cli_stored_site_gets_no_token (Fixture *f, gconstpointer data)
{
  g_autoptr(RtesTestSite) other = rtes_test_site_new ();
  const char *url = rtes_test_site_get_url (f->site);
  const char *other_url = rtes_test_site_get_url (other);
  g_autofree char *err = NULL;
  g_autofree char *pull_err = NULL;

  /* A look-alike that lists the same fiches, so that a sync with it
   * would publish the local change. */
  rtes_test_site_set_token (other, TOKEN);
  rtes_test_site_put (other, "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"dijon\",\"name\":\"Dijon\"}");
  rtes_test_site_put (other, "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"nevers\",\"name\":\"Nevers\"}");
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, NULL, "sync", "--site", url, NULL), ==, 0);
  rtes_test_edit_fiche (f->dir, "dijon", "name", "Dijon Métropole");
  set_stored_site (f, other_url);

  g_assert_cmpint (rtes_test_site_run_cli (f->dir, TOKEN, NULL, &err, "sync", "--publish", NULL), ==, 2);
  rtes_test_assert_contains (err, other_url);
  rtes_test_assert_contains (err, "--site");
  g_assert_cmpuint (rtes_test_site_get_stats (other)->gets, ==, 0);
  g_assert_cmpuint (rtes_test_site_get_stats (other)->puts, ==, 0);
  g_assert_null (rtes_test_site_get_stats (other)->last_authorization);

  /* A pull from the stored address is still allowed, says where, and
   * carries no token even when one is in the environment. */
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, TOKEN, NULL, &pull_err, "sync", NULL), ==, 0);
  rtes_test_assert_contains (pull_err, other_url);
  g_assert_cmpuint (rtes_test_site_get_stats (other)->gets, ==, 1);
  g_assert_cmpuint (rtes_test_site_get_stats (other)->puts, ==, 0);
  g_assert_cmpuint (rtes_test_site_get_stats (f->site)->puts, ==, 0);

  /* Named on the command line, the same address gets it (a fiche it
   * does not have yet, ready to publish, is published). */
  save_published (f, "autun", "Autun");
  rtes_test_site_run_cli (f->dir, TOKEN, NULL, NULL, "sync", "--site", other_url, "--publish", NULL);
  g_assert_cmpstr (rtes_test_site_get_stats (other)->last_authorization, ==, "Bearer " TOKEN);
  g_assert_nonnull (rtes_test_site_get (other, "autun"));
}

/* Issue 15, finding 9: an http_proxy in the environment carried the token
 * in clear, even to a loopback site. GIO's libproxy resolver reads
 * http_proxy as a person's session would. */
static void
test_cli_proxy_gets_no_token (Fixture *f, gconstpointer data)
{
  g_autoptr(RtesTestProxy) proxy = rtes_test_proxy_new ();
  g_autofree char *http_proxy = g_strdup_printf ("http_proxy=%s", rtes_test_proxy_get_url (proxy));
  const char *env[] = { "GIO_USE_PROXY_RESOLVER=libproxy", http_proxy, "no_proxy=", NULL };
  const char *url = rtes_test_site_get_url (f->site);
  RtesTestCli how = { .env = env, .serve = TRUE };
  RtesTestCli publish = { .token = TOKEN, .env = env, .serve = TRUE };
  g_auto(RtesTestRun) run = { 0 };

  rtes_test_run_cli_with (&run, &how, f->dir, "sync", "--site", url, NULL);
  g_assert_cmpint (run.status, ==, 0);
  if (rtes_test_proxy_get_requests (proxy) == 0)
    {
      g_test_skip ("the system proxy resolver does not read http_proxy here");
      return;
    }
  rtes_test_edit_fiche (f->dir, "dijon", "name", "Dijon Métropole");
  rtes_test_run_cli_with (&run, &publish, f->dir, "sync", "--site", url, "--publish", NULL);
  g_assert_cmpint (run.status, ==, 1);
  rtes_test_assert_contains (run.err, "proxy");
  rtes_test_assert_contains (run.err, "nothing was changed");
  g_assert_cmpuint (rtes_test_proxy_get_authorized (proxy), ==, 0);
  g_assert_cmpuint (rtes_test_proxy_get_puts (proxy), ==, 0);
  g_assert_cmpuint (rtes_test_site_get_stats (f->site)->puts, ==, 0);
}

/* Issue 15, finding 9: --allow-insecure is for pulling only. */
static void
test_cli_insecure_publish (Fixture *f, gconstpointer data)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (rtes_test_site_run_cli (f->dir, TOKEN, NULL, &err, "sync", "--site", "http://rtes.example.invalid",
                            "--allow-insecure", "--publish", NULL), ==, 2);
  rtes_test_assert_contains (err, "never sending the token");
}

/* Fails if @text holds a control or bidi character a terminal acts on. */
static void
assert_terminal_safe (const char *text)
{
  const char *p;

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c < 0xa0) ||
          (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
        g_error ("U+%04X reaches the terminal in “%s”", c, text);
    }
}

/* Issue 15: the site's messages reached the terminal raw, so a hostile
 * site could clear the screen or set the window's title of whoever
 * syncs. They are escaped like every other output. */
static void
test_cli_escapes (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *url = rtes_test_site_get_url (f->site);

  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, NULL, "sync", "--site", url, NULL), ==, 0);
  rtes_test_edit_fiche (f->dir, "dijon", "name", "Dijon Métropole");
  rtes_test_site_set_refusal (f->site, "Refus\x1b]0;titre\x07 \xe2\x80\xae\x1b[2J\xc2\x9b" "31m fin");
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, TOKEN, &out, &err, "sync", "--site", url, "--publish", NULL), ==, 1);
  assert_terminal_safe (out);
  assert_terminal_safe (err);
  rtes_test_assert_contains (err, "Refus\\u001b]0;titre\\u0007 \\u202e\\u001b[2J\\u009b31m fin");
}

static void
test_cli_usage (Fixture *f, gconstpointer data)
{
  g_autofree char *err = NULL;

  /* No site given and none remembered. */
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, NULL, "sync", NULL), ==, 2);
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, NULL, "sync", "extra", NULL), ==, 2);
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, NULL, "sync", "--token", "x", NULL), ==, 2);
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, NULL, "conflicts", "extra", NULL), ==, 2);
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, NULL, "resolve", "dijon", NULL), ==, 2);
  /* Plain http to a remote host is refused without --allow-insecure. */
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, NULL, NULL, &err, "sync", "--site", "http://example.org", NULL), ==, 1);
  rtes_test_assert_contains (err, "https");
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/sync/cli/sync", test_cli_sync);
  ADD ("/sync/cli/sync-not-asked", test_cli_sync_not_asked);
  ADD ("/sync/cli/conflicts", test_cli_conflicts);
  ADD ("/sync/cli/item-conflict", test_cli_item_conflict);
  ADD ("/sync/cli/failure", test_cli_failure);
  ADD ("/sync/cli/token", test_cli_token);
  ADD ("/sync/cli/usage", test_cli_usage);
  ADD ("/sync/cli/killed-then-edit", test_cli_killed_then_edit);
  ADD ("/sync/cli/killed-then-sync", test_cli_killed_then_sync);
  ADD ("/sync/cli/state-dir-link", test_cli_state_dir_link);
  ADD ("/sync/cli/journal-through-link", test_cli_journal_through_link);
  ADD ("/sync/cli/stored-site-gets-no-token", test_cli_stored_site_gets_no_token);
  ADD ("/sync/cli/proxy-gets-no-token", test_cli_proxy_gets_no_token);
  ADD ("/sync/cli/insecure-publish", test_cli_insecure_publish);
  ADD ("/sync/cli/escapes", test_cli_escapes);
#undef ADD

  return g_test_run ();
}
