/* export-check.c: reading exported HTML back for assertions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "export-check.h"
#include "rtes-fiche-text.h"

typedef struct {
  HtmlDoc   *doc;
  GPtrArray *open;          /* HtmlElement* being filled */
} ParseState;

static void
element_free (gpointer data)
{
  HtmlElement *element = data;

  g_free (element->name);
  g_hash_table_unref (element->attributes);
  g_string_free (element->text, TRUE);
  g_free (element);
}

static void
start_element (GMarkupParseContext  *context,
               const char           *name,
               const char          **attribute_names,
               const char          **attribute_values,
               gpointer              user_data,
               GError              **error)
{
  ParseState *state = user_data;
  HtmlElement *element = g_new0 (HtmlElement, 1);
  guint i;

  element->name = g_strdup (name);
  element->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  element->text = g_string_new (NULL);
  for (i = 0; attribute_names[i] != NULL; i++)
    g_hash_table_insert (element->attributes, g_strdup (attribute_names[i]),
                         g_strdup (attribute_values[i]));
  g_ptr_array_add (state->doc->elements, element);
  g_ptr_array_add (state->open, element);
}

static void
end_element (GMarkupParseContext  *context,
             const char           *name,
             gpointer              user_data,
             GError              **error)
{
  ParseState *state = user_data;

  g_ptr_array_remove_index (state->open, state->open->len - 1);
}

static void
text (GMarkupParseContext  *context,
      const char           *value,
      gsize                 length,
      gpointer              user_data,
      GError              **error)
{
  ParseState *state = user_data;
  guint i;

  for (i = 0; i < state->open->len; i++)
    g_string_append_len (((HtmlElement *) g_ptr_array_index (state->open, i))->text, value, length);
}

static void
assert_xml_chars (const char *html)
{
  const char *p;

  for (p = html; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!html_is_xml_char (c))
        g_error ("not an XML character at byte %" G_GSIZE_FORMAT ": U+%04X",
                 (gsize) (p - html), c);
    }
}

HtmlDoc *
html_doc_parse (const char *html)
{
  static const GMarkupParser parser = { start_element, end_element, text, NULL, NULL };
  HtmlDoc *doc = g_new0 (HtmlDoc, 1);
  ParseState state = { doc, g_ptr_array_new () };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_utf8_validate (html, -1, NULL));
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n"));
  assert_xml_chars (html);

  doc->elements = g_ptr_array_new_with_free_func (element_free);
  context = g_markup_parse_context_new (&parser, 0, &state, NULL);
  if (g_markup_parse_context_parse (context, html, -1, &error))
    g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (state.open->len, ==, 0);
  g_ptr_array_unref (state.open);
  return doc;
}

void
html_doc_free (HtmlDoc *doc)
{
  g_ptr_array_unref (doc->elements);
  g_free (doc);
}

static gboolean
has_class (HtmlElement *element,
           const char  *klass)
{
  const char *value = g_hash_table_lookup (element->attributes, "class");
  g_auto(GStrv) classes = NULL;

  if (value == NULL)
    return FALSE;
  classes = g_strsplit (value, " ", -1);
  return g_strv_contains ((const char * const *) classes, klass);
}

GPtrArray *
html_doc_find (HtmlDoc    *doc,
               const char *name,
               const char *klass)
{
  GPtrArray *found = g_ptr_array_new ();
  guint i;

  for (i = 0; i < doc->elements->len; i++)
    {
      HtmlElement *element = g_ptr_array_index (doc->elements, i);

      if (g_strcmp0 (element->name, name) == 0 && (klass == NULL || has_class (element, klass)))
        g_ptr_array_add (found, element);
    }
  return found;
}

GStrv
html_doc_texts (HtmlDoc    *doc,
                const char *name,
                const char *klass)
{
  g_autoptr(GPtrArray) found = html_doc_find (doc, name, klass);
  GPtrArray *texts = g_ptr_array_new ();
  guint i;

  for (i = 0; i < found->len; i++)
    g_ptr_array_add (texts, g_strstrip (g_strdup (((HtmlElement *) g_ptr_array_index (found, i))->text->str)));
  g_ptr_array_add (texts, NULL);
  return (GStrv) g_ptr_array_free (texts, FALSE);
}

void
html_doc_assert_safe (HtmlDoc *doc)
{
  static const char * const forbidden[] = {
    "script", "iframe", "img", "object", "embed", "link", "svg", "form", "input", "base", NULL
  };
  HtmlElement *root = g_ptr_array_index (doc->elements, 0);
  g_autoptr(GPtrArray) styles = html_doc_find (doc, "style", NULL);
  g_autoptr(GPtrArray) titles = html_doc_find (doc, "title", NULL);
  gboolean charset = FALSE;
  guint i;

  g_assert_cmpstr (root->name, ==, "html");
  g_assert_cmpstr (g_hash_table_lookup (root->attributes, "lang"), ==, "fr");
  g_assert_cmpuint (titles->len, ==, 1);
  g_assert_cmpuint (styles->len, ==, 1);
  {
    const char *css = ((HtmlElement *) g_ptr_array_index (styles, 0))->text->str;

    /* Embedded and self-contained, with rules for paper. */
    g_assert_null (strstr (css, "url("));
    g_assert_null (strstr (css, "@import"));
    g_assert_nonnull (strstr (css, "@media print{"));
  }

  for (i = 0; i < doc->elements->len; i++)
    {
      HtmlElement *element = g_ptr_array_index (doc->elements, i);
      GHashTableIter iter;
      gpointer key, value;

      g_assert_false (g_strv_contains (forbidden, element->name));
      if (g_strcmp0 (element->name, "meta") == 0 &&
          g_strcmp0 (g_hash_table_lookup (element->attributes, "charset"), "utf-8") == 0)
        charset = TRUE;

      g_hash_table_iter_init (&iter, element->attributes);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_assert_false (g_ascii_strncasecmp (key, "on", 2) == 0);
          g_assert_cmpstr (key, !=, "style");
          g_assert_cmpstr (key, !=, "src");
          if (g_strcmp0 (key, "href") == 0)
            {
              const char *href = value;

              /* Safe absolute addresses, page names and anchors only. */
              if (!rtes_uri_is_safe (href))
                {
                  g_assert_null (strchr (href, ':'));
                  g_assert_null (strchr (href, '/'));
                  g_assert_true (href[0] == '#' || g_str_has_suffix (href, ".html"));
                }
            }
        }
    }
  g_assert_true (charset);
}
