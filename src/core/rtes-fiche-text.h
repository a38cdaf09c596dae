/* rtes-fiche-text.h: the small markup of a fiche's text sections
 *
 * "Fiche text" (see docs/fiche-format.md) is what the panorama, budget,
 * programme and actions sections hold: paragraphs separated by blank lines,
 * "- " bullet items nested by two more spaces per level, "1. " numbered
 * items, bare http(s) addresses and [label](https://…) links. Nothing else
 * is markup: every other character is text, and renderers escape it.
 *
 * The parser turns the text into a small read-only block tree that the
 * HTML, Pango markup and PDF renderers walk. It never fails: any input,
 * including invalid UTF-8 and control characters, gives a tree of valid
 * UTF-8 text. Only http, https and mailto addresses ever become links.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  RTES_TEXT_SPAN_TEXT,        /* plain text; "\n" is a line break */
  RTES_TEXT_SPAN_LINK,        /* text is the label, uri the address */
} RtesTextSpanType;

typedef struct {
  RtesTextSpanType type;
  char *text;                 /* valid UTF-8, never NULL */
  char *uri;                  /* links only: http:, https: or mailto: */
} RtesTextSpan;

typedef enum {
  RTES_TEXT_BLOCK_PARAGRAPH,
  RTES_TEXT_BLOCK_LIST,
} RtesTextBlockType;

typedef struct _RtesTextBlock RtesTextBlock;

typedef struct {
  GPtrArray *spans;           /* RtesTextSpan*: the item's own text */
  GPtrArray *children;        /* RtesTextBlock*: nested lists (may be empty) */
} RtesTextItem;

struct _RtesTextBlock {
  RtesTextBlockType type;
  GPtrArray *spans;           /* paragraphs: RtesTextSpan* */
  gboolean   ordered;         /* lists: "1." items rather than "- " */
  int        start;           /* ordered lists: number of the first item */
  GPtrArray *items;           /* lists: RtesTextItem* */
};

/* The parsed text: a sequence of top-level blocks. */
typedef struct {
  GPtrArray *blocks;          /* RtesTextBlock* */
} RtesFicheText;

RtesFicheText *rtes_fiche_text_parse    (const char    *text);
void           rtes_fiche_text_free     (RtesFicheText *text);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RtesFicheText, rtes_fiche_text_free)

/* TRUE if the text has no block at all (NULL, empty or only blank lines). */
gboolean       rtes_fiche_text_is_empty (RtesFicheText *text);

/* HTML fragment (<p>, <ul>/<ol>, <li>, <a>, <br />), well-formed as XML too, with every character
 * escaped. Links get rel="nofollow noopener". "" for empty text. */
char          *rtes_fiche_text_to_html  (const char    *text);

typedef enum {
  RTES_FICHE_TEXT_MARKUP_DEFAULT = 0,
  /* Links as <a href="…">, which GtkLabel understands (and opens) but
   * pango_parse_markup() does not; without it links are underlined spans. */
  RTES_FICHE_TEXT_MARKUP_LINKS   = 1 << 0,
} RtesFicheTextMarkupFlags;

/* Pango markup for a preview in a GtkLabel: paragraphs separated by an
 * empty line, bullets "•" and numbers with indentation by level, links
 * underlined. Same as rtes_fiche_text_to_pango_markup_full() with
 * RTES_FICHE_TEXT_MARKUP_LINKS, so pass the result to
 * gtk_label_set_markup(); for a PangoLayout use the _full variant without
 * that flag. */
char          *rtes_fiche_text_to_pango_markup      (const char *text);
char          *rtes_fiche_text_to_pango_markup_full (const char *text,
                                                     RtesFicheTextMarkupFlags flags);

/* Text made safe to show or escape: invalid UTF-8 and noncharacters
 * (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF) replaced by U+FFFD, control characters
 * other than "\n" and "\t" dropped, "\r\n" and "\r" turned into "\n".
 * Every character left is an XML 1.0 character. Every exporter passes
 * values through this. */
char          *rtes_text_sanitize       (const char    *text);

/* Escapes @text for HTML text and double-quoted attribute values: "&",
 * "<", ">" and '"'. Apostrophes stay as they are, so French text reads
 * naturally in the page's source. @text must be valid UTF-8. */
char          *rtes_html_escape         (const char    *text);

/* Longest address that becomes a link; browsers' own limit is about this. */
#define RTES_URI_MAX_LENGTH 2048

/* TRUE if @uri may be made clickable: http://host…, https://host… or
 * mailto:…, with no white space or control character, at most
 * RTES_URI_MAX_LENGTH bytes. */
gboolean       rtes_uri_is_safe         (const char    *uri);

G_END_DECLS
