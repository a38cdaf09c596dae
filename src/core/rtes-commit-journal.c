/* rtes-commit-journal.c: undoing a commit of several files cut short by a crash
 *
 * A sync writes fiche files, base copies and the sync state together. Each
 * file is replaced atomically, but a crash between two files leaves some
 * new and some old. So before the first file the commit writes this
 * journal (each file's old contents, and a SHA-256 of what it is about to
 * write), and removes it after the last.
 *
 * A journal left behind is settled before anything else writes in the
 * library (the next sync, resolve, save or import): a file is put back only
 * if it still holds exactly what the interrupted commit wrote. A file the
 * commit never reached still holds its old contents; a file someone saved
 * since the crash holds their edit, which is kept. Putting back everything
 * blindly, as the first version did, undid such edits.
 *
 * The journal comes from disk, so it is treated as hostile: read without
 * following links, every entry checked before any file is touched, only
 * the files a commit may write accepted, and every file reached through
 * RtesLibraryDir, never by a path that could lead out of the library.
 *
 * Version 1 journals (no hash) are still settled, conservatively: the
 * application's own files under .rtes-fiches/sync are put back, fiche
 * files are left as they are (the next sync merges them again, and the
 * site's changes they hold then agree on both sides).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-commit-journal.h"
#include "rtes-json-reader.h"
#include "rtes-json-writer.h"
#include "rtes-library.h"
#include "rtes-text.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The journal holds the old contents of every file of a commit: as large
 * as a library's fiches and bases together, in base64. */
#define MAX_JOURNAL_SIZE RTES_JSON_MAX_JOURNAL_SIZE
/* What a file the journal names may weigh (a fiche, a base, the state). */
#define MAX_FILE_SIZE RTES_JSON_MAX_STATE_SIZE

#define SYNC_DIR RTES_LIBRARY_STATE_DIR "/sync/"

typedef struct {
  char   *path;
  GBytes *old;       /* NULL: did not exist */
  char   *written;   /* SHA-256 in hex; NULL in a version 1 journal */
} Entry;

static void
entry_free (Entry *entry)
{
  g_free (entry->path);
  g_clear_pointer (&entry->old, g_bytes_unref);
  g_free (entry->written);
  g_free (entry);
}

static gboolean
is_fiche_file (const char *name)
{
  g_autofree char *id = rtes_id_from_filename (name);

  return id != NULL;
}

gboolean
rtes_commit_journal_path_is_allowed (const char *relative)
{
  if (relative == NULL)
    return FALSE;
  if (strchr (relative, '/') == NULL)
    return is_fiche_file (relative);
  if (g_str_equal (relative, SYNC_DIR "state.json"))
    return TRUE;
  if (g_str_has_prefix (relative, SYNC_DIR "bases/"))
    {
      const char *name = relative + strlen (SYNC_DIR "bases/");

      return strchr (name, '/') == NULL && is_fiche_file (name);
    }
  return FALSE;
}

static char *
sha256 (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static gboolean
journal_error (RtesLibraryDir  *dir,
               const char      *what,
               GError         **error)
{
  g_autofree char *display = rtes_library_dir_display (dir, RTES_COMMIT_JOURNAL_PATH);

  g_set_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_JOURNAL,
               _("%s: an interrupted sync could not be undone: %s"), display, what);
  return FALSE;
}

/* ---- writing ---- */

gboolean
rtes_commit_journal_write (RtesLibraryDir                *dir,
                           const RtesCommitJournalEntry  *entries,
                           guint                          n_entries,
                           GError                       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  gsize length;

  json_builder_begin_object (builder);
  rtes_json_builder_add_string (builder, "format", RTES_COMMIT_JOURNAL_FORMAT);
  rtes_json_builder_add_int (builder, "version", RTES_COMMIT_JOURNAL_VERSION);
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_entries; i++)
    {
      const RtesCommitJournalEntry *e = &entries[i];
      g_autofree char *hash = sha256 (e->written);

      g_return_val_if_fail (rtes_commit_journal_path_is_allowed (e->path), FALSE);
      json_builder_begin_object (builder);
      rtes_json_builder_add_string (builder, "path", e->path);
      json_builder_set_member_name (builder, "old");
      if (e->old != NULL)
        {
          g_autofree char *encoded = g_base64_encode (g_bytes_get_data (e->old, NULL),
                                                      g_bytes_get_size (e->old));
          json_builder_add_string_value (builder, encoded);
        }
      else
        json_builder_add_null_value (builder);
      rtes_json_builder_add_string (builder, "written", hash);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  data = rtes_json_to_canonical (root, &length);
  /* A journal the next run would refuse to read protects nothing. */
  if (length > RTES_JSON_MAX_JOURNAL_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("This sync would replace more than can be undone safely; nothing was written"));
      return FALSE;
    }
  return rtes_library_dir_write (dir, RTES_COMMIT_JOURNAL_PATH, data, length, error);
}

gboolean
rtes_commit_journal_remove (RtesLibraryDir  *dir,
                            GError         **error)
{
  return rtes_library_dir_delete (dir, RTES_COMMIT_JOURNAL_PATH, error);
}

/* ---- reading ---- */

static gboolean
is_base64 (const char *text)
{
  gsize length = strlen (text);
  gsize padding = 0;

  if (length % 4 != 0)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '=')
        {
          /* Only at the end, at most two. */
          if (i + 2 < length || ++padding > 2)
            return FALSE;
        }
      else if (padding > 0 || !(g_ascii_isalnum (c) || c == '+' || c == '/'))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_sha256 (const char *text)
{
  if (strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

/* One entry of "files", checked; NULL if anything about it is wrong. */
static Entry *
read_entry (JsonNode *node,
            gint64    version)
{
  JsonObject *object = rtes_json_get_object (node);
  JsonNode *old = rtes_json_get_member (object, "old");
  const char *path = rtes_json_get_string_member (object, "path");
  const char *old_text = rtes_json_get_string_member (object, "old");
  const char *written = rtes_json_get_string_member (object, "written");
  Entry *entry;

  if (!rtes_commit_journal_path_is_allowed (path) || old == NULL
      || !(JSON_NODE_HOLDS_NULL (old) || (old_text != NULL && is_base64 (old_text))))
    return NULL;
  if (version >= 2 && (written == NULL || !is_sha256 (written)))
    return NULL;

  entry = g_new0 (Entry, 1);
  entry->path = g_strdup (path);
  entry->written = version >= 2 ? g_strdup (written) : NULL;
  if (old_text != NULL)
    {
      gsize length;
      guchar *decoded = g_base64_decode (old_text, &length);

      entry->old = g_bytes_new_take (decoded, length);
    }
  return entry;
}

/* Every entry of the journal @bytes, or NULL and @what says why (@what
 * points into @parse_error when the JSON itself is refused). */
static GPtrArray *
parse_journal (GBytes      *bytes,
               const char  *display,
               GError     **parse_error,
               const char **what)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *data = g_bytes_get_data (bytes, NULL);
  gsize length = g_bytes_get_size (bytes);
  JsonObject *object;
  JsonNode *version;
  JsonNode *files_node;
  JsonArray *files;
  gint64 v;

  /* Strict and bounded like every file of the library. */
  root = rtes_json_parse (data, length, RTES_JSON_JOURNAL, display, NULL, parse_error);
  if (root == NULL)
    {
      *what = (*parse_error)->message;
      return NULL;
    }
  *what = _("not a sync journal");
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  version = json_object_get_member (object, "version");
  files_node = json_object_get_member (object, "files");
  if (g_strcmp0 (rtes_json_get_string_member (object, "format"), RTES_COMMIT_JOURNAL_FORMAT) != 0
      || !rtes_json_get_int (version, &v) || files_node == NULL || !JSON_NODE_HOLDS_ARRAY (files_node))
    return NULL;
  if (v < 1 || v > RTES_COMMIT_JOURNAL_VERSION)
    {
      *what = _("unsupported journal version");
      return NULL;
    }

  files = json_object_get_array_member (object, "files");
  *what = _("an entry is not valid");
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      Entry *entry = read_entry (json_array_get_element (files, i), v);

      if (entry == NULL)
        return NULL;
      g_ptr_array_add (entries, entry);
      if (!g_hash_table_add (seen, entry->path))
        return NULL;
    }
  return g_steal_pointer (&entries);
}

/* ---- settling ---- */

/* Whether @entry's file should get its old contents back, given what it
 * holds now (@current, NULL if it is missing). */
static gboolean
must_restore (Entry  *entry,
              GBytes *current)
{
  g_autofree char *hash = NULL;

  if (entry->old != NULL && current != NULL && g_bytes_equal (entry->old, current))
    return FALSE;   /* never written, or written back already */
  if (entry->written == NULL)
    /* Version 1: no way to tell an edit from the commit's own write, so
     * only the application's files are put back. */
    return g_str_has_prefix (entry->path, SYNC_DIR);
  if (current == NULL)
    return FALSE;   /* removed since: nothing of the commit is left */
  hash = sha256 (current);
  return g_str_equal (hash, entry->written);
}

static gboolean
settle_entry (RtesLibraryDir  *dir,
              Entry           *entry,
              GPtrArray       *restored,
              GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) current = rtes_library_dir_read (dir, entry->path, MAX_FILE_SIZE, &local_error);

  if (current == NULL && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_autofree char *folder = g_path_get_dirname (entry->path);
      g_autoptr(GError) folder_error = NULL;

      /* A folder on the way that is a link: refused. A link, a FIFO or a
       * huge file in place of the file: not what the commit wrote, so not
       * ours to touch. */
      if (!g_str_equal (folder, ".") && !rtes_library_dir_check (dir, folder, &folder_error))
        return journal_error (dir, folder_error->message, error);
      if (g_error_matches (local_error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH)
          || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        return TRUE;
      return journal_error (dir, local_error->message, error);
    }
  if (!must_restore (entry, current))
    return TRUE;
  if (entry->old == NULL
      ? !rtes_library_dir_delete (dir, entry->path, &local_error)
      : !rtes_library_dir_write (dir, entry->path, g_bytes_get_data (entry->old, NULL),
                                 g_bytes_get_size (entry->old), &local_error))
    return journal_error (dir, local_error->message, error);
  g_ptr_array_add (restored, g_strdup (entry->path));
  return TRUE;
}

gboolean
rtes_commit_journal_settle (RtesLibraryDir  *dir,
                            GPtrArray      **restored_out,
                            GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) restored = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *display = NULL;
  const char *what = NULL;

  g_return_val_if_fail (dir != NULL, FALSE);

  /* A link on the way to the journal says nothing about a sync: it is
   * reported as it is, and nothing is settled through it. */
  if (!rtes_library_dir_check (dir, RTES_LIBRARY_STATE_DIR "/sync", error))
    return FALSE;
  bytes = rtes_library_dir_read (dir, RTES_COMMIT_JOURNAL_PATH, MAX_JOURNAL_SIZE, &local_error);
  if (bytes == NULL)
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return journal_error (dir, local_error->message, error);
      if (restored_out != NULL)
        *restored_out = g_steal_pointer (&restored);
      return TRUE;
    }
  display = rtes_library_dir_display (dir, RTES_COMMIT_JOURNAL_PATH);
  entries = parse_journal (bytes, display, &parse_error, &what);
  if (entries == NULL)
    return journal_error (dir, what, error);

  /* Last written first, as when a failed commit is rolled back. */
  for (guint i = entries->len; i > 0; i--)
    if (!settle_entry (dir, g_ptr_array_index (entries, i - 1), restored, error))
      return FALSE;
  if (!rtes_commit_journal_remove (dir, &local_error))
    return journal_error (dir, local_error->message, error);
  if (restored_out != NULL)
    *restored_out = g_steal_pointer (&restored);
  return TRUE;
}
