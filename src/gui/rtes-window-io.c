/* rtes-window-io.c: import, export, print and sync, as the window runs them
 *
 * Each of these is a library-wide operation that takes a while. The
 * window runs one at a time, shows its progress under the list's header
 * bar with a Stop button, and saves every edited fiche before it starts,
 * so that an import or a sync never works on files older than what the
 * person sees. The work itself belongs to the import, export and sync
 * libraries; this file only asks for files and shows results.
 *
 * What an import or a sync changes reaches the fiches through their
 * documents (rtes_workspace_apply_many_async(),
 * rtes_workspace_reload_from_disk()): the editor keeps its fiche, each
 * change is an undo step that knows its origin, and our own writes are
 * never taken for someone else's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "rtes-export-job.h"
#include "rtes-fiche-assign.h"
#include "rtes-fiche-json.h"
#include "rtes-import-conflicts-dialog.h"
#include "rtes-import-preview-dialog.h"
#include "rtes-import-store.h"
#include "rtes-importer.h"
#include "rtes-print-operation.h"
#include "rtes-site-client.h"
#include "rtes-sync-conflicts-window.h"
#include "rtes-sync-controller.h"
#include "rtes-sync-summary-dialog.h"
#include "rtes-task.h"
#include "rtes-window-private.h"

/* Progress ------------------------------------------------------------- */

static gboolean
pulse (gpointer user_data)
{
  RtesWindow *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
begin_operation (RtesWindow *self,
                 const char *label,
                 gboolean    indeterminate)
{
  g_clear_object (&self->operation);
  self->operation = g_cancellable_new ();
  gtk_label_set_label (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  if (indeterminate)
    self->pulse_source = g_timeout_add (150, pulse, self);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  rtes_window_update_actions (self);
}

static void
end_operation (RtesWindow *self)
{
  g_clear_object (&self->operation);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  rtes_window_update_actions (self);
}

gboolean
rtes_window_is_busy (RtesWindow *self)
{
  return self->operation != NULL;
}

static void
progress_cancel_clicked (RtesWindow *self)
{
  if (self->sync != NULL && rtes_sync_controller_get_running (RTES_SYNC_CONTROLLER (self->sync)))
    rtes_sync_controller_cancel (RTES_SYNC_CONTROLLER (self->sync));
  if (self->operation != NULL)
    g_cancellable_cancel (self->operation);
}

/* Runs @then once every edited fiche is saved; a fiche that cannot be
 * saved stops the operation (its error dialog is already up). */
typedef void (*AfterSave) (RtesWindow *self, gpointer data);

typedef struct
{
  RtesWindow *self;
  AfterSave then;
  gpointer data;
  GDestroyNotify destroy;
} SaveFirst;

static void
save_first_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SaveFirst *first = user_data;
  g_autoptr(GError) error = NULL;

  if (rtes_workspace_save_all_finish (RTES_WORKSPACE (source), result, &error))
    first->then (first->self, first->data);
  else
    end_operation (first->self);
  if (first->destroy != NULL)
    first->destroy (first->data);
  g_object_unref (first->self);
  g_free (first);
}

static void
save_first (RtesWindow     *self,
            AfterSave       then,
            gpointer        data,
            GDestroyNotify  destroy)
{
  SaveFirst *first = g_new0 (SaveFirst, 1);

  first->self = g_object_ref (self);
  first->then = then;
  first->data = data;
  first->destroy = destroy;
  rtes_workspace_save_all_async (self->workspace, self->cancellable, save_first_done, first);
}

static void
open_uri_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_app_info_launch_default_for_uri_async (g_variant_get_string (parameter, NULL),
                                           NULL, NULL, NULL, NULL);
}

/* Import --------------------------------------------------------------- */

/* An import runs in three steps: the plan is made in a thread (reading,
 * parsing, merging against the last import; nothing written); the person
 * reads it in the preview and confirms or cancels; apply_import_plan()
 * then changes the fiches, and the import's records (bases, conflicts)
 * are written last, in a thread. */

static void refresh_import_conflicts (RtesWindow *self);

/* The import is written: a toast says so, offers to take it back, and
 * keeps the report (by fiche name) a click away when there is something
 * to read in it: its dialog can take the import back too. */
static void
import_finished (RtesWindow     *self,
                 RtesImportPlan *plan,
                 guint           group)
{
  g_autofree char *summary = rtes_import_plan_format_summary (plan);
  /* Translators: %s is "1 new fiche, 2 changed, 1 with conflicts, 3 unchanged" */
  g_autofree char *message = g_strdup_printf (_("Imported: %s"), summary);
  AdwToast *toast = rtes_window_new_toast (message);
  GPtrArray *fiches = rtes_import_plan_get_fiches (plan);
  gboolean worth_reading = rtes_import_plan_get_warnings (plan)->len > 0
                           || rtes_import_plan_count (plan, RTES_IMPORT_FICHE_CONFLICTS) > 0;

  for (guint i = 0; i < fiches->len && !worth_reading; i++)
    {
      RtesImportPlanFiche *fiche = g_ptr_array_index (fiches, i);

      worth_reading = fiche->notes != NULL && fiche->notes->len > 0;
    }
  g_free (self->import_report);
  self->import_report = rtes_import_plan_format_preview (plan);
  self->import_group = group;
  if (worth_reading)
    {
      /* Until dismissed: what could not be placed is worth reading. */
      adw_toast_set_timeout (toast, 0);
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "win.import-details");
    }
  else if (group != 0)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_target (toast, "u", group);
      adw_toast_set_action_name (toast, "win.undo-import");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  for (guint i = 0; i < fiches->len; i++)
    {
      RtesImportPlanFiche *fiche = g_ptr_array_index (fiches, i);

      if (fiche->after != NULL)
        {
          rtes_window_select_fiche (self, rtes_library_lookup (self->library, fiche->id));
          break;
        }
    }
}

static void
import_details_response (gpointer    owner,
                         const char *response,
                         gpointer    data)
{
  RtesWindow *self = owner;

  if (g_str_equal (response, "undo"))
    rtes_window_undo_group (self, self->import_group, TRUE);
}

static void
import_details_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  RtesWindow *self = RTES_WINDOW (widget);
  GtkWidget *scrolled;
  GtkWidget *view;
  gboolean can_undo;

  if (self->import_report == NULL)
    return;
  can_undo = self->import_group != 0 && self->workspace != NULL
             && rtes_workspace_can_undo_group (self->workspace, self->import_group);
  scrolled = gtk_scrolled_window_new ();
  view = gtk_text_view_new ();
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), self->import_report, -1);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Import report"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_widget_add_css_class (scrolled, "card");
  rtes_ask (widget, _("Import Report"), NULL, scrolled, import_details_response, NULL, NULL,
            "undo", can_undo ? _("_Undo Import") : NULL, RTES_ASK_PLAIN,
            "close", _("_Close"), RTES_ASK_DEFAULT | RTES_ASK_CLOSE,
            NULL);
}

typedef struct {
  RtesWindow     *self;
  RtesImportPlan *plan;
  guint           group;
} Applying;

static void
applying_free (Applying *applying)
{
  g_clear_object (&applying->self);
  g_clear_object (&applying->plan);
  g_free (applying);
}

static void
import_records_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  Applying *applying = task_data;
  GError *error = NULL;

  if (rtes_import_plan_save_records (applying->plan, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
import_recorded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Applying *applying = g_task_get_task_data (G_TASK (result));
  RtesWindow *self = applying->self;
  g_autoptr(GError) error = NULL;

  end_operation (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    rtes_window_show_error (self, error, "%s", _("Could not record what was imported"));
  refresh_import_conflicts (self);
  rtes_sidebar_invalidate (self->sidebar);
  import_finished (self, applying->plan, applying->group);
}

static void
import_applied (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Applying *applying = user_data;
  RtesWindow *self = applying->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  /* The records come after the fiches: a base newer than its fiche would
   * hide the export's changes from the next import. When a fiche could
   * not be saved the records wait for the next import, which finds the
   * same changes again; what was applied stays one group to undo. */
  if (!rtes_workspace_apply_many_finish (RTES_WORKSPACE (source), result, &applying->group, &error))
    {
      end_operation (self);
      rtes_sidebar_invalidate (self->sidebar);
      rtes_window_show_error (self, error, "%s", _("Could not apply the import"));
      applying_free (applying);
      return;
    }
  task = g_task_new (NULL, NULL, import_recorded, NULL);
  g_task_set_source_tag (task, import_applied);
  g_task_set_task_data (task, applying, (GDestroyNotify) applying_free);
  rtes_task_run_in_thread (task, import_records_thread);
}

/* The fiche @id holds what the plan was made from. */
static gboolean
fiche_as_planned (RtesWindow                *self,
                  const RtesImportPlanFiche *planned)
{
  RtesFiche *fiche = rtes_library_lookup (self->library, planned->id);
  RtesDocument *document;
  g_autofree char *data = NULL;
  gsize length;

  if (planned->before == NULL)
    return fiche == NULL;
  if (fiche == NULL || rtes_fiche_get_load_error (fiche) != NULL)
    return FALSE;
  document = rtes_workspace_lookup (self->workspace, planned->id);
  if (document != NULL && rtes_document_get_changed_on_disk (document))
    return FALSE;
  data = rtes_fiche_to_data (fiche, &length);
  return length == g_bytes_get_size (planned->before)
         && memcmp (data, g_bytes_get_data (planned->before, NULL), length) == 0;
}

/* Applies a confirmed import plan: the one place where the window changes
 * fiches for an import. Every fiche the plan writes goes to its document
 * (new fiches get one) as one group of undo steps with the origin
 * "import", and the workspace saves them; then the plan's records
 * follow. Changes nothing if a fiche changed since the plan was made. */
static gboolean
apply_import_plan (RtesWindow      *self,
                   RtesImportPlan  *plan,
                   GError         **error)
{
  GPtrArray *fiches = rtes_import_plan_get_fiches (plan);
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func (g_object_unref);
  Applying *applying;

  if (self->library == NULL || self->workspace == NULL
      || g_strcmp0 (rtes_library_get_path (self->library), rtes_import_plan_get_library_path (plan)) != 0)
    {
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_CHANGED,
                   _("Another library is open now: nothing was imported"));
      return FALSE;
    }
  for (guint i = 0; i < fiches->len; i++)
    {
      RtesImportPlanFiche *planned = g_ptr_array_index (fiches, i);

      if (planned->after == NULL)
        continue;
      if (!fiche_as_planned (self, planned))
        {
          g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_CHANGED,
                       _("“%s” changed since the preview: nothing was imported; import again"),
                       planned->name);
          return FALSE;
        }
      g_ptr_array_add (contents, rtes_fiche_copy (planned->after));
    }

  applying = g_new0 (Applying, 1);
  applying->self = g_object_ref (self);
  applying->plan = g_object_ref (plan);
  rtes_workspace_apply_many_async (self->workspace, contents, RTES_CHANGE_ORIGIN_IMPORT,
                                   C_("undo", "Import"), self->cancellable,
                                   import_applied, applying);
  return TRUE;
}

static void
import_preview_response (RtesImportPreviewDialog *dialog,
                         const char              *response,
                         RtesWindow              *self)
{
  RtesImportPlan *plan = rtes_import_preview_dialog_get_plan (dialog);
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "import") || rtes_window_is_busy (self))
    return;
  begin_operation (self, _("Importing…"), TRUE);
  if (!apply_import_plan (self, plan, &error))
    {
      end_operation (self);
      rtes_window_show_error (self, error, "%s", _("Could not apply the import"));
    }
}

static void
import_planned (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RtesWindow) self = user_data;
  g_autoptr(RtesImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  RtesImportPreviewDialog *dialog;

  plan = rtes_importer_plan_finish (RTES_IMPORTER (source), result, &error);
  end_operation (self);
  if (plan == NULL)
    {
      rtes_window_show_error (self, error, "%s", _("Could not read the export to import"));
      return;
    }
  if (!rtes_import_plan_has_changes (plan))
    {
      g_autofree char *name = g_path_get_basename (rtes_import_plan_get_source (plan));
      g_autofree char *message = g_strdup_printf (_("Nothing to import: the library already holds "
                                                    "everything “%s” says"), name);

      rtes_window_toast (self, message);
      return;
    }
  dialog = rtes_import_preview_dialog_new (GTK_WINDOW (self), plan);
  g_signal_connect_object (dialog, "response", G_CALLBACK (import_preview_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_now (RtesWindow *self,
            gpointer    data)
{
  g_autoptr(RtesImporter) importer = rtes_importer_new (self->library);

  rtes_importer_plan_async (importer, data, self->operation, import_planned, g_object_ref (self));
}

void
rtes_window_import (RtesWindow *self,
                    GFile      *file)
{
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (RTES_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->library == NULL || rtes_window_is_busy (self))
    return;
  name = g_file_get_basename (file);
  /* Translators: shown while importing, %s is a file name */
  label = g_strdup_printf (_("Importing %s…"), name);
  begin_operation (self, label, TRUE);
  /* The plan is made against the files: edits go to disk first. */
  save_first (self, import_now, g_file_get_path (file), g_free);
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RtesWindow *self = RTES_WINDOW (widget);
  g_autoptr(GtkFileFilter) exports = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Import a Site Export"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                                               _("_Import"), _("_Cancel"));

  gtk_file_filter_set_name (exports, _("Site exports (text or JSON)"));
  gtk_file_filter_add_suffix (exports, "txt");
  gtk_file_filter_add_suffix (exports, "json");
  gtk_file_filter_add_mime_type (exports, "text/plain");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), exports);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  rtes_window_show_chooser (self, chooser, NULL, rtes_window_import);
}

/* Import conflicts ------------------------------------------------------ */

/* The sidebar's badge and the banner show the sync's conflicts and the
 * import's alike: the workspace holds the union of their ids. */
static void
update_conflict_marks (RtesWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  if (self->workspace == NULL)
    return;
  if (self->sync != NULL)
    g_strv_builder_addv (builder, (const char **) rtes_sync_controller_get_conflicting_ids (RTES_SYNC_CONTROLLER (self->sync)));
  for (guint i = 0; self->import_conflicts != NULL && i < self->import_conflicts->len; i++)
    g_strv_builder_add (builder, ((RtesConflict *) g_ptr_array_index (self->import_conflicts, i))->id);
  ids = g_strv_builder_end (builder);
  rtes_workspace_set_sync_conflicts (self->workspace, (const char * const *) ids);
  rtes_window_update_actions (self);
}

static gboolean
has_import_conflict (RtesWindow *self,
                     RtesFiche  *fiche)
{
  for (guint i = 0; fiche != NULL && self->import_conflicts != NULL && i < self->import_conflicts->len; i++)
    if (g_strcmp0 (((RtesConflict *) g_ptr_array_index (self->import_conflicts, i))->id,
                   rtes_fiche_get_id (fiche)) == 0)
      return TRUE;
  return FALSE;
}

static void
read_import_conflicts_thread (GTask        *task,
                              gpointer      source_object,
                              gpointer      task_data,
                              GCancellable *cancellable)
{
  g_autoptr(RtesImportStore) store = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  GPtrArray *copies;
  GError *error = NULL;

  store = rtes_import_store_load (task_data, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  conflicts = rtes_import_store_get_conflicts (store, NULL);
  copies = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_conflict_free);
  for (guint i = 0; i < conflicts->len; i++)
    g_ptr_array_add (copies, rtes_conflict_copy (g_ptr_array_index (conflicts, i)));
  g_task_return_pointer (task, copies, (GDestroyNotify) g_ptr_array_unref);
}

static void
import_conflicts_read (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(RtesWindow) self = user_data;
  const char *path = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GPtrArray *conflicts = g_task_propagate_pointer (G_TASK (result), &error);

  /* Another library may be open by now. */
  if (self->library == NULL || g_strcmp0 (rtes_library_get_path (self->library), path) != 0)
    {
      g_clear_pointer (&conflicts, g_ptr_array_unref);
      return;
    }
  if (conflicts == NULL)
    {
      rtes_window_show_error (self, error, "%s", _("Could not read the import’s conflicts"));
      return;
    }
  g_clear_pointer (&self->import_conflicts, g_ptr_array_unref);
  self->import_conflicts = conflicts;
  update_conflict_marks (self);
}

/* Reads the library's open import conflicts in a thread, then updates the
 * marks. */
static void
refresh_import_conflicts (RtesWindow *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->library == NULL)
    return;
  task = g_task_new (NULL, self->cancellable, import_conflicts_read, g_object_ref (self));
  g_task_set_source_tag (task, refresh_import_conflicts);
  g_task_set_task_data (task, g_strdup (rtes_library_get_path (self->library)), g_free);
  rtes_task_run_in_thread (task, read_import_conflicts_thread);
}

/* Settling import conflicts: the chosen values go into the fiche's
 * document as one step of its history (origin "resolve"), the document is
 * saved, then the records are dropped (in a thread). The view hears the
 * end either way. */
typedef struct {
  RtesWindow *self;
  RtesConflictView *view;   /* weak */
  char *library_path;
  char *id;
  GPtrArray *paths;         /* char* */
} Settle;

static void
settle_free (Settle *settle)
{
  g_clear_weak_pointer (&settle->view);
  g_clear_object (&settle->self);
  g_free (settle->library_path);
  g_free (settle->id);
  g_ptr_array_unref (settle->paths);
  g_free (settle);
}

static void
settle_finish (Settle       *settle,
               const GError *error)
{
  RtesWindow *self = settle->self;
  RtesConflictView *view = settle->view;
  RtesFiche *fiche = self->library != NULL ? rtes_library_lookup (self->library, settle->id) : NULL;

  if (error == NULL)
    refresh_import_conflicts (self);
  if (view == NULL)
    return;
  rtes_conflict_view_applied (view, error);
  if (error == NULL && rtes_conflict_view_get_n_conflicts (view) == 0)
    {
      if (fiche != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Every import conflict of “%s” is settled"),
                                                      rtes_fiche_get_name (fiche));

          rtes_window_toast (self, message);
        }
      gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (view))));
    }
}

static void
forget_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Settle *settle = task_data;
  GError *error = NULL;

  for (guint i = 0; i < settle->paths->len; i++)
    if (!rtes_import_forget_conflict (settle->library_path, settle->id,
                                      g_ptr_array_index (settle->paths, i), &error))
      {
        g_task_return_error (task, error);
        return;
      }
  g_task_return_boolean (task, TRUE);
}

static void
records_forgotten (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Settle *settle = user_data;
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  settle_finish (settle, error);
  settle_free (settle);
}

static void
forget_records (Settle *settle)
{
  /* The task holds no reference: @settle is its callback's to free. */
  g_autoptr(GTask) task = g_task_new (NULL, NULL, records_forgotten, settle);

  g_task_set_source_tag (task, forget_records);
  g_task_set_task_data (task, settle, NULL);
  rtes_task_run_in_thread (task, forget_thread);
}

static void
settled_saved (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Settle *settle = user_data;
  g_autoptr(GError) error = NULL;

  /* The values are in the file: the records can go. A failed save has
   * its dialog up, and the conflicts stay open. */
  if (rtes_document_save_finish (RTES_DOCUMENT (source), result, &error))
    {
      forget_records (settle);
      return;
    }
  settle_finish (settle, error);
  settle_free (settle);
}

/* The choices written into a copy of @fiche's document; NULL when they
 * all keep the value here (nothing to write), or on @error. */
static RtesFiche *
fiche_with_choices (RtesWindow  *self,
                    RtesFiche   *fiche,
                    GPtrArray   *choices,
                    gboolean    *changes,
                    GError     **error)
{
  g_autoptr(JsonNode) document = rtes_fiche_to_json (fiche);
  g_autofree char *source = g_strconcat (rtes_fiche_get_id (fiche), ".json", NULL);

  *changes = FALSE;
  for (guint i = 0; i < choices->len; i++)
    {
      RtesConflictChoice *choice = g_ptr_array_index (choices, i);
      RtesConflict *conflict = NULL;

      for (guint j = 0; self->import_conflicts != NULL && j < self->import_conflicts->len; j++)
        {
          RtesConflict *c = g_ptr_array_index (self->import_conflicts, j);

          if (g_strcmp0 (c->id, choice->id) == 0 && g_strcmp0 (c->path, choice->path) == 0)
            conflict = c;
        }
      if (conflict == NULL)
        {
          g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_NO_CONFLICT,
                       _("Fiche %s has no open import conflict on “%s”"), choice->id, choice->path);
          return NULL;
        }
      if (!rtes_conflict_choice_apply (choice, conflict, document, error))
        return NULL;
      *changes |= choice->pick != RTES_CONFLICT_KEEP_MINE;
    }
  return *changes ? rtes_fiche_new_from_json (document, source, NULL, error) : NULL;
}

static void
import_conflicts_apply (RtesConflictView *view,
                        GPtrArray        *choices,
                        RtesWindow       *self)
{
  const char *id = rtes_conflict_view_get_fiche_id (view);
  RtesFiche *fiche = self->library != NULL ? rtes_library_lookup (self->library, id) : NULL;
  g_autoptr(RtesFiche) resolved = NULL;
  g_autoptr(GError) error = NULL;
  gboolean changes;
  Settle *settle;

  if (fiche == NULL)
    {
      g_set_error (&error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_NO_CONFLICT,
                   _("Fiche %s is no longer in the library"), id);
      rtes_conflict_view_applied (view, error);
      return;
    }
  resolved = fiche_with_choices (self, fiche, choices, &changes, &error);
  if (changes && resolved == NULL)
    {
      rtes_conflict_view_applied (view, error);
      return;
    }

  settle = g_new0 (Settle, 1);
  settle->self = g_object_ref (self);
  g_set_weak_pointer (&settle->view, view);
  settle->library_path = g_strdup (rtes_library_get_path (self->library));
  settle->id = g_strdup (id);
  settle->paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < choices->len; i++)
    g_ptr_array_add (settle->paths, g_strdup (((RtesConflictChoice *) g_ptr_array_index (choices, i))->path));
  if (!changes)
    {
      forget_records (settle);
      return;
    }
  {
    RtesDocument *doc = rtes_workspace_get_document (self->workspace, fiche);

    rtes_document_apply (doc, resolved, RTES_CHANGE_ORIGIN_RESOLVE, C_("undo", "Resolve Conflict"));
    rtes_document_save_async (doc, self->cancellable, settled_saved, settle);
  }
}

static void
open_import_conflicts (RtesWindow *self)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new ();
  RtesImportConflictsDialog *dialog;

  for (guint i = 0; self->import_conflicts != NULL && i < self->import_conflicts->len; i++)
    {
      RtesConflict *c = g_ptr_array_index (self->import_conflicts, i);

      if (g_strcmp0 (c->id, rtes_fiche_get_id (self->fiche)) == 0)
        g_ptr_array_add (conflicts, c);
    }
  dialog = rtes_import_conflicts_dialog_new (GTK_WINDOW (self), rtes_library_get_path (self->library),
                                             self->fiche, conflicts);
  g_signal_connect_object (rtes_import_conflicts_dialog_get_view (dialog), "apply",
                           G_CALLBACK (import_conflicts_apply), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Export --------------------------------------------------------------- */

/* The fiches an export or print covers: the one shown, or every fiche
 * the list shows (after search and filters). Broken ones have no content. */
static GPtrArray *
fiches_for (RtesWindow *self,
            gboolean    all)
{
  GPtrArray *fiches = g_ptr_array_new_with_free_func (g_object_unref);

  if (!all)
    {
      if (self->fiche != NULL && rtes_fiche_get_load_error (self->fiche) == NULL)
        g_ptr_array_add (fiches, g_object_ref (self->fiche));
      return fiches;
    }
  for (guint i = 0; i < g_list_model_get_n_items (rtes_sidebar_get_model (self->sidebar)); i++)
    {
      RtesFiche *fiche = g_list_model_get_item (rtes_sidebar_get_model (self->sidebar), i);

      if (rtes_fiche_get_load_error (fiche) == NULL)
        g_ptr_array_add (fiches, fiche);
      else
        g_object_unref (fiche);
    }
  return fiches;
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RtesWindow) self = user_data;
  RtesExportJob *job = RTES_EXPORT_JOB (source);
  g_autoptr(GError) error = NULL;

  if (rtes_export_job_run_finish (job, result, &error))
    {
      g_autoptr(GFile) target = rtes_export_job_get_result (job);
      g_autofree char *uri = g_file_get_uri (target);
      g_autofree char *message = rtes_window_describe_export (job);

      rtes_window_toast_button (self, message, ADW_TOAST_PRIORITY_NORMAL, _("_Open"), "win.open-uri",
                                g_variant_new_string (uri));
    }
  else
    rtes_window_show_error (self, error, "%s", _("Could not export"));

  end_operation (self);
}

/* What the toast says an export made: the PDF file, or the folder of web
 * pages and how many pages it holds (an export of one fiche makes a
 * folder too, with its page and an index). */
char *
rtes_window_describe_export (RtesExportJob *job)
{
  g_autofree char *name = g_file_get_basename (rtes_export_job_get_target (job));
  guint n = rtes_export_job_get_n_fiches (job);

  if (rtes_export_job_get_format (job) == RTES_EXPORT_FORMAT_PDF)
    return g_strdup_printf (_("Exported to “%s”"), name);
  /* Translators: "Exported to the folder “dijon” (index and 1 fiche page)" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Exported to the folder “%s” (index and %u fiche page)",
                                       "Exported to the folder “%s” (index and %u fiche pages)", n),
                          name, n);
}

/* Exports @fiches to @target (a booklet titled @title, or the default
 * title when NULL), with progress and a toast. */
static void
rtes_window_export_fiches (RtesWindow       *self,
                           GPtrArray        *fiches,
                           RtesExportFormat  format,
                           GFile            *target,
                           const char       *title)
{
  g_autoptr(RtesExportJob) job = NULL;
  g_autofree char *label = NULL;

  if (rtes_window_is_busy (self))
    return;

  job = rtes_export_job_new (fiches, format, target);
  if (title != NULL && title[0] != '\0')
    rtes_export_job_set_title (job, title);
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exporting %u fiche…", "Exporting %u fiches…",
                                        fiches->len),
                           fiches->len);
  begin_operation (self, label, FALSE);
  g_object_bind_property (job, "fraction", self->progress_bar, "fraction", G_BINDING_SYNC_CREATE);
  rtes_export_job_run_async (job, self->operation, export_done, g_object_ref (self));
}

static void
export_target_chosen (RtesWindow *self,
                      GFile      *target)
{
  if (self->chooser_fiches != NULL)
    rtes_window_export_fiches (self, self->chooser_fiches, self->chooser_format, target, self->chooser_title);
}

void
rtes_window_export (RtesWindow *self,
                    gboolean    all,
                    gboolean    html,
                    GFile      *target)
{
  g_autoptr(GPtrArray) fiches = NULL;

  g_return_if_fail (RTES_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (target));

  fiches = fiches_for (self, all);
  if (fiches->len > 0)
    rtes_window_export_fiches (self, fiches, html ? RTES_EXPORT_FORMAT_HTML : RTES_EXPORT_FORMAT_PDF,
                               target, NULL);
}

void
rtes_window_choose_export_target (RtesWindow       *self,
                                  GPtrArray        *fiches,
                                  RtesExportFormat  format,
                                  const char       *title)
{
  g_autofree char *name = rtes_export_suggest_name (fiches, format);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (format == RTES_EXPORT_FORMAT_PDF
                                                               ? _("Export as PDF") : _("Export as Web Pages"),
                                                               GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                                               _("_Export"), _("_Cancel"));

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  rtes_window_show_chooser (self, chooser, fiches, export_target_chosen);
  self->chooser_format = format;
  self->chooser_title = g_strdup (title);
}

static void
export_format_chosen (gpointer    owner,
                      const char *response,
                      gpointer    data)
{
  RtesWindow *self = owner;
  g_autoptr(GPtrArray) fiches = data;

  if (g_str_equal (response, "pdf"))
    rtes_window_ask_booklet_title (self, fiches);
  else if (g_str_equal (response, "html"))
    rtes_window_choose_export_target (self, fiches, RTES_EXPORT_FORMAT_HTML, NULL);
}

static void
ask_export (RtesWindow *self,
            gboolean    all)
{
  g_autoptr(GPtrArray) fiches = fiches_for (self, all);
  g_autofree char *heading = NULL;

  if (fiches->len == 0)
    return;
  if (fiches->len == 1)
    heading = g_strdup_printf (_("Export “%s”"), rtes_fiche_get_name (g_ptr_array_index (fiches, 0)));
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Export %u Fiche", "Export %u Fiches",
                                            fiches->len), fiches->len);

  rtes_ask (GTK_WIDGET (self), heading, _("A PDF document to print or send, or web pages to publish or browse."),
            NULL, export_format_chosen, g_steal_pointer (&fiches), (GDestroyNotify) g_ptr_array_unref,
            "cancel", _("_Cancel"), RTES_ASK_CLOSE,
            "html", _("_Web Pages"), RTES_ASK_PLAIN,
            "pdf", _("_PDF"), RTES_ASK_SUGGESTED | RTES_ASK_DEFAULT,
            NULL);
}

/* "win.export" and "win.export-all". */
static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ask_export (RTES_WINDOW (widget), g_str_equal (action_name, "win.export-all"));
}

/* Print ---------------------------------------------------------------- */

static void
print_done (GtkPrintOperation       *operation,
            GtkPrintOperationResult  result,
            RtesWindow              *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        rtes_window_show_error (self, error, "%s", _("Could not print"));
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      /* The same printer and paper next time. */
      g_set_object (&self->print_settings, gtk_print_operation_get_print_settings (operation));
    }
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RtesWindow *self = RTES_WINDOW (widget);
  g_autoptr(GPtrArray) fiches = fiches_for (self, FALSE);
  g_autoptr(RtesPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  if (fiches->len == 0)
    return;
  operation = rtes_print_operation_new (fiches);
  /* Asynchronous: the print dialog must not run a nested main loop that
   * would delay autosave and journals. */
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (operation), TRUE);
  if (self->print_settings != NULL)
    gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (operation), self->print_settings);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done), self, 0);
  if (gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    rtes_window_show_error (self, error, "%s", _("Could not print"));
}

/* Sync ----------------------------------------------------------------- */

static void
sync_progress_changed (RtesWindow *self)
{
  RtesSyncController *sync = RTES_SYNC_CONTROLLER (self->sync);
  const char *message = rtes_sync_controller_get_message (sync);

  if (!rtes_sync_controller_get_running (sync))
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, rtes_sync_controller_get_fraction (sync));
  if (message != NULL && *message != '\0')
    gtk_label_set_label (self->progress_label, message);
}

gboolean
rtes_window_sync_has_details (RtesWindow *self)
{
  RtesSyncSummary *summary = self->sync_summary;

  return (summary != NULL && summary->fiches->len > 0)
         || (self->sync_details != NULL && self->sync_details->len > 0);
}

static void
clear_sync_summary (RtesWindow *self)
{
  g_clear_pointer ((RtesSyncSummary **) &self->sync_summary, rtes_sync_summary_free);
  g_clear_pointer (&self->sync_details, g_ptr_array_unref);
}

/* The toast says the sync in one sentence; its Details list the fiches by
 * name, with what happened to each and, for a refusal, the site's own
 * words. The last sync's stay until the next one, whether or not the
 * toast is still up. */
static void
sync_details_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RtesWindow *self = RTES_WINDOW (widget);

  if (rtes_window_sync_has_details (self))
    gtk_window_present (GTK_WINDOW (rtes_sync_summary_dialog_new (GTK_WINDOW (self), self->sync_summary,
                                                                  self->sync_details)));
}

/* The sync wrote these files: each fiche takes what was pulled, as a step
 * of its own that is already on disk. */
static void
apply_pulled (RtesWindow      *self,
              RtesSyncSummary *summary)
{
  for (guint i = 0; summary != NULL && i < summary->changed->len; i++)
    {
      g_autoptr(GError) error = NULL;
      const char *id = g_ptr_array_index (summary->changed, i);

      if (!rtes_workspace_reload_from_disk (self->workspace, id, RTES_CHANGE_ORIGIN_PULL,
                                            C_("undo", "Sync"), &error))
        g_ptr_array_add (self->sync_details, g_strdup (error->message));
    }
}

/* Something in the summary a person has to act on or should know: the
 * toast then stays until dismissed. */
static gboolean
summary_needs_reading (RtesSyncSummary *summary)
{
  return rtes_sync_summary_count (summary, RTES_SYNC_OUTCOME_CONFLICTS) > 0
         || rtes_sync_summary_count (summary, RTES_SYNC_OUTCOME_NOT_SYNCED) > 0
         || rtes_sync_summary_count (summary, RTES_SYNC_OUTCOME_NOT_PUBLISHED) > 0
         || rtes_sync_summary_count (summary, RTES_SYNC_OUTCOME_GONE) > 0;
}

static void
sync_finished (RtesSyncController *sync,
               RtesSyncSummary    *summary,
               const GError       *error,
               RtesWindow         *self)
{
  clear_sync_summary (self);
  self->sync_details = g_ptr_array_new_with_free_func (g_free);
  if (self->watcher_held && self->workspace != NULL)
    {
      apply_pulled (self, summary);
      rtes_workspace_release_watcher (self->workspace);
    }
  self->watcher_held = FALSE;
  end_operation (self);
  rtes_sidebar_invalidate (self->sidebar);
  if (summary != NULL)
    {
      g_autofree char *text = rtes_sync_summary_to_sentence (summary);
      AdwToast *toast = rtes_window_new_toast (text);

      self->sync_summary = rtes_sync_summary_copy (summary);
      if (rtes_window_sync_has_details (self))
        {
          adw_toast_set_button_label (toast, _("_Details"));
          adw_toast_set_action_name (toast, "win.sync-details");
        }
      /* Until dismissed when the person has something to read. */
      adw_toast_set_timeout (toast, summary_needs_reading (summary) || self->sync_details->len > 0 ? 0 : 5);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  else if (error != NULL)
    rtes_window_show_error (self, error, "%s", _("Could not sync with the site"));
  rtes_window_update_actions (self);
}

static void
sync_now (RtesWindow *self,
          gpointer    data)
{
  g_autofree char *site = g_settings_get_string (self->settings, "site-url");

  /* The files the sync writes are read by the documents when it ends,
   * as pulls, not as someone else's changes. */
  if (!self->watcher_held)
    rtes_workspace_hold_watcher (self->workspace);
  self->watcher_held = TRUE;
  rtes_sync_controller_start (RTES_SYNC_CONTROLLER (self->sync), site);
}

static void
sync_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RtesWindow *self = RTES_WINDOW (widget);
  g_autofree char *site = g_settings_get_string (self->settings, "site-url");

  if (self->sync == NULL || rtes_window_is_busy (self))
    return;
  if (site[0] == '\0')
    {
      AdwToast *toast = adw_toast_new (_("Set the address of the RTES site first"));

      adw_toast_set_button_label (toast, _("_Preferences"));
      adw_toast_set_action_name (toast, "app.preferences");
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }
  begin_operation (self, _("Synchronising with the site…"), FALSE);
  save_first (self, sync_now, NULL, NULL);
}

static void
conflicts_window_closed (RtesWindow *self)
{
  if (self->sync != NULL)
    rtes_sync_controller_refresh_conflicts (RTES_SYNC_CONTROLLER (self->sync));
}

/* What settling every conflict of @fiche will lead to, so that the
 * conflict view promises nothing the next sync will not do. */
static char *
publish_outlook (RtesWindow *self,
                 RtesFiche  *fiche)
{
  RtesSyncNotPublished reason = RTES_SYNC_NOT_PUBLISHED_NO_TOKEN;
  gboolean has_token = self->sync != NULL && rtes_sync_controller_get_has_token (RTES_SYNC_CONTROLLER (self->sync));

  if (fiche == NULL)
    return NULL;
  /* A fiche with sync conflicts is one the site has. */
  if (rtes_sync_fiche_is_publishable (fiche, TRUE, &reason) && has_token)
    return g_strdup (_("Once every conflict is settled, the next sync publishes this fiche."));
  if (reason == RTES_SYNC_NOT_PUBLISHED_NO_TOKEN)
    return g_strdup (_("Once every conflict is settled, this fiche is still not published: there is no "
                       "token for the site. Save the site’s token in Preferences to publish it."));
  /* Translators: %s is a reason, "it is a draft" */
  return g_strdup_printf (_("Once every conflict is settled, this fiche is still not published: %s."),
                          rtes_sync_not_published_to_string (reason));
}

static void
update_publish_outlook (RtesWindow *self)
{
  RtesSyncConflictsWindow *window = self->conflicts_window;
  g_autofree char *note = NULL;

  if (window == NULL || self->library == NULL)
    return;
  note = publish_outlook (self, rtes_library_lookup (self->library, rtes_sync_conflicts_window_get_fiche_id (window)));
  rtes_sync_conflicts_window_set_publish_note (window, note);
}

/* Places settled: rtes_sync_resolve_all() wrote the chosen values into
 * the fiche files and took the conflicts out of the sync state. Each
 * fiche's document takes its file as one step of its own (undoable,
 * already on disk), so the editor shows the chosen values in the same
 * fiche. The marks follow the state. */
static void
conflicts_resolved (RtesSyncConflictsWindow *window,
                    GStrv                    ids,
                    RtesWindow              *self)
{
  RtesConflictView *view = rtes_sync_conflicts_window_get_view (window);
  const char *id = rtes_sync_conflicts_window_get_fiche_id (window);
  RtesFiche *fiche;
  g_autofree char *outlook = NULL;
  g_autofree char *message = NULL;

  if (self->library == NULL || self->workspace == NULL)
    return;
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!rtes_workspace_reload_from_disk (self->workspace, ids[i], RTES_CHANGE_ORIGIN_RESOLVE,
                                            C_("undo", "Resolve Conflict"), &error))
        rtes_window_show_error (self, error, "%s", _("Could not reload the resolved fiche"));
    }
  if (self->sync != NULL)
    rtes_sync_controller_refresh_conflicts (RTES_SYNC_CONTROLLER (self->sync));
  /* Closed meanwhile, or still something to settle. */
  if (view == NULL || rtes_conflict_view_get_n_conflicts (view) > 0)
    return;

  fiche = rtes_library_lookup (self->library, id);
  outlook = publish_outlook (self, fiche);
  if (fiche != NULL && g_strv_length (ids) > 1)
    /* Translators: %u is a number of fiches (2 or more), then what comes next */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every conflict of %u fiche is settled.",
                                            "Every conflict of %u fiches is settled.", g_strv_length (ids)),
                               g_strv_length (ids));
  else if (fiche != NULL)
    /* Translators: %s is the fiche's name, then what comes next */
    message = g_strdup_printf (_("Every conflict of “%s” is settled. %s"), rtes_fiche_get_name (fiche), outlook);
  if (message != NULL)
    rtes_window_toast (self, message);
  /* Back to the editor, which shows the values chosen. */
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
open_conflicts (RtesWindow *self,
                gpointer    data)
{
  RtesSyncConflictsWindow *window;
  g_autofree char *site = NULL;

  if (self->fiche == NULL || self->library == NULL)
    return;

  window = rtes_sync_conflicts_window_new (GTK_WINDOW (self), rtes_library_get_path (self->library),
                                           rtes_fiche_get_id (self->fiche), rtes_fiche_get_name (self->fiche));
  g_set_weak_pointer (&self->conflicts_window, window);
  update_publish_outlook (self);
  /* Whether there is a token now, not at the last sync. */
  site = g_settings_get_string (self->settings, "site-url");
  if (self->sync != NULL)
    rtes_sync_controller_refresh_token (RTES_SYNC_CONTROLLER (self->sync), site);
  g_signal_connect_object (window, "resolved", G_CALLBACK (conflicts_resolved), self, 0);
  g_signal_connect_object (window, "destroy", G_CALLBACK (conflicts_window_closed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

static void
resolve_conflicts_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  RtesWindow *self = RTES_WINDOW (widget);

  if (self->fiche == NULL || self->library == NULL || rtes_window_is_busy (self))
    return;
  /* The site's conflicts first: the import's stay marked until then. */
  if (self->sync == NULL || !rtes_sync_controller_has_conflicts (RTES_SYNC_CONTROLLER (self->sync),
                                                                 rtes_fiche_get_id (self->fiche)))
    {
      if (has_import_conflict (self, self->fiche))
        open_import_conflicts (self);
      return;
    }
  /* Resolving rewrites the fiche file: unsaved edits go to disk first, so
   * that they are neither lost nor taken for someone else's change. */
  save_first (self, open_conflicts, NULL, NULL);
}

void
rtes_window_update_sync_banner (RtesWindow *self)
{
  gboolean site = self->fiche != NULL && self->sync != NULL
                  && rtes_sync_controller_has_conflicts (RTES_SYNC_CONTROLLER (self->sync),
                                                         rtes_fiche_get_id (self->fiche));

  gboolean first = site && rtes_sync_controller_is_first_sync (RTES_SYNC_CONTROLLER (self->sync),
                                                               rtes_fiche_get_id (self->fiche));

  /* Honest about a first sync: nothing "was also changed", the two
   * copies simply differ. */
  if (first)
    gtk_label_set_label (self->sync_banner_label,
                         _("This fiche and the site’s copy differ, and meet for the first time: "
                           "choose which values to keep."));
  else
    gtk_label_set_label (self->sync_banner_label,
                         site || !has_import_conflict (self, self->fiche)
                         ? _("This fiche was also changed on the site: choose which values to keep.")
                         : _("The last import brought values that differ from yours, which were kept: "
                             "choose which to keep."));
  gtk_revealer_set_reveal_child (self->sync_revealer,
                                 self->document != NULL && rtes_document_get_in_conflict (self->document));
}

/* Library changes ------------------------------------------------------- */

void
rtes_window_io_set_library (RtesWindow *self)
{
  /* The workspace that was held is gone with its library. */
  self->watcher_held = FALSE;
  if (self->sync != NULL)
    {
      rtes_sync_controller_cancel (RTES_SYNC_CONTROLLER (self->sync));
      g_signal_handlers_disconnect_by_data (self->sync, self);
    }
  g_clear_object (&self->sync);
  /* The last sync's details were about the other library's fiches. */
  clear_sync_summary (self);
  g_clear_pointer (&self->import_conflicts, g_ptr_array_unref);
  g_clear_pointer (&self->import_report, g_free);
  if (self->operation != NULL)
    g_cancellable_cancel (self->operation);
  end_operation (self);

  if (self->library != NULL)
    {
      g_autoptr(SoupSession) session = rtes_site_session_new ();

      self->sync = G_OBJECT (rtes_sync_controller_new (self->library, session));
      g_signal_connect_object (self->sync, "finished", G_CALLBACK (sync_finished), self, 0);
      g_signal_connect_object (self->sync, "notify::conflicting-ids",
                               G_CALLBACK (update_conflict_marks), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->sync, "notify::fraction",
                               G_CALLBACK (sync_progress_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->sync, "notify::message",
                               G_CALLBACK (sync_progress_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->sync, "notify::has-token",
                               G_CALLBACK (update_publish_outlook), self, G_CONNECT_SWAPPED);
      /* Marks from the last session's sync and imports, read in threads. */
      rtes_sync_controller_refresh_conflicts (RTES_SYNC_CONTROLLER (self->sync));
      refresh_import_conflicts (self);
    }
}

void
rtes_window_io_dispose (RtesWindow *self)
{
  if (self->operation != NULL)
    g_cancellable_cancel (self->operation);
  g_clear_object (&self->operation);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  if (self->sync != NULL)
    {
      rtes_sync_controller_cancel (RTES_SYNC_CONTROLLER (self->sync));
      g_signal_handlers_disconnect_by_data (self->sync, self);
    }
  g_clear_object (&self->sync);
  g_clear_object (&self->print_settings);
  clear_sync_summary (self);
  g_clear_weak_pointer (&self->conflicts_window);
  g_clear_pointer (&self->import_conflicts, g_ptr_array_unref);
  g_clear_pointer (&self->import_report, g_free);
}

void
rtes_window_class_init_io (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, RtesWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, RtesWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, RtesWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RtesWindow, sync_revealer);
  gtk_widget_class_bind_template_child (widget_class, RtesWindow, sync_banner_label);
  gtk_widget_class_bind_template_callback (widget_class, progress_cancel_clicked);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "win.import-details", NULL, import_details_activated);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.export-all", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_activated);
  gtk_widget_class_install_action (widget_class, "win.resolve-conflicts", NULL, resolve_conflicts_activated);
  gtk_widget_class_install_action (widget_class, "win.sync-details", NULL, sync_details_activated);
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", open_uri_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
}
