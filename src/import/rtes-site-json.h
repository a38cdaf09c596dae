/* rtes-site-json.h: reading the RTES site's JSON export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE if @data looks like JSON (its first non-blank character is "{"). */
gboolean   rtes_site_json_detect (const char  *data,
                                  gsize        length);

/* Parses {"format": "rtes-site-export", "version": 1, "fiches": […]} or a
 * single fiche document ({"format": "rtes-fiche", …}). Returns a GPtrArray
 * of RtesImportedFiche (whole documents, with their "revision"), or NULL
 * with an error naming @source and the member at fault. */
GPtrArray *rtes_site_json_parse  (const char  *data,
                                  gsize        length,
                                  const char  *source,
                                  GError     **error);

G_END_DECLS
