/* rtes-review-panel.c: the Relecture of the fiche being edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rtes-ask.h"
#include "rtes-fiche-json.h"
#include "rtes-finding-row.h"
#include "rtes-review.h"
#include "rtes-review-panel.h"
#include "rtes-task.h"

/* After the last change, before the review runs again (ms). */
#define REFRESH_DELAY 400
/* Findings the override dialog lists by name. */
#define MAX_LISTED 5

struct _RtesReviewPanel
{
  AdwBin parent_instance;

  /* template widgets */
  GtkLabel *summary_label;
  GtkWidget *blocking_box;
  GtkLabel *blocking_label;
  GtkLabel *override_label;
  GtkButton *fix_button;
  GtkButton *links_button;
  GtkSpinner *links_spinner;
  GtkStack *stack;
  GtkListBox *list;

  /* owned references */
  RtesReviewContext *context;
  RtesDocument *document;
  RtesFiche *fiche;
  GCancellable *cancellable;
  GPtrArray *findings;        /* RtesFinding*, shown */
  GPtrArray *link_findings;   /* RtesFinding*, from the last link check */

  /* state */
  gulong changed_id;
  guint refresh_source;
  guint generation;           /* results of older reviews are dropped */
  guint pending;
  gboolean checking_links;
  guint n_blocking;
};

G_DEFINE_FINAL_TYPE (RtesReviewPanel, rtes_review_panel, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_N_FINDINGS,
  PROP_N_BLOCKING,
  N_PROPS
};

enum {
  FINDING_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GPtrArray *
new_findings (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_finding_free);
}

/* ---- showing ---- */

static void on_row_fix (RtesFindingRow *row, RtesReviewPanel *self);

static guint
count_fixable (GPtrArray *findings)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    if (((RtesFinding *) findings->pdata[i])->fix != NULL)
      n++;
  return n;
}

/* What still blocks the fiche once the recorded overrides are counted. */
static GPtrArray *
remaining_blocking (RtesReviewPanel *self)
{
  RtesReviewOverrides *overrides = self->context != NULL ? rtes_review_context_get_overrides (self->context)
                                                         : NULL;
  GPtrArray *remaining;

  if (overrides != NULL && self->fiche != NULL)
    return rtes_review_overrides_remaining (overrides, rtes_fiche_get_id (self->fiche), self->findings);
  remaining = new_findings ();
  for (guint i = 0; i < self->findings->len; i++)
    if (rtes_finding_is_blocking (self->findings->pdata[i]))
      g_ptr_array_add (remaining, rtes_finding_copy (self->findings->pdata[i]));
  return remaining;
}

static void
update_header (RtesReviewPanel *self)
{
  g_autoptr(GPtrArray) remaining = remaining_blocking (self);
  guint n = self->findings->len;
  g_autofree char *summary = NULL;
  const char *speller_error = self->context != NULL ? rtes_review_context_get_speller_error (self->context)
                                                     : NULL;

  if (n == 0)
    summary = g_strdup (_("Nothing to review"));
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u point to review", "%u points to review", n), n);
  /* Without a French dictionary the rest of the review still holds. */
  if (speller_error != NULL)
    {
      g_autofree char *with_error = g_strdup_printf (_("%s (spelling not checked: %s)"), summary, speller_error);

      g_free (summary);
      summary = g_steal_pointer (&with_error);
    }
  gtk_label_set_text (self->summary_label, summary);

  gtk_widget_set_visible (self->blocking_box, remaining->len > 0);
  if (remaining->len > 0)
    {
      g_autofree char *blocking = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u of them blocks publishing",
                                                                "%u of them block publishing",
                                                                remaining->len),
                                                   remaining->len);

      gtk_label_set_text (self->blocking_label, blocking);
    }
  /* Blocking findings a person let through, on record. */
  gtk_widget_set_visible (GTK_WIDGET (self->override_label), self->n_blocking > 0 && remaining->len == 0);
  gtk_label_set_text (self->override_label,
                      _("Will be published despite the review: the decision is on record in the library"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->fix_button), count_fixable (self->findings) > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->links_button), self->fiche != NULL && !self->checking_links);
  gtk_spinner_set_spinning (self->links_spinner, self->checking_links);
  gtk_widget_set_visible (GTK_WIDGET (self->links_spinner), self->checking_links);
}

static void
show_findings (RtesReviewPanel *self,
               GPtrArray       *findings)
{
  GtkWidget *child;
  guint old_n = self->findings->len;
  guint old_blocking = self->n_blocking;

  g_ptr_array_ref (findings);
  g_ptr_array_unref (self->findings);
  self->findings = findings;
  self->n_blocking = rtes_findings_count_blocking (findings);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < findings->len; i++)
    {
      GtkWidget *row = rtes_finding_row_new (findings->pdata[i], NULL);

      g_signal_connect_object (row, "fix", G_CALLBACK (on_row_fix), self, 0);
      gtk_list_box_append (self->list, row);
    }
  gtk_stack_set_visible_child_name (self->stack, findings->len > 0 ? "list" : "empty");
  update_header (self);
  if (old_n != findings->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FINDINGS]);
  if (old_blocking != self->n_blocking)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_BLOCKING]);
}

/* ---- reviewing ---- */

typedef struct {
  RtesFiche *copy;
  RtesSpeller *speller;
} Review;

static void
review_free (Review *review)
{
  g_clear_object (&review->copy);
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
  GPtrArray *findings = rtes_review_fiche (review->copy, NULL);

  if (review->speller != NULL)
    rtes_speller_check_fiche (review->speller, review->copy, findings);
  g_task_return_pointer (task, findings, (GDestroyNotify) g_ptr_array_unref);
}

/* A link finding still holds while its address is where it was. */
static gboolean
still_there (RtesFiche   *fiche,
             RtesFinding *finding)
{
  g_autofree char *text = rtes_review_get_text (fiche, finding->field);

  return text != NULL && finding->start >= 0 && (gsize) finding->end <= strlen (text) &&
         strncmp (text + finding->start, finding->text, finding->end - finding->start) == 0;
}

static void
add_library_findings (RtesReviewPanel *self,
                      GPtrArray       *findings)
{
  RtesLibrary *library = self->context != NULL ? rtes_review_context_get_library (self->context) : NULL;
  g_autoptr(GPtrArray) fiches = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) duplicates = new_findings ();
  const char *id = rtes_fiche_get_id (self->fiche);
  guint n;

  if (library == NULL)
    return;
  /* The fiche as edited, and the others as listed. */
  g_ptr_array_add (fiches, g_object_ref (self->fiche));
  n = g_list_model_get_n_items (G_LIST_MODEL (library));
  for (guint i = 0; i < n; i++)
    {
      RtesFiche *fiche = g_list_model_get_item (G_LIST_MODEL (library), i);

      if (g_strcmp0 (rtes_fiche_get_id (fiche), id) == 0)
        g_object_unref (fiche);
      else
        g_ptr_array_add (fiches, fiche);
    }
  rtes_review_duplicates (fiches, duplicates);
  for (guint i = 0; i < duplicates->len; i++)
    if (g_str_equal (((RtesFinding *) duplicates->pdata[i])->id, id))
      g_ptr_array_add (findings, rtes_finding_copy (duplicates->pdata[i]));
}

static void
review_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RtesReviewPanel *self = RTES_REVIEW_PANEL (source);
  g_autoptr(GPtrArray) findings = g_task_propagate_pointer (G_TASK (result), NULL);
  guint generation = GPOINTER_TO_UINT (user_data);

  self->pending--;
  if (findings == NULL || generation != self->generation || self->fiche == NULL)
    return;
  add_library_findings (self, findings);
  for (guint i = 0; self->link_findings != NULL && i < self->link_findings->len; i++)
    if (still_there (self->fiche, self->link_findings->pdata[i]))
      g_ptr_array_add (findings, rtes_finding_copy (self->link_findings->pdata[i]));
  rtes_findings_sort (findings);
  show_findings (self, findings);
}

/* Reviews again now rather than a moment after the last change; the
 * result comes from a worker thread: wait until !is_busy(). */
static void
rtes_review_panel_refresh (RtesReviewPanel *self)
{
  g_autoptr(GTask) task = NULL;
  Review *review;
  RtesSpeller *speller;

  g_return_if_fail (RTES_IS_REVIEW_PANEL (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->generation++;
  if (self->fiche == NULL)
    {
      g_autoptr(GPtrArray) none = new_findings ();

      show_findings (self, none);
      return;
    }
  /* The fiche belongs to this thread: the worker reviews a copy. */
  review = g_new0 (Review, 1);
  review->copy = rtes_fiche_copy (self->fiche);
  speller = self->context != NULL ? rtes_review_context_get_speller (self->context) : NULL;
  review->speller = speller != NULL ? g_object_ref (speller) : NULL;
  task = g_task_new (self, self->cancellable, review_done, GUINT_TO_POINTER (self->generation));
  g_task_set_source_tag (task, rtes_review_panel_refresh);
  g_task_set_task_data (task, review, (GDestroyNotify) review_free);
  self->pending++;
  rtes_task_run_in_thread (task, review_thread);
}

static gboolean
refresh_cb (gpointer data)
{
  RtesReviewPanel *self = data;

  self->refresh_source = 0;
  rtes_review_panel_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (RtesReviewPanel *self)
{
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->refresh_source = g_timeout_add (REFRESH_DELAY, refresh_cb, self);
}

gboolean
rtes_review_panel_is_busy (RtesReviewPanel *self)
{
  g_return_val_if_fail (RTES_IS_REVIEW_PANEL (self), FALSE);
  return self->pending > 0 || self->refresh_source != 0 || self->checking_links;
}

/* ---- fixes ---- */

static void
begin_action (RtesReviewPanel *self)
{
  if (self->document != NULL)
    /* Translators: the name of an undo step ("Undo: Fix Typography") */
    rtes_document_begin_action (self->document, _("Fix Typography"));
}

static void
end_action (RtesReviewPanel *self)
{
  if (self->document != NULL)
    rtes_document_end_action (self->document);
}

guint
rtes_review_panel_fix_typography (RtesReviewPanel *self)
{
  guint fixed;

  g_return_val_if_fail (RTES_IS_REVIEW_PANEL (self), 0);

  if (self->fiche == NULL)
    return 0;
  /* Every field at once, one step to undo. */
  begin_action (self);
  fixed = rtes_review_fix_typography (self->fiche);
  end_action (self);
  rtes_review_panel_refresh (self);
  return fixed;
}

static void
on_row_fix (RtesFindingRow  *row,
            RtesReviewPanel *self)
{
  const RtesFinding *finding = rtes_finding_row_get_finding (row);
  g_autofree char *text = NULL;
  g_autofree char *fixed = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  if (self->fiche == NULL)
    return;
  text = rtes_review_get_text (self->fiche, finding->field);
  if (text == NULL)
    return;
  g_ptr_array_add (one, (gpointer) finding);
  fixed = rtes_review_apply_fixes (text, one);
  if (g_strcmp0 (fixed, text) == 0)
    return;
  begin_action (self);
  rtes_review_set_text (self->fiche, finding->field, fixed);
  end_action (self);
  rtes_review_panel_refresh (self);
}

static void
on_fix_all_clicked (RtesReviewPanel *self)
{
  rtes_review_panel_fix_typography (self);
}

/* ---- links ---- */

static void
links_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RtesReviewPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = rtes_link_checker_review_finish (RTES_LINK_CHECKER (source), result, &error);

  self->checking_links = FALSE;
  if (findings != NULL && self->fiche != NULL &&
      (findings->len == 0 || g_str_equal (((RtesFinding *) findings->pdata[0])->id,
                                          rtes_fiche_get_id (self->fiche))))
    {
      g_clear_pointer (&self->link_findings, g_ptr_array_unref);
      self->link_findings = g_steal_pointer (&findings);
    }
  update_header (self);
  rtes_review_panel_refresh (self);
}

static void
rtes_review_panel_check_links (RtesReviewPanel *self)
{
  g_autoptr(RtesFiche) copy = NULL;

  g_return_if_fail (RTES_IS_REVIEW_PANEL (self));

  if (self->fiche == NULL || self->context == NULL || self->checking_links)
    return;
  self->checking_links = TRUE;
  update_header (self);
  copy = rtes_fiche_copy (self->fiche);
  rtes_link_checker_review_async (rtes_review_context_get_link_checker (self->context), copy,
                                  self->cancellable, links_done, g_object_ref (self));
}

static void
on_check_links_clicked (RtesReviewPanel *self)
{
  rtes_review_panel_check_links (self);
}

/* ---- publishing anyway ---- */

static void
on_override_response (gpointer    owner,
                      const char *response,
                      gpointer    data)
{
  RtesReviewPanel *self = owner;
  g_autoptr(GPtrArray) remaining = NULL;

  if (g_strcmp0 (response, "publish") != 0 || self->fiche == NULL || self->context == NULL)
    return;
  remaining = remaining_blocking (self);
  rtes_review_context_add_override (self->context, rtes_fiche_get_id (self->fiche), remaining);
}

AdwMessageDialog *
rtes_review_panel_ask_override (RtesReviewPanel *self)
{
  g_autoptr(GPtrArray) remaining = NULL;
  g_autoptr(GString) body = NULL;

  g_return_val_if_fail (RTES_IS_REVIEW_PANEL (self), NULL);

  if (self->fiche == NULL)
    return NULL;
  remaining = remaining_blocking (self);
  body = g_string_new (NULL);
  g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                             "“%s” still has %u problem that blocks publishing:",
                                             "“%s” still has %u problems that block publishing:",
                                             remaining->len),
                          rtes_fiche_get_name (self->fiche), remaining->len);
  g_string_append_c (body, '\n');
  for (guint i = 0; i < remaining->len && i < MAX_LISTED; i++)
    {
      RtesFinding *finding = remaining->pdata[i];
      g_autofree char *field = rtes_finding_field_label (finding->field);

      if (finding->text[0] != '\0')
        g_string_append_printf (body, "\n• %s («\u202f%s\u202f») — %s", finding->message, finding->text, field);
      else
        g_string_append_printf (body, "\n• %s — %s", finding->message, field);
    }
  g_string_append (body, "\n\n");
  g_string_append (body, _("The next sync will publish it all the same. Your decision is recorded in "
                           "the library, with your name and the date, and covers these problems only."));

  return rtes_ask (GTK_WIDGET (self), _("Publish Despite the Review?"), body->str, NULL,
                   on_override_response, NULL, NULL,
                   "cancel", _("_Cancel"), RTES_ASK_DEFAULT | RTES_ASK_CLOSE,
                   "publish", _("_Publish Anyway"), RTES_ASK_DESTRUCTIVE,
                   NULL);
}

static void
on_override_clicked (RtesReviewPanel *self)
{
  rtes_review_panel_ask_override (self);
}

static void
on_row_activated (RtesReviewPanel *self,
                  GtkListBoxRow   *row)
{
  if (RTES_IS_FINDING_ROW (row))
    g_signal_emit (self, signals[FINDING_ACTIVATED], 0,
                   rtes_finding_row_get_finding (RTES_FINDING_ROW (row)));
}

/* ---- properties ---- */

static void
on_fiche_changed (RtesReviewPanel *self)
{
  schedule_refresh (self);
}

void
rtes_review_panel_set_fiche (RtesReviewPanel *self,
                             RtesFiche       *fiche)
{
  g_return_if_fail (RTES_IS_REVIEW_PANEL (self));
  g_return_if_fail (fiche == NULL || RTES_IS_FICHE (fiche));

  if (self->document != NULL && rtes_document_get_fiche (self->document) != fiche)
    g_clear_object (&self->document);
  if (self->fiche == fiche)
    return;
  g_clear_signal_handler (&self->changed_id, self->fiche);
  g_set_object (&self->fiche, fiche);
  g_clear_pointer (&self->link_findings, g_ptr_array_unref);
  if (fiche != NULL)
    self->changed_id = g_signal_connect_swapped (fiche, "changed", G_CALLBACK (on_fiche_changed), self);
  rtes_review_panel_refresh (self);
}

void
rtes_review_panel_set_document (RtesReviewPanel *self,
                                RtesDocument    *document)
{
  g_return_if_fail (RTES_IS_REVIEW_PANEL (self));
  g_return_if_fail (document == NULL || RTES_IS_DOCUMENT (document));

  g_set_object (&self->document, document);
  rtes_review_panel_set_fiche (self, document != NULL ? rtes_document_get_fiche (document) : NULL);
}

static void
refresh_now (RtesReviewPanel *self)
{
  rtes_review_panel_refresh (self);
}

void
rtes_review_panel_set_context (RtesReviewPanel   *self,
                               RtesReviewContext *context)
{
  g_return_if_fail (RTES_IS_REVIEW_PANEL (self));
  g_return_if_fail (context == NULL || RTES_IS_REVIEW_CONTEXT (context));

  if (self->context == context)
    return;
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_set_object (&self->context, context);
  if (context != NULL)
    {
      /* The dictionary arrives, words are added, overrides recorded. */
      g_signal_connect_swapped (context, "notify::speller", G_CALLBACK (refresh_now), self);
      g_signal_connect_swapped (context, "words-changed", G_CALLBACK (schedule_refresh), self);
      g_signal_connect_swapped (context, "overrides-changed", G_CALLBACK (update_header), self);
    }
  rtes_review_panel_refresh (self);
}

GPtrArray *
rtes_review_panel_get_findings (RtesReviewPanel *self)
{
  g_return_val_if_fail (RTES_IS_REVIEW_PANEL (self), NULL);
  return self->findings;
}

guint
rtes_review_panel_get_n_findings (RtesReviewPanel *self)
{
  g_return_val_if_fail (RTES_IS_REVIEW_PANEL (self), 0);
  return self->findings->len;
}

guint
rtes_review_panel_get_n_blocking (RtesReviewPanel *self)
{
  g_return_val_if_fail (RTES_IS_REVIEW_PANEL (self), 0);
  return self->n_blocking;
}

static void
rtes_review_panel_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RtesReviewPanel *self = RTES_REVIEW_PANEL (object);

  switch (prop_id)
    {
    case PROP_N_FINDINGS:
      g_value_set_uint (value, self->findings->len);
      break;
    case PROP_N_BLOCKING:
      g_value_set_uint (value, self->n_blocking);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_review_panel_dispose (GObject *object)
{
  RtesReviewPanel *self = RTES_REVIEW_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_signal_handler (&self->changed_id, self->fiche);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->context);
  g_clear_object (&self->document);
  g_clear_object (&self->fiche);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->link_findings, g_ptr_array_unref);

  G_OBJECT_CLASS (rtes_review_panel_parent_class)->dispose (object);
}

static void
rtes_review_panel_finalize (GObject *object)
{
  RtesReviewPanel *self = RTES_REVIEW_PANEL (object);

  g_clear_pointer (&self->findings, g_ptr_array_unref);

  G_OBJECT_CLASS (rtes_review_panel_parent_class)->finalize (object);
}

static void
rtes_review_panel_class_init (RtesReviewPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rtes_review_panel_dispose;
  object_class->finalize = rtes_review_panel_finalize;
  object_class->get_property = rtes_review_panel_get_property;

  properties[PROP_N_FINDINGS] =
    g_param_spec_uint ("n-findings", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_BLOCKING] =
    g_param_spec_uint ("n-blocking", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RtesReviewPanel::finding-activated:
   * @finding: (type RtesFinding): the finding the person chose
   *
   * Show the field it is about, the text selected.
   */
  signals[FINDING_ACTIVATED] = g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, RTES_TYPE_FINDING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class, "/fr/rtes/Fiches/review/rtes-review-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, RtesReviewPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RtesReviewPanel, blocking_box);
  gtk_widget_class_bind_template_child (widget_class, RtesReviewPanel, blocking_label);
  gtk_widget_class_bind_template_child (widget_class, RtesReviewPanel, override_label);
  gtk_widget_class_bind_template_child (widget_class, RtesReviewPanel, fix_button);
  gtk_widget_class_bind_template_child (widget_class, RtesReviewPanel, links_button);
  gtk_widget_class_bind_template_child (widget_class, RtesReviewPanel, links_spinner);
  gtk_widget_class_bind_template_child (widget_class, RtesReviewPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, RtesReviewPanel, list);
  gtk_widget_class_bind_template_callback (widget_class, on_fix_all_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_check_links_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_override_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
rtes_review_panel_init (RtesReviewPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->findings = new_findings ();
  show_findings (self, self->findings);
}
