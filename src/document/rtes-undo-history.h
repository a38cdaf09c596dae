/* rtes-undo-history.h: undo and redo of one fiche, as operations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-change-origin.h"
#include "rtes-fiche.h"

G_BEGIN_DECLS

#define RTES_TYPE_UNDO_HISTORY (rtes_undo_history_get_type ())
G_DECLARE_FINAL_TYPE (RtesUndoHistory, rtes_undo_history, RTES, UNDO_HISTORY, GObject)

/* Typing that stops for this long starts a new undo step. */
#define RTES_UNDO_PAUSE_USEC (G_USEC_PER_SEC)

/* The clock used to see pauses in typing, for tests (NULL: the real one). */
typedef gint64 (*RtesClockFunc) (void);

RtesUndoHistory *rtes_undo_history_new            (RtesFiche        *fiche);
RtesFiche       *rtes_undo_history_get_fiche      (RtesUndoHistory  *self);

/* Brackets what the person does as one step ("Move Contact"): every change
 * of the fiche until the matching end is undone and redone together.
 * Brackets nest; the outermost label and origin count. A change made
 * outside any bracket is a step of its own, and typing (one character
 * more or less in the same field, or a new value of the same number,
 * without a pause of RTES_UNDO_PAUSE_USEC) joins the step before it until
 * a word ends. A typed step that changed the content also dates the fiche
 * today, within the same step, unless it set the date itself. */
void             rtes_undo_history_begin_action   (RtesUndoHistory  *self,
                                                   RtesChangeOrigin  origin,
                                                   const char       *label);
void             rtes_undo_history_end_action     (RtesUndoHistory  *self);
gboolean         rtes_undo_history_in_action      (RtesUndoHistory  *self);

/* Gives the fiche the content of @content (field by field, same object)
 * as one step of @origin. @group ties steps of several fiches together
 * (an import); 0 for none. FALSE if nothing changed (no step). */
gboolean         rtes_undo_history_apply_content  (RtesUndoHistory  *self,
                                                   RtesFiche        *content,
                                                   RtesChangeOrigin  origin,
                                                   const char       *label,
                                                   guint             group);

gboolean         rtes_undo_history_can_undo       (RtesUndoHistory  *self);
gboolean         rtes_undo_history_can_redo       (RtesUndoHistory  *self);
gboolean         rtes_undo_history_undo           (RtesUndoHistory  *self);
gboolean         rtes_undo_history_redo           (RtesUndoHistory  *self);
/* Labels of the steps undo and redo would take back, NULL for typing. */
const char      *rtes_undo_history_get_undo_label (RtesUndoHistory  *self);
const char      *rtes_undo_history_get_redo_label (RtesUndoHistory  *self);
/* The group of the step undo would take back, 0 for none. */
guint            rtes_undo_history_get_undo_group (RtesUndoHistory  *self);

/* The origin of the last change of the fiche (undo and redo are typed). */
RtesChangeOrigin rtes_undo_history_get_last_origin (RtesUndoHistory *self);

/* Ends the current group of typing: the next change is a step of its own
 * (the person saved, or went to another fiche). */
void             rtes_undo_history_break_group    (RtesUndoHistory  *self);

void             rtes_undo_history_set_clock      (RtesUndoHistory  *self,
                                                   RtesClockFunc     clock);

G_END_DECLS
