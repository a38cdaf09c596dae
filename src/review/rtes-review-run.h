/* rtes-review-run.h: every check but links, on fiches of a library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What "rtes-fiches-cli check" and the window's library-wide Relecture
 * list run: rtes_review_fiche() (rtes-review.h) on each fiche, the
 * spelling when a speller is given, and the duplicates among the
 * library's fiches. Links are checked on demand only (RtesLinkChecker).
 */
#pragma once

#include "rtes-fiche.h"
#include "rtes-speller.h"

G_BEGIN_DECLS

/* Findings (RtesFinding*) for @fiches (RtesFiche*), sorted by fiche id,
 * then in each fiche's order. Duplicates are looked for among
 * @library_fiches (NULL: @fiches) but reported for @fiches only. @speller
 * NULL skips the spelling; @now NULL is now. Runs in any thread. */
GPtrArray *rtes_review_run (GPtrArray   *fiches,
                            GPtrArray   *library_fiches,
                            RtesSpeller *speller,
                            GDateTime   *now);

G_END_DECLS
