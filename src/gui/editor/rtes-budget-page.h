/* rtes-budget-page.h: the fiche's ESS budget
 *
 * The narrative (an embedded RtesTextSectionPage) and the budget lines,
 * cards that can be added, removed and reordered (RtesCardListPage), with
 * totals per year and section under them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-card-list-page.h"

G_BEGIN_DECLS

#define RTES_TYPE_BUDGET_PAGE (rtes_budget_page_get_type ())
G_DECLARE_FINAL_TYPE (RtesBudgetPage, rtes_budget_page, RTES, BUDGET_PAGE, RtesCardListPage)

GtkWidget      *rtes_budget_page_new         (void);

/* What the "Add Line" button does (see rtes_card_list_page_add()). */
RtesBudgetLine *rtes_budget_page_add_line    (RtesBudgetPage *self);

GtkListBox     *rtes_budget_page_get_lines_list  (RtesBudgetPage *self);
GtkListBox     *rtes_budget_page_get_totals_list (RtesBudgetPage *self);

G_END_DECLS
