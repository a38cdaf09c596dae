/* rtes-test-proxy.h: an HTTP proxy on 127.0.0.1 that records what it carries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _RtesTestProxy RtesTestProxy;

/* Listens on 127.0.0.1, on a port of the system's choice, and forwards
 * each plain http request it is given (absolute URI) to its host. Runs in
 * the test's main loop. */
RtesTestProxy *rtes_test_proxy_new            (void);
void           rtes_test_proxy_free           (RtesTestProxy *proxy);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RtesTestProxy, rtes_test_proxy_free)

/* "http://127.0.0.1:<port>", for http_proxy or a GSimpleProxyResolver. */
const char    *rtes_test_proxy_get_url        (RtesTestProxy *proxy);

/* What went through: requests, PUTs, and how many requests carried an
 * Authorization header. */
guint          rtes_test_proxy_get_requests   (RtesTestProxy *proxy);
guint          rtes_test_proxy_get_puts       (RtesTestProxy *proxy);
guint          rtes_test_proxy_get_authorized (RtesTestProxy *proxy);

G_END_DECLS
