/* test-fiche.c: the fiche document: JSON, canonical form, saving, signals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "rtes-atomic-file.h"
#include "rtes-budget-totals.h"
#include "rtes-fiche-json.h"
#include "rtes-json-writer.h"
#include "rtes-library.h"
#include "rtes-text.h"
#include "rtes-test-util.h"

static char *
fixture (const char *name)
{
  return rtes_test_source_path ("model", "fixtures", name, NULL);
}

static RtesFiche *
load_fixture (const char *name)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  RtesFiche *fiche = rtes_fiche_load (file, &error);

  g_assert_no_error (error);
  return fiche;
}

static const char *
fixture_id_file (const char *dir,
                 const char *fixture_name,
                 const char *target_name)
{
  g_autofree char *src = fixture (fixture_name);
  g_autofree char *data = rtes_test_read_file (src, NULL);

  return rtes_test_write_file (dir, target_name, data);
}

/* Loading then saving a canonical file gives the same bytes. */
static void
test_round_trip (void)
{
  g_autofree char *path = fixture ("communaute-urbaine-creusot-montceau.json");
  g_autofree char *original = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesFiche) fiche = NULL;
  gsize length, original_length;

  original = rtes_test_read_file (path, &original_length);
  fiche = rtes_fiche_new_from_data (original, original_length, "communaute-urbaine-creusot-montceau.json", &error);
  g_assert_no_error (error);
  data = rtes_fiche_to_data (fiche, &length);
  g_assert_cmpstr (data, ==, original);
  g_assert_cmpuint (length, ==, original_length);
}

static void
test_fields (void)
{
  g_autoptr(RtesFiche) fiche = load_fixture ("communaute-urbaine-creusot-montceau.json");
  g_autoptr(RtesContact) contact = NULL;
  g_autoptr(RtesBudgetLine) line = NULL;

  g_assert_cmpstr (rtes_fiche_get_name (fiche), ==, "Communauté urbaine Creusot-Montceau");
  g_assert_cmpstr (rtes_fiche_get_kind (fiche), ==, "communaute-urbaine");
  g_assert_cmpint (rtes_fiche_get_population (fiche), ==, 97000);
  g_assert_cmpint (rtes_fiche_get_member_since (fiche), ==, 2001);
  g_assert_cmpstr (rtes_fiche_get_address_lines (fiche)[1], ==, "BP69");
  g_assert_cmpstr (rtes_fiche_get_city (fiche), ==, "Le Creusot Cedex");
  g_assert_false (rtes_fiche_is_draft (fiche));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rtes_fiche_get_contacts (fiche))), ==, 2);
  contact = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (fiche)), 1);
  g_assert_cmpstr (rtes_contact_get_category (contact), ==, "staff");
  g_assert_true (rtes_contact_get_rtes_board (contact));
  line = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche)), 1);
  g_assert_cmpfloat (rtes_budget_line_get_amount (line), ==, 6100000.5);
  g_assert_null (rtes_budget_line_get_section (line));
  g_assert_cmpint (rtes_budget_line_get_year (line), ==, RTES_BUDGET_NO_YEAR);
  g_assert_true (rtes_budget_line_get_forecast (line));
}

/* Unknown members survive at every level, in their place. */
static void
test_unknown_members (void)
{
  g_autoptr(RtesFiche) fiche = load_fixture ("communaute-urbaine-creusot-montceau.json");
  g_autofree char *data = NULL;
  g_autoptr(RtesContact) contact = NULL;

  g_assert_true (json_object_has_member (rtes_fiche_get_extra (fiche), "site_extra"));
  g_assert_true (json_object_has_member (rtes_fiche_get_address_extra (fiche), "geo"));
  g_assert_true (json_object_has_member (rtes_fiche_get_budget_extra (fiche), "currency"));
  contact = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (fiche)), 1);
  g_assert_true (json_object_has_member (rtes_contact_get_extra (contact), "linkedin"));

  /* An edit elsewhere keeps them, after the known members. */
  rtes_fiche_set_city (fiche, "Le Creusot");
  data = rtes_fiche_to_data (fiche, NULL);
  g_assert_nonnull (strstr (data, "\"country\": \"France\",\n    \"geo\": {"));
  g_assert_nonnull (strstr (data, "\"site_extra\": {"));
  g_assert_true (strstr (data, "\"site_extra\"") < strstr (data, "\"zz_last\": \"kept in place\"\n}"));
  g_assert_nonnull (strstr (data, "\"source\": \"site\""));
}

/* Item keys are read, written first in their item, kept by copies, and
 * written only for items that have one. */
static void
test_item_keys (void)
{
  const char *json =
    "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"k\",\"name\":\"K\","
    "\"budget\":{\"lines\":[{\"amount\":1,\"key\":\"L-1\"},{\"amount\":2}]},"
    "\"contacts\":[{\"name\":\"A\",\"key\":\"c7f3a2\"},{\"name\":\"B\",\"key\":\"\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesFiche) fiche = rtes_fiche_new_from_data (json, -1, "k.json", &error);
  g_autoptr(RtesFiche) again = NULL;
  g_autoptr(RtesContact) a = NULL;
  g_autoptr(RtesContact) b = NULL;
  g_autoptr(RtesContact) copy = NULL;
  g_autoptr(RtesBudgetLine) line = NULL;
  g_autofree char *data = NULL;
  g_autofree char *data_again = NULL;
  g_autofree char *key1 = rtes_item_key_new ();
  g_autofree char *key2 = rtes_item_key_new ();
  g_auto(GStrv) parts = NULL;

  g_assert_no_error (error);
  a = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (fiche)), 0);
  b = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (fiche)), 1);
  line = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche)), 0);
  g_assert_cmpstr (rtes_contact_get_key (a), ==, "c7f3a2");
  g_assert_cmpstr (rtes_contact_get_key (b), ==, "");
  g_assert_cmpstr (rtes_budget_line_get_key (line), ==, "L-1");
  g_assert_false (json_object_has_member (rtes_contact_get_extra (a), "key"));

  data = rtes_fiche_to_data (fiche, NULL);
  g_assert_nonnull (strstr (data, "{\n        \"key\": \"L-1\",\n        \"amount\": 1,"));
  g_assert_nonnull (strstr (data, "{\n      \"key\": \"c7f3a2\",\n      \"role\": \"\","));
  parts = g_strsplit (data, "\"key\"", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  again = rtes_fiche_new_from_data (data, -1, "k.json", &error);
  g_assert_no_error (error);
  data_again = rtes_fiche_to_data (again, NULL);
  g_assert_cmpstr (data_again, ==, data);

  copy = rtes_contact_copy (a);
  g_assert_cmpstr (rtes_contact_get_key (copy), ==, "c7f3a2");
  g_assert_true (rtes_contact_equal (copy, a));
  rtes_contact_set_key (copy, "other");
  g_assert_false (rtes_contact_equal (copy, a));

  g_assert_true (rtes_item_key_is_valid (key1));
  g_assert_cmpuint (strlen (key1), ==, 8);
  g_assert_cmpstr (key1, !=, key2);
  g_assert_false (rtes_item_key_is_valid (""));
  g_assert_false (rtes_item_key_is_valid ("a]b"));
  g_assert_false (rtes_item_key_is_valid ("a.b"));
}

typedef struct {
  const char *json;
  int         code;
  const char *message;
} ErrorCase;

static void
test_type_errors (void)
{
  static const ErrorCase cases[] = {
    { "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"a\",\"name\":3}",
      RTES_FICHE_ERROR_TYPE, "t.json:1:52: name: expected a string" },
    { "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"a\",\"name\":\"A\",\n"
      "\"contacts\":[{},{},{\"email\":42}]}",
      RTES_FICHE_ERROR_TYPE, "t.json:2:28: contacts[2].email: expected a string" },
    { "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"a\",\"name\":\"A\",\"population\":\"12\"}",
      RTES_FICHE_ERROR_TYPE, "population: expected an integer or null" },
    { "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"a\",\"name\":\"A\",\"population\":1.5}",
      RTES_FICHE_ERROR_TYPE, "population: expected an integer or null" },
    { "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"a\",\"name\":\"A\",\"address\":[]}",
      RTES_FICHE_ERROR_TYPE, "address: expected an object" },
    { "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"a\",\"name\":\"A\",\"address\":{\"lines\":[\"x\",1]}}",
      RTES_FICHE_ERROR_TYPE, "address.lines[1]: expected a string" },
    { "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"a\",\"name\":\"A\",\"budget\":{\"lines\":[{\"amount\":\"10\"}]}}",
      RTES_FICHE_ERROR_TYPE, "budget.lines[0].amount: expected a number" },
    { "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"a\",\"name\":\"A\",\"budget\":{\"lines\":[{\"forecast\":1}]}}",
      RTES_FICHE_ERROR_TYPE, "budget.lines[0].forecast: expected true or false" },
    { "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"a\",\"name\":\"A\",\"contacts\":[{\"rtes_board\":\"yes\"}]}",
      RTES_FICHE_ERROR_TYPE, "contacts[0].rtes_board: expected true or false" },
    { "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"a\",\"name\":\"A\",\"contacts\":[{\"key\":\"a]b\"}]}",
      RTES_FICHE_ERROR_TYPE, "contacts[0].key: expected a key" },
    { "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"a\",\"name\":\"A\",\"budget\":{\"lines\":[{\"key\":7}]}}",
      RTES_FICHE_ERROR_TYPE, "budget.lines[0].key: expected a string" },
    { "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"a\",\"name\":\"A\",\"tags\":\"iae\"}",
      RTES_FICHE_ERROR_TYPE, "tags: expected an array of strings" },
    { "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"a\",\"name\":\"A\",\"kind\":false}",
      RTES_FICHE_ERROR_TYPE, "kind: expected a string or null" },
    { "{\"format\":\"rtes-fiche\",\"version\":\"1\",\"id\":\"a\",\"name\":\"A\"}",
      RTES_FICHE_ERROR_TYPE, "version: expected an integer" },
    { "{\"format\":\"rtes-fiche\",\"version\":1,\"name\":\"A\"}",
      RTES_FICHE_ERROR_MISSING, "t.json: id: required member is missing" },
    { "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"../../etc/passwd\",\"name\":\"A\"}",
      RTES_FICHE_ERROR_INVALID_ID, "id \"../../etc/passwd\" is not valid" },
    { "{\"format\":\"other\",\"version\":1}",
      RTES_FICHE_ERROR_FORMAT, "not a fiche document" },
    { "[1,2]", RTES_FICHE_ERROR_FORMAT, "expected a JSON object" },
    { "", RTES_FICHE_ERROR_PARSE, "t.json: the document is empty" },
    { "{\"format\": \"rtes-fiche\",\n  \"version\": 1,\n  \"id\": }", RTES_FICHE_ERROR_PARSE, "t.json:3:" },
    { "{\"name\": \"\xff\xfe\"}", RTES_FICHE_ERROR_PARSE, "t.json:1:11: not valid UTF-8 text" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RtesFiche) fiche = rtes_fiche_new_from_data (cases[i].json, -1, "t.json", &error);

      g_test_message ("case %u: %s", i, cases[i].json);
      g_assert_null (fiche);
      g_assert_error (error, RTES_FICHE_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” does not contain “%s”", i, error->message, cases[i].message);
    }
}

/* A file from a newer version is refused with a clear message, and
 * neither the library nor "format" rewrites it. */
static void
test_newer_version (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("newer");
  g_autofree char *path = (char *) fixture_id_file (dir, "newer-version.json", "newer-version.json");
  g_autofree char *before = rtes_test_read_file (path, NULL);
  g_autofree char *after = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesFiche) fiche = rtes_fiche_load (file, &error);
  g_autoptr(RtesLibrary) library = NULL;
  RtesFiche *listed;

  g_assert_null (fiche);
  g_assert_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_NEWER_VERSION);
  g_assert_nonnull (strstr (error->message, "newer-version.json"));
  g_assert_nonnull (strstr (error->message, "format version 2"));
  g_clear_error (&error);

  library = rtes_library_open (dir, &error);
  g_assert_no_error (error);
  listed = rtes_library_lookup (library, "newer-version");
  g_assert_nonnull (listed);
  g_assert_error ((GError *) rtes_fiche_get_load_error (listed), RTES_FICHE_ERROR,
                  RTES_FICHE_ERROR_NEWER_VERSION);
  g_assert_false (rtes_library_save (library, listed, &error));
  g_assert_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_BROKEN);
  g_clear_error (&error);

  /* Not even a fresh fiche with the same id may replace it. */
  {
    g_autoptr(RtesFiche) other = rtes_fiche_new ("newer-version", "Impostor");

    g_assert_false (rtes_library_save (library, other, &error));
    g_assert_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_BROKEN);
  }

  after = rtes_test_read_file (path, NULL);
  g_assert_cmpstr (after, ==, before);
  rtes_test_remove_tree (dir);
}

/* Whole numbers written as doubles load; missing optional members are
 * filled in when the fiche is written. */
/* json-glib recurses: a deeply nested document must be refused before it
 * reaches the parser, not crash it. */
static void
test_deep_nesting (void)
{
  gsize depth = 200000;   /* 400 KB: under the size limit of a fiche */
  g_autofree char *json = g_malloc (2 * depth + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesFiche) fiche = NULL;

  memset (json, '[', depth);
  memset (json + depth, ']', depth);
  json[2 * depth] = '\0';
  fiche = rtes_fiche_new_from_data (json, -1, "deep.json", &error);
  g_assert_null (fiche);
  g_assert_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "deep.json:1:65: nested more than 64 levels deep"));
  g_clear_error (&error);

  /* Brackets inside strings are text, not nesting. */
  {
    g_autofree char *brackets = g_strnfill (200, '[');
    g_autofree char *ok = g_strdup_printf ("{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"a\","
                                           "\"name\":\"%s\\\"\"}", brackets);
    g_autoptr(RtesFiche) fine = rtes_fiche_new_from_data (ok, -1, "a.json", &error);

    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (rtes_fiche_get_name (fine), "[[["));
  }
}

static void
test_non_canonical (void)
{
  const char *json = "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"x\",\"name\":\"X\","
                     "\"member_since\":2004.0,\"budget\":{\"lines\":[{\"amount\":1.0e3}]}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesFiche) fiche = rtes_fiche_new_from_data (json, -1, "x.json", &error);
  g_autofree char *data = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (rtes_fiche_get_member_since (fiche), ==, 2004);
  data = rtes_fiche_to_data (fiche, NULL);
  g_assert_nonnull (strstr (data, "\"member_since\": 2004,"));
  g_assert_nonnull (strstr (data, "\"amount\": 1000,"));
  g_assert_nonnull (strstr (data, "\"contacts\": [],"));
  g_assert_true (g_str_has_suffix (data, "\"tags\": []\n}\n"));
}

static void
test_id_must_match_file_name (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("idname");
  g_autofree char *path = (char *) fixture_id_file (dir, "communaute-urbaine-creusot-montceau.json", "other-name.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesFiche) fiche = rtes_fiche_load (file, &error);

  g_assert_null (fiche);
  g_assert_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_INVALID_ID);
  g_assert_nonnull (strstr (error->message, "expected \"other-name\""));
  rtes_test_remove_tree (dir);
}

/* ------------------------------------------------------------------ */

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d && g_dir_read_name (d))
    n++;
  return n;
}

/* Saving into a folder the user may not write to fails cleanly. Root
 * writes anywhere, so as root the save runs in a child that has dropped
 * to the "nobody" user. */
static void
save_in_read_only_child (void)
{
  const char *path = g_getenv ("RTES_TEST_TARGET");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesFiche) fiche = NULL;

  if (geteuid () == 0)
    g_assert_true (setgid (65534) == 0 && setuid (65534) == 0);
  fiche = rtes_fiche_load (file, &error);
  g_assert_no_error (error);
  rtes_fiche_set_name (fiche, "Changed");
  g_assert_false (rtes_fiche_save (fiche, file, &error));
  g_assert_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_IO);
  g_printerr ("%s\n", error->message);
}

/* Runs the test's child on a fiche alone in a new folder (read-only if
 * @read_only) and asserts that its save failed saying @stderr_pattern,
 * leaving the file as it was and no temporary file. */
static void
assert_save_fails_cleanly (gboolean    read_only,
                           const char *stderr_pattern)
{
  const char *name = "communaute-urbaine-creusot-montceau.json";
  g_autofree char *dir = rtes_test_make_tmpdir ("failed-save");
  g_autofree char *path = (char *) fixture_id_file (dir, name, name);
  g_autofree char *before = rtes_test_read_file (path, NULL);
  g_autofree char *after = NULL;

  if (read_only)
    {
      g_assert_cmpint (g_chmod (path, 0644), ==, 0);
      g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
    }
  g_setenv ("RTES_TEST_TARGET", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr (stderr_pattern);
  g_chmod (dir, 0755);
  after = rtes_test_read_file (path, NULL);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (count_files (dir), ==, 1);
  rtes_test_remove_tree (dir);
}

static void
test_save_read_only (void)
{
  if (g_test_subprocess ())
    save_in_read_only_child ();
  else
    assert_save_fails_cleanly (TRUE, "*communaute-urbaine-creusot-montceau.json*Permission denied*");
}

/* The folder vanished or is a file: the temporary file cannot even be
 * created. Works as root too. */
static void
test_save_no_folder (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("nofolder");
  g_autofree char *blocker = rtes_test_write_file (dir, "not-a-folder", "x");
  g_autofree char *path = g_build_filename (blocker, "a.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("a", "A");
  g_autoptr(GError) error = NULL;

  g_assert_false (rtes_fiche_save (fiche, file, &error));
  g_assert_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "a.json"));
  g_assert_cmpuint (count_files (dir), ==, 1);
  rtes_test_remove_tree (dir);
}

/* A write that fails halfway (the file size limit stops it after 512
 * bytes, as a full disk would) leaves the old file whole and no
 * temporary file behind. Runs in a subprocess because of the limit. */
static void
test_save_fails_midway (void)
{
  g_autoptr(RtesFiche) fiche = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  struct rlimit limit = { 512, 512 };

  if (!g_test_subprocess ())
    {
      assert_save_fails_cleanly (FALSE, "*could not write the file*");
      return;
    }
  file = g_file_new_for_path (g_getenv ("RTES_TEST_TARGET"));
  fiche = rtes_fiche_load (file, &error);
  g_assert_no_error (error);
  rtes_fiche_set_actions (fiche, "A much longer text. A much longer text. A much longer text.");
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  g_assert_false (rtes_fiche_save (fiche, file, &error));
  g_assert_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_IO);
  g_printerr ("%s\n", error->message);
}

static void
test_atomic_write_replaces (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("atomic");
  g_autofree char *path = rtes_test_write_file (dir, "f.json", "old");
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rtes_atomic_write (path, "new contents", 12, &error));
  g_assert_no_error (error);
  after = rtes_test_read_file (path, NULL);
  g_assert_cmpstr (after, ==, "new contents");
  g_assert_cmpuint (count_files (dir), ==, 1);
  rtes_test_remove_tree (dir);
}

/* ------------------------------------------------------------------ */

static void
count_cb (RtesFiche *fiche,
          guint     *count)
{
  (*count)++;
}

static void
test_replace_items (void)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("a", "A");
  GListStore *contacts = rtes_fiche_get_contacts (fiche);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  guint count = 0;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(RtesContact) old = rtes_contact_new ();

      g_list_store_append (contacts, old);
    }
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (items, rtes_contact_new ());

  /* One change for the whole list, however many items go and come. */
  g_signal_connect (fiche, "changed", G_CALLBACK (count_cb), &count);
  rtes_fiche_replace_items (contacts, items);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (contacts)), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(RtesContact) contact = g_list_model_get_item (G_LIST_MODEL (contacts), i);

      g_assert_true (contact == g_ptr_array_index (items, i));
    }

  rtes_fiche_replace_items (contacts, none);
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (contacts)), ==, 0);
}

static void
test_changed_signal (void)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("a", "A");
  g_autoptr(RtesContact) contact = rtes_contact_new ();
  g_autoptr(RtesBudgetLine) line = rtes_budget_line_new ();
  GListStore *contacts = rtes_fiche_get_contacts (fiche);
  guint count = 0;

  g_signal_connect (fiche, "changed", G_CALLBACK (count_cb), &count);
  rtes_fiche_set_city (fiche, "Dijon");
  g_assert_cmpuint (count, ==, 1);
  rtes_fiche_set_city (fiche, "Dijon");   /* same value: no change */
  g_assert_cmpuint (count, ==, 1);
  rtes_fiche_set_kind (fiche, "");        /* "" is null, which it already is */
  g_assert_cmpuint (count, ==, 1);
  g_assert_null (rtes_fiche_get_kind (fiche));

  g_list_store_append (contacts, contact);
  g_assert_cmpuint (count, ==, 2);
  rtes_contact_set_email (contact, "a@b.fr");
  g_assert_cmpuint (count, ==, 3);

  /* Reordering must not connect the contact twice. */
  g_list_store_remove (contacts, 0);
  g_list_store_insert (contacts, 0, contact);
  count = 0;
  rtes_contact_set_phone (contact, "0102030405");
  g_assert_cmpuint (count, ==, 1);

  /* A removed contact is no longer part of the fiche. */
  g_list_store_remove (contacts, 0);
  count = 0;
  rtes_contact_set_name (contact, "Someone");
  g_assert_cmpuint (count, ==, 0);

  g_list_store_append (rtes_fiche_get_budget_lines (fiche), line);
  count = 0;
  rtes_budget_line_set_amount (line, 10);
  g_assert_cmpuint (count, ==, 1);
}

static void
test_copy_equal (void)
{
  g_autoptr(RtesFiche) fiche = load_fixture ("communaute-urbaine-creusot-montceau.json");
  g_autoptr(RtesFiche) copy = rtes_fiche_copy (fiche);
  g_autoptr(RtesContact) contact = NULL;

  g_assert_true (rtes_fiche_equal (fiche, copy));
  contact = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (copy)), 0);
  rtes_contact_set_title (contact, "maire");
  g_assert_false (rtes_fiche_equal (fiche, copy));
  /* The copy's unknown members are its own. */
  json_object_set_string_member (rtes_fiche_get_address_extra (copy), "geo", "changed");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (rtes_fiche_get_address_extra (fiche), "geo")));
}

static void
test_search_text (void)
{
  g_autoptr(RtesFiche) fiche = load_fixture ("communaute-urbaine-creusot-montceau.json");
  const char *text = rtes_fiche_get_search_text (fiche);

  g_assert_nonnull (strstr (text, "communaute urbaine creusot-montceau"));
  g_assert_nonnull (strstr (text, "christelle badon"));
  g_assert_nonnull (strstr (text, "l'action actess"));
  rtes_fiche_set_city (fiche, "Écully");
  g_assert_nonnull (strstr (rtes_fiche_get_search_text (fiche), "ecully"));
}

static void
add_line (GListStore *store,
          int         year,
          const char *section,
          double      amount,
          gboolean    forecast)
{
  g_autoptr(RtesBudgetLine) line = rtes_budget_line_new ();

  rtes_budget_line_set_year (line, year);
  rtes_budget_line_set_section (line, section);
  rtes_budget_line_set_amount (line, amount);
  rtes_budget_line_set_forecast (line, forecast);
  g_list_store_append (store, line);
}

/* What the Budget page shows, computed in the core: per year, oldest
 * first and the lines without a year last, split by section. */
static void
test_budget_totals (void)
{
  g_autoptr(GListStore) lines = g_list_store_new (RTES_TYPE_BUDGET_LINE);
  g_autoptr(GArray) years = NULL;
  RtesBudgetYearTotal *y;

  add_line (lines, 2024, RTES_SECTION_INVESTISSEMENT, 6100000, FALSE);
  add_line (lines, RTES_BUDGET_NO_YEAR, NULL, 500, FALSE);
  add_line (lines, 2023, RTES_SECTION_FONCTIONNEMENT, 29000, FALSE);
  add_line (lines, 2024, RTES_SECTION_FONCTIONNEMENT, 350000, TRUE);
  add_line (lines, 2024, "unknown-section", 1000, FALSE);

  years = rtes_budget_totals (G_LIST_MODEL (lines));
  g_assert_cmpuint (years->len, ==, 3);
  y = &g_array_index (years, RtesBudgetYearTotal, 0);
  g_assert_cmpint (y->year, ==, 2023);
  g_assert_cmpfloat (y->total, ==, 29000);
  g_assert_false (y->forecast);
  y = &g_array_index (years, RtesBudgetYearTotal, 1);
  g_assert_cmpint (y->year, ==, 2024);
  g_assert_cmpfloat (y->by_slot[RTES_BUDGET_SLOT_OPERATING], ==, 350000);
  g_assert_cmpfloat (y->by_slot[RTES_BUDGET_SLOT_INVESTMENT], ==, 6100000);
  g_assert_cmpfloat (y->by_slot[RTES_BUDGET_SLOT_UNSAID], ==, 1000);
  g_assert_cmpfloat (y->total, ==, 6451000);
  g_assert_true (y->forecast);
  y = &g_array_index (years, RtesBudgetYearTotal, 2);
  g_assert_cmpint (y->year, ==, RTES_BUDGET_NO_YEAR);
  g_assert_cmpfloat (y->by_slot[RTES_BUDGET_SLOT_UNSAID], ==, 500);
  g_clear_pointer (&years, g_array_unref);

  years = rtes_budget_totals (NULL);
  g_assert_cmpuint (years->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/model/json/round-trip", test_round_trip);
  g_test_add_func ("/model/json/fields", test_fields);
  g_test_add_func ("/model/json/unknown-members", test_unknown_members);
  g_test_add_func ("/model/json/item-keys", test_item_keys);
  g_test_add_func ("/model/json/type-errors", test_type_errors);
  g_test_add_func ("/model/json/newer-version", test_newer_version);
  g_test_add_func ("/model/json/non-canonical", test_non_canonical);
  g_test_add_func ("/model/json/deep-nesting", test_deep_nesting);
  g_test_add_func ("/model/json/id-matches-file-name", test_id_must_match_file_name);
  g_test_add_func ("/model/save/read-only-folder", test_save_read_only);
  g_test_add_func ("/model/save/no-folder", test_save_no_folder);
  g_test_add_func ("/model/save/fails-midway", test_save_fails_midway);
  g_test_add_func ("/model/save/atomic-replace", test_atomic_write_replaces);
  g_test_add_func ("/model/fiche/changed-signal", test_changed_signal);
  g_test_add_func ("/model/fiche/replace-items", test_replace_items);
  g_test_add_func ("/model/fiche/copy-equal", test_copy_equal);
  g_test_add_func ("/model/fiche/search-text", test_search_text);
  g_test_add_func ("/model/fiche/budget-totals", test_budget_totals);
  return g_test_run ();
}
