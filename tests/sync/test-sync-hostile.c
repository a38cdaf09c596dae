/* test-sync-hostile.c: sync and import against a hostile site, and a
 * damaged sync state
 *
 * Regression tests for issue 15 (findings 1, 2, 3, 6, 7 and 13): the site
 * serves an export or answers a publish with JSON that json-glib crashed
 * on or misread, or the library's own sync files hold it. The CLI runs as
 * a child process while the fake site answers from this process's main
 * loop; every refusal must name the document and the place, and leave the
 * library byte for byte as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rtes-fiche-json.h"
#include "rtes-test-site.h"
#include "rtes-test-util.h"

#define TOKEN "hostile-t0ken-value"

typedef struct {
  RtesTestSite *site;
  char *dir;
} Fixture;

/* A library in sync with a site holding two fiches. */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->site = rtes_test_site_new ();
  rtes_test_site_set_token (f->site, TOKEN);
  rtes_test_site_put (f->site, "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"dijon\",\"name\":\"Dijon\"}");
  rtes_test_site_put (f->site, "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"nevers\",\"name\":\"Nevers\"}");
  f->dir = rtes_test_make_tmpdir ("sync-hostile");
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, TOKEN, NULL, NULL, "sync", "--site", rtes_test_site_get_url (f->site), NULL), ==, 0);
  /* Listed once, as a library in use is: its index is there before the
   * hostile answer, which must not write anything. */
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, TOKEN, NULL, NULL, "list", NULL), ==, 0);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_pointer (&f->site, rtes_test_site_free);
  rtes_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

/* ---- the export ---- */

#define EXPORT_HEAD \
  "{\"format\":\"rtes-site-export\",\"version\":1,\"fiches\":[\n" \
  "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"dijon\",\"name\":\"Dijon\",\"revision\":\"1\"},\n"
#define ENTRY_HEAD "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"nevers\",\"revision\":\"9\","
#define EXPORT_TAIL "\n]}\n"
/* The export with nevers's entry ending in @members. */
#define NEVERS(members) EXPORT_HEAD ENTRY_HEAD members EXPORT_TAIL

typedef struct {
  const char *name;
  const char *body;      /* NULL: built by the test */
  const char *message;   /* after "<site>/export/fiches.json" */
} ExportCase;

static const ExportCase export_cases[] = {
  { "deep-after-comment", NULL, ":1:2: JSON has no comments" },
  /* Finding 3: NULL document without an error, and a read past the
   * body, which is not NUL-terminated. */
  { "blank", " \n\t\r\n ", ": the site's answer is empty" },
  { "empty", "", ": the site's answer is empty" },
  /* Finding 2: stored, then written as invalid UTF-8. */
  { "lone-surrogate", NEVERS ("\"name\":\"Nevers\\udc00\"}"),
    ":3:79: \\uDC00 is half of a surrogate pair, without its first half" },
  /* Finding 6: "Audin\u0000court" became "Audin". */
  { "nul", NEVERS ("\"name\":\"Audin\\u0000court\"}"), ":3:78: a string cannot hold the character U+0000" },
  /* Finding 7: wrapped, or taken for "no number", then published back. */
  { "two-to-the-64", NEVERS ("\"name\":\"N\",\"population\":18446744073709551616}"),
    ":3:89: the integer is beyond ±9007199254740991" },
  { "two-to-the-63", NEVERS ("\"name\":\"N\",\"population\":-9223372036854775808}"),
    ":3:89: the integer is beyond ±9007199254740991" },
  { "infinite", NEVERS ("\"name\":\"N\",\"budget\":{\"lines\":[{\"amount\":-1e999}]}}"),
    ":3:105: the number is too large" },
  /* Finding 13. */
  { "duplicate-member", NEVERS ("\"name\":\"N\",\"contacts\":[{\"name\":\"A\"}],\"contacts\":[]}"),
    ":3:102: fiches[1].contacts: the member appears twice" },
  { "single-quotes", NEVERS ("'name':\"N\"}"), ":3:65: strings are written in double quotes" },
  { "hexadecimal", NEVERS ("\"name\":\"N\",\"population\":0x10}"), ":3:89: not a valid number" },
};

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  const ExportCase *c = data;
  g_autoptr(GString) body = c->body ? g_string_new (c->body) : rtes_test_deep_after_comment ();
  g_autofree char *message = g_strconcat (rtes_test_site_get_url (f->site), "/export/fiches.json",
                                          c->message, NULL);
  g_autofree char *err = NULL;
  g_autoptr(GHashTable) before = NULL;

  /* Something to publish, were the export read. */
  rtes_test_edit_fiche (f->dir, "dijon", "name", "Dijon Métropole");
  before = rtes_test_snapshot_tree (f->dir);
  rtes_test_site_set_export_body (f->site, body->str, body->len);
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, TOKEN, NULL, &err, "sync", "--site", rtes_test_site_get_url (f->site),
                            "--publish", NULL), ==, 1);
  rtes_test_assert_contains (err, message);
  rtes_test_assert_tree_unchanged (before, f->dir);
  g_assert_cmpuint (rtes_test_site_get_stats (f->site)->puts, ==, 0);
}

/* A fiche that would not read back once written is not taken. */
static void
test_export_fiche_too_large (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GString) body = g_string_new (EXPORT_HEAD ENTRY_HEAD "\"name\":\"N\",\"panorama\":\"");
  g_autofree char *err = NULL;
  g_autoptr(GHashTable) before = rtes_test_snapshot_tree (f->dir);

  for (guint i = 0; i < 1100000; i++)
    g_string_append_c (body, 'x');
  g_string_append (body, "\"}" EXPORT_TAIL);
  rtes_test_site_set_export_body (f->site, body->str, body->len);
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, TOKEN, NULL, &err, "sync", "--site", rtes_test_site_get_url (f->site), NULL), ==, 1);
  rtes_test_assert_contains (err, "/export/fiches.json: fiches[1]: the fiche would take 1.0\u00a0MiB (");
  rtes_test_assert_contains (err, " bytes), more than the 1.0\u00a0MiB a fiche may hold");
  rtes_test_assert_tree_unchanged (before, f->dir);
}

/* ---- the answer to a publish ---- */

/* Publishes an edit of dijon to a site that stores it and answers
 * @status with @body; returns what the CLI said on stderr. */
static char *
publish_with_answer (Fixture    *f,
                     const char *body,
                     gsize       length)
{
  char *err = NULL;

  rtes_test_edit_fiche (f->dir, "dijon", "name", "Dijon Métropole");
  rtes_test_site_set_put_answer (f->site, 200, body, length);
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, TOKEN, NULL, &err, "sync", "--site", rtes_test_site_get_url (f->site),
                            "--publish", NULL), ==, 1);
  g_assert_cmpuint (rtes_test_site_get_stats (f->site)->puts, ==, 1);
  return err;
}

/* Finding 1, in the answer to a PUT. */
static void
test_put_answer_deep (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GString) deep = rtes_test_deep_after_comment ();
  g_autofree char *err = publish_with_answer (f, deep->str, deep->len);
  g_autofree char *message = g_strconcat ("stored fiche dijon but its answer cannot be read: ",
                                          rtes_test_site_get_url (f->site),
                                          "/export/fiches/dijon.json:1:2: JSON has no comments", NULL);

  rtes_test_assert_contains (err, message);
}

/* Finding 3, in the answer to a PUT. */
static void
test_put_answer_blank (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *err = publish_with_answer (f, "  \n ", 4);
  g_autofree char *message = g_strconcat (rtes_test_site_get_url (f->site),
                                          "/export/fiches/dijon.json: the site's answer is empty", NULL);

  rtes_test_assert_contains (err, message);
}

/* ---- the library's own sync files ---- */

static void
assert_sync_refuses_file (Fixture    *f,
                          const char *relative,
                          const char *message)
{
  g_autoptr(GString) deep = rtes_test_deep_after_comment ();
  g_autofree char *path = g_build_filename (f->dir, ".rtes-fiches", "sync", relative, NULL);
  g_autofree char *expected = g_strconcat (path, message, NULL);
  g_autofree char *err = NULL;
  g_autoptr(GHashTable) before = NULL;

  g_assert_true (g_file_set_contents (path, deep->str, deep->len, NULL));
  before = rtes_test_snapshot_tree (f->dir);
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, TOKEN, NULL, &err, "sync", "--site", rtes_test_site_get_url (f->site), NULL), ==, 1);
  rtes_test_assert_contains (err, expected);
  rtes_test_assert_tree_unchanged (before, f->dir);
}

/* Finding 1: state.json, journal.json (@data) and the base copies had
 * no depth check at all. */
static void
test_state_file (Fixture       *f,
                 gconstpointer  data)
{
  assert_sync_refuses_file (f, data, ":1:2: JSON has no comments");
}

static void
test_base_file (Fixture       *f,
                gconstpointer  data)
{
  /* The base is read when both sides changed and must be merged. */
  rtes_test_site_put (f->site, "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"dijon\",\"name\":\"Ville de Dijon\"}");
  rtes_test_edit_fiche (f->dir, "dijon", "name", "Dijon Métropole");
  assert_sync_refuses_file (f, "bases/dijon.json", ":1:2: JSON has no comments");
}

/* ---- import URL ---- */

static void
test_import_url (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GString) deep = rtes_test_deep_after_comment ();
  g_autofree char *url = g_strconcat (rtes_test_site_get_url (f->site), "/export/fiches.json", NULL);
  g_autofree char *message = g_strconcat (url, ":1:12: JSON has no comments", NULL);
  g_autofree char *surrogate_message = g_strconcat (url, ":3:79: \\uDC00 is half of a surrogate pair", NULL);
  const char *surrogate = NEVERS ("\"name\":\"Nevers\\udc00\"}");
  g_autofree char *err = NULL;
  g_autofree char *surrogate_err = NULL;
  g_autoptr(GHashTable) before = rtes_test_snapshot_tree (f->dir);

  /* Finding 1; import takes a document starting with "{" for JSON. */
  g_string_prepend (deep, "{\"fiches\":");
  rtes_test_site_set_export_body (f->site, deep->str, deep->len);
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, TOKEN, NULL, &err, "import", url, NULL), ==, 1);
  rtes_test_assert_contains (err, message);
  /* Finding 2. */
  rtes_test_site_set_export_body (f->site, surrogate, strlen (surrogate));
  g_assert_cmpint (rtes_test_site_run_cli (f->dir, TOKEN, NULL, &surrogate_err, "import", url, NULL), ==, 1);
  rtes_test_assert_contains (surrogate_err, surrogate_message);
  rtes_test_assert_tree_unchanged (before, f->dir);
}

int
main (int   argc,
      char *argv[])
{
  rtes_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (export_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sync/hostile/export/%s", export_cases[i].name);

      g_test_add (path, Fixture, &export_cases[i], setup, test_export, teardown);
    }
#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/sync/hostile/export/fiche-too-large", test_export_fiche_too_large);
  ADD ("/sync/hostile/put-answer/deep", test_put_answer_deep);
  ADD ("/sync/hostile/put-answer/blank", test_put_answer_blank);
  g_test_add ("/sync/hostile/state/state-file", Fixture, "state.json", setup, test_state_file, teardown);
  g_test_add ("/sync/hostile/state/journal-file", Fixture, "journal.json", setup, test_state_file, teardown);
  ADD ("/sync/hostile/state/base-file", test_base_file);
  ADD ("/sync/hostile/import-url", test_import_url);
#undef ADD

  return g_test_run ();
}
