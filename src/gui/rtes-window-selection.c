/* rtes-window-selection.c: what the list's selection mode does
 *
 * The sidebar's action bar acts on the checked fiches: set their status,
 * add or remove a lever, export them (a PDF booklet with a title, web
 * pages, their contacts as vCards) or move them to the trash. Each is
 * one action a person can take back as a whole: the changes go through
 * rtes_workspace_apply_many_async() as one group of undo steps (the toast's
 * Undo takes the group back), and the trash keeps copies of every fiche
 * it took for one Undo. The contacts of the fiche shown can be exported
 * the same way from the fiche menu.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rtes-fiche-json.h"
#include "rtes-task.h"
#include "rtes-vcard.h"
#include "rtes-vocabulary.h"
#include "rtes-window-private.h"

#define DEFAULT_BOOKLET_TITLE "Fiches adhérents du RTES"

/* Checked fiches that loaded (a broken file has nothing to change). */
static GPtrArray *
selected_fiches (RtesWindow *self,
                 gboolean    broken_too)
{
  g_autoptr(GPtrArray) all = rtes_sidebar_get_selected_fiches (self->sidebar);
  GPtrArray *fiches = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < all->len; i++)
    {
      RtesFiche *fiche = g_ptr_array_index (all, i);

      if (broken_too || rtes_fiche_get_load_error (fiche) == NULL)
        g_ptr_array_add (fiches, g_object_ref (fiche));
    }
  return fiches;
}

void
rtes_window_update_selection_actions (RtesWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean any = self->workspace != NULL && rtes_sidebar_get_n_selected (self->sidebar) > 0;
  gboolean busy = rtes_window_is_busy (self);

  gtk_widget_action_set_enabled (widget, "win.selection-set-status", any);
  gtk_widget_action_set_enabled (widget, "win.selection-add-tag", any);
  gtk_widget_action_set_enabled (widget, "win.selection-remove-tag", any);
  gtk_widget_action_set_enabled (widget, "win.selection-export", any && !busy);
  gtk_widget_action_set_enabled (widget, "win.selection-trash", any);
  gtk_widget_action_set_enabled (widget, "win.selection-all", self->workspace != NULL);
  gtk_widget_action_set_enabled (widget, "win.export-contacts",
                                 self->document != NULL && !busy &&
                                 g_list_model_get_n_items (G_LIST_MODEL (rtes_fiche_get_contacts (self->fiche))) > 0);
}

/* Changes as one group ----------------------------------------------------- */

typedef gboolean (*ChangeFunc) (RtesFiche  *copy,
                                const char *value);
/* The toast's message once @n fiches changed. */
typedef char *(*DoneFunc) (guint n);

typedef struct {
  RtesWindow *self;
  char       *done;      /* the toast's message */
} Applying;

static void
applied (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Applying *applying = user_data;
  RtesWindow *self = applying->self;
  g_autoptr(GError) error = NULL;
  guint group = 0;

  if (!rtes_workspace_apply_many_finish (RTES_WORKSPACE (source), result, &group, &error))
    rtes_window_show_error (self, error, "%s", _("Could not change the selected fiches"));
  rtes_sidebar_invalidate (self->sidebar);
  if (group != 0 && RTES_WORKSPACE (source) == self->workspace)
    {
      self->selection_group = group;
      rtes_window_toast_button (self, applying->done, ADW_TOAST_PRIORITY_HIGH, _("_Undo"), "win.undo-group",
                                g_variant_new_uint32 (group));
    }
  g_object_unref (applying->self);
  g_free (applying->done);
  g_free (applying);
}

/* Applies @change to a copy of each checked fiche; those it changed go to
 * their documents as one group (label @label), saved. */
static void
change_selection (RtesWindow *self,
                  ChangeFunc  change,
                  const char *value,
                  const char *label,
                  DoneFunc    done)
{
  g_autoptr(GPtrArray) fiches = selected_fiches (self, FALSE);
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func (g_object_unref);
  Applying *applying;

  if (self->workspace == NULL || fiches->len == 0)
    return;
  for (guint i = 0; i < fiches->len; i++)
    {
      g_autoptr(RtesFiche) copy = rtes_fiche_copy (g_ptr_array_index (fiches, i));

      if (change (copy, value))
        g_ptr_array_add (contents, g_steal_pointer (&copy));
    }
  if (contents->len == 0)
    {
      rtes_window_toast (self, _("Nothing to change: the selected fiches are already so"));
      return;
    }

  applying = g_new0 (Applying, 1);
  applying->self = g_object_ref (self);
  applying->done = done (contents->len);
  rtes_workspace_apply_many_async (self->workspace, contents, RTES_CHANGE_ORIGIN_TYPED, label,
                                   self->cancellable, applied, applying);
}

static gboolean
set_status (RtesFiche  *copy,
            const char *status)
{
  if (g_strcmp0 (rtes_fiche_get_status (copy), status) == 0)
    return FALSE;
  rtes_fiche_set_status (copy, status);
  return TRUE;
}

/* The fiche's own list is edited, not rebuilt: tags this version does not
 * know stay where they were. */
static gboolean
set_tag (RtesFiche  *copy,
         const char *tag,
         gboolean    present)
{
  const char * const *tags = rtes_fiche_get_tags (copy);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;
  gboolean has = tags != NULL && g_strv_contains (tags, tag);

  if (has == present)
    return FALSE;
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    if (g_strcmp0 (tags[i], tag) != 0)
      g_strv_builder_add (builder, tags[i]);
  if (present)
    g_strv_builder_add (builder, tag);
  result = g_strv_builder_end (builder);
  rtes_fiche_set_tags (copy, (const char * const *) result);
  return TRUE;
}

static gboolean
add_tag (RtesFiche  *copy,
         const char *tag)
{
  return set_tag (copy, tag, TRUE);
}

static gboolean
remove_tag (RtesFiche  *copy,
            const char *tag)
{
  return set_tag (copy, tag, FALSE);
}

static char *
done_draft (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u fiche set to draft", "%u fiches set to draft", n), n);
}

static char *
done_published (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u fiche set to published",
                                       "%u fiches set to published", n), n);
}

static char *
done_tag_added (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Lever added to %u fiche", "Lever added to %u fiches", n), n);
}

static char *
done_tag_removed (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Lever removed from %u fiche",
                                       "Lever removed from %u fiches", n), n);
}

static void
set_status_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RtesWindow *self = RTES_WINDOW (widget);
  const char *status = g_variant_get_string (parameter, NULL);

  if (g_str_equal (status, RTES_STATUS_DRAFT))
    change_selection (self, set_status, status, C_("undo", "Set Status"), done_draft);
  else if (g_str_equal (status, RTES_STATUS_PUBLISHED))
    change_selection (self, set_status, status, C_("undo", "Set Status"), done_published);
}

/* "win.selection-add-tag" and "win.selection-remove-tag". */
static void
tag_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  const char *tag = g_variant_get_string (parameter, NULL);

  if (g_str_equal (action_name, "win.selection-remove-tag"))
    change_selection (RTES_WINDOW (widget), remove_tag, tag, C_("undo", "Remove a Lever"), done_tag_removed);
  else if (rtes_tag_lookup (tag) != NULL)
    change_selection (RTES_WINDOW (widget), add_tag, tag, C_("undo", "Add a Lever"), done_tag_added);
}

void
rtes_window_undo_group (RtesWindow *self,
                        guint       group,
                        gboolean    import)
{
  g_autofree char *message = NULL;
  guint n;

  if (self->workspace == NULL || !rtes_workspace_can_undo_group (self->workspace, group))
    return;
  n = rtes_workspace_undo_group (self->workspace, group);
  rtes_sidebar_invalidate (self->sidebar);
  message = import ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Import undone: %u fiche taken back",
                                                   "Import undone: %u fiches taken back", n), n)
                   : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Undone: %u fiche taken back",
                                                   "Undone: %u fiches taken back", n), n);
  rtes_window_toast (self, message);
}

/* "win.undo-group" and "win.undo-import": a toast's Undo. */
static void
undo_group_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  rtes_window_undo_group (RTES_WINDOW (widget), g_variant_get_uint32 (parameter),
                          g_str_equal (action_name, "win.undo-import"));
}

/* Trash ------------------------------------------------------------------ */

static void
trash_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RtesWindow *self = RTES_WINDOW (widget);
  g_autoptr(GPtrArray) fiches = selected_fiches (self, TRUE);
  g_autoptr(GStrvBuilder) restorable = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  g_autofree char *message = NULL;
  guint trashed = 0;

  if (self->workspace == NULL || fiches->len == 0)
    return;

  for (guint i = 0; i < fiches->len; i++)
    {
      RtesFiche *fiche = g_ptr_array_index (fiches, i);

      if (!rtes_window_trash_fiche (self, fiche, rtes_workspace_lookup (self->workspace, rtes_fiche_get_id (fiche))))
        continue;
      if (rtes_fiche_get_load_error (fiche) == NULL)
        g_strv_builder_add (restorable, rtes_fiche_get_id (fiche));
      trashed++;
    }
  if (trashed == 0)
    return;

  rtes_sidebar_set_selection_mode (self->sidebar, FALSE);
  ids = g_strv_builder_end (g_steal_pointer (&restorable));
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u fiche moved to the trash",
                                          "%u fiches moved to the trash", trashed), trashed);
  rtes_window_toast_button (self, message, ADW_TOAST_PRIORITY_HIGH, _("_Undo"), "win.undo-delete-many",
                            ids[0] != NULL ? g_variant_new_strv ((const char * const *) ids, -1) : NULL);
}

static void
undo_delete_many_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  RtesWindow *self = RTES_WINDOW (widget);
  g_autofree const char **ids = g_variant_get_strv (parameter, NULL);
  guint restored = 0, taken = 0;

  if (self->library == NULL)
    return;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      RtesFiche *copy = g_hash_table_lookup (self->deleted, ids[i]);
      g_autoptr(GError) error = NULL;

      if (copy == NULL)
        continue;
      if (rtes_library_lookup (self->library, ids[i]) != NULL)
        taken++;
      else if (!rtes_library_save (self->library, copy, &error))
        rtes_window_show_error (self, error, _("Could not restore “%s”"), rtes_fiche_get_name (copy));
      else
        {
          restored++;
          g_hash_table_remove (self->deleted, ids[i]);
        }
    }
  if (taken > 0)
    rtes_window_toast (self, _("A fiche with that name exists again: it was not restored"));
  else if (restored > 0)
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u fiche restored",
                                                               "%u fiches restored", restored),
                                                  restored);

      rtes_window_toast (self, message);
    }
}

/* Export ----------------------------------------------------------------- */

typedef struct {
  GPtrArray   *fiches;
  GtkEditable *entry;
} Booklet;

static void
booklet_free (Booklet *booklet)
{
  g_ptr_array_unref (booklet->fiches);
  g_free (booklet);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Booklet, booklet_free)

static void
booklet_title_response (gpointer    owner,
                        const char *response,
                        gpointer    data)
{
  g_autoptr(Booklet) booklet = data;
  g_autofree char *title = NULL;

  if (!g_str_equal (response, "export"))
    return;
  title = g_strstrip (g_strdup (gtk_editable_get_text (booklet->entry)));
  rtes_window_choose_export_target (owner, booklet->fiches, RTES_EXPORT_FORMAT_PDF,
                                    title[0] != '\0' ? title : DEFAULT_BOOKLET_TITLE);
}

void
rtes_window_ask_booklet_title (RtesWindow *self,
                               GPtrArray  *fiches)
{
  Booklet *booklet;
  GtkWidget *entry;

  /* One fiche is a fiche, not a booklet: it has no cover to title. */
  if (fiches->len < 2)
    {
      rtes_window_choose_export_target (self, fiches, RTES_EXPORT_FORMAT_PDF, NULL);
      return;
    }
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), DEFAULT_BOOKLET_TITLE);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Title of the booklet"), -1);
  booklet = g_new (Booklet, 1);
  booklet->fiches = g_ptr_array_ref (fiches);
  booklet->entry = GTK_EDITABLE (entry);
  rtes_ask (GTK_WIDGET (self), _("Title of the Booklet"), _("Shown on the cover and in the PDF’s properties."),
            entry, booklet_title_response, booklet, (GDestroyNotify) booklet_free,
            "cancel", _("_Cancel"), RTES_ASK_CLOSE,
            "export", _("_Continue"), RTES_ASK_SUGGESTED | RTES_ASK_DEFAULT,
            NULL);
  gtk_widget_grab_focus (entry);
}

/* vCards are small (a few hundred bytes a contact), but a file is still
 * written off the main loop. */
typedef struct {
  GPtrArray *fiches;
  char      *path;
  guint      cards;
} VCardJob;

static void
vcard_job_free (VCardJob *job)
{
  g_ptr_array_unref (job->fiches);
  g_free (job->path);
  g_free (job);
}

static void
vcard_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  VCardJob *job = task_data;
  GError *error = NULL;

  if (rtes_vcard_write (job->fiches, job->path, &job->cards, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
vcard_written (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RtesWindow) self = user_data;
  VCardJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  g_autofree char *uri = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      rtes_window_show_error (self, error, "%s", _("Could not export the contacts"));
      return;
    }
  name = g_path_get_basename (job->path);
  uri = g_filename_to_uri (job->path, NULL, NULL);
  /* Translators: "12 contacts exported to “contacts.vcf”" */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contact exported to “%s”",
                                          "%u contacts exported to “%s”", job->cards),
                             job->cards, name);
  /* Opening a vCard file offers to add it to the address book. */
  rtes_window_toast_button (self, message, ADW_TOAST_PRIORITY_NORMAL, _("_Open"), "win.open-uri",
                            uri != NULL ? g_variant_new_string (uri) : NULL);
}

void
rtes_window_export_vcard (RtesWindow *self,
                          GPtrArray  *fiches,
                          GFile      *target)
{
  g_autoptr(GTask) task = NULL;
  VCardJob *job;

  g_return_if_fail (RTES_IS_WINDOW (self));

  job = g_new0 (VCardJob, 1);
  job->fiches = g_ptr_array_new_with_free_func (g_object_unref);
  /* Copies: the person may go on editing while the file is written. */
  for (guint i = 0; i < fiches->len; i++)
    g_ptr_array_add (job->fiches, rtes_fiche_copy (g_ptr_array_index (fiches, i)));
  job->path = g_file_get_path (target);
  if (job->path == NULL)
    {
      vcard_job_free (job);
      rtes_window_toast (self, _("Exports can only be written to local files"));
      return;
    }
  task = g_task_new (NULL, self->cancellable, vcard_written, g_object_ref (self));
  g_task_set_source_tag (task, rtes_window_export_vcard);
  g_task_set_task_data (task, job, (GDestroyNotify) vcard_job_free);
  rtes_task_run_in_thread (task, vcard_thread);
}

static void
vcard_target_chosen (RtesWindow *self,
                     GFile      *target)
{
  if (self->chooser_fiches != NULL)
    rtes_window_export_vcard (self, self->chooser_fiches, target);
}

static void
choose_vcard_target (RtesWindow *self,
                     GPtrArray  *fiches)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Export Contacts as vCard"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                                               _("_Export"), _("_Cancel"));

  gtk_file_filter_set_name (filter, _("vCard files"));
  gtk_file_filter_add_suffix (filter, "vcf");
  gtk_file_filter_add_mime_type (filter, "text/vcard");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  name = fiches->len == 1 ? g_strconcat (rtes_fiche_get_id (g_ptr_array_index (fiches, 0)), "-contacts.vcf", NULL)
                          : g_strdup ("contacts-rtes.vcf");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  rtes_window_show_chooser (self, chooser, fiches, vcard_target_chosen);
}

static void
selection_export_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  RtesWindow *self = RTES_WINDOW (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  g_autoptr(GPtrArray) fiches = selected_fiches (self, FALSE);

  if (fiches->len == 0 || rtes_window_is_busy (self))
    return;
  if (g_str_equal (format, "pdf"))
    rtes_window_ask_booklet_title (self, fiches);
  else if (g_str_equal (format, "html"))
    rtes_window_choose_export_target (self, fiches, RTES_EXPORT_FORMAT_HTML, NULL);
  else if (g_str_equal (format, "vcard"))
    choose_vcard_target (self, fiches);
}

static void
export_contacts_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  RtesWindow *self = RTES_WINDOW (widget);
  g_autoptr(GPtrArray) fiches = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->document == NULL)
    return;
  g_ptr_array_add (fiches, g_object_ref (self->fiche));
  choose_vcard_target (self, fiches);
}

static void
selection_all_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  rtes_sidebar_select_all (RTES_WINDOW (widget)->sidebar);
}

void
rtes_window_class_init_selection (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.selection-set-status", "s", set_status_activated);
  gtk_widget_class_install_action (widget_class, "win.selection-add-tag", "s", tag_activated);
  gtk_widget_class_install_action (widget_class, "win.selection-remove-tag", "s", tag_activated);
  gtk_widget_class_install_action (widget_class, "win.selection-export", "s", selection_export_activated);
  gtk_widget_class_install_action (widget_class, "win.selection-trash", NULL, trash_activated);
  gtk_widget_class_install_action (widget_class, "win.selection-all", NULL, selection_all_activated);
  gtk_widget_class_install_action (widget_class, "win.undo-group", "u", undo_group_activated);
  gtk_widget_class_install_action (widget_class, "win.undo-import", "u", undo_group_activated);
  gtk_widget_class_install_action (widget_class, "win.undo-delete-many", "as", undo_delete_many_activated);
  gtk_widget_class_install_action (widget_class, "win.export-contacts", NULL, export_contacts_activated);
}
