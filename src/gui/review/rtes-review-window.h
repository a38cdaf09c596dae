/* rtes-review-window.h: the Relecture of the whole library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every finding of every fiche (all checks but links: rtes_review_run()),
 * grouped by fiche, what blocks publishing first in mind: a toggle shows
 * only that. Activating a finding emits ::finding-activated; the main
 * window opens the fiche and shows the field.
 */
#pragma once

#include <adwaita.h>

#include "rtes-review-context.h"

G_BEGIN_DECLS

#define RTES_TYPE_REVIEW_WINDOW (rtes_review_window_get_type ())
G_DECLARE_FINAL_TYPE (RtesReviewWindow, rtes_review_window, RTES, REVIEW_WINDOW, AdwWindow)

RtesReviewWindow *rtes_review_window_new          (GtkWindow         *parent,
                                                   RtesReviewContext *context);
/* Reviews the library again (in a worker thread). */
void              rtes_review_window_refresh      (RtesReviewWindow  *self);
gboolean          rtes_review_window_is_busy      (RtesReviewWindow  *self);
/* The findings (RtesFinding*), all of them, owned by the window. */
GPtrArray        *rtes_review_window_get_findings (RtesReviewWindow  *self);
/* Shows only what blocks publishing. */
void              rtes_review_window_set_blocking_only (RtesReviewWindow *self,
                                                        gboolean          blocking_only);

G_END_DECLS
