/* bench-common.h: what the window benchmarks of tools/bench share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Whether the window shows what it should yet (NULL: its first frame). */
typedef gboolean (*BenchReady) (GtkWidget *window, gpointer data);

/* After the first frame of @window painted once @ready holds, prints
 * "frame <monotonic µs> <resident KiB>" and quits the application. */
void  bench_quit_after_frame (GtkWidget  *window,
                              BenchReady  ready,
                              gpointer    data);
/* Resident memory of this process, in KiB. */
long  bench_resident_kib     (void);

G_END_DECLS
