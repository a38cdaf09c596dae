/* rtes-conflict-row.h: one conflicting field, base / site / local side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rtes-sync.h"

G_BEGIN_DECLS

#define RTES_TYPE_CONFLICT_ROW (rtes_conflict_row_get_type ())
G_DECLARE_FINAL_TYPE (RtesConflictRow, rtes_conflict_row, RTES, CONFLICT_ROW, AdwBin)

/* @document: (nullable): the local fiche document, to name the contact
 * or budget line a conflict is about. */
GtkWidget          *rtes_conflict_row_new            (const RtesConflict *conflict,
                                                      JsonNode           *document);
const RtesConflict *rtes_conflict_row_get_conflict   (RtesConflictRow    *self);

/* The person's choice. For RTES_SYNC_RESOLVE_VALUE, *@value receives the
 * edited value (a string for text fields, else the JSON the person wrote);
 * FALSE with @error if that JSON does not parse. */
gboolean            rtes_conflict_row_get_resolution (RtesConflictRow    *self,
                                                      RtesSyncResolution *resolution,
                                                      JsonNode          **value,
                                                      GError            **error);

/* Shows @message under the row (NULL hides it); while @busy the row's
 * controls are insensitive. */
void                rtes_conflict_row_set_error      (RtesConflictRow    *self,
                                                      const char         *message);
void                rtes_conflict_row_set_busy       (RtesConflictRow    *self,
                                                      gboolean            busy);

/* Translated label of a fiche field ("name" → "Name"); unknown members are
 * shown as they are named. */
const char         *rtes_conflict_field_label        (const char         *field);

G_END_DECLS
