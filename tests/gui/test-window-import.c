/* test-window-import.c: Import… in the window, a preview then a merge
 *
 * Issue 10, finding 2: Import… from the window over a library with local
 * edits overwrote a new contact and a new budget line, without a preview
 * or a question, and could not be undone. Here the import shows what it
 * will do, by fiche name, before writing anything; Cancel writes nothing;
 * Import keeps what was changed here, takes what the export changed, marks
 * the places changed on both sides, and is an undo step in the fiche.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rtes-document.h"
#include "rtes-fiche-editor.h"
#include "rtes-fiche-json.h"
#include "rtes-gui-widgets.h"
#include "rtes-gui-test.h"
#include "rtes-import-conflicts-dialog.h"
#include "rtes-import-preview-dialog.h"
#include "rtes-import-test-util.h"
#include "rtes-number-row.h"
#include "rtes-sidebar.h"
#include "rtes-test-util.h"
#include "rtes-window-private.h"

#define ID "ville-de-testbourg"

typedef struct
{
  char *dir;
  char *in;
  RtesWindow *window;
} Fixture;

static void
open_window (Fixture *f)
{
  f->window = rtes_gui_test_open_window (f->dir, 1100, 720);
  /* The first reading of the conflict records (in threads). */
  rtes_gui_test_run_for (200);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = rtes_test_make_tmpdir ("rtes-window-import");
  f->in = rtes_test_make_tmpdir ("rtes-window-import-in");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  rtes_gui_test_close_window (f->window);
  rtes_test_remove_tree (f->dir);
  rtes_test_remove_tree (f->in);
  g_free (f->dir);
  g_free (f->in);
}

static RtesImportPreviewDialog *
find_preview (void)
{
  return rtes_gui_test_find_window (RTES_TYPE_IMPORT_PREVIEW_DIALOG, NULL);
}

static gboolean
preview_open (gpointer data)
{
  return find_preview () != NULL;
}

static RtesImportPreviewDialog *
import_and_preview (Fixture    *f,
                    const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  rtes_window_import (f->window, file);
  g_assert_true (rtes_window_is_busy (f->window));
  rtes_gui_test_wait_until (preview_open, NULL, 20000, "the import preview");
  g_assert_false (rtes_window_is_busy (f->window));
  return find_preview ();
}

static gboolean
is_suggested (GtkWidget *widget,
              gpointer   data)
{
  return gtk_widget_has_css_class (widget, "suggested-action");
}

static void
confirm (Fixture                 *f,
         RtesImportPreviewDialog *dialog)
{
  GtkWidget *button = rtes_gui_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, is_suggested, NULL);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  /* "clicked", not "activate": a button's activation waits for its
   * pressed look to end. */
  g_signal_emit_by_name (button, "clicked");
  rtes_gui_test_wait_not_busy (f->window, "the import");
  g_assert_null (find_preview ());
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  return rtes_gui_test_find_widget (root, ADW_TYPE_PREFERENCES_ROW, rtes_gui_test_title_is, (gpointer) title);
}

/* ---- the region sample: preview, cancel, confirm ---- */

static void
test_sample_preview (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *sample = rtes_test_shared_export ("bourgogne-franche-comte.txt");
  g_autoptr(GHashTable) before = NULL;
  RtesImportPreviewDialog *dialog;

  if (sample == NULL)
    return;
  open_window (f);

  /* Cancel writes nothing at all. */
  before = rtes_test_snapshot_tree (f->dir);
  dialog = import_and_preview (f, sample);
  g_assert_nonnull (find_row (GTK_WIDGET (dialog), "Dijon Métropole"));
  rtes_gui_test_screenshot (GTK_WIDGET (dialog), "import-preview-new");
  gtk_window_close (GTK_WINDOW (dialog));
  rtes_gui_test_run_for (100);
  rtes_test_assert_tree_unchanged (before, f->dir);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rtes_window_get_library (f->window))), ==, 0);

  /* Import writes the six fiches of the region, by name in the list. */
  dialog = import_and_preview (f, sample);
  confirm (f, dialog);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rtes_window_get_library (f->window))), ==, 6);
  g_assert_cmpuint (g_list_model_get_n_items (rtes_sidebar_get_model (f->window->sidebar)), ==, 6);
  g_assert_nonnull (rtes_window_get_fiche (f->window));
  rtes_sidebar_set_search_text (f->window->sidebar, "gaelle journot");
  g_assert_cmpuint (g_list_model_get_n_items (rtes_sidebar_get_model (f->window->sidebar)), ==, 1);
  rtes_sidebar_set_search_text (f->window->sidebar, "");
  g_assert_nonnull (f->window->import_report);
  g_assert_nonnull (strstr (f->window->import_report, "Dijon Métropole (dijon-metropole)"));
  rtes_gui_test_screenshot (GTK_WIDGET (f->window), "imported");

  /* The same export again: nothing to import, nothing written. */
  g_clear_pointer (&before, g_hash_table_unref);
  before = rtes_test_snapshot_tree (f->dir);
  {
    g_autoptr(GFile) file = g_file_new_for_path (sample);

    rtes_window_import (f->window, file);
    rtes_gui_test_wait_not_busy (f->window, "the second import");
    rtes_gui_test_run_for (100);
    g_assert_null (find_preview ());
  }
  rtes_test_assert_tree_unchanged (before, f->dir);
}

/* ---- the finding ---- */

static gboolean
banner_shown (gpointer data)
{
  Fixture *f = data;

  return gtk_revealer_get_reveal_child (f->window->sync_revealer);
}

static gboolean
banner_hidden (gpointer data)
{
  return !banner_shown (data);
}

static RtesImportConflictsDialog *
find_conflicts_dialog (void)
{
  return rtes_gui_test_find_window (RTES_TYPE_IMPORT_CONFLICTS_DIALOG, NULL);
}

static gboolean
conflicts_dialog_closed (gpointer data)
{
  return find_conflicts_dialog () == NULL;
}

static gboolean
view_has_conflicts (gpointer data)
{
  return rtes_conflict_view_get_n_conflicts (data) > 0;
}

static gboolean
journal_gone (gpointer data)
{
  Fixture *f = data;
  g_autofree char *journal = g_build_filename (f->dir, ".rtes-fiches", "recovery", ID ".json", NULL);

  return !g_file_test (journal, G_FILE_TEST_EXISTS);
}

static void
test_keeps_local_edits (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *v1 = rtes_test_write_export (f->in, "v1.txt", NULL);
  g_autofree char *v2 = NULL;
  g_autofree char *path = g_build_filename (f->dir, ID ".json", NULL);
  g_autoptr(RtesContact) contact = rtes_contact_new ();
  g_autoptr(RtesBudgetLine) line = rtes_budget_line_new ();
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *alice = NULL;
  RtesImportPreviewDialog *dialog;
  RtesFiche *fiche;
  GtkWidget *conflict_row;
  RtesConflictView *view;
  GtkWidget *form, *population;

  /* Imported once, as the staff did. */
  {
    g_autoptr(RtesLibrary) library = rtes_library_open (f->dir, &error);

    g_assert_no_error (error);
    import_test_import (library, v1);
  }
  v2 = rtes_test_write_export (f->in, "v2.txt", "Recyclerie.", "Recyclerie et épicerie solidaire.",
                               "8 000", "8 200", NULL);

  open_window (f);
  fiche = rtes_library_lookup (rtes_window_get_library (f->window), ID);
  rtes_window_show_fiche (f->window, fiche);

  /* Edits in the window: a contact, a budget line, the programme and the
   * population; not saved yet (the import saves them first). */
  rtes_contact_set_role (contact, "Chargée de mission");
  rtes_contact_set_name (contact, "Alice Martin");
  g_list_store_append (rtes_fiche_get_contacts (fiche), contact);
  rtes_budget_line_set_amount (line, 5000);
  rtes_budget_line_set_section (line, "investissement");
  rtes_budget_line_set_label (line, "Tiers-lieu");
  g_list_store_append (rtes_fiche_get_budget_lines (fiche), line);
  rtes_fiche_set_programme (fiche, "Soutien aux associations et aux tiers-lieux.");
  rtes_fiche_set_population (fiche, 8100);
  g_assert_true (rtes_document_get_modified (rtes_workspace_get_document (rtes_window_get_workspace (f->window), fiche)));

  /* The preview, by name, with the conflict highlighted; Cancel writes
   * nothing (the edits were saved before the preview, as they were). */
  dialog = import_and_preview (f, v2);
  /* The saved edits need no journal any more: it goes, off the main loop. */
  rtes_gui_test_wait_until (journal_gone, f, 5000, "the journal of the saved edits removed");
  before = rtes_test_snapshot_tree (f->dir);
  g_assert_nonnull (find_row (GTK_WIDGET (dialog), "Ville de Testbourg"));
  conflict_row = find_row (GTK_WIDGET (dialog), "Population");
  g_assert_nonnull (conflict_row);
  g_assert_true (gtk_widget_has_css_class (conflict_row, "rtes-import-conflict"));
  /* The place's name as the person reads it, in the test's language. */
  alice = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "Contact “%s”"), "Alice Martin, Chargée de mission");
  g_assert_nonnull (find_row (GTK_WIDGET (dialog), alice));
  rtes_gui_test_screenshot (GTK_WIDGET (dialog), "import-preview");
  gtk_window_close (GTK_WINDOW (dialog));
  rtes_gui_test_run_for (100);
  rtes_test_assert_tree_unchanged (before, f->dir);
  g_assert_cmpstr (rtes_fiche_get_actions (fiche), ==, "Recyclerie.");

  /* Import: into the same fiche object, which the editor keeps. */
  dialog = import_and_preview (f, v2);
  confirm (f, dialog);
  g_assert_true (rtes_library_lookup (rtes_window_get_library (f->window), ID) == fiche);
  g_assert_true (rtes_window_get_fiche (f->window) == fiche);
  g_assert_cmpstr (rtes_fiche_get_actions (fiche), ==, "Recyclerie et épicerie solidaire.");
  g_assert_cmpstr (rtes_fiche_get_programme (fiche), ==, "Soutien aux associations et aux tiers-lieux.");
  g_assert_cmpint (rtes_fiche_get_population (fiche), ==, 8100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rtes_fiche_get_contacts (fiche))), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche))), ==, 2);
  g_assert_true (rtes_gui_test_file_contains (path, "Recyclerie et épicerie solidaire."));
  g_assert_true (rtes_gui_test_file_contains (path, "Alice Martin"));
  g_assert_true (rtes_gui_test_file_contains (path, "\"population\": 8100,"));

  /* Marked like a sync conflict: the badge's state and the banner. */
  rtes_gui_test_wait_until (banner_shown, f, 5000, "the conflict banner");
  g_assert_true (rtes_document_get_in_conflict (rtes_workspace_get_document (rtes_window_get_workspace (f->window), fiche)));
  g_assert_nonnull (strstr (gtk_label_get_label (f->window->sync_banner_label), "import"));
  rtes_gui_test_screenshot (GTK_WIDGET (f->window), "import-conflict");

  /* One undo step takes the import back, and redo brings it again. */
  g_assert_true (rtes_document_undo (rtes_window_get_document (f->window)));
  g_assert_cmpstr (rtes_fiche_get_actions (fiche), ==, "Recyclerie.");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rtes_fiche_get_contacts (fiche))), ==, 2);
  g_assert_true (rtes_document_redo (rtes_window_get_document (f->window)));
  g_assert_cmpstr (rtes_fiche_get_actions (fiche), ==, "Recyclerie et épicerie solidaire.");

  /* The export's population, chosen in the conflicts dialog: the sync's
   * forms, "In the Export / Here". */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.resolve-conflicts", NULL));
  g_assert_nonnull (find_conflicts_dialog ());
  view = rtes_import_conflicts_dialog_get_view (find_conflicts_dialog ());
  rtes_gui_test_wait_until (view_has_conflicts, view, 5000, "the conflicts shown");
  form = rtes_gui_test_find_widget (GTK_WIDGET (view), RTES_TYPE_CONFLICT_FORM, NULL, NULL);
  g_assert_nonnull (form);
  g_assert_nonnull (rtes_gui_test_find_widget (form, GTK_TYPE_LABEL, rtes_gui_test_label_is,
                                               (gpointer) C_("conflict column", "In the Export")));
  g_assert_nonnull (rtes_gui_test_find_widget (form, GTK_TYPE_LABEL, rtes_gui_test_label_is, (gpointer) "8\u202f200"));
  rtes_gui_test_screenshot (GTK_WIDGET (find_conflicts_dialog ()), "import-conflicts");
  population = rtes_gui_test_find_widget (form, RTES_TYPE_NUMBER_ROW, NULL, NULL);
  g_assert_nonnull (population);
  rtes_gui_test_take_theirs (population);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (population)), ==, "8\u202f200");
  rtes_gui_test_press_apply (form);
  rtes_gui_test_wait_until (conflicts_dialog_closed, NULL, 5000, "the conflict resolved");
  g_assert_cmpint (rtes_fiche_get_population (fiche), ==, 8200);
  g_assert_true (rtes_gui_test_file_contains (path, "\"population\": 8200,"));
  rtes_gui_test_wait_until (banner_hidden, f, 5000, "the banner gone");
  g_assert_false (rtes_document_get_in_conflict (rtes_workspace_get_document (rtes_window_get_workspace (f->window), fiche)));
}

/* ---- an import into the fiche on screen, undone from the toast ---- */
static gboolean
file_has_new_actions (gpointer path)
{
  return rtes_gui_test_file_contains (path, "Recyclerie et ressourcerie.");
}

static gboolean
file_has_old_actions (gpointer path)
{
  return rtes_gui_test_file_contains (path, "\"actions\": \"Recyclerie.\"");
}

static void
test_import_into_shown (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *v1 = rtes_test_write_export (f->in, "v1.txt", NULL);
  g_autofree char *v2 = NULL;
  g_autofree char *path = g_build_filename (f->dir, ID ".json", NULL);
  g_autoptr(GError) error = NULL;
  RtesFiche *shown;
  guint group;

  {
    g_autoptr(RtesLibrary) library = rtes_library_open (f->dir, &error);

    g_assert_no_error (error);
    import_test_import (library, v1);
  }
  v2 = rtes_test_write_export (f->in, "v2.txt", "Recyclerie.", "Recyclerie et ressourcerie.", NULL);

  open_window (f);
  shown = rtes_library_lookup (rtes_window_get_library (f->window), ID);
  rtes_window_show_fiche (f->window, shown);
  confirm (f, import_and_preview (f, v2));

  /* The same object, in the window, the library and the editor. */
  g_assert_true (rtes_window_get_fiche (f->window) == shown);
  g_assert_true (rtes_library_lookup (rtes_window_get_library (f->window), ID) == shown);
  g_assert_true (rtes_fiche_editor_get_fiche (RTES_FICHE_EDITOR (f->window->editor)) == shown);
  g_assert_cmpstr (rtes_fiche_get_actions (shown), ==, "Recyclerie et ressourcerie.");
  rtes_gui_test_wait_until (file_has_new_actions, path, 5000, "the import saved");

  /* The toast's Undo takes the whole import back, in the file too. */
  group = f->window->import_group;
  g_assert_cmpuint (group, !=, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-import", "u", group));
  g_assert_cmpstr (rtes_fiche_get_actions (shown), ==, "Recyclerie.");
  rtes_gui_test_wait_until (file_has_old_actions, path, 5000, "the file back as it was");
}

int
main (int   argc,
      char *argv[])
{
  rtes_gui_test_init (&argc, &argv);

  g_test_add ("/gui/import/sample-preview", Fixture, NULL, fixture_setup, test_sample_preview, fixture_teardown);
  g_test_add ("/gui/import/into-shown", Fixture, NULL, fixture_setup, test_import_into_shown, fixture_teardown);
  g_test_add ("/gui/import/keeps-local-edits", Fixture, NULL, fixture_setup, test_keeps_local_edits,
              fixture_teardown);

  return g_test_run ();
}
