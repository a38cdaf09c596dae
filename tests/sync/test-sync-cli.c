/* test-sync-cli.c: rtes-fiches-cli sync, conflicts and resolve
 *
 * The CLI runs as a child process (GSubprocess, async) while the fake site
 * answers from this process's main loop: the CLI's own loop is in another
 * process, so nothing deadlocks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-fiche-json.h"
#include "rtes-sync.h"
#include "rtes-test-site.h"
#include "rtes-test-util.h"

#define TOKEN "cli-t0ken-value"

typedef struct {
  RtesTestSite *site;
  char *dir;
} Fixture;

typedef struct {
  gboolean done;
  int status;
  char *out;
  char *err;
} Child;

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

static void
communicate_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Child *child = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &child->out, &child->err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (G_SUBPROCESS (source)))
    g_error ("the CLI was killed by signal %d; stderr:\n%s",
             g_subprocess_get_term_sig (G_SUBPROCESS (source)), child->err);
  child->status = g_subprocess_get_exit_status (G_SUBPROCESS (source));
  child->done = TRUE;
}

/* Runs the CLI on the fixture's library; @token NULL leaves it unset. */
static int
run_cli (Fixture     *f,
         const char  *token,
         char       **out,
         char       **err,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("RTES_FICHES_CLI");
  Child child = { 0 };
  const char *arg;
  va_list ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (args, (gpointer) cli);
  g_ptr_array_add (args, "--library");
  g_ptr_array_add (args, f->dir);
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "RTES_FICHES_TOKEN");
  g_subprocess_launcher_unsetenv (launcher, "http_proxy");
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  /* The CLI's session uses the system proxy settings; the test's isolated
   * XDG folders hide the GNOME proxy schema, which would abort it. */
  g_subprocess_launcher_setenv (launcher, "GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  if (token != NULL)
    g_subprocess_launcher_setenv (launcher, "RTES_FICHES_TOKEN", token, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicate_cb, &child);
  while (!child.done)
    g_main_context_iteration (NULL, TRUE);

  g_test_message ("exit %d\nstdout:\n%s\nstderr:\n%s", child.status, child.out, child.err);
  if (out != NULL)
    *out = g_steal_pointer (&child.out);
  if (err != NULL)
    *err = g_steal_pointer (&child.err);
  g_free (child.out);
  g_free (child.err);
  return child.status;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in “%s”", needle, haystack);
}

static void
edit_local_name (Fixture    *f,
                 const char *id,
                 const char *name)
{
  g_autofree char *file_name = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_build_filename (f->dir, file_name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesFiche) fiche = rtes_fiche_load (file, &error);

  g_assert_no_error (error);
  rtes_fiche_set_name (fiche, name);
  rtes_fiche_save (fiche, file, &error);
  g_assert_no_error (error);
}

static void
test_cli_sync (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *again = NULL;
  g_autofree char *path = g_build_filename (f->dir, "dijon.json", NULL);
  const char *url = rtes_test_site_get_url (f->site);

  g_assert_cmpint (run_cli (f, NULL, &out, NULL, "sync", "--site", url, NULL), ==, 0);
  assert_contains (out, "added: 2,");
  assert_contains (out, "errors: 0");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  /* The site address is remembered; the ETag gives a 304. */
  g_assert_cmpint (run_cli (f, NULL, &again, NULL, "sync", NULL), ==, 0);
  assert_contains (again, "unchanged: 2,");
  g_assert_cmpuint (rtes_test_site_get_stats (f->site)->not_modified, ==, 1);
}

static void
test_cli_conflicts (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *after = NULL;
  const char *url = rtes_test_site_get_url (f->site);
  JsonNode *doc;

  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "sync", "--site", url, NULL), ==, 0);
  edit_local_name (f, "dijon", "Dijon Métropole");
  rtes_test_site_put (f->site, "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"dijon\",\"name\":\"Ville de Dijon\"}");

  g_assert_cmpint (run_cli (f, TOKEN, &out, NULL, "sync", "--publish", NULL), ==, 3);
  assert_contains (out, "conflicts: 1,");
  g_assert_cmpint (run_cli (f, NULL, &listing, NULL, "conflicts", NULL), ==, 0);
  assert_contains (listing, "dijon\tname");
  assert_contains (listing, "\"Dijon Métropole\"");
  assert_contains (listing, "\"Ville de Dijon\"");

  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "resolve", "dijon", "name", "maybe", NULL), ==, 2);
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "resolve", "dijon", "panorama", "mine", NULL), ==, 1);
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "resolve", "dijon", "name", "mine", NULL), ==, 0);
  g_assert_cmpint (run_cli (f, NULL, &after, NULL, "conflicts", NULL), ==, 0);
  assert_contains (after, "No conflicts");

  g_assert_cmpint (run_cli (f, TOKEN, NULL, NULL, "sync", "--publish", NULL), ==, 0);
  doc = rtes_test_site_get (f->site, "dijon");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (doc), "name"), ==, "Dijon Métropole");
}

static void
test_cli_failure (Fixture *f, gconstpointer data)
{
  g_autofree char *err = NULL;
  g_autoptr(GHashTable) before = NULL;
  const char *url = rtes_test_site_get_url (f->site);

  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "sync", "--site", url, NULL), ==, 0);
  rtes_test_site_put (f->site, "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"dijon\",\"name\":\"Autre\"}");
  before = rtes_test_snapshot_tree (f->dir);
  rtes_test_site_set_fault (f->site, RTES_TEST_FAULT_TRUNCATED);
  g_assert_cmpint (run_cli (f, NULL, NULL, &err, "sync", NULL), ==, 1);
  assert_contains (err, "nothing was changed");
  rtes_test_assert_tree_unchanged (before, f->dir);
}

static void
test_cli_token (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *url = rtes_test_site_get_url (f->site);

  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "sync", "--site", url, NULL), ==, 0);
  edit_local_name (f, "dijon", "Dijon Métropole");
  /* No token: refused before anything happens. */
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "sync", "--publish", NULL), ==, 2);
  /* A wrong token: the site's refusal, and the token never printed. */
  g_assert_cmpint (run_cli (f, "wrong-secret-value", &out, &err, "sync", "--publish", NULL), ==, 1);
  assert_contains (err, "token");
  g_assert_null (strstr (out, "wrong-secret-value"));
  g_assert_null (strstr (err, "wrong-secret-value"));
  g_assert_cmpuint (rtes_test_site_get_stats (f->site)->stored, ==, 0);
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

  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "sync", "--site", url, NULL), ==, 0);
  edit_local_name (f, "dijon", "Dijon Métropole");
  rtes_test_site_set_refusal (f->site, "Refus\x1b]0;titre\x07 \xe2\x80\xae\x1b[2J\xc2\x9b" "31m fin");
  g_assert_cmpint (run_cli (f, TOKEN, &out, &err, "sync", "--publish", NULL), ==, 1);
  assert_terminal_safe (out);
  assert_terminal_safe (err);
  assert_contains (err, "Refus\\u001b]0;titre\\u0007 \\u202e\\u001b[2J\\u009b31m fin");
}

static void
test_cli_usage (Fixture *f, gconstpointer data)
{
  g_autofree char *err = NULL;

  /* No site given and none remembered. */
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "sync", NULL), ==, 2);
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "sync", "extra", NULL), ==, 2);
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "sync", "--token", "x", NULL), ==, 2);
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "conflicts", "extra", NULL), ==, 2);
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "resolve", "dijon", NULL), ==, 2);
  /* Plain http to a remote host is refused without --allow-insecure. */
  g_assert_cmpint (run_cli (f, NULL, NULL, &err, "sync", "--site", "http://example.org", NULL), ==, 1);
  assert_contains (err, "https");
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/sync/cli/sync", test_cli_sync);
  ADD ("/sync/cli/conflicts", test_cli_conflicts);
  ADD ("/sync/cli/failure", test_cli_failure);
  ADD ("/sync/cli/token", test_cli_token);
  ADD ("/sync/cli/usage", test_cli_usage);
  ADD ("/sync/cli/escapes", test_cli_escapes);
#undef ADD

  return g_test_run ();
}
