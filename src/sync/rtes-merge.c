/* rtes-merge.c: three-way merge of fiche documents, field by field
 *
 * The merge works on the documents rather than on RtesFiche objects so that
 * members this version does not know are merged like the others: a newer
 * site adding a member must not make an older client drop or overwrite it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-merge.h"

G_DEFINE_BOXED_TYPE (RtesConflict, rtes_conflict, rtes_conflict_copy, rtes_conflict_free)

static JsonNode *
copy_or_null (JsonNode *node)
{
  return node != NULL ? json_node_copy (node) : NULL;
}

RtesConflict *
rtes_conflict_new (const char *id,
                   const char *field,
                   JsonNode   *base,
                   JsonNode   *mine,
                   JsonNode   *theirs)
{
  RtesConflict *conflict = g_new0 (RtesConflict, 1);

  conflict->id = g_strdup (id);
  conflict->field = g_strdup (field);
  conflict->base = copy_or_null (base);
  conflict->mine = copy_or_null (mine);
  conflict->theirs = copy_or_null (theirs);
  return conflict;
}

RtesConflict *
rtes_conflict_copy (const RtesConflict *conflict)
{
  return rtes_conflict_new (conflict->id, conflict->field,
                            conflict->base, conflict->mine, conflict->theirs);
}

void
rtes_conflict_free (RtesConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->id);
  g_free (conflict->field);
  g_clear_pointer (&conflict->base, json_node_unref);
  g_clear_pointer (&conflict->mine, json_node_unref);
  g_clear_pointer (&conflict->theirs, json_node_unref);
  g_free (conflict);
}

void
rtes_merge_result_free (RtesMergeResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->merged, json_node_unref);
  g_clear_pointer (&result->conflicts, g_ptr_array_unref);
  g_free (result);
}

gboolean
rtes_merge_values_equal (JsonNode *a,
                         JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

static JsonNode *
member_or_null (JsonObject *object,
                const char *name)
{
  return object != NULL ? json_object_get_member (object, name) : NULL;
}

/* "YYYY-MM-DD" strings compare as dates; null is older than any date. */
static JsonNode *
later_date (JsonNode *mine,
            JsonNode *theirs)
{
  const char *m = NULL;
  const char *t = NULL;

  if (mine != NULL && JSON_NODE_HOLDS_VALUE (mine) && json_node_get_value_type (mine) == G_TYPE_STRING)
    m = json_node_get_string (mine);
  if (theirs != NULL && JSON_NODE_HOLDS_VALUE (theirs) && json_node_get_value_type (theirs) == G_TYPE_STRING)
    t = json_node_get_string (theirs);
  return g_strcmp0 (m, t) >= 0 ? mine : theirs;
}

/* Decides one field; returns the value to keep (NULL: absent) and adds a
 * conflict to @result when both sides changed it differently. */
static JsonNode *
merge_field (RtesMergeResult *result,
             const char      *id,
             const char      *field,
             JsonNode        *base,
             JsonNode        *mine,
             JsonNode        *theirs)
{
  gboolean mine_changed = !rtes_merge_values_equal (base, mine);
  gboolean theirs_changed = !rtes_merge_values_equal (base, theirs);

  result->mine_changed |= mine_changed;
  result->theirs_changed |= theirs_changed;

  if (rtes_merge_values_equal (mine, theirs) || !theirs_changed)
    return mine;
  if (!mine_changed)
    return theirs;
  if (g_strcmp0 (field, "updated") == 0)
    return later_date (mine, theirs);
  g_ptr_array_add (result->conflicts, rtes_conflict_new (id, field, base, mine, theirs));
  return mine;
}

static void
merge_member (RtesMergeResult *result,
              JsonObject      *merged,
              const char      *id,
              const char      *field,
              JsonObject      *base,
              JsonObject      *mine,
              JsonObject      *theirs)
{
  JsonNode *value = merge_field (result, id, field,
                                 member_or_null (base, field),
                                 member_or_null (mine, field),
                                 member_or_null (theirs, field));

  if (value != NULL)
    json_object_set_member (merged, field, json_node_copy (value));
}

RtesMergeResult *
rtes_merge_documents (const char *id,
                      JsonNode   *base,
                      JsonNode   *mine,
                      JsonNode   *theirs)
{
  g_autoptr(RtesMergeResult) result = g_new0 (RtesMergeResult, 1);
  g_autoptr(JsonObject) merged = json_object_new ();
  g_autoptr(GList) mine_names = NULL;
  g_autoptr(GList) theirs_names = NULL;
  g_autoptr(GList) base_names = NULL;
  JsonObject *b;
  JsonObject *m;
  JsonObject *t;

  g_return_val_if_fail (base == NULL || JSON_NODE_HOLDS_OBJECT (base), NULL);
  g_return_val_if_fail (JSON_NODE_HOLDS_OBJECT (mine), NULL);
  g_return_val_if_fail (JSON_NODE_HOLDS_OBJECT (theirs), NULL);

  b = base != NULL ? json_node_get_object (base) : NULL;
  m = json_node_get_object (mine);
  t = json_node_get_object (theirs);
  result->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_conflict_free);

  /* json_object_get_members() lists members in insertion order. */
  mine_names = json_object_get_members (m);
  for (GList *l = mine_names; l != NULL; l = l->next)
    merge_member (result, merged, id, l->data, b, m, t);
  theirs_names = json_object_get_members (t);
  for (GList *l = theirs_names; l != NULL; l = l->next)
    if (!json_object_has_member (m, l->data))
      merge_member (result, merged, id, l->data, b, m, t);
  /* A member only the base has was removed by both sides: nothing to do,
   * but it still counts as a change on both sides. */
  if (b != NULL)
    {
      base_names = json_object_get_members (b);
      for (GList *l = base_names; l != NULL; l = l->next)
        if (!json_object_has_member (m, l->data) && !json_object_has_member (t, l->data))
          result->mine_changed = result->theirs_changed = TRUE;
    }

  result->merged = json_node_init_object (json_node_alloc (), merged);
  return g_steal_pointer (&result);
}
