/* rtes-html-paste.h: HTML from the clipboard as fiche text
 *
 * What a web page, LibreOffice or Word puts on the clipboard as text/html
 * becomes fiche text (docs/fiche-format.md): paragraphs separated by a
 * blank line, "- " and "1. " list items nested by two spaces (HTML lists
 * and Word's "MsoListParagraph" ones alike), [label](https://…) links,
 * line breaks. Everything else is dropped without leaving a trace: tags,
 * styles, scripts, comments, Word's conditional bullets, entities (decoded),
 * runs of white space. Headings and table rows become paragraphs and
 * lines. Bold and italic are not fiche text, so their words stay and the
 * emphasis goes (see docs/editor.md).
 *
 * The reader is tolerant, as browsers are, but bounded: at most
 * RTES_HTML_PASTE_MAX_BYTES are read, nesting deeper than the fiche
 * format's lists is flattened, and the work is linear in the input. UTF-8,
 * UTF-16 (as Firefox offers text/html) and Windows-1252 are understood.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* More than a fiche can hold (1 MiB), so a real paste is never cut. */
#define RTES_HTML_PASTE_MAX_BYTES (4 * 1024 * 1024)

/* Fiche text for @length bytes of @html (-1: NUL-terminated); "" when
 * there is no text in it. Never NULL. */
char *rtes_fiche_text_from_html (const char *html,
                                 gssize      length);

G_END_DECLS
