/* rtes-list-slots.c: a list model of positions, for a list view whose rows should stay
 *
 * GTK 4.8's list view keeps some two hundred rows around the visible part
 * and reuses a row only for the very item it showed. When a search or a
 * filter replaces the items of the list, every row is destroyed, two
 * hundred are built from their template, bound, styled and measured
 * again: that was most of a keystroke's time at 10,000 fiches.
 *
 * This model stands between the filtered list and the list view: its
 * items are positions (RtesListSlot), which do not change when the items
 * at those positions do. The list view keeps its rows; each row follows
 * its slot's item. Slots are made when the list view asks for them, so a
 * change costs a look at the positions that have one, not at every item.
 *
 * The list view's selection model wraps this model: a selection is kept by
 * position, so whoever owns it puts it back on its items after a change
 * (rtes-sidebar.c does).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-list-slots.h"

struct _RtesListSlots
{
  GObject parent_instance;

  GListModel *model;
  GPtrArray *slots;     /* one per item of model; NULL: not asked for yet */
};

static void rtes_list_slots_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RtesListSlots, rtes_list_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rtes_list_slots_model_init))

static GType
rtes_list_slots_get_item_type (GListModel *list)
{
  return RTES_TYPE_LIST_SLOT;
}

static guint
rtes_list_slots_get_n_items (GListModel *list)
{
  return RTES_LIST_SLOTS (list)->slots->len;
}

static gpointer
rtes_list_slots_get_item (GListModel *list,
                          guint       position)
{
  RtesListSlots *self = RTES_LIST_SLOTS (list);
  RtesListSlot *slot;

  if (position >= self->slots->len)
    return NULL;
  slot = g_ptr_array_index (self->slots, position);
  if (slot == NULL)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->model, position);

      slot = rtes_list_slot_new (item);
      g_ptr_array_index (self->slots, position) = slot;
    }
  return g_object_ref (slot);
}

static void
rtes_list_slots_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rtes_list_slots_get_item_type;
  iface->get_n_items = rtes_list_slots_get_n_items;
  iface->get_item = rtes_list_slots_get_item;
}

static void
model_items_changed (GListModel    *model,
                     guint          position,
                     guint          removed,
                     guint          added,
                     RtesListSlots *self)
{
  guint old_n = self->slots->len;
  guint new_n = old_n - removed + added;
  /* Past the change, items moved only if their number changed. */
  guint end = removed == added ? position + added : MIN (old_n, new_n);

  for (guint i = position; i < end; i++)
    {
      RtesListSlot *slot = g_ptr_array_index (self->slots, i);
      g_autoptr(GObject) item = NULL;

      if (slot == NULL)
        continue;
      item = g_list_model_get_item (model, i);
      rtes_list_slot_set_item (slot, item);
    }

  if (new_n < old_n)
    {
      g_ptr_array_remove_range (self->slots, new_n, old_n - new_n);
      g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
    }
  else if (new_n > old_n)
    {
      g_ptr_array_set_size (self->slots, new_n);
      g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);
    }
}

RtesListSlots *
rtes_list_slots_new (GListModel *model)
{
  RtesListSlots *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (RTES_TYPE_LIST_SLOTS, NULL);
  self->model = g_object_ref (model);
  g_ptr_array_set_size (self->slots, g_list_model_get_n_items (model));
  g_signal_connect_object (model, "items-changed", G_CALLBACK (model_items_changed), self, 0);
  return self;
}

static void
rtes_list_slots_dispose (GObject *object)
{
  RtesListSlots *self = RTES_LIST_SLOTS (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed, self);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (rtes_list_slots_parent_class)->dispose (object);
}

static void
rtes_list_slots_finalize (GObject *object)
{
  RtesListSlots *self = RTES_LIST_SLOTS (object);

  g_ptr_array_unref (self->slots);
  G_OBJECT_CLASS (rtes_list_slots_parent_class)->finalize (object);
}

static void
rtes_list_slots_class_init (RtesListSlotsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rtes_list_slots_dispose;
  object_class->finalize = rtes_list_slots_finalize;
}

static void
slot_free (gpointer slot)
{
  if (slot != NULL)
    g_object_unref (slot);
}

static void
rtes_list_slots_init (RtesListSlots *self)
{
  self->slots = g_ptr_array_new_with_free_func (slot_free);
}
