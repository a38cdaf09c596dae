/* rtes-export.h: what the HTML and PDF exporters share
 *
 * The error domain, the progress callback, choosing and ordering the
 * fiches of an export, and the French wording of values. Exported
 * documents are always French whatever the interface language, so the
 * labels and formats here are literal French, not translated strings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rtes-fiche.h"
#include "rtes-french.h"
#include "rtes-library.h"

G_BEGIN_DECLS

#define RTES_EXPORT_ERROR (rtes_export_error_quark ())

/**
 * RtesExportError:
 * @RTES_EXPORT_ERROR_NOTHING: the selection holds no fiche, or names one
 *   the library does not have
 * @RTES_EXPORT_ERROR_BROKEN_FICHE: a selected fiche's file did not load
 * @RTES_EXPORT_ERROR_TARGET: the target exists and is not something an
 *   export may replace (a folder with other files, a folder where a file
 *   is expected…)
 * @RTES_EXPORT_ERROR_WRITE: writing the result failed; nothing was replaced
 * @RTES_EXPORT_ERROR_RENDER: cairo could not render the document
 */
typedef enum {
  RTES_EXPORT_ERROR_NOTHING,
  RTES_EXPORT_ERROR_BROKEN_FICHE,
  RTES_EXPORT_ERROR_TARGET,
  RTES_EXPORT_ERROR_WRITE,
  RTES_EXPORT_ERROR_RENDER,
} RtesExportError;

GQuark rtes_export_error_quark (void);

/* Called after each fiche is rendered (and once with @done == 0 and a
 * NULL name before the first), from the thread that runs the export.
 * @fiche_name is sanitized (valid UTF-8, no control characters). */
typedef void (*RtesExportProgressFunc) (guint       done,
                                        guint       total,
                                        const char *fiche_name,
                                        gpointer    user_data);

/* ---- selection ------------------------------------------------------- */

/* Sorts @fiches (RtesFiche*) in place in the order of every export: by
 * région (those without one last), then kind in the vocabulary's order,
 * then name, compared the way French readers expect. */
void        rtes_export_sort           (GPtrArray  *fiches);

/* Fiches of @library to export: those named by @ids (all of them if @ids
 * is NULL or empty), then only those in région @region and of kind @kind
 * when these are not NULL. @region is matched against the official name
 * ignoring case and accents; @kind is a kind id or its French label. An
 * unknown id, or a broken fiche among those named, is an error; the
 * result is sorted with rtes_export_sort() and may be empty. */
GPtrArray  *rtes_export_select         (RtesLibrary        *library,
                                        const char * const *ids,
                                        const char         *region,
                                        const char         *kind,
                                        GError            **error);

/* Heading of a fiche's group: the région's French name, or "Région non
 * renseignée"; the kind's French label, or "Type non renseigné". */
const char *rtes_export_region_label   (RtesFiche  *fiche);
const char *rtes_export_kind_label     (RtesFiche  *fiche);

/* ---- French values ----------------------------------------------------- */

/* Amounts and counts: rtes_french_euros() and rtes_french_integer() of
 * src/core/rtes-french.h. */
/* "2026-11-20" → "20/11/2026"; anything else is returned as it is. */
char       *rtes_format_date           (const char *iso_date);
/* Today as "20/11/2026" (the export date of footers and covers). */
char       *rtes_format_today          (void);

/* One row of a fiche's identity block: a label and one or more lines. */
typedef struct {
  const char *label;          /* French, static */
  GStrv       lines;          /* sanitized values, at least one */
} RtesExportField;

void        rtes_export_field_free     (RtesExportField *field);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RtesExportField, rtes_export_field_free)

/* The identity block in the site's order: "Année d'adhésion au RTES",
 * "Type de collectivité", "Nombre d'habitants sur le territoire",
 * "Adresse", "Région", then the fiche's tags ("Leviers de l'ESS", one
 * French label a line). Fields the fiche leaves empty are left out.
 * Returns a GPtrArray of RtesExportField*. */
GPtrArray  *rtes_export_identity       (RtesFiche  *fiche);

/* Description of a budget line's columns, sanitized: "Fonctionnement",
 * "Investissement" or ""; "2023", "2023 (prévisionnel)", "Prévisionnel"
 * or "". */
char       *rtes_export_budget_section (RtesBudgetLine *line);
char       *rtes_export_budget_year    (RtesBudgetLine *line);

/* The content sections in the site's order. */
typedef enum {
  RTES_EXPORT_PANORAMA,
  RTES_EXPORT_BUDGET,
  RTES_EXPORT_PROGRAMME,
  RTES_EXPORT_ACTIONS,
  RTES_EXPORT_N_SECTIONS
} RtesExportSection;

const char *rtes_export_section_heading (RtesExportSection section);
/* The section's fiche text (raw, parse it with rtes_fiche_text_parse()). */
const char *rtes_export_section_text    (RtesFiche        *fiche,
                                         RtesExportSection section);
/* TRUE if the section has anything to show (the budget: text or lines). */
gboolean    rtes_export_section_present (RtesFiche        *fiche,
                                         RtesExportSection section);

/* "mailto:<address>" for a contact's e-mail that looks like one address
 * (local@domain, no space, colon, slash or markup), else NULL: such a
 * value is shown as text, never as a link. */
char       *rtes_export_mailto          (const char       *email);
/* A "tel:" URI (RFC 3966) for a phone number as people write it
 * ("03 85 77 51 51", "+33 3 85…", "(0)3.85…"): French national numbers
 * become global ones ("tel:+33385775151"); NULL when @phone holds
 * anything but digits, spaces, ".", "-", "(", ")" and a leading "+", or
 * fewer than three digits. */
char       *rtes_export_tel             (const char       *phone);

/* The exports' own French, in the typography the review checks fiches
 * for (rtes-review.h): ’ for apostrophes, a narrow no-break space before
 * ":" (U+202F), written as the characters themselves. The export tests
 * run the review's typography check over these and over exported pages. */
#define RTES_EXPORT_LABEL_UPDATED  "Dernière mise à jour"
#define RTES_EXPORT_LABEL_DRAFT    "Fiche en cours de rédaction"
#define RTES_EXPORT_LABEL_CONTACTS "Contact public"
#define RTES_EXPORT_LABEL_BOARD    "Administrateur du RTES"
#define RTES_EXPORT_LABEL_TAGS     "Leviers de l’ESS"
#define RTES_EXPORT_LABEL_NETWORK  "Le réseau en chiffres"
#define RTES_EXPORT_NETWORK_NAME   "Réseau des collectivités Territoriales pour une Économie Solidaire"
#define RTES_EXPORT_LABEL_MEMBER_SINCE "Année d’adhésion au RTES"
#define RTES_EXPORT_LABEL_KIND         "Type de collectivité"
#define RTES_EXPORT_LABEL_POPULATION   "Nombre d’habitants sur le territoire"
#define RTES_EXPORT_LABEL_ADDRESS      "Adresse"
#define RTES_EXPORT_LABEL_REGION       "Région"
/* The booklet's cover. */
#define RTES_EXPORT_BOOKLET_INTRO \
  "Chaque fiche présente une collectivité adhérente du RTES\u202f: " \
  "son panorama de l’économie sociale et solidaire, le budget " \
  "qu’elle y consacre, son programme d’intervention, des exemples " \
  "d’actions soutenues et ses contacts."

/* "Dernière mise à jour : 14/10/2026" (a narrow no-break space before
 * the colon), or NULL when the fiche gives no date. */
char       *rtes_export_updated_line    (RtesFiche        *fiche);

/* Every fixed text the exporters print (headings, labels, the wording of
 * values, the vocabulary's French labels), for the tests that hold them
 * to the review's typography. Borrowed strings; free the array. */
GPtrArray  *rtes_export_fixed_texts     (void);

G_END_DECLS
