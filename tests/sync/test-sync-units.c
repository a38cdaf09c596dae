/* test-sync-units.c: the parts of sync that need no network
 *
 * The export parser against hostile input, the site address rules and
 * the sync state's round trip. The merge is tested in tests/model.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>

#include "rtes-commit-journal.h"
#include "rtes-fiche-json.h"
#include "rtes-sync.h"
#include "rtes-test-util.h"

/* ---- export ---- */

#define FICHE(id, rev) "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":" id ",\"name\":\"N\",\"revision\":" rev "}"

static void
assert_export_error (const char *json,
                     const char *place)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesSiteExport) export = NULL;

  export = rtes_site_export_new_from_data (json, strlen (json), "fiches.json", &error);
  g_assert_null (export);
  g_assert_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_EXPORT);
  if (strstr (error->message, place) == NULL)
    g_error ("“%s” does not name “%s”", error->message, place);
}

static void
test_export_valid (void)
{
  const char *json = "{\"format\":\"rtes-site-export\",\"version\":1,\"generated\":\"x\",\"fiches\":["
                     FICHE ("\"dijon\"", "\"17\"") "," FICHE ("\"nevers\"", "\"3\"") "]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesSiteExport) export = NULL;
  g_autoptr(JsonNode) doc = NULL;

  export = rtes_site_export_new_from_data (json, strlen (json), "fiches.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rtes_site_export_get_n_fiches (export), ==, 2);
  g_assert_cmpstr (rtes_site_export_get_revision (export, "dijon"), ==, "17");
  g_assert_cmpstr (rtes_site_export_get_revision (export, "nevers"), ==, "3");
  g_assert_null (rtes_site_export_get_revision (export, "paris"));
  /* The revision is not part of the fiche. */
  doc = rtes_fiche_to_json (rtes_site_export_lookup (export, "dijon"));
  g_assert_false (json_object_has_member (json_node_get_object (doc), "revision"));
}

static void
test_export_hostile (void)
{
#define HEAD "{\"format\":\"rtes-site-export\",\"version\":1,\"fiches\":["
  assert_export_error ("[]", "fiches.json");
  assert_export_error ("{\"format\":\"other\",\"version\":1,\"fiches\":[]}", "format");
  assert_export_error ("{\"format\":\"rtes-site-export\",\"version\":2,\"fiches\":[]}", "version 2");
  assert_export_error ("{\"format\":\"rtes-site-export\",\"version\":\"1\",\"fiches\":[]}", "version");
  assert_export_error ("{\"format\":\"rtes-site-export\",\"version\":1,\"fiches\":{}}", "fiches");
  assert_export_error (HEAD "42]}", "fiches[0]");
  assert_export_error (HEAD FICHE ("\"a\"", "\"1\"") "," FICHE ("\"b\"", "\"1\"") ","
                       FICHE ("\"c\"", "\"1\"") "," FICHE ("\"../x\"", "\"1\"") "]}", "fiches[3].id");
  assert_export_error (HEAD FICHE ("\"a/b\"", "\"1\"") "]}", "fiches[0].id");
  assert_export_error (HEAD FICHE ("42", "\"1\"") "]}", "fiches[0].id");
  assert_export_error (HEAD FICHE ("\"Dijon\"", "\"1\"") "]}", "fiches[0].id");
  assert_export_error (HEAD FICHE ("\"a\"", "17") "]}", "fiches[0].revision");
  assert_export_error (HEAD FICHE ("\"a\"", "\"a\\r\\nX-Evil: 1\"") "]}", "fiches[0].revision");
  assert_export_error (HEAD FICHE ("\"a\"", "\"1\"") "," FICHE ("\"a\"", "\"2\"") "]}", "fiches[1].id");
  assert_export_error (HEAD "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"a\",\"name\":42,\"revision\":\"1\"}]}",
                       "fiches[0]");
  assert_export_error (HEAD FICHE ("\"a\"", "\"1\""), "fiches.json");
#undef HEAD
}

static void
test_export_type_error_position (void)
{
  const char *json =
    "{\"format\": \"rtes-site-export\", \"version\": 1, \"fiches\": [\n"
    "  {\"format\": \"rtes-fiche\", \"version\": 1, \"id\": \"dijon\", \"name\": \"Dijon\", \"revision\": \"1\"},\n"
    "  {\"format\": \"rtes-fiche\", \"version\": 1, \"id\": \"albi\", \"name\": \"Albi\",\n"
    "   \"contacts\": [{\"name\": \"A\"}, {\"name\": \"B\", \"email\": 42}], \"revision\": \"2\"}\n"
    "]}\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesSiteExport) export = NULL;

  /* A wrong type says where it stands, line and column. */
  export = rtes_site_export_new_from_data (json, strlen (json), "fiches.json", &error);
  g_assert_null (export);
  g_assert_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_EXPORT);
  g_assert_cmpstr (error->message, ==, "fiches.json:4:55: fiches[1].contacts[1].email: expected a string");
}

static void
test_export_deep (void)
{
  g_autoptr(GString) json = g_string_new ("{\"format\":\"rtes-site-export\",\"version\":1,\"fiches\":");
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesSiteExport) export = NULL;
  guint depth = 1000000;

  /* Would overflow the stack of a recursive parser. */
  for (guint i = 0; i < depth; i++)
    g_string_append_c (json, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (json, ']');
  g_string_append_c (json, '}');
  export = rtes_site_export_new_from_data (json->str, json->len, "fiches.json", &error);
  g_assert_null (export);
  g_assert_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_EXPORT);
  g_assert_nonnull (strstr (error->message, "nested"));
}

/* ---- client ---- */

static void
test_client_addresses (void)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  const char *refused[] = { "http://example.org", "ftp://example.org", "example.org", "https://",
                            "https://example.org/?q=1", "http://10.0.0.1/rtes", NULL };
  const char *accepted[] = { "https://www.rtes.fr", "https://www.rtes.fr/", "http://127.0.0.1:8080",
                             "http://localhost/rtes", "http://[::1]:9000", NULL };

  for (guint i = 0; refused[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RtesSiteClient) client = rtes_site_client_new (session, refused[i], RTES_SITE_CLIENT_FLAGS_NONE, &error);

      g_assert_null (client);
      g_assert_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_SITE);
    }
  for (guint i = 0; accepted[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RtesSiteClient) client = rtes_site_client_new (session, accepted[i], RTES_SITE_CLIENT_FLAGS_NONE, &error);

      g_assert_no_error (error);
      g_assert_false (g_str_has_suffix (rtes_site_client_get_base_url (client), "/"));
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RtesSiteClient) client = rtes_site_client_new (session, "http://example.org",
                                                             RTES_SITE_CLIENT_ALLOW_INSECURE, &error);
    g_assert_no_error (error);
    g_assert_nonnull (client);
  }
}

typedef struct {
  gboolean done;
  char *revision;
  GError *error;
} Publish;

static void
publish_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Publish *p = user_data;

  p->revision = rtes_site_client_publish_finish (RTES_SITE_CLIENT (source), result, &p->error);
  p->done = TRUE;
}

static void
test_client_bad_id (void)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autoptr(RtesSiteClient) client = NULL;
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("dijon", "Dijon");
  g_autoptr(GError) error = NULL;
  Publish p = { 0 };

  /* Port 1: if a request were sent, the error would be a network one. */
  client = rtes_site_client_new (session, "http://127.0.0.1:1", RTES_SITE_CLIENT_FLAGS_NONE, &error);
  g_assert_no_error (error);
  rtes_fiche_set_id (fiche, "../x");
  rtes_site_client_publish_async (client, fiche, NULL, NULL, publish_cb, &p);
  while (!p.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (p.revision);
  g_assert_error (p.error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_REFUSED);
  g_clear_error (&p.error);
}

/* ---- state ---- */

static void
test_state_round_trip (void)
{
  g_autofree char *library = rtes_test_make_tmpdir ("rtes-state");
  g_autofree char *dir = rtes_sync_state_dir_for_library (library);
  g_autoptr(RtesLibraryDir) root = rtes_library_dir_open (library, FALSE, NULL);
  g_autoptr(RtesSyncState) state = NULL;
  g_autoptr(RtesSyncState) reread = NULL;
  g_autoptr(RtesSyncTransaction) transaction = rtes_sync_transaction_new (root);
  g_autoptr(JsonNode) doc = rtes_test_parse_json ("{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"a\",\"name\":\"N\"}");
  g_autoptr(JsonNode) base = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_conflict_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) mine = rtes_test_parse_json ("\"M\"");
  g_autoptr(JsonNode) theirs = rtes_test_parse_json ("\"T\"");
  g_autoptr(JsonNode) other_doc = rtes_test_parse_json ("{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"a\",\"name\":\"O\"}");
  /* Beyond 2^63: a file system may number inodes so. */
  RtesFileKey key = { 3456, G_GINT64_CONSTANT (1733475600123456789), G_GINT64_CONSTANT (1733475601000000001),
                      G_GUINT64_CONSTANT (18446744073709551000), 2049 };
  RtesFileKey other = key;
  g_autofree char *state_file = NULL;
  g_autofree char *written = NULL;
  RtesConflict *c;

  state = rtes_sync_state_load (dir, &error);
  g_assert_no_error (error);
  g_assert_null (rtes_sync_state_get_site (state));
  rtes_sync_state_reset (state, "https://www.rtes.fr");
  rtes_sync_state_set_etag (state, "\"e1\"");
  rtes_sync_state_set_base (state, "a", "17", doc);
  g_ptr_array_add (conflicts, rtes_conflict_new ("a", "name", NULL, mine, theirs));
  g_ptr_array_add (conflicts, rtes_conflict_new ("a", "contacts[key=c7f3a2].phone", mine, mine, NULL));
  rtes_sync_state_set_conflicts (state, "a", conflicts);
  rtes_sync_state_set_clean (state, "a", &key);
  rtes_sync_state_plan_save (state, transaction);
  g_assert_true (rtes_sync_transaction_commit (transaction, &error));
  g_assert_no_error (error);
  state_file = g_build_filename (dir, "state.json", NULL);
  written = rtes_test_read_file (state_file, NULL);
  g_assert_nonnull (strstr (written, "\"version\": 3"));
  g_assert_nonnull (strstr (written, "\"path\": \"contacts[key=c7f3a2].phone\""));

  reread = rtes_sync_state_load (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rtes_sync_state_get_site (reread), ==, "https://www.rtes.fr");
  g_assert_cmpstr (rtes_sync_state_get_etag (reread), ==, "\"e1\"");
  g_assert_cmpstr (rtes_sync_state_get_revision (reread, "a"), ==, "17");
  base = rtes_sync_state_get_base (reread, "a", &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (base, doc));
  g_assert_true (rtes_sync_state_is_clean (reread, "a", &key));
  other.ctime_ns++;
  g_assert_false (rtes_sync_state_is_clean (reread, "a", &other));
  /* A new base: whatever the file holds, it is not that. */
  rtes_sync_state_set_base (reread, "a", "18", other_doc);
  g_assert_false (rtes_sync_state_is_clean (reread, "a", &key));
  g_assert_cmpuint (rtes_sync_state_count_conflicts (reread), ==, 2);
  c = rtes_sync_state_lookup_conflict (reread, "a", "name");
  g_assert_null (c->base);
  g_assert_cmpint (c->kind, ==, RTES_CONFLICT_BOTH_ADDED);
  g_assert_cmpstr (json_node_get_string (c->theirs), ==, "T");
  c = rtes_sync_state_lookup_conflict (reread, "a", "contacts[key=c7f3a2].phone");
  g_assert_nonnull (c);
  g_assert_cmpint (c->kind, ==, RTES_CONFLICT_CHANGED_REMOVED);
  g_assert_null (c->theirs);
  rtes_test_remove_tree (library);
}

/* What version 1 wrote: conflicts on whole members, named "field". */
static void
test_state_version_1 (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("rtes-state");
  g_autofree char *path = rtes_test_write_file (dir, "state.json",
    "{\"format\":\"rtes-sync-state\",\"version\":1,\"site\":\"https://www.rtes.fr\",\"etag\":null,"
    "\"fiches\":{\"a\":{\"revision\":\"3\"}},"
    "\"conflicts\":[{\"id\":\"a\",\"field\":\"contacts\",\"base\":[],\"mine\":[{\"name\":\"M\"}],"
    "\"theirs\":[{\"name\":\"T\"}]}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesSyncState) state = rtes_sync_state_load (dir, &error);
  RtesConflict *c;

  g_assert_no_error (error);
  c = rtes_sync_state_lookup_conflict (state, "a", "contacts");
  g_assert_nonnull (c);
  g_assert_cmpint (c->kind, ==, RTES_CONFLICT_BOTH_CHANGED);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (c->mine)), ==, 1);
  rtes_test_remove_tree (dir);
}

static void
test_state_damaged (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("rtes-state");
  const char *bad[] = {
    "not json",
    "{\"format\":\"rtes-sync-state\",\"version\":1,\"fiches\":{\"../x\":{\"revision\":\"1\"}}}",
    "{\"format\":\"rtes-sync-state\",\"version\":1,\"fiches\":{\"a\":{\"revision\":1}}}",
    "{\"format\":\"rtes-sync-state\",\"version\":1,\"conflicts\":[{\"id\":\"a\"}]}",
    "{\"format\":\"rtes-sync-state\",\"version\":9}",
    "{\"format\":\"rtes-sync-state\",\"version\":2,\"conflicts\":[{\"id\":\"a\",\"field\":\"name\"}]}",
    "{\"format\":\"rtes-sync-state\",\"version\":2,\"conflicts\":[{\"id\":\"a\",\"path\":\"contacts[key=]\"}]}",
    "{\"format\":\"rtes-sync-state\",\"version\":1,\"conflicts\":[{\"id\":\"a\",\"field\":\" \"}]}",
    "{\"format\":\"rtes-sync-state\",\"version\":3,\"revisions\":{\"a\":\"1\"},\"files\":{\"a\":7}}",
    "{\"format\":\"rtes-sync-state\",\"version\":3,\"revisions\":{\"a\":\"1\"},\"files\":{\"a\":\"1 2 3\"}}",
    "{\"format\":\"rtes-sync-state\",\"version\":3,\"revisions\":{\"a\":\"1\"},\"files\":{\"a\":\"1 2 3 4 5 6\"}}",
    "{\"format\":\"rtes-sync-state\",\"version\":3,\"revisions\":{\"a\":\"1\"},\"files\":{\"a\":\"-1 2 3 4 5\"}}",
    "{\"format\":\"rtes-sync-state\",\"version\":3,\"revisions\":{\"a\":\"1\"},\"files\":{\"a\":\"1  2 3 4 5\"}}",
    "{\"format\":\"rtes-sync-state\",\"version\":3,\"revisions\":{\"a\":\"1\"},\"files\":{\"a\":\"1 2 3 4 99999999999999999999\"}}",
    "{\"format\":\"rtes-sync-state\",\"version\":3,\"revisions\":{\"a\":\"1\"},\"files\":{\"a\":\"1 2 3 4 5 \"}}",
    "{\"format\":\"rtes-sync-state\",\"version\":3,\"revisions\":{\"a\":\"1\"},\"files\":{\"a\":\"\"}}",
    "{\"format\":\"rtes-sync-state\",\"version\":3,\"revisions\":{\"a\":\"1\"},\"files\":{\"a\":\" \"}}",
    "{\"format\":\"rtes-sync-state\",\"version\":3,\"revisions\":{\"a\":\"1\"},\"files\":{\"a\":\"1 2 3 4\\u00005\"}}",
    "{\"format\":\"rtes-sync-state\",\"version\":3,\"revisions\":{\"a\":\"1\"},\"files\":{\"a\":\"1 2 3 4 5\\ud800\"}}",
    "{\"format\":\"rtes-sync-state\",\"version\":3,\"revisions\":{\"a\":\"1\"},\"files\":{\"a\":\"18446744073709551616 2 3 4 5\"}}",
    "{\"format\":\"rtes-sync-state\",\"version\":3,\"revisions\":{\"a\":\"1\"},\"files\":{\"a\":\"1 9223372036854775808 3 4 5\"}}",
    "{\"format\":\"rtes-sync-state\",\"version\":3,\"revisions\":{\"a\":\"1\"},\"files\":{\"a\":null}}",
    "{\"format\":\"rtes-sync-state\",\"version\":3,\"revisions\":{\"a\":\"1\"},\"files\":{\"a\":{}}}",
    "{\"format\":\"rtes-sync-state\",\"version\":3,\"revisions\":[],\"files\":{}}",
    "{\"format\":\"rtes-sync-state\",\"version\":3,\"revisions\":{},\"files\":{\"a\":\"1 2 3 4 5\"}}",
    "{\"format\":\"rtes-sync-state\",\"version\":3,\"revisions\":{\"a\":1},\"files\":{}}",
    "{\"format\":\"rtes-sync-state\",\"version\":3,\"revisions\":{\"a\":\"1\"}}",
    "{\"format\":\"rtes-sync-state\",\"version\":3,\"revisions\":{\"../a\":\"1\"},\"files\":{}}",
    NULL
  };

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autofree char *path = rtes_test_write_file (dir, "state.json", bad[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(RtesSyncState) state = rtes_sync_state_load (dir, &error);

      g_assert_null (state);
      g_assert_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_STATE);
      g_assert_nonnull (strstr (error->message, "state.json"));
    }
  rtes_test_remove_tree (dir);
}

/* ---- crash in the middle of a commit ---- */

static void
write_conflicted_library (const char *dir)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("dijon", "Dijon Métropole");
  g_autofree char *state_dir = rtes_sync_state_dir_for_library (dir);
  g_autoptr(RtesLibraryDir) root = rtes_library_dir_open (dir, FALSE, NULL);
  g_autoptr(RtesSyncState) state = NULL;
  g_autoptr(RtesSyncTransaction) transaction = rtes_sync_transaction_new (root);
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_conflict_free);
  g_autoptr(JsonNode) doc = NULL;
  g_autoptr(JsonNode) mine = rtes_test_parse_json ("\"Dijon Métropole\"");
  g_autoptr(JsonNode) theirs = rtes_test_parse_json ("\"Ville de Dijon\"");
  g_autoptr(GError) error = NULL;

  rtes_test_save_fiche (dir, fiche);
  doc = rtes_fiche_to_json (fiche);
  state = rtes_sync_state_load (state_dir, &error);
  g_assert_no_error (error);
  rtes_sync_state_reset (state, "https://www.rtes.fr");
  rtes_sync_state_set_base (state, "dijon", "7", doc);
  g_ptr_array_add (conflicts, rtes_conflict_new ("dijon", "name", NULL, mine, theirs));
  rtes_sync_state_set_conflicts (state, "dijon", conflicts);
  rtes_sync_state_plan_save (state, transaction);
  g_assert_true (rtes_sync_transaction_commit (transaction, &error));
  g_assert_no_error (error);
}

/* Runs a resolve that stops after its first file (the fiche), before
 * state.json, as a power cut would; returns the library left behind. */
static char *
crash_resolve (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("rtes-crash");
  g_autofree char *journal = g_build_filename (dir, RTES_COMMIT_JOURNAL_PATH, NULL);
  g_autofree char *name = g_build_filename (dir, "dijon.json", NULL);
  g_autofree char *contents = NULL;

  write_conflicted_library (dir);
  g_setenv ("RTES_TEST_CRASH_DIR", dir, TRUE);
  g_test_trap_subprocess ("/sync/state/crash-child", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("RTES_TEST_CRASH_DIR");
  g_test_trap_assert_failed ();

  /* Half done: the fiche has the site's name, the journal is there. */
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));
  contents = rtes_test_read_file (name, NULL);
  g_assert_nonnull (strstr (contents, "Ville de Dijon"));
  return g_steal_pointer (&dir);
}

static void
test_crash_child (void)
{
  if (!g_test_subprocess ())
    {
      g_test_skip ("only run by the crash tests");
      return;
    }
  g_setenv ("RTES_SYNC_TEST_CRASH_AFTER", "1", TRUE);
  rtes_sync_resolve (g_getenv ("RTES_TEST_CRASH_DIR"), "dijon", "name", RTES_SYNC_RESOLVE_THEIRS,
                     NULL, NULL);
  g_assert_not_reached ();
}

static void
test_crash_recovery (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("rtes-crash-before");
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(RtesLibraryDir) root = NULL;
  g_autoptr(GPtrArray) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *crashed = NULL;

  write_conflicted_library (dir);
  before = rtes_test_snapshot_tree (dir);
  rtes_test_remove_tree (dir);
  crashed = crash_resolve ();

  /* What the next sync, resolve, save or import does first. */
  root = rtes_library_dir_open (crashed, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (rtes_commit_journal_settle (root, &restored, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (restored->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (restored, 0), ==, "dijon.json");
  rtes_test_assert_tree_unchanged (before, crashed);
  rtes_test_remove_tree (crashed);
}

/* Finding 5 of issue 15: an edit saved after the crash (the window writes
 * the file itself) must survive the settling of the journal. */
static void
test_crash_then_edit (void)
{
  g_autofree char *dir = crash_resolve ();
  g_autofree char *path = g_build_filename (dir, "dijon.json", NULL);
  g_autofree char *journal = g_build_filename (dir, RTES_COMMIT_JOURNAL_PATH, NULL);
  g_autoptr(RtesFiche) fiche = rtes_test_load_fiche (dir, "dijon");
  g_autoptr(RtesLibraryDir) root = NULL;
  g_autoptr(GPtrArray) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  rtes_fiche_set_programme (fiche, "Written after the crash");
  rtes_test_save_fiche (dir, fiche);

  root = rtes_library_dir_open (dir, FALSE, &error);
  g_assert_true (rtes_commit_journal_settle (root, &restored, &error));
  g_assert_no_error (error);
  after = rtes_test_read_file (path, NULL);
  g_assert_nonnull (strstr (after, "Written after the crash"));
  g_assert_cmpuint (restored->len, ==, 0);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  rtes_test_remove_tree (dir);
}

static char *
journal_json (const char *path,
              const char *old,
              const char *written)
{
  return g_strdup_printf ("{\"format\":\"rtes-sync-journal\",\"version\":2,\"files\":"
                          "[{\"path\":\"%s\",\"old\":%s,\"written\":\"%s\"}]}",
                          path, old, written);
}

static void
test_journal_hostile (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("rtes-journal");
  g_autofree char *state_dir = rtes_sync_state_dir_for_library (dir);
  g_autoptr(RtesLibraryDir) root = rtes_library_dir_open (dir, FALSE, NULL);
  const char *v1[] = {
    "{\"format\":\"rtes-sync-journal\",\"version\":1,\"files\":[{\"path\":\"../evil.json\",\"old\":null}]}",
    "{\"format\":\"rtes-sync-journal\",\"version\":1,\"files\":[{\"path\":\"/etc/passwd.json\",\"old\":null}]}",
    "{\"format\":\"rtes-sync-journal\",\"version\":1,\"files\":[{\"path\":\"a.sh\",\"old\":\"eA==\"}]}",
    "{\"format\":\"rtes-sync-journal\",\"version\":1,\"files\":[{\"path\":\"sub/a.json\",\"old\":null}]}",
    "{\"format\":\"rtes-sync-journal\",\"version\":1,\"files\":[{\"path\":\".rtes-fiches/recovery/a.json\",\"old\":null}]}",
    "{\"format\":\"rtes-sync-journal\",\"version\":1,\"files\":[{\"path\":\"a.json\",\"old\":\"not base64!\"}]}",
    "{\"format\":\"rtes-sync-journal\",\"version\":1,\"files\":[{\"path\":\"a.json\",\"old\":null},{\"path\":\"a.json\",\"old\":null}]}",
    "{\"format\":\"rtes-sync-journal\",\"version\":3,\"files\":[]}",
    "{\"format\":\"other\",\"files\":[]}",
    /* Found by fuzz-state-readers: no "files" at all was a critical. */
    "{\"format\":\"rtes-sync-journal\",\"version\":1}",
    "{\"format\":\"rtes-sync-journal\",\"version\":2,\"dfiles\":[]}",
    NULL
  };
  g_autofree char *no_hash = journal_json ("a.json", "null", "x");
  const char *v2[] = { no_hash, NULL };

  for (guint round = 0; round < 2; round++)
    for (const char * const *bad = round == 0 ? v1 : v2; *bad != NULL; bad++)
      {
        g_autofree char *journal = rtes_test_write_file (state_dir, "journal.json", *bad);
        g_autofree char *victim = rtes_test_write_file (dir, "a.json", "keep");
        g_autoptr(GError) error = NULL;
        g_autofree char *contents = NULL;

        g_assert_false (rtes_commit_journal_settle (root, NULL, &error));
        g_assert_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_JOURNAL);
        g_assert_nonnull (strstr (error->message, "journal.json"));
        /* Checked before anything was touched. */
        contents = rtes_test_read_file (victim, NULL);
        g_assert_cmpstr (contents, ==, "keep");
      }
  rtes_test_remove_tree (dir);
}

/* A journal of the first version has no hashes: the application's own
 * files are put back, fiche files (which a person may have edited since)
 * are left as they are. */
static void
test_journal_version_1 (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("rtes-journal");
  g_autofree char *state_dir = rtes_sync_state_dir_for_library (dir);
  g_autoptr(RtesLibraryDir) root = rtes_library_dir_open (dir, FALSE, NULL);
  g_autofree char *old_fiche = g_base64_encode ((const guchar *) "old fiche", 9);
  g_autofree char *old_state = g_base64_encode ((const guchar *) "old state", 9);
  g_autofree char *journal = g_strdup_printf ("{\"format\":\"rtes-sync-journal\",\"version\":1,\"files\":["
                                              "{\"path\":\"dijon.json\",\"old\":\"%s\"},"
                                              "{\"path\":\".rtes-fiches/sync/state.json\",\"old\":\"%s\"}]}",
                                              old_fiche, old_state);
  g_autofree char *fiche = rtes_test_write_file (dir, "dijon.json", "edited since");
  g_autofree char *state = rtes_test_write_file (state_dir, "state.json", "new state");
  g_autofree char *journal_path = rtes_test_write_file (state_dir, "journal.json", journal);
  g_autofree char *fiche_after = NULL;
  g_autofree char *state_after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rtes_commit_journal_settle (root, NULL, &error));
  g_assert_no_error (error);
  fiche_after = rtes_test_read_file (fiche, NULL);
  state_after = rtes_test_read_file (state, NULL);
  g_assert_cmpstr (fiche_after, ==, "edited since");
  g_assert_cmpstr (state_after, ==, "old state");
  g_assert_false (g_file_test (journal_path, G_FILE_TEST_EXISTS));
  rtes_test_remove_tree (dir);
}

/* Issue 15, finding 9: --allow-insecure lets a pull through plain http,
 * never the token. The request would fail anyway (nothing listens on
 * example.invalid); what matters is that it is refused before it is made. */
static void
test_client_insecure_token (void)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autoptr(RtesSiteClient) client = NULL;
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("dijon", "Dijon");
  g_autoptr(GError) error = NULL;
  Publish p = { 0 };

  client = rtes_site_client_new (session, "http://rtes.example.invalid", RTES_SITE_CLIENT_ALLOW_INSECURE,
                                 &error);
  g_assert_no_error (error);
  g_assert_false (rtes_site_client_can_send_token (client));
  rtes_site_client_set_token (client, "s3cret");
  rtes_site_client_publish_async (client, fiche, "7", NULL, publish_cb, &p);
  while (!p.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (p.revision);
  g_assert_error (p.error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INSECURE);
  g_assert_null (strstr (p.error->message, "s3cret"));
  g_clear_error (&p.error);
}

/* .rtes-fiches, or its sync folder, is a link: the state out there is not
 * read, so its address (or anything else) is never taken for this
 * library's. */
static void
test_state_through_link (void)
{
  const char *links[] = { ".rtes-fiches", ".rtes-fiches/sync" };

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_autofree char *dir = rtes_test_make_tmpdir ("rtes-state");
      g_autofree char *outside = rtes_test_make_tmpdir ("rtes-outside");
      g_autofree char *link = g_build_filename (dir, links[i], NULL);
      g_autofree char *parent = g_path_get_dirname (link);
      g_autofree char *state_dir = rtes_sync_state_dir_for_library (dir);
      const char *state = "{\"format\":\"rtes-sync-state\",\"version\":2,"
                          "\"site\":\"https://ailleurs.example/\",\"fiches\":{},\"conflicts\":[]}";
      g_autoptr(RtesSyncState) loaded = NULL;
      g_autoptr(GError) error = NULL;

      g_free (rtes_test_write_file (outside, "state.json", state));
      g_free (rtes_test_write_file (outside, "sync/state.json", state));
      g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
      g_assert_cmpint (symlink (outside, link), ==, 0);

      loaded = rtes_sync_state_load (state_dir, &error);
      g_test_message ("%s: %s", links[i], error ? error->message : "read");
      g_assert_null (loaded);
      g_assert_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_STATE);
      g_assert_nonnull (strstr (error->message, "symbolic link"));

      unlink (link);
      rtes_test_remove_tree (dir);
      rtes_test_remove_tree (outside);
    }
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/sync/export/valid", test_export_valid);
  g_test_add_func ("/sync/export/hostile", test_export_hostile);
  g_test_add_func ("/sync/export/type-error-position", test_export_type_error_position);
  g_test_add_func ("/sync/export/too-deep", test_export_deep);
  g_test_add_func ("/sync/client/addresses", test_client_addresses);
  g_test_add_func ("/sync/client/bad-id", test_client_bad_id);
  g_test_add_func ("/sync/client/insecure-token", test_client_insecure_token);
  g_test_add_func ("/sync/state/round-trip", test_state_round_trip);
  g_test_add_func ("/sync/state/version-1", test_state_version_1);
  g_test_add_func ("/sync/state/damaged", test_state_damaged);
  g_test_add_func ("/sync/state/through-link", test_state_through_link);
  g_test_add_func ("/sync/state/crash-child", test_crash_child);
  g_test_add_func ("/sync/state/crash-recovery", test_crash_recovery);
  g_test_add_func ("/sync/state/crash-then-edit", test_crash_then_edit);
  g_test_add_func ("/sync/state/journal-hostile", test_journal_hostile);
  g_test_add_func ("/sync/state/journal-version-1", test_journal_version_1);

  return g_test_run ();
}
