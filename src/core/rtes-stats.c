/* rtes-stats.c: the figures of a library, for the overview, the CLI and exports
 *
 * One pass over the fiches computes every figure the window's overview,
 * `rtes-fiches-cli stats` and the booklet's "Le réseau en chiffres" page
 * show, so that the three always agree. The object is immutable once
 * made: a new library state makes a new RtesStats.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "rtes-departement.h"
#include "rtes-json-writer.h"
#include "rtes-stats.h"
#include "rtes-validation.h"
#include "rtes-vocabulary.h"

struct _RtesStats
{
  GObject parent_instance;

  guint n_fiches;
  guint n_broken;
  guint n_drafts;

  /* key (interned vocabulary id, région or département code; "" for
   * unknown) → count */
  GHashTable *kinds;
  GHashTable *regions;
  GHashTable *departements;
  GHashTable *tags;
  guint n_untagged;
  guint max_departement;

  GArray *budget_years;       /* RtesStatsBudgetYear, sorted */
  GHashTable *kind_budgets;   /* kind key → GArray of double */

  guint completeness[RTES_STATS_N_COMPLETENESS];
  double completeness_sum;
  guint freshness[RTES_STATS_N_FRESHNESS];
};

G_DEFINE_FINAL_TYPE (RtesStats, rtes_stats, G_TYPE_OBJECT)

#define UNKNOWN ""

static void
rtes_stats_finalize (GObject *object)
{
  RtesStats *self = RTES_STATS (object);

  g_hash_table_unref (self->kinds);
  g_hash_table_unref (self->regions);
  g_hash_table_unref (self->departements);
  g_hash_table_unref (self->tags);
  g_hash_table_unref (self->kind_budgets);
  g_array_unref (self->budget_years);

  G_OBJECT_CLASS (rtes_stats_parent_class)->finalize (object);
}

static void
rtes_stats_class_init (RtesStatsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rtes_stats_finalize;
}

static void
rtes_stats_init (RtesStats *self)
{
  /* Keys are static strings (vocabulary, département table, UNKNOWN). */
  self->kinds = g_hash_table_new (g_str_hash, g_str_equal);
  self->regions = g_hash_table_new (g_str_hash, g_str_equal);
  self->departements = g_hash_table_new (g_str_hash, g_str_equal);
  self->tags = g_hash_table_new (g_str_hash, g_str_equal);
  self->kind_budgets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) g_array_unref);
  self->budget_years = g_array_new (FALSE, TRUE, sizeof (RtesStatsBudgetYear));
}

/* Counting ------------------------------------------------------------- */

static void
count (GHashTable *table,
       const char *key)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (table, key));

  g_hash_table_insert (table, (gpointer) key, GUINT_TO_POINTER (n + 1));
}

static guint
lookup (GHashTable *table,
        const char *key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, key != NULL ? key : UNKNOWN));
}

static const char *
kind_key (RtesFiche *fiche)
{
  const RtesTerm *term = rtes_kind_lookup (rtes_fiche_get_kind (fiche));

  return term != NULL ? term->id : UNKNOWN;
}

static const char *
region_key (RtesFiche *fiche)
{
  const RtesTerm *term = rtes_region_lookup (rtes_fiche_get_region (fiche));

  return term != NULL ? term->id : UNKNOWN;
}

static RtesStatsBudgetYear *
budget_year (RtesStats *self,
             int        year)
{
  RtesStatsBudgetYear entry = { 0 };

  for (guint i = 0; i < self->budget_years->len; i++)
    {
      RtesStatsBudgetYear *e = &g_array_index (self->budget_years, RtesStatsBudgetYear, i);

      if (e->year == year)
        return e;
    }
  entry.year = year;
  g_array_append_val (self->budget_years, entry);
  return &g_array_index (self->budget_years, RtesStatsBudgetYear, self->budget_years->len - 1);
}

/* Adds @fiche's lines to the yearly totals, and returns its annual budget
 * (see rtes_stats_get_budget_median()), or NAN when it gives none. */
static double
add_budget (RtesStats *self,
            RtesFiche *fiche)
{
  /* The figures, not the lines: a fiche the library only lists has them
   * without its file being read. */
  GArray *figures = rtes_fiche_get_budget_figures (fiche);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  int latest = RTES_BUDGET_NO_YEAR;
  double annual = 0;

  if (figures->len == 0)
    return NAN;

  for (guint i = 0; i < figures->len; i++)
    {
      const RtesBudgetFigure *figure = &g_array_index (figures, RtesBudgetFigure, i);
      RtesStatsBudgetYear *entry;

      if (!isfinite (figure->amount))
        continue;
      entry = budget_year (self, figure->year);
      if (figure->section == RTES_BUDGET_FIGURE_FONCTIONNEMENT)
        entry->fonctionnement += figure->amount;
      else if (figure->section == RTES_BUDGET_FIGURE_INVESTISSEMENT)
        entry->investissement += figure->amount;
      else
        entry->unspecified += figure->amount;
      if (figure->forecast)
        entry->forecast += figure->amount;
      if (g_hash_table_add (seen, GINT_TO_POINTER (figure->year)))
        entry->n_fiches++;
      if (figure->year != RTES_BUDGET_NO_YEAR && (latest == RTES_BUDGET_NO_YEAR || figure->year > latest))
        latest = figure->year;
    }

  for (guint i = 0; i < figures->len; i++)
    {
      const RtesBudgetFigure *figure = &g_array_index (figures, RtesBudgetFigure, i);

      if (isfinite (figure->amount) && figure->year == latest)
        annual += figure->amount;
    }
  return annual;
}

static void
add_tags (RtesStats *self,
          RtesFiche *fiche)
{
  const char * const *tags = rtes_fiche_get_tags (fiche);
  gboolean any = FALSE;

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      const RtesTerm *term = rtes_tag_lookup (tags[i]);

      /* A fiche that says a tag twice is one fiche using that lever. */
      gboolean repeated = FALSE;

      for (guint j = 0; j < i && !repeated; j++)
        repeated = g_strcmp0 (tags[j], tags[i]) == 0;
      if (term == NULL || repeated)
        continue;
      count (self->tags, term->id);
      any = TRUE;
    }
  if (!any)
    self->n_untagged++;
}

RtesStatsFreshness
rtes_stats_freshness_of (RtesFiche *fiche,
                         GDateTime *now)
{
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDateTime) one_year = NULL;
  g_autoptr(GDateTime) two_years = NULL;
  g_autofree char *one_year_text = NULL;
  g_autofree char *two_years_text = NULL;
  const char *updated = rtes_fiche_get_updated (fiche);

  if (updated == NULL)
    return RTES_STATS_UNDATED;
  if (now == NULL)
    now = local_now = g_date_time_new_now_local ();
  one_year = g_date_time_add_years (now, -1);
  two_years = g_date_time_add_years (now, -2);
  one_year_text = g_date_time_format (one_year, "%Y-%m-%d");
  two_years_text = g_date_time_format (two_years, "%Y-%m-%d");

  /* ISO dates compare as strings; the limits match the sidebar's. */
  if (strcmp (updated, two_years_text) < 0)
    return RTES_STATS_STALE;
  if (strcmp (updated, one_year_text) < 0)
    return RTES_STATS_AGEING;
  return RTES_STATS_RECENT;
}

static RtesStatsCompleteness
completeness_of (double completeness)
{
  /* completeness is k/10: compare with a margin, not exactly. */
  if (completeness >= 1.0 - 1e-9)
    return RTES_STATS_COMPLETE;
  if (completeness >= 0.75 - 1e-9)
    return RTES_STATS_MOSTLY_COMPLETE;
  if (completeness >= 0.5 - 1e-9)
    return RTES_STATS_HALF_COMPLETE;
  return RTES_STATS_SKETCHY;
}

static void
add_fiche (RtesStats *self,
           RtesFiche *fiche,
           GDateTime *now)
{
  const RtesDepartement *departement;
  const char *kind;
  double annual, completeness;

  if (rtes_fiche_get_load_error (fiche) != NULL)
    {
      self->n_broken++;
      return;
    }
  self->n_fiches++;
  if (rtes_fiche_is_draft (fiche))
    self->n_drafts++;

  kind = kind_key (fiche);
  count (self->kinds, kind);
  count (self->regions, region_key (fiche));
  departement = rtes_departement_for_fiche (fiche);
  count (self->departements, departement != NULL ? departement->code : UNKNOWN);
  if (departement != NULL)
    self->max_departement = MAX (self->max_departement, lookup (self->departements, departement->code));
  add_tags (self, fiche);

  annual = add_budget (self, fiche);
  if (!isnan (annual))
    {
      GArray *budgets = g_hash_table_lookup (self->kind_budgets, kind);

      if (budgets == NULL)
        {
          budgets = g_array_new (FALSE, FALSE, sizeof (double));
          g_hash_table_insert (self->kind_budgets, (gpointer) kind, budgets);
        }
      g_array_append_val (budgets, annual);
    }

  completeness = rtes_fiche_completeness (fiche);
  self->completeness_sum += completeness;
  self->completeness[completeness_of (completeness)]++;
  self->freshness[rtes_stats_freshness_of (fiche, now)]++;
}

static int
compare_years (gconstpointer a,
               gconstpointer b)
{
  int ya = ((const RtesStatsBudgetYear *) a)->year;
  int yb = ((const RtesStatsBudgetYear *) b)->year;

  /* No year last. */
  if (ya == RTES_BUDGET_NO_YEAR || yb == RTES_BUDGET_NO_YEAR)
    return (ya == RTES_BUDGET_NO_YEAR) - (yb == RTES_BUDGET_NO_YEAR);
  return (ya > yb) - (ya < yb);
}

static RtesStats *
stats_new (GListModel *model,
           GPtrArray  *array,
           GDateTime  *now)
{
  RtesStats *self = g_object_new (RTES_TYPE_STATS, NULL);
  g_autoptr(GDateTime) local_now = NULL;
  guint n = model != NULL ? g_list_model_get_n_items (model) : array->len;

  if (now == NULL)
    now = local_now = g_date_time_new_now_local ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RtesFiche) fiche = model != NULL ? g_list_model_get_item (model, i)
                                                 : g_object_ref (g_ptr_array_index (array, i));

      add_fiche (self, fiche, now);
    }
  g_array_sort (self->budget_years, compare_years);
  return self;
}

RtesStats *
rtes_stats_new (GListModel *fiches,
                GDateTime  *now)
{
  g_return_val_if_fail (G_IS_LIST_MODEL (fiches), NULL);
  return stats_new (fiches, NULL, now);
}

RtesStats *
rtes_stats_new_for_array (GPtrArray *fiches,
                          GDateTime *now)
{
  g_return_val_if_fail (fiches != NULL, NULL);
  return stats_new (NULL, fiches, now);
}

/* Getters ---------------------------------------------------------------- */

guint
rtes_stats_get_n_fiches (RtesStats *self)
{
  g_return_val_if_fail (RTES_IS_STATS (self), 0);
  return self->n_fiches;
}

guint
rtes_stats_get_n_broken (RtesStats *self)
{
  g_return_val_if_fail (RTES_IS_STATS (self), 0);
  return self->n_broken;
}

guint
rtes_stats_get_n_drafts (RtesStats *self)
{
  g_return_val_if_fail (RTES_IS_STATS (self), 0);
  return self->n_drafts;
}

guint
rtes_stats_get_kind_count (RtesStats  *self,
                           const char *kind)
{
  g_return_val_if_fail (RTES_IS_STATS (self), 0);
  return lookup (self->kinds, kind);
}

guint
rtes_stats_get_region_count (RtesStats  *self,
                             const char *region)
{
  g_return_val_if_fail (RTES_IS_STATS (self), 0);
  return lookup (self->regions, region);
}

guint
rtes_stats_get_departement_count (RtesStats  *self,
                                  const char *code)
{
  const RtesDepartement *departement = rtes_departement_lookup (code);

  g_return_val_if_fail (RTES_IS_STATS (self), 0);
  if (code != NULL && departement == NULL)
    return 0;
  return lookup (self->departements, departement != NULL ? departement->code : NULL);
}

guint
rtes_stats_get_max_departement_count (RtesStats *self)
{
  g_return_val_if_fail (RTES_IS_STATS (self), 0);
  return self->max_departement;
}

guint
rtes_stats_get_tag_count (RtesStats  *self,
                          const char *tag)
{
  g_return_val_if_fail (RTES_IS_STATS (self), 0);
  if (tag == NULL)
    return self->n_untagged;
  return lookup (self->tags, tag);
}

const RtesStatsBudgetYear *
rtes_stats_get_budget_years (RtesStats *self,
                             guint     *n_years)
{
  g_return_val_if_fail (RTES_IS_STATS (self), NULL);
  if (n_years != NULL)
    *n_years = self->budget_years->len;
  return (const RtesStatsBudgetYear *) (gpointer) self->budget_years->data;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

gboolean
rtes_stats_get_budget_median (RtesStats  *self,
                              const char *kind,
                              double     *median,
                              guint      *n_fiches)
{
  const RtesTerm *term = rtes_kind_lookup (kind);
  GArray *budgets;
  g_autoptr(GArray) sorted = NULL;
  guint n;

  g_return_val_if_fail (RTES_IS_STATS (self), FALSE);

  budgets = g_hash_table_lookup (self->kind_budgets, term != NULL ? term->id : UNKNOWN);
  n = budgets != NULL ? budgets->len : 0;
  if (n_fiches != NULL)
    *n_fiches = n;
  if (n == 0)
    return FALSE;

  sorted = g_array_copy (budgets);
  g_array_sort (sorted, compare_doubles);
  if (median != NULL)
    *median = n % 2 == 1 ? g_array_index (sorted, double, n / 2)
                         : (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
  return TRUE;
}

guint
rtes_stats_get_completeness_count (RtesStats             *self,
                                   RtesStatsCompleteness  bucket)
{
  g_return_val_if_fail (RTES_IS_STATS (self), 0);
  g_return_val_if_fail (bucket < RTES_STATS_N_COMPLETENESS, 0);
  return self->completeness[bucket];
}

double
rtes_stats_get_mean_completeness (RtesStats *self)
{
  g_return_val_if_fail (RTES_IS_STATS (self), 0);
  return self->n_fiches > 0 ? self->completeness_sum / self->n_fiches : 0;
}

guint
rtes_stats_get_freshness_count (RtesStats          *self,
                                RtesStatsFreshness  bucket)
{
  g_return_val_if_fail (RTES_IS_STATS (self), 0);
  g_return_val_if_fail (bucket < RTES_STATS_N_FRESHNESS, 0);
  return self->freshness[bucket];
}

/* JSON ------------------------------------------------------------------- */

static void
add_term_counts (JsonBuilder    *builder,
                 const char     *member,
                 const RtesTerm *terms,
                 GHashTable     *table,
                 const char     *unknown_label)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; terms[i].id != NULL; i++)
    {
      json_builder_begin_object (builder);
      rtes_json_builder_add_string (builder, "id", terms[i].id);
      rtes_json_builder_add_string (builder, "label", terms[i].label_fr);
      rtes_json_builder_add_int (builder, "count", lookup (table, terms[i].id));
      json_builder_end_object (builder);
    }
  if (unknown_label != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_null_value (builder);
      rtes_json_builder_add_string (builder, "label", unknown_label);
      rtes_json_builder_add_int (builder, "count", lookup (table, NULL));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_number (JsonBuilder *builder,
            const char  *member,
            double       value)
{
  json_builder_set_member_name (builder, member);
  /* Euros: whole numbers stay integers in the output. */
  if (value == floor (value) && fabs (value) < 9e15)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_departements (RtesStats   *self,
                  JsonBuilder *builder)
{
  json_builder_set_member_name (builder, "by_departement");
  json_builder_begin_array (builder);
  for (const RtesDepartement *d = rtes_departements (); d->code != NULL; d++)
    {
      json_builder_begin_object (builder);
      rtes_json_builder_add_string (builder, "code", d->code);
      rtes_json_builder_add_string (builder, "name", d->name);
      rtes_json_builder_add_string (builder, "region", d->region);
      rtes_json_builder_add_int (builder, "count", lookup (self->departements, d->code));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  rtes_json_builder_add_int (builder, "departement_unknown", lookup (self->departements, NULL));
}

/* Kinds that no fiche gives a budget for are left out. */
static void
add_median (RtesStats   *self,
            JsonBuilder *builder,
            const char  *id,
            const char  *label)
{
  double median;
  guint n;

  if (!rtes_stats_get_budget_median (self, id, &median, &n))
    return;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  if (id != NULL)
    json_builder_add_string_value (builder, id);
  else
    json_builder_add_null_value (builder);
  rtes_json_builder_add_string (builder, "label", label);
  add_number (builder, "median", median);
  rtes_json_builder_add_int (builder, "fiches", n);
  json_builder_end_object (builder);
}

static void
add_budgets (RtesStats   *self,
             JsonBuilder *builder)
{
  const RtesTerm *kinds = rtes_kinds ();

  json_builder_set_member_name (builder, "budget_by_year");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->budget_years->len; i++)
    {
      RtesStatsBudgetYear *e = &g_array_index (self->budget_years, RtesStatsBudgetYear, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "year");
      if (e->year == RTES_BUDGET_NO_YEAR)
        json_builder_add_null_value (builder);
      else
        json_builder_add_int_value (builder, e->year);
      add_number (builder, "fonctionnement", e->fonctionnement);
      add_number (builder, "investissement", e->investissement);
      add_number (builder, "unspecified", e->unspecified);
      add_number (builder, "total", e->fonctionnement + e->investissement + e->unspecified);
      add_number (builder, "forecast", e->forecast);
      rtes_json_builder_add_int (builder, "fiches", e->n_fiches);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "budget_median_by_kind");
  json_builder_begin_array (builder);
  for (guint i = 0; kinds[i].id != NULL; i++)
    add_median (self, builder, kinds[i].id, kinds[i].label_fr);
  add_median (self, builder, NULL, "Type non renseigné");
  json_builder_end_array (builder);
}

JsonNode *
rtes_stats_to_json (RtesStats *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (RTES_IS_STATS (self), NULL);

  json_builder_begin_object (builder);
  rtes_json_builder_add_int (builder, "fiches", self->n_fiches);
  rtes_json_builder_add_int (builder, "broken", self->n_broken);
  rtes_json_builder_add_int (builder, "drafts", self->n_drafts);
  rtes_json_builder_add_int (builder, "published", self->n_fiches - self->n_drafts);

  add_term_counts (builder, "by_kind", rtes_kinds (), self->kinds, "Type non renseigné");
  add_term_counts (builder, "by_region", rtes_regions (), self->regions, "Région non renseignée");
  add_departements (self, builder);
  add_budgets (self, builder);

  json_builder_set_member_name (builder, "completeness");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "mean");
  json_builder_add_double_value (builder, round (rtes_stats_get_mean_completeness (self) * 1000) / 1000);
  rtes_json_builder_add_int (builder, "complete", self->completeness[RTES_STATS_COMPLETE]);
  rtes_json_builder_add_int (builder, "at_least_75", self->completeness[RTES_STATS_MOSTLY_COMPLETE]);
  rtes_json_builder_add_int (builder, "at_least_50", self->completeness[RTES_STATS_HALF_COMPLETE]);
  rtes_json_builder_add_int (builder, "below_50", self->completeness[RTES_STATS_SKETCHY]);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "freshness");
  json_builder_begin_object (builder);
  rtes_json_builder_add_int (builder, "within_a_year", self->freshness[RTES_STATS_RECENT]);
  rtes_json_builder_add_int (builder, "one_to_two_years", self->freshness[RTES_STATS_AGEING]);
  rtes_json_builder_add_int (builder, "more_than_two_years", self->freshness[RTES_STATS_STALE]);
  rtes_json_builder_add_int (builder, "undated", self->freshness[RTES_STATS_UNDATED]);
  json_builder_end_object (builder);

  add_term_counts (builder, "by_tag", rtes_tags (), self->tags, NULL);
  rtes_json_builder_add_int (builder, "untagged", self->n_untagged);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
