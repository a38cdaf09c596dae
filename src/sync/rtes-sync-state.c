/* rtes-sync-state.c: what a library remembers of the site between syncs
 *
 * <library>/.rtes-fiches/sync/ holds:
 *   state.json        the site address, the ETag of the last export, each
 *                     fiche's revision (and the key its file had when it
 *                     last held the base, see rtes_sync_state_is_clean())
 *                     and the open conflicts (each with its path; version
 *                     1 named a top-level member);
 *   bases/<id>.json   the base copy of each fiche: the site's copy as last
 *                     received or accepted, as a canonical fiche document,
 *                     so that it diffs like the fiches themselves.
 * Nothing is written here directly: changes are planned into a
 * RtesSyncTransaction together with the fiche files they go with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rtes-fiche-path.h"
#include "rtes-json-writer.h"
#include "rtes-json-reader.h"
#include "rtes-safe-file.h"
#include "rtes-site-export.h"
#include "rtes-sync-error.h"
#include "rtes-sync-state.h"
#include "rtes-text.h"

#define STATE_FILE "state.json"
#define BASES_DIR  "bases"

struct _RtesSyncState
{
  GObject parent_instance;

  char *dir;
  char *root;               /* the folder reads start from: the library's */
  char *below;              /* @dir inside @root: RTES_SYNC_STATE_DIR, or "" */
  GBytes *loaded;           /* state.json as read, NULL if there was none */
  char *site;
  char *etag;
  GHashTable *revisions;    /* id → revision */
  GHashTable *bases;        /* id → JsonNode, those read or set so far */
  GHashTable *dirty_bases;  /* ids whose base must be written */
  GHashTable *conflicts;    /* id → GPtrArray of RtesConflict* */
  GHashTable *clean;        /* id → RtesFileKey* of its file holding its base */
  gboolean modified;        /* since it was loaded: state.json must be written */
};

G_DEFINE_FINAL_TYPE (RtesSyncState, rtes_sync_state, G_TYPE_OBJECT)

static void
rtes_sync_state_finalize (GObject *object)
{
  RtesSyncState *self = RTES_SYNC_STATE (object);

  g_free (self->dir);
  g_free (self->root);
  g_free (self->below);
  g_clear_pointer (&self->loaded, g_bytes_unref);
  g_free (self->site);
  g_free (self->etag);
  g_hash_table_unref (self->revisions);
  g_hash_table_unref (self->bases);
  g_hash_table_unref (self->dirty_bases);
  g_hash_table_unref (self->conflicts);
  g_hash_table_unref (self->clean);

  G_OBJECT_CLASS (rtes_sync_state_parent_class)->finalize (object);
}

static void
rtes_sync_state_class_init (RtesSyncStateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rtes_sync_state_finalize;
}

static void
rtes_sync_state_init (RtesSyncState *self)
{
  self->revisions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->bases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) json_node_unref);
  self->dirty_bases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->conflicts = rtes_conflicts_new ();
  self->clean = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

char *
rtes_sync_state_dir_for_library (const char *library_path)
{
  return g_build_filename (library_path, RTES_LIBRARY_STATE_DIR, "sync", NULL);
}

/* ---- reading ---- */

/* The state folder is "<library>/.rtes-fiches/sync": reads start from the
 * library folder, so that neither .rtes-fiches nor sync is followed if it
 * is a link (the library folder itself may be one: the person chose it).
 * A folder given by another path is read from itself. */
static void
find_root (RtesSyncState *self)
{
  const char *suffix = G_DIR_SEPARATOR_S RTES_SYNC_STATE_DIR;

  if (g_str_has_suffix (self->dir, suffix) && strlen (self->dir) > strlen (suffix))
    {
      self->root = g_strndup (self->dir, strlen (self->dir) - strlen (suffix));
      self->below = g_strdup (RTES_SYNC_STATE_DIR);
    }
  else
    {
      self->root = g_strdup (self->dir);
      self->below = g_strdup ("");
    }
}

/* @name ("state.json", "bases/<id>.json") of the state folder, read as
 * every file of a library is (rtes_safe_file_read()). */
static GBytes *
read_state_file (RtesSyncState  *self,
                 const char     *name,
                 gsize           max_size,
                 GError        **error)
{
  g_autofree char *relative = self->below[0] != '\0' ? g_build_path ("/", self->below, name, NULL)
                                                      : g_strdup (name);

  return rtes_safe_file_read (self->root, relative, max_size, error);
}


static gboolean
state_error (GError    **error,
             const char *path,
             const char *place,
             const char *what)
{
  g_set_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_STATE,
               _("%s: %s: %s; the sync state is damaged (move the file away to start afresh)"),
               path, place, what);
  return FALSE;
}

/* Absent or null reads as NULL; a value of another type is an error. */
static gboolean
optional_string (JsonObject  *object,
                 const char  *member,
                 const char **value)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = rtes_json_get_string (node);
  return *value != NULL || node == NULL || JSON_NODE_HOLDS_NULL (node);
}

/* "size mtime ctime inode device", in decimal: a string, as JSON numbers
 * stop at 2^63 and a file system may number inodes beyond. */
static gboolean
parse_file_key (const char  *text,
                RtesFileKey *key)
{
  guint64 values[5];
  const char *p = text;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      char *end = NULL;

      if (!g_ascii_isdigit (*p))
        return FALSE;
      errno = 0;
      values[i] = g_ascii_strtoull (p, &end, 10);
      if (errno != 0 || *end != (i + 1 < G_N_ELEMENTS (values) ? ' ' : '\0'))
        return FALSE;
      p = end + (*end == ' ');
    }
  if (values[1] > G_MAXINT64 || values[2] > G_MAXINT64)
    return FALSE;
  key->size = values[0];
  key->mtime_ns = (gint64) values[1];
  key->ctime_ns = (gint64) values[2];
  key->inode = values[3];
  key->device = values[4];
  return TRUE;
}

static char *
format_file_key (const RtesFileKey *key)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                          " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT,
                          key->size, key->mtime_ns, key->ctime_ns, key->inode, key->device);
}

/* @member.@id names the place in a message: built only for one. */
static gboolean
add_fiche (RtesSyncState *self,
           const char    *id,
           const char    *revision,
           const char    *file,
           const char    *path,
           const char    *member,
           GError       **error)
{
  const char *what = NULL;
  RtesFileKey key;

  if (!rtes_id_is_valid (id))
    what = _("not a valid fiche id");
  else if (!rtes_site_revision_is_valid (revision))
    what = _("expected a valid revision");
  else if (file != NULL && !parse_file_key (file, &key))
    what = _("expected a file key");
  if (what != NULL)
    {
      g_autofree char *place = g_strdup_printf ("%s.%s", member, id);

      return state_error (error, path, place, what);
    }
  g_hash_table_insert (self->revisions, g_strdup (id), g_strdup (revision));
  if (file != NULL)
    g_hash_table_insert (self->clean, g_strdup (id), g_memdup2 (&key, sizeof key));
  return TRUE;
}

/* Versions 1 and 2: "fiches": {"<id>": {"revision": "17"}}. */
static gboolean
read_fiches (RtesSyncState *self,
             JsonNode      *fiches,
             const char    *path,
             GError       **error)
{
  g_autoptr(GList) names = NULL;

  if (fiches == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (fiches))
    return state_error (error, path, "fiches", _("expected an object"));
  names = json_object_get_members (json_node_get_object (fiches));
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *id = l->data;
      JsonNode *entry = json_object_get_member (json_node_get_object (fiches), id);
      g_autofree char *place = g_strdup_printf ("fiches.%s", id);
      const char *revision = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (entry)
          || !optional_string (json_node_get_object (entry), "revision", &revision))
        return state_error (error, path, place, _("expected an object with a valid \"revision\""));
      if (!add_fiche (self, id, revision, NULL, path, "fiches", error))
        return FALSE;
    }
  return TRUE;
}

/* Version 3: "revisions": {"<id>": "17"}, "files": {"<id>": "<key>"},
 * two maps of strings, as a state of 10,000 fiches is read at every sync
 * and an object per fiche took most of that time. */
static gboolean
read_revisions (RtesSyncState *self,
                JsonNode      *revisions,
                JsonNode      *files,
                const char    *path,
                GError       **error)
{
  JsonObject *revision_map;
  JsonObject *file_map;
  JsonObjectIter iter;
  const char *id;
  JsonNode *value;

  if (revisions == NULL || !JSON_NODE_HOLDS_OBJECT (revisions))
    return state_error (error, path, "revisions", _("expected an object"));
  if (files == NULL || !JSON_NODE_HOLDS_OBJECT (files))
    return state_error (error, path, "files", _("expected an object"));
  revision_map = json_node_get_object (revisions);
  file_map = json_node_get_object (files);
  json_object_iter_init (&iter, revision_map);
  while (json_object_iter_next (&iter, &id, &value))
    {
      JsonNode *file = json_object_get_member (file_map, id);
      const char *revision = rtes_json_get_string (value);

      if (revision == NULL || (file != NULL && rtes_json_get_string (file) == NULL))
        {
          g_autofree char *place = g_strdup_printf ("revisions.%s", id);

          return state_error (error, path, place, _("expected a string"));
        }
      if (!add_fiche (self, id, revision, rtes_json_get_string (file), path, "revisions", error))
        return FALSE;
    }
  json_object_iter_init (&iter, file_map);
  while (json_object_iter_next (&iter, &id, &value))
    if (!json_object_has_member (revision_map, id))
      {
        g_autofree char *place = g_strdup_printf ("files.%s", id);

        return state_error (error, path, place, _("a file key without a revision"));
      }
  return TRUE;
}

static gboolean
read_conflicts (RtesSyncState *self,
                JsonNode      *conflicts,
                gint64         version,
                const char    *path,
                GError       **error)
{
  JsonArray *array;

  if (conflicts == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (conflicts))
    return state_error (error, path, "conflicts", _("expected an array"));
  array = json_node_get_array (conflicts);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *entry = json_array_get_element (array, i);
      g_autofree char *place = g_strdup_printf ("conflicts[%u]", i);
      JsonObject *object;
      const char *id;
      const char *where;

      if (!JSON_NODE_HOLDS_OBJECT (entry))
        return state_error (error, path, place, _("expected an object"));
      object = json_node_get_object (entry);
      id = rtes_json_get_string_member (object, "id");
      /* Version 1 named a top-level member, "field"; it is a path too. */
      where = rtes_json_get_string_member (object, version == 1 ? "field" : "path");
      if (!rtes_id_is_valid (id) || !rtes_fiche_path_is_valid (where))
        return state_error (error, path, place, version == 1
                            ? _("expected a valid \"id\" and \"field\"")
                            : _("expected a valid \"id\" and \"path\""));
      rtes_conflicts_add (self->conflicts, rtes_conflict_new (id, where,
                                                             json_object_get_member (object, "base"),
                                                             json_object_get_member (object, "mine"),
                                                             json_object_get_member (object, "theirs")));
    }
  return TRUE;
}

static gboolean
read_state (RtesSyncState *self,
            JsonNode      *root,
            const char    *path,
            GError       **error)
{
  JsonObject *object;
  gint64 version;
  const char *site = NULL;
  const char *etag = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return state_error (error, path, "/", _("expected an object"));
  object = json_node_get_object (root);
  if (g_strcmp0 (rtes_json_get_string_member (object, "format"), RTES_SYNC_STATE_FORMAT) != 0)
    return state_error (error, path, "format", _("not a sync state file"));
  if (!rtes_json_get_int (json_object_get_member (object, "version"), &version)
      || version < 1 || version > RTES_SYNC_STATE_VERSION)
    return state_error (error, path, "version", _("unsupported version"));
  if (!optional_string (object, "site", &site))
    return state_error (error, path, "site", _("expected a string"));
  if (!optional_string (object, "etag", &etag))
    return state_error (error, path, "etag", _("expected a string"));
  self->site = g_strdup (site);
  self->etag = g_strdup (etag);

  if (version >= 3
      ? !read_revisions (self, json_object_get_member (object, "revisions"),
                         json_object_get_member (object, "files"), path, error)
      : !read_fiches (self, json_object_get_member (object, "fiches"), path, error))
    return FALSE;
  return read_conflicts (self, json_object_get_member (object, "conflicts"),
                            version, path, error);
}

RtesSyncState *
rtes_sync_state_load (const char  *dir,
                      GError     **error)
{
  g_autoptr(RtesSyncState) self = g_object_new (RTES_TYPE_SYNC_STATE, NULL);
  g_autofree char *path = g_build_filename (dir, STATE_FILE, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;

  self->dir = g_strdup (dir);
  find_root (self);
  /* The state is read like any file of the library: a regular file, not
   * a link, bounded, and parsed strictly. */
  self->loaded = read_state_file (self, STATE_FILE, RTES_JSON_MAX_STATE_SIZE, &local_error);
  if (self->loaded == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return g_steal_pointer (&self);
      g_set_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_STATE,
                   _("Could not read the sync state: %s"), local_error->message);
      return NULL;
    }
  root = rtes_json_parse (g_bytes_get_data (self->loaded, NULL), g_bytes_get_size (self->loaded),
                          RTES_JSON_STATE, path, NULL, &local_error);
  if (root == NULL)
    {
      g_set_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_STATE,
                   _("%s; the sync state is damaged (move the file away to start afresh)"),
                   local_error->message);
      return NULL;
    }
  if (!read_state (self, root, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
rtes_sync_state_get_site (RtesSyncState *self)
{
  return self->site;
}

const char *
rtes_sync_state_get_etag (RtesSyncState *self)
{
  return self->etag;
}

void
rtes_sync_state_set_etag (RtesSyncState *self,
                          const char    *etag)
{
  if (g_strcmp0 (self->etag, etag) == 0)
    return;
  g_free (self->etag);
  self->etag = g_strdup (etag);
  self->modified = TRUE;
}

void
rtes_sync_state_reset (RtesSyncState *self,
                       const char    *site)
{
  g_free (self->site);
  self->site = g_strdup (site);
  g_clear_pointer (&self->etag, g_free);
  g_hash_table_remove_all (self->revisions);
  g_hash_table_remove_all (self->bases);
  g_hash_table_remove_all (self->dirty_bases);
  g_hash_table_remove_all (self->conflicts);
  g_hash_table_remove_all (self->clean);
  self->modified = TRUE;
}

GStrv
rtes_sync_state_list_ids (RtesSyncState *self)
{
  g_autoptr(GPtrArray) keys = rtes_strings_sorted_keys (self->revisions);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < keys->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (keys, i));
  return g_strv_builder_end (builder);
}

const char *
rtes_sync_state_get_revision (RtesSyncState *self,
                              const char    *id)
{
  return g_hash_table_lookup (self->revisions, id);
}

static char *
base_path (RtesSyncState *self,
           const char    *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);

  return g_build_filename (self->dir, BASES_DIR, name, NULL);
}

JsonNode *
rtes_sync_state_get_base (RtesSyncState  *self,
                          const char     *id,
                          GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonNode *node = g_hash_table_lookup (self->bases, id);

  if (node != NULL)
    return json_node_ref (node);
  if (!g_hash_table_contains (self->revisions, id) || !rtes_id_is_valid (id))
    return NULL;

  path = base_path (self, id);
  name = g_strconcat (BASES_DIR, G_DIR_SEPARATOR_S, id, ".json", NULL);
  bytes = read_state_file (self, name, RTES_JSON_MAX_FICHE_SIZE, &local_error);
  if (bytes != NULL)
    root = rtes_json_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                            RTES_JSON_FICHE, path, NULL, &local_error);
  if (root == NULL)
    {
      g_set_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_STATE,
                   _("Could not read the base copy of %s: %s"), id, local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_STATE,
                   _("%s: expected a fiche document"), path);
      return NULL;
    }
  g_hash_table_insert (self->bases, g_strdup (id), json_node_ref (root));
  return json_node_ref (root);
}

void
rtes_sync_state_set_base (RtesSyncState *self,
                          const char    *id,
                          const char    *revision,
                          JsonNode      *document)
{
  g_autoptr(JsonNode) old = rtes_sync_state_get_base (self, id, NULL);

  g_return_if_fail (rtes_id_is_valid (id));
  g_return_if_fail (rtes_site_revision_is_valid (revision));

  if (g_strcmp0 (g_hash_table_lookup (self->revisions, id), revision) != 0)
    {
      g_hash_table_insert (self->revisions, g_strdup (id), g_strdup (revision));
      self->modified = TRUE;
    }
  if (old != NULL && json_node_equal (old, document))
    return;
  /* Whatever the file held, it was not this base. */
  g_hash_table_remove (self->clean, id);
  self->modified = TRUE;
  g_hash_table_insert (self->bases, g_strdup (id), json_node_copy (document));
  g_hash_table_add (self->dirty_bases, g_strdup (id));
}

/* ---- clean files ---- */

gboolean
rtes_sync_state_is_clean (RtesSyncState     *self,
                          const char        *id,
                          const RtesFileKey *key)
{
  const RtesFileKey *clean = g_hash_table_lookup (self->clean, id);

  return clean != NULL && rtes_file_key_equal (clean, key);
}

void
rtes_sync_state_set_clean (RtesSyncState     *self,
                           const char        *id,
                           const RtesFileKey *key)
{
  g_return_if_fail (g_hash_table_contains (self->revisions, id));

  if (key == NULL)
    self->modified |= g_hash_table_remove (self->clean, id);
  else if (!rtes_sync_state_is_clean (self, id, key))
    {
      g_hash_table_insert (self->clean, g_strdup (id), g_memdup2 (key, sizeof *key));
      self->modified = TRUE;
    }
}

/* ---- conflicts ---- */

GPtrArray *
rtes_sync_state_get_conflicts (RtesSyncState *self,
                               const char    *id)
{
  return rtes_conflicts_get (self->conflicts, id);
}

RtesConflict *
rtes_sync_state_lookup_conflict (RtesSyncState *self,
                                 const char    *id,
                                 const char    *path)
{
  return rtes_conflicts_lookup (self->conflicts, id, path);
}

guint
rtes_sync_state_count_conflicts (RtesSyncState *self)
{
  GHashTableIter iter;
  gpointer value;
  guint count = 0;

  g_hash_table_iter_init (&iter, self->conflicts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    count += ((GPtrArray *) value)->len;
  return count;
}

void
rtes_sync_state_set_conflicts (RtesSyncState *self,
                               const char    *id,
                               GPtrArray     *conflicts)
{
  self->modified |= (conflicts != NULL && conflicts->len > 0) || g_hash_table_contains (self->conflicts, id);
  rtes_conflicts_set (self->conflicts, id, conflicts);
}

gboolean
rtes_sync_state_remove_conflict (RtesSyncState *self,
                                 const char    *id,
                                 const char    *path)
{
  RtesConflict *conflict = rtes_sync_state_lookup_conflict (self, id, path);

  if (conflict == NULL)
    return FALSE;
  rtes_conflict_remove_from (self->conflicts, conflict);
  self->modified = TRUE;
  return TRUE;
}

/* ---- writing ---- */

static JsonNode *
state_to_json (RtesSyncState *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) ids = rtes_strings_sorted_keys (self->revisions);
  g_autoptr(GPtrArray) conflicts = rtes_sync_state_get_conflicts (self, NULL);

  json_builder_begin_object (builder);
  rtes_json_builder_add_string (builder, "format", RTES_SYNC_STATE_FORMAT);
  rtes_json_builder_add_int (builder, "version", RTES_SYNC_STATE_VERSION);
  json_builder_set_member_name (builder, "site");
  self->site ? json_builder_add_string_value (builder, self->site) : json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "etag");
  self->etag ? json_builder_add_string_value (builder, self->etag) : json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "revisions");
  json_builder_begin_object (builder);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);

      rtes_json_builder_add_string (builder, id, g_hash_table_lookup (self->revisions, id));
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "files");
  json_builder_begin_object (builder);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      const RtesFileKey *key = g_hash_table_lookup (self->clean, id);
      g_autofree char *file = NULL;

      if (key == NULL)
        continue;
      file = format_file_key (key);
      rtes_json_builder_add_string (builder, id, file);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "conflicts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < conflicts->len; i++)
    rtes_conflict_build (g_ptr_array_index (conflicts, i), "path", builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static GBytes *
canonical_bytes (JsonNode *node)
{
  gsize length;
  char *data = rtes_json_to_canonical (node, &length);

  return g_bytes_new_take (data, length);
}

void
rtes_sync_state_plan_save (RtesSyncState       *self,
                           RtesSyncTransaction *transaction)
{
  g_autoptr(GPtrArray) dirty = rtes_strings_sorted_keys (self->dirty_bases);
  g_autoptr(JsonNode) state = NULL;
  g_autoptr(GBytes) state_bytes = NULL;
  const char *state_path = RTES_SYNC_STATE_DIR "/" STATE_FILE;

  /* Nothing to write: a sync told "nothing changed" stays a read. */
  if (!self->modified && self->loaded != NULL)
    return;
  state = state_to_json (self);
  state_bytes = canonical_bytes (state);

  /* Bases first, state.json last: it is what points at them. */
  for (guint i = 0; i < dirty->len; i++)
    {
      const char *id = g_ptr_array_index (dirty, i);
      g_autofree char *path = g_strdup_printf (RTES_SYNC_STATE_DIR "/" BASES_DIR "/%s.json", id);
      g_autoptr(GBytes) bytes = canonical_bytes (g_hash_table_lookup (self->bases, id));

      rtes_sync_transaction_write (transaction, path, bytes);
    }
  /* Another sync or a resolve that saved meanwhile makes the commit fail
   * rather than be overwritten. */
  rtes_sync_transaction_replace (transaction, state_path, state_bytes, self->loaded);
}
