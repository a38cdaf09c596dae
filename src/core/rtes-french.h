/* rtes-french.h: numbers and amounts as French readers write them
 *
 * One definition for the editor (which shows and reads amounts) and the
 * exporters (which print them): "6 100 000 €", with narrow no-break spaces
 * so that a line break never splits an amount.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "152 000": groups of three digits separated by U+202F. */
char     *rtes_french_integer       (gint64      value);

/* "6 100 000", "1 234,50": a decimal comma only when there are cents. */
char     *rtes_french_amount        (double      amount);

/* rtes_french_amount() followed by U+202F and "€"; "—" for a value that is
 * not a number. */
char     *rtes_french_euros         (double      amount);

/* Reads "152000", "152 000" (any kind of space). FALSE for anything else,
 * including an empty string and integers beyond ±RTES_JSON_MAX_SAFE_INTEGER,
 * which a fiche cannot hold. For years, where "2 k" means nothing. */
gboolean  rtes_french_parse_integer (const char *text,
                                     gint64     *value);

/* White space as the site's authors and the staff type it: any Unicode
 * space, the BOM and the zero-width space included. The importer splits
 * the site's text with these too, so that both agree on what a space is. */
gboolean    rtes_french_is_space      (gunichar    c);
/* Length in bytes of the white space character at @p, or 0. */
gsize       rtes_french_space_len     (const char *p);
const char *rtes_french_skip_spaces   (const char *p);

/* The one reader of amounts and counts, for the editor (what staff type)
 * and the importer (what the site's authors typed).
 *
 * rtes_french_scan_number() reads a number at the start of @text: digits
 * grouped by three with any kind of space or a dot ("2 820 940",
 * "1.000.000"), then a decimal part after a comma or a dot ("6,1",
 * "6.1"). FALSE when @text does not start with a digit. */
gboolean  rtes_french_scan_number   (const char  *text,
                                     const char **end,
                                     double      *value);

/* Reads the euros after a number, spaces first: "€", "euros", "EUR", with
 * a multiplier before them ("k€", "M€", "Md€", "millions d’euros",
 * "1 million d’€"). Returns the end of the currency and sets
 * @multiplier, or NULL when no currency is there. */
const char *rtes_french_scan_euros  (const char  *text,
                                     double      *multiplier);

/* A whole field holding an amount in euros: "6 100 000", "6100000,5",
 * "6 100 000 €", "1234.50", "350 k€", "6,1 M€", "1 million d’€",
 * "40 000 euros", "350 k". Rounded to the cent. FALSE for anything else,
 * an empty string included, so that nothing half-read is ever stored. */
gboolean  rtes_french_parse_amount  (const char *text,
                                     double     *amount);

/* A whole field holding a count of people: "48 200", "48 200 hab.",
 * "1,2 million", "1,2 million d’habitants". FALSE unless it reads as a
 * whole number ("1,5" people is a typo, not a count). */
gboolean  rtes_french_parse_count   (const char *text,
                                     gint64     *value);

/* Dates: the format writes "2024-03-12", French readers read and type
 * "12/03/2024" (JJ/MM/AAAA). */

/* @iso ("2024-03-12") as "12/03/2024"; NULL when it is not a real date
 * in that form. */
char     *rtes_french_date          (const char *iso);

/* What a person typed, "12/03/2024" or "2024-03-12", as the format's
 * "2024-03-12"; NULL when it is neither or not a real date. */
char     *rtes_french_parse_date    (const char *text);

G_END_DECLS
