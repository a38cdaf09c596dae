/* test-history-dialog.c: the History dialog of a fiche and "Fiches supprimées"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialogs on a real library, its history and a document: revisions
 * listed, a field and a whole version restored as one undoable step that
 * is itself a revision, a deleted fiche brought back with its history.
 * Screenshots in French go to <build>/tests/gui/screenshots/.
 */
#include "config.h"

#include <adwaita.h>

#include "rtes-deleted-dialog.h"
#include "rtes-fiche-json.h"
#include "rtes-gui-widgets.h"
#include "rtes-gui-test.h"
#include "rtes-history.h"
#include "rtes-history-dialog.h"
#include "rtes-library.h"
#include "rtes-test-util.h"
#include "rtes-window-private.h"
#include "rtes-workspace.h"

typedef struct
{
  char *dir;
  RtesLibrary *library;
  RtesWorkspace *workspace;
  RtesDocument *document;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RtesFiche) fiche = rtes_gui_test_make_fiche ("belcombe", "Ville de Belcombe");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  rtes_fiche_set_population (fiche, 1000);
  f->dir = rtes_test_make_tmpdir ("history-dialog");
  path = rtes_gui_test_write_fiche (f->dir, fiche);
  f->library = rtes_library_open (f->dir, &error);
  g_assert_no_error (error);
  rtes_history_set_author (rtes_library_get_history (f->library), "Alice Martin");
  g_assert_cmpuint (rtes_history_scan (rtes_library_get_history (f->library), rtes_library_get_dir (f->library),
                                       NULL, &error), ==, 1);
  g_assert_no_error (error);
  f->workspace = rtes_workspace_new (f->library);
  rtes_workspace_set_delays (f->workspace, 10, 100, 100);
  f->document = g_object_ref (rtes_workspace_get_document (f->workspace,
                                                           rtes_library_lookup (f->library, "belcombe")));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->workspace);
  g_clear_object (&f->document);
  g_clear_object (&f->library);
  rtes_gui_test_run_for (50);
  if (!g_test_failed ())
    rtes_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gboolean
document_saved (gpointer data)
{
  Fixture *f = data;

  return !rtes_document_get_modified (f->document) && !rtes_document_get_saving (f->document);
}

/* The person types a new population and a new panorama, and saves. */
static void
edit_and_save (Fixture    *f,
               gint64      population,
               const char *panorama)
{
  g_autoptr(RtesFiche) content = rtes_fiche_copy (rtes_document_get_fiche (f->document));

  rtes_fiche_set_population (content, population);
  if (panorama != NULL)
    rtes_fiche_set_panorama (content, panorama);
  g_assert_true (rtes_document_apply (f->document, content, RTES_CHANGE_ORIGIN_TYPED, "Edit"));
  rtes_document_save_async (f->document, NULL, NULL, NULL);
  rtes_gui_test_wait_until (document_saved, f, 10000, "the save");
}

static RtesRevision *
last_revision (Fixture *f)
{
  RtesHistory *history = rtes_library_get_history (f->library);
  g_autoptr(GError) error = NULL;
  RtesRevision *revision = rtes_history_lookup (history, "belcombe",
                                                rtes_history_get_last (history, "belcombe", NULL), &error);

  g_assert_no_error (error);
  return revision;
}

typedef struct
{
  RtesHistoryDialog *dialog;
  guint n;
} Count;

static gboolean
dialog_lists (gpointer data)
{
  Count *count = data;

  return rtes_history_dialog_get_n_revisions (count->dialog) == count->n;
}

static void
test_list_and_restore (Fixture       *f,
                       gconstpointer  data)
{
  RtesHistoryDialog *dialog;
  g_autoptr(RtesRevision) restored = NULL;
  AdwExpanderRow *row;
  Count count;

  edit_and_save (f, 2000, "Une commune rurale au bord de la Saône, membre du réseau depuis sa création, qui soutient les tiers-lieux.");
  edit_and_save (f, 3000, "Une commune rurale au bord de la Saône, membre active du réseau depuis sa création, qui soutient les recycleries.");

  dialog = rtes_history_dialog_new (NULL, f->document);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 760, 720);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpuint (rtes_history_dialog_get_n_revisions (dialog), ==, 3);

  /* The newest revision, opened: what it changed, word by word. */
  row = ADW_EXPANDER_ROW (rtes_gui_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_EXPANDER_ROW, NULL, NULL));
  g_assert_nonnull (row);
  adw_expander_row_set_expanded (row, TRUE);
  rtes_gui_test_run_for (300);
  g_free (rtes_gui_test_screenshot (GTK_WIDGET (dialog), "history-dialog"));

  /* The second revision, read-only. */
  {
    GtkWindow *view = rtes_history_dialog_view (dialog, 2);

    g_assert_nonnull (view);
    g_assert_null (rtes_gui_test_find_widget (GTK_WIDGET (view), GTK_TYPE_EDITABLE, NULL, NULL));
    g_assert_nonnull (rtes_gui_test_find_widget (GTK_WIDGET (view), ADW_TYPE_ACTION_ROW, NULL, NULL));
    rtes_gui_test_run_for (300);
    g_free (rtes_gui_test_screenshot (GTK_WIDGET (view), "history-view"));
    gtk_window_destroy (view);
  }

  /* One field, as it was before the last revision. */
  g_assert_true (rtes_history_dialog_restore (dialog, 2, "population"));
  g_assert_cmpint (rtes_fiche_get_population (rtes_document_get_fiche (f->document)), ==, 2000);
  g_assert_true (rtes_document_get_can_undo (f->document));
  rtes_gui_test_wait_until (document_saved, f, 10000, "the restore's save");
  count = (Count) { dialog, 4 };
  rtes_gui_test_wait_until (dialog_lists, &count, 10000, "the restore listed");
  restored = last_revision (f);
  g_assert_cmpint (rtes_revision_get_origin (restored), ==, RTES_CHANGE_ORIGIN_RESTORE);
  g_assert_cmpstr (rtes_revision_get_detail (restored), ==, "2");
  g_assert_cmpstr (rtes_revision_get_author (restored), ==, "Alice Martin");
  /* Only that field: the panorama stays the newest. */
  g_assert_true (g_str_has_suffix (rtes_fiche_get_panorama (rtes_document_get_fiche (f->document)), "recycleries."));

  /* Undone like any edit. */
  g_assert_true (rtes_document_undo (f->document));
  g_assert_cmpint (rtes_fiche_get_population (rtes_document_get_fiche (f->document)), ==, 3000);
  rtes_document_save_async (f->document, NULL, NULL, NULL);
  rtes_gui_test_wait_until (document_saved, f, 10000, "the undo's save");

  /* The whole fiche as it first was. */
  g_assert_true (rtes_history_dialog_restore (dialog, 1, NULL));
  g_assert_cmpint (rtes_fiche_get_population (rtes_document_get_fiche (f->document)), ==, 1000);
  g_assert_false (g_str_has_suffix (rtes_fiche_get_panorama (rtes_document_get_fiche (f->document)), "recycleries."));
  rtes_gui_test_wait_until (document_saved, f, 10000, "the restore's save");
  g_clear_object (&restored);
  restored = last_revision (f);
  g_assert_cmpint (rtes_revision_get_origin (restored), ==, RTES_CHANGE_ORIGIN_RESTORE);
  g_assert_cmpstr (rtes_revision_get_detail (restored), ==, "1");

  /* Nothing to do: no step, no revision. */
  g_assert_false (rtes_history_dialog_restore (dialog, 1, NULL));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A button of @action whose target is @target (GVariant text). */
typedef struct
{
  const char *action;
  const char *type;
  const char *target;
} Target;

static gboolean
target_is (GtkWidget *widget,
           gpointer   data)
{
  const Target *want = data;
  GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  g_autoptr(GVariant) expected = g_variant_parse (G_VARIANT_TYPE (want->type), want->target, NULL, NULL, NULL);

  return rtes_gui_test_action_is (widget, (gpointer) want->action) &&
         target != NULL && g_variant_equal (target, expected);
}

static void
expand_all (GtkWidget *root)
{
  if (ADW_IS_EXPANDER_ROW (root))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (root), TRUE);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    expand_all (child);
}

static void
click (GtkWidget    *root,
       const Target *target)
{
  GtkWidget *button = rtes_gui_test_find_widget (root, GTK_TYPE_BUTTON, target_is, (gpointer) target);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* What the person clicks: the buttons reach the dialog's actions with
 * their revision and field. */
static void
test_buttons (Fixture       *f,
              gconstpointer  data)
{
  static const Target view_2 = { "history.view", "u", "2" };
  static const Target put_back_population = { "history.restore", "(ums)", "(2, just 'population')" };
  static const Target restore_1 = { "history.restore", "(ums)", "(1, nothing)" };
  RtesHistoryDialog *dialog;
  GtkWindow *view;

  edit_and_save (f, 2000, NULL);
  edit_and_save (f, 3000, "Membre active du réseau.");
  dialog = rtes_history_dialog_new (NULL, f->document);
  gtk_window_present (GTK_WINDOW (dialog));
  expand_all (GTK_WIDGET (dialog));
  rtes_gui_test_run_for (100);

  click (GTK_WIDGET (dialog), &view_2);
  view = rtes_gui_test_find_window (ADW_TYPE_WINDOW, GTK_WINDOW (dialog));
  g_assert_nonnull (view);
  gtk_window_destroy (view);

  /* That field only: the panorama stays the newest. */
  click (GTK_WIDGET (dialog), &put_back_population);
  g_assert_cmpint (rtes_fiche_get_population (rtes_document_get_fiche (f->document)), ==, 2000);
  g_assert_cmpstr (rtes_fiche_get_panorama (rtes_document_get_fiche (f->document)), ==, "Membre active du réseau.");
  rtes_gui_test_wait_until (document_saved, f, 10000, "the restore's save");

  /* The list is made again after the save: the oldest version's button anew. */
  expand_all (GTK_WIDGET (dialog));
  rtes_gui_test_run_for (100);
  click (GTK_WIDGET (dialog), &restore_1);
  g_assert_cmpint (rtes_fiche_get_population (rtes_document_get_fiche (f->document)), ==, 1000);
  rtes_gui_test_wait_until (document_saved, f, 10000, "the restore's save");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_deleted (Fixture       *f,
              gconstpointer  data)
{
  RtesHistory *history = rtes_library_get_history (f->library);
  RtesDeletedDialog *dialog;
  g_autoptr(RtesRevision) revision = NULL;
  g_autoptr(GError) error = NULL;
  guint before;
  RtesFiche *back;

  edit_and_save (f, 2500, NULL);
  before = rtes_history_get_last (history, "belcombe", NULL);
  rtes_workspace_close (f->workspace, f->document);
  g_clear_object (&f->document);
  g_assert_true (rtes_library_delete (f->library, rtes_library_lookup (f->library, "belcombe"), &error));
  g_assert_no_error (error);
  g_assert_null (rtes_library_lookup (f->library, "belcombe"));

  dialog = rtes_deleted_dialog_new (NULL, f->library);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 600, 400);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpuint (rtes_deleted_dialog_get_n_fiches (dialog), ==, 1);
  rtes_gui_test_run_for (300);
  g_free (rtes_gui_test_screenshot (GTK_WIDGET (dialog), "deleted-dialog"));

  /* Its Restore button, as the person clicks it. */
  click (GTK_WIDGET (dialog), &(Target) { "deleted.restore", "s", "'belcombe'" });
  back = rtes_library_lookup (f->library, "belcombe");
  g_assert_nonnull (back);
  g_assert_cmpint (rtes_fiche_get_population (back), ==, 2500);
  g_assert_cmpuint (rtes_deleted_dialog_get_n_fiches (dialog), ==, 0);

  /* Its history goes on: the deletion, then the restore. */
  g_assert_cmpuint (rtes_history_get_last (history, "belcombe", NULL), ==, before + 2);
  revision = rtes_history_lookup (history, "belcombe", before + 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rtes_revision_get_origin (revision), ==, RTES_CHANGE_ORIGIN_RESTORE);
  {
    g_autofree char *number = g_strdup_printf ("%u", before);

    /* It names the version it put back: the one before the deletion. */
    g_assert_cmpstr (rtes_revision_get_detail (revision), ==, number);
  }

  /* Once back, it is not listed; a second restore is refused. */
  g_assert_false (rtes_deleted_dialog_restore (dialog, "belcombe"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

typedef struct
{
  RtesWindow *window;
  guint last;
} Scan;

static gboolean
window_history_scanned (gpointer data)
{
  Scan *scan = data;
  RtesHistory *history = rtes_library_get_history (rtes_window_get_library (scan->window));

  return rtes_history_get_last (history, "belcombe", NULL) == scan->last;
}

/* The window records what changed while it was closed, takes the author
 * from Preferences, and opens a fiche's history with Ctrl+H's action. */
static void
test_window (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RtesFiche) outside = rtes_fiche_copy (rtes_document_get_fiche (f->document));
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(RtesRevision) revision = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  RtesHistory *history;
  GtkWindow *dialog;
  Scan scan;

  /* Someone else's edit, while the application is closed (no watcher of
   * the fixture's workspace sees it). */
  g_clear_object (&f->workspace);
  g_clear_object (&f->document);
  g_clear_object (&f->library);
  rtes_gui_test_run_for (50);
  rtes_fiche_set_population (outside, 4242);
  path = rtes_gui_test_write_fiche (f->dir, outside);

  scan.window = rtes_gui_test_open_window (f->dir, 1100, 720);
  scan.last = 2;
  rtes_gui_test_wait_until (window_history_scanned, &scan, 10000, "the scan of the library");
  history = rtes_library_get_history (rtes_window_get_library (scan.window));
  revision = rtes_history_lookup (history, "belcombe", 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rtes_revision_get_origin (revision), ==, RTES_CHANGE_ORIGIN_DISK);

  g_settings_set_string (settings, "author-name", "Bénédicte Roy");
  g_assert_cmpstr (rtes_history_get_author (history), ==, "Bénédicte Roy");
  g_settings_reset (settings, "author-name");
  g_assert_cmpstr (rtes_history_get_author (history), !=, "Bénédicte Roy");

  rtes_window_show_fiche (scan.window, rtes_library_lookup (rtes_window_get_library (scan.window), "belcombe"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (scan.window), "win.history", NULL));
  dialog = rtes_gui_test_find_window (RTES_TYPE_HISTORY_DIALOG, NULL);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (rtes_history_dialog_get_n_revisions (RTES_HISTORY_DIALOG (dialog)), ==, 2);
  gtk_window_destroy (dialog);

  rtes_gui_test_close_window (scan.window);
}

int
main (int   argc,
      char *argv[])
{
  rtes_gui_test_init (&argc, &argv);

  g_test_add ("/gui/history/list-and-restore", Fixture, NULL, fixture_setup, test_list_and_restore, fixture_teardown);
  g_test_add ("/gui/history/buttons", Fixture, NULL, fixture_setup, test_buttons, fixture_teardown);
  g_test_add ("/gui/history/deleted", Fixture, NULL, fixture_setup, test_deleted, fixture_teardown);
  g_test_add ("/gui/history/window", Fixture, NULL, fixture_setup, test_window, fixture_teardown);
  return g_test_run ();
}
