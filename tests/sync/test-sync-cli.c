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

/* The command line for the fixture's library and the arguments in @ap. */
static GPtrArray *
cli_args (Fixture *f,
          va_list  ap)
{
  GPtrArray *args = g_ptr_array_new ();
  const char *cli = g_getenv ("RTES_FICHES_CLI");
  const char *arg;

  g_assert_nonnull (cli);
  g_ptr_array_add (args, (gpointer) cli);
  g_ptr_array_add (args, "--library");
  g_ptr_array_add (args, f->dir);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  g_ptr_array_add (args, NULL);
  return args;
}

/* @env: NULL, or "NAME=value" pairs set on top of the defaults. */
static GSubprocessLauncher *
cli_launcher (GSubprocessFlags    flags,
              const char         *token,
              const char * const *env)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_unsetenv (launcher, "RTES_FICHES_TOKEN");
  g_subprocess_launcher_unsetenv (launcher, "http_proxy");
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  /* The CLI's session uses the system proxy settings; the test's isolated
   * XDG folders hide the GNOME proxy schema, which would abort it. */
  g_subprocess_launcher_setenv (launcher, "GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  if (token != NULL)
    g_subprocess_launcher_setenv (launcher, "RTES_FICHES_TOKEN", token, TRUE);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }
  return launcher;
}

static int
run_cli_v (Fixture            *f,
           const char         *token,
           const char * const *env,
           char              **out,
           char              **err,
           va_list             ap)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) args = cli_args (f, ap);
  g_autoptr(GError) error = NULL;
  Child child = { 0 };

  launcher = cli_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, token, env);
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

/* Runs the CLI on the fixture's library; @token NULL leaves it unset. */
static int
run_cli (Fixture     *f,
         const char  *token,
         char       **out,
         char       **err,
         ...)
{
  va_list ap;
  int status;

  va_start (ap, err);
  status = run_cli_v (f, token, NULL, out, err, ap);
  va_end (ap);
  return status;
}

/* The same with more environment ("NAME=value", NULL-terminated). */
static int
run_cli_env (Fixture            *f,
             const char         *token,
             const char * const *env,
             char              **out,
             char              **err,
             ...)
{
  va_list ap;
  int status;

  va_start (ap, err);
  status = run_cli_v (f, token, env, out, err, ap);
  va_end (ap);
  return status;
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

  g_assert_cmpint (run_cli (f, TOKEN, &out, NULL, "sync", "--site", url, "--publish", NULL), ==, 3);
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

  g_assert_cmpint (run_cli (f, TOKEN, NULL, NULL, "sync", "--site", url, "--publish", NULL), ==, 0);
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
  g_assert_cmpint (run_cli (f, "wrong-secret-value", &out, &err, "sync", "--site", url, "--publish", NULL), ==, 1);
  assert_contains (err, "token");
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

  rtes_test_site_set_token (other, TOKEN);
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "sync", "--site", url, NULL), ==, 0);
  edit_local_name (f, "dijon", "Dijon Métropole");
  set_stored_site (f, other_url);

  g_assert_cmpint (run_cli (f, TOKEN, NULL, &err, "sync", "--publish", NULL), ==, 2);
  assert_contains (err, other_url);
  assert_contains (err, "--site");
  g_assert_cmpuint (rtes_test_site_get_stats (other)->gets, ==, 0);
  g_assert_cmpuint (rtes_test_site_get_stats (other)->puts, ==, 0);
  g_assert_null (rtes_test_site_get_stats (other)->last_authorization);

  /* A pull from the stored address is still allowed, says where, and
   * carries no token even when one is in the environment. */
  g_assert_cmpint (run_cli (f, TOKEN, NULL, &pull_err, "sync", NULL), ==, 0);
  assert_contains (pull_err, other_url);
  g_assert_cmpuint (rtes_test_site_get_stats (other)->gets, ==, 1);
  g_assert_cmpuint (rtes_test_site_get_stats (other)->puts, ==, 0);
  g_assert_cmpuint (rtes_test_site_get_stats (f->site)->puts, ==, 0);

  /* Named on the command line, the same address gets it (a fiche it
   * does not have yet is published). */
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "new", "Autun", NULL), ==, 0);
  run_cli (f, TOKEN, NULL, NULL, "sync", "--site", other_url, "--publish", NULL);
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
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli_env (f, NULL, env, NULL, NULL, "sync", "--site", url, NULL), ==, 0);
  if (rtes_test_proxy_get_requests (proxy) == 0)
    {
      g_test_skip ("the system proxy resolver does not read http_proxy here");
      return;
    }
  edit_local_name (f, "dijon", "Dijon Métropole");
  g_assert_cmpint (run_cli_env (f, TOKEN, env, NULL, &err, "sync", "--site", url, "--publish", NULL), ==, 1);
  assert_contains (err, "proxy");
  assert_contains (err, "nothing was changed");
  g_assert_cmpuint (rtes_test_proxy_get_authorized (proxy), ==, 0);
  g_assert_cmpuint (rtes_test_proxy_get_puts (proxy), ==, 0);
  g_assert_cmpuint (rtes_test_site_get_stats (f->site)->puts, ==, 0);
}

/* Issue 15, finding 9: --allow-insecure is for pulling only. */
static void
test_cli_insecure_publish (Fixture *f, gconstpointer data)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (f, TOKEN, NULL, &err, "sync", "--site", "http://rtes.example.invalid",
                            "--allow-insecure", "--publish", NULL), ==, 2);
  assert_contains (err, "never sending the token");
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
  ADD ("/sync/cli/stored-site-gets-no-token", test_cli_stored_site_gets_no_token);
  ADD ("/sync/cli/proxy-gets-no-token", test_cli_proxy_gets_no_token);
  ADD ("/sync/cli/insecure-publish", test_cli_insecure_publish);
#undef ADD

  return g_test_run ();
}
