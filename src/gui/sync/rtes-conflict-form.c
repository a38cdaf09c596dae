/* rtes-conflict-form.c: one contact, budget line or field in conflict, as a form
 *
 * Two parts. On top, a grid compares the place field by field: before,
 * on the other side, here; a field whose two sides differ is marked, a
 * field in conflict more so. Under it, each field in conflict has the
 * editor's widget for its kind (an entry row, an RtesNumberRow, a combo
 * row, a switch, the fiche text view, or for a whole contact or budget
 * line the editor's own card) holding the value that will be kept, with
 * "Keep Mine" and "Take the Site's" beside it: choosing a side fills the
 * widget with that value, typing in it makes the value one's own.
 *
 * The form only collects choices; RtesConflictView hands them to whoever
 * owns the conflicts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rtes-budget-line-row.h"
#include "rtes-conflict-form.h"
#include "rtes-contact-row.h"
#include "rtes-fiche-describe.h"
#include "rtes-fiche-json.h"
#include "rtes-fiche-path.h"
#include "rtes-fiche-text-view.h"
#include "rtes-json-reader.h"
#include "rtes-number-row.h"
#include "rtes-vocabulary.h"

typedef enum {
  EDIT_NONE,        /* chosen, not edited: a member this version does not know */
  EDIT_TEXT,        /* AdwEntryRow */
  EDIT_LONG_TEXT,   /* RtesFicheTextView: panorama, programme… */
  EDIT_LINES,       /* a text view, one line per element: the street lines */
  EDIT_AMOUNT,      /* RtesNumberRow */
  EDIT_COUNT,
  EDIT_YEAR,
  EDIT_SWITCH,      /* AdwActionRow with a GtkSwitch */
  EDIT_CHOICE,      /* AdwComboRow over ids */
  EDIT_ITEM,        /* a whole contact or budget line: the editor's card */
} EditKind;

typedef enum {
  PICK_MINE,
  PICK_THEIRS,
  PICK_EDITED,
} Pick;

typedef struct {
  RtesConflictForm *form;       /* unowned: the form owns the field */
  RtesConflict     *conflict;   /* borrowed from the form */
  EditKind          kind;
  Pick              pick;
  /* Set while the form, not a person, changes the widgets. */
  gboolean          filling;

  GtkWidget        *row;        /* what the choices group holds */
  GtkWidget        *control;    /* the editable, text view, switch or combo row */
  GtkWidget        *mine_button;
  GtkWidget        *theirs_button;
  GPtrArray        *ids;        /* EDIT_CHOICE: char*, NULL for "not said" */

  /* EDIT_ITEM */
  gboolean          contact;
  GObject          *item;       /* the RtesContact or RtesBudgetLine shown */
  GtkListBox       *card_list;
  GtkWidget        *deleted_label;
} Field;

struct _RtesConflictForm
{
  AdwBin               parent_instance;

  /* template widgets */
  GtkLabel            *title_label;
  GtkLabel            *subtitle_label;
  GtkGrid             *grid;
  AdwPreferencesGroup *choices_group;
  GtkBox              *item_box;
  GtkLabel            *error_label;

  /* state */
  RtesConflictSide     side;
  char                *place;
  GPtrArray           *conflicts;   /* RtesConflict* */
  GPtrArray           *fields;      /* Field* */
};

G_DEFINE_FINAL_TYPE (RtesConflictForm, rtes_conflict_form, ADW_TYPE_BIN)

enum {
  APPLY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- places ---- */

static gboolean
is_item_place (const char *path)
{
  return g_str_has_prefix (path, "contacts[") || g_str_has_prefix (path, "budget.lines[");
}

char *
rtes_conflict_form_place_of (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (is_item_place (path))
    {
      const char *close = strchr (path, ']');

      if (close != NULL)
        return g_strndup (path, close + 1 - path);
    }
  if (g_str_has_prefix (path, "address."))
    return g_strdup ("address");
  return g_strdup (path);
}

static EditKind
edit_kind_for (const RtesConflict *conflict)
{
  const char *path = conflict->path;
  const char *member = rtes_fiche_path_last_member (path);
  static const char *const texts[] = {
    "name", "role", "title", "service", "email", "phone", "label",
    "postcode", "city", "country", "population_note",
  };
  static const char *const long_texts[] = { "panorama", "programme", "actions", "budget.text" };
  static const char *const choices[] = { "section", "category", "kind", "region", "status" };

  if (is_item_place (path) && g_str_has_suffix (path, "]"))
    return EDIT_ITEM;
  /* Whole lists and objects, as older versions recorded them. */
  if (g_str_equal (path, "contacts") || g_str_equal (path, "budget") || g_str_equal (path, "address")
      || g_str_equal (path, "budget.lines") || g_str_equal (path, "tags"))
    return EDIT_NONE;
  if (g_str_equal (path, "address.lines"))
    return EDIT_LINES;
  for (guint i = 0; i < G_N_ELEMENTS (long_texts); i++)
    if (g_str_equal (path, long_texts[i]))
      return EDIT_LONG_TEXT;
  if (g_str_equal (member, "amount"))
    return EDIT_AMOUNT;
  if (g_str_equal (member, "year") || g_str_equal (member, "member_since"))
    return EDIT_YEAR;
  if (g_str_equal (member, "population"))
    return EDIT_COUNT;
  if (g_str_equal (member, "forecast") || g_str_equal (member, "rtes_board"))
    return EDIT_SWITCH;
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    if (g_str_equal (member, choices[i]))
      return EDIT_CHOICE;
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (g_str_equal (member, texts[i]))
      return EDIT_TEXT;
  /* A member this version does not know: text if both sides are text. */
  if ((conflict->mine == NULL || JSON_NODE_HOLDS_VALUE (conflict->mine))
      && (conflict->theirs == NULL || JSON_NODE_HOLDS_VALUE (conflict->theirs))
      && (conflict->mine == NULL || json_node_get_value_type (conflict->mine) == G_TYPE_STRING)
      && (conflict->theirs == NULL || json_node_get_value_type (conflict->theirs) == G_TYPE_STRING))
    return EDIT_TEXT;
  return EDIT_NONE;
}

/* ---- values ---- */

static double
number_of (JsonNode *node)
{
  double value;

  return rtes_json_get_number (node, &value) ? value : NAN;
}

/* As the fiche writer writes numbers: whole ones as integers. */
static JsonNode *
number_node (double value)
{
  if (value == floor (value) && fabs (value) < 9007199254740992.0)
    return json_node_init_int (json_node_alloc (), (gint64) value);
  return json_node_init_double (json_node_alloc (), value);
}

/* A contact or budget line as the model has it, read by the fiche reader
 * from a fiche that holds only it: the same checks as any fiche. */
static GObject *
item_from_json (gboolean  contact,
                JsonNode *item)
{
  g_autoptr(JsonNode) doc = json_node_init_object (json_node_alloc (), json_object_new ());
  JsonObject *root = json_node_get_object (doc);
  JsonArray *list = json_array_new ();
  g_autoptr(RtesFiche) fiche = NULL;

  json_object_set_string_member (root, "format", "rtes-fiche");
  json_object_set_int_member (root, "version", 1);
  json_object_set_string_member (root, "id", "conflict");
  json_object_set_string_member (root, "name", "conflict");
  json_array_add_element (list, json_node_copy (item));
  if (contact)
    json_object_set_array_member (root, "contacts", list);
  else
    {
      JsonObject *budget = json_object_new ();

      json_object_set_array_member (budget, "lines", list);
      json_object_set_object_member (root, "budget", budget);
    }
  fiche = rtes_fiche_new_from_json (doc, "conflict", NULL, NULL);
  if (fiche == NULL)
    return NULL;
  return g_list_model_get_item (contact ? G_LIST_MODEL (rtes_fiche_get_contacts (fiche))
                                        : G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche)), 0);
}

static JsonNode *
item_to_json (gboolean  contact,
              GObject  *item)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("conflict", "conflict");
  g_autoptr(JsonNode) doc = NULL;
  JsonNode *node;

  g_list_store_append (contact ? rtes_fiche_get_contacts (fiche) : rtes_fiche_get_budget_lines (fiche), item);
  doc = rtes_fiche_to_json (fiche);
  node = rtes_fiche_path_get (doc, contact ? "contacts[0]" : "budget.lines[0]");
  return node != NULL ? json_node_copy (node) : NULL;
}

/* ---- choices of a combo ---- */

static void
add_choice (Field         *f,
            GtkStringList *labels,
            const char    *id,
            const char    *label)
{
  g_ptr_array_add (f->ids, g_strdup (id));
  gtk_string_list_append (labels, label);
}

static GListModel *
choice_model (Field *f)
{
  const char *member = rtes_fiche_path_last_member (f->conflict->path);
  GtkStringList *labels = gtk_string_list_new (NULL);
  const RtesTerm *terms = NULL;
  const char *values[] = { rtes_json_get_string (f->conflict->mine), rtes_json_get_string (f->conflict->theirs) };

  f->ids = g_ptr_array_new_with_free_func (g_free);
  if (g_str_equal (member, "section"))
    {
      add_choice (f, labels, NULL, C_("budget section", "Not specified"));
      add_choice (f, labels, RTES_SECTION_FONCTIONNEMENT, _("Operating"));
      add_choice (f, labels, RTES_SECTION_INVESTISSEMENT, _("Investment"));
    }
  else if (g_str_equal (member, "category"))
    {
      add_choice (f, labels, "", C_("contact category", "Not specified"));
      add_choice (f, labels, RTES_CONTACT_ELECTED, C_("contact category", "Elected official"));
      add_choice (f, labels, RTES_CONTACT_STAFF, C_("contact category", "Staff"));
    }
  else if (g_str_equal (member, "status"))
    {
      add_choice (f, labels, RTES_STATUS_DRAFT, C_("fiche status", "Draft"));
      add_choice (f, labels, RTES_STATUS_PUBLISHED, C_("fiche status", "Published"));
    }
  else if (g_str_equal (member, "kind"))
    {
      add_choice (f, labels, NULL, C_("kind of collectivity", "Not specified"));
      terms = rtes_kinds ();
    }
  else
    {
      add_choice (f, labels, NULL, C_("region", "Not specified"));
      terms = rtes_regions ();
    }
  for (; terms != NULL && terms->id != NULL; terms++)
    add_choice (f, labels, terms->id, rtes_term_label (terms));
  /* A value this version does not know stays choosable, as it is. */
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      gboolean known = values[i] == NULL;

      for (guint j = 0; !known && j < f->ids->len; j++)
        known = g_strcmp0 (g_ptr_array_index (f->ids, j), values[i]) == 0;
      if (!known)
        add_choice (f, labels, values[i], values[i]);
    }
  return G_LIST_MODEL (labels);
}

static guint
choice_position (Field    *f,
                 JsonNode *value)
{
  const char *id = rtes_json_get_string (value);

  /* An absent status reads as published, as the fiche reader has it. */
  if (id == NULL && g_str_equal (rtes_fiche_path_last_member (f->conflict->path), "status"))
    id = RTES_STATUS_PUBLISHED;
  for (guint i = 0; i < f->ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (f->ids, i), id) == 0)
      return i;
  return 0;
}

/* ---- filling and reading the widgets ---- */

static char *
text_view_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void item_notify (Field *f);

static void
fill_item (Field    *f,
           JsonNode *value)
{
  GtkWidget *card;

  if (f->item != NULL)
    g_signal_handlers_disconnect_by_data (f->item, f);
  g_clear_object (&f->item);
  while ((card = gtk_widget_get_first_child (GTK_WIDGET (f->card_list))) != NULL)
    gtk_list_box_remove (f->card_list, card);
  f->item = value != NULL && JSON_NODE_HOLDS_OBJECT (value) ? item_from_json (f->contact, value) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (f->card_list), f->item != NULL);
  gtk_widget_set_visible (f->deleted_label, f->item == NULL);
  if (f->item == NULL)
    return;
  card = f->contact ? rtes_contact_row_new (RTES_CONTACT (f->item), NULL)
                    : rtes_budget_line_row_new (RTES_BUDGET_LINE (f->item));
  gtk_list_box_append (f->card_list, card);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (card), TRUE);
  /* A card writes to its item at once: any notification is an edit. */
  g_signal_connect_swapped (f->item, "notify", G_CALLBACK (item_notify), f);
}

static void
fill (Field    *f,
      JsonNode *value)
{
  g_autofree char *joined = NULL;

  f->filling = TRUE;
  switch (f->kind)
    {
    case EDIT_TEXT:
      gtk_editable_set_text (GTK_EDITABLE (f->control),
                             rtes_json_get_string (value) != NULL ? rtes_json_get_string (value) : "");
      break;
    case EDIT_LONG_TEXT:
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->control)),
                                rtes_json_get_string (value) != NULL ? rtes_json_get_string (value) : "", -1);
      break;
    case EDIT_LINES:
      {
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        g_auto(GStrv) lines = NULL;

        for (guint i = 0; value != NULL && JSON_NODE_HOLDS_ARRAY (value)
                          && i < json_array_get_length (json_node_get_array (value)); i++)
          {
            const char *line = rtes_json_get_string (json_array_get_element (json_node_get_array (value), i));

            if (line != NULL)
              g_strv_builder_add (builder, line);
          }
        lines = g_strv_builder_end (builder);
        joined = g_strjoinv ("\n", lines);
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->control)), joined, -1);
      }
      break;
    case EDIT_AMOUNT:
    case EDIT_COUNT:
    case EDIT_YEAR:
      rtes_number_row_set_value (RTES_NUMBER_ROW (f->control), number_of (value));
      break;
    case EDIT_SWITCH:
      gtk_switch_set_active (GTK_SWITCH (f->control),
                             value != NULL && JSON_NODE_HOLDS_VALUE (value)
                             && json_node_get_value_type (value) == G_TYPE_BOOLEAN
                             && json_node_get_boolean (value));
      break;
    case EDIT_CHOICE:
      adw_combo_row_set_selected (ADW_COMBO_ROW (f->control), choice_position (f, value));
      break;
    case EDIT_ITEM:
      fill_item (f, value);
      break;
    case EDIT_NONE:
    default:
      break;
    }
  f->filling = FALSE;
}

/* The value a person typed, read as the editor reads it. FALSE with a
 * message naming the field when it does not read. *@value NULL: the place
 * is to be removed (an emptied year). */
static gboolean
read_value (Field     *f,
            JsonNode **value,
            GError   **error)
{
  g_autofree char *label = rtes_fiche_describe_field (f->conflict->path);
  double number;

  *value = NULL;
  switch (f->kind)
    {
    case EDIT_TEXT:
      *value = json_node_init_string (json_node_alloc (), gtk_editable_get_text (GTK_EDITABLE (f->control)));
      return TRUE;
    case EDIT_LONG_TEXT:
      {
        g_autofree char *text = text_view_text (f->control);

        *value = json_node_init_string (json_node_alloc (), text);
        return TRUE;
      }
    case EDIT_LINES:
      {
        g_autofree char *text = text_view_text (f->control);
        g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
        JsonArray *array = json_array_new ();

        for (guint i = 0; lines[i] != NULL; i++)
          if (*g_strstrip (lines[i]) != '\0')
            json_array_add_string_element (array, lines[i]);
        *value = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
        return TRUE;
      }
    case EDIT_AMOUNT:
    case EDIT_COUNT:
    case EDIT_YEAR:
      if (!rtes_number_row_read (RTES_NUMBER_ROW (f->control), &number))
        {
          const char *hint = f->kind == EDIT_AMOUNT ? _("Type an amount in euros, such as 6 100 000 or 350 k€.")
                             : f->kind == EDIT_COUNT ? _("Type a number of inhabitants, such as 48 200 or 1,2 million.")
                             : _("Type a year, such as 2023.");

          /* Translators: "Amount: Type an amount in euros, such as …" */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s: %s"), label, hint);
          return FALSE;
        }
      /* An emptied amount is 0, as in the editor; an emptied count or
       * year is no longer said. */
      if (isnan (number) && f->kind == EDIT_AMOUNT)
        number = 0;
      *value = isnan (number) ? NULL : number_node (number);
      return TRUE;
    case EDIT_SWITCH:
      *value = json_node_init_boolean (json_node_alloc (), gtk_switch_get_active (GTK_SWITCH (f->control)));
      return TRUE;
    case EDIT_CHOICE:
      {
        guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (f->control));
        const char *id = selected < f->ids->len ? g_ptr_array_index (f->ids, selected) : NULL;

        *value = id != NULL ? json_node_init_string (json_node_alloc (), id) : NULL;
        return TRUE;
      }
    case EDIT_ITEM:
      *value = f->item != NULL ? item_to_json (f->contact, f->item) : NULL;
      return TRUE;
    case EDIT_NONE:
    default:
      return TRUE;
    }
}

/* ---- choosing ---- */

static void
set_toggles (Field *f)
{
  f->filling = TRUE;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (f->mine_button), f->pick == PICK_MINE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (f->theirs_button), f->pick == PICK_THEIRS);
  f->filling = FALSE;
}

static void
pick (Field *f,
      Pick   side)
{
  f->pick = side;
  set_toggles (f);
  fill (f, side == PICK_THEIRS ? f->conflict->theirs : f->conflict->mine);
  rtes_conflict_form_set_error (f->form, NULL);
}

static void
mine_toggled (Field *f)
{
  if (f->filling)
    return;
  /* A choice is never undone by pressing it again: the other one is. */
  pick (f, gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (f->mine_button)) || f->pick == PICK_MINE
           ? PICK_MINE : f->pick);
}

static void
theirs_toggled (Field *f)
{
  if (f->filling)
    return;
  pick (f, gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (f->theirs_button)) || f->pick == PICK_THEIRS
           ? PICK_THEIRS : f->pick);
}

/* The person typed: the value is theirs to write, neither side's. */
static void
edited (Field *f)
{
  if (f->filling)
    return;
  /* Whatever was said about the last value is about another one now. */
  rtes_conflict_form_set_error (f->form, NULL);
  if (f->pick == PICK_EDITED)
    return;
  f->pick = PICK_EDITED;
  set_toggles (f);
}

static void
item_notify (Field *f)
{
  edited (f);
}

/* ---- building ---- */

static GtkWidget *
choice_buttons (RtesConflictForm *self,
                Field            *f)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  f->mine_button = gtk_toggle_button_new_with_mnemonic (_("_Keep Mine"));
  f->theirs_button = gtk_toggle_button_new_with_mnemonic (self->side == RTES_CONFLICT_SIDE_SITE
                                                          ? _("_Take the Site’s") : _("_Take the Export’s"));
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), f->mine_button);
  gtk_box_append (GTK_BOX (box), f->theirs_button);
  g_signal_connect_swapped (f->mine_button, "toggled", G_CALLBACK (mine_toggled), f);
  g_signal_connect_swapped (f->theirs_button, "toggled", G_CALLBACK (theirs_toggled), f);
  return box;
}

static GtkWidget *
text_view_box (Field      *f,
               const char *title,
               GtkWidget  *view,
               GtkWidget  *buttons)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (header), label);
  gtk_box_append (GTK_BOX (header), buttons);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 80);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_add_css_class (scroller, "card");
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed", G_CALLBACK (edited), f);
  return box;
}

/* The editor's widget for the field, with the two choices beside it. */
static void
build_editor (RtesConflictForm *self,
              Field            *f)
{
  g_autofree char *title = rtes_fiche_describe_field (f->conflict->path);
  GtkWidget *buttons = choice_buttons (self, f);

  switch (f->kind)
    {
    case EDIT_TEXT:
      f->row = f->control = adw_entry_row_new ();
      g_signal_connect_swapped (f->control, "changed", G_CALLBACK (edited), f);
      break;
    case EDIT_AMOUNT:
    case EDIT_COUNT:
    case EDIT_YEAR:
      f->row = f->control = rtes_number_row_new (f->kind == EDIT_AMOUNT ? RTES_NUMBER_AMOUNT
                                                 : f->kind == EDIT_COUNT ? RTES_NUMBER_COUNT
                                                 : RTES_NUMBER_YEAR);
      g_signal_connect_swapped (f->control, "changed", G_CALLBACK (edited), f);
      break;
    case EDIT_SWITCH:
      f->row = adw_action_row_new ();
      f->control = gtk_switch_new ();
      gtk_widget_set_valign (f->control, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (f->row), f->control);
      g_signal_connect_swapped (f->control, "notify::active", G_CALLBACK (edited), f);
      break;
    case EDIT_CHOICE:
      {
        g_autoptr(GListModel) model = choice_model (f);

        f->row = f->control = adw_combo_row_new ();
        adw_combo_row_set_model (ADW_COMBO_ROW (f->control), model);
        g_signal_connect_swapped (f->control, "notify::selected", G_CALLBACK (edited), f);
      }
      break;
    case EDIT_LONG_TEXT:
      f->control = rtes_fiche_text_view_new ();
      f->row = text_view_box (f, title, f->control, buttons);
      break;
    case EDIT_LINES:
      f->control = gtk_text_view_new ();
      f->row = text_view_box (f, title, f->control, buttons);
      break;
    case EDIT_NONE:
    case EDIT_ITEM:
    default:
      f->row = adw_action_row_new ();
      break;
    }

  if (ADW_IS_PREFERENCES_ROW (f->row))
    {
      /* Titles are markup in rows: a member this version does not know
       * keeps its own name, whatever characters it has. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (f->row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f->row), title);
      if (ADW_IS_ENTRY_ROW (f->row))
        adw_entry_row_add_suffix (ADW_ENTRY_ROW (f->row), buttons);
      else
        adw_action_row_add_suffix (ADW_ACTION_ROW (f->row), buttons);
    }
  if (f->kind == EDIT_NONE)
    {
      /* Nothing to edit in place: the row says which value will be kept. */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (f->row),
                                   _("Choose the value to keep; change it afterwards in the editor."));
    }
  adw_preferences_group_add (self->choices_group, f->row);
}

/* A whole contact or budget line, kept here and removed on the other
 * side (or the other way round): one choice for the item, and the
 * editor's card for the item that will be kept. */
static void
build_item_editor (RtesConflictForm *self,
                   Field            *f)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_("Version to keep"));

  f->contact = g_str_has_prefix (f->conflict->path, "contacts[");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (header), label);
  gtk_box_append (GTK_BOX (header), choice_buttons (self, f));
  f->card_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (f->card_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (f->card_list), "boxed-list");
  f->deleted_label = gtk_label_new (f->contact ? _("This contact will be deleted.")
                                               : _("This budget line will be deleted."));
  gtk_label_set_xalign (GTK_LABEL (f->deleted_label), 0);
  gtk_widget_add_css_class (f->deleted_label, "dim-label");
  gtk_box_append (self->item_box, header);
  gtk_box_append (self->item_box, GTK_WIDGET (f->card_list));
  gtk_box_append (self->item_box, f->deleted_label);
  gtk_widget_set_visible (GTK_WIDGET (self->item_box), TRUE);
}

/* ---- the comparison ---- */

typedef struct {
  JsonNode *base;
  JsonNode *theirs;
  JsonNode *mine;
  gboolean  conflict;
  gboolean  known_base;
} Values;

static GtkWidget *
cell (const char *text,
      gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, !heading);
  gtk_widget_add_css_class (label, heading ? "caption-heading" : "conflict-cell");
  if (heading)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static gboolean
show_base (RtesConflictForm *self)
{
  for (guint i = 0; i < self->conflicts->len; i++)
    if (((RtesConflict *) g_ptr_array_index (self->conflicts, i))->kind != RTES_CONFLICT_BOTH_ADDED)
      return TRUE;
  return FALSE;
}

static void
add_headings (RtesConflictForm *self,
              gboolean          base)
{
  int column = 1;

  if (base)
    gtk_grid_attach (self->grid, cell (C_("conflict column", "Before"), TRUE), column++, 0, 1, 1);
  gtk_grid_attach (self->grid, cell (self->side == RTES_CONFLICT_SIDE_SITE ? C_("conflict column", "On the Site")
                                                                           : C_("conflict column", "In the Export"),
                                     TRUE),
                   column++, 0, 1, 1);
  gtk_grid_attach (self->grid, cell (C_("conflict column", "Here"), TRUE), column, 0, 1, 1);
}

/* One field of the place, on its row of the grid. @absent_*: the side
 * does not have the item at all (deleted there), said once. */
static void
add_comparison (RtesConflictForm *self,
                int               row,
                const char       *path,
                const Values     *v,
                gboolean          base,
                const char       *theirs_text,
                const char       *mine_text)
{
  g_autofree char *label_text = rtes_fiche_describe_field (path);
  g_autofree char *base_text = v->known_base ? rtes_fiche_describe_value_whole (path, v->base) : NULL;
  g_autofree char *theirs_value = theirs_text == NULL ? rtes_fiche_describe_value_whole (path, v->theirs) : NULL;
  g_autofree char *mine_value = mine_text == NULL ? rtes_fiche_describe_value_whole (path, v->mine) : NULL;
  gboolean differs = !rtes_fiche_merge_values_equal (v->theirs, v->mine);
  GtkWidget *label = cell (label_text, FALSE);
  GtkWidget *cells[3];
  int column = 1;

  gtk_widget_set_hexpand (label, FALSE);
  gtk_widget_remove_css_class (label, "conflict-cell");
  gtk_widget_add_css_class (label, "conflict-label");
  cells[0] = base ? cell (base_text != NULL ? base_text : "", FALSE) : NULL;
  /* Before either change, for a field not in conflict: not known, and
   * not pretended. */
  if (base && base_text == NULL)
    gtk_widget_remove_css_class (cells[0], "conflict-cell");
  cells[1] = cell (theirs_text != NULL ? theirs_text : theirs_value, FALSE);
  cells[2] = cell (mine_text != NULL ? mine_text : mine_value, FALSE);
  gtk_grid_attach (self->grid, label, 0, row, 1, 1);
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      if (cells[i] == NULL)
        continue;
      if (!gtk_widget_has_css_class (cells[i], "conflict-cell"))
        {
          gtk_grid_attach (self->grid, cells[i], column++, row, 1, 1);
          continue;
        }
      /* Marked, so that the eye finds what differs; the words say it too,
       * for those who do not see colours. */
      if (v->conflict)
        gtk_widget_add_css_class (cells[i], "conflict-field");
      else if (differs)
        gtk_widget_add_css_class (cells[i], "conflict-differs");
      gtk_grid_attach (self->grid, cells[i], column++, row, 1, 1);
    }
  if (v->conflict)
    {
      gtk_widget_add_css_class (label, "conflict-field-label");
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("In conflict"), -1);
    }
  else if (differs)
    gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    _("Differs"), -1);
}

static RtesConflict *
conflict_at (RtesConflictForm *self,
             const char       *path)
{
  for (guint i = 0; i < self->conflicts->len; i++)
    {
      RtesConflict *c = g_ptr_array_index (self->conflicts, i);

      if (g_str_equal (c->path, path))
        return c;
    }
  return NULL;
}

/* The members to show for an item or the address: the known ones in the
 * editor's order, then any other one a side has. */
static GPtrArray *
members_of (const char *place,
            JsonObject *objects[3])
{
  static const char *const contact[] = { "name", "role", "category", "title", "service", "email", "phone", "rtes_board" };
  static const char *const line[] = { "amount", "section", "year", "forecast", "label" };
  static const char *const address[] = { "lines", "postcode", "city", "country" };
  const char *const *known = g_str_has_prefix (place, "contacts[") ? contact
                             : g_str_equal (place, "address") ? address : line;
  guint n_known = g_str_has_prefix (place, "contacts[") ? G_N_ELEMENTS (contact)
                  : g_str_equal (place, "address") ? G_N_ELEMENTS (address) : G_N_ELEMENTS (line);
  GPtrArray *members = g_ptr_array_new ();

  for (guint i = 0; i < n_known; i++)
    g_ptr_array_add (members, (gpointer) known[i]);
  for (guint side = 0; side < 3; side++)
    {
      g_autoptr(GList) names = objects[side] != NULL ? json_object_get_members (objects[side]) : NULL;

      for (GList *l = names; l != NULL; l = l->next)
        {
          gboolean seen = g_str_equal (l->data, "key");

          for (guint i = 0; !seen && i < members->len; i++)
            seen = g_str_equal (g_ptr_array_index (members, i), l->data);
          if (!seen)
            g_ptr_array_add (members, l->data);
        }
    }
  return members;
}

/* An item or the address, field by field. */
static void
build_object_comparison (RtesConflictForm *self,
                         JsonNode         *document,
                         JsonNode         *theirs_document,
                         gboolean          base)
{
  RtesConflict *whole = conflict_at (self, self->place);
  JsonNode *here = whole != NULL ? whole->mine : (document != NULL ? rtes_fiche_path_get (document, self->place) : NULL);
  JsonNode *there = whole != NULL ? whole->theirs
                    : (theirs_document != NULL ? rtes_fiche_path_get (theirs_document, self->place) : NULL);
  JsonObject *objects[3] = { rtes_json_get_object (whole != NULL ? whole->base : NULL), rtes_json_get_object (there),
                             rtes_json_get_object (here) };
  g_autoptr(GPtrArray) members = members_of (self->place, objects);
  int row = 1;

  for (guint i = 0; i < members->len; i++)
    {
      const char *member = g_ptr_array_index (members, i);
      g_autofree char *path = rtes_fiche_path_member (self->place, member);
      RtesConflict *c = conflict_at (self, path);
      Values v = { 0 };
      gboolean gone_there = whole != NULL && there == NULL;
      gboolean gone_here = whole != NULL && here == NULL;

      if (c != NULL)
        v = (Values) { c->base, c->theirs, c->mine, TRUE, TRUE };
      else
        v = (Values) { rtes_json_get_member (objects[0], member), rtes_json_get_member (objects[1], member),
                       rtes_json_get_member (objects[2], member), FALSE, whole != NULL };
      /* Only what some side holds: a known member nobody has is noise. */
      if (v.base == NULL && v.theirs == NULL && v.mine == NULL)
        continue;
      /* A side without the item says so once, on its first row. */
      add_comparison (self, row, path, &v, base,
                      gone_there ? (row == 1 ? _("(deleted)") : "") : NULL,
                      gone_here ? (row == 1 ? _("(deleted)") : "") : NULL);
      row++;
    }
}

static void
build_comparison (RtesConflictForm *self,
                  JsonNode         *document,
                  JsonNode         *theirs_document)
{
  gboolean base = show_base (self);

  add_headings (self, base);
  if (is_item_place (self->place) || (g_str_equal (self->place, "address") && conflict_at (self, "address") == NULL))
    {
      build_object_comparison (self, document, theirs_document, base);
      return;
    }
  for (guint i = 0; i < self->conflicts->len; i++)
    {
      RtesConflict *c = g_ptr_array_index (self->conflicts, i);
      Values v = { c->base, c->theirs, c->mine, TRUE, TRUE };

      add_comparison (self, 1 + i, c->path, &v, base, NULL, NULL);
    }
}

/* ---- titles ---- */

/* A document holding @item at @place, so that the describer can name an
 * item that only one side of a conflict still has. */
static JsonNode *
document_with_item (const char *place,
                    JsonNode   *item)
{
  JsonNode *doc = json_node_init_object (json_node_alloc (), json_object_new ());
  JsonObject *root = json_node_get_object (doc);

  if (g_str_has_prefix (place, "contacts["))
    json_object_set_array_member (root, "contacts", json_array_new ());
  else
    {
      JsonObject *budget = json_object_new ();

      json_object_set_array_member (budget, "lines", json_array_new ());
      json_object_set_object_member (root, "budget", budget);
    }
  if (item != NULL)
    rtes_fiche_path_set (doc, place, item, NULL);
  return doc;
}

static void
set_titles (RtesConflictForm *self,
            JsonNode         *document)
{
  RtesConflict *whole = conflict_at (self, self->place);
  g_autofree char *title = NULL;
  const char *subtitle = NULL;
  gboolean site = self->side == RTES_CONFLICT_SIDE_SITE;

  if (is_item_place (self->place))
    {
      g_autoptr(JsonNode) other = document_with_item (self->place, whole != NULL
                                                      ? (whole->mine != NULL ? whole->mine : whole->theirs)
                                                      : NULL);

      title = rtes_fiche_describe_place (self->place, FALSE, document, other);
    }
  else
    title = rtes_fiche_describe_place (self->place, FALSE, NULL, NULL);
  gtk_label_set_label (self->title_label, title);

  if (whole != NULL && whole->kind == RTES_CONFLICT_CHANGED_REMOVED)
    {
      if (whole->theirs == NULL)
        subtitle = site ? _("Changed here, deleted on the site.") : _("Changed here, deleted in the export.");
      else
        subtitle = site ? _("Deleted here, changed on the site.") : _("Deleted here, changed in the export.");
    }
  if (subtitle != NULL)
    {
      gtk_label_set_label (self->subtitle_label, subtitle);
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), TRUE);
    }
}

/* ---- public ---- */

static void
field_free (Field *f)
{
  if (f->item != NULL)
    g_signal_handlers_disconnect_by_data (f->item, f);
  g_clear_object (&f->item);
  g_clear_pointer (&f->ids, g_ptr_array_unref);
  g_free (f);
}

GtkWidget *
rtes_conflict_form_new (RtesConflictSide  side,
                        const char       *place,
                        GPtrArray        *conflicts,
                        JsonNode         *document,
                        JsonNode         *theirs_document)
{
  RtesConflictForm *self;

  g_return_val_if_fail (place != NULL, NULL);
  g_return_val_if_fail (conflicts != NULL && conflicts->len > 0, NULL);

  self = g_object_new (RTES_TYPE_CONFLICT_FORM, NULL);
  self->side = side;
  self->place = g_strdup (place);
  for (guint i = 0; i < conflicts->len; i++)
    g_ptr_array_add (self->conflicts, rtes_conflict_copy (g_ptr_array_index (conflicts, i)));

  set_titles (self, document);
  build_comparison (self, document, theirs_document);
  for (guint i = 0; i < self->conflicts->len; i++)
    {
      Field *f = g_new0 (Field, 1);

      f->form = self;
      f->conflict = g_ptr_array_index (self->conflicts, i);
      f->kind = edit_kind_for (f->conflict);
      g_ptr_array_add (self->fields, f);
      if (f->kind == EDIT_ITEM)
        build_item_editor (self, f);
      else
        build_editor (self, f);
      /* The merge kept ours: that is where every choice starts, but for
       * a first sync where nothing was written here: the site's value
       * then fills an empty place, as an import would. */
      pick (f, f->conflict->kind == RTES_CONFLICT_BOTH_ADDED && rtes_fiche_value_is_empty (f->conflict->mine)
               && !rtes_fiche_value_is_empty (f->conflict->theirs) ? PICK_THEIRS : PICK_MINE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->choices_group),
                          gtk_widget_get_first_child (GTK_WIDGET (self->item_box)) == NULL);
  return GTK_WIDGET (self);
}

GPtrArray *
rtes_conflict_form_get_conflicts (RtesConflictForm *self)
{
  g_return_val_if_fail (RTES_IS_CONFLICT_FORM (self), NULL);
  return self->conflicts;
}

GPtrArray *
rtes_conflict_form_get_choices (RtesConflictForm  *self,
                                GError           **error)
{
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_conflict_choice_free);

  g_return_val_if_fail (RTES_IS_CONFLICT_FORM (self), NULL);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);
      RtesConflict *c = f->conflict;
      g_autoptr(JsonNode) value = NULL;
      RtesConflictPick choice = f->pick == PICK_THEIRS ? RTES_CONFLICT_TAKE_THEIRS : RTES_CONFLICT_KEEP_MINE;

      if (f->pick == PICK_EDITED)
        {
          if (!read_value (f, &value, error))
            return NULL;
          /* Typed back to one side's value: that side's, as it was. */
          if (rtes_fiche_merge_values_equal (value, c->mine))
            g_clear_pointer (&value, json_node_unref);
          else if (rtes_fiche_merge_values_equal (value, c->theirs))
            {
              choice = RTES_CONFLICT_TAKE_THEIRS;
              g_clear_pointer (&value, json_node_unref);
            }
          else
            choice = RTES_CONFLICT_TAKE_VALUE;
        }
      g_ptr_array_add (choices, rtes_conflict_choice_new (c->id, c->path, choice, value));
    }
  return g_steal_pointer (&choices);
}

void
rtes_conflict_form_set_error (RtesConflictForm *self,
                              const char       *message)
{
  g_return_if_fail (RTES_IS_CONFLICT_FORM (self));
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* ---- object ---- */

static void
on_apply_clicked (RtesConflictForm *self)
{
  g_signal_emit (self, signals[APPLY], 0);
}

static void
rtes_conflict_form_dispose (GObject *object)
{
  RtesConflictForm *self = RTES_CONFLICT_FORM (object);

  /* The widgets first (AdwBin unparents the frame, its own child): their
   * handlers point at the fields. */
  G_OBJECT_CLASS (rtes_conflict_form_parent_class)->dispose (object);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
}

static void
rtes_conflict_form_finalize (GObject *object)
{
  RtesConflictForm *self = RTES_CONFLICT_FORM (object);

  g_free (self->place);
  g_ptr_array_unref (self->conflicts);
  G_OBJECT_CLASS (rtes_conflict_form_parent_class)->finalize (object);
}

static void
rtes_conflict_form_class_init (RtesConflictFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rtes_conflict_form_dispose;
  object_class->finalize = rtes_conflict_form_finalize;

  /**
   * RtesConflictForm::apply:
   *
   * The person pressed "Apply": read the choices with
   * rtes_conflict_form_get_choices().
   */
  signals[APPLY] = g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/fr/rtes/Fiches/sync/rtes-conflict-form.ui");
  gtk_widget_class_bind_template_child (widget_class, RtesConflictForm, title_label);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictForm, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictForm, grid);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictForm, choices_group);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictForm, item_box);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictForm, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_clicked);
}

static void
rtes_conflict_form_init (RtesConflictForm *self)
{
  g_type_ensure (RTES_TYPE_NUMBER_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_conflict_free);
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
}
