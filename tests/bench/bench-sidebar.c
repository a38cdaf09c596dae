/* bench-sidebar.c: how long a keystroke in the search takes to reach the screen
 *
 * bench-sidebar [DIR]: the sidebar over the library DIR (default: 10,000
 * generated fiches, as in tests/gui/test-sidebar.c), in a window; types
 * searches one letter at a time and takes each away again, and prints the
 * time from the keystroke (the entry's ::search-changed) to the end of
 * the frame that shows its result: median and worst, for letters added
 * and letters taken away. Between keystrokes the window is left idle long
 * enough that a frame is not waiting for the previous one, as when a
 * person types; the entry's own wait before it searches (150 ms) is not
 * counted. Run by "meson test --benchmark --suite gui" (under a
 * display) and by tools/bench.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "bench-common.h"
#include "rtes-fiche-json.h"
#include "rtes-library.h"
#include "rtes-sidebar.h"
#include "rtes-test-util.h"
#include "rtes-vocabulary.h"

#define N_GENERATED 10000

/* Searches a person could type: a place, a name, a lever, digits. */
static const char * const searches[] = {
  "saint-etienne", "claire fabre", "tiers-lieux", "commune 0042", "economie solidaire",
};

static gboolean painted;
static double cpu_ms;
static double after_ms;

/* The main thread's processor time: what the work costs, whatever else
 * the machine is doing meanwhile. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static guint
count_rows (GtkWidget *widget)
{
  guint n = g_type_is_a (G_OBJECT_TYPE (widget), g_type_from_name ("RtesFicheRow")) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);
  return n;
}

static void
after_paint (GdkFrameClock *clock,
             gpointer       data)
{
  painted = TRUE;
}

static gboolean
time_is_up (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms, waiting (not spinning) when it has nothing
 * to do, so that the processor time it takes is the window's work. */
static void
run_for (guint ms)
{
  gboolean up = FALSE;

  g_timeout_add (ms, time_is_up, &up);
  while (!up)
    g_main_context_iteration (NULL, TRUE);
}

/* Lets the window finish what a keystroke left for after its frame (the
 * rows off screen), as a pause between two keystrokes does: on a loaded
 * machine a fixed pause would leave part of it to the next keystroke. */
static void
settle (void)
{
  run_for (40);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Makes the entry's text @text as typing does, a letter added or taken
 * away: setting the whole text would empty the entry first, and an empty
 * search entry searches at once. */
static void
type_into (GtkEditable *entry,
           const char  *text)
{
  const char *before = gtk_editable_get_text (entry);
  int same = 0;

  while (before[same] != '\0' && before[same] == text[same])
    same++;
  if (before[same] != '\0')
    gtk_editable_delete_text (entry, g_utf8_pointer_to_offset (before, before + same), -1);
  if (text[same] != '\0')
    {
      int position = g_utf8_pointer_to_offset (text, text + same);

      gtk_editable_insert_text (entry, text + same, -1, &position);
    }
}

/* Milliseconds from the search for @text (the entry's ::search-changed)
 * to the end of the frame showing its result. The letter itself reaches
 * the entry first, in a frame of its own, as when a person types. */
static double
keystroke (GtkWidget   *window,
           RtesSidebar *sidebar,
           const char  *text)
{
  gint64 start;
  double cpu_start;

  type_into (GTK_EDITABLE (rtes_sidebar_get_search_entry (sidebar)), text);
  settle ();
  painted = FALSE;
  start = g_get_monotonic_time ();
  cpu_start = thread_cpu_ms ();
  rtes_sidebar_set_search_text (sidebar, text);
  if (g_getenv ("BENCH_DEBUG"))
    g_printerr ("  filter: %.1f ms cpu\n", thread_cpu_ms () - cpu_start);
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  cpu_ms = thread_cpu_ms () - cpu_start;
  start = g_get_monotonic_time () - start;
  cpu_start = thread_cpu_ms ();
  settle ();
  after_ms = thread_cpu_ms () - cpu_start;
  return start / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        GArray     *times,
        GArray     *cpu,
        GArray     *after)
{
  g_array_sort (times, compare_doubles);
  g_array_sort (cpu, compare_doubles);
  g_array_sort (after, compare_doubles);
  g_print ("%s: %u keystrokes, median %.1f ms, worst %.1f ms "
           "(processor time: median %.1f ms, worst %.1f ms; "
           "after the frame, rows off screen: median %.1f ms, worst %.1f ms)\n", what, times->len,
           g_array_index (times, double, times->len / 2),
           g_array_index (times, double, times->len - 1),
           g_array_index (cpu, double, cpu->len / 2),
           g_array_index (cpu, double, cpu->len - 1),
           g_array_index (after, double, after->len / 2),
           g_array_index (after, double, after->len - 1));
}

static char *
generate_library (void)
{
  char *dir = g_dir_make_tmp ("bench-sidebar-XXXXXX", NULL);
  static const char * const cities[] = { "Saint-Étienne", "Rennes", "Dijon", "Lille" };
  static const char * const people[] = { "Claire Fabre", "Jean Martin", "Anne Roux" };

  for (guint i = 0; i < N_GENERATED; i++)
    {
      g_autofree char *id = g_strdup_printf ("commune-%05u", i);
      g_autofree char *name = g_strdup_printf ("Commune %05u de l’économie solidaire", i);
      g_autofree char *filename = g_strconcat (id, ".json", NULL);
      g_autofree char *path = g_build_filename (dir, filename, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(RtesFiche) fiche = rtes_fiche_new (id, name);
      g_autoptr(RtesContact) contact = rtes_contact_new ();
      g_autoptr(GError) error = NULL;

      rtes_fiche_set_city (fiche, cities[i % G_N_ELEMENTS (cities)]);
      rtes_fiche_set_kind (fiche, rtes_kinds ()[i % 10].id);
      rtes_fiche_set_programme (fiche, i % 7 ? "Soutien aux tiers-lieux et à l’insertion." : "Achats publics responsables.");
      rtes_contact_set_name (contact, people[i % G_N_ELEMENTS (people)]);
      rtes_contact_set_role (contact, "Élue référente");
      g_list_store_append (rtes_fiche_get_contacts (fiche), contact);
      if (!rtes_fiche_save (fiche, file, &error))
        g_error ("%s", error->message);
    }
  return dir;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *generated = NULL;
  const char *path = argc > 1 ? argv[1] : NULL;
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(RtesWorkspace) workspace = NULL;
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) added_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) removed_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) added_after = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) removed_after = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  RtesSidebar *sidebar;

  gtk_init ();
  adw_init ();
  if (path == NULL)
    path = generated = generate_library ();
  library = rtes_library_open (path, &error);
  if (library == NULL)
    g_error ("%s", error->message);
  workspace = rtes_workspace_new (library);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 340, 720);
  sidebar = g_object_new (RTES_TYPE_SIDEBAR, NULL);
  rtes_sidebar_set_workspace (sidebar, workspace);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (sidebar));
  gtk_window_present (GTK_WINDOW (window));
  run_for (300);
  if (g_getenv ("BENCH_DEBUG"))
    g_printerr ("rows: %u\n", count_rows (GTK_WIDGET (sidebar)));
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint), NULL);
  /* The search is started by keystroke() itself: the entry's own, 150 ms
   * after its text changed, would come first on a loaded machine and
   * leave nothing to measure. */
  gtk_search_entry_set_search_delay (rtes_sidebar_get_search_entry (sidebar), G_MAXINT);

  for (guint round = 0; round < 2; round++)
    for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
      {
        gsize length = strlen (searches[s]);

        /* A letter more at a time up to the whole word, then one less at
         * a time down to nothing. */
        for (gsize step = 1; step <= 2 * length; step++)
          {
            gboolean adding = step <= length;
            g_autofree char *prefix = g_strndup (searches[s], adding ? step : 2 * length - step);
            double ms = keystroke (window, sidebar, prefix);

            if (g_getenv ("BENCH_DEBUG"))
              g_printerr ("%c %-20s %7.1f ms %7.1f cpu %7.1f after %u shown\n", adding ? '+' : '-', prefix,
                          ms, cpu_ms, after_ms, g_list_model_get_n_items (rtes_sidebar_get_model (sidebar)));
            /* The first round warms caches; the second is measured. */
            if (round > 0)
              {
                g_array_append_val (adding ? added : removed, ms);
                g_array_append_val (adding ? added_cpu : removed_cpu, cpu_ms);
                g_array_append_val (adding ? added_after : removed_after, after_ms);
              }
          }
      }

  g_print ("%u fiches\n", g_list_model_get_n_items (G_LIST_MODEL (library)));
  report ("one more letter", added, added_cpu, added_after);
  report ("one letter less", removed, removed_cpu, removed_after);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&workspace);
  g_clear_object (&library);
  if (generated != NULL)
    rtes_test_remove_tree (generated);
  return 0;
}
