/* export-fixtures.h: fiches the export tests render, and the headings they show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-fiche.h"

G_BEGIN_DECLS

/* The fiches of tests/export/library, sorted for export. */
GPtrArray *export_fixtures_load      (void);
/* Path of tests/export/library. */
char      *export_fixtures_library   (void);

/* The five section headings of a fiche, as every export titles them. */
extern const char * const export_fixtures_headings[];

/* A fiche whose every value tries to inject markup, script or broken
 * UTF-8 into an export. */
RtesFiche *export_fixtures_hostile   (void);

/* A fiche long enough to span several pages: @n_paragraphs of text in
 * the programme and @n_lines budget lines. */
RtesFiche *export_fixtures_long      (guint n_paragraphs,
                                      guint n_lines);

G_END_DECLS
