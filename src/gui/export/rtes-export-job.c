/* rtes-export-job.c: exporting fiches off the main thread, for the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rtes-export-job.h"
#include "rtes-fiche-json.h"
#include "rtes-html-export.h"
#include "rtes-pdf-document.h"
#include "rtes-task.h"
#include "rtes-text.h"

struct _RtesExportJob
{
  GObject parent_instance;

  /* Set at creation, read by the worker thread. */
  GPtrArray        *fiches;     /* sorted copies: the user may edit meanwhile */
  RtesExportFormat  format;
  GFile            *target;
  char             *title;

  /* Main context only. */
  GMainContext     *context;
  double            fraction;
  char             *message;
  gboolean          started;
};

enum {
  PROP_0,
  PROP_FRACTION,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RtesExportJob, rtes_export_job, G_TYPE_OBJECT)

static void
rtes_export_job_finalize (GObject *object)
{
  RtesExportJob *self = RTES_EXPORT_JOB (object);

  g_clear_pointer (&self->fiches, g_ptr_array_unref);
  g_clear_object (&self->target);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->title);
  g_free (self->message);

  G_OBJECT_CLASS (rtes_export_job_parent_class)->finalize (object);
}

static void
rtes_export_job_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RtesExportJob *self = RTES_EXPORT_JOB (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_export_job_class_init (RtesExportJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rtes_export_job_finalize;
  object_class->get_property = rtes_export_job_get_property;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rtes_export_job_init (RtesExportJob *self)
{
  self->message = g_strdup ("");
}

RtesExportJob *
rtes_export_job_new (GPtrArray        *fiches,
                     RtesExportFormat  format,
                     GFile            *target)
{
  RtesExportJob *self;

  g_return_val_if_fail (fiches != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (target), NULL);

  self = g_object_new (RTES_TYPE_EXPORT_JOB, NULL);
  self->format = format;
  self->target = g_object_ref (target);
  self->fiches = rtes_export_job_copy_fiches (fiches);
  return self;
}

GPtrArray *
rtes_export_job_copy_fiches (GPtrArray *fiches)
{
  GPtrArray *copies = g_ptr_array_new_with_free_func (g_object_unref);

  /* A file that did not load has nothing to show. */
  for (guint i = 0; i < fiches->len; i++)
    if (rtes_fiche_get_load_error (g_ptr_array_index (fiches, i)) == NULL)
      g_ptr_array_add (copies, rtes_fiche_copy (g_ptr_array_index (fiches, i)));
  rtes_export_sort (copies);
  return copies;
}

void
rtes_export_job_set_title (RtesExportJob *self,
                           const char    *title)
{
  g_return_if_fail (RTES_IS_EXPORT_JOB (self));
  g_return_if_fail (!self->started);

  g_free (self->title);
  self->title = g_strdup (title);
}

RtesExportFormat
rtes_export_job_get_format (RtesExportJob *self)
{
  g_return_val_if_fail (RTES_IS_EXPORT_JOB (self), RTES_EXPORT_FORMAT_PDF);
  return self->format;
}

GFile *
rtes_export_job_get_target (RtesExportJob *self)
{
  g_return_val_if_fail (RTES_IS_EXPORT_JOB (self), NULL);
  return self->target;
}

guint
rtes_export_job_get_n_fiches (RtesExportJob *self)
{
  g_return_val_if_fail (RTES_IS_EXPORT_JOB (self), 0);
  return self->fiches->len;
}

double
rtes_export_job_get_fraction (RtesExportJob *self)
{
  g_return_val_if_fail (RTES_IS_EXPORT_JOB (self), 0.0);
  return self->fraction;
}

const char *
rtes_export_job_get_message (RtesExportJob *self)
{
  g_return_val_if_fail (RTES_IS_EXPORT_JOB (self), NULL);
  return self->message;
}

GFile *
rtes_export_job_get_result (RtesExportJob *self)
{
  g_return_val_if_fail (RTES_IS_EXPORT_JOB (self), NULL);

  if (self->format == RTES_EXPORT_FORMAT_HTML)
    return g_file_get_child (self->target, "index.html");
  return g_object_ref (self->target);
}

/* ---- progress, from the worker to the main context ------------------- */

typedef struct {
  RtesExportJob *job;
  double         fraction;
  char          *message;
} ProgressUpdate;

static gboolean
apply_progress (gpointer data)
{
  ProgressUpdate *update = data;
  RtesExportJob *self = update->job;

  if (self->fraction != update->fraction)
    {
      self->fraction = update->fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  if (g_strcmp0 (self->message, update->message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (update->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
  return G_SOURCE_REMOVE;
}

static void
progress_update_free (gpointer data)
{
  ProgressUpdate *update = data;

  g_object_unref (update->job);
  g_free (update->message);
  g_free (update);
}

static void
report_progress (guint       done,
                 guint       total,
                 const char *fiche_name,
                 gpointer    user_data)
{
  RtesExportJob *self = user_data;
  ProgressUpdate *update = g_new0 (ProgressUpdate, 1);

  update->job = g_object_ref (self);
  /* Rendering is most of the work; the last tenth is writing the file. */
  update->fraction = total > 0 ? 0.9 * done / total : 0.0;
  update->message = fiche_name != NULL
                    ? g_strdup_printf (_("Rendering %u of %u: %s"), done, total, fiche_name)
                    : g_strdup (_("Preparing…"));
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, apply_progress,
                              update, progress_update_free);
}

/* ---- the job ----------------------------------------------------------- */

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RtesExportJob *self = source_object;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (self->target);
  gboolean ok;

  if (path == NULL)
    {
      g_task_return_new_error (task, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_TARGET,
                               _("Exports can only be written to local files"));
      return;
    }

  if (self->format == RTES_EXPORT_FORMAT_HTML)
    ok = rtes_html_export (self->fiches, path, report_progress, self, cancellable, &error);
  else
    {
      g_autoptr(RtesPdfDocument) doc =
        rtes_pdf_document_new (self->fiches, self->fiches->len > 1 ? RTES_PDF_DOCUMENT_BOOKLET
                                                                   : RTES_PDF_DOCUMENT_DEFAULT);

      if (self->title != NULL)
        rtes_pdf_document_set_title (doc, self->title);
      ok = rtes_pdf_document_write (doc, path, report_progress, self, cancellable, &error);
    }

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
finish_progress (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RtesExportJob *self = RTES_EXPORT_JOB (object);
  g_autoptr(GTask) outer = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  if (self->fraction != 1.0)
    {
      self->fraction = 1.0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  g_task_return_boolean (outer, TRUE);
}

void
rtes_export_job_run_async (RtesExportJob       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RTES_IS_EXPORT_JOB (self));
  g_return_if_fail (!self->started);

  self->started = TRUE;
  self->context = g_main_context_ref_thread_default ();

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, rtes_export_job_run_async);

  if (self->fiches->len == 0)
    {
      g_task_return_new_error (outer, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_NOTHING,
                               _("No fiche to export"));
      return;
    }

  /* The inner task runs in a thread; the outer one completes after the
   * last progress update so that "fraction" reaches 1.0 first. */
  task = g_task_new (self, cancellable, finish_progress, g_steal_pointer (&outer));
  g_task_set_source_tag (task, rtes_export_job_run_async);
  rtes_task_run_in_thread (task, run_in_thread);
}

gboolean
rtes_export_job_run_finish (RtesExportJob  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (RTES_IS_EXPORT_JOB (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
rtes_export_suggest_name (GPtrArray        *fiches,
                          RtesExportFormat  format)
{
  const char *suffix = format == RTES_EXPORT_FORMAT_PDF ? ".pdf" : "";
  const char *region = NULL;
  gboolean one_region = fiches->len > 0;
  guint i;

  if (fiches->len == 1)
    return g_strconcat (rtes_fiche_get_id (g_ptr_array_index (fiches, 0)), suffix, NULL);

  for (i = 0; i < fiches->len && one_region; i++)
    {
      const char *r = rtes_fiche_get_region (g_ptr_array_index (fiches, i));

      if (r == NULL || (region != NULL && g_strcmp0 (r, region) != 0))
        one_region = FALSE;
      region = r;
    }

  if (one_region)
    {
      g_autofree char *slug = rtes_id_from_name (region);
      return g_strconcat ("fiches-rtes-", slug, suffix, NULL);
    }
  return g_strconcat ("fiches-rtes", suffix, NULL);
}
