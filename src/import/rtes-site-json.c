/* rtes-site-json.c: reading the RTES site's JSON export
 *
 * The site's export is a list of fiche documents, each with a "revision"
 * that belongs to sync, not to the fiche file: it is taken out before the
 * document is read, so the file written is the fiche and nothing else.
 * One bad entry fails the whole import: writing the good ones would leave
 * the library half updated from an export nobody could check.
 *
 * Sync reads the same export in rtes-site-export.c, on purpose apart: an
 * import also takes a single fiche document and a file without revisions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rtes-fiche-json.h"
#include "rtes-import-error.h"
#include "rtes-imported-fiche.h"
#include "rtes-site-json.h"

#define SITE_EXPORT_FORMAT  "rtes-site-export"
#define SITE_EXPORT_VERSION 1

gboolean
rtes_site_json_detect (const char *data,
                       gsize       length)
{
  gsize i = 0;

  /* A UTF-8 byte order mark is allowed before the document. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  for (; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      return data[i] == '{';
  return FALSE;
}

/* Reads the fiche at @path ("fiches[3]", or NULL for the root). */
static RtesImportedFiche *
read_entry (JsonNode           *node,
            const char         *document,
            const char         *path,
            RtesJsonPositions  *positions,
            GError            **error)
{
  g_autoptr(RtesFiche) fiche = NULL;
  g_autofree char *revision = NULL;
  g_autofree char *source = path ? g_strdup_printf ("%s: %s", document, path) : g_strdup (document);
  RtesImportedFiche *imported;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_FORMAT,
                   _("%s: a fiche must be a JSON object"), source);
      return NULL;
    }
  if (json_object_has_member (json_node_get_object (node), "revision"))
    {
      JsonNode *rev = json_object_get_member (json_node_get_object (node), "revision");

      if (!JSON_NODE_HOLDS_VALUE (rev) || json_node_get_value_type (rev) != G_TYPE_STRING)
        {
          g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_FORMAT,
                       _("%s.revision: expected a string"), source);
          return NULL;
        }
      revision = g_strdup (json_node_get_string (rev));
      json_object_remove_member (json_node_get_object (node), "revision");
    }

  fiche = rtes_fiche_new_from_json_at (node, document, path, positions, error);
  /* Each fiche becomes a file, which must read back. */
  if (fiche == NULL || !rtes_fiche_check_size (fiche, source, error))
    return NULL;
  imported = rtes_imported_fiche_new (fiche, 0);
  rtes_imported_fiche_add_fields (imported, RTES_IMPORT_FIELD_DOCUMENT);
  rtes_imported_fiche_set_revision (imported, revision);
  return imported;
}

static gpointer
read_export (JsonNode           *root,
             RtesJsonPositions  *positions,
             gpointer            user_data,
             GError            **error)
{
  const char *source = user_data;
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *object;
  JsonNode *member;
  const char *format;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_FORMAT,
                   _("%s: not a site export: the document is not a JSON object"), source);
      return NULL;
    }
  object = json_node_get_object (root);
  member = json_object_get_member (object, "format");
  format = (member != NULL && JSON_NODE_HOLDS_VALUE (member)
            && json_node_get_value_type (member) == G_TYPE_STRING)
           ? json_node_get_string (member) : NULL;

  if (g_strcmp0 (format, "rtes-fiche") == 0)
    {
      RtesImportedFiche *imported = read_entry (root, source, NULL, positions, error);

      if (imported == NULL)
        return NULL;
      g_ptr_array_add (result, imported);
      return g_steal_pointer (&result);
    }

  if (g_strcmp0 (format, SITE_EXPORT_FORMAT) != 0)
    {
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_FORMAT,
                   _("%s: not a site export: “format” must be “%s” or “rtes-fiche”"),
                   source, SITE_EXPORT_FORMAT);
      return NULL;
    }

  member = json_object_get_member (object, "version");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member)
      || json_node_get_value_type (member) != G_TYPE_INT64)
    {
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_FORMAT,
                   _("%s.version: expected an integer"), source);
      return NULL;
    }
  if (json_node_get_int (member) > SITE_EXPORT_VERSION)
    {
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_NEWER_VERSION,
                   _("%s: site export version %lld is newer than this "
                     "application reads (%d); update the application"),
                   source, (long long) json_node_get_int (member), SITE_EXPORT_VERSION);
      return NULL;
    }

  member = json_object_get_member (object, "fiches");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    {
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_FORMAT,
                   _("%s.fiches: expected an array"), source);
      return NULL;
    }

  {
    JsonArray *fiches = json_node_get_array (member);
    guint n = json_array_get_length (fiches);

    for (guint i = 0; i < n; i++)
      {
        g_autofree char *path = g_strdup_printf ("fiches[%u]", i);
        RtesImportedFiche *imported = read_entry (json_array_get_element (fiches, i),
                                                  source, path, positions, error);

        if (imported == NULL)
          return NULL;
        g_ptr_array_add (result, imported);
      }
  }
  if (result->len == 0)
    {
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_NO_FICHE,
                   _("%s: the export holds no fiche"), source);
      return NULL;
    }
  return g_steal_pointer (&result);
}

GPtrArray *
rtes_site_json_parse (const char  *data,
                      gsize        length,
                      const char  *source,
                      GError     **error)
{
  /* A file a person saved may start with a byte order mark, which the
   * strict reader refuses: it is not part of the document. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  return rtes_json_read (data, length, RTES_JSON_EXPORT, source, read_export, (gpointer) source,
                         error);
}
