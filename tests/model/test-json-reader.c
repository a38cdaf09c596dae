/* test-json-reader.c: the strict JSON reader, the writer's guarantees and
 * the safe file reader
 *
 * The accepted and refused documents follow the categories of Nicolas
 * Seriot's JSONTestSuite (y_: must accept, n_: must refuse, i_: the
 * implementation decides), written anew for this reader; the i_ cases
 * pin down what this one decides.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rtes-fiche-json.h"
#include "rtes-library.h"
#include "rtes-french.h"
#include "rtes-json-reader.h"
#include "rtes-json-writer.h"
#include "rtes-safe-file.h"
#include "rtes-test-util.h"

/* Parses exactly @length bytes from a copy with no NUL after them, so
 * that a read past the end shows under a sanitizer. */
static JsonNode *
parse_exact (const char          *text,
             gsize                length,
             RtesJsonKind         kind,
             RtesJsonPositions  **positions,
             GError             **error)
{
  g_autofree char *copy = g_malloc (length + 1);
  JsonNode *node;

  memcpy (copy, text, length);
  copy[length] = 'x';   /* not a NUL: the reader must stop at @length */
  node = rtes_json_parse (copy, length, kind, "t.json", positions, error);
  return node;
}

static JsonNode *
parse (const char  *text,
       GError     **error)
{
  return parse_exact (text, strlen (text), RTES_JSON_FICHE, NULL, error);
}

/* ---- y_: accepted, and read as json-glib reads them ---- */

static const char * const accepted[] = {
  "[]", "{}", "\"\"", "0", "-0", "1", "-1", "0.5", "-0.5", "1e3", "1E+3", "1e-3", "1.5e300",
  "true", "false", "null", " \t\r\n[ 1 , 2 ]\n ", "[[[]]]", "{\"a\":{\"b\":[{}]}}",
  "\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"", "\"\\u00e9\\u20AC\\uD83D\\uDE00\"", "\"é€😀\"",
  "9007199254740991", "-9007199254740991", "[1,\"a\",null,true,{\"k\":[false]}]",
  "{\"\":0}", "{\"a\":1,\"b\":2}", "\"\\u001f\"", "[1.0]", "[1e1]",
};

static void
test_accepted (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_test_message ("%s", accepted[i]);
      node = parse (accepted[i], &error);
      g_assert_no_error (error);
      g_assert_nonnull (node);
      /* The same tree as json-glib's, types included (int and double). */
      g_assert_true (json_parser_load_from_data (parser, accepted[i], -1, NULL));
      g_assert_true (json_node_equal (node, json_parser_get_root (parser)));
      g_assert_cmpint (json_node_get_value_type (node) == G_TYPE_INT64, ==,
                       json_node_get_value_type (json_parser_get_root (parser)) == G_TYPE_INT64);
    }
}

static void
test_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = parse ("{\"s\":\"a\\u00e9\\uD83D\\uDE00\\n\",\"i\":-42,\"d\":2.5,"
                                    "\"e\":1e2,\"z\":-0,\"t\":true,\"n\":null,\"a\":[3]}", &error);
  JsonObject *object;

  g_assert_no_error (error);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "s"), ==, "aé😀\n");
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (object, "i")), ==, G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (object, "i"), ==, -42);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (object, "d")), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_object_get_double_member (object, "d"), ==, 2.5);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (object, "e")), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_object_get_double_member (object, "e"), ==, 100);
  g_assert_cmpint (json_object_get_int_member (object, "z"), ==, 0);
  g_assert_true (json_object_get_boolean_member (object, "t"));
  g_assert_true (json_object_get_null_member (object, "n"));
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (object, "a"), 0), ==, 3);
}

/* Members keep the document's order: unknown members are written back
 * in it. */
static void
test_member_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = parse ("{\"z\":1,\"a\":2,\"m\":3}", &error);
  g_autoptr(GList) members = NULL;

  g_assert_no_error (error);
  members = json_object_get_members (json_node_get_object (node));
  g_assert_cmpstr (members->data, ==, "z");
  g_assert_cmpstr (members->next->data, ==, "a");
  g_assert_cmpstr (members->next->next->data, ==, "m");
}

/* ---- n_: refused, saying where ---- */

typedef struct {
  const char *json;
  const char *message;
} Refused;

static const Refused refused[] = {
  /* not JSON at all, or cut */
  { "[", "t.json:1:2: the document ends where a value was expected" },
  { "[1", "t.json:1:3: the document ends inside an array" },
  { "{\"a\":1", "t.json:1:7: the document ends inside an object" },
  { "{\"a\"", "t.json:1:5: the document ends inside an object" },
  { "\"abc", "t.json:1:1: the string is not closed" },
  { "\"ab\\", "t.json:1:1: the string is not closed" },
  { "[1] [2]", "t.json:1:5: text after the end of the document" },
  { "]", "t.json:1:1: expected a value" },
  { "{\"a\" 1}", "t.json:1:6: expected “:” after the member name" },
  { "{\"a\":1 \"b\":2}", "t.json:1:8: expected “,” or “}”" },
  { "[1 2]", "t.json:1:4: expected “,” or “]”" },
  { "{1:2}", "t.json:1:2: expected a member name in double quotes" },
  { "{a:2}", "t.json:1:2: expected a member name in double quotes" },
  /* json-glib's and JavaScript's extensions */
  { "[1,]", "t.json:1:4: a comma must be followed by another value" },
  { "{\"a\":1,}", "t.json:1:8: a comma must be followed by another value" },
  { "[,1]", "t.json:1:2: expected a value" },
  { "['a']", "t.json:1:2: strings are written in double quotes" },
  { "{'a':1}", "t.json:1:2: strings are written in double quotes" },
  { "// x\n[]", "t.json:1:1: JSON has no comments" },
  { "[1 /* x */]", "t.json:1:4: JSON has no comments" },
  { "[1] // x", "t.json:1:5: JSON has no comments" },
  { "[NaN]", "t.json:1:2: expected a value" },
  { "[Infinity]", "t.json:1:2: expected a value" },
  { "[undefined]", "t.json:1:2: expected a value" },
  { "[True]", "t.json:1:2: expected a value" },
  { "[nul]", "t.json:1:2: expected a value" },
  { "[truex]", "t.json:1:2: expected a value" },
  /* numbers */
  { "[0x10]", "t.json:1:2: not a valid number" },
  { "[012]", "t.json:1:2: a number cannot start with 0" },
  { "[-012]", "t.json:1:2: a number cannot start with 0" },
  { "[+1]", "t.json:1:2: expected a value" },
  { "[.5]", "t.json:1:2: expected a value" },
  { "[1.]", "t.json:1:2: not a valid number" },
  { "[1.e3]", "t.json:1:2: not a valid number" },
  { "[1e]", "t.json:1:2: not a valid number" },
  { "[1e+]", "t.json:1:2: not a valid number" },
  { "[-]", "t.json:1:2: not a valid number" },
  { "[1.2.3]", "t.json:1:2: not a valid number" },
  { "[2abc]", "t.json:1:2: not a valid number" },
  { "[9007199254740992]", "t.json:1:2: the integer is beyond ±9007199254740991" },
  { "[-9007199254740992]", "t.json:1:2: the integer is beyond ±9007199254740991" },
  { "[18446744073709551616]", "t.json:1:2: the integer is beyond ±9007199254740991" },
  { "[9223372036854775808]", "t.json:1:2: the integer is beyond ±9007199254740991" },
  { "[00000000000000000000001]", "t.json:1:2: a number cannot start with 0" },
  { "[1e999]", "t.json:1:2: the number is too large" },
  { "[-1e999]", "t.json:1:2: the number is too large" },
  /* strings */
  { "[\"a\\u0000b\"]", "t.json:1:4: a string cannot hold the character U+0000" },
  { "[\"\\ud800\"]", "t.json:1:3: \\uD800 is half of a surrogate pair, without its second half" },
  { "[\"\\ud800x\"]", "t.json:1:3: \\uD800 is half of a surrogate pair, without its second half" },
  { "[\"\\ud800\\u0041\"]", "t.json:1:3: \\uD800 is half of a surrogate pair, without its second half" },
  { "[\"\\ud800\\ud800\"]", "t.json:1:3: \\uD800 is half of a surrogate pair, without its second half" },
  { "[\"\\udfff\"]", "t.json:1:3: \\uDFFF is half of a surrogate pair, without its first half" },
  { "[\"\\u12\"]", "t.json:1:3: \\u must be followed by four hexadecimal digits" },
  { "[\"\\u12g4\"]", "t.json:1:3: \\u must be followed by four hexadecimal digits" },
  { "[\"\\x41\"]", "t.json:1:3: unknown escape in a string" },
  { "[\"\\'\"]", "t.json:1:3: unknown escape in a string" },
  { "[\"a\tb\"]", "t.json:1:4: a control character must be written as an escape (\\u0009) in a string" },
  { "[\"a\nb\"]", "t.json:1:4: a control character must be written as an escape (\\u000A) in a string" },
  /* bytes */
  { "[\"\xff\"]", "t.json:1:3: not valid UTF-8 text" },
  { "[\"\xc3\"]", "t.json:1:3: not valid UTF-8 text" },
  { "[\"\xed\xa0\x80\"]", "t.json:1:3: not valid UTF-8 text" },      /* a surrogate in UTF-8 */
  { "[\"\xc0\xaf\"]", "t.json:1:3: not valid UTF-8 text" },          /* overlong "/" */
  { "[\"\xf4\x90\x80\x80\"]", "t.json:1:3: not valid UTF-8 text" },  /* beyond U+10FFFF */
  { "\xef\xbb\xbf[]", "t.json:1:1: the document starts with a byte order mark" },
  /* members */
  { "{\"a\":1,\"a\":1}", "t.json:1:8: a: the member appears twice" },
  { "{\"a\":{\"b\":[0,{\"c\":1,\"c\":2}]}}", "t.json:1:21: a.b[1].c: the member appears twice" },
  /* where: lines, and columns in characters */
  { "{\n  \"é\": \"ü\",\n  \"x\": tru\n}", "t.json:3:8: expected a value" },
  { "[\"€€€\", 01]", "t.json:1:9: a number cannot start with 0" },
  { "\r\n\r\n  [1,,]", "t.json:3:6: expected a value" },
  /* empty */
  { "", "t.json: the document is empty" },
  { " \n\t\r ", "t.json: the document is empty" },
};

static void
test_refused (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;

      g_test_message ("%s", refused[i].json);
      node = parse (refused[i].json, &error);
      g_assert_null (node);
      g_assert_nonnull (error);
      g_assert_true (error->domain == RTES_JSON_ERROR);
      if (!g_str_has_prefix (error->message, refused[i].message))
        g_error ("case %u: “%s” does not start with “%s”", i, error->message, refused[i].message);
    }
}

/* A NUL byte is not text, and must not cut the document short. */
static void
test_nul_byte (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = parse_exact ("[\"a\0b\"]", 7, RTES_JSON_FICHE, NULL, &error);

  g_assert_null (node);
  g_assert_error (error, RTES_JSON_ERROR, RTES_JSON_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "t.json:1:4: not valid UTF-8 text");
}

/* ---- i_: what this reader decides ---- */

static void
test_implementation_defined (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) tiny = parse ("[1e-400]", &error);
  g_autoptr(JsonNode) nonchar = NULL;
  g_autoptr(JsonNode) scalar = NULL;

  /* Underflow reads as zero: finite, and what every reader does. */
  g_assert_no_error (error);
  g_assert_cmpfloat (json_array_get_double_element (json_node_get_array (tiny), 0), ==, 0);
  /* Noncharacters are characters: allowed, like any other. */
  nonchar = parse ("[\"\\uffff\xef\xbf\xbe\"]", &error);
  g_assert_no_error (error);
  /* A document may be a scalar (RFC 8259); readers of fiches then say
   * "expected an object". */
  scalar = parse ("\"fiche\"", &error);
  g_assert_no_error (error);
}

/* ---- limits ---- */

static GString *
nested (guint depth)
{
  GString *json = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (json, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (json, ']');
  return json;
}

static void
test_depth (void)
{
  g_autoptr(GString) ok = nested (RTES_JSON_MAX_DEPTH);
  g_autoptr(GString) deep = nested (RTES_JSON_MAX_DEPTH + 1);
  g_autoptr(GString) container = nested (RTES_JSON_CONTAINER_DEPTH);
  g_autoptr(GString) very_deep = rtes_test_deep_after_comment ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  node = parse_exact (ok->str, ok->len, RTES_JSON_FICHE, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&node, json_node_unref);

  node = parse_exact (deep->str, deep->len, RTES_JSON_FICHE, NULL, &error);
  g_assert_error (error, RTES_JSON_ERROR, RTES_JSON_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "t.json:1:65: nested more than 64 levels deep");
  g_clear_error (&error);

  /* A fiche that reads alone also reads inside an export or a state. */
  node = parse_exact (deep->str, deep->len, RTES_JSON_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&node, json_node_unref);
  node = parse_exact (container->str, container->len, RTES_JSON_STATE, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&node, json_node_unref);

  /* The parser counts, not a pre-scan that a comment can fool. */
  node = parse_exact (very_deep->str, very_deep->len, RTES_JSON_EXPORT, NULL, &error);
  g_assert_error (error, RTES_JSON_ERROR, RTES_JSON_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "t.json:1:2: JSON has no comments");
  g_clear_error (&error);
  g_string_overwrite (very_deep, 1, "     ");
  node = parse_exact (very_deep->str, very_deep->len, RTES_JSON_EXPORT, NULL, &error);
  g_assert_error (error, RTES_JSON_ERROR, RTES_JSON_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "t.json:1:78: nested more than 72 levels deep");
}

static void
test_size (void)
{
  gsize limit = rtes_json_kind_max_size (RTES_JSON_FICHE);
  g_autofree char *big = g_malloc (limit + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  /* Exactly the limit reads; one byte more does not. */
  memset (big, ' ', limit + 1);
  big[0] = '0';
  node = parse_exact (big, limit, RTES_JSON_FICHE, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&node, json_node_unref);
  node = parse_exact (big, limit + 1, RTES_JSON_FICHE, NULL, &error);
  g_assert_error (error, RTES_JSON_ERROR, RTES_JSON_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "t.json is too large: 1.0\u00a0MiB (1048577 bytes), over the limit of 1.0\u00a0MiB");
  g_clear_error (&error);

  g_assert_cmpuint (rtes_json_kind_max_size (RTES_JSON_ANSWER), <, rtes_json_kind_max_size (RTES_JSON_EXPORT));
  g_assert_cmpuint (rtes_json_kind_max_size (RTES_JSON_FICHE), <, rtes_json_kind_max_size (RTES_JSON_EXPORT));
  g_assert_cmpuint (rtes_json_kind_max_size (RTES_JSON_EXPORT), <, rtes_json_kind_max_size (RTES_JSON_JOURNAL));
}

/* ---- positions ---- */

static void
test_positions (void)
{
  const char *json = "{\n"
                     "  \"name\": \"Besançon\",\n"
                     "  \"contacts\": [{}, {\"email\": 42,\n"
                     "                 \"é\": [true]}],\n"
                     "\t\"x\": null}";
  g_autoptr(RtesJsonPositions) positions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = parse_exact (json, strlen (json), RTES_JSON_FICHE, &positions, &error);
  g_autofree char *name = NULL, *email = NULL, *accent = NULL, *element = NULL, *x = NULL;
  g_autofree char *root_position = NULL;
  g_autoptr(JsonNode) other = json_node_init_int (json_node_alloc (), 1);
  guint line, column;

  g_assert_no_error (error);
  name = rtes_json_positions_lookup (positions, root, "name");
  email = rtes_json_positions_lookup (positions, root, "contacts[1].email");
  accent = rtes_json_positions_lookup (positions, root, "contacts[1].é");
  element = rtes_json_positions_lookup (positions, root, "contacts[1].é[0]");
  x = rtes_json_positions_lookup (positions, root, "x");
  root_position = rtes_json_positions_lookup (positions, root, "");
  g_assert_cmpstr (name, ==, "2:11");
  g_assert_cmpstr (email, ==, "3:30");
  g_assert_cmpstr (accent, ==, "4:23");
  g_assert_cmpstr (element, ==, "4:24");
  g_assert_cmpstr (x, ==, "5:7");
  g_assert_cmpstr (root_position, ==, "1:1");
  g_assert_true (rtes_json_positions_find (positions, root, &line, &column));
  g_assert_cmpuint (line, ==, 1);
  g_assert_cmpuint (column, ==, 1);
  /* Unknown paths and nodes that were not parsed have no place. */
  g_assert_null (rtes_json_positions_lookup (positions, root, "contacts[2]"));
  g_assert_null (rtes_json_positions_lookup (positions, root, "name.first"));
  g_assert_false (rtes_json_positions_find (positions, other, &line, &column));
}

/* A type error in a fiche points at the value, in one parse. */
static void
test_fiche_type_error_position (void)
{
  const char *json = "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"a\",\"name\":\"Ä\",\n"
                     "  \"tags\": [\"x\", \"é\", {}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesFiche) fiche = rtes_fiche_new_from_data (json, -1, "a.json", &error);

  g_assert_null (fiche);
  g_assert_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_TYPE);
  g_assert_cmpstr (error->message, ==, "a.json:2:22: tags[2]: expected a string");
}

/* ---- the writer writes what the reader reads ---- */

static char *
write_node (JsonNode *node)
{
  return rtes_json_to_canonical (node, NULL);
}

static void
assert_reads_back (JsonNode *node)
{
  g_autofree char *text = write_node (node);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) back = parse (text, &error);

  g_assert_no_error (error);
  g_assert_true (json_node_equal (node, back));
}

static void
test_writer_round_trip (void)
{
  g_autoptr(JsonNode) strings = parse ("[\"\\u0001\\u001f\\\"\\\\/\\b\\f\\n\\r\\t\", \"é😀\\uffff\","
                                       " 9007199254740991, -9007199254740991, 0.1, -2.5e-300,"
                                       " 1.7976931348623157e308, {\"\\u0007\": [null]}]", NULL);
  g_autoptr(JsonNode) big = json_node_init_double (json_node_alloc (), 9007199254740992.0);
  g_autoptr(JsonNode) bigger = json_node_init_double (json_node_alloc (), 1e20);
  g_autofree char *big_text = NULL;

  g_assert_nonnull (strings);
  assert_reads_back (strings);
  /* 2^53 as a double: written so that it reads as the double it is. */
  big_text = write_node (big);
  g_assert_cmpstr (big_text, ==, "9007199254740992.0\n");
  assert_reads_back (big);
  assert_reads_back (bigger);
}

/* A string that is not UTF-8 or an integer beyond the safe range can
 * only come from a bug: said loudly, and still never written as is. */
static void
test_writer_refuses (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(JsonNode) bad_string = json_node_init_string (json_node_alloc (), "a\xff" "b");
      g_autoptr(JsonNode) bad_integer = json_node_init_int (json_node_alloc (), G_MAXINT64);
      g_autofree char *string_text = NULL;
      g_autofree char *integer_text = NULL;
      g_autoptr(JsonNode) back = NULL;

      g_log_set_always_fatal (G_LOG_FATAL_MASK);
      string_text = write_node (bad_string);
      integer_text = write_node (bad_integer);
      back = parse (string_text, NULL);
      g_assert_nonnull (back);
      g_assert_cmpstr (json_node_get_string (back), ==, "a\xef\xbf\xbd" "b");
      g_assert_cmpstr (integer_text, ==, "null\n");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*Invalid UTF-8 in a JSON string*");
  g_test_trap_assert_stderr ("*beyond the safe range of JSON*");
}

/* The model keeps out what could not be written back. */
static void
test_model_refuses_unstorable (void)
{
  gint64 value = 0;

  g_assert_true (rtes_french_parse_integer ("9 007 199 254 740 991", &value));
  g_assert_cmpint (value, ==, RTES_JSON_MAX_SAFE_INTEGER);
  g_assert_false (rtes_french_parse_integer ("9007199254740992", &value));
  g_assert_false (rtes_french_parse_integer ("-9223372036854775808", &value));
  g_assert_false (RTES_NUMBER_IS_STORABLE (G_MAXINT64));
  g_assert_true (RTES_NUMBER_IS_STORABLE (RTES_NO_NUMBER));
  g_assert_true (RTES_NUMBER_IS_STORABLE (-RTES_JSON_MAX_SAFE_INTEGER));
}

/* A fiche too large to read back is not saved. */
static void
test_save_too_large (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("json-too-large");
  g_autofree char *path = g_build_filename (dir, "big.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("big", "Big");
  g_autofree char *text = g_strnfill (RTES_JSON_MAX_FICHE_SIZE, 'x');
  g_autoptr(GError) error = NULL;

  g_autoptr(RtesLibrary) library = NULL;

  rtes_fiche_set_panorama (fiche, text);
  g_assert_false (rtes_fiche_save (fiche, file, &error));
  g_assert_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_TOO_LARGE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* The library's own saves refuse it too. */
  library = rtes_library_open (dir, &error);
  g_assert_no_error (error);
  g_assert_false (rtes_library_save (library, fiche, &error));
  g_assert_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_TOO_LARGE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (rtes_library_lookup (library, "big"));
  rtes_test_remove_tree (dir);
}

/* ---- the safe file reader ---- */

static void
test_safe_file (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("safe-file");
  g_autofree char *outside = rtes_test_write_file (dir, "outside.txt", "root:x:0:0:SECRET\n");
  g_autofree char *library = g_build_filename (dir, "library", NULL);
  g_autofree char *regular = rtes_test_write_file (library, "a.json", "[1]");
  g_autofree char *fifo = g_build_filename (library, "fifo.json", NULL);
  g_autofree char *link = g_build_filename (library, "link.json", NULL);
  g_autofree char *sub = g_build_filename (library, "sub", NULL);
  g_autofree char *linked_dir = g_build_filename (library, "linked", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  static const struct {
    const char *name;
    int         code;
  } unread[] = {
    { "missing.json", G_IO_ERROR_NOT_FOUND },
    { "fifo.json", G_IO_ERROR_NOT_REGULAR_FILE },                 /* does not block */
    { "link.json", G_IO_ERROR_TOO_MANY_LINKS },                   /* not followed, nor quoted */
    { "linked/outside.txt", G_IO_ERROR_TOO_MANY_LINKS },
    { "../outside.txt", G_IO_ERROR_INVALID_FILENAME },
    { "sub", G_IO_ERROR_IS_DIRECTORY },
  };

  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_cmpint (symlink (outside, link), ==, 0);
  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  g_assert_cmpint (symlink (dir, linked_dir), ==, 0);
  g_free (rtes_test_write_file (sub, "b.json", "{}"));

  bytes = rtes_safe_file_read (library, "a.json", 1024, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 3);
  /* NUL-terminated beyond its size, for callers that need a C string. */
  g_assert_cmpint (((const char *) g_bytes_get_data (bytes, NULL))[3], ==, '\0');
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = rtes_safe_file_read (library, "sub/b.json", 1024, &error);
  g_assert_no_error (error);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Exactly the limit reads; less does not. */
  bytes = rtes_safe_file_read_path (regular, 3, &error);
  g_assert_no_error (error);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = rtes_safe_file_read_path (regular, 2, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (unread); i++)
    {
      bytes = rtes_safe_file_read (library, unread[i].name, 1024, &error);
      g_assert_error (error, G_IO_ERROR, unread[i].code);
      g_assert_null (strstr (error->message, "SECRET"));
      g_clear_error (&error);
    }

  g_assert_cmpint (unlink (link), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", link), ==, 0);
  bytes = rtes_safe_file_read_path (link, 1024, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS);
  g_clear_error (&error);

  rtes_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/model/json-reader/accepted", test_accepted);
  g_test_add_func ("/model/json-reader/values", test_values);
  g_test_add_func ("/model/json-reader/member-order", test_member_order);
  g_test_add_func ("/model/json-reader/refused", test_refused);
  g_test_add_func ("/model/json-reader/nul-byte", test_nul_byte);
  g_test_add_func ("/model/json-reader/implementation-defined", test_implementation_defined);
  g_test_add_func ("/model/json-reader/depth", test_depth);
  g_test_add_func ("/model/json-reader/size", test_size);
  g_test_add_func ("/model/json-reader/positions", test_positions);
  g_test_add_func ("/model/json-reader/fiche-type-error", test_fiche_type_error_position);
  g_test_add_func ("/model/json-writer/round-trip", test_writer_round_trip);
  g_test_add_func ("/model/json-writer/refuses", test_writer_refuses);
  g_test_add_func ("/model/json-writer/model-refuses-unstorable", test_model_refuses_unstorable);
  g_test_add_func ("/model/json-writer/save-too-large", test_save_too_large);
  g_test_add_func ("/model/safe-file/read", test_safe_file);
  return g_test_run ();
}
