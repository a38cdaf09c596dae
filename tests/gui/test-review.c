/* test-review.c: the Relecture in the window
 *
 * Misspelt words underlined in a text view and in an entry row as one
 * types, their suggestions and "Add to Dictionary" in the context menu;
 * the panel beside the editor jumping to the field with the text
 * selected; the typography fixed in one step that undo takes back; the
 * override asked for and recorded; the library's list, and in the real
 * window its findings opening their fiche; the sidebar row's badge.
 * French screenshots of the panel and of underlined text go to the build
 * folder. Without a French dictionary the spelling tests skip.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "rtes-document.h"
#include "rtes-entry-spelling.h"
#include "rtes-fiche-editor.h"
#include "rtes-fiche-row.h"
#include "rtes-fiche-text-view.h"
#include "rtes-finding-row.h"
#include "rtes-gui-widgets.h"
#include "rtes-gui-test.h"
#include "rtes-library-index.h"
#include "rtes-review.h"
#include "rtes-review-context.h"
#include "rtes-spelling.h"
#include "rtes-review-panel.h"
#include "rtes-review-window.h"
#include "rtes-test-dictionary.h"
#include "rtes-test-util.h"
#include "rtes-text-view-spelling.h"
#include "rtes-window.h"
#include "rtes-workspace.h"

typedef struct {
  char *dir;
  RtesLibrary *library;
  SoupSession *session;
  RtesReviewContext *context;
} Fixture;

static RtesFiche *
grobulac (void)
{
  RtesFiche *fiche = rtes_gui_test_make_fiche ("commune-de-grobulac", "Commune de Grobulac");

  rtes_fiche_set_city (fiche, "Grobulac");
  rtes_fiche_set_panorama (fiche, "L’économie sociale est au cœur du bourg : 38 structures.\n\n"
                                  "Pictos à modifier\n\nUn panoramma de l’ESS.");
  rtes_fiche_set_actions (fiche, "Deux  espaces... et l'apostrophe droite.");
  return fiche;
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesFiche) fiche = grobulac ();
  g_autoptr(RtesFiche) other = rtes_gui_test_make_fiche ("commune-de-vauxquillette", "Commune de Vauxquillette");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  f->dir = rtes_test_make_tmpdir ("gui-review");
  a = rtes_gui_test_write_fiche (f->dir, fiche);
  b = rtes_gui_test_write_fiche (f->dir, other);
  f->library = rtes_library_open (f->dir, &error);
  g_assert_no_error (error);
  f->session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  f->context = rtes_review_context_new (f->library, f->session);
  rtes_review_context_wait (f->context);
  g_assert_true ((rtes_review_context_get_speller (f->context) != NULL) ==
                 (rtes_test_no_french_dictionary () == NULL));
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->context);
  g_clear_object (&f->session);
  g_clear_object (&f->library);
  rtes_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gboolean
text_view_idle (gpointer data)
{
  return !rtes_text_view_spelling_is_busy (data);
}

static gboolean
entry_idle (gpointer data)
{
  return !rtes_entry_spelling_is_busy (data);
}

static gboolean
panel_idle (gpointer data)
{
  return !rtes_review_panel_is_busy (data);
}

/* The items of a menu section, as "label→target" or "label". */
static char *
describe_menu (GMenuModel *menu)
{
  GString *out = g_string_new (NULL);

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      GMenuModel *items = section != NULL ? section : menu;

      for (int j = 0; j < g_menu_model_get_n_items (items); j++)
        {
          g_autofree char *label = NULL;
          g_autofree char *action = NULL;

          g_menu_model_get_item_attribute (items, j, G_MENU_ATTRIBUTE_LABEL, "s", &label);
          g_menu_model_get_item_attribute (items, j, G_MENU_ATTRIBUTE_ACTION, "s", &action);
          g_string_append_printf (out, "%s|%s\n", label, action);
        }
      if (section == NULL)
        break;
    }
  return g_string_free (out, FALSE);
}

static gboolean
menu_has_suggestions (gpointer data)
{
  g_autofree char *menu = describe_menu (data);

  return strstr (menu, "spelling.replace") != NULL;
}

/* ---- a text view ---- */

static void
test_text_view_underline (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *view = rtes_fiche_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkWindow *window = rtes_gui_test_show_in_window (view, 520, 240);
  RtesTextViewSpelling *spelling;
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) typing = NULL;
  g_auto(GStrv) after = NULL;
  g_autofree char *shot = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_set_text (buffer, "L’économie sociale et solidaire de Grobulac.\n\n"
                                    "Un panoramma des structures.", -1);
  rtes_spelling_attach_under (view, f->context);
  spelling = rtes_text_view_spelling_get (GTK_TEXT_VIEW (view));
  g_assert_nonnull (spelling);
  /* Attaching twice keeps the one helper. */
  rtes_spelling_attach_under (view, f->context);
  g_assert_true (spelling == rtes_text_view_spelling_get (GTK_TEXT_VIEW (view)));
  rtes_gui_test_wait_until (text_view_idle, spelling, 5000, "the first check");
  before = rtes_text_view_spelling_dup_words (spelling);
  /* The town is the library's own word. */
  g_assert_cmpstrv (before, ((const char * const[]) { "panoramma", NULL }));

  /* Typed at the end: the unfinished word is left alone… */
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  for (const char *p = " Une économmie"; *p != '\0'; p = g_utf8_next_char (p))
    {
      gtk_text_buffer_insert_interactive_at_cursor (buffer, p, g_utf8_next_char (p) - p, TRUE);
      rtes_gui_test_run_for (5);
    }
  rtes_gui_test_wait_until (text_view_idle, spelling, 5000, "the typed paragraph's check");
  typing = rtes_text_view_spelling_dup_words (spelling);
  g_assert_cmpstrv (typing, ((const char * const[]) { "panoramma", NULL }));

  /* …until the cursor leaves it. */
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  rtes_gui_test_wait_until (text_view_idle, spelling, 5000, "the check after the cursor moved");
  after = rtes_text_view_spelling_dup_words (spelling);
  g_assert_cmpstrv (after, ((const char * const[]) { "panoramma", "économmie", NULL }));

  shot = rtes_gui_test_screenshot (view, "review-underlined-text");
  g_test_message ("screenshot: %s", shot);
  gtk_window_destroy (window);
}

static void
test_text_view_menu (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *view = rtes_fiche_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkWindow *window = rtes_gui_test_show_in_window (view, 520, 200);
  RtesTextViewSpelling *spelling;
  GMenuModel *menu;
  g_autofree char *word = NULL;
  g_autofree char *items = NULL;
  g_autofree char *text = NULL;
  g_autofree char *dictionary = g_build_filename (f->dir, ".rtes-fiches", "dictionary.txt", NULL);
  g_auto(GStrv) left = NULL;
  g_auto(GStrv) none = NULL;
  GtkTextIter iter, start, end;

  gtk_text_buffer_set_text (buffer, "Un panoramma et le Brunzoir.", -1);
  spelling = rtes_text_view_spelling_attach (GTK_TEXT_VIEW (view), f->context);
  rtes_gui_test_wait_until (text_view_idle, spelling, 5000, "the first check");

  /* A right-click on the word: its suggestions, once hunspell has them. */
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 6);
  word = rtes_text_view_spelling_prepare_menu (spelling, &iter);
  g_assert_cmpstr (word, ==, "panoramma");
  menu = rtes_text_view_spelling_get_menu (spelling);
  rtes_gui_test_wait_until (menu_has_suggestions, menu, 10000, "the suggestions");
  items = describe_menu (menu);
  g_test_message ("%s", items);
  g_assert_nonnull (strstr (items, "panorama|spelling.replace\n"));
  g_assert_nonnull (strstr (items, "|spelling.add-word\n"));
  /* The view's context menu has them at the top. */
  g_assert_cmpint (g_menu_model_get_n_items (gtk_text_view_get_extra_menu (GTK_TEXT_VIEW (view))), >=, 1);

  /* A suggestion replaces the word. */
  g_assert_true (gtk_widget_activate_action (view, "spelling.replace", "(uus)", 3, 12, "panorama"));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, "Un panorama et le Brunzoir.");
  rtes_gui_test_wait_until (text_view_idle, spelling, 5000, "the check after the replacement");
  left = rtes_text_view_spelling_dup_words (spelling);
  g_assert_cmpstrv (left, ((const char * const[]) { "Brunzoir", NULL }));

  /* "Add to Dictionary": known at once, in the library's dictionary soon. */
  g_assert_true (gtk_widget_activate_action (view, "spelling.add-word", "s", "Brunzoir"));
  rtes_gui_test_run_for (100);
  rtes_gui_test_wait_until (text_view_idle, spelling, 5000, "the check after the word was added");
  none = rtes_text_view_spelling_dup_words (spelling);
  g_assert_cmpstrv (none, ((const char * const[]) { NULL }));
  g_assert_true (rtes_gui_test_file_contains (dictionary, "\nBrunzoir\n"));
  gtk_window_destroy (window);
}

/* ---- a text field ---- */

static void
test_entry_underline (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *box = gtk_list_box_new ();
  GtkWidget *role = adw_entry_row_new ();
  GtkWidget *email = adw_entry_row_new ();
  GtkWindow *window = NULL;
  GtkText *text;
  RtesEntrySpelling *spelling;
  g_auto(GStrv) words = NULL;
  g_auto(GStrv) fixed = NULL;
  g_autofree char *items = NULL;
  g_autofree char *shot = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (role), "Rôle");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (email), "Courriel");
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (email), GTK_INPUT_PURPOSE_EMAIL);
  gtk_list_box_append (GTK_LIST_BOX (box), role);
  gtk_list_box_append (GTK_LIST_BOX (box), email);
  gtk_widget_add_css_class (box, "boxed-list");
  window = rtes_gui_test_show_in_window (box, 420, 160);
  gtk_editable_set_text (GTK_EDITABLE (role), "Chargée de mision à l’ESS");
  gtk_editable_set_text (GTK_EDITABLE (email), "mision@grobulac.example.fr");

  rtes_spelling_attach_under (box, f->context);
  text = GTK_TEXT (rtes_gui_test_find_widget (role, GTK_TYPE_TEXT, NULL, NULL));
  spelling = rtes_entry_spelling_get (text);
  g_assert_nonnull (spelling);
  /* Not an e-mail address. */
  g_assert_null (rtes_entry_spelling_get (GTK_TEXT (rtes_gui_test_find_widget (email, GTK_TYPE_TEXT, NULL, NULL))));

  /* Not the word being typed: the check comes when the field is left. */
  rtes_gui_test_wait_until (entry_idle, spelling, 5000, "the field's check");
  gtk_widget_grab_focus (email);
  rtes_gui_test_run_for (50);
  words = rtes_entry_spelling_dup_words (spelling);
  g_assert_cmpstrv (words, ((const char * const[]) { "mision", NULL }));

  rtes_entry_spelling_prepare_menu (spelling);
  rtes_gui_test_wait_until (menu_has_suggestions, rtes_entry_spelling_get_menu (spelling), 10000,
                            "the field's suggestions");
  items = describe_menu (rtes_entry_spelling_get_menu (spelling));
  g_test_message ("%s", items);
  g_assert_nonnull (strstr (items, "mission|spelling.replace\n"));
  shot = rtes_gui_test_screenshot (box, "review-underlined-field");
  g_test_message ("screenshot: %s", shot);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (text), "spelling.replace", "(uus)",
                                             strlen ("Chargée de "), strlen ("Chargée de mision"), "mission"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (role)), ==, "Chargée de mission à l’ESS");
  rtes_gui_test_wait_until (entry_idle, spelling, 5000, "the check after the replacement");
  fixed = rtes_entry_spelling_dup_words (spelling);
  g_assert_cmpstrv (fixed, ((const char * const[]) { NULL }));
  gtk_window_destroy (window);
}

/* ---- the panel ---- */

typedef struct {
  RtesWorkspace *workspace;
  RtesDocument *document;
  GtkWidget *editor;
  GtkWindow *window;
} Editing;

static void
open_editor (Fixture *f,
             Editing *e)
{
  RtesReviewPanel *panel;

  e->workspace = rtes_workspace_new (f->library);
  e->document = rtes_workspace_get_document (e->workspace, rtes_library_lookup (f->library, "commune-de-grobulac"));
  g_assert_nonnull (e->document);
  e->editor = rtes_fiche_editor_new ();
  e->window = rtes_gui_test_show_in_window (e->editor, 1100, 720);
  rtes_fiche_editor_set_library (RTES_FICHE_EDITOR (e->editor), f->library);
  rtes_fiche_editor_set_review_context (RTES_FICHE_EDITOR (e->editor), f->context);
  rtes_fiche_editor_set_document (RTES_FICHE_EDITOR (e->editor), e->document);
  panel = rtes_fiche_editor_get_review_panel (RTES_FICHE_EDITOR (e->editor));
  rtes_gui_test_wait_until (panel_idle, panel, 5000, "the panel's review");
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Waits for the document to go too: a journal write in flight holds it,
 * and must land before the teardown removes the library. */
static void
close_editor (Editing *e)
{
  gpointer document = e->document;

  g_object_add_weak_pointer (G_OBJECT (document), &document);
  gtk_window_destroy (e->window);
  g_clear_object (&e->workspace);
  rtes_gui_test_wait_until (is_null, &document, 5000, "the document's last journal write");
}

static const RtesFinding *
find (GPtrArray       *findings,
      RtesFindingKind  kind,
      const char      *field,
      const char      *text)
{
  for (guint i = 0; i < findings->len; i++)
    {
      RtesFinding *finding = findings->pdata[i];

      if (finding->kind == kind && g_str_equal (finding->field, field) && g_str_equal (finding->text, text))
        return finding;
    }
  return NULL;
}

static gboolean
find_row_for (GtkWidget *widget,
              gpointer   data)
{
  return g_str_equal (rtes_finding_row_get_finding ((RtesFindingRow *) widget)->text, data);
}

static void
test_panel_jump (Fixture       *f,
                 gconstpointer  data)
{
  Editing e = { 0 };
  RtesReviewPanel *panel;
  GPtrArray *findings;
  const RtesFinding *placeholder;
  GtkWidget *row;
  GtkWidget *focus;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *selected = NULL;
  g_autofree char *shot = NULL;

  open_editor (f, &e);
  panel = rtes_fiche_editor_get_review_panel (RTES_FICHE_EDITOR (e.editor));
  findings = rtes_review_panel_get_findings (panel);
  placeholder = find (findings, RTES_FINDING_PLACEHOLDER, "panorama", "à modifier");
  g_assert_nonnull (placeholder);
  if (rtes_test_no_french_dictionary () == NULL)
    g_assert_nonnull (find (findings, RTES_FINDING_SPELLING, "panorama", "panoramma"));
  g_assert_nonnull (find (findings, RTES_FINDING_TYPOGRAPHY, "actions", "..."));
  g_assert_cmpuint (rtes_review_panel_get_n_blocking (panel), ==, 1);

  /* The panel shown, the row activated as a click does. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gtk_widget_get_template_child (e.editor, RTES_TYPE_FICHE_EDITOR,
                                                                                  "review_button")), TRUE);
  row = rtes_gui_test_find_widget (GTK_WIDGET (panel), RTES_TYPE_FINDING_ROW, find_row_for, "à modifier");
  g_assert_nonnull (row);
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  rtes_gui_test_run_for (100);

  g_assert_cmpstr (rtes_fiche_editor_get_visible_page (RTES_FICHE_EDITOR (e.editor)), ==, "panorama");
  focus = gtk_root_get_focus (GTK_ROOT (e.window));
  g_assert_true (GTK_IS_TEXT_VIEW (focus));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus));
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  selected = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (selected, ==, "à modifier");

  shot = rtes_gui_test_screenshot (e.editor, "review-panel");
  g_test_message ("screenshot: %s", shot);
  close_editor (&e);
}

static void
test_fix_typography_undo (Fixture       *f,
                          gconstpointer  data)
{
  Editing e = { 0 };
  RtesReviewPanel *panel;
  RtesFiche *fiche;
  g_autofree char *panorama = NULL;
  g_autofree char *actions = NULL;
  guint fixed;

  open_editor (f, &e);
  panel = rtes_fiche_editor_get_review_panel (RTES_FICHE_EDITOR (e.editor));
  fiche = rtes_document_get_fiche (e.document);
  panorama = g_strdup (rtes_fiche_get_panorama (fiche));
  actions = g_strdup (rtes_fiche_get_actions (fiche));

  fixed = rtes_review_panel_fix_typography (panel);
  g_assert_cmpuint (fixed, >=, 4);
  g_assert_cmpstr (rtes_fiche_get_actions (fiche), ==, "Deux espaces… et l’apostrophe droite.");
  g_assert_nonnull (strstr (rtes_fiche_get_panorama (fiche), "bourg\u202f: 38"));
  rtes_gui_test_wait_until (panel_idle, panel, 5000, "the review after the fix");
  g_assert_null (find (rtes_review_panel_get_findings (panel), RTES_FINDING_TYPOGRAPHY, "actions", "..."));

  /* One step takes it all back. */
  g_assert_true (rtes_document_get_can_undo (e.document));
  g_assert_true (rtes_document_undo (e.document));
  g_assert_cmpstr (rtes_fiche_get_panorama (fiche), ==, panorama);
  g_assert_cmpstr (rtes_fiche_get_actions (fiche), ==, actions);
  g_assert_true (rtes_document_redo (e.document));
  g_assert_cmpstr (rtes_fiche_get_actions (fiche), ==, "Deux espaces… et l’apostrophe droite.");
  close_editor (&e);
}

static gboolean
overrides_recorded (gpointer data)
{
  RtesReviewOverrides *overrides = rtes_review_context_get_overrides (data);

  return overrides != NULL && rtes_review_overrides_count (overrides, "commune-de-grobulac") > 0;
}

static void
test_override_dialog (Fixture       *f,
                      gconstpointer  data)
{
  Editing e = { 0 };
  RtesReviewPanel *panel;
  AdwMessageDialog *dialog;
  g_autofree char *record = g_build_filename (f->dir, ".rtes-fiches", "review", "overrides.json", NULL);
  g_autofree char *shot = NULL;

  open_editor (f, &e);
  panel = rtes_fiche_editor_get_review_panel (RTES_FICHE_EDITOR (e.editor));
  dialog = rtes_review_panel_ask_override (panel);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "à modifier"));
  shot = rtes_gui_test_screenshot (GTK_WIDGET (dialog), "review-override-dialog");

  /* Cancel records nothing. */
  adw_message_dialog_response (dialog, "cancel");
  rtes_gui_test_run_for (50);
  g_assert_false (g_file_test (record, G_FILE_TEST_EXISTS));

  dialog = rtes_review_panel_ask_override (panel);
  adw_message_dialog_response (dialog, "publish");
  rtes_gui_test_wait_until (overrides_recorded, f->context, 5000, "the override on record");
  g_assert_true (rtes_gui_test_file_contains (record, "\"text\": \"à modifier\""));
  close_editor (&e);
}

/* ---- the sidebar's badge ---- */

static gboolean
is_review_image (GtkWidget *widget,
                 gpointer   data)
{
  return g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), "tools-check-spelling-symbolic") == 0;
}

/* The tooltip the row should show for @n blocking problems, in the
 * language the tests run in. */
static char *
badge_tooltip (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "To review: %u problem blocks publishing",
                                       "To review: %u problems block publishing", n), n);
}

static void
test_sidebar_badge (Fixture       *f,
                    gconstpointer  data)
{
  RtesFicheRow *row = rtes_fiche_row_new ();
  g_autoptr(RtesFiche) fiche = grobulac ();
  GtkWindow *window = rtes_gui_test_show_in_window (GTK_WIDGET (row), 300, 80);
  GtkWidget *badge = rtes_gui_test_find_widget (GTK_WIDGET (row), GTK_TYPE_IMAGE, is_review_image, NULL);
  g_autofree char *one = badge_tooltip (1);
  g_autofree char *two = badge_tooltip (2);

  g_assert_nonnull (badge);
  g_assert_false (gtk_widget_get_visible (badge));

  /* "Pictos à modifier": the sync would refuse it. */
  rtes_fiche_row_set_fiche (row, fiche);
  g_assert_true (gtk_widget_get_visible (badge));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (badge), ==, one);

  /* A second placeholder typed, then both settled, as the editor does. */
  rtes_fiche_set_actions (fiche, "TODO");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (badge), ==, two);
  rtes_fiche_set_panorama (fiche, "Un panorama de l’ESS.");
  rtes_fiche_set_actions (fiche, "Deux espaces… et l’apostrophe.");
  g_assert_false (gtk_widget_get_visible (badge));
  gtk_window_destroy (window);
}

/* ---- the library ---- */

static gboolean
window_idle (gpointer data)
{
  return !rtes_review_window_is_busy (data);
}

static void
test_library_window (Fixture       *f,
                     gconstpointer  data)
{
  RtesReviewWindow *window = rtes_review_window_new (NULL, f->context);
  GPtrArray *findings;
  g_autofree char *shot = NULL;
  gboolean other = FALSE;

  gtk_window_present (GTK_WINDOW (window));
  rtes_gui_test_wait_until (window_idle, window, 10000, "the library's review");
  findings = rtes_review_window_get_findings (window);
  g_assert_nonnull (find (findings, RTES_FINDING_PLACEHOLDER, "panorama", "à modifier"));
  g_assert_nonnull (find (findings, RTES_FINDING_SPELLING, "panorama", "panoramma"));
  for (guint i = 0; i < findings->len; i++)
    other |= g_str_equal (((RtesFinding *) findings->pdata[i])->id, "commune-de-vauxquillette");
  g_assert_true (other);
  rtes_review_window_set_blocking_only (window, TRUE);
  shot = rtes_gui_test_screenshot (GTK_WIDGET (window), "review-library");
  g_test_message ("screenshot: %s", shot);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The real window: its library's list opens a finding's fiche at its
 * field, whichever fiche was shown. */
static void
test_library_window_opens_fiche (Fixture       *f,
                                 gconstpointer  data)
{
  RtesWindow *window = rtes_gui_test_open_window (f->dir, 1200, 760);
  RtesReviewWindow *list;
  GtkWidget *row;
  GtkWidget *focus;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *selected = NULL;

  rtes_window_show_fiche (window, rtes_library_lookup (rtes_window_get_library (window),
                                                       "commune-de-vauxquillette"));
  rtes_gui_test_run_for (100);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.review-library", NULL));
  list = rtes_gui_test_find_window (RTES_TYPE_REVIEW_WINDOW, NULL);
  g_assert_nonnull (list);
  rtes_gui_test_wait_until (window_idle, list, 10000, "the library's review");
  row = rtes_gui_test_find_widget (GTK_WIDGET (list), RTES_TYPE_FINDING_ROW, find_row_for, "à modifier");
  g_assert_nonnull (row);
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  rtes_gui_test_run_for (200);

  g_assert_cmpstr (rtes_fiche_get_id (rtes_window_get_fiche (window)), ==, "commune-de-grobulac");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (GTK_IS_TEXT_VIEW (focus));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus));
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  selected = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (selected, ==, "à modifier");
  rtes_gui_test_close_window (window);
}

/* The speller learns the words of fiches only listed from the library's
 * index too, which it reads from their files in its thread. */
static void
test_context_learns_listed (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesLibrary) listed = NULL;
  g_autoptr(RtesReviewContext) context = NULL;
  RtesSpeller *speller;

  /* Recorded by the index at once, then listed from it. */
  rtes_file_key_set_settle_time (0);
  g_clear_object (&f->library);
  f->library = rtes_library_open (f->dir, &error);
  g_assert_no_error (error);
  listed = rtes_library_open (f->dir, &error);
  g_assert_no_error (error);
  rtes_file_key_set_settle_time (RTES_FILE_KEY_SETTLE_MS);
  g_assert_false (rtes_fiche_is_loaded (rtes_library_lookup (listed, "commune-de-vauxquillette")));

  context = rtes_review_context_new (listed, f->session);
  rtes_review_context_wait (context);
  speller = rtes_review_context_get_speller (context);
  g_assert_nonnull (speller);
  g_assert_true (rtes_speller_check_word (speller, "Vauxquillette", -1));
  g_assert_true (rtes_speller_check_word (speller, "Grobulac", -1));
  /* Nothing read into the listed fiches themselves. */
  g_assert_false (rtes_fiche_is_loaded (rtes_library_lookup (listed, "commune-de-vauxquillette")));
}

int
main (int   argc,
      char *argv[])
{
  rtes_gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  /* These look for spelling findings: they skip without hunspell-fr. */
#define ADD_SPELLING(path, func) RTES_TEST_ADD_SPELLING_F (path, Fixture, setup, func, teardown)
  ADD_SPELLING ("/gui/review/text-view/underline", test_text_view_underline);
  ADD_SPELLING ("/gui/review/text-view/menu", test_text_view_menu);
  ADD_SPELLING ("/gui/review/entry/underline", test_entry_underline);
  ADD ("/gui/review/panel/jump-to-field", test_panel_jump);
  ADD ("/gui/review/panel/fix-typography-undo", test_fix_typography_undo);
  ADD ("/gui/review/panel/override-dialog", test_override_dialog);
  ADD_SPELLING ("/gui/review/library-window", test_library_window);
  ADD ("/gui/review/library-window/opens-fiche", test_library_window_opens_fiche);
  ADD ("/gui/review/sidebar-badge", test_sidebar_badge);
  ADD_SPELLING ("/gui/review/context/learns-listed", test_context_learns_listed);
#undef ADD_SPELLING
#undef ADD

  return g_test_run ();
}
