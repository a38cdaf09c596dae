/* rtes-budget-line-row.h: one budget line in the Budget page's list
 *
 * An expander row: collapsed, it reads like the site ("6 100 000 €",
 * section, year, forecast, label); expanded, it edits each member. It
 * writes to its RtesBudgetLine at once and refills from the line's
 * notifications, leaving alone the field being typed in. Moving and
 * removing are asked of the page with the ::move and ::remove signals,
 * because the order lives in the fiche's list, not in the row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rtes-budget-line.h"

G_BEGIN_DECLS

#define RTES_TYPE_BUDGET_LINE_ROW (rtes_budget_line_row_get_type ())
G_DECLARE_FINAL_TYPE (RtesBudgetLineRow, rtes_budget_line_row, RTES, BUDGET_LINE_ROW, AdwExpanderRow)

GtkWidget      *rtes_budget_line_row_new         (RtesBudgetLine    *line);
RtesBudgetLine *rtes_budget_line_row_get_line    (RtesBudgetLineRow *self);

/* Enables "line.move-up" / "line.move-down" by the row's place in the list. */
void            rtes_budget_line_row_set_position (RtesBudgetLineRow *self,
                                                   guint              position,
                                                   guint              n_items);

/* Marks the row's fields with the issues under "budget.lines[N]." */
void            rtes_budget_line_row_show_issues (RtesBudgetLineRow *self,
                                                  GPtrArray         *issues,
                                                  guint              position);

/* The field holding the keyboard focus ("amount"…) and its cursor, or
 * NULL; and putting the focus back there in a new row for the same line. */
const char     *rtes_budget_line_row_get_focus     (RtesBudgetLineRow *self,
                                                    int               *position);
void            rtes_budget_line_row_restore_focus (RtesBudgetLineRow *self,
                                                    const char        *field,
                                                    int                position);

/* Focuses the amount (a new line) and expands the row. */
void            rtes_budget_line_row_focus_amount (RtesBudgetLineRow *self);
/* Expands the row and focuses @field ("amount", "year"…; NULL: the amount). */
gboolean        rtes_budget_line_row_focus_field  (RtesBudgetLineRow *self,
                                                   const char        *field);

G_END_DECLS
