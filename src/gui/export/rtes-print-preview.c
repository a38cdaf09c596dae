/* rtes-print-preview.c: the pages of a document, one at a time, in a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rtes-print-preview.h"

struct _RtesPrintPreview
{
  AdwWindow parent_instance;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  GtkDrawingArea  *page_area;

  /* Owned */
  RtesPdfDocument *document;

  /* State */
  guint            page;
};

enum {
  PRINT_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RtesPrintPreview, rtes_print_preview, ADW_TYPE_WINDOW)

/* Fits the page in the area, on a grey desk with a thin shadow. */
static void
draw_page (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  RtesPrintPreview *self = user_data;
  double page_width, page_height, scale, x, y;

  rtes_pdf_document_get_page_size (self->document, &page_width, &page_height);
  if (page_width <= 0 || rtes_pdf_document_get_n_pages (self->document) == 0)
    return;

  scale = MIN ((width - 4) / page_width, (height - 4) / page_height);
  x = (width - page_width * scale) / 2;
  y = (height - page_height * scale) / 2;

  cairo_set_source_rgba (cr, 0, 0, 0, 0.18);
  cairo_rectangle (cr, x + 1, y + 2, page_width * scale, page_height * scale);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, page_width * scale, page_height * scale);
  cairo_fill (cr);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  cairo_rectangle (cr, 0, 0, page_width, page_height);
  cairo_clip (cr);
  {
    /* The page is laid out for paper, without hinting (as in the PDF);
     * the screen's hinting would snap each glyph of the scaled-down page
     * to its own pixel grid and space the letters unevenly. */
    cairo_font_options_t *options = cairo_font_options_create ();

    cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
    cairo_set_font_options (cr, options);
    cairo_font_options_destroy (options);
  }
  rtes_pdf_document_draw_page (self->document, cr, self->page);
  cairo_restore (cr);
}

static void
update_state (RtesPrintPreview *self)
{
  guint n_pages = rtes_pdf_document_get_n_pages (self->document);
  g_autofree char *subtitle = g_strdup_printf (_("Page %u of %u"), self->page + 1, n_pages);

  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.previous", self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.next", self->page + 1 < n_pages);
  gtk_widget_queue_draw (GTK_WIDGET (self->page_area));
}

guint
rtes_print_preview_get_page (RtesPrintPreview *self)
{
  g_return_val_if_fail (RTES_IS_PRINT_PREVIEW (self), 0);
  return self->page;
}

void
rtes_print_preview_set_page (RtesPrintPreview *self,
                             guint             page)
{
  guint n_pages;

  g_return_if_fail (RTES_IS_PRINT_PREVIEW (self));

  n_pages = rtes_pdf_document_get_n_pages (self->document);
  page = n_pages > 0 ? MIN (page, n_pages - 1) : 0;
  if (page == self->page)
    return;

  self->page = page;
  update_state (self);
}

static void
previous_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RtesPrintPreview *self = RTES_PRINT_PREVIEW (widget);

  if (self->page > 0)
    rtes_print_preview_set_page (self, self->page - 1);
}

static void
next_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RtesPrintPreview *self = RTES_PRINT_PREVIEW (widget);

  rtes_print_preview_set_page (self, self->page + 1);
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_signal_emit (widget, signals[PRINT_REQUESTED], 0);
}

static void
rtes_print_preview_dispose (GObject *object)
{
  RtesPrintPreview *self = RTES_PRINT_PREVIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RTES_TYPE_PRINT_PREVIEW);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (rtes_print_preview_parent_class)->dispose (object);
}

static void
rtes_print_preview_class_init (RtesPrintPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rtes_print_preview_dispose;

  /**
   * RtesPrintPreview::print-requested:
   *
   * The user clicked Print: whoever opened the preview runs the print
   * dialog (RtesPrintOperation does, and closes the preview).
   */
  signals[PRINT_REQUESTED] =
    g_signal_new ("print-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/rtes/Fiches/export/rtes-print-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, RtesPrintPreview, window_title);
  gtk_widget_class_bind_template_child (widget_class, RtesPrintPreview, page_area);

  gtk_widget_class_install_action (widget_class, "preview.previous", NULL, previous_activated);
  gtk_widget_class_install_action (widget_class, "preview.next", NULL, next_activated);
  gtk_widget_class_install_action (widget_class, "preview.print", NULL, print_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "preview.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "preview.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "preview.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "preview.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "preview.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rtes_print_preview_init (RtesPrintPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rtes_print_preview_new (RtesPdfDocument *document)
{
  RtesPrintPreview *self;

  g_return_val_if_fail (RTES_IS_PDF_DOCUMENT (document), NULL);

  self = g_object_new (RTES_TYPE_PRINT_PREVIEW, NULL);
  self->document = g_object_ref (document);
  gtk_drawing_area_set_draw_func (self->page_area, draw_page, self, NULL);
  update_state (self);
  return GTK_WIDGET (self);
}
