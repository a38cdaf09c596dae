/* rtes-folder-watcher.h: which fiche files of a library changed on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RTES_TYPE_FOLDER_WATCHER (rtes_folder_watcher_get_type ())
G_DECLARE_FINAL_TYPE (RtesFolderWatcher, rtes_folder_watcher, RTES, FOLDER_WATCHER, GObject)

/* Watches @path (a library folder). ::changed (GStrv ids, sorted) says
 * which <id>.json files changed, appeared or vanished, once a burst of
 * changes has been quiet for the delay. */
RtesFolderWatcher *rtes_folder_watcher_new        (const char        *path);

/* How long a burst must be quiet, in milliseconds (300 by default). */
void               rtes_folder_watcher_set_delay  (RtesFolderWatcher *self,
                                                   guint              delay_ms);

/* Reports @id with the next burst, as if its file had changed: for a
 * change learnt another way (the library re-read the file). */
void               rtes_folder_watcher_add        (RtesFolderWatcher *self,
                                                   const char        *id);

/* While held, changes are collected and not reported: an operation of
 * ours that writes files (a sync) is held so that its files are read by
 * whoever wrote them first. Release reports what was collected. Holds
 * nest. */
void               rtes_folder_watcher_hold       (RtesFolderWatcher *self);
void               rtes_folder_watcher_release    (RtesFolderWatcher *self);

G_END_DECLS
