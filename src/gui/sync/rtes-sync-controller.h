/* rtes-sync-controller.h: what the window's Sync button drives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One object per window. It looks the token up in the keyring, runs one
 * sync at a time, and exposes what the header bar and the sidebar show:
 *
 *   controller = rtes_sync_controller_new (library, session);
 *   g_object_bind_property (controller, "running", spinner, "spinning", G_BINDING_SYNC_CREATE);
 *   g_object_bind_property (controller, "fraction", progress_bar, "fraction", 0);
 *   g_signal_connect (controller, "finished", G_CALLBACK (on_sync_finished), self);
 *   g_signal_connect (controller, "notify::conflicting-ids", G_CALLBACK (update_marks), self);
 *   rtes_sync_controller_refresh_conflicts (controller);   // marks at start-up
 *
 *   // win.sync: save edited fiches first, then
 *   rtes_sync_controller_start (controller, g_settings_get_string (settings, "site-url"));
 *   // the Cancel button
 *   rtes_sync_controller_cancel (controller);
 *
 *   static void
 *   on_sync_finished (RtesSyncController *c, RtesSyncSummary *summary, GError *error, gpointer data)
 *   {
 *     g_autofree char *text = summary ? rtes_sync_summary_to_sentence (summary)
 *                                     : g_strdup (error->message);
 *     // An AdwToast title is markup in libadwaita 1.2: escape it.
 *     g_autofree char *escaped = g_markup_escape_text (text, -1);
 *     toast = adw_toast_new (escaped);
 *   }
 *
 * Publishing happens when a token is stored for the site (or given with
 * rtes_sync_controller_set_token()); without one the sync only pulls, and
 * its summary says "no token" for each fiche that would have gone.
 * Whether there is one, for what the window promises, is "has-token":
 * known after a sync, or after rtes_sync_controller_refresh_token().
 */
#pragma once

#include <libsoup/soup.h>

#include "rtes-library.h"
#include "rtes-sync.h"

G_BEGIN_DECLS

#define RTES_TYPE_SYNC_CONTROLLER (rtes_sync_controller_get_type ())
G_DECLARE_FINAL_TYPE (RtesSyncController, rtes_sync_controller, RTES, SYNC_CONTROLLER, GObject)

RtesSyncController *rtes_sync_controller_new             (RtesLibrary        *library,
                                                          SoupSession        *session);

/* A token to use instead of the keyring's (tests; a token typed for this
 * session only). NULL goes back to the keyring. Kept in memory only. */
void                rtes_sync_controller_set_token       (RtesSyncController *self,
                                                          const char         *token);

/* Starts a sync with @site_url; does nothing if one is running. Ends with
 * ::finished, also for an empty or invalid address. */
void                rtes_sync_controller_start           (RtesSyncController *self,
                                                          const char         *site_url);
void                rtes_sync_controller_cancel          (RtesSyncController *self);

gboolean            rtes_sync_controller_get_running     (RtesSyncController *self);
double              rtes_sync_controller_get_fraction    (RtesSyncController *self);
const char         *rtes_sync_controller_get_message     (RtesSyncController *self);

/* Ids of the fiches with open conflicts (sorted), updated after each sync
 * and by rtes_sync_controller_refresh_conflicts() (which reads the state in
 * a thread). Also the "conflicting-ids" property. */
const char * const *rtes_sync_controller_get_conflicting_ids (RtesSyncController *self);
gboolean            rtes_sync_controller_has_conflicts   (RtesSyncController *self,
                                                          const char         *id);
void                rtes_sync_controller_refresh_conflicts (RtesSyncController *self);
/* TRUE when every open conflict of @id has no common base: the fiche and
 * the site's copy met for the first time. Updated with the ids. */
gboolean            rtes_sync_controller_is_first_sync   (RtesSyncController *self,
                                                          const char         *id);

/* Whether a token is there to publish with: the one set, else the
 * keyring's for @site_url (looked up asynchronously); "has-token". */
void                rtes_sync_controller_refresh_token   (RtesSyncController *self,
                                                          const char         *site_url);
gboolean            rtes_sync_controller_get_has_token   (RtesSyncController *self);

G_END_DECLS
