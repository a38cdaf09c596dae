/* bench-json-data.h: the documents bench-json parses, with GLib only
 *
 * The JSON libraries compared cannot share a program: jansson, json-c and
 * json-glib all name functions json_object_*(), and some of the same
 * names (json_object_iter_next(), json_object_equal()) clash. Each parser
 * gets its own program, all fed these same bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

/* Fiche @i in canonical form, about 5 KB, as the application writes it. */
char    *bench_json_fiche  (guint i);
/* The site's export of fiches 0 to @n - 1, each with a revision. */
GString *bench_json_export (guint n);

/* Times @parse on @n fiches one by one and on their export; prints a
 * line named @name. @parse returns FALSE when it refuses the text. */
typedef gboolean (*BenchJsonParse) (const char *data, gsize length, gboolean export);
void     bench_json_run    (const char     *name,
                            BenchJsonParse  parse,
                            guint           n);
