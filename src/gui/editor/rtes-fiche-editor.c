/* rtes-fiche-editor.c: the editor of one fiche, page by page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "rtes-fiche-editor.h"
#include "rtes-budget-page.h"
#include "rtes-contacts-page.h"
#include "rtes-identity-page.h"
#include "rtes-review.h"
#include "rtes-review-panel.h"
#include "rtes-spelling.h"
#include "rtes-text-section-page.h"
#include "rtes-validation.h"

typedef enum {
  LAYOUT_WIDE,
  LAYOUT_NARROW,
  LAYOUT_BOTTOM,
} Layout;

struct _RtesFicheEditor
{
  AdwBin               parent_instance;

  /* template widgets */
  GtkStack            *main_stack;
  AdwViewStack        *view_stack;
  AdwViewSwitcher     *switcher;
  GtkWidget           *switcher_scroller;
  AdwViewSwitcherBar  *switcher_bar;
  GtkLevelBar         *completeness_bar;
  GtkLabel            *summary_label;
  GtkMenuButton       *missing_button;
  GtkListBox          *missing_list;
  GtkToggleButton     *review_button;
  RtesReviewPanel     *review_panel;
  RtesIdentityPage    *identity_page;
  RtesTextSectionPage *panorama_page;
  RtesBudgetPage      *budget_page;
  RtesTextSectionPage *programme_page;
  RtesTextSectionPage *actions_page;
  RtesContactsPage    *contacts_page;

  /* owned references */
  RtesDocument        *document;
  RtesFiche           *fiche;
  GPtrArray           *issues;
  RtesReviewContext   *review_context;

  /* state */
  gulong               changed_id;
  guint                validate_idle;
  guint                layout_idle;
  Layout               layout;
  int                  wide_width;     /* natural widths of the switcher, */
  int                  narrow_width;   /* measured while each was shown */
};

G_DEFINE_FINAL_TYPE (RtesFicheEditor, rtes_fiche_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_FICHE,
  PROP_DOCUMENT,
  PROP_LIBRARY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *const page_names[] = {
  "identity", "panorama", "budget", "programme", "actions", "contacts",
};

/* The page that edits @path, by name. */
static const char *
rtes_fiche_editor_page_for_field (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (g_str_has_prefix (path, "panorama"))
    return "panorama";
  if (g_str_has_prefix (path, "budget"))
    return "budget";
  if (g_str_has_prefix (path, "programme"))
    return "programme";
  if (g_str_has_prefix (path, "actions"))
    return "actions";
  if (g_str_has_prefix (path, "contacts"))
    return "contacts";
  /* name, status, kind, region, population, address.*, tags… and "id",
   * which the window edits (rename) but belongs with the identity. */
  return "identity";
}

RtesFormPage *
rtes_fiche_editor_get_page (RtesFicheEditor *self,
                            const char      *name)
{
  g_return_val_if_fail (RTES_IS_FICHE_EDITOR (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_equal (name, "identity"))
    return RTES_FORM_PAGE (self->identity_page);
  if (g_str_equal (name, "panorama"))
    return RTES_FORM_PAGE (self->panorama_page);
  if (g_str_equal (name, "budget"))
    return RTES_FORM_PAGE (self->budget_page);
  if (g_str_equal (name, "programme"))
    return RTES_FORM_PAGE (self->programme_page);
  if (g_str_equal (name, "actions"))
    return RTES_FORM_PAGE (self->actions_page);
  if (g_str_equal (name, "contacts"))
    return RTES_FORM_PAGE (self->contacts_page);
  return NULL;
}

const char *
rtes_fiche_editor_get_visible_page (RtesFicheEditor *self)
{
  g_return_val_if_fail (RTES_IS_FICHE_EDITOR (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
rtes_fiche_editor_set_visible_page (RtesFicheEditor *self,
                                    const char      *name)
{
  g_return_if_fail (RTES_IS_FICHE_EDITOR (self));

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

gboolean
rtes_fiche_editor_focus_field (RtesFicheEditor *self,
                               const char      *path)
{
  const char *name;

  g_return_val_if_fail (RTES_IS_FICHE_EDITOR (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  name = rtes_fiche_editor_page_for_field (path);
  adw_view_stack_set_visible_child_name (self->view_stack, name);
  return rtes_form_page_focus_field (rtes_fiche_editor_get_page (self, name), path);
}

/* Summary and issues ------------------------------------------------------- */

static void
on_missing_activated (RtesFicheEditor *self,
                      GtkListBoxRow   *row)
{
  const char *path = g_object_get_data (G_OBJECT (row), "rtes-field");

  gtk_menu_button_popdown (self->missing_button);
  if (path != NULL)
    rtes_fiche_editor_focus_field (self, path);
}

/* A page title without its mnemonic: "_Actions" → "Actions". */
static char *
page_title (AdwViewStackPage *page)
{
  const char *title = page != NULL ? adw_view_stack_page_get_title (page) : NULL;
  GString *out = g_string_new (NULL);

  for (const char *p = title; p != NULL && *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
update_summary (RtesFicheEditor *self)
{
  GtkWidget *child;
  guint missing = 0;
  guint per_page[G_N_ELEMENTS (page_names)] = { 0, };
  double completeness = self->fiche != NULL ? rtes_fiche_completeness (self->fiche) : 0;
  int percent = (int) floor (completeness * 100 + 0.5);
  g_autofree char *summary = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->missing_list))) != NULL)
    gtk_list_box_remove (self->missing_list, child);

  for (guint i = 0; self->issues != NULL && i < self->issues->len; i++)
    {
      RtesIssue *issue = g_ptr_array_index (self->issues, i);
      const char *page = rtes_fiche_editor_page_for_field (issue->field != NULL ? issue->field : "");

      if (issue->severity == RTES_ISSUE_MISSING)
        {
          GtkWidget *row = adw_action_row_new ();
          AdwViewStackPage *stack_page;
          g_autofree char *title = NULL;

          missing++;
          stack_page = adw_view_stack_get_page (self->view_stack,
                                                GTK_WIDGET (rtes_fiche_editor_get_page (self, page)));
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), issue->message);
          title = page_title (stack_page);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), title);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
          /* Object data: "row-activated" hands over the row, not what it is for. */
          g_object_set_data_full (G_OBJECT (row), "rtes-field", g_strdup (issue->field), g_free);
          gtk_list_box_append (self->missing_list, row);
        }
      else
        {
          for (guint p = 0; p < G_N_ELEMENTS (page_names); p++)
            if (g_str_equal (page_names[p], page))
              per_page[p]++;
        }
    }

  /* A page with a value that looks wrong shows it in the switcher. */
  for (guint p = 0; p < G_N_ELEMENTS (page_names); p++)
    {
      AdwViewStackPage *stack_page =
        adw_view_stack_get_page (self->view_stack,
                                 GTK_WIDGET (rtes_fiche_editor_get_page (self, page_names[p])));

      adw_view_stack_page_set_needs_attention (stack_page, per_page[p] > 0);
      adw_view_stack_page_set_badge_number (stack_page, per_page[p]);
    }

  gtk_level_bar_set_value (self->completeness_bar, completeness);
  if (missing == 0)
    /* Translators: %d is a percentage; "%%" is the percent sign */
    summary = g_strdup_printf (_("%d%% complete · nothing missing"), percent);
  else
    /* Translators: %d is a percentage ("%%" the percent sign), %u a count */
    summary = g_strdup_printf (ngettext ("%d%% complete · %u item missing",
                                         "%d%% complete · %u items missing", missing),
                               percent, missing);
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->missing_button), missing > 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->completeness_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, summary, -1);
}

GPtrArray *
rtes_fiche_editor_validate_now (RtesFicheEditor *self)
{
  g_return_val_if_fail (RTES_IS_FICHE_EDITOR (self), NULL);

  g_clear_handle_id (&self->validate_idle, g_source_remove);
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  if (self->fiche != NULL)
    self->issues = rtes_fiche_validate (self->fiche, NULL);

  for (guint p = 0; p < G_N_ELEMENTS (page_names); p++)
    rtes_form_page_show_issues (rtes_fiche_editor_get_page (self, page_names[p]), self->issues);
  update_summary (self);
  /* Rows made since (a contact added) get their spelling check too. */
  if (self->review_context != NULL)
    rtes_spelling_attach_under (GTK_WIDGET (self->view_stack), self->review_context);
  return self->issues;
}

static gboolean
validate_idle_cb (gpointer data)
{
  RtesFicheEditor *self = data;

  self->validate_idle = 0;
  rtes_fiche_editor_validate_now (self);
  return G_SOURCE_REMOVE;
}

static void
on_fiche_changed (RtesFiche       *fiche,
                  RtesFicheEditor *self)
{
  /* Validation after the pages have refilled and the lists have made
   * their rows, and once for a burst of changes. */
  if (self->validate_idle == 0)
    self->validate_idle = g_idle_add (validate_idle_cb, self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* "Dernière mise à jour" is the date the content last changed: an edit
 * made in a page dates the fiche today. Changes made underneath (undo,
 * reload) bring their own date, and an edit of the date itself is kept.
 * A document does it itself, within the edit's undo step. */
static void
on_page_edited (RtesFicheEditor *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  if (self->document == NULL && self->fiche != NULL &&
      g_strcmp0 (rtes_fiche_get_updated (self->fiche), today) != 0)
    rtes_fiche_touch (self->fiche, now);
}

/* Relecture ------------------------------------------------------------------ */

static void
update_review_button (RtesFicheEditor *self)
{
  guint n = rtes_review_panel_get_n_findings (self->review_panel);
  guint blocking = rtes_review_panel_get_n_blocking (self->review_panel);
  g_autofree char *label = NULL;

  if (n == 0)
    label = g_strdup (_("_Review"));
  else
    /* Translators: the Review button with the number of points to review */
    label = g_strdup_printf (_("_Review (%u)"), n);
  gtk_button_set_label (GTK_BUTTON (self->review_button), label);
  if (blocking > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->review_button), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->review_button), "error");
}

static gboolean
select_in_text_view (GtkTextView *view,
                     const char  *value,
                     gssize       start,
                     gssize       end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter from, to;

  gtk_text_buffer_get_iter_at_offset (buffer, &from, (int) g_utf8_pointer_to_offset (value, value + start));
  gtk_text_buffer_get_iter_at_offset (buffer, &to, (int) g_utf8_pointer_to_offset (value, value + end));
  gtk_text_buffer_select_range (buffer, &from, &to);
  gtk_text_view_scroll_to_iter (view, &from, 0.1, FALSE, 0, 0);
  return TRUE;
}

gboolean
rtes_fiche_editor_show_finding (RtesFicheEditor   *self,
                                const RtesFinding *finding)
{
  g_autofree char *value = NULL;
  GtkRoot *root;
  GtkWidget *focus;

  g_return_val_if_fail (RTES_IS_FICHE_EDITOR (self), FALSE);
  g_return_val_if_fail (finding != NULL, FALSE);

  if (self->fiche == NULL || !rtes_fiche_editor_focus_field (self, finding->field[0] != '\0' ? finding->field : "name"))
    return FALSE;
  value = rtes_review_get_text (self->fiche, finding->field);
  if (value == NULL || finding->start < 0 || (gsize) finding->end > strlen (value) ||
      !g_utf8_validate (value, -1, NULL))
    return TRUE;
  /* The text in question, selected in the field now focused. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (GTK_IS_TEXT_VIEW (focus))
    return select_in_text_view (GTK_TEXT_VIEW (focus), value, finding->start, finding->end);
  if (GTK_IS_TEXT (focus) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (focus)), value) == 0)
    gtk_editable_select_region (GTK_EDITABLE (focus),
                                (int) g_utf8_pointer_to_offset (value, value + finding->start),
                                (int) g_utf8_pointer_to_offset (value, value + finding->end));
  return TRUE;
}

static void
on_finding_activated (RtesFicheEditor   *self,
                      const RtesFinding *finding)
{
  rtes_fiche_editor_show_finding (self, finding);
}

RtesReviewPanel *
rtes_fiche_editor_get_review_panel (RtesFicheEditor *self)
{
  g_return_val_if_fail (RTES_IS_FICHE_EDITOR (self), NULL);
  return self->review_panel;
}

void
rtes_fiche_editor_set_review_context (RtesFicheEditor   *self,
                                      RtesReviewContext *context)
{
  g_return_if_fail (RTES_IS_FICHE_EDITOR (self));
  g_return_if_fail (context == NULL || RTES_IS_REVIEW_CONTEXT (context));

  if (!g_set_object (&self->review_context, context))
    return;
  rtes_review_panel_set_context (self->review_panel, context);
  if (context != NULL)
    rtes_spelling_attach_under (GTK_WIDGET (self->view_stack), context);
}

/* Properties ------------------------------------------------------------------ */

RtesFiche *
rtes_fiche_editor_get_fiche (RtesFicheEditor *self)
{
  g_return_val_if_fail (RTES_IS_FICHE_EDITOR (self), NULL);

  return self->fiche;
}

/* Every page scrolled back to its top: the pages are shared by all the
 * fiches, and another fiche must not open where the last one was left. */
static void
scroll_to_top (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));

      gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_lower (vadjustment));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    scroll_to_top (child);
}

void
rtes_fiche_editor_set_fiche (RtesFicheEditor *self,
                             RtesFiche       *fiche)
{
  g_return_if_fail (RTES_IS_FICHE_EDITOR (self));
  g_return_if_fail (fiche == NULL || RTES_IS_FICHE (fiche));

  /* Another fiche than the document's: shown without the document. */
  if (self->document != NULL && rtes_document_get_fiche (self->document) != fiche)
    {
      g_clear_object (&self->document);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
    }
  if (self->fiche == fiche)
    return;

  if (self->fiche != NULL)
    g_clear_signal_handler (&self->changed_id, self->fiche);
  g_set_object (&self->fiche, fiche);

  for (guint p = 0; p < G_N_ELEMENTS (page_names); p++)
    rtes_form_page_set_fiche (rtes_fiche_editor_get_page (self, page_names[p]), fiche);
  scroll_to_top (GTK_WIDGET (self));

  /* Connected after the pages: they refill first, then we validate. */
  if (fiche != NULL)
    self->changed_id = g_signal_connect (fiche, "changed", G_CALLBACK (on_fiche_changed), self);

  gtk_stack_set_visible_child_name (self->main_stack, fiche != NULL ? "editor" : "empty");
  if (self->document != NULL)
    rtes_review_panel_set_document (self->review_panel, self->document);
  else
    rtes_review_panel_set_fiche (self->review_panel, fiche);
  rtes_fiche_editor_validate_now (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FICHE]);
}

void
rtes_fiche_editor_set_document (RtesFicheEditor *self,
                                RtesDocument    *document)
{
  g_return_if_fail (RTES_IS_FICHE_EDITOR (self));
  g_return_if_fail (document == NULL || RTES_IS_DOCUMENT (document));

  if (g_set_object (&self->document, document))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  /* The pages bracket their actions through the document. */
  for (guint p = 0; p < G_N_ELEMENTS (page_names); p++)
    rtes_form_page_set_document (rtes_fiche_editor_get_page (self, page_names[p]), document);
  rtes_fiche_editor_set_fiche (self, document != NULL ? rtes_document_get_fiche (document) : NULL);
}

/* Only the contacts page uses the library (its role suggestions): it
 * holds it for the editor. */
static RtesLibrary *
rtes_fiche_editor_get_library (RtesFicheEditor *self)
{
  g_return_val_if_fail (RTES_IS_FICHE_EDITOR (self), NULL);

  return self->contacts_page != NULL ? rtes_contacts_page_get_library (self->contacts_page) : NULL;
}

void
rtes_fiche_editor_set_library (RtesFicheEditor *self,
                               RtesLibrary     *library)
{
  g_return_if_fail (RTES_IS_FICHE_EDITOR (self));
  g_return_if_fail (library == NULL || RTES_IS_LIBRARY (library));

  if (rtes_fiche_editor_get_library (self) == library)
    return;
  rtes_contacts_page_set_library (self->contacts_page, library);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIBRARY]);
}

/* Narrow layout ------------------------------------------------------------- */

/* libadwaita 1.2 has no breakpoints. The editor picks its switcher from its
 * own width: the wide switcher (icons beside labels) when it fits, the
 * narrow one (icons above labels) when that fits, else the bar at the
 * bottom, as GNOME applications do on a phone. The switcher can only be
 * measured in the policy it has, so each policy's width is remembered as
 * it is measured; the switcher keeps the narrow policy while the bar is
 * shown, so that the narrow width is known again when the window widens. */
static void
apply_layout (RtesFicheEditor *self)
{
  gboolean bottom = self->layout == LAYOUT_BOTTOM;

  gtk_widget_set_visible (self->switcher_scroller, !bottom);
  adw_view_switcher_set_policy (self->switcher, self->layout == LAYOUT_WIDE
                                                ? ADW_VIEW_SWITCHER_POLICY_WIDE
                                                : ADW_VIEW_SWITCHER_POLICY_NARROW);
  /* The summary's text gives the percentage; on a phone it needs the room. */
  gtk_widget_set_visible (GTK_WIDGET (self->completeness_bar), !bottom);
  adw_view_switcher_bar_set_reveal (self->switcher_bar, bottom);
}

static gboolean
layout_idle_cb (gpointer data)
{
  RtesFicheEditor *self = data;

  self->layout_idle = 0;
  apply_layout (self);
  return G_SOURCE_REMOVE;
}

static Layout
choose_layout (RtesFicheEditor *self,
               int              width)
{
  int natural = 0;

  /* By its policy now, not by the layout chosen: the idle that applies a
   * layout may not have run yet. */
  gtk_widget_measure (GTK_WIDGET (self->switcher), GTK_ORIENTATION_HORIZONTAL, -1,
                      NULL, &natural, NULL, NULL);
  if (adw_view_switcher_get_policy (self->switcher) == ADW_VIEW_SWITCHER_POLICY_WIDE)
    self->wide_width = natural;
  else
    self->narrow_width = natural;

  if (self->wide_width > 0 && width >= self->wide_width + 24)
    return LAYOUT_WIDE;
  /* Not measured yet: try it, the next allocation will tell. */
  if (self->narrow_width == 0 || width >= self->narrow_width + 24)
    return self->layout == LAYOUT_WIDE && self->wide_width == 0 ? LAYOUT_WIDE : LAYOUT_NARROW;
  return LAYOUT_BOTTOM;
}

static void
rtes_fiche_editor_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  RtesFicheEditor *self = RTES_FICHE_EDITOR (widget);
  Layout layout = choose_layout (self, width);

  /* Visibility cannot change during allocation, hence the idle. */
  if (layout != self->layout)
    {
      self->layout = layout;
      if (self->layout_idle == 0)
        self->layout_idle = g_idle_add (layout_idle_cb, self);
    }

  gtk_widget_allocate (GTK_WIDGET (self->main_stack), width, height, baseline, NULL);
}

static void
rtes_fiche_editor_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  RtesFicheEditor *self = RTES_FICHE_EDITOR (widget);

  gtk_widget_measure (GTK_WIDGET (self->main_stack), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

/* GObject -------------------------------------------------------------------- */

static void
rtes_fiche_editor_dispose (GObject *object)
{
  RtesFicheEditor *self = RTES_FICHE_EDITOR (object);

  g_clear_handle_id (&self->validate_idle, g_source_remove);
  g_clear_handle_id (&self->layout_idle, g_source_remove);
  if (self->fiche != NULL)
    g_clear_signal_handler (&self->changed_id, self->fiche);
  g_clear_object (&self->fiche);
  g_clear_object (&self->document);
  g_clear_object (&self->review_context);
  g_clear_pointer (&self->issues, g_ptr_array_unref);

  G_OBJECT_CLASS (rtes_fiche_editor_parent_class)->dispose (object);
}

static void
rtes_fiche_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RtesFicheEditor *self = RTES_FICHE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_FICHE:
      g_value_set_object (value, self->fiche);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_LIBRARY:
      g_value_set_object (value, rtes_fiche_editor_get_library (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_fiche_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RtesFicheEditor *self = RTES_FICHE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_FICHE:
      rtes_fiche_editor_set_fiche (self, g_value_get_object (value));
      break;
    case PROP_DOCUMENT:
      rtes_fiche_editor_set_document (self, g_value_get_object (value));
      break;
    case PROP_LIBRARY:
      rtes_fiche_editor_set_library (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_fiche_editor_class_init (RtesFicheEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rtes_fiche_editor_dispose;
  object_class->get_property = rtes_fiche_editor_get_property;
  object_class->set_property = rtes_fiche_editor_set_property;
  /* Our own allocation, not AdwBin's layout manager: it is where the
   * editor learns its width. */
  widget_class->measure = rtes_fiche_editor_measure;
  widget_class->size_allocate = rtes_fiche_editor_size_allocate;

  properties[PROP_FICHE] =
    g_param_spec_object ("fiche", NULL, NULL,
                         RTES_TYPE_FICHE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         RTES_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL,
                         RTES_TYPE_LIBRARY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RtesFicheEditor::changed:
   *
   * Emitted after every change of the fiche shown, whoever made it (an
   * edit in a page, or the window itself): the window saves on it.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (RTES_TYPE_IDENTITY_PAGE);
  g_type_ensure (RTES_TYPE_TEXT_SECTION_PAGE);
  g_type_ensure (RTES_TYPE_BUDGET_PAGE);
  g_type_ensure (RTES_TYPE_CONTACTS_PAGE);
  g_type_ensure (RTES_TYPE_REVIEW_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/rtes/Fiches/editor/rtes-fiche-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RtesFicheEditor, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RtesFicheEditor, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RtesFicheEditor, switcher);
  gtk_widget_class_bind_template_child (widget_class, RtesFicheEditor, switcher_scroller);
  gtk_widget_class_bind_template_child (widget_class, RtesFicheEditor, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, RtesFicheEditor, completeness_bar);
  gtk_widget_class_bind_template_child (widget_class, RtesFicheEditor, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RtesFicheEditor, missing_button);
  gtk_widget_class_bind_template_child (widget_class, RtesFicheEditor, missing_list);
  gtk_widget_class_bind_template_child (widget_class, RtesFicheEditor, review_button);
  gtk_widget_class_bind_template_child (widget_class, RtesFicheEditor, review_panel);
  gtk_widget_class_bind_template_child (widget_class, RtesFicheEditor, identity_page);
  gtk_widget_class_bind_template_child (widget_class, RtesFicheEditor, panorama_page);
  gtk_widget_class_bind_template_child (widget_class, RtesFicheEditor, budget_page);
  gtk_widget_class_bind_template_child (widget_class, RtesFicheEditor, programme_page);
  gtk_widget_class_bind_template_child (widget_class, RtesFicheEditor, actions_page);
  gtk_widget_class_bind_template_child (widget_class, RtesFicheEditor, contacts_page);
  gtk_widget_class_bind_template_callback (widget_class, on_missing_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_finding_activated);
}

static void
rtes_fiche_editor_init (RtesFicheEditor *self)
{
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint p = 0; p < G_N_ELEMENTS (page_names); p++)
    g_signal_connect_object (rtes_fiche_editor_get_page (self, page_names[p]), "edited",
                             G_CALLBACK (on_page_edited), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->review_panel, "notify::n-findings",
                           G_CALLBACK (update_review_button), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->review_panel, "notify::n-blocking",
                           G_CALLBACK (update_review_button), self, G_CONNECT_SWAPPED);
  update_summary (self);
}

GtkWidget *
rtes_fiche_editor_new (void)
{
  return g_object_new (RTES_TYPE_FICHE_EDITOR, NULL);
}
