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

#include <glib/gi18n.h>
#include <string.h>

#include "rtes-fiche-json.h"
#include "rtes-journal.h"
#include "rtes-json-reader.h"
#include "rtes-json-writer.h"
#include "rtes-text.h"

#define JOURNAL_FORMAT  "rtes-journal"
#define JOURNAL_VERSION 1

struct _RtesJournal
{
  GObject parent_instance;

  char *id;
  RtesFiche *fiche;
  GHashTable *pending;      /* member path → text */
};

G_DEFINE_FINAL_TYPE (RtesJournal, rtes_journal, G_TYPE_OBJECT)

static void
rtes_journal_finalize (GObject *object)
{
  RtesJournal *self = RTES_JOURNAL (object);

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

GHashTable *
rtes_journal_get_pending (RtesJournal *self)
{
  g_return_val_if_fail (RTES_IS_JOURNAL (self), NULL);
  return self->pending;
}

/* Writing ---------------------------------------------------------------- */

/* ".rtes-fiches/recovery/<id>.json": where the journal of @id lives
 * inside its library; NULL (and the error) when @id is not a slug. */
static char *
rtes_journal_relative_path (const char  *id,
                            GError     **error)
{
  /* The id becomes a file name: never let anything but a slug through. */
  if (!rtes_id_is_valid (id))
    {
      g_set_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_INVALID_ID,
                   _("“%s” is not a valid fiche identifier"), id ? id : "");
      return NULL;
    }
  return g_strconcat (RTES_LIBRARY_STATE_DIR "/" RTES_JOURNAL_DIR "/", id, ".json", NULL);
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
  rtes_json_builder_add_string (builder, "format", JOURNAL_FORMAT);
  rtes_json_builder_add_int (builder, "version", JOURNAL_VERSION);
  rtes_json_builder_add_string (builder, "id", rtes_fiche_get_id (fiche));
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
          rtes_json_builder_add_string (builder, l->data, g_hash_table_lookup (pending, l->data));
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
rtes_journal_write (RtesLibraryDir  *dir,
                    const char      *id,
                    const char      *data,
                    gsize            length,
                    GError         **error)
{
  g_autofree char *relative = rtes_journal_relative_path (id, error);
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (dir != NULL, FALSE);

  if (relative == NULL)
    return FALSE;
  if (!rtes_library_dir_write_full (dir, relative, data, length, RTES_ATOMIC_WRITE_NO_FLUSH,
                                    &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not write the recovery journal: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
rtes_journal_remove (RtesLibraryDir  *dir,
                     const char      *id,
                     GError         **error)
{
  g_autofree char *relative = rtes_journal_relative_path (id, error);
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (dir != NULL, FALSE);

  if (relative == NULL)
    return FALSE;
  if (!rtes_library_dir_delete (dir, relative, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not remove the recovery journal: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Reading ------------------------------------------------------------------ */

typedef struct
{
  const char *path;
  const char *id;
} ReadContext;

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
      if (rtes_json_get_string (node) == NULL)
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
  format = rtes_json_get_string_member (object, "format");

  if (g_strcmp0 (format, RTES_FICHE_FORMAT) == 0)
    {
      /* A journal of an older version: the fiche document alone. */
      journal->fiche = rtes_fiche_new_from_json (root, context->path, positions, error);
    }
  else if (g_strcmp0 (format, JOURNAL_FORMAT) == 0)
    {
      gint64 version = 0;

      if (!rtes_json_get_int (json_object_get_member (object, "version"), &version) || version != JOURNAL_VERSION)
        {
          g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_NEWER_VERSION,
                       _("%s: version: not a journal version this program reads"), context->path);
          return NULL;
        }
      if (g_strcmp0 (rtes_json_get_string_member (object, "id"), context->id) != 0)
        {
          g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_INVALID_ID,
                       _("%s: id: does not match the file name (expected “%s”)"),
                       context->path, context->id);
          return NULL;
        }
      if (rtes_json_get_object (json_object_get_member (object, "fiche")) == NULL)
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
          JsonObject *pending = rtes_json_get_object (json_object_get_member (object, "pending"));

          if (pending == NULL)
            {
              g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_TYPE,
                           _("%s: pending: expected an object"), context->path);
              return NULL;
            }
          if (!read_pending (pending, context->path, journal->pending, error))
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
rtes_journal_read (RtesLibraryDir  *dir,
                   const char      *id,
                   GError         **error)
{
  g_autofree char *relative = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  ReadContext context;
  RtesJournal *journal;

  g_return_val_if_fail (dir != NULL, NULL);

  relative = rtes_journal_relative_path (id, error);
  if (relative == NULL)
    return NULL;
  path = rtes_library_dir_display (dir, relative);
  context.path = path;
  context.id = id;
  /* Never through a link, never a FIFO or a device, never more than a
   * journal can hold. */
  bytes = rtes_library_dir_read (dir, relative, RTES_JOURNAL_MAX_SIZE, &local_error);
  if (bytes == NULL)
    {
      g_set_error_literal (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_IO, local_error->message);
      return NULL;
    }

  /* A fiche inside an object: the state's depth and size, not a fiche's. */
  journal = rtes_json_read (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                            RTES_JSON_STATE, path, read_journal, &context, error);
  if (journal != NULL)
    journal->id = g_strdup (id);
  return journal;
}

/* Scanning ------------------------------------------------------------------ */

/* Whether the fiche file of @id changed after its journal was written. */
static gboolean
file_newer_than_journal (RtesLibraryDir *dir,
                         const char     *id,
                         const char     *journal)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  gint64 file_time, journal_time;

  return rtes_library_dir_get_mtime (dir, name, &file_time, NULL)
         && rtes_library_dir_get_mtime (dir, journal, &journal_time, NULL)
         && file_time > journal_time;
}

GPtrArray *
rtes_journal_scan (RtesLibraryDir *dir)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) list_error = NULL;
  g_auto(GStrv) names = NULL;

  g_return_val_if_fail (dir != NULL, NULL);

  /* Through the library folder, links refused: a .rtes-fiches or a
   * recovery folder that leads elsewhere is neither read nor cleaned. */
  names = rtes_library_dir_list (dir, RTES_LIBRARY_STATE_DIR "/" RTES_JOURNAL_DIR, &list_error);
  if (names == NULL)
    {
      g_warning ("No recovery journals read: %s", list_error->message);
      return g_steal_pointer (&found);
    }

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *relative = NULL;
      g_autofree char *fiche_name = NULL;
      g_autofree char *id = NULL;
      g_autoptr(GBytes) fiche_data = NULL;
      g_autoptr(RtesJournal) journal = NULL;
      g_autoptr(GError) error = NULL;

      /* Temporary files of a write cut short are not journals. */
      id = rtes_id_from_filename (names[i]);
      if (id == NULL)
        continue;

      journal = rtes_journal_read (dir, id, &error);
      if (journal == NULL)
        {
          /* Written atomically, so not a torn write: leave the file for a
           * person to look at rather than delete it. */
          g_warning ("Ignoring a recovery journal: %s", error->message);
          continue;
        }

      relative = rtes_journal_relative_path (id, NULL);
      fiche_name = g_strconcat (id, ".json", NULL);
      fiche_data = rtes_library_dir_read (dir, fiche_name, RTES_JSON_MAX_FICHE_SIZE, NULL);
      if (fiche_data != NULL)
        {
          g_autoptr(RtesFiche) on_disk = rtes_fiche_new_from_data (g_bytes_get_data (fiche_data, NULL),
                                                                   g_bytes_get_size (fiche_data),
                                                                   fiche_name, NULL);

          if (on_disk != NULL && rtes_fiche_equal (on_disk, journal->fiche) &&
              g_hash_table_size (journal->pending) == 0)
            {
              g_autoptr(GError) remove_error = NULL;

              /* Saved after all (a crash between the save and the
               * journal's removal): nothing to offer. */
              if (!rtes_journal_remove (dir, id, &remove_error))
                g_warning ("%s", remove_error->message);
              continue;
            }
          /* The file changed after the journal was written (a git pull
           * after the crash, say): the journal is older than what is on
           * disk, so it is not offered; it stays for a person to inspect. */
          if (file_newer_than_journal (dir, id, relative))
            continue;
        }

      g_ptr_array_add (found, g_steal_pointer (&journal));
    }

  return g_steal_pointer (&found);
}
