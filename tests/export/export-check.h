/* export-check.h: reading exported HTML back for assertions
 *
 * The HTML exporter writes pages that are also well-formed XML, so the
 * tests parse them with GMarkup and look at elements, attributes and text
 * rather than grepping strings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The Char production of XML 1.0: GMarkup lets others through (U+FFFF,
 * C0 controls), which XML parsers and browsers' XHTML mode refuse. Inline
 * for the fuzz target of the fiche text, which links no test code. */
static inline gboolean
html_is_xml_char (gunichar c)
{
  return c == 0x9 || c == 0xa || c == 0xd ||
         (c >= 0x20 && c <= 0xd7ff) ||
         (c >= 0xe000 && c <= 0xfffd) ||
         (c >= 0x10000 && c <= 0x10ffff);
}

typedef struct {
  char       *name;
  GHashTable *attributes;   /* name → value */
  GString    *text;         /* all text inside, descendants included */
} HtmlElement;

typedef struct {
  GPtrArray *elements;      /* HtmlElement*, in document order */
} HtmlDoc;

/* Parses @html, failing the test if it is not well-formed. */
HtmlDoc     *html_doc_parse   (const char *html);
void         html_doc_free    (HtmlDoc    *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtmlDoc, html_doc_free)

/* Elements named @name (and with class @klass if not NULL), in order. */
GPtrArray   *html_doc_find    (HtmlDoc    *doc,
                               const char *name,
                               const char *klass);
/* The text of each element html_doc_find() returns, stripped. */
GStrv        html_doc_texts   (HtmlDoc    *doc,
                               const char *name,
                               const char *klass);

/* Asserts what must hold for any page we write: lang="fr", a charset,
 * a title, one embedded stylesheet with print rules, no script, no
 * external resource, no event handler attribute, and only safe or
 * relative link targets. */
void         html_doc_assert_safe (HtmlDoc *doc);

G_END_DECLS
