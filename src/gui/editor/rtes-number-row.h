/* rtes-number-row.h: an entry row for an amount, a count or a year
 *
 * Staff type numbers the way they say them: "350 k€", "1,2 million",
 * "48 200 hab.". An RtesNumberRow reads its text with the core's French
 * reader (rtes-french.h) and says, inside the row, what it understood
 * ("350 000 €") or that it did not understand, without changing the
 * layout under the pointer. When the field is left, a readable text is
 * rewritten in its usual form ("350 000").
 *
 * It also keeps the value to fall back on: the value the field held when
 * the person entered it or last left it, or that the model put in it
 * since (undo, reload). While the text cannot be read, the page stores
 * that value, not a half-typed one ("350" of "350 kg"), nor the "" of a
 * select-all-and-type.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum {
  RTES_NUMBER_AMOUNT,   /* euros, to the cent */
  RTES_NUMBER_COUNT,    /* a whole number of people */
  RTES_NUMBER_YEAR,     /* four digits, no multiplier */
} RtesNumberKind;

#define RTES_TYPE_NUMBER_KIND (rtes_number_kind_get_type ())
GType rtes_number_kind_get_type (void) G_GNUC_CONST;

#define RTES_TYPE_NUMBER_ROW (rtes_number_row_get_type ())
G_DECLARE_FINAL_TYPE (RtesNumberRow, rtes_number_row, RTES, NUMBER_ROW, AdwEntryRow)

GtkWidget      *rtes_number_row_new          (RtesNumberKind  kind);


/* Reads the text: TRUE and the value, NAN for an empty field; FALSE when
 * the text cannot be read (then @value is untouched). */
gboolean        rtes_number_row_read         (RtesNumberRow  *self,
                                              double         *value);

/* Shows @value (NAN: empty) from the model, unless the text already
 * reads as it (the model echoing an edit); a value that replaces the
 * text becomes the one to fall back on. Unreadable text stays while the
 * model still holds the value to fall back on. */
void            rtes_number_row_set_value    (RtesNumberRow  *self,
                                              double          value);

/* The value to store while the text cannot be read (NAN: empty). */
double          rtes_number_row_get_fallback (RtesNumberRow  *self);

/* What the row says it understood ("350 000 €"), or NULL when there is
 * nothing to explain; for tests and screenshots. */
const char     *rtes_number_row_get_understood (RtesNumberRow *self);

G_END_DECLS
