/* rtes-review-panel.h: the Relecture of the fiche being edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Beside the editor's pages: every finding of the review for the fiche
 * shown (rtes-review.h, the spelling, and its links when asked), kept up
 * to date a moment after each change. Activating a finding emits
 * ::finding-activated, which the editor answers by showing the field
 * with the text selected. "Fix Typography" applies every typographic fix
 * as one step of the document's undo history; "Publish Anyway…" asks,
 * then records an override for the fiche (rtes-review-overrides.h).
 */
#pragma once

#include <adwaita.h>

#include "rtes-document.h"
#include "rtes-review-context.h"

G_BEGIN_DECLS

#define RTES_TYPE_REVIEW_PANEL (rtes_review_panel_get_type ())
G_DECLARE_FINAL_TYPE (RtesReviewPanel, rtes_review_panel, RTES, REVIEW_PANEL, AdwBin)


void        rtes_review_panel_set_context    (RtesReviewPanel   *self,
                                              RtesReviewContext *context);
/* The fiche to review, through its document (fixes are undo steps), or
 * a fiche alone (fixes are plain edits). */
void        rtes_review_panel_set_document   (RtesReviewPanel   *self,
                                              RtesDocument      *document);
void        rtes_review_panel_set_fiche      (RtesReviewPanel   *self,
                                              RtesFiche         *fiche);

/* The findings shown (RtesFinding*), owned by the panel. */
GPtrArray  *rtes_review_panel_get_findings   (RtesReviewPanel   *self);
/* Also the "n-findings" and "n-blocking" properties. */
guint       rtes_review_panel_get_n_findings (RtesReviewPanel   *self);
guint       rtes_review_panel_get_n_blocking (RtesReviewPanel   *self);

gboolean    rtes_review_panel_is_busy        (RtesReviewPanel   *self);

/* What the buttons do, for tests and the keyboard. */
guint       rtes_review_panel_fix_typography (RtesReviewPanel   *self);
/* Opens the "Publish Anyway?" dialog; returns it. */
AdwMessageDialog *rtes_review_panel_ask_override (RtesReviewPanel *self);

G_END_DECLS
