/* rtes-safe-file.h: reading a file inside a folder, bounded, links not followed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The one walk of a path below a folder, shared by every reader and
 * writer of a library (rtes_safe_dir_open(), RtesLibraryDir): starting
 * from the open folder @dir_fd, opens the first @n components of @parts
 * one at a time with openat(O_NOFOLLOW), each relative to the one before,
 * so that no link is followed and no later lookup by name can be
 * redirected. With @create, missing folders are made (mode 0755).
 *
 * Returns the descriptor of the folder reached (a new one even for
 * @n == 0; close it with close()), or -1 with *@failed set to the index
 * of the component that could not be opened and *@failed_errno to why:
 * ELOOP for a symbolic link, ENOTDIR for something that is not a folder,
 * ENOENT for a missing one (only without @create), another errno for the
 * rest; *@failed is G_MAXUINT when @dir_fd itself could not be opened
 * again. The components are not checked here: callers refuse "", "." and
 * ".." first. Messages are the callers'. */
int     rtes_safe_dir_walk     (int                  dir_fd,
                                const char * const  *parts,
                                guint                n,
                                gboolean             create,
                                guint               *failed,
                                int                 *failed_errno);

/* Opens the folder @relative inside @root (NULL or "" for @root itself)
 * and returns its descriptor (close it with close()), or -1 with @error
 * set. @root is the folder a person chose and is opened as named; below
 * it no component may be a symbolic link (G_IO_ERROR_TOO_MANY_LINKS).
 * Used with openat() and friends, it keeps reads and writes inside
 * @root whatever is renamed or linked meanwhile. */
int     rtes_safe_dir_open     (const char  *root,
                                const char  *relative,
                                GError     **error);

/* Reads the file @name (one component) in the folder @dir_fd:
 *  - never through a symbolic link (G_IO_ERROR_TOO_MANY_LINKS),
 *  - never blocking on a FIFO, never reading a device or a folder: only
 *    a regular file (G_IO_ERROR_NOT_REGULAR_FILE, G_IO_ERROR_IS_DIRECTORY),
 *  - never more than @max_size bytes: a larger file is refused before
 *    its contents are read (G_IO_ERROR_MESSAGE_TOO_LARGE).
 * A missing file is G_IO_ERROR_NOT_FOUND. Messages name @display (the
 * path a person knows) and never quote the file's contents. The bytes
 * returned are followed by a NUL that their size does not count. */
GBytes *rtes_safe_file_read_at (int          dir_fd,
                                const char  *name,
                                const char  *display,
                                gsize        max_size,
                                GError     **error);

/* What tells one version of a file from another without reading it: a
 * file changed by git, an editor or another process (even to the same
 * size) gets a new mtime or ctime, a file replaced by a rename a new
 * inode. Times in nanoseconds. */
typedef struct {
  guint64 size;
  gint64  mtime_ns;
  gint64  ctime_ns;
  guint64 inode;
  guint64 device;
} RtesFileKey;

struct stat;
void     rtes_file_key_from_stat (RtesFileKey       *key,
                                  const struct stat *st);
gboolean rtes_file_key_equal     (const RtesFileKey *a,
                                  const RtesFileKey *b);

/* A key alone cannot tell two versions written within one tick of the
 * file system's clock apart (a few milliseconds on Linux, a second or two
 * on some file systems): same size, same times, same inode. As git does
 * with its own index, whoever remembers a key to skip reading the file
 * next time remembers only a settled one: a file left alone for
 * RTES_FILE_KEY_SETTLE_MS before @since (real time, µs, taken before the
 * file was looked at), so that any later change must show in its ctime,
 * which no program can set back. */
#define RTES_FILE_KEY_SETTLE_MS 2000
gboolean rtes_file_key_is_settled (const RtesFileKey *key,
                                   gint64             since);
/* For tests only: another settle time (0: every key is settled). */
void     rtes_file_key_set_settle_time (guint ms);

/* rtes_safe_file_read_at() that also gives the key of the file it read,
 * taken from the open file before reading it: a change made while it is
 * read gives the file a newer key than the one returned, never the other
 * way round. */
GBytes *rtes_safe_file_read_at_keyed (int           dir_fd,
                                      const char   *name,
                                      const char   *display,
                                      gsize         max_size,
                                      RtesFileKey  *key,
                                      GError      **error);

/* The same for @relative ("a.json", ".rtes-fiches/sync/state.json")
 * inside @root, no component below @root being a link. */
GBytes *rtes_safe_file_read    (const char  *root,
                                const char  *relative,
                                gsize        max_size,
                                GError     **error);

/* The same for a path: its folder is opened as named (a person gave it),
 * its last component must be a regular file. */
GBytes *rtes_safe_file_read_path (const char  *path,
                                  gsize        max_size,
                                  GError     **error);

/* A file a person named (on the command line, in a file chooser), which
 * is not in a library: links are followed, as they asked, but it must be
 * a regular file (never a FIFO waited for, never a device read), no
 * larger than @max_size, with the same errors as above. */
GBytes *rtes_safe_file_read_named (const char  *path,
                                   gsize        max_size,
                                   GError     **error);

G_END_DECLS
