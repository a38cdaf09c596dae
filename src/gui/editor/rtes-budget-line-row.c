/* rtes-budget-line-row.c: one budget line in the Budget page's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rtes-budget-line-row.h"
#include "rtes-editor-widgets.h"
#include "rtes-field-message.h"
#include "rtes-form-page.h"
#include "rtes-french.h"
#include "rtes-number-row.h"
#include "rtes-text.h"

#include <math.h>

struct _RtesBudgetLineRow
{
  RtesCardRow     parent_instance;

  /* template widgets */
  GtkImage       *warning_icon;
  RtesNumberRow  *amount_row;
  AdwComboRow    *section_row;
  RtesNumberRow  *year_row;
  GtkSwitch      *forecast_switch;
  AdwEntryRow    *label_row;
};

G_DEFINE_FINAL_TYPE (RtesBudgetLineRow, rtes_budget_line_row, RTES_TYPE_CARD_ROW)

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
update_summary (RtesBudgetLineRow *self,
                RtesBudgetLine    *line)
{
  g_autofree char *amount = rtes_french_euros (rtes_budget_line_get_amount (line));
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *section = rtes_budget_line_get_section (line);
  const char *label = rtes_budget_line_get_label (line);
  int year = rtes_budget_line_get_year (line);
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;

  if (g_strcmp0 (section, RTES_SECTION_FONCTIONNEMENT) == 0)
    g_ptr_array_add (parts, g_strdup (_("Operating")));
  else if (g_strcmp0 (section, RTES_SECTION_INVESTISSEMENT) == 0)
    g_ptr_array_add (parts, g_strdup (_("Investment")));
  if (year != RTES_BUDGET_NO_YEAR)
    g_ptr_array_add (parts, g_strdup_printf ("%d", year));
  if (rtes_budget_line_get_forecast (line))
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

/* A value we cannot store yet: the row says what it wants, the item
 * keeps its last good value, the page hears of the text. */
static void
mark_unreadable (RtesBudgetLineRow *self,
                 RtesNumberRow     *row,
                 const char        *field,
                 const char        *hint)
{
  rtes_field_message_set_local (GTK_WIDGET (row), hint);
  rtes_card_row_set_pending_text (RTES_CARD_ROW (self), field,
                                  hint != NULL ? gtk_editable_get_text (GTK_EDITABLE (row)) : NULL);
}

/* The amount and the year are compared by value, not by text: "6100000"
 * being typed must not turn into "6 100 000" under the cursor. */
static void
rtes_budget_line_row_refill (RtesCardRow *row)
{
  RtesBudgetLineRow *self = RTES_BUDGET_LINE_ROW (row);
  RtesBudgetLine *line = rtes_budget_line_row_get_line (self);
  int year = rtes_budget_line_get_year (line);

  if (!rtes_card_row_is_edit_source (row, self->amount_row))
    {
      rtes_number_row_set_value (self->amount_row, rtes_budget_line_get_amount (line));
      if (rtes_number_row_read (self->amount_row, NULL))
        mark_unreadable (self, self->amount_row, "amount", NULL);
    }

  if (!rtes_card_row_is_edit_source (row, self->section_row))
    {
      guint position = section_position (rtes_budget_line_get_section (line));

      if (adw_combo_row_get_selected (self->section_row) != position)
        adw_combo_row_set_selected (self->section_row, position);
    }

  if (!rtes_card_row_is_edit_source (row, self->year_row))
    {
      rtes_number_row_set_value (self->year_row, year == RTES_BUDGET_NO_YEAR ? NAN : year);
      if (rtes_number_row_read (self->year_row, NULL))
        mark_unreadable (self, self->year_row, "year", NULL);
    }

  update_summary (self, line);
}

/* What @row's text says, or while it cannot be read the value it falls
 * back on: never a half-typed number. */
static double
number_to_store (RtesNumberRow *row,
                 gboolean      *readable)
{
  double value;

  *readable = rtes_number_row_read (row, &value);
  if (!*readable)
    value = rtes_number_row_get_fallback (row);
  return value;
}

static void
on_amount_changed (RtesBudgetLineRow *self)
{
  RtesCardRow *row = RTES_CARD_ROW (self);
  gboolean readable;
  double amount = number_to_store (self->amount_row, &readable);

  if (rtes_card_row_is_refilling (row))
    return;
  mark_unreadable (self, self->amount_row, "amount",
                   readable ? NULL : _("Type an amount in euros, such as 6 100 000 or 350 k€."));
  if (!rtes_card_row_begin_write (row, self->amount_row))
    return;
  rtes_budget_line_set_amount (rtes_budget_line_row_get_line (self), isnan (amount) ? 0 : amount);
  rtes_card_row_end_write (row);
}

static void
on_section_selected (RtesBudgetLineRow *self)
{
  RtesCardRow *row = RTES_CARD_ROW (self);
  guint selected = adw_combo_row_get_selected (self->section_row);

  if (!rtes_card_row_begin_write (row, self->section_row))
    return;
  rtes_budget_line_set_section (rtes_budget_line_row_get_line (self),
                                selected < G_N_ELEMENTS (section_ids) ? section_ids[selected] : NULL);
  rtes_card_row_end_write (row);
}

static void
on_year_changed (RtesBudgetLineRow *self)
{
  RtesCardRow *row = RTES_CARD_ROW (self);
  gboolean readable;
  double year = number_to_store (self->year_row, &readable);

  if (rtes_card_row_is_refilling (row))
    return;
  mark_unreadable (self, self->year_row, "year", readable ? NULL : _("Type a year, such as 2023."));
  if (!rtes_card_row_begin_write (row, self->year_row))
    return;
  rtes_budget_line_set_year (rtes_budget_line_row_get_line (self),
                             isnan (year) ? RTES_BUDGET_NO_YEAR : (int) year);
  rtes_card_row_end_write (row);
}

RtesBudgetLine *
rtes_budget_line_row_get_line (RtesBudgetLineRow *self)
{
  g_return_val_if_fail (RTES_IS_BUDGET_LINE_ROW (self), NULL);

  return rtes_card_row_get_item (RTES_CARD_ROW (self));
}

static void
rtes_budget_line_row_class_init (RtesBudgetLineRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RtesCardRowClass *card_class = RTES_CARD_ROW_CLASS (klass);

  card_class->refill = rtes_budget_line_row_refill;
  rtes_card_row_class_install_actions (widget_class, "line");

  g_type_ensure (RTES_TYPE_NUMBER_ROW);
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
}

static void
rtes_budget_line_row_init (RtesBudgetLineRow *self)
{
  RtesCardRow *row = RTES_CARD_ROW (self);
  g_autoptr(GtkStringList) sections = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  rtes_editor_disable_text_undo (GTK_WIDGET (self));

  gtk_string_list_append (sections, C_("budget section", "Not specified"));
  /* Translators: "fonctionnement" in French public budgets */
  gtk_string_list_append (sections, _("Operating"));
  /* Translators: "investissement" in French public budgets */
  gtk_string_list_append (sections, _("Investment"));
  /* Before the line is set, so selecting the first is not an edit. */
  adw_combo_row_set_model (self->section_row, G_LIST_MODEL (sections));
  rtes_editor_name_combo_items (self->section_row);

  rtes_card_row_set_warning_icon (row, GTK_WIDGET (self->warning_icon));
  rtes_card_row_add_field (row, "amount", GTK_WIDGET (self->amount_row));
  rtes_card_row_add_field (row, "section", GTK_WIDGET (self->section_row));
  rtes_card_row_add_field (row, "year", GTK_WIDGET (self->year_row));
  rtes_card_row_bind_field (row, "label", GTK_WIDGET (self->label_row));
  rtes_card_row_bind_field (row, "forecast", GTK_WIDGET (self->forecast_switch));
  rtes_card_row_set_main_field (row, "amount");
}

GtkWidget *
rtes_budget_line_row_new (RtesBudgetLine *line)
{
  g_return_val_if_fail (RTES_IS_BUDGET_LINE (line), NULL);

  return g_object_new (RTES_TYPE_BUDGET_LINE_ROW, "item", line, NULL);
}
