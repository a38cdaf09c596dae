/* rtes-fiche-describe.h: places and values of a fiche, as people read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A merge speaks in paths and JSON values ("contacts[key=c7f3a2].phone",
 * "\"03 80 00 00 00\""); the staff read French. The one describer of
 * fiche values, for everything that shows a place or a value to a person:
 * the import preview, the conflict views, the sync summary, the history.
 *
 *   label = rtes_fiche_describe_place (path, FALSE, mine_doc, theirs_doc);
 *       // "Contact “Marie Dupont”: phone" (translated)
 *   text = rtes_fiche_describe_value (path, value);
 *       // "03 80 00 00 00", "29 000 €", "(empty)"…
 *
 * No JSON ever reaches the person.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Values longer than this many characters are cut, with "…". */
#define RTES_FICHE_DESCRIBE_MAX_CHARS 90

/* A translated name for the place at @path (rtes-fiche-path.h). An item
 * is named by its contents, found in @document or else in @other (either
 * may be NULL). @order says the place is the order of the list at @path. */
char     *rtes_fiche_describe_place (const char *path,
                                      gboolean    order,
                                      JsonNode   *document,
                                      JsonNode   *other);

/* @value (at @path, which says how to read it) as one line of text:
 * vocabulary ids by their label, amounts in euros, a whole item by its
 * contents. NULL is "(absent)". */
char     *rtes_fiche_describe_value (const char *path,
                                      JsonNode   *value);

/* The same, whole: text with its line breaks and without a length limit,
 * an address on several lines, one contact or budget line per line. For a
 * person who must read all of it to choose (a conflict). */
char     *rtes_fiche_describe_value_whole (const char *path,
                                           JsonNode   *value);

/* The label of a form row for the place at @path, without naming the item
 * it belongs to: "Phone" for "contacts[key=x].phone", "City" for
 * "address.city", "Population" for "population". */
char     *rtes_fiche_describe_field  (const char *path);

/* TRUE for a value that holds nothing a person typed: absent, null, a
 * blank string, false, an empty array or object. Filling such a place
 * overwrites nothing. */
gboolean  rtes_fiche_value_is_empty (JsonNode   *value);

G_END_DECLS
