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
#include "rtes-budget-line.h"
#include "rtes-contact.h"
#include "rtes-fiche.h"
#include "rtes-json-reader.h"
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

/* In a form that is the address: its rows. */
static const Label address_field_labels[] = {
  { "lines", N_("Street") },
  { "postcode", N_("Postcode") },
  { "city", N_("City") },
  { "country", N_("Country") },
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
member_string (JsonObject *object,
               const char *member)
{
  const char *value = rtes_json_get_string (json_object_get_member (object, member));

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
  text = rtes_json_get_string (value);
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
  /* Blank lines before the text say nothing: start at its first word. */
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  const char *newline = strchr (stripped, '\n');
  g_autofree char *first = newline != NULL ? g_strndup (stripped, newline - stripped) : g_strdup (stripped);
  glong length;

  g_strstrip (first);
  length = g_utf8_strlen (first, -1);
  if (length > RTES_FICHE_DESCRIBE_MAX_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (first, 0, RTES_FICHE_DESCRIBE_MAX_CHARS - 1);

      return g_strconcat (g_strchomp (cut), "…", NULL);
    }
  if (newline != NULL)
    return g_strconcat (first, " …", NULL);
  return g_steal_pointer (&first);
}

/* The text as the style wants it: whole, or one line. */
static char *
finish (const char *text,
        gboolean    whole)
{
  g_autofree char *copy = NULL;

  if (!whole)
    return one_line (text);
  copy = g_strdup (text);
  return g_strdup (g_strstrip (copy));
}

static char *
number_text (const char *member,
             double      number)
{
  if (g_str_equal (member, "amount"))
    return rtes_french_euros (number);
  if (g_str_equal (member, "population"))
    return rtes_french_integer ((gint64) number);
  /* Years ("member_since", a budget line's "year") and other whole
   * numbers: no grouping, "2019" is not "2 019". */
  if (number == (double) (gint64) number)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) number);
  return rtes_french_amount (number);
}

/* The words the editor shows for a section and a contact's category, so
 * that a value reads the same in a form and in a preview. */
static const char *
section_text (const char *section)
{
  if (g_strcmp0 (section, RTES_SECTION_FONCTIONNEMENT) == 0)
    return _("Operating");
  if (g_strcmp0 (section, RTES_SECTION_INVESTISSEMENT) == 0)
    return _("Investment");
  return NULL;
}

static const char *
category_text (const char *category)
{
  if (g_strcmp0 (category, RTES_CONTACT_ELECTED) == 0)
    return C_("contact category", "Elected official");
  if (g_strcmp0 (category, RTES_CONTACT_STAFF) == 0)
    return C_("contact category", "Staff");
  if (category == NULL || *category == '\0')
    return C_("contact category", "Not specified");
  return NULL;
}

/* "Marie Dupont, Élue référente" for a contact, "29 000 €, 2022,
 * Operating, label" for a budget line: what tells one item from the
 * others. */
static char *
item_text (JsonObject *item,
           gboolean    contact)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *const contact_members[] = { "name", "role", "title", "email", "phone" };
  JsonNode *amount = json_object_get_member (item, "amount");
  JsonNode *year = json_object_get_member (item, "year");
  const char *section = member_string (item, "section");
  g_autofree char *joined = NULL;
  double number;

  if (contact)
    {
      for (guint i = 0; i < G_N_ELEMENTS (contact_members) && parts->len < 2; i++)
        if (*member_string (item, contact_members[i]) != '\0')
          g_ptr_array_add (parts, g_strdup (member_string (item, contact_members[i])));
    }
  else
    {
      if (rtes_json_get_number (amount, &number))
        g_ptr_array_add (parts, rtes_french_euros (number));
      if (rtes_json_get_number (year, &number))
        g_ptr_array_add (parts, g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) number));
      if (*section != '\0')
        g_ptr_array_add (parts, g_strdup (section_text (section) != NULL ? section_text (section) : section));
      if (*member_string (item, "label") != '\0')
        g_ptr_array_add (parts, g_strdup (member_string (item, "label")));
    }
  if (parts->len == 0)
    return g_strdup (contact ? _("a contact without a name") : _("a budget line without an amount"));
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (", ", (char **) parts->pdata);
  return one_line (joined);
}

static char *
address_text (JsonObject *address,
              gboolean    whole)
{
  g_autoptr(GString) text = g_string_new (NULL);
  JsonNode *lines = json_object_get_member (address, "lines");
  /* Whole, an address is written as on an envelope. */
  const char *separator = whole ? "\n" : ", ";

  if (lines != NULL && JSON_NODE_HOLDS_ARRAY (lines))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (lines)); i++)
      {
        const char *line = rtes_json_get_string (json_array_get_element (json_node_get_array (lines), i));

        if (line != NULL && *line != '\0')
          g_string_append_printf (text, "%s%s", line, separator);
      }
  g_string_append_printf (text, "%s %s", member_string (address, "postcode"), member_string (address, "city"));
  if (*member_string (address, "country") != '\0')
    g_string_append_printf (text, "%s%s", separator, member_string (address, "country"));
  return finish (text->str, whole);
}

/* An object this version does not know: its values that read as text, or
 * how many members it has. Never its JSON. */
static char *
object_text (JsonObject *object,
             gboolean    whole)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GList) members = json_object_get_members (object);
  g_autofree char *joined = NULL;
  guint n = json_object_get_size (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);
      const char *text = rtes_json_get_string (node);
      double number;

      if (text != NULL && *text != '\0')
        g_ptr_array_add (parts, g_strdup (text));
      else if (rtes_json_get_number (node, &number))
        g_ptr_array_add (parts, number_text (l->data, number));
    }
  if (parts->len == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u element", "%u elements", n), n);
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (", ", (char **) parts->pdata);
  return finish (joined, whole);
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
                   const char *text,
                   gboolean    whole)
{
  const RtesTerm *term = NULL;

  if (g_str_equal (member, "kind"))
    term = rtes_kind_lookup (text);
  else if (g_str_equal (member, "region"))
    term = rtes_region_lookup (text);
  if (term != NULL)
    return g_strdup (rtes_term_label (term));
  if (g_str_equal (member, "status"))
    return g_strdup (g_strcmp0 (text, RTES_STATUS_DRAFT) == 0 ? C_("fiche status", "Draft")
                                                               : C_("fiche status", "Published"));
  if (g_str_equal (member, "category") && category_text (text) != NULL)
    return g_strdup (category_text (text));
  if (g_str_equal (member, "section") && section_text (text) != NULL)
    return g_strdup (section_text (text));
  return finish (text, whole);
}

/* Address lines and tags are lists of words; contacts and budget lines
 * lists of items, one per line when whole. */
static char *
array_text (const char *path,
            JsonArray  *array,
            gboolean    whole)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gboolean tags = g_str_equal (path, "tags");
  gboolean contacts = g_str_equal (path, "contacts");
  gboolean lines = g_str_equal (rtes_fiche_path_last_member (path), "lines");
  g_autofree char *joined = NULL;
  guint n = json_array_get_length (array);
  const char *separator;

  if (n == 0)
    return g_strdup (_("(empty)"));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *text = rtes_json_get_string (element);

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
  if (tags)
    separator = ", ";
  else if (whole && (lines || contacts))
    separator = "\n";
  else
    separator = "; ";
  joined = g_strjoinv (separator, (char **) parts->pdata);
  return finish (joined, whole);
}

static char *
describe_value (const char *path,
                JsonNode   *value,
                gboolean    whole)
{
  const char *member;
  const char *text;
  double number;

  if (value == NULL)
    return g_strdup (_("(absent)"));
  if (JSON_NODE_HOLDS_NULL (value))
    return g_strdup (_("(empty)"));
  member = rtes_fiche_path_last_member (path);

  if (JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObject *object = json_node_get_object (value);

      if (g_str_equal (path, "address"))
        return address_text (object, whole);
      if (g_str_equal (path, "budget"))
        {
          JsonNode *lines = json_object_get_member (object, "lines");
          g_autofree char *budget = NULL;

          if (!whole || lines == NULL || !JSON_NODE_HOLDS_ARRAY (lines))
            return finish (member_string (object, "text"), whole);
          /* The text, then its amounts. */
          budget = array_text ("budget.lines", json_node_get_array (lines), TRUE);
          return g_strconcat (member_string (object, "text"), *member_string (object, "text") ? "\n" : "",
                              budget, NULL);
        }
      if (is_item_path (path, "contacts") || is_item_path (path, "budget.lines"))
        return item_text (object, is_item_path (path, "contacts"));
      return object_text (object, whole);
    }
  if (JSON_NODE_HOLDS_ARRAY (value))
    return array_text (path, json_node_get_array (value), whole);

  if (json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (value) ? _("yes") : _("no"));
  if (rtes_json_get_number (value, &number))
    return number_text (member, number);
  text = rtes_json_get_string (value);
  if (text == NULL)
    return g_strdup ("");
  if (rtes_fiche_value_is_empty (value))
    return g_strdup (_("(empty)"));
  if (g_str_equal (member, "updated"))
    {
      /* Dates as the staff write them: JJ/MM/AAAA. */
      char *french = rtes_french_date (text);

      if (french != NULL)
        return french;
    }
  return string_value_text (member, text, whole);
}

char *
rtes_fiche_describe_value (const char *path,
                           JsonNode   *value)
{
  g_return_val_if_fail (path != NULL, NULL);
  return describe_value (path, value, FALSE);
}

char *
rtes_fiche_describe_value_whole (const char *path,
                                 JsonNode   *value)
{
  g_return_val_if_fail (path != NULL, NULL);
  return describe_value (path, value, TRUE);
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

/* "téléphone" → "Téléphone": the labels of an item's members are written
 * to follow a name ("Contact “X”: phone"); a form row starts with one. */
static char *
capitalized (const char *label)
{
  gunichar first = g_utf8_get_char (label);
  char buffer[8] = { 0 };

  g_unichar_to_utf8 (g_unichar_totitle (first), buffer);
  return g_strconcat (buffer, g_utf8_next_char (label), NULL);
}

char *
rtes_fiche_describe_field (const char *path)
{
  const char *member = NULL;
  const char *label = NULL;
  g_autofree char *item = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if ((item = split_item (path, "contacts", &member)) != NULL && member != NULL)
    label = LABEL (contact_labels, member);
  else if (item == NULL && (item = split_item (path, "budget.lines", &member)) != NULL && member != NULL)
    label = LABEL (line_labels, member);
  else if (item != NULL)
    return rtes_fiche_describe_place (path, FALSE, NULL, NULL);
  else if (g_str_has_prefix (path, "address."))
    {
      member = path + strlen ("address.");
      label = LABEL (address_field_labels, member);
    }
  else
    return rtes_fiche_describe_place (path, FALSE, NULL, NULL);
  return capitalized (label != NULL ? label : member);
}
