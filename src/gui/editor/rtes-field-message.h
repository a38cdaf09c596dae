/* rtes-field-message.h: a validation message shown under the field it is about
 *
 * The model's validation (rtes_fiche_validate()) names each problem by a
 * member path ("address.postcode", "contacts[2].email"). Pages map paths to
 * the widgets that edit them and use these helpers to mark a widget: the
 * row gets the "error" or "warning" style class, an accessible description
 * and invalid state, and a short caption right under it (an extra row in a
 * boxed list, a label after the widget elsewhere).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rtes-validation.h"

G_BEGIN_DECLS

/* Shows @message under @field, or removes what was shown when @message is
 * NULL. Calling it again with the same text does nothing. While @field
 * holds the keyboard focus nothing changes: the message is shown when the
 * focus leaves it, so that the rows under the pointer never move while
 * someone types. */
void        rtes_field_message_set      (GtkWidget         *field,
                                         RtesIssueSeverity  severity,
                                         const char        *message);

/* A message about what is typed in @field rather than what the fiche holds
 * ("type a number"): shown as an error, and kept by
 * rtes_field_message_apply() until cleared with NULL. */
void        rtes_field_message_set_local (GtkWidget        *field,
                                          const char       *message);

/* The message currently shown for @field, or NULL. */
const char *rtes_field_message_get      (GtkWidget         *field);

/* Marks or clears every field of @fields (member path relative to @prefix →
 * GtkWidget) with the first warning or error of @issues whose path is
 * @prefix followed by the field's path. Missing items are left to the
 * editor's summary: a field left empty is not shown as a mistake. */
void        rtes_field_message_apply    (GHashTable        *fields,
                                         GPtrArray         *issues,
                                         const char        *prefix);

G_END_DECLS
