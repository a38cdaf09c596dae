/* rtes-gui-widgets.c: GTK helpers of the window's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rtes-fiche-row.h"
#include "rtes-gui-widgets.h"
#include "rtes-gui-test.h"
#include "rtes-test-util.h"
#include "rtes-window-private.h"

/* @below in each of @data_dirs. */
static GStrv
dirs_below (char       **data_dirs,
            const char  *below)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; data_dirs[i] != NULL; i++)
    {
      g_autofree char *dir = g_build_filename (data_dirs[i], below, NULL);

      g_strv_builder_add (builder, dir);
    }
  return g_strv_builder_end (builder);
}

void
rtes_gui_test_init (int    *argc,
                    char ***argv)
{
  /* The MIME database (GTK needs it to load SVG icons) and the icon
   * themes are in the system folders, which rtes_test_init() hides. */
  g_auto(GStrv) data_dirs = g_strdupv ((char **) g_get_system_data_dirs ());
  g_auto(GStrv) mime = dirs_below (data_dirs, "mime");
  g_auto(GStrv) icons = dirs_below (data_dirs, "icons");
  const char *localedir;
  g_autoptr(GtkCssProvider) css = NULL;

  rtes_test_init (argc, argv);

  /* Screenshots are taken in French, the language of the people who use
   * the application; assertions never compare translated text. */
  localedir = g_getenv ("RTES_TEST_LOCALEDIR");
  if (localedir != NULL)
    {
      g_setenv ("LANGUAGE", "fr", TRUE);
      setlocale (LC_ALL, "C.UTF-8");
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  g_content_type_set_mime_dirs ((const char * const *) mime);
  gtk_init ();
  adw_init ();
  gtk_icon_theme_set_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                  (const char * const *) icons);

  /* No animations: a test waits for states, not for transitions, and
   * libadwaita 1.2's AdwFlap, revealed while the machine is loaded, can
   * allocate its content with a width of INT_MIN for one frame (a fatal
   * warning in a test; GTK clamps it to 1 in the application). */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* What AdwApplication does for the real application. */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/fr/rtes/Fiches/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/fr/rtes/Fiches/icons");
}

static gboolean
root_laid_out (gpointer data)
{
  GtkWidget *root = data;

  return gtk_widget_get_mapped (root) && gtk_widget_get_width (root) > 0 && gtk_widget_get_height (root) > 0;
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
wait_for_paint (GtkWidget *root)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (root);
  gboolean painted = FALSE;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gtk_widget_queue_draw (root);
  rtes_gui_test_wait_until (is_true, &painted, 30000, "the window to be drawn");
  g_signal_handler_disconnect (clock, handler);
}

char *
rtes_gui_test_screenshot (GtkWidget  *widget,
                          const char *name)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = g_strconcat (name, ".png", NULL);
  char *path = g_build_filename (SCREENSHOT_DIR, file_name, NULL);
  GskRenderer *renderer;
  int width, height;

  /* A window just presented is mapped and laid out when the X server
   * and the frame clock get to it, which on a loaded machine takes
   * longer than any fixed wait: wait for that, then for a frame drawn
   * after it, then a little for transitions (a dialog's) to end. */
  rtes_gui_test_wait_until (root_laid_out, root, 30000, "the window to be laid out");
  wait_for_paint (root);
  rtes_gui_test_run_for (300);

  width = gtk_widget_get_width (root);
  height = gtk_widget_get_height (root);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (root);
  snapshot = gtk_snapshot_new ();
  /* The window's own background: libadwaita windows draw it in CSS. */
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.98, 0.98, 0.98, 1.0 },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (root));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (g_mkdir_with_parents (SCREENSHOT_DIR, 0755), ==, 0);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
  return path;
}

GtkWidget *
rtes_gui_test_find_widget (GtkWidget       *root,
                           GType            type,
                           RtesWidgetMatch  match,
                           gpointer         data)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (match == NULL || match (root, data)))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = rtes_gui_test_find_widget (child, type, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
rtes_gui_test_label_is (GtkWidget *widget,
                        gpointer   data)
{
  return g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

gboolean
rtes_gui_test_title_is (GtkWidget *widget,
                        gpointer   data)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

gboolean
rtes_gui_test_text_is (GtkWidget *widget,
                       gpointer   data)
{
  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), data) == 0;
}

gboolean
rtes_gui_test_action_is (GtkWidget *widget,
                         gpointer   data)
{
  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

gboolean
rtes_gui_test_row_is_for (GtkWidget *widget,
                          gpointer   data)
{
  RtesFiche *fiche = rtes_fiche_row_get_fiche (RTES_FICHE_ROW (widget));

  return fiche != NULL && g_strcmp0 (rtes_fiche_get_id (fiche), data) == 0;
}

gboolean
rtes_gui_test_press_shortcut (GtkWidget       *widget,
                              guint            keyval,
                              GdkModifierType  mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, mods);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                 GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

static gboolean
nth (GtkWidget *widget,
     gpointer   data)
{
  guint *countdown = data;

  return (*countdown)-- == 0;
}

void
rtes_gui_test_take_theirs (GtkWidget *row)
{
  GtkWidget *mine = rtes_gui_test_find_widget (row, GTK_TYPE_TOGGLE_BUTTON, NULL, NULL);
  GtkWidget *theirs = rtes_gui_test_find_widget (row, GTK_TYPE_TOGGLE_BUTTON, nth, &(guint) { 1 });

  g_assert_nonnull (theirs);
  g_assert_null (rtes_gui_test_find_widget (row, GTK_TYPE_TOGGLE_BUTTON, nth, &(guint) { 2 }));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (mine)));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (theirs), TRUE);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (mine)));
}

static gboolean
is_apply (GtkWidget *widget,
          gpointer   data)
{
  /* Not an entry row's own apply button, which is suggested too. */
  return gtk_widget_has_css_class (widget, "conflict-apply");
}

void
rtes_gui_test_press_apply (GtkWidget *form)
{
  GtkWidget *button = rtes_gui_test_find_widget (form, GTK_TYPE_BUTTON, is_apply, NULL);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

gpointer
rtes_gui_test_find_window (GType      type,
                           GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          (parent == NULL || gtk_window_get_transient_for (window) == parent))
        return window;
    }
  return NULL;
}

AdwMessageDialog *
rtes_gui_test_find_dialog (GtkWindow *parent)
{
  return rtes_gui_test_find_window (ADW_TYPE_MESSAGE_DIALOG, parent);
}

GtkWindow *
rtes_gui_test_show_in_window (GtkWidget *widget,
                              int        width,
                              int        height)
{
  GtkWindow *window = GTK_WINDOW (adw_window_new ());

  gtk_window_set_default_size (window, width, height);
  adw_window_set_content (ADW_WINDOW (window), widget);
  gtk_window_present (window);
  rtes_gui_test_run_for (50);
  return window;
}

/* The sync controller comes with the library: tests of the Sync need
 * both. */
static gboolean
library_loaded (gpointer window)
{
  return rtes_window_get_library (window) != NULL && RTES_WINDOW (window)->sync != NULL;
}

RtesWindow *
rtes_gui_test_open_window (const char *dir,
                           int         width,
                           int         height)
{
  RtesWindow *window = rtes_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  rtes_window_open_library (window, dir);
  gtk_window_present (GTK_WINDOW (window));
  rtes_gui_test_wait_until (library_loaded, window, 10000, "the library");
  /* Tests do not wait two seconds for each autosave. */
  rtes_workspace_set_delays (rtes_window_get_workspace (window), 100, 300, 100);
  return window;
}

static gboolean
all_gone (gpointer data)
{
  GPtrArray *documents = data;

  for (guint i = 0; i < documents->len; i++)
    if (documents->pdata[i] != NULL)
      return FALSE;
  return TRUE;
}

void
rtes_gui_test_close_window (RtesWindow *window)
{
  /* Weak pointers: a journal write or a save in flight holds its
   * document, and must land before the teardown removes the library. */
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();
  GListModel *fiches = window != NULL ? G_LIST_MODEL (rtes_window_get_library (window)) : NULL;

  for (guint i = 0; fiches != NULL && i < g_list_model_get_n_items (fiches); i++)
    {
      g_autoptr(RtesFiche) fiche = g_list_model_get_item (fiches, i);
      RtesDocument *document = rtes_workspace_lookup (rtes_window_get_workspace (window),
                                                      rtes_fiche_get_id (fiche));

      if (document != NULL)
        g_ptr_array_add (documents, document);
    }
  for (guint i = 0; i < documents->len; i++)
    g_object_add_weak_pointer (documents->pdata[i], &documents->pdata[i]);
  if (window != NULL)
    {
      window->close_confirmed = TRUE;
      gtk_window_destroy (GTK_WINDOW (window));
    }
  rtes_gui_test_wait_until (all_gone, documents, 10000, "the documents' last writes");
  rtes_gui_test_run_for (50);
}

static gboolean
not_busy (gpointer window)
{
  return !rtes_window_is_busy (window);
}

void
rtes_gui_test_wait_not_busy (RtesWindow *window,
                             const char *what)
{
  rtes_gui_test_wait_until (not_busy, window, 20000, what);
}

RtesDocument *
rtes_gui_test_document_of (RtesWindow *window,
                           RtesFiche  *fiche)
{
  RtesDocument *document = rtes_workspace_lookup (rtes_window_get_workspace (window),
                                                  rtes_fiche_get_id (fiche));

  g_assert_nonnull (document);
  return document;
}

void
rtes_gui_test_type (GtkEditable *editable,
                    const char  *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      int position = (int) g_utf8_strlen (gtk_editable_get_text (editable), -1);
      char buf[8] = { 0 };

      g_unichar_to_utf8 (g_utf8_get_char (p), buf);
      gtk_editable_insert_text (editable, buf, -1, &position);
      g_main_context_iteration (NULL, FALSE);
    }
}
