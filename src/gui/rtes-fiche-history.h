/* rtes-fiche-history.h: undo and redo over every field of one fiche
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-fiche.h"

G_BEGIN_DECLS

#define RTES_TYPE_FICHE_HISTORY (rtes_fiche_history_get_type ())
G_DECLARE_FINAL_TYPE (RtesFicheHistory, rtes_fiche_history, RTES, FICHE_HISTORY, GObject)

/* Typing that stops for this long starts a new undo step. */
#define RTES_FICHE_HISTORY_PAUSE_USEC (G_USEC_PER_SEC)

RtesFicheHistory *rtes_fiche_history_new         (RtesFiche        *fiche);
RtesFiche        *rtes_fiche_history_get_fiche   (RtesFicheHistory *self);

gboolean          rtes_fiche_history_can_undo    (RtesFicheHistory *self);
gboolean          rtes_fiche_history_can_redo    (RtesFicheHistory *self);
gboolean          rtes_fiche_history_undo        (RtesFicheHistory *self);
gboolean          rtes_fiche_history_redo        (RtesFicheHistory *self);

/* Ends the current group of typing: the next change is a step of its own
 * (called when the person moves to another fiche, saves, etc.). */
void              rtes_fiche_history_break_group (RtesFicheHistory *self);

/* The clock used to detect pauses in typing, for tests. NULL restores
 * g_get_monotonic_time(). */
typedef gint64 (*RtesClockFunc) (void);
void              rtes_fiche_history_set_clock   (RtesFicheHistory *self,
                                                  RtesClockFunc     clock);

G_END_DECLS
