/* rtes-conflict-choice.c: what a person chose for one conflict
 *
 * A small record shared by the sync and the import, so that a value typed
 * in a conflict view is written the same way whoever owns the conflict.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-conflict-choice.h"
#include "rtes-core-private.h"
#include "rtes-fiche-path.h"

RtesConflictChoice *
rtes_conflict_choice_new (const char       *id,
                          const char       *path,
                          RtesConflictPick  pick,
                          JsonNode         *value)
{
  RtesConflictChoice *choice;

  g_return_val_if_fail (id != NULL && path != NULL, NULL);
  g_return_val_if_fail (pick == RTES_CONFLICT_TAKE_VALUE || value == NULL, NULL);

  choice = g_new0 (RtesConflictChoice, 1);
  choice->id = g_strdup (id);
  choice->path = g_strdup (path);
  choice->pick = pick;
  choice->value = value != NULL ? rtes_json_node_deep_copy (value) : NULL;
  return choice;
}

RtesConflictChoice *
rtes_conflict_choice_copy (const RtesConflictChoice *choice)
{
  return rtes_conflict_choice_new (choice->id, choice->path, choice->pick, choice->value);
}

void
rtes_conflict_choice_free (RtesConflictChoice *choice)
{
  if (choice == NULL)
    return;
  g_free (choice->id);
  g_free (choice->path);
  g_clear_pointer (&choice->value, json_node_unref);
  g_free (choice);
}

gboolean
rtes_conflict_choice_apply (const RtesConflictChoice  *choice,
                            const RtesConflict        *conflict,
                            JsonNode                  *document,
                            GError                   **error)
{
  g_return_val_if_fail (choice != NULL && conflict != NULL && document != NULL, FALSE);

  switch (choice->pick)
    {
    case RTES_CONFLICT_KEEP_MINE:
      return TRUE;
    case RTES_CONFLICT_TAKE_THEIRS:
      return rtes_fiche_path_set (document, conflict->path, conflict->theirs, error);
    case RTES_CONFLICT_TAKE_VALUE:
      return rtes_fiche_path_set (document, conflict->path, choice->value, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}
