/* test-export-gui.c: the window's export job and print operation
 *
 * The export job needs no display. The print operation does (GTK must be
 * initialized), so its test is skipped without one; tools/test runs the
 * suites under Xvfb.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "export-fixtures.h"
#include "rtes-export-job.h"
#include "rtes-print-operation.h"
#include "rtes-print-preview.h"
#include "rtes-test-util.h"

typedef struct {
  GMainLoop *loop;
  GArray    *fractions;
  GPtrArray *messages;
  gboolean   ok;
  GError    *error;
} JobRun;

static void
on_fraction (GObject    *object,
             GParamSpec *pspec,
             gpointer    user_data)
{
  JobRun *run = user_data;
  double fraction = rtes_export_job_get_fraction (RTES_EXPORT_JOB (object));

  g_array_append_val (run->fractions, fraction);
}

static void
on_message (GObject    *object,
            GParamSpec *pspec,
            gpointer    user_data)
{
  JobRun *run = user_data;

  g_ptr_array_add (run->messages, g_strdup (rtes_export_job_get_message (RTES_EXPORT_JOB (object))));
}

static void
job_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  JobRun *run = user_data;

  run->ok = rtes_export_job_run_finish (RTES_EXPORT_JOB (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
run_job (RtesExportJob *job,
         GCancellable  *cancellable,
         JobRun        *run)
{
  run->loop = g_main_loop_new (NULL, FALSE);
  run->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  run->messages = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (job, "notify::fraction", G_CALLBACK (on_fraction), run);
  g_signal_connect (job, "notify::message", G_CALLBACK (on_message), run);
  rtes_export_job_run_async (job, cancellable, job_done, run);
  g_main_loop_run (run->loop);
}

static void
job_run_clear (JobRun *run)
{
  g_main_loop_unref (run->loop);
  g_array_unref (run->fractions);
  g_ptr_array_unref (run->messages);
  g_clear_error (&run->error);
}

static void
test_job_pdf (void)
{
  g_autoptr(GPtrArray) fiches = export_fixtures_load ();
  g_autofree char *tmp = rtes_test_make_tmpdir ("job-pdf");
  g_autofree char *path = g_build_filename (tmp, "livret.pdf", NULL);
  g_autoptr(GFile) target = g_file_new_for_path (path);
  g_autoptr(RtesExportJob) job = rtes_export_job_new (fiches, RTES_EXPORT_FORMAT_PDF, target);
  g_autoptr(GFile) result = NULL;
  g_autofree char *contents = NULL;
  JobRun run = { 0 };
  guint i;

  /* The job works on copies: later edits do not leak into the export. */
  rtes_fiche_set_name (g_ptr_array_index (fiches, 0), "Renommée pendant l'export");

  run_job (job, NULL, &run);
  g_assert_no_error (run.error);
  g_assert_true (run.ok);

  /* Progress went up to 1.0 and said which fiche was being rendered. */
  g_assert_cmpuint (run.fractions->len, >=, 2);
  for (i = 1; i < run.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (run.fractions, double, i), >=,
                       g_array_index (run.fractions, double, i - 1));
  g_assert_cmpfloat (rtes_export_job_get_fraction (job), ==, 1.0);
  g_assert_cmpstr (g_ptr_array_index (run.messages, run.messages->len - 1), ==,
                   "Rendering 3 of 3: Conseil départemental des Hautes-Landes");
  for (i = 0; i < run.messages->len; i++)
    g_assert_null (strstr (g_ptr_array_index (run.messages, i), "Renommée"));

  result = rtes_export_job_get_result (job);
  g_assert_true (g_file_equal (result, target));
  contents = rtes_test_read_file (path, NULL);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  job_run_clear (&run);
  rtes_test_remove_tree (tmp);
}

static void
test_job_html (void)
{
  g_autoptr(GPtrArray) fiches = export_fixtures_load ();
  g_autofree char *tmp = rtes_test_make_tmpdir ("job-html");
  g_autofree char *path = g_build_filename (tmp, "site", NULL);
  g_autofree char *index = g_build_filename (path, "index.html", NULL);
  g_autoptr(GFile) target = g_file_new_for_path (path);
  g_autoptr(RtesExportJob) job = rtes_export_job_new (fiches, RTES_EXPORT_FORMAT_HTML, target);
  g_autoptr(GFile) result = NULL;
  g_autofree char *result_path = NULL;
  JobRun run = { 0 };

  run_job (job, NULL, &run);
  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  result = rtes_export_job_get_result (job);
  result_path = g_file_get_path (result);
  g_assert_cmpstr (result_path, ==, index);
  g_assert_true (g_file_test (index, G_FILE_TEST_IS_REGULAR));

  job_run_clear (&run);
  rtes_test_remove_tree (tmp);
}

static void
test_job_cancel (void)
{
  g_autoptr(GPtrArray) fiches = export_fixtures_load ();
  g_autofree char *tmp = rtes_test_make_tmpdir ("job-cancel");
  g_autofree char *path = g_build_filename (tmp, "livret.pdf", NULL);
  g_autoptr(GFile) target = g_file_new_for_path (path);
  g_autoptr(RtesExportJob) job = rtes_export_job_new (fiches, RTES_EXPORT_FORMAT_PDF, target);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  JobRun run = { 0 };

  g_cancellable_cancel (cancellable);
  run_job (job, cancellable, &run);
  g_assert_false (run.ok);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  job_run_clear (&run);
  rtes_test_remove_tree (tmp);
}

static void
test_suggest_name (void)
{
  g_autoptr(GPtrArray) fiches = export_fixtures_load ();
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autoptr(GPtrArray) region = g_ptr_array_new ();
  g_autofree char *all_pdf = rtes_export_suggest_name (fiches, RTES_EXPORT_FORMAT_PDF);
  g_autofree char *one_html = NULL;
  g_autofree char *region_pdf = NULL;

  g_ptr_array_add (one, g_ptr_array_index (fiches, 1));
  g_ptr_array_add (region, g_ptr_array_index (fiches, 0));
  g_ptr_array_add (region, g_ptr_array_index (fiches, 0));
  one_html = rtes_export_suggest_name (one, RTES_EXPORT_FORMAT_HTML);
  region_pdf = rtes_export_suggest_name (region, RTES_EXPORT_FORMAT_PDF);

  g_assert_cmpstr (all_pdf, ==, "fiches-rtes.pdf");
  g_assert_cmpstr (one_html, ==, "commune-de-saint-aubin-des-pres");
  g_assert_cmpstr (region_pdf, ==, "fiches-rtes-bourgogne-franche-comte.pdf");
}

/* gtk_init_check() answers TRUE the second time even when the first
 * found no display, so ask once. */
static gboolean
have_display (void)
{
  static int answer = -1;

  if (answer < 0)
    answer = gtk_init_check ();
  return answer;
}

/* Page objects in a PDF file ("/Type /Page", not "/Type /Pages"). */
static guint
count_pages (const char *data,
             gsize       length)
{
  const char needle[] = "/Type /Page";
  gsize n = strlen (needle);
  guint count = 0;
  gsize i;

  for (i = 0; i + n < length; i++)
    if (memcmp (data + i, needle, n) == 0 && data[i + n] != 's')
      count++;
  return count;
}

static void
test_print_operation (void)
{
  g_autoptr(GPtrArray) fiches = export_fixtures_load ();
  g_autoptr(RtesPrintOperation) op = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult res;
  gsize length;

  if (!have_display ())
    {
      g_test_skip ("no display");
      return;
    }

  tmp = rtes_test_make_tmpdir ("print");
  path = g_build_filename (tmp, "impression.pdf", NULL);
  op = rtes_print_operation_new (fiches);
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (op), path);
  gtk_print_operation_set_show_progress (GTK_PRINT_OPERATION (op), FALSE);
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (op), FALSE);
  res = gtk_print_operation_run (GTK_PRINT_OPERATION (op), GTK_PRINT_OPERATION_ACTION_EXPORT,
                                 NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (res, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  /* The booklet's pagination (cover, contents, the network's figures,
   * fiches), drawn through GTK: the file has as many pages as the
   * document laid out. */
  g_assert_cmpint (rtes_pdf_document_get_fiche_page (rtes_print_operation_get_document (op), 0), ==, 3);
  contents = rtes_test_read_file (path, &length);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpuint (count_pages (contents, length), ==,
                    rtes_pdf_document_get_n_pages (rtes_print_operation_get_document (op)));

  rtes_test_remove_tree (tmp);
}

static void
on_done (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         gpointer                 user_data)
{
  *(gboolean *) user_data = TRUE;
}

static gboolean
wake_up (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* The operation on the fixtures, run for its preview, once our own
 * window shows it (not an outside viewer); NULL without a display. */
static RtesPrintOperation *
start_preview (gboolean *done,
               guint    *wake)
{
  g_autoptr(GPtrArray) fiches = export_fixtures_load ();
  g_autoptr(GError) error = NULL;
  RtesPrintOperation *op;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  if (!have_display ())
    {
      g_test_skip ("no display");
      return NULL;
    }

  /* Blocking iterations below must come back to check their deadline. */
  *wake = g_timeout_add (50, wake_up, NULL);
  op = rtes_print_operation_new (fiches);
  g_signal_connect (op, "done", G_CALLBACK (on_done), done);
  gtk_print_operation_run (GTK_PRINT_OPERATION (op), GTK_PRINT_OPERATION_ACTION_PREVIEW, NULL, &error);
  g_assert_no_error (error);
  while (rtes_print_operation_get_preview_window (op) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (RTES_IS_PRINT_PREVIEW (rtes_print_operation_get_preview_window (op)));
  return op;
}

static void
test_print_preview (void)
{
  gboolean done = FALSE;
  guint wake;
  g_autoptr(RtesPrintOperation) op = start_preview (&done, &wake);
  RtesPdfDocument *document;
  GtkWidget *window;
  gint64 deadline;
  guint n_pages;

  if (op == NULL)
    return;
  window = rtes_print_operation_get_preview_window (op);
  document = rtes_print_operation_get_document (op);
  n_pages = rtes_pdf_document_get_n_pages (document);
  g_assert_cmpuint (n_pages, >, 3);
  g_assert_cmpuint (rtes_print_preview_get_page (RTES_PRINT_PREVIEW (window)), ==, 0);
  g_assert_true (gtk_widget_activate_action (window, "preview.next", NULL));
  g_assert_cmpuint (rtes_print_preview_get_page (RTES_PRINT_PREVIEW (window)), ==, 1);
  rtes_print_preview_set_page (RTES_PRINT_PREVIEW (window), 1000);
  g_assert_cmpuint (rtes_print_preview_get_page (RTES_PRINT_PREVIEW (window)), ==, n_pages - 1);
  /* At the last page, "next" does nothing. */
  gtk_widget_activate_action (window, "preview.next", NULL);
  g_assert_cmpuint (rtes_print_preview_get_page (RTES_PRINT_PREVIEW (window)), ==, n_pages - 1);

  /* Let it draw, then closing the window ends the operation. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  gtk_window_destroy (GTK_WINDOW (window));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (done);
  g_assert_null (rtes_print_operation_get_preview_window (op));
  g_source_remove (wake);
}

/* The print dialog, found by type name: its header needs gtk4-unix-print,
 * which nothing else here does. */
static GtkWidget *
find_print_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GType dialog_type = g_type_from_name ("GtkPrintUnixDialog");
  guint i;

  for (i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (dialog_type != 0 && G_TYPE_CHECK_INSTANCE_TYPE (window, dialog_type) &&
          gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

/* Print from the preview: the preview closes and the print dialog opens. */
static void
test_print_from_preview (void)
{
  gboolean done = FALSE;
  guint wake;
  g_autoptr(RtesPrintOperation) op = start_preview (&done, &wake);
  GtkWidget *window;
  GtkWidget *dialog = NULL;
  gint64 deadline;

  if (op == NULL)
    return;
  window = rtes_print_operation_get_preview_window (op);

  g_assert_true (gtk_widget_activate_action (window, "preview.print", NULL));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while ((dialog = find_print_dialog ()) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (dialog);
  g_assert_true (done);
  g_assert_null (rtes_print_operation_get_preview_window (op));

  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_source_remove (wake);
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/export/job/pdf", test_job_pdf);
  g_test_add_func ("/export/job/html", test_job_html);
  g_test_add_func ("/export/job/cancel", test_job_cancel);
  g_test_add_func ("/export/job/suggest-name", test_suggest_name);
  g_test_add_func ("/export/print/operation", test_print_operation);
  g_test_add_func ("/export/print/preview", test_print_preview);
  g_test_add_func ("/export/print/from-preview", test_print_from_preview);

  return g_test_run ();
}
