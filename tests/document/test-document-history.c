/* test-document-history.c: what the window's documents record in the
 * history: a save typed here, an import applied through the documents,
 * an outside change or deletion the watcher sees, a rename, a restore
 * (undoable, itself a revision), a recovered journal, a pull
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "rtes-contact.h"
#include "rtes-document-private.h"
#include "rtes-fiche-json.h"
#include "rtes-gui-test.h"
#include "rtes-history.h"
#include "rtes-importer.h"
#include "rtes-journal.h"
#include "rtes-test-util.h"
#include "rtes-workspace.h"

typedef struct
{
  char *dir;
  char *path;
  RtesLibrary *library;
  RtesWorkspace *workspace;
  RtesDocument *document;
  RtesFiche *fiche;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RtesFiche) fiche = rtes_gui_test_make_fiche ("belcombe", "Ville de Belcombe");
  g_autoptr(GError) error = NULL;

  f->dir = rtes_test_make_tmpdir ("document-history");
  f->path = rtes_gui_test_write_fiche (f->dir, fiche);
  f->library = rtes_library_open (f->dir, &error);
  g_assert_no_error (error);
  rtes_history_set_author (rtes_library_get_history (f->library), "Alice Martin");
  f->workspace = rtes_workspace_new (f->library);
  rtes_workspace_set_delays (f->workspace, 10, 100, 100);
  f->fiche = rtes_library_lookup (f->library, "belcombe");
  f->document = g_object_ref (rtes_workspace_get_document (f->workspace, f->fiche));
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
  g_free (f->path);
}

static RtesHistory *
history_of (Fixture *f)
{
  return rtes_library_get_history (f->library);
}

static GPtrArray *
revisions_of (Fixture    *f,
              const char *id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *revisions = rtes_history_list (history_of (f), id, NULL, &error);

  g_assert_no_error (error);
  return revisions;
}

static RtesRevision *
last_revision (Fixture    *f,
               const char *id)
{
  g_autoptr(GPtrArray) revisions = revisions_of (f, id);

  g_assert_cmpuint (revisions->len, >, 0);
  return g_object_ref (revisions->pdata[revisions->len - 1]);
}

static gboolean
document_saved (gpointer data)
{
  Fixture *f = data;

  return !rtes_document_get_modified (f->document) && !rtes_document_get_saving (f->document);
}

typedef struct
{
  Fixture *f;
  const char *id;
  guint count;
} Expect;

static gboolean
has_revisions (gpointer data)
{
  Expect *expect = data;
  g_autoptr(GPtrArray) revisions = rtes_history_list (history_of (expect->f), expect->id, NULL, NULL);

  return revisions != NULL && revisions->len >= expect->count;
}

static void
test_typed (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) revisions = NULL;
  RtesRevision *revision;

  rtes_document_begin_action (f->document, "Edit");
  rtes_fiche_set_city (f->fiche, "Belcombe-sur-Mer");
  rtes_fiche_set_population (f->fiche, 4321);
  rtes_document_end_action (f->document);
  rtes_gui_test_wait_until (document_saved, f, 5000, "the autosave");

  /* The file as it was first (the history had not seen it), then the save. */
  revisions = revisions_of (f, "belcombe");
  g_assert_cmpuint (revisions->len, ==, 2);
  g_assert_cmpint (rtes_revision_get_origin (revisions->pdata[0]), ==, RTES_CHANGE_ORIGIN_DISK);
  revision = revisions->pdata[1];
  g_assert_cmpint (rtes_revision_get_origin (revision), ==, RTES_CHANGE_ORIGIN_TYPED);
  g_assert_cmpstr (rtes_revision_get_author (revision), ==, "Alice Martin");
  g_assert_true (g_strv_contains (rtes_revision_get_fields (revision), "address.city"));
  g_assert_true (g_strv_contains (rtes_revision_get_fields (revision), "population"));

  /* The watcher sees our own save: nothing new. */
  rtes_gui_test_run_for (300);
  g_clear_pointer (&revisions, g_ptr_array_unref);
  revisions = revisions_of (f, "belcombe");
  g_assert_cmpuint (revisions->len, ==, 2);
}

static void
test_outside_change_and_deletion (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(RtesFiche) theirs = rtes_gui_test_make_fiche ("belcombe", "Ville de Belcombe");
  g_autoptr(RtesRevision) revision = NULL;
  g_autoptr(GPtrArray) deleted = NULL;
  Expect expect = { f, "belcombe", 2 };

  /* Seen once, as the window does when the library opens. */
  g_assert_cmpuint (rtes_history_scan (history_of (f), rtes_library_get_dir (f->library), NULL, NULL), ==, 1);
  rtes_fiche_set_city (theirs, "Changé par git pull");
  g_free (rtes_gui_test_write_fiche (f->dir, theirs));
  rtes_gui_test_wait_until (has_revisions, &expect, 5000, "the outside change recorded");
  revision = last_revision (f, "belcombe");
  g_assert_cmpint (rtes_revision_get_origin (revision), ==, RTES_CHANGE_ORIGIN_DISK);
  g_assert_cmpstr (rtes_revision_get_author (revision), ==, "");
  g_assert_true (g_strv_contains (rtes_revision_get_fields (revision), "address.city"));

  g_assert_cmpint (g_unlink (f->path), ==, 0);
  expect.count = 3;
  rtes_gui_test_wait_until (has_revisions, &expect, 5000, "the deletion recorded");
  g_clear_object (&revision);
  revision = last_revision (f, "belcombe");
  g_assert_cmpint (rtes_revision_get_kind (revision), ==, RTES_REVISION_DELETED);
  g_assert_cmpint (rtes_revision_get_origin (revision), ==, RTES_CHANGE_ORIGIN_DISK);
  deleted = rtes_history_list_deleted (history_of (f), NULL);
  g_assert_cmpuint (deleted->len, ==, 1);
}

static void
apply_many_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (rtes_workspace_apply_many_finish (RTES_WORKSPACE (source), result, NULL, NULL));
  *done = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* As the window imports: the plan's fiches through the documents, then
 * the plan's records, which name the export in the revisions. */
static void
test_import_through_documents (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *export = rtes_test_source_path ("import", "fixtures", "occitanie-export.txt", NULL);
  g_autoptr(RtesImporter) importer = rtes_importer_new (f->library);
  g_autoptr(RtesImportPlan) plan = NULL;
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  RtesImportPlanFiche *first = NULL;
  gboolean done = FALSE;

  plan = rtes_importer_plan (importer, export, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rtes_import_plan_get_fiches (plan)->len; i++)
    {
      RtesImportPlanFiche *planned = g_ptr_array_index (rtes_import_plan_get_fiches (plan), i);

      if (planned->after == NULL)
        continue;
      if (first == NULL)
        first = planned;
      g_ptr_array_add (contents, rtes_fiche_copy (planned->after));
    }
  g_assert_nonnull (first);
  rtes_workspace_apply_many_async (f->workspace, contents, RTES_CHANGE_ORIGIN_IMPORT, "Import",
                                   NULL, apply_many_cb, &done);
  rtes_gui_test_wait_until (flag_set, &done, 5000, "the import");
  {
    g_autoptr(RtesRevision) revision = last_revision (f, first->id);

    g_assert_cmpint (rtes_revision_get_origin (revision), ==, RTES_CHANGE_ORIGIN_IMPORT);
    g_assert_null (rtes_revision_get_detail (revision));
  }
  g_assert_true (rtes_import_plan_save_records (plan, &error));
  g_assert_no_error (error);
  {
    g_autoptr(RtesRevision) revision = last_revision (f, first->id);

    g_assert_cmpint (rtes_revision_get_origin (revision), ==, RTES_CHANGE_ORIGIN_IMPORT);
    g_assert_cmpstr (rtes_revision_get_detail (revision), ==, "occitanie-export.txt");
  }
}

static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revisions = NULL;

  rtes_workspace_set_autosave (f->workspace, FALSE);
  rtes_fiche_set_city (f->fiche, "Belcombe-sur-Mer");
  g_assert_true (rtes_workspace_rename (f->workspace, f->document, "Ville de Belcombe-sur-Mer", &error));
  g_assert_no_error (error);
  rtes_workspace_set_autosave (f->workspace, TRUE);
  rtes_gui_test_wait_until (document_saved, f, 5000, "the save");
  rtes_gui_test_run_for (300);

  g_clear_pointer (&revisions, g_ptr_array_unref);
  revisions = revisions_of (f, "belcombe");
  g_assert_cmpuint (revisions->len, ==, 0);
  revisions = (g_ptr_array_unref (revisions), revisions_of (f, "ville-de-belcombe-sur-mer"));
  /* found, renamed (with the city typed before), named */
  g_assert_cmpuint (revisions->len, ==, 3);
  g_assert_true (g_strv_contains (rtes_revision_get_fields (revisions->pdata[1]), "id"));
  g_assert_true (g_strv_contains (rtes_revision_get_fields (revisions->pdata[1]), "address.city"));
  g_assert_true (g_strv_contains (rtes_revision_get_fields (revisions->pdata[2]), "name"));
}

static RtesContact *
contact_at (RtesFiche *fiche,
            guint      position)
{
  return g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (fiche)), position);
}

/* Restoring an item as the History view does: one undoable step of
 * origin "restore", saved, and itself a revision. */
static void
test_restore_is_undoable (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(RtesContact) contact = NULL;
  g_autoptr(RtesContact) back = NULL;
  g_autoptr(RtesFiche) content = NULL;
  g_autoptr(RtesRevision) revision = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *path = NULL;
  g_autofree char *phone = NULL;
  guint before_restore;

  /* Contacts made here have keys; the test's fixture has none yet. */
  contact = contact_at (f->fiche, 0);
  key = g_strdup ("c0ffee");
  phone = g_strdup (rtes_contact_get_phone (contact));
  rtes_document_begin_action (f->document, "Key");
  rtes_contact_set_key (contact, key);
  rtes_document_end_action (f->document);
  rtes_gui_test_wait_until (document_saved, f, 5000, "the save");
  rtes_document_begin_action (f->document, "Edit");
  rtes_contact_set_phone (contact, "09 99 99 99 99");
  rtes_document_end_action (f->document);
  rtes_gui_test_wait_until (document_saved, f, 5000, "the save");
  before_restore = rtes_history_get_last (history_of (f), "belcombe", NULL);
  g_assert_cmpuint (before_restore, ==, 3);

  path = g_strdup_printf ("contacts[key=%s]", key);
  content = rtes_history_make_restore (history_of (f), f->fiche, "belcombe", 2, path, &error);
  g_assert_no_error (error);
  g_assert_true (rtes_document_apply (f->document, content, RTES_CHANGE_ORIGIN_RESTORE, "Restore"));
  back = contact_at (f->fiche, 0);
  g_assert_cmpstr (rtes_contact_get_phone (back), ==, phone);
  rtes_gui_test_wait_until (document_saved, f, 5000, "the save of the restore");
  revision = last_revision (f, "belcombe");
  g_assert_cmpuint (rtes_revision_get_number (revision), ==, 4);
  g_assert_cmpint (rtes_revision_get_origin (revision), ==, RTES_CHANGE_ORIGIN_RESTORE);

  /* One step: undo takes it back, and that is saved too. */
  g_assert_cmpstr (rtes_document_get_undo_label (f->document), ==, "Restore");
  g_assert_true (rtes_document_undo (f->document));
  g_clear_object (&back);
  back = contact_at (f->fiche, 0);
  g_assert_cmpstr (rtes_contact_get_phone (back), ==, "09 99 99 99 99");
  rtes_gui_test_wait_until (document_saved, f, 5000, "the save of the undo");
  g_clear_object (&revision);
  revision = last_revision (f, "belcombe");
  g_assert_cmpuint (rtes_revision_get_number (revision), ==, 5);
}

static void
test_journal_restored (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RtesFiche) unsaved = rtes_fiche_copy (f->fiche);
  g_autoptr(RtesJournal) journal = NULL;
  g_autoptr(RtesRevision) revision = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) pending = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *data_text = NULL;
  gsize length;

  rtes_fiche_set_population (unsaved, 777);
  data_text = rtes_journal_serialize (unsaved, pending, &length);
  g_assert_true (rtes_journal_write (rtes_library_get_dir (f->library), "belcombe", data_text, length,
                                     &error));
  journal = rtes_journal_read (rtes_library_get_dir (f->library), "belcombe", &error);
  g_assert_no_error (error);
  g_assert_nonnull (rtes_workspace_restore (f->workspace, journal, &error));
  g_assert_no_error (error);
  rtes_gui_test_wait_until (document_saved, f, 5000, "the save");
  revision = last_revision (f, "belcombe");
  g_assert_cmpint (rtes_revision_get_origin (revision), ==, RTES_CHANGE_ORIGIN_RESTORE);
  g_assert_null (rtes_revision_get_detail (revision));
  g_assert_true (g_strv_contains (rtes_revision_get_fields (revision), "population"));
}

/* A sync wrote the file and recorded it; the document then takes the
 * file, and the history does not count it twice. */
static void
test_pull_recorded_once (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RtesFiche) pulled = rtes_fiche_copy (f->fiche);
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = rtes_test_read_file (f->path, NULL);
  g_autofree char *after = NULL;

  rtes_workspace_hold_watcher (f->workspace);
  rtes_fiche_set_city (pulled, "Ville du site");
  g_free (rtes_gui_test_write_fiche (f->dir, pulled));
  after = rtes_test_read_file (f->path, NULL);
  g_assert_cmpuint (rtes_history_record (history_of (f), "belcombe", before, after, RTES_CHANGE_ORIGIN_PULL,
                                         "r7", &error), ==, 2);
  g_assert_true (rtes_workspace_reload_from_disk (f->workspace, "belcombe", RTES_CHANGE_ORIGIN_PULL,
                                                  "Pull", &error));
  g_assert_no_error (error);
  rtes_workspace_release_watcher (f->workspace);
  rtes_gui_test_run_for (400);
  revisions = revisions_of (f, "belcombe");
  g_assert_cmpuint (revisions->len, ==, 2);
  g_assert_cmpstr (rtes_revision_get_detail (revisions->pdata[1]), ==, "r7");
}

int
main (int   argc,
      char *argv[])
{
  rtes_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/document/history/typed", test_typed);
  ADD ("/document/history/outside-change-and-deletion", test_outside_change_and_deletion);
  ADD ("/document/history/import", test_import_through_documents);
  ADD ("/document/history/rename", test_rename);
  ADD ("/document/history/restore-is-undoable", test_restore_is_undoable);
  ADD ("/document/history/journal-restored", test_journal_restored);
  ADD ("/document/history/pull-recorded-once", test_pull_recorded_once);
#undef ADD

  return g_test_run ();
}
