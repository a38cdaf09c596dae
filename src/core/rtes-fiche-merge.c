/* rtes-fiche-merge.c: three-way merge of fiche documents, item by item
 *
 * One walk over the three trees. Objects (the document, "address",
 * "budget", each item) merge member by member; "contacts" and
 * "budget.lines" first match their items across the three sides into
 * entries, then merge each entry; every other value is decided whole by
 * merge_value(). Each decision that is not "nothing changed" leaves a
 * change or a conflict, with its path, in the result.
 *
 * Matching is greedy and in list order, pass by pass from the surest
 * evidence (the key, then equal contents) to the weakest (a phone number,
 * an amount): lists are a few dozen items, so the quadratic passes cost
 * nothing, and the order makes "the same item" mean what a person would
 * guess. docs/sync.md gives the rule; the tests in tests/model check it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rtes-core-private.h"
#include "rtes-fiche-merge.h"
#include "rtes-fiche-path.h"
#include "rtes-json-reader.h"
#include "rtes-json-writer.h"
#include "rtes-text.h"

/* ---- records ---- */

G_DEFINE_BOXED_TYPE (RtesConflict, rtes_conflict, rtes_conflict_copy, rtes_conflict_free)

static JsonNode *
copy_or_null (JsonNode *node)
{
  return node != NULL ? rtes_json_node_deep_copy (node) : NULL;
}

RtesConflict *
rtes_conflict_new (const char *id,
                   const char *path,
                   JsonNode   *base,
                   JsonNode   *mine,
                   JsonNode   *theirs)
{
  RtesConflict *conflict = g_new0 (RtesConflict, 1);

  conflict->id = g_strdup (id);
  conflict->path = g_strdup (path);
  conflict->base = copy_or_null (base);
  conflict->mine = copy_or_null (mine);
  conflict->theirs = copy_or_null (theirs);
  if (base == NULL)
    conflict->kind = RTES_CONFLICT_BOTH_ADDED;
  else if (mine == NULL || theirs == NULL)
    conflict->kind = RTES_CONFLICT_CHANGED_REMOVED;
  else
    conflict->kind = RTES_CONFLICT_BOTH_CHANGED;
  return conflict;
}

RtesConflict *
rtes_conflict_copy (const RtesConflict *conflict)
{
  return rtes_conflict_new (conflict->id, conflict->path,
                            conflict->base, conflict->mine, conflict->theirs);
}

static void
add_value (JsonBuilder *builder,
           const char  *member,
           JsonNode    *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_value (builder, json_node_copy (value));
}

void
rtes_conflict_build (const RtesConflict *conflict,
                     const char         *place_member,
                     JsonBuilder        *builder)
{
  json_builder_begin_object (builder);
  rtes_json_builder_add_string (builder, "id", conflict->id);
  rtes_json_builder_add_string (builder, place_member, conflict->path);
  add_value (builder, "base", conflict->base);
  add_value (builder, "mine", conflict->mine);
  add_value (builder, "theirs", conflict->theirs);
  json_builder_end_object (builder);
}

GHashTable *
rtes_conflicts_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
}

void
rtes_conflicts_add (GHashTable   *by_id,
                    RtesConflict *conflict)
{
  GPtrArray *list = g_hash_table_lookup (by_id, conflict->id);

  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_conflict_free);
      g_hash_table_insert (by_id, g_strdup (conflict->id), list);
    }
  g_ptr_array_add (list, conflict);
}

GPtrArray *
rtes_conflicts_get (GHashTable *by_id,
                    const char *id)
{
  GPtrArray *result = g_ptr_array_new ();
  g_autoptr(GPtrArray) ids = NULL;

  if (id != NULL)
    {
      GPtrArray *list = g_hash_table_lookup (by_id, id);

      if (list != NULL)
        g_ptr_array_extend (result, list, NULL, NULL);
      return result;
    }
  ids = rtes_strings_sorted_keys (by_id);
  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_extend (result, g_hash_table_lookup (by_id, g_ptr_array_index (ids, i)), NULL, NULL);
  return result;
}

RtesConflict *
rtes_conflicts_lookup (GHashTable *by_id,
                       const char *id,
                       const char *path)
{
  GPtrArray *list = id != NULL ? g_hash_table_lookup (by_id, id) : NULL;

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      RtesConflict *conflict = g_ptr_array_index (list, i);

      if (g_strcmp0 (conflict->path, path) == 0)
        return conflict;
    }
  return NULL;
}

void
rtes_conflicts_set (GHashTable *by_id,
                    const char *id,
                    GPtrArray  *conflicts)
{
  GPtrArray *copy;

  if (conflicts == NULL || conflicts->len == 0)
    {
      g_hash_table_remove (by_id, id);
      return;
    }
  /* Copied first: @conflicts may hold the very ones being replaced. */
  copy = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_conflict_free);
  for (guint i = 0; i < conflicts->len; i++)
    {
      RtesConflict *conflict = rtes_conflict_copy (g_ptr_array_index (conflicts, i));

      g_free (conflict->id);
      conflict->id = g_strdup (id);
      g_ptr_array_add (copy, conflict);
    }
  g_hash_table_insert (by_id, g_strdup (id), copy);
}

void
rtes_conflict_remove_from (GHashTable   *by_id,
                           RtesConflict *conflict)
{
  GPtrArray *list = g_hash_table_lookup (by_id, conflict->id);

  /* The id goes with the entry: keep it while the list is looked at. */
  if (list == NULL)
    return;
  if (list->len == 1 && g_ptr_array_index (list, 0) == conflict)
    g_hash_table_remove (by_id, conflict->id);
  else
    g_ptr_array_remove (list, conflict);
}

void
rtes_conflict_free (RtesConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->id);
  g_free (conflict->path);
  g_clear_pointer (&conflict->base, json_node_unref);
  g_clear_pointer (&conflict->mine, json_node_unref);
  g_clear_pointer (&conflict->theirs, json_node_unref);
  g_free (conflict);
}

void
rtes_merge_change_free (RtesMergeChange *change)
{
  if (change == NULL)
    return;
  g_free (change->path);
  g_clear_pointer (&change->base, json_node_unref);
  g_clear_pointer (&change->mine, json_node_unref);
  g_clear_pointer (&change->theirs, json_node_unref);
  g_free (change);
}

void
rtes_merge_result_free (RtesMergeResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->merged, json_node_unref);
  g_clear_pointer (&result->theirs_keyed, json_node_unref);
  g_clear_pointer (&result->conflicts, g_ptr_array_unref);
  g_clear_pointer (&result->changes, g_ptr_array_unref);
  g_free (result);
}

gboolean
rtes_fiche_merge_values_equal (JsonNode *a,
                               JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

static gboolean
values_equal (JsonNode *a,
              JsonNode *b)
{
  return rtes_fiche_merge_values_equal (a, b);
}

/* ---- the walk ---- */

typedef struct {
  const char      *id;
  RtesMergeResult *result;
  /* Lists whose items got keys, to give theirs the same: path → array. */
  GHashTable      *keyed_lists;
} Merge;

typedef enum {
  LEVEL_TOP,
  LEVEL_ADDRESS,
  LEVEL_BUDGET,
  LEVEL_ITEM,
} Level;

typedef enum {
  LIST_CONTACTS,
  LIST_LINES,
} ListKind;

static void
add_change (Merge         *m,
            const char    *path,
            RtesMergeSide  side,
            gboolean       order,
            JsonNode      *base,
            JsonNode      *mine,
            JsonNode      *theirs)
{
  RtesMergeChange *change = g_new0 (RtesMergeChange, 1);

  change->path = g_strdup (path);
  change->side = side;
  change->order = order;
  change->base = copy_or_null (base);
  change->mine = copy_or_null (mine);
  change->theirs = copy_or_null (theirs);
  g_ptr_array_add (m->result->changes, change);
}

static void
add_conflict (Merge      *m,
              const char *path,
              JsonNode   *base,
              JsonNode   *mine,
              JsonNode   *theirs)
{
  g_ptr_array_add (m->result->conflicts, rtes_conflict_new (m->id, path, base, mine, theirs));
}

/* What both sides did to one value: the value to keep (borrowed; NULL
 * means absent), and the change or conflict recorded. */
static JsonNode *
merge_value (Merge      *m,
             const char *path,
             JsonNode   *base,
             JsonNode   *mine,
             JsonNode   *theirs)
{
  if (values_equal (mine, theirs))
    {
      /* Without a base, agreeing is not a change. */
      if (m->result->has_base && !values_equal (base, mine))
        add_change (m, path, RTES_MERGE_SIDE_BOTH, FALSE, base, mine, theirs);
      return mine;
    }
  if (values_equal (base, theirs))
    {
      add_change (m, path, RTES_MERGE_SIDE_MINE, FALSE, base, mine, theirs);
      return mine;
    }
  if (values_equal (base, mine))
    {
      add_change (m, path, RTES_MERGE_SIDE_THEIRS, FALSE, base, mine, theirs);
      return theirs;
    }
  add_conflict (m, path, base, mine, theirs);
  return mine;
}

/* "updated" is bookkeeping, not content: "YYYY-MM-DD" strings compare as
 * dates, null is older than any date, and the later one is kept. */
static JsonNode *
merge_updated (Merge      *m,
               const char *path,
               JsonNode   *base,
               JsonNode   *mine,
               JsonNode   *theirs)
{
  if (values_equal (mine, theirs) || values_equal (base, theirs) || values_equal (base, mine))
    return merge_value (m, path, base, mine, theirs);
  add_change (m, path, RTES_MERGE_SIDE_BOTH, FALSE, base, mine, theirs);
  return g_strcmp0 (rtes_json_get_string (mine), rtes_json_get_string (theirs)) >= 0 ? mine : theirs;
}

/* An array of strings (G_TYPE_STRING) or of objects (JSON_TYPE_OBJECT). */
static gboolean
is_array_of (JsonNode *node,
             GType     type)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (json_node_get_value_type (json_array_get_element (array, i)) != type)
      return FALSE;
  return TRUE;
}

static gboolean
array_has_string (JsonNode   *node,
                  const char *value)
{
  JsonArray *array;

  if (node == NULL)
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

/* Tags are a set: what each side added or removed is added or removed.
 * Mine's order first, then their additions. *@out owns the new value. */
static JsonNode *
merge_tags (Merge      *m,
            const char *path,
            JsonNode   *base,
            JsonNode   *mine,
            JsonNode   *theirs,
            JsonNode  **out)
{
  g_autoptr(JsonArray) merged = NULL;
  JsonArray *mine_array;
  JsonArray *theirs_array;

  if (!is_array_of (mine, G_TYPE_STRING) || !is_array_of (theirs, G_TYPE_STRING)
      || (base != NULL && !is_array_of (base, G_TYPE_STRING))
      || values_equal (mine, theirs) || values_equal (base, theirs) || values_equal (base, mine))
    return merge_value (m, path, base, mine, theirs);

  merged = json_array_new ();
  mine_array = json_node_get_array (mine);
  theirs_array = json_node_get_array (theirs);
  for (guint i = 0; i < json_array_get_length (mine_array); i++)
    {
      const char *tag = json_array_get_string_element (mine_array, i);

      if (array_has_string (theirs, tag) || !array_has_string (base, tag))
        json_array_add_string_element (merged, tag);
    }
  for (guint i = 0; i < json_array_get_length (theirs_array); i++)
    {
      const char *tag = json_array_get_string_element (theirs_array, i);

      if (!array_has_string (mine, tag) && !array_has_string (base, tag))
        json_array_add_string_element (merged, tag);
    }
  add_change (m, path, RTES_MERGE_SIDE_BOTH, FALSE, base, mine, theirs);
  *out = json_node_init_array (json_node_alloc (), merged);
  return *out;
}

static void merge_members (Merge      *m,
                           Level       level,
                           const char *prefix,
                           JsonObject *base,
                           JsonObject *mine,
                           JsonObject *theirs,
                           JsonObject *out);

static JsonNode *merge_list (Merge      *m,
                             ListKind    kind,
                             const char *path,
                             JsonNode   *base,
                             JsonNode   *mine,
                             JsonNode   *theirs,
                             JsonNode  **out);

/* "address" and "budget" merge member by member when both sides have
 * them as objects; otherwise as one value. */
static JsonNode *
merge_object (Merge      *m,
              Level       level,
              const char *path,
              JsonNode   *base,
              JsonNode   *mine,
              JsonNode   *theirs,
              JsonNode  **out)
{
  g_autoptr(JsonObject) merged = NULL;

  if (rtes_json_get_object (mine) == NULL || rtes_json_get_object (theirs) == NULL
      || (base != NULL && rtes_json_get_object (base) == NULL))
    return merge_value (m, path, base, mine, theirs);
  merged = json_object_new ();
  merge_members (m, level, path, rtes_json_get_object (base), rtes_json_get_object (mine),
                 rtes_json_get_object (theirs), merged);
  *out = json_node_init_object (json_node_alloc (), merged);
  return *out;
}

/* One member of an object at @level: the value to keep (borrowed from the
 * inputs or *@out, which owns a new one). */
static JsonNode *
merge_member (Merge      *m,
              Level       level,
              const char *name,
              const char *path,
              JsonNode   *base,
              JsonNode   *mine,
              JsonNode   *theirs,
              JsonNode  **out)
{
  switch (level)
    {
    case LEVEL_TOP:
      if (g_str_equal (name, "updated"))
        return merge_updated (m, path, base, mine, theirs);
      if (g_str_equal (name, "address"))
        return merge_object (m, LEVEL_ADDRESS, path, base, mine, theirs, out);
      if (g_str_equal (name, "budget"))
        return merge_object (m, LEVEL_BUDGET, path, base, mine, theirs, out);
      if (g_str_equal (name, "contacts"))
        return merge_list (m, LIST_CONTACTS, path, base, mine, theirs, out);
      if (g_str_equal (name, "tags"))
        return merge_tags (m, path, base, mine, theirs, out);
      break;
    case LEVEL_BUDGET:
      if (g_str_equal (name, "lines"))
        return merge_list (m, LIST_LINES, path, base, mine, theirs, out);
      break;
    case LEVEL_ADDRESS:
    case LEVEL_ITEM:
    default:
      break;
    }
  return merge_value (m, path, base, mine, theirs);
}

static void
merge_one_member (Merge      *m,
                  Level       level,
                  const char *prefix,
                  const char *name,
                  JsonObject *base,
                  JsonObject *mine,
                  JsonObject *theirs,
                  JsonObject *out)
{
  g_autoptr(JsonNode) owned = NULL;
  JsonNode *base_value = rtes_json_get_member (base, name);
  JsonNode *value = rtes_json_get_member (mine, name);
  JsonNode *theirs_value = rtes_json_get_member (theirs, name);

  /* Most members are the same everywhere: nothing to decide or record. */
  if (!values_equal (value, theirs_value) || !values_equal (base_value, value))
    {
      g_autofree char *path = rtes_fiche_path_member (prefix, name);

      value = merge_member (m, level, name, path, base_value, value, theirs_value, &owned);
    }
  if (value != NULL && value == owned)
    json_object_set_member (out, name, g_steal_pointer (&owned));
  else if (value != NULL)
    json_object_set_member (out, name, rtes_json_node_deep_copy (value));
}

/* Members in mine's order, then theirs' new ones, then those only the
 * base had (removed on both sides). An item's "key" is its identity, set
 * by the caller, never merged as a field. */
static void
merge_members (Merge      *m,
               Level       level,
               const char *prefix,
               JsonObject *base,
               JsonObject *mine,
               JsonObject *theirs,
               JsonObject *out)
{
  g_autoptr(GList) mine_names = json_object_get_members (mine);
  g_autoptr(GList) theirs_names = json_object_get_members (theirs);
  g_autoptr(GList) base_names = base != NULL ? json_object_get_members (base) : NULL;
  GList *names[] = { mine_names, theirs_names, base_names };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    for (GList *l = names[i]; l != NULL; l = l->next)
      if ((level != LEVEL_ITEM || !g_str_equal (l->data, "key"))
          && (i < 1 || !json_object_has_member (mine, l->data))
          && (i < 2 || !json_object_has_member (theirs, l->data)))
        merge_one_member (m, level, prefix, l->data, base, mine, theirs, out);
}

/* ---- lists: items ---- */

typedef struct {
  JsonNode   *node;
  JsonObject *object;
  const char *key;      /* valid and unique in its list, else NULL */
  int         entry;    /* index in the entries, -1 before matching */
} Item;

typedef struct {
  int         item[3];   /* index on each side (SIDE_*), -1 when absent */
  const char *key;       /* the identity key, borrowed or made_key */
  char       *made_key;
  gboolean    conflict;  /* some member, or the item itself, conflicts */
  gboolean    kept;      /* in the merged list */
  int         position;  /* in the merged list */
} Entry;

enum { SIDE_BASE, SIDE_MINE, SIDE_THEIRS, N_SIDES };

typedef struct {
  Merge    *m;
  ListKind  kind;
  GArray   *items[N_SIDES];   /* Item */
  GArray   *entries;          /* Entry */
  GHashTable *used_keys;      /* every key seen or made */
} List;

static void
entry_clear (Entry *entry)
{
  g_free (entry->made_key);
}

static const char *
item_raw_key (JsonObject *object)
{
  return rtes_json_get_string (json_object_get_member (object, "key"));
}

static GArray *
read_items (JsonNode   *list,
            GHashTable *used_keys)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array = list != NULL ? json_node_get_array (list) : NULL;
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      Item item = { json_array_get_element (array, i), NULL, NULL, -1 };
      const char *key;

      item.object = json_node_get_object (item.node);
      key = item_raw_key (item.object);
      if (rtes_item_key_is_valid (key))
        {
          g_hash_table_add (used_keys, (gpointer) key);
          g_hash_table_insert (counts, (gpointer) key,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
          item.key = key;
        }
      g_array_append_val (items, item);
    }
  /* A key twice in one list names neither item. */
  for (guint i = 0; i < n; i++)
    {
      Item *item = &g_array_index (items, Item, i);

      if (item->key != NULL && GPOINTER_TO_UINT (g_hash_table_lookup (counts, item->key)) > 1)
        item->key = NULL;
    }
  return items;
}

/* Contents without the key: two items with the same members are the same
 * item, whatever their keys say. */
static gboolean
items_equal (JsonObject *a,
             JsonObject *b)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  guint size_a;
  guint size_b;

  if (a == NULL || b == NULL)
    return a == b;
  size_a = json_object_get_size (a) - (json_object_has_member (a, "key") ? 1 : 0);
  size_b = json_object_get_size (b) - (json_object_has_member (b, "key") ? 1 : 0);
  if (size_a != size_b)
    return FALSE;
  json_object_iter_init (&iter, a);
  while (json_object_iter_next (&iter, &name, &value))
    if (!g_str_equal (name, "key") && !values_equal (value, rtes_json_get_member (b, name)))
      return FALSE;
  return TRUE;
}

static char *
folded_member (JsonObject *object,
               const char *name)
{
  const char *value = rtes_json_get_string (rtes_json_get_member (object, name));
  g_autofree char *folded = rtes_text_fold (value);

  return folded[0] != '\0' ? g_steal_pointer (&folded) : NULL;
}

static char *
phone_digits (JsonObject *object)
{
  const char *value = rtes_json_get_string (rtes_json_get_member (object, "phone"));
  GString *digits = g_string_new (NULL);

  for (const char *p = value; p != NULL && *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  if (digits->len == 0)
    {
      g_string_free (digits, TRUE);
      return NULL;
    }
  return g_string_free (digits, FALSE);
}

/* The text of a scalar member for comparing ("null" for null or absent). */
static char *
scalar_text (JsonObject *object,
             const char *name)
{
  JsonNode *node = rtes_json_get_member (object, name);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double number;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("null");
  if (rtes_json_get_string (node) != NULL)
    return rtes_text_fold (json_node_get_string (node));
  if (rtes_json_get_number (node, &number))
    return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, number));
  return json_to_string (node, FALSE);
}

/* What pass @pass of the matching compares for @object; NULL when the
 * item says nothing there (it then matches nothing in this pass). Pass 0
 * is the surest and the only one used for items added on both sides. */
static char *
criterion (ListKind    kind,
           guint       pass,
           JsonObject *object)
{
  if (kind == LIST_CONTACTS)
    {
      switch (pass)
        {
        case 0: return folded_member (object, "name");
        case 1: return folded_member (object, "email");
        case 2: return phone_digits (object);
        default: return NULL;
        }
    }
  switch (pass)
    {
    case 0:
      {
        g_autofree char *year = scalar_text (object, "year");
        g_autofree char *section = scalar_text (object, "section");
        g_autofree char *label = scalar_text (object, "label");

        return g_strjoin ("\x1f", year, section, label, NULL);
      }
    case 1:
      return rtes_json_get_member (object, "amount") != NULL ? scalar_text (object, "amount") : NULL;
    default:
      return NULL;
    }
}

#define N_CRITERIA 3

typedef gboolean (*PairFunc) (List *list, Item *a, Item *b, gpointer data);

/* Pairs unmatched items of side @sa with unmatched items of side @sb,
 * first come first served in list order, when @pair says so. With
 * @same_place_first, the item at the same position is tried first: lists
 * are mostly unchanged, and for a key or equal contents any candidate is
 * as good as another, so this only saves time. */
static void
match_pass (List     *list,
            int       sa,
            int       sb,
            int      *partner_a,
            int      *partner_b,
            PairFunc  pair,
            gpointer  data,
            gboolean  same_place_first)
{
  GArray *a = list->items[sa];
  GArray *b = list->items[sb];

  for (guint i = 0; i < a->len; i++)
    {
      if (partner_a[i] >= 0)
        continue;
      if (same_place_first && i < b->len && partner_b[i] < 0
          && pair (list, &g_array_index (a, Item, i), &g_array_index (b, Item, i), data))
        {
          partner_a[i] = (int) i;
          partner_b[i] = (int) i;
          continue;
        }
      for (guint j = 0; j < b->len; j++)
        {
          if (partner_b[j] >= 0)
            continue;
          if (pair (list, &g_array_index (a, Item, i), &g_array_index (b, Item, j), data))
            {
              partner_a[i] = (int) j;
              partner_b[j] = (int) i;
              break;
            }
        }
    }
}

static gboolean
pair_by_key (List *list, Item *a, Item *b, gpointer data)
{
  return a->key != NULL && b->key != NULL && g_str_equal (a->key, b->key);
}

/* Two different keys are two different items, however alike. */
static gboolean
keys_allow (Item *a,
            Item *b)
{
  return a->key == NULL || b->key == NULL;
}

static gboolean
pair_by_contents (List *list, Item *a, Item *b, gpointer data)
{
  return keys_allow (a, b) && items_equal (a->object, b->object);
}

typedef struct {
  GPtrArray *values_a;
  GPtrArray *values_b;
  GArray *items_a;
  GArray *items_b;
} CriterionPass;

static gboolean
pair_by_criterion (List *list, Item *a, Item *b, gpointer data)
{
  CriterionPass *p = data;
  const char *va = g_ptr_array_index (p->values_a, a - &g_array_index (p->items_a, Item, 0));
  const char *vb = g_ptr_array_index (p->values_b, b - &g_array_index (p->items_b, Item, 0));

  return keys_allow (a, b) && va != NULL && vb != NULL && g_str_equal (va, vb);
}

/* The criterion of each item still unmatched (NULL for the others). */
static GPtrArray *
criterion_values (ListKind  kind,
                  guint     pass,
                  GArray   *items,
                  int      *partners)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (values, partners[i] < 0 ? criterion (kind, pass, g_array_index (items, Item, i).object) : NULL);
  return values;
}

/* Matches side @sa to side @sb; @n_criteria passes of the rule after the
 * key and the contents. Partners are indexes, -1 for none. */
static void
match_sides (List *list,
             int   sa,
             int   sb,
             int  *partner_a,
             int  *partner_b,
             guint n_criteria)
{
  match_pass (list, sa, sb, partner_a, partner_b, pair_by_key, NULL, TRUE);
  match_pass (list, sa, sb, partner_a, partner_b, pair_by_contents, NULL, TRUE);
  for (guint pass = 0; pass < n_criteria; pass++)
    {
      g_autoptr(GPtrArray) values_a = criterion_values (list->kind, pass, list->items[sa], partner_a);
      g_autoptr(GPtrArray) values_b = criterion_values (list->kind, pass, list->items[sb], partner_b);
      CriterionPass p = { values_a, values_b, list->items[sa], list->items[sb] };

      match_pass (list, sa, sb, partner_a, partner_b, pair_by_criterion, &p, FALSE);
    }
}

static Entry *
new_entry (List *list)
{
  Entry entry = { { -1, -1, -1 }, NULL, NULL, FALSE, FALSE, -1 };

  g_array_append_val (list->entries, entry);
  return &g_array_index (list->entries, Entry, list->entries->len - 1);
}

static Item *
entry_item (List  *list,
            Entry *entry,
            int    side)
{
  return entry->item[side] >= 0 ? &g_array_index (list->items[side], Item, entry->item[side]) : NULL;
}

static JsonNode *
entry_node (List  *list,
            Entry *entry,
            int    side)
{
  Item *item = entry_item (list, entry, side);

  return item != NULL ? item->node : NULL;
}

static int *
new_partners (GArray *items)
{
  int *partners = g_new (int, MAX (items->len, 1));

  for (guint i = 0; i < items->len; i++)
    partners[i] = -1;
  return partners;
}

/* Entries: each base item with its partners on both sides, then the items
 * added on both sides that match each other, then those added on one. */
static void
build_entries (List     *list,
               gboolean  has_base)
{
  g_autofree int *base_mine = new_partners (list->items[SIDE_BASE]);
  g_autofree int *mine_base = new_partners (list->items[SIDE_MINE]);
  g_autofree int *base_theirs = new_partners (list->items[SIDE_BASE]);
  g_autofree int *theirs_base = new_partners (list->items[SIDE_THEIRS]);
  g_autofree int *mine_theirs = new_partners (list->items[SIDE_MINE]);
  g_autofree int *theirs_mine = new_partners (list->items[SIDE_THEIRS]);

  match_sides (list, SIDE_BASE, SIDE_MINE, base_mine, mine_base, N_CRITERIA);
  match_sides (list, SIDE_BASE, SIDE_THEIRS, base_theirs, theirs_base, N_CRITERIA);
  /* Items matched to the base are taken: only additions pair up now. */
  for (guint i = 0; i < list->items[SIDE_MINE]->len; i++)
    mine_theirs[i] = mine_base[i] >= 0 ? G_MAXINT : -1;
  for (guint i = 0; i < list->items[SIDE_THEIRS]->len; i++)
    theirs_mine[i] = theirs_base[i] >= 0 ? G_MAXINT : -1;
  /* Two additions are the same item on the surest evidence only; without
   * a base every item is an addition, and the whole rule applies. */
  match_sides (list, SIDE_MINE, SIDE_THEIRS, mine_theirs, theirs_mine, has_base ? 1 : N_CRITERIA);

  for (guint i = 0; i < list->items[SIDE_BASE]->len; i++)
    {
      Entry *entry = new_entry (list);

      entry->item[SIDE_BASE] = (int) i;
      entry->item[SIDE_MINE] = base_mine[i];
      entry->item[SIDE_THEIRS] = base_theirs[i];
    }
  for (guint i = 0; i < list->items[SIDE_MINE]->len; i++)
    if (mine_base[i] < 0)
      {
        Entry *entry = new_entry (list);

        entry->item[SIDE_MINE] = (int) i;
        entry->item[SIDE_THEIRS] = mine_theirs[i];
      }
  for (guint i = 0; i < list->items[SIDE_THEIRS]->len; i++)
    if (theirs_base[i] < 0 && theirs_mine[i] < 0)
      new_entry (list)->item[SIDE_THEIRS] = (int) i;

  for (guint e = 0; e < list->entries->len; e++)
    for (int side = 0; side < N_SIDES; side++)
      {
        Item *item = entry_item (list, &g_array_index (list->entries, Entry, e), side);

        if (item != NULL)
          item->entry = (int) e;
      }
}

/* TRUE when some member of the item was changed both ways. */
static gboolean
members_conflict (JsonObject *base,
                  JsonObject *mine,
                  JsonObject *theirs)
{
  g_autoptr(GList) mine_names = json_object_get_members (mine);
  g_autoptr(GList) theirs_names = json_object_get_members (theirs);

  for (GList *l = mine_names; l != NULL; l = l->next)
    {
      JsonNode *b = rtes_json_get_member (base, l->data);
      JsonNode *mv = json_object_get_member (mine, l->data);
      JsonNode *tv = rtes_json_get_member (theirs, l->data);

      if (!g_str_equal (l->data, "key") && !values_equal (mv, tv) && !values_equal (b, mv) && !values_equal (b, tv))
        return TRUE;
    }
  /* A member only theirs has is absent from mine: a conflict only if the
   * base had it and theirs changed it (mine removed it). */
  for (GList *l = theirs_names; l != NULL; l = l->next)
    {
      JsonNode *b = rtes_json_get_member (base, l->data);

      if (!g_str_equal (l->data, "key") && !json_object_has_member (mine, l->data)
          && b != NULL && !values_equal (b, json_object_get_member (theirs, l->data)))
        return TRUE;
    }
  return FALSE;
}

/* What happens to the entry as a whole: kept or not, in conflict or not. */
static void
decide_entry (List  *list,
              Entry *entry)
{
  JsonObject *b = rtes_json_get_object (entry_node (list, entry, SIDE_BASE));
  JsonObject *mi = rtes_json_get_object (entry_node (list, entry, SIDE_MINE));
  JsonObject *t = rtes_json_get_object (entry_node (list, entry, SIDE_THEIRS));

  if (mi != NULL && t != NULL)
    {
      entry->kept = TRUE;
      entry->conflict = members_conflict (b, mi, t);
    }
  else if (b == NULL)
    entry->kept = TRUE;                           /* added on one side */
  else if (mi != NULL)
    {
      /* Removed by theirs: gone, unless mine edited it. */
      entry->conflict = !items_equal (b, mi);
      entry->kept = entry->conflict;
    }
  else if (t != NULL)
    entry->conflict = !items_equal (b, t);        /* removed by mine */
}

/* A key for an item in conflict that has none: made from what the item
 * holds, so that merging the same documents again gives the same key. */
static char *
make_key (List       *list,
          const char *path,
          JsonNode   *contents)
{
  g_autofree char *text = json_to_string (contents, FALSE);

  for (guint attempt = 0; ; attempt++)
    {
      g_autofree char *seed = g_strdup_printf ("%s\n%s\n%u", path, text, attempt);
      g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);
      char *key = g_strndup (digest, 8);

      if (!g_hash_table_contains (list->used_keys, key))
        return key;
      g_free (key);
    }
}

static void
give_key (List       *list,
          const char *path,
          Entry      *entry)
{
  static const int order[] = { SIDE_MINE, SIDE_THEIRS, SIDE_BASE };

  for (guint i = 0; i < G_N_ELEMENTS (order) && entry->key == NULL; i++)
    {
      Item *item = entry_item (list, entry, order[i]);

      if (item != NULL)
        entry->key = item->key;
    }
  if (entry->key == NULL && entry->conflict)
    {
      JsonNode *contents = entry_node (list, entry, SIDE_BASE);

      if (contents == NULL)
        contents = entry_node (list, entry, SIDE_MINE);
      entry->made_key = make_key (list, path, contents);
      g_hash_table_add (list->used_keys, entry->made_key);
      entry->key = entry->made_key;
    }
}

/* ---- lists: order ---- */

/* Entries present on @side, in that side's order. */
static GArray *
side_order (List *list,
            int   side)
{
  GArray *order = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < list->items[side]->len; i++)
    g_array_append_val (order, g_array_index (list->items[side], Item, i).entry);
  return order;
}

/* TRUE when the entries in @order that have a base item are not in the
 * base's order. */
static gboolean
reordered (List   *list,
           GArray *order)
{
  int last = -1;

  for (guint i = 0; i < order->len; i++)
    {
      Entry *entry = &g_array_index (list->entries, Entry, g_array_index (order, int, i));

      if (entry->item[SIDE_BASE] < 0)
        continue;
      if (entry->item[SIDE_BASE] < last)
        return TRUE;
      last = entry->item[SIDE_BASE];
    }
  return FALSE;
}

/* Entries on all three sides, in @order. */
static GArray *
common_order (List   *list,
              GArray *order)
{
  GArray *common = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < order->len; i++)
    {
      int e = g_array_index (order, int, i);
      Entry *entry = &g_array_index (list->entries, Entry, e);

      if (entry->item[SIDE_BASE] >= 0 && entry->item[SIDE_MINE] >= 0 && entry->item[SIDE_THEIRS] >= 0)
        g_array_append_val (common, e);
    }
  return common;
}

static gboolean
same_order (GArray *a,
            GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  return a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (int)) == 0;
}

static int
find_int (GArray *array,
          int     value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_array_index (array, int, i) == value)
      return (int) i;
  return -1;
}

/* The kept entries in their merged order: the side that reordered gives
 * the order (mine when both did, or neither), and the other side's items
 * that it lacks go after the item that precedes them on their side (at
 * the end when both sides reordered differently). Records the reorder. */
static GArray *
merged_order (List       *list,
              const char *path,
              JsonNode   *base,
              JsonNode   *mine,
              JsonNode   *theirs)
{
  g_autoptr(GArray) mine_order = side_order (list, SIDE_MINE);
  g_autoptr(GArray) theirs_order = side_order (list, SIDE_THEIRS);
  g_autoptr(GArray) common_mine = common_order (list, mine_order);
  g_autoptr(GArray) common_theirs = common_order (list, theirs_order);
  gboolean mine_moved = reordered (list, mine_order);
  gboolean theirs_moved = reordered (list, theirs_order);
  gboolean append = mine_moved && theirs_moved && !same_order (common_mine, common_theirs);
  gboolean from_theirs = theirs_moved && !mine_moved;
  GArray *source = from_theirs ? theirs_order : mine_order;
  GArray *other = from_theirs ? mine_order : theirs_order;
  GArray *merged = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < source->len; i++)
    {
      int e = g_array_index (source, int, i);

      if (g_array_index (list->entries, Entry, e).kept)
        g_array_append_val (merged, e);
    }
  for (guint i = 0; i < other->len; i++)
    {
      int e = g_array_index (other, int, i);
      int at = 0;

      if (!g_array_index (list->entries, Entry, e).kept || find_int (merged, e) >= 0)
        continue;
      if (append)
        at = (int) merged->len;
      else
        for (int j = (int) i - 1; j >= 0; j--)
          {
            int before = find_int (merged, g_array_index (other, int, j));

            if (before >= 0)
              {
                at = before + 1;
                break;
              }
          }
      g_array_insert_val (merged, at, e);
    }

  if (mine_moved || theirs_moved)
    add_change (list->m, path,
                mine_moved && theirs_moved ? RTES_MERGE_SIDE_BOTH
                : mine_moved ? RTES_MERGE_SIDE_MINE : RTES_MERGE_SIDE_THEIRS,
                TRUE, base, mine, theirs);
  for (guint i = 0; i < merged->len; i++)
    g_array_index (list->entries, Entry, g_array_index (merged, int, i)).position = (int) i;
  return merged;
}

/* ---- lists: merging the entries ---- */

/* A copy of @item with "key" set to @key, first. */
static JsonNode *
with_key (JsonNode   *item,
          const char *key)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonObject *from;
  g_autoptr(GList) names = NULL;

  if (item == NULL)
    return NULL;
  if (key == NULL)
    return rtes_json_node_deep_copy (item);
  from = json_node_get_object (item);
  names = json_object_get_members (from);
  json_object_set_string_member (object, "key", key);
  for (GList *l = names; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "key"))
      json_object_set_member (object, l->data, rtes_json_node_deep_copy (json_object_get_member (from, l->data)));
  return json_node_init_object (json_node_alloc (), object);
}

static char *
entry_path (const char *list_path,
            Entry      *entry,
            int         base_index)
{
  if (entry->key != NULL)
    return rtes_fiche_path_key (list_path, entry->key);
  return rtes_fiche_path_index (list_path, entry->kept ? (guint) entry->position : (guint) base_index);
}

/* The merged item of a kept entry (new reference), recording what
 * happened to it. */
static JsonNode *
merge_entry (List       *list,
             const char *list_path,
             Entry      *entry)
{
  Merge *m = list->m;
  JsonNode *b = entry_node (list, entry, SIDE_BASE);
  JsonNode *mi = entry_node (list, entry, SIDE_MINE);
  JsonNode *t = entry_node (list, entry, SIDE_THEIRS);
  g_autofree char *path = entry_path (list_path, entry, entry->item[SIDE_BASE]);

  if (mi != NULL && t != NULL)
    {
      g_autoptr(JsonObject) merged = NULL;
      const char *key = entry->key;

      if (key == NULL)
        key = item_raw_key (json_node_get_object (mi));
      if (key == NULL)
        key = item_raw_key (json_node_get_object (t));
      /* Unchanged on both sides, keys aside: mine, with the key. */
      if (items_equal (json_node_get_object (mi), json_node_get_object (t))
          && (b == NULL || items_equal (json_node_get_object (b), json_node_get_object (mi))))
        {
          /* Added on both sides alike: one change, made by both. */
          if (b == NULL && m->result->has_base)
            add_change (m, path, RTES_MERGE_SIDE_BOTH, FALSE, NULL, mi, t);
          return with_key (mi, key);
        }
      /* The key goes first, as the fiche writer places it. */
      merged = json_object_new ();
      if (key != NULL)
        json_object_set_string_member (merged, "key", key);
      merge_members (m, LEVEL_ITEM, path, rtes_json_get_object (b), json_node_get_object (mi),
                     json_node_get_object (t), merged);
      return json_node_init_object (json_node_alloc (), merged);
    }
  if (b == NULL)
    {
      /* Added on one side. */
      add_change (m, path, mi != NULL ? RTES_MERGE_SIDE_MINE : RTES_MERGE_SIDE_THEIRS,
                  FALSE, NULL, mi, t);
      return with_key (mi != NULL ? mi : t, entry->key);
    }
  /* Edited by mine, removed by theirs. */
  {
    g_autoptr(JsonNode) b_keyed = with_key (b, entry->key);
    g_autoptr(JsonNode) mi_keyed = with_key (mi, entry->key);

    add_conflict (m, path, b_keyed, mi_keyed, NULL);
    return g_steal_pointer (&mi_keyed);
  }
}

/* An entry that is not in the merged list: removed, by one side or both,
 * or removed by mine and edited by theirs. */
static void
record_removal (List       *list,
                const char *list_path,
                Entry      *entry)
{
  JsonNode *b = entry_node (list, entry, SIDE_BASE);
  JsonNode *mi = entry_node (list, entry, SIDE_MINE);
  JsonNode *t = entry_node (list, entry, SIDE_THEIRS);
  g_autofree char *path = entry_path (list_path, entry, entry->item[SIDE_BASE]);

  if (entry->conflict)
    {
      g_autoptr(JsonNode) b_keyed = with_key (b, entry->key);
      g_autoptr(JsonNode) t_keyed = with_key (t, entry->key);

      add_conflict (list->m, path, b_keyed, NULL, t_keyed);
      return;
    }
  add_change (list->m, path,
              mi == NULL && t == NULL ? RTES_MERGE_SIDE_BOTH
              : mi == NULL ? RTES_MERGE_SIDE_MINE : RTES_MERGE_SIDE_THEIRS,
              FALSE, b, mi, t);
}

/* Theirs' list with the key of each item's entry, for the next base. */
static JsonNode *
keyed_theirs (List *list)
{
  g_autoptr(JsonArray) array = json_array_new ();
  gboolean changed = FALSE;

  for (guint i = 0; i < list->items[SIDE_THEIRS]->len; i++)
    {
      Item *item = &g_array_index (list->items[SIDE_THEIRS], Item, i);
      Entry *entry = &g_array_index (list->entries, Entry, item->entry);

      if (entry->key != NULL && g_strcmp0 (item_raw_key (item->object), entry->key) != 0)
        {
          json_array_add_element (array, with_key (item->node, entry->key));
          changed = TRUE;
        }
      else
        json_array_add_element (array, rtes_json_node_deep_copy (item->node));
    }
  return changed ? json_node_init_array (json_node_alloc (), array) : NULL;
}

static JsonNode *
merge_list (Merge      *m,
            ListKind    kind,
            const char *path,
            JsonNode   *base,
            JsonNode   *mine,
            JsonNode   *theirs,
            JsonNode  **out)
{
  List list = { m, kind, { NULL }, NULL, NULL };
  g_autoptr(GArray) order = NULL;
  g_autoptr(JsonArray) merged = NULL;
  JsonNode *keyed;

  /* A list of anything else than items merges as one value. */
  if (!is_array_of (mine, JSON_TYPE_OBJECT) || !is_array_of (theirs, JSON_TYPE_OBJECT)
      || (base != NULL && !is_array_of (base, JSON_TYPE_OBJECT)))
    return merge_value (m, path, base, mine, theirs);

  list.used_keys = g_hash_table_new (g_str_hash, g_str_equal);
  list.items[SIDE_BASE] = read_items (base, list.used_keys);
  list.items[SIDE_MINE] = read_items (mine, list.used_keys);
  list.items[SIDE_THEIRS] = read_items (theirs, list.used_keys);
  list.entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (list.entries, (GDestroyNotify) entry_clear);

  build_entries (&list, m->result->has_base);
  for (guint e = 0; e < list.entries->len; e++)
    {
      Entry *entry = &g_array_index (list.entries, Entry, e);

      decide_entry (&list, entry);
      give_key (&list, path, entry);
    }

  order = merged_order (&list, path, base, mine, theirs);
  merged = json_array_new ();
  for (guint i = 0; i < order->len; i++)
    json_array_add_element (merged, merge_entry (&list, path,
                                                 &g_array_index (list.entries, Entry,
                                                                 g_array_index (order, int, i))));
  for (guint e = 0; e < list.entries->len; e++)
    if (!g_array_index (list.entries, Entry, e).kept)
      record_removal (&list, path, &g_array_index (list.entries, Entry, e));

  keyed = keyed_theirs (&list);
  if (keyed != NULL)
    g_hash_table_insert (m->keyed_lists, g_strdup (path), keyed);

  for (int side = 0; side < N_SIDES; side++)
    g_array_unref (list.items[side]);
  g_array_unref (list.entries);
  g_hash_table_unref (list.used_keys);

  *out = json_node_init_array (json_node_alloc (), merged);
  return *out;
}

/* ---- the document ---- */

static gboolean
any_side (RtesMergeResult *result,
          RtesMergeSide    side)
{
  if (result->conflicts->len > 0)
    return TRUE;
  for (guint i = 0; i < result->changes->len; i++)
    if (((RtesMergeChange *) g_ptr_array_index (result->changes, i))->side & side)
      return TRUE;
  return FALSE;
}

static JsonNode *
theirs_with_keys (Merge    *m,
                  JsonNode *theirs)
{
  JsonNode *keyed = rtes_json_node_deep_copy (theirs);
  GHashTableIter iter;
  gpointer path;
  gpointer list;

  g_hash_table_iter_init (&iter, m->keyed_lists);
  while (g_hash_table_iter_next (&iter, &path, &list))
    rtes_fiche_path_set (keyed, path, list, NULL);
  return keyed;
}

RtesMergeResult *
rtes_fiche_merge (const char *id,
                  JsonNode   *base,
                  JsonNode   *mine,
                  JsonNode   *theirs)
{
  g_autoptr(RtesMergeResult) result = g_new0 (RtesMergeResult, 1);
  g_autoptr(JsonObject) merged = json_object_new ();
  Merge m = { id, result, NULL };

  g_return_val_if_fail (base == NULL || JSON_NODE_HOLDS_OBJECT (base), NULL);
  g_return_val_if_fail (mine != NULL && JSON_NODE_HOLDS_OBJECT (mine), NULL);
  g_return_val_if_fail (theirs != NULL && JSON_NODE_HOLDS_OBJECT (theirs), NULL);

  result->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_conflict_free);
  result->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_merge_change_free);
  result->has_base = base != NULL;
  m.keyed_lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) json_node_unref);

  merge_members (&m, LEVEL_TOP, NULL, rtes_json_get_object (base), json_node_get_object (mine),
                 json_node_get_object (theirs), merged);
  result->merged = json_node_init_object (json_node_alloc (), merged);
  result->theirs_keyed = theirs_with_keys (&m, theirs);
  result->mine_changed = !result->has_base || any_side (result, RTES_MERGE_SIDE_MINE);
  result->theirs_changed = !result->has_base || any_side (result, RTES_MERGE_SIDE_THEIRS);

  g_hash_table_unref (m.keyed_lists);
  return g_steal_pointer (&result);
}

JsonNode *
rtes_fiche_merge_restore_base (JsonNode  *base,
                               GPtrArray *conflicts)
{
  g_autoptr(JsonObject) empty = json_object_new ();
  JsonNode *restored = base != NULL ? rtes_json_node_deep_copy (base)
                                    : json_node_init_object (json_node_alloc (), empty);

  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      RtesConflict *conflict = g_ptr_array_index (conflicts, i);

      /* A place that is gone (a member of an item nobody has any more) has
       * nothing left to conflict about. */
      rtes_fiche_path_set (restored, conflict->path, conflict->base, NULL);
    }
  return restored;
}
