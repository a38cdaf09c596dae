/* test-editor.c: the fiche editor's pages, driven through their widgets
 *
 * Each test sets a fiche on a page (or the whole editor), edits it the way
 * a person would (text in entry rows, combo selections, buttons, menu
 * actions, keys in the text view) and checks the RtesFiche and its JSON.
 * The screenshot test saves each page, in French, into the build folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rtes-budget-line-row.h"
#include "rtes-budget-page.h"
#include "rtes-contact-row.h"
#include "rtes-contacts-page.h"
#include "rtes-document.h"
#include "rtes-editor-widgets.h"
#include "rtes-french.h"
#include "rtes-fiche-editor.h"
#include "rtes-fiche-json.h"
#include "rtes-fiche-text-view.h"
#include "rtes-field-message.h"
#include "rtes-format-bar.h"
#include "rtes-gui-widgets.h"
#include "rtes-gui-test.h"
#include "rtes-identity-page.h"
#include "rtes-library.h"
#include "rtes-number-row.h"
#include "rtes-test-util.h"
#include "rtes-text-section-page.h"
#include "rtes-text.h"
#include "rtes-validation.h"
#include "rtes-vocabulary.h"

/* Helpers ------------------------------------------------------------------ */

static void save_screenshot (GtkWidget *window, const char *name);

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

static void
type_text (gpointer    editable,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

/* Typing at the end, as a person does (set_text goes through "" first). */
static void
append_text (gpointer    editable,
             const char *text)
{
  int position = (int) g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (editable)), -1);

  gtk_editable_insert_text (GTK_EDITABLE (editable), text, -1, &position);
}

static char *
fiche_json (RtesFiche *fiche)
{
  return rtes_fiche_to_data (fiche, NULL);
}

static void
assert_json_has (RtesFiche  *fiche,
                 const char *fragment)
{
  g_autofree char *json = fiche_json (fiche);

  if (strstr (json, fragment) == NULL)
    g_error ("JSON lacks %s:\n%s", fragment, json);
}

static RtesFiche *
sample_fiche (void)
{
  RtesFiche *fiche = rtes_fiche_new ("communaute-urbaine-creusot-montceau",
                                     "Communauté urbaine Creusot Montceau");
  const char *lines[] = { "Château de la Verrerie", "BP 90069", NULL };
  const char *tags[] = { NULL };
  g_autoptr(RtesContact) elected = rtes_contact_new ();
  g_autoptr(RtesContact) staff = rtes_contact_new ();
  g_autoptr(RtesBudgetLine) line = rtes_budget_line_new ();

  rtes_fiche_set_kind (fiche, "communaute-urbaine");
  rtes_fiche_set_region (fiche, "Bourgogne-Franche-Comté");
  rtes_fiche_set_population (fiche, 92000);
  rtes_fiche_set_member_since (fiche, 2015);
  rtes_fiche_set_updated (fiche, "2024-03-12");
  rtes_fiche_set_address_lines (fiche, lines);
  rtes_fiche_set_postcode (fiche, "71206");
  rtes_fiche_set_city (fiche, "Le Creusot Cedex");
  rtes_fiche_set_country (fiche, "France");
  rtes_fiche_set_panorama (fiche,
                           "Le territoire compte 450 structures de l'ESS.\n\n"
                           "- 3 200 emplois\n"
                           "- un PTCE : https://ptce.example.org\n"
                           "  - filière bois\n");
  rtes_fiche_set_programme (fiche, "1. Appel à projets annuel\n2. Clauses sociales");
  rtes_fiche_set_budget_text (fiche, "Budget dédié à l'ESS, hors fonds européens.");
  if (rtes_tags ()[0].id != NULL)
    {
      const char *one[] = { rtes_tags ()[0].id, NULL };

      rtes_fiche_set_tags (fiche, one);
    }
  else
    rtes_fiche_set_tags (fiche, tags);

  rtes_contact_set_role (elected, "Vice-président délégué à l'ESS");
  rtes_contact_set_category (elected, RTES_CONTACT_ELECTED);
  rtes_contact_set_name (elected, "Jean Dupont");
  rtes_contact_set_rtes_board (elected, TRUE);
  rtes_contact_set_role (staff, "Chargée de mission ESS");
  rtes_contact_set_category (staff, RTES_CONTACT_STAFF);
  rtes_contact_set_name (staff, "Marie Martin");
  rtes_contact_set_email (staff, "marie.martin@example.org");
  rtes_contact_set_phone (staff, "03 85 77 51 00");
  g_list_store_append (rtes_fiche_get_contacts (fiche), elected);
  g_list_store_append (rtes_fiche_get_contacts (fiche), staff);

  rtes_budget_line_set_amount (line, 6100000);
  rtes_budget_line_set_section (line, RTES_SECTION_FONCTIONNEMENT);
  rtes_budget_line_set_year (line, 2023);
  rtes_budget_line_set_label (line, "Soutien aux structures");
  g_list_store_append (rtes_fiche_get_budget_lines (fiche), line);

  return fiche;
}

/* Formatting --------------------------------------------------------------- */

static void
test_format_amounts (void)
{
  g_autofree char *a = rtes_french_euros (6100000);
  g_autofree char *b = rtes_french_euros (1234.5);
  g_autofree char *c = rtes_french_integer (152000);
  double amount;
  gint64 value;

  g_assert_cmpstr (a, ==, "6\u202f100\u202f000\u202f€");
  g_assert_cmpstr (b, ==, "1\u202f234,50\u202f€");
  g_assert_cmpstr (c, ==, "152\u202f000");

  g_assert_true (rtes_french_parse_amount ("6 100 000 €", &amount));
  g_assert_cmpfloat (amount, ==, 6100000);
  g_assert_true (rtes_french_parse_amount ("6\u202f100\u202f000,25", &amount));
  g_assert_cmpfloat_with_epsilon (amount, 6100000.25, 1e-9);
  g_assert_false (rtes_french_parse_amount ("six millions", &amount));
  g_assert_false (rtes_french_parse_amount ("", &amount));
  g_assert_true (rtes_french_parse_integer ("92 000", &value));
  g_assert_cmpint (value, ==, 92000);
  g_assert_false (rtes_french_parse_integer ("92 000,5", &value));
}

/* Templates ---------------------------------------------------------------- */

static void
test_templates (void)
{
  GType types[] = {
    RTES_TYPE_FICHE_EDITOR, RTES_TYPE_IDENTITY_PAGE, RTES_TYPE_TEXT_SECTION_PAGE,
    RTES_TYPE_BUDGET_PAGE, RTES_TYPE_CONTACTS_PAGE,
  };
  g_autoptr(RtesContact) contact = rtes_contact_new ();
  g_autoptr(RtesBudgetLine) line = rtes_budget_line_new ();
  GtkWidget *rows[2];

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GtkWidget *widget = g_object_ref_sink (g_object_new (types[i], NULL));

      /* A built template has a child; a page without a fiche is inert. */
      g_assert_nonnull (gtk_widget_get_first_child (widget));
      if (RTES_IS_FORM_PAGE (widget))
        g_assert_false (gtk_widget_get_sensitive (widget));
      g_object_unref (widget);
    }

  rows[0] = g_object_ref_sink (rtes_contact_row_new (contact, NULL));
  rows[1] = g_object_ref_sink (rtes_budget_line_row_new (line));
  g_assert_nonnull (child (rows[0], RTES_TYPE_CONTACT_ROW, "email_row"));
  g_assert_nonnull (child (rows[1], RTES_TYPE_BUDGET_LINE_ROW, "amount_row"));
  g_object_unref (rows[0]);
  g_object_unref (rows[1]);
}

/* Identity ------------------------------------------------------------------ */

/* Adds the tag @id as a person would: "Add a Theme", then its row. */
static void
choose_tag (RtesIdentityPage *page,
            const char       *id)
{
  GtkListBoxRow *row = rtes_identity_page_get_tag_choice (page, id);

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (GTK_WIDGET (row)));
}

static gboolean
has_widget_of_type (GtkWidget *root,
                    GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_widget_of_type (child, type))
      return TRUE;
  return FALSE;
}

/* Issue 18: fourteen check boxes made the page very long; the chosen
 * levers are now chips, and "Add a Theme" lists the others, searchable. */
static void
test_identity_tag_chooser (void)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("dijon", "Dijon");
  GtkWidget *page = rtes_identity_page_new ();
  GtkWindow *window = rtes_gui_test_show_in_window (page, 800, 600);
  RtesIdentityPage *identity = RTES_IDENTITY_PAGE (page);
  GtkMenuButton *add = rtes_identity_page_get_add_tag_button (identity);
  GtkEditable *search = rtes_identity_page_get_tag_search (identity);
  GtkButton *remove;
  g_autofree char *name = NULL;
  guint n_terms = 0;

  for (const RtesTerm *term = rtes_tags (); term->id != NULL; term++)
    n_terms++;
  g_assert_cmpuint (n_terms, >=, 14);
  rtes_fiche_set_tags (fiche, (const char *[]) { "tag-du-futur", "dla", NULL });
  rtes_form_page_set_fiche (RTES_FORM_PAGE (page), fiche);
  drain ();

  /* A chip per tag, the unknown one too; no check box left. */
  g_assert_nonnull (rtes_identity_page_get_tag_remove_button (identity, "dla"));
  g_assert_nonnull (rtes_identity_page_get_tag_remove_button (identity, "tag-du-futur"));
  g_assert_null (rtes_identity_page_get_tag_remove_button (identity, "tiers-lieux"));
  g_assert_false (has_widget_of_type (page, GTK_TYPE_CHECK_BUTTON));
  /* Reached with Tab, and named for screen readers. */
  remove = rtes_identity_page_get_tag_remove_button (identity, "dla");
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (remove)));
  g_assert_false (gtk_widget_get_focusable (gtk_widget_get_ancestor (GTK_WIDGET (remove), GTK_TYPE_FLOW_BOX_CHILD)));
  name = g_strdup_printf (_("Remove the theme “%s”"), rtes_term_label (rtes_tag_lookup ("dla")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (remove)), ==, name);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (add)) ||
                 gtk_widget_get_focusable (gtk_widget_get_first_child (GTK_WIDGET (add))));

  /* The list offers only what the fiche has not; the search narrows it,
   * accents aside, and Entrée takes the first match. */
  /* (The popover is not opened here: under Xvfb a popover on a page
   * scrolled in a small window finds no monitor. Its list works alike.) */
  g_assert_null (rtes_identity_page_get_tag_choice (identity, "dla"));
  g_assert_nonnull (rtes_identity_page_get_tag_choice (identity, "tiers-lieux"));
  gtk_editable_set_text (search, "TIERS LIEU");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_nonnull (rtes_identity_page_get_tag_choice (identity, "tiers-lieux"));
  g_assert_null (rtes_identity_page_get_tag_choice (identity, "commande-publique"));
  save_screenshot (GTK_WIDGET (window), "identity-tag-chooser-search");
  g_signal_emit_by_name (search, "activate");
  drain ();
  {
    const char * const *tags = rtes_fiche_get_tags (fiche);

    g_assert_cmpuint (g_strv_length ((char **) tags), ==, 3);
    g_assert_cmpstr (tags[0], ==, "tag-du-futur");
    g_assert_cmpstr (tags[2], ==, "tiers-lieux");
  }
  g_assert_nonnull (rtes_identity_page_get_tag_remove_button (identity, "tiers-lieux"));

  /* A click on a row adds it too; the search starts empty again. */
  choose_tag (identity, "commande-publique");
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "");
  g_assert_true (g_strv_contains (rtes_fiche_get_tags (fiche), "commande-publique"));
  save_screenshot (GTK_WIDGET (window), "identity-tag-chips");

  /* Remove: the chip goes, the focus stays on the page's tag controls. */
  g_signal_emit_by_name (rtes_identity_page_get_tag_remove_button (identity, "dla"), "clicked");
  drain ();
  g_assert_false (g_strv_contains (rtes_fiche_get_tags (fiche), "dla"));
  g_assert_true (g_strv_contains (rtes_fiche_get_tags (fiche), "tag-du-futur"));
  g_assert_null (rtes_identity_page_get_tag_remove_button (identity, "dla"));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (add)) ||
                 gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (add));

  /* A change underneath (undo, a sync) shows in the chips. */
  rtes_fiche_set_tags (fiche, (const char *[]) { "dla", NULL });
  drain ();
  g_assert_nonnull (rtes_identity_page_get_tag_remove_button (identity, "dla"));
  g_assert_null (rtes_identity_page_get_tag_remove_button (identity, "tiers-lieux"));

  gtk_window_destroy (window);
  drain ();
}

static void
test_identity_fields (void)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("dijon", "Dijon");
  GtkWidget *page = rtes_identity_page_new ();
  GtkWindow *window = rtes_gui_test_show_in_window (page, 800, 900);
  AdwComboRow *kind_row = child (page, RTES_TYPE_IDENTITY_PAGE, "kind_row");
  AdwComboRow *region_row = child (page, RTES_TYPE_IDENTITY_PAGE, "region_row");
  AdwComboRow *status_row = child (page, RTES_TYPE_IDENTITY_PAGE, "status_row");
  const RtesTerm *kinds = rtes_kinds ();
  const RtesTerm *tag = &rtes_tags ()[0];
  guint metropole = 0;
  guint normandie = 0;

  rtes_form_page_set_fiche (RTES_FORM_PAGE (page), fiche);
  g_assert_true (gtk_widget_get_sensitive (page));
  g_assert_cmpstr (gtk_editable_get_text (child (page, RTES_TYPE_IDENTITY_PAGE, "name_row")), ==, "Dijon");

  type_text (child (page, RTES_TYPE_IDENTITY_PAGE, "name_row"), "Dijon Métropole");
  g_assert_cmpstr (rtes_fiche_get_name (fiche), ==, "Dijon Métropole");

  for (guint i = 0; kinds[i].id != NULL; i++)
    if (g_str_equal (kinds[i].id, "metropole"))
      metropole = i + 1;   /* after "Not specified" */
  g_assert_cmpuint (metropole, >, 0);
  adw_combo_row_set_selected (kind_row, metropole);
  g_assert_cmpstr (rtes_fiche_get_kind (fiche), ==, "metropole");
  adw_combo_row_set_selected (kind_row, 0);
  g_assert_null (rtes_fiche_get_kind (fiche));
  adw_combo_row_set_selected (kind_row, metropole);

  for (guint i = 0; rtes_regions ()[i].id != NULL; i++)
    if (g_str_equal (rtes_regions ()[i].id, "Normandie"))
      normandie = i + 1;
  adw_combo_row_set_selected (region_row, normandie);
  g_assert_cmpstr (rtes_fiche_get_region (fiche), ==, "Normandie");

  adw_combo_row_set_selected (status_row, 1);
  g_assert_cmpstr (rtes_fiche_get_status (fiche), ==, RTES_STATUS_PUBLISHED);

  type_text (child (page, RTES_TYPE_IDENTITY_PAGE, "population_row"), "160 000");
  g_assert_cmpint (rtes_fiche_get_population (fiche), ==, 160000);
  /* Half-typed or wrong: the model keeps the value the field held when
   * entered, the row says so (once left). */
  rtes_editor_focus_field_at (child (page, RTES_TYPE_IDENTITY_PAGE, "population_row"), -1);
  append_text (child (page, RTES_TYPE_IDENTITY_PAGE, "population_row"), " hab x");
  g_assert_cmpint (rtes_fiche_get_population (fiche), ==, 160000);
  rtes_editor_focus_field_at (child (page, RTES_TYPE_IDENTITY_PAGE, "population_note_row"), -1);
  g_assert_true (gtk_widget_has_css_class (child (page, RTES_TYPE_IDENTITY_PAGE, "population_row"), "error"));
  g_assert_nonnull (rtes_field_message_get (child (page, RTES_TYPE_IDENTITY_PAGE, "population_row")));
  type_text (child (page, RTES_TYPE_IDENTITY_PAGE, "population_row"), "");
  g_assert_cmpint (rtes_fiche_get_population (fiche), ==, RTES_NO_NUMBER);
  g_assert_null (rtes_field_message_get (child (page, RTES_TYPE_IDENTITY_PAGE, "population_row")));
  type_text (child (page, RTES_TYPE_IDENTITY_PAGE, "population_row"), "160000");
  type_text (child (page, RTES_TYPE_IDENTITY_PAGE, "population_note_row"), "environ 160 000 habitants");
  g_assert_cmpstr (rtes_fiche_get_population_note (fiche), ==, "environ 160 000 habitants");

  type_text (child (page, RTES_TYPE_IDENTITY_PAGE, "member_since_row"), "2012");
  g_assert_cmpint (rtes_fiche_get_member_since (fiche), ==, 2012);
  type_text (child (page, RTES_TYPE_IDENTITY_PAGE, "updated_row"), "2024-02-3");
  g_assert_null (rtes_fiche_get_updated (fiche));
  type_text (child (page, RTES_TYPE_IDENTITY_PAGE, "updated_row"), "2024-02-30");
  g_assert_null (rtes_fiche_get_updated (fiche));
  type_text (child (page, RTES_TYPE_IDENTITY_PAGE, "updated_row"), "2024-02-29");
  g_assert_cmpstr (rtes_fiche_get_updated (fiche), ==, "2024-02-29");
  /* The way French readers write it is stored the format's way. */
  type_text (child (page, RTES_TYPE_IDENTITY_PAGE, "updated_row"), "1/3/2024");
  g_assert_cmpstr (rtes_fiche_get_updated (fiche), ==, "2024-03-01");
  append_text (child (page, RTES_TYPE_IDENTITY_PAGE, "updated_row"), "4");
  g_assert_cmpstr (rtes_fiche_get_updated (fiche), ==, "2024-03-01");
  type_text (child (page, RTES_TYPE_IDENTITY_PAGE, "updated_row"), "2024-02-29");

  /* Address lines: typing in the empty last row adds a line and a new
   * empty row; clearing a line removes it from the fiche. */
  type_text (rtes_identity_page_get_address_line_row (RTES_IDENTITY_PAGE (page), 0), "40 avenue du Drapeau");
  g_assert_nonnull (rtes_identity_page_get_address_line_row (RTES_IDENTITY_PAGE (page), 1));
  type_text (rtes_identity_page_get_address_line_row (RTES_IDENTITY_PAGE (page), 1), "CS 17510");
  g_assert_cmpuint (g_strv_length ((char **) rtes_fiche_get_address_lines (fiche)), ==, 2);
  g_assert_cmpstr (rtes_fiche_get_address_lines (fiche)[1], ==, "CS 17510");
  type_text (child (page, RTES_TYPE_IDENTITY_PAGE, "postcode_row"), "21075");
  type_text (child (page, RTES_TYPE_IDENTITY_PAGE, "city_row"), "Dijon Cedex");
  type_text (child (page, RTES_TYPE_IDENTITY_PAGE, "country_row"), "France");

  if (tag->id != NULL)
    {
      /* A tag this version does not know survives adding another one. */
      rtes_fiche_set_tags (fiche, (const char *[]) { "tag-du-futur", NULL });
      choose_tag (RTES_IDENTITY_PAGE (page), tag->id);
      g_assert_true (g_strv_contains (rtes_fiche_get_tags (fiche), tag->id));
      g_assert_cmpstr (rtes_fiche_get_tags (fiche)[0], ==, "tag-du-futur");
      g_signal_emit_by_name (rtes_identity_page_get_tag_remove_button (RTES_IDENTITY_PAGE (page), tag->id), "clicked");
      g_assert_cmpuint (g_strv_length ((char **) rtes_fiche_get_tags (fiche)), ==, 1);
      choose_tag (RTES_IDENTITY_PAGE (page), tag->id);
    }

  /* Ctrl+Z belongs to the window's model-wide undo, not to one entry. */
  g_assert_false (gtk_editable_get_enable_undo (child (page, RTES_TYPE_IDENTITY_PAGE, "name_row")));
  g_assert_false (gtk_editable_get_enable_undo (GTK_EDITABLE (rtes_identity_page_get_address_line_row (RTES_IDENTITY_PAGE (page), 0))));

  assert_json_has (fiche, "\"name\": \"Dijon Métropole\"");
  assert_json_has (fiche, "\"status\": \"published\"");
  assert_json_has (fiche, "\"kind\": \"metropole\"");
  assert_json_has (fiche, "\"region\": \"Normandie\"");
  assert_json_has (fiche, "\"population\": 160000");
  assert_json_has (fiche, "\"member_since\": 2012");
  assert_json_has (fiche, "\"updated\": \"2024-02-29\"");
  assert_json_has (fiche, "\"postcode\": \"21075\"");
  assert_json_has (fiche, "\"city\": \"Dijon Cedex\"");
  assert_json_has (fiche, "\"CS 17510\"");

  gtk_window_destroy (window);
}

static void
test_identity_refill (void)
{
  g_autoptr(RtesFiche) fiche = sample_fiche ();
  GtkWidget *page = rtes_identity_page_new ();
  GtkWindow *window = rtes_gui_test_show_in_window (page, 800, 900);
  GtkEditable *name_row = child (page, RTES_TYPE_IDENTITY_PAGE, "name_row");
  GtkEditable *population_row = child (page, RTES_TYPE_IDENTITY_PAGE, "population_row");
  AdwComboRow *kind_row = child (page, RTES_TYPE_IDENTITY_PAGE, "kind_row");
  g_autoptr(RtesFiche) before = NULL;

  rtes_form_page_set_fiche (RTES_FORM_PAGE (page), fiche);
  g_assert_cmpstr (gtk_editable_get_text (population_row), ==, "92\u202f000");
  g_assert_cmpuint (adw_combo_row_get_selected (kind_row), >, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rtes_identity_page_get_address_line_row (RTES_IDENTITY_PAGE (page), 1))),
                   ==, "BP 90069");

  /* Typing: the cursor stays where the person put it, even though the
   * fiche's ::changed refills the page on every key. */
  gtk_widget_grab_focus (GTK_WIDGET (name_row));
  gtk_editable_set_text (name_row, "Communauté urbaine Creusot Montceau");
  gtk_editable_set_position (name_row, 10);
  before = rtes_fiche_copy (fiche);
  gtk_editable_insert_text (name_row, "X", 1, &(int) { 10 });
  gtk_editable_set_position (name_row, 11);
  g_assert_cmpstr (rtes_fiche_get_name (fiche), ==, "CommunautéX urbaine Creusot Montceau");
  g_assert_cmpint (gtk_editable_get_position (name_row), ==, 11);

  /* Undo underneath: the window puts the old values back in the model. */
  rtes_fiche_set_name (fiche, rtes_fiche_get_name (before));
  rtes_fiche_set_population (fiche, 91500);
  rtes_fiche_set_kind (fiche, NULL);
  rtes_fiche_set_address_lines (fiche, (const char *[]) { "Seule ligne", NULL });
  g_assert_cmpstr (gtk_editable_get_text (name_row), ==, "Communauté urbaine Creusot Montceau");
  /* The cursor is where the X was taken out, not back at the start. */
  g_assert_cmpint (gtk_editable_get_position (name_row), ==, 10);
  g_assert_cmpstr (gtk_editable_get_text (population_row), ==, "91\u202f500");
  g_assert_cmpuint (adw_combo_row_get_selected (kind_row), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rtes_identity_page_get_address_line_row (RTES_IDENTITY_PAGE (page), 0))),
                   ==, "Seule ligne");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rtes_identity_page_get_address_line_row (RTES_IDENTITY_PAGE (page), 1))),
                   ==, "");
  /* The refill did not write back: the fiche holds what the model set. */
  g_assert_null (rtes_fiche_get_kind (fiche));
  g_assert_cmpint (rtes_fiche_get_population (fiche), ==, 91500);

  /* Another fiche altogether. */
  {
    g_autoptr(RtesFiche) other = rtes_fiche_new ("autre", "Autre commune");

    rtes_form_page_set_fiche (RTES_FORM_PAGE (page), other);
    g_assert_cmpstr (gtk_editable_get_text (name_row), ==, "Autre commune");
    g_assert_cmpstr (gtk_editable_get_text (population_row), ==, "");
    /* Editing it leaves the first fiche alone. */
    type_text (name_row, "Autre commune nouvelle");
    g_assert_cmpstr (rtes_fiche_get_name (other), ==, "Autre commune nouvelle");
    g_assert_cmpstr (rtes_fiche_get_name (fiche), ==, "Communauté urbaine Creusot Montceau");
    rtes_form_page_set_fiche (RTES_FORM_PAGE (page), NULL);
  }

  gtk_window_destroy (window);
}

static void
test_identity_region_suggestion (void)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("caen", "Caen");
  GtkWidget *page = rtes_identity_page_new ();
  GtkWindow *window = rtes_gui_test_show_in_window (page, 800, 900);
  GtkWidget *suggestion = child (page, RTES_TYPE_IDENTITY_PAGE, "region_suggestion_row");

  rtes_form_page_set_fiche (RTES_FORM_PAGE (page), fiche);
  g_assert_false (gtk_widget_get_visible (suggestion));

  type_text (child (page, RTES_TYPE_IDENTITY_PAGE, "postcode_row"), "14000");
  g_assert_cmpstr (rtes_identity_page_get_suggested_region (RTES_IDENTITY_PAGE (page)), ==, "Normandie");
  g_assert_true (gtk_widget_get_visible (suggestion));
  g_signal_emit_by_name (child (page, RTES_TYPE_IDENTITY_PAGE, "use_region_button"), "clicked");
  g_assert_cmpstr (rtes_fiche_get_region (fiche), ==, "Normandie");
  g_assert_false (gtk_widget_get_visible (suggestion));
  g_assert_null (rtes_identity_page_get_suggested_region (RTES_IDENTITY_PAGE (page)));

  gtk_window_destroy (window);
}

static void
test_identity_validation_message (void)
{
  g_autoptr(RtesFiche) fiche = sample_fiche ();
  GtkWidget *editor = rtes_fiche_editor_new ();
  GtkWindow *window = rtes_gui_test_show_in_window (editor, 1000, 800);
  RtesFormPage *page;
  GtkWidget *postcode_row;
  GtkWidget *name_row;

  rtes_fiche_editor_set_fiche (RTES_FICHE_EDITOR (editor), fiche);
  page = rtes_fiche_editor_get_page (RTES_FICHE_EDITOR (editor), "identity");
  postcode_row = child (page, RTES_TYPE_IDENTITY_PAGE, "postcode_row");
  name_row = child (page, RTES_TYPE_IDENTITY_PAGE, "name_row");
  g_assert_null (rtes_field_message_get (postcode_row));

  type_text (postcode_row, "7120");
  drain ();   /* validation runs once the burst of edits is over */
  g_assert_nonnull (rtes_field_message_get (postcode_row));
  g_assert_true (gtk_widget_has_css_class (postcode_row, "warning") ||
                 gtk_widget_has_css_class (postcode_row, "error"));
  /* The caption is the row right under the postcode. */
  {
    GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_parent (postcode_row));
    int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (postcode_row));
    GtkListBoxRow *next = gtk_list_box_get_row_at_index (list, index + 1);

    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (next), "rtes-field-message"));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (next))), ==,
                     rtes_field_message_get (postcode_row));
  }

  type_text (name_row, "  ");
  drain ();
  g_assert_nonnull (rtes_field_message_get (name_row));
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));

  /* What is typed and cannot be stored is pointed out, and the model's
   * validation running afterwards does not hide it. */
  append_text (child (page, RTES_TYPE_IDENTITY_PAGE, "member_since_row"), "x");
  drain ();
  g_assert_nonnull (rtes_field_message_get (child (page, RTES_TYPE_IDENTITY_PAGE, "member_since_row")));
  g_assert_cmpint (rtes_fiche_get_member_since (fiche), ==, 2015);
  type_text (child (page, RTES_TYPE_IDENTITY_PAGE, "member_since_row"), "2016");
  drain ();
  g_assert_null (rtes_field_message_get (child (page, RTES_TYPE_IDENTITY_PAGE, "member_since_row")));
  g_assert_cmpint (rtes_fiche_get_member_since (fiche), ==, 2016);

  /* A tag from a newer vocabulary is kept, and said to be unknown. */
  rtes_fiche_set_tags (fiche, (const char *[]) { "tag-du-futur", NULL });
  drain ();
  g_assert_nonnull (rtes_field_message_get (child (page, RTES_TYPE_IDENTITY_PAGE, "tags_box")));
  rtes_fiche_set_tags (fiche, (const char *[]) { NULL });

  type_text (postcode_row, "71200");
  type_text (name_row, "Creusot Montceau");
  drain ();
  g_assert_null (rtes_field_message_get (child (page, RTES_TYPE_IDENTITY_PAGE, "tags_box")));
  g_assert_null (rtes_field_message_get (postcode_row));
  g_assert_null (rtes_field_message_get (name_row));
  g_assert_false (gtk_widget_has_css_class (postcode_row, "warning"));
  g_assert_false (gtk_widget_has_css_class (name_row, "error"));

  gtk_window_destroy (window);
}

/* Text view ------------------------------------------------------------------ */

static RtesFicheTextView *
text_view_with (const char *text)
{
  RtesFicheTextView *view = RTES_FICHE_TEXT_VIEW (g_object_ref_sink (rtes_fiche_text_view_new ()));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter end;

  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  return view;
}

static void
assert_view_text (RtesFicheTextView *view,
                  const char        *expected)
{
  g_autofree char *text = rtes_fiche_text_view_dup_text (view);

  g_assert_cmpstr (text, ==, expected);
}

static void
type_in_view (RtesFicheTextView *view,
              const char        *text)
{
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

static void
test_text_continue_list (void)
{
  g_autoptr(RtesFicheTextView) view = text_view_with ("Intro\n\n- premier");

  g_assert_true (rtes_fiche_text_view_handle_key (view, GDK_KEY_Return, 0));
  assert_view_text (view, "Intro\n\n- premier\n- ");
  type_in_view (view, "second");
  g_assert_true (rtes_fiche_text_view_handle_key (view, GDK_KEY_Tab, 0));
  assert_view_text (view, "Intro\n\n- premier\n  - second");
  g_assert_true (rtes_fiche_text_view_handle_key (view, GDK_KEY_KP_Enter, 0));
  assert_view_text (view, "Intro\n\n- premier\n  - second\n  - ");
  /* An empty item ends the list. */
  g_assert_true (rtes_fiche_text_view_handle_key (view, GDK_KEY_Return, 0));
  assert_view_text (view, "Intro\n\n- premier\n  - second\n");
  /* Outside a list, Enter is the text view's own. */
  g_assert_false (rtes_fiche_text_view_handle_key (view, GDK_KEY_Return, 0));
  g_clear_object (&view);

  view = text_view_with ("1. Appel à projets");
  g_assert_true (rtes_fiche_text_view_handle_key (view, GDK_KEY_Return, 0));
  type_in_view (view, "Clauses");
  g_assert_true (rtes_fiche_text_view_handle_key (view, GDK_KEY_Return, 0));
  assert_view_text (view, "1. Appel à projets\n2. Clauses\n3. ");
  /* Shift+Enter: a line break inside the item, not a new item. */
  g_assert_false (rtes_fiche_text_view_handle_key (view, GDK_KEY_Return, GDK_SHIFT_MASK));

  /* A new item in the middle of a numbered list renumbers the rest, and
   * leaves nested items and the next paragraph alone. */
  g_clear_object (&view);
  view = text_view_with ("1. un\n2. deux\n  - détail\n3. trois\n\n1. autre liste");
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
    GtkTextIter iter;

    gtk_text_buffer_get_iter_at_line (buffer, &iter, 0);
    gtk_text_iter_forward_to_line_end (&iter);
    gtk_text_buffer_place_cursor (buffer, &iter);
    g_assert_true (rtes_fiche_text_view_handle_key (view, GDK_KEY_Return, 0));
    type_in_view (view, "un et demi");
    assert_view_text (view, "1. un\n2. un et demi\n3. deux\n  - détail\n4. trois\n\n1. autre liste");
  }

  /* Enter in the middle of an item splits it into two items. */
  g_clear_object (&view);
  view = text_view_with ("- pommes poires");
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
    GtkTextIter iter;

    gtk_text_buffer_get_iter_at_offset (buffer, &iter, 9);
    gtk_text_buffer_place_cursor (buffer, &iter);
    g_assert_true (rtes_fiche_text_view_handle_key (view, GDK_KEY_Return, 0));
    assert_view_text (view, "- pommes \n- poires");
  }
}

/* The view's own key controller, as GTK delivers a key press to it. */
static gboolean
press_key (RtesFicheTextView *view,
           guint              keyval,
           GdkModifierType    state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  gboolean handled = FALSE;
  gboolean found = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      /* Ours runs in the capture phase, ahead of GtkTextView's own. */
      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
          found = TRUE;
        }
    }
  g_assert_true (found);
  return handled;
}

static void
test_text_key_controller (void)
{
  g_autoptr(RtesFicheTextView) view = text_view_with ("- un");

  g_assert_true (press_key (view, GDK_KEY_Return, 0));
  g_assert_true (press_key (view, GDK_KEY_Tab, 0));
  assert_view_text (view, "- un\n  - ");
  g_assert_true (press_key (view, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  assert_view_text (view, "- un\n- ");
  /* Other keys go on to the text view. */
  g_assert_false (press_key (view, GDK_KEY_a, 0));
}

static void
test_text_nesting (void)
{
  g_autoptr(RtesFicheTextView) view = text_view_with ("- a\n- b\n- c");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  /* Tab nests the cursor's item; Shift+Tab (ISO_Left_Tab) un-nests it. */
  g_assert_true (rtes_fiche_text_view_handle_key (view, GDK_KEY_Tab, 0));
  assert_view_text (view, "- a\n- b\n  - c");
  g_assert_true (rtes_fiche_text_view_handle_key (view, GDK_KEY_Tab, 0));
  assert_view_text (view, "- a\n- b\n    - c");
  g_assert_true (rtes_fiche_text_view_handle_key (view, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  assert_view_text (view, "- a\n- b\n  - c");
  g_assert_true (rtes_fiche_text_view_handle_key (view, GDK_KEY_Tab, GDK_SHIFT_MASK));
  assert_view_text (view, "- a\n- b\n- c");
  /* Nothing left to un-nest: the key moves the focus instead. */
  g_assert_false (rtes_fiche_text_view_handle_key (view, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));

  /* A selection over several items nests them all. */
  gtk_text_buffer_get_iter_at_line (buffer, &start, 1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_assert_true (rtes_fiche_text_view_handle_key (view, GDK_KEY_Tab, 0));
  assert_view_text (view, "- a\n  - b\n  - c");
  g_clear_object (&view);

  /* On a plain paragraph, Tab is left to focus navigation. */
  view = text_view_with ("Un paragraphe");
  g_assert_false (rtes_fiche_text_view_handle_key (view, GDK_KEY_Tab, 0));
  assert_view_text (view, "Un paragraphe");
}

static void
test_text_links (void)
{
  g_autoptr(RtesFicheTextView) view =
    text_view_with ("Voir https://www.rtes.fr et [le guide](https://example.org/guide), pas ftp://x.");

  g_assert_cmpuint (rtes_fiche_text_view_count_links (view), ==, 2);
  type_in_view (view, " Et http://a.example.org/b.");
  g_assert_cmpuint (rtes_fiche_text_view_count_links (view), ==, 3);
}

static guint user_actions;

static void
count_user_action (void)
{
  user_actions++;
}

static gboolean
text_has_list (gpointer data)
{
  g_autofree char *text = rtes_fiche_text_view_dup_text (RTES_FICHE_TEXT_VIEW (data));

  return strstr (text, "- un appel") != NULL;
}

/* The formatting bar (issue 18): lists and links as fiche text, each one
 * user action (one undo step), and HTML pasted as fiche text. */
static void
test_format_bar (void)
{
  g_autoptr(RtesFiche) fiche = sample_fiche ();
  GtkWidget *page = rtes_text_section_page_new (RTES_FICHE_SECTION_PROGRAMME);
  GtkWindow *window = rtes_gui_test_show_in_window (page, 800, 700);
  GtkTextView *view = rtes_text_section_page_get_view (RTES_TEXT_SECTION_PAGE (page));
  RtesFormatBar *bar = rtes_text_section_page_get_format_bar (RTES_TEXT_SECTION_PAGE (page));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  g_assert_true (rtes_format_bar_get_view (bar) == view);
  rtes_form_page_set_fiche (RTES_FORM_PAGE (page), fiche);
  gtk_text_buffer_set_text (buffer, "Intro\n\nPremier\nSecond", -1);
  g_signal_connect_swapped (buffer, "begin-user-action", G_CALLBACK (count_user_action), NULL);
  user_actions = 0;

  /* The two last lines become a bulleted list, then numbered, then plain. */
  gtk_text_buffer_get_iter_at_line (buffer, &start, 2);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  rtes_format_bar_toggle_list (bar, FALSE);
  g_assert_cmpstr (rtes_fiche_get_programme (fiche), ==, "Intro\n\n- Premier\n- Second");
  g_assert_cmpuint (user_actions, ==, 1);
  gtk_text_buffer_get_iter_at_line (buffer, &start, 2);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  rtes_format_bar_toggle_list (bar, TRUE);
  g_assert_cmpstr (rtes_fiche_get_programme (fiche), ==, "Intro\n\n1. Premier\n2. Second");
  gtk_text_buffer_get_iter_at_line (buffer, &start, 2);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  rtes_format_bar_toggle_list (bar, TRUE);
  g_assert_cmpstr (rtes_fiche_get_programme (fiche), ==, "Intro\n\nPremier\nSecond");
  g_assert_cmpuint (user_actions, ==, 3);

  /* A link over the selected word; an address the format does not link
   * changes nothing. */
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 0);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 5);
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_assert_false (rtes_format_bar_insert_link (bar, "Intro", "javascript:alert(1)"));
  g_assert_true (rtes_format_bar_insert_link (bar, "Intro [ESS]", " https://www.rtes.fr/ "));
  g_assert_cmpstr (rtes_fiche_get_programme (fiche), ==,
                   "[Intro  ESS ](https://www.rtes.fr/)\n\nPremier\nSecond");
  g_assert_cmpuint (user_actions, ==, 4);

  /* The bar's first button asks for the text and the address; Insérer
   * stays off while the address is not one the format links. */
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  g_signal_emit_by_name (gtk_widget_get_first_child (GTK_WIDGET (bar)), "clicked");
  {
    AdwMessageDialog *dialog = rtes_gui_test_find_dialog (window);
    GtkWidget *rows;

    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "insert");
    g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
    rows = adw_message_dialog_get_extra_child (dialog);
    gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_first_child (rows)), "Le RTES");
    gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_last_child (rows)), "javascript:alert(1)");
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "insert"));
    gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_last_child (rows)), "https://www.rtes.fr/");
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "insert"));
    save_screenshot (GTK_WIDGET (dialog), "link-dialog");
    adw_message_dialog_response (dialog, "insert");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_assert_true (g_str_has_prefix (rtes_fiche_get_programme (fiche), "[Le RTES](https://www.rtes.fr/)[Intro"));

  /* A paste of a word processor's HTML: lists and links, no stray markup. */
  gtk_text_buffer_set_text (buffer, "", -1);
  {
    const char *html = "<html><body><p class=MsoNormal>Trois leviers&nbsp;:</p>"
                       "<ul><li>un appel à <b>projets</b></li><li>des <a href=\"https://x.example/\">clauses</a></li></ul>"
                       "</body></html>";
    g_autoptr(GBytes) bytes = g_bytes_new_static (html, strlen (html));
    g_autoptr(GdkContentProvider) provider = gdk_content_provider_new_for_bytes ("text/html", bytes);

    gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (view)), provider);
    g_signal_emit_by_name (view, "paste-clipboard");
    {
      gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

      /* The clipboard is read asynchronously, even our own. */
      while (!text_has_list (view) && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (text_has_list (view));
    }
    g_assert_cmpstr (rtes_fiche_get_programme (fiche), ==,
                     "Trois leviers\xc2\xa0:\n\n- un appel à projets\n- des [clauses](https://x.example/)");
  }
  save_screenshot (GTK_WIDGET (window), "format-bar");
  gtk_window_destroy (window);
}

static void
test_text_section_page (void)
{
  g_autoptr(RtesFiche) fiche = sample_fiche ();
  GtkWidget *page = rtes_text_section_page_new (RTES_FICHE_SECTION_ACTIONS);
  GtkWindow *window = rtes_gui_test_show_in_window (page, 800, 700);
  GtkTextView *view = rtes_text_section_page_get_view (RTES_TEXT_SECTION_PAGE (page));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkLabel *preview = rtes_text_section_page_get_preview (RTES_TEXT_SECTION_PAGE (page));
  g_autofree char *panorama_before = g_strdup (rtes_fiche_get_panorama (fiche));
  GtkTextIter iter;

  rtes_form_page_set_fiche (RTES_FORM_PAGE (page), fiche);
  gtk_text_buffer_set_text (buffer, "- Soutien au", -1);
  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_text_buffer_insert_at_cursor (buffer, " PTCE", -1);
  g_assert_true (rtes_fiche_text_view_handle_key (RTES_FICHE_TEXT_VIEW (view), GDK_KEY_Return, 0));
  gtk_text_buffer_insert_at_cursor (buffer, "Tiers-lieu", -1);
  g_assert_cmpstr (rtes_fiche_get_actions (fiche), ==, "- Soutien au PTCE\n- Tiers-lieu");
  /* Other sections are untouched. */
  g_assert_cmpstr (rtes_fiche_get_panorama (fiche), ==, panorama_before);
  assert_json_has (fiche, "\"actions\": \"- Soutien au PTCE\\n- Tiers-lieu\"");

  /* The preview renders the list as the exports will. */
  g_assert_nonnull (strstr (gtk_label_get_text (preview), "•"));
  g_assert_nonnull (strstr (gtk_label_get_text (preview), "Tiers-lieu"));

  /* Undo underneath: text and preview follow, the cursor stays put. */
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 4);
  gtk_text_buffer_place_cursor (buffer, &iter);
  rtes_fiche_set_actions (fiche, "- Soutien au PTCE");
  {
    g_autofree char *shown = rtes_fiche_text_view_dup_text (RTES_FICHE_TEXT_VIEW (view));

    g_assert_cmpstr (shown, ==, "- Soutien au PTCE");
  }
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_offset (&iter), ==, 4);
  g_assert_null (strstr (gtk_label_get_text (preview), "Tiers-lieu"));
  g_assert_cmpstr (rtes_fiche_get_actions (fiche), ==, "- Soutien au PTCE");

  gtk_window_destroy (window);
}

/* Budget ---------------------------------------------------------------------- */

static RtesBudgetLineRow *
budget_row (RtesBudgetPage *page,
            int             index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (rtes_budget_page_get_lines_list (page), index);

  g_assert_true (RTES_IS_BUDGET_LINE_ROW (row));
  return RTES_BUDGET_LINE_ROW (row);
}

/* Forgiving input (issue 10, findings 3 and 9) ------------------------------ */

/* Typing @text one character at a time at the end of @editable, the way
 * the half-typed prefixes reach the model. */
static void
type_keys (gpointer    editable,
           const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      g_autofree char *one = g_strndup (p, g_utf8_next_char (p) - p);

      append_text (editable, one);
    }
}

/* Text typed into a number field that never made a number is the
 * document's, and its journal's: brought back (after a crash, say), the
 * field shows it as it was typed, and the fiche keeps its last value. */
static void
test_pending_text_shown (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("rtes-editor-pending");
  g_autoptr(RtesLibrary) library = rtes_library_open (dir, NULL);
  g_autoptr(RtesFiche) fiche = sample_fiche ();
  g_autoptr(RtesDocument) document = NULL;
  GtkWidget *identity = rtes_identity_page_new ();
  GtkWindow *window = rtes_gui_test_show_in_window (identity, 800, 900);
  RtesNumberRow *population = child (identity, RTES_TYPE_IDENTITY_PAGE, "population_row");
  gint64 before = rtes_fiche_get_population (fiche);

  document = rtes_document_new_unsaved (library, fiche);
  rtes_document_set_pending_text (document, "population", "1,2 millio");
  rtes_form_page_set_document (RTES_FORM_PAGE (identity), document);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (population)), ==, "1,2 millio");
  g_assert_cmpint (rtes_fiche_get_population (fiche), ==, before);

  /* Also when the document gets it while the page shows it. */
  rtes_document_set_pending_text (document, "member_since", "20");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (identity, RTES_TYPE_IDENTITY_PAGE,
                                                                "member_since_row"))), ==, "20");

  /* Typed into, the field hands its text to the document. */
  type_text (population, "1,2 million");
  g_assert_cmpint (rtes_fiche_get_population (fiche), ==, 1200000);
  g_assert_null (rtes_document_get_pending_text (document, "population"));
  type_text (population, "12 habitants et demi");
  g_assert_cmpstr (rtes_document_get_pending_text (document, "population"), ==, "12 habitants et demi");

  gtk_window_destroy (window);
  rtes_test_remove_tree (dir);
}

/* A page given another fiche than its document's stops listening to that
 * document: its handler holds the page by a plain pointer, and the
 * document may outlive the page (a save still running). */
static void
test_page_leaves_document (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("rtes-editor-leaves");
  g_autoptr(RtesLibrary) library = rtes_library_open (dir, NULL);
  g_autoptr(RtesFiche) fiche = sample_fiche ();
  g_autoptr(RtesFiche) other = sample_fiche ();
  g_autoptr(RtesDocument) document = NULL;
  GtkWidget *identity = rtes_identity_page_new ();
  GtkWindow *window = rtes_gui_test_show_in_window (identity, 800, 900);
  RtesNumberRow *population = child (identity, RTES_TYPE_IDENTITY_PAGE, "population_row");

  document = rtes_document_new_unsaved (library, fiche);
  rtes_form_page_set_document (RTES_FORM_PAGE (identity), document);
  g_assert_true (g_signal_has_handler_pending (document, g_signal_lookup ("pending-text-changed", RTES_TYPE_DOCUMENT),
                                               0, FALSE));

  rtes_form_page_set_fiche (RTES_FORM_PAGE (identity), other);
  g_assert_null (rtes_form_page_get_document (RTES_FORM_PAGE (identity)));
  g_assert_false (g_signal_has_handler_pending (document, g_signal_lookup ("pending-text-changed", RTES_TYPE_DOCUMENT),
                                                0, FALSE));
  rtes_document_set_pending_text (document, "population", "1,2 millio");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (population)), !=, "1,2 millio");

  /* And once the page is gone. */
  gtk_window_destroy (window);
  rtes_document_set_pending_text (document, "population", "3 millio");
  rtes_test_remove_tree (dir);
}

static void
test_forgiving_numbers (void)
{
  g_autoptr(RtesFiche) fiche = sample_fiche ();
  GtkWidget *identity = rtes_identity_page_new ();
  GtkWindow *identity_window = rtes_gui_test_show_in_window (identity, 800, 900);
  GtkWidget *budget = rtes_budget_page_new ();
  GtkWindow *window = rtes_gui_test_show_in_window (budget, 800, 900);
  RtesNumberRow *population = child (identity, RTES_TYPE_IDENTITY_PAGE, "population_row");
  RtesNumberRow *amount;
  g_autoptr(RtesBudgetLine) line = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche)), 0);

  rtes_form_page_set_fiche (RTES_FORM_PAGE (identity), fiche);
  rtes_form_page_set_fiche (RTES_FORM_PAGE (budget), fiche);
  amount = child (budget_row (RTES_BUDGET_PAGE (budget), 0), RTES_TYPE_BUDGET_LINE_ROW, "amount_row");

  /* What staff type, read whole, and said back in the row. */
  type_text (amount, "");
  type_keys (amount, "350 k€");
  g_assert_cmpfloat (rtes_budget_line_get_amount (line), ==, 350000);
  g_assert_cmpstr (rtes_number_row_get_understood (amount), ==, "350\u202f000\u202f€");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (amount), "error"));
  type_text (amount, "6,1 M€");
  g_assert_cmpfloat (rtes_budget_line_get_amount (line), ==, 6100000);
  type_text (amount, "1 million d'€");
  g_assert_cmpfloat (rtes_budget_line_get_amount (line), ==, 1000000);
  type_text (amount, "6 100 000");
  g_assert_cmpfloat (rtes_budget_line_get_amount (line), ==, 6100000);
  /* Nothing to explain when the text already says it. */
  g_assert_null (rtes_number_row_get_understood (amount));

  /* Unreadable: the last good value stays in the fiche, never the "350"
   * typed on the way, and the text stays in the field and the page. */
  type_text (amount, "");
  type_keys (amount, "350 kg");
  g_assert_cmpfloat (rtes_budget_line_get_amount (line), ==, 6100000);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (amount)), ==, "350 kg");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (amount), "error"));
  g_assert_cmpstr (rtes_form_page_get_pending_text (RTES_FORM_PAGE (budget), "budget.lines[0].amount"),
                   ==, "350 kg");
  assert_json_has (fiche, "\"amount\": 6100000");
  /* Editing another field of the card does not wipe what was typed. */
  type_text (child (budget_row (RTES_BUDGET_PAGE (budget), 0), RTES_TYPE_BUDGET_LINE_ROW, "label_row"), "Soutien");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (amount)), ==, "350 kg");
  append_text (amount, "");
  type_text (amount, "350 k€");
  g_assert_cmpfloat (rtes_budget_line_get_amount (line), ==, 350000);
  g_assert_null (rtes_form_page_get_pending_text (RTES_FORM_PAGE (budget), "budget.lines[0].amount"));

  /* Counts: "1,2 million" was stored as 1. */
  g_assert_true (rtes_editor_focus_field_at (GTK_WIDGET (population), -1));
  type_text (population, "");
  type_keys (population, "1,2 million");
  g_assert_cmpint (rtes_fiche_get_population (fiche), ==, 1200000);
  {
    /* In whatever language the test runs. */
    g_autofree char *expected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s inhabitant", "%s inhabitants",
                                                              1200000),
                                                 "1\u202f200\u202f000");

    g_assert_cmpstr (rtes_number_row_get_understood (population), ==, expected);
  }
  type_text (population, "48 200 hab.");
  g_assert_cmpint (rtes_fiche_get_population (fiche), ==, 48200);
  /* Left and entered again: that value is the one to fall back on, and
   * the text took its usual form on the way. */
  rtes_editor_focus_field_at (child (identity, RTES_TYPE_IDENTITY_PAGE, "name_row"), -1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (population)), ==, "48\u202f200");
  rtes_editor_focus_field_at (GTK_WIDGET (population), -1);
  type_text (population, "");
  type_keys (population, "48 200 habitat");
  g_assert_cmpint (rtes_fiche_get_population (fiche), ==, 48200);
  g_assert_cmpstr (rtes_number_row_get_understood (population), ==,
                   g_dpgettext2 (GETTEXT_PACKAGE, "number field", "Not understood"));
  g_assert_cmpstr (rtes_form_page_get_pending_text (RTES_FORM_PAGE (identity), "population"), ==, "48 200 habitat");
  /* Select all and type: the "" on the way is no value to fall back on. */
  type_text (population, "");
  type_keys (population, "4x");
  g_assert_cmpint (rtes_fiche_get_population (fiche), ==, 48200);
  /* Undo (a change underneath) replaces the text and forgets it. */
  rtes_fiche_set_population (fiche, 50000);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (population)), ==, "50\u202f000");
  g_assert_null (rtes_form_page_get_pending_text (RTES_FORM_PAGE (identity), "population"));

  gtk_window_destroy (identity_window);
  gtk_window_destroy (window);
}

static void
test_dates (void)
{
  g_autoptr(RtesFiche) fiche = sample_fiche ();
  GtkWidget *page = rtes_identity_page_new ();
  GtkWindow *window = rtes_gui_test_show_in_window (page, 800, 900);
  GtkEditable *updated = child (page, RTES_TYPE_IDENTITY_PAGE, "updated_row");
  GtkMenuButton *button = child (page, RTES_TYPE_IDENTITY_PAGE, "calendar_button");
  GtkCalendar *calendar = rtes_identity_page_get_calendar (RTES_IDENTITY_PAGE (page));
  g_autoptr(GDateTime) shown = NULL;
  g_autoptr(GDateTime) chosen = NULL;

  rtes_form_page_set_fiche (RTES_FORM_PAGE (page), fiche);
  /* Shown as French readers write it, stored the format's way. */
  g_assert_cmpstr (gtk_editable_get_text (updated), ==, "12/03/2024");
  type_text (updated, "20/03/2024");
  g_assert_cmpstr (rtes_fiche_get_updated (fiche), ==, "2024-03-20");
  rtes_fiche_set_updated (fiche, "2024-03-12");
  g_assert_cmpstr (gtk_editable_get_text (updated), ==, "12/03/2024");

  /* The button opens a calendar on the fiche's date; it does not set
   * today's date. */
  gtk_menu_button_popup (button);
  drain ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (button))));
  g_assert_cmpstr (rtes_fiche_get_updated (fiche), ==, "2024-03-12");
  shown = gtk_calendar_get_date (calendar);
  g_assert_cmpint (g_date_time_get_year (shown), ==, 2024);
  g_assert_cmpint (g_date_time_get_month (shown), ==, 3);
  g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 12);

  /* Choosing a day sets it and closes the calendar. */
  chosen = g_date_time_new_local (2024, 3, 5, 12, 0, 0);
  gtk_calendar_select_day (calendar, chosen);
  drain ();
  g_assert_cmpstr (rtes_fiche_get_updated (fiche), ==, "2024-03-05");
  g_assert_cmpstr (gtk_editable_get_text (updated), ==, "05/03/2024");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (button))));

  gtk_window_destroy (window);
}

static void
test_budget_lines (void)
{
  g_autoptr(RtesFiche) fiche = sample_fiche ();
  GtkWidget *page = rtes_budget_page_new ();
  GtkWindow *window = rtes_gui_test_show_in_window (page, 800, 900);
  GListModel *lines = G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche));
  RtesBudgetLineRow *row;
  GtkListBox *totals;
  g_autoptr(RtesBudgetLine) first = NULL;

  rtes_form_page_set_fiche (RTES_FORM_PAGE (page), fiche);
  row = budget_row (RTES_BUDGET_PAGE (page), 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "6\u202f100\u202f000\u202f€");
  g_assert_cmpstr (gtk_editable_get_text (child (row, RTES_TYPE_BUDGET_LINE_ROW, "amount_row")), ==,
                   "6\u202f100\u202f000");

  /* Add through the header button, then fill the new row's fields. */
  g_signal_emit_by_name (adw_preferences_group_get_header_suffix (
    ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (GTK_WIDGET (rtes_budget_page_get_lines_list (RTES_BUDGET_PAGE (page))),
                                                    ADW_TYPE_PREFERENCES_GROUP))), "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 2);
  row = budget_row (RTES_BUDGET_PAGE (page), 1);
  type_text (child (row, RTES_TYPE_BUDGET_LINE_ROW, "amount_row"), "250 000,50 €");
  adw_combo_row_set_selected (child (row, RTES_TYPE_BUDGET_LINE_ROW, "section_row"), 2);
  type_text (child (row, RTES_TYPE_BUDGET_LINE_ROW, "year_row"), "2024");
  gtk_switch_set_active (child (row, RTES_TYPE_BUDGET_LINE_ROW, "forecast_switch"), TRUE);
  type_text (child (row, RTES_TYPE_BUDGET_LINE_ROW, "label_row"), "Tiers-lieux");
  {
    g_autoptr(RtesBudgetLine) added = g_list_model_get_item (lines, 1);

    g_assert_cmpfloat_with_epsilon (rtes_budget_line_get_amount (added), 250000.5, 1e-9);
    g_assert_cmpstr (rtes_budget_line_get_section (added), ==, RTES_SECTION_INVESTISSEMENT);
    g_assert_cmpint (rtes_budget_line_get_year (added), ==, 2024);
    g_assert_true (rtes_budget_line_get_forecast (added));
    g_assert_cmpstr (rtes_budget_line_get_label (added), ==, "Tiers-lieux");
  }
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "250\u202f000,50\u202f€");
  assert_json_has (fiche, "\"amount\": 250000.5");
  assert_json_has (fiche, "\"section\": \"investissement\"");
  assert_json_has (fiche, "\"year\": 2024");
  assert_json_has (fiche, "\"forecast\": true");

  /* A wrong amount is not written; the row says it is wrong. The value
   * kept is the one the field held when entered: leave it and come back. */
  rtes_editor_focus_field_at (child (row, RTES_TYPE_BUDGET_LINE_ROW, "label_row"), -1);
  rtes_editor_focus_field_at (child (row, RTES_TYPE_BUDGET_LINE_ROW, "amount_row"), -1);
  append_text (child (row, RTES_TYPE_BUDGET_LINE_ROW, "amount_row"), " kg");
  {
    g_autoptr(RtesBudgetLine) added = g_list_model_get_item (lines, 1);

    g_assert_cmpfloat_with_epsilon (rtes_budget_line_get_amount (added), 250000.5, 1e-9);
  }
  /* The new card's amount has the focus: the row says it did not
   * understand at once, the message comes when the field is left. */
  g_assert_cmpstr (rtes_number_row_get_understood (child (row, RTES_TYPE_BUDGET_LINE_ROW, "amount_row")), ==,
                   g_dpgettext2 (GETTEXT_PACKAGE, "number field", "Not understood"));
  rtes_editor_focus_field_at (child (row, RTES_TYPE_BUDGET_LINE_ROW, "label_row"), -1);
  g_assert_true (gtk_widget_has_css_class (child (row, RTES_TYPE_BUDGET_LINE_ROW, "amount_row"), "error"));

  /* Totals: one row per year, oldest first. */
  totals = rtes_budget_page_get_totals_list (RTES_BUDGET_PAGE (page));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (totals, 0))), ==, "2023");
  g_assert_nonnull (gtk_list_box_get_row_at_index (totals, 1));
  g_assert_null (gtk_list_box_get_row_at_index (totals, 2));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (totals, 0))),
                            "6\u202f100\u202f000\u202f€"));

  /* Reorder with the row's menu actions. */
  first = g_list_model_get_item (lines, 0);
  /* The first line cannot move up. */
  gtk_widget_activate_action (GTK_WIDGET (budget_row (RTES_BUDGET_PAGE (page), 0)), "line.move-up", NULL);
  g_assert_true (rtes_budget_line_row_get_line (budget_row (RTES_BUDGET_PAGE (page), 0)) == first);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (budget_row (RTES_BUDGET_PAGE (page), 1)), "line.move-up", NULL));
  {
    g_autoptr(RtesBudgetLine) now_second = g_list_model_get_item (lines, 1);

    g_assert_true (now_second == first);
  }
  g_assert_true (rtes_budget_line_row_get_line (budget_row (RTES_BUDGET_PAGE (page), 1)) == first);
  gtk_widget_activate_action (GTK_WIDGET (budget_row (RTES_BUDGET_PAGE (page), 0)), "line.move-down", NULL);
  {
    g_autoptr(RtesBudgetLine) now_first = g_list_model_get_item (lines, 0);

    g_assert_true (now_first == first);
  }

  /* Remove the first line. */
  gtk_widget_activate_action (GTK_WIDGET (budget_row (RTES_BUDGET_PAGE (page), 0)), "line.remove", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 1);
  {
    g_autoptr(RtesBudgetLine) left = g_list_model_get_item (lines, 0);

    g_assert_cmpstr (rtes_budget_line_get_label (left), ==, "Tiers-lieux");
  }
  g_assert_null (gtk_list_box_get_row_at_index (totals, 1));

  /* Undo underneath: the line comes back, with its row. */
  g_list_store_insert (rtes_fiche_get_budget_lines (fiche), 0, first);
  g_assert_true (rtes_budget_line_row_get_line (budget_row (RTES_BUDGET_PAGE (page), 0)) == first);
  rtes_budget_line_set_amount (first, 6000000);
  g_assert_cmpstr (gtk_editable_get_text (child (budget_row (RTES_BUDGET_PAGE (page), 0), RTES_TYPE_BUDGET_LINE_ROW, "amount_row")),
                   ==, "6\u202f000\u202f000");

  gtk_window_destroy (window);
}

static void
on_card_move (GtkWidget *card,
              int        delta,
              int       *moved)
{
  *moved += delta;
}

/* Where the keyboard focus goes as lines are added, moved and removed. */
static void
test_budget_cards_focus (void)
{
  g_autoptr(RtesFiche) fiche = sample_fiche ();
  GtkWidget *page = rtes_budget_page_new ();
  GtkWindow *window = rtes_gui_test_show_in_window (page, 800, 900);
  GListModel *lines = G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche));
  g_autoptr(RtesContact) contact = rtes_contact_new ();
  GtkWidget *contact_card;
  RtesBudgetLine *added;
  GtkWidget *amount;
  int moved = 0;

  rtes_form_page_set_fiche (RTES_FORM_PAGE (page), fiche);

  /* A new line opens on its amount, ready to type. */
  added = rtes_budget_page_add_line (RTES_BUDGET_PAGE (page));
  g_assert_nonnull (added);
  /* Made here, with a key of its own that follows it through merges. */
  g_assert_true (rtes_item_key_is_valid (rtes_budget_line_get_key (added)));
  g_assert_true (rtes_budget_line_row_get_line (budget_row (RTES_BUDGET_PAGE (page), 1)) == added);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (budget_row (RTES_BUDGET_PAGE (page), 1))));
  amount = child (budget_row (RTES_BUDGET_PAGE (page), 1), RTES_TYPE_BUDGET_LINE_ROW, "amount_row");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), amount));

  /* Alt+Up while typing the amount: the line moves up, its new card is
   * open and the person keeps typing where they were. */
  type_text (amount, "1 500");
  gtk_editable_set_position (GTK_EDITABLE (amount), 2);
  g_assert_true (rtes_gui_test_press_shortcut (GTK_WIDGET (budget_row (RTES_BUDGET_PAGE (page), 1)), GDK_KEY_Up, GDK_ALT_MASK));
  drain ();
  {
    g_autoptr(RtesBudgetLine) first = g_list_model_get_item (lines, 0);

    g_assert_true (first == added);
  }
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (budget_row (RTES_BUDGET_PAGE (page), 0))));
  amount = child (budget_row (RTES_BUDGET_PAGE (page), 0), RTES_TYPE_BUDGET_LINE_ROW, "amount_row");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), amount));
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (amount)), ==, 2);

  /* The first line goes no higher; Alt+Down takes it back down. */
  rtes_gui_test_press_shortcut (GTK_WIDGET (budget_row (RTES_BUDGET_PAGE (page), 0)), GDK_KEY_Up, GDK_ALT_MASK);
  g_assert_true (rtes_budget_line_row_get_line (budget_row (RTES_BUDGET_PAGE (page), 0)) == added);
  g_assert_true (rtes_gui_test_press_shortcut (GTK_WIDGET (budget_row (RTES_BUDGET_PAGE (page), 0)), GDK_KEY_Down, GDK_ALT_MASK));
  g_assert_true (rtes_budget_line_row_get_line (budget_row (RTES_BUDGET_PAGE (page), 1)) == added);

  /* Removing a line leaves the focus in the list, on the line that took
   * its place. */
  gtk_widget_activate_action (GTK_WIDGET (budget_row (RTES_BUDGET_PAGE (page), 0)), "line.remove", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 1);
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
    GtkWidget *card = GTK_WIDGET (budget_row (RTES_BUDGET_PAGE (page), 0));

    g_assert_true (focus == card || gtk_widget_is_ancestor (focus, card));
  }

  /* Contact cards have the same keys. */
  contact_card = g_object_ref_sink (rtes_contact_row_new (contact, NULL));
  g_signal_connect (contact_card, "move", G_CALLBACK (on_card_move), &moved);
  g_assert_true (rtes_gui_test_press_shortcut (GTK_WIDGET (contact_card), GDK_KEY_Down, GDK_ALT_MASK));
  g_assert_cmpint (moved, ==, 1);
  g_assert_true (rtes_gui_test_press_shortcut (GTK_WIDGET (contact_card), GDK_KEY_Up, GDK_ALT_MASK));
  g_assert_cmpint (moved, ==, 0);
  g_object_unref (contact_card);

  gtk_window_destroy (window);
}

/* Contacts --------------------------------------------------------------------- */

static RtesContactRow *
contact_row (RtesContactsPage *page,
             int               index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (rtes_contacts_page_get_list (page), index);

  g_assert_true (RTES_IS_CONTACT_ROW (row));
  return RTES_CONTACT_ROW (row);
}

static graphene_rect_t
bounds_in (gpointer widget,
           gpointer ancestor)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (widget), GTK_WIDGET (ancestor), &bounds));
  return bounds;
}

/* Issue 10, finding 6: messages appeared a moment after typing and pushed
 * the rows down, so a click landed on the wrong field. While a field is
 * typed in, nothing under it moves; its message comes when it is left. */
static gboolean
has_field_message (gpointer widget)
{
  return rtes_field_message_get (widget) != NULL;
}

/* Plain fields are bound to the model both ways: a change in the widget
 * is an operation of the document, undone as one step, and the widget
 * shows what the model holds after the undo or a change underneath. */
static void
test_bound_fields (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("rtes-editor-bound");
  g_autoptr(RtesLibrary) library = rtes_library_open (dir, NULL);
  g_autoptr(RtesFiche) fiche = sample_fiche ();
  g_autoptr(RtesDocument) document = rtes_document_new_unsaved (library, fiche);
  GtkWidget *contacts = rtes_contacts_page_new ();
  GtkWidget *budget = rtes_budget_page_new ();
  GtkWidget *identity = rtes_identity_page_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWindow *window;
  RtesContactRow *row;
  RtesBudgetLineRow *line_row;
  g_autoptr(RtesContact) contact = NULL;
  g_autoptr(RtesBudgetLine) line = NULL;
  GtkSwitch *board, *forecast;
  GtkEditable *email, *label, *city;

  gtk_box_append (GTK_BOX (box), identity);
  gtk_box_append (GTK_BOX (box), contacts);
  gtk_box_append (GTK_BOX (box), budget);
  window = rtes_gui_test_show_in_window (box, 800, 900);
  rtes_form_page_set_document (RTES_FORM_PAGE (identity), document);
  rtes_form_page_set_document (RTES_FORM_PAGE (contacts), document);
  rtes_form_page_set_document (RTES_FORM_PAGE (budget), document);
  row = contact_row (RTES_CONTACTS_PAGE (contacts), 0);
  line_row = budget_row (RTES_BUDGET_PAGE (budget), 0);
  contact = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (fiche)), 0);
  line = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche)), 0);
  board = child (row, RTES_TYPE_CONTACT_ROW, "board_switch");
  email = child (row, RTES_TYPE_CONTACT_ROW, "email_row");
  forecast = child (line_row, RTES_TYPE_BUDGET_LINE_ROW, "forecast_switch");
  label = child (line_row, RTES_TYPE_BUDGET_LINE_ROW, "label_row");
  city = child (identity, RTES_TYPE_IDENTITY_PAGE, "city_row");
  g_assert_cmpstr (gtk_editable_get_text (city), ==, rtes_fiche_get_city (fiche));
  g_assert_cmpstr (gtk_editable_get_text (email), ==, rtes_contact_get_email (contact));
  g_assert_true (gtk_switch_get_active (board) == rtes_contact_get_rtes_board (contact));

  /* Widget to model, one undo step each; undone, the widget follows. */
  gtk_switch_set_active (board, !rtes_contact_get_rtes_board (contact));
  g_assert_true (gtk_switch_get_active (board) == rtes_contact_get_rtes_board (contact));
  gtk_switch_set_active (forecast, !rtes_budget_line_get_forecast (line));
  g_assert_true (gtk_switch_get_active (forecast) == rtes_budget_line_get_forecast (line));
  g_assert_true (rtes_document_undo (document));
  g_assert_true (gtk_switch_get_active (forecast) == rtes_budget_line_get_forecast (line));
  g_assert_true (rtes_document_undo (document));
  g_assert_true (gtk_switch_get_active (board) == rtes_contact_get_rtes_board (contact));
  type_text (label, "Tiers-lieux");
  g_assert_cmpstr (rtes_budget_line_get_label (line), ==, "Tiers-lieux");
  type_text (city, "Montceau-les-Mines");
  g_assert_cmpstr (rtes_fiche_get_city (fiche), ==, "Montceau-les-Mines");
  g_assert_true (rtes_document_undo (document));
  g_assert_cmpstr (gtk_editable_get_text (city), ==, rtes_fiche_get_city (fiche));
  g_assert_cmpstr (rtes_fiche_get_city (fiche), !=, "Montceau-les-Mines");

  /* Model to widget: a change underneath (an import, a pull). */
  rtes_contact_set_email (contact, "accueil@example.org");
  rtes_contact_set_rtes_board (contact, TRUE);
  rtes_budget_line_set_label (line, "ESS et emploi");
  rtes_budget_line_set_forecast (line, TRUE);
  rtes_fiche_set_population_note (fiche, "population municipale");
  g_assert_cmpstr (gtk_editable_get_text (email), ==, "accueil@example.org");
  g_assert_true (gtk_switch_get_active (board));
  g_assert_cmpstr (gtk_editable_get_text (label), ==, "ESS et emploi");
  g_assert_true (gtk_switch_get_active (forecast));
  g_assert_cmpstr (gtk_editable_get_text (child (identity, RTES_TYPE_IDENTITY_PAGE, "population_note_row")),
                   ==, "population municipale");

  gtk_window_destroy (window);
  rtes_test_remove_tree (dir);
}

static void
test_validation_no_move (void)
{
  g_autoptr(RtesFiche) fiche = sample_fiche ();
  GtkWidget *editor = rtes_fiche_editor_new ();
  GtkWindow *window = rtes_gui_test_show_in_window (editor, 900, 800);
  RtesContactsPage *page;
  RtesContactRow *card;
  GtkWidget *email, *phone, *name;
  graphene_rect_t phone_before, name_before, phone_after, name_after;

  rtes_fiche_editor_set_fiche (RTES_FICHE_EDITOR (editor), fiche);
  rtes_fiche_editor_set_visible_page (RTES_FICHE_EDITOR (editor), "contacts");
  page = RTES_CONTACTS_PAGE (rtes_fiche_editor_get_page (RTES_FICHE_EDITOR (editor), "contacts"));
  card = contact_row (page, 1);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (card), TRUE);
  email = child (card, RTES_TYPE_CONTACT_ROW, "email_row");
  phone = child (card, RTES_TYPE_CONTACT_ROW, "phone_row");
  name = child (contact_row (page, 0), RTES_TYPE_CONTACT_ROW, "name_row");
  rtes_gui_test_run_for (400);
  g_assert_true (rtes_editor_focus_field_at (email, -1));
  phone_before = bounds_in (phone, editor);
  name_before = bounds_in (contact_row (page, 0), editor);

  /* An address that is wrong while it is being typed. */
  type_text (email, "");
  type_keys (email, "marie.martin");
  rtes_gui_test_run_for (300);
  phone_after = bounds_in (phone, editor);
  name_after = bounds_in (contact_row (page, 0), editor);
  g_assert_cmpfloat (phone_after.origin.y, ==, phone_before.origin.y);
  g_assert_cmpfloat (name_after.origin.y, ==, name_before.origin.y);
  g_assert_null (rtes_field_message_get (email));

  /* Left: the message shows now, under the field. */
  g_assert_true (rtes_editor_focus_field_at (name, -1));
  rtes_gui_test_wait_until (has_field_message, email, 5000, "the e-mail's message");
  g_assert_true (gtk_widget_has_css_class (email, "warning"));

  gtk_window_destroy (window);
}

/* Issue 10, finding 7: "Ajouter un contact" added the card out of sight,
 * already showing errors. */
static void
test_new_card (void)
{
  g_autoptr(RtesFiche) fiche = sample_fiche ();
  GtkWidget *editor = rtes_fiche_editor_new ();
  GtkWindow *window = rtes_gui_test_show_in_window (editor, 900, 560);
  RtesContactsPage *page;
  RtesContactRow *card;
  GtkWidget *scrolled, *name, *icon;
  graphene_rect_t bounds;

  rtes_fiche_editor_set_fiche (RTES_FICHE_EDITOR (editor), fiche);
  rtes_fiche_editor_set_visible_page (RTES_FICHE_EDITOR (editor), "contacts");
  page = RTES_CONTACTS_PAGE (rtes_fiche_editor_get_page (RTES_FICHE_EDITOR (editor), "contacts"));
  /* Two open cards: the list is taller than the window. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (contact_row (page, 0)), TRUE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (contact_row (page, 1)), TRUE);
  rtes_gui_test_run_for (400);

  g_assert_nonnull (rtes_contacts_page_add_contact (page));
  rtes_fiche_editor_validate_now (RTES_FICHE_EDITOR (editor));
  rtes_gui_test_run_for (700);
  card = contact_row (page, 2);
  name = child (card, RTES_TYPE_CONTACT_ROW, "name_row");
  icon = child (card, RTES_TYPE_CONTACT_ROW, "warning_icon");
  scrolled = gtk_widget_get_ancestor (GTK_WIDGET (card), GTK_TYPE_SCROLLED_WINDOW);

  /* In view, open, focused on its name. */
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (card)));
  bounds = bounds_in (name, scrolled);
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (scrolled));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), name));
  save_screenshot (GTK_WIDGET (window), "contacts-new-card");

  /* No message on an empty card yet: "no name" is not a mistake until
   * the person leaves it. */
  g_assert_null (rtes_field_message_get (name));
  g_assert_false (gtk_widget_get_visible (icon));

  /* Left: now it says so. */
  g_assert_true (rtes_editor_focus_field_at (child (contact_row (page, 0), RTES_TYPE_CONTACT_ROW, "role_row"), -1));
  /* Once the focus has moved, which a loaded machine takes a while to tell. */
  rtes_gui_test_wait_until (has_field_message, name, 5000, "the empty name's message");
  g_assert_true (gtk_widget_get_visible (icon));

  gtk_window_destroy (window);
}

static void
test_contacts (void)
{
  g_autoptr(RtesFiche) fiche = sample_fiche ();
  GtkWidget *page = rtes_contacts_page_new ();
  GtkWindow *window = rtes_gui_test_show_in_window (page, 800, 900);
  GListModel *contacts = G_LIST_MODEL (rtes_fiche_get_contacts (fiche));
  RtesContact *added;
  RtesContactRow *row;
  g_autoptr(RtesContact) jean = NULL;

  rtes_form_page_set_fiche (RTES_FORM_PAGE (page), fiche);
  row = contact_row (RTES_CONTACTS_PAGE (page), 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Marie Martin");
  g_assert_cmpuint (adw_combo_row_get_selected (child (row, RTES_TYPE_CONTACT_ROW, "category_row")), ==, 2);

  added = rtes_contacts_page_add_contact (RTES_CONTACTS_PAGE (page));
  g_assert_nonnull (added);
  g_assert_true (rtes_item_key_is_valid (rtes_contact_get_key (added)));
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 3);
  row = contact_row (RTES_CONTACTS_PAGE (page), 2);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  type_text (child (row, RTES_TYPE_CONTACT_ROW, "name_row"), "Léa Petit");
  type_text (child (row, RTES_TYPE_CONTACT_ROW, "role_row"), "Directrice du développement économique");
  /* A new contact's category is not said until someone says it. */
  g_assert_cmpuint (adw_combo_row_get_selected (child (row, RTES_TYPE_CONTACT_ROW, "category_row")), ==, 0);
  g_assert_cmpstr (rtes_contact_get_category (added), ==, "");
  adw_combo_row_set_selected (child (row, RTES_TYPE_CONTACT_ROW, "category_row"), 2);
  g_assert_cmpstr (rtes_contact_get_category (added), ==, RTES_CONTACT_STAFF);
  adw_combo_row_set_selected (child (row, RTES_TYPE_CONTACT_ROW, "category_row"), 1);
  type_text (child (row, RTES_TYPE_CONTACT_ROW, "title_row"), "Conseillère communautaire");
  type_text (child (row, RTES_TYPE_CONTACT_ROW, "service_row"), "Direction de l'économie");
  type_text (child (row, RTES_TYPE_CONTACT_ROW, "email_row"), "lea.petit@example.org");
  type_text (child (row, RTES_TYPE_CONTACT_ROW, "phone_row"), "03 85 00 00 00");
  gtk_switch_set_active (child (row, RTES_TYPE_CONTACT_ROW, "board_switch"), TRUE);

  g_assert_cmpstr (rtes_contact_get_name (added), ==, "Léa Petit");
  g_assert_cmpstr (rtes_contact_get_role (added), ==, "Directrice du développement économique");
  g_assert_cmpstr (rtes_contact_get_category (added), ==, RTES_CONTACT_ELECTED);
  g_assert_cmpstr (rtes_contact_get_title (added), ==, "Conseillère communautaire");
  g_assert_cmpstr (rtes_contact_get_service (added), ==, "Direction de l'économie");
  g_assert_cmpstr (rtes_contact_get_email (added), ==, "lea.petit@example.org");
  g_assert_cmpstr (rtes_contact_get_phone (added), ==, "03 85 00 00 00");
  g_assert_true (rtes_contact_get_rtes_board (added));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Léa Petit");
  assert_json_has (fiche, "\"name\": \"Léa Petit\"");
  assert_json_has (fiche, "\"email\": \"lea.petit@example.org\"");
  assert_json_has (fiche, "\"rtes_board\": true");

  /* Reorder: the new contact up to first place, one step at a time. The
   * card stays open and the person keeps typing where they were. */
  {
    GtkWidget *name = child (contact_row (RTES_CONTACTS_PAGE (page), 2), RTES_TYPE_CONTACT_ROW, "name_row");

    gtk_widget_grab_focus (name);
    gtk_editable_set_position (GTK_EDITABLE (name), 3);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (contact_row (RTES_CONTACTS_PAGE (page), 2)), "contact.move-up", NULL));
  drain ();
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (contact_row (RTES_CONTACTS_PAGE (page), 1))));
  {
    GtkWidget *name = child (contact_row (RTES_CONTACTS_PAGE (page), 1), RTES_TYPE_CONTACT_ROW, "name_row");

    g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), name));
    g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (name)), ==, 3);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (contact_row (RTES_CONTACTS_PAGE (page), 1)), "contact.move-up", NULL));
  {
    g_autoptr(RtesContact) first = g_list_model_get_item (contacts, 0);

    g_assert_true (first == added);
  }
  g_assert_true (rtes_contact_row_get_contact (contact_row (RTES_CONTACTS_PAGE (page), 0)) == added);
  {
    g_autofree char *json = fiche_json (fiche);
    const char *lea = strstr (json, "Léa Petit");
    const char *marie = strstr (json, "Marie Martin");

    g_assert_nonnull (lea);
    g_assert_nonnull (marie);
    g_assert_true (lea < marie);
  }

  /* Remove Jean (now second); undo puts him back with a row. */
  jean = g_list_model_get_item (contacts, 1);
  g_assert_cmpstr (rtes_contact_get_name (jean), ==, "Jean Dupont");
  gtk_widget_activate_action (GTK_WIDGET (contact_row (RTES_CONTACTS_PAGE (page), 1)), "contact.remove", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 2);
  {
    g_autofree char *json = fiche_json (fiche);

    g_assert_null (strstr (json, "Jean Dupont"));
  }
  g_list_store_insert (rtes_fiche_get_contacts (fiche), 1, jean);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (contact_row (RTES_CONTACTS_PAGE (page), 1))), ==,
                   "Jean Dupont");
  /* Undo replaces the whole list with copies (rtes_fiche_assign()): the
   * card that was open is open again. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (contact_row (RTES_CONTACTS_PAGE (page), 2)), TRUE);
  {
    GtkWidget *email = child (contact_row (RTES_CONTACTS_PAGE (page), 2), RTES_TYPE_CONTACT_ROW, "email_row");

    gtk_widget_grab_focus (email);
    gtk_editable_set_position (GTK_EDITABLE (email), 5);
    drain ();
    g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), email));
  }
  {
    GListStore *store = rtes_fiche_get_contacts (fiche);
    g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < g_list_model_get_n_items (contacts); i++)
      {
        g_autoptr(RtesContact) item = g_list_model_get_item (contacts, i);

        g_ptr_array_add (copies, rtes_contact_copy (item));
      }
    rtes_contact_set_name (g_ptr_array_index (copies, 2), "Marie Martin-Durand");
    g_list_store_splice (store, 0, copies->len, copies->pdata, copies->len);
    g_clear_object (&jean);
    jean = g_list_model_get_item (contacts, 1);
  }
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (contact_row (RTES_CONTACTS_PAGE (page), 2))));
  /* The person was typing in that card's e-mail: they still are, cursor
   * where it was, nothing selected. */
  drain ();
  {
    GtkWidget *email = child (contact_row (RTES_CONTACTS_PAGE (page), 2), RTES_TYPE_CONTACT_ROW, "email_row");
    int start, end;

    g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), email));
    g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (email)), ==, 5);
    g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (email), &start, &end));
  }
  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (contact_row (RTES_CONTACTS_PAGE (page), 1))));
  g_assert_cmpstr (gtk_editable_get_text (child (contact_row (RTES_CONTACTS_PAGE (page), 2), RTES_TYPE_CONTACT_ROW, "name_row")),
                   ==, "Marie Martin-Durand");

  /* An edit made underneath shows in the card. */
  rtes_contact_set_email (jean, "jean.dupont@example.org");
  g_assert_cmpstr (gtk_editable_get_text (child (contact_row (RTES_CONTACTS_PAGE (page), 1), RTES_TYPE_CONTACT_ROW, "email_row")),
                   ==, "jean.dupont@example.org");

  gtk_window_destroy (window);
}

static void
test_contacts_roles (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("rtes-editor-roles");
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(RtesFiche) fiche = sample_fiche ();
  GtkWidget *page = rtes_contacts_page_new ();
  GtkWindow *window = rtes_gui_test_show_in_window (page, 800, 900);
  RtesFiche *other;
  GListModel *roles;
  gboolean found = FALSE;
  RtesContactRow *row;
  GtkListBox *roles_list;
  guint n;

  library = rtes_library_open (dir, &error);
  g_assert_no_error (error);
  other = rtes_library_create (library, "Grand Besançon Métropole", &error);
  g_assert_no_error (error);
  {
    g_autoptr(RtesContact) contact = rtes_contact_new ();

    rtes_contact_set_role (contact, "Conseillère déléguée à l'économie circulaire");
    g_list_store_append (rtes_fiche_get_contacts (other), contact);
  }
  /* The library keeps its reference to the fiche it created. */

  rtes_contacts_page_set_library (RTES_CONTACTS_PAGE (page), library);
  rtes_form_page_set_fiche (RTES_FORM_PAGE (page), fiche);
  roles = rtes_contacts_page_get_roles (RTES_CONTACTS_PAGE (page));
  n = g_list_model_get_n_items (roles);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkStringObject) role = g_list_model_get_item (roles, i);

      if (g_str_equal (gtk_string_object_get_string (role), "Conseillère déléguée à l'économie circulaire"))
        found = TRUE;
    }
  g_assert_true (found);

  /* Searching the suggestions folds accents; Enter picks the first. */
  row = contact_row (RTES_CONTACTS_PAGE (page), 0);
  roles_list = child (row, RTES_TYPE_CONTACT_ROW, "roles_list");
  gtk_editable_set_text (child (row, RTES_TYPE_CONTACT_ROW, "roles_search"), "ECONOMIE CIRC");
  /* The search entry waits a little after the last key. */
  for (int i = 0; i < 100 && gtk_list_box_get_row_at_index (roles_list, 1) != NULL; i++)
    {
      g_usleep (10000);
      drain ();
    }
  g_assert_nonnull (gtk_list_box_get_row_at_index (roles_list, 0));
  g_assert_null (gtk_list_box_get_row_at_index (roles_list, 1));
  g_signal_emit_by_name (child (row, RTES_TYPE_CONTACT_ROW, "roles_search"), "activate");
  {
    g_autoptr(RtesContact) contact = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (fiche)), 0);

    g_assert_cmpstr (rtes_contact_get_role (contact), ==, "Conseillère déléguée à l'économie circulaire");
  }

  /* A role typed in this fiche is offered the next time the list opens. */
  type_text (child (row, RTES_TYPE_CONTACT_ROW, "role_row"), "Présidente de la commission ESS");
  g_signal_emit_by_name (row, "roles-wanted");
  found = FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (roles); i++)
    {
      g_autoptr(GtkStringObject) role = g_list_model_get_item (roles, i);

      if (g_str_equal (gtk_string_object_get_string (role), "Présidente de la commission ESS"))
        found = TRUE;
    }
  g_assert_true (found);

  gtk_window_destroy (window);
  rtes_test_remove_tree (dir);
}

/* A card's field made invalid, then corrected while it has the focus:
 * the caption stays until the field is left, so that nothing moves under
 * the pointer. */
typedef struct
{
  const char *page, *path;        /* the card is the page's @index-th */
  int index;
  const char *field, *invalid, *valid, *next_field;
} CardValidation;

static const CardValidation contact_validation = {
  "contacts", "contacts[1].email", 1, "email_row", "marie.martin.example.org", "marie.martin@example.org", "phone_row",
};
static const CardValidation budget_validation = {
  "budget", "budget.lines[0].amount", 0, "amount_row", "-5 000", "5 000", "label_row",
};

static void
test_card_validation (gconstpointer data)
{
  const CardValidation *c = data;
  g_autoptr(RtesFiche) fiche = sample_fiche ();
  GtkWidget *editor = rtes_fiche_editor_new ();
  GtkWindow *window = rtes_gui_test_show_in_window (editor, 1000, 800);
  RtesFormPage *page;
  GtkWidget *row;
  GType type;
  GtkWidget *field;

  rtes_fiche_editor_set_fiche (RTES_FICHE_EDITOR (editor), fiche);
  page = rtes_fiche_editor_get_page (RTES_FICHE_EDITOR (editor), c->page);
  row = RTES_IS_CONTACTS_PAGE (page) ? GTK_WIDGET (contact_row (RTES_CONTACTS_PAGE (page), c->index))
                                     : GTK_WIDGET (budget_row (RTES_BUDGET_PAGE (page), c->index));
  type = G_OBJECT_TYPE (row);
  field = child (row, type, c->field);

  type_text (field, c->invalid);
  drain ();
  g_assert_nonnull (rtes_field_message_get (field));
  g_assert_true (gtk_widget_get_visible (child (row, type, "warning_icon")));
  /* The summary link goes to the page and the field. */
  g_assert_true (rtes_fiche_editor_focus_field (RTES_FICHE_EDITOR (editor), c->path));
  g_assert_cmpstr (rtes_fiche_editor_get_visible_page (RTES_FICHE_EDITOR (editor)), ==, c->page);

  type_text (field, c->valid);
  drain ();
  g_assert_nonnull (rtes_field_message_get (field));
  g_assert_false (gtk_widget_get_visible (child (row, type, "warning_icon")));
  rtes_editor_focus_field_at (child (row, type, c->next_field), -1);
  g_assert_null (rtes_field_message_get (field));

  gtk_window_destroy (window);
}

/* The editor as a whole ------------------------------------------------------- */

static void
on_editor_changed (RtesFicheEditor *editor,
                   guint           *count)
{
  (*count)++;
}

static void
test_editor_summary (void)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("vide", "Commune vide");
  GtkWidget *editor = rtes_fiche_editor_new ();
  GtkWindow *window = rtes_gui_test_show_in_window (editor, 1000, 800);
  GtkListBox *missing;
  GtkLabel *summary;
  guint changes = 0;
  int before = 0;
  int after = 0;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (editor, RTES_TYPE_FICHE_EDITOR, "main_stack")), ==, "empty");

  g_signal_connect (editor, "changed", G_CALLBACK (on_editor_changed), &changes);
  rtes_fiche_editor_set_fiche (RTES_FICHE_EDITOR (editor), fiche);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (editor, RTES_TYPE_FICHE_EDITOR, "main_stack")), ==, "editor");
  missing = child (editor, RTES_TYPE_FICHE_EDITOR, "missing_list");
  summary = child (editor, RTES_TYPE_FICHE_EDITOR, "summary_label");
  while (gtk_list_box_get_row_at_index (missing, before) != NULL)
    before++;
  g_assert_cmpint (before, >, 3);
  g_assert_nonnull (strstr (gtk_label_get_text (summary), "%") );

  /* Filling the panorama takes one item off the list. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (rtes_text_section_page_get_view (
                              RTES_TEXT_SECTION_PAGE (rtes_fiche_editor_get_page (RTES_FICHE_EDITOR (editor), "panorama")))),
                            "Un territoire riche en ESS.", -1);
  /* The edit, then today's date for "last update". */
  g_assert_cmpuint (changes, ==, 2);
  drain ();
  while (gtk_list_box_get_row_at_index (missing, after) != NULL)
    after++;
  g_assert_cmpint (after, ==, before - 1);

  /* Each item names the page it is on, as the switcher shows it. */
  {
    AdwActionRow *first = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (missing, 0));

    g_assert_null (strchr (adw_action_row_get_subtitle (first), '_'));
    g_assert_cmpstr (adw_action_row_get_subtitle (first), !=, "");
  }

  /* "No public contact" leads to the Add Contact button. */
  g_assert_true (rtes_fiche_editor_focus_field (RTES_FICHE_EDITOR (editor), "contacts"));
  g_assert_cmpstr (rtes_fiche_editor_get_visible_page (RTES_FICHE_EDITOR (editor)), ==, "contacts");
  g_assert_true (gtk_widget_has_focus (child (rtes_fiche_editor_get_page (RTES_FICHE_EDITOR (editor), "contacts"),
                                              RTES_TYPE_CONTACTS_PAGE, "add_button")));

  /* Activating an item shows the page that edits it. */
  rtes_fiche_editor_set_visible_page (RTES_FICHE_EDITOR (editor), "contacts");
  g_signal_emit_by_name (missing, "row-activated", gtk_list_box_get_row_at_index (missing, 0));
  g_assert_cmpstr (rtes_fiche_editor_get_visible_page (RTES_FICHE_EDITOR (editor)), ==, "identity");

  rtes_fiche_editor_set_fiche (RTES_FICHE_EDITOR (editor), NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (editor, RTES_TYPE_FICHE_EDITOR, "main_stack")), ==, "empty");
  /* Every page let go of the fiche, the budget narrative included. */
  g_assert_null (rtes_form_page_get_fiche (
    child (rtes_fiche_editor_get_page (RTES_FICHE_EDITOR (editor), "budget"), RTES_TYPE_BUDGET_PAGE, "narrative")));
  /* No longer connected to the old fiche. */
  rtes_fiche_set_name (fiche, "Autre nom");
  g_assert_cmpuint (changes, ==, 2);

  gtk_window_destroy (window);
}

static void
test_editor_dates_edits (void)
{
  g_autoptr(RtesFiche) fiche = sample_fiche ();
  GtkWidget *editor = rtes_fiche_editor_new ();
  GtkWindow *window = rtes_gui_test_show_in_window (editor, 1000, 800);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *today_shown = g_date_time_format (now, "%d/%m/%Y");
  RtesFormPage *identity;
  RtesFormPage *contacts;
  RtesFormPage *budget;

  rtes_fiche_editor_set_fiche (RTES_FICHE_EDITOR (editor), fiche);
  identity = rtes_fiche_editor_get_page (RTES_FICHE_EDITOR (editor), "identity");
  contacts = rtes_fiche_editor_get_page (RTES_FICHE_EDITOR (editor), "contacts");
  budget = rtes_fiche_editor_get_page (RTES_FICHE_EDITOR (editor), "budget");
  g_assert_cmpstr (rtes_fiche_get_updated (fiche), ==, "2024-03-12");

  /* A change underneath (undo, reload) keeps the fiche's date. */
  rtes_fiche_set_city (fiche, "Le Creusot");
  g_assert_cmpstr (rtes_fiche_get_updated (fiche), ==, "2024-03-12");

  /* An edit through a page dates it today, and the row shows it. */
  type_text (child (identity, RTES_TYPE_IDENTITY_PAGE, "city_row"), "Le Creusot Cedex");
  g_assert_cmpstr (rtes_fiche_get_updated (fiche), ==, today);
  g_assert_cmpstr (gtk_editable_get_text (child (identity, RTES_TYPE_IDENTITY_PAGE, "updated_row")), ==, today_shown);

  /* Editing the date itself keeps what was typed. */
  type_text (child (identity, RTES_TYPE_IDENTITY_PAGE, "updated_row"), "2023-12-31");
  g_assert_cmpstr (rtes_fiche_get_updated (fiche), ==, "2023-12-31");

  /* Card edits and list operations date it too. */
  type_text (child (contact_row (RTES_CONTACTS_PAGE (contacts), 0), RTES_TYPE_CONTACT_ROW, "phone_row"), "03 85 00 00 01");
  g_assert_cmpstr (rtes_fiche_get_updated (fiche), ==, today);
  rtes_fiche_set_updated (fiche, "2023-12-31");
  rtes_budget_page_add_line (RTES_BUDGET_PAGE (budget));
  g_assert_cmpstr (rtes_fiche_get_updated (fiche), ==, today);
  rtes_fiche_set_updated (fiche, "2023-12-31");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (rtes_text_section_page_get_view (
                              RTES_TEXT_SECTION_PAGE (child (budget, RTES_TYPE_BUDGET_PAGE, "narrative")))),
                            "Budget revu.", -1);
  g_assert_cmpstr (rtes_fiche_get_budget_text (fiche), ==, "Budget revu.");
  g_assert_cmpstr (rtes_fiche_get_updated (fiche), ==, today);

  gtk_window_destroy (window);
}

/* Every row says what it edits, and every button says what it does (a
 * label or, for icons, a tooltip): what a screen reader reads out. */
static void
assert_labelled (GtkWidget *widget,
                 guint     *rows,
                 guint     *buttons)
{
  if (ADW_IS_PREFERENCES_ROW (widget) && !GTK_IS_LIST_BOX_ROW (gtk_widget_get_parent (widget)) &&
      gtk_widget_get_visible (widget) && !gtk_widget_has_css_class (widget, "rtes-field-message"))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));

      if (title == NULL || title[0] == '\0')
        g_error ("%s without a title", G_OBJECT_TYPE_NAME (widget));
      (*rows)++;
    }
  if ((GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget)) && gtk_widget_get_visible (widget) &&
      !GTK_IS_BUTTON (gtk_widget_get_parent (widget)) && !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget)))
    {
      const char *label = GTK_IS_BUTTON (widget) ? gtk_button_get_label (GTK_BUTTON (widget))
                                                 : gtk_menu_button_get_label (GTK_MENU_BUTTON (widget));
      GtkWidget *content = GTK_IS_BUTTON (widget) ? gtk_button_get_child (GTK_BUTTON (widget)) : NULL;
      const char *tooltip = gtk_widget_get_tooltip_text (widget);
      gboolean has_label = (label != NULL && label[0] != '\0') || ADW_IS_BUTTON_CONTENT (content) ||
                           GTK_IS_LABEL (content) || (tooltip != NULL && tooltip[0] != '\0');

      /* Libadwaita's own buttons (expander arrows, entry row apply) are
       * labelled by the library. */
      if (!has_label && !g_str_has_prefix (G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)), "Adw") &&
          gtk_widget_get_ancestor (widget, RTES_TYPE_FORM_PAGE) != NULL)
        g_error ("unlabelled button in %s", G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)));
      (*buttons)++;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    assert_labelled (c, rows, buttons);
}

static void
test_editor_labels (void)
{
  g_autoptr(RtesFiche) fiche = sample_fiche ();
  GtkWidget *editor = rtes_fiche_editor_new ();
  GtkWindow *window = rtes_gui_test_show_in_window (editor, 1000, 800);
  RtesFormPage *contacts;
  RtesFormPage *budget;
  guint rows = 0, buttons = 0;

  rtes_fiche_editor_set_fiche (RTES_FICHE_EDITOR (editor), fiche);
  contacts = rtes_fiche_editor_get_page (RTES_FICHE_EDITOR (editor), "contacts");
  budget = rtes_fiche_editor_get_page (RTES_FICHE_EDITOR (editor), "budget");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (contact_row (RTES_CONTACTS_PAGE (contacts), 0)), TRUE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (budget_row (RTES_BUDGET_PAGE (budget), 0)), TRUE);
  drain ();

  assert_labelled (editor, &rows, &buttons);
  /* The walk did reach the pages' rows and buttons. */
  g_assert_cmpuint (rows, >, 40);
  g_assert_cmpuint (buttons, >, 6);

  gtk_window_destroy (window);
}

/* Screenshots ------------------------------------------------------------------ */

static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  g_autofree char *file_name = g_strconcat ("editor-", name, NULL);

  g_free (rtes_gui_test_screenshot (window, file_name));
}

static void
test_screenshots (void)
{
  g_autoptr(RtesFiche) fiche = sample_fiche ();
  GtkWidget *editor = rtes_fiche_editor_new ();
  GtkWindow *window;

  rtes_fiche_editor_set_fiche (RTES_FICHE_EDITOR (editor), fiche);
  window = rtes_gui_test_show_in_window (editor, 1000, 820);

  for (guint i = 0; i < 6; i++)
    {
      const char *pages[] = { "identity", "panorama", "budget", "programme", "actions", "contacts" };

      rtes_fiche_editor_set_visible_page (RTES_FICHE_EDITOR (editor), pages[i]);
      if (g_str_equal (pages[i], "contacts"))
        {
          RtesFormPage *page = rtes_fiche_editor_get_page (RTES_FICHE_EDITOR (editor), "contacts");

          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (contact_row (RTES_CONTACTS_PAGE (page), 1)), TRUE);
        }
      if (g_str_equal (pages[i], "budget"))
        {
          RtesFormPage *page = rtes_fiche_editor_get_page (RTES_FICHE_EDITOR (editor), "budget");

          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (budget_row (RTES_BUDGET_PAGE (page), 0)), TRUE);
        }
      save_screenshot (GTK_WIDGET (window), pages[i]);
    }

  /* Dark style: the text view's link colour follows. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  rtes_fiche_editor_set_visible_page (RTES_FICHE_EDITOR (editor), "panorama");
  save_screenshot (GTK_WIDGET (window), "panorama-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* A bad postcode, shown under the field. */
  rtes_fiche_set_postcode (fiche, "712");
  drain ();
  g_assert_true (rtes_fiche_editor_focus_field (RTES_FICHE_EDITOR (editor), "address.postcode"));
  {
    GtkWidget *postcode_row = child (rtes_fiche_editor_get_page (RTES_FICHE_EDITOR (editor), "identity"),
                                     RTES_TYPE_IDENTITY_PAGE, "postcode_row");
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
      GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (postcode_row, GTK_TYPE_SCROLLED_WINDOW)));

    g_assert_nonnull (rtes_field_message_get (postcode_row));
    drain ();
    /* Address in the middle of the picture, caption and all. */
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + 450);
  }
  save_screenshot (GTK_WIDGET (window), "identity-invalid");

  /* A postcode in another région: the page offers to change it. */
  rtes_fiche_set_postcode (fiche, "14000");
  drain ();
  {
    RtesFormPage *identity = rtes_fiche_editor_get_page (RTES_FICHE_EDITOR (editor), "identity");
    GtkWidget *suggestion = child (identity, RTES_TYPE_IDENTITY_PAGE, "region_suggestion_row");
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
      GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (suggestion, GTK_TYPE_SCROLLED_WINDOW)));

    gtk_adjustment_set_value (adjustment, 150);
    save_screenshot (GTK_WIDGET (window), "identity-region-suggestion");
    gtk_adjustment_set_value (adjustment, 0);
  }
  rtes_fiche_set_postcode (fiche, "712");
  drain ();

  /* Middling width: the switcher stays on top, icons above labels. */
  gtk_window_set_default_size (window, 720, 720);
  /* The layout follows the width a frame or two later; on a loaded
   * machine more than a fixed pause. */
  for (guint i = 0; i < 100 && adw_view_switcher_get_policy (child (editor, RTES_TYPE_FICHE_EDITOR, "switcher"))
                                != ADW_VIEW_SWITCHER_POLICY_NARROW; i++)
    rtes_gui_test_run_for (20);
  g_assert_cmpint (adw_view_switcher_get_policy (child (editor, RTES_TYPE_FICHE_EDITOR, "switcher")), ==,
                   ADW_VIEW_SWITCHER_POLICY_NARROW);
  g_assert_false (adw_view_switcher_bar_get_reveal (child (editor, RTES_TYPE_FICHE_EDITOR, "switcher_bar")));
  save_screenshot (GTK_WIDGET (window), "middle-identity");

  /* Narrow: the switcher moves to the bottom bar. */
  gtk_window_set_default_size (window, 360, 720);
  for (guint i = 0; i < 100 && !adw_view_switcher_bar_get_reveal (child (editor, RTES_TYPE_FICHE_EDITOR, "switcher_bar")); i++)
    rtes_gui_test_run_for (20);
  g_assert_true (adw_view_switcher_bar_get_reveal (child (editor, RTES_TYPE_FICHE_EDITOR, "switcher_bar")));
  save_screenshot (GTK_WIDGET (window), "narrow-identity");
  rtes_fiche_editor_set_visible_page (RTES_FICHE_EDITOR (editor), "contacts");
  save_screenshot (GTK_WIDGET (window), "narrow-contacts");

  gtk_window_set_default_size (window, 1920, 1080);
  rtes_fiche_editor_set_visible_page (RTES_FICHE_EDITOR (editor), "budget");
  for (guint i = 0; i < 100 && adw_view_switcher_get_policy (child (editor, RTES_TYPE_FICHE_EDITOR, "switcher"))
                                != ADW_VIEW_SWITCHER_POLICY_WIDE; i++)
    rtes_gui_test_run_for (20);
  save_screenshot (GTK_WIDGET (window), "wide-budget");
  g_assert_false (adw_view_switcher_bar_get_reveal (child (editor, RTES_TYPE_FICHE_EDITOR, "switcher_bar")));
  g_assert_cmpint (adw_view_switcher_get_policy (child (editor, RTES_TYPE_FICHE_EDITOR, "switcher")), ==,
                   ADW_VIEW_SWITCHER_POLICY_WIDE);

  gtk_window_destroy (window);
}

static gboolean
switcher_is_narrow (gpointer switcher)
{
  return adw_view_switcher_get_policy (switcher) == ADW_VIEW_SWITCHER_POLICY_NARROW;
}

/* A width between the narrow and the wide switcher's, from the first
 * frame (the window as most laptops show it): the narrow switcher on top,
 * and it stays there. The layout was once measured before its policy was
 * applied, and the bar at the bottom stuck. */
static void
test_middle_width_from_start (void)
{
  g_autoptr(RtesFiche) fiche = sample_fiche ();
  GtkWidget *editor = rtes_fiche_editor_new ();
  GtkWidget *switcher = child (editor, RTES_TYPE_FICHE_EDITOR, "switcher");
  GtkWidget *bar = child (editor, RTES_TYPE_FICHE_EDITOR, "switcher_bar");
  GtkWindow *window;
  int wide = 0, narrow = 0;

  rtes_fiche_editor_set_fiche (RTES_FICHE_EDITOR (editor), fiche);
  /* The two widths, measured on a lone switcher of each policy. */
  adw_view_switcher_set_policy (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_SWITCHER_POLICY_WIDE);
  gtk_widget_measure (switcher, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &wide, NULL, NULL);
  adw_view_switcher_set_policy (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_SWITCHER_POLICY_NARROW);
  gtk_widget_measure (switcher, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &narrow, NULL, NULL);
  adw_view_switcher_set_policy (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_SWITCHER_POLICY_WIDE);
  g_assert_cmpint (narrow + 24, <, wide);

  window = rtes_gui_test_show_in_window (editor, (narrow + wide) / 2 + 24, 720);
  rtes_gui_test_wait_until (switcher_is_narrow, switcher, 5000, "the narrow switcher");
  /* And it stays: more frames change nothing. */
  rtes_gui_test_run_for (300);
  g_assert_cmpint (adw_view_switcher_get_policy (ADW_VIEW_SWITCHER (switcher)), ==, ADW_VIEW_SWITCHER_POLICY_NARROW);
  g_assert_true (gtk_widget_get_mapped (switcher));
  g_assert_false (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  /* Pages in French, as staff see them; assertions are on model values. */
  rtes_gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/editor/format/amounts", test_format_amounts);
  g_test_add_func ("/gui/editor/templates", test_templates);
  g_test_add_func ("/gui/editor/identity/fields", test_identity_fields);
  g_test_add_func ("/gui/editor/identity/refill", test_identity_refill);
  g_test_add_func ("/gui/editor/identity/tag-chooser", test_identity_tag_chooser);
  g_test_add_func ("/gui/editor/identity/region-suggestion", test_identity_region_suggestion);
  g_test_add_func ("/gui/editor/identity/validation-message", test_identity_validation_message);
  g_test_add_func ("/gui/editor/text/continue-list", test_text_continue_list);
  g_test_add_func ("/gui/editor/text/nesting", test_text_nesting);
  g_test_add_func ("/gui/editor/text/key-controller", test_text_key_controller);
  g_test_add_func ("/gui/editor/text/links", test_text_links);
  g_test_add_func ("/gui/editor/text/section-page", test_text_section_page);
  g_test_add_func ("/gui/editor/budget/lines", test_budget_lines);
  g_test_add_func ("/gui/editor/numbers/forgiving", test_forgiving_numbers);
  g_test_add_func ("/gui/editor/numbers/pending-text", test_pending_text_shown);
  g_test_add_func ("/gui/editor/page/leaves-document", test_page_leaves_document);
  g_test_add_func ("/gui/editor/identity/dates", test_dates);
  g_test_add_data_func ("/gui/editor/budget/validation", &budget_validation, test_card_validation);
  g_test_add_func ("/gui/editor/budget/cards-focus", test_budget_cards_focus);
  g_test_add_func ("/gui/editor/contacts/edit-reorder", test_contacts);
  g_test_add_func ("/gui/editor/contacts/roles", test_contacts_roles);
  g_test_add_data_func ("/gui/editor/contacts/validation", &contact_validation, test_card_validation);
  g_test_add_func ("/gui/editor/contacts/new-card", test_new_card);
  g_test_add_func ("/gui/editor/bound-fields", test_bound_fields);
  g_test_add_func ("/gui/editor/validation/no-move-while-typing", test_validation_no_move);
  g_test_add_func ("/gui/editor/editor/summary", test_editor_summary);
  g_test_add_func ("/gui/editor/editor/dates-edits", test_editor_dates_edits);
  g_test_add_func ("/gui/editor/editor/labels", test_editor_labels);
  g_test_add_func ("/gui/editor/screenshots", test_screenshots);
  g_test_add_func ("/gui/editor/layout/middle-width-from-start", test_middle_width_from_start);
  g_test_add_func ("/gui/editor/format-bar", test_format_bar);

  return g_test_run ();
}
