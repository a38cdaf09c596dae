/* rtes-format-bar.c: buttons that write fiche text markup for a text view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "rtes-ask.h"
#include "rtes-editor-widgets.h"
#include "rtes-fiche-text.h"
#include "rtes-format-bar.h"
#include "rtes-html-paste.h"

struct _RtesFormatBar
{
  GtkWidget    parent_instance;

  GtkTextView *view;        /* weak */
  gulong       paste_id;
  GRegex      *item_regex;
};

G_DEFINE_FINAL_TYPE (RtesFormatBar, rtes_format_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Lists ------------------------------------------------------------------ */

/* Indentation, and the text after the marker ("- ", "12. ") if any. */
static gboolean
split_item (RtesFormatBar *self,
            const char    *line,
            int           *indent,
            const char   **rest,
            gboolean      *ordered)
{
  g_autoptr(GMatchInfo) match = NULL;
  int start, end;

  *indent = 0;
  while (line[*indent] == ' ')
    (*indent)++;
  *rest = line + *indent;
  *ordered = FALSE;
  if (!g_regex_match (self->item_regex, line, 0, &match))
    return FALSE;
  g_match_info_fetch_pos (match, 0, &start, &end);
  *rest = line + end;
  *ordered = line[*indent] != '-';
  return TRUE;
}

void
rtes_format_bar_toggle_list (RtesFormatBar *self,
                             gboolean       ordered)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  int first, last;
  gboolean all_items = TRUE;
  guint number = 0;

  g_return_if_fail (RTES_IS_FORMAT_BAR (self));
  if (self->view == NULL || !gtk_text_view_get_editable (self->view))
    return;

  buffer = gtk_text_view_get_buffer (self->view);
  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  first = gtk_text_iter_get_line (&start);
  last = gtk_text_iter_get_line (&end);
  if (last > first && gtk_text_iter_starts_line (&end))
    last--;

  /* Already lists of this kind: the button takes the markers away. */
  for (int i = first; i <= last; i++)
    {
      g_autofree char *line = rtes_editor_line_text (buffer, i, NULL, NULL);
      int indent;
      const char *rest;
      gboolean item_ordered;

      if (line[0] == '\0')
        continue;
      if (!split_item (self, line, &indent, &rest, &item_ordered) || item_ordered != ordered)
        all_items = FALSE;
    }

  gtk_text_buffer_begin_user_action (buffer);
  for (int i = first; i <= last; i++)
    {
      GtkTextIter ls, le;
      g_autofree char *line = rtes_editor_line_text (buffer, i, &ls, &le);
      g_autofree char *replacement = NULL;
      int indent;
      const char *rest;
      gboolean item_ordered;

      /* An empty line between items stays empty, unless it is the only
       * line: then it becomes the first item. */
      if (line[0] == '\0' && first != last)
        continue;
      split_item (self, line, &indent, &rest, &item_ordered);
      if (all_items && (first != last || line[0] != '\0'))
        replacement = g_strdup_printf ("%*s%s", indent, "", rest);
      else if (ordered)
        replacement = g_strdup_printf ("%*s%u. %s", indent, "", ++number, rest);
      else
        replacement = g_strdup_printf ("%*s- %s", indent, "", rest);
      gtk_text_buffer_delete (buffer, &ls, &le);
      gtk_text_buffer_insert (buffer, &ls, replacement, -1);
    }
  gtk_text_buffer_end_user_action (buffer);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
bullets_clicked (RtesFormatBar *self)
{
  rtes_format_bar_toggle_list (self, FALSE);
}

static void
numbers_clicked (RtesFormatBar *self)
{
  rtes_format_bar_toggle_list (self, TRUE);
}

/* Links ------------------------------------------------------------------ */

gboolean
rtes_format_bar_insert_link (RtesFormatBar *self,
                             const char    *label,
                             const char    *address)
{
  GtkTextBuffer *buffer;
  g_autofree char *clean_label = NULL;
  g_autofree char *clean_address = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (RTES_IS_FORMAT_BAR (self), FALSE);
  if (self->view == NULL)
    return FALSE;

  clean_address = g_strstrip (g_strdup (address != NULL ? address : ""));
  if (!rtes_uri_is_safe (clean_address))
    return FALSE;
  /* "[…]" and line ends would break the markup around the label. */
  clean_label = g_strstrip (g_strdup (label != NULL ? label : ""));
  g_strdelimit (clean_label, "[]\n", ' ');
  text = clean_label[0] != '\0' ? g_strdup_printf ("[%s](%s)", clean_label, clean_address)
                                : g_strdup (clean_address);

  buffer = gtk_text_view_get_buffer (self->view);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  gtk_text_buffer_insert_at_cursor (buffer, text, -1);
  gtk_text_buffer_end_user_action (buffer);
  return TRUE;
}

static void
link_address_changed (GtkEditable      *entry,
                      AdwMessageDialog *dialog)
{
  g_autofree char *address = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "insert", rtes_uri_is_safe (address));
}

/* The link dialog's two rows. */
typedef struct {
  GtkEditable *label;
  GtkEditable *address;
} LinkRows;

static void
link_response (gpointer    owner,
               const char *response,
               gpointer    data)
{
  RtesFormatBar *self = owner;
  g_autofree LinkRows *rows = data;

  if (g_str_equal (response, "insert"))
    rtes_format_bar_insert_link (self, gtk_editable_get_text (rows->label), gtk_editable_get_text (rows->address));
  if (self->view != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
link_clicked (RtesFormatBar *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *selected = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *box, *label, *address;
  LinkRows *rows;

  if (self->view == NULL || !gtk_text_view_get_editable (self->view))
    return;
  buffer = gtk_text_view_get_buffer (self->view);
  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  selected = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  box = gtk_list_box_new ();
  gtk_widget_add_css_class (box, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  label = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (label), _("Text"));
  gtk_editable_set_text (GTK_EDITABLE (label), strchr (selected, '\n') == NULL ? selected : "");
  address = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (address), _("Address"));
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (address), GTK_INPUT_PURPOSE_URL);
  gtk_editable_set_text (GTK_EDITABLE (address),
                         g_str_has_prefix (selected, "http") && rtes_uri_is_safe (selected) ? selected : "https://");
  gtk_list_box_append (GTK_LIST_BOX (box), label);
  gtk_list_box_append (GTK_LIST_BOX (box), address);
  rows = g_new (LinkRows, 1);
  rows->label = GTK_EDITABLE (label);
  rows->address = GTK_EDITABLE (address);
  dialog = rtes_ask (GTK_WIDGET (self), _("Insert a Link"), _("Readers of the site see the text; it opens the address."),
                     box, link_response, rows, g_free,
                     "cancel", _("_Cancel"), RTES_ASK_CLOSE,
                     "insert", _("_Insert"), RTES_ASK_SUGGESTED | RTES_ASK_DEFAULT,
                     NULL);
  g_signal_connect (address, "changed", G_CALLBACK (link_address_changed), dialog);
  link_address_changed (GTK_EDITABLE (address), dialog);
  gtk_widget_grab_focus (selected[0] != '\0' ? address : label);
}

/* Paste ------------------------------------------------------------------ */

/* Pastes @html into the view as fiche text, over the selection. */
static void
rtes_format_bar_paste_html (RtesFormatBar *self,
                            const char    *html,
                            gsize          length)
{
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer;

  g_return_if_fail (RTES_IS_FORMAT_BAR (self));
  if (self->view == NULL || !gtk_text_view_get_editable (self->view))
    return;

  text = rtes_fiche_text_from_html (html, length);
  buffer = gtk_text_view_get_buffer (self->view);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  gtk_text_buffer_insert_at_cursor (buffer, text, -1);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_view_scroll_mark_onscreen (self->view, gtk_text_buffer_get_insert (buffer));
}

static void
html_read (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RtesFormatBar) self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (bytes == NULL)
    {
      g_debug ("Could not read the HTML on the clipboard: %s", error->message);
      return;
    }
  rtes_format_bar_paste_html (self, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
clipboard_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RtesFormatBar) self = user_data;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, &error);
  if (stream == NULL)
    {
      g_debug ("Could not read the clipboard: %s", error->message);
      return;
    }
  /* Bounded: no more than the converter reads. */
  g_input_stream_read_bytes_async (stream, RTES_HTML_PASTE_MAX_BYTES, G_PRIORITY_DEFAULT, NULL,
                                   html_read, g_object_ref (self));
}

/* Before the view's own paste: HTML, when the clipboard has it, becomes
 * fiche text; anything else is the view's to paste. */
static void
view_paste (GtkTextView   *view,
            RtesFormatBar *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  static const char *mime_types[] = { "text/html", NULL };

  if (!gtk_text_view_get_editable (view) ||
      !gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (clipboard), "text/html"))
    return;
  g_signal_stop_emission_by_name (view, "paste-clipboard");
  gdk_clipboard_read_async (clipboard, mime_types, G_PRIORITY_DEFAULT, NULL,
                            clipboard_read, g_object_ref (self));
}

/* GObject ------------------------------------------------------------------ */

GtkTextView *
rtes_format_bar_get_view (RtesFormatBar *self)
{
  g_return_val_if_fail (RTES_IS_FORMAT_BAR (self), NULL);
  return self->view;
}

static void
rtes_format_bar_set_view (RtesFormatBar *self,
                          GtkTextView   *view)
{
  g_return_if_fail (RTES_IS_FORMAT_BAR (self));

  if (self->view == view)
    return;
  if (self->view != NULL)
    g_clear_signal_handler (&self->paste_id, self->view);
  g_set_weak_pointer (&self->view, view);
  if (view != NULL)
    self->paste_id = g_signal_connect (view, "paste-clipboard", G_CALLBACK (view_paste), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

static GtkWidget *
add_button (RtesFormatBar *self,
            const char    *icon,
            const char    *tooltip,
            GCallback      callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  /* The keyboard stays in the text: the buttons are for the pointer, and
   * their work has keys in the view (Enter, Tab). */
  gtk_widget_set_focus_on_click (button, FALSE);
  g_signal_connect_swapped (button, "clicked", callback, self);
  gtk_widget_set_parent (button, GTK_WIDGET (self));
  return button;
}

static void
rtes_format_bar_dispose (GObject *object)
{
  RtesFormatBar *self = RTES_FORMAT_BAR (object);
  GtkWidget *child;

  if (self->view != NULL)
    g_clear_signal_handler (&self->paste_id, self->view);
  g_clear_weak_pointer (&self->view);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (rtes_format_bar_parent_class)->dispose (object);
}

static void
rtes_format_bar_finalize (GObject *object)
{
  RtesFormatBar *self = RTES_FORMAT_BAR (object);

  g_clear_pointer (&self->item_regex, g_regex_unref);

  G_OBJECT_CLASS (rtes_format_bar_parent_class)->finalize (object);
}

static void
rtes_format_bar_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RtesFormatBar *self = RTES_FORMAT_BAR (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_format_bar_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RtesFormatBar *self = RTES_FORMAT_BAR (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      rtes_format_bar_set_view (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_format_bar_class_init (RtesFormatBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rtes_format_bar_dispose;
  object_class->finalize = rtes_format_bar_finalize;
  object_class->get_property = rtes_format_bar_get_property;
  object_class->set_property = rtes_format_bar_set_property;

  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL, GTK_TYPE_TEXT_VIEW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rtesformatbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TOOLBAR);
}

static void
rtes_format_bar_init (RtesFormatBar *self)
{
  self->item_regex = g_regex_new ("^ *(- |\\d{1,3}\\. )", G_REGEX_OPTIMIZE, 0, NULL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Formatting"), -1);
  add_button (self, "insert-link-symbolic", _("Insert a Link…"), G_CALLBACK (link_clicked));
  add_button (self, "view-list-bullet-symbolic", _("Bulleted List"), G_CALLBACK (bullets_clicked));
  add_button (self, "view-list-ordered-symbolic", _("Numbered List"), G_CALLBACK (numbers_clicked));
}
