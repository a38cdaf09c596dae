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

/* Where the change from @before to @after ends in @after, in characters:
 * after an undo or a redo the cursor goes there, as in a text editor,
 * rather than back to the start of the field. */
static int
end_of_change (const char *before,
               const char *after)
{
  const char *b = before, *a = after;
  const char *before_end = before + strlen (before);
  const char *after_end = after + strlen (after);

  while (*b != '\0' && *b == *a)
    b++, a++;
  while (before_end > b && after_end > a && before_end[-1] == after_end[-1])
    before_end--, after_end--;
  /* Bytes were compared: step out of the middle of a character. */
  while (*after_end != '\0' && (*after_end & 0xc0) == 0x80)
    after_end++;
  return (int) g_utf8_pointer_to_offset (after, after_end);
}

void
rtes_edit_guard_sync_editable (const RtesEditGuard *guard,
                               GtkEditable         *editable,
                               const char          *text)
{
  g_autofree char *shown = NULL;

  if (text == NULL)
    text = "";
  if (rtes_edit_guard_is_source (guard, editable))
    return;
  shown = g_strdup (gtk_editable_get_text (editable));
  if (g_strcmp0 (shown, text) == 0)
    return;
  gtk_editable_set_text (editable, text);
  gtk_editable_set_position (editable, end_of_change (shown, text));
}

/* Bound fields ------------------------------------------------------------ */

typedef struct {
  GtkWidget     *widget;     /* owned: disconnected in rtes_edit_guard_clear() */
  const char    *property;   /* interned */
  RtesEditWrite  write;
  gpointer       owner;
} BoundField;

static void
write_bound_field (BoundField *field)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (GTK_IS_EDITABLE (field->widget))
    g_value_set_string (g_value_init (&value, G_TYPE_STRING),
                        gtk_editable_get_text (GTK_EDITABLE (field->widget)));
  else
    g_value_set_boolean (g_value_init (&value, G_TYPE_BOOLEAN),
                         gtk_switch_get_active (GTK_SWITCH (field->widget)));
  field->write (field->owner, field->widget, field->property, &value);
}

void
rtes_edit_guard_bind (RtesEditGuard *guard,
                      GtkWidget     *widget,
                      const char    *property,
                      RtesEditWrite  write,
                      gpointer       owner)
{
  g_autofree char *name = g_strdelimit (g_strdup (property), "_", '-');
  BoundField *field;

  g_return_if_fail (GTK_IS_EDITABLE (widget) || GTK_IS_SWITCH (widget));

  /* "population_note" in a member path is the "population-note" property. */
  field = g_new (BoundField, 1);
  *field = (BoundField) { g_object_ref (widget), g_intern_string (name), write, owner };
  if (guard->bound == NULL)
    guard->bound = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (guard->bound, field);
  g_signal_connect_swapped (widget, GTK_IS_EDITABLE (widget) ? "changed" : "notify::active",
                            G_CALLBACK (write_bound_field), field);
}

void
rtes_edit_guard_refill_bound (const RtesEditGuard *guard,
                              GObject             *model)
{
  for (guint i = 0; guard->bound != NULL && i < guard->bound->len; i++)
    {
      BoundField *field = g_ptr_array_index (guard->bound, i);
      g_auto(GValue) value = G_VALUE_INIT;

      if (rtes_edit_guard_is_source (guard, field->widget))
        continue;
      g_object_get_property (model, field->property,
                             g_value_init (&value, GTK_IS_EDITABLE (field->widget)
                                                   ? G_TYPE_STRING : G_TYPE_BOOLEAN));
      if (GTK_IS_EDITABLE (field->widget))
        rtes_edit_guard_sync_editable (guard, GTK_EDITABLE (field->widget),
                                       g_value_get_string (&value));
      else if (gtk_switch_get_active (GTK_SWITCH (field->widget)) != g_value_get_boolean (&value))
        gtk_switch_set_active (GTK_SWITCH (field->widget), g_value_get_boolean (&value));
    }
}

void
rtes_edit_guard_clear (RtesEditGuard *guard)
{
  for (guint i = 0; guard->bound != NULL && i < guard->bound->len; i++)
    {
      BoundField *field = g_ptr_array_index (guard->bound, i);

      g_signal_handlers_disconnect_by_data (field->widget, field);
      g_object_unref (field->widget);
    }
  g_clear_pointer (&guard->bound, g_ptr_array_unref);
}
