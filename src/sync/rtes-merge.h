/* rtes-merge.h: three-way merge of fiche documents, field by field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A field both sides changed to different values. Values are JSON nodes
 * (copies owned by the conflict); NULL means the member is absent. */
typedef struct {
  char     *id;      /* the fiche */
  char     *field;   /* top-level member: "name", "address", "contacts"… */
  JsonNode *base;
  JsonNode *mine;
  JsonNode *theirs;
} RtesConflict;

#define RTES_TYPE_CONFLICT (rtes_conflict_get_type ())
GType         rtes_conflict_get_type (void) G_GNUC_CONST;
RtesConflict *rtes_conflict_new      (const char   *id,
                                      const char   *field,
                                      JsonNode     *base,
                                      JsonNode     *mine,
                                      JsonNode     *theirs);
RtesConflict *rtes_conflict_copy     (const RtesConflict *conflict);
void          rtes_conflict_free     (RtesConflict *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RtesConflict, rtes_conflict_free)

typedef struct {
  JsonNode  *merged;          /* the document to keep locally */
  GPtrArray *conflicts;       /* RtesConflict*, in field order */
  gboolean   mine_changed;    /* mine differs from base somewhere */
  gboolean   theirs_changed;  /* theirs differs from base somewhere */
} RtesMergeResult;

void rtes_merge_result_free (RtesMergeResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RtesMergeResult, rtes_merge_result_free)

/* Merges the JSON objects @mine and @theirs against their common @base
 * (NULL when there is none: every member then counts as added by both
 * sides). Each top-level member is a field, known or not; "address",
 * "budget", "contacts" and "tags" are one field each.
 *
 * - same value on both sides: kept;
 * - changed on one side only: that side's value (removed if it removed it);
 * - changed on both sides to different values: a conflict, and the merged
 *   document keeps mine;
 * - except "updated", the date of the last change: when both changed it,
 *   the later date is kept, since it is bookkeeping and not content.
 *
 * Members of the result come in mine's order, then theirs' new ones; the
 * caller reads the result back as a fiche to get the canonical order. */
RtesMergeResult *rtes_merge_documents (const char *id,
                                       JsonNode   *base,
                                       JsonNode   *mine,
                                       JsonNode   *theirs);

/* NULL-safe equality of two JSON values (NULL equals only NULL). */
gboolean rtes_merge_values_equal (JsonNode *a,
                                  JsonNode *b);

G_END_DECLS
