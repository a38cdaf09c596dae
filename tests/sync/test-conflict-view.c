/* test-conflict-view.c: settling conflicts in RtesConflictView
 *
 * Needs a display (run the suite under xvfb-run); skips without one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "rtes-conflict-row.h"
#include "rtes-conflict-view.h"
#include "rtes-fiche-json.h"
#include "rtes-sync.h"
#include "rtes-test-util.h"
#include "rtes-token-row.h"

typedef struct {
  char *dir;
  GtkWidget *window;
  RtesConflictView *view;
  guint resolved;
  gboolean loaded;
} Fixture;

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  return node;
}

/* dijon.json with two open conflicts: name, and the whole address as the
 * previous version recorded it. */
static void
write_library (Fixture *f)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("dijon", "Dijon Métropole");
  g_autoptr(JsonNode) doc = NULL;
  g_autofree char *path = g_build_filename (f->dir, "dijon.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *state_dir = rtes_sync_state_dir_for_library (f->dir);
  g_autoptr(RtesSyncState) state = NULL;
  g_autoptr(RtesLibraryDir) root = rtes_library_dir_open (f->dir, FALSE, NULL);
  g_autoptr(RtesSyncTransaction) transaction = rtes_sync_transaction_new (root);
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_conflict_free);
  g_autoptr(JsonNode) base = parse ("\"Dijon\"");
  g_autoptr(JsonNode) mine = parse ("\"Dijon Métropole\"");
  g_autoptr(JsonNode) theirs = parse ("\"Ville de Dijon\"");
  g_autoptr(JsonNode) address_base = parse ("{\"lines\":[\"40 avenue du Drapeau\"],\"postcode\":\"21000\",\"city\":\"Dijon\",\"country\":\"France\"}");
  g_autoptr(JsonNode) address_mine = parse ("{\"lines\":[\"40 avenue du Drapeau\",\"CS 17510\"],\"postcode\":\"21075\",\"city\":\"Dijon Cedex\",\"country\":\"France\"}");
  g_autoptr(JsonNode) address_theirs = parse ("{\"lines\":[\"11 rue de l'Hôpital\"],\"postcode\":\"21000\",\"city\":\"Dijon\",\"country\":\"France\"}");
  g_autoptr(GError) error = NULL;

  rtes_fiche_save (fiche, file, &error);
  g_assert_no_error (error);
  doc = rtes_fiche_to_json (fiche);

  state = rtes_sync_state_load (state_dir, &error);
  g_assert_no_error (error);
  rtes_sync_state_reset (state, "https://www.rtes.fr");
  rtes_sync_state_set_base (state, "dijon", "7", doc);
  g_ptr_array_add (conflicts, rtes_conflict_new ("dijon", "name", base, mine, theirs));
  g_ptr_array_add (conflicts, rtes_conflict_new ("dijon", "address", address_base, address_mine, address_theirs));
  rtes_sync_state_set_conflicts (state, "dijon", conflicts);
  rtes_sync_state_plan_save (state, transaction);
  rtes_sync_transaction_commit (transaction, &error);
  g_assert_no_error (error);
}

static void
on_loaded (RtesConflictView *view, Fixture *f)
{
  f->loaded = TRUE;
}

static void
on_resolved (RtesConflictView *view, const char *id, const char *path, Fixture *f)
{
  g_assert_cmpstr (id, ==, "dijon");
  f->resolved++;
}

static void
setup (Fixture *f, gconstpointer data)
{
  f->dir = rtes_test_make_tmpdir ("rtes-conflict-view");
  write_library (f);
  f->view = RTES_CONFLICT_VIEW (rtes_conflict_view_new ());
  g_signal_connect (f->view, "loaded", G_CALLBACK (on_loaded), f);
  g_signal_connect (f->view, "resolved", G_CALLBACK (on_resolved), f);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 1100);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  rtes_test_remove_tree (f->dir);
  g_free (f->dir);
}

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type)
          && (label == NULL || (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)))
        return child;
      if ((found = find_widget (child, type, label)) != NULL)
        return found;
    }
  return NULL;
}

static RtesFiche *
load_dijon (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->dir, "dijon.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  RtesFiche *fiche = rtes_fiche_load (file, &error);

  g_assert_no_error (error);
  return fiche;
}

static void
wait_for (gboolean *flag)
{
  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
}

static void
resolve_and_wait (Fixture *f, GtkWidget *row)
{
  guint before = f->resolved;
  GtkWidget *button = find_widget (row, GTK_TYPE_BUTTON, "_Mark Resolved");

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  while (f->resolved == before)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_view_resolve (Fixture *f, gconstpointer data)
{
  g_autoptr(RtesFiche) dijon = NULL;
  g_autoptr(RtesFiche) again = NULL;
  GtkWidget *row;
  GtkWidget *edit_button;
  GtkWidget *error_label = NULL;
  GtkTextView *edit_view;
  g_autofree char *state_dir = rtes_sync_state_dir_for_library (f->dir);
  g_autoptr(RtesSyncState) state = NULL;
  g_autoptr(GError) error = NULL;

  rtes_conflict_view_load (f->view, f->dir, "dijon");
  wait_for (&f->loaded);
  g_assert_cmpuint (rtes_conflict_view_get_n_conflicts (f->view), ==, 2);

  /* name: take the site's value. */
  row = find_widget (GTK_WIDGET (f->view), RTES_TYPE_CONFLICT_ROW, NULL);
  g_assert_cmpstr (rtes_conflict_row_get_conflict (RTES_CONFLICT_ROW (row))->path, ==, "name");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_widget (row, GTK_TYPE_TOGGLE_BUTTON, "_Take the Site's")), TRUE);
  resolve_and_wait (f, row);
  g_assert_cmpuint (rtes_conflict_view_get_n_conflicts (f->view), ==, 1);
  dijon = load_dijon (f);
  g_assert_cmpstr (rtes_fiche_get_name (dijon), ==, "Ville de Dijon");

  /* address: an edit that is not JSON is refused in place… */
  row = find_widget (GTK_WIDGET (f->view), RTES_TYPE_CONFLICT_ROW, NULL);
  g_assert_cmpstr (rtes_conflict_row_get_conflict (RTES_CONFLICT_ROW (row))->path, ==, "address");
  edit_button = find_widget (row, GTK_TYPE_TOGGLE_BUTTON, "_Edit");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (edit_button), TRUE);
  edit_view = GTK_TEXT_VIEW (find_widget (row, GTK_TYPE_TEXT_VIEW, NULL));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (edit_view)))
                 || gtk_widget_get_visible (gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (edit_view)))));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (edit_view), "{ \"lines\": [", -1);
  g_signal_emit_by_name (find_widget (row, GTK_TYPE_BUTTON, "_Mark Resolved"), "clicked");
  for (GtkWidget *w = find_widget (row, GTK_TYPE_LABEL, NULL); w; w = gtk_widget_get_next_sibling (w))
    if (gtk_widget_has_css_class (w, "error"))
      error_label = w;
  g_assert_nonnull (error_label);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpuint (rtes_conflict_view_get_n_conflicts (f->view), ==, 1);

  /* …and a valid one is written. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (edit_view),
                            "{\"lines\":[\"CS 17510\"],\"postcode\":\"21075\",\"city\":\"Dijon Cedex\",\"country\":\"France\"}", -1);
  resolve_and_wait (f, row);
  g_assert_cmpuint (rtes_conflict_view_get_n_conflicts (f->view), ==, 0);
  again = load_dijon (f);
  g_assert_cmpstr (rtes_fiche_get_postcode (again), ==, "21075");
  g_assert_cmpstr (rtes_fiche_get_city (again), ==, "Dijon Cedex");
  g_assert_cmpstr (rtes_fiche_get_name (again), ==, "Ville de Dijon");

  state = rtes_sync_state_load (state_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rtes_sync_state_count_conflicts (state), ==, 0);
}

/* Dijon gets two contacts and a budget line with keys, and conflicts on
 * them as a sync records them: a contact's title, a contact edited here
 * and deleted on the site, a line's amount. */
static void
add_item_conflicts (Fixture *f)
{
  g_autofree char *state_dir = rtes_sync_state_dir_for_library (f->dir);
  g_autofree char *path = g_build_filename (f->dir, "dijon.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(RtesFiche) dijon = load_dijon (f);
  g_autoptr(RtesContact) claude = rtes_contact_new ();
  g_autoptr(RtesContact) dominique = rtes_contact_new ();
  g_autoptr(RtesBudgetLine) line = rtes_budget_line_new ();
  g_autoptr(RtesSyncState) state = NULL;
  g_autoptr(RtesLibraryDir) root = rtes_library_dir_open (f->dir, FALSE, NULL);
  g_autoptr(RtesSyncTransaction) transaction = rtes_sync_transaction_new (root);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_conflict_free);
  g_autoptr(JsonNode) title_base = parse ("\"Vice-président\"");
  g_autoptr(JsonNode) title_mine = parse ("\"Vice-président à l'ESS\"");
  g_autoptr(JsonNode) title_theirs = parse ("\"Conseiller délégué\"");
  g_autoptr(JsonNode) dominique_base = parse ("{\"key\":\"0b9e41d2\",\"role\":\"Technicienne\",\"category\":\"staff\",\"name\":\"Dominique Petit\",\"title\":\"Chargée de mission\",\"service\":\"\",\"email\":\"\",\"phone\":\"\",\"rtes_board\":false}");
  g_autoptr(JsonNode) dominique_mine = parse ("{\"key\":\"0b9e41d2\",\"role\":\"Technicienne\",\"category\":\"staff\",\"name\":\"Dominique Petit\",\"title\":\"Chargée de mission ESS\",\"service\":\"Développement économique\",\"email\":\"dpetit@example.org\",\"phone\":\"03 80 00 00 00\",\"rtes_board\":false}");
  g_autoptr(JsonNode) amount_base = parse ("29000");
  g_autoptr(JsonNode) amount_mine = parse ("32000");
  g_autoptr(JsonNode) amount_theirs = parse ("6100000");
  g_autoptr(GError) error = NULL;

  rtes_contact_set_key (claude, "c7f3a2d1");
  rtes_contact_set_role (claude, "Élu référent");
  rtes_contact_set_category (claude, RTES_CONTACT_ELECTED);
  rtes_contact_set_name (claude, "Claude Martin");
  rtes_contact_set_title (claude, "Vice-président à l'ESS");
  g_list_store_append (rtes_fiche_get_contacts (dijon), claude);
  rtes_contact_set_key (dominique, "0b9e41d2");
  rtes_contact_set_name (dominique, "Dominique Petit");
  rtes_contact_set_title (dominique, "Chargée de mission ESS");
  g_list_store_append (rtes_fiche_get_contacts (dijon), dominique);
  rtes_budget_line_set_key (line, "5a1c9e07");
  rtes_budget_line_set_amount (line, 32000);
  rtes_budget_line_set_year (line, 2024);
  rtes_budget_line_set_section (line, RTES_SECTION_FONCTIONNEMENT);
  g_list_store_append (rtes_fiche_get_budget_lines (dijon), line);
  rtes_fiche_save (dijon, file, &error);
  g_assert_no_error (error);

  state = rtes_sync_state_load (state_dir, &error);
  g_assert_no_error (error);
  conflicts = rtes_sync_state_get_conflicts (state, "dijon");
  for (guint i = 0; i < conflicts->len; i++)
    g_ptr_array_add (all, rtes_conflict_copy (g_ptr_array_index (conflicts, i)));
  g_ptr_array_add (all, rtes_conflict_new ("dijon", "contacts[key=c7f3a2d1].title", title_base, title_mine, title_theirs));
  g_ptr_array_add (all, rtes_conflict_new ("dijon", "contacts[key=0b9e41d2]", dominique_base, dominique_mine, NULL));
  g_ptr_array_add (all, rtes_conflict_new ("dijon", "budget.lines[key=5a1c9e07].amount", amount_base, amount_mine, amount_theirs));
  rtes_sync_state_set_conflicts (state, "dijon", all);
  rtes_sync_state_plan_save (state, transaction);
  rtes_sync_transaction_commit (transaction, &error);
  g_assert_no_error (error);
}

static GtkWidget *
row_at (Fixture    *f,
        const char *path)
{
  GtkWidget *row = find_widget (GTK_WIDGET (f->view), RTES_TYPE_CONFLICT_ROW, NULL);

  for (; row != NULL; row = gtk_widget_get_next_sibling (row))
    if (RTES_IS_CONFLICT_ROW (row)
        && g_strcmp0 (rtes_conflict_row_get_conflict (RTES_CONFLICT_ROW (row))->path, path) == 0)
      return row;
  g_error ("no row for %s", path);
  return NULL;
}

/* The first label of @row, its title. */
static const char *
row_title (GtkWidget *row)
{
  return gtk_label_get_label (GTK_LABEL (find_widget (row, GTK_TYPE_LABEL, NULL)));
}

static void
test_view_items (Fixture *f, gconstpointer data)
{
  g_autoptr(RtesFiche) dijon = NULL;
  g_autoptr(RtesContact) claude = NULL;
  GtkWidget *row;

  add_item_conflicts (f);
  rtes_conflict_view_load (f->view, f->dir, "dijon");
  wait_for (&f->loaded);
  g_assert_cmpuint (rtes_conflict_view_get_n_conflicts (f->view), ==, 5);

  /* Each row says which contact or line, and which of its fields. */
  g_assert_cmpstr (row_title (row_at (f, "contacts[key=c7f3a2d1].title")), ==, "Contacts › Claude Martin › Title");
  g_assert_cmpstr (row_title (row_at (f, "contacts[key=0b9e41d2]")), ==, "Contacts › Dominique Petit");
  g_assert_cmpstr (row_title (row_at (f, "budget.lines[key=5a1c9e07].amount")), ==, "Budget › 32000 € (2024), fonctionnement › Amount");

  /* Taking the site's title for that contact writes only that. */
  row = row_at (f, "contacts[key=c7f3a2d1].title");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_widget (row, GTK_TYPE_TOGGLE_BUTTON, "_Take the Site's")), TRUE);
  resolve_and_wait (f, row);
  g_assert_cmpuint (rtes_conflict_view_get_n_conflicts (f->view), ==, 4);
  dijon = load_dijon (f);
  claude = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (dijon)), 0);
  g_assert_cmpstr (rtes_contact_get_title (claude), ==, "Conseiller délégué");
  g_assert_cmpstr (rtes_contact_get_role (claude), ==, "Élu référent");
  g_assert_cmpstr (rtes_contact_get_key (claude), ==, "c7f3a2d1");
}

static void
test_view_screenshot (Fixture *f, gconstpointer data)
{
  const char *out = g_getenv ("RTES_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width, height;

  add_item_conflicts (f);
  rtes_conflict_view_load (f->view, f->dir, "dijon");
  wait_for (&f->loaded);
  g_assert_cmpuint (rtes_conflict_view_get_n_conflicts (f->view), ==, 5);
  if (out == NULL)
    {
      g_test_skip ("set RTES_SCREENSHOT_DIR to save a screenshot");
      return;
    }
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  paintable = gtk_widget_paintable_new (f->window);
  width = gdk_paintable_get_intrinsic_width (paintable);
  height = gdk_paintable_get_intrinsic_height (paintable);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (out, "conflict-view.png", NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
test_view_damaged_state (Fixture *f, gconstpointer data)
{
  g_autofree char *state_dir = rtes_sync_state_dir_for_library (f->dir);
  g_autofree char *path = rtes_test_write_file (state_dir, "state.json", "{ damaged");
  GtkWidget *stack;

  rtes_conflict_view_load (f->view, f->dir, "dijon");
  wait_for (&f->loaded);
  g_assert_cmpuint (rtes_conflict_view_get_n_conflicts (f->view), ==, 0);
  stack = find_widget (GTK_WIDGET (f->view), GTK_TYPE_STACK, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "error");
}

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
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);
  /* Screenshots are for people to look at, in the users' language. */
  if (g_getenv ("RTES_SCREENSHOT_DIR") != NULL)
    g_setenv ("LANGUAGE", "fr", TRUE);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display: run under xvfb-run");
      return g_test_run ();
    }
  adw_init ();
  if (g_getenv ("RTES_TEST_LOCALEDIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RTES_TEST_LOCALEDIR"));

  g_test_add ("/sync/gui/conflict-view/resolve", Fixture, NULL, setup, test_view_resolve, teardown);
  g_test_add ("/sync/gui/conflict-view/items", Fixture, NULL, setup, test_view_items, teardown);
  g_test_add ("/sync/gui/conflict-view/damaged-state", Fixture, NULL, setup, test_view_damaged_state, teardown);
  g_test_add_func ("/sync/gui/token-row/hidden", test_token_row_hidden);
  g_test_add ("/sync/gui/conflict-view/screenshot", Fixture, NULL, setup, test_view_screenshot, teardown);

  return g_test_run ();
}
