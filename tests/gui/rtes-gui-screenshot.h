/* rtes-gui-screenshot.h: GTK helpers of the window's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Call before rtes_test_init(): remembers where the MIME database is, which
 * the isolated test folders hide (GTK needs it to load SVG icons). */
void       rtes_gui_test_keep_mime_dirs (void);

/* gtk_init(), libadwaita, the application's style sheet and icons, and
 * French messages when the catalogue was built (RTES_TEST_LOCALEDIR). */
void       rtes_gui_test_init_gtk     (void);

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

/* The AdwMessageDialog open on top of @parent, or NULL. */
AdwMessageDialog *rtes_gui_test_find_dialog (GtkWindow *parent);

/* Types @text into @editable one character at a time at the end, as a
 * person would (each keystroke an edit of its own). */
void       rtes_gui_test_type         (GtkEditable *editable,
                                       const char  *text);

G_END_DECLS
