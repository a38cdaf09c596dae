/* rtes-library.h: a folder of fiches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rtes-fiche.h"

G_BEGIN_DECLS

#define RTES_TYPE_LIBRARY (rtes_library_get_type ())
G_DECLARE_FINAL_TYPE (RtesLibrary, rtes_library, RTES, LIBRARY, GObject)

#define RTES_LIBRARY_ERROR (rtes_library_error_quark ())

typedef enum {
  RTES_LIBRARY_ERROR_NOT_FOUND,   /* no fiche with that id */
  RTES_LIBRARY_ERROR_EXISTS,      /* a fiche with that id already exists */
  RTES_LIBRARY_ERROR_INVALID_ID,  /* not a slug: never used as a path */
  RTES_LIBRARY_ERROR_BROKEN,      /* the fiche's file could not be loaded */
  RTES_LIBRARY_ERROR_IO,
} RtesLibraryError;

/* Name of the application's bookkeeping folder inside a library. */
#define RTES_LIBRARY_STATE_DIR ".rtes-fiches"

GQuark       rtes_library_error_quark  (void);

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

/* Opens (and creates if missing) the folder and loads every *.json in it.
 * A file that does not load is listed as a broken fiche; the others load.
 * The library is a GListModel of RtesFiche sorted by id. */
RtesLibrary *rtes_library_open        (const char   *path,
                                        GError      **error);

/* The ids of the fiche files in the folder @path, sorted, as
 * rtes_library_open() would list them (creating the folder if missing),
 * for a tool that reads the files itself: nothing is loaded. */
GStrv        rtes_library_list_ids    (const char   *path,
                                       GError      **error);

/* The same in a worker thread: a library of thousands of fiches takes a
 * moment to parse, and the window must stay responsive meanwhile. */
void         rtes_library_open_async   (const char          *path,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
RtesLibrary *rtes_library_open_finish  (GAsyncResult        *result,
                                        GError             **error);

const char  *rtes_library_get_path     (RtesLibrary  *self);
/* <library>/.rtes-fiches/<name>, created on demand. */
char        *rtes_library_get_state_dir (RtesLibrary *self,
                                         const char  *name,
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
/* Saves @fiche to <id>.json; adds it to the library if it is new. */
gboolean     rtes_library_save         (RtesLibrary  *self,
                                        RtesFiche    *fiche,
                                        GError      **error);
/* Re-reads one fiche's file (after an outside change). Returns the new
 * object, which replaces the old one in the list. */
RtesFiche   *rtes_library_reload       (RtesLibrary  *self,
                                        const char   *id,
                                        GError      **error);
gboolean     rtes_library_rename       (RtesLibrary  *self,
                                        RtesFiche    *fiche,
                                        const char   *new_id,
                                        GError      **error);
/* Moves the file to the trash where there is one; otherwise to
 * <library>/.rtes-fiches/deleted/. Never a hard delete. */
gboolean     rtes_library_delete       (RtesLibrary  *self,
                                        RtesFiche    *fiche,
                                        GError      **error);

G_END_DECLS
