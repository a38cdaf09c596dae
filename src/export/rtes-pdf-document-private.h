/* rtes-pdf-document-private.h: the PDF document's bound on layout work
 *
 * Pango lays out one PangoLayout in time that grows faster than its text
 * (a long word or thousands of lines in one layout took minutes), so the
 * document never hands any layout more than RTES_PDF_MAX_LAYOUT_BYTES of
 * text: paragraphs are cut into several layouts, labels are shortened.
 * Layout time is then linear in the size of the fiches. Tests and the
 * fuzzer check the bound with rtes_pdf_document_get_largest_layout().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-pdf-document.h"

G_BEGIN_DECLS

/* Most bytes of text in one PangoLayout. */
#define RTES_PDF_MAX_LAYOUT_BYTES 4096

/* The most bytes of text any PangoLayout of @self was given, by layout
 * or drawing, since @self was created. */
gsize rtes_pdf_document_get_largest_layout (RtesPdfDocument *self);

G_END_DECLS
