/* rtes-print-operation.c: printing fiches with the PDF export's drawing
 *
 * The operation works in points on the whole sheet (use-full-page): the
 * document draws its own margins, header and footer, exactly as in the
 * PDF, so what the preview shows is what the export writes.
 *
 * The preview is our own window (RtesPrintPreview) rather than GTK's
 * default, which launches an outside viewer that a sandbox may lack.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-export-job.h"
#include "rtes-fiche-text.h"
#include "rtes-print-operation.h"
#include "rtes-print-preview.h"

struct _RtesPrintOperation
{
  GtkPrintOperation parent_instance;

  /* Owned */
  GPtrArray       *fiches;     /* copies, sorted for export */
  RtesPdfDocument *document;

  /* While previewing */
  GtkPrintOperationPreview *preview;
  GtkWindow                *preview_parent;  /* weak */
  GtkWidget                *preview_window;  /* weak */
};

G_DEFINE_FINAL_TYPE (RtesPrintOperation, rtes_print_operation, GTK_TYPE_PRINT_OPERATION)

static void
rtes_print_operation_begin_print (GtkPrintOperation *operation,
                                  GtkPrintContext   *context)
{
  RtesPrintOperation *self = RTES_PRINT_OPERATION (operation);

  /* The paper the user chose, in points since the unit is points. */
  rtes_pdf_document_layout (self->document,
                            gtk_print_context_get_width (context),
                            gtk_print_context_get_height (context),
                            NULL, NULL);
  /* Nothing printable (every fiche failed to load): GTK wants at least
   * one page, so the operation stops here instead. */
  if (rtes_pdf_document_get_n_pages (self->document) == 0)
    {
      gtk_print_operation_cancel (operation);
      return;
    }
  gtk_print_operation_set_n_pages (operation, rtes_pdf_document_get_n_pages (self->document));
}

static void
rtes_print_operation_draw_page (GtkPrintOperation *operation,
                                GtkPrintContext   *context,
                                int                page_nr)
{
  RtesPrintOperation *self = RTES_PRINT_OPERATION (operation);

  rtes_pdf_document_draw_page (self->document,
                               gtk_print_context_get_cairo_context (context),
                               page_nr);
}

static void
preview_window_destroyed (GtkWidget          *window,
                          RtesPrintOperation *self)
{
  self->preview_window = NULL;
  /* Ends the operation: GTK emits ::end-print and ::done. */
  if (self->preview != NULL)
    gtk_print_operation_preview_end_preview (self->preview);
  g_clear_object (&self->preview);
  g_object_unref (self);
}

/* Print from the preview: a new operation with the same fiches and
 * settings shows the print dialog, and the preview closes. */
static void
preview_print_requested (RtesPrintPreview   *preview,
                         RtesPrintOperation *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);
  g_autoptr(RtesPrintOperation) again = rtes_print_operation_new (self->fiches);
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = self->preview_parent;

  if (settings != NULL)
    gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (again), settings);
  gtk_window_destroy (GTK_WINDOW (preview));
  gtk_print_operation_run (GTK_PRINT_OPERATION (again), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           parent, &error);
  if (error != NULL)
    g_warning ("Could not print: %s", error->message);
}

/* GTK has run ::begin-print by now, so the document is laid out for the
 * chosen paper. */
static void
preview_ready (GtkPrintOperationPreview *preview,
               GtkPrintContext          *context,
               RtesPrintOperation       *self)
{
  if (self->preview_window != NULL)
    return;

  self->preview_window = rtes_print_preview_new (self->document);
  if (self->preview_parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self->preview_window), self->preview_parent);
  /* The window keeps the operation alive until it is closed. */
  g_signal_connect (self->preview_window, "destroy",
                    G_CALLBACK (preview_window_destroyed), g_object_ref (self));
  g_signal_connect_object (self->preview_window, "print-requested",
                           G_CALLBACK (preview_print_requested), self, 0);
  gtk_window_present (GTK_WINDOW (self->preview_window));
}

static gboolean
rtes_print_operation_preview (GtkPrintOperation        *operation,
                              GtkPrintOperationPreview *preview,
                              GtkPrintContext          *context,
                              GtkWindow                *parent)
{
  RtesPrintOperation *self = RTES_PRINT_OPERATION (operation);
  cairo_surface_t *surface;
  cairo_t *cr;

  /* GTK paginates the preview with the print context, which must have a
   * cairo context; our window draws on its own, so a small image will do.
   * At 72 dpi one unit stays one point. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  gtk_print_context_set_cairo_context (context, cr, 72, 72);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_set_object (&self->preview, preview);
  g_set_weak_pointer (&self->preview_parent, parent);
  g_signal_connect_object (preview, "ready", G_CALLBACK (preview_ready), self, 0);
  return TRUE;
}

GtkWidget *
rtes_print_operation_get_preview_window (RtesPrintOperation *self)
{
  g_return_val_if_fail (RTES_IS_PRINT_OPERATION (self), NULL);
  return self->preview_window;
}

static void
rtes_print_operation_finalize (GObject *object)
{
  RtesPrintOperation *self = RTES_PRINT_OPERATION (object);

  g_clear_object (&self->document);
  g_clear_object (&self->preview);
  g_clear_weak_pointer (&self->preview_parent);
  g_clear_pointer (&self->fiches, g_ptr_array_unref);

  G_OBJECT_CLASS (rtes_print_operation_parent_class)->finalize (object);
}

static void
rtes_print_operation_class_init (RtesPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = rtes_print_operation_finalize;
  operation_class->begin_print = rtes_print_operation_begin_print;
  operation_class->draw_page = rtes_print_operation_draw_page;
  operation_class->preview = rtes_print_operation_preview;
}

static void
rtes_print_operation_init (RtesPrintOperation *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  GtkPaperSize *a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_paper_size_free (a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);

  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_show_progress (operation, TRUE);
  /* The preview is a window of its own: run() must return while it is
   * open instead of spinning a nested main loop. */
  gtk_print_operation_set_allow_async (operation, TRUE);
}

RtesPrintOperation *
rtes_print_operation_new (GPtrArray *fiches)
{
  RtesPrintOperation *self;

  g_return_val_if_fail (fiches != NULL, NULL);

  self = g_object_new (RTES_TYPE_PRINT_OPERATION, NULL);
  self->fiches = rtes_export_job_copy_fiches (fiches);

  self->document = rtes_pdf_document_new (self->fiches,
                                          self->fiches->len > 1 ? RTES_PDF_DOCUMENT_BOOKLET
                                                                : RTES_PDF_DOCUMENT_DEFAULT);

  if (self->fiches->len == 1)
    {
      g_autofree char *name = rtes_text_sanitize (rtes_fiche_get_name (g_ptr_array_index (self->fiches, 0)));
      gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), name);
    }
  else
    gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self),
                                      rtes_pdf_document_get_title (self->document));
  return self;
}

RtesPdfDocument *
rtes_print_operation_get_document (RtesPrintOperation *self)
{
  g_return_val_if_fail (RTES_IS_PRINT_OPERATION (self), NULL);
  return self->document;
}
