/* rtes-pdf-document.h: fiches laid out as pages, for PDF files and printing
 *
 * An RtesPdfDocument turns a list of fiches into pages in two passes:
 *
 *  1. rtes_pdf_document_layout() measures everything for one page size and
 *     paginates: each fiche starts a new page, a heading never ends a page
 *     alone, paragraphs split between lines (never leaving one line alone),
 *     budget tables split between rows and repeat their header;
 *  2. rtes_pdf_document_draw_page() draws one page on any cairo_t whose
 *     unit is the PostScript point.
 *
 * rtes_pdf_document_write() runs both on a cairo PDF surface and adds what
 * only a PDF has: bookmarks (outline), document metadata, an atomic write.
 * It streams: each fiche's pages are drawn as soon as they are laid out,
 * then freed, so that memory does not grow with the number of fiches
 * (only the table of contents' page numbers and the outline are kept).
 * A GtkPrintOperation reuses the same pagination, every page kept for
 * drawing in any order: call layout() from
 * ::begin-print with the page setup's paper size in points, set n-pages,
 * and call draw_page() from ::draw-page with the print context's cairo_t
 * (with the operation's unit set to GTK_UNIT_POINTS and use-full-page TRUE,
 * since the document draws its own margins).
 *
 * Layout uses its own Pango context at 72 dpi without hinting, so text
 * measures the same on screen, paper and PDF. The object is not
 * thread-safe, but may be created and used in a worker thread as long as
 * the fiches are not changed meanwhile (pass copies).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "rtes-export.h"

G_BEGIN_DECLS

#define RTES_TYPE_PDF_DOCUMENT (rtes_pdf_document_get_type ())
G_DECLARE_FINAL_TYPE (RtesPdfDocument, rtes_pdf_document, RTES, PDF_DOCUMENT, GObject)

/* A4 portrait in points. */
#define RTES_PDF_A4_WIDTH  595.276
#define RTES_PDF_A4_HEIGHT 841.890

typedef enum {
  RTES_PDF_DOCUMENT_DEFAULT = 0,
  /* A cover page and a table of contents before the fiches. */
  RTES_PDF_DOCUMENT_BOOKLET = 1 << 0,
} RtesPdfDocumentFlags;

/* @fiches: RtesFiche*, in the order wanted (see rtes_export_sort()); the
 * document keeps a reference to the array. */
RtesPdfDocument *rtes_pdf_document_new             (GPtrArray            *fiches,
                                                    RtesPdfDocumentFlags  flags);

/* Title of the cover, the footers and the metadata; default "Fiches
 * adhérents du RTES" (the metadata of a single fiche's PDF then uses its
 * name). */
void             rtes_pdf_document_set_title       (RtesPdfDocument *self,
                                                    const char      *title);
const char      *rtes_pdf_document_get_title       (RtesPdfDocument *self);
/* Date printed on the cover and in footers ("20/11/2026"); default today. */
void             rtes_pdf_document_set_export_date (RtesPdfDocument *self,
                                                    const char      *date);

/* Pass 1: paginates for a page of @width × @height points. Calls
 * @progress after each fiche. Can be called again for another size. */
void             rtes_pdf_document_layout          (RtesPdfDocument        *self,
                                                    double                  width,
                                                    double                  height,
                                                    RtesExportProgressFunc  progress,
                                                    gpointer                user_data);
/* Page size of the last layout, in points (0 before any). */
void             rtes_pdf_document_get_page_size   (RtesPdfDocument *self,
                                                    double          *width,
                                                    double          *height);
/* Number of pages of the last layout (0 before any). */
guint            rtes_pdf_document_get_n_pages     (RtesPdfDocument *self);
/* First page (0-based) of the @index-th fiche, or -1. */
int              rtes_pdf_document_get_fiche_page  (RtesPdfDocument *self,
                                                    guint            index);

/* Pass 2: draws page @page_nr (0-based) with its top-left corner at the
 * origin of @cr. Link areas and destinations are emitted as cairo tags,
 * which only PDF surfaces use. */
void             rtes_pdf_document_draw_page       (RtesPdfDocument *self,
                                                    cairo_t         *cr,
                                                    guint            page_nr);

/* Lays out for A4 and writes the PDF to @path atomically (a temporary
 * file beside it, renamed over it at the end): on error or cancellation
 * @path is left as it was. Afterwards get_n_pages() and get_fiche_page()
 * tell the pages written, but no page is kept: call layout() again
 * before draw_page(). @progress is called once with 0 before a first
 * pass that only counts pages, then after each fiche drawn. */
gboolean         rtes_pdf_document_write           (RtesPdfDocument        *self,
                                                    const char             *path,
                                                    RtesExportProgressFunc  progress,
                                                    gpointer                user_data,
                                                    GCancellable           *cancellable,
                                                    GError                **error);

G_END_DECLS
