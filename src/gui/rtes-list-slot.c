/* rtes-list-slot.c: one position of an RtesListSlots, and what is there now
 *
 * A list view binds a row to a slot, which stays while the item at its
 * position changes: the row follows the slot's "item" instead of being
 * destroyed and made again (rtes-list-slots.c says why).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-list-slot.h"

struct _RtesListSlot
{
  GObject parent_instance;

  GObject *item;
};

G_DEFINE_FINAL_TYPE (RtesListSlot, rtes_list_slot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

RtesListSlot *
rtes_list_slot_new (gpointer item)
{
  RtesListSlot *self = g_object_new (RTES_TYPE_LIST_SLOT, NULL);

  rtes_list_slot_set_item (self, item);
  return self;
}

gpointer
rtes_list_slot_get_item (RtesListSlot *self)
{
  g_return_val_if_fail (RTES_IS_LIST_SLOT (self), NULL);
  return self->item;
}

void
rtes_list_slot_set_item (RtesListSlot *self,
                         gpointer      item)
{
  g_return_if_fail (RTES_IS_LIST_SLOT (self));
  g_return_if_fail (item == NULL || G_IS_OBJECT (item));

  if (g_set_object (&self->item, item))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

static void
rtes_list_slot_dispose (GObject *object)
{
  RtesListSlot *self = RTES_LIST_SLOT (object);

  g_clear_object (&self->item);
  G_OBJECT_CLASS (rtes_list_slot_parent_class)->dispose (object);
}

static void
rtes_list_slot_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RtesListSlot *self = RTES_LIST_SLOT (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_list_slot_class_init (RtesListSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rtes_list_slot_dispose;
  object_class->get_property = rtes_list_slot_get_property;

  /* Read-only: rows listen to its notifications; the slots set it. */
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rtes_list_slot_init (RtesListSlot *self)
{
}
