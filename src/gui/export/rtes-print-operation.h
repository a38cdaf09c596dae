/* rtes-print-operation.h: printing fiches with the PDF export's drawing
 *
 * RtesPrintOperation is a GtkPrintOperation that lays fiches out with an
 * RtesPdfDocument for the paper the user picks (A4 by default) and draws
 * each page with rtes_pdf_document_draw_page(): the printed pages, the
 * print preview and the "Print to File" PDF are the pages of the PDF
 * export. Several fiches print as a booklet (cover and contents).
 *
 * For the window's Print action (Ctrl+P):
 *
 *   g_autoptr(RtesPrintOperation) op = rtes_print_operation_new (fiches);
 *   res = gtk_print_operation_run (GTK_PRINT_OPERATION (op),
 *                                  GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
 *                                  GTK_WINDOW (window), &error);
 *
 * The operation allows async running: run() may return
 * GTK_PRINT_OPERATION_RESULT_IN_PROGRESS, and ::done tells the outcome
 * (keep a reference until then). The dialog has a Preview button;
 * GTK_PRINT_OPERATION_ACTION_PREVIEW
 * opens the preview directly. Either shows an RtesPrintPreview window
 * (transient for the window given to run) drawing the same pages; closing
 * it ends the operation. The operation copies the fiches, so the
 * user may keep editing while it runs; keep the print settings between
 * runs with gtk_print_operation_set_print_settings() as usual.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rtes-pdf-document.h"

G_BEGIN_DECLS

#define RTES_TYPE_PRINT_OPERATION (rtes_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (RtesPrintOperation, rtes_print_operation, RTES, PRINT_OPERATION, GtkPrintOperation)

/* @fiches: RtesFiche*; sorted for export in the copies the operation keeps. */
RtesPrintOperation *rtes_print_operation_new          (GPtrArray          *fiches);

/* The document being printed (laid out once printing begins). */
RtesPdfDocument    *rtes_print_operation_get_document       (RtesPrintOperation *self);

/* The preview window while one is open, else NULL. */
GtkWidget          *rtes_print_operation_get_preview_window (RtesPrintOperation *self);

G_END_DECLS
