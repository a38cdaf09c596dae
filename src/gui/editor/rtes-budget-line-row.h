/* rtes-budget-line-row.h: one budget line in the Budget page's list
 *
 * An expander row: collapsed, it reads like the site ("6 100 000 €",
 * section, year, forecast, label); expanded, it edits each member. It
 * writes to its RtesBudgetLine at once and refills from the line's
 * notifications, leaving alone the field being typed in; its menu's
 * actions are line.move-up, line.move-down and line.remove (see
 * RtesCardRow).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-budget-line.h"
#include "rtes-card-row.h"

G_BEGIN_DECLS

#define RTES_TYPE_BUDGET_LINE_ROW (rtes_budget_line_row_get_type ())
G_DECLARE_FINAL_TYPE (RtesBudgetLineRow, rtes_budget_line_row, RTES, BUDGET_LINE_ROW, RtesCardRow)

GtkWidget      *rtes_budget_line_row_new      (RtesBudgetLine    *line);
RtesBudgetLine *rtes_budget_line_row_get_line (RtesBudgetLineRow *self);

G_END_DECLS
