/* rtes-finding.h: one thing the review of a fiche found to look at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A finding says what is wrong (its kind and a message), where (the
 * fiche, the field as a path of rtes-fiche-path.h, and the bytes of the
 * field's value it is about), how bad it is (a severity; errors block
 * publishing) and, where there is one, what would put it right: a fix
 * that replaces those bytes, or suggestions to choose from.
 *
 * The checks are in rtes-review.h (GTK-free, no dictionary), the spelling
 * and the links in src/review/. See docs/review.md.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * RtesFindingKind:
 * @RTES_FINDING_PLACEHOLDER: an editor's filler left in ("blabla", "XXX",
 *   "à compléter", "[…]", a field of punctuation only); blocks publishing
 * @RTES_FINDING_SPELLING: a word the French dictionary and the library's
 *   own words do not know, or a form the RTES avoids
 * @RTES_FINDING_TYPOGRAPHY: French typography (apostrophes, no-break
 *   spaces, « », "...", double spaces); comes with a fix
 * @RTES_FINDING_STALE: out of date: the budget's latest year, the fiche's
 *   last update
 * @RTES_FINDING_MISSING: a part of a complete fiche left empty (the
 *   validator's completeness rules)
 * @RTES_FINDING_INVALID: a value the validator finds wrong (errors block
 *   publishing)
 * @RTES_FINDING_CONTACT: a contact that looks wrong: an e-mail domain
 *   unlike the others, a phone that is not French, a person listed twice
 * @RTES_FINDING_DUPLICATE: another fiche of the library has the same name,
 *   or the same postcode and kind
 * @RTES_FINDING_LINK: a link of the fiche's text that does not answer
 */
typedef enum {
  RTES_FINDING_PLACEHOLDER,
  RTES_FINDING_SPELLING,
  RTES_FINDING_TYPOGRAPHY,
  RTES_FINDING_STALE,
  RTES_FINDING_MISSING,
  RTES_FINDING_INVALID,
  RTES_FINDING_CONTACT,
  RTES_FINDING_DUPLICATE,
  RTES_FINDING_LINK,
  RTES_FINDING_N_KINDS
} RtesFindingKind;

typedef enum {
  RTES_FINDING_NOTE,      /* worth a look */
  RTES_FINDING_WARNING,   /* probably wrong */
  RTES_FINDING_ERROR,     /* must be settled before publishing */
} RtesFindingSeverity;

typedef struct {
  RtesFindingKind      kind;
  RtesFindingSeverity  severity;
  char                *id;           /* the fiche's id; "" until set */
  char                *field;        /* "panorama", "contacts[2].email" */
  char                *text;         /* what is wrong, as written; "" for an empty field */
  gssize               start;        /* bytes of @text in the field's value, */
  gssize               end;          /* or -1 and -1: the field as a whole */
  char                *message;      /* translated, without @text */
  GStrv                suggestions;  /* never NULL; may be empty */
  char                *fix;          /* replaces [start, end); NULL: none */
} RtesFinding;

#define RTES_TYPE_FINDING (rtes_finding_get_type ())
GType        rtes_finding_get_type      (void) G_GNUC_CONST;

/* @text NULL is "". @start and @end are -1 for the whole field. */
RtesFinding *rtes_finding_new           (RtesFindingKind      kind,
                                         RtesFindingSeverity  severity,
                                         const char          *field,
                                         const char          *text,
                                         gssize               start,
                                         gssize               end,
                                         const char          *message);
RtesFinding *rtes_finding_copy          (const RtesFinding   *finding);
void         rtes_finding_free          (RtesFinding         *finding);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RtesFinding, rtes_finding_free)

void         rtes_finding_set_id        (RtesFinding         *finding,
                                         const char          *id);
void         rtes_finding_set_fix       (RtesFinding         *finding,
                                         const char          *fix);
/* Takes @suggestions (NULL: none). */
void         rtes_finding_take_suggestions (RtesFinding      *finding,
                                            GStrv             suggestions);

/* Errors block publishing: placeholders are always errors. */
gboolean     rtes_finding_is_blocking   (const RtesFinding   *finding);
gboolean     rtes_findings_have_blocking (GPtrArray          *findings);
/* How many of @findings block publishing. */
guint        rtes_findings_count_blocking (GPtrArray         *findings);

/* "placeholder", "spelling"…: stable names for the command line, JSON and
 * the override records; never translated. */
const char  *rtes_finding_kind_to_string (RtesFindingKind    kind);
/* "note", "warning", "error": stable names. */
const char  *rtes_finding_severity_to_string (RtesFindingSeverity severity);
/* The kind for people: "Placeholder", "Spelling"… (translated). */
const char  *rtes_finding_kind_label     (RtesFindingKind    kind);

/* Sorts @findings (RtesFinding*) by fiche id, then field in the fiche's
 * order, then position. */
void         rtes_findings_sort          (GPtrArray         *findings);

G_END_DECLS
