/* rtes-window-errors.c: problems told in French, the system's words kept
 *
 * GIO, libsoup and libsecret write their errors in English ("Permission
 * denied", "Error resolving “…”"), and an English sentence inside a French
 * message leaves the person with half an explanation. The window says
 * what went wrong in its own words, from the error's code, and keeps the
 * system's text as a detail one click away: a toast with a "Details"
 * button, or an expander in a dialog. Errors of Fiches RTES's own domains
 * are written in French already and are shown as they are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rtes-document.h"
#include "rtes-export.h"
#include "rtes-import-error.h"
#include "rtes-json-reader.h"
#include "rtes-sync-error.h"
#include "rtes-window-private.h"

gboolean
rtes_window_error_is_ours (const GError *error)
{
  GQuark ours[] = {
    RTES_DOCUMENT_ERROR, RTES_EXPORT_ERROR, RTES_FICHE_ERROR, RTES_IMPORT_ERROR,
    RTES_JSON_ERROR, RTES_LIBRARY_ERROR, RTES_SYNC_ERROR,
  };

  for (guint i = 0; i < G_N_ELEMENTS (ours); i++)
    if (error->domain == ours[i])
      return TRUE;
  return FALSE;
}

/* The usual causes, said as a person would; the rest are rare enough for
 * one general sentence that points to the details. */
const char *
rtes_window_explain_error (const GError *error)
{
  if (error->domain == G_IO_ERROR)
    switch (error->code)
      {
      case G_IO_ERROR_PERMISSION_DENIED:
        return _("You do not have the permission to write or read there.");
      case G_IO_ERROR_NO_SPACE:
        return _("The disk is full.");
      case G_IO_ERROR_READ_ONLY:
        return _("The disk can only be read.");
      case G_IO_ERROR_NOT_FOUND:
        return _("A file or folder is missing.");
      case G_IO_ERROR_EXISTS:
        return _("A file of that name is already there.");
      case G_IO_ERROR_IS_DIRECTORY:
        return _("A folder is where the file should be.");
      case G_IO_ERROR_TIMED_OUT:
        return _("The answer did not come in time.");
      case G_IO_ERROR_HOST_NOT_FOUND:
      case G_IO_ERROR_HOST_UNREACHABLE:
      case G_IO_ERROR_NETWORK_UNREACHABLE:
      case G_IO_ERROR_CONNECTION_REFUSED:
        return _("The server cannot be reached: check the connection.");
      default:
        break;
      }
  if (error->domain == G_RESOLVER_ERROR)
    return _("The server cannot be reached: check the connection.");
  if (error->domain == G_TLS_ERROR)
    return _("The server’s secure connection could not be trusted.");
  if (error->domain == G_DBUS_ERROR)
    return _("A service of the desktop did not answer.");
  return _("The system gave a reason, shown in the details.");
}

GtkWidget *
rtes_window_error_details_new (const char *details)
{
  GtkWidget *expander = gtk_expander_new_with_mnemonic (_("_Details"));
  GtkWidget *label = gtk_label_new (details);

  /* People copy it into a message to whoever looks after the computer. */
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 6);
  gtk_expander_set_child (GTK_EXPANDER (expander), label);
  gtk_widget_set_name (expander, "error-details");
  return expander;
}

void
rtes_window_show_error (RtesWindow   *self,
                        const GError *error,
                        const char   *format,
                        ...)
{
  g_autofree char *summary = NULL;
  AdwToast *toast;
  va_list args;

  g_return_if_fail (RTES_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  /* The person stopped it: nothing went wrong. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (rtes_window_error_is_ours (error))
    {
      rtes_window_toast (self, error->message);
      return;
    }

  va_start (args, format);
  summary = g_strdup_vprintf (format, args);
  va_end (args);

  toast = rtes_window_new_toast (summary);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_button_label (toast, _("_Details"));
  adw_toast_set_action_name (toast, "win.error-details");
  adw_toast_set_action_target_value (toast, g_variant_new ("(sss)", summary,
                                                           rtes_window_explain_error (error),
                                                           error->message));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
error_details_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  const char *summary, *explanation, *details;
  GtkWidget *expander;

  g_variant_get (parameter, "(&s&s&s)", &summary, &explanation, &details);
  expander = rtes_window_error_details_new (details);
  /* Opened to read the system's words: shown at once. */
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  rtes_ask (widget, summary, explanation, expander, NULL, NULL, NULL, "close", _("_Close"), RTES_ASK_PLAIN, NULL);
}

void
rtes_window_class_init_errors (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.error-details", "(sss)", error_details_activated);
}
