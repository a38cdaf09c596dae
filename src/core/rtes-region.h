/* rtes-region.h: the région of a French postcode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The région (official name, as in the fiche format) of the département
 * that @postcode belongs to, or NULL when @postcode is not a French
 * postcode of a département ("25580" → "Bourgogne-Franche-Comté",
 * "97411" → "La Réunion"). Leading and trailing white space is ignored.
 * The returned string is static. Thread-safe. */
const char *rtes_region_for_postcode (const char *postcode);

/* The official name of the région @text names once accents, case, hyphens
 * and apostrophes are folded ("Bourgogne Franche-Comte" →
 * "Bourgogne-Franche-Comté"), or NULL. The returned string is static. */
const char *rtes_region_match        (const char *text);

G_END_DECLS
