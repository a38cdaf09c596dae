/* rtes-library.h: a folder of fiches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rtes-change-origin.h"
#include "rtes-fiche.h"
#include "rtes-library-dir.h"

G_BEGIN_DECLS

#define RTES_TYPE_LIBRARY (rtes_library_get_type ())
G_DECLARE_FINAL_TYPE (RtesLibrary, rtes_library, RTES, LIBRARY, GObject)

typedef struct _RtesHistory RtesHistory;

typedef enum {
  RTES_LIBRARY_OPEN_NONE   = 0,
  /* Create the folder (and its parents) if it is missing. */
  RTES_LIBRARY_OPEN_CREATE = 1 << 0,
  /* List nothing: a handle on the folder and its history for a command
   * that writes fiches without looking at the others (the CLI's sync):
   * the list is empty and rtes_library_reload() reads nothing. Opening a
   * library of 10,000 fiches costs a tenth of a second otherwise. */
  RTES_LIBRARY_OPEN_UNLISTED = 1 << 1,
} RtesLibraryOpenFlags;

/* $RTES_FICHES_LIBRARY, else $XDG_DATA_HOME/rtes-fiches/library. */
char        *rtes_library_default_path (void);

/* Whether the folder @path is, or may become without surprise, a
 * library: it does not exist yet (opening makes it), or it holds the
 * RTES_LIBRARY_STATE_DIR folder or at least one fiche file ("<id>.json"
 * that says it is an "rtes-fiche"),
 * or it holds nothing but hidden files (a folder just made for the
 * purpose). A home folder or a folder of photos is not: the window asks
 * before writing anything there. Reads the folder's listing only, up to
 * the first fiche file. */
gboolean     rtes_library_is_library_folder (const char  *path);

/* Makes the existing folder @path a library, as the person asked: creates
 * its RTES_LIBRARY_STATE_DIR, which marks it from then on. */
gboolean     rtes_library_claim_folder  (const char   *path,
                                         GError      **error);

/* Opens the folder and loads every *.json in it. A file that does not
 * load is listed as a broken fiche; the others load. The library is a
 * GListModel of RtesFiche sorted by id. Without RTES_LIBRARY_OPEN_CREATE a
 * missing folder is RTES_LIBRARY_ERROR_NO_FOLDER and nothing is created.
 * Left-over temporary files of saves killed half-way are removed (see
 * rtes_library_dir_remove_temporaries()). */
RtesLibrary *rtes_library_open_full   (const char            *path,
                                       RtesLibraryOpenFlags   flags,
                                       GError               **error);
/* rtes_library_open_full() with RTES_LIBRARY_OPEN_CREATE, for the window. */
RtesLibrary *rtes_library_open        (const char   *path,
                                        GError      **error);

/* The ids of the fiche files in the folder @path, sorted, as
 * rtes_library_open() would list them, for a tool that reads the files
 * itself: nothing is loaded, nothing is created (a missing folder is
 * RTES_LIBRARY_ERROR_NO_FOLDER). */
GStrv        rtes_library_list_ids    (const char   *path,
                                       GError      **error);

/* Removes the temporary files that saves killed half-way left in the
 * library @dir and the folders of .rtes-fiches it writes in (see
 * rtes_library_dir_remove_temporaries()). Opening a library does it; a
 * command that lists a library without opening it does it too. */
void         rtes_library_remove_temporaries (RtesLibraryDir *dir);

/* The same in a worker thread: a library of thousands of fiches takes a
 * moment to parse, and the window must stay responsive meanwhile. */
void         rtes_library_open_async   (const char          *path,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
RtesLibrary *rtes_library_open_finish  (GAsyncResult        *result,
                                        GError             **error);

const char  *rtes_library_get_path     (RtesLibrary  *self);
/* The library folder, for writing or removing any file in it without
 * following links (rtes-library-dir.h). Usable from any thread. */
RtesLibraryDir *rtes_library_get_dir   (RtesLibrary  *self);
/* The library's index (rtes-library-index.h), or NULL when it has none. */
typedef struct _RtesLibraryIndex RtesLibraryIndex;
RtesLibraryIndex *rtes_library_get_index (RtesLibrary *self);
/* The library's history (rtes-history.h), opened on first use from any
 * thread; NULL when it cannot be kept (a .rtes-fiches that is a link).
 * Every write of the library below records into it. */
RtesHistory *rtes_library_get_history  (RtesLibrary  *self);
/* <library>/.rtes-fiches/<name>, created on demand; refused
 * (RTES_LIBRARY_ERROR_UNSAFE_PATH) if .rtes-fiches or <name> is a link.
 * Write in it with rtes_library_dir_write() and the relative path
 * ".rtes-fiches/<name>/<file>", not by this path. */
char        *rtes_library_get_state_dir (RtesLibrary *self,
                                         const char  *name,
                                         GError     **error);
/* Settles the journal of a sync that was cut short, if there is one (see
 * rtes_commit_journal_settle()), and reloads the fiches it put back. Every
 * save and import does this first; call it before writing a fiche file
 * by other means. A .rtes-fiches that is a link is left alone (TRUE):
 * fiche files are not in it. */
gboolean     rtes_library_settle_interrupted_sync (RtesLibrary *self,
                                                   GError     **error);
char        *rtes_library_get_fiche_path (RtesLibrary *self,
                                          const char  *id);

RtesFiche   *rtes_library_lookup       (RtesLibrary  *self,
                                        const char   *id);
/* Finds a fiche whose name equals @name once accents and case are folded. */
RtesFiche   *rtes_library_lookup_by_name (RtesLibrary *self,
                                          const char  *name);

/* An id from @name that no fiche uses yet ("commune-de-test", "-2"…). */
char        *rtes_library_unique_id    (RtesLibrary  *self,
                                        const char   *name);

/* Creates, saves and adds a fiche named @name (draft, today's date). */
RtesFiche   *rtes_library_create       (RtesLibrary  *self,
                                        const char   *name,
                                        GError      **error);
/* Saves @fiche to <id>.json (settling an interrupted sync first, and
 * never through a link); adds it to the library if it is new. The
 * history records it as typed here. */
gboolean     rtes_library_save         (RtesLibrary  *self,
                                        RtesFiche    *fiche,
                                        GError      **error);
/* The same, recorded in the history as of @origin, with @detail (the
 * revision restored, say). */
gboolean     rtes_library_save_full    (RtesLibrary       *self,
                                        RtesFiche         *fiche,
                                        RtesChangeOrigin   origin,
                                        const char        *detail,
                                        GError           **error);
/* Lists @fiche without writing it (its document saves it soon after);
 * fails if a fiche of that id is listed already. */
gboolean     rtes_library_add          (RtesLibrary  *self,
                                        RtesFiche    *fiche,
                                        GError      **error);
/* Rewrites the file of fiche @id in the library folder @dir in canonical
 * form (through @dir: a link is refused); *@rewritten says whether it
 * was not canonical already. A newer or broken file is left exactly as it
 * is (the error says why). @history (nullable) records the file's content
 * first if it has not seen it: an edit made outside the application is
 * kept as such; formatting itself changes no field, so adds no revision. */
gboolean     rtes_library_format_file  (RtesLibraryDir  *dir,
                                        RtesHistory     *history,
                                        const char      *id,
                                        gboolean        *rewritten,
                                        GError         **error);
/* Re-reads one fiche's file (after an outside change). Returns the new
 * object, which replaces the old one in the list, unless a handler of
 * ::reload keeps the old one (then the old one is returned). An unlisted
 * library (RTES_LIBRARY_OPEN_UNLISTED) returns NULL without an error. */
RtesFiche   *rtes_library_reload       (RtesLibrary  *self,
                                        const char   *id,
                                        GError      **error);
/* Writes @fiche (unsaved edits included) under @new_id and removes the
 * old file; its history follows it to the new id. */
gboolean     rtes_library_rename       (RtesLibrary  *self,
                                        RtesFiche    *fiche,
                                        const char   *new_id,
                                        GError      **error);
/* Moves the file to the trash where there is one; otherwise to
 * <library>/.rtes-fiches/deleted/. Never a hard delete. The history
 * records the deletion (the fiche can be brought back from it). */
gboolean     rtes_library_delete       (RtesLibrary  *self,
                                        RtesFiche    *fiche,
                                        GError      **error);

G_END_DECLS
