/* test-task.c: threaded tasks let go of their objects in their own context
 *
 * A worker that lags after its function returned a result (a loaded
 * machine preempts it) must not be the one that finalizes the task's
 * source object or data: the document, library or widget behind them
 * belongs to the main thread. The worker here waits, inside its function
 * and after returning the result, until the main thread has run the
 * callback and dropped every reference it had: it is then certainly the
 * last to let go.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-task.h"
#include "rtes-test-util.h"

typedef struct
{
  GMutex lock;
  GCond cond;
  gboolean main_done;       /* the main thread ran the callback and let go */
  gboolean worker_waited;   /* the worker saw that before returning */
  gboolean callback_ran;
  GThread *main_thread;
  GThread *source_gone_in;
  GThread *data_gone_in;
  gboolean worker_saw_source;
} State;

static void
source_gone (gpointer  data,
             GObject  *where_the_object_was)
{
  State *state = data;

  state->source_gone_in = g_thread_self ();
}

typedef struct
{
  State *state;
} Data;

static void
data_free (Data *data)
{
  data->state->data_gone_in = g_thread_self ();
  g_free (data);
}

static void
lagging_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Data *data = task_data;
  State *state = data->state;
  gint64 give_up = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  state->worker_saw_source = G_IS_OBJECT (source_object) && source_object == g_task_get_source_object (task);
  g_task_return_int (task, 42);

  /* Only a safety net for a task that cannot complete before this
   * returns (plain g_task_run_in_thread()): the test then fails on
   * worker_waited instead of hanging. */
  g_mutex_lock (&state->lock);
  while (!state->main_done)
    if (!g_cond_wait_until (&state->cond, &state->lock, give_up))
      break;
  state->worker_waited = state->main_done;
  g_mutex_unlock (&state->lock);
}

static void
lagging_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  State *state = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_thread_self () == state->main_thread);
  g_assert_cmpint (g_task_propagate_int (G_TASK (result), &error), ==, 42);
  g_assert_no_error (error);
  state->callback_ran = TRUE;
}

static gboolean
worker_may_go (gpointer data)
{
  State *state = data;

  g_mutex_lock (&state->lock);
  state->main_done = TRUE;
  g_cond_signal (&state->cond);
  g_mutex_unlock (&state->lock);
  return G_SOURCE_REMOVE;
}

static void
test_released_in_main_context (void)
{
  State state = { 0 };
  GObject *source = g_object_new (G_TYPE_OBJECT, NULL);
  GTask *task;
  Data *data = g_new0 (Data, 1);

  g_mutex_init (&state.lock);
  g_cond_init (&state.cond);
  state.main_thread = g_thread_self ();
  data->state = &state;
  g_object_weak_ref (source, source_gone, &state);

  task = g_task_new (source, NULL, lagging_done, &state);
  g_task_set_task_data (task, data, (GDestroyNotify) data_free);
  g_object_unref (source);
  rtes_task_run_in_thread (task, lagging_thread);
  g_object_unref (task);

  /* The callback comes while the worker is still in the function. */
  while (!state.callback_ran)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (state.source_gone_in);
  /* Everything the main thread had is let go of; then the worker goes on. */
  g_idle_add (worker_may_go, &state);
  while (state.source_gone_in == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (state.worker_saw_source);
  g_assert_true (state.worker_waited);
  g_assert_true (state.source_gone_in == state.main_thread);
  g_assert_true (state.data_gone_in == state.main_thread);

  g_mutex_clear (&state.lock);
  g_cond_clear (&state.cond);
}

static void
cancelled_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_assert_true (cancellable == g_task_get_cancellable (task));
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

static void
cancelled_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (g_task_propagate_boolean (G_TASK (result), error));
}

/* The function sees the task's own cancellable. */
static void
test_cancellable (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GTask *task = g_task_new (NULL, cancellable, cancelled_done, &error);

  g_cancellable_cancel (cancellable);
  rtes_task_run_in_thread (task, cancelled_thread);
  g_object_unref (task);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/model/task/released-in-main-context", test_released_in_main_context);
  g_test_add_func ("/model/task/cancellable", test_cancellable);

  return g_test_run ();
}
