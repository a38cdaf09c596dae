/* rtes-text.h: slugs, folded text and sorted keys shared by the model, import,
 * sync and search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RTES_ID_MAX_LENGTH 80

/* TRUE if @id matches ^[a-z0-9]+(-[a-z0-9]+)*$ and has at most 80 bytes. */
gboolean rtes_id_is_valid  (const char *id);

/* "dijon.json" → "dijon"; NULL for any name that is not "<id>.json": the
 * temporary file of a save ("dijon.json.AB12CD"), backups, hidden files. */
char    *rtes_id_from_filename (const char *filename);

/* "<dir>/<id>.json", the file of fiche @id in @dir; the reverse of
 * rtes_id_from_filename(). @id must be valid. */
char    *rtes_id_build_path    (const char *dir,
                                const char *id);

/* "Communauté urbaine Creusot-Montceau" → "communaute-urbaine-creusot-montceau".
 * Accents folded, words joined by "-", cut at a word boundary to fit 80
 * bytes. Returns "fiche" for a name with no letter or digit. */
char    *rtes_id_from_name (const char *name);

/* Lower case without accents, runs of white space (including non-breaking
 * and narrow spaces) as one space, typographic apostrophes as "'". Used to
 * compare names and to search. */
char    *rtes_text_fold    (const char *text);

/* Item keys: the stable identity of a contact or budget line within its
 * fiche (docs/fiche-format.md). Valid: 1 to 64 ASCII letters, digits, "_"
 * or "-". New keys are 8 random lowercase hex digits. */
#define RTES_ITEM_KEY_MAX_LENGTH 64
gboolean rtes_item_key_is_valid (const char *key);
char    *rtes_item_key_new      (void);

/* TRUE when @text is NULL, empty or only white space. */
gboolean rtes_text_is_blank (const char *text);

/* TRUE when @word has two letters or more and none in lower case:
 * acronyms ("RTES") and family names as French lists write them
 * ("DE LA FONTAINE"). */
gboolean rtes_text_is_capitals (const char *word);

/* The keys of @table, strings, in strcmp() order (for files written the
 * same way each time); the array does not own them. */
GPtrArray *rtes_strings_sorted_keys (GHashTable *table);

G_END_DECLS
