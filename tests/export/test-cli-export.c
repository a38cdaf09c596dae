/* test-cli-export.c: "rtes-fiches-cli export" run as a person would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "export-fixtures.h"
#include "rtes-test-util.h"

typedef struct {
  char *library;
  char *tmp;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *source = export_fixtures_library ();
  g_autoptr(GDir) dir = g_dir_open (source, 0, NULL);
  const char *name;

  fixture->tmp = rtes_test_make_tmpdir ("cli-export");
  fixture->library = g_build_filename (fixture->tmp, "library", NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (source, name, NULL);
      g_autofree char *contents = rtes_test_read_file (path, NULL);
      g_autofree char *copy = rtes_test_write_file (fixture->library, name, contents);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  rtes_test_remove_tree (fixture->tmp);
  g_free (fixture->tmp);
  g_free (fixture->library);
}

static void
test_html_all (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (fixture->tmp, "site", NULL);
  g_autofree char *index = g_build_filename (dir, "index.html", NULL);
  g_autofree char *page = g_build_filename (dir, "commune-de-saint-aubin-des-pres.html", NULL);
  g_auto(RtesTestRun) run = { 0 };
  g_autofree char *expected = g_strdup_printf ("Exported 3 fiches to %s\n", dir);

  rtes_test_run_cli_expect (&run, 0, fixture->library, "export", "--html", dir, "--all", NULL);
  g_assert_cmpstr (run.out, ==, expected);
  /* Not a terminal: no progress line. */
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_file_test (index, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (page, G_FILE_TEST_IS_REGULAR));
}

static void
test_pdf_ids (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (fixture->tmp, "fiches.pdf", NULL);
  g_autofree char *single = g_build_filename (fixture->tmp, "une.pdf", NULL);
  g_auto(RtesTestRun) run = { 0 };
  g_autofree char *contents = NULL;

  rtes_test_run_cli_expect (&run, 0, fixture->library, "export", "--pdf", pdf, "--title", "Réunion du 4 décembre",
                            "conseil-departemental-des-hautes-landes",
                            "commune-de-saint-aubin-des-pres", NULL);
  g_assert_true (g_str_has_prefix (run.out, "Exported 2 fiches to "));
  contents = rtes_test_read_file (pdf, NULL);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  rtes_test_run_cli_expect (&run, 0, fixture->library, "export", "--pdf", single,
                            "--kind", "Conseil départemental", NULL);
  g_assert_true (g_str_has_prefix (run.out, "Exported 1 fiche to "));
}

static void
test_broken_fiche (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (fixture->tmp, "site", NULL);
  g_autofree char *broken = rtes_test_write_file (fixture->library, "cassee.json", "{ \"format\": ");
  g_auto(RtesTestRun) run = { 0 };

  /* The others are exported; the broken one is named, not forgotten. */
  rtes_test_run_cli_expect (&run, 0, fixture->library, "export", "--html", dir, "--all", NULL);
  g_assert_true (g_str_has_prefix (run.out, "Exported 3 fiches to "));
  g_assert_true (g_str_has_prefix (run.err, "warning: cassee is left out: "));

  /* Named explicitly, it is an error. */
  rtes_test_run_cli_expect (&run, 1, fixture->library, "export", "--html", dir, "cassee", NULL);
  g_assert_nonnull (strstr (run.err, "cassee"));
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (fixture->tmp, "x.pdf", NULL);
  g_autofree char *dir = g_build_filename (fixture->tmp, "site", NULL);
  g_autoptr(GHashTable) before = rtes_test_snapshot_tree (fixture->tmp);
  struct {
    const char *args[6];
    const char *message;
  } cases[] = {
    { { "export", "--all", NULL }, "--pdf FILE or --vcard FILE" },
    { { "export", "--pdf", pdf, "--html", dir, "--all" }, "--pdf FILE or --vcard FILE" },
    { { "export", "--pdf", pdf, "--vcard", dir, "--all" }, "--pdf FILE or --vcard FILE" },
    { { "export", "--pdf", pdf, NULL }, "name the fiches" },
    { { "export", "--pdf", pdf, "--all", "commune-de-saint-aubin-des-pres", NULL }, "exclude" },
    { { "export", "--pdf", pdf, "--region", "Narnia", NULL }, "unknown région “Narnia”" },
    { { "export", "--pdf", pdf, "--kind", "royaume", NULL }, "unknown kind “royaume”" },
    { { "export", "--pdf", pdf, "--bogus", NULL }, "--bogus" },
    { { "export", "--html", dir, "--all", "--title", "x" }, "--title applies to --pdf only" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(RtesTestRun) run = { 0 };

      rtes_test_run_cli_expect (&run, 2, fixture->library, cases[i].args[0], cases[i].args[1],
                                cases[i].args[2], cases[i].args[3], cases[i].args[4],
                                cases[i].args[5], NULL);
      if (strstr (run.err, cases[i].message) == NULL)
        g_error ("case %u: “%s” not in: %s", i, cases[i].message, run.err);
    }
  rtes_test_assert_tree_unchanged (before, fixture->tmp);
}

/* The contacts of the chosen fiches, one card each (rtes-vcard.h; the
 * cards themselves are read back in test-vcard.c). */
static void
test_vcard (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *vcf = g_build_filename (fixture->tmp, "contacts.vcf", NULL);
  g_autofree char *none = g_build_filename (fixture->tmp, "none.vcf", NULL);
  g_auto(RtesTestRun) run = { 0 };
  g_autofree char *contents = NULL;
  g_autofree char *expected = g_strdup_printf ("Exported 4 contacts to %s\n", vcf);
  guint cards = 0;

  rtes_test_run_cli_expect (&run, 0, fixture->library, "export", "--vcard", vcf, "--all", NULL);
  g_assert_cmpstr (run.out, ==, expected);
  contents = rtes_test_read_file (vcf, NULL);
  for (const char *p = contents; (p = strstr (p, "BEGIN:VCARD\r\n")) != NULL; p++)
    cards++;
  g_assert_cmpuint (cards, ==, 4);
  g_assert_nonnull (strstr (contents, "EMAIL;TYPE=work:l.groning@val-de-loue.example.fr\r\n"));
  g_clear_pointer (&contents, g_free);

  /* One fiche by its id. */
  rtes_test_run_cli_expect (&run, 0, fixture->library, "export", "--vcard", vcf,
                            "commune-de-saint-aubin-des-pres", NULL);
  g_assert_true (g_str_has_prefix (run.out, "Exported 1 contact to "));

  /* A fiche without contacts: an error, and no empty file. */
  rtes_test_run_cli_expect (&run, 1, fixture->library, "export", "--vcard", none,
                            "conseil-departemental-des-hautes-landes", NULL);
  g_assert_nonnull (strstr (run.err, "no contact"));
  g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));
}

static void
test_failures (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (fixture->tmp, "x.pdf", NULL);
  g_auto(RtesTestRun) run = { 0 };

  rtes_test_run_cli_expect (&run, 1, fixture->library, "export", "--pdf", pdf, "nulle-part", NULL);
  g_assert_nonnull (strstr (run.err, "nulle-part"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  rtes_test_run_cli_expect (&run, 1, fixture->library, "export", "--pdf", pdf, "--region", "Corse", NULL);
  g_assert_nonnull (strstr (run.err, "no fiche"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  /* The target is the library's own folder: refused, nothing touched. */
  rtes_test_run_cli_expect (&run, 1, fixture->library, "export", "--html", fixture->library, "--all", NULL);
  g_assert_nonnull (strstr (run.err, fixture->library));
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

  g_test_add ("/export/cli/html-all", Fixture, NULL, fixture_set_up, test_html_all, fixture_tear_down);
  g_test_add ("/export/cli/pdf-ids", Fixture, NULL, fixture_set_up, test_pdf_ids, fixture_tear_down);
  g_test_add ("/export/cli/broken-fiche", Fixture, NULL, fixture_set_up, test_broken_fiche, fixture_tear_down);
  g_test_add ("/export/cli/usage", Fixture, NULL, fixture_set_up, test_usage, fixture_tear_down);
  g_test_add ("/export/cli/vcard", Fixture, NULL, fixture_set_up, test_vcard, fixture_tear_down);
  g_test_add ("/export/cli/failures", Fixture, NULL, fixture_set_up, test_failures, fixture_tear_down);

  return g_test_run ();
}
