/* rtes-fiche-assign.h: making one fiche object hold another's content
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-fiche.h"

G_BEGIN_DECLS

/* Gives @dest every member of @src except the id, field by field, so that
 * afterwards rtes_fiche_to_data() returns the same bytes for both (ids
 * aside). Widgets stay bound to @dest: this is how rtes_document_apply()
 * (import, pull, conflict resolution, recovery, outside changes) and the
 * undo of such a step change a fiche without replacing the object that the
 * sidebar and the editor show. Fields that are already equal are left
 * alone, so @dest emits ::changed only for what really differs. */
void rtes_fiche_assign (RtesFiche *dest,
                        RtesFiche *src);

/* Copies the properties @names (NULL-terminated, writable properties of
 * RtesFiche) from @src to @dest, each only when it differs. */
void rtes_fiche_assign_properties   (RtesFiche          *dest,
                                     RtesFiche          *src,
                                     const char * const *names);

/* Gives @dest copies of @src's budget lines, unless they are equal. */
void rtes_fiche_assign_budget_lines (RtesFiche          *dest,
                                     RtesFiche          *src);

G_END_DECLS
