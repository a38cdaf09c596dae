/* rtes-region.c: the région of a French postcode
 *
 * The département → région table is data (departements.tsv, compiled into
 * this library's GResource) rather than code, so that a boundary change is
 * a one-line edit that anyone can review. It is read once, on first use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rtes-import-resources.h"
#include "rtes-region.h"
#include "rtes-text.h"
#include "rtes-vocabulary.h"

#define DEPARTEMENTS_RESOURCE "/fr/rtes/Fiches/import/departements.tsv"

/* Département code ("25", "974") → interned région name. */
static GHashTable *
load_table (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *data;
  gsize length;

  bytes = g_resource_lookup_data (rtes_import_get_resource (), DEPARTEMENTS_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  /* The resource is compiled in: its absence is a build defect. */
  g_assert (bytes != NULL);

  data = g_bytes_get_data (bytes, &length);
  text = g_strndup (data, length);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", 2);
      if (g_strv_length (fields) != 2)
        continue;
      g_hash_table_insert (table, g_strdup (fields[0]),
                           (gpointer) g_intern_string (g_strstrip (fields[1])));
    }
  return table;
}

static GHashTable *
get_table (void)
{
  static GHashTable *table = NULL;

  if (g_once_init_enter (&table))
    g_once_init_leave (&table, load_table ());
  return table;
}

const char *
rtes_region_for_postcode (const char *postcode)
{
  g_autofree char *code = NULL;
  char dep[4];

  if (postcode == NULL)
    return NULL;

  code = g_strstrip (g_strdup (postcode));
  if (strlen (code) != 5)
    return NULL;
  for (guint i = 0; i < 5; i++)
    if (!g_ascii_isdigit (code[i]))
      return NULL;

  /* Overseas départements are the only ones with three digits. */
  if (g_str_has_prefix (code, "97") || g_str_has_prefix (code, "98"))
    {
      memcpy (dep, code, 3);
      dep[3] = '\0';
    }
  else
    {
      memcpy (dep, code, 2);
      dep[2] = '\0';
    }
  return g_hash_table_lookup (get_table (), dep);
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
