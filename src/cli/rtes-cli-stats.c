/* rtes-cli-stats.c: stats --json, --svg and --png
 *
 * The figures and charts of the window's overview without a display: the
 * same RtesStats and the same chart drawing code. The drawing needs cairo
 * and Pango, which only rtes-fiches-cli-full links: it is reached through
 * ctx->write_charts (rtes-cli-charts.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "rtes-cli.h"
#include "rtes-stats.h"

static gboolean
print_json (RtesStats *stats)
{
  g_autoptr(JsonNode) root = rtes_stats_to_json (stats);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  /* Written as bytes: the French labels are UTF-8 whatever the locale. */
  return fwrite (text, 1, strlen (text), stdout) == strlen (text) &&
         fputc ('\n', stdout) != EOF && fflush (stdout) == 0;
}

static gboolean
write_charts (RtesCliContext *ctx,
              RtesStats      *stats,
              const char     *dir,
              gboolean        svg)
{
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      rtes_cli_error (_("Could not create %s: %s"), dir, g_strerror (errno));
      return FALSE;
    }
  if (!ctx->write_charts (stats, dir, svg, &error))
    {
      rtes_cli_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

int
rtes_cli_stats_export (RtesCliContext      *ctx,
                       RtesLibrary         *library,
                       RtesCliStatsOptions *options)
{
  g_autoptr(RtesStats) stats = rtes_stats_new (G_LIST_MODEL (library), NULL);

  if (options->svg_dir != NULL && !write_charts (ctx, stats, options->svg_dir, TRUE))
    return RTES_EXIT_FAILURE;
  if (options->png_dir != NULL && !write_charts (ctx, stats, options->png_dir, FALSE))
    return RTES_EXIT_FAILURE;
  if (options->json && !print_json (stats))
    return rtes_cli_fail (RTES_EXIT_FAILURE, _("Could not write to the standard output"));
  return RTES_EXIT_OK;
}
