/* rtes-json-writer.c: the canonical JSON text of the fiche format, and the
 * builder calls every writer of JSON makes
 *
 * Fiche libraries live in git and shared folders for years: a save that
 * changes nothing must change no byte, and a one-field edit must be a
 * one-line diff. So the text is written here, by rules that do not depend
 * on a json-glib version: the layout of JSON.stringify(doc, null, 2).
 * What it writes, rtes-json-reader.c reads back: valid UTF-8, integers in
 * the safe range, no infinity or NaN (written as null).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-json-writer.h"
#include "rtes-core-private.h"
#include "rtes-json-reader.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void write_node (GString *out, JsonNode *node, guint depth);

static void
indent (GString *out,
        guint    depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
write_string (GString    *out,
              const char *s)
{
  g_autofree char *valid = NULL;

  /* Every string comes from the strict reader, a text import that checks
   * its UTF-8, or GTK: invalid UTF-8 here is a bug. Say so loudly, and
   * still never write bytes that no reader would take back. */
  if (!g_utf8_validate (s, -1, NULL))
    {
      g_critical ("Invalid UTF-8 in a JSON string; written with U+FFFD in its place");
      s = valid = g_utf8_make_valid (s, -1);
    }
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);   /* UTF-8 as itself */
        }
    }
  g_string_append_c (out, '"');
}

/* The shortest decimal form that reads back as the same double. */
static void
write_double (GString *out,
              double   d)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (d))
    {
      g_string_append (out, "null");   /* JSON has no NaN or infinity */
      return;
    }
  if (d == floor (d) && fabs (d) < 9007199254740992.0)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) d);
      return;
    }
  for (int precision = 1; precision <= 17; precision++)
    {
      g_autofree char *format = g_strdup_printf ("%%.%dg", precision);

      g_ascii_formatd (buf, sizeof buf, format, d);
      if (g_ascii_strtod (buf, NULL) == d)
        break;
    }
  g_string_append (out, buf);
  /* 2^53 written "9007199254740992" would read as an integer beyond the
   * safe range, which the reader refuses; as "9007199254740992.0" it is
   * the double it is. */
  if (strpbrk (buf, ".e") == NULL)
    g_string_append (out, ".0");
}

static void
write_integer (GString *out,
               gint64   value)
{
  /* The reader refuses these (rtes-json-reader.h), and nothing that
   * stores a number lets one in: a bug. */
  if (value > RTES_JSON_MAX_SAFE_INTEGER || value < -RTES_JSON_MAX_SAFE_INTEGER)
    {
      g_critical ("Integer %" G_GINT64_FORMAT " is beyond the safe range of JSON; written as null",
                  value);
      g_string_append (out, "null");
      return;
    }
  g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
}

static void
write_value (GString  *out,
             JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    write_integer (out, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    write_double (out, json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (type == G_TYPE_STRING)
    write_string (out, json_node_get_string (node));
  else
    g_string_append (out, "null");
}

static void
write_object (GString    *out,
              JsonObject *object,
              guint       depth)
{
  g_autoptr(GList) members = json_object_get_members (object);

  if (members == NULL)
    {
      g_string_append (out, "{}");
      return;
    }
  g_string_append (out, "{\n");
  for (GList *l = members; l != NULL; l = l->next)
    {
      indent (out, depth + 1);
      write_string (out, l->data);
      g_string_append (out, ": ");
      write_node (out, json_object_get_member (object, l->data), depth + 1);
      g_string_append (out, l->next ? ",\n" : "\n");
    }
  indent (out, depth);
  g_string_append_c (out, '}');
}

static void
write_array (GString   *out,
             JsonArray *array,
             guint      depth)
{
  guint n = json_array_get_length (array);

  if (n == 0)
    {
      g_string_append (out, "[]");
      return;
    }
  g_string_append (out, "[\n");
  for (guint i = 0; i < n; i++)
    {
      indent (out, depth + 1);
      write_node (out, json_array_get_element (array, i), depth + 1);
      g_string_append (out, i + 1 < n ? ",\n" : "\n");
    }
  indent (out, depth);
  g_string_append_c (out, ']');
}

static void
write_node (GString  *out,
            JsonNode *node,
            guint     depth)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT: write_object (out, json_node_get_object (node), depth); break;
    case JSON_NODE_ARRAY: write_array (out, json_node_get_array (node), depth); break;
    case JSON_NODE_VALUE: write_value (out, node); break;
    case JSON_NODE_NULL: g_string_append (out, "null"); break;
    default: g_assert_not_reached ();
    }
}

char *
rtes_json_to_canonical (JsonNode *node,
                        gsize    *length)
{
  GString *out = g_string_sized_new (4096);

  write_node (out, node, 0);
  g_string_append_c (out, '\n');
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/* json_node_copy() shares the objects and arrays of the node it copies;
 * an edit of the copy's unknown members must not reach the original. */
JsonNode *
rtes_json_node_deep_copy (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        g_autoptr(JsonObject) copy = rtes_json_object_copy (json_node_get_object (node));

        return json_node_init_object (json_node_alloc (), copy);
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        g_autoptr(JsonArray) copy = json_array_sized_new (json_array_get_length (array));

        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (copy, rtes_json_node_deep_copy (json_array_get_element (array, i)));
        return json_node_init_array (json_node_alloc (), copy);
      }
    default:
      return json_node_copy (node);
    }
}

JsonObject *
rtes_json_object_copy (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (copy, l->data,
                            rtes_json_node_deep_copy (json_object_get_member (object, l->data)));
  return copy;
}

gboolean
rtes_json_object_equal (JsonObject *a,
                        JsonObject *b)
{
  g_autoptr(JsonNode) na = json_node_init_object (json_node_alloc (), a);
  g_autoptr(JsonNode) nb = json_node_init_object (json_node_alloc (), b);

  return json_node_equal (na, nb);
}

void
rtes_json_builder_add_string (JsonBuilder *builder,
                              const char  *member,
                              const char  *value)
{
  json_builder_add_string_value (json_builder_set_member_name (builder, member), value);
}

void
rtes_json_builder_add_int (JsonBuilder *builder,
                           const char  *member,
                           gint64       value)
{
  json_builder_add_int_value (json_builder_set_member_name (builder, member), value);
}
