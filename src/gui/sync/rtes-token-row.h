/* rtes-token-row.h: a preferences row for the site's publishing token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the preferences window, next to the site address:
 *
 *   row = rtes_token_row_new ();
 *   g_settings_bind (settings, "site-url", row, "site", G_SETTINGS_BIND_GET);
 *   adw_preferences_group_add (group, row);
 *
 * The token is typed hidden, saved in the keyring for that site when the
 * person presses the row's apply button, never shown back, and can be
 * forgotten. It never goes to GSettings. Without a keyring (a build
 * without libsecret, or no Secret Service answering) the row is
 * insensitive and "problem" says why, in a sentence to show beside it.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RTES_TYPE_TOKEN_ROW (rtes_token_row_get_type ())
G_DECLARE_FINAL_TYPE (RtesTokenRow, rtes_token_row, RTES, TOKEN_ROW, AdwEntryRow)

GtkWidget  *rtes_token_row_new       (void);

/* The site address the token belongs to; "" or NULL: none (insensitive). */
const char *rtes_token_row_get_site  (RtesTokenRow *self);

/* Whether the keyring holds a token for the site. */
gboolean    rtes_token_row_get_has_token (RtesTokenRow *self);

/* Why no token can be kept here (translated), or NULL ("problem"). */
const char *rtes_token_row_get_problem (RtesTokenRow *self);
/* The keyring's own (English) words about the problem, or NULL; they
 * change with "problem". */
const char *rtes_token_row_get_problem_details (RtesTokenRow *self);

G_END_DECLS
