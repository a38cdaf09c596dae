/* rtes-library-dir.h: reading and writing inside a library, never through a link
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file the application writes or deletes in a library goes through
 * an RtesLibraryDir: the library folder opened once, then each path
 * resolved below it one component at a time without following links.
 *
 *   g_autoptr(RtesLibraryDir) dir = rtes_library_dir_open (path, FALSE, &error);
 *   rtes_library_dir_write (dir, ".rtes-fiches/recovery/dijon.json", data, len, &error);
 *   rtes_library_dir_delete (dir, ".rtes-fiches/recovery/dijon.json", &error);
 *
 * Paths are relative to the library, with "/" between components, and no
 * empty, "." or ".." component. A component that is a symbolic link (a
 * folder such as .rtes-fiches, or the file itself) is refused with
 * RTES_LIBRARY_ERROR_UNSAFE_PATH naming it; system failures are G_IO_ERROR.
 * An RtesLibraryDir never changes once open: share it between threads.
 */
#pragma once

#include <gio/gio.h>

#include "rtes-atomic-file.h"

G_BEGIN_DECLS

typedef struct _RtesLibraryDir RtesLibraryDir;

#define RTES_LIBRARY_ERROR (rtes_library_error_quark ())

typedef enum {
  RTES_LIBRARY_ERROR_NOT_FOUND,   /* no fiche with that id */
  RTES_LIBRARY_ERROR_EXISTS,      /* a fiche with that id already exists */
  RTES_LIBRARY_ERROR_INVALID_ID,  /* not a slug: never used as a path */
  RTES_LIBRARY_ERROR_BROKEN,      /* the fiche's file could not be loaded */
  RTES_LIBRARY_ERROR_IO,
  RTES_LIBRARY_ERROR_NO_FOLDER,   /* the library folder does not exist */
  RTES_LIBRARY_ERROR_UNSAFE_PATH, /* a link (or not a folder) inside the library */
  RTES_LIBRARY_ERROR_JOURNAL,     /* a leftover sync journal could not be settled */
} RtesLibraryError;

/* Name of the application's bookkeeping folder inside a library. */
#define RTES_LIBRARY_STATE_DIR ".rtes-fiches"

GQuark          rtes_library_error_quark   (void);

/* A temporary file of a save is a left-over once it is this old (seconds)
 * and no running save holds its lock. */
#define RTES_LIBRARY_DIR_TEMPORARY_AGE 10

/* Opens the library folder @path. The folder itself may be reached through
 * links (it is the person's choice); nothing below it is. With @create a
 * missing folder is created (with its parents), otherwise a missing folder
 * is RTES_LIBRARY_ERROR_NO_FOLDER. */
RtesLibraryDir *rtes_library_dir_open      (const char      *path,
                                            gboolean         create,
                                            GError         **error);
RtesLibraryDir *rtes_library_dir_ref       (RtesLibraryDir  *self);
void            rtes_library_dir_unref     (RtesLibraryDir  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RtesLibraryDir, rtes_library_dir_unref)

/* The path given to rtes_library_dir_open(), for messages. */
const char     *rtes_library_dir_get_path  (RtesLibraryDir  *self);
/* "<path>/<relative>", for messages. */
char           *rtes_library_dir_display   (RtesLibraryDir  *self,
                                            const char      *relative);

/* TRUE if @relative is a path this module accepts (see above). */
gboolean        rtes_library_dir_path_is_valid (const char  *relative);

/* Checks that no existing component of @relative is a link or, but for
 * the last, anything other than a folder. Missing components are fine. */
gboolean        rtes_library_dir_check     (RtesLibraryDir  *self,
                                            const char      *relative,
                                            GError         **error);
/* Creates the folder @relative and its missing parents (mode 0755). */
gboolean        rtes_library_dir_make_dirs (RtesLibraryDir  *self,
                                            const char      *relative,
                                            GError         **error);

/* The bytes of the regular file @relative, at most @max_size of them.
 * A missing file is G_IO_ERROR_NOT_FOUND; a link, a FIFO or a device is
 * RTES_LIBRARY_ERROR_UNSAFE_PATH (and is not opened for long enough to
 * block); a larger file is G_IO_ERROR_MESSAGE_TOO_LARGE. */
GBytes         *rtes_library_dir_read      (RtesLibraryDir  *self,
                                            const char      *relative,
                                            gsize            max_size,
                                            GError         **error);
/* The file @name at the library's top (a fiche file) as
 * rtes_safe_file_read_at_keyed() reads it, with the key it had. */
GBytes         *rtes_library_dir_read_keyed (RtesLibraryDir  *self,
                                             const char      *name,
                                             gsize            max_size,
                                             RtesFileKey     *key,
                                             GError         **error);
/* The key the file @name at the library's top has now, looked at without
 * following a link; FALSE when it is missing or not a regular file. */
gboolean        rtes_library_dir_get_key   (RtesLibraryDir  *self,
                                            const char      *name,
                                            RtesFileKey     *key);
/* The names in the folder @relative (NULL: the library itself), sorted,
 * without "." and "..": whatever they are, links included, for the
 * caller to read through this module. A missing folder has none (an empty
 * list); a link or a file in its place is RTES_LIBRARY_ERROR_UNSAFE_PATH. */
GStrv           rtes_library_dir_list      (RtesLibraryDir  *self,
                                            const char      *relative,
                                            GError         **error);
/* The ids of the fiche files ("<id>.json") in the library, sorted. */
GStrv           rtes_library_dir_list_ids  (RtesLibraryDir  *self,
                                            GError         **error);
/* When @relative was last modified (microseconds since 1970), looked at
 * without following a link. A missing file is G_IO_ERROR_NOT_FOUND. */
gboolean        rtes_library_dir_get_mtime (RtesLibraryDir  *self,
                                            const char      *relative,
                                            gint64          *mtime_usec,
                                            GError         **error);
/* Replaces @relative atomically (rtes_atomic_write_at()), creating its
 * folders. A link in its place is refused, never replaced by a copy. */
gboolean        rtes_library_dir_write     (RtesLibraryDir  *self,
                                            const char      *relative,
                                            const char      *data,
                                            gsize            length,
                                            GError         **error);
/* The same with rtes_atomic_write_at()'s @flags: a caller writing many
 * files defers flushing their folder, then calls
 * rtes_library_dir_sync_folder() once. */
gboolean        rtes_library_dir_write_full (RtesLibraryDir       *self,
                                             const char           *relative,
                                             const char           *data,
                                             gsize                 length,
                                             RtesAtomicWriteFlags  flags,
                                             GError              **error);
/* The same, giving the key of the file written (see
 * rtes_atomic_write_at_keyed()). */
gboolean        rtes_library_dir_write_keyed (RtesLibraryDir       *self,
                                              const char           *relative,
                                              const char           *data,
                                              gsize                 length,
                                              RtesAtomicWriteFlags  flags,
                                              RtesFileKey          *key,
                                              GError              **error);
/* A batch of replacements of files in the folder @folder (NULL: the
 * library's top, where the fiches are; made if missing), written with one
 * flush for all (rtes_atomic_batch_commit()). Add files with
 * rtes_library_dir_batch_add(), giving the same @folder, which refuses a
 * link as the writes above do. */
RtesAtomicBatch *rtes_library_dir_batch_new  (RtesLibraryDir   *self,
                                              const char       *folder,
                                              GError          **error);
gboolean        rtes_library_dir_batch_add   (RtesLibraryDir   *self,
                                              RtesAtomicBatch  *batch,
                                              const char       *folder,
                                              const char       *name,
                                              const char       *data,
                                              gsize             length,
                                              GError          **error);
/* Flushes the folder @relative (NULL: the library itself) to disk, so
 * that the renames made in it survive a power cut. */
gboolean        rtes_library_dir_sync_folder (RtesLibraryDir  *self,
                                              const char      *relative,
                                              GError         **error);
/* Removes @relative (a link is removed, not what it points to). TRUE
 * when it did not exist. */
gboolean        rtes_library_dir_delete    (RtesLibraryDir  *self,
                                            const char      *relative,
                                            GError         **error);
/* Renames @from to @to, both inside the library; @to's folders are
 * created, and an existing @to is G_IO_ERROR_EXISTS. */
gboolean        rtes_library_dir_move      (RtesLibraryDir  *self,
                                            const char      *from,
                                            const char      *to,
                                            GError         **error);

/* TRUE for "<id>.json.XXXXXX" (six letters or digits): the temporary file
 * of a save of a fiche, a base copy, the sync state or its journal. */
gboolean        rtes_library_dir_is_temporary_name (const char *name);
/* Removes the left-over temporary files of saves from the folder
 * @relative (NULL: the library itself): names that match exactly, regular
 * files, older than RTES_LIBRARY_DIR_TEMPORARY_AGE, whose lock no running
 * save holds. A missing or linked folder is skipped. Returns how many. */
guint           rtes_library_dir_remove_temporaries (RtesLibraryDir *self,
                                                     const char     *relative);

G_END_DECLS
