/* rtes-workspace.h: the documents of a library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-document.h"
#include "rtes-journal.h"
#include "rtes-library.h"

G_BEGIN_DECLS

#define RTES_TYPE_WORKSPACE (rtes_workspace_get_type ())
G_DECLARE_FINAL_TYPE (RtesWorkspace, rtes_workspace, RTES, WORKSPACE, GObject)

RtesWorkspace    *rtes_workspace_new           (RtesLibrary   *library);
RtesLibrary      *rtes_workspace_get_library   (RtesWorkspace *self);

/* The document of @fiche, a fiche of the library, made on first use;
 * NULL for a fiche that did not load (there is nothing to edit). */
RtesDocument     *rtes_workspace_get_document  (RtesWorkspace *self,
                                                RtesFiche     *fiche);
/* The document of @id if there is one already. */
RtesDocument     *rtes_workspace_lookup        (RtesWorkspace *self,
                                                const char    *id);

guint             rtes_workspace_get_n_modified (RtesWorkspace *self);
gboolean          rtes_workspace_get_autosave  (RtesWorkspace *self);
void              rtes_workspace_set_autosave  (RtesWorkspace *self,
                                                gboolean       autosave);

/* Saves every modified document; fails with the first error. */
void              rtes_workspace_save_all_async  (RtesWorkspace       *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean          rtes_workspace_save_all_finish (RtesWorkspace       *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* Drops every unsaved change. */
void              rtes_workspace_revert_all    (RtesWorkspace *self);

/* Content of many fiches at once (an import), as one group that can be
 * undone as a whole: a fiche of the library takes its content as one
 * undo step of @origin (rtes_document_apply()); a fiche that is not in the
 * library yet is added to it. Then every one of them is saved. @contents
 * holds RtesFiche, each with the id of the fiche it is for.
 *
 * _finish() gives the group in @group, also when some fiche failed (the
 * first error is returned; the others were applied and saved). */
void              rtes_workspace_apply_many_async  (RtesWorkspace       *self,
                                                    GPtrArray           *contents,
                                                    RtesChangeOrigin     origin,
                                                    const char          *label,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean          rtes_workspace_apply_many_finish (RtesWorkspace       *self,
                                                    GAsyncResult        *result,
                                                    guint               *group,
                                                    GError             **error);
/* Takes a group back: each fiche whose last step is still the group's is
 * undone and saved; each fiche the group added, and nobody edited since,
 * goes to the trash. Fiches edited since keep their state. Returns how
 * many fiches were taken back. */
guint             rtes_workspace_undo_group    (RtesWorkspace *self,
                                                guint          group);
gboolean          rtes_workspace_can_undo_group (RtesWorkspace *self,
                                                 guint          group);

/* The file of @id was written by an operation of ours that knows what it
 * did (a sync wrote what it pulled, a conflict resolution what was
 * chosen): the fiche takes it as a step of @origin and it becomes the base
 * (rtes_document_apply()). A fiche new to the library is listed. */
gboolean          rtes_workspace_reload_from_disk (RtesWorkspace    *self,
                                                   const char       *id,
                                                   RtesChangeOrigin  origin,
                                                   const char       *label,
                                                   GError          **error);
/* While an operation of ours writes files, outside changes wait (see
 * rtes_folder_watcher_hold()). */
void              rtes_workspace_hold_watcher    (RtesWorkspace *self);
void              rtes_workspace_release_watcher (RtesWorkspace *self);

/* Journals left by a session that did not save (see rtes-journal.h): a
 * GPtrArray of RtesJournal. */
void              rtes_workspace_find_recoverable_async  (RtesWorkspace       *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
GPtrArray        *rtes_workspace_find_recoverable_finish (RtesWorkspace       *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
/* Puts a journal back (one undo step of origin "restore", with its
 * pending texts) and saves it. */
RtesDocument     *rtes_workspace_restore       (RtesWorkspace *self,
                                                RtesJournal   *journal,
                                                GError       **error);
void              rtes_workspace_forget_journal (RtesWorkspace *self,
                                                 RtesJournal   *journal);

/* Renames a fiche's file after its name; the document follows. */
gboolean          rtes_workspace_rename        (RtesWorkspace *self,
                                                RtesDocument  *document,
                                                const char    *name,
                                                GError       **error);
/* Forgets a document whose fiche is being deleted (its journal goes). */
void              rtes_workspace_close         (RtesWorkspace *self,
                                                RtesDocument  *document);

/* Fiches with open conflicts with the site (from the sync): their
 * documents are "in-conflict". @ids is NULL-terminated. */
void              rtes_workspace_set_sync_conflicts (RtesWorkspace      *self,
                                                     const char * const *ids);

/* Delays, for tests: journal @journal_ms after a change, autosave
 * @autosave_ms after the last edit, outside changes looked at
 * @monitor_ms after they stop. */
void              rtes_workspace_set_delays    (RtesWorkspace *self,
                                                guint          journal_ms,
                                                guint          autosave_ms,
                                                guint          monitor_ms);

G_END_DECLS
