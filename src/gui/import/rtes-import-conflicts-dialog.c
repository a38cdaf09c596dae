/* rtes-import-conflicts-dialog.c: the open import conflicts of one fiche
 *
 * A window around RtesConflictView, the same forms as the sync's
 * conflicts. The export's copy of the fiche is the last import's base; it
 * is read in a thread and only fills in the fields around the conflicts,
 * so that a base that does not read still leaves the conflicts shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rtes-fiche-json.h"
#include "rtes-import-conflicts-dialog.h"
#include "rtes-import-store.h"
#include "rtes-task.h"

struct _RtesImportConflictsDialog
{
  AdwWindow         parent_instance;

  /* owned widgets */
  RtesConflictView *view;

  /* state */
  char             *fiche_id;
  JsonNode         *document;     /* the fiche as it is now */
  GPtrArray        *conflicts;    /* RtesConflict* */
  GCancellable     *cancellable;
};

G_DEFINE_FINAL_TYPE (RtesImportConflictsDialog, rtes_import_conflicts_dialog, ADW_TYPE_WINDOW)

enum {
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
read_base_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  char **where = task_data;   /* library path, fiche id */
  g_autoptr(RtesImportStore) store = rtes_import_store_load (where[0], NULL);
  JsonNode *base = store != NULL ? rtes_import_store_get_base (store, where[1], NULL) : NULL;

  g_task_return_pointer (task, base, (GDestroyNotify) json_node_unref);
}

static void
base_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RtesImportConflictsDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) base = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  rtes_conflict_view_show (self->view, RTES_CONFLICT_SIDE_EXPORT, self->fiche_id, self->document, base,
                           self->conflicts);
  g_signal_emit (self, signals[LOADED], 0);
}

RtesConflictView *
rtes_import_conflicts_dialog_get_view (RtesImportConflictsDialog *self)
{
  g_return_val_if_fail (RTES_IS_IMPORT_CONFLICTS_DIALOG (self), NULL);
  return self->view;
}

RtesImportConflictsDialog *
rtes_import_conflicts_dialog_new (GtkWindow  *parent,
                                  const char *library_path,
                                  RtesFiche  *fiche,
                                  GPtrArray  *conflicts)
{
  RtesImportConflictsDialog *self;
  g_autoptr(GTask) task = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (library_path != NULL, NULL);
  g_return_val_if_fail (RTES_IS_FICHE (fiche), NULL);
  g_return_val_if_fail (conflicts != NULL, NULL);

  self = g_object_new (RTES_TYPE_IMPORT_CONFLICTS_DIALOG, "transient-for", parent, NULL);
  self->fiche_id = g_strdup (rtes_fiche_get_id (fiche));
  /* Items are named by their contents in the fiche as it is now. */
  self->document = rtes_fiche_to_json (fiche);
  for (guint i = 0; i < conflicts->len; i++)
    g_ptr_array_add (self->conflicts, rtes_conflict_copy (g_ptr_array_index (conflicts, i)));
  title = g_strdup_printf (_("Import Conflicts of “%s”"), rtes_fiche_get_name (fiche));
  gtk_window_set_title (GTK_WINDOW (self), title);

  /* No source object: the dialog is let go of in the main thread. */
  task = g_task_new (NULL, self->cancellable, base_read_cb, g_object_ref (self));
  g_task_set_source_tag (task, rtes_import_conflicts_dialog_new);
  g_task_set_task_data (task, g_strdupv ((char *[]) { (char *) library_path, self->fiche_id, NULL }),
                        (GDestroyNotify) g_strfreev);
  rtes_task_run_in_thread (task, read_base_thread);
  return self;
}

static void
rtes_import_conflicts_dialog_dispose (GObject *object)
{
  RtesImportConflictsDialog *self = RTES_IMPORT_CONFLICTS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (rtes_import_conflicts_dialog_parent_class)->dispose (object);
}

static void
rtes_import_conflicts_dialog_finalize (GObject *object)
{
  RtesImportConflictsDialog *self = RTES_IMPORT_CONFLICTS_DIALOG (object);

  g_free (self->fiche_id);
  g_clear_pointer (&self->document, json_node_unref);
  g_ptr_array_unref (self->conflicts);
  G_OBJECT_CLASS (rtes_import_conflicts_dialog_parent_class)->finalize (object);
}

static void
rtes_import_conflicts_dialog_class_init (RtesImportConflictsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rtes_import_conflicts_dialog_dispose;
  object_class->finalize = rtes_import_conflicts_dialog_finalize;

  /**
   * RtesImportConflictsDialog::loaded:
   *
   * The conflicts are shown.
   */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rtes_import_conflicts_dialog_init (RtesImportConflictsDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_conflict_free);
  self->cancellable = g_cancellable_new ();
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 900, 680);
  self->view = RTES_CONFLICT_VIEW (rtes_conflict_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->view), TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->view));
  adw_window_set_content (ADW_WINDOW (self), box);
}
