/* rtes-text.c: slugs and folded text shared by the model, import and search
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
        {
          char buf[8] = { 0 };
          g_autofree char *ascii = NULL;

          g_unichar_to_utf8 (c, buf);
          ascii = g_str_to_ascii (buf, "C");
          /* Characters with no ASCII form (Greek, CJK…) stay as they are
           * rather than becoming "?", so that they can still be searched. */
          if (strchr (ascii, '?') != NULL)
            g_string_append (out, buf);
          else
            g_string_append (out, ascii);
        }
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
