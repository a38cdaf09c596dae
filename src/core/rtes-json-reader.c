/* rtes-json-reader.c: the one strict JSON reader
 *
 * Every JSON the application reads comes through here: fiche files, the
 * site's export and answers, the sync state and journals. json-glib's own
 * parser is recursive (a deep document overflows the stack), accepts
 * comments, single quotes and hexadecimal, keeps the last of duplicate
 * members, wraps integers beyond 64 bits and cuts strings at \u0000; a
 * pre-scan cannot see what json-glib will make of a document, so this
 * reader replaces it and builds the same JsonNode trees.
 *
 * It is a loop over an explicit stack of open containers, so the depth
 * limit is the parser's own and memory is linear in the input. Where each
 * value starts is appended to an array as the value is made, which costs
 * far less than the node itself; the array is sorted by node only when a
 * message needs a place. Line and column are kept as the text is scanned:
 * new lines only occur between tokens, and characters beyond ASCII only in
 * strings, whose UTF-8 continuation bytes are counted on the way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-json-reader.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (rtes-json-error-quark, rtes_json_error)

gsize
rtes_json_kind_max_size (RtesJsonKind kind)
{
  switch (kind)
    {
    case RTES_JSON_FICHE: return RTES_JSON_MAX_FICHE_SIZE;
    case RTES_JSON_EXPORT: return RTES_JSON_MAX_EXPORT_SIZE;
    case RTES_JSON_ANSWER: return RTES_JSON_MAX_ANSWER_SIZE;
    case RTES_JSON_STATE: return RTES_JSON_MAX_STATE_SIZE;
    case RTES_JSON_JOURNAL: return RTES_JSON_MAX_JOURNAL_SIZE;
    default: g_return_val_if_reached (0);
    }
}

static guint
rtes_json_kind_max_depth (RtesJsonKind kind)
{
  switch (kind)
    {
    case RTES_JSON_FICHE:
    case RTES_JSON_ANSWER:
      return RTES_JSON_MAX_DEPTH;
    case RTES_JSON_EXPORT:
    case RTES_JSON_STATE:
    case RTES_JSON_JOURNAL:
      return RTES_JSON_CONTAINER_DEPTH;
    default:
      g_return_val_if_reached (0);
    }
}

/* ------------------------------------------------------------------ */
/* Positions                                                           */

typedef struct
{
  JsonNode *node;
  guint32   line;
  guint32   column;
} Position;

struct _RtesJsonPositions
{
  GArray   *entries;   /* Position, in parse order until sorted */
  gboolean  sorted;
};

void
rtes_json_positions_free (RtesJsonPositions *positions)
{
  if (positions == NULL)
    return;
  g_array_unref (positions->entries);
  g_free (positions);
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  const Position *pa = a, *pb = b;

  return pa->node < pb->node ? -1 : pa->node > pb->node;
}

gboolean
rtes_json_positions_find (RtesJsonPositions *positions,
                          JsonNode          *node,
                          guint             *line,
                          guint             *column)
{
  const Position *entries;
  guint lo = 0, hi;

  if (positions == NULL || node == NULL)
    return FALSE;
  if (!positions->sorted)
    {
      g_array_sort (positions->entries, compare_positions);
      positions->sorted = TRUE;
    }
  entries = (const Position *) (gpointer) positions->entries->data;
  hi = positions->entries->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (entries[mid].node == node)
        {
          *line = entries[mid].line;
          *column = entries[mid].column;
          return TRUE;
        }
      if (entries[mid].node < node)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

/* Walks @path one step ("name", "[3]") at a time. */
char *
rtes_json_positions_lookup (RtesJsonPositions *positions,
                            JsonNode          *root,
                            const char        *path)
{
  JsonNode *node = root;
  const char *p = path;
  guint line, column;

  if (positions == NULL || root == NULL || path == NULL)
    return NULL;
  while (*p != '\0' && node != NULL)
    {
      if (*p == '[')
        {
          char *end = NULL;
          guint64 index = g_ascii_strtoull (p + 1, &end, 10);
          JsonArray *array;

          if (!JSON_NODE_HOLDS_ARRAY (node) || end == NULL || *end != ']')
            return NULL;
          array = json_node_get_array (node);
          if (index >= json_array_get_length (array))
            return NULL;
          node = json_array_get_element (array, index);
          p = end + 1;
        }
      else
        {
          gsize len = strcspn (p, ".[");
          g_autofree char *member = g_strndup (p, len);

          if (!JSON_NODE_HOLDS_OBJECT (node))
            return NULL;
          node = json_object_get_member (json_node_get_object (node), member);
          p += len;
        }
      if (*p == '.')
        p++;
    }
  if (node == NULL || !rtes_json_positions_find (positions, node, &line, &column))
    return NULL;
  return g_strdup_printf ("%u:%u", line, column);
}

/* ------------------------------------------------------------------ */
/* Parsing                                                             */

typedef struct
{
  JsonNode *node;      /* the open object or array */
  gboolean  is_object;
} Frame;

typedef struct
{
  const char   *data;
  const char   *p;
  const char   *end;
  const char   *source;
  GError      **error;

  /* where we are, for positions */
  guint         line;
  const char   *line_start;
  gsize         continuation;             /* UTF-8 continuation bytes so far */
  gsize         continuation_at_line;     /* … before line_start */

  Frame        *stack;
  guint         depth;
  guint         max_depth;

  GString      *key;      /* the member name being read */
  GString      *text;     /* a string value */
  GArray       *positions;
} Parser;

/* Line and column of @at, counted from the start: only for messages. */
static void
position_at (const char *data,
             const char *at,
             guint      *line,
             guint      *column)
{
  const char *line_start = data;
  guint characters = 0;

  *line = 1;
  for (const char *p = data; p < at; p++)
    if (*p == '\n')
      {
        (*line)++;
        line_start = p + 1;
      }
  for (const char *p = line_start; p < at; p++)
    if (((guchar) *p & 0xC0) != 0x80)
      characters++;
  *column = characters + 1;
}

static gboolean fail (Parser *parser, const char *at, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (Parser     *parser,
      const char *at,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;
  guint line, column;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  position_at (parser->data, at, &line, &column);
  /* Translators: "dijon.json:3:14: a message" */
  g_set_error (parser->error, RTES_JSON_ERROR, RTES_JSON_ERROR_INVALID,
               _("%s:%u:%u: %s"), parser->source, line, column, message);
  return FALSE;
}

/* A character where @expected was: JSON's near relatives get a message
 * of their own, since that is what a person wrote. */
static gboolean
unexpected (Parser     *parser,
            const char *expected)
{
  if (parser->p < parser->end && *parser->p == '/')
    return fail (parser, parser->p, _("JSON has no comments"));
  if (parser->p < parser->end && *parser->p == '\'')
    return fail (parser, parser->p, _("strings are written in double quotes"));
  return fail (parser, parser->p, "%s", expected);
}

/* The column of @at, in characters: continuation bytes are counted up
 * to parser->p, so @at must be there (before a value is read). */
static guint32
column_at (Parser     *parser,
           const char *at)
{
  return (guint32) ((gsize) (at - parser->line_start)
                    - (parser->continuation - parser->continuation_at_line) + 1);
}

static void
record (Parser   *parser,
        JsonNode *node,
        guint32   column)
{
  Position position;

  if (parser->positions == NULL)
    return;
  position.node = node;
  position.line = parser->line;
  position.column = column;
  g_array_append_val (parser->positions, position);
}

static void
skip_space (Parser *parser)
{
  const char *p = parser->p;

  while (p < parser->end)
    {
      char c = *p;

      if (c == '\n')
        {
          parser->line++;
          parser->line_start = p + 1;
          parser->continuation_at_line = parser->continuation;
        }
      else if (c != ' ' && c != '\t' && c != '\r')
        break;
      p++;
    }
  parser->p = p;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Four hex digits after "\u" at @p. */
static gboolean
read_hex4 (Parser     *parser,
           const char *p,
           gunichar   *out)
{
  gunichar value = 0;

  if (parser->end - p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int digit = hex_value (p[i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + (gunichar) digit;
    }
  *out = value;
  return TRUE;
}

/* A \u escape at parser->p (on the backslash); surrogate pairs make one
 * character, a surrogate alone is refused: it has no UTF-8 form. */
static gboolean
read_unicode_escape (Parser  *parser,
                     GString *out)
{
  const char *start = parser->p;
  gunichar c, low;
  char utf8[6];

  if (!read_hex4 (parser, start + 2, &c))
    return fail (parser, start, _("\\u must be followed by four hexadecimal digits"));
  parser->p = start + 6;
  if (c == 0)
    return fail (parser, start, _("a string cannot hold the character U+0000"));
  if (c >= 0xDC00 && c <= 0xDFFF)
    return fail (parser, start, _("\\u%04X is half of a surrogate pair, without its first half"), c);
  if (c >= 0xD800 && c <= 0xDBFF)
    {
      if (parser->end - parser->p < 6 || parser->p[0] != '\\' || parser->p[1] != 'u'
          || !read_hex4 (parser, parser->p + 2, &low) || low < 0xDC00 || low > 0xDFFF)
        return fail (parser, start, _("\\u%04X is half of a surrogate pair, without its second half"), c);
      c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
      parser->p += 6;
    }
  g_string_append_len (out, utf8, g_unichar_to_utf8 (c, utf8));
  return TRUE;
}

/* A string at parser->p (on the opening quote) into @out. The whole
 * document is valid UTF-8 by now: bytes beyond ASCII are copied, and
 * their continuation bytes counted for columns. */
static gboolean
read_string (Parser  *parser,
             GString *out)
{
  const char *start = parser->p;
  const char *p = start + 1;

  g_string_truncate (out, 0);
  for (;;)
    {
      const char *run = p;
      guchar c = 0;

      while (p < parser->end)
        {
          c = (guchar) *p;
          if (c == '"' || c == '\\' || c < 0x20)
            break;
          if ((c & 0xC0) == 0x80)
            parser->continuation++;
          p++;
        }
      g_string_append_len (out, run, p - run);
      if (p >= parser->end)
        return fail (parser, start, _("the string is not closed"));
      if (c == '"')
        {
          parser->p = p + 1;
          return TRUE;
        }
      if (c < 0x20)
        return fail (parser, p, _("a control character must be written as an escape (\\u%04X) in a string"),
                     (guint) c);

      /* A backslash. */
      if (p + 1 >= parser->end)
        return fail (parser, start, _("the string is not closed"));
      switch (p[1])
        {
        case '"': g_string_append_c (out, '"'); break;
        case '\\': g_string_append_c (out, '\\'); break;
        case '/': g_string_append_c (out, '/'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          parser->p = p;
          if (!read_unicode_escape (parser, out))
            return FALSE;
          p = parser->p;
          continue;
        default:
          return fail (parser, p, _("unknown escape in a string"));
        }
      p += 2;
    }
}

static gboolean
is_digit (const char *p,
          const char *end)
{
  return p < end && *p >= '0' && *p <= '9';
}

/* The integer digits [@digits, @end) as a value, or -1 when it is
 * beyond the safe range (16 digits hold any safe integer). */
static gint64
safe_integer (const char *digits,
              const char *end)
{
  gint64 value = 0;

  if (end - digits > 16)
    return -1;
  for (const char *d = digits; d < end; d++)
    value = value * 10 + (*d - '0');
  return value > RTES_JSON_MAX_SAFE_INTEGER ? -1 : value;
}

static double
parse_double (const char *start,
              const char *end)
{
  char small[64];
  g_autofree char *large = NULL;
  const char *text = small;

  /* The data need not end with a NUL: strtod() must see a copy. */
  if ((gsize) (end - start) < sizeof small)
    {
      memcpy (small, start, end - start);
      small[end - start] = '\0';
    }
  else
    text = large = g_strndup (start, end - start);
  return g_ascii_strtod (text, NULL);
}

static gboolean
read_number (Parser    *parser,
             JsonNode **out)
{
  const char *start = parser->p;
  const char *p = start;
  const char *end = parser->end;
  gboolean integer = TRUE;

  if (p < end && *p == '-')
    p++;
  if (p < end && *p == '0')
    {
      p++;
      if (is_digit (p, end))
        return fail (parser, start, _("a number cannot start with 0"));
    }
  else if (is_digit (p, end))
    while (is_digit (p, end))
      p++;
  else
    return fail (parser, start, _("not a valid number"));
  if (p < end && *p == '.')
    {
      integer = FALSE;
      if (!is_digit (++p, end))
        return fail (parser, start, _("not a valid number"));
      while (is_digit (p, end))
        p++;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      integer = FALSE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (!is_digit (p, end))
        return fail (parser, start, _("not a valid number"));
      while (is_digit (p, end))
        p++;
    }
  /* "0x10", "1.2.3", "12abc": one bad token, not a number then garbage. */
  if (p < end && (g_ascii_isalnum (*p) || *p == '.' || *p == '_'))
    return fail (parser, start, _("not a valid number"));
  parser->p = p;

  if (integer)
    {
      gboolean negative = *start == '-';
      gint64 value = safe_integer (start + negative, p);

      if (value < 0)
        return fail (parser, start, _("the integer is beyond ±%s, the largest that every "
                                      "program reads exactly"), "9007199254740991");
      *out = json_node_init_int (json_node_alloc (), negative ? -value : value);
      return TRUE;
    }
  else
    {
      double value = parse_double (start, p);

      if (!isfinite (value))
        return fail (parser, start, _("the number is too large"));
      *out = json_node_init_double (json_node_alloc (), value);
      return TRUE;
    }
}

static gboolean
match_literal (Parser     *parser,
               const char *literal,
               gsize       length)
{
  if ((gsize) (parser->end - parser->p) < length || memcmp (parser->p, literal, length) != 0)
    return FALSE;
  /* "trueish" is not "true" followed by garbage. */
  if (parser->p + length < parser->end && g_ascii_isalnum (parser->p[length]))
    return FALSE;
  parser->p += length;
  return TRUE;
}

/* The path of the innermost open container, as the fiche reader names
 * members: "contacts[2]", "budget.lines[0]", "" for the root. */
static GString *
container_path (Parser *parser)
{
  GString *path = g_string_new (NULL);

  for (guint i = 1; i < parser->depth; i++)
    {
      Frame *parent = &parser->stack[i - 1];
      JsonNode *child = parser->stack[i].node;

      if (parent->is_object)
        {
          JsonObject *object = json_node_get_object (parent->node);
          g_autoptr(GList) members = json_object_get_members (object);

          for (GList *l = members; l != NULL; l = l->next)
            if (json_object_get_member (object, l->data) == child)
              {
                if (path->len > 0)
                  g_string_append_c (path, '.');
                g_string_append (path, l->data);
                break;
              }
        }
      else
        g_string_append_printf (path, "[%u]",
                                json_array_get_length (json_node_get_array (parent->node)) - 1);
    }
  return path;
}

static gboolean
duplicate_error (Parser     *parser,
                 const char *at)
{
  g_autoptr(GString) path = container_path (parser);

  if (path->len > 0)
    g_string_append_c (path, '.');
  g_string_append (path, parser->key->str);
  return fail (parser, at, _("%s: the member appears twice (a second copy would silently replace the first)"),
               path->str);
}

/* Puts @node where it belongs: the root, or the open container. */
static void
attach (Parser    *parser,
        JsonNode  *node,
        JsonNode **root)
{
  Frame *top;

  if (parser->depth == 0)
    {
      *root = node;
      return;
    }
  top = &parser->stack[parser->depth - 1];
  if (top->is_object)
    json_object_set_member (json_node_get_object (top->node), parser->key->str, node);
  else
    json_array_add_element (json_node_get_array (top->node), node);
}

/* A value at parser->p: a scalar is attached, a container is attached
 * and opened. */
static gboolean
read_value (Parser    *parser,
            JsonNode **root)
{
  const char *start = parser->p;
  guint32 column = column_at (parser, start);
  JsonNode *node = NULL;

  if (start >= parser->end)
    return fail (parser, start, _("the document ends where a value was expected"));
  switch (*start)
    {
    case '{':
    case '[':
      if (parser->depth >= parser->max_depth)
        return fail (parser, start, _("nested more than %u levels deep"), parser->max_depth);
      if (*start == '{')
        {
          node = json_node_new (JSON_NODE_OBJECT);
          json_node_take_object (node, json_object_new ());
        }
      else
        {
          node = json_node_new (JSON_NODE_ARRAY);
          json_node_take_array (node, json_array_new ());
        }
      record (parser, node, column);
      attach (parser, node, root);
      parser->stack[parser->depth].node = node;
      parser->stack[parser->depth].is_object = *start == '{';
      parser->depth++;
      parser->p++;
      return TRUE;
    case '"':
      if (!read_string (parser, parser->text))
        return FALSE;
      node = json_node_init_string (json_node_alloc (), parser->text->str);
      break;
    case 't':
    case 'f':
    case 'n':
      if (match_literal (parser, "true", 4))
        node = json_node_init_boolean (json_node_alloc (), TRUE);
      else if (match_literal (parser, "false", 5))
        node = json_node_init_boolean (json_node_alloc (), FALSE);
      else if (match_literal (parser, "null", 4))
        node = json_node_init_null (json_node_alloc ());
      else
        return fail (parser, start, _("expected a value: a string, a number, an object, an array, "
                                      "true, false or null"));
      break;
    default:
      if (*start == '-' || (*start >= '0' && *start <= '9'))
        {
          if (!read_number (parser, &node))
            return FALSE;
          break;
        }
      return unexpected (parser, _("expected a value: a string, a number, an object, an array, "
                                   "true, false or null"));
    }
  record (parser, node, column);
  attach (parser, node, root);
  return TRUE;
}

/* A member name and its colon, at parser->p. */
static gboolean
read_member_name (Parser *parser)
{
  const char *start = parser->p;
  Frame *top = &parser->stack[parser->depth - 1];

  if (start >= parser->end)
    return fail (parser, start, _("the document ends inside an object"));
  if (*start != '"')
    return unexpected (parser, _("expected a member name in double quotes"));
  if (!read_string (parser, parser->key))
    return FALSE;
  if (json_object_has_member (json_node_get_object (top->node), parser->key->str))
    return duplicate_error (parser, start);
  skip_space (parser);
  if (parser->p >= parser->end)
    return fail (parser, parser->p, _("the document ends inside an object"));
  if (*parser->p != ':')
    return unexpected (parser, _("expected “:” after the member name"));
  parser->p++;
  skip_space (parser);
  return TRUE;
}

/* After a value inside the open container: "," then the next member or
 * element, or the closing bracket. Returns FALSE on error; *@more is
 * TRUE when a value must follow. */
static gboolean
after_value (Parser   *parser,
             gboolean *more)
{
  Frame *top = &parser->stack[parser->depth - 1];
  char close = top->is_object ? '}' : ']';

  skip_space (parser);
  if (parser->p >= parser->end)
    return fail (parser, parser->p, top->is_object ? _("the document ends inside an object")
                                                   : _("the document ends inside an array"));
  if (*parser->p == close)
    {
      parser->p++;
      parser->depth--;
      *more = FALSE;
      return TRUE;
    }
  if (*parser->p != ',')
    return unexpected (parser, top->is_object ? _("expected “,” or “}”") : _("expected “,” or “]”"));
  parser->p++;
  skip_space (parser);
  if (parser->p < parser->end && *parser->p == close)
    return fail (parser, parser->p, _("a comma must be followed by another value"));
  if (top->is_object && !read_member_name (parser))
    return FALSE;
  *more = TRUE;
  return TRUE;
}

/* Just after an opening bracket: the first member or element, or the
 * closing bracket of an empty container. */
static gboolean
after_open (Parser   *parser,
            gboolean *more)
{
  Frame *top = &parser->stack[parser->depth - 1];
  char close = top->is_object ? '}' : ']';

  skip_space (parser);
  if (parser->p < parser->end && *parser->p == close)
    {
      parser->p++;
      parser->depth--;
      *more = FALSE;
      return TRUE;
    }
  if (top->is_object && !read_member_name (parser))
    return FALSE;
  *more = TRUE;
  return TRUE;
}

static gboolean
parse_document (Parser    *parser,
                JsonNode **out)
{
  g_autoptr(JsonNode) root = NULL;
  gboolean more = FALSE;

  skip_space (parser);
  if (!read_value (parser, &root))
    return FALSE;
  if (parser->depth > 0 && !after_open (parser, &more))
    return FALSE;
  while (parser->depth > 0)
    {
      if (more)
        {
          guint depth = parser->depth;

          if (!read_value (parser, &root))
            return FALSE;
          /* A container just opened: its contents come first. */
          if (parser->depth > depth)
            {
              if (!after_open (parser, &more))
                return FALSE;
              continue;
            }
        }
      if (!after_value (parser, &more))
        return FALSE;
    }
  skip_space (parser);
  if (parser->p < parser->end)
    return unexpected (parser, _("text after the end of the document"));
  *out = g_steal_pointer (&root);
  return TRUE;
}

static gboolean
is_blank (const char *data,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (data[i] != ' ' && data[i] != '\t' && data[i] != '\n' && data[i] != '\r')
      return FALSE;
  return TRUE;
}

static gboolean
check_bytes (const char   *data,
             gsize         length,
             RtesJsonKind  kind,
             const char   *source,
             GError      **error)
{
  gsize limit = rtes_json_kind_max_size (kind);
  const char *invalid = NULL;

  if (length > limit)
    {
      g_autofree char *size = g_format_size_full (length, G_FORMAT_SIZE_IEC_UNITS | G_FORMAT_SIZE_LONG_FORMAT);
      g_autofree char *max = g_format_size_full (limit, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, RTES_JSON_ERROR, RTES_JSON_ERROR_TOO_LARGE,
                   _("%s is too large: %s, over the limit of %s"), source, size, max);
      return FALSE;
    }
  if (is_blank (data, length))
    {
      g_set_error (error, RTES_JSON_ERROR, RTES_JSON_ERROR_EMPTY,
                   _("%s: the document is empty"), source);
      return FALSE;
    }
  /* g_utf8_validate_len() also refuses NUL bytes. */
  if (!g_utf8_validate_len (data, length, &invalid))
    {
      guint line, column;

      position_at (data, invalid, &line, &column);
      g_set_error (error, RTES_JSON_ERROR, RTES_JSON_ERROR_INVALID,
                   _("%s:%u:%u: not valid UTF-8 text"), source, line, column);
      return FALSE;
    }
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      g_set_error (error, RTES_JSON_ERROR, RTES_JSON_ERROR_INVALID,
                   _("%s:1:1: the document starts with a byte order mark, which JSON does not allow"),
                   source);
      return FALSE;
    }
  return TRUE;
}

JsonNode *
rtes_json_parse (const char          *data,
                 gssize               length,
                 RtesJsonKind         kind,
                 const char          *source,
                 RtesJsonPositions  **positions,
                 GError             **error)
{
  Parser parser = { 0 };
  g_autoptr(GArray) entries = NULL;
  JsonNode *root = NULL;
  gsize size;

  g_return_val_if_fail (data != NULL || length <= 0, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  if (data == NULL)
    data = "";
  size = length < 0 ? strlen (data) : (gsize) length;
  if (!check_bytes (data, size, kind, source, error))
    return NULL;

  parser.data = parser.p = parser.line_start = data;
  parser.end = data + size;
  parser.source = source;
  parser.error = error;
  parser.line = 1;
  parser.max_depth = rtes_json_kind_max_depth (kind);
  parser.stack = g_new (Frame, parser.max_depth);
  parser.key = g_string_sized_new (32);
  parser.text = g_string_sized_new (256);
  if (positions != NULL)
    parser.positions = entries = g_array_sized_new (FALSE, FALSE, sizeof (Position), size / 32 + 16);

  parse_document (&parser, &root);

  g_free (parser.stack);
  g_string_free (parser.key, TRUE);
  g_string_free (parser.text, TRUE);
  if (root != NULL && positions != NULL)
    {
      *positions = g_new0 (RtesJsonPositions, 1);
      (*positions)->entries = g_steal_pointer (&entries);
    }
  return root;
}

gpointer
rtes_json_read (const char        *data,
                gssize             length,
                RtesJsonKind       kind,
                const char        *source,
                RtesJsonReadFunc   read,
                gpointer           user_data,
                GError           **error)
{
  g_autoptr(RtesJsonPositions) positions = NULL;
  g_autoptr(JsonNode) root = rtes_json_parse (data, length, kind, source, &positions, error);

  if (root == NULL)
    return NULL;
  return read (root, positions, user_data, error);
}

JsonObject *
rtes_json_get_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonNode *
rtes_json_get_member (JsonObject *object,
                      const char *member)
{
  return object != NULL ? json_object_get_member (object, member) : NULL;
}

const char *
rtes_json_get_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

const char *
rtes_json_get_string_member (JsonObject *object,
                             const char *member)
{
  return rtes_json_get_string (rtes_json_get_member (object, member));
}

gboolean
rtes_json_get_int (JsonNode *node,
                   gint64   *value)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

gboolean
rtes_json_get_number (JsonNode *node,
                      double   *value)
{
  GType type = node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  *value = json_node_get_double (node);
  return TRUE;
}
