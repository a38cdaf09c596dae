/* rtes-contact-row.h: one public contact in the Contacts page's list
 *
 * An expander row reading "name — role" when collapsed, with every member
 * of the contact when expanded. The role offers the roles used across the
 * library, gathered by the page on ::roles-wanted. Like the budget rows
 * it is an RtesCardRow: its menu's actions are contact.move-up,
 * contact.move-down and contact.remove.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-card-row.h"
#include "rtes-contact.h"

G_BEGIN_DECLS

#define RTES_TYPE_CONTACT_ROW (rtes_contact_row_get_type ())
G_DECLARE_FINAL_TYPE (RtesContactRow, rtes_contact_row, RTES, CONTACT_ROW, RtesCardRow)

GtkWidget   *rtes_contact_row_new         (RtesContact    *contact,
                                           GListModel     *roles);
RtesContact *rtes_contact_row_get_contact (RtesContactRow *self);

G_END_DECLS
