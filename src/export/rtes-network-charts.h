/* rtes-network-charts.h: the charts of the network's figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-chart.h"
#include "rtes-stats.h"

G_BEGIN_DECLS

typedef enum {
  RTES_NETWORK_CHART_MAP,            /* members by département */
  RTES_NETWORK_CHART_KINDS,          /* members by kind */
  RTES_NETWORK_CHART_REGIONS,        /* members by région */
  RTES_NETWORK_CHART_BUDGET_YEARS,   /* ESS budgets by year and section */
  RTES_NETWORK_CHART_BUDGET_MEDIANS, /* median annual ESS budget by kind */
  RTES_NETWORK_CHART_COMPLETENESS,
  RTES_NETWORK_CHART_FRESHNESS,
  RTES_NETWORK_CHART_TAGS,           /* fiches per lever */
  RTES_NETWORK_N_CHARTS
} RtesNetworkChart;

/* How labels are worded: exports are always French; the window speaks
 * the interface's language (gettext). */
typedef enum {
  RTES_NETWORK_WORDING_EXPORT,
  RTES_NETWORK_WORDING_INTERFACE,
} RtesNetworkWording;

/* Stem of the chart's file name ("map", "kinds", "budget-years"…). */
const char *rtes_network_chart_name (RtesNetworkChart    which);

/* The chart of @which for @stats. Items' ids say what a click filters:
 * "kind:<id>", "region:<name>", "departement:<code>", "tag:<id>",
 * "freshness:stale", "completeness:incomplete"; others (budget years,
 * "not given" bars, complete fiches) have none (NULL). */
RtesChart  *rtes_network_chart_new  (RtesStats           *stats,
                                     RtesNetworkChart     which,
                                     RtesNetworkWording   wording);

/* Writes <dir>/<name>.svg for every chart (French, light palette);
 * @dir must exist. */
gboolean    rtes_network_charts_write_svg (RtesStats   *stats,
                                           const char  *dir,
                                           GError     **error);
gboolean    rtes_network_charts_write_png (RtesStats   *stats,
                                           const char  *dir,
                                           GError     **error);

G_END_DECLS
