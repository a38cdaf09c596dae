/* rtes-import-conflicts-dialog.h: the open import conflicts of one fiche
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync's form-based view (RtesConflictView) for the conflicts an
 * import left, "In the Export / Here": the dialog reads the export's copy
 * of the fiche (the last import's base) in a thread, to show the fields
 * around the conflicts; the window applies the choices to the fiche's
 * document, as one step of its history, and drops the records:
 *
 *   dialog = rtes_import_conflicts_dialog_new (GTK_WINDOW (window), library_path, fiche, conflicts);
 *   view = rtes_import_conflicts_dialog_get_view (dialog);
 *   g_signal_connect (view, "apply", G_CALLBACK (on_apply), window);
 *   gtk_window_present (GTK_WINDOW (dialog));
 *
 *   static void
 *   on_apply (RtesConflictView *view, GPtrArray *choices, gpointer data)
 *   {
 *     … apply the RtesConflictChoice* to the document, save, forget the
 *     records, then …
 *     rtes_conflict_view_applied (view, error);
 *   }
 */
#pragma once

#include <adwaita.h>

#include "rtes-conflict-view.h"
#include "rtes-fiche.h"

G_BEGIN_DECLS

#define RTES_TYPE_IMPORT_CONFLICTS_DIALOG (rtes_import_conflicts_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RtesImportConflictsDialog, rtes_import_conflicts_dialog, RTES, IMPORT_CONFLICTS_DIALOG, AdwWindow)

/* @conflicts: RtesConflict* of @fiche, copied. ::loaded once shown. */
RtesImportConflictsDialog *rtes_import_conflicts_dialog_new          (GtkWindow                 *parent,
                                                                      const char                *library_path,
                                                                      RtesFiche                 *fiche,
                                                                      GPtrArray                 *conflicts);
RtesConflictView          *rtes_import_conflicts_dialog_get_view     (RtesImportConflictsDialog *self);

G_END_DECLS
