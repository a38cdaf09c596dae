/* rtes-core-private.h: helpers shared by the model's own files only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "rtes-fiche.h"
#include "rtes-fiche-json.h"

G_BEGIN_DECLS

/* json-glib has no deep copy or comparison of a bare JsonObject. */
JsonObject *rtes_json_object_copy  (JsonObject *object);
JsonNode   *rtes_json_node_deep_copy (JsonNode *node);
gboolean    rtes_json_object_equal (JsonObject *a,
                                    JsonObject *b);

/* Replaces *@field by a copy of @value; TRUE if it changed (g_set_str()
 * needs GLib 2.76). */
gboolean    rtes_set_str           (char       **field,
                                    const char  *value);

/* Fills @self from a document. @check_id is FALSE for copies of fiches
 * whose id is being edited; loading from any outside source checks it. */
gboolean    rtes_fiche_load_json_members (RtesFiche          *self,
                                          JsonNode           *node,
                                          const char         *source,
                                          RtesJsonPositions  *positions,
                                          gboolean            check_id,
                                          GError            **error);

/* Takes references to the three objects of unknown members. */
void        rtes_fiche_replace_extras    (RtesFiche  *self,
                                          JsonObject *extra,
                                          JsonObject *address_extra,
                                          JsonObject *budget_extra);

/* rtes_fiche_count_filled()'s cache in the fiche: -1 when not known. */
int         rtes_fiche_get_cached_filled (RtesFiche  *self);
void        rtes_fiche_set_cached_filled (RtesFiche  *self,
                                          guint       filled);
/* rtes_review_count_blocking()'s, the same way. */
int         rtes_fiche_get_cached_blocking (RtesFiche  *self);
void        rtes_fiche_set_cached_blocking (RtesFiche  *self,
                                            guint       blocking);

G_END_DECLS
