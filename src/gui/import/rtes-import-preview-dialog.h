/* rtes-import-preview-dialog.h: what an import will do, for a person to confirm
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   dialog = rtes_import_preview_dialog_new (GTK_WINDOW (window), plan);
 *   g_signal_connect (dialog, "response", G_CALLBACK (on_response), window);
 *   gtk_window_present (GTK_WINDOW (dialog));
 *
 *   static void
 *   on_response (RtesImportPreviewDialog *dialog, const char *response, gpointer data)
 *   {
 *     if (g_str_equal (response, "import"))
 *       … apply rtes_import_preview_dialog_get_plan (dialog) …
 *   }
 *
 * "response" is emitted once: "import", or "cancel" (the Cancel button,
 * Escape, or closing the window). The dialog closes itself.
 */
#pragma once

#include <adwaita.h>

#include "rtes-import-plan.h"

G_BEGIN_DECLS

#define RTES_TYPE_IMPORT_PREVIEW_DIALOG (rtes_import_preview_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RtesImportPreviewDialog, rtes_import_preview_dialog, RTES, IMPORT_PREVIEW_DIALOG, AdwWindow)

RtesImportPreviewDialog *rtes_import_preview_dialog_new      (GtkWindow               *parent,
                                                              RtesImportPlan          *plan);
RtesImportPlan          *rtes_import_preview_dialog_get_plan (RtesImportPreviewDialog *self);

G_END_DECLS
