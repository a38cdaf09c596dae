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
 * which a fiche cannot hold. */
gboolean  rtes_french_parse_integer (const char *text,
                                     gint64     *value);

/* Reads "6 100 000", "6100000,5", "6 100 000 €", "1234.50". */
gboolean  rtes_french_parse_amount  (const char *text,
                                     double     *amount);

G_END_DECLS
