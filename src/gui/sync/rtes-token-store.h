/* rtes-token-store.h: the site's publishing token, kept by libsecret
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The token lives in the user's keyring (Secret Service), one per site
 * address. It is never written to GSettings, a file or a log. Without
 * libsecret at build time every call fails with G_IO_ERROR_NOT_SUPPORTED,
 * and the window should then ask for the token each session.
 *
 *   rtes_token_store_lookup_async (site, cancellable, on_token, self);
 *   …
 *   g_autofree char *token = rtes_token_store_lookup_finish (result, &error);
 *   if (token != NULL)
 *     rtes_site_client_set_token (client, token);
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean rtes_token_store_is_available  (void);

/* The token saved for @site, or NULL without an error when there is none. */
void     rtes_token_store_lookup_async  (const char           *site,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
char    *rtes_token_store_lookup_finish (GAsyncResult         *result,
                                         GError              **error);

void     rtes_token_store_save_async    (const char           *site,
                                         const char           *token,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean rtes_token_store_save_finish   (GAsyncResult         *result,
                                         GError              **error);

void     rtes_token_store_clear_async   (const char           *site,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean rtes_token_store_clear_finish  (GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
