/* rtes-contact-row.c: one public contact in the Contacts page's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rtes-contact-row.h"
#include "rtes-field-message.h"
#include "rtes-form-page.h"
#include "rtes-text.h"

struct _RtesContactRow
{
  AdwExpanderRow  parent_instance;

  /* template widgets */
  GtkImage       *warning_icon;
  AdwEntryRow    *role_row;
  GtkMenuButton  *roles_button;
  GtkListBox     *roles_list;
  GtkSearchEntry *roles_search;
  AdwComboRow    *category_row;
  AdwEntryRow    *name_row;
  AdwEntryRow    *title_row;
  AdwEntryRow    *service_row;
  AdwEntryRow    *email_row;
  AdwEntryRow    *phone_row;
  GtkSwitch      *board_switch;

  /* owned references */
  RtesContact    *contact;
  GListModel     *roles;
  GtkFilterListModel *filtered_roles;   /* roles matching the search */
  GtkCustomFilter    *roles_filter;
  char               *roles_search_folded;
  GHashTable     *fields;       /* "name" … → row */

  /* state */
  gpointer        edit_source;
  gboolean        refilling;
};

G_DEFINE_FINAL_TYPE (RtesContactRow, rtes_contact_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_CONTACT,
  PROP_ROLES,
  N_PROPS
};

enum {
  MOVE,
  REMOVE,
  ROLES_WANTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Combo positions; "" is the format's "not said", and what a new contact
 * holds until someone chooses. */
static const char *const categories[] = { "", RTES_CONTACT_ELECTED, RTES_CONTACT_STAFF };

static guint
category_position (const char *category)
{
  for (guint i = 1; i < G_N_ELEMENTS (categories); i++)
    if (g_strcmp0 (category, categories[i]) == 0)
      return i;
  return 0;
}

static void
update_summary (RtesContactRow *self)
{
  const char *name = rtes_contact_get_name (self->contact);
  const char *role = rtes_contact_get_role (self->contact);
  g_autofree char *escaped_name = NULL;
  g_autofree char *subtitle = NULL;

  escaped_name = g_markup_escape_text (rtes_text_is_blank (name) ? _("Unnamed contact") : name, -1);
  if (rtes_contact_get_rtes_board (self->contact) && !rtes_text_is_blank (role))
    /* Translators: a contact's role, then a mark that they sit on the RTES board */
    subtitle = g_markup_printf_escaped (_("%s · RTES board"), role);
  else if (rtes_contact_get_rtes_board (self->contact))
    subtitle = g_strdup (_("RTES board"));
  else
    subtitle = g_markup_escape_text (role, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), escaped_name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
}

static void
sync_entry (RtesContactRow *self,
            AdwEntryRow    *row,
            const char     *value)
{
  if (self->edit_source == row)
    return;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), value) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), value);
}

static void
refill (RtesContactRow *self)
{
  guint category = category_position (rtes_contact_get_category (self->contact));

  self->refilling = TRUE;
  sync_entry (self, self->role_row, rtes_contact_get_role (self->contact));
  if (self->edit_source != self->category_row &&
      adw_combo_row_get_selected (self->category_row) != category)
    adw_combo_row_set_selected (self->category_row, category);
  sync_entry (self, self->name_row, rtes_contact_get_name (self->contact));
  sync_entry (self, self->title_row, rtes_contact_get_title (self->contact));
  sync_entry (self, self->service_row, rtes_contact_get_service (self->contact));
  sync_entry (self, self->email_row, rtes_contact_get_email (self->contact));
  sync_entry (self, self->phone_row, rtes_contact_get_phone (self->contact));
  if (gtk_switch_get_active (self->board_switch) != rtes_contact_get_rtes_board (self->contact))
    gtk_switch_set_active (self->board_switch, rtes_contact_get_rtes_board (self->contact));
  update_summary (self);
  self->refilling = FALSE;
}

/* Writes bracket: the field is the source, so refill leaves it alone; the
 * page around is told, so that it can say the fiche was edited. */
static gboolean
begin_write (RtesContactRow *self,
             gpointer        widget)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), RTES_TYPE_FORM_PAGE);

  if (self->refilling || self->contact == NULL)
    return FALSE;
  if (page != NULL && !rtes_form_page_begin_edit (RTES_FORM_PAGE (page), widget))
    return FALSE;
  self->edit_source = widget;
  return TRUE;
}

static void
end_write (RtesContactRow *self)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), RTES_TYPE_FORM_PAGE);

  self->edit_source = NULL;
  if (page != NULL)
    rtes_form_page_end_edit (RTES_FORM_PAGE (page));
}

#define WRITE_ENTRY(handler, member) \
  static void \
  handler (RtesContactRow *self) \
  { \
    if (!begin_write (self, self->member##_row)) \
      return; \
    rtes_contact_set_##member (self->contact, \
                               gtk_editable_get_text (GTK_EDITABLE (self->member##_row))); \
    end_write (self); \
  }

WRITE_ENTRY (on_role_changed, role)
WRITE_ENTRY (on_name_changed, name)
WRITE_ENTRY (on_title_changed, title)
WRITE_ENTRY (on_service_changed, service)
WRITE_ENTRY (on_email_changed, email)
WRITE_ENTRY (on_phone_changed, phone)

#undef WRITE_ENTRY

static void
on_category_selected (RtesContactRow *self)
{
  guint selected = adw_combo_row_get_selected (self->category_row);

  if (selected >= G_N_ELEMENTS (categories) || !begin_write (self, self->category_row))
    return;
  rtes_contact_set_category (self->contact, categories[selected]);
  end_write (self);
}

static void
on_board_active (RtesContactRow *self)
{
  if (!begin_write (self, self->board_switch))
    return;
  rtes_contact_set_rtes_board (self->contact, gtk_switch_get_active (self->board_switch));
  end_write (self);
}

/* Role suggestions ----------------------------------------------------- */

static GtkWidget *
create_role_item (gpointer item,
                  gpointer user_data)
{
  GtkWidget *label = gtk_label_new (gtk_string_object_get_string (item));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  return label;
}

static void
on_role_activated (RtesContactRow *self,
                   GtkListBoxRow  *row)
{
  int index = gtk_list_box_row_get_index (row);
  g_autoptr(GtkStringObject) role = NULL;

  if (self->roles == NULL || index < 0)
    return;
  role = g_list_model_get_item (G_LIST_MODEL (self->filtered_roles), (guint) index);
  if (role == NULL)
    return;
  gtk_menu_button_popdown (self->roles_button);
  /* Through the entry, so the edit follows the same path as typing. */
  gtk_editable_set_text (GTK_EDITABLE (self->role_row), gtk_string_object_get_string (role));
  gtk_widget_grab_focus (GTK_WIDGET (self->role_row));
}

static void
set_roles (RtesContactRow *self,
           GListModel     *roles)
{
  if (!g_set_object (&self->roles, roles))
    return;
  gtk_filter_list_model_set_model (self->filtered_roles, roles);
  gtk_widget_set_sensitive (GTK_WIDGET (self->roles_button), roles != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLES]);
}

static void
on_roles_popover_show (RtesContactRow *self)
{
  /* The list is gathered when wanted, so it includes roles typed since. */
  g_signal_emit (self, signals[ROLES_WANTED], 0);
  gtk_editable_set_text (GTK_EDITABLE (self->roles_search), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->roles_search));
}

/* "elu" finds "Élu référent": accents and case folded, as in the sidebar. */
static gboolean
role_matches (gpointer item,
              gpointer user_data)
{
  RtesContactRow *self = user_data;
  g_autofree char *folded = NULL;

  if (self->roles_search_folded == NULL || self->roles_search_folded[0] == '\0')
    return TRUE;
  folded = rtes_text_fold (gtk_string_object_get_string (item));
  return strstr (folded, self->roles_search_folded) != NULL;
}

static void
on_roles_search_changed (RtesContactRow *self)
{
  g_free (self->roles_search_folded);
  self->roles_search_folded = rtes_text_fold (gtk_editable_get_text (GTK_EDITABLE (self->roles_search)));
  gtk_filter_changed (GTK_FILTER (self->roles_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Enter in the search picks the first role that matches. */
static void
on_roles_search_activate (RtesContactRow *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->roles_list, 0);

  if (first != NULL)
    on_role_activated (self, first);
}

/* Actions and page requests ------------------------------------------- */

static void
move_up_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_signal_emit (widget, signals[MOVE], 0, -1);
}

static void
move_down_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_signal_emit (widget, signals[MOVE], 0, 1);
}

static void
remove_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_signal_emit (widget, signals[REMOVE], 0);
}

void
rtes_contact_row_set_position (RtesContactRow *self,
                               guint           position,
                               guint           n_items)
{
  g_return_if_fail (RTES_IS_CONTACT_ROW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.move-up", position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.move-down", position + 1 < n_items);
}

void
rtes_contact_row_show_issues (RtesContactRow *self,
                              GPtrArray      *issues,
                              guint           position)
{
  g_autofree char *whole = g_strdup_printf ("contacts[%u]", position);
  g_autofree char *prefix = g_strconcat (whole, ".", NULL);
  g_autoptr(GString) all = g_string_new (NULL);

  g_return_if_fail (RTES_IS_CONTACT_ROW (self));

  rtes_field_message_apply (self->fields, issues, prefix);

  /* Collapsed, the fields are hidden: the header says there is something
   * to look at, and says what in its tooltip. */
  for (guint i = 0; issues != NULL && i < issues->len; i++)
    {
      RtesIssue *issue = g_ptr_array_index (issues, i);

      if (issue->severity == RTES_ISSUE_MISSING || issue->field == NULL)
        continue;
      if (g_strcmp0 (issue->field, whole) != 0 && !g_str_has_prefix (issue->field, prefix))
        continue;
      if (all->len > 0)
        g_string_append_c (all, '\n');
      g_string_append (all, issue->message);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warning_icon), all->len > 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->warning_icon), all->len > 0 ? all->str : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->warning_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, all->str, -1);
}

gboolean
rtes_contact_row_focus_field (RtesContactRow *self,
                              const char     *field)
{
  GtkWidget *widget;

  g_return_val_if_fail (RTES_IS_CONTACT_ROW (self), FALSE);

  widget = field != NULL ? g_hash_table_lookup (self->fields, field) : NULL;
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  return gtk_widget_grab_focus (widget != NULL ? widget : GTK_WIDGET (self->name_row));
}

const char *
rtes_contact_row_get_focus (RtesContactRow *self,
                            int            *position)
{
  g_return_val_if_fail (RTES_IS_CONTACT_ROW (self), NULL);

  return rtes_editor_find_focus (self->fields, position);
}

void
rtes_contact_row_restore_focus (RtesContactRow *self,
                                const char     *field,
                                int             position)
{
  GtkWidget *widget;

  g_return_if_fail (RTES_IS_CONTACT_ROW (self));

  widget = g_hash_table_lookup (self->fields, field);
  if (widget == NULL)
    return;
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  rtes_editor_focus_field_at (widget, position);
}

RtesContact *
rtes_contact_row_get_contact (RtesContactRow *self)
{
  g_return_val_if_fail (RTES_IS_CONTACT_ROW (self), NULL);

  return self->contact;
}

static void
set_contact (RtesContactRow *self,
             RtesContact    *contact)
{
  g_return_if_fail (self->contact == NULL);

  self->contact = g_object_ref (contact);
  g_signal_connect_object (contact, "notify", G_CALLBACK (refill), self, G_CONNECT_SWAPPED);
  refill (self);
}

static void
rtes_contact_row_dispose (GObject *object)
{
  RtesContactRow *self = RTES_CONTACT_ROW (object);

  if (self->contact != NULL)
    g_signal_handlers_disconnect_by_data (self->contact, self);
  g_clear_object (&self->contact);
  g_clear_object (&self->roles);
  if (self->roles_list != NULL)
    gtk_list_box_bind_model (self->roles_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->filtered_roles);
  g_clear_object (&self->roles_filter);
  g_clear_pointer (&self->roles_search_folded, g_free);
  g_clear_pointer (&self->fields, g_hash_table_unref);

  G_OBJECT_CLASS (rtes_contact_row_parent_class)->dispose (object);
}

static void
rtes_contact_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RtesContactRow *self = RTES_CONTACT_ROW (object);

  switch (prop_id)
    {
    case PROP_CONTACT:
      g_value_set_object (value, self->contact);
      break;
    case PROP_ROLES:
      g_value_set_object (value, self->roles);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_contact_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RtesContactRow *self = RTES_CONTACT_ROW (object);

  switch (prop_id)
    {
    case PROP_CONTACT:
      set_contact (self, g_value_get_object (value));
      break;
    case PROP_ROLES:
      set_roles (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_contact_row_class_init (RtesContactRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rtes_contact_row_dispose;
  object_class->get_property = rtes_contact_row_get_property;
  object_class->set_property = rtes_contact_row_set_property;

  properties[PROP_CONTACT] =
    g_param_spec_object ("contact", NULL, NULL,
                         RTES_TYPE_CONTACT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ROLES] =
    g_param_spec_object ("roles", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[MOVE] = g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * RtesContactRow::roles-wanted:
   *
   * The role suggestions are about to show: the page refreshes them.
   */
  signals[ROLES_WANTED] = g_signal_new ("roles-wanted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "contact.move-up", NULL, move_up_cb);
  gtk_widget_class_install_action (widget_class, "contact.move-down", NULL, move_down_cb);
  gtk_widget_class_install_action (widget_class, "contact.remove", NULL, remove_cb);
  /* Reordering from the keyboard, wherever the focus is in the card. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "contact.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "contact.move-down", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/rtes/Fiches/editor/rtes-contact-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RtesContactRow, warning_icon);
  gtk_widget_class_bind_template_child (widget_class, RtesContactRow, role_row);
  gtk_widget_class_bind_template_child (widget_class, RtesContactRow, roles_button);
  gtk_widget_class_bind_template_child (widget_class, RtesContactRow, roles_list);
  gtk_widget_class_bind_template_child (widget_class, RtesContactRow, roles_search);
  gtk_widget_class_bind_template_child (widget_class, RtesContactRow, category_row);
  gtk_widget_class_bind_template_child (widget_class, RtesContactRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, RtesContactRow, title_row);
  gtk_widget_class_bind_template_child (widget_class, RtesContactRow, service_row);
  gtk_widget_class_bind_template_child (widget_class, RtesContactRow, email_row);
  gtk_widget_class_bind_template_child (widget_class, RtesContactRow, phone_row);
  gtk_widget_class_bind_template_child (widget_class, RtesContactRow, board_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_role_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_role_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_roles_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_roles_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_roles_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_category_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_service_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_email_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_phone_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_board_active);
}

static void
rtes_contact_row_init (RtesContactRow *self)
{
  GtkStringList *list;

  gtk_widget_init_template (GTK_WIDGET (self));
  rtes_editor_disable_text_undo (GTK_WIDGET (self));

  self->refilling = TRUE;
  list = gtk_string_list_new (NULL);
  gtk_string_list_append (list, C_("contact category", "Not specified"));
  /* Translators: contact category: an elected official */
  gtk_string_list_append (list, C_("contact category", "Elected official"));
  /* Translators: contact category: a member of the collectivity's staff */
  gtk_string_list_append (list, C_("contact category", "Staff"));
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (list));
  g_object_unref (list);
  self->refilling = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->roles_button), FALSE);
  self->roles_filter = gtk_custom_filter_new (role_matches, self, NULL);
  self->filtered_roles = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->roles_filter)));
  gtk_list_box_bind_model (self->roles_list, G_LIST_MODEL (self->filtered_roles),
                           create_role_item, NULL, NULL);

  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (self->fields, g_strdup ("role"), self->role_row);
  g_hash_table_insert (self->fields, g_strdup ("category"), self->category_row);
  g_hash_table_insert (self->fields, g_strdup ("name"), self->name_row);
  g_hash_table_insert (self->fields, g_strdup ("title"), self->title_row);
  g_hash_table_insert (self->fields, g_strdup ("service"), self->service_row);
  g_hash_table_insert (self->fields, g_strdup ("email"), self->email_row);
  g_hash_table_insert (self->fields, g_strdup ("phone"), self->phone_row);
}

GtkWidget *
rtes_contact_row_new (RtesContact *contact,
                      GListModel  *roles)
{
  g_return_val_if_fail (RTES_IS_CONTACT (contact), NULL);

  return g_object_new (RTES_TYPE_CONTACT_ROW, "contact", contact, "roles", roles, NULL);
}
