/* rtes-import-report.h: what an import did, and what it could not place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rtes-fiche.h"

G_BEGIN_DECLS

typedef enum {
  RTES_IMPORT_CREATED,
  RTES_IMPORT_UPDATED,
  RTES_IMPORT_UNCHANGED,
  RTES_IMPORT_SKIPPED,    /* its file in the library could not be read */
} RtesImportAction;

#define RTES_TYPE_IMPORT_REPORT (rtes_import_report_get_type ())
G_DECLARE_FINAL_TYPE (RtesImportReport, rtes_import_report, RTES, IMPORT_REPORT, GObject)

RtesImportReport *rtes_import_report_new          (const char       *source,
                                                   const char       *format,
                                                   gboolean          dry_run);

const char       *rtes_import_report_get_source   (RtesImportReport *self);
/* "text" or "json". */
const char       *rtes_import_report_get_format   (RtesImportReport *self);
/* TRUE if nothing was written: the ids say what would have been. */
gboolean          rtes_import_report_get_dry_run  (RtesImportReport *self);

/* Ids (char*) in the order of the export. */
GPtrArray        *rtes_import_report_get_created  (RtesImportReport *self);
GPtrArray        *rtes_import_report_get_updated  (RtesImportReport *self);
GPtrArray        *rtes_import_report_get_unchanged (RtesImportReport *self);
GPtrArray        *rtes_import_report_get_skipped  (RtesImportReport *self);

/* Members whose value the import changed in fiche @id ("budget",
 * "contacts"…), or NULL for a fiche that was not updated. */
const char * const *rtes_import_report_get_changes (RtesImportReport *self,
                                                    const char       *id);

/* For a fiche with text the importer could not place, the entries
 * ("line 12: “…” kept in the import notes"). */
GPtrArray        *rtes_import_report_get_notes    (RtesImportReport *self,
                                                   const char       *id);
guint             rtes_import_report_count_notes  (RtesImportReport *self);

/* Problems that concern the export rather than a fiche. */
GPtrArray        *rtes_import_report_get_warnings (RtesImportReport *self);

/* "6 created, 0 updated, 0 unchanged" (translated). */
char             *rtes_import_report_format_summary (RtesImportReport *self);

/* For the importer. */
void              rtes_import_report_add_fiche    (RtesImportReport   *self,
                                                   const char         *id,
                                                   RtesImportAction    action,
                                                   const char * const *changes);
void              rtes_import_report_add_notes    (RtesImportReport *self,
                                                   const char       *id,
                                                   GPtrArray        *notes);
void              rtes_import_report_add_warning  (RtesImportReport *self,
                                                   const char       *warning);

G_END_DECLS
