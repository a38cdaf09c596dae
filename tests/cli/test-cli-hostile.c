/* test-cli-hostile.c: rtes-fiches-cli on a library holding hostile files
 *
 * Regression tests for issue 15 (findings 1, 2, 6, 7, 8 and 13): a fiche
 * file that json-glib would crash on, misread or rewrite, or a file that
 * is not a file at all. Every command must finish, say which file and
 * where, and leave the library byte for byte as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rtes-test-util.h"

/* In canonical form: "format" leaves it as it is. */
#define GOOD \
  "{\n" \
  "  \"format\": \"rtes-fiche\",\n" \
  "  \"version\": 1,\n" \
  "  \"id\": \"good\",\n" \
  "  \"name\": \"Good\",\n" \
  "  \"status\": \"published\",\n" \
  "  \"kind\": null,\n" \
  "  \"region\": null,\n" \
  "  \"population\": null,\n" \
  "  \"population_note\": \"\",\n" \
  "  \"member_since\": null,\n" \
  "  \"updated\": null,\n" \
  "  \"address\": {\n" \
  "    \"lines\": [],\n" \
  "    \"postcode\": \"\",\n" \
  "    \"city\": \"\",\n" \
  "    \"country\": \"France\"\n" \
  "  },\n" \
  "  \"panorama\": \"\",\n" \
  "  \"budget\": {\n" \
  "    \"text\": \"\",\n" \
  "    \"lines\": []\n" \
  "  },\n" \
  "  \"programme\": \"\",\n" \
  "  \"actions\": \"\",\n" \
  "  \"contacts\": [],\n" \
  "  \"tags\": []\n" \
  "}\n"
#define HEAD "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"evil\","

/* Every command a person runs on a library: each finishes, the good
 * fiche is still listed, the hostile one is named with @message, and
 * nothing in the library changes. */
static void
assert_every_command_refuses (const char *library,
                              const char *message)
{
  g_autoptr(GHashTable) before = rtes_test_snapshot_tree (library);
  g_auto(RtesTestRun) list = { 0 };
  g_auto(RtesTestRun) validate = { 0 };
  g_auto(RtesTestRun) format = { 0 };
  g_auto(RtesTestRun) show = { 0 };
  g_auto(RtesTestRun) stats = { 0 };
  g_auto(RtesTestRun) export = { 0 };
  g_autofree char *html = g_build_filename (library, "..", "out.html", NULL);

  rtes_test_run_cli_expect (&list, 0, library, "list", NULL);
  rtes_test_assert_contains (list.out, "good\t");
  rtes_test_assert_contains (list.out, "evil\t-\t-\tbroken\t-\t");
  rtes_test_assert_contains (list.out, message);

  rtes_test_run_cli_expect (&validate, 1, library, "validate", NULL);
  rtes_test_assert_contains (validate.out, message);

  rtes_test_run_cli_expect (&format, 1, library, "format", NULL);
  rtes_test_assert_contains (format.err, message);

  rtes_test_run_cli_expect (&show, 1, library, "show", "evil", NULL);
  rtes_test_assert_contains (show.err, message);

  rtes_test_run_cli_expect (&stats, 0, library, "stats", NULL);
  rtes_test_assert_contains (stats.out, "cannot be read");

  rtes_test_run_cli (&export, library, "export", "--html", html, "--all", NULL);
  rtes_test_assert_contains (export.err, message);

  rtes_test_assert_tree_unchanged (before, library);
}

static char *
make_library (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("cli-hostile");
  char *library = g_build_filename (dir, "library", NULL);

  g_free (rtes_test_write_file (library, "good.json", GOOD));
  return library;
}

static void
remove_library (const char *library)
{
  g_autofree char *parent = g_path_get_dirname (library);

  rtes_test_remove_tree (parent);
}

/* The library's evil.json: @json, or else what @make puts at its path.
 * The message is that path followed by @message. */
typedef struct {
  const char *name;
  const char *json;
  void      (*make) (const char *path);
  const char *message;
} Case;

/* Finding 1: json-glib reads comments, the depth pre-scan did not, so
 * this passed the check and overflowed the parser's stack. */
static void
deep_after_comment (const char *path)
{
  g_autoptr(GString) json = rtes_test_deep_after_comment ();

  g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));
}

/* Finding 8: a FIFO blocked every command for ever. */
static void
fifo (const char *path)
{
  g_assert_cmpint (mkfifo (path, 0644), ==, 0);
}

/* Finding 8: a link to /dev/zero was read until GLib overflowed. */
static void
link_to_device (const char *path)
{
  g_assert_cmpint (symlink ("/dev/zero", path), ==, 0);
}

/* Finding 8: a 4 GB file was read whole (17 s, 4.4 GB) before failing.
 * Sparse: it takes no room on the disk. */
static void
huge_file (const char *path)
{
  int fd = open (path, O_WRONLY | O_CREAT | O_EXCL, 0644);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, G_GINT64_CONSTANT (4) << 30), ==, 0);
  close (fd);
}

/* Finding 13: a fiche linked to a file outside the library put that
 * file's text in the error message. */
static void
link_outside (const char *path)
{
  g_autofree char *library = g_path_get_dirname (path);
  g_autofree char *secret = g_build_filename (library, "..", "secret.txt", NULL);
  g_auto(RtesTestRun) validate = { 0 };

  g_assert_true (g_file_set_contents (secret, "root:x:0:0:SECRET-LINE\n", -1, NULL));
  g_assert_cmpint (symlink (secret, path), ==, 0);
  rtes_test_run_cli (&validate, library, "validate", "evil", NULL);
  g_assert_null (strstr (validate.out, "SECRET"));
  g_assert_null (strstr (validate.err, "SECRET"));
}

static const Case cases[] = {
  { "deep-after-comment", NULL, deep_after_comment, ":1:2: JSON has no comments" },
  /* Finding 2: validate passed it, format wrote invalid UTF-8. */
  { "lone-surrogate", HEAD "\"name\":\"Audin\\ud800court\"}\n", NULL,
    ":1:61: \\uD800 is half of a surrogate pair, without its second half" },
  /* Finding 6: the name was cut to "Audin". */
  { "nul", HEAD "\"name\":\"Audin\\u0000court\"}\n", NULL,
    ":1:61: a string cannot hold the character U+0000" },
  /* Finding 7: 2^64 read as -1, 2^63 as no number, 1e999 as null. */
  { "two-to-the-64", HEAD "\"name\":\"E\",\"population\":18446744073709551616}\n", NULL,
    ":1:72: the integer is beyond ±9007199254740991" },
  { "two-to-the-63", HEAD "\"name\":\"E\",\"population\":9223372036854775808}\n", NULL,
    ":1:72: the integer is beyond ±9007199254740991" },
  { "infinite", HEAD "\"name\":\"E\",\n\"population\":1e999}\n", NULL,
    ":2:14: the number is too large" },
  /* Finding 13: the second "contacts" wiped the first. */
  { "duplicate-member", HEAD "\"name\":\"E\",\n\"contacts\":[{\"name\":\"A\"}],\n\"contacts\":[]}\n", NULL,
    ":3:1: contacts: the member appears twice" },
  { "duplicate-deep-member", HEAD "\"name\":\"E\",\n\"contacts\":[{},{\"name\":\"A\",\"name\":\"B\"}]}\n", NULL,
    ":2:28: contacts[1].name: the member appears twice" },
  /* Finding 13: json-glib's extensions were read and rewritten. */
  { "comment", HEAD "\"name\":\"E\" /* x */}\n", NULL, ":1:59: JSON has no comments" },
  { "single-quotes", HEAD "\"name\":'E'}\n", NULL, ":1:55: strings are written in double quotes" },
  { "hexadecimal", HEAD "\"name\":\"E\",\"population\":0x10}\n", NULL, ":1:72: not a valid number" },
  { "trailing-comma", HEAD "\"name\":\"E\",}\n", NULL, ":1:59: a comma must be followed by another value" },
  { "fifo", NULL, fifo, " is not a regular file" },
  { "link-to-device", NULL, link_to_device, " is a symbolic link, which Fiches RTES does not follow" },
  { "huge-file", NULL, huge_file,
    " is too large: 4.0\u00a0GiB (4294967296 bytes), over the limit of 1.0\u00a0MiB" },
  { "link-outside", NULL, link_outside, " is a symbolic link" },
};

static void
test_hostile (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *library = make_library ();
  g_autofree char *path = g_build_filename (library, "evil.json", NULL);
  g_autofree char *message = g_strconcat (path, c->message, NULL);

  if (c->make != NULL)
    c->make (path);
  else
    g_free (rtes_test_write_file (library, "evil.json", c->json));
  assert_every_command_refuses (library, message);
  remove_library (library);
}

int
main (int   argc,
      char *argv[])
{
  rtes_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/hostile/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_hostile);
    }
  return g_test_run ();
}
