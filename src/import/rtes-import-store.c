/* rtes-import-store.c: what a library remembers of its imports
 *
 * <library>/.rtes-fiches/import/ holds:
 *   bases/<id>.json   the last imported version of each fiche: a fiche
 *                     document in canonical form, read back with the
 *                     fiche reader (which checks the id against the name);
 *   conflicts.json    the open import conflicts, one record per place:
 *                     { "format": "rtes-import-conflicts", "version": 1,
 *                       "conflicts": [ { "id", "field", "base", "mine",
 *                       "theirs" }, … ] } with the member names of the
 *                     sync state, so that both read alike.
 *
 * Nothing is written until rtes_import_store_save(), which the import
 * calls after the fiche files: a crash in between leaves an older base,
 * which only makes the next import find the same changes again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rtes-fiche-json.h"
#include "rtes-fiche-path.h"
#include "rtes-import-error.h"
#include "rtes-import-private.h"
#include "rtes-import-store.h"
#include "rtes-json-writer.h"
#include "rtes-library.h"
#include "rtes-text.h"

/* Inside the library, for RtesLibraryDir. */
#define IMPORT_DIR     RTES_LIBRARY_STATE_DIR "/import"
#define CONFLICTS_FILE IMPORT_DIR "/conflicts.json"
#define BASES_DIR      IMPORT_DIR "/bases"

struct _RtesImportStore
{
  GObject parent_instance;

  RtesLibraryDir *root;      /* the library folder */
  GBytes     *loaded;        /* conflicts.json as read, NULL if there was none */
  GHashTable *bases;         /* id → JsonNode, those read or set so far */
  GHashTable *dirty_bases;   /* ids whose base must be written */
  GHashTable *conflicts;     /* id → GPtrArray of RtesConflict* */
};

G_DEFINE_FINAL_TYPE (RtesImportStore, rtes_import_store, G_TYPE_OBJECT)

/* ---- files ---- */

/* Every file an import writes (fiches, bases, the conflict record) goes
 * through this one function: inside the library @dir, never through a
 * link (rtes_library_dir_write_full()), atomically, creating the folders
 * of the import's records on the way. @relative was built from a checked
 * id. Many writes in a row pass RTES_ATOMIC_WRITE_DEFER_FOLDER_SYNC and
 * flush their folder once (rtes_library_dir_sync_folder()). */
static gboolean
rtes_import_write_file (RtesLibraryDir        *dir,
                        const char            *relative,
                        const char            *data,
                        gsize                  length,
                        RtesAtomicWriteFlags   flags,
                        GError               **error)
{
  return rtes_library_dir_write_full (dir, relative, data, length, flags, error);
}

char *
rtes_import_read_file (RtesLibraryDir  *dir,
                       const char      *relative,
                       gsize            max_size,
                       gsize           *length,
                       GError         **error)
{
  /* A regular file, links not followed, never more than @max_size read. */
  g_autoptr(GBytes) bytes = rtes_library_dir_read (dir, relative, max_size, error);
  gsize size;
  char *data;

  if (bytes == NULL)
    return NULL;
  size = g_bytes_get_size (bytes);
  data = g_malloc (size + 1);
  memcpy (data, g_bytes_get_data (bytes, NULL), size);
  data[size] = '\0';
  *length = size;
  return data;
}

/* ---- object ---- */

static void
rtes_import_store_finalize (GObject *object)
{
  RtesImportStore *self = RTES_IMPORT_STORE (object);

  g_clear_pointer (&self->root, rtes_library_dir_unref);
  g_clear_pointer (&self->loaded, g_bytes_unref);
  g_hash_table_unref (self->bases);
  g_hash_table_unref (self->dirty_bases);
  g_hash_table_unref (self->conflicts);

  G_OBJECT_CLASS (rtes_import_store_parent_class)->finalize (object);
}

static void
rtes_import_store_class_init (RtesImportStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rtes_import_store_finalize;
}

static void
rtes_import_store_init (RtesImportStore *self)
{
  self->bases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  self->dirty_bases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->conflicts = rtes_conflicts_new ();
}

/* ---- reading the conflicts ---- */

static gboolean
record_error (GError            **error,
              const char         *path,
              RtesJsonPositions  *positions,
              JsonNode           *root,
              const char         *place,
              const char         *what)
{
  g_autofree char *where = positions != NULL ? rtes_json_positions_lookup (positions, root, place) : NULL;

  if (where != NULL)
    g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_STATE,
                 _("%s:%s: %s: %s; the import’s records are damaged (move the file away to start afresh)"),
                 path, where, place, what);
  else
    g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_STATE,
                 _("%s: %s: %s; the import’s records are damaged (move the file away to start afresh)"),
                 path, place, what);
  return FALSE;
}

static gboolean
read_conflict (RtesImportStore   *self,
               JsonNode          *root,
               JsonNode          *entry,
               guint              index,
               const char        *path,
               RtesJsonPositions *positions,
               GError           **error)
{
  g_autofree char *place = g_strdup_printf ("conflicts[%u]", index);
  g_autofree char *id_place = g_strdup_printf ("conflicts[%u].id", index);
  g_autofree char *field_place = g_strdup_printf ("conflicts[%u].field", index);
  JsonObject *object;
  const char *id;
  const char *field;

  if (!JSON_NODE_HOLDS_OBJECT (entry))
    return record_error (error, path, positions, root, place, _("expected an object"));
  object = json_node_get_object (entry);
  id = rtes_json_get_string_member (object, "id");
  field = rtes_json_get_string_member (object, "field");
  if (id == NULL || !rtes_id_is_valid (id))
    return record_error (error, path, positions, root, id_place, _("expected a fiche id"));
  if (field == NULL || !rtes_fiche_path_is_valid (field))
    return record_error (error, path, positions, root, field_place, _("expected a place in a fiche"));

  rtes_conflicts_add (self->conflicts, rtes_conflict_new (id, field,
                                                         json_object_get_member (object, "base"),
                                                         json_object_get_member (object, "mine"),
                                                         json_object_get_member (object, "theirs")));
  return TRUE;
}

static gboolean
read_conflicts (RtesImportStore *self,
                const char      *data,
                gsize            length,
                const char      *path,
                GError         **error)
{
  g_autoptr(RtesJsonPositions) positions = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  JsonNode *format;
  gint64 version;
  JsonNode *conflicts;
  JsonArray *array;

  root = rtes_json_parse (data, length, RTES_JSON_STATE, path, &positions, &local_error);
  if (root == NULL)
    {
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_STATE,
                   _("%s; the import’s records are damaged (move the file away to start afresh)"),
                   local_error->message);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return record_error (error, path, NULL, root, "/", _("expected an object"));
  object = json_node_get_object (root);
  format = json_object_get_member (object, "format");
  if (g_strcmp0 (rtes_json_get_string_member (object, "format"), RTES_IMPORT_CONFLICTS_FORMAT) != 0)
    return record_error (error, path, positions, root, "format",
                         format == NULL ? _("missing") : _("not an import conflict record"));
  if (!rtes_json_get_int (json_object_get_member (object, "version"), &version)
      || version != RTES_IMPORT_CONFLICTS_VERSION)
    return record_error (error, path, positions, root, "version", _("unsupported version"));
  conflicts = json_object_get_member (object, "conflicts");
  if (conflicts == NULL || !JSON_NODE_HOLDS_ARRAY (conflicts))
    return record_error (error, path, positions, root, "conflicts", _("expected an array"));
  array = json_node_get_array (conflicts);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!read_conflict (self, root, json_array_get_element (array, i), i, path, positions, error))
      return FALSE;
  return TRUE;
}

RtesImportStore *
rtes_import_store_load_at (RtesLibraryDir  *dir,
                           GError         **error)
{
  g_autoptr(RtesImportStore) self = g_object_new (RTES_TYPE_IMPORT_STORE, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (dir != NULL, NULL);

  self->root = rtes_library_dir_ref (dir);
  path = rtes_library_dir_display (dir, CONFLICTS_FILE);
  data = rtes_import_read_file (dir, CONFLICTS_FILE, RTES_IMPORT_STORE_MAX_FILE, &length, &local_error);
  if (data == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return g_steal_pointer (&self);
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_STATE,
                   _("Could not read the import’s conflicts: %s"), local_error->message);
      return NULL;
    }
  if (!read_conflicts (self, data, length, path, error))
    return NULL;
  self->loaded = g_bytes_new_take (g_steal_pointer (&data), length);
  return g_steal_pointer (&self);
}

RtesImportStore *
rtes_import_store_load (const char  *library_path,
                        GError     **error)
{
  g_autoptr(RtesLibraryDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (library_path != NULL, NULL);

  dir = rtes_library_dir_open (library_path, FALSE, &local_error);
  if (dir == NULL)
    {
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_STATE,
                   _("Could not read the import’s conflicts: %s"), local_error->message);
      return NULL;
    }
  return rtes_import_store_load_at (dir, error);
}

RtesLibraryDir *
rtes_import_store_get_library_dir (RtesImportStore *self)
{
  g_return_val_if_fail (RTES_IS_IMPORT_STORE (self), NULL);
  return self->root;
}

/* ---- bases ---- */

/* Inside the library, for RtesLibraryDir. */
static char *
base_path (const char *id)
{
  return g_strconcat (BASES_DIR "/", id, ".json", NULL);
}

/* A base is a fiche document: the fiche reader checks it as strictly as
 * a fiche file, and its id must be the file's name. */
static JsonNode *
read_base (RtesImportStore  *self,
           const char       *id,
           GError          **error)
{
  g_autofree char *relative = base_path (id);
  g_autofree char *path = rtes_library_dir_display (self->root, relative);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(RtesFiche) fiche = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  data = rtes_import_read_file (self->root, relative, RTES_IMPORT_STORE_MAX_FILE, &length, &local_error);
  if (data == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return NULL;
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_STATE,
                   _("Could not read the last import of %s: %s"), id, local_error->message);
      return NULL;
    }
  fiche = rtes_fiche_new_from_data (data, length, path, &local_error);
  if (fiche == NULL)
    {
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_STATE,
                   _("Could not read the last import of %s: %s"), id, local_error->message);
      return NULL;
    }
  if (g_strcmp0 (rtes_fiche_get_id (fiche), id) != 0)
    {
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_STATE,
                   _("%s: id \"%s\" does not match the file name (expected \"%s\")"),
                   path, rtes_fiche_get_id (fiche), id);
      return NULL;
    }
  return rtes_fiche_to_json (fiche);
}

JsonNode *
rtes_import_store_get_base (RtesImportStore  *self,
                            const char       *id,
                            GError          **error)
{
  JsonNode *node;

  g_return_val_if_fail (RTES_IS_IMPORT_STORE (self), NULL);
  g_return_val_if_fail (rtes_id_is_valid (id), NULL);

  node = g_hash_table_lookup (self->bases, id);
  if (node != NULL)
    return json_node_ref (node);
  node = read_base (self, id, error);
  if (node != NULL)
    g_hash_table_insert (self->bases, g_strdup (id), json_node_ref (node));
  return node;
}

gboolean
rtes_import_store_set_base (RtesImportStore  *self,
                            const char       *id,
                            JsonNode         *document,
                            GError          **error)
{
  g_autoptr(RtesFiche) fiche = NULL;
  g_autoptr(JsonNode) canonical = NULL;
  g_autoptr(JsonNode) old = NULL;

  g_return_val_if_fail (RTES_IS_IMPORT_STORE (self), FALSE);
  g_return_val_if_fail (rtes_id_is_valid (id), FALSE);

  /* An unreadable old base is replaced: this one is what the import saw.
   * The same document as before is the common case (an export imported
   * again): no need to read it back as a fiche. */
  old = rtes_import_store_get_base (self, id, NULL);
  if (old != NULL && json_node_equal (old, document))
    return TRUE;
  fiche = rtes_fiche_new_from_json (document, id, NULL, error);
  if (fiche == NULL)
    return FALSE;
  canonical = rtes_fiche_to_json (fiche);
  if (old != NULL && json_node_equal (old, canonical))
    return TRUE;
  g_hash_table_insert (self->bases, g_strdup (id), g_steal_pointer (&canonical));
  g_hash_table_add (self->dirty_bases, g_strdup (id));
  return TRUE;
}

/* ---- conflicts ---- */

GPtrArray *
rtes_import_store_get_conflicts (RtesImportStore *self,
                                 const char      *id)
{
  g_return_val_if_fail (RTES_IS_IMPORT_STORE (self), g_ptr_array_new ());
  return rtes_conflicts_get (self->conflicts, id);
}

RtesConflict *
rtes_import_store_lookup_conflict (RtesImportStore *self,
                                   const char      *id,
                                   const char      *path)
{
  g_return_val_if_fail (RTES_IS_IMPORT_STORE (self), NULL);
  return rtes_conflicts_lookup (self->conflicts, id, path);
}

void
rtes_import_store_set_conflicts (RtesImportStore *self,
                                 const char      *id,
                                 GPtrArray       *conflicts)
{
  g_return_if_fail (RTES_IS_IMPORT_STORE (self));
  g_return_if_fail (rtes_id_is_valid (id));
  rtes_conflicts_set (self->conflicts, id, conflicts);
}

static gboolean
rtes_import_store_remove_conflict (RtesImportStore *self,
                                   const char      *id,
                                   const char      *path)
{
  RtesConflict *conflict = rtes_import_store_lookup_conflict (self, id, path);

  if (conflict == NULL)
    return FALSE;
  rtes_conflict_remove_from (self->conflicts, conflict);
  return TRUE;
}

/* ---- writing ---- */

/* The conflict file's bytes, or NULL when there is nothing to record and
 * no file to empty. */
static GBytes *
conflicts_bytes (RtesImportStore *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) conflicts = rtes_import_store_get_conflicts (self, NULL);
  gsize length;
  char *data;

  if (conflicts->len == 0 && self->loaded == NULL)
    return NULL;
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  rtes_json_builder_add_string (builder, "format", RTES_IMPORT_CONFLICTS_FORMAT);
  rtes_json_builder_add_int (builder, "version", RTES_IMPORT_CONFLICTS_VERSION);
  json_builder_set_member_name (builder, "conflicts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < conflicts->len; i++)
    {
      rtes_conflict_build (g_ptr_array_index (conflicts, i), "field", builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  data = rtes_json_to_canonical (root, &length);
  return g_bytes_new_take (data, length);
}

gboolean
rtes_import_store_has_changes (RtesImportStore *self)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (RTES_IS_IMPORT_STORE (self), FALSE);

  if (g_hash_table_size (self->dirty_bases) > 0)
    return TRUE;
  bytes = conflicts_bytes (self);
  if (bytes == NULL)
    return FALSE;
  return self->loaded == NULL || !g_bytes_equal (bytes, self->loaded);
}

/* The conflict file must still hold what was loaded: another import or a
 * resolve that saved meanwhile is not overwritten. */
static gboolean
check_conflicts_unchanged (RtesImportStore  *self,
                           GError          **error)
{
  g_autofree char *path = rtes_library_dir_display (self->root, CONFLICTS_FILE);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  gboolean same;

  data = rtes_import_read_file (self->root, CONFLICTS_FILE, RTES_IMPORT_STORE_MAX_FILE, &length,
                                &local_error);
  if (data == NULL)
    same = self->loaded == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  else
    same = self->loaded != NULL && g_bytes_get_size (self->loaded) == length
           && memcmp (g_bytes_get_data (self->loaded, NULL), data, length) == 0;
  if (!same)
    g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_CHANGED,
                 _("%s changed while the import ran: nothing was recorded, import again"), path);
  return same;
}

/* Bases written at most this many at a time: each holds its temporary
 * file open until its batch is committed. */
#define BASES_BATCH 256

/* Writes the bases that changed, durably with one flush per batch rather
 * than one per base (rtes_atomic_batch_commit()): their folder is on the
 * disk before the conflicts rely on them. */
static gboolean
save_bases (RtesImportStore  *self,
            GError          **error)
{
  g_autoptr(GPtrArray) dirty = rtes_strings_sorted_keys (self->dirty_bases);
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();
  g_autoptr(RtesAtomicBatch) batch = NULL;

  if (dirty->len == 0)
    return TRUE;
  batch = rtes_library_dir_batch_new (self->root, BASES_DIR, error);
  if (batch == NULL)
    return FALSE;
  for (guint i = 0; i < dirty->len; i++)
    {
      const char *id = g_ptr_array_index (dirty, i);
      g_autofree char *name = g_strconcat (id, ".json", NULL);
      g_autoptr(RtesFiche) fiche = rtes_fiche_new_from_json (g_hash_table_lookup (self->bases, id), id,
                                                             NULL, error);
      g_autofree char *data = NULL;
      gsize length;

      if (fiche == NULL)
        return FALSE;
      data = rtes_fiche_to_data (fiche, &length);
      if (!rtes_library_dir_batch_add (self->root, batch, BASES_DIR, name, data, length, error))
        return FALSE;
      g_ptr_array_add (pending, (gpointer) id);
      if (pending->len == BASES_BATCH || i + 1 == dirty->len)
        {
          if (!rtes_atomic_batch_commit (batch, NULL, error))
            return FALSE;
          for (guint j = 0; j < pending->len; j++)
            g_hash_table_remove (self->dirty_bases, g_ptr_array_index (pending, j));
          g_ptr_array_set_size (pending, 0);
        }
    }
  return TRUE;
}

gboolean
rtes_import_store_save (RtesImportStore  *self,
                        GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (RTES_IS_IMPORT_STORE (self), FALSE);

  bytes = conflicts_bytes (self);
  if (bytes != NULL && self->loaded != NULL && g_bytes_equal (bytes, self->loaded))
    g_clear_pointer (&bytes, g_bytes_unref);
  if (bytes != NULL && !check_conflicts_unchanged (self, error))
    return FALSE;

  /* Bases first: the conflicts name places in them. */
  if (!save_bases (self, error))
    return FALSE;

  if (bytes != NULL)
    {
      if (!rtes_import_write_file (self->root, CONFLICTS_FILE, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), RTES_ATOMIC_WRITE_NONE, error))
        return FALSE;
      g_clear_pointer (&self->loaded, g_bytes_unref);
      self->loaded = g_bytes_ref (bytes);
    }
  return TRUE;
}

/* ---- resolving ---- */

/* Writes the chosen side of @conflict into @document (a mutable fiche
 * document): nothing for MINE, the export's value (or its absence) at the
 * conflict's path for THEIRS. */
static gboolean
rtes_import_conflict_apply (const RtesConflict    *conflict,
                            RtesImportResolution   resolution,
                            JsonNode              *document,
                            GError               **error)
{
  g_return_val_if_fail (conflict != NULL, FALSE);
  g_return_val_if_fail (document != NULL && JSON_NODE_HOLDS_OBJECT (document), FALSE);

  if (resolution == RTES_IMPORT_RESOLVE_MINE)
    return TRUE;
  return rtes_fiche_path_set (document, conflict->path, conflict->theirs, error);
}

/* The store of @library_path and its conflict on @path of @id. */
static RtesImportStore *
load_with_conflict (const char     *library_path,
                    const char     *id,
                    const char     *path,
                    RtesConflict  **conflict,
                    GError        **error)
{
  g_autoptr(RtesImportStore) store = NULL;

  if (id == NULL || !rtes_id_is_valid (id))
    {
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_NO_CONFLICT,
                   _("“%s” is not a fiche id"), id ? id : "");
      return NULL;
    }
  store = rtes_import_store_load (library_path, error);
  if (store == NULL)
    return NULL;
  *conflict = rtes_import_store_lookup_conflict (store, id, path);
  if (*conflict == NULL)
    {
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_NO_CONFLICT,
                   _("Fiche %s has no open import conflict on “%s”"), id, path);
      return NULL;
    }
  return g_steal_pointer (&store);
}

gboolean
rtes_import_forget_conflict (const char  *library_path,
                             const char  *id,
                             const char  *path,
                             GError     **error)
{
  g_autoptr(RtesImportStore) store = NULL;
  RtesConflict *conflict = NULL;

  g_return_val_if_fail (library_path != NULL, FALSE);

  store = load_with_conflict (library_path, id, path, &conflict, error);
  if (store == NULL)
    return FALSE;
  rtes_import_store_remove_conflict (store, id, path);
  return rtes_import_store_save (store, error);
}

gboolean
rtes_import_resolve (const char            *library_path,
                     const char            *id,
                     const char            *path,
                     RtesImportResolution   resolution,
                     GError               **error)
{
  g_autoptr(RtesImportStore) store = NULL;
  RtesConflict *conflict = NULL;

  g_return_val_if_fail (library_path != NULL, FALSE);

  store = load_with_conflict (library_path, id, path, &conflict, error);
  if (store == NULL)
    return FALSE;

  if (resolution == RTES_IMPORT_RESOLVE_THEIRS)
    {
      g_autofree char *name = g_strconcat (id, ".json", NULL);
      g_autofree char *fiche_path = rtes_library_dir_display (store->root, name);
      g_autoptr(RtesFiche) fiche = NULL;
      g_autoptr(RtesFiche) resolved = NULL;
      g_autoptr(JsonNode) document = NULL;
      g_autofree char *data = NULL;
      gsize length;

      /* Read as the library reads it: no link, no FIFO, bounded. */
      data = rtes_import_read_file (store->root, name, RTES_JSON_MAX_FICHE_SIZE, &length, error);
      if (data == NULL)
        return FALSE;
      fiche = rtes_fiche_new_from_data (data, length, fiche_path, error);
      g_clear_pointer (&data, g_free);
      if (fiche == NULL)
        return FALSE;
      document = rtes_fiche_to_json (fiche);
      if (!rtes_import_conflict_apply (conflict, resolution, document, error))
        return FALSE;
      resolved = rtes_fiche_new_from_json (document, name, NULL, error);
      if (resolved == NULL)
        return FALSE;
      data = rtes_fiche_to_data (resolved, &length);
      /* The fiche first: a crash before the record is saved leaves a
       * conflict whose two values agree, which the next import drops. */
      if (!rtes_fiche_check_size (resolved, fiche_path, error)
          || !rtes_import_write_file (store->root, name, data, length, RTES_ATOMIC_WRITE_NONE, error))
        return FALSE;
    }
  rtes_import_store_remove_conflict (store, id, path);
  return rtes_import_store_save (store, error);
}
