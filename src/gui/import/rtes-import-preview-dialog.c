/* rtes-import-preview-dialog.c: what an import will do, for a person to confirm
 *
 * Shows an RtesImportPlan before anything is written: fiches with
 * conflicts first (open, highlighted), then the fiches the export
 * changes, the new ones, and those it leaves as they are; each fiche by
 * name, its places by what they gain from the export, what changes and
 * what stays as it was made here. The person chooses Import or Cancel;
 * the window applies the plan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rtes-import-preview-dialog.h"

/* More fiches than this to show, and only the ones with conflicts open
 * themselves: a region's export must not open as a wall of rows. */
#define EXPAND_ALL_MAX 6

struct _RtesImportPreviewDialog
{
  AdwWindow parent_instance;

  /* template widgets */
  AdwWindowTitle      *window_title;
  AdwPreferencesPage  *page;
  AdwPreferencesGroup *summary_group;
  GtkWidget           *import_button;

  /* owned */
  RtesImportPlan      *plan;

  /* state */
  gboolean             responded;
};

G_DEFINE_FINAL_TYPE (RtesImportPreviewDialog, rtes_import_preview_dialog, ADW_TYPE_WINDOW)

enum {
  RESPONSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- rows ---- */

/* The row's text of one place. */
static char *
rtes_import_preview_place_subtitle (const RtesImportPlace *place)
{
  g_return_val_if_fail (place != NULL, NULL);

  switch (place->kind)
    {
    case RTES_IMPORT_PLACE_FILLED:
      if (place->item)
        return g_strdup (_("New in the export: added"));
      /* Translators: a place empty in the fiche that the export fills */
      return g_strdup_printf (_("Empty here, from the export: %s"), place->export);
    case RTES_IMPORT_PLACE_CHANGED:
      if (place->item && place->export_absent)
        return g_strdup (_("Removed in the export: removed here too"));
      /* Translators: "old value → new value" */
      return g_strdup_printf (_("%s → %s"), place->here, place->export);
    case RTES_IMPORT_PLACE_KEPT:
      if (place->item && place->export_absent)
        return g_strdup (_("Added here: kept"));
      if (place->item && place->here_absent)
        return g_strdup (_("Removed here: stays removed"));
      return g_strdup_printf (_("Changed here, kept: %s"), place->here);
    case RTES_IMPORT_PLACE_CONFLICT:
    default:
      /* Translators: two lines; the value here is the one kept */
      return g_strdup_printf (_("In the export: %s\nHere, kept: %s"),
                              place->export_absent ? _("removed") : place->export,
                              place->here_absent ? _("removed") : place->here);
    }
}

static GtkWidget *
place_row (const RtesImportPlace *place)
{
  static const struct {
    const char *icon;
    const char *style;
    const char *what;
  } kinds[] = {
    [RTES_IMPORT_PLACE_FILLED] = { "list-add-symbolic", "rtes-import-filled", N_("From the export") },
    [RTES_IMPORT_PLACE_CHANGED] = { "document-edit-symbolic", "rtes-import-changed", N_("From the export") },
    [RTES_IMPORT_PLACE_KEPT] = { "object-select-symbolic", "rtes-import-kept", N_("Kept") },
    [RTES_IMPORT_PLACE_CONFLICT] = { "dialog-warning-symbolic", "rtes-import-conflict", N_("Conflict") },
  };
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (kinds[place->kind].icon);
  g_autofree char *subtitle = rtes_import_preview_place_subtitle (place);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), place->label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_widget_add_css_class (icon, "rtes-import-kind");
  gtk_widget_set_tooltip_text (icon, _(kinds[place->kind].what));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(kinds[place->kind].what), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (row, kinds[place->kind].style);
  return row;
}

/* "1 conflict, 2 from the export, 3 kept" */
static char *
fiche_subtitle (const RtesImportPlanFiche *fiche)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint conflicts = rtes_import_plan_fiche_count (fiche, RTES_IMPORT_PLACE_CONFLICT);
  guint taken = rtes_import_plan_fiche_count (fiche, RTES_IMPORT_PLACE_FILLED)
                + rtes_import_plan_fiche_count (fiche, RTES_IMPORT_PLACE_CHANGED);
  guint kept = rtes_import_plan_fiche_count (fiche, RTES_IMPORT_PLACE_KEPT);

  if (conflicts > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u conflict", "%u conflicts",
                                                          conflicts), conflicts));
  if (taken > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u from the export",
                                                          "%u from the export", taken), taken));
  if (kept > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u kept", "%u kept", kept), kept));
  if (!fiche->has_base && fiche->state != RTES_IMPORT_FICHE_NEW)
    g_ptr_array_add (parts, g_strdup (_("first import: nothing here is overwritten")));
  if (parts->len == 0)
    return g_strdup (fiche->id);
  g_ptr_array_add (parts, NULL);
  /* Translators: separator of the counts under a fiche's name */
  return g_strjoinv (_(", "), (char **) parts->pdata);
}

static GtkWidget *
fiche_row (const RtesImportPlanFiche *fiche,
           gboolean                   expanded)
{
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  if (fiche->places->len == 0)
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fiche->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), fiche->id);
      return row;
    }
  subtitle = fiche_subtitle (fiche);
  row = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fiche->name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  for (guint i = 0; i < fiche->places->len; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), place_row (g_ptr_array_index (fiche->places, i)));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), expanded);
  if (rtes_import_plan_fiche_count (fiche, RTES_IMPORT_PLACE_CONFLICT) > 0)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, _("Conflicts"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Conflicts"), -1);
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
    }
  return row;
}

static void
add_group (RtesImportPreviewDialog *self,
           RtesImportFicheState     state,
           const char              *title,
           const char              *description,
           gboolean                 expanded)
{
  GPtrArray *fiches = rtes_import_plan_get_fiches (self->plan);
  GtkWidget *group;

  if (rtes_import_plan_count (self->plan, state) == 0)
    return;
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  for (guint i = 0; i < fiches->len; i++)
    {
      RtesImportPlanFiche *fiche = g_ptr_array_index (fiches, i);

      if (fiche->state == state)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), fiche_row (fiche, expanded));
    }
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
}

static void
add_warnings (RtesImportPreviewDialog *self)
{
  GPtrArray *warnings = rtes_import_plan_get_warnings (self->plan);
  GtkWidget *group;

  if (warnings->len == 0)
    return;
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Warnings"));
  for (guint i = 0; i < warnings->len; i++)
    {
      GtkWidget *label = gtk_label_new (g_ptr_array_index (warnings, i));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
    }
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
}

static void
fill (RtesImportPreviewDialog *self)
{
  g_autofree char *summary = rtes_import_plan_format_summary (self->plan);
  g_autofree char *source = g_path_get_basename (rtes_import_plan_get_source (self->plan));
  guint n = 0;

  for (guint i = 0; i < rtes_import_plan_get_fiches (self->plan)->len; i++)
    n += ((RtesImportPlanFiche *) g_ptr_array_index (rtes_import_plan_get_fiches (self->plan), i))->places->len > 0;

  adw_window_title_set_subtitle (self->window_title, source);
  adw_preferences_group_set_title (self->summary_group, summary);
  add_group (self, RTES_IMPORT_FICHE_CONFLICTS, _("With Conflicts"),
             _("Changed both here and in the export since the last import. Your value is kept; "
               "the fiche is marked so that you can choose later."), TRUE);
  add_group (self, RTES_IMPORT_FICHE_CHANGED, _("Changed"), NULL, n <= EXPAND_ALL_MAX);
  add_group (self, RTES_IMPORT_FICHE_NEW, _("New Fiches"), NULL, FALSE);
  add_group (self, RTES_IMPORT_FICHE_UNCHANGED, _("Unchanged"), NULL, FALSE);
  add_group (self, RTES_IMPORT_FICHE_SKIPPED, _("Not Imported"),
             _("Their files could not be read: they are left as they are."), FALSE);
  add_warnings (self);
  gtk_widget_set_sensitive (self->import_button, rtes_import_plan_has_changes (self->plan));
}

/* ---- responses ---- */

static void
respond (RtesImportPreviewDialog *self,
         const char              *response)
{
  if (self->responded)
    return;
  self->responded = TRUE;
  g_signal_emit (self, signals[RESPONSE], 0, response);
}

static void
import_clicked (RtesImportPreviewDialog *self)
{
  respond (self, "import");
  gtk_window_close (GTK_WINDOW (self));
}

static void
cancel_clicked (RtesImportPreviewDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
rtes_import_preview_dialog_close_request (GtkWindow *window)
{
  respond (RTES_IMPORT_PREVIEW_DIALOG (window), "cancel");
  return GTK_WINDOW_CLASS (rtes_import_preview_dialog_parent_class)->close_request (window);
}

/* ---- object ---- */

static void
rtes_import_preview_dialog_finalize (GObject *object)
{
  RtesImportPreviewDialog *self = RTES_IMPORT_PREVIEW_DIALOG (object);

  g_clear_object (&self->plan);

  G_OBJECT_CLASS (rtes_import_preview_dialog_parent_class)->finalize (object);
}

static void
rtes_import_preview_dialog_class_init (RtesImportPreviewDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->finalize = rtes_import_preview_dialog_finalize;
  window_class->close_request = rtes_import_preview_dialog_close_request;

  /**
   * RtesImportPreviewDialog::response:
   * @response: "import" or "cancel"
   *
   * Emitted once, when the person has chosen.
   */
  signals[RESPONSE] =
    g_signal_new ("response", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/rtes/Fiches/import/rtes-import-preview-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RtesImportPreviewDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RtesImportPreviewDialog, page);
  gtk_widget_class_bind_template_child (widget_class, RtesImportPreviewDialog, summary_group);
  gtk_widget_class_bind_template_child (widget_class, RtesImportPreviewDialog, import_button);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rtes_import_preview_dialog_init (RtesImportPreviewDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RtesImportPreviewDialog *
rtes_import_preview_dialog_new (GtkWindow      *parent,
                                RtesImportPlan *plan)
{
  RtesImportPreviewDialog *self;

  g_return_val_if_fail (RTES_IS_IMPORT_PLAN (plan), NULL);

  self = g_object_new (RTES_TYPE_IMPORT_PREVIEW_DIALOG, "transient-for", parent, NULL);
  self->plan = g_object_ref (plan);
  fill (self);
  return self;
}

RtesImportPlan *
rtes_import_preview_dialog_get_plan (RtesImportPreviewDialog *self)
{
  g_return_val_if_fail (RTES_IS_IMPORT_PREVIEW_DIALOG (self), NULL);
  return self->plan;
}
