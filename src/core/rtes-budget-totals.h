/* rtes-budget-totals.h: a fiche's budget lines summed by year and section
 *
 * The editor's Budget page shows them; they are the core's so that an
 * export or the command line can say the same figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  RTES_BUDGET_SLOT_OPERATING,    /* RTES_SECTION_FONCTIONNEMENT */
  RTES_BUDGET_SLOT_INVESTMENT,   /* RTES_SECTION_INVESTISSEMENT */
  RTES_BUDGET_SLOT_UNSAID,       /* no section, or one this version does not know */
  RTES_BUDGET_N_SLOTS
} RtesBudgetSlot;

typedef struct {
  int      year;                            /* RTES_BUDGET_NO_YEAR for lines without one */
  double   by_slot[RTES_BUDGET_N_SLOTS];
  double   total;
  gboolean forecast;                        /* some of its amounts are planned */
} RtesBudgetYearTotal;

/* The totals of @lines (a GListModel of RtesBudgetLine; NULL is none), one
 * RtesBudgetYearTotal per year, oldest first and the lines without a year
 * last, as budgets read. */
GArray *rtes_budget_totals (GListModel *lines);

G_END_DECLS
