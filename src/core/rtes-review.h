/* rtes-review.h: what to look at in a fiche before it is published
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checks that need neither a dictionary nor the network: editors'
 * placeholders, French typography, what is out of date, what the
 * validator finds missing or wrong, contacts that look wrong, and
 * duplicate fiches. Each gives RtesFinding records (rtes-finding.h).
 * Spelling and links are checked by src/review/, which adds to these.
 *
 * Placeholders and the validator's errors block publishing
 * (rtes_review_blocking(), which the sync runs on every fiche it would
 * publish). Everything here is linear in the size of the fiche and runs
 * in any thread.
 */
#pragma once

#include "rtes-fiche.h"
#include "rtes-finding.h"

G_BEGIN_DECLS

/* A budget whose latest year is more than this many years before the
 * current one is out of date; so is a fiche not updated for more than
 * RTES_REVIEW_STALE_UPDATE_YEARS. */
#define RTES_REVIEW_STALE_BUDGET_YEARS 3
#define RTES_REVIEW_STALE_UPDATE_YEARS 2

typedef enum {
  /* A straight apostrophe is flagged only where the rest of the text
   * (the fiche) uses ’: the mix is the mistake. */
  RTES_APOSTROPHES_AS_ELSEWHERE,
  /* Every straight apostrophe between letters is flagged (the exports'
   * own text, which always uses ’). */
  RTES_APOSTROPHES_CURLY,
} RtesApostropheRule;

typedef struct {
  gsize start;
  gsize end;
} RtesTextRange;

/* The addresses in @text (web, mailto: and e-mail addresses), which no
 * check of prose looks into: a GArray of RtesTextRange, bytes of @text. */
GArray    *rtes_review_find_addresses  (const char          *text);

/* The checks of one piece of text, appended to @findings with @field as
 * their field. Ranges are bytes of @text. Addresses (http…, mailto:,
 * e-mail) are left alone. */
void       rtes_review_placeholders    (const char          *field,
                                        const char          *text,
                                        GPtrArray           *findings);
void       rtes_review_typography      (const char          *field,
                                        const char          *text,
                                        RtesApostropheRule   rule,
                                        GPtrArray           *findings);

/* Calls @func for each piece of text of @fiche that people read, in the
 * fiche's order: the name, the population note, the address, the four
 * text sections, the budget lines' labels, the contacts' fields. @prose
 * is TRUE for French text (spelling, typography), FALSE for a proper name,
 * an e-mail or a phone number. Empty values are skipped. */
typedef void (*RtesReviewTextFunc) (const char *field,
                                    const char *text,
                                    gboolean    prose,
                                    gpointer    user_data);
void       rtes_review_foreach_text    (RtesFiche           *fiche,
                                        RtesReviewTextFunc   func,
                                        gpointer             user_data);

/* Every check of this file on @fiche (all but spelling, links and
 * duplicates), sorted; @now gives today (NULL: now). Findings carry the
 * fiche's id. A fiche that did not load gives one error. */
GPtrArray *rtes_review_fiche           (RtesFiche           *fiche,
                                        GDateTime           *now);

/* Only what blocks publishing: placeholders and the validator's errors.
 * Cheap: for the sidebar's badge and for the sync. */
GPtrArray *rtes_review_blocking        (RtesFiche           *fiche);
/* How many, kept with the fiche until it changes, and by the library's
 * index for a fiche listed from it: a listed fiche is not read for it. */
guint      rtes_review_count_blocking  (RtesFiche           *fiche);

/* Fiches of @fiches (RtesFiche*) with the same name (accents, case and
 * spaces folded), or the same postcode and kind: one finding on each,
 * naming the other, appended to @findings. Broken fiches are skipped. */
void       rtes_review_duplicates      (GPtrArray           *fiches,
                                        GPtrArray           *findings);

/* @text with the fixes of @findings (those of one field, with a range
 * and a fix) applied; overlapping fixes after the first are skipped. */
char      *rtes_review_apply_fixes     (const char          *text,
                                        GPtrArray           *findings);

/* The value of the text field @field of @fiche (as rtes_review_foreach_text()
 * names them), or NULL. */
char      *rtes_review_get_text        (RtesFiche           *fiche,
                                        const char          *field);
/* Writes @text to the text field @field of @fiche; FALSE when @field is
 * not one. */
gboolean   rtes_review_set_text        (RtesFiche           *fiche,
                                        const char          *field,
                                        const char          *text);

/* Fixes every typography finding of @fiche in place (one ::changed per
 * field changed). Returns how many were fixed. Bracket the call as one
 * action of the fiche's document for one undo step. */
guint      rtes_review_fix_typography  (RtesFiche           *fiche);

G_END_DECLS
