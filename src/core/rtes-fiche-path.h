/* rtes-fiche-path.h: naming a place in a fiche document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A path names what a merge conflict or change is about, and where
 * resolving it writes:
 *
 *   name                              a top-level member
 *   address.city                      a member of an object member
 *   contacts[key=c7f3a2]              the item of a list whose "key" is c7f3a2
 *   budget.lines[key=c7f3a2].amount   a member of that item
 *   contacts[2]                       the third item (items without a key)
 *   ["odd.name"]                      a member whose name is not made of
 *                                     letters, digits, "_" and "-" (JSON
 *                                     string syntax inside the brackets)
 *
 * Item keys are 1 to 64 letters, digits, "_" or "-" (rtes_item_key_is_valid()
 * in rtes-text.h).
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Builders: @prefix NULL starts a path at the document's top level. */
char     *rtes_fiche_path_member (const char  *prefix,
                                  const char  *member);
char     *rtes_fiche_path_key    (const char  *prefix,
                                  const char  *key);
char     *rtes_fiche_path_index  (const char  *prefix,
                                  guint        index);

/* TRUE when @path parses. */
gboolean  rtes_fiche_path_is_valid (const char *path);

/* The member a path ends with: "phone" for "contacts[key=c7].phone";
 * "" for a whole item. */
const char *rtes_fiche_path_last_member (const char *path);

/* The value at @path in @document (borrowed), or NULL when some step is
 * absent or of the wrong type. */
JsonNode *rtes_fiche_path_get    (JsonNode    *document,
                                  const char  *path);

/* Writes a copy of @value at @path in @document, which must be mutable
 * (not from an immutable parser); @value NULL removes the member or item.
 * An item named by key that is absent is appended, with that key, when
 * @value is an object. Fails with RTES_FICHE_ERROR_MISSING when a step
 * before the last is absent, or an item index is out of range, and with
 * RTES_FICHE_ERROR_TYPE when @path does not parse or a step has the
 * wrong type; @document is then unchanged. */
gboolean  rtes_fiche_path_set    (JsonNode    *document,
                                  const char  *path,
                                  JsonNode    *value,
                                  GError     **error);

G_END_DECLS
