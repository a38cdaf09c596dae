/* bench-common.c: what the window benchmarks of tools/bench share
 *
 * tools/bench starts each program and subtracts the monotonic time it
 * started it at from the one printed here: the time to a frame the
 * person sees, start-up of the process included.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bench-common.h"

typedef struct {
  GtkWidget *window;
  BenchReady ready;
  gpointer data;
} Watch;

long
bench_resident_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, "VmRSS:")) == NULL)
    return -1;
  return strtol (line + strlen ("VmRSS:"), NULL, 10);
}

static void
after_paint (GdkFrameClock *clock,
             Watch         *watch)
{
  if (watch->ready != NULL && !watch->ready (watch->window, watch->data))
    return;
  g_signal_handlers_disconnect_by_data (clock, watch);
  printf ("frame %" G_GINT64_FORMAT " %ld\n", g_get_monotonic_time (), bench_resident_kib ());
  fflush (stdout);
  g_application_quit (g_application_get_default ());
}

static void
realized (GtkWidget *window,
          Watch     *watch)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint), watch);
}

void
bench_quit_after_frame (GtkWidget  *window,
                        BenchReady  ready,
                        gpointer    data)
{
  Watch *watch = g_new0 (Watch, 1);

  watch->window = window;
  watch->ready = ready;
  watch->data = data;
  g_object_set_data_full (G_OBJECT (window), "bench-watch", watch, g_free);
  if (gtk_widget_get_realized (window))
    realized (window, watch);
  else
    g_signal_connect (window, "realize", G_CALLBACK (realized), watch);
}
