/* rtes-french.c: numbers and amounts as French readers write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-french.h"
#include "rtes-json-reader.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
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

/* Keeps digits and a leading minus sign; drops every kind of space.
 * Returns NULL when anything else is in the way. */
static char *
normalize_integer (const char *text)
{
  g_autoptr(GString) out = NULL;
  gboolean seen_digit = FALSE;

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
      else
        return NULL;
    }

  if (!seen_digit)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
rtes_french_parse_integer (const char *text,
                           gint64     *value)
{
  g_autofree char *digits = normalize_integer (text);
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

/* The reader of amounts and counts ----------------------------------- */

gboolean
rtes_french_is_space (gunichar c)
{
  /* g_unichar_isspace() covers U+00A0 and U+202F (both Zs); the BOM and
   * zero-width space come along in text copied from web pages. */
  return g_unichar_isspace (c) || c == 0xFEFF || c == 0x200B;
}

gsize
rtes_french_space_len (const char *p)
{
  if (*p == '\0')
    return 0;
  if ((guchar) *p < 0x80)
    return g_ascii_isspace (*p) ? 1 : 0;
  return rtes_french_is_space (g_utf8_get_char (p)) ? (gsize) (g_utf8_next_char (p) - p) : 0;
}

const char *
rtes_french_skip_spaces (const char *p)
{
  gsize n;

  while ((n = rtes_french_space_len (p)) > 0)
    p += n;
  return p;
}

gboolean
rtes_french_scan_number (const char  *text,
                         const char **end,
                         double      *value)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *q = text;
  guint first = 0;
  double parsed;

  g_return_val_if_fail (text != NULL, FALSE);

  while (g_ascii_isdigit (*q))
    {
      g_string_append_c (digits, *q++);
      first++;
    }
  if (first == 0)
    return FALSE;

  /* "2 820 940", "1.000.000": a separator counts as a thousands separator
   * only before exactly three digits, so "6.1" stays six point one. */
  if (first <= 3)
    {
      for (;;)
        {
          gsize sep = rtes_french_space_len (q);

          if (sep == 0 && *q == '.')
            sep = 1;
          if (sep > 0 && g_ascii_isdigit (q[sep]) && g_ascii_isdigit (q[sep + 1])
              && g_ascii_isdigit (q[sep + 2]) && !g_ascii_isdigit (q[sep + 3]))
            {
              g_string_append_len (digits, q + sep, 3);
              q += sep + 3;
            }
          else
            break;
        }
    }

  if ((*q == ',' || *q == '.') && g_ascii_isdigit (q[1]))
    {
      g_string_append_c (digits, '.');
      q++;
      while (g_ascii_isdigit (*q))
        g_string_append_c (digits, *q++);
    }

  parsed = g_ascii_strtod (digits->str, NULL);
  if (!isfinite (parsed))
    return FALSE;
  if (end != NULL)
    *end = q;
  if (value != NULL)
    *value = parsed;
  return TRUE;
}

/* Case-insensitive ASCII prefix test; returns the end of the match. */
static const char *
match_word (const char *p,
            const char *word)
{
  gsize n = strlen (word);

  if (g_ascii_strncasecmp (p, word, n) != 0)
    return NULL;
  return p + n;
}

/* "€", "euros", "euro", "EUR" at @p (not followed by a letter). */
static const char *
match_currency (const char *p)
{
  static const char *const words[] = { "\u20ac", "euros", "euro", "eur", NULL };

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *e = match_word (p, words[i]);

      if (e != NULL && !g_ascii_isalpha (*e))
        return e;
    }
  return NULL;
}

/* @unit at @p, or after "d'", "d’", "de " ("1 million d’euros"). */
static const char *
match_after_de (const char  *p,
                const char *(*unit) (const char *p))
{
  const char *e;

  if ((e = unit (p)) != NULL)
    return e;
  if ((e = match_word (p, "d'")) != NULL || (e = match_word (p, "d\u2019")) != NULL ||
      (e = match_word (p, "de ")) != NULL)
    return unit (rtes_french_skip_spaces (e));
  return NULL;
}

/* "k", "M", "Md", "million(s)", "milliard(s)" at @p, not followed by a
 * letter, and the spaces after. Returns the end, or NULL. */
static const char *
match_multiplier (const char *p,
                  double     *multiplier)
{
  static const struct { const char *word; double factor; } units[] = {
    { "milliards", 1e9 }, { "milliard", 1e9 }, { "millions", 1e6 }, { "million", 1e6 },
    { "mds", 1e9 }, { "md", 1e9 }, { "m", 1e6 }, { "k", 1e3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      const char *e = match_word (p, units[i].word);

      if (e == NULL || g_ascii_isalpha (*e))
        continue;
      *multiplier = units[i].factor;
      return rtes_french_skip_spaces (e);
    }
  return NULL;
}

const char *
rtes_french_scan_euros (const char *text,
                        double     *multiplier)
{
  const char *p;
  const char *e;
  double factor = 1;

  g_return_val_if_fail (text != NULL, NULL);

  p = rtes_french_skip_spaces (text);
  if ((e = match_currency (p)) == NULL &&
      ((p = match_multiplier (p, &factor)) == NULL || (e = match_after_de (p, match_currency)) == NULL))
    return NULL;
  if (multiplier != NULL)
    *multiplier = factor;
  return e;
}

/* "−", "-" and spaces before a number; TRUE if it is negative. */
static const char *
scan_sign (const char *p,
           gboolean   *negative)
{
  p = rtes_french_skip_spaces (p);
  *negative = FALSE;
  if (*p == '-')
    {
      *negative = TRUE;
      p++;
    }
  else if (g_str_has_prefix (p, "\u2212"))
    {
      *negative = TRUE;
      p += strlen ("\u2212");
    }
  return rtes_french_skip_spaces (p);
}

/* A number, an optional multiplier, then whatever @unit accepts (may be
 * NULL), and nothing else but spaces. */
static gboolean
parse_quantity (const char  *text,
                const char *(*unit) (const char *p),
                double      *value)
{
  const char *p;
  const char *e;
  double number;
  double multiplier = 1;
  gboolean negative;

  if (text == NULL)
    return FALSE;
  p = scan_sign (text, &negative);
  if (!rtes_french_scan_number (p, &p, &number))
    return FALSE;
  p = rtes_french_skip_spaces (p);
  if (unit != NULL && (e = unit (p)) != NULL)
    p = e;
  else if ((e = match_multiplier (p, &multiplier)) != NULL)
    {
      p = e;
      if (unit != NULL && (e = match_after_de (p, unit)) != NULL)
        p = e;
    }
  if (*rtes_french_skip_spaces (p) != '\0')
    return FALSE;

  number *= multiplier;
  if (!isfinite (number))
    return FALSE;
  *value = negative ? -number : number;
  return TRUE;
}

gboolean
rtes_french_parse_amount (const char *text,
                          double     *amount)
{
  double parsed;

  if (!parse_quantity (text, match_currency, &parsed))
    return FALSE;
  /* Round to the cent: 6,1 × 1e6 must be 6100000, not 6099999.99… */
  if (amount != NULL)
    *amount = round (parsed * 100) / 100;
  return TRUE;
}

/* "habitants", "habitant", "hab." and "hab" at @p. */
static const char *
match_inhabitants (const char *p)
{
  static const char *const words[] = { "habitants", "habitant", "hab.", "hab", NULL };

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *e = match_word (p, words[i]);

      if (e != NULL && !g_ascii_isalpha (*e))
        return e;
    }
  return NULL;
}

gboolean
rtes_french_parse_count (const char *text,
                         gint64     *value)
{
  double parsed;
  double whole;

  if (!parse_quantity (text, match_inhabitants, &parsed))
    return FALSE;
  whole = round (parsed);
  /* 1,2 × 1e6 is 1199999.9999999998 in binary: close enough is whole. */
  if (fabs (parsed - whole) > 1e-6 || fabs (whole) > (double) G_MAXINT64 / 2)
    return FALSE;
  if (value != NULL)
    *value = (gint64) whole;
  return TRUE;
}

/* ---- dates ---- */

static gboolean
scan_iso_date (const char *text,
               unsigned   *year,
               unsigned   *month,
               unsigned   *day)
{
  char extra;

  return text != NULL && strlen (text) == 10 && text[4] == '-' && text[7] == '-'
         && sscanf (text, "%4u-%2u-%2u%c", year, month, day, &extra) == 3
         && g_date_valid_dmy ((GDateDay) *day, (GDateMonth) *month, (GDateYear) *year);
}

char *
rtes_french_date (const char *iso)
{
  unsigned year, month, day;

  if (!scan_iso_date (iso, &year, &month, &day))
    return NULL;
  return g_strdup_printf ("%02u/%02u/%04u", day, month, year);
}

char *
rtes_french_parse_date (const char *text)
{
  unsigned year, month, day;
  char extra;

  if (text == NULL)
    return NULL;
  if (!scan_iso_date (text, &year, &month, &day))
    {
      if (sscanf (text, "%2u/%2u/%4u%c", &day, &month, &year, &extra) != 3 || year < 1000
          || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
        return NULL;
    }
  return g_strdup_printf ("%04u-%02u-%02u", year, month, day);
}
