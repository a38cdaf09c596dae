/* rtes-fiche-assign.c: making one fiche object hold another's content
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-fiche-assign.h"

typedef gboolean (*ItemEqualFunc) (gpointer a, gpointer b);
typedef gpointer (*ItemCopyFunc) (gpointer item);

/* Replaces the whole store in one splice, so that the fiche emits a single
 * ::changed (and the editor rebuilds its rows once) rather than one per
 * item; nothing happens when both stores already hold equal items. */
static void
assign_store (GListStore    *dest,
              GListStore    *src,
              ItemEqualFunc  equal,
              ItemCopyFunc   copy)
{
  guint n_dest = g_list_model_get_n_items (G_LIST_MODEL (dest));
  guint n_src = g_list_model_get_n_items (G_LIST_MODEL (src));
  g_autoptr(GPtrArray) copies = NULL;
  gboolean same = n_dest == n_src;

  for (guint i = 0; same && i < n_src; i++)
    {
      g_autoptr(GObject) a = g_list_model_get_item (G_LIST_MODEL (dest), i);
      g_autoptr(GObject) b = g_list_model_get_item (G_LIST_MODEL (src), i);

      same = equal (a, b);
    }
  if (same)
    return;

  copies = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_src; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (src), i);

      g_ptr_array_add (copies, copy (item));
    }
  rtes_fiche_replace_items (dest, copies);
}

/* Unknown members have no setter: the object is the fiche's own, so it is
 * refilled in place, in @src's order (which is the order they are written). */
static void
assign_extra (JsonObject *dest,
              JsonObject *src)
{
  g_autoptr(GList) dest_names = NULL;
  g_autoptr(GList) src_names = NULL;

  if (dest == NULL || src == NULL || dest == src)
    return;

  dest_names = json_object_get_members (dest);
  for (GList *l = dest_names; l != NULL; l = l->next)
    json_object_remove_member (dest, l->data);

  src_names = json_object_get_members (src);
  for (GList *l = src_names; l != NULL; l = l->next)
    json_object_set_member (dest, l->data,
                            json_node_copy (json_object_get_member (src, l->data)));
}

void
rtes_fiche_assign_properties (RtesFiche          *dest,
                              RtesFiche          *src,
                              const char * const *names)
{
  GObjectClass *klass;

  g_return_if_fail (RTES_IS_FICHE (dest));
  g_return_if_fail (RTES_IS_FICHE (src));

  klass = G_OBJECT_GET_CLASS (dest);
  for (guint i = 0; names[i] != NULL; i++)
    {
      GParamSpec *pspec = g_object_class_find_property (klass, names[i]);
      g_auto(GValue) mine = G_VALUE_INIT;
      g_auto(GValue) theirs = G_VALUE_INIT;

      g_return_if_fail (pspec != NULL && (pspec->flags & G_PARAM_WRITABLE));
      g_value_init (&mine, pspec->value_type);
      g_value_init (&theirs, pspec->value_type);
      g_object_get_property (G_OBJECT (dest), names[i], &mine);
      g_object_get_property (G_OBJECT (src), names[i], &theirs);
      /* Boxed values (lists of strings) compare by address: their setters
       * notify only a real change. */
      if (g_param_values_cmp (pspec, &mine, &theirs) != 0)
        g_object_set_property (G_OBJECT (dest), names[i], &theirs);
    }
}

void
rtes_fiche_assign_budget_lines (RtesFiche *dest,
                                RtesFiche *src)
{
  assign_store (rtes_fiche_get_budget_lines (dest), rtes_fiche_get_budget_lines (src),
                (ItemEqualFunc) rtes_budget_line_equal, (ItemCopyFunc) rtes_budget_line_copy);
}

void
rtes_fiche_assign (RtesFiche *dest,
                   RtesFiche *src)
{
  /* Every member a person edits, the id aside; identity first, as the
   * sidebar shows it. */
  static const char * const members[] = {
    "name", "status", "kind", "region", "population", "population-note", "member-since",
    "address-lines", "postcode", "city", "country",
    "panorama", "budget-text", "programme", "actions", "tags", NULL
  };
  static const char * const updated[] = { "updated", NULL };

  g_return_if_fail (RTES_IS_FICHE (dest));
  g_return_if_fail (RTES_IS_FICHE (src));

  if (dest == src)
    return;

  rtes_fiche_assign_properties (dest, src, members);
  rtes_fiche_assign_budget_lines (dest, src);
  assign_store (rtes_fiche_get_contacts (dest), rtes_fiche_get_contacts (src),
                (ItemEqualFunc) rtes_contact_equal, (ItemCopyFunc) rtes_contact_copy);

  assign_extra (rtes_fiche_get_extra (dest), rtes_fiche_get_extra (src));
  assign_extra (rtes_fiche_get_address_extra (dest), rtes_fiche_get_address_extra (src));
  assign_extra (rtes_fiche_get_budget_extra (dest), rtes_fiche_get_budget_extra (src));

  /* Last, so that a content change above (which may stamp today's date)
   * cannot leave a different "updated" than @src's. */
  rtes_fiche_assign_properties (dest, src, updated);
}
