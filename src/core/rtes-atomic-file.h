/* rtes-atomic-file.h: replacing a file so that it is never half-written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes @data to a temporary file beside @path, flushes it to disk, then
 * renames it over @path. Any failure removes the temporary file and leaves
 * @path as it was. Errors are G_IO_ERROR and name @path. */
gboolean rtes_atomic_write (const char  *path,
                            const char  *data,
                            gsize        length,
                            GError     **error);

G_END_DECLS
