/* rtes-import-conflicts-dialog.c: the open import conflicts of one fiche
 *
 * One row per conflict: the place by name, and the export's value and
 * ours as text (never JSON), with a button for each side. A row stays
 * until the window says the choice is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rtes-fiche-json.h"
#include "rtes-fiche-merge.h"
#include "rtes-import-conflicts-dialog.h"
#include "rtes-fiche-describe.h"

struct _RtesImportConflictsDialog
{
  AdwWindow parent_instance;

  /* template widgets */
  AdwWindowTitle      *window_title;
  AdwPreferencesGroup *group;

  /* state */
  char                *fiche_id;
  GHashTable          *rows;     /* path → AdwActionRow (borrowed) */
};

G_DEFINE_FINAL_TYPE (RtesImportConflictsDialog, rtes_import_conflicts_dialog, ADW_TYPE_WINDOW)

enum {
  RESOLVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
choice_clicked (GtkButton                 *button,
                RtesImportConflictsDialog *self)
{
  const char *path = g_object_get_data (G_OBJECT (button), "rtes-path");
  gboolean theirs = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "rtes-theirs"));

  g_signal_emit (self, signals[RESOLVE], 0, path, theirs);
}

static GtkWidget *
choice_button (RtesImportConflictsDialog *self,
               const char                *label,
               const char                *path,
               gboolean                   theirs)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "rtes-path", g_strdup (path), g_free);
  g_object_set_data (G_OBJECT (button), "rtes-theirs", GINT_TO_POINTER (theirs));
  g_signal_connect (button, "clicked", G_CALLBACK (choice_clicked), self);
  return button;
}

static void
add_conflict (RtesImportConflictsDialog *self,
              const RtesConflict        *conflict,
              JsonNode                  *document)
{
  GtkWidget *row = adw_action_row_new ();
  /* Stacked, so that the two values keep the width of the row. */
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *label = rtes_fiche_describe_place (conflict->path, FALSE, document, conflict->theirs);
  g_autofree char *theirs = rtes_fiche_describe_value (conflict->path, conflict->theirs);
  g_autofree char *mine = rtes_fiche_describe_value (conflict->path, conflict->mine);
  /* Translators: two lines, under the name of the place */
  g_autofree char *subtitle = g_strdup_printf (_("In the export: %s\nHere: %s"),
                                               conflict->theirs != NULL ? theirs : _("removed"),
                                               conflict->mine != NULL ? mine : _("removed"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_box_append (GTK_BOX (buttons), choice_button (self, _("_Keep Mine"), conflict->path, FALSE));
  gtk_box_append (GTK_BOX (buttons), choice_button (self, _("_Take the Export’s"), conflict->path, TRUE));
  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  gtk_widget_set_margin_top (buttons, 6);
  gtk_widget_set_margin_bottom (buttons, 6);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), buttons);
  adw_preferences_group_add (self->group, row);
  g_hash_table_insert (self->rows, g_strdup (conflict->path), row);
}

const char *
rtes_import_conflicts_dialog_get_fiche_id (RtesImportConflictsDialog *self)
{
  g_return_val_if_fail (RTES_IS_IMPORT_CONFLICTS_DIALOG (self), NULL);
  return self->fiche_id;
}

guint
rtes_import_conflicts_dialog_get_n_conflicts (RtesImportConflictsDialog *self)
{
  g_return_val_if_fail (RTES_IS_IMPORT_CONFLICTS_DIALOG (self), 0);
  return g_hash_table_size (self->rows);
}

void
rtes_import_conflicts_dialog_set_busy (RtesImportConflictsDialog *self,
                                       const char                *path,
                                       gboolean                   busy)
{
  GtkWidget *row;

  g_return_if_fail (RTES_IS_IMPORT_CONFLICTS_DIALOG (self));
  row = g_hash_table_lookup (self->rows, path);
  if (row != NULL)
    gtk_widget_set_sensitive (row, !busy);
}

void
rtes_import_conflicts_dialog_remove (RtesImportConflictsDialog *self,
                                     const char                *path)
{
  GtkWidget *row;

  g_return_if_fail (RTES_IS_IMPORT_CONFLICTS_DIALOG (self));
  row = g_hash_table_lookup (self->rows, path);
  if (row == NULL)
    return;
  adw_preferences_group_remove (self->group, row);
  g_hash_table_remove (self->rows, path);
}

static void
rtes_import_conflicts_dialog_finalize (GObject *object)
{
  RtesImportConflictsDialog *self = RTES_IMPORT_CONFLICTS_DIALOG (object);

  g_free (self->fiche_id);
  g_hash_table_unref (self->rows);

  G_OBJECT_CLASS (rtes_import_conflicts_dialog_parent_class)->finalize (object);
}

static void
rtes_import_conflicts_dialog_class_init (RtesImportConflictsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rtes_import_conflicts_dialog_finalize;

  /**
   * RtesImportConflictsDialog::resolve:
   * @path: the place (rtes-fiche-path.h)
   * @theirs: TRUE to take the export's value, FALSE to keep ours
   */
  signals[RESOLVE] =
    g_signal_new ("resolve", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/rtes/Fiches/import/rtes-import-conflicts-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RtesImportConflictsDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RtesImportConflictsDialog, group);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rtes_import_conflicts_dialog_init (RtesImportConflictsDialog *self)
{
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

RtesImportConflictsDialog *
rtes_import_conflicts_dialog_new (GtkWindow *parent,
                                  RtesFiche *fiche,
                                  GPtrArray *conflicts)
{
  RtesImportConflictsDialog *self;
  g_autoptr(JsonNode) document = NULL;

  g_return_val_if_fail (RTES_IS_FICHE (fiche), NULL);
  g_return_val_if_fail (conflicts != NULL, NULL);

  self = g_object_new (RTES_TYPE_IMPORT_CONFLICTS_DIALOG, "transient-for", parent, NULL);
  self->fiche_id = g_strdup (rtes_fiche_get_id (fiche));
  adw_window_title_set_subtitle (self->window_title, rtes_fiche_get_name (fiche));
  /* Items are named by their contents in the fiche as it is now. */
  document = rtes_fiche_to_json (fiche);
  for (guint i = 0; i < conflicts->len; i++)
    add_conflict (self, g_ptr_array_index (conflicts, i), document);
  return self;
}
