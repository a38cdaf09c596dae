/* rtes-fiche-describe.c: places and values of a fiche, as people read them
 *
 * Paths have a small grammar (rtes-fiche-path.h) and the fiche format a
 * fixed set of members, so a table of labels and a few cases name every
 * place a merge can report. A member this version does not know keeps its
 * own name: better a technical word than nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rtes-fiche-describe.h"
#include "rtes-fiche-path.h"
#include "rtes-french.h"
#include "rtes-vocabulary.h"

typedef struct {
  const char *member;
  const char *label;
} Label;

static const Label top_labels[] = {
  { "name", N_("Name") },
  { "status", N_("Status") },
  { "kind", N_("Type of authority") },
  { "region", N_("Region") },
  { "population", N_("Population") },
  { "population_note", N_("Population note") },
  { "member_since", N_("Member since") },
  { "updated", N_("Last update") },
  { "address", N_("Address") },
  { "panorama", N_("ESS overview") },
  { "budget", N_("Budget") },
  { "programme", N_("Programme") },
  { "actions", N_("Actions supported") },
  { "contacts", N_("Contacts") },
  { "tags", N_("Tags") },
  { "import_notes", N_("Text kept from imports") },
};

static const Label address_labels[] = {
  { "lines", N_("Address: street") },
  { "postcode", N_("Address: postcode") },
  { "city", N_("Address: city") },
  { "country", N_("Address: country") },
};

static const Label budget_labels[] = {
  { "text", N_("Budget: text") },
  { "lines", N_("Budget lines") },
};

static const Label contact_labels[] = {
  { "role", N_("role") },
  { "category", N_("category") },
  { "name", N_("name") },
  { "title", N_("title") },
  { "service", N_("service") },
  { "email", N_("e-mail") },
  { "phone", N_("phone") },
  { "rtes_board", N_("RTES board member") },
};

static const Label line_labels[] = {
  { "amount", N_("amount") },
  { "section", N_("section") },
  { "year", N_("year") },
  { "forecast", N_("forecast") },
  { "label", N_("label") },
};

static const char *
find_label (const Label *labels,
            gsize        n,
            const char  *member)
{
  for (gsize i = 0; i < n; i++)
    if (g_strcmp0 (labels[i].member, member) == 0)
      return g_dgettext (GETTEXT_PACKAGE, labels[i].label);
  return NULL;
}

#define LABEL(table, member) find_label (table, G_N_ELEMENTS (table), member)

/* ---- values ---- */

static const char *
string_of (JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  const char *value = string_of (json_object_get_member (object, member));

  return value != NULL ? value : "";
}

gboolean
rtes_fiche_value_is_empty (JsonNode *value)
{
  const char *text;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return TRUE;
  if (JSON_NODE_HOLDS_ARRAY (value))
    return json_array_get_length (json_node_get_array (value)) == 0;
  if (JSON_NODE_HOLDS_OBJECT (value))
    return json_object_get_size (json_node_get_object (value)) == 0;
  if (json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    return !json_node_get_boolean (value);
  text = string_of (value);
  if (text == NULL)
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* One line of at most RTES_FICHE_DESCRIBE_MAX_CHARS characters. */
static char *
one_line (const char *text)
{
  const char *newline = strchr (text, '\n');
  g_autofree char *first = newline != NULL ? g_strndup (text, newline - text) : g_strdup (text);
  glong length = g_utf8_strlen (first, -1);

  g_strstrip (first);
  if (length > RTES_FICHE_DESCRIBE_MAX_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (first, 0, RTES_FICHE_DESCRIBE_MAX_CHARS - 1);

      return g_strconcat (g_strchomp (cut), "…", NULL);
    }
  if (newline != NULL)
    return g_strconcat (first, " …", NULL);
  return g_steal_pointer (&first);
}

static double
number_of (JsonNode *node)
{
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  return json_node_get_double (node);
}

static gboolean
is_number (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && (json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

/* "Marie Dupont" for a contact, "29 000 €, fonctionnement, 2022" for a
 * budget line: what tells one item from the others. */
static char *
item_text (JsonObject *item,
           gboolean    contact)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *const contact_members[] = { "name", "role", "title", "email", "phone" };
  const char *const line_members[] = { "section", "label" };
  JsonNode *amount = json_object_get_member (item, "amount");
  JsonNode *year = json_object_get_member (item, "year");
  g_autofree char *joined = NULL;

  if (contact)
    {
      for (guint i = 0; i < G_N_ELEMENTS (contact_members) && parts->len < 2; i++)
        if (*member_string (item, contact_members[i]) != '\0')
          g_ptr_array_add (parts, g_strdup (member_string (item, contact_members[i])));
    }
  else
    {
      if (is_number (amount))
        g_ptr_array_add (parts, rtes_french_euros (number_of (amount)));
      if (is_number (year))
        g_ptr_array_add (parts, g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) number_of (year)));
      for (guint i = 0; i < G_N_ELEMENTS (line_members); i++)
        if (*member_string (item, line_members[i]) != '\0')
          g_ptr_array_add (parts, g_strdup (member_string (item, line_members[i])));
    }
  if (parts->len == 0)
    return g_strdup (contact ? _("a contact without a name") : _("a budget line without an amount"));
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (", ", (char **) parts->pdata);
  return one_line (joined);
}

static char *
address_text (JsonObject *address)
{
  g_autoptr(GString) text = g_string_new (NULL);
  JsonNode *lines = json_object_get_member (address, "lines");

  if (lines != NULL && JSON_NODE_HOLDS_ARRAY (lines))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (lines)); i++)
      {
        const char *line = string_of (json_array_get_element (json_node_get_array (lines), i));

        if (line != NULL && *line != '\0')
          g_string_append_printf (text, "%s, ", line);
      }
  g_string_append_printf (text, "%s %s", member_string (address, "postcode"), member_string (address, "city"));
  if (*member_string (address, "country") != '\0')
    g_string_append_printf (text, ", %s", member_string (address, "country"));
  return one_line (g_strstrip (text->str));
}

/* The member a path ends with: "phone" for "contacts[key=x].phone". */
static const char *
last_member (const char *path)
{
  const char *dot = strrchr (path, '.');
  const char *bracket = strrchr (path, ']');

  if (bracket != NULL && (dot == NULL || bracket > dot))
    return "";
  return dot != NULL ? dot + 1 : path;
}

static gboolean
is_item_path (const char *path,
              const char *list)
{
  gsize n = strlen (list);

  return strncmp (path, list, n) == 0 && path[n] == '[';
}

static char *
string_value_text (const char *member,
                   const char *text)
{
  const RtesTerm *term = NULL;

  if (g_str_equal (member, "kind"))
    term = rtes_kind_lookup (text);
  else if (g_str_equal (member, "region"))
    term = rtes_region_lookup (text);
  if (term != NULL)
    return g_strdup (rtes_term_label (term));
  if (g_str_equal (member, "status"))
    return g_strdup (g_strcmp0 (text, "draft") == 0 ? _("Draft") : _("Published"));
  if (g_str_equal (member, "category"))
    return g_strdup (g_strcmp0 (text, "elected") == 0 ? _("Elected") : _("Staff"));
  return one_line (text);
}

static char *
array_text (const char *path,
            JsonArray  *array)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gboolean tags = g_str_equal (path, "tags");
  gboolean contacts = g_str_equal (path, "contacts");
  g_autofree char *joined = NULL;
  guint n = json_array_get_length (array);

  if (n == 0)
    return g_strdup (_("(empty)"));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *text = string_of (element);

      if (text != NULL)
        {
          const RtesTerm *term = tags ? rtes_tag_lookup (text) : NULL;

          g_ptr_array_add (parts, g_strdup (term != NULL ? rtes_term_label (term) : text));
        }
      else if (JSON_NODE_HOLDS_OBJECT (element))
        g_ptr_array_add (parts, item_text (json_node_get_object (element), contacts));
    }
  if (parts->len == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u element", "%u elements", n), n);
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (contacts || !tags ? "; " : ", ", (char **) parts->pdata);
  return one_line (joined);
}

char *
rtes_fiche_describe_value (const char *path,
                            JsonNode   *value)
{
  const char *member;
  const char *text;

  g_return_val_if_fail (path != NULL, NULL);

  if (value == NULL)
    return g_strdup (_("(absent)"));
  if (JSON_NODE_HOLDS_NULL (value))
    return g_strdup (_("(empty)"));
  member = last_member (path);

  if (JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObject *object = json_node_get_object (value);

      if (g_str_equal (path, "address"))
        return address_text (object);
      if (g_str_equal (path, "budget"))
        return one_line (member_string (object, "text"));
      return item_text (object, is_item_path (path, "contacts"));
    }
  if (JSON_NODE_HOLDS_ARRAY (value))
    return array_text (path, json_node_get_array (value));

  if (json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (value) ? _("yes") : _("no"));
  if (is_number (value))
    {
      if (g_str_equal (member, "amount"))
        return rtes_french_euros (number_of (value));
      if (g_str_equal (member, "population"))
        return rtes_french_integer ((gint64) number_of (value));
      return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) number_of (value));
    }
  text = string_of (value);
  if (text == NULL)
    return g_strdup ("");
  if (rtes_fiche_value_is_empty (value))
    return g_strdup (_("(empty)"));
  if (g_str_equal (member, "updated") && strlen (text) == 10 && text[4] == '-' && text[7] == '-')
    /* Dates as the staff write them: JJ/MM/AAAA. */
    return g_strdup_printf ("%.2s/%.2s/%.4s", text + 8, text + 5, text);
  return string_value_text (member, text);
}

/* ---- places ---- */

/* Splits "contacts[key=x].phone" into the item's path and "phone". */
static char *
split_item (const char  *path,
            const char  *list,
            const char **member)
{
  const char *close;

  if (!is_item_path (path, list))
    return NULL;
  close = strchr (path + strlen (list), ']');
  if (close == NULL)
    return NULL;
  *member = close[1] == '.' ? close + 2 : NULL;
  return g_strndup (path, close + 1 - path);
}

static char *
item_name (const char *item_path,
           gboolean    contact,
           JsonNode   *document,
           JsonNode   *other)
{
  JsonNode *item = document != NULL ? rtes_fiche_path_get (document, item_path) : NULL;

  if (item == NULL && other != NULL)
    item = rtes_fiche_path_get (other, item_path);
  if (item == NULL || !JSON_NODE_HOLDS_OBJECT (item))
    return g_strdup ("?");
  return item_text (json_node_get_object (item), contact);
}

static char *
describe_item (const char *path,
               const char *list,
               gboolean    contact,
               JsonNode   *document,
               JsonNode   *other)
{
  const char *member = NULL;
  g_autofree char *item_path = split_item (path, list, &member);
  g_autofree char *name = NULL;
  const char *member_label;

  if (item_path == NULL)
    return NULL;
  name = item_name (item_path, contact, document, other);
  if (member == NULL)
    return g_strdup_printf (contact ? _("Contact “%s”") : _("Budget line “%s”"), name);
  member_label = contact ? LABEL (contact_labels, member) : LABEL (line_labels, member);
  /* Translators: a member of a contact, "Contact “Marie Dupont”: phone" */
  return g_strdup_printf (contact ? _("Contact “%s”: %s") : _("Budget line “%s”: %s"),
                          name, member_label != NULL ? member_label : member);
}

char *
rtes_fiche_describe_place (const char *path,
                            gboolean    order,
                            JsonNode   *document,
                            JsonNode   *other)
{
  const char *label;
  char *item;

  g_return_val_if_fail (path != NULL, NULL);

  if (order && g_str_equal (path, "contacts"))
    return g_strdup (_("Order of the contacts"));
  if (order && g_str_equal (path, "budget.lines"))
    return g_strdup (_("Order of the budget lines"));
  if ((item = describe_item (path, "contacts", TRUE, document, other)) != NULL)
    return item;
  if ((item = describe_item (path, "budget.lines", FALSE, document, other)) != NULL)
    return item;
  if (g_str_has_prefix (path, "address."))
    label = LABEL (address_labels, path + strlen ("address."));
  else if (g_str_has_prefix (path, "budget."))
    label = LABEL (budget_labels, path + strlen ("budget."));
  else
    label = LABEL (top_labels, path);
  return g_strdup (label != NULL ? label : path);
}
