/* rtes-chart-view.h: an RtesChart in the window, with tooltips and clicks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rtes-chart.h"

G_BEGIN_DECLS

#define RTES_TYPE_CHART_VIEW (rtes_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (RtesChartView, rtes_chart_view, RTES, CHART_VIEW, GtkWidget)

GtkWidget  *rtes_chart_view_new        (void);

RtesChart  *rtes_chart_view_get_chart  (RtesChartView *self);
void        rtes_chart_view_set_chart  (RtesChartView *self,
                                        RtesChart     *chart);

/* What a click at (@x, @y) does (the click gesture calls it): emits
 * ::item-activated for the item there, if it has an id. TRUE if it did. */
gboolean    rtes_chart_view_click_at   (RtesChartView *self,
                                        double         x,
                                        double         y);

G_END_DECLS
