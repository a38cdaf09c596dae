/* rtes-list-slot.h: one position of an RtesListSlots, and what is there now
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RTES_TYPE_LIST_SLOT (rtes_list_slot_get_type ())
G_DECLARE_FINAL_TYPE (RtesListSlot, rtes_list_slot, RTES, LIST_SLOT, GObject)

RtesListSlot *rtes_list_slot_new      (gpointer      item);
/* The item of the wrapped model at the slot's position (a new reference
 * is not taken: valid while the slot holds it). ::notify::item says it
 * changed. */
gpointer      rtes_list_slot_get_item (RtesListSlot *self);
void          rtes_list_slot_set_item (RtesListSlot *self,
                                       gpointer      item);

G_END_DECLS
