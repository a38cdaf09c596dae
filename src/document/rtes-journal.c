/* rtes-journal.c: the recovery journal of unsaved edits
 *
 * Every change of a fiche that is not saved yet is written, within a few
 * tens of milliseconds, to <library>/.rtes-fiches/recovery/<id>.json, so
 * that a crash or a kill -9 loses nothing typed. A journal holds the whole
 * fiche and the text typed into fields that could not store it yet ("1,2
 * million" in a number field):
 *
 *   { "format": "rtes-journal", "version": 1, "id": "dijon",
 *     "fiche": { …the fiche document… },
 *     "pending": { "population": "1,2 million" } }
 *
 * A successful save removes it. A journal still there at start-up holds
 * work that never reached the fiche's file, and the window offers it back.
 * Journals of older versions, plain fiche documents, are read too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "rtes-fiche-json.h"
#include "rtes-journal.h"
#include "rtes-json-reader.h"
#include "rtes-safe-file.h"
#include "rtes-text.h"

#define JOURNAL_FORMAT  "rtes-journal"
#define JOURNAL_VERSION 1

struct _RtesJournal
{
  GObject parent_instance;

  char *path;
  char *id;
  RtesFiche *fiche;
  GHashTable *pending;      /* member path → text */
};

G_DEFINE_FINAL_TYPE (RtesJournal, rtes_journal, G_TYPE_OBJECT)

static void
rtes_journal_finalize (GObject *object)
{
  RtesJournal *self = RTES_JOURNAL (object);

  g_free (self->path);
  g_free (self->id);
  g_clear_object (&self->fiche);
  g_clear_pointer (&self->pending, g_hash_table_unref);

  G_OBJECT_CLASS (rtes_journal_parent_class)->finalize (object);
}

static void
rtes_journal_class_init (RtesJournalClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rtes_journal_finalize;
}

static void
rtes_journal_init (RtesJournal *self)
{
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

RtesFiche *
rtes_journal_get_fiche (RtesJournal *self)
{
  g_return_val_if_fail (RTES_IS_JOURNAL (self), NULL);
  return self->fiche;
}

const char *
rtes_journal_get_id (RtesJournal *self)
{
  g_return_val_if_fail (RTES_IS_JOURNAL (self), NULL);
  return self->id;
}

const char *
rtes_journal_get_path (RtesJournal *self)
{
  g_return_val_if_fail (RTES_IS_JOURNAL (self), NULL);
  return self->path;
}

GHashTable *
rtes_journal_get_pending (RtesJournal *self)
{
  g_return_val_if_fail (RTES_IS_JOURNAL (self), NULL);
  return self->pending;
}

/* Writing ---------------------------------------------------------------- */

char *
rtes_journal_path_for (RtesLibrary  *library,
                       const char   *id,
                       GError      **error)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (RTES_IS_LIBRARY (library), NULL);

  /* The id becomes a file name: never let anything but a slug through. */
  if (!rtes_id_is_valid (id))
    {
      g_set_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_INVALID_ID,
                   _("“%s” is not a valid fiche identifier"), id);
      return NULL;
    }
  dir = rtes_library_get_state_dir (library, RTES_JOURNAL_DIR, error);
  if (dir == NULL)
    return NULL;
  return rtes_id_build_path (dir, id);
}

char *
rtes_journal_serialize (RtesFiche  *fiche,
                        GHashTable *pending,
                        gsize      *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) fields = NULL;

  g_return_val_if_fail (RTES_IS_FICHE (fiche), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, JOURNAL_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, JOURNAL_VERSION);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, rtes_fiche_get_id (fiche));
  json_builder_set_member_name (builder, "fiche");
  json_builder_add_value (builder, rtes_fiche_to_json (fiche));
  json_builder_set_member_name (builder, "pending");
  json_builder_begin_object (builder);
  if (pending != NULL)
    {
      /* Sorted, so that the same state gives the same bytes. */
      fields = g_list_sort (g_hash_table_get_keys (pending), (GCompareFunc) strcmp);
      for (GList *l = fields; l != NULL; l = l->next)
        {
          json_builder_set_member_name (builder, l->data);
          json_builder_add_string_value (builder, g_hash_table_lookup (pending, l->data));
        }
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, length);
}

gboolean
rtes_journal_write (const char  *path,
                    const char  *data,
                    gsize        length,
                    GError     **error)
{
  g_autofree char *tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  gsize done = 0;
  int fd;

  /* Created anew (O_EXCL), so no symlink is followed; rename() replaces a
   * symlink at @path rather than writing through it. */
  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    goto failed;
  while (done < length)
    {
      ssize_t n = write (fd, data + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_unlink (tmp_path);
          errno = saved_errno;
          goto failed;
        }
      done += (gsize) n;
    }
  if (close (fd) != 0 || g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_path);
      errno = saved_errno;
      goto failed;
    }
  return TRUE;

failed:
  {
    int saved_errno = errno;

    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Could not write the recovery journal %s: %s"), path, g_strerror (saved_errno));
  }
  return FALSE;
}

void
rtes_journal_remove (const char *path)
{
  if (g_unlink (path) != 0 && errno != ENOENT)
    g_warning ("Could not remove the recovery journal %s: %s", path, g_strerror (errno));
}

/* Reading ------------------------------------------------------------------ */

typedef struct
{
  const char *path;
  const char *id;
} ReadContext;

static gboolean
member_is (JsonObject *object,
           const char *name,
           JsonNodeType type,
           GType       value_type)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_TYPE (node) != type)
    return FALSE;
  return value_type == G_TYPE_INVALID || json_node_get_value_type (node) == value_type;
}

static gboolean
field_name_is_sane (const char *name)
{
  gsize length = strlen (name);

  if (length == 0 || length > 128)
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr ("_-.[]", *p) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
read_pending (JsonObject   *object,
              const char   *path,
              GHashTable   *pending,
              GError      **error)
{
  g_autoptr(GList) names = json_object_get_members (object);
  guint n = 0;

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (object, name);
      const char *text;

      if (!field_name_is_sane (name))
        {
          g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_FORMAT,
                       _("%s: pending: “%s” is not a member path"), path, name);
          return FALSE;
        }
      if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_TYPE,
                       _("%s: pending.%s: expected a string"), path, name);
          return FALSE;
        }
      text = json_node_get_string (node);
      if (++n > RTES_JOURNAL_MAX_PENDING || strlen (text) > RTES_JOURNAL_MAX_PENDING_LENGTH)
        {
          g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_FORMAT,
                       _("%s: pending: more text than any field holds"), path);
          return FALSE;
        }
      g_hash_table_insert (pending, g_strdup (name), g_strdup (text));
    }
  return TRUE;
}

static gpointer
read_journal (JsonNode           *root,
              RtesJsonPositions  *positions,
              gpointer            user_data,
              GError            **error)
{
  ReadContext *context = user_data;
  g_autoptr(RtesJournal) journal = g_object_new (RTES_TYPE_JOURNAL, NULL);
  g_autofree char *fiche_source = NULL;
  JsonObject *object;
  const char *format;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_FORMAT,
                   _("%s: not a recovery journal"), context->path);
      return NULL;
    }
  object = json_node_get_object (root);
  format = member_is (object, "format", JSON_NODE_VALUE, G_TYPE_STRING)
           ? json_object_get_string_member (object, "format") : NULL;

  if (g_strcmp0 (format, RTES_FICHE_FORMAT) == 0)
    {
      /* A journal of an older version: the fiche document alone. */
      journal->fiche = rtes_fiche_new_from_json (root, context->path, positions, error);
    }
  else if (g_strcmp0 (format, JOURNAL_FORMAT) == 0)
    {
      if (!member_is (object, "version", JSON_NODE_VALUE, G_TYPE_INT64) ||
          json_object_get_int_member (object, "version") != JOURNAL_VERSION)
        {
          g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_NEWER_VERSION,
                       _("%s: version: not a journal version this program reads"), context->path);
          return NULL;
        }
      if (!member_is (object, "id", JSON_NODE_VALUE, G_TYPE_STRING) ||
          g_strcmp0 (json_object_get_string_member (object, "id"), context->id) != 0)
        {
          g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_INVALID_ID,
                       _("%s: id: does not match the file name (expected “%s”)"),
                       context->path, context->id);
          return NULL;
        }
      if (!member_is (object, "fiche", JSON_NODE_OBJECT, G_TYPE_INVALID))
        {
          g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_TYPE,
                       _("%s: fiche: expected an object"), context->path);
          return NULL;
        }
      fiche_source = g_strdup_printf ("%s: fiche", context->path);
      journal->fiche = rtes_fiche_new_from_json (json_object_get_member (object, "fiche"),
                                                 fiche_source, positions, error);
      if (journal->fiche == NULL)
        return NULL;
      if (json_object_has_member (object, "pending"))
        {
          if (!member_is (object, "pending", JSON_NODE_OBJECT, G_TYPE_INVALID))
            {
              g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_TYPE,
                           _("%s: pending: expected an object"), context->path);
              return NULL;
            }
          if (!read_pending (json_object_get_object_member (object, "pending"),
                             context->path, journal->pending, error))
            return NULL;
        }
    }
  else
    {
      g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_FORMAT,
                   _("%s: format: not a recovery journal"), context->path);
      return NULL;
    }

  if (journal->fiche == NULL)
    return NULL;
  if (g_strcmp0 (rtes_fiche_get_id (journal->fiche), context->id) != 0)
    {
      g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_INVALID_ID,
                   _("%s: id \"%s\" does not match the file name (expected \"%s\")"),
                   context->path, rtes_fiche_get_id (journal->fiche), context->id);
      return NULL;
    }
  return g_steal_pointer (&journal);
}

RtesJournal *
rtes_journal_read (const char  *path,
                   GError     **error)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *id = rtes_id_from_filename (name);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  ReadContext context = { path, id };
  RtesJournal *journal;

  g_return_val_if_fail (path != NULL, NULL);

  if (id == NULL)
    {
      g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_INVALID_ID,
                   _("%s: not the journal of a fiche"), path);
      return NULL;
    }
  /* Never through a symlink, never a FIFO or a device, never more than a
   * journal can hold. */
  bytes = rtes_safe_file_read_path (path, RTES_JOURNAL_MAX_SIZE, &local_error);
  if (bytes == NULL)
    {
      g_set_error_literal (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_IO, local_error->message);
      return NULL;
    }

  /* A fiche inside an object: the state's depth and size, not a fiche's. */
  journal = rtes_json_read (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                            RTES_JSON_STATE, path, read_journal, &context, error);
  if (journal != NULL)
    {
      journal->path = g_strdup (path);
      journal->id = g_steal_pointer (&id);
    }
  return journal;
}

/* Scanning ------------------------------------------------------------------ */

static gint64
mtime_usec (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return G_MININT64;
#if defined(__linux__)
  return (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
#else
  return (gint64) st.st_mtime * G_USEC_PER_SEC;
#endif
}

GPtrArray *
rtes_journal_scan (const char *library_path)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *dir_path = g_build_filename (library_path, RTES_LIBRARY_STATE_DIR,
                                                RTES_JOURNAL_DIR, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return g_steal_pointer (&found);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *journal_path = NULL;
      g_autofree char *fiche_path = NULL;
      g_autofree char *id = NULL;
      g_autoptr(GBytes) fiche_data = NULL;
      g_autoptr(RtesJournal) journal = NULL;
      g_autoptr(GError) error = NULL;

      /* Temporary files of a write cut short are not journals. */
      id = rtes_id_from_filename (name);
      if (id == NULL)
        continue;

      journal_path = g_build_filename (dir_path, name, NULL);
      fiche_path = rtes_id_build_path (library_path, id);
      journal = rtes_journal_read (journal_path, &error);
      if (journal == NULL)
        {
          /* Written atomically, so not a torn write: leave the file for a
           * person to look at rather than delete it. */
          g_warning ("Ignoring the recovery journal %s: %s", journal_path, error->message);
          continue;
        }

      fiche_data = rtes_safe_file_read_path (fiche_path, RTES_JSON_MAX_FICHE_SIZE, NULL);
      if (fiche_data != NULL)
        {
          g_autoptr(RtesFiche) on_disk = rtes_fiche_new_from_data (g_bytes_get_data (fiche_data, NULL),
                                                                   g_bytes_get_size (fiche_data),
                                                                   fiche_path, NULL);

          if (on_disk != NULL && rtes_fiche_equal (on_disk, journal->fiche) &&
              g_hash_table_size (journal->pending) == 0)
            {
              /* Saved after all (a crash between the save and the
               * journal's removal): nothing to offer. */
              rtes_journal_remove (journal_path);
              continue;
            }
          /* The file changed after the journal was written (a git pull
           * after the crash, say): the journal is older than what is on
           * disk, so it is not offered; it stays for a person to inspect. */
          if (mtime_usec (fiche_path) > mtime_usec (journal_path))
            continue;
        }

      g_ptr_array_add (found, g_steal_pointer (&journal));
    }

  return g_steal_pointer (&found);
}
