/* rtes-print-preview.h: the pages of a document, one at a time, in a window
 *
 * RtesPrintOperation opens this window for the print preview instead of
 * launching an outside viewer (which a sandboxed or minimal system may not
 * have). It draws pages with rtes_pdf_document_draw_page(), so it shows
 * exactly what the printer and the PDF export get. Its Print button
 * (Ctrl+P) emits ::print-requested.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rtes-pdf-document.h"

G_BEGIN_DECLS

#define RTES_TYPE_PRINT_PREVIEW (rtes_print_preview_get_type ())
G_DECLARE_FINAL_TYPE (RtesPrintPreview, rtes_print_preview, RTES, PRINT_PREVIEW, AdwWindow)

/* @document must be laid out (rtes_pdf_document_layout()). */
GtkWidget *rtes_print_preview_new      (RtesPdfDocument  *document);

/* The page shown, 0-based. */
guint      rtes_print_preview_get_page (RtesPrintPreview *self);
void       rtes_print_preview_set_page (RtesPrintPreview *self,
                                        guint             page);

G_END_DECLS
