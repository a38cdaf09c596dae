/* rtes-chart.c: bar charts and the map of France, drawn on any cairo_t
 *
 * Drawing follows one rule that the SVG tests rely on: each bar segment
 * and each département (or overseas box) is exactly one filled path, and
 * everything else — rules, borders, legend swatches — is stroked or
 * painted. So an SVG of the map holds one filled shape per département.
 *
 * Text is measured with the cairo_t's own Pango context and an absolute
 * size in the chart's units, so a chart looks the same in a widget (pixels),
 * a PDF (points) and an SVG file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "rtes-atomic-file.h"
#include "rtes-chart.h"
#include "rtes-departement.h"
#include "rtes-export.h"
#include "rtes-france-map.h"
#include "rtes-french.h"

#define FONT_FAMILY "Cantarell, DejaVu Sans"
/* The metropolitan map never grows wider than this many font sizes. */
#define MAP_MAX_EMS 52.0
/* Below this many font sizes of width, bar labels go above their bar. */
#define NARROW_EMS  30.0

typedef struct {
  char   *id;
  char   *label;
  char   *code;                     /* map: département code */
  double  values[RTES_CHART_MAX_SERIES];
  char   *value_text;
  char   *description;
  /* Last drawing */
  gboolean drawn;
  double  x, y, w, h;               /* bars: the row; boxes: the box */
  double  px, py;                   /* a point inside */
} Item;

struct _RtesChart
{
  GObject parent_instance;

  RtesChartKind kind;
  char *title;
  char *unit;
  char *empty_text;
  guint n_series;
  char *series_labels[RTES_CHART_MAX_SERIES];
  double font_size;
  GArray *items;                    /* Item */

  /* Last drawing of a map: user = map * scale + offset */
  double map_scale, map_x, map_y;
};

G_DEFINE_FINAL_TYPE (RtesChart, rtes_chart, G_TYPE_OBJECT)

static const RtesChartPalette light_palette = {
  .background = 0xffffff,
  .text = 0x1d2427,
  .muted = 0x56636a,
  .grid = 0xe3e8eb,
  .series = { 0x0b6e4f, 0x3a8fd6, 0xc18a2a },
  .map_empty = 0xeef1f3,
  .map_low = 0xc5e4d6,
  .map_high = 0x08553d,
  .border = 0xffffff,
  .region_border = 0x3b4449,
  .highlight = 0xe0a93b,
};

static const RtesChartPalette dark_palette = {
  .background = 0x242424,
  .text = 0xffffff,
  .muted = 0xb8c0c4,
  .grid = 0x3a3a3a,
  .series = { 0x4fbf94, 0x78aeed, 0xe5b45a },
  .map_empty = 0x363636,
  .map_low = 0x2c5a49,
  .map_high = 0x7fe0b6,
  .border = 0x242424,
  .region_border = 0xd0d6d9,
  .highlight = 0xf8c65a,
};

const RtesChartPalette *
rtes_chart_palette_light (void)
{
  return &light_palette;
}

const RtesChartPalette *
rtes_chart_palette_dark (void)
{
  return &dark_palette;
}

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_free (item->id);
  g_free (item->label);
  g_free (item->code);
  g_free (item->value_text);
  g_free (item->description);
}

static void
rtes_chart_finalize (GObject *object)
{
  RtesChart *self = RTES_CHART (object);

  g_free (self->title);
  g_free (self->unit);
  g_free (self->empty_text);
  for (guint i = 0; i < RTES_CHART_MAX_SERIES; i++)
    g_free (self->series_labels[i]);
  g_array_unref (self->items);

  G_OBJECT_CLASS (rtes_chart_parent_class)->finalize (object);
}

static void
rtes_chart_class_init (RtesChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rtes_chart_finalize;
}

static void
rtes_chart_init (RtesChart *self)
{
  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, item_clear);
  self->font_size = 12.0;
  self->n_series = 1;
}

RtesChart *
rtes_chart_new_bars (const char         *title,
                     guint               n_series,
                     const char * const *series_labels)
{
  RtesChart *self = g_object_new (RTES_TYPE_CHART, NULL);

  g_return_val_if_fail (n_series >= 1 && n_series <= RTES_CHART_MAX_SERIES, self);

  self->kind = RTES_CHART_BARS;
  self->title = g_strdup (title);
  self->n_series = n_series;
  for (guint i = 0; series_labels != NULL && i < n_series; i++)
    self->series_labels[i] = g_strdup (series_labels[i]);
  return self;
}

RtesChart *
rtes_chart_new_map (const char *title)
{
  RtesChart *self = g_object_new (RTES_TYPE_CHART, NULL);

  self->kind = RTES_CHART_MAP;
  self->title = g_strdup (title);
  for (const RtesDepartement *d = rtes_departements (); d->code != NULL; d++)
    {
      Item item = { 0 };

      item.code = g_strdup (d->code);
      item.label = g_strdup (d->name);
      item.id = g_strdup_printf ("departement:%s", d->code);
      item.value_text = g_strdup ("0");
      item.description = g_strdup (d->name);
      g_array_append_val (self->items, item);
    }
  return self;
}

RtesChartKind
rtes_chart_get_kind (RtesChart *self)
{
  g_return_val_if_fail (RTES_IS_CHART (self), RTES_CHART_BARS);
  return self->kind;
}

const char *
rtes_chart_get_title (RtesChart *self)
{
  g_return_val_if_fail (RTES_IS_CHART (self), NULL);
  return self->title;
}

void
rtes_chart_add_bar (RtesChart    *self,
                    const char   *id,
                    const char   *label,
                    const double *values,
                    const char   *value_text,
                    const char   *description)
{
  Item item = { 0 };

  g_return_if_fail (RTES_IS_CHART (self) && self->kind == RTES_CHART_BARS);

  item.id = g_strdup (id);
  item.label = g_strdup (label);
  for (guint i = 0; i < self->n_series; i++)
    item.values[i] = isfinite (values[i]) && values[i] > 0 ? values[i] : 0;
  item.value_text = g_strdup (value_text);
  item.description = g_strdup (description);
  g_array_append_val (self->items, item);
}

void
rtes_chart_set_area (RtesChart  *self,
                     const char *code,
                     const char *id,
                     double      value,
                     const char *value_text,
                     const char *description)
{
  g_return_if_fail (RTES_IS_CHART (self) && self->kind == RTES_CHART_MAP);

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);

      if (g_ascii_strcasecmp (item->code, code) != 0)
        continue;
      g_free (item->id);
      item->id = g_strdup (id);
      item->values[0] = isfinite (value) && value > 0 ? value : 0;
      g_free (item->value_text);
      item->value_text = g_strdup (value_text);
      g_free (item->description);
      item->description = g_strdup (description);
      return;
    }
  g_critical ("No département %s on the map", code);
}

void
rtes_chart_set_unit (RtesChart  *self,
                     const char *unit)
{
  g_return_if_fail (RTES_IS_CHART (self));
  g_free (self->unit);
  self->unit = g_strdup (unit);
}

void
rtes_chart_set_font_size (RtesChart *self,
                          double     size)
{
  g_return_if_fail (RTES_IS_CHART (self) && size > 0);
  self->font_size = size;
}

void
rtes_chart_set_empty_text (RtesChart  *self,
                           const char *text)
{
  g_return_if_fail (RTES_IS_CHART (self));
  g_free (self->empty_text);
  self->empty_text = g_strdup (text);
}

guint
rtes_chart_get_n_items (RtesChart *self)
{
  g_return_val_if_fail (RTES_IS_CHART (self), 0);
  return self->items->len;
}

static Item *
item_at (RtesChart *self,
         guint      index)
{
  g_return_val_if_fail (RTES_IS_CHART (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);
  return &g_array_index (self->items, Item, index);
}

const char *
rtes_chart_get_item_id (RtesChart *self,
                        guint      index)
{
  Item *item = item_at (self, index);

  return item != NULL ? item->id : NULL;
}

const char *
rtes_chart_get_item_label (RtesChart *self,
                           guint      index)
{
  Item *item = item_at (self, index);

  return item != NULL ? item->label : NULL;
}

double
rtes_chart_get_item_value (RtesChart *self,
                           guint      index)
{
  Item *item = item_at (self, index);
  double total = 0;

  for (guint i = 0; item != NULL && i < RTES_CHART_MAX_SERIES; i++)
    total += item->values[i];
  return total;
}

const char *
rtes_chart_get_item_description (RtesChart *self,
                                 guint      index)
{
  Item *item = item_at (self, index);

  return item != NULL ? item->description : NULL;
}

const char *
rtes_chart_get_item_value_text (RtesChart *self,
                                guint      index)
{
  Item *item = item_at (self, index);

  return item != NULL ? item->value_text : NULL;
}

/* Layout ----------------------------------------------------------------- */

static gboolean
is_narrow (RtesChart *self,
           double     width)
{
  return width < NARROW_EMS * self->font_size;
}

static double
legend_height (RtesChart *self)
{
  return self->n_series > 1 ? 2.0 * self->font_size : 0;
}

static double
row_height (RtesChart *self,
            double     width)
{
  return (is_narrow (self, width) ? 3.1 : 2.0) * self->font_size;
}

static double
map_width (RtesChart *self,
           double     width)
{
  return MIN (width, MAP_MAX_EMS * self->font_size);
}

static double
boxes_height (RtesChart *self)
{
  return 3.4 * self->font_size;
}

double
rtes_chart_get_height_for_width (RtesChart *self,
                                 double     width)
{
  const RtesFranceMap *map;
  double f;

  g_return_val_if_fail (RTES_IS_CHART (self), 0);

  f = self->font_size;
  if (self->kind == RTES_CHART_BARS)
    {
      if (self->items->len == 0)
        return 2.5 * f;
      return legend_height (self) + self->items->len * row_height (self, width) + 0.5 * f;
    }
  map = rtes_france_map_get_default ();
  return map_width (self, width) * rtes_france_map_get_height (map) / rtes_france_map_get_width (map) +
         f + boxes_height (self) + 3.0 * f;
}

/* Drawing helpers ---------------------------------------------------------- */

static void
set_rgb (cairo_t *cr,
         guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

static guint32
mix (guint32 a,
     guint32 b,
     double  t)
{
  guint32 out = 0;

  for (int shift = 0; shift <= 16; shift += 8)
    {
      double ca = (a >> shift) & 0xff, cb = (b >> shift) & 0xff;

      out |= ((guint32) lround (ca + (cb - ca) * t) & 0xff) << shift;
    }
  return out;
}

static double
luminance (guint32 rgb)
{
  return (0.2126 * ((rgb >> 16) & 0xff) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff)) / 255.0;
}

static PangoLayout *
new_layout (RtesChart  *self,
            cairo_t    *cr,
            const char *text,
            double      size,
            gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static double
text_width (PangoLayout *layout)
{
  int w;

  pango_layout_get_size (layout, &w, NULL);
  return (double) w / PANGO_SCALE;
}

static double
text_height (PangoLayout *layout)
{
  int h;

  pango_layout_get_size (layout, NULL, &h);
  return (double) h / PANGO_SCALE;
}

/* Shows @layout with its top-left corner at (@x, @y), ellipsized to @width
 * when @width > 0. */
static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           double       x,
           double       y,
           double       width,
           guint32      rgb)
{
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  set_rgb (cr, rgb);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* A legend swatch: stroked, not filled (see the top of the file). */
static void
swatch (cairo_t *cr,
        double   x,
        double   y,
        double   size,
        guint32  rgb)
{
  set_rgb (cr, rgb);
  cairo_set_line_width (cr, size);
  cairo_move_to (cr, x, y + size / 2);
  cairo_line_to (cr, x + size, y + size / 2);
  cairo_stroke (cr);
}

/* Bars --------------------------------------------------------------------- */

static double
max_total (RtesChart *self)
{
  double max = 0;

  for (guint i = 0; i < self->items->len; i++)
    max = MAX (max, rtes_chart_get_item_value (self, i));
  return max;
}

static void
draw_legend (RtesChart              *self,
             cairo_t                *cr,
             double                  width,
             const RtesChartPalette *palette)
{
  double f = self->font_size;
  double x = 0;

  for (guint s = 0; s < self->n_series; s++)
    {
      g_autoptr(PangoLayout) layout = new_layout (self, cr, self->series_labels[s], f * 0.9, FALSE);

      swatch (cr, x, 0.35 * f, 0.8 * f, palette->series[s]);
      show_text (cr, layout, x + 1.2 * f, 0.2 * f, 0, palette->muted);
      x += 1.2 * f + text_width (layout) + 1.5 * f;
    }
}

static guint
draw_bars (RtesChart              *self,
           cairo_t                *cr,
           double                  width,
           const RtesChartPalette *palette,
           int                     highlight)
{
  double f = self->font_size;
  gboolean narrow = is_narrow (self, width);
  double row = row_height (self, width);
  double max = max_total (self);
  double label_width = 0, value_width = 0, bar_x, bar_room, y;
  guint drawn = 0;

  if (self->items->len == 0)
    {
      g_autoptr(PangoLayout) layout = new_layout (self, cr, self->empty_text, f, FALSE);

      show_text (cr, layout, 0, 0.6 * f, width, palette->muted);
      return 0;
    }

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);
      g_autoptr(PangoLayout) label = new_layout (self, cr, item->label, f, FALSE);
      g_autoptr(PangoLayout) value = new_layout (self, cr, item->value_text, f * 0.92, TRUE);

      label_width = MAX (label_width, text_width (label));
      value_width = MAX (value_width, text_width (value));
    }
  label_width = narrow ? 0 : MIN (label_width + f, 0.42 * width);
  value_width += 0.6 * f;
  bar_x = label_width;
  bar_room = MAX (width - bar_x - value_width, f);

  if (self->n_series > 1)
    draw_legend (self, cr, width, palette);
  y = legend_height (self);

  for (guint i = 0; i < self->items->len; i++, y += row)
    {
      Item *item = &g_array_index (self->items, Item, i);
      g_autoptr(PangoLayout) label = new_layout (self, cr, item->label, f, FALSE);
      g_autoptr(PangoLayout) value = new_layout (self, cr, item->value_text, f * 0.92, TRUE);
      double bar_h = 1.2 * f;
      double bar_y = narrow ? y + 1.55 * f : y + (row - bar_h) / 2;
      double x = bar_x;
      double total = rtes_chart_get_item_value (self, i);

      if (narrow)
        show_text (cr, label, 0, y + 0.25 * f, width, palette->text);
      else
        show_text (cr, label, 0, y + (row - text_height (label)) / 2, label_width - f, palette->text);

      /* The empty track shows where a bar would be: a stroke. */
      set_rgb (cr, palette->grid);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, bar_x, bar_y + bar_h - 0.5);
      cairo_line_to (cr, bar_x + bar_room, bar_y + bar_h - 0.5);
      cairo_stroke (cr);

      for (guint s = 0; s < self->n_series && max > 0; s++)
        {
          double w = bar_room * item->values[s] / max;

          if (item->values[s] <= 0)
            continue;
          /* A bar never vanishes: the smallest is still a sliver. */
          w = MAX (w, 1.5);
          set_rgb (cr, palette->series[s]);
          cairo_rectangle (cr, x, bar_y, w, bar_h);
          cairo_fill (cr);
          x += w;
        }
      if (total > 0)
        drawn++;
      show_text (cr, value, x + 0.4 * f, bar_y + (bar_h - text_height (value)) / 2, 0, palette->muted);

      item->drawn = TRUE;
      item->x = 0;
      item->y = y;
      item->w = width;
      item->h = row;
      item->px = bar_x + MAX (x - bar_x, 2.0) / 2;
      item->py = bar_y + bar_h / 2;

      if ((int) i == highlight)
        {
          set_rgb (cr, palette->highlight);
          cairo_set_line_width (cr, 2);
          cairo_rectangle (cr, 1, y + 1, width - 2, row - 2);
          cairo_stroke (cr);
        }
    }
  return drawn;
}

/* Map ---------------------------------------------------------------------- */

static guint32
shade (const RtesChartPalette *palette,
       double                  value,
       double                  max)
{
  if (value <= 0)
    return palette->map_empty;
  if (max <= 1)
    return palette->map_high;
  return mix (palette->map_low, palette->map_high, (value - 1) / (max - 1));
}

static Item *
map_item (RtesChart  *self,
          const char *code,
          int        *index)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);

      if (g_strcmp0 (item->code, code) == 0)
        {
          *index = i;
          return item;
        }
    }
  *index = -1;
  return NULL;
}

static void
draw_map_legend (RtesChart              *self,
                 cairo_t                *cr,
                 double                  y,
                 double                  max,
                 const RtesChartPalette *palette)
{
  double f = self->font_size;
  double size = 0.9 * f;
  double x = 0;
  guint steps = (guint) MIN (max, 5);
  g_autoptr(PangoLayout) zero = new_layout (self, cr, "0", 0.9 * f, FALSE);

  swatch (cr, x, y, size, palette->map_empty);
  show_text (cr, zero, x + size + 0.3 * f, y - 0.1 * f, 0, palette->muted);
  x += size + 0.3 * f + text_width (zero) + f;

  for (guint s = 0; s < steps; s++)
    {
      double value = steps > 1 ? 1 + (max - 1) * s / (steps - 1) : max;

      swatch (cr, x, y, size, shade (palette, value, max));
      x += size;
    }
  if (steps > 0)
    {
      g_autofree char *range = max > 1 ? g_strdup_printf ("1 – %g", max) : g_strdup ("1");
      g_autofree char *text = g_strdup_printf ("%s %s", range, self->unit != NULL ? self->unit : "");
      g_autoptr(PangoLayout) layout = new_layout (self, cr, text, 0.9 * f, FALSE);

      show_text (cr, layout, x + 0.3 * f, y - 0.1 * f, 0, palette->muted);
    }
}

static guint
draw_map (RtesChart              *self,
          cairo_t                *cr,
          double                  width,
          const RtesChartPalette *palette,
          int                     highlight)
{
  const RtesFranceMap *map = rtes_france_map_get_default ();
  double f = self->font_size;
  double mw = map_width (self, width);
  double scale = mw / rtes_france_map_get_width (map);
  double mh = rtes_france_map_get_height (map) * scale;
  double ox = (width - mw) / 2;
  double max = 0, box_w, box_y, gap = 0.6 * f;
  guint drawn = 0;
  guint n_overseas = 0;
  int highlighted = -1;

  for (guint i = 0; i < self->items->len; i++)
    max = MAX (max, g_array_index (self->items, Item, i).values[0]);
  self->map_scale = scale;
  self->map_x = ox;
  self->map_y = 0;

  cairo_save (cr);
  cairo_translate (cr, ox, 0);
  cairo_scale (cr, scale, scale);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint s = 0; s < rtes_france_map_get_n_shapes (map); s++)
    {
      int index;
      Item *item = map_item (self, rtes_france_map_get_code (map, s), &index);
      double lx, ly;

      if (item == NULL)
        continue;
      rtes_france_map_append_shape (map, s, cr);
      set_rgb (cr, shade (palette, item->values[0], max));
      cairo_fill_preserve (cr);
      set_rgb (cr, palette->border);
      cairo_set_line_width (cr, 0.7 / scale);
      cairo_stroke (cr);
      rtes_france_map_get_label_point (map, s, &lx, &ly);
      item->drawn = TRUE;
      item->px = ox + lx * scale;
      item->py = ly * scale;
      item->w = item->h = 0;
      if (index == highlight)
        highlighted = s;
      drawn++;
    }
  rtes_france_map_append_regions (map, cr);
  set_rgb (cr, palette->region_border);
  cairo_set_line_width (cr, 1.4 / scale);
  cairo_stroke (cr);
  if (highlighted >= 0)
    {
      rtes_france_map_append_shape (map, highlighted, cr);
      set_rgb (cr, palette->highlight);
      cairo_set_line_width (cr, 2.5 / scale);
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  /* The overseas départements, which the map does not have, as boxes in a
   * row under it, shaded the same way. */
  for (guint i = 0; i < self->items->len; i++)
    if (strlen (g_array_index (self->items, Item, i).code) == 3)
      n_overseas++;
  box_w = (width - gap * (MAX (n_overseas, 1) - 1)) / MAX (n_overseas, 1);
  box_y = mh + f;
  for (guint i = 0, b = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);
      double x = b * (box_w + gap);
      double h = boxes_height (self);
      guint32 fill;
      g_autoptr(PangoLayout) name = NULL;
      g_autoptr(PangoLayout) value = NULL;
      guint32 ink;

      if (strlen (item->code) != 3)
        continue;
      b++;
      fill = shade (palette, item->values[0], max);
      ink = luminance (fill) > 0.5 ? 0x1d2427 : 0xffffff;
      cairo_rectangle (cr, x, box_y, box_w, h);
      set_rgb (cr, fill);
      cairo_fill (cr);
      cairo_rectangle (cr, x + 0.5, box_y + 0.5, box_w - 1, h - 1);
      set_rgb (cr, (int) i == highlight ? palette->highlight : palette->region_border);
      cairo_set_line_width (cr, (int) i == highlight ? 2.5 : 1);
      cairo_stroke (cr);
      name = new_layout (self, cr, item->label, 0.85 * f, FALSE);
      value = new_layout (self, cr, item->value_text, f, TRUE);
      show_text (cr, name, x + 0.4 * f, box_y + 0.3 * f, box_w - 0.8 * f, ink);
      show_text (cr, value, x + 0.4 * f, box_y + 1.7 * f, box_w - 0.8 * f, ink);
      item->drawn = TRUE;
      item->x = x;
      item->y = box_y;
      item->w = box_w;
      item->h = h;
      item->px = x + box_w / 2;
      item->py = box_y + h / 2;
      drawn++;
    }

  draw_map_legend (self, cr, box_y + boxes_height (self) + f, max, palette);
  return drawn;
}

guint
rtes_chart_draw (RtesChart              *self,
                 cairo_t                *cr,
                 double                  width,
                 double                  height,
                 const RtesChartPalette *palette,
                 int                     highlight)
{
  guint drawn;

  g_return_val_if_fail (RTES_IS_CHART (self), 0);
  g_return_val_if_fail (palette != NULL, 0);

  for (guint i = 0; i < self->items->len; i++)
    g_array_index (self->items, Item, i).drawn = FALSE;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (self->kind == RTES_CHART_BARS)
    drawn = draw_bars (self, cr, width, palette, highlight);
  else
    drawn = draw_map (self, cr, width, palette, highlight);
  cairo_restore (cr);
  return drawn;
}

/* Hit testing -------------------------------------------------------------- */

static gboolean
in_shape (RtesChart *self,
          guint      shape,
          double     x,
          double     y)
{
  const RtesFranceMap *map = rtes_france_map_get_default ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cairo_t *cr = cairo_create (surface);
  gboolean inside;

  /* cairo_in_fill() takes user coordinates: the map's own. */
  rtes_france_map_append_shape (map, shape, cr);
  inside = cairo_in_fill (cr, (x - self->map_x) / self->map_scale, (y - self->map_y) / self->map_scale);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return inside;
}

int
rtes_chart_hit (RtesChart *self,
                double     x,
                double     y)
{
  g_return_val_if_fail (RTES_IS_CHART (self), -1);

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);

      if (item->drawn && item->w > 0 &&
          x >= item->x && x < item->x + item->w && y >= item->y && y < item->y + item->h)
        return i;
    }
  if (self->kind == RTES_CHART_MAP && self->map_scale > 0)
    {
      const RtesFranceMap *map = rtes_france_map_get_default ();

      for (guint s = 0; s < rtes_france_map_get_n_shapes (map); s++)
        if (in_shape (self, s, x, y))
          {
            int index;

            map_item (self, rtes_france_map_get_code (map, s), &index);
            return index;
          }
    }
  return -1;
}

gboolean
rtes_chart_get_item_point (RtesChart *self,
                           guint      index,
                           double    *x,
                           double    *y)
{
  Item *item = item_at (self, index);

  if (item == NULL || !item->drawn)
    return FALSE;
  *x = item->px;
  *y = item->py;
  return TRUE;
}

/* Files -------------------------------------------------------------------- */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Title and chart on @cr; returns the height used. */
static double
draw_with_title (RtesChart              *self,
                 cairo_t                *cr,
                 double                  width,
                 const RtesChartPalette *palette,
                 gboolean                measure_only)
{
  double f = self->font_size;
  double margin = f;
  double inner = width - 2 * margin;
  g_autoptr(PangoLayout) title = new_layout (self, cr, self->title, 1.3 * f, TRUE);
  double title_h;

  pango_layout_set_width (title, (int) (inner * PANGO_SCALE));
  pango_layout_set_wrap (title, PANGO_WRAP_WORD);
  title_h = text_height (title) + 0.8 * f;
  if (!measure_only)
    {
      set_rgb (cr, palette->background);
      cairo_paint (cr);
      show_text (cr, title, margin, margin, 0, palette->text);
      cairo_save (cr);
      cairo_translate (cr, margin, margin + title_h);
      rtes_chart_draw (self, cr, inner, rtes_chart_get_height_for_width (self, inner), palette, -1);
      cairo_restore (cr);
    }
  return margin + title_h + rtes_chart_get_height_for_width (self, inner) + margin;
}

static double
measure_with_title (RtesChart              *self,
                    double                  width,
                    const RtesChartPalette *palette)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cairo_t *cr = cairo_create (surface);
  double height = draw_with_title (self, cr, width, palette, TRUE);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return ceil (height);
}

/* Draws the chart with its title as SVG, or as PNG, into the file @path. */
static gboolean
write_file (RtesChart               *self,
            const char              *path,
            double                   width,
            const RtesChartPalette  *palette,
            gboolean                 png,
            GError                 **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;
  double height = measure_with_title (self, width, palette);
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  cairo_surface_t *surface;
  cairo_t *cr;

  if (png)
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width), (int) height);
  else
    {
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
      cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_2);
    }
  cr = cairo_create (surface);
  draw_with_title (self, cr, width, palette, FALSE);
  cairo_destroy (cr);
  if (png)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_RENDER,
                   _("Could not render %s: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  if (!rtes_atomic_write (path, (const char *) bytes->data, bytes->len, &local_error))
    {
      g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_WRITE, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
rtes_chart_write_svg (RtesChart               *self,
                      const char              *path,
                      double                   width,
                      const RtesChartPalette  *palette,
                      GError                 **error)
{
  g_return_val_if_fail (RTES_IS_CHART (self), FALSE);
  return write_file (self, path, width, palette, FALSE, error);
}

gboolean
rtes_chart_write_png (RtesChart               *self,
                      const char              *path,
                      double                   width,
                      const RtesChartPalette  *palette,
                      GError                 **error)
{
  g_return_val_if_fail (RTES_IS_CHART (self), FALSE);
  return write_file (self, path, width, palette, TRUE, error);
}

char *
rtes_chart_format_euros (double amount)
{
  g_autofree char *number = NULL;

  if (!isfinite (amount))
    return g_strdup ("—");
  if (fabs (amount) >= 1e6)
    {
      gint64 tenths = (gint64) round (fabs (amount) / 1e5);

      number = rtes_french_integer (tenths / 10);
      if (tenths % 10 != 0)
        return g_strdup_printf ("%s%s,%d\u202fM€", amount < 0 ? "−" : "", number, (int) (tenths % 10));
      return g_strdup_printf ("%s%s\u202fM€", amount < 0 ? "−" : "", number);
    }
  if (fabs (amount) >= 1e4)
    {
      number = rtes_french_integer ((gint64) round (amount / 1e3));
      return g_strdup_printf ("%s\u202fk€", number);
    }
  return rtes_french_euros (round (amount));
}
