/* rtes-format-bar.h: buttons that write fiche text markup for a text view
 *
 * A small bar above a fiche text view (RtesFicheTextView) with what the
 * fiche text format has (docs/fiche-format.md): a link ([label](https://…),
 * asked in a dialog), a bulleted list ("- ") and a numbered list ("1. ").
 * Each button acts on the lines of the selection, or the cursor's line,
 * as one user action (one undo step). Bold and italic are not offered:
 * the format has none (docs/editor.md says why).
 *
 * The bar also handles pasting into its view: HTML on the clipboard (a web
 * page, LibreOffice, Word) is turned into fiche text
 * (rtes_fiche_text_from_html()) instead of being pasted as plain text
 * with its formatting lost or as stray markup.
 *
 * The bar stays outside the view: the view's own behaviour (lists on
 * Enter, Tab nesting, spelling) is the view's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RTES_TYPE_FORMAT_BAR (rtes_format_bar_get_type ())
G_DECLARE_FINAL_TYPE (RtesFormatBar, rtes_format_bar, RTES, FORMAT_BAR, GtkWidget)

GtkTextView *rtes_format_bar_get_view    (RtesFormatBar *self);

/* What the buttons do, for tests: turns the lines of the selection into
 * list items (or back into plain lines when they all are already). */
void         rtes_format_bar_toggle_list (RtesFormatBar *self,
                                          gboolean       ordered);
/* Replaces the selection with [@label](@address), or the bare address
 * when @label is empty. FALSE (nothing changed) for an address the
 * format does not link. */
gboolean     rtes_format_bar_insert_link (RtesFormatBar *self,
                                          const char    *label,
                                          const char    *address);


G_END_DECLS
