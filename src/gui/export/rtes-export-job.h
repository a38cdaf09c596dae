/* rtes-export-job.h: exporting fiches off the main thread, for the window
 *
 * An RtesExportJob exports a selection of fiches to a PDF file or a folder
 * of HTML pages in a worker thread, so the window stays responsive, and
 * reports progress through two properties that change in the main context
 * (bind them to a progress bar and a label):
 *
 *   job = rtes_export_job_new (fiches, RTES_EXPORT_FORMAT_PDF, file);
 *   g_object_bind_property (job, "fraction", progress_bar, "fraction", 0);
 *   rtes_export_job_run_async (job, cancellable, export_done_cb, self);
 *   …
 *   if (rtes_export_job_run_finish (job, result, &error))
 *     show a toast whose button opens rtes_export_job_get_result (job)
 *     (with gtk_file_launcher or gtk_show_uri on its URI);
 *   else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
 *     show error->message (it names the file and the problem).
 *
 * The job copies the fiches when it is created, so the user may go on
 * editing while it runs; the target is written atomically (a cancelled or
 * failed export leaves it as it was). Errors are RTES_EXPORT_ERROR or
 * G_IO_ERROR_CANCELLED.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  RTES_EXPORT_FORMAT_PDF,   /* one file; a booklet when there are several fiches */
  RTES_EXPORT_FORMAT_HTML,  /* a folder: index.html and one page per fiche */
} RtesExportFormat;

#define RTES_TYPE_EXPORT_JOB (rtes_export_job_get_type ())
G_DECLARE_FINAL_TYPE (RtesExportJob, rtes_export_job, RTES, EXPORT_JOB, GObject)

/* @fiches: RtesFiche*, in any order (the job sorts its copies for export;
 * fiches whose file did not load are left out).
 * @target: the PDF file, or the folder for HTML. */
RtesExportJob *rtes_export_job_new          (GPtrArray        *fiches,
                                             RtesExportFormat  format,
                                             GFile            *target);

/* Copies of @fiches for a worker thread: those whose file loaded, sorted
 * with rtes_export_sort(). The print operation's too. */
GPtrArray     *rtes_export_job_copy_fiches  (GPtrArray        *fiches);

/* Title of the PDF booklet's cover and metadata (default: "Fiches
 * adhérents du RTES"). */
void           rtes_export_job_set_title    (RtesExportJob    *self,
                                             const char       *title);

RtesExportFormat rtes_export_job_get_format (RtesExportJob    *self);
GFile         *rtes_export_job_get_target   (RtesExportJob    *self);
guint          rtes_export_job_get_n_fiches (RtesExportJob    *self);

/* "fraction" (0.0 to 1.0) and "message" ("Rendering 3 of 6: Dijon
 * Métropole"), updated in the main context while the job runs. */
double         rtes_export_job_get_fraction (RtesExportJob    *self);
const char    *rtes_export_job_get_message  (RtesExportJob    *self);

/* What to open once the job succeeded: the PDF file, or the folder's
 * index.html. */
GFile         *rtes_export_job_get_result   (RtesExportJob    *self);

/* Runs once; @callback runs in the thread-default main context of the
 * caller. */
void           rtes_export_job_run_async    (RtesExportJob        *self,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean       rtes_export_job_run_finish   (RtesExportJob        *self,
                                             GAsyncResult         *result,
                                             GError              **error);

/* A file or folder name to propose in a file chooser: the fiche's id for
 * one fiche, the région for fiches of one région, else "fiches-rtes";
 * with ".pdf" for PDF. */
char          *rtes_export_suggest_name     (GPtrArray        *fiches,
                                             RtesExportFormat  format);

G_END_DECLS
