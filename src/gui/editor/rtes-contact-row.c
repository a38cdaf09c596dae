/* rtes-contact-row.c: one public contact in the Contacts page's list
 *
 * Besides its fields, a card reaches the person: "Write" opens a mail to
 * the address and "Call" the phone number (tel:) in the default
 * applications, through the window's win.open-uri (the OpenURI portal in
 * a flatpak); "Copy Details" puts the contact on the clipboard as text.
 * Each is enabled only when the value is one a mail client or a dialler
 * can take.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rtes-contact-row.h"
#include "rtes-editor-widgets.h"
#include "rtes-export.h"
#include "rtes-form-page.h"
#include "rtes-text.h"
#include "rtes-vcard.h"

struct _RtesContactRow
{
  RtesCardRow         parent_instance;

  /* template widgets */
  GtkImage           *warning_icon;
  AdwEntryRow        *role_row;
  GtkMenuButton      *roles_button;
  GtkListBox         *roles_list;
  GtkSearchEntry     *roles_search;
  AdwComboRow        *category_row;
  AdwEntryRow        *name_row;
  AdwEntryRow        *title_row;
  AdwEntryRow        *service_row;
  AdwEntryRow        *email_row;
  AdwEntryRow        *phone_row;
  GtkWidget          *write_button;
  GtkWidget          *call_button;
  GtkSwitch          *board_switch;

  /* owned references */
  GListModel         *roles;
  GtkFilterListModel *filtered_roles;   /* roles matching the search */
  GtkCustomFilter    *roles_filter;
  char               *roles_search_folded;
};

G_DEFINE_FINAL_TYPE (RtesContactRow, rtes_contact_row, RTES_TYPE_CARD_ROW)

enum {
  PROP_0,
  PROP_ROLES,
  N_PROPS
};

enum {
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
update_summary (RtesContactRow *self,
                RtesContact    *contact)
{
  const char *name = rtes_contact_get_name (contact);
  const char *role = rtes_contact_get_role (contact);
  g_autofree char *escaped_name = NULL;
  g_autofree char *subtitle = NULL;

  escaped_name = g_markup_escape_text (rtes_text_is_blank (name) ? _("Unnamed contact") : name, -1);
  if (rtes_contact_get_rtes_board (contact) && !rtes_text_is_blank (role))
    /* Translators: a contact's role, then a mark that they sit on the RTES board */
    subtitle = g_markup_printf_escaped (_("%s · RTES board"), role);
  else if (rtes_contact_get_rtes_board (contact))
    subtitle = g_strdup (_("RTES board"));
  else
    subtitle = g_markup_escape_text (role, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), escaped_name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
}

/* Reaching the contact ------------------------------------------------- */

static void
update_reach_actions (RtesContactRow *self,
                      RtesContact    *contact)
{
  g_autofree char *mailto = rtes_export_mailto (rtes_contact_get_email (contact));
  g_autofree char *tel = rtes_export_tel (rtes_contact_get_phone (contact));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.write", mailto != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.call", tel != NULL);
  /* A greyed button beside an empty field is noise: shown once there is
   * an address or a number to use. */
  gtk_widget_set_visible (self->write_button, mailto != NULL);
  gtk_widget_set_visible (self->call_button, tel != NULL);
}

/* "contact.write" and "contact.call": the address or number, as a link. */
static void
reach_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  RtesContact *contact = rtes_contact_row_get_contact (RTES_CONTACT_ROW (widget));
  g_autofree char *uri = g_str_equal (action_name, "contact.write")
                         ? rtes_export_mailto (rtes_contact_get_email (contact))
                         : rtes_export_tel (rtes_contact_get_phone (contact));

  if (uri != NULL)
    gtk_widget_activate_action (widget, "win.open-uri", "s", uri);
}

static void
copy_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  RtesContact *contact = rtes_contact_row_get_contact (RTES_CONTACT_ROW (widget));
  GtkWidget *page = gtk_widget_get_ancestor (widget, RTES_TYPE_FORM_PAGE);
  RtesFiche *fiche = page != NULL ? rtes_form_page_get_fiche (RTES_FORM_PAGE (page)) : NULL;
  g_autofree char *text = rtes_vcard_contact_text (fiche, contact);
  GtkWidget *toast_overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  if (toast_overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (toast_overlay),
                                 adw_toast_new (_("Contact details copied")));
}

static void
rtes_contact_row_refill (RtesCardRow *row)
{
  RtesContactRow *self = RTES_CONTACT_ROW (row);
  RtesContact *contact = rtes_contact_row_get_contact (self);
  guint category = category_position (rtes_contact_get_category (contact));

  if (!rtes_card_row_is_edit_source (row, self->category_row) &&
      adw_combo_row_get_selected (self->category_row) != category)
    adw_combo_row_set_selected (self->category_row, category);
  update_summary (self, contact);
  update_reach_actions (self, contact);
}

static void
on_category_selected (RtesContactRow *self)
{
  guint selected = adw_combo_row_get_selected (self->category_row);

  if (selected >= G_N_ELEMENTS (categories) ||
      !rtes_card_row_begin_write (RTES_CARD_ROW (self), self->category_row))
    return;
  rtes_contact_set_category (rtes_contact_row_get_contact (self), categories[selected]);
  rtes_card_row_end_write (RTES_CARD_ROW (self));
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

RtesContact *
rtes_contact_row_get_contact (RtesContactRow *self)
{
  g_return_val_if_fail (RTES_IS_CONTACT_ROW (self), NULL);

  return rtes_card_row_get_item (RTES_CARD_ROW (self));
}

static void
rtes_contact_row_dispose (GObject *object)
{
  RtesContactRow *self = RTES_CONTACT_ROW (object);

  g_clear_object (&self->roles);
  if (self->roles_list != NULL)
    gtk_list_box_bind_model (self->roles_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->filtered_roles);
  g_clear_object (&self->roles_filter);
  g_clear_pointer (&self->roles_search_folded, g_free);

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
  RtesCardRowClass *card_class = RTES_CARD_ROW_CLASS (klass);

  object_class->dispose = rtes_contact_row_dispose;
  object_class->get_property = rtes_contact_row_get_property;
  object_class->set_property = rtes_contact_row_set_property;
  card_class->refill = rtes_contact_row_refill;

  properties[PROP_ROLES] =
    g_param_spec_object ("roles", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RtesContactRow::roles-wanted:
   *
   * The role suggestions are about to show: the page refreshes them.
   */
  signals[ROLES_WANTED] = g_signal_new ("roles-wanted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  rtes_card_row_class_install_actions (widget_class, "contact");
  gtk_widget_class_install_action (widget_class, "contact.write", NULL, reach_cb);
  gtk_widget_class_install_action (widget_class, "contact.call", NULL, reach_cb);
  gtk_widget_class_install_action (widget_class, "contact.copy", NULL, copy_cb);

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
  gtk_widget_class_bind_template_child (widget_class, RtesContactRow, write_button);
  gtk_widget_class_bind_template_child (widget_class, RtesContactRow, call_button);
  gtk_widget_class_bind_template_child (widget_class, RtesContactRow, board_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_role_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_roles_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_roles_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_roles_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_category_selected);
}

static void
rtes_contact_row_init (RtesContactRow *self)
{
  RtesCardRow *row = RTES_CARD_ROW (self);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  rtes_editor_disable_text_undo (GTK_WIDGET (self));

  gtk_string_list_append (list, C_("contact category", "Not specified"));
  /* Translators: contact category: an elected official */
  gtk_string_list_append (list, C_("contact category", "Elected official"));
  /* Translators: contact category: a member of the collectivity's staff */
  gtk_string_list_append (list, C_("contact category", "Staff"));
  /* Before the contact is set, so selecting the first is not an edit. */
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (list));
  rtes_editor_name_combo_items (self->category_row);

  gtk_widget_set_sensitive (GTK_WIDGET (self->roles_button), FALSE);
  self->roles_filter = gtk_custom_filter_new (role_matches, self, NULL);
  self->filtered_roles = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->roles_filter)));
  gtk_list_box_bind_model (self->roles_list, G_LIST_MODEL (self->filtered_roles),
                           create_role_item, NULL, NULL);

  rtes_card_row_set_warning_icon (row, GTK_WIDGET (self->warning_icon));
  rtes_card_row_bind_field (row, "role", GTK_WIDGET (self->role_row));
  rtes_card_row_add_field (row, "category", GTK_WIDGET (self->category_row));
  rtes_card_row_bind_field (row, "name", GTK_WIDGET (self->name_row));
  rtes_card_row_bind_field (row, "title", GTK_WIDGET (self->title_row));
  rtes_card_row_bind_field (row, "service", GTK_WIDGET (self->service_row));
  rtes_card_row_bind_field (row, "email", GTK_WIDGET (self->email_row));
  rtes_card_row_bind_field (row, "phone", GTK_WIDGET (self->phone_row));
  rtes_card_row_bind_field (row, "rtes_board", GTK_WIDGET (self->board_switch));
  rtes_card_row_set_main_field (row, "name");
}

GtkWidget *
rtes_contact_row_new (RtesContact *contact,
                      GListModel  *roles)
{
  g_return_val_if_fail (RTES_IS_CONTACT (contact), NULL);

  return g_object_new (RTES_TYPE_CONTACT_ROW, "item", contact, "roles", roles, NULL);
}
