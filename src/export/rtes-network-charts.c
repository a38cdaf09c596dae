/* rtes-network-charts.c: the charts of the network's figures
 *
 * Turns an RtesStats into the charts the overview shows, the CLI writes
 * and the booklet prints: what each chart holds, in which order, and the
 * sentence each item says to a tooltip or a screen reader. Exports are
 * French whatever the interface language, so every label exists twice:
 * literal French for exports, an English msgid for the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rtes-departement.h"
#include "rtes-export.h"
#include "rtes-network-charts.h"
#include "rtes-vocabulary.h"

/* French for exports, the interface's language otherwise; the English
 * is marked N_() where W() is used, so that xgettext finds it. */
#define W(french, english) (export ? (french) : _(english))

static char *
members (gboolean export,
         guint    n)
{
  g_autofree char *number = rtes_french_integer (n);

  if (export)
    return g_strdup_printf ("%s %s", number, n > 1 ? "membres" : "membre");
  /* Translators: a number of member collectivities, e.g. "12 members" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s member", "%s members", n), number);
}

static char *
fiches (gboolean export,
        guint    n)
{
  g_autofree char *number = rtes_french_integer (n);

  if (export)
    return g_strdup_printf ("%s %s", number, n > 1 ? "fiches" : "fiche");
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s fiche", "%s fiches", n), number);
}

/* "Label : 12 membres", with French typography for the export. */
static char *
labelled (gboolean    export,
          const char *label,
          const char *value)
{
  if (export)
    return g_strdup_printf ("%s\u00a0: %s", label, value);
  /* Translators: a chart item read aloud: "Metropolis: 12 members" */
  return g_strdup_printf (_("%s: %s"), label, value);
}

static const char *
term_label (gboolean        export,
            const RtesTerm *term)
{
  return export ? term->label_fr : rtes_term_label (term);
}

static void
add_count_bar (RtesChart  *chart,
               gboolean    export,
               const char *id,
               const char *label,
               guint       count,
               gboolean    as_members)
{
  double value = count;
  g_autofree char *number = rtes_french_integer (count);
  g_autofree char *amount = as_members ? members (export, count) : fiches (export, count);
  g_autofree char *description = labelled (export, label, amount);

  rtes_chart_add_bar (chart, id, label, &value, number, description);
}

static RtesChart *
map_chart (RtesStats *stats,
           gboolean   export)
{
  RtesChart *chart = rtes_chart_new_map (W ("Membres par département", N_("Members by département")));

  rtes_chart_set_unit (chart, W ("membres", N_("members")));
  for (const RtesDepartement *d = rtes_departements (); d->code != NULL; d++)
    {
      guint n = rtes_stats_get_departement_count (stats, d->code);
      g_autofree char *number = rtes_french_integer (n);
      g_autofree char *amount = members (export, n);
      g_autofree char *name = g_strdup_printf ("%s (%s)", d->name, d->code);
      g_autofree char *description = labelled (export, name, amount);
      g_autofree char *id = g_strdup_printf ("departement:%s", d->code);

      rtes_chart_set_area (chart, d->code, id, n, number, description);
    }
  return chart;
}

static RtesChart *
kinds_chart (RtesStats *stats,
             gboolean   export)
{
  RtesChart *chart = rtes_chart_new_bars (W ("Membres par type de collectivité", N_("Members by kind of collectivity")),
                                          1, NULL);

  for (const RtesTerm *t = rtes_kinds (); t->id != NULL; t++)
    {
      g_autofree char *id = g_strdup_printf ("kind:%s", t->id);

      add_count_bar (chart, export, id, term_label (export, t), rtes_stats_get_kind_count (stats, t->id), TRUE);
    }
  if (rtes_stats_get_kind_count (stats, NULL) > 0)
    /* No id: the list has no "without a kind" filter to set. */
    add_count_bar (chart, export, NULL, W ("Type non renseigné", N_("Kind not given")),
                   rtes_stats_get_kind_count (stats, NULL), TRUE);
  return chart;
}

typedef struct {
  const RtesTerm *term;
  guint count;
} Counted;

static int
compare_counted (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const Counted *x = a, *y = b;

  /* Largest first; the vocabulary's order among equals (a stable sort). */
  return (x->count < y->count) - (x->count > y->count);
}

static GArray *
sorted_terms (const RtesTerm *terms,
              RtesStats      *stats,
              guint         (*get) (RtesStats *, const char *))
{
  GArray *counted = g_array_new (FALSE, FALSE, sizeof (Counted));

  for (const RtesTerm *t = terms; t->id != NULL; t++)
    {
      Counted c = { t, get (stats, t->id) };

      g_array_append_val (counted, c);
    }
  /* g_array_sort() is not stable; g_qsort_with_data() is. */
  g_qsort_with_data (counted->data, counted->len, sizeof (Counted),
                     compare_counted, NULL);
  return counted;
}

static RtesChart *
regions_chart (RtesStats *stats,
               gboolean   export)
{
  RtesChart *chart = rtes_chart_new_bars (W ("Membres par région", N_("Members by région")), 1, NULL);
  g_autoptr(GArray) counted = sorted_terms (rtes_regions (), stats, rtes_stats_get_region_count);

  rtes_chart_set_empty_text (chart, W ("Aucune fiche", N_("No fiches")));
  /* Eighteen régions are many rows: those without members are left out. */
  for (guint i = 0; i < counted->len; i++)
    {
      Counted *c = &g_array_index (counted, Counted, i);
      g_autofree char *id = NULL;

      if (c->count == 0)
        continue;
      id = g_strdup_printf ("region:%s", c->term->id);
      add_count_bar (chart, export, id, term_label (export, c->term), c->count, TRUE);
    }
  if (rtes_stats_get_region_count (stats, NULL) > 0)
    add_count_bar (chart, export, NULL, W ("Région non renseignée", N_("Région not given")),
                   rtes_stats_get_region_count (stats, NULL), TRUE);
  return chart;
}

static RtesChart *
budget_years_chart (RtesStats *stats,
                    gboolean   export)
{
  const char *series[] = {
    W ("Fonctionnement", N_("Operating")),
    W ("Investissement", N_("Investment")),
    W ("Non précisé", N_("Not said")),
  };
  RtesChart *chart = rtes_chart_new_bars (W ("Budgets ESS par année", N_("ESS budgets by year")), 3, series);
  const RtesStatsBudgetYear *years;
  guint n;

  rtes_chart_set_empty_text (chart, W ("Aucune fiche ne donne de budget.", N_("No fiche gives a budget.")));
  years = rtes_stats_get_budget_years (stats, &n);
  for (guint i = 0; i < n; i++)
    {
      const RtesStatsBudgetYear *y = &years[i];
      double values[] = { y->fonctionnement, y->investissement, y->unspecified };
      g_autofree char *label = y->year == RTES_BUDGET_NO_YEAR
                               ? g_strdup (W ("Année non précisée", N_("Year not said")))
                               : g_strdup_printf ("%d", y->year);
      g_autofree char *total = rtes_chart_format_euros (values[0] + values[1] + values[2]);
      g_autofree char *a = rtes_chart_format_euros (values[0]);
      g_autofree char *b = rtes_chart_format_euros (values[1]);
      g_autofree char *c = rtes_chart_format_euros (values[2]);
      g_autofree char *count = fiches (export, y->n_fiches);
      g_autofree char *detail = NULL;
      g_autofree char *description = NULL;

      if (export)
        detail = g_strdup_printf ("%s (fonctionnement %s, investissement %s, non précisé %s\u202f; %s)",
                                  total, a, b, c, count);
      else
        /* Translators: a year's ESS budget: total (operating, investment,
         * section not said; number of fiches) */
        detail = g_strdup_printf (_("%s (operating %s, investment %s, not said %s; %s)"),
                                  total, a, b, c, count);
      description = labelled (export, label, detail);
      rtes_chart_add_bar (chart, NULL, label, values, total, description);
    }
  return chart;
}

static void
add_median_bar (RtesChart  *chart,
                RtesStats  *stats,
                gboolean    export,
                const char *kind,
                const char *label)
{
  double median;
  guint n;
  g_autofree char *id = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *count = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *description = NULL;

  if (!rtes_stats_get_budget_median (stats, kind, &median, &n))
    return;
  id = kind != NULL ? g_strdup_printf ("kind:%s", kind) : NULL;
  amount = rtes_chart_format_euros (median);
  count = fiches (export, n);
  if (export)
    detail = g_strdup_printf ("médiane %s sur %s", amount, count);
  else
    /* Translators: "median 1.2 M€ over 5 fiches" */
    detail = g_strdup_printf (_("median %s over %s"), amount, count);
  description = labelled (export, label, detail);
  rtes_chart_add_bar (chart, id, label, &median, amount, description);
}

static RtesChart *
budget_medians_chart (RtesStats *stats,
                      gboolean   export)
{
  RtesChart *chart = rtes_chart_new_bars (W ("Budget ESS annuel médian par type", N_("Median annual ESS budget by kind")),
                                          1, NULL);

  rtes_chart_set_empty_text (chart, W ("Aucune fiche ne donne de budget.", N_("No fiche gives a budget.")));
  for (const RtesTerm *t = rtes_kinds (); t->id != NULL; t++)
    add_median_bar (chart, stats, export, t->id, term_label (export, t));
  add_median_bar (chart, stats, export, NULL, W ("Type non renseigné", N_("Kind not given")));
  return chart;
}

static RtesChart *
completeness_chart (RtesStats *stats,
                    gboolean   export)
{
  const char *labels[RTES_STATS_N_COMPLETENESS] = {
    W ("Complètes", N_("Complete")),
    W ("Aux trois quarts", N_("Three quarters or more")),
    W ("À moitié", N_("Half or more")),
    W ("Moins de la moitié", N_("Less than half")),
  };
  RtesChart *chart = rtes_chart_new_bars (W ("Fiches complètes", N_("How complete fiches are")), 1, NULL);

  for (guint b = 0; b < RTES_STATS_N_COMPLETENESS; b++)
    add_count_bar (chart, export, b == RTES_STATS_COMPLETE ? NULL : "completeness:incomplete",
                   labels[b], rtes_stats_get_completeness_count (stats, b), FALSE);
  return chart;
}

static RtesChart *
freshness_chart (RtesStats *stats,
                 gboolean   export)
{
  const char *labels[RTES_STATS_N_FRESHNESS] = {
    W ("Mises à jour depuis moins d’un an", N_("Updated within a year")),
    W ("Il y a un à deux ans", N_("One to two years ago")),
    W ("Il y a plus de deux ans", N_("More than two years ago")),
    W ("Sans date de mise à jour", N_("No update date")),
  };
  RtesChart *chart = rtes_chart_new_bars (W ("Fraîcheur des fiches", N_("How fresh fiches are")), 1, NULL);

  for (guint b = 0; b < RTES_STATS_N_FRESHNESS; b++)
    add_count_bar (chart, export,
                   b == RTES_STATS_STALE || b == RTES_STATS_UNDATED ? "freshness:stale" : NULL,
                   labels[b], rtes_stats_get_freshness_count (stats, b), FALSE);
  return chart;
}

static RtesChart *
tags_chart (RtesStats *stats,
            gboolean   export)
{
  RtesChart *chart = rtes_chart_new_bars (W ("Fiches par levier", N_("Fiches by lever")), 1, NULL);
  g_autoptr(GArray) counted = sorted_terms (rtes_tags (), stats, rtes_stats_get_tag_count);

  for (guint i = 0; i < counted->len; i++)
    {
      Counted *c = &g_array_index (counted, Counted, i);
      g_autofree char *id = g_strdup_printf ("tag:%s", c->term->id);

      add_count_bar (chart, export, id, term_label (export, c->term), c->count, FALSE);
    }
  return chart;
}

/* Indexed by RtesNetworkChart. */
static const struct {
  const char *name;
  RtesChart *(*build) (RtesStats *stats, gboolean export);
} charts[RTES_NETWORK_N_CHARTS] = {
  { "map", map_chart }, { "kinds", kinds_chart }, { "regions", regions_chart },
  { "budget-years", budget_years_chart }, { "budget-medians", budget_medians_chart },
  { "completeness", completeness_chart }, { "freshness", freshness_chart }, { "tags", tags_chart },
};

const char *
rtes_network_chart_name (RtesNetworkChart which)
{
  g_return_val_if_fail (which < RTES_NETWORK_N_CHARTS, NULL);
  return charts[which].name;
}

RtesChart *
rtes_network_chart_new (RtesStats          *stats,
                        RtesNetworkChart    which,
                        RtesNetworkWording  wording)
{
  g_return_val_if_fail (RTES_IS_STATS (stats), NULL);
  g_return_val_if_fail (which < RTES_NETWORK_N_CHARTS, NULL);

  return charts[which].build (stats, wording == RTES_NETWORK_WORDING_EXPORT);
}

static gboolean
write_all (RtesStats   *stats,
           const char  *dir,
           const char  *extension,
           GError     **error)
{
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_TARGET,
                   _("%s is not a folder"), dir);
      return FALSE;
    }
  for (guint i = 0; i < RTES_NETWORK_N_CHARTS; i++)
    {
      g_autoptr(RtesChart) chart = rtes_network_chart_new (stats, i, RTES_NETWORK_WORDING_EXPORT);
      g_autofree char *file = g_strconcat (charts[i].name, extension, NULL);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      gboolean ok;

      /* A symlink planted under the chart's name is not followed. */
      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK) || g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_TARGET,
                       _("%s exists and is not a chart file"), path);
          return FALSE;
        }
      if (g_str_equal (extension, ".svg"))
        ok = rtes_chart_write_svg (chart, path, 640, rtes_chart_palette_light (), error);
      else
        ok = rtes_chart_write_png (chart, path, 640, rtes_chart_palette_light (), error);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

gboolean
rtes_network_charts_write_svg (RtesStats   *stats,
                               const char  *dir,
                               GError     **error)
{
  return write_all (stats, dir, ".svg", error);
}

gboolean
rtes_network_charts_write_png (RtesStats   *stats,
                               const char  *dir,
                               GError     **error)
{
  return write_all (stats, dir, ".png", error);
}
