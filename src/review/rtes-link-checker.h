/* rtes-link-checker.h: do the links of a fiche's text still answer?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On demand only (a button of the Relecture panel, "check --links"): each
 * http(s) address of the fiche's text is asked for its headers with a
 * HEAD request (GET when a site refuses HEAD, closed after the headers),
 * with a time-out, following redirects only on the same host, never to
 * another site nor from https to plain http. The session is the caller's
 * (tests pass one with "proxy-resolver" NULL), as for RtesSiteClient.
 */
#pragma once

#include <libsoup/soup.h>

#include "rtes-fiche.h"
#include "rtes-finding.h"

G_BEGIN_DECLS

#define RTES_LINK_CHECKER_DEFAULT_TIMEOUT (10 * 1000)  /* ms, per link */
#define RTES_LINK_CHECKER_MAX_REDIRECTS   5

typedef enum {
  RTES_LINK_OK,              /* 2xx */
  RTES_LINK_BROKEN,          /* 4xx, 5xx, too many redirects, not an address */
  RTES_LINK_TIMEOUT,         /* no answer in time */
  RTES_LINK_REDIRECT_AWAY,   /* sent to another host (or to plain http): not followed */
  RTES_LINK_UNREACHABLE,     /* no such host, connection refused, TLS */
} RtesLinkStatus;

/* A link of a fiche's text: the field, the bytes of the address in it. */
typedef struct {
  char  *field;
  char  *uri;
  gsize  start;
  gsize  end;
} RtesLink;

/* The http(s) links of the prose of @fiche, in order (RtesLink*). */
GPtrArray *rtes_link_find_all               (RtesFiche *fiche);

#define RTES_TYPE_LINK_CHECKER (rtes_link_checker_get_type ())
G_DECLARE_FINAL_TYPE (RtesLinkChecker, rtes_link_checker, RTES, LINK_CHECKER, GObject)

RtesLinkChecker *rtes_link_checker_new         (SoupSession     *session);
/* Per link, redirects included; 0: none. */
void             rtes_link_checker_set_timeout (RtesLinkChecker *self,
                                                guint            timeout_ms);

/* One address. @detail receives what to tell a person: "404 Not Found",
 * the address a redirect leads to, the network's message. Fails only
 * when cancelled. */
void             rtes_link_checker_check_async  (RtesLinkChecker     *self,
                                                 const char          *uri,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
RtesLinkStatus   rtes_link_checker_check_finish (RtesLinkChecker     *self,
                                                 GAsyncResult        *result,
                                                 char               **detail,
                                                 GError             **error);

/* Every link of @fiche, each address once, all at a time: a finding of
 * kind RTES_FINDING_LINK for each link that is not RTES_LINK_OK. */
void             rtes_link_checker_review_async  (RtesLinkChecker     *self,
                                                  RtesFiche           *fiche,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GPtrArray       *rtes_link_checker_review_finish (RtesLinkChecker     *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
