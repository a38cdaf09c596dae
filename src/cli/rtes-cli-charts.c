/* rtes-cli-charts.c: the charts of "stats --svg" and "--png"
 *
 * The one part of "stats" that needs cairo and Pango, kept apart so that
 * rtes-fiches-cli, which runs "stats" without it, links neither; only
 * rtes-fiches-cli-full has this file (see rtes-cli.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-cli.h"
#include "rtes-network-charts.h"

gboolean
rtes_cli_write_charts (RtesStats   *stats,
                       const char  *dir,
                       gboolean     svg,
                       GError     **error)
{
  if (svg)
    return rtes_network_charts_write_svg (stats, dir, error);
  return rtes_network_charts_write_png (stats, dir, error);
}
