/* rtes-finding-row.h: one finding of the Relecture, as a list row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The message, then the text in question and where it is ("« blabla »
 * · Panorama"), an icon for how serious it is and, for a typography
 * finding, a button that applies its fix. Activating the row takes the
 * person to the field (the list that holds it does that).
 */
#pragma once

#include <adwaita.h>

#include "rtes-finding.h"

G_BEGIN_DECLS

#define RTES_TYPE_FINDING_ROW (rtes_finding_row_get_type ())
G_DECLARE_FINAL_TYPE (RtesFindingRow, rtes_finding_row, RTES, FINDING_ROW, AdwActionRow)

/* @fiche_name not NULL: the subtitle names the fiche too (the library's list). */
GtkWidget         *rtes_finding_row_new         (const RtesFinding *finding,
                                                 const char        *fiche_name);
const RtesFinding *rtes_finding_row_get_finding (RtesFindingRow    *self);

/* Where a finding is, for people: "Panorama", "Contact 3 · E-mail". */
char              *rtes_finding_field_label     (const char        *field);

G_END_DECLS
