/* rtes-fiche-text-view.h: a text view that makes fiche text easy to type
 *
 * Fiche text (docs/fiche-format.md) has "- " and "1. " list items nested by
 * two spaces, and links. This GtkTextView subclass helps with both:
 *
 * - Enter on a list item starts the next item at the same level ("- ", or
 *   the next number); Enter on an empty item ends the list instead.
 * - Tab and Shift+Tab on list items nest and un-nest them by two spaces
 *   (on other lines Tab moves the focus, as everywhere else).
 * - Addresses and [label](https://…) links are underlined as they are typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RTES_TYPE_FICHE_TEXT_VIEW (rtes_fiche_text_view_get_type ())
G_DECLARE_FINAL_TYPE (RtesFicheTextView, rtes_fiche_text_view, RTES, FICHE_TEXT_VIEW, GtkTextView)

GtkWidget *rtes_fiche_text_view_new        (void);

/* What the key controller does with a key press; public so that tests can
 * drive the view without a seat. Returns TRUE if the key was handled. */
gboolean   rtes_fiche_text_view_handle_key (RtesFicheTextView *self,
                                            guint              keyval,
                                            GdkModifierType    state);

/* Buffer text, for callers that only want the string. */
char      *rtes_fiche_text_view_dup_text   (RtesFicheTextView *self);

/* Number of link ranges currently tagged (for tests and the preview). */
guint      rtes_fiche_text_view_count_links (RtesFicheTextView *self);

G_END_DECLS
