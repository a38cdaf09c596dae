/* rtes-pdf-document.c: laying out fiches as pages and drawing them
 *
 * The layout pass turns the fiches into a flat list of blocks: each block
 * is a few pieces (text layouts, filled or stroked rectangles, dotted
 * leaders) placed relative to its top-left corner, with a height and a few
 * pagination hints. Paragraphs and list items are "text" blocks, which may
 * be split between lines; everything else (headings, table rows, contact
 * cards, identity rows) moves to the next page as a whole.
 *
 * The paginator then places blocks on pages, and drawing a page only walks
 * its placed blocks: nothing is measured while drawing, which is what lets
 * a print preview call draw_page() in any order.
 *
 * The flow is built and paginated a part at a time (a fiche, or a few
 * rows of the contents), and pages hold references to the blocks they
 * show. Laid out for draw_page(), every page is kept; written as a PDF,
 * the finished pages of each part are drawn and freed before the next
 * part is built (see lay_out() and rtes_pdf_document_write()). Either
 * way it is the same pagination.
 *
 * Layout work is bounded (see rtes-pdf-document-private.h): every text
 * reaches Pango through set_layout_text(), a paragraph longer than a
 * layout may hold becomes several text blocks that follow each other
 * with no space between, and other texts (names, cells, labels) are cut
 * short with an ellipsis. Runs of characters with no space get a
 * zero-width space now and then, so that Pango can wrap them cheaply.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "rtes-atomic-file.h"
#include "rtes-fiche-text.h"
#include "rtes-network-charts.h"
#include "rtes-pdf-document-private.h"
#include "rtes-text.h"

/* ---- the look ------------------------------------------------------------ */

#define FONT_FAMILY   "Cantarell, DejaVu Sans"
#define BODY_SIZE     10.0
#define LINE_SPACING  1.25

#define MARGIN_X      56.0
#define MARGIN_TOP    66.0
#define MARGIN_BOTTOM 60.0
#define HEADER_Y      30.0
#define FOOTER_GAP    30.0

#define COLOR_TEXT        0x1d2427
#define COLOR_MUTED       0x56636a
#define COLOR_ACCENT      0x0b6e4f
#define COLOR_ACCENT_PALE 0xe6f2ed
#define COLOR_RULE        0xd5dde1
#define COLOR_LINK        0x1c5fa8
#define COLOR_DRAFT_BG    0xfdf1d8
#define COLOR_DRAFT_LINE  0xe0a93b
#define COLOR_DRAFT_TEXT  0x6d4300
#define COLOR_WHITE       0xffffff

#define LIST_INDENT   14.0

/* ---- bounded layout work -------------------------------------------------- */

/* A layout's text has at most this many line breaks: Pango walks a
 * layout's lines from its start to reach any one of them. */
#define MAX_LAYOUT_BREAKS 64
/* A run of characters with no space longer than WORD_RUN_CHARS gets a
 * zero-width space, a break opportunity, after each WORD_PIECE_CHARS
 * characters past those: Pango wraps a run that has none by shaping the
 * rest of it again for every line. Short pieces keep the lines of such a
 * run almost full. Text extraction shows these spaces, so no real word
 * may get one: the longest in the site's export, an address, has 92
 * characters. */
#define WORD_RUN_CHARS    200
#define WORD_PIECE_CHARS  16
/* Names, headers, footers, bookmarks and metadata: a few lines at most. */
#define MAX_LABEL_BYTES   512
/* Any other text that is not a paragraph: cells, contacts, identity.
 * Real ones are a tenth of it. */
#define MAX_FIELD_BYTES   1024

#define ZERO_WIDTH_SPACE  "\xe2\x80\x8b"
#define ELLIPSIS          "…"

/* ---- blocks -------------------------------------------------------------- */

typedef struct {
  int   start;              /* byte range in the layout's text */
  int   end;
  char *uri;
} Link;

typedef enum {
  PIECE_TEXT,
  PIECE_FILL,
  PIECE_FRAME,
  PIECE_LEADER,
} PieceKind;

typedef struct {
  PieceKind    kind;
  double       x, y, w, h;  /* relative to the block's top-left corner */
  guint32      rgb;
  PangoLayout *layout;      /* PIECE_TEXT */
  GArray      *links;       /* PIECE_TEXT: Link, or NULL */
} Piece;

typedef enum {
  BLOCK_GROUP,              /* moves as a whole */
  BLOCK_TEXT,               /* pieces[0] splits between lines; pieces[1] a marker */
  BLOCK_FICHE_START,        /* starts a new page for fiche @fiche */
} BlockKind;

typedef struct _Block Block;

struct _Block {
  int        ref_count;     /* the flow and every page showing it hold one */
  BlockKind  kind;
  double     height;
  double     space_before;  /* dropped at the top of a page */
  gboolean   keep_with_next;
  GPtrArray *pieces;        /* Piece* */

  /* BLOCK_TEXT: line extents in points, relative to the block's top. */
  int        n_lines;
  double    *line_top;
  double    *line_bottom;

  Block     *table_header;  /* table and contents rows: the header to repeat */
  int        fiche;         /* FICHE_START: its fiche; TOC rows: the target */
  int        outline_level; /* > 0: an outline entry for this block */
  char      *outline_title;
  Piece     *page_number;   /* TOC rows: filled in once fiches are paginated */
  char      *dest;          /* named destination at this block ("fiche-3") */
  const char *role;         /* PDF structure type: "P", "H1", "H2"; NULL none */
  gboolean   continues;     /* BLOCK_TEXT: a later piece of the paragraph before */
  gboolean   continued;     /* BLOCK_TEXT: the paragraph goes on in the next block */
};

typedef struct {
  Block *block;             /* a reference */
  double y;                 /* top of the fragment on the page */
  int    first_line;        /* BLOCK_TEXT: the lines shown here */
  int    last_line;
} Placed;

typedef enum {
  PAGE_COVER,
  PAGE_TOC,
  PAGE_NETWORK,             /* booklet: "Le réseau en chiffres" */
  PAGE_FICHE,
} PageKind;

typedef struct {
  PageKind kind;
  int      fiche;           /* PAGE_FICHE: whose header to show */
  GArray  *placed;          /* Placed */
} Page;

typedef struct {
  char  *title;
  int    level;             /* 1 région or Sommaire, 2 fiche, 3 section */
  guint  page;
  double y;
} OutlineEntry;

struct _RtesPdfDocument
{
  GObject parent_instance;

  /* Input */
  GPtrArray            *fiches;
  RtesPdfDocumentFlags  flags;
  char                 *title;
  gboolean              title_set;
  char                 *export_date;

  /* Layout state */
  PangoContext *context;
  double        page_width;
  double        page_height;
  GPtrArray    *blocks;       /* Block*: the part of the flow being paginated */
  GPtrArray    *repeats;      /* Block*: headers repeated on later pages only */
  GPtrArray    *pages;        /* Page*: all of them, or those not yet drawn */
  guint         pages_done;   /* streaming: pages drawn (or counted) and freed */
  guint         n_pages;      /* of the whole document, once known */
  GArray       *outline;      /* OutlineEntry */
  int          *fiche_pages;  /* first page of each fiche */
  int          *toc_numbers;  /* streaming: each fiche's first page, counted before */
  GPtrArray    *toc_rows;     /* Block*: contents rows whose page number is not set yet */
  RtesStats    *stats;        /* booklet: the network page's figures */

  /* Streaming (see rtes_pdf_document_write()): each part of the flow is
   * paginated, its finished pages drawn on @sink (or only counted when it
   * is NULL) and freed. Otherwise every page is kept for draw_page(). */
  gboolean      streaming;
  cairo_t      *sink;

  /* Drawing state */
  gboolean      tagging;      /* emit structure tags (writing a PDF only) */

  gsize         largest_layout; /* most bytes given to one PangoLayout */
};

G_DEFINE_FINAL_TYPE (RtesPdfDocument, rtes_pdf_document, G_TYPE_OBJECT)

/* ---- bounded text ---------------------------------------------------------- */

/* Every text reaches Pango here, so that the bound is kept and measured. */
static void
set_layout_text (RtesPdfDocument *self,
                 PangoLayout     *layout,
                 const char      *text)
{
  gsize length = strlen (text);

  self->largest_layout = MAX (self->largest_layout, length);
  pango_layout_set_text (layout, text, (int) length);
}

static gboolean
is_break_opportunity (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x200b;
}

/* Characters that belong with the one before: a break between them would
 * separate an accent from its letter or split an emoji sequence. */
static gboolean
joins_previous (gunichar c)
{
  return g_unichar_ismark (c) || c == 0x200d || (c >= 0xfe00 && c <= 0xfe0f) ||
         (c >= 0xe0100 && c <= 0xe01ef);
}

/* Appends valid UTF-8 @text to @out, breaking runs with no break
 * opportunity as WORD_RUN_CHARS says. @run carries the length of the
 * current run from one call to the next, for runs that go on over several
 * spans. */
static void
append_breaking_words (GString    *out,
                       const char *text,
                       guint      *run)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *next = g_utf8_next_char (p);
      gunichar c = g_utf8_get_char (p);

      if (is_break_opportunity (c))
        *run = 0;
      else
        {
          if (*run >= WORD_RUN_CHARS + WORD_PIECE_CHARS && !joins_previous (c))
            {
              g_string_append (out, ZERO_WIDTH_SPACE);
              *run = WORD_RUN_CHARS;
            }
          (*run)++;
        }
      g_string_append_len (out, p, next - p);
      p = next;
    }
}

/* The largest character boundary of @text at or before @index. */
static gsize
utf8_floor (const char *text,
            gsize       index)
{
  while (index > 0 && ((guchar) text[index] & 0xc0) == 0x80)
    index--;
  return index;
}

/* @text sanitized, cut short with an ellipsis if it has more than
 * @max_bytes or MAX_LAYOUT_BREAKS lines, and with its long runs broken if
 * it is to wrap (@wraps): for names, cells and labels, which are one
 * layout each, and for bookmarks and metadata. Only the first @max_bytes
 * of @text are ever looked at, so a 100 MB name costs no more than a
 * short one. */
static char *
bounded_text (const char *text,
              gsize       max_bytes,
              gboolean    wraps)
{
  gboolean cut = text != NULL && strnlen (text, max_bytes + 1) > max_bytes;
  g_autofree char *head = text != NULL ? g_strndup (text, max_bytes) : NULL;
  g_autofree char *clean = rtes_text_sanitize (head);
  GString *out = g_string_sized_new (strlen (clean) + 16);
  gsize room = max_bytes - strlen (ELLIPSIS);
  guint breaks = 0;
  guint run = 0;
  gsize i;

  if (wraps)
    append_breaking_words (out, clean, &run);
  else
    g_string_append (out, clean);
  for (i = 0; i < out->len; i++)
    if (out->str[i] == '\n' && ++breaks == MAX_LAYOUT_BREAKS)
      {
        room = MIN (room, i);
        cut = TRUE;
        break;
      }
  if (out->len > max_bytes)
    cut = TRUE;
  if (cut)
    {
      g_string_truncate (out, utf8_floor (out->str, MIN (out->len, room)));
      g_string_append (out, ELLIPSIS);
    }
  return g_string_free (out, FALSE);
}

static void
link_clear (gpointer data)
{
  g_free (((Link *) data)->uri);
}

static void
piece_free (gpointer data)
{
  Piece *piece = data;

  g_clear_object (&piece->layout);
  g_clear_pointer (&piece->links, g_array_unref);
  g_free (piece);
}

static Block *
block_ref (Block *block)
{
  block->ref_count++;
  return block;
}

static void
block_unref (gpointer data)
{
  Block *block = data;

  if (--block->ref_count > 0)
    return;
  g_ptr_array_unref (block->pieces);
  g_free (block->line_top);
  g_free (block->line_bottom);
  g_free (block->outline_title);
  g_free (block->dest);
  g_free (block);
}

static void
page_free (gpointer data)
{
  Page *page = data;
  guint i;

  for (i = 0; i < page->placed->len; i++)
    block_unref (g_array_index (page->placed, Placed, i).block);
  g_array_unref (page->placed);
  g_free (page);
}

static void
outline_entry_clear (gpointer data)
{
  g_free (((OutlineEntry *) data)->title);
}

/* What one pagination makes. */
static void
clear_flow (RtesPdfDocument *self)
{
  /* Pages first: they hold references to blocks of the flow. */
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->toc_rows, g_ptr_array_unref);
  g_clear_pointer (&self->repeats, g_ptr_array_unref);
  g_clear_pointer (&self->outline, g_array_unref);
  g_clear_pointer (&self->fiche_pages, g_free);
  self->pages_done = 0;
}

/* Also what a first pagination told a second one. */
static void
clear_layout (RtesPdfDocument *self)
{
  clear_flow (self);
  g_clear_pointer (&self->toc_numbers, g_free);
  g_clear_object (&self->stats);
  self->n_pages = 0;
}

static void
rtes_pdf_document_finalize (GObject *object)
{
  RtesPdfDocument *self = RTES_PDF_DOCUMENT (object);

  clear_layout (self);
  g_clear_object (&self->context);
  g_clear_pointer (&self->fiches, g_ptr_array_unref);
  g_free (self->title);
  g_free (self->export_date);

  G_OBJECT_CLASS (rtes_pdf_document_parent_class)->finalize (object);
}

static void
rtes_pdf_document_class_init (RtesPdfDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rtes_pdf_document_finalize;
}

static void
rtes_pdf_document_init (RtesPdfDocument *self)
{
  cairo_font_options_t *options;

  self->title = g_strdup ("Fiches adhérents du RTES");
  self->export_date = rtes_format_today ();

  /* 72 dpi makes a Pango point one cairo unit; no hinting makes text
   * measure the same whatever the target device. */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (self->context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_language (self->context, pango_language_from_string ("fr"));
  /* Whole-point glyph positions look uneven once a preview scales the
   * page; keep exact positions (PDF output is vector anyway). */
  pango_context_set_round_glyph_positions (self->context, FALSE);
}

RtesPdfDocument *
rtes_pdf_document_new (GPtrArray            *fiches,
                       RtesPdfDocumentFlags  flags)
{
  RtesPdfDocument *self;

  g_return_val_if_fail (fiches != NULL, NULL);

  self = g_object_new (RTES_TYPE_PDF_DOCUMENT, NULL);
  self->fiches = g_ptr_array_ref (fiches);
  self->flags = flags;
  return self;
}

void
rtes_pdf_document_set_title (RtesPdfDocument *self,
                             const char      *title)
{
  g_return_if_fail (RTES_IS_PDF_DOCUMENT (self));

  g_free (self->title);
  self->title = bounded_text (title, MAX_LABEL_BYTES, FALSE);
  self->title_set = TRUE;
}

const char *
rtes_pdf_document_get_title (RtesPdfDocument *self)
{
  g_return_val_if_fail (RTES_IS_PDF_DOCUMENT (self), NULL);
  return self->title;
}

void
rtes_pdf_document_set_export_date (RtesPdfDocument *self,
                                   const char      *date)
{
  g_return_if_fail (RTES_IS_PDF_DOCUMENT (self));

  g_free (self->export_date);
  self->export_date = date != NULL ? bounded_text (date, MAX_LABEL_BYTES, FALSE) : rtes_format_today ();
}

gsize
rtes_pdf_document_get_largest_layout (RtesPdfDocument *self)
{
  g_return_val_if_fail (RTES_IS_PDF_DOCUMENT (self), 0);
  return self->largest_layout;
}

void
rtes_pdf_document_get_page_size (RtesPdfDocument *self,
                                 double          *width,
                                 double          *height)
{
  g_return_if_fail (RTES_IS_PDF_DOCUMENT (self));

  if (width != NULL)
    *width = self->pages != NULL ? self->page_width : 0;
  if (height != NULL)
    *height = self->pages != NULL ? self->page_height : 0;
}

guint
rtes_pdf_document_get_n_pages (RtesPdfDocument *self)
{
  g_return_val_if_fail (RTES_IS_PDF_DOCUMENT (self), 0);
  return self->n_pages;
}

int
rtes_pdf_document_get_fiche_page (RtesPdfDocument *self,
                                  guint            index)
{
  g_return_val_if_fail (RTES_IS_PDF_DOCUMENT (self), -1);

  if (self->fiche_pages == NULL || index >= self->fiches->len)
    return -1;
  return self->fiche_pages[index];
}

/* ---- making pieces -------------------------------------------------------- */

static double
content_width (RtesPdfDocument *self)
{
  return self->page_width - 2 * MARGIN_X;
}

static PangoLayout *
new_layout (RtesPdfDocument *self,
            double           size,
            gboolean         bold,
            double           width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_line_spacing (layout, LINE_SPACING);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static Block *
block_new (BlockKind kind)
{
  Block *block = g_new0 (Block, 1);

  block->ref_count = 1;
  block->kind = kind;
  block->pieces = g_ptr_array_new_with_free_func (piece_free);
  block->fiche = -1;
  /* Most blocks read as paragraphs; headings say otherwise. */
  if (kind == BLOCK_TEXT || kind == BLOCK_GROUP)
    block->role = "P";
  return block;
}

static Piece *
add_rect (Block     *block,
          PieceKind  kind,
          double     x,
          double     y,
          double     w,
          double     h,
          guint32    rgb)
{
  Piece *piece = g_new0 (Piece, 1);

  piece->kind = kind;
  piece->x = x;
  piece->y = y;
  piece->w = w;
  piece->h = h;
  piece->rgb = rgb;
  g_ptr_array_add (block->pieces, piece);
  return piece;
}

/* Adds a text piece of sanitized @text and returns its height. */
static Piece *
add_text (RtesPdfDocument *self,
          Block           *block,
          const char      *text,
          double           x,
          double           y,
          double           width,
          double           size,
          gboolean         bold,
          guint32          rgb)
{
  Piece *piece = add_rect (block, PIECE_TEXT, x, y, width, 0, rgb);
  g_autofree char *clean = bounded_text (text, MAX_FIELD_BYTES, TRUE);

  piece->layout = new_layout (self, size, bold, width);
  set_layout_text (self, piece->layout, clean);
  piece->h = layout_height (piece->layout);
  return piece;
}

/* @piece's lines @spacing apart, measured again. */
static Piece *
respace (Piece  *piece,
         double  spacing)
{
  pango_layout_set_line_spacing (piece->layout, spacing);
  piece->h = layout_height (piece->layout);
  return piece;
}

/* The text of fiche text spans, long runs broken, and its links. */
static void
spans_to_text (GPtrArray *spans,
               GString   *text,
               GArray    *links)
{
  guint run = 0;
  guint i;

  for (i = 0; i < spans->len; i++)
    {
      RtesTextSpan *span = g_ptr_array_index (spans, i);
      int start = text->len;

      append_breaking_words (text, span->text, &run);
      if (span->type == RTES_TEXT_SPAN_LINK)
        {
          Link link = { start, text->len, g_strdup (span->uri) };

          g_array_append_val (links, link);
        }
    }
}

/* Where the piece of @text that starts at @start ends: the end of @text
 * if the rest fits in a layout, else a line break (which the reader does
 * not see), else a space, else a character boundary. Sets @next to the
 * start of the following piece: the line break or space is dropped. */
static gsize
piece_end (const char *text,
           gsize       length,
           gsize       start,
           gsize      *next)
{
  gsize limit = MIN (length, start + RTES_PDF_MAX_LAYOUT_BYTES);
  gsize half = start + RTES_PDF_MAX_LAYOUT_BYTES / 2;
  gsize line_break = 0, space = 0, space_length = 0;
  guint breaks = 0;
  gsize i;

  for (i = start; i < limit; i++)
    {
      if (text[i] == '\n')
        {
          if (++breaks == MAX_LAYOUT_BREAKS)
            {
              *next = i + 1;
              return i;
            }
          line_break = i;
        }
      else if (text[i] == ' ')
        {
          space = i;
          space_length = 1;
        }
      else if (i + 2 < length && memcmp (text + i, ZERO_WIDTH_SPACE, 3) == 0)
        {
          space = i;
          space_length = 3;
        }
    }

  if (limit == length)
    {
      *next = length;
      return length;
    }
  if (line_break > half)
    {
      *next = line_break + 1;
      return line_break;
    }
  if (space > half)
    {
      *next = space + space_length;
      return space;
    }

  /* No break at all: between two characters, keeping accents on their
   * letters. */
  i = utf8_floor (text, limit);
  while (i > half && joins_previous (g_utf8_get_char (text + i)))
    i = utf8_floor (text, i - 1);
  *next = i;
  return i;
}

/* A text piece of text[start, end), its links clipped to it and
 * underlined and coloured; drawing makes their areas clickable. */
static Piece *
add_text_range (RtesPdfDocument *self,
                Block           *block,
                const char      *text,
                gsize            start,
                gsize            end,
                GArray          *links,
                double           x,
                double           width)
{
  Piece *piece = add_rect (block, PIECE_TEXT, x, 0, width, 0, COLOR_TEXT);
  g_autofree char *range = g_strndup (text + start, end - start);
  PangoAttrList *attrs = pango_attr_list_new ();
  guint i;

  piece->links = g_array_new (FALSE, FALSE, sizeof (Link));
  g_array_set_clear_func (piece->links, link_clear);

  for (i = 0; i < links->len; i++)
    {
      Link *whole = &g_array_index (links, Link, i);
      Link link;
      PangoAttribute *attr;

      if ((gsize) whole->end <= start || (gsize) whole->start >= end)
        continue;
      link.start = MAX ((gsize) whole->start, start) - start;
      link.end = MIN ((gsize) whole->end, end) - start;
      link.uri = g_strdup (whole->uri);
      attr = pango_attr_underline_new (PANGO_UNDERLINE_SINGLE);
      attr->start_index = link.start;
      attr->end_index = link.end;
      pango_attr_list_insert (attrs, attr);
      attr = pango_attr_foreground_new (0x1c1c, 0x5f5f, 0xa8a8);
      attr->start_index = link.start;
      attr->end_index = link.end;
      pango_attr_list_insert (attrs, attr);
      g_array_append_val (piece->links, link);
    }

  piece->layout = new_layout (self, BODY_SIZE, FALSE, width);
  set_layout_text (self, piece->layout, range);
  pango_layout_set_attributes (piece->layout, attrs);
  pango_attr_list_unref (attrs);
  piece->h = layout_height (piece->layout);
  return piece;
}

/* Records the extents of each line so the paginator can split the block. */
static void
measure_lines (Block *block)
{
  Piece *text = g_ptr_array_index (block->pieces, 0);
  PangoLayoutIter *iter = pango_layout_get_iter (text->layout);
  int i = 0;

  block->n_lines = pango_layout_get_line_count (text->layout);
  block->line_top = g_new (double, block->n_lines);
  block->line_bottom = g_new (double, block->n_lines);
  do
    {
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      block->line_top[i] = text->y + (double) y0 / PANGO_SCALE;
      block->line_bottom[i] = text->y + (double) y1 / PANGO_SCALE;
      i++;
    }
  while (i < block->n_lines && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  block->height = MAX (text->y + text->h, block->line_bottom[block->n_lines - 1]);
}

/* ---- building a fiche's blocks --------------------------------------------- */

static void
add_block (RtesPdfDocument *self,
           Block           *block)
{
  g_ptr_array_add (self->blocks, block);
}

/* Pango spaces lines within a layout but not after its last line: the
 * space a paragraph's next layout needs above it to read as the next line. */
static double
line_gap (RtesPdfDocument *self)
{
  g_autoptr(PangoLayout) one = new_layout (self, BODY_SIZE, FALSE, 100);
  g_autoptr(PangoLayout) two = new_layout (self, BODY_SIZE, FALSE, 100);
  double pitch;

  set_layout_text (self, one, "x");
  set_layout_text (self, two, "x\nx");
  pitch = layout_height (two) - layout_height (one);
  return MAX (pitch - layout_height (one), 0);
}

/* Adds a paragraph or list item as text blocks of one layout each: one
 * block unless the text is longer than a layout may hold. Returns the
 * first block, which carries the space before and a list item's marker. */
static Block *
add_paragraph (RtesPdfDocument *self,
               GPtrArray       *spans,
               double           x,
               double           width,
               double           space_before)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (Link));
  Block *first = NULL;
  Block *previous = NULL;
  gsize start = 0;

  g_array_set_clear_func (links, link_clear);
  spans_to_text (spans, text, links);
  do
    {
      Block *block = block_new (BLOCK_TEXT);
      gsize next;
      gsize end = piece_end (text->str, text->len, start, &next);

      add_text_range (self, block, text->str, start, end, links, x, width);
      measure_lines (block);
      if (previous != NULL)
        {
          previous->continued = TRUE;
          block->continues = TRUE;
          block->space_before = line_gap (self);
        }
      else
        {
          block->space_before = space_before;
          first = block;
        }
      add_block (self, block);
      previous = block;
      start = next;
    }
  while (start < text->len);

  return first;
}

static void
build_text_blocks (RtesPdfDocument *self,
                   GPtrArray       *blocks,
                   int              level);

static void
build_list (RtesPdfDocument *self,
            RtesTextBlock   *list,
            int              level)
{
  double indent = LIST_INDENT * (level + 1);
  guint i;

  for (i = 0; i < list->items->len; i++)
    {
      RtesTextItem *item = g_ptr_array_index (list->items, i);
      g_autofree char *marker = NULL;
      double marker_width = list->ordered ? 18.0 : 10.0;
      Block *block;
      Piece *piece;

      block = add_paragraph (self, item->spans, indent + marker_width - LIST_INDENT + 4,
                             content_width (self) - indent - marker_width + LIST_INDENT - 4,
                             i == 0 && level == 0 ? 4.0 : 2.0);
      marker = list->ordered ? g_strdup_printf ("%d.", list->start + (int) i)
                             : g_strdup (level % 2 == 0 ? "•" : "–");
      piece = add_text (self, block, marker, indent - LIST_INDENT, 0, marker_width,
                        BODY_SIZE, FALSE, level == 0 ? COLOR_ACCENT : COLOR_MUTED);
      pango_layout_set_alignment (piece->layout, PANGO_ALIGN_RIGHT);

      build_text_blocks (self, item->children, level + 1);
    }
}

static void
build_text_blocks (RtesPdfDocument *self,
                   GPtrArray       *blocks,
                   int              level)
{
  guint i;

  for (i = 0; i < blocks->len; i++)
    {
      RtesTextBlock *text = g_ptr_array_index (blocks, i);

      if (text->type == RTES_TEXT_BLOCK_LIST)
        build_list (self, text, level);
      else
        add_paragraph (self, text->spans, 0, content_width (self), 6.0);
    }
}

static void
build_heading (RtesPdfDocument *self,
               const char      *title,
               int              outline_level)
{
  Block *block = block_new (BLOCK_GROUP);
  Piece *text = add_text (self, block, title, 0, 0, content_width (self),
                          12.5, TRUE, COLOR_ACCENT);

  add_rect (block, PIECE_FILL, 0, text->h + 3, content_width (self), 0.8, COLOR_RULE);
  block->height = text->h + 6;
  block->space_before = 18.0;
  block->keep_with_next = TRUE;
  block->role = "H2";
  block->outline_level = outline_level;
  block->outline_title = bounded_text (title, MAX_LABEL_BYTES, FALSE);
  add_block (self, block);
}

/* Column layout of the budget table: amount, section, year, label. */
static const double budget_columns[] = { 0.0, 0.19, 0.37, 0.6, 1.0 };

static Block *
build_budget_row (RtesPdfDocument  *self,
                  const char      **cells,
                  gboolean          header)
{
  Block *block = block_new (BLOCK_GROUP);
  double width = content_width (self);
  double padding = 4.0;
  double height = 0;
  int c;

  for (c = 0; c < 4; c++)
    {
      double x = budget_columns[c] * width + padding;
      double w = (budget_columns[c + 1] - budget_columns[c]) * width - 2 * padding;
      Piece *piece = add_text (self, block, cells[c], x, padding, w,
                               header ? 8.5 : BODY_SIZE, header || c == 0,
                               header ? COLOR_MUTED : COLOR_TEXT);

      /* Amounts align right, as in the HTML table. */
      if (c == 0)
        pango_layout_set_alignment (piece->layout, PANGO_ALIGN_RIGHT);
      height = MAX (height, piece->h);
    }

  height += 2 * padding;
  if (header)
    add_rect (block, PIECE_FILL, 0, height - 1.5, width, 1.5, COLOR_ACCENT);
  else
    add_rect (block, PIECE_FILL, 0, height - 0.6, width, 0.6, COLOR_RULE);
  block->height = height;
  return block;
}

static void
build_budget_table (RtesPdfDocument *self,
                    RtesFiche       *fiche)
{
  GListModel *lines = G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche));
  guint n = g_list_model_get_n_items (lines);
  const char *titles[] = { "Montant", "Section", "Année", "Libellé" };
  Block *header;
  guint i;

  if (n == 0)
    return;

  header = build_budget_row (self, titles, TRUE);
  header->space_before = 8.0;
  header->keep_with_next = TRUE;
  add_block (self, header);

  for (i = 0; i < n; i++)
    {
      g_autoptr(RtesBudgetLine) line = g_list_model_get_item (lines, i);
      g_autofree char *amount = rtes_french_euros (rtes_budget_line_get_amount (line));
      g_autofree char *section = rtes_export_budget_section (line);
      g_autofree char *year = rtes_export_budget_year (line);
      const char *cells[] = { amount, section, year, rtes_budget_line_get_label (line) };
      Block *row = build_budget_row (self, cells, FALSE);

      row->table_header = header;
      add_block (self, row);
    }
}

/* The identity block is one panel that moves as a whole: it is short, and
 * a panel cut in two reads like two unrelated boxes. */
static void
build_identity (RtesPdfDocument *self,
                RtesFiche       *fiche)
{
  g_autoptr(GPtrArray) fields = rtes_export_identity (fiche);
  double width = content_width (self);
  double label_width = 0.36 * width;
  Block *block;
  Piece *background;
  double y = 10.0;
  guint i;

  if (fields->len == 0)
    return;

  block = block_new (BLOCK_GROUP);
  /* The background goes first so that the text draws over it. */
  background = add_rect (block, PIECE_FILL, 0, 0, width, 0, COLOR_ACCENT_PALE);
  for (i = 0; i < fields->len; i++)
    {
      RtesExportField *field = g_ptr_array_index (fields, i);
      g_autofree char *value = g_strjoinv ("\n", field->lines);
      Piece *label, *text;

      label = add_text (self, block, field->label, 12, y, label_width - 18,
                        BODY_SIZE, TRUE, COLOR_MUTED);
      text = add_text (self, block, value, label_width, y, width - label_width - 12,
                       BODY_SIZE, FALSE, COLOR_TEXT);
      y += MAX (label->h, text->h) + 4;
    }
  background->h = y + 6;
  block->height = background->h;
  block->space_before = 20.0;
  add_block (self, block);
}

/* Contact cards flow in rows of up to three, in a compact type: the more
 * cards a row holds, the more a page holds. A column is never narrower
 * than CARD_MIN_WIDTH, and no address or number is broken over two lines
 * to make a third column (people copy them). Each row is one block, so a
 * card is never cut between two pages. */
#define CARD_MIN_WIDTH   150.0
#define CARD_GAP         8.0
#define CARD_PAD         7.0
#define CARD_SIZE        9.0

/* The fields of a card a reader copies: wrapped, they would not read as
 * one address or number. */
static gboolean
contact_fits (RtesPdfDocument *self,
              RtesContact     *contact,
              double           text_width)
{
  const char *values[] = { rtes_contact_get_email (contact), rtes_contact_get_phone (contact) };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      g_autofree char *clean = NULL;

      if (rtes_text_is_blank (values[i]))
        continue;
      clean = bounded_text (values[i], MAX_FIELD_BYTES, TRUE);
      layout = new_layout (self, CARD_SIZE, FALSE, text_width);
      set_layout_text (self, layout, clean);
      if (pango_layout_get_line_count (layout) > 1)
        return FALSE;
    }
  return TRUE;
}

static double
card_width (RtesPdfDocument *self,
            guint            columns)
{
  return (content_width (self) - (columns - 1) * CARD_GAP) / columns;
}

/* How many cards a row holds. Two, as the cards always were, when the
 * page is wide enough; three when the fiche has more than two contacts
 * and three fit with every card's address and number on one line. An
 * address too long even for half the page wraps there rather than take
 * the page's whole width. Measuring stops at the first card that does not
 * fit: at most two layouts per contact. */
static guint
contact_columns (RtesPdfDocument *self,
                 GListModel      *contacts)
{
  guint n = g_list_model_get_n_items (contacts);

  if (card_width (self, 2) < CARD_MIN_WIDTH)
    return 1;
  /* One or two cards keep their half of the page. */
  if (n <= 2 || card_width (self, 3) < CARD_MIN_WIDTH)
    return 2;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RtesContact) contact = g_list_model_get_item (contacts, i);

      if (!contact_fits (self, contact, card_width (self, 3) - 2 * CARD_PAD))
        return 2;
    }
  return 3;
}

/* One contact card at @x in @block; returns its height. */
static double
build_contact_card (RtesPdfDocument *self,
                    Block           *block,
                    RtesContact     *contact,
                    double           x,
                    double           width)
{
  const char *values[] = {
    rtes_contact_get_name (contact),
    rtes_contact_get_title (contact),
    rtes_contact_get_service (contact),
    rtes_contact_get_email (contact),
    rtes_contact_get_phone (contact),
  };
  Piece *frame = add_rect (block, PIECE_FRAME, x, 0, width, 0, COLOR_RULE);
  double pad = CARD_PAD;
  double y = pad;
  guint i;

  /* A card's wrapped lines are as close as its lines, which follow each
   * other with no space between. */
  if (!rtes_text_is_blank (rtes_contact_get_role (contact)))
    y += respace (add_text (self, block, rtes_contact_get_role (contact), x + pad, y,
                            width - 2 * pad, 8, TRUE, COLOR_MUTED), 0.0)->h + 1;

  for (i = 0; i < G_N_ELEMENTS (values); i++)
    {
      Piece *piece;
      g_autofree char *uri = NULL;

      if (rtes_text_is_blank (values[i]))
        continue;
      piece = respace (add_text (self, block, values[i], x + pad, y, width - 2 * pad,
                                 i == 0 ? CARD_SIZE + 0.5 : CARD_SIZE, i == 0, COLOR_TEXT), 0.0);
      /* The e-mail address (values[3]) is a link if it makes a safe mailto: URI. */
      uri = i == 3 ? rtes_export_mailto (values[i]) : NULL;
      if (uri != NULL)
        {
          Link link = { 0, strlen (pango_layout_get_text (piece->layout)), g_steal_pointer (&uri) };

          piece->links = g_array_new (FALSE, FALSE, sizeof (Link));
          g_array_set_clear_func (piece->links, link_clear);
          g_array_append_val (piece->links, link);
          piece->rgb = COLOR_LINK;
        }
      y += piece->h;
    }

  if (rtes_contact_get_rtes_board (contact))
    {
      Piece *badge_bg = add_rect (block, PIECE_FILL, x + pad, y + 3, 0, 0, COLOR_ACCENT_PALE);
      Piece *badge = add_text (self, block, RTES_EXPORT_LABEL_BOARD, x + pad + 4, y + 4,
                               width - 2 * pad - 8, 7.5, TRUE, COLOR_ACCENT);
      PangoRectangle ink;

      pango_layout_get_pixel_extents (badge->layout, NULL, &ink);
      badge_bg->w = ink.width + 8;
      badge_bg->h = badge->h + 2;
      y += badge->h + 5;
    }

  frame->h = y + pad;
  return frame->h;
}

static void
build_contacts (RtesPdfDocument *self,
                RtesFiche       *fiche)
{
  GListModel *contacts = G_LIST_MODEL (rtes_fiche_get_contacts (fiche));
  guint n = g_list_model_get_n_items (contacts);
  guint columns;
  double width;
  guint i;

  if (n == 0)
    return;

  build_heading (self, RTES_EXPORT_LABEL_CONTACTS, 3);

  columns = contact_columns (self, contacts);
  width = card_width (self, columns);
  for (i = 0; i < n; i += columns)
    {
      Block *block = block_new (BLOCK_GROUP);
      double height = 0;
      guint c, p;

      for (c = 0; c < columns && i + c < n; c++)
        {
          g_autoptr(RtesContact) contact = g_list_model_get_item (contacts, i + c);

          height = MAX (height, build_contact_card (self, block, contact,
                                                    c * (width + CARD_GAP), width));
        }
      /* Cards side by side get the same height, like a row of a grid. */
      for (p = 0; p < block->pieces->len; p++)
        {
          Piece *piece = g_ptr_array_index (block->pieces, p);
          if (piece->kind == PIECE_FRAME)
            piece->h = height;
        }
      block->height = height;
      block->space_before = i == 0 ? 8.0 : CARD_GAP;
      add_block (self, block);
    }
}

static void
build_fiche (RtesPdfDocument *self,
             guint            index)
{
  RtesFiche *fiche = g_ptr_array_index (self->fiches, index);
  double width = content_width (self);
  Block *start = block_new (BLOCK_FICHE_START);
  Block *title = block_new (BLOCK_GROUP);
  g_autofree char *shown = NULL;
  Piece *name, *kicker;
  double y;
  int s;

  start->fiche = index;
  start->outline_level = 2;
  start->outline_title = bounded_text (rtes_fiche_get_name (fiche), MAX_LABEL_BYTES, FALSE);
  add_block (self, start);

  /* Title block: région and kind, name, update date, draft banner. */
  {
    g_autofree char *context = g_strdup_printf ("%s · %s",
                                                rtes_export_region_label (fiche),
                                                rtes_export_kind_label (fiche));
    g_autofree char *clean = bounded_text (context, MAX_LABEL_BYTES, TRUE);
    g_autofree char *upper = g_utf8_strup (clean, -1);

    kicker = add_text (self, title, upper, 0, 0, width, 8, TRUE, COLOR_ACCENT);
  }
  shown = bounded_text (rtes_fiche_get_name (fiche), MAX_LABEL_BYTES, TRUE);
  name = respace (add_text (self, title, shown, 0, kicker->h + 4, width, 20, TRUE, COLOR_TEXT), 1.0);
  y = name->y + name->h + 6;
  if (rtes_fiche_get_updated (fiche) != NULL)
    {
      g_autofree char *line = rtes_export_updated_line (fiche);

      y += add_text (self, title, line, 0, y, width, 9, FALSE, COLOR_MUTED)->h + 4;
    }
  if (rtes_fiche_is_draft (fiche))
    {
      Piece *bg = add_rect (title, PIECE_FILL, 0, y + 2, width, 0, COLOR_DRAFT_BG);
      Piece *line = add_rect (title, PIECE_FILL, 0, y + 2, 3, 0, COLOR_DRAFT_LINE);
      Piece *text = add_text (self, title, RTES_EXPORT_LABEL_DRAFT, 10, y + 7, width - 20,
                              10, TRUE, COLOR_DRAFT_TEXT);

      bg->h = line->h = text->h + 10;
      y += text->h + 14;
    }
  add_rect (title, PIECE_FILL, 0, y + 4, width, 2.5, COLOR_ACCENT);
  title->height = y + 6.5;
  title->keep_with_next = TRUE;
  title->dest = g_strdup_printf ("fiche-%u", index);
  title->role = "H1";
  add_block (self, title);

  for (s = 0; s < RTES_EXPORT_N_SECTIONS; s++)
    {
      g_autoptr(RtesFicheText) text = NULL;

      if (!rtes_export_section_present (fiche, s))
        continue;
      build_heading (self, rtes_export_section_heading (s), 3);
      text = rtes_fiche_text_parse (rtes_export_section_text (fiche, s));
      build_text_blocks (self, text->blocks, 0);
      if (s == RTES_EXPORT_BUDGET)
        build_budget_table (self, fiche);
    }

  build_identity (self, fiche);
  build_contacts (self, fiche);
}

/* ---- the booklet's table of contents --------------------------------------- */

/* Extents of the last line: x and width of its ink, y of its baseline. */
static void
last_line_extents (PangoLayout    *layout,
                   PangoRectangle *rect)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  PangoRectangle logical;

  while (pango_layout_iter_next_line (iter))
    ;
  pango_layout_iter_get_line_extents (iter, NULL, &logical);
  rect->x = logical.x;
  rect->width = logical.width;
  rect->y = pango_layout_iter_get_baseline (iter);
  rect->height = 0;
  pango_layout_iter_free (iter);
}

/* Where the contents are: they are built a few rows at a time, so that a
 * streamed booklet never holds the rows of every fiche. */
typedef struct {
  guint       next;         /* the next fiche to list */
  const char *region;       /* the région of the last row */
  Block      *group;        /* its "(suite)" header, owned by self->repeats */
} TocBuilder;

static void
build_toc_heading (RtesPdfDocument *self)
{
  double width = content_width (self);
  Block *heading = block_new (BLOCK_GROUP);
  Piece *text;

  text = add_text (self, heading, "Sommaire", 0, 0, width, 20, TRUE, COLOR_TEXT);
  add_rect (heading, PIECE_FILL, 0, text->h + 6, width, 2.5, COLOR_ACCENT);
  heading->height = text->h + 8.5;
  heading->outline_level = 1;
  heading->outline_title = g_strdup ("Sommaire");
  heading->role = "H1";
  add_block (self, heading);
}

static void
set_toc_number (RtesPdfDocument *self,
                Block           *row,
                int              page)
{
  g_autofree char *number = g_strdup_printf ("%d", page + 1);

  set_layout_text (self, row->page_number->layout, number);
}

/* Adds the rows of fiches [toc->next, @end). The last block added is a
 * row, which does not keep with the next: the rows built so far paginate
 * the same whatever comes after them. */
static void
build_toc_rows (RtesPdfDocument *self,
                TocBuilder      *toc,
                guint            end)
{
  double width = content_width (self);
  Piece *text;

  for (; toc->next < end; toc->next++)
    {
      guint i = toc->next;
      RtesFiche *fiche = g_ptr_array_index (self->fiches, i);
      const char *label = rtes_export_region_label (fiche);
      Block *row = block_new (BLOCK_GROUP);
      g_autofree char *shown = bounded_text (rtes_fiche_get_name (fiche), MAX_LABEL_BYTES, TRUE);
      Piece *name, *kind, *number;
      double number_width = 30;

      if (g_strcmp0 (label, toc->region) != 0)
        {
          Block *first = block_new (BLOCK_GROUP);
          g_autofree char *continued = g_strdup_printf ("%s (suite)", label);

          text = add_text (self, first, label, 0, 0, width, 11, TRUE, COLOR_ACCENT);
          first->height = text->h + 2;
          first->space_before = 16;
          first->role = "H2";
          first->keep_with_next = TRUE;
          add_block (self, first);
          toc->region = label;

          /* What a page that goes on with this région's list shows first. */
          toc->group = block_new (BLOCK_GROUP);
          text = add_text (self, toc->group, continued, 0, 0, width, 11, TRUE, COLOR_ACCENT);
          toc->group->height = text->h + 2;
          toc->group->role = "H2";
          g_ptr_array_add (self->repeats, toc->group);
        }

      name = add_text (self, row, shown, 0, 0,
                       width - number_width - 180, BODY_SIZE + 0.5, FALSE, COLOR_TEXT);
      kind = add_text (self, row, rtes_export_kind_label (fiche), width - number_width - 170, 1,
                       160, 8, FALSE, COLOR_MUTED);
      pango_layout_set_alignment (kind->layout, PANGO_ALIGN_RIGHT);
      /* Measured with a stand-in: the row's height must not depend on
       * its page number, which is only known once every fiche is
       * paginated. */
      number = add_text (self, row, "000", width - number_width, 0, number_width,
                         BODY_SIZE + 0.5, TRUE, COLOR_TEXT);
      pango_layout_set_alignment (number->layout, PANGO_ALIGN_RIGHT);
      {
        /* Dots from the end of the name's last line to the kind. */
        PangoRectangle name_end, kind_logical;
        double from, to;

        last_line_extents (name->layout, &name_end);
        pango_layout_get_extents (kind->layout, NULL, &kind_logical);
        from = (double) (name_end.x + name_end.width) / PANGO_SCALE + 6;
        to = kind->x + (double) kind_logical.x / PANGO_SCALE - 6;
        if (to > from)
          add_rect (row, PIECE_LEADER, from, (double) name_end.y / PANGO_SCALE, to - from, 0, COLOR_RULE);
      }
      row->page_number = number;
      row->fiche = i;
      /* A région's list that goes on to the next page repeats its name. */
      row->table_header = toc->group;
      row->height = MAX (name->h, number->h) + 2;
      row->space_before = 3;
      add_block (self, row);

      if (self->toc_numbers != NULL)
        set_toc_number (self, row, self->toc_numbers[i]);
      else if (!self->streaming)
        g_ptr_array_add (self->toc_rows, block_ref (row));
    }
}

/* ---- pagination ---------------------------------------------------------------- */

typedef struct {
  RtesPdfDocument *self;
  Page            *page;
  double           y;
  gboolean         empty;  /* nothing placed yet on this page */
  int              fiche;
} Paginator;

static void
new_page (Paginator *pg,
          PageKind   kind)
{
  pg->page = g_new0 (Page, 1);
  pg->page->kind = kind;
  pg->page->fiche = pg->fiche;
  pg->page->placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  g_ptr_array_add (pg->self->pages, pg->page);
  pg->y = MARGIN_TOP;
  pg->empty = TRUE;
}

static double
bottom (Paginator *pg)
{
  return pg->self->page_height - MARGIN_BOTTOM;
}

static void
add_outline (RtesPdfDocument *self,
             const char      *title,
             int              level,
             double           y)
{
  OutlineEntry entry = { g_strdup (title), level, self->pages_done + self->pages->len - 1, y };

  g_array_append_val (self->outline, entry);
}

static void
place (Paginator *pg,
       Block     *block,
       int        first_line,
       int        last_line)
{
  Placed placed = { block_ref (block), pg->y, first_line, last_line };
  double height = block->height;

  if (block->kind == BLOCK_TEXT)
    height = block->line_bottom[last_line - 1] - (first_line > 0 ? block->line_top[first_line] : 0);

  if (block->outline_level > 0 && first_line == 0)
    add_outline (pg->self, block->outline_title, block->outline_level, pg->y);

  g_array_append_val (pg->page->placed, placed);
  pg->y += height;
  pg->empty = FALSE;
}

/* Height that must fit on the page together with a heading: the first two
 * lines of a paragraph, or a whole group. */
static double
minimum_height (Block *block)
{
  if (block->kind == BLOCK_TEXT)
    return block->line_bottom[MIN (2, block->n_lines) - 1];
  return block->height;
}

/* Height of @blocks[i] and the blocks it keeps with, up to the minimum of
 * the first one that may stand alone. */
static double
kept_height (GPtrArray *blocks,
             guint      i)
{
  double total = 0;

  for (; i < blocks->len; i++)
    {
      Block *block = g_ptr_array_index (blocks, i);

      if (block->kind == BLOCK_FICHE_START)
        break;
      if (total > 0)
        total += block->space_before;
      if (!block->keep_with_next)
        return total + minimum_height (block);
      total += block->height;
    }
  return total;
}

static void
place_text (Paginator *pg,
            Block     *block)
{
  int first = 0;

  while (first < block->n_lines)
    {
      double origin = first > 0 ? block->line_top[first] : 0;
      int last = first;

      while (last < block->n_lines &&
             pg->y + block->line_bottom[last] - origin <= bottom (pg))
        last++;

      /* Avoid a widow: leave at least two lines for the next page. */
      if (last < block->n_lines && block->n_lines - last < 2 && last - first > 2)
        last--;
      /* Avoid an orphan: a single first line moves to the next page. */
      if (last < block->n_lines && last - first < 2 && !pg->empty)
        last = first;

      if (last == first)
        {
          if (pg->empty)
            last = first + 1;   /* a line taller than a page: show it anyway */
          else
            {
              new_page (pg, pg->page->kind);
              continue;
            }
        }

      place (pg, block, first, last);
      first = last;
      if (first < block->n_lines)
        new_page (pg, pg->page->kind);
    }
}

static void
paginate (RtesPdfDocument *self,
          PageKind         kind,
          Paginator       *pg)
{
  guint i;

  for (i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      if (block->kind == BLOCK_FICHE_START)
        {
          pg->fiche = block->fiche;
          new_page (pg, kind);
          self->fiche_pages[block->fiche] = self->pages_done + self->pages->len - 1;
          add_outline (self, block->outline_title, block->outline_level, MARGIN_TOP);
          continue;
        }

      if (!pg->empty)
        {
          double needed = block->space_before +
                          (block->keep_with_next ? kept_height (self->blocks, i)
                                                 : minimum_height (block));

          if (pg->y + needed > bottom (pg))
            new_page (pg, kind);
          else
            pg->y += block->space_before;
        }

      /* A table row at the top of a page repeats the table's header. */
      if (pg->empty && block->table_header != NULL)
        place (pg, block->table_header, 0, 0);

      if (block->kind == BLOCK_TEXT)
        place_text (pg, block);
      else
        place (pg, block, 0, 0);
    }
}

/* ---- the whole document ------------------------------------------------------ */

static void draw_page (RtesPdfDocument *self,
                       cairo_t         *cr,
                       Page            *page,
                       guint            page_nr);

/* Streaming: draws (or only counts) the pages before the one being
 * filled, or every page when @all, and frees them with the blocks only
 * they still hold. */
static void
flush_pages (RtesPdfDocument *self,
             gboolean         all)
{
  guint n, i;

  if (!self->streaming || self->pages->len == 0)
    return;
  n = all ? self->pages->len : self->pages->len - 1;
  for (i = 0; self->sink != NULL && i < n; i++)
    {
      guint page_nr = self->pages_done + i;

      draw_page (self, self->sink, g_ptr_array_index (self->pages, i), page_nr);
      /* Structure tags balance over the whole file: the document's
       * closes on its last page. */
      if (self->tagging && page_nr + 1 == self->n_pages)
        cairo_tag_end (self->sink, "Document");
      cairo_show_page (self->sink);
    }
  g_ptr_array_remove_range (self->pages, 0, n);
  self->pages_done += n;
}

/* Paginates what was built since the last call, then lets the finished
 * pages go if streaming. */
static void
paginate_part (RtesPdfDocument *self,
               PageKind         kind,
               Paginator       *pg)
{
  paginate (self, kind, pg);
  g_ptr_array_set_size (self->blocks, 0);
  flush_pages (self, FALSE);
}

/* Contents rows built and paginated at once: enough to fill a few pages. */
#define TOC_ROWS_AT_ONCE 128

static void
lay_out_front (RtesPdfDocument *self,
               Paginator       *pg)
{
  TocBuilder toc = { 0, NULL, NULL };

  new_page (pg, PAGE_COVER);
  new_page (pg, PAGE_TOC);
  build_toc_heading (self);
  do
    {
      build_toc_rows (self, &toc, MIN (toc.next + TOC_ROWS_AT_ONCE, self->fiches->len));
      paginate_part (self, PAGE_TOC, pg);
    }
  while (toc.next < self->fiches->len);

  /* The network's figures, after the contents: a page of its own, drawn
   * whole (it has no blocks to paginate). */
  if (self->stats == NULL)
    self->stats = rtes_stats_new_for_array (self->fiches, NULL);
  new_page (pg, PAGE_NETWORK);
  add_outline (self, RTES_EXPORT_LABEL_NETWORK, 1, MARGIN_TOP);
}

/* The outline groups fiches by région in a booklet. */
static void
group_outline (RtesPdfDocument *self)
{
  g_autoptr(GArray) grouped = g_array_new (FALSE, FALSE, sizeof (OutlineEntry));
  const char *region = NULL;
  int fiche = 0;
  guint i;

  g_array_set_clear_func (grouped, outline_entry_clear);
  for (i = 0; i < self->outline->len; i++)
    {
      OutlineEntry *entry = &g_array_index (self->outline, OutlineEntry, i);

      if (entry->level == 2)
        {
          const char *label = rtes_export_region_label (g_ptr_array_index (self->fiches, fiche++));

          if (g_strcmp0 (label, region) != 0)
            {
              OutlineEntry group = { bounded_text (label, MAX_LABEL_BYTES, FALSE), 1, entry->page, entry->y };
              g_array_append_val (grouped, group);
              region = label;
            }
        }
      g_array_append_val (grouped, *entry);
      entry->title = NULL;
    }
  g_array_unref (self->outline);
  self->outline = g_steal_pointer (&grouped);
}

/* The one pagination of the document, for draw_page() (every page kept)
 * and for write() (streaming). A fiche is built, paginated and, when
 * streaming, its pages drawn and freed before the next is built; the
 * contents likewise, TOC_ROWS_AT_ONCE rows at a time. @progress, if
 * any, is called after each fiche. FALSE if cancelled. */
static gboolean
lay_out (RtesPdfDocument        *self,
         double                  width,
         double                  height,
         RtesExportProgressFunc  progress,
         gpointer                user_data,
         GCancellable           *cancellable)
{
  Paginator pg = { self, NULL, 0, TRUE, -1 };
  guint i;

  clear_flow (self);
  self->page_width = width;
  self->page_height = height;
  self->blocks = g_ptr_array_new_with_free_func (block_unref);
  self->repeats = g_ptr_array_new_with_free_func (block_unref);
  self->pages = g_ptr_array_new_with_free_func (page_free);
  self->toc_rows = g_ptr_array_new_with_free_func (block_unref);
  self->outline = g_array_new (FALSE, FALSE, sizeof (OutlineEntry));
  g_array_set_clear_func (self->outline, outline_entry_clear);
  self->fiche_pages = g_new0 (int, MAX (self->fiches->len, 1));

  if (self->flags & RTES_PDF_DOCUMENT_BOOKLET)
    lay_out_front (self, &pg);

  for (i = 0; i < self->fiches->len; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      build_fiche (self, i);
      paginate_part (self, PAGE_FICHE, &pg);
      if (progress != NULL)
        {
          g_autofree char *name = bounded_text (rtes_fiche_get_name (g_ptr_array_index (self->fiches, i)),
                                                MAX_LABEL_BYTES, FALSE);
          progress (i + 1, self->fiches->len, name, user_data);
        }
    }
  if (!self->streaming)
    self->n_pages = self->pages->len;
  flush_pages (self, TRUE);
  if (self->streaming && self->sink == NULL)
    self->n_pages = self->pages_done;

  /* Now that fiches have pages, the contents kept whole can say which. */
  for (i = 0; i < self->toc_rows->len; i++)
    {
      Block *row = g_ptr_array_index (self->toc_rows, i);

      set_toc_number (self, row, self->fiche_pages[row->fiche]);
    }
  g_ptr_array_set_size (self->toc_rows, 0);

  if (self->flags & RTES_PDF_DOCUMENT_BOOKLET)
    group_outline (self);
  return TRUE;
}

void
rtes_pdf_document_layout (RtesPdfDocument        *self,
                          double                  width,
                          double                  height,
                          RtesExportProgressFunc  progress,
                          gpointer                user_data)
{
  g_return_if_fail (RTES_IS_PDF_DOCUMENT (self));
  g_return_if_fail (width > 2 * MARGIN_X + 100 && height > MARGIN_TOP + MARGIN_BOTTOM + 100);

  clear_layout (self);
  self->streaming = FALSE;
  if (progress != NULL)
    progress (0, self->fiches->len, NULL, user_data);
  lay_out (self, width, height, progress, user_data, NULL);
}

/* ---- drawing ---------------------------------------------------------------- */

static void
set_color (cairo_t *cr,
           guint32  rgb)
{
  cairo_set_source_rgb (cr,
                        ((rgb >> 16) & 0xff) / 255.0,
                        ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

static void
fill_rect (cairo_t *cr,
           double   x,
           double   y,
           double   w,
           double   h,
           guint32  rgb)
{
  set_color (cr, rgb);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill (cr);
}

/* Draws @layout at (@x, @y), a structure element @role unless NULL. */
static void
show_layout (RtesPdfDocument *self,
             cairo_t         *cr,
             PangoLayout     *layout,
             double           x,
             double           y,
             guint32          rgb,
             const char      *role)
{
  if (self->tagging && role != NULL)
    cairo_tag_begin (cr, role, NULL);
  set_color (cr, rgb);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  if (self->tagging && role != NULL)
    cairo_tag_end (cr, role);
}

/* cairo's tag attributes quote strings with single quotes. */
static char *
quote_attribute (const char *value)
{
  GString *out = g_string_new ("'");
  const char *p;

  for (p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
  return g_string_free (out, FALSE);
}

static void
emit_link (cairo_t    *cr,
           const char *target,
           double      x,
           double      y,
           double      w,
           double      h)
{
  g_autofree char *attrs = NULL;
  char buf[4][G_ASCII_DTOSTR_BUF_SIZE];

  /* Locale-independent numbers: a French locale would write "12,5". */
  attrs = g_strdup_printf ("%s rect=[%s %s %s %s]", target,
                           g_ascii_formatd (buf[0], sizeof buf[0], "%.2f", x),
                           g_ascii_formatd (buf[1], sizeof buf[1], "%.2f", y),
                           g_ascii_formatd (buf[2], sizeof buf[2], "%.2f", w),
                           g_ascii_formatd (buf[3], sizeof buf[3], "%.2f", h));
  cairo_tag_begin (cr, CAIRO_TAG_LINK, attrs);
  cairo_tag_end (cr, CAIRO_TAG_LINK);
}

/* Draws lines [first, last) of a text piece whose block top is at @top,
 * and the link areas on those lines. */
static void
draw_text (cairo_t *cr,
           Piece   *piece,
           double   x,
           double   top,
           int      first,
           int      last)
{
  PangoLayoutIter *iter = pango_layout_get_iter (piece->layout);
  guint first_link = 0;     /* links are in text order: none before it is left */
  int line_nr = 0;

  set_color (cr, piece->rgb);
  do
    {
      PangoLayoutLine *line;
      PangoRectangle logical;
      int y0, y1;
      double baseline;
      guint i;

      if (line_nr < first)
        continue;
      if (line_nr >= last)
        break;

      line = pango_layout_iter_get_line_readonly (iter);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      baseline = top + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      cairo_move_to (cr, x + (double) logical.x / PANGO_SCALE, baseline);
      pango_cairo_show_layout_line (cr, line);

      while (piece->links != NULL && first_link < piece->links->len &&
             g_array_index (piece->links, Link, first_link).end <= line->start_index)
        first_link++;
      for (i = first_link; piece->links != NULL && i < piece->links->len; i++)
        {
          Link *link = &g_array_index (piece->links, Link, i);
          int start = MAX (link->start, line->start_index);
          int end = MIN (link->end, line->start_index + line->length);
          int *ranges = NULL;
          int n_ranges = 0;
          int r;
          g_autofree char *quoted = NULL;
          g_autofree char *target = NULL;

          if (link->start >= line->start_index + line->length)
            break;
          if (start >= end)
            continue;
          quoted = quote_attribute (link->uri);
          target = g_strconcat ("uri=", quoted, NULL);
          pango_layout_line_get_x_ranges (line, start, end, &ranges, &n_ranges);
          for (r = 0; r < n_ranges; r++)
            emit_link (cr, target,
                       x + (double) ranges[2 * r] / PANGO_SCALE,
                       top + (double) y0 / PANGO_SCALE,
                       (double) (ranges[2 * r + 1] - ranges[2 * r]) / PANGO_SCALE,
                       (double) (y1 - y0) / PANGO_SCALE);
          g_free (ranges);
        }
    }
  while (line_nr++, pango_layout_iter_next_line (iter));

  pango_layout_iter_free (iter);
}

static void
draw_piece (cairo_t *cr,
            Piece   *piece,
            double   x,
            double   top,
            int      first,
            int      last)
{
  switch (piece->kind)
    {
    case PIECE_TEXT:
      draw_text (cr, piece, x + piece->x, top + piece->y, first, last);
      break;
    case PIECE_FILL:
      fill_rect (cr, x + piece->x, top + piece->y, piece->w, piece->h, piece->rgb);
      break;
    case PIECE_FRAME:
      set_color (cr, piece->rgb);
      cairo_set_line_width (cr, 0.8);
      cairo_rectangle (cr, x + piece->x + 0.4, top + piece->y + 0.4, piece->w - 0.8, piece->h - 0.8);
      cairo_stroke (cr);
      break;
    case PIECE_LEADER:
      {
        double dash[] = { 0.6, 2.4 };

        set_color (cr, COLOR_MUTED);
        cairo_set_line_width (cr, 0.8);
        cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_dash (cr, dash, 2, 0);
        cairo_move_to (cr, x + piece->x, top + piece->y);
        cairo_line_to (cr, x + piece->x + MAX (piece->w, 0), top + piece->y);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
        cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
draw_placed (RtesPdfDocument *self,
             cairo_t         *cr,
             Placed          *placed)
{
  Block *block = placed->block;
  double top = placed->y;
  guint i;

  if (block->kind == BLOCK_TEXT)
    {
      /* A paragraph split between pages or layouts is one structure
       * element: it opens with its first fragment and closes with its
       * last. */
      if (self->tagging && placed->first_line == 0 && !block->continues)
        cairo_tag_begin (cr, block->role, NULL);
      /* The fragment's first line goes at placed->y. */
      top -= placed->first_line > 0 ? block->line_top[placed->first_line] : 0;
      draw_piece (cr, g_ptr_array_index (block->pieces, 0), MARGIN_X, top,
                  placed->first_line, placed->last_line);
      /* The marker belongs to the item's first line only. */
      if (placed->first_line == 0 && block->pieces->len > 1)
        draw_piece (cr, g_ptr_array_index (block->pieces, 1), MARGIN_X, top, 0, 1);
      if (self->tagging && placed->last_line == block->n_lines && !block->continued)
        cairo_tag_end (cr, block->role);
      return;
    }

  if (self->tagging)
    cairo_tag_begin (cr, block->role, NULL);

  /* cairo 1.16 records a named destination only around something drawn,
   * and writes no target at all for "page=" links to later pages: the
   * contents link to names, and each fiche's title block carries one. */
  if (block->dest != NULL)
    {
      g_autofree char *attrs = g_strdup_printf ("name='%s'", block->dest);
      cairo_tag_begin (cr, CAIRO_TAG_DEST, attrs);
    }
  for (i = 0; i < block->pieces->len; i++)
    draw_piece (cr, g_ptr_array_index (block->pieces, i), MARGIN_X, top, 0, G_MAXINT);
  if (block->dest != NULL)
    cairo_tag_end (cr, CAIRO_TAG_DEST);

  if (block->page_number != NULL && block->fiche >= 0)
    {
      g_autofree char *target = g_strdup_printf ("dest='fiche-%d'", block->fiche);
      emit_link (cr, target, MARGIN_X, top, content_width (self), block->height);
    }
  if (self->tagging)
    cairo_tag_end (cr, block->role);
}

static void
draw_small (RtesPdfDocument *self,
            cairo_t         *cr,
            const char      *text,
            double           x,
            double           y,
            double           width,
            PangoAlignment   alignment,
            gboolean         bold)
{
  g_autoptr(PangoLayout) layout = new_layout (self, 7.5, bold, width);
  g_autofree char *clean = bounded_text (text, MAX_LABEL_BYTES, FALSE);

  set_layout_text (self, layout, clean);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  show_layout (self, cr, layout, x, y, bold ? COLOR_ACCENT : COLOR_MUTED, NULL);
}

static void
draw_header_footer (RtesPdfDocument *self,
                    cairo_t         *cr,
                    Page            *page,
                    guint            page_nr)
{
  double width = content_width (self);
  g_autofree char *footer = g_strdup_printf ("%s — exporté le %s", self->title, self->export_date);
  g_autofree char *number = g_strdup_printf ("Page %u sur %u", page_nr + 1, self->n_pages);
  double footer_y = self->page_height - FOOTER_GAP - 8;

  if (page->kind == PAGE_FICHE && page->fiche >= 0)
    {
      RtesFiche *fiche = g_ptr_array_index (self->fiches, page->fiche);

      draw_small (self, cr, rtes_fiche_get_name (fiche), MARGIN_X, HEADER_Y,
                  width * 0.7, PANGO_ALIGN_LEFT, TRUE);
      draw_small (self, cr, rtes_export_region_label (fiche), MARGIN_X + width * 0.7, HEADER_Y,
                  width * 0.3, PANGO_ALIGN_RIGHT, FALSE);
      fill_rect (cr, MARGIN_X, HEADER_Y + 13, width, 0.6, COLOR_RULE);
    }

  fill_rect (cr, MARGIN_X, footer_y - 5, width, 0.6, COLOR_RULE);
  draw_small (self, cr, footer, MARGIN_X, footer_y, width * 0.75, PANGO_ALIGN_LEFT, FALSE);
  draw_small (self, cr, number, MARGIN_X + width * 0.75, footer_y, width * 0.25,
              PANGO_ALIGN_RIGHT, FALSE);
}

static void
draw_cover (RtesPdfDocument *self,
            cairo_t         *cr)
{
  double width = self->page_width;
  double inner = width - 2 * MARGIN_X;
  double band = self->page_height * 0.46;
  g_autoptr(PangoLayout) network = new_layout (self, 9, TRUE, inner);
  g_autoptr(PangoLayout) title = new_layout (self, 30, TRUE, inner);
  g_autoptr(PangoLayout) subtitle = new_layout (self, 13, FALSE, inner);
  g_autoptr(PangoLayout) details = new_layout (self, 10, FALSE, inner);
  g_autoptr(GString) regions = g_string_new (NULL);
  g_autofree char *network_text = g_utf8_strup (RTES_EXPORT_NETWORK_NAME, -1);
  g_autofree char *count = NULL;
  const char *last_region = NULL;
  double y;
  guint i;

  for (i = 0; i < self->fiches->len; i++)
    {
      const char *label = rtes_export_region_label (g_ptr_array_index (self->fiches, i));

      if (g_strcmp0 (label, last_region) != 0)
        {
          if (regions->len > 0)
            g_string_append (regions, " · ");
          g_string_append (regions, label);
          last_region = label;
        }
    }

  fill_rect (cr, 0, 0, width, band, COLOR_ACCENT);
  fill_rect (cr, 0, band, width, 6, COLOR_ACCENT_PALE);

  set_layout_text (self, network, network_text);
  set_layout_text (self, title, self->title);
  pango_layout_set_line_spacing (title, 1.0);
  {
    g_autofree char *clean = bounded_text (regions->str, MAX_LABEL_BYTES, TRUE);
    set_layout_text (self, subtitle, clean);
  }

  y = band - 40 - layout_height (subtitle) - layout_height (title);
  show_layout (self, cr, network, MARGIN_X, MARGIN_TOP, COLOR_WHITE, NULL);
  show_layout (self, cr, title, MARGIN_X, y, COLOR_WHITE, NULL);
  y += layout_height (title) + 10;
  show_layout (self, cr, subtitle, MARGIN_X, y, COLOR_ACCENT_PALE, NULL);

  count = g_strdup_printf ("%u fiche%s · édition du %s", self->fiches->len,
                           self->fiches->len > 1 ? "s" : "", self->export_date);
  set_layout_text (self, details, count);
  show_layout (self, cr, details, MARGIN_X, band + 40, COLOR_MUTED, NULL);
  set_layout_text (self, details, RTES_EXPORT_BOOKLET_INTRO);
  show_layout (self, cr, details, MARGIN_X, band + 64, COLOR_TEXT, NULL);
  set_layout_text (self, details, "www.rtes.fr");
  show_layout (self, cr, details, MARGIN_X, self->page_height - MARGIN_BOTTOM - 12, COLOR_ACCENT, NULL);
}

/* ---- the booklet's "Le réseau en chiffres" page ----------------------------- */

#define NETWORK_FONT_SIZE 7.0
#define NETWORK_GAP       14.0

/* Charts in the order they matter; each goes in the column with the most
 * room left, and one that fits nowhere is left out (a library with every
 * région, kind and year may not fit them all on one page). */
static const RtesNetworkChart network_charts[] = {
  RTES_NETWORK_CHART_MAP,
  RTES_NETWORK_CHART_KINDS,
  RTES_NETWORK_CHART_REGIONS,
  RTES_NETWORK_CHART_BUDGET_YEARS,
  RTES_NETWORK_CHART_TAGS,
  RTES_NETWORK_CHART_BUDGET_MEDIANS,
  RTES_NETWORK_CHART_COMPLETENESS,
  RTES_NETWORK_CHART_FRESHNESS,
};

static void
draw_network (RtesPdfDocument *self,
              cairo_t         *cr)
{
  double width = content_width (self);
  double column = (width - NETWORK_GAP) / 2;
  double top, used[2];
  g_autoptr(PangoLayout) title = new_layout (self, 20, TRUE, width);
  g_autoptr(PangoLayout) summary = new_layout (self, BODY_SIZE, FALSE, width);
  g_autofree char *fiches = rtes_french_integer (rtes_stats_get_n_fiches (self->stats));
  g_autofree char *text = NULL;
  guint drafts = rtes_stats_get_n_drafts (self->stats);

  pango_layout_set_text (title, RTES_EXPORT_LABEL_NETWORK, -1);
  show_layout (self, cr, title, MARGIN_X, MARGIN_TOP, COLOR_TEXT, "H1");
  top = MARGIN_TOP + layout_height (title) + 6;
  fill_rect (cr, MARGIN_X, top, width, 2.5, COLOR_ACCENT);

  text = g_strdup_printf ("%s %s adhérente%s, dont %u en cours de rédaction.", fiches,
                          rtes_stats_get_n_fiches (self->stats) > 1 ? "collectivités" : "collectivité",
                          rtes_stats_get_n_fiches (self->stats) > 1 ? "s" : "", drafts);
  pango_layout_set_text (summary, text, -1);
  show_layout (self, cr, summary, MARGIN_X, top + 10, COLOR_MUTED, "P");
  top += 10 + layout_height (summary) + 12;
  used[0] = used[1] = top;

  for (guint i = 0; i < G_N_ELEMENTS (network_charts); i++)
    {
      g_autoptr(RtesChart) chart = rtes_network_chart_new (self->stats, network_charts[i],
                                                           RTES_NETWORK_WORDING_EXPORT);
      g_autoptr(PangoLayout) heading = new_layout (self, 9.5, TRUE, column);
      int c = used[0] <= used[1] ? 0 : 1;
      double chart_height, needed;

      rtes_chart_set_font_size (chart, NETWORK_FONT_SIZE);
      chart_height = rtes_chart_get_height_for_width (chart, column);
      pango_layout_set_text (heading, rtes_chart_get_title (chart), -1);
      needed = layout_height (heading) + 4 + chart_height;
      if (used[c] + needed > self->page_height - MARGIN_BOTTOM)
        {
          c = 1 - c;
          if (used[c] + needed > self->page_height - MARGIN_BOTTOM)
            continue;
        }

      show_layout (self, cr, heading, MARGIN_X + c * (column + NETWORK_GAP), used[c], COLOR_ACCENT, "H2");

      cairo_save (cr);
      cairo_translate (cr, MARGIN_X + c * (column + NETWORK_GAP), used[c] + layout_height (heading) + 4);
      if (self->tagging)
        cairo_tag_begin (cr, "Figure", NULL);
      rtes_chart_draw (chart, cr, column, chart_height, rtes_chart_palette_light (), -1);
      if (self->tagging)
        cairo_tag_end (cr, "Figure");
      cairo_restore (cr);
      used[c] += needed + NETWORK_GAP;
    }
}

static void
draw_page (RtesPdfDocument *self,
           cairo_t         *cr,
           Page            *page,
           guint            page_nr)
{
  guint i;

  cairo_save (cr);
  if (page->kind == PAGE_COVER)
    draw_cover (self, cr);
  else if (page->kind == PAGE_NETWORK)
    {
      draw_network (self, cr);
      draw_header_footer (self, cr, page, page_nr);
    }
  else
    {
      for (i = 0; i < page->placed->len; i++)
        draw_placed (self, cr, &g_array_index (page->placed, Placed, i));
      draw_header_footer (self, cr, page, page_nr);
    }
  cairo_restore (cr);
}

void
rtes_pdf_document_draw_page (RtesPdfDocument *self,
                             cairo_t         *cr,
                             guint            page_nr)
{
  g_return_if_fail (RTES_IS_PDF_DOCUMENT (self));
  /* A written document keeps none of its pages. */
  g_return_if_fail (self->pages != NULL && !self->streaming && page_nr < self->pages->len);

  draw_page (self, cr, g_ptr_array_index (self->pages, page_nr), page_nr);
}

/* ---- the PDF file ------------------------------------------------------------ */

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  /* The stream keeps its first error for the commit to report. */
  if (!rtes_atomic_stream_write (closure, data, length, NULL))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static void
add_outline_entries (RtesPdfDocument  *self,
                     cairo_surface_t  *surface)
{
  /* parents[n]: the last entry of level n, parent of level n + 1. */
  int parents[4] = { CAIRO_PDF_OUTLINE_ROOT, CAIRO_PDF_OUTLINE_ROOT,
                     CAIRO_PDF_OUTLINE_ROOT, CAIRO_PDF_OUTLINE_ROOT };
  gboolean booklet = (self->flags & RTES_PDF_DOCUMENT_BOOKLET) != 0;
  guint i;

  for (i = 0; i < self->outline->len; i++)
    {
      OutlineEntry *entry = &g_array_index (self->outline, OutlineEntry, i);
      char y[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *target = NULL;
      /* Without régions, fiches are the top level. */
      int level = CLAMP (booklet ? entry->level : entry->level - 1, 1, 3);
      int id;

      target = g_strdup_printf ("page=%u pos=[0 %s]", entry->page + 1,
                                g_ascii_formatd (y, sizeof y, "%.1f", MAX (entry->y - 20, 0)));
      id = cairo_pdf_surface_add_outline (surface, parents[level - 1], entry->title, target,
                                          level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
      parents[level] = id;
    }
}

static void
set_metadata (RtesPdfDocument *self,
              cairo_surface_t *surface)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  g_autofree char *subject = NULL;
  g_autofree char *name = NULL;

  if (self->fiches->len == 1)
    {
      name = bounded_text (rtes_fiche_get_name (g_ptr_array_index (self->fiches, 0)), MAX_LABEL_BYTES, FALSE);
      subject = g_strdup_printf ("Fiche adhérent du RTES\u202f: %s", name);
    }
  else
    subject = g_strdup_printf ("%u fiches adhérents du RTES", self->fiches->len);

  /* A lone fiche is titled by its name, unless a title was chosen. */
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  name != NULL && !self->title_set ? name : self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, "RTES — " RTES_EXPORT_NETWORK_NAME);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS,
                                  "RTES, économie sociale et solidaire, ESS, collectivités");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Fiches RTES " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

/* Pass 2 of a write: draws every page on a PDF surface that writes to
 * @stream as it goes (stopping short if @cancellable is cancelled). */
static void
render (RtesPdfDocument        *self,
        RtesAtomicStream       *stream,
        RtesExportProgressFunc  progress,
        gpointer                user_data,
        GCancellable           *cancellable,
        cairo_status_t         *status)
{
  cairo_surface_t *surface;
  gboolean done;
  guint counted = self->n_pages;

  surface = cairo_pdf_surface_create_for_stream (write_to_stream, stream,
                                                 RTES_PDF_A4_WIDTH, RTES_PDF_A4_HEIGHT);
  set_metadata (self, surface);
  self->sink = cairo_create (surface);
  /* Structure tags make a tagged PDF that screen readers can follow. They
   * must balance over the whole file, so only this sequential drawing of
   * every page emits them, never a print job of a few pages. */
  self->tagging = TRUE;
  cairo_tag_begin (self->sink, "Document", NULL);
  done = lay_out (self, RTES_PDF_A4_WIDTH, RTES_PDF_A4_HEIGHT, progress, user_data, cancellable);
  self->tagging = FALSE;
  /* Pagination is deterministic: the second pass makes the pages the
   * first counted, which the contents and footers already printed. */
  g_warn_if_fail (!done || self->pages_done == counted);
  add_outline_entries (self, surface);
  g_clear_pointer (&self->sink, cairo_destroy);
  cairo_surface_finish (surface);
  *status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
}

gboolean
rtes_pdf_document_write (RtesPdfDocument        *self,
                         const char             *path,
                         RtesExportProgressFunc  progress,
                         gpointer                user_data,
                         GCancellable           *cancellable,
                         GError                **error)
{
  g_autoptr(RtesAtomicStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  cairo_status_t status;

  g_return_val_if_fail (RTES_IS_PDF_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->fiches->len == 0)
    {
      g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_NOTHING,
                   _("No fiche to export"));
      return FALSE;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_TARGET,
                   _("%s is a folder, not a PDF file"), path);
      return FALSE;
    }

  /* Nothing but the contents (each fiche's first page) and the outline is
   * kept between fiches, so that memory does not grow with the booklet.
   * The contents come first and the footers say "Page n sur N": pass 1
   * paginates every fiche and only counts pages; pass 2 paginates again
   * and draws each fiche's pages as soon as they are made. Laying out
   * twice costs time, not memory; the alternatives (drawing the contents
   * last and moving their pages, or reserving them and filling them in
   * afterwards) need a PDF writer that can go back, which cairo's cannot. */
  clear_layout (self);
  self->streaming = TRUE;
  if (progress != NULL)
    progress (0, self->fiches->len, NULL, user_data);
  if (!lay_out (self, RTES_PDF_A4_WIDTH, RTES_PDF_A4_HEIGHT, NULL, NULL, cancellable))
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return FALSE;
    }
  self->toc_numbers = g_steal_pointer (&self->fiche_pages);

  /* Written beside the target and renamed over it at the end: the PDF is
   * never half there, and a failure leaves an older file intact. */
  stream = rtes_atomic_stream_new (path, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_WRITE,
                   "%s", local_error->message);
      return FALSE;
    }
  render (self, stream, progress, user_data, cancellable, &status);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (status != CAIRO_STATUS_SUCCESS && status != CAIRO_STATUS_WRITE_ERROR)
    {
      g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_RENDER,
                   _("Could not render %s: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  if (!rtes_atomic_stream_commit (stream, &local_error))
    {
      g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_WRITE,
                   "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}
