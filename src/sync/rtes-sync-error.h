/* rtes-sync-error.h: the error domain of the sync subsystem
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RTES_SYNC_ERROR (rtes_sync_error_quark ())

/**
 * RtesSyncError:
 * @RTES_SYNC_ERROR_INVALID_SITE: the site address is not a usable URL, or is
 *   plain http to a host that is not loopback without allow-insecure
 * @RTES_SYNC_ERROR_NO_SITE: no site address is configured
 * @RTES_SYNC_ERROR_NETWORK: connecting, sending or receiving failed (refused,
 *   reset, body cut short)
 * @RTES_SYNC_ERROR_TLS: the site's certificate was refused
 * @RTES_SYNC_ERROR_TIMEOUT: the connect or total time-out expired
 * @RTES_SYNC_ERROR_TOO_LARGE: the answer is larger than the size limit
 * @RTES_SYNC_ERROR_SERVER: a 5xx answer, or a status the protocol does not
 *   have (redirects included: they are never followed)
 * @RTES_SYNC_ERROR_INVALID_EXPORT: the export or an answer's body is not what
 *   the protocol says (message names the member, e.g. "fiches[3].id")
 * @RTES_SYNC_ERROR_PRECONDITION: 412, the site's copy changed since the base
 * @RTES_SYNC_ERROR_UNAUTHORIZED: 401 or 403, the token is missing or wrong
 * @RTES_SYNC_ERROR_REFUSED: 422, the site refused the document (message is
 *   the site's own)
 * @RTES_SYNC_ERROR_STATE: the sync state under .rtes-fiches/sync is unreadable
 * @RTES_SYNC_ERROR_NO_CONFLICT: resolve was asked for a conflict that is not open
 * @RTES_SYNC_ERROR_INSECURE: publishing would send the token unencrypted
 *   (plain http to a host that is not loopback, or plain http through a
 *   proxy); nothing was sent
 *
 * Cancellation is reported as G_IO_ERROR_CANCELLED, as everywhere in GIO.
 */
typedef enum {
  RTES_SYNC_ERROR_INVALID_SITE,
  RTES_SYNC_ERROR_NO_SITE,
  RTES_SYNC_ERROR_NETWORK,
  RTES_SYNC_ERROR_TLS,
  RTES_SYNC_ERROR_TIMEOUT,
  RTES_SYNC_ERROR_TOO_LARGE,
  RTES_SYNC_ERROR_SERVER,
  RTES_SYNC_ERROR_INVALID_EXPORT,
  RTES_SYNC_ERROR_PRECONDITION,
  RTES_SYNC_ERROR_UNAUTHORIZED,
  RTES_SYNC_ERROR_REFUSED,
  RTES_SYNC_ERROR_STATE,
  RTES_SYNC_ERROR_NO_CONFLICT,
  RTES_SYNC_ERROR_INSECURE,
} RtesSyncError;

GQuark rtes_sync_error_quark (void);

G_END_DECLS
