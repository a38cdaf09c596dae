/* rtes-budget-page.c: the fiche's ESS budget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rtes-budget-page.h"
#include "rtes-budget-line-row.h"
#include "rtes-french.h"
#include "rtes-text-section-page.h"

struct _RtesBudgetPage
{
  RtesFormPage         parent_instance;

  /* template widgets */
  RtesTextSectionPage *narrative;
  GtkListBox          *lines_list;
  GtkListBox          *totals_list;
  GtkWidget           *totals_group;

  /* state */
  GHashTable          *was_expanded;  /* positions of rows open before a change */
  int                  focus_position; /* row holding the focus before it, or -1 */
  char                *focus_field;
  int                  focus_cursor;
  guint                refocus_idle;
  GListStore          *bound_lines;   /* the store lines_list shows; not owned */
};

G_DEFINE_FINAL_TYPE (RtesBudgetPage, rtes_budget_page, RTES_TYPE_FORM_PAGE)

static GListStore *
lines_store (RtesBudgetPage *self)
{
  RtesFiche *fiche = rtes_form_page_get_fiche (RTES_FORM_PAGE (self));

  return fiche != NULL ? rtes_fiche_get_budget_lines (fiche) : NULL;
}

RtesBudgetLine *
rtes_budget_page_add_line (RtesBudgetPage *self)
{
  GListStore *store = lines_store (self);
  g_autoptr(RtesBudgetLine) line = NULL;
  GtkListBoxRow *row;

  g_return_val_if_fail (RTES_IS_BUDGET_PAGE (self), NULL);

  if (store == NULL)
    return NULL;

  if (!rtes_form_page_begin_edit (RTES_FORM_PAGE (self), self->lines_list))
    return NULL;
  line = rtes_budget_line_new ();
  g_list_store_append (store, line);
  rtes_form_page_end_edit (RTES_FORM_PAGE (self));

  /* The list made the row while appending: open it on the amount. */
  row = gtk_list_box_get_row_at_index (self->lines_list,
                                       (int) g_list_model_get_n_items (G_LIST_MODEL (store)) - 1);
  if (RTES_IS_BUDGET_LINE_ROW (row))
    rtes_card_row_focus_field (RTES_CARD_ROW (row), NULL);
  return line;
}

void
rtes_budget_page_remove_line (RtesBudgetPage *self,
                              guint           position)
{
  GListStore *store = lines_store (self);
  guint n;
  GtkListBoxRow *next;

  g_return_if_fail (RTES_IS_BUDGET_PAGE (self));

  if (store == NULL || position >= g_list_model_get_n_items (G_LIST_MODEL (store)))
    return;

  if (!rtes_form_page_begin_edit (RTES_FORM_PAGE (self), self->lines_list))
    return;
  g_list_store_remove (store, position);
  rtes_form_page_end_edit (RTES_FORM_PAGE (self));

  /* Keep the keyboard focus in the list, on the row that took its place. */
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  next = n > 0 ? gtk_list_box_get_row_at_index (self->lines_list, (int) MIN (position, n - 1)) : NULL;
  if (next != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (next));
}

void
rtes_budget_page_move_line (RtesBudgetPage *self,
                            guint           position,
                            int             delta)
{
  GListStore *store = lines_store (self);
  g_autoptr(RtesBudgetLine) line = NULL;
  GtkListBoxRow *old_row;
  GtkListBoxRow *new_row;
  gboolean expanded = FALSE;
  g_autofree char *focus_field = NULL;
  int cursor = -1;
  gint64 target;

  g_return_if_fail (RTES_IS_BUDGET_PAGE (self));

  if (store == NULL)
    return;
  target = (gint64) position + delta;
  if (position >= g_list_model_get_n_items (G_LIST_MODEL (store)) ||
      target < 0 || target >= g_list_model_get_n_items (G_LIST_MODEL (store)))
    return;

  old_row = gtk_list_box_get_row_at_index (self->lines_list, (int) position);
  if (ADW_IS_EXPANDER_ROW (old_row))
    expanded = adw_expander_row_get_expanded (ADW_EXPANDER_ROW (old_row));
  if (RTES_IS_BUDGET_LINE_ROW (old_row))
    focus_field = g_strdup (rtes_card_row_get_focus (RTES_CARD_ROW (old_row), &cursor));

  /* One splice would be one ::changed, but GListStore has no move; remove
   * and insert is what the model's undo sees as one reorder anyway. */
  if (!rtes_form_page_begin_edit (RTES_FORM_PAGE (self), self->lines_list))
    return;
  line = g_list_model_get_item (G_LIST_MODEL (store), position);
  g_list_store_remove (store, position);
  g_list_store_insert (store, (guint) target, line);
  rtes_form_page_end_edit (RTES_FORM_PAGE (self));

  /* The list made a new row for the moved line: give it the old row's
   * state, and the focus, so moving twice in a row works. */
  new_row = gtk_list_box_get_row_at_index (self->lines_list, (int) target);
  if (RTES_IS_BUDGET_LINE_ROW (new_row))
    {
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (new_row), expanded);
      /* Back in the field the person was typing in; from the menu, on the
       * card's header, so moving again is one more key press. */
      if (focus_field != NULL)
        rtes_card_row_restore_focus (RTES_CARD_ROW (new_row), focus_field, cursor);
      else
        gtk_widget_child_focus (GTK_WIDGET (new_row), GTK_DIR_TAB_FORWARD);
    }
}

static void
on_row_move (RtesBudgetLineRow *row,
             int                delta,
             RtesBudgetPage    *self)
{
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  if (index >= 0)
    rtes_budget_page_move_line (self, (guint) index, delta);
}

static void
on_row_remove (RtesBudgetLineRow *row,
               RtesBudgetPage    *self)
{
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  if (index >= 0)
    rtes_budget_page_remove_line (self, (guint) index);
}

static void
on_add_line (RtesBudgetPage *self)
{
  rtes_budget_page_add_line (self);
}

/* Undo and reload replace the whole list, which makes new rows: rows that
 * were open stay open, so the person sees the card they were editing.
 * Taken on ::changed, which the fiche emits before the list rebuilds. */
static void
remember_expanded (RtesBudgetPage *self)
{
  GtkListBoxRow *row;
  int i = 0;

  g_hash_table_remove_all (self->was_expanded);
  self->focus_position = -1;
  g_clear_pointer (&self->focus_field, g_free);
  while ((row = gtk_list_box_get_row_at_index (self->lines_list, i)) != NULL)
    {
      const char *field;
      int cursor = -1;

      if (ADW_IS_EXPANDER_ROW (row) && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
        g_hash_table_add (self->was_expanded, GINT_TO_POINTER (i));
      if (RTES_IS_BUDGET_LINE_ROW (row) && (field = rtes_card_row_get_focus (RTES_CARD_ROW (row), &cursor)) != NULL)
        {
          self->focus_position = i;
          self->focus_field = g_strdup (field);
          self->focus_cursor = cursor;
        }
      i++;
    }
}

/* After the rebuild, the person typing in a card that undo replaced keeps
 * typing in the same field of the new card. */
static gboolean
refocus_idle_cb (gpointer data)
{
  RtesBudgetPage *self = data;
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->lines_list, self->focus_position);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  self->refocus_idle = 0;
  /* Only if the focus went with the old card (GTK hands it to the list
   * or the window), not if the person moved it elsewhere meanwhile. */
  if (RTES_IS_BUDGET_LINE_ROW (row) && self->focus_field != NULL &&
      (focus == NULL || !gtk_widget_get_mapped (focus) ||
       focus == GTK_WIDGET (root) || GTK_IS_LIST_BOX (focus) ||
       gtk_widget_is_ancestor (focus, GTK_WIDGET (self))))
    rtes_card_row_restore_focus (RTES_CARD_ROW (row), self->focus_field, self->focus_cursor);
  return G_SOURCE_REMOVE;
}

static void
restore_expanded (RtesBudgetPage *self,
                  GtkWidget *row,
                  gpointer   item)
{
  GListStore *store = rtes_fiche_get_budget_lines (rtes_form_page_get_fiche (RTES_FORM_PAGE (self)));
  guint position;

  if (!g_list_store_find (store, item, &position))
    return;
  if (g_hash_table_contains (self->was_expanded, GINT_TO_POINTER (position)))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  if ((int) position == self->focus_position && self->refocus_idle == 0)
    self->refocus_idle = g_idle_add (refocus_idle_cb, self);
}

static GtkWidget *
create_line_row (gpointer item,
                 gpointer user_data)
{
  RtesBudgetPage *self = user_data;
  GtkWidget *row = rtes_budget_line_row_new (item);

  g_signal_connect_object (row, "move", G_CALLBACK (on_row_move), self, 0);
  g_signal_connect_object (row, "remove", G_CALLBACK (on_row_remove), self, 0);
  restore_expanded (self, row, item);
  return row;
}

/* Totals ------------------------------------------------------------------ */

typedef struct {
  int    year;
  double by_section[3];   /* fonctionnement, investissement, not said */
  double total;
  gboolean forecast;
} YearTotal;

static int
compare_years (gconstpointer a,
               gconstpointer b)
{
  const YearTotal *ya = a;
  const YearTotal *yb = b;

  /* Lines without a year last; otherwise oldest first, as budgets read. */
  if (ya->year == yb->year)
    return 0;
  if (ya->year == RTES_BUDGET_NO_YEAR)
    return 1;
  if (yb->year == RTES_BUDGET_NO_YEAR)
    return -1;
  return ya->year < yb->year ? -1 : 1;
}

static void
update_totals (RtesBudgetPage *self,
               GListModel     *lines)
{
  g_autoptr(GArray) years = g_array_new (FALSE, TRUE, sizeof (YearTotal));
  GtkWidget *child;
  guint n = lines != NULL ? g_list_model_get_n_items (lines) : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->totals_list))) != NULL)
    gtk_list_box_remove (self->totals_list, child);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RtesBudgetLine) line = g_list_model_get_item (lines, i);
      const char *section = rtes_budget_line_get_section (line);
      int year = rtes_budget_line_get_year (line);
      double amount = rtes_budget_line_get_amount (line);
      YearTotal *total = NULL;
      int slot;

      for (guint j = 0; j < years->len; j++)
        if (g_array_index (years, YearTotal, j).year == year)
          total = &g_array_index (years, YearTotal, j);
      if (total == NULL)
        {
          YearTotal fresh = { .year = year };

          g_array_append_val (years, fresh);
          total = &g_array_index (years, YearTotal, years->len - 1);
        }

      if (g_strcmp0 (section, RTES_SECTION_FONCTIONNEMENT) == 0)
        slot = 0;
      else if (g_strcmp0 (section, RTES_SECTION_INVESTISSEMENT) == 0)
        slot = 1;
      else
        slot = 2;
      total->by_section[slot] += amount;
      total->total += amount;
      total->forecast |= rtes_budget_line_get_forecast (line);
    }

  g_array_sort (years, compare_years);

  for (guint j = 0; j < years->len; j++)
    {
      YearTotal *total = &g_array_index (years, YearTotal, j);
      const char *section_names[3] = { _("Operating"), _("Investment"), C_("budget section", "Not specified") };
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

      for (int s = 0; s < 3; s++)
        if (total->by_section[s] != 0)
          {
            g_autofree char *amount = rtes_french_euros (total->by_section[s]);

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
update_positions (RtesBudgetPage *self)
{
  guint n = self->bound_lines != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->bound_lines)) : 0;

  for (guint i = 0; i < n; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->lines_list, (int) i);

      if (RTES_IS_BUDGET_LINE_ROW (row))
        rtes_card_row_set_position (RTES_CARD_ROW (row), i, n);
    }
}

static void
rtes_budget_page_fiche_changed (RtesFormPage *page,
                                RtesFiche    *fiche)
{
  RtesBudgetPage *self = RTES_BUDGET_PAGE (page);
  GListStore *store = rtes_fiche_get_budget_lines (fiche);

  if (self->bound_lines == store)
    remember_expanded (self);
  else
    g_hash_table_remove_all (self->was_expanded);
  if (self->bound_lines != store)
    {
      self->bound_lines = store;
      gtk_list_box_bind_model (self->lines_list, G_LIST_MODEL (store),
                               create_line_row, self, NULL);
    }

  update_positions (self);
  update_totals (self, G_LIST_MODEL (store));
}

static void
rtes_budget_page_show_issues (RtesFormPage *page,
                              GPtrArray    *issues)
{
  RtesBudgetPage *self = RTES_BUDGET_PAGE (page);
  int i = 0;
  GtkListBoxRow *row;

  rtes_form_page_show_issues (RTES_FORM_PAGE (self->narrative), issues);
  while ((row = gtk_list_box_get_row_at_index (self->lines_list, i)) != NULL)
    {
      if (RTES_IS_BUDGET_LINE_ROW (row))
        {
          g_autofree char *path = g_strdup_printf ("budget.lines[%d]", i);

          rtes_card_row_show_issues (RTES_CARD_ROW (row), issues, path);
        }
      i++;
    }

  RTES_FORM_PAGE_CLASS (rtes_budget_page_parent_class)->show_issues (page, issues);
}

static gboolean
rtes_budget_page_focus_field (RtesFormPage *page,
                              const char   *path)
{
  RtesBudgetPage *self = RTES_BUDGET_PAGE (page);
  unsigned index;
  int consumed = 0;

  if (sscanf (path, "budget.lines[%u]%n", &index, &consumed) == 1 && consumed > 0)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->lines_list, (int) index);
      const char *field = path[consumed] == '.' ? path + consumed + 1 : NULL;

      return RTES_IS_BUDGET_LINE_ROW (row) &&
             rtes_card_row_focus_field (RTES_CARD_ROW (row), field);
    }
  if (g_str_has_prefix (path, "budget"))
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

static void
rtes_budget_page_dispose (GObject *object)
{
  RtesBudgetPage *self = RTES_BUDGET_PAGE (object);

  if (self->lines_list != NULL && self->bound_lines != NULL)
    gtk_list_box_bind_model (self->lines_list, NULL, NULL, NULL, NULL);
  self->bound_lines = NULL;
  g_clear_pointer (&self->was_expanded, g_hash_table_unref);
  g_clear_pointer (&self->focus_field, g_free);
  g_clear_handle_id (&self->refocus_idle, g_source_remove);

  G_OBJECT_CLASS (rtes_budget_page_parent_class)->dispose (object);
}

/* The narrative is a page of its own: it follows this page's fiche,
 * including back to none. */
static void
on_notify_fiche (RtesBudgetPage *self)
{
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
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RtesFormPageClass *page_class = RTES_FORM_PAGE_CLASS (klass);

  object_class->dispose = rtes_budget_page_dispose;
  page_class->fiche_changed = rtes_budget_page_fiche_changed;
  page_class->show_issues = rtes_budget_page_show_issues;
  page_class->focus_field = rtes_budget_page_focus_field;

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
  self->was_expanded = g_hash_table_new (NULL, NULL);
  self->focus_position = -1;
  update_totals (self, NULL);
}

GtkWidget *
rtes_budget_page_new (void)
{
  return g_object_new (RTES_TYPE_BUDGET_PAGE, NULL);
}
