/* rtes-journal.h: the recovery journal of unsaved edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-library.h"

G_BEGIN_DECLS

/* Name of the folder under <library>/.rtes-fiches/ that holds journals. */
#define RTES_JOURNAL_DIR "recovery"

/* A journal is never this large; a larger file is not read. */
#define RTES_JOURNAL_MAX_SIZE (16 * 1024 * 1024)
/* Texts typed but not stored yet: at most this many, this long each. */
#define RTES_JOURNAL_MAX_PENDING        256
#define RTES_JOURNAL_MAX_PENDING_LENGTH 4096

#define RTES_TYPE_JOURNAL (rtes_journal_get_type ())
G_DECLARE_FINAL_TYPE (RtesJournal, rtes_journal, RTES, JOURNAL, GObject)

/* A journal read back: the fiche as it was when the journal was written,
 * and what had been typed into fields that could not store it yet
 * (member path → text). Its path is the full one, for messages. */
RtesFiche    *rtes_journal_get_fiche        (RtesJournal  *self);
const char   *rtes_journal_get_id           (RtesJournal  *self);
GHashTable   *rtes_journal_get_pending      (RtesJournal  *self);

/* Reads the journal of @id in the library @dir. Untrusted bytes: read
 * through @dir (no link followed, no FIFO, bounded), strict, the fiche
 * read by the fiche reader, the id checked against the name. */
RtesJournal  *rtes_journal_read             (RtesLibraryDir  *dir,
                                             const char      *id,
                                             GError         **error);

/* The bytes of a journal of @fiche; @pending may be NULL. */
char         *rtes_journal_serialize        (RtesFiche       *fiche,
                                             GHashTable      *pending,
                                             gsize           *length);

/* Replaces the journal of @id in @dir by @data: through RtesLibraryDir
 * (its folders made, no link followed or replaced), a temporary file
 * renamed over it. Not flushed to disk (RTES_ATOMIC_WRITE_NO_FLUSH): the
 * journal guards against a killed or crashed process, which the page
 * cache survives; a power cut is what saving is for. Thread-safe. */
gboolean      rtes_journal_write            (RtesLibraryDir  *dir,
                                             const char      *id,
                                             const char      *data,
                                             gsize            length,
                                             GError         **error);
/* Removes the journal of @id from @dir, never through a link. TRUE when
 * there was none. */
gboolean      rtes_journal_remove           (RtesLibraryDir  *dir,
                                             const char      *id,
                                             GError         **error);

/* Every journal of the library @dir that holds something the fiche's
 * file does not: journals newer than their file and different from it,
 * or holding typed text, and journals of fiches whose file is gone.
 * Journals equal to their file are stale and removed; older ones are left
 * for a person to look at. A linked .rtes-fiches or recovery folder has
 * none (nothing is read or removed through it). Blocking: call from a
 * thread. */
GPtrArray    *rtes_journal_scan             (RtesLibraryDir  *dir);

G_END_DECLS
G_END_DECLS
