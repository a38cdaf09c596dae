/* rtes-stats.h: the figures of a library, for the overview, the CLI and exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "rtes-fiche.h"

G_BEGIN_DECLS

#define RTES_TYPE_STATS (rtes_stats_get_type ())
G_DECLARE_FINAL_TYPE (RtesStats, rtes_stats, RTES, STATS, GObject)

/* How complete fiches are (rtes_fiche_completeness()). */
typedef enum {
  RTES_STATS_COMPLETE,        /* every field a complete fiche fills */
  RTES_STATS_MOSTLY_COMPLETE, /* 75 % or more */
  RTES_STATS_HALF_COMPLETE,   /* 50 % or more */
  RTES_STATS_SKETCHY,         /* less than half */
  RTES_STATS_N_COMPLETENESS
} RtesStatsCompleteness;

/* How long ago fiches were updated ("updated"). STALE and UNDATED are
 * what the sidebar's "Not updated for two years" filter shows. */
typedef enum {
  RTES_STATS_RECENT,          /* within a year */
  RTES_STATS_AGEING,          /* one to two years ago */
  RTES_STATS_STALE,           /* more than two years ago */
  RTES_STATS_UNDATED,         /* no date */
  RTES_STATS_N_FRESHNESS
} RtesStatsFreshness;

/* ESS budget of one year, summed over every fiche; @year is
 * RTES_BUDGET_NO_YEAR for lines that give none. Forecast lines count in
 * the sections and again in @forecast. */
typedef struct {
  int     year;
  double  fonctionnement;
  double  investissement;
  double  unspecified;        /* section not said */
  double  forecast;           /* of which forecast ("prévisionnel") */
  guint   n_fiches;           /* fiches with a line that year */
} RtesStatsBudgetYear;

/* @fiches: RtesFiche items (a library or an array). Broken fiches are
 * counted apart and take part in nothing else. @now: "today" for
 * freshness (NULL: the current time). */
RtesStats   *rtes_stats_new                     (GListModel  *fiches,
                                                 GDateTime   *now);
RtesStats   *rtes_stats_new_for_array           (GPtrArray   *fiches,
                                                 GDateTime   *now);

guint        rtes_stats_get_n_fiches            (RtesStats  *self);  /* readable ones */
guint        rtes_stats_get_n_broken            (RtesStats  *self);
guint        rtes_stats_get_n_drafts            (RtesStats  *self);

/* Fiches of kind @kind (a vocabulary id); NULL counts those with no kind
 * or one the vocabulary does not know. */
guint        rtes_stats_get_kind_count          (RtesStats  *self,
                                                 const char *kind);
/* Fiches in région @region (official name); NULL: none or unknown. */
guint        rtes_stats_get_region_count        (RtesStats  *self,
                                                 const char *region);
/* Fiches in département @code (see rtes_departement_for_fiche()); NULL:
 * those whose département is not known. */
guint        rtes_stats_get_departement_count   (RtesStats  *self,
                                                 const char *code);
/* The largest count of a département (0 for an empty library). */
guint        rtes_stats_get_max_departement_count (RtesStats *self);
/* Fiches tagged @tag (a vocabulary id); NULL: fiches without any tag. */
guint        rtes_stats_get_tag_count           (RtesStats  *self,
                                                 const char *tag);

/* One entry per year that has budget lines, oldest first, lines without a
 * year last. */
const RtesStatsBudgetYear *rtes_stats_get_budget_years (RtesStats *self,
                                                        guint     *n_years);
/* Median of the annual ESS budgets of the fiches of @kind (NULL: no kind)
 * that give one; a fiche's annual budget is the sum of its lines of the
 * most recent year it gives (or of all its lines when none has a year).
 * FALSE when no fiche of @kind gives a budget. */
gboolean     rtes_stats_get_budget_median       (RtesStats  *self,
                                                 const char *kind,
                                                 double     *median,
                                                 guint      *n_fiches);

guint        rtes_stats_get_completeness_count  (RtesStats            *self,
                                                 RtesStatsCompleteness bucket);
/* Mean of rtes_fiche_completeness() over readable fiches, 0 to 1. */
double       rtes_stats_get_mean_completeness   (RtesStats            *self);
guint        rtes_stats_get_freshness_count     (RtesStats            *self,
                                                 RtesStatsFreshness    bucket);

/* Which bucket @fiche falls in, the way the statistics count it: what the
 * overview's bars filter the sidebar with. @now NULL: the current time. */
RtesStatsFreshness rtes_stats_freshness_of      (RtesFiche  *fiche,
                                                 GDateTime  *now);

/* Every figure above as JSON (French labels, as in exports); the format
 * is described in docs/overview.md. */
JsonNode    *rtes_stats_to_json                 (RtesStats  *self);

G_END_DECLS
