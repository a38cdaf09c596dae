/* rtes-fiche-text.c: parsing fiche text into blocks, and rendering them
 *
 * The parser works line by line and never fails. A line is blank, a list
 * item ("- " or "N. " after some indentation) or text. Indentation decides
 * nesting: each item remembers the column of its marker, a deeper marker
 * opens a list inside the previous item, a shallower one closes lists. Text
 * lines join the open paragraph (as line breaks: the site's texts put one
 * statement per line, and joining them would run sentences together), or
 * continue a list item when they are indented past its marker.
 *
 * Inline text is scanned separately once a paragraph or item is complete,
 * so that a link never spans two blocks. No address is longer than
 * RTES_URI_MAX_LENGTH, which also bounds how far the scanner looks ahead
 * from each "[" or "http": the work stays linear in the text's length.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rtes-fiche-text.h"

/* Deeper nesting is flattened: no real text needs it, and hostile text
 * with thousands of growing indents must not recurse that deep. */
#define MAX_DEPTH 6

/* Numbered items have at most this many digits, so that "2023. Bilan" at
 * the start of a line stays a sentence. */
#define MAX_NUMBER_DIGITS 3

/* ---- sanitizing ------------------------------------------------------ */

char *
rtes_text_sanitize (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));

  for (p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r')
        {
          /* "\r\n" and a lone "\r" are both line ends. */
          if (p[1] != '\n')
            g_string_append_c (out, '\n');
          continue;
        }
      if (c == '\n' || c == '\t')
        {
          g_string_append_c (out, (char) c);
          continue;
        }
      /* C0, DEL and C1 controls have no place in a fiche and some (NUL,
       * form feed) would confuse readers of the exported files. */
      if (c < 0x20 || (c >= 0x7f && c < 0xa0))
        continue;
      /* Noncharacters are for a program's own use, never for interchange,
       * and U+FFFE and U+FFFF are not even XML characters: a page with one
       * would not parse. Shown as U+FFFD, like broken bytes. */
      if ((c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe)
        c = 0xfffd;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

gboolean
rtes_uri_is_safe (const char *uri)
{
  const char *rest;
  const char *p;

  if (uri == NULL || strnlen (uri, RTES_URI_MAX_LENGTH + 1) > RTES_URI_MAX_LENGTH ||
      !g_utf8_validate (uri, -1, NULL))
    return FALSE;

  if (g_ascii_strncasecmp (uri, "https://", 8) == 0)
    rest = uri + 8;
  else if (g_ascii_strncasecmp (uri, "http://", 7) == 0)
    rest = uri + 7;
  else if (g_ascii_strncasecmp (uri, "mailto:", 7) == 0)
    {
      rest = uri + 7;
      if (strchr (rest, '@') == NULL)
        return FALSE;
    }
  else
    return FALSE;

  /* A host (or address) must follow the scheme. */
  if (*rest == '\0' || *rest == '/')
    return FALSE;

  for (p = uri; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>' ||
          c == '\\' || c == '`')
        return FALSE;
    }

  return TRUE;
}

/* ---- the tree ---------------------------------------------------------- */

static void
span_free (gpointer data)
{
  RtesTextSpan *span = data;

  g_free (span->text);
  g_free (span->uri);
  g_free (span);
}

static void block_free (gpointer data);

static void
item_free (gpointer data)
{
  RtesTextItem *item = data;

  g_ptr_array_unref (item->spans);
  g_ptr_array_unref (item->children);
  g_free (item);
}

static void
block_free (gpointer data)
{
  RtesTextBlock *block = data;

  g_clear_pointer (&block->spans, g_ptr_array_unref);
  g_clear_pointer (&block->items, g_ptr_array_unref);
  g_free (block);
}

void
rtes_fiche_text_free (RtesFicheText *text)
{
  if (text == NULL)
    return;
  g_ptr_array_unref (text->blocks);
  g_free (text);
}

gboolean
rtes_fiche_text_is_empty (RtesFicheText *text)
{
  return text == NULL || text->blocks->len == 0;
}

/* ---- inline scanning --------------------------------------------------- */

static void
add_span (GPtrArray        *spans,
          RtesTextSpanType  type,
          const char       *text,
          gsize             length,
          const char       *uri)
{
  RtesTextSpan *span;

  if (length == 0)
    return;

  /* Adjacent text pieces merge, so renderers see one span per run. */
  if (type == RTES_TEXT_SPAN_TEXT && spans->len > 0)
    {
      RtesTextSpan *last = g_ptr_array_index (spans, spans->len - 1);

      if (last->type == RTES_TEXT_SPAN_TEXT)
        {
          char *joined = g_strdup_printf ("%s%.*s", last->text, (int) length, text);

          g_free (last->text);
          last->text = joined;
          return;
        }
    }

  span = g_new0 (RtesTextSpan, 1);
  span->type = type;
  span->text = g_strndup (text, length);
  span->uri = g_strdup (uri);
  g_ptr_array_add (spans, span);
}

/* Characters that end a bare address: ASCII white space, quotes and angle
 * brackets, and the Unicode spaces and French quotes the site's texts use
 * around addresses. Returns the length of the terminator, or 0. */
static gsize
url_terminator_length (const char *p)
{
  guchar c = (guchar) *p;

  if (c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == '"' ||
      c == '<' || c == '>')
    return 1;
  if (c >= 0x80)
    {
      gunichar u = g_utf8_get_char (p);

      if (g_unichar_isspace (u) || u == 0x00a0 || u == 0x202f ||
          u == 0x00ab || u == 0x00bb || u == 0x201c || u == 0x201d)
        return 1;
    }
  return 0;
}

/* Length of the bare address at @p (which starts with http:// or https://),
 * without trailing punctuation that belongs to the sentence; 0 if it is
 * longer than any address may be, and then @run_end is where the run of
 * characters it is part of ends: none of it can be an address. */
static gsize
scan_bare_url (const char  *p,
               const char **run_end)
{
  const char *end = p;
  int open_parens = 0;
  int close_parens = 0;
  const char *q;

  while (url_terminator_length (end) == 0)
    {
      end = g_utf8_next_char (end);
      if ((gsize) (end - p) > RTES_URI_MAX_LENGTH)
        {
          while (url_terminator_length (end) == 0)
            end = g_utf8_next_char (end);
          *run_end = end;
          return 0;
        }
    }

  for (q = p; q < end; q++)
    {
      if (*q == '(')
        open_parens++;
      else if (*q == ')')
        close_parens++;
    }

  while (end > p)
    {
      const char *prev = g_utf8_prev_char (end);
      gunichar u = g_utf8_get_char (prev);

      if (u == '.' || u == ',' || u == ';' || u == ':' || u == '!' ||
          u == '?' || u == '\'' || u == 0x2019)
        end = prev;
      else if (u == ')' && close_parens > open_parens)
        {
          close_parens--;
          end = prev;
        }
      else
        break;
    }

  return end - p;
}

/* Tries "[label](uri)" at @p. On success sets the label and uri ranges and
 * returns the length of the whole construct; 0 otherwise. */
static gsize
scan_link (const char  *p,
           const char **label,
           gsize       *label_len,
           const char **uri,
           gsize       *uri_len)
{
  const char *close;
  const char *u;
  int depth = 0;

  g_assert (*p == '[');

  for (close = p + 1; *close != ']'; close++)
    if (*close == '\0' || *close == '\n' || *close == '[')
      return 0;
  if (close == p + 1 || close[1] != '(')
    return 0;

  for (u = close + 2; ; u++)
    {
      /* "[" ends the address too: it has none outside an IPv6 host,
       * and it starts the next link, which then scans from there. */
      if (*u == '\0' || *u == ' ' || *u == '\t' || *u == '\n' || *u == '[' ||
          (gsize) (u - (close + 2)) > RTES_URI_MAX_LENGTH)
        return 0;
      if (*u == '(')
        depth++;
      else if (*u == ')')
        {
          if (depth == 0)
            break;
          depth--;
        }
    }

  *label = p + 1;
  *label_len = close - (p + 1);
  *uri = close + 2;
  *uri_len = u - (close + 2);
  return (u + 1) - p;
}

static gboolean
starts_url (const char *text,
            const char *p)
{
  if (p > text && g_ascii_isalnum (p[-1]))
    return FALSE;
  return g_ascii_strncasecmp (p, "http://", 7) == 0 ||
         g_ascii_strncasecmp (p, "https://", 8) == 0;
}

static GPtrArray *
parse_spans (const char *raw)
{
  GPtrArray *spans = g_ptr_array_new_with_free_func (span_free);
  const char *text_start = raw;
  const char *p = raw;

  while (*p != '\0')
    {
      if (*p == '[')
        {
          const char *label, *uri;
          gsize label_len, uri_len;
          gsize len = scan_link (p, &label, &label_len, &uri, &uri_len);

          if (len > 0)
            {
              g_autofree char *uri_str = g_strndup (uri, uri_len);

              /* An unsafe target ("javascript:…") stays visible as the
               * literal text the author wrote, never as a link. */
              if (rtes_uri_is_safe (uri_str))
                {
                  add_span (spans, RTES_TEXT_SPAN_TEXT, text_start, p - text_start, NULL);
                  add_span (spans, RTES_TEXT_SPAN_LINK, label, label_len, uri_str);
                  p += len;
                  text_start = p;
                  continue;
                }
            }
        }
      else if ((*p == 'h' || *p == 'H') && starts_url (raw, p))
        {
          const char *run_end = NULL;
          gsize len = scan_bare_url (p, &run_end);
          g_autofree char *uri_str = NULL;

          if (len == 0)
            {
              p = run_end;
              continue;
            }
          uri_str = g_strndup (p, len);
          if (rtes_uri_is_safe (uri_str))
            {
              add_span (spans, RTES_TEXT_SPAN_TEXT, text_start, p - text_start, NULL);
              add_span (spans, RTES_TEXT_SPAN_LINK, p, len, uri_str);
              p += len;
              text_start = p;
              continue;
            }
        }
      p++;
    }

  add_span (spans, RTES_TEXT_SPAN_TEXT, text_start, p - text_start, NULL);
  return spans;
}

/* ---- block parsing ----------------------------------------------------- */

typedef struct {
  RtesTextBlock *list;
  int            indent;     /* column of the items' markers */
} OpenList;

typedef struct {
  GPtrArray    *blocks;      /* the result's top-level blocks */
  GString      *paragraph;   /* raw text of the open paragraph, or NULL */
  GArray       *lists;       /* OpenList, innermost last */
  RtesTextItem *item;        /* the last item of the innermost list */
  GString      *item_raw;    /* its raw text, scanned when it closes */
} Parser;

static void
flush_paragraph (Parser *parser)
{
  RtesTextBlock *block;

  if (parser->paragraph == NULL)
    return;

  block = g_new0 (RtesTextBlock, 1);
  block->type = RTES_TEXT_BLOCK_PARAGRAPH;
  block->spans = parse_spans (parser->paragraph->str);
  g_ptr_array_add (parser->blocks, block);
  g_string_free (parser->paragraph, TRUE);
  parser->paragraph = NULL;
}

static void
flush_item (Parser *parser)
{
  if (parser->item == NULL)
    return;

  g_ptr_array_unref (parser->item->spans);
  parser->item->spans = parse_spans (parser->item_raw->str);
  g_string_free (parser->item_raw, TRUE);
  parser->item_raw = NULL;
  parser->item = NULL;
}

static void
close_lists (Parser *parser,
             guint   keep)
{
  flush_item (parser);
  if (parser->lists->len > keep)
    g_array_set_size (parser->lists, keep);
}

static RtesTextItem *
last_item (RtesTextBlock *list)
{
  return g_ptr_array_index (list->items, list->items->len - 1);
}

/* Measures leading white space (a tab counts as two columns) and returns
 * where the content starts. */
static const char *
skip_indent (const char *line,
             int        *indent)
{
  *indent = 0;
  for (; *line == ' ' || *line == '\t'; line++)
    *indent += *line == '\t' ? 2 : 1;
  return line;
}

/* Recognizes "- text" and "12. text". Returns the text after the marker or
 * NULL; sets @ordered and @number. */
static const char *
match_marker (const char *content,
              gboolean   *ordered,
              int        *number)
{
  int digits = 0;

  if (content[0] == '-' && content[1] == ' ')
    {
      *ordered = FALSE;
      *number = 0;
      return content + 2;
    }

  while (g_ascii_isdigit (content[digits]) && digits <= MAX_NUMBER_DIGITS)
    digits++;
  if (digits > 0 && digits <= MAX_NUMBER_DIGITS &&
      content[digits] == '.' && content[digits + 1] == ' ')
    {
      *ordered = TRUE;
      *number = atoi (content);
      return content + digits + 2;
    }

  return NULL;
}

static RtesTextBlock *
new_list (gboolean ordered,
          int      number)
{
  RtesTextBlock *list = g_new0 (RtesTextBlock, 1);

  list->type = RTES_TEXT_BLOCK_LIST;
  list->ordered = ordered;
  list->start = ordered ? number : 1;
  list->items = g_ptr_array_new_with_free_func (item_free);
  return list;
}

static void
open_list (Parser   *parser,
           gboolean  ordered,
           int       number,
           int       indent)
{
  OpenList open = { new_list (ordered, number), indent };

  if (parser->lists->len == 0)
    g_ptr_array_add (parser->blocks, open.list);
  else
    {
      OpenList *parent = &g_array_index (parser->lists, OpenList, parser->lists->len - 1);
      g_ptr_array_add (last_item (parent->list)->children, open.list);
    }
  g_array_append_val (parser->lists, open);
}

static void
add_item_line (Parser     *parser,
               int         indent,
               gboolean    ordered,
               int         number,
               const char *text)
{
  OpenList *top;
  RtesTextItem *item;

  flush_paragraph (parser);
  flush_item (parser);

  /* Close the lists that are deeper than this item. */
  while (parser->lists->len > 0 &&
         g_array_index (parser->lists, OpenList, parser->lists->len - 1).indent > indent)
    {
      /* An item between two levels belongs to the shallower one. */
      if (parser->lists->len == 1)
        {
          g_array_index (parser->lists, OpenList, 0).indent = indent;
          break;
        }
      g_array_set_size (parser->lists, parser->lists->len - 1);
    }

  top = parser->lists->len > 0
        ? &g_array_index (parser->lists, OpenList, parser->lists->len - 1)
        : NULL;

  if (top == NULL)
    open_list (parser, ordered, number, indent);
  else if (top->indent < indent && parser->lists->len < MAX_DEPTH)
    open_list (parser, ordered, number, indent);
  else if (top->list->ordered != ordered)
    {
      /* Switching between bullets and numbers starts a sibling list. */
      int top_indent = top->indent;

      g_array_set_size (parser->lists, parser->lists->len - 1);
      open_list (parser, ordered, number, top_indent);
    }

  top = &g_array_index (parser->lists, OpenList, parser->lists->len - 1);
  item = g_new0 (RtesTextItem, 1);
  item->spans = g_ptr_array_new_with_free_func (span_free);
  item->children = g_ptr_array_new_with_free_func (block_free);
  g_ptr_array_add (top->list->items, item);

  parser->item = item;
  parser->item_raw = g_string_new (text);
}

static void
add_text_line (Parser     *parser,
               int         indent,
               const char *content)
{
  if (parser->lists->len > 0)
    {
      OpenList *top = &g_array_index (parser->lists, OpenList, parser->lists->len - 1);

      /* Indented past the marker: more text of the same item. */
      if (indent > top->indent && parser->item != NULL)
        {
          g_string_append_c (parser->item_raw, '\n');
          g_string_append (parser->item_raw, content);
          return;
        }
      close_lists (parser, 0);
    }

  if (parser->paragraph == NULL)
    parser->paragraph = g_string_new (content);
  else
    {
      g_string_append_c (parser->paragraph, '\n');
      g_string_append (parser->paragraph, content);
    }
}

RtesFicheText *
rtes_fiche_text_parse (const char *text)
{
  g_autofree char *clean = rtes_text_sanitize (text);
  g_auto(GStrv) lines = g_strsplit (clean, "\n", -1);
  RtesFicheText *result = g_new0 (RtesFicheText, 1);
  Parser parser = { 0 };
  guint i;

  result->blocks = g_ptr_array_new_with_free_func (block_free);
  parser.blocks = result->blocks;
  parser.lists = g_array_new (FALSE, FALSE, sizeof (OpenList));

  for (i = 0; lines[i] != NULL; i++)
    {
      int indent;
      const char *content = skip_indent (g_strchomp (lines[i]), &indent);
      gboolean ordered;
      int number;
      const char *item_text;

      if (*content == '\0')
        {
          flush_paragraph (&parser);
          continue;
        }

      item_text = match_marker (content, &ordered, &number);
      if (item_text != NULL)
        add_item_line (&parser, indent, ordered, number, item_text);
      else
        add_text_line (&parser, indent, content);
    }

  flush_paragraph (&parser);
  close_lists (&parser, 0);
  g_array_unref (parser.lists);

  return result;
}

/* ---- HTML -------------------------------------------------------------- */

char *
rtes_html_escape (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 16);
  const char *p;

  for (p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

static void
html_spans (GString   *out,
            GPtrArray *spans)
{
  guint i;

  for (i = 0; i < spans->len; i++)
    {
      RtesTextSpan *span = g_ptr_array_index (spans, i);
      g_autofree char *label = rtes_html_escape (span->text);

      if (span->type == RTES_TEXT_SPAN_LINK)
        {
          g_autofree char *href = rtes_html_escape (span->uri);

          g_string_append_printf (out, "<a href=\"%s\" rel=\"nofollow noopener\">%s</a>",
                                  href, label);
        }
      else
        {
          g_auto(GStrv) lines = g_strsplit (label, "\n", -1);
          g_autofree char *joined = g_strjoinv ("<br />\n", lines);

          g_string_append (out, joined);
        }
    }
}

static void
html_blocks (GString   *out,
             GPtrArray *blocks)
{
  guint i, j;

  for (i = 0; i < blocks->len; i++)
    {
      RtesTextBlock *block = g_ptr_array_index (blocks, i);

      if (block->type == RTES_TEXT_BLOCK_PARAGRAPH)
        {
          g_string_append (out, "<p>");
          html_spans (out, block->spans);
          g_string_append (out, "</p>\n");
          continue;
        }

      if (!block->ordered)
        g_string_append (out, "<ul>\n");
      else if (block->start != 1)
        g_string_append_printf (out, "<ol start=\"%d\">\n", block->start);
      else
        g_string_append (out, "<ol>\n");

      for (j = 0; j < block->items->len; j++)
        {
          RtesTextItem *item = g_ptr_array_index (block->items, j);

          g_string_append (out, "<li>");
          html_spans (out, item->spans);
          if (item->children->len > 0)
            {
              g_string_append_c (out, '\n');
              html_blocks (out, item->children);
            }
          g_string_append (out, "</li>\n");
        }

      g_string_append (out, block->ordered ? "</ol>\n" : "</ul>\n");
    }
}

char *
rtes_fiche_text_to_html (const char *text)
{
  g_autoptr(RtesFicheText) parsed = rtes_fiche_text_parse (text);
  GString *out = g_string_new (NULL);

  html_blocks (out, parsed->blocks);
  return g_string_free (out, FALSE);
}

/* ---- Pango markup ------------------------------------------------------ */

/* Em spaces: GtkLabel has no hanging indent, and ordinary spaces would be
 * collapsed visually at line starts by some fonts' narrow advance. */
#define MARKUP_INDENT "\xe2\x80\x83\xe2\x80\x83"

static void
markup_spans (GString                  *out,
              GPtrArray                *spans,
              const char               *continuation,
              RtesFicheTextMarkupFlags  flags)
{
  guint i;

  for (i = 0; i < spans->len; i++)
    {
      RtesTextSpan *span = g_ptr_array_index (spans, i);
      g_autofree char *label = g_markup_escape_text (span->text, -1);

      if (span->type == RTES_TEXT_SPAN_LINK)
        {
          g_autofree char *href = g_markup_escape_text (span->uri, -1);

          if (flags & RTES_FICHE_TEXT_MARKUP_LINKS)
            g_string_append_printf (out, "<a href=\"%s\">%s</a>", href, label);
          else
            g_string_append_printf (out, "<span underline=\"single\" foreground=\"#1c5fa8\">%s</span>",
                                    label);
        }
      else if (continuation != NULL)
        {
          g_auto(GStrv) lines = g_strsplit (label, "\n", -1);
          g_autofree char *sep = g_strconcat ("\n", continuation, NULL);
          g_autofree char *joined = g_strjoinv (sep, lines);

          g_string_append (out, joined);
        }
      else
        g_string_append (out, label);
    }
}

static void
markup_blocks (GString                  *out,
               GPtrArray                *blocks,
               int                       level,
               RtesFicheTextMarkupFlags  flags)
{
  guint i, j;
  int k;

  for (i = 0; i < blocks->len; i++)
    {
      RtesTextBlock *block = g_ptr_array_index (blocks, i);

      if (out->len > 0)
        g_string_append (out, level == 0 ? "\n\n" : "\n");

      if (block->type == RTES_TEXT_BLOCK_PARAGRAPH)
        {
          markup_spans (out, block->spans, NULL, flags);
          continue;
        }

      for (j = 0; j < block->items->len; j++)
        {
          RtesTextItem *item = g_ptr_array_index (block->items, j);
          g_autoptr(GString) indent = g_string_new (NULL);

          for (k = 0; k < level; k++)
            g_string_append (indent, MARKUP_INDENT);

          if (j > 0)
            g_string_append_c (out, '\n');
          g_string_append (out, indent->str);
          if (block->ordered)
            g_string_append_printf (out, "%d.\xc2\xa0", block->start + (int) j);
          else
            g_string_append (out, "•\xc2\xa0");

          g_string_append (indent, MARKUP_INDENT);
          markup_spans (out, item->spans, indent->str, flags);
          markup_blocks (out, item->children, level + 1, flags);
        }
    }
}

char *
rtes_fiche_text_to_pango_markup_full (const char               *text,
                                      RtesFicheTextMarkupFlags  flags)
{
  g_autoptr(RtesFicheText) parsed = rtes_fiche_text_parse (text);
  GString *out = g_string_new (NULL);

  markup_blocks (out, parsed->blocks, 0, flags);
  return g_string_free (out, FALSE);
}

char *
rtes_fiche_text_to_pango_markup (const char *text)
{
  return rtes_fiche_text_to_pango_markup_full (text, RTES_FICHE_TEXT_MARKUP_LINKS);
}
