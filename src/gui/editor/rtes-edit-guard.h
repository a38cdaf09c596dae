/* rtes-edit-guard.h: telling a person's edits from the editor's refills
 *
 * A page or a card shows the model's values in widgets, and writes what
 * a person types back into the model. The two must never feed each other:
 * a refill (the model changed, the widgets show it) is no edit, and while
 * a widget writes, the model's change must not be put back into that very
 * widget (the cursor would jump). RtesFormPage and RtesCardRow each hold
 * one guard and follow this protocol through it:
 *
 *   rtes_edit_guard_refill_begin (&guard);  … set widgets …  _refill_end ()
 *   if (rtes_edit_guard_begin (&guard, widget)) { … write … ; _end () }
 *   rtes_edit_guard_sync_editable (&guard, entry, value);
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct {
  guint    refilling;   /* depth of refills */
  guint    editing;     /* depth of edits: a write may cause another */
  gpointer source;      /* the widget of the outermost edit */
} RtesEditGuard;

void     rtes_edit_guard_refill_begin  (RtesEditGuard *guard);
void     rtes_edit_guard_refill_end    (RtesEditGuard *guard);
gboolean rtes_edit_guard_is_refilling  (const RtesEditGuard *guard);

/* FALSE during a refill (the change is not a person's). Nested edits keep
 * the outermost source: the widget being typed in. */
gboolean rtes_edit_guard_begin         (RtesEditGuard *guard,
                                        gpointer       source);
/* TRUE when the outermost edit ended. */
gboolean rtes_edit_guard_end           (RtesEditGuard *guard);
gboolean rtes_edit_guard_is_editing    (const RtesEditGuard *guard);
gboolean rtes_edit_guard_is_source     (const RtesEditGuard *guard,
                                        gpointer             widget);

/* Shows @text (NULL: empty) in @editable, unless @editable is writing it
 * right now or already shows it. */
void     rtes_edit_guard_sync_editable (const RtesEditGuard *guard,
                                        GtkEditable         *editable,
                                        const char          *text);

G_END_DECLS
