/* test-charts.c: the map and charts, their SVG files, and stats --json
 *
 * The map test gives every département a value of its own, draws the map
 * on an image and reads the pixel at each département's label point: it
 * must have that value's shade. So a département the code forgot, drew
 * twice or drew in another's place fails by name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <unistd.h>

#include "export-check.h"
#include "export-fixtures.h"
#include "rtes-html-export.h"
#include "rtes-pdf-document.h"
#include "rtes-chart.h"
#include "rtes-export.h"
#include "rtes-departement.h"
#include "rtes-france-map.h"
#include "rtes-library.h"
#include "rtes-network-charts.h"
#include "rtes-stats.h"
#include "rtes-test-util.h"
#include "rtes-vocabulary.h"

static guint32
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 *row = (guint32 *) (gpointer) (data + stride * (int) floor (y));

  return row[(int) floor (x)] & 0xffffff;
}

/* Distinct values 1..101 in a scrambled order, so that neighbours differ. */
static double
value_of (guint index)
{
  return 1 + (index * 37) % 101;
}

static void
test_map_every_departement (void)
{
  g_autoptr(RtesChart) chart = rtes_chart_new_map ("Carte");
  const RtesChartPalette *palette = rtes_chart_palette_light ();
  const RtesFranceMap *map = rtes_france_map_get_default ();
  double width = 800, height;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint drawn;

  g_assert_cmpuint (rtes_france_map_get_n_shapes (map), ==, 96);
  for (guint i = 0; i < rtes_chart_get_n_items (chart); i++)
    {
      const RtesDepartement *d = &rtes_departements ()[i];
      g_autofree char *id = g_strdup_printf ("departement:%s", d->code);

      rtes_chart_set_area (chart, d->code, id, value_of (i), "", d->name);
    }

  height = rtes_chart_get_height_for_width (chart, width);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) ceil (height));
  cr = cairo_create (surface);
  /* No antialiasing: a label point near a border reads the fill itself. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  drawn = rtes_chart_draw (chart, cr, width, height, palette, -1);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* 96 shapes and the five overseas boxes. */
  g_assert_cmpuint (drawn, ==, 101);
  g_assert_cmpuint (rtes_chart_get_n_items (chart), ==, rtes_departements_count ());

  for (guint i = 0; i < rtes_chart_get_n_items (chart); i++)
    {
      double x, y;
      guint32 expected, found;
      double t = (value_of (i) - 1) / 100.0;

      g_test_message ("département %s", rtes_departements ()[i].code);
      g_assert_true (rtes_chart_get_item_point (chart, i, &x, &y));
      /* The shade of value v runs from map_low (v = 1) to map_high (101). */
      expected = 0;
      for (int shift = 0; shift <= 16; shift += 8)
        {
          double a = (palette->map_low >> shift) & 0xff, b = (palette->map_high >> shift) & 0xff;

          expected |= ((guint32) lround (a + (b - a) * t) & 0xff) << shift;
        }
      found = pixel_at (surface, x, y);
      g_assert_cmphex (found, ==, expected);
      /* And a click there finds this département. */
      g_assert_cmpint (rtes_chart_hit (chart, x, y), ==, (int) i);
    }
  cairo_surface_destroy (surface);
}

static void
test_map_file_strict (void)
{
  struct {
    const char *text;
    const char *message;
  } cases[] = {
    { "size\t10 10\ndep\t25\t1 1\tM0 0 5 0 5 5 Z\n", NULL },
    { "size\t10 10\ndep\t99\t1 1\tM0 0 5 0 5 5 Z\n", "t.map:2:5: unknown département code" },
    { "size\t10 10\ndep\t25\t1 1\tM0 0 5 0 5 5 Z\ndep\t25\t1 1\tM0 0 5 0 Z\n", "t.map:3:5: this département is already on the map" },
    { "size\t10 10\ndep\t25\t1 1\tM0 0 C5 0 5 5 Z\n", "t.map:2:17: “M”, “Z” or a number was expected" },
    { "size\t10 10\ndep\t25\t1 1\tM0 0 Z\n", "t.map:2:18: a part of a path needs two points" },
    { "size\t10 10\ndep\t25\t1 1\tM0 0 5 1e9 Z\n", "t.map:2:19: a number was expected" },
    { "size\t10 10\nroad\t1\n", "t.map:2:1: “size”, “dep” or “region” was expected" },
    { "# nothing\n", "t.map: no “size” line or no département" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RtesFranceMap) map = rtes_france_map_parse (cases[i].text, strlen (cases[i].text), "t.map", &error);

      if (cases[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (rtes_france_map_get_n_shapes (map), ==, 1);
        }
      else
        {
          g_assert_null (map);
          g_assert_cmpstr (error->message, ==, cases[i].message);
        }
    }
}

/* A library of @n fiches: kind i % 3 of the first three, département by
 * position in the table, every fifth one tagged "iae". */
static GPtrArray *
small_library (guint n)
{
  GPtrArray *fiches = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("f%u", i);
      const RtesDepartement *d = &rtes_departements ()[i % 101];
      g_autofree char *postcode = strlen (d->code) == 3 ? g_strdup_printf ("%s10", d->code)
                                  : g_str_equal (d->code, "2A") ? g_strdup ("20000")
                                  : g_str_equal (d->code, "2B") ? g_strdup ("20200")
                                  : g_strdup_printf ("%s000", d->code);
      RtesFiche *fiche = rtes_fiche_new (id, id);

      rtes_fiche_set_kind (fiche, rtes_kinds ()[i % 3].id);
      rtes_fiche_set_postcode (fiche, postcode);
      if (i % 5 == 0)
        rtes_fiche_set_tags (fiche, (const char *[]) { "iae", NULL });
      g_ptr_array_add (fiches, fiche);
    }
  return fiches;
}

typedef struct {
  int depth_in_defs;
  guint fills;
  guint elements;
} SvgCount;

static void
svg_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  SvgCount *count = user_data;

  count->elements++;
  if (g_str_equal (element, "defs") || count->depth_in_defs > 0)
    {
      count->depth_in_defs++;
      return;
    }
  if (!g_str_equal (element, "path"))
    return;
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], "style") && strstr (values[i], "fill:rgb(") != NULL)
      count->fills++;
}

static void
svg_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              user_data,
         GError              **error)
{
  SvgCount *count = user_data;

  if (count->depth_in_defs > 0)
    count->depth_in_defs--;
}

/* The filled paths outside <defs> (glyphs live there) of an SVG file,
 * which must parse as XML. */
static guint
count_svg_fills (const char *path)
{
  static const GMarkupParser parser = { svg_start, svg_end, NULL, NULL, NULL };
  g_autofree char *text = rtes_test_read_file (path, NULL);
  SvgCount count = { 0 };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, &count, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_prefix (text, "<?xml"));
  g_markup_parse_context_parse (context, text, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count.elements, >, 0);
  return count.fills;
}

static void
test_svg_files (void)
{
  g_autoptr(GPtrArray) fiches = small_library (30);
  g_autoptr(RtesStats) stats = rtes_stats_new_for_array (fiches, NULL);
  g_autofree char *dir = rtes_test_make_tmpdir ("rtes-charts-svg");
  g_autoptr(GError) error = NULL;

  g_assert_true (rtes_network_charts_write_svg (stats, dir, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < RTES_NETWORK_N_CHARTS; i++)
    {
      g_autofree char *file = g_strconcat (rtes_network_chart_name (i), ".svg", NULL);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      guint fills = count_svg_fills (path);

      if (i == RTES_NETWORK_CHART_MAP)
        /* One shape per département: 96 outlines and 5 overseas boxes. */
        g_assert_cmpuint (fills, ==, 101);
      else if (i == RTES_NETWORK_CHART_KINDS)
        /* One bar per kind that has members: the first three. */
        g_assert_cmpuint (fills, ==, 3);
      else if (i == RTES_NETWORK_CHART_TAGS)
        g_assert_cmpuint (fills, ==, 1);
    }
  rtes_test_remove_tree (dir);
}

static void
test_svg_refuses_symlink (void)
{
  g_autoptr(GPtrArray) fiches = small_library (3);
  g_autoptr(RtesStats) stats = rtes_stats_new_for_array (fiches, NULL);
  g_autofree char *dir = rtes_test_make_tmpdir ("rtes-charts-link");
  g_autofree char *outside = rtes_test_write_file (dir, "outside.txt", "keep me");
  g_autofree char *link = g_build_filename (dir, "kinds.svg", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (symlink (outside, link), ==, 0);
  g_assert_false (rtes_network_charts_write_svg (stats, dir, &error));
  g_assert_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_TARGET);
  after = rtes_test_read_file (outside, NULL);
  g_assert_cmpstr (after, ==, "keep me");
  rtes_test_remove_tree (dir);
}

static void
test_bars_hit_and_descriptions (void)
{
  g_autoptr(GPtrArray) fiches = small_library (7);
  g_autoptr(RtesStats) stats = rtes_stats_new_for_array (fiches, NULL);
  g_autoptr(RtesChart) chart = rtes_network_chart_new (stats, RTES_NETWORK_CHART_KINDS,
                                                       RTES_NETWORK_WORDING_EXPORT);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 400);
  cairo_t *cr = cairo_create (surface);
  double x, y;

  /* 7 fiches of kinds 0, 1, 2, 0, 1, 2, 0. */
  g_assert_cmpstr (rtes_chart_get_item_description (chart, 0), ==, "Commune\u00a0: 3 membres");
  g_assert_cmpstr (rtes_chart_get_item_description (chart, 1), ==, "Communauté de communes\u00a0: 2 membres");
  g_assert_cmpstr (rtes_chart_get_item_id (chart, 4), ==, "kind:metropole");
  g_assert_cmpuint (rtes_chart_draw (chart, cr, 300, rtes_chart_get_height_for_width (chart, 300),
                                     rtes_chart_palette_dark (), 1), ==, 3);
  g_assert_true (rtes_chart_get_item_point (chart, 2, &x, &y));
  g_assert_cmpint (rtes_chart_hit (chart, x, y), ==, 2);
  g_assert_cmpint (rtes_chart_hit (chart, x, -5), ==, -1);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_format_euros (void)
{
  g_autofree char *a = rtes_chart_format_euros (6100000);
  g_autofree char *b = rtes_chart_format_euros (350000);
  g_autofree char *c = rtes_chart_format_euros (900);
  g_autofree char *d = rtes_chart_format_euros (12000000);

  g_assert_cmpstr (a, ==, "6,1\u202fM€");
  g_assert_cmpstr (b, ==, "350\u202fk€");
  g_assert_cmpstr (c, ==, "900\u202f€");
  g_assert_cmpstr (d, ==, "12\u202fM€");
}

/* The CLI: stats --json parses back and agrees with the library;
 * stats --svg writes every chart. */
static void
test_cli_stats (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("rtes-charts-cli");
  g_autofree char *library = g_build_filename (dir, "library", NULL);
  g_autofree char *svg = g_build_filename (dir, "svg", NULL);
  g_autoptr(GPtrArray) fiches = small_library (12);
  g_auto(RtesTestRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *kinds, *departements;

  g_mkdir_with_parents (library, 0755);
  for (guint i = 0; i < fiches->len; i++)
    {
      g_autoptr(RtesLibrary) lib = rtes_library_open (library, &error);

      g_assert_no_error (error);
      g_assert_true (rtes_library_save (lib, fiches->pdata[i], &error));
      g_assert_no_error (error);
    }

  rtes_test_run_cli_expect (&run, 0, library, "stats", "--json", "--svg", svg, NULL);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "fiches"), ==, 12);
  kinds = json_object_get_array_member (root, "by_kind");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (kinds, 0), "label"), ==, "Commune");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (kinds, 0), "count"), ==, 4);
  departements = json_object_get_array_member (root, "by_departement");
  g_assert_cmpuint (json_array_get_length (departements), ==, 101);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (departements, 11), "count"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (departements, 12), "count"), ==, 0);
  for (guint i = 0; i < RTES_NETWORK_N_CHARTS; i++)
    {
      g_autofree char *file = g_strconcat (rtes_network_chart_name (i), ".svg", NULL);
      g_autofree char *path = g_build_filename (svg, file, NULL);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
  rtes_test_remove_tree (dir);
}

static char *
pdf_page_text (const char *path,
               guint       page)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *number = g_strdup_printf ("%u", page);
  const char *argv[] = { pdftotext, "-enc", "UTF-8", "-f", number, "-l", number, path, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (pdftotext == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* The booklet's third page, after the cover and the contents, is the
 * network's figures: read back from the PDF. */
static void
test_booklet_network_page (void)
{
  g_autoptr(GPtrArray) fiches = export_fixtures_load ();
  g_autoptr(RtesPdfDocument) doc = rtes_pdf_document_new (fiches, RTES_PDF_DOCUMENT_BOOKLET);
  g_autofree char *dir = rtes_test_make_tmpdir ("rtes-charts-pdf");
  g_autofree char *path = g_build_filename (dir, "livret.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *first_fiche = NULL;

  g_assert_true (rtes_pdf_document_write (doc, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  text = pdf_page_text (path, 3);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed (poppler-utils)");
      return;
    }
  g_assert_nonnull (strstr (text, "Le réseau en chiffres"));
  expected = g_strdup_printf ("%u collectivités adhérentes", fiches->len);
  g_assert_nonnull (strstr (text, expected));
  g_assert_nonnull (strstr (text, "Membres par département"));
  g_assert_nonnull (strstr (text, "Membres par type de collectivité"));
  g_assert_nonnull (strstr (text, "La Réunion"));
  g_assert_nonnull (strstr (text, "Fiches par levier"));
  /* The first fiche now starts on page 4. */
  g_assert_cmpint (rtes_pdf_document_get_fiche_page (doc, 0), ==, 3);
  first_fiche = pdf_page_text (path, 4);
  g_assert_nonnull (strstr (first_fiche, rtes_fiche_get_name (fiches->pdata[0])));
  rtes_test_remove_tree (dir);
}

/* Tags are shown in exports under their French labels. */
static void
test_tags_in_exports (void)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("tagged", "Commune étiquetée");
  g_autoptr(GPtrArray) fiches = g_ptr_array_new ();
  g_autoptr(RtesPdfDocument) doc = NULL;
  g_autofree char *html = NULL;
  g_autofree char *dir = rtes_test_make_tmpdir ("rtes-charts-tags");
  g_autofree char *path = g_build_filename (dir, "fiche.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  rtes_fiche_set_tags (fiche, (const char *[]) { "tiers-lieux", "iae", "pas-dans-le-vocabulaire", NULL });
  html = rtes_html_render_fiche (fiche, NULL, NULL);
  g_assert_nonnull (strstr (html, "Leviers de l’ESS"));
  g_assert_nonnull (strstr (html, "Insertion par l’activité économique (IAE)"));
  g_assert_nonnull (strstr (html, "Tiers-lieux"));
  g_assert_null (strstr (html, "pas-dans-le-vocabulaire"));

  g_ptr_array_add (fiches, fiche);
  doc = rtes_pdf_document_new (fiches, RTES_PDF_DOCUMENT_DEFAULT);
  g_assert_true (rtes_pdf_document_write (doc, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  text = pdf_page_text (path, 1);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed (poppler-utils)");
      return;
    }
  g_assert_nonnull (strstr (text, "Leviers de l’ESS"));
  g_assert_nonnull (strstr (text, "Tiers-lieux"));
  rtes_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/charts/map/every-departement", test_map_every_departement);
  g_test_add_func ("/charts/map/file-strict", test_map_file_strict);
  g_test_add_func ("/charts/bars/hit-and-descriptions", test_bars_hit_and_descriptions);
  g_test_add_func ("/charts/svg/shapes", test_svg_files);
  g_test_add_func ("/charts/svg/refuses-symlink", test_svg_refuses_symlink);
  g_test_add_func ("/charts/format-euros", test_format_euros);
  g_test_add_func ("/charts/cli/stats", test_cli_stats);
  g_test_add_func ("/charts/booklet/network-page", test_booklet_network_page);
  g_test_add_func ("/charts/exports/tags", test_tags_in_exports);
  return g_test_run ();
}
