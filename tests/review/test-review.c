/* test-review.c: the checks that need no dictionary (rtes-review.h)
 *
 * Each kind of finding is planted in a fiche written for it, and found
 * where it was planted; clean text next to it gives nothing. The shared
 * captures of the site, imported, hold no placeholder and no duplicate.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rtes-import-test-util.h"
#include "rtes-library.h"
#include "rtes-review.h"
#include "rtes-test-util.h"

static GPtrArray *
new_findings (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_finding_free);
}

static GDateTime *
test_now (void)
{
  return g_date_time_new_local (2026, 6, 15, 12, 0, 0);
}

/* The findings of @kind in @findings, in order. */
static GPtrArray *
of_kind (GPtrArray       *findings,
         RtesFindingKind  kind)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < findings->len; i++)
    if (((RtesFinding *) findings->pdata[i])->kind == kind)
      g_ptr_array_add (out, findings->pdata[i]);
  return out;
}

static RtesFinding *
find (GPtrArray       *findings,
      RtesFindingKind  kind,
      const char      *field,
      const char      *text)
{
  for (guint i = 0; i < findings->len; i++)
    {
      RtesFinding *f = findings->pdata[i];

      if (f->kind == kind && g_str_equal (f->field, field) && g_str_equal (f->text, text))
        return f;
    }
  return NULL;
}

/* Every finding's text is the bytes of its range in @text. */
static void
assert_ranges (GPtrArray  *findings,
               const char *text)
{
  for (guint i = 0; i < findings->len; i++)
    {
      RtesFinding *f = findings->pdata[i];

      if (f->start < 0)
        continue;
      g_assert_cmpint (f->end, >=, f->start);
      g_assert_cmpint (f->end, <=, (gssize) strlen (text));
      g_assert_cmpint (strncmp (text + f->start, f->text, f->end - f->start), ==, 0);
      g_assert_cmpuint (strlen (f->text), ==, f->end - f->start);
    }
}

/* ---- placeholders ---- */

static void
test_placeholders_found (void)
{
  static const struct {
    const char *text;
    const char *found;
  } cases[] = {
    { "Pictos à modifier", "à modifier" },
    { "Une économie de proximité.\n\nblablabla", "blablabla" },
    { "Blabla…", "Blabla…" },
    { "Lorem ipsum dolor sit amet", "Lorem ipsum" },
    { "Budget de XXX euros", "XXX" },
    { "TODO: chiffres 2024", "TODO" },
    { "Montants à compléter", "à compléter" },
    { "Texte A COMPLETER", "A COMPLETER" },
    { "mind map à mettre à jour", "à mettre à jour" },
    { "pICTOS à intégrer", "à intégrer" },
    { "La commune soutient […] les SCIC.", "[…]" },
    { "Voir [...] plus loin", "[...]" },
    { "Combien ???", "???" },
    { "03 XX XX XX XX", "XX XX XX XX" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) findings = new_findings ();
      RtesFinding *f;

      rtes_review_placeholders ("panorama", cases[i].text, findings);
      g_test_message ("%s", cases[i].text);
      g_assert_cmpuint (findings->len, ==, 1);
      f = findings->pdata[0];
      g_assert_cmpint (f->kind, ==, RTES_FINDING_PLACEHOLDER);
      g_assert_cmpint (f->severity, ==, RTES_FINDING_ERROR);
      g_assert_true (rtes_finding_is_blocking (f));
      g_assert_cmpstr (f->field, ==, "panorama");
      g_assert_cmpstr (f->text, ==, cases[i].found);
      assert_ranges (findings, cases[i].text);
    }
}

static void
test_placeholders_whole_field (void)
{
  static const char * const only_punctuation[] = { "-", "…", " ? ", ".", "--" };
  g_autoptr(GPtrArray) findings = new_findings ();

  for (guint i = 0; i < G_N_ELEMENTS (only_punctuation); i++)
    rtes_review_placeholders ("contacts[0].phone", only_punctuation[i], findings);
  g_assert_cmpuint (findings->len, ==, G_N_ELEMENTS (only_punctuation));
  for (guint i = 0; i < findings->len; i++)
    {
      RtesFinding *f = findings->pdata[i];

      g_assert_cmpint (f->start, ==, -1);
      g_assert_cmpstr (f->text, ==, only_punctuation[i]);
    }

  g_ptr_array_set_size (findings, 0);
  rtes_review_placeholders ("contacts[0].email", "prenom.nom@ville-exemple.fr", findings);
  rtes_review_placeholders ("contacts[1].email", "xxx@xxx.fr", findings);
  g_assert_cmpuint (findings->len, ==, 3);
}

static void
test_placeholders_clean_text (void)
{
  static const char * const clean[] = {
    "Xavier Dupont, maire adjoint, à l’écoute des porteurs de projets.",
    "Le budget reste à l’étude ; il sera voté en 2025.",
    "Voir https://www.example.org/todo/XXX-plan et contact@ville.fr.",
    "Trois questions : pourquoi ? comment ? avec qui ?",
    "Le DLA accompagne les structures ; la SCIC « Bois d’ici » aussi.",
    "",
    "   ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (clean); i++)
    {
      g_autoptr(GPtrArray) findings = new_findings ();

      rtes_review_placeholders ("panorama", clean[i], findings);
      if (findings->len > 0)
        g_test_message ("%s: «%s»", clean[i], ((RtesFinding *) findings->pdata[0])->text);
      g_assert_cmpuint (findings->len, ==, 0);
    }
}

/* ---- typography ---- */

static void
assert_fixed (const char         *text,
              RtesApostropheRule  rule,
              guint               n_findings,
              const char         *fixed)
{
  g_autoptr(GPtrArray) findings = new_findings ();
  g_autoptr(GPtrArray) again = new_findings ();
  g_autofree char *result = NULL;

  rtes_review_typography ("programme", text, rule, findings);
  g_test_message ("%s", text);
  for (guint i = 0; i < findings->len; i++)
    {
      RtesFinding *f = findings->pdata[i];

      g_assert_cmpint (f->kind, ==, RTES_FINDING_TYPOGRAPHY);
      g_assert_false (rtes_finding_is_blocking (f));
      g_assert_nonnull (f->fix);
      g_test_message ("  «%s» → «%s»", f->text, f->fix);
    }
  assert_ranges (findings, text);
  g_assert_cmpuint (findings->len, ==, n_findings);
  result = rtes_review_apply_fixes (text, findings);
  g_assert_cmpstr (result, ==, fixed);
  /* Fixed text passes the same check. */
  rtes_review_typography ("programme", result, rule, again);
  g_assert_cmpuint (again->len, ==, 0);
}

static void
test_typography_spaces (void)
{
  assert_fixed ("Contact : le service ESS", RTES_APOSTROPHES_AS_ELSEWHERE, 1,
                "Contact\u202f: le service ESS");
  assert_fixed ("Contact: le service ESS", RTES_APOSTROPHES_AS_ELSEWHERE, 1,
                "Contact\u202f: le service ESS");
  assert_fixed ("Pourquoi? Pour l’emploi; et le lien social!", RTES_APOSTROPHES_AS_ELSEWHERE, 3,
                "Pourquoi\u202f? Pour l’emploi\u202f; et le lien social\u202f!");
  assert_fixed ("Vraiment ?!", RTES_APOSTROPHES_AS_ELSEWHERE, 1, "Vraiment\u202f?!");
  assert_fixed ("la SCIC «Bois d’ici» et « Terres »", RTES_APOSTROPHES_AS_ELSEWHERE, 4,
                "la SCIC «\u202fBois d’ici\u202f» et «\u202fTerres\u202f»");
  assert_fixed ("Deux  espaces, puis   trois.", RTES_APOSTROPHES_AS_ELSEWHERE, 2,
                "Deux espaces, puis trois.");
  assert_fixed ("Fin  : ici", RTES_APOSTROPHES_AS_ELSEWHERE, 1, "Fin\u202f: ici");
  assert_fixed ("Et ainsi de suite...", RTES_APOSTROPHES_AS_ELSEWHERE, 1, "Et ainsi de suite…");
}

static void
test_typography_left_alone (void)
{
  static const char * const clean[] = {
    "Réunion à 14:30, salle 2.",
    "Voir https://www.example.org/a?b=c:d et mailto:ess@ville.fr\u202f; merci.",
    "- premier point\n  - sous-point indenté\n- second",
    "Le lien [le site](https://example.org/x?y=1) est utile\u202f!",
    "Déjà bien\u00a0: une espace insécable.",
    "Trailing spaces  \nnext line",
    "Quatre points.... restent",
    "Un placeholder [...] n’est pas une faute de typographie.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (clean); i++)
    {
      g_autoptr(GPtrArray) findings = new_findings ();

      rtes_review_typography ("actions", clean[i], RTES_APOSTROPHES_AS_ELSEWHERE, findings);
      if (findings->len > 0)
        g_test_message ("%s: «%s»", clean[i], ((RtesFinding *) findings->pdata[0])->text);
      g_assert_cmpuint (findings->len, ==, 0);
    }
}

static void
test_typography_apostrophes (void)
{
  /* Only straight ones: consistent, nothing to say unless ’ is the rule. */
  assert_fixed ("L'ESS et l'emploi", RTES_APOSTROPHES_AS_ELSEWHERE, 0, "L'ESS et l'emploi");
  assert_fixed ("L'ESS et l'emploi", RTES_APOSTROPHES_CURLY, 2, "L’ESS et l’emploi");
  /* Mixed: the straight ones are the odd ones out. */
  assert_fixed ("L’ESS et l'emploi d'aujourd’hui", RTES_APOSTROPHES_AS_ELSEWHERE, 2,
                "L’ESS et l’emploi d’aujourd’hui");
  /* Quotes made with apostrophes are not elisions. */
  assert_fixed ("le mot 'solidaire' ici", RTES_APOSTROPHES_CURLY, 0, "le mot 'solidaire' ici");
}

/* ---- whole fiches ---- */

static RtesFiche *
complete_fiche (const char *id,
                const char *name)
{
  RtesFiche *fiche = rtes_fiche_new (id, name);
  g_autoptr(RtesContact) contact = rtes_contact_new ();
  g_autoptr(RtesBudgetLine) line = rtes_budget_line_new ();

  rtes_fiche_set_kind (fiche, "commune");
  rtes_fiche_set_region (fiche, "Bourgogne-Franche-Comté");
  rtes_fiche_set_population (fiche, 12000);
  rtes_fiche_set_member_since (fiche, 2012);
  rtes_fiche_set_updated (fiche, "2026-03-01");
  rtes_fiche_set_postcode (fiche, "25400");
  rtes_fiche_set_city (fiche, "Audincourt");
  rtes_fiche_set_panorama (fiche, "Le territoire compte 120 structures de l’ESS.");
  rtes_fiche_set_budget_text (fiche, "Un budget dédié à l’ESS.");
  rtes_fiche_set_programme (fiche, "Soutien aux SCIC et aux tiers-lieux.");
  rtes_fiche_set_actions (fiche, "- Une recyclerie\n- Un jardin partagé");
  rtes_contact_set_name (contact, "Claire Martin");
  rtes_contact_set_role (contact, "Élue référente");
  rtes_contact_set_email (contact, "c.martin@audincourt.example.fr");
  rtes_contact_set_phone (contact, "03 81 36 37 38");
  g_list_store_append (rtes_fiche_get_contacts (fiche), contact);
  rtes_budget_line_set_amount (line, 50000);
  rtes_budget_line_set_year (line, 2025);
  g_list_store_append (rtes_fiche_get_budget_lines (fiche), line);
  return fiche;
}

static void
test_fiche_clean (void)
{
  g_autoptr(RtesFiche) fiche = complete_fiche ("audincourt", "Audincourt");
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GPtrArray) findings = rtes_review_fiche (fiche, now);

  for (guint i = 0; i < findings->len; i++)
    g_test_message ("%s: %s", ((RtesFinding *) findings->pdata[i])->field,
                    ((RtesFinding *) findings->pdata[i])->message);
  g_assert_cmpuint (findings->len, ==, 0);
}

static void
test_fiche_planted (void)
{
  g_autoptr(RtesFiche) fiche = complete_fiche ("audincourt", "Audincourt");
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) placeholders = NULL;
  g_autoptr(RtesContact) c2 = rtes_contact_new ();
  g_autoptr(RtesContact) c3 = rtes_contact_new ();
  g_autoptr(RtesContact) c4 = rtes_contact_new ();
  g_autoptr(RtesBudgetLine) old = rtes_budget_line_new ();
  RtesFinding *f;

  rtes_fiche_set_panorama (fiche, "L’ESS est au cœur du territoire.\n\nPictos à modifier\n\nL'emploi local.");
  rtes_fiche_set_programme (fiche, "");
  rtes_fiche_set_updated (fiche, "2023-01-10");
  /* The only budget line is old. */
  g_list_store_remove_all (rtes_fiche_get_budget_lines (fiche));
  rtes_budget_line_set_amount (old, 1000);
  rtes_budget_line_set_year (old, 2019);
  g_list_store_append (rtes_fiche_get_budget_lines (fiche), old);
  rtes_contact_set_name (c2, "Paul Girard");
  rtes_contact_set_email (c2, "p.girard@audincourt.example.fr");
  rtes_contact_set_phone (c2, "+44 20 7946 0000");
  rtes_contact_set_name (c3, "Anne Roy");
  rtes_contact_set_email (c3, "anne.roy.ess@gmail.com");
  rtes_contact_set_phone (c3, "blabla");
  rtes_contact_set_name (c4, "CLAIRE  martin");
  rtes_contact_set_role (c4, "Chargée de mission");
  g_list_store_append (rtes_fiche_get_contacts (fiche), c2);
  g_list_store_append (rtes_fiche_get_contacts (fiche), c3);
  g_list_store_append (rtes_fiche_get_contacts (fiche), c4);

  findings = rtes_review_fiche (fiche, now);
  for (guint i = 0; i < findings->len; i++)
    {
      RtesFinding *x = findings->pdata[i];

      g_test_message ("%s %s %s «%s» %s", x->id, rtes_finding_kind_to_string (x->kind), x->field,
                      x->text, x->message);
      g_assert_cmpstr (x->id, ==, "audincourt");
    }

  placeholders = of_kind (findings, RTES_FINDING_PLACEHOLDER);
  g_assert_cmpuint (placeholders->len, ==, 2);
  g_assert_nonnull (find (findings, RTES_FINDING_PLACEHOLDER, "panorama", "à modifier"));
  g_assert_nonnull (find (findings, RTES_FINDING_PLACEHOLDER, "contacts[2].phone", "blabla"));
  g_assert_true (rtes_findings_have_blocking (findings));
  g_assert_cmpuint (rtes_findings_count_blocking (findings), ==, 2);

  /* The fiche uses ’: the lone ' is out of step. */
  f = find (findings, RTES_FINDING_TYPOGRAPHY, "panorama", "'");
  g_assert_nonnull (f);
  g_assert_cmpstr (f->fix, ==, "’");

  g_assert_nonnull (find (findings, RTES_FINDING_STALE, "budget.lines[0].year", "2019"));
  g_assert_nonnull (find (findings, RTES_FINDING_STALE, "updated", "2023-01-10"));
  g_assert_nonnull (find (findings, RTES_FINDING_MISSING, "programme", ""));

  g_assert_nonnull (find (findings, RTES_FINDING_CONTACT, "contacts[1].phone", "+44 20 7946 0000"));
  g_assert_nonnull (find (findings, RTES_FINDING_CONTACT, "contacts[2].email", "anne.roy.ess@gmail.com"));
  g_assert_nonnull (find (findings, RTES_FINDING_CONTACT, "contacts[3].name", "CLAIRE  martin"));
  /* The usual domain and the French numbers are left alone. */
  g_assert_null (find (findings, RTES_FINDING_CONTACT, "contacts[1].email", "p.girard@audincourt.example.fr"));
  g_assert_null (find (findings, RTES_FINDING_CONTACT, "contacts[0].phone", "03 81 36 37 38"));

  /* In the fiche's order: identity, texts, budget, contacts. */
  g_assert_cmpstr (((RtesFinding *) findings->pdata[0])->field, ==, "updated");
  g_assert_cmpstr (((RtesFinding *) g_ptr_array_index (findings, findings->len - 1))->field, ==,
                   "contacts[3].name");
}

static void
test_fiche_blocking (void)
{
  g_autoptr(RtesFiche) fiche = complete_fiche ("audincourt", "Audincourt");
  g_autoptr(GPtrArray) clean = rtes_review_blocking (fiche);
  g_autoptr(GPtrArray) blocked = NULL;
  g_autoptr(GPtrArray) unnamed = NULL;

  g_assert_cmpuint (clean->len, ==, 0);
  /* Typography never blocks, a placeholder does. */
  rtes_fiche_set_actions (fiche, "Deux  espaces... et TODO");
  blocked = rtes_review_blocking (fiche);
  g_assert_cmpuint (blocked->len, ==, 1);
  g_assert_cmpstr (((RtesFinding *) blocked->pdata[0])->text, ==, "TODO");
  /* The validator's errors block too. */
  rtes_fiche_set_actions (fiche, "Rien à redire.");
  rtes_fiche_set_name (fiche, " ");
  unnamed = rtes_review_blocking (fiche);
  g_assert_cmpuint (unnamed->len, ==, 1);
  g_assert_cmpint (((RtesFinding *) unnamed->pdata[0])->kind, ==, RTES_FINDING_INVALID);
  g_assert_cmpstr (((RtesFinding *) unnamed->pdata[0])->field, ==, "name");
}

static void
test_fix_typography (void)
{
  g_autoptr(RtesFiche) fiche = complete_fiche ("audincourt", "Audincourt");
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) typography = NULL;
  g_autoptr(RtesContact) contact = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (fiche)), 0);
  guint fixed;

  rtes_fiche_set_panorama (fiche, "L’ESS : 120 structures.  Et l'emploi...");
  rtes_contact_set_role (contact, "Élue déléguée à l'ESS");
  fixed = rtes_review_fix_typography (fiche);
  g_assert_cmpuint (fixed, ==, 5);
  g_assert_cmpstr (rtes_fiche_get_panorama (fiche), ==, "L’ESS\u202f: 120 structures. Et l’emploi…");
  g_assert_cmpstr (rtes_contact_get_role (contact), ==, "Élue déléguée à l’ESS");
  after = rtes_review_fiche (fiche, now);
  typography = of_kind (after, RTES_FINDING_TYPOGRAPHY);
  g_assert_cmpuint (typography->len, ==, 0);
  g_assert_cmpuint (rtes_review_fix_typography (fiche), ==, 0);
}

static void
test_text_fields (void)
{
  g_autoptr(RtesFiche) fiche = complete_fiche ("audincourt", "Audincourt");
  g_autofree char *role = NULL;
  g_autofree char *missing = NULL;
  const char *lines[] = { "Hôtel de ville", "BP 12", NULL };

  rtes_fiche_set_address_lines (fiche, lines);
  g_assert_true (rtes_review_set_text (fiche, "contacts[0].role", "Élue"));
  role = rtes_review_get_text (fiche, "contacts[0].role");
  g_assert_cmpstr (role, ==, "Élue");
  g_assert_true (rtes_review_set_text (fiche, "address.lines[1]", "BP 13"));
  g_assert_cmpstr (rtes_fiche_get_address_lines (fiche)[1], ==, "BP 13");
  g_assert_false (rtes_review_set_text (fiche, "contacts[7].role", "x"));
  g_assert_false (rtes_review_set_text (fiche, "population", "x"));
  missing = rtes_review_get_text (fiche, "contacts[4].name");
  g_assert_null (missing);
}

static void
test_duplicates (void)
{
  g_autoptr(GPtrArray) fiches = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) findings = new_findings ();
  RtesFiche *a = complete_fiche ("dijon", "Dijon Métropole");
  RtesFiche *b = complete_fiche ("dijon-metropole", "DIJON  metropole");
  RtesFiche *c = complete_fiche ("besancon", "Besançon");
  RtesFiche *d = complete_fiche ("grand-besancon", "Grand Besançon Métropole");

  rtes_fiche_set_postcode (a, "21000");
  rtes_fiche_set_postcode (b, "21075");
  rtes_fiche_set_postcode (c, "25000");
  rtes_fiche_set_postcode (d, "25000");
  rtes_fiche_set_kind (d, "metropole");
  g_ptr_array_add (fiches, a);
  g_ptr_array_add (fiches, b);
  g_ptr_array_add (fiches, c);
  g_ptr_array_add (fiches, d);
  rtes_review_duplicates (fiches, findings);
  g_assert_cmpuint (findings->len, ==, 2);
  rtes_findings_sort (findings);
  g_assert_cmpstr (((RtesFinding *) findings->pdata[0])->id, ==, "dijon");
  g_assert_cmpstr (((RtesFinding *) findings->pdata[1])->id, ==, "dijon-metropole");
  g_assert_nonnull (strstr (((RtesFinding *) findings->pdata[0])->message, "dijon-metropole"));

  /* Same postcode and the same kind now. */
  rtes_fiche_set_kind (d, "commune");
  g_ptr_array_set_size (findings, 0);
  rtes_review_duplicates (fiches, findings);
  g_assert_cmpuint (findings->len, ==, 4);
  g_assert_nonnull (find (findings, RTES_FINDING_DUPLICATE, "address.postcode", "25000"));
}

/* ---- the shared sample ---- */

static void
test_shared_sample (void)
{
  g_autofree char *path = rtes_test_shared_export ("bourgogne-franche-comte.txt");
  g_autofree char *page = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(GPtrArray) fiches = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) duplicates = new_findings ();
  g_autoptr(GError) error = NULL;
  guint n;

  if (path == NULL)
    return;
  page = rtes_test_shared_export ("creusot-montceau-page.txt");
  dir = rtes_test_make_tmpdir ("review-shared");
  library = rtes_library_open (dir, &error);
  g_assert_no_error (error);
  import_test_import (library, path);

  n = g_list_model_get_n_items (G_LIST_MODEL (library));
  g_assert_cmpuint (n, ==, 6);
  for (guint i = 0; i < n; i++)
    {
      RtesFiche *fiche = g_list_model_get_item (G_LIST_MODEL (library), i);
      g_autoptr(GPtrArray) findings = rtes_review_fiche (fiche, NULL);
      g_autoptr(GPtrArray) placeholders = of_kind (findings, RTES_FINDING_PLACEHOLDER);

      for (guint k = 0; k < placeholders->len; k++)
        g_test_message ("%s %s «%s»", rtes_fiche_get_id (fiche),
                        ((RtesFinding *) placeholders->pdata[k])->field,
                        ((RtesFinding *) placeholders->pdata[k])->text);
      g_assert_cmpuint (placeholders->len, ==, 0);
      g_ptr_array_add (fiches, fiche);
    }
  rtes_review_duplicates (fiches, duplicates);
  g_assert_cmpuint (duplicates->len, ==, 0);
  rtes_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/review/placeholder/found", test_placeholders_found);
  g_test_add_func ("/review/placeholder/whole-field", test_placeholders_whole_field);
  g_test_add_func ("/review/placeholder/clean-text", test_placeholders_clean_text);
  g_test_add_func ("/review/typography/spaces", test_typography_spaces);
  g_test_add_func ("/review/typography/left-alone", test_typography_left_alone);
  g_test_add_func ("/review/typography/apostrophes", test_typography_apostrophes);
  g_test_add_func ("/review/fiche/clean", test_fiche_clean);
  g_test_add_func ("/review/fiche/planted", test_fiche_planted);
  g_test_add_func ("/review/fiche/blocking", test_fiche_blocking);
  g_test_add_func ("/review/fiche/fix-typography", test_fix_typography);
  g_test_add_func ("/review/fiche/text-fields", test_text_fields);
  g_test_add_func ("/review/library/duplicates", test_duplicates);
  g_test_add_func ("/review/shared/no-placeholder-no-duplicate", test_shared_sample);

  return g_test_run ();
}
