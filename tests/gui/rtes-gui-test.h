/* rtes-gui-test.h: helpers shared by the window's tests
 *
 * Without GTK: the document suite and test-application link them too.
 * The GTK ones (windows, widgets, screenshots) are in rtes-gui-widgets.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rtes-fiche.h"

G_BEGIN_DECLS

typedef gboolean (*RtesTestCondition) (gpointer data);

/* Runs the default main context until @condition holds; fails the test
 * after @timeout_ms. */
void       rtes_gui_test_wait_until    (RtesTestCondition  condition,
                                        gpointer           data,
                                        guint              timeout_ms,
                                        const char        *what);
/* Runs the main context for @ms. */
void       rtes_gui_test_run_for       (guint              ms);

/* A fiche with every kind of member filled in. */
RtesFiche *rtes_gui_test_make_fiche    (const char        *id,
                                        const char        *name);
/* Writes @fiche to @dir/<id>.json in canonical form; returns the path. */
char      *rtes_gui_test_write_fiche   (const char        *dir,
                                        RtesFiche         *fiche);
/* TRUE when @path exists and contains @needle. */
gboolean   rtes_gui_test_file_contains (const char        *path,
                                        const char        *needle);

G_END_DECLS
