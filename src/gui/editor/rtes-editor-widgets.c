/* rtes-editor-widgets.c: what the editor's pages and cards do to widgets
 *
 * Small helpers that RtesFormPage, the cards (RtesCardRow) and the field
 * messages share: the document owns undo, so fields drop their own; the
 * focus is found, watched and put back where the person was typing;
 * combo rows' items get names a screen reader can read. They act on
 * widgets of any class, GTK's own too, which is why they are functions
 * and not methods of one of the editor's classes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-editor-widgets.h"

void
rtes_editor_disable_text_undo (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (ADW_IS_ENTRY_ROW (widget))
    {
      gtk_editable_set_enable_undo (GTK_EDITABLE (widget), FALSE);
      return;
    }
  if (GTK_IS_TEXT_VIEW (widget))
    {
      gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), FALSE);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    rtes_editor_disable_text_undo (child);
}

const char *
rtes_editor_find_focus (GHashTable *fields,
                        int        *position)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GtkRoot *root = gtk_widget_get_root (value);
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      if (focus == NULL || (focus != value && !gtk_widget_is_ancestor (focus, value)))
        continue;
      if (position != NULL)
        *position = GTK_IS_EDITABLE (value) ? gtk_editable_get_position (GTK_EDITABLE (value)) : -1;
      return key;
    }
  return NULL;
}

typedef struct {
  GtkWidget      *widget;     /* not owned: the watch is its data */
  GtkRoot        *root;       /* weak */
  gulong          focus_id;
  gulong          root_id;
  gboolean        inside;
  RtesFocusWatch  callback;
  gpointer        data;
} FocusWatch;

static gboolean
contains_focus (GtkWidget *widget,
                GtkRoot   *root)
{
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
focus_watch_check (FocusWatch *watch)
{
  gboolean inside = contains_focus (watch->widget, watch->root);

  if (inside == watch->inside)
    return;
  watch->inside = inside;
  watch->callback (watch->widget, inside, watch->data);
}

static void
focus_watch_unroot (FocusWatch *watch)
{
  if (watch->root == NULL)
    return;
  g_clear_signal_handler (&watch->focus_id, watch->root);
  g_object_remove_weak_pointer (G_OBJECT (watch->root), (gpointer *) &watch->root);
  watch->root = NULL;
}

static void
focus_watch_reroot (FocusWatch *watch)
{
  GtkRoot *root = gtk_widget_get_root (watch->widget);

  if (root == watch->root)
    return;
  focus_watch_unroot (watch);
  watch->root = root;
  if (root != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (root), (gpointer *) &watch->root);
      watch->focus_id = g_signal_connect_swapped (root, "notify::focus-widget",
                                                  G_CALLBACK (focus_watch_check), watch);
    }
}

static void
focus_watch_free (gpointer data)
{
  FocusWatch *watch = data;

  focus_watch_unroot (watch);
  g_free (watch);
}

void
rtes_editor_watch_focus (GtkWidget      *widget,
                         const char     *key,
                         RtesFocusWatch  callback,
                         gpointer        data)
{
  FocusWatch *watch;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (key != NULL);

  /* Object data: @widget may be of any class, GTK's too. */
  if (g_object_get_data (G_OBJECT (widget), key) != NULL)
    return;
  watch = g_new0 (FocusWatch, 1);
  watch->widget = widget;
  watch->callback = callback;
  watch->data = data;
  g_object_set_data_full (G_OBJECT (widget), key, watch, focus_watch_free);
  watch->root_id = g_signal_connect_swapped (widget, "notify::root",
                                             G_CALLBACK (focus_watch_reroot), watch);
  focus_watch_reroot (watch);
  watch->inside = contains_focus (widget, watch->root);
}

/* Connected swapped on the row, @item first. */
static void
update_combo_check (GtkListItem *item,
                    GParamSpec  *pspec,
                    AdwComboRow *row)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *check = box != NULL ? gtk_widget_get_last_child (box) : NULL;

  if (check == NULL)
    return;
  gtk_widget_set_opacity (check, adw_combo_row_get_selected (row) == gtk_list_item_get_position (item) ? 1 : 0);
}

static void
combo_item_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  with_check)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, NULL, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  /* The row shows the chosen item with the same factory: no mark there. */
  gtk_widget_set_visible (check, GPOINTER_TO_INT (with_check));
  gtk_list_item_set_child (item, box);
}

static void
combo_item_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 AdwComboRow              *row)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *list_item_widget = gtk_widget_get_parent (box);
  gpointer object = gtk_list_item_get_item (item);
  const char *text = GTK_IS_STRING_OBJECT (object) ? gtk_string_object_get_string (object) : "";

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), text);
  if (list_item_widget != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (list_item_widget), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (update_combo_check), item);
  update_combo_check (item, NULL, row);
}

static void
combo_item_unbind (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   AdwComboRow              *row)
{
  g_signal_handlers_disconnect_by_func (row, update_combo_check, item);
}

static GtkListItemFactory *
combo_factory (AdwComboRow *row,
               gboolean     with_check)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (combo_item_setup), GINT_TO_POINTER (with_check));
  /* The row outlives its factories and the items they make. */
  g_signal_connect (factory, "bind", G_CALLBACK (combo_item_bind), row);
  g_signal_connect (factory, "unbind", G_CALLBACK (combo_item_unbind), row);
  return factory;
}

void
rtes_editor_name_combo_items (AdwComboRow *row)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkListItemFactory) list_factory = NULL;

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  /* The chosen item shows in the row through a list of its own too. */
  factory = combo_factory (row, FALSE);
  list_factory = combo_factory (row, TRUE);
  adw_combo_row_set_factory (row, factory);
  adw_combo_row_set_list_factory (row, list_factory);
}

gboolean
rtes_editor_focus_field_at (GtkWidget *widget,
                            int        position)
{
  GtkEditable *delegate;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  /* Grabbing an entry's focus selects its text: the next key would wipe
   * it. Focus the text itself without selecting, and put the cursor back. */
  delegate = GTK_IS_EDITABLE (widget) ? gtk_editable_get_delegate (GTK_EDITABLE (widget)) : NULL;
  if (GTK_IS_TEXT (delegate))
    {
      if (!gtk_text_grab_focus_without_selecting (GTK_TEXT (delegate)))
        return FALSE;
      if (position >= 0)
        gtk_editable_set_position (GTK_EDITABLE (widget), position);
      return TRUE;
    }
  return gtk_widget_grab_focus (widget);
}

char *
rtes_editor_line_text (GtkTextBuffer *buffer,
                       int            line,
                       GtkTextIter   *start_out,
                       GtkTextIter   *end_out)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_line (buffer, &start, line);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  if (start_out != NULL)
    *start_out = start;
  if (end_out != NULL)
    *end_out = end;
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
