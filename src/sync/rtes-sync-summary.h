/* rtes-sync-summary.h: what one sync did, fiche by fiche, in plain words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sync ends with a summary: counts, and one report per fiche it did
 * something about (pulled, merged, left in conflict, published, not
 * published and why, no longer on the site, not synced). The window's
 * toast and the command line say it in one sentence, and list the
 * reports by fiche name:
 *
 *   g_autofree char *sentence = rtes_sync_summary_to_sentence (summary);
 *   for (guint i = 0; i < summary->fiches->len; i++)
 *     {
 *       RtesSyncFicheReport *report = g_ptr_array_index (summary->fiches, i);
 *       g_autofree char *what = rtes_sync_fiche_report_describe (report);
 *       // "Dijon Métropole: not published: no token"
 *       g_print ("%s: %s\n", report->name, what);
 *     }
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * RtesSyncOutcome:
 * @RTES_SYNC_OUTCOME_ADDED: new on the site, now in the library
 * @RTES_SYNC_OUTCOME_UPDATED: changed on the site only; the local file
 *   took the site's changes
 * @RTES_SYNC_OUTCOME_MERGED: changed on both sides; merged
 * @RTES_SYNC_OUTCOME_CONFLICTS: has conflicts left to settle after the
 *   sync (@n_conflicts places)
 * @RTES_SYNC_OUTCOME_PUBLISHED: the site accepted it (would accept, in a
 *   dry run)
 * @RTES_SYNC_OUTCOME_NOT_PUBLISHED: changed here since the site's copy,
 *   and not sent: see @reason
 * @RTES_SYNC_OUTCOME_GONE: no longer on the site; kept here
 * @RTES_SYNC_OUTCOME_NOT_SYNCED: its file does not read, or the merge
 *   gave a fiche that is not valid (@message says which)
 *
 * In the order the window and the command line list them.
 */
typedef enum {
  RTES_SYNC_OUTCOME_CONFLICTS,
  RTES_SYNC_OUTCOME_NOT_SYNCED,
  RTES_SYNC_OUTCOME_NOT_PUBLISHED,
  RTES_SYNC_OUTCOME_ADDED,
  RTES_SYNC_OUTCOME_UPDATED,
  RTES_SYNC_OUTCOME_MERGED,
  RTES_SYNC_OUTCOME_PUBLISHED,
  RTES_SYNC_OUTCOME_GONE,
} RtesSyncOutcome;

/**
 * RtesSyncNotPublished:
 * @RTES_SYNC_NOT_PUBLISHED_NO_TOKEN: no token to publish with (the window
 *   without a token stored for the site)
 * @RTES_SYNC_NOT_PUBLISHED_NOT_ASKED: the sync was not asked to publish
 *   (the command line without --publish)
 * @RTES_SYNC_NOT_PUBLISHED_DRAFT: a draft made here, that the site does
 *   not have yet: it is published once its status says published (a
 *   draft the site has is sent, and shows there as "Fiche en cours de
 *   rédaction")
 * @RTES_SYNC_NOT_PUBLISHED_EXAMPLE: a made-up example fiche, never sent
 * @RTES_SYNC_NOT_PUBLISHED_CONFLICTS: conflicts left to settle
 * @RTES_SYNC_NOT_PUBLISHED_REFUSED: the site refused the document (422);
 *   @message holds its words
 * @RTES_SYNC_NOT_PUBLISHED_TOKEN_REFUSED: the site refused the token
 *   (401/403); publishing stopped there
 * @RTES_SYNC_NOT_PUBLISHED_CHANGED_AGAIN: the site's copy changed again
 *   while publishing (a second 412)
 * @RTES_SYNC_NOT_PUBLISHED_NOT_LISTED: the site said its copy changed
 *   (412) but does not list it
 * @RTES_SYNC_NOT_PUBLISHED_REVIEW: the review blocks it (a placeholder, a
 *   value the validator calls an error) and no override covers it
 *
 * Why a fiche changed here was not sent. To add a reason: a value at the
 * end, its words in rtes_sync_not_published_to_string(), and, if the sync
 * must count it as an error, rtes_sync_not_published_is_error().
 */
typedef enum {
  RTES_SYNC_NOT_PUBLISHED_NO_TOKEN,
  RTES_SYNC_NOT_PUBLISHED_NOT_ASKED,
  RTES_SYNC_NOT_PUBLISHED_DRAFT,
  RTES_SYNC_NOT_PUBLISHED_EXAMPLE,
  RTES_SYNC_NOT_PUBLISHED_CONFLICTS,
  RTES_SYNC_NOT_PUBLISHED_REFUSED,
  RTES_SYNC_NOT_PUBLISHED_TOKEN_REFUSED,
  RTES_SYNC_NOT_PUBLISHED_CHANGED_AGAIN,
  RTES_SYNC_NOT_PUBLISHED_NOT_LISTED,
  RTES_SYNC_NOT_PUBLISHED_REVIEW,
} RtesSyncNotPublished;

/* The reason in words, to follow "not published: " ("no token"). */
const char *rtes_sync_not_published_to_string (RtesSyncNotPublished reason);
/* TRUE for a reason that is something to fix (the site refused, an
 * example fiche), which makes the command line exit with an error; FALSE
 * for the way things are meant to go (a draft, no token). */
gboolean    rtes_sync_not_published_is_error  (RtesSyncNotPublished reason);

/**
 * RtesSyncFicheReport:
 * @id: the fiche's id (for a file that does not read: its file name)
 * @name: the fiche's name, for people (the id when it has none)
 * @outcome: what happened
 * @reason: why it was not published (%RTES_SYNC_OUTCOME_NOT_PUBLISHED)
 * @n_conflicts: places left in conflict (%RTES_SYNC_OUTCOME_CONFLICTS)
 * @message: (nullable): the site's words, or what went wrong, translated
 */
typedef struct {
  char                 *id;
  char                 *name;
  RtesSyncOutcome       outcome;
  RtesSyncNotPublished  reason;
  guint                 n_conflicts;
  char                 *message;
} RtesSyncFicheReport;

void                 rtes_sync_fiche_report_free     (RtesSyncFicheReport       *report);
/* What happened to the fiche, without its name: "not published: no
 * token", "2 conflicts to settle", "new from the site"; translated. */
char                *rtes_sync_fiche_report_describe (const RtesSyncFicheReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RtesSyncFicheReport, rtes_sync_fiche_report_free)

/**
 * RtesSyncSummary:
 * @added: fiches new on the site, now in the library
 * @updated: fiches changed on the site only, updated locally
 * @unchanged: fiches the same on both sides after the sync
 * @merged: fiches changed on both sides, merged field by field and item
 *   by item
 * @conflicts: open conflicts (places: a field, an item or an item's
 *   field) in the library after the sync
 * @published: fiches the site accepted (would accept, in a dry run)
 * @errors: problems to fix: fiches that could not be synced, and fiches
 *   not published for a reason that is an error (see @messages)
 * @files_read: fiche files the run read; when the site says nothing
 *   changed, only those changed here since they last held their base
 * @gone: ids the site no longer lists; kept locally, never deleted
 * @messages: one translated line per error, naming the fiche
 * @changed: ids whose file the sync wrote (empty in a dry run)
 * @fiches: #RtesSyncFicheReport*, sorted by outcome, then name
 */
typedef struct {
  guint      added;
  guint      updated;
  guint      unchanged;
  guint      merged;
  guint      conflicts;
  guint      published;
  guint      errors;
  guint      files_read;
  GPtrArray *gone;
  GPtrArray *messages;
  GPtrArray *changed;
  GPtrArray *fiches;
} RtesSyncSummary;

#define RTES_TYPE_SYNC_SUMMARY (rtes_sync_summary_get_type ())
GType            rtes_sync_summary_get_type    (void) G_GNUC_CONST;
RtesSyncSummary *rtes_sync_summary_new         (void);
RtesSyncSummary *rtes_sync_summary_copy        (const RtesSyncSummary *summary);
void             rtes_sync_summary_free        (RtesSyncSummary       *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RtesSyncSummary, rtes_sync_summary_free)

/* Adds a report (owned by the summary) and returns it. */
RtesSyncFicheReport *rtes_sync_summary_add     (RtesSyncSummary       *summary,
                                                const char            *id,
                                                const char            *name,
                                                RtesSyncOutcome        outcome);
/* Sorts the reports by outcome, then by name. */
void             rtes_sync_summary_sort        (RtesSyncSummary       *summary);
/* How many reports have @outcome. */
guint            rtes_sync_summary_count       (const RtesSyncSummary *summary,
                                                RtesSyncOutcome        outcome);
/* The whole sync in one translated sentence, counted in fiches: "Sync: 2
 * new fiches from the site, 1 fiche merged with the site's changes, 3
 * fiches not published: no token." */
char            *rtes_sync_summary_to_sentence (const RtesSyncSummary *summary);
/* The same sentence for a place that lists the fiches right below it
 * (the Details, the command line): "… 2 fiches not published." rather
 * than "… (see the details)". */
char            *rtes_sync_summary_to_heading  (const RtesSyncSummary *summary);

G_END_DECLS
