/* rtes-review-context-private.h: what the spelling helpers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-review-context.h"

G_BEGIN_DECLS

/* One misspelt word of a checked text: bytes of that text. */
typedef struct {
  gsize  start;
  gsize  end;
  char  *word;
  GStrv  suggestions;   /* NULL until asked for */
} RtesMisspelling;

void       rtes_misspelling_free               (RtesMisspelling *misspelling);

/* Checks @text in a worker thread (the speller's lock is never taken in
 * the main thread while someone types): a GPtrArray of RtesMisspelling,
 * or NULL when there is no speller (yet). */
void       rtes_review_context_check_async     (RtesReviewContext   *self,
                                                const char          *text,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray *rtes_review_context_check_finish    (RtesReviewContext   *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* The suggestions for @word, computed in a worker thread and cached
 * (hunspell's French suggestions take a good part of a second). */
void       rtes_review_context_suggest_async   (RtesReviewContext   *self,
                                                const char          *word,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GStrv      rtes_review_context_suggest_finish  (RtesReviewContext   *self,
                                                GAsyncResult        *result,
                                                GError             **error);

typedef void (*RtesSpellingActionFunc) (GSimpleAction *action,
                                        GVariant      *parameter,
                                        gpointer       user_data);

/* The "spelling" action group the menus of rtes_spelling_fill_menu() use:
 * "replace" (uus) and "add-word" (s), activated with @user_data, and
 * "none", always disabled, for the lines that only say something. */
GSimpleActionGroup *rtes_spelling_actions_new (RtesSpellingActionFunc  replace,
                                               RtesSpellingActionFunc  add_word,
                                               gpointer                user_data);

/* Appends the items of a misspelt word to @menu: its suggestions (up to
 * five; "spelling.replace" with the target (@start, @end, suggestion),
 * positions as the widget's helper counts them) and "Add to Dictionary"
 * ("spelling.add-word" with the word). @suggestions NULL: "Looking for
 * suggestions…", disabled. @labelled: the section says which word. */
void       rtes_spelling_fill_menu             (GMenu              *menu,
                                                const char         *word,
                                                guint               start,
                                                guint               end,
                                                const char * const *suggestions,
                                                gboolean            labelled);

G_END_DECLS
