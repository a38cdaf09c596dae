/* rtes-test-site.h: a fake RTES site that follows the sync protocol
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What GET /export/fiches.json does instead of answering properly. */
typedef enum {
  RTES_TEST_FAULT_NONE,
  RTES_TEST_FAULT_500,          /* 500 Internal Server Error */
  RTES_TEST_FAULT_RESET,        /* headers and part of the body, then the connection closes */
  RTES_TEST_FAULT_TRUNCATED,    /* 200 with the export's JSON cut in the middle */
  RTES_TEST_FAULT_INVALID,      /* 200 with a body that is not JSON */
  RTES_TEST_FAULT_HOSTILE,      /* 200 with an entry whose id is "../x" */
  RTES_TEST_FAULT_SLOW,         /* accepts the request, never answers */
  RTES_TEST_FAULT_SLOW_BODY,    /* sends the headers and a few bytes, then nothing */
  RTES_TEST_FAULT_HUGE_LENGTH,  /* announces a 100 MB body, sends a few bytes */
  RTES_TEST_FAULT_HUGE_STREAM,  /* chunked body that never ends */
  RTES_TEST_FAULT_REDIRECT,     /* 301 to a plain http address */
} RtesTestFault;

typedef struct _RtesTestSite RtesTestSite;

/* Listens on 127.0.0.1, on a port of the system's choice. */
RtesTestSite *rtes_test_site_new            (void);
/* The same over https with the certificate and key in @pem_path, which
 * no client trusts: for checking that certificate errors are refused. */
RtesTestSite *rtes_test_site_new_https      (const char   *pem_path);
void          rtes_test_site_free           (RtesTestSite *site);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RtesTestSite, rtes_test_site_free)

/* "http://127.0.0.1:<port>" */
const char   *rtes_test_site_get_url        (RtesTestSite *site);

/* A site-side edit: stores the fiche document @json (its "id" names it),
 * gives it a new revision and changes the export's ETag. */
void          rtes_test_site_put            (RtesTestSite *site,
                                             const char   *json);
void          rtes_test_site_remove         (RtesTestSite *site,
                                             const char   *id);
/* The site's copy of @id (NULL if none), and its revision. */
JsonNode     *rtes_test_site_get            (RtesTestSite *site,
                                             const char   *id);
const char   *rtes_test_site_get_revision   (RtesTestSite *site,
                                             const char   *id);

/* PUT needs "Authorization: Bearer @token". */
void          rtes_test_site_set_token      (RtesTestSite *site,
                                             const char   *token);
void          rtes_test_site_set_fault      (RtesTestSite *site,
                                             RtesTestFault fault);
/* Every PUT answers 422 {"error": @message} (NULL: accept). */
void          rtes_test_site_set_refusal    (RtesTestSite *site,
                                             const char   *message);
/* GET /export/fiches.json answers 200 with exactly these @length bytes
 * (a hostile or broken export; NULL: the real export). */
void          rtes_test_site_set_export_body (RtesTestSite *site,
                                              const char   *body,
                                              gsize         length);
/* Every PUT that would be stored answers @status with exactly these
 * @length bytes instead of {"revision": …}; the fiche is stored all the
 * same (NULL: the normal answer). */
void          rtes_test_site_set_put_answer (RtesTestSite *site,
                                             guint         status,
                                             const char   *body,
                                             gsize         length);
/* Every PUT answers 500. */
void          rtes_test_site_set_put_error  (RtesTestSite *site,
                                             gboolean      fail);
/* Just before the next PUT of the fiche named in @json, someone edits it
 * on the site: @json is stored first, so a stale If-Match gets 412. */
void          rtes_test_site_edit_before_put (RtesTestSite *site,
                                              const char   *json);

/* What the site saw. */
typedef struct {
  guint gets;
  guint not_modified;   /* GETs answered 304 */
  guint puts;
  guint stored;         /* PUTs answered 200/201 */
  guint precondition_failed;
  char *last_if_match;        /* of the last PUT, or NULL */
  char *last_if_none_match;   /* of the last PUT, or NULL */
  char *last_authorization;
} RtesTestSiteStats;

RtesTestSiteStats *rtes_test_site_get_stats (RtesTestSite *site);

/* Runs the CLI on @library with @token in its environment (NULL: none)
 * while the site answers; gives what it printed in @out and @err unless
 * they are NULL, and returns the exit status. */
int rtes_test_site_run_cli (const char  *library,
                            const char  *token,
                            char       **out,
                            char       **err,
                            ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
