/* test-check-cli.c: "rtes-fiches-cli check", its text and JSON forms, exit codes
 *
 * Runs the built executable ($RTES_FICHES_CLI) on a copy of
 * tests/review/fixtures: a fiche with a finding of each kind planted in
 * it, a second fiche with the same name, and a clean one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "rtes-test-dictionary.h"
#include "rtes-test-util.h"

typedef struct {
  char *dir;
  char *library;
} Fixture;

static void
copy_fixture (const char *library,
              const char *name)
{
  g_autofree char *source = rtes_test_source_path ("review", "fixtures", name, NULL);
  g_autofree char *contents = rtes_test_read_file (source, NULL);
  g_autofree char *target = rtes_test_write_file (library, name, contents);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = rtes_test_make_tmpdir ("check-cli");
  f->library = g_build_filename (f->dir, "library", NULL);
  copy_fixture (f->library, "commune-de-grobulac.json");
  copy_fixture (f->library, "grobulac.json");
  copy_fixture (f->library, "commune-de-vauxquillette.json");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rtes_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->library);
}

/* "FILE:LINE:COL" of the first @needle in the fiche file @id, columns
 * counted in characters as editors count them. */
static char *
where (Fixture    *f,
       const char *id,
       const char *needle)
{
  g_autofree char *path = rtes_test_fiche_path (f->library, id);
  g_autofree char *contents = rtes_test_read_file (path, NULL);
  const char *at = strstr (contents, needle);
  const char *line_start = contents;
  guint line = 1;

  g_assert_nonnull (at);
  for (const char *p = contents; p < at; p++)
    if (*p == '\n')
      {
        line++;
        line_start = p + 1;
      }
  return g_strdup_printf ("%s:%u:%ld", path, line, g_utf8_pointer_to_offset (line_start, at) + 1);
}

static gboolean
has_line (const char *out,
          const char *line)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  return g_strv_contains ((const char * const *) lines, line);
}

static void
test_text (Fixture       *f,
           gconstpointer  data)
{
  g_auto(RtesTestRun) run = { 0 };
  g_autofree char *modifier = where (f, "commune-de-grobulac", "à modifier");
  g_autofree char *blabla = where (f, "commune-de-grobulac", "blablabla");
  g_autofree char *apostrophe = where (f, "commune-de-grobulac", "l'entreprenariat");
  g_autofree char *line = NULL;

  rtes_test_run_cli_expect (&run, 1, f->library, "check", NULL);

  /* The placeholders, where they stand inside the string (after a \u
   * escape and \n escapes in the file), in « ». */
  line = g_strdup_printf ("%s: error: panorama: placeholder: An editor’s placeholder is left in "
                          "«\u202fà modifier\u202f»", modifier);
  g_assert_true (has_line (run.out, line));
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("%s: error: panorama: placeholder: An editor’s placeholder is left in "
                          "«\u202fblablabla\u202f»", blabla);
  g_assert_true (has_line (run.out, line));
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("%s: warning: budget.text: spelling: The RTES writes “entrepreneuriat” "
                          "«\u202fl'entreprenariat\u202f» → l'entrepreneuriat", apostrophe);
  g_assert_true (has_line (run.out, line));

  /* One line per kind planted. */
  g_assert_nonnull (strstr (run.out, ": warning: budget.text: typography: "));
  g_assert_nonnull (strstr (run.out, ": warning: programme: typography: "));
  g_assert_nonnull (strstr (run.out, ": warning: budget.lines[0].year: stale: "));
  g_assert_nonnull (strstr (run.out, ": note: updated: stale: "));
  g_assert_nonnull (strstr (run.out, ": warning: contacts[1].phone: contact: "));
  g_assert_nonnull (strstr (run.out, ": warning: contacts[2].email: contact: "));
  g_assert_nonnull (strstr (run.out, ": warning: contacts[2].name: contact: "));
  g_assert_nonnull (strstr (run.out, ": error: contacts[2].phone: placeholder: "));
  g_assert_nonnull (strstr (run.out, "commune-de-grobulac.json:5:11: warning: name: duplicate: "));
  g_assert_nonnull (strstr (run.out, "grobulac.json:5:11: warning: name: duplicate: "));
  g_assert_nonnull (strstr (run.out, "grobulac.json:19:15: note: panorama: missing: "));
  /* The clean fiche says nothing. */
  g_assert_null (strstr (run.out, "vauxquillette"));
  g_assert_nonnull (strstr (run.err, "3 block publishing"));
}

static JsonArray *
parse_array (const char *out,
             JsonNode  **root)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  *root = json_node_copy (json_parser_get_root (parser));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (*root));
  return json_node_get_array (*root);
}

static JsonObject *
find_object (JsonArray  *array,
             const char *kind,
             const char *text)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (object, "kind"), kind) &&
          g_str_equal (json_object_get_string_member (object, "text"), text))
        return object;
    }
  return NULL;
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_auto(RtesTestRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  JsonObject *object;
  JsonArray *suggestions;
  static const char * const members[] = { "id", "field", "kind", "severity", "text", "suggestions",
                                          "message", "file", "line", "column", "blocking" };

  rtes_test_run_cli_expect (&run, 1, f->library, "check", "--json", "commune-de-grobulac", NULL);
  array = parse_array (run.out, &root);
  g_assert_cmpuint (json_array_get_length (array), >, 10);
  for (guint i = 0; i < json_array_get_length (array); i++)
    for (guint m = 0; m < G_N_ELEMENTS (members); m++)
      g_assert_true (json_object_has_member (json_array_get_object_element (array, i), members[m]));

  object = find_object (array, "placeholder", "à modifier");
  g_assert_nonnull (object);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, "commune-de-grobulac");
  g_assert_cmpstr (json_object_get_string_member (object, "field"), ==, "panorama");
  g_assert_cmpstr (json_object_get_string_member (object, "severity"), ==, "error");
  g_assert_true (json_object_get_boolean_member (object, "blocking"));

  object = find_object (array, "spelling", "l'entreprenariat");
  g_assert_nonnull (object);
  suggestions = json_object_get_array_member (object, "suggestions");
  g_assert_cmpstr (json_array_get_string_element (suggestions, 0), ==, "l'entrepreneuriat");

  object = find_object (array, "typography", "...");
  g_assert_nonnull (object);
  g_assert_cmpstr (json_object_get_string_member (object, "fix"), ==, "…");

  /* Only the fiche named, but its duplicate is found in the library. */
  object = find_object (array, "duplicate", "Commune de Grobulac");
  g_assert_nonnull (object);
  g_assert_null (find_object (array, "duplicate", "Commune de  Grobulac"));
}

static void
test_exit_codes (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(RtesTestRun) clean = { 0 };
  g_auto(RtesTestRun) json = { 0 };
  g_auto(RtesTestRun) usage = { 0 };
  g_autoptr(JsonNode) root = NULL;

  rtes_test_run_cli_expect (&clean, 0, f->library, "check", "commune-de-vauxquillette", NULL);
  g_assert_cmpstr (clean.out, ==, "");
  g_assert_nonnull (strstr (clean.err, "0 findings, 0 block publishing"));

  rtes_test_run_cli_expect (&json, 0, f->library, "check", "--json", "commune-de-vauxquillette", NULL);
  g_assert_cmpuint (json_array_get_length (parse_array (json.out, &root)), ==, 0);

  rtes_test_assert_cli (f->library, 1, "commune-de-nulle-part", "check", "commune-de-nulle-part", NULL);

  rtes_test_run_cli_expect (&usage, 2, f->library, "check", "--no-such-option", NULL);
}

static void
test_add_word (Fixture       *f,
               gconstpointer  data)
{
  g_auto(RtesTestRun) before = { 0 };
  g_auto(RtesTestRun) add = { 0 };
  g_auto(RtesTestRun) invalid = { 0 };
  g_autofree char *dictionary = g_build_filename (f->library, ".rtes-fiches", "dictionary.txt", NULL);
  g_autofree char *contents = NULL;

  rtes_test_run_cli (&before, f->library, "check", "commune-de-grobulac", NULL);
  g_assert_nonnull (strstr (before.out, ": spelling: Unknown word «\u202fPictos\u202f»"));

  rtes_test_run_cli_expect (&add, 1, f->library, "check", "--add-word", "Pictos", "commune-de-grobulac", NULL);
  g_assert_null (strstr (add.out, "Pictos »"));
  g_assert_null (strstr (add.out, "Pictos\u202f»"));
  contents = rtes_test_read_file (dictionary, NULL);
  g_assert_nonnull (strstr (contents, "\nPictos\n"));

  rtes_test_run_cli_expect (&invalid, 1, f->library, "check", "--add-word", "deux mots", NULL);
  g_assert_nonnull (strstr (invalid.err, "deux mots"));
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

  /* The fixtures' findings include spelling ones. */
  RTES_TEST_ADD_SPELLING_F ("/review/cli/text", Fixture, fixture_set_up, test_text, fixture_tear_down);
  RTES_TEST_ADD_SPELLING_F ("/review/cli/json", Fixture, fixture_set_up, test_json, fixture_tear_down);
  g_test_add ("/review/cli/exit-codes", Fixture, NULL, fixture_set_up, test_exit_codes, fixture_tear_down);
  RTES_TEST_ADD_SPELLING_F ("/review/cli/add-word", Fixture, fixture_set_up, test_add_word, fixture_tear_down);

  return g_test_run ();
}
