/* test-sync.c: pull, merge, publish and every failure, against a fake site
 *
 * Each test runs an RtesTestSite on 127.0.0.1 and the async sync API in the
 * same main loop. Failures are checked the strong way: a snapshot of the
 * whole library folder (fiches and .rtes-fiches/sync) before, and the same
 * bytes after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sys/resource.h>

#include "rtes-fiche-json.h"
#include "rtes-fiche-path.h"
#include "rtes-sync.h"
#include "rtes-test-proxy.h"
#include "rtes-test-site-fixture.h"
#include "rtes-test-util.h"

#define TOKEN "s3cret-token"

typedef struct {
  RtesTestSiteFixture s;
  guint download_messages;   /* of the last run */
} Fixture;

/* A member of the site's copy of fiche @id, by path ("contacts[0].phone"). */
static const char *
site_value (Fixture    *f,
            const char *id,
            const char *path)
{
  JsonNode *doc = rtes_test_site_get (f->s.site, id);

  g_assert_nonnull (doc);
  g_assert_nonnull (rtes_fiche_path_get (doc, path));
  return json_node_get_string (rtes_fiche_path_get (doc, path));
}

/* Dijon's file here holds @value at @path. */
static void
assert_here (Fixture    *f,
             const char *path,
             const char *value)
{
  g_autoptr(RtesFiche) dijon = rtes_test_load_fiche (f->s.dir, "dijon");
  g_autoptr(JsonNode) document = rtes_fiche_to_json (dijon);
  JsonNode *node = rtes_fiche_path_get (document, path);

  g_assert_nonnull (node);
  g_assert_cmpstr (json_node_get_string (node), ==, value);
}

/* Both copies of dijon, here and on the site, hold @value at @path. */
static void
assert_both (Fixture    *f,
             const char *path,
             const char *value)
{
  assert_here (f, path, value);
  g_assert_cmpstr (site_value (f, "dijon", path), ==, value);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  rtes_test_site_fixture_setup (&f->s, "rtes-sync", TOKEN);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  rtes_test_site_fixture_teardown (&f->s);
}

typedef struct {
  gboolean done;
  RtesSyncSummary *summary;
  GError *error;
  guint progress_calls;
  guint download_messages;
  double last_fraction;
} Run;

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run *run = user_data;

  run->summary = rtes_sync_run_finish (RTES_SYNC (source), result, &run->error);
  run->done = TRUE;
}

static void
progress_cb (RtesSync   *sync,
             double      fraction,
             const char *message,
             gpointer    user_data)
{
  Run *run = user_data;

  g_assert_cmpfloat (fraction, >=, run->last_fraction);
  g_assert_nonnull (message);
  if (strstr (message, " of ") != NULL)
    run->download_messages++;
  run->last_fraction = fraction;
  run->progress_calls++;
}

/* Runs one sync to its end; returns the summary, or NULL with @error set. */
static RtesSyncSummary *
run_sync_full (Fixture       *f,
               RtesSyncFlags  flags,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(RtesSync) sync = rtes_sync_new (f->s.library, f->s.client);
  Run run = { 0 };

  g_signal_connect (sync, "progress", G_CALLBACK (progress_cb), &run);
  rtes_sync_run_async (sync, flags, cancellable, run_done_cb, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (run.progress_calls, >, 0);
  f->download_messages = run.download_messages;
  if (run.error != NULL)
    {
      g_assert_null (run.summary);
      g_propagate_error (error, run.error);
    }
  else
    g_assert_cmpfloat (run.last_fraction, ==, 1.0);
  return run.summary;
}

static RtesSyncSummary *
run_sync (Fixture       *f,
          RtesSyncFlags  flags)
{
  g_autoptr(GError) error = NULL;
  RtesSyncSummary *summary = run_sync_full (f, flags, NULL, &error);

  g_assert_no_error (error);
  return summary;
}

static void
assert_counts (RtesSyncSummary *s,
               guint added, guint updated, guint unchanged, guint merged,
               guint conflicts, guint published, guint errors)
{
  g_assert_cmpuint (s->added, ==, added);
  g_assert_cmpuint (s->updated, ==, updated);
  g_assert_cmpuint (s->unchanged, ==, unchanged);
  g_assert_cmpuint (s->merged, ==, merged);
  g_assert_cmpuint (s->conflicts, ==, conflicts);
  g_assert_cmpuint (s->published, ==, published);
  g_assert_cmpuint (s->errors, ==, errors);
}

/* Two fiches on the site, pulled once into the library. */
static void
first_pull (Fixture *f)
{
  g_autoptr(RtesSyncSummary) summary = NULL;

  rtes_test_site_fixture_put (&f->s, "dijon", "Dijon", "Panorama du site", "Programme du site");
  rtes_test_site_fixture_put (&f->s, "besancon", "Besançon", "Panorama B", "Programme B");
  summary = run_sync (f, RTES_SYNC_FLAGS_NONE);
  assert_counts (summary, 2, 0, 0, 0, 0, 0, 0);
}

static RtesSyncState *
load_state (Fixture *f)
{
  g_autofree char *dir = rtes_sync_state_dir_for_library (rtes_library_get_path (f->s.library));
  g_autoptr(GError) error = NULL;
  RtesSyncState *state = rtes_sync_state_load (dir, &error);

  g_assert_no_error (error);
  return state;
}

/* A sync that stops with @domain/@code (saying @in_message unless NULL)
 * and leaves the library folder as it was. */
static void
assert_sync_fails (Fixture       *f,
                   RtesSyncFlags  flags,
                   GCancellable  *cancellable,
                   GQuark         domain,
                   int            code,
                   const char    *in_message)
{
  g_autoptr(GHashTable) before = rtes_test_snapshot_tree (f->s.dir);
  g_autoptr(GError) error = NULL;
  RtesSyncSummary *summary = run_sync_full (f, flags, cancellable, &error);

  g_assert_null (summary);
  g_assert_error (error, domain, code);
  if (in_message != NULL && strstr (error->message, in_message) == NULL)
    g_error ("“%s” not in “%s”", in_message, error->message);
  rtes_test_assert_tree_unchanged (before, f->s.dir);
}

/* The sync talks to the site at @url through @session from now on. */
static void
use_site_at (Fixture     *f,
             SoupSession *session,
             const char  *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesSiteClient) client = rtes_site_client_new (session, url, RTES_SITE_CLIENT_FLAGS_NONE, &error);

  g_assert_no_error (error);
  g_set_object (&f->s.client, client);
}

/* ---- pull ---- */

static void
test_pull_first (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RtesSyncState) state = NULL;
  g_autofree char *base = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;

  first_pull (f);
  /* The export's size is known: its download shows how far it got. */
  g_assert_cmpuint (f->download_messages, >, 0);

  assert_here (f, "name", "Dijon");
  assert_here (f, "panorama", "Panorama du site");
  /* The library object shows the new fiches too. */
  g_assert_nonnull (rtes_library_lookup (f->s.library, "dijon"));
  g_assert_nonnull (rtes_library_lookup (f->s.library, "besancon"));

  state = load_state (f);
  g_assert_cmpstr (rtes_sync_state_get_site (state), ==, rtes_test_site_get_url (f->s.site));
  g_assert_nonnull (rtes_sync_state_get_etag (state));
  g_assert_cmpstr (rtes_sync_state_get_revision (state, "dijon"), ==,
                   rtes_test_site_get_revision (f->s.site, "dijon"));
  /* The revision is sync metadata: never in the fiche file. */
  base = g_build_filename (f->s.dir, ".rtes-fiches", "sync", "bases", "dijon.json", NULL);
  g_assert_true (g_file_test (base, G_FILE_TEST_IS_REGULAR));
  path = rtes_test_fiche_path (f->s.dir, "dijon");
  contents = rtes_test_read_file (path, NULL);
  g_assert_null (strstr (contents, "revision"));
}

static void
test_pull_not_modified (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autoptr(GHashTable) before = NULL;

  first_pull (f);
  before = rtes_test_snapshot_tree (f->s.dir);
  summary = run_sync (f, RTES_SYNC_FLAGS_NONE);
  g_assert_cmpuint (rtes_test_site_get_stats (f->s.site)->not_modified, ==, 1);
  assert_counts (summary, 0, 0, 2, 0, 0, 0, 0);
  rtes_test_assert_tree_unchanged (before, f->s.dir);
}

static void
test_pull_update (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = NULL;

  first_pull (f);
  rtes_test_site_fixture_put (&f->s, "dijon", "Dijon", "Panorama du site", "Programme révisé");
  summary = run_sync (f, RTES_SYNC_FLAGS_NONE);
  assert_counts (summary, 0, 1, 1, 0, 0, 0, 0);
  g_assert_cmpuint (summary->changed->len, ==, 1);
  assert_here (f, "programme", "Programme révisé");
  g_assert_cmpstr (rtes_fiche_get_programme (rtes_library_lookup (f->s.library, "dijon")), ==,
                   "Programme révisé");
}

static void
test_pull_gone_sorted (Fixture       *f,
                       gconstpointer  data)
{
  const char *removed[] = { "vesoul", "albi", "metz", "chalon", "brest", "nantes" };
  const char *sorted[] = { "albi", "brest", "chalon", "metz", "nantes", "vesoul" };
  g_autoptr(RtesSyncSummary) first = NULL;
  g_autoptr(RtesSyncSummary) summary = NULL;

  rtes_test_site_fixture_put (&f->s, "dijon", "Dijon", "Panorama du site", "Programme du site");
  for (guint i = 0; i < G_N_ELEMENTS (removed); i++)
    rtes_test_site_fixture_put (&f->s, removed[i], removed[i], "Panorama", "Programme");
  first = run_sync (f, RTES_SYNC_FLAGS_NONE);
  for (guint i = 0; i < G_N_ELEMENTS (removed); i++)
    rtes_test_site_remove (f->s.site, removed[i]);
  summary = run_sync (f, RTES_SYNC_FLAGS_NONE);
  g_assert_cmpuint (summary->gone->len, ==, G_N_ELEMENTS (sorted));
  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    g_assert_cmpstr (g_ptr_array_index (summary->gone, i), ==, sorted[i]);
}

static void
test_pull_gone (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autofree char *path = NULL;

  first_pull (f);
  rtes_test_edit_fiche (f->s.dir, "besancon", "panorama", "Modifié ici");
  rtes_test_site_remove (f->s.site, "besancon");
  summary = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  g_assert_cmpuint (summary->gone->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (summary->gone, 0), ==, "besancon");
  path = rtes_test_fiche_path (f->s.dir, "besancon");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  /* Not brought back on the site by publishing either. */
  g_assert_cmpuint (rtes_test_site_get_stats (f->s.site)->puts, ==, 0);
  g_assert_null (rtes_test_site_get (f->s.site, "besancon"));
}

static void
test_pull_dry_run (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autoptr(GHashTable) before = NULL;

  first_pull (f);
  rtes_test_site_fixture_put (&f->s, "dijon", "Dijon", "Panorama du site", "Programme révisé");
  rtes_test_site_fixture_put (&f->s, "nevers", "Nevers", "P", "Q");
  rtes_test_edit_fiche (f->s.dir, "besancon", "panorama", "Modifié ici");
  before = rtes_test_snapshot_tree (f->s.dir);
  summary = run_sync (f, RTES_SYNC_FLAGS_DRY_RUN | RTES_SYNC_FLAGS_PUBLISH);
  assert_counts (summary, 1, 1, 1, 0, 0, 1, 0);
  g_assert_cmpuint (rtes_test_site_get_stats (f->s.site)->puts, ==, 0);
  rtes_test_assert_tree_unchanged (before, f->s.dir);
}

/* ---- merge ---- */

/* Dijon renamed here and on the site since the first pull: a sync with
 * @flags finds one conflict. */
static RtesSyncSummary *
name_conflict (Fixture       *f,
               RtesSyncFlags  flags)
{
  RtesSyncSummary *summary;

  first_pull (f);
  rtes_test_edit_fiche (f->s.dir, "dijon", "name", "Dijon Métropole");
  rtes_test_site_fixture_put (&f->s, "dijon", "Ville de Dijon", "Panorama du site", "Programme du site");
  summary = run_sync (f, flags);
  g_assert_cmpuint (summary->conflicts, ==, 1);
  return summary;
}

static void
test_merge_different_fields (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = NULL;

  first_pull (f);
  rtes_test_edit_fiche (f->s.dir, "dijon", "panorama", "Panorama écrit ici");
  rtes_test_site_fixture_put (&f->s, "dijon", "Dijon", "Panorama du site", "Programme écrit sur le site");

  summary = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  assert_counts (summary, 0, 0, 1, 1, 0, 1, 0);
  /* Both edits here, and on the site as well. */
  assert_both (f, "panorama", "Panorama écrit ici");
  assert_both (f, "programme", "Programme écrit sur le site");
}

static void
test_merge_conflict (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autoptr(RtesSyncSummary) again = NULL;
  g_autoptr(RtesSyncState) state = NULL;
  RtesConflict *conflict;

  summary = name_conflict (f, RTES_SYNC_FLAGS_PUBLISH);
  g_assert_cmpuint (summary->published, ==, 0);
  g_assert_cmpuint (rtes_test_site_get_stats (f->s.site)->puts, ==, 0);
  /* The local value is kept, the site's recorded beside it. */
  assert_here (f, "name", "Dijon Métropole");
  state = load_state (f);
  conflict = rtes_sync_state_lookup_conflict (state, "dijon", "name");
  g_assert_nonnull (conflict);
  g_assert_cmpstr (json_node_get_string (conflict->base), ==, "Dijon");
  g_assert_cmpstr (json_node_get_string (conflict->mine), ==, "Dijon Métropole");
  g_assert_cmpstr (json_node_get_string (conflict->theirs), ==, "Ville de Dijon");

  /* It stays open, and unpublished, until a person settles it. */
  again = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  g_assert_cmpuint (again->conflicts, ==, 1);
  g_assert_cmpuint (rtes_test_site_get_stats (f->s.site)->puts, ==, 0);
}

static void
test_merge_conflict_follows_site (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autoptr(RtesSyncState) state = NULL;
  RtesConflict *conflict;

  summary = name_conflict (f, RTES_SYNC_FLAGS_NONE);

  /* The site changes another field meanwhile: merged, the conflict stays
   * with its first common value as base and the site's latest name. */
  rtes_test_site_fixture_put (&f->s, "dijon", "Ville de Dijon (21)", "Panorama du site", "Nouveau programme");
  g_clear_pointer (&summary, rtes_sync_summary_free);
  summary = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  g_assert_cmpuint (summary->conflicts, ==, 1);
  g_assert_cmpuint (rtes_test_site_get_stats (f->s.site)->puts, ==, 0);
  assert_here (f, "programme", "Nouveau programme");
  assert_here (f, "name", "Dijon Métropole");
  state = load_state (f);
  conflict = rtes_sync_state_lookup_conflict (state, "dijon", "name");
  g_assert_cmpstr (json_node_get_string (conflict->base), ==, "Dijon");
  g_assert_cmpstr (json_node_get_string (conflict->theirs), ==, "Ville de Dijon (21)");

  /* The site comes round to the local name: nothing left to settle. */
  rtes_test_site_fixture_put (&f->s, "dijon", "Dijon Métropole", "Panorama du site", "Nouveau programme");
  g_clear_pointer (&summary, rtes_sync_summary_free);
  summary = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  g_assert_cmpuint (summary->conflicts, ==, 0);
  g_assert_cmpuint (summary->published, ==, 0);
}

static void
test_merge_resolve_mine (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = name_conflict (f, RTES_SYNC_FLAGS_NONE);
  g_autoptr(GError) error = NULL;

  g_assert_false (rtes_sync_resolve (f->s.dir, "dijon", "programme", RTES_SYNC_RESOLVE_MINE, NULL, &error));
  g_assert_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_NO_CONFLICT);
  g_clear_error (&error);
  g_assert_true (rtes_sync_resolve (f->s.dir, "dijon", "name", RTES_SYNC_RESOLVE_MINE, NULL, &error));
  g_assert_no_error (error);

  g_clear_pointer (&summary, rtes_sync_summary_free);
  summary = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  g_assert_cmpuint (summary->conflicts, ==, 0);
  g_assert_cmpuint (summary->published, ==, 1);
  g_assert_cmpstr (site_value (f, "dijon", "name"), ==, "Dijon Métropole");
}

static void
test_merge_resolve_theirs (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = name_conflict (f, RTES_SYNC_FLAGS_NONE);
  g_autoptr(GError) error = NULL;

  g_assert_true (rtes_sync_resolve (f->s.dir, "dijon", "name", RTES_SYNC_RESOLVE_THEIRS, NULL, &error));
  g_assert_no_error (error);
  assert_here (f, "name", "Ville de Dijon");

  g_clear_pointer (&summary, rtes_sync_summary_free);
  summary = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  assert_counts (summary, 0, 0, 2, 0, 0, 0, 0);
  g_assert_cmpuint (rtes_test_site_get_stats (f->s.site)->puts, ==, 0);
}

/* ---- merge: contacts and budget lines item by item (issue 12) ---- */

/* The site's copy of Dijon with these contacts and budget lines, written
 * with single quotes. */
static void
site_put_dijon (Fixture    *f,
                const char *contacts,
                const char *lines)
{
  g_autofree char *json = g_strdup_printf ("{'format':'rtes-fiche','version':1,'id':'dijon','name':'Dijon',"
                                           "'status':'published','budget':{'text':'','lines':[%s]},"
                                           "'contacts':[%s]}", lines, contacts);

  g_strdelimit (json, "'", '"');
  rtes_test_site_put (f->s.site, json);
}

static void
pull_dijon (Fixture    *f,
            const char *contacts,
            const char *lines)
{
  g_autoptr(RtesSyncSummary) summary = NULL;

  site_put_dijon (f, contacts, lines);
  summary = run_sync (f, RTES_SYNC_FLAGS_NONE);
  assert_counts (summary, 1, 0, 0, 0, 0, 0, 0);
}

static RtesContact *
contact_at (RtesFiche *fiche,
            guint      index)
{
  GListModel *contacts = G_LIST_MODEL (rtes_fiche_get_contacts (fiche));

  g_assert_cmpuint (index, <, g_list_model_get_n_items (contacts));
  return g_list_model_get_item (contacts, index);
}

static RtesBudgetLine *
line_at (RtesFiche *fiche,
         guint      index)
{
  GListModel *lines = G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche));

  g_assert_cmpuint (index, <, g_list_model_get_n_items (lines));
  return g_list_model_get_item (lines, index);
}

/* Sets @property of contact @index in dijon's file, as the editor would. */
static void
edit_contact (Fixture    *f,
              guint       index,
              const char *property,
              const char *value)
{
  g_autoptr(RtesFiche) dijon = rtes_test_load_fiche (f->s.dir, "dijon");
  g_autoptr(RtesContact) contact = contact_at (dijon, index);

  g_object_set (contact, property, value, NULL);
  rtes_test_save_fiche (f->s.dir, dijon);
}

static guint
n_contacts (Fixture *f)
{
  g_autoptr(RtesFiche) dijon = rtes_test_load_fiche (f->s.dir, "dijon");

  return g_list_model_get_n_items (G_LIST_MODEL (rtes_fiche_get_contacts (dijon)));
}

#define JEAN "{'name':'Jean Martin','title':'maire','email':'j@dijon.fr','phone':'03 80 00 00 01'}"
#define JEAN_PHONE_2 "{'name':'Jean Martin','title':'maire','email':'j@dijon.fr','phone':'03 80 00 00 02'}"
#define ANNE "{'name':'Anne Roy','title':'DGS'}"
#define ANNE_DEPUTY "{'name':'Anne Roy','title':'DGS adjointe'}"
#define PAUL "{'name':'Paul Petit','title':'chargé de mission ESS'}"

static void
test_items_phone_and_email (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = NULL;

  pull_dijon (f, JEAN "," ANNE, "");
  edit_contact (f, 0, "email", "jean.martin@dijon.fr");
  /* The site changes the same contact's phone. */
  site_put_dijon (f, JEAN_PHONE_2 "," ANNE, "");

  summary = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  assert_counts (summary, 0, 0, 0, 1, 0, 1, 0);
  assert_both (f, "contacts[0].email", "jean.martin@dijon.fr");
  assert_both (f, "contacts[0].phone", "03 80 00 00 02");
}

static void
test_items_added_while_editing (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = NULL;

  pull_dijon (f, JEAN "," ANNE, "");
  edit_contact (f, 1, "title", "directrice générale");
  /* The site adds a contact meanwhile. */
  site_put_dijon (f, JEAN "," ANNE "," PAUL, "");

  summary = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  assert_counts (summary, 0, 0, 0, 1, 0, 1, 0);
  g_assert_cmpuint (n_contacts (f), ==, 3);
  assert_both (f, "contacts[1].title", "directrice générale");
  assert_both (f, "contacts[2].name", "Paul Petit");
}

#define LINE_F(amount) "{'amount':" amount ",'section':'fonctionnement','year':2022,'forecast':false,'label':'Subventions'}"
#define LINE_I "{'amount':200000,'section':'investissement','year':2022,'forecast':false,'label':'Équipement'}"

static void
test_items_reorder_and_amount (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autoptr(RtesFiche) dijon = NULL;
  g_autoptr(RtesBudgetLine) moved = NULL;
  g_autoptr(RtesBudgetLine) first = NULL;
  g_autoptr(RtesBudgetLine) second = NULL;
  GListStore *lines;

  pull_dijon (f, JEAN, LINE_F ("100000") "," LINE_I);
  /* We move the second line up… */
  dijon = rtes_test_load_fiche (f->s.dir, "dijon");
  lines = rtes_fiche_get_budget_lines (dijon);
  moved = line_at (dijon, 1);
  g_list_store_remove (lines, 1);
  g_list_store_insert (lines, 0, moved);
  rtes_test_save_fiche (f->s.dir, dijon);
  /* …while the site changes the other one's amount. */
  site_put_dijon (f, JEAN, LINE_F ("150000") "," LINE_I);

  summary = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  assert_counts (summary, 0, 0, 0, 1, 0, 1, 0);
  g_clear_object (&dijon);
  dijon = rtes_test_load_fiche (f->s.dir, "dijon");
  first = line_at (dijon, 0);
  second = line_at (dijon, 1);
  g_assert_cmpstr (rtes_budget_line_get_label (first), ==, "Équipement");
  g_assert_cmpstr (rtes_budget_line_get_label (second), ==, "Subventions");
  g_assert_cmpfloat (rtes_budget_line_get_amount (second), ==, 150000);
  g_assert_cmpstr (site_value (f, "dijon", "budget.lines[0].label"), ==, "Équipement");
}

/* Both sides change one contact's phone: a conflict on that phone only,
 * found again by the next sync; resolving it by its path. */
static char *
phone_conflict (Fixture *f)
{
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autoptr(RtesSyncSummary) again = NULL;
  g_autoptr(RtesSyncState) state = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *path = NULL;
  RtesConflict *c;

  pull_dijon (f, JEAN "," ANNE, "");
  edit_contact (f, 0, "phone", "03 80 00 00 03");
  site_put_dijon (f, JEAN_PHONE_2 "," ANNE_DEPUTY, "");

  summary = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  g_assert_cmpuint (summary->conflicts, ==, 1);
  g_assert_cmpuint (summary->published, ==, 0);
  g_assert_cmpuint (rtes_test_site_get_stats (f->s.site)->puts, ==, 0);
  state = load_state (f);
  conflicts = rtes_sync_state_get_conflicts (state, "dijon");
  g_assert_cmpuint (conflicts->len, ==, 1);
  c = g_ptr_array_index (conflicts, 0);
  g_assert_true (g_str_has_prefix (c->path, "contacts[key="));
  g_assert_true (g_str_has_suffix (c->path, "].phone"));
  g_assert_cmpstr (json_node_get_string (c->base), ==, "03 80 00 00 01");
  g_assert_cmpstr (json_node_get_string (c->mine), ==, "03 80 00 00 03");
  g_assert_cmpstr (json_node_get_string (c->theirs), ==, "03 80 00 00 02");
  path = g_strdup (c->path);

  /* The local file keeps our phone, names that contact by the
   * conflict's key, and has the site's other change. */
  assert_here (f, "contacts[0].phone", "03 80 00 00 03");
  assert_here (f, path, "03 80 00 00 03");
  assert_here (f, "contacts[1].title", "DGS adjointe");

  /* Still open, at the same place, after another sync. */
  again = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  g_assert_cmpuint (again->conflicts, ==, 1);
  g_assert_cmpuint (rtes_test_site_get_stats (f->s.site)->puts, ==, 0);
  g_clear_object (&state);
  state = load_state (f);
  g_assert_nonnull (rtes_sync_state_lookup_conflict (state, "dijon", path));
  return g_steal_pointer (&path);
}

static void
test_items_resolve_theirs (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *path = phone_conflict (f);
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (rtes_sync_resolve (f->s.dir, "dijon", "contacts[0].phone", RTES_SYNC_RESOLVE_THEIRS, NULL, &error));
  g_assert_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_NO_CONFLICT);
  g_clear_error (&error);
  g_assert_true (rtes_sync_resolve (f->s.dir, "dijon", path, RTES_SYNC_RESOLVE_THEIRS, NULL, &error));
  g_assert_no_error (error);
  assert_here (f, "contacts[0].phone", "03 80 00 00 02");

  /* Nothing left to settle, nor to send. */
  summary = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  assert_counts (summary, 0, 0, 1, 0, 0, 0, 0);
}

static void
test_items_resolve_mine (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = phone_conflict (f);
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rtes_sync_resolve (f->s.dir, "dijon", path, RTES_SYNC_RESOLVE_MINE, NULL, &error));
  g_assert_no_error (error);
  summary = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  g_assert_cmpuint (summary->conflicts, ==, 0);
  g_assert_cmpuint (summary->published, ==, 1);
  g_assert_cmpstr (site_value (f, "dijon", "contacts[0].phone"), ==, "03 80 00 00 03");
  /* The key goes to the site, which keeps it. */
  g_assert_true (g_str_has_prefix (path + strlen ("contacts[key="), site_value (f, "dijon", "contacts[0].key")));
}

static void
test_items_settled_by_editing (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *path = phone_conflict (f);
  g_autoptr(RtesSyncSummary) summary = NULL;

  /* Someone types the site's phone in the editor: the next sync, though
   * the site has not changed, finds nothing left to settle. */
  edit_contact (f, 0, "phone", "03 80 00 00 02");
  summary = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  g_assert_cmpuint (rtes_test_site_get_stats (f->s.site)->not_modified, >, 0);
  assert_counts (summary, 0, 0, 1, 0, 0, 0, 0);
}

static void
test_items_edit_against_delete (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autoptr(RtesSyncSummary) after = NULL;
  g_autoptr(RtesSyncState) state = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  RtesConflict *c;

  pull_dijon (f, JEAN "," ANNE, "");
  edit_contact (f, 1, "title", "directrice générale");
  site_put_dijon (f, JEAN, "");

  summary = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  g_assert_cmpuint (summary->conflicts, ==, 1);
  state = load_state (f);
  conflicts = rtes_sync_state_get_conflicts (state, "dijon");
  c = g_ptr_array_index (conflicts, 0);
  g_assert_cmpint (c->kind, ==, RTES_CONFLICT_CHANGED_REMOVED);
  g_assert_null (c->theirs);
  g_assert_true (g_str_has_suffix (c->path, "]"));
  /* Kept here until a person decides. */
  g_assert_cmpuint (n_contacts (f), ==, 2);

  /* Taking the site's side removes the contact. */
  g_assert_true (rtes_sync_resolve (f->s.dir, "dijon", c->path, RTES_SYNC_RESOLVE_THEIRS, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_contacts (f), ==, 1);
  after = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  assert_counts (after, 0, 0, 1, 0, 0, 0, 0);
}

/* A library made here (say, from the text export) meets the site's copy
 * for the first time: no common base, every difference is "both added". */
static void
test_items_first_sync (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RtesFiche) local = rtes_fiche_new ("dijon", "Dijon");
  g_autoptr(RtesContact) jean = rtes_contact_new ();
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autoptr(RtesSyncState) state = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  RtesConflict *c;

  rtes_fiche_set_status (local, RTES_STATUS_PUBLISHED);
  rtes_contact_set_name (jean, "Jean Martin");
  rtes_contact_set_title (jean, "maire");
  rtes_contact_set_email (jean, "j@dijon.fr");
  rtes_contact_set_phone (jean, "03 80 00 00 09");
  g_list_store_append (rtes_fiche_get_contacts (local), jean);
  rtes_test_save_fiche (f->s.dir, local);
  site_put_dijon (f, JEAN "," PAUL, "");

  summary = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  g_assert_cmpuint (summary->published, ==, 0);
  state = load_state (f);
  conflicts = rtes_sync_state_get_conflicts (state, "dijon");
  g_assert_cmpuint (conflicts->len, ==, 1);
  c = g_ptr_array_index (conflicts, 0);
  g_assert_true (g_str_has_suffix (c->path, "].phone"));
  g_assert_cmpint (c->kind, ==, RTES_CONFLICT_BOTH_ADDED);
  g_assert_null (c->base);
  /* What only the site has comes in. */
  g_assert_cmpuint (n_contacts (f), ==, 2);
}

#define JEAN_SITE "{'name':'Jean Martin','title':'maire','email':'jean@site.fr','phone':'03 80 00 00 02'}"

/* Both sides change Jean's phone and his e-mail: two conflicts on one
 * contact. A person takes the site's phone and keeps our e-mail, in one
 * go: one write, both in the file, nothing left open. */
static void
test_items_resolve_per_field (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autoptr(RtesSyncSummary) after = NULL;
  g_autoptr(RtesSyncState) state = NULL;
  g_autoptr(RtesSyncState) state_after = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_conflict_choice_free);
  g_autoptr(GPtrArray) wrong = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_conflict_choice_free);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GError) error = NULL;
  const char *phone = NULL;
  const char *email = NULL;

  pull_dijon (f, JEAN, "");
  edit_contact (f, 0, "phone", "03 80 00 00 03");
  edit_contact (f, 0, "email", "jean@ici.fr");
  site_put_dijon (f, JEAN_SITE, "");
  summary = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  g_assert_cmpuint (summary->conflicts, ==, 2);

  state = load_state (f);
  conflicts = rtes_sync_state_get_conflicts (state, "dijon");
  for (guint i = 0; i < conflicts->len; i++)
    {
      RtesConflict *c = g_ptr_array_index (conflicts, i);

      if (g_str_has_suffix (c->path, ".phone"))
        phone = c->path;
      else if (g_str_has_suffix (c->path, ".email"))
        email = c->path;
    }
  g_assert_nonnull (phone);
  g_assert_nonnull (email);

  /* One choice that is not open: nothing is written at all. */
  g_ptr_array_add (wrong, rtes_conflict_choice_new ("dijon", phone, RTES_CONFLICT_TAKE_THEIRS, NULL));
  g_ptr_array_add (wrong, rtes_conflict_choice_new ("dijon", "contacts[0].title", RTES_CONFLICT_TAKE_THEIRS, NULL));
  before = rtes_test_snapshot_tree (f->s.dir);
  g_assert_false (rtes_sync_resolve_all (f->s.dir, wrong, &error));
  g_assert_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_NO_CONFLICT);
  g_clear_error (&error);
  rtes_test_assert_tree_unchanged (before, f->s.dir);

  g_ptr_array_add (choices, rtes_conflict_choice_new ("dijon", phone, RTES_CONFLICT_TAKE_THEIRS, NULL));
  g_ptr_array_add (choices, rtes_conflict_choice_new ("dijon", email, RTES_CONFLICT_KEEP_MINE, NULL));
  g_assert_true (rtes_sync_resolve_all (f->s.dir, choices, &error));
  g_assert_no_error (error);

  assert_here (f, "contacts[0].phone", "03 80 00 00 02");
  assert_here (f, "contacts[0].email", "jean@ici.fr");
  state_after = load_state (f);
  g_assert_cmpuint (rtes_sync_state_count_conflicts (state_after), ==, 0);

  /* The next sync sends the result. */
  after = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  g_assert_cmpuint (after->published, ==, 1);
  g_assert_cmpstr (site_value (f, "dijon", "contacts[0].phone"), ==, "03 80 00 00 02");
  g_assert_cmpstr (site_value (f, "dijon", "contacts[0].email"), ==, "jean@ici.fr");
}

/* A state written by the previous version, with the contacts as one
 * conflicting field: still read, settled item by item by the next sync. */
static void
test_items_legacy_state (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autoptr(RtesSyncSummary) migrated = NULL;
  g_autoptr(RtesSyncState) state = NULL;
  g_autoptr(RtesSyncState) current = NULL;
  g_autofree char *state_path = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *old_state = NULL;
  g_autofree char *old_conflict = NULL;

  /* The previous version pulled Jean with phone 01, we changed his
   * e-mail, the site his phone: it kept our whole list and recorded it. */
  pull_dijon (f, JEAN, "");
  site_put_dijon (f, JEAN_PHONE_2, "");
  summary = run_sync (f, RTES_SYNC_FLAGS_NONE);
  assert_counts (summary, 0, 1, 0, 0, 0, 0, 0);
  edit_contact (f, 0, "email", "jean.martin@dijon.fr");
  edit_contact (f, 0, "phone", "03 80 00 00 01");
  /* The state as the previous version wrote it: version 1, a fiche
   * object per revision, the conflict on the whole member. */
  current = load_state (f);
  state_path = g_build_filename (f->s.dir, ".rtes-fiches", "sync", "state.json", NULL);
  old_conflict = g_strdup ("[{'id':'dijon','field':'contacts',"
                           "'base':[" JEAN "],"
                           "'mine':[{'name':'Jean Martin','title':'maire','email':'jean.martin@dijon.fr','phone':'03 80 00 00 01'}],"
                           "'theirs':[" JEAN_PHONE_2 "]}]");
  g_strdelimit (old_conflict, "'", '"');
  etag = g_strescape (rtes_sync_state_get_etag (current), NULL);
  old_state = g_strdup_printf ("{\"format\": \"rtes-sync-state\", \"version\": 1, \"site\": \"%s\", "
                               "\"etag\": \"%s\", \"fiches\": {\"dijon\": {\"revision\": \"%s\"}}, "
                               "\"conflicts\": %s}\n",
                               rtes_sync_state_get_site (current), etag,
                               rtes_sync_state_get_revision (current, "dijon"), old_conflict);
  g_assert_true (g_file_set_contents (state_path, old_state, -1, NULL));

  state = load_state (f);
  g_assert_nonnull (rtes_sync_state_lookup_conflict (state, "dijon", "contacts"));

  /* The site has not changed (the export answers 304): the old conflict is
   * merged again, contact by contact, and nothing is left to settle. */
  migrated = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  g_assert_cmpuint (migrated->conflicts, ==, 0);
  g_assert_cmpuint (migrated->published, ==, 1);
  assert_both (f, "contacts[0].email", "jean.martin@dijon.fr");
  assert_here (f, "contacts[0].phone", "03 80 00 00 02");
}

/* ---- publish ---- */

static void
test_publish_if_match (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autoptr(RtesSyncSummary) again = NULL;
  g_autoptr(RtesSyncState) state = NULL;
  g_autofree char *expected = NULL;
  RtesTestSiteStats *stats = rtes_test_site_get_stats (f->s.site);

  first_pull (f);
  expected = g_strdup_printf ("\"%s\"", rtes_test_site_get_revision (f->s.site, "dijon"));
  rtes_test_edit_fiche (f->s.dir, "dijon", "panorama", "Panorama écrit ici");

  summary = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  assert_counts (summary, 0, 0, 2, 0, 0, 1, 0);
  g_assert_cmpuint (stats->puts, ==, 1);
  g_assert_cmpstr (stats->last_if_match, ==, expected);
  g_assert_null (stats->last_if_none_match);
  g_assert_cmpstr (stats->last_authorization, ==, "Bearer " TOKEN);
  g_assert_cmpstr (site_value (f, "dijon", "panorama"), ==, "Panorama écrit ici");

  /* The new revision is remembered: nothing left to publish. */
  state = load_state (f);
  g_assert_cmpstr (rtes_sync_state_get_revision (state, "dijon"), ==,
                   rtes_test_site_get_revision (f->s.site, "dijon"));
  again = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  g_assert_cmpuint (again->published, ==, 0);
  g_assert_cmpuint (stats->puts, ==, 1);
}

static void
test_publish_new (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autoptr(RtesFiche) nevers = rtes_fiche_new ("nevers", "Nevers");
  RtesTestSiteStats *stats = rtes_test_site_get_stats (f->s.site);

  first_pull (f);
  rtes_fiche_set_status (nevers, RTES_STATUS_PUBLISHED);
  rtes_test_save_fiche (f->s.dir, nevers);
  summary = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  g_assert_cmpuint (summary->published, ==, 1);
  g_assert_cmpstr (stats->last_if_none_match, ==, "*");
  g_assert_null (stats->last_if_match);
  g_assert_cmpstr (site_value (f, "nevers", "name"), ==, "Nevers");
}

/* Issue 10, finding 8: an example fiche is refused, whatever its status. */
static void
test_publish_example (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autoptr(RtesFiche) example = rtes_fiche_new ("exemple-ville-de-belcombe", "Exemple — Ville de Belcombe");
  RtesTestSiteStats *stats = rtes_test_site_get_stats (f->s.site);
  const char *message;

  first_pull (f);
  rtes_fiche_set_status (example, RTES_STATUS_PUBLISHED);
  json_object_set_boolean_member (rtes_fiche_get_extra (example), "example", TRUE);
  rtes_test_save_fiche (f->s.dir, example);
  summary = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  g_assert_cmpuint (summary->published, ==, 0);
  g_assert_cmpuint (stats->puts, ==, 0);
  g_assert_cmpuint (summary->errors, ==, 1);
  message = g_ptr_array_index (summary->messages, 0);
  g_assert_nonnull (strstr (message, "exemple-ville-de-belcombe"));
  g_assert_nonnull (strstr (message, "example"));
}

static void
test_publish_precondition (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autofree char *edit = NULL;
  RtesTestSiteStats *stats = rtes_test_site_get_stats (f->s.site);

  first_pull (f);
  rtes_test_edit_fiche (f->s.dir, "dijon", "panorama", "Panorama écrit ici");
  /* Someone edits another field on the site while we publish. */
  edit = rtes_test_fiche_json ("dijon", "Dijon", "Panorama du site", "Programme écrit entre-temps");
  rtes_test_site_edit_before_put (f->s.site, edit);

  summary = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  g_assert_cmpuint (stats->precondition_failed, ==, 1);
  g_assert_cmpuint (stats->puts, ==, 2);
  g_assert_cmpuint (summary->published, ==, 1);
  g_assert_cmpuint (summary->errors, ==, 0);
  g_assert_cmpstr (site_value (f, "dijon", "panorama"), ==, "Panorama écrit ici");
  assert_both (f, "programme", "Programme écrit entre-temps");
}

static void
test_publish_unauthorized (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = NULL;
  const char *message;

  first_pull (f);
  rtes_test_edit_fiche (f->s.dir, "dijon", "panorama", "Panorama écrit ici");
  rtes_test_edit_fiche (f->s.dir, "besancon", "panorama", "Autre panorama");
  rtes_site_client_set_token (f->s.client, "bad-t0ken-xyz");
  summary = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  g_assert_cmpuint (summary->published, ==, 0);
  g_assert_cmpuint (summary->errors, ==, 1);
  /* The first refusal stops publishing: the token is wrong for all. */
  g_assert_cmpuint (rtes_test_site_get_stats (f->s.site)->puts, ==, 1);
  message = g_ptr_array_index (summary->messages, 0);
  g_assert_nonnull (strstr (message, "token"));
  g_assert_null (strstr (message, "bad-t0ken-xyz"));
  g_assert_cmpstr (site_value (f, "dijon", "panorama"), ==, "Panorama du site");
}

/* Issue 15, finding 9: with a proxy in the system settings, a plain http
 * site (even on loopback) is reached through it, and the proxy would read
 * the token in clear. The pull may go through it; publishing must not. */
static void
test_publish_proxy (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RtesTestProxy) proxy = rtes_test_proxy_new ();
  g_autoptr(GProxyResolver) resolver = g_simple_proxy_resolver_new (rtes_test_proxy_get_url (proxy), NULL);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", resolver, NULL);

  first_pull (f);
  rtes_test_edit_fiche (f->s.dir, "dijon", "panorama", "Panorama écrit ici");
  rtes_test_site_fixture_put (&f->s, "besancon", "Besançon", "Changé sur le site", "Programme");
  use_site_at (f, session, rtes_test_site_get_url (f->s.site));
  rtes_site_client_set_token (f->s.client, TOKEN);
  assert_sync_fails (f, RTES_SYNC_FLAGS_PUBLISH, NULL, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INSECURE, "127.0.0.1");
  /* The proxy carried the pull, so it was really in the way… */
  g_assert_cmpuint (rtes_test_proxy_get_requests (proxy), >, 0);
  /* …and never saw the token, nor a PUT; nothing changed on either side. */
  g_assert_cmpuint (rtes_test_proxy_get_authorized (proxy), ==, 0);
  g_assert_cmpuint (rtes_test_proxy_get_puts (proxy), ==, 0);
  g_assert_cmpuint (rtes_test_site_get_stats (f->s.site)->puts, ==, 0);
}

static void
test_publish_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = NULL;
  const char *message;

  first_pull (f);
  rtes_test_edit_fiche (f->s.dir, "dijon", "panorama", "Panorama écrit ici");
  rtes_test_site_set_refusal (f->s.site, "Le panorama dépasse 2000 caractères");
  summary = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  g_assert_cmpuint (summary->published, ==, 0);
  g_assert_cmpuint (summary->errors, ==, 1);
  message = g_ptr_array_index (summary->messages, 0);
  g_assert_nonnull (strstr (message, "dijon"));
  g_assert_nonnull (strstr (message, "Le panorama dépasse 2000 caractères"));
}

/* ---- the summary, fiche by fiche ---- */

static RtesSyncFicheReport *
find_report (RtesSyncSummary *summary,
             const char      *id,
             RtesSyncOutcome  outcome)
{
  for (guint i = 0; i < summary->fiches->len; i++)
    {
      RtesSyncFicheReport *report = g_ptr_array_index (summary->fiches, i);

      if (g_strcmp0 (report->id, id) == 0 && report->outcome == outcome)
        return report;
    }
  return NULL;
}

/* Told "nothing changed", a sync reads only the files changed here since
 * they last held their base, and writes nothing, not even its state. */
static void
test_pull_not_modified_reads_nothing (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) recorded = NULL;
  g_autoptr(RtesSyncSummary) quiet = NULL;
  g_autoptr(RtesSyncSummary) edited = NULL;
  g_autoptr(RtesSyncSummary) touched = NULL;
  g_autoptr(GHashTable) before = NULL;

  /* Any key is settled at once: a test cannot wait two seconds a file. */
  rtes_file_key_set_settle_time (0);
  first_pull (f);
  /* Written by the pull, the files are read once more and recorded. */
  recorded = run_sync (f, RTES_SYNC_FLAGS_NONE);
  g_assert_cmpuint (recorded->files_read, ==, 2);

  before = rtes_test_snapshot_tree (f->s.dir);
  quiet = run_sync (f, RTES_SYNC_FLAGS_NONE);
  g_assert_cmpuint (quiet->files_read, ==, 0);
  assert_counts (quiet, 0, 0, 2, 0, 0, 0, 0);
  rtes_test_assert_tree_unchanged (before, f->s.dir);

  /* An edit here gives the file a new key: it is read, and reported. */
  rtes_test_edit_fiche (f->s.dir, "dijon", "panorama", "Modifié ici");
  edited = run_sync (f, RTES_SYNC_FLAGS_NONE);
  g_assert_cmpuint (edited->files_read, ==, 1);
  assert_counts (edited, 0, 0, 2, 0, 0, 0, 0);
  g_assert_nonnull (find_report (edited, "dijon", RTES_SYNC_OUTCOME_NOT_PUBLISHED));

  /* The same bytes written again (git checkout, another editor): a new
   * key, so read once, and recorded again as it holds its base. */
  rtes_test_edit_fiche (f->s.dir, "dijon", "panorama", "Panorama du site");
  touched = run_sync (f, RTES_SYNC_FLAGS_NONE);
  g_assert_cmpuint (touched->files_read, ==, 1);
  g_assert_null (find_report (touched, "dijon", RTES_SYNC_OUTCOME_NOT_PUBLISHED));
  g_clear_pointer (&touched, rtes_sync_summary_free);
  touched = run_sync (f, RTES_SYNC_FLAGS_NONE);
  g_assert_cmpuint (touched->files_read, ==, 0);
  rtes_file_key_set_settle_time (RTES_FILE_KEY_SETTLE_MS);
}

static void
assert_describes (RtesSyncFicheReport *report,
                  const char          *expected)
{
  g_autofree char *text = NULL;

  g_assert_nonnull (report);
  text = rtes_sync_fiche_report_describe (report);
  g_assert_cmpstr (text, ==, expected);
}

/* Issue 12: without a token, nothing is published, and the summary says
 * so for each fiche that would have been, by name. */
static void
test_summary_no_token (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *heading = NULL;

  first_pull (f);
  rtes_test_edit_fiche (f->s.dir, "dijon", "panorama", "Panorama écrit ici");
  rtes_test_edit_fiche (f->s.dir, "besancon", "panorama", "Autre panorama");
  rtes_test_site_fixture_put (&f->s, "nevers", "Nevers", "P", "Q");
  summary = run_sync (f, RTES_SYNC_FLAGS_NO_TOKEN);
  g_assert_cmpuint (rtes_test_site_get_stats (f->s.site)->puts, ==, 0);
  g_assert_cmpuint (summary->errors, ==, 0);
  g_assert_cmpuint (summary->fiches->len, ==, 3);
  assert_describes (find_report (summary, "dijon", RTES_SYNC_OUTCOME_NOT_PUBLISHED), "not published: no token");
  assert_describes (find_report (summary, "besancon", RTES_SYNC_OUTCOME_NOT_PUBLISHED), "not published: no token");
  assert_describes (find_report (summary, "nevers", RTES_SYNC_OUTCOME_ADDED), "new from the site");
  g_assert_cmpstr (find_report (summary, "besancon", RTES_SYNC_OUTCOME_NOT_PUBLISHED)->name, ==, "Besançon");
  /* Sorted by outcome, then name: what to act on first. */
  g_assert_cmpstr (((RtesSyncFicheReport *) g_ptr_array_index (summary->fiches, 0))->id, ==, "besancon");
  g_assert_cmpstr (((RtesSyncFicheReport *) g_ptr_array_index (summary->fiches, 1))->id, ==, "dijon");
  sentence = rtes_sync_summary_to_sentence (summary);
  g_assert_cmpstr (sentence, ==, "Sync: 1 new fiche from the site, 2 fiches not published: no token.");

  /* With reasons that differ, the missing token is still said. */
  rtes_test_edit_fiche (f->s.dir, "dijon", "name", "Dijon (ici)");
  rtes_test_site_fixture_put (&f->s, "dijon", "Dijon (site)", "Panorama écrit ici", "Programme du site");
  g_clear_pointer (&summary, rtes_sync_summary_free);
  g_clear_pointer (&sentence, g_free);
  summary = run_sync (f, RTES_SYNC_FLAGS_NO_TOKEN);
  assert_describes (find_report (summary, "dijon", RTES_SYNC_OUTCOME_NOT_PUBLISHED),
                    "not published: conflicts left to settle");
  assert_describes (find_report (summary, "besancon", RTES_SYNC_OUTCOME_NOT_PUBLISHED), "not published: no token");
  sentence = rtes_sync_summary_to_sentence (summary);
  g_assert_cmpstr (sentence, ==, "Sync: 1 fiche with conflicts to settle, 2 fiches not published (see the details), "
                                 "and there is no token to publish with.");
  /* Above the list of fiches, no pointer to it. */
  heading = rtes_sync_summary_to_heading (summary);
  g_assert_cmpstr (heading, ==, "Sync: 1 fiche with conflicts to settle, 2 fiches not published, "
                                "and there is no token to publish with.");
}

/* A new draft stays here, said in the summary, and is not an error; a
 * draft the site has goes on being sent. */
static void
test_summary_draft (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autoptr(RtesSyncSummary) later = NULL;
  g_autoptr(RtesSyncSummary) again = NULL;
  g_autoptr(RtesFiche) nevers = rtes_fiche_new ("nevers", "Nevers");

  first_pull (f);
  rtes_test_save_fiche (f->s.dir, nevers);
  summary = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  g_assert_cmpuint (rtes_test_site_get_stats (f->s.site)->puts, ==, 0);
  g_assert_cmpuint (summary->errors, ==, 0);
  assert_describes (find_report (summary, "nevers", RTES_SYNC_OUTCOME_NOT_PUBLISHED), "not published: it is a new draft; set its status to Published to send it");
  g_assert_null (rtes_test_site_get (f->s.site, "nevers"));

  /* Once marked published, it goes. */
  rtes_fiche_set_status (nevers, RTES_STATUS_PUBLISHED);
  rtes_test_save_fiche (f->s.dir, nevers);
  later = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  assert_describes (find_report (later, "nevers", RTES_SYNC_OUTCOME_PUBLISHED), "published");
  g_assert_nonnull (rtes_test_site_get (f->s.site, "nevers"));

  /* Back to draft: the site has it, it shows there as a draft. */
  rtes_fiche_set_status (nevers, RTES_STATUS_DRAFT);
  rtes_fiche_set_panorama (nevers, "En cours de rédaction.");
  rtes_test_save_fiche (f->s.dir, nevers);
  again = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  assert_describes (find_report (again, "nevers", RTES_SYNC_OUTCOME_PUBLISHED), "published");
  g_assert_cmpstr (site_value (f, "nevers", "status"), ==, "draft");
}

/* Conflicts left, a refusal with the site's words, a wrong token: each
 * fiche says which. */
static void
test_summary_reasons (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) conflicted = NULL;
  g_autoptr(RtesSyncSummary) refused = NULL;
  g_autoptr(RtesSyncSummary) unauthorized = NULL;
  g_autofree char *sentence = NULL;
  RtesSyncFicheReport *report;

  first_pull (f);
  rtes_test_edit_fiche (f->s.dir, "dijon", "name", "Dijon (ici)");
  rtes_test_site_fixture_put (&f->s, "dijon", "Dijon (site)", "Panorama du site", "Programme du site");
  conflicted = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  assert_describes (find_report (conflicted, "dijon", RTES_SYNC_OUTCOME_CONFLICTS), "1 conflict to settle");
  assert_describes (find_report (conflicted, "dijon", RTES_SYNC_OUTCOME_NOT_PUBLISHED),
                    "not published: conflicts left to settle");
  g_assert_cmpstr (find_report (conflicted, "dijon", RTES_SYNC_OUTCOME_CONFLICTS)->name, ==, "Dijon (ici)");
  g_assert_cmpuint (conflicted->errors, ==, 0);

  rtes_test_edit_fiche (f->s.dir, "besancon", "panorama", "Panorama écrit ici");
  rtes_test_site_set_refusal (f->s.site, "Le panorama dépasse 2000 caractères");
  refused = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  report = find_report (refused, "besancon", RTES_SYNC_OUTCOME_NOT_PUBLISHED);
  g_assert_nonnull (report);
  g_assert_cmpint (report->reason, ==, RTES_SYNC_NOT_PUBLISHED_REFUSED);
  g_assert_nonnull (strstr (report->message, "Le panorama dépasse 2000 caractères"));
  g_assert_cmpuint (refused->errors, ==, 1);
  sentence = rtes_sync_summary_to_sentence (refused);
  g_assert_cmpstr (sentence, ==, "Sync: 1 fiche with conflicts to settle, 2 fiches not published (see the details).");
  g_clear_pointer (&sentence, g_free);
  sentence = rtes_sync_summary_to_heading (refused);
  g_assert_cmpstr (sentence, ==, "Sync: 1 fiche with conflicts to settle, 2 fiches not published.");

  rtes_test_site_set_refusal (f->s.site, NULL);
  rtes_site_client_set_token (f->s.client, "bad-t0ken-xyz");
  rtes_test_edit_fiche (f->s.dir, "besancon", "panorama", "Encore un autre panorama");
  unauthorized = run_sync (f, RTES_SYNC_FLAGS_PUBLISH);
  report = find_report (unauthorized, "besancon", RTES_SYNC_OUTCOME_NOT_PUBLISHED);
  g_assert_nonnull (report);
  g_assert_cmpint (report->reason, ==, RTES_SYNC_NOT_PUBLISHED_TOKEN_REFUSED);
  g_assert_null (strstr (report->message, "bad-t0ken-xyz"));
}

/* ---- failures leave everything as it was ---- */

/* A library with changes pending on both sides, so that a sync that went
 * through would write something. */
static void
prepare_pending_changes (Fixture *f)
{
  first_pull (f);
  rtes_test_edit_fiche (f->s.dir, "dijon", "panorama", "Panorama écrit ici");
  rtes_test_site_fixture_put (&f->s, "dijon", "Dijon", "Panorama du site", "Programme écrit sur le site");
  rtes_test_site_fixture_put (&f->s, "besancon", "Besançon", "Panorama B2", "Programme B");
  rtes_test_site_fixture_put (&f->s, "nevers", "Nevers", "P", "Q");
}

static void
assert_fault_changes_nothing (Fixture       *f,
                              RtesTestFault  fault,
                              RtesSyncFlags  flags,
                              int            code,
                              const char    *in_message)
{
  prepare_pending_changes (f);
  rtes_test_site_set_fault (f->s.site, fault);
  assert_sync_fails (f, flags, NULL, RTES_SYNC_ERROR, code, in_message);
  /* The library object did not change either. */
  g_assert_cmpstr (rtes_fiche_get_programme (rtes_library_lookup (f->s.library, "dijon")), ==,
                   "Programme du site");
  g_assert_null (rtes_library_lookup (f->s.library, "nevers"));
}

/* A site that fails in one way: the sync stops with that error, and
 * neither the folder nor the library object changed. */
typedef struct {
  const char    *path;
  RtesTestFault  fault;
  RtesSyncFlags  flags;
  RtesSyncError  code;
  const char    *in_message;
  gboolean       short_timeouts;  /* 2 s to connect, 0.5 s in all */
  gboolean       put_error;       /* every PUT answers 500 */
} FaultCase;

static const FaultCase fault_cases[] = {
  { "/sync/fault/500", RTES_TEST_FAULT_500, RTES_SYNC_FLAGS_NONE, RTES_SYNC_ERROR_SERVER, "500" },
  { "/sync/fault/reset", RTES_TEST_FAULT_RESET, RTES_SYNC_FLAGS_NONE, RTES_SYNC_ERROR_NETWORK, NULL },
  { "/sync/fault/truncated", RTES_TEST_FAULT_TRUNCATED, RTES_SYNC_FLAGS_NONE,
    RTES_SYNC_ERROR_INVALID_EXPORT, "fiches.json" },
  { "/sync/fault/invalid-json", RTES_TEST_FAULT_INVALID, RTES_SYNC_FLAGS_NONE,
    RTES_SYNC_ERROR_INVALID_EXPORT, "fiches.json" },
  /* The headers come at once, so only the total time-out can stop it. */
  { "/sync/fault/timeout-in-body", RTES_TEST_FAULT_SLOW_BODY, RTES_SYNC_FLAGS_NONE,
    RTES_SYNC_ERROR_TIMEOUT, NULL, TRUE },
  /* Never followed: it could lead from https to plain http. */
  { "/sync/fault/redirect", RTES_TEST_FAULT_REDIRECT, RTES_SYNC_FLAGS_NONE,
    RTES_SYNC_ERROR_SERVER, "http://example.org" },
  { "/sync/fault/huge-length", RTES_TEST_FAULT_HUGE_LENGTH, RTES_SYNC_FLAGS_NONE,
    RTES_SYNC_ERROR_TOO_LARGE, "64" },
  /* The default 64 MB limit, counted while streaming (no Content-Length). */
  { "/sync/fault/huge-stream", RTES_TEST_FAULT_HUGE_STREAM, RTES_SYNC_FLAGS_NONE,
    RTES_SYNC_ERROR_TOO_LARGE, "64" },
  { "/sync/fault/publish-500", RTES_TEST_FAULT_NONE, RTES_SYNC_FLAGS_PUBLISH, RTES_SYNC_ERROR_SERVER, "500",
    FALSE, TRUE },
};

static void
test_fault (Fixture       *f,
            gconstpointer  data)
{
  const FaultCase *c = data;
  gint64 start = g_get_monotonic_time ();

  if (c->short_timeouts)
    rtes_site_client_set_timeouts (f->s.client, 2000, 500);
  rtes_test_site_set_put_error (f->s.site, c->put_error);
  assert_fault_changes_nothing (f, c->fault, c->flags, c->code, c->in_message);
  g_test_message ("refused after %.2f s", (g_get_monotonic_time () - start) / 1e6);
}

static void
test_fault_hostile (Fixture *f, gconstpointer data)
{
  g_autofree char *escaped = NULL;

  /* Three fiches, then the hostile entry: fiches[3]. */
  assert_fault_changes_nothing (f, RTES_TEST_FAULT_HOSTILE, RTES_SYNC_FLAGS_NONE,
                                RTES_SYNC_ERROR_INVALID_EXPORT, "fiches[3].id");
  escaped = g_build_filename (f->s.dir, "..", "x.json", NULL);
  g_assert_false (g_file_test (escaped, G_FILE_TEST_EXISTS));
}

static void
test_fault_timeout (Fixture *f, gconstpointer data)
{
  gint64 start = g_get_monotonic_time ();

  rtes_site_client_set_timeouts (f->s.client, 2000, 500);
  assert_fault_changes_nothing (f, RTES_TEST_FAULT_SLOW, RTES_SYNC_FLAGS_NONE, RTES_SYNC_ERROR_TIMEOUT, NULL);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

/* A listening socket whose queue is full and that never accepts: the
 * kernel drops further SYNs, so connecting hangs as with a dead host. */
static GSocket *
make_black_hole (char **url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  g_socket_set_listen_backlog (socket, 0);
  g_socket_listen (socket, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  *url = g_strdup_printf ("http://127.0.0.1:%u",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  /* Fill the queue: these connect at once and are never accepted. */
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *key = g_strdup_printf ("filler-%u", i);
      GSocket *filler = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);

      g_socket_set_blocking (filler, FALSE);
      g_socket_connect (filler, bound, NULL, NULL);
      g_object_set_data_full (G_OBJECT (socket), key, filler, g_object_unref);
    }
  return socket;
}

static void
test_fault_connect_timeout (Fixture *f, gconstpointer data)
{
  g_autoptr(GSocket) hole = NULL;
  g_autofree char *url = NULL;
  gint64 start;

  prepare_pending_changes (f);
  hole = make_black_hole (&url);
  use_site_at (f, f->s.session, url);
  rtes_site_client_set_timeouts (f->s.client, 300, 10000);
  start = g_get_monotonic_time ();
  assert_sync_fails (f, RTES_SYNC_FLAGS_NONE, NULL, RTES_SYNC_ERROR, RTES_SYNC_ERROR_TIMEOUT, "connect");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

/* Not a check but a measure: run with -m perf. */
static void
test_perf_many (Fixture *f, gconstpointer data)
{
  g_autofree char *panorama = g_strnfill (4000, 'p');
  g_autoptr(RtesSyncSummary) first = NULL;
  g_autoptr(RtesSyncSummary) second = NULL;
  guint n = 1000;
  double seconds;

  if (!g_test_perf ())
    {
      g_test_skip ("a measure: run with -m perf");
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("fiche-%04u", i);
      g_autofree char *json = rtes_test_fiche_json (id, id, panorama, "Programme");

      rtes_test_site_put (f->s.site, json);
    }
  g_test_timer_start ();
  first = run_sync (f, RTES_SYNC_FLAGS_NONE);
  seconds = g_test_timer_elapsed ();
  g_assert_cmpuint (first->added, ==, n);
  g_test_minimized_result (seconds, "first pull of %u fiches: %.2f s", n, seconds);

  /* Every fiche changed on the site: a full merge and rewrite. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("fiche-%04u", i);
      g_autofree char *json = rtes_test_fiche_json (id, id, panorama, "Programme révisé");

      rtes_test_site_put (f->s.site, json);
    }
  g_test_timer_start ();
  second = run_sync (f, RTES_SYNC_FLAGS_NONE);
  seconds = g_test_timer_elapsed ();
  g_assert_cmpuint (second->updated, ==, n);
  g_test_minimized_result (seconds, "update of %u fiches: %.2f s", n, seconds);
}

static void
test_fault_connection_refused (Fixture *f, gconstpointer data)
{
  prepare_pending_changes (f);
  /* Port 1 on loopback: nothing listens there. Same site address otherwise
   * the state would be reset (in memory) for another site. */
  use_site_at (f, f->s.session, "http://127.0.0.1:1");
  assert_sync_fails (f, RTES_SYNC_FLAGS_NONE, NULL, RTES_SYNC_ERROR, RTES_SYNC_ERROR_NETWORK, NULL);
}

static void
test_fault_write (Fixture *f, gconstpointer data)
{
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *big = g_strnfill (64 * 1024, 'x');
  g_autofree char *json = rtes_test_fiche_json ("zz-grande", "Grande", big, "");
  struct rlimit old_limit;
  struct rlimit limit;
  RtesSyncSummary *summary;

  prepare_pending_changes (f);
  /* A fiche too big to write under the limit below, sorted after the
   * others: "dijon" is written first and must be put back. */
  rtes_test_site_put (f->s.site, json);
  before = rtes_test_snapshot_tree (f->s.dir);

  /* A full disk, for this process only. */
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  limit = old_limit;
  limit.rlim_cur = 16 * 1024;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  summary = run_sync_full (f, RTES_SYNC_FLAGS_NONE, NULL, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);

  g_assert_null (summary);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "zz-grande.json"));
  rtes_test_assert_tree_unchanged (before, f->s.dir);
}

/* Someone saves dijon after the sync read it: the sync reads the local
 * files once the site has answered and writes after merging, so the
 * moment it says it is writing is the last one to do it. */
static void
save_dijon_meanwhile (RtesSync   *sync,
                      double      fraction,
                      const char *message,
                      Fixture    *f)
{
  if (fraction < 0.95)
    return;
  rtes_test_edit_fiche (f->s.dir, "dijon", "panorama", "Sauvé pendant la synchronisation");
  g_signal_handlers_disconnect_by_func (sync, save_dijon_meanwhile, f);
}

static void
test_fault_saved_meanwhile (Fixture *f, gconstpointer data)
{
  g_autoptr(RtesSync) sync = rtes_sync_new (f->s.library, f->s.client);
  Run run = { 0 };

  prepare_pending_changes (f);
  g_signal_connect (sync, "progress", G_CALLBACK (save_dijon_meanwhile), f);
  rtes_sync_run_async (sync, RTES_SYNC_FLAGS_NONE, NULL, run_done_cb, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (run.summary);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_clear_error (&run.error);
  assert_here (f, "panorama", "Sauvé pendant la synchronisation");
}

static void
test_fault_certificate (Fixture *f, gconstpointer data)
{
  g_autofree char *pem = rtes_test_source_path ("sync", "self-signed.pem", NULL);
  g_autoptr(RtesTestSite) https = rtes_test_site_new_https (pem);
  const char *url = rtes_test_site_get_url (https);

  g_assert_true (g_str_has_prefix (url, "https://"));
  rtes_test_site_put (https, "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"a\",\"name\":\"A\"}");
  use_site_at (f, f->s.session, url);
  assert_sync_fails (f, RTES_SYNC_FLAGS_NONE, NULL, RTES_SYNC_ERROR, RTES_SYNC_ERROR_TLS, NULL);
  g_assert_cmpuint (rtes_test_site_get_stats (https)->gets, ==, 0);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  prepare_pending_changes (f);
  rtes_test_site_set_fault (f->s.site, RTES_TEST_FAULT_SLOW);
  g_timeout_add (200, cancel_cb, cancellable);
  assert_sync_fails (f, RTES_SYNC_FLAGS_NONE, cancellable, G_IO_ERROR, G_IO_ERROR_CANCELLED, NULL);
}

static void
test_cancel_before (Fixture *f, gconstpointer data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  prepare_pending_changes (f);
  g_cancellable_cancel (cancellable);
  assert_sync_fails (f, RTES_SYNC_FLAGS_PUBLISH, cancellable, G_IO_ERROR, G_IO_ERROR_CANCELLED, NULL);
  g_assert_cmpuint (rtes_test_site_get_stats (f->s.site)->puts, ==, 0);
}

int
main (int argc, char **argv)
{
  /* GIO asks for the system's proxy resolver even when a session has its
   * own (the proxy test's); the GNOME one aborts without its schema. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  rtes_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/sync/pull/first", test_pull_first);
  ADD ("/sync/pull/not-modified", test_pull_not_modified);
  ADD ("/sync/pull/not-modified-reads-nothing", test_pull_not_modified_reads_nothing);
  ADD ("/sync/pull/update", test_pull_update);
  ADD ("/sync/pull/gone", test_pull_gone);
  ADD ("/sync/pull/gone-sorted", test_pull_gone_sorted);
  ADD ("/sync/pull/dry-run", test_pull_dry_run);
  ADD ("/sync/merge/different-fields", test_merge_different_fields);
  ADD ("/sync/merge/conflict", test_merge_conflict);
  ADD ("/sync/merge/conflict-follows-site", test_merge_conflict_follows_site);
  ADD ("/sync/merge/resolve-mine", test_merge_resolve_mine);
  ADD ("/sync/merge/resolve-theirs", test_merge_resolve_theirs);
  ADD ("/sync/items/phone-and-email", test_items_phone_and_email);
  ADD ("/sync/items/added-while-editing-another", test_items_added_while_editing);
  ADD ("/sync/items/reorder-and-amount", test_items_reorder_and_amount);
  ADD ("/sync/items/resolve-theirs", test_items_resolve_theirs);
  ADD ("/sync/items/resolve-mine", test_items_resolve_mine);
  ADD ("/sync/items/settled-by-editing", test_items_settled_by_editing);
  ADD ("/sync/items/edit-against-delete", test_items_edit_against_delete);
  ADD ("/sync/items/first-sync", test_items_first_sync);
  ADD ("/sync/items/resolve-per-field", test_items_resolve_per_field);
  ADD ("/sync/items/legacy-state", test_items_legacy_state);
  ADD ("/sync/publish/if-match", test_publish_if_match);
  ADD ("/sync/publish/new", test_publish_new);
  ADD ("/sync/publish/example", test_publish_example);
  ADD ("/sync/publish/precondition-failed", test_publish_precondition);
  ADD ("/sync/publish/unauthorized", test_publish_unauthorized);
  ADD ("/sync/publish/refused", test_publish_refused);
  ADD ("/sync/publish/not-through-proxy", test_publish_proxy);
  ADD ("/sync/summary/no-token", test_summary_no_token);
  ADD ("/sync/summary/draft", test_summary_draft);
  ADD ("/sync/summary/reasons", test_summary_reasons);
  for (guint i = 0; i < G_N_ELEMENTS (fault_cases); i++)
    g_test_add (fault_cases[i].path, Fixture, &fault_cases[i], setup, test_fault, teardown);
  ADD ("/sync/fault/hostile-id", test_fault_hostile);
  ADD ("/sync/fault/timeout", test_fault_timeout);
  ADD ("/sync/fault/connect-timeout", test_fault_connect_timeout);
  ADD ("/sync/fault/connection-refused", test_fault_connection_refused);
  ADD ("/sync/fault/write", test_fault_write);
  ADD ("/sync/fault/certificate", test_fault_certificate);
  ADD ("/sync/fault/saved-meanwhile", test_fault_saved_meanwhile);
  ADD ("/sync/cancel/while-waiting", test_cancel);
  ADD ("/sync/cancel/before-start", test_cancel_before);
  ADD ("/sync/perf/many-fiches", test_perf_many);
#undef ADD

  return g_test_run ();
}
