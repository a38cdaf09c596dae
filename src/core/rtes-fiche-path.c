/* rtes-fiche-path.c: naming a place in a fiche document
 *
 * A path is parsed into steps (a member, an item by key, an item by
 * position) and walked over the JSON tree. Writing checks every step
 * before it changes anything, so that a path that does not fit leaves
 * the document as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rtes-fiche.h"
#include "rtes-fiche-path.h"
#include "rtes-json-reader.h"
#include "rtes-text.h"

typedef enum {
  STEP_MEMBER,
  STEP_KEY,
  STEP_INDEX,
} StepKind;

typedef struct {
  StepKind  kind;
  char     *name;    /* member name or item key */
  guint     index;
} Step;

static void
step_clear (Step *step)
{
  g_free (step->name);
}

static gboolean
is_bare_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-';
}

static gboolean
is_bare_name (const char *name)
{
  if (name == NULL || name[0] == '\0')
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!is_bare_char (*p))
      return FALSE;
  return TRUE;
}

/* ---- building ---- */

char *
rtes_fiche_path_member (const char *prefix,
                        const char *member)
{
  GString *path = g_string_new (prefix);

  g_return_val_if_fail (member != NULL, NULL);
  if (is_bare_name (member))
    {
      if (prefix != NULL && prefix[0] != '\0')
        g_string_append_c (path, '.');
      g_string_append (path, member);
      return g_string_free (path, FALSE);
    }
  /* Only the quote and the backslash need escaping: the parser reads
   * everything else up to the closing quote as it is. */
  g_string_append (path, "[\"");
  for (const char *p = member; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (path, '\\');
      g_string_append_c (path, *p);
    }
  g_string_append (path, "\"]");
  return g_string_free (path, FALSE);
}

char *
rtes_fiche_path_key (const char *prefix,
                     const char *key)
{
  g_return_val_if_fail (rtes_item_key_is_valid (key), NULL);
  return g_strdup_printf ("%s[key=%s]", prefix != NULL ? prefix : "", key);
}

char *
rtes_fiche_path_index (const char *prefix,
                       guint       index)
{
  return g_strdup_printf ("%s[%u]", prefix != NULL ? prefix : "", index);
}

/* ---- parsing ---- */

/* Reads `"…"]` at @p (just after the '['); returns the end or NULL. */
static const char *
parse_quoted (const char *p,
              char      **name)
{
  GString *out = g_string_new (NULL);

  for (p++; *p != '\0' && *p != '"'; p++)
    {
      if (*p == '\\')
        {
          p++;
          if (*p != '"' && *p != '\\')
            break;
        }
      g_string_append_c (out, *p);
    }
  if (*p != '"' || p[1] != ']')
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  *name = g_string_free (out, FALSE);
  return p + 2;
}

/* Reads the inside of `[…]` at @p (just after the '['). */
static const char *
parse_bracket (const char *p,
               Step       *step)
{
  const char *end;

  if (*p == '"')
    {
      step->kind = STEP_MEMBER;
      return parse_quoted (p, &step->name);
    }
  end = strchr (p, ']');
  if (end == NULL)
    return NULL;
  if (g_str_has_prefix (p, "key="))
    {
      step->kind = STEP_KEY;
      step->name = g_strndup (p + 4, end - (p + 4));
      return rtes_item_key_is_valid (step->name) ? end + 1 : NULL;
    }
  step->kind = STEP_INDEX;
  if (end == p || end - p > 9)
    return NULL;
  for (const char *q = p; q < end; q++)
    if (!g_ascii_isdigit (*q))
      return NULL;
  step->index = (guint) g_ascii_strtoull (p, NULL, 10);
  return end + 1;
}

static GArray *
parse (const char *path)
{
  g_autoptr(GArray) steps = g_array_new (FALSE, TRUE, sizeof (Step));
  const char *p = path;

  g_array_set_clear_func (steps, (GDestroyNotify) step_clear);
  if (path == NULL || *path == '\0')
    return NULL;
  while (*p != '\0')
    {
      Step step = { 0 };

      if (*p == '[')
        p = parse_bracket (p + 1, &step);
      else
        {
          const char *start = p;

          /* A member after the first step is introduced by a dot. */
          if (steps->len > 0 && *p++ != '.')
            return NULL;
          start = p;
          while (is_bare_char (*p))
            p++;
          if (p == start)
            return NULL;
          step.kind = STEP_MEMBER;
          step.name = g_strndup (start, p - start);
        }
      /* An item cannot start a path: the document is an object. */
      if (p == NULL || (steps->len == 0 && step.kind != STEP_MEMBER))
        {
          step_clear (&step);
          return NULL;
        }
      g_array_append_val (steps, step);
    }
  return g_steal_pointer (&steps);
}

gboolean
rtes_fiche_path_is_valid (const char *path)
{
  g_autoptr(GArray) steps = parse (path);

  return steps != NULL;
}

const char *
rtes_fiche_path_last_member (const char *path)
{
  const char *dot = strrchr (path, '.');
  const char *bracket = strrchr (path, ']');

  if (bracket != NULL && (dot == NULL || bracket > dot))
    return "";
  return dot != NULL ? dot + 1 : path;
}

/* ---- walking ---- */

static int
find_key (JsonArray  *array,
          const char *key)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      if (g_strcmp0 (rtes_json_get_string_member (json_node_get_object (element), "key"), key) == 0)
        return (int) i;
    }
  return -1;
}

/* One step down from @node; NULL when absent or of the wrong type. */
static JsonNode *
step_into (JsonNode   *node,
           const Step *step)
{
  if (node == NULL)
    return NULL;
  if (step->kind == STEP_MEMBER)
    return rtes_json_get_member (rtes_json_get_object (node), step->name);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  if (step->kind == STEP_KEY)
    {
      int i = find_key (json_node_get_array (node), step->name);

      return i >= 0 ? json_array_get_element (json_node_get_array (node), i) : NULL;
    }
  return step->index < json_array_get_length (json_node_get_array (node))
         ? json_array_get_element (json_node_get_array (node), step->index) : NULL;
}

JsonNode *
rtes_fiche_path_get (JsonNode   *document,
                     const char *path)
{
  g_autoptr(GArray) steps = parse (path);
  JsonNode *node = document;

  if (steps == NULL)
    return NULL;
  for (guint i = 0; i < steps->len && node != NULL; i++)
    node = step_into (node, &g_array_index (steps, Step, i));
  return node;
}

/* ---- writing ---- */

/* @value with "key" set to @key, first, as the fiche writer places it. */
static JsonNode *
keyed_item (JsonNode   *value,
            const char *key)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonObject *from = json_node_get_object (value);
  g_autoptr(GList) members = json_object_get_members (from);

  json_object_set_string_member (object, "key", key);
  for (GList *l = members; l != NULL; l = l->next)
    if (g_strcmp0 (l->data, "key") != 0)
      json_object_set_member (object, l->data, json_node_copy (json_object_get_member (from, l->data)));
  return json_node_init_object (json_node_alloc (), object);
}

/* json-glib can append to an array or remove from it, not replace an
 * element in place: the array is rebuilt, in the same node. */
static void
array_replace (JsonNode *array_node,
               int       index,
               JsonNode *value)
{
  JsonArray *array = json_node_get_array (array_node);
  g_autoptr(JsonArray) rebuilt = json_array_new ();
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      if ((int) i == index)
        {
          if (value != NULL)
            json_array_add_element (rebuilt, json_node_copy (value));
          continue;
        }
      json_array_add_element (rebuilt, json_node_copy (json_array_get_element (array, i)));
    }
  if (index < 0 && value != NULL)
    json_array_add_element (rebuilt, json_node_copy (value));
  json_node_set_array (array_node, rebuilt);
}

static gboolean
path_error (GError     **error,
            int          code,
            const char  *path,
            const char  *what)
{
  g_set_error (error, RTES_FICHE_ERROR, code, "%s: %s", path, what);
  return FALSE;
}

gboolean
rtes_fiche_path_set (JsonNode    *document,
                     const char  *path,
                     JsonNode    *value,
                     GError     **error)
{
  g_autoptr(GArray) steps = parse (path);
  JsonNode *parent = document;
  const Step *last;

  if (steps == NULL)
    return path_error (error, RTES_FICHE_ERROR_TYPE, path ? path : "", _("not a valid path"));
  for (guint i = 0; i + 1 < steps->len; i++)
    {
      parent = step_into (parent, &g_array_index (steps, Step, i));
      if (parent == NULL)
        return path_error (error, RTES_FICHE_ERROR_MISSING, path, _("no such place in the fiche"));
    }

  last = &g_array_index (steps, Step, steps->len - 1);
  if (last->kind == STEP_MEMBER)
    {
      JsonObject *object;

      if (parent == NULL || !JSON_NODE_HOLDS_OBJECT (parent))
        return path_error (error, RTES_FICHE_ERROR_TYPE, path, _("expected an object"));
      object = json_node_get_object (parent);
      if (value != NULL)
        json_object_set_member (object, last->name, json_node_copy (value));
      else if (json_object_has_member (object, last->name))
        json_object_remove_member (object, last->name);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (parent))
    return path_error (error, RTES_FICHE_ERROR_TYPE, path, _("expected an array"));
  if (last->kind == STEP_INDEX)
    {
      if (last->index >= json_array_get_length (json_node_get_array (parent)))
        return path_error (error, RTES_FICHE_ERROR_MISSING, path, _("no such item"));
      array_replace (parent, (int) last->index, value);
      return TRUE;
    }
  if (value != NULL && !JSON_NODE_HOLDS_OBJECT (value))
    return path_error (error, RTES_FICHE_ERROR_TYPE, path, _("expected an object"));
  {
    g_autoptr(JsonNode) keyed = value != NULL ? keyed_item (value, last->name) : NULL;
    int index = find_key (json_node_get_array (parent), last->name);

    if (index >= 0 || keyed != NULL)
      array_replace (parent, index, keyed);
  }
  return TRUE;
}
