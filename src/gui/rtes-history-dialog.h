/* rtes-history-dialog.h: the history of one fiche, with restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rtes-document.h"

G_BEGIN_DECLS

#define RTES_TYPE_HISTORY_DIALOG (rtes_history_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RtesHistoryDialog, rtes_history_dialog, RTES, HISTORY_DIALOG, AdwWindow)

/* The revisions of @document's fiche (rtes-history.h), newest first,
 * grouped by day. Restoring goes through @document: one undo step of
 * origin "restore", saved at once, itself a revision. */
RtesHistoryDialog *rtes_history_dialog_new        (GtkWindow         *parent,
                                                   RtesDocument      *document);
/* For tests: the number of revisions listed. */
guint              rtes_history_dialog_get_n_revisions (RtesHistoryDialog *self);
/* For tests and the buttons: puts back the place @path (NULL: the whole
 * fiche) as it was in revision @number. FALSE (and a toast) if it could
 * not, or if nothing changed. */
gboolean           rtes_history_dialog_restore    (RtesHistoryDialog *self,
                                                   guint              number,
                                                   const char        *path);
/* Opens a read-only window on the fiche as it was in revision @number;
 * NULL (and a toast) if it cannot be read. */
GtkWindow         *rtes_history_dialog_view       (RtesHistoryDialog *self,
                                                   guint              number);
/* Shows @message, plain text, as a toast on @overlay (the Deleted Fiches
 * dialog's too). */
void               rtes_history_dialog_toast      (AdwToastOverlay   *overlay,
                                                   const char        *message);

G_END_DECLS
