/* rtes-spelling.h: spelling as one types, in every prose field of a page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rtes-review-context.h"

G_BEGIN_DECLS

/* Underlines misspelt words, as one types, in every text field and text
 * view under @root that holds French prose (not names, e-mails, phone
 * numbers, numbers: see the input purposes), with suggestions and "Add to
 * Dictionary" in their context menu. Call again after rows are rebuilt:
 * widgets already attached are left alone. */
void rtes_spelling_attach_under (GtkWidget         *root,
                                 RtesReviewContext *context);

G_END_DECLS
