/* rtes-history.h: every saved version of every fiche of a library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The history keeps a revision for each content a fiche's file held,
 * whoever wrote it: the person (a save), an import, a pull or a settled
 * conflict of the sync, a restore, or someone else (seen when the
 * library is scanned or the folder watcher reports the file). Each
 * writer records after its write:
 *
 *   history = rtes_library_get_history (library);     // or rtes_history_open ()
 *   rtes_history_record (history, id, before, after, RTES_CHANGE_ORIGIN_PULL,
 *                        site_revision, &error);
 *
 * @before is what the writer believes the file held (its base): if the
 * history's last revision is something else, that content is recorded
 * first, as a change made outside. Recording the same content twice does
 * nothing, so every writer may record what it wrote without knowing who
 * recorded before it. A recording that fails never fails the write: the
 * fiche files are the truth, the history only their past.
 *
 * The store is an SQLite database (WAL mode) in
 * <library>/.rtes-fiches/history/, each person's own: docs/history.md
 * says why and how it is laid out. A store that cannot be read is set
 * aside (renamed) and a new one started; rtes_history_take_notice() then
 * has the message for the person.
 *
 * An RtesHistory may be used from any thread; its calls are serialised.
 */
#pragma once

#include <gio/gio.h>

#include "rtes-change-origin.h"
#include "rtes-fiche-merge.h"
#include "rtes-fiche.h"
#include "rtes-library-dir.h"
#include "rtes-revision.h"

G_BEGIN_DECLS

#define RTES_HISTORY_ERROR (rtes_history_error_quark ())

/**
 * RtesHistoryError:
 * @RTES_HISTORY_ERROR_NOT_FOUND: no such fiche or revision in the history
 * @RTES_HISTORY_ERROR_DELETED: the revision is a deletion: it has no content
 * @RTES_HISTORY_ERROR_DAMAGED: what the store holds is not what this
 *   version writes (the message says where); a store SQLite finds
 *   corrupt is set aside at once
 * @RTES_HISTORY_ERROR_UNSAFE: .rtes-fiches is a link: no history is kept
 *   through it
 * @RTES_HISTORY_ERROR_FAILED: the store could not be written (disk full,
 *   locked by another program for too long…)
 * @RTES_HISTORY_ERROR_RESTORE: the place cannot be put back in the fiche
 *   as it is now (a field of a contact deleted since)
 */
typedef enum {
  RTES_HISTORY_ERROR_NOT_FOUND,
  RTES_HISTORY_ERROR_DELETED,
  RTES_HISTORY_ERROR_DAMAGED,
  RTES_HISTORY_ERROR_UNSAFE,
  RTES_HISTORY_ERROR_FAILED,
  RTES_HISTORY_ERROR_RESTORE,
} RtesHistoryError;

/* The store, relative to the library. */
#define RTES_HISTORY_DIR  ".rtes-fiches/history"
#define RTES_HISTORY_FILE "history.sqlite"

#define RTES_TYPE_HISTORY (rtes_history_get_type ())
G_DECLARE_FINAL_TYPE (RtesHistory, rtes_history, RTES, HISTORY, GObject)

GQuark        rtes_history_error_quark (void);

/* Opens the history of the library folder @library_path, creating it
 * (and RTES_HISTORY_DIR, and a .gitignore in .rtes-fiches) if needed. A
 * damaged store (not SQLite, truncated, of another schema, a link) is
 * set aside and a new one started: that is not an error, see
 * rtes_history_take_notice(). Fails only when no store can be had at
 * all (a .rtes-fiches that is a link, a read-only folder). */
RtesHistory  *rtes_history_open        (const char   *library_path,
                                        GError      **error);

/* A translated message for the person when a damaged store was set aside
 * ("… was set aside as …"), once: NULL afterwards, and when nothing
 * happened. */
char         *rtes_history_take_notice (RtesHistory  *self);

/* The name revisions are recorded under: by default the "author-name"
 * setting of the application when it is set, else the account's real
 * name (rtes_history_default_author()). */
const char   *rtes_history_get_author  (RtesHistory  *self);
void          rtes_history_set_author  (RtesHistory  *self,
                                        const char   *author);
char         *rtes_history_default_author (void);

/* Recording ---------------------------------------------------------------- */

/**
 * RtesRevisionSource:
 * @origin: where the content came from
 * @detail: (nullable): the site's revision, the file imported, the
 *   revision restored
 * @author: (nullable): NULL for the history's author; ignored for
 *   %RTES_CHANGE_ORIGIN_DISK, whose author is unknown
 * @time: microseconds since 1970, or 0 for now
 */
typedef struct {
  RtesChangeOrigin  origin;
  const char       *detail;
  const char       *author;
  gint64            time;
} RtesRevisionSource;

/* The fiche @id's file now holds @after (the bytes written, canonical or
 * not: they are read as a fiche); @before (nullable) is what it held
 * before, as the writer knew it. Returns the new revision's number, or
 * 0 when the history knew that content already (then a @detail the
 * revision lacks, for the same origin, is added to it) or on error. */
guint         rtes_history_record      (RtesHistory       *self,
                                        const char        *id,
                                        const char        *before,
                                        const char        *after,
                                        RtesChangeOrigin   origin,
                                        const char        *detail,
                                        GError           **error);
guint         rtes_history_record_full (RtesHistory              *self,
                                        const char               *id,
                                        const char               *before,
                                        const char               *after,
                                        const RtesRevisionSource *source,
                                        GError                  **error);
/* The file of @id went away (deleted here: @origin TYPED; seen gone:
 * DISK). Nothing happens when the history has no live version of it. */
guint         rtes_history_record_deletion (RtesHistory      *self,
                                            const char       *id,
                                            RtesChangeOrigin  origin,
                                            GError          **error);
/* Only adds @detail to the last revision of @id if it holds @content, is
 * of @origin and has no detail yet (a writer that knows where content
 * that another wrote came from: the window's import). Never records. */
gboolean      rtes_history_annotate    (RtesHistory       *self,
                                        const char        *id,
                                        const char        *content,
                                        RtesChangeOrigin   origin,
                                        const char        *detail,
                                        GError           **error);
/* The fiche @old_id is now @new_id: its revisions follow it. */
gboolean      rtes_history_rename      (RtesHistory       *self,
                                        const char        *old_id,
                                        const char        *new_id,
                                        GError           **error);

/* Compares every fiche file of @dir with its last revision: a file that
 * differs (or is new) is recorded as changed outside the application, a
 * fiche whose file is gone as deleted. Files that do not read as a fiche
 * are left out. Returns how many revisions were recorded. */
guint         rtes_history_scan        (RtesHistory     *self,
                                        RtesLibraryDir  *dir,
                                        GCancellable    *cancellable,
                                        GError         **error);
/* The same for the file of @id only; returns the number of the revision
 * recorded, 0 if none. */
guint         rtes_history_scan_fiche  (RtesHistory     *self,
                                        RtesLibraryDir  *dir,
                                        const char      *id,
                                        GError         **error);
/* rtes_history_scan() in a thread. */
void          rtes_history_scan_async  (RtesHistory         *self,
                                        RtesLibraryDir      *dir,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
guint         rtes_history_scan_finish (RtesHistory     *self,
                                        GAsyncResult    *result,
                                        GError         **error);

/* Reading ------------------------------------------------------------------ */

/* The revisions of @id (RtesRevision*), oldest first; only those that
 * touch @field when it is not NULL (rtes_revision_touches()). An empty
 * array for a fiche the history does not know. */
GPtrArray    *rtes_history_list        (RtesHistory  *self,
                                        const char   *id,
                                        const char   *field,
                                        GError      **error);
/* The number of the last revision of @id, 0 if none. */
guint         rtes_history_get_last    (RtesHistory  *self,
                                        const char   *id,
                                        GError      **error);
RtesRevision *rtes_history_lookup      (RtesHistory  *self,
                                        const char   *id,
                                        guint         number,
                                        GError      **error);
/* The canonical bytes of the fiche in revision @number. */
char         *rtes_history_get_data    (RtesHistory  *self,
                                        const char   *id,
                                        guint         number,
                                        GError      **error);
RtesFiche    *rtes_history_get_fiche   (RtesHistory  *self,
                                        const char   *id,
                                        guint         number,
                                        GError      **error);
/* What revision @number changed: RtesMergeChange* with @base the value
 * before it and @theirs the value after (the rest unset), at the finest
 * place (an item's field, a whole item added or removed, an order).
 * @before and @after (optional, read-only) get the documents either side
 * (NULL: none), to name items by their contents. Reading the revisions
 * of a fiche in order is quicker than in any other. */
GPtrArray    *rtes_history_get_changes (RtesHistory  *self,
                                        const char   *id,
                                        guint         number,
                                        JsonNode    **before,
                                        JsonNode    **after,
                                        GError      **error);
/* The fiches whose last revision is a deletion (RtesRevision*, that
 * deletion, with the name the fiche had), the latest first. */
GPtrArray    *rtes_history_list_deleted (RtesHistory *self,
                                         GError     **error);

/* Restoring ---------------------------------------------------------------- */

/* The fiche to save to put back what revision @number held: the whole
 * fiche (@path NULL), or only the place @path (a field, an item by key,
 * an item's field), into @current (the fiche as it is now; NULL for a
 * deleted one, with @path NULL). A place absent in revision @number is
 * removed; @number 0 stands for "before the first revision" (nothing).
 * The result has @id, and today's date as its last update unless @path
 * is "updated". Save it with origin RTES_CHANGE_ORIGIN_RESTORE and the
 * number as detail. */
RtesFiche    *rtes_history_make_restore (RtesHistory  *self,
                                         RtesFiche    *current,
                                         const char   *id,
                                         guint         number,
                                         const char   *path,
                                         GError      **error);

/* For tests: called inside the transaction of each recording, after the
 * revision is written and before it is committed (a test kills the
 * process there). */
typedef void (*RtesHistoryHook) (RtesHistory *self,
                                 gpointer     user_data);
void          rtes_history_set_write_hook (RtesHistory     *self,
                                           RtesHistoryHook  hook,
                                           gpointer         user_data);

G_END_DECLS
