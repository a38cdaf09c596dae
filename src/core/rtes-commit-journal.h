/* rtes-commit-journal.h: undoing a commit of several files cut short by a crash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rtes-library-dir.h"

G_BEGIN_DECLS

/* Where the journal of a commit under way lives, inside the library. */
#define RTES_COMMIT_JOURNAL_PATH ".rtes-fiches/sync/journal.json"
#define RTES_COMMIT_JOURNAL_FORMAT "rtes-sync-journal"
#define RTES_COMMIT_JOURNAL_VERSION 2

/**
 * RtesCommitJournalEntry:
 * @path: the file, relative to the library
 * @old: what it held before the commit, NULL if it did not exist
 * @written: what the commit writes into it
 */
typedef struct {
  const char *path;
  GBytes     *old;
  GBytes     *written;
} RtesCommitJournalEntry;

/* TRUE for the only files a commit may touch, and so the only ones a
 * journal may name: "<id>.json", ".rtes-fiches/sync/state.json" and
 * ".rtes-fiches/sync/bases/<id>.json". */
gboolean rtes_commit_journal_path_is_allowed (const char *relative);

/* Writes the journal: for each file, its old contents and a SHA-256 of
 * what the commit writes. Written before the first file is replaced. */
gboolean rtes_commit_journal_write   (RtesLibraryDir                *dir,
                                      const RtesCommitJournalEntry  *entries,
                                      guint                          n_entries,
                                      GError                       **error);
/* Removes it, after the last file. */
gboolean rtes_commit_journal_remove  (RtesLibraryDir                *dir,
                                      GError                       **error);

/* If a journal is there, a commit was interrupted: every file that still
 * holds exactly what that commit wrote gets its old contents back (or is
 * removed if it did not exist); a file changed since (an edit saved after
 * the crash) is left as it is. Then the journal is removed. The journal is
 * untrusted input: it is read without following links, every entry is
 * checked (path in the list above, contents well formed) before any file
 * is touched, and every file is reached through @dir.
 * @restored (optional) receives the paths put back. TRUE when there was no
 * journal or it is settled; RTES_LIBRARY_ERROR_UNSAFE_PATH when
 * .rtes-fiches or its sync folder is a link, RTES_LIBRARY_ERROR_JOURNAL
 * otherwise. */
gboolean rtes_commit_journal_settle  (RtesLibraryDir                *dir,
                                      GPtrArray                    **restored,
                                      GError                       **error);

G_END_DECLS
