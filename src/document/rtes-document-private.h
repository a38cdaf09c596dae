/* rtes-document-private.h: what RtesWorkspace does with its documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-document.h"

G_BEGIN_DECLS

/* rtes_document_apply() as a step of @group (an import of many fiches). */
gboolean rtes_document_apply_in_group  (RtesDocument     *self,
                                        RtesFiche        *content,
                                        RtesChangeOrigin  origin,
                                        const char       *label,
                                        guint             group);

/* The library wrote the whole fiche under a new id (a rename): that file
 * is the base now, and the journal of the old id is gone. */
void     rtes_document_take_renamed    (RtesDocument     *self,
                                        const char       *old_id);

/* The journal of @id, left by an earlier session, is this document's
 * now (its content was restored): it goes when the document no longer
 * needs one, like a journal the document wrote itself. */
void     rtes_document_adopt_journal   (RtesDocument     *self,
                                        const char       *id);

/* Removes the journal now (the fiche is being deleted). */
void     rtes_document_forget_journal  (RtesDocument     *self);

/* Changes each time the base does (a save, content from disk): a reading
 * of the file begun before may be older than the base, and is read again. */
guint    rtes_document_get_base_generation (RtesDocument *self);

/* The group (an import) that added the fiche to the library, 0 if none:
 * undoing the group takes it out again while nobody has edited it. */
guint    rtes_document_get_added_by    (RtesDocument     *self);
void     rtes_document_set_added_by    (RtesDocument     *self,
                                        guint             group);

/* Where the content of a document made unsaved came from (an import
 * that adds the fiche, a journal of a fiche whose file is gone): its
 * first save is recorded in the history as of @origin. */
void     rtes_document_set_unsaved_origin (RtesDocument     *self,
                                           RtesChangeOrigin  origin);

/* Whether the file may be missing because nothing was ever saved. */
gboolean rtes_document_has_file        (RtesDocument     *self);

G_END_DECLS
