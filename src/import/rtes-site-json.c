/* rtes-site-json.c: reading the RTES site's JSON export
 *
 * The export is read by sync's reader (rtes-site-export.c), the one
 * reader of the site's format, in its lenient mode for files a person
 * gives: revisions may be missing and the file may be one fiche document.
 * Each entry becomes an RtesImportedFiche that brings its whole document.
 * One bad entry fails the whole import: writing the good ones would leave
 * the library half updated from an export nobody could check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rtes-import-error.h"
#include "rtes-imported-fiche.h"
#include "rtes-site-export.h"
#include "rtes-site-json.h"

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

/* The reader speaks of the site's export in sync's terms; the import
 * gives the same message with its own codes. */
static void
set_import_error (GError  **error,
                  GError   *reader_error,
                  gint64    version)
{
  int code = version > RTES_SITE_EXPORT_VERSION ? RTES_IMPORT_ERROR_NEWER_VERSION
                                                 : RTES_IMPORT_ERROR_FORMAT;

  g_set_error_literal (error, RTES_IMPORT_ERROR, code, reader_error->message);
}

GPtrArray *
rtes_site_json_parse (const char  *data,
                      gsize        length,
                      const char  *source,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(RtesSiteExport) export = NULL;
  g_autoptr(GPtrArray) result = NULL;
  gint64 version = 0;
  guint n;

  export = rtes_site_export_new_from_data_full (data, length, source, RTES_SITE_EXPORT_READ_FILE,
                                                &version, &local_error);
  if (export == NULL)
    {
      set_import_error (error, local_error, version);
      return NULL;
    }
  n = rtes_site_export_get_n_fiches (export);
  if (n == 0)
    {
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_NO_FICHE,
                   _("%s: the export holds no fiche"), source);
      return NULL;
    }
  result = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      RtesFiche *fiche = rtes_site_export_get_fiche (export, i);
      RtesImportedFiche *imported = rtes_imported_fiche_new (fiche, 0);

      rtes_imported_fiche_add_fields (imported, RTES_IMPORT_FIELD_DOCUMENT);
      rtes_imported_fiche_set_revision (imported,
                                        rtes_site_export_get_revision (export, rtes_fiche_get_id (fiche)));
      g_ptr_array_add (result, imported);
    }
  return g_steal_pointer (&result);
}
