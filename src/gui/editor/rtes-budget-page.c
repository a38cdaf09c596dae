/* rtes-budget-page.c: the fiche's ESS budget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rtes-budget-page.h"
#include "rtes-budget-totals.h"
#include "rtes-budget-line-row.h"
#include "rtes-french.h"
#include "rtes-text-section-page.h"

struct _RtesBudgetPage
{
  RtesCardListPage     parent_instance;

  /* template widgets */
  RtesTextSectionPage *narrative;
  GtkListBox          *lines_list;
  GtkListBox          *totals_list;
  GtkWidget           *totals_group;
};

G_DEFINE_FINAL_TYPE (RtesBudgetPage, rtes_budget_page, RTES_TYPE_CARD_LIST_PAGE)

RtesBudgetLine *
rtes_budget_page_add_line (RtesBudgetPage *self)
{
  g_return_val_if_fail (RTES_IS_BUDGET_PAGE (self), NULL);

  return rtes_card_list_page_add (RTES_CARD_LIST_PAGE (self));
}

static void
on_add_line (RtesBudgetPage *self)
{
  rtes_budget_page_add_line (self);
}

static GListStore *
rtes_budget_page_get_store (RtesCardListPage *page,
                            RtesFiche        *fiche)
{
  return rtes_fiche_get_budget_lines (fiche);
}

static GtkWidget *
rtes_budget_page_create_card (RtesCardListPage *page,
                              gpointer          item)
{
  return rtes_budget_line_row_new (item);
}

/* Totals ------------------------------------------------------------------ */

static void
update_totals (RtesBudgetPage *self,
               GListModel     *lines)
{
  g_autoptr(GArray) years = rtes_budget_totals (lines);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->totals_list))) != NULL)
    gtk_list_box_remove (self->totals_list, child);

  for (guint j = 0; j < years->len; j++)
    {
      RtesBudgetYearTotal *total = &g_array_index (years, RtesBudgetYearTotal, j);
      const char *section_names[RTES_BUDGET_N_SLOTS] = { _("Operating"), _("Investment"), C_("budget section", "Not specified") };
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *sum = rtes_french_euros (total->total);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (sum);

      if (total->year == RTES_BUDGET_NO_YEAR)
        title = g_strdup (_("Year not given"));
      else if (total->forecast)
        /* Translators: a budget year some of whose amounts are planned */
        title = g_strdup_printf (_("%d (includes forecasts)"), total->year);
      else
        title = g_strdup_printf ("%d", total->year);

      for (int s = 0; s < RTES_BUDGET_N_SLOTS; s++)
        if (total->by_slot[s] != 0)
          {
            g_autofree char *amount = rtes_french_euros (total->by_slot[s]);

            /* Translators: "Operating: 1 200 000 €" */
            g_ptr_array_add (parts, g_strdup_printf (_("%s: %s"), section_names[s], amount));
          }
      g_ptr_array_add (parts, NULL);
      subtitle = g_strjoinv (" · ", (char **) parts->pdata);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_append (self->totals_list, row);
    }

  gtk_widget_set_visible (self->totals_group, years->len > 0);
}

/* Page hooks --------------------------------------------------------------- */

static void
rtes_budget_page_fiche_changed (RtesFormPage *page,
                                RtesFiche    *fiche)
{
  RtesBudgetPage *self = RTES_BUDGET_PAGE (page);

  RTES_FORM_PAGE_CLASS (rtes_budget_page_parent_class)->fiche_changed (page, fiche);
  update_totals (self, G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche)));
}

static void
rtes_budget_page_show_issues (RtesFormPage *page,
                              GPtrArray    *issues)
{
  RtesBudgetPage *self = RTES_BUDGET_PAGE (page);

  rtes_form_page_show_issues (RTES_FORM_PAGE (self->narrative), issues);

  RTES_FORM_PAGE_CLASS (rtes_budget_page_parent_class)->show_issues (page, issues);
}

/* The lines first: their paths start with "budget" too. */
static gboolean
rtes_budget_page_focus_field (RtesFormPage *page,
                              const char   *path)
{
  RtesBudgetPage *self = RTES_BUDGET_PAGE (page);

  if (!rtes_card_list_page_is_card_path (RTES_CARD_LIST_PAGE (self), path) &&
      g_str_has_prefix (path, "budget"))
    return gtk_widget_grab_focus (GTK_WIDGET (rtes_text_section_page_get_view (self->narrative)));

  return RTES_FORM_PAGE_CLASS (rtes_budget_page_parent_class)->focus_field (page, path);
}

GtkListBox *
rtes_budget_page_get_lines_list (RtesBudgetPage *self)
{
  g_return_val_if_fail (RTES_IS_BUDGET_PAGE (self), NULL);

  return self->lines_list;
}

GtkListBox *
rtes_budget_page_get_totals_list (RtesBudgetPage *self)
{
  g_return_val_if_fail (RTES_IS_BUDGET_PAGE (self), NULL);

  return self->totals_list;
}

/* The narrative is a page of its own: it follows this page's fiche,
 * including back to none. */
static void
on_notify_fiche (RtesBudgetPage *self)
{
  RtesDocument *document = rtes_form_page_get_document (RTES_FORM_PAGE (self));

  /* With the document, if there is one: its paste is an undo step too. */
  if (document != NULL)
    rtes_form_page_set_document (RTES_FORM_PAGE (self->narrative), document);
  else
    rtes_form_page_set_fiche (RTES_FORM_PAGE (self->narrative),
                              rtes_form_page_get_fiche (RTES_FORM_PAGE (self)));
}

static void
forward_edited (RtesBudgetPage *self)
{
  g_signal_emit_by_name (self, "edited");
}

static void
rtes_budget_page_class_init (RtesBudgetPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RtesFormPageClass *page_class = RTES_FORM_PAGE_CLASS (klass);
  RtesCardListPageClass *list_class = RTES_CARD_LIST_PAGE_CLASS (klass);

  page_class->fiche_changed = rtes_budget_page_fiche_changed;
  page_class->show_issues = rtes_budget_page_show_issues;
  page_class->focus_field = rtes_budget_page_focus_field;
  list_class->card_path = "budget.lines";
  list_class->get_store = rtes_budget_page_get_store;
  list_class->create_card = rtes_budget_page_create_card;

  g_type_ensure (RTES_TYPE_TEXT_SECTION_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/rtes/Fiches/editor/rtes-budget-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RtesBudgetPage, narrative);
  gtk_widget_class_bind_template_child (widget_class, RtesBudgetPage, lines_list);
  gtk_widget_class_bind_template_child (widget_class, RtesBudgetPage, totals_list);
  gtk_widget_class_bind_template_child (widget_class, RtesBudgetPage, totals_group);
  gtk_widget_class_bind_template_callback (widget_class, on_add_line);
}

static void
rtes_budget_page_init (RtesBudgetPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* An edit of the narrative is an edit of this page. */
  g_signal_connect_object (self->narrative, "edited",
                           G_CALLBACK (forward_edited), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::fiche", G_CALLBACK (on_notify_fiche), NULL);
  g_signal_connect (self, "notify::document", G_CALLBACK (on_notify_fiche), NULL);
  rtes_card_list_page_set_list (RTES_CARD_LIST_PAGE (self), self->lines_list);
  update_totals (self, NULL);
}

GtkWidget *
rtes_budget_page_new (void)
{
  return g_object_new (RTES_TYPE_BUDGET_PAGE, NULL);
}
