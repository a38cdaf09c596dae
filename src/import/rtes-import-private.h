/* rtes-import-private.h: what the import's own files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rtes-import-store.h"
#include "rtes-library-dir.h"

G_BEGIN_DECLS

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
