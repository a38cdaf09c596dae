/* test-fiche-describe.c: places and values of a fiche, in words
 *
 * The describer is what people read of a merge (the import preview, the
 * conflict views, the sync summary): amounts in euros, vocabulary by its
 * label, never JSON. Checked in English (the source strings) and, when the
 * build's catalogue is there, in French.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rtes-fiche-describe.h"
#include "rtes-fiche-json.h"
#include "rtes-test-util.h"

static char *
value (const char *path,
       const char *json)
{
  g_autoptr(JsonNode) node = rtes_test_parse_json (json);

  return rtes_fiche_describe_value (path, node);
}

#define ASSERT_VALUE(path, json, expected) \
  G_STMT_START { \
    g_autofree char *text_ = value (path, json); \
    g_assert_cmpstr (text_, ==, expected); \
  } G_STMT_END

static void
test_describe_numbers (void)
{
  /* Narrow no-break spaces: an amount never breaks across lines. */
  ASSERT_VALUE ("budget.lines[key=a1].amount", "29000", "29\u202f000\u202f€");
  ASSERT_VALUE ("budget.lines[2].amount", "6100000.5", "6\u202f100\u202f000,50\u202f€");
  ASSERT_VALUE ("population", "48200", "48\u202f200");
  /* Years are not numbers to group. */
  ASSERT_VALUE ("member_since", "2019", "2019");
  ASSERT_VALUE ("budget.lines[key=a1].year", "2024", "2024");
}

static void
test_describe_words (void)
{
  ASSERT_VALUE ("budget.lines[key=a1].section", "\"fonctionnement\"", "Operating");
  ASSERT_VALUE ("budget.lines[key=a1].section", "\"investissement\"", "Investment");
  ASSERT_VALUE ("budget.lines[key=a1].forecast", "true", "yes");
  ASSERT_VALUE ("contacts[key=c7].rtes_board", "false", "no");
  ASSERT_VALUE ("contacts[key=c7].category", "\"elected\"", "Elected official");
  ASSERT_VALUE ("contacts[key=c7].category", "\"staff\"", "Staff");
  ASSERT_VALUE ("status", "\"draft\"", "Draft");
  ASSERT_VALUE ("updated", "\"2024-03-07\"", "07/03/2024");
  ASSERT_VALUE ("name", "\"  \"", "(empty)");
  ASSERT_VALUE ("contacts[key=c7].phone", "null", "(empty)");
  {
    g_autofree char *absent = rtes_fiche_describe_value ("name", NULL);

    g_assert_cmpstr (absent, ==, "(absent)");
  }
}

static void
test_describe_items (void)
{
  ASSERT_VALUE ("contacts[key=c7]",
                "{\"key\":\"c7\",\"role\":\"Élue\",\"name\":\"Marie Dupont\",\"phone\":\"03 80 00 00 00\"}",
                "Marie Dupont, Élue");
  ASSERT_VALUE ("budget.lines[key=b2]",
                "{\"key\":\"b2\",\"amount\":29000,\"year\":2022,\"section\":\"fonctionnement\",\"label\":\"ESS\"}",
                "29\u202f000\u202f€, 2022, Operating, ESS");
  ASSERT_VALUE ("address",
                "{\"lines\":[\"40 avenue du Drapeau\"],\"postcode\":\"21000\",\"city\":\"Dijon\",\"country\":\"France\"}",
                "40 avenue du Drapeau, 21000 Dijon, France");
}

/* Text a person must read whole to choose keeps its lines; the preview's
 * one line is cut. */
static void
test_describe_whole (void)
{
  g_autoptr(JsonNode) text = rtes_test_parse_json ("\"Premier paragraphe.\\n\\nSecond paragraphe.\"");
  g_autoptr(JsonNode) address = rtes_test_parse_json ("{\"lines\":[\"Hôtel de ville\",\"CS 17510\"],\"postcode\":\"21075\",\"city\":\"Dijon Cedex\"}");
  g_autoptr(JsonNode) contacts = rtes_test_parse_json ("[{\"name\":\"Marie Dupont\"},{\"name\":\"Jean Roy\"}]");
  g_autoptr(GString) long_text = g_string_new ("\"");
  g_autoptr(JsonNode) long_node = NULL;
  g_autofree char *one = rtes_fiche_describe_value ("panorama", text);
  g_autofree char *whole = rtes_fiche_describe_value_whole ("panorama", text);
  g_autofree char *envelope = rtes_fiche_describe_value_whole ("address", address);
  g_autofree char *list = rtes_fiche_describe_value_whole ("contacts", contacts);
  g_autofree char *cut = NULL;
  g_autofree char *all = NULL;

  g_assert_cmpstr (one, ==, "Premier paragraphe. …");
  {
    /* Blank lines first: the line shown is the first with words. */
    g_autoptr(JsonNode) late = rtes_test_parse_json ("\"\\n\\nMis à jour sur le site.\"");
    g_autofree char *late_line = rtes_fiche_describe_value ("panorama", late);

    g_assert_cmpstr (late_line, ==, "Mis à jour sur le site.");
  }
  g_assert_cmpstr (whole, ==, "Premier paragraphe.\n\nSecond paragraphe.");
  g_assert_cmpstr (envelope, ==, "Hôtel de ville\nCS 17510\n21075 Dijon Cedex");
  g_assert_cmpstr (list, ==, "Marie Dupont\nJean Roy");

  for (guint i = 0; i < 40; i++)
    g_string_append (long_text, "mot ");
  g_string_append_c (long_text, '"');
  long_node = rtes_test_parse_json (long_text->str);
  cut = rtes_fiche_describe_value ("programme", long_node);
  all = rtes_fiche_describe_value_whole ("programme", long_node);
  g_assert_cmpint (g_utf8_strlen (cut, -1), ==, RTES_FICHE_DESCRIBE_MAX_CHARS);
  g_assert_true (g_str_has_suffix (cut, "…"));
  g_assert_cmpint (g_utf8_strlen (all, -1), ==, 40 * 4 - 1);
}

static void
test_describe_fields (void)
{
  struct {
    const char *path;
    const char *label;
  } cases[] = {
    { "contacts[key=c7].phone", "Phone" },
    { "contacts[key=c7].email", "E-mail" },
    { "budget.lines[key=b2].amount", "Amount" },
    { "budget.lines[3].section", "Section" },
    { "address.city", "City" },
    { "address.lines", "Street" },
    { "name", "Name" },
    { "population", "Population" },
    { "contacts[key=c7].nickname", "Nickname" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = rtes_fiche_describe_field (cases[i].path);

      g_assert_cmpstr (label, ==, cases[i].label);
    }
}

static gboolean
looks_like_json (const char *text)
{
  return strchr (text, '{') != NULL || strchr (text, '}') != NULL || strchr (text, '[') != NULL
         || strstr (text, "\":") != NULL || strstr (text, "\\n") != NULL;
}

/* Every place of a real fiche, and members this version does not know,
 * read as words. */
static void
test_describe_no_json (void)
{
  g_autofree char *path = rtes_test_source_path ("model", "fixtures", "communaute-urbaine-creusot-montceau.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesFiche) fiche = rtes_fiche_load (file, &error);
  g_autoptr(JsonNode) doc = NULL;
  g_autoptr(JsonNode) odd = rtes_test_parse_json ("{\"survey\":{\"year\":2021,\"by\":\"ORESS\"},\"scores\":[1,2],\"flags\":{}}");
  g_autoptr(GList) members = NULL;
  g_autoptr(GList) odd_members = json_object_get_members (json_node_get_object (odd));
  guint n = 0;

  g_assert_no_error (error);
  doc = rtes_fiche_to_json (fiche);
  members = json_object_get_members (json_node_get_object (doc));
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *member = json_object_get_member (json_node_get_object (doc), l->data);
      g_autofree char *one = rtes_fiche_describe_value (l->data, member);
      g_autofree char *whole = rtes_fiche_describe_value_whole (l->data, member);

      g_test_message ("%s: %s", (const char *) l->data, one);
      g_assert_false (looks_like_json (one));
      g_assert_false (looks_like_json (whole));
      n++;
    }
  g_assert_cmpuint (n, >=, 10);

  for (GList *l = odd_members; l != NULL; l = l->next)
    {
      JsonNode *member = json_object_get_member (json_node_get_object (odd), l->data);
      g_autofree char *one = rtes_fiche_describe_value (l->data, member);

      g_test_message ("%s: %s", (const char *) l->data, one);
      g_assert_false (looks_like_json (one));
    }
  {
    g_autofree char *survey = rtes_fiche_describe_value ("survey", json_object_get_member (json_node_get_object (odd), "survey"));

    g_assert_cmpstr (survey, ==, "2021, ORESS");
  }
}

static void
test_describe_french (void)
{
  const char *localedir = g_getenv ("RTES_TEST_LOCALEDIR");
  g_autofree char *mo = localedir ? g_build_filename (localedir, "fr", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL) : NULL;
  g_autofree char *section = NULL;
  g_autofree char *field = NULL;
  g_autofree char *board = NULL;

  if (mo == NULL || !g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the French catalogue is not built");
      return;
    }
  g_setenv ("LANGUAGE", "fr", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  section = value ("budget.lines[key=a1].section", "\"fonctionnement\"");
  field = rtes_fiche_describe_field ("contacts[key=c7].phone");
  board = value ("contacts[key=c7].rtes_board", "true");
  g_unsetenv ("LANGUAGE");

  g_assert_cmpstr (section, ==, "Fonctionnement");
  g_assert_cmpstr (field, ==, "Téléphone");
  g_assert_cmpstr (board, ==, "oui");
}

int
main (int   argc,
      char *argv[])
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/model/describe/numbers", test_describe_numbers);
  g_test_add_func ("/model/describe/words", test_describe_words);
  g_test_add_func ("/model/describe/items", test_describe_items);
  g_test_add_func ("/model/describe/whole", test_describe_whole);
  g_test_add_func ("/model/describe/fields", test_describe_fields);
  g_test_add_func ("/model/describe/no-json", test_describe_no_json);
  g_test_add_func ("/model/describe/french", test_describe_french);

  return g_test_run ();
}
