/* rtes-review-context.h: the Relecture's services for one library's window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One per window and library. It loads what the review needs without
 * blocking the window (the French dictionary, the library's words, the
 * records of fiches published despite the review) and offers it to the
 * widgets that check as one types, the Relecture panel and the library's
 * list:
 *
 *   context = rtes_review_context_new (library, session);
 *   rtes_fiche_editor_set_review_context (editor, context);
 *   rtes_spelling_attach_under (page, context);  // every text field under it (rtes-spelling.h)
 *
 * Until the dictionary is loaded ("speller" is NULL) nothing is
 * underlined; widgets recheck when it arrives and when words are added
 * ("words-changed"). Without a French dictionary, the rest of the review
 * works and "speller-error" says why spelling does not.
 */
#pragma once

#include <gtk/gtk.h>
#include <libsoup/soup.h>

#include "rtes-library.h"
#include "rtes-link-checker.h"
#include "rtes-review-overrides.h"
#include "rtes-speller.h"

G_BEGIN_DECLS

#define RTES_TYPE_REVIEW_CONTEXT (rtes_review_context_get_type ())
G_DECLARE_FINAL_TYPE (RtesReviewContext, rtes_review_context, RTES, REVIEW_CONTEXT, GObject)

/* @session is for the link check (the window's, or a test's with
 * "proxy-resolver" NULL). */
RtesReviewContext *rtes_review_context_new          (RtesLibrary        *library,
                                                     SoupSession        *session);

RtesLibrary       *rtes_review_context_get_library  (RtesReviewContext  *self);
/* NULL while the dictionary loads, or when there is none. */
RtesSpeller       *rtes_review_context_get_speller  (RtesReviewContext  *self);
/* Why spelling is not checked, or NULL. */
const char        *rtes_review_context_get_speller_error (RtesReviewContext *self);
RtesLinkChecker   *rtes_review_context_get_link_checker  (RtesReviewContext *self);
/* The records of overrides, NULL until read (or when unreadable). */
RtesReviewOverrides *rtes_review_context_get_overrides   (RtesReviewContext *self);

/* Blocks until the dictionary and the records are loaded (tests; the
 * window never needs to). */
void               rtes_review_context_wait         (RtesReviewContext  *self);

/* "Ajouter au dictionnaire": known at once, written to the library's
 * dictionary in a thread; a failure to write is reported on "error". */
void               rtes_review_context_add_word     (RtesReviewContext  *self,
                                                     const char         *word);

/* Records that fiche @id may be published despite @findings (its
 * blocking ones), in a thread; "overrides-changed" when written, "error"
 * when not. */
void               rtes_review_context_add_override (RtesReviewContext  *self,
                                                     const char         *id,
                                                     GPtrArray          *findings);

G_END_DECLS
