/* rtes-import-private.h: what the import's own files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rtes-import-store.h"
#include "rtes-library-dir.h"

G_BEGIN_DECLS

/* Every file an import writes (fiches, bases, the conflict record) goes
 * through this one function: inside the library @dir, never through a
 * link (rtes_library_dir_write_full()), atomically, creating the folders
 * of the import's records on the way. @relative was built from a checked
 * id. Many writes in a row pass RTES_ATOMIC_WRITE_DEFER_FOLDER_SYNC and
 * flush their folder once (rtes_library_dir_sync_folder()). */
gboolean  rtes_import_write_file (RtesLibraryDir        *dir,
                                  const char            *relative,
                                  const char            *data,
                                  gsize                  length,
                                  RtesAtomicWriteFlags   flags,
                                  GError               **error);

/* Reads a file of the library @dir as every library file is read (no
 * link, no FIFO), refusing one larger than @max_size. NULL with
 * G_IO_ERROR_NOT_FOUND when it does not exist. */
char     *rtes_import_read_file  (RtesLibraryDir  *dir,
                                  const char      *relative,
                                  gsize            max_size,
                                  gsize           *length,
                                  GError         **error);

/* The library folder the store (and the plan made with it) reads and
 * writes in. */
RtesLibraryDir *rtes_import_store_get_library_dir (RtesImportStore *self);

G_END_DECLS
