/* rtes-list-slots.h: a list model of positions, for a list view whose rows should stay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rtes-list-slot.h"

G_BEGIN_DECLS

#define RTES_TYPE_LIST_SLOTS (rtes_list_slots_get_type ())
G_DECLARE_FINAL_TYPE (RtesListSlots, rtes_list_slots, RTES, LIST_SLOTS, GObject)

/* A GListModel of RtesListSlot, as many as @model has items: slot i holds
 * @model's item i. When @model changes, the slots whose item changed say
 * so (::notify::item) and only a change in the number of items is an
 * ::items-changed, at the end of the list. */
RtesListSlots *rtes_list_slots_new       (GListModel    *model);

G_END_DECLS
