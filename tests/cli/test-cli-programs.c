/* test-cli-programs.c: the small rtes-fiches-cli and rtes-fiches-cli-full
 *
 * rtes-fiches-cli runs the commands that only need the core and hands the
 * others to rtes-fiches-cli-full (src/cli/rtes-cli-hand-over.c). These
 * tests check that the small program loads none of the libraries the
 * export, sync and review need, that a command behaves the same whichever
 * program runs it, and that the small program finds the full one in the
 * build tree and in an installation, moved or under a DESTDIR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rtes-cli.h"
#include "rtes-test-util.h"

/* What the commands that read must not load: the drawing, network and
 * spelling stacks and what they pull in. */
static const char * const heavy_libraries[] = {
  "libcairo", "libpango", "libharfbuzz", "libfontconfig", "libfreetype",
  "libpixman", "libpng", "libX11", "libxcb", "libsoup", "libnghttp2",
  "libpsl", "libbrotli", "libenchant", "libhunspell", "libgtk",
};

typedef struct {
  char *dir;
  char *library;
} Fixture;

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* rtes_cli_full_program_candidates() is compiled into this test; the
 * message of a failed hand-over is never printed here. */
void
rtes_cli_error (const char *format,
                ...)
{
  g_assert_not_reached ();
}

static char *
full_program (void)
{
  g_autofree char *dir = g_path_get_dirname (g_getenv ("RTES_FICHES_CLI"));

  return g_build_filename (dir, RTES_CLI_FULL_NAME, NULL);
}

/* Runs @program with @args (NULL-terminated) in English; @ld_debug sets
 * LD_DEBUG when not NULL. */
static void
run_program (Run                *run,
             const char         *program,
             const char         *ld_debug,
             const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  run_clear (run);
  g_ptr_array_add (argv, (gpointer) program);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  if (ld_debug != NULL)
    g_subprocess_launcher_setenv (launcher, "LD_DEBUG", ld_debug, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("%s %s: exit %d\nstdout: %.1000s\nstderr: %.1000s", program, args[0],
                  run->status, run->out, run->err);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(RtesTestRun) run = { 0 };

  fixture->dir = rtes_test_make_tmpdir ("cli-programs");
  fixture->library = g_build_filename (fixture->dir, "library", NULL);
  rtes_test_run_cli_expect (&run, 0, fixture->library, "new", "Commune de Test", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  rtes_test_remove_tree (fixture->dir);
  g_free (fixture->library);
  g_free (fixture->dir);
}

/* The objects the dynamic loader loaded, from LD_DEBUG=files (what is
 * linked and what is opened at run time, GIO modules included). */
static GPtrArray *
loaded_objects (const char *ld_debug_output)
{
  GPtrArray *objects = g_ptr_array_new_with_free_func (g_free);
  const char *p = ld_debug_output;

  while ((p = strstr (p, "file=")) != NULL)
    {
      const char *end;

      p += strlen ("file=");
      end = p + strcspn (p, " \t\n[");
      g_ptr_array_add (objects, g_strndup (p, end - p));
      p = end;
    }
  return objects;
}

static const char *
find_heavy (GPtrArray *objects)
{
  for (guint i = 0; i < objects->len; i++)
    for (guint j = 0; j < G_N_ELEMENTS (heavy_libraries); j++)
      if (strstr (g_ptr_array_index (objects, i), heavy_libraries[j]) != NULL)
        return g_ptr_array_index (objects, i);
  return NULL;
}

static void
test_read_commands_load_no_heavy_library (Fixture       *fixture,
                                          gconstpointer  data)
{
  const char *cli = g_getenv ("RTES_FICHES_CLI");
  g_autofree char *full = full_program ();
  const char *commands[][5] = {
    { "--library", fixture->library, "list", NULL },
    { "--library", fixture->library, "show", "commune-de-test", NULL },
    { "--library", fixture->library, "validate", NULL },
    { "--library", fixture->library, "stats", NULL },
    { "--library", fixture->library, "stats", "--json", NULL },
    { "--library", fixture->library, "history", "commune-de-test", NULL },
    { "--help", NULL },
  };
  g_auto(Run) full_run = { 0 };
  g_autoptr(GPtrArray) full_objects = NULL;

  /* The check itself: the full program does load them. */
  run_program (&full_run, full, "files", commands[0]);
  full_objects = loaded_objects (full_run.err);
  if (full_objects->len == 0)
    {
      g_test_skip ("LD_DEBUG is not understood here (not glibc's dynamic loader)");
      return;
    }
  g_assert_nonnull (find_heavy (full_objects));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };
      g_autoptr(GPtrArray) objects = NULL;

      run_program (&run, cli, "files", commands[i]);
      g_assert_cmpint (run.status, ==, 0);
      objects = loaded_objects (run.err);
      g_assert_cmpuint (objects->len, >, 0);
      g_assert_cmpstr (find_heavy (objects), ==, NULL);
    }
}

static void
assert_same_run (const char * const *args)
{
  g_autofree char *full = full_program ();
  g_auto(Run) small = { 0 };
  g_auto(Run) whole = { 0 };

  run_program (&small, g_getenv ("RTES_FICHES_CLI"), NULL, args);
  run_program (&whole, full, NULL, args);
  g_assert_cmpint (small.status, ==, whole.status);
  g_assert_cmpstr (small.out, ==, whole.out);
  g_assert_cmpstr (small.err, ==, whole.err);
}

static void
test_same_behaviour (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.txt", NULL);
  g_autofree char *svg = g_build_filename (fixture->dir, "svg", NULL);
  g_autofree char *chart = g_build_filename (svg, "map.svg", NULL);
  const char *lib = fixture->library;
  const char *commands[][6] = {
    { "--help", NULL },
    { "export", "--help", NULL },
    { "check", "--help", NULL },
    { "sync", "--help", NULL },
    { "--library", lib, "export", "--bogus", NULL },
    { "--library", lib, "import", missing, NULL },
    { "--library", lib, "conflicts", NULL },
    { "--library", lib, "export", NULL },
    { "--library", lib, "list", NULL },
    { "--library", lib, "show", "commune-de-test", NULL },
    { "--library", lib, "show", "nobody", NULL },
    { "--library", lib, "stats", "--svg", svg, NULL },
    { "frobnicate", NULL },
  };
  g_auto(Run) stats = { 0 };
  const char *stats_args[] = { "--library", lib, "stats", "--svg", svg, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    assert_same_run (commands[i]);

  /* The charts are drawn by the full program on the small one's behalf. */
  rtes_test_remove_tree (svg);
  run_program (&stats, g_getenv ("RTES_FICHES_CLI"), NULL, stats_args);
  g_assert_cmpint (stats.status, ==, 0);
  g_assert_true (g_file_test (chart, G_FILE_TEST_IS_REGULAR));
}

static char *
copy_program (const char *from,
              const char *root,
              const char *dir,
              const char *name)
{
  g_autofree char *folder = g_build_filename (root, dir, NULL);
  char *to = g_build_filename (folder, name, NULL);
  g_autofree char *data = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  g_file_get_contents (from, &data, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents_full (to, data, length, G_FILE_SET_CONTENTS_NONE, 0755, &error);
  g_assert_no_error (error);
  return to;
}

/* Installed under a DESTDIR: the small program finds the full one
 * where the installation put it, not in the build tree. */
static void
test_installed_layout (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *root = g_build_filename (fixture->dir, "destdir", NULL);
  g_autofree char *built_full = full_program ();
  g_autofree char *small = copy_program (g_getenv ("RTES_FICHES_CLI"), root, RTES_CLI_BINDIR,
                                         "rtes-fiches-cli");
  g_autofree char *full = copy_program (built_full, root, RTES_CLI_LIBEXECDIR, RTES_CLI_FULL_NAME);
  g_autofree char *configured = g_build_filename (RTES_CLI_LIBEXECDIR, RTES_CLI_FULL_NAME, NULL);
  const char *args[] = { "--library", fixture->library, "export", "--bogus", NULL };
  const char *help[] = { "export", "--help", NULL };
  g_auto(Run) run = { 0 };
  g_auto(Run) reference = { 0 };

  run_program (&reference, built_full, NULL, help);
  run_program (&run, small, NULL, help);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, reference.out);
  run_program (&run, small, NULL, args);
  g_assert_cmpint (run.status, ==, 2);

  /* Without it, the command fails and says what it could not run
   * (unless one is installed on this machine, which it would run). */
  g_assert_cmpint (g_unlink (full), ==, 0);
  if (g_file_test (configured, G_FILE_TEST_EXISTS))
    {
      g_test_incomplete ("rtes-fiches-cli-full is installed on this machine");
      return;
    }
  run_program (&run, small, NULL, help);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "rtes-fiches-cli: error: could not run "));
  g_assert_nonnull (strstr (run.err, configured));
}

static void
test_candidates (void)
{
  g_autofree char *destdir_bin = g_build_filename ("/tmp/stage", RTES_CLI_BINDIR, NULL);
  g_autofree char *beside = g_build_filename (destdir_bin, RTES_CLI_FULL_NAME, NULL);
  g_autofree char *staged = g_build_filename ("/tmp/stage", RTES_CLI_LIBEXECDIR, RTES_CLI_FULL_NAME, NULL);
  g_autofree char *configured = g_build_filename (RTES_CLI_LIBEXECDIR, RTES_CLI_FULL_NAME, NULL);
  g_auto(GStrv) with_self = rtes_cli_full_program_candidates (destdir_bin);
  g_auto(GStrv) without_self = rtes_cli_full_program_candidates (NULL);

  g_assert_cmpuint (g_strv_length (with_self), ==, 3);
  g_assert_cmpstr (with_self[0], ==, beside);
  g_assert_cmpstr (with_self[1], ==, staged);
  g_assert_cmpstr (with_self[2], ==, configured);
  g_assert_cmpuint (g_strv_length (without_self), ==, 1);
  g_assert_cmpstr (without_self[0], ==, configured);
}

int
main (int   argc,
      char *argv[])
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/cli/programs/candidates", test_candidates);
  g_test_add ("/cli/programs/read-commands-load-no-heavy-library", Fixture, NULL,
              fixture_set_up, test_read_commands_load_no_heavy_library, fixture_tear_down);
  g_test_add ("/cli/programs/same-behaviour", Fixture, NULL,
              fixture_set_up, test_same_behaviour, fixture_tear_down);
  g_test_add ("/cli/programs/installed-layout", Fixture, NULL,
              fixture_set_up, test_installed_layout, fixture_tear_down);
  return g_test_run ();
}
