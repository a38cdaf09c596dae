/* rtes-conflict-choice.h: what a person chose for one conflict
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The conflict views collect choices; whoever owns the conflict writes
 * them: the sync with rtes_sync_resolve_all() (the fiche file and the sync
 * state at once), the window for an import's conflicts (through the
 * fiche's document). Both put the chosen values in place the same way:
 *
 *   choice = rtes_conflict_choice_new (id, "contacts[key=c7f3a2].phone",
 *                                      RTES_CONFLICT_TAKE_THEIRS, NULL);
 *   rtes_conflict_choice_apply (choice, conflict, document, &error);
 */
#pragma once

#include "rtes-fiche-merge.h"

G_BEGIN_DECLS

/**
 * RtesConflictPick:
 * @RTES_CONFLICT_KEEP_MINE: keep the local value (the merge kept it)
 * @RTES_CONFLICT_TAKE_THEIRS: take the other side's value, or its absence
 *   (a whole item deleted there is deleted here)
 * @RTES_CONFLICT_TAKE_VALUE: a value the person wrote
 */
typedef enum {
  RTES_CONFLICT_KEEP_MINE,
  RTES_CONFLICT_TAKE_THEIRS,
  RTES_CONFLICT_TAKE_VALUE,
} RtesConflictPick;

/**
 * RtesConflictChoice:
 * @id: the fiche
 * @path: the conflict's place, as the conflict names it
 * @pick: see #RtesConflictPick
 * @value: (nullable): for %RTES_CONFLICT_TAKE_VALUE, the value to write
 *   (owned), NULL to remove the place (a year emptied); NULL otherwise
 */
typedef struct {
  char             *id;
  char             *path;
  RtesConflictPick  pick;
  JsonNode         *value;
} RtesConflictChoice;

/* Copies @value, which must be NULL unless @pick is TAKE_VALUE. */
RtesConflictChoice *rtes_conflict_choice_new      (const char               *id,
                                                   const char               *path,
                                                   RtesConflictPick          pick,
                                                   JsonNode                 *value);
RtesConflictChoice *rtes_conflict_choice_copy     (const RtesConflictChoice *choice);
void                rtes_conflict_choice_free     (RtesConflictChoice       *choice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RtesConflictChoice, rtes_conflict_choice_free)

/* Writes @choice into @document (a mutable fiche document) at the
 * conflict's path: nothing for KEEP_MINE, @conflict's theirs for
 * TAKE_THEIRS, the choice's value for TAKE_VALUE; a NULL value removes
 * the place.
 * Fails, leaving @document unchanged, when the place cannot be reached
 * (an item deleted here since): the error of rtes_fiche_path_set(). */
gboolean            rtes_conflict_choice_apply    (const RtesConflictChoice *choice,
                                                   const RtesConflict       *conflict,
                                                   JsonNode                 *document,
                                                   GError                  **error);

G_END_DECLS
