/* rtes-library-index.h: what a library knows of its fiche files without opening them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rtes-fiche.h"
#include "rtes-fiche-summary.h"
#include "rtes-library-dir.h"

G_BEGIN_DECLS

#define RTES_TYPE_LIBRARY_INDEX (rtes_library_index_get_type ())
G_DECLARE_FINAL_TYPE (RtesLibraryIndex, rtes_library_index, RTES, LIBRARY_INDEX, GObject)

/* The index's file, relative to the library (beside it SQLite keeps
 * "-wal" and "-shm" files). A cache: deleting it loses nothing. */
#define RTES_LIBRARY_INDEX_FILE ".rtes-fiches/index.sqlite"

/* What the index's rows hold; an index of another version is rebuilt. */
#define RTES_LIBRARY_INDEX_VERSION 2

typedef enum {
  RTES_LIBRARY_INDEX_LIST_NONE        = 0,
  /* Also the folded search texts (the bulk of the index). */
  RTES_LIBRARY_INDEX_LIST_SEARCH_TEXT = 1 << 0,
  /* Only what "list" prints: id, name, status, kind, région, date (the
   * other members of the summaries the index had are left empty). */
  RTES_LIBRARY_INDEX_LIST_BRIEF       = 1 << 1,
} RtesLibraryIndexListFlags;

/* One fiche file of a library as the index lists it. */
typedef struct {
  char             *id;
  /* The file loads: its summary (the index's, or made from the file just
   * read), or, when there is no index to keep the summary in, the fiche
   * itself as read. */
  RtesFicheSummary *summary;
  RtesFiche        *fiche;      /* or the broken fiche, when it does not load */
} RtesIndexedFile;

/* Opens the index of the library @dir; a damaged one, one of another
 * version or one that is a link is removed and made again. A folder
 * without a .rtes-fiches gets none unless @may_claim, and then only once
 * there is a fiche to index: a command that only reads never makes a
 * folder a library, nor writes in one that is not. NULL (with a debug
 * message) when there can be none: no .rtes-fiches and not @may_claim,
 * a .rtes-fiches that is a link or not a folder, a library that cannot be
 * read. Without an index the library reads every file. */
RtesLibraryIndex *rtes_library_index_open    (RtesLibraryDir             *dir,
                                              gboolean                    may_claim);

/* Every fiche file of @dir (RtesIndexedFile*, sorted by id), as the files
 * say now: a file whose size, times or inode differ from what the index
 * recorded, or that it does not know, is read and indexed again; the
 * index forgets files that are gone. @self may be NULL: then every file
 * is read. Fails only when the folder cannot be listed. Safe with other
 * processes using the same index (each writes only what it read). */
GPtrArray        *rtes_library_index_list    (RtesLibraryIndex           *self,
                                              RtesLibraryDir             *dir,
                                              RtesLibraryIndexListFlags   flags,
                                              GError                    **error);

/* Records that the file of @fiche (loaded) holds exactly @fiche, as of
 * @key (rtes_library_dir_write_keyed()): what was just written or read
 * need not be read again. */
void              rtes_library_index_put     (RtesLibraryIndex           *self,
                                              const RtesFileKey          *key,
                                              RtesFiche                  *fiche);
/* Forgets the file of @id (deleted, renamed or no longer loading). */
void              rtes_library_index_remove  (RtesLibraryIndex           *self,
                                              const char                 *id);

/* Files read by the last rtes_library_index_list(), for tests and
 * benchmarks: those the index could not vouch for. */
guint             rtes_library_index_get_n_read (RtesLibraryIndex        *self);

G_END_DECLS
