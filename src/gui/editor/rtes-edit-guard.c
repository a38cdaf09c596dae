/* rtes-edit-guard.c: telling a person's edits from the editor's refills
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-edit-guard.h"

void
rtes_edit_guard_refill_begin (RtesEditGuard *guard)
{
  guard->refilling++;
}

void
rtes_edit_guard_refill_end (RtesEditGuard *guard)
{
  g_return_if_fail (guard->refilling > 0);
  guard->refilling--;
}

gboolean
rtes_edit_guard_is_refilling (const RtesEditGuard *guard)
{
  return guard->refilling > 0;
}

gboolean
rtes_edit_guard_begin (RtesEditGuard *guard,
                       gpointer       source)
{
  if (guard->refilling > 0)
    return FALSE;
  if (guard->editing++ == 0)
    guard->source = source;
  return TRUE;
}

gboolean
rtes_edit_guard_end (RtesEditGuard *guard)
{
  g_return_val_if_fail (guard->editing > 0, FALSE);
  if (--guard->editing > 0)
    return FALSE;
  guard->source = NULL;
  return TRUE;
}

gboolean
rtes_edit_guard_is_editing (const RtesEditGuard *guard)
{
  return guard->editing > 0;
}

gboolean
rtes_edit_guard_is_source (const RtesEditGuard *guard,
                           gpointer             widget)
{
  return guard->editing > 0 && widget != NULL && guard->source == widget;
}

void
rtes_edit_guard_sync_editable (const RtesEditGuard *guard,
                               GtkEditable         *editable,
                               const char          *text)
{
  if (text == NULL)
    text = "";
  if (rtes_edit_guard_is_source (guard, editable))
    return;
  if (g_strcmp0 (gtk_editable_get_text (editable), text) != 0)
    gtk_editable_set_text (editable, text);
}
