/* rtes-identity-page.c: who the collectivity is and where it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rtes-identity-page.h"
#include "rtes-editor-widgets.h"
#include "rtes-french.h"
#include "rtes-field-message.h"
#include "rtes-number-row.h"
#include "rtes-tag-suggest.h"
#include "rtes-text.h"

#include <math.h>
#include "rtes-vocabulary.h"

#include "rtes-region.h"

struct _RtesIdentityPage
{
  RtesFormPage     parent_instance;

  /* template widgets */
  AdwEntryRow     *name_row;
  AdwComboRow     *status_row;
  AdwComboRow     *kind_row;
  AdwComboRow     *region_row;
  AdwActionRow    *region_suggestion_row;
  GtkButton       *use_region_button;
  RtesNumberRow   *population_row;
  AdwEntryRow     *population_note_row;
  RtesNumberRow   *member_since_row;
  AdwEntryRow     *updated_row;
  GtkMenuButton   *calendar_button;
  GtkCalendar     *calendar;
  GtkListBox      *address_list;
  AdwEntryRow     *postcode_row;
  AdwEntryRow     *city_row;
  AdwEntryRow     *country_row;
  GtkFlowBox      *tags_box;              /* the chosen levers, as chips */
  GtkMenuButton   *add_tag_button;
  GtkSearchEntry  *tag_search;
  GtkListBox      *tag_choices;           /* the levers to add */
  GtkWidget       *tag_suggestions;       /* the box around the buttons */
  GtkFlowBox      *tag_suggestions_box;

  /* owned references */
  GPtrArray       *line_rows;     /* AdwEntryRow*, in order */

  /* state */
  const char      *suggested_region;
  gboolean         showing_date;   /* the calendar is being set from the fiche */
  char           **suggested_tags;        /* what the buttons offer */
  char           **shown_tags;            /* what the chips show */
};

G_DEFINE_FINAL_TYPE (RtesIdentityPage, rtes_identity_page, RTES_TYPE_FORM_PAGE)

/* Combo positions: the first entry of kinds and regions is "not said". */
#define NOT_SAID 0

static const char *const statuses[] = { RTES_STATUS_DRAFT, RTES_STATUS_PUBLISHED };

static void address_line_changed (RtesIdentityPage *self, AdwEntryRow *row);

/* Helpers for the numeric rows ---------------------------------------- */

/* A value we cannot store yet (half-typed, letters): say what is
 * expected, keep the model's last good value until the text makes sense,
 * and keep the text where the recovery journal can find it. */
static void
mark_unreadable (RtesFormPage *page,
                 gpointer      row,
                 const char   *path,
                 const char   *hint)
{
  rtes_field_message_set_local (GTK_WIDGET (row), hint);
  rtes_form_page_set_pending_text (page, path,
                                   hint != NULL ? gtk_editable_get_text (GTK_EDITABLE (row)) : NULL);
}

/* What to store from @row: what its text says, or while it cannot be
 * read the value it falls back on, never a half-typed number. */
static gint64
number_to_store (RtesNumberRow *row,
                 gboolean      *readable)
{
  double value;

  *readable = rtes_number_row_read (row, &value);
  if (!*readable)
    value = rtes_number_row_get_fallback (row);
  return isnan (value) ? RTES_NO_NUMBER : (gint64) value;
}

static void
sync_number (RtesFormPage  *page,
             RtesNumberRow *row,
             const char    *path,
             gint64         value)
{
  if (rtes_form_page_is_edit_source (page, row))
    return;
  rtes_number_row_set_value (row, value == RTES_NO_NUMBER ? NAN : (double) value);
  if (rtes_number_row_read (row, NULL))
    mark_unreadable (page, row, path, NULL);
}

/* "2024-03-12" as French readers write it, "12/03/2024"; anything else
 * as it is. */
static char *
display_date (const char *date)
{
  char *french = rtes_french_date (date);

  return french != NULL ? french : g_strdup (date != NULL ? date : "");
}

static void
sync_date (RtesFormPage *page,
           AdwEntryRow  *row,
           const char   *date)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *shown = rtes_french_parse_date (stripped);
  g_autofree char *display = NULL;

  if (rtes_form_page_is_edit_source (page, row))
    return;
  if (shown != NULL ? g_strcmp0 (shown, date) == 0 : (date == NULL && stripped[0] == '\0'))
    return;
  display = display_date (date);
  gtk_editable_set_text (GTK_EDITABLE (row), display);
  mark_unreadable (page, row, "updated", NULL);
}

/* Région suggestion ----------------------------------------------------- */

static const char *
region_for_postcode (const char *postcode)
{
  return rtes_region_for_postcode (postcode);
}

static void
update_region_suggestion (RtesIdentityPage *self,
                          RtesFiche        *fiche)
{
  const char *suggested = region_for_postcode (rtes_fiche_get_postcode (fiche));
  const char *current = rtes_fiche_get_region (fiche);

  if (suggested != NULL && g_strcmp0 (suggested, current) == 0)
    suggested = NULL;
  self->suggested_region = suggested;

  if (suggested != NULL)
    {
      const RtesTerm *term = rtes_region_lookup (suggested);
      g_autofree char *title = NULL;

      /* Translators: %s is a région, e.g. "Normandie" */
      title = g_strdup_printf (_("The postcode is in %s"),
                               term != NULL ? rtes_term_label (term) : suggested);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->region_suggestion_row), title);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->region_suggestion_row), suggested != NULL);
}

static void
on_use_suggested_region (GtkButton        *button,
                         RtesIdentityPage *self)
{
  RtesFormPage *page = RTES_FORM_PAGE (self);
  const char *region = self->suggested_region;

  if (region == NULL)
    return;
  /* Setting the région hides the row holding the button: park the focus
   * on the combo first so keyboard users are not dropped. */
  gtk_widget_grab_focus (GTK_WIDGET (self->region_row));
  if (!rtes_form_page_begin_edit (page, button))
    return;
  rtes_fiche_set_region (rtes_form_page_get_fiche (page), region);
  rtes_form_page_end_edit (page);
}

const char *
rtes_identity_page_get_suggested_region (RtesIdentityPage *self)
{
  g_return_val_if_fail (RTES_IS_IDENTITY_PAGE (self), NULL);

  return self->suggested_region;
}

/* Address lines --------------------------------------------------------- */

static AdwEntryRow *
add_line_row (RtesIdentityPage *self)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());
  guint index = self->line_rows->len;
  g_autofree char *title = NULL;

  if (index == 0)
    title = g_strdup (_("Street"));
  else
    /* Translators: title of the second, third… line of an address */
    title = g_strdup_printf (_("Address line %u"), index + 1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  gtk_editable_set_enable_undo (GTK_EDITABLE (row), FALSE);
  g_signal_connect_object (row, "changed", G_CALLBACK (address_line_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_insert (self->address_list, GTK_WIDGET (row), (int) index);
  g_ptr_array_add (self->line_rows, row);
  return row;
}

static void
remove_last_line_row (RtesIdentityPage *self)
{
  GtkWidget *row = g_ptr_array_steal_index (self->line_rows, self->line_rows->len - 1);

  gtk_list_box_remove (self->address_list, row);
}

/* The lines the rows say: blank rows do not make lines. */
static GStrv
collect_lines (RtesIdentityPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->line_rows->len; i++)
    {
      const char *text = gtk_editable_get_text (g_ptr_array_index (self->line_rows, i));

      if (!rtes_text_is_blank (text))
        g_strv_builder_add (builder, text);
    }
  return g_strv_builder_end (builder);
}

static gboolean
row_is_empty (RtesIdentityPage *self,
              guint             index)
{
  return gtk_editable_get_text (g_ptr_array_index (self->line_rows, index))[0] == '\0';
}

/* One empty row after the last line, no more: the empty row is where a
 * new line is typed, and rows the user is in are never taken away. */
static void
tidy_line_rows (RtesIdentityPage *self)
{
  if (self->line_rows->len == 0 || !row_is_empty (self, self->line_rows->len - 1))
    add_line_row (self);

  while (self->line_rows->len > 1 &&
         row_is_empty (self, self->line_rows->len - 1) &&
         row_is_empty (self, self->line_rows->len - 2))
    {
      GtkWidget *last = g_ptr_array_index (self->line_rows, self->line_rows->len - 1);

      if (gtk_widget_has_focus (last) || gtk_widget_is_focus (last) ||
          gtk_widget_get_focus_child (last) != NULL)
        break;
      remove_last_line_row (self);
    }
}

static void
sync_lines (RtesIdentityPage *self,
            RtesFiche        *fiche)
{
  const char * const *lines = rtes_fiche_get_address_lines (fiche);
  g_auto(GStrv) shown = collect_lines (self);
  guint n = lines != NULL ? g_strv_length ((char **) lines) : 0;

  if (!g_strv_equal ((const char * const *) shown, lines != NULL ? lines : (const char *[]) { NULL }))
    {
      while (self->line_rows->len < n)
        add_line_row (self);
      for (guint i = 0; i < self->line_rows->len; i++)
        rtes_form_page_sync_editable (RTES_FORM_PAGE (self),
                                      g_ptr_array_index (self->line_rows, i),
                                      i < n ? lines[i] : "");
    }
  tidy_line_rows (self);
}

static void
address_line_changed (RtesIdentityPage *self,
                      AdwEntryRow      *row)
{
  RtesFormPage *page = RTES_FORM_PAGE (self);
  g_auto(GStrv) lines = NULL;

  if (!rtes_form_page_begin_edit (page, row))
    return;
  lines = collect_lines (self);
  rtes_fiche_set_address_lines (rtes_form_page_get_fiche (page), (const char * const *) lines);
  rtes_form_page_end_edit (page);
  /* Setting the same lines (a blank row typed in) emits nothing. */
  tidy_line_rows (self);
}

AdwEntryRow *
rtes_identity_page_get_address_line_row (RtesIdentityPage *self,
                                         guint             index)
{
  g_return_val_if_fail (RTES_IS_IDENTITY_PAGE (self), NULL);

  if (index >= self->line_rows->len)
    return NULL;
  return g_ptr_array_index (self->line_rows, index);
}

/* Tags ------------------------------------------------------------------- */

/* The chosen levers are chips, each with its remove button; "Add a Theme"
 * opens a searchable list of the others. Fourteen check boxes made the
 * page twice as long, for the two or three a fiche has. */

/* Sets the fiche's tags to its own list without @remove, plus @add at the
 * end: a tag this version does not know stays where it was. One call, one
 * undo step. */
static void
edit_tags (RtesIdentityPage *self,
           gpointer          source,
           const char       *add,
           const char       *remove)
{
  RtesFormPage *page = RTES_FORM_PAGE (self);
  RtesFiche *fiche = rtes_form_page_get_fiche (page);
  const char * const *tags;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) result = NULL;

  if (fiche == NULL || !rtes_form_page_begin_edit (page, source))
    return;
  builder = g_strv_builder_new ();
  tags = rtes_fiche_get_tags (fiche);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    if (g_strcmp0 (tags[i], remove) != 0 && g_strcmp0 (tags[i], add) != 0)
      g_strv_builder_add (builder, tags[i]);
  if (add != NULL)
    g_strv_builder_add (builder, add);
  result = g_strv_builder_end (builder);
  rtes_fiche_set_tags (fiche, (const char * const *) result);
  rtes_form_page_end_edit (page);
}

static void
on_tag_remove_clicked (GtkButton        *button,
                       RtesIdentityPage *self)
{
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (button), "rtes-tag"));

  edit_tags (self, button, NULL, id);
  /* The chip is gone with its button: the focus goes to what adds one. */
  gtk_widget_grab_focus (GTK_WIDGET (self->add_tag_button));
}

static GtkWidget *
tag_chip_new (RtesIdentityPage *self,
              const char       *id)
{
  const RtesTerm *term = rtes_tag_lookup (id);
  const char *label = term != NULL ? rtes_term_label (term) : id;
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *text = gtk_label_new (label);
  GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  g_autofree char *name = NULL;

  gtk_widget_add_css_class (chip, "rtes-tag-chip");
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (chip), text);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  /* Translators: the button on a chosen theme that removes it, e.g. "Remove the theme “Fair trade”" */
  name = g_strdup_printf (_("Remove the theme “%s”"), label);
  gtk_widget_set_tooltip_text (remove, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (remove), "rtes-tag", g_strdup (id), g_free);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_tag_remove_clicked), self, 0);
  gtk_box_append (GTK_BOX (chip), remove);
  return chip;
}

/* The chips follow the fiche's tags, in its order; rebuilt only when
 * they change, so a focused remove button of another chip keeps focus. */
static void
sync_tag_chips (RtesIdentityPage *self,
                RtesFiche        *fiche)
{
  const char * const *tags = rtes_fiche_get_tags (fiche);
  const char * const none[] = { NULL };
  GtkWidget *child;

  if (tags == NULL)
    tags = none;
  if (self->shown_tags != NULL && g_strv_equal ((const char * const *) self->shown_tags, tags))
    return;
  g_strfreev (self->shown_tags);
  self->shown_tags = g_strdupv ((char **) tags);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_flow_box_remove (self->tags_box, child);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      gtk_flow_box_append (self->tags_box, tag_chip_new (self, tags[i]));
      /* Tab goes to the remove buttons, not to the flow box's cells. */
      gtk_widget_set_focusable (gtk_widget_get_last_child (GTK_WIDGET (self->tags_box)), FALSE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), tags[0] != NULL);
  gtk_list_box_invalidate_filter (self->tag_choices);
}

/* The list in the popover: levers the fiche does not have, matching what
 * is typed in its search entry (accents and case aside). */
static gboolean
tag_choice_visible (GtkListBoxRow *row,
                    gpointer       user_data)
{
  RtesIdentityPage *self = user_data;
  const char *id = g_object_get_data (G_OBJECT (row), "rtes-tag");
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->tag_search));
  const RtesTerm *term = rtes_tag_lookup (id);

  if (self->shown_tags != NULL && g_strv_contains ((const char * const *) self->shown_tags, id))
    return FALSE;
  return search[0] == '\0' || g_str_match_string (search, rtes_term_label (term), TRUE);
}

static void
on_tag_search_changed (GtkSearchEntry   *entry,
                       RtesIdentityPage *self)
{
  GtkListBoxRow *first = NULL;

  gtk_list_box_invalidate_filter (self->tag_choices);
  /* Entrée takes the first lever that matches. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->tag_choices));
       row != NULL && first == NULL; row = gtk_widget_get_next_sibling (row))
    if (tag_choice_visible (GTK_LIST_BOX_ROW (row), self))
      first = GTK_LIST_BOX_ROW (row);
  gtk_list_box_select_row (self->tag_choices, first);
}

static void
on_tag_choice_activated (GtkListBox       *box,
                         GtkListBoxRow    *row,
                         RtesIdentityPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "rtes-tag");

  gtk_menu_button_popdown (self->add_tag_button);
  edit_tags (self, row, id, NULL);
  /* The next time, the whole list again. */
  gtk_editable_set_text (GTK_EDITABLE (self->tag_search), "");
  on_tag_search_changed (self->tag_search, self);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_tag_button));
}

static void
on_tag_search_activate (GtkSearchEntry   *entry,
                        RtesIdentityPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->tag_choices);

  if (row != NULL)
    on_tag_choice_activated (self->tag_choices, row, self);
}

static void
on_tag_popover_shown (GtkPopover       *popover,
                      RtesIdentityPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->tag_search), "");
  on_tag_search_changed (self->tag_search, self);
  gtk_widget_grab_focus (GTK_WIDGET (self->tag_search));
}

static void
build_tag_choices (RtesIdentityPage *self)
{
  for (const RtesTerm *term = rtes_tags (); term->id != NULL; term++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (rtes_term_label (term));

      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      /* Object data: the filter and "row-activated" hand over the row only. */
      g_object_set_data (G_OBJECT (row), "rtes-tag", (gpointer) term->id);
      gtk_list_box_append (self->tag_choices, row);
    }
  gtk_list_box_set_filter_func (self->tag_choices, tag_choice_visible, self, NULL);
}

GtkMenuButton *
rtes_identity_page_get_add_tag_button (RtesIdentityPage *self)
{
  g_return_val_if_fail (RTES_IS_IDENTITY_PAGE (self), NULL);
  return self->add_tag_button;
}

GtkEditable *
rtes_identity_page_get_tag_search (RtesIdentityPage *self)
{
  g_return_val_if_fail (RTES_IS_IDENTITY_PAGE (self), NULL);
  return GTK_EDITABLE (self->tag_search);
}

GtkListBoxRow *
rtes_identity_page_get_tag_choice (RtesIdentityPage *self,
                                   const char       *id)
{
  g_return_val_if_fail (RTES_IS_IDENTITY_PAGE (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->tag_choices));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "rtes-tag"), id) == 0)
      return tag_choice_visible (GTK_LIST_BOX_ROW (row), self) ? GTK_LIST_BOX_ROW (row) : NULL;
  return NULL;
}

GtkButton *
rtes_identity_page_get_tag_remove_button (RtesIdentityPage *self,
                                          const char       *id)
{
  g_return_val_if_fail (RTES_IS_IDENTITY_PAGE (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *chip = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      GtkWidget *remove = gtk_widget_get_last_child (chip);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (remove), "rtes-tag"), id) == 0)
        return GTK_BUTTON (remove);
    }
  return NULL;
}

/* Suggested tags: the fiche's own words name levers it is not tagged
 * with yet ("clauses sociales" → public procurement). One click accepts
 * one, as the list would: an edit like any other (undo takes it back). */
static void
on_suggestion_clicked (GtkButton        *button,
                       RtesIdentityPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "rtes-tag");

  edit_tags (self, button, id, NULL);
  /* The button is gone with the suggestion: focus what it changed. */
  if (rtes_identity_page_get_tag_remove_button (self, id) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (rtes_identity_page_get_tag_remove_button (self, id)));
}

static void
update_tag_suggestions (RtesIdentityPage *self,
                        RtesFiche        *fiche)
{
  g_auto(GStrv) suggested = rtes_tag_suggest (fiche);
  g_autofree char *text = NULL;
  GtkWidget *child;

  /* Rebuilt only when the list changes: typing in a section calls this at
   * every keystroke, and a rebuilt button would lose its focus. */
  if (self->suggested_tags != NULL &&
      g_strv_equal ((const char * const *) suggested, (const char * const *) self->suggested_tags))
    return;
  g_strfreev (self->suggested_tags);
  self->suggested_tags = g_strdupv (suggested);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_suggestions_box))) != NULL)
    gtk_flow_box_remove (self->tag_suggestions_box, child);
  text = rtes_tag_suggest_text_of (fiche);
  for (guint i = 0; suggested[i] != NULL; i++)
    {
      const RtesTerm *term = rtes_tag_lookup (suggested[i]);
      GtkWidget *button = gtk_button_new ();
      GtkWidget *content = adw_button_content_new ();
      g_autofree char *tooltip = NULL;
      g_autofree char *accessible = NULL;

      adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
      adw_button_content_set_label (ADW_BUTTON_CONTENT (content), rtes_term_label (term));
      gtk_button_set_child (GTK_BUTTON (button), content);
      /* Translators: why a tag is suggested: the words found in the fiche */
      tooltip = g_strdup_printf (_("The fiche mentions “%s”"), rtes_tag_suggest_reason (term->id, text));
      gtk_widget_set_tooltip_text (button, tooltip);
      /* Translators: a button that adds a suggested tag, e.g. "Add the theme “Fair trade”" */
      accessible = g_strdup_printf (_("Add the theme “%s”"), rtes_term_label (term));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      g_object_set_data (G_OBJECT (button), "rtes-tag", (gpointer) term->id);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_suggestion_clicked), self, 0);
      gtk_flow_box_append (self->tag_suggestions_box, button);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
  gtk_widget_set_visible (self->tag_suggestions, suggested[0] != NULL);
}

const char * const *
rtes_identity_page_get_suggested_tags (RtesIdentityPage *self)
{
  g_return_val_if_fail (RTES_IS_IDENTITY_PAGE (self), NULL);
  return (const char * const *) self->suggested_tags;
}

GtkButton *
rtes_identity_page_get_suggestion_button (RtesIdentityPage *self,
                                          const char       *id)
{
  g_return_val_if_fail (RTES_IS_IDENTITY_PAGE (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_suggestions_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (g_strcmp0 (g_object_get_data (G_OBJECT (button), "rtes-tag"), id) == 0)
        return GTK_BUTTON (button);
    }
  return NULL;
}

/* Change handlers ------------------------------------------------------ */

#define BEGIN(widget) \
  RtesFormPage *page = RTES_FORM_PAGE (self); \
  RtesFiche *fiche = rtes_form_page_get_fiche (page); \
  if (!rtes_form_page_begin_edit (page, (widget))) \
    return;

static void
on_status_selected (RtesIdentityPage *self)
{
  guint selected = adw_combo_row_get_selected (self->status_row);

  if (selected >= G_N_ELEMENTS (statuses))
    return;
  {
    BEGIN (self->status_row);
    rtes_fiche_set_status (fiche, statuses[selected]);
    rtes_form_page_end_edit (page);
  }
}

/* Kind and région: "Not said", then the vocabulary's terms. */
static void
on_term_selected (AdwComboRow      *row,
                  GParamSpec       *pspec,
                  RtesIdentityPage *self)
{
  gboolean kind = row == self->kind_row;
  guint selected = adw_combo_row_get_selected (row);
  const char *id = selected == NOT_SAID || selected == GTK_INVALID_LIST_POSITION
                   ? NULL : (kind ? rtes_kinds () : rtes_regions ())[selected - 1].id;
  BEGIN (row);
  (kind ? rtes_fiche_set_kind : rtes_fiche_set_region) (fiche, id);
  rtes_form_page_end_edit (page);
}

/* Population and "member since": what they say when they cannot read. */
static void
on_number_changed (RtesNumberRow    *row,
                   RtesIdentityPage *self)
{
  gboolean population = row == self->population_row;
  gboolean readable;
  gint64 value = number_to_store (row, &readable);

  if (rtes_form_page_is_refilling (RTES_FORM_PAGE (self)))
    return;
  mark_unreadable (RTES_FORM_PAGE (self), row, population ? "population" : "member_since",
                   readable ? NULL
                   : population ? _("Type a number of inhabitants, such as 48 200 or 1,2 million.")
                   : _("Type a year, such as 2015."));
  {
    BEGIN (row);
    (population ? rtes_fiche_set_population : rtes_fiche_set_member_since) (fiche, value);
    rtes_form_page_end_edit (page);
  }
}

static void
on_updated_changed (RtesIdentityPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->updated_row));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *date = rtes_french_parse_date (stripped);
  gboolean readable = stripped[0] == '\0' || date != NULL;

  if (rtes_form_page_is_refilling (RTES_FORM_PAGE (self)))
    return;
  mark_unreadable (RTES_FORM_PAGE (self), self->updated_row, "updated",
                   readable ? NULL : _("Type a date such as 12/03/2024."));
  if (!readable)
    return;
  {
    BEGIN (self->updated_row);
    rtes_form_page_edit_keeps_date (page);
    rtes_fiche_set_updated (fiche, date);
    rtes_form_page_end_edit (page);
  }
}

static void
set_updated (RtesIdentityPage *self,
             const char       *date)
{
  BEGIN (self);
  rtes_form_page_edit_keeps_date (page);
  rtes_fiche_set_updated (fiche, date);
  rtes_form_page_end_edit (page);
}

static void
on_updated_today (RtesIdentityPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  set_updated (self, today);
  gtk_menu_button_popdown (self->calendar_button);
}

/* The calendar opens on the fiche's date, or today's. */
static void
on_calendar_shown (RtesIdentityPage *self)
{
  const char *updated = rtes_fiche_get_updated (rtes_form_page_get_fiche (RTES_FORM_PAGE (self)));
  g_autoptr(GDateTime) date = NULL;
  unsigned year, month, day;

  if (updated != NULL && sscanf (updated, "%4u-%2u-%2u", &year, &month, &day) == 3 &&
      g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    date = g_date_time_new_local ((int) year, (int) month, (int) day, 12, 0, 0);
  if (date == NULL)
    date = g_date_time_new_now_local ();
  self->showing_date = TRUE;
  gtk_calendar_select_day (self->calendar, date);
  self->showing_date = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->calendar));
}

/* A day chosen sets the date and closes the calendar. Turning to another
 * month selects the same day there: that is browsing, not choosing. */
static void
on_calendar_day_selected (RtesIdentityPage *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");
  const char *updated = rtes_fiche_get_updated (rtes_form_page_get_fiche (RTES_FORM_PAGE (self)));
  unsigned year, month, day;

  if (self->showing_date)
    return;
  if (updated != NULL && sscanf (updated, "%4u-%2u-%2u", &year, &month, &day) == 3 &&
      (int) day == g_date_time_get_day_of_month (date) &&
      ((int) month != g_date_time_get_month (date) || (int) year != g_date_time_get_year (date)))
    return;
  set_updated (self, text);
  gtk_menu_button_popdown (self->calendar_button);
}

static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *buttons)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        g_ptr_array_add (buttons, child);
      else
        collect_buttons (child, buttons);
    }
}

/* GtkCalendar's arrows are bare icons: a screen reader would read four
 * unnamed buttons. Its header holds month back, month on, year back and
 * year on, in that order. */
static void
name_calendar_arrows (GtkCalendar *calendar)
{
  const char *names[] = {
    N_("Previous Month"), N_("Next Month"), N_("Previous Year"), N_("Next Year"),
  };
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_buttons (GTK_WIDGET (calendar), buttons);
  if (buttons->len != G_N_ELEMENTS (names))
    return;
  for (guint i = 0; i < buttons->len; i++)
    {
      gtk_widget_set_tooltip_text (g_ptr_array_index (buttons, i), _(names[i]));
      gtk_accessible_update_property (g_ptr_array_index (buttons, i),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(names[i]), -1);
    }
}

GtkCalendar *
rtes_identity_page_get_calendar (RtesIdentityPage *self)
{
  g_return_val_if_fail (RTES_IS_IDENTITY_PAGE (self), NULL);

  return self->calendar;
}

#undef BEGIN

/* Refill ----------------------------------------------------------------- */

static guint
position_of (const RtesTerm *terms,
             const char     *id)
{
  if (id == NULL)
    return NOT_SAID;
  for (guint i = 0; terms[i].id != NULL; i++)
    if (g_strcmp0 (terms[i].id, id) == 0)
      return i + 1;
  /* A value outside the vocabulary: show "not said" rather than guess;
   * the model keeps it until someone picks another. */
  return NOT_SAID;
}

static void
sync_combo (RtesFormPage *page,
            AdwComboRow  *row,
            guint         position)
{
  if (rtes_form_page_is_edit_source (page, row))
    return;
  if (adw_combo_row_get_selected (row) != position)
    adw_combo_row_set_selected (row, position);
}

static void
rtes_identity_page_fiche_changed (RtesFormPage *page,
                                  RtesFiche    *fiche)
{
  RtesIdentityPage *self = RTES_IDENTITY_PAGE (page);

  sync_combo (page, self->status_row, rtes_fiche_is_draft (fiche) ? 0 : 1);
  sync_combo (page, self->kind_row, position_of (rtes_kinds (), rtes_fiche_get_kind (fiche)));
  sync_combo (page, self->region_row, position_of (rtes_regions (), rtes_fiche_get_region (fiche)));
  sync_number (page, self->population_row, "population", rtes_fiche_get_population (fiche));
  sync_number (page, self->member_since_row, "member_since", rtes_fiche_get_member_since (fiche));
  sync_date (page, self->updated_row, rtes_fiche_get_updated (fiche));

  sync_lines (self, fiche);
  update_region_suggestion (self, fiche);

  sync_tag_chips (self, fiche);
  update_tag_suggestions (self, fiche);
}

static void
rtes_identity_page_show_issues (RtesFormPage *page,
                                GPtrArray    *issues)
{
  RtesIdentityPage *self = RTES_IDENTITY_PAGE (page);
  RtesIssue *tag_issue = NULL;

  RTES_FORM_PAGE_CLASS (rtes_identity_page_parent_class)->show_issues (page, issues);

  /* Issues name one tag ("tags[3]"); the list of tags shows them. */
  for (guint i = 0; issues != NULL && i < issues->len && tag_issue == NULL; i++)
    {
      RtesIssue *issue = g_ptr_array_index (issues, i);

      if (issue->severity != RTES_ISSUE_MISSING && g_str_has_prefix (issue->field, "tags["))
        tag_issue = issue;
    }
  rtes_field_message_set (GTK_WIDGET (self->tags_box),
                          tag_issue != NULL ? tag_issue->severity : RTES_ISSUE_WARNING,
                          tag_issue != NULL ? tag_issue->message : NULL);
}

static gboolean
rtes_identity_page_focus_field (RtesFormPage *page,
                                const char   *path)
{
  RtesIdentityPage *self = RTES_IDENTITY_PAGE (page);

  if (g_str_has_prefix (path, "tags"))
    {
      return gtk_widget_grab_focus (GTK_WIDGET (self->add_tag_button));
    }
  if (g_str_equal (path, "address.lines") && self->line_rows->len > 0)
    return gtk_widget_grab_focus (g_ptr_array_index (self->line_rows, 0));

  return RTES_FORM_PAGE_CLASS (rtes_identity_page_parent_class)->focus_field (page, path);
}

/* Construction ------------------------------------------------------------ */

static GListModel *
terms_model (const RtesTerm *terms,
             const char     *not_said)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, not_said);
  for (; terms->id != NULL; terms++)
    gtk_string_list_append (list, rtes_term_label (terms));
  return G_LIST_MODEL (list);
}

static void
rtes_identity_page_dispose (GObject *object)
{
  RtesIdentityPage *self = RTES_IDENTITY_PAGE (object);

  g_clear_pointer (&self->line_rows, g_ptr_array_unref);
  g_clear_pointer (&self->shown_tags, g_strfreev);
  g_clear_pointer (&self->suggested_tags, g_strfreev);

  G_OBJECT_CLASS (rtes_identity_page_parent_class)->dispose (object);
}

static void
rtes_identity_page_class_init (RtesIdentityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RtesFormPageClass *page_class = RTES_FORM_PAGE_CLASS (klass);

  object_class->dispose = rtes_identity_page_dispose;
  page_class->fiche_changed = rtes_identity_page_fiche_changed;
  page_class->focus_field = rtes_identity_page_focus_field;
  page_class->show_issues = rtes_identity_page_show_issues;

  g_type_ensure (RTES_TYPE_NUMBER_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/rtes/Fiches/editor/rtes-identity-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RtesIdentityPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, RtesIdentityPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, RtesIdentityPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, RtesIdentityPage, region_row);
  gtk_widget_class_bind_template_child (widget_class, RtesIdentityPage, region_suggestion_row);
  gtk_widget_class_bind_template_child (widget_class, RtesIdentityPage, use_region_button);
  gtk_widget_class_bind_template_child (widget_class, RtesIdentityPage, population_row);
  gtk_widget_class_bind_template_child (widget_class, RtesIdentityPage, population_note_row);
  gtk_widget_class_bind_template_child (widget_class, RtesIdentityPage, member_since_row);
  gtk_widget_class_bind_template_child (widget_class, RtesIdentityPage, updated_row);
  gtk_widget_class_bind_template_child (widget_class, RtesIdentityPage, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, RtesIdentityPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, RtesIdentityPage, address_list);
  gtk_widget_class_bind_template_child (widget_class, RtesIdentityPage, postcode_row);
  gtk_widget_class_bind_template_child (widget_class, RtesIdentityPage, city_row);
  gtk_widget_class_bind_template_child (widget_class, RtesIdentityPage, country_row);
  gtk_widget_class_bind_template_child (widget_class, RtesIdentityPage, tags_box);
  gtk_widget_class_bind_template_child (widget_class, RtesIdentityPage, add_tag_button);
  gtk_widget_class_bind_template_child (widget_class, RtesIdentityPage, tag_search);
  gtk_widget_class_bind_template_child (widget_class, RtesIdentityPage, tag_choices);
  gtk_widget_class_bind_template_child (widget_class, RtesIdentityPage, tag_suggestions);
  gtk_widget_class_bind_template_child (widget_class, RtesIdentityPage, tag_suggestions_box);

  gtk_widget_class_bind_template_callback (widget_class, on_status_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_term_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_use_suggested_region);
  gtk_widget_class_bind_template_callback (widget_class, on_number_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_updated_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_updated_today);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_shown);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_choice_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_popover_shown);
}

static void
rtes_identity_page_init (RtesIdentityPage *self)
{
  RtesFormPage *page = RTES_FORM_PAGE (self);
  g_autoptr(GListModel) kinds = NULL;
  g_autoptr(GListModel) regions = NULL;
  GtkStringList *statuses_model;

  self->line_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  rtes_editor_disable_text_undo (GTK_WIDGET (self));

  /* Models are set before the fiche: a combo's first selection is not an
   * edit, and the page is insensitive and fiche-less until then anyway. */
  statuses_model = gtk_string_list_new (NULL);
  /* Translators: status of a fiche still being written (not public yet) */
  gtk_string_list_append (statuses_model, C_("fiche status", "Draft"));
  gtk_string_list_append (statuses_model, C_("fiche status", "Published"));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses_model));
  rtes_editor_name_combo_items (self->status_row);
  g_object_unref (statuses_model);

  kinds = terms_model (rtes_kinds (), C_("kind of collectivity", "Not specified"));
  adw_combo_row_set_model (self->kind_row, kinds);
  rtes_editor_name_combo_items (self->kind_row);
  regions = terms_model (rtes_regions (), C_("region", "Not specified"));
  adw_combo_row_set_model (self->region_row, regions);
  rtes_editor_name_combo_items (self->region_row);

  build_tag_choices (self);
  tidy_line_rows (self);
  name_calendar_arrows (self->calendar);

  rtes_form_page_bind_field (page, "name", GTK_WIDGET (self->name_row));
  rtes_form_page_add_field (page, "status", GTK_WIDGET (self->status_row));
  rtes_form_page_add_field (page, "kind", GTK_WIDGET (self->kind_row));
  rtes_form_page_add_field (page, "region", GTK_WIDGET (self->region_row));
  rtes_form_page_add_field (page, "population", GTK_WIDGET (self->population_row));
  rtes_form_page_bind_field (page, "population_note", GTK_WIDGET (self->population_note_row));
  rtes_form_page_add_field (page, "member_since", GTK_WIDGET (self->member_since_row));
  rtes_form_page_add_field (page, "updated", GTK_WIDGET (self->updated_row));
  rtes_form_page_bind_field (page, "address.postcode", GTK_WIDGET (self->postcode_row));
  rtes_form_page_bind_field (page, "address.city", GTK_WIDGET (self->city_row));
  rtes_form_page_bind_field (page, "address.country", GTK_WIDGET (self->country_row));
}

GtkWidget *
rtes_identity_page_new (void)
{
  return g_object_new (RTES_TYPE_IDENTITY_PAGE, NULL);
}
