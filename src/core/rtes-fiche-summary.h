/* rtes-fiche-summary.h: what the list of a library knows of a fiche without its file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-fiche.h"

G_BEGIN_DECLS

/* What the sidebar, the overview's figures, "list", "stats" and search
 * need to know of a fiche: the library index keeps one per fiche file
 * (rtes-library-index.h), and a fiche listed from it has these values
 * until its file is read (rtes_fiche_is_loaded()). Strings are UTF-8;
 * kind, region and updated may be NULL, as in the fiche. */
typedef struct {
  char     *id;
  char     *name;
  char     *status;
  char     *kind;
  char     *region;
  char     *updated;
  gint64    member_since;   /* RTES_NO_NUMBER: not said */
  char     *postcode;
  char     *city;
  GStrv     tags;
  guint     filled;         /* rtes_fiche_count_filled() */
  guint     blocking;       /* rtes_review_count_blocking() */
  gboolean  example;        /* "example": true (made up, never published) */
  GArray   *budget;         /* RtesBudgetFigure */
  char     *search_text;    /* rtes_fiche_get_search_text(); NULL if not read */
} RtesFicheSummary;

/* The summary of @fiche as it is now; @fiche must have loaded. */
RtesFicheSummary *rtes_fiche_summary_new_for_fiche (RtesFiche        *fiche);
RtesFicheSummary *rtes_fiche_summary_new           (void);
void              rtes_fiche_summary_free          (RtesFicheSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RtesFicheSummary, rtes_fiche_summary_free)

/* A fiche that has the values of @summary (taken) and reads the rest from
 * the fiche file @path the first time anything else is asked of it, the
 * way rtes_fiche_load() reads it: a file that no longer loads makes it a
 * broken fiche then (with ::changed), one whose values changed since
 * the summary was made emits ::changed. */
RtesFiche        *rtes_fiche_new_listed            (RtesFicheSummary *summary,
                                                    const char       *path);

G_END_DECLS
