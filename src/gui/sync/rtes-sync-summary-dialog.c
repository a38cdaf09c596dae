/* rtes-sync-summary-dialog.c: what the last sync did, fiche by fiche
 *
 * One preferences group per outcome, in the summary's order (what needs a
 * person first), one row per fiche: its name, and what happened in the
 * words of rtes_sync_fiche_report_describe().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rtes-sync-summary-dialog.h"

struct _RtesSyncSummaryDialog
{
  AdwWindow            parent_instance;

  AdwPreferencesPage  *page;
};

G_DEFINE_FINAL_TYPE (RtesSyncSummaryDialog, rtes_sync_summary_dialog, ADW_TYPE_WINDOW)

static const char *
group_title (RtesSyncOutcome outcome)
{
  switch (outcome)
    {
    case RTES_SYNC_OUTCOME_CONFLICTS:
      return _("Conflicts to Settle");
    case RTES_SYNC_OUTCOME_NOT_SYNCED:
      return _("Not Synced");
    case RTES_SYNC_OUTCOME_NOT_PUBLISHED:
      return _("Not Published");
    case RTES_SYNC_OUTCOME_ADDED:
      return _("New from the Site");
    case RTES_SYNC_OUTCOME_UPDATED:
      return _("Updated from the Site");
    case RTES_SYNC_OUTCOME_MERGED:
      return _("Merged with the Site’s Changes");
    case RTES_SYNC_OUTCOME_PUBLISHED:
      return C_("sync summary group", "Published");
    case RTES_SYNC_OUTCOME_GONE:
      return _("No Longer on the Site");
    default:
      g_return_val_if_reached ("");
    }
}

/* Plain text everywhere: names and the site's words are not markup. */
static GtkWidget *
plain_row (const char *title,
           const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static void
add_reports (RtesSyncSummaryDialog *self,
             const RtesSyncSummary *summary)
{
  AdwPreferencesGroup *group = NULL;
  RtesSyncOutcome current = 0;

  /* Sorted by outcome already. */
  for (guint i = 0; i < summary->fiches->len; i++)
    {
      RtesSyncFicheReport *report = g_ptr_array_index (summary->fiches, i);
      g_autofree char *what = rtes_sync_fiche_report_describe (report);

      if (group == NULL || report->outcome != current)
        {
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, group_title (report->outcome));
          adw_preferences_page_add (self->page, group);
          current = report->outcome;
        }
      adw_preferences_group_add (group, plain_row (report->name, what));
    }
}

RtesSyncSummaryDialog *
rtes_sync_summary_dialog_new (GtkWindow             *parent,
                              const RtesSyncSummary *summary,
                              GPtrArray             *others)
{
  RtesSyncSummaryDialog *self;
  g_autofree char *sentence = NULL;
  g_autofree char *escaped = NULL;
  AdwPreferencesGroup *intro;

  g_return_val_if_fail (summary != NULL, NULL);

  self = g_object_new (RTES_TYPE_SYNC_SUMMARY_DIALOG, "transient-for", parent, NULL);
  sentence = rtes_sync_summary_to_heading (summary);
  intro = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  /* The description is markup. */
  escaped = g_markup_escape_text (sentence, -1);
  adw_preferences_group_set_description (intro, escaped);
  adw_preferences_page_add (self->page, intro);
  add_reports (self, summary);
  if (others != NULL && others->len > 0)
    {
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

      adw_preferences_group_set_title (group, _("Other Problems"));
      for (guint i = 0; i < others->len; i++)
        adw_preferences_group_add (group, plain_row (g_ptr_array_index (others, i), NULL));
      adw_preferences_page_add (self->page, group);
    }
  return self;
}

static void
rtes_sync_summary_dialog_class_init (RtesSyncSummaryDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rtes_sync_summary_dialog_init (RtesSyncSummaryDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_window_set_title (GTK_WINDOW (self), _("What the Sync Did"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 600);
  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->page), TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->page));
  adw_window_set_content (ADW_WINDOW (self), box);
}
