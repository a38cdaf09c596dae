/* rtes-word-diff.h: what changed in a long text, word by word
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The history shows a long text that changed (a panorama, a programme)
 * with the words taken out and put in marked, rather than two whole
 * texts to compare by eye:
 *
 *   segments = rtes_word_diff (old_text, new_text);
 *   for (guint i = 0; i < segments->len; i++)
 *     {
 *       RtesDiffSegment *s = g_ptr_array_index (segments, i);
 *       // s->kind: same, removed or added; s->text: its words and spaces
 *     }
 *
 * The old text is the concatenation of the same and removed segments, the
 * new one of the same and added segments, in order.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  RTES_DIFF_SAME,
  RTES_DIFF_REMOVED,
  RTES_DIFF_ADDED,
} RtesDiffKind;

typedef struct {
  RtesDiffKind  kind;
  char         *text;
} RtesDiffSegment;

/* Above this many cells (words of the old part that differs times words
 * of the new one) the differing parts are shown as one removal and one
 * addition: time and memory stay bounded whatever the texts. */
#define RTES_WORD_DIFF_MAX_CELLS (1024 * 1024)

/* The segments (RtesDiffSegment*) that turn @old_text into @new_text
 * (either may be NULL: empty). Words are runs of letters and digits,
 * spaces are runs of white space, any other character stands alone. A
 * removal and an addition that follow each other are given in that
 * order; consecutive segments never have the same kind. */
GPtrArray *rtes_word_diff         (const char *old_text,
                                   const char *new_text);

G_END_DECLS
