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
