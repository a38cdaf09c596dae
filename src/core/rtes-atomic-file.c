/* rtes-atomic-file.c: replacing a file so that it is never half-written
 *
 * A fiche file is the only copy of hours of work. It is replaced by writing
 * a temporary file in the same folder (so the rename cannot cross file
 * systems), flushing it to disk, then renaming it over the old file and
 * flushing the folder: a reader sees the old bytes or the new ones, never a
 * mix, even if the machine stops halfway.
 *
 * Everything happens relative to an open folder (openat, renameat), and
 * the target is looked at without following links: a link in place of the
 * file is refused rather than replaced by a copy, and the temporary file
 * can never be created through one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* syncfs() */
#define _GNU_SOURCE

#include "config.h"

#include "rtes-atomic-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* As many tries as mkstemp() makes, roughly. */
#define TEMPORARY_TRIES 100

static gboolean
set_error_from_errno (GError    **error,
                      int         saved_errno,
                      const char *path,
                      const char *what)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: "%s: could not write the file: No space left on device" */
               _("%s: %s: %s"), path, what, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           int         *saved_errno)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          *saved_errno = n < 0 ? errno : ENOSPC;
          return FALSE;
        }
      data += n;
      length -= n;
    }
  return TRUE;
}

/* The mode the new file gets: the old file's, so that a fiche shared
 * through a group-writable folder stays group-writable. FALSE (and the
 * error) when the target is there but is not a regular file. */
static gboolean
target_mode (int          dir_fd,
             const char  *name,
             const char  *display,
             mode_t      *mode,
             GError     **error)
{
  struct stat st;

  *mode = 0644;
  if (fstatat (dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
    {
      if (errno == ENOENT)
        return TRUE;
      return set_error_from_errno (error, errno, display, _("could not write the file"));
    }
  if (S_ISLNK (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s: is a symbolic link; it is not replaced by a copy"), display);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s: is not a regular file; it is not replaced"), display);
      return FALSE;
    }
  *mode = st.st_mode & 07777;
  return TRUE;
}

/* Creates "<name>.XXXXXX" in @dir_fd, never through a link, and locks it. */
static int
create_temporary (int    dir_fd,
                  const char *name,
                  char **tmp_name)
{
  static const char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  for (guint tries = 0; tries < TEMPORARY_TRIES; tries++)
    {
      char suffix[8] = ".";
      int fd;

      for (guint i = 1; i < 7; i++)
        suffix[i] = letters[g_random_int_range (0, sizeof letters - 1)];
      g_free (*tmp_name);
      *tmp_name = g_strconcat (name, suffix, NULL);
      fd = openat (dir_fd, *tmp_name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
      if (fd >= 0)
        {
          /* Fresh and ours: nobody else can hold the lock. */
          flock (fd, LOCK_EX);
          return fd;
        }
      if (errno != EEXIST)
        return -1;
    }
  errno = EEXIST;
  return -1;
}

gboolean
rtes_atomic_write_at (int                    dir_fd,
                      const char            *name,
                      const char            *display,
                      const char            *data,
                      gsize                  length,
                      RtesAtomicWriteFlags   flags,
                      GError               **error)
{
  return rtes_atomic_write_at_keyed (dir_fd, name, display, data, length, flags, NULL, error);
}

gboolean
rtes_atomic_write_at_keyed (int                    dir_fd,
                            const char            *name,
                            const char            *display,
                            const char            *data,
                            gsize                  length,
                            RtesAtomicWriteFlags   flags,
                            RtesFileKey           *key,
                            GError               **error)
{
  g_autofree char *tmp = NULL;
  int saved_errno = 0;
  mode_t mode;
  int fd;

  g_return_val_if_fail (dir_fd >= 0, FALSE);
  g_return_val_if_fail (name != NULL && strchr (name, '/') == NULL, FALSE);

  if (!target_mode (dir_fd, name, display, &mode, error))
    return FALSE;
  fd = create_temporary (dir_fd, name, &tmp);
  if (fd < 0)
    return set_error_from_errno (error, errno, display, _("could not create a temporary file"));

  if (fchmod (fd, mode) != 0 ||
      !write_all (fd, data, length, &saved_errno) ||
      (!(flags & RTES_ATOMIC_WRITE_NO_FLUSH) && fsync (fd) != 0))
    {
      saved_errno = saved_errno ? saved_errno : errno;
      unlinkat (dir_fd, tmp, 0);
      close (fd);
      return set_error_from_errno (error, saved_errno, display, _("could not write the file"));
    }
  /* Renamed while still open and locked, so that no cleaner takes the
   * temporary file for a left-over in between. */
  if (renameat (dir_fd, tmp, dir_fd, name) != 0)
    {
      saved_errno = errno;
      unlinkat (dir_fd, tmp, 0);
      close (fd);
      return set_error_from_errno (error, saved_errno, display, _("could not replace the file"));
    }
  /* After the rename, which changes the file's ctime. */
  if (key != NULL)
    {
      struct stat st;

      if (fstat (fd, &st) == 0)
        rtes_file_key_from_stat (key, &st);
      else
        memset (key, 0, sizeof *key);
    }
  if (close (fd) != 0)
    {
      saved_errno = errno;
      return set_error_from_errno (error, saved_errno, display, _("could not write the file"));
    }
  /* Without this the rename may still be lost in a power cut. */
  if (!(flags & (RTES_ATOMIC_WRITE_DEFER_FOLDER_SYNC | RTES_ATOMIC_WRITE_NO_FLUSH))
      && fsync (dir_fd) != 0 && errno != EINVAL)
    return set_error_from_errno (error, errno, display, _("could not write the file"));
  return TRUE;
}

gboolean
rtes_atomic_write (const char  *path,
                   const char  *data,
                   gsize        length,
                   GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);
  gboolean ok;
  int dir_fd;

  /* The folder is the caller's choice (an export's destination, say), so
   * it may be reached through links; only the file itself may not be one. */
  dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0)
    return set_error_from_errno (error, errno, path, _("could not create a temporary file"));
  ok = rtes_atomic_write_at (dir_fd, name, path, data, length, RTES_ATOMIC_WRITE_NONE, error);
  close (dir_fd);
  return ok;
}

/* ---- streams ---- */

/* Pieces are gathered up to this size before a write(): cairo hands over
 * output a few bytes at a time. */
#define STREAM_BUFFER_SIZE (64 * 1024)

struct _RtesAtomicStream
{
  int      dir_fd;
  int      fd;         /* open and locked until renamed */
  char    *name;
  char    *tmp;        /* NULL once renamed */
  char    *display;
  GString *buffer;
  GError  *error;      /* the first failure */
};

RtesAtomicStream *
rtes_atomic_stream_new (const char  *path,
                        GError     **error)
{
  g_autoptr(RtesAtomicStream) self = g_new0 (RtesAtomicStream, 1);
  g_autofree char *dir = g_path_get_dirname (path);
  mode_t mode;

  g_return_val_if_fail (path != NULL, NULL);

  self->fd = -1;
  self->name = g_path_get_basename (path);
  self->display = g_strdup (path);
  self->buffer = g_string_sized_new (STREAM_BUFFER_SIZE);
  self->dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (self->dir_fd < 0)
    {
      set_error_from_errno (error, errno, path, _("could not create a temporary file"));
      return NULL;
    }
  if (!target_mode (self->dir_fd, self->name, path, &mode, error))
    return NULL;
  self->fd = create_temporary (self->dir_fd, self->name, &self->tmp);
  if (self->fd < 0)
    {
      set_error_from_errno (error, errno, path, _("could not create a temporary file"));
      g_clear_pointer (&self->tmp, g_free);
      return NULL;
    }
  if (fchmod (self->fd, mode) != 0)
    {
      set_error_from_errno (error, errno, path, _("could not write the file"));
      return NULL;
    }
  return g_steal_pointer (&self);
}

static gboolean
stream_fail (RtesAtomicStream *self,
             int               saved_errno,
             GError          **error)
{
  if (self->error == NULL)
    set_error_from_errno (&self->error, saved_errno, self->display, _("could not write the file"));
  g_propagate_error (error, g_error_copy (self->error));
  return FALSE;
}

static gboolean
stream_flush_buffer (RtesAtomicStream  *self,
                     GError           **error)
{
  int saved_errno = 0;

  if (!write_all (self->fd, self->buffer->str, self->buffer->len, &saved_errno))
    return stream_fail (self, saved_errno, error);
  g_string_truncate (self->buffer, 0);
  return TRUE;
}

gboolean
rtes_atomic_stream_write (RtesAtomicStream  *self,
                          const void        *data,
                          gsize              length,
                          GError           **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }
  if (self->buffer->len + length > STREAM_BUFFER_SIZE && !stream_flush_buffer (self, error))
    return FALSE;
  if (length >= STREAM_BUFFER_SIZE)
    {
      int saved_errno = 0;

      if (!write_all (self->fd, data, length, &saved_errno))
        return stream_fail (self, saved_errno, error);
      return TRUE;
    }
  g_string_append_len (self->buffer, data, length);
  return TRUE;
}

gboolean
rtes_atomic_stream_commit (RtesAtomicStream  *self,
                           GError           **error)
{
  int saved_errno;

  g_return_val_if_fail (self != NULL && self->tmp != NULL, FALSE);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }
  if (!stream_flush_buffer (self, error))
    return FALSE;
  if (fsync (self->fd) != 0)
    return stream_fail (self, errno, error);
  /* Renamed while still open and locked, as rtes_atomic_write_at() does. */
  if (renameat (self->dir_fd, self->tmp, self->dir_fd, self->name) != 0)
    {
      saved_errno = errno;
      return set_error_from_errno (error, saved_errno, self->display, _("could not replace the file"));
    }
  g_clear_pointer (&self->tmp, g_free);
  saved_errno = close (self->fd) != 0 ? errno : 0;
  self->fd = -1;
  if (saved_errno != 0)
    return set_error_from_errno (error, saved_errno, self->display, _("could not write the file"));
  if (fsync (self->dir_fd) != 0 && errno != EINVAL)
    return set_error_from_errno (error, errno, self->display, _("could not write the file"));
  return TRUE;
}

void
rtes_atomic_stream_free (RtesAtomicStream *self)
{
  if (self == NULL)
    return;
  if (self->tmp != NULL && self->dir_fd >= 0)
    unlinkat (self->dir_fd, self->tmp, 0);
  if (self->fd >= 0)
    close (self->fd);
  if (self->dir_fd >= 0)
    close (self->dir_fd);
  g_free (self->name);
  g_free (self->tmp);
  g_free (self->display);
  g_string_free (self->buffer, TRUE);
  g_clear_error (&self->error);
  g_free (self);
}

/* ---- batches ---- */

typedef struct
{
  char *name;
  char *tmp;
  char *display;
  int   fd;        /* open and locked until renamed */
} Pending;

struct _RtesAtomicBatch
{
  int     dir_fd;
  GArray *pending;  /* Pending */
};

static void
pending_clear (Pending *pending,
               int      dir_fd,
               gboolean remove)
{
  if (remove && pending->tmp != NULL)
    unlinkat (dir_fd, pending->tmp, 0);
  if (pending->fd >= 0)
    close (pending->fd);
  g_free (pending->name);
  g_free (pending->tmp);
  g_free (pending->display);
}

RtesAtomicBatch *
rtes_atomic_batch_new (int dir_fd)
{
  RtesAtomicBatch *self = g_new0 (RtesAtomicBatch, 1);

  g_return_val_if_fail (dir_fd >= 0, NULL);

  self->dir_fd = fcntl (dir_fd, F_DUPFD_CLOEXEC, 0);
  self->pending = g_array_new (FALSE, TRUE, sizeof (Pending));
  return self;
}

guint
rtes_atomic_batch_get_n_pending (RtesAtomicBatch *self)
{
  return self->pending->len;
}

int
rtes_atomic_batch_get_dir_fd (RtesAtomicBatch *self)
{
  return self->dir_fd;
}

gboolean
rtes_atomic_batch_add (RtesAtomicBatch  *self,
                       const char       *name,
                       const char       *display,
                       const char       *data,
                       gsize             length,
                       GError          **error)
{
  Pending pending = { NULL, NULL, NULL, -1 };
  int saved_errno = 0;
  mode_t mode;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL && strchr (name, '/') == NULL, FALSE);

  if (self->dir_fd < 0)
    return set_error_from_errno (error, EBADF, display, _("could not create a temporary file"));
  if (!target_mode (self->dir_fd, name, display, &mode, error))
    return FALSE;
  pending.fd = create_temporary (self->dir_fd, name, &pending.tmp);
  if (pending.fd < 0)
    {
      saved_errno = errno;
      pending_clear (&pending, self->dir_fd, FALSE);
      return set_error_from_errno (error, saved_errno, display, _("could not create a temporary file"));
    }
  if (fchmod (pending.fd, mode) != 0 || !write_all (pending.fd, data, length, &saved_errno))
    {
      saved_errno = saved_errno ? saved_errno : errno;
      pending_clear (&pending, self->dir_fd, TRUE);
      return set_error_from_errno (error, saved_errno, display, _("could not write the file"));
    }
  pending.name = g_strdup (name);
  pending.display = g_strdup (display);
  g_array_append_val (self->pending, pending);
  return TRUE;
}

/* Every pending file on the disk: the whole file system at once, or file
 * by file where syncfs() is not available. */
static gboolean
flush_pending (RtesAtomicBatch *self,
               Pending        **failed,
               int             *saved_errno)
{
  if (syncfs (self->dir_fd) == 0)
    return TRUE;
  for (guint i = 0; i < self->pending->len; i++)
    {
      Pending *pending = &g_array_index (self->pending, Pending, i);

      if (fsync (pending->fd) != 0)
        {
          *failed = pending;
          *saved_errno = errno;
          return FALSE;
        }
    }
  return TRUE;
}

static void
clear_all (RtesAtomicBatch *self,
           guint            from)
{
  for (guint i = 0; i < self->pending->len; i++)
    pending_clear (&g_array_index (self->pending, Pending, i), self->dir_fd, i >= from);
  g_array_set_size (self->pending, 0);
}

gboolean
rtes_atomic_batch_commit (RtesAtomicBatch  *self,
                          guint            *n_renamed,
                          GError          **error)
{
  g_autofree char *where = NULL;
  Pending *failed = NULL;
  int saved_errno = 0;
  guint renamed = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  if (n_renamed != NULL)
    *n_renamed = 0;
  if (self->pending->len == 0)
    return TRUE;
  where = g_strdup (g_array_index (self->pending, Pending, 0).display);
  if (!flush_pending (self, &failed, &saved_errno))
    {
      set_error_from_errno (error, saved_errno, failed->display, _("could not write the file"));
      clear_all (self, 0);
      return FALSE;
    }
  /* Renamed while still open and locked, as rtes_atomic_write_at() does. */
  for (; renamed < self->pending->len; renamed++)
    {
      Pending *pending = &g_array_index (self->pending, Pending, renamed);

      if (renameat (self->dir_fd, pending->tmp, self->dir_fd, pending->name) != 0)
        {
          saved_errno = errno;
          set_error_from_errno (error, saved_errno, pending->display, _("could not replace the file"));
          break;
        }
      g_clear_pointer (&pending->tmp, g_free);
    }
  if (n_renamed != NULL)
    *n_renamed = renamed;
  clear_all (self, renamed);
  /* The renames made so far reach the disk, whatever came after. */
  if (fsync (self->dir_fd) != 0 && errno != EINVAL && saved_errno == 0)
    return set_error_from_errno (error, errno, where, _("could not write the file"));
  return saved_errno == 0;
}

void
rtes_atomic_batch_free (RtesAtomicBatch *self)
{
  if (self == NULL)
    return;
  clear_all (self, 0);
  g_array_unref (self->pending);
  if (self->dir_fd >= 0)
    close (self->dir_fd);
  g_free (self);
}
