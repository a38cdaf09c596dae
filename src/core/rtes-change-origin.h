/* rtes-change-origin.h: where a change of a fiche came from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * RtesChangeOrigin:
 * @RTES_CHANGE_ORIGIN_TYPED: the person, in the editor (typing, moving a
 *   card, undo and redo too)
 * @RTES_CHANGE_ORIGIN_IMPORT: an import of the site's export
 * @RTES_CHANGE_ORIGIN_PULL: a sync took the site's version (the sync wrote
 *   the file)
 * @RTES_CHANGE_ORIGIN_RESOLVE: a sync conflict was settled (the resolution
 *   wrote the file)
 * @RTES_CHANGE_ORIGIN_RESTORE: a recovery journal, or a revision of the
 *   fiche's history (rtes-history.h), was put back
 * @RTES_CHANGE_ORIGIN_DISK: the file changed outside the application
 *
 * Kept with each undo step and given to ::saved, and with each revision
 * of the history (RtesHistory), so that it can say where each came from.
 * In the core because the history, the sync and the import record them.
 */
typedef enum {
  RTES_CHANGE_ORIGIN_TYPED,
  RTES_CHANGE_ORIGIN_IMPORT,
  RTES_CHANGE_ORIGIN_PULL,
  RTES_CHANGE_ORIGIN_RESOLVE,
  RTES_CHANGE_ORIGIN_RESTORE,
  RTES_CHANGE_ORIGIN_DISK,
} RtesChangeOrigin;

#define RTES_TYPE_CHANGE_ORIGIN (rtes_change_origin_get_type ())
GType        rtes_change_origin_get_type   (void) G_GNUC_CONST;

/* "typed", "import", "pull", "resolve", "restore", "disk": stable names
 * for files and logs. */
const char  *rtes_change_origin_to_string  (RtesChangeOrigin origin);
/* The reverse; FALSE for any other string (a file written by a newer
 * version, or damaged). */
gboolean     rtes_change_origin_from_string (const char       *nick,
                                             RtesChangeOrigin *origin);


G_END_DECLS
