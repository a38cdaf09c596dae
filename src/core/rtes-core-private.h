/* rtes-core-private.h: helpers shared by the model's own files only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "rtes-fiche.h"

G_BEGIN_DECLS

/* rtes_fiche_load(), which a listed fiche reads its file with. */
typedef RtesFiche *(*RtesFicheLoadFunc) (GFile *file, GError **error);

/* json-glib has no deep copy or comparison of a bare JsonObject. */
JsonObject *rtes_json_object_copy  (JsonObject *object);
JsonNode   *rtes_json_node_deep_copy (JsonNode *node);
gboolean    rtes_json_object_equal (JsonObject *a,
                                    JsonObject *b);

/* Replaces *@field by a copy of @value; TRUE if it changed (g_set_str()
 * needs GLib 2.76). */
gboolean    rtes_set_str           (char       **field,
                                    const char  *value);

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

/* The model's side of rtes_fiche_new_listed() (rtes-fiche-summary.c): a
 * fiche that reads @path with @load the first time anything it was not
 * given is asked of it. Until rtes_fiche_end_listing() (which takes the
 * cached search text and figures) setters fill it in without reading. */
RtesFiche  *rtes_fiche_begin_listing       (const char        *path,
                                            RtesFicheLoadFunc  load);
void        rtes_fiche_end_listing         (RtesFiche         *self,
                                            char              *search_text,
                                            GArray            *budget_figures);
/* rtes_fiche_copy()'s first step: NULL, with @self read, unless @self is
 * listed and its file still says what the list does. */
RtesFiche  *rtes_fiche_copy_listed         (RtesFiche         *self);

G_END_DECLS
