/* rtes-editor-widgets.h: what the editor's pages and cards do to widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Undo is the document's, over the whole fiche (see RtesUndoHistory): entries
 * and text views under @widget drop their own undo, so Ctrl+Z reaches the
 * window instead of undoing inside one field behind the model's back. */
void       rtes_editor_disable_text_undo (GtkWidget    *widget);

/* Which of @fields (name → widget) holds the keyboard focus, and where its
 * cursor is; NULL if none. With rtes_editor_focus_field_at(), lets a card
 * rebuilt by undo take the focus back where the person was typing. */
const char *rtes_editor_find_focus       (GHashTable   *fields,
                                          int          *position);
/* Calls @callback when the keyboard focus comes into @widget (or one of
 * its children), @inside TRUE, and when it leaves, @inside FALSE. Unlike
 * a focus controller, it hears of focus moves in a window that is not
 * the active one too (tests, a second monitor). One watch per widget and
 * @key. */
typedef void (*RtesFocusWatch) (GtkWidget *widget,
                                gboolean   inside,
                                gpointer   data);
void       rtes_editor_watch_focus       (GtkWidget      *widget,
                                          const char     *key,
                                          RtesFocusWatch  callback,
                                          gpointer        data);

/* Gives the items of @row's drop-down list (a GtkStringList) the names a
 * screen reader reads out: libadwaita 1.2 draws them with a label but
 * GTK 4.8 names a list item by nothing but its own label. Keeps the check
 * mark on the selected item. */
void       rtes_editor_name_combo_items  (AdwComboRow    *row);

/* The text of @buffer's @line without its line end; where it starts and
 * ends in the buffer if @start_out and @end_out are not NULL. */
char      *rtes_editor_line_text         (GtkTextBuffer  *buffer,
                                          int             line,
                                          GtkTextIter    *start_out,
                                          GtkTextIter    *end_out);

/* Focuses @widget without selecting its text, cursor at @position (-1: keep). */
gboolean   rtes_editor_focus_field_at    (GtkWidget    *widget,
                                          int           position);

G_END_DECLS
