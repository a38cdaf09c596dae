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
 * Plain fields (an entry for a text, a switch for a yes or no) are bound
 * instead: rtes_edit_guard_bind() ties the widget to a property of the
 * model by name, both ways, like g_object_bind_property(), except that
 * each write goes through the owner's begin/end, so that it is an edit
 * of the document (one undo step per burst of typing, journaled, dated)
 * and the widget being typed in is never refilled under the cursor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct {
  guint      refilling;   /* depth of refills */
  guint      editing;     /* depth of edits: a write may cause another */
  gpointer   source;      /* the widget of the outermost edit */
  GPtrArray *bound;       /* the bound fields, see rtes_edit_guard_bind() */
} RtesEditGuard;

/* Writes @value to @property of the owner's model, between the owner's
 * begin and end of an edit naming @widget. */
typedef void (*RtesEditWrite) (gpointer      owner,
                               GtkWidget    *widget,
                               const char   *property,
                               const GValue *value);

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
 * right now or already shows it; the cursor goes where the change ends. */
void     rtes_edit_guard_sync_editable (const RtesEditGuard *guard,
                                        GtkEditable         *editable,
                                        const char          *text);

/* @widget: a GtkEditable (a string property) or a GtkSwitch (a boolean
 * one). What the person changes in it goes to @write; refills show the
 * model's value (rtes_edit_guard_refill_bound()). */
void     rtes_edit_guard_bind          (RtesEditGuard *guard,
                                        GtkWidget     *widget,
                                        const char    *property,
                                        RtesEditWrite  write,
                                        gpointer       owner);
void     rtes_edit_guard_refill_bound  (const RtesEditGuard *guard,
                                        GObject             *model);
/* Unbinds every field: the owner's dispose, while its widgets live. */
void     rtes_edit_guard_clear         (RtesEditGuard *guard);

G_END_DECLS
