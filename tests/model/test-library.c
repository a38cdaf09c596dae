/* test-library.c: a folder of fiches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rtes-fiche-json.h"
#include "rtes-library.h"
#include "rtes-test-util.h"

static const char *fiche_a =
  "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"audincourt\",\"name\":\"Audincourt\"}";
static const char *fiche_b =
  "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"dijon-metropole\",\"name\":\"Dijon Métropole\"}";

static void
test_open_with_broken_file (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("library");
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  RtesFiche *broken;

  g_free (rtes_test_write_file (dir, "dijon-metropole.json", fiche_b));
  g_free (rtes_test_write_file (dir, "audincourt.json", fiche_a));
  g_free (rtes_test_write_file (dir, "broken.json", "{\"format\":\"rtes-fiche\",\n\"version\":1,"));
  /* Not fiches: a leftover temporary file, a note, a bad name. */
  g_free (rtes_test_write_file (dir, "audincourt.json.X1Y2Z3", "partial"));
  g_free (rtes_test_write_file (dir, "README.txt", "notes"));
  g_free (rtes_test_write_file (dir, "Bad Name.json", fiche_a));

  library = rtes_library_open (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 3);
  g_assert_cmpstr (rtes_fiche_get_name (rtes_library_lookup (library, "audincourt")), ==, "Audincourt");
  broken = rtes_library_lookup (library, "broken");
  g_assert_nonnull (broken);
  g_assert_error ((GError *) rtes_fiche_get_load_error (broken), RTES_FICHE_ERROR, RTES_FICHE_ERROR_PARSE);
  g_assert_nonnull (strstr (rtes_fiche_get_load_error (broken)->message, "broken.json:"));
  /* Sorted by id. */
  {
    g_autoptr(RtesFiche) first = g_list_model_get_item (G_LIST_MODEL (library), 0);
    g_autoptr(RtesFiche) last = g_list_model_get_item (G_LIST_MODEL (library), 2);

    g_assert_cmpstr (rtes_fiche_get_id (first), ==, "audincourt");
    g_assert_cmpstr (rtes_fiche_get_id (last), ==, "dijon-metropole");
  }
  rtes_test_remove_tree (dir);
}

static void
test_list_ids (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("library");
  g_autofree char *missing = g_build_filename (dir, "new", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) none = NULL;
  const char *expected[] = { "audincourt", "broken", "dijon-metropole", NULL };

  g_free (rtes_test_write_file (dir, "dijon-metropole.json", fiche_b));
  g_free (rtes_test_write_file (dir, "audincourt.json", fiche_a));
  g_free (rtes_test_write_file (dir, "broken.json", "{"));
  g_free (rtes_test_write_file (dir, "audincourt.json.X1Y2Z3", "partial"));
  g_free (rtes_test_write_file (dir, "Bad Name.json", fiche_a));

  /* The files rtes_library_open() would load, in its order, unread. */
  ids = rtes_library_list_ids (dir, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_equal ((const char * const *) ids, expected));

  /* Listing is reading: a missing folder is an error, and stays missing. */
  none = rtes_library_list_ids (missing, &error);
  g_assert_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_NO_FOLDER);
  g_assert_null (none);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  rtes_test_remove_tree (dir);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static void
test_create_unique (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("create");
  g_autoptr(RtesLibrary) library = rtes_library_open (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  RtesFiche *first, *second;
  guint changes = 0;

  g_signal_connect (library, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  first = rtes_library_create (library, "Commune de Test", &error);
  g_assert_no_error (error);
  second = rtes_library_create (library, "  commune de  TEST ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rtes_fiche_get_id (first), ==, "commune-de-test");
  g_assert_cmpstr (rtes_fiche_get_id (second), ==, "commune-de-test-2");
  g_assert_cmpstr (rtes_fiche_get_name (second), ==, "commune de  TEST");
  g_assert_true (rtes_fiche_is_draft (first));
  g_assert_nonnull (rtes_fiche_get_updated (first));
  g_assert_cmpuint (changes, ==, 2);

  path = rtes_library_get_fiche_path (library, "commune-de-test");
  data = rtes_test_read_file (path, NULL);
  g_assert_true (g_str_has_prefix (data, "{\n  \"format\": \"rtes-fiche\",\n  \"version\": 1,\n"));
  g_assert_true (rtes_library_lookup_by_name (library, "COMMUNE DE TÉST") == first);

  g_assert_null (rtes_library_create (library, " ", &error));
  g_assert_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_INVALID_ID);
  rtes_test_remove_tree (dir);
}

static void
test_rename (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("rename");
  g_autoptr(RtesLibrary) library = rtes_library_open (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *old_path = NULL;
  g_autofree char *new_path = NULL;
  RtesFiche *fiche = rtes_library_create (library, "Audincourt", &error);
  RtesFiche *other = rtes_library_create (library, "Besançon", &error);

  old_path = rtes_library_get_fiche_path (library, "audincourt");
  g_assert_true (rtes_library_rename (library, fiche, "ville-d-audincourt", &error));
  g_assert_no_error (error);
  new_path = rtes_library_get_fiche_path (library, "ville-d-audincourt");
  g_assert_false (g_file_test (old_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (new_path, G_FILE_TEST_EXISTS));
  g_assert_true (rtes_library_lookup (library, "ville-d-audincourt") == fiche);
  g_assert_null (rtes_library_lookup (library, "audincourt"));
  /* Once, and in order: the new id sorts after another fiche's. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 2);
  g_assert_true (rtes_library_lookup (library, "besancon") == other);
  {
    g_autoptr(RtesFiche) last = g_list_model_get_item (G_LIST_MODEL (library), 1);

    g_assert_true (last == fiche);
  }

  g_assert_false (rtes_library_rename (library, fiche, "besancon", &error));
  g_assert_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (rtes_library_rename (library, other, "../escape", &error));
  g_assert_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_INVALID_ID);
  rtes_test_remove_tree (dir);
}

static void
test_delete (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("delete");
  g_autoptr(RtesLibrary) library = rtes_library_open (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *deleted_dir = g_build_filename (dir, ".rtes-fiches", "deleted", NULL);
  g_autofree char *trash_dir = g_build_filename (g_get_user_data_dir (), "Trash", "files", NULL);
  RtesFiche *fiche = rtes_library_create (library, "Audincourt", &error);
  gboolean in_trash, in_deleted;

  path = rtes_library_get_fiche_path (library, "audincourt");
  g_assert_true (rtes_library_delete (library, fiche, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (rtes_library_lookup (library, "audincourt"));

  /* Never a hard delete: the trash, or the library's own deleted folder. */
  in_trash = g_file_test (trash_dir, G_FILE_TEST_IS_DIR) && g_dir_open (trash_dir, 0, NULL) != NULL;
  in_deleted = g_file_test (deleted_dir, G_FILE_TEST_IS_DIR);
  g_assert_true (in_trash || in_deleted);
  rtes_test_remove_tree (dir);
}

static void
test_state_dir_and_paths (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("state");
  g_autoptr(RtesLibrary) library = rtes_library_open (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *state = rtes_library_get_state_dir (library, "recovery", &error);
  g_autofree char *reopened_path = NULL;
  g_autoptr(RtesLibrary) reopened = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (state, "/.rtes-fiches/recovery"));
  g_assert_true (g_file_test (state, G_FILE_TEST_IS_DIR));
  g_free (rtes_test_write_file (state, "audincourt.json", fiche_a));
  /* Bookkeeping is never listed as fiches. */
  reopened = rtes_library_open (dir, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reopened)), ==, 0);
  rtes_test_remove_tree (dir);
}

static void
test_reload (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("reload");
  g_autofree char *path = rtes_test_write_file (dir, "audincourt.json", fiche_a);
  g_autoptr(RtesLibrary) library = rtes_library_open (dir, NULL);
  g_autoptr(GError) error = NULL;
  RtesFiche *fiche;

  g_free (rtes_test_write_file (dir, "audincourt.json",
          "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"audincourt\",\"name\":\"Ville d'Audincourt\"}"));
  fiche = rtes_library_reload (library, "audincourt", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rtes_fiche_get_name (fiche), ==, "Ville d'Audincourt");
  g_assert_true (rtes_library_lookup (library, "audincourt") == fiche);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 1);

  g_remove (path);
  g_assert_null (rtes_library_reload (library, "audincourt", &error));
  g_assert_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_NOT_FOUND);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 0);
  rtes_test_remove_tree (dir);
}

static gboolean
keep_existing (RtesLibrary *library,
               RtesFiche   *existing,
               RtesFiche   *loaded,
               gpointer     data)
{
  /* What the owner of a shown fiche does: take the file's content itself. */
  g_assert_cmpstr (rtes_fiche_get_name (loaded), ==, "Ville d'Audincourt");
  *(guint *) data += 1;
  return TRUE;
}

/* A handler of ::reload keeps the listed object. */
static void
test_reload_kept (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("reload");
  g_autofree char *path = rtes_test_write_file (dir, "audincourt.json", fiche_a);
  g_autoptr(RtesLibrary) library = rtes_library_open (dir, NULL);
  RtesFiche *shown = rtes_library_lookup (library, "audincourt");
  guint asked = 0;

  g_signal_connect (library, "reload", G_CALLBACK (keep_existing), &asked);
  g_free (rtes_test_write_file (dir, "audincourt.json",
          "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"audincourt\",\"name\":\"Ville d'Audincourt\"}"));
  g_assert_true (rtes_library_reload (library, "audincourt", NULL) == shown);
  g_assert_true (rtes_library_lookup (library, "audincourt") == shown);
  g_assert_cmpstr (rtes_fiche_get_name (shown), ==, "Audincourt");
  g_assert_cmpuint (asked, ==, 1);
  rtes_test_remove_tree (dir);
}

/* Listed without a file: the document of an imported fiche saves it. */
static void
test_add (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("add");
  g_autoptr(RtesLibrary) library = rtes_library_open (dir, NULL);
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("audincourt", "Audincourt");
  g_autoptr(RtesFiche) same_id = rtes_fiche_new ("audincourt", "Autre");
  g_autoptr(RtesFiche) bad_id = rtes_fiche_new ("../x", "Autre");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_assert_true (rtes_library_add (library, fiche, &error));
  g_assert_no_error (error);
  g_assert_true (rtes_library_lookup (library, "audincourt") == fiche);
  path = rtes_library_get_fiche_path (library, "audincourt");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (rtes_library_add (library, same_id, &error));
  g_assert_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (rtes_library_add (library, bad_id, &error));
  g_assert_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_INVALID_ID);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 1);
  rtes_test_remove_tree (dir);
}

static void
test_default_path (void)
{
  g_autofree char *path = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "rtes-fiches", "library", NULL);

  g_setenv ("RTES_FICHES_LIBRARY", "", TRUE);
  path = rtes_library_default_path ();
  g_assert_cmpstr (path, ==, expected);
  g_free (path);
  g_setenv ("RTES_FICHES_LIBRARY", "/srv/fiches", TRUE);
  path = rtes_library_default_path ();
  g_assert_cmpstr (path, ==, "/srv/fiches");
  g_unsetenv ("RTES_FICHES_LIBRARY");
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RtesLibrary **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = rtes_library_open_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_open_async (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("async");
  RtesLibrary *library = NULL;

  g_free (rtes_test_write_file (dir, "audincourt.json", fiche_a));
  rtes_library_open_async (dir, NULL, opened_cb, &library);
  while (library == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 1);
  g_object_unref (library);
  rtes_test_remove_tree (dir);
}

/* Issue 15, findings 1 and 8, as the window opens a library at start-up:
 * a document that overflowed json-glib's stack, a FIFO that blocked the
 * loading for ever and a link to a device are each listed as broken, with
 * where and why, and the others load. */
static void
test_open_async_hostile (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("async-hostile");
  g_autofree char *fifo = g_build_filename (dir, "fifo.json", NULL);
  g_autofree char *device = g_build_filename (dir, "device.json", NULL);
  g_autoptr(GString) deep = rtes_test_deep_after_comment ();
  RtesLibrary *library = NULL;
  struct {
    const char *id;
    const char *message;
  } expected[] = {
    { "deep", "deep.json:1:2: JSON has no comments" },
    { "device", "device.json is a symbolic link" },
    { "fifo", "fifo.json is not a regular file" },
  };

  g_free (rtes_test_write_file (dir, "deep.json", deep->str));
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", device), ==, 0);
  g_free (rtes_test_write_file (dir, "audincourt.json", fiche_a));

  rtes_library_open_async (dir, NULL, opened_cb, &library);
  while (library == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 4);
  g_assert_null (rtes_fiche_get_load_error (rtes_library_lookup (library, "audincourt")));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      RtesFiche *fiche = rtes_library_lookup (library, expected[i].id);
      const GError *error = rtes_fiche_get_load_error (fiche);

      g_assert_nonnull (error);
      if (strstr (error->message, expected[i].message) == NULL)
        g_error ("“%s” not found in “%s”", expected[i].message, error->message);
    }
  g_object_unref (library);
}

/* Issue 10, finding 10: what a library is, so that a home folder or a
 * folder of photos is not opened as an empty library. */
static void
test_library_folder (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("rtes-library-folder");
  g_autofree char *missing = g_build_filename (dir, "nouvelle", NULL);
  g_autofree char *empty = g_build_filename (dir, "vide", NULL);
  g_autofree char *photos = g_build_filename (dir, "photos", NULL);
  g_autofree char *fiches = g_build_filename (dir, "fiches", NULL);
  g_autofree char *state = NULL;
  g_autoptr(GError) error = NULL;

  g_free (rtes_test_write_file (empty, ".directory", "hidden"));
  g_free (rtes_test_write_file (photos, "vacances.jpg", "not a fiche"));
  g_free (rtes_test_write_file (photos, "notes.json", "{}"));
  g_free (rtes_test_write_file (fiches, "README.md", "# Fiches"));
  g_free (rtes_test_write_file (fiches, "dijon.json", "{\n  \"format\": \"rtes-fiche\",\n  \"version\": 1\n}\n"));

  g_assert_true (rtes_library_is_library_folder (missing));
  g_assert_true (rtes_library_is_library_folder (empty));
  g_assert_true (rtes_library_is_library_folder (fiches));
  g_assert_false (rtes_library_is_library_folder (photos));
  /* Asking writes nothing. */
  state = g_build_filename (photos, RTES_LIBRARY_STATE_DIR, NULL);
  g_assert_false (g_file_test (state, G_FILE_TEST_EXISTS));

  /* Made one on request: marked from then on. */
  g_assert_true (rtes_library_claim_folder (photos, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (state, G_FILE_TEST_IS_DIR));
  g_assert_true (rtes_library_is_library_folder (photos));

  rtes_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/model/library/open-with-broken-file", test_open_with_broken_file);
  g_test_add_func ("/model/library/list-ids", test_list_ids);
  g_test_add_func ("/model/library/what-is-a-library", test_library_folder);
  g_test_add_func ("/model/library/create-unique", test_create_unique);
  g_test_add_func ("/model/library/rename", test_rename);
  g_test_add_func ("/model/library/delete-to-trash", test_delete);
  g_test_add_func ("/model/library/state-dir", test_state_dir_and_paths);
  g_test_add_func ("/model/library/reload", test_reload);
  g_test_add_func ("/model/library/reload-kept", test_reload_kept);
  g_test_add_func ("/model/library/add", test_add);
  g_test_add_func ("/model/library/default-path", test_default_path);
  g_test_add_func ("/model/library/open-async", test_open_async);
  g_test_add_func ("/model/library/open-async-hostile", test_open_async_hostile);
  return g_test_run ();
}
