/* rtes-fiche-json.c: reading and writing fiche documents
 *
 * Every member is type-checked before it is read, and a wrong type is
 * reported with the member's path ("contacts[2].email") and the line and
 * column where its value starts (rtes-json-reader.c records them). Members this version does not
 * know are kept, in order, and written back after the known ones.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-fiche-json.h"
#include "rtes-atomic-file.h"
#include "rtes-core-private.h"
#include "rtes-json-writer.h"
#include "rtes-safe-file.h"
#include "rtes-text.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Reading                                                             */

typedef struct
{
  const char        *source;     /* the document: "dijon.json" */
  const char        *base;       /* the fiche's path in it: "fiches[3]", or NULL */
  const char        *place;      /* "fiches.json: fiches[3]", for messages with no member */
  RtesJsonPositions *positions;
} Reader;

/* @path inside the document: "fiches[3].contacts[2].email". */
static char *
full_path (Reader     *reader,
           const char *path)
{
  return reader->base ? g_strconcat (reader->base, ".", path, NULL) : g_strdup (path);
}

/* "<source>:<line>:<col>: <path>: expected a string" */
static gboolean
type_error (Reader      *reader,
            GError     **error,
            JsonNode    *node,
            const char  *path,
            const char  *expected)
{
  g_autofree char *full = full_path (reader, path);
  guint line, column;

  if (rtes_json_positions_find (reader->positions, node, &line, &column))
    g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_TYPE,
                 /* Translators: "file:line:col: path: expected a string" */
                 _("%s:%u:%u: %s: expected %s"), reader->source, line, column, full, expected);
  else
    g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_TYPE,
                 _("%s: %s: expected %s"), reader->source, full, expected);
  return FALSE;
}

static char *
join_path (const char *prefix,
           const char *member)
{
  return prefix ? g_strconcat (prefix, ".", member, NULL) : g_strdup (member);
}

/* The path is built only here, on failure: reading a library checks
 * every member of every fiche. */
static gboolean
member_type_error (Reader      *reader,
                   GError     **error,
                   JsonObject  *object,
                   const char  *prefix,
                   const char  *member,
                   const char  *expected)
{
  g_autofree char *path = join_path (prefix, member);

  return type_error (reader, error, json_object_get_member (object, member), path, expected);
}

static gboolean
element_type_error (Reader      *reader,
                    GError     **error,
                    JsonArray   *array,
                    const char  *array_path,
                    guint        index,
                    const char  *expected)
{
  g_autofree char *path = g_strdup_printf ("%s[%u]", array_path, index);

  return type_error (reader, error, json_array_get_element (array, index), path, expected);
}

static gboolean
is_boolean (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

/* Integers, and doubles with no fraction ("2001.0"): both are whole numbers
 * to a person, and only the first is canonical. */
static gboolean
get_integer (JsonNode *node,
             gint64   *out)
{
  double d;

  if (rtes_json_get_int (node, out))
    return TRUE;
  if (!rtes_json_get_number (node, &d) || d != floor (d) || fabs (d) >= 9007199254740992.0)
    return FALSE;
  *out = (gint64) d;
  return TRUE;
}

typedef enum {
  OPTIONAL,
  REQUIRED,
} Presence;

static gboolean
missing_error (Reader      *reader,
               GError     **error,
               const char  *prefix,
               const char  *member)
{
  g_autofree char *path = join_path (prefix, member);
  g_autofree char *full = full_path (reader, path);

  g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_MISSING,
               _("%s: %s: required member is missing"), reader->source, full);
  return FALSE;
}

/* Reads a string member into *out (not touched when absent and optional).
 * @nullable allows null, stored as NULL. */
static gboolean
read_string (Reader      *reader,
             JsonObject  *object,
             const char  *prefix,
             const char  *member,
             Presence     presence,
             gboolean     nullable,
             char       **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return presence == REQUIRED ? missing_error (reader, error, prefix, member) : TRUE;
  if (nullable && JSON_NODE_HOLDS_NULL (node))
    {
      g_clear_pointer (out, g_free);
      return TRUE;
    }
  if (rtes_json_get_string (node) == NULL)
    return member_type_error (reader, error, object, prefix, member,
                              nullable ? _("a string or null") : _("a string"));
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_nullable_integer (Reader      *reader,
                       JsonObject  *object,
                       const char  *prefix,
                       const char  *member,
                       gint64      *out,
                       GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = RTES_NO_NUMBER;
      return TRUE;
    }
  if (!get_integer (node, out))
    return member_type_error (reader, error, object, prefix, member, _("an integer or null"));
  return TRUE;
}

/* Reads an array of strings; absent gives an empty vector. */
static gboolean
read_string_array (Reader      *reader,
                   JsonObject  *object,
                   const char  *prefix,
                   const char  *member,
                   GStrv       *out,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL)
    {
      *out = g_strv_builder_end (builder);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return member_type_error (reader, error, object, prefix, member, _("an array of strings"));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (rtes_json_get_string (element) == NULL)
        {
          g_autofree char *path = join_path (prefix, member);

          return element_type_error (reader, error, array, path, i, _("a string"));
        }
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* Gets an optional object member; *out is NULL when absent. */
static gboolean
get_object_member (Reader      *reader,
                   JsonObject  *object,
                   const char  *member,
                   JsonObject **out,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return member_type_error (reader, error, object, NULL, member, _("an object"));
  *out = json_node_get_object (node);
  return TRUE;
}

/* Copies the members of @object not listed in @known into a new object. */
static JsonObject *
collect_extra (JsonObject         *object,
               const char * const *known)
{
  JsonObject *extra = json_object_new ();
  g_autoptr(GList) members = NULL;

  if (object == NULL)
    return extra;
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      json_object_set_member (extra, l->data,
                              rtes_json_node_deep_copy (json_object_get_member (object, l->data)));
  return extra;
}

static const char * const top_members[] = {
  "format", "version", "id", "name", "status", "kind", "region", "population",
  "population_note", "member_since", "updated", "address", "panorama", "budget",
  "programme", "actions", "contacts", "tags", NULL
};
static const char * const address_members[] = { "lines", "postcode", "city", "country", NULL };
static const char * const budget_members[] = { "text", "lines", NULL };
static const char * const line_members[] = { "key", "amount", "section", "year", "forecast", "label", NULL };
static const char * const contact_members[] = {
  "key", "role", "category", "name", "title", "service", "email", "phone", "rtes_board", NULL
};

static gboolean
check_format_and_version (Reader      *reader,
                          JsonObject  *root,
                          GError     **error)
{
  const char *format = rtes_json_get_string_member (root, "format");
  JsonNode *version = json_object_get_member (root, "version");
  gint64 v;

  if (g_strcmp0 (format, RTES_FICHE_FORMAT) != 0)
    {
      g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_FORMAT,
                   _("%s: not a fiche document (\"format\" must be \"%s\")"),
                   reader->place, RTES_FICHE_FORMAT);
      return FALSE;
    }
  if (version == NULL)
    return missing_error (reader, error, NULL, "version");
  if (!get_integer (version, &v))
    return member_type_error (reader, error, root, NULL, "version", _("an integer"));
  if (v > RTES_FICHE_VERSION)
    {
      g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_NEWER_VERSION,
                   _("%s: written by a newer version of Fiches RTES (format version %lld; "
                     "this version reads version %d). "
                     "The file was left untouched: update Fiches RTES to edit it."),
                   reader->place, (long long) v, RTES_FICHE_VERSION);
      return FALSE;
    }
  if (v < 1)
    {
      g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_FORMAT,
                   _("%s: unknown format version %lld"), reader->place, (long long) v);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_identity (Reader      *reader,
               RtesFiche   *fiche,
               JsonObject  *root,
               gboolean     check_id,
               GError     **error)
{
  g_autofree char *id = NULL, *name = NULL, *status = NULL, *kind = NULL;
  g_autofree char *region = NULL, *note = NULL, *updated = NULL;
  gint64 population, member_since;

  if (!read_string (reader, root, NULL, "id", REQUIRED, FALSE, &id, error) ||
      !read_string (reader, root, NULL, "name", REQUIRED, FALSE, &name, error) ||
      !read_string (reader, root, NULL, "status", OPTIONAL, FALSE, &status, error) ||
      !read_string (reader, root, NULL, "kind", OPTIONAL, TRUE, &kind, error) ||
      !read_string (reader, root, NULL, "region", OPTIONAL, TRUE, &region, error) ||
      !read_nullable_integer (reader, root, NULL, "population", &population, error) ||
      !read_string (reader, root, NULL, "population_note", OPTIONAL, FALSE, &note, error) ||
      !read_nullable_integer (reader, root, NULL, "member_since", &member_since, error) ||
      !read_string (reader, root, NULL, "updated", OPTIONAL, TRUE, &updated, error))
    return FALSE;

  if (check_id && !rtes_id_is_valid (id))
    {
      g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_INVALID_ID,
                   _("%s: id \"%s\" is not valid: use lowercase letters, digits and "
                     "single dashes, at most %d characters"),
                   reader->place, id, RTES_ID_MAX_LENGTH);
      return FALSE;
    }

  rtes_fiche_set_id (fiche, id);
  rtes_fiche_set_name (fiche, name);
  rtes_fiche_set_status (fiche, status ? status : RTES_STATUS_PUBLISHED);
  rtes_fiche_set_kind (fiche, kind);
  rtes_fiche_set_region (fiche, region);
  rtes_fiche_set_population (fiche, population);
  rtes_fiche_set_population_note (fiche, note);
  rtes_fiche_set_member_since (fiche, member_since);
  rtes_fiche_set_updated (fiche, updated);
  return TRUE;
}

static gboolean
read_address (Reader      *reader,
              RtesFiche   *fiche,
              JsonObject  *root,
              JsonObject **extra,
              GError     **error)
{
  JsonObject *address;
  g_auto(GStrv) lines = NULL;
  g_autofree char *postcode = NULL, *city = NULL, *country = NULL;

  if (!get_object_member (reader, root, "address", &address, error))
    return FALSE;
  *extra = collect_extra (address, address_members);
  if (address == NULL)
    return TRUE;
  if (!read_string_array (reader, address, "address", "lines", &lines, error) ||
      !read_string (reader, address, "address", "postcode", OPTIONAL, FALSE, &postcode, error) ||
      !read_string (reader, address, "address", "city", OPTIONAL, FALSE, &city, error) ||
      !read_string (reader, address, "address", "country", OPTIONAL, FALSE, &country, error))
    return FALSE;
  rtes_fiche_set_address_lines (fiche, (const char * const *) lines);
  rtes_fiche_set_postcode (fiche, postcode);
  rtes_fiche_set_city (fiche, city);
  /* An address object without a country is in France, as on the site. */
  rtes_fiche_set_country (fiche, country ? country : "France");
  return TRUE;
}

/* An item's "key": absent or "" is none; anything else must be a valid
 * key, since merges and conflict paths name the item by it. */
static gboolean
read_item_key (Reader      *reader,
               JsonObject  *object,
               const char  *path,
               char       **out,
               GError     **error)
{
  if (!read_string (reader, object, path, "key", OPTIONAL, FALSE, out, error))
    return FALSE;
  if (*out != NULL && (*out)[0] != '\0' && !rtes_item_key_is_valid (*out))
    return member_type_error (reader, error, object, path, "key",
                              _("a key (1 to 64 letters, digits, “_” or “-”)"));
  return TRUE;
}

static gboolean
read_budget_line (Reader          *reader,
                  JsonArray       *array,
                  guint            index,
                  RtesBudgetLine **out,
                  GError         **error)
{
  JsonNode *node = json_array_get_element (array, index);
  g_autofree char *path = g_strdup_printf ("budget.lines[%u]", index);
  g_autoptr(RtesBudgetLine) line = rtes_budget_line_new ();
  g_autoptr(JsonObject) extra = NULL;
  g_autofree char *key = NULL, *section = NULL, *label = NULL;
  JsonObject *object;
  JsonNode *member;
  gint64 year = G_MININT64;
  double amount = 0;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return element_type_error (reader, error, array, "budget.lines", index, _("an object"));
  object = json_node_get_object (node);

  member = json_object_get_member (object, "amount");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member) && !rtes_json_get_number (member, &amount))
    return member_type_error (reader, error, object, path, "amount", _("a number"));
  if (!read_item_key (reader, object, path, &key, error) ||
      !read_string (reader, object, path, "section", OPTIONAL, TRUE, &section, error) ||
      !read_nullable_integer (reader, object, path, "year", &year, error) ||
      !read_string (reader, object, path, "label", OPTIONAL, FALSE, &label, error))
    return FALSE;
  member = json_object_get_member (object, "forecast");
  if (member != NULL && !is_boolean (member))
    return member_type_error (reader, error, object, path, "forecast", _("true or false"));
  if (year != RTES_NO_NUMBER && (year <= G_MININT || year > G_MAXINT))
    return member_type_error (reader, error, object, path, "year", _("a year"));

  rtes_budget_line_set_key (line, key);
  rtes_budget_line_set_amount (line, amount);
  rtes_budget_line_set_section (line, section);
  rtes_budget_line_set_year (line, year == RTES_NO_NUMBER ? RTES_BUDGET_NO_YEAR : (int) year);
  rtes_budget_line_set_forecast (line, member != NULL && json_node_get_boolean (member));
  rtes_budget_line_set_label (line, label);
  extra = collect_extra (object, line_members);
  rtes_budget_line_set_extra (line, extra);
  *out = g_steal_pointer (&line);
  return TRUE;
}

static gboolean
read_budget (Reader      *reader,
             RtesFiche   *fiche,
             JsonObject  *root,
             JsonObject **extra,
             GError     **error)
{
  JsonObject *budget;
  JsonNode *lines;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (!get_object_member (reader, root, "budget", &budget, error))
    return FALSE;
  *extra = collect_extra (budget, budget_members);
  if (budget == NULL)
    return TRUE;
  if (!read_string (reader, budget, "budget", "text", OPTIONAL, FALSE, &text, error))
    return FALSE;
  lines = json_object_get_member (budget, "lines");
  if (lines != NULL && !JSON_NODE_HOLDS_ARRAY (lines))
    return member_type_error (reader, error, budget, "budget", "lines", _("an array"));
  for (guint i = 0; lines != NULL && i < json_array_get_length (json_node_get_array (lines)); i++)
    {
      RtesBudgetLine *line = NULL;

      if (!read_budget_line (reader, json_node_get_array (lines), i, &line, error))
        return FALSE;
      g_ptr_array_add (items, line);
    }
  rtes_fiche_set_budget_text (fiche, text);
  rtes_fiche_replace_items (rtes_fiche_get_budget_lines (fiche), items);
  return TRUE;
}

static gboolean
read_contact (Reader       *reader,
              JsonArray    *array,
              guint         index,
              RtesContact **out,
              GError      **error)
{
  JsonNode *node = json_array_get_element (array, index);
  g_autofree char *path = g_strdup_printf ("contacts[%u]", index);
  g_autoptr(RtesContact) contact = rtes_contact_new ();
  g_autoptr(JsonObject) extra = NULL;
  g_autofree char *key = NULL;
  JsonObject *object;
  JsonNode *board;
  static const char * const strings[] = {
    "role", "category", "name", "title", "service", "email", "phone"
  };

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return element_type_error (reader, error, array, "contacts", index, _("an object"));
  object = json_node_get_object (node);

  if (!read_item_key (reader, object, path, &key, error))
    return FALSE;
  rtes_contact_set_key (contact, key);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      g_autofree char *value = NULL;

      if (!read_string (reader, object, path, strings[i], OPTIONAL, FALSE, &value, error))
        return FALSE;
      g_object_set (contact, strings[i], value ? value : "", NULL);
    }
  board = json_object_get_member (object, "rtes_board");
  if (board != NULL && !is_boolean (board))
    return member_type_error (reader, error, object, path, "rtes_board", _("true or false"));
  rtes_contact_set_rtes_board (contact, board != NULL && json_node_get_boolean (board));
  extra = collect_extra (object, contact_members);
  rtes_contact_set_extra (contact, extra);
  *out = g_steal_pointer (&contact);
  return TRUE;
}

static gboolean
read_contacts (Reader      *reader,
               RtesFiche   *fiche,
               JsonObject  *root,
               GError     **error)
{
  JsonNode *node = json_object_get_member (root, "contacts");
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return member_type_error (reader, error, root, NULL, "contacts", _("an array"));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      RtesContact *contact = NULL;

      if (!read_contact (reader, array, i, &contact, error))
        return FALSE;
      g_ptr_array_add (items, contact);
    }
  rtes_fiche_replace_items (rtes_fiche_get_contacts (fiche), items);
  return TRUE;
}

static gboolean
read_texts (Reader      *reader,
            RtesFiche   *fiche,
            JsonObject  *root,
            GError     **error)
{
  g_autofree char *panorama = NULL, *programme = NULL, *actions = NULL;
  g_auto(GStrv) tags = NULL;

  if (!read_string (reader, root, NULL, "panorama", OPTIONAL, FALSE, &panorama, error) ||
      !read_string (reader, root, NULL, "programme", OPTIONAL, FALSE, &programme, error) ||
      !read_string (reader, root, NULL, "actions", OPTIONAL, FALSE, &actions, error) ||
      !read_string_array (reader, root, NULL, "tags", &tags, error))
    return FALSE;
  rtes_fiche_set_panorama (fiche, panorama);
  rtes_fiche_set_programme (fiche, programme);
  rtes_fiche_set_actions (fiche, actions);
  rtes_fiche_set_tags (fiche, (const char * const *) tags);
  return TRUE;
}

static gboolean
load_members (RtesFiche  *self,
              JsonNode   *node,
              Reader     *reader,
              gboolean    check_id,
              GError    **error)
{
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(JsonObject) address_extra = NULL;
  g_autoptr(JsonObject) budget_extra = NULL;
  JsonObject *root;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_FORMAT,
                   _("%s: not a fiche document (expected a JSON object)"), reader->place);
      return FALSE;
    }
  root = json_node_get_object (node);
  if (!check_format_and_version (reader, root, error) ||
      !read_identity (reader, self, root, check_id, error) ||
      !read_address (reader, self, root, &address_extra, error) ||
      !read_budget (reader, self, root, &budget_extra, error) ||
      !read_contacts (reader, self, root, error) ||
      !read_texts (reader, self, root, error))
    return FALSE;
  extra = collect_extra (root, top_members);
  rtes_fiche_replace_extras (self, extra, address_extra, budget_extra);
  return TRUE;
}

RtesFiche *
rtes_fiche_new_from_json_at (JsonNode           *node,
                             const char         *source,
                             const char         *path,
                             RtesJsonPositions  *positions,
                             GError            **error)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new (NULL, NULL);
  g_autofree char *place = path ? g_strdup_printf ("%s: %s", source, path) : g_strdup (source);
  Reader reader = { source, path, place, positions };

  if (!load_members (fiche, node, &reader, TRUE, error))
    return NULL;
  return g_steal_pointer (&fiche);
}

RtesFiche *
rtes_fiche_new_from_json (JsonNode           *node,
                          const char         *source,
                          RtesJsonPositions  *positions,
                          GError            **error)
{
  return rtes_fiche_new_from_json_at (node, source, NULL, positions, error);
}

static gpointer
read_fiche (JsonNode           *root,
            RtesJsonPositions  *positions,
            gpointer            source,
            GError            **error)
{
  return rtes_fiche_new_from_json (root, source, positions, error);
}

RtesFiche *
rtes_fiche_new_from_data (const char  *data,
                          gssize       length,
                          const char  *source,
                          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  RtesFiche *fiche = rtes_json_read (data, length, RTES_JSON_FICHE, source,
                                     read_fiche, (gpointer) source, &local_error);

  if (fiche != NULL)
    return fiche;
  /* To the fiche's callers, any JSON this reader refuses is not JSON. */
  if (local_error->domain == RTES_JSON_ERROR)
    {
      local_error->domain = RTES_FICHE_ERROR;
      local_error->code = RTES_FICHE_ERROR_PARSE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

RtesFiche *
rtes_fiche_load_at (int           dir_fd,
                    const char   *name,
                    const char   *path,
                    RtesFileKey  *key,
                    GError      **error)
{
  g_autofree char *expected = NULL;
  g_autoptr(GError) io_error = NULL;
  g_autoptr(RtesFiche) fiche = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (name != NULL && path != NULL, NULL);
  bytes = rtes_safe_file_read_at_keyed (dir_fd, name, path, RTES_JSON_MAX_FICHE_SIZE, key, &io_error);
  if (bytes == NULL)
    {
      g_set_error_literal (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_IO, io_error->message);
      return NULL;
    }
  fiche = rtes_fiche_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    path, error);
  if (fiche == NULL)
    return NULL;
  if (g_str_has_suffix (name, ".json"))
    {
      expected = g_strndup (name, strlen (name) - strlen (".json"));
      if (g_strcmp0 (expected, rtes_fiche_get_id (fiche)) != 0)
        {
          g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_INVALID_ID,
                       _("%s: id \"%s\" does not match the file name (expected \"%s\")"),
                       path, rtes_fiche_get_id (fiche), expected);
          return NULL;
        }
    }
  return g_steal_pointer (&fiche);
}

RtesFiche *
rtes_fiche_load (GFile   *file,
                 GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) io_error = NULL;
  RtesFiche *fiche;
  int dir_fd;

  g_return_val_if_fail (path != NULL, NULL);
  dir = g_path_get_dirname (path);
  name = g_path_get_basename (path);
  dir_fd = rtes_safe_dir_open (dir, NULL, &io_error);
  if (dir_fd < 0)
    {
      g_set_error_literal (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_IO, io_error->message);
      return NULL;
    }
  fiche = rtes_fiche_load_at (dir_fd, name, path, NULL, error);
  close (dir_fd);
  return fiche;
}

/* A copy goes through the document itself, so that it can never forget a
 * member added to the format later. */
RtesFiche *
rtes_fiche_copy (RtesFiche *self)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  const GError *load_error;
  Reader reader = { "copy", NULL, "copy", NULL };
  RtesFiche *copy;

  g_return_val_if_fail (RTES_IS_FICHE (self), NULL);
  copy = rtes_fiche_copy_listed (self);
  if (copy != NULL)
    return copy;
  node = rtes_fiche_to_json (self);
  load_error = rtes_fiche_get_load_error (self);
  copy = load_error ? rtes_fiche_new_broken (NULL, load_error) : rtes_fiche_new (NULL, NULL);
  if (!load_members (copy, node, &reader, FALSE, &error))
    g_critical ("Copying fiche %s: %s", rtes_fiche_get_id (self), error->message);
  return copy;
}

gboolean
rtes_fiche_equal (RtesFiche *a,
                  RtesFiche *b)
{
  g_autoptr(JsonNode) na = NULL;
  g_autoptr(JsonNode) nb = NULL;

  g_return_val_if_fail (RTES_IS_FICHE (a) && RTES_IS_FICHE (b), FALSE);
  na = rtes_fiche_to_json (a);
  nb = rtes_fiche_to_json (b);
  return json_node_equal (na, nb);
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */

static void
add_nullable_string (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  rtes_json_builder_add_string (builder, member, value ? value : "");
}

static void
add_nullable_int (JsonBuilder *builder,
                  const char  *member,
                  gint64       value,
                  gint64       none)
{
  json_builder_set_member_name (builder, member);
  if (value == none)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, value);
}

static void
add_strv (JsonBuilder        *builder,
          const char         *member,
          const char * const *values)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_extra (JsonBuilder *builder,
           JsonObject  *extra)
{
  g_autoptr(GList) members = json_object_get_members (extra);

  for (GList *l = members; l != NULL; l = l->next)
    {
      json_builder_set_member_name (builder, l->data);
      json_builder_add_value (builder, rtes_json_node_deep_copy (json_object_get_member (extra, l->data)));
    }
}

/* Only items that have a key get the member: files written before keys
 * existed, and items from the site's text export, keep their bytes. */
static void
add_item_key (JsonBuilder *builder,
              const char  *key)
{
  if (key != NULL && key[0] != '\0')
    add_string (builder, "key", key);
}

static void
add_amount (JsonBuilder *builder,
            double       amount)
{
  json_builder_set_member_name (builder, "amount");
  /* Whole euros are integers in the document, as a person writes them. */
  if (amount == floor (amount) && fabs (amount) < 9007199254740992.0)
    json_builder_add_int_value (builder, (gint64) amount);
  else
    json_builder_add_double_value (builder, amount);
}

static void
add_budget (JsonBuilder *builder,
            RtesFiche   *self)
{
  GListModel *lines = G_LIST_MODEL (rtes_fiche_get_budget_lines (self));

  json_builder_set_member_name (builder, "budget");
  json_builder_begin_object (builder);
  add_string (builder, "text", rtes_fiche_get_budget_text (self));
  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(RtesBudgetLine) line = g_list_model_get_item (lines, i);

      json_builder_begin_object (builder);
      add_item_key (builder, rtes_budget_line_get_key (line));
      add_amount (builder, rtes_budget_line_get_amount (line));
      add_nullable_string (builder, "section", rtes_budget_line_get_section (line));
      add_nullable_int (builder, "year", rtes_budget_line_get_year (line), RTES_BUDGET_NO_YEAR);
      json_builder_set_member_name (builder, "forecast");
      json_builder_add_boolean_value (builder, rtes_budget_line_get_forecast (line));
      add_string (builder, "label", rtes_budget_line_get_label (line));
      add_extra (builder, rtes_budget_line_get_extra (line));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  add_extra (builder, rtes_fiche_get_budget_extra (self));
  json_builder_end_object (builder);
}

static void
add_contacts (JsonBuilder *builder,
              RtesFiche   *self)
{
  GListModel *contacts = G_LIST_MODEL (rtes_fiche_get_contacts (self));

  json_builder_set_member_name (builder, "contacts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (contacts); i++)
    {
      g_autoptr(RtesContact) c = g_list_model_get_item (contacts, i);

      json_builder_begin_object (builder);
      add_item_key (builder, rtes_contact_get_key (c));
      add_string (builder, "role", rtes_contact_get_role (c));
      add_string (builder, "category", rtes_contact_get_category (c));
      add_string (builder, "name", rtes_contact_get_name (c));
      add_string (builder, "title", rtes_contact_get_title (c));
      add_string (builder, "service", rtes_contact_get_service (c));
      add_string (builder, "email", rtes_contact_get_email (c));
      add_string (builder, "phone", rtes_contact_get_phone (c));
      json_builder_set_member_name (builder, "rtes_board");
      json_builder_add_boolean_value (builder, rtes_contact_get_rtes_board (c));
      add_extra (builder, rtes_contact_get_extra (c));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_address (JsonBuilder *builder,
             RtesFiche   *self)
{
  json_builder_set_member_name (builder, "address");
  json_builder_begin_object (builder);
  add_strv (builder, "lines", rtes_fiche_get_address_lines (self));
  add_string (builder, "postcode", rtes_fiche_get_postcode (self));
  add_string (builder, "city", rtes_fiche_get_city (self));
  add_string (builder, "country", rtes_fiche_get_country (self));
  add_extra (builder, rtes_fiche_get_address_extra (self));
  json_builder_end_object (builder);
}

JsonNode *
rtes_fiche_to_json (RtesFiche *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (RTES_IS_FICHE (self), NULL);
  json_builder_begin_object (builder);
  add_string (builder, "format", RTES_FICHE_FORMAT);
  rtes_json_builder_add_int (builder, "version", RTES_FICHE_VERSION);
  add_string (builder, "id", rtes_fiche_get_id (self));
  add_string (builder, "name", rtes_fiche_get_name (self));
  add_string (builder, "status", rtes_fiche_get_status (self));
  add_nullable_string (builder, "kind", rtes_fiche_get_kind (self));
  add_nullable_string (builder, "region", rtes_fiche_get_region (self));
  add_nullable_int (builder, "population", rtes_fiche_get_population (self), RTES_NO_NUMBER);
  add_string (builder, "population_note", rtes_fiche_get_population_note (self));
  add_nullable_int (builder, "member_since", rtes_fiche_get_member_since (self), RTES_NO_NUMBER);
  add_nullable_string (builder, "updated", rtes_fiche_get_updated (self));
  add_address (builder, self);
  add_string (builder, "panorama", rtes_fiche_get_panorama (self));
  add_budget (builder, self);
  add_string (builder, "programme", rtes_fiche_get_programme (self));
  add_string (builder, "actions", rtes_fiche_get_actions (self));
  add_contacts (builder, self);
  add_strv (builder, "tags", rtes_fiche_get_tags (self));
  add_extra (builder, rtes_fiche_get_extra (self));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
rtes_fiche_to_data (RtesFiche *self,
                    gsize     *length)
{
  g_autoptr(JsonNode) node = rtes_fiche_to_json (self);

  return rtes_json_to_canonical (node, length);
}

static gboolean
check_size (gsize        length,
            const char  *source,
            GError     **error)
{
  g_autofree char *size = NULL;
  g_autofree char *max = NULL;

  if (length <= RTES_JSON_MAX_FICHE_SIZE)
    return TRUE;
  size = g_format_size_full (length, G_FORMAT_SIZE_IEC_UNITS | G_FORMAT_SIZE_LONG_FORMAT);
  max = g_format_size_full (RTES_JSON_MAX_FICHE_SIZE, G_FORMAT_SIZE_IEC_UNITS);
  g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_TOO_LARGE,
               _("%s: the fiche would take %s, more than the %s a fiche may hold; shorten its texts"),
               source, size, max);
  return FALSE;
}

gboolean
rtes_fiche_check_size (RtesFiche   *self,
                       const char  *source,
                       GError     **error)
{
  gsize length;
  g_autofree char *data = rtes_fiche_to_data (self, &length);

  return check_size (length, source, error);
}

gboolean
rtes_fiche_save (RtesFiche  *self,
                 GFile      *file,
                 GError    **error)
{
  g_autofree char *data = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) io_error = NULL;
  gsize length;

  g_return_val_if_fail (RTES_IS_FICHE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  data = rtes_fiche_to_data (self, &length);
  /* A file the next load would refuse is no save. */
  if (!check_size (length, path, error))
    return FALSE;
  if (!rtes_atomic_write (path, data, length, &io_error))
    {
      g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_IO, "%s", io_error->message);
      return FALSE;
    }
  return TRUE;
}
