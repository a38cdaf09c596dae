/* test-fiche-merge.c: the three-way merge of fiche documents, by example
 *
 * Each rule of rtes-fiche-merge.h on small documents, including the three
 * cases of issue 12; fiche paths; putting open conflicts back into a base.
 * test-merge-properties.c checks the same rules on generated cases.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rtes-fiche.h"
#include "rtes-fiche-merge.h"
#include "rtes-fiche-path.h"
#include "rtes-text.h"
#include "rtes-test-util.h"

/* JSON written with single quotes, for legibility. */
static JsonNode *
J (const char *json)
{
  g_autofree char *text = g_strdup (json);

  g_strdelimit (text, "'", '"');
  return rtes_test_parse_json (text);
}

static void
assert_json (JsonNode   *node,
             const char *expected)
{
  g_autoptr(JsonNode) want = J (expected);

  if (node == NULL || !json_node_equal (node, want))
    {
      g_autofree char *got = node != NULL ? json_to_string (node, FALSE) : g_strdup ("(null)");
      g_autofree char *wanted = json_to_string (want, FALSE);

      g_error ("got %s\nwanted %s", got, wanted);
    }
}

static void G_GNUC_PRINTF (2, 3)
assert_jsonf (JsonNode   *node,
              const char *format,
              ...)
{
  g_autofree char *expected = NULL;
  va_list args;

  va_start (args, format);
  expected = g_strdup_vprintf (format, args);
  va_end (args);
  assert_json (node, expected);
}

/* json_node_copy() shares the objects and arrays. */
static JsonNode *
deep_copy (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  return json_from_string (text, NULL);
}

static JsonNode *
at (JsonNode   *document,
    const char *path)
{
  return rtes_fiche_path_get (document, path);
}

static RtesConflict *
conflict_at (RtesMergeResult *result,
             guint            index)
{
  g_assert_cmpuint (index, <, result->conflicts->len);
  return g_ptr_array_index (result->conflicts, index);
}

static RtesMergeChange *
find_change (RtesMergeResult *result,
             const char      *path)
{
  for (guint i = 0; i < result->changes->len; i++)
    {
      RtesMergeChange *change = g_ptr_array_index (result->changes, i);

      if (g_strcmp0 (change->path, path) == 0)
        return change;
    }
  g_error ("no change at %s", path);
  return NULL;
}

/* The key made for a conflict: the path's "[key=…]", 8 hex digits. */
static char *
key_in_path (const char *path)
{
  const char *start = strstr (path, "[key=");
  const char *end;

  g_assert_nonnull (start);
  start += strlen ("[key=");
  end = strchr (start, ']');
  g_assert_nonnull (end);
  return g_strndup (start, end - start);
}

/* ---- fields ---- */

static void
test_fields (void)
{
  g_autoptr(JsonNode) base = J ("{'id':'a','name':'N','panorama':'P','programme':'Q'}");
  g_autoptr(JsonNode) mine = J ("{'id':'a','name':'N','panorama':'P2','programme':'Q'}");
  g_autoptr(JsonNode) theirs = J ("{'id':'a','name':'N','panorama':'P','programme':'Q2'}");
  g_autoptr(RtesMergeResult) result = rtes_fiche_merge ("a", base, mine, theirs);

  g_assert_cmpuint (result->conflicts->len, ==, 0);
  g_assert_true (result->has_base);
  g_assert_true (result->mine_changed);
  g_assert_true (result->theirs_changed);
  assert_json (result->merged, "{'id':'a','name':'N','panorama':'P2','programme':'Q2'}");
  g_assert_cmpuint (result->changes->len, ==, 2);
  g_assert_cmpint (find_change (result, "panorama")->side, ==, RTES_MERGE_SIDE_MINE);
  g_assert_cmpint (find_change (result, "programme")->side, ==, RTES_MERGE_SIDE_THEIRS);
  /* The inputs are left alone. */
  assert_json (mine, "{'id':'a','name':'N','panorama':'P2','programme':'Q'}");
}

static void
test_field_conflict (void)
{
  g_autoptr(JsonNode) base = J ("{'id':'a','name':'N','population':10}");
  g_autoptr(JsonNode) mine = J ("{'id':'a','name':'Mine','population':10}");
  g_autoptr(JsonNode) theirs = J ("{'id':'a','name':'Theirs','population':12}");
  g_autoptr(RtesMergeResult) result = rtes_fiche_merge ("a", base, mine, theirs);
  RtesConflict *c;

  g_assert_cmpuint (result->conflicts->len, ==, 1);
  c = conflict_at (result, 0);
  g_assert_cmpstr (c->id, ==, "a");
  g_assert_cmpstr (c->path, ==, "name");
  g_assert_cmpint (c->kind, ==, RTES_CONFLICT_BOTH_CHANGED);
  assert_json (c->base, "'N'");
  assert_json (c->mine, "'Mine'");
  assert_json (c->theirs, "'Theirs'");
  /* Mine is kept at the conflict; the rest merges. */
  assert_json (result->merged, "{'id':'a','name':'Mine','population':12}");
}

static void
test_unknown_members (void)
{
  g_autoptr(JsonNode) base = J ("{'id':'a','old':1}");
  g_autoptr(JsonNode) mine = J ("{'id':'a','old':1}");
  /* The site removes one member and adds one this version does not know. */
  g_autoptr(JsonNode) theirs = J ("{'id':'a','new_member':{'k':true}}");
  g_autoptr(RtesMergeResult) result = rtes_fiche_merge ("a", base, mine, theirs);

  g_assert_cmpuint (result->conflicts->len, ==, 0);
  assert_json (result->merged, "{'id':'a','new_member':{'k':true}}");
  g_assert_false (result->mine_changed);
  g_assert_true (result->theirs_changed);
}

static void
test_updated (void)
{
  g_autoptr(JsonNode) base = J ("{'updated':'2026-01-01','panorama':'P','programme':'Q'}");
  g_autoptr(JsonNode) mine = J ("{'updated':'2026-03-01','panorama':'P2','programme':'Q'}");
  g_autoptr(JsonNode) theirs = J ("{'updated':'2026-02-01','panorama':'P','programme':'Q2'}");
  g_autoptr(RtesMergeResult) result = rtes_fiche_merge ("a", base, mine, theirs);
  g_autoptr(RtesMergeResult) reverse = rtes_fiche_merge ("a", base, theirs, mine);

  /* Bookkeeping, not content: the later date, never a conflict. */
  g_assert_cmpuint (result->conflicts->len, ==, 0);
  assert_json (at (result->merged, "updated"), "'2026-03-01'");
  assert_json (at (reverse->merged, "updated"), "'2026-03-01'");
  g_assert_cmpint (find_change (result, "updated")->side, ==, RTES_MERGE_SIDE_BOTH);
}

static void
test_address (void)
{
  g_autoptr(JsonNode) base = J ("{'address':{'lines':['1 rue'],'postcode':'21000','city':'Dijon','geo':1}}");
  g_autoptr(JsonNode) mine = J ("{'address':{'lines':['1 rue'],'postcode':'21000','city':'Dijon Cedex','geo':1}}");
  g_autoptr(JsonNode) theirs = J ("{'address':{'lines':['2 rue'],'postcode':'21001','city':'Dijon','geo':2}}");
  g_autoptr(JsonNode) theirs2 = J ("{'address':{'lines':['1 rue'],'postcode':'21000','city':'DIJON','geo':1}}");
  g_autoptr(RtesMergeResult) result = rtes_fiche_merge ("a", base, mine, theirs);
  g_autoptr(RtesMergeResult) clash = rtes_fiche_merge ("a", base, mine, theirs2);

  g_assert_cmpuint (result->conflicts->len, ==, 0);
  assert_json (result->merged, "{'address':{'lines':['2 rue'],'postcode':'21001','city':'Dijon Cedex','geo':2}}");
  g_assert_cmpint (find_change (result, "address.city")->side, ==, RTES_MERGE_SIDE_MINE);
  g_assert_cmpint (find_change (result, "address.geo")->side, ==, RTES_MERGE_SIDE_THEIRS);

  g_assert_cmpuint (clash->conflicts->len, ==, 1);
  g_assert_cmpstr (conflict_at (clash, 0)->path, ==, "address.city");
}

/* ---- merges without a conflict, by example ---- */

/* A merge that settles everything: the merged document, and where a
 * change is named, the side it came from. */
typedef struct {
  const char *path;
  const char *why;
  const char *base;
  const char *mine;
  const char *theirs;
  const char *merged;
  struct {
    const char    *path;
    RtesMergeSide  side;
  } changes[2];
} CleanMerge;

static const CleanMerge clean_merges[] = {
  { "/model/merge/tags",
    "Theirs removed a and added d, mine added c: a set, never a conflict.",
    "{'tags':['a','b']}",
    "{'tags':['a','b','c']}",
    "{'tags':['b','d']}",
    "{'tags':['b','c','d']}" },
  { "/model/merge/items/phone-and-email",
    "The site's phone is taken with our e-mail; no key is added.",
    "{'contacts':[{'name':'Jean','email':'j@a.fr','phone':'01'}]}",
    "{'contacts':[{'name':'Jean','email':'jean@a.fr','phone':'01'}]}",
    "{'contacts':[{'name':'Jean','email':'j@a.fr','phone':'02'}]}",
    "{'contacts':[{'name':'Jean','email':'jean@a.fr','phone':'02'}]}",
    { { "contacts[0].email", RTES_MERGE_SIDE_MINE }, { "contacts[0].phone", RTES_MERGE_SIDE_THEIRS } } },
  { "/model/merge/items/delete-unchanged",
    "Deleted here, left alone there: deleted; their edit of another merges.",
    "{'contacts':[{'name':'Jean'},{'name':'Anne','title':'x'}]}",
    "{'contacts':[{'name':'Anne','title':'x'}]}",
    "{'contacts':[{'name':'Jean'},{'name':'Anne','title':'y'}]}",
    "{'contacts':[{'name':'Anne','title':'y'}]}",
    { { "contacts[0]", RTES_MERGE_SIDE_MINE } } },
  { "/model/merge/items/both-add",
    "Both additions kept; the one both made, once.",
    "{'contacts':[{'name':'Jean'}]}",
    "{'contacts':[{'name':'Jean'},{'name':'Anne'},{'name':'Eve','title':'DGS'}]}",
    "{'contacts':[{'name':'Jean'},{'name':'Paul'},{'name':'Eve','title':'DGS'}]}",
    "{'contacts':[{'name':'Jean'},{'name':'Paul'},{'name':'Anne'},{'name':'Eve','title':'DGS'}]}" },
  { "/model/merge/items/unknown-members",
    "Members of an item this version does not know merge like the others.",
    "{'contacts':[{'name':'Jean','linkedin':'x'}]}",
    "{'contacts':[{'name':'Jean','linkedin':'y'}]}",
    "{'contacts':[{'name':'Jean','linkedin':'x','office':{'floor':2}}]}",
    "{'contacts':[{'name':'Jean','linkedin':'y','office':{'floor':2}}]}" },
  { "/model/merge/items/reorder-theirs",
    "Their order, our edit, and our new contact first, where we put it.",
    "{'contacts':[{'name':'A'},{'name':'B'},{'name':'C'}]}",
    "{'contacts':[{'name':'X'},{'name':'A'},{'name':'B','title':'t'},{'name':'C'}]}",
    "{'contacts':[{'name':'C'},{'name':'A'},{'name':'B'}]}",
    "{'contacts':[{'name':'X'},{'name':'C'},{'name':'A'},{'name':'B','title':'t'}]}",
    { { "contacts", RTES_MERGE_SIDE_THEIRS } } },
};

static void
test_clean_merge (gconstpointer data)
{
  const CleanMerge *c = data;
  g_autoptr(JsonNode) base = J (c->base);
  g_autoptr(JsonNode) mine = J (c->mine);
  g_autoptr(JsonNode) theirs = J (c->theirs);
  g_autoptr(RtesMergeResult) result = rtes_fiche_merge ("a", base, mine, theirs);

  g_test_message ("%s", c->why);
  g_assert_cmpuint (result->conflicts->len, ==, 0);
  assert_json (result->merged, c->merged);
  for (guint i = 0; i < G_N_ELEMENTS (c->changes) && c->changes[i].path != NULL; i++)
    g_assert_cmpint (find_change (result, c->changes[i].path)->side, ==, c->changes[i].side);
}

/* ---- items: the three cases of issue 12 ---- */

#define CONTACT(name, more) "{'role':'','name':'" name "','title':'','email':'','phone':''" more "}"

static void
test_contact_added_while_editing_another (void)
{
  g_autoptr(JsonNode) base = J ("{'contacts':[{'name':'Jean','title':'maire'}]}");
  g_autoptr(JsonNode) mine = J ("{'contacts':[{'name':'Jean','title':'maire adjoint'}]}");
  g_autoptr(JsonNode) theirs = J ("{'contacts':[{'name':'Jean','title':'maire'},{'name':'Anne','title':'DGS'}]}");
  g_autoptr(RtesMergeResult) result = rtes_fiche_merge ("a", base, mine, theirs);
  RtesMergeChange *added;

  g_assert_cmpuint (result->conflicts->len, ==, 0);
  assert_json (result->merged, "{'contacts':[{'name':'Jean','title':'maire adjoint'},{'name':'Anne','title':'DGS'}]}");
  added = find_change (result, "contacts[1]");
  g_assert_cmpint (added->side, ==, RTES_MERGE_SIDE_THEIRS);
  g_assert_null (added->base);
  assert_json (added->theirs, "{'name':'Anne','title':'DGS'}");
}

static void
test_lines_reordered_while_amount_changes (void)
{
  g_autoptr(JsonNode) base = J ("{'budget':{'text':'','lines':["
                                "{'amount':100,'section':'fonctionnement','year':2022,'label':''},"
                                "{'amount':200,'section':'investissement','year':2022,'label':''}]}}");
  g_autoptr(JsonNode) mine = J ("{'budget':{'text':'','lines':["
                                "{'amount':200,'section':'investissement','year':2022,'label':''},"
                                "{'amount':100,'section':'fonctionnement','year':2022,'label':''}]}}");
  g_autoptr(JsonNode) theirs = J ("{'budget':{'text':'','lines':["
                                  "{'amount':150,'section':'fonctionnement','year':2022,'label':''},"
                                  "{'amount':200,'section':'investissement','year':2022,'label':''}]}}");
  g_autoptr(RtesMergeResult) result = rtes_fiche_merge ("a", base, mine, theirs);
  RtesMergeChange *order;

  g_assert_cmpuint (result->conflicts->len, ==, 0);
  assert_json (result->merged, "{'budget':{'text':'','lines':["
                               "{'amount':200,'section':'investissement','year':2022,'label':''},"
                               "{'amount':150,'section':'fonctionnement','year':2022,'label':''}]}}");
  order = find_change (result, "budget.lines");
  g_assert_true (order->order);
  g_assert_cmpint (order->side, ==, RTES_MERGE_SIDE_MINE);
  g_assert_cmpint (find_change (result, "budget.lines[1].amount")->side, ==, RTES_MERGE_SIDE_THEIRS);
}

/* ---- items: conflicts ---- */

static void
test_item_field_conflict (void)
{
  g_autoptr(JsonNode) base = J ("{'contacts':[{'name':'Jean','phone':'01'},{'name':'Anne','phone':'05'}]}");
  g_autoptr(JsonNode) mine = J ("{'contacts':[{'name':'Jean','phone':'02'},{'name':'Anne','phone':'05'}]}");
  g_autoptr(JsonNode) theirs = J ("{'contacts':[{'name':'Jean','phone':'03'},{'name':'Anne','phone':'06'}]}");
  g_autoptr(RtesMergeResult) result = rtes_fiche_merge ("a", base, mine, theirs);
  g_autoptr(RtesMergeResult) again = rtes_fiche_merge ("a", base, mine, theirs);
  g_autofree char *key = NULL;
  g_autofree char *item = NULL;
  RtesConflict *c;

  /* One conflict, on that contact's phone only; the other edit merges. */
  g_assert_cmpuint (result->conflicts->len, ==, 1);
  c = conflict_at (result, 0);
  g_assert_true (g_str_has_prefix (c->path, "contacts[key="));
  g_assert_true (g_str_has_suffix (c->path, "].phone"));
  key = key_in_path (c->path);
  g_assert_cmpuint (strlen (key), ==, 8);
  g_assert_true (rtes_item_key_is_valid (key));
  assert_json (c->base, "'01'");
  assert_json (c->mine, "'02'");
  assert_json (c->theirs, "'03'");

  /* The item in conflict got the key, in the merged document and in the
   * next base, so that the path finds it in both; the other did not. */
  item = g_strdup_printf ("contacts[key=%s]", key);
  assert_jsonf (at (result->merged, item), "{'key':'%s','name':'Jean','phone':'02'}", key);
  assert_jsonf (at (result->theirs_keyed, item), "{'key':'%s','name':'Jean','phone':'03'}", key);
  assert_json (at (result->merged, "contacts[1]"), "{'name':'Anne','phone':'06'}");
  /* The same inputs give the same key: the merge is a pure function. */
  g_assert_cmpstr (conflict_at (again, 0)->path, ==, c->path);
}

static void
test_edit_against_delete (void)
{
  g_autoptr(JsonNode) base = J ("{'contacts':[{'name':'Jean','phone':'01'},{'name':'Anne'}]}");
  g_autoptr(JsonNode) edited = J ("{'contacts':[{'name':'Jean','phone':'02'},{'name':'Anne'}]}");
  g_autoptr(JsonNode) deleted = J ("{'contacts':[{'name':'Anne'}]}");
  g_autoptr(RtesMergeResult) kept = rtes_fiche_merge ("a", base, edited, deleted);
  g_autoptr(RtesMergeResult) gone = rtes_fiche_merge ("a", base, deleted, edited);
  g_autofree char *key = NULL;
  RtesConflict *c;

  /* Edited here, deleted on the site: a conflict for that contact, and
   * the contact stays. */
  g_assert_cmpuint (kept->conflicts->len, ==, 1);
  c = conflict_at (kept, 0);
  g_assert_cmpint (c->kind, ==, RTES_CONFLICT_CHANGED_REMOVED);
  key = key_in_path (c->path);
  g_assert_true (g_str_has_suffix (c->path, "]"));
  assert_jsonf (c->mine, "{'key':'%s','name':'Jean','phone':'02'}", key);
  g_assert_null (c->theirs);
  assert_jsonf (c->base, "{'key':'%s','name':'Jean','phone':'01'}", key);
  assert_jsonf (kept->merged, "{'contacts':[{'key':'%s','name':'Jean','phone':'02'},{'name':'Anne'}]}", key);

  /* Deleted here, edited on the site: a conflict, and mine (no contact)
   * is kept; the site's contact is in the conflict and the next base. */
  g_assert_cmpuint (gone->conflicts->len, ==, 1);
  c = conflict_at (gone, 0);
  g_assert_cmpint (c->kind, ==, RTES_CONFLICT_CHANGED_REMOVED);
  g_assert_null (c->mine);
  assert_json (gone->merged, "{'contacts':[{'name':'Anne'}]}");
  g_clear_pointer (&key, g_free);
  key = key_in_path (c->path);
  assert_jsonf (c->theirs, "{'key':'%s','name':'Jean','phone':'02'}", key);
  assert_jsonf (at (gone->theirs_keyed, c->path), "{'key':'%s','name':'Jean','phone':'02'}", key);
}

static void
test_keys (void)
{
  /* Renamed on both sides: only the key says it is the same contact. */
  g_autoptr(JsonNode) base = J ("{'contacts':[{'key':'k1','name':'Ann','phone':'01'},{'name':'Paul'}]}");
  g_autoptr(JsonNode) mine = J ("{'contacts':[{'name':'Paul'},{'key':'k1','name':'Anne','phone':'01'}]}");
  g_autoptr(JsonNode) theirs = J ("{'contacts':[{'key':'k1','name':'Annie','phone':'02'},{'name':'Paul'}]}");
  g_autoptr(RtesMergeResult) result = rtes_fiche_merge ("a", base, mine, theirs);
  /* A key on one side only: the rule matches it, the key is kept. */
  g_autoptr(JsonNode) base2 = J ("{'contacts':[{'name':'Ann','title':'t','phone':'01'}]}");
  g_autoptr(JsonNode) mine2 = J ("{'contacts':[{'key':'k9','name':'Ann','title':'t2','phone':'01'}]}");
  g_autoptr(JsonNode) theirs2 = J ("{'contacts':[{'name':'Ann','title':'t','phone':'02'}]}");
  g_autoptr(RtesMergeResult) result2 = rtes_fiche_merge ("a", base2, mine2, theirs2);
  /* Two different keys are two contacts, however alike. */
  g_autoptr(JsonNode) base3 = J ("{'contacts':[]}");
  g_autoptr(JsonNode) mine3 = J ("{'contacts':[{'key':'a','name':'Same'}]}");
  g_autoptr(JsonNode) theirs3 = J ("{'contacts':[{'key':'b','name':'Same'}]}");
  g_autoptr(RtesMergeResult) result3 = rtes_fiche_merge ("a", base3, mine3, theirs3);

  g_assert_cmpuint (result->conflicts->len, ==, 1);
  g_assert_cmpstr (conflict_at (result, 0)->path, ==, "contacts[key=k1].name");
  assert_json (result->merged, "{'contacts':[{'name':'Paul'},{'key':'k1','name':'Anne','phone':'02'}]}");

  g_assert_cmpuint (result2->conflicts->len, ==, 0);
  assert_json (result2->merged, "{'contacts':[{'key':'k9','name':'Ann','title':'t2','phone':'02'}]}");
  assert_json (result2->theirs_keyed, "{'contacts':[{'key':'k9','name':'Ann','title':'t','phone':'02'}]}");

  g_assert_cmpuint (result3->conflicts->len, ==, 0);
  assert_json (result3->merged, "{'contacts':[{'key':'b','name':'Same'},{'key':'a','name':'Same'}]}");
}

static void
test_matching_rule (void)
{
  /* Renamed here, title changed there: matched by e-mail, then by phone
   * (digits only); a name changed both ways is the only conflict. */
  g_autoptr(JsonNode) base = J ("{'contacts':[{'name':'Jean Dupont','email':'j@a.fr','phone':'03 80 00 00 01','title':'a'},"
                                "{'name':'Anne','email':'','phone':'03 80 00 00 02','title':'b'}]}");
  g_autoptr(JsonNode) mine = J ("{'contacts':[{'name':'Jean Dupond','email':'j@a.fr','phone':'03 80 00 00 01','title':'a'},"
                                "{'name':'Anne Martin','email':'','phone':'0380000002','title':'b'}]}");
  g_autoptr(JsonNode) theirs = J ("{'contacts':[{'name':'JEAN DUPONT','email':'j@a.fr','phone':'03 80 00 00 01','title':'c'},"
                                  "{'name':'Anne','email':'','phone':'03 80 00 00 02','title':'d'}]}");
  g_autoptr(RtesMergeResult) result = rtes_fiche_merge ("a", base, mine, theirs);
  /* Budget lines: by year, section and folded label; then by amount. */
  g_autoptr(JsonNode) lbase = J ("{'budget':{'lines':[{'amount':1,'year':2022,'section':null,'label':'Aides'},"
                                 "{'amount':2,'year':2023,'section':null,'label':'x'}]}}");
  g_autoptr(JsonNode) lmine = J ("{'budget':{'lines':[{'amount':1,'year':2022,'section':null,'label':'Aides'},"
                                 "{'amount':2,'year':2023,'section':null,'label':'Subventions'}]}}");
  g_autoptr(JsonNode) ltheirs = J ("{'budget':{'lines':[{'amount':5,'year':2022,'section':null,'label':'AIDES'},"
                                   "{'amount':2,'year':2023,'section':null,'label':'x','forecast':true}]}}");
  g_autoptr(RtesMergeResult) lines = rtes_fiche_merge ("a", lbase, lmine, ltheirs);
  g_autofree char *key = NULL;

  g_assert_cmpuint (result->conflicts->len, ==, 1);
  g_assert_true (g_str_has_suffix (conflict_at (result, 0)->path, "].name"));
  key = key_in_path (conflict_at (result, 0)->path);
  assert_jsonf (result->merged, "{'contacts':[{'key':'%s','name':'Jean Dupond','email':'j@a.fr','phone':'03 80 00 00 01','title':'c'},"
                                "{'name':'Anne Martin','email':'','phone':'0380000002','title':'d'}]}", key);

  g_assert_cmpuint (lines->conflicts->len, ==, 0);
  assert_json (lines->merged, "{'budget':{'lines':[{'amount':5,'year':2022,'section':null,'label':'AIDES'},"
                              "{'amount':2,'year':2023,'section':null,'label':'Subventions','forecast':true}]}}");
}

/* ---- items: order ---- */

static void
test_reorder_both (void)
{
  g_autoptr(JsonNode) base = J ("{'contacts':[{'name':'A'},{'name':'B'},{'name':'C'}]}");
  g_autoptr(JsonNode) mine = J ("{'contacts':[{'name':'B'},{'name':'A'},{'name':'C'}]}");
  g_autoptr(JsonNode) theirs = J ("{'contacts':[{'name':'D'},{'name':'A'},{'name':'C'},{'name':'B'}]}");
  g_autoptr(JsonNode) same = J ("{'contacts':[{'name':'B'},{'name':'D'},{'name':'A'},{'name':'C'}]}");
  g_autoptr(RtesMergeResult) result = rtes_fiche_merge ("a", base, mine, theirs);
  g_autoptr(RtesMergeResult) agree = rtes_fiche_merge ("a", base, mine, same);

  /* Different orders: ours, and their new contact at the end. */
  g_assert_cmpuint (result->conflicts->len, ==, 0);
  assert_json (result->merged, "{'contacts':[{'name':'B'},{'name':'A'},{'name':'C'},{'name':'D'}]}");
  /* The same order on both sides: their addition goes where they put it. */
  assert_json (agree->merged, "{'contacts':[{'name':'B'},{'name':'D'},{'name':'A'},{'name':'C'}]}");
}

/* ---- no base ---- */

static void
test_no_base (void)
{
  g_autoptr(JsonNode) mine = J ("{'id':'a','name':'N','panorama':'P',"
                                "'contacts':[{'name':'Jean','phone':'01'},{'name':'Anne'}]}");
  g_autoptr(JsonNode) theirs = J ("{'id':'a','name':'N2','panorama':'P','programme':'Q',"
                                  "'contacts':[{'name':'Paul'},{'name':'JEAN','phone':'02'}]}");
  g_autoptr(RtesMergeResult) result = rtes_fiche_merge ("a", NULL, mine, theirs);
  g_autofree char *key = NULL;

  /* Everything is "both added": equal values agree, different ones are
   * conflicts with no base, a value on one side only is kept. */
  g_assert_false (result->has_base);
  g_assert_true (result->mine_changed);
  g_assert_true (result->theirs_changed);
  g_assert_cmpuint (result->conflicts->len, ==, 3);
  g_assert_cmpstr (conflict_at (result, 0)->path, ==, "name");
  g_assert_true (g_str_has_suffix (conflict_at (result, 1)->path, "].name"));
  g_assert_true (g_str_has_suffix (conflict_at (result, 2)->path, "].phone"));
  for (guint i = 0; i < result->conflicts->len; i++)
    {
      g_assert_cmpint (conflict_at (result, i)->kind, ==, RTES_CONFLICT_BOTH_ADDED);
      g_assert_null (conflict_at (result, i)->base);
    }
  key = key_in_path (conflict_at (result, 1)->path);
  assert_jsonf (result->merged, "{'id':'a','name':'N','panorama':'P','programme':'Q',"
                                "'contacts':[{'name':'Paul'},{'key':'%s','name':'Jean','phone':'01'},"
                                "{'name':'Anne'}]}", key);
  /* Agreeing is not a change. */
  for (guint i = 0; i < result->changes->len; i++)
    g_assert_cmpstr (((RtesMergeChange *) g_ptr_array_index (result->changes, i))->path, !=, "panorama");
}

/* ---- open conflicts, merged again ---- */

static void
test_restore_base (void)
{
  g_autoptr(JsonNode) base = J ("{'name':'N','contacts':[{'name':'Jean','phone':'01'}]}");
  g_autoptr(JsonNode) mine = J ("{'name':'N','contacts':[{'name':'Jean','phone':'02'}]}");
  g_autoptr(JsonNode) theirs = J ("{'name':'N','contacts':[{'name':'Jean','phone':'03'}]}");
  g_autoptr(RtesMergeResult) first = rtes_fiche_merge ("a", base, mine, theirs);
  g_autoptr(JsonNode) restored = NULL;
  g_autoptr(RtesMergeResult) second = NULL;
  g_autoptr(RtesMergeResult) settled = NULL;
  g_autoptr(JsonNode) local = NULL;
  RtesConflict *c;

  g_assert_cmpuint (first->conflicts->len, ==, 1);
  /* A sync keeps the site's copy as the base and the merged document as
   * the local file. Merged again against that base with the conflict put
   * back, the site unchanged: the same conflict, with the real base. */
  restored = rtes_fiche_merge_restore_base (first->theirs_keyed, first->conflicts);
  second = rtes_fiche_merge ("a", restored, first->merged, theirs);
  g_assert_cmpuint (second->conflicts->len, ==, 1);
  c = conflict_at (second, 0);
  g_assert_cmpstr (c->path, ==, conflict_at (first, 0)->path);
  assert_json (c->base, "'01'");
  assert_json (c->mine, "'02'");
  assert_json (c->theirs, "'03'");

  /* Once the local value is the site's, nothing is left to settle. */
  local = deep_copy (first->merged);
  g_assert_true (rtes_fiche_path_set (local, c->path, c->theirs, NULL));
  settled = rtes_fiche_merge ("a", restored, local, theirs);
  g_assert_cmpuint (settled->conflicts->len, ==, 0);
}

static void
test_restore_legacy (void)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_conflict_free);
  g_autoptr(JsonNode) old_base = J ("[{'name':'Jean','phone':'01','email':'a'}]");
  g_autoptr(JsonNode) old_mine = J ("[{'name':'Jean','phone':'01','email':'b'}]");
  g_autoptr(JsonNode) old_theirs = J ("[{'name':'Jean','phone':'02','email':'a'}]");
  g_autoptr(JsonNode) site = J ("{'name':'N','contacts':[{'name':'Jean','phone':'02','email':'a'}]}");
  g_autoptr(JsonNode) local = J ("{'name':'N','contacts':[{'name':'Jean','phone':'01','email':'b'}]}");
  g_autoptr(JsonNode) restored = NULL;
  g_autoptr(RtesMergeResult) result = NULL;

  /* An older version recorded the whole list as one conflict. Merged
   * again with its base put back, it settles item by item. */
  g_ptr_array_add (conflicts, rtes_conflict_new ("a", "contacts", old_base, old_mine, old_theirs));
  restored = rtes_fiche_merge_restore_base (site, conflicts);
  assert_json (at (restored, "contacts"), "[{'name':'Jean','phone':'01','email':'a'}]");
  result = rtes_fiche_merge ("a", restored, local, site);
  g_assert_cmpuint (result->conflicts->len, ==, 0);
  assert_json (result->merged, "{'name':'N','contacts':[{'name':'Jean','phone':'02','email':'b'}]}");
}

/* ---- paths ---- */

static void
test_paths_build (void)
{
  g_autofree char *a = rtes_fiche_path_member (NULL, "name");
  g_autofree char *b = rtes_fiche_path_member ("address", "city");
  g_autofree char *c = rtes_fiche_path_key ("contacts", "c7f3a2");
  g_autofree char *d = rtes_fiche_path_member (c, "phone");
  g_autofree char *e = rtes_fiche_path_index ("budget.lines", 2);
  g_autofree char *f = rtes_fiche_path_member (NULL, "odd.\"name\"");
  g_autofree char *g = rtes_fiche_path_member ("contacts[1]", "a]b");

  g_assert_cmpstr (a, ==, "name");
  g_assert_cmpstr (b, ==, "address.city");
  g_assert_cmpstr (c, ==, "contacts[key=c7f3a2]");
  g_assert_cmpstr (d, ==, "contacts[key=c7f3a2].phone");
  g_assert_cmpstr (e, ==, "budget.lines[2]");
  g_assert_cmpstr (f, ==, "[\"odd.\\\"name\\\"\"]");
  g_assert_cmpstr (g, ==, "contacts[1][\"a]b\"]");
  for (const char **p = (const char *[]) { a, b, c, d, e, f, g, NULL }; *p != NULL; p++)
    g_assert_true (rtes_fiche_path_is_valid (*p));
  for (const char **p = (const char *[]) { "", ".a", "a.", "a..b", "[0]", "[key=x]", "a[key=]",
                                           "a[key=x.y]", "a[-1]", "a[1x]", "a[\"b\"", "a b", "a[", NULL };
       *p != NULL; p++)
    if (rtes_fiche_path_is_valid (*p))
      g_error ("“%s” should not parse", *p);
}

static void
test_paths_get_set (void)
{
  g_autoptr(JsonNode) doc = J ("{'name':'N','odd.\\\"name\\\"':1,'address':{'city':'C'},"
                               "'contacts':[{'key':'k1','name':'A'},{'name':'B'}],"
                               "'budget':{'lines':[{'key':'L','amount':1}]}}");
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) two = J ("2");
  g_autoptr(JsonNode) item = J ("{'name':'Z','key':'other'}");
  g_autoptr(GError) error = NULL;

  assert_json (at (doc, "name"), "'N'");
  assert_json (at (doc, "[\"odd.\\\"name\\\"\"]"), "1");
  assert_json (at (doc, "address.city"), "'C'");
  assert_json (at (doc, "contacts[key=k1].name"), "'A'");
  assert_json (at (doc, "contacts[1].name"), "'B'");
  assert_json (at (doc, "budget.lines[key=L].amount"), "1");
  g_assert_null (at (doc, "contacts[key=zz]"));
  g_assert_null (at (doc, "contacts[5]"));
  g_assert_null (at (doc, "name.x"));

  g_assert_true (rtes_fiche_path_set (doc, "budget.lines[key=L].amount", two, &error));
  g_assert_no_error (error);
  g_assert_true (rtes_fiche_path_set (doc, "address.city", NULL, &error));
  g_assert_true (rtes_fiche_path_set (doc, "contacts[key=k1]", NULL, &error));
  /* An item named by a key it does not hold is appended with that key. */
  g_assert_true (rtes_fiche_path_set (doc, "contacts[key=k2]", item, &error));
  g_assert_true (rtes_fiche_path_set (doc, "contacts[0].title", two, &error));
  assert_json (doc, "{'name':'N','odd.\\\"name\\\"':1,'address':{},"
                    "'contacts':[{'name':'B','title':2},{'key':'k2','name':'Z'}],"
                    "'budget':{'lines':[{'key':'L','amount':2}]}}");

  /* Places that are not there fail and change nothing. */
  before = deep_copy (doc);
  g_assert_false (rtes_fiche_path_set (doc, "contacts[key=zz].phone", two, &error));
  g_assert_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_MISSING);
  g_clear_error (&error);
  g_assert_false (rtes_fiche_path_set (doc, "contacts[9]", two, &error));
  g_assert_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_MISSING);
  g_clear_error (&error);
  g_assert_false (rtes_fiche_path_set (doc, "name[0]", two, &error));
  g_assert_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_TYPE);
  g_clear_error (&error);
  g_assert_false (rtes_fiche_path_set (doc, "a..b", two, &error));
  g_assert_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_TYPE);
  g_assert_true (json_node_equal (doc, before));
}

int
main (int   argc,
      char *argv[])
{
  rtes_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (clean_merges); i++)
    g_test_add_data_func (clean_merges[i].path, &clean_merges[i], test_clean_merge);
  g_test_add_func ("/model/merge/fields", test_fields);
  g_test_add_func ("/model/merge/field-conflict", test_field_conflict);
  g_test_add_func ("/model/merge/unknown-members", test_unknown_members);
  g_test_add_func ("/model/merge/updated", test_updated);
  g_test_add_func ("/model/merge/address", test_address);
  g_test_add_func ("/model/merge/items/added-while-editing-another", test_contact_added_while_editing_another);
  g_test_add_func ("/model/merge/items/reordered-while-amount-changes", test_lines_reordered_while_amount_changes);
  g_test_add_func ("/model/merge/items/field-conflict", test_item_field_conflict);
  g_test_add_func ("/model/merge/items/edit-against-delete", test_edit_against_delete);
  g_test_add_func ("/model/merge/items/keys", test_keys);
  g_test_add_func ("/model/merge/items/matching-rule", test_matching_rule);
  g_test_add_func ("/model/merge/items/reorder-both", test_reorder_both);
  g_test_add_func ("/model/merge/no-base", test_no_base);
  g_test_add_func ("/model/merge/restore-base", test_restore_base);
  g_test_add_func ("/model/merge/restore-legacy", test_restore_legacy);
  g_test_add_func ("/model/path/build", test_paths_build);
  g_test_add_func ("/model/path/get-set", test_paths_get_set);
  return g_test_run ();
}
