/* rtes-sync-transaction.h: a set of file writes that happen all or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _RtesSyncTransaction RtesSyncTransaction;

RtesSyncTransaction *rtes_sync_transaction_new    (void);
void                 rtes_sync_transaction_free   (RtesSyncTransaction *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RtesSyncTransaction, rtes_sync_transaction_free)

/* Plans writing @contents to @path (creating its folder if needed). A later
 * write to the same path replaces the earlier one. Files are written in the
 * order they were first added. */
void                 rtes_sync_transaction_write  (RtesSyncTransaction *self,
                                                   const char          *path,
                                                   GBytes              *contents);
/* Like rtes_sync_transaction_write(), but the commit fails (changing
 * nothing) unless the file still holds @expected (NULL: does not exist).
 * That catches a fiche saved by someone else while the sync ran. */
void                 rtes_sync_transaction_replace (RtesSyncTransaction *self,
                                                    const char          *path,
                                                    GBytes              *contents,
                                                    GBytes              *expected);
guint                rtes_sync_transaction_get_n_writes (RtesSyncTransaction *self);

/* Reads what every file holds now, then writes each one atomically
 * (rtes_atomic_write), skipping those whose contents would not change. If
 * any write fails, the files already written get their old contents back
 * (or are removed if they did not exist) and the error names the file. */
gboolean             rtes_sync_transaction_commit (RtesSyncTransaction *self,
                                                   GError             **error);

G_END_DECLS
