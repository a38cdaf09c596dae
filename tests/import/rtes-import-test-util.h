/* rtes-import-test-util.h: what the import tests share
 *
 * The fixture export, a library to import into, imports made as the
 * command line makes them (plan, then commit; on a fixed day), a loopback
 * server of exports, and assertions on parsed fiches. The window, review
 * and export tests import through them too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "rtes-budget-line.h"
#include "rtes-contact.h"
#include "rtes-fiche.h"
#include "rtes-importer.h"
#include "rtes-imported-fiche.h"

G_BEGIN_DECLS

/* tests/import/fixtures/occitanie-export.txt: three fiches. */
char              *import_test_fixture_path (void);
/* How many *.json files @dir holds (0 when it cannot be read). */
guint              import_test_count_json_files (const char *dir);

/* A library folder, the library open on it, and a folder for the
 * exports a test writes; for g_test_add(). */
typedef struct {
  char        *dir;
  char        *in;
  RtesLibrary *library;
} ImportTestFixture;

void               import_test_fixture_set_up    (ImportTestFixture *fx,
                                                  gconstpointer      data);
void               import_test_fixture_tear_down (ImportTestFixture *fx,
                                                  gconstpointer      data);

/* Imports @location into @library on 2026-01-02 as the command line
 * does: plans it, then commits the plan (with @dry_run, writes nothing);
 * returns the command line's report. An error fails the test. */
RtesImportReport  *import_test_run          (RtesLibrary *library,
                                             const char  *location,
                                             gboolean     dry_run);
/* The same, today: for tests that only need a library imported. */
void               import_test_import       (RtesLibrary *library,
                                             const char  *location);
/* The plan of importing @location into @library on 2026-01-02. */
RtesImportPlan    *import_test_plan         (RtesLibrary *library,
                                             const char  *location);

/* A server on the loopback, in the default main context, answering
 * adherents.txt with the fixture export, latin1.txt with a fiche in
 * ISO-8859-1 (and saying so), anything else with 404. *@base is its
 * URL, ending in "/". */
SoupServer        *import_test_serve        (char **base);

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
