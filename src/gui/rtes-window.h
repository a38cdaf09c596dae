/* rtes-window.h: the main window, one library at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rtes-application.h"
#include "rtes-library.h"
#include "rtes-workspace.h"

G_BEGIN_DECLS

#define RTES_TYPE_WINDOW (rtes_window_get_type ())
G_DECLARE_FINAL_TYPE (RtesWindow, rtes_window, RTES, WINDOW, AdwApplicationWindow)

RtesWindow    *rtes_window_new             (RtesApplication *application);

/* Opens the library in @path (in a thread); unsaved changes of the current
 * one are saved first. */
void           rtes_window_open_library    (RtesWindow  *self,
                                            const char  *path);
/* Asks for a folder, then opens it. */
void           rtes_window_choose_library  (RtesWindow  *self);

/* Imports a site export (text or JSON) into the library, edited fiches
 * saved first; ends with a report dialog. */
void           rtes_window_import          (RtesWindow  *self,
                                            GFile       *file);

/* Exports the fiche shown, or (@all) every fiche the list shows, to a PDF
 * file or (@html) a folder of web pages; ends with a toast. */
void           rtes_window_export          (RtesWindow  *self,
                                            gboolean     all,
                                            gboolean     html,
                                            GFile       *target);

RtesLibrary   *rtes_window_get_library     (RtesWindow  *self);
RtesWorkspace *rtes_window_get_workspace   (RtesWindow  *self);

/* The fiche shown in the content area, or NULL; its document (NULL for a
 * file that did not load). */
RtesFiche     *rtes_window_get_fiche       (RtesWindow  *self);
RtesDocument  *rtes_window_get_document    (RtesWindow  *self);
void           rtes_window_show_fiche      (RtesWindow  *self,
                                            RtesFiche   *fiche);

gboolean       rtes_window_get_overview_visible (RtesWindow *self);

G_END_DECLS
