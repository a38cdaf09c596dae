/* rtes-contact.h: one public contact of a fiche
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define RTES_TYPE_CONTACT (rtes_contact_get_type ())
G_DECLARE_FINAL_TYPE (RtesContact, rtes_contact, RTES, CONTACT, GObject)

/* Values of the "category" property (the format's strings). */
#define RTES_CONTACT_ELECTED "elected"
#define RTES_CONTACT_STAFF   "staff"

RtesContact *rtes_contact_new           (void);
RtesContact *rtes_contact_copy          (RtesContact *self);
gboolean     rtes_contact_equal         (RtesContact *a,
                                         RtesContact *b);

/* Every string getter returns "" rather than NULL: absent strings are "". */
/* The contact's identity within its fiche ("" when it has none): set once
 * when the contact is created here (rtes_item_key_new()), kept by copies,
 * edits and merges. Not shown to people. */
const char  *rtes_contact_get_key       (RtesContact *self);
void         rtes_contact_set_key       (RtesContact *self, const char *key);
const char  *rtes_contact_get_role      (RtesContact *self);
void         rtes_contact_set_role      (RtesContact *self, const char *role);
const char  *rtes_contact_get_category  (RtesContact *self);
void         rtes_contact_set_category  (RtesContact *self, const char *category);
const char  *rtes_contact_get_name      (RtesContact *self);
void         rtes_contact_set_name      (RtesContact *self, const char *name);
const char  *rtes_contact_get_title     (RtesContact *self);
void         rtes_contact_set_title     (RtesContact *self, const char *title);
const char  *rtes_contact_get_service   (RtesContact *self);
void         rtes_contact_set_service   (RtesContact *self, const char *service);
const char  *rtes_contact_get_email     (RtesContact *self);
void         rtes_contact_set_email     (RtesContact *self, const char *email);
const char  *rtes_contact_get_phone     (RtesContact *self);
void         rtes_contact_set_phone     (RtesContact *self, const char *phone);
gboolean     rtes_contact_get_rtes_board (RtesContact *self);
void         rtes_contact_set_rtes_board (RtesContact *self, gboolean rtes_board);

/* Members of the contact object that this version does not know, kept in
 * the order they were read so that they are written back unchanged. */
JsonObject  *rtes_contact_get_extra     (RtesContact *self);
void         rtes_contact_set_extra     (RtesContact *self, JsonObject *extra);

G_END_DECLS
