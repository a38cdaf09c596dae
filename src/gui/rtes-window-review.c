/* rtes-window-review.c: the Relecture in the window
 *
 * The window holds the library's RtesReviewContext (the dictionary, the
 * library's words, the override records, the link check's session),
 * gives it to the editor, and opens the library-wide list
 * (win.review-library), whose findings open their fiche at their field.
 * See docs/review.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rtes-fiche-editor.h"
#include "rtes-review-context.h"
#include "rtes-review-window.h"
#include "rtes-window-private.h"

void
rtes_window_review_dispose (RtesWindow *self)
{
  if (self->review_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->review_window));
  if (self->review_context != NULL)
    g_signal_handlers_disconnect_by_data (self->review_context, self);
  g_clear_object (&self->review_context);
}

void
rtes_window_review_set_library (RtesWindow *self)
{
  rtes_window_review_dispose (self);
  if (self->library != NULL)
    {
      g_autofree char *user_agent = g_strdup_printf ("rtes-fiches/%s", PACKAGE_VERSION);
      g_autoptr(SoupSession) session = soup_session_new_with_options ("user-agent", user_agent, NULL);

      self->review_context = G_OBJECT (rtes_review_context_new (self->library, session));
      g_signal_connect_object (self->review_context, "error", G_CALLBACK (rtes_window_toast), self,
                               G_CONNECT_SWAPPED);
    }
  if (RTES_IS_FICHE_EDITOR (self->editor))
    rtes_fiche_editor_set_review_context (RTES_FICHE_EDITOR (self->editor),
                                          RTES_REVIEW_CONTEXT (self->review_context));
}

static void
on_finding_activated (RtesReviewWindow  *window,
                      const RtesFinding *finding,
                      RtesWindow        *self)
{
  RtesFiche *fiche = self->library != NULL ? rtes_library_lookup (self->library, finding->id) : NULL;

  if (fiche == NULL)
    return;
  rtes_window_show_fiche (self, fiche);
  if (RTES_IS_FICHE_EDITOR (self->editor))
    rtes_fiche_editor_show_finding (RTES_FICHE_EDITOR (self->editor), finding);
  gtk_window_present (GTK_WINDOW (self));
}

/* Opens (or brings up) the library's Relecture. */
static void
review_library_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  RtesWindow *self = RTES_WINDOW (widget);
  RtesReviewWindow *window;

  if (self->review_context == NULL)
    return;
  if (self->review_window != NULL)
    {
      rtes_review_window_refresh (RTES_REVIEW_WINDOW (self->review_window));
      gtk_window_present (GTK_WINDOW (self->review_window));
      return;
    }
  window = rtes_review_window_new (GTK_WINDOW (self), RTES_REVIEW_CONTEXT (self->review_context));
  g_signal_connect_object (window, "finding-activated", G_CALLBACK (on_finding_activated), self, 0);
  self->review_window = GTK_WIDGET (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->review_window);
  gtk_window_present (GTK_WINDOW (window));
}

void
rtes_window_class_init_review (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.review-library", NULL, review_library_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.review-library", NULL);
}
