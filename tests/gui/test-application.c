/* test-application.c: the rtes-fiches executable itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sys/wait.h>

#include "rtes-gui-test.h"
#include "rtes-test-util.h"

static void
test_version (void)
{
  const char *argv[] = { RTES_FICHES_PATH, "--version", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (out, ==, "rtes-fiches " PACKAGE_VERSION "\n");
}

static gboolean
path_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_IS_DIR);
}

/* --library DIR, or DIR alone, opens (and so creates) that folder. */
static void
test_library_option (gconstpointer data)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("rtes-app");
  g_autofree char *library = g_build_filename (dir, "bibliotheque", NULL);
  const char *with_option[] = { RTES_FICHES_PATH, "--library", library, NULL };
  const char *as_argument[] = { RTES_FICHES_PATH, library, NULL };
  const char **argv = data != NULL ? with_option : as_argument;
  g_autoptr(GError) error = NULL;
  GPid pid;
  int status;

  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  rtes_gui_test_wait_until (path_exists, library, 15000, "the library folder");
  kill (pid, SIGTERM);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  rtes_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/gui/application/version", test_version);
  g_test_add_data_func ("/gui/application/library-option", "", test_library_option);
  g_test_add_data_func ("/gui/application/library-argument", NULL, test_library_option);

  return g_test_run ();
}
