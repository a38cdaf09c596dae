/* rtes-validation.h: what a fiche gets wrong or leaves out, beyond types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-fiche.h"

G_BEGIN_DECLS

typedef enum {
  RTES_ISSUE_MISSING,   /* something a complete fiche has: shown in the summary */
  RTES_ISSUE_WARNING,   /* a value that looks wrong but can be saved */
  RTES_ISSUE_ERROR,     /* a value the site would refuse (bad id, blank name) */
} RtesIssueSeverity;

typedef struct {
  RtesIssueSeverity severity;
  char *field;    /* member path: "name", "address.postcode", "contacts[2].email" */
  char *message;  /* translated, for people */
} RtesIssue;

void       rtes_issue_free          (RtesIssue *issue);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RtesIssue, rtes_issue_free)

/* Checks @fiche; @now gives "this year" (NULL: the current time). Returns
 * a GPtrArray of RtesIssue*, in field order, never NULL. */
GPtrArray *rtes_fiche_validate      (RtesFiche *fiche,
                                     GDateTime *now);

/* TRUE if any issue in @issues has RTES_ISSUE_ERROR severity. */
gboolean   rtes_issues_have_errors  (GPtrArray *issues);

/* How many of the RTES_FICHE_N_FILLED things a complete fiche has
 * @fiche has; cached until ::changed (a listed fiche knows it without
 * being read). */
#define RTES_FICHE_N_FILLED 10
guint      rtes_fiche_count_filled  (RtesFiche *fiche);

/* Share of the fields a complete fiche fills, 0.0 to 1.0. */
double     rtes_fiche_completeness  (RtesFiche *fiche);

G_END_DECLS
