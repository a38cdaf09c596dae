/* rtes-text-section-page.h: the page for one fiche text section
 *
 * One class for every section written in fiche text: Panorama, Programme
 * and Actions each get a page of their own, and the Budget page embeds one
 * for its narrative. The page shows the site's label of the section, an
 * RtesFicheTextView to write in, and a live preview of the section as the
 * exports will render it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-format-bar.h"

#include "rtes-form-page.h"

G_BEGIN_DECLS

typedef enum {
  RTES_FICHE_SECTION_PANORAMA,
  RTES_FICHE_SECTION_BUDGET,
  RTES_FICHE_SECTION_PROGRAMME,
  RTES_FICHE_SECTION_ACTIONS,
} RtesFicheSection;

#define RTES_TYPE_FICHE_SECTION (rtes_fiche_section_get_type ())
GType rtes_fiche_section_get_type (void) G_GNUC_CONST;

#define RTES_TYPE_TEXT_SECTION_PAGE (rtes_text_section_page_get_type ())
G_DECLARE_FINAL_TYPE (RtesTextSectionPage, rtes_text_section_page, RTES, TEXT_SECTION_PAGE, RtesFormPage)

GtkWidget        *rtes_text_section_page_new          (RtesFicheSection     section);


GtkTextView      *rtes_text_section_page_get_view     (RtesTextSectionPage *self);
GtkLabel         *rtes_text_section_page_get_preview  (RtesTextSectionPage *self);
/* The link and list buttons above the view. */
RtesFormatBar    *rtes_text_section_page_get_format_bar (RtesTextSectionPage *self);

G_END_DECLS
