/* test-import-library.c: applying imports to a library
 *
 * Updating in place, idempotence (byte-identical files), dry runs, the
 * async API with a URL served on the loopback, and hostile input that
 * must end in a clear error or a clean import with nothing half written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rtes-fiche-json.h"
#include "rtes-import-store.h"
#include "rtes-import-test-util.h"
#include "rtes-library.h"
#include "rtes-test-util.h"

typedef ImportTestFixture Fixture;

static void
assert_counts (RtesImportReport *report,
               guint             created,
               guint             updated,
               guint             unchanged)
{
  g_assert_cmpuint (rtes_import_report_get_created (report)->len, ==, created);
  g_assert_cmpuint (rtes_import_report_get_updated (report)->len, ==, updated);
  g_assert_cmpuint (rtes_import_report_get_unchanged (report)->len, ==, unchanged);
}

/* ------------------------------------------------------- the samples */

static void
test_bfc_idempotent (Fixture       *fx,
                     gconstpointer  data)
{
  g_autofree char *bfc = rtes_test_shared_export ("bourgogne-franche-comte.txt");
  g_autoptr(RtesImportReport) first = NULL;
  g_autoptr(RtesImportReport) second = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autofree char *summary = NULL;

  if (bfc == NULL)
    return;
  first = import_test_run (fx->library, bfc, FALSE);
  assert_counts (first, 6, 0, 0);
  summary = rtes_import_report_format_summary (first);
  g_assert_cmpstr (summary, ==, "6 created, 0 updated, 0 unchanged");
  g_assert_cmpuint (import_test_count_json_files (fx->dir), ==, 6);
  /* The library's list follows the files. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fx->library)), ==, 6);
  g_assert_nonnull (rtes_library_lookup (fx->library, "dijon-metropole"));

  before = rtes_test_snapshot_tree (fx->dir);
  second = import_test_run (fx->library, bfc, FALSE);
  assert_counts (second, 0, 0, 6);
  rtes_test_assert_tree_unchanged (before, fx->dir);
}

static void
test_page_keeps_identity (Fixture       *fx,
                          gconstpointer  data)
{
  g_autofree char *bfc = rtes_test_shared_export ("bourgogne-franche-comte.txt");
  g_autofree char *page = rtes_test_shared_export ("creusot-montceau-page.txt");
  g_autoptr(RtesImportReport) report = NULL;
  g_autoptr(RtesImportReport) again = NULL;
  g_autoptr(RtesImportReport) region_again = NULL;
  g_autoptr(RtesFiche) creusot = NULL;
  g_autoptr(GHashTable) before = NULL;
  const char * const *changes;

  if (bfc == NULL || page == NULL)
    return;
  g_clear_object (&report);
  report = import_test_run (fx->library, bfc, FALSE);
  g_clear_object (&report);

  report = import_test_run (fx->library, page, FALSE);
  assert_counts (report, 0, 1, 0);
  /* The page adds only its date to what the region export gave. */
  changes = rtes_import_report_get_changes (report, "communaute-urbaine-creusot-montceau");
  g_assert_nonnull (changes);
  g_assert_cmpstr (changes[0], ==, "updated");
  g_assert_null (changes[1]);

  creusot = rtes_test_load_fiche (fx->dir, "communaute-urbaine-creusot-montceau");
  g_assert_cmpstr (rtes_fiche_get_updated (creusot), ==, "2022-03-02");
  g_assert_cmpstr (rtes_fiche_get_kind (creusot), ==, "communaute-urbaine");
  g_assert_cmpint (rtes_fiche_get_population (creusot), ==, 97000);
  g_assert_cmpstr (rtes_fiche_get_region (creusot), ==, "Bourgogne-Franche-Comté");
  import_test_check_address (creusot, "Château de la Verrerie BP69", "71206", "Le Creusot cedex", "France");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rtes_fiche_get_contacts (creusot))), ==, 2);

  /* Importing either export again now changes nothing at all. */
  before = rtes_test_snapshot_tree (fx->dir);
  again = import_test_run (fx->library, page, FALSE);
  assert_counts (again, 0, 0, 1);
  region_again = import_test_run (fx->library, bfc, FALSE);
  assert_counts (region_again, 0, 0, 6);
  rtes_test_assert_tree_unchanged (before, fx->dir);
}

/* ------------------------------------------------------- the fixture */

static void
test_dry_run (Fixture       *fx,
              gconstpointer  data)
{
  g_autofree char *path = import_test_fixture_path ();
  g_autoptr(GHashTable) before = rtes_test_snapshot_tree (fx->dir);
  g_autoptr(RtesImportReport) report = import_test_run (fx->library, path, TRUE);

  g_assert_true (rtes_import_report_get_dry_run (report));
  assert_counts (report, 3, 0, 0);
  g_assert_cmpstr (g_ptr_array_index (rtes_import_report_get_created (report), 0), ==, "ville-de-figeac");
  /* Nothing written, nothing listed. */
  rtes_test_assert_tree_unchanged (before, fx->dir);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fx->library)), ==, 0);
}

static void
test_update_by_folded_name (Fixture       *fx,
                            gconstpointer  data)
{
  g_autofree char *path = import_test_fixture_path ();
  g_autoptr(RtesFiche) existing = rtes_fiche_new ("figeac", "VILLE DE FIGEAC");
  g_autoptr(RtesContact) maire = rtes_contact_new ();
  g_autoptr(RtesImportReport) report = NULL;
  g_autoptr(RtesFiche) after = NULL;
  g_autoptr(RtesContact) contact = NULL;
  g_autoptr(RtesImportStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *tags[] = { "tiers-lieux", NULL };
  g_autofree char *data_after = NULL;
  g_autofree char *duplicate = g_build_filename (fx->dir, "ville-de-figeac.json", NULL);

  rtes_contact_set_role (maire, "Maire");
  rtes_contact_set_name (maire, "André Mellinger");
  rtes_contact_set_email (maire, "maire@figeac.example");
  g_list_store_append (rtes_fiche_get_contacts (existing), maire);
  rtes_fiche_set_tags (existing, tags);
  json_object_set_string_member (rtes_fiche_get_extra (existing), "x_site_field", "kept");
  rtes_library_save (fx->library, existing, &error);
  g_assert_no_error (error);

  report = import_test_run (fx->library, path, FALSE);
  assert_counts (report, 2, 1, 0);
  g_assert_cmpstr (g_ptr_array_index (rtes_import_report_get_updated (report), 0), ==, "figeac");

  /* Updated in place, not duplicated under "ville-de-figeac". */
  g_assert_false (g_file_test (duplicate, G_FILE_TEST_EXISTS));
  after = rtes_test_load_fiche (fx->dir, "figeac");
  /* Never imported before: what was empty here is filled, and a value
   * here that the export contradicts is kept, as a conflict. */
  g_assert_cmpstr (rtes_fiche_get_name (after), ==, "VILLE DE FIGEAC");
  g_assert_cmpstr (rtes_fiche_get_kind (after), ==, "commune");
  g_assert_cmpstr (rtes_fiche_get_updated (after), ==, "2023-09-15");
  store = rtes_import_store_load (fx->dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rtes_import_store_lookup_conflict (store, "figeac", "name"));
  /* What the export does not show is kept: tags, unknown members, and
   * the e-mail of a contact the export lists without one. */
  g_assert_cmpstr (rtes_fiche_get_tags (after)[0], ==, "tiers-lieux");
  data_after = rtes_fiche_to_data (after, NULL);
  g_assert_nonnull (strstr (data_after, "\"x_site_field\": \"kept\""));
  contact = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (after)), 0);
  g_assert_cmpstr (rtes_contact_get_name (contact), ==, "André Mellinger");
  g_assert_cmpstr (rtes_contact_get_email (contact), ==, "maire@figeac.example");
}

static void
test_touch_when_changed (Fixture       *fx,
                         gconstpointer  data)
{
  g_autofree char *path = import_test_fixture_path ();
  g_autofree char *text = rtes_test_read_file (path, NULL);
  g_auto(GStrv) parts = g_strsplit (text, "1. Pépinière d’entreprises ESS", 2);
  g_autofree char *changed_text = g_strjoinv ("1. Pépinière et couveuse d’entreprises ESS", parts);
  g_autofree char *changed = rtes_test_write_file (fx->dir, ".rtes-fiches/in/changed.txt", changed_text);
  g_autoptr(RtesImportReport) first = import_test_run (fx->library, path, FALSE);
  g_autoptr(RtesImportReport) second = NULL;
  g_autoptr(RtesFiche) narbonne = rtes_test_load_fiche (fx->dir, "communaute-d-agglomeration-du-grand-narbonne");
  g_autoptr(RtesFiche) after = NULL;
  g_autoptr(GError) error = NULL;

  /* Someone edited another member of the fiche since; the export (which
   * states no date) changes its actions: they are taken, the edit is
   * kept, and the content changes today. */
  g_assert_nonnull (parts[1]);
  g_assert_null (rtes_fiche_get_updated (narbonne));
  rtes_fiche_set_panorama (narbonne, "Texte ajouté à la main");
  rtes_fiche_set_updated (narbonne, "2020-01-01");
  rtes_library_save (fx->library, narbonne, &error);
  g_assert_no_error (error);

  second = import_test_run (fx->library, changed, FALSE);
  assert_counts (second, 0, 1, 2);
  after = rtes_test_load_fiche (fx->dir, "communaute-d-agglomeration-du-grand-narbonne");
  g_assert_cmpstr (rtes_fiche_get_actions (after), ==,
                   "1. Pépinière et couveuse d’entreprises ESS\n2. Fonds de confiance");
  g_assert_cmpstr (rtes_fiche_get_panorama (after), ==, "Texte ajouté à la main");
  g_assert_cmpstr (rtes_fiche_get_updated (after), ==, "2026-01-02");
}

static void
test_notes_kept_once (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *path = import_test_fixture_path ();
  g_autoptr(RtesImportReport) first = import_test_run (fx->library, path, FALSE);
  g_autoptr(RtesImportReport) second = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autofree char *figeac_path = g_build_filename (fx->dir, "ville-de-figeac.json", NULL);
  g_autofree char *figeac = NULL;
  GPtrArray *notes;

  /* The report lists what could not be placed, with its line. */
  notes = rtes_import_report_get_notes (first, "ville-de-figeac");
  g_assert_nonnull (notes);
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (notes, 0), "line 46"));
  g_assert_cmpuint (rtes_import_report_count_notes (first), ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (notes, 0), "Site internet : https://www.ville-figeac.fr"));
  g_assert_cmpuint (rtes_import_report_get_warnings (first)->len, ==, 1);

  /* The fiche keeps it, once, however often it is imported. */
  before = rtes_test_snapshot_tree (fx->dir);
  second = import_test_run (fx->library, path, FALSE);
  assert_counts (second, 0, 0, 3);
  rtes_test_assert_tree_unchanged (before, fx->dir);
  figeac = rtes_test_read_file (figeac_path, NULL);
  g_assert_nonnull (strstr (figeac, "\"import_notes\": [\n    \"Site internet : https://www.ville-figeac.fr\"\n  ]"));
}

static void
test_broken_not_overwritten (Fixture       *fx,
                             gconstpointer  data)
{
  g_autofree char *path = import_test_fixture_path ();
  g_autofree char *broken = rtes_test_write_file (fx->dir, "ville-de-figeac.json", "{ not json");
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(RtesImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  library = rtes_library_open (fx->dir, &error);
  g_assert_no_error (error);
  report = import_test_run (library, path, FALSE);
  assert_counts (report, 2, 0, 0);
  g_assert_cmpuint (rtes_import_report_get_skipped (report)->len, ==, 1);
  g_assert_cmpuint (rtes_import_report_get_warnings (report)->len, ==, 2);
  contents = rtes_test_read_file (broken, NULL);
  g_assert_cmpstr (contents, ==, "{ not json");
}

static void
test_json_reimport (Fixture       *fx,
                    gconstpointer  data)
{
  const char *json =
    "{ \"format\": \"rtes-site-export\", \"version\": 1, \"generated\": \"2026-11-20T10:00:00Z\",\n"
    "  \"fiches\": [\n"
    "    { \"format\": \"rtes-fiche\", \"version\": 1, \"id\": \"ville-de-test\", \"name\": \"Ville de Test\",\n"
    "      \"status\": \"published\", \"kind\": \"commune\", \"updated\": \"2026-11-01\", \"revision\": \"17\" },\n"
    "    { \"format\": \"rtes-fiche\", \"version\": 1, \"id\": \"autre\", \"name\": \"Autre\", \"revision\": \"4\" } ] }\n";
  g_autofree char *path = rtes_test_write_file (fx->dir, ".rtes-fiches/in/fiches.json", json);
  g_autoptr(RtesImportReport) first = import_test_run (fx->library, path, FALSE);
  g_autoptr(RtesImportReport) second = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autofree char *written_path = g_build_filename (fx->dir, "ville-de-test.json", NULL);
  g_autofree char *written = NULL;

  g_assert_cmpstr (rtes_import_report_get_format (first), ==, "json");
  assert_counts (first, 2, 0, 0);
  written = rtes_test_read_file (written_path, NULL);
  g_assert_null (strstr (written, "revision"));
  g_assert_nonnull (strstr (written, "\"updated\": \"2026-11-01\""));

  before = rtes_test_snapshot_tree (fx->dir);
  second = import_test_run (fx->library, path, FALSE);
  assert_counts (second, 0, 0, 2);
  rtes_test_assert_tree_unchanged (before, fx->dir);
}

/* ------------------------------------------------------------ hostile */

static void
assert_import_fails (Fixture    *fx,
                     const char *data,
                     gsize       length,
                     int         code,
                     const char *says)
{
  g_autoptr(RtesImporter) importer = rtes_importer_new (fx->library);
  g_autoptr(GHashTable) before = rtes_test_snapshot_tree (fx->dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fx->in, "hostile.txt", NULL);
  g_autoptr(RtesImportPlan) plan = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  plan = rtes_importer_plan (importer, path, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, RTES_IMPORT_ERROR, code);
  g_assert_nonnull (strstr (error->message, "hostile.txt"));
  if (says != NULL)
    g_assert_nonnull (strstr (error->message, says));
  rtes_test_assert_tree_unchanged (before, fx->dir);
}

static void
test_hostile_binary (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < 4096; i++)
    {
      guint8 b = (guint8) g_rand_int_range (rand, 0, 256);

      g_byte_array_append (bytes, &b, 1);
    }
  assert_import_fails (fx, (const char *) bytes->data, bytes->len, RTES_IMPORT_ERROR_BINARY, "binary");
  /* A PNG header: NUL bytes after a few printable ones. */
  assert_import_fails (fx, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, RTES_IMPORT_ERROR_BINARY, NULL);
}

/* Input refused with @code, the message saying @says as well as the
 * file's name: @text, or else 50 MB of @fill that begin with @head and
 * end with @tail. */
typedef struct {
  const char *path;
  int         code;
  const char *says;
  const char *text;
  const char *head;
  char        fill;
  const char *tail;
} Refused;

static const Refused refused[] = {
  { "/import/hostile/empty", RTES_IMPORT_ERROR_EMPTY, "empty", "" },
  { "/import/hostile/blank", RTES_IMPORT_ERROR_EMPTY, "empty", " \n\t\r\n " },
  /* Latin-1 "Dijon Métropole" on line 3. */
  { "/import/hostile/invalid-utf8", RTES_IMPORT_ERROR_ENCODING, "hostile.txt:3:8",
    "Réseau\n\nDijon M\xe9tropole\nBudget annuel consacré à l’ESS\n40 000 euros\n" },
  { "/import/hostile/long-line", RTES_IMPORT_ERROR_TOO_LARGE, "hostile.txt:1:", NULL, "", 'a', "" },
  /* 50 MB of JSON on one line is JSON's right; this one holds no fiche. */
  { "/import/hostile/long-json-line", RTES_IMPORT_ERROR_NO_FICHE, "no fiche", NULL,
    "{\"format\": \"rtes-site-export\", \"version\": 1, \"fiches\": [], \"x\": \"", 'a', "\"}" },
  /* 50 MB of line ends: refused before the parser spends memory on them. */
  { "/import/hostile/many-lines", RTES_IMPORT_ERROR_TOO_LARGE, "lines", NULL, "Dijon", '\n', "" },
  { "/import/hostile/no-fiche", RTES_IMPORT_ERROR_NO_FICHE, "no fiche",
    "Ceci est un texte.\nIl ne contient aucune fiche.\n" },
};

static void
test_hostile_refused (Fixture       *fx,
                      gconstpointer  data)
{
  const Refused *r = data;
  gsize length = 50 * 1024 * 1024;
  g_autofree char *bytes = NULL;

  if (r->text != NULL)
    {
      assert_import_fails (fx, r->text, strlen (r->text), r->code, r->says);
      return;
    }
  bytes = g_malloc (length);
  memset (bytes, r->fill, length);
  memcpy (bytes, r->head, strlen (r->head));
  memcpy (bytes + length - strlen (r->tail), r->tail, strlen (r->tail));
  assert_import_fails (fx, bytes, length, r->code, r->says);
}

static void
test_hostile_bad_json_writes_nothing (Fixture       *fx,
                                      gconstpointer  data)
{
  /* The second fiche is bad: the first must not be written either. */
  const char *json = "{\"format\": \"rtes-site-export\", \"version\": 1, \"fiches\": ["
                     "{\"format\": \"rtes-fiche\", \"version\": 1, \"id\": \"bonne\", \"name\": \"Bonne\"},"
                     "{\"format\": \"rtes-fiche\", \"version\": 1, \"id\": \"mauvaise\", \"name\": 12}]}";
  g_autofree char *path = rtes_test_write_file (fx->in, "hostile.json", json);
  g_autoptr(RtesImporter) importer = rtes_importer_new (fx->library);
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesImportPlan) plan = rtes_importer_plan (importer, path, NULL, &error);

  g_assert_null (plan);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "fiches[1]"));
  g_assert_cmpuint (import_test_count_json_files (fx->dir), ==, 0);
}

static void
test_hostile_thousands (Fixture       *fx,
                        gconstpointer  data)
{
  const guint n = 3000;
  GString *text = g_string_new ("Réseau des collectivités Territoriales pour une Économie Solidaire\n\n");
  g_autofree char *path = NULL;
  g_autoptr(RtesImportReport) report = NULL;
  g_autoptr(RtesImportReport) again = NULL;
  gint64 start;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text,
                            "Commune numéro %u\n\nBudget consacré à l’ESS\n%u 000 € en fonctionnement\n"
                            "Type de collectivité\nCommune\nNombre d'habitants sur le territoire\n%u hab.\n"
                            "Adresse\n\n1 rue de la Mairie\n25000 Besançon\nFrance\n\nContact public\n\n"
                            "Maire : Personne %u\n\n",
                            i, i + 1, 1000 + i, i);

  path = rtes_test_write_file (fx->in, "thousands.txt", text->str);
  start = g_get_monotonic_time ();
  report = import_test_run (fx->library, path, FALSE);
  assert_counts (report, n, 0, 0);
  g_test_message ("%u fiches imported in %.2f s", n, (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (import_test_count_json_files (fx->dir), ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fx->library)), ==, n);

  start = g_get_monotonic_time ();
  again = import_test_run (fx->library, path, FALSE);
  assert_counts (again, 0, 0, n);
  g_test_message ("re-import of %u unchanged fiches in %.2f s", n, (g_get_monotonic_time () - start) / 1e6);
  g_string_free (text, TRUE);
}

/* -------------------------------------------------------------- async */

typedef struct {
  GMainLoop        *loop;
  RtesLibrary      *library;
  RtesImportReport *report;
  GError           *error;
} AsyncResult;

/* Planned in a worker thread, as the window does; applied here. */
static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncResult *r = user_data;
  g_autoptr(RtesImportPlan) plan = rtes_importer_plan_finish (RTES_IMPORTER (source), result, &r->error);

  if (plan != NULL && rtes_import_plan_commit (plan, r->library, &r->error))
    r->report = rtes_import_plan_to_report (plan, FALSE);
  g_main_loop_quit (r->loop);
}

static void
run_async (RtesLibrary *library,
           const char  *location,
           AsyncResult *r)
{
  g_autoptr(RtesImporter) importer = rtes_importer_new (library);

  /* Straight to the loopback: no proxy settings in the test session. */
  rtes_importer_set_proxy_resolver (importer, NULL);
  r->loop = g_main_loop_new (NULL, FALSE);
  r->library = library;
  rtes_importer_plan_async (importer, location, NULL, run_done_cb, r);
  g_main_loop_run (r->loop);
  g_main_loop_unref (r->loop);
}

static void
test_async_file (Fixture       *fx,
                 gconstpointer  data)
{
  g_autofree char *path = import_test_fixture_path ();
  AsyncResult r = { NULL, };

  run_async (fx->library, path, &r);
  g_assert_no_error (r.error);
  assert_counts (r.report, 3, 0, 0);
  /* The list was refreshed in this thread, by the commit. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fx->library)), ==, 3);
  g_assert_nonnull (rtes_library_lookup (fx->library, "ville-de-figeac"));
  g_object_unref (r.report);
}

static void
test_async_url (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *base = NULL;
  g_autoptr(SoupServer) server = import_test_serve (&base);
  g_autofree char *good = NULL;
  g_autofree char *missing = NULL;
  AsyncResult ok = { NULL, };
  AsyncResult not_found = { NULL, };

  good = g_strconcat (base, "adherents.txt", NULL);
  missing = g_strconcat (base, "absent.txt", NULL);

  run_async (fx->library, good, &ok);
  g_assert_no_error (ok.error);
  assert_counts (ok.report, 3, 0, 0);
  g_assert_cmpstr (rtes_import_report_get_source (ok.report), ==, good);
  g_object_unref (ok.report);

  {
    g_autofree char *latin1 = g_strconcat (base, "latin1.txt", NULL);
    g_autoptr(RtesFiche) dijon = NULL;
    AsyncResult converted = { NULL, };

    run_async (fx->library, latin1, &converted);
    g_assert_no_error (converted.error);
    assert_counts (converted.report, 1, 0, 0);
    dijon = rtes_test_load_fiche (fx->dir, "dijon-metropole");
    g_assert_cmpstr (rtes_fiche_get_name (dijon), ==, "Dijon Métropole");
    g_assert_cmpstr (rtes_fiche_get_budget_text (dijon), ==, "40 000 euros");
    g_object_unref (converted.report);
  }

  run_async (fx->library, missing, &not_found);
  g_assert_null (not_found.report);
  g_assert_error (not_found.error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_NETWORK);
  g_assert_nonnull (strstr (not_found.error->message, "404"));
  g_assert_nonnull (strstr (not_found.error->message, missing));
  g_error_free (not_found.error);
}

static void
test_async_cancelled (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *path = import_test_fixture_path ();
  g_autoptr(RtesImporter) importer = rtes_importer_new (fx->library);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GHashTable) before = rtes_test_snapshot_tree (fx->dir);
  AsyncResult r = { g_main_loop_new (NULL, FALSE), fx->library, NULL, NULL };

  /* The window's Cancel: a clean stop, nothing written, a known error. */
  g_cancellable_cancel (cancellable);
  rtes_importer_plan_async (importer, path, cancellable, run_done_cb, &r);
  g_main_loop_run (r.loop);
  g_main_loop_unref (r.loop);
  g_assert_null (r.report);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_error_free (r.error);
  rtes_test_assert_tree_unchanged (before, fx->dir);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fx->library)), ==, 0);
}

static void
test_async_error (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fx->dir, "absent.txt", NULL);
  AsyncResult r = { NULL, };

  run_async (fx->library, missing, &r);
  g_assert_null (r.report);
  g_assert_error (r.error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_IO);
  g_assert_nonnull (strstr (r.error->message, "absent.txt"));
  g_error_free (r.error);
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, import_test_fixture_set_up, func, import_test_fixture_tear_down)

  ADD ("/import/library/bfc/idempotent", test_bfc_idempotent);
  ADD ("/import/library/bfc/page-keeps-identity", test_page_keeps_identity);
  ADD ("/import/library/dry-run", test_dry_run);
  ADD ("/import/library/update-by-folded-name", test_update_by_folded_name);
  ADD ("/import/library/touch-when-changed", test_touch_when_changed);
  ADD ("/import/library/notes-kept-once", test_notes_kept_once);
  ADD ("/import/library/broken-not-overwritten", test_broken_not_overwritten);
  ADD ("/import/library/json-reimport", test_json_reimport);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    g_test_add (refused[i].path, Fixture, &refused[i], import_test_fixture_set_up, test_hostile_refused,
                import_test_fixture_tear_down);
  ADD ("/import/hostile/binary", test_hostile_binary);
  ADD ("/import/hostile/bad-json-writes-nothing", test_hostile_bad_json_writes_nothing);
  ADD ("/import/hostile/thousands", test_hostile_thousands);
  ADD ("/import/async/file", test_async_file);
  ADD ("/import/async/url", test_async_url);
  ADD ("/import/async/error", test_async_error);
  ADD ("/import/async/cancelled", test_async_cancelled);

#undef ADD
  return g_test_run ();
}
