/* rtes-conflict-form.h: one contact, budget line or field in conflict, as a form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RtesConflictView shows one form per place in conflict: a contact or a
 * budget line with all its fields, the address, or one field. The form
 * puts the values before, on the other side and here side by side, marks
 * the fields that differ, and under them gives each field in conflict its
 * choice and the editor's own widget holding the value to keep:
 *
 *   form = rtes_conflict_form_new (RTES_CONFLICT_SIDE_SITE, "contacts[key=c7f3a2]",
 *                                  conflicts, document, site_document);
 *   g_signal_connect (form, "apply", G_CALLBACK (on_apply), view);
 *   …
 *   choices = rtes_conflict_form_get_choices (form, &error);   // NULL: a value does not read
 *
 * Values a person types are read as the editor reads them (RtesNumberRow
 * for amounts, counts and years; the contact and budget line cards for a
 * whole item), never as JSON; values are shown through the describer
 * (rtes-fiche-describe.h), never as JSON either.
 */
#pragma once

#include <adwaita.h>

#include "rtes-conflict-choice.h"

G_BEGIN_DECLS

/**
 * RtesConflictSide:
 * @RTES_CONFLICT_SIDE_SITE: the other side is the RTES site (a sync)
 * @RTES_CONFLICT_SIDE_EXPORT: the other side is an export (an import)
 *
 * What the other side is called: "On the Site", "In the Export".
 */
typedef enum {
  RTES_CONFLICT_SIDE_SITE,
  RTES_CONFLICT_SIDE_EXPORT,
} RtesConflictSide;

#define RTES_TYPE_CONFLICT_FORM (rtes_conflict_form_get_type ())
G_DECLARE_FINAL_TYPE (RtesConflictForm, rtes_conflict_form, RTES, CONFLICT_FORM, AdwBin)

/* The place a conflict is shown in: the contact or budget line of any of
 * its members ("contacts[key=c7]" for "contacts[key=c7].phone"),
 * "address" for a member of the address, the path itself otherwise. */
char       *rtes_conflict_form_place_of      (const char        *path);

/* @conflicts: RtesConflict* of one fiche whose place is @place (copied).
 * @document: the local fiche document; @theirs_document (nullable): the
 * other side's copy of the fiche, to show the fields not in conflict. */
GtkWidget  *rtes_conflict_form_new           (RtesConflictSide   side,
                                              const char        *place,
                                              GPtrArray         *conflicts,
                                              JsonNode          *document,
                                              JsonNode          *theirs_document);
/* RtesConflict*, owned by the form. */
GPtrArray  *rtes_conflict_form_get_conflicts (RtesConflictForm  *self);

/* One RtesConflictChoice per conflict, as the form stands; NULL with
 * @error (naming the field) when a value typed does not read. */
GPtrArray  *rtes_conflict_form_get_choices   (RtesConflictForm  *self,
                                              GError           **error);

/* Shows @message under the form (NULL hides it). */
void        rtes_conflict_form_set_error     (RtesConflictForm  *self,
                                              const char        *message);

G_END_DECLS
