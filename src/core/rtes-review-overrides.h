/* rtes-review-overrides.h: fiches published despite a blocking finding, on record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Publishing refuses a fiche while a finding blocks it (a placeholder,
 * an error: rtes_review_blocking()). A person may decide otherwise for one
 * fiche ("Publier malgré tout" in the window, "sync --publish
 * --override-review ID" on the command line): the decision is recorded in
 * the library, in .rtes-fiches/review/overrides.json, with who, when and
 * the findings it covers (kind, field and text). It covers those findings
 * only: a placeholder typed after it blocks again. The records are kept,
 * never removed: they say who let what through. See docs/review.md.
 *
 * Read with the strict JSON reader, bounded; written through the library's
 * RtesLibraryDir.
 */
#pragma once

#include <gio/gio.h>

#include "rtes-finding.h"
#include "rtes-library.h"
#include "rtes-library-dir.h"

G_BEGIN_DECLS

#define RTES_REVIEW_OVERRIDES_PATH    RTES_LIBRARY_STATE_DIR "/review/overrides.json"
#define RTES_REVIEW_OVERRIDES_FORMAT  "rtes-review-overrides"
#define RTES_REVIEW_OVERRIDES_VERSION 1

#define RTES_TYPE_REVIEW_OVERRIDES (rtes_review_overrides_get_type ())
G_DECLARE_FINAL_TYPE (RtesReviewOverrides, rtes_review_overrides, RTES, REVIEW_OVERRIDES, GObject)

/* Reads the library's records; a missing file is none. A file that is not
 * such a record fails with RTES_LIBRARY_ERROR_IO (file:line:col and the
 * member in the message). */
RtesReviewOverrides *rtes_review_overrides_load    (RtesLibraryDir      *dir,
                                                    GError             **error);

/* The blocking findings of @findings (all of fiche @id) that no record
 * covers: a new array of copies, empty when the fiche may be published. */
GPtrArray           *rtes_review_overrides_remaining (RtesReviewOverrides *self,
                                                      const char          *id,
                                                      GPtrArray           *findings);

/* Records that @user let fiche @id through despite the blocking findings
 * of @findings, at @when (NULL: now), and writes the file (read again
 * first, so that records made meanwhile elsewhere are kept). */
gboolean             rtes_review_overrides_add     (RtesReviewOverrides *self,
                                                    const char          *id,
                                                    GPtrArray           *findings,
                                                    const char          *user,
                                                    GDateTime           *when,
                                                    GError             **error);

/* The name to record for the person running this program: their real
 * name, else their login. */
char                *rtes_review_overrides_user    (void);

/* How many records there are for fiche @id (NULL: all). */
guint                rtes_review_overrides_count   (RtesReviewOverrides *self,
                                                    const char          *id);

G_END_DECLS
