/* test-import-merge.c: an import is a merge against the last import
 *
 * Issue 10, finding 2: Import… over a library with local edits overwrote
 * a new contact and a new budget line. These tests import a small text
 * export of our own, edit the fiche as a person would, and import again:
 * what was changed here is kept, what the export changed is taken, and a
 * place changed on both sides is a recorded conflict. Then the plan (the
 * preview), which writes nothing; the import's records, strict when read;
 * and a library that was never imported by this version.
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

#define ID "ville-de-testbourg"

typedef ImportTestFixture Fixture;

static void
save_fiche (Fixture   *fx,
            RtesFiche *fiche)
{
  g_autoptr(GError) error = NULL;

  rtes_library_save (fx->library, fiche, &error);
  g_assert_no_error (error);
}

/* What a person does in the window after the first import: a new
 * contact and a new budget line (with the keys the editor gives new
 * items), the programme reworded, the population corrected. */
static void
edit_here (Fixture *fx)
{
  g_autoptr(RtesFiche) fiche = rtes_test_load_fiche (fx->dir, ID);
  g_autoptr(RtesContact) contact = rtes_contact_new ();
  g_autoptr(RtesBudgetLine) line = rtes_budget_line_new ();

  rtes_contact_set_key (contact, "a1b2c3d4");
  rtes_contact_set_role (contact, "Chargée de mission");
  rtes_contact_set_category (contact, "staff");
  rtes_contact_set_name (contact, "Alice Martin");
  rtes_contact_set_email (contact, "alice.martin@testbourg.fr");
  g_list_store_append (rtes_fiche_get_contacts (fiche), contact);
  rtes_budget_line_set_key (line, "0e0e0e0e");
  rtes_budget_line_set_amount (line, 5000);
  rtes_budget_line_set_section (line, "investissement");
  rtes_budget_line_set_year (line, 2023);
  rtes_budget_line_set_label (line, "Tiers-lieu");
  g_list_store_append (rtes_fiche_get_budget_lines (fiche), line);
  rtes_fiche_set_programme (fiche, "Soutien aux associations locales et aux tiers-lieux.");
  rtes_fiche_set_population (fiche, 8100);
  save_fiche (fx, fiche);
}

static void
assert_edits_kept (RtesFiche *fiche)
{
  GListModel *contacts = G_LIST_MODEL (rtes_fiche_get_contacts (fiche));
  GListModel *lines = G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche));
  g_autoptr(RtesContact) alice = NULL;
  g_autoptr(RtesBudgetLine) line = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 2);
  alice = g_list_model_get_item (contacts, 1);
  g_assert_cmpstr (rtes_contact_get_name (alice), ==, "Alice Martin");
  g_assert_cmpstr (rtes_contact_get_email (alice), ==, "alice.martin@testbourg.fr");
  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 2);
  line = g_list_model_get_item (lines, 1);
  g_assert_cmpfloat (rtes_budget_line_get_amount (line), ==, 5000);
  g_assert_cmpstr (rtes_budget_line_get_label (line), ==, "Tiers-lieu");
  g_assert_cmpstr (rtes_fiche_get_programme (fiche), ==, "Soutien aux associations locales et aux tiers-lieux.");
  g_assert_cmpint (rtes_fiche_get_population (fiche), ==, 8100);
}

/* ---- the finding (only the API that predates the fix) ---- */

static void
test_reimport_keeps_local_edits (Fixture       *fx,
                                 gconstpointer  data)
{
  g_autofree char *v1 = rtes_test_write_export (fx->in, "v1.txt", NULL);
  g_autoptr(RtesImportReport) first = import_test_run (fx->library, v1, FALSE);
  g_autoptr(RtesImportReport) again = NULL;
  g_autoptr(RtesFiche) after = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *now = NULL;
  g_autofree char *path = g_build_filename (fx->dir, ID ".json", NULL);

  edit_here (fx);
  edited = rtes_test_read_file (path, NULL);

  /* The same export again: nothing it says differs from the last import,
   * so every local edit stays, byte for byte. */
  again = import_test_run (fx->library, v1, FALSE);
  g_assert_cmpuint (rtes_import_report_get_updated (again)->len, ==, 0);
  now = rtes_test_read_file (path, NULL);
  g_assert_cmpstr (now, ==, edited);
  after = rtes_test_load_fiche (fx->dir, ID);
  assert_edits_kept (after);
}

static void
test_export_change_taken_edit_kept (Fixture       *fx,
                                    gconstpointer  data)
{
  g_autofree char *v1 = rtes_test_write_export (fx->in, "v1.txt", NULL);
  g_autofree char *v2 = rtes_test_write_export (fx->in, "v2.txt",
                                      "Recyclerie.", "Recyclerie et épicerie solidaire.",
                                      "8 000", "8 200",
                                      NULL);
  g_autoptr(RtesImportReport) first = import_test_run (fx->library, v1, FALSE);
  g_autoptr(RtesImportReport) second = NULL;
  g_autoptr(RtesFiche) after = NULL;

  edit_here (fx);
  second = import_test_run (fx->library, v2, FALSE);
  g_assert_cmpuint (rtes_import_report_get_updated (second)->len, ==, 1);

  after = rtes_test_load_fiche (fx->dir, ID);
  /* Changed in the export only: taken. */
  g_assert_cmpstr (rtes_fiche_get_actions (after), ==, "Recyclerie et épicerie solidaire.");
  /* Changed here only, or on both sides (the population): ours. */
  assert_edits_kept (after);
}

/* ---- the plan and the records ---- */

static const RtesImportPlace *
find_place (const RtesImportPlanFiche *fiche,
            const char                *path_prefix,
            RtesImportPlaceKind        kind)
{
  for (guint i = 0; i < fiche->places->len; i++)
    {
      const RtesImportPlace *place = g_ptr_array_index (fiche->places, i);

      if (place->kind == kind && g_str_has_prefix (place->path, path_prefix))
        return place;
    }
  g_error ("no place %s of kind %d in %s", path_prefix, kind, fiche->id);
  return NULL;
}

static void
test_conflict_recorded (Fixture       *fx,
                        gconstpointer  data)
{
  g_autofree char *v1 = rtes_test_write_export (fx->in, "v1.txt", NULL);
  g_autofree char *v2 = rtes_test_write_export (fx->in, "v2.txt", "8 000", "8 200", NULL);
  g_autoptr(RtesImportReport) first = import_test_run (fx->library, v1, FALSE);
  g_autoptr(RtesImportPlan) plan = NULL;
  g_autoptr(RtesImportStore) store = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(RtesFiche) after = NULL;
  g_autoptr(GError) error = NULL;
  RtesConflict *conflict;

  edit_here (fx);
  plan = import_test_plan (fx->library, v2);
  g_assert_true (rtes_import_plan_commit (plan, fx->library, &error));
  g_assert_no_error (error);

  store = rtes_import_store_load (fx->dir, &error);
  g_assert_no_error (error);
  conflicts = rtes_import_store_get_conflicts (store, NULL);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->id, ==, ID);
  g_assert_cmpstr (conflict->path, ==, "population");
  g_assert_cmpint (conflict->kind, ==, RTES_CONFLICT_BOTH_CHANGED);
  g_assert_cmpint (json_node_get_int (conflict->base), ==, 8000);
  g_assert_cmpint (json_node_get_int (conflict->mine), ==, 8100);
  g_assert_cmpint (json_node_get_int (conflict->theirs), ==, 8200);
  after = rtes_test_load_fiche (fx->dir, ID);
  g_assert_cmpint (rtes_fiche_get_population (after), ==, 8100);

  /* Imported again, the export changes nothing and the record stays. */
  before = rtes_test_snapshot_tree (fx->dir);
  g_clear_object (&plan);
  plan = import_test_plan (fx->library, v2);
  g_assert_false (rtes_import_plan_has_changes (plan));
  g_assert_true (rtes_import_plan_commit (plan, fx->library, &error));
  rtes_test_assert_tree_unchanged (before, fx->dir);

  /* Settled with the export's value: in the file, and no longer open. */
  g_assert_true (rtes_import_resolve (fx->dir, ID, "population", RTES_IMPORT_RESOLVE_THEIRS, &error));
  g_assert_no_error (error);
  g_clear_object (&after);
  after = rtes_test_load_fiche (fx->dir, ID);
  g_assert_cmpint (rtes_fiche_get_population (after), ==, 8200);
  g_assert_cmpstr (rtes_fiche_get_programme (after), ==, "Soutien aux associations locales et aux tiers-lieux.");
  g_clear_object (&store);
  store = rtes_import_store_load (fx->dir, &error);
  g_assert_no_error (error);
  g_assert_null (rtes_import_store_lookup_conflict (store, ID, "population"));
  g_assert_false (rtes_import_resolve (fx->dir, ID, "population", RTES_IMPORT_RESOLVE_MINE, &error));
  g_assert_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_NO_CONFLICT);
}

static void
test_plan_writes_nothing (Fixture       *fx,
                          gconstpointer  data)
{
  g_autofree char *v1 = rtes_test_write_export (fx->in, "v1.txt", NULL);
  g_autofree char *v2 = rtes_test_write_export (fx->in, "v2.txt",
                                      "Recyclerie.", "Recyclerie et épicerie solidaire.",
                                      "8 000", "8 200",
                                      "Maire : Jean Valette", "Maire : Jean Valette\nDirectrice : Anne Roux",
                                      NULL);
  g_autoptr(RtesImportReport) first = import_test_run (fx->library, v1, FALSE);
  g_autoptr(RtesImportPlan) plan = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autofree char *preview = NULL;
  const RtesImportPlanFiche *fiche;
  const RtesImportPlace *place;

  edit_here (fx);
  before = rtes_test_snapshot_tree (fx->dir);
  plan = import_test_plan (fx->library, v2);
  rtes_test_assert_tree_unchanged (before, fx->dir);

  g_assert_cmpuint (rtes_import_plan_get_fiches (plan)->len, ==, 1);
  fiche = rtes_import_plan_lookup (plan, ID);
  g_assert_nonnull (fiche);
  g_assert_cmpstr (fiche->name, ==, "Ville de Testbourg");
  g_assert_cmpint (fiche->state, ==, RTES_IMPORT_FICHE_CONFLICTS);
  g_assert_true (fiche->has_base);

  place = find_place (fiche, "actions", RTES_IMPORT_PLACE_CHANGED);
  g_assert_cmpstr (place->label, ==, "Actions supported");
  g_assert_cmpstr (place->here, ==, "Recyclerie.");
  g_assert_cmpstr (place->export, ==, "Recyclerie et épicerie solidaire.");
  place = find_place (fiche, "population", RTES_IMPORT_PLACE_CONFLICT);
  g_assert_cmpstr (place->here, ==, "8\u202f100");
  g_assert_cmpstr (place->export, ==, "8\u202f200");
  place = find_place (fiche, "programme", RTES_IMPORT_PLACE_KEPT);
  place = find_place (fiche, "contacts[key=a1b2c3d4]", RTES_IMPORT_PLACE_KEPT);
  g_assert_true (place->item);
  g_assert_true (place->export_absent);
  g_assert_cmpstr (place->label, ==, "Contact “Alice Martin, Chargée de mission”");
  place = find_place (fiche, "budget.lines[key=0e0e0e0e]", RTES_IMPORT_PLACE_KEPT);
  place = find_place (fiche, "contacts[", RTES_IMPORT_PLACE_FILLED);
  g_assert_true (place->item);
  g_assert_cmpstr (place->label, ==, "Contact “Anne Roux, Directrice”");

  /* The preview names the fiche, and says it all without JSON. */
  preview = rtes_import_plan_format_preview (plan);
  g_test_message ("%s", preview);
  g_assert_nonnull (strstr (preview, "With conflicts (the values here are kept):\n"
                                     "  Ville de Testbourg (" ID ")\n"));
  g_assert_nonnull (strstr (preview, "    Changed: Actions supported: Recyclerie. → Recyclerie et épicerie solidaire.\n"));
  g_assert_nonnull (strstr (preview, "    Conflict: Population\n      In the export: 8\u202f200\n      Here: 8\u202f100\n"));
  g_assert_nonnull (strstr (preview, "    Kept (added here): Contact “Alice Martin, Chargée de mission”\n"));
  g_assert_nonnull (strstr (preview, "    Added from the export: Contact “Anne Roux, Directrice”\n"));
  g_assert_null (strchr (preview, '{'));
  rtes_test_assert_tree_unchanged (before, fx->dir);
}

static void
test_commit_refuses_stale_plan (Fixture       *fx,
                                gconstpointer  data)
{
  g_autofree char *v1 = rtes_test_write_export (fx->in, "v1.txt", NULL);
  g_autofree char *v2 = rtes_test_write_export (fx->in, "v2.txt", "Recyclerie.", "Ressourcerie.", NULL);
  g_autoptr(RtesImportReport) first = import_test_run (fx->library, v1, FALSE);
  g_autoptr(RtesImportPlan) plan = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GError) error = NULL;

  plan = import_test_plan (fx->library, v2);
  /* Saved meanwhile (the preview was open): the plan is out of date. */
  edit_here (fx);
  before = rtes_test_snapshot_tree (fx->dir);
  g_assert_false (rtes_import_plan_commit (plan, fx->library, &error));
  g_assert_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, "Ville de Testbourg"));
  rtes_test_assert_tree_unchanged (before, fx->dir);
}

/* A fiche made by hand (or imported by an older version): no base. */
static void
test_without_base (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *v1 = rtes_test_write_export (fx->in, "v1.txt", NULL);
  g_autoptr(RtesFiche) mine = rtes_fiche_new (ID, "Ville de Testbourg");
  g_autoptr(RtesContact) maire = rtes_contact_new ();
  g_autoptr(RtesImportPlan) plan = NULL;
  g_autoptr(RtesImportStore) store = NULL;
  g_autoptr(RtesFiche) after = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesContact) contact = NULL;
  const RtesImportPlanFiche *fiche;
  RtesConflict *conflict;
  g_autofree char *preview = NULL;

  rtes_fiche_set_population (mine, 5000);
  rtes_fiche_set_programme (mine, "");
  rtes_fiche_set_actions (mine, "Notre texte à nous.");
  rtes_contact_set_role (maire, "Maire");
  rtes_contact_set_name (maire, "Jean Valette");
  rtes_contact_set_phone (maire, "03 80 00 00 00");
  g_list_store_append (rtes_fiche_get_contacts (mine), maire);
  save_fiche (fx, mine);

  plan = import_test_plan (fx->library, v1);
  fiche = rtes_import_plan_lookup (plan, ID);
  g_assert_false (fiche->has_base);
  g_assert_cmpint (fiche->state, ==, RTES_IMPORT_FICHE_CONFLICTS);
  find_place (fiche, "programme", RTES_IMPORT_PLACE_FILLED);
  find_place (fiche, "kind", RTES_IMPORT_PLACE_FILLED);
  find_place (fiche, "population", RTES_IMPORT_PLACE_CONFLICT);
  find_place (fiche, "actions", RTES_IMPORT_PLACE_CONFLICT);
  preview = rtes_import_plan_format_preview (plan);
  g_assert_nonnull (strstr (preview, "    Filled: Programme: Soutien aux associations locales.\n"));
  g_assert_nonnull (strstr (preview, "      In the export: Recyclerie.\n      Here: Notre texte à nous.\n"));

  g_assert_true (rtes_import_plan_commit (plan, fx->library, &error));
  g_assert_no_error (error);
  after = rtes_test_load_fiche (fx->dir, ID);
  /* Empty places filled; nothing here overwritten. */
  g_assert_cmpstr (rtes_fiche_get_programme (after), ==, "Soutien aux associations locales.");
  g_assert_cmpstr (rtes_fiche_get_kind (after), ==, "commune");
  g_assert_cmpint (rtes_fiche_get_population (after), ==, 5000);
  g_assert_cmpstr (rtes_fiche_get_actions (after), ==, "Notre texte à nous.");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rtes_fiche_get_contacts (after))), ==, 1);
  contact = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (after)), 0);
  g_assert_cmpstr (rtes_contact_get_phone (contact), ==, "03 80 00 00 00");

  store = rtes_import_store_load (fx->dir, &error);
  g_assert_no_error (error);
  conflict = rtes_import_store_lookup_conflict (store, ID, "population");
  g_assert_nonnull (conflict);
  g_assert_cmpint (conflict->kind, ==, RTES_CONFLICT_BOTH_ADDED);
  g_assert_nonnull (rtes_import_store_lookup_conflict (store, ID, "actions"));

  /* The base is recorded now: the same export again changes nothing. */
  before = rtes_test_snapshot_tree (fx->dir);
  g_clear_object (&plan);
  plan = import_test_plan (fx->library, v1);
  g_assert_true (rtes_import_plan_commit (plan, fx->library, &error));
  rtes_test_assert_tree_unchanged (before, fx->dir);
}

static void
test_records_are_strict (Fixture       *fx,
                         gconstpointer  data)
{
  g_autofree char *v1 = rtes_test_write_export (fx->in, "v1.txt", NULL);
  g_autoptr(RtesImportReport) first = import_test_run (fx->library, v1, FALSE);
  g_autofree char *records = g_build_filename (fx->dir, ".rtes-fiches", "import", NULL);
  g_autofree char *base = NULL;
  g_autofree char *damaged = NULL;
  g_autoptr(RtesImportStore) store = NULL;
  g_autoptr(RtesImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  GPtrArray *warnings;

  /* A base that says it is another fiche is not taken for this one's. */
  base = g_build_filename (records, "bases", ID ".json", NULL);
  g_assert_true (g_file_test (base, G_FILE_TEST_IS_REGULAR));
  {
    g_autofree char *text = rtes_test_read_file (base, NULL);
    g_auto(GStrv) parts = g_strsplit (text, "\"id\": \"" ID "\"", 2);
    g_autofree char *other = g_strjoinv ("\"id\": \"autre-fiche\"", parts);
    g_autofree char *written = rtes_test_write_file (records, "bases/" ID ".json", other);
  }
  store = rtes_import_store_load (fx->dir, &error);
  g_assert_no_error (error);
  node = rtes_import_store_get_base (store, ID, &error);
  g_assert_null (node);
  g_assert_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_STATE);
  g_assert_nonnull (strstr (error->message, "autre-fiche"));
  g_clear_error (&error);
  /* The import goes on as if the fiche had never been imported, and says so. */
  plan = import_test_plan (fx->library, v1);
  g_assert_false (rtes_import_plan_lookup (plan, ID)->has_base);
  warnings = rtes_import_plan_get_warnings (plan);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "never been imported"));

  /* A damaged conflict record names its file and the place. */
  damaged = rtes_test_write_file (records, "conflicts.json",
                                  "{ \"format\": \"rtes-import-conflicts\", \"version\": 1,\n"
                                  "  \"conflicts\": [ { \"id\": \"../etc\", \"field\": \"name\" } ] }\n");
  g_clear_object (&store);
  store = rtes_import_store_load (fx->dir, &error);
  g_assert_null (store);
  g_assert_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_STATE);
  g_assert_nonnull (strstr (error->message, damaged));
  g_assert_nonnull (strstr (error->message, ":2:"));
  g_assert_nonnull (strstr (error->message, "conflicts[0].id"));
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, import_test_fixture_set_up, func, import_test_fixture_tear_down)

  ADD ("/import/merge/reimport-keeps-local-edits", test_reimport_keeps_local_edits);
  ADD ("/import/merge/export-change-taken-edit-kept", test_export_change_taken_edit_kept);
  ADD ("/import/merge/conflict-recorded", test_conflict_recorded);
  ADD ("/import/merge/plan-writes-nothing", test_plan_writes_nothing);
  ADD ("/import/merge/commit-refuses-stale-plan", test_commit_refuses_stale_plan);
  ADD ("/import/merge/without-base", test_without_base);
  ADD ("/import/merge/records-are-strict", test_records_are_strict);

#undef ADD
  return g_test_run ();
}
