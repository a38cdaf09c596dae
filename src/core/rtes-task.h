/* rtes-task.h: threaded tasks whose objects are let go of where they were made
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * g_task_run_in_thread() drops its worker's reference to the task once the
 * thread function has returned. If the main loop has run the callback and
 * dropped its own reference first (a loaded machine preempts the worker at
 * just that point), the worker's is the last one: the task, its source
 * object and its task data are then finalized in the worker, racing with
 * the main thread that still uses what they hold. A document, a library
 * or a widget must never go that way.
 *
 * rtes_task_run_in_thread() runs @func in a worker with @task as
 * g_task_run_in_thread() would (the function returns its result on @task,
 * with g_task_return_*()), but the thread pool only ever holds a bare
 * task of its own: @task, its source object and its data are released in
 * @task's context, by its owner and its completion.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void rtes_task_run_in_thread (GTask           *task,
                              GTaskThreadFunc  func);

G_END_DECLS
