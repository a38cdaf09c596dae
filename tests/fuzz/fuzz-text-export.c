/* fuzz-text-export.c: libFuzzer target for the text export importer
 *
 * Goes through rtes_import_parse_export(), the path every import takes:
 * the size, binary, encoding and line checks, then the text export parser
 * (or the JSON reader, when the input starts with "{").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"

#include "rtes-importer.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fiches = NULL;
  const char *format = NULL;

  fiches = rtes_import_parse_export ((const char *) data, size, "fuzz.txt", &format,
                                     warnings, &error);
  if ((fiches == NULL) == (error == NULL))
    abort ();
  return 0;
}
