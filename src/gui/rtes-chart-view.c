/* rtes-chart-view.c: an RtesChart in the window, with tooltips and clicks
 *
 * Draws the chart with the export library's code through a cairo node,
 * with the dark palette when libadwaita's style is dark. Hovering an item
 * outlines it and shows its sentence as a tooltip; clicking an item that
 * stands for something ("kind:metropole", "departement:25") emits
 * ::item-activated, which the overview turns into a sidebar filter.
 *
 * The drawing is a picture to a screen reader: its accessible label is
 * the chart's title and its description every item's sentence. The
 * overview also lists the items as rows, reachable by keyboard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "rtes-chart-view.h"

struct _RtesChartView
{
  GtkWidget parent_instance;

  RtesChart *chart;
  int hovered;
};

G_DEFINE_FINAL_TYPE (RtesChartView, rtes_chart_view, GTK_TYPE_WIDGET)

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const RtesChartPalette *
palette (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ())
         ? rtes_chart_palette_dark () : rtes_chart_palette_light ();
}

static void
rtes_chart_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  RtesChartView *self = RTES_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  rtes_chart_draw (self->chart, cr, width, height, palette (), self->hovered);
  cairo_destroy (cr);
}

static GtkSizeRequestMode
rtes_chart_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
rtes_chart_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  RtesChartView *self = RTES_CHART_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Down to a 360-pixel phone, margins included. */
      *minimum = 200;
      *natural = 600;
    }
  else
    {
      double width = for_size > 0 ? for_size : 600;

      *minimum = *natural = self->chart != NULL
                            ? (int) ceil (rtes_chart_get_height_for_width (self->chart, width)) : 0;
    }
}

static void
set_hovered (RtesChartView *self,
             int            hovered)
{
  if (self->hovered == hovered)
    return;
  self->hovered = hovered;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
item_has_id (RtesChartView *self,
             int            index)
{
  return index >= 0 && rtes_chart_get_item_id (self->chart, index) != NULL;
}

static void
motion (GtkEventControllerMotion *controller,
        double                    x,
        double                    y,
        RtesChartView            *self)
{
  int hit = self->chart != NULL ? rtes_chart_hit (self->chart, x, y) : -1;

  set_hovered (self, hit);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), item_has_id (self, hit) ? "pointer" : NULL);
}

static void
leave (GtkEventControllerMotion *controller,
       RtesChartView            *self)
{
  set_hovered (self, -1);
}

static gboolean
query_tooltip (GtkWidget  *widget,
               int         x,
               int         y,
               gboolean    keyboard,
               GtkTooltip *tooltip)
{
  RtesChartView *self = RTES_CHART_VIEW (widget);
  int hit;

  if (self->chart == NULL)
    return FALSE;
  hit = rtes_chart_hit (self->chart, x, y);
  if (hit < 0)
    return FALSE;
  gtk_tooltip_set_text (tooltip, rtes_chart_get_item_description (self->chart, hit));
  return TRUE;
}

gboolean
rtes_chart_view_click_at (RtesChartView *self,
                          double         x,
                          double         y)
{
  int hit;

  g_return_val_if_fail (RTES_IS_CHART_VIEW (self), FALSE);

  if (self->chart == NULL)
    return FALSE;
  hit = rtes_chart_hit (self->chart, x, y);
  if (!item_has_id (self, hit))
    return FALSE;
  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, rtes_chart_get_item_id (self->chart, hit));
  return TRUE;
}

static void
released (GtkGestureClick *gesture,
          int              n_press,
          double           x,
          double           y,
          RtesChartView   *self)
{
  rtes_chart_view_click_at (self, x, y);
}

static void
update_accessible (RtesChartView *self)
{
  g_autoptr(GString) description = g_string_new (NULL);
  guint n = self->chart != NULL ? rtes_chart_get_n_items (self->chart) : 0;

  for (guint i = 0; i < n; i++)
    {
      if (self->chart != NULL && rtes_chart_get_kind (self->chart) == RTES_CHART_MAP &&
          rtes_chart_get_item_value (self->chart, i) <= 0)
        continue;  /* A hundred empty départements say nothing. */
      if (description->len > 0)
        g_string_append (description, "; ");
      g_string_append (description, rtes_chart_get_item_description (self->chart, i));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->chart != NULL ? rtes_chart_get_title (self->chart) : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

RtesChart *
rtes_chart_view_get_chart (RtesChartView *self)
{
  g_return_val_if_fail (RTES_IS_CHART_VIEW (self), NULL);
  return self->chart;
}

void
rtes_chart_view_set_chart (RtesChartView *self,
                           RtesChart     *chart)
{
  g_return_if_fail (RTES_IS_CHART_VIEW (self));

  if (!g_set_object (&self->chart, chart))
    return;
  self->hovered = -1;
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
rtes_chart_view_dispose (GObject *object)
{
  RtesChartView *self = RTES_CHART_VIEW (object);

  g_clear_object (&self->chart);
  G_OBJECT_CLASS (rtes_chart_view_parent_class)->dispose (object);
}

static void
rtes_chart_view_class_init (RtesChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rtes_chart_view_dispose;
  widget_class->snapshot = rtes_chart_view_snapshot;
  widget_class->measure = rtes_chart_view_measure;
  widget_class->get_request_mode = rtes_chart_view_get_request_mode;
  widget_class->query_tooltip = query_tooltip;

  /* An item with an id was clicked; the id says what it stands for. */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "rteschartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rtes_chart_view_init (RtesChartView *self)
{
  GtkEventController *motion_controller = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->hovered = -1;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (motion_controller, "motion", G_CALLBACK (motion), self);
  g_signal_connect (motion_controller, "leave", G_CALLBACK (leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion_controller);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

GtkWidget *
rtes_chart_view_new (void)
{
  return g_object_new (RTES_TYPE_CHART_VIEW, NULL);
}
