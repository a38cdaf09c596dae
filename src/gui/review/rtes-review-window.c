/* rtes-review-window.c: the Relecture of the whole library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rtes-fiche-json.h"
#include "rtes-finding-row.h"
#include "rtes-review-run.h"
#include "rtes-review-window.h"
#include "rtes-task.h"

struct _RtesReviewWindow
{
  AdwWindow parent_instance;

  /* template widgets */
  GtkLabel *summary_label;
  GtkToggleButton *blocking_toggle;
  GtkStack *stack;
  GtkSpinner *spinner;
  GtkListBox *list;

  /* owned references */
  RtesReviewContext *context;
  GCancellable *cancellable;
  GPtrArray *findings;      /* RtesFinding*, sorted by fiche */
  GHashTable *names;        /* id → name, for the rows */

  /* state */
  guint pending;
  guint generation;
};

G_DEFINE_FINAL_TYPE (RtesReviewWindow, rtes_review_window, ADW_TYPE_WINDOW)

enum {
  FINDING_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A heading above the first finding of each fiche. */
static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  RtesReviewWindow *self = user_data;
  const RtesFinding *finding = rtes_finding_row_get_finding (RTES_FINDING_ROW (row));
  const RtesFinding *previous = before != NULL ? rtes_finding_row_get_finding (RTES_FINDING_ROW (before)) : NULL;
  GtkWidget *label;

  if (previous != NULL && g_str_equal (previous->id, finding->id))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  label = gtk_label_new (g_hash_table_lookup (self->names, finding->id));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_add_css_class (label, "heading");
  gtk_list_box_row_set_header (row, label);
}

static void
show (RtesReviewWindow *self)
{
  gboolean blocking_only = gtk_toggle_button_get_active (self->blocking_toggle);
  g_autoptr(GHashTable) fiches = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) blocked = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *summary = NULL;
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < self->findings->len; i++)
    {
      RtesFinding *finding = g_ptr_array_index (self->findings, i);

      g_hash_table_add (fiches, finding->id);
      if (rtes_finding_is_blocking (finding))
        g_hash_table_add (blocked, finding->id);
      if (blocking_only && !rtes_finding_is_blocking (finding))
        continue;
      gtk_list_box_append (self->list, rtes_finding_row_new (finding, NULL));
      shown++;
    }

  {
    guint n = self->findings->len;
    guint n_fiches = g_hash_table_size (fiches);
    guint n_blocked = g_hash_table_size (blocked);
    g_autofree char *points = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u point to review",
                                                            "%u points to review", n), n);
    g_autofree char *in = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %u fiche", "in %u fiches",
                                                        n_fiches), n_fiches);
    g_autofree char *cannot = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u fiche cannot be published as it is",
                                                            "%u fiches cannot be published as they are",
                                                            n_blocked), n_blocked);

    /* Translators: "12 points to review in 3 fiches · 1 fiche cannot be published as it is" */
    summary = g_strdup_printf (_("%s %s · %s"), points, in, cannot);
  }
  gtk_label_set_text (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack, shown > 0 ? "list" : "empty");
}

typedef struct {
  GPtrArray *copies;
  RtesSpeller *speller;
} Review;

static void
review_free (Review *review)
{
  g_ptr_array_unref (review->copies);
  g_clear_object (&review->speller);
  g_free (review);
}

static void
review_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Review *review = task_data;

  g_task_return_pointer (task, rtes_review_run (review->copies, review->copies, review->speller, NULL),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
review_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RtesReviewWindow *self = RTES_REVIEW_WINDOW (source);
  GPtrArray *findings = g_task_propagate_pointer (G_TASK (result), NULL);

  self->pending--;
  gtk_spinner_set_spinning (self->spinner, self->pending > 0);
  if (findings == NULL)
    return;
  if (GPOINTER_TO_UINT (user_data) != self->generation)
    {
      g_ptr_array_unref (findings);
      return;
    }
  g_ptr_array_unref (self->findings);
  self->findings = findings;
  show (self);
}

void
rtes_review_window_refresh (RtesReviewWindow *self)
{
  RtesLibrary *library = rtes_review_context_get_library (self->context);
  RtesSpeller *speller = rtes_review_context_get_speller (self->context);
  g_autoptr(GTask) task = NULL;
  Review *review;
  guint n;

  g_return_if_fail (RTES_IS_REVIEW_WINDOW (self));

  review = g_new0 (Review, 1);
  review->copies = g_ptr_array_new_with_free_func (g_object_unref);
  review->speller = speller != NULL ? g_object_ref (speller) : NULL;
  n = g_list_model_get_n_items (G_LIST_MODEL (library));
  g_hash_table_remove_all (self->names);
  /* The worker reviews copies: the fiches belong to this thread. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RtesFiche) fiche = g_list_model_get_item (G_LIST_MODEL (library), i);

      g_ptr_array_add (review->copies, rtes_fiche_copy (fiche));
      g_hash_table_insert (self->names, g_strdup (rtes_fiche_get_id (fiche)),
                           g_strdup (rtes_fiche_get_name (fiche)));
    }
  self->generation++;
  self->pending++;
  if (self->findings->len == 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_set_spinning (self->spinner, TRUE);
  task = g_task_new (self, self->cancellable, review_done, GUINT_TO_POINTER (self->generation));
  g_task_set_source_tag (task, rtes_review_window_refresh);
  g_task_set_task_data (task, review, (GDestroyNotify) review_free);
  rtes_task_run_in_thread (task, review_thread);
}

gboolean
rtes_review_window_is_busy (RtesReviewWindow *self)
{
  g_return_val_if_fail (RTES_IS_REVIEW_WINDOW (self), FALSE);
  return self->pending > 0;
}

GPtrArray *
rtes_review_window_get_findings (RtesReviewWindow *self)
{
  g_return_val_if_fail (RTES_IS_REVIEW_WINDOW (self), NULL);
  return self->findings;
}

void
rtes_review_window_set_blocking_only (RtesReviewWindow *self,
                                      gboolean          blocking_only)
{
  g_return_if_fail (RTES_IS_REVIEW_WINDOW (self));
  gtk_toggle_button_set_active (self->blocking_toggle, blocking_only);
}

static void
on_blocking_toggled (RtesReviewWindow *self)
{
  show (self);
}

static void
on_refresh_clicked (RtesReviewWindow *self)
{
  rtes_review_window_refresh (self);
}

static void
on_row_activated (RtesReviewWindow *self,
                  GtkListBoxRow    *row)
{
  if (RTES_IS_FINDING_ROW (row))
    g_signal_emit (self, signals[FINDING_ACTIVATED], 0,
                   rtes_finding_row_get_finding (RTES_FINDING_ROW (row)));
}

static void
rtes_review_window_dispose (GObject *object)
{
  RtesReviewWindow *self = RTES_REVIEW_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (rtes_review_window_parent_class)->dispose (object);
}

static void
rtes_review_window_finalize (GObject *object)
{
  RtesReviewWindow *self = RTES_REVIEW_WINDOW (object);

  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);

  G_OBJECT_CLASS (rtes_review_window_parent_class)->finalize (object);
}

static void
rtes_review_window_class_init (RtesReviewWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rtes_review_window_dispose;
  object_class->finalize = rtes_review_window_finalize;

  /**
   * RtesReviewWindow::finding-activated:
   * @finding: (type RtesFinding): the finding the person chose
   */
  signals[FINDING_ACTIVATED] = g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, RTES_TYPE_FINDING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class, "/fr/rtes/Fiches/review/rtes-review-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RtesReviewWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RtesReviewWindow, blocking_toggle);
  gtk_widget_class_bind_template_child (widget_class, RtesReviewWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RtesReviewWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, RtesReviewWindow, list);
  gtk_widget_class_bind_template_callback (widget_class, on_blocking_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_refresh_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rtes_review_window_init (RtesReviewWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_finding_free);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gtk_list_box_set_header_func (self->list, header_func, self, NULL);
}

static void
on_speller_ready (RtesReviewWindow *self)
{
  rtes_review_window_refresh (self);
}

RtesReviewWindow *
rtes_review_window_new (GtkWindow         *parent,
                        RtesReviewContext *context)
{
  RtesReviewWindow *self;

  g_return_val_if_fail (RTES_IS_REVIEW_CONTEXT (context), NULL);

  self = g_object_new (RTES_TYPE_REVIEW_WINDOW, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  /* Without the dictionary at first, with it once it is loaded. */
  g_signal_connect_swapped (context, "notify::speller", G_CALLBACK (on_speller_ready), self);
  g_signal_connect_swapped (context, "words-changed", G_CALLBACK (on_speller_ready), self);
  rtes_review_window_refresh (self);
  return self;
}
