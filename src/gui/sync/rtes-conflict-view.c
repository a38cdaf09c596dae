/* rtes-conflict-view.c: the open conflicts of one fiche, as forms
 *
 * Groups the conflicts by place (rtes_conflict_form_place_of(): a
 * contact's phone and e-mail make one form for that contact), in the
 * order they come, and relays each form's "Apply" with its choices. One
 * request at a time: until its owner calls rtes_conflict_view_applied(),
 * the view takes no other choice, so that two writes never race.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rtes-conflict-view.h"

struct _RtesConflictView
{
  AdwBin            parent_instance;

  /* template widgets */
  GtkStack         *stack;
  AdwStatusPage    *error_page;
  GtkWidget        *content;
  GtkLabel         *title_label;
  GtkLabel         *intro_label;
  GtkWidget        *everything_box;
  GtkCheckButton   *everywhere_check;
  GtkLabel         *publish_label;
  GtkLabel         *error_label;
  GtkBox           *forms_box;

  /* state */
  RtesConflictSide  side;
  char             *id;
  guint             n_conflicts;
  gboolean          first_sync;
  /* The request the owner is writing: its forms (NULL: every form). */
  gboolean          applying;
  GPtrArray        *pending;
};

G_DEFINE_FINAL_TYPE (RtesConflictView, rtes_conflict_view, ADW_TYPE_BIN)

enum {
  APPLY,
  APPLY_EVERYWHERE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
count_conflicts (RtesConflictView *self)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->forms_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += rtes_conflict_form_get_conflicts (RTES_CONFLICT_FORM (child))->len;
  self->n_conflicts = n;
  if (n == 0 && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
clear_forms (RtesConflictView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->forms_box))) != NULL)
    gtk_box_remove (self->forms_box, child);
}

static void
set_busy (RtesConflictView *self,
          gboolean          busy)
{
  self->applying = busy;
  gtk_widget_set_sensitive (self->content, !busy);
}

static void
set_error (RtesConflictView *self,
           const char       *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* ---- applying ---- */

static void
request (RtesConflictView *self,
         GPtrArray        *forms,
         GPtrArray        *choices)
{
  set_error (self, NULL);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  self->pending = forms != NULL ? g_ptr_array_ref (forms) : NULL;
  set_busy (self, TRUE);
  g_signal_emit (self, signals[APPLY], 0, choices);
}

static void
on_form_apply (RtesConflictForm *form,
               RtesConflictView *self)
{
  g_autoptr(GPtrArray) forms = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) choices = NULL;
  g_autoptr(GError) error = NULL;

  if (self->applying)
    return;
  choices = rtes_conflict_form_get_choices (form, &error);
  if (choices == NULL)
    {
      rtes_conflict_form_set_error (form, error->message);
      return;
    }
  rtes_conflict_form_set_error (form, NULL);
  g_ptr_array_add (forms, g_object_ref (form));
  request (self, forms, choices);
}

/* The whole fiche to one side, without reading the forms: a first sync
 * may have dozens of places, and a person who says "everything" means it. */
static void
apply_everything (RtesConflictView *self,
                  gboolean          theirs)
{
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_conflict_choice_free);

  if (self->applying)
    return;
  if (gtk_widget_get_visible (GTK_WIDGET (self->everywhere_check))
      && gtk_check_button_get_active (self->everywhere_check))
    {
      set_error (self, NULL);
      g_clear_pointer (&self->pending, g_ptr_array_unref);
      set_busy (self, TRUE);
      g_signal_emit (self, signals[APPLY_EVERYWHERE], 0, theirs);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->forms_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GPtrArray *conflicts = rtes_conflict_form_get_conflicts (RTES_CONFLICT_FORM (child));

      for (guint i = 0; i < conflicts->len; i++)
        {
          RtesConflict *c = g_ptr_array_index (conflicts, i);

          g_ptr_array_add (choices, rtes_conflict_choice_new (c->id, c->path,
                                                              theirs ? RTES_CONFLICT_TAKE_THEIRS
                                                                     : RTES_CONFLICT_KEEP_MINE, NULL));
        }
    }
  request (self, NULL, choices);
}

static void
on_take_all_clicked (RtesConflictView *self)
{
  apply_everything (self, TRUE);
}

static void
on_keep_all_clicked (RtesConflictView *self)
{
  apply_everything (self, FALSE);
}

void
rtes_conflict_view_applied (RtesConflictView *self,
                            const GError     *error)
{
  g_return_if_fail (RTES_IS_CONFLICT_VIEW (self));

  if (!self->applying)
    return;
  set_busy (self, FALSE);
  if (error != NULL)
    {
      if (self->pending != NULL && self->pending->len == 1)
        rtes_conflict_form_set_error (g_ptr_array_index (self->pending, 0), error->message);
      else
        set_error (self, error->message);
    }
  else if (self->pending == NULL)
    clear_forms (self);
  else
    for (guint i = 0; i < self->pending->len; i++)
      {
        GtkWidget *form = g_ptr_array_index (self->pending, i);

        if (gtk_widget_get_parent (form) == GTK_WIDGET (self->forms_box))
          gtk_box_remove (self->forms_box, form);
      }
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  count_conflicts (self);
}

/* ---- showing ---- */

static void
set_texts (RtesConflictView *self)
{
  gboolean site = self->side == RTES_CONFLICT_SIDE_SITE;

  if (site && self->first_sync)
    {
      gtk_label_set_label (self->title_label, _("First Sync with the Site"));
      gtk_label_set_label (self->intro_label,
                           _("This fiche and the site’s copy meet for the first time: there is no earlier "
                             "version to compare with. They differ on these values; choose the ones to "
                             "keep, field by field or for the whole fiche."));
    }
  else if (site)
    {
      gtk_label_set_label (self->title_label, _("Conflicts with the Site"));
      gtk_label_set_label (self->intro_label,
                           _("These values were changed both here and on the site since the last sync; "
                             "yours were kept until you choose. For each one, keep yours, take the "
                             "site’s, or write another."));
    }
  else if (self->first_sync)
    {
      gtk_label_set_label (self->title_label, _("Conflicts with the Export"));
      gtk_label_set_label (self->intro_label,
                           _("The export and this fiche differ on these values, and yours were kept. "
                             "For each one, keep yours, take the export’s, or write another."));
    }
  else
    {
      gtk_label_set_label (self->title_label, _("Conflicts with the Export"));
      gtk_label_set_label (self->intro_label,
                           _("The export and this fiche both changed these values since the last import, "
                             "and yours were kept. For each one, keep yours, take the export’s, or "
                             "write another."));
    }
  gtk_widget_set_visible (self->everything_box, site && self->first_sync);
}

void
rtes_conflict_view_show (RtesConflictView *self,
                         RtesConflictSide  side,
                         const char       *id,
                         JsonNode         *document,
                         JsonNode         *theirs_document,
                         GPtrArray        *conflicts)
{
  g_autoptr(GPtrArray) places = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) by_place = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) g_ptr_array_unref);

  g_return_if_fail (RTES_IS_CONFLICT_VIEW (self));
  g_return_if_fail (id != NULL && conflicts != NULL);

  g_free (self->id);
  self->id = g_strdup (id);
  self->side = side;
  self->first_sync = FALSE;
  clear_forms (self);
  set_error (self, NULL);
  set_busy (self, FALSE);
  g_clear_pointer (&self->pending, g_ptr_array_unref);

  for (guint i = 0; i < conflicts->len; i++)
    {
      RtesConflict *c = g_ptr_array_index (conflicts, i);
      char *place = rtes_conflict_form_place_of (c->path);
      GPtrArray *group = g_hash_table_lookup (by_place, place);

      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_ptr_array_add (places, place);
          g_hash_table_insert (by_place, place, group);
        }
      else
        g_free (place);
      g_ptr_array_add (group, c);
      self->first_sync |= c->kind == RTES_CONFLICT_BOTH_ADDED;
    }
  for (guint i = 0; i < places->len; i++)
    {
      const char *place = g_ptr_array_index (places, i);
      GtkWidget *form = rtes_conflict_form_new (side, place, g_hash_table_lookup (by_place, place),
                                                document, theirs_document);

      g_signal_connect_object (form, "apply", G_CALLBACK (on_form_apply), self, 0);
      gtk_box_append (self->forms_box, form);
    }
  set_texts (self);
  gtk_stack_set_visible_child_name (self->stack, conflicts->len > 0 ? "list" : "empty");
  count_conflicts (self);
}

void
rtes_conflict_view_show_error (RtesConflictView *self,
                               const char       *message)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (RTES_IS_CONFLICT_VIEW (self));

  clear_forms (self);
  /* The description is markup: a file name or a quote must not break it. */
  escaped = g_markup_escape_text (message, -1);
  adw_status_page_set_description (self->error_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "error");
  self->n_conflicts = 0;
}

void
rtes_conflict_view_set_other_first_sync (RtesConflictView *self,
                                         guint             n_fiches)
{
  g_autofree char *label = NULL;

  g_return_if_fail (RTES_IS_CONFLICT_VIEW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->everywhere_check), n_fiches > 0);
  if (n_fiches == 0)
    {
      gtk_check_button_set_active (self->everywhere_check, FALSE);
      return;
    }
  if (n_fiches == 1)
    label = g_strdup (_("Also for the _other fiche of this first sync"));
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Also for the %u _other fiche of this first sync",
                                          "Also for the %u _other fiches of this first sync", n_fiches),
                             n_fiches);
  gtk_check_button_set_label (self->everywhere_check, label);
}

void
rtes_conflict_view_set_publish_note (RtesConflictView *self,
                                     const char       *note)
{
  g_return_if_fail (RTES_IS_CONFLICT_VIEW (self));
  gtk_label_set_label (self->publish_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->publish_label), note != NULL);
}

const char *
rtes_conflict_view_get_fiche_id (RtesConflictView *self)
{
  g_return_val_if_fail (RTES_IS_CONFLICT_VIEW (self), NULL);
  return self->id;
}

guint
rtes_conflict_view_get_n_conflicts (RtesConflictView *self)
{
  g_return_val_if_fail (RTES_IS_CONFLICT_VIEW (self), 0);
  return self->n_conflicts;
}

gboolean
rtes_conflict_view_get_first_sync (RtesConflictView *self)
{
  g_return_val_if_fail (RTES_IS_CONFLICT_VIEW (self), FALSE);
  return self->first_sync;
}

/* ---- object ---- */

static void
rtes_conflict_view_dispose (GObject *object)
{
  RtesConflictView *self = RTES_CONFLICT_VIEW (object);

  g_clear_pointer (&self->pending, g_ptr_array_unref);
  /* No gtk_widget_dispose_template(): the stack is AdwBin's own child,
   * which AdwBin unparents itself. */
  G_OBJECT_CLASS (rtes_conflict_view_parent_class)->dispose (object);
}

static void
rtes_conflict_view_finalize (GObject *object)
{
  RtesConflictView *self = RTES_CONFLICT_VIEW (object);

  g_free (self->id);
  G_OBJECT_CLASS (rtes_conflict_view_parent_class)->finalize (object);
}

static void
rtes_conflict_view_class_init (RtesConflictViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rtes_conflict_view_dispose;
  object_class->finalize = rtes_conflict_view_finalize;

  /**
   * RtesConflictView::apply:
   * @choices: (element-type RtesConflictChoice): what to write, for one
   *   form or for the whole fiche
   *
   * Write the choices, then call rtes_conflict_view_applied().
   */
  signals[APPLY] = g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
  /**
   * RtesConflictView::apply-everywhere:
   * @theirs: TRUE to take the other side's values, FALSE to keep ours
   *
   * For every conflict of every fiche of the first sync (kind "both
   * added"), this one included; then call rtes_conflict_view_applied().
   */
  signals[APPLY_EVERYWHERE] = g_signal_new ("apply-everywhere", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/fr/rtes/Fiches/sync/rtes-conflict-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RtesConflictView, stack);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictView, error_page);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictView, content);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictView, title_label);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictView, intro_label);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictView, everything_box);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictView, everywhere_check);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictView, publish_label);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictView, error_label);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictView, forms_box);
  gtk_widget_class_bind_template_callback (widget_class, on_take_all_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_keep_all_clicked);
}

static void
rtes_conflict_view_init (RtesConflictView *self)
{
  g_type_ensure (RTES_TYPE_CONFLICT_FORM);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

GtkWidget *
rtes_conflict_view_new (void)
{
  return g_object_new (RTES_TYPE_CONFLICT_VIEW, NULL);
}
