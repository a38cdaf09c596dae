/* fuzz-fiche-text.c: libFuzzer target for the fiche text markup
 *
 * Parses the input as a text section and renders it the three ways the
 * exporters and the window do, then checks what each promises: the HTML
 * fragment is well-formed XML made only of XML characters, and the Pango
 * markup parses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include <pango/pango.h>

#include "export-check.h"
#include "fuzz-common.h"

#include "rtes-fiche-text.h"

static void
check_html (const char *fragment)
{
  static const GMarkupParser parser = { NULL, NULL, NULL, NULL, NULL };
  g_autofree char *document = g_strconcat ("<div>", fragment, "</div>", NULL);
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_autoptr(GError) error = NULL;
  const char *p;

  if (!g_utf8_validate (document, -1, NULL))
    abort ();
  for (p = document; *p != '\0'; p = g_utf8_next_char (p))
    if (!html_is_xml_char (g_utf8_get_char (p)))
      {
        fprintf (stderr, "not an XML character: U+%04X\n", g_utf8_get_char (p));
        abort ();
      }
  if (!g_markup_parse_context_parse (context, document, -1, &error) ||
      !g_markup_parse_context_end_parse (context, &error))
    {
      fprintf (stderr, "HTML is not well-formed: %s\n", error->message);
      abort ();
    }
}

static void
check_markup (const char *markup)
{
  g_autoptr(GError) error = NULL;

  if (!pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, &error))
    {
      fprintf (stderr, "Pango markup does not parse: %s\n", error->message);
      abort ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_strndup (data, size);
  g_autoptr(RtesFicheText) parsed = rtes_fiche_text_parse (text);
  g_autofree char *html = rtes_fiche_text_to_html (text);
  g_autofree char *markup = rtes_fiche_text_to_pango_markup_full (text, RTES_FICHE_TEXT_MARKUP_DEFAULT);
  g_autofree char *label = rtes_fiche_text_to_pango_markup (text);

  if (parsed == NULL || html == NULL || markup == NULL || label == NULL)
    abort ();
  if (rtes_fiche_text_is_empty (parsed) != (html[0] == '\0'))
    abort ();
  check_html (html);
  check_markup (markup);
  return 0;
}
