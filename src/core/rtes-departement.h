/* rtes-departement.h: the départements, and the one a postcode belongs to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-fiche.h"

G_BEGIN_DECLS

typedef struct {
  const char *code;    /* "01", "2A", "971" */
  const char *name;    /* "Ain", "La Réunion": a proper name, the same in every language */
  const char *region;  /* official name of its région, as in the fiche format */
} RtesDepartement;

/* The 101 départements in code order (Corsica's 2A and 2B after 19, the
 * five overseas ones last), NULL-terminated (code == NULL). */
const RtesDepartement *rtes_departements              (void);
guint                  rtes_departements_count        (void);

/* "25" → Doubs; also "2a"; NULL for an unknown code. */
const RtesDepartement *rtes_departement_lookup        (const char *code);

/* The département of @postcode ("25580" → Doubs, "97411" → La Réunion,
 * "20200" → Haute-Corse), or NULL when it is not the postcode of a French
 * département (five digits; Saint-Pierre-et-Miquelon and the Pacific have
 * none). White space around it is ignored. */
const RtesDepartement *rtes_departement_for_postcode  (const char *postcode);

/* The département of @fiche: from its postcode, else, for the five
 * overseas régions that are one département each, from its région. */
const RtesDepartement *rtes_departement_for_fiche     (RtesFiche  *fiche);

G_END_DECLS
