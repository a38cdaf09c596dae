/* rtes-token-row.c: a preferences row for the site's publishing token
 *
 * An entry row whose text is hidden like a password. The stored token is
 * never read back into the row: the row only says whether one is saved,
 * so the secret is on screen only while someone types it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rtes-token-row.h"
#include "rtes-token-store.h"

struct _RtesTokenRow
{
  AdwEntryRow parent_instance;

  /* template widgets */
  GtkWidget    *saved_icon;
  GtkWidget    *forget_button;

  /* state */
  char         *site;
  gboolean      has_token;
  char         *problem;      /* why no token can be kept, or NULL */
  char         *details;      /* the keyring's own words about it, or NULL */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (RtesTokenRow, rtes_token_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_SITE,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_has_token (RtesTokenRow *self,
               gboolean      has_token)
{
  gtk_widget_set_visible (self->saved_icon, has_token);
  gtk_widget_set_visible (self->forget_button, has_token);
  self->has_token = has_token;
}

/* Without a keyring the row cannot do its job: say so in words rather
 * than leave an entry that silently forgets what is typed. */
static void
set_problem_with_details (RtesTokenRow *self,
                          const char   *problem,
                          const char   *details)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self), self->site != NULL && problem == NULL);
  if (g_strcmp0 (self->problem, problem) == 0 && g_strcmp0 (self->details, details) == 0)
    return;
  g_free (self->problem);
  self->problem = g_strdup (problem);
  g_free (self->details);
  self->details = g_strdup (details);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

static void
set_problem (RtesTokenRow *self,
             const char   *problem)
{
  set_problem_with_details (self, problem, NULL);
}

static void
set_keyring_error (RtesTokenRow *self,
                   const GError *error)
{
  /* libsecret and D-Bus speak English: their words are a detail, not
   * part of the French sentence. */
  set_problem_with_details (self,
                            _("The keyring cannot be reached, so the publishing token cannot be kept and sync only receives fiches"),
                            error->message);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RtesTokenRow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = rtes_token_store_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    set_keyring_error (self, error);
  else
    set_problem (self, NULL);
  set_has_token (self, token != NULL);
  if (token != NULL)
    memset (token, 0, strlen (token));
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RtesTokenRow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rtes_token_store_save_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_keyring_error (self, error);
      return;
    }
  /* Saved: the typed secret leaves the screen and the entry. */
  gtk_editable_set_text (GTK_EDITABLE (self), "");
  set_problem (self, NULL);
  set_has_token (self, TRUE);
}

static void
forgotten_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RtesTokenRow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (rtes_token_store_clear_finish (result, &error))
    set_has_token (self, FALSE);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_keyring_error (self, error);
}

static void
on_apply (RtesTokenRow *self)
{
  const char *token = gtk_editable_get_text (GTK_EDITABLE (self));

  if (self->site == NULL || token[0] == '\0')
    return;
  rtes_token_store_save_async (self->site, token, self->cancellable, saved_cb, g_object_ref (self));
}

static void
on_forget_clicked (RtesTokenRow *self)
{
  if (self->site == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self), "");
  rtes_token_store_clear_async (self->site, self->cancellable, forgotten_cb, g_object_ref (self));
}

const char *
rtes_token_row_get_site (RtesTokenRow *self)
{
  g_return_val_if_fail (RTES_IS_TOKEN_ROW (self), NULL);
  return self->site;
}

static void
rtes_token_row_set_site (RtesTokenRow *self,
                         const char   *site)
{
  g_return_if_fail (RTES_IS_TOKEN_ROW (self));

  if (site != NULL && site[0] == '\0')
    site = NULL;
  if (g_strcmp0 (self->site, site) == 0)
    return;
  g_free (self->site);
  self->site = g_strdup (site);

  /* What was typed belonged to the previous site. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_editable_set_text (GTK_EDITABLE (self), "");
  set_has_token (self, FALSE);
  if (!rtes_token_store_is_available ())
    set_problem (self, _("This version of the application cannot use the keyring, so the publishing token cannot be kept and sync only receives fiches"));
  else
    set_problem (self, NULL);
  if (self->site != NULL && rtes_token_store_is_available ())
    rtes_token_store_lookup_async (self->site, self->cancellable, lookup_cb, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SITE]);
}

gboolean
rtes_token_row_get_has_token (RtesTokenRow *self)
{
  g_return_val_if_fail (RTES_IS_TOKEN_ROW (self), FALSE);
  return self->has_token;
}

const char *
rtes_token_row_get_problem (RtesTokenRow *self)
{
  g_return_val_if_fail (RTES_IS_TOKEN_ROW (self), NULL);
  return self->problem;
}

const char *
rtes_token_row_get_problem_details (RtesTokenRow *self)
{
  g_return_val_if_fail (RTES_IS_TOKEN_ROW (self), NULL);
  return self->details;
}

static void
rtes_token_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RtesTokenRow *self = RTES_TOKEN_ROW (object);

  switch (prop_id)
    {
    case PROP_SITE:
      g_value_set_string (value, self->site);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_token_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RtesTokenRow *self = RTES_TOKEN_ROW (object);

  switch (prop_id)
    {
    case PROP_SITE:
      rtes_token_row_set_site (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_token_row_dispose (GObject *object)
{
  RtesTokenRow *self = RTES_TOKEN_ROW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (rtes_token_row_parent_class)->dispose (object);
}

static void
rtes_token_row_finalize (GObject *object)
{
  RtesTokenRow *self = RTES_TOKEN_ROW (object);

  g_free (self->site);
  g_free (self->problem);
  g_free (self->details);
  G_OBJECT_CLASS (rtes_token_row_parent_class)->finalize (object);
}

static void
rtes_token_row_class_init (RtesTokenRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = rtes_token_row_get_property;
  object_class->set_property = rtes_token_row_set_property;
  object_class->dispose = rtes_token_row_dispose;
  object_class->finalize = rtes_token_row_finalize;

  properties[PROP_SITE] =
    g_param_spec_string ("site", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/fr/rtes/Fiches/sync/rtes-token-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RtesTokenRow, saved_icon);
  gtk_widget_class_bind_template_child (widget_class, RtesTokenRow, forget_button);
  gtk_widget_class_bind_template_callback (widget_class, on_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_forget_clicked);
}

static void
rtes_token_row_init (RtesTokenRow *self)
{
  GtkEditable *delegate;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Typed like a password: dots, and no copying it out. */
  delegate = gtk_editable_get_delegate (GTK_EDITABLE (self));
  if (GTK_IS_TEXT (delegate))
    gtk_text_set_visibility (GTK_TEXT (delegate), FALSE);
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}

GtkWidget *
rtes_token_row_new (void)
{
  return g_object_new (RTES_TYPE_TOKEN_ROW, NULL);
}
