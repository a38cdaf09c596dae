/* test-merge-properties.c: the three-way merge on generated cases
 *
 * From a random base fiche, random edits on both sides (fields, address,
 * tags, contacts and budget lines added, deleted, edited, moved), then
 * the merge is checked against an independent statement of the rules,
 * place by place:
 *
 * - an edit made on one side only is in the merged document;
 * - edits of both sides that do not collide are all in it;
 * - a conflict is reported exactly where both sides changed one place
 *   differently (an item's member, or a whole item edited on one side and
 *   deleted on the other), and the merged document keeps mine there;
 * - a reorder on one side only gives that side's order;
 * - merge(base, x, x), merge(base, base, x) and merge(base, x, base) are x.
 *
 * Items are told apart by keys (mode "keys", where names and labels are
 * edited too) or by the matching rule alone (mode "rule": no keys, unique
 * names and labels that the edits leave alone).
 *
 * Each case has its own seed, printed when it fails; RTES_MERGE_CASES
 * runs more cases than the default (RTES_MERGE_SEED: one case only).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rtes-fiche-merge.h"
#include "rtes-fiche-path.h"
#include "rtes-test-util.h"

#define DEFAULT_CASES 400

typedef enum {
  MODE_KEYS,
  MODE_RULE,
} Mode;

typedef struct {
  GRand *rand;
  Mode   mode;
  guint  serial;   /* makes names, labels and keys unique */
} Gen;

/* ---- generating ---- */

static const char *
pick (Gen                *g,
      const char * const *pool)
{
  guint n = g_strv_length ((char **) pool);

  return pool[g_rand_int_range (g->rand, 0, (gint32) n)];
}

static const char * const small_words[] = { "a", "b", "c", NULL };
static const char * const tag_pool[] = { "iae", "dla", "cae", "ptce", "alimentation", NULL };

static gboolean
chance (Gen  *g,
        guint one_in)
{
  return g_rand_int_range (g->rand, 0, (gint32) one_in) == 0;
}

static JsonNode *
new_contact (Gen *g)
{
  g_autoptr(JsonObject) object = json_object_new ();
  guint n = ++g->serial;
  g_autofree char *key = g_strdup_printf ("k%u", n);
  g_autofree char *name = g_strdup_printf ("Person %u", n);
  g_autofree char *email = g_strdup_printf ("p%u@example.org", n);
  g_autofree char *phone = g_strdup_printf ("%u", 1000 + n);

  if (g->mode == MODE_KEYS)
    json_object_set_string_member (object, "key", key);
  json_object_set_string_member (object, "role", pick (g, small_words));
  json_object_set_string_member (object, "category", chance (g, 2) ? "elected" : "staff");
  json_object_set_string_member (object, "name", name);
  json_object_set_string_member (object, "title", pick (g, small_words));
  json_object_set_string_member (object, "service", "");
  /* What the matching rule falls back on is unique at first, and edits
   * draw from the small pools: a deleted contact and a new one never look
   * alike, which would be a rename to the rule (test-fiche-merge.c has
   * cases of the rule itself). */
  json_object_set_string_member (object, "email", email);
  json_object_set_string_member (object, "phone", phone);
  json_object_set_boolean_member (object, "rtes_board", chance (g, 2));
  if (chance (g, 3))
    json_object_set_string_member (object, "linkedin", pick (g, small_words));
  return json_node_init_object (json_node_alloc (), object);
}

static JsonNode *
new_line (Gen *g)
{
  g_autoptr(JsonObject) object = json_object_new ();
  guint n = ++g->serial;
  g_autofree char *key = g_strdup_printf ("k%u", n);
  g_autofree char *label = g_strdup_printf ("Ligne %u", n);
  static const char * const sections[] = { "fonctionnement", "investissement", "", NULL };
  const char *section = pick (g, sections);

  if (g->mode == MODE_KEYS)
    json_object_set_string_member (object, "key", key);
  json_object_set_int_member (object, "amount", 1000 + n);
  if (section[0] != '\0')
    json_object_set_string_member (object, "section", section);
  else
    json_object_set_null_member (object, "section");
  json_object_set_int_member (object, "year", g_rand_int_range (g->rand, 2021, 2024));
  json_object_set_boolean_member (object, "forecast", chance (g, 2));
  json_object_set_string_member (object, "label", label);
  if (chance (g, 3))
    json_object_set_string_member (object, "note", pick (g, small_words));
  return json_node_init_object (json_node_alloc (), object);
}

static JsonNode *
new_base (Gen *g)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonObject) address = json_object_new ();
  g_autoptr(JsonObject) budget = json_object_new ();
  g_autoptr(JsonArray) lines = json_array_new ();
  g_autoptr(JsonArray) contacts = json_array_new ();
  g_autoptr(JsonArray) tags = json_array_new ();
  g_autoptr(JsonArray) address_lines = json_array_new ();
  guint n;

  json_object_set_string_member (root, "format", "rtes-fiche");
  json_object_set_int_member (root, "version", 1);
  json_object_set_string_member (root, "id", "p");
  json_object_set_string_member (root, "name", pick (g, small_words));
  json_object_set_string_member (root, "status", "published");
  json_object_set_int_member (root, "population", g_rand_int_range (g->rand, 1, 4));
  json_object_set_null_member (root, "updated");
  json_array_add_string_element (address_lines, pick (g, small_words));
  json_object_set_array_member (address, "lines", g_steal_pointer (&address_lines));
  json_object_set_string_member (address, "postcode", pick (g, small_words));
  json_object_set_string_member (address, "city", pick (g, small_words));
  json_object_set_string_member (address, "country", "France");
  json_object_set_object_member (root, "address", g_steal_pointer (&address));
  json_object_set_string_member (root, "panorama", pick (g, small_words));
  json_object_set_string_member (budget, "text", pick (g, small_words));
  n = g_rand_int_range (g->rand, 0, 5);
  for (guint i = 0; i < n; i++)
    json_array_add_element (lines, new_line (g));
  json_object_set_array_member (budget, "lines", g_steal_pointer (&lines));
  json_object_set_object_member (root, "budget", g_steal_pointer (&budget));
  json_object_set_string_member (root, "programme", pick (g, small_words));
  n = g_rand_int_range (g->rand, 0, 6);
  for (guint i = 0; i < n; i++)
    json_array_add_element (contacts, new_contact (g));
  json_object_set_array_member (root, "contacts", g_steal_pointer (&contacts));
  for (guint i = 0; tag_pool[i] != NULL; i++)
    if (chance (g, 2))
      json_array_add_string_element (tags, tag_pool[i]);
  json_object_set_array_member (root, "tags", g_steal_pointer (&tags));
  if (chance (g, 2))
    json_object_set_string_member (root, "site_extra", pick (g, small_words));
  return json_node_init_object (json_node_alloc (), g_steal_pointer (&root));
}

static JsonNode *
clone (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  return json_from_string (text, NULL);
}

/* The list at @path ("contacts", "budget.lines") as a GPtrArray of nodes,
 * and back: json-glib cannot insert into an array. */
static GPtrArray *
list_get (JsonNode   *doc,
          const char *path)
{
  JsonArray *array = json_node_get_array (rtes_fiche_path_get (doc, path));
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (items, json_node_copy (json_array_get_element (array, i)));
  return items;
}

static void
list_set (JsonNode   *doc,
          const char *path,
          GPtrArray  *items)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = NULL;

  for (guint i = 0; i < items->len; i++)
    json_array_add_element (array, json_node_copy (g_ptr_array_index (items, i)));
  node = json_node_init_array (json_node_alloc (), array);
  g_assert_true (rtes_fiche_path_set (doc, path, node, NULL));
}

static void
set_member (JsonNode   *doc,
            const char *path,
            JsonNode   *value)
{
  g_assert_true (rtes_fiche_path_set (doc, path, value, NULL));
}

static void
set_string (JsonNode   *doc,
            const char *path,
            const char *value)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), value);

  set_member (doc, path, node);
}

static void
edit_item (Gen        *g,
           JsonNode   *item,
           gboolean    is_contact)
{
  static const char * const contact_members[] = { "role", "title", "email", "phone", "linkedin", "rtes_board", "name", NULL };
  static const char * const line_members[] = { "amount", "forecast", "note", "label", "year", NULL };
  /* Without keys, names and labels say which item it is: leave them. */
  guint n = g_strv_length ((char **) (is_contact ? contact_members : line_members)) - (g->mode == MODE_RULE ? (is_contact ? 1 : 2) : 0);
  const char *member = (is_contact ? contact_members : line_members)[g_rand_int_range (g->rand, 0, (gint32) n)];
  JsonObject *object = json_node_get_object (item);

  if (g_str_equal (member, "rtes_board") || g_str_equal (member, "forecast"))
    json_object_set_boolean_member (object, member, !json_object_get_boolean_member_with_default (object, member, FALSE));
  else if (g_str_equal (member, "amount"))
    json_object_set_int_member (object, member, 100 * g_rand_int_range (g->rand, 1, 4));
  else if (g_str_equal (member, "year"))
    json_object_set_int_member (object, member, g_rand_int_range (g->rand, 2021, 2024));
  else if (json_object_has_member (object, member) && (g_str_equal (member, "linkedin") || g_str_equal (member, "note"))
           && chance (g, 3))
    json_object_remove_member (object, member);
  else
    json_object_set_string_member (object, member, pick (g, small_words));
}

static void
edit_list (Gen        *g,
           JsonNode   *doc,
           const char *path)
{
  g_autoptr(GPtrArray) items = list_get (doc, path);
  gboolean is_contact = g_str_equal (path, "contacts");
  guint what = g_rand_int_range (g->rand, 0, 4);

  if (items->len == 0)
    what = 1;
  switch (what)
    {
    case 0:   /* edit one: a copy, since the nodes share their objects with the base */
      {
        guint i = g_rand_int_range (g->rand, 0, (gint32) items->len);
        JsonNode *copy = clone (g_ptr_array_index (items, i));

        edit_item (g, copy, is_contact);
        g_ptr_array_remove_index (items, i);
        g_ptr_array_insert (items, (gint) i, copy);
      }
      break;
    case 1:   /* add one, anywhere */
      g_ptr_array_insert (items, g_rand_int_range (g->rand, 0, (gint32) items->len + 1),
                          is_contact ? new_contact (g) : new_line (g));
      break;
    case 2:   /* delete one */
      g_ptr_array_remove_index (items, g_rand_int_range (g->rand, 0, (gint32) items->len));
      break;
    default:  /* move one */
      {
        guint from = g_rand_int_range (g->rand, 0, (gint32) items->len);
        JsonNode *node = g_ptr_array_steal_index (items, from);

        g_ptr_array_insert (items, g_rand_int_range (g->rand, 0, (gint32) items->len + 1), node);
      }
      break;
    }
  list_set (doc, path, items);
}

static void
toggle_tag (Gen      *g,
            JsonNode *doc)
{
  const char *tag = pick (g, tag_pool);
  g_autoptr(JsonArray) tags = json_array_new ();
  JsonArray *old = json_node_get_array (rtes_fiche_path_get (doc, "tags"));
  gboolean had = FALSE;

  for (guint i = 0; i < json_array_get_length (old); i++)
    {
      const char *t = json_array_get_string_element (old, i);

      if (g_str_equal (t, tag))
        had = TRUE;
      else
        json_array_add_string_element (tags, t);
    }
  if (!had)
    json_array_add_string_element (tags, tag);
  json_object_set_array_member (json_node_get_object (doc), "tags", g_steal_pointer (&tags));
}

static void
apply_edit (Gen      *g,
            JsonNode *doc)
{
  static const char * const fields[] = { "name", "panorama", "programme", "address.city",
                                         "address.postcode", "budget.text", "site_extra", NULL };

  switch (g_rand_int_range (g->rand, 0, 6))
    {
    case 0:
      {
        const char *field = pick (g, fields);

        if (g_str_equal (field, "site_extra") && rtes_fiche_path_get (doc, field) != NULL && chance (g, 2))
          set_member (doc, field, NULL);
        else
          set_string (doc, field, pick (g, small_words));
      }
      break;
    case 1:
      {
        g_autoptr(JsonNode) population = json_node_init_int (json_node_alloc (), g_rand_int_range (g->rand, 1, 4));

        set_member (doc, "population", population);
      }
      break;
    case 2:
      toggle_tag (g, doc);
      break;
    case 3:
    case 4:
      edit_list (g, doc, "contacts");
      break;
    default:
      edit_list (g, doc, "budget.lines");
      break;
    }
}

static JsonNode *
edited (Gen      *g,
        JsonNode *base)
{
  JsonNode *doc = clone (base);
  guint n = g_rand_int_range (g->rand, 0, 6);

  for (guint i = 0; i < n; i++)
    apply_edit (g, doc);
  return doc;
}

/* ---- places ---- */

/* What identifies an item in this mode. */
static char *
identity (Mode        mode,
          gboolean    is_contact,
          JsonObject *item)
{
  if (mode == MODE_KEYS)
    return g_strdup (json_object_get_string_member (item, "key"));
  if (is_contact)
    return g_strdup (json_object_get_string_member (item, "name"));
  return g_strdup (json_object_get_string_member (item, "label"));
}

static void
put (GHashTable *places,
     char       *place,
     JsonNode   *value)
{
  g_hash_table_insert (places, place, value != NULL ? json_to_string (value, FALSE) : g_strdup ("1"));
}

static void
flatten_object (GHashTable *places,
                const char *prefix,
                JsonObject *object,
                const char *skip)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    if (g_strcmp0 (l->data, skip) != 0)
      put (places, g_strdup_printf ("%s%s", prefix, (char *) l->data), json_object_get_member (object, l->data));
}

static void
flatten_list (GHashTable *places,
              Mode        mode,
              const char *name,
              JsonArray  *array)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      g_autofree char *id = identity (mode, g_str_equal (name, "contacts"), item);
      g_autofree char *prefix = g_strdup_printf ("%s<%s>.", name, id);

      put (places, g_strdup_printf ("%s<%s>", name, id), NULL);
      flatten_object (places, prefix, item, "key");
    }
}

/* Every place of @doc and its value, items by identity: "name",
 * "address.city", "tags{iae}", "contacts<Person 3>", "contacts<k3>.phone". */
static GHashTable *
flatten (Mode      mode,
         JsonNode *doc)
{
  GHashTable *places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonObject *root = json_node_get_object (doc);
  g_autoptr(GList) names = json_object_get_members (root);
  JsonArray *tags = json_node_get_array (rtes_fiche_path_get (doc, "tags"));

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "address") && !g_str_equal (l->data, "budget")
        && !g_str_equal (l->data, "contacts") && !g_str_equal (l->data, "tags"))
      put (places, g_strdup (l->data), json_object_get_member (root, l->data));
  flatten_object (places, "address.", json_object_get_object_member (root, "address"), NULL);
  flatten_object (places, "budget.", json_object_get_object_member (root, "budget"), "lines");
  for (guint i = 0; i < json_array_get_length (tags); i++)
    put (places, g_strdup_printf ("tags{%s}", json_array_get_string_element (tags, i)), NULL);
  flatten_list (places, mode, "contacts", json_node_get_array (rtes_fiche_path_get (doc, "contacts")));
  flatten_list (places, mode, "lines", json_node_get_array (rtes_fiche_path_get (doc, "budget.lines")));
  return places;
}

/* "contacts<id>" for an item place, else NULL. */
static char *
item_of (const char *place)
{
  const char *end;

  if (!g_str_has_prefix (place, "contacts<") && !g_str_has_prefix (place, "lines<"))
    return NULL;
  end = strchr (place, '>');
  return g_strndup (place, end + 1 - place);
}

/* The places of item @item in @places, without the item's own place. */
static GHashTable *
item_places (GHashTable *places,
             const char *item)
{
  GHashTable *result = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, places);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_prefix (key, item) && ((char *) key)[strlen (item)] == '.')
      g_hash_table_insert (result, (char *) key + strlen (item), value);
  return result;
}

static gboolean
tables_equal (GHashTable *a,
              GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (b, key)) != 0)
      return FALSE;
  return TRUE;
}

static void
copy_item (GHashTable *to,
           GHashTable *from,
           const char *item)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_prefix (key, item) && (((char *) key)[strlen (item)] == '\0' || ((char *) key)[strlen (item)] == '.'))
      g_hash_table_insert (to, g_strdup (key), g_strdup (value));
}

/* The rule for one place: mine's value when theirs did not change it or
 * both made the same change, theirs' when only theirs changed it, and a
 * conflict (mine kept) when both changed it differently. */
static void
decide (GHashTable *expected,
        GHashTable *conflicts,
        const char *place,
        const char *b,
        const char *m,
        const char *t)
{
  const char *value;

  if (g_strcmp0 (m, t) == 0 || g_strcmp0 (b, t) == 0)
    value = m;
  else if (g_strcmp0 (b, m) == 0)
    value = t;
  else
    {
      g_hash_table_add (conflicts, g_strdup (place));
      value = m;
    }
  if (value != NULL)
    g_hash_table_insert (expected, g_strdup (place), g_strdup (value));
}

static void
add_keys (GHashTable *to,
          GHashTable *from)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (to, key);
}

/* What the merged document must hold, place by place, and where the
 * conflicts must be, from the rules alone. */
static GHashTable *
expect (GHashTable *b,
        GHashTable *m,
        GHashTable *t,
        GHashTable *conflicts)
{
  GHashTable *expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) all = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  add_keys (all, b);
  add_keys (all, m);
  add_keys (all, t);
  g_hash_table_iter_init (&iter, all);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      char *item = item_of (key);

      if (item != NULL)
        g_hash_table_add (items, item);
      else
        decide (expected, conflicts, key, g_hash_table_lookup (b, key),
                g_hash_table_lookup (m, key), g_hash_table_lookup (t, key));
    }

  g_hash_table_iter_init (&iter, items);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *item = key;
      gboolean in_b = g_hash_table_contains (b, item);
      gboolean in_m = g_hash_table_contains (m, item);
      gboolean in_t = g_hash_table_contains (t, item);
      g_autoptr(GHashTable) pb = item_places (b, item);
      g_autoptr(GHashTable) pm = item_places (m, item);
      g_autoptr(GHashTable) pt = item_places (t, item);

      if (in_b && in_m && in_t)
        {
          g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
          GHashTableIter f;
          gpointer field;

          g_hash_table_insert (expected, g_strdup (item), g_strdup ("1"));
          add_keys (fields, pb);
          add_keys (fields, pm);
          add_keys (fields, pt);
          g_hash_table_iter_init (&f, fields);
          while (g_hash_table_iter_next (&f, &field, NULL))
            {
              g_autofree char *place = g_strconcat (item, field, NULL);

              decide (expected, conflicts, place, g_hash_table_lookup (pb, field),
                      g_hash_table_lookup (pm, field), g_hash_table_lookup (pt, field));
            }
        }
      else if (in_b && in_m != in_t)
        {
          /* Deleted on one side: gone, unless the other side edited it. */
          if (!tables_equal (pb, in_m ? pm : pt))
            g_hash_table_add (conflicts, g_strdup (item));
          if (in_m && !tables_equal (pb, pm))
            copy_item (expected, m, item);
        }
      else if (!in_b)
        copy_item (expected, in_m ? m : t, item);
    }
  return expected;
}

/* ---- checking ---- */

typedef struct {
  Mode      mode;
  guint     seed;
  JsonNode *base;
  JsonNode *mine;
  JsonNode *theirs;
} Case;

static void G_GNUC_PRINTF (2, 3)
fail (Case       *c,
      const char *format,
      ...)
{
  g_autofree char *what = NULL;
  g_autofree char *base = json_to_string (c->base, FALSE);
  g_autofree char *mine = json_to_string (c->mine, FALSE);
  g_autofree char *theirs = json_to_string (c->theirs, FALSE);
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_test_message ("base: %s", base);
  g_test_message ("mine: %s", mine);
  g_test_message ("theirs: %s", theirs);
  g_error ("mode %s, seed %u (RTES_MERGE_SEED=%u): %s",
           c->mode == MODE_KEYS ? "keys" : "rule", c->seed, c->seed, what);
}

/* The place a conflict's path names, with the item found by its key in
 * the merged document or theirs. */
static char *
conflict_place (Case            *c,
                RtesMergeResult *result,
                const char      *path)
{
  const char *list = g_str_has_prefix (path, "contacts[") ? "contacts"
                     : g_str_has_prefix (path, "budget.lines[") ? "budget.lines" : NULL;
  const char *open;
  const char *close;
  g_autofree char *item_path = NULL;
  g_autofree char *id = NULL;
  JsonNode *item;

  if (list == NULL)
    return g_strdup (path);
  open = path + strlen (list);
  if (!g_str_has_prefix (open, "[key="))
    fail (c, "conflict path %s names an item without a key", path);
  close = strchr (open, ']');
  item_path = g_strndup (path, close + 1 - path);
  item = rtes_fiche_path_get (result->merged, item_path);
  if (item == NULL)
    item = rtes_fiche_path_get (result->theirs_keyed, item_path);
  if (item == NULL)
    fail (c, "conflict path %s names no item", path);
  id = identity (c->mode, g_str_equal (list, "contacts"), json_node_get_object (item));
  return g_strdup_printf ("%s<%s>%s", g_str_equal (list, "contacts") ? "contacts" : "lines", id, close + 1);
}

static char *
table_text (GHashTable *table,
            gboolean    with_values)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (lines, with_values ? g_strdup_printf ("%s=%s", (char *) key, (char *) value) : g_strdup (key));
  g_ptr_array_sort (lines, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n  ", (char **) lines->pdata);
}

/* Identities of the items of @list in @doc, in order. */
static GPtrArray *
order_of (Mode        mode,
          JsonNode   *doc,
          const char *list)
{
  JsonArray *array = json_node_get_array (rtes_fiche_path_get (doc, list));
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (ids, identity (mode, g_str_equal (list, "contacts"), json_array_get_object_element (array, i)));
  return ids;
}

static gboolean
contains (GPtrArray  *ids,
          const char *id)
{
  return g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL);
}

/* @a restricted to the ids also in @b, joined. */
static char *
restricted (GPtrArray *a,
            GPtrArray *b)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < a->len; i++)
    if (contains (b, g_ptr_array_index (a, i)))
      g_string_append_printf (out, "%s|", (char *) g_ptr_array_index (a, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
moved (GPtrArray *side,
       GPtrArray *base)
{
  g_autofree char *a = restricted (side, base);
  g_autofree char *b = restricted (base, side);

  return g_strcmp0 (a, b) != 0;
}

static void
check_order (Case            *c,
             RtesMergeResult *result,
             const char      *list)
{
  g_autoptr(GPtrArray) b = order_of (c->mode, c->base, list);
  g_autoptr(GPtrArray) m = order_of (c->mode, c->mine, list);
  g_autoptr(GPtrArray) t = order_of (c->mode, c->theirs, list);
  g_autoptr(GPtrArray) r = order_of (c->mode, result->merged, list);
  GPtrArray *source = moved (t, b) && !moved (m, b) ? t : m;
  g_autofree char *got = restricted (r, source);
  g_autofree char *want = restricted (source, r);

  if (g_strcmp0 (got, want) != 0)
    fail (c, "%s: order %s, wanted %s (from %s)", list, got, want, source == t ? "theirs" : "mine");
}

static void
check_identity (Case       *c,
                JsonNode   *base,
                JsonNode   *mine,
                JsonNode   *theirs,
                JsonNode   *want,
                const char *what)
{
  g_autoptr(RtesMergeResult) result = rtes_fiche_merge ("p", base, mine, theirs);

  if (result->conflicts->len != 0 || !json_node_equal (result->merged, want))
    {
      g_autofree char *got = json_to_string (result->merged, FALSE);

      fail (c, "%s is not x (%u conflicts): %s", what, result->conflicts->len, got);
    }
}

static void
check_case (Case *c)
{
  g_autoptr(RtesMergeResult) result = rtes_fiche_merge ("p", c->base, c->mine, c->theirs);
  g_autoptr(GHashTable) b = flatten (c->mode, c->base);
  g_autoptr(GHashTable) m = flatten (c->mode, c->mine);
  g_autoptr(GHashTable) t = flatten (c->mode, c->theirs);
  g_autoptr(GHashTable) r = flatten (c->mode, result->merged);
  g_autoptr(GHashTable) keyed = flatten (c->mode, result->theirs_keyed);
  g_autoptr(GHashTable) want_conflicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) got_conflicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) expected = expect (b, m, t, want_conflicts);

  for (guint i = 0; i < result->conflicts->len; i++)
    {
      RtesConflict *conflict = g_ptr_array_index (result->conflicts, i);

      g_hash_table_add (got_conflicts, conflict_place (c, result, conflict->path));
      if (!rtes_fiche_path_is_valid (conflict->path))
        fail (c, "conflict path %s does not parse", conflict->path);
    }
  if (!tables_equal (got_conflicts, want_conflicts)
      || g_hash_table_size (got_conflicts) != result->conflicts->len)
    {
      g_autofree char *got = table_text (got_conflicts, FALSE);
      g_autofree char *want = table_text (want_conflicts, FALSE);

      fail (c, "conflicts:\n  %s\nwanted:\n  %s", got, want);
    }
  if (!tables_equal (r, expected))
    {
      g_autofree char *got = table_text (r, TRUE);
      g_autofree char *want = table_text (expected, TRUE);

      fail (c, "merged:\n  %s\nwanted:\n  %s", got, want);
    }
  /* The next base is theirs, give or take keys. */
  if (!tables_equal (keyed, t))
    fail (c, "theirs_keyed is not theirs");
  check_order (c, result, "contacts");
  check_order (c, result, "budget.lines");

  check_identity (c, c->base, c->mine, c->mine, c->mine, "merge(base, mine, mine)");
  check_identity (c, c->base, c->base, c->mine, c->mine, "merge(base, base, mine)");
  check_identity (c, c->base, c->mine, c->base, c->mine, "merge(base, mine, base)");
  check_identity (c, c->base, c->base, c->theirs, c->theirs, "merge(base, base, theirs)");
  check_identity (c, NULL, c->theirs, c->theirs, c->theirs, "merge(none, theirs, theirs)");
}

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *value = g_getenv (name);

  return value != NULL && value[0] != '\0' ? (guint) strtoul (value, NULL, 10) : fallback;
}

static void
run_cases (Mode mode)
{
  guint one = env_uint ("RTES_MERGE_SEED", 0);
  guint n = one != 0 ? 1 : env_uint ("RTES_MERGE_CASES", DEFAULT_CASES);
  guint conflicts = 0;

  for (guint i = 0; i < n; i++)
    {
      Case c = { mode, one != 0 ? one : i + 1, NULL, NULL, NULL };
      Gen g = { g_rand_new_with_seed (c.seed), mode, 0 };
      g_autoptr(JsonNode) base = new_base (&g);
      g_autoptr(JsonNode) mine = edited (&g, base);
      g_autoptr(JsonNode) theirs = edited (&g, base);
      g_autoptr(RtesMergeResult) result = NULL;

      c.base = base;
      c.mine = mine;
      c.theirs = theirs;
      check_case (&c);
      result = rtes_fiche_merge ("p", base, mine, theirs);
      conflicts += result->conflicts->len > 0;
      g_rand_free (g.rand);
    }
  /* The generator must reach the interesting cases, or the test proves
   * little: some conflicts, and mostly clean merges. */
  g_test_message ("%u cases, %u with conflicts", n, conflicts);
  if (one == 0)
    {
      g_assert_cmpuint (conflicts, >, n / 20);
      g_assert_cmpuint (conflicts, <, n / 2);
    }
}

static void
test_keys (void)
{
  run_cases (MODE_KEYS);
}

static void
test_rule (void)
{
  run_cases (MODE_RULE);
}

int
main (int   argc,
      char *argv[])
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/model/merge/properties/keys", test_keys);
  g_test_add_func ("/model/merge/properties/rule", test_rule);
  return g_test_run ();
}
