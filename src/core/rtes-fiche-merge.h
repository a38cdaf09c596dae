/* rtes-fiche-merge.h: three-way merge of fiche documents, item by item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync merges the site's copy of a fiche into the local file against
 * the copy it last received; the import merges an export against the last
 * import. Both call:
 *
 *   result = rtes_fiche_merge (id, base, mine, theirs);  // base may be NULL
 *   if (!result->has_base)
 *     …                           // first time: "Sur le site / Ici"
 *   for (guint i = 0; i < result->conflicts->len; i++)
 *     {
 *       RtesConflict *c = g_ptr_array_index (result->conflicts, i);
 *       // c->path: "name", "address.city", "contacts[key=c7f3a2].phone",
 *       // "budget.lines[key=0b9e41d2]" (the whole line: edited here,
 *       // deleted there)…; c->base, c->mine, c->theirs: the values
 *     }
 *   fiche = rtes_fiche_new_from_json (result->merged, …);  // canonical order
 *   next_base = json_node_ref (result->theirs_keyed);      // see below
 *
 * The merge is a pure function of its three documents (JSON objects, read
 * only): no clock, no random numbers, no I/O. It works on documents rather
 * than RtesFiche objects so that members this version does not know merge
 * like the others.
 *
 * The rules (docs/sync.md, "Merge rules", says why):
 *
 * - Each top-level member is a field, merged as a whole: the same value on
 *   both sides is kept; a value changed on one side only takes that side's
 *   value (a member removed there stays removed); changed on both sides to
 *   different values is a conflict, and the merged document keeps mine.
 * - "updated", the date of the last change, never conflicts: the later
 *   date is kept.
 * - "address" and "budget" merge member by member ("address.city",
 *   "budget.text").
 * - "tags" merge as a set: a tag added or removed on either side is added
 *   or removed; they never conflict.
 * - "contacts" and "budget.lines" merge item by item, and each item member
 *   by member (unknown members too). Items are matched across the three
 *   documents by their "key" member, else by the matching rule of
 *   docs/sync.md (contacts by folded name, e-mail, phone; budget lines by
 *   year, section and folded label, then amount). Items added on either
 *   side are kept; an item removed on one side and left unchanged on the
 *   other is removed; removed on one side and edited on the other is a
 *   conflict on the whole item (path "contacts[key=…]"). A reorder on one
 *   side takes that side's order; when both sides reordered differently,
 *   mine's order is kept and their new items are appended.
 * - A key is never removed: a merged item keeps mine's key, else theirs',
 *   else the base's. An item in conflict that has no key on any side gets
 *   one made from its contents, so that the conflict's path names it for
 *   good; every other item is left as it was.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * RtesConflictKind:
 * @RTES_CONFLICT_BOTH_CHANGED: both sides changed the place, differently
 * @RTES_CONFLICT_BOTH_ADDED: no common base value: both sides have one,
 *   and they differ (a first sync: "on the site" and "here")
 * @RTES_CONFLICT_CHANGED_REMOVED: one side changed it, the other removed
 *   it (@mine or @theirs is NULL)
 *
 * Derived from which values are NULL, so that a conflict read back from a
 * file has the same kind.
 */
typedef enum {
  RTES_CONFLICT_BOTH_CHANGED,
  RTES_CONFLICT_BOTH_ADDED,
  RTES_CONFLICT_CHANGED_REMOVED,
} RtesConflictKind;

/**
 * RtesConflict:
 * @id: the fiche
 * @path: the place (rtes-fiche-path.h): a top-level member ("name"), a
 *   member of "address" or "budget" ("address.city"), an item
 *   ("contacts[key=c7f3a2]") or an item's member
 *   ("budget.lines[key=c7f3a2].amount"). Conflicts recorded by older
 *   versions name whole members ("contacts", "address").
 * @kind: see #RtesConflictKind
 * @base: (nullable): the value before either change; NULL when absent
 * @mine: (nullable): the local value, the one the merged document keeps
 * @theirs: (nullable): the other side's value
 *
 * Values are JSON nodes owned by the conflict. A whole-item value carries
 * the item's "key", so that taking it puts back the same item.
 */
typedef struct {
  char             *id;
  char             *path;
  RtesConflictKind  kind;
  JsonNode         *base;
  JsonNode         *mine;
  JsonNode         *theirs;
} RtesConflict;

#define RTES_TYPE_CONFLICT (rtes_conflict_get_type ())
GType         rtes_conflict_get_type (void) G_GNUC_CONST;
/* Copies the three values; the kind follows from them. */
RtesConflict *rtes_conflict_new      (const char         *id,
                                      const char         *path,
                                      JsonNode           *base,
                                      JsonNode           *mine,
                                      JsonNode           *theirs);
RtesConflict *rtes_conflict_copy     (const RtesConflict *conflict);
void          rtes_conflict_free     (RtesConflict       *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RtesConflict, rtes_conflict_free)

/* Adds @conflict to @builder as the object the sync state and the import's
 * records keep: "id", @place_member (the name of its place's member in
 * that file) and those of "base", "mine" and "theirs" it has. */
void          rtes_conflict_build    (const RtesConflict *conflict,
                                      const char         *place_member,
                                      JsonBuilder        *builder);

/* The open conflicts the sync state and the import's records keep: a
 * table of fiche id → GPtrArray of RtesConflict, owning them. */
GHashTable   *rtes_conflicts_new     (void);
/* Adds @conflict (taken) under its fiche's id. */
void          rtes_conflicts_add     (GHashTable         *by_id,
                                      RtesConflict       *conflict);
/* The conflicts of @id, or with @id NULL all of them, fiche by fiche in
 * the order of ids; the caller frees the array, not the conflicts. */
GPtrArray    *rtes_conflicts_get     (GHashTable         *by_id,
                                      const char         *id);
/* The conflict of @id at @path, or NULL. */
RtesConflict *rtes_conflicts_lookup  (GHashTable         *by_id,
                                      const char         *id,
                                      const char         *path);
/* Replaces the conflicts of @id with copies of @conflicts (none: the
 * fiche has no entry left), each named after @id. */
void          rtes_conflicts_set     (GHashTable         *by_id,
                                      const char         *id,
                                      GPtrArray          *conflicts);
/* Removes @conflict, and the fiche's entry once it has none left. */
void          rtes_conflict_remove_from (GHashTable         *by_id,
                                         RtesConflict       *conflict);

/**
 * RtesMergeSide:
 * @RTES_MERGE_SIDE_MINE: mine changed it; the merged document has mine's
 * @RTES_MERGE_SIDE_THEIRS: theirs changed it; the merged document takes it
 * @RTES_MERGE_SIDE_BOTH: both changed it and the merge settled it: the
 *   same change, the later "updated", or both sides' tag edits
 */
typedef enum {
  RTES_MERGE_SIDE_MINE   = 1 << 0,
  RTES_MERGE_SIDE_THEIRS = 1 << 1,
  RTES_MERGE_SIDE_BOTH   = RTES_MERGE_SIDE_MINE | RTES_MERGE_SIDE_THEIRS,
} RtesMergeSide;

/**
 * RtesMergeChange:
 * @path: the place, as for #RtesConflict, at the finest level the merge
 *   decided: a member, an item added or removed (the whole item), a member
 *   of an item, or a list whose order changed. An item without a key is
 *   named by its position, "contacts[2]": in the merged document, or in
 *   the base for an item removed.
 * @side: who made the change
 * @order: TRUE when the change is the order of the list at @path; the
 *   values are then the whole lists
 * @base: (nullable): the value before (NULL: absent, an addition)
 * @mine: (nullable): mine's value (NULL: absent)
 * @theirs: (nullable): theirs' value (NULL: absent)
 *
 * What a merge did that was not a conflict, for previews ("what the import
 * will bring"). Without a base, values the same on both sides are not
 * changes, and a member or item present on one side only is that side's
 * addition.
 */
typedef struct {
  char          *path;
  RtesMergeSide  side;
  gboolean       order;
  JsonNode      *base;
  JsonNode      *mine;
  JsonNode      *theirs;
} RtesMergeChange;

void rtes_merge_change_free (RtesMergeChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RtesMergeChange, rtes_merge_change_free)

/**
 * RtesMergeResult:
 * @merged: the document to keep: mine with theirs' changes, mine's value
 *   at each conflict. Members in mine's order, then theirs' new ones:
 *   read it back as a fiche for the canonical order.
 * @theirs_keyed: @theirs with the keys the merge matched its items to (a
 *   key of mine's item, or one made for a conflict). Keep it, not
 *   @theirs, as the next base: items the rule matched today are then
 *   found by key next time, and the key alone is never a difference.
 * @conflicts: #RtesConflict*, in document order
 * @changes: #RtesMergeChange*, in document order
 * @has_base: FALSE when merged without a base: every conflict is then
 *   %RTES_CONFLICT_BOTH_ADDED
 * @mine_changed: mine differs from the base (always TRUE without one)
 * @theirs_changed: theirs differs from the base (always TRUE without one)
 */
typedef struct {
  JsonNode  *merged;
  JsonNode  *theirs_keyed;
  GPtrArray *conflicts;
  GPtrArray *changes;
  gboolean   has_base;
  gboolean   mine_changed;
  gboolean   theirs_changed;
} RtesMergeResult;

void rtes_merge_result_free (RtesMergeResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RtesMergeResult, rtes_merge_result_free)

/* Merges the fiche documents @mine and @theirs (JSON objects) against
 * their common @base (NULL when there is none). @id names the fiche in
 * the conflicts. The documents are not modified. */
RtesMergeResult *rtes_fiche_merge              (const char *id,
                                                JsonNode   *base,
                                                JsonNode   *mine,
                                                JsonNode   *theirs);

/* A copy of @base with each conflict's base value put back at its path
 * (a NULL value removes the place). A sync keeps the site's copy as the
 * base, so that a conflict left open looks like a local change; merging
 * against this instead finds every open conflict again, with its real
 * common ancestor, and drops those that both sides have since settled.
 * Places that cannot be found are skipped. @base may be NULL (an empty
 * base is used). */
JsonNode        *rtes_fiche_merge_restore_base (JsonNode   *base,
                                                GPtrArray  *conflicts);

/* NULL-safe equality of two JSON values (NULL equals only NULL). */
gboolean         rtes_fiche_merge_values_equal (JsonNode   *a,
                                                JsonNode   *b);

G_END_DECLS
