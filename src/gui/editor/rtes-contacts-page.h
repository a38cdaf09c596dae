/* rtes-contacts-page.h: the fiche's public contacts
 *
 * A list of contact cards that can be added, removed and reordered; the
 * role of each offers the roles used across the library.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-form-page.h"
#include "rtes-library.h"

G_BEGIN_DECLS

#define RTES_TYPE_CONTACTS_PAGE (rtes_contacts_page_get_type ())
G_DECLARE_FINAL_TYPE (RtesContactsPage, rtes_contacts_page, RTES, CONTACTS_PAGE, RtesFormPage)

GtkWidget   *rtes_contacts_page_new            (void);

RtesLibrary *rtes_contacts_page_get_library    (RtesContactsPage *self);
void         rtes_contacts_page_set_library    (RtesContactsPage *self,
                                                RtesLibrary      *library);

/* The roles offered, sorted: every role used in the library and in the
 * current fiche, plus a few common ones. A GListModel of GtkStringObject. */
GListModel  *rtes_contacts_page_get_roles      (RtesContactsPage *self);

RtesContact *rtes_contacts_page_add_contact    (RtesContactsPage *self);
void         rtes_contacts_page_remove_contact (RtesContactsPage *self,
                                                guint             position);
void         rtes_contacts_page_move_contact   (RtesContactsPage *self,
                                                guint             position,
                                                int               delta);

GtkListBox  *rtes_contacts_page_get_list       (RtesContactsPage *self);

G_END_DECLS
