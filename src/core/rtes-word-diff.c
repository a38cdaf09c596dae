/* rtes-word-diff.c: what changed in a long text, word by word
 *
 * The texts are cut into tokens (words, runs of spaces, single marks);
 * the tokens both texts start and end with are set apart first, since an
 * edit of a long text is usually local, and the longest common
 * subsequence of what is left is found by the classic table, as long as
 * the table stays under RTES_WORD_DIFF_MAX_CELLS. A run of spaces alone
 * between two changes is counted as changed too, so that "old words"
 * → "new words" reads as one removal and one addition, not four pieces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rtes-word-diff.h"

typedef struct {
  const char *start;
  gsize length;
} Token;

typedef struct {
  RtesDiffKind kind;
  const Token *token;
} Op;

static void
rtes_diff_segment_free (RtesDiffSegment *segment)
{
  if (segment == NULL)
    return;
  g_free (segment->text);
  g_free (segment);
}

typedef enum {
  CLASS_WORD,
  CLASS_SPACE,
  CLASS_MARK,
} CharClass;

static CharClass
char_class (gunichar c)
{
  if (g_unichar_isalnum (c) || g_unichar_ismark (c))
    return CLASS_WORD;
  if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F)
    return CLASS_SPACE;
  return CLASS_MARK;
}

/* @text must be valid UTF-8 (it comes from a fiche, which is). */
static GArray *
tokenize (const char *text)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  const char *p = text != NULL ? text : "";

  while (*p != '\0')
    {
      CharClass klass = char_class (g_utf8_get_char (p));
      Token token = { p, 0 };
      const char *q = g_utf8_next_char (p);

      if (klass != CLASS_MARK)
        while (*q != '\0' && char_class (g_utf8_get_char (q)) == klass)
          q = g_utf8_next_char (q);
      token.length = q - p;
      g_array_append_val (tokens, token);
      p = q;
    }
  return tokens;
}

static gboolean
token_equal (const Token *a,
             const Token *b)
{
  return a->length == b->length && memcmp (a->start, b->start, a->length) == 0;
}

static gboolean
token_is_space (const Token *token)
{
  return char_class (g_utf8_get_char (token->start)) == CLASS_SPACE;
}

static void
add_op (GArray      *ops,
        RtesDiffKind kind,
        const Token *token)
{
  Op op = { kind, token };

  g_array_append_val (ops, op);
}

/* The middle parts, [a, a + n) of @old and [b, b + m) of @new, which
 * share neither their first nor their last token. */
static void
diff_middle (GArray *ops,
             GArray *old,
             guint   a,
             guint   n,
             GArray *new,
             guint   b,
             guint   m)
{
  g_autofree guint32 *table = NULL;
  guint i = 0, j = 0;

  if ((guint64) (n + 1) * (m + 1) > RTES_WORD_DIFF_MAX_CELLS)
    {
      for (i = 0; i < n; i++)
        add_op (ops, RTES_DIFF_REMOVED, &g_array_index (old, Token, a + i));
      for (j = 0; j < m; j++)
        add_op (ops, RTES_DIFF_ADDED, &g_array_index (new, Token, b + j));
      return;
    }

  /* table[i][j]: the longest common subsequence of the suffixes from i
   * and j, so that the walk below goes forwards. */
  table = g_new0 (guint32, (gsize) (n + 1) * (m + 1));
#define AT(x, y) table[(gsize) (x) * (m + 1) + (y)]
  for (guint x = n; x-- > 0;)
    for (guint y = m; y-- > 0;)
      {
        if (token_equal (&g_array_index (old, Token, a + x), &g_array_index (new, Token, b + y)))
          AT (x, y) = AT (x + 1, y + 1) + 1;
        else
          AT (x, y) = MAX (AT (x + 1, y), AT (x, y + 1));
      }

  while (i < n && j < m)
    {
      const Token *o = &g_array_index (old, Token, a + i);
      const Token *w = &g_array_index (new, Token, b + j);

      if (token_equal (o, w))
        {
          add_op (ops, RTES_DIFF_SAME, o);
          i++, j++;
        }
      else if (AT (i + 1, j) >= AT (i, j + 1))
        {
          add_op (ops, RTES_DIFF_REMOVED, o);
          i++;
        }
      else
        {
          add_op (ops, RTES_DIFF_ADDED, w);
          j++;
        }
    }
#undef AT
  for (; i < n; i++)
    add_op (ops, RTES_DIFF_REMOVED, &g_array_index (old, Token, a + i));
  for (; j < m; j++)
    add_op (ops, RTES_DIFF_ADDED, &g_array_index (new, Token, b + j));
}

/* Spaces alone between two changes become part of the change. */
static void
absorb_spaces (GArray *ops)
{
  for (guint i = 1; i + 1 < ops->len; i++)
    {
      Op *op = &g_array_index (ops, Op, i);

      if (op->kind != RTES_DIFF_SAME || !token_is_space (op->token))
        continue;
      if (g_array_index (ops, Op, i - 1).kind == RTES_DIFF_SAME
          || g_array_index (ops, Op, i + 1).kind == RTES_DIFF_SAME)
        continue;
      op->kind = RTES_DIFF_REMOVED;
      g_array_insert_val (ops, i + 1, ((Op) { RTES_DIFF_ADDED, op->token }));
      i++;
    }
}

static void
flush (GPtrArray    *segments,
       GString      *text,
       RtesDiffKind  kind)
{
  RtesDiffSegment *segment;

  if (text->len == 0)
    return;
  segment = g_new0 (RtesDiffSegment, 1);
  segment->kind = kind;
  segment->text = g_strndup (text->str, text->len);
  g_ptr_array_add (segments, segment);
  g_string_truncate (text, 0);
}

/* Runs of changes become one removal then one addition. */
static GPtrArray *
coalesce (GArray *ops)
{
  GPtrArray *segments = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_diff_segment_free);
  g_autoptr(GString) same = g_string_new (NULL);
  g_autoptr(GString) removed = g_string_new (NULL);
  g_autoptr(GString) added = g_string_new (NULL);

  for (guint i = 0; i < ops->len; i++)
    {
      const Op *op = &g_array_index (ops, Op, i);

      switch (op->kind)
        {
        case RTES_DIFF_SAME:
          flush (segments, removed, RTES_DIFF_REMOVED);
          flush (segments, added, RTES_DIFF_ADDED);
          g_string_append_len (same, op->token->start, op->token->length);
          break;
        case RTES_DIFF_REMOVED:
          flush (segments, same, RTES_DIFF_SAME);
          g_string_append_len (removed, op->token->start, op->token->length);
          break;
        case RTES_DIFF_ADDED:
          flush (segments, same, RTES_DIFF_SAME);
          g_string_append_len (added, op->token->start, op->token->length);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  flush (segments, same, RTES_DIFF_SAME);
  flush (segments, removed, RTES_DIFF_REMOVED);
  flush (segments, added, RTES_DIFF_ADDED);
  return segments;
}

GPtrArray *
rtes_word_diff (const char *old_text,
                const char *new_text)
{
  g_autoptr(GArray) old = tokenize (old_text);
  g_autoptr(GArray) new = tokenize (new_text);
  g_autoptr(GArray) ops = g_array_new (FALSE, FALSE, sizeof (Op));
  guint prefix = 0, suffix = 0;

  while (prefix < old->len && prefix < new->len
         && token_equal (&g_array_index (old, Token, prefix), &g_array_index (new, Token, prefix)))
    prefix++;
  while (suffix < old->len - prefix && suffix < new->len - prefix
         && token_equal (&g_array_index (old, Token, old->len - 1 - suffix),
                         &g_array_index (new, Token, new->len - 1 - suffix)))
    suffix++;

  for (guint i = 0; i < prefix; i++)
    add_op (ops, RTES_DIFF_SAME, &g_array_index (old, Token, i));
  diff_middle (ops, old, prefix, old->len - prefix - suffix, new, prefix, new->len - prefix - suffix);
  for (guint i = old->len - suffix; i < old->len; i++)
    add_op (ops, RTES_DIFF_SAME, &g_array_index (old, Token, i));

  absorb_spaces (ops);
  return coalesce (ops);
}
