/* rtes-sync-state.h: what a library remembers of the site between syncs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rtes-fiche-merge.h"
#include "rtes-safe-file.h"
#include "rtes-sync-transaction.h"

G_BEGIN_DECLS

#define RTES_SYNC_STATE_FORMAT  "rtes-sync-state"
/* Version 3 keeps the revisions and the files' keys in two maps of
 * strings; version 2 recorded conflicts by path
 * ("contacts[key=c7f3a2].phone") and is still read, as is version 1,
 * which named a top-level member ("field"). */
#define RTES_SYNC_STATE_VERSION 3

#define RTES_TYPE_SYNC_STATE (rtes_sync_state_get_type ())
G_DECLARE_FINAL_TYPE (RtesSyncState, rtes_sync_state, RTES, SYNC_STATE, GObject)

/* The same folder relative to the library, as transactions name it. */
#define RTES_SYNC_STATE_DIR RTES_LIBRARY_STATE_DIR "/sync"

/* The folder of a library's sync state: <library>/.rtes-fiches/sync.
 * Computed, not created: a sync that fails must not leave it behind. */
char          *rtes_sync_state_dir_for_library (const char    *library_path);

/* Reads @dir/state.json (an empty state if there is none). Base copies are
 * read on demand. A damaged file is RTES_SYNC_ERROR_STATE naming it. */
RtesSyncState *rtes_sync_state_load            (const char    *dir,
                                                GError       **error);

/* The site the state belongs to, and the ETag of the last export. */
const char    *rtes_sync_state_get_site        (RtesSyncState *self);
const char    *rtes_sync_state_get_etag        (RtesSyncState *self);
void           rtes_sync_state_set_etag        (RtesSyncState *self,
                                                const char    *etag);
/* Forgets everything (revisions, bases, conflicts, ETag) and records
 * @site: the state of another site says nothing about this one. */
void           rtes_sync_state_reset           (RtesSyncState *self,
                                                const char    *site);

/* Ids that have a base, sorted. */
GStrv          rtes_sync_state_list_ids        (RtesSyncState *self);
const char    *rtes_sync_state_get_revision    (RtesSyncState *self,
                                                const char    *id);
/* The base copy of @id as a canonical fiche document, or NULL without an
 * error when there is none. */
JsonNode      *rtes_sync_state_get_base        (RtesSyncState *self,
                                                const char    *id,
                                                GError       **error);
/* Records @document (copied) as the base of @id at @revision. */
void           rtes_sync_state_set_base        (RtesSyncState *self,
                                                const char    *id,
                                                const char    *revision,
                                                JsonNode      *document);

/* Whether the file of @id, whose key is @key now, is known to hold its
 * base: it had that key when it was last read and found equal to the
 * base (see rtes_file_key_is_settled()), so a sync to which the site says
 * "nothing changed" need not read it. Forgotten when the base changes. */
gboolean       rtes_sync_state_is_clean        (RtesSyncState     *self,
                                                const char        *id,
                                                const RtesFileKey *key);
/* Records that the file of @id, with the settled @key, holds its base
 * (NULL: forget it). @id must have a base. */
void           rtes_sync_state_set_clean       (RtesSyncState     *self,
                                                const char        *id,
                                                const RtesFileKey *key);
/* Open conflicts, all (sorted by id, then in document order) or of one
 * fiche. The array holds the state's own RtesConflict* and is owned by
 * the caller. */
GPtrArray     *rtes_sync_state_get_conflicts   (RtesSyncState *self,
                                                const char    *id);
/* The conflict of @id at exactly @path, or NULL. */
RtesConflict  *rtes_sync_state_lookup_conflict (RtesSyncState *self,
                                                const char    *id,
                                                const char    *path);
guint          rtes_sync_state_count_conflicts (RtesSyncState *self);
/* Replaces the conflicts of @id with @conflicts (RtesConflict*, copied). */
void           rtes_sync_state_set_conflicts   (RtesSyncState *self,
                                                const char    *id,
                                                GPtrArray     *conflicts);
gboolean       rtes_sync_state_remove_conflict (RtesSyncState *self,
                                                const char    *id,
                                                const char    *path);

/* Adds state.json and the changed base copies to @transaction, which must
 * be on the library whose state this is (paths under RTES_SYNC_STATE_DIR).
 * The commit fails if state.json changed on disk since it was loaded.
 * A state that nothing changed since it was loaded adds nothing. */
void           rtes_sync_state_plan_save       (RtesSyncState       *self,
                                                RtesSyncTransaction *transaction);

G_END_DECLS
