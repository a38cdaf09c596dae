/* rtes-sidebar.h: the searchable, filterable list of a library's fiches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rtes-workspace.h"

G_BEGIN_DECLS

#define RTES_TYPE_SIDEBAR (rtes_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (RtesSidebar, rtes_sidebar, RTES, SIDEBAR, GtkWidget)

void           rtes_sidebar_set_workspace      (RtesSidebar   *self,
                                                RtesWorkspace *workspace);

RtesFiche     *rtes_sidebar_get_selected_fiche (RtesSidebar   *self);
void           rtes_sidebar_set_selected_fiche (RtesSidebar   *self,
                                                RtesFiche     *fiche);

/* The list as shown, after search and filters: a GListModel of RtesFiche. */
GListModel    *rtes_sidebar_get_model          (RtesSidebar   *self);

GtkSearchEntry *rtes_sidebar_get_search_entry  (RtesSidebar   *self);
void           rtes_sidebar_set_search_text    (RtesSidebar   *self,
                                                const char    *text);

/* Filters: NULL or "" for "any". */
void           rtes_sidebar_set_kind_filter    (RtesSidebar   *self,
                                                const char    *kind);
void           rtes_sidebar_set_region_filter  (RtesSidebar   *self,
                                                const char    *region);
/* Sets the filter an overview item stands for: "kind:<id>",
 * "region:<name>", "departement:<code>", "tag:<id>", "freshness:stale",
 * "completeness:incomplete" (see rtes-network-charts.h). Other filters
 * stay. FALSE (and nothing changes) for anything else. */
gboolean       rtes_sidebar_apply_filter       (RtesSidebar   *self,
                                                const char    *filter);
void           rtes_sidebar_set_status_filter  (RtesSidebar   *self,
                                                const char    *status);
void           rtes_sidebar_set_incomplete_only (RtesSidebar  *self,
                                                 gboolean      incomplete_only);
void           rtes_sidebar_set_stale_only     (RtesSidebar   *self,
                                                gboolean       stale_only);
void           rtes_sidebar_clear_filters      (RtesSidebar   *self);

/* "name", "updated" or "member-since" (the GSettings "sort-order"). */
const char    *rtes_sidebar_get_sort_order     (RtesSidebar   *self);
void           rtes_sidebar_set_sort_order     (RtesSidebar   *self,
                                                const char    *sort_order);

/* The other way round from the order's own (Z to A…): the GSettings
 * "sort-descending". */
void           rtes_sidebar_set_sort_descending (RtesSidebar *self,
                                                 gboolean     sort_descending);

/* Selection mode: rows have check boxes and an action bar acts on the
 * checked fiches (the window's win.selection-* actions). */
gboolean       rtes_sidebar_get_selection_mode (RtesSidebar  *self);
void           rtes_sidebar_set_selection_mode (RtesSidebar  *self,
                                                gboolean      selection_mode);
/* The checked fiches in list order (empty outside selection mode). */
GPtrArray     *rtes_sidebar_get_selected_fiches (RtesSidebar *self);
guint          rtes_sidebar_get_n_selected     (RtesSidebar  *self);
/* Enters selection mode with every fiche shown checked (Ctrl+A). */
void           rtes_sidebar_select_all         (RtesSidebar  *self);
/* Checks or unchecks @fiche if the list shows it. */
void           rtes_sidebar_set_fiche_selected (RtesSidebar  *self,
                                                RtesFiche    *fiche,
                                                gboolean      selected);

/* Sorts and filters again after fiches changed (a save, a reload). */
void           rtes_sidebar_invalidate         (RtesSidebar   *self);

G_END_DECLS
