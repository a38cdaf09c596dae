/* bench-pdf.c: how long the PDF layout takes on huge text
 *
 * Not a test: run with "meson test -C _build --benchmark --suite export"
 * or directly, optionally with a size factor (default 1: a 1 MB word,
 * 200,000 lines, a 10 MB name). Each shape is laid out and drawn at the
 * full size and at a tenth of it: with layout work bounded, the ratio of
 * the two CPU times is about 10. CPU time rather than wall time, so that
 * a loaded machine measures the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include <cairo-pdf.h>

#include "rtes-pdf-document-private.h"
#include "rtes-test-util.h"

typedef enum {
  SHAPE_WORD,
  SHAPE_LINES,
  SHAPE_NAME,
} Shape;

static const char * const shape_names[] = { "one word", "one paragraph of lines", "one name" };

static RtesFiche *
make_fiche (Shape shape,
            gsize size)
{
  RtesFiche *fiche = rtes_fiche_new ("bench", "Commune de Banc-d’Essai");
  g_autoptr(GString) text = g_string_new (NULL);
  gsize i;

  switch (shape)
    {
    case SHAPE_WORD:
      for (i = 0; i < size; i++)
        g_string_append_c (text, 'a' + i % 26);
      rtes_fiche_set_panorama (fiche, text->str);
      break;
    case SHAPE_LINES:
      for (i = 0; i < size; i++)
        g_string_append_printf (text, "ligne %" G_GSIZE_FORMAT "\n", i);
      rtes_fiche_set_panorama (fiche, text->str);
      break;
    case SHAPE_NAME:
      for (i = 0; i < size; i++)
        g_string_append_c (text, 'N');
      rtes_fiche_set_name (fiche, text->str);
      break;
    default:
      g_assert_not_reached ();
    }
  return fiche;
}

static cairo_status_t
discard (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

/* CPU seconds to lay out and draw every page on a PDF surface whose
 * output is thrown away; sets @pages. */
static double
measure (Shape  shape,
         gsize  size,
         guint *pages)
{
  g_autoptr(GPtrArray) fiches = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RtesPdfDocument) doc = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  clock_t start = clock ();
  guint i;

  g_ptr_array_add (fiches, make_fiche (shape, size));
  doc = rtes_pdf_document_new (fiches, RTES_PDF_DOCUMENT_DEFAULT);
  rtes_pdf_document_layout (doc, RTES_PDF_A4_WIDTH, RTES_PDF_A4_HEIGHT, NULL, NULL);
  surface = cairo_pdf_surface_create_for_stream (discard, NULL, RTES_PDF_A4_WIDTH, RTES_PDF_A4_HEIGHT);
  cr = cairo_create (surface);
  for (i = 0; i < rtes_pdf_document_get_n_pages (doc); i++)
    {
      rtes_pdf_document_draw_page (doc, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (rtes_pdf_document_get_largest_layout (doc), <=, RTES_PDF_MAX_LAYOUT_BYTES);
  *pages = rtes_pdf_document_get_n_pages (doc);
  return (double) (clock () - start) / CLOCKS_PER_SEC;
}

int
main (int   argc,
      char *argv[])
{
  double factor = argc > 1 ? atof (argv[1]) : 1.0;
  const gsize sizes[] = { 1000000, 200000, 10000000 };
  int shape;

  for (shape = SHAPE_WORD; shape <= SHAPE_NAME; shape++)
    {
      gsize size = (gsize) (sizes[shape] * factor);
      guint small_pages, pages;
      double small = measure (shape, size / 10, &small_pages);
      double full = measure (shape, size, &pages);

      g_print ("%s: %" G_GSIZE_FORMAT " -> %.2f s (%u pages); a tenth -> %.2f s (%u pages); ratio %.1f\n",
               shape_names[shape], size, full, pages, small, small_pages,
               small > 0 ? full / small : 0.0);
    }
  return 0;
}
