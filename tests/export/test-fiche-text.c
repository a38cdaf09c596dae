/* test-fiche-text.c: the fiche text parser and its HTML and Pango renderers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include <pango/pango.h>

#include "rtes-fiche-text.h"
#include "rtes-test-util.h"

static RtesTextBlock *
block_at (RtesFicheText *text,
          guint          i)
{
  g_assert_cmpuint (i, <, text->blocks->len);
  return g_ptr_array_index (text->blocks, i);
}

static RtesTextSpan *
span_at (GPtrArray *spans,
         guint      i)
{
  g_assert_cmpuint (i, <, spans->len);
  return g_ptr_array_index (spans, i);
}

static RtesTextItem *
item_at (RtesTextBlock *list,
         guint          i)
{
  g_assert_cmpint (list->type, ==, RTES_TEXT_BLOCK_LIST);
  g_assert_cmpuint (i, <, list->items->len);
  return g_ptr_array_index (list->items, i);
}

static void
test_paragraphs (void)
{
  g_autoptr(RtesFicheText) text =
    rtes_fiche_text_parse ("Premier paragraphe,\nsur deux lignes.\n\n\n  Deuxième.  \n");
  RtesTextBlock *b;

  g_assert_cmpuint (text->blocks->len, ==, 2);
  b = block_at (text, 0);
  g_assert_cmpint (b->type, ==, RTES_TEXT_BLOCK_PARAGRAPH);
  g_assert_cmpuint (b->spans->len, ==, 1);
  g_assert_cmpstr (span_at (b->spans, 0)->text, ==, "Premier paragraphe,\nsur deux lignes.");
  b = block_at (text, 1);
  g_assert_cmpstr (span_at (b->spans, 0)->text, ==, "Deuxième.");
}

static void
test_empty (void)
{
  g_autoptr(RtesFicheText) a = rtes_fiche_text_parse (NULL);
  g_autoptr(RtesFicheText) b = rtes_fiche_text_parse ("  \n\n\t\n");
  g_autoptr(RtesFicheText) c = rtes_fiche_text_parse ("x");
  g_autofree char *html = rtes_fiche_text_to_html ("\n\n");

  g_assert_true (rtes_fiche_text_is_empty (a));
  g_assert_true (rtes_fiche_text_is_empty (b));
  g_assert_false (rtes_fiche_text_is_empty (c));
  g_assert_cmpstr (html, ==, "");
}

static void
test_nested_lists (void)
{
  g_autoptr(RtesFicheText) text = rtes_fiche_text_parse (
    "Les axes :\n"
    "- accompagner\n"
    "  - les porteurs\n"
    "  - les réseaux\n"
    "    - très profond\n"
    "- financer\n"
    "\n"
    "Fin.");
  RtesTextBlock *list, *sub, *subsub;
  RtesTextItem *first;

  g_assert_cmpuint (text->blocks->len, ==, 3);
  g_assert_cmpint (block_at (text, 0)->type, ==, RTES_TEXT_BLOCK_PARAGRAPH);
  list = block_at (text, 1);
  g_assert_false (list->ordered);
  g_assert_cmpuint (list->items->len, ==, 2);
  first = item_at (list, 0);
  g_assert_cmpstr (span_at (first->spans, 0)->text, ==, "accompagner");
  g_assert_cmpuint (first->children->len, ==, 1);
  sub = g_ptr_array_index (first->children, 0);
  g_assert_cmpuint (sub->items->len, ==, 2);
  g_assert_cmpstr (span_at (item_at (sub, 1)->spans, 0)->text, ==, "les réseaux");
  subsub = g_ptr_array_index (item_at (sub, 1)->children, 0);
  g_assert_cmpstr (span_at (item_at (subsub, 0)->spans, 0)->text, ==, "très profond");
  g_assert_cmpstr (span_at (item_at (list, 1)->spans, 0)->text, ==, "financer");
  g_assert_cmpint (block_at (text, 2)->type, ==, RTES_TEXT_BLOCK_PARAGRAPH);
}

static void
test_numbered (void)
{
  g_autoptr(RtesFicheText) text = rtes_fiche_text_parse (
    "3. troisième\n"
    "4. quatrième\n"
    "- puce\n"
    "2023. Une année, pas un numéro\n");
  RtesTextBlock *ol, *ul;
  g_autofree char *html = rtes_fiche_text_to_html ("1. un\n2. deux\n\n5. cinq");

  g_assert_cmpuint (text->blocks->len, ==, 3);
  ol = block_at (text, 0);
  g_assert_true (ol->ordered);
  g_assert_cmpint (ol->start, ==, 3);
  g_assert_cmpuint (ol->items->len, ==, 2);
  ul = block_at (text, 1);
  g_assert_false (ul->ordered);
  g_assert_cmpint (block_at (text, 2)->type, ==, RTES_TEXT_BLOCK_PARAGRAPH);

  /* A blank line between items keeps one list. */
  g_assert_cmpstr (html, ==, "<ol>\n<li>un</li>\n<li>deux</li>\n<li>cinq</li>\n</ol>\n");
}

static void
test_continuation (void)
{
  g_autoptr(RtesFicheText) text = rtes_fiche_text_parse (
    "- un item\n"
    "  qui continue\n"
    "Un paragraphe\n");
  RtesTextItem *item;

  g_assert_cmpuint (text->blocks->len, ==, 2);
  item = item_at (block_at (text, 0), 0);
  g_assert_cmpstr (span_at (item->spans, 0)->text, ==, "un item\nqui continue");
}

static void
test_links (void)
{
  g_autoptr(RtesFicheText) text = rtes_fiche_text_parse (
    "Voir https://www.rtes.fr/adherents. Et [le panorama](https://cress-bfc.org/panorama_(2022)) "
    "ou (http://exemple.fr/a), pas ftp://x.fr ni xhttp://y.fr.");
  GPtrArray *spans = block_at (text, 0)->spans;

  g_assert_cmpuint (spans->len, ==, 7);
  g_assert_cmpstr (span_at (spans, 0)->text, ==, "Voir ");
  g_assert_cmpint (span_at (spans, 1)->type, ==, RTES_TEXT_SPAN_LINK);
  g_assert_cmpstr (span_at (spans, 1)->uri, ==, "https://www.rtes.fr/adherents");
  g_assert_cmpstr (span_at (spans, 2)->text, ==, ". Et ");
  g_assert_cmpstr (span_at (spans, 3)->text, ==, "le panorama");
  g_assert_cmpstr (span_at (spans, 3)->uri, ==, "https://cress-bfc.org/panorama_(2022)");
  g_assert_cmpstr (span_at (spans, 4)->text, ==, " ou (");
  g_assert_cmpstr (span_at (spans, 5)->uri, ==, "http://exemple.fr/a");
  g_assert_cmpstr (span_at (spans, 6)->text, ==, "), pas ftp://x.fr ni xhttp://y.fr.");
}

static void
test_uri_safety (void)
{
  g_assert_true (rtes_uri_is_safe ("https://www.rtes.fr"));
  g_assert_true (rtes_uri_is_safe ("HTTP://exemple.fr/a?b=1&c=2"));
  g_assert_true (rtes_uri_is_safe ("mailto:contact@rtes.fr"));
  g_assert_false (rtes_uri_is_safe ("javascript:alert(1)"));
  g_assert_false (rtes_uri_is_safe (" javascript:alert(1)"));
  g_assert_false (rtes_uri_is_safe ("data:text/html,<script>"));
  g_assert_false (rtes_uri_is_safe ("https://"));
  g_assert_false (rtes_uri_is_safe ("https:///etc/passwd"));
  g_assert_false (rtes_uri_is_safe ("https://a.fr/\"onmouseover=\"x"));
  g_assert_false (rtes_uri_is_safe ("mailto:personne"));
  g_assert_false (rtes_uri_is_safe ("file:///etc/passwd"));
  g_assert_false (rtes_uri_is_safe (NULL));
}

static const char hostile[] =
  "<script>alert('x')</script> & \"quotes\"\n"
  "<img src=x onerror=alert(1)>\n"
  "[clique](javascript:alert(1)) [mail](mailto:a@b.fr) [data](data:text/html,x)\n"
  "- <b onclick=\"steal()\">gras</b>\n"
  "https://exemple.fr/\"><script>x</script>\n"
  "bad \xff\xfe utf8 \x01\x1b[31m\x7f end";

static void
test_html_escaping (void)
{
  g_autofree char *html = rtes_fiche_text_to_html (hostile);

  g_assert_true (g_utf8_validate (html, -1, NULL));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<img"));
  g_assert_null (strstr (html, "<b "));
  g_assert_null (strstr (html, "href=\"javascript"));
  g_assert_null (strstr (html, "href=\"data"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;quotes&quot;"));
  g_assert_nonnull (strstr (html, "[clique](javascript:alert(1))"));
  g_assert_nonnull (strstr (html, "<a href=\"mailto:a@b.fr\" rel=\"nofollow noopener\">mail</a>"));
  /* The address stops at the quote: the rest is text. */
  g_assert_nonnull (strstr (html, "<a href=\"https://exemple.fr/\" rel=\"nofollow noopener\">https://exemple.fr/</a>&quot;&gt;&lt;script&gt;"));
  g_assert_nonnull (strstr (html, "bad \xef\xbf\xbd"));
  g_assert_null (strchr (html, '\x01'));
  g_assert_null (strchr (html, '\x1b'));
  g_assert_null (strchr (html, '\x7f'));
  g_assert_nonnull (strstr (html, "<ul>\n<li>&lt;b onclick=&quot;steal()&quot;&gt;gras&lt;/b&gt;</li>\n</ul>\n"));
}

static void
test_html_structure (void)
{
  g_autofree char *html = rtes_fiche_text_to_html (
    "Intro\nligne 2\n\n- a\n  - b\n- c https://x.fr\n\n1. un");

  g_assert_cmpstr (html, ==,
    "<p>Intro<br />\nligne 2</p>\n"
    "<ul>\n"
    "<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n"
    "<li>c <a href=\"https://x.fr\" rel=\"nofollow noopener\">https://x.fr</a></li>\n"
    "</ul>\n"
    "<ol>\n<li>un</li>\n</ol>\n");
}

static void
test_pango_markup (void)
{
  g_autofree char *plain = rtes_fiche_text_to_pango_markup_full (hostile, 0);
  g_autofree char *gtk = rtes_fiche_text_to_pango_markup ("Voir https://x.fr\n\n- a\n  - b\n3. c");
  g_autofree char *gtk_plain = rtes_fiche_text_to_pango_markup_full ("Voir https://x.fr\n\n- a\n  - b\n3. c", 0);
  g_autofree char *shown = NULL;
  g_autoptr(GError) error = NULL;

  /* Hostile text parses as markup and shows as the literal text. */
  g_assert_true (pango_parse_markup (plain, -1, 0, NULL, &shown, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (shown, "<script>alert('x')</script> & \"quotes\""));
  g_assert_nonnull (strstr (shown, "•\xc2\xa0<b onclick=\"steal()\">gras</b>"));

  g_assert_cmpstr (gtk, ==,
    "Voir <a href=\"https://x.fr\">https://x.fr</a>\n\n"
    "•\xc2\xa0" "a\n"
    "\xe2\x80\x83\xe2\x80\x83•\xc2\xa0" "b\n\n"
    "3.\xc2\xa0" "c");
  g_clear_pointer (&shown, g_free);
  g_assert_true (pango_parse_markup (gtk_plain, -1, 0, NULL, &shown, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (shown, "Voir https://x.fr\n\n•"));
}

static void
test_html_escape (void)
{
  g_autofree char *escaped = rtes_html_escape ("<a href=\"x\">l'ESS & co</a>");

  g_assert_cmpstr (escaped, ==, "&lt;a href=&quot;x&quot;&gt;l'ESS &amp; co&lt;/a&gt;");
}

static void
test_sanitize (void)
{
  g_autofree char *a = rtes_text_sanitize ("a\r\nb\rc\x01\td\xc2\x85");
  g_autofree char *b = rtes_text_sanitize (NULL);

  g_assert_cmpstr (a, ==, "a\nb\nc\td");
  g_assert_cmpstr (b, ==, "");
}

static void
test_deep_nesting (void)
{
  GString *s = g_string_new (NULL);
  g_autoptr(RtesFicheText) text = NULL;
  RtesTextBlock *list;
  int depth = 0;
  int i;

  for (i = 0; i < 2000; i++)
    {
      int k;
      for (k = 0; k < i * 2; k++)
        g_string_append_c (s, ' ');
      g_string_append (s, "- x\n");
    }
  text = rtes_fiche_text_parse (s->str);
  g_string_free (s, TRUE);

  /* Nesting is capped, the items are all kept. */
  list = block_at (text, 0);
  while (list != NULL)
    {
      RtesTextItem *last = item_at (list, list->items->len - 1);
      depth++;
      list = last->children->len > 0 ? g_ptr_array_index (last->children, 0) : NULL;
    }
  g_assert_cmpint (depth, <=, 6);
  g_assert_cmpint (depth, >=, 2);
}

/* Random text built from the markup's own pieces: whatever the mix, the
 * HTML is well-formed and the Pango markup parses. */
static void
test_random (void)
{
  static const char * const pieces[] = {
    "- ", "  ", "1. ", "12. ", "\n", "\n\n", "[", "]", "(", ")", "https://", "http://x.fr/",
    "mailto:a@b.fr", "javascript:", "<", ">", "&", "\"", "'", "é", "\xff", "\x01", "\t",
    "\r\n", "mot", " ", ".", "](https://y.fr)", "\xe2\x80\xaf", "»", "<b>", "&amp;",
  };
  guint round;

  for (round = 0; round < 500; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *html = NULL;
      g_autofree char *wrapped = NULL;
      g_autofree char *markup = NULL;
      g_autoptr(GMarkupParseContext) context = NULL;
      g_autoptr(GError) error = NULL;
      static const GMarkupParser parser = { NULL, NULL, NULL, NULL, NULL };
      int n = g_test_rand_int_range (0, 60);
      int i;

      for (i = 0; i < n; i++)
        g_string_append (text, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);

      html = rtes_fiche_text_to_html (text->str);
      g_assert_true (g_utf8_validate (html, -1, NULL));
      wrapped = g_strconcat ("<div>", html, "</div>", NULL);
      context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
      if (!g_markup_parse_context_parse (context, wrapped, -1, &error) ||
          !g_markup_parse_context_end_parse (context, &error))
        g_error ("not well-formed for %s: %s\n%s", g_strescape (text->str, NULL), error->message, html);

      markup = rtes_fiche_text_to_pango_markup_full (text->str, 0);
      if (!pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, &error))
        g_error ("bad Pango markup for %s: %s", g_strescape (text->str, NULL), error->message);
      g_assert_null (strstr (html, "href=\"javascript"));
    }
}

/* @piece repeated to @size bytes. */
static char *
repeat (const char *piece,
        gsize       size)
{
  GString *out = g_string_sized_new (size + strlen (piece));

  while (out->len < size)
    g_string_append (out, piece);
  return g_string_free (out, FALSE);
}

#define LINEAR_INPUT_BYTES (1024 * 1024)
#define LINEAR_CPU_SECONDS 10

/* Issue 15: the scanner looked ahead from each "[" and each "http" to the
 * end of the run, so runs of unclosed links or of addresses that are not
 * links took time quadratic in their length (1 MB: minutes of CPU).
 * Parsing and rendering now take tens of milliseconds; the child process
 * gets 10 s of CPU time (not wall time: a loaded machine does not count),
 * which the old scanner overran hundreds of times over. */
static void
test_linear (void)
{
  static const char * const pieces[] = {
    "[a](",           /* a link target that never closes */
    "[a](b[",         /* same, with labels inside */
    "http:///",       /* bare addresses that are not safe */
    "https://x.fr/(", /* one address that never ends */
  };
  guint i;

  if (g_test_subprocess ())
    {
      struct rlimit limit = { LINEAR_CPU_SECONDS, LINEAR_CPU_SECONDS + 1 };

      g_assert_cmpint (setrlimit (RLIMIT_CPU, &limit), ==, 0);
      for (i = 0; i < G_N_ELEMENTS (pieces); i++)
        {
          g_autofree char *text = repeat (pieces[i], LINEAR_INPUT_BYTES);
          g_autoptr(RtesFicheText) parsed = rtes_fiche_text_parse (text);
          g_autofree char *html = rtes_fiche_text_to_html (text);
          g_autofree char *markup = rtes_fiche_text_to_pango_markup (text);
          RtesTextBlock *block;

          /* One paragraph of plain text: nothing there is a link. */
          g_assert_cmpuint (parsed->blocks->len, ==, 1);
          block = g_ptr_array_index (parsed->blocks, 0);
          g_assert_cmpuint (block->spans->len, ==, 1);
          g_assert_cmpint (((RtesTextSpan *) g_ptr_array_index (block->spans, 0))->type, ==,
                           RTES_TEXT_SPAN_TEXT);
          g_assert_null (strstr (html, "<a "));
        }
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* Addresses longer than RTES_URI_MAX_LENGTH are text, not links. */
static void
test_long_uri (void)
{
  g_autofree char *path = g_strnfill (RTES_URI_MAX_LENGTH, 'a');
  g_autofree char *bare = g_strdup_printf ("voir https://x.fr/%s fin", path);
  g_autofree char *link = g_strdup_printf ("voir [ici](https://x.fr/%s) fin", path);
  g_autofree char *ok = g_strdup_printf ("voir https://x.fr/%.2000s fin", path);
  g_autofree char *bare_html = rtes_fiche_text_to_html (bare);
  g_autofree char *link_html = rtes_fiche_text_to_html (link);
  g_autofree char *ok_html = rtes_fiche_text_to_html (ok);

  g_assert_null (strstr (bare_html, "<a "));
  g_assert_null (strstr (link_html, "<a "));
  g_assert_nonnull (strstr (link_html, "[ici](https://x.fr/aaa"));
  g_assert_nonnull (strstr (ok_html, "<a href=\"https://x.fr/aaa"));
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/export/text/paragraphs", test_paragraphs);
  g_test_add_func ("/export/text/empty", test_empty);
  g_test_add_func ("/export/text/nested-lists", test_nested_lists);
  g_test_add_func ("/export/text/numbered", test_numbered);
  g_test_add_func ("/export/text/continuation", test_continuation);
  g_test_add_func ("/export/text/links", test_links);
  g_test_add_func ("/export/text/uri-safety", test_uri_safety);
  g_test_add_func ("/export/text/sanitize", test_sanitize);
  g_test_add_func ("/export/text/deep-nesting", test_deep_nesting);
  g_test_add_func ("/export/text/random", test_random);
  g_test_add_func ("/export/text/linear", test_linear);
  g_test_add_func ("/export/text/long-uri", test_long_uri);
  g_test_add_func ("/export/html/text-escaping", test_html_escaping);
  g_test_add_func ("/export/html/text-structure", test_html_structure);
  g_test_add_func ("/export/html/escape", test_html_escape);
  g_test_add_func ("/export/pango/markup", test_pango_markup);

  return g_test_run ();
}
