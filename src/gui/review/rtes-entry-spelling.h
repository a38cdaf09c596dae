/* rtes-entry-spelling.h: misspelt words underlined in a text field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text fields' counterpart of RtesTextViewSpelling, for the GtkText
 * inside an AdwEntryRow or a GtkEntry: the field's text is checked in a
 * worker thread after each change, misspelt words get an error underline
 * through the text's Pango attributes (gtk_text_set_attributes()), and
 * the context menu (the text's extra menu) offers, for each of them, the
 * suggestions and "Add to Dictionary". The word being typed is left
 * alone until the cursor leaves it.
 */
#pragma once

#include <gtk/gtk.h>

#include "rtes-review-context.h"

G_BEGIN_DECLS

#define RTES_TYPE_ENTRY_SPELLING (rtes_entry_spelling_get_type ())
G_DECLARE_FINAL_TYPE (RtesEntrySpelling, rtes_entry_spelling, RTES, ENTRY_SPELLING, GObject)

/* The helper of @text, made and attached the first time; @text owns it. */
RtesEntrySpelling *rtes_entry_spelling_attach        (GtkText           *text,
                                                      RtesReviewContext *context);
RtesEntrySpelling *rtes_entry_spelling_get           (GtkText           *text);

gboolean           rtes_entry_spelling_is_busy       (RtesEntrySpelling *self);
/* The words underlined now, in order. */
GStrv              rtes_entry_spelling_dup_words     (RtesEntrySpelling *self);
/* Asks for the suggestions of every underlined word, as a right-click
 * does; the menu fills in when they come. */
void               rtes_entry_spelling_prepare_menu  (RtesEntrySpelling *self);
GMenuModel        *rtes_entry_spelling_get_menu      (RtesEntrySpelling *self);

G_END_DECLS
