/* rtes-site-client.h: the one HTTP client of the site (pull the export,
 * publish a fiche, fetch a file for the import)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "rtes-fiche.h"
#include "rtes-site-export.h"

G_BEGIN_DECLS

#define RTES_TYPE_SITE_CLIENT (rtes_site_client_get_type ())
G_DECLARE_FINAL_TYPE (RtesSiteClient, rtes_site_client, RTES, SITE_CLIENT, GObject)

/* The export may not be larger than this (bytes). */
#define RTES_SITE_CLIENT_MAX_SIZE                (64 * 1024 * 1024)
/* Until the connection is made and the answer's headers are in (ms). */
#define RTES_SITE_CLIENT_DEFAULT_CONNECT_TIMEOUT (30 * 1000)
/* For the whole request, body included (ms). */
#define RTES_SITE_CLIENT_DEFAULT_TOTAL_TIMEOUT   (5 * 60 * 1000)

typedef enum {
  RTES_SITE_CLIENT_FLAGS_NONE     = 0,
  /* Allow pulling over plain http from any host. Without it, http is only
   * accepted for loopback addresses (localhost, 127.0.0.0/8, ::1), for
   * local tests. The token is never sent over it (see
   * rtes_site_client_publish_async()). */
  RTES_SITE_CLIENT_ALLOW_INSECURE = 1 << 0,
  /* The address is one file to fetch (rtes_site_client_fetch_async()),
   * not a site: it is kept as given, query included. */
  RTES_SITE_CLIENT_FILE_ADDRESS   = 1 << 1,
} RtesSiteClientFlags;

/* @session is the caller's: the application's, or a test's one with
 * "proxy-resolver" NULL. Certificates are checked by the session's TLS
 * database and a certificate error is never accepted. Redirects are never
 * followed (they could lead from https to http).
 * Fails with RTES_SYNC_ERROR_INVALID_SITE if @base_url is not an http(s)
 * address, or is plain http to a remote host without ALLOW_INSECURE. */
RtesSiteClient *rtes_site_client_new            (SoupSession          *session,
                                                 const char           *base_url,
                                                 RtesSiteClientFlags   flags,
                                                 GError              **error);

/* The address as given, without trailing slashes. */
const char     *rtes_site_client_get_base_url   (RtesSiteClient       *self);

/* The bearer token for publishing; kept in memory only, never logged nor
 * put in an error message. NULL sends no Authorization header. Give it
 * only for the site the person named (the command line, Preferences),
 * never for one read from a file. */
void            rtes_site_client_set_token      (RtesSiteClient       *self,
                                                 const char           *token);
/* FALSE when the token could never be sent to this site: plain http to a
 * host that is not loopback (allowed for pulling only). */
gboolean        rtes_site_client_can_send_token (RtesSiteClient       *self);
/* Time-outs in milliseconds; 0 means none. */
void            rtes_site_client_set_timeouts   (RtesSiteClient       *self,
                                                 guint                 connect_ms,
                                                 guint                 total_ms);

/* While the export downloads, ::download-progress (guint64 received,
 * gint64 total or -1 when the site does not say) is emitted per chunk. */

/* GET BASE/export/fiches.json, with If-None-Match @etag when not NULL.
 * The result is a checked export (see rtes_site_export_new_from_data()),
 * or one that rtes_site_export_is_not_modified() on 304. Errors are
 * RTES_SYNC_ERROR, or G_IO_ERROR_CANCELLED. */
void            rtes_site_client_pull_async     (RtesSiteClient       *self,
                                                 const char           *etag,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
RtesSiteExport *rtes_site_client_pull_finish    (RtesSiteClient       *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* PUT BASE/export/fiches/<id>.json with @fiche's canonical document, the
 * token, and If-Match "@revision" (or If-None-Match: * when @revision is
 * NULL: a fiche the site does not have yet). Returns the site's new
 * revision. 412 is RTES_SYNC_ERROR_PRECONDITION, 401/403
 * RTES_SYNC_ERROR_UNAUTHORIZED, 422 RTES_SYNC_ERROR_REFUSED with the site's
 * message.
 * The token travels only encrypted: over https (through a proxy too, which
 * then only tunnels), or over plain http to a loopback site on a direct
 * connection. Plain http to another host, or plain http that the session's
 * proxy resolver would send through any proxy, fails with
 * RTES_SYNC_ERROR_INSECURE before anything is sent. */
void            rtes_site_client_publish_async  (RtesSiteClient       *self,
                                                 RtesFiche            *fiche,
                                                 const char           *revision,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
char           *rtes_site_client_publish_finish (RtesSiteClient       *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* GET the client's address itself (not the site's export): a file a person
 * names for the import. The same rules as a pull (no redirect followed,
 * the time-outs, TLS errors refused) and the body refused as soon as it is
 * known to be larger than @max_size. @charset, when not NULL, is set to
 * the charset the answer's Content-Type names, or NULL. Errors are
 * RTES_SYNC_ERROR (a status other than 200 is RTES_SYNC_ERROR_SERVER), or
 * G_IO_ERROR_CANCELLED. */
void            rtes_site_client_fetch_async    (RtesSiteClient       *self,
                                                 gsize                 max_size,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GBytes         *rtes_site_client_fetch_finish   (RtesSiteClient       *self,
                                                 GAsyncResult         *result,
                                                 char                **charset,
                                                 GError              **error);

/* The one recipe for a session that talks to the site (the window, the
 * command line and the import use it): our user agent, no session-wide
 * time-out since each request has its own. */
SoupSession    *rtes_site_session_new           (void);

G_END_DECLS
