/* rtes-task.c: threaded tasks whose objects are let go of where they were made
 *
 * See rtes-task.h for why. The worker runs a bare inner task that holds
 * nothing but a plain pointer to the real one; the inner task's callback,
 * in the real task's context, drops the one reference that kept the real
 * task alive while its function ran.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-task.h"

typedef struct
{
  GTask *task;              /* kept alive by the inner task's callback data */
  GTaskThreadFunc func;
} Run;

static void
run_thread (GTask        *inner,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Run *run = task_data;
  GTask *task = run->task;

  /* The callback of @task runs as soon as @func returns a result on it,
   * from this thread; @task itself stays alive until run_done(). */
  run->func (task, g_task_get_source_object (task), g_task_get_task_data (task),
             g_task_get_cancellable (task));
  g_task_return_boolean (inner, TRUE);
}

static void
run_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  /* In the task's context, after the worker is done with it. */
  g_object_unref (user_data);
}

void
rtes_task_run_in_thread (GTask           *task,
                         GTaskThreadFunc  func)
{
  g_autoptr(GTask) inner = NULL;
  Run *run;

  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  run = g_new0 (Run, 1);
  run->task = task;
  run->func = func;
  /* No source object and no cancellable: the inner task always runs to
   * the end, and @func looks at @task's cancellable itself. */
  inner = g_task_new (NULL, NULL, run_done, g_object_ref (task));
  g_task_set_source_tag (inner, rtes_task_run_in_thread);
  g_task_set_priority (inner, g_task_get_priority (task));
  g_task_set_task_data (inner, run, g_free);
  g_task_run_in_thread (inner, run_thread);
}
