/* rtes-fiche-json.h: reading and writing fiche documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-fiche.h"
#include "rtes-json-reader.h"
#include "rtes-safe-file.h"

G_BEGIN_DECLS

/* Builds a fiche from a parsed document. @source names the document in
 * messages ("dijon.json", "fiches.json: fiches[3]"); @positions may be NULL
 * or come from rtes_json_parse() so that type errors carry line:column. */
RtesFiche *rtes_fiche_new_from_json   (JsonNode           *node,
                                       const char         *source,
                                       RtesJsonPositions  *positions,
                                       GError            **error);
/* The same for a fiche at @path ("fiches[3]") inside the document
 * @source: "fiches.json:12:9: fiches[3].contacts[2].email: expected a
 * string". */
RtesFiche *rtes_fiche_new_from_json_at (JsonNode          *node,
                                        const char        *source,
                                        const char        *path,
                                        RtesJsonPositions *positions,
                                        GError           **error);

/* A copy, and whether two fiches say the same: both through the document. */
RtesFiche *rtes_fiche_copy            (RtesFiche          *self);
gboolean   rtes_fiche_equal           (RtesFiche          *a,
                                       RtesFiche          *b);

/* The document as a JSON object, members in canonical order. */
JsonNode  *rtes_fiche_to_json         (RtesFiche          *self);

/* Canonical bytes of the document (UTF-8, 2-space indent, final newline). */
char      *rtes_fiche_to_data         (RtesFiche          *self,
                                       gsize              *length);

/* Parses with rtes_json_parse() (RTES_JSON_FICHE: strict, at most
 * RTES_JSON_MAX_FICHE_SIZE); whatever it refuses is RTES_FICHE_ERROR_PARSE. */
RtesFiche *rtes_fiche_new_from_data   (const char         *data,
                                       gssize              length,
                                       const char         *source,
                                       GError            **error);

/* Loads a file through rtes_safe_file_read_path(): a link, a FIFO, a
 * device or a file over RTES_JSON_MAX_FICHE_SIZE is RTES_FICHE_ERROR_IO,
 * refused before anything is read. Checks that the id equals the file's
 * base name. */
RtesFiche *rtes_fiche_load            (GFile              *file,
                                       GError            **error);

/* The same for the file @name in the folder @dir_fd, @path naming it in
 * messages; @key (may be NULL) gets the key of the version read (see
 * rtes_safe_file_read_at_keyed()). */
RtesFiche *rtes_fiche_load_at         (int                 dir_fd,
                                       const char         *name,
                                       const char         *path,
                                       RtesFileKey        *key,
                                       GError            **error);

/* FALSE (RTES_FICHE_ERROR_TOO_LARGE) when the fiche's canonical bytes
 * are over RTES_JSON_MAX_FICHE_SIZE: a file no load would take back.
 * Readers of exports check each fiche with it, since each becomes a file. */
gboolean   rtes_fiche_check_size      (RtesFiche          *self,
                                       const char         *source,
                                       GError            **error);

/* Saves atomically: temporary file in the same folder, flushed, renamed
 * over the old one. On failure the old file is untouched; a fiche over
 * RTES_JSON_MAX_FICHE_SIZE is not saved (RTES_FICHE_ERROR_TOO_LARGE). */
gboolean   rtes_fiche_save            (RtesFiche          *self,
                                       GFile              *file,
                                       GError            **error);

G_END_DECLS
