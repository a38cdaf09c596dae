/* rtes-contact-row.h: one public contact in the Contacts page's list
 *
 * An expander row reading "name — role" when collapsed, with every member
 * of the contact when expanded. The role offers the roles used across the
 * library. Like the budget rows, it writes to its RtesContact at once,
 * refills from the contact's notifications without touching the field
 * being typed in, and asks the page to move or remove it (::move, ::remove).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rtes-contact.h"

G_BEGIN_DECLS

#define RTES_TYPE_CONTACT_ROW (rtes_contact_row_get_type ())
G_DECLARE_FINAL_TYPE (RtesContactRow, rtes_contact_row, RTES, CONTACT_ROW, AdwExpanderRow)

GtkWidget   *rtes_contact_row_new              (RtesContact    *contact,
                                                GListModel     *roles);
RtesContact *rtes_contact_row_get_contact      (RtesContactRow *self);

void         rtes_contact_row_set_position     (RtesContactRow *self,
                                                guint           position,
                                                guint           n_items);
void         rtes_contact_row_show_issues      (RtesContactRow *self,
                                                GPtrArray      *issues,
                                                guint           position);
/* The field holding the keyboard focus ("email"…) and its cursor, or NULL;
 * and putting the focus back there in a new row for the same contact. */
const char  *rtes_contact_row_get_focus        (RtesContactRow *self,
                                                int            *position);
void         rtes_contact_row_restore_focus    (RtesContactRow *self,
                                                const char     *field,
                                                int             position);
/* Expands the row and focuses the field @field ("name", "email"…). */
gboolean     rtes_contact_row_focus_field      (RtesContactRow *self,
                                                const char     *field);

G_END_DECLS
