/* rtes-window.c: the main window, one library at a time
 *
 * A leaflet with the list of fiches on the left and the fiche being edited
 * on the right; below 660 pixels or so it folds, and the list and the
 * fiche take turns, down to a 360-pixel phone. The window shows things and
 * turns clicks into actions (rtes-window-actions.c); what happens to the
 * files — history, journals, autosave, outside changes — is the business
 * of the fiche's RtesDocument and of the RtesWorkspace that holds the
 * library's documents. The marks the window shows (unsaved, changed on
 * disk, undo) follow the shown document's properties.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rtes-history.h"
#include "rtes-overview-page.h"
#include "rtes-task.h"
#include "rtes-vocabulary.h"
#include "rtes-window-private.h"

#include "rtes-fiche-editor.h"

G_DEFINE_FINAL_TYPE (RtesWindow, rtes_window, ADW_TYPE_APPLICATION_WINDOW)

static void update_recent_menu (RtesWindow *self);

/* Content ------------------------------------------------------------- */

static void
update_titles (RtesWindow *self)
{
  const char *subtitle = "";
  g_autofree char *library_name = NULL;

  if (self->library != NULL)
    {
      g_autofree char *path = g_filename_display_name (rtes_library_get_path (self->library));

      library_name = rtes_window_library_display_name (self, rtes_library_get_path (self->library));
      adw_window_title_set_subtitle (self->library_title, library_name);
      /* Where it is, for a name that does not say. */
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->library_title), path);
    }

  if (self->fiche == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Fiches RTES"));
      adw_window_title_set_title (self->fiche_title, "");
      adw_window_title_set_subtitle (self->fiche_title, "");
      gtk_revealer_set_reveal_child (self->conflict_revealer, FALSE);
      return;
    }

  adw_window_title_set_title (self->fiche_title, rtes_fiche_get_name (self->fiche));
  {
    /* Translators: the window's title in task switchers: "<fiche name> — Fiches RTES" */
    g_autofree char *title = g_strdup_printf (_("%s — Fiches RTES"), rtes_fiche_get_name (self->fiche));

    gtk_window_set_title (GTK_WINDOW (self), title);
  }
  if (self->document != NULL && rtes_document_get_changed_on_disk (self->document))
    subtitle = _("Changed on disk");
  else if (self->document != NULL && rtes_document_get_modified (self->document))
    subtitle = _("Unsaved changes");
  else if (rtes_fiche_get_load_error (self->fiche) == NULL)
    {
      const RtesTerm *kind = rtes_kind_lookup (rtes_fiche_get_kind (self->fiche));

      subtitle = rtes_fiche_is_draft (self->fiche) ? _("Draft")
                 : kind != NULL ? rtes_term_label (kind) : "";
    }
  adw_window_title_set_subtitle (self->fiche_title, subtitle);
  gtk_revealer_set_reveal_child (self->conflict_revealer,
                                 self->document != NULL && rtes_document_get_changed_on_disk (self->document));
}

char *
rtes_window_library_display_name (RtesWindow *self,
                                  const char *path)
{
  g_autofree char *default_path = g_build_filename (g_get_user_data_dir (), "rtes-fiches", "library", NULL);
  g_autofree char *canonical = g_canonicalize_filename (default_path, NULL);

  /* The default library lives in a hidden folder named "library", which
   * says nothing to someone looking for their fiches. */
  if (g_strcmp0 (path, canonical) == 0)
    return g_strdup (_("Default Library"));
  return g_filename_display_basename (path);
}

/* Buttons for a fiche only when there is one; undo, redo and save leave
 * the header to the title on a phone (Ctrl+Z and autosave remain). */
static void
update_header (RtesWindow *self)
{
  gboolean editing = g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "editor") == 0;
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (self->history_box, editing && !folded);
  gtk_widget_set_visible (self->save_button, editing && !folded);
  gtk_widget_set_visible (self->fiche_menu_button, self->fiche != NULL && !self->overview_visible);
  /* On a phone the two choices share the whole width. */
  gtk_widget_set_halign (self->conflict_buttons, folded ? GTK_ALIGN_FILL : GTK_ALIGN_END);
}

static void
update_content (RtesWindow *self)
{
  const char *page;

  if (self->library == NULL)
    page = self->opening_path != NULL ? "loading" : "error";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->library)) == 0)
    page = "welcome";
  else if (self->overview_visible)
    page = "overview";
  else if (self->fiche == NULL)
    page = "empty";
  else if (rtes_fiche_get_load_error (self->fiche) != NULL)
    page = "broken";
  else
    page = "editor";

  gtk_stack_set_visible_child_name (self->content_stack, page);
  update_header (self);
  /* On a phone, an empty library shows its welcome page, not an empty list. */
  if (g_str_equal (page, "welcome"))
    adw_leaflet_set_visible_child (self->leaflet, self->content_pane);

  update_titles (self);
  if (g_str_equal (page, "overview"))
    {
      adw_window_title_set_title (self->fiche_title, _("Overview"));
      adw_window_title_set_subtitle (self->fiche_title, "");
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-overview", self->library != NULL);
  rtes_window_update_actions (self);
}


static void
set_editor_document (RtesWindow   *self,
                     RtesDocument *document)
{
  if (self->editor == NULL)
    {
      self->editor = rtes_fiche_editor_new ();
      adw_bin_set_child (self->editor_bin, self->editor);
    }
  /* The library gives the editor the roles used across fiches. */
  rtes_fiche_editor_set_library (RTES_FICHE_EDITOR (self->editor), self->library);
  rtes_fiche_editor_set_review_context (RTES_FICHE_EDITOR (self->editor),
                                        (RtesReviewContext *) self->review_context);
  rtes_fiche_editor_set_document (RTES_FICHE_EDITOR (self->editor), document);
}

static void
document_state_changed (RtesWindow *self)
{
  update_titles (self);
  rtes_window_update_actions (self);
}

RtesFiche *
rtes_window_get_fiche (RtesWindow *self)
{
  g_return_val_if_fail (RTES_IS_WINDOW (self), NULL);
  return self->fiche;
}

RtesDocument *
rtes_window_get_document (RtesWindow *self)
{
  g_return_val_if_fail (RTES_IS_WINDOW (self), NULL);
  return self->document;
}

static void
set_document (RtesWindow   *self,
              RtesDocument *document)
{
  if (self->document != NULL)
    {
      /* Coming back to a fiche later starts a new step. */
      rtes_document_break_group (self->document);
      g_signal_handlers_disconnect_by_data (self->document, self);
    }
  g_set_object (&self->document, document);
  if (document == NULL)
    return;
  g_signal_connect_swapped (document, "notify::title", G_CALLBACK (update_titles), self);
  g_signal_connect_swapped (document, "notify::modified", G_CALLBACK (document_state_changed), self);
  g_signal_connect_swapped (document, "notify::changed-on-disk", G_CALLBACK (document_state_changed), self);
  g_signal_connect_swapped (document, "notify::in-conflict", G_CALLBACK (document_state_changed), self);
  g_signal_connect_swapped (document, "notify::can-undo", G_CALLBACK (rtes_window_update_actions), self);
  g_signal_connect_swapped (document, "notify::can-redo", G_CALLBACK (rtes_window_update_actions), self);
  g_signal_connect_swapped (document, "notify::undo-label", G_CALLBACK (rtes_window_update_actions), self);
  g_signal_connect_swapped (document, "notify::redo-label", G_CALLBACK (rtes_window_update_actions), self);
  /* The kind shown under the name follows the fiche. */
  g_signal_connect_swapped (rtes_document_get_fiche (document), "notify::kind",
                            G_CALLBACK (update_titles), self);
  g_signal_connect_swapped (rtes_document_get_fiche (document), "notify::status",
                            G_CALLBACK (update_titles), self);
}

void
rtes_window_show_fiche (RtesWindow *self,
                        RtesFiche  *fiche)
{
  RtesDocument *document = NULL;

  g_return_if_fail (RTES_IS_WINDOW (self));

  if (self->fiche == fiche)
    return;

  /* Opening a fiche leaves the overview. */
  if (fiche != NULL)
    self->overview_visible = FALSE;
  if (self->fiche != NULL)
    g_signal_handlers_disconnect_by_data (self->fiche, self);
  g_set_object (&self->fiche, fiche);
  if (fiche != NULL && self->workspace != NULL)
    document = rtes_workspace_get_document (self->workspace, fiche);
  set_document (self, document);

  set_editor_document (self, document);
  if (document == NULL && fiche != NULL && rtes_fiche_get_load_error (fiche) != NULL)
    {
      /* The description is markup; the message holds a path. */
      g_autofree char *escaped = g_markup_escape_text (rtes_fiche_get_load_error (fiche)->message, -1);

      adw_status_page_set_description (self->broken_page, escaped);
    }

  rtes_sidebar_set_selected_fiche (self->sidebar, fiche);
  update_content (self);
}

static void
sidebar_selection_changed (RtesWindow *self)
{
  rtes_window_show_fiche (self, rtes_sidebar_get_selected_fiche (self->sidebar));
}

static void
sidebar_fiche_activated (RtesWindow *self,
                         RtesFiche  *fiche)
{
  if (self->overview_visible && fiche == self->fiche)
    {
      self->overview_visible = FALSE;
      update_content (self);
    }
  rtes_window_select_fiche (self, fiche);
  /* Opened from the keyboard (Enter on the list or the search): the
   * keyboard goes with it, into the fiche's first field, the cursor at the
   * end rather than over a selection the next key would replace. */
  if (self->document != NULL && self->editor != NULL &&
      rtes_fiche_editor_focus_field (RTES_FICHE_EDITOR (self->editor), "name"))
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      for (; focus != NULL && !GTK_IS_EDITABLE (focus); focus = gtk_widget_get_parent (focus))
        ;
      if (focus != NULL)
        gtk_editable_set_position (GTK_EDITABLE (focus), -1);
    }
}

static void
leaflet_folded_changed (RtesWindow *self)
{
  /* Unfolding shows both panes; folding keeps the fiche in view when one
   * is open. */
  update_header (self);
  rtes_window_update_actions (self);
  if (adw_leaflet_get_folded (self->leaflet) && self->fiche == NULL && !self->overview_visible &&
      self->library != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->library)) > 0)
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar_pane);
}

/* Workspace signals ---------------------------------------------------- */

static void
workspace_conflict (RtesWindow   *self,
                    RtesDocument *document)
{
  if (document != self->document)
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” was changed on disk while it had unsaved changes"),
                         rtes_document_get_title (document));

      rtes_window_toast (self, message);
    }
}

static void
workspace_reloaded (RtesWindow   *self,
                    RtesDocument *document)
{
  rtes_sidebar_invalidate (self->sidebar);
  if (document == self->document)
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” was changed on disk and has been reloaded"),
                         rtes_document_get_title (document));

      rtes_window_toast (self, message);
    }
}

/* A save may have changed a name or a date the list sorts or filters on,
 * and the overview's figures; while typing, the list does not move under
 * the person. */
static void
document_saved (RtesWindow *self)
{
  rtes_sidebar_invalidate (self->sidebar);
  if (self->overview_visible)
    rtes_overview_page_refresh (RTES_OVERVIEW_PAGE (self->overview_page));
}

static void
workspace_document_added (RtesWindow   *self,
                          RtesDocument *document)
{
  g_signal_connect_object (document, "saved", G_CALLBACK (document_saved), self, G_CONNECT_SWAPPED);
}

/* Library ------------------------------------------------------------- */

static void
library_items_changed (RtesWindow *self)
{
  RtesFiche *now;

  /* The shown fiche may have been deleted, or its file broken or mended
   * on disk: a fiche with a document is never replaced otherwise. */
  if (self->fiche != NULL &&
      (now = rtes_library_lookup (self->library, rtes_fiche_get_id (self->fiche))) != self->fiche)
    rtes_window_show_fiche (self, now);
  update_content (self);
}

static void
recoverable_found (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RtesWindow) self = user_data;
  g_autoptr(GPtrArray) journals = NULL;
  g_autoptr(GError) error = NULL;

  journals = rtes_workspace_find_recoverable_finish (RTES_WORKSPACE (source), result, &error);
  if (journals == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not look for unsaved changes: %s", error->message);
      return;
    }
  if (RTES_WORKSPACE (source) == self->workspace && journals->len > 0)
    rtes_window_offer_recovery (self, journals);
}

static void
remember_library (RtesWindow *self,
                  const char *path)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-libraries");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && n < 10; i++)
    if (g_strcmp0 (recent[i], path) != 0)
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-libraries", (const char * const *) updated);
}

/* Edits made while the application was closed (a git pull, another
 * editor) are in the history from now on; a store that had to be set
 * aside is said once. */
static void
history_scanned (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RtesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;

  rtes_history_scan_finish (RTES_HISTORY (source), result, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("History: %s", error->message);
  notice = rtes_history_take_notice (RTES_HISTORY (source));
  if (notice != NULL)
    rtes_window_toast (self, notice);
}

static void
author_setting_changed (RtesWindow *self)
{
  RtesHistory *history = self->library != NULL ? rtes_library_get_history (self->library) : NULL;
  g_autofree char *author = rtes_history_default_author ();

  if (history != NULL)
    rtes_history_set_author (history, author);
}

static void
set_library (RtesWindow  *self,
             RtesLibrary *library)
{
  rtes_window_show_fiche (self, NULL);

  if (self->library != NULL)
    g_signal_handlers_disconnect_by_data (self->library, self);
  if (self->workspace != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->workspace, self);
      g_settings_unbind (self->workspace, "autosave");
    }
  g_clear_object (&self->workspace);
  g_set_object (&self->library, library);
  g_hash_table_remove_all (self->deleted);

  if (library != NULL)
    {
      self->workspace = rtes_workspace_new (library);
      g_settings_bind (self->settings, "autosave", self->workspace, "autosave", G_SETTINGS_BIND_GET);
      g_signal_connect_swapped (self->workspace, "document-added", G_CALLBACK (workspace_document_added), self);
      g_signal_connect_swapped (self->workspace, "conflict", G_CALLBACK (workspace_conflict), self);
      g_signal_connect_swapped (self->workspace, "reloaded", G_CALLBACK (workspace_reloaded), self);
      g_signal_connect_swapped (self->workspace, "save-failed", G_CALLBACK (rtes_window_show_save_error), self);
      g_signal_connect_swapped (self->workspace, "notify::n-modified", G_CALLBACK (rtes_window_update_actions), self);
      g_signal_connect_swapped (library, "items-changed", G_CALLBACK (library_items_changed), self);

      rtes_workspace_find_recoverable_async (self->workspace, self->cancellable,
                                             recoverable_found, g_object_ref (self));
      if (rtes_library_get_history (library) != NULL)
        rtes_history_scan_async (rtes_library_get_history (library), rtes_library_get_dir (library),
                                 self->cancellable, history_scanned, g_object_ref (self));
    }
  rtes_sidebar_set_workspace (self->sidebar, self->workspace);
  rtes_overview_page_set_fiches (RTES_OVERVIEW_PAGE (self->overview_page), G_LIST_MODEL (library));
  rtes_window_io_set_library (self);
  rtes_window_review_set_library (self);
  update_content (self);
}

typedef struct
{
  RtesWindow *self;
  char *path;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_object_unref (data->self);
  g_free (data->path);
  g_free (data);
}

static void
library_opened (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  OpenData *data = user_data;
  RtesWindow *self = data->self;
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(GError) error = NULL;

  library = rtes_library_open_finish (result, &error);
  /* Cancelled (the window is gone), or another library was asked for
   * meanwhile: that one wins. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_strcmp0 (self->opening_path, data->path) != 0)
    {
      open_data_free (data);
      return;
    }
  g_clear_pointer (&self->opening_path, g_free);

  if (library == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);
      g_autofree char *description = g_strdup_printf (_("%s\n\nChoose another folder, or check that this one can be read and written."),
                                                      escaped);

      adw_status_page_set_description (self->error_page, description);
      set_library (self, NULL);
    }
  else
    {
      remember_library (self, rtes_library_get_path (library));
      set_library (self, library);
      update_recent_menu (self);
    }
  open_data_free (data);
}

static void
open_now (OpenData *data)
{
  /* Loading thousands of files takes a while: the library loads in a
   * thread, and the window stays responsive (with a spinner the first
   * time). */
  rtes_library_open_async (data->path, data->self->cancellable, library_opened, data);
}

static void
open_after_save (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  OpenData *data = user_data;
  RtesWindow *self = data->self;
  g_autoptr(GError) error = NULL;

  /* A fiche that cannot be saved keeps the current library open: the
   * save error dialog is up, and switching would hide the problem. */
  if (!rtes_workspace_save_all_finish (RTES_WORKSPACE (source), result, &error))
    {
      if (g_strcmp0 (self->opening_path, data->path) == 0)
        g_clear_pointer (&self->opening_path, g_free);
      update_content (self);
      open_data_free (data);
      return;
    }
  open_now (data);
}

static void
continue_opening (OpenData *data)
{
  RtesWindow *self = data->self;

  if (self->workspace != NULL && rtes_workspace_get_n_modified (self->workspace) > 0)
    rtes_workspace_save_all_async (self->workspace, self->cancellable, open_after_save, data);
  else
    open_now (data);
}

/* The person said no, or the folder could not be made a library: the
 * library open before stays open. */
static void
give_up_opening (OpenData   *data,
                 const char *why)
{
  RtesWindow *self = data->self;

  if (g_strcmp0 (self->opening_path, data->path) == 0)
    g_clear_pointer (&self->opening_path, g_free);
  if (self->library == NULL && why != NULL)
    adw_status_page_set_description (self->error_page, why);
  update_content (self);
  open_data_free (data);
}

static void
make_library_response (gpointer    owner,
                       const char *response,
                       gpointer    user_data)
{
  OpenData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *why = NULL;

  if (g_strcmp0 (data->self->opening_path, data->path) != 0)
    {
      open_data_free (data);
      return;
    }
  if (g_str_equal (response, "make") && rtes_library_claim_folder (data->path, &error))
    {
      continue_opening (data);
      return;
    }
  if (error != NULL)
    {
      g_autofree char *escaped = NULL;

      name = g_filename_display_basename (data->path);
      rtes_window_show_error (data->self, error, _("Could not make “%s” a library"), name);
      escaped = g_markup_escape_text (rtes_window_error_is_ours (error) ? error->message
                                                                        : rtes_window_explain_error (error), -1);
      why = g_strdup (escaped);
    }
  else
    {
      g_autofree char *escaped = NULL;

      name = g_filename_display_basename (data->path);
      escaped = g_markup_escape_text (name, -1);
      /* Translators: %s is a folder's name */
      why = g_strdup_printf (_("“%s” is not a library. Choose another folder."), escaped);
    }
  give_up_opening (data, why);
}

static void
ask_make_library (OpenData *data)
{
  RtesWindow *self = data->self;
  g_autofree char *name = g_filename_display_basename (data->path);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  /* Translators: %s is a folder's name */
  heading = g_strdup_printf (_("“%s” Is Not a Library"), name);
  /* Translators: %s is a folder's full path */
  body = g_strdup_printf (_("%s holds no fiches. Make it a library? Fiches RTES will keep "
                            "its fiches there, and a hidden folder of its own."), data->path);
  rtes_ask (GTK_WIDGET (self), heading, body, NULL, make_library_response, data, (GDestroyNotify) open_data_free,
            "cancel", _("_Cancel"), RTES_ASK_DEFAULT | RTES_ASK_CLOSE,
            "make", _("_Make It a Library"), RTES_ASK_SUGGESTED,
            NULL);
}

static void
probe_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_task_return_boolean (task, rtes_library_is_library_folder (task_data));
}

static void
library_probed (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  OpenData *data = user_data;
  g_autoptr(GError) error = NULL;
  gboolean is_library = g_task_propagate_boolean (G_TASK (result), &error);

  /* Cancelled (the window is gone), or another library was asked for
   * meanwhile: that one wins. */
  if (error != NULL || g_strcmp0 (data->self->opening_path, data->path) != 0)
    {
      open_data_free (data);
      return;
    }
  if (is_library)
    continue_opening (data);
  else
    ask_make_library (data);
}

void
rtes_window_open_library (RtesWindow *self,
                          const char *path)
{
  g_autofree char *canonical = NULL;
  OpenData *data;

  g_return_if_fail (RTES_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  canonical = g_canonicalize_filename (path, NULL);
  if ((self->library != NULL && g_strcmp0 (rtes_library_get_path (self->library), canonical) == 0) ||
      g_strcmp0 (self->opening_path, canonical) == 0)
    return;

  g_free (self->opening_path);
  self->opening_path = g_strdup (canonical);
  if (self->library == NULL)
    update_content (self);

  data = g_new0 (OpenData, 1);
  data->self = g_object_ref (self);
  data->path = g_steal_pointer (&canonical);

  /* Look before opening: a folder that is not a library is asked about
   * before anything is written in it. */
  {
    g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, library_probed, data);

    g_task_set_source_tag (task, rtes_window_open_library);
    g_task_set_task_data (task, g_strdup (data->path), g_free);
    rtes_task_run_in_thread (task, probe_thread);
  }
}

/* A site export dropped on the window is imported. */
static gboolean
file_dropped (GtkDropTarget *target,
              const GValue  *value,
              double         x,
              double         y,
              RtesWindow    *self)
{
  GFile *file = g_value_get_object (value);

  if (file == NULL || self->library == NULL || rtes_window_is_busy (self))
    return FALSE;
  rtes_window_import (self, file);
  return TRUE;
}

/* "Recent libraries" in the primary menu, from the setting. */
static void
update_recent_menu (RtesWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-libraries");
  g_autofree char *current = self->library ? g_strdup (rtes_library_get_path (self->library)) : NULL;

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; recent[i] != NULL && i < 5; i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (g_strcmp0 (recent[i], current) == 0)
        continue;
      name = g_filename_display_basename (recent[i]);
      item = g_menu_item_new (name, NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (recent[i]));
      g_menu_append_item (self->recent_menu, item);
    }
}

static void
open_recent_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RtesWindow *self = RTES_WINDOW (widget);
  const char *path = g_variant_get_string (parameter, NULL);

  g_settings_set_string (self->settings, "library-path", path);
  rtes_window_open_library (self, path);
}

static void
library_path_setting_changed (RtesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "library-path");

  if (path[0] != '\0')
    rtes_window_open_library (self, path);
}

RtesLibrary *
rtes_window_get_library (RtesWindow *self)
{
  g_return_val_if_fail (RTES_IS_WINDOW (self), NULL);
  return self->library;
}

RtesWorkspace *
rtes_window_get_workspace (RtesWindow *self)
{
  g_return_val_if_fail (RTES_IS_WINDOW (self), NULL);
  return self->workspace;
}

/* Overview ------------------------------------------------------------ */

/* Shows "Vue d'ensemble" (the network's figures) in the content area,
 * until a fiche is opened. */
static void
rtes_window_show_overview (RtesWindow *self)
{
  g_return_if_fail (RTES_IS_WINDOW (self));

  if (self->library == NULL)
    return;
  self->overview_visible = TRUE;
  rtes_overview_page_refresh (RTES_OVERVIEW_PAGE (self->overview_page));
  update_content (self);
  adw_leaflet_set_visible_child (self->leaflet, self->content_pane);
}

gboolean
rtes_window_get_overview_visible (RtesWindow *self)
{
  g_return_val_if_fail (RTES_IS_WINDOW (self), FALSE);
  return self->overview_visible &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "overview") == 0;
}

static void
show_overview_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  rtes_window_show_overview (RTES_WINDOW (widget));
}

/* A bar, a département or a tag of the overview was clicked: the list
 * shows those fiches (the filter is a removable chip above it). */
static void
overview_filter_activated (RtesWindow *self,
                           const char *filter)
{
  if (!rtes_sidebar_apply_filter (self->sidebar, filter))
    return;
  /* On a phone the list is the other pane. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar_pane);
}

/* GtkWindow ----------------------------------------------------------- */

static gboolean
rtes_window_close_request (GtkWindow *window)
{
  RtesWindow *self = RTES_WINDOW (window);

  if (!self->close_confirmed && self->workspace != NULL &&
      rtes_workspace_get_n_modified (self->workspace) > 0)
    {
      rtes_window_ask_to_close (self);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (rtes_window_parent_class)->close_request (window);
}

static void
rtes_window_dispose (GObject *object)
{
  RtesWindow *self = RTES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  rtes_window_io_dispose (self);
  rtes_window_review_dispose (self);
  if (self->save_error_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->save_error_dialog), (gpointer *) &self->save_error_dialog);
  self->save_error_dialog = NULL;
  g_clear_object (&self->save_error_document);
  rtes_window_close_chooser (self);
  if (self->fiche != NULL)
    g_signal_handlers_disconnect_by_data (self->fiche, self);
  set_document (self, NULL);
  g_clear_object (&self->fiche);
  if (self->library != NULL)
    g_signal_handlers_disconnect_by_data (self->library, self);
  if (self->workspace != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->workspace, self);
      g_settings_unbind (self->workspace, "autosave");
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), RTES_TYPE_WINDOW);
  g_clear_object (&self->workspace);
  g_clear_object (&self->library);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rtes_window_parent_class)->dispose (object);
}

static void
rtes_window_finalize (GObject *object)
{
  RtesWindow *self = RTES_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->recent_menu);
  g_clear_pointer (&self->deleted, g_hash_table_unref);
  g_free (self->opening_path);

  G_OBJECT_CLASS (rtes_window_parent_class)->finalize (object);
}

static void
rtes_window_class_init (RtesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rtes_window_dispose;
  object_class->finalize = rtes_window_finalize;
  window_class->close_request = rtes_window_close_request;

  g_type_ensure (RTES_TYPE_SIDEBAR);
  g_type_ensure (RTES_TYPE_OVERVIEW_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/fr/rtes/Fiches/ui/rtes-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RtesWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RtesWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RtesWindow, sidebar_pane);
  gtk_widget_class_bind_template_child (widget_class, RtesWindow, content_pane);
  gtk_widget_class_bind_template_child (widget_class, RtesWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RtesWindow, library_title);
  gtk_widget_class_bind_template_child (widget_class, RtesWindow, fiche_title);
  gtk_widget_class_bind_template_child (widget_class, RtesWindow, conflict_revealer);
  gtk_widget_class_bind_template_child (widget_class, RtesWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RtesWindow, broken_page);
  gtk_widget_class_bind_template_child (widget_class, RtesWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, RtesWindow, editor_bin);
  gtk_widget_class_bind_template_child (widget_class, RtesWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, RtesWindow, history_box);
  gtk_widget_class_bind_template_child (widget_class, RtesWindow, fiche_menu_button);
  gtk_widget_class_bind_template_child (widget_class, RtesWindow, conflict_buttons);
  gtk_widget_class_bind_template_child (widget_class, RtesWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, RtesWindow, overview_page);
  gtk_widget_class_bind_template_callback (widget_class, overview_filter_activated);
  gtk_widget_class_install_action (widget_class, "win.show-overview", NULL, show_overview_activated);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_activated);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_selection_changed);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_fiche_activated);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_changed);

  rtes_window_class_init_actions (widget_class);
  rtes_window_class_init_io (widget_class);
  rtes_window_class_init_errors (widget_class);
  rtes_window_class_init_selection (widget_class);
  rtes_window_class_init_review (widget_class);
}

static void
rtes_window_init (RtesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->settings = g_settings_new (APPLICATION_ID);

  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "sort-order", self->sidebar, "sort-order", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "sort-descending", self->sidebar, "sort-descending", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->sidebar, "notify::n-selected",
                           G_CALLBACK (rtes_window_update_actions), self, G_CONNECT_SWAPPED);
  /* Also stateful win.sort-order and win.sort-descending, for the primary
   * menu's items. */
  for (const char * const *key = (const char * const[]) { "sort-order", "sort-descending", NULL }; *key; key++)
    {
      g_autoptr(GAction) action = g_settings_create_action (self->settings, *key);

      g_action_map_add_action (G_ACTION_MAP (self), action);
    }
  g_signal_connect_object (self->settings, "changed::library-path",
                           G_CALLBACK (library_path_setting_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::author-name",
                           G_CALLBACK (author_setting_changed), self, G_CONNECT_SWAPPED);

  self->recent_menu = g_menu_new ();
  {
    GMenu *primary = G_MENU (gtk_menu_button_get_menu_model (self->primary_menu_button));
    g_autoptr(GMenuItem) section = g_menu_item_new_section (NULL, G_MENU_MODEL (self->recent_menu));

    /* After "Open Library…". */
    g_menu_insert_item (primary, 3, section);
  }
  update_recent_menu (self);

  {
    GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);

    g_signal_connect (drop, "drop", G_CALLBACK (file_dropped), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  update_content (self);
}

RtesWindow *
rtes_window_new (RtesApplication *application)
{
  return g_object_new (RTES_TYPE_WINDOW, "application", application, NULL);
}
