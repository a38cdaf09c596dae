/* rtes-recovery.h: the journal of unsaved edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-library.h"

G_BEGIN_DECLS

/* Name of the folder under <library>/.rtes-fiches/ that holds journals. */
#define RTES_RECOVERY_DIR "recovery"

/* <library>/.rtes-fiches/recovery/<id>.json, creating the folder. */
char      *rtes_recovery_get_path     (RtesLibrary  *library,
                                       const char   *id,
                                       GError      **error);

/* Thread-safe: only touches the file named. */
gboolean   rtes_recovery_write        (const char   *journal_path,
                                       const char   *data,
                                       GError      **error);
void       rtes_recovery_remove       (const char   *journal_path);

/* Reads every journal of @library_path and returns, as RtesFiche*, those
 * that hold something the fiche's file does not: journals of fiches whose
 * file is older than the journal and differs from it, and of fiches whose
 * file is gone. Journals identical to their file are stale and removed.
 * Blocking: call from a thread (see RtesWorkspace). */
GPtrArray *rtes_recovery_scan         (const char   *library_path);

G_END_DECLS
