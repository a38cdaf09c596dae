/* rtes-conflict-view.h: the open sync conflicts of one fiche
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the window: show it in place of the editor for a fiche that has
 * conflicts (the ids with conflicts are those of
 * rtes_sync_state_get_conflicts (state, NULL); mark them in the sidebar).
 *
 *   view = rtes_conflict_view_new ();
 *   g_signal_connect (view, "resolved", G_CALLBACK (on_resolved), self);
 *   rtes_conflict_view_load (view, rtes_library_get_path (library), id);
 *
 *   static void
 *   on_resolved (RtesConflictView *view, const char *id, const char *path, gpointer user_data)
 *   {
 *     // The fiche file may hold the chosen value now: reload it.
 *     rtes_library_reload (library, id, NULL);
 *     if (rtes_conflict_view_get_n_conflicts (view) == 0)
 *       … back to the editor, remove the sidebar mark …
 *   }
 *
 * Each conflict shows the base, site and local values side by side with
 * "Keep Mine", "Take Site's" and "Edit", and "Mark Resolved", which writes
 * the choice (rtes_sync_resolve(), in a thread). The next sync with
 * publishing sends the result to the site.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RTES_TYPE_CONFLICT_VIEW (rtes_conflict_view_get_type ())
G_DECLARE_FINAL_TYPE (RtesConflictView, rtes_conflict_view, RTES, CONFLICT_VIEW, AdwBin)

GtkWidget  *rtes_conflict_view_new             (void);

/* Reads the sync state of the library at @library_path (in a thread) and
 * shows the open conflicts of fiche @id. Signals "loaded" when done. */
void        rtes_conflict_view_load            (RtesConflictView *self,
                                                const char       *library_path,
                                                const char       *id);
const char *rtes_conflict_view_get_fiche_id    (RtesConflictView *self);
/* Conflicts still shown; also the "n-conflicts" property. */
guint       rtes_conflict_view_get_n_conflicts (RtesConflictView *self);

G_END_DECLS
