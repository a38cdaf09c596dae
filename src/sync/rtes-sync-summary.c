/* rtes-sync-summary.c: what one sync did, fiche by fiche, in plain words
 *
 * The sync fills the summary as it goes (rtes-sync.c); this file only
 * keeps the records and says them. Counts are in fiches, so that the
 * sentence reads like what a person would say: conflicts are counted in
 * fiches too, their places are in each fiche's report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rtes-sync-summary.h"

/* ---- reasons ---- */

const char *
rtes_sync_not_published_to_string (RtesSyncNotPublished reason)
{
  switch (reason)
    {
    case RTES_SYNC_NOT_PUBLISHED_NO_TOKEN:
      /* Translators: follows "not published: " */
      return _("no token");
    case RTES_SYNC_NOT_PUBLISHED_NOT_ASKED:
      /* Translators: follows "not published: " */
      return _("publishing was not asked for");
    case RTES_SYNC_NOT_PUBLISHED_DRAFT:
      /* Translators: follows "not published: " */
      return _("it is a new draft; set its status to Published to send it");
    case RTES_SYNC_NOT_PUBLISHED_EXAMPLE:
      /* Translators: follows "not published: " */
      return _("it is an example fiche, made up to show the application");
    case RTES_SYNC_NOT_PUBLISHED_CONFLICTS:
      /* Translators: follows "not published: " */
      return _("conflicts left to settle");
    case RTES_SYNC_NOT_PUBLISHED_REFUSED:
      /* Translators: follows "not published: " */
      return _("refused by the site");
    case RTES_SYNC_NOT_PUBLISHED_TOKEN_REFUSED:
      /* Translators: follows "not published: " */
      return _("the site refused the token");
    case RTES_SYNC_NOT_PUBLISHED_CHANGED_AGAIN:
      /* Translators: follows "not published: " */
      return _("it changed on the site again; sync again");
    case RTES_SYNC_NOT_PUBLISHED_NOT_LISTED:
      /* Translators: follows "not published: " */
      return _("the site refused it as changed but does not list it");
    case RTES_SYNC_NOT_PUBLISHED_REVIEW:
      /* Translators: follows "not published: " */
      return _("the review found problems that block it");
    default:
      g_return_val_if_reached ("");
    }
}

gboolean
rtes_sync_not_published_is_error (RtesSyncNotPublished reason)
{
  switch (reason)
    {
    case RTES_SYNC_NOT_PUBLISHED_NO_TOKEN:
    case RTES_SYNC_NOT_PUBLISHED_NOT_ASKED:
    case RTES_SYNC_NOT_PUBLISHED_DRAFT:
    case RTES_SYNC_NOT_PUBLISHED_CONFLICTS:
      return FALSE;
    case RTES_SYNC_NOT_PUBLISHED_EXAMPLE:
    case RTES_SYNC_NOT_PUBLISHED_REFUSED:
    case RTES_SYNC_NOT_PUBLISHED_TOKEN_REFUSED:
    case RTES_SYNC_NOT_PUBLISHED_CHANGED_AGAIN:
    case RTES_SYNC_NOT_PUBLISHED_NOT_LISTED:
    case RTES_SYNC_NOT_PUBLISHED_REVIEW:
    default:
      return TRUE;
    }
}

/* ---- one fiche ---- */

static RtesSyncFicheReport *
rtes_sync_fiche_report_new (const char      *id,
                            const char      *name,
                            RtesSyncOutcome  outcome)
{
  RtesSyncFicheReport *report = g_new0 (RtesSyncFicheReport, 1);

  g_return_val_if_fail (id != NULL, NULL);

  report->id = g_strdup (id);
  report->name = g_strdup (name != NULL && *name != '\0' ? name : id);
  report->outcome = outcome;
  return report;
}

static RtesSyncFicheReport *
rtes_sync_fiche_report_copy (const RtesSyncFicheReport *report)
{
  RtesSyncFicheReport *copy = rtes_sync_fiche_report_new (report->id, report->name, report->outcome);

  copy->reason = report->reason;
  copy->n_conflicts = report->n_conflicts;
  copy->message = g_strdup (report->message);
  return copy;
}

void
rtes_sync_fiche_report_free (RtesSyncFicheReport *report)
{
  if (report == NULL)
    return;
  g_free (report->id);
  g_free (report->name);
  g_free (report->message);
  g_free (report);
}

static char *
not_published_text (const RtesSyncFicheReport *report)
{
  const char *reason = rtes_sync_not_published_to_string (report->reason);

  /* The site's words, or its refusal of the token, say more than the
   * reason: they name what to fix. */
  if (report->message != NULL && report->reason == RTES_SYNC_NOT_PUBLISHED_REFUSED)
    /* Translators: "not published: refused by the site: <the site's words>" */
    return g_strdup_printf (_("not published: %s: %s"), reason, report->message);
  if (report->message != NULL)
    return g_strdup_printf (_("not published: %s"), report->message);
  return g_strdup_printf (_("not published: %s"), reason);
}

char *
rtes_sync_fiche_report_describe (const RtesSyncFicheReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  switch (report->outcome)
    {
    case RTES_SYNC_OUTCOME_ADDED:
      return g_strdup (_("new from the site"));
    case RTES_SYNC_OUTCOME_UPDATED:
      return g_strdup (_("updated from the site"));
    case RTES_SYNC_OUTCOME_MERGED:
      return g_strdup (_("merged with the site’s changes"));
    case RTES_SYNC_OUTCOME_CONFLICTS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u conflict to settle",
                                           "%u conflicts to settle", report->n_conflicts),
                              report->n_conflicts);
    case RTES_SYNC_OUTCOME_PUBLISHED:
      return g_strdup (_("published"));
    case RTES_SYNC_OUTCOME_NOT_PUBLISHED:
      return not_published_text (report);
    case RTES_SYNC_OUTCOME_GONE:
      return g_strdup (_("no longer on the site, kept here"));
    case RTES_SYNC_OUTCOME_NOT_SYNCED:
      return g_strdup_printf (_("not synced: %s"), report->message != NULL ? report->message : "");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ---- the summary ---- */

G_DEFINE_BOXED_TYPE (RtesSyncSummary, rtes_sync_summary, rtes_sync_summary_copy, rtes_sync_summary_free)

RtesSyncSummary *
rtes_sync_summary_new (void)
{
  RtesSyncSummary *summary = g_new0 (RtesSyncSummary, 1);

  summary->gone = g_ptr_array_new_with_free_func (g_free);
  summary->messages = g_ptr_array_new_with_free_func (g_free);
  summary->changed = g_ptr_array_new_with_free_func (g_free);
  summary->fiches = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_sync_fiche_report_free);
  return summary;
}

static void
copy_strings (GPtrArray *to,
              GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, g_strdup (g_ptr_array_index (from, i)));
}

RtesSyncSummary *
rtes_sync_summary_copy (const RtesSyncSummary *summary)
{
  RtesSyncSummary *copy = rtes_sync_summary_new ();
  GPtrArray *gone = copy->gone;
  GPtrArray *messages = copy->messages;
  GPtrArray *changed = copy->changed;
  GPtrArray *fiches = copy->fiches;

  *copy = *summary;
  copy->gone = gone;
  copy->messages = messages;
  copy->changed = changed;
  copy->fiches = fiches;
  copy_strings (copy->gone, summary->gone);
  copy_strings (copy->messages, summary->messages);
  copy_strings (copy->changed, summary->changed);
  for (guint i = 0; i < summary->fiches->len; i++)
    g_ptr_array_add (copy->fiches, rtes_sync_fiche_report_copy (g_ptr_array_index (summary->fiches, i)));
  return copy;
}

void
rtes_sync_summary_free (RtesSyncSummary *summary)
{
  if (summary == NULL)
    return;
  g_ptr_array_unref (summary->gone);
  g_ptr_array_unref (summary->messages);
  g_ptr_array_unref (summary->changed);
  g_ptr_array_unref (summary->fiches);
  g_free (summary);
}

RtesSyncFicheReport *
rtes_sync_summary_add (RtesSyncSummary *summary,
                       const char      *id,
                       const char      *name,
                       RtesSyncOutcome  outcome)
{
  RtesSyncFicheReport *report = rtes_sync_fiche_report_new (id, name, outcome);

  g_ptr_array_add (summary->fiches, report);
  return report;
}

static int
compare_reports (gconstpointer a,
                 gconstpointer b)
{
  const RtesSyncFicheReport *x = *(const RtesSyncFicheReport * const *) a;
  const RtesSyncFicheReport *y = *(const RtesSyncFicheReport * const *) b;
  int by_name;

  if (x->outcome != y->outcome)
    return x->outcome < y->outcome ? -1 : 1;
  by_name = g_utf8_collate (x->name, y->name);
  return by_name != 0 ? by_name : g_strcmp0 (x->id, y->id);
}

void
rtes_sync_summary_sort (RtesSyncSummary *summary)
{
  g_return_if_fail (summary != NULL);
  g_ptr_array_sort (summary->fiches, compare_reports);
}

guint
rtes_sync_summary_count (const RtesSyncSummary *summary,
                         RtesSyncOutcome        outcome)
{
  guint n = 0;

  g_return_val_if_fail (summary != NULL, 0);
  for (guint i = 0; i < summary->fiches->len; i++)
    if (((RtesSyncFicheReport *) g_ptr_array_index (summary->fiches, i))->outcome == outcome)
      n++;
  return n;
}

/* "3 fiches not published: no token" when they share a reason. When they
 * do not, a missing token is still said: it is the one reason that holds
 * back every fiche, and the one a person can lift at once. */
static char *
not_published_part (const RtesSyncSummary *summary,
                    guint                  n,
                    gboolean               details_apart)
{
  gboolean same = TRUE;
  gboolean first = TRUE;
  gboolean no_token = FALSE;
  RtesSyncNotPublished reason = RTES_SYNC_NOT_PUBLISHED_NO_TOKEN;

  for (guint i = 0; i < summary->fiches->len; i++)
    {
      RtesSyncFicheReport *report = g_ptr_array_index (summary->fiches, i);

      if (report->outcome != RTES_SYNC_OUTCOME_NOT_PUBLISHED)
        continue;
      if (!first && report->reason != reason)
        same = FALSE;
      reason = report->reason;
      no_token |= reason == RTES_SYNC_NOT_PUBLISHED_NO_TOKEN;
      first = FALSE;
    }
  if (same)
    /* Translators: %s is a reason, "no token" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u fiche not published: %s",
                                         "%u fiches not published: %s", n),
                            n, rtes_sync_not_published_to_string (reason));
  /* Right above the list of fiches, "see the details" would point at
   * what the eye already reads. */
  if (!details_apart && no_token)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u fiche not published, and there is no token to publish with",
                                         "%u fiches not published, and there is no token to publish with",
                                         n),
                            n);
  if (!details_apart)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u fiche not published", "%u fiches not published", n), n);
  if (no_token)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u fiche not published (see the details), and there is no token to publish with",
                                         "%u fiches not published (see the details), and there is no token to publish with",
                                         n),
                            n);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u fiche not published (see the details)",
                                       "%u fiches not published (see the details)", n), n);
}

static void add_part (GPtrArray  *parts,
                      const char *format,
                      ...) G_GNUC_PRINTF (2, 3);

static void
add_part (GPtrArray  *parts,
          const char *format,
          ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (parts, g_strdup_vprintf (format, args));
  va_end (args);
}

static char *
summary_sentence (const RtesSyncSummary *summary,
                  gboolean               details_apart)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  guint n;

  /* Each part spelled out: xgettext must see every pair of forms. */
  if ((n = rtes_sync_summary_count (summary, RTES_SYNC_OUTCOME_ADDED)) > 0)
    add_part (parts, g_dngettext (GETTEXT_PACKAGE, "%u new fiche from the site",
                                  "%u new fiches from the site", n), n);
  if ((n = rtes_sync_summary_count (summary, RTES_SYNC_OUTCOME_UPDATED)) > 0)
    add_part (parts, g_dngettext (GETTEXT_PACKAGE, "%u fiche updated from the site",
                                  "%u fiches updated from the site", n), n);
  if ((n = rtes_sync_summary_count (summary, RTES_SYNC_OUTCOME_MERGED)) > 0)
    add_part (parts, g_dngettext (GETTEXT_PACKAGE, "%u fiche merged with the site’s changes",
                                  "%u fiches merged with the site’s changes", n), n);
  if ((n = rtes_sync_summary_count (summary, RTES_SYNC_OUTCOME_CONFLICTS)) > 0)
    add_part (parts, g_dngettext (GETTEXT_PACKAGE, "%u fiche with conflicts to settle",
                                  "%u fiches with conflicts to settle", n), n);
  if ((n = rtes_sync_summary_count (summary, RTES_SYNC_OUTCOME_PUBLISHED)) > 0)
    add_part (parts, g_dngettext (GETTEXT_PACKAGE, "%u fiche published", "%u fiches published", n), n);
  if ((n = rtes_sync_summary_count (summary, RTES_SYNC_OUTCOME_NOT_PUBLISHED)) > 0)
    g_ptr_array_add (parts, not_published_part (summary, n, details_apart));
  if ((n = rtes_sync_summary_count (summary, RTES_SYNC_OUTCOME_GONE)) > 0)
    add_part (parts, g_dngettext (GETTEXT_PACKAGE, "%u fiche no longer on the site, kept here",
                                  "%u fiches no longer on the site, kept here", n), n);
  if ((n = rtes_sync_summary_count (summary, RTES_SYNC_OUTCOME_NOT_SYNCED)) > 0)
    add_part (parts, g_dngettext (GETTEXT_PACKAGE, "%u fiche not synced", "%u fiches not synced", n), n);

  if (parts->len == 0)
    return g_strdup (_("Sync: nothing changed here or on the site."));
  g_ptr_array_add (parts, NULL);
  /* Translators: the parts of a sync's summary, separated by commas */
  joined = g_strjoinv (_(", "), (char **) parts->pdata);
  /* Translators: %s is what the sync did: "2 new fiches from the site, 1 fiche published" */
  return g_strdup_printf (_("Sync: %s."), joined);
}

char *
rtes_sync_summary_to_sentence (const RtesSyncSummary *summary)
{
  g_return_val_if_fail (summary != NULL, NULL);
  return summary_sentence (summary, TRUE);
}

char *
rtes_sync_summary_to_heading (const RtesSyncSummary *summary)
{
  g_return_val_if_fail (summary != NULL, NULL);
  return summary_sentence (summary, FALSE);
}
