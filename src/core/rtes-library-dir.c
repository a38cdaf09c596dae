/* rtes-library-dir.c: reading and writing inside a library, never through a link
 *
 * A library is a folder people share through git or a network folder, so
 * anything may be in it, including links: a .rtes-fiches that points at
 * another library, a bases/ folder that points at /etc, a fiche file that
 * points at a file elsewhere. Checking a path's text ("no ..") says
 * nothing about where it leads. So the library folder is opened once and
 * every path below it is walked one component at a time with openat() and
 * O_NOFOLLOW: a link anywhere is refused, and the write, rename or delete
 * then happens relative to the folder that was checked, with no second
 * lookup by name that a link swapped in meanwhile could redirect.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-library-dir.h"
#include "rtes-safe-file.h"
#include "rtes-text.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

struct _RtesLibraryDir
{
  gatomicrefcount ref_count;
  char *path;
  int fd;   /* the library folder, O_DIRECTORY */
};

G_DEFINE_QUARK (rtes-library-error-quark, rtes_library_error)

/* "<path>: <what is wrong>", translated: French puts a space before the
 * colon. */
static gboolean
path_error (GError    **error,
            GQuark      domain,
            int         code,
            const char *display,
            const char *what)
{
  /* Translators: "<file>: <what is wrong with it>" */
  g_set_error (error, domain, code, _("%s: %s"), display, what);
  return FALSE;
}

static gboolean
io_error (GError    **error,
          int         saved_errno,
          const char *display)
{
  return path_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), display,
                     g_strerror (saved_errno));
}

RtesLibraryDir *
rtes_library_dir_open (const char  *path,
                       gboolean     create,
                       GError     **error)
{
  RtesLibraryDir *self;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  if (create && g_mkdir_with_parents (path, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_IO,
                   _("%s: cannot create the library folder: %s"), path, g_strerror (saved_errno));
      return NULL;
    }
  fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        g_set_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_NO_FOLDER,
                     _("%s: there is no library here (the folder does not exist)"), path);
      else
        g_set_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_IO,
                     _("%s: cannot read the library folder: %s"), path, g_strerror (saved_errno));
      return NULL;
    }
  self = g_new0 (RtesLibraryDir, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->path = g_strdup (path);
  self->fd = fd;
  return self;
}

RtesLibraryDir *
rtes_library_dir_ref (RtesLibraryDir *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
rtes_library_dir_unref (RtesLibraryDir *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  close (self->fd);
  g_free (self->path);
  g_free (self);
}

const char *
rtes_library_dir_get_path (RtesLibraryDir *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

char *
rtes_library_dir_display (RtesLibraryDir *self,
                          const char     *relative)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (relative == NULL || relative[0] == '\0')
    return g_strdup (self->path);
  return g_build_filename (self->path, relative, NULL);
}

gboolean
rtes_library_dir_path_is_valid (const char *relative)
{
  const char *start;

  if (relative == NULL || relative[0] == '\0' || relative[0] == '/'
      || strlen (relative) >= 4096)
    return FALSE;
  start = relative;
  for (const char *p = relative;; p++)
    {
      if (*p == '/' || *p == '\0')
        {
          gsize n = p - start;

          if (n == 0 || n > 255 || (n == 1 && start[0] == '.')
              || (n == 2 && start[0] == '.' && start[1] == '.'))
            return FALSE;
          if (*p == '\0')
            return TRUE;
          start = p + 1;
        }
    }
}

static GStrv
split_path (const char  *relative,
            GError     **error)
{
  if (!rtes_library_dir_path_is_valid (relative))
    {
      g_set_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH,
                   _("“%s” is not a path inside the library"), relative ? relative : "");
      return NULL;
    }
  return g_strsplit (relative, "/", -1);
}

/* "<library>/a/b" for the first @n components of @parts. */
static char *
display_parts (RtesLibraryDir *self,
               GStrv           parts,
               guint           n)
{
  g_autofree char *joined = NULL;
  char *saved = parts[n];

  parts[n] = NULL;
  joined = g_strjoinv ("/", parts);
  parts[n] = saved;
  return rtes_library_dir_display (self, joined);
}

/* Says why component @i of @parts could not be opened as a folder
 * without following links (rtes_safe_dir_walk()'s @saved_errno). */
static void
refuse_component (RtesLibraryDir  *self,
                  GStrv            parts,
                  guint            i,
                  int              saved_errno,
                  GError         **error)
{
  g_autofree char *display = display_parts (self, parts, i + 1);

  if (saved_errno == ELOOP)
    g_set_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH,
                 _("%s: is a symbolic link; the library's files are never written or removed "
                   "through a link (replace it with a real folder)"), display);
  else if (saved_errno == ENOTDIR)
    g_set_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH,
                 _("%s: is not a folder"), display);
  else
    io_error (error, saved_errno, display);
}

/* Opens the folder made of the first @n components of @parts, walking from
 * the library folder without following links (rtes_safe_dir_walk(), the
 * one walk every reader and writer shares); creates missing ones with
 * @create. Returns -1 with *@missing (and no error) when a component does
 * not exist and @create is FALSE, or -1 with an error. */
static int
open_folder (RtesLibraryDir  *self,
             GStrv            parts,
             guint            n,
             gboolean         create,
             gboolean        *missing,
             GError         **error)
{
  guint failed;
  int saved_errno;
  int fd;

  *missing = FALSE;
  fd = rtes_safe_dir_walk (self->fd, (const char * const *) parts, n, create, &failed, &saved_errno);
  if (fd >= 0)
    return fd;
  if (failed == G_MAXUINT)
    io_error (error, saved_errno, self->path);
  else if (saved_errno == ENOENT && !create)
    *missing = TRUE;
  else
    refuse_component (self, parts, failed, saved_errno, error);
  return -1;
}

/* The folder holding the last component of @parts. */
static int
open_parent (RtesLibraryDir  *self,
             GStrv            parts,
             gboolean         create,
             gboolean        *missing,
             GError         **error)
{
  return open_folder (self, parts, g_strv_length (parts) - 1, create, missing, error);
}

static const char *
last_part (GStrv parts)
{
  return parts[g_strv_length (parts) - 1];
}

static gboolean
refuse_leaf (RtesLibraryDir  *self,
             const char      *relative,
             const char      *why,
             GError         **error)
{
  g_autofree char *display = rtes_library_dir_display (self, relative);

  return path_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH, display, why);
}

gboolean
rtes_library_dir_check (RtesLibraryDir  *self,
                        const char      *relative,
                        GError         **error)
{
  g_auto(GStrv) parts = split_path (relative, error);
  gboolean missing;
  struct stat st;
  int fd;

  if (parts == NULL)
    return FALSE;
  fd = open_parent (self, parts, FALSE, &missing, error);
  if (fd < 0)
    return missing;
  if (fstatat (fd, last_part (parts), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK (st.st_mode))
    {
      close (fd);
      return refuse_leaf (self, relative,
                          _("is a symbolic link; the library's files are never written or removed "
                            "through a link"), error);
    }
  close (fd);
  return TRUE;
}

gboolean
rtes_library_dir_make_dirs (RtesLibraryDir  *self,
                            const char      *relative,
                            GError         **error)
{
  g_auto(GStrv) parts = split_path (relative, error);
  gboolean missing;
  int fd;

  if (parts == NULL)
    return FALSE;
  fd = open_folder (self, parts, g_strv_length (parts), TRUE, &missing, error);
  if (fd < 0)
    return FALSE;
  close (fd);
  return TRUE;
}

GBytes *
rtes_library_dir_read (RtesLibraryDir  *self,
                       const char      *relative,
                       gsize            max_size,
                       GError         **error)
{
  g_auto(GStrv) parts = split_path (relative, error);
  g_autofree char *display = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean missing;
  GBytes *bytes;
  int dir_fd;

  if (parts == NULL)
    return NULL;
  display = rtes_library_dir_display (self, relative);
  dir_fd = open_parent (self, parts, FALSE, &missing, error);
  if (dir_fd < 0)
    {
      if (missing)
        path_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, display, g_strerror (ENOENT));
      return NULL;
    }
  /* The leaf as every reader of outside bytes reads it: never through a
   * link, never blocking on a FIFO, bounded (rtes-safe-file.h). */
  bytes = rtes_safe_file_read_at (dir_fd, last_part (parts), display, max_size, &local_error);
  close (dir_fd);
  if (bytes == NULL)
    {
      /* A link, a FIFO, a device or a folder where a file should be is an
       * unsafe path, as everywhere in a library. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS)
          || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE)
          || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        {
          local_error->domain = RTES_LIBRARY_ERROR;
          local_error->code = RTES_LIBRARY_ERROR_UNSAFE_PATH;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return bytes;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GBytes *
rtes_library_dir_read_keyed (RtesLibraryDir  *self,
                             const char      *name,
                             gsize            max_size,
                             RtesFileKey     *key,
                             GError         **error)
{
  g_autofree char *display = NULL;

  g_return_val_if_fail (self != NULL && name != NULL && key != NULL, NULL);
  g_return_val_if_fail (strchr (name, '/') == NULL, NULL);

  display = rtes_library_dir_display (self, name);
  return rtes_safe_file_read_at_keyed (self->fd, name, display, max_size, key, error);
}

gboolean
rtes_library_dir_get_key (RtesLibraryDir *self,
                          const char     *name,
                          RtesFileKey    *key)
{
  struct stat st;

  g_return_val_if_fail (self != NULL && name != NULL && key != NULL, FALSE);
  g_return_val_if_fail (strchr (name, '/') == NULL, FALSE);

  if (fstatat (self->fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG (st.st_mode))
    return FALSE;
  rtes_file_key_from_stat (key, &st);
  return TRUE;
}

GStrv
rtes_library_dir_list (RtesLibraryDir  *self,
                       const char      *relative,
                       GError         **error)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  struct dirent *entry;
  gboolean missing;
  DIR *dir;
  int fd;

  g_return_val_if_fail (self != NULL, NULL);
  if (relative == NULL || relative[0] == '\0')
    parts = g_new0 (char *, 1);
  else if ((parts = split_path (relative, error)) == NULL)
    return NULL;
  fd = open_folder (self, parts, g_strv_length (parts), FALSE, &missing, error);
  if (fd < 0 && !missing)
    return NULL;
  if (fd >= 0)
    {
      dir = fdopendir (fd);
      if (dir == NULL)
        {
          g_autofree char *display = rtes_library_dir_display (self, relative);

          io_error (error, errno, display);
          close (fd);
          return NULL;
        }
      while ((entry = readdir (dir)) != NULL)
        if (!g_str_equal (entry->d_name, ".") && !g_str_equal (entry->d_name, ".."))
          g_ptr_array_add (names, g_strdup (entry->d_name));
      closedir (dir);
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

GStrv
rtes_library_dir_list_ids (RtesLibraryDir  *self,
                           GError         **error)
{
  g_auto(GStrv) names = rtes_library_dir_list (self, NULL, error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  if (names == NULL)
    return NULL;
  for (guint i = 0; names[i] != NULL; i++)
    {
      char *id = rtes_id_from_filename (names[i]);

      if (id != NULL)
        g_ptr_array_add (ids, id);
    }
  /* "a-b.json" sorts before "a.json", but "a" before "a-b". */
  g_ptr_array_sort (ids, compare_names);
  g_ptr_array_add (ids, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

gboolean
rtes_library_dir_get_mtime (RtesLibraryDir  *self,
                            const char      *relative,
                            gint64          *mtime_usec,
                            GError         **error)
{
  g_auto(GStrv) parts = split_path (relative, error);
  g_autofree char *display = NULL;
  gboolean missing;
  struct stat st;
  int dir_fd;

  if (parts == NULL)
    return FALSE;
  display = rtes_library_dir_display (self, relative);
  dir_fd = open_parent (self, parts, FALSE, &missing, error);
  if (dir_fd < 0)
    {
      if (missing)
        path_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, display, g_strerror (ENOENT));
      return FALSE;
    }
  if (fstatat (dir_fd, last_part (parts), &st, AT_SYMLINK_NOFOLLOW) != 0)
    {
      int saved_errno = errno;

      close (dir_fd);
      return io_error (error, saved_errno, display);
    }
  close (dir_fd);
  *mtime_usec = (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
  return TRUE;
}

/* FALSE (and the error) when something other than a regular file is at
 * @name in @dir_fd; TRUE when it is a regular file or nothing. */
static gboolean
check_leaf_is_file (RtesLibraryDir  *self,
                    int              dir_fd,
                    const char      *name,
                    const char      *relative,
                    GError         **error)
{
  struct stat st;

  if (fstatat (dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
    return TRUE;
  if (S_ISLNK (st.st_mode))
    return refuse_leaf (self, relative,
                        _("is a symbolic link; it is not replaced by a copy, and nothing is "
                          "written through it"), error);
  if (!S_ISREG (st.st_mode))
    return refuse_leaf (self, relative, _("is not a regular file; it is not replaced"), error);
  return TRUE;
}

gboolean
rtes_library_dir_write (RtesLibraryDir  *self,
                        const char      *relative,
                        const char      *data,
                        gsize            length,
                        GError         **error)
{
  return rtes_library_dir_write_full (self, relative, data, length, RTES_ATOMIC_WRITE_NONE, error);
}

gboolean
rtes_library_dir_sync_folder (RtesLibraryDir  *self,
                              const char      *relative,
                              GError         **error)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *display = rtes_library_dir_display (self, relative);
  gboolean missing;
  int fd;

  if (relative == NULL || relative[0] == '\0')
    parts = g_new0 (char *, 1);
  else if ((parts = split_path (relative, error)) == NULL)
    return FALSE;
  fd = open_folder (self, parts, g_strv_length (parts), FALSE, &missing, error);
  if (fd < 0)
    return missing;
  if (fsync (fd) != 0 && errno != EINVAL)
    {
      int saved_errno = errno;

      close (fd);
      return io_error (error, saved_errno, display);
    }
  close (fd);
  return TRUE;
}

RtesAtomicBatch *
rtes_library_dir_batch_new (RtesLibraryDir  *self,
                            const char      *folder,
                            GError         **error)
{
  g_auto(GStrv) parts = NULL;
  RtesAtomicBatch *batch;
  gboolean missing;
  int fd;

  g_return_val_if_fail (self != NULL, NULL);

  if (folder == NULL)
    return rtes_atomic_batch_new (self->fd);
  parts = split_path (folder, error);
  if (parts == NULL)
    return NULL;
  fd = open_folder (self, parts, g_strv_length (parts), TRUE, &missing, error);
  if (fd < 0)
    return NULL;
  batch = rtes_atomic_batch_new (fd);
  close (fd);
  return batch;
}

gboolean
rtes_library_dir_batch_add (RtesLibraryDir   *self,
                            RtesAtomicBatch  *batch,
                            const char       *folder,
                            const char       *name,
                            const char       *data,
                            gsize             length,
                            GError          **error)
{
  g_autofree char *relative = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (self != NULL && batch != NULL, FALSE);
  g_return_val_if_fail (name != NULL && strchr (name, '/') == NULL, FALSE);

  relative = folder != NULL ? g_strconcat (folder, "/", name, NULL) : g_strdup (name);
  display = rtes_library_dir_display (self, relative);
  return check_leaf_is_file (self, rtes_atomic_batch_get_dir_fd (batch), name, relative, error)
         && rtes_atomic_batch_add (batch, name, display, data, length, error);
}

gboolean
rtes_library_dir_write_full (RtesLibraryDir        *self,
                             const char            *relative,
                             const char            *data,
                             gsize                  length,
                             RtesAtomicWriteFlags   flags,
                             GError               **error)
{
  return rtes_library_dir_write_keyed (self, relative, data, length, flags, NULL, error);
}

gboolean
rtes_library_dir_write_keyed (RtesLibraryDir        *self,
                              const char            *relative,
                              const char            *data,
                              gsize                  length,
                              RtesAtomicWriteFlags   flags,
                              RtesFileKey           *key,
                              GError               **error)
{
  g_auto(GStrv) parts = split_path (relative, error);
  g_autofree char *display = NULL;
  gboolean missing;
  gboolean ok;
  int dir_fd;

  if (parts == NULL)
    return FALSE;
  dir_fd = open_parent (self, parts, TRUE, &missing, error);
  if (dir_fd < 0)
    return FALSE;
  display = rtes_library_dir_display (self, relative);
  ok = check_leaf_is_file (self, dir_fd, last_part (parts), relative, error)
       && rtes_atomic_write_at_keyed (dir_fd, last_part (parts), display, data, length, flags,
                                      key, error);
  close (dir_fd);
  return ok;
}

gboolean
rtes_library_dir_delete (RtesLibraryDir  *self,
                         const char      *relative,
                         GError         **error)
{
  g_auto(GStrv) parts = split_path (relative, error);
  g_autofree char *display = NULL;
  gboolean missing;
  int dir_fd;

  if (parts == NULL)
    return FALSE;
  dir_fd = open_parent (self, parts, FALSE, &missing, error);
  if (dir_fd < 0)
    return missing;
  display = rtes_library_dir_display (self, relative);
  /* unlinkat() never follows the last component: a link is removed, and
   * what it points to is left alone. */
  if (unlinkat (dir_fd, last_part (parts), 0) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      close (dir_fd);
      return io_error (error, saved_errno, display);
    }
  fsync (dir_fd);
  close (dir_fd);
  return TRUE;
}

gboolean
rtes_library_dir_move (RtesLibraryDir  *self,
                       const char      *from,
                       const char      *to,
                       GError         **error)
{
  g_auto(GStrv) from_parts = split_path (from, error);
  g_auto(GStrv) to_parts = NULL;
  g_autofree char *display = NULL;
  gboolean missing;
  struct stat st;
  int from_fd;
  int to_fd;

  if (from_parts == NULL || (to_parts = split_path (to, error)) == NULL)
    return FALSE;
  display = rtes_library_dir_display (self, from);
  from_fd = open_parent (self, from_parts, FALSE, &missing, error);
  if (from_fd < 0)
    {
      if (missing)
        path_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, display, g_strerror (ENOENT));
      return FALSE;
    }
  to_fd = open_parent (self, to_parts, TRUE, &missing, error);
  if (to_fd < 0)
    {
      close (from_fd);
      return FALSE;
    }
  if (fstatat (to_fd, last_part (to_parts), &st, AT_SYMLINK_NOFOLLOW) == 0)
    {
      g_autofree char *target = rtes_library_dir_display (self, to);

      close (from_fd);
      close (to_fd);
      return path_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, target, g_strerror (EEXIST));
    }
  if (renameat (from_fd, last_part (from_parts), to_fd, last_part (to_parts)) != 0)
    {
      int saved_errno = errno;

      close (from_fd);
      close (to_fd);
      return io_error (error, saved_errno, display);
    }
  fsync (to_fd);
  fsync (from_fd);
  close (from_fd);
  close (to_fd);
  return TRUE;
}

/* ---- left-over temporary files ---- */

gboolean
rtes_library_dir_is_temporary_name (const char *name)
{
  g_autofree char *target = NULL;
  g_autofree char *id = NULL;
  gsize length;

  if (name == NULL)
    return FALSE;
  length = strlen (name);
  if (length < 8 || name[length - 7] != '.')
    return FALSE;
  for (gsize i = length - 6; i < length; i++)
    if (!g_ascii_isalnum (name[i]))
      return FALSE;
  target = g_strndup (name, length - 7);
  id = rtes_id_from_filename (target);
  return id != NULL;
}

/* TRUE when the regular file @name in @dir_fd is old enough and no
 * running save holds it; then it is removed. */
static gboolean
remove_if_abandoned (int         dir_fd,
                     const char *name,
                     gint64      now)
{
  struct stat st;
  gboolean removed = FALSE;
  int fd;

  if (fstatat (dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG (st.st_mode)
      || now - (gint64) st.st_mtime < RTES_LIBRARY_DIR_TEMPORARY_AGE)
    return FALSE;
  fd = openat (dir_fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return FALSE;
  /* A save holds its temporary file's lock until the rename. */
  if (flock (fd, LOCK_EX | LOCK_NB) == 0)
    removed = unlinkat (dir_fd, name, 0) == 0;
  close (fd);
  return removed;
}

guint
rtes_library_dir_remove_temporaries (RtesLibraryDir *self,
                                     const char     *relative)
{
  g_auto(GStrv) parts = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean missing;
  struct dirent *entry;
  guint removed = 0;
  DIR *dir;
  int fd;

  g_return_val_if_fail (self != NULL, 0);
  if (relative == NULL || relative[0] == '\0')
    parts = g_new0 (char *, 1);
  else if ((parts = split_path (relative, NULL)) == NULL)
    return 0;
  fd = open_folder (self, parts, g_strv_length (parts), FALSE, &missing, NULL);
  if (fd < 0)
    return 0;
  dir = fdopendir (fd);
  if (dir == NULL)
    {
      close (fd);
      return 0;
    }
  while ((entry = readdir (dir)) != NULL)
    if (rtes_library_dir_is_temporary_name (entry->d_name)
        && remove_if_abandoned (dirfd (dir), entry->d_name, now))
      removed++;
  if (removed > 0)
    fsync (dirfd (dir));
  closedir (dir);
  return removed;
}
