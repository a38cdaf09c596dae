/* rtes-spelling-private.h: what the two spelling helpers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RtesEntrySpelling and RtesTextViewSpelling do one job over two kinds of
 * widget. Each embeds an RtesSpellingCore (rtes-spelling-core.c), which holds
 * the "spelling" actions and the menu they fill, runs the review
 * context's checks and suggestions (rtes-review-context.c) in worker
 * threads, one check per idle however fast one types, and hears the
 * right click and the Menu key; the helper says what to check and how to
 * show what comes back.
 */
#pragma once

#include <gtk/gtk.h>

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

/* What a helper does for the core, @owner being the helper. */
typedef struct {
  /* The text to check now and its offset in the widget (characters), or NULL. */
  char *(*text_to_check) (gpointer owner, int *offset);
  void  (*checked)       (gpointer owner, int offset, const char *text, GPtrArray *misspellings);
  /* The context menu is coming: at @where, or at the cursor when NULL. */
  void  (*menu_wanted)   (gpointer owner, const graphene_point_t *where);
  void  (*suggested)     (gpointer owner, const char *word, const char * const *suggestions);
  void  (*replace)       (gpointer owner, guint start, guint end, const char *replacement);
  void  (*menu_used)     (gpointer owner);    /* optional: a menu item was chosen */
  void  (*recheck)       (gpointer owner);    /* the speller or its words changed */
} RtesSpellingAdapter;

typedef struct {
  const RtesSpellingAdapter *adapter;
  GObject *owner;               /* embeds us */
  RtesReviewContext *context;
  GMenu *menu;                  /* what the helper fills */
  GSimpleActionGroup *actions;
  GCancellable *cancellable;
  guint check_source;
  guint pending;                /* checks in worker threads */
} RtesSpellingCore;

/* Sets @core up on @widget, which the helper @owner is attached to. */
void rtes_spelling_core_init     (RtesSpellingCore          *core,
                                  gpointer                   owner,
                                  const RtesSpellingAdapter *adapter,
                                  GtkWidget                 *widget,
                                  RtesReviewContext         *context);
/* In the helper's dispose. */
void rtes_spelling_core_clear    (RtesSpellingCore          *core);
void rtes_spelling_core_schedule (RtesSpellingCore          *core);
void rtes_spelling_core_suggest  (RtesSpellingCore          *core,
                                  const char                *word);

/* Appends the items of a misspelt word to @menu: its suggestions (up to
 * five; "spelling.replace" with the target (@start, @end, suggestion),
 * positions as the widget's helper counts them) and "Add to Dictionary"
 * ("spelling.add-word" with the word). @suggestions NULL: "Looking for
 * suggestions…", disabled. @labelled: the section says which word. */
void rtes_spelling_fill_menu     (GMenu                     *menu,
                                  const char                *word,
                                  guint                      start,
                                  guint                      end,
                                  const char * const        *suggestions,
                                  gboolean                   labelled);

G_END_DECLS
