/* rtes-sync.h: one sync of a library with the RTES site
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Typical use from the window (all in the main thread):
 *
 *   client = rtes_site_client_new (session, site_url, RTES_SITE_CLIENT_FLAGS_NONE, &error);
 *   rtes_site_client_set_token (client, token);        // from RtesTokenStore
 *   sync = rtes_sync_new (library, client);
 *   g_signal_connect (sync, "progress", G_CALLBACK (on_progress), self);
 *   rtes_sync_run_async (sync, RTES_SYNC_FLAGS_PUBLISH, cancellable, on_done, self);
 *   …
 *   summary = rtes_sync_run_finish (sync, result, &error);
 *   toast = rtes_sync_summary_to_sentence (summary);   // rtes-sync-summary.h
 *
 * Save edited fiches before starting: the sync reads fiche files from disk,
 * and refuses to write over a file that changed on disk while it ran.
 */
#pragma once

#include <gio/gio.h>

#include "rtes-conflict-choice.h"
#include "rtes-library.h"
#include "rtes-fiche-merge.h"
#include "rtes-site-client.h"
#include "rtes-sync-error.h"
#include "rtes-sync-state.h"
#include "rtes-sync-summary.h"

G_BEGIN_DECLS

typedef enum {
  RTES_SYNC_FLAGS_NONE    = 0,
  /* Also publish fiches changed locally since their base, free of conflicts. */
  RTES_SYNC_FLAGS_PUBLISH = 1 << 0,
  /* Pull and merge in memory, count what would happen; write and publish
   * nothing. */
  RTES_SYNC_FLAGS_DRY_RUN = 1 << 1,
  /* Without PUBLISH: not publishing is for want of a token (the window
   * with none stored), not because the caller did not ask; the summary
   * says "no token" for each fiche that would have been sent. */
  RTES_SYNC_FLAGS_NO_TOKEN = 1 << 2,
} RtesSyncFlags;

#define RTES_TYPE_SYNC (rtes_sync_get_type ())
G_DECLARE_FINAL_TYPE (RtesSync, rtes_sync, RTES, SYNC, GObject)

RtesSync        *rtes_sync_new        (RtesLibrary          *library,
                                       RtesSiteClient       *client);

/* Pulls the export, merges it into the library, publishes if asked, then
 * writes every changed file at once; or, on any failure (network, 5xx,
 * invalid export, time-out, cancellation, a write that fails), changes
 * nothing at all, neither fiche files nor the sync state. Refusals of one
 * fiche by the site (401/403/422) are not failures: they are counted in the
 * summary's errors with the site's message, and the rest is kept.
 *
 * Emits ::progress (fraction 0…1, translated message) in the main thread.
 * When it ends, the library's fiches whose file changed are reloaded. */
void             rtes_sync_run_async  (RtesSync             *self,
                                       RtesSyncFlags         flags,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
RtesSyncSummary *rtes_sync_run_finish (RtesSync             *self,
                                       GAsyncResult         *result,
                                       GError              **error);

/* Whether @fiche may be sent to the site at all, whatever changed: FALSE,
 * with the reason, for a made-up example fiche ("example": true) and for
 * a draft the site does not have yet (@on_site FALSE), which stays here
 * until its status says published. */
gboolean         rtes_sync_fiche_is_publishable (RtesFiche            *fiche,
                                                 gboolean              on_site,
                                                 RtesSyncNotPublished *reason);

typedef enum {
  RTES_SYNC_RESOLVE_MINE,    /* keep the local value */
  RTES_SYNC_RESOLVE_THEIRS,  /* take the site's value */
  RTES_SYNC_RESOLVE_VALUE,   /* a value the person wrote */
} RtesSyncResolution;

/* Settles the open conflict at @path of fiche @id (a path as the conflict
 * gives it: "name", "contacts[key=c7f3a2].phone", "budget.lines[key=…]"):
 * writes the chosen value at that place in the fiche file (unless MINE;
 * a whole item is put back, replaced or removed) and removes the conflict
 * from the sync state, both at once. @value is the JSON value for
 * RESOLVE_VALUE (NULL otherwise). The next sync with publishing sends the
 * result. Fails with RTES_SYNC_ERROR_NO_CONFLICT if there is no such
 * conflict, or if its place is no longer in the fiche (an item deleted
 * here since). Quick local I/O: fine from a command, from the window
 * prefer a thread. */
gboolean         rtes_sync_resolve    (const char           *library_path,
                                       const char           *id,
                                       const char           *path,
                                       RtesSyncResolution    resolution,
                                       JsonNode             *value,
                                       GError              **error);

/* Settles several open conflicts at once, of one fiche or of several
 * (RtesConflictChoice*, each naming its fiche and place): every fiche
 * file is written once with all its choices, and the sync state with
 * them, in one transaction; all or nothing. Fails like
 * rtes_sync_resolve(), before writing anything, if one of the conflicts
 * is not open or its place cannot be reached. */
gboolean         rtes_sync_resolve_all (const char          *library_path,
                                        GPtrArray           *choices,
                                        GError             **error);

G_END_DECLS
