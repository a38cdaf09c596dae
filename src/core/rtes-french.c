/* rtes-french.c: numbers and amounts as French readers write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-french.h"
#include "rtes-json-reader.h"

#include <errno.h>
#include <math.h>
#include <string.h>

/* French typography separates thousands with a narrow no-break space and
 * puts a no-break space before the currency sign, so a line break never
 * splits an amount. */
#define GROUP_SEPARATOR "\u202f"
#define CURRENCY_SEPARATOR "\u202f"

static void
append_grouped (GString *out,
                guint64  value)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, value);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, GROUP_SEPARATOR);
      g_string_append_c (out, digits[i]);
    }
}

char *
rtes_french_integer (gint64 value)
{
  GString *out = g_string_new (NULL);

  if (value < 0)
    {
      g_string_append (out, "−");
      /* -G_MININT64 overflows; cast through unsigned first. */
      append_grouped (out, (guint64) 0 - (guint64) value);
    }
  else
    append_grouped (out, (guint64) value);

  return g_string_free (out, FALSE);
}

char *
rtes_french_amount (double amount)
{
  GString *out = g_string_new (NULL);
  double whole;
  double cents;

  if (!isfinite (amount))
    return g_strdup ("—");
  if (amount < 0)
    {
      g_string_append (out, "−");
      amount = -amount;
    }

  cents = round (amount * 100);
  whole = floor (cents / 100);
  cents -= whole * 100;
  append_grouped (out, (guint64) whole);
  if (cents > 0)
    g_string_append_printf (out, ",%02d", (int) cents);

  return g_string_free (out, FALSE);
}

char *
rtes_french_euros (double amount)
{
  g_autofree char *digits = NULL;

  if (!isfinite (amount))
    return g_strdup ("—");
  digits = rtes_french_amount (amount);
  return g_strconcat (digits, CURRENCY_SEPARATOR "€", NULL);
}

/* Keeps digits, one decimal separator and a leading minus sign; drops
 * every kind of space and a trailing euro sign. Returns NULL when anything
 * else is in the way. */
static char *
normalize_number (const char *text,
                  gboolean    allow_decimals)
{
  GString *out;
  gboolean seen_digit = FALSE;
  gboolean seen_separator = FALSE;

  if (text == NULL)
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x202f || c == 0x00a0 || c == 0x2009)
        continue;
      if (c >= '0' && c <= '9')
        {
          g_string_append_c (out, (char) c);
          seen_digit = TRUE;
        }
      else if ((c == '-' || c == 0x2212) && out->len == 0)
        g_string_append_c (out, '-');
      else if (allow_decimals && (c == ',' || c == '.') && seen_digit && !seen_separator)
        {
          g_string_append_c (out, '.');
          seen_separator = TRUE;
        }
      else if (allow_decimals && c == 0x20ac && seen_digit)
        {
          /* "€" only at the end, spaces aside. */
          for (p = g_utf8_next_char (p); *p != '\0'; p = g_utf8_next_char (p))
            {
              gunichar rest = g_utf8_get_char (p);

              if (!g_unichar_isspace (rest) && rest != 0x202f && rest != 0x00a0)
                {
                  g_string_free (out, TRUE);
                  return NULL;
                }
            }
          break;
        }
      else
        {
          g_string_free (out, TRUE);
          return NULL;
        }
    }

  if (!seen_digit || out->str[out->len - 1] == '.')
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

gboolean
rtes_french_parse_integer (const char *text,
                           gint64     *value)
{
  g_autofree char *digits = normalize_number (text, FALSE);
  char *end = NULL;
  gint64 parsed;

  if (digits == NULL)
    return FALSE;

  errno = 0;
  parsed = g_ascii_strtoll (digits, &end, 10);
  if (errno != 0 || end == NULL || *end != '\0')
    return FALSE;
  /* Beyond this a fiche could not be read back (rtes-json-reader.h). */
  if (parsed > RTES_JSON_MAX_SAFE_INTEGER || parsed < -RTES_JSON_MAX_SAFE_INTEGER)
    return FALSE;

  if (value != NULL)
    *value = parsed;
  return TRUE;
}

gboolean
rtes_french_parse_amount (const char *text,
                          double     *amount)
{
  g_autofree char *digits = normalize_number (text, TRUE);
  char *end = NULL;
  double parsed;

  if (digits == NULL)
    return FALSE;

  parsed = g_ascii_strtod (digits, &end);
  if (end == NULL || *end != '\0' || !isfinite (parsed))
    return FALSE;

  if (amount != NULL)
    *amount = parsed;
  return TRUE;
}
