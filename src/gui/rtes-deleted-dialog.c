/* rtes-deleted-dialog.c: the library's deleted fiches, to bring back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Fiches supprimées": every fiche whose last revision in the history is
 * a deletion, whether it went to the trash from here or its file
 * disappeared (seen when the library was scanned). Bringing one back
 * writes the version it had before its deletion (a revision of origin
 * "restore"): its history goes on where it stopped, and the trash is not
 * needed.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rtes-deleted-dialog.h"
#include "rtes-history.h"
#include "rtes-history-dialog.h"

struct _RtesDeletedDialog
{
  AdwWindow parent_instance;

  RtesLibrary *library;
  RtesHistory *history;
  GPtrArray *rows;       /* GtkWidget* in the group */

  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  AdwPreferencesGroup *group;
};

G_DEFINE_FINAL_TYPE (RtesDeletedDialog, rtes_deleted_dialog, ADW_TYPE_WINDOW)

static void reload (RtesDeletedDialog *self);

gboolean
rtes_deleted_dialog_restore (RtesDeletedDialog *self,
                             const char        *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesFiche) fiche = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *message = NULL;
  guint last;

  g_return_val_if_fail (RTES_IS_DELETED_DIALOG (self), FALSE);

  if (self->history == NULL)
    return FALSE;
  if (rtes_library_lookup (self->library, id) != NULL)
    {
      rtes_history_dialog_toast (self->toast_overlay, _("A fiche of that identifier is in the library already"));
      return FALSE;
    }
  /* The deletion is the last revision: the one before held the fiche. */
  last = rtes_history_get_last (self->history, id, &error);
  if (last > 1)
    fiche = rtes_history_make_restore (self->history, NULL, id, last - 1, NULL, &error);
  if (fiche == NULL)
    {
      rtes_history_dialog_toast (self->toast_overlay,
                                 error != NULL ? error->message : _("This fiche has no version to bring back"));
      return FALSE;
    }
  detail = g_strdup_printf ("%u", last - 1);
  if (!rtes_library_save_full (self->library, fiche, RTES_CHANGE_ORIGIN_RESTORE, detail, &error))
    {
      rtes_history_dialog_toast (self->toast_overlay, error->message);
      return FALSE;
    }
  /* Translators: a deleted fiche was brought back */
  message = g_strdup_printf (_("“%s” is back in the library"), rtes_fiche_get_name (fiche));
  reload (self);
  rtes_history_dialog_toast (self->toast_overlay, message);
  return TRUE;
}

static void
restore_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  rtes_deleted_dialog_restore (RTES_DELETED_DIALOG (widget), g_variant_get_string (parameter, NULL));
}

static GtkWidget *
row_new (RtesDeletedDialog *self,
         RtesRevision      *deletion)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore"));
  g_autoptr(GDateTime) date = rtes_revision_dup_date_time (deletion);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = rtes_revision_format_day (date, now);
  g_autofree char *when = g_date_time_format (date, "%H:%M");
  g_autofree char *subtitle = NULL;

  /* Translators: when a fiche was deleted and by whom: "Today at 14:05 ·
   * deleted by Marie Dupont" */
  subtitle = g_strdup_printf (_("%s at %s · deleted by %s"), day, when, rtes_revision_get_display_author (deletion));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rtes_revision_get_name (deletion));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "deleted.restore");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", rtes_revision_get_fiche_id (deletion));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
reload (RtesDeletedDialog *self)
{
  g_autoptr(GPtrArray) deleted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  if (self->history != NULL)
    {
      notice = rtes_history_take_notice (self->history);
      if (notice != NULL)
        rtes_history_dialog_toast (self->toast_overlay, notice);
      deleted = rtes_history_list_deleted (self->history, &error);
      if (deleted == NULL)
        rtes_history_dialog_toast (self->toast_overlay, error->message);
    }
  for (guint i = 0; deleted != NULL && i < deleted->len; i++)
    {
      GtkWidget *row = row_new (self, g_ptr_array_index (deleted, i));

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_stack_set_visible_child_name (self->stack, self->rows->len > 0 ? "list" : "empty");
}

guint
rtes_deleted_dialog_get_n_fiches (RtesDeletedDialog *self)
{
  g_return_val_if_fail (RTES_IS_DELETED_DIALOG (self), 0);
  return self->rows->len;
}

static void
rtes_deleted_dialog_dispose (GObject *object)
{
  RtesDeletedDialog *self = RTES_DELETED_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RTES_TYPE_DELETED_DIALOG);
  g_clear_object (&self->library);
  g_clear_object (&self->history);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rtes_deleted_dialog_parent_class)->dispose (object);
}

static void
rtes_deleted_dialog_class_init (RtesDeletedDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rtes_deleted_dialog_dispose;
  gtk_widget_class_install_action (widget_class, "deleted.restore", "s", restore_activated);

  gtk_widget_class_set_template_from_resource (widget_class, "/fr/rtes/Fiches/ui/rtes-deleted-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RtesDeletedDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RtesDeletedDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RtesDeletedDialog, group);
}

static void
rtes_deleted_dialog_init (RtesDeletedDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

RtesDeletedDialog *
rtes_deleted_dialog_new (GtkWindow   *parent,
                         RtesLibrary *library)
{
  RtesDeletedDialog *self;
  RtesHistory *history;

  g_return_val_if_fail (RTES_IS_LIBRARY (library), NULL);

  self = g_object_new (RTES_TYPE_DELETED_DIALOG, "transient-for", parent, NULL);
  self->library = g_object_ref (library);
  history = rtes_library_get_history (library);
  self->history = history != NULL ? g_object_ref (history) : NULL;
  reload (self);
  return self;
}
