/* rtes-fiche-assign.c: making one fiche object hold another's content
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-fiche-assign.h"

static gboolean
str_equal0 (const char *a,
            const char *b)
{
  return g_strcmp0 (a, b) == 0;
}

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  static const char * const empty[] = { NULL };

  return g_strv_equal (a ? (const char * const *) a : empty,
                       b ? (const char * const *) b : empty);
}

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
rtes_fiche_assign (RtesFiche *dest,
                   RtesFiche *src)
{
  g_return_if_fail (RTES_IS_FICHE (dest));
  g_return_if_fail (RTES_IS_FICHE (src));

  if (dest == src)
    return;

  /* Identity first: the sidebar shows these. */
  if (!str_equal0 (rtes_fiche_get_name (dest), rtes_fiche_get_name (src)))
    rtes_fiche_set_name (dest, rtes_fiche_get_name (src));
  if (!str_equal0 (rtes_fiche_get_status (dest), rtes_fiche_get_status (src)))
    rtes_fiche_set_status (dest, rtes_fiche_get_status (src));
  if (!str_equal0 (rtes_fiche_get_kind (dest), rtes_fiche_get_kind (src)))
    rtes_fiche_set_kind (dest, rtes_fiche_get_kind (src));
  if (!str_equal0 (rtes_fiche_get_region (dest), rtes_fiche_get_region (src)))
    rtes_fiche_set_region (dest, rtes_fiche_get_region (src));
  if (rtes_fiche_get_population (dest) != rtes_fiche_get_population (src))
    rtes_fiche_set_population (dest, rtes_fiche_get_population (src));
  if (!str_equal0 (rtes_fiche_get_population_note (dest), rtes_fiche_get_population_note (src)))
    rtes_fiche_set_population_note (dest, rtes_fiche_get_population_note (src));
  if (rtes_fiche_get_member_since (dest) != rtes_fiche_get_member_since (src))
    rtes_fiche_set_member_since (dest, rtes_fiche_get_member_since (src));

  /* Address. */
  if (!strv_equal0 (rtes_fiche_get_address_lines (dest), rtes_fiche_get_address_lines (src)))
    rtes_fiche_set_address_lines (dest, rtes_fiche_get_address_lines (src));
  if (!str_equal0 (rtes_fiche_get_postcode (dest), rtes_fiche_get_postcode (src)))
    rtes_fiche_set_postcode (dest, rtes_fiche_get_postcode (src));
  if (!str_equal0 (rtes_fiche_get_city (dest), rtes_fiche_get_city (src)))
    rtes_fiche_set_city (dest, rtes_fiche_get_city (src));
  if (!str_equal0 (rtes_fiche_get_country (dest), rtes_fiche_get_country (src)))
    rtes_fiche_set_country (dest, rtes_fiche_get_country (src));

  /* Text sections. */
  if (!str_equal0 (rtes_fiche_get_panorama (dest), rtes_fiche_get_panorama (src)))
    rtes_fiche_set_panorama (dest, rtes_fiche_get_panorama (src));
  if (!str_equal0 (rtes_fiche_get_budget_text (dest), rtes_fiche_get_budget_text (src)))
    rtes_fiche_set_budget_text (dest, rtes_fiche_get_budget_text (src));
  if (!str_equal0 (rtes_fiche_get_programme (dest), rtes_fiche_get_programme (src)))
    rtes_fiche_set_programme (dest, rtes_fiche_get_programme (src));
  if (!str_equal0 (rtes_fiche_get_actions (dest), rtes_fiche_get_actions (src)))
    rtes_fiche_set_actions (dest, rtes_fiche_get_actions (src));
  if (!strv_equal0 (rtes_fiche_get_tags (dest), rtes_fiche_get_tags (src)))
    rtes_fiche_set_tags (dest, rtes_fiche_get_tags (src));

  assign_store (rtes_fiche_get_budget_lines (dest), rtes_fiche_get_budget_lines (src),
                (ItemEqualFunc) rtes_budget_line_equal, (ItemCopyFunc) rtes_budget_line_copy);
  assign_store (rtes_fiche_get_contacts (dest), rtes_fiche_get_contacts (src),
                (ItemEqualFunc) rtes_contact_equal, (ItemCopyFunc) rtes_contact_copy);

  assign_extra (rtes_fiche_get_extra (dest), rtes_fiche_get_extra (src));
  assign_extra (rtes_fiche_get_address_extra (dest), rtes_fiche_get_address_extra (src));
  assign_extra (rtes_fiche_get_budget_extra (dest), rtes_fiche_get_budget_extra (src));

  /* Last, so that a content change above (which may stamp today's date)
   * cannot leave a different "updated" than @src's. */
  if (!str_equal0 (rtes_fiche_get_updated (dest), rtes_fiche_get_updated (src)))
    rtes_fiche_set_updated (dest, rtes_fiche_get_updated (src));
}
