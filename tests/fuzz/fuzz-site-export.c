/* fuzz-site-export.c: libFuzzer target for the site's JSON export readers
 *
 * The same document is read by the sync (rtes_site_export_new_from_data,
 * straight from the network) and by the importer (through
 * rtes_import_parse_export, which checks the text and then calls
 * rtes_site_json_parse for JSON); both get every input. Each gives a
 * result or an error, never both and never a crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"

#include "rtes-site-export.h"
#include "rtes-importer.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) sync_error = NULL;
  g_autoptr(GError) import_error = NULL;
  g_autoptr(RtesSiteExport) export = NULL;
  g_autoptr(GPtrArray) fiches = NULL;

  export = rtes_site_export_new_from_data ((const char *) data, size, "fiches.json", &sync_error);
  if ((export == NULL) == (sync_error == NULL))
    abort ();

  fiches = rtes_import_parse_export ((const char *) data, size, "fiches.json", NULL, NULL,
                                     &import_error);
  if ((fiches == NULL) == (import_error == NULL))
    abort ();
  return 0;
}
