/* rtes-speller.h: French spelling with enchant and the hunspell dictionary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One speller per library, shared by the window's text fields, its
 * Relecture panel and the command line:
 *
 *   speller = rtes_speller_new ("fr", &error);        // ~0.3 s: in a thread
 *   rtes_speller_learn_fiches (speller, fiches);      // names, towns, people
 *   rtes_speller_add_words (speller, library_words);  // .rtes-fiches/dictionary.txt
 *   rtes_speller_check_text (speller, "panorama", text, 0, -1, findings);
 *
 * A word is known when the dictionary knows it, or it is one of the
 * library's own words (learnt from its fiches, or added by a person), or
 * an acronym (a word in capitals: ESS, SCIC, PTCE, CRESS). A few forms
 * the dictionary accepts but the RTES avoids ("entreprenariat") are
 * reported all the same, with the form to use.
 *
 * Results are cached per word, so that checking a paragraph again as
 * someone types costs a lookup per word. Every function may be called
 * from any thread (one lock around the dictionary). Words are never
 * written to the person's own enchant dictionary: the library keeps its
 * words itself (RtesWordList).
 */
#pragma once

#include <gio/gio.h>

#include "rtes-fiche.h"
#include "rtes-finding.h"

G_BEGIN_DECLS

#define RTES_REVIEW_ERROR (rtes_review_error_quark ())

typedef enum {
  RTES_REVIEW_ERROR_NO_DICTIONARY,  /* no dictionary for the language */
  RTES_REVIEW_ERROR_INVALID_WORD,   /* not a word a dictionary can hold */
} RtesReviewError;

GQuark       rtes_review_error_quark   (void);

#define RTES_TYPE_SPELLER (rtes_speller_get_type ())
G_DECLARE_FINAL_TYPE (RtesSpeller, rtes_speller, RTES, SPELLER, GObject)

/* Loads the hunspell dictionary for @language ("fr", "fr_FR") through
 * enchant; RTES_REVIEW_ERROR_NO_DICTIONARY when there is none (Debian:
 * hunspell-fr). Blocks for a moment: the window makes it in a thread. */
RtesSpeller *rtes_speller_new          (const char          *language,
                                        GError             **error);

/* TRUE when @word (@length bytes, or NUL-terminated if -1) is spelt right
 * as far as the speller knows. */
gboolean     rtes_speller_check_word   (RtesSpeller         *self,
                                        const char          *word,
                                        gssize               length);
/* Up to a handful of replacements for @word, best first (slow the first
 * time for a word: hunspell's French suggestions take a good part of a
 * second; cached afterwards). Never NULL. */
GStrv        rtes_speller_suggest      (RtesSpeller         *self,
                                        const char          *word);

/* Known from now on (until the speller goes): @words, one word each. */
void         rtes_speller_add_words    (RtesSpeller         *self,
                                        const char * const  *words);
/* The library's own words: the names of @fiches (RtesFiche*), their
 * towns and address lines, and their contacts' names. */
void         rtes_speller_learn_fiches (RtesSpeller         *self,
                                        GPtrArray           *fiches);

/* Spelling findings for the words of @text that overlap the bytes
 * [@start, @end) (@end -1: to the end), appended to @findings with
 * @field. Addresses are skipped. Suggestions are left empty: fill them
 * with rtes_speller_suggest() when someone wants them. */
void         rtes_speller_check_text   (RtesSpeller         *self,
                                        const char          *field,
                                        const char          *text,
                                        gsize                start,
                                        gssize               end,
                                        GPtrArray           *findings);

/* The spelling of every text of @fiche that is prose (see
 * rtes_review_foreach_text()), appended to @findings with the fiche's id. */
void         rtes_speller_check_fiche  (RtesSpeller         *self,
                                        RtesFiche           *fiche,
                                        GPtrArray           *findings);

/* Where the word around byte @offset of @text starts and ends, as the
 * speller cuts words; FALSE when @offset is not in a word. */
gboolean     rtes_speller_word_at      (const char          *text,
                                        gsize                offset,
                                        gsize               *start,
                                        gsize               *end);

G_END_DECLS
