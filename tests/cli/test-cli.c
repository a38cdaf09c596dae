/* test-cli.c: rtes-fiches-cli commands, outputs and exit codes
 *
 * Runs the built executable ($RTES_FICHES_CLI) as a person would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "rtes-test-util.h"

typedef struct {
  char *library;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("cli");

  fixture->library = g_build_filename (dir, "library", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *parent = g_path_get_dirname (fixture->library);

  rtes_test_remove_tree (parent);
  g_free (fixture->library);
}

static void
test_new_list_show (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(RtesTestRun) run = { 0 };
  g_auto(RtesTestRun) list = { 0 };
  g_auto(RtesTestRun) show = { 0 };
  g_auto(RtesTestRun) json = { 0 };
  g_autofree char *path = rtes_test_fiche_path (fixture->library, "commune-de-test");
  g_autofree char *file_data = NULL;

  rtes_test_run_cli_expect (&run, 0, fixture->library, "new", "Commune de Test", NULL);
  g_assert_true (g_str_has_prefix (run.out, "Created commune-de-test ("));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  rtes_test_run_cli_expect (&list, 0, fixture->library, "list", NULL);
  g_assert_true (g_str_has_prefix (list.out, "commune-de-test\t-\t-\tdraft\t"));
  g_assert_true (g_str_has_suffix (list.out, "\tCommune de Test\n"));

  rtes_test_run_cli_expect (&show, 0, fixture->library, "show", "commune-de-test", NULL);
  g_assert_true (g_str_has_prefix (show.out, "Commune de Test\nIdentifier: commune-de-test\nStatus: Draft\n"));

  rtes_test_run_cli (&json, fixture->library, "show", "commune-de-test", "--json", NULL);
  file_data = rtes_test_read_file (path, NULL);
  g_assert_cmpstr (json.out, ==, file_data);
}

static void
test_exit_codes (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(RtesTestRun) none = { 0 };
  g_auto(RtesTestRun) help = { 0 };
  g_auto(RtesTestRun) version = { 0 };

  rtes_test_run_cli_expect (&none, 2, NULL, NULL);
  rtes_test_assert_cli (fixture->library, 2, "unknown command “frobnicate”", "frobnicate", NULL);
  g_mkdir_with_parents (fixture->library, 0755);
  rtes_test_assert_cli (fixture->library, 1, "no fiche “nobody”", "show", "nobody", NULL);
  rtes_test_assert_cli (fixture->library, 2, NULL, "list", "--colour", NULL);
  rtes_test_run_cli_expect (&help, 0, NULL, "--help", NULL);
  g_assert_nonnull (strstr (help.out, "Exit status:"));
  g_assert_nonnull (strstr (help.out, "3  sync or import finished but conflicts remain"));
  rtes_test_run_cli_expect (&version, 0, NULL, "--version", NULL);
  g_assert_cmpstr (version.out, ==, "rtes-fiches-cli " PACKAGE_VERSION "\n");
}

static void
test_validate (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(RtesTestRun) ok = { 0 };
  g_auto(RtesTestRun) bad = { 0 };
  g_auto(RtesTestRun) one = { 0 };
  g_autofree char *bad_path = NULL;

  g_free (rtes_test_write_file (fixture->library, "audincourt.json",
          "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"audincourt\",\"name\":\"Audincourt\",\n"
          "\"member_since\":1990,\n\"address\":{\"postcode\":\"2540\"}}"));
  /* Warnings only: exit 0, with file:line:col messages. */
  rtes_test_run_cli_expect (&ok, 0, fixture->library, "validate", NULL);
  g_assert_nonnull (strstr (ok.out, "audincourt.json:2:16: warning: member_since: "));
  g_assert_nonnull (strstr (ok.out, "audincourt.json:3:23: warning: address.postcode: A French postcode has 5 digits."));
  g_assert_nonnull (strstr (ok.err, "0 errors, 2 warnings"));

  bad_path = rtes_test_write_file (fixture->library, "broken.json",
                                   "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"broken\",\n\"name\":[]}");
  rtes_test_run_cli_expect (&bad, 1, fixture->library, "validate", NULL);
  g_assert_nonnull (strstr (bad.out, "broken.json:2:8: name: expected a string"));

  rtes_test_run_cli_expect (&one, 0, fixture->library, "validate", "audincourt", NULL);
  g_assert_null (strstr (one.out, "broken.json"));
}

static void
test_format (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(RtesTestRun) first = { 0 };
  g_auto(RtesTestRun) second = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *newer_path = NULL;
  g_autofree char *formatted = NULL;
  g_autofree char *again = NULL;
  const char *newer_json = "{\"format\":\"rtes-fiche\",\"version\":7,\"id\":\"future\",\"name\":\"F\"}";

  path = rtes_test_write_file (fixture->library, "audincourt.json",
                               "{\"name\":\"Audincourt\",\"id\":\"audincourt\",\"version\":1,"
                               "\"format\":\"rtes-fiche\",\"note\":\"mine\"}");
  rtes_test_run_cli_expect (&first, 0, fixture->library, "format", NULL);
  g_assert_nonnull (strstr (first.out, "Formatted "));
  formatted = rtes_test_read_file (path, NULL);
  g_assert_true (g_str_has_prefix (formatted, "{\n  \"format\": \"rtes-fiche\",\n  \"version\": 1,\n  \"id\": \"audincourt\",\n"));
  g_assert_true (g_str_has_suffix (formatted, "  \"tags\": [],\n  \"note\": \"mine\"\n}\n"));

  /* Canonical now: nothing to do, no byte changed. */
  rtes_test_run_cli_expect (&second, 0, fixture->library, "format", "audincourt", NULL);
  g_assert_cmpstr (second.out, ==, "");
  again = rtes_test_read_file (path, NULL);
  g_assert_cmpstr (again, ==, formatted);

  newer_path = rtes_test_write_file (fixture->library, "future.json", newer_json);
  rtes_test_assert_cli (fixture->library, 1, "newer version", "format", NULL);
  {
    g_autofree char *untouched = rtes_test_read_file (newer_path, NULL);

    g_assert_cmpstr (untouched, ==, newer_json);
  }
}

static void
test_stats (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(RtesTestRun) run = { 0 };

  g_free (rtes_test_write_file (fixture->library, "a.json",
          "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"a\",\"name\":\"A\",\"status\":\"draft\","
          "\"kind\":\"commune\",\"region\":\"Bretagne\",\"updated\":\"2020-01-01\"}"));
  g_free (rtes_test_write_file (fixture->library, "b.json",
          "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"b\",\"name\":\"B\",\"status\":\"published\","
          "\"kind\":\"commune\",\"region\":\"Corse\",\"updated\":\"2099-01-01\"}"));
  g_free (rtes_test_write_file (fixture->library, "c.json", "not json"));
  rtes_test_run_cli_expect (&run, 0, fixture->library, "stats", NULL);
  g_assert_true (g_str_has_prefix (run.out, "3 fiches (1 cannot be read)\n"));
  g_assert_true (g_regex_match_simple ("By type:\n  Municipality +2\n", run.out, 0, 0));
  g_assert_true (g_regex_match_simple ("  Bretagne +1\n  Corse +1\n", run.out, 0, 0));
  g_assert_nonnull (strstr (run.out, "Drafts: 1\n  a\n"));
  g_assert_nonnull (strstr (run.out, "Not updated for more than two years: 1\n  a (2020-01-01)\n"));
}

/* The default library comes from $RTES_FICHES_LIBRARY, then XDG. */
static void
test_default_library (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(RtesTestRun) run = { 0 };
  g_autofree char *path = NULL;

  g_setenv ("RTES_FICHES_LIBRARY", fixture->library, TRUE);
  rtes_test_run_cli_expect (&run, 0, NULL, "new", "Métropole de Lyon", NULL);
  g_unsetenv ("RTES_FICHES_LIBRARY");
  path = rtes_test_fiche_path (fixture->library, "metropole-de-lyon");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* Issue 15, finding 13: "list" on a missing path created it. Commands
 * that only read say there is no library, and create nothing. */
static void
test_missing_library (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *commands[][3] = {
    { "list", NULL }, { "show", "dijon", NULL }, { "validate", NULL }, { "format", NULL },
    { "stats", NULL }, { "conflicts", NULL }, { "resolve", "dijon", "name" },
    { "export", "--html", NULL },
  };
  g_auto(RtesTestRun) created = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(RtesTestRun) run = { 0 };
      g_autofree char *out_dir = g_build_filename (g_get_tmp_dir (), "rtes-missing-export", NULL);

      if (g_str_equal (commands[i][0], "resolve"))
        rtes_test_run_cli_expect (&run, 1, fixture->library, "resolve", "dijon", "name", "mine", NULL);
      else if (g_str_equal (commands[i][0], "export"))
        rtes_test_run_cli_expect (&run, 1, fixture->library, "export", "--html", out_dir, "--all", NULL);
      else
        rtes_test_run_cli_expect (&run, 1, fixture->library, commands[i][0], commands[i][1], NULL);
      g_assert_nonnull (strstr (run.err, "no library here"));
      g_assert_false (g_file_test (fixture->library, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (out_dir, G_FILE_TEST_EXISTS));
    }
  /* Creating commands create it. */
  rtes_test_run_cli_expect (&created, 0, fixture->library, "new", "Dijon", NULL);
  g_assert_true (g_file_test (fixture->library, G_FILE_TEST_IS_DIR));
}

/* Issue 15, finding 13: "format" replaced a fiche file that is a link
 * with a copy. It is reported and left alone, and so is its target. */
static void
test_format_symlink (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *json = "{\"name\":\"Dijon\",\"id\":\"dijon\",\"version\":1,\"format\":\"rtes-fiche\"}";
  g_autofree char *outside = rtes_test_make_tmpdir ("rtes-outside");
  g_autofree char *target = rtes_test_write_file (outside, "dijon.json", json);
  g_autofree char *link = rtes_test_fiche_path (fixture->library, "dijon");
  g_autofree char *after = NULL;
  g_auto(RtesTestRun) all = { 0 };
  g_auto(RtesTestRun) one = { 0 };
  GStatBuf st;

  g_assert_cmpint (g_mkdir_with_parents (fixture->library, 0755), ==, 0);
  g_assert_cmpint (symlink (target, link), ==, 0);
  rtes_test_run_cli_expect (&all, 1, fixture->library, "format", NULL);
  rtes_test_run_cli_expect (&one, 1, fixture->library, "format", "dijon", NULL);
  g_assert_nonnull (strstr (all.err, "symbolic link"));
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  after = rtes_test_read_file (target, NULL);
  g_assert_cmpstr (after, ==, json);
  rtes_test_remove_tree (outside);
}

/* Issue 15, finding 13: "format PATH" rewrote any file it was given. */
static void
test_format_outside (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *json = "{\"name\":\"Dijon\",\"id\":\"dijon\",\"version\":1,\"format\":\"rtes-fiche\"}";
  g_autofree char *outside = rtes_test_make_tmpdir ("rtes-outside");
  g_autofree char *target = rtes_test_write_file (outside, "dijon.json", json);
  g_autofree char *inside = NULL;
  g_autofree char *after = NULL;
  g_autofree char *formatted = NULL;
  g_auto(RtesTestRun) accepted = { 0 };

  inside = rtes_test_write_file (fixture->library, "dijon.json", json);
  rtes_test_assert_cli (fixture->library, 1, "is not a fiche of the library", "format", target, NULL);
  after = rtes_test_read_file (target, NULL);
  g_assert_cmpstr (after, ==, json);

  /* The path of one of the library's own files is fine. */
  rtes_test_run_cli_expect (&accepted, 0, fixture->library, "format", inside, NULL);
  formatted = rtes_test_read_file (inside, NULL);
  g_assert_true (g_str_has_prefix (formatted, "{\n  \"format\": \"rtes-fiche\",\n"));
  rtes_test_remove_tree (outside);
}

static char *
write_aged (const char *dir,
            const char *name,
            gint64      age_seconds)
{
  char *path = rtes_test_write_file (dir, name, "partial");
  struct timespec times[2];

  times[0].tv_sec = times[1].tv_sec = time (NULL) - age_seconds;
  times[0].tv_nsec = times[1].tv_nsec = 0;
  g_assert_cmpint (utimensat (AT_FDCWD, path, times, AT_SYMLINK_NOFOLLOW), ==, 0);
  return path;
}

/* Issue 15, finding 12: saves killed half-way leave "<id>.json.XXXXXX"
 * files that nothing removed. Opening the library removes ours, and only
 * ours: exact names, regular files, old, not locked by a running save. */
static void
test_leftover_temporaries (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *outside = rtes_test_make_tmpdir ("rtes-outside");
  g_autofree char *target = write_aged (outside, "nevers.json.Ab12Cd", 3600);
  g_autofree char *sync_dir = g_build_filename (fixture->library, ".rtes-fiches", "sync", NULL);
  g_autofree char *bases_dir = g_build_filename (sync_dir, "bases", NULL);
  g_autofree char *recovery_dir = g_build_filename (fixture->library, ".rtes-fiches", "recovery", NULL);
  g_autofree char *link = g_build_filename (fixture->library, "nevers.json.Ab12Cd", NULL);
  g_autofree char *folder = g_build_filename (fixture->library, "auxerre.json.Ab12Cd", NULL);
  const char *library = fixture->library;
  g_auto(RtesTestRun) created = { 0 };
  g_auto(RtesTestRun) list = { 0 };
  struct timespec old_times[2] = { { time (NULL) - 3600, 0 }, { time (NULL) - 3600, 0 } };
  char *removed[4];
  char *kept[6];
  int locked_fd;

  rtes_test_run_cli_expect (&created, 0, library, "new", "Dijon", NULL);
  removed[0] = write_aged (library, "dijon.json.Ab12Cd", 3600);
  removed[1] = write_aged (sync_dir, "state.json.Zz99Yy", 3600);
  removed[2] = write_aged (bases_dir, "dijon.json.Qq11Ww", 3600);
  removed[3] = write_aged (recovery_dir, "dijon.json.Rr22Tt", 3600);
  kept[0] = write_aged (library, "dijon.json.Fresh1", 0);          /* a save under way */
  kept[1] = write_aged (library, "dijon.json.Lock3d", 3600);       /* locked by a save */
  kept[2] = write_aged (library, "notes.json.bak", 3600);          /* not our pattern */
  kept[3] = write_aged (library, "Dijon.json.Ab12Cd", 3600);       /* not an id */
  kept[4] = write_aged (library, "dijon.json.Ab12C", 3600);        /* five characters */
  kept[5] = write_aged (library, "dijon.json.Ab1-Cd", 3600);       /* not alphanumeric */
  g_assert_cmpint (symlink (target, link), ==, 0);
  g_assert_cmpint (utimensat (AT_FDCWD, link, old_times, AT_SYMLINK_NOFOLLOW), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_cmpint (utimensat (AT_FDCWD, folder, old_times, 0), ==, 0);
  locked_fd = open (kept[1], O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (flock (locked_fd, LOCK_EX), ==, 0);

  rtes_test_run_cli_expect (&list, 0, library, "list", NULL);
  g_assert_true (g_str_has_prefix (list.out, "dijon\t"));
  for (guint i = 0; i < G_N_ELEMENTS (removed); i++)
    {
      if (g_file_test (removed[i], G_FILE_TEST_EXISTS))
        g_error ("%s was left", removed[i]);
      g_free (removed[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      if (!g_file_test (kept[i], G_FILE_TEST_IS_REGULAR))
        g_error ("%s was removed", kept[i]);
      g_free (kept[i]);
    }
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (target, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  close (locked_fd);
  g_unlink (link);
  rtes_test_remove_tree (outside);
}

/* Fails if @text holds anything a terminal acts on: C0 controls other
 * than line feed and tab, DEL, C1 controls, bidi controls. */
static void
assert_terminal_safe (const char *text)
{
  const char *p;

  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c < 0xa0) ||
          (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
          c == 0x200e || c == 0x200f || c == 0x061c)
        g_error ("U+%04X reaches the terminal in “%s”", c, text);
    }
}

/* ESC [2J clears the screen, ESC ]0;…BEL sets the window's title, U+009B
 * is a one-byte CSI, U+202E reverses what follows. */
#define HOSTILE_NAME "Ville\x1b[2J\x1b]0;titre\x07 \xe2\x80\xaegnp.exe\xc2\x9b" "31m\r\tX\nY"
#define HOSTILE_NAME_ESCAPED "Ville\\u001b[2J\\u001b]0;titre\\u0007 \\u202egnp.exe\\u009b31m\\u000d\\u0009X\\u000aY"

static void
write_hostile_fiche (Fixture *fixture)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *path = rtes_test_fiche_path (fixture->library, "hostile");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "rtes-fiche");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "hostile");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, HOSTILE_NAME);
  json_builder_set_member_name (builder, "region");
  json_builder_add_string_value (builder, "Bretagne\t\x1b[8m");
  json_builder_set_member_name (builder, "panorama");
  json_builder_add_string_value (builder, "Ligne un\nLigne \x1b[31mrouge\xe2\x81\xa6");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  g_mkdir_with_parents (fixture->library, 0700);
  g_assert_true (g_file_set_contents (path, json, -1, NULL));
}

/* Issue 15: names printed raw let a fiche's author drive the terminal of
 * whoever lists the library. Every output escapes what a terminal would
 * act on; list keeps one line and six columns per fiche. */
static void
test_escapes (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(RtesTestRun) list = { 0 };
  g_auto(RtesTestRun) show = { 0 };
  g_auto(RtesTestRun) json = { 0 };
  g_auto(RtesTestRun) validate = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) columns = NULL;
  g_autofree char *bad_name = NULL;
  g_autofree char *bad_path = NULL;
  JsonObject *object;

  write_hostile_fiche (fixture);

  rtes_test_run_cli_expect (&list, 0, fixture->library, "list", NULL);
  assert_terminal_safe (list.out);
  /* One line: its only line feed is the last character. */
  g_assert_true (strchr (list.out, '\n') == list.out + strlen (list.out) - 1);
  columns = g_strsplit (list.out, "\t", -1);
  g_assert_cmpuint (g_strv_length (columns), ==, 6);
  g_assert_cmpstr (columns[2], ==, "Bretagne\\u0009\\u001b[8m");
  g_assert_cmpstr (columns[5], ==, HOSTILE_NAME_ESCAPED "\n");

  /* Text keeps its lines; what is inside them is escaped. */
  rtes_test_run_cli_expect (&show, 0, fixture->library, "show", "hostile", NULL);
  assert_terminal_safe (show.out);
  g_assert_nonnull (strstr (show.out, "Ligne un\nLigne \\u001b[31mrouge\\u2066\n"));

  /* The escapes are JSON's: the document still reads the same. */
  rtes_test_run_cli_expect (&json, 0, fixture->library, "show", "hostile", "--json", NULL);
  assert_terminal_safe (json.out);
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, HOSTILE_NAME);

  /* A file name is outside text too. */
  bad_name = g_strdup ("x\x1b[5m\xe2\x80\xae.json");
  bad_path = g_build_filename (fixture->library, bad_name, NULL);
  g_assert_true (g_file_set_contents (bad_path, "{\"format\": \"rtes-fiche\"", -1, NULL));
  rtes_test_run_cli_expect (&validate, 1, fixture->library, "validate", bad_path, NULL);
  assert_terminal_safe (validate.out);
  assert_terminal_safe (validate.err);
  /* Today's message names it as a URI, which percent-encodes ESC but
   * not U+202E. */
  g_assert_nonnull (strstr (validate.out, "\\u202e.json"));
}

/* Issue 15: the import report quotes the export's lines. */
static void
test_escapes_import (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(RtesTestRun) report = { 0 };
  g_auto(RtesTestRun) warnings = { 0 };
  g_autofree char *dir = g_path_get_dirname (fixture->library);
  g_autofree char *export = NULL;
  const char *text =
    "Menu \x1b]0;titre\x07\n"
    "\n"
    "Accueil > Adhérents > Occitanie\n"
    "\n"
    "Ville de Figeac\n"
    "\n"
    "Panorama de l'ESS sur le territoire:\n"
    /* Enough text that four controls do not make it look binary. */
    "Le territoire compte 120 structures de l’ESS, dont 95 associations, 12 coopératives, "
    "8 mutuelles et 5 fondations, qui emploient ensemble près de 900 salariés.\n"
    "\n"
    "Type de collectivité : Ville\n"
    "Site internet : https://www.ville-figeac.fr\x1b[2J\xe2\x80\xae\n";

  export = rtes_test_write_file (dir, "export.txt", text);
  rtes_test_run_cli_expect (&report, 0, fixture->library, "import", export, "--report", "--dry-run", NULL);
  assert_terminal_safe (report.out);
  assert_terminal_safe (report.err);
  g_assert_nonnull (strstr (report.out, "Menu \\u001b]0;titre\\u0007"));
  g_assert_nonnull (strstr (report.out, "figeac.fr\\u001b[2J\\u202e"));

  rtes_test_run_cli_expect (&warnings, 0, fixture->library, "import", export, NULL);
  assert_terminal_safe (warnings.out);
  assert_terminal_safe (warnings.err);
  g_assert_nonnull (strstr (warnings.err, "Menu \\u001b]0;titre\\u0007"));
}

int
main (int   argc,
      char *argv[])
{
  rtes_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/new-list-show", test_new_list_show);
  ADD ("/cli/exit-codes", test_exit_codes);
  ADD ("/cli/validate", test_validate);
  ADD ("/cli/format", test_format);
  ADD ("/cli/stats", test_stats);
  ADD ("/cli/default-library", test_default_library);
  ADD ("/cli/missing-library", test_missing_library);
  ADD ("/cli/format-symlink", test_format_symlink);
  ADD ("/cli/format-outside", test_format_outside);
  ADD ("/cli/leftover-temporaries", test_leftover_temporaries);
  ADD ("/cli/escapes", test_escapes);
  ADD ("/cli/escapes-import", test_escapes_import);
#undef ADD
  return g_test_run ();
}
