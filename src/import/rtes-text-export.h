/* rtes-text-export.h: parsing the RTES site's text export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses a text export (a region's member pages, or a single fiche page)
 * held in @data, which must be valid UTF-8 without NUL bytes (the
 * importer checks that first). @source names the export in messages.
 *
 * Returns a GPtrArray of RtesImportedFiche in the order of the export,
 * or NULL with RTES_IMPORT_ERROR_NO_FICHE when no fiche is found. Text
 * outside every fiche (menus, footers) is added to @warnings (char*). */
GPtrArray *rtes_text_export_parse (const char  *data,
                                   gsize        length,
                                   const char  *source,
                                   GPtrArray   *warnings,
                                   GError     **error);

G_END_DECLS
