/* rtes-form-page.c: base class of the editor's pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-edit-guard.h"
#include "rtes-form-page.h"
#include "rtes-field-message.h"
#include "rtes-fiche-path.h"

typedef struct
{
  /* owned references */
  RtesDocument *document;
  gulong      pending_id;
  RtesFiche  *fiche;
  gulong      changed_id;
  GHashTable *fields;        /* member path → GtkWidget (not owned) */
  GHashTable *pending;       /* member path → text typed, not stored */

  /* state */
  guint       actions;       /* open brackets of the document's actions */
  RtesEditGuard guard;      /* refills against edits, and the edit's widget */
  gboolean    edit_changed;  /* the fiche changed during the edit */
  gboolean    edit_keeps_date;
} RtesFormPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (RtesFormPage, rtes_form_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_FICHE,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  EDITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_fiche_changed (RtesFiche    *fiche,
                  RtesFormPage *self)
{
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);

  if (rtes_edit_guard_is_editing (&priv->guard))
    priv->edit_changed = TRUE;
  rtes_form_page_refill (self);
}

void
rtes_form_page_refill (RtesFormPage *self)
{
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);
  RtesFormPageClass *klass = RTES_FORM_PAGE_GET_CLASS (self);

  g_return_if_fail (RTES_IS_FORM_PAGE (self));

  if (priv->fiche == NULL || klass->fiche_changed == NULL)
    return;

  rtes_edit_guard_refill_begin (&priv->guard);
  rtes_edit_guard_refill_bound (&priv->guard, G_OBJECT (priv->fiche));
  klass->fiche_changed (self, priv->fiche);
  rtes_edit_guard_refill_end (&priv->guard);
}

gboolean
rtes_form_page_is_refilling (RtesFormPage *self)
{
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);

  g_return_val_if_fail (RTES_IS_FORM_PAGE (self), FALSE);

  return rtes_edit_guard_is_refilling (&priv->guard);
}

gboolean
rtes_form_page_begin_edit (RtesFormPage *self,
                           gpointer      source)
{
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);
  gboolean outermost;

  g_return_val_if_fail (RTES_IS_FORM_PAGE (self), FALSE);

  outermost = !rtes_edit_guard_is_editing (&priv->guard);

  /* Nested edits (a setter whose ::changed makes another widget write)
   * keep the outermost source: that is the widget being typed in. */
  if (priv->fiche == NULL || !rtes_edit_guard_begin (&priv->guard, source))
    return FALSE;
  if (outermost)
    {
      priv->edit_changed = FALSE;
      priv->edit_keeps_date = FALSE;
    }
  return TRUE;
}

void
rtes_form_page_end_edit (RtesFormPage *self)
{
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);

  g_return_if_fail (RTES_IS_FORM_PAGE (self));
  g_return_if_fail (rtes_edit_guard_is_editing (&priv->guard));

  if (rtes_edit_guard_end (&priv->guard))
    {
      gboolean edited = priv->edit_changed && !priv->edit_keeps_date;

      priv->edit_changed = FALSE;
      if (edited)
        g_signal_emit (self, signals[EDITED], 0);
    }
}

void
rtes_form_page_edit_keeps_date (RtesFormPage *self)
{
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);

  g_return_if_fail (RTES_IS_FORM_PAGE (self));
  g_return_if_fail (rtes_edit_guard_is_editing (&priv->guard));

  priv->edit_keeps_date = TRUE;
}

gboolean
rtes_form_page_is_edit_source (RtesFormPage *self,
                               gpointer      widget)
{
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);

  g_return_val_if_fail (RTES_IS_FORM_PAGE (self), FALSE);

  return rtes_edit_guard_is_source (&priv->guard, widget);
}

void
rtes_form_page_sync_editable (RtesFormPage *self,
                              GtkEditable  *editable,
                              const char   *text)
{
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);

  rtes_edit_guard_sync_editable (&priv->guard, editable, text);
}

void
rtes_form_page_set_pending_text (RtesFormPage *self,
                                 const char   *path,
                                 const char   *text)
{
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);

  g_return_if_fail (RTES_IS_FORM_PAGE (self));
  g_return_if_fail (path != NULL);

  if (text == NULL)
    g_hash_table_remove (priv->pending, path);
  else
    g_hash_table_insert (priv->pending, g_strdup (path), g_strdup (text));
  /* The document keeps it in the recovery journal: a kill loses no
   * keystroke, even one that is not a number yet. */
  if (priv->document != NULL)
    rtes_document_set_pending_text (priv->document, path, text);
}

const char *
rtes_form_page_get_pending_text (RtesFormPage *self,
                                 const char   *path)
{
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);

  g_return_val_if_fail (RTES_IS_FORM_PAGE (self), NULL);

  if (priv->document != NULL)
    return rtes_document_get_pending_text (priv->document, path);
  return g_hash_table_lookup (priv->pending, path);
}

void
rtes_form_page_add_field (RtesFormPage *self,
                          const char   *path,
                          GtkWidget    *widget)
{
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);

  g_return_if_fail (RTES_IS_FORM_PAGE (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_hash_table_insert (priv->fields, g_strdup (path), widget);
}

static void
write_bound_field (gpointer      owner,
                   GtkWidget    *widget,
                   const char   *property,
                   const GValue *value)
{
  RtesFormPage *self = owner;
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);

  if (!rtes_form_page_begin_edit (self, widget))
    return;
  g_object_set_property (G_OBJECT (priv->fiche), property, value);
  rtes_form_page_end_edit (self);
}

void
rtes_form_page_bind_field (RtesFormPage *self,
                           const char   *path,
                           GtkWidget    *widget)
{
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);

  rtes_form_page_add_field (self, path, widget);
  rtes_edit_guard_bind (&priv->guard, widget, rtes_fiche_path_last_member (path),
                        write_bound_field, self);
}

void
rtes_form_page_remove_field (RtesFormPage *self,
                             const char   *path)
{
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);
  GtkWidget *widget;

  g_return_if_fail (RTES_IS_FORM_PAGE (self));

  widget = g_hash_table_lookup (priv->fields, path);
  if (widget != NULL)
    rtes_field_message_set (widget, RTES_ISSUE_WARNING, NULL);
  g_hash_table_remove (priv->fields, path);
}

static void
rtes_form_page_real_show_issues (RtesFormPage *self,
                                 GPtrArray    *issues)
{
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);

  rtes_field_message_apply (priv->fields, issues, NULL);
}

void
rtes_form_page_show_issues (RtesFormPage *self,
                            GPtrArray    *issues)
{
  g_return_if_fail (RTES_IS_FORM_PAGE (self));

  RTES_FORM_PAGE_GET_CLASS (self)->show_issues (self, issues);
}

static gboolean
rtes_form_page_real_focus_field (RtesFormPage *self,
                                 const char   *path)
{
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);
  GtkWidget *widget = g_hash_table_lookup (priv->fields, path);

  if (widget == NULL)
    return FALSE;
  return gtk_widget_grab_focus (widget);
}

gboolean
rtes_form_page_focus_field (RtesFormPage *self,
                            const char   *path)
{
  g_return_val_if_fail (RTES_IS_FORM_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return RTES_FORM_PAGE_GET_CLASS (self)->focus_field (self, path);
}

RtesFiche *
rtes_form_page_get_fiche (RtesFormPage *self)
{
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);

  g_return_val_if_fail (RTES_IS_FORM_PAGE (self), NULL);

  return priv->fiche;
}

RtesDocument *
rtes_form_page_get_document (RtesFormPage *self)
{
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);

  g_return_val_if_fail (RTES_IS_FORM_PAGE (self), NULL);

  return priv->document;
}

/* Text typed into @path that never made a value, kept by the document
 * (and brought back with a recovery journal): the field shows it as it
 * was typed, and says it does not understand it. */
static void
show_pending_text (RtesFormPage *self,
                   const char   *path)
{
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);
  const char *text = rtes_document_get_pending_text (priv->document, path);
  GtkWidget *widget = g_hash_table_lookup (priv->fields, path);

  if (text == NULL || !GTK_IS_EDITABLE (widget))
    return;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), text) == 0)
    return;
  /* As a refill: the text is shown, not taken as an edit of the fiche,
   * which keeps its last value. */
  rtes_edit_guard_refill_begin (&priv->guard);
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
  rtes_edit_guard_refill_end (&priv->guard);
}

void
rtes_form_page_set_document (RtesFormPage *self,
                             RtesDocument *document)
{
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);
  g_autoptr(RtesDocument) old = NULL;
  GHashTableIter iter;
  const char *path;

  g_return_if_fail (RTES_IS_FORM_PAGE (self));
  g_return_if_fail (document == NULL || RTES_IS_DOCUMENT (document));

  if (priv->document != NULL)
    g_clear_signal_handler (&priv->pending_id, priv->document);
  /* The fiche first, with no document: filling the fields must not tell
   * the new document that their text is readable, which would forget
   * the text it keeps for them. */
  old = g_steal_pointer (&priv->document);
  rtes_form_page_set_fiche (self, document != NULL ? rtes_document_get_fiche (document) : NULL);
  priv->document = document != NULL ? g_object_ref (document) : NULL;
  if (old != document)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  if (document == NULL)
    return;

  priv->pending_id = g_signal_connect_swapped (document, "pending-text-changed",
                                               G_CALLBACK (show_pending_text), self);
  g_hash_table_iter_init (&iter, priv->fields);
  while (g_hash_table_iter_next (&iter, (gpointer *) &path, NULL))
    show_pending_text (self, path);
}

void
rtes_form_page_begin_action (RtesFormPage *self,
                             const char   *label)
{
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);

  g_return_if_fail (RTES_IS_FORM_PAGE (self));

  if (priv->document == NULL)
    return;
  priv->actions++;
  rtes_document_begin_action (priv->document, label);
}

void
rtes_form_page_end_action (RtesFormPage *self)
{
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);

  g_return_if_fail (RTES_IS_FORM_PAGE (self));

  /* Only brackets this page opened: the document may have changed since. */
  if (priv->document == NULL || priv->actions == 0)
    return;
  priv->actions--;
  rtes_document_end_action (priv->document);
}

void
rtes_form_page_set_fiche (RtesFormPage *self,
                          RtesFiche    *fiche)
{
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);

  g_return_if_fail (RTES_IS_FORM_PAGE (self));
  g_return_if_fail (fiche == NULL || RTES_IS_FICHE (fiche));

  /* Another fiche than the document's: edited without the document, and
   * deaf to it (its handler holds this page by a plain pointer). */
  if (priv->document != NULL && rtes_document_get_fiche (priv->document) != fiche)
    {
      g_clear_signal_handler (&priv->pending_id, priv->document);
      g_clear_object (&priv->document);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
    }
  if (priv->fiche == fiche)
    return;

  if (priv->fiche != NULL)
    g_clear_signal_handler (&priv->changed_id, priv->fiche);
  g_set_object (&priv->fiche, fiche);
  if (fiche != NULL)
    priv->changed_id = g_signal_connect (fiche, "changed",
                                         G_CALLBACK (on_fiche_changed), self);

  /* Another fiche: whatever was marked on the old one no longer applies. */
  rtes_field_message_apply (priv->fields, NULL, NULL);
  g_hash_table_remove_all (priv->pending);
  gtk_widget_set_sensitive (GTK_WIDGET (self), fiche != NULL);
  rtes_form_page_refill (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FICHE]);
}

static void
rtes_form_page_dispose (GObject *object)
{
  RtesFormPage *self = RTES_FORM_PAGE (object);
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);

  if (priv->fiche != NULL)
    g_clear_signal_handler (&priv->changed_id, priv->fiche);
  g_clear_object (&priv->fiche);
  if (priv->document != NULL)
    g_clear_signal_handler (&priv->pending_id, priv->document);
  g_clear_object (&priv->document);
  g_hash_table_remove_all (priv->fields);
  rtes_edit_guard_clear (&priv->guard);

  G_OBJECT_CLASS (rtes_form_page_parent_class)->dispose (object);
}

static void
rtes_form_page_finalize (GObject *object)
{
  RtesFormPage *self = RTES_FORM_PAGE (object);
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);

  g_clear_pointer (&priv->fields, g_hash_table_unref);
  g_clear_pointer (&priv->pending, g_hash_table_unref);

  G_OBJECT_CLASS (rtes_form_page_parent_class)->finalize (object);
}

static void
rtes_form_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RtesFormPage *self = RTES_FORM_PAGE (object);

  switch (prop_id)
    {
    case PROP_FICHE:
      g_value_set_object (value, rtes_form_page_get_fiche (self));
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, rtes_form_page_get_document (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_form_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RtesFormPage *self = RTES_FORM_PAGE (object);

  switch (prop_id)
    {
    case PROP_FICHE:
      rtes_form_page_set_fiche (self, g_value_get_object (value));
      break;
    case PROP_DOCUMENT:
      rtes_form_page_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_form_page_class_init (RtesFormPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rtes_form_page_dispose;
  object_class->finalize = rtes_form_page_finalize;
  object_class->get_property = rtes_form_page_get_property;
  object_class->set_property = rtes_form_page_set_property;

  klass->show_issues = rtes_form_page_real_show_issues;
  klass->focus_field = rtes_form_page_real_focus_field;

  properties[PROP_FICHE] =
    g_param_spec_object ("fiche", NULL, NULL,
                         RTES_TYPE_FICHE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         RTES_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RtesFormPage::edited:
   *
   * Emitted after an edit made in the page changed the fiche, as opposed
   * to a change made underneath (undo, reload). The editor dates the fiche
   * on it.
   */
  signals[EDITED] = g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rtes_form_page_init (RtesFormPage *self)
{
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);


  priv->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  priv->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}
