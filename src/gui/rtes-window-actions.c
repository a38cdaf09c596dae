/* rtes-window-actions.c: what the window's menus, buttons and keys do
 *
 * Every command is a win.* action installed on the class with its
 * shortcut; rtes_window_update_actions() alone decides which are enabled,
 * from the window's state. The dialogs these actions raise live here too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rtes-deleted-dialog.h"
#include "rtes-fiche-json.h"
#include "rtes-history-dialog.h"
#include "rtes-text.h"
#include "rtes-window-private.h"

#define EXAMPLES_PATH "/fr/rtes/Fiches/examples/"

AdwToast *
rtes_window_new_toast (const char *message)
{
  /* libadwaita 1.2 reads toast titles as markup; names and paths are not. */
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  return adw_toast_new (escaped);
}

void
rtes_window_toast_button (RtesWindow       *self,
                          const char       *message,
                          AdwToastPriority  priority,
                          const char       *label,
                          const char       *action,
                          GVariant         *target)
{
  AdwToast *toast = rtes_window_new_toast (message);

  if (target != NULL)
    {
      adw_toast_set_button_label (toast, label);
      adw_toast_set_action_name (toast, action);
      adw_toast_set_action_target_value (toast, target);
    }
  adw_toast_set_priority (toast, priority);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
rtes_window_toast (RtesWindow *self,
                   const char *message)
{
  AdwToast *toast = rtes_window_new_toast (message);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
has_editable_fiche (RtesWindow *self)
{
  return self->document != NULL && self->workspace != NULL;
}

/* "Undo: move", "Redo: import": what the buttons would take back, from
 * the labels of the document's steps (typing has none). */
static void
update_history_tooltips (RtesWindow *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->history_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *action = GTK_IS_ACTIONABLE (child) ? gtk_actionable_get_action_name (GTK_ACTIONABLE (child)) : NULL;
      gboolean undo = g_strcmp0 (action, "win.undo") == 0;
      const char *label = NULL;
      g_autofree char *lower = NULL;
      g_autofree char *tooltip = NULL;

      if (!undo && g_strcmp0 (action, "win.redo") != 0)
        continue;
      if (self->document != NULL)
        label = undo ? rtes_document_get_undo_label (self->document)
                     : rtes_document_get_redo_label (self->document);
      if (label != NULL)
        {
          lower = g_utf8_strdown (label, -1);
          /* Translators: a button's tooltip; %s names a step, "move", "import" */
          tooltip = g_strdup_printf (undo ? _("Undo: %s") : _("Redo: %s"), lower);
        }
      gtk_widget_set_tooltip_text (child, tooltip != NULL ? tooltip : undo ? _("Undo") : _("Redo"));
    }
}

void
rtes_window_update_actions (RtesWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean library = self->workspace != NULL;
  gboolean fiche = has_editable_fiche (self);
  gboolean conflict = fiche && rtes_document_get_changed_on_disk (self->document);
  gboolean modified = fiche && rtes_document_get_modified (self->document);
  gboolean busy = rtes_window_is_busy (self);

  gtk_widget_action_set_enabled (widget, "win.new-fiche", library);
  gtk_widget_action_set_enabled (widget, "win.open-examples", library);
  gtk_widget_action_set_enabled (widget, "win.search", library);
  gtk_widget_action_set_enabled (widget, "win.duplicate", fiche);
  gtk_widget_action_set_enabled (widget, "win.rename", fiche);
  /* A broken file can go to the trash too: that is how one gets rid of it. */
  gtk_widget_action_set_enabled (widget, "win.delete", library && self->fiche != NULL);
  gtk_widget_action_set_enabled (widget, "win.save", modified && !conflict);
  gtk_widget_action_set_enabled (widget, "win.undo", fiche && rtes_document_get_can_undo (self->document));
  gtk_widget_action_set_enabled (widget, "win.redo", fiche && rtes_document_get_can_redo (self->document));
  update_history_tooltips (self);
  gtk_widget_action_set_enabled (widget, "win.keep-mine", conflict);
  gtk_widget_action_set_enabled (widget, "win.load-theirs", conflict);
  gtk_widget_action_set_enabled (widget, "win.show-list", adw_leaflet_get_folded (self->leaflet));

  /* One long operation at a time (see rtes-window-io.c). */
  gtk_widget_action_set_enabled (widget, "win.import", library && !busy);
  gtk_widget_action_set_enabled (widget, "win.export", fiche && !busy);
  gtk_widget_action_set_enabled (widget, "win.export-all",
                                 library && !busy && g_list_model_get_n_items (rtes_sidebar_get_model (self->sidebar)) > 0);
  gtk_widget_action_set_enabled (widget, "win.print", fiche);
  gtk_widget_action_set_enabled (widget, "win.history", fiche);
  gtk_widget_action_set_enabled (widget, "win.deleted-fiches", library);
  gtk_widget_action_set_enabled (widget, "win.sync", library && !busy);
  gtk_widget_action_set_enabled (widget, "win.review-library", library);
  gtk_widget_action_set_enabled (widget, "win.resolve-conflicts",
                                 fiche && !busy && rtes_document_get_in_conflict (self->document));
  gtk_widget_action_set_enabled (widget, "win.sync-details", rtes_window_sync_has_details (self));
  rtes_window_update_selection_actions (self);
  rtes_window_update_sync_banner (self);
}

/* Asking for a name ---------------------------------------------------- */

typedef void (*NameCallback) (RtesWindow *self,
                              const char *name);

/* One name dialog's state, held by its entry's signal handler. */
typedef struct {
  AdwMessageDialog *dialog;
  GtkEditable      *entry;
  GtkWidget        *taken_label;
  RtesFiche        *renamed;      /* owned; NULL for a new fiche */
  NameCallback      callback;
  gboolean          answered;
} NameAsk;

static void
name_ask_free (gpointer  data,
               GClosure *closure)
{
  NameAsk *ask = data;

  g_clear_object (&ask->renamed);
  g_free (ask);
}

/* TRUE if a fiche of the library other than @except bears @name, folded
 * (case, accents and spacing aside): two "Dijon Métropole" are a mistake
 * far more often than two collectivities. */
static gboolean
name_is_taken (RtesWindow *self,
               const char *name,
               RtesFiche  *except)
{
  GListModel *fiches = G_LIST_MODEL (self->library);
  g_autofree char *folded = rtes_text_fold (name);
  guint n = fiches != NULL ? g_list_model_get_n_items (fiches) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RtesFiche) fiche = g_list_model_get_item (fiches, i);
      g_autofree char *other = NULL;

      if (fiche == except || rtes_fiche_get_load_error (fiche) != NULL)
        continue;
      other = rtes_text_fold (rtes_fiche_get_name (fiche));
      if (g_strcmp0 (folded, other) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
name_entry_changed (GtkEditable *entry,
                    NameAsk     *ask)
{
  RtesWindow *self = RTES_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (ask->dialog)));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  gboolean blank = rtes_text_is_blank (name);
  gboolean unchanged = ask->renamed != NULL && g_strcmp0 (name, rtes_fiche_get_name (ask->renamed)) == 0;
  gboolean taken = !blank && !unchanged && name_is_taken (self, name, ask->renamed);

  /* Said inline before creating, as Files does for a folder name: the
   * button stays off, so a second fiche of the same name takes a
   * different spelling on purpose. */
  gtk_widget_set_visible (ask->taken_label, taken);
  if (taken)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      gtk_label_get_text (GTK_LABEL (ask->taken_label)), -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  adw_message_dialog_set_response_enabled (ask->dialog, "accept",
                                           !blank && !unchanged && !taken && !ask->answered);
}

/* Entrée answers as the default button would, and closes the dialog as
 * the button does (adw_message_dialog_response() alone leaves it open);
 * nothing while the button is off. */
static void
name_entry_activate (GtkEntry *entry,
                     NameAsk  *ask)
{
  if (!adw_message_dialog_get_response_enabled (ask->dialog, "accept"))
    return;
  adw_message_dialog_response (ask->dialog, "accept");
  gtk_window_close (GTK_WINDOW (ask->dialog));
}

static void
name_dialog_response (gpointer    owner,
                      const char *response,
                      gpointer    data)
{
  NameAsk *ask = data;

  ask->answered = TRUE;
  adw_message_dialog_set_response_enabled (ask->dialog, "accept", FALSE);
  if (g_str_equal (response, "accept"))
    {
      g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (ask->entry)));

      ask->callback (owner, name);
    }
}

static void
ask_name (RtesWindow   *self,
          const char   *heading,
          const char   *body,
          RtesFiche    *renamed,
          const char   *accept_label,
          NameCallback  callback)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *taken_label = gtk_label_new (_("A fiche already has this name"));
  NameAsk *ask = g_new0 (NameAsk, 1);

  gtk_editable_set_text (GTK_EDITABLE (entry), renamed != NULL ? rtes_fiche_get_name (renamed) : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name of the collectivity"),
                                  -1);
  gtk_label_set_wrap (GTK_LABEL (taken_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (taken_label), 0);
  gtk_widget_add_css_class (taken_label, "error");
  gtk_widget_add_css_class (taken_label, "caption");
  gtk_widget_set_visible (taken_label, FALSE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), taken_label);

  /* The entry's handler owns the state: the entry lives as long as the
   * dialog, which answers once. */
  ask->dialog = rtes_ask (GTK_WIDGET (self), heading, body, box, name_dialog_response, ask, NULL,
                          "cancel", _("_Cancel"), RTES_ASK_CLOSE,
                          "accept", accept_label, RTES_ASK_SUGGESTED | RTES_ASK_DEFAULT,
                          NULL);
  ask->entry = GTK_EDITABLE (entry);
  ask->taken_label = taken_label;
  ask->renamed = renamed != NULL ? g_object_ref (renamed) : NULL;
  ask->callback = callback;
  g_signal_connect_data (entry, "changed", G_CALLBACK (name_entry_changed), ask, name_ask_free, 0);
  g_signal_connect (entry, "activate", G_CALLBACK (name_entry_activate), ask);
  name_entry_changed (GTK_EDITABLE (entry), ask);
  gtk_widget_grab_focus (entry);
}

GtkEditable *
rtes_window_get_name_dialog_entry (AdwMessageDialog *dialog)
{
  return GTK_EDITABLE (gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog)));
}

/* Fiche actions --------------------------------------------------------- */

static void
history_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RtesWindow *self = RTES_WINDOW (widget);

  if (!has_editable_fiche (self))
    return;
  gtk_window_present (GTK_WINDOW (rtes_history_dialog_new (GTK_WINDOW (self), self->document)));
}

static void
deleted_fiches_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  RtesWindow *self = RTES_WINDOW (widget);

  if (self->library == NULL)
    return;
  gtk_window_present (GTK_WINDOW (rtes_deleted_dialog_new (GTK_WINDOW (self), self->library)));
}

void
rtes_window_select_fiche (RtesWindow *self,
                          RtesFiche  *fiche)
{
  if (fiche == NULL)
    return;
  rtes_window_show_fiche (self, fiche);
  adw_leaflet_set_visible_child (self->leaflet, self->content_pane);
}

static void
create_named (RtesWindow *self,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  RtesFiche *fiche;

  fiche = rtes_library_create (self->library, name, &error);
  if (fiche == NULL)
    {
      rtes_window_show_error (self, error, _("Could not create “%s”"), name);
      return;
    }
  rtes_window_select_fiche (self, fiche);
}

static void
new_fiche_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RtesWindow *self = RTES_WINDOW (widget);

  ask_name (self, _("New Fiche"),
            _("The name of the collectivity, as the RTES site shows it."),
            NULL, _("C_reate"), create_named);
}

static void
duplicate_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RtesWindow *self = RTES_WINDOW (widget);
  g_autoptr(RtesFiche) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;

  if (!has_editable_fiche (self))
    return;

  copy = rtes_fiche_copy (self->fiche);
  /* Translators: the name of a duplicated fiche */
  name = g_strdup_printf (_("%s (copy)"), rtes_fiche_get_name (self->fiche));
  id = rtes_library_unique_id (self->library, name);
  rtes_fiche_set_id (copy, id);
  rtes_fiche_set_name (copy, name);
  /* A copy is not what the site shows yet. */
  rtes_fiche_set_status (copy, RTES_STATUS_DRAFT);

  if (!rtes_library_save (self->library, copy, &error))
    {
      rtes_window_show_error (self, error, _("Could not duplicate “%s”"), rtes_fiche_get_name (self->fiche));
      return;
    }
  rtes_window_select_fiche (self, rtes_library_lookup (self->library, id));
}

static void
rename_named (RtesWindow *self,
              const char *name)
{
  g_autoptr(GError) error = NULL;

  if (self->document == NULL)
    return;
  if (!rtes_workspace_rename (self->workspace, self->document, name, &error))
    rtes_window_show_error (self, error, _("Could not rename the fiche to “%s”"), name);
}

static void
rename_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RtesWindow *self = RTES_WINDOW (widget);

  if (!has_editable_fiche (self))
    return;
  ask_name (self, _("Rename Fiche"),
            _("The file of the fiche is renamed after the new name too."),
            self->fiche, _("_Rename"), rename_named);
}

gboolean
rtes_window_trash_fiche (RtesWindow   *self,
                         RtesFiche    *fiche,
                         RtesDocument *document)
{
  g_autoptr(RtesDocument) closing = document != NULL ? g_object_ref (document) : NULL;
  g_autoptr(GError) error = NULL;

  /* The fiche as shown, unsaved edits included: that is what "undo" must
   * bring back. */
  if (rtes_fiche_get_load_error (fiche) == NULL)
    g_hash_table_replace (self->deleted, g_strdup (rtes_fiche_get_id (fiche)), rtes_fiche_copy (fiche));
  if (fiche == self->fiche)
    rtes_window_show_fiche (self, NULL);
  if (!rtes_library_delete (self->library, fiche, &error))
    {
      g_hash_table_remove (self->deleted, rtes_fiche_get_id (fiche));
      rtes_window_show_error (self, error, _("Could not move “%s” to the trash"), rtes_fiche_get_name (fiche));
      return FALSE;
    }
  if (closing != NULL)
    rtes_workspace_close (self->workspace, closing);
  return TRUE;
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RtesWindow *self = RTES_WINDOW (widget);
  g_autoptr(RtesFiche) fiche = NULL;
  g_autofree char *message = NULL;

  if (self->fiche == NULL || self->workspace == NULL)
    return;
  fiche = g_object_ref (self->fiche);
  if (!rtes_window_trash_fiche (self, fiche, self->document))
    {
      rtes_window_show_fiche (self, fiche);
      return;
    }
  message = g_strdup_printf (_("“%s” moved to the trash"), rtes_fiche_get_name (fiche));
  rtes_window_toast_button (self, message, ADW_TOAST_PRIORITY_HIGH, _("_Undo"), "win.undo-delete",
                            g_hash_table_contains (self->deleted, rtes_fiche_get_id (fiche))
                            ? g_variant_new_string (rtes_fiche_get_id (fiche)) : NULL);
}

static void
undo_delete_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RtesWindow *self = RTES_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  RtesFiche *copy = g_hash_table_lookup (self->deleted, id);

  if (copy == NULL || self->library == NULL)
    return;
  if (rtes_library_lookup (self->library, id) != NULL)
    {
      rtes_window_toast (self, _("A fiche with that name exists again: nothing was restored"));
      return;
    }
  if (!rtes_library_save (self->library, copy, &error))
    {
      rtes_window_show_error (self, error, _("Could not restore “%s”"), rtes_fiche_get_name (copy));
      return;
    }
  rtes_window_select_fiche (self, rtes_library_lookup (self->library, id));
  g_hash_table_remove (self->deleted, id);
}

static void
save_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Failures raise the save error dialog or the conflict banner through
   * the document's signals; only "busy" needs telling here. */
  if (!rtes_document_save_finish (RTES_DOCUMENT (source), result, &error) &&
      g_error_matches (error, RTES_DOCUMENT_ERROR, RTES_DOCUMENT_ERROR_BUSY))
    {
      RtesWindow *self = user_data;

      rtes_window_toast (self, error->message);
    }
  g_object_unref (user_data);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RtesWindow *self = RTES_WINDOW (widget);

  if (!has_editable_fiche (self))
    return;
  rtes_document_save_async (self->document, self->cancellable, save_done, g_object_ref (self));
}

/* Undo, Redo, Keep Mine and Load Theirs: the document's own. */
static void
document_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RtesWindow *self = RTES_WINDOW (widget);

  if (self->document == NULL)
    return;
  if (g_str_equal (action_name, "win.undo"))
    rtes_document_undo (self->document);
  else if (g_str_equal (action_name, "win.redo"))
    rtes_document_redo (self->document);
  else if (!has_editable_fiche (self))
    return;
  else if (g_str_equal (action_name, "win.keep-mine"))
    rtes_document_keep_mine (self->document);
  else
    rtes_document_load_theirs (self->document);
}

/* "win.show-list", and "win.search", which goes on to the search entry. */
static void
show_list_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RtesWindow *self = RTES_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_pane);
  if (g_str_equal (action_name, "win.search"))
    gtk_widget_grab_focus (GTK_WIDGET (rtes_sidebar_get_search_entry (self->sidebar)));
}

static void
open_examples_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RtesWindow *self = RTES_WINDOW (widget);
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;
  RtesFiche *first = NULL;
  guint added = 0;

  if (self->library == NULL)
    return;

  names = g_resources_enumerate_children (EXAMPLES_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (names == NULL)
    {
      g_warning ("No example fiches: %s", error->message);
      return;
    }

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (EXAMPLES_PATH, names[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autoptr(RtesFiche) fiche = NULL;
      g_autoptr(GError) local_error = NULL;

      if (bytes == NULL)
        continue;
      fiche = rtes_fiche_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                        names[i], &local_error);
      if (fiche == NULL)
        {
          g_warning ("Example %s: %s", names[i], local_error->message);
          continue;
        }
      /* Never over a fiche of the same id: examples are a start, not data. */
      if (rtes_library_lookup (self->library, rtes_fiche_get_id (fiche)) != NULL)
        continue;
      if (!rtes_library_save (self->library, fiche, &local_error))
        {
          rtes_window_show_error (self, local_error, "%s", _("Could not add the example fiches"));
          return;
        }
      added++;
      if (first == NULL)
        first = rtes_library_lookup (self->library, rtes_fiche_get_id (fiche));
    }

  if (first != NULL)
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u example fiche added",
                                                               "%u example fiches added", added),
                                                  added);

      rtes_window_select_fiche (self, first);
      rtes_window_toast (self, message);
    }
  else
    {
      rtes_window_toast (self, _("The example fiches are already in this library"));
    }
}

/* Choosing a library ---------------------------------------------------- */

GFile *
rtes_window_get_chooser_folder (RtesWindow *self,
                                gboolean    for_library)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  /* Another library is most often beside the one open. */
  if (for_library && self->library != NULL)
    {
      g_autofree char *parent = g_path_get_dirname (rtes_library_get_path (self->library));

      if (g_file_test (parent, G_FILE_TEST_IS_DIR))
        return g_file_new_for_path (parent);
    }
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
}

static void
chooser_response (GtkNativeDialog *dialog,
                  int              response,
                  RtesWindow      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      self->chooser_chosen (self, file);
    }
  rtes_window_close_chooser (self);
}

void
rtes_window_show_chooser (RtesWindow           *self,
                          GtkFileChooserNative *chooser,
                          GPtrArray            *fiches,
                          RtesWindowChosen      chosen)
{
  GtkFileChooserAction action = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser));
  g_autoptr(GFile) folder = rtes_window_get_chooser_folder (self, action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);

  rtes_window_close_chooser (self);
  self->chooser = chooser;
  self->chooser_fiches = fiches != NULL ? g_ptr_array_ref (fiches) : NULL;
  self->chooser_chosen = chosen;
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Only a hint: a chooser that cannot go there opens where it would. */
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
rtes_window_close_chooser (RtesWindow *self)
{
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->chooser_fiches, g_ptr_array_unref);
  g_clear_pointer (&self->chooser_title, g_free);
}

static void
library_chosen (RtesWindow *self,
                GFile      *folder)
{
  g_autofree char *path = g_file_get_path (folder);

  /* Remembered as the library to open next time too. */
  if (path != NULL)
    {
      g_settings_set_string (self->settings, "library-path", path);
      rtes_window_open_library (self, path);
    }
}

void
rtes_window_choose_library (RtesWindow *self)
{
  g_return_if_fail (RTES_IS_WINDOW (self));

  rtes_window_show_chooser (self, gtk_file_chooser_native_new (_("Open a Library"), GTK_WINDOW (self),
                                                              GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                              _("_Open"), _("_Cancel")),
                            NULL, library_chosen);
}

/* Saving problems ------------------------------------------------------- */

static void
save_error_response (gpointer    owner,
                     const char *response,
                     gpointer    data)
{
  RtesWindow *self = owner;
  g_autoptr(RtesDocument) document = g_steal_pointer (&self->save_error_document);

  if (document == NULL || self->workspace == NULL)
    return;

  if (g_str_equal (response, "copy"))
    {
      g_autofree char *text = rtes_fiche_to_data (rtes_document_get_fiche (document), NULL);

      gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
      rtes_window_toast (self, _("The fiche was copied to the clipboard"));
    }
  else if (g_str_equal (response, "retry"))
    {
      rtes_document_save_async (document, self->cancellable, save_done, g_object_ref (self));
    }
}

void
rtes_window_show_save_error (RtesWindow   *self,
                             RtesDocument *document,
                             const GError *error)
{
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  gboolean ours = rtes_window_error_is_ours (error);

  heading = g_strdup_printf (_("Could Not Save “%s”"), rtes_document_get_title (document));
  /* The system's words ("Permission denied") are English: the body says
   * it in French, and they wait under "Details". */
  body = g_strdup_printf ("%s\n\n%s", ours ? error->message : rtes_window_explain_error (error),
                          _("Nothing is lost: your changes stay in this window and in the recovery journal. "
                            "Check the library folder and try again, or copy the fiche as text to keep it elsewhere."));

  /* Autosave tries again after each pause in typing: one dialog, kept up
   * to date, rather than a pile of them. */
  if (self->save_error_dialog != NULL)
    {
      dialog = ADW_MESSAGE_DIALOG (self->save_error_dialog);
      adw_message_dialog_set_heading (dialog, heading);
      adw_message_dialog_set_body (dialog, body);
      adw_message_dialog_set_extra_child (dialog, ours ? NULL : rtes_window_error_details_new (error->message));
      g_set_object (&self->save_error_document, document);
      return;
    }

  g_set_object (&self->save_error_document, document);
  dialog = rtes_ask (GTK_WIDGET (self), heading, body, ours ? NULL : rtes_window_error_details_new (error->message),
                     save_error_response, NULL, NULL,
                     "copy", _("_Copy as Text"), RTES_ASK_PLAIN,
                     "close", _("_Close"), RTES_ASK_CLOSE,
                     "retry", _("_Try Again"), RTES_ASK_SUGGESTED | RTES_ASK_DEFAULT,
                     NULL);
  self->save_error_dialog = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->save_error_dialog);
}

/* Recovery -------------------------------------------------------------- */

static void
recovery_response (gpointer    owner,
                   const char *response,
                   gpointer    data)
{
  RtesWindow *self = owner;
  g_autoptr(GPtrArray) journals = data;
  RtesFiche *first = NULL;

  if (self->workspace == NULL)
    return;

  for (guint i = 0; i < journals->len; i++)
    {
      RtesJournal *journal = g_ptr_array_index (journals, i);

      if (g_str_equal (response, "restore"))
        {
          g_autoptr(GError) error = NULL;
          RtesDocument *document = rtes_workspace_restore (self->workspace, journal, &error);

          if (document == NULL)
            rtes_window_show_error (self, error, "%s", _("Could not restore the unsaved changes"));
          else if (first == NULL)
            first = rtes_document_get_fiche (document);
        }
      else if (g_str_equal (response, "discard"))
        {
          rtes_workspace_forget_journal (self->workspace, journal);
        }
      /* "later": the journals stay, and are offered again next time. */
    }

  if (first != NULL)
    rtes_window_select_fiche (self, first);
}

void
rtes_window_offer_recovery (RtesWindow *self,
                            GPtrArray  *journals)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *body = NULL;

  for (guint i = 0; i < journals->len && i < 8; i++)
    g_string_append_printf (names, "\n• %s",
                            rtes_fiche_get_name (rtes_journal_get_fiche (g_ptr_array_index (journals, i))));
  if (journals->len > 8)
    g_string_append (names, "\n…");

  body = g_strdup_printf ("%s\n%s",
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Changes to this fiche were not saved when Fiches RTES last stopped:",
                                       "Changes to these fiches were not saved when Fiches RTES last stopped:",
                                       journals->len),
                          names->str);
  /* Escape decides nothing: the journals are offered again next time. */
  rtes_ask (GTK_WIDGET (self), _("Restore Unsaved Changes?"), body, NULL,
            recovery_response, g_ptr_array_ref (journals), (GDestroyNotify) g_ptr_array_unref,
            "discard", _("_Discard"), RTES_ASK_DESTRUCTIVE,
            "restore", _("_Restore"), RTES_ASK_SUGGESTED | RTES_ASK_DEFAULT,
            "later", NULL, RTES_ASK_CLOSE,
            NULL);
}

/* Closing --------------------------------------------------------------- */

static void
close_after_save (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RtesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  /* On failure the save error dialog (or the conflict banner) is up and
   * the window stays open. */
  if (rtes_workspace_save_all_finish (RTES_WORKSPACE (source), result, &error))
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static void
close_response (gpointer    owner,
                const char *response,
                gpointer    data)
{
  RtesWindow *self = owner;

  if (g_str_equal (response, "save"))
    {
      rtes_workspace_save_all_async (self->workspace, NULL, close_after_save, g_object_ref (self));
    }
  else if (g_str_equal (response, "discard"))
    {
      rtes_workspace_revert_all (self->workspace);
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

void
rtes_window_ask_to_close (RtesWindow *self)
{
  guint n = rtes_workspace_get_n_modified (self->workspace);
  g_autofree char *body = NULL;

  if (n == 1 && self->document != NULL && rtes_document_get_modified (self->document))
    body = g_strdup_printf (_("“%s” has changes that are not saved yet."),
                            rtes_document_get_title (self->document));
  else
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u fiche has changes that are not saved yet.",
                                         "%u fiches have changes that are not saved yet.", n),
                            n);
  rtes_ask (GTK_WIDGET (self), _("Save Changes?"), body, NULL, close_response, NULL, NULL,
            "cancel", _("_Cancel"), RTES_ASK_CLOSE,
            "discard", _("_Discard"), RTES_ASK_DESTRUCTIVE,
            "save", _("_Save"), RTES_ASK_SUGGESTED | RTES_ASK_DEFAULT,
            NULL);
}

/* Class ----------------------------------------------------------------- */

void
rtes_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-fiche", NULL, new_fiche_activated);
  gtk_widget_class_install_action (widget_class, "win.duplicate", NULL, duplicate_activated);
  gtk_widget_class_install_action (widget_class, "win.rename", NULL, rename_activated);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", "s", undo_delete_activated);
  gtk_widget_class_install_action (widget_class, "win.history", NULL, history_activated);
  gtk_widget_class_install_action (widget_class, "win.deleted-fiches", NULL, deleted_fiches_activated);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, document_activated);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, document_activated);
  gtk_widget_class_install_action (widget_class, "win.keep-mine", NULL, document_activated);
  gtk_widget_class_install_action (widget_class, "win.load-theirs", NULL, document_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, show_list_activated);
  gtk_widget_class_install_action (widget_class, "win.show-list", NULL, show_list_activated);
  gtk_widget_class_install_action (widget_class, "win.open-examples", NULL, open_examples_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-fiche", NULL);
  /* Not Ctrl+Shift+D: GTK keeps that one for its inspector. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.duplicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "win.history", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.show-list", NULL);
  /* GtkWindow's own action; closing still asks about unsaved changes. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  /* Ctrl+Z and Ctrl+Shift+Z are application accelerators: see
   * rtes_application_startup(). */
}
