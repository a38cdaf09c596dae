/* bench-bare-window.c: the peer of the window's start-up in tools/bench
 *
 * A bare AdwApplicationWindow, the least a libadwaita application shows:
 * prints the monotonic time (µs) of its first frame and its resident
 * memory (KiB), then quits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bench-common.h"

static void
activate (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  bench_quit_after_frame (window, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("fr.rtes.Fiches.BenchBare",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
