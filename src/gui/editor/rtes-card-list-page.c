/* rtes-card-list-page.c: base class of the pages that list cards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rtes-card-list-page.h"
#include "rtes-card-row.h"
#include "rtes-text.h"

typedef struct
{
  /* the subclass's template widget */
  GtkListBox *list;

  /* state */
  GListStore *bound_store;     /* the store the list shows; not owned */
  GHashTable *was_expanded;    /* positions of cards open before a change */
  int         focus_position;  /* card holding the focus before it, or -1 */
  char       *focus_field;
  int         focus_cursor;
  guint       refocus_idle;
} RtesCardListPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (RtesCardListPage, rtes_card_list_page, RTES_TYPE_FORM_PAGE)

static GListStore *
current_store (RtesCardListPage *self)
{
  RtesFiche *fiche = rtes_form_page_get_fiche (RTES_FORM_PAGE (self));

  return fiche != NULL ? RTES_CARD_LIST_PAGE_GET_CLASS (self)->get_store (self, fiche) : NULL;
}

static RtesCardRow *
card_at (RtesCardListPage *self,
         int               position)
{
  RtesCardListPagePrivate *priv = rtes_card_list_page_get_instance_private (self);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (priv->list, position);

  return RTES_IS_CARD_ROW (row) ? RTES_CARD_ROW (row) : NULL;
}

/* Scrolling a new card into view ------------------------------------------ */

#define SCROLL_FOR_US (G_USEC_PER_SEC / 2)

/* The card opens with an animation and is laid out a frame after it is
 * made, so the viewport's own scroll-to-focus sees no size yet. For half
 * a second of frames, scroll the least that shows the card, its top
 * first when it is taller than the view. */
static gboolean
scroll_into_view_tick (GtkWidget     *card,
                       GdkFrameClock *clock,
                       gpointer       data)
{
  gint64 *deadline = data;
  GtkWidget *scrolled = gtk_widget_get_ancestor (card, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *vadjustment;
  graphene_rect_t bounds;
  double value, page, top, bottom;

  if (scrolled == NULL || gdk_frame_clock_get_frame_time (clock) > *deadline)
    return G_SOURCE_REMOVE;
  if (gtk_widget_get_height (card) == 0 ||
      !gtk_widget_compute_bounds (card, scrolled, &bounds))
    return G_SOURCE_CONTINUE;

  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  value = gtk_adjustment_get_value (vadjustment);
  page = gtk_widget_get_height (scrolled);
  top = bounds.origin.y;
  bottom = top + bounds.size.height;
  if (top < 0)
    gtk_adjustment_set_value (vadjustment, value + top);
  else if (bottom > page)
    gtk_adjustment_set_value (vadjustment, value + MIN (top, bottom - page));
  return G_SOURCE_CONTINUE;
}

static void
scroll_into_view (RtesCardRow *card)
{
  gint64 *deadline = g_new (gint64, 1);

  *deadline = g_get_monotonic_time () + SCROLL_FOR_US;
  gtk_widget_add_tick_callback (GTK_WIDGET (card), scroll_into_view_tick, deadline, g_free);
}

/* Add, remove, move ----------------------------------------------------------- */

gpointer
rtes_card_list_page_add (RtesCardListPage *self)
{
  RtesCardListPagePrivate *priv = rtes_card_list_page_get_instance_private (self);
  GListStore *store;
  g_autoptr(GObject) item = NULL;
  g_autofree char *key = NULL;
  RtesCardRow *card;

  g_return_val_if_fail (RTES_IS_CARD_LIST_PAGE (self), NULL);

  store = current_store (self);
  if (store == NULL)
    return NULL;

  if (!rtes_form_page_begin_edit (RTES_FORM_PAGE (self), priv->list))
    return NULL;
  /* One step for undo: the item and the values the new card gives it. */
  rtes_form_page_begin_action (RTES_FORM_PAGE (self), C_("undo", "Add"));
  key = rtes_item_key_new ();
  /* A key made here follows the item through edits, moves and merges. */
  item = g_object_new (g_list_model_get_item_type (G_LIST_MODEL (store)), "key", key, NULL);
  g_list_store_append (store, item);
  rtes_form_page_end_action (RTES_FORM_PAGE (self));
  rtes_form_page_end_edit (RTES_FORM_PAGE (self));

  /* The list made the card while appending: open it on its main field,
   * in view, and quiet until the person leaves it. */
  card = card_at (self, (int) g_list_model_get_n_items (G_LIST_MODEL (store)) - 1);
  if (card != NULL)
    {
      rtes_card_row_set_fresh (card);
      rtes_card_row_focus_field (card, NULL);
      scroll_into_view (card);
    }
  /* The store holds the item now. */
  return item;
}

void
rtes_card_list_page_remove (RtesCardListPage *self,
                            guint             position)
{
  RtesCardListPagePrivate *priv = rtes_card_list_page_get_instance_private (self);
  GListStore *store;
  GtkListBoxRow *next;
  guint n;

  g_return_if_fail (RTES_IS_CARD_LIST_PAGE (self));

  store = current_store (self);
  if (store == NULL || position >= g_list_model_get_n_items (G_LIST_MODEL (store)))
    return;

  if (!rtes_form_page_begin_edit (RTES_FORM_PAGE (self), priv->list))
    return;
  rtes_form_page_begin_action (RTES_FORM_PAGE (self), C_("undo", "Remove"));
  g_list_store_remove (store, position);
  rtes_form_page_end_action (RTES_FORM_PAGE (self));
  rtes_form_page_end_edit (RTES_FORM_PAGE (self));

  /* Keep the keyboard focus in the list, on the card that took its place. */
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  next = n > 0 ? gtk_list_box_get_row_at_index (priv->list, (int) MIN (position, n - 1)) : NULL;
  if (next != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (next));
}

void
rtes_card_list_page_move (RtesCardListPage *self,
                          guint             position,
                          int               delta)
{
  RtesCardListPagePrivate *priv = rtes_card_list_page_get_instance_private (self);
  GListStore *store;
  g_autoptr(GObject) item = NULL;
  RtesCardRow *old_card;
  RtesCardRow *new_card;
  gboolean expanded = FALSE;
  g_autofree char *focus_field = NULL;
  int cursor = -1;
  gint64 target;
  guint n;

  g_return_if_fail (RTES_IS_CARD_LIST_PAGE (self));

  store = current_store (self);
  if (store == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  target = (gint64) position + delta;
  if (position >= n || target < 0 || target >= n)
    return;

  old_card = card_at (self, (int) position);
  if (old_card != NULL)
    {
      expanded = adw_expander_row_get_expanded (ADW_EXPANDER_ROW (old_card));
      focus_field = g_strdup (rtes_card_row_get_focus (old_card, &cursor));
    }

  /* GListStore has no move: a removal and an insertion, bracketed as one
   * action so that undo moves the item back (and autosave, which runs
   * between actions, never sees it missing). */
  if (!rtes_form_page_begin_edit (RTES_FORM_PAGE (self), priv->list))
    return;
  rtes_form_page_begin_action (RTES_FORM_PAGE (self), C_("undo", "Move"));
  item = g_list_model_get_item (G_LIST_MODEL (store), position);
  g_list_store_remove (store, position);
  g_list_store_insert (store, (guint) target, item);
  rtes_form_page_end_action (RTES_FORM_PAGE (self));
  rtes_form_page_end_edit (RTES_FORM_PAGE (self));

  /* The list made a new card for the moved item: give it the old card's
   * state, and the focus, so moving twice in a row works. */
  new_card = card_at (self, (int) target);
  if (new_card == NULL)
    return;
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (new_card), expanded);
  /* Back in the field the person was typing in; from the menu, on the
   * card's header, so moving again is one more key press. */
  if (focus_field != NULL)
    rtes_card_row_restore_focus (new_card, focus_field, cursor);
  else
    gtk_widget_child_focus (GTK_WIDGET (new_card), GTK_DIR_TAB_FORWARD);
}

static void
on_card_move (RtesCardRow      *card,
              int               delta,
              RtesCardListPage *self)
{
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (card));

  if (index >= 0)
    rtes_card_list_page_move (self, (guint) index, delta);
}

static void
on_card_remove (RtesCardRow      *card,
                RtesCardListPage *self)
{
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (card));

  if (index >= 0)
    rtes_card_list_page_remove (self, (guint) index);
}

/* Rebuilding the list ------------------------------------------------------- */

/* Undo and reload replace the whole list, which makes new cards: cards that
 * were open stay open, so the person sees the card they were editing.
 * Taken on ::changed, which the fiche emits before the list rebuilds. */
static void
remember_expanded (RtesCardListPage *self)
{
  RtesCardListPagePrivate *priv = rtes_card_list_page_get_instance_private (self);
  GtkListBoxRow *row;
  int i = 0;

  g_hash_table_remove_all (priv->was_expanded);
  priv->focus_position = -1;
  g_clear_pointer (&priv->focus_field, g_free);
  while ((row = gtk_list_box_get_row_at_index (priv->list, i)) != NULL)
    {
      const char *field;
      int cursor = -1;

      if (ADW_IS_EXPANDER_ROW (row) && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
        g_hash_table_add (priv->was_expanded, GINT_TO_POINTER (i));
      if (RTES_IS_CARD_ROW (row) && (field = rtes_card_row_get_focus (RTES_CARD_ROW (row), &cursor)) != NULL)
        {
          priv->focus_position = i;
          priv->focus_field = g_strdup (field);
          priv->focus_cursor = cursor;
        }
      i++;
    }
}

/* After the rebuild, the person typing in a card that undo replaced keeps
 * typing in the same field of the new card. */
static gboolean
refocus_idle_cb (gpointer data)
{
  RtesCardListPage *self = data;
  RtesCardListPagePrivate *priv = rtes_card_list_page_get_instance_private (self);
  RtesCardRow *card = card_at (self, priv->focus_position);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  priv->refocus_idle = 0;
  /* Only if the focus went with the old card (GTK hands it to the list
   * or the window), not if the person moved it elsewhere meanwhile. */
  if (card != NULL && priv->focus_field != NULL &&
      (focus == NULL || !gtk_widget_get_mapped (focus) ||
       focus == GTK_WIDGET (root) || GTK_IS_LIST_BOX (focus) ||
       gtk_widget_is_ancestor (focus, GTK_WIDGET (self))))
    rtes_card_row_restore_focus (card, priv->focus_field, priv->focus_cursor);
  return G_SOURCE_REMOVE;
}

static void
restore_expanded (RtesCardListPage *self,
                  GtkWidget        *card,
                  gpointer          item)
{
  RtesCardListPagePrivate *priv = rtes_card_list_page_get_instance_private (self);
  guint position;

  if (!g_list_store_find (priv->bound_store, item, &position))
    return;
  if (g_hash_table_contains (priv->was_expanded, GINT_TO_POINTER (position)))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (card), TRUE);
  if ((int) position == priv->focus_position && priv->refocus_idle == 0)
    priv->refocus_idle = g_idle_add (refocus_idle_cb, self);
}

static GtkWidget *
create_card (gpointer item,
             gpointer user_data)
{
  RtesCardListPage *self = user_data;
  GtkWidget *card = RTES_CARD_LIST_PAGE_GET_CLASS (self)->create_card (self, item);

  g_signal_connect_object (card, "move", G_CALLBACK (on_card_move), self, 0);
  g_signal_connect_object (card, "remove", G_CALLBACK (on_card_remove), self, 0);
  restore_expanded (self, card, item);
  return card;
}

/* Page hooks ------------------------------------------------------------------ */

static void
rtes_card_list_page_fiche_changed (RtesFormPage *page,
                                   RtesFiche    *fiche)
{
  RtesCardListPage *self = RTES_CARD_LIST_PAGE (page);
  RtesCardListPagePrivate *priv = rtes_card_list_page_get_instance_private (self);
  GListStore *store = RTES_CARD_LIST_PAGE_GET_CLASS (self)->get_store (self, fiche);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  if (priv->bound_store == store)
    remember_expanded (self);
  else
    {
      g_hash_table_remove_all (priv->was_expanded);
      priv->bound_store = store;
      gtk_list_box_bind_model (priv->list, G_LIST_MODEL (store), create_card, self, NULL);
    }

  for (guint i = 0; i < n; i++)
    {
      RtesCardRow *card = card_at (self, (int) i);

      if (card != NULL)
        rtes_card_row_set_position (card, i, n);
    }
}

static void
rtes_card_list_page_show_issues (RtesFormPage *page,
                                 GPtrArray    *issues)
{
  RtesCardListPage *self = RTES_CARD_LIST_PAGE (page);
  RtesCardListPagePrivate *priv = rtes_card_list_page_get_instance_private (self);
  const char *card_path = RTES_CARD_LIST_PAGE_GET_CLASS (self)->card_path;
  GtkListBoxRow *row;
  int i = 0;

  while ((row = gtk_list_box_get_row_at_index (priv->list, i)) != NULL)
    {
      if (RTES_IS_CARD_ROW (row))
        {
          g_autofree char *path = g_strdup_printf ("%s[%d]", card_path, i);

          rtes_card_row_show_issues (RTES_CARD_ROW (row), issues, path);
        }
      i++;
    }

  RTES_FORM_PAGE_CLASS (rtes_card_list_page_parent_class)->show_issues (page, issues);
}

/* "contacts[2].email" → 2 and "email"; "contacts[2]" → 2 and NULL. */
static gboolean
parse_card_path (RtesCardListPage *self,
                 const char       *path,
                 guint            *index,
                 const char      **field)
{
  const char *card_path = RTES_CARD_LIST_PAGE_GET_CLASS (self)->card_path;
  const char *rest;
  unsigned parsed;
  int consumed = 0;

  if (!g_str_has_prefix (path, card_path))
    return FALSE;
  rest = path + strlen (card_path);
  if (sscanf (rest, "[%u]%n", &parsed, &consumed) != 1 || consumed == 0)
    return FALSE;
  *index = parsed;
  *field = rest[consumed] == '.' ? rest + consumed + 1 : NULL;
  return TRUE;
}

gboolean
rtes_card_list_page_is_card_path (RtesCardListPage *self,
                                  const char       *path)
{
  guint index;
  const char *field;

  g_return_val_if_fail (RTES_IS_CARD_LIST_PAGE (self), FALSE);

  return parse_card_path (self, path, &index, &field);
}

static gboolean
rtes_card_list_page_focus_field (RtesFormPage *page,
                                 const char   *path)
{
  RtesCardListPage *self = RTES_CARD_LIST_PAGE (page);
  guint index;
  const char *field;

  if (parse_card_path (self, path, &index, &field))
    {
      RtesCardRow *card = card_at (self, (int) index);

      return card != NULL && rtes_card_row_focus_field (card, field);
    }

  return RTES_FORM_PAGE_CLASS (rtes_card_list_page_parent_class)->focus_field (page, path);
}

/* GObject --------------------------------------------------------------------- */

void
rtes_card_list_page_set_list (RtesCardListPage *self,
                              GtkListBox       *list)
{
  RtesCardListPagePrivate *priv = rtes_card_list_page_get_instance_private (self);

  g_return_if_fail (RTES_IS_CARD_LIST_PAGE (self));
  g_return_if_fail (GTK_IS_LIST_BOX (list));
  g_return_if_fail (priv->list == NULL);

  priv->list = list;
}

static void
rtes_card_list_page_dispose (GObject *object)
{
  RtesCardListPage *self = RTES_CARD_LIST_PAGE (object);
  RtesCardListPagePrivate *priv = rtes_card_list_page_get_instance_private (self);

  if (priv->list != NULL && priv->bound_store != NULL)
    gtk_list_box_bind_model (priv->list, NULL, NULL, NULL, NULL);
  priv->bound_store = NULL;
  priv->list = NULL;
  g_clear_pointer (&priv->was_expanded, g_hash_table_unref);
  g_clear_pointer (&priv->focus_field, g_free);
  g_clear_handle_id (&priv->refocus_idle, g_source_remove);

  G_OBJECT_CLASS (rtes_card_list_page_parent_class)->dispose (object);
}

static void
rtes_card_list_page_class_init (RtesCardListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RtesFormPageClass *page_class = RTES_FORM_PAGE_CLASS (klass);

  object_class->dispose = rtes_card_list_page_dispose;
  page_class->fiche_changed = rtes_card_list_page_fiche_changed;
  page_class->show_issues = rtes_card_list_page_show_issues;
  page_class->focus_field = rtes_card_list_page_focus_field;
}

static void
rtes_card_list_page_init (RtesCardListPage *self)
{
  RtesCardListPagePrivate *priv = rtes_card_list_page_get_instance_private (self);

  priv->was_expanded = g_hash_table_new (NULL, NULL);
  priv->focus_position = -1;
}
