/* bench-typing.c: what the spelling check as one types costs a keystroke
 *
 * Not a test: run under a display with
 *   xvfb-run -a meson test -C _build --benchmark --suite gui
 * Types four words, letter by letter, into the middle of a fiche-sized
 * text in a RtesFicheTextView, with and without the spelling helper, and
 * measures the main thread's work per keystroke: the insertion and
 * everything the main loop then dispatches (the view's own highlighting,
 * the helper's marks, sending the paragraph to its worker, applying the
 * result) in the main thread's CPU time, not the time it waits for the
 * worker or for a core, and not the drawing (the
 * window is not shown: redrawing the text costs any keystroke the same,
 * and varies too much on a shared machine to compare). The bound
 * is 2 ms a keystroke for the spelling.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <time.h>

#include "rtes-fiche-text-view.h"
#include "rtes-gui-widgets.h"
#include "rtes-review-context.h"
#include "rtes-test-dictionary.h"
#include "rtes-test-util.h"
#include "rtes-text-view-spelling.h"

static const char *paragraph =
  "La collectivité soutient les acteurs de l’économie sociale et solidaire du territoire. "
  "Un appel à projets annuel finance les initiatives des associations et des coopératives. "
  "Le dispositif local d’accompagnement consolide les structures employeuses, et les clauses "
  "sociales des marchés publics favorisent l’insertion par l’activité économique.";

typedef struct {
  double slowest_ms;
  double mean_ms;
} Timing;

/* The main thread's own time: on a shared machine, time spent waiting for
 * a core would count otherwise. */
static double
thread_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

/* Main-loop work until @view's helper (if any) is done; the waits for the
 * worker thread are not counted. */
static double
settle (GtkTextView *view)
{
  RtesTextViewSpelling *spelling = rtes_text_view_spelling_get (view);
  double busy = 0;

  for (;;)
    {
      double t0 = thread_ms ();
      gboolean dispatched = g_main_context_iteration (NULL, FALSE);

      busy += thread_ms () - t0;
      if (dispatched)
        continue;
      if (spelling == NULL || !rtes_text_view_spelling_is_busy (spelling))
        return busy;
      g_usleep (100);
    }
}

static Timing
type_words (GtkTextView *view)
{
  static const char * const words[] = { " économiquement", " solidarités", " entreprenariat", " coopérativess" };
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  Timing timing = { 0, 0 };
  guint keys = 0;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, g_utf8_strlen (paragraph, -1) * 3 / 2);
  gtk_text_iter_forward_word_end (&iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  settle (view);
  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    for (const char *p = words[w]; *p != '\0'; p = g_utf8_next_char (p))
      {
        double t0 = thread_ms ();
        double ms;

        gtk_text_buffer_insert_interactive_at_cursor (buffer, p, g_utf8_next_char (p) - p, TRUE);
        ms = thread_ms () - t0 + settle (view);
        timing.slowest_ms = MAX (timing.slowest_ms, ms);
        timing.mean_ms += ms;
        keys++;
      }
  timing.mean_ms /= keys;
  return timing;
}

static GtkTextView *
make_view (void)
{
  GtkWidget *view = rtes_fiche_text_view_new ();
  GtkWindow *window = GTK_WINDOW (adw_window_new ());
  GString *text = g_string_new (NULL);

  /* About 5 KB, as a fiche's section: ten paragraphs. */
  for (guint i = 0; i < 10; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "\n\n" : "", paragraph);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text->str, -1);
  g_string_free (text, TRUE);
  gtk_window_set_default_size (window, 800, 600);
  adw_window_set_content (ADW_WINDOW (window), view);
  /* Not shown: drawing the text, which any keystroke costs, would drown
   * what is measured here. */
  settle (GTK_TEXT_VIEW (view));
  return GTK_TEXT_VIEW (view);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(RtesReviewContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextView *plain, *checked;
  Timing without, with;

  rtes_gui_test_init (&argc, &argv);
  if (rtes_test_no_french_dictionary () != NULL)
    {
      g_print ("skipped: %s\n", rtes_test_no_french_dictionary ());
      return 0;
    }

  dir = rtes_test_make_tmpdir ("bench-typing");
  library = rtes_library_open (dir, &error);
  g_assert_no_error (error);
  session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  context = rtes_review_context_new (library, session);
  rtes_review_context_wait (context);

  plain = make_view ();
  without = type_words (plain);
  checked = make_view ();
  rtes_text_view_spelling_attach (checked, context);
  settle (checked);
  with = type_words (checked);

  g_print ("keystroke without the spelling check: slowest %.3f ms, mean %.3f ms\n",
           without.slowest_ms, without.mean_ms);
  g_print ("keystroke with the spelling check:    slowest %.3f ms, mean %.3f ms\n",
           with.slowest_ms, with.mean_ms);
  g_print ("the spelling check's part, mean: %.3f ms a keystroke\n", with.mean_ms - without.mean_ms);
  rtes_test_remove_tree (dir);
  return 0;
}
