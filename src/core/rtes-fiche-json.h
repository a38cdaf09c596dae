/* rtes-fiche-json.h: reading and writing fiche documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-fiche.h"

G_BEGIN_DECLS

/* Builds a fiche from a parsed document. @source names the document in
 * messages ("dijon.json", "fiches.json: fiches[3]"); @positions may be NULL
 * or come from rtes_json_parse() so that type errors carry line:column. */
typedef struct _RtesJsonPositions RtesJsonPositions;

RtesFiche *rtes_fiche_new_from_json   (JsonNode           *node,
                                       const char         *source,
                                       RtesJsonPositions  *positions,
                                       GError            **error);

/* The document as a JSON object, members in canonical order. */
JsonNode  *rtes_fiche_to_json         (RtesFiche          *self);

/* Canonical bytes of the document (UTF-8, 2-space indent, final newline). */
char      *rtes_fiche_to_data         (RtesFiche          *self,
                                       gsize              *length);

RtesFiche *rtes_fiche_new_from_data   (const char         *data,
                                       gssize              length,
                                       const char         *source,
                                       GError            **error);

/* Loads a file. Checks that the id equals the file's base name. */
RtesFiche *rtes_fiche_load            (GFile              *file,
                                       GError            **error);

/* Saves atomically: temporary file in the same folder, flushed, renamed
 * over the old one. On failure the old file is untouched. */
gboolean   rtes_fiche_save            (RtesFiche          *self,
                                       GFile              *file,
                                       GError            **error);

/* Parsing with positions: json-glib tells where a member ends, which lets
 * type errors say "file:line:col". */
JsonNode  *rtes_json_parse            (const char         *data,
                                       gssize              length,
                                       const char         *source,
                                       RtesJsonPositions **positions,
                                       GError            **error);
/* json-glib parses recursively, so a document nested a million levels
 * deep overflows the stack. Every JSON that comes from outside is checked
 * with this first: FALSE (and the byte *@offset) when brackets outside
 * strings nest deeper than @max_depth. rtes_json_parse() does it. */
#define RTES_JSON_MAX_DEPTH 64
gboolean   rtes_json_depth_is_sane    (const char         *data,
                                       gsize               length,
                                       guint               max_depth,
                                       gsize              *offset);

/* Parses @data and returns what @read makes of the root. Positions cost
 * every member an entry, and only a wrong type (RTES_FICHE_ERROR_TYPE)
 * says where: when @read fails so, @data is parsed again with positions
 * and read again for the message. @read may change the tree it is given. */
typedef gpointer (*RtesJsonReadFunc) (JsonNode           *root,
                                      RtesJsonPositions  *positions,
                                      gpointer            user_data,
                                      GError            **error);
gpointer   rtes_json_read             (const char         *data,
                                       gssize              length,
                                       const char         *source,
                                       RtesJsonReadFunc    read,
                                       gpointer            user_data,
                                       GError            **error);

void       rtes_json_positions_free   (RtesJsonPositions  *positions);
/* "line:column" of the member at @path ("contacts[2].email") in @root,
 * which @positions was recorded for; NULL when unknown. */
const char *rtes_json_positions_lookup (RtesJsonPositions *positions,
                                        JsonNode          *root,
                                        const char        *path);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RtesJsonPositions, rtes_json_positions_free)

G_END_DECLS
