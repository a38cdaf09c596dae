/* rtes-field-message.c: a validation message shown under the field it is about
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-field-message.h"
#include "rtes-editor-widgets.h"

/* Object data: fields are widgets of many classes, GTK's among them. */
#define MESSAGE_KEY "rtes-field-message"
#define LOCAL_KEY "rtes-field-message-local"
#define PENDING_KEY "rtes-field-message-pending"
#define WATCHED_KEY "rtes-field-message-watched"

/* What to show once the person leaves the field they are typing in. */
typedef struct {
  RtesIssueSeverity severity;
  char *text;
} PendingMessage;

typedef struct {
  GtkWidget *holder;   /* the row or label we added; owned by its parent */
  GtkWidget *label;
  char      *text;
  RtesIssueSeverity severity;
} FieldMessage;

static void
remove_holder (FieldMessage *fm)
{
  GtkWidget *parent;

  if (fm->holder == NULL)
    return;

  parent = gtk_widget_get_parent (fm->holder);
  g_object_remove_weak_pointer (G_OBJECT (fm->holder), (gpointer *) &fm->holder);
  if (GTK_IS_LIST_BOX (parent))
    gtk_list_box_remove (GTK_LIST_BOX (parent), fm->holder);
  else if (GTK_IS_BOX (parent))
    gtk_box_remove (GTK_BOX (parent), fm->holder);
  fm->holder = NULL;
  fm->label = NULL;
}

static void
field_message_free (gpointer data)
{
  FieldMessage *fm = data;

  /* The field is being finalized, most likely with the list around it:
   * the caption goes with its parent, touching it now would re-enter the
   * list's teardown. */
  if (fm->holder != NULL)
    g_object_remove_weak_pointer (G_OBJECT (fm->holder), (gpointer *) &fm->holder);
  g_free (fm->text);
  g_free (fm);
}

static const char *
severity_class (RtesIssueSeverity severity)
{
  return severity == RTES_ISSUE_ERROR ? "error" : "warning";
}

/* Puts the caption right under the field: in a boxed list (preferences
 * groups, expander rows) an inert row after it reads like the row's
 * subtitle; in a plain box a label after it. */
static void
place_holder (GtkWidget    *field,
              FieldMessage *fm)
{
  GtkWidget *parent = gtk_widget_get_parent (field);

  fm->label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (fm->label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (fm->label), 0);
  gtk_widget_add_css_class (fm->label, "caption");

  if (GTK_IS_LIST_BOX (parent) && GTK_IS_LIST_BOX_ROW (field))
    {
      int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (field));

      fm->holder = gtk_list_box_row_new ();
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (fm->holder), FALSE);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (fm->holder), FALSE);
      gtk_widget_set_focusable (fm->holder, FALSE);
      gtk_widget_add_css_class (fm->holder, "rtes-field-message");
      gtk_widget_set_margin_start (fm->label, 12);
      gtk_widget_set_margin_end (fm->label, 12);
      gtk_widget_set_margin_top (fm->label, 6);
      gtk_widget_set_margin_bottom (fm->label, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (fm->holder), fm->label);
      gtk_list_box_insert (GTK_LIST_BOX (parent), fm->holder, index + 1);
    }
  else if (GTK_IS_BOX (parent))
    {
      fm->holder = fm->label;
      gtk_widget_set_margin_top (fm->label, 3);
      gtk_box_insert_child_after (GTK_BOX (parent), fm->holder, field);
    }
  else
    {
      /* Nowhere to put a caption: the tooltip and style class still say it. */
      g_object_ref_sink (fm->label);
      g_object_unref (fm->label);
      fm->label = NULL;
      return;
    }

  g_object_add_weak_pointer (G_OBJECT (fm->holder), (gpointer *) &fm->holder);
}

static void
pending_message_free (gpointer data)
{
  PendingMessage *pending = data;

  g_free (pending->text);
  g_free (pending);
}

static gboolean
holds_focus (GtkWidget *field)
{
  GtkRoot *root = gtk_widget_get_root (field);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == field || gtk_widget_is_ancestor (focus, field));
}

static void show_now (GtkWidget *field, RtesIssueSeverity severity, const char *message);

static void
on_field_focus (GtkWidget *field,
                gboolean   inside,
                gpointer   data)
{
  PendingMessage *pending;

  if (inside || (pending = g_object_steal_data (G_OBJECT (field), PENDING_KEY)) == NULL)
    return;
  show_now (field, pending->severity, pending->text);
  pending_message_free (pending);
}

/* The caption under a field is a row of its own: adding, changing or
 * removing it moves the rows below. While the person types in the field,
 * that would move what they are about to click, so the message waits
 * until the focus leaves the field; colours and captions then change
 * together, once. */
static void
show_later (GtkWidget         *field,
            RtesIssueSeverity  severity,
            const char        *message)
{
  PendingMessage *pending = g_new0 (PendingMessage, 1);

  pending->severity = severity;
  pending->text = g_strdup (message);
  g_object_set_data_full (G_OBJECT (field), PENDING_KEY, pending, pending_message_free);

  rtes_editor_watch_focus (field, WATCHED_KEY, on_field_focus, NULL);
}

void
rtes_field_message_set (GtkWidget         *field,
                        RtesIssueSeverity  severity,
                        const char        *message)
{
  g_return_if_fail (GTK_IS_WIDGET (field));

  if (holds_focus (field))
    {
      show_later (field, severity, message);
      return;
    }
  g_object_set_data (G_OBJECT (field), PENDING_KEY, NULL);
  show_now (field, severity, message);
}

static void
show_now (GtkWidget         *field,
          RtesIssueSeverity  severity,
          const char        *message)
{
  FieldMessage *fm = g_object_get_data (G_OBJECT (field), MESSAGE_KEY);

  if (message == NULL)
    {
      if (fm == NULL)
        return;
      gtk_widget_remove_css_class (field, severity_class (fm->severity));
      gtk_widget_set_tooltip_text (field, NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID);
      remove_holder (fm);
      g_object_set_data (G_OBJECT (field), MESSAGE_KEY, NULL);
      return;
    }

  if (fm != NULL && fm->severity == severity && g_strcmp0 (fm->text, message) == 0)
    return;

  if (fm == NULL)
    {
      fm = g_new0 (FieldMessage, 1);
      g_object_set_data_full (G_OBJECT (field), MESSAGE_KEY, fm, field_message_free);
      place_holder (field, fm);
    }
  else
    {
      gtk_widget_remove_css_class (field, severity_class (fm->severity));
      if (fm->label != NULL)
        gtk_widget_remove_css_class (fm->label, severity_class (fm->severity));
    }

  g_free (fm->text);
  fm->text = g_strdup (message);
  fm->severity = severity;

  gtk_widget_add_css_class (field, severity_class (severity));
  gtk_widget_set_tooltip_text (field, message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (field),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (field),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
  if (fm->label != NULL)
    {
      gtk_label_set_text (GTK_LABEL (fm->label), message);
      gtk_widget_add_css_class (fm->label, severity_class (severity));
    }
}

void
rtes_field_message_set_local (GtkWidget  *field,
                              const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (field));

  if (g_strcmp0 (g_object_get_data (G_OBJECT (field), LOCAL_KEY), message) == 0)
    return;
  g_object_set_data_full (G_OBJECT (field), LOCAL_KEY, g_strdup (message), g_free);
  /* Cleared: the model's own message, if any, comes back with the next
   * validation, a moment later. */
  rtes_field_message_set (field, RTES_ISSUE_ERROR, message);
}

const char *
rtes_field_message_get (GtkWidget *field)
{
  FieldMessage *fm = g_object_get_data (G_OBJECT (field), MESSAGE_KEY);

  return fm != NULL ? fm->text : NULL;
}

void
rtes_field_message_apply (GHashTable *fields,
                          GPtrArray  *issues,
                          const char *prefix)
{
  GHashTableIter iter;
  gpointer key, value;
  gsize prefix_len = prefix != NULL ? strlen (prefix) : 0;

  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *path = key;
      RtesIssue *found = NULL;

      /* What is typed cannot be stored yet: that says more than an issue
       * about the value the fiche still holds. */
      if (g_object_get_data (G_OBJECT (value), LOCAL_KEY) != NULL)
        continue;

      for (guint i = 0; issues != NULL && i < issues->len; i++)
        {
          RtesIssue *issue = g_ptr_array_index (issues, i);

          if (issue->severity == RTES_ISSUE_MISSING || issue->field == NULL)
            continue;
          if (prefix_len > 0 && strncmp (issue->field, prefix, prefix_len) != 0)
            continue;
          if (g_strcmp0 (issue->field + prefix_len, path) == 0)
            {
              found = issue;
              break;
            }
        }

      if (found != NULL)
        rtes_field_message_set (value, found->severity, found->message);
      else
        rtes_field_message_set (value, RTES_ISSUE_WARNING, NULL);
    }
}
