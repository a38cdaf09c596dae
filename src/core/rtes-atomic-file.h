/* rtes-atomic-file.h: replacing a file so that it is never half-written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rtes-safe-file.h"

G_BEGIN_DECLS

/* Writes @data to a temporary file beside @path, flushes it to disk,
 * renames it over @path, then flushes the folder so that the rename itself
 * survives a power cut. Any failure removes the temporary file and leaves
 * @path as it was. A symbolic link (or anything but a regular file) at
 * @path is never replaced: G_IO_ERROR_NOT_REGULAR_FILE. Errors are
 * G_IO_ERROR and name @path. */
gboolean rtes_atomic_write    (const char  *path,
                               const char  *data,
                               gsize        length,
                               GError     **error);

typedef enum {
  RTES_ATOMIC_WRITE_NONE              = 0,
  /* Do not flush the folder after the rename: the caller writes many
   * files in it and flushes it once, before it relies on the renames
   * having reached the disk (a journal removed, say). */
  RTES_ATOMIC_WRITE_DEFER_FOLDER_SYNC = 1 << 0,
  /* Flush neither the file nor the folder: for a file that only guards
   * against a killed or crashed process, which the page cache survives
   * (the recovery journal of unsaved edits, written every few tens of
   * milliseconds while a person types). Still a temporary file renamed
   * over the target: never half-written. */
  RTES_ATOMIC_WRITE_NO_FLUSH          = 1 << 1,
} RtesAtomicWriteFlags;

/* The same for the file @name in the open folder @dir_fd, which is how the
 * library writes without following links (see rtes-library-dir.h).
 * @display is the path messages name. The temporary file
 * "<name>.XXXXXX" (six letters or digits) is created with O_EXCL and
 * holds an exclusive flock() until it is renamed: a cleaner that can take
 * the lock knows no running save owns it. */
gboolean rtes_atomic_write_at (int                    dir_fd,
                               const char            *name,
                               const char            *display,
                               const char            *data,
                               gsize                  length,
                               RtesAtomicWriteFlags   flags,
                               GError               **error);

/* rtes_atomic_write_at() that also gives the key of the file it wrote
 * (rtes-safe-file.h), taken from the open file once renamed into place:
 * what an index records for content it knows without reading it. */
gboolean rtes_atomic_write_at_keyed (int                    dir_fd,
                                     const char            *name,
                                     const char            *display,
                                     const char            *data,
                                     gsize                  length,
                                     RtesAtomicWriteFlags   flags,
                                     RtesFileKey           *key,
                                     GError               **error);

/* A file replaced the same way but written piece by piece, for output
 * too large to hold in memory (a PDF of thousands of pages): the pieces
 * go to the locked temporary file beside @path as they come, and commit
 * flushes it, renames it over @path and flushes the folder. Until the
 * commit @path is as it was; rtes_atomic_stream_free() without a commit
 * removes the temporary file. The folder may be reached through links,
 * as with rtes_atomic_write(); a link at @path itself is refused. */
typedef struct _RtesAtomicStream RtesAtomicStream;

RtesAtomicStream *rtes_atomic_stream_new    (const char        *path,
                                             GError           **error);
/* The first failure is kept: later writes do nothing and return FALSE,
 * and commit reports it. */
gboolean          rtes_atomic_stream_write  (RtesAtomicStream  *self,
                                             const void        *data,
                                             gsize              length,
                                             GError           **error);
gboolean          rtes_atomic_stream_commit (RtesAtomicStream  *self,
                                             GError           **error);
void              rtes_atomic_stream_free   (RtesAtomicStream  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RtesAtomicStream, rtes_atomic_stream_free)

/* Many files replaced in one folder for the price of one flush: each is
 * written to its locked temporary file (no flush), then commit flushes
 * the file system once (syncfs(); one fsync() per file where it is not
 * supported), renames each temporary file over its target, and flushes
 * the folder once. As durable as rtes_atomic_write_at() for each file,
 * and every target stays as it was until the commit. The import writes
 * thousands of fiches this way (docs/performance.md). Files left pending
 * (not committed) are removed by rtes_atomic_batch_free(). */
typedef struct _RtesAtomicBatch RtesAtomicBatch;

/* @dir_fd is duplicated: the batch has its own. */
RtesAtomicBatch *rtes_atomic_batch_new          (int               dir_fd);
/* Writes @name's new contents to its temporary file; @display names it
 * in messages. A link or anything but a regular file at @name is
 * refused, as by rtes_atomic_write_at(). */
gboolean         rtes_atomic_batch_add          (RtesAtomicBatch  *self,
                                                 const char       *name,
                                                 const char       *display,
                                                 const char       *data,
                                                 gsize             length,
                                                 GError          **error);
guint            rtes_atomic_batch_get_n_pending (RtesAtomicBatch *self);
int              rtes_atomic_batch_get_dir_fd   (RtesAtomicBatch  *self);
/* Flushes, renames and flushes the folder, as above; the batch is empty
 * again after it, whether it succeeded or not. On failure the files
 * renamed before the one that failed are in place (@n_renamed says how
 * many, in the order they were added) and the others are as they were. */
gboolean         rtes_atomic_batch_commit       (RtesAtomicBatch  *self,
                                                 guint            *n_renamed,
                                                 GError          **error);
void             rtes_atomic_batch_free         (RtesAtomicBatch  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RtesAtomicBatch, rtes_atomic_batch_free)

G_END_DECLS
