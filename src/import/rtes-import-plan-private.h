/* rtes-import-plan-private.h: how the importer builds a plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-import-plan.h"
#include "rtes-import-store.h"
#include "rtes-imported-fiche.h"

G_BEGIN_DECLS

/* Takes a reference to @store: the plan records bases and conflicts in
 * it, and rtes_import_plan_save_records() writes them. */
RtesImportPlan *rtes_import_plan_new          (const char      *library_path,
                                               const char      *source,
                                               const char      *format,
                                               RtesImportStore *store);

void            rtes_import_plan_add_warning  (RtesImportPlan  *self,
                                               const char      *warning);
void            rtes_import_plan_add_skipped  (RtesImportPlan  *self,
                                               const char      *id,
                                               const char      *name);

/* Merges the export's version of fiche @id, @theirs, into @mine (NULL:
 * a new fiche) against @base (NULL: never imported). @fields are the
 * members the export states (a text export states some; others are not
 * changes). @date_given: the export said when the fiche last changed;
 * otherwise a fiche whose content changes gets @now. @notes are the
 * report's lines for text that fits no field. FALSE only when the merged
 * fiche cannot be read back, with a warning added: the fiche is skipped. */
gboolean        rtes_import_plan_add_fiche    (RtesImportPlan   *self,
                                               const char       *id,
                                               RtesFiche        *mine,
                                               RtesFiche        *theirs,
                                               JsonNode         *base,
                                               RtesImportFields  fields,
                                               gboolean          date_given,
                                               GDateTime        *now,
                                               GPtrArray        *notes);

G_END_DECLS
