/* rtes-token-store.c: the site's publishing token, kept by libsecret
 *
 * A thin layer over libsecret's password API so that the window never
 * handles the schema, and so that builds without libsecret still link.
 * Results go through a GTask of our own so that the _finish functions do
 * not depend on which backend ran.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rtes-token-store.h"

#if HAVE_LIBSECRET
#include <libsecret/secret.h>

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "fr.rtes.Fiches.SiteToken", SECRET_SCHEMA_NONE,
    {
      { "site", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}
#endif

#if HAVE_LIBSECRET
/* The keyring's "site" attribute. The window's sync looks the token up
 * under the address as the site client cleaned it (no spaces, no final
 * slash), while the preferences save it under what was typed: both go
 * through this, so "https://www.rtes.fr/" finds the token saved for
 * "https://www.rtes.fr". */
static char *
site_key (const char *site)
{
  char *key = g_strstrip (g_strdup (site));
  gsize length = strlen (key);

  while (length > 0 && key[length - 1] == '/')
    key[--length] = '\0';
  return key;
}
#endif

gboolean
rtes_token_store_is_available (void)
{
  return HAVE_LIBSECRET;
}

#if HAVE_LIBSECRET
static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *token = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, (GDestroyNotify) secret_password_free);
}

static void
boolean_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean (*finish) (GAsyncResult *, GError **) = g_task_get_task_data (task);

  finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}
#endif

void
rtes_token_store_lookup_async (const char          *site,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (site != NULL);
  g_task_set_source_tag (task, rtes_token_store_lookup_async);
#if HAVE_LIBSECRET
  {
    g_autofree char *key = site_key (site);

    secret_password_lookup (token_schema (), cancellable, lookup_cb, g_steal_pointer (&task),
                            "site", key, NULL);
  }
#else
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This build cannot keep the token in the keyring"));
#endif
}

char *
rtes_token_store_lookup_finish (GAsyncResult  *result,
                                GError       **error)
{
  char *token;
  char *copy;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  token = g_task_propagate_pointer (G_TASK (result), error);
  if (token == NULL)
    return NULL;
  /* Callers free with g_free(); libsecret's copy is wiped by its own free. */
  copy = g_strdup (token);
#if HAVE_LIBSECRET
  secret_password_free (token);
#endif
  return copy;
}

void
rtes_token_store_save_async (const char          *site,
                             const char          *token,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (site != NULL && token != NULL);
  g_task_set_source_tag (task, rtes_token_store_save_async);
#if HAVE_LIBSECRET
  {
    g_autofree char *key = site_key (site);
    /* Translators: the label of the token in the keyring; %s is the site address */
    g_autofree char *label = g_strdup_printf (_("RTES Fiches publishing token for %s"), key);

    g_task_set_task_data (task, secret_password_store_finish, NULL);
    secret_password_store (token_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                           cancellable, boolean_cb, g_steal_pointer (&task), "site", key, NULL);
  }
#else
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This build cannot keep the token in the keyring"));
#endif
}

gboolean
rtes_token_store_save_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
rtes_token_store_clear_async (const char          *site,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (site != NULL);
  g_task_set_source_tag (task, rtes_token_store_clear_async);
#if HAVE_LIBSECRET
  {
    g_autofree char *key = site_key (site);

    g_task_set_task_data (task, secret_password_clear_finish, NULL);
    secret_password_clear (token_schema (), cancellable, boolean_cb, g_steal_pointer (&task),
                           "site", key, NULL);
  }
#else
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This build cannot keep the token in the keyring"));
#endif
}

gboolean
rtes_token_store_clear_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
