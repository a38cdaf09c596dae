/* rtes-vcard.h: the public contacts of fiches as vCard 4.0
 *
 * One card per contact (RFC 6350), in UTF-8 with CRLF line ends, lines
 * folded at 75 octets without splitting a character, and text values
 * escaped ("\\", "\,", "\;", "\n"). Each card carries FN and N (the name
 * split the way French names are written), ORG (the collectivity, then
 * the contact's service), TITLE, ROLE, EMAIL, TEL, ADR (the
 * collectivity's address), CATEGORIES ("RTES", "Élus" or "Agents",
 * "Administrateurs du RTES") and a NOTE naming the fiche. The UID is made
 * from the fiche's id and the contact's key (or its name and role), so a
 * second export of the same contact updates it in an address book rather
 * than adding a copy. Values are French, like every export.
 *
 * GNOME Contacts and Evolution read these files through
 * evolution-data-server's parser; the tests parse them back with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-export.h"

G_BEGIN_DECLS

/* The card of one contact of @fiche, CRLF line ends included. */
char     *rtes_vcard_contact      (RtesFiche    *fiche,
                                   RtesContact  *contact);

/* The cards of every contact of @fiches (RtesFiche*, in their order;
 * fiches that did not load are left out). @n_cards, if not NULL, is set
 * to the number of cards. "" when there is no contact. */
char     *rtes_vcard_from_fiches  (GPtrArray    *fiches,
                                   guint        *n_cards);

/* Writes rtes_vcard_from_fiches() to @path atomically. Fails with
 * RTES_EXPORT_ERROR_NOTHING when the fiches have no contact (an empty
 * file is not written), RTES_EXPORT_ERROR_WRITE when the file cannot be
 * written (nothing replaced). */
gboolean  rtes_vcard_write        (GPtrArray    *fiches,
                                   const char   *path,
                                   guint        *n_cards,
                                   GError      **error);

/* A contact's details as text to paste in a mail or a note: name, title,
 * role, service, collectivity (@fiche may be NULL), e-mail and phone, one
 * a line. */
char     *rtes_vcard_contact_text (RtesFiche    *fiche,
                                   RtesContact  *contact);

/* Escapes @text as a vCard text value (RFC 6350 section 3.4). */
char     *rtes_vcard_escape       (const char   *text);

G_END_DECLS
