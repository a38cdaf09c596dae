/* rtes-editor-format.h: numbers and amounts as French readers write them
 *
 * The editor shows amounts and populations the way RTES staff read them on
 * the site ("6 100 000 €") and accepts what they type back, with or without
 * spaces, a decimal comma or a euro sign. Kept apart from the widgets so the
 * budget page, its rows and the tests share one definition.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "152 000": groups of three digits separated by a narrow no-break space. */
char     *rtes_format_integer (gint64      value);

/* "6 100 000 €", "1 234,50 €": French grouping, decimal comma only when
 * there are cents, a no-break space before the euro sign. */
char     *rtes_format_euros   (double      amount);

/* Same digits without the euro sign, for an entry the user edits. */
char     *rtes_format_amount  (double      amount);

/* Reads "152000", "152 000" (any kind of space). Returns FALSE for anything
 * else, including an empty string. */
gboolean  rtes_parse_integer  (const char *text,
                               gint64     *value);

/* Reads "6 100 000", "6100000,5", "6 100 000 €", "1234.50". */
gboolean  rtes_parse_amount   (const char *text,
                               double     *amount);

G_END_DECLS
