/* rtes-contacts-page.h: the fiche's public contacts
 *
 * A list of contact cards that can be added, removed and reordered
 * (RtesCardListPage); the role of each offers the roles used across the
 * library.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-card-list-page.h"
#include "rtes-library.h"

G_BEGIN_DECLS

#define RTES_TYPE_CONTACTS_PAGE (rtes_contacts_page_get_type ())
G_DECLARE_FINAL_TYPE (RtesContactsPage, rtes_contacts_page, RTES, CONTACTS_PAGE, RtesCardListPage)

GtkWidget   *rtes_contacts_page_new            (void);

RtesLibrary *rtes_contacts_page_get_library    (RtesContactsPage *self);
void         rtes_contacts_page_set_library    (RtesContactsPage *self,
                                                RtesLibrary      *library);

/* The roles offered, sorted: every role used in the library and in the
 * current fiche, plus a few common ones. A GListModel of GtkStringObject. */
GListModel  *rtes_contacts_page_get_roles      (RtesContactsPage *self);

/* What the "Add Contact" button does (see rtes_card_list_page_add()). */
RtesContact *rtes_contacts_page_add_contact    (RtesContactsPage *self);

GtkListBox  *rtes_contacts_page_get_list       (RtesContactsPage *self);

G_END_DECLS
