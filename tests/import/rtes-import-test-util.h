/* rtes-import-test-util.h: assertions the import tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-budget-line.h"
#include "rtes-contact.h"
#include "rtes-fiche.h"
#include "rtes-importer.h"
#include "rtes-imported-fiche.h"

G_BEGIN_DECLS

/* Parses @path (aborting the test on error); warnings go to @warnings
 * when not NULL. */
GPtrArray         *import_test_parse_file   (const char *path,
                                             GPtrArray  *warnings);
/* The parsed fiche named @name, aborting the test if there is none. */
RtesImportedFiche *import_test_find         (GPtrArray  *imported,
                                             const char *name);

void import_test_check_contact (RtesFiche  *fiche,
                                guint       index,
                                const char *role,
                                const char *category,
                                const char *name,
                                const char *title,
                                const char *service,
                                gboolean    rtes_board);

void import_test_check_budget_line (RtesFiche  *fiche,
                                    guint       index,
                                    double      amount,
                                    const char *section,
                                    int         year,
                                    gboolean    forecast,
                                    const char *label);

void import_test_check_address (RtesFiche  *fiche,
                                const char *lines,   /* joined with "|" */
                                const char *postcode,
                                const char *city,
                                const char *country);

G_END_DECLS
