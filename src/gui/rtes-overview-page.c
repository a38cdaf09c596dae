/* rtes-overview-page.c: "Vue d'ensemble", the network at a glance
 *
 * The answer to "how many métropoles are members, where, and what do they
 * spend on the ESS?" as pictures: the map, members by kind and région,
 * budgets, completeness, freshness and levers, each a chart drawn by the
 * export library's code. Every chart is followed by its figures as a list
 * of rows (collapsed under "Show the Figures"), which a screen reader
 * reads and a keyboard reaches; activating a row does what clicking its
 * bar does: ::filter-activated, which the window turns into a sidebar
 * filter.
 *
 * The figures are counted again when the library's list changes and when
 * the window asks (after saves); counting ten thousand fiches takes a few
 * tens of milliseconds, so it happens in an idle callback, once per burst
 * of changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rtes-chart-view.h"
#include "rtes-overview-page.h"
#include "rtes-stats.h"

typedef struct {
  GtkWidget *view;
  GtkListBox *figures;
} Section;

struct _RtesOverviewPage
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget *scrolled;
  GtkBox *sections_box;
  GtkLabel *summary_label;

  /* Owned */
  GListModel *fiches;
  Section sections[RTES_NETWORK_N_CHARTS];

  /* State */
  guint refresh_source;
};

G_DEFINE_FINAL_TYPE (RtesOverviewPage, rtes_overview_page, GTK_TYPE_WIDGET)

enum {
  FILTER_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The order of the page: the map first, as the question asks
 * "where" right after "how many". */
static const RtesNetworkChart order[] = {
  RTES_NETWORK_CHART_KINDS,
  RTES_NETWORK_CHART_MAP,
  RTES_NETWORK_CHART_REGIONS,
  RTES_NETWORK_CHART_BUDGET_YEARS,
  RTES_NETWORK_CHART_BUDGET_MEDIANS,
  RTES_NETWORK_CHART_COMPLETENESS,
  RTES_NETWORK_CHART_FRESHNESS,
  RTES_NETWORK_CHART_TAGS,
};

static void
chart_item_activated (RtesOverviewPage *self,
                      const char       *id)
{
  g_signal_emit (self, signals[FILTER_ACTIVATED], 0, id);
}

static void
figure_row_activated (RtesOverviewPage *self,
                      GtkListBoxRow    *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "rtes-filter");

  if (id != NULL)
    g_signal_emit (self, signals[FILTER_ACTIVATED], 0, id);
}

static void
fill_figures (GtkListBox *list,
              RtesChart  *chart)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);

  for (guint i = 0; i < rtes_chart_get_n_items (chart); i++)
    {
      const char *id = rtes_chart_get_item_id (chart, i);
      GtkWidget *row;
      GtkWidget *value;

      /* The map lists the départements that have members. */
      if (rtes_chart_get_kind (chart) == RTES_CHART_MAP && rtes_chart_get_item_value (chart, i) <= 0)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rtes_chart_get_item_label (chart, i));
      value = gtk_label_new (rtes_chart_get_item_value_text (chart, i));
      gtk_label_set_wrap (GTK_LABEL (value), TRUE);
      gtk_label_set_xalign (GTK_LABEL (value), 1);
      gtk_widget_add_css_class (value, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      rtes_chart_get_item_description (chart, i), -1);
      if (id != NULL)
        {
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          /* Object data: "row-activated" hands over the row, not what it is for. */
          g_object_set_data_full (G_OBJECT (row), "rtes-filter", g_strdup (id), g_free);
          gtk_widget_set_tooltip_text (row, _("Show these fiches in the list"));
        }
      gtk_list_box_append (list, row);
    }
}

static void
update_summary (RtesOverviewPage *self,
                RtesStats        *stats)
{
  guint n = rtes_stats_get_n_fiches (stats);
  guint drafts = rtes_stats_get_n_drafts (stats);
  guint stale = rtes_stats_get_freshness_count (stats, RTES_STATS_STALE) +
                rtes_stats_get_freshness_count (stats, RTES_STATS_UNDATED);
  g_autofree char *fiches = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member collectivity",
                                                          "%u member collectivities", n), n);
  g_autofree char *draft_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u draft", "%u drafts", drafts),
                                                 drafts);
  g_autofree char *stale_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u not updated for two years",
                                                              "%u not updated for two years", stale),
                                                 stale);
  g_autofree char *text = g_strdup_printf ("%s · %s · %s", fiches, draft_text, stale_text);

  gtk_label_set_text (self->summary_label, text);
}

static gboolean
refresh_now (gpointer user_data)
{
  RtesOverviewPage *self = user_data;
  g_autoptr(RtesStats) stats = NULL;
  g_autoptr(GListStore) empty = NULL;
  GListModel *fiches = self->fiches;

  self->refresh_source = 0;
  if (fiches == NULL)
    fiches = G_LIST_MODEL (empty = g_list_store_new (G_TYPE_OBJECT));
  stats = rtes_stats_new (fiches, NULL);
  update_summary (self, stats);
  for (guint i = 0; i < RTES_NETWORK_N_CHARTS; i++)
    {
      g_autoptr(RtesChart) chart = rtes_network_chart_new (stats, i, RTES_NETWORK_WORDING_INTERFACE);

      /* A little smaller than body text (11 pt at 96 dpi is 14.7 px): a
       * chart's labels are many, and read beside their bars. */
      rtes_chart_set_font_size (chart, 13);
      rtes_chart_view_set_chart (RTES_CHART_VIEW (self->sections[i].view), chart);
      fill_figures (self->sections[i].figures, chart);
    }
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (RtesOverviewPage *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_now, self, NULL);
}

void
rtes_overview_page_refresh (RtesOverviewPage *self)
{
  g_return_if_fail (RTES_IS_OVERVIEW_PAGE (self));
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  refresh_now (self);
}

void
rtes_overview_page_set_fiches (RtesOverviewPage *self,
                               GListModel       *fiches)
{
  g_return_if_fail (RTES_IS_OVERVIEW_PAGE (self));

  if (self->fiches == fiches)
    return;
  if (self->fiches != NULL)
    g_signal_handlers_disconnect_by_func (self->fiches, queue_refresh, self);
  g_set_object (&self->fiches, fiches);
  if (fiches != NULL)
    g_signal_connect_swapped (fiches, "items-changed", G_CALLBACK (queue_refresh), self);
  rtes_overview_page_refresh (self);
}

GtkWidget *
rtes_overview_page_get_chart_view (RtesOverviewPage *self,
                                   RtesNetworkChart  which)
{
  g_return_val_if_fail (RTES_IS_OVERVIEW_PAGE (self), NULL);
  g_return_val_if_fail (which < RTES_NETWORK_N_CHARTS, NULL);
  return self->sections[which].view;
}

GtkListBox *
rtes_overview_page_get_figures (RtesOverviewPage *self,
                                RtesNetworkChart  which)
{
  g_return_val_if_fail (RTES_IS_OVERVIEW_PAGE (self), NULL);
  g_return_val_if_fail (which < RTES_NETWORK_N_CHARTS, NULL);
  return self->sections[which].figures;
}

/* One chart: its title, the drawing, and its figures under an expander. */
static void
build_section (RtesOverviewPage *self,
               RtesNetworkChart  which)
{
  g_autoptr(RtesChart) chart = NULL;
  g_autoptr(GListStore) empty = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(RtesStats) stats = rtes_stats_new (G_LIST_MODEL (empty), NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading;
  GtkWidget *view = rtes_chart_view_new ();
  GtkWidget *expander;
  GtkWidget *figures = gtk_list_box_new ();
  g_autofree char *figures_label = NULL;
  g_autofree char *expander_label = NULL;

  /* The title in the interface's language. */
  chart = rtes_network_chart_new (stats, which, RTES_NETWORK_WORDING_INTERFACE);
  heading = gtk_label_new (rtes_chart_get_title (chart));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "title-4");
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_box_append (GTK_BOX (box), heading);

  g_signal_connect_object (view, "item-activated", G_CALLBACK (chart_item_activated), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), view);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (figures), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (figures, "boxed-list");
  /* Translators: the accessible name of a chart's list of figures */
  figures_label = g_strdup_printf (_("Figures: %s"), rtes_chart_get_title (chart));
  gtk_accessible_update_property (GTK_ACCESSIBLE (figures), GTK_ACCESSIBLE_PROPERTY_LABEL, figures_label, -1);
  g_signal_connect_object (figures, "row-activated", G_CALLBACK (figure_row_activated), self,
                           G_CONNECT_SWAPPED);
  expander = gtk_expander_new_with_mnemonic (_("Show the _Figures"));
  gtk_expander_set_child (GTK_EXPANDER (expander), figures);
  /* GTK 4.8 gives an expander no name of its own: a screen reader would
   * say "button" eight times over. */
  expander_label = g_strdup_printf (_("Show the figures: %s"), rtes_chart_get_title (chart));
  gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL, expander_label, -1);
  gtk_widget_set_margin_top (figures, 6);
  gtk_box_append (GTK_BOX (box), expander);

  gtk_widget_set_margin_top (box, 12);
  gtk_box_append (self->sections_box, box);
  self->sections[which].view = view;
  self->sections[which].figures = GTK_LIST_BOX (figures);
}

static void
rtes_overview_page_dispose (GObject *object)
{
  RtesOverviewPage *self = RTES_OVERVIEW_PAGE (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->fiches != NULL)
    g_signal_handlers_disconnect_by_func (self->fiches, queue_refresh, self);
  g_clear_object (&self->fiches);
  gtk_widget_dispose_template (GTK_WIDGET (self), RTES_TYPE_OVERVIEW_PAGE);

  G_OBJECT_CLASS (rtes_overview_page_parent_class)->dispose (object);
}

static void
rtes_overview_page_class_init (RtesOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rtes_overview_page_dispose;

  /* A bar, a département, a tag or a row was activated: @id says which
   * fiches to show ("kind:metropole", "departement:25", "tag:iae"…). */
  signals[FILTER_ACTIVATED] =
    g_signal_new ("filter-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/fr/rtes/Fiches/ui/rtes-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RtesOverviewPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, RtesOverviewPage, sections_box);
  gtk_widget_class_bind_template_child (widget_class, RtesOverviewPage, summary_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rtesoverviewpage");
}

static void
rtes_overview_page_init (RtesOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    build_section (self, order[i]);
  refresh_now (self);
}
