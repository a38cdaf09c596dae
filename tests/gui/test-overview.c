/* test-overview.c: "Vue d'ensemble" in the window, and the filters it sets
 *
 * A small library with known kinds, départements and tags; clicks go
 * through the chart view's own click path (rtes_chart_view_click_at(),
 * which its gesture calls) at the point where the chart drew the item,
 * and the sidebar must then list exactly the fiches the generation rule
 * says. Screenshots of the view, light and dark, wide and narrow, go to
 * the suite's screenshot folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rtes-chart-view.h"
#include "rtes-departement.h"
#include "rtes-tag-suggest.h"
#include "rtes-gui-widgets.h"
#include "rtes-gui-test.h"
#include "rtes-import-test-util.h"
#include "rtes-overview-page.h"
#include "rtes-sidebar.h"
#include "rtes-test-util.h"
#include "rtes-window-private.h"

#define N_FICHES 24

typedef struct
{
  char *dir;
  char *library_dir;          /* what the window opens; NULL: dir */
  RtesWindow *window;
} Fixture;

/* The generation rule. */
static const char *
kind_of (guint i)
{
  return i % 4 == 0 ? "metropole" : i % 4 == 1 ? "commune" : i % 4 == 2 ? "communaute-de-communes" : NULL;
}

static const char *
postcode_of (guint i)
{
  /* Doubs, Ille-et-Vilaine, Rhône, and La Réunion. */
  static const char *postcodes[] = { "25000", "35000", "69001", "97400" };

  return postcodes[i % 3 == 0 ? 0 : i % 5 == 0 ? 3 : i % 2 ? 1 : 2];
}

static gboolean
has_iae (guint i)
{
  return i % 3 != 1;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = rtes_test_make_tmpdir ("rtes-overview");
  for (guint i = 0; i < N_FICHES; i++)
    {
      g_autofree char *id = g_strdup_printf ("collectivite-%02u", i);
      g_autofree char *name = g_strdup_printf ("Collectivité %02u", i);
      g_autoptr(RtesFiche) fiche = rtes_gui_test_make_fiche (id, name);
      g_autofree char *path = NULL;

      rtes_fiche_set_kind (fiche, kind_of (i));
      rtes_fiche_set_postcode (fiche, postcode_of (i));
      rtes_fiche_set_region (fiche, NULL);
      rtes_fiche_set_tags (fiche, has_iae (i) ? (const char *[]) { "iae", "tiers-lieux", NULL }
                                              : (const char *[]) { "dla", NULL });
      path = rtes_gui_test_write_fiche (f->dir, fiche);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  rtes_gui_test_close_window (f->window);
  rtes_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->library_dir);
}

static void
open_window (Fixture *f,
             int      width,
             int      height)
{
  f->window = rtes_gui_test_open_window (f->library_dir != NULL ? f->library_dir : f->dir, width, height);
}

static RtesOverviewPage *
show_overview (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-overview", NULL));
  g_assert_true (rtes_window_get_overview_visible (f->window));
  return RTES_OVERVIEW_PAGE (f->window->overview_page);
}

static guint
shown (Fixture *f)
{
  return g_list_model_get_n_items (rtes_sidebar_get_model (f->window->sidebar));
}

static guint
expected (gboolean (*rule) (guint i))
{
  guint n = 0;

  for (guint i = 0; i < N_FICHES; i++)
    n += rule (i) ? 1 : 0;
  return n;
}

static gboolean
in_doubs (guint i)
{
  return g_str_equal (postcode_of (i), "25000");
}

static gboolean
in_reunion (guint i)
{
  return g_str_equal (postcode_of (i), "97400");
}

static gboolean
metropole (guint i)
{
  return g_strcmp0 (kind_of (i), "metropole") == 0;
}

static gboolean
metropole_with_iae (guint i)
{
  return metropole (i) && has_iae (i);
}

static guint
n_chips (Fixture *f)
{
  GtkWidget *chips = gtk_widget_get_next_sibling (gtk_widget_get_first_child (GTK_WIDGET (f->window->sidebar)));
  guint n = 0;

  g_assert_true (GTK_IS_FLOW_BOX (chips));
  if (!gtk_widget_get_visible (chips))
    return 0;
  for (GtkWidget *c = gtk_widget_get_first_child (chips); c != NULL; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

/* Clicks, through the view's click path, where the chart drew the item
 * that stands for @filter. */
static void
click_item (RtesOverviewPage *page,
            RtesNetworkChart  which,
            const char       *filter)
{
  RtesChartView *view = RTES_CHART_VIEW (rtes_overview_page_get_chart_view (page, which));
  RtesChart *chart = rtes_chart_view_get_chart (view);
  double x, y;

  gtk_test_widget_wait_for_draw (GTK_WIDGET (view));
  for (guint i = 0; i < rtes_chart_get_n_items (chart); i++)
    if (g_strcmp0 (rtes_chart_get_item_id (chart, i), filter) == 0)
      {
        g_assert_true (rtes_chart_get_item_point (chart, i, &x, &y));
        g_assert_true (rtes_chart_view_click_at (view, x, y));
        return;
      }
  g_assert_not_reached ();
}

static gboolean
leaflet_folded (gpointer leaflet)
{
  return adw_leaflet_get_folded (leaflet);
}

static void
test_click_filters (Fixture       *f,
                    gconstpointer  data)
{
  RtesOverviewPage *page;

  open_window (f, 1200, 900);
  page = show_overview (f);
  g_assert_cmpuint (shown (f), ==, N_FICHES);
  g_assert_cmpuint (n_chips (f), ==, 0);

  /* A département of the map. */
  click_item (page, RTES_NETWORK_CHART_MAP, "departement:25");
  g_assert_cmpuint (shown (f), ==, expected (in_doubs));
  g_assert_cmpuint (n_chips (f), ==, 1);
  /* Clearing every filter brings them all back, and the chips go. */
  rtes_sidebar_clear_filters (f->window->sidebar);
  g_assert_cmpuint (shown (f), ==, N_FICHES);
  g_assert_cmpuint (n_chips (f), ==, 0);

  /* An overseas box. */
  click_item (page, RTES_NETWORK_CHART_MAP, "departement:974");
  g_assert_cmpuint (shown (f), ==, expected (in_reunion));
  rtes_sidebar_clear_filters (f->window->sidebar);

  /* A bar, then a tag: both filters hold, each a chip. */
  click_item (page, RTES_NETWORK_CHART_KINDS, "kind:metropole");
  g_assert_cmpuint (shown (f), ==, expected (metropole));
  click_item (page, RTES_NETWORK_CHART_TAGS, "tag:iae");
  g_assert_cmpuint (shown (f), ==, expected (metropole_with_iae));
  g_assert_cmpuint (n_chips (f), ==, 2);

  /* The first chip removes the kind filter with one click. */
  {
    GtkWidget *chips = gtk_widget_get_next_sibling (gtk_widget_get_first_child (GTK_WIDGET (f->window->sidebar)));
    GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (gtk_widget_get_first_child (chips)));

    g_signal_emit_by_name (button, "clicked");
  }
  g_assert_cmpuint (shown (f), ==, expected (has_iae));
  g_assert_cmpuint (n_chips (f), ==, 1);
  rtes_sidebar_clear_filters (f->window->sidebar);

  /* The keyboard's way: a row of the figures list. */
  {
    GtkListBox *figures = rtes_overview_page_get_figures (page, RTES_NETWORK_CHART_KINDS);
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (figures, 4);  /* Métropole */

    g_assert_true (gtk_list_box_row_get_activatable (row));
    g_signal_emit_by_name (figures, "row-activated", row);
    g_assert_cmpuint (shown (f), ==, expected (metropole));
  }

  /* Opening a fiche from the list leaves the overview. */
  {
    g_autoptr(RtesFiche) first = g_list_model_get_item (rtes_sidebar_get_model (f->window->sidebar), 0);

    g_signal_emit_by_name (f->window->sidebar, "fiche-activated", first);
    g_assert_false (rtes_window_get_overview_visible (f->window));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->content_stack), ==, "editor");
  }
}

static void scroll_to (RtesOverviewPage *page, GtkWidget *widget);

/* On a phone, a click shows the list it filtered. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  RtesOverviewPage *page;

  open_window (f, 360, 720);
  rtes_gui_test_wait_until (leaflet_folded, f->window->leaflet, 5000, "the narrow window folded");
  page = show_overview (f);
  g_assert_true (adw_leaflet_get_visible_child (f->window->leaflet) == f->window->content_pane);
  g_free (rtes_gui_test_screenshot (GTK_WIDGET (f->window), "overview-narrow-light"));
  scroll_to (page, rtes_overview_page_get_chart_view (page, RTES_NETWORK_CHART_MAP));
  g_free (rtes_gui_test_screenshot (GTK_WIDGET (f->window), "overview-narrow-map"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_free (rtes_gui_test_screenshot (GTK_WIDGET (f->window), "overview-narrow-dark"));

  click_item (page, RTES_NETWORK_CHART_KINDS, "kind:commune");
  g_assert_true (adw_leaflet_get_visible_child (f->window->leaflet) == f->window->sidebar_pane);
  g_free (rtes_gui_test_screenshot (GTK_WIDGET (f->window), "overview-narrow-filtered"));
}

static void
test_screenshots_wide (Fixture       *f,
                       gconstpointer  data)
{
  RtesOverviewPage *page;
  RtesChartView *map;

  open_window (f, 1280, 1000);
  page = show_overview (f);
  map = RTES_CHART_VIEW (rtes_overview_page_get_chart_view (page, RTES_NETWORK_CHART_MAP));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (map));
  /* The map in view, not the kinds above it. */
  scroll_to (page, GTK_WIDGET (map));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (map)), >, 300);
  g_free (rtes_gui_test_screenshot (GTK_WIDGET (f->window), "overview-wide-light"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_free (rtes_gui_test_screenshot (GTK_WIDGET (f->window), "overview-wide-dark"));
}

static void
scroll_to (RtesOverviewPage *page,
           GtkWidget        *widget)
{
  GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (rtes_gui_test_find_widget (GTK_WIDGET (page), GTK_TYPE_SCROLLED_WINDOW,
                                                                               NULL, NULL));
  GtkWidget *content = gtk_scrolled_window_get_child (scrolled);
  graphene_point_t top;

  /* The viewport scrolls its child: measure in the child. */
  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  gtk_test_widget_wait_for_draw (widget);
  rtes_gui_test_run_for (100);
  g_assert_true (gtk_widget_compute_point (widget, content, &GRAPHENE_POINT_INIT (0, 0), &top));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled), top.y - 60);
}

/* The real capture of the site's export (../shared), imported, as staff
 * would see it: narrow and wide, the map and the budgets, and a fiche's
 * suggested tags. Skips without ../shared. */
/* The identity page's levers (chips, suggestions) as drawn: a hidden
 * flow box (no chips yet) would never be drawn. */
static gboolean
shown_on_identity_page (GtkWidget *widget,
                        gpointer   data)
{
  return gtk_widget_is_visible (widget) &&
         gtk_widget_get_ancestor (widget, g_type_from_name ("RtesIdentityPage")) != NULL;
}

static void
test_shared_sample (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *export = rtes_test_shared_export ("bourgogne-franche-comte.txt");
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  RtesOverviewPage *page;
  RtesChart *map;
  guint with_members = 0;

  if (export == NULL)
    return;
  f->library_dir = g_build_filename (f->dir, "bfc", NULL);
  library = rtes_library_open (f->library_dir, &error);
  g_assert_no_error (error);
  import_test_import (library, export);

  open_window (f, 1280, 1000);
  page = show_overview (f);
  map = rtes_chart_view_get_chart (RTES_CHART_VIEW (rtes_overview_page_get_chart_view (page, RTES_NETWORK_CHART_MAP)));
  /* Six fiches of Bourgogne-Franche-Comté, all placed on the map there. */
  for (guint i = 0; i < rtes_chart_get_n_items (map); i++)
    if (rtes_chart_get_item_value (map, i) > 0)
      {
        const RtesDepartement *d = rtes_departement_lookup (rtes_chart_get_item_id (map, i) + strlen ("departement:"));

        g_assert_cmpstr (d->region, ==, "Bourgogne-Franche-Comté");
        with_members += rtes_chart_get_item_value (map, i);
      }
  g_assert_cmpuint (with_members, ==, 6);
  g_free (rtes_gui_test_screenshot (GTK_WIDGET (f->window), "overview-sample-top"));
  scroll_to (page, rtes_overview_page_get_chart_view (page, RTES_NETWORK_CHART_MAP));
  g_free (rtes_gui_test_screenshot (GTK_WIDGET (f->window), "overview-sample-map"));
  scroll_to (page, rtes_overview_page_get_chart_view (page, RTES_NETWORK_CHART_BUDGET_YEARS));
  g_free (rtes_gui_test_screenshot (GTK_WIDGET (f->window), "overview-sample-budgets"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_free (rtes_gui_test_screenshot (GTK_WIDGET (f->window), "overview-sample-budgets-dark"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* A fiche whose text names levers it is not tagged with. */
  {
    RtesFiche *fiche = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rtes_window_get_library (f->window))); i++)
      {
        g_autoptr(RtesFiche) candidate = g_list_model_get_item (G_LIST_MODEL (rtes_window_get_library (f->window)), i);
        g_auto(GStrv) suggested = rtes_tag_suggest (candidate);

        if (suggested[0] != NULL && fiche == NULL)
          fiche = candidate;
      }
    g_assert_nonnull (fiche);
    rtes_window_show_fiche (f->window, fiche);
    g_assert_false (rtes_window_get_overview_visible (f->window));
    {
      GtkWidget *label = rtes_gui_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_FLOW_BOX,
                                                    shown_on_identity_page, NULL);
      GtkWidget *suggestions = NULL;

      /* The editor's identity page: scroll its suggestions into view. */
      for (GtkWidget *w = label; w != NULL; w = gtk_widget_get_parent (w))
        if (GTK_IS_SCROLLED_WINDOW (w))
          {
            graphene_point_t top;

            suggestions = w;
            gtk_test_widget_wait_for_draw (label);
            if (gtk_widget_compute_point (label, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (w)),
                                          &GRAPHENE_POINT_INIT (0, 0), &top))
              gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (w)), top.y - 400);
            break;
          }
      g_assert_nonnull (suggestions);
    }
    g_free (rtes_gui_test_screenshot (GTK_WIDGET (f->window), "identity-tag-suggestions"));
  }
}

int
main (int   argc,
      char *argv[])
{
  rtes_gui_test_init (&argc, &argv);

  g_test_add ("/gui/overview/click-filters", Fixture, NULL, fixture_setup, test_click_filters, fixture_teardown);
  g_test_add ("/gui/overview/narrow", Fixture, NULL, fixture_setup, test_narrow, fixture_teardown);
  g_test_add ("/gui/overview/screenshots-wide", Fixture, NULL, fixture_setup, test_screenshots_wide, fixture_teardown);
  g_test_add ("/gui/overview/shared-sample", Fixture, NULL, fixture_setup, test_shared_sample, fixture_teardown);
  return g_test_run ();
}
