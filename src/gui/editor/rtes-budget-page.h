/* rtes-budget-page.h: the fiche's ESS budget
 *
 * The narrative (an embedded RtesTextSectionPage) and the budget lines,
 * which can be added, removed and reordered, with totals per year and
 * section under them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-form-page.h"

G_BEGIN_DECLS

#define RTES_TYPE_BUDGET_PAGE (rtes_budget_page_get_type ())
G_DECLARE_FINAL_TYPE (RtesBudgetPage, rtes_budget_page, RTES, BUDGET_PAGE, RtesFormPage)

GtkWidget      *rtes_budget_page_new         (void);

/* What the "Add Line" button and the rows' menus do. */
RtesBudgetLine *rtes_budget_page_add_line    (RtesBudgetPage *self);
void            rtes_budget_page_remove_line (RtesBudgetPage *self,
                                              guint           position);
void            rtes_budget_page_move_line   (RtesBudgetPage *self,
                                              guint           position,
                                              int             delta);

GtkListBox     *rtes_budget_page_get_lines_list  (RtesBudgetPage *self);
GtkListBox     *rtes_budget_page_get_totals_list (RtesBudgetPage *self);

G_END_DECLS
