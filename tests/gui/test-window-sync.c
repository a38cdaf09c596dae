/* test-window-sync.c: the window's Sync, end to end against the test site
 *
 * The fake site of tests/sync (rtes-test-site.c) listens on 127.0.0.1 in
 * this test's main loop; the window is pointed at it through the
 * "site-url" key (in-memory GSettings) and gets its token through the
 * controller, as a token typed for one session would be. Everything else
 * goes through the window's own actions and widgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rtes-conflict-view.h"
#include "rtes-fiche-describe.h"
#include "rtes-fiche-row.h"
#include "rtes-gui-widgets.h"
#include "rtes-gui-test.h"
#include "rtes-preferences-window.h"
#include "rtes-sync-conflicts-window.h"
#include "rtes-sync-controller.h"
#include "rtes-sync-summary-dialog.h"
#include "rtes-test-site.h"
#include "rtes-test-util.h"
#include "rtes-token-row.h"
#include "rtes-window-private.h"

#define TOKEN "window-token"

#define DIJON_SITE  "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"dijon\",\"name\":\"Dijon\"}"
#define NEVERS_SITE "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"nevers\",\"name\":\"Nevers\"}"


typedef struct
{
  RtesTestSite *site;
  GSettings *settings;
  char *dir;
  RtesWindow *window;
} Fixture;

static gboolean
banner_revealed (gpointer window)
{
  return gtk_revealer_get_reveal_child (((RtesWindow *) window)->sync_revealer);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->site = rtes_test_site_new ();
  rtes_test_site_set_token (f->site, TOKEN);
  rtes_test_site_put (f->site, DIJON_SITE);
  rtes_test_site_put (f->site, NEVERS_SITE);

  f->settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (f->settings, "site-url", rtes_test_site_get_url (f->site));
  f->dir = rtes_test_make_tmpdir ("rtes-window-sync");

  f->window = rtes_gui_test_open_window (f->dir, 1100, 720);
  rtes_sync_controller_set_token (RTES_SYNC_CONTROLLER (f->window->sync), TOKEN);
  /* The controller's first reading of the (absent) sync state. */
  rtes_gui_test_run_for (200);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  rtes_gui_test_close_window (f->window);
  g_settings_reset (f->settings, "site-url");
  g_settings_reset (f->settings, "autosave");
  g_clear_object (&f->settings);
  g_clear_pointer (&f->site, rtes_test_site_free);
  rtes_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Helpers -------------------------------------------------------------- */

static void
sync_window (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync", NULL));
  g_assert_true (rtes_window_is_busy (f->window));
  rtes_gui_test_wait_not_busy (f->window, "the end of the sync");
}

static RtesFiche *
lookup (Fixture    *f,
        const char *id)
{
  return rtes_library_lookup (rtes_window_get_library (f->window), id);
}

static void
select_by_id (Fixture    *f,
              const char *id)
{
  RtesFiche *fiche = lookup (f, id);

  g_assert_nonnull (fiche);
  rtes_sidebar_set_selected_fiche (f->window->sidebar, fiche);
  g_assert_true (rtes_window_get_fiche (f->window) == fiche);
}

/* The site's copy of @id, member @member as a string. */
static const char *
site_string (Fixture    *f,
             const char *id,
             const char *member)
{
  JsonNode *node = rtes_test_site_get (f->site, id);

  g_assert_nonnull (node);
  return json_object_get_string_member_with_default (json_node_get_object (node), member, NULL);
}

static void
edit_on_site (Fixture    *f,
              const char *id,
              const char *member,
              const char *value)
{
  JsonNode *node = json_node_copy (rtes_test_site_get (f->site, id));
  g_autofree char *json = NULL;

  json_object_set_string_member (json_node_get_object (node), member, value);
  json_object_remove_member (json_node_get_object (node), "revision");
  json = json_to_string (node, FALSE);
  json_node_unref (node);
  rtes_test_site_put (f->site, json);
}

static gboolean
is_shown_warning (GtkWidget *widget,
                  gpointer   data)
{
  return gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), "dialog-warning-symbolic") == 0;
}

/* Whether the sidebar's row of @id shows the conflict mark. */
static gboolean
row_marked (Fixture    *f,
            const char *id)
{
  GtkWidget *row = rtes_gui_test_find_widget (GTK_WIDGET (f->window->sidebar), RTES_TYPE_FICHE_ROW,
                                              rtes_gui_test_row_is_for, (gpointer) id);

  g_assert_nonnull (row);
  return rtes_gui_test_find_widget (row, GTK_TYPE_IMAGE, is_shown_warning, NULL) != NULL;
}

static gboolean
dijon_marked (gpointer data)
{
  Fixture *f = data;

  return rtes_document_get_in_conflict (rtes_gui_test_document_of (f->window, lookup (f, "dijon")));
}

static gboolean
dijon_not_marked (gpointer data)
{
  return !dijon_marked (data);
}

static gboolean
label_shown (GtkWidget *widget,
             gpointer   data)
{
  return gtk_widget_is_drawable (widget) && rtes_gui_test_label_is (widget, data);
}

/* In the form of the place at @suffix ("name", ".phone"), presses "Take
 * the Site's" beside that field, then "Apply". Found by place and by
 * the form's own classes, not by (translated) label. */
static gboolean
is_form (GtkWidget *widget,
         gpointer   data)
{
  GPtrArray *conflicts = rtes_conflict_form_get_conflicts (RTES_CONFLICT_FORM (widget));

  for (guint i = 0; i < conflicts->len; i++)
    if (g_str_has_suffix (((RtesConflict *) g_ptr_array_index (conflicts, i))->path, data))
      return TRUE;
  return FALSE;
}

static void
take_site_value (RtesConflictView *view,
                 const char       *suffix)
{
  GtkWidget *form = rtes_gui_test_find_widget (GTK_WIDGET (view), RTES_TYPE_CONFLICT_FORM, is_form, (gpointer) suffix);
  GPtrArray *conflicts;
  g_autofree char *title = NULL;
  GtkWidget *row;

  g_assert_nonnull (form);
  conflicts = rtes_conflict_form_get_conflicts (RTES_CONFLICT_FORM (form));
  for (guint i = 0; i < conflicts->len && title == NULL; i++)
    if (g_str_has_suffix (((RtesConflict *) g_ptr_array_index (conflicts, i))->path, suffix))
      title = rtes_fiche_describe_field (((RtesConflict *) g_ptr_array_index (conflicts, i))->path);
  row = rtes_gui_test_find_widget (form, ADW_TYPE_PREFERENCES_ROW, rtes_gui_test_title_is, title);
  g_assert_nonnull (row);
  rtes_gui_test_take_theirs (row);
  rtes_gui_test_press_apply (form);
}

static GtkWindow *
find_conflicts_window (Fixture *f)
{
  return rtes_gui_test_find_window (RTES_TYPE_SYNC_CONFLICTS_WINDOW, GTK_WINDOW (f->window));
}

static gboolean
conflicts_window_open (gpointer data)
{
  return find_conflicts_window (data) != NULL;
}

static gboolean
conflicts_window_gone (gpointer data)
{
  return find_conflicts_window (data) == NULL;
}

static gboolean
view_has_conflicts (gpointer data)
{
  return rtes_conflict_view_get_n_conflicts (data) > 0;
}

/* "Resolve Conflicts…": the conflict view, once it shows them. */
static RtesConflictView *
resolve_conflicts (Fixture *f)
{
  RtesConflictView *view;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.resolve-conflicts", NULL));
  rtes_gui_test_wait_until (conflicts_window_open, f, 5000, "the conflicts window");
  view = RTES_CONFLICT_VIEW (rtes_gui_test_find_widget (GTK_WIDGET (find_conflicts_window (f)),
                                                        RTES_TYPE_CONFLICT_VIEW, NULL, NULL));
  rtes_gui_test_wait_until (view_has_conflicts, view, 5000, "the conflicts");
  return view;
}

static gboolean
file_has_site_name (gpointer data)
{
  Fixture *f = data;
  g_autofree char *path = g_build_filename (f->dir, "dijon.json", NULL);

  return rtes_gui_test_file_contains (path, "Dijon (site)");
}

/* How many fiches the last sync's summary reports with @outcome. */
static guint
count (Fixture         *f,
       RtesSyncOutcome  outcome)
{
  g_assert_nonnull (f->window->sync_summary);
  return rtes_sync_summary_count (f->window->sync_summary, outcome);
}

/* Tests ------------------------------------------------------------------ */

#define DIJON_CONTACTS(phone, email) \
  "{\"format\":\"rtes-fiche\",\"version\":1,\"id\":\"dijon\",\"name\":\"Dijon\",\"contacts\":[" \
  "{\"role\":\"Élu référent\",\"name\":\"Jean Martin\",\"title\":\"maire\",\"phone\":\"" phone "\"," \
  "\"email\":\"" email "\"}," \
  "{\"role\":\"Technicienne\",\"name\":\"Anne Roy\",\"title\":\"DGS\"}]}"

/* The phone of the selected fiche's first contact, read afresh: undoing
 * may give the list new contact objects. */
static const char *
first_contact_phone (Fixture *f)
{
  g_autoptr(RtesContact) contact = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (rtes_window_get_fiche (f->window))), 0);

  return g_intern_string (rtes_contact_get_phone (contact));
}

/* One contact's phone and e-mail changed here and on the site (issue 12):
 * the view says which contact and which fields, and taking the site's
 * phone keeps our e-mail and everything else. */
static void
test_sync_contact_conflict (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RtesContact) jean = NULL;
  g_autoptr(RtesContact) shown = NULL;
  RtesConflictView *view;
  RtesDocument *document;
  g_autofree char *contact_title = NULL;
  g_autofree char *dijon_path = g_build_filename (f->dir, "dijon.json", NULL);

  rtes_test_site_put (f->site, DIJON_CONTACTS ("03 80 00 00 01", "jean@dijon.fr"));
  sync_window (f);
  select_by_id (f, "dijon");
  jean = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (rtes_window_get_fiche (f->window))), 0);
  rtes_contact_set_phone (jean, "03 80 00 00 03");
  rtes_contact_set_email (jean, "jean.martin@ici.fr");
  rtes_contact_set_title (jean, "maire de Dijon");
  rtes_test_site_put (f->site, DIJON_CONTACTS ("03 80 00 00 02", "j.martin@site.fr"));
  sync_window (f);
  rtes_gui_test_wait_until (dijon_marked, f, 5000, "the conflict mark");

  view = resolve_conflicts (f);
  /* The phone and the e-mail: the title changed here alone and merged. */
  g_assert_cmpuint (rtes_conflict_view_get_n_conflicts (view), ==, 2);
  rtes_gui_test_run_for (100);
  /* One form for Jean, titled by the describer, the phones side by side. */
  contact_title = g_strdup_printf (_("Contact “%s”"), "Jean Martin, Élu référent");
  g_assert_nonnull (rtes_gui_test_find_widget (GTK_WIDGET (view), GTK_TYPE_LABEL, label_shown, contact_title));
  g_assert_nonnull (rtes_gui_test_find_widget (GTK_WIDGET (view), GTK_TYPE_LABEL, label_shown, (gpointer) "03 80 00 00 02"));
  g_assert_nonnull (rtes_gui_test_find_widget (GTK_WIDGET (view), GTK_TYPE_LABEL, label_shown, (gpointer) "03 80 00 00 03"));
  g_assert_nonnull (rtes_gui_test_find_widget (GTK_WIDGET (view), GTK_TYPE_LABEL, label_shown, (gpointer) "j.martin@site.fr"));
  g_assert_nonnull (rtes_gui_test_find_widget (GTK_WIDGET (view), GTK_TYPE_LABEL, label_shown, (gpointer) "jean.martin@ici.fr"));
  rtes_gui_test_screenshot (GTK_WIDGET (view), "window-sync-contact-conflict-view");

  take_site_value (view, ".phone");
  rtes_gui_test_wait_until (conflicts_window_gone, f, 5000, "the conflicts window to close");
  rtes_gui_test_wait_until (dijon_not_marked, f, 5000, "the conflict mark to go");

  shown = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (rtes_window_get_fiche (f->window))), 0);
  g_assert_cmpstr (rtes_contact_get_phone (shown), ==, "03 80 00 00 02");
  g_assert_cmpstr (rtes_contact_get_email (shown), ==, "jean.martin@ici.fr");
  g_assert_cmpstr (rtes_contact_get_title (shown), ==, "maire de Dijon");
  g_assert_true (rtes_gui_test_file_contains (dijon_path, "\"phone\": \"03 80 00 00 02\""));
  g_assert_true (rtes_gui_test_file_contains (dijon_path, "\"email\": \"jean.martin@ici.fr\""));

  /* The resolution went through the fiche's document, as one step. */
  document = rtes_gui_test_document_of (f->window, rtes_window_get_fiche (f->window));
  g_assert_cmpstr (rtes_document_get_undo_label (document), ==, C_("undo", "Resolve Conflict"));
  g_assert_true (rtes_document_undo (document));
  g_assert_cmpstr (first_contact_phone (f), ==, "03 80 00 00 03");
  g_assert_true (rtes_document_redo (document));
  g_assert_cmpstr (first_contact_phone (f), ==, "03 80 00 00 02");
}


static void
test_sync_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  RtesTestSiteStats *stats = rtes_test_site_get_stats (f->site);
  RtesConflictView *view;
  g_autofree char *dijon_path = g_build_filename (f->dir, "dijon.json", NULL);
  g_autofree char *revision = NULL;
  RtesFiche *shown;
  guint stored;

  /* A first pull brings the site's fiches into the library and the list. */
  g_assert_null (lookup (f, "dijon"));
  sync_window (f);
  g_assert_nonnull (lookup (f, "dijon"));
  g_assert_nonnull (lookup (f, "nevers"));
  g_assert_cmpuint (g_list_model_get_n_items (rtes_sidebar_get_model (f->window->sidebar)), ==, 2);
  g_assert_true (g_file_test (dijon_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (stats->puts, ==, 0);

  /* Edits on both sides, to different fields: both kept, here and there. */
  select_by_id (f, "dijon");
  rtes_fiche_set_programme (rtes_window_get_fiche (f->window), "Programme écrit ici.");
  edit_on_site (f, "dijon", "panorama", "Texte écrit sur le site.");
  sync_window (f);
  g_assert_cmpstr (rtes_fiche_get_programme (lookup (f, "dijon")), ==, "Programme écrit ici.");
  g_assert_cmpstr (rtes_fiche_get_panorama (lookup (f, "dijon")), ==, "Texte écrit sur le site.");
  g_assert_true (rtes_gui_test_file_contains (dijon_path, "Programme écrit ici."));
  g_assert_true (rtes_gui_test_file_contains (dijon_path, "Texte écrit sur le site."));
  g_assert_cmpstr (site_string (f, "dijon", "programme"), ==, "Programme écrit ici.");
  g_assert_cmpstr (site_string (f, "dijon", "panorama"), ==, "Texte écrit sur le site.");
  g_assert_false (rtes_document_get_in_conflict (rtes_gui_test_document_of (f->window, lookup (f, "dijon"))));
  g_assert_false (row_marked (f, "dijon"));
  g_assert_cmpuint (count (f, RTES_SYNC_OUTCOME_MERGED), ==, 1);
  g_assert_cmpuint (count (f, RTES_SYNC_OUTCOME_PUBLISHED), ==, 1);
  g_assert_cmpuint (count (f, RTES_SYNC_OUTCOME_NOT_PUBLISHED), ==, 0);

  /* The same field on both sides: a conflict, the local value kept, the
   * fiche marked and not published. The population is changed here only,
   * so that the fiche has something to publish once resolved. */
  select_by_id (f, "dijon");
  shown = rtes_window_get_fiche (f->window);
  rtes_fiche_set_name (rtes_window_get_fiche (f->window), "Dijon (ici)");
  rtes_fiche_set_population (rtes_window_get_fiche (f->window), 160000);
  edit_on_site (f, "dijon", "name", "Dijon (site)");
  revision = g_strdup (rtes_test_site_get_revision (f->site, "dijon"));
  stored = stats->stored;
  sync_window (f);
  g_assert_cmpuint (stats->stored, ==, stored);
  g_assert_cmpstr (rtes_fiche_get_name (lookup (f, "dijon")), ==, "Dijon (ici)");
  rtes_gui_test_wait_until (dijon_marked, f, 5000, "the conflict mark");
  g_assert_true (row_marked (f, "dijon"));
  g_assert_false (row_marked (f, "nevers"));
  select_by_id (f, "dijon");
  rtes_gui_test_wait_until (banner_revealed, f->window, 5000, "the conflict banner");
  rtes_gui_test_screenshot (GTK_WIDGET (f->window), "window-sync-conflict-marked");

  /* The conflict view: before, on the site and here, side by side. An
   * edit not saved yet goes to disk first, so that resolving (which
   * rewrites the file) neither loses it nor takes it for an outside
   * change. */
  g_settings_set_boolean (f->settings, "autosave", FALSE);
  rtes_fiche_set_population_note (rtes_window_get_fiche (f->window), "Recensement 2021");
  g_assert_true (rtes_document_get_modified (rtes_gui_test_document_of (f->window, lookup (f, "dijon"))));
  view = resolve_conflicts (f);
  g_assert_cmpuint (rtes_conflict_view_get_n_conflicts (view), ==, 1);
  rtes_gui_test_run_for (100);
  g_assert_nonnull (rtes_gui_test_find_widget (GTK_WIDGET (view), GTK_TYPE_LABEL, label_shown, (gpointer) "Dijon"));
  g_assert_nonnull (rtes_gui_test_find_widget (GTK_WIDGET (view), GTK_TYPE_LABEL, label_shown, (gpointer) "Dijon (site)"));
  g_assert_nonnull (rtes_gui_test_find_widget (GTK_WIDGET (view), GTK_TYPE_LABEL, label_shown, (gpointer) "Dijon (ici)"));
  rtes_gui_test_screenshot (GTK_WIDGET (view), "window-sync-conflict-view");

  /* Take the site's value and apply it. */
  take_site_value (view, "name");
  rtes_gui_test_wait_until (conflicts_window_gone, f, 5000, "the conflicts window to close");

  /* The file, the shown fiche and its editor hold the site's value; the
   * mark goes; the local-only change is still there. */
  g_assert_true (file_has_site_name (f));
  g_assert_false (rtes_gui_test_file_contains (dijon_path, "Dijon (ici)"));
  g_assert_cmpstr (rtes_fiche_get_name (rtes_window_get_fiche (f->window)), ==, "Dijon (site)");
  g_assert_cmpint (rtes_fiche_get_population (rtes_window_get_fiche (f->window)), ==, 160000);
  g_assert_true (rtes_window_get_fiche (f->window) == lookup (f, "dijon"));
  /* The very object the editor showed before: never replaced under it. */
  g_assert_true (rtes_window_get_fiche (f->window) == shown);
  g_assert_nonnull (rtes_gui_test_find_widget (GTK_WIDGET (f->window->editor_bin), GTK_TYPE_EDITABLE,
                                               rtes_gui_test_text_is, (gpointer) "Dijon (site)"));
  rtes_gui_test_wait_until (dijon_not_marked, f, 5000, "the conflict mark to go");
  rtes_gui_test_run_for (50);
  g_assert_false (row_marked (f, "dijon"));
  g_assert_false (gtk_revealer_get_reveal_child (f->window->sync_revealer));
  g_assert_false (rtes_document_get_modified (rtes_gui_test_document_of (f->window, lookup (f, "dijon"))));
  g_assert_false (rtes_document_get_changed_on_disk (rtes_gui_test_document_of (f->window, lookup (f, "dijon"))));
  g_assert_cmpstr (rtes_fiche_get_population_note (lookup (f, "dijon")), ==, "Recensement 2021");
  g_assert_true (rtes_gui_test_file_contains (dijon_path, "Recensement 2021"));

  /* The next sync publishes it, based on the site's revision. */
  stored = stats->stored;
  sync_window (f);
  g_assert_cmpuint (stats->stored, ==, stored + 1);
  g_assert_nonnull (stats->last_if_match);
  g_assert_nonnull (strstr (stats->last_if_match, revision));
  g_assert_cmpstr (site_string (f, "dijon", "name"), ==, "Dijon (site)");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (rtes_test_site_get (f->site, "dijon")),
                                               "population"), ==, 160000);
  g_assert_cmpstr (site_string (f, "dijon", "population_note"), ==, "Recensement 2021");
  g_assert_cmpuint (count (f, RTES_SYNC_OUTCOME_PUBLISHED), ==, 1);
  g_assert_cmpuint (count (f, RTES_SYNC_OUTCOME_NOT_PUBLISHED), ==, 0);
}

static RtesSyncSummaryDialog *
find_summary_dialog (Fixture *f)
{
  return rtes_gui_test_find_window (RTES_TYPE_SYNC_SUMMARY_DIALOG, NULL);
}

static gboolean
is_summary_dialog (gpointer data)
{
  return find_summary_dialog (data) != NULL;
}

/* The report of @id with @outcome in the last sync's summary. */
static RtesSyncFicheReport *
report_of (Fixture         *f,
           const char      *id,
           RtesSyncOutcome  outcome)
{
  RtesSyncSummary *summary = f->window->sync_summary;

  g_assert_nonnull (summary);
  for (guint i = 0; i < summary->fiches->len; i++)
    {
      RtesSyncFicheReport *report = g_ptr_array_index (summary->fiches, i);

      if (g_strcmp0 (report->id, id) == 0 && report->outcome == outcome)
        return report;
    }
  return NULL;
}

static gboolean
subtitle_has (GtkWidget *widget,
              gpointer   data)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));

  return subtitle != NULL && strstr (subtitle, data) != NULL;
}

static void
test_sync_refused (Fixture       *f,
                   gconstpointer  data)
{
  RtesSyncSummaryDialog *dialog;
  RtesSyncFicheReport *report;

  sync_window (f);
  g_assert_cmpuint (count (f, RTES_SYNC_OUTCOME_ADDED), ==, 2);
  select_by_id (f, "nevers");
  rtes_fiche_set_actions (rtes_window_get_fiche (f->window), "Une recyclerie <centre>");
  /* The site's words, with characters that markup would swallow. */
  rtes_test_site_set_refusal (f->site, "Le code <b>INSEE</b> & la région manquent");
  sync_window (f);

  report = report_of (f, "nevers", RTES_SYNC_OUTCOME_NOT_PUBLISHED);
  g_assert_nonnull (report);
  g_assert_cmpint (report->reason, ==, RTES_SYNC_NOT_PUBLISHED_REFUSED);
  g_assert_nonnull (strstr (report->message, "Le code <b>INSEE</b> & la région manquent"));
  g_assert_cmpstr (report->name, ==, "Nevers");

  /* The first sync's summary goes after its seconds; this one, with
   * something to read, stays. */
  rtes_gui_test_run_for (5500);
  rtes_gui_test_screenshot (GTK_WIDGET (f->window), "window-sync-refused-toast");

  /* What the toast's Details button does: the fiche by name, the site's
   * words as they are. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync-details", NULL));
  rtes_gui_test_wait_until (is_summary_dialog, f, 5000, "the details");
  dialog = find_summary_dialog (f);
  g_assert_nonnull (rtes_gui_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, subtitle_has,
                                               (gpointer) "Le code <b>INSEE</b> & la région manquent"));
  rtes_gui_test_screenshot (GTK_WIDGET (dialog), "window-sync-details");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A wrong token: said once, with the site's host, not once per fiche. */
  rtes_sync_controller_set_token (RTES_SYNC_CONTROLLER (f->window->sync), "wrong-token");
  select_by_id (f, "dijon");
  rtes_fiche_set_actions (rtes_window_get_fiche (f->window), "Un tiers-lieu");
  sync_window (f);
  report = report_of (f, "dijon", RTES_SYNC_OUTCOME_NOT_PUBLISHED);
  g_assert_nonnull (report);
  g_assert_cmpint (report->reason, ==, RTES_SYNC_NOT_PUBLISHED_TOKEN_REFUSED);
  g_assert_nonnull (strstr (report->message, "127.0.0.1"));
  g_assert_null (strstr (report->message, "wrong-token"));
  rtes_sync_controller_set_token (RTES_SYNC_CONTROLLER (f->window->sync), TOKEN);

  /* The site later accepts them: nothing left that was not sent. */
  rtes_test_site_set_refusal (f->site, NULL);
  sync_window (f);
  g_assert_cmpuint (count (f, RTES_SYNC_OUTCOME_NOT_PUBLISHED), ==, 0);
  g_assert_cmpuint (count (f, RTES_SYNC_OUTCOME_PUBLISHED), ==, 2);
  g_assert_cmpstr (site_string (f, "nevers", "actions"), ==, "Une recyclerie <centre>");
  g_assert_cmpstr (site_string (f, "dijon", "actions"), ==, "Un tiers-lieu");
}

static gboolean
note_says_no_token (gpointer data)
{
  GtkWindow *window = find_conflicts_window (data);
  g_autofree char *expected = NULL;

  if (window == NULL)
    return FALSE;
  expected = g_strdup (_("Once every conflict is settled, this fiche is still not published: there is no "
                         "token for the site. Save the site’s token in Preferences to publish it."));
  return rtes_gui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, label_shown, expected) != NULL;
}

/* Issue 12: without a token the summary says, by name, that nothing was
 * published and why, and the conflict view promises no publication. */
static void
test_sync_no_token (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *sentence = NULL;
  RtesSyncFicheReport *report;
  RtesSyncSummaryDialog *dialog;

  rtes_sync_controller_set_token (RTES_SYNC_CONTROLLER (f->window->sync), "");
  sync_window (f);
  select_by_id (f, "dijon");
  rtes_fiche_set_name (rtes_window_get_fiche (f->window), "Dijon (ici)");
  select_by_id (f, "nevers");
  rtes_fiche_set_programme (rtes_window_get_fiche (f->window), "Programme écrit ici.");
  edit_on_site (f, "dijon", "name", "Dijon (site)");
  sync_window (f);
  g_assert_cmpuint (rtes_test_site_get_stats (f->site)->puts, ==, 0);

  report = report_of (f, "nevers", RTES_SYNC_OUTCOME_NOT_PUBLISHED);
  g_assert_nonnull (report);
  g_assert_cmpint (report->reason, ==, RTES_SYNC_NOT_PUBLISHED_NO_TOKEN);
  g_assert_cmpint (report_of (f, "dijon", RTES_SYNC_OUTCOME_NOT_PUBLISHED)->reason, ==,
                   RTES_SYNC_NOT_PUBLISHED_CONFLICTS);
  sentence = rtes_sync_summary_to_sentence (f->window->sync_summary);
  g_assert_cmpstr (sentence, ==, "Synchronisation\u00a0: 1 fiche avec des conflits à régler, "
                                 "2 fiches non publiées (voir les détails), et il n’y a pas de jeton pour publier.");

  /* The Details, in French, name the fiche and the reason. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync-details", NULL));
  rtes_gui_test_wait_until (is_summary_dialog, f, 5000, "the details");
  dialog = find_summary_dialog (f);
  g_assert_nonnull (rtes_gui_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, subtitle_has,
                                               (gpointer) "non publiée\u00a0: pas de jeton"));
  rtes_gui_test_screenshot (GTK_WIDGET (dialog), "window-sync-no-token-details");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The conflict view says the fiche will not be published, and why. */
  select_by_id (f, "dijon");
  rtes_gui_test_wait_until (dijon_marked, f, 5000, "the conflict mark");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.resolve-conflicts", NULL));
  rtes_gui_test_wait_until (note_says_no_token, f, 5000, "the note that nothing will be published");
  rtes_gui_test_screenshot (GTK_WIDGET (find_conflicts_window (f)), "window-sync-no-token-conflicts");
}

static gboolean
problem_shown (gpointer data)
{
  return rtes_token_row_get_problem (data) != NULL;
}

static void
test_preferences_token (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  RtesPreferencesWindow *prefs;
  RtesTokenRow *row;
  GtkWidget *keyring_row;

  g_settings_set_string (settings, "site-url", "https://www.rtes.fr");
  prefs = rtes_preferences_window_new (settings);
  /* Tall enough for the screenshot to reach the site's group. */
  gtk_window_set_default_size (GTK_WINDOW (prefs), 560, 820);
  gtk_window_present (GTK_WINDOW (prefs));
  row = RTES_TOKEN_ROW (rtes_gui_test_find_widget (GTK_WIDGET (prefs), RTES_TYPE_TOKEN_ROW, NULL, NULL));
  g_assert_nonnull (row);

  /* Bound to the site address. */
  g_assert_cmpstr (rtes_token_row_get_site (row), ==, "https://www.rtes.fr");
  g_settings_set_string (settings, "site-url", "https://rtes.example.org");
  g_assert_cmpstr (rtes_token_row_get_site (row), ==, "https://rtes.example.org");

  /* No Secret Service here (main() points D-Bus nowhere): the row says so
   * and takes no token it would lose. */
  rtes_gui_test_wait_until (problem_shown, row, 10000, "the keyring problem");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (row)));
  keyring_row = GTK_WIDGET (row);
  while ((keyring_row = gtk_widget_get_next_sibling (keyring_row)) != NULL)
    if (ADW_IS_ACTION_ROW (keyring_row))
      break;
  g_assert_nonnull (keyring_row);
  g_assert_true (gtk_widget_get_visible (keyring_row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (keyring_row)), ==,
                   rtes_token_row_get_problem (row));
  /* Issue 18: D-Bus's English reason is a detail behind a button, not
   * part of the French sentence. */
  {
    const char *details = rtes_token_row_get_problem_details (row);
    GtkWidget *button = rtes_gui_test_find_widget (keyring_row, GTK_TYPE_MENU_BUTTON, NULL, NULL);
    GtkWidget *label;

    g_assert_nonnull (details);
    g_assert_null (strstr (rtes_token_row_get_problem (row), details));
    g_assert_nonnull (button);
    g_assert_true (gtk_widget_get_visible (button));
    label = gtk_popover_get_child (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, details);
  }
  rtes_gui_test_screenshot (GTK_WIDGET (prefs), "window-sync-preferences");

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_settings_reset (settings, "site-url");
}

int
main (int   argc,
      char *argv[])
{
  /* A session bus that does not exist: no Secret Service, whatever the
   * machine runs, and no autolaunch. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/rtes-fiches-test-bus", TRUE);
  rtes_gui_test_init (&argc, &argv);

  g_test_add ("/gui/window-sync/round-trip", Fixture, NULL, fixture_setup, test_sync_round_trip, fixture_teardown);
  g_test_add ("/gui/window-sync/contact-conflict", Fixture, NULL, fixture_setup, test_sync_contact_conflict, fixture_teardown);
  g_test_add ("/gui/window-sync/refused", Fixture, NULL, fixture_setup, test_sync_refused, fixture_teardown);
  g_test_add ("/gui/window-sync/no-token", Fixture, NULL, fixture_setup, test_sync_no_token, fixture_teardown);
  g_test_add_func ("/gui/window-sync/preferences-token", test_preferences_token);

  return g_test_run ();
}
