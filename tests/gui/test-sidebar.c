/* test-sidebar.c: search, filters and sorting over 10,000 fiches
 *
 * The library is generated with known proportions (every tenth fiche of
 * each kind, one in three a draft…), so each count below is computed from
 * the generation rule, not from the code under test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-fiche-json.h"
#include "rtes-fiche-row.h"
#include "rtes-gui-widgets.h"
#include "rtes-gui-test.h"
#include "rtes-sidebar.h"
#include "rtes-test-util.h"
#include "rtes-validation.h"
#include "rtes-vocabulary.h"

#define N_FICHES 10000

static char *library_dir;
static RtesLibrary *library;
static RtesWorkspace *workspace;
static GtkWindow *window;
static RtesSidebar *sidebar;

static guint n_kinds;
static guint n_regions;

/* The generation rule. */
static const char *
kind_of (guint i)
{
  return rtes_kinds ()[i % n_kinds].id;
}

static const char *
region_of (guint i)
{
  return rtes_regions ()[i % n_regions].id;
}

static gboolean
is_draft (guint i)
{
  return i % 3 == 0;
}

static gboolean
is_stale (guint i)
{
  return i % 4 == 0;
}

static gboolean
in_saint_etienne (guint i)
{
  return i % 100 == 7;
}

static void
generate_library (void)
{
  g_autoptr(GError) error = NULL;
  gint64 start;

  n_kinds = 0;
  while (rtes_kinds ()[n_kinds].id != NULL)
    n_kinds++;
  n_regions = 0;
  while (rtes_regions ()[n_regions].id != NULL)
    n_regions++;

  library_dir = rtes_test_make_tmpdir ("rtes-sidebar");
  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_FICHES; i++)
    {
      g_autofree char *id = g_strdup_printf ("collectivite-%05u", i);
      g_autofree char *name = g_strdup_printf ("Collectivité n° %05u", i);
      g_autoptr(RtesFiche) fiche = rtes_gui_test_make_fiche (id, name);
      g_autofree char *path = NULL;
      g_autofree char *updated = NULL;

      rtes_fiche_set_kind (fiche, kind_of (i));
      rtes_fiche_set_region (fiche, region_of (i));
      rtes_fiche_set_status (fiche, is_draft (i) ? RTES_STATUS_DRAFT : RTES_STATUS_PUBLISHED);
      rtes_fiche_set_updated (fiche, is_stale (i) ? "2019-05-01" : "2025-05-01");
      rtes_fiche_set_member_since (fiche, 2000 + i % 25);
      rtes_fiche_set_city (fiche, in_saint_etienne (i) ? "Saint-Étienne" : "Rennes");
      path = rtes_gui_test_write_fiche (library_dir, fiche);
    }
  g_test_message ("generated %u fiches in %.2f s", N_FICHES,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  start = g_get_monotonic_time ();
  library = rtes_library_open (library_dir, &error);
  g_assert_no_error (error);
  /* What rtes_library_open_async(), which the window uses, does in its
   * thread: fold every fiche's search text once. */
  for (guint i = 0; i < N_FICHES; i++)
    {
      g_autoptr(RtesFiche) fiche = g_list_model_get_item (G_LIST_MODEL (library), i);

      rtes_fiche_get_search_text (fiche);
    }
  g_test_message ("opened the library in %.2f s",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, N_FICHES);
}

static guint
shown (void)
{
  return g_list_model_get_n_items (rtes_sidebar_get_model (sidebar));
}

static guint
expected (gboolean (*rule) (guint i, gpointer data),
          gpointer data)
{
  guint n = 0;

  for (guint i = 0; i < N_FICHES; i++)
    if (rule (i, data))
      n++;
  return n;
}

static gboolean
rule_saint_etienne (guint i, gpointer data)
{
  return in_saint_etienne (i);
}

static gboolean
rule_kind (guint i, gpointer data)
{
  return g_strcmp0 (kind_of (i), data) == 0;
}

static gboolean
rule_region (guint i, gpointer data)
{
  return g_strcmp0 (region_of (i), data) == 0;
}

static gboolean
rule_draft (guint i, gpointer data)
{
  return is_draft (i);
}

static gboolean
rule_stale (guint i, gpointer data)
{
  return is_stale (i);
}

static gboolean
rule_draft_commune_stale (guint i, gpointer data)
{
  return is_draft (i) && is_stale (i) && g_strcmp0 (kind_of (i), "commune") == 0;
}

static void
test_all_shown (void)
{
  rtes_sidebar_clear_filters (sidebar);
  rtes_sidebar_set_search_text (sidebar, "");
  g_assert_cmpuint (shown (), ==, N_FICHES);
  rtes_gui_test_screenshot (GTK_WIDGET (sidebar), "sidebar-10000");
}

static gboolean
shows_eleven (gpointer data)
{
  return shown () == 11;
}

static void
test_search (void)
{
  rtes_sidebar_clear_filters (sidebar);

  /* Accents and case folded both ways: typed without, stored with. How
   * long a keystroke takes is measured by bench-sidebar (meson test
   * --benchmark), not here: a loaded CI machine would make any bound
   * either flaky or too loose to mean anything. */
  rtes_sidebar_set_search_text (sidebar, "SAINT-ETIENNE");
  g_assert_cmpuint (shown (), ==, expected (rule_saint_etienne, NULL));
  g_assert_cmpuint (shown (), ==, 100);

  rtes_sidebar_set_search_text (sidebar, "saint étienne");
  g_assert_cmpuint (shown (), ==, 100);

  /* Every word must match, in any order: a name and a contact. */
  rtes_sidebar_set_search_text (sidebar, "00042 claude");
  g_assert_cmpuint (shown (), ==, 1);
  rtes_sidebar_set_search_text (sidebar, "00042 dominique");
  g_assert_cmpuint (shown (), ==, 0);
  rtes_gui_test_screenshot (GTK_WIDGET (sidebar), "sidebar-no-results");

  /* Through the entry, as typed. */
  gtk_editable_set_text (GTK_EDITABLE (rtes_sidebar_get_search_entry (sidebar)), "n° 0999");
  /* The entry waits before ::search-changed: wait for its result, however
   * long a loaded machine takes to get there. 09990 to 09999, and 00999. */
  rtes_gui_test_wait_until (shows_eleven, NULL, 30000, "the search typed in the entry");
  g_assert_cmpuint (shown (), ==, 11);
  rtes_gui_test_screenshot (GTK_WIDGET (sidebar), "sidebar-search");

  rtes_sidebar_set_search_text (sidebar, "");
  g_assert_cmpuint (shown (), ==, N_FICHES);
}

static void
test_filters (void)
{
  gint64 start;
  guint incomplete = 0;

  rtes_sidebar_set_search_text (sidebar, "");
  rtes_sidebar_clear_filters (sidebar);

  rtes_sidebar_set_kind_filter (sidebar, "commune");
  g_assert_cmpuint (shown (), ==, expected (rule_kind, "commune"));
  g_assert_cmpuint (shown (), ==, N_FICHES / n_kinds);
  rtes_sidebar_clear_filters (sidebar);

  rtes_sidebar_set_region_filter (sidebar, "Île-de-France");
  g_assert_cmpuint (shown (), ==, expected (rule_region, "Île-de-France"));
  rtes_sidebar_clear_filters (sidebar);

  rtes_sidebar_set_status_filter (sidebar, RTES_STATUS_DRAFT);
  g_assert_cmpuint (shown (), ==, expected (rule_draft, NULL));
  g_assert_cmpuint (shown (), ==, 3334);
  rtes_sidebar_clear_filters (sidebar);

  rtes_sidebar_set_stale_only (sidebar, TRUE);
  g_assert_cmpuint (shown (), ==, expected (rule_stale, NULL));
  g_assert_cmpuint (shown (), ==, 2500);

  /* Filters combine. */
  rtes_sidebar_set_status_filter (sidebar, RTES_STATUS_DRAFT);
  rtes_sidebar_set_kind_filter (sidebar, "commune");
  g_assert_cmpuint (shown (), ==, expected (rule_draft_commune_stale, NULL));
  rtes_gui_test_screenshot (GTK_WIDGET (sidebar), "sidebar-filtered");
  rtes_sidebar_clear_filters (sidebar);
  g_assert_cmpuint (shown (), ==, N_FICHES);

  /* "Incomplete": break some fiches on purpose, the others are whole. */
  for (guint i = 0; i < N_FICHES; i += 500)
    {
      g_autofree char *id = g_strdup_printf ("collectivite-%05u", i);
      RtesFiche *fiche = rtes_library_lookup (library, id);

      rtes_fiche_set_panorama (fiche, "");
      g_list_store_remove_all (rtes_fiche_get_contacts (fiche));
    }
  for (guint i = 0; i < N_FICHES; i++)
    {
      g_autoptr(RtesFiche) fiche = g_list_model_get_item (G_LIST_MODEL (library), i);

      if (rtes_fiche_completeness (fiche) < 1.0)
        incomplete++;
    }
  g_test_message ("%u incomplete fiches", incomplete);
  g_assert_cmpuint (incomplete, >=, N_FICHES / 500);
  start = g_get_monotonic_time ();
  rtes_sidebar_set_incomplete_only (sidebar, TRUE);
  g_test_message ("incomplete filter: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (shown (), ==, incomplete);
  rtes_sidebar_clear_filters (sidebar);
}

static RtesFiche *
shown_at (guint position)
{
  g_autoptr(RtesFiche) fiche = g_list_model_get_item (rtes_sidebar_get_model (sidebar), position);

  return fiche;   /* the library keeps it alive */
}

static guint
shown_count_drafts (void)
{
  guint n = 0;

  for (guint i = 0; i < N_FICHES; i++)
    n += is_draft (i);
  return n;
}

static void
test_sort (void)
{
  gint64 start;

  rtes_sidebar_clear_filters (sidebar);
  rtes_sidebar_set_search_text (sidebar, "");

  rtes_sidebar_set_sort_order (sidebar, "name");
  g_assert_cmpstr (rtes_fiche_get_id (shown_at (0)), ==, "collectivite-00000");
  g_assert_cmpstr (rtes_fiche_get_id (shown_at (N_FICHES - 1)), ==, "collectivite-09999");

  start = g_get_monotonic_time ();
  rtes_sidebar_set_sort_order (sidebar, "updated");
  g_test_message ("sort by date: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  /* Most recent first. */
  g_assert_cmpstr (rtes_fiche_get_updated (shown_at (0)), ==, "2025-05-01");
  g_assert_cmpstr (rtes_fiche_get_updated (shown_at (N_FICHES - 1)), ==, "2019-05-01");

  /* Longest-standing members first. */
  rtes_sidebar_set_sort_order (sidebar, "member-since");
  for (guint i = 1; i < N_FICHES; i += 97)
    g_assert_cmpint (rtes_fiche_get_member_since (shown_at (i - 1)), <=,
                     rtes_fiche_get_member_since (shown_at (i)));
  g_assert_cmpint (rtes_fiche_get_member_since (shown_at (0)), ==, 2000);
  g_assert_cmpint (rtes_fiche_get_member_since (shown_at (N_FICHES - 1)), ==, 2024);

  /* Every order has a direction (issue 18): the other way round, the
   * same fiches. */
  rtes_sidebar_set_sort_order (sidebar, "name");
  rtes_sidebar_set_sort_descending (sidebar, TRUE);
  g_assert_cmpstr (rtes_fiche_get_id (shown_at (0)), ==, "collectivite-09999");
  g_assert_cmpstr (rtes_fiche_get_id (shown_at (N_FICHES - 1)), ==, "collectivite-00000");
  rtes_sidebar_set_sort_order (sidebar, "updated");
  g_assert_cmpstr (rtes_fiche_get_updated (shown_at (0)), ==, "2019-05-01");
  rtes_sidebar_set_sort_descending (sidebar, FALSE);
  g_assert_cmpstr (rtes_fiche_get_updated (shown_at (0)), ==, "2025-05-01");

  rtes_sidebar_set_sort_order (sidebar, "name");
}

/* The list of fiches, not one of the drop-downs' lists. */
static gboolean
is_list_view (GtkWidget *widget,
              gpointer   data)
{
  return gtk_widget_has_css_class (widget, "navigation-sidebar");
}

/* Selection mode (issue 18): rows are checked and unchecked, Enter and
 * clicks toggle them instead of opening a fiche, and leaving the mode
 * puts the selection back on the fiche shown. */
static void
test_selection_mode (void)
{
  RtesFiche *shown = rtes_library_lookup (library, "collectivite-00002");
  GtkWidget *list_view = rtes_gui_test_find_widget (GTK_WIDGET (sidebar), GTK_TYPE_LIST_VIEW,
                                                    is_list_view, NULL);
  g_autoptr(GPtrArray) selected = NULL;

  rtes_sidebar_clear_filters (sidebar);
  rtes_sidebar_set_search_text (sidebar, "");
  rtes_sidebar_set_selected_fiche (sidebar, shown);
  g_assert_cmpuint (rtes_sidebar_get_n_selected (sidebar), ==, 0);

  rtes_sidebar_set_selection_mode (sidebar, TRUE);
  /* Nothing checked to begin with, and the fiche shown stays. */
  g_assert_cmpuint (rtes_sidebar_get_n_selected (sidebar), ==, 0);
  g_signal_emit_by_name (list_view, "activate", 0);
  g_signal_emit_by_name (list_view, "activate", 5);
  g_assert_cmpuint (rtes_sidebar_get_n_selected (sidebar), ==, 2);
  g_assert_true (rtes_sidebar_get_selected_fiche (sidebar) == shown);
  rtes_sidebar_set_fiche_selected (sidebar, rtes_library_lookup (library, "collectivite-00007"), TRUE);
  /* Enter again unchecks. */
  g_signal_emit_by_name (list_view, "activate", 5);
  selected = rtes_sidebar_get_selected_fiches (sidebar);
  g_assert_cmpuint (selected->len, ==, 2);
  g_assert_cmpstr (rtes_fiche_get_id (g_ptr_array_index (selected, 0)), ==, "collectivite-00000");
  g_assert_cmpstr (rtes_fiche_get_id (g_ptr_array_index (selected, 1)), ==, "collectivite-00007");
  rtes_gui_test_run_for (50);
  rtes_gui_test_screenshot (GTK_WIDGET (window), "sidebar-selection-mode");

  rtes_sidebar_set_selection_mode (sidebar, FALSE);
  g_assert_cmpuint (rtes_sidebar_get_n_selected (sidebar), ==, 0);
  g_assert_true (rtes_sidebar_get_selected_fiche (sidebar) == shown);
  g_clear_pointer (&selected, g_ptr_array_unref);
  selected = rtes_sidebar_get_selected_fiches (sidebar);
  g_assert_cmpuint (selected->len, ==, 0);

  /* Select All checks what the list shows. */
  rtes_sidebar_set_status_filter (sidebar, RTES_STATUS_DRAFT);
  rtes_sidebar_select_all (sidebar);
  g_assert_cmpuint (rtes_sidebar_get_n_selected (sidebar), ==, shown_count_drafts ());
  rtes_sidebar_set_selection_mode (sidebar, FALSE);
  rtes_sidebar_clear_filters (sidebar);
}

static void
test_selection_survives_filters (void)
{
  RtesFiche *fiche = rtes_library_lookup (library, "collectivite-00001");

  rtes_sidebar_clear_filters (sidebar);
  rtes_sidebar_set_selected_fiche (sidebar, fiche);
  /* Hidden by a filter, still the fiche being edited... */
  rtes_sidebar_set_status_filter (sidebar, RTES_STATUS_DRAFT);
  g_assert_true (rtes_sidebar_get_selected_fiche (sidebar) == fiche);
  /* ...and selected again when shown. */
  rtes_sidebar_clear_filters (sidebar);
  g_assert_true (rtes_sidebar_get_selected_fiche (sidebar) == fiche);
}

/* The ids the list shows, in its order. */
static GPtrArray *
shown_ids (void)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < shown (); i++)
    g_ptr_array_add (ids, g_strdup (rtes_fiche_get_id (shown_at (i))));
  return ids;
}

static void
assert_same_ids (GPtrArray  *a,
                 GPtrArray  *b,
                 const char *query)
{
  if (a->len != b->len)
    g_error ("“%s”: %u fiches shown, %u from a fresh filter", query, a->len, b->len);
  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      g_error ("“%s”: %s at %u, %s from a fresh filter", query,
               (char *) g_ptr_array_index (a, i), i, (char *) g_ptr_array_index (b, i));
}

/* The search looks again only at the fiches shown when a letter is added,
 * only at those hidden when one is taken away: typed one letter at a time,
 * then taken back, each step shows what a filter from scratch shows
 * (rtes_sidebar_invalidate()), in the same order. */
static void
check_typed (const char *query)
{
  gsize length = strlen (query);

  for (gsize n = 1; n <= 2 * length; n++)
    {
      g_autofree char *prefix = g_strndup (query, n <= length ? n : 2 * length - n);
      g_autoptr(GPtrArray) incremental = NULL;
      g_autoptr(GPtrArray) fresh = NULL;

      rtes_sidebar_set_search_text (sidebar, prefix);
      incremental = shown_ids ();
      rtes_sidebar_invalidate (sidebar);
      fresh = shown_ids ();
      assert_same_ids (incremental, fresh, prefix);
    }
}

static void
test_incremental_search (void)
{
  rtes_sidebar_clear_filters (sidebar);
  rtes_sidebar_set_search_text (sidebar, "");

  check_typed ("saint-etienne 0010");
  check_typed ("n° 0999 rennes");
  g_assert_cmpuint (shown (), ==, N_FICHES);

  /* With filters, and with a sort other than the names'. */
  rtes_sidebar_set_status_filter (sidebar, RTES_STATUS_DRAFT);
  rtes_sidebar_set_kind_filter (sidebar, "commune");
  rtes_sidebar_set_sort_order (sidebar, "member-since");
  check_typed ("saint 00");
  rtes_sidebar_set_search_text (sidebar, "00");
  /* A filter turned off under a search shows the fiches hidden by it. */
  rtes_sidebar_set_kind_filter (sidebar, NULL);
  {
    g_autoptr(GPtrArray) incremental = shown_ids ();
    g_autoptr(GPtrArray) fresh = NULL;

    rtes_sidebar_invalidate (sidebar);
    fresh = shown_ids ();
    assert_same_ids (incremental, fresh, "00, drafts of any kind");
    g_assert_cmpuint (incremental->len, >, 0);
  }
  rtes_sidebar_set_sort_order (sidebar, "name");
  rtes_sidebar_set_search_text (sidebar, "");
  rtes_sidebar_clear_filters (sidebar);
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (RTES_IS_FICHE_ROW (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

/* How many rows of the list show a fiche that the search does not find;
 * @on_screen: only those the list shows now. */
static guint
rows_not_found (GtkWidget *list_view,
                gboolean   on_screen)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GHashTable) found = g_hash_table_new (NULL, NULL);
  guint wrong = 0, checked = 0;

  for (guint i = 0; i < shown (); i++)
    g_hash_table_add (found, shown_at (i));
  collect_rows (list_view, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      RtesFiche *fiche = rtes_fiche_row_get_fiche (RTES_FICHE_ROW (row));
      graphene_rect_t bounds;

      if (on_screen && (!gtk_widget_compute_bounds (row, list_view, &bounds) ||
                        bounds.origin.y + bounds.size.height <= 0 ||
                        bounds.origin.y >= gtk_widget_get_height (list_view)))
        continue;
      checked++;
      if (fiche == NULL || !g_hash_table_contains (found, fiche))
        wrong++;
    }
  g_assert_cmpuint (checked, >, 0);
  return wrong;
}

/* The list has been laid out since it last changed: its rows have their
 * place. */
static gboolean
rows_laid_out (gpointer data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (data, rows);
  for (guint i = 0; i < rows->len; i++)
    if (gtk_widget_get_height (g_ptr_array_index (rows, i)) > 0)
      return TRUE;
  return FALSE;
}

static gboolean
rows_all_found (gpointer data)
{
  return rows_not_found (data, FALSE) == 0;
}

/* The rows stay when a search changes the list and follow the fiches at
 * their place: those on screen at once, the others when the window has
 * a moment. */
static void
test_rows_follow (void)
{
  GtkWidget *list_view = rtes_gui_test_find_widget (GTK_WIDGET (sidebar), GTK_TYPE_LIST_VIEW,
                                                    is_list_view, NULL);

  rtes_sidebar_clear_filters (sidebar);
  rtes_sidebar_set_selected_fiche (sidebar, NULL);
  rtes_sidebar_set_search_text (sidebar, "");
  /* From the top, where the rows on screen stay on screen. */
  gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", 0);
  rtes_gui_test_wait_until (rows_laid_out, list_view, 30000, "the list to be laid out");

  rtes_sidebar_set_search_text (sidebar, "saint-etienne");
  g_assert_cmpuint (shown (), ==, 100);
  g_assert_cmpuint (rows_not_found (list_view, TRUE), ==, 0);
  rtes_gui_test_wait_until (rows_all_found, list_view, 30000, "every row to follow the search");

  /* Fewer fiches than rows, then more again. */
  rtes_sidebar_set_search_text (sidebar, "saint-etienne 0010");
  g_assert_cmpuint (shown (), ==, 1);
  rtes_gui_test_wait_until (rows_laid_out, list_view, 30000, "the list to be laid out");
  g_assert_cmpuint (rows_not_found (list_view, TRUE), ==, 0);
  rtes_sidebar_set_search_text (sidebar, "rennes");
  g_assert_cmpuint (rows_not_found (list_view, TRUE), ==, 0);
  rtes_gui_test_wait_until (rows_all_found, list_view, 30000, "every row to follow the search");

  rtes_sidebar_set_search_text (sidebar, "");
}

/* Checked fiches stay checked through a search that still shows them; a
 * search that hides one takes its check away. */
static void
test_selection_mode_search (void)
{
  RtesFiche *checked[] = {
    rtes_library_lookup (library, "collectivite-00007"),
    rtes_library_lookup (library, "collectivite-00107"),
  };
  RtesFiche *hidden = rtes_library_lookup (library, "collectivite-00001");
  g_autoptr(GPtrArray) selected = NULL;

  rtes_sidebar_clear_filters (sidebar);
  rtes_sidebar_set_search_text (sidebar, "");
  rtes_sidebar_set_selection_mode (sidebar, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (checked); i++)
    rtes_sidebar_set_fiche_selected (sidebar, checked[i], TRUE);
  rtes_sidebar_set_fiche_selected (sidebar, hidden, TRUE);
  g_assert_cmpuint (rtes_sidebar_get_n_selected (sidebar), ==, 3);

  rtes_sidebar_set_search_text (sidebar, "saint-etienne");
  g_assert_cmpuint (rtes_sidebar_get_n_selected (sidebar), ==, 2);
  selected = rtes_sidebar_get_selected_fiches (sidebar);
  g_assert_cmpuint (selected->len, ==, 2);
  g_assert_true (g_ptr_array_index (selected, 0) == checked[0]);
  g_assert_true (g_ptr_array_index (selected, 1) == checked[1]);
  g_clear_pointer (&selected, g_ptr_array_unref);

  /* The list grows again: the same two, at their new places. */
  rtes_sidebar_set_search_text (sidebar, "");
  selected = rtes_sidebar_get_selected_fiches (sidebar);
  g_assert_cmpuint (selected->len, ==, 2);
  g_assert_true (g_ptr_array_index (selected, 0) == checked[0]);
  g_assert_true (g_ptr_array_index (selected, 1) == checked[1]);
  g_assert_true (shown_at (7) == checked[0]);

  rtes_sidebar_set_selection_mode (sidebar, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  rtes_gui_test_init (&argc, &argv);

  generate_library ();
  workspace = rtes_workspace_new (library);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 340, 720);
  sidebar = g_object_new (RTES_TYPE_SIDEBAR, NULL);
  rtes_sidebar_set_workspace (sidebar, workspace);
  gtk_window_set_child (window, GTK_WIDGET (sidebar));
  gtk_window_present (window);
  rtes_gui_test_run_for (100);

  g_test_add_func ("/gui/sidebar/all-shown", test_all_shown);
  g_test_add_func ("/gui/sidebar/search", test_search);
  g_test_add_func ("/gui/sidebar/filters", test_filters);
  g_test_add_func ("/gui/sidebar/sort", test_sort);
  g_test_add_func ("/gui/sidebar/selection-survives-filters", test_selection_survives_filters);
  g_test_add_func ("/gui/sidebar/selection-mode", test_selection_mode);
  g_test_add_func ("/gui/sidebar/incremental-search", test_incremental_search);
  g_test_add_func ("/gui/sidebar/rows-follow", test_rows_follow);
  g_test_add_func ("/gui/sidebar/selection-mode-search", test_selection_mode_search);
  status = g_test_run ();

  gtk_window_destroy (window);
  g_clear_object (&workspace);
  g_clear_object (&library);
  rtes_test_remove_tree (library_dir);
  g_free (library_dir);
  return status;
}
