/* rtes-tag-suggest.h: tags a fiche's own words point to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-fiche.h"

G_BEGIN_DECLS

/* Tag ids (vocabulary order) whose keywords occur in @text ("clauses
 * sociales" → commande-publique, "tiers-lieu" → tiers-lieux). Accents,
 * case, hyphens and apostrophes do not matter; keywords match whole
 * words. Never NULL. */
GStrv rtes_tag_suggest_for_text (const char *text);

/* Tags the fiche's sections and contacts' titles point to and that it
 * does not have yet. Never NULL. */
GStrv rtes_tag_suggest          (RtesFiche  *fiche);

/* The keyword of @tag found first in @text, as written in the table
 * ("clauses sociales"), or NULL: why a tag is suggested. */
const char *rtes_tag_suggest_reason (const char *tag,
                                     const char *text);

/* All the text rtes_tag_suggest() reads, in one string. */
char *rtes_tag_suggest_text_of  (RtesFiche  *fiche);

G_END_DECLS
