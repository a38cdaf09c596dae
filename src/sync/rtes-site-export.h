/* rtes-site-export.h: the site's JSON export, read and checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rtes-fiche.h"

G_BEGIN_DECLS

#define RTES_SITE_EXPORT_FORMAT  "rtes-site-export"
#define RTES_SITE_EXPORT_VERSION 1

#define RTES_TYPE_SITE_EXPORT (rtes_site_export_get_type ())
G_DECLARE_FINAL_TYPE (RtesSiteExport, rtes_site_export, RTES, SITE_EXPORT, GObject)

/* Parses `GET BASE/export/fiches.json`. Every entry is checked before any is
 * accepted: an entry of the wrong type, an id that is not a slug (so never a
 * path such as "../x"), a missing revision or a duplicate id fails the whole
 * export with RTES_SYNC_ERROR_INVALID_EXPORT naming the place
 * ("fiches.json: fiches[3].id: …"). @source names the document in messages. */
RtesSiteExport *rtes_site_export_new_from_data    (const char      *data,
                                                   gsize            length,
                                                   const char      *source,
                                                   GError         **error);

typedef enum {
  /* The site's answer to a pull: every entry has its revision. */
  RTES_SITE_EXPORT_READ_ANSWER = 0,
  /* A file a person gives the import: revisions may be missing, the
   * document may be one fiche ({"format": "rtes-fiche", …}), and a UTF-8
   * byte order mark before it is skipped. */
  RTES_SITE_EXPORT_READ_FILE   = 1 << 0,
} RtesSiteExportReadFlags;

/* The same, as @flags say. When @version is not NULL it is set to the
 * export's version once it was read (0 before that), so that a caller can
 * tell a newer export, which needs an update, from a broken one. */
RtesSiteExport *rtes_site_export_new_from_data_full (const char               *data,
                                                     gsize                     length,
                                                     const char               *source,
                                                     RtesSiteExportReadFlags   flags,
                                                     gint64                   *version,
                                                     GError                  **error);

/* The answer to a pull whose ETag still matched (304): no fiches. */
RtesSiteExport *rtes_site_export_new_not_modified (void);
gboolean        rtes_site_export_is_not_modified  (RtesSiteExport  *self);

/* The ETag the site sent with the export, or NULL. */
const char     *rtes_site_export_get_etag         (RtesSiteExport  *self);
void            rtes_site_export_set_etag         (RtesSiteExport  *self,
                                                   const char      *etag);

/* Fiches in the order of the export. The fiches belong to the export. */
guint           rtes_site_export_get_n_fiches     (RtesSiteExport  *self);
RtesFiche      *rtes_site_export_get_fiche        (RtesSiteExport  *self,
                                                   guint            position);
RtesFiche      *rtes_site_export_lookup           (RtesSiteExport  *self,
                                                   const char      *id);
/* The site's revision of fiche @id, or NULL if the export does not have it. */
const char     *rtes_site_export_get_revision     (RtesSiteExport  *self,
                                                   const char      *id);

/* TRUE if @revision can be sent back in an If-Match header: 1 to 200
 * visible ASCII characters, no quote or backslash. */
gboolean        rtes_site_revision_is_valid       (const char      *revision);

G_END_DECLS
