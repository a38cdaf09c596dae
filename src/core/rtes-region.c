/* rtes-region.c: the région of a French postcode
 *
 * The département → région table lives in the core
 * (rtes-departement.c), which the statistics and the map share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rtes-departement.h"
#include "rtes-region.h"
#include "rtes-text.h"
#include "rtes-vocabulary.h"

const char *
rtes_region_for_postcode (const char *postcode)
{
  const RtesDepartement *departement = rtes_departement_for_postcode (postcode);

  return departement != NULL ? departement->region : NULL;
}

/* Folded, with hyphens and apostrophes as spaces: "bourgogne franche comte". */
static char *
fold_region (const char *text)
{
  g_autofree char *folded = rtes_text_fold (text);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p++)
    {
      char c = (*p == '-' || *p == '\'') ? ' ' : *p;

      if (c == ' ' && (out->len == 0 || out->str[out->len - 1] == ' '))
        continue;
      g_string_append_c (out, c);
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

const char *
rtes_region_match (const char *text)
{
  g_autofree char *wanted = NULL;
  const RtesTerm *regions = rtes_regions ();

  if (rtes_text_is_blank (text))
    return NULL;
  wanted = fold_region (text);
  /* "Région Bretagne" names the same région as "Bretagne". */
  if (g_str_has_prefix (wanted, "region "))
    memmove (wanted, wanted + strlen ("region "), strlen (wanted) - strlen ("region ") + 1);

  for (guint i = 0; regions[i].id != NULL; i++)
    {
      g_autofree char *candidate = fold_region (regions[i].label_fr);

      if (g_str_equal (candidate, wanted))
        return regions[i].id;
    }
  return NULL;
}
