/* rtes-sync-conflicts-window.h: settling a fiche's sync conflicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window around RtesConflictView for the conflicts a sync left: it
 * reads them from the library's sync state (in a thread), with the local
 * fiche and the site's copy, and writes each choice with
 * rtes_sync_resolve_all() (in a thread), which changes the fiche file and
 * the state together.
 *
 *   window = rtes_sync_conflicts_window_new (GTK_WINDOW (self), library_path, id, name);
 *   rtes_sync_conflicts_window_set_publish_note (window, _("The next sync publishes it."));
 *   g_signal_connect (window, "resolved", G_CALLBACK (on_resolved), self);
 *   gtk_window_present (GTK_WINDOW (window));
 *
 *   static void
 *   on_resolved (RtesSyncConflictsWindow *window, GStrv ids, gpointer data)
 *   {
 *     // Each fiche file in @ids changed: its document takes it, as one step.
 *     rtes_workspace_reload_from_disk (workspace, ids[i], RTES_CHANGE_ORIGIN_RESOLVE, …);
 *   }
 */
#pragma once

#include <adwaita.h>

#include "rtes-conflict-view.h"

G_BEGIN_DECLS

#define RTES_TYPE_SYNC_CONFLICTS_WINDOW (rtes_sync_conflicts_window_get_type ())
G_DECLARE_FINAL_TYPE (RtesSyncConflictsWindow, rtes_sync_conflicts_window, RTES, SYNC_CONFLICTS_WINDOW, AdwWindow)

/* Starts reading the conflicts of fiche @id of the library at
 * @library_path; @name titles the window. Emits ::loaded when shown. */
RtesSyncConflictsWindow *rtes_sync_conflicts_window_new              (GtkWindow               *parent,
                                                                      const char              *library_path,
                                                                      const char              *id,
                                                                      const char              *name);
/* NULL once the window is destroyed (a resolution may still end then). */
RtesConflictView        *rtes_sync_conflicts_window_get_view         (RtesSyncConflictsWindow *self);
const char              *rtes_sync_conflicts_window_get_fiche_id     (RtesSyncConflictsWindow *self);
/* See rtes_conflict_view_set_publish_note(). */
void                     rtes_sync_conflicts_window_set_publish_note (RtesSyncConflictsWindow *self,
                                                                      const char              *note);

G_END_DECLS
