/* rtes-form-page.h: base class of the editor's pages
 *
 * Each part of a fiche (identity, the text sections, budget, contacts) is
 * edited on its own page: a subclass of RtesFormPage with its own template.
 * The base class owns the "fiche" property and the connection to the
 * fiche's ::changed signal, and gives subclasses one hook, fiche_changed(),
 * in which they refill their widgets from the model.
 *
 * The rules every page follows:
 *
 * - A widget edit writes through the model setter at once, between
 *   rtes_form_page_begin_edit() and rtes_form_page_end_edit(), naming the
 *   widget as the source of the edit.
 * - fiche_changed() runs for any change, including the page's own edits and
 *   changes made underneath it (undo, reload). It runs with
 *   rtes_form_page_is_refilling() TRUE so that the page's change handlers,
 *   which it triggers by setting widget values, return early instead of
 *   writing back.
 * - Refilling never touches the widget that is the source of the edit, and
 *   leaves any widget alone whose value already says what the model says
 *   (rtes_form_page_sync_editable()), so the cursor of the person typing
 *   never moves.
 * - An edit that changed the fiche ends with ::edited; changes made
 *   underneath (undo, reload) do not emit it.
 * - rtes_form_page_add_field() maps a member path ("address.postcode") to
 *   the widget that edits it; show_issues() then puts the model's
 *   validation messages under those widgets.
 * - rtes_form_page_bind_field() does that for a plain field and binds the
 *   widget to the fiche's property named by the path's last member
 *   ("address.postcode": "postcode"): no handler or refill to write.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rtes-document.h"
#include "rtes-fiche.h"

G_BEGIN_DECLS

#define RTES_TYPE_FORM_PAGE (rtes_form_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (RtesFormPage, rtes_form_page, RTES, FORM_PAGE, AdwBin)

struct _RtesFormPageClass
{
  AdwBinClass parent_class;

  /* Refill the widgets from @fiche, which is never NULL. */
  void     (*fiche_changed) (RtesFormPage *self,
                             RtesFiche    *fiche);
  /* Show the validation issues that concern this page. The default marks
   * the fields registered with rtes_form_page_add_field(). */
  void     (*show_issues)   (RtesFormPage *self,
                             GPtrArray    *issues);
  /* Move the keyboard focus to the widget editing @path; the default
   * looks at the registered fields. */
  gboolean (*focus_field)   (RtesFormPage *self,
                             const char   *path);

  gpointer padding[8];
};

RtesFiche *rtes_form_page_get_fiche      (RtesFormPage *self);
void       rtes_form_page_set_fiche      (RtesFormPage *self,
                                          RtesFiche    *fiche);
/* Shows @document's fiche; what the page does as one action (add, remove
 * or move a card, a paste) is then one undo step of the document. A page
 * given a fiche alone edits it without such brackets. */
RtesDocument *rtes_form_page_get_document (RtesFormPage *self);
void       rtes_form_page_set_document   (RtesFormPage *self,
                                          RtesDocument *document);
/* Brackets changes that are one step for undo ("Move"); nothing without a
 * document. Nests. */
void       rtes_form_page_begin_action   (RtesFormPage *self,
                                          const char   *label);
void       rtes_form_page_end_action     (RtesFormPage *self);

/* Runs fiche_changed() now (the base class does it on every ::changed). */
void       rtes_form_page_refill         (RtesFormPage *self);
gboolean   rtes_form_page_is_refilling   (RtesFormPage *self);

/* Brackets a write to the model made from @source (a widget). Returns FALSE,
 * and the caller must not write, while the page is refilling: the value
 * comes from the model, writing it back would only record a no-op edit. */
gboolean   rtes_form_page_begin_edit     (RtesFormPage *self,
                                          gpointer      source);
void       rtes_form_page_end_edit       (RtesFormPage *self);
/* The current edit is of the "updated" date itself: the editor must not
 * replace it with today's. */
void       rtes_form_page_edit_keeps_date (RtesFormPage *self);
/* TRUE while refilling because of an edit made from @widget. */
gboolean   rtes_form_page_is_edit_source (RtesFormPage *self,
                                          gpointer      widget);

/* Sets @editable's text to @text unless it is the edit's source or already
 * shows it. */
void       rtes_form_page_sync_editable  (RtesFormPage *self,
                                          GtkEditable  *editable,
                                          const char   *text);

/* Text typed in the field editing @path that cannot be stored yet
 * ("350 kg"): the fiche keeps its last good value, and this is the one
 * place that hears of the text, so that the recovery journal can keep it
 * too (to be wired to rtes_document_set_pending_text()). NULL: the text
 * was stored or replaced. */
void       rtes_form_page_set_pending_text (RtesFormPage *self,
                                            const char   *path,
                                            const char   *text);
const char *rtes_form_page_get_pending_text (RtesFormPage *self,
                                             const char   *path);

void       rtes_form_page_add_field      (RtesFormPage *self,
                                          const char   *path,
                                          GtkWidget    *widget);
void       rtes_form_page_bind_field     (RtesFormPage *self,
                                          const char   *path,
                                          GtkWidget    *widget);
void       rtes_form_page_remove_field   (RtesFormPage *self,
                                          const char   *path);
void       rtes_form_page_show_issues    (RtesFormPage *self,
                                          GPtrArray    *issues);
gboolean   rtes_form_page_focus_field    (RtesFormPage *self,
                                          const char   *path);

G_END_DECLS
