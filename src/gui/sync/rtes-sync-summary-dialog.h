/* rtes-sync-summary-dialog.h: what the last sync did, fiche by fiche
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Details of the sync's toast: the summary's sentence, then the
 * fiches by name, grouped by what happened to them (conflicts to settle,
 * not synced, not published and why, new, updated, merged, published, no
 * longer on the site). The site's words are shown as they are, never as
 * markup.
 *
 *   dialog = rtes_sync_summary_dialog_new (GTK_WINDOW (self), summary, NULL);
 *   gtk_window_present (GTK_WINDOW (dialog));
 */
#pragma once

#include <adwaita.h>

#include "rtes-sync-summary.h"

G_BEGIN_DECLS

#define RTES_TYPE_SYNC_SUMMARY_DIALOG (rtes_sync_summary_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RtesSyncSummaryDialog, rtes_sync_summary_dialog, RTES, SYNC_SUMMARY_DIALOG, AdwWindow)

/* @summary is copied. @others (nullable): lines about no fiche in
 * particular (what the window could not do with the sync's files). */
RtesSyncSummaryDialog *rtes_sync_summary_dialog_new (GtkWindow             *parent,
                                                     const RtesSyncSummary *summary,
                                                     GPtrArray             *others);

G_END_DECLS
