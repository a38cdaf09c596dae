/* test-import-variants.c: exports of other regions
 *
 * fixtures/occitanie-export.txt imitates a region whose pages use other
 * headings ("Politique ESS de la collectivité", "Actions soutenues",
 * "Budget / Moyens affectés…"), other labels ("Population :", "Adresse
 * postale", "Contacts", "Adhérent depuis :"), other contact lines (role
 * alone then the name, "Tél :", "Courriel :", "Name - title"), a
 * breadcrumb, a sentence under a name, an identity block before the
 * sections and text that fits no field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rtes-fiche-json.h"
#include "rtes-import-test-util.h"
#include "rtes-test-util.h"

static GPtrArray *
parse_fixture (GPtrArray *warnings)
{
  g_autofree char *path = import_test_fixture_path ();

  return import_test_parse_file (path, warnings);
}

/* @text read as the text export file @name, which holds @n_fiches. */
static GPtrArray *
parse_text (const char *text,
            const char *name,
            guint       n_fiches)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *imported = rtes_import_parse_export (text, strlen (text), name, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (imported->len, ==, n_fiches);
  return imported;
}

static void
test_boundaries (void)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) imported = parse_fixture (warnings);

  g_assert_cmpuint (imported->len, ==, 3);
  g_assert_cmpstr (rtes_fiche_get_name (rtes_imported_fiche_get_fiche (g_ptr_array_index (imported, 0))), ==,
                   "Ville de Figeac");
  g_assert_cmpstr (rtes_fiche_get_name (rtes_imported_fiche_get_fiche (g_ptr_array_index (imported, 1))), ==,
                   "Communauté d’agglomération du Grand Narbonne");
  g_assert_cmpstr (rtes_fiche_get_name (rtes_imported_fiche_get_fiche (g_ptr_array_index (imported, 2))), ==,
                   "Commune de Saint-Affrique");

  /* The breadcrumb before the first fiche is reported, with its line. */
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "occitanie-export.txt:3:"));
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "Accueil > Adhérents > Occitanie"));
}

static void
test_figeac (void)
{
  g_autoptr(GPtrArray) imported = parse_fixture (NULL);
  RtesImportedFiche *entry = import_test_find (imported, "Ville de Figeac");
  RtesFiche *f = rtes_imported_fiche_get_fiche (entry);
  GPtrArray *notes = rtes_imported_fiche_get_notes (entry);
  g_autoptr(RtesContact) marie = NULL;

  g_assert_cmpstr (rtes_fiche_get_id (f), ==, "ville-de-figeac");
  g_assert_cmpstr (rtes_fiche_get_status (f), ==, "published");
  /* "Dernière mise à jour le 15 septembre 2023" */
  g_assert_cmpstr (rtes_fiche_get_updated (f), ==, "2023-09-15");
  /* "Type de collectivité : Ville" */
  g_assert_cmpstr (rtes_fiche_get_kind (f), ==, "commune");
  /* "Population : 9 800 habitants (recensement 2020)": more than a number. */
  g_assert_cmpint (rtes_fiche_get_population (f), ==, 9800);
  g_assert_cmpstr (rtes_fiche_get_population_note (f), ==, "9 800 habitants (recensement 2020)");
  /* "Adhérent depuis : 2012" */
  g_assert_cmpint (rtes_fiche_get_member_since (f), ==, 2012);
  import_test_check_address (f, "Hôtel de ville|Place Vival", "46100", "FIGEAC", "France");
  /* "Région :" left empty: the postcode's département says Occitanie. */
  g_assert_cmpstr (rtes_fiche_get_region (f), ==, "Occitanie");

  g_assert_cmpstr (rtes_fiche_get_panorama (f), ==,
                   "Le territoire compte 120 structures de l’ESS.\n\n- Associations : 95\n- Coopératives : 12");
  g_assert_cmpstr (rtes_fiche_get_budget_text (f), ==,
                   "Budget 2023 : 1,2 million d'euros en investissement ; 350 k€ en fonctionnement (prévisionnel)");
  import_test_check_budget_line (f, 0, 1200000, "investissement", 2023, FALSE,
                                 "1,2 million d'euros en investissement");
  import_test_check_budget_line (f, 1, 350000, "fonctionnement", 2023, TRUE,
                                 "350 k€ en fonctionnement (prévisionnel)");
  g_assert_cmpstr (rtes_fiche_get_programme (f), ==,
                   "1. Soutenir les tiers-lieux\n  - a. appel à projets annuel\n"
                   "  - b. mise à disposition de locaux\n2. Clauses sociales dans les marchés publics");
  g_assert_cmpstr (rtes_fiche_get_actions (f), ==,
                   "- Recyclerie du Grand Figeac\n- Épicerie solidaire\n\nVoir https://www.ville-figeac.fr/ess");

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rtes_fiche_get_contacts (f))), ==, 3);
  import_test_check_contact (f, 0, "Maire", "elected", "André Mellinger", "", "", FALSE);
  import_test_check_contact (f, 1, "Élue référente ESS", "elected", "Marie Dupont",
                             "Adjointe à l’économie sociale et solidaire", "", TRUE);
  marie = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (f)), 1);
  g_assert_cmpstr (rtes_contact_get_phone (marie), ==, "05 65 50 05 40");
  g_assert_cmpstr (rtes_contact_get_email (marie), ==, "m.dupont@ville-figeac.fr");
  import_test_check_contact (f, 2, "Chargé de mission", "staff", "Paul Martin", "",
                             "Direction du développement économique", FALSE);

  /* The web site fits no field: kept as a note and reported. */
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (notes, 0), ==, "Site internet : https://www.ville-figeac.fr");
  g_assert_nonnull (strstr (g_ptr_array_index (rtes_imported_fiche_get_report_notes (entry), 0), "line 46"));
}

static void
test_narbonne (void)
{
  g_autoptr(GPtrArray) imported = parse_fixture (NULL);
  RtesImportedFiche *entry = import_test_find (imported, "Communauté d’agglomération du Grand Narbonne");
  RtesFiche *f = rtes_imported_fiche_get_fiche (entry);

  g_assert_cmpstr (rtes_fiche_get_id (f), ==, "communaute-d-agglomeration-du-grand-narbonne");
  g_assert_cmpstr (rtes_fiche_get_status (f), ==, "draft");
  g_assert_cmpstr (rtes_fiche_get_kind (f), ==, "communaute-d-agglomeration");
  g_assert_cmpint (rtes_fiche_get_population (f), ==, 130000);
  g_assert_cmpint (rtes_fiche_get_member_since (f), ==, RTES_NO_NUMBER);
  g_assert_false (rtes_imported_fiche_has_field (entry, RTES_IMPORT_FIELD_MEMBER_SINCE));
  import_test_check_address (f, "12 boulevard Frédéric Mistral|CS 50100", "11100", "Narbonne Cedex", "France");
  g_assert_cmpstr (rtes_fiche_get_region (f), ==, "Occitanie");
  /* "Moyens consacrés à l'ESS": "5 800 000 € dont 800 000 € en investissement" */
  import_test_check_budget_line (f, 0, 5800000, NULL, RTES_BUDGET_NO_YEAR, FALSE, "5 800 000 €");
  import_test_check_budget_line (f, 1, 800000, "investissement", RTES_BUDGET_NO_YEAR, FALSE,
                                 "800 000 € en investissement");
  g_assert_cmpstr (rtes_fiche_get_actions (f), ==, "1. Pépinière d’entreprises ESS\n2. Fonds de confiance");
  import_test_check_contact (f, 0, "Vice-présidente", "elected", "Claire Fabre",
                             "déléguée à l’économie sociale", "", FALSE);
  import_test_check_contact (f, 1, "Directrice", "staff", "Anne Roux", "", "Pôle attractivité", FALSE);
  g_assert_cmpuint (rtes_imported_fiche_get_notes (entry)->len, ==, 0);
}

static void
test_identity_first (void)
{
  g_autoptr(GPtrArray) imported = parse_fixture (NULL);
  RtesImportedFiche *entry = import_test_find (imported, "Commune de Saint-Affrique");
  RtesFiche *f = rtes_imported_fiche_get_fiche (entry);
  GPtrArray *notes = rtes_imported_fiche_get_notes (entry);

  g_assert_cmpstr (rtes_fiche_get_kind (f), ==, "commune");
  g_assert_cmpint (rtes_fiche_get_population (f), ==, 8000);
  /* No address: no région can be derived, none is stated. */
  g_assert_false (rtes_imported_fiche_has_field (entry, RTES_IMPORT_FIELD_REGION));
  g_assert_false (rtes_imported_fiche_has_field (entry, RTES_IMPORT_FIELD_ADDRESS));
  import_test_check_contact (f, 0, "Élu référent", "elected", "Jean Valette", "", "", FALSE);
  /* The section after the contacts belongs to the same fiche. */
  g_assert_cmpstr (rtes_fiche_get_programme (f), ==, "Soutien aux associations locales.");
  /* The sentence between the name and the identity block is kept. */
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (notes, 0), ==, "Commune rurale du sud Aveyron, 8 000 habitants.");
}

/* fixtures/nouvelle-aquitaine-export.txt: the identity block first, every
 * colon after a non-breaking or narrow space, values on the label's line,
 * the postcode inside the street line, tab-indented bullets, an unknown
 * heading, amounts in parentheses, a contact line with e-mail and phone. */
static void
test_typography (void)
{
  g_autofree char *path = rtes_test_source_path ("import", "fixtures", "nouvelle-aquitaine-export.txt", NULL);
  g_autoptr(GPtrArray) imported = import_test_parse_file (path, NULL);
  RtesImportedFiche *entry;
  RtesFiche *f;
  g_autoptr(RtesContact) luc = NULL;

  g_assert_cmpuint (imported->len, ==, 2);
  entry = import_test_find (imported, "COMMUNAUTÉ DE COMMUNES DU HAUT-BÉARN");
  f = rtes_imported_fiche_get_fiche (entry);
  g_assert_cmpstr (rtes_fiche_get_id (f), ==, "communaute-de-communes-du-haut-bearn");
  g_assert_cmpstr (rtes_fiche_get_kind (f), ==, "communaute-de-communes");
  g_assert_cmpint (rtes_fiche_get_population (f), ==, 32500);
  g_assert_cmpint (rtes_fiche_get_member_since (f), ==, 2019);
  import_test_check_address (f, "12 place de Jaca", "64400", "Oloron-Sainte-Marie", "France");
  g_assert_cmpstr (rtes_fiche_get_region (f), ==, "Nouvelle-Aquitaine");

  g_assert_cmpstr (rtes_fiche_get_panorama (f), ==, "L’ESS représente 14\u202f% des emplois privés.");
  g_assert_cmpstr (rtes_fiche_get_budget_text (f), ==,
                   "40\u00a0000 € (dont 10\u202f000 € en investissement)\n\n"
                   "Budget / Moyens humains : 1 ETP chargé de mission");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rtes_fiche_get_budget_lines (f))), ==, 2);
  import_test_check_budget_line (f, 0, 40000, NULL, RTES_BUDGET_NO_YEAR, FALSE, "40\u00a0000 €");
  import_test_check_budget_line (f, 1, 10000, "investissement", RTES_BUDGET_NO_YEAR, FALSE,
                                 "10\u202f000 € en investissement");
  /* An unknown heading stays, with its text, in the section above. */
  g_assert_cmpstr (rtes_fiche_get_programme (f), ==,
                   "- Soutien aux tiers-lieux\n  - Appel à projets annuel\n- Clauses sociales\n\n"
                   "Présentation du Pôle territorial de coopération économique\n\nLe PTCE réunit 30 structures.");
  g_assert_cmpstr (rtes_fiche_get_actions (f), ==, "- a. Une ressourcerie\n- b. Un fonds de confiance");

  import_test_check_contact (f, 0, "Élue référente", "elected", "Mme Anne Martin",
                             "Vice-présidente déléguée à l’économie de proximité", "", TRUE);
  import_test_check_contact (f, 1, "Responsable", "staff", "Luc Bernard", "", "", FALSE);
  luc = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (f)), 1);
  g_assert_cmpstr (rtes_contact_get_email (luc), ==, "l.bernard@hautbearn.example");
  g_assert_cmpstr (rtes_contact_get_phone (luc), ==, "05 59 00 00 00");

  g_assert_cmpuint (rtes_imported_fiche_get_notes (entry)->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (rtes_imported_fiche_get_notes (entry), 0), ==,
                   "Département : Pyrénées-Atlantiques");
  /* The report also points at the unknown heading left in the programme. */
  g_assert_cmpuint (rtes_imported_fiche_get_report_notes (entry)->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (rtes_imported_fiche_get_report_notes (entry), 0),
                            "line 25: “Présentation du Pôle territorial de coopération économique” put in "
                            "programme"));

  entry = import_test_find (imported, "Ville d’Anglet");
  f = rtes_imported_fiche_get_fiche (entry);
  g_assert_cmpstr (rtes_fiche_get_id (f), ==, "ville-d-anglet");
  g_assert_cmpstr (rtes_fiche_get_updated (f), ==, "2024-03-01");
  import_test_check_budget_line (f, 0, 1000000, "fonctionnement", 2024, FALSE,
                                 "1 million d’€ en fonctionnement pour 2024");
  g_assert_false (rtes_imported_fiche_has_field (entry, RTES_IMPORT_FIELD_CONTACTS));
}

/* The same export saved on Windows (CRLF, byte order mark) or by an old
 * Mac (CR) reads the same. */
static void
test_line_endings (void)
{
  g_autofree char *path = import_test_fixture_path ();
  g_autofree char *data = rtes_test_read_file (path, NULL);
  g_autoptr(GPtrArray) reference = parse_fixture (NULL);
  const char *endings[] = { "\r\n", "\r" };

  for (guint e = 0; e < G_N_ELEMENTS (endings); e++)
    {
      g_auto(GStrv) lines = g_strsplit (data, "\n", -1);
      g_autofree char *joined = g_strjoinv (endings[e], lines);
      g_autofree char *with_bom = g_strconcat ("\xEF\xBB\xBF", joined, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) imported = rtes_import_parse_export (with_bom, strlen (with_bom), "windows.txt",
                                                                NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (imported->len, ==, reference->len);
      for (guint i = 0; i < imported->len; i++)
        g_assert_true (rtes_fiche_equal (rtes_imported_fiche_get_fiche (g_ptr_array_index (imported, i)),
                                         rtes_imported_fiche_get_fiche (g_ptr_array_index (reference, i))));
    }
}

static void
test_unknown_kind_kept (void)
{
  const char *text = "Établissement public territorial Est Ensemble\n"
                     "Type de collectivité\n"
                     "Établissement public territorial\n"
                     "Région\n"
                     "Île de France\n";
  g_autoptr(GPtrArray) imported = parse_text (text, "ept.txt", 1);
  RtesImportedFiche *entry = g_ptr_array_index (imported, 0);
  RtesFiche *f = rtes_imported_fiche_get_fiche (entry);

  /* A kind the format does not list is "other", and its wording kept. */
  g_assert_cmpstr (rtes_fiche_get_kind (f), ==, "other");
  g_assert_cmpuint (rtes_imported_fiche_get_notes (entry)->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (rtes_imported_fiche_get_notes (entry), 0), ==,
                   "Type de collectivité : Établissement public territorial");
  /* "Île de France" written without hyphens is still the région. */
  g_assert_cmpstr (rtes_fiche_get_region (f), ==, "Île-de-France");
}

static void
test_heading_with_year (void)
{
  /* A name in parentheses, headings with a year in them, and a budget
   * line that reads like a heading of the section it is already in. */
  const char *text = "Communauté de communes du Pays de Lunel (CCPL)\n"
                     "Budget consacré à l'ESS en 2024\n"
                     "Budget prévisionnel 2024 : 80 000 €\n"
                     "Programme d'intervention 2021-2026 dans le champ de l'ESS :\n"
                     "Soutien aux tiers-lieux.\n";
  g_autoptr(GPtrArray) imported = parse_text (text, "lunel.txt", 1);
  RtesFiche *f = rtes_imported_fiche_get_fiche (g_ptr_array_index (imported, 0));

  g_assert_cmpstr (rtes_fiche_get_name (f), ==, "Communauté de communes du Pays de Lunel (CCPL)");
  g_assert_cmpstr (rtes_fiche_get_budget_text (f), ==, "Budget prévisionnel 2024 : 80 000 €");
  import_test_check_budget_line (f, 0, 80000, NULL, 2024, TRUE, "80 000 €");
  g_assert_cmpstr (rtes_fiche_get_programme (f), ==, "Soutien aux tiers-lieux.");
}

/* A short last line of a section, or a contact's name on its own line,
 * just before the next fiche's name, stays where it is. */
static void
test_short_lines_before_a_name (void)
{
  const char *text = "Ville A\n"
                     "Budget consacré à l'ESS\n10 000 €\n"
                     "Exemples d'actions soutenues\nUne recyclerie.\nProjet en cours de déploiement\n\n"
                     "Ville B\n"
                     "Budget consacré à l'ESS\n20 000 €\n"
                     "Contact public\nÉlu référent :\nJean Dupont\n\n"
                     "Ville C\n"
                     "Budget consacré à l'ESS\n30 000 €\n"
                     "Contact public\nChargée de mission :\nMarie Curie\n"
                     "Dernière mise à jour : 02/03/2022\n";
  g_autoptr(GPtrArray) imported = parse_text (text, "short.txt", 3);
  RtesFiche *a, *b, *c;

  a = rtes_imported_fiche_get_fiche (import_test_find (imported, "Ville A"));
  g_assert_cmpstr (rtes_fiche_get_actions (a), ==, "Une recyclerie.\n\nProjet en cours de déploiement");
  b = rtes_imported_fiche_get_fiche (import_test_find (imported, "Ville B"));
  import_test_check_contact (b, 0, "Élu référent", "elected", "Jean Dupont", "", "", FALSE);
  /* A date at the end of a fiche, under a contact's name, is its date. */
  c = rtes_imported_fiche_get_fiche (import_test_find (imported, "Ville C"));
  import_test_check_contact (c, 0, "Chargée de mission", "staff", "Marie Curie", "", "", FALSE);
  g_assert_cmpstr (rtes_fiche_get_updated (c), ==, "2022-03-02");
}

/* A member whose fiche has no section yet (no draft mark either) ends
 * with its contacts like the others; the next name starts a fiche. */
static void
test_identity_only_fiche (void)
{
  const char *text = "Ville X\nType de collectivité\nCommune\nContact public\nMaire : Anne A\n\n"
                     "Ville Y\nBudget consacré à l'ESS\n5 000 €\n";
  g_autoptr(GPtrArray) imported = parse_text (text, "x.txt", 2);
  RtesFiche *x;

  x = rtes_imported_fiche_get_fiche (import_test_find (imported, "Ville X"));
  g_assert_cmpstr (rtes_fiche_get_budget_text (x), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rtes_fiche_get_contacts (x))), ==, 1);
  g_assert_cmpstr (rtes_fiche_get_budget_text (rtes_imported_fiche_get_fiche (import_test_find (imported, "Ville Y"))),
                   ==, "5 000 €");
}

/* A table copied from a page: label and value separated by a tab. */
static void
test_tab_separated_labels (void)
{
  const char *text = "Métropole Européenne de Lille\n"
                     "Année d'adhésion au RTES\t2005\n"
                     "Type de collectivité\tMétropole\n"
                     "Nombre d'habitants sur le territoire\t1,2 million d'habitants\n"
                     "Adresse\n2 boulevard des Cités Unies\n59040 LILLE CEDEX\n"
                     "Région\tHauts-de-France\n";
  g_autoptr(GPtrArray) imported = parse_text (text, "mel.txt", 1);
  RtesImportedFiche *entry = g_ptr_array_index (imported, 0);
  RtesFiche *f = rtes_imported_fiche_get_fiche (entry);

  g_assert_cmpint (rtes_fiche_get_member_since (f), ==, 2005);
  g_assert_cmpstr (rtes_fiche_get_kind (f), ==, "metropole");
  g_assert_cmpint (rtes_fiche_get_population (f), ==, 1200000);
  g_assert_cmpstr (rtes_fiche_get_population_note (f), ==, "1,2 million d'habitants");
  import_test_check_address (f, "2 boulevard des Cités Unies", "59040", "LILLE CEDEX", "France");
  g_assert_cmpstr (rtes_fiche_get_region (f), ==, "Hauts-de-France");
  g_assert_cmpuint (rtes_imported_fiche_get_notes (entry)->len, ==, 0);
}

static void
test_address_without_postcode (void)
{
  const char *text = "Ville de Nulle-Part\nType de collectivité\nCommune\n"
                     "Adresse\nHôtel de ville\nPlace du marché\n"
                     "Contact public\nMaire : Jean Valjean\n";
  g_autoptr(GPtrArray) imported = parse_text (text, "x.txt", 1);
  RtesImportedFiche *entry = g_ptr_array_index (imported, 0);
  GPtrArray *report;

  /* Every line kept as a street line, and the report says to check. */
  import_test_check_address (rtes_imported_fiche_get_fiche (entry), "Hôtel de ville|Place du marché", "", "",
                             "France");
  g_assert_false (rtes_imported_fiche_has_field (entry, RTES_IMPORT_FIELD_REGION));
  g_assert_cmpuint (rtes_imported_fiche_get_notes (entry)->len, ==, 0);
  report = rtes_imported_fiche_get_report_notes (entry);
  g_assert_cmpuint (report->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (report, 0), "line 5: “Hôtel de ville”"));
  g_assert_nonnull (strstr (g_ptr_array_index (report, 0), "no postcode"));
}

static void
test_json_export (void)
{
  const char *json =
    "{ \"format\": \"rtes-site-export\", \"version\": 1, \"generated\": \"2026-11-20T10:00:00Z\",\n"
    "  \"fiches\": [\n"
    "    { \"format\": \"rtes-fiche\", \"version\": 1, \"id\": \"ville-de-test\", \"name\": \"Ville de Test\",\n"
    "      \"status\": \"published\", \"kind\": \"commune\", \"revision\": \"17\" } ] }\n";
  g_autoptr(GError) error = NULL;
  const char *format = NULL;
  g_autoptr(GPtrArray) imported = rtes_import_parse_export (json, strlen (json), "fiches.json", &format, NULL, &error);
  RtesImportedFiche *entry;
  g_autofree char *data = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (format, ==, "json");
  g_assert_cmpuint (imported->len, ==, 1);
  entry = g_ptr_array_index (imported, 0);
  g_assert_cmpstr (rtes_imported_fiche_get_revision (entry), ==, "17");
  g_assert_true (rtes_imported_fiche_has_field (entry, RTES_IMPORT_FIELD_DOCUMENT));
  /* The revision is sync metadata: not in the fiche document. */
  data = rtes_fiche_to_data (rtes_imported_fiche_get_fiche (entry), NULL);
  g_assert_null (strstr (data, "revision"));
  g_assert_nonnull (strstr (data, "\"kind\": \"commune\""));
}

static void
test_json_errors (void)
{
  struct { const char *json; int code; const char *says; } cases[] = {
    { "{\"format\": \"rtes-site-export\", \"version\": 2, \"fiches\": []}",
      RTES_IMPORT_ERROR_NEWER_VERSION, "version 2" },
    { "{\"format\": \"something-else\"}", RTES_IMPORT_ERROR_FORMAT, "not a site export" },
    { "{\"format\": \"rtes-site-export\", \"version\": 1, \"fiches\": {}}", RTES_IMPORT_ERROR_FORMAT, "fiches" },
    { "{\"format\": \"rtes-site-export\", \"version\": 1, \"fiches\": [{\"format\": \"rtes-fiche\", "
      "\"version\": 1, \"id\": \"ok\", \"name\": \"Ok\", \"revision\": 3}]}", RTES_IMPORT_ERROR_FORMAT,
      "fiches[0].revision" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) imported = rtes_import_parse_export (cases[i].json, strlen (cases[i].json),
                                                                "fiches.json", NULL, NULL, &error);

      g_assert_null (imported);
      g_assert_error (error, RTES_IMPORT_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, "fiches.json"));
      g_assert_nonnull (strstr (error->message, cases[i].says));
    }
  {
    /* A fiche that is not valid is refused with its place in the export. */
    const char *bad = "{\"format\": \"rtes-site-export\", \"version\": 1, \"fiches\": ["
                      "{\"format\": \"rtes-fiche\", \"version\": 1, \"id\": \"../etc\", \"name\": \"X\"}]}";
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) imported = rtes_import_parse_export (bad, strlen (bad), "fiches.json", NULL, NULL, &error);

    g_assert_null (imported);
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "fiches[0]"));
  }
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/import/variants/boundaries", test_boundaries);
  g_test_add_func ("/import/variants/figeac", test_figeac);
  g_test_add_func ("/import/variants/narbonne", test_narbonne);
  g_test_add_func ("/import/variants/identity-first", test_identity_first);
  g_test_add_func ("/import/variants/typography", test_typography);
  g_test_add_func ("/import/variants/line-endings", test_line_endings);
  g_test_add_func ("/import/variants/unknown-kind", test_unknown_kind_kept);
  g_test_add_func ("/import/variants/heading-with-year", test_heading_with_year);
  g_test_add_func ("/import/variants/short-lines-before-a-name", test_short_lines_before_a_name);
  g_test_add_func ("/import/variants/identity-only-fiche", test_identity_only_fiche);
  g_test_add_func ("/import/variants/tab-separated-labels", test_tab_separated_labels);
  g_test_add_func ("/import/variants/address-without-postcode", test_address_without_postcode);
  g_test_add_func ("/import/json/export", test_json_export);
  g_test_add_func ("/import/json/errors", test_json_errors);

  return g_test_run ();
}
