/* rtes-import-parse.c: reading the values of the site's text export
 *
 * The site's pages are typed by people: numbers are grouped with spaces,
 * non-breaking spaces or dots, amounts are written in half a dozen ways,
 * bullets are whatever the author's word processor produced. Everything
 * here matches on keywords and shapes, and leaves the wording it reads
 * untouched so that a person can check the result against the page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rtes-budget-line.h"
#include "rtes-contact.h"
#include "rtes-json-reader.h"
#include "rtes-french.h"
#include "rtes-import-parse.h"
#include "rtes-text.h"
#include "rtes-vocabulary.h"

/* ---------------------------------------------------------------- lines */

/* @text without white space (Unicode included) at either end. */
static char *
strip_unicode (const char *text,
               gsize       length)
{
  const char *start = text;
  const char *end = text + length;
  gsize n;

  while (start < end && (n = rtes_french_space_len (start)) > 0)
    start += n;
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);

      if (prev == NULL || rtes_french_space_len (prev) == 0)
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

RtesImportLine *
rtes_import_line_new (guint       number,
                      const char *raw,
                      gsize       length)
{
  RtesImportLine *line = g_new0 (RtesImportLine, 1);
  const char *p = raw;
  const char *end = raw + length;
  g_autofree char *folded = NULL;

  line->number = number;
  while (p < end)
    {
      gsize n = rtes_french_space_len (p);

      if (n == 0)
        break;
      /* A tab is an indentation step of its own. */
      line->indent += (*p == '\t') ? 4 : 1;
      p += n;
    }
  line->text = strip_unicode (p, end - p);
  folded = rtes_text_fold (line->text);
  line->folded = g_strdup (g_strstrip (folded));
  return line;
}

void
rtes_import_line_free (RtesImportLine *line)
{
  if (line == NULL)
    return;
  g_free (line->text);
  g_free (line->folded);
  g_free (line);
}

/* --------------------------------------------------------- fiche text */

typedef enum {
  MARK_NONE,
  MARK_BULLET,
  MARK_NUMBER,
  MARK_LETTER,
} MarkKind;

typedef struct {
  MarkKind    kind;
  gunichar    glyph;   /* bullets: which one, so "•" then "-" nests */
  char        label[4];  /* "12", "A" */
  const char *rest;    /* item text */
} Marker;

static gboolean
is_bullet_glyph (gunichar c)
{
  static const gunichar glyphs[] = {
    0x2022 /* • */, 0x25E6 /* ◦ */, 0x25AA /* ▪ */, 0x25AB /* ▫ */,
    0x25A0 /* ■ */, 0x25A1 /* □ */, 0x25CF /* ● */, 0x25CB /* ○ */,
    0x2023 /* ‣ */, 0x2043 /* ⁃ */, 0x00B7 /* · */, 0x2013 /* – */,
    0x2014 /* — */, 0x27A2 /* ➢ */, 0x27A4 /* ➤ */, 0x25BA /* ► */,
    0x25B6 /* ▶ */, 0x2713 /* ✓ */, 0x2714 /* ✔ */, 0xF0B7 /* Word's Symbol bullet */,
    '-', '*', '.', 0,
  };

  for (guint i = 0; glyphs[i] != 0; i++)
    if (glyphs[i] == c)
      return TRUE;
  return FALSE;
}

/* Recognises "• x", "- x", ". x", "1. x", "1) x", "1 / x", "1 - x",
 * "A - x", "A. x", "a) x". */
static gboolean
parse_marker (const char *text,
              Marker     *marker)
{
  const char *p = text;
  const char *after;
  gunichar c = g_utf8_get_char (p);

  memset (marker, 0, sizeof *marker);

  if (is_bullet_glyph (c))
    {
      after = g_utf8_next_char (p);
      /* ASCII marks need a space after them ("-10 %" and ".net" are not
       * bullets); typographic bullets are unambiguous. */
      if (rtes_french_space_len (after) == 0 && c < 0x80)
        return FALSE;
      after = rtes_french_skip_spaces (after);
      if (*after == '\0')
        return FALSE;
      marker->kind = MARK_BULLET;
      marker->glyph = c;
      marker->rest = after;
      return TRUE;
    }

  if (g_ascii_isdigit (*p))
    {
      guint n = 0;

      while (g_ascii_isdigit (p[n]) && n < 3)
        n++;
      if (n > 2 || g_ascii_isdigit (p[n]))
        return FALSE;
      memcpy (marker->label, p, n);
      after = p + n;
      marker->kind = MARK_NUMBER;
    }
  else if (g_ascii_isalpha (*p) && !g_ascii_isalnum (p[1]))
    {
      marker->label[0] = *p;
      after = p + 1;
      marker->kind = MARK_LETTER;
    }
  else
    return FALSE;

  /* Then ".", ")", "/", "-" or "–", possibly after a space. */
  {
    const char *q = rtes_french_skip_spaces (after);
    gunichar sep = g_utf8_get_char (q);
    gboolean spaced = q != after;

    if (sep == '.' || sep == ')')
      {
        /* "1 . x" is not a marker, "1. x" is; "A." only before a space. */
        if (spaced)
          return FALSE;
      }
    else if (sep == '/' || sep == '-' || sep == 0x2013)
      {
        /* "1 - x", "1- x" and "A - x" are markers; "1-2 ans" is a range,
         * which the space required after the mark rules out below. */
        if (!spaced && marker->kind == MARK_LETTER)
          return FALSE;
      }
    else
      return FALSE;

    q = g_utf8_next_char (q);
    if (rtes_french_space_len (q) == 0)
      return FALSE;
    q = rtes_french_skip_spaces (q);
    if (*q == '\0')
      return FALSE;
    marker->rest = q;
  }
  return TRUE;
}

gboolean
rtes_import_is_list_item (const char *text)
{
  Marker marker;

  return parse_marker (text, &marker);
}

typedef struct {
  guint    indent;
  MarkKind kind;
  gunichar glyph;
} ListFrame;

/* Nesting level of an item: deeper indentation nests, and so does a new
 * kind of marker at the same indentation ("A -" then "1."; "1 /" then
 * "-"); going back to an earlier marker returns to its level. */
static guint
list_level (GArray       *frames,
            guint         indent,
            const Marker *marker)
{
  ListFrame frame = { indent, marker->kind, marker->glyph };

  while (frames->len > 0 && g_array_index (frames, ListFrame, frames->len - 1).indent > indent + 1)
    g_array_set_size (frames, frames->len - 1);

  for (guint j = frames->len; j > 0; j--)
    {
      ListFrame *f = &g_array_index (frames, ListFrame, j - 1);
      guint diff = f->indent > indent ? f->indent - indent : indent - f->indent;

      if (diff <= 1 && f->kind == marker->kind && f->glyph == marker->glyph)
        {
          g_array_set_size (frames, j);
          return j - 1;
        }
      if (f->indent + 1 < indent)
        break;
    }
  g_array_append_val (frames, frame);
  return frames->len - 1;
}

char *
rtes_import_section_text (GPtrArray *lines)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (ListFrame));
  gboolean in_list = FALSE;
  gboolean item_above = FALSE;  /* the previous line, with no blank between, was an item */
  guint item_indent = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      RtesImportLine *line = g_ptr_array_index (lines, i);
      Marker marker;

      if (line->text[0] == '\0')
        {
          item_above = FALSE;
          continue;
        }

      if (!parse_marker (line->text, &marker) && item_above
          && (line->indent > item_indent || g_unichar_islower (g_utf8_get_char (line->text))))
        {
          /* An item wrapped onto the next line ("• Soutien aux tiers-lieux"
           * then "  qui accueillent…"): one item, as the author meant. */
          g_string_append_c (out, ' ');
          g_string_append (out, line->text);
          continue;
        }

      if (parse_marker (line->text, &marker))
        {
          guint level = list_level (frames, line->indent, &marker);

          /* Items of one list are written without blank lines between
           * them, whatever the page had: the format's list is one block. */
          if (out->len > 0)
            g_string_append (out, in_list ? "\n" : "\n\n");
          for (guint l = 0; l < level; l++)
            g_string_append (out, "  ");
          switch (marker.kind)
            {
            case MARK_NUMBER:
              g_string_append_printf (out, "%s. %s", marker.label, marker.rest);
              break;
            case MARK_LETTER:
              /* The format has no lettered lists; the letter is kept. */
              g_string_append_printf (out, "- %s. %s", marker.label, marker.rest);
              break;
            case MARK_BULLET:
            case MARK_NONE:
            default:
              g_string_append_printf (out, "- %s", marker.rest);
              break;
            }
          in_list = TRUE;
          item_above = TRUE;
          item_indent = line->indent;
        }
      else
        {
          if (out->len > 0)
            g_string_append (out, "\n\n");
          g_string_append (out, line->text);
          in_list = FALSE;
          item_above = FALSE;
          g_array_set_size (frames, 0);
        }
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------ numbers */

/* Numbers and amounts are read by rtes-french.h, the same reader the
 * editor uses for what staff type. */

/* "d'", "d’", "de " (any case) between a multiplier word and the unit. */
static const char *
skip_de (const char *p)
{
  static const char * const words[] = { "d'", "d\u2019", "de " };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_ascii_strncasecmp (p, words[i], strlen (words[i])) == 0)
      return rtes_french_skip_spaces (p + strlen (words[i]));
  return p;
}

GArray *
rtes_import_find_amounts (const char *text)
{
  GArray *amounts = g_array_new (FALSE, FALSE, sizeof (RtesImportAmount));
  const char *p = text;

  while (*p != '\0')
    {
      const char *num_end;
      const char *unit_end;
      double value, multiplier;
      gboolean boundary = (p == text) || !(g_ascii_isalnum (p[-1]) || p[-1] == '.' || p[-1] == ',');

      if (!g_ascii_isdigit (*p) || !boundary || !rtes_french_scan_number (p, &num_end, &value))
        {
          p++;
          continue;
        }
      unit_end = rtes_french_scan_euros (num_end, &multiplier);
      /* Hundreds of digits make no amount: JSON has no infinity. */
      if (unit_end != NULL && isfinite (value * multiplier * 100))
        {
          RtesImportAmount amount = { p - text, unit_end - text, 0 };

          /* Round to the cent: 6.1 × 1e6 must be 6100000, not 6099999.99… */
          amount.amount = round (value * multiplier * 100) / 100;
          g_array_append_val (amounts, amount);
          p = unit_end;
        }
      else
        p = num_end;
    }
  return amounts;
}

static gboolean
in_amounts (GArray *amounts,
            gsize   offset)
{
  for (guint i = 0; amounts != NULL && i < amounts->len; i++)
    {
      RtesImportAmount *a = &g_array_index (amounts, RtesImportAmount, i);

      if (offset >= a->start && offset < a->end)
        return TRUE;
    }
  return FALSE;
}

/* First year 1900–2099 in @text[start, end) outside @amounts. */
static gint64
find_year (const char *text,
           gsize       start,
           gsize       end,
           GArray     *amounts)
{
  for (gsize i = start; i + 4 <= end; i++)
    {
      if (!g_ascii_isdigit (text[i]) || (i > 0 && g_ascii_isalnum (text[i - 1])))
        continue;
      if (g_ascii_isdigit (text[i + 1]) && g_ascii_isdigit (text[i + 2])
          && g_ascii_isdigit (text[i + 3]) && !g_ascii_isalnum (text[i + 4])
          && (strncmp (text + i, "19", 2) == 0 || strncmp (text + i, "20", 2) == 0)
          && !in_amounts (amounts, i))
        return g_ascii_strtoll (text + i, NULL, 10);
    }
  return RTES_NO_NUMBER;
}

gint64
rtes_import_parse_year (const char *text)
{
  if (text == NULL)
    return RTES_NO_NUMBER;
  return find_year (text, 0, strlen (text), NULL);
}

/* ------------------------------------------------------------- budget */

static gboolean
says_forecast (const char *folded)
{
  return strstr (folded, "previsionnel") != NULL || strstr (folded, "prevision") != NULL
         || strstr (folded, "prevu") != NULL;
}

static const char *
says_section (const char *folded)
{
  if (strstr (folded, "fonctionnement") != NULL)
    return RTES_SECTION_FONCTIONNEMENT;
  if (strstr (folded, "investissement") != NULL)
    return RTES_SECTION_INVESTISSEMENT;
  return NULL;
}

/* A context ("Budget prévisionnel 2023") that only says what the heading
 * says does not belong in the label; "Soutien aux associations" does. */
static gboolean
context_is_generic (const char *folded)
{
  static const char *words[] = { "budget", "montant", "moyens", "total", "soit", "enveloppe", NULL };

  if (folded[0] == '\0')
    return TRUE;
  for (guint i = 0; words[i] != NULL; i++)
    if (g_str_has_prefix (folded, words[i]))
      return TRUE;
  return FALSE;
}

/* @text[start, end) without separators at either end. */
static char *
clean_segment (const char *text,
               gsize       start,
               gsize       end)
{
  g_autofree char *seg = strip_unicode (text + start, end - start);
  gsize len = strlen (seg);
  gboolean again = TRUE;

  while (again)
    {
      again = FALSE;
      while (len > 0 && strchr ("+;,:.", seg[len - 1]) != NULL)
        {
          seg[--len] = '\0';
          again = TRUE;
        }
      {
        static const char *connectors[] = { " et", " dont", " soit", "(dont", "(soit", "(", NULL };

        for (guint i = 0; connectors[i] != NULL; i++)
          if (g_str_has_suffix (seg, connectors[i]))
            {
              len -= strlen (connectors[i]);
              seg[len] = '\0';
              again = TRUE;
              break;
            }
      }
      /* "10 000 € en investissement)": a parenthesis opened before. */
      if (len > 0 && seg[len - 1] == ')' && strchr (seg, '(') == NULL)
        {
          seg[--len] = '\0';
          again = TRUE;
        }
      {
        g_autofree char *stripped = strip_unicode (seg, len);

        if (strlen (stripped) != len)
          {
            strcpy (seg, stripped);
            len = strlen (seg);
            again = TRUE;
          }
      }
    }
  {
    const char *s = seg;

    while (*s == '+' || *s == ';' || *s == ',' || rtes_french_space_len (s) > 0)
      s += MAX (rtes_french_space_len (s), (gsize) 1);
    if (g_str_has_prefix (s, "et "))
      s = rtes_french_skip_spaces (s + 3);
    return g_strdup (s);
  }
}

GPtrArray *
rtes_import_budget_lines (const char *heading,
                          GPtrArray  *lines)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *heading_folded = rtes_text_fold (heading ? heading : "");

  for (guint i = 0; i < lines->len; i++)
    {
      RtesImportLine *line = g_ptr_array_index (lines, i);
      const char *text = line->text;
      g_autoptr(GArray) amounts = rtes_import_find_amounts (text);
      g_autofree char *context = NULL;
      g_autofree char *context_folded = NULL;
      gsize seg_start = 0;

      if (amounts->len == 0)
        continue;

      /* "Budget prévisionnel 2023 : 6.1 M€ …": what precedes the colon
       * before the first amount speaks for every amount of the line. */
      {
        RtesImportAmount *first = &g_array_index (amounts, RtesImportAmount, 0);
        const char *colon = g_strrstr_len (text, first->start, ":");

        if (colon != NULL)
          {
            context = strip_unicode (text, colon - text);
            seg_start = colon - text + 1;
          }
        else
          context = g_strdup ("");
        context_folded = rtes_text_fold (context);
      }

      for (guint k = 0; k < amounts->len; k++)
        {
          RtesImportAmount *a = &g_array_index (amounts, RtesImportAmount, k);
          gsize seg_end = (k + 1 < amounts->len)
                          ? g_array_index (amounts, RtesImportAmount, k + 1).start
                          : strlen (text);
          g_autoptr(RtesBudgetLine) budget_line = rtes_budget_line_new ();
          g_autofree char *segment = NULL;
          g_autofree char *segment_folded = NULL;
          g_autofree char *label = NULL;
          const char *section;
          gint64 year;

          /* "15 000€ au pôle + toutes les aides…": what follows a "+" or
           * ";" is another item of the budget, not this amount's label. */
          for (gsize j = a->end; j < seg_end; j++)
            if (text[j] == '+' || text[j] == ';')
              {
                seg_end = j;
                break;
              }

          segment = clean_segment (text, MIN (seg_start, a->start), seg_end);
          segment_folded = rtes_text_fold (segment);

          section = says_section (segment_folded);
          if (section == NULL)
            section = says_section (context_folded);
          if (section == NULL)
            section = says_section (heading_folded);

          year = find_year (text, MIN (seg_start, a->start), seg_end, amounts);
          if (year == RTES_NO_NUMBER)
            year = rtes_import_parse_year (context);
          /* "Budget consacré à l'ESS en 2024" speaks for its lines. */
          if (year == RTES_NO_NUMBER)
            year = rtes_import_parse_year (heading);

          if (context_is_generic (context_folded))
            label = g_strdup (segment);
          else
            label = g_strdup_printf ("%s : %s", context, segment);

          rtes_budget_line_set_amount (budget_line, a->amount);
          rtes_budget_line_set_section (budget_line, section);
          rtes_budget_line_set_year (budget_line, year == RTES_NO_NUMBER ? RTES_BUDGET_NO_YEAR : (int) year);
          rtes_budget_line_set_forecast (budget_line,
                                         says_forecast (segment_folded) || says_forecast (context_folded)
                                         || says_forecast (heading_folded));
          rtes_budget_line_set_label (budget_line, label);
          g_ptr_array_add (result, g_steal_pointer (&budget_line));

          seg_start = seg_end;
        }
    }
  return result;
}

/* --------------------------------------------------------- population */

/* A count the fiche format stores exactly; none for anything else (a
 * cast of a double beyond 64 bits is undefined, and beyond 2^53 the
 * document would not read back). */
static gint64
count_of (double value)
{
  if (!(value >= 0 && value <= (double) RTES_JSON_MAX_SAFE_INTEGER))
    return RTES_NO_NUMBER;
  return (gint64) value;
}

gint64
rtes_import_parse_population (const char *text,
                              gboolean   *is_sentence)
{
  g_autofree char *folded = NULL;
  const char *end;
  double value;
  gint64 found = RTES_NO_NUMBER;
  guint numbers = 0;
  gint64 only = RTES_NO_NUMBER;
  gint64 largest_non_year = RTES_NO_NUMBER;

  *is_sentence = FALSE;
  if (rtes_text_is_blank (text))
    return RTES_NO_NUMBER;

  folded = g_strstrip (rtes_text_fold (text));

  /* A count as the editor reads it: "48 200 hab.", "1,2 million". A
   * rounded count in words keeps its wording too, as a sentence would. */
  if (rtes_french_parse_count (folded, &found))
    {
      *is_sentence = strstr (folded, "milli") != NULL;
      return found;
    }
  found = RTES_NO_NUMBER;

  /* A bare number with stray dots after "hab". */
  if (rtes_french_scan_number (folded, &end, &value))
    {
      static const char *units[] = { "", "hab", "hab.", "habitants", "habitant", "habitants.", "hab..", NULL };
      const char *rest = rtes_french_skip_spaces (end);

      for (guint i = 0; units[i] != NULL; i++)
        if (g_str_equal (rest, units[i]))
          return count_of (value);
    }

  /* A sentence: the number that counts inhabitants is the one before
   * "habitants"; "34 communes" is not it. */
  *is_sentence = TRUE;
  for (const char *p = folded; *p != '\0'; p++)
    {
      gboolean boundary = (p == folded) || !(g_ascii_isalnum (p[-1]) || p[-1] == '.' || p[-1] == ',');
      const char *after;
      double multiplier = 1;

      if (!g_ascii_isdigit (*p) || !boundary || !rtes_french_scan_number (p, &end, &value))
        continue;
      numbers++;
      only = count_of (value);
      /* "15 000 (recensement 2020)": a bare four-digit year is no count. */
      if (!(end - p == 4 && value >= 1900 && value < 2100) && count_of (value) > largest_non_year)
        largest_non_year = count_of (value);
      after = rtes_french_skip_spaces (end);
      if (g_str_has_prefix (after, "million"))
        {
          multiplier = 1e6;
          after = rtes_french_skip_spaces (after + strlen (g_str_has_prefix (after, "millions") ? "millions" : "million"));
          after = skip_de (after);
        }
      /* "hab.", "habitants", not "habitat". */
      if (g_str_has_prefix (after, "habitant") || (g_str_has_prefix (after, "hab") && !g_ascii_isalpha (after[3])))
        {
          found = count_of (round (value * multiplier));
          break;
        }
      p = end - 1;
    }
  if (found == RTES_NO_NUMBER && numbers == 1)
    found = only;
  if (found == RTES_NO_NUMBER && numbers > 1)
    found = largest_non_year;
  return found;
}

/* --------------------------------------------------------------- dates */

char *
rtes_import_parse_date (const char *text)
{
  static const char *months[] = {
    "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet",
    "aout", "septembre", "octobre", "novembre", "decembre",
  };
  g_autofree char *folded = NULL;
  int d = 0, m = 0, y = 0;

  if (text == NULL)
    return NULL;
  folded = rtes_text_fold (text);

  for (const char *p = folded; *p != '\0'; p++)
    {
      char sep;

      if (!g_ascii_isdigit (*p) || (p > folded && g_ascii_isdigit (p[-1])))
        continue;
      /* dd/mm/yyyy, dd.mm.yyyy, dd-mm-yyyy */
      if (sscanf (p, "%2d%c%2d", &d, &sep, &m) == 3 && strchr ("/.-", sep) != NULL)
        {
          const char *q = p;
          int parts = 0;

          /* Find the year after the second separator. */
          while (*q != '\0' && parts < 2)
            if (*q++ == sep)
              parts++;
          if (parts == 2 && sscanf (q, "%4d", &y) == 1 && y >= 1900 && y < 2100
              && g_date_valid_dmy (d, m, y))
            return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
        }
      /* yyyy-mm-dd */
      if (sscanf (p, "%4d-%2d-%2d", &y, &m, &d) == 3 && y >= 1900 && g_date_valid_dmy (d, m, y))
        return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
      /* "2 mars 2022", "1er mars 2022" */
      {
        char *q;
        long day = strtol (p, &q, 10);

        if (g_str_has_prefix (q, "er"))
          q += 2;
        while (*q == ' ')
          q++;
        for (guint i = 0; i < G_N_ELEMENTS (months); i++)
          if (g_str_has_prefix (q, months[i]))
            {
              q += strlen (months[i]);
              if (sscanf (q, " %4d", &y) == 1 && day >= 1 && day <= 31
                  && g_date_valid_dmy ((int) day, i + 1, y))
                return g_strdup_printf ("%04d-%02d-%02ld", y, i + 1, day);
            }
      }
    }
  return NULL;
}

/* --------------------------------------------------------------- kinds */

const char *
rtes_import_kind_for_label (const char *label)
{
  /* Other wordings seen on collectivities' own pages, folded. Longest
   * first, because they are also tried as prefixes. */
  static const struct { const char *wording; const char *kind; } synonyms[] = {
    { "pole d'equilibre territorial et rural", "pays-petr" },
    { "communaute d'agglomeration", "communaute-d-agglomeration" },
    { "communaute de communes", "communaute-de-communes" },
    { "communaute urbaine", "communaute-urbaine" },
    { "conseil departemental", "conseil-departemental" },
    { "conseil general", "conseil-departemental" },
    { "conseil regional", "conseil-regional" },
    { "syndicat mixte", "syndicat" },
    { "agglomeration", "communaute-d-agglomeration" },
    { "departement", "conseil-departemental" },
    { "metropole", "metropole" },
    { "syndicat", "syndicat" },
    { "commune", "commune" },
    { "mairie", "commune" },
    { "region", "conseil-regional" },
    { "ville", "commune" },
    { "petr", "pays-petr" },
    { "pays", "pays-petr" },
  };
  const RtesTerm *kinds = rtes_kinds ();
  g_autofree char *folded = NULL;

  if (rtes_text_is_blank (label))
    return NULL;
  folded = g_strstrip (rtes_text_fold (label));

  for (guint i = 0; kinds[i].id != NULL; i++)
    {
      g_autofree char *candidate = rtes_text_fold (kinds[i].label_fr);

      if (g_str_equal (g_strstrip (candidate), folded) || g_str_equal (kinds[i].id, folded))
        return kinds[i].id;
    }
  for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
    if (g_str_equal (folded, synonyms[i].wording))
      return synonyms[i].kind;
  for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
    {
      gsize n = strlen (synonyms[i].wording);

      if (g_str_has_prefix (folded, synonyms[i].wording) && !g_ascii_isalpha (folded[n]))
        return synonyms[i].kind;
    }
  return NULL;
}

/* ------------------------------------------------------------ contacts */

/* TRUE if @folded has a word starting with one of @stems. */
static gboolean
has_word (const char  *folded,
          const char **stems)
{
  for (const char *p = folded; *p != '\0'; p++)
    {
      if (p != folded && g_ascii_isalpha (p[-1]))
        continue;
      for (guint i = 0; stems[i] != NULL; i++)
        if (g_str_has_prefix (p, stems[i]))
          return TRUE;
    }
  return FALSE;
}

static const char *elected_stems[] = {
  "elu ", "elue", "elus", "elu:", "president", "vice-president", "adjoint", "maire",
  "conseiller", "conseillere", "senat", "depute", NULL,
};
static const char *staff_stems[] = {
  "service", "charge", "chef", "direct", "responsable", "technicien", "agent",
  "mission", "coordinat", "referent", "animat", "developpeu", "assistant", NULL,
};

const char *
rtes_import_contact_category (const char *role,
                              const char *title)
{
  g_autofree char *role_folded = rtes_text_fold (role ? role : "");
  g_autofree char *title_folded = rtes_text_fold (title ? title : "");
  /* A trailing space lets "elu " match a role that ends with the word. */
  g_autofree char *r = g_strconcat (role_folded, " ", NULL);
  g_autofree char *t = g_strconcat (title_folded, " ", NULL);

  /* The role says it ("Élu référent", "Service référent"); only a role
   * that says neither ("Contact") lets the title decide. */
  if (has_word (r, elected_stems))
    return RTES_CONTACT_ELECTED;
  if (has_word (r, staff_stems))
    return RTES_CONTACT_STAFF;
  if (has_word (t, elected_stems))
    return RTES_CONTACT_ELECTED;
  return RTES_CONTACT_STAFF;
}

typedef enum {
  ATTR_NONE,
  ATTR_TITLE,
  ATTR_SERVICE,
  ATTR_EMAIL,
  ATTR_PHONE,
} ContactAttr;

static ContactAttr
attribute_for_label (const char *label)
{
  g_autofree char *f = g_strstrip (rtes_text_fold (label));
  static const char *titles[] = { "titre", "fonction", "qualite", "poste", "mandat", "delegation", NULL };
  static const char *emails[] = { "email", "e-mail", "mail", "courriel", "mel", "adresse mail", "adresse electronique", NULL };
  static const char *phones[] = { "tel", "tel.", "telephone", "portable", "mobile", "tel fixe", NULL };

  for (guint i = 0; titles[i] != NULL; i++)
    if (g_str_equal (f, titles[i]))
      return ATTR_TITLE;
  for (guint i = 0; emails[i] != NULL; i++)
    if (g_str_equal (f, emails[i]))
      return ATTR_EMAIL;
  for (guint i = 0; phones[i] != NULL; i++)
    if (g_str_equal (f, phones[i]))
      return ATTR_PHONE;
  if (g_str_has_prefix (f, "service") && strlen (f) < 60)
    return ATTR_SERVICE;
  return ATTR_NONE;
}

/* "Gaëlle Journot", "Pierre-François Bernard", "Lucien Da Ponte": a few
 * capitalised words, as opposed to "Mission Economie et Services aux
 * entreprises" or "Direction de l'économie". */
static gboolean
looks_like_person (const char *text)
{
  static const char *particles[] = { "de", "du", "da", "des", "le", "la", "van", "von", "di", "d'", NULL };
  /* First words of services and of titles, which are capitalised too
   * ("Direction Economie", "Conseiller Régional"). */
  static const char *units[] = { "direction", "mission", "service", "pole", "departement", "delegation",
                                 "cellule", "unite", "bureau", "agence", "secretariat", "conseiller",
                                 "conseillere", "president", "presidente", "vice-president",
                                 "vice-presidente", "adjoint", "adjointe", "maire", "charge", "chargee",
                                 "directeur", "directrice", "responsable", "elu", "elue", "chef",
                                 "cheffe", "administrateur", "administratrice", NULL };
  g_auto(GStrv) words = g_strsplit_set (text, " \t", -1);
  guint count = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *f = NULL;
      gunichar c;

      if (words[i][0] == '\0')
        continue;
      f = rtes_text_fold (words[i]);
      if (count == 0)
        for (guint u = 0; units[u] != NULL; u++)
          if (g_str_equal (f, units[u]))
            return FALSE;
      count++;
      c = g_utf8_get_char (words[i]);
      if (g_unichar_isupper (c))
        continue;
      if (g_strv_contains (particles, f) || g_str_has_prefix (f, "d'"))
        continue;
      return FALSE;
    }
  return count >= 2 && count <= 5;
}

/* Where the name ends in "Name, title", "Name (title)" or "Name – title"
 * (a dash between spaces of any kind); *@title_start gets where the title
 * starts. NULL when @value is only a name. */
static const char *
find_name_end (const char  *value,
               const char **title_start)
{
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ',' || c == '(')
        {
          *title_start = p + 1;
          return p;
        }
      if ((c == '-' || c == 0x2013 || c == 0x2014) && p > value
          && rtes_french_space_len (g_utf8_find_prev_char (value, p)) > 0
          && rtes_french_space_len (g_utf8_next_char (p)) > 0)
        {
          *title_start = g_utf8_next_char (p);
          return p;
        }
    }
  *title_start = NULL;
  return NULL;
}

/* "Gaëlle Journot, responsable du pôle…" names a person: the part
 * before the title does. */
static gboolean
names_person (const char *value)
{
  const char *title_start;
  const char *end = find_name_end (value, &title_start);
  g_autofree char *name = strip_unicode (value, end != NULL ? (gsize) (end - value) : strlen (value));

  return looks_like_person (name);
}

static gboolean
looks_like_email (const char *text)
{
  const char *at = strchr (text, '@');

  return at != NULL && at > text && strchr (at, '.') != NULL && strchr (text, ' ') == NULL;
}

static gboolean
looks_like_phone (const char *text)
{
  g_autofree char *folded = rtes_text_fold (text);
  guint digits = 0;
  const char *start = text;

  /* "Tél. 03 80 …" without a colon. */
  if (g_str_has_prefix (folded, "tel"))
    {
      start = g_utf8_offset_to_pointer (text, 3);
      while (*start == '.' || *start == ' ')
        start++;
    }
  for (const char *p = start; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (!strchr (" .-+()", *p) && rtes_french_space_len (p) == 0)
        return FALSE;
    }
  return digits >= 9 && digits <= 15;
}

/* Finds "Titre :", "Service référent ESS :"… inside @value ("David Marti
 * Titre : président"): returns the offset where the label starts. */
static const char *
find_inline_attribute (const char  *value,
                       ContactAttr *attr,
                       const char **attr_value)
{
  const char *colon = strchr (value, ':');

  while (colon != NULL)
    {
      /* The label is the text from a capitalised keyword to the colon. */
      for (const char *p = value; p < colon; p = g_utf8_next_char (p))
        {
          g_autofree char *label = NULL;
          ContactAttr a;

          if (p != value && rtes_french_space_len (g_utf8_find_prev_char (value, p)) == 0)
            continue;
          label = strip_unicode (p, colon - p);
          a = attribute_for_label (label);
          if (a != ATTR_NONE)
            {
              *attr = a;
              *attr_value = rtes_french_skip_spaces (colon + 1);
              return p;
            }
        }
      colon = strchr (colon + 1, ':');
    }
  return NULL;
}

static void
set_attribute (RtesContact *contact,
               ContactAttr  attr,
               const char  *value)
{
  switch (attr)
    {
    case ATTR_TITLE:
      rtes_contact_set_title (contact, value);
      break;
    case ATTR_SERVICE:
      rtes_contact_set_service (contact, value);
      break;
    case ATTR_EMAIL:
      rtes_contact_set_email (contact, value);
      break;
    case ATTR_PHONE:
      rtes_contact_set_phone (contact, value);
      break;
    case ATTR_NONE:
    default:
      break;
    }
}

/* Compiled once: every contact line of an export goes through them. */
static GRegex *
email_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("[[:alnum:]._%+-]+@[[:alnum:].-]+\\.[[:alpha:]]{2,}",
                                            G_REGEX_OPTIMIZE, 0, NULL));
  return regex;
}

static GRegex *
phone_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("(?:\\+33 ?|\\b0)[1-9](?:[ .-]?[0-9]{2}){4}\\b",
                                            G_REGEX_OPTIMIZE, 0, NULL));
  return regex;
}

/* Gives @contact the first match of @regex in @text (taken) with @set;
 * returns @text with every match cut out. */
static char *
take_match (RtesContact  *contact,
            GRegex       *regex,
            void        (*set) (RtesContact *, const char *),
            char         *text)
{
  g_autofree char *owned = text;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *found = NULL;

  if (!g_regex_match (regex, owned, 0, &match))
    return g_steal_pointer (&owned);
  found = g_match_info_fetch (match, 0);
  set (contact, found);
  return g_regex_replace_literal (regex, owned, -1, 0, "", 0, NULL);
}

/* Takes e-mail addresses and phone numbers out of @value into @contact:
 * "Jean Dupont, maire – jean.dupont@ville.fr – 03 80 00 00 00". */
static char *
take_email_and_phone (RtesContact *contact,
                      const char  *value)
{
  char *rest = g_strdup (value);

  rest = take_match (contact, email_regex (), rtes_contact_set_email, rest);
  rest = take_match (contact, phone_regex (), rtes_contact_set_phone, rest);
  /* What separated them from the rest goes with them. */
  {
    gsize n = strlen (rest);

    while (n > 0 && (strchr (" ,;-", rest[n - 1]) != NULL || (guchar) rest[n - 1] >= 0x80))
      {
        if ((guchar) rest[n - 1] >= 0x80)
          {
            const char *prev = g_utf8_find_prev_char (rest, rest + n);
            gunichar c = g_utf8_get_char (prev);

            if (c != 0x2013 && c != 0x2014 && !rtes_french_is_space (c))
              break;
            n = prev - rest;
          }
        else
          n--;
      }
    rest[n] = '\0';
  }
  return rest;
}

/* "Name, title", "Name - title", "Name (title)", "Name Titre : title",
 * "Name Service … : service", with e-mail and phone anywhere. */
static void
fill_contact (RtesContact *contact,
              const char  *value)
{
  g_autofree char *rest = take_email_and_phone (contact, value);
  const char *attr_value = NULL;
  ContactAttr attr = ATTR_NONE;
  const char *label_start;
  const char *title_start = NULL;
  const char *cut;

  label_start = find_inline_attribute (rest, &attr, &attr_value);
  if (label_start != NULL)
    {
      g_autofree char *v = strip_unicode (attr_value, strlen (attr_value));

      set_attribute (contact, attr, v);
      rest[label_start - rest] = '\0';
    }

  cut = find_name_end (rest, &title_start);
  if (cut != NULL)
    {
      g_autofree char *name = strip_unicode (rest, cut - rest);
      g_autofree char *title = NULL;
      const char *t = title_start;

      title = strip_unicode (t, strlen (t));
      if (g_str_has_suffix (title, ")") && *cut == '(')
        title[strlen (title) - 1] = '\0';
      rtes_contact_set_name (contact, name);
      if (rtes_text_is_blank (rtes_contact_get_title (contact)))
        rtes_contact_set_title (contact, title);
      else
        {
          g_autofree char *joined = g_strdup_printf ("%s, %s", title, rtes_contact_get_title (contact));

          rtes_contact_set_title (contact, joined);
        }
    }
  else
    {
      g_autofree char *name = strip_unicode (rest, strlen (rest));

      rtes_contact_set_name (contact, name);
    }
}

/* TRUE if the next non-blank line of @lines after @i, with no colon,
 * names a person. */
static gboolean
next_names_person (GPtrArray *lines,
                   guint      i)
{
  for (guint j = i + 1; j < lines->len; j++)
    {
      RtesImportLine *next = g_ptr_array_index (lines, j);

      if (next->text[0] == '\0')
        continue;
      return strchr (next->text, ':') == NULL && names_person (next->text);
    }
  return FALSE;
}

static gboolean
label_is_not_contact (const char *label)
{
  static const char *words[] = { "site", "web", "internet", "fax", "siret", "siren", "departement",
                                 "horaires", "facebook", "twitter", "linkedin", NULL };
  g_autofree char *f = rtes_text_fold (label);

  for (guint i = 0; words[i] != NULL; i++)
    if (g_str_has_prefix (f, words[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_board_line (const char *folded)
{
  return strstr (folded, "rtes") != NULL
         && (strstr (folded, "administrat") != NULL || strstr (folded, "bureau") != NULL
             || strstr (folded, "conseil d'administration") != NULL);
}

GPtrArray *
rtes_import_contacts (GPtrArray         *lines,
                      RtesImportedFiche *imported)
{
  GPtrArray *contacts = g_ptr_array_new_with_free_func (g_object_unref);
  RtesContact *current = NULL;
  gboolean pending_name = FALSE;  /* "Élu référent :" with the name below */

  for (guint i = 0; i < lines->len; i++)
    {
      RtesImportLine *line = g_ptr_array_index (lines, i);
      const char *text = line->text;
      const char *colon;

      if (text[0] == '\0')
        continue;

      if (is_board_line (line->folded) && current != NULL)
        {
          rtes_contact_set_rtes_board (current, TRUE);
          continue;
        }

      colon = strchr (text, ':');
      if (colon != NULL && !g_str_has_prefix (colon, "://") && colon - text < 100)
        {
          g_autofree char *label = strip_unicode (text, colon - text);
          g_autofree char *value = strip_unicode (colon + 1, strlen (colon + 1));
          ContactAttr attr = attribute_for_label (label);

          /* "Service référent: Nelly Verstraeten" names a person: it is a
           * contact whose role is "Service référent", not an attribute. */
          if (attr == ATTR_SERVICE && (current == NULL || names_person (value)
                                       || !rtes_text_is_blank (rtes_contact_get_service (current))))
            attr = ATTR_NONE;

          /* "Site internet : https://…" is not a person. */
          if (attr == ATTR_NONE && (g_str_has_prefix (value, "http") || g_str_has_prefix (value, "www.")
                                    || label_is_not_contact (label)))
            {
              rtes_imported_fiche_add_note (imported, line->number, text);
              continue;
            }
          if (attr != ATTR_NONE && current != NULL)
            {
              set_attribute (current, attr, value);
              pending_name = FALSE;
              continue;
            }
          if (attr == ATTR_NONE)
            {
              g_autoptr(RtesContact) contact = rtes_contact_new ();

              rtes_contact_set_role (contact, label);
              if (value[0] != '\0')
                fill_contact (contact, value);
              pending_name = value[0] == '\0';
              current = contact;
              g_ptr_array_add (contacts, g_steal_pointer (&contact));
              continue;
            }
        }
      else if (current != NULL && looks_like_email (text))
        {
          rtes_contact_set_email (current, text);
          continue;
        }
      else if (current != NULL && looks_like_phone (text))
        {
          g_autofree char *folded = rtes_text_fold (text);
          const char *number = text;

          if (g_str_has_prefix (folded, "tel"))
            for (number = g_utf8_offset_to_pointer (text, 3); *number == '.' || *number == ' '; number++)
              ;
          rtes_contact_set_phone (current, number);
          continue;
        }
      else if (pending_name && current != NULL)
        {
          fill_contact (current, text);
          pending_name = FALSE;
          continue;
        }
      else if (names_person (text)
               && (current == NULL || !rtes_text_is_blank (rtes_contact_get_name (current))))
        {
          /* "Jean Dupont, maire": a contact whose role the page omits. */
          g_autoptr(RtesContact) contact = rtes_contact_new ();

          fill_contact (contact, text);
          current = contact;
          g_ptr_array_add (contacts, g_steal_pointer (&contact));
          continue;
        }
      else if (!names_person (text) && next_names_person (lines, i))
        {
          /* "Élu référent" alone, the person on the next line. */
          g_autoptr(RtesContact) contact = rtes_contact_new ();

          rtes_contact_set_role (contact, text);
          pending_name = TRUE;
          current = contact;
          g_ptr_array_add (contacts, g_steal_pointer (&contact));
          continue;
        }
      else if (current != NULL && rtes_text_is_blank (rtes_contact_get_title (current))
               && !looks_like_person (text))
        {
          /* A title on its own line under the contact it describes. */
          rtes_contact_set_title (current, text);
          continue;
        }

      rtes_imported_fiche_add_note (imported, line->number, text);
    }

  for (guint i = 0; i < contacts->len; i++)
    {
      RtesContact *contact = g_ptr_array_index (contacts, i);

      rtes_contact_set_category (contact,
                                 rtes_import_contact_category (rtes_contact_get_role (contact),
                                                               rtes_contact_get_title (contact)));
    }
  return contacts;
}
