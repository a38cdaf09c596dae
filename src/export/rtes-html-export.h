/* rtes-html-export.h: fiches as standalone HTML pages
 *
 * Each page is a complete HTML5 document in French with its stylesheet
 * (screen and print) embedded: no script, no external resource, so a page
 * can be mailed, opened from a USB stick or put on the site as it is. The
 * markup is also well-formed XML, which the tests use to check it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-export.h"

G_BEGIN_DECLS

/* One fiche's page. @index_href is the link back to the list of fiches
 * ("index.html"), or NULL for a page on its own. @export_date is shown in
 * the footer ("20/11/2026"); NULL means today. */
char     *rtes_html_render_fiche (RtesFiche    *fiche,
                                  const char   *index_href,
                                  const char   *export_date);

/* The index of @fiches (RtesFiche*, in rtes_export_sort() order): grouped
 * by région then kind, each group with an anchor ("#bourgogne-franche-comte",
 * "#bourgogne-franche-comte--commune"), each fiche linking to "<id>.html". */
char     *rtes_html_render_index (GPtrArray    *fiches,
                                  const char   *export_date);

/* File name of a fiche's page in a folder export: "<id>.html". */
char     *rtes_html_page_name    (RtesFiche    *fiche);

/* Writes index.html and one page per fiche into the folder @dir. The
 * pages are built in a temporary folder beside @dir, which then takes its
 * place: @dir is either the complete new export or left as it was. An
 * existing @dir is replaced only if it is empty or a previous export (only
 * .html files, with an index.html); otherwise RTES_EXPORT_ERROR_TARGET.
 * Fiches whose id is not a valid slug are an error (an id is never used
 * as a path unchecked). */
gboolean  rtes_html_export       (GPtrArray              *fiches,
                                  const char             *dir,
                                  RtesExportProgressFunc  progress,
                                  gpointer                user_data,
                                  GCancellable           *cancellable,
                                  GError                **error);

G_END_DECLS
