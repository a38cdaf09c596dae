/* rtes-imported-fiche.h: one fiche as an export states it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-fiche.h"

G_BEGIN_DECLS

/* Which members of the fiche the export states. A text export gives only
 * some (a single page has no identity block); applying it to a fiche in
 * the library replaces those and keeps the others. */
typedef enum {
  RTES_IMPORT_FIELD_NAME         = 1 << 0,
  RTES_IMPORT_FIELD_STATUS       = 1 << 1,
  RTES_IMPORT_FIELD_UPDATED      = 1 << 2,
  RTES_IMPORT_FIELD_KIND         = 1 << 3,
  RTES_IMPORT_FIELD_POPULATION   = 1 << 4,  /* with population_note */
  RTES_IMPORT_FIELD_MEMBER_SINCE = 1 << 5,
  RTES_IMPORT_FIELD_ADDRESS      = 1 << 6,  /* lines, postcode, city, country */
  RTES_IMPORT_FIELD_REGION       = 1 << 7,
  RTES_IMPORT_FIELD_PANORAMA     = 1 << 8,
  RTES_IMPORT_FIELD_BUDGET       = 1 << 9,  /* text and lines */
  RTES_IMPORT_FIELD_PROGRAMME    = 1 << 10,
  RTES_IMPORT_FIELD_ACTIONS      = 1 << 11,
  RTES_IMPORT_FIELD_CONTACTS     = 1 << 12,
  /* The whole document (JSON export): the fiche replaces the old one. */
  RTES_IMPORT_FIELD_DOCUMENT     = 1 << 13,
} RtesImportFields;

/* Top-level member where text that fits no field is kept, one string per
 * piece, so that nothing an export holds is lost. */
#define RTES_IMPORT_NOTES_MEMBER "import_notes"

#define RTES_TYPE_IMPORTED_FICHE (rtes_imported_fiche_get_type ())
G_DECLARE_FINAL_TYPE (RtesImportedFiche, rtes_imported_fiche, RTES, IMPORTED_FICHE, GObject)

/* @line is where the fiche starts in the export (1-based, 0 if unknown). */
RtesImportedFiche *rtes_imported_fiche_new        (RtesFiche         *fiche,
                                                   guint              line);

RtesFiche         *rtes_imported_fiche_get_fiche  (RtesImportedFiche *self);
guint              rtes_imported_fiche_get_line   (RtesImportedFiche *self);
RtesImportFields   rtes_imported_fiche_get_fields (RtesImportedFiche *self);
void               rtes_imported_fiche_add_fields (RtesImportedFiche *self,
                                                   RtesImportFields   fields);
gboolean           rtes_imported_fiche_has_field  (RtesImportedFiche *self,
                                                   RtesImportFields   field);

/* Text the parser could not place in a field: kept in the fiche's
 * "import_notes" member and listed in the import report. */
void               rtes_imported_fiche_add_note   (RtesImportedFiche *self,
                                                   guint              line,
                                                   const char        *text);
/* Text placed in a field by a guess (the nearest section): kept there and
 * listed in the import report, but not copied into the notes. */
void               rtes_imported_fiche_add_placed (RtesImportedFiche *self,
                                                   guint              line,
                                                   const char        *text,
                                                   const char        *field);
/* "line 12: …" strings for the report, in the order found. */
GPtrArray         *rtes_imported_fiche_get_report_notes (RtesImportedFiche *self);
/* The bare texts given to rtes_imported_fiche_add_note(). */
GPtrArray         *rtes_imported_fiche_get_notes  (RtesImportedFiche *self);

/* The site's "revision" of the fiche (JSON export), or NULL. */
const char        *rtes_imported_fiche_get_revision (RtesImportedFiche *self);
void               rtes_imported_fiche_set_revision (RtesImportedFiche *self,
                                                     const char        *revision);

G_END_DECLS
