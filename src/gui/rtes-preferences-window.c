/* rtes-preferences-window.c: the preferences of the application
 *
 * Every row is bound to its GSettings key, so there is no "apply": the
 * window that shows the library follows "library-path" itself. The one
 * exception is the publishing token, a secret that goes to the keyring
 * (RtesTokenRow) when the person presses its apply button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rtes-library.h"
#include "rtes-preferences-window.h"
#include "rtes-token-row.h"

struct _RtesPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* Template widgets */
  AdwActionRow *library_row;
  AdwEntryRow *site_row;
  RtesTokenRow *token_row;
  AdwActionRow *keyring_row;
  GtkWidget *keyring_details_button;
  GtkLabel *keyring_details_label;
  GtkSwitch *autosave_switch;
  AdwEntryRow *author_row;

  /* Owned */
  GSettings *settings;
  char *open_library;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (RtesPreferencesWindow, rtes_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
update_library_row (RtesPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "library-path");
  g_autofree char *fallback = NULL;
  g_autofree char *subtitle = NULL;

  if (path[0] == '\0')
    {
      fallback = rtes_library_default_path ();
      subtitle = g_strdup_printf (_("Default: %s"), fallback);
    }
  else
    {
      subtitle = g_strdup (path);
    }

  if (self->open_library != NULL)
    {
      g_autofree char *named = g_canonicalize_filename (path[0] ? path : fallback, NULL);

      if (g_strcmp0 (self->open_library, named) == 0)
        {
          adw_action_row_set_subtitle (self->library_row, subtitle);
          return;
        }
    }
  if (self->open_library != NULL)
    {
      /* Translators: the library folder setting, then the folder open in
       * the window when it differs */
      g_autofree char *both = g_strdup_printf (_("%s\nOpen now: %s"), subtitle, self->open_library);

      adw_action_row_set_subtitle (self->library_row, both);
      return;
    }
  adw_action_row_set_subtitle (self->library_row, subtitle);
}

void
rtes_preferences_window_set_open_library (RtesPreferencesWindow *self,
                                          const char            *path)
{
  g_return_if_fail (RTES_IS_PREFERENCES_WINDOW (self));

  g_free (self->open_library);
  self->open_library = path ? g_canonicalize_filename (path, NULL) : NULL;
  update_library_row (self);
}

static void
update_keyring_row (RtesPreferencesWindow *self)
{
  const char *problem = rtes_token_row_get_problem (self->token_row);
  const char *details = rtes_token_row_get_problem_details (self->token_row);

  gtk_widget_set_visible (GTK_WIDGET (self->keyring_row), problem != NULL);
  adw_action_row_set_subtitle (self->keyring_row, problem ? problem : "");
  gtk_widget_set_visible (self->keyring_details_button, details != NULL);
  gtk_label_set_text (self->keyring_details_label, details ? details : "");
}

static void
chooser_response (GtkNativeDialog       *dialog,
                  int                    response,
                  RtesPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (folder);

      if (path != NULL)
        g_settings_set_string (self->settings, "library-path", path);
    }
  g_clear_object (&self->chooser);
}

static void
choose_library_clicked (RtesPreferencesWindow *self)
{
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose the Library Folder"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Open"), _("_Cancel"));
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
rtes_preferences_window_dispose (GObject *object)
{
  RtesPreferencesWindow *self = RTES_PREFERENCES_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->open_library, g_free);

  G_OBJECT_CLASS (rtes_preferences_window_parent_class)->dispose (object);
}

static void
rtes_preferences_window_class_init (RtesPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rtes_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/fr/rtes/Fiches/ui/rtes-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RtesPreferencesWindow, library_row);
  gtk_widget_class_bind_template_child (widget_class, RtesPreferencesWindow, site_row);
  gtk_widget_class_bind_template_child (widget_class, RtesPreferencesWindow, token_row);
  gtk_widget_class_bind_template_child (widget_class, RtesPreferencesWindow, keyring_row);
  gtk_widget_class_bind_template_child (widget_class, RtesPreferencesWindow, keyring_details_button);
  gtk_widget_class_bind_template_child (widget_class, RtesPreferencesWindow, keyring_details_label);
  gtk_widget_class_bind_template_child (widget_class, RtesPreferencesWindow, autosave_switch);
  gtk_widget_class_bind_template_child (widget_class, RtesPreferencesWindow, author_row);
  gtk_widget_class_bind_template_callback (widget_class, choose_library_clicked);
}

static void
rtes_preferences_window_init (RtesPreferencesWindow *self)
{
  g_type_ensure (RTES_TYPE_TOKEN_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->token_row, "notify::problem",
                           G_CALLBACK (update_keyring_row), self, G_CONNECT_SWAPPED);
}

RtesPreferencesWindow *
rtes_preferences_window_new (GSettings *settings)
{
  RtesPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (RTES_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "autosave", self->autosave_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "site-url", self->site_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "author-name", self->author_row, "text", G_SETTINGS_BIND_DEFAULT);
  /* The token belongs to one site: a new address looks up its own. */
  g_settings_bind (settings, "site-url", self->token_row, "site", G_SETTINGS_BIND_GET);
  g_signal_connect_object (settings, "changed::library-path",
                           G_CALLBACK (update_library_row), self, G_CONNECT_SWAPPED);
  update_library_row (self);
  return self;
}
