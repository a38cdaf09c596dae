/* bench-json-c.c: bench-json's documents parsed by json-c
 *
 * Not a test; see bench-json.c. Its own program: json-c and json-glib
 * both define json_object_equal() and json_object_get_type().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-c/json.h>
#include <stdlib.h>

#include "bench-json-data.h"

static gboolean
parse_json_c (const char *data,
              gsize       length,
              gboolean    export)
{
  struct json_tokener *tokener = json_tokener_new_ex (72);
  struct json_object *root;

  json_tokener_set_flags (tokener, JSON_TOKENER_STRICT);
  root = json_tokener_parse_ex (tokener, data, (int) length);
  json_tokener_free (tokener);
  if (root == NULL)
    return FALSE;
  json_object_put (root);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  bench_json_run ("json-c (strict)", parse_json_c, argc > 1 ? (guint) atoi (argv[1]) : 10000);
  return 0;
}
