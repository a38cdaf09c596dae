/* test-validation.c: checks beyond types, slugs and folded text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "rtes-french.h"
#include "rtes-text.h"
#include "rtes-validation.h"
#include "rtes-vocabulary.h"
#include "rtes-test-util.h"

static GDateTime *
fixed_now (void)
{
  return g_date_time_new_utc (2026, 11, 21, 12, 0, 0);
}

/* A fiche with nothing missing and nothing wrong. */
static RtesFiche *
complete_fiche (void)
{
  RtesFiche *fiche = rtes_fiche_new ("dijon-metropole", "Dijon Métropole");
  g_autoptr(RtesContact) contact = rtes_contact_new ();
  g_autoptr(RtesBudgetLine) line = rtes_budget_line_new ();

  rtes_fiche_set_kind (fiche, "metropole");
  rtes_fiche_set_region (fiche, "Bourgogne-Franche-Comté");
  rtes_fiche_set_population (fiche, 251179);
  rtes_fiche_set_member_since (fiche, 2001);
  rtes_fiche_set_updated (fiche, "2024-02-29");
  rtes_fiche_set_postcode (fiche, "21075");
  rtes_fiche_set_city (fiche, "Dijon Cedex");
  rtes_fiche_set_panorama (fiche, "Panorama.");
  rtes_fiche_set_programme (fiche, "Programme.");
  rtes_fiche_set_actions (fiche, "Actions.");
  rtes_budget_line_set_amount (line, 40000);
  g_list_store_append (rtes_fiche_get_budget_lines (fiche), line);
  rtes_contact_set_name (contact, "Nelly Verstraeten");
  rtes_contact_set_role (contact, "Service référent");
  rtes_contact_set_category (contact, "staff");
  rtes_contact_set_email (contact, "n.verstraeten@metropole-dijon.fr");
  rtes_contact_set_phone (contact, "+33 3 80 50 35 35");
  g_list_store_append (rtes_fiche_get_contacts (fiche), contact);
  return fiche;
}

/* Returns the issue for @field, or NULL. */
static RtesIssue *
find_issue (GPtrArray  *issues,
            const char *field)
{
  for (guint i = 0; i < issues->len; i++)
    if (g_strcmp0 (((RtesIssue *) issues->pdata[i])->field, field) == 0)
      return issues->pdata[i];
  return NULL;
}

static void
test_complete (void)
{
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(RtesFiche) fiche = complete_fiche ();
  g_autoptr(GPtrArray) issues = rtes_fiche_validate (fiche, now);

  for (guint i = 0; i < issues->len; i++)
    g_test_message ("unexpected: %s: %s", ((RtesIssue *) issues->pdata[i])->field,
                    ((RtesIssue *) issues->pdata[i])->message);
  g_assert_cmpuint (issues->len, ==, 0);
  g_assert_cmpfloat (rtes_fiche_completeness (fiche), ==, 1.0);
}

typedef void (*Breaker) (RtesFiche *fiche);

static void break_id (RtesFiche *f) { rtes_fiche_set_id (f, "Dijon Métropole"); }
static void break_name (RtesFiche *f) { rtes_fiche_set_name (f, " \u00a0 "); }
static void break_status (RtesFiche *f) { rtes_fiche_set_status (f, "archived"); }
static void break_postcode (RtesFiche *f) { rtes_fiche_set_postcode (f, "2107"); }
static void break_since_early (RtesFiche *f) { rtes_fiche_set_member_since (f, 1999); }
static void break_since_future (RtesFiche *f) { rtes_fiche_set_member_since (f, 2027); }
static void break_population (RtesFiche *f) { rtes_fiche_set_population (f, -3); }
static void break_kind (RtesFiche *f) { rtes_fiche_set_kind (f, "village"); }
static void break_region (RtesFiche *f) { rtes_fiche_set_region (f, "Bourgogne"); }
static void break_updated (RtesFiche *f) { rtes_fiche_set_updated (f, "2023-02-29"); }
static void break_tag (RtesFiche *f) { rtes_fiche_set_tags (f, (const char *[]) { "iae", "velo", NULL }); }

static void
break_email (RtesFiche *f)
{
  g_autoptr(RtesContact) c = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (f)), 0);

  rtes_contact_set_email (c, "nelly at dijon.fr");
}

static void
break_phone (RtesFiche *f)
{
  g_autoptr(RtesContact) c = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (f)), 0);

  rtes_contact_set_phone (c, "03 80 50");
}

static void
break_duplicate (RtesFiche *f)
{
  g_autoptr(RtesContact) c = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (f)), 0);
  g_autoptr(RtesContact) twin = rtes_contact_copy (c);

  rtes_contact_set_name (twin, "NELLY Verstraeten");
  g_list_store_append (rtes_fiche_get_contacts (f), twin);
}

typedef struct {
  Breaker           breaker;
  const char       *field;
  RtesIssueSeverity severity;
  const char       *message;
} BreakCase;

static void
test_each_check (void)
{
  static const BreakCase cases[] = {
    { break_id, "id", RTES_ISSUE_ERROR, "lowercase letters" },
    { break_name, "name", RTES_ISSUE_ERROR, "name is empty" },
    { break_status, "status", RTES_ISSUE_ERROR, "archived" },
    { break_postcode, "address.postcode", RTES_ISSUE_WARNING, "5 digits" },
    { break_since_early, "member_since", RTES_ISSUE_WARNING, "between 2001 and 2026" },
    { break_since_future, "member_since", RTES_ISSUE_WARNING, "between 2001 and 2026" },
    { break_population, "population", RTES_ISSUE_WARNING, "negative" },
    { break_kind, "kind", RTES_ISSUE_WARNING, "village" },
    { break_region, "region", RTES_ISSUE_WARNING, "18 regions" },
    { break_updated, "updated", RTES_ISSUE_WARNING, "2023-02-29" },
    { break_tag, "tags[1]", RTES_ISSUE_WARNING, "velo" },
    { break_email, "contacts[0].email", RTES_ISSUE_WARNING, "e-mail" },
    { break_phone, "contacts[0].phone", RTES_ISSUE_WARNING, "phone" },
    { break_duplicate, "contacts[1]", RTES_ISSUE_WARNING, "twice" },
  };
  g_autoptr(GDateTime) now = fixed_now ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RtesFiche) fiche = complete_fiche ();
      g_autoptr(GPtrArray) issues = NULL;
      RtesIssue *issue;

      cases[i].breaker (fiche);
      issues = rtes_fiche_validate (fiche, now);
      issue = find_issue (issues, cases[i].field);
      g_test_message ("case %u: %s", i, cases[i].field);
      g_assert_nonnull (issue);
      g_assert_cmpint (issue->severity, ==, cases[i].severity);
      g_assert_nonnull (strstr (issue->message, cases[i].message));
      g_assert_cmpuint (issues->len, ==, 1);
      g_assert_cmpint (rtes_issues_have_errors (issues), ==, cases[i].severity == RTES_ISSUE_ERROR);
    }
}

static void
test_postcode_abroad (void)
{
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(RtesFiche) fiche = complete_fiche ();
  g_autoptr(GPtrArray) issues = NULL;

  rtes_fiche_set_country (fiche, "Belgique");
  rtes_fiche_set_postcode (fiche, "1000");
  issues = rtes_fiche_validate (fiche, now);
  g_assert_null (find_issue (issues, "address.postcode"));
}

static void
test_missing (void)
{
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("x", "X");
  g_autoptr(GPtrArray) issues = rtes_fiche_validate (fiche, now);
  const char *expected[] = {
    "kind", "region", "population", "member_since", "address.postcode", "address.city",
    "panorama", "budget", "programme", "actions", "contacts"
  };

  g_assert_cmpuint (issues->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      RtesIssue *issue = issues->pdata[i];

      g_assert_cmpstr (issue->field, ==, expected[i]);
      g_assert_cmpint (issue->severity, ==, RTES_ISSUE_MISSING);
    }
  g_assert_false (rtes_issues_have_errors (issues));
  g_assert_cmpfloat (rtes_fiche_completeness (fiche), ==, 0.0);
}

static void
test_slugs (void)
{
  static const struct { const char *name, *id; } cases[] = {
    { "Communauté urbaine Creusot-Montceau", "communaute-urbaine-creusot-montceau" },
    { "Conseil régional Bourgogne Franche-Comté", "conseil-regional-bourgogne-franche-comte" },
    { "Ville d’Évry-Courcouronnes", "ville-d-evry-courcouronnes" },
    { "  Cœur  de  Savoie ", "coeur-de-savoie" },
    { "Pays de l'Œuvre", "pays-de-l-oeuvre" },
    { "../../etc/passwd", "etc-passwd" },
    { "???", "fiche" },
    { "", "fiche" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = rtes_id_from_name (cases[i].name);

      g_assert_cmpstr (id, ==, cases[i].id);
      g_assert_true (rtes_id_is_valid (id));
    }
}

static void
test_long_slug (void)
{
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < 30; i++)
    g_string_append (s, "communauté ");
  name = g_string_free (s, FALSE);
  id = rtes_id_from_name (name);
  g_assert_true (rtes_id_is_valid (id));
  g_assert_cmpuint (strlen (id), <=, RTES_ID_MAX_LENGTH);
  g_assert_true (g_str_has_suffix (id, "communaute"));   /* whole words */
}

static void
test_id_validity (void)
{
  const char *good[] = { "a", "a-b", "dijon-metropole-2", "0-9" };
  const char *bad[] = { "", "-a", "a-", "a--b", "A", "a_b", "a/b", "../a", "a.json", "é" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (rtes_id_is_valid (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (rtes_id_is_valid (bad[i]));
  g_assert_false (rtes_id_is_valid (NULL));
}

static void
test_id_file_names (void)
{
  const char *not_fiches[] = {
    "dijon.json.AB12CD", "dijon.json~", ".dijon.json", "Dijon.json", ".json", "dijon", "journal.json.tmp",
  };
  g_autofree char *id = rtes_id_from_filename ("saint-etienne-2.json");
  g_autofree char *path = rtes_id_build_path ("library", "saint-etienne-2");
  g_autofree char *expected = g_build_filename ("library", "saint-etienne-2.json", NULL);
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *back = rtes_id_from_filename (basename);

  g_assert_cmpstr (id, ==, "saint-etienne-2");
  g_assert_cmpstr (path, ==, expected);
  g_assert_cmpstr (back, ==, "saint-etienne-2");
  for (guint i = 0; i < G_N_ELEMENTS (not_fiches); i++)
    g_assert_null (rtes_id_from_filename (not_fiches[i]));
  g_assert_null (rtes_id_from_filename (NULL));
}

static void
test_fold (void)
{
  g_autofree char *a = rtes_text_fold ("Élue  en\u00a0charge de l’ESS");
  g_autofree char *b = rtes_text_fold ("ÉCONOMIE Solidaire\n");

  g_assert_cmpstr (a, ==, "elue en charge de l'ess");
  g_assert_cmpstr (b, ==, "economie solidaire");
  g_assert_true (rtes_text_is_blank ("\u00a0 \n"));
  g_assert_false (rtes_text_is_blank (" x "));
}

static void
test_vocabulary (void)
{
  guint n = 0;

  for (const RtesTerm *t = rtes_regions (); t->id; t++)
    n++;
  g_assert_cmpuint (n, ==, 18);
  g_assert_cmpstr (rtes_kind_lookup ("communaute-de-communes")->label_fr, ==, "Communauté de communes");
  g_assert_cmpstr (rtes_term_label (rtes_kind_lookup ("metropole")), ==, "Metropolis");
  g_assert_nonnull (rtes_region_lookup ("Provence-Alpes-Côte d'Azur"));
  g_assert_null (rtes_kind_lookup ("village"));
}

#define NNBSP "\u202f"

static void
test_french_numbers (void)
{
  static const struct { double amount; const char *text; } euros[] = {
    { 6100000, "6" NNBSP "100" NNBSP "000" NNBSP "€" },
    { 29000.5, "29" NNBSP "000,50" NNBSP "€" },
    { 2.999, "3" NNBSP "€" },
    { -1500, "−1" NNBSP "500" NNBSP "€" },
    { 0, "0" NNBSP "€" },
  };
  double amount;
  gint64 value;

  for (guint i = 0; i < G_N_ELEMENTS (euros); i++)
    {
      g_autofree char *text = rtes_french_euros (euros[i].amount);

      g_assert_cmpstr (text, ==, euros[i].text);
    }
  {
    g_autofree char *nan_text = rtes_french_euros (NAN);
    g_autofree char *integer = rtes_french_integer (G_MININT64);

    g_assert_cmpstr (nan_text, ==, "—");
    g_assert_cmpstr (integer, ==, "−9" NNBSP "223" NNBSP "372" NNBSP "036" NNBSP "854" NNBSP "775" NNBSP "808");
  }
  g_assert_true (rtes_french_parse_amount ("6 100 000 €", &amount));
  g_assert_cmpfloat (amount, ==, 6100000);
  g_assert_true (rtes_french_parse_amount ("1234,5", &amount));
  g_assert_cmpfloat (amount, ==, 1234.5);
  g_assert_true (rtes_french_parse_amount ("6 M€", &amount));
  g_assert_cmpfloat (amount, ==, 6000000);
  g_assert_false (rtes_french_parse_amount ("12 € 50", &amount));
  g_assert_true (rtes_french_parse_integer ("26\u00a0440", &value));
  g_assert_cmpint (value, ==, 26440);
  g_assert_false (rtes_french_parse_integer ("26 440 hab.", &value));
}

/* What staff type in the editor, and what the site's authors typed: each
 * is read whole, or not at all. */
static void
test_french_reading (void)
{
  static const struct { const char *text; double amount; } amounts[] = {
    { "350 k€", 350000 },
    { "6,1 M€", 6100000 },
    { "6.1 M€", 6100000 },
    { "1 200 000 €", 1200000 },
    { "29000€", 29000 },
    { "40 000 euros", 40000 },
    { "1 million d'€", 1000000 },
    { "1 million d’euros", 1000000 },
    { "2,5 millions d'euros", 2500000 },
    { "1,2 million", 1200000 },
    { "350 k", 350000 },
    { "1.000.000", 1000000 },
    { "1 234,56 €", 1234.56 },
    { "  12 EUR ", 12 },
    { "−5 €", -5 },
    { "1 Md€", 1e9 },
  };
  static const char *const not_amounts[] = {
    "", "  ", "350 kg", "350 k€ 20", "k€", "€", "six millions", "12 € 50", "1,", "1,2,3",
    "350 €€", "1 million d'", "12 habitants", "abc", "- ",
  };
  static const struct { const char *text; gint64 count; } counts[] = {
    { "48 200 hab.", 48200 },
    { "48 200 habitants", 48200 },
    { "1,2 million", 1200000 },
    { "1,2 million d'habitants", 1200000 },
    { "1,25 millions", 1250000 },
    { "92000", 92000 },
    { "15 k", 15000 },
  };
  static const char *const not_counts[] = {
    "", "1,5", "1,2", "48 200 habitat", "48 200 €", "1,2 m€", "environ 500", "500 hab. env.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      double amount = -1;

      g_test_message ("amount %s", amounts[i].text);
      g_assert_true (rtes_french_parse_amount (amounts[i].text, &amount));
      g_assert_cmpfloat (amount, ==, amounts[i].amount);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_amounts); i++)
    {
      double amount = 42;

      g_test_message ("not an amount: %s", not_amounts[i]);
      g_assert_false (rtes_french_parse_amount (not_amounts[i], &amount));
      g_assert_cmpfloat (amount, ==, 42);
    }
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      gint64 count = -1;

      g_test_message ("count %s", counts[i].text);
      g_assert_true (rtes_french_parse_count (counts[i].text, &count));
      g_assert_cmpint (count, ==, counts[i].count);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_counts); i++)
    {
      gint64 count = 42;

      g_test_message ("not a count: %s", not_counts[i]);
      g_assert_false (rtes_french_parse_count (not_counts[i], &count));
      g_assert_cmpint (count, ==, 42);
    }

  /* The importer's pieces: a number inside a sentence, and its unit. */
  {
    const char *end = NULL;
    double value = 0, multiplier = 0;

    g_assert_true (rtes_french_scan_number ("2 820 940 € en 2023", &end, &value));
    g_assert_cmpfloat (value, ==, 2820940);
    g_assert_cmpstr (end, ==, " € en 2023");
    g_assert_cmpstr (rtes_french_scan_euros (end, &multiplier), ==, " en 2023");
    g_assert_cmpfloat (multiplier, ==, 1);
    g_assert_true (rtes_french_scan_number ("6.1 millions d'euros.", &end, &value));
    g_assert_cmpfloat (value, ==, 6.1);
    g_assert_cmpstr (rtes_french_scan_euros (end, &multiplier), ==, ".");
    g_assert_cmpfloat (multiplier, ==, 1e6);
    g_assert_null (rtes_french_scan_euros (" k sur 3 ans", &multiplier));
    g_assert_false (rtes_french_scan_number ("environ 3", &end, &value));
  }
}

/* One reading and one writing of dates for the editor, the exports and
 * the describer: JJ/MM/AAAA for people, AAAA-MM-JJ in the file. */
static void
test_french_dates (void)
{
  struct { const char *typed; const char *iso; } reads[] = {
    { "12/03/2024", "2024-03-12" }, { "2024-03-12", "2024-03-12" }, { "1/3/2024", "2024-03-01" },
    { "29/02/2023", NULL }, { "31/04/2024", NULL }, { "12/03/24", NULL }, { "2024-3-12", NULL },
    { "12/03/2024 ", NULL }, { "demain", NULL }, { "", NULL },
  };
  g_autofree char *shown = rtes_french_date ("2024-03-12");
  g_autofree char *bad = rtes_french_date ("2024-13-01");

  g_assert_cmpstr (shown, ==, "12/03/2024");
  g_assert_null (bad);
  g_assert_null (rtes_french_date (NULL));
  g_assert_null (rtes_french_parse_date (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (reads); i++)
    {
      g_autofree char *iso = rtes_french_parse_date (reads[i].typed);

      g_assert_cmpstr (iso, ==, reads[i].iso);
    }
}

int
main (int   argc,
      char *argv[])
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/model/validation/complete", test_complete);
  g_test_add_func ("/model/validation/each-check", test_each_check);
  g_test_add_func ("/model/validation/postcode-abroad", test_postcode_abroad);
  g_test_add_func ("/model/validation/missing", test_missing);
  g_test_add_func ("/model/text/slugs", test_slugs);
  g_test_add_func ("/model/text/long-slug", test_long_slug);
  g_test_add_func ("/model/text/id-validity", test_id_validity);
  g_test_add_func ("/model/text/id-file-names", test_id_file_names);
  g_test_add_func ("/model/text/fold", test_fold);
  g_test_add_func ("/model/vocabulary", test_vocabulary);
  g_test_add_func ("/model/french-numbers", test_french_numbers);
  g_test_add_func ("/model/french-reading", test_french_reading);
  g_test_add_func ("/model/french-dates", test_french_dates);
  return g_test_run ();
}
