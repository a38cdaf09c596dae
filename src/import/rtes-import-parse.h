/* rtes-import-parse.h: reading the values of the site's text export
 *
 * Small, pure functions that turn the wording of one field into fiche
 * values. The text export parser calls them; tests call them directly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-fiche.h"
#include "rtes-imported-fiche.h"

G_BEGIN_DECLS

/* One line of an export. */
typedef struct {
  guint  number;   /* 1-based */
  guint  indent;   /* leading white space in columns (NBSP counts as one) */
  char  *text;     /* without leading and trailing white space */
  char  *folded;   /* rtes_text_fold (text): accents, case, apostrophes, spaces */
} RtesImportLine;

RtesImportLine *rtes_import_line_new  (guint       number,
                                       const char *raw,
                                       gsize       length);
void            rtes_import_line_free (RtesImportLine *line);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RtesImportLine, rtes_import_line_free)

/* Section body lines (RtesImportLine*) → fiche text: one paragraph per
 * line, bullets ("•", "-", ".", "A -", "1.", "1 /"…) as list items,
 * indentation and marker changes as nesting. Returns "" for no lines. */
char       *rtes_import_section_text    (GPtrArray  *lines);

/* TRUE if @text starts with a list marker ("•", "-", "1.", "A -"…). */
gboolean    rtes_import_is_list_item    (const char *text);

/* An amount of euros found in a text. */
typedef struct {
  gsize  start;   /* byte offsets in the text searched */
  gsize  end;
  double amount;
} RtesImportAmount;

/* Every amount of euros in @text, in order: "29000€", "6.1 M€",
 * "614 000€", "40 000 euros", "1 million d'€", "15 k€"… Numbers without
 * a currency are not amounts. Returns a GArray of RtesImportAmount. */
GArray     *rtes_import_find_amounts    (const char *text);

/* Budget lines (RtesBudgetLine*) stated by a budget section: @heading is
 * the section's heading line, @lines its body. */
GPtrArray  *rtes_import_budget_lines    (const char *heading,
                                         GPtrArray  *lines);

/* "145000 hab.", "2 820 940", "La communauté … compte 97 000 habitants."
 * → the number (RTES_NO_NUMBER if none); *@is_sentence is TRUE when the
 * text says more than a number and should be kept as population_note. */
gint64      rtes_import_parse_population (const char *text,
                                          gboolean   *is_sentence);

/* "02/03/2022", "2 mars 2022", "2022-03-02" → "2022-03-02", or NULL. */
char       *rtes_import_parse_date      (const char *text);

/* First plausible year (1900–2099) in @text, or RTES_NO_NUMBER. */
gint64      rtes_import_parse_year      (const char *text);

/* The format's kind for a "Type de collectivité" label, or NULL. */
const char *rtes_import_kind_for_label  (const char *label);

/* Contact block lines → RtesContact* list. Lines that fit no contact are
 * given to @imported as notes. */
GPtrArray  *rtes_import_contacts        (GPtrArray         *lines,
                                         RtesImportedFiche *imported);

/* "elected" or "staff" from the wording of a role (and title). */
const char *rtes_import_contact_category (const char *role,
                                          const char *title);

G_END_DECLS
