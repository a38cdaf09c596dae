/* bench-window.c: the window's start-up, for tools/bench
 *
 * bench-window --library DIR: the real application (as main.c runs it)
 * on the library DIR; once a frame has painted the list with its rows,
 * prints the monotonic time (µs) and the resident memory (KiB) and quits
 * (bench-common.c). tools/bench compares it with bench-bare-window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "bench-common.h"
#include "rtes-application.h"
#include "rtes-sidebar.h"

static GtkWidget *
find_sidebar (GtkWidget *widget)
{
  if (RTES_IS_SIDEBAR (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_sidebar (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  /* Not the drop-downs' lists, in the filter popover. */
  if (GTK_IS_LIST_VIEW (widget) && gtk_widget_has_css_class (widget, "navigation-sidebar"))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The list has fiches and rows of it are on screen. */
static gboolean
list_drawn (GtkWidget *window,
            gpointer   data)
{
  GtkWidget *sidebar = find_sidebar (window);
  GtkWidget *list = sidebar != NULL ? find_list_view (sidebar) : NULL;

  if (list == NULL || g_list_model_get_n_items (rtes_sidebar_get_model (RTES_SIDEBAR (sidebar))) == 0)
    return FALSE;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_mapped (row) && gtk_widget_get_height (row) > 0)
      return TRUE;
  return FALSE;
}

static void
window_added (GtkApplication *app,
              GtkWindow      *window)
{
  bench_quit_after_frame (GTK_WIDGET (window), list_drawn, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RtesApplication) app = NULL;
  const char *localedir = g_getenv ("RTES_FICHES_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = rtes_application_new ();
  g_signal_connect (app, "window-added", G_CALLBACK (window_added), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
