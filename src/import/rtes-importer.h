/* rtes-importer.h: importing the RTES site's exports into a library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rtes-import-error.h"
#include "rtes-import-plan.h"
#include "rtes-library.h"

G_BEGIN_DECLS

/* Exports larger than this are refused before they are read. */
#define RTES_IMPORT_MAX_SIZE      (128 * 1024 * 1024)
/* No line of a text export is this long; a longer one is not an export. */
#define RTES_IMPORT_MAX_LINE      (1024 * 1024)
/* Nor this many lines (a region of thousands of fiches has ~100 each). */
#define RTES_IMPORT_MAX_LINES     (2 * 1000 * 1000)

#define RTES_TYPE_IMPORTER (rtes_importer_get_type ())
G_DECLARE_FINAL_TYPE (RtesImporter, rtes_importer, RTES, IMPORTER, GObject)

RtesImporter     *rtes_importer_new          (RtesLibrary   *library);

/* The date given to a fiche whose content an import changes when the
 * export states none (NULL: now). Tests pin it. */
void              rtes_importer_set_now      (RtesImporter  *self,
                                              GDateTime     *now);

/* How URLs are fetched: by default through the system's proxy settings;
 * a NULL @resolver fetches directly (tests serving on the loopback). */
void              rtes_importer_set_proxy_resolver (RtesImporter   *self,
                                                    GProxyResolver *resolver);

/* Reads @location (a file path, a file:// URI, or an http(s) URL), parses
 * it (text export, JSON export or fiche document: detected from the
 * content) and merges it into a snapshot of the library (taken now, in
 * the caller's thread): the plan says what an import would do, by fiche,
 * and writes nothing; rtes_import_plan_commit() applies it.
 *
 * Blocks the calling thread. A URL needs a main loop of its own, which
 * this function runs, so do not call it from a thread whose main context
 * serves the URL. */
RtesImportPlan   *rtes_importer_plan         (RtesImporter  *self,
                                              const char    *location,
                                              GCancellable  *cancellable,
                                              GError       **error);
/* The same in a worker thread. The library must not be changed until the
 * plan is applied or dropped (a commit refuses files that changed). */
void              rtes_importer_plan_async   (RtesImporter        *self,
                                              const char          *location,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
RtesImportPlan   *rtes_importer_plan_finish  (RtesImporter  *self,
                                              GAsyncResult  *result,
                                              GError       **error);

/* Checks and parses an export without a library: a GPtrArray of
 * RtesImportedFiche. @format gets "text" or "json"; @warnings (char*)
 * may be NULL. */
GPtrArray        *rtes_import_parse_export   (const char    *data,
                                              gsize          length,
                                              const char    *source,
                                              const char   **format,
                                              GPtrArray     *warnings,
                                              GError       **error);

G_END_DECLS
