/* rtes-document.h: one fiche being edited, and what keeps it safe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-change-origin.h"
#include "rtes-library.h"
#include "rtes-undo-history.h"

G_BEGIN_DECLS

#define RTES_TYPE_DOCUMENT (rtes_document_get_type ())
G_DECLARE_FINAL_TYPE (RtesDocument, rtes_document, RTES, DOCUMENT, GObject)

#define RTES_DOCUMENT_ERROR (rtes_document_error_quark ())

/**
 * RtesDocumentError:
 * @RTES_DOCUMENT_ERROR_CONFLICT: the file changed on disk since it was
 *   read: saving would overwrite someone else's work
 * @RTES_DOCUMENT_ERROR_BUSY: a save of this fiche is already running
 */
typedef enum {
  RTES_DOCUMENT_ERROR_CONFLICT,
  RTES_DOCUMENT_ERROR_BUSY,
} RtesDocumentError;

GQuark            rtes_document_error_quark      (void);

/* The document of @fiche, a fiche of @library that holds what its file
 * holds (as the library loaded it). Usually made by RtesWorkspace. */
RtesDocument     *rtes_document_new              (RtesLibrary      *library,
                                                  RtesFiche        *fiche);
/* The same for a fiche that has no file yet: it is modified until saved. */
RtesDocument     *rtes_document_new_unsaved      (RtesLibrary      *library,
                                                  RtesFiche        *fiche);

/* The fiche, the same object for the document's whole life: widgets bind
 * to it, and every change is assigned into it. */
RtesFiche        *rtes_document_get_fiche        (RtesDocument     *self);
RtesLibrary      *rtes_document_get_library      (RtesDocument     *self);
const char       *rtes_document_get_id           (RtesDocument     *self);
/* The fiche's name, for titles. */
const char       *rtes_document_get_title        (RtesDocument     *self);

/* Properties that widgets bind to. */
gboolean          rtes_document_get_modified     (RtesDocument     *self);
/* The file changed on disk while the document had unsaved changes: the
 * person keeps theirs or loads the file's (see below). */
gboolean          rtes_document_get_changed_on_disk (RtesDocument  *self);
/* Open conflicts with the site (or an import) wait for the person. */
gboolean          rtes_document_get_in_conflict  (RtesDocument     *self);
void              rtes_document_set_in_conflict  (RtesDocument     *self,
                                                  gboolean          in_conflict);
gboolean          rtes_document_get_saving       (RtesDocument     *self);

/* Editing: what the person does, bracketed, is one undo step ("Move
 * Contact"); see RtesUndoHistory. Changes made without a bracket are
 * steps of their own, typing grouped in words. */
void              rtes_document_begin_action     (RtesDocument     *self,
                                                  const char       *label);
void              rtes_document_end_action       (RtesDocument     *self);

RtesUndoHistory  *rtes_document_get_history      (RtesDocument     *self);
gboolean          rtes_document_get_can_undo     (RtesDocument     *self);
gboolean          rtes_document_get_can_redo     (RtesDocument     *self);
gboolean          rtes_document_undo             (RtesDocument     *self);
gboolean          rtes_document_redo             (RtesDocument     *self);
const char       *rtes_document_get_undo_label   (RtesDocument     *self);
const char       *rtes_document_get_redo_label   (RtesDocument     *self);

/* The one way anything outside the editor changes the fiche. For
 * content that is not in the file yet (import, restore, a conflict settled
 * in memory): @content's members are assigned into the fiche, as one undo
 * step of @origin, journaled, and the document is left modified: the
 * workspace saves it (rtes_workspace_apply_many_async(),
 * rtes_workspace_restore()), or autosave does. @content must have the
 * document's id. Returns TRUE if the fiche changed. */
gboolean          rtes_document_apply            (RtesDocument     *self,
                                                  RtesFiche        *content,
                                                  RtesChangeOrigin  origin,
                                                  const char       *label);
/* The same for content that is already in the fiche's file (a pull, a
 * resolution the sync wrote, a change made outside the application): it
 * becomes the base, so the document stays unmodified; if the document
 * has unsaved changes, it is not applied but kept as "changed on disk"
 * for the person to choose. */
gboolean          rtes_document_apply_from_file  (RtesDocument     *self,
                                                  RtesFiche        *content,
                                                  RtesChangeOrigin  origin,
                                                  const char       *label);

/* What the person typed into a field that cannot store it yet ("1,2
 * million" in a number field): kept with the document and in the
 * recovery journal, offered back with it, never saved into the file.
 * @field is the member path ("population", "budget.lines[0].amount");
 * NULL or "" as @text forgets it. */
void              rtes_document_set_pending_text (RtesDocument     *self,
                                                  const char       *field,
                                                  const char       *text);
const char       *rtes_document_get_pending_text (RtesDocument     *self,
                                                  const char       *field);

/* Saves the fiche if it has unsaved changes, in a thread; never over a
 * file changed by someone else (RTES_DOCUMENT_ERROR_CONFLICT, and the
 * document is then changed on disk). */
void              rtes_document_save_async       (RtesDocument        *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean          rtes_document_save_finish      (RtesDocument        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* Drops unsaved changes (as one undo step): back to what the file holds
 * now; pending texts and the journal go. */
void              rtes_document_revert           (RtesDocument     *self);
/* For a document changed on disk: save mine over theirs, or take theirs
 * (an undo step: undo brings mine back as unsaved changes). */
void              rtes_document_keep_mine        (RtesDocument     *self);
void              rtes_document_load_theirs      (RtesDocument     *self);

/* Ends the current group of typing (the person went to another fiche). */
void              rtes_document_break_group      (RtesDocument     *self);

/* Whether the last failed save is waiting for a new edit (autosave does
 * not retry every few seconds). */
gboolean          rtes_document_get_save_failed  (RtesDocument     *self);

/* The journal is written this long after a change (15 ms by default). */
void              rtes_document_set_journal_delay (RtesDocument    *self,
                                                   guint            delay_ms);

G_END_DECLS
