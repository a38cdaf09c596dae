/* rtes-import-store.h: what a library remembers of its imports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import merges the export into each fiche against the last imported
 * version of that fiche, its *base*; places changed both here and in the
 * export are *conflicts*, recorded until a person settles them:
 *
 *   store = rtes_import_store_load (library_path, &error);
 *   base = rtes_import_store_get_base (store, id, &error);    // NULL: never imported
 *   …merge…
 *   rtes_import_store_set_base (store, id, result->theirs_keyed);
 *   rtes_import_store_set_conflicts (store, id, conflicts);
 *   rtes_import_store_save (store, &error);                   // after the fiche files
 *
 *   // rtes-fiches-cli import-resolve ID PATH theirs
 *   rtes_import_resolve (library_path, id, path, RTES_IMPORT_RESOLVE_THEIRS, &error);
 *
 * The conflicts are RtesConflict records with the paths of
 * rtes-fiche-path.h, like the sync's, so that the same views list them.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rtes-fiche-merge.h"
#include "rtes-library-dir.h"

G_BEGIN_DECLS

#define RTES_IMPORT_CONFLICTS_FORMAT  "rtes-import-conflicts"
#define RTES_IMPORT_CONFLICTS_VERSION 1
/* No record file of a real library comes near this. */
#define RTES_IMPORT_STORE_MAX_FILE    (64 * 1024 * 1024)

#define RTES_TYPE_IMPORT_STORE (rtes_import_store_get_type ())
G_DECLARE_FINAL_TYPE (RtesImportStore, rtes_import_store, RTES, IMPORT_STORE, GObject)

/* Reads the conflicts of the library at @library_path (none when the
 * import never recorded any). Bases are read on demand. A damaged file is
 * RTES_IMPORT_ERROR_STATE naming the file and the place. */
RtesImportStore *rtes_import_store_load          (const char       *library_path,
                                                  GError          **error);
/* The same for the open library folder @dir (rtes_library_get_dir()):
 * every record is read and written through it, never through a link. */
RtesImportStore *rtes_import_store_load_at       (RtesLibraryDir   *dir,
                                                  GError          **error);

/* The last imported version of fiche @id as a canonical fiche document,
 * or NULL without an error when it was never imported by this version. A
 * base file that cannot be read is RTES_IMPORT_ERROR_STATE. */
JsonNode        *rtes_import_store_get_base      (RtesImportStore  *self,
                                                  const char       *id,
                                                  GError          **error);
/* Records @document (a fiche document, read back as a fiche for the
 * canonical form) as the base of @id; FALSE if it is not a valid fiche. */
gboolean         rtes_import_store_set_base      (RtesImportStore  *self,
                                                  const char       *id,
                                                  JsonNode         *document,
                                                  GError          **error);

/* Open conflicts: of fiche @id, or all (@id NULL) sorted by id then
 * document order. The array holds the store's own records. */
GPtrArray       *rtes_import_store_get_conflicts (RtesImportStore  *self,
                                                  const char       *id);
RtesConflict    *rtes_import_store_lookup_conflict (RtesImportStore *self,
                                                    const char      *id,
                                                    const char      *path);
/* Replaces the conflicts of @id with copies of @conflicts (may be NULL). */
void             rtes_import_store_set_conflicts (RtesImportStore  *self,
                                                  const char       *id,
                                                  GPtrArray        *conflicts);

/* TRUE when something set since loading differs from the files. */
gboolean         rtes_import_store_has_changes   (RtesImportStore  *self);
/* Writes the bases and the conflict file that changed, each atomically.
 * Fails, writing no conflict, if the conflict file changed on disk since
 * it was loaded (another import or resolve meanwhile). */
gboolean         rtes_import_store_save          (RtesImportStore  *self,
                                                  GError          **error);

typedef enum {
  RTES_IMPORT_RESOLVE_MINE,    /* keep the value here */
  RTES_IMPORT_RESOLVE_THEIRS,  /* take the export's */
} RtesImportResolution;

/* Drops the record of the import conflict on @path of fiche @id, whose
 * fiche already holds the value chosen (the window writes it through its
 * document first). RTES_IMPORT_ERROR_NO_CONFLICT if there is none. */
gboolean         rtes_import_forget_conflict     (const char           *library_path,
                                                  const char           *id,
                                                  const char           *path,
                                                  GError              **error);

/* Settles the import conflict on @path of fiche @id in the library at
 * @library_path: writes the chosen value into the fiche file (THEIRS),
 * then drops the record. RTES_IMPORT_ERROR_NO_CONFLICT if there is none.
 * For the command line; the window applies the choice to its document. */
gboolean         rtes_import_resolve             (const char           *library_path,
                                                  const char           *id,
                                                  const char           *path,
                                                  RtesImportResolution  resolution,
                                                  GError              **error);

G_END_DECLS
