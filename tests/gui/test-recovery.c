/* test-recovery.c: nothing is lost when the process is killed
 *
 * The test runs itself a second time as a helper that edits a fiche with
 * autosave off, waits for the recovery journal, says so, and waits to be
 * killed. The test kills it with SIGKILL (no chance to clean up), checks
 * that the journal holds the edit and the fiche's file does not, then
 * opens a window on the library and accepts the restore offer.
 *
 * Then the real thing: the rtes-fiches program, on an X server of its own,
 * driven with xdotool, typed into, and killed 100 ms after the last word
 * reached the fiche (issue #10, finding 11). What it typed must be offered
 * back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "rtes-gui-widgets.h"
#include "rtes-gui-test.h"
#include "rtes-test-util.h"
#include "rtes-window-private.h"
#include "rtes-workspace.h"

#define UNSAVED_NAME "Ville de Belcombe — jamais enregistré"


static const char *self_path;

static gboolean
path_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* The helper: a workspace like the window's, edited, then killed. */
static int
run_helper (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesLibrary) library = rtes_library_open (dir, &error);
  g_autoptr(RtesWorkspace) workspace = NULL;
  g_autofree char *journal = g_build_filename (dir, ".rtes-fiches", "recovery", "ville-de-belcombe.json", NULL);
  RtesFiche *fiche;

  g_assert_no_error (error);
  workspace = rtes_workspace_new (library);
  rtes_workspace_set_autosave (workspace, FALSE);
  fiche = rtes_library_lookup (library, "ville-de-belcombe");
  rtes_workspace_get_document (workspace, fiche);
  rtes_fiche_set_name (fiche, UNSAVED_NAME);

  rtes_gui_test_wait_until (path_exists, journal, 5000, "the journal");
  g_print ("journaled\n");
  fflush (stdout);
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

static gboolean
dialog_open (gpointer data)
{
  return rtes_gui_test_find_dialog (data) != NULL;
}

static gboolean
file_gone (gpointer path)
{
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
saved_with_new_name (gpointer path)
{
  return rtes_gui_test_file_contains (path, UNSAVED_NAME);
}

static void
test_recovery_after_kill (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("rtes-recovery");
  g_autoptr(RtesFiche) fiche = rtes_gui_test_make_fiche ("ville-de-belcombe", "Ville de Belcombe");
  g_autofree char *path = rtes_gui_test_write_fiche (dir, fiche);
  g_autofree char *journal = g_build_filename (dir, ".rtes-fiches", "recovery", "ville-de-belcombe.json", NULL);
  g_autofree char *before = rtes_test_read_file (path, NULL);
  g_autofree char *after = NULL;
  const char *argv[] = { self_path, "--recovery-helper", dir, NULL };
  g_autoptr(GError) error = NULL;
  char line[64] = { 0 };
  GPid pid;
  int out_fd, status;
  ssize_t n;
  RtesWindow *window;
  AdwMessageDialog *dialog;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);
  n = read (out_fd, line, sizeof line - 1);
  g_assert_cmpint (n, >, 0);
  g_assert_cmpstr (line, ==, "journaled\n");

  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  close (out_fd);
  g_spawn_close_pid (pid);

  /* The edit is in the journal, not in the fiche. */
  g_assert_true (rtes_gui_test_file_contains (journal, UNSAVED_NAME));
  after = rtes_test_read_file (path, NULL);
  g_assert_cmpstr (after, ==, before);

  /* The next start offers to restore it. */
  window = rtes_gui_test_open_window (dir, 1100, 720);
  rtes_gui_test_wait_until (dialog_open, window, 5000, "the restore offer");
  dialog = rtes_gui_test_find_dialog (GTK_WINDOW (window));
  g_assert_true (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  rtes_gui_test_screenshot (GTK_WIDGET (dialog), "recovery-dialog");

  adw_message_dialog_response (dialog, "restore");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_nonnull (rtes_window_get_fiche (window));
  g_assert_cmpstr (rtes_fiche_get_name (rtes_window_get_fiche (window)), ==, UNSAVED_NAME);
  g_assert_true (rtes_document_get_modified (rtes_gui_test_document_of (window, rtes_window_get_fiche (window))));
  rtes_gui_test_screenshot (GTK_WIDGET (window), "recovered");

  /* Restored work is saved like any edit, and the journal goes. */
  rtes_gui_test_wait_until (saved_with_new_name, path, 5000, "the autosave of the restored fiche");
  rtes_gui_test_wait_until (file_gone, journal, 5000, "the journal of the saved fiche removed");

  rtes_gui_test_close_window (window);
  rtes_test_remove_tree (dir);
}

/* The real program ------------------------------------------------------- */

#define TYPED_NAME "Ville de Belcombe tape juste avant"

/* The environment of the program and of xdotool: an X server of the
 * test's own, since other tests of the suite open windows titled "Fiches
 * RTES" on the suite's server, and would take the keyboard. */
static char **x_environ;

/* Runs xdotool with @args; its output, or NULL if it failed. */
static char *
xdotool (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int status;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, x_environ, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_strstrip (g_steal_pointer (&out));
}

/* A test that fails aborts: the programs it started go with it. */
static void
die_with_test (gpointer data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGKILL);
#endif
}

/* Starts Xvfb on a free display; its pid, and the environment that uses it. */
static GPid
start_x_server (void)
{
  const char *argv[] = { "Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  char number[32] = { 0 };
  gsize n = 0;
  GPid pid;
  int out_fd;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                            G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL,
                            die_with_test, NULL, &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);
  /* Xvfb writes the display's number once it accepts clients. */
  while (n < sizeof number - 1)
    {
      ssize_t got = read (out_fd, number + n, 1);

      if (got <= 0 || number[n] == '\n')
        break;
      n++;
    }
  close (out_fd);
  number[n] = '\0';
  g_assert_cmpuint (n, >, 0);
  display = g_strconcat (":", number, NULL);
  x_environ = g_environ_setenv (g_get_environ (), "DISPLAY", display, TRUE);
  return pid;
}

static void
stop_process (GPid pid)
{
  int status;

  kill (pid, SIGTERM);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
}

typedef struct
{
  const char *window;
  const char *title;
} TitleWait;

/* The program's window title is "<fiche name> — Fiches RTES": it tells,
 * from outside, what the fiche holds. */
static gboolean
title_is (gpointer data)
{
  TitleWait *wait = data;
  g_autofree char *title = xdotool ("getwindowname", wait->window, NULL);

  if (g_strcmp0 (title, wait->title) == 0)
    return TRUE;
  g_usleep (20000);
  return FALSE;
}

static gboolean
title_within (TitleWait *wait,
              guint      ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (title_is (wait))
      return TRUE;
  return FALSE;
}

static const char *restored_name;

static gboolean
saved_with_restored_name (gpointer path)
{
  return rtes_gui_test_file_contains (path, restored_name);
}

static void
restore_offered (const char *dir,
                 const char *name)
{
  g_autofree char *path = g_build_filename (dir, "ville-de-belcombe.json", NULL);
  RtesWindow *window = rtes_gui_test_open_window (dir, 1100, 720);
  AdwMessageDialog *dialog;

  rtes_gui_test_wait_until (dialog_open, window, 10000, "the restore offer");
  dialog = rtes_gui_test_find_dialog (GTK_WINDOW (window));
  adw_message_dialog_response (dialog, "restore");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_nonnull (rtes_window_get_fiche (window));
  g_assert_cmpstr (rtes_fiche_get_name (rtes_window_get_fiche (window)), ==, name);
  restored_name = name;
  rtes_gui_test_wait_until (saved_with_restored_name, path, 5000, "the save of the restored fiche");
  rtes_gui_test_close_window (window);
}

static void
test_kill_real_program (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *xdotool_path = g_find_program_in_path ("xdotool");
  g_autofree char *xvfb_path = g_find_program_in_path ("Xvfb");
  g_autofree char *window_id = NULL;
  g_autofree char *pid_text = NULL;
  g_autoptr(RtesFiche) fiche = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { RTES_FICHES_PATH, "--library", NULL, NULL };
  gboolean opened = FALSE;
  TitleWait wait;
  GPid x_server, pid;
  int status;

  if (xdotool_path == NULL || xvfb_path == NULL)
    {
      g_test_skip ("needs xdotool and Xvfb (tools/test installs them)");
      return;
    }

  dir = rtes_test_make_tmpdir ("rtes-recovery-real");
  fiche = rtes_gui_test_make_fiche ("ville-de-belcombe", "Ville de Belcombe");
  path = rtes_gui_test_write_fiche (dir, fiche);
  journal = g_build_filename (dir, ".rtes-fiches", "recovery", "ville-de-belcombe.json", NULL);
  x_server = start_x_server ();
  argv[2] = dir;
  g_spawn_async (NULL, (char **) argv, x_environ, G_SPAWN_DO_NOT_REAP_CHILD, die_with_test, NULL, &pid, &error);
  g_assert_no_error (error);

  /* Its window (the only one on this server), given the keyboard. */
  pid_text = g_strdup_printf ("%d", (int) pid);
  window_id = xdotool ("search", "--sync", "--onlyvisible", "--pid", pid_text, NULL);
  g_assert_nonnull (window_id);
  if (strchr (window_id, '\n') != NULL)
    *strchr (window_id, '\n') = '\0';
  wait.window = window_id;

  /* Find the fiche as a person would, open it with Enter: the cursor goes
   * to its name. Again if the library was not loaded yet. */
  wait.title = "Ville de Belcombe — Fiches RTES";
  for (guint attempt = 0; attempt < 5 && !opened; attempt++)
    {
      g_free (xdotool ("windowfocus", "--sync", window_id, NULL));
      g_free (xdotool ("key", "ctrl+f", "ctrl+a", NULL));
      g_free (xdotool ("type", "--delay", "20", "Belcombe", NULL));
      g_free (xdotool ("key", "Return", NULL));
      opened = title_within (&wait, 4000);
    }
  g_assert_true (opened);

  /* Type, pause a moment (what came before the pause is old news), type
   * the last word, and kill it 100 ms after that word reached the fiche. */
  g_free (xdotool ("key", "End", NULL));
  g_free (xdotool ("type", "--delay", "30", " tape juste", NULL));
  wait.title = "Ville de Belcombe tape juste — Fiches RTES";
  g_assert_true (title_within (&wait, 15000));
  g_usleep (G_USEC_PER_SEC);
  g_free (xdotool ("type", "--delay", "30", " avant", NULL));
  wait.title = TYPED_NAME " — Fiches RTES";
  g_assert_true (title_within (&wait, 15000));
  g_usleep (100 * 1000);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (status));
  stop_process (x_server);
  g_clear_pointer (&x_environ, g_strfreev);

  /* Not saved: the journal is all there is of it. */
  g_assert_false (rtes_gui_test_file_contains (path, "tape juste avant"));
  g_assert_true (rtes_gui_test_file_contains (journal, TYPED_NAME));

  /* And the next start offers it back. */
  restore_offered (dir, TYPED_NAME);
  rtes_test_remove_tree (dir);
}

static void
test_discard (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("rtes-recovery");
  g_autoptr(RtesFiche) fiche = rtes_gui_test_make_fiche ("ville-de-belcombe", "Ville de Belcombe");
  g_autoptr(RtesFiche) edited = rtes_gui_test_make_fiche ("ville-de-belcombe", UNSAVED_NAME);
  g_autofree char *path = rtes_gui_test_write_fiche (dir, fiche);
  g_autofree char *recovery = g_build_filename (dir, ".rtes-fiches", "recovery", NULL);
  g_autofree char *journal = NULL;
  RtesWindow *window;
  AdwMessageDialog *dialog;

  /* A journal newer than its fiche, as a killed session leaves it. */
  g_assert_cmpint (g_mkdir_with_parents (recovery, 0755), ==, 0);
  g_usleep (20000);
  journal = rtes_gui_test_write_fiche (recovery, edited);

  window = rtes_gui_test_open_window (dir, 1100, 720);
  rtes_gui_test_wait_until (dialog_open, window, 10000, "the restore offer");
  dialog = rtes_gui_test_find_dialog (GTK_WINDOW (window));
  adw_message_dialog_response (dialog, "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_assert_false (rtes_gui_test_file_contains (path, UNSAVED_NAME));
  g_assert_cmpstr (rtes_fiche_get_name (rtes_library_lookup (rtes_window_get_library (window),
                                                             "ville-de-belcombe")), ==, "Ville de Belcombe");
  rtes_gui_test_close_window (window);
  rtes_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--recovery-helper"))
    return run_helper (argv[2]);

  self_path = argv[0];
  rtes_gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/recovery/after-kill", test_recovery_after_kill);
  g_test_add_func ("/gui/recovery/discard", test_discard);
  g_test_add_func ("/gui/recovery/kill-real-program", test_kill_real_program);

  return g_test_run ();
}
