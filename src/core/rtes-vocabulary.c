/* rtes-vocabulary.c: the fixed lists of the format (kinds, regions, tags)
 *
 * The French labels are the site's own wording: exports always use them,
 * whatever the interface language, and the importer maps them back to ids.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-vocabulary.h"

#include <glib/gi18n-lib.h>

static const RtesTerm kinds[] = {
  { "commune", N_("Municipality"), "Commune" },
  { "communaute-de-communes", N_("Community of municipalities"), "Communauté de communes" },
  { "communaute-d-agglomeration", N_("Agglomeration community"), "Communauté d’agglomération" },
  { "communaute-urbaine", N_("Urban community"), "Communauté urbaine" },
  { "metropole", N_("Metropolis"), "Métropole" },
  { "conseil-departemental", N_("Departmental council"), "Conseil départemental" },
  { "conseil-regional", N_("Regional council"), "Conseil régional" },
  { "syndicat", N_("Joint authority (syndicat)"), "Syndicat" },
  { "pays-petr", N_("Pays or PETR"), "Pays / PETR" },
  { "other", N_("Other"), "Autre" },
  { NULL, NULL, NULL }
};

/* Region names are proper names: the same in every language. */
static const RtesTerm regions[] = {
  { "Auvergne-Rhône-Alpes", "Auvergne-Rhône-Alpes", "Auvergne-Rhône-Alpes" },
  { "Bourgogne-Franche-Comté", "Bourgogne-Franche-Comté", "Bourgogne-Franche-Comté" },
  { "Bretagne", "Bretagne", "Bretagne" },
  { "Centre-Val de Loire", "Centre-Val de Loire", "Centre-Val de Loire" },
  { "Corse", "Corse", "Corse" },
  { "Grand Est", "Grand Est", "Grand Est" },
  { "Hauts-de-France", "Hauts-de-France", "Hauts-de-France" },
  { "Île-de-France", "Île-de-France", "Île-de-France" },
  { "Normandie", "Normandie", "Normandie" },
  { "Nouvelle-Aquitaine", "Nouvelle-Aquitaine", "Nouvelle-Aquitaine" },
  { "Occitanie", "Occitanie", "Occitanie" },
  { "Pays de la Loire", "Pays de la Loire", "Pays de la Loire" },
  { "Provence-Alpes-Côte d'Azur", "Provence-Alpes-Côte d'Azur", "Provence-Alpes-Côte d’Azur" },
  { "Guadeloupe", "Guadeloupe", "Guadeloupe" },
  { "Martinique", "Martinique", "Martinique" },
  { "Guyane", "Guyane", "Guyane" },
  { "La Réunion", "La Réunion", "La Réunion" },
  { "Mayotte", "Mayotte", "Mayotte" },
  { NULL, NULL, NULL }
};

/* The levers local authorities use for the ESS (see the CRESS pages in
 * shared/context): what staff tag fiches with. */
static const RtesTerm tags[] = {
  { "elu-dedie", N_("Dedicated elected official"), "Élu·e dédié·e à l’ESS" },
  { "commande-publique", N_("Responsible public procurement (clauses, SPASER)"),
    "Commande publique responsable (clauses, SPASER)" },
  { "appels-a-projets", N_("Calls for projects"), "Appels à projets" },
  { "ptce", N_("Territorial economic cooperation hubs (PTCE)"), "Pôles territoriaux de coopération économique (PTCE)" },
  { "dla", N_("Local support scheme (DLA)"), "Dispositif local d’accompagnement (DLA)" },
  { "iae", N_("Integration through economic activity (IAE)"), "Insertion par l’activité économique (IAE)" },
  { "economie-circulaire", N_("Circular economy"), "Économie circulaire" },
  { "finance-solidaire", N_("Solidarity finance"), "Finance solidaire" },
  { "tiers-lieux", N_("Third places (tiers-lieux)"), "Tiers-lieux" },
  { "cae", N_("Business and employment cooperatives (CAE)"), "Coopératives d’activité et d’emploi (CAE)" },
  { "scop-scic", N_("Cooperatives (SCOP, SCIC)"), "SCOP et SCIC" },
  { "commerce-equitable", N_("Fair trade"), "Commerce équitable" },
  { "alimentation", N_("Sustainable food"), "Alimentation durable" },
  { "innovation-sociale", N_("Social innovation"), "Innovation sociale" },
  { NULL, NULL, NULL }
};

const RtesTerm *
rtes_kinds (void)
{
  return kinds;
}

const RtesTerm *
rtes_regions (void)
{
  return regions;
}

const RtesTerm *
rtes_tags (void)
{
  return tags;
}

static const RtesTerm *
lookup (const RtesTerm *table,
        const char     *id)
{
  if (id == NULL)
    return NULL;
  for (const RtesTerm *t = table; t->id != NULL; t++)
    if (g_strcmp0 (t->id, id) == 0)
      return t;
  return NULL;
}

const RtesTerm *
rtes_kind_lookup (const char *id)
{
  return lookup (kinds, id);
}

const RtesTerm *
rtes_region_lookup (const char *name)
{
  return lookup (regions, name);
}

const RtesTerm *
rtes_tag_lookup (const char *id)
{
  return lookup (tags, id);
}

const char *
rtes_term_label (const RtesTerm *term)
{
  g_return_val_if_fail (term != NULL, "");
  /* Regions are not in the catalogue: their label is their name. */
  if (lookup (regions, term->id) == term)
    return term->label;
  return g_dgettext (GETTEXT_PACKAGE, term->label);
}
