/* bench-json-jansson.c: bench-json's documents parsed by jansson
 *
 * Not a test; see bench-json.c. Its own program: jansson and json-glib
 * both define json_object_iter_next().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <jansson.h>
#include <stdlib.h>

#include "bench-json-data.h"

static gboolean
parse_jansson (const char *data,
               gsize       length,
               gboolean    export)
{
  json_t *root = json_loadb (data, length, JSON_REJECT_DUPLICATES, NULL);

  if (root == NULL)
    return FALSE;
  json_decref (root);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  bench_json_run ("jansson (no duplicates)", parse_jansson, argc > 1 ? (guint) atoi (argv[1]) : 10000);
  return 0;
}
