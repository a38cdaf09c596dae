/* rtes-sync-transaction.c: a set of file writes that happen all or not at all
 *
 * A sync touches fiche files, base copies and the state file. Each file is
 * replaced atomically by rtes_atomic_write(); this adds the "all of them"
 * part: everything is prepared in memory first, the old contents are read
 * before the first write, and a failure part-way puts back what was
 * already replaced. Against a crash in the middle, a journal of the old
 * contents is written before the first replacement and removed after the
 * last; the next sync finds it and puts the old files back first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rtes-atomic-file.h"
#include "rtes-json-reader.h"
#include "rtes-json-writer.h"
#include "rtes-safe-file.h"
#include "rtes-sync-error.h"
#include "rtes-sync-transaction.h"

#define JOURNAL_FORMAT "rtes-sync-journal"

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
  char *root;
  char *journal_path;
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
  g_free (self->root);
  g_free (self->journal_path);
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

void
rtes_sync_transaction_set_journal (RtesSyncTransaction *self,
                                   const char          *root,
                                   const char          *journal_path)
{
  g_free (self->root);
  g_free (self->journal_path);
  self->root = g_canonicalize_filename (root, NULL);
  self->journal_path = g_strdup (journal_path);
}

static gboolean
read_old (Write   *w,
          GError **error)
{
  g_autoptr(GError) local_error = NULL;

  /* What is replaced is a fiche, a base or the state: never a link, a
   * FIFO or a device, and never more than the journal can hold. */
  w->old = rtes_safe_file_read_path (w->path, RTES_JSON_MAX_STATE_SIZE, &local_error);
  if (w->old == NULL && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
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

/* ---- the journal ---- */

static char *
relative_path (RtesSyncTransaction *self,
               const char          *path)
{
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  gsize n = strlen (self->root);

  if (strncmp (canonical, self->root, n) != 0 || canonical[n] != G_DIR_SEPARATOR)
    return NULL;
  return g_strdup (canonical + n + 1);
}

static gboolean
write_journal (RtesSyncTransaction  *self,
               GError              **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *dir = g_path_get_dirname (self->journal_path);
  g_autofree char *data = NULL;
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, JOURNAL_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->writes->len; i++)
    {
      Write *w = g_ptr_array_index (self->writes, i);
      g_autofree char *relative = relative_path (self, w->path);

      g_return_val_if_fail (relative != NULL, FALSE);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, relative);
      json_builder_set_member_name (builder, "old");
      if (w->old != NULL)
        {
          g_autofree char *encoded = g_base64_encode (g_bytes_get_data (w->old, NULL),
                                                      g_bytes_get_size (w->old));
          json_builder_add_string_value (builder, encoded);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  data = rtes_json_to_canonical (root, &length);
  /* A journal the next run would refuse to read protects nothing. */
  if (length > RTES_JSON_MAX_JOURNAL_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("This sync would replace more than can be undone safely; nothing was written"));
      return FALSE;
    }
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  return rtes_atomic_write (self->journal_path, data, length, error);
}

static void
remove_journal (RtesSyncTransaction *self)
{
  if (self->journal_path != NULL && g_unlink (self->journal_path) != 0 && errno != ENOENT)
    g_warning ("Could not remove %s: %s", self->journal_path, g_strerror (errno));
}

/* A journal names files inside the library only: never an absolute path
 * or a way out of it. */
static gboolean
journal_path_is_safe (const char *relative)
{
  g_auto(GStrv) parts = NULL;

  if (relative == NULL || relative[0] == '\0' || g_path_is_absolute (relative)
      || !g_str_has_suffix (relative, ".json"))
    return FALSE;
  parts = g_strsplit (relative, G_DIR_SEPARATOR_S, -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] == '\0' || g_str_equal (parts[i], ".") || g_str_equal (parts[i], ".."))
      return FALSE;
  return TRUE;
}

static gboolean
journal_error (GError    **error,
               const char *journal_path,
               const char *what)
{
  g_set_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_STATE,
               _("%s: an interrupted sync could not be undone: %s"), journal_path, what);
  return FALSE;
}

static gboolean
restore_entry (const char  *root,
               const char  *journal_path,
               JsonNode    *entry,
               GError     **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (entry) ? json_node_get_object (entry) : NULL;
  JsonNode *path_node = object ? json_object_get_member (object, "path") : NULL;
  JsonNode *old = object ? json_object_get_member (object, "old") : NULL;
  const char *relative = NULL;
  g_autofree char *path = NULL;
  g_autofree guchar *decoded = NULL;
  gsize length;

  if (path_node != NULL && JSON_NODE_HOLDS_VALUE (path_node)
      && json_node_get_value_type (path_node) == G_TYPE_STRING)
    relative = json_node_get_string (path_node);
  if (!journal_path_is_safe (relative) || old == NULL
      || !(JSON_NODE_HOLDS_NULL (old) || (JSON_NODE_HOLDS_VALUE (old)
                                          && json_node_get_value_type (old) == G_TYPE_STRING)))
    return journal_error (error, journal_path, _("an entry is not valid"));

  path = g_build_filename (root, relative, NULL);
  if (JSON_NODE_HOLDS_NULL (old))
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        return journal_error (error, journal_path, g_strerror (errno));
      return TRUE;
    }
  decoded = g_base64_decode (json_node_get_string (old), &length);
  return rtes_atomic_write (path, (const char *) decoded, length, error);
}

gboolean
rtes_sync_transaction_recover (const char  *root,
                               const char  *journal_path,
                               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root_node = NULL;
  JsonNode *files;

  /* Strict and bounded like every file of the library: a journal is what
   * a crash left, or what someone put there. */
  bytes = rtes_safe_file_read_path (journal_path, RTES_JSON_MAX_JOURNAL_SIZE, &local_error);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return TRUE;
  if (bytes != NULL)
    root_node = rtes_json_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 RTES_JSON_JOURNAL, journal_path, NULL, &local_error);
  if (root_node == NULL)
    return journal_error (error, journal_path, local_error->message);
  files = JSON_NODE_HOLDS_OBJECT (root_node)
          ? json_object_get_member (json_node_get_object (root_node), "files") : NULL;
  if (files == NULL || !JSON_NODE_HOLDS_ARRAY (files)
      || g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (root_node),
                                                                "format", NULL), JOURNAL_FORMAT) != 0)
    return journal_error (error, journal_path, _("not a sync journal"));

  /* Last written first, as when a failed commit is rolled back. */
  for (guint i = json_array_get_length (json_node_get_array (files)); i > 0; i--)
    if (!restore_entry (root, journal_path, json_array_get_element (json_node_get_array (files), i - 1), error))
      return FALSE;
  if (g_unlink (journal_path) != 0)
    return journal_error (error, journal_path, g_strerror (errno));
  return TRUE;
}

/* Tests stop a commit here, as a power cut would: after @n files. */
static void
maybe_crash (guint written)
{
  const char *after = g_getenv ("RTES_SYNC_TEST_CRASH_AFTER");

  if (after != NULL && written == (guint) atoi (after))
    _exit (99);
}

gboolean
rtes_sync_transaction_commit (RtesSyncTransaction *self,
                              GError             **error)
{
  guint written = 0;

  for (guint i = 0; i < self->writes->len; i++)
    if (!read_old (g_ptr_array_index (self->writes, i), error))
      return FALSE;
  if (self->journal_path != NULL && !write_journal (self, error))
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
          remove_journal (self);
          return FALSE;
        }
      if (!rtes_atomic_write (w->path, g_bytes_get_data (w->contents, NULL),
                              g_bytes_get_size (w->contents), error))
        {
          roll_back (self);
          remove_journal (self);
          return FALSE;
        }
      w->written = TRUE;
      maybe_crash (++written);
    }
  remove_journal (self);
  return TRUE;
}
