/* rtes-fiche-row.c: one fiche in the sidebar list
 *
 * Rows are recycled by the GtkListView: only the twenty or so visible ones
 * exist, whatever the size of the library, and each follows the fiche it
 * is bound to (name, kind, region, status, completeness) and the marks of
 * its document (unsaved, changed on disk, in conflict with the site),
 * when the workspace has made one. A fiche that did not load is shown by
 * its file name with a broken mark, so that it is not silently missing
 * from the list.
 *
 * In the list's selection mode a check box shows whether the row is
 * checked. A name or a région cut short by the sidebar's width is read
 * whole in the row's tooltip.
 *
 * GTK 4.8's list view keeps some two hundred rows and binds them again
 * whenever the list changes (a keystroke in the search): binding does no
 * more than set the row's texts. Tooltips in particular are made when
 * asked for (::query-tooltip): setting one asks the display server where
 * the pointer is, a round-trip per row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rtes-fiche-row.h"
#include "rtes-review.h"
#include "rtes-validation.h"
#include "rtes-vocabulary.h"

struct _RtesFicheRow
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkLabel *name_label;
  GtkLabel *details_label;
  GtkLabel *draft_badge;
  GtkLevelBar *completeness_bar;
  GtkImage *review_image;         /* the review blocks publishing */
  GtkImage *modified_image;
  GtkImage *conflict_image;
  GtkImage *broken_image;
  GtkCheckButton *check_button;

  /* Owned */
  RtesFiche *fiche;
  RtesWorkspace *workspace;
  RtesDocument *document;         /* of ->fiche, if the workspace made one */
  gulong changed_id;
  gulong added_id;
  gulong removed_id;
  char *summary;   /* the fiche's part of the accessible label */
  gboolean selection_mode;
};

G_DEFINE_FINAL_TYPE (RtesFicheRow, rtes_fiche_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTION_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a screen reader says for the row, in the order a sighted person
 * reads it: "Audincourt, Commune, Bourgogne-Franche-Comté, Draft,
 * Complete at 80 %", then the marks. GTK 4.8 names a list item by nothing
 * but its own label (gtk_list_item_set_accessible_label() is 4.12), so
 * the label goes on the list item widget around the row too. update()
 * keeps the fiche's part in self->summary. */
static void
update_accessible_label (RtesFicheRow *self)
{
  g_autoptr(GString) label = NULL;
  GtkWidget *item = gtk_widget_get_parent (GTK_WIDGET (self));

  if (self->fiche == NULL || self->summary == NULL)
    return;

  label = g_string_new (self->summary);
  if (gtk_widget_get_visible (GTK_WIDGET (self->review_image)))
    g_string_append_printf (label, ", %s", gtk_widget_get_tooltip_text (GTK_WIDGET (self->review_image)));
  if (gtk_widget_get_visible (GTK_WIDGET (self->modified_image)))
    g_string_append_printf (label, ", %s", _("Unsaved changes"));
  if (gtk_widget_get_visible (GTK_WIDGET (self->conflict_image)))
    g_string_append_printf (label, ", %s", _("Conflicting changes"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label->str, -1);
  if (item != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL, label->str, -1);
}

static void
update_marks (RtesFicheRow *self)
{
  gboolean modified = FALSE, conflict = FALSE, sync_conflict = FALSE;

  if (self->document != NULL)
    {
      modified = rtes_document_get_modified (self->document);
      conflict = rtes_document_get_changed_on_disk (self->document);
      sync_conflict = rtes_document_get_in_conflict (self->document);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->modified_image), modified && !conflict);
  gtk_widget_set_visible (GTK_WIDGET (self->conflict_image), conflict || sync_conflict);
  update_accessible_label (self);
}

static void
set_document (RtesFicheRow *self,
              RtesDocument *document)
{
  if (self->document == document)
    return;
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, update_marks, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    {
      g_signal_connect_swapped (document, "notify::modified", G_CALLBACK (update_marks), self);
      g_signal_connect_swapped (document, "notify::changed-on-disk", G_CALLBACK (update_marks), self);
      g_signal_connect_swapped (document, "notify::in-conflict", G_CALLBACK (update_marks), self);
    }
  update_marks (self);
}

/* The document of the fiche shown, which the workspace may make later. */
static void
find_document (RtesFicheRow *self)
{
  RtesDocument *document = NULL;

  if (self->workspace != NULL && self->fiche != NULL)
    document = rtes_workspace_lookup (self->workspace, rtes_fiche_get_id (self->fiche));
  if (document != NULL && rtes_document_get_fiche (document) != self->fiche)
    document = NULL;
  set_document (self, document);
}

/* What the review blocks (a placeholder, an error: docs/review.md): the
 * sync would refuse to publish the fiche. Only the count: the index keeps
 * it, so a row of a fiche listed from it does not read the file. */
static void
update_review_mark (RtesFicheRow *self)
{
  guint blocking = rtes_review_count_blocking (self->fiche);
  g_autofree char *tooltip = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->review_image), blocking > 0);
  if (blocking == 0)
    return;
  tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "To review: %u problem blocks publishing",
                                          "To review: %u problems block publishing",
                                          blocking),
                             blocking);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->review_image), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->review_image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

static void
update (RtesFicheRow *self)
{
  const GError *load_error;
  g_autoptr(GString) details = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autofree char *percent = NULL;
  const RtesTerm *kind;
  const RtesTerm *region;
  double completeness;

  if (self->fiche == NULL)
    return;

  gtk_label_set_label (self->name_label, rtes_fiche_get_name (self->fiche));

  load_error = rtes_fiche_get_load_error (self->fiche);
  g_free (self->summary);
  gtk_widget_set_visible (GTK_WIDGET (self->broken_image), load_error != NULL);
  if (load_error != NULL)
    {
      gtk_label_set_label (self->details_label, _("Cannot be opened"));
      self->summary = g_strdup_printf ("%s, %s", rtes_fiche_get_name (self->fiche), _("Cannot be opened"));
      gtk_widget_set_visible (GTK_WIDGET (self->draft_badge), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->completeness_bar), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->review_image), FALSE);
      update_marks (self);
      return;
    }

  details = g_string_new (NULL);
  kind = rtes_kind_lookup (rtes_fiche_get_kind (self->fiche));
  if (kind != NULL)
    g_string_append (details, rtes_term_label (kind));
  region = rtes_region_lookup (rtes_fiche_get_region (self->fiche));
  if (region != NULL)
    {
      if (details->len > 0)
        g_string_append (details, " · ");
      g_string_append (details, rtes_term_label (region));
    }
  if (details->len == 0)
    g_string_append (details, rtes_fiche_get_city (self->fiche));
  gtk_label_set_label (self->details_label, details->str);
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), details->len > 0);

  gtk_widget_set_visible (GTK_WIDGET (self->draft_badge), rtes_fiche_is_draft (self->fiche));

  completeness = rtes_fiche_completeness (self->fiche);
  gtk_widget_set_visible (GTK_WIDGET (self->completeness_bar), TRUE);
  gtk_level_bar_set_value (self->completeness_bar, completeness);
  /* Translators: how much of a fiche is filled in, e.g. "Complete at 80 %" */
  percent = g_strdup_printf (_("Complete at %d %%"), (int) (completeness * 100 + 0.5));

  /* Commas, not the " · " of the details line: a pause when read out. */
  parts = g_ptr_array_new ();
  g_ptr_array_add (parts, (gpointer) rtes_fiche_get_name (self->fiche));
  if (kind != NULL)
    g_ptr_array_add (parts, (gpointer) rtes_term_label (kind));
  if (region != NULL)
    g_ptr_array_add (parts, (gpointer) rtes_term_label (region));
  if (rtes_fiche_is_draft (self->fiche))
    g_ptr_array_add (parts, (gpointer) C_("fiche status", "Draft"));
  g_ptr_array_add (parts, percent);
  g_ptr_array_add (parts, NULL);
  self->summary = g_strjoinv (", ", (char **) parts->pdata);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->completeness_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, percent,
                                  -1);

  update_review_mark (self);
  update_marks (self);
}

/* Tooltips ------------------------------------------------------------ */

static gboolean
set_tooltip (GtkTooltip *tooltip,
             const char *text)
{
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static gboolean
query_part_tooltip (GtkWidget    *widget,
                    int           x,
                    int           y,
                    gboolean      keyboard,
                    GtkTooltip   *tooltip,
                    RtesFicheRow *self)
{
  const GError *load_error = self->fiche != NULL ? rtes_fiche_get_load_error (self->fiche) : NULL;

  if (self->fiche == NULL)
    return FALSE;
  if (widget == GTK_WIDGET (self->draft_badge))
    return set_tooltip (tooltip, _("Not published on the site yet"));
  if (widget == GTK_WIDGET (self->modified_image))
    return set_tooltip (tooltip, _("Unsaved changes"));
  if (widget == GTK_WIDGET (self->conflict_image))
    return set_tooltip (tooltip, self->document != NULL && rtes_document_get_changed_on_disk (self->document)
                                 ? _("Changed on disk and here: choose which version to keep")
                                 : _("Changed on the site and here: choose which values to keep"));
  if (widget == GTK_WIDGET (self->broken_image))
    return set_tooltip (tooltip, load_error != NULL ? load_error->message : NULL);
  if (widget == GTK_WIDGET (self->completeness_bar))
    {
      g_autofree char *percent = g_strdup_printf (_("Complete at %d %%"),
                                                  (int) (rtes_fiche_completeness (self->fiche) * 100 + 0.5));

      return set_tooltip (tooltip, percent);
    }
  return FALSE;
}

static void
on_document_added (RtesWorkspace *workspace,
                   RtesDocument  *document,
                   RtesFicheRow  *self)
{
  if (rtes_document_get_fiche (document) == self->fiche)
    set_document (self, document);
}

static void
on_document_removed (RtesWorkspace *workspace,
                     RtesDocument  *document,
                     RtesFicheRow  *self)
{
  if (document == self->document)
    set_document (self, NULL);
}

RtesFiche *
rtes_fiche_row_get_fiche (RtesFicheRow *self)
{
  g_return_val_if_fail (RTES_IS_FICHE_ROW (self), NULL);
  return self->fiche;
}

void
rtes_fiche_row_set_fiche (RtesFicheRow *self,
                          RtesFiche    *fiche)
{
  g_return_if_fail (RTES_IS_FICHE_ROW (self));
  g_return_if_fail (fiche == NULL || RTES_IS_FICHE (fiche));

  if (self->fiche == fiche)
    return;

  g_clear_signal_handler (&self->changed_id, self->fiche);
  g_set_object (&self->fiche, fiche);
  find_document (self);
  if (fiche != NULL)
    {
      self->changed_id = g_signal_connect_object (fiche, "changed", G_CALLBACK (update),
                                                  self, G_CONNECT_SWAPPED);
      update (self);
    }
}

void
rtes_fiche_row_set_workspace (RtesFicheRow  *self,
                              RtesWorkspace *workspace)
{
  g_return_if_fail (RTES_IS_FICHE_ROW (self));

  if (self->workspace == workspace)
    return;
  g_clear_signal_handler (&self->added_id, self->workspace);
  g_clear_signal_handler (&self->removed_id, self->workspace);
  g_set_object (&self->workspace, workspace);
  if (workspace != NULL)
    {
      self->added_id = g_signal_connect_object (workspace, "document-added",
                                                G_CALLBACK (on_document_added), self, 0);
      self->removed_id = g_signal_connect_object (workspace, "document-removed",
                                                  G_CALLBACK (on_document_removed), self, 0);
    }
  find_document (self);
}

static void
rtes_fiche_row_set_selection_mode (RtesFicheRow *self,
                                   gboolean      selection_mode)
{
  g_return_if_fail (RTES_IS_FICHE_ROW (self));

  selection_mode = !!selection_mode;
  if (self->selection_mode == selection_mode)
    return;
  self->selection_mode = selection_mode;
  gtk_widget_set_visible (GTK_WIDGET (self->check_button), selection_mode);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION_MODE]);
}

GtkCheckButton *
rtes_fiche_row_get_check_button (RtesFicheRow *self)
{
  g_return_val_if_fail (RTES_IS_FICHE_ROW (self), NULL);
  return self->check_button;
}

char *
rtes_fiche_row_dup_cut_text (RtesFicheRow *self)
{
  gboolean details = gtk_widget_get_visible (GTK_WIDGET (self->details_label));

  g_return_val_if_fail (RTES_IS_FICHE_ROW (self), NULL);

  if (self->fiche == NULL ||
      (!pango_layout_is_ellipsized (gtk_label_get_layout (self->name_label)) &&
       !(details && pango_layout_is_ellipsized (gtk_label_get_layout (self->details_label)))))
    return NULL;
  if (!details)
    return g_strdup (gtk_label_get_label (self->name_label));
  return g_strdup_printf ("%s\n%s", gtk_label_get_label (self->name_label),
                          gtk_label_get_label (self->details_label));
}

/* Only rows that are cut short have a tooltip: asked when the pointer
 * rests, once the labels know their width. */
static gboolean
query_tooltip (GtkWidget  *widget,
               int         x,
               int         y,
               gboolean    keyboard,
               GtkTooltip *tooltip)
{
  g_autofree char *text = rtes_fiche_row_dup_cut_text (RTES_FICHE_ROW (widget));

  return set_tooltip (tooltip, text);
}

static void
rtes_fiche_row_dispose (GObject *object)
{
  GtkWidget *child;
  RtesFicheRow *self = RTES_FICHE_ROW (object);

  rtes_fiche_row_set_fiche (self, NULL);
  rtes_fiche_row_set_workspace (self, NULL);
  g_clear_pointer (&self->summary, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), RTES_TYPE_FICHE_ROW);
  /* Children of the template that are not bound to a field. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (rtes_fiche_row_parent_class)->dispose (object);
}

static void
rtes_fiche_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RtesFicheRow *self = RTES_FICHE_ROW (object);

  switch (prop_id)
    {
    case PROP_SELECTION_MODE:
      g_value_set_boolean (value, self->selection_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_fiche_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RtesFicheRow *self = RTES_FICHE_ROW (object);

  switch (prop_id)
    {
    case PROP_SELECTION_MODE:
      rtes_fiche_row_set_selection_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_fiche_row_class_init (RtesFicheRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rtes_fiche_row_dispose;
  object_class->get_property = rtes_fiche_row_get_property;
  object_class->set_property = rtes_fiche_row_set_property;

  properties[PROP_SELECTION_MODE] =
    g_param_spec_boolean ("selection-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->query_tooltip = query_tooltip;

  gtk_widget_class_set_template_from_resource (widget_class, "/fr/rtes/Fiches/ui/rtes-fiche-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RtesFicheRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, RtesFicheRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, RtesFicheRow, draft_badge);
  gtk_widget_class_bind_template_child (widget_class, RtesFicheRow, completeness_bar);
  gtk_widget_class_bind_template_child (widget_class, RtesFicheRow, review_image);
  gtk_widget_class_bind_template_child (widget_class, RtesFicheRow, modified_image);
  gtk_widget_class_bind_template_child (widget_class, RtesFicheRow, conflict_image);
  gtk_widget_class_bind_template_child (widget_class, RtesFicheRow, broken_image);
  gtk_widget_class_bind_template_child (widget_class, RtesFicheRow, check_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rtesficherow");
}

static void
rtes_fiche_row_init (RtesFicheRow *self)
{
  GtkWidget *with_tooltips[5];

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  with_tooltips[0] = GTK_WIDGET (self->draft_badge);
  with_tooltips[1] = GTK_WIDGET (self->modified_image);
  with_tooltips[2] = GTK_WIDGET (self->conflict_image);
  with_tooltips[3] = GTK_WIDGET (self->broken_image);
  with_tooltips[4] = GTK_WIDGET (self->completeness_bar);
  for (guint i = 0; i < G_N_ELEMENTS (with_tooltips); i++)
    {
      gtk_widget_set_has_tooltip (with_tooltips[i], TRUE);
      g_signal_connect (with_tooltips[i], "query-tooltip", G_CALLBACK (query_part_tooltip), self);
    }
  /* The list item is the row's parent once the factory has set it up. */
  g_signal_connect (self, "notify::parent", G_CALLBACK (update_accessible_label), NULL);
}

RtesFicheRow *
rtes_fiche_row_new (void)
{
  return g_object_new (RTES_TYPE_FICHE_ROW, NULL);
}
