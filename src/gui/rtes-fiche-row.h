/* rtes-fiche-row.h: one fiche in the sidebar list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rtes-fiche.h"
#include "rtes-workspace.h"

G_BEGIN_DECLS

#define RTES_TYPE_FICHE_ROW (rtes_fiche_row_get_type ())
G_DECLARE_FINAL_TYPE (RtesFicheRow, rtes_fiche_row, RTES, FICHE_ROW, GtkWidget)

RtesFicheRow *rtes_fiche_row_new           (void);
RtesFiche    *rtes_fiche_row_get_fiche     (RtesFicheRow  *self);
void          rtes_fiche_row_set_fiche     (RtesFicheRow  *self,
                                            RtesFiche     *fiche);
void          rtes_fiche_row_set_workspace (RtesFicheRow  *self,
                                            RtesWorkspace *workspace);

/* The check box shown in the list's selection mode. */
GtkCheckButton *rtes_fiche_row_get_check_button   (RtesFicheRow *self);

/* The name and details line whole when the row shows them cut short (its
 * tooltip), else NULL. */
char           *rtes_fiche_row_dup_cut_text       (RtesFicheRow *self);

G_END_DECLS
