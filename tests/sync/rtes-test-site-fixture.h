/* rtes-test-site-fixture.h: a library that syncs with a test site
 *
 * What the sync, review and conflict tests set up each time: an
 * RtesTestSite that wants a token, an empty library folder, and a site
 * client with that token, on a session that asks no proxy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-sync.h"
#include "rtes-test-site.h"

G_BEGIN_DECLS

typedef struct {
  RtesTestSite   *site;
  char           *dir;
  RtesLibrary    *library;
  SoupSession    *session;
  RtesSiteClient *client;
} RtesTestSiteFixture;

/* @prefix names the temporary folder; the site wants @token and the
 * client sends it. */
void             rtes_test_site_fixture_setup    (RtesTestSiteFixture *s,
                                                  const char          *prefix,
                                                  const char          *token);
/* Removes the library folder too, unless the test failed. */
void             rtes_test_site_fixture_teardown (RtesTestSiteFixture *s);

/* One sync of the library with the site, run to its end in the default
 * main context (where the site answers). With @error NULL, an error
 * fails the test. */
RtesSyncSummary *rtes_test_site_fixture_sync     (RtesTestSiteFixture *s,
                                                  RtesSyncFlags        flags,
                                                  GError             **error);

/* A site-side edit of a published fiche (rtes_test_fiche_json()). */
void             rtes_test_site_fixture_put      (RtesTestSiteFixture *s,
                                                  const char          *id,
                                                  const char          *name,
                                                  const char          *panorama,
                                                  const char          *programme);

G_END_DECLS
