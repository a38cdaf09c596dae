/* rtes-france-map.c: the outlines of the départements of metropolitan France
 *
 * The map file is made once by tools/convert-france-map.js and compiled
 * into this library. Its lines are
 *
 *   size<TAB>width height
 *   dep<TAB>code<TAB>x y<TAB>M x y x y … Z M … Z
 *   region<TAB>name<TAB>M x y x y … M …
 *
 * (comments start with "#"). The reader accepts nothing else, so that a
 * map edited by hand fails loudly at its first mistake rather than
 * drawing something half right.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "rtes-departement.h"
#include "rtes-export.h"
#include "rtes-export-resources.h"
#include "rtes-france-map.h"

#define MAP_RESOURCE "/fr/rtes/Fiches/export/france-departements.map"
/* More than any real map needs; bounds what a broken file can cost. */
#define MAX_POINTS   200000

typedef struct {
  GArray *coords;   /* double x, y, … */
  GArray *starts;   /* guint: first point of each part */
  gboolean closed;
} Path;

typedef struct {
  char *code;
  double label_x, label_y;
  Path path;
} Shape;

struct _RtesFranceMap {
  double width, height;
  GArray *shapes;   /* Shape */
  Path regions;
  guint n_points;
};

static void
path_init (Path     *path,
           gboolean  closed)
{
  path->coords = g_array_new (FALSE, FALSE, sizeof (double));
  path->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  path->closed = closed;
}

static void
path_clear (Path *path)
{
  g_clear_pointer (&path->coords, g_array_unref);
  g_clear_pointer (&path->starts, g_array_unref);
}

static void
shape_clear (gpointer data)
{
  Shape *shape = data;

  g_free (shape->code);
  path_clear (&shape->path);
}

void
rtes_france_map_free (RtesFranceMap *map)
{
  if (map == NULL)
    return;
  g_array_unref (map->shapes);
  path_clear (&map->regions);
  g_free (map);
}

/* Reading ------------------------------------------------------------------ */

typedef struct {
  const char *name;
  guint line;
  const char *line_start;
} Reader;

static gboolean
fail (Reader     *reader,
      const char *at,
      GError    **error,
      const char *what)
{
  g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_RENDER, "%s:%u:%u: %s",
               reader->name, reader->line, (guint) (at - reader->line_start) + 1, what);
  return FALSE;
}

/* A number in C syntax with at most one decimal point, no exponent, no
 * locale: "413.7", "-2". */
static gboolean
read_number (Reader      *reader,
             const char **p,
             double      *value,
             GError     **error)
{
  const char *start = *p;
  const char *q = start;
  char *end;

  if (*q == '-')
    q++;
  if (!g_ascii_isdigit (*q))
    return fail (reader, start, error, _("a number was expected"));
  while (g_ascii_isdigit (*q) || *q == '.')
    q++;
  *value = g_ascii_strtod (start, &end);
  if (end != q || *value < -1e6 || *value > 1e6)
    return fail (reader, start, error, _("a number was expected"));
  *p = q;
  return TRUE;
}

static void
skip_spaces (const char **p)
{
  while (**p == ' ')
    (*p)++;
}

static gboolean
read_path (Reader      *reader,
           RtesFranceMap *map,
           const char  *p,
           Path        *path,
           GError     **error)
{
  guint in_part = 0;
  guint parts = 0;

  skip_spaces (&p);
  while (*p != '\0')
    {
      if (*p == 'M')
        {
          guint start = path->coords->len / 2;

          if (parts > 0 && in_part < 2)
            return fail (reader, p, error, _("a part of a path needs two points"));
          g_array_append_val (path->starts, start);
          parts++;
          in_part = 0;
          p++;
        }
      else if (*p == 'Z' && path->closed && parts > 0)
        p++;
      else if (parts > 0 && (g_ascii_isdigit (*p) || *p == '-'))
        {
          double xy[2];

          if (!read_number (reader, &p, &xy[0], error))
            return FALSE;
          skip_spaces (&p);
          if (!read_number (reader, &p, &xy[1], error))
            return FALSE;
          if (++map->n_points > MAX_POINTS)
            return fail (reader, p, error, _("too many points"));
          g_array_append_vals (path->coords, xy, 2);
          in_part++;
        }
      else
        return fail (reader, p, error, _("“M”, “Z” or a number was expected"));
      skip_spaces (&p);
    }
  if (parts == 0 || in_part < 2)
    return fail (reader, p, error, _("a part of a path needs two points"));
  return TRUE;
}

/* Cuts @line at its tabs, in place, so that errors can say the column. */
static guint
split_fields (char  *line,
              char **fields,
              guint  max)
{
  guint n = 0;

  fields[n++] = line;
  for (char *p = line; *p != '\0'; p++)
    if (*p == '\t')
      {
        if (n == max)
          return max + 1;
        *p = '\0';
        fields[n++] = p + 1;
      }
  return n;
}

static gboolean
read_line (Reader        *reader,
           RtesFranceMap *map,
           char          *line,
           GError       **error)
{
  char *fields[4];
  guint n = split_fields (line, fields, G_N_ELEMENTS (fields));
  const char *p;

  if (g_str_equal (fields[0], "size") && n == 2)
    {
      p = fields[1];
      if (!read_number (reader, &p, &map->width, error))
        return FALSE;
      skip_spaces (&p);
      if (!read_number (reader, &p, &map->height, error))
        return FALSE;
      if (*p != '\0' || map->width <= 0 || map->height <= 0)
        return fail (reader, fields[1], error, _("the size is two positive numbers"));
      return TRUE;
    }
  if (g_str_equal (fields[0], "dep") && n == 4)
    {
      Shape shape = { 0 };
      Shape *added;

      if (rtes_departement_lookup (fields[1]) == NULL)
        return fail (reader, fields[1], error, _("unknown département code"));
      for (guint i = 0; i < map->shapes->len; i++)
        if (g_ascii_strcasecmp (g_array_index (map->shapes, Shape, i).code, fields[1]) == 0)
          return fail (reader, fields[1], error, _("this département is already on the map"));
      path_init (&shape.path, TRUE);
      shape.code = g_strdup (rtes_departement_lookup (fields[1])->code);
      g_array_append_val (map->shapes, shape);
      added = &g_array_index (map->shapes, Shape, map->shapes->len - 1);
      p = fields[2];
      if (!read_number (reader, &p, &added->label_x, error))
        return FALSE;
      skip_spaces (&p);
      if (!read_number (reader, &p, &added->label_y, error))
        return FALSE;
      if (*p != '\0')
        return fail (reader, p, error, _("a label point is two numbers"));
      return read_path (reader, map, fields[3], &added->path, error);
    }
  if (g_str_equal (fields[0], "region") && n == 3)
    return read_path (reader, map, fields[2], &map->regions, error);
  return fail (reader, line, error, _("“size”, “dep” or “region” was expected"));
}

RtesFranceMap *
rtes_france_map_parse (const char  *text,
                       gsize        length,
                       const char  *name,
                       GError     **error)
{
  g_autoptr(RtesFranceMap) map = g_new0 (RtesFranceMap, 1);
  g_autofree char *copy = NULL;
  g_auto(GStrv) lines = NULL;
  Reader reader = { name, 0, NULL };

  map->shapes = g_array_new (FALSE, TRUE, sizeof (Shape));
  g_array_set_clear_func (map->shapes, shape_clear);
  path_init (&map->regions, FALSE);

  if (memchr (text, '\0', length) != NULL || !g_utf8_validate (text, length, NULL))
    {
      g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_RENDER,
                   _("%s: not UTF-8 text"), name);
      return NULL;
    }
  copy = g_strndup (text, length);
  lines = g_strsplit (copy, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      reader.line = i + 1;
      reader.line_start = lines[i];
      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      if (!read_line (&reader, map, lines[i], error))
        return NULL;
    }
  if (map->width <= 0 || map->shapes->len == 0)
    {
      g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_RENDER,
                   _("%s: no “size” line or no département"), name);
      return NULL;
    }
  return g_steal_pointer (&map);
}

const RtesFranceMap *
rtes_france_map_get_default (void)
{
  static RtesFranceMap *map = NULL;

  if (g_once_init_enter (&map))
    {
      g_autoptr(GBytes) bytes = g_resource_lookup_data (rtes_export_get_resource (), MAP_RESOURCE,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autoptr(GError) error = NULL;
      gsize length;
      const char *data;
      RtesFranceMap *parsed;

      /* Compiled in and tested: a failure here is a build defect. */
      g_assert (bytes != NULL);
      data = g_bytes_get_data (bytes, &length);
      parsed = rtes_france_map_parse (data, length, "france-departements.map", &error);
      g_assert_no_error (error);
      g_once_init_leave (&map, parsed);
    }
  return map;
}

/* Queries -------------------------------------------------------------------- */

double
rtes_france_map_get_width (const RtesFranceMap *map)
{
  return map->width;
}

double
rtes_france_map_get_height (const RtesFranceMap *map)
{
  return map->height;
}

guint
rtes_france_map_get_n_shapes (const RtesFranceMap *map)
{
  return map->shapes->len;
}

const char *
rtes_france_map_get_code (const RtesFranceMap *map,
                          guint                index)
{
  g_return_val_if_fail (index < map->shapes->len, NULL);
  return g_array_index (map->shapes, Shape, index).code;
}

void
rtes_france_map_get_label_point (const RtesFranceMap *map,
                                 guint                index,
                                 double              *x,
                                 double              *y)
{
  Shape *shape;

  g_return_if_fail (index < map->shapes->len);
  shape = &g_array_index (map->shapes, Shape, index);
  *x = shape->label_x;
  *y = shape->label_y;
}

static void
append_path (const Path *path,
             cairo_t    *cr)
{
  const double *xy = (const double *) (gpointer) path->coords->data;
  guint n_points = path->coords->len / 2;

  for (guint part = 0; part < path->starts->len; part++)
    {
      guint first = g_array_index (path->starts, guint, part);
      guint end = part + 1 < path->starts->len ? g_array_index (path->starts, guint, part + 1) : n_points;

      cairo_move_to (cr, xy[2 * first], xy[2 * first + 1]);
      for (guint i = first + 1; i < end; i++)
        cairo_line_to (cr, xy[2 * i], xy[2 * i + 1]);
      if (path->closed)
        cairo_close_path (cr);
    }
}

void
rtes_france_map_append_shape (const RtesFranceMap *map,
                              guint                index,
                              cairo_t             *cr)
{
  g_return_if_fail (index < map->shapes->len);
  append_path (&g_array_index (map->shapes, Shape, index).path, cr);
}

void
rtes_france_map_append_regions (const RtesFranceMap *map,
                                cairo_t             *cr)
{
  append_path (&map->regions, cr);
}
