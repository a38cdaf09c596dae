/* rtes-deleted-dialog.h: the library's deleted fiches, to bring back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rtes-library.h"

G_BEGIN_DECLS

#define RTES_TYPE_DELETED_DIALOG (rtes_deleted_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RtesDeletedDialog, rtes_deleted_dialog, RTES, DELETED_DIALOG, AdwWindow)

/* The fiches whose last revision in the library's history is a deletion
 * ("Fiches supprimées"), latest first. */
RtesDeletedDialog *rtes_deleted_dialog_new        (GtkWindow         *parent,
                                                   RtesLibrary       *library);
guint              rtes_deleted_dialog_get_n_fiches (RtesDeletedDialog *self);
/* Writes fiche @id back as it was before its deletion (origin
 * "restore"); its history goes on. FALSE (and a toast) on failure. */
gboolean           rtes_deleted_dialog_restore    (RtesDeletedDialog *self,
                                                   const char        *id);

G_END_DECLS
