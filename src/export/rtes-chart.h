/* rtes-chart.h: bar charts and the map of France, drawn on any cairo_t
 *
 * An RtesChart is data (items with a label, one to three values and the
 * text a person reads for them) plus the code that lays it out and draws
 * it with cairo and Pango. The window draws it in a widget, the CLI in SVG
 * files, the booklet on a PDF page, the tests in PNG images: the same
 * code, with colours from a palette the caller passes (the window follows
 * the dark style; exports stay light).
 *
 * After a draw, rtes_chart_hit() tells which item a point of the last
 * drawing falls on, for tooltips and clicks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define RTES_TYPE_CHART (rtes_chart_get_type ())
G_DECLARE_FINAL_TYPE (RtesChart, rtes_chart, RTES, CHART, GObject)

#define RTES_CHART_MAX_SERIES 3

typedef struct {
  guint32 background;
  guint32 text;
  guint32 muted;                          /* values, legends */
  guint32 grid;                           /* rules and empty tracks */
  guint32 series[RTES_CHART_MAX_SERIES];  /* bars, stacked in this order */
  guint32 map_empty;                      /* a département with nothing */
  guint32 map_low;                        /* the shade of 1 */
  guint32 map_high;                       /* the shade of the largest value */
  guint32 border;                         /* between départements */
  guint32 region_border;
  guint32 highlight;                      /* the item under the pointer */
} RtesChartPalette;

/* Colours as 0xRRGGBB. The light palette is the exports'. */
const RtesChartPalette *rtes_chart_palette_light (void);
const RtesChartPalette *rtes_chart_palette_dark  (void);

typedef enum {
  RTES_CHART_BARS,  /* one row per item, bars stacked by series */
  RTES_CHART_MAP,   /* items are départements, shaded by their value */
} RtesChartKind;

/* Bars with @n_series values per item (1 to 3); @series_labels (may be
 * NULL with one series) make the legend. */
RtesChart   *rtes_chart_new_bars          (const char          *title,
                                           guint                n_series,
                                           const char * const  *series_labels);
/* The map: one item per département of rtes_departements(), value 0. */
RtesChart   *rtes_chart_new_map           (const char          *title);

RtesChartKind rtes_chart_get_kind         (RtesChart  *self);
const char  *rtes_chart_get_title         (RtesChart  *self);

/* @id says what the item stands for ("kind:metropole"); @value_text is
 * written at the end of the bar (or in the box); @description is the
 * sentence a tooltip or a screen reader says ("Métropole : 12 membres"). */
void         rtes_chart_add_bar           (RtesChart    *self,
                                           const char   *id,
                                           const char   *label,
                                           const double *values,
                                           const char   *value_text,
                                           const char   *description);
/* Sets département @code's value and texts (map charts); @id as above. */
void         rtes_chart_set_area          (RtesChart    *self,
                                           const char   *code,
                                           const char   *id,
                                           double        value,
                                           const char   *value_text,
                                           const char   *description);
/* Under the map: what its shades mean ("membres"). */
void         rtes_chart_set_unit          (RtesChart    *self,
                                           const char   *unit);
/* Size of text in the chart's units (default 12). */
void         rtes_chart_set_font_size     (RtesChart    *self,
                                           double        size);
/* Words said when the chart has no item at all ("Aucun budget"). */
void         rtes_chart_set_empty_text    (RtesChart    *self,
                                           const char   *text);

guint        rtes_chart_get_n_items       (RtesChart  *self);
const char  *rtes_chart_get_item_id       (RtesChart  *self,
                                           guint       index);
const char  *rtes_chart_get_item_label    (RtesChart  *self,
                                           guint       index);
double       rtes_chart_get_item_value    (RtesChart  *self,
                                           guint       index);
const char  *rtes_chart_get_item_description (RtesChart *self,
                                              guint      index);
const char  *rtes_chart_get_item_value_text  (RtesChart *self,
                                              guint      index);

/* Height the chart wants at @width. */
double       rtes_chart_get_height_for_width (RtesChart *self,
                                              double     width);

/* Draws in the rectangle (0, 0, @width, @height) of @cr; @highlight is an
 * item to outline, or -1. Returns how many items it drew (bars with a
 * value, or départements and overseas boxes). */
guint        rtes_chart_draw              (RtesChart                *self,
                                           cairo_t                  *cr,
                                           double                    width,
                                           double                    height,
                                           const RtesChartPalette   *palette,
                                           int                       highlight);

/* The item at (@x, @y) in the last drawing's coordinates, or -1. */
int          rtes_chart_hit               (RtesChart  *self,
                                           double      x,
                                           double      y);
/* A point of the last drawing inside item @index (for tests and for
 * pointing a tooltip), FALSE if the item was not drawn. */
gboolean     rtes_chart_get_item_point    (RtesChart  *self,
                                           guint       index,
                                           double     *x,
                                           double     *y);

/* Writes the chart, its title above it, to an SVG or PNG file of @width
 * (points or pixels) atomically. */
gboolean     rtes_chart_write_svg         (RtesChart               *self,
                                           const char              *path,
                                           double                   width,
                                           const RtesChartPalette  *palette,
                                           GError                 **error);
gboolean     rtes_chart_write_png         (RtesChart               *self,
                                           const char              *path,
                                           double                   width,
                                           const RtesChartPalette  *palette,
                                           GError                 **error);

/* "1,2 M€", "350 k€", "900 €": amounts short enough for a bar's end. */
char        *rtes_chart_format_euros      (double      amount);

G_END_DECLS
