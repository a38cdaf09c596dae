/* rtes-budget-totals.c: a fiche's budget lines summed by year and section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-budget-line.h"
#include "rtes-budget-totals.h"

static int
compare_years (gconstpointer a,
               gconstpointer b)
{
  const RtesBudgetYearTotal *ya = a;
  const RtesBudgetYearTotal *yb = b;

  if (ya->year == yb->year)
    return 0;
  if (ya->year == RTES_BUDGET_NO_YEAR)
    return 1;
  if (yb->year == RTES_BUDGET_NO_YEAR)
    return -1;
  return ya->year < yb->year ? -1 : 1;
}

static RtesBudgetSlot
slot_of (const char *section)
{
  if (g_strcmp0 (section, RTES_SECTION_FONCTIONNEMENT) == 0)
    return RTES_BUDGET_SLOT_OPERATING;
  if (g_strcmp0 (section, RTES_SECTION_INVESTISSEMENT) == 0)
    return RTES_BUDGET_SLOT_INVESTMENT;
  return RTES_BUDGET_SLOT_UNSAID;
}

static RtesBudgetYearTotal *
year_total (GArray *years,
            int     year)
{
  RtesBudgetYearTotal fresh = { .year = year };

  for (guint j = 0; j < years->len; j++)
    if (g_array_index (years, RtesBudgetYearTotal, j).year == year)
      return &g_array_index (years, RtesBudgetYearTotal, j);
  g_array_append_val (years, fresh);
  return &g_array_index (years, RtesBudgetYearTotal, years->len - 1);
}

GArray *
rtes_budget_totals (GListModel *lines)
{
  GArray *years = g_array_new (FALSE, TRUE, sizeof (RtesBudgetYearTotal));
  guint n = lines != NULL ? g_list_model_get_n_items (lines) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RtesBudgetLine) line = g_list_model_get_item (lines, i);
      RtesBudgetYearTotal *total = year_total (years, rtes_budget_line_get_year (line));
      double amount = rtes_budget_line_get_amount (line);

      total->by_slot[slot_of (rtes_budget_line_get_section (line))] += amount;
      total->total += amount;
      total->forecast |= rtes_budget_line_get_forecast (line);
    }
  g_array_sort (years, compare_years);
  return years;
}
