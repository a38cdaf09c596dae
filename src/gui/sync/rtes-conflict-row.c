/* rtes-conflict-row.c: one conflicting place, base / site / local side by side
 *
 * A row is titled with the place in words ("Contacts › Jean Dupont ›
 * Phone") and shows the three values as text a person can read: text as
 * it is, a contact or a budget line on one line, the address as an
 * address, tags as a list, and anything else (members this version does
 * not know) as indented JSON. "Edit" opens the local value for editing in
 * the same form; the row only collects the choice, RtesConflictView
 * applies it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rtes-conflict-row.h"
#include "rtes-fiche-path.h"

struct _RtesConflictRow
{
  AdwBin parent_instance;

  /* template widgets */
  GtkLabel          *title_label;
  GtkLabel          *base_label;
  GtkLabel          *theirs_label;
  GtkLabel          *mine_label;
  GtkWidget         *controls;
  GtkToggleButton   *mine_button;
  GtkToggleButton   *theirs_button;
  GtkToggleButton   *edit_button;
  GtkWidget         *resolve_button;
  GtkWidget         *edit_scroller;
  GtkTextView       *edit_view;
  GtkLabel          *error_label;

  /* owned */
  RtesConflict      *conflict;
};

G_DEFINE_FINAL_TYPE (RtesConflictRow, rtes_conflict_row, ADW_TYPE_BIN)

enum {
  RESOLVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct {
  const char *field;
  const char *label;
} field_labels[] = {
  { "name", N_("Name") },
  { "status", N_("Status") },
  { "kind", N_("Type of Authority") },
  { "region", N_("Region") },
  { "population", N_("Population") },
  { "population_note", N_("Population Note") },
  { "member_since", N_("Member Since") },
  { "updated", N_("Last Update") },
  { "address", N_("Address") },
  { "panorama", N_("ESS Overview") },
  { "budget", N_("Budget") },
  { "programme", N_("Programme") },
  { "actions", N_("Actions Supported") },
  { "contacts", N_("Contacts") },
  { "tags", N_("Tags") },
};

/* Members of an address, a budget, a contact or a budget line. */
static const struct {
  const char *member;
  const char *label;
} member_labels[] = {
  { "lines", N_("Street") },
  { "postcode", N_("Postcode") },
  { "city", N_("City") },
  { "country", N_("Country") },
  { "text", N_("Budget Text") },
  { "role", N_("Role") },
  { "category", N_("Category") },
  { "name", N_("Name") },
  { "title", N_("Title") },
  { "service", N_("Service") },
  { "email", N_("E-mail") },
  { "phone", N_("Phone") },
  { "rtes_board", N_("RTES board") },
  { "amount", N_("Amount") },
  { "section", N_("Section") },
  { "year", N_("Year") },
  { "forecast", N_("Forecast") },
  { "label", N_("Label") },
};

static const char *
member_label (const char *member)
{
  for (guint i = 0; i < G_N_ELEMENTS (member_labels); i++)
    if (g_strcmp0 (member_labels[i].member, member) == 0)
      return g_dgettext (GETTEXT_PACKAGE, member_labels[i].label);
  return member;
}

const char *
rtes_conflict_field_label (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (g_strcmp0 (field_labels[i].field, field) == 0)
      return g_dgettext (GETTEXT_PACKAGE, field_labels[i].label);
  return field;
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING;
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return is_string (node) ? json_node_get_string (node) : "";
}

/* "12 rue X\nBP 3\n21000 Dijon\nFrance", when the object has that shape. */
static char *
address_text (JsonNode *node)
{
  g_autoptr(GString) text = g_string_new (NULL);
  JsonObject *object = json_node_get_object (node);
  JsonNode *lines = json_object_get_member (object, "lines");

  if (lines != NULL && JSON_NODE_HOLDS_ARRAY (lines))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (lines)); i++)
      {
        JsonNode *line = json_array_get_element (json_node_get_array (lines), i);

        if (is_string (line))
          g_string_append_printf (text, "%s\n", json_node_get_string (line));
      }
  g_string_append_printf (text, "%s %s\n%s", member_string (object, "postcode"),
                          member_string (object, "city"), member_string (object, "country"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
tags_text (JsonNode *node)
{
  JsonArray *array = json_node_get_array (node);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) tags = NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *tag = json_array_get_element (array, i);

      if (!is_string (tag))
        return json_to_string (node, TRUE);
      g_strv_builder_add (builder, json_node_get_string (tag));
    }
  tags = g_strv_builder_end (builder);
  return g_strjoinv (", ", tags);
}

/* Appends the non-empty string members, separated by commas. */
static void
append_members (GString    *text,
                JsonObject *object,
                const char *const *members)
{
  gboolean first = TRUE;

  for (guint i = 0; members[i] != NULL; i++)
    {
      const char *value = member_string (object, members[i]);

      if (value[0] == '\0')
        continue;
      g_string_append_printf (text, "%s%s", first ? "" : ", ", value);
      first = FALSE;
    }
}

/* "Élu référent: Name, title, service, email, phone (RTES board)". */
static void
append_contact (GString    *text,
                JsonObject *contact)
{
  static const char *const details[] = { "name", "title", "service", "email", "phone", NULL };
  const char *role = member_string (contact, "role");
  JsonNode *value;

  if (role[0] != '\0')
    /* Translators: a contact's role before their name, "Élu référent: Claude Martin" */
    g_string_append_printf (text, _("%s: "), role);
  append_members (text, contact, details);
  value = json_object_get_member (contact, "rtes_board");
  if (value != NULL && JSON_NODE_HOLDS_VALUE (value)
      && json_node_get_value_type (value) == G_TYPE_BOOLEAN && json_node_get_boolean (value))
    g_string_append_printf (text, " (%s)", _("RTES board"));
}

/* One line per contact. */
static char *
contacts_text (JsonNode *node)
{
  JsonArray *array = json_node_get_array (node);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return json_to_string (node, TRUE);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      append_contact (text, json_node_get_object (element));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "29000 € (2022), fonctionnement, label, forecast" */
static void
append_line (GString    *text,
             JsonObject *line)
{
  JsonNode *value = json_object_get_member (line, "amount");
  g_autofree char *amount = value && JSON_NODE_HOLDS_VALUE (value) ? json_to_string (value, FALSE) : g_strdup ("?");

  g_string_append_printf (text, "%s €", amount);
  value = json_object_get_member (line, "year");
  if (value != NULL && JSON_NODE_HOLDS_VALUE (value))
    g_string_append_printf (text, " (%" G_GINT64_FORMAT ")", json_node_get_int (value));
  if (member_string (line, "section")[0] != '\0')
    g_string_append_printf (text, ", %s", member_string (line, "section"));
  if (member_string (line, "label")[0] != '\0')
    g_string_append_printf (text, ", %s", member_string (line, "label"));
  value = json_object_get_member (line, "forecast");
  if (value != NULL && JSON_NODE_HOLDS_VALUE (value)
      && json_node_get_value_type (value) == G_TYPE_BOOLEAN && json_node_get_boolean (value))
    /* Translators: a budget amount that is planned, not spent ("prévisionnel") */
    g_string_append_printf (text, ", %s", _("forecast"));
}

/* The budget text, then one line per amount. */
static char *
budget_text (JsonNode *node)
{
  JsonObject *budget = json_node_get_object (node);
  JsonNode *lines = json_object_get_member (budget, "lines");
  g_autoptr(GString) text = g_string_new (member_string (budget, "text"));

  if (lines == NULL || !JSON_NODE_HOLDS_ARRAY (lines))
    return g_string_free (g_steal_pointer (&text), FALSE);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (lines)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (lines), i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return json_to_string (node, TRUE);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      append_line (text, json_node_get_object (element));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A path's list: "contacts" or "budget.lines" when @path names one of
 * their items or an item's member; NULL otherwise. */
static const char *
item_list (const char *path)
{
  if (g_str_has_prefix (path, "contacts["))
    return "contacts";
  if (g_str_has_prefix (path, "budget.lines["))
    return "budget.lines";
  return NULL;
}

/* A whole contact or budget line, on one line. */
static char *
item_text (const char *list,
           JsonNode   *node)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (g_str_equal (list, "contacts"))
    append_contact (text, json_node_get_object (node));
  else
    append_line (text, json_node_get_object (node));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
value_text (const char *field,
            JsonNode   *node)
{
  const char *list = item_list (field);

  /* A whole contact or line missing on one side was deleted there. */
  if (node == NULL && list != NULL && g_str_has_suffix (field, "]"))
    return g_strdup (_("(deleted)"));
  if (node == NULL)
    return g_strdup (_("(absent)"));
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("(empty)"));
  if (is_string (node))
    return g_strdup (json_node_get_string (node)[0] ? json_node_get_string (node) : _("(empty)"));
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? _("yes") : _("no"));
  if (list != NULL && g_str_has_suffix (field, "]") && JSON_NODE_HOLDS_OBJECT (node))
    return item_text (list, node);
  if (g_str_equal (field, "address") && JSON_NODE_HOLDS_OBJECT (node))
    return address_text (node);
  if (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) == 0)
    return g_strdup (_("(empty)"));
  if (g_str_equal (field, "tags") && JSON_NODE_HOLDS_ARRAY (node))
    return tags_text (node);
  if (g_str_equal (field, "contacts") && JSON_NODE_HOLDS_ARRAY (node))
    return contacts_text (node);
  if (g_str_equal (field, "budget") && JSON_NODE_HOLDS_OBJECT (node))
    return budget_text (node);
  return json_to_string (node, TRUE);
}

/* Who an item is, for a title: a contact's name (else role), a budget
 * line's amount and year. */
static char *
item_name (const char *list,
           JsonNode   *item)
{
  JsonObject *object;

  if (item == NULL || !JSON_NODE_HOLDS_OBJECT (item))
    return g_strdup (g_str_equal (list, "contacts") ? _("A contact") : _("A budget line"));
  object = json_node_get_object (item);
  if (g_str_equal (list, "contacts"))
    {
      const char *name = member_string (object, "name");

      if (name[0] == '\0')
        name = member_string (object, "role");
      return g_strdup (name[0] != '\0' ? name : _("A contact"));
    }
  return item_text (list, item);
}

/* "Contacts › Jean Dupont › Phone", "Address › City", "Name". The item is
 * looked up in @document (the local fiche), else in the conflict's own
 * values when they are the whole item. */
static char *
place_label (const RtesConflict *conflict,
             JsonNode           *document)
{
  const char *path = conflict->path;
  const char *list = item_list (path);
  const char *dot;

  if (list != NULL)
    {
      const char *close = strchr (path, ']');
      g_autofree char *item_path = g_strndup (path, close + 1 - path);
      JsonNode *item = document != NULL ? rtes_fiche_path_get (document, item_path) : NULL;
      g_autofree char *name = NULL;
      const char *list_label = rtes_conflict_field_label (g_str_equal (list, "contacts") ? "contacts" : "budget");

      if (item == NULL && close[1] == '\0')
        item = conflict->mine != NULL ? conflict->mine : conflict->theirs;
      name = item_name (list, item);
      if (close[1] == '.')
        /* Translators: where a sync conflict is: list › item › field */
        return g_strdup_printf (_("%s › %s › %s"), list_label, name, member_label (close + 2));
      /* Translators: where a sync conflict is: list › item */
      return g_strdup_printf (_("%s › %s"), list_label, name);
    }
  dot = strchr (path, '.');
  if (dot != NULL)
    {
      g_autofree char *top = g_strndup (path, dot - path);

      return g_strdup_printf (_("%s › %s"), rtes_conflict_field_label (top), member_label (dot + 1));
    }
  return g_strdup (rtes_conflict_field_label (path));
}

/* Text fields are edited as text, the rest as JSON. */
static gboolean
edits_as_text (RtesConflictRow *self)
{
  return is_string (self->conflict->mine) || is_string (self->conflict->theirs);
}

static void
on_edit_toggled (RtesConflictRow *self)
{
  gboolean editing = gtk_toggle_button_get_active (self->edit_button);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->edit_view);

  if (editing && gtk_text_buffer_get_char_count (buffer) == 0)
    {
      JsonNode *mine = self->conflict->mine;
      g_autofree char *text = NULL;

      if (edits_as_text (self))
        text = g_strdup (is_string (mine) ? json_node_get_string (mine) : "");
      else
        text = mine ? json_to_string (mine, TRUE) : g_strdup ("null");
      gtk_text_buffer_set_text (buffer, text, -1);
    }
  gtk_widget_set_visible (self->edit_scroller, editing);
  if (editing)
    gtk_widget_grab_focus (GTK_WIDGET (self->edit_view));
}

static void
on_resolve_clicked (RtesConflictRow *self)
{
  g_signal_emit (self, signals[RESOLVE], 0);
}

static void
rtes_conflict_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RTES_TYPE_CONFLICT_ROW);
  G_OBJECT_CLASS (rtes_conflict_row_parent_class)->dispose (object);
}

static void
rtes_conflict_row_finalize (GObject *object)
{
  RtesConflictRow *self = RTES_CONFLICT_ROW (object);

  g_clear_pointer (&self->conflict, rtes_conflict_free);
  G_OBJECT_CLASS (rtes_conflict_row_parent_class)->finalize (object);
}

static void
rtes_conflict_row_class_init (RtesConflictRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rtes_conflict_row_dispose;
  object_class->finalize = rtes_conflict_row_finalize;

  /**
   * RtesConflictRow::resolve:
   *
   * The person pressed "Mark Resolved"; read the choice with
   * rtes_conflict_row_get_resolution().
   */
  signals[RESOLVE] = g_signal_new ("resolve", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/fr/rtes/Fiches/sync/rtes-conflict-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RtesConflictRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictRow, base_label);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictRow, theirs_label);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictRow, mine_label);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictRow, controls);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictRow, mine_button);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictRow, theirs_button);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictRow, resolve_button);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictRow, edit_scroller);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictRow, edit_view);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictRow, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_resolve_clicked);
}

static void
rtes_conflict_row_init (RtesConflictRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rtes_conflict_row_new (const RtesConflict *conflict,
                       JsonNode           *document)
{
  RtesConflictRow *self;
  g_autofree char *title = NULL;
  g_autofree char *base = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *mine = NULL;

  g_return_val_if_fail (conflict != NULL, NULL);

  self = g_object_new (RTES_TYPE_CONFLICT_ROW, NULL);
  self->conflict = rtes_conflict_copy (conflict);
  title = place_label (conflict, document);
  gtk_label_set_label (self->title_label, title);
  base = value_text (conflict->path, conflict->base);
  theirs = value_text (conflict->path, conflict->theirs);
  mine = value_text (conflict->path, conflict->mine);
  gtk_label_set_label (self->base_label, base);
  gtk_label_set_label (self->theirs_label, theirs);
  gtk_label_set_label (self->mine_label, mine);
  return GTK_WIDGET (self);
}

const RtesConflict *
rtes_conflict_row_get_conflict (RtesConflictRow *self)
{
  g_return_val_if_fail (RTES_IS_CONFLICT_ROW (self), NULL);
  return self->conflict;
}

gboolean
rtes_conflict_row_get_resolution (RtesConflictRow     *self,
                                  RtesSyncResolution  *resolution,
                                  JsonNode           **value,
                                  GError             **error)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  g_return_val_if_fail (RTES_IS_CONFLICT_ROW (self), FALSE);

  *value = NULL;
  if (gtk_toggle_button_get_active (self->mine_button))
    {
      *resolution = RTES_SYNC_RESOLVE_MINE;
      return TRUE;
    }
  if (gtk_toggle_button_get_active (self->theirs_button))
    {
      *resolution = RTES_SYNC_RESOLVE_THEIRS;
      return TRUE;
    }

  *resolution = RTES_SYNC_RESOLVE_VALUE;
  buffer = gtk_text_view_get_buffer (self->edit_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (edits_as_text (self))
    {
      *value = json_node_init_string (json_node_alloc (), text);
      return TRUE;
    }
  *value = json_from_string (text, error);
  if (*value == NULL && error != NULL && *error == NULL)
    g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE, _("The value is empty"));
  return *value != NULL;
}

void
rtes_conflict_row_set_error (RtesConflictRow *self,
                             const char      *message)
{
  g_return_if_fail (RTES_IS_CONFLICT_ROW (self));
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

void
rtes_conflict_row_set_busy (RtesConflictRow *self,
                            gboolean         busy)
{
  g_return_if_fail (RTES_IS_CONFLICT_ROW (self));
  gtk_widget_set_sensitive (self->controls, !busy);
  gtk_widget_set_sensitive (self->edit_scroller, !busy);
}
