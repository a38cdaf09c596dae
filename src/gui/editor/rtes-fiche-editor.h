/* rtes-fiche-editor.h: the editor of one fiche, page by page
 *
 * RtesFicheEditor is what the window shows for the selected fiche: a view
 * switcher over one page per part of the fiche (Identity, Panorama, Budget,
 * Programme, Actions, Contacts) and, above them, a summary of what the fiche
 * is missing, each item a link to the field concerned. Validation messages
 * appear under the fields they are about.
 *
 * How the window uses it:
 *
 *   editor = rtes_fiche_editor_new ();
 *   rtes_fiche_editor_set_library (editor, library);     // role suggestions
 *   rtes_fiche_editor_set_document (editor, document);   // or NULL: empty page
 *
 * Every edit is written to the document's fiche at once, through its
 * setters; the document (RtesDocument) records it for undo, journals it
 * and has it saved. What the person does as one action (add, remove or
 * move a card, a paste) is bracketed as one undo step. The editor keeps no
 * copy: the document may change the fiche underneath it (undo, redo, an
 * import, a pull) and the pages refill, leaving the cursor of the person
 * typing alone. The document never replaces its fiche.
 *
 * An edit made in a page also sets the fiche's "updated" date to today,
 * in the same undo step (the document does it); changes made underneath
 * do not, and neither does editing the date itself.
 *
 * rtes_fiche_editor_set_fiche() shows a fiche without a document (a
 * preview, tests): edits are not bracketed, and the editor dates them.
 *
 * Entries and text views have no undo of their own: Ctrl+Z and
 * Ctrl+Shift+Z reach the window, whose document's history covers the
 * whole fiche.
 *
 * The editor brings its own view switcher and, when narrow, a switcher bar
 * at the bottom; it needs no header bar widget from the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rtes-document.h"
#include "rtes-fiche.h"
#include "rtes-form-page.h"
#include "rtes-library.h"
#include "rtes-review-context.h"
#include "rtes-review-panel.h"

G_BEGIN_DECLS

#define RTES_TYPE_FICHE_EDITOR (rtes_fiche_editor_get_type ())
G_DECLARE_FINAL_TYPE (RtesFicheEditor, rtes_fiche_editor, RTES, FICHE_EDITOR, AdwBin)

GtkWidget    *rtes_fiche_editor_new          (void);

RtesFiche    *rtes_fiche_editor_get_fiche    (RtesFicheEditor *self);
void          rtes_fiche_editor_set_fiche    (RtesFicheEditor *self,
                                              RtesFiche       *fiche);
void          rtes_fiche_editor_set_document (RtesFicheEditor *self,
                                              RtesDocument    *document);
void          rtes_fiche_editor_set_library  (RtesFicheEditor *self,
                                              RtesLibrary     *library);

/* Page names: "identity", "panorama", "budget", "programme", "actions",
 * "contacts". */
RtesFormPage *rtes_fiche_editor_get_page     (RtesFicheEditor *self,
                                              const char      *name);
const char   *rtes_fiche_editor_get_visible_page (RtesFicheEditor *self);
void          rtes_fiche_editor_set_visible_page (RtesFicheEditor *self,
                                                  const char      *name);

/* Shows the page holding the member @path ("address.postcode",
 * "contacts[1].email") and focuses its field. Returns FALSE if no page
 * edits it. */
gboolean      rtes_fiche_editor_focus_field  (RtesFicheEditor *self,
                                              const char      *path);


/* The Relecture (docs/review.md): the panel beside the pages, and the
 * spelling of every text field, once the window gives the library's
 * review context. */
void          rtes_fiche_editor_set_review_context (RtesFicheEditor   *self,
                                                    RtesReviewContext *context);
RtesReviewPanel *rtes_fiche_editor_get_review_panel (RtesFicheEditor  *self);
/* Shows the field @finding is about and selects its text there. FALSE if
 * no page edits that field. */
gboolean      rtes_fiche_editor_show_finding (RtesFicheEditor   *self,
                                              const RtesFinding *finding);

/* Runs validation now rather than at the next idle (it runs once per main
 * loop turn after edits). Returns the issues shown, owned by the editor. */
GPtrArray    *rtes_fiche_editor_validate_now (RtesFicheEditor *self);

G_END_DECLS
