/* test-conflicts.c: the conflict view's forms and the sync's summary, in French
 *
 * Each case makes its conflicts the real way: a library and the loopback
 * test site (tests/sync/rtes-test-site.c), edits on both sides, a sync.
 * Then the sync's conflicts window (RtesSyncConflictsWindow) is driven
 * through its widgets as a person would, and the files are read back.
 * The process runs in French (rtes_gui_test_init()), as the staff do:
 * a few strings the issue names are checked as they read; everything
 * else is compared through the same translations the code uses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rtes-conflict-form.h"
#include "rtes-conflict-view.h"
#include "rtes-fiche-describe.h"
#include "rtes-fiche-json.h"
#include "rtes-fiche-path.h"
#include "rtes-gui-widgets.h"
#include "rtes-gui-test.h"
#include "rtes-import-test-util.h"
#include "rtes-number-row.h"
#include "rtes-sync-conflicts-window.h"
#include "rtes-sync-summary-dialog.h"
#include "rtes-sync.h"
#include "rtes-test-site-fixture.h"
#include "rtes-test-util.h"
#include "rtes-token-row.h"

#define TOKEN "conflicts-token"

typedef struct {
  RtesTestSiteFixture s;
  RtesSyncConflictsWindow *window;
  gboolean loaded;
  guint resolved;
  GStrv resolved_ids;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  rtes_test_site_fixture_setup (&f->s, "rtes-conflicts", TOKEN);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_weak_pointer (&f->window);
  rtes_gui_test_run_for (50);
  g_clear_pointer (&f->resolved_ids, g_strfreev);
  rtes_test_site_fixture_teardown (&f->s);
}

/* ---- the site and the library ---- */

/* A site-side fiche from a JSON written with single quotes. */
static void
site_put (Fixture    *f,
          const char *json)
{
  g_autofree char *copy = g_strdup (json);

  g_strdelimit (copy, "'", '"');
  rtes_test_site_put (f->s.site, copy);
}

static guint
open_conflicts (Fixture *f)
{
  g_autofree char *state_dir = rtes_sync_state_dir_for_library (f->s.dir);
  g_autoptr(RtesSyncState) state = rtes_sync_state_load (state_dir, NULL);

  g_assert_nonnull (state);
  return rtes_sync_state_count_conflicts (state);
}

/* ---- the window ---- */

static void
on_loaded (RtesSyncConflictsWindow *window,
           Fixture                 *f)
{
  f->loaded = TRUE;
}

static void
on_resolved (RtesSyncConflictsWindow *window,
             GStrv                    ids,
             Fixture                 *f)
{
  g_clear_pointer (&f->resolved_ids, g_strfreev);
  f->resolved_ids = g_strdupv (ids);
  f->resolved++;
}

static gboolean
is_loaded (gpointer data)
{
  return ((Fixture *) data)->loaded;
}

static RtesConflictView *
open_window (Fixture    *f,
             const char *id)
{
  g_autoptr(RtesFiche) fiche = rtes_test_load_fiche (f->s.dir, id);
  RtesSyncConflictsWindow *window = rtes_sync_conflicts_window_new (NULL, f->s.dir, id, rtes_fiche_get_name (fiche));

  g_set_weak_pointer (&f->window, window);
  g_signal_connect (window, "loaded", G_CALLBACK (on_loaded), f);
  g_signal_connect (window, "resolved", G_CALLBACK (on_resolved), f);
  gtk_window_present (GTK_WINDOW (window));
  rtes_gui_test_wait_until (is_loaded, f, 10000, "the conflicts");
  return rtes_sync_conflicts_window_get_view (window);
}

static void collect (GtkWidget *root, GType type, GPtrArray *found);

/* Until the window says the choices are written; a message the view
 * shows instead is the failure's reason. */
static void
wait_resolved (Fixture *f,
               guint    before)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (f->resolved == before)
    {
      if (g_get_monotonic_time () > end)
        {
          g_autoptr(GPtrArray) labels = g_ptr_array_new ();

          collect (GTK_WIDGET (f->window), GTK_TYPE_LABEL, labels);
          for (guint i = 0; i < labels->len; i++)
            if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), "error")
                && gtk_widget_get_visible (g_ptr_array_index (labels, i)))
              g_test_message ("shown: %s", gtk_label_get_text (g_ptr_array_index (labels, i)));
          g_error ("Timed out waiting for the choices to be written");
        }
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static GPtrArray *
all_of (GtkWidget *root,
        GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (root, type, found);
  return found;
}

/* The row of the choices for the place at @path, titled as the form
 * titles it. */
static GtkWidget *
choice_row (GtkWidget  *form,
            const char *path)
{
  g_autofree char *title = rtes_fiche_describe_field (path);
  GtkWidget *row = rtes_gui_test_find_widget (form, ADW_TYPE_PREFERENCES_ROW, rtes_gui_test_title_is, title);

  g_assert_nonnull (row);
  return row;
}

/* The cell of the comparison grid that reads @text. */
static GtkWidget *
label_reading (GtkWidget  *root,
               const char *text)
{
  return rtes_gui_test_find_widget (root, GTK_TYPE_LABEL, rtes_gui_test_label_is, (gpointer) text);
}

/* Not one label a person sees looks like JSON. */
static void
assert_no_json (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = all_of (root, GTK_TYPE_LABEL);
  guint checked = 0;

  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_text (g_ptr_array_index (labels, i));

      if (strchr (text, '{') != NULL || strchr (text, '}') != NULL || strchr (text, '[') != NULL
          || strstr (text, "\":") != NULL || strstr (text, "\"name\"") != NULL || strstr (text, "null") != NULL)
        g_error ("JSON in a label: “%s”", text);
      checked++;
    }
  g_assert_cmpuint (checked, >, 20);
}

/* ---- a contact's phone and e-mail ---- */

#define JEAN(phone, email) \
  "{'name':'Jean Martin','role':'Élu référent','title':'maire','email':'" email "','phone':'" phone "'}"
#define DIJON(contacts, lines) \
  "{'format':'rtes-fiche','version':1,'id':'dijon','name':'Dijon','status':'published'," \
  "'budget':{'text':'Budget ESS','lines':[" lines "]},'contacts':[" contacts "]}"
#define LINE(amount) "{'amount':" amount ",'section':'fonctionnement','year':2024,'label':'Subventions'}"

/* Both sides change Jean's phone and e-mail: one form for Jean, his
 * phone and e-mail marked as conflicts and his name not; the person takes
 * the site's phone and keeps the e-mail typed here, and the file holds
 * both. */
static void
test_contact_per_field (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) first = NULL;
  g_autoptr(RtesSyncSummary) second = NULL;
  g_autoptr(RtesFiche) dijon = NULL;
  g_autoptr(RtesFiche) after = NULL;
  g_autoptr(RtesContact) jean = NULL;
  g_autoptr(RtesContact) kept = NULL;
  g_autoptr(GPtrArray) forms = NULL;
  g_autofree char *phone_path = NULL;
  g_autofree char *email_path = NULL;
  RtesConflictView *view;
  GtkWidget *form, *cell;
  guint before;

  site_put (f, DIJON (JEAN ("03 80 00 00 01", "jean@dijon.fr"), ""));
  first = rtes_test_site_fixture_sync (&f->s, RTES_SYNC_FLAGS_PUBLISH, NULL);
  dijon = rtes_test_load_fiche (f->s.dir, "dijon");
  jean = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (dijon)), 0);
  rtes_contact_set_phone (jean, "03 80 00 00 03");
  rtes_contact_set_email (jean, "jean.martin@ici.fr");
  rtes_test_save_fiche (f->s.dir, dijon);
  site_put (f, DIJON (JEAN ("03 80 00 00 02", "j.martin@site.fr"), ""));
  second = rtes_test_site_fixture_sync (&f->s, RTES_SYNC_FLAGS_PUBLISH, NULL);
  g_assert_cmpuint (second->conflicts, ==, 2);

  view = open_window (f, "dijon");
  g_assert_cmpuint (rtes_conflict_view_get_n_conflicts (view), ==, 2);
  forms = all_of (GTK_WIDGET (view), RTES_TYPE_CONFLICT_FORM);
  g_assert_cmpuint (forms->len, ==, 1);
  form = g_ptr_array_index (forms, 0);
  {
    /* The places, with the key the merge gave Jean. */
    GPtrArray *conflicts = rtes_conflict_form_get_conflicts (RTES_CONFLICT_FORM (form));

    for (guint i = 0; i < conflicts->len; i++)
      {
        RtesConflict *c = g_ptr_array_index (conflicts, i);

        if (g_str_has_suffix (c->path, ".phone"))
          phone_path = g_strdup (c->path);
        else if (g_str_has_suffix (c->path, ".email"))
          email_path = g_strdup (c->path);
      }
  }
  g_assert_nonnull (phone_path);
  g_assert_nonnull (email_path);

  /* Before, on the site and here, side by side; the phone marked. */
  cell = label_reading (form, "03 80 00 00 02");
  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_has_css_class (cell, "conflict-field"));
  g_assert_true (gtk_widget_has_css_class (label_reading (form, "03 80 00 00 03"), "conflict-field"));
  g_assert_true (gtk_widget_has_css_class (label_reading (form, "03 80 00 00 01"), "conflict-field"));
  cell = label_reading (form, "Jean Martin");
  g_assert_nonnull (cell);
  g_assert_false (gtk_widget_has_css_class (cell, "conflict-field"));
  g_assert_false (gtk_widget_has_css_class (cell, "conflict-differs"));
  g_assert_nonnull (label_reading (form, "Sur le site"));
  g_assert_nonnull (label_reading (form, "Ici"));
  g_assert_nonnull (label_reading (form, "Avant"));
  assert_no_json (GTK_WIDGET (f->window));
  rtes_gui_test_screenshot (GTK_WIDGET (view), "conflicts-contact");

  /* The site's phone, our e-mail. */
  rtes_gui_test_take_theirs (choice_row (form, phone_path));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (choice_row (form, phone_path))), ==, "03 80 00 00 02");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (choice_row (form, email_path))), ==, "jean.martin@ici.fr");
  before = f->resolved;
  rtes_gui_test_press_apply (form);
  wait_resolved (f, before);
  g_assert_cmpstr (f->resolved_ids[0], ==, "dijon");
  g_assert_cmpuint (rtes_conflict_view_get_n_conflicts (view), ==, 0);

  after = rtes_test_load_fiche (f->s.dir, "dijon");
  kept = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (after)), 0);
  g_assert_cmpstr (rtes_contact_get_phone (kept), ==, "03 80 00 00 02");
  g_assert_cmpstr (rtes_contact_get_email (kept), ==, "jean.martin@ici.fr");
  g_assert_cmpuint (open_conflicts (f), ==, 0);
}

/* ---- an amount typed the French way ---- */

static gboolean
is_number_row (GtkWidget *widget,
               gpointer   data)
{
  return RTES_IS_NUMBER_ROW (widget);
}

static void
test_amount_typed (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) first = NULL;
  g_autoptr(RtesSyncSummary) second = NULL;
  g_autoptr(RtesFiche) dijon = NULL;
  g_autoptr(RtesFiche) after = NULL;
  g_autoptr(RtesBudgetLine) line = NULL;
  g_autoptr(RtesBudgetLine) kept = NULL;
  g_autoptr(GPtrArray) forms = NULL;
  g_autofree char *path = g_build_filename (f->s.dir, "dijon.json", NULL);
  RtesConflictView *view;
  GtkWidget *form, *amount, *error_label = NULL;
  guint before;

  site_put (f, DIJON ("", LINE ("100000")));
  first = rtes_test_site_fixture_sync (&f->s, RTES_SYNC_FLAGS_PUBLISH, NULL);
  dijon = rtes_test_load_fiche (f->s.dir, "dijon");
  line = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_budget_lines (dijon)), 0);
  rtes_budget_line_set_amount (line, 120000);
  rtes_test_save_fiche (f->s.dir, dijon);
  site_put (f, DIJON ("", LINE ("150000")));
  second = rtes_test_site_fixture_sync (&f->s, RTES_SYNC_FLAGS_PUBLISH, NULL);
  g_assert_cmpuint (second->conflicts, ==, 1);

  view = open_window (f, "dijon");
  forms = all_of (GTK_WIDGET (view), RTES_TYPE_CONFLICT_FORM);
  g_assert_cmpuint (forms->len, ==, 1);
  form = g_ptr_array_index (forms, 0);
  /* Amounts read as the staff write them. */
  g_assert_nonnull (label_reading (form, "150\u202f000\u202f€"));
  g_assert_nonnull (label_reading (form, "120\u202f000\u202f€"));
  g_assert_nonnull (label_reading (form, "Fonctionnement"));
  assert_no_json (GTK_WIDGET (f->window));

  /* The editor's own amount field: what it cannot read is refused in
   * place, and nothing is written… */
  amount = rtes_gui_test_find_widget (form, RTES_TYPE_NUMBER_ROW, is_number_row, NULL);
  g_assert_nonnull (amount);
  gtk_editable_set_text (GTK_EDITABLE (amount), "350 kg");
  rtes_gui_test_press_apply (form);
  rtes_gui_test_run_for (100);
  g_assert_cmpuint (f->resolved, ==, 0);
  {
    g_autoptr(GPtrArray) labels = all_of (form, GTK_TYPE_LABEL);

    for (guint i = 0; i < labels->len; i++)
      if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), "error")
          && gtk_widget_get_visible (g_ptr_array_index (labels, i)))
        error_label = g_ptr_array_index (labels, i);
  }
  g_assert_nonnull (error_label);
  /* In French, naming the field: not a parser's English. */
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (error_label)), "Montant"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "Saisissez un montant en euros"));
  g_assert_cmpuint (open_conflicts (f), ==, 1);

  /* …and "350 k€" is 350 000 €. */
  gtk_editable_set_text (GTK_EDITABLE (amount), "350 k€");
  rtes_gui_test_screenshot (GTK_WIDGET (view), "conflicts-amount");
  before = f->resolved;
  rtes_gui_test_press_apply (form);
  wait_resolved (f, before);
  after = rtes_test_load_fiche (f->s.dir, "dijon");
  kept = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_budget_lines (after)), 0);
  g_assert_cmpfloat (rtes_budget_line_get_amount (kept), ==, 350000);
  g_assert_true (rtes_gui_test_file_contains (path, "\"amount\": 350000"));
  g_assert_cmpuint (open_conflicts (f), ==, 0);
}

/* ---- every kind of place, and no JSON ---- */

/* A contact edited here and deleted on the site, the address, the budget
 * text and a member this version does not know: all in words. */
static void
test_no_json (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) first = NULL;
  g_autoptr(RtesSyncSummary) second = NULL;
  g_autoptr(RtesFiche) dijon = NULL;
  g_autoptr(RtesContact) anne = NULL;
  g_autoptr(JsonNode) survey = NULL;
  g_autoptr(GPtrArray) forms = NULL;
  RtesConflictView *view;

  site_put (f, "{'format':'rtes-fiche','version':1,'id':'dijon','name':'Dijon','status':'published',"
               "'address':{'lines':['Hôtel de ville'],'postcode':'21000','city':'Dijon','country':'France'},"
               "'budget':{'text':'Budget ESS','lines':[]},"
               "'contacts':[" JEAN ("03 80 00 00 01", "j@dijon.fr") ",{'name':'Anne Roy','title':'DGS'}],"
               "'survey':{'year':2021,'by':'ORESS'}}");
  first = rtes_test_site_fixture_sync (&f->s, RTES_SYNC_FLAGS_PUBLISH, NULL);
  dijon = rtes_test_load_fiche (f->s.dir, "dijon");
  anne = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (dijon)), 1);
  rtes_contact_set_title (anne, "directrice générale");
  rtes_fiche_set_city (dijon, "Dijon Cedex");
  rtes_fiche_set_budget_text (dijon, "Budget de l’ESS, écrit ici");
  survey = json_from_string ("{\"year\":2022,\"by\":\"ici\"}", NULL);
  json_object_set_member (rtes_fiche_get_extra (dijon), "survey", g_steal_pointer (&survey));
  rtes_test_save_fiche (f->s.dir, dijon);
  site_put (f, "{'format':'rtes-fiche','version':1,'id':'dijon','name':'Dijon','status':'published',"
               "'address':{'lines':['Hôtel de ville'],'postcode':'21000','city':'Dijon (site)','country':'France'},"
               "'budget':{'text':'Budget de l’ESS, écrit sur le site','lines':[]},"
               "'contacts':[" JEAN ("03 80 00 00 01", "j@dijon.fr") "],"
               "'survey':{'year':2023,'by':'site'}}");
  second = rtes_test_site_fixture_sync (&f->s, RTES_SYNC_FLAGS_PUBLISH, NULL);
  g_assert_cmpuint (second->conflicts, ==, 4);

  view = open_window (f, "dijon");
  forms = all_of (GTK_WIDGET (view), RTES_TYPE_CONFLICT_FORM);
  g_assert_cmpuint (forms->len, ==, 4);
  /* The contact deleted on the site says so, and is edited in the
   * editor's own card. */
  g_assert_nonnull (label_reading (GTK_WIDGET (view), "Modifié ici, supprimé sur le site."));
  g_assert_nonnull (rtes_gui_test_find_widget (GTK_WIDGET (view), ADW_TYPE_EXPANDER_ROW, NULL, NULL));
  g_assert_nonnull (label_reading (GTK_WIDGET (view), "2023, site"));
  assert_no_json (GTK_WIDGET (f->window));
  rtes_gui_test_screenshot (GTK_WIDGET (view), "conflicts-places");
}

/* ---- a first sync ---- */

static gboolean
button_reads (GtkWidget *widget,
              gpointer   data)
{
  const char *label = gtk_button_get_label (GTK_BUTTON (widget));
  g_autoptr(GString) plain = g_string_new (label);

  /* Without the mnemonic's underscore. */
  g_string_replace (plain, "_", "", 0);
  return label != NULL && g_str_equal (plain->str, data);
}

/* Clicks the view's button that reads @label, until the choices are
 * written. */
static void
click_and_wait (Fixture          *f,
                RtesConflictView *view,
                const char       *label)
{
  GtkWidget *button = rtes_gui_test_find_widget (GTK_WIDGET (view), GTK_TYPE_BUTTON, button_reads, (gpointer) label);
  guint before = f->resolved;

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  wait_resolved (f, before);
}

static RtesFiche *
imported_fiche (const char *id,
                const char *name,
                const char *phone)
{
  RtesFiche *fiche = rtes_fiche_new (id, name);
  g_autoptr(RtesContact) jean = rtes_contact_new ();

  /* As an import of the site's text export makes it: published, no key. */
  rtes_fiche_set_status (fiche, RTES_STATUS_PUBLISHED);
  rtes_fiche_set_panorama (fiche, "Panorama importé du texte.");
  rtes_contact_set_name (jean, "Jean Martin");
  rtes_contact_set_phone (jean, phone);
  g_list_store_append (rtes_fiche_get_contacts (fiche), jean);
  return fiche;
}

/* Dijon and Nevers imported from the text export here, the site's
 * copies (single-quoted JSON) there: the first sync between them. */
static RtesSyncSummary *
first_sync (Fixture    *f,
            const char *dijon_on_site,
            const char *nevers_on_site)
{
  g_autoptr(RtesFiche) dijon = imported_fiche ("dijon", "Dijon", "03 80 00 00 09");
  g_autoptr(RtesFiche) nevers = imported_fiche ("nevers", "Nevers", "03 86 00 00 09");

  rtes_test_save_fiche (f->s.dir, dijon);
  rtes_test_save_fiche (f->s.dir, nevers);
  g_clear_object (&f->s.library);
  f->s.library = rtes_library_open (f->s.dir, NULL);
  site_put (f, dijon_on_site);
  site_put (f, nevers_on_site);
  return rtes_test_site_fixture_sync (&f->s, RTES_SYNC_FLAGS_PUBLISH, NULL);
}

/* A library imported from the text export meets the site for the first
 * time: no "Before", "On the Site / Here", and "Take the Site for
 * Everything" takes every fiche of that first sync. */
static void
test_first_sync (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autoptr(RtesFiche) dijon_after = NULL;
  g_autoptr(RtesFiche) nevers_after = NULL;
  g_autoptr(RtesContact) jean = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  RtesConflictView *view;

  summary = first_sync (f,
                        "{'format':'rtes-fiche','version':1,'id':'dijon','name':'Dijon','status':'published',"
                        "'panorama':'Panorama du site.','contacts':[{'name':'Jean Martin','phone':'03 80 00 00 01',"
                        "'email':'jean@dijon.fr'}]}",
                        "{'format':'rtes-fiche','version':1,'id':'nevers','name':'Nevers','status':'published',"
                        "'panorama':'Panorama de Nevers sur le site.','contacts':[{'name':'Jean Martin','phone':'03 86 00 00 01'}]}");
  g_assert_cmpuint (summary->conflicts, ==, 5);

  view = open_window (f, "dijon");
  g_assert_true (rtes_conflict_view_get_first_sync (view));
  /* Nothing was written here for Jean's e-mail: the site's fills it,
   * unless the person says otherwise. */
  {
    GtkWidget *email = NULL;
    g_autoptr(GPtrArray) rows = all_of (GTK_WIDGET (view), ADW_TYPE_ENTRY_ROW);
    g_autofree char *title = rtes_fiche_describe_field ("contacts[0].email");

    for (guint i = 0; i < rows->len; i++)
      if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
        email = g_ptr_array_index (rows, i);
    g_assert_nonnull (email);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (email)), ==, "jean@dijon.fr");
  }
  g_assert_nonnull (label_reading (GTK_WIDGET (view), "Sur le site"));
  g_assert_nonnull (label_reading (GTK_WIDGET (view), "Ici"));
  g_assert_null (label_reading (GTK_WIDGET (view), "Avant"));
  g_assert_null (label_reading (GTK_WIDGET (view), "(absent)"));
  assert_no_json (GTK_WIDGET (f->window));
  g_assert_nonnull (rtes_gui_test_find_widget (GTK_WIDGET (view), GTK_TYPE_BUTTON, button_reads,
                                               (gpointer) "Garder ma version pour tout"));
  /* Nevers is part of the same first sync. */
  checks = all_of (GTK_WIDGET (view), GTK_TYPE_CHECK_BUTTON);
  g_assert_cmpuint (checks->len, ==, 1);
  g_assert_true (gtk_widget_get_visible (g_ptr_array_index (checks, 0)));
  gtk_check_button_set_active (g_ptr_array_index (checks, 0), TRUE);
  rtes_gui_test_screenshot (GTK_WIDGET (view), "conflicts-first-sync");

  click_and_wait (f, view, "Prendre le site pour tout");
  g_assert_cmpuint (g_strv_length (f->resolved_ids), ==, 2);
  g_assert_cmpuint (open_conflicts (f), ==, 0);
  g_assert_cmpuint (rtes_conflict_view_get_n_conflicts (view), ==, 0);
  dijon_after = rtes_test_load_fiche (f->s.dir, "dijon");
  nevers_after = rtes_test_load_fiche (f->s.dir, "nevers");
  g_assert_cmpstr (rtes_fiche_get_panorama (dijon_after), ==, "Panorama du site.");
  g_assert_cmpstr (rtes_fiche_get_panorama (nevers_after), ==, "Panorama de Nevers sur le site.");
  jean = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (nevers_after)), 0);
  g_assert_cmpstr (rtes_contact_get_phone (jean), ==, "03 86 00 00 01");
}

/* "Keep My Version for Everything", for this fiche only: every value
 * typed here stays, the other fiche of the first sync still waits, and
 * the next sync publishes what was kept. */
static void
test_first_sync_keep_mine (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autoptr(RtesSyncSummary) next = NULL;
  g_autoptr(RtesFiche) dijon_after = NULL;
  g_autoptr(RtesContact) jean = NULL;
  JsonNode *published;
  RtesConflictView *view;

  summary = first_sync (f,
                        "{'format':'rtes-fiche','version':1,'id':'dijon','name':'Dijon','status':'published',"
                        "'panorama':'Panorama du site.','contacts':[{'name':'Jean Martin','phone':'03 80 00 00 01'}]}",
                        "{'format':'rtes-fiche','version':1,'id':'nevers','name':'Nevers','status':'published',"
                        "'panorama':'Panorama de Nevers sur le site.'}");
  g_assert_cmpuint (summary->conflicts, >, 2);

  view = open_window (f, "dijon");
  click_and_wait (f, view, "Garder ma version pour tout");
  g_assert_cmpstrv (f->resolved_ids, ((const char *[]) { "dijon", NULL }));
  g_assert_cmpuint (rtes_conflict_view_get_n_conflicts (view), ==, 0);
  dijon_after = rtes_test_load_fiche (f->s.dir, "dijon");
  g_assert_cmpstr (rtes_fiche_get_panorama (dijon_after), ==, "Panorama importé du texte.");
  jean = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (dijon_after)), 0);
  g_assert_cmpstr (rtes_contact_get_phone (jean), ==, "03 80 00 00 09");
  /* Nevers was not asked about. */
  g_assert_cmpuint (open_conflicts (f), >, 0);

  next = rtes_test_site_fixture_sync (&f->s, RTES_SYNC_FLAGS_PUBLISH, NULL);
  published = rtes_test_site_get (f->s.site, "dijon");
  g_assert_nonnull (published);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (published), "panorama"), ==,
                   "Panorama importé du texte.");
}

/* The same, with a library made by the real importer from a text export
 * (tests/import/fixtures), and a site whose copies differ only by their
 * panorama: every fiche meets the site for the first time. */
static void
test_first_sync_imported (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *export = rtes_test_source_path ("import", "fixtures", "occitanie-export.txt", NULL);
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_auto(GStrv) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  RtesConflictView *view;

  import_test_import (f->s.library, export);
  ids = rtes_library_list_ids (f->s.dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (ids), >=, 2);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(RtesFiche) fiche = rtes_test_load_fiche (f->s.dir, ids[i]);
      g_autoptr(JsonNode) document = NULL;
      g_autofree char *panorama = g_strdup_printf ("Panorama de %s, écrit sur le site.", rtes_fiche_get_name (fiche));
      g_autofree char *json = NULL;

      /* Published on the site, as the site's export has them. */
      rtes_fiche_set_status (fiche, RTES_STATUS_PUBLISHED);
      document = rtes_fiche_to_json (fiche);
      json_object_set_string_member (json_node_get_object (document), "panorama", panorama);
      json = json_to_string (document, FALSE);
      rtes_test_site_put (f->s.site, json);
    }
  summary = rtes_test_site_fixture_sync (&f->s, RTES_SYNC_FLAGS_PUBLISH, NULL);
  g_assert_cmpuint (summary->conflicts, >=, g_strv_length (ids));
  g_assert_cmpuint (rtes_test_site_get_stats (f->s.site)->puts, ==, 0);

  view = open_window (f, ids[0]);
  g_assert_true (rtes_conflict_view_get_first_sync (view));
  g_assert_nonnull (label_reading (GTK_WIDGET (view), "Sur le site"));
  g_assert_nonnull (label_reading (GTK_WIDGET (view), "Ici"));
  g_assert_nonnull (label_reading (GTK_WIDGET (view), "Première synchronisation avec le site"));
  g_assert_null (label_reading (GTK_WIDGET (view), "Avant"));
  g_assert_null (label_reading (GTK_WIDGET (view), "(absent)"));
  g_assert_null (label_reading (GTK_WIDGET (view), "Conflits avec le site"));
  assert_no_json (GTK_WIDGET (f->window));
  rtes_gui_test_screenshot (GTK_WIDGET (view), "conflicts-first-sync-imported");

  /* "Take the Site for Everything", for every fiche of this first sync. */
  checks = all_of (GTK_WIDGET (view), GTK_TYPE_CHECK_BUTTON);
  g_assert_cmpuint (checks->len, ==, 1);
  gtk_check_button_set_active (g_ptr_array_index (checks, 0), TRUE);
  click_and_wait (f, view, "Prendre le site pour tout");
  g_assert_cmpuint (g_strv_length (f->resolved_ids), ==, g_strv_length (ids));
  g_assert_cmpuint (open_conflicts (f), ==, 0);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(RtesFiche) fiche = rtes_test_load_fiche (f->s.dir, ids[i]);
      g_autofree char *panorama = g_strdup_printf ("Panorama de %s, écrit sur le site.", rtes_fiche_get_name (fiche));

      g_assert_cmpstr (rtes_fiche_get_panorama (fiche), ==, panorama);
    }
}

/* ---- the summary ---- */

static gboolean
row_reads (GtkWidget *widget,
           gpointer   data)
{
  const char **expected = data;

  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), expected[0]) == 0
         && g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), expected[1]) == 0;
}

/* Without a token: the sentence says so, and the details name each fiche
 * with its reason. */
static void
test_summary_no_token (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RtesSyncSummary) first = NULL;
  g_autoptr(RtesSyncSummary) summary = NULL;
  g_autoptr(RtesFiche) dijon = NULL;
  g_autoptr(RtesFiche) draft = rtes_fiche_new ("autun", "Autun");
  g_autofree char *sentence = NULL;
  RtesSyncSummaryDialog *dialog;
  const char *dijon_row[] = { "Dijon Métropole", "non publiée\u00a0: pas de jeton" };
  const char *autun_row[] = { "Autun", "non publiée\u00a0: c’est un nouveau brouillon\u202f; passez son statut à «\u00a0Publiée\u00a0» pour l’envoyer" };
  const char *nevers_row[] = { "Nevers", "nouvelle, venue du site" };

  site_put (f, DIJON ("", ""));
  first = rtes_test_site_fixture_sync (&f->s, RTES_SYNC_FLAGS_PUBLISH, NULL);
  dijon = rtes_test_load_fiche (f->s.dir, "dijon");
  rtes_fiche_set_name (dijon, "Dijon Métropole");
  rtes_test_save_fiche (f->s.dir, dijon);
  rtes_test_save_fiche (f->s.dir, draft);
  site_put (f, "{'format':'rtes-fiche','version':1,'id':'nevers','name':'Nevers'}");
  summary = rtes_test_site_fixture_sync (&f->s, RTES_SYNC_FLAGS_NO_TOKEN, NULL);
  g_assert_cmpuint (rtes_test_site_get_stats (f->s.site)->puts, ==, 0);

  sentence = rtes_sync_summary_to_sentence (summary);
  g_assert_cmpstr (sentence, ==, "Synchronisation\u00a0: 1 nouvelle fiche venue du site, "
                                 "2 fiches non publiées (voir les détails), et il n’y a pas de jeton pour publier.");
  dialog = rtes_sync_summary_dialog_new (NULL, summary, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_nonnull (rtes_gui_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, row_reads, dijon_row));
  g_assert_nonnull (rtes_gui_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, row_reads, autun_row));
  g_assert_nonnull (rtes_gui_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, row_reads, nevers_row));
  /* Above the list, the sentence does not send the eye elsewhere. */
  g_assert_nonnull (label_reading (GTK_WIDGET (dialog), "Synchronisation\u00a0: 1 nouvelle fiche venue du site, "
                                                        "2 fiches non publiées, et il n’y a pas de jeton pour publier."));
  rtes_gui_test_screenshot (GTK_WIDGET (dialog), "sync-summary");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* ---- the token row ---- */

static void
test_token_row_hidden (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = rtes_token_row_new ();
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));

  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_present (GTK_WINDOW (window));
  /* No site, nothing to keep a token for. */
  g_assert_false (gtk_widget_get_sensitive (row));
  g_assert_false (rtes_token_row_get_has_token (RTES_TOKEN_ROW (row)));
  /* The token is typed as dots. */
  g_assert_true (GTK_IS_TEXT (delegate));
  g_assert_false (gtk_text_get_visibility (GTK_TEXT (delegate)));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* No Secret Service: the token row has none to use. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/rtes-fiches-test-bus", TRUE);
  rtes_gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/gui/conflicts/contact-per-field", test_contact_per_field);
  ADD ("/gui/conflicts/amount-typed", test_amount_typed);
  ADD ("/gui/conflicts/no-json", test_no_json);
  ADD ("/gui/conflicts/first-sync", test_first_sync);
  ADD ("/gui/conflicts/first-sync-keep-mine", test_first_sync_keep_mine);
  ADD ("/gui/conflicts/first-sync-imported", test_first_sync_imported);
  ADD ("/gui/conflicts/summary-no-token", test_summary_no_token);
#undef ADD
  g_test_add_func ("/gui/conflicts/token-row-hidden", test_token_row_hidden);

  return g_test_run ();
}
