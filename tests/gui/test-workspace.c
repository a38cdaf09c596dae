/* test-workspace.c: undo history, recovery journal, autosave and outside
 * changes, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "rtes-fiche-assign.h"
#include "rtes-fiche-history.h"
#include "rtes-fiche-json.h"
#include "rtes-gui-test.h"
#include "rtes-recovery.h"
#include "rtes-test-util.h"
#include "rtes-workspace.h"

/* A clock the tests move by hand, to make pauses in typing. */
static gint64 fake_now;

static gint64
fake_clock (void)
{
  return fake_now;
}

static void
type_text (RtesFiche  *fiche,
           const char *text)
{
  g_autoptr(GString) name = g_string_new (rtes_fiche_get_name (fiche));

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      g_string_append_unichar (name, g_utf8_get_char (p));
      rtes_fiche_set_name (fiche, name->str);
      fake_now += 100 * 1000;   /* 100 ms between keys */
    }
}

static void
test_history_groups_words (void)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("test", "");
  g_autoptr(RtesFicheHistory) history = NULL;

  rtes_fiche_set_name (fiche, "Ville");
  history = rtes_fiche_history_new (fiche);
  rtes_fiche_history_set_clock (history, fake_clock);
  g_assert_false (rtes_fiche_history_can_undo (history));

  type_text (fiche, " de Belcombe");
  g_assert_cmpstr (rtes_fiche_get_name (fiche), ==, "Ville de Belcombe");

  /* Words, not keystrokes: " ", "de ", "Belcombe". */
  g_assert_true (rtes_fiche_history_undo (history));
  g_assert_cmpstr (rtes_fiche_get_name (fiche), ==, "Ville de ");
  g_assert_true (rtes_fiche_history_undo (history));
  g_assert_cmpstr (rtes_fiche_get_name (fiche), ==, "Ville ");
  g_assert_true (rtes_fiche_history_undo (history));
  g_assert_cmpstr (rtes_fiche_get_name (fiche), ==, "Ville");
  g_assert_false (rtes_fiche_history_can_undo (history));

  g_assert_true (rtes_fiche_history_redo (history));
  g_assert_true (rtes_fiche_history_redo (history));
  g_assert_true (rtes_fiche_history_redo (history));
  g_assert_cmpstr (rtes_fiche_get_name (fiche), ==, "Ville de Belcombe");
  g_assert_false (rtes_fiche_history_can_redo (history));
}

static void
test_history_pause_splits (void)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("test", "");
  g_autoptr(RtesFicheHistory) history = NULL;

  history = rtes_fiche_history_new (fiche);
  rtes_fiche_history_set_clock (history, fake_clock);

  type_text (fiche, "Bel");
  fake_now += 3 * G_USEC_PER_SEC;
  type_text (fiche, "combe");

  g_assert_true (rtes_fiche_history_undo (history));
  g_assert_cmpstr (rtes_fiche_get_name (fiche), ==, "Bel");
  g_assert_true (rtes_fiche_history_undo (history));
  g_assert_cmpstr (rtes_fiche_get_name (fiche), ==, "");
}

static void
test_history_all_fields (void)
{
  g_autoptr(RtesFiche) fiche = rtes_gui_test_make_fiche ("test", "Test");
  g_autoptr(RtesFicheHistory) history = rtes_fiche_history_new (fiche);
  g_autoptr(RtesContact) contact = rtes_contact_new ();
  g_autoptr(RtesBudgetLine) line = NULL;
  g_autofree char *start = rtes_fiche_to_data (fiche, NULL);
  g_autofree char *end = NULL;
  RtesFiche *same = fiche;

  rtes_contact_set_name (contact, "Dominique Durand");
  g_list_store_append (rtes_fiche_get_contacts (fiche), contact);
  line = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche)), 0);
  rtes_budget_line_set_amount (line, 6100000);
  rtes_fiche_set_region (fiche, "Occitanie");
  rtes_fiche_set_panorama (fiche, "Tout autre chose.");
  end = rtes_fiche_to_data (fiche, NULL);

  /* Four separate steps (none of them typing), undone in order. */
  g_assert_true (rtes_fiche_history_undo (history));
  g_assert_cmpstr (rtes_fiche_get_panorama (fiche), ==, "Un panorama de l'ESS.");
  g_assert_true (rtes_fiche_history_undo (history));
  g_assert_cmpstr (rtes_fiche_get_region (fiche), ==, "Bretagne");
  g_assert_true (rtes_fiche_history_undo (history));
  {
    g_autoptr(RtesBudgetLine) now = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche)), 0);
    g_assert_cmpfloat (rtes_budget_line_get_amount (now), ==, 10000);
  }
  g_assert_true (rtes_fiche_history_undo (history));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rtes_fiche_get_contacts (fiche))), ==, 1);
  g_assert_false (rtes_fiche_history_can_undo (history));
  {
    g_autofree char *now = rtes_fiche_to_data (fiche, NULL);
    g_assert_cmpstr (now, ==, start);
  }

  while (rtes_fiche_history_redo (history))
    ;
  {
    g_autofree char *now = rtes_fiche_to_data (fiche, NULL);
    g_assert_cmpstr (now, ==, end);
  }
  /* Applied to the object the widgets are bound to, not a new one. */
  g_assert_true (same == rtes_fiche_history_get_fiche (history));
}

static void
test_history_date_goes_with_edit (void)
{
  g_autoptr(RtesFiche) fiche = rtes_gui_test_make_fiche ("test", "Test");
  g_autoptr(RtesFicheHistory) history = rtes_fiche_history_new (fiche);

  rtes_fiche_history_set_clock (history, fake_clock);
  /* What the editor does: the edit, then today's date, at once. */
  rtes_fiche_set_city (fiche, "Dijon");
  rtes_fiche_set_updated (fiche, "2026-01-02");
  g_assert_true (rtes_fiche_history_undo (history));
  g_assert_cmpstr (rtes_fiche_get_city (fiche), ==, "Rennes");
  g_assert_cmpstr (rtes_fiche_get_updated (fiche), ==, "2024-01-15");
  g_assert_false (rtes_fiche_history_can_undo (history));

  /* A date the person sets later is a step of its own. */
  g_assert_true (rtes_fiche_history_redo (history));
  fake_now += 5 * G_USEC_PER_SEC;
  rtes_fiche_set_updated (fiche, "2026-02-03");
  g_assert_true (rtes_fiche_history_undo (history));
  g_assert_cmpstr (rtes_fiche_get_updated (fiche), ==, "2026-01-02");
  g_assert_cmpstr (rtes_fiche_get_city (fiche), ==, "Dijon");
}

static void
test_assign_round_trip (void)
{
  g_autoptr(RtesFiche) src = rtes_gui_test_make_fiche ("same", "Source");
  g_autoptr(RtesFiche) dest = rtes_fiche_new ("same", "Destination");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  JsonObject *extra;

  extra = rtes_fiche_get_extra (src);
  json_object_set_string_member (extra, "future_member", "kept");

  rtes_fiche_assign (dest, src);
  a = rtes_fiche_to_data (src, NULL);
  b = rtes_fiche_to_data (dest, NULL);
  g_assert_cmpstr (a, ==, b);
  g_assert_true (rtes_fiche_equal (src, dest));
}

/* Workspace ------------------------------------------------------------ */

typedef struct
{
  char *dir;
  RtesLibrary *library;
  RtesWorkspace *workspace;
  RtesFiche *fiche;
  char *path;
  char *journal;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RtesFiche) fiche = rtes_gui_test_make_fiche ("belcombe", "Ville de Belcombe");
  g_autoptr(GError) error = NULL;

  f->dir = rtes_test_make_tmpdir ("rtes-workspace");
  f->path = rtes_gui_test_write_fiche (f->dir, fiche);
  f->library = rtes_library_open (f->dir, &error);
  g_assert_no_error (error);
  f->workspace = rtes_workspace_new (f->library);
  rtes_workspace_set_delays (f->workspace, 100, 300, 100);
  f->fiche = rtes_library_lookup (f->library, "belcombe");
  g_assert_nonnull (f->fiche);
  f->journal = g_build_filename (f->dir, ".rtes-fiches", "recovery", "belcombe.json", NULL);
  rtes_workspace_open (f->workspace, f->fiche);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->workspace);
  g_clear_object (&f->library);
  rtes_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->journal);
}

static gboolean
path_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
path_gone (gpointer path)
{
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
fiche_saved (gpointer data)
{
  Fixture *f = data;

  return !rtes_workspace_is_modified (f->workspace, f->fiche);
}

static gboolean
has_conflict (gpointer data)
{
  Fixture *f = data;

  return rtes_workspace_has_conflict (f->workspace, f->fiche);
}

static void
test_autosave (Fixture       *f,
               gconstpointer  data)
{
  rtes_fiche_set_city (f->fiche, "Belcombe-sur-Mer");
  g_assert_true (rtes_workspace_is_modified (f->workspace, f->fiche));
  g_assert_false (rtes_gui_test_file_contains (f->path, "Belcombe-sur-Mer"));

  rtes_gui_test_wait_until (fiche_saved, f, 5000, "the autosave");
  g_assert_true (rtes_gui_test_file_contains (f->path, "\"city\": \"Belcombe-sur-Mer\""));
  /* Saved: nothing left to recover. */
  rtes_gui_test_wait_until (path_gone, f->journal, 2000, "the journal's removal");
}

static void
test_autosave_off_journals (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) found = NULL;
  gint64 start;

  rtes_workspace_set_autosave (f->workspace, FALSE);
  start = g_get_monotonic_time ();
  rtes_fiche_set_name (f->fiche, "Ville de Belcombe (journal)");

  rtes_gui_test_wait_until (path_exists, f->journal, 1000, "the journal within a second");
  g_test_message ("journal written after %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - start) / 1000);
  rtes_gui_test_run_for (400);
  g_assert_true (rtes_gui_test_file_contains (f->journal, "Ville de Belcombe (journal)"));
  g_assert_false (rtes_gui_test_file_contains (f->path, "(journal)"));
  g_assert_true (rtes_workspace_is_modified (f->workspace, f->fiche));

  found = rtes_recovery_scan (f->dir);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (rtes_fiche_get_name (g_ptr_array_index (found, 0)), ==, "Ville de Belcombe (journal)");

  /* Undoing back to the file's content leaves nothing to recover. */
  rtes_fiche_set_name (f->fiche, "Ville de Belcombe");
  g_assert_false (rtes_workspace_is_modified (f->workspace, f->fiche));
  rtes_gui_test_wait_until (path_gone, f->journal, 2000, "the journal's removal");
}

static gboolean
city_is_outside (gpointer data)
{
  Fixture *f = data;

  return g_strcmp0 (rtes_fiche_get_city (f->fiche), "Changé par git pull") == 0;
}

static void
write_outside_change (Fixture *f)
{
  g_autoptr(RtesFiche) theirs = rtes_gui_test_make_fiche ("belcombe", "Ville de Belcombe");
  g_autofree char *path = NULL;

  rtes_fiche_set_city (theirs, "Changé par git pull");
  path = rtes_gui_test_write_fiche (f->dir, theirs);
}

static void
test_outside_change_reloads (Fixture       *f,
                             gconstpointer  data)
{
  RtesFiche *before = f->fiche;

  write_outside_change (f);
  rtes_gui_test_wait_until (city_is_outside, f, 5000, "the reload");
  /* Same object: the editor and the list follow without being told. */
  g_assert_true (rtes_library_lookup (f->library, "belcombe") == before);
  g_assert_false (rtes_workspace_is_modified (f->workspace, f->fiche));
  g_assert_false (rtes_workspace_has_conflict (f->workspace, f->fiche));
}

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GError **error = user_data;

  rtes_workspace_save_finish (RTES_WORKSPACE (source), result, error);
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NONE, "saved");
}

static gboolean
error_set (gpointer data)
{
  return *(GError **) data != NULL;
}

static void
test_outside_change_with_local_edits (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesFicheHistory) history = g_object_ref (rtes_workspace_open (f->workspace, f->fiche));

  rtes_workspace_set_autosave (f->workspace, FALSE);
  rtes_fiche_set_panorama (f->fiche, "Mon texte, pas encore enregistré.");
  write_outside_change (f);

  rtes_gui_test_wait_until (has_conflict, f, 5000, "the conflict");
  /* Nothing chosen yet: the person's text is still there, theirs on disk. */
  g_assert_cmpstr (rtes_fiche_get_panorama (f->fiche), ==, "Mon texte, pas encore enregistré.");
  g_assert_true (rtes_gui_test_file_contains (f->path, "Changé par git pull"));

  /* Saving is refused until the person chooses. */
  rtes_workspace_save_async (f->workspace, f->fiche, NULL, save_cb, &error);
  rtes_gui_test_wait_until (error_set, &error, 5000, "the refused save");
  g_assert_error (error, RTES_WORKSPACE_ERROR, RTES_WORKSPACE_ERROR_CONFLICT);
  g_assert_true (rtes_gui_test_file_contains (f->path, "Changé par git pull"));
  g_clear_error (&error);

  /* Load theirs... */
  rtes_workspace_load_theirs (f->workspace, f->fiche);
  g_assert_cmpstr (rtes_fiche_get_city (f->fiche), ==, "Changé par git pull");
  g_assert_cmpstr (rtes_fiche_get_panorama (f->fiche), ==, "Un panorama de l'ESS.");
  g_assert_false (rtes_workspace_has_conflict (f->workspace, f->fiche));
  g_assert_false (rtes_workspace_is_modified (f->workspace, f->fiche));

  /* ...and undo brings mine back, as unsaved changes over their file. */
  g_assert_true (rtes_fiche_history_undo (history));
  g_assert_cmpstr (rtes_fiche_get_panorama (f->fiche), ==, "Mon texte, pas encore enregistré.");
  g_assert_true (rtes_workspace_is_modified (f->workspace, f->fiche));

  rtes_workspace_save_async (f->workspace, f->fiche, NULL, save_cb, &error);
  rtes_gui_test_wait_until (error_set, &error, 5000, "the save");
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NONE);
  g_assert_true (rtes_gui_test_file_contains (f->path, "Mon texte, pas encore enregistré."));
}

static void
test_keep_mine (Fixture       *f,
                gconstpointer  data)
{
  rtes_workspace_set_autosave (f->workspace, FALSE);
  rtes_fiche_set_panorama (f->fiche, "Ma version.");
  write_outside_change (f);
  rtes_gui_test_wait_until (has_conflict, f, 5000, "the conflict");

  rtes_workspace_keep_mine (f->workspace, f->fiche);
  rtes_gui_test_wait_until (fiche_saved, f, 5000, "the save of my version");
  g_assert_true (rtes_gui_test_file_contains (f->path, "Ma version."));
  g_assert_false (rtes_gui_test_file_contains (f->path, "Changé par git pull"));
}

static void
test_never_overwrites (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* The monitor is slow to speak: the save itself must notice. */
  rtes_workspace_set_delays (f->workspace, 100, 60000, 60000);
  rtes_fiche_set_panorama (f->fiche, "Ma version.");
  write_outside_change (f);

  rtes_workspace_save_async (f->workspace, f->fiche, NULL, save_cb, &error);
  rtes_gui_test_wait_until (error_set, &error, 5000, "the refused save");
  g_assert_error (error, RTES_WORKSPACE_ERROR, RTES_WORKSPACE_ERROR_CONFLICT);
  g_assert_true (rtes_gui_test_file_contains (f->path, "Changé par git pull"));
  g_assert_true (rtes_workspace_has_conflict (f->workspace, f->fiche));
  g_assert_cmpstr (rtes_fiche_get_panorama (f->fiche), ==, "Ma version.");
}

static gboolean
library_has_new (gpointer data)
{
  Fixture *f = data;

  return rtes_library_lookup (f->library, "nouvelle") != NULL;
}

static gboolean
library_lost_new (gpointer data)
{
  return !library_has_new (data);
}

static void
test_outside_add_remove (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RtesFiche) added = rtes_gui_test_make_fiche ("nouvelle", "Nouvelle commune");
  g_autofree char *path = rtes_gui_test_write_fiche (f->dir, added);

  rtes_gui_test_wait_until (library_has_new, f, 5000, "the new fiche in the list");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->library)), ==, 2);
  g_assert_cmpint (g_unlink (path), ==, 0);
  rtes_gui_test_wait_until (library_lost_new, f, 5000, "the removed fiche to leave the list");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->library)), ==, 1);
}

static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *new_path = g_build_filename (f->dir, "ville-de-belcombe-sur-mer.json", NULL);

  rtes_workspace_set_autosave (f->workspace, FALSE);
  rtes_fiche_set_city (f->fiche, "Belcombe-sur-Mer");
  g_assert_true (rtes_workspace_rename (f->workspace, f->fiche, "Ville de Belcombe-sur-Mer", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rtes_fiche_get_id (f->fiche), ==, "ville-de-belcombe-sur-mer");
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_assert_true (rtes_gui_test_file_contains (new_path, "Belcombe-sur-Mer"));
  /* The new name is an unsaved edit, saved like any other. */
  g_assert_true (rtes_workspace_is_modified (f->workspace, f->fiche));
  rtes_workspace_set_autosave (f->workspace, TRUE);
  rtes_gui_test_wait_until (fiche_saved, f, 5000, "the save");
  g_assert_true (rtes_gui_test_file_contains (new_path, "\"name\": \"Ville de Belcombe-sur-Mer\""));
}

/* Journals: offered when newer than their fiche and different from it. */
static void
test_recovery_scan (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("rtes-recovery-scan");
  g_autofree char *recovery = g_build_filename (dir, ".rtes-fiches", "recovery", NULL);
  g_autoptr(RtesFiche) a = rtes_gui_test_make_fiche ("a", "A");
  g_autoptr(RtesFiche) b = rtes_gui_test_make_fiche ("b", "B");
  g_autoptr(RtesFiche) c = rtes_gui_test_make_fiche ("c", "C");
  g_autoptr(RtesFiche) gone = rtes_gui_test_make_fiche ("gone", "Gone");
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *pa = NULL, *pb = NULL, *pc = NULL, *ja = NULL, *jb = NULL, *jc = NULL, *jgone = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpint (g_mkdir_with_parents (recovery, 0755), ==, 0);
  pa = rtes_gui_test_write_fiche (dir, a);
  pb = rtes_gui_test_write_fiche (dir, b);
  jc = rtes_gui_test_write_fiche (recovery, c);   /* same as its file: stale */
  g_usleep (20000);
  rtes_fiche_set_city (a, "Journal A");
  ja = rtes_gui_test_write_fiche (recovery, a);   /* newer, different: offered */
  rtes_fiche_set_city (b, "Journal B");
  jb = rtes_gui_test_write_fiche (recovery, b);
  jgone = rtes_gui_test_write_fiche (recovery, gone);  /* its file is gone: offered */
  g_usleep (20000);
  pc = rtes_gui_test_write_fiche (dir, c);
  {
    /* b's file changed after its journal (a git pull after the crash). */
    g_autoptr(RtesFiche) pulled = rtes_gui_test_make_fiche ("b", "B");

    rtes_fiche_set_city (pulled, "Pulled");
    g_free (pb);
    pb = rtes_gui_test_write_fiche (dir, pulled);
  }

  found = rtes_recovery_scan (dir);
  for (guint i = 0; i < found->len; i++)
    g_hash_table_add (names, (gpointer) rtes_fiche_get_id (g_ptr_array_index (found, i)));
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_true (g_hash_table_contains (names, "a"));
  g_assert_true (g_hash_table_contains (names, "gone"));
  /* The stale journal is removed; the older one is kept for a person. */
  g_assert_false (g_file_test (jc, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (jb, G_FILE_TEST_EXISTS));

  rtes_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/gui/history/groups-words", test_history_groups_words);
  g_test_add_func ("/gui/history/pause-splits", test_history_pause_splits);
  g_test_add_func ("/gui/history/all-fields", test_history_all_fields);
  g_test_add_func ("/gui/history/date-goes-with-edit", test_history_date_goes_with_edit);
  g_test_add_func ("/gui/history/assign-round-trip", test_assign_round_trip);
  g_test_add_func ("/gui/recovery/scan", test_recovery_scan);
  g_test_add ("/gui/workspace/autosave", Fixture, NULL, fixture_setup, test_autosave, fixture_teardown);
  g_test_add ("/gui/workspace/journal", Fixture, NULL, fixture_setup, test_autosave_off_journals, fixture_teardown);
  g_test_add ("/gui/workspace/outside-change", Fixture, NULL, fixture_setup, test_outside_change_reloads, fixture_teardown);
  g_test_add ("/gui/workspace/outside-change-local-edits", Fixture, NULL, fixture_setup, test_outside_change_with_local_edits, fixture_teardown);
  g_test_add ("/gui/workspace/keep-mine", Fixture, NULL, fixture_setup, test_keep_mine, fixture_teardown);
  g_test_add ("/gui/workspace/never-overwrites", Fixture, NULL, fixture_setup, test_never_overwrites, fixture_teardown);
  g_test_add ("/gui/workspace/outside-add-remove", Fixture, NULL, fixture_setup, test_outside_add_remove, fixture_teardown);
  g_test_add ("/gui/workspace/rename", Fixture, NULL, fixture_setup, test_rename, fixture_teardown);

  return g_test_run ();
}
