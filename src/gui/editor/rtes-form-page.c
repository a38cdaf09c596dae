/* rtes-form-page.c: base class of the editor's pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-edit-guard.h"
#include "rtes-form-page.h"
#include "rtes-field-message.h"

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

void
rtes_editor_disable_text_undo (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (ADW_IS_ENTRY_ROW (widget))
    {
      gtk_editable_set_enable_undo (GTK_EDITABLE (widget), FALSE);
      return;
    }
  if (GTK_IS_TEXT_VIEW (widget))
    {
      gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), FALSE);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    rtes_editor_disable_text_undo (child);
}

const char *
rtes_editor_find_focus (GHashTable *fields,
                        int        *position)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GtkRoot *root = gtk_widget_get_root (value);
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      if (focus == NULL || (focus != value && !gtk_widget_is_ancestor (focus, value)))
        continue;
      if (position != NULL)
        *position = GTK_IS_EDITABLE (value) ? gtk_editable_get_position (GTK_EDITABLE (value)) : -1;
      return key;
    }
  return NULL;
}

typedef struct {
  GtkWidget      *widget;     /* not owned: the watch is its data */
  GtkRoot        *root;       /* weak */
  gulong          focus_id;
  gulong          root_id;
  gboolean        inside;
  RtesFocusWatch  callback;
  gpointer        data;
} FocusWatch;

static gboolean
contains_focus (GtkWidget *widget,
                GtkRoot   *root)
{
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
focus_watch_check (FocusWatch *watch)
{
  gboolean inside = contains_focus (watch->widget, watch->root);

  if (inside == watch->inside)
    return;
  watch->inside = inside;
  watch->callback (watch->widget, inside, watch->data);
}

static void
focus_watch_unroot (FocusWatch *watch)
{
  if (watch->root == NULL)
    return;
  g_clear_signal_handler (&watch->focus_id, watch->root);
  g_object_remove_weak_pointer (G_OBJECT (watch->root), (gpointer *) &watch->root);
  watch->root = NULL;
}

static void
focus_watch_reroot (FocusWatch *watch)
{
  GtkRoot *root = gtk_widget_get_root (watch->widget);

  if (root == watch->root)
    return;
  focus_watch_unroot (watch);
  watch->root = root;
  if (root != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (root), (gpointer *) &watch->root);
      watch->focus_id = g_signal_connect_swapped (root, "notify::focus-widget",
                                                  G_CALLBACK (focus_watch_check), watch);
    }
}

static void
focus_watch_free (gpointer data)
{
  FocusWatch *watch = data;

  focus_watch_unroot (watch);
  g_free (watch);
}

void
rtes_editor_watch_focus (GtkWidget      *widget,
                         const char     *key,
                         RtesFocusWatch  callback,
                         gpointer        data)
{
  FocusWatch *watch;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (key != NULL);

  /* Object data: @widget may be of any class, GTK's too. */
  if (g_object_get_data (G_OBJECT (widget), key) != NULL)
    return;
  watch = g_new0 (FocusWatch, 1);
  watch->widget = widget;
  watch->callback = callback;
  watch->data = data;
  g_object_set_data_full (G_OBJECT (widget), key, watch, focus_watch_free);
  watch->root_id = g_signal_connect_swapped (widget, "notify::root",
                                             G_CALLBACK (focus_watch_reroot), watch);
  focus_watch_reroot (watch);
  watch->inside = contains_focus (widget, watch->root);
}

/* Connected swapped on the row, @item first. */
static void
update_combo_check (GtkListItem *item,
                    GParamSpec  *pspec,
                    AdwComboRow *row)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *check = box != NULL ? gtk_widget_get_last_child (box) : NULL;

  if (check == NULL)
    return;
  gtk_widget_set_opacity (check, adw_combo_row_get_selected (row) == gtk_list_item_get_position (item) ? 1 : 0);
}

static void
combo_item_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  with_check)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, NULL, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  /* The row shows the chosen item with the same factory: no mark there. */
  gtk_widget_set_visible (check, GPOINTER_TO_INT (with_check));
  gtk_list_item_set_child (item, box);
}

static void
combo_item_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 AdwComboRow              *row)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *list_item_widget = gtk_widget_get_parent (box);
  gpointer object = gtk_list_item_get_item (item);
  const char *text = GTK_IS_STRING_OBJECT (object) ? gtk_string_object_get_string (object) : "";

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), text);
  if (list_item_widget != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (list_item_widget), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (update_combo_check), item);
  update_combo_check (item, NULL, row);
}

static void
combo_item_unbind (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   AdwComboRow              *row)
{
  g_signal_handlers_disconnect_by_func (row, update_combo_check, item);
}

static GtkListItemFactory *
combo_factory (AdwComboRow *row,
               gboolean     with_check)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (combo_item_setup), GINT_TO_POINTER (with_check));
  /* The row outlives its factories and the items they make. */
  g_signal_connect (factory, "bind", G_CALLBACK (combo_item_bind), row);
  g_signal_connect (factory, "unbind", G_CALLBACK (combo_item_unbind), row);
  return factory;
}

void
rtes_editor_name_combo_items (AdwComboRow *row)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkListItemFactory) list_factory = NULL;

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  /* The chosen item shows in the row through a list of its own too. */
  factory = combo_factory (row, FALSE);
  list_factory = combo_factory (row, TRUE);
  adw_combo_row_set_factory (row, factory);
  adw_combo_row_set_list_factory (row, list_factory);
}

gboolean
rtes_editor_focus_field_at (GtkWidget *widget,
                            int        position)
{
  GtkEditable *delegate;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  /* Grabbing an entry's focus selects its text: the next key would wipe
   * it. Focus the text itself without selecting, and put the cursor back. */
  delegate = GTK_IS_EDITABLE (widget) ? gtk_editable_get_delegate (GTK_EDITABLE (widget)) : NULL;
  if (GTK_IS_TEXT (delegate))
    {
      if (!gtk_text_grab_focus_without_selecting (GTK_TEXT (delegate)))
        return FALSE;
      if (position >= 0)
        gtk_editable_set_position (GTK_EDITABLE (widget), position);
      return TRUE;
    }
  return gtk_widget_grab_focus (widget);
}

static void
rtes_form_page_init (RtesFormPage *self)
{
  RtesFormPagePrivate *priv = rtes_form_page_get_instance_private (self);


  priv->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  priv->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}
