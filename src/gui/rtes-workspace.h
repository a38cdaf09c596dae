/* rtes-workspace.h: the fiches being edited in a library, and their safety
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-fiche-history.h"
#include "rtes-library.h"

G_BEGIN_DECLS

#define RTES_TYPE_WORKSPACE (rtes_workspace_get_type ())
G_DECLARE_FINAL_TYPE (RtesWorkspace, rtes_workspace, RTES, WORKSPACE, GObject)

#define RTES_WORKSPACE_ERROR (rtes_workspace_error_quark ())

/**
 * RtesWorkspaceError:
 * @RTES_WORKSPACE_ERROR_CONFLICT: the file changed on disk since it was
 *   read: saving would overwrite someone else's work
 * @RTES_WORKSPACE_ERROR_BUSY: a save of this fiche is already running
 */
typedef enum {
  RTES_WORKSPACE_ERROR_CONFLICT,
  RTES_WORKSPACE_ERROR_BUSY,
} RtesWorkspaceError;

GQuark            rtes_workspace_error_quark   (void);

RtesWorkspace    *rtes_workspace_new           (RtesLibrary   *library);
RtesLibrary      *rtes_workspace_get_library   (RtesWorkspace *self);

/* Starts tracking @fiche (history, unsaved state, journal). The window
 * calls it for the fiche it shows; tracking lasts while there is
 * something unsaved, and for the fiche shown. */
RtesFicheHistory *rtes_workspace_open          (RtesWorkspace *self,
                                                RtesFiche     *fiche);

gboolean          rtes_workspace_is_modified   (RtesWorkspace *self,
                                                RtesFiche     *fiche);
gboolean          rtes_workspace_has_conflict  (RtesWorkspace *self,
                                                RtesFiche     *fiche);
guint             rtes_workspace_get_n_modified (RtesWorkspace *self);

gboolean          rtes_workspace_get_autosave  (RtesWorkspace *self);
void              rtes_workspace_set_autosave  (RtesWorkspace *self,
                                                gboolean       autosave);

/* Saves one fiche if it has unsaved changes (never over a file changed by
 * someone else: RTES_WORKSPACE_ERROR_CONFLICT). */
void              rtes_workspace_save_async    (RtesWorkspace       *self,
                                                RtesFiche           *fiche,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean          rtes_workspace_save_finish   (RtesWorkspace       *self,
                                                GAsyncResult        *result,
                                                GError             **error);
/* Saves every modified fiche; fails with the first error. */
void              rtes_workspace_save_all_async  (RtesWorkspace       *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean          rtes_workspace_save_all_finish (RtesWorkspace       *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* Drops unsaved changes: back to the file's content, journal removed. */
void              rtes_workspace_revert        (RtesWorkspace *self,
                                                RtesFiche     *fiche);
void              rtes_workspace_revert_all    (RtesWorkspace *self);

/* A fiche whose file changed on disk while it had unsaved changes. */
void              rtes_workspace_keep_mine     (RtesWorkspace *self,
                                                RtesFiche     *fiche);
void              rtes_workspace_load_theirs   (RtesWorkspace *self,
                                                RtesFiche     *fiche);

/* Journals left by a session that did not save (see rtes-recovery.h):
 * a GPtrArray of RtesFiche holding the journals' content. */
void              rtes_workspace_find_recoverable_async  (RtesWorkspace       *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
GPtrArray        *rtes_workspace_find_recoverable_finish (RtesWorkspace       *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
/* Puts a journal's content back into the library as unsaved changes. */
RtesFiche        *rtes_workspace_restore       (RtesWorkspace *self,
                                                RtesFiche     *journal,
                                                GError       **error);
void              rtes_workspace_forget_journal (RtesWorkspace *self,
                                                 const char    *id);

/* Renames a fiche's file after its name; journal and history follow. */
gboolean          rtes_workspace_rename        (RtesWorkspace *self,
                                                RtesFiche     *fiche,
                                                const char    *name,
                                                GError       **error);
/* Forgets a fiche about to be deleted (its journal goes too). */
void              rtes_workspace_close         (RtesWorkspace *self,
                                                RtesFiche     *fiche);

/* Fiches with open conflicts with the site (from the sync), shown beside
 * the file-level conflicts above; @ids is NULL-terminated. */
void              rtes_workspace_set_sync_conflicts (RtesWorkspace      *self,
                                                     const char * const *ids);
gboolean          rtes_workspace_has_sync_conflict  (RtesWorkspace      *self,
                                                     RtesFiche          *fiche);

/* Delays, for tests: journal within @journal_ms, autosave @autosave_ms
 * after the last edit, outside changes looked at after @monitor_ms. */
void              rtes_workspace_set_delays    (RtesWorkspace *self,
                                                guint          journal_ms,
                                                guint          autosave_ms,
                                                guint          monitor_ms);

G_END_DECLS
