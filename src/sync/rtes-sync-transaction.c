/* rtes-sync-transaction.c: a set of file writes that happen all or not at all
 *
 * A sync touches fiche files, base copies and the state file. Each file is
 * replaced atomically by rtes_atomic_write(); this adds the "all of them"
 * part: everything is prepared in memory first, the old contents are read
 * before the first write, and a failure part-way puts back what was
 * already replaced. (A crash of the machine in the middle of a commit can
 * still leave some files new and some old; each file is whole either way.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rtes-atomic-file.h"
#include "rtes-sync-transaction.h"

typedef struct {
  char *path;
  GBytes *contents;
  GBytes *old;        /* NULL: the file did not exist */
  gboolean check;     /* the file must hold expected */
  GBytes *expected;   /* NULL: must not exist */
  gboolean written;
} Write;

struct _RtesSyncTransaction
{
  GPtrArray *writes;  /* Write* */
  GHashTable *by_path;
};

static void
write_free (Write *w)
{
  g_free (w->path);
  g_clear_pointer (&w->contents, g_bytes_unref);
  g_clear_pointer (&w->old, g_bytes_unref);
  g_clear_pointer (&w->expected, g_bytes_unref);
  g_free (w);
}

RtesSyncTransaction *
rtes_sync_transaction_new (void)
{
  RtesSyncTransaction *self = g_new0 (RtesSyncTransaction, 1);

  self->writes = g_ptr_array_new_with_free_func ((GDestroyNotify) write_free);
  self->by_path = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

void
rtes_sync_transaction_free (RtesSyncTransaction *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->by_path);
  g_ptr_array_unref (self->writes);
  g_free (self);
}

static Write *
get_write (RtesSyncTransaction *self,
           const char          *path,
           GBytes              *contents)
{
  Write *w = g_hash_table_lookup (self->by_path, path);

  if (w == NULL)
    {
      w = g_new0 (Write, 1);
      w->path = g_strdup (path);
      g_ptr_array_add (self->writes, w);
      g_hash_table_insert (self->by_path, w->path, w);
    }
  g_clear_pointer (&w->contents, g_bytes_unref);
  w->contents = g_bytes_ref (contents);
  return w;
}

void
rtes_sync_transaction_write (RtesSyncTransaction *self,
                             const char          *path,
                             GBytes              *contents)
{
  get_write (self, path, contents);
}

void
rtes_sync_transaction_replace (RtesSyncTransaction *self,
                               const char          *path,
                               GBytes              *contents,
                               GBytes              *expected)
{
  Write *w = get_write (self, path, contents);

  w->check = TRUE;
  g_clear_pointer (&w->expected, g_bytes_unref);
  w->expected = expected ? g_bytes_ref (expected) : NULL;
}

guint
rtes_sync_transaction_get_n_writes (RtesSyncTransaction *self)
{
  return self->writes->len;
}

static gboolean
read_old (Write   *w,
          GError **error)
{
  g_autoptr(GError) local_error = NULL;
  char *data = NULL;
  gsize length = 0;

  if (g_file_get_contents (w->path, &data, &length, &local_error))
    w->old = g_bytes_new_take (data, length);
  else if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (w->check && !(w->old == NULL ? w->expected == NULL
                                   : w->expected != NULL && g_bytes_equal (w->old, w->expected)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                   _("%s changed while the sync was running; nothing was written, sync again"),
                   w->path);
      return FALSE;
    }
  return TRUE;
}

static void
roll_back (RtesSyncTransaction *self)
{
  for (guint i = self->writes->len; i > 0; i--)
    {
      Write *w = g_ptr_array_index (self->writes, i - 1);
      g_autoptr(GError) error = NULL;

      if (!w->written)
        continue;
      if (w->old == NULL)
        {
          if (g_unlink (w->path) != 0)
            g_warning ("Could not remove %s while undoing a sync: %s", w->path, g_strerror (errno));
        }
      else if (!rtes_atomic_write (w->path, g_bytes_get_data (w->old, NULL),
                                   g_bytes_get_size (w->old), &error))
        g_warning ("Could not restore %s while undoing a sync: %s", w->path, error->message);
    }
}

gboolean
rtes_sync_transaction_commit (RtesSyncTransaction *self,
                              GError             **error)
{
  for (guint i = 0; i < self->writes->len; i++)
    if (!read_old (g_ptr_array_index (self->writes, i), error))
      return FALSE;

  for (guint i = 0; i < self->writes->len; i++)
    {
      Write *w = g_ptr_array_index (self->writes, i);
      g_autofree char *dir = NULL;

      if (w->old != NULL && g_bytes_equal (w->old, w->contents))
        continue;
      dir = g_path_get_dirname (w->path);
      if (g_mkdir_with_parents (dir, 0755) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not create folder %s: %s"), dir, g_strerror (saved_errno));
          roll_back (self);
          return FALSE;
        }
      if (!rtes_atomic_write (w->path, g_bytes_get_data (w->contents, NULL),
                              g_bytes_get_size (w->contents), error))
        {
          roll_back (self);
          return FALSE;
        }
      w->written = TRUE;
    }
  return TRUE;
}
