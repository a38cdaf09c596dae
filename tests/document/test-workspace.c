/* test-workspace.c: documents on disk: autosave, journal, outside changes,
 * many fiches at once, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rtes-fiche-json.h"
#include "rtes-gui-test.h"
#include "rtes-journal.h"
#include "rtes-test-util.h"
#include "rtes-workspace.h"

typedef struct
{
  char *dir;
  RtesLibrary *library;
  RtesWorkspace *workspace;
  RtesDocument *document;
  RtesFiche *fiche;
  char *path;
  char *journal;

  /* What the workspace and the document said. */
  guint n_reloaded;
  guint n_conflicts;
  GPtrArray *saved_origins;
} Fixture;

static void
on_reloaded (RtesWorkspace *workspace,
             RtesDocument  *document,
             Fixture       *f)
{
  f->n_reloaded++;
}

static void
on_conflict (RtesWorkspace *workspace,
             RtesDocument  *document,
             Fixture       *f)
{
  f->n_conflicts++;
}

static void
on_saved (RtesDocument     *document,
          RtesChangeOrigin  origin,
          Fixture          *f)
{
  g_ptr_array_add (f->saved_origins, (gpointer) rtes_change_origin_to_string (origin));
}

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
  rtes_workspace_set_delays (f->workspace, 10, 300, 100);
  f->fiche = rtes_library_lookup (f->library, "belcombe");
  g_assert_nonnull (f->fiche);
  f->journal = g_build_filename (f->dir, ".rtes-fiches", "recovery", "belcombe.json", NULL);
  f->document = g_object_ref (rtes_workspace_get_document (f->workspace, f->fiche));
  g_assert_true (rtes_document_get_fiche (f->document) == f->fiche);
  f->saved_origins = g_ptr_array_new ();
  g_signal_connect (f->workspace, "reloaded", G_CALLBACK (on_reloaded), f);
  g_signal_connect (f->workspace, "conflict", G_CALLBACK (on_conflict), f);
  g_signal_connect (f->document, "saved", G_CALLBACK (on_saved), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (f->document, f);
  g_clear_object (&f->workspace);
  g_clear_object (&f->document);
  g_clear_object (&f->library);
  /* Journal writes in flight finish before the folder goes. */
  rtes_gui_test_run_for (50);
  rtes_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->journal);
  g_ptr_array_unref (f->saved_origins);
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
document_saved (gpointer data)
{
  Fixture *f = data;

  return !rtes_document_get_modified (f->document) && !rtes_document_get_saving (f->document);
}

static gboolean
changed_on_disk (gpointer data)
{
  Fixture *f = data;

  return rtes_document_get_changed_on_disk (f->document);
}

typedef struct
{
  gboolean done;
  GError *error;
  guint group;
} Result;

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *r = user_data;

  rtes_document_save_finish (RTES_DOCUMENT (source), result, &r->error);
  r->done = TRUE;
}

static gboolean
result_done (gpointer data)
{
  return ((Result *) data)->done;
}

/* Autosave and journal -------------------------------------------------------- */

static void
test_autosave (Fixture       *f,
               gconstpointer  data)
{
  rtes_fiche_set_city (f->fiche, "Belcombe-sur-Mer");
  g_assert_true (rtes_document_get_modified (f->document));
  g_assert_cmpuint (rtes_workspace_get_n_modified (f->workspace), ==, 1);
  g_assert_false (rtes_gui_test_file_contains (f->path, "Belcombe-sur-Mer"));

  rtes_gui_test_wait_until (document_saved, f, 5000, "the autosave");
  g_assert_true (rtes_gui_test_file_contains (f->path, "\"city\": \"Belcombe-sur-Mer\""));
  g_assert_cmpuint (rtes_workspace_get_n_modified (f->workspace), ==, 0);
  g_assert_cmpuint (f->saved_origins->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->saved_origins, 0), ==, "typed");
  /* Saved: nothing left to recover. */
  rtes_gui_test_wait_until (path_gone, f->journal, 2000, "the journal's removal");
}

static void
test_journal (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) found = NULL;

  rtes_workspace_set_autosave (f->workspace, FALSE);
  rtes_fiche_set_name (f->fiche, "Ville de Belcombe (journal)");

  rtes_gui_test_wait_until (path_exists, f->journal, 2000, "the journal");
  rtes_gui_test_run_for (100);
  g_assert_true (rtes_gui_test_file_contains (f->journal, "Ville de Belcombe (journal)"));
  g_assert_false (rtes_gui_test_file_contains (f->path, "(journal)"));
  g_assert_true (rtes_document_get_modified (f->document));

  found = rtes_journal_scan (rtes_library_get_dir (f->library));
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (rtes_fiche_get_name (rtes_journal_get_fiche (g_ptr_array_index (found, 0))),
                   ==, "Ville de Belcombe (journal)");

  /* Undone back to the file's content: nothing to recover. */
  g_assert_true (rtes_document_undo (f->document));
  g_assert_false (rtes_document_get_modified (f->document));
  rtes_gui_test_wait_until (path_gone, f->journal, 2000, "the journal's removal");
}

/* Reverting drops the journal at once: the program may quit right after,
 * and a journal left behind would offer the dropped changes again. */
static void
test_revert_drops_journal (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) found = NULL;

  rtes_workspace_set_autosave (f->workspace, FALSE);
  rtes_fiche_set_name (f->fiche, "Ville de Belcombe (abandonné)");
  rtes_gui_test_wait_until (path_exists, f->journal, 2000, "the journal");
  rtes_gui_test_run_for (50);
  rtes_workspace_revert_all (f->workspace);
  g_assert_cmpstr (rtes_fiche_get_name (f->fiche), ==, "Ville de Belcombe");
  g_assert_false (rtes_document_get_modified (f->document));
  g_assert_false (g_file_test (f->journal, G_FILE_TEST_EXISTS));
  found = rtes_journal_scan (rtes_library_get_dir (f->library));
  g_assert_cmpuint (found->len, ==, 0);
}

/* Text a field could not store is journaled too, and only journaled. */
static void
test_pending_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(RtesWorkspace) other = NULL;
  RtesDocument *restored;
  RtesJournal *journal;

  rtes_document_set_pending_text (f->document, "population", "1,2 million");
  g_assert_cmpstr (rtes_document_get_pending_text (f->document, "population"), ==, "1,2 million");
  g_assert_false (rtes_document_get_modified (f->document));
  rtes_gui_test_wait_until (path_exists, f->journal, 2000, "the journal");
  rtes_gui_test_run_for (100);
  g_assert_true (rtes_gui_test_file_contains (f->journal, "1,2 million"));

  found = rtes_journal_scan (rtes_library_get_dir (f->library));
  g_assert_cmpuint (found->len, ==, 1);
  journal = g_ptr_array_index (found, 0);
  g_assert_cmpstr (g_hash_table_lookup (rtes_journal_get_pending (journal), "population"), ==, "1,2 million");

  /* Restored in another session, the text comes back with the fiche, and
   * never goes into the file. */
  library = rtes_library_open (f->dir, NULL);
  other = rtes_workspace_new (library);
  restored = rtes_workspace_restore (other, journal, NULL);
  g_assert_nonnull (restored);
  g_assert_cmpstr (rtes_document_get_pending_text (restored, "population"), ==, "1,2 million");
  rtes_gui_test_run_for (200);
  g_assert_false (rtes_gui_test_file_contains (f->path, "1,2 million"));
}

static void
test_pending_text_cleared (Fixture       *f,
                           gconstpointer  data)
{
  rtes_document_set_pending_text (f->document, "population", "1,2 million");
  rtes_gui_test_wait_until (path_exists, f->journal, 2000, "the journal");
  rtes_document_set_pending_text (f->document, "population", NULL);
  g_assert_null (rtes_document_get_pending_text (f->document, "population"));
  rtes_gui_test_wait_until (path_gone, f->journal, 2000, "the journal's removal");
}

/* A move is one step: undone, the item is back in its place, and the file
 * never holds a state with the item missing. */
typedef struct
{
  GPtrArray *seen;
  char *path;
} FileWatch;

static void
on_file_changed (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event,
                 FileWatch         *watch)
{
  g_autofree char *contents = NULL;
  g_autoptr(RtesFiche) fiche = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  GListModel *contacts;

  if (!g_file_get_contents (watch->path, &contents, NULL, NULL))
    return;
  fiche = rtes_fiche_new_from_data (contents, -1, watch->path, NULL);
  if (fiche == NULL)
    return;
  contacts = G_LIST_MODEL (rtes_fiche_get_contacts (fiche));
  for (guint i = 0; i < g_list_model_get_n_items (contacts); i++)
    {
      g_autoptr(RtesContact) contact = g_list_model_get_item (contacts, i);

      g_string_append_printf (names, "%s%s", i > 0 ? "," : "", rtes_contact_get_name (contact));
    }
  if (watch->seen->len == 0 || g_strcmp0 (g_ptr_array_index (watch->seen, watch->seen->len - 1), names->str) != 0)
    g_ptr_array_add (watch->seen, g_strdup (names->str));
}

static gboolean
file_seen (gpointer data)
{
  FileWatch *watch = ((gpointer *) data)[0];
  const char *wanted = ((gpointer *) data)[1];

  return watch->seen->len > 0 && g_strcmp0 (g_ptr_array_index (watch->seen, watch->seen->len - 1), wanted) == 0;
}

static void
test_move_undo_autosave (Fixture       *f,
                         gconstpointer  data)
{
  GListStore *contacts = rtes_fiche_get_contacts (f->fiche);
  g_autoptr(GFile) file = g_file_new_for_path (f->path);
  g_autoptr(GFileMonitor) monitor = NULL;
  FileWatch watch = { g_ptr_array_new_with_free_func (g_free), f->path };
  gpointer wait[2] = { &watch, NULL };
  g_autoptr(RtesContact) second = rtes_contact_new ();

  /* Two contacts, saved. */
  rtes_contact_set_name (second, "Bernard");
  g_list_store_append (contacts, second);
  rtes_gui_test_wait_until (document_saved, f, 5000, "the first save");

  monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, NULL);
  g_file_monitor_set_rate_limit (monitor, 0);
  g_signal_connect (monitor, "changed", G_CALLBACK (on_file_changed), &watch);

  /* Move down, as the card list does. */
  {
    g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (contacts), 0);

    rtes_document_begin_action (f->document, "Move Contact");
    g_list_store_remove (contacts, 0);
    g_list_store_insert (contacts, 1, item);
    rtes_document_end_action (f->document);
  }
  wait[1] = "Bernard,Claude Martin";
  rtes_gui_test_wait_until (file_seen, wait, 5000, "the moved contacts in the file");

  /* Undone right away, maybe while the save still runs. */
  g_assert_true (rtes_document_undo (f->document));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (contacts)), ==, 2);
  wait[1] = "Claude Martin,Bernard";
  rtes_gui_test_wait_until (file_seen, wait, 5000, "the contacts back in place in the file");

  g_assert_true (rtes_document_redo (f->document));
  wait[1] = "Bernard,Claude Martin";
  rtes_gui_test_wait_until (file_seen, wait, 5000, "the contacts moved again in the file");

  /* Every state the file held had both contacts. */
  for (guint i = 0; i < watch.seen->len; i++)
    {
      g_test_message ("file held: %s", (char *) g_ptr_array_index (watch.seen, i));
      g_assert_nonnull (strchr (g_ptr_array_index (watch.seen, i), ','));
    }
  g_ptr_array_unref (watch.seen);
}

/* Outside changes --------------------------------------------------------------- */

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
  g_assert_false (rtes_document_get_modified (f->document));
  g_assert_false (rtes_document_get_changed_on_disk (f->document));
  g_assert_cmpuint (f->n_reloaded, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->saved_origins, 0), ==, "disk");

  /* One step: undo brings our version back, as an unsaved change. */
  g_assert_true (rtes_document_undo (f->document));
  g_assert_cmpstr (rtes_fiche_get_city (f->fiche), ==, "Rennes");
  g_assert_true (rtes_document_get_modified (f->document));
}

static void
test_outside_change_with_local_edits (Fixture       *f,
                                      gconstpointer  data)
{
  Result r = { 0, };

  rtes_workspace_set_autosave (f->workspace, FALSE);
  rtes_fiche_set_panorama (f->fiche, "Mon texte, pas encore enregistré.");
  write_outside_change (f);

  rtes_gui_test_wait_until (changed_on_disk, f, 5000, "the conflict");
  g_assert_cmpuint (f->n_conflicts, ==, 1);
  /* Nothing chosen yet: the person's text is still there, theirs on disk. */
  g_assert_cmpstr (rtes_fiche_get_panorama (f->fiche), ==, "Mon texte, pas encore enregistré.");
  g_assert_true (rtes_gui_test_file_contains (f->path, "Changé par git pull"));

  /* Saving is refused until the person chooses. */
  rtes_document_save_async (f->document, NULL, save_cb, &r);
  rtes_gui_test_wait_until (result_done, &r, 5000, "the refused save");
  g_assert_error (r.error, RTES_DOCUMENT_ERROR, RTES_DOCUMENT_ERROR_CONFLICT);
  g_assert_true (rtes_gui_test_file_contains (f->path, "Changé par git pull"));
  g_clear_error (&r.error);

  /* Load theirs... */
  rtes_document_load_theirs (f->document);
  g_assert_cmpstr (rtes_fiche_get_city (f->fiche), ==, "Changé par git pull");
  g_assert_cmpstr (rtes_fiche_get_panorama (f->fiche), ==, "Un panorama de l'ESS.");
  g_assert_false (rtes_document_get_changed_on_disk (f->document));
  g_assert_false (rtes_document_get_modified (f->document));

  /* ...and undo brings mine back, as unsaved changes over their file. */
  g_assert_true (rtes_document_undo (f->document));
  g_assert_cmpstr (rtes_fiche_get_panorama (f->fiche), ==, "Mon texte, pas encore enregistré.");
  g_assert_true (rtes_document_get_modified (f->document));

  r.done = FALSE;
  rtes_document_save_async (f->document, NULL, save_cb, &r);
  rtes_gui_test_wait_until (result_done, &r, 5000, "the save");
  g_assert_no_error (r.error);
  g_assert_true (rtes_gui_test_file_contains (f->path, "Mon texte, pas encore enregistré."));
}

static void
test_keep_mine (Fixture       *f,
                gconstpointer  data)
{
  rtes_workspace_set_autosave (f->workspace, FALSE);
  rtes_fiche_set_panorama (f->fiche, "Ma version.");
  write_outside_change (f);
  rtes_gui_test_wait_until (changed_on_disk, f, 5000, "the conflict");

  rtes_document_keep_mine (f->document);
  rtes_gui_test_wait_until (document_saved, f, 5000, "the save of my version");
  g_assert_true (rtes_gui_test_file_contains (f->path, "Ma version."));
  g_assert_false (rtes_gui_test_file_contains (f->path, "Changé par git pull"));
}

static void
test_never_overwrites (Fixture       *f,
                       gconstpointer  data)
{
  Result r = { 0, };

  /* The watcher is slow to speak: the save itself must notice. */
  rtes_workspace_set_delays (f->workspace, 10, 60000, 60000);
  rtes_fiche_set_panorama (f->fiche, "Ma version.");
  write_outside_change (f);

  rtes_document_save_async (f->document, NULL, save_cb, &r);
  rtes_gui_test_wait_until (result_done, &r, 5000, "the refused save");
  g_assert_error (r.error, RTES_DOCUMENT_ERROR, RTES_DOCUMENT_ERROR_CONFLICT);
  g_assert_true (rtes_gui_test_file_contains (f->path, "Changé par git pull"));
  g_assert_true (rtes_document_get_changed_on_disk (f->document));
  g_assert_cmpstr (rtes_fiche_get_panorama (f->fiche), ==, "Ma version.");
  g_clear_error (&r.error);
}

/* Our own saves, seen by the watcher, are never someone else's change. */
static void
test_own_saves (Fixture       *f,
                gconstpointer  data)
{
  for (guint i = 0; i < 5; i++)
    {
      Result r = { 0, };
      g_autofree char *city = g_strdup_printf ("Belcombe %u", i);

      rtes_fiche_set_city (f->fiche, city);
      rtes_document_save_async (f->document, NULL, save_cb, &r);
      rtes_gui_test_wait_until (result_done, &r, 5000, "the save");
      g_assert_no_error (r.error);
      /* Edits while the watcher is about to look. */
      rtes_gui_test_run_for (i * 40);
    }
  /* Longer than the watcher's delay: it has looked at every write. */
  rtes_gui_test_run_for (400);
  g_assert_cmpuint (f->n_reloaded, ==, 0);
  g_assert_cmpuint (f->n_conflicts, ==, 0);
  g_assert_false (rtes_document_get_changed_on_disk (f->document));
  g_assert_cmpstr (rtes_fiche_get_city (f->fiche), ==, "Belcombe 4");
  g_assert_true (rtes_gui_test_file_contains (f->path, "Belcombe 4"));
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

/* A sync wrote the file and asks the library to read it again: the object
 * shown stays, and the pull is a step of its own, already on disk. */
static void
test_pull (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RtesFiche *before = f->fiche;
  GStatBuf st_before, st_after;

  write_outside_change (f);
  g_assert_cmpint (g_stat (f->path, &st_before), ==, 0);
  g_assert_true (rtes_library_reload (f->library, "belcombe", &error) == before);
  g_assert_no_error (error);
  g_assert_true (rtes_library_lookup (f->library, "belcombe") == before);

  g_assert_true (rtes_workspace_reload_from_disk (f->workspace, "belcombe", RTES_CHANGE_ORIGIN_PULL,
                                                  "Pull", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rtes_fiche_get_city (f->fiche), ==, "Changé par git pull");
  g_assert_false (rtes_document_get_modified (f->document));
  g_assert_cmpstr (rtes_document_get_undo_label (f->document), ==, "Pull");
  g_assert_cmpint (rtes_undo_history_get_last_origin (rtes_document_get_history (f->document)),
                   ==, RTES_CHANGE_ORIGIN_PULL);
  g_assert_cmpuint (f->saved_origins->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->saved_origins, 0), ==, "pull");

  /* The watcher then sees the sync's write: not news, not a conflict. */
  rtes_gui_test_run_for (400);
  g_assert_cmpuint (f->n_reloaded, ==, 0);
  g_assert_cmpuint (f->n_conflicts, ==, 0);
  g_assert_cmpint (g_stat (f->path, &st_after), ==, 0);
  g_assert_cmpint (st_after.st_mtime, ==, st_before.st_mtime);
}

/* A pull over unsaved edits asks the person rather than overwrite. */
static void
test_pull_over_edits (Fixture       *f,
                      gconstpointer  data)
{
  rtes_workspace_set_autosave (f->workspace, FALSE);
  rtes_fiche_set_panorama (f->fiche, "Ma version.");
  write_outside_change (f);
  g_assert_true (rtes_workspace_reload_from_disk (f->workspace, "belcombe", RTES_CHANGE_ORIGIN_PULL,
                                                  NULL, NULL));
  g_assert_true (rtes_document_get_changed_on_disk (f->document));
  g_assert_cmpstr (rtes_fiche_get_panorama (f->fiche), ==, "Ma version.");
  g_assert_cmpstr (rtes_fiche_get_city (f->fiche), ==, "Rennes");
}

static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *new_path = g_build_filename (f->dir, "ville-de-belcombe-sur-mer.json", NULL);

  rtes_workspace_set_autosave (f->workspace, FALSE);
  rtes_fiche_set_city (f->fiche, "Belcombe-sur-Mer");
  g_assert_true (rtes_workspace_rename (f->workspace, f->document, "Ville de Belcombe-sur-Mer", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rtes_document_get_id (f->document), ==, "ville-de-belcombe-sur-mer");
  g_assert_true (rtes_workspace_lookup (f->workspace, "ville-de-belcombe-sur-mer") == f->document);
  g_assert_null (rtes_workspace_lookup (f->workspace, "belcombe"));
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_assert_true (rtes_gui_test_file_contains (new_path, "Belcombe-sur-Mer"));
  /* The new name is an unsaved edit, saved like any other. */
  g_assert_true (rtes_document_get_modified (f->document));
  rtes_workspace_set_autosave (f->workspace, TRUE);
  rtes_gui_test_wait_until (document_saved, f, 5000, "the save");
  g_assert_true (rtes_gui_test_file_contains (new_path, "\"name\": \"Ville de Belcombe-sur-Mer\""));
  /* And the renaming was never taken for an outside change. */
  rtes_gui_test_run_for (300);
  g_assert_cmpuint (f->n_reloaded, ==, 0);
  g_assert_cmpuint (f->n_conflicts, ==, 0);
}

/* Many fiches at once ----------------------------------------------------------- */

static void
apply_many_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Result *r = user_data;

  rtes_workspace_apply_many_finish (RTES_WORKSPACE (source), result, &r->group, &r->error);
  r->done = TRUE;
}

static void
test_apply_many (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RtesFiche) updated = rtes_gui_test_make_fiche ("belcombe", "Ville de Belcombe");
  g_autofree char *new_path = g_build_filename (f->dir, "nouvelle.json", NULL);
  g_autofree char *before = rtes_test_read_file (f->path, NULL);
  Result r = { 0, };
  RtesFiche *shown = f->fiche;
  RtesDocument *added;

  rtes_fiche_set_panorama (updated, "Le panorama de l'export.");
  g_ptr_array_add (contents, g_object_ref (updated));
  g_ptr_array_add (contents, rtes_gui_test_make_fiche ("nouvelle", "Nouvelle commune"));

  rtes_workspace_apply_many_async (f->workspace, contents, RTES_CHANGE_ORIGIN_IMPORT, "Import",
                                   NULL, apply_many_cb, &r);
  rtes_gui_test_wait_until (result_done, &r, 5000, "the import");
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.group, >, 0);

  /* Saved, into the same object; the new fiche is listed. */
  g_assert_true (rtes_library_lookup (f->library, "belcombe") == shown);
  g_assert_cmpstr (rtes_fiche_get_panorama (shown), ==, "Le panorama de l'export.");
  g_assert_true (rtes_gui_test_file_contains (f->path, "Le panorama de l'export."));
  g_assert_true (rtes_gui_test_file_contains (new_path, "Nouvelle commune"));
  added = rtes_workspace_lookup (f->workspace, "nouvelle");
  g_assert_nonnull (added);
  g_assert_true (rtes_library_lookup (f->library, "nouvelle") == rtes_document_get_fiche (added));
  g_assert_false (rtes_document_get_modified (added));
  g_assert_cmpstr (g_ptr_array_index (f->saved_origins, 0), ==, "import");
  g_assert_cmpuint (rtes_workspace_get_n_modified (f->workspace), ==, 0);

  /* The whole import is undone at once. */
  g_assert_true (rtes_workspace_can_undo_group (f->workspace, r.group));
  g_assert_cmpuint (rtes_workspace_undo_group (f->workspace, r.group), ==, 2);
  g_assert_false (rtes_workspace_can_undo_group (f->workspace, r.group));
  g_assert_null (rtes_library_lookup (f->library, "nouvelle"));
  g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (rtes_fiche_get_panorama (shown), ==, "Un panorama de l'ESS.");
  rtes_gui_test_wait_until (document_saved, f, 5000, "the save of the undo");
  {
    g_autofree char *after = rtes_test_read_file (f->path, NULL);

    g_assert_cmpstr (after, ==, before);
  }
  rtes_gui_test_run_for (300);
  g_assert_cmpuint (f->n_conflicts, ==, 0);
}

/* A selection action, its undo, and the next action at once, in every
 * order the saves and the folder watcher can take: each of our own writes
 * is recognised as ours, never as a change on disk by someone else. */
static void
test_action_after_undo (Fixture       *f,
                        gconstpointer  data)
{
  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) second = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(RtesFiche) one = rtes_fiche_copy (f->fiche);
      g_autoptr(RtesFiche) two = rtes_fiche_copy (f->fiche);
      g_autofree char *city_one = g_strdup_printf ("Première %u", i);
      g_autofree char *city_two = g_strdup_printf ("Seconde %u", i);
      Result r1 = { 0, }, r2 = { 0, };

      rtes_fiche_set_city (one, city_one);
      rtes_fiche_set_city (two, city_two);
      g_ptr_array_add (first, g_object_ref (one));
      g_ptr_array_add (second, g_object_ref (two));

      rtes_workspace_apply_many_async (f->workspace, first, RTES_CHANGE_ORIGIN_TYPED, "Action",
                                       NULL, apply_many_cb, &r1);
      rtes_gui_test_wait_until (result_done, &r1, 5000, "the first action");
      g_assert_no_error (r1.error);
      g_assert_cmpuint (rtes_workspace_undo_group (f->workspace, r1.group), ==, 1);
      /* From at once to past the watcher's delay (100 ms). */
      rtes_gui_test_run_for ((i % 6) * 30);
      rtes_workspace_apply_many_async (f->workspace, second, RTES_CHANGE_ORIGIN_TYPED, "Action",
                                       NULL, apply_many_cb, &r2);
      rtes_gui_test_wait_until (result_done, &r2, 5000, "the second action");
      g_assert_no_error (r2.error);
      rtes_gui_test_wait_until (document_saved, f, 5000, "the second action's save");
      g_assert_cmpstr (rtes_fiche_get_city (f->fiche), ==, city_two);
      g_assert_true (rtes_gui_test_file_contains (f->path, city_two));
      g_assert_false (rtes_document_get_changed_on_disk (f->document));
    }
  /* Longer than the watcher's delay: it has looked at every write. */
  rtes_gui_test_run_for (300);
  g_assert_false (rtes_document_get_changed_on_disk (f->document));
  g_assert_cmpuint (f->n_conflicts, ==, 0);
  g_assert_cmpuint (f->n_reloaded, ==, 0);
}

/* A fiche edited after the import keeps its edits when the import is
 * undone. */
static void
test_undo_group_keeps_later_edits (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RtesFiche) updated = rtes_gui_test_make_fiche ("belcombe", "Ville de Belcombe");
  Result r = { 0, };

  rtes_fiche_set_panorama (updated, "Le panorama de l'export.");
  g_ptr_array_add (contents, g_object_ref (updated));
  rtes_workspace_apply_many_async (f->workspace, contents, RTES_CHANGE_ORIGIN_IMPORT, "Import",
                                   NULL, apply_many_cb, &r);
  rtes_gui_test_wait_until (result_done, &r, 5000, "the import");
  g_assert_no_error (r.error);
  rtes_fiche_set_city (f->fiche, "Édité après l'import");
  g_assert_cmpuint (rtes_workspace_undo_group (f->workspace, r.group), ==, 0);
  g_assert_cmpstr (rtes_fiche_get_city (f->fiche), ==, "Édité après l'import");
  g_assert_cmpstr (rtes_fiche_get_panorama (f->fiche), ==, "Le panorama de l'export.");
}

/* The library keeps the object of a fiche with a document; a fiche file
 * that breaks replaces a document without changes. */
static void
test_library_keeps_object (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *broken = NULL;
  RtesFiche *now;

  now = rtes_library_reload (f->library, "belcombe", NULL);
  g_assert_true (now == f->fiche);

  broken = rtes_test_write_file (f->dir, "belcombe.json", "{ \"format\": ");
  now = rtes_library_reload (f->library, "belcombe", NULL);
  g_assert_true (now != f->fiche);
  g_assert_nonnull (rtes_fiche_get_load_error (now));
  g_assert_null (rtes_workspace_lookup (f->workspace, "belcombe"));
}

/* Hostile files (issue 15) ------------------------------------------------- */

typedef struct
{
  gboolean done;
  GPtrArray *journals;
} Recoverable;

static void
recoverable_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Recoverable *r = user_data;
  g_autoptr(GError) error = NULL;

  r->journals = rtes_workspace_find_recoverable_finish (RTES_WORKSPACE (source), result, &error);
  g_assert_no_error (error);
  r->done = TRUE;
}

static gboolean
recoverable_done (gpointer data)
{
  return ((Recoverable *) data)->done;
}

/* .rtes-fiches/recovery is a link to a folder outside the library that
 * holds journal-like files: one the same as the fiche's file (a stale
 * journal, which the scan removes), one of a fiche that is not here
 * (which the scan offers). Nothing is read, offered, written or removed
 * out there, whatever the window does with its journals. */
static void
test_recovery_through_link (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *outside = rtes_test_make_tmpdir ("rtes-outside");
  g_autofree char *recovery = g_build_filename (f->dir, ".rtes-fiches", "recovery", NULL);
  g_autofree char *fiche_data = rtes_test_read_file (f->path, NULL);
  g_autoptr(RtesFiche) other = rtes_gui_test_make_fiche ("ailleurs", "Ailleurs");
  g_autoptr(GHashTable) before = NULL;
  Recoverable r = { 0, };

  /* The journals that cannot be read or written through the link are
   * warned about: run where warnings are not fatal, and look for them. */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      g_test_trap_assert_stderr ("*No recovery journals read*recovery: is a symbolic link*");
      g_test_trap_assert_stderr ("*Could not write the recovery journal*recovery: is a symbolic link*");
      g_test_trap_assert_stderr_unmatched ("*CRITICAL*");
      return;
    }
  g_log_set_always_fatal (G_LOG_FATAL_MASK);

  g_free (rtes_test_write_file (outside, "belcombe.json", fiche_data));
  g_free (rtes_gui_test_write_fiche (outside, other));
  before = rtes_test_snapshot_tree (outside);
  rtes_test_remove_tree (recovery);
  {
    g_autofree char *state = g_path_get_dirname (recovery);

    g_assert_cmpint (g_mkdir_with_parents (state, 0755), ==, 0);
  }
  g_assert_cmpint (symlink (outside, recovery), ==, 0);

  /* What a window does at start-up: nothing to offer. */
  rtes_workspace_find_recoverable_async (f->workspace, NULL, recoverable_cb, &r);
  rtes_gui_test_wait_until (recoverable_done, &r, 5000, "the journals");
  g_assert_cmpuint (r.journals->len, ==, 0);
  g_ptr_array_unref (r.journals);

  /* Edits journaled, then reverted (the journal removed), then saved. */
  rtes_workspace_set_autosave (f->workspace, FALSE);
  rtes_fiche_set_name (f->fiche, "Ville de Belcombe (journal)");
  rtes_gui_test_run_for (200);
  rtes_workspace_revert_all (f->workspace);
  rtes_fiche_set_name (f->fiche, "Ville de Belcombe (enregistrée)");
  rtes_gui_test_run_for (100);
  {
    Result saved = { 0, };

    rtes_document_save_async (f->document, NULL, save_cb, &saved);
    rtes_gui_test_wait_until (result_done, &saved, 5000, "the save");
    g_assert_no_error (saved.error);
  }
  rtes_gui_test_run_for (100);

  rtes_test_assert_tree_unchanged (before, outside);
  g_assert_true (g_file_test (recovery, G_FILE_TEST_IS_SYMLINK));
  g_unlink (recovery);
  rtes_test_remove_tree (outside);
}

/* The fiche's file became a link to a file elsewhere while it was open:
 * the save neither writes through it nor replaces it, nor reads what it
 * leads to (which would come back as "their version"), and says why. */
static void
test_save_through_link (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *outside = rtes_test_make_tmpdir ("rtes-outside");
  g_autoptr(RtesFiche) secret = rtes_gui_test_make_fiche ("belcombe", "Secret d'ailleurs");
  g_autofree char *victim = rtes_gui_test_write_fiche (outside, secret);
  g_autoptr(GHashTable) before = rtes_test_snapshot_tree (outside);
  Result r = { 0, };

  rtes_workspace_set_autosave (f->workspace, FALSE);
  g_assert_cmpint (g_unlink (f->path), ==, 0);
  g_assert_cmpint (symlink (victim, f->path), ==, 0);
  rtes_fiche_set_panorama (f->fiche, "Ma version.");

  rtes_document_save_async (f->document, NULL, save_cb, &r);
  rtes_gui_test_wait_until (result_done, &r, 5000, "the refused save");
  g_assert_error (r.error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH);
  g_assert_nonnull (strstr (r.error->message, "belcombe.json"));
  g_assert_nonnull (strstr (r.error->message, "symbolic link"));
  g_assert_false (rtes_document_get_changed_on_disk (f->document));
  g_assert_true (rtes_document_get_save_failed (f->document));
  g_assert_true (rtes_document_get_modified (f->document));
  g_assert_cmpstr (rtes_fiche_get_panorama (f->fiche), ==, "Ma version.");
  g_clear_error (&r.error);

  rtes_test_assert_tree_unchanged (before, outside);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_SYMLINK));
  g_unlink (f->path);
  rtes_test_remove_tree (outside);
}

static gboolean
fifo_listed_broken (gpointer data)
{
  Fixture *f = data;
  RtesFiche *fiche = rtes_library_lookup (f->library, "x");

  return fiche != NULL && rtes_fiche_get_load_error (fiche) != NULL;
}

/* A FIFO named x.json appears while the window runs: it is listed as a
 * broken fiche at once, saying why, and the workspace goes on noticing
 * outside changes. Reading it the ordinary way would block a worker for
 * ever, waiting for a writer that never comes. */
static void
test_outside_fifo (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "x.json", NULL);

  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  rtes_gui_test_wait_until (fifo_listed_broken, f, 5000, "the FIFO listed as broken");
  g_assert_nonnull (strstr (rtes_fiche_get_load_error (rtes_library_lookup (f->library, "x"))->message,
                            "not a regular file"));

  write_outside_change (f);
  rtes_gui_test_wait_until (city_is_outside, f, 5000, "the reload");
  g_assert_false (rtes_document_get_modified (f->document));
  g_unlink (fifo);
}

int
main (int   argc,
      char *argv[])
{
  rtes_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/document/workspace/recovery-through-link", test_recovery_through_link);
  ADD ("/document/workspace/save-through-link", test_save_through_link);
  ADD ("/document/workspace/outside-fifo", test_outside_fifo);
  ADD ("/document/workspace/autosave", test_autosave);
  ADD ("/document/workspace/journal", test_journal);
  ADD ("/document/workspace/revert-drops-journal", test_revert_drops_journal);
  ADD ("/document/workspace/pending-text", test_pending_text);
  ADD ("/document/workspace/pending-text-cleared", test_pending_text_cleared);
  ADD ("/document/workspace/move-undo-autosave", test_move_undo_autosave);
  ADD ("/document/workspace/outside-change", test_outside_change_reloads);
  ADD ("/document/workspace/outside-change-local-edits", test_outside_change_with_local_edits);
  ADD ("/document/workspace/keep-mine", test_keep_mine);
  ADD ("/document/workspace/never-overwrites", test_never_overwrites);
  ADD ("/document/workspace/own-saves", test_own_saves);
  ADD ("/document/workspace/outside-add-remove", test_outside_add_remove);
  ADD ("/document/workspace/pull", test_pull);
  ADD ("/document/workspace/pull-over-edits", test_pull_over_edits);
  ADD ("/document/workspace/rename", test_rename);
  ADD ("/document/workspace/apply-many", test_apply_many);
  ADD ("/document/workspace/action-after-undo", test_action_after_undo);
  ADD ("/document/workspace/undo-group-keeps-later-edits", test_undo_group_keeps_later_edits);
  ADD ("/document/workspace/library-keeps-object", test_library_keeps_object);
#undef ADD

  return g_test_run ();
}
