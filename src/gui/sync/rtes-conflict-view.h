/* rtes-conflict-view.h: the open conflicts of one fiche, as forms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view the sync's conflicts window (RtesSyncConflictsWindow) and the
 * import's conflicts dialog both show: one RtesConflictForm per contact,
 * budget line or field in conflict. It only collects choices; its owner
 * writes them and says when it is done:
 *
 *   view = rtes_conflict_view_new ();
 *   g_signal_connect (view, "apply", G_CALLBACK (on_apply), self);
 *   rtes_conflict_view_show (RTES_CONFLICT_VIEW (view), RTES_CONFLICT_SIDE_SITE,
 *                            id, document, site_document, conflicts);
 *
 *   static void
 *   on_apply (RtesConflictView *view, GPtrArray *choices, gpointer data)
 *   {
 *     … write the RtesConflictChoice* (in a thread), then …
 *     rtes_conflict_view_applied (view, error);   // NULL: written
 *   }
 *
 * A fiche whose conflicts have no common base (a first sync) reads
 * "On the Site / Here" with no "Before", and offers "Take the Site for
 * Everything" and "Keep My Version for Everything": for the fiche, or
 * with "::apply-everywhere" for every fiche of that first sync when the
 * owner said there are others (rtes_conflict_view_set_other_first_sync()).
 */
#pragma once

#include <adwaita.h>

#include "rtes-conflict-form.h"

G_BEGIN_DECLS

#define RTES_TYPE_CONFLICT_VIEW (rtes_conflict_view_get_type ())
G_DECLARE_FINAL_TYPE (RtesConflictView, rtes_conflict_view, RTES, CONFLICT_VIEW, AdwBin)

GtkWidget  *rtes_conflict_view_new                  (void);

/* Shows @conflicts (RtesConflict* of fiche @id, copied). @document: the
 * local fiche document; @theirs_document (nullable): the other side's
 * copy, for the fields not in conflict. */
void        rtes_conflict_view_show                 (RtesConflictView *self,
                                                     RtesConflictSide  side,
                                                     const char       *id,
                                                     JsonNode         *document,
                                                     JsonNode         *theirs_document,
                                                     GPtrArray        *conflicts);
/* The conflicts cannot be read: says why instead. */
void        rtes_conflict_view_show_error           (RtesConflictView *self,
                                                     const char       *message);
/* How many other fiches have first-sync conflicts (kind "both added"):
 * when some do, the whole-fiche choices can apply to them too. */
void        rtes_conflict_view_set_other_first_sync (RtesConflictView *self,
                                                     guint             n_fiches);
/* What happens once every conflict is settled ("the next sync publishes
 * it", or why not); NULL says nothing. */
void        rtes_conflict_view_set_publish_note     (RtesConflictView *self,
                                                     const char       *note);

/* After ::apply or ::apply-everywhere: the choices were written (@error
 * NULL: their forms go) or not (the error is shown, the forms stay). */
void        rtes_conflict_view_applied              (RtesConflictView *self,
                                                     const GError     *error);

const char *rtes_conflict_view_get_fiche_id         (RtesConflictView *self);
/* Conflicts still shown. */
guint       rtes_conflict_view_get_n_conflicts      (RtesConflictView *self);
/* TRUE when the fiche's conflicts have no common base. */
gboolean    rtes_conflict_view_get_first_sync       (RtesConflictView *self);

G_END_DECLS
