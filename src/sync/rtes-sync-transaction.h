/* rtes-sync-transaction.h: a set of file writes that happen all or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rtes-library-dir.h"

G_BEGIN_DECLS

typedef struct _RtesSyncTransaction RtesSyncTransaction;

/* A transaction on files of the library @root. Paths are relative to it,
 * and only those rtes_commit_journal_path_is_allowed() accepts: the fiche
 * files, .rtes-fiches/sync/state.json and .rtes-fiches/sync/bases/. */
RtesSyncTransaction *rtes_sync_transaction_new    (RtesLibraryDir      *root);
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

/* Settles the journal of an earlier commit cut short (see
 * rtes_commit_journal_settle()), then reads what every file holds now,
 * without following links (a link on the way fails the commit before
 * anything is written), writes the journal (RTES_COMMIT_JOURNAL_PATH),
 * then writes each file atomically, skipping those whose contents would
 * not change, and removes the journal. If any write fails, the files
 * already written get their old contents back (or are removed if they did
 * not exist) and the error names the file. */
gboolean             rtes_sync_transaction_commit (RtesSyncTransaction *self,
                                                   GError             **error);

G_END_DECLS
