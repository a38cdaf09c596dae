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

/* Keeps a journal at @journal_path during the commit: the old contents of
 * every file, written before the first file is replaced and removed after
 * the last, so that rtes_sync_transaction_recover() can undo a commit cut
 * short by a crash. File paths must be inside @root; the journal names
 * them relative to it. */
void                 rtes_sync_transaction_set_journal (RtesSyncTransaction *self,
                                                        const char          *root,
                                                        const char          *journal_path);

/* If @journal_path exists, a commit was interrupted: puts every file it
 * names (relative to @root) back as it was, then removes the journal.
 * TRUE when there was nothing to do or everything was put back. */
gboolean             rtes_sync_transaction_recover (const char  *root,
                                                    const char  *journal_path,
                                                    GError     **error);

/* Reads what every file holds now, then writes each one atomically
 * (rtes_atomic_write), skipping those whose contents would not change. If
 * any write fails, the files already written get their old contents back
 * (or are removed if they did not exist) and the error names the file. */
gboolean             rtes_sync_transaction_commit (RtesSyncTransaction *self,
                                                   GError             **error);

G_END_DECLS
