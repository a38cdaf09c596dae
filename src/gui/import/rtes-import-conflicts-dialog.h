/* rtes-import-conflicts-dialog.h: the open import conflicts of one fiche
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   dialog = rtes_import_conflicts_dialog_new (GTK_WINDOW (window), fiche, conflicts);
 *   g_signal_connect (dialog, "resolve", G_CALLBACK (on_resolve), window);
 *   gtk_window_present (GTK_WINDOW (dialog));
 *
 *   static void
 *   on_resolve (RtesImportConflictsDialog *dialog, const char *path, gboolean theirs, gpointer data)
 *   {
 *     rtes_import_conflicts_dialog_set_busy (dialog, path, TRUE);
 *     … write the choice, then …
 *     rtes_import_conflicts_dialog_remove (dialog, path);
 *   }
 *
 * Each conflict shows the place by name, the export's value and ours,
 * with "Keep Mine" and "Take the Export's". The dialog only collects the
 * choice: the window applies it to its document and drops the record.
 */
#pragma once

#include <adwaita.h>

#include "rtes-fiche.h"

G_BEGIN_DECLS

#define RTES_TYPE_IMPORT_CONFLICTS_DIALOG (rtes_import_conflicts_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RtesImportConflictsDialog, rtes_import_conflicts_dialog, RTES, IMPORT_CONFLICTS_DIALOG, AdwWindow)

/* @conflicts: RtesConflict* of @fiche, copied. */
RtesImportConflictsDialog *rtes_import_conflicts_dialog_new        (GtkWindow                 *parent,
                                                                    RtesFiche                 *fiche,
                                                                    GPtrArray                 *conflicts);
const char                *rtes_import_conflicts_dialog_get_fiche_id (RtesImportConflictsDialog *self);
guint                      rtes_import_conflicts_dialog_get_n_conflicts (RtesImportConflictsDialog *self);
void                       rtes_import_conflicts_dialog_set_busy   (RtesImportConflictsDialog *self,
                                                                    const char                *path,
                                                                    gboolean                   busy);
void                       rtes_import_conflicts_dialog_remove     (RtesImportConflictsDialog *self,
                                                                    const char                *path);

G_END_DECLS
