/* test-import-samples.c: the real captures of the site, field by field
 *
 * Expectations written by reading the .txt files of ../shared/site-export line by
 * line, as a person retyping the fiches would fill them in. The tests skip
 * when the shared folder is absent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rtes-import-test-util.h"
#include "rtes-test-util.h"

#define BFC "Bourgogne-Franche-Comté"

static GPtrArray *
parse_shared (const char *name)
{
  g_autofree char *path = rtes_test_shared_export (name);

  if (path == NULL)
    return NULL;
  return import_test_parse_file (path, NULL);
}

static RtesFiche *
fiche_of (GPtrArray  *imported,
          const char *name)
{
  return rtes_imported_fiche_get_fiche (import_test_find (imported, name));
}

static guint
n_contacts (RtesFiche *fiche)
{
  return g_list_model_get_n_items (G_LIST_MODEL (rtes_fiche_get_contacts (fiche)));
}

static guint
n_budget_lines (RtesFiche *fiche)
{
  return g_list_model_get_n_items (G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche)));
}

static void
test_bfc_boundaries (void)
{
  g_autoptr(GPtrArray) imported = parse_shared ("bourgogne-franche-comte.txt");
  static const char *names[] = {
    "Syndicat Mixte Préval Haut-Doubs",
    "Communauté de communes des Portes du Haut-Doubs",
    "Conseil régional Bourgogne Franche-Comté",
    "Communauté urbaine Creusot-Montceau",
    "Audincourt",
    "Dijon Métropole",
  };
  static const guint lines[] = { 3, 41, 62, 136, 244, 276 };

  if (imported == NULL)
    return;
  /* Six fiches, in order, each starting on its name line. */
  g_assert_cmpuint (imported->len, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < imported->len; i++)
    {
      RtesImportedFiche *entry = g_ptr_array_index (imported, i);
      RtesFiche *fiche = rtes_imported_fiche_get_fiche (entry);

      g_assert_cmpstr (rtes_fiche_get_name (fiche), ==, names[i]);
      g_assert_cmpuint (rtes_imported_fiche_get_line (entry), ==, lines[i]);
      /* The region export places every line: nothing in the notes. */
      g_assert_cmpuint (rtes_imported_fiche_get_notes (entry)->len, ==, 0);
      /* No date in the region export: the text does not state one. */
      g_assert_null (rtes_fiche_get_updated (fiche));
      g_assert_cmpstr (rtes_fiche_get_region (fiche), ==, BFC);
      g_assert_cmpstr (rtes_fiche_get_country (fiche), ==, "France");
    }
}

static void
test_bfc_preval (void)
{
  g_autoptr(GPtrArray) imported = parse_shared ("bourgogne-franche-comte.txt");
  RtesFiche *f;
  const char *actions;

  if (imported == NULL)
    return;
  f = fiche_of (imported, "Syndicat Mixte Préval Haut-Doubs");
  g_assert_cmpstr (rtes_fiche_get_id (f), ==, "syndicat-mixte-preval-haut-doubs");
  g_assert_cmpstr (rtes_fiche_get_status (f), ==, "published");
  /* The site says "Communauté de communes", whatever the name says. */
  g_assert_cmpstr (rtes_fiche_get_kind (f), ==, "communaute-de-communes");
  g_assert_cmpint (rtes_fiche_get_population (f), ==, 145000);
  g_assert_cmpstr (rtes_fiche_get_population_note (f), ==, "");
  g_assert_cmpint (rtes_fiche_get_member_since (f), ==, 2023);
  import_test_check_address (f, "2 rue des tourbières, BP 235", "25580", "Pontarlier", "France");
  g_assert_cmpstr (rtes_fiche_get_panorama (f), ==, "");
  g_assert_cmpstr (rtes_fiche_get_budget_text (f), ==, "");
  g_assert_cmpuint (n_budget_lines (f), ==, 0);
  g_assert_cmpstr (rtes_fiche_get_programme (f), ==, "");

  actions = rtes_fiche_get_actions (f);
  g_assert_true (g_str_has_prefix (actions, "Préval confie un marché pour l’exploitation du centre de tri"));
  g_assert_true (g_str_has_suffix (actions, "partenariat pour une centrale solaire photovoltaïque."));
  /* Eight paragraphs, the trailing non-breaking space of the first gone. */
  g_assert_nonnull (strstr (actions, "depuis l’ouverture en 2015.\n\nPréval a initié"));
  g_assert_nonnull (strstr (actions, "\n\nPerspective\u00a0: développement de collectes"));
  {
    g_auto(GStrv) paragraphs = g_strsplit (actions, "\n\n", -1);

    g_assert_cmpuint (g_strv_length (paragraphs), ==, 8);
  }

  g_assert_cmpuint (n_contacts (f), ==, 2);
  import_test_check_contact (f, 0, "Président", "elected", "Claude Gindre", "", "", FALSE);
  import_test_check_contact (f, 1, "Service référent", "staff", "Gaëlle Journot",
                             "responsable du pôle mobilisation territoriale pour la réduction des déchets",
                             "", FALSE);
}

static void
test_bfc_portes (void)
{
  g_autoptr(GPtrArray) imported = parse_shared ("bourgogne-franche-comte.txt");
  RtesFiche *f;

  if (imported == NULL)
    return;
  f = fiche_of (imported, "Communauté de communes des Portes du Haut-Doubs");
  g_assert_cmpstr (rtes_fiche_get_id (f), ==, "communaute-de-communes-des-portes-du-haut-doubs");
  /* "Fiche en cours de rédaction" */
  g_assert_cmpstr (rtes_fiche_get_status (f), ==, "draft");
  g_assert_cmpstr (rtes_fiche_get_kind (f), ==, "communaute-de-communes");
  g_assert_cmpint (rtes_fiche_get_population (f), ==, 26440);
  g_assert_cmpstr (rtes_fiche_get_population_note (f), ==, "");
  g_assert_cmpint (rtes_fiche_get_member_since (f), ==, 2023);
  import_test_check_address (f, "7 rue Denis Papin BP70|ZA En Pougie", "25800", "VALDAHON", "France");
  g_assert_cmpstr (rtes_fiche_get_panorama (f), ==, "");
  g_assert_cmpstr (rtes_fiche_get_budget_text (f), ==, "");
  g_assert_cmpstr (rtes_fiche_get_programme (f), ==, "");
  g_assert_cmpstr (rtes_fiche_get_actions (f), ==, "");
  g_assert_cmpuint (n_contacts (f), ==, 1);
  import_test_check_contact (f, 0, "Élu référent", "elected", "Pierre-François Bernard",
                             "vice-président gestion de la ressource et des déchets", "", FALSE);
}

static void
test_bfc_region (void)
{
  g_autoptr(GPtrArray) imported = parse_shared ("bourgogne-franche-comte.txt");
  RtesFiche *f;
  const char *programme;
  const char *actions;

  if (imported == NULL)
    return;
  f = fiche_of (imported, "Conseil régional Bourgogne Franche-Comté");
  g_assert_cmpstr (rtes_fiche_get_id (f), ==, "conseil-regional-bourgogne-franche-comte");
  g_assert_cmpstr (rtes_fiche_get_status (f), ==, "published");
  g_assert_cmpstr (rtes_fiche_get_kind (f), ==, "conseil-regional");
  g_assert_cmpint (rtes_fiche_get_population (f), ==, 2820940);
  g_assert_cmpint (rtes_fiche_get_member_since (f), ==, 2016);
  import_test_check_address (f, "4 square Castan – CS 51857", "25031", "Besançon Cedex", "France");

  g_assert_cmpstr (rtes_fiche_get_panorama (f), ==,
                   "Retrouvez\u00a0le panorama 2022 réalisé par la CRESS Bourgogne-Franche-Comté");

  /* "Budget prévisionnel 2023 : 6.1 M€ en fonctionnement + 614 000€ en investissement" */
  g_assert_cmpstr (rtes_fiche_get_budget_text (f), ==,
                   "Budget prévisionnel 2023 : 6.1 M€ en fonctionnement + 614 000€ en investissement");
  g_assert_cmpuint (n_budget_lines (f), ==, 2);
  import_test_check_budget_line (f, 0, 6100000, "fonctionnement", 2023, TRUE, "6.1 M€ en fonctionnement");
  import_test_check_budget_line (f, 1, 614000, "investissement", 2023, TRUE, "614 000€ en investissement");

  programme = rtes_fiche_get_programme (f);
  g_assert_true (g_str_has_prefix (programme, "Le développement de l’Économie sociale et solidaire (ESS)"));
  /* Three paragraphs, then one list nested three levels deep. */
  g_assert_nonnull (strstr (programme, "on peut citer les dispositifs suivants :\n\n"
                                       "- Le Générateur Bourgogne-Franche-Comté (GBFC) :\n"
                                       "  - 29 territoires accompagnés\u00a0:\n"
                                       "    - 9 territoires sont sortis d’accompagnement ;\n"
                                       "    - 12 nouveaux territoires accompagnés\u00a0;\n"
                                       "  - 29 projets ont pu émerger depuis la création du GBFC\u00a0:\n"
                                       "    - 7 projets en phase de mobilisation (dans le cadre de la phase 1)\n"));
  g_assert_nonnull (strstr (programme, "\n  - 14 ETP mobilisés dans les 6 opérateurs du GBFC\n"
                                       "- L’économie circulaire est également"));
  g_assert_nonnull (strstr (programme, "\n    - Contrat d’amorçage associatif (entre 5 000 € et 10 000 €"));
  g_assert_true (g_str_has_suffix (programme, "\n  - Un premier guide a été créé pour que les épiceries "
                                              "puissent suivre leur évolution (le « mesureur ») et un "
                                              "second « Comment renforcer et développer mon épicerie "
                                              "sociale et solidaire »."));
  {
    g_auto(GStrv) blocks = g_strsplit (programme, "\n\n", -1);

    g_assert_cmpuint (g_strv_length (blocks), ==, 4);
  }

  actions = rtes_fiche_get_actions (f);
  g_assert_true (g_str_has_prefix (actions, "Parmi les actions menées récemment en faveur de l’ESS\u00a0:\n\n"
                                            "- Les Journées de l’économie autrement\u00a0: la 7ème édition"));
  /* The URLs stay, each a paragraph of its own under its item. */
  g_assert_nonnull (strstr (actions, "en faveur de son développement.\n\n"
                                     "https://www.journeeseconomieautrement.fr/\n\n"
                                     "- La Conférence régionale"));
  g_assert_true (g_str_has_suffix (actions,
                                   "\n\nhttps://www.bourgognefranchecomte.fr/conference-regionale-de-leconomie-sociale-et-solidaire-"));

  g_assert_cmpuint (n_contacts (f), ==, 2);
  /* "administrateur du RTES" under the first contact. */
  import_test_check_contact (f, 0, "Élu référent", "elected", "Éric Oternaud",
                             "conseiller régional délégué aux mutations économiques, aux emplois verts et à l'ESS",
                             "", TRUE);
  import_test_check_contact (f, 1, "Chef de service ESS-TPE-Entreprenariat", "staff",
                             "Lucien Da Ponte", "", "", FALSE);
}

static const char creusot_programme[] =
  "La CRESS Bourgogne Franche Comté, en partenariat avec\u00a0l’UDES, la DREETS et la Région Bourgogne "
  "Franche Comté ont proposé de mettre en place sur le territoire Creusot Montceau l’action ACTESS "
  "(Animation et Coopérations Territoriales ESS).\n\n"
  "Cette action vise à la mise en place d’une veille territoriale et de créer du lien entre acteurs de l’ESS.\n\n"
  "Les objectifs de cette action territoriale\u00a0:\n\n"
  "- Promouvoir l’ESS collectivement pour soutenir sa contribution au développement durable du territoire "
  "et son apport à la stratégie de développement économique\n"
  "- Mobiliser les entreprises d’ESS et susciter la coopération et la mutualisation sur les projets et les activités\n"
  "- Contribuer à soutenir les entreprises et porteurs de projets d’ESS dans le contexte de crise et de "
  "relance, et favoriser les coopérations inter-entreprises et les créations\n"
  "- Impulser une dynamique durable de développement de l’ESS\n\n"
  "Le contenu de l’action\u00a0:\n\n"
  "- A. Veille territoriale\n"
  "  1. Production de statistiques locales\n"
  "  2. Réalisation d’enquêtes auprès des entreprises d’ESS (baromètre social)\n"
  "  3. Recueil et enregistrement d’informations au quotidien et via des rencontres\n"
  "  4. Détection des projets de développement et repérage des entreprises en difficulté\n"
  "  5. Information et orientation des entreprises d’ESS, entreprises, partenaires publics, personnes "
  "s’intéressant à l’ESS… Promotion des dispositifs d’appui et accompagnement des politiques publiques.\n"
  "- B. Animation économique locale\n"
  "  1. Création d’un réseau local d’animation, en s’appuyant sur des acteurs relais dans l’ESS.\n"
  "  2. Promotion, communication, notamment par la participation ou l’apport à l’évènementiel local, "
  "l’organisation de réunions publiques…\n"
  "  3. Relations publiques ESS vis-à-vis des acteurs économiques et publics, et externes au territoire.\n"
  "  4. Identification et accompagnement de thèmes d’action collective par le réseau en lien avec la "
  "stratégie de développement économique de la CUCM\n"
  "  5. Médiation entre entreprises sur la base des sollicitations et problèmes identifiés, avec un axe "
  "spécifique pour les entreprises en difficulté. Il s’agit de susciter des partenariats opérationnels entre acteurs.\n"
  "  6. Appui-conseil, expertise\u00a0: accompagnement d’entreprises de l’ESS et porteurs de projets, en "
  "subsidiarité avec les dispositifs existants et coordination si nécessaire.";

static const char creusot_actions[] =
  "Mise en place d’une recyclerie en partenariat les Régies des quartiers et des associations oeuvrant "
  "pour l’action sociale et l’insertion des publics éloignés de l’emploi.\n\n"
  "Projet en cours de déploiement\n\n"
  "Le recyclerie interviendra sur les 3 volets du développement durable, avec pour missions principales :\n\n"
  "1. ENVIRONNEMENT\n"
  "  - Participer à la réduction des déchets par la collecte, le tri, la valorisation et la revente\n"
  "  - Sensibiliser à l’environnement et à un mode de consommation plus vertueux, grâce à des ateliers, "
  "des animations et tout autre moyen nécessaire à la réalisation de cet objectif\n"
  "  - Favoriser des comportements citoyens et respectueux de l’environnement\n"
  "  - S’inscrire dans une démarche de gestion concertée et durable des déchets\n"
  "2. SOCIAL\n"
  "  - Participer à l’inclusion et l’insertion professionnelle de personnes en difficulté de parcours\n"
  "  - Promouvoir une vision globale de l’aménagement et du développement du territoire mettant en son "
  "centre l’écologie\n"
  "  - Développer la citoyenneté, la coopération et la solidarité à l’échelle locale.\n"
  "3. ECONOMIE\n"
  "  - Mettre en place une activité économique respectueuse de l’homme et de l’environnement\n"
  "  - Favoriser une gestion durable des ressources locales\n"
  "  - Participer à la vulgarisation de l’éco-développement\n"
  "  - Développer une logique d'économie circulaire axée sur la valorisation maximale des matières, "
  "énergie et des déchets\n"
  "  - Créer des emplois locaux\n"
  "  - S’inscrire dans une logique de non-concurrence sur les activités entre structures membres, sur "
  "le site de la recyclerie";

static void
check_creusot_sections (RtesFiche *f)
{
  g_assert_cmpstr (rtes_fiche_get_panorama (f), ==, "");
  g_assert_cmpstr (rtes_fiche_get_budget_text (f), ==, "29000€ en fonctionnement pour 2022");
  g_assert_cmpuint (n_budget_lines (f), ==, 1);
  import_test_check_budget_line (f, 0, 29000, "fonctionnement", 2022, FALSE,
                                 "29000€ en fonctionnement pour 2022");
  g_assert_cmpstr (rtes_fiche_get_programme (f), ==, creusot_programme);
  g_assert_cmpstr (rtes_fiche_get_actions (f), ==, creusot_actions);
  g_assert_cmpint (rtes_fiche_get_member_since (f), ==, 2001);
}

static void
test_bfc_creusot (void)
{
  g_autoptr(GPtrArray) imported = parse_shared ("bourgogne-franche-comte.txt");
  RtesFiche *f;

  if (imported == NULL)
    return;
  f = fiche_of (imported, "Communauté urbaine Creusot-Montceau");
  g_assert_cmpstr (rtes_fiche_get_id (f), ==, "communaute-urbaine-creusot-montceau");
  g_assert_cmpstr (rtes_fiche_get_status (f), ==, "published");
  g_assert_cmpstr (rtes_fiche_get_kind (f), ==, "communaute-urbaine");
  /* A sentence: the number of inhabitants, and the sentence kept. */
  g_assert_cmpint (rtes_fiche_get_population (f), ==, 97000);
  g_assert_cmpstr (rtes_fiche_get_population_note (f), ==,
                   "La communauté urbaine Creusot Montceau regroupe 34 communes et compte 97 000 habitants.");
  import_test_check_address (f, "Château de la Verrerie BP69", "71206", "Le Creusot cedex", "France");
  check_creusot_sections (f);
  g_assert_cmpuint (n_contacts (f), ==, 2);
  /* A short line that may be a heading is kept in the text, and the
   * report points at it for a person to check. */
  {
    GPtrArray *report = rtes_imported_fiche_get_report_notes (import_test_find (imported,
                                                                                "Communauté urbaine Creusot-Montceau"));

    g_assert_cmpuint (report->len, ==, 1);
    g_assert_nonnull (strstr (g_ptr_array_index (report, 0), "line 190: “Projet en cours de déploiement”"));
  }
  /* "Élu référent: David Marti Titre : président" */
  import_test_check_contact (f, 0, "Élu référent", "elected", "David Marti", "président", "", FALSE);
  /* "…: Christelle Badon Service référent ESS : Mission Economie…" */
  import_test_check_contact (f, 1, "Chargée de mission à l'entreprenariat et à l'ESS", "staff",
                             "Christelle Badon", "", "Mission Economie et Services aux entreprises", FALSE);
}

static void
test_bfc_audincourt (void)
{
  g_autoptr(GPtrArray) imported = parse_shared ("bourgogne-franche-comte.txt");
  RtesFiche *f;

  if (imported == NULL)
    return;
  f = fiche_of (imported, "Audincourt");
  g_assert_cmpstr (rtes_fiche_get_id (f), ==, "audincourt");
  g_assert_cmpstr (rtes_fiche_get_status (f), ==, "published");
  g_assert_cmpstr (rtes_fiche_get_kind (f), ==, "commune");
  g_assert_cmpint (rtes_fiche_get_population (f), ==, 15000);
  g_assert_cmpstr (rtes_fiche_get_population_note (f), ==, "");
  /* Between the programme and the actions: does not end the section. */
  g_assert_cmpint (rtes_fiche_get_member_since (f), ==, 2001);
  import_test_check_address (f, "8 avenue Aristide Briand", "25400", "Audincourt", "France");
  g_assert_cmpstr (rtes_fiche_get_budget_text (f), ==,
                   "15\u00a0000€ au pôle + toutes les aides aux associations et mise à disposition gratuite de locaux.");
  g_assert_cmpuint (n_budget_lines (f), ==, 1);
  import_test_check_budget_line (f, 0, 15000, NULL, RTES_BUDGET_NO_YEAR, FALSE, "15\u00a0000€ au pôle");
  g_assert_cmpstr (rtes_fiche_get_programme (f), ==,
                   "Aide à l’économie solidaire aide aux associations, à l’éducation populaire, aux "
                   "associations caritatives, etc.");
  g_assert_cmpstr (rtes_fiche_get_actions (f), ==,
                   "Adhésion à RTES depuis 15 ans, nomination d’une adjointe à l’économie solidaire depuis "
                   "12 ans, installation il y a 15 ans d’un pole local d’économie solidaire, aide à la "
                   "création d’artisans du monde il y a 14 ans, aide à la création d’un restaurant "
                   "solidaire en 2011 etc.…");
  g_assert_cmpuint (n_contacts (f), ==, 1);
  /* "Titre : …" on the line after the contact. */
  import_test_check_contact (f, 0, "Élu représentant", "elected", "Renaud Fouché",
                             "Adjoint en charge du centre de santé, de la démographie médicale et de "
                             "l’économie sociale et solidaire.", "", FALSE);
}

static void
test_bfc_dijon (void)
{
  g_autoptr(GPtrArray) imported = parse_shared ("bourgogne-franche-comte.txt");
  RtesFiche *f;

  if (imported == NULL)
    return;
  f = fiche_of (imported, "Dijon Métropole");
  g_assert_cmpstr (rtes_fiche_get_id (f), ==, "dijon-metropole");
  g_assert_cmpstr (rtes_fiche_get_status (f), ==, "published");
  g_assert_cmpstr (rtes_fiche_get_kind (f), ==, "metropole");
  g_assert_cmpint (rtes_fiche_get_population (f), ==, 251179);
  g_assert_cmpint (rtes_fiche_get_member_since (f), ==, 2001);
  import_test_check_address (f, "40, avenue du Drapeau - BP 17 510", "21075", "Dijon Cedex", "France");
  g_assert_cmpstr (rtes_fiche_get_budget_text (f), ==, "40 000 euros");
  g_assert_cmpuint (n_budget_lines (f), ==, 1);
  import_test_check_budget_line (f, 0, 40000, NULL, RTES_BUDGET_NO_YEAR, FALSE, "40 000 euros");
  g_assert_cmpstr (rtes_fiche_get_programme (f), ==,
                   "- Favoriser la coordination de l’intervention des acteurs de la création d’activités "
                   "et plus particulièrement dans le secteur de l’ESS\n"
                   "- Soutien à la consolidation et au développement du secteur associatif via le "
                   "Dispositif Local d’Accompagnement (DLA)\n"
                   "- Développement de la Commande Publique Responsable via l’introduction des clauses "
                   "sociales du Code des Marchés Publics dans les opérations où le Grand Dijon est commanditaire\n"
                   "- Information / sensibilisation des partenaires publics et privés à la commande responsable");
  /* The actions run straight into "Type de collectivité". */
  g_assert_cmpstr (rtes_fiche_get_actions (f), ==,
                   "- Soutien au lancement d’une plate-forme de financement participatif des projets "
                   "d’utilité sociale porté par un acteur local de l’ESS\n"
                   "- Soutien aux structures d’accompagnement à la création d’activité proposant une "
                   "entrée via le secteur de l’ESS ou en faveur des publics les plus éloignés du crédit bancaire\n"
                   "- Présentation aux communes de l’agglomération des modalités de rédaction d’un cahier "
                   "des charges pour l’achat de produits issus du Commerce Équitable ainsi que de l’offre "
                   "de services des associations locales œuvrant sur la thématique du Commerce Équitable");
  g_assert_cmpuint (n_contacts (f), ==, 2);
  import_test_check_contact (f, 0, "Elue en charge de l'ESS", "elected", "Océane Charret-Godard",
                             "conseillère déléguée emploi, insertion et ESS", "", FALSE);
  import_test_check_contact (f, 1, "Service référent", "staff", "Nelly Verstraeten", "", "", FALSE);
}

static void
test_page_creusot (void)
{
  g_autoptr(GPtrArray) imported = parse_shared ("creusot-montceau-page.txt");
  RtesImportedFiche *entry;
  RtesFiche *f;

  if (imported == NULL)
    return;
  g_assert_cmpuint (imported->len, ==, 1);
  entry = g_ptr_array_index (imported, 0);
  f = rtes_imported_fiche_get_fiche (entry);
  g_assert_cmpstr (rtes_fiche_get_name (f), ==, "Communauté urbaine Creusot-Montceau");
  g_assert_cmpstr (rtes_fiche_get_id (f), ==, "communaute-urbaine-creusot-montceau");
  g_assert_cmpstr (rtes_fiche_get_status (f), ==, "published");
  /* "Dernière mise à jour : 02/03/2022" */
  g_assert_cmpstr (rtes_fiche_get_updated (f), ==, "2022-03-02");
  check_creusot_sections (f);

  /* No identity block: the page states no type, address or contacts,
   * so applying it must not clear them. */
  g_assert_true (rtes_imported_fiche_has_field (entry, RTES_IMPORT_FIELD_UPDATED));
  g_assert_true (rtes_imported_fiche_has_field (entry, RTES_IMPORT_FIELD_BUDGET));
  g_assert_true (rtes_imported_fiche_has_field (entry, RTES_IMPORT_FIELD_MEMBER_SINCE));
  g_assert_false (rtes_imported_fiche_has_field (entry, RTES_IMPORT_FIELD_KIND));
  g_assert_false (rtes_imported_fiche_has_field (entry, RTES_IMPORT_FIELD_ADDRESS));
  g_assert_false (rtes_imported_fiche_has_field (entry, RTES_IMPORT_FIELD_REGION));
  g_assert_false (rtes_imported_fiche_has_field (entry, RTES_IMPORT_FIELD_POPULATION));
  g_assert_false (rtes_imported_fiche_has_field (entry, RTES_IMPORT_FIELD_CONTACTS));
  g_assert_false (rtes_imported_fiche_has_field (entry, RTES_IMPORT_FIELD_PANORAMA));
  g_assert_cmpuint (rtes_imported_fiche_get_notes (entry)->len, ==, 0);
  g_assert_cmpuint (rtes_imported_fiche_get_report_notes (entry)->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (rtes_imported_fiche_get_report_notes (entry), 0), "line 59:"));
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/import/bfc/boundaries", test_bfc_boundaries);
  g_test_add_func ("/import/bfc/preval", test_bfc_preval);
  g_test_add_func ("/import/bfc/portes-du-haut-doubs", test_bfc_portes);
  g_test_add_func ("/import/bfc/conseil-regional", test_bfc_region);
  g_test_add_func ("/import/bfc/creusot-montceau", test_bfc_creusot);
  g_test_add_func ("/import/bfc/audincourt", test_bfc_audincourt);
  g_test_add_func ("/import/bfc/dijon", test_bfc_dijon);
  g_test_add_func ("/import/page/creusot-montceau", test_page_creusot);

  return g_test_run ();
}
