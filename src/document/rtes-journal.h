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
 * (member path → text). */
RtesFiche    *rtes_journal_get_fiche        (RtesJournal  *self);
const char   *rtes_journal_get_id           (RtesJournal  *self);
const char   *rtes_journal_get_path         (RtesJournal  *self);
GHashTable   *rtes_journal_get_pending      (RtesJournal  *self);

/* Reads the journal at @path, whose name gives the fiche's id. Untrusted
 * bytes: bounded, strict, the fiche read by the fiche reader, the id
 * checked against the name. */
RtesJournal  *rtes_journal_read             (const char   *path,
                                             GError      **error);

/* <library>/.rtes-fiches/recovery/<id>.json, creating the folder. */
char         *rtes_journal_path_for         (RtesLibrary  *library,
                                             const char   *id,
                                             GError      **error);

/* The bytes of a journal of @fiche; @pending may be NULL. */
char         *rtes_journal_serialize        (RtesFiche    *fiche,
                                             GHashTable   *pending,
                                             gsize        *length);

/* Replaces the journal at @path by @data: a temporary file beside it,
 * renamed over it. No fsync: the journal guards against a killed or
 * crashed process, which the page cache survives; a power cut is what
 * saving is for. Thread-safe: only touches the files named. */
gboolean      rtes_journal_write            (const char   *path,
                                             const char   *data,
                                             gsize         length,
                                             GError      **error);
void          rtes_journal_remove           (const char   *path);

/* Every journal of @library_path that holds something the fiche's file
 * does not: journals newer than their file and different from it, or
 * holding typed text, and journals of fiches whose file is gone. Journals
 * equal to their file are stale and removed; older ones are left for a
 * person to look at. Blocking: call from a thread. */
GPtrArray    *rtes_journal_scan             (const char   *library_path);

G_END_DECLS
