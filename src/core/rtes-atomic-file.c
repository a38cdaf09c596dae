/* rtes-atomic-file.c: replacing a file so that it is never half-written
 *
 * A fiche file is the only copy of hours of work. It is replaced by writing
 * a temporary file in the same folder (so the rename cannot cross file
 * systems), flushing it to disk, then renaming it over the old file: a
 * reader sees the old bytes or the new ones, never a mix, even if the
 * machine stops halfway.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-atomic-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

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

/* Keeps the mode of the file being replaced, so that a fiche shared
 * through a group-writable folder stays group-writable. */
static void
copy_mode (const char *path,
           int         fd)
{
  GStatBuf st;

  if (g_stat (path, &st) == 0)
    fchmod (fd, st.st_mode & 07777);
  else
    fchmod (fd, 0644);
}

gboolean
rtes_atomic_write (const char  *path,
                   const char  *data,
                   gsize        length,
                   GError     **error)
{
  g_autofree char *tmp = g_strconcat (path, ".XXXXXX", NULL);
  int saved_errno = 0;
  int fd;

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    return set_error_from_errno (error, errno, path, _("could not create a temporary file"));

  copy_mode (path, fd);
  if (!write_all (fd, data, length, &saved_errno) ||
      (fsync (fd) != 0 && (saved_errno = errno) != 0))
    {
      close (fd);
      g_unlink (tmp);
      return set_error_from_errno (error, saved_errno, path, _("could not write the file"));
    }
  if (close (fd) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp);
      return set_error_from_errno (error, saved_errno, path, _("could not write the file"));
    }
  if (g_rename (tmp, path) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp);
      return set_error_from_errno (error, saved_errno, path, _("could not replace the file"));
    }
  return TRUE;
}
