/* rtes-import-private.h: what the import's own files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Every file an import writes (fiches, bases, the conflict record) goes
 * through this one function: atomically (rtes_atomic_write()), creating
 * the folders of the import's records on the way. @path is always inside
 * the library; the caller built it from a checked id. */
gboolean  rtes_import_write_file (const char  *path,
                                  const char  *data,
                                  gsize        length,
                                  GError     **error);

/* Reads a file the import wrote, refusing one larger than @max_size.
 * NULL with G_FILE_ERROR_NOENT when it does not exist. */
char     *rtes_import_read_file  (const char  *path,
                                  gsize        max_size,
                                  gsize       *length,
                                  GError     **error);

G_END_DECLS
