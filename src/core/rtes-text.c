/* rtes-text.c: slugs, folded text and sorted keys shared by the model, import,
 * sync and search
 *
 * Ids are file names, so they are checked by one function everywhere: an id
 * that is not a slug is never used as a path, whatever its source.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-text.h"
#include "rtes-core-private.h"

#include <string.h>

gboolean
rtes_id_is_valid (const char *id)
{
  gboolean after_dash = TRUE;   /* the first char may not be a dash */
  gsize len;

  if (id == NULL)
    return FALSE;
  len = strlen (id);
  if (len == 0 || len > RTES_ID_MAX_LENGTH)
    return FALSE;
  for (const char *p = id; *p; p++)
    {
      if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
        after_dash = FALSE;
      else if (*p == '-' && !after_dash)
        after_dash = TRUE;
      else
        return FALSE;
    }
  return !after_dash;
}

char *
rtes_id_from_filename (const char *filename)
{
  g_autofree char *id = NULL;

  if (filename == NULL || !g_str_has_suffix (filename, ".json"))
    return NULL;
  id = g_strndup (filename, strlen (filename) - strlen (".json"));
  return rtes_id_is_valid (id) ? g_steal_pointer (&id) : NULL;
}

gboolean
rtes_item_key_is_valid (const char *key)
{
  gsize len;

  if (key == NULL)
    return FALSE;
  len = strlen (key);
  if (len == 0 || len > RTES_ITEM_KEY_MAX_LENGTH)
    return FALSE;
  for (const char *p = key; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

/* 32 random bits: a fiche has tens of items, so two of them sharing a key
 * is about one chance in a hundred million; a merge that meets a
 * duplicate treats both as keyless rather than mixing them up. */
char *
rtes_item_key_new (void)
{
  return g_strdup_printf ("%08" G_GINT32_MODIFIER "x", g_random_int ());
}

char *
rtes_id_build_path (const char *dir,
                    const char *id)
{
  g_autofree char *filename = g_strconcat (id, ".json", NULL);

  return g_build_filename (dir, filename, NULL);
}

/* Folds accents and ligatures to ASCII ("œ" → "oe") with GLib's
 * transliteration, which needs no locale. */
static char *
to_ascii_lower (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");

  return g_ascii_strdown (ascii, -1);
}

char *
rtes_id_from_name (const char *name)
{
  g_autofree char *lower = NULL;
  GString *slug = g_string_new (NULL);
  gboolean pending_dash = FALSE;

  lower = to_ascii_lower (name ? name : "");
  for (const char *p = lower; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (pending_dash && slug->len > 0)
            g_string_append_c (slug, '-');
          g_string_append_c (slug, *p);
          pending_dash = FALSE;
        }
      else
        pending_dash = TRUE;
    }

  /* Cut at a word boundary so that a long name keeps whole words. */
  if (slug->len > RTES_ID_MAX_LENGTH)
    {
      g_string_truncate (slug, RTES_ID_MAX_LENGTH);
      if (strchr (slug->str, '-') != NULL)
        {
          while (slug->len > 0 && slug->str[slug->len - 1] != '-')
            g_string_truncate (slug, slug->len - 1);
        }
      while (slug->len > 0 && slug->str[slug->len - 1] == '-')
        g_string_truncate (slug, slug->len - 1);
    }

  if (slug->len == 0)
    g_string_assign (slug, "fiche");
  return g_string_free (slug, FALSE);
}

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0x2007;
}

/* Strips the accent from one lowercase character without allocating:
 * rtes_text_fold() runs over every fiche of a library when a search
 * starts, so it must be cheap. */
static void
append_folded_char (GString  *out,
                    gunichar  c)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  switch (c)
    {
    case 0x0153: g_string_append (out, "oe"); return;   /* œ */
    case 0x00E6: g_string_append (out, "ae"); return;   /* æ */
    case 0x00DF: g_string_append (out, "ss"); return;   /* ß */
    default: break;
    }
  n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  if (n > 0 && decomposed[0] < 0x80)
    g_string_append_c (out, (char) decomposed[0]);
  else
    /* Characters with no ASCII base (Greek, CJK…) stay as they are, so
     * that they can still be searched. */
    g_string_append_unichar (out, c);
}

char *
rtes_text_fold (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *lower = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  if (text == NULL)
    return g_strdup ("");
  valid = g_utf8_make_valid (text, -1);
  lower = g_utf8_strdown (valid, -1);
  out = g_string_sized_new (strlen (lower));

  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_space (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;

      if (c == 0x2019 || c == 0x2018 || c == 0x02BC)
        g_string_append_c (out, '\'');
      else if (c < 0x80)
        g_string_append_c (out, (char) c);
      else
        append_folded_char (out, c);
    }
  return g_string_free (out, FALSE);
}

gboolean
rtes_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!is_space (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
rtes_strings_sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

gboolean
rtes_set_str (char       **field,
              const char  *value)
{
  char *copy;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  copy = g_strdup (value);
  g_free (*field);
  *field = copy;
  return TRUE;
}

gboolean
rtes_text_is_capitals (const char *word)
{
  guint letters = 0;

  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_islower (c))
        return FALSE;
      if (g_unichar_isalpha (c))
        letters++;
    }
  return letters >= 2;
}
