/* rtes-site-export.c: the site's JSON export, read and checked
 *
 * The export comes from the network, so it is hostile until proven
 * otherwise: every member is type-checked before it is read and every id
 * is checked as a slug before anything can use it to build a file name.
 * The revision is sync metadata, not part of the fiche, so it is taken out
 * of each entry before the entry is read as a fiche document.
 *
 * This is the one reader of the export: sync reads the site's answer,
 * import (rtes-site-json.c) a file a person gives it, more leniently
 * (RTES_SITE_EXPORT_READ_FILE: no revisions needed, one fiche document
 * allowed, a byte order mark skipped).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rtes-fiche-json.h"
#include "rtes-json-reader.h"
#include "rtes-site-export.h"
#include "rtes-sync-error.h"
#include "rtes-text.h"

struct _RtesSiteExport
{
  GObject parent_instance;

  gboolean not_modified;
  char *etag;
  GPtrArray *fiches;      /* RtesFiche*, export order */
  GHashTable *by_id;      /* id → RtesFiche* (borrowed from fiches) */
  GHashTable *revisions;  /* id → revision */
};

G_DEFINE_FINAL_TYPE (RtesSiteExport, rtes_site_export, G_TYPE_OBJECT)

static void
rtes_site_export_finalize (GObject *object)
{
  RtesSiteExport *self = RTES_SITE_EXPORT (object);

  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->revisions, g_hash_table_unref);
  g_clear_pointer (&self->fiches, g_ptr_array_unref);

  G_OBJECT_CLASS (rtes_site_export_parent_class)->finalize (object);
}

static void
rtes_site_export_class_init (RtesSiteExportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rtes_site_export_finalize;
}

static void
rtes_site_export_init (RtesSiteExport *self)
{
  self->fiches = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->revisions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* What one reading needs besides the export: how lenient to be, and
 * where to say which version a refused export had. */
typedef struct {
  const char              *source;
  RtesSiteExportReadFlags  flags;
  gint64                   version;
} Reading;

static gboolean
check_version (JsonObject  *root,
               const char  *place,
               Reading     *reading,
               GError     **error)
{
  if (!rtes_json_get_int (json_object_get_member (root, "version"), &reading->version))
    {
      g_set_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_EXPORT,
                   _("%s: version: expected an integer"), place);
      return FALSE;
    }
  if (reading->version > RTES_SITE_EXPORT_VERSION)
    {
      g_set_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_EXPORT,
                   _("%s: site export version %lld is newer than this application reads (%d); "
                     "update the application"),
                   place, (long long) reading->version, RTES_SITE_EXPORT_VERSION);
      return FALSE;
    }
  if (reading->version != RTES_SITE_EXPORT_VERSION)
    {
      g_set_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_EXPORT,
                   _("%s: version %lld of the site export is not supported (this version reads %d)"),
                   place, (long long) reading->version, RTES_SITE_EXPORT_VERSION);
      return FALSE;
    }
  return TRUE;
}

/* Reads the fiche @entry, at @path ("fiches[3]", or NULL when the document
 * is one fiche); on success takes the revision out of @entry. */
static RtesFiche *
read_entry (RtesSiteExport     *self,
            JsonNode           *entry,
            const char         *path,
            Reading            *reading,
            RtesJsonPositions  *positions,
            char              **revision_out,
            GError            **error)
{
  g_autofree char *place = path ? g_strdup_printf ("%s: %s", reading->source, path)
                                : g_strdup (reading->source);
  gboolean optional = (reading->flags & RTES_SITE_EXPORT_READ_FILE) != 0;
  JsonObject *object;
  const char *id;
  JsonNode *revision_node;
  const char *revision;
  RtesFiche *fiche;

  if (!JSON_NODE_HOLDS_OBJECT (entry))
    {
      g_set_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_EXPORT,
                   _("%s: expected a fiche object"), place);
      return NULL;
    }
  object = json_node_get_object (entry);
  id = rtes_json_get_string_member (object, "id");
  if (id == NULL || !rtes_id_is_valid (id))
    {
      g_set_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_EXPORT,
                   _("%s.id: expected an id made of lower-case letters, digits and dashes"),
                   place);
      return NULL;
    }
  if (g_hash_table_contains (self->by_id, id))
    {
      g_set_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_EXPORT,
                   _("%s.id: “%s” appears twice in the export"),
                   place, id);
      return NULL;
    }
  /* A file a person saved from the site may have lost its revisions;
   * one that has them gives them exactly as the site would. */
  revision_node = json_object_get_member (object, "revision");
  revision = rtes_json_get_string (revision_node);
  if (!(optional && revision_node == NULL)
      && (revision == NULL || !rtes_site_revision_is_valid (revision)))
    {
      g_set_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_EXPORT,
                   _("%s.revision: expected a string of 1 to 200 visible ASCII characters"), place);
      return NULL;
    }
  *revision_out = g_strdup (revision);
  json_object_remove_member (object, "revision");

  /* Its error says which member is wrong; the caller makes it the export's. */
  fiche = rtes_fiche_new_from_json_at (entry, reading->source, path, positions, error);
  /* Each fiche becomes a file and a base copy, which must read back. */
  if (fiche != NULL && !rtes_fiche_check_size (fiche, place, error))
    g_clear_object (&fiche);
  if (fiche == NULL)
    g_clear_pointer (revision_out, g_free);
  return fiche;
}

static gboolean
add_entry (RtesSiteExport     *self,
           JsonNode           *entry,
           const char         *path,
           Reading            *reading,
           RtesJsonPositions  *positions,
           GError            **error)
{
  g_autofree char *revision = NULL;
  RtesFiche *fiche = read_entry (self, entry, path, reading, positions, &revision, error);
  const char *id;

  if (fiche == NULL)
    return FALSE;
  g_ptr_array_add (self->fiches, fiche);
  id = rtes_fiche_get_id (fiche);
  g_hash_table_insert (self->by_id, (gpointer) id, fiche);
  if (revision != NULL)
    g_hash_table_insert (self->revisions, g_strdup (id), g_steal_pointer (&revision));
  return TRUE;
}

static gboolean
read_fiches (RtesSiteExport     *self,
             JsonObject         *root,
             Reading            *reading,
             RtesJsonPositions  *positions,
             GError            **error)
{
  JsonNode *fiches = json_object_get_member (root, "fiches");
  JsonArray *array;

  if (fiches == NULL || !JSON_NODE_HOLDS_ARRAY (fiches))
    {
      g_set_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_EXPORT,
                   _("%s: fiches: expected an array"), reading->source);
      return FALSE;
    }
  array = json_node_get_array (fiches);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("fiches[%u]", i);

      if (!add_entry (self, json_array_get_element (array, i), path, reading, positions, error))
        return FALSE;
    }
  return TRUE;
}

static gpointer
read_export (JsonNode           *root,
             RtesJsonPositions  *positions,
             gpointer            user_data,
             GError            **error)
{
  g_autoptr(RtesSiteExport) self = g_object_new (RTES_TYPE_SITE_EXPORT, NULL);
  Reading *reading = user_data;
  const char *name;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_EXPORT,
                   _("%s: expected a JSON object"), reading->source);
      return NULL;
    }
  name = rtes_json_get_string_member (json_node_get_object (root), "format");

  /* A file may be one fiche document, which reads its own version. */
  if ((reading->flags & RTES_SITE_EXPORT_READ_FILE) && g_strcmp0 (name, "rtes-fiche") == 0)
    return add_entry (self, root, NULL, reading, positions, error) ? g_steal_pointer (&self) : NULL;

  if (g_strcmp0 (name, RTES_SITE_EXPORT_FORMAT) != 0)
    {
      g_set_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_EXPORT,
                   _("%s: format: not a site export (expected “%s”)"),
                   reading->source, RTES_SITE_EXPORT_FORMAT);
      return NULL;
    }
  if (!check_version (json_node_get_object (root), reading->source, reading, error)
      || !read_fiches (self, json_node_get_object (root), reading, positions, error))
    return NULL;
  return g_steal_pointer (&self);
}

RtesSiteExport *
rtes_site_export_new_from_data (const char  *data,
                                gsize        length,
                                const char  *source,
                                GError     **error)
{
  return rtes_site_export_new_from_data_full (data, length, source, RTES_SITE_EXPORT_READ_ANSWER,
                                              NULL, error);
}

RtesSiteExport *
rtes_site_export_new_from_data_full (const char               *data,
                                     gsize                     length,
                                     const char               *source,
                                     RtesSiteExportReadFlags   flags,
                                     gint64                   *version,
                                     GError                  **error)
{
  g_autoptr(GError) local_error = NULL;
  Reading reading = { source, flags, 0 };
  RtesSiteExport *self;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  /* A file a person saved may start with a byte order mark, which the
   * strict reader refuses: it is not part of the document. */
  if ((flags & RTES_SITE_EXPORT_READ_FILE) && length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  /* By length: the body of an answer need not end with a NUL. */
  self = rtes_json_read (data, length, RTES_JSON_EXPORT, source, read_export, &reading,
                         &local_error);
  if (version != NULL)
    *version = reading.version;
  if (self != NULL)
    return self;
  if (g_error_matches (local_error, RTES_JSON_ERROR, RTES_JSON_ERROR_EMPTY))
    g_set_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_EXPORT,
                 _("%s: the site's answer is empty"), source);
  /* A document that does not parse, or a fiche that does not read. */
  else if (local_error->domain != RTES_SYNC_ERROR)
    g_set_error_literal (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_EXPORT,
                         local_error->message);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

RtesSiteExport *
rtes_site_export_new_not_modified (void)
{
  RtesSiteExport *self = g_object_new (RTES_TYPE_SITE_EXPORT, NULL);

  self->not_modified = TRUE;
  return self;
}

gboolean
rtes_site_export_is_not_modified (RtesSiteExport *self)
{
  g_return_val_if_fail (RTES_IS_SITE_EXPORT (self), FALSE);
  return self->not_modified;
}

const char *
rtes_site_export_get_etag (RtesSiteExport *self)
{
  g_return_val_if_fail (RTES_IS_SITE_EXPORT (self), NULL);
  return self->etag;
}

void
rtes_site_export_set_etag (RtesSiteExport *self,
                           const char     *etag)
{
  g_return_if_fail (RTES_IS_SITE_EXPORT (self));
  g_free (self->etag);
  self->etag = g_strdup (etag);
}

guint
rtes_site_export_get_n_fiches (RtesSiteExport *self)
{
  g_return_val_if_fail (RTES_IS_SITE_EXPORT (self), 0);
  return self->fiches->len;
}

RtesFiche *
rtes_site_export_get_fiche (RtesSiteExport *self,
                            guint           position)
{
  g_return_val_if_fail (RTES_IS_SITE_EXPORT (self), NULL);
  g_return_val_if_fail (position < self->fiches->len, NULL);
  return g_ptr_array_index (self->fiches, position);
}

RtesFiche *
rtes_site_export_lookup (RtesSiteExport *self,
                         const char     *id)
{
  g_return_val_if_fail (RTES_IS_SITE_EXPORT (self), NULL);
  return g_hash_table_lookup (self->by_id, id);
}

const char *
rtes_site_export_get_revision (RtesSiteExport *self,
                               const char     *id)
{
  g_return_val_if_fail (RTES_IS_SITE_EXPORT (self), NULL);
  return g_hash_table_lookup (self->revisions, id);
}

gboolean
rtes_site_revision_is_valid (const char *revision)
{
  gsize length;

  if (revision == NULL)
    return FALSE;
  length = strlen (revision);
  if (length == 0 || length > 200)
    return FALSE;
  /* It goes back into a header: nothing that could end or split it. */
  for (const char *p = revision; *p; p++)
    if (*p < 0x21 || *p > 0x7e || *p == '"' || *p == '\\')
      return FALSE;
  return TRUE;
}
