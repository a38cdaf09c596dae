/* rtes-html-paste.c: HTML from the clipboard as fiche text
 *
 * One pass over the bytes, as a tolerant tokenizer: text, tags,
 * comments and declarations. Blocks (paragraphs, list items) are built
 * in ->line and appended to ->out when they end, with a blank line
 * between blocks and a single line end between items of a list. No tree
 * is built and nothing recurses, so the work is linear in the input
 * whatever its nesting.
 *
 * Word's HTML has lists of its own: paragraphs of class
 * "MsoListParagraph…" whose style says "mso-list:l0 level2 lfo1", their
 * bullet or number written out in a conditional comment
 * ("<![if !supportLists]>·&nbsp;<![endif]>") or a span styled
 * "mso-list:Ignore". The marker is read to tell numbers from bullets, and
 * dropped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rtes-fiche-text.h"
#include "rtes-html-paste.h"

/* The fiche format's lists nest this deep at most (rtes-fiche-text.c). */
#define MAX_DEPTH 6

typedef struct {
  gboolean ordered;
  guint    counter;
} List;

typedef struct {
  GString  *out;              /* finished blocks */
  GString  *line;             /* the block being built */
  gboolean  space_pending;    /* white space seen since the last character */
  gboolean  last_was_item;    /* the last finished block was a list item */

  /* The block being built is a list item (HTML or Word). */
  gboolean  in_item;
  guint     item_depth;
  gboolean  item_ordered;
  guint     item_number;

  List      lists[MAX_DEPTH]; /* open HTML lists; deeper ones share the last */
  guint     n_lists;          /* how many are open, beyond MAX_DEPTH too */
  guint     li_open;          /* <li> elements open */

  /* Word lists */
  guint     word_counters[MAX_DEPTH];
  gboolean  in_word_item;     /* the block is a Word list paragraph */
  gboolean  in_marker;        /* reading Word's written-out marker */
  guint     marker_span_depth;/* spans open since "mso-list:Ignore" */
  guint     span_depth;
  GString  *marker;

  /* Links */
  char     *href;             /* the open <a>'s address, NULL if none */
  gssize    link_start;       /* where its label starts in ->line, -1 before any */

  /* Elements whose content is no text: <head>, <svg>… */
  char     *skip_tag;
  guint     skip_depth;
  gboolean  in_pre;
} Converter;

/* ---- text ------------------------------------------------------------- */

static gboolean
is_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Spaces that French typography puts on purpose: kept inside text, but
 * trimmed at the ends of a block like any white space. */
static gboolean
is_trimmable (gunichar c)
{
  return is_space (c) || c == 0x00a0 || c == 0x202f || c == 0x2009;
}

static void
append_char (Converter *self,
             gunichar   c)
{
  if (self->in_marker)
    {
      g_string_append_unichar (self->marker, c);
      return;
    }
  if (self->skip_tag != NULL)
    return;
  if (self->in_pre && c == '\n')
    {
      g_string_append_c (self->line, '\n');
      self->space_pending = FALSE;
      return;
    }
  if (is_space (c))
    {
      self->space_pending = TRUE;
      return;
    }
  /* Soft hyphens and zero-width marks are layout, not text. */
  if (c == 0x00ad || c == 0x200b || c == 0x200c || c == 0x200d || c == 0xfeff)
    return;
  if (self->space_pending && self->line->len > 0 &&
      self->line->str[self->line->len - 1] != '\n' &&
      self->line->str[self->line->len - 1] != ' ')
    g_string_append_c (self->line, ' ');
  self->space_pending = FALSE;
  if (self->href != NULL && self->link_start < 0)
    self->link_start = self->line->len;
  g_string_append_unichar (self->line, c);
}

static void
append_text (Converter  *self,
             const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    append_char (self, g_utf8_get_char (p));
}

/* Removes white space (no-break spaces included) at both ends of @s. */
static void
trim (GString *s)
{
  const char *start = s->str;
  const char *end = s->str + s->len;

  while (start < end && is_trimmable (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!is_trimmable (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  g_string_truncate (s, end - s->str);
  g_string_erase (s, 0, start - s->str);
}

/* A line break inside the block: inside a list item, the next line is
 * indented past the marker so that it continues the item. */
static void
line_break (Converter *self)
{
  /* Breaks at the start of a block, or two in a row, say nothing. */
  while (self->line->len > 0 && self->line->str[self->line->len - 1] == ' ')
    g_string_truncate (self->line, self->line->len - 1);
  if (self->line->len == 0 || self->line->str[self->line->len - 1] == '\n')
    return;
  g_string_append_c (self->line, '\n');
  self->space_pending = FALSE;
}

static void
finish_block (Converter *self)
{
  g_autoptr(GString) block = NULL;
  g_auto(GStrv) lines = NULL;
  int indent = 0;

  trim (self->line);
  if (self->line->len == 0)
    {
      self->in_item = FALSE;
      self->space_pending = FALSE;
      return;
    }

  block = g_string_new (NULL);
  lines = g_strsplit (self->line->str, "\n", -1);
  if (self->in_item)
    {
      g_autofree char *marker = self->item_ordered ? g_strdup_printf ("%u. ", self->item_number)
                                                   : g_strdup ("- ");

      g_string_append_printf (block, "%*s%s", (int) (2 * self->item_depth), "", marker);
      /* Continuation lines line up with the item's text. */
      indent = 2 * self->item_depth + strlen (marker);
    }

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GString) text = g_string_new (lines[i]);

      trim (text);
      if (text->len == 0)
        continue;
      if (i > 0 && block->len > 0)
        g_string_append_printf (block, "\n%*s", indent, "");
      g_string_append_len (block, text->str, text->len);
    }

  if (self->out->len > 0)
    g_string_append (self->out, self->in_item && self->last_was_item ? "\n" : "\n\n");
  g_string_append_len (self->out, block->str, block->len);
  self->last_was_item = self->in_item;
  self->in_item = FALSE;
  g_string_truncate (self->line, 0);
  self->space_pending = FALSE;
}

static void
start_item (Converter *self,
            guint      depth,
            gboolean   ordered,
            guint      number)
{
  finish_block (self);
  self->in_item = TRUE;
  self->item_depth = MIN (depth, MAX_DEPTH - 1);
  self->item_ordered = ordered;
  self->item_number = MIN (number, 999);
}

/* ---- entities ----------------------------------------------------------- */

static const struct {
  const char *name;
  gunichar    c;
} entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  { "nbsp", 0x00a0 }, { "shy", 0x00ad }, { "thinsp", 0x2009 }, { "ensp", 0x2002 },
  { "emsp", 0x2003 }, { "zwnj", 0x200c }, { "zwj", 0x200d },
  { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "ldquo", 0x201c }, { "rdquo", 0x201d },
  { "laquo", 0x00ab }, { "raquo", 0x00bb }, { "ndash", 0x2013 }, { "mdash", 0x2014 },
  { "hellip", 0x2026 }, { "bull", 0x2022 }, { "middot", 0x00b7 }, { "euro", 0x20ac },
  { "copy", 0x00a9 }, { "reg", 0x00ae }, { "deg", 0x00b0 }, { "times", 0x00d7 },
  { "sect", 0x00a7 }, { "para", 0x00b6 }, { "ordm", 0x00ba }, { "ordf", 0x00aa },
  { "sup2", 0x00b2 }, { "frac12", 0x00bd }, { "iexcl", 0x00a1 }, { "iquest", 0x00bf },
  { "agrave", 0x00e0 }, { "aacute", 0x00e1 }, { "acirc", 0x00e2 }, { "auml", 0x00e4 },
  { "aelig", 0x00e6 }, { "ccedil", 0x00e7 }, { "egrave", 0x00e8 }, { "eacute", 0x00e9 },
  { "ecirc", 0x00ea }, { "euml", 0x00eb }, { "igrave", 0x00ec }, { "iacute", 0x00ed },
  { "icirc", 0x00ee }, { "iuml", 0x00ef }, { "ntilde", 0x00f1 }, { "ograve", 0x00f2 },
  { "oacute", 0x00f3 }, { "ocirc", 0x00f4 }, { "ouml", 0x00f6 }, { "oelig", 0x0153 },
  { "ugrave", 0x00f9 }, { "uacute", 0x00fa }, { "ucirc", 0x00fb }, { "uuml", 0x00fc },
  { "yuml", 0x00ff }, { "Agrave", 0x00c0 }, { "Aacute", 0x00c1 }, { "Acirc", 0x00c2 },
  { "Auml", 0x00c4 }, { "AElig", 0x00c6 }, { "Ccedil", 0x00c7 }, { "Egrave", 0x00c8 },
  { "Eacute", 0x00c9 }, { "Ecirc", 0x00ca }, { "Euml", 0x00cb }, { "Icirc", 0x00ce },
  { "Iuml", 0x00cf }, { "Ocirc", 0x00d4 }, { "Ouml", 0x00d6 }, { "OElig", 0x0152 },
  { "Ugrave", 0x00d9 }, { "Ucirc", 0x00db }, { "Uuml", 0x00dc }, { "Yuml", 0x0178 },
};

/* The character of the entity at @p (just after "&"), its length in
 * @consumed; 0 when it is none (the "&" is then text). */
static gunichar
read_entity (const char *p,
             const char *end,
             gsize      *consumed)
{
  const char *semi;
  gsize length;

  for (semi = p; semi < end && semi - p < 12 && *semi != ';'; semi++)
    ;
  if (semi >= end || *semi != ';' || semi == p)
    return 0;
  length = semi - p;
  *consumed = length + 1;

  if (p[0] == '#')
    {
      guint64 value = 0;
      gboolean hex = length > 1 && (p[1] == 'x' || p[1] == 'X');
      const char *digits = p + (hex ? 2 : 1);

      if (digits == semi)
        return 0;
      for (const char *d = digits; d < semi; d++)
        {
          int v = hex ? g_ascii_xdigit_value (*d) : g_ascii_digit_value (*d);

          if (v < 0)
            return 0;
          value = value * (hex ? 16 : 10) + v;
          if (value > 0x10ffff)
            return 0xfffd;
        }
      /* Windows-1252's typography, which Word pages write as &#146;. */
      if (value >= 0x80 && value < 0xa0)
        {
          static const gunichar cp1252[32] = {
            0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
            0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd, 0x017d, 0xfffd,
            0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
            0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178,
          };
          return cp1252[value - 0x80];
        }
      if (value == 0 || (value >= 0xd800 && value <= 0xdfff))
        return 0xfffd;
      return (gunichar) value;
    }

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (strlen (entities[i].name) == length && strncmp (entities[i].name, p, length) == 0)
      return entities[i].c;
  return 0;
}

/* @p to @end as text, entities decoded. */
static char *
decode (const char *p,
        const char *end)
{
  GString *out = g_string_sized_new (end - p);

  while (p < end)
    {
      gsize consumed = 0;
      gunichar c;

      if (*p == '&' && (c = read_entity (p + 1, end, &consumed)) != 0)
        {
          g_string_append_unichar (out, c);
          p += 1 + consumed;
          continue;
        }
      g_string_append_c (out, *p);
      p++;
    }
  return g_string_free (out, FALSE);
}

/* ---- tags --------------------------------------------------------------- */

typedef struct {
  char    *name;        /* lower case */
  gboolean end;         /* </name> */
  char    *href;
  char    *style;
  char    *class_name;
  char    *start;       /* <ol start="3"> */
} Tag;

static void
tag_clear (Tag *tag)
{
  g_clear_pointer (&tag->name, g_free);
  g_clear_pointer (&tag->href, g_free);
  g_clear_pointer (&tag->style, g_free);
  g_clear_pointer (&tag->class_name, g_free);
  g_clear_pointer (&tag->start, g_free);
}

/* Reads the tag at @p (just after "<"). Returns where it ends (after
 * ">"), or NULL if there is no tag there. */
static const char *
read_tag (const char *p,
          const char *end,
          Tag        *tag)
{
  const char *name;

  memset (tag, 0, sizeof *tag);
  if (p < end && *p == '/')
    {
      tag->end = TRUE;
      p++;
    }
  if (p >= end || !g_ascii_isalpha (*p))
    return NULL;
  name = p;
  while (p < end && (g_ascii_isalnum (*p) || *p == ':' || *p == '-' || *p == '_'))
    p++;
  tag->name = g_ascii_strdown (name, p - name);

  while (p < end && *p != '>')
    {
      const char *attr, *attr_end, *value = NULL, *value_end = NULL;
      char quote;

      if (g_ascii_isspace (*p) || *p == '/')
        {
          p++;
          continue;
        }
      attr = p;
      while (p < end && !g_ascii_isspace (*p) && *p != '=' && *p != '>' && *p != '/')
        p++;
      attr_end = p;
      while (p < end && g_ascii_isspace (*p))
        p++;
      if (p < end && *p == '=')
        {
          p++;
          while (p < end && g_ascii_isspace (*p))
            p++;
          /* Quoted up to its quote, else up to a space or the tag's end. */
          quote = p < end && (*p == '"' || *p == '\'') ? *p++ : '\0';
          value = p;
          while (p < end && (quote != '\0' ? *p != quote : !g_ascii_isspace (*p) && *p != '>'))
            p++;
          value_end = p;
          if (quote != '\0' && p < end)
            p++;
        }
      if (value != NULL)
        {
          static const char * const names[] = { "href", "style", "class", "start" };
          char **fields[] = { &tag->href, &tag->style, &tag->class_name, &tag->start };
          gsize length = attr_end - attr;

          /* The first of an attribute given twice counts. */
          for (guint i = 0; i < G_N_ELEMENTS (names); i++)
            if (length == strlen (names[i]) && g_ascii_strncasecmp (attr, names[i], length) == 0 &&
                *fields[i] == NULL)
              *fields[i] = decode (value, value_end);
        }
    }
  return p < end ? p + 1 : end;
}

/* Elements whose whole content is left out. */
static const char * const skipped[] = {
  /* A page's menus are not what one copies it for. */
  "head", "script", "style", "title", "template", "noscript", "svg", "math", "nav",
  "object", "iframe", "select", "xml", "canvas", "audio", "video", NULL
};

/* Elements whose content the tokenizer must not read as markup. */
static const char * const raw_text[] = { "script", "style", "xml", "textarea", NULL };

static const char * const blocks[] = {
  "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section",
  "article", "header", "footer", "nav", "aside", "main", "figure", "figcaption",
  "address", "dl", "dt", "dd", "table", "caption", "tbody", "thead", "tfoot",
  "hr", "pre", "form", "fieldset", "center", "body", "html", "details", "summary", NULL
};

/* Word's list paragraph: "mso-list:l0 level2 lfo1" gives the level. */
static guint
word_list_level (const Tag *tag)
{
  const char *list, *level;

  if (tag->style == NULL || (list = strstr (tag->style, "mso-list:")) == NULL)
    return 0;
  if (g_str_has_prefix (list + strlen ("mso-list:"), "Ignore") ||
      g_str_has_prefix (list + strlen ("mso-list:"), "none"))
    return 0;
  level = strstr (list, "level");
  if (level == NULL || !g_ascii_isdigit (level[5]))
    return 1;
  return CLAMP (g_ascii_digit_value (level[5]), 1, MAX_DEPTH);
}

/* A written-out marker that is a number or a letter: "1.", "a)", "iv.". */
static gboolean
marker_is_ordered (const char *marker)
{
  g_autoptr(GString) m = g_string_new (marker);
  gsize i = 0;

  trim (m);
  while (i < m->len && g_ascii_isalnum (m->str[i]))
    i++;
  return i > 0 && i <= 4 && i + 1 == m->len && (m->str[i] == '.' || m->str[i] == ')');
}

static void
end_marker (Converter *self)
{
  self->in_marker = FALSE;
  self->item_ordered = marker_is_ordered (self->marker->str);
  g_string_truncate (self->marker, 0);
}

/* "%28", "%29", "%20": an address that [label](…) can hold. */
static char *
link_address (const char *href)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *trimmed = g_strstrip (g_strdup (href));

  for (const char *p = trimmed; *p != '\0'; p++)
    {
      if (*p == '(')
        g_string_append (out, "%28");
      else if (*p == ')')
        g_string_append (out, "%29");
      else if (*p == ' ')
        g_string_append (out, "%20");
      else if ((guchar) *p >= 0x20)
        g_string_append_c (out, *p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The label of the link that ends here, and its address, become
 * "[label](address)", the address alone when it is its own label, or the
 * label alone for an address the format does not link (a page's own
 * "#anchors", "javascript:"…). */
static void
end_link (Converter *self)
{
  g_autofree char *href = g_steal_pointer (&self->href);
  g_autofree char *address = NULL;
  g_autofree char *label = NULL;
  gssize start = self->link_start;

  self->link_start = -1;
  if (href == NULL || start < 0 || (gsize) start > self->line->len)
    return;
  address = link_address (href);
  if (!rtes_uri_is_safe (address))
    return;
  label = g_strndup (self->line->str + start, self->line->len - start);
  g_strstrip (label);
  g_string_truncate (self->line, start);
  /* A linked image, or nothing: no words, no link. */
  if (label[0] == '\0')
    return;
  if (g_str_equal (label, address) ||
      (g_str_has_prefix (address, "mailto:") && g_str_equal (label, address + strlen ("mailto:"))))
    g_string_append (self->line, g_str_has_prefix (address, "mailto:") ? label : address);
  else if (strchr (label, ']') != NULL || strchr (label, '[') != NULL || strchr (label, '\n') != NULL)
    g_string_append_printf (self->line, "%s (%s)", label, address);
  else
    g_string_append_printf (self->line, "[%s](%s)", label, address);
}

static void
open_list (Converter *self,
           gboolean   ordered,
           const Tag *tag)
{
  List *list;

  finish_block (self);
  if (self->n_lists < MAX_DEPTH)
    {
      list = &self->lists[self->n_lists];
      list->ordered = ordered;
      list->counter = 0;
      if (ordered && tag->start != NULL)
        {
          guint64 start = g_ascii_strtoull (tag->start, NULL, 10);

          if (start >= 1 && start <= 999)
            list->counter = start - 1;
        }
    }
  self->n_lists++;
}

static void
handle_tag (Converter *self,
            Tag       *tag)
{
  const char *name = tag->name;
  guint word_level;

  if (self->skip_tag != NULL)
    {
      if (g_str_equal (name, self->skip_tag))
        {
          if (!tag->end)
            self->skip_depth++;
          else if (--self->skip_depth == 0)
            g_clear_pointer (&self->skip_tag, g_free);
        }
      return;
    }
  if (!tag->end && g_strv_contains (skipped, name))
    {
      self->skip_tag = g_strdup (name);
      self->skip_depth = 1;
      return;
    }

  if (g_str_equal (name, "span"))
    {
      if (tag->end)
        {
          if (self->span_depth > 0)
            self->span_depth--;
          if (self->in_marker && self->marker_span_depth > 0 && self->span_depth < self->marker_span_depth)
            {
              self->marker_span_depth = 0;
              end_marker (self);
            }
        }
      else
        {
          self->span_depth++;
          if (self->in_word_item && !self->in_marker && tag->style != NULL &&
              strstr (tag->style, "mso-list:Ignore") != NULL)
            {
              self->in_marker = TRUE;
              self->marker_span_depth = self->span_depth;
            }
        }
      return;
    }

  /* A table's rows are lines of one block. */
  if (g_str_equal (name, "br") || g_str_equal (name, "tr"))
    {
      line_break (self);
      return;
    }
  if (g_str_equal (name, "a"))
    {
      /* An <a> inside another ends it first. */
      if (self->href != NULL)
        end_link (self);
      if (!tag->end)
        {
          self->href = g_strdup (tag->href);
          self->link_start = -1;
        }
      return;
    }
  if (g_str_equal (name, "ul") || g_str_equal (name, "ol") || g_str_equal (name, "menu"))
    {
      if (!tag->end)
        open_list (self, g_str_equal (name, "ol"), tag);
      else if (self->n_lists > 0)
        {
          finish_block (self);
          /* The end of a list: what follows, another list included, is
           * a block of its own. LibreOffice leaves <li> unclosed. */
          if (--self->n_lists == 0)
            {
              self->last_was_item = FALSE;
              self->li_open = 0;
            }
        }
      return;
    }
  if (g_str_equal (name, "li"))
    {
      if (!tag->end)
        {
          List *list = self->n_lists > 0 ? &self->lists[MIN (self->n_lists, MAX_DEPTH) - 1] : NULL;

          /* An <li> outside any list is still an item of one. */
          start_item (self, self->n_lists > 0 ? self->n_lists - 1 : 0,
                      list != NULL && list->ordered,
                      list != NULL ? ++list->counter : 1);
          self->li_open++;
        }
      else
        {
          finish_block (self);
          if (self->li_open > 0)
            self->li_open--;
        }
      return;
    }
  if (g_str_equal (name, "td") || g_str_equal (name, "th"))
    {
      if (!tag->end)
        self->space_pending = TRUE;
      return;
    }
  if (g_str_equal (name, "pre"))
    {
      finish_block (self);
      self->in_pre = !tag->end;
      return;
    }

  if (!g_strv_contains (blocks, name))
    return;

  /* Paragraphs inside a list item (LibreOffice writes <li><p>…</p></li>)
   * belong to the item. */
  if (self->li_open > 0 && self->in_item)
    {
      self->space_pending = TRUE;
      return;
    }

  word_level = tag->end ? 0 : word_list_level (tag);
  if (word_level > 0)
    {
      guint depth = word_level - 1;

      if (!self->in_word_item && !self->last_was_item)
        memset (self->word_counters, 0, sizeof self->word_counters);
      for (guint i = depth + 1; i < MAX_DEPTH; i++)
        self->word_counters[i] = 0;
      start_item (self, depth, FALSE, ++self->word_counters[depth]);
      self->in_word_item = TRUE;
      return;
    }
  finish_block (self);
  if (!tag->end)
    self->in_word_item = FALSE;
}

/* ---- comments and declarations ------------------------------------------ */

/* Word writes its list markers between "[if !supportLists]" and
 * "[endif]", in comments or in declarations: read as the marker. */
static void
handle_conditional (Converter  *self,
                    const char *text,
                    gsize       length)
{
  g_autofree char *content = g_strndup (text, length);

  if (strstr (content, "[if !supportLists]") != NULL)
    {
      g_string_truncate (self->marker, 0);
      self->in_marker = TRUE;
      self->marker_span_depth = 0;
    }
  else if (strstr (content, "[endif]") != NULL && self->in_marker && self->marker_span_depth == 0)
    end_marker (self);
}

/* ---- encodings ---------------------------------------------------------- */

static char *
to_utf8 (const char *data,
         gsize       length)
{
  const char *from = NULL;
  gsize skip = 0;
  char *converted;

  if (length >= 2 && (guchar) data[0] == 0xff && (guchar) data[1] == 0xfe)
    from = "UTF-16LE", skip = 2;
  else if (length >= 2 && (guchar) data[0] == 0xfe && (guchar) data[1] == 0xff)
    from = "UTF-16BE", skip = 2;
  else if (length >= 4 && data[1] == '\0' && data[3] == '\0')
    from = "UTF-16LE";
  else if (length >= 4 && data[0] == '\0' && data[2] == '\0')
    from = "UTF-16BE";
  else if (length >= 3 && (guchar) data[0] == 0xef && (guchar) data[1] == 0xbb && (guchar) data[2] == 0xbf)
    skip = 3;

  if (from != NULL)
    {
      length -= skip;
      length -= length % 2;
      converted = g_convert (data + skip, length, "UTF-8", from, NULL, NULL, NULL);
      if (converted != NULL)
        return converted;
    }
  if (g_utf8_validate_len (data + skip, length - skip, NULL))
    return g_strndup (data + skip, length - skip);
  /* Word saves pages in Windows-1252. */
  converted = g_convert (data, length, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
  if (converted != NULL)
    return converted;
  return g_utf8_make_valid (data, length);
}

/* ---- the pass ------------------------------------------------------------ */

/* After a raw text element's start tag: where its end tag ends. */
static const char *
skip_raw_text (const char *p,
               const char *end,
               const char *name)
{
  gsize length = strlen (name);

  for (; p < end; p++)
    if (p[0] == '<' && p + 1 < end && p[1] == '/' && (gsize) (end - p - 2) >= length &&
        g_ascii_strncasecmp (p + 2, name, length) == 0)
      {
        const char *close = memchr (p, '>', end - p);

        return close != NULL ? close + 1 : end;
      }
  return end;
}

char *
rtes_fiche_text_from_html (const char *html,
                           gssize      length)
{
  g_autofree char *text = NULL;
  Converter self = { 0 };
  const char *p, *end;
  char *result;

  if (html == NULL)
    return g_strdup ("");
  if (length < 0)
    length = strlen (html);
  length = MIN ((gsize) length, RTES_HTML_PASTE_MAX_BYTES);
  text = to_utf8 (html, length);

  self.out = g_string_new (NULL);
  self.line = g_string_new (NULL);
  self.marker = g_string_new (NULL);
  self.link_start = -1;

  p = text;
  end = text + strlen (text);
  while (p < end)
    {
      if (*p == '<')
        {
          Tag tag;
          const char *after;

          /* A comment ends at "-->", a declaration at ">". */
          if (p[1] == '!' || p[1] == '?')
            {
              gboolean comment = g_str_has_prefix (p, "<!--");
              const char *start = p + (comment ? 4 : 2);
              const char *close = comment ? strstr (start, "-->") : memchr (p, '>', end - p);
              const char *stop = close != NULL ? close : end;

              handle_conditional (&self, start, stop - start);
              p = close != NULL ? close + (comment ? 3 : 1) : end;
              continue;
            }
          after = read_tag (p + 1, end, &tag);
          if (after == NULL)
            {
              /* A "<" that opens no tag is text ("a < b"). */
              append_char (&self, '<');
              p++;
              continue;
            }
          handle_tag (&self, &tag);
          if (!tag.end && g_strv_contains (raw_text, tag.name))
            {
              /* Its content is text for a textarea, code or data otherwise. */
              if (g_str_equal (tag.name, "textarea") && self.skip_tag == NULL)
                {
                  const char *close = skip_raw_text (after, end, tag.name);
                  const char *content_end = close;

                  while (content_end > after && content_end[-1] != '<')
                    content_end--;
                  if (content_end > after)
                    {
                      g_autofree char *content = decode (after, content_end - 1);

                      append_text (&self, content);
                    }
                  after = close;
                }
              else
                {
                  after = skip_raw_text (after, end, tag.name);
                  if (self.skip_tag != NULL && g_str_equal (self.skip_tag, tag.name) && self.skip_depth == 1)
                    g_clear_pointer (&self.skip_tag, g_free);
                }
            }
          tag_clear (&tag);
          p = after;
          continue;
        }
      if (*p == '&')
        {
          gsize consumed = 0;
          gunichar c = read_entity (p + 1, end, &consumed);

          if (c != 0)
            {
              append_char (&self, c);
              p += 1 + consumed;
              continue;
            }
        }
      append_char (&self, g_utf8_get_char (p));
      p = g_utf8_next_char (p);
    }
  if (self.href != NULL)
    end_link (&self);
  finish_block (&self);

  result = rtes_text_sanitize (self.out->str);
  g_string_free (self.out, TRUE);
  g_string_free (self.line, TRUE);
  g_string_free (self.marker, TRUE);
  g_free (self.skip_tag);
  g_free (self.href);
  return result;
}
