/* rtes-gui-widgets.h: GTK helpers of the window's tests
 *
 * Set-up, windows and their dialogs, widgets found and pressed, and
 * screenshots; the helpers without GTK are in rtes-gui-test.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rtes-window.h"

G_BEGIN_DECLS

/* rtes_test_init(), then gtk_init(), libadwaita, the application's style
 * sheet and icons, the system's icon themes, and French messages when
 * the catalogue was built (RTES_TEST_LOCALEDIR). */
void       rtes_gui_test_init         (int         *argc,
                                       char      ***argv);

/* Renders @widget's toplevel into <build>/tests/gui/screenshots/@name.png
 * and returns the path. */
char      *rtes_gui_test_screenshot   (GtkWidget   *widget,
                                       const char  *name);

/* First widget of @type under @root (depth first) for which @match (may
 * be NULL) returns TRUE. */
typedef gboolean (*RtesWidgetMatch) (GtkWidget *widget, gpointer data);
GtkWidget *rtes_gui_test_find_widget  (GtkWidget       *root,
                                       GType            type,
                                       RtesWidgetMatch  match,
                                       gpointer         data);

/* Matches for rtes_gui_test_find_widget(): the widget's label, row
 * title, editable text or action name is @data; a fiche row is for the
 * fiche of id @data. */
gboolean   rtes_gui_test_label_is     (GtkWidget *widget, gpointer data);
gboolean   rtes_gui_test_title_is     (GtkWidget *widget, gpointer data);
gboolean   rtes_gui_test_text_is      (GtkWidget *widget, gpointer data);
gboolean   rtes_gui_test_action_is    (GtkWidget *widget, gpointer data);
gboolean   rtes_gui_test_row_is_for   (GtkWidget *widget, gpointer data);

/* Runs what @widget does on @keyval with @mods, as if the keys were
 * pressed: the action of its shortcut controllers bound to them. FALSE
 * if none is bound. */
gboolean   rtes_gui_test_press_shortcut (GtkWidget       *widget,
                                         guint            keyval,
                                         GdkModifierType  mods);

/* In a conflict form: takes the other side's value in @row (its second
 * toggle, "mine" being the first and chosen), or presses the form's
 * Apply. */
void       rtes_gui_test_take_theirs  (GtkWidget *row);
void       rtes_gui_test_press_apply  (GtkWidget *form);

/* The visible toplevel of @type transient for @parent (any when NULL),
 * or NULL. */
gpointer   rtes_gui_test_find_window  (GType      type,
                                       GtkWindow *parent);
/* The AdwMessageDialog open on top of @parent, or NULL. */
AdwMessageDialog *rtes_gui_test_find_dialog (GtkWindow *parent);

/* @widget alone in a window of @width×@height, presented: realized, as
 * in the application. */
GtkWindow *rtes_gui_test_show_in_window (GtkWidget *widget,
                                         int        width,
                                         int        height);
/* A window of @width×@height on the library at @dir, once loaded, with
 * autosave delays short enough for a test. */
RtesWindow *rtes_gui_test_open_window (const char *dir,
                                       int         width,
                                       int         height);
/* Destroys @window (if any) even with unsaved state, as a failed test
 * leaves it, and lets its last events run. */
void       rtes_gui_test_close_window (RtesWindow *window);
/* Until @window's import, export or sync is over. */
void       rtes_gui_test_wait_not_busy (RtesWindow *window,
                                        const char *what);
/* The document @window's workspace holds for @fiche. */
RtesDocument *rtes_gui_test_document_of (RtesWindow *window,
                                         RtesFiche  *fiche);

/* Types @text into @editable one character at a time at the end, as a
 * person would (each keystroke an edit of its own). */
void       rtes_gui_test_type         (GtkEditable *editable,
                                       const char  *text);

G_END_DECLS
