/* rtes-text-view-spelling.h: misspelt words underlined in a GtkTextView
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 has no spelling API, and libspelling is not in Debian 12: this
 * helper, attached to a text view (it adds nothing to the view's class,
 * so any GtkTextView, RtesFicheTextView or not, takes it), underlines the
 * words the library's speller does not know with an error underline tag,
 * and puts their suggestions and "Add to Dictionary" in the view's
 * context menu (its extra menu, which GTK shows after Cut, Copy, Paste…;
 * a menu set there before is kept after ours).
 *
 * As one types, only the paragraph that changed is checked again, in a
 * worker thread: a keystroke costs the main thread a few marks and a
 * copy of the paragraph. The word being typed is not underlined until
 * the cursor leaves it. A suggestion replaces the word as one edit (one
 * buffer user action: one undo step of the fiche).
 */
#pragma once

#include <gtk/gtk.h>

#include "rtes-review-context.h"

G_BEGIN_DECLS

#define RTES_TYPE_TEXT_VIEW_SPELLING (rtes_text_view_spelling_get_type ())
G_DECLARE_FINAL_TYPE (RtesTextViewSpelling, rtes_text_view_spelling, RTES, TEXT_VIEW_SPELLING, GObject)

/* The helper of @view, made and attached the first time; the view owns it. */
RtesTextViewSpelling *rtes_text_view_spelling_attach     (GtkTextView          *view,
                                                          RtesReviewContext    *context);
/* The helper attached to @view, or NULL. */
RtesTextViewSpelling *rtes_text_view_spelling_get        (GtkTextView          *view);

/* TRUE while a check runs or waits: tests wait for it to end. */
gboolean              rtes_text_view_spelling_is_busy    (RtesTextViewSpelling *self);
/* The words underlined now, in order. */
GStrv                 rtes_text_view_spelling_dup_words  (RtesTextViewSpelling *self);
/* What a right-click at @iter does to the context menu: the suggestions
 * of the underlined word there, or nothing. Returns the word, or NULL. */
char                 *rtes_text_view_spelling_prepare_menu (RtesTextViewSpelling *self,
                                                            const GtkTextIter    *iter);
/* The section the helper fills in the view's extra menu. */
GMenuModel           *rtes_text_view_spelling_get_menu   (RtesTextViewSpelling *self);

G_END_DECLS
