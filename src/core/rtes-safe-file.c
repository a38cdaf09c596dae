/* rtes-safe-file.c: reading a file inside a folder, bounded, links not followed
 *
 * A library is a folder people share and edit by hand, so what is in it
 * is not trusted: a fiche may be a FIFO (reading blocks for ever), a link
 * to /dev/zero (reading never ends) or to a file outside the library
 * (whose text would then appear in messages and be written back). Every
 * read of a fiche, a state file or a journal goes through here: the file
 * is opened without following a link, without blocking, checked with
 * fstat() to be a regular file no larger than the limit, and read up to
 * that limit only (it may grow while it is read).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-safe-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
set_errno_error (GError    **error,
                 int         saved_errno,
                 const char *display)
{
  if (saved_errno == ELOOP || saved_errno == EMLINK)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS,
                 _("%s is a symbolic link, which Fiches RTES does not follow"), display);
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Could not read %s: %s"), display, g_strerror (saved_errno));
}

/* Why @name in @dir_fd could not be opened as a folder: a link says
 * ELOOP whatever openat() said (O_DIRECTORY | O_NOFOLLOW on a link may
 * say ENOTDIR, and a dangling one ELOOP). */
static int
component_errno (int         dir_fd,
                 const char *name,
                 int         saved_errno)
{
  struct stat st;

  if (saved_errno != ENOENT && fstatat (dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0
      && S_ISLNK (st.st_mode))
    return ELOOP;
  return saved_errno;
}

int
rtes_safe_dir_walk (int                  dir_fd,
                    const char * const  *parts,
                    guint                n,
                    gboolean             create,
                    guint               *failed,
                    int                 *failed_errno)
{
  int fd = openat (dir_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  g_return_val_if_fail (parts != NULL || n == 0, -1);
  g_return_val_if_fail (failed != NULL && failed_errno != NULL, -1);

  *failed = 0;
  *failed_errno = 0;
  if (fd < 0)
    {
      *failed = G_MAXUINT;
      *failed_errno = errno;
      return -1;
    }
  for (guint i = 0; i < n; i++)
    {
      int next = openat (fd, parts[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

      if (next < 0 && errno == ENOENT && create)
        {
          /* EEXIST: made meanwhile, by us or someone else; the openat()
           * below checks what it is. */
          if (mkdirat (fd, parts[i], 0755) != 0 && errno != EEXIST)
            {
              *failed = i;
              *failed_errno = errno;
              close (fd);
              return -1;
            }
          next = openat (fd, parts[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        }
      if (next < 0)
        {
          *failed = i;
          *failed_errno = component_errno (fd, parts[i], errno);
          close (fd);
          return -1;
        }
      close (fd);
      fd = next;
    }
  return fd;
}

int
rtes_safe_dir_open (const char  *root,
                    const char  *relative,
                    GError     **error)
{
  g_auto(GStrv) split = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  guint failed;
  int saved_errno;
  int root_fd;
  int fd;

  g_return_val_if_fail (root != NULL, -1);
  root_fd = open (root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (root_fd < 0)
    {
      set_errno_error (error, errno, root);
      return -1;
    }
  if (relative == NULL || relative[0] == '\0')
    return root_fd;

  split = g_strsplit (relative, G_DIR_SEPARATOR_S, -1);
  for (guint i = 0; split[i] != NULL; i++)
    {
      if (split[i][0] == '\0' || g_str_equal (split[i], "."))
        continue;
      if (g_str_equal (split[i], ".."))
        {
          g_autofree char *display = g_build_filename (root, relative, NULL);

          close (root_fd);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                       _("%s leads out of its folder"), display);
          return -1;
        }
      g_ptr_array_add (parts, split[i]);
    }
  fd = rtes_safe_dir_walk (root_fd, (const char * const *) parts->pdata, parts->len, FALSE,
                           &failed, &saved_errno);
  close (root_fd);
  if (fd < 0)
    {
      g_autoptr(GString) display = g_string_new (root);

      /* The component that failed, not the whole path: ".rtes-fiches is
       * a symbolic link" says what to fix. */
      for (guint i = 0; failed != G_MAXUINT && i < parts->len && i <= failed; i++)
        {
          if (display->len == 0 || display->str[display->len - 1] != G_DIR_SEPARATOR)
            g_string_append_c (display, G_DIR_SEPARATOR);
          g_string_append (display, g_ptr_array_index (parts, i));
        }
      set_errno_error (error, saved_errno, display->str);
    }
  return fd;
}

/* Reads at most @max_size + 1 bytes, to see whether the file grew past
 * @max_size since fstat(). */
static GBytes *
read_all (int          fd,
          gsize        expected,
          gsize        max_size,
          const char  *display,
          GError     **error)
{
  gsize capacity = MIN (expected, max_size) + 1;
  gsize length = 0;
  char *data = g_malloc (capacity + 1);

  for (;;)
    {
      gssize n;

      if (length == capacity)
        {
          if (capacity > max_size)
            break;
          capacity = MIN (MAX (capacity * 2, 4096), max_size + 1);
          data = g_realloc (data, capacity + 1);
        }
      n = read (fd, data + length, capacity - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_free (data);
          set_errno_error (error, saved_errno, display);
          return NULL;
        }
      if (n == 0)
        break;
      length += n;
    }
  if (length > max_size)
    {
      g_autofree char *max = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

      g_free (data);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("%s is too large (more than %s)"), display, max);
      return NULL;
    }
  data[length] = '\0';
  return g_bytes_new_take (data, length);
}

void
rtes_file_key_from_stat (RtesFileKey       *key,
                         const struct stat *st)
{
  key->size = st->st_size;
  key->mtime_ns = (gint64) st->st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st->st_mtim.tv_nsec;
  key->ctime_ns = (gint64) st->st_ctim.tv_sec * G_GINT64_CONSTANT (1000000000) + st->st_ctim.tv_nsec;
  key->inode = st->st_ino;
  key->device = st->st_dev;
}

gboolean
rtes_file_key_equal (const RtesFileKey *a,
                     const RtesFileKey *b)
{
  return a->size == b->size && a->mtime_ns == b->mtime_ns && a->ctime_ns == b->ctime_ns
         && a->inode == b->inode && a->device == b->device;
}

static gint64 settle_us = RTES_FILE_KEY_SETTLE_MS * 1000;

gboolean
rtes_file_key_is_settled (const RtesFileKey *key,
                          gint64             since)
{
  return key->ctime_ns / 1000 < since - settle_us
         && key->mtime_ns / 1000 < since - settle_us;
}

void
rtes_file_key_set_settle_time (guint ms)
{
  settle_us = (gint64) ms * 1000;
}

/* Checks the open @fd (a regular file, no larger than @max_size) and
 * reads it; closes it. @key, when not NULL, is set from the file read. */
static GBytes *
read_checked (int           fd,
              const char   *display,
              gsize         max_size,
              RtesFileKey  *key,
              GError      **error)
{
  struct stat st;
  GBytes *bytes;

  if (fstat (fd, &st) != 0)
    {
      set_errno_error (error, errno, display);
      close (fd);
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("%s is a folder, not a file"), display);
      close (fd);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s is not a regular file (a device, a pipe or a socket)"), display);
      close (fd);
      return NULL;
    }
  if (st.st_size < 0 || (guint64) st.st_size > max_size)
    {
      g_autofree char *size = g_format_size_full (st.st_size, G_FORMAT_SIZE_IEC_UNITS | G_FORMAT_SIZE_LONG_FORMAT);
      g_autofree char *max = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("%s is too large: %s, over the limit of %s"), display, size, max);
      close (fd);
      return NULL;
    }
  if (key != NULL)
    rtes_file_key_from_stat (key, &st);
  bytes = read_all (fd, st.st_size, max_size, display, error);
  close (fd);
  return bytes;
}

GBytes *
rtes_safe_file_read_at_keyed (int           dir_fd,
                              const char   *name,
                              const char   *display,
                              gsize         max_size,
                              RtesFileKey  *key,
                              GError      **error)
{
  int fd;

  g_return_val_if_fail (name != NULL && strchr (name, G_DIR_SEPARATOR) == NULL, NULL);
  g_return_val_if_fail (display != NULL, NULL);

  /* O_NONBLOCK: opening a FIFO with no writer would block; reading
   * regular files is not affected by it. */
  fd = openat (dir_fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    {
      set_errno_error (error, errno, display);
      return NULL;
    }
  return read_checked (fd, display, max_size, key, error);
}

GBytes *
rtes_safe_file_read_at (int          dir_fd,
                        const char  *name,
                        const char  *display,
                        gsize        max_size,
                        GError     **error)
{
  return rtes_safe_file_read_at_keyed (dir_fd, name, display, max_size, NULL, error);
}

GBytes *
rtes_safe_file_read_named (const char  *path,
                           gsize        max_size,
                           GError     **error)
{
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  /* Links are followed (the person named this file, maybe through one),
   * but what they lead to must still be a regular file: O_NONBLOCK so
   * that a FIFO is refused rather than waited for, as everywhere. */
  fd = open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    {
      set_errno_error (error, errno, path);
      return NULL;
    }
  return read_checked (fd, path, max_size, NULL, error);
}

GBytes *
rtes_safe_file_read (const char  *root,
                     const char  *relative,
                     gsize        max_size,
                     GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  GBytes *bytes;
  int dir_fd;

  g_return_val_if_fail (root != NULL && relative != NULL, NULL);
  display = g_build_filename (root, relative, NULL);
  dir = g_path_get_dirname (relative);
  name = g_path_get_basename (relative);
  if (g_str_equal (name, "..") || g_str_equal (name, ".") || g_str_equal (name, G_DIR_SEPARATOR_S))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("%s is not a file name"), display);
      return NULL;
    }
  dir_fd = rtes_safe_dir_open (root, g_str_equal (dir, ".") ? NULL : dir, error);
  if (dir_fd < 0)
    return NULL;
  bytes = rtes_safe_file_read_at (dir_fd, name, display, max_size, error);
  close (dir_fd);
  return bytes;
}

GBytes *
rtes_safe_file_read_path (const char  *path,
                          gsize        max_size,
                          GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  GBytes *bytes;
  int dir_fd;

  g_return_val_if_fail (path != NULL, NULL);
  dir = g_path_get_dirname (path);
  name = g_path_get_basename (path);
  if (g_str_equal (name, "..") || g_str_equal (name, ".") || g_str_equal (name, G_DIR_SEPARATOR_S))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("%s is not a file name"), path);
      return NULL;
    }
  dir_fd = rtes_safe_dir_open (dir, NULL, error);
  if (dir_fd < 0)
    return NULL;
  bytes = rtes_safe_file_read_at (dir_fd, name, path, max_size, error);
  close (dir_fd);
  return bytes;
}
