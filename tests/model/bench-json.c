/* bench-json.c: how fast the strict reader is, against json-glib's parser
 *
 * Not a test: run with "meson test -C _build --benchmark --suite model"
 * or directly, optionally with the number of fiches (default 10000).
 * Parses 10,000 fiche-sized documents one by one, then one export that
 * holds them all (about 50 MB). bench-json-jansson and bench-json-c time
 * the same bytes with those libraries when they are installed. The
 * figures are in docs/security.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bench-json-data.h"
#include "rtes-fiche-json.h"
#include "rtes-json-reader.h"
#include "rtes-site-export.h"

static gboolean
parse_json_glib (const char *data,
                 gsize       length,
                 gboolean    export)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  return json_parser_load_from_data (parser, data, length, NULL);
}

static gboolean
parse_strict (const char *data,
              gsize       length,
              gboolean    export)
{
  g_autoptr(JsonNode) root = rtes_json_parse (data, length, export ? RTES_JSON_EXPORT : RTES_JSON_FICHE,
                                              "bench", NULL, NULL);

  return root != NULL;
}

static gboolean
parse_strict_positions (const char *data,
                        gsize       length,
                        gboolean    export)
{
  g_autoptr(RtesJsonPositions) positions = NULL;
  g_autoptr(JsonNode) root = rtes_json_parse (data, length, export ? RTES_JSON_EXPORT : RTES_JSON_FICHE,
                                              "bench", &positions, NULL);

  return root != NULL;
}

/* What the application does: the fiche read into the model (a library
 * opening), the export read and checked (a sync). */
static gboolean
read_model (const char *data,
            gsize       length,
            gboolean    export)
{
  g_autoptr(GError) error = NULL;

  if (export)
    {
      g_autoptr(RtesSiteExport) read = rtes_site_export_new_from_data (data, length, "bench", &error);

      if (read == NULL)
        g_printerr ("%s\n", error->message);
      return read != NULL;
    }
  else
    {
      g_autoptr(RtesFiche) fiche = rtes_fiche_new_from_data (data, length, "bench", &error);

      if (fiche == NULL)
        g_printerr ("%s\n", error->message);
      return fiche != NULL;
    }
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 10000;

  bench_json_run ("json-glib JsonParser", parse_json_glib, n);
  bench_json_run ("strict reader", parse_strict, n);
  bench_json_run ("strict reader + positions", parse_strict_positions, n);
  bench_json_run ("fiche / export into model", read_model, n);
  return 0;
}
