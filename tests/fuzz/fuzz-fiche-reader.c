/* fuzz-fiche-reader.c: libFuzzer target for the fiche reader
 *
 * Any bytes given to rtes_fiche_new_from_data() give either a fiche or an
 * error, never both and never a crash; a fiche that was read must also
 * validate, serialize, and read back from what it serialized to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"

#include "rtes-fiche-json.h"
#include "rtes-validation.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again_error = NULL;
  g_autoptr(RtesFiche) fiche = NULL;
  g_autoptr(RtesFiche) again = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autofree char *written = NULL;
  gsize length;

  fiche = rtes_fiche_new_from_data ((const char *) data, size, "fuzz.json", &error);
  if (fiche == NULL)
    {
      /* A refusal must say why. */
      if (error == NULL || error->message == NULL)
        abort ();
      return 0;
    }
  if (error != NULL)
    abort ();

  issues = rtes_fiche_validate (fiche, NULL);
  written = rtes_fiche_to_data (fiche, &length);
  /* What we write, we read. */
  again = rtes_fiche_new_from_data (written, length, "fuzz-again.json", &again_error);
  if (again == NULL)
    {
      g_printerr ("canonical output does not read back: %s\n", again_error->message);
      abort ();
    }
  return 0;
}
