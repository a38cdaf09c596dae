/* rtes-identity-page.h: who the collectivity is and where it is
 *
 * Name, status, kind, région (suggested from the postcode), population,
 * year joined, last update, address and thematic tags.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-form-page.h"

G_BEGIN_DECLS

#define RTES_TYPE_IDENTITY_PAGE (rtes_identity_page_get_type ())
G_DECLARE_FINAL_TYPE (RtesIdentityPage, rtes_identity_page, RTES, IDENTITY_PAGE, RtesFormPage)

GtkWidget  *rtes_identity_page_new                  (void);

/* The région the postcode points to when it differs from the fiche's, or
 * NULL: what the suggestion row offers. */
const char *rtes_identity_page_get_suggested_region (RtesIdentityPage *self);

/* The date popover's calendar, for tests. */
GtkCalendar *rtes_identity_page_get_calendar         (RtesIdentityPage *self);

/* The tags: a chip per chosen lever with its remove button (NULL when
 * the fiche does not have @id), and "Add a Theme", whose popover lists
 * the others, filtered by its search entry (a row is NULL when the
 * fiche has it or the search hides it). For tests. */
GtkButton     *rtes_identity_page_get_tag_remove_button (RtesIdentityPage *self,
                                                         const char       *id);
GtkMenuButton *rtes_identity_page_get_add_tag_button    (RtesIdentityPage *self);
GtkEditable   *rtes_identity_page_get_tag_search        (RtesIdentityPage *self);
GtkListBoxRow *rtes_identity_page_get_tag_choice        (RtesIdentityPage *self,
                                                         const char       *id);

/* Tags the fiche's text points to that it does not have yet (see
 * rtes_tag_suggest()), each offered as a button; NULL before a fiche. */
const char * const *rtes_identity_page_get_suggested_tags (RtesIdentityPage *self);
GtkButton  *rtes_identity_page_get_suggestion_button (RtesIdentityPage *self,
                                                      const char       *id);

/* The entry row editing address line @index (0-based); the page always
 * keeps one empty row after the last line for typing a new one. */
AdwEntryRow *rtes_identity_page_get_address_line_row (RtesIdentityPage *self,
                                                      guint             index);

G_END_DECLS
