/* rtes-card-row.c: base class of the cards in the editor's lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-card-row.h"
#include "rtes-edit-guard.h"
#include "rtes-editor-widgets.h"
#include "rtes-fiche-path.h"
#include "rtes-card-list-page.h"
#include "rtes-field-message.h"
#include "rtes-form-page.h"

typedef struct
{
  /* owned references */
  GObject    *item;
  GHashTable *fields;         /* member name → widget (not owned) */

  /* the subclass's template widgets */
  GtkWidget  *warning_icon;
  GtkWidget  *main_field;

  /* state */
  RtesEditGuard guard;        /* refills against writes, and the writing widget */
  gboolean    fresh;          /* just added, not left yet: no messages */
  GPtrArray  *issues;         /* the last ones shown, for when it is left */
  char       *path;
  guint       left_idle;
} RtesCardRowPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (RtesCardRow, rtes_card_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

enum {
  MOVE,
  REMOVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
refill (RtesCardRow *self)
{
  RtesCardRowPrivate *priv = rtes_card_row_get_instance_private (self);

  rtes_edit_guard_refill_begin (&priv->guard);
  rtes_edit_guard_refill_bound (&priv->guard, priv->item);
  RTES_CARD_ROW_GET_CLASS (self)->refill (self);
  rtes_edit_guard_refill_end (&priv->guard);
}

gpointer
rtes_card_row_get_item (RtesCardRow *self)
{
  RtesCardRowPrivate *priv = rtes_card_row_get_instance_private (self);

  g_return_val_if_fail (RTES_IS_CARD_ROW (self), NULL);

  return priv->item;
}

gboolean
rtes_card_row_is_refilling (RtesCardRow *self)
{
  RtesCardRowPrivate *priv = rtes_card_row_get_instance_private (self);

  g_return_val_if_fail (RTES_IS_CARD_ROW (self), FALSE);

  return rtes_edit_guard_is_refilling (&priv->guard);
}

/* The page around is told, so that it can say the fiche was edited. No
 * item yet means the card is still being built (a combo getting its
 * model): not an edit. */
gboolean
rtes_card_row_begin_write (RtesCardRow *self,
                           gpointer     widget)
{
  RtesCardRowPrivate *priv = rtes_card_row_get_instance_private (self);
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), RTES_TYPE_FORM_PAGE);

  g_return_val_if_fail (RTES_IS_CARD_ROW (self), FALSE);

  if (rtes_edit_guard_is_refilling (&priv->guard) || priv->item == NULL)
    return FALSE;
  if (page != NULL && !rtes_form_page_begin_edit (RTES_FORM_PAGE (page), widget))
    return FALSE;
  return rtes_edit_guard_begin (&priv->guard, widget);
}

void
rtes_card_row_end_write (RtesCardRow *self)
{
  RtesCardRowPrivate *priv = rtes_card_row_get_instance_private (self);
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), RTES_TYPE_FORM_PAGE);

  g_return_if_fail (RTES_IS_CARD_ROW (self));

  rtes_edit_guard_end (&priv->guard);
  if (page != NULL)
    rtes_form_page_end_edit (RTES_FORM_PAGE (page));
}

gboolean
rtes_card_row_is_edit_source (RtesCardRow *self,
                              gpointer     widget)
{
  RtesCardRowPrivate *priv = rtes_card_row_get_instance_private (self);

  g_return_val_if_fail (RTES_IS_CARD_ROW (self), FALSE);

  return rtes_edit_guard_is_source (&priv->guard, widget);
}

/* The place of @field of this card's item: by the item's key when it has
 * one, so that the text follows the card when cards move. */
static char *
field_path (RtesCardRow *self,
            const char  *card_path,
            int          index,
            const char  *field)
{
  gpointer item = rtes_card_row_get_item (self);
  const char *key = NULL;
  g_autofree char *item_path = NULL;

  if (RTES_IS_CONTACT (item))
    key = rtes_contact_get_key (item);
  else if (RTES_IS_BUDGET_LINE (item))
    key = rtes_budget_line_get_key (item);
  item_path = key != NULL && key[0] != '\0' ? rtes_fiche_path_key (card_path, key)
                                            : rtes_fiche_path_index (card_path, (guint) index);
  return rtes_fiche_path_member (item_path, field);
}

void
rtes_card_row_set_pending_text (RtesCardRow *self,
                                const char  *field,
                                const char  *text)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), RTES_TYPE_CARD_LIST_PAGE);
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self));
  g_autofree char *path = NULL;

  g_return_if_fail (RTES_IS_CARD_ROW (self));

  if (page == NULL || index < 0)
    return;
  path = field_path (self, RTES_CARD_LIST_PAGE_GET_CLASS (page)->card_path, index, field);
  rtes_form_page_set_pending_text (RTES_FORM_PAGE (page), path, text);
}

/* Fields -------------------------------------------------------------------- */

void
rtes_card_row_set_warning_icon (RtesCardRow *self,
                                GtkWidget   *icon)
{
  RtesCardRowPrivate *priv = rtes_card_row_get_instance_private (self);

  g_return_if_fail (RTES_IS_CARD_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (icon));

  priv->warning_icon = icon;
}

void
rtes_card_row_add_field (RtesCardRow *self,
                         const char  *name,
                         GtkWidget   *widget)
{
  RtesCardRowPrivate *priv = rtes_card_row_get_instance_private (self);

  g_return_if_fail (RTES_IS_CARD_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_hash_table_insert (priv->fields, g_strdup (name), widget);
}

static void
write_bound_field (gpointer      owner,
                   GtkWidget    *widget,
                   const char   *property,
                   const GValue *value)
{
  RtesCardRow *self = owner;
  RtesCardRowPrivate *priv = rtes_card_row_get_instance_private (self);

  if (!rtes_card_row_begin_write (self, widget))
    return;
  g_object_set_property (priv->item, property, value);
  rtes_card_row_end_write (self);
}

void
rtes_card_row_bind_field (RtesCardRow *self,
                          const char  *name,
                          GtkWidget   *widget)
{
  RtesCardRowPrivate *priv = rtes_card_row_get_instance_private (self);

  rtes_card_row_add_field (self, name, widget);
  rtes_edit_guard_bind (&priv->guard, widget, name, write_bound_field, self);
}

void
rtes_card_row_set_main_field (RtesCardRow *self,
                              const char  *name)
{
  RtesCardRowPrivate *priv = rtes_card_row_get_instance_private (self);

  g_return_if_fail (RTES_IS_CARD_ROW (self));

  priv->main_field = g_hash_table_lookup (priv->fields, name);
  g_return_if_fail (priv->main_field != NULL);
}

void
rtes_card_row_show_issues (RtesCardRow *self,
                           GPtrArray   *issues,
                           const char  *path)
{
  RtesCardRowPrivate *priv = rtes_card_row_get_instance_private (self);
  g_autofree char *prefix = g_strconcat (path, ".", NULL);
  g_autoptr(GString) all = g_string_new (NULL);

  g_return_if_fail (RTES_IS_CARD_ROW (self));

  if (issues != priv->issues)
    {
      g_clear_pointer (&priv->issues, g_ptr_array_unref);
      priv->issues = issues != NULL ? g_ptr_array_ref (issues) : NULL;
    }
  if (path != priv->path)
    {
      g_free (priv->path);
      priv->path = g_strdup (path);
    }
  /* An empty card just added is not a mistake yet. */
  if (priv->fresh)
    issues = NULL;

  rtes_field_message_apply (priv->fields, issues, prefix);

  /* Collapsed, the fields are hidden: the header says there is something
   * to look at, and says what in its tooltip. */
  for (guint i = 0; issues != NULL && i < issues->len; i++)
    {
      RtesIssue *issue = g_ptr_array_index (issues, i);

      if (issue->severity == RTES_ISSUE_MISSING || issue->field == NULL)
        continue;
      if (g_strcmp0 (issue->field, path) != 0 && !g_str_has_prefix (issue->field, prefix))
        continue;
      if (all->len > 0)
        g_string_append_c (all, '\n');
      g_string_append (all, issue->message);
    }
  if (priv->warning_icon == NULL)
    return;
  gtk_widget_set_visible (priv->warning_icon, all->len > 0);
  gtk_widget_set_tooltip_text (priv->warning_icon, all->len > 0 ? all->str : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->warning_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, all->str, -1);
}

static gboolean
card_left_idle_cb (gpointer data)
{
  RtesCardRow *self = data;
  RtesCardRowPrivate *priv = rtes_card_row_get_instance_private (self);

  priv->left_idle = 0;
  if (priv->path != NULL)
    {
      g_autoptr(GPtrArray) issues = priv->issues != NULL ? g_ptr_array_ref (priv->issues) : NULL;
      g_autofree char *path = g_strdup (priv->path);

      rtes_card_row_show_issues (self, issues, path);
    }
  return G_SOURCE_REMOVE;
}

/* Once the focus is elsewhere (hence the idle: GTK is still moving it),
 * the card says what it lacks. */
static void
on_card_focus (GtkWidget *widget,
               gboolean   inside,
               gpointer   data)
{
  RtesCardRow *self = RTES_CARD_ROW (widget);
  RtesCardRowPrivate *priv = rtes_card_row_get_instance_private (self);

  if (inside || !priv->fresh)
    return;
  priv->fresh = FALSE;
  if (priv->left_idle == 0)
    priv->left_idle = g_idle_add (card_left_idle_cb, self);
}

void
rtes_card_row_set_fresh (RtesCardRow *self)
{
  RtesCardRowPrivate *priv = rtes_card_row_get_instance_private (self);

  g_return_if_fail (RTES_IS_CARD_ROW (self));

  priv->fresh = TRUE;
  rtes_field_message_apply (priv->fields, NULL, NULL);
  if (priv->warning_icon != NULL)
    gtk_widget_set_visible (priv->warning_icon, FALSE);
}

gboolean
rtes_card_row_focus_field (RtesCardRow *self,
                           const char  *field)
{
  RtesCardRowPrivate *priv = rtes_card_row_get_instance_private (self);
  GtkWidget *widget;

  g_return_val_if_fail (RTES_IS_CARD_ROW (self), FALSE);

  widget = field != NULL ? g_hash_table_lookup (priv->fields, field) : NULL;
  if (widget == NULL)
    widget = priv->main_field;
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  return widget != NULL && gtk_widget_grab_focus (widget);
}

const char *
rtes_card_row_get_focus (RtesCardRow *self,
                         int         *position)
{
  RtesCardRowPrivate *priv = rtes_card_row_get_instance_private (self);

  g_return_val_if_fail (RTES_IS_CARD_ROW (self), NULL);

  return rtes_editor_find_focus (priv->fields, position);
}

void
rtes_card_row_restore_focus (RtesCardRow *self,
                             const char  *field,
                             int          position)
{
  RtesCardRowPrivate *priv = rtes_card_row_get_instance_private (self);
  GtkWidget *widget;

  g_return_if_fail (RTES_IS_CARD_ROW (self));

  widget = g_hash_table_lookup (priv->fields, field);
  if (widget == NULL)
    return;
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  rtes_editor_focus_field_at (widget, position);
}

/* Accessible name ---------------------------------------------------------- */

static char *
plain_text (const char *markup)
{
  g_autofree char *text = NULL;

  if (markup == NULL || !pango_parse_markup (markup, -1, 0, NULL, &text, NULL, NULL))
    return g_strdup (markup != NULL ? markup : "");
  return g_steal_pointer (&text);
}

/* A card reads as its header does: "Marie Martin, Chargée de mission ESS",
 * "120 000 €, Operating · 2023". The header's title and subtitle are
 * markup, the name is plain text. */
static void
update_accessible_name (RtesCardRow *self)
{
  g_autofree char *title = plain_text (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)));
  g_autofree char *subtitle = plain_text (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (self)));
  g_autofree char *name = subtitle[0] != '\0' ? g_strconcat (title, ", ", subtitle, NULL) : g_strdup (title);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* Actions ------------------------------------------------------------------- */

static void
move_up_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  g_signal_emit (widget, signals[MOVE], 0, -1);
}

static void
move_down_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[MOVE], 0, 1);
}

static void
remove_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  g_signal_emit (widget, signals[REMOVE], 0);
}

void
rtes_card_row_class_install_actions (GtkWidgetClass *widget_class,
                                     const char     *prefix)
{
  g_autofree char *move_up = g_strconcat (prefix, ".move-up", NULL);
  g_autofree char *move_down = g_strconcat (prefix, ".move-down", NULL);
  g_autofree char *remove = g_strconcat (prefix, ".remove", NULL);

  g_return_if_fail (RTES_IS_CARD_ROW_CLASS (widget_class));

  RTES_CARD_ROW_CLASS (widget_class)->action_prefix = prefix;
  gtk_widget_class_install_action (widget_class, move_up, NULL, move_up_cb);
  gtk_widget_class_install_action (widget_class, move_down, NULL, move_down_cb);
  gtk_widget_class_install_action (widget_class, remove, NULL, remove_cb);
  /* Reordering from the keyboard, wherever the focus is in the card. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, move_up, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, move_down, NULL);
}

void
rtes_card_row_set_position (RtesCardRow *self,
                            guint        position,
                            guint        n_items)
{
  const char *prefix;
  g_autofree char *move_up = NULL;
  g_autofree char *move_down = NULL;

  g_return_if_fail (RTES_IS_CARD_ROW (self));

  prefix = RTES_CARD_ROW_GET_CLASS (self)->action_prefix;
  g_return_if_fail (prefix != NULL);
  move_up = g_strconcat (prefix, ".move-up", NULL);
  move_down = g_strconcat (prefix, ".move-down", NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), move_up, position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), move_down, position + 1 < n_items);
}

/* GObject ------------------------------------------------------------------- */

static void
set_item (RtesCardRow *self,
          GObject     *item)
{
  RtesCardRowPrivate *priv = rtes_card_row_get_instance_private (self);

  g_return_if_fail (priv->item == NULL);

  if (item == NULL)
    return;
  priv->item = g_object_ref (item);
  g_signal_connect_object (item, "notify", G_CALLBACK (refill), self, G_CONNECT_SWAPPED);
  refill (self);
}

static void
rtes_card_row_dispose (GObject *object)
{
  RtesCardRow *self = RTES_CARD_ROW (object);
  RtesCardRowPrivate *priv = rtes_card_row_get_instance_private (self);

  if (priv->item != NULL)
    g_signal_handlers_disconnect_by_data (priv->item, self);
  g_clear_object (&priv->item);
  g_hash_table_remove_all (priv->fields);
  rtes_edit_guard_clear (&priv->guard);
  g_clear_pointer (&priv->issues, g_ptr_array_unref);
  g_clear_pointer (&priv->path, g_free);
  g_clear_handle_id (&priv->left_idle, g_source_remove);
  priv->warning_icon = NULL;
  priv->main_field = NULL;

  G_OBJECT_CLASS (rtes_card_row_parent_class)->dispose (object);
}

static void
rtes_card_row_finalize (GObject *object)
{
  RtesCardRow *self = RTES_CARD_ROW (object);
  RtesCardRowPrivate *priv = rtes_card_row_get_instance_private (self);

  g_clear_pointer (&priv->fields, g_hash_table_unref);

  G_OBJECT_CLASS (rtes_card_row_parent_class)->finalize (object);
}

static void
rtes_card_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RtesCardRow *self = RTES_CARD_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, rtes_card_row_get_item (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_card_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RtesCardRow *self = RTES_CARD_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_card_row_class_init (RtesCardRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rtes_card_row_dispose;
  object_class->finalize = rtes_card_row_finalize;
  object_class->get_property = rtes_card_row_get_property;
  object_class->set_property = rtes_card_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         G_TYPE_OBJECT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RtesCardRow::move:
   * @delta: -1 to move up, 1 to move down
   */
  signals[MOVE] = g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rtes_card_row_init (RtesCardRow *self)
{
  RtesCardRowPrivate *priv = rtes_card_row_get_instance_private (self);

  priv->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect (self, "notify::title", G_CALLBACK (update_accessible_name), NULL);
  g_signal_connect (self, "notify::subtitle", G_CALLBACK (update_accessible_name), NULL);
  rtes_editor_watch_focus (GTK_WIDGET (self), "rtes-card-focus", on_card_focus, NULL);
}
