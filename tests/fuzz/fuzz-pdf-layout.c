/* fuzz-pdf-layout.c: libFuzzer target for the PDF layout of hostile text
 *
 * The input becomes the name (its first line), a contact, a budget line
 * and the text sections of a fiche, which a booklet then lays out on A4
 * and draws page by page on a recording surface (no file is written). No
 * PangoLayout may ever get more than the document's bound of text: that
 * bound is what keeps layout time linear in the input.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "fuzz-common.h"

#include "rtes-pdf-document-private.h"

static RtesFiche *
fiche_from_text (const char *text)
{
  g_autofree char *name = g_strndup (text, strcspn (text, "\n"));
  RtesFiche *fiche = rtes_fiche_new ("fuzz", name);
  g_autoptr(RtesContact) contact = rtes_contact_new ();
  g_autoptr(RtesBudgetLine) line = rtes_budget_line_new ();

  rtes_fiche_set_panorama (fiche, text);
  rtes_fiche_set_actions (fiche, name);
  rtes_contact_set_name (contact, name);
  rtes_contact_set_email (contact, name);
  g_list_store_append (rtes_fiche_get_contacts (fiche), contact);
  rtes_budget_line_set_label (line, text);
  g_list_store_append (rtes_fiche_get_budget_lines (fiche), line);
  return fiche;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_strndup (data, size);
  g_autoptr(GPtrArray) fiches = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RtesPdfDocument) document = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint i;

  g_ptr_array_add (fiches, fiche_from_text (text));
  document = rtes_pdf_document_new (fiches, RTES_PDF_DOCUMENT_BOOKLET);
  rtes_pdf_document_set_title (document, text);
  rtes_pdf_document_layout (document, RTES_PDF_A4_WIDTH, RTES_PDF_A4_HEIGHT, NULL, NULL);

  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  for (i = 0; i < rtes_pdf_document_get_n_pages (document); i++)
    rtes_pdf_document_draw_page (document, cr, i);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  if (rtes_pdf_document_get_largest_layout (document) > RTES_PDF_MAX_LAYOUT_BYTES)
    {
      fprintf (stderr, "a layout got %zu bytes of text\n",
               (size_t) rtes_pdf_document_get_largest_layout (document));
      abort ();
    }
  return 0;
}
