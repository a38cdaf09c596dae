/* rtes-budget-line-row.c: one budget line in the Budget page's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rtes-budget-line-row.h"
#include "rtes-french.h"
#include "rtes-field-message.h"
#include "rtes-form-page.h"
#include "rtes-text.h"

struct _RtesBudgetLineRow
{
  AdwExpanderRow  parent_instance;

  /* template widgets */
  GtkImage       *warning_icon;
  AdwEntryRow    *amount_row;
  AdwComboRow    *section_row;
  AdwEntryRow    *year_row;
  GtkSwitch      *forecast_switch;
  AdwEntryRow    *label_row;

  /* owned references */
  RtesBudgetLine *line;
  GHashTable     *fields;       /* "amount" … → row */

  /* state */
  gpointer        edit_source;  /* widget writing to the line right now */
  gboolean        refilling;
};

G_DEFINE_FINAL_TYPE (RtesBudgetLineRow, rtes_budget_line_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_LINE,
  N_PROPS
};

enum {
  MOVE,
  REMOVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Combo positions of the section. */
static const char *const section_ids[] = { NULL, RTES_SECTION_FONCTIONNEMENT, RTES_SECTION_INVESTISSEMENT };

static guint
section_position (const char *section)
{
  for (guint i = 1; i < G_N_ELEMENTS (section_ids); i++)
    if (g_strcmp0 (section, section_ids[i]) == 0)
      return i;
  return 0;
}

static void
update_summary (RtesBudgetLineRow *self)
{
  g_autofree char *amount = rtes_french_euros (rtes_budget_line_get_amount (self->line));
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *section = rtes_budget_line_get_section (self->line);
  const char *label = rtes_budget_line_get_label (self->line);
  int year = rtes_budget_line_get_year (self->line);
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;

  if (g_strcmp0 (section, RTES_SECTION_FONCTIONNEMENT) == 0)
    g_ptr_array_add (parts, g_strdup (_("Operating")));
  else if (g_strcmp0 (section, RTES_SECTION_INVESTISSEMENT) == 0)
    g_ptr_array_add (parts, g_strdup (_("Investment")));
  if (year != RTES_BUDGET_NO_YEAR)
    g_ptr_array_add (parts, g_strdup_printf ("%d", year));
  if (rtes_budget_line_get_forecast (self->line))
    g_ptr_array_add (parts, g_strdup (C_("budget line", "forecast")));
  if (!rtes_text_is_blank (label))
    g_ptr_array_add (parts, g_strdup (label));
  g_ptr_array_add (parts, NULL);

  subtitle = g_strjoinv (" · ", (char **) parts->pdata);
  /* Expander rows read their title and subtitle as markup. */
  escaped = g_markup_escape_text (subtitle, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), amount);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), escaped);
}

static gboolean
skip (RtesBudgetLineRow *self,
      gpointer           widget)
{
  return self->edit_source == widget;
}

static void
refill (RtesBudgetLineRow *self)
{
  double amount = rtes_budget_line_get_amount (self->line);
  int year = rtes_budget_line_get_year (self->line);
  double shown_amount;
  gint64 shown_year;
  const char *year_text;

  self->refilling = TRUE;

  if (!skip (self, self->amount_row) &&
      !(rtes_french_parse_amount (gtk_editable_get_text (GTK_EDITABLE (self->amount_row)), &shown_amount) &&
        shown_amount == amount))
    {
      g_autofree char *text = rtes_french_amount (amount);

      gtk_editable_set_text (GTK_EDITABLE (self->amount_row), text);
      rtes_field_message_set_local (GTK_WIDGET (self->amount_row), NULL);
    }

  if (!skip (self, self->section_row))
    {
      guint position = section_position (rtes_budget_line_get_section (self->line));

      if (adw_combo_row_get_selected (self->section_row) != position)
        adw_combo_row_set_selected (self->section_row, position);
    }

  year_text = gtk_editable_get_text (GTK_EDITABLE (self->year_row));
  if (!skip (self, self->year_row) &&
      !(year == RTES_BUDGET_NO_YEAR && rtes_text_is_blank (year_text)) &&
      !(rtes_french_parse_integer (year_text, &shown_year) && shown_year == year))
    {
      g_autofree char *text = year == RTES_BUDGET_NO_YEAR ? g_strdup ("") : g_strdup_printf ("%d", year);

      gtk_editable_set_text (GTK_EDITABLE (self->year_row), text);
      rtes_field_message_set_local (GTK_WIDGET (self->year_row), NULL);
    }

  if (gtk_switch_get_active (self->forecast_switch) != rtes_budget_line_get_forecast (self->line))
    gtk_switch_set_active (self->forecast_switch, rtes_budget_line_get_forecast (self->line));

  if (!skip (self, self->label_row) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->label_row)),
                 rtes_budget_line_get_label (self->line)) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->label_row), rtes_budget_line_get_label (self->line));

  update_summary (self);
  self->refilling = FALSE;
}

static void
on_line_notify (RtesBudgetLineRow *self)
{
  refill (self);
}

/* Writes bracket: the row is the source, so refill leaves it alone; the
 * page around is told, so that it can say the fiche was edited. */
static gboolean
begin_write (RtesBudgetLineRow *self,
             gpointer           widget)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), RTES_TYPE_FORM_PAGE);

  if (self->refilling || self->line == NULL)
    return FALSE;
  if (page != NULL && !rtes_form_page_begin_edit (RTES_FORM_PAGE (page), widget))
    return FALSE;
  self->edit_source = widget;
  return TRUE;
}

static void
end_write (RtesBudgetLineRow *self)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), RTES_TYPE_FORM_PAGE);

  self->edit_source = NULL;
  if (page != NULL)
    rtes_form_page_end_edit (RTES_FORM_PAGE (page));
}

#define BEGIN_WRITE(widget) \
  if (!begin_write (self, (widget))) \
    return;
#define END_WRITE() \
  end_write (self);

static void
on_amount_changed (RtesBudgetLineRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->amount_row));
  double amount = 0;
  gboolean readable = rtes_text_is_blank (text) || rtes_french_parse_amount (text, &amount);

  if (self->refilling)
    return;
  /* Not stored until it reads as an amount; the row says what it wants. */
  rtes_field_message_set_local (GTK_WIDGET (self->amount_row),
                                readable ? NULL : _("Type an amount in euros, such as 6 100 000."));
  if (!readable)
    return;
  BEGIN_WRITE (self->amount_row);
  rtes_budget_line_set_amount (self->line, amount);
  END_WRITE ();
}

static void
on_section_selected (RtesBudgetLineRow *self)
{
  guint selected = adw_combo_row_get_selected (self->section_row);

  BEGIN_WRITE (self->section_row);
  rtes_budget_line_set_section (self->line,
                                selected < G_N_ELEMENTS (section_ids) ? section_ids[selected] : NULL);
  END_WRITE ();
}

static void
on_year_changed (RtesBudgetLineRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->year_row));
  gint64 year = RTES_BUDGET_NO_YEAR;
  gboolean readable = rtes_text_is_blank (text) ||
                      (rtes_french_parse_integer (text, &year) && year > G_MININT && year <= G_MAXINT);

  if (self->refilling)
    return;
  rtes_field_message_set_local (GTK_WIDGET (self->year_row),
                                readable ? NULL : _("Type a year, such as 2023."));
  if (!readable)
    return;
  BEGIN_WRITE (self->year_row);
  rtes_budget_line_set_year (self->line, (int) year);
  END_WRITE ();
}

static void
on_forecast_active (RtesBudgetLineRow *self)
{
  BEGIN_WRITE (self->forecast_switch);
  rtes_budget_line_set_forecast (self->line, gtk_switch_get_active (self->forecast_switch));
  END_WRITE ();
}

static void
on_label_changed (RtesBudgetLineRow *self)
{
  BEGIN_WRITE (self->label_row);
  rtes_budget_line_set_label (self->line, gtk_editable_get_text (GTK_EDITABLE (self->label_row)));
  END_WRITE ();
}

#undef BEGIN_WRITE
#undef END_WRITE

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
rtes_budget_line_row_set_position (RtesBudgetLineRow *self,
                                   guint              position,
                                   guint              n_items)
{
  g_return_if_fail (RTES_IS_BUDGET_LINE_ROW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "line.move-up", position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "line.move-down", position + 1 < n_items);
}

void
rtes_budget_line_row_show_issues (RtesBudgetLineRow *self,
                                  GPtrArray         *issues,
                                  guint              position)
{
  g_autofree char *whole = g_strdup_printf ("budget.lines[%u]", position);
  g_autofree char *prefix = g_strconcat (whole, ".", NULL);
  g_autoptr(GString) all = g_string_new (NULL);

  g_return_if_fail (RTES_IS_BUDGET_LINE_ROW (self));

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

void
rtes_budget_line_row_focus_amount (RtesBudgetLineRow *self)
{
  g_return_if_fail (RTES_IS_BUDGET_LINE_ROW (self));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));
}

gboolean
rtes_budget_line_row_focus_field (RtesBudgetLineRow *self,
                                  const char        *field)
{
  GtkWidget *widget;

  g_return_val_if_fail (RTES_IS_BUDGET_LINE_ROW (self), FALSE);

  widget = field != NULL ? g_hash_table_lookup (self->fields, field) : NULL;
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  return gtk_widget_grab_focus (widget != NULL ? widget : GTK_WIDGET (self->amount_row));
}

const char *
rtes_budget_line_row_get_focus (RtesBudgetLineRow *self,
                                int               *position)
{
  g_return_val_if_fail (RTES_IS_BUDGET_LINE_ROW (self), NULL);

  return rtes_editor_find_focus (self->fields, position);
}

void
rtes_budget_line_row_restore_focus (RtesBudgetLineRow *self,
                                    const char        *field,
                                    int                position)
{
  GtkWidget *widget;

  g_return_if_fail (RTES_IS_BUDGET_LINE_ROW (self));

  widget = g_hash_table_lookup (self->fields, field);
  if (widget == NULL)
    return;
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  rtes_editor_focus_field_at (widget, position);
}

RtesBudgetLine *
rtes_budget_line_row_get_line (RtesBudgetLineRow *self)
{
  g_return_val_if_fail (RTES_IS_BUDGET_LINE_ROW (self), NULL);

  return self->line;
}

static void
set_line (RtesBudgetLineRow *self,
          RtesBudgetLine    *line)
{
  g_return_if_fail (self->line == NULL);

  self->line = g_object_ref (line);
  g_signal_connect_object (line, "notify", G_CALLBACK (on_line_notify), self, G_CONNECT_SWAPPED);
  refill (self);
}

static void
rtes_budget_line_row_dispose (GObject *object)
{
  RtesBudgetLineRow *self = RTES_BUDGET_LINE_ROW (object);

  if (self->line != NULL)
    g_signal_handlers_disconnect_by_data (self->line, self);
  g_clear_object (&self->line);
  g_clear_pointer (&self->fields, g_hash_table_unref);

  G_OBJECT_CLASS (rtes_budget_line_row_parent_class)->dispose (object);
}

static void
rtes_budget_line_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RtesBudgetLineRow *self = RTES_BUDGET_LINE_ROW (object);

  switch (prop_id)
    {
    case PROP_LINE:
      g_value_set_object (value, self->line);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_budget_line_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RtesBudgetLineRow *self = RTES_BUDGET_LINE_ROW (object);

  switch (prop_id)
    {
    case PROP_LINE:
      set_line (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_budget_line_row_class_init (RtesBudgetLineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rtes_budget_line_row_dispose;
  object_class->get_property = rtes_budget_line_row_get_property;
  object_class->set_property = rtes_budget_line_row_set_property;

  properties[PROP_LINE] =
    g_param_spec_object ("line", NULL, NULL,
                         RTES_TYPE_BUDGET_LINE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RtesBudgetLineRow::move:
   * @delta: -1 to move up, 1 to move down
   */
  signals[MOVE] = g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "line.move-up", NULL, move_up_cb);
  gtk_widget_class_install_action (widget_class, "line.move-down", NULL, move_down_cb);
  gtk_widget_class_install_action (widget_class, "line.remove", NULL, remove_cb);
  /* Reordering from the keyboard, wherever the focus is in the line. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "line.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "line.move-down", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/rtes/Fiches/editor/rtes-budget-line-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RtesBudgetLineRow, warning_icon);
  gtk_widget_class_bind_template_child (widget_class, RtesBudgetLineRow, amount_row);
  gtk_widget_class_bind_template_child (widget_class, RtesBudgetLineRow, section_row);
  gtk_widget_class_bind_template_child (widget_class, RtesBudgetLineRow, year_row);
  gtk_widget_class_bind_template_child (widget_class, RtesBudgetLineRow, forecast_switch);
  gtk_widget_class_bind_template_child (widget_class, RtesBudgetLineRow, label_row);
  gtk_widget_class_bind_template_callback (widget_class, on_amount_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_section_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_year_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_forecast_active);
  gtk_widget_class_bind_template_callback (widget_class, on_label_changed);
}

static void
rtes_budget_line_row_init (RtesBudgetLineRow *self)
{
  GtkStringList *sections;

  gtk_widget_init_template (GTK_WIDGET (self));
  rtes_editor_disable_text_undo (GTK_WIDGET (self));

  /* Set before the line, so the first selection is not an edit. */
  self->refilling = TRUE;
  sections = gtk_string_list_new (NULL);
  gtk_string_list_append (sections, C_("budget section", "Not specified"));
  /* Translators: "fonctionnement" in French public budgets */
  gtk_string_list_append (sections, _("Operating"));
  /* Translators: "investissement" in French public budgets */
  gtk_string_list_append (sections, _("Investment"));
  adw_combo_row_set_model (self->section_row, G_LIST_MODEL (sections));
  g_object_unref (sections);
  self->refilling = FALSE;

  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (self->fields, g_strdup ("amount"), self->amount_row);
  g_hash_table_insert (self->fields, g_strdup ("section"), self->section_row);
  g_hash_table_insert (self->fields, g_strdup ("year"), self->year_row);
  g_hash_table_insert (self->fields, g_strdup ("label"), self->label_row);
}

GtkWidget *
rtes_budget_line_row_new (RtesBudgetLine *line)
{
  g_return_val_if_fail (RTES_IS_BUDGET_LINE (line), NULL);

  return g_object_new (RTES_TYPE_BUDGET_LINE_ROW, "line", line, NULL);
}
