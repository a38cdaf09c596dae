/* test-history.c: the history store: recording, reading back, restoring,
 * damaged stores set aside, a writer killed in the middle, word diffs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rtes-budget-line.h"
#include "rtes-contact.h"
#include "rtes-fiche-json.h"
#include "rtes-fiche-path.h"
#include "rtes-history.h"
#include "rtes-library.h"
#include "rtes-test-util.h"
#include "rtes-text.h"
#include "rtes-word-diff.h"

typedef struct
{
  char *dir;
  RtesHistory *history;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = rtes_test_make_tmpdir ("history");
  f->history = rtes_history_open (f->dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->history);
  rtes_history_set_author (f->history, "Alice Martin");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->history);
  if (!g_test_failed ())
    rtes_test_remove_tree (f->dir);
  g_free (f->dir);
}

static RtesContact *
make_contact (const char *key,
              const char *name,
              const char *phone)
{
  RtesContact *contact = rtes_contact_new ();

  rtes_contact_set_key (contact, key);
  rtes_contact_set_name (contact, name);
  rtes_contact_set_role (contact, "Chargée de mission");
  rtes_contact_set_phone (contact, phone);
  return contact;
}

static RtesFiche *
make_fiche (const char *id)
{
  RtesFiche *fiche = rtes_fiche_new (id, "Ville de Belcombe");
  g_autoptr(RtesContact) marie = make_contact ("k1", "Marie Dupont", "03 80 00 00 01");
  g_autoptr(RtesContact) paul = make_contact ("k2", "Paul Durand", "03 80 00 00 02");
  g_autoptr(RtesBudgetLine) line = rtes_budget_line_new ();

  rtes_fiche_set_status (fiche, "published");
  rtes_fiche_set_population (fiche, 12000);
  rtes_fiche_set_updated (fiche, "2024-01-02");
  rtes_fiche_set_panorama (fiche, "La ville soutient l'économie sociale et solidaire depuis 2010.");
  g_list_store_append (rtes_fiche_get_contacts (fiche), marie);
  g_list_store_append (rtes_fiche_get_contacts (fiche), paul);
  rtes_budget_line_set_key (line, "b1");
  rtes_budget_line_set_amount (line, 29000);
  rtes_budget_line_set_year (line, 2024);
  g_list_store_append (rtes_fiche_get_budget_lines (fiche), line);
  return fiche;
}

static char *
data_of (RtesFiche *fiche)
{
  return rtes_fiche_to_data (fiche, NULL);
}

static RtesContact *
contact_at (RtesFiche *fiche,
            guint      position)
{
  return g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (fiche)), position);
}

/* Writes @fiche as its file in @dir; returns the path. */
static char *
write_fiche (const char *dir,
                     RtesFiche  *fiche)
{
  g_autofree char *data = rtes_fiche_to_data (fiche, NULL);
  g_autofree char *name = g_strconcat (rtes_fiche_get_id (fiche), ".json", NULL);

  return rtes_test_write_file (dir, name, data);
}

static guint
record (Fixture          *f,
        RtesFiche        *fiche,
        const char       *before,
        RtesChangeOrigin  origin,
        const char       *detail)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = data_of (fiche);
  guint n = rtes_history_record (f->history, rtes_fiche_get_id (fiche), before, data, origin, detail, &error);

  g_assert_no_error (error);
  return n;
}

static gboolean
fields_contain (RtesRevision *revision,
                const char   *path)
{
  return g_strv_contains (rtes_revision_get_fields (revision), path);
}

/* Asserts that revision @n of belcombe reads back as @expected. */
static void
assert_data (Fixture    *f,
             guint       n,
             const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *back = rtes_history_get_data (f->history, "belcombe", n, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (back, ==, expected);
}

static void
test_record_and_list (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RtesFiche) fiche = make_fiche ("belcombe");
  g_autoptr(RtesContact) paul = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = data_of (fiche);
  g_autofree char *second = NULL;
  RtesRevision *revision;

  g_assert_cmpuint (record (f, fiche, NULL, RTES_CHANGE_ORIGIN_TYPED, NULL), ==, 1);
  paul = contact_at (fiche, 1);
  rtes_contact_set_phone (paul, "03 80 99 99 99");
  rtes_fiche_set_population (fiche, 12500);
  second = data_of (fiche);
  g_assert_cmpuint (record (f, fiche, first, RTES_CHANGE_ORIGIN_PULL, "r42"), ==, 2);

  revisions = rtes_history_list (f->history, "belcombe", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 2);

  revision = revisions->pdata[0];
  g_assert_cmpuint (rtes_revision_get_number (revision), ==, 1);
  g_assert_cmpint (rtes_revision_get_kind (revision), ==, RTES_REVISION_CREATED);
  g_assert_cmpstr (rtes_revision_get_author (revision), ==, "Alice Martin");
  g_assert_cmpint (rtes_revision_get_origin (revision), ==, RTES_CHANGE_ORIGIN_TYPED);
  g_assert_cmpstr (rtes_revision_get_name (revision), ==, "Ville de Belcombe");

  revision = revisions->pdata[1];
  g_assert_cmpint (rtes_revision_get_kind (revision), ==, RTES_REVISION_CHANGED);
  g_assert_cmpint (rtes_revision_get_origin (revision), ==, RTES_CHANGE_ORIGIN_PULL);
  g_assert_cmpstr (rtes_revision_get_detail (revision), ==, "r42");
  g_assert_true (fields_contain (revision, "contacts[key=k2].phone"));
  g_assert_true (fields_contain (revision, "population"));
  g_assert_cmpuint (g_strv_length ((GStrv) rtes_revision_get_fields (revision)), ==, 2);
  /* The name did not change: the row does not store it, it is the one
   * before. */
  g_assert_cmpstr (rtes_revision_get_name (revision), ==, "Ville de Belcombe");
  {
    g_autoptr(RtesRevision) looked_up = rtes_history_lookup (f->history, "belcombe", 2, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (rtes_revision_get_name (looked_up), ==, "Ville de Belcombe");
  }
  g_assert_cmpint (g_get_real_time () - rtes_revision_get_time (revision), <, 60 * G_USEC_PER_SEC);

  assert_data (f, 1, first);
  assert_data (f, 2, second);

  g_assert_cmpuint (rtes_history_get_last (f->history, "belcombe", NULL), ==, 2);
  g_assert_null (rtes_history_get_data (f->history, "belcombe", 3, &error));
  g_assert_error (error, RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_NOT_FOUND);
}

static void
test_same_content_once (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RtesFiche) fiche = make_fiche ("belcombe");
  g_autoptr(RtesRevision) revision = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = data_of (fiche);
  g_autofree char *spaced = NULL;

  g_assert_cmpuint (record (f, fiche, NULL, RTES_CHANGE_ORIGIN_TYPED, NULL), ==, 1);
  rtes_fiche_set_population (fiche, 1);
  g_assert_cmpuint (record (f, fiche, first, RTES_CHANGE_ORIGIN_IMPORT, NULL), ==, 2);
  /* The same content again, from another writer: nothing new, but the
   * import file it names is added. */
  g_assert_cmpuint (record (f, fiche, NULL, RTES_CHANGE_ORIGIN_IMPORT, "export.txt"), ==, 0);
  revision = rtes_history_lookup (f->history, "belcombe", 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rtes_revision_get_detail (revision), ==, "export.txt");
  /* Another origin does not rename it. */
  g_assert_cmpuint (record (f, fiche, NULL, RTES_CHANGE_ORIGIN_PULL, "r1"), ==, 0);
  g_clear_object (&revision);
  revision = rtes_history_lookup (f->history, "belcombe", 2, &error);
  g_assert_cmpstr (rtes_revision_get_detail (revision), ==, "export.txt");

  /* The same fiche written with other spacing is the same content. */
  spaced = g_strdup_printf ("  %s", first);
  g_assert_cmpuint (rtes_history_record (f->history, "belcombe", NULL, spaced,
                                         RTES_CHANGE_ORIGIN_DISK, NULL, &error), ==, 3);
  g_assert_cmpuint (rtes_history_record (f->history, "belcombe", NULL, first,
                                         RTES_CHANGE_ORIGIN_DISK, NULL, &error), ==, 0);
  g_assert_no_error (error);
}

static void
test_before_seen (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RtesFiche) fiche = make_fiche ("belcombe");
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = data_of (fiche);
  g_autofree char *theirs = NULL;
  RtesRevision *outside, *mine;

  /* A fiche the history never saw: what the file held comes first. */
  rtes_fiche_set_population (fiche, 13000);
  g_assert_cmpuint (record (f, fiche, first, RTES_CHANGE_ORIGIN_TYPED, NULL), ==, 2);

  /* Someone else changed the file; our next save knew their version. */
  rtes_fiche_set_name (fiche, "Ville de Belcombe-les-Bains");
  theirs = data_of (fiche);
  rtes_fiche_set_member_since (fiche, 2012);
  g_assert_cmpuint (record (f, fiche, theirs, RTES_CHANGE_ORIGIN_TYPED, NULL), ==, 4);

  revisions = rtes_history_list (f->history, "belcombe", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 4);
  g_assert_cmpint (rtes_revision_get_origin (revisions->pdata[0]), ==, RTES_CHANGE_ORIGIN_DISK);
  g_assert_cmpint (rtes_revision_get_kind (revisions->pdata[0]), ==, RTES_REVISION_CREATED);
  g_assert_cmpstr (rtes_revision_get_author (revisions->pdata[0]), ==, "");
  outside = revisions->pdata[2];
  mine = revisions->pdata[3];
  g_assert_cmpint (rtes_revision_get_origin (outside), ==, RTES_CHANGE_ORIGIN_DISK);
  g_assert_cmpstr (rtes_revision_get_author (outside), ==, "");
  g_assert_true (fields_contain (outside, "name"));
  g_assert_cmpstr (rtes_revision_get_name (outside), ==, "Ville de Belcombe-les-Bains");
  g_assert_cmpint (rtes_revision_get_origin (mine), ==, RTES_CHANGE_ORIGIN_TYPED);
  g_assert_true (fields_contain (mine, "member_since"));
  g_assert_false (fields_contain (mine, "name"));
}

/* The number the store's @sql gives for belcombe and revision @n. */
static gint64
query_store (Fixture    *f,
             const char *sql,
             guint       n)
{
  g_autofree char *path = g_build_filename (f->dir, RTES_HISTORY_DIR, RTES_HISTORY_FILE, NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, "belcombe", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, n);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

#define STORED_SIZE "SELECT length(data) FROM revision WHERE fiche = ?1 AND n = ?2"

/* A long text changed a word at a time (accents at the edges of the
 * change too) costs a few bytes a revision, and reads back exactly; the
 * snapshot is deflated. */
static void
test_storage_text_edits (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RtesFiche) fiche = make_fiche ("belcombe");
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 150; i++)
    g_string_append_printf (text, "Le réseau n° %u soutient l’économie sociale et solidaire. ", i);
  for (guint i = 1; i <= 20; i++)
    {
      /* One word in the middle, ending or starting with an accent. */
      char *middle = strstr (text->str, i % 2 == 0 ? "n° 75 " : "n° 76 ");

      if (middle == NULL)
        middle = strstr (text->str, "n° 7");
      g_assert_nonnull (middle);
      g_string_insert (text, middle - text->str, i % 2 == 0 ? "é" : "ça ");
      rtes_fiche_set_panorama (fiche, text->str);
      g_ptr_array_add (contents, data_of (fiche));
      g_assert_cmpuint (rtes_history_record (f->history, "belcombe", i > 1 ? contents->pdata[i - 2] : NULL,
                                             contents->pdata[i - 1], RTES_CHANGE_ORIGIN_TYPED, NULL, NULL), ==, i);
    }
  /* The first is a snapshot, deflated well below its size. */
  g_assert_cmpint (query_store (f, STORED_SIZE, 1), <, (gint64) strlen (contents->pdata[0]) / 3);
  for (guint i = 2; i <= 20; i++)
    g_assert_cmpint (query_store (f, STORED_SIZE, i), <, 200);
  for (guint i = 20; i >= 1; i--)
    assert_data (f, i, contents->pdata[i - 1]);
}

static void
test_chain (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(RtesFiche) fiche = make_fiche ("belcombe");
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func (g_free);

  /* Enough revisions for three snapshots, with members coming and going
   * (an unknown member too, whose order is kept). */
  for (guint i = 1; i <= 70; i++)
    {
      g_autoptr(JsonNode) odd = json_node_new (JSON_NODE_VALUE);

      rtes_fiche_set_population (fiche, 1000 + i);
      if (i % 5 == 0)
        rtes_fiche_set_kind (fiche, i % 10 == 0 ? "commune" : NULL);
      json_node_set_int (odd, i);
      if (i % 7 == 0)
        json_object_set_member (rtes_fiche_get_extra (fiche), i % 14 == 0 ? "zz_site" : "aa_site",
                                g_steal_pointer (&odd));
      else if (i % 11 == 0)
        json_object_remove_member (rtes_fiche_get_extra (fiche), "aa_site");
      g_ptr_array_add (contents, data_of (fiche));
      g_assert_cmpuint (rtes_history_record (f->history, "belcombe", i > 1 ? contents->pdata[i - 2] : NULL,
                                             contents->pdata[i - 1], RTES_CHANGE_ORIGIN_TYPED, NULL, NULL), ==, i);
    }
  g_assert_cmpint (query_store (f, "SELECT count(*) FROM revision WHERE fiche = ?1 AND base = n", 0), ==, 3);
  /* Forwards (each read goes on from the one before), backwards, and
   * jumping about. */
  for (guint i = 1; i <= 70; i++)
    assert_data (f, i, contents->pdata[i - 1]);
  for (guint i = 70; i >= 1; i--)
    assert_data (f, i, contents->pdata[i - 1]);
  for (guint k = 0; k < 200; k++)
    {
      guint i = g_test_rand_int_range (1, 71);

      assert_data (f, i, contents->pdata[i - 1]);
    }
}

static RtesMergeChange *
find_change (GPtrArray  *changes,
             const char *path)
{
  for (guint i = 0; i < changes->len; i++)
    {
      RtesMergeChange *change = changes->pdata[i];

      if (g_str_equal (change->path, path))
        return change;
    }
  return NULL;
}

static void
test_changes (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RtesFiche) fiche = make_fiche ("belcombe");
  g_autoptr(RtesContact) marie = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = data_of (fiche);
  RtesMergeChange *change;

  record (f, fiche, NULL, RTES_CHANGE_ORIGIN_TYPED, NULL);
  marie = contact_at (fiche, 0);
  rtes_contact_set_phone (marie, "06 00 00 00 00");
  g_list_store_remove (rtes_fiche_get_contacts (fiche), 1);
  record (f, fiche, first, RTES_CHANGE_ORIGIN_IMPORT, NULL);

  changes = rtes_history_get_changes (f->history, "belcombe", 2, NULL, NULL, &error);
  g_assert_no_error (error);
  change = find_change (changes, "contacts[key=k1].phone");
  g_assert_nonnull (change);
  g_assert_cmpstr (json_node_get_string (change->base), ==, "03 80 00 00 01");
  g_assert_cmpstr (json_node_get_string (change->theirs), ==, "06 00 00 00 00");
  change = find_change (changes, "contacts[key=k2]");
  g_assert_nonnull (change);
  g_assert_nonnull (change->base);
  g_assert_null (change->theirs);
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* The first revision: everything was added. */
  changes = rtes_history_get_changes (f->history, "belcombe", 1, NULL, NULL, &error);
  g_assert_no_error (error);
  change = find_change (changes, "name");
  g_assert_nonnull (change);
  g_assert_null (change->base);
  g_assert_cmpstr (json_node_get_string (change->theirs), ==, "Ville de Belcombe");
}

static void
test_deletion (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RtesFiche) fiche = make_fiche ("belcombe");
  g_autoptr(RtesFiche) other = make_fiche ("autreville");
  g_autoptr(GPtrArray) deleted = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;

  record (f, fiche, NULL, RTES_CHANGE_ORIGIN_TYPED, NULL);
  record (f, other, NULL, RTES_CHANGE_ORIGIN_TYPED, NULL);
  g_assert_cmpuint (rtes_history_record_deletion (f->history, "belcombe", RTES_CHANGE_ORIGIN_TYPED, &error), ==, 2);
  g_assert_no_error (error);
  /* Twice is once. */
  g_assert_cmpuint (rtes_history_record_deletion (f->history, "belcombe", RTES_CHANGE_ORIGIN_DISK, &error), ==, 0);
  g_assert_cmpuint (rtes_history_record_deletion (f->history, "nowhere", RTES_CHANGE_ORIGIN_DISK, &error), ==, 0);
  g_assert_no_error (error);

  deleted = rtes_history_list_deleted (f->history, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deleted->len, ==, 1);
  g_assert_cmpstr (rtes_revision_get_fiche_id (deleted->pdata[0]), ==, "belcombe");
  g_assert_cmpstr (rtes_revision_get_name (deleted->pdata[0]), ==, "Ville de Belcombe");
  g_assert_cmpint (rtes_revision_get_kind (deleted->pdata[0]), ==, RTES_REVISION_DELETED);
  g_assert_cmpstr (rtes_revision_get_author (deleted->pdata[0]), ==, "Alice Martin");
  g_assert_null (rtes_history_get_data (f->history, "belcombe", 2, &error));
  g_assert_error (error, RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_DELETED);
  g_clear_error (&error);

  /* Back: a new life, after the old one. */
  g_assert_cmpuint (record (f, fiche, NULL, RTES_CHANGE_ORIGIN_RESTORE, "1"), ==, 3);
  g_clear_pointer (&deleted, g_ptr_array_unref);
  deleted = rtes_history_list_deleted (f->history, &error);
  g_assert_cmpuint (deleted->len, ==, 0);
  revisions = rtes_history_list (f->history, "belcombe", NULL, &error);
  g_assert_cmpuint (revisions->len, ==, 3);
  g_assert_cmpint (rtes_revision_get_kind (revisions->pdata[2]), ==, RTES_REVISION_CREATED);
}

static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RtesFiche) fiche = make_fiche ("belcombe");
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = data_of (fiche);
  g_autofree char *back = NULL;

  record (f, fiche, NULL, RTES_CHANGE_ORIGIN_TYPED, NULL);
  g_assert_true (rtes_history_rename (f->history, "belcombe", "belcombe-les-bains", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rtes_history_get_last (f->history, "belcombe", NULL), ==, 0);
  rtes_fiche_set_id (fiche, "belcombe-les-bains");
  g_assert_cmpuint (record (f, fiche, NULL, RTES_CHANGE_ORIGIN_TYPED, NULL), ==, 2);
  revisions = rtes_history_list (f->history, "belcombe-les-bains", NULL, &error);
  g_assert_cmpuint (revisions->len, ==, 2);
  g_assert_true (fields_contain (revisions->pdata[1], "id"));
  /* The old content keeps its old id. */
  back = rtes_history_get_data (f->history, "belcombe-les-bains", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back, ==, first);
}

static void
test_field_filter (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RtesFiche) fiche = make_fiche ("belcombe");
  g_autoptr(RtesContact) paul = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autofree char *before = data_of (fiche);
  g_autofree char *middle = NULL;

  record (f, fiche, NULL, RTES_CHANGE_ORIGIN_TYPED, NULL);
  rtes_fiche_set_population (fiche, 5);
  middle = data_of (fiche);
  record (f, fiche, before, RTES_CHANGE_ORIGIN_TYPED, NULL);
  paul = contact_at (fiche, 1);
  rtes_contact_set_email (paul, "paul@example.org");
  record (f, fiche, middle, RTES_CHANGE_ORIGIN_TYPED, NULL);

  revisions = rtes_history_list (f->history, "belcombe", "contacts", NULL);
  g_assert_cmpuint (revisions->len, ==, 2);   /* created, then the e-mail */
  g_assert_cmpuint (rtes_revision_get_number (revisions->pdata[1]), ==, 3);
  g_clear_pointer (&revisions, g_ptr_array_unref);
  revisions = rtes_history_list (f->history, "belcombe", "contacts[key=k2].email", NULL);
  g_assert_cmpuint (revisions->len, ==, 2);
  g_clear_pointer (&revisions, g_ptr_array_unref);
  revisions = rtes_history_list (f->history, "belcombe", "contacts[key=k1]", NULL);
  g_assert_cmpuint (revisions->len, ==, 1);
  g_clear_pointer (&revisions, g_ptr_array_unref);
  revisions = rtes_history_list (f->history, "belcombe", "population", NULL);
  g_assert_cmpuint (revisions->len, ==, 2);
  g_clear_pointer (&revisions, g_ptr_array_unref);
  revisions = rtes_history_list (f->history, "nowhere", NULL, NULL);
  g_assert_cmpuint (revisions->len, ==, 0);
}

static void
test_scan (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(RtesFiche) fiche = make_fiche ("belcombe");
  g_autoptr(RtesFiche) other = make_fiche ("autreville");
  g_autoptr(RtesLibraryDir) dir = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) deleted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data1 = data_of (fiche);
  g_autofree char *data2 = NULL;
  g_autofree char *path = NULL;

  dir = rtes_library_dir_open (f->dir, FALSE, &error);
  g_assert_no_error (error);
  g_free (rtes_test_write_file (f->dir, "belcombe.json", data1));
  g_free (rtes_test_write_file (f->dir, "broken.json", "{ not json"));
  /* First sight: each fiche once; the broken file is not a fiche. */
  g_assert_cmpuint (rtes_history_scan (f->history, dir, NULL, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (rtes_history_scan (f->history, dir, NULL, &error), ==, 0);

  /* Changed by someone else, a new file, and (next) one gone. */
  rtes_fiche_set_population (fiche, 1);
  data2 = data_of (fiche);
  g_free (rtes_test_write_file (f->dir, "belcombe.json", data2));
  path = write_fiche (f->dir, other);
  g_assert_cmpuint (rtes_history_scan (f->history, dir, NULL, &error), ==, 2);
  revisions = rtes_history_list (f->history, "belcombe", NULL, &error);
  g_assert_cmpuint (revisions->len, ==, 2);
  g_assert_cmpint (rtes_revision_get_origin (revisions->pdata[1]), ==, RTES_CHANGE_ORIGIN_DISK);
  g_assert_true (fields_contain (revisions->pdata[1], "population"));

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpuint (rtes_history_scan (f->history, dir, NULL, &error), ==, 1);
  g_assert_no_error (error);
  deleted = rtes_history_list_deleted (f->history, &error);
  g_assert_cmpuint (deleted->len, ==, 1);
  g_assert_cmpstr (rtes_revision_get_fiche_id (deleted->pdata[0]), ==, "autreville");
  g_assert_cmpint (rtes_revision_get_origin (deleted->pdata[0]), ==, RTES_CHANGE_ORIGIN_DISK);
  g_assert_cmpuint (rtes_history_scan (f->history, dir, NULL, &error), ==, 0);
}

static void
test_restore_field (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RtesFiche) fiche = make_fiche ("belcombe");
  g_autoptr(RtesFiche) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = data_of (fiche);

  record (f, fiche, NULL, RTES_CHANGE_ORIGIN_TYPED, NULL);
  rtes_fiche_set_population (fiche, 99);
  rtes_fiche_set_panorama (fiche, "Autre texte.");
  record (f, fiche, first, RTES_CHANGE_ORIGIN_IMPORT, NULL);

  restored = rtes_history_make_restore (f->history, fiche, "belcombe", 1, "population", &error);
  g_assert_no_error (error);
  g_assert_cmpint (rtes_fiche_get_population (restored), ==, 12000);
  /* Only that field: the rest stays as it is now, and the date is today's. */
  g_assert_cmpstr (rtes_fiche_get_panorama (restored), ==, "Autre texte.");
  g_assert_cmpstr (rtes_fiche_get_updated (restored), !=, "2024-01-02");
  g_clear_object (&restored);

  /* Before the first revision there was nothing: the place goes. */
  restored = rtes_history_make_restore (f->history, fiche, "belcombe", 0, "panorama", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rtes_fiche_get_panorama (restored), ==, "");
  g_clear_object (&restored);

  g_assert_null (rtes_history_make_restore (f->history, fiche, "belcombe", 1, "id", &error));
  g_assert_error (error, RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_RESTORE);
}

static void
test_restore_item (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RtesFiche) fiche = make_fiche ("belcombe");
  g_autoptr(RtesFiche) restored = NULL;
  g_autoptr(RtesContact) paul = NULL;
  g_autoptr(RtesContact) marie = NULL;
  g_autoptr(RtesContact) first_now = NULL;
  g_autoptr(RtesContact) paul_now = NULL;
  g_autoptr(RtesContact) added = make_contact ("k3", "Léa Petit", "03 80 00 00 03");
  g_autoptr(GError) error = NULL;
  g_autofree char *first = data_of (fiche);
  GListStore *contacts = rtes_fiche_get_contacts (fiche);

  record (f, fiche, NULL, RTES_CHANGE_ORIGIN_TYPED, NULL);
  /* Paul's phone is replaced by an import; then the list is reordered
   * and a contact added. */
  paul = contact_at (fiche, 1);
  marie = contact_at (fiche, 0);
  rtes_contact_set_phone (paul, "01 00 00 00 00");
  rtes_contact_set_title (paul, "directeur");
  g_list_store_remove (contacts, 1);
  g_list_store_insert (contacts, 0, paul);
  g_list_store_append (contacts, added);
  record (f, fiche, first, RTES_CHANGE_ORIGIN_IMPORT, NULL);

  /* Paul as he was, found by key where he now stands. */
  restored = rtes_history_make_restore (f->history, fiche, "belcombe", 1, "contacts[key=k2]", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rtes_fiche_get_contacts (restored))), ==, 3);
  first_now = contact_at (restored, 0);
  g_assert_cmpstr (rtes_contact_get_key (first_now), ==, "k2");
  g_assert_cmpstr (rtes_contact_get_phone (first_now), ==, "03 80 00 00 02");
  g_assert_cmpstr (rtes_contact_get_title (first_now), ==, "");
  g_clear_object (&restored);

  /* One field of an item only. */
  restored = rtes_history_make_restore (f->history, fiche, "belcombe", 1, "contacts[key=k2].phone", &error);
  g_assert_no_error (error);
  paul_now = contact_at (restored, 0);
  g_assert_cmpstr (rtes_contact_get_phone (paul_now), ==, "03 80 00 00 02");
  g_assert_cmpstr (rtes_contact_get_title (paul_now), ==, "directeur");
  g_clear_object (&restored);

  /* An item added since did not exist then: restoring it removes it. */
  restored = rtes_history_make_restore (f->history, fiche, "belcombe", 1, "contacts[key=k3]", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rtes_fiche_get_contacts (restored))), ==, 2);
  g_clear_object (&restored);

  /* A contact deleted since comes back at the end. */
  g_list_store_remove (contacts, 1);   /* Marie */
  restored = rtes_history_make_restore (f->history, fiche, "belcombe", 1, "contacts[key=k1]", &error);
  g_assert_no_error (error);
  g_clear_object (&first_now);
  first_now = contact_at (restored, 2);
  g_assert_cmpstr (rtes_contact_get_name (first_now), ==, rtes_contact_get_name (marie));
  g_clear_object (&restored);
  /* But not one of its fields alone. */
  g_assert_null (rtes_history_make_restore (f->history, fiche, "belcombe", 1, "contacts[key=k1].phone", &error));
  g_assert_error (error, RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_RESTORE);
}

static void
test_restore_whole (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RtesFiche) fiche = make_fiche ("belcombe");
  g_autoptr(RtesFiche) restored = NULL;
  g_autoptr(RtesFiche) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = data_of (fiche);

  record (f, fiche, NULL, RTES_CHANGE_ORIGIN_TYPED, NULL);
  rtes_fiche_set_name (fiche, "Autre nom");
  g_list_store_remove_all (rtes_fiche_get_contacts (fiche));
  record (f, fiche, first, RTES_CHANGE_ORIGIN_PULL, "r9");

  restored = rtes_history_make_restore (f->history, fiche, "belcombe", 1, NULL, &error);
  g_assert_no_error (error);
  expected = rtes_fiche_new_from_data (first, -1, "belcombe.json", NULL);
  rtes_fiche_touch (expected, NULL);
  g_assert_true (rtes_fiche_equal (restored, expected));

  /* A deleted fiche comes back whole from its last version. */
  g_assert_cmpuint (rtes_history_record_deletion (f->history, "belcombe", RTES_CHANGE_ORIGIN_TYPED, NULL), ==, 3);
  g_clear_object (&restored);
  restored = rtes_history_make_restore (f->history, NULL, "belcombe", 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rtes_fiche_get_name (restored), ==, "Autre nom");
  g_assert_null (rtes_history_make_restore (f->history, NULL, "belcombe", 3, NULL, &error));
  g_assert_error (error, RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_DELETED);
}

/* Damaged stores ------------------------------------------------------------ */

static char *
store_path (const char *dir)
{
  return g_build_filename (dir, RTES_HISTORY_DIR, RTES_HISTORY_FILE, NULL);
}

static guint
count_aside (const char *dir,
             const char *prefix)
{
  g_autofree char *folder = g_build_filename (dir, RTES_HISTORY_DIR, NULL);
  g_autoptr(GDir) listing = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".sqlite"))
      n++;
  return n;
}

/* Opens the history of @dir after damage: it must set the old store
 * aside, say so once, and work. */
static void
assert_fresh_start (const char *dir,
                    const char *aside_prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesHistory) history = rtes_history_open (dir, &error);
  g_autoptr(RtesFiche) fiche = make_fiche ("belcombe");
  g_autofree char *data = data_of (fiche);
  g_autofree char *notice = NULL;
  g_autofree char *again = NULL;
  g_autofree char *path = store_path (dir);

  g_assert_no_error (error);
  g_assert_nonnull (history);
  notice = rtes_history_take_notice (history);
  g_assert_nonnull (notice);
  g_assert_true (strstr (notice, "set aside") != NULL);
  g_assert_true (strstr (notice, aside_prefix) != NULL);
  again = rtes_history_take_notice (history);
  g_assert_null (again);
  g_assert_cmpuint (count_aside (dir, "damaged-"), ==, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_IS_SYMLINK));

  g_assert_cmpuint (rtes_history_record (history, "belcombe", NULL, data, RTES_CHANGE_ORIGIN_TYPED, NULL, &error), ==, 1);
  g_assert_no_error (error);
}

static void
make_store_with_revisions (const char *dir,
                           guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesHistory) history = rtes_history_open (dir, &error);
  g_autoptr(RtesFiche) fiche = make_fiche ("belcombe");

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *data = NULL;

      /* Words that do not deflate much, so that the store spans pages. */
      for (guint j = 0; j < 300; j++)
        g_string_append_printf (text, "%08x ", g_test_rand_int ());
      rtes_fiche_set_panorama (fiche, text->str);
      data = data_of (fiche);
      g_assert_cmpuint (rtes_history_record (history, "belcombe", NULL, data, RTES_CHANGE_ORIGIN_TYPED,
                                             NULL, &error), ==, i + 1);
    }
}

static void
test_damaged_garbage (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("history-garbage");
  g_autofree char *path = store_path (dir);
  g_autofree char *folder = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, "This is not a database at all, but it is long enough "
                                            "to have a header of one hundred bytes, which SQLite "
                                            "reads first and then refuses.", -1, NULL));
  assert_fresh_start (dir, "damaged-");
  rtes_test_remove_tree (dir);
}

static void
test_damaged_truncated (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("history-truncated");
  g_autofree char *path = store_path (dir);
  g_autofree char *contents = NULL;
  gsize length;

  /* Enough revisions for the store to span many pages. */
  make_store_with_revisions (dir, 40);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8 * 4096);
  g_assert_true (g_file_set_contents (path, contents, length / 2, NULL));
  assert_fresh_start (dir, "damaged-");
  rtes_test_remove_tree (dir);
}

static void
run_sql (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static void
test_damaged_schema (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("history-schema");
  g_autofree char *path = store_path (dir);

  make_store_with_revisions (dir, 2);
  run_sql (path, "PRAGMA user_version = 7");
  assert_fresh_start (dir, "damaged-");
  rtes_test_remove_tree (dir);
  g_free (dir);

  /* A trigger, a table of another program: not ours. */
  dir = rtes_test_make_tmpdir ("history-trigger");
  g_clear_pointer (&path, g_free);
  path = store_path (dir);
  make_store_with_revisions (dir, 2);
  run_sql (path, "CREATE TABLE other (x); "
                 "CREATE TRIGGER t AFTER INSERT ON revision BEGIN DELETE FROM revision; END");
  assert_fresh_start (dir, "damaged-");
  rtes_test_remove_tree (dir);
}

static void
test_damaged_symlink (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("history-symlink");
  g_autofree char *outside = rtes_test_make_tmpdir ("history-outside");
  g_autofree char *target = g_build_filename (outside, "precious.sqlite", NULL);
  g_autofree char *path = store_path (dir);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *contents = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (target, "precious", -1, NULL));
  g_assert_cmpint (symlink (target, path), ==, 0);
  assert_fresh_start (dir, "damaged-");
  /* What the link pointed to is untouched. */
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "precious");
  rtes_test_remove_tree (dir);
  rtes_test_remove_tree (outside);
}

static void
test_damaged_folder_link (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("history-folder-link");
  g_autofree char *outside = rtes_test_make_tmpdir ("history-outside");
  g_autofree char *state = g_build_filename (dir, RTES_LIBRARY_STATE_DIR, NULL);
  g_autofree char *folder = g_build_filename (dir, RTES_HISTORY_DIR, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesHistory) history = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *notice = NULL;

  /* The history folder is a link: set aside, a real folder made. */
  g_assert_cmpint (g_mkdir_with_parents (state, 0755), ==, 0);
  g_assert_cmpint (symlink (outside, folder), ==, 0);
  history = rtes_history_open (dir, &error);
  g_assert_no_error (error);
  notice = rtes_history_take_notice (history);
  g_assert_nonnull (notice);
  g_assert_false (g_file_test (folder, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  listing = g_dir_open (outside, 0, NULL);
  g_assert_null (g_dir_read_name (listing));
  g_clear_object (&history);
  rtes_test_remove_tree (dir);

  /* .rtes-fiches itself is a link: no history at all, nothing written. */
  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  g_assert_cmpint (symlink (outside, state), ==, 0);
  history = rtes_history_open (dir, &error);
  g_assert_null (history);
  g_assert_error (error, RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_UNSAFE);
  g_clear_pointer (&listing, g_dir_close);
  listing = g_dir_open (outside, 0, NULL);
  g_assert_null (g_dir_read_name (listing));
  rtes_test_remove_tree (dir);
  rtes_test_remove_tree (outside);
}

static void
test_strict_rows (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RtesFiche) fiche = make_fiche ("belcombe");
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = data_of (fiche);
  g_autofree char *path = store_path (f->dir);
  g_autofree char *back = NULL;
  static const char * const bad_rows[] = {
    "UPDATE revision SET origin = 'telepathy' WHERE n = 1",
    "UPDATE revision SET origin = 'typed', author = printf('%.5000c', 'x') WHERE n = 1",
    "UPDATE revision SET author = x'41ff' WHERE n = 1",
  };

  record (f, fiche, NULL, RTES_CHANGE_ORIGIN_TYPED, NULL);
  rtes_fiche_set_population (fiche, 3);
  record (f, fiche, first, RTES_CHANGE_ORIGIN_TYPED, NULL);

  /* A content that is not what its hash says. */
  run_sql (path, "UPDATE revision SET hash = zeroblob(16) WHERE n = 2");
  back = rtes_history_get_data (f->history, "belcombe", 2, &error);
  g_assert_null (back);
  g_assert_error (error, RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_DAMAGED);
  g_assert_true (strstr (error->message, "checksum") != NULL);
  g_clear_error (&error);
  /* A difference that does not inflate. */
  run_sql (path, "UPDATE revision SET data = x'7a0102' WHERE n = 2");
  g_assert_null (rtes_history_get_data (f->history, "belcombe", 2, &error));
  g_assert_error (error, RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_DAMAGED);
  g_clear_error (&error);
  /* An origin this version does not know, an author far too long, one
   * that is not UTF-8. */
  for (guint i = 0; i < G_N_ELEMENTS (bad_rows); i++)
    {
      run_sql (path, bad_rows[i]);
      g_assert_null (rtes_history_list (f->history, "belcombe", NULL, &error));
      g_assert_error (error, RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_DAMAGED);
      g_clear_error (&error);
    }

  /* The store itself stays (a row is not the store). */
  g_assert_cmpuint (count_aside (f->dir, "damaged-"), ==, 0);
}

static void
test_gitignore (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, RTES_LIBRARY_STATE_DIR, ".gitignore", NULL);
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_suffix (contents, "\n*\n"));
  /* A .gitignore someone wrote is theirs. */
  g_assert_true (g_file_set_contents (path, "sync/\n", -1, NULL));
  g_clear_object (&f->history);
  f->history = rtes_history_open (f->dir, NULL);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "sync/\n");
}

static void
test_author (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *author = rtes_history_default_author ();
  g_autoptr(RtesRevision) revision = NULL;
  g_autoptr(RtesFiche) fiche = make_fiche ("belcombe");
  g_autofree char *content = data_of (fiche);
  RtesRevisionSource source = { RTES_CHANGE_ORIGIN_TYPED, NULL, NULL, 1000 * G_USEC_PER_SEC };

  g_assert_false (rtes_text_is_blank (author));
  rtes_history_set_author (f->history, NULL);
  g_assert_cmpstr (rtes_history_get_author (f->history), ==, author);
  rtes_history_set_author (f->history, "  Bob  ");
  g_assert_cmpstr (rtes_history_get_author (f->history), ==, "Bob");

  g_assert_cmpuint (rtes_history_record_full (f->history, "belcombe", NULL, content, &source, NULL), ==, 1);
  revision = rtes_history_lookup (f->history, "belcombe", 1, NULL);
  g_assert_cmpstr (rtes_revision_get_author (revision), ==, "Bob");
  g_assert_cmpint (rtes_revision_get_time (revision), ==, 1000 * G_USEC_PER_SEC);
}

/* A writer killed ------------------------------------------------------------ */

static gboolean
wait_for_file (const char *path,
               guint       timeout_ms)
{
  for (guint waited = 0; waited < timeout_ms; waited += 10)
    {
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return TRUE;
      g_usleep (10 * 1000);
    }
  return FALSE;
}

static GPid
spawn_writer (const char *dir,
              const char *mode,
              const char *marker)
{
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "model", "history-writer", NULL);
  const char *argv[] = { writer, mode, dir, marker, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

static void
kill_and_reap (GPid pid)
{
  int status = 0;

  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_spawn_close_pid (pid);
}

static void
assert_store_sound (const char *dir)
{
  g_autofree char *path = store_path (dir);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_killed_in_write (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("history-killed");
  g_autofree char *marker = g_build_filename (dir, "paused", NULL);
  g_autofree char *fiche_path = NULL;
  g_autofree char *fiche_before = NULL;
  g_autofree char *fiche_after = NULL;
  g_autoptr(RtesHistory) history = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesFiche) fiche = make_fiche ("belcombe");
  g_autofree char *data = data_of (fiche);
  GPid pid;

  fiche_path = write_fiche (dir, fiche);
  g_assert_true (g_file_get_contents (fiche_path, &fiche_before, NULL, NULL));
  history = rtes_history_open (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rtes_history_record (history, "belcombe", NULL, data, RTES_CHANGE_ORIGIN_TYPED, NULL, &error), ==, 1);
  g_clear_object (&history);

  /* The writer pauses inside its transaction (the revision inserted,
   * not committed) and is killed there. */
  pid = spawn_writer (dir, "pause", marker);
  g_assert_true (wait_for_file (marker, 20000));
  kill_and_reap (pid);

  assert_store_sound (dir);
  history = rtes_history_open (dir, &error);
  g_assert_no_error (error);
  g_assert_null (rtes_history_take_notice (history));
  revisions = rtes_history_list (history, "belcombe", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 1);
  g_assert_true (g_file_get_contents (fiche_path, &fiche_after, NULL, NULL));
  g_assert_cmpstr (fiche_after, ==, fiche_before);
  /* And it goes on. */
  rtes_fiche_set_population (fiche, 7);
  g_clear_pointer (&data, g_free);
  data = data_of (fiche);
  g_assert_cmpuint (rtes_history_record (history, "belcombe", NULL, data, RTES_CHANGE_ORIGIN_TYPED, NULL, &error), ==, 2);
  g_clear_object (&history);

  /* Killed at whatever moment, while it records revision after revision. */
  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GPtrArray) after = NULL;
      g_autofree char *last = NULL;
      guint n;

      g_remove (marker);
      pid = spawn_writer (dir, "loop", marker);
      g_assert_true (wait_for_file (marker, 20000));
      g_usleep (g_random_int_range (1, 200) * 1000);
      kill_and_reap (pid);

      assert_store_sound (dir);
      history = rtes_history_open (dir, &error);
      g_assert_no_error (error);
      g_assert_null (rtes_history_take_notice (history));
      n = rtes_history_get_last (history, "belcombe", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (n, >=, 2);
      last = rtes_history_get_data (history, "belcombe", n, &error);
      g_assert_no_error (error);
      g_assert_nonnull (last);
      after = rtes_history_list (history, "belcombe", NULL, &error);
      g_assert_cmpuint (after->len, ==, n);
      g_clear_object (&history);
    }
  rtes_test_remove_tree (dir);
}

/* Word differences -------------------------------------------------------------- */

static char *
render_diff (const char *old_text,
             const char *new_text)
{
  g_autoptr(GPtrArray) segments = rtes_word_diff (old_text, new_text);
  GString *out = g_string_new (NULL);
  g_autoptr(GString) old_back = g_string_new (NULL);
  g_autoptr(GString) new_back = g_string_new (NULL);

  for (guint i = 0; i < segments->len; i++)
    {
      RtesDiffSegment *segment = segments->pdata[i];

      if (i > 0)
        g_assert_cmpint (((RtesDiffSegment *) segments->pdata[i - 1])->kind, !=, segment->kind);
      switch (segment->kind)
        {
        case RTES_DIFF_SAME:
          g_string_append (out, segment->text);
          g_string_append (old_back, segment->text);
          g_string_append (new_back, segment->text);
          break;
        case RTES_DIFF_REMOVED:
          g_string_append_printf (out, "[-%s]", segment->text);
          g_string_append (old_back, segment->text);
          break;
        case RTES_DIFF_ADDED:
          g_string_append_printf (out, "{+%s}", segment->text);
          g_string_append (new_back, segment->text);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  /* Both texts come back whole. */
  g_assert_cmpstr (old_back->str, ==, old_text != NULL ? old_text : "");
  g_assert_cmpstr (new_back->str, ==, new_text != NULL ? new_text : "");
  return g_string_free (out, FALSE);
}

static void
test_word_diff (void)
{
  static const struct {
    const char *old_text;
    const char *new_text;
    const char *expected;
  } cases[] = {
    { "", "", "" },
    { NULL, "Bonjour", "{+Bonjour}" },
    { "Bonjour", NULL, "[-Bonjour]" },
    { "La ville soutient l'ESS.", "La ville soutient l'ESS.", "La ville soutient l'ESS." },
    { "La ville soutient l'ESS depuis 2010.", "La ville soutient l'ESS depuis 2012.",
      "La ville soutient l'ESS depuis [-2010]{+2012}." },
    { "un deux trois quatre", "un trois quatre cinq", "un [-deux ]trois quatre{+ cinq}" },
    { "old words here", "new phrases here", "[-old words]{+new phrases} here" },
    { "Économie sociale et solidaire", "Économie solidaire", "Économie [-sociale et ]solidaire" },
    { "a\n\n- liste\n- points", "a\n\n- liste\n- puces\n- points", "a\n\n- liste\n- {+puces\n- }points" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = render_diff (cases[i].old_text, cases[i].new_text);

      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_word_diff_bounded (void)
{
  GString *old_text = g_string_new (NULL);
  GString *new_text = g_string_new (NULL);
  g_autofree char *got = NULL;
  g_autoptr(GPtrArray) segments = NULL;

  /* Two long texts with nothing in common: one removal, one addition,
   * and no table of a hundred million cells. */
  for (guint i = 0; i < 20000; i++)
    {
      g_string_append_printf (old_text, "a%u ", i);
      g_string_append_printf (new_text, "b%u ", i);
    }
  segments = rtes_word_diff (old_text->str, new_text->str);
  g_assert_cmpuint (segments->len, ==, 3);   /* and the final space, common */
  g_assert_cmpint (((RtesDiffSegment *) segments->pdata[0])->kind, ==, RTES_DIFF_REMOVED);
  g_assert_cmpint (((RtesDiffSegment *) segments->pdata[1])->kind, ==, RTES_DIFF_ADDED);
  got = render_diff (old_text->str, new_text->str);
  g_string_free (old_text, TRUE);
  g_string_free (new_text, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  rtes_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/history/record/created-then-changed", test_record_and_list);
  ADD ("/history/record/same-content-once", test_same_content_once);
  ADD ("/history/record/before-seen", test_before_seen);
  ADD ("/history/record/author", test_author);
  ADD ("/history/read/chain", test_chain);
  ADD ("/history/storage/text-edits", test_storage_text_edits);
  ADD ("/history/read/changes", test_changes);
  ADD ("/history/read/field-filter", test_field_filter);
  ADD ("/history/read/strict-rows", test_strict_rows);
  ADD ("/history/deletion", test_deletion);
  ADD ("/history/rename", test_rename);
  ADD ("/history/scan", test_scan);
  ADD ("/history/restore/field", test_restore_field);
  ADD ("/history/restore/item", test_restore_item);
  ADD ("/history/restore/whole", test_restore_whole);
  ADD ("/history/store/gitignore", test_gitignore);
#undef ADD
  g_test_add_func ("/history/store/damaged/garbage", test_damaged_garbage);
  g_test_add_func ("/history/store/damaged/truncated", test_damaged_truncated);
  g_test_add_func ("/history/store/damaged/schema", test_damaged_schema);
  g_test_add_func ("/history/store/damaged/symlink", test_damaged_symlink);
  g_test_add_func ("/history/store/damaged/folder-link", test_damaged_folder_link);
  g_test_add_func ("/history/store/killed-in-write", test_killed_in_write);
  g_test_add_func ("/history/word-diff/cases", test_word_diff);
  g_test_add_func ("/history/word-diff/bounded", test_word_diff_bounded);

  return g_test_run ();
}
