/* rtes-json-writer.h: the canonical JSON text of the fiche format, and
 * the builder calls every writer of JSON makes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Writes @node as the fiche format's canonical text: members in the order
 * of the object, 2-space indentation, non-ASCII characters as themselves,
 * integers without a fraction, doubles in their shortest exact form, and a
 * final newline. json-glib's generator is not used because its number and
 * empty-container output do not round-trip byte for byte. */
char *rtes_json_to_canonical (JsonNode *node,
                              gsize    *length);

/* Member @member with @value, in one call (json-glib takes two). */
void  rtes_json_builder_add_string (JsonBuilder *builder,
                                    const char  *member,
                                    const char  *value);
void  rtes_json_builder_add_int    (JsonBuilder *builder,
                                    const char  *member,
                                    gint64       value);

G_END_DECLS
