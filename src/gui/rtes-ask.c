/* rtes-ask.c: a question in a message dialog
 *
 * Every question the window asks is an AdwMessageDialog: a heading, a
 * body, a few responses, one the answer of Entrée and one that of Escape.
 * rtes_ask() builds and presents it in one call and gives the answer to a
 * callback with the caller's own typed data, held by the dialog's signal
 * closure: nothing travels on the dialog as object data. One answer only:
 * Entrée in a field then a click while the dialog closes must not, say,
 * make two fiches.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-ask.h"

typedef struct {
  GWeakRef        owner;
  RtesAskFunc     func;
  gpointer        data;
  GDestroyNotify  destroy;
} Ask;

static void
ask_free (gpointer user_data,
          GClosure *closure)
{
  Ask *ask = user_data;

  if (ask->data != NULL && ask->destroy != NULL)
    ask->destroy (ask->data);
  g_weak_ref_clear (&ask->owner);
  g_free (ask);
}

static void
ask_response (AdwMessageDialog *dialog,
              const char       *response,
              Ask              *ask)
{
  g_autoptr(GObject) owner = g_weak_ref_get (&ask->owner);
  RtesAskFunc func = g_steal_pointer (&ask->func);

  if (owner != NULL && func != NULL)
    func (owner, response, g_steal_pointer (&ask->data));
}

static void
add_response (AdwMessageDialog *dialog,
              const char       *id,
              const char       *label,
              RtesAskFlags      flags)
{
  if (label != NULL)
    adw_message_dialog_add_response (dialog, id, label);
  if (flags & RTES_ASK_SUGGESTED)
    adw_message_dialog_set_response_appearance (dialog, id, ADW_RESPONSE_SUGGESTED);
  if (flags & RTES_ASK_DESTRUCTIVE)
    adw_message_dialog_set_response_appearance (dialog, id, ADW_RESPONSE_DESTRUCTIVE);
  if (flags & RTES_ASK_DEFAULT)
    adw_message_dialog_set_default_response (dialog, id);
  if (flags & RTES_ASK_CLOSE)
    adw_message_dialog_set_close_response (dialog, id);
}

AdwMessageDialog *
rtes_ask (GtkWidget      *owner,
          const char     *heading,
          const char     *body,
          GtkWidget      *extra_child,
          RtesAskFunc     func,
          gpointer        data,
          GDestroyNotify  destroy,
          const char     *first_response,
          ...)
{
  GtkRoot *root = gtk_widget_get_root (owner);
  AdwMessageDialog *dialog;
  Ask *ask = g_new0 (Ask, 1);
  va_list args;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  va_start (args, first_response);
  for (const char *id = first_response; id != NULL; id = va_arg (args, const char *))
    {
      const char *label = va_arg (args, const char *);

      add_response (dialog, id, label, (RtesAskFlags) va_arg (args, int));
    }
  va_end (args);
  if (extra_child != NULL)
    adw_message_dialog_set_extra_child (dialog, extra_child);

  g_weak_ref_init (&ask->owner, owner);
  ask->func = func;
  ask->data = data;
  ask->destroy = destroy;
  g_signal_connect_data (dialog, "response", G_CALLBACK (ask_response), ask, ask_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
