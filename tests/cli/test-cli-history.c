/* test-cli-history.c: history, show --at and restore, and the CLI's
 * writers (new, import, format) recording revisions
 *
 * Runs the built executable ($RTES_FICHES_CLI) as a person would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "rtes-fiche-json.h"
#include "rtes-history.h"
#include "rtes-library.h"
#include "rtes-test-util.h"

typedef struct {
  char *dir;
  char *library;
} Fixture;


static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = rtes_test_make_tmpdir ("cli-history");
  f->library = g_build_filename (f->dir, "library", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (!g_test_failed ())
    rtes_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->library);
}

/* Changes the fiche file of @id as another editor would. */
static void
edit_on_disk (Fixture    *f,
              const char *id,
              gint64      population)
{
  g_autofree char *path = rtes_test_fiche_path (f->library, id);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(RtesFiche) fiche = rtes_fiche_load (file, NULL);
  g_autofree char *data = NULL;

  g_assert_nonnull (fiche);
  rtes_fiche_set_population (fiche, population);
  data = rtes_fiche_to_data (fiche, NULL);
  /* Not canonical: another tool's spacing. */
  g_assert_true (g_file_set_contents (path, data, strlen (data) - 1, NULL));
}

static JsonArray *
history_json (Fixture    *f,
              const char *id,
              const char *field)
{
  g_auto(RtesTestRun) run = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (field != NULL)
    rtes_test_run_cli_expect (&run, 0, f->library, "history", id, "--json", "--field", field, NULL);
  else
    rtes_test_run_cli_expect (&run, 0, f->library, "history", id, "--json", NULL);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

static JsonObject *
revision_at (JsonArray *revisions,
             guint      number)
{
  g_assert_cmpuint (json_array_get_length (revisions), >=, number);
  return json_array_get_object_element (revisions, number - 1);
}

static void
test_new_edit_restore (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(RtesTestRun) run = { 0 };
  g_autoptr(JsonArray) revisions = NULL;
  g_autofree char *author = rtes_history_default_author ();
  g_autofree char *path = rtes_test_fiche_path (f->library, "ville-de-test");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(RtesFiche) fiche = NULL;
  JsonObject *revision, *change;

  rtes_test_run_cli_expect (&run, 0, f->library, "new", "Ville de Test", NULL);
  edit_on_disk (f, "ville-de-test", 4242);

  /* history sees the edit made outside first. */
  rtes_test_run_cli_expect (&run, 0, f->library, "history", "ville-de-test", NULL);
  g_assert_nonnull (strstr (run.out, "Ville de Test (ville-de-test): 2 revisions"));
  g_assert_nonnull (strstr (run.out, "Someone else — Changed outside the application"));
  g_assert_nonnull (strstr (run.out, "Population: (empty) → 4\u202F242"));
  g_assert_nonnull (strstr (run.out, "Created here"));
  /* Latest first. */
  g_assert_true (strstr (run.out, "Changed outside") < strstr (run.out, "Created here"));
  g_assert_null (strstr (run.out, "{"));

  revisions = history_json (f, "ville-de-test", NULL);
  g_assert_cmpuint (json_array_get_length (revisions), ==, 2);
  revision = revision_at (revisions, 1);
  g_assert_cmpstr (json_object_get_string_member (revision, "origin"), ==, "typed");
  g_assert_cmpstr (json_object_get_string_member (revision, "kind"), ==, "created");
  g_assert_cmpstr (json_object_get_string_member (revision, "author"), ==, author);
  revision = revision_at (revisions, 2);
  g_assert_cmpstr (json_object_get_string_member (revision, "origin"), ==, "disk");
  g_assert_cmpstr (json_object_get_string_member (revision, "author"), ==, "");
  change = json_array_get_object_element (json_object_get_array_member (revision, "changes"), 0);
  g_assert_cmpstr (json_object_get_string_member (change, "path"), ==, "population");
  g_assert_cmpint (json_object_get_int_member (change, "new"), ==, 4242);

  /* show --at: the fiche as it was. */
  rtes_test_run_cli_expect (&run, 0, f->library, "show", "ville-de-test", "--at", "2", NULL);
  g_assert_nonnull (strstr (run.out, "Population: 4242"));
  rtes_test_run_cli_expect (&run, 0, f->library, "show", "ville-de-test", "--at", "1", "--json", NULL);
  g_assert_null (strstr (run.out, "4242"));
  rtes_test_run_cli_expect (&run, 1, f->library, "show", "ville-de-test", "--at", "9", NULL);
  g_assert_nonnull (strstr (run.err, "has no revision 9"));

  /* restore one field: a revision of its own. */
  rtes_test_run_cli_expect (&run, 0, f->library, "restore", "ville-de-test", "--at", "1", "--field", "population", NULL);
  g_assert_nonnull (strstr (run.out, "now revision 3"));
  fiche = rtes_fiche_load (file, NULL);
  g_assert_cmpint (rtes_fiche_get_population (fiche), ==, RTES_NO_NUMBER);
  g_clear_pointer (&revisions, json_array_unref);
  revisions = history_json (f, "ville-de-test", "population");
  g_assert_cmpuint (json_array_get_length (revisions), ==, 3);
  revision = revision_at (revisions, 3);
  g_assert_cmpstr (json_object_get_string_member (revision, "origin"), ==, "restore");
  g_assert_cmpstr (json_object_get_string_member (revision, "detail"), ==, "1");
  /* --field leaves out the other places the revision changed ("updated"). */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (revision, "changes")), ==, 1);

  rtes_test_run_cli_expect (&run, 0, f->library, "restore", "ville-de-test", "--at", "1", "--field", "population", NULL);
  g_assert_nonnull (strstr (run.out, "Nothing to restore"));
}

static void
test_deleted_comes_back (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(RtesTestRun) run = { 0 };
  g_autoptr(JsonArray) revisions = NULL;
  g_autofree char *path = rtes_test_fiche_path (f->library, "ville-de-test");

  rtes_test_run_cli (&run, f->library, "new", "Ville de Test", NULL);
  edit_on_disk (f, "ville-de-test", 77);
  rtes_test_run_cli (&run, f->library, "history", "ville-de-test", NULL);
  g_assert_cmpint (g_unlink (path), ==, 0);

  rtes_test_run_cli_expect (&run, 0, f->library, "history", "ville-de-test", NULL);
  g_assert_nonnull (strstr (run.out, "Deleted outside the application"));
  rtes_test_run_cli_expect (&run, 0, f->library, "show", "ville-de-test", "--at", "2", NULL);
  g_assert_nonnull (strstr (run.out, "Population: 77"));
  rtes_test_run_cli_expect (&run, 1, f->library, "restore", "ville-de-test", "--at", "3", NULL);
  g_assert_nonnull (strstr (run.err, "deletion"));
  rtes_test_run_cli_expect (&run, 1, f->library, "restore", "ville-de-test", "--at", "2", "--field", "population", NULL);

  rtes_test_run_cli_expect (&run, 0, f->library, "restore", "ville-de-test", "--at", "2", NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  revisions = history_json (f, "ville-de-test", NULL);
  g_assert_cmpuint (json_array_get_length (revisions), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (revision_at (revisions, 3), "kind"), ==, "deleted");
  g_assert_cmpstr (json_object_get_string_member (revision_at (revisions, 4), "kind"), ==, "created");
  g_assert_cmpstr (json_object_get_string_member (revision_at (revisions, 4), "origin"), ==, "restore");
}

static void
test_import_and_format (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(RtesTestRun) run = { 0 };
  g_autoptr(JsonArray) revisions = NULL;
  g_autofree char *export = rtes_test_source_path ("import", "fixtures", "occitanie-export.txt", NULL);
  g_autofree char *state = NULL;
  g_auto(GStrv) ids = NULL;
  const char *id;

  /* A library already canonical: format writes nothing, not even a history. */
  g_assert_cmpint (g_mkdir_with_parents (f->library, 0755), ==, 0);
  rtes_test_run_cli_expect (&run, 0, f->library, "format", NULL);
  state = g_build_filename (f->library, ".rtes-fiches", NULL);
  g_assert_false (g_file_test (state, G_FILE_TEST_EXISTS));

  rtes_test_run_cli (&run, f->library, "import", export, NULL);
  g_assert_cmpint (run.status, !=, 2);
  ids = rtes_library_list_ids (f->library, NULL);
  g_assert_nonnull (ids);
  g_assert_nonnull (ids[0]);
  id = ids[0];
  revisions = history_json (f, id, NULL);
  g_assert_cmpuint (json_array_get_length (revisions), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (revision_at (revisions, 1), "origin"), ==, "import");
  g_assert_cmpstr (json_object_get_string_member (revision_at (revisions, 1), "detail"), ==,
                   "occitanie-export.txt");

  /* format: the outside edit is recorded as such; formatting adds none. */
  edit_on_disk (f, id, 31);
  rtes_test_run_cli_expect (&run, 0, f->library, "format", NULL);
  g_assert_nonnull (strstr (run.out, "Formatted"));
  g_clear_pointer (&revisions, json_array_unref);
  revisions = history_json (f, id, NULL);
  g_assert_cmpuint (json_array_get_length (revisions), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (revision_at (revisions, 2), "origin"), ==, "disk");
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_auto(RtesTestRun) run = { 0 };

  rtes_test_run_cli (&run, f->library, "new", "Ville de Test", NULL);
  rtes_test_run_cli_expect (&run, 2, f->library, "restore", "ville-de-test", NULL);
  rtes_test_run_cli_expect (&run, 2, f->library, "restore", "ville-de-test", "--at", "zero", NULL);
  rtes_test_run_cli_expect (&run, 2, f->library, "history", "ville-de-test", "--field", "contacts[", NULL);
  rtes_test_run_cli_expect (&run, 2, f->library, "history", "../etc", NULL);
  rtes_test_run_cli_expect (&run, 1, f->library, "history", "nowhere", NULL);
  g_assert_nonnull (strstr (run.err, "nor in its history"));
  rtes_test_run_cli_expect (&run, 1, f->library, "restore", "ville-de-test", "--at", "1", "--field", "id", NULL);
}

static void
test_damaged_store (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(RtesTestRun) run = { 0 };
  g_autofree char *store = NULL;

  rtes_test_run_cli (&run, f->library, "new", "Ville de Test", NULL);
  store = g_build_filename (f->library, RTES_HISTORY_DIR, RTES_HISTORY_FILE, NULL);
  g_assert_true (g_file_set_contents (store, "garbage, not a database: not even its header is right, "
                                             "and it goes on long enough to be read as one.", -1, NULL));
  rtes_test_run_cli_expect (&run, 0, f->library, "history", "ville-de-test", NULL);
  g_assert_nonnull (strstr (run.err, "warning: The history of the fiches could not be read"));
  g_assert_nonnull (strstr (run.err, "set aside"));
  /* A new one, from the file as it is. */
  g_assert_nonnull (strstr (run.out, "1 revision"));
  g_assert_nonnull (strstr (run.out, "Found in the library"));
}

int
main (int   argc,
      char *argv[])
{
  rtes_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/history/new-edit-restore", test_new_edit_restore);
  ADD ("/cli/history/deleted-comes-back", test_deleted_comes_back);
  ADD ("/cli/history/import-and-format", test_import_and_format);
  ADD ("/cli/history/usage", test_usage);
  ADD ("/cli/history/damaged-store", test_damaged_store);
#undef ADD

  return g_test_run ();
}
