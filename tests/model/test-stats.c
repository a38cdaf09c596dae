/* test-stats.c: the figures of the overview, and tag suggestions
 *
 * The generated library draws each fiche's kind, département, tags,
 * budget and dates from a GRand with a fixed seed, and remembers what it
 * drew: the expected figures are tallied from that record, not from the
 * code under test. A small hand-made library checks the medians and the
 * "latest year" rule with numbers worked out on paper.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "rtes-departement.h"
#include "rtes-stats.h"
#include "rtes-tag-suggest.h"
#include "rtes-test-util.h"
#include "rtes-validation.h"
#include "rtes-vocabulary.h"

#define N_GENERATED 600

static guint
term_count (const RtesTerm *terms)
{
  guint n = 0;

  while (terms[n].id != NULL)
    n++;
  return n;
}

/* A postcode of département @d, the way a real one looks. */
static char *
postcode_of (const RtesDepartement *d)
{
  if (g_str_equal (d->code, "2A"))
    return g_strdup ("20090");
  if (g_str_equal (d->code, "2B"))
    return g_strdup ("20600");
  if (strlen (d->code) == 3)
    return g_strdup_printf ("%s10", d->code);
  return g_strdup_printf ("%s310", d->code);
}

typedef struct {
  GPtrArray *fiches;
  guint kinds[32];             /* by kind index; [n_kinds] no kind */
  GHashTable *departements;    /* code → count; "" unknown */
  guint tags[32];
  guint untagged;
  guint drafts;
  guint stale;                 /* more than two years, or no date */
  double fonctionnement_2023;
  double investissement_2023;
  guint fiches_2023;
} Generated;

static void
generated_clear (Generated *g)
{
  g_ptr_array_unref (g->fiches);
  g_hash_table_unref (g->departements);
}

static void
bump (GHashTable *table,
      const char *key)
{
  g_hash_table_insert (table, (gpointer) key,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (table, key)) + 1));
}

static void
generate (Generated *g)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240614);
  const RtesDepartement *deps = rtes_departements ();
  guint n_kinds = term_count (rtes_kinds ());
  guint n_tags = term_count (rtes_tags ());
  guint n_deps = rtes_departements_count ();

  memset (g, 0, sizeof *g);
  g->fiches = g_ptr_array_new_with_free_func (g_object_unref);
  g->departements = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < N_GENERATED; i++)
    {
      g_autofree char *id = g_strdup_printf ("fiche-%03u", i);
      RtesFiche *fiche = rtes_fiche_new (id, id);
      guint kind = g_rand_int_range (rand, 0, n_kinds + 1);
      guint place = g_rand_int_range (rand, 0, n_deps + 10);
      g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
      g_auto(GStrv) tag_list = NULL;
      gboolean any_tag = FALSE;
      guint age = g_rand_int_range (rand, 0, 4);

      if (kind < n_kinds)
        rtes_fiche_set_kind (fiche, rtes_kinds ()[kind].id);
      g->kinds[kind]++;

      /* Most have a postcode; some only an overseas région (which names
       * its one département); some nothing the map can place. */
      if (place < n_deps)
        {
          g_autofree char *postcode = postcode_of (&deps[place]);

          rtes_fiche_set_postcode (fiche, postcode);
          rtes_fiche_set_region (fiche, deps[place].region);
          bump (g->departements, deps[place].code);
        }
      else if (place < n_deps + 5)
        {
          const RtesDepartement *overseas = &deps[n_deps - 5 + (place - n_deps)];

          rtes_fiche_set_region (fiche, overseas->region);
          bump (g->departements, overseas->code);
        }
      else
        {
          rtes_fiche_set_postcode (fiche, place % 2 ? "97500" : "B-1000");
          bump (g->departements, "");
        }

      for (guint t = 0; t < n_tags; t++)
        if (g_rand_int_range (rand, 0, 5) == 0)
          {
            g_strv_builder_add (tags, rtes_tags ()[t].id);
            g->tags[t]++;
            any_tag = TRUE;
          }
      /* A tag the vocabulary does not know counts for nothing. */
      if (i % 7 == 0)
        g_strv_builder_add (tags, "inconnu");
      if (!any_tag)
        g->untagged++;
      tag_list = g_strv_builder_end (tags);
      rtes_fiche_set_tags (fiche, (const char * const *) tag_list);

      if (i % 3 == 0)
        g->drafts++;
      else
        rtes_fiche_set_status (fiche, RTES_STATUS_PUBLISHED);

      /* 2026-06-01 is "now": 0 within a year, 1 ageing, 2 stale, 3 no date. */
      if (age < 3)
        rtes_fiche_set_updated (fiche, (const char *[]) { "2026-01-10", "2025-02-01", "2023-05-31" }[age]);
      if (age >= 2)
        g->stale++;

      if (g_rand_int_range (rand, 0, 2) == 0)
        {
          g_autoptr(RtesBudgetLine) line = rtes_budget_line_new ();
          double amount = 1000.0 * g_rand_int_range (rand, 1, 500);
          gboolean investment = g_rand_boolean (rand);

          rtes_budget_line_set_year (line, 2023);
          rtes_budget_line_set_amount (line, amount);
          rtes_budget_line_set_section (line, investment ? RTES_SECTION_INVESTISSEMENT
                                                         : RTES_SECTION_FONCTIONNEMENT);
          g_list_store_append (rtes_fiche_get_budget_lines (fiche), line);
          if (investment)
            g->investissement_2023 += amount;
          else
            g->fonctionnement_2023 += amount;
          g->fiches_2023++;
        }
      g_ptr_array_add (g->fiches, fiche);
    }
}

static GDateTime *
test_now (void)
{
  return g_date_time_new_local (2026, 6, 1, 12, 0, 0);
}

static void
test_generated_counts (void)
{
  Generated g;
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(RtesStats) stats = NULL;
  guint n_kinds = term_count (rtes_kinds ());
  guint max = 0;
  const RtesStatsBudgetYear *years;
  guint n_years;

  generate (&g);
  stats = rtes_stats_new_for_array (g.fiches, now);

  g_assert_cmpuint (rtes_stats_get_n_fiches (stats), ==, N_GENERATED);
  g_assert_cmpuint (rtes_stats_get_n_broken (stats), ==, 0);
  g_assert_cmpuint (rtes_stats_get_n_drafts (stats), ==, g.drafts);

  for (guint k = 0; k < n_kinds; k++)
    g_assert_cmpuint (rtes_stats_get_kind_count (stats, rtes_kinds ()[k].id), ==, g.kinds[k]);
  g_assert_cmpuint (rtes_stats_get_kind_count (stats, NULL), ==, g.kinds[n_kinds]);

  for (const RtesDepartement *d = rtes_departements (); d->code != NULL; d++)
    {
      guint expected = GPOINTER_TO_UINT (g_hash_table_lookup (g.departements, d->code));

      g_assert_cmpuint (rtes_stats_get_departement_count (stats, d->code), ==, expected);
      max = MAX (max, expected);
    }
  g_assert_cmpuint (rtes_stats_get_departement_count (stats, NULL), ==,
                    GPOINTER_TO_UINT (g_hash_table_lookup (g.departements, "")));
  g_assert_cmpuint (rtes_stats_get_max_departement_count (stats), ==, max);

  for (guint t = 0; rtes_tags ()[t].id != NULL; t++)
    g_assert_cmpuint (rtes_stats_get_tag_count (stats, rtes_tags ()[t].id), ==, g.tags[t]);
  g_assert_cmpuint (rtes_stats_get_tag_count (stats, NULL), ==, g.untagged);
  g_assert_cmpuint (rtes_stats_get_tag_count (stats, "inconnu"), ==, 0);

  g_assert_cmpuint (rtes_stats_get_freshness_count (stats, RTES_STATS_STALE) +
                    rtes_stats_get_freshness_count (stats, RTES_STATS_UNDATED), ==, g.stale);

  years = rtes_stats_get_budget_years (stats, &n_years);
  g_assert_cmpuint (n_years, ==, 1);
  g_assert_cmpint (years[0].year, ==, 2023);
  g_assert_cmpfloat_with_epsilon (years[0].fonctionnement, g.fonctionnement_2023, 0.001);
  g_assert_cmpfloat_with_epsilon (years[0].investissement, g.investissement_2023, 0.001);
  g_assert_cmpuint (years[0].n_fiches, ==, g.fiches_2023);

  generated_clear (&g);
}

static void
test_generated_regions_sum (void)
{
  Generated g;
  g_autoptr(RtesStats) stats = NULL;
  guint sum = 0;

  generate (&g);
  stats = rtes_stats_new_for_array (g.fiches, NULL);
  for (guint r = 0; rtes_regions ()[r].id != NULL; r++)
    {
      const char *region = rtes_regions ()[r].id;
      guint expected = 0;

      /* A région counts the fiches of its départements, those placed by
       * their région alone included. */
      for (guint i = 0; i < g.fiches->len; i++)
        if (g_strcmp0 (rtes_fiche_get_region (g.fiches->pdata[i]), region) == 0)
          expected++;
      g_assert_cmpuint (rtes_stats_get_region_count (stats, region), ==, expected);
      sum += expected;
    }
  g_assert_cmpuint (sum + rtes_stats_get_region_count (stats, NULL), ==, N_GENERATED);
  generated_clear (&g);
}

static RtesFiche *
fiche_with_budget (const char *id,
                   const char *kind,
                   const int  *years,
                   const double *amounts,
                   guint       n)
{
  RtesFiche *fiche = rtes_fiche_new (id, id);

  rtes_fiche_set_kind (fiche, kind);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RtesBudgetLine) line = rtes_budget_line_new ();

      rtes_budget_line_set_year (line, years[i]);
      rtes_budget_line_set_amount (line, amounts[i]);
      if (i % 2 == 1)
        rtes_budget_line_set_section (line, RTES_SECTION_INVESTISSEMENT);
      g_list_store_append (rtes_fiche_get_budget_lines (fiche), line);
    }
  return fiche;
}

static void
test_medians (void)
{
  g_autoptr(GPtrArray) fiches = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RtesStats) stats = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *root;
  JsonArray *medians, *years;
  double median;
  guint n;

  /* Métropoles: 100, then 2022 → 50 but 2023 → 70 + 30 = 100... */
  g_ptr_array_add (fiches, fiche_with_budget ("m1", "metropole", (int[]) { 2023 }, (double[]) { 100 }, 1));
  g_ptr_array_add (fiches, fiche_with_budget ("m2", "metropole", (int[]) { 2022, 2023, 2023 },
                                              (double[]) { 50, 70, 30 }, 3));
  g_ptr_array_add (fiches, fiche_with_budget ("m3", "metropole", (int[]) { 2021 }, (double[]) { 400 }, 1));
  /* ...so the métropoles' annual budgets are 100, 100 and 400: median 100. */
  g_ptr_array_add (fiches, fiche_with_budget ("c1", "commune", (int[]) { RTES_BUDGET_NO_YEAR },
                                              (double[]) { 10 }, 1));
  g_ptr_array_add (fiches, fiche_with_budget ("c2", "commune", (int[]) { 2020, RTES_BUDGET_NO_YEAR },
                                              (double[]) { 20, 999 }, 2));
  /* Communes: 10 (no year at all) and 20 (its only year): median 15. */
  g_ptr_array_add (fiches, fiche_with_budget ("c3", "commune", NULL, NULL, 0));

  stats = rtes_stats_new_for_array (fiches, NULL);
  g_assert_true (rtes_stats_get_budget_median (stats, "metropole", &median, &n));
  g_assert_cmpfloat (median, ==, 100);
  g_assert_cmpuint (n, ==, 3);
  g_assert_true (rtes_stats_get_budget_median (stats, "commune", &median, &n));
  g_assert_cmpfloat (median, ==, 15);
  g_assert_cmpuint (n, ==, 2);
  g_assert_false (rtes_stats_get_budget_median (stats, "syndicat", &median, &n));
  g_assert_cmpuint (n, ==, 0);

  json = rtes_stats_to_json (stats);
  root = json_node_get_object (json);
  g_assert_cmpint (json_object_get_int_member (root, "fiches"), ==, 6);
  medians = json_object_get_array_member (root, "budget_median_by_kind");
  g_assert_cmpuint (json_array_get_length (medians), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (medians, 0), "id"), ==, "commune");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (medians, 0), "median"), ==, 15);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (medians, 1), "label"), ==, "Métropole");

  /* Years oldest first, lines without a year last: 2020 2021 2022 2023 -. */
  years = json_object_get_array_member (root, "budget_by_year");
  g_assert_cmpuint (json_array_get_length (years), ==, 5);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (years, 0), "year"), ==, 2020);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (years, 3), "total"), ==, 200);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (years, 3), "fiches"), ==, 2);
  /* Odd lines are investissement, the others say no section. */
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (years, 3), "investissement"), ==, 70);
  g_assert_true (json_object_get_null_member (json_array_get_object_element (years, 4), "year"));
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (years, 4), "unspecified"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (years, 4), "investissement"), ==, 999);
}

static void
test_completeness_and_freshness (void)
{
  g_autoptr(GPtrArray) fiches = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(RtesStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  RtesFiche *empty = rtes_fiche_new ("vide", "Vide");
  RtesFiche *half = rtes_fiche_new ("moitie", "Moitié");

  /* 5 of the 10 fields: kind, région, population, year, address. */
  rtes_fiche_set_kind (half, "commune");
  rtes_fiche_set_region (half, "Bretagne");
  rtes_fiche_set_population (half, 1000);
  rtes_fiche_set_member_since (half, 2010);
  rtes_fiche_set_postcode (half, "35000");
  rtes_fiche_set_city (half, "Rennes");
  rtes_fiche_set_updated (half, "2024-06-01");   /* exactly two years: not stale yet */
  rtes_fiche_set_updated (empty, "2024-05-31");
  g_ptr_array_add (fiches, empty);
  g_ptr_array_add (fiches, half);
  g_set_error_literal (&error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_PARSE, "cassée");
  g_ptr_array_add (fiches, rtes_fiche_new_broken ("cassee", error));

  stats = rtes_stats_new_for_array (fiches, now);
  g_assert_cmpuint (rtes_stats_get_n_fiches (stats), ==, 2);
  g_assert_cmpuint (rtes_stats_get_n_broken (stats), ==, 1);
  g_assert_cmpfloat_with_epsilon (rtes_fiche_completeness (half), 0.5, 1e-9);
  g_assert_cmpuint (rtes_stats_get_completeness_count (stats, RTES_STATS_HALF_COMPLETE), ==, 1);
  g_assert_cmpuint (rtes_stats_get_completeness_count (stats, RTES_STATS_SKETCHY), ==, 1);
  g_assert_cmpuint (rtes_stats_get_completeness_count (stats, RTES_STATS_COMPLETE), ==, 0);
  g_assert_cmpfloat_with_epsilon (rtes_stats_get_mean_completeness (stats), 0.25, 1e-9);
  g_assert_cmpuint (rtes_stats_get_freshness_count (stats, RTES_STATS_AGEING), ==, 1);
  g_assert_cmpuint (rtes_stats_get_freshness_count (stats, RTES_STATS_STALE), ==, 1);
  g_assert_cmpint (rtes_stats_freshness_of (half, now), ==, RTES_STATS_AGEING);
  g_assert_cmpint (rtes_stats_freshness_of (empty, now), ==, RTES_STATS_STALE);
}

static void
test_departements (void)
{
  g_assert_cmpuint (rtes_departements_count (), ==, 101);
  g_assert_cmpstr (rtes_departement_for_postcode ("25580")->name, ==, "Doubs");
  g_assert_cmpstr (rtes_departement_for_postcode (" 20090 ")->code, ==, "2A");
  g_assert_cmpstr (rtes_departement_for_postcode ("20600")->code, ==, "2B");
  g_assert_cmpstr (rtes_departement_for_postcode ("97411")->region, ==, "La Réunion");
  g_assert_cmpstr (rtes_departement_for_postcode ("97600")->code, ==, "976");
  g_assert_null (rtes_departement_for_postcode ("97500"));
  g_assert_null (rtes_departement_for_postcode ("00100"));
  g_assert_cmpstr (rtes_departement_lookup ("2b")->name, ==, "Haute-Corse");
  /* Every région of the vocabulary has départements, and only those. */
  for (const RtesDepartement *d = rtes_departements (); d->code != NULL; d++)
    g_assert_nonnull (rtes_region_lookup (d->region));
}

static void
assert_suggests (const char *text,
                 const char *expected)
{
  g_auto(GStrv) tags = rtes_tag_suggest_for_text (text);
  g_autofree char *joined = g_strjoinv (" ", tags);

  g_assert_cmpstr (joined, ==, expected);
}

static void
test_suggest_keywords (void)
{
  assert_suggests ("Des clauses sociales dans les marchés.", "commande-publique");
  assert_suggests ("Ouverture d’un Tiers-Lieu à la gare", "tiers-lieux");
  assert_suggests ("un tiers lieux numérique", "tiers-lieux");
  assert_suggests ("Soutien aux chantiers d'insertion et au DLA", "dla iae");
  assert_suggests ("Adoption d'un SPASER en 2022 ; appel à projets ESS", "commande-publique appels-a-projets");
  assert_suggests ("Création d'une SCIC et d'une coopérative d'activité et d'emploi", "cae scop-scic");
  assert_suggests ("Une ressourcerie, un repair café", "economie-circulaire");
  assert_suggests ("Projet alimentaire territorial et circuits courts", "alimentation");
  /* Whole words only: no DLA in "gondola", no SCOP in "scopie", no CAE in "caennais". */
  assert_suggests ("Une gondola, la radioscopie, le festival caennais", "");
  assert_suggests ("", "");
  assert_suggests (NULL, "");
  g_assert_cmpstr (rtes_tag_suggest_reason ("commande-publique", "Les CLAUSES SOCIALES"), ==, "clauses sociales");
  g_assert_null (rtes_tag_suggest_reason ("commande-publique", "rien"));
}

static void
test_suggest_fiche (void)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("test", "Test");
  g_autoptr(RtesContact) contact = rtes_contact_new ();
  g_auto(GStrv) suggested = NULL;
  g_autofree char *joined = NULL;

  rtes_fiche_set_programme (fiche, "- Clauses sociales\n- Soutien aux tiers-lieux");
  rtes_contact_set_title (contact, "Adjointe déléguée à l'ESS");
  g_list_store_append (rtes_fiche_get_contacts (fiche), contact);
  rtes_fiche_set_tags (fiche, (const char *[]) { "tiers-lieux", NULL });

  /* What the fiche already has is not suggested again. */
  suggested = rtes_tag_suggest (fiche);
  joined = g_strjoinv (" ", suggested);
  g_assert_cmpstr (joined, ==, "elu-dedie commande-publique");
}

/* Every keyword of the table suggests its own tag: a typo in the table
 * (a keyword that cannot match itself) fails here. */
static void
test_suggest_every_tag_reachable (void)
{
  for (const RtesTerm *t = rtes_tags (); t->id != NULL; t++)
    {
      g_autofree char *text = g_strdup_printf ("Texte : %s.", t->label_fr);
      g_auto(GStrv) found = rtes_tag_suggest_for_text (text);

      /* The French label of most levers names them; these do not say a
       * keyword (an elected official, a generic "innovation"). */
      if (g_str_equal (t->id, "elu-dedie"))
        continue;
      g_assert_true (g_strv_contains ((const char * const *) found, t->id));
    }
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/stats/generated/counts", test_generated_counts);
  g_test_add_func ("/stats/generated/regions", test_generated_regions_sum);
  g_test_add_func ("/stats/budget/medians", test_medians);
  g_test_add_func ("/stats/completeness-freshness", test_completeness_and_freshness);
  g_test_add_func ("/stats/departements", test_departements);
  g_test_add_func ("/tags/suggest/keywords", test_suggest_keywords);
  g_test_add_func ("/tags/suggest/fiche", test_suggest_fiche);
  g_test_add_func ("/tags/suggest/every-tag", test_suggest_every_tag_reachable);
  return g_test_run ();
}
