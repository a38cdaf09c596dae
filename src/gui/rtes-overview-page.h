/* rtes-overview-page.h: "Vue d'ensemble", the network at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rtes-network-charts.h"

G_BEGIN_DECLS

#define RTES_TYPE_OVERVIEW_PAGE (rtes_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (RtesOverviewPage, rtes_overview_page, RTES, OVERVIEW_PAGE, GtkWidget)

/* The fiches to count (RtesFiche items, a library); NULL shows nothing. */
void        rtes_overview_page_set_fiches     (RtesOverviewPage *self,
                                               GListModel       *fiches);
/* Counts again (after fiches were saved: their content changed). */
void        rtes_overview_page_refresh        (RtesOverviewPage *self);

/* The view drawing chart @which; the rows listing its figures. */
GtkWidget  *rtes_overview_page_get_chart_view (RtesOverviewPage *self,
                                               RtesNetworkChart  which);
GtkListBox *rtes_overview_page_get_figures    (RtesOverviewPage *self,
                                               RtesNetworkChart  which);

G_END_DECLS
