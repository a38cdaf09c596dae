/* rtes-import-plan.h: what an import will do, before it does it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import is a merge: each fiche of the export is merged into the
 * library's fiche against the last imported version (rtes-import-store.h).
 * The importer computes the whole merge first and returns it as a plan,
 * having written nothing; a person (or the command line) looks at it,
 * then it is applied:
 *
 *   plan = rtes_importer_plan (importer, "export.txt", NULL, &error);
 *   preview = rtes_import_plan_format_preview (plan);      // by fiche name
 *   for (guint i = 0; i < rtes_import_plan_get_fiches (plan)->len; i++)
 *     {
 *       RtesImportPlanFiche *f = g_ptr_array_index (rtes_import_plan_get_fiches (plan), i);
 *       // f->name, f->id, f->state; f->places: what it gains, changes, keeps
 *     }
 *   rtes_import_plan_commit (plan, library, &error);       // or nothing at all
 *
 * The window applies the fiches itself (through its documents, as one
 * undo step), then calls rtes_import_plan_save_records().
 */
#pragma once

#include <gio/gio.h>

#include "rtes-fiche-merge.h"
#include "rtes-fiche.h"
#include "rtes-import-report.h"
#include "rtes-library.h"

G_BEGIN_DECLS

/**
 * RtesImportPlaceKind:
 * @RTES_IMPORT_PLACE_FILLED: empty here, filled by the export
 * @RTES_IMPORT_PLACE_CHANGED: taken from the export (not changed here since
 *   the last import); also an item the export removed
 * @RTES_IMPORT_PLACE_KEPT: changed here and not in the export: kept
 * @RTES_IMPORT_PLACE_CONFLICT: changed here and in the export differently,
 *   or, without a last import, a value here that the export contradicts:
 *   the value here is kept and the conflict recorded
 */
typedef enum {
  RTES_IMPORT_PLACE_FILLED,
  RTES_IMPORT_PLACE_CHANGED,
  RTES_IMPORT_PLACE_KEPT,
  RTES_IMPORT_PLACE_CONFLICT,
} RtesImportPlaceKind;

/**
 * RtesImportPlace:
 * @kind: see #RtesImportPlaceKind
 * @path: the place (rtes-fiche-path.h)
 * @label: the place as people name it ("Contact “Marie Dupont”: phone")
 * @here: the value in the library before the import, as text
 * @export: the export's value, as text
 * @item: the place is a whole contact or budget line (@label names it)
 * @here_absent: there is nothing at the place here (an item added by the
 *   export, or removed here)
 * @export_absent: there is nothing at the place in the export (an item
 *   added here, or removed by the export)
 *
 * Texts are translated and hold no JSON.
 */
typedef struct {
  RtesImportPlaceKind  kind;
  char                *path;
  char                *label;
  char                *here;
  char                *export;
  gboolean             item;
  gboolean             here_absent;
  gboolean             export_absent;
} RtesImportPlace;

/**
 * RtesImportFicheState:
 * @RTES_IMPORT_FICHE_NEW: not in the library: created
 * @RTES_IMPORT_FICHE_CHANGED: the file changes
 * @RTES_IMPORT_FICHE_CONFLICTS: the import found conflicts in it (its file
 *   may change too, for the places that do not conflict)
 * @RTES_IMPORT_FICHE_UNCHANGED: nothing to write
 * @RTES_IMPORT_FICHE_SKIPPED: its file could not be read: left alone
 */
typedef enum {
  RTES_IMPORT_FICHE_NEW,
  RTES_IMPORT_FICHE_CHANGED,
  RTES_IMPORT_FICHE_CONFLICTS,
  RTES_IMPORT_FICHE_UNCHANGED,
  RTES_IMPORT_FICHE_SKIPPED,
} RtesImportFicheState;

/**
 * RtesImportPlanFiche:
 * @id: the fiche's id in the library
 * @name: its name (the library's, else the export's)
 * @state: see #RtesImportFicheState
 * @places: #RtesImportPlace*, in document order
 * @after: (nullable): what the file will hold; NULL when it is not written
 * @before: (nullable): the file's canonical bytes when planned; NULL for
 *   a new fiche. A commit refuses to write over anything else.
 * @has_base: FALSE when the fiche was never imported by this version
 *   (conflicts then read "In the export / Here")
 * @notes: "line 12: …" entries: text of the export that fits no field
 * @open_conflicts: the fiche's import conflicts left open after this
 *   import: those it finds, and older ones not settled yet
 */
typedef struct {
  char                 *id;
  char                 *name;
  RtesImportFicheState  state;
  GPtrArray            *places;
  RtesFiche            *after;
  GBytes               *before;
  gboolean              has_base;
  GPtrArray            *notes;
  guint                 open_conflicts;
} RtesImportPlanFiche;

/* How many places of @fiche are of @kind. */
guint rtes_import_plan_fiche_count (const RtesImportPlanFiche *fiche,
                                    RtesImportPlaceKind        kind);

#define RTES_TYPE_IMPORT_PLAN (rtes_import_plan_get_type ())
G_DECLARE_FINAL_TYPE (RtesImportPlan, rtes_import_plan, RTES, IMPORT_PLAN, GObject)

const char *rtes_import_plan_get_source     (RtesImportPlan *self);
const char *rtes_import_plan_get_library_path (RtesImportPlan *self);
/* RtesImportPlanFiche*, in the order of the export. */
GPtrArray  *rtes_import_plan_get_fiches     (RtesImportPlan *self);
RtesImportPlanFiche *rtes_import_plan_lookup (RtesImportPlan *self,
                                              const char     *id);
/* Problems that concern the export rather than a fiche (char*). */
GPtrArray  *rtes_import_plan_get_warnings   (RtesImportPlan *self);
/* Fiches in @state. */
guint       rtes_import_plan_count          (RtesImportPlan       *self,
                                             RtesImportFicheState  state);
/* TRUE when committing would write anything: a fiche, or the records. */
gboolean    rtes_import_plan_has_changes    (RtesImportPlan *self);

/* "Import of export.txt: 1 new fiche, 2 changed, 1 with conflicts, 3
 * unchanged" and, fiche by fiche, by name, what each gains, changes and
 * keeps, and its conflicts ("In the export: … / Here: …"); translated.
 * The command line prints it for --dry-run and --report. */
char       *rtes_import_plan_format_summary (RtesImportPlan *self);
char       *rtes_import_plan_format_preview (RtesImportPlan *self);

/* Writes the fiche files the plan changes (each atomically, after
 * checking that it still holds @before: RTES_IMPORT_ERROR_CHANGED, and
 * nothing written, otherwise), then the records; any thread. */
gboolean    rtes_import_plan_write          (RtesImportPlan  *self,
                                             GCancellable    *cancellable,
                                             GError         **error);
/* Writes, then brings @library's list up to date with the files written
 * (even after a failed write); for the command line. */
gboolean    rtes_import_plan_commit         (RtesImportPlan  *self,
                                             RtesLibrary     *library,
                                             GError         **error);
/* Ids whose files rtes_import_plan_write() wrote. */
GPtrArray  *rtes_import_plan_get_written    (RtesImportPlan *self);

/* Only the records (bases and conflicts), for a caller that wrote the
 * fiches itself. Any thread. */
gboolean    rtes_import_plan_save_records   (RtesImportPlan  *self,
                                             GError         **error);

/* The plan as the report older callers read: created, updated (written),
 * unchanged, skipped ids, changed members, notes and warnings. */
RtesImportReport *rtes_import_plan_to_report (RtesImportPlan *self,
                                              gboolean        dry_run);

G_END_DECLS
