/* rtes-history.c: every saved version of every fiche of a library
 *
 * One SQLite database in WAL mode, <library>/.rtes-fiches/history/
 * history.sqlite, with one table: a row per revision of a fiche, appended
 * in the order recorded and found by an index on (fiche, number). A row
 * holds who, when, from where, the places that changed (computed once, at
 * recording, by the same merge the sync uses), the first 16 bytes of the
 * SHA-256 of the canonical bytes, and the content in one of two forms:
 *
 *  - a snapshot: the canonical bytes, deflated (the first revision, the
 *    first after a deletion, one in RTES_HISTORY_CHAIN, and any revision
 *    whose difference would be half the fiche or more);
 *  - a difference from the revision before: the top-level members that
 *    changed, as a small JSON document {"set": {…}, "edit": {…},
 *    "unset": […], "order": […]} ("edit": a long text changed in the
 *    middle, as [prefix, suffix, "middle"]), deflated when that helps.
 *
 * A revision's content is its snapshot with the differences after it
 * applied, checked against its hash. Docs/history.md has the figures.
 *
 * The store is the library's own state, but a file anyone could have
 * written: it is opened without following links, its schema must be
 * exactly ours (no triggers, views or other tables), every value read is
 * checked for type and size, and every content for its hash. A store
 * that SQLite cannot read, or whose schema is not ours, is renamed
 * "damaged-<date>.sqlite" beside it and a new one started: the fiche
 * files are the truth, the history only their past.
 *
 * Crash safety is SQLite's: a recording is one transaction, written to
 * the WAL and committed by its last frame; a process killed in the middle
 * leaves the store as it was before. The fiche file is always written
 * before its revision is recorded, so a kill in between leaves a file
 * the history does not know yet: the next scan records it as a change
 * seen on disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "rtes-fiche-json.h"
#include "rtes-fiche-path.h"
#include "rtes-history.h"
#include "rtes-json-reader.h"
#include "rtes-json-writer.h"
#include "rtes-library-dir.h"
#include "rtes-task.h"
#include "rtes-text.h"

/* "RTEH" */
#define APPLICATION_ID_VALUE 0x52544548
#define SCHEMA_VERSION       1
/* A snapshot at least every this many revisions of a fiche: reading one
 * applies at most RTES_HISTORY_CHAIN - 1 differences. */
#define RTES_HISTORY_CHAIN   32
/* The first half of the SHA-256 of the canonical bytes: ample to tell
 * contents apart and to check a content read back. */
#define HASH_LENGTH          16
#define BUSY_TIMEOUT_MS      5000

/* Bounds of what is read back (and cut to, when written). */
#define MAX_AUTHOR    256
#define MAX_DETAIL    1024
#define MAX_NAME      1024
#define MAX_FIELDS    (256 * 1024)
#define MAX_STORED    (RTES_JSON_MAX_FICHE_SIZE + 1024)
#define MAX_REVISIONS 1000000

#define GITIGNORE_PATH RTES_LIBRARY_STATE_DIR "/.gitignore"
#define GITIGNORE_TEXT \
  "# Written by Fiches RTES. This folder is each person's own state (history,\n" \
  "# sync state, recovery journals, deleted fiches): keep it out of git.\n" \
  "*\n"

/* Rows are appended in the order they are recorded, which keeps the
 * table's pages full; the index finds a fiche's revisions. A name is
 * stored where it changed, in every snapshot and in every deletion, and
 * is otherwise the one before (at most RTES_HISTORY_CHAIN rows back). */
static const char table_sql[] =
  "CREATE TABLE revision ("
  "id INTEGER PRIMARY KEY, "
  "fiche TEXT NOT NULL, "
  "n INTEGER NOT NULL, "
  "time INTEGER NOT NULL, "
  "author TEXT NOT NULL, "
  "origin TEXT NOT NULL, "
  "detail TEXT, "
  "name TEXT, "
  "fields TEXT NOT NULL, "
  "kind INTEGER NOT NULL, "
  "base INTEGER NOT NULL, "
  "hash BLOB, "
  "data BLOB"
  ")";
static const char index_sql[] =
  "CREATE UNIQUE INDEX revision_by_fiche ON revision (fiche, n)";

typedef struct _Version Version;

struct _RtesHistory
{
  GObject parent_instance;

  GMutex lock;              /* every use of the connection */

  /* where */
  char *library_path;
  RtesLibraryDir *dir;
  char *db_path;            /* the store's real path, for SQLite */

  /* the connection */
  sqlite3 *db;
  gboolean corrupt;         /* SQLite said so during the current call */

  /* zlib streams, set up once */
  z_stream deflate;
  z_stream inflate;
  gboolean deflate_ready;
  gboolean inflate_ready;

  /* the last content read, to read the next one from it */
  char *cache_id;
  guint cache_number;
  guint cache_base;
  Version *cache;

  /* state */
  char *author;
  char *notice;
  RtesHistoryHook hook;
  gpointer hook_data;
};

G_DEFINE_FINAL_TYPE (RtesHistory, rtes_history, G_TYPE_OBJECT)
G_DEFINE_QUARK (rtes-history-error-quark, rtes_history_error)

enum {
  PROP_0,
  PROP_AUTHOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Versions: one content of a fiche ----------------------------------------- */

struct _Version
{
  char *data;               /* canonical bytes */
  gsize length;
  guint8 hash[HASH_LENGTH];
  JsonNode *doc;            /* the same as a document */
  char *name;
};

static void
version_free (Version *version)
{
  if (version == NULL)
    return;
  g_free (version->data);
  g_clear_pointer (&version->doc, json_node_unref);
  g_free (version->name);
  g_free (version);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Version, version_free)

/* Documents are never changed once made: a copy shares it. */
static Version *
version_copy (const Version *version)
{
  Version *copy = g_new0 (Version, 1);

  copy->data = g_memdup2 (version->data, version->length + 1);
  copy->length = version->length;
  memcpy (copy->hash, version->hash, HASH_LENGTH);
  copy->doc = json_node_ref (version->doc);
  copy->name = g_strdup (version->name);
  return copy;
}

static void
hash_bytes (const char *data,
            gsize       length,
            guint8      hash[HASH_LENGTH])
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize size = sizeof digest;

  g_checksum_update (checksum, (const guchar *) data, length);
  g_checksum_get_digest (checksum, digest, &size);
  memcpy (hash, digest, HASH_LENGTH);
}

static Version *
version_from_fiche (RtesFiche *fiche)
{
  Version *version = g_new0 (Version, 1);

  version->data = rtes_fiche_to_data (fiche, &version->length);
  hash_bytes (version->data, version->length, version->hash);
  version->doc = rtes_fiche_to_json (fiche);
  version->name = g_strdup (rtes_fiche_get_name (fiche));
  return version;
}

static char *
doc_name (JsonNode *doc)
{
  const char *name = rtes_json_get_string_member (json_node_get_object (doc), "name");

  return g_strdup (name != NULL ? name : "");
}

/* The fiche @id as @bytes say it, in canonical form. Bytes that are
 * canonical already (what every writer of ours gives) are their own
 * canonical form, and their document is the one parsed. */
static Version *
version_new (const char  *id,
             const char  *bytes,
             GError     **error)
{
  g_autofree char *source = g_strconcat (id, ".json", NULL);
  g_autoptr(JsonNode) doc = rtes_json_parse (bytes, -1, RTES_JSON_FICHE, source, NULL, error);
  g_autoptr(RtesFiche) fiche = NULL;
  Version *version;

  if (doc == NULL)
    {
      if (error != NULL && *error != NULL && (*error)->domain == RTES_JSON_ERROR)
        {
          /* As rtes_fiche_new_from_data() says it. */
          GError *json_error = g_steal_pointer (error);

          g_set_error_literal (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_PARSE, json_error->message);
          g_error_free (json_error);
        }
      return NULL;
    }
  fiche = rtes_fiche_new_from_json (doc, source, NULL, error);
  if (fiche == NULL)
    return NULL;
  if (g_strcmp0 (rtes_fiche_get_id (fiche), id) != 0)
    {
      g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_INVALID_ID,
                   _("%s: the id does not match the file name"), source);
      return NULL;
    }
  version = g_new0 (Version, 1);
  version->data = rtes_fiche_to_data (fiche, &version->length);
  hash_bytes (version->data, version->length, version->hash);
  version->name = g_strdup (rtes_fiche_get_name (fiche));
  version->doc = strcmp (version->data, bytes) == 0 ? g_steal_pointer (&doc) : rtes_fiche_to_json (fiche);
  return version;
}

/* The version whose canonical bytes are @bytes, known to be so (their
 * hash is a revision's): parsed, not rebuilt. */
static Version *
version_from_canonical (const char  *bytes,
                        const char  *source,
                        GError     **error)
{
  JsonNode *doc = rtes_json_parse (bytes, -1, RTES_JSON_FICHE, source, NULL, error);
  Version *version;

  if (doc == NULL || !JSON_NODE_HOLDS_OBJECT (doc))
    {
      g_clear_pointer (&doc, json_node_unref);
      return NULL;
    }
  version = g_new0 (Version, 1);
  version->data = g_strdup (bytes);
  version->length = strlen (bytes);
  hash_bytes (version->data, version->length, version->hash);
  version->doc = doc;
  version->name = doc_name (doc);
  return version;
}

/* Text columns: valid UTF-8, at most @max bytes, cut between characters. */
static char *
bounded_text (const char *text,
              gsize       max)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  const char *end;

  if (strlen (valid) <= max)
    return g_steal_pointer (&valid);
  end = g_utf8_find_prev_char (valid, valid + max + 1);
  while (end != NULL && end > valid && (gsize) (end - valid) > max)
    end = g_utf8_find_prev_char (valid, end);
  return g_strndup (valid, end != NULL ? end - valid : 0);
}

/* Compression ------------------------------------------------------------------ */

/* Stored contents start with 'z' (raw deflate follows) or '=' (the bytes
 * themselves, when small or when deflating does not make them smaller).
 * zlib is used directly: its streams are set up once per history and
 * reset for each content, with a 4 KB window (fiches are a few KB), where
 * GZlibCompressor would set up and free a quarter of a megabyte each
 * time, which was most of the cost of a recording. */
#define PACK_MIN       256
#define DEFLATE_WINDOW 12   /* 4 KB */
#define DEFLATE_MEMORY 5

static GBytes *
store_as_is (const char *data,
             gsize       length)
{
  GByteArray *out = g_byte_array_sized_new (length + 1);

  g_byte_array_append (out, (const guint8 *) "=", 1);
  g_byte_array_append (out, (const guint8 *) data, length);
  return g_byte_array_free_to_bytes (out);
}

static GBytes *
pack (RtesHistory *self,
      const char  *data,
      gsize        length)
{
  g_autoptr(GByteArray) out = NULL;
  uLong bound;
  int rc;

  if (length < PACK_MIN || length > G_MAXUINT32)
    return store_as_is (data, length);
  if (!self->deflate_ready)
    {
      memset (&self->deflate, 0, sizeof self->deflate);
      if (deflateInit2 (&self->deflate, Z_BEST_COMPRESSION, Z_DEFLATED, -DEFLATE_WINDOW,
                        DEFLATE_MEMORY, Z_DEFAULT_STRATEGY) != Z_OK)
        return store_as_is (data, length);
      self->deflate_ready = TRUE;
    }
  else
    deflateReset (&self->deflate);

  bound = deflateBound (&self->deflate, length);
  out = g_byte_array_sized_new (bound + 1);
  g_byte_array_set_size (out, bound + 1);
  out->data[0] = 'z';
  self->deflate.next_in = (Bytef *) data;
  self->deflate.avail_in = length;
  self->deflate.next_out = out->data + 1;
  self->deflate.avail_out = bound;
  rc = deflate (&self->deflate, Z_FINISH);
  if (rc != Z_STREAM_END || self->deflate.total_out + 1 >= length + 1)
    return store_as_is (data, length);
  g_byte_array_set_size (out, self->deflate.total_out + 1);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* The bytes packed in @stored (@length of them), NUL-terminated, at most
 * RTES_JSON_MAX_FICHE_SIZE of them. */
static char *
unpack (RtesHistory   *self,
        const guint8  *stored,
        gsize          length,
        gsize         *out_length,
        GError       **error)
{
  g_autoptr(GByteArray) out = NULL;
  int rc;

  if (length >= 1 && stored[0] == '=')
    {
      if (length - 1 > RTES_JSON_MAX_FICHE_SIZE)
        goto too_large;
      *out_length = length - 1;
      return g_strndup ((const char *) stored + 1, length - 1);
    }
  if (length < 1 || stored[0] != 'z' || length > G_MAXUINT32)
    {
      g_set_error_literal (error, RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_DAMAGED,
                           _("a stored version is in no known form"));
      return NULL;
    }
  if (!self->inflate_ready)
    {
      memset (&self->inflate, 0, sizeof self->inflate);
      /* Any window: a store may come from another build. */
      if (inflateInit2 (&self->inflate, -MAX_WBITS) != Z_OK)
        {
          g_set_error_literal (error, RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_FAILED,
                               _("the history cannot inflate (out of memory)"));
          return NULL;
        }
      self->inflate_ready = TRUE;
    }
  else
    inflateReset (&self->inflate);

  out = g_byte_array_sized_new (MIN (length * 6, RTES_JSON_MAX_FICHE_SIZE) + 1);
  self->inflate.next_in = (Bytef *) stored + 1;
  self->inflate.avail_in = length - 1;
  do
    {
      gsize done = out->len;
      gsize room = MAX (out->len, 4096);

      if (done + room > RTES_JSON_MAX_FICHE_SIZE + 1)
        room = RTES_JSON_MAX_FICHE_SIZE + 1 - done;
      if (room == 0)
        goto too_large;
      g_byte_array_set_size (out, done + room);
      self->inflate.next_out = out->data + done;
      self->inflate.avail_out = room;
      rc = inflate (&self->inflate, Z_FINISH);
      g_byte_array_set_size (out, done + room - self->inflate.avail_out);
      if (out->len > RTES_JSON_MAX_FICHE_SIZE)
        goto too_large;
    }
  while (rc == Z_BUF_ERROR && self->inflate.avail_out == 0);
  if (rc != Z_STREAM_END || self->inflate.avail_in != 0)
    {
      g_set_error_literal (error, RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_DAMAGED,
                           _("a stored version does not inflate"));
      return NULL;
    }

  *out_length = out->len;
  g_byte_array_append (out, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&out), FALSE);

too_large:
  g_set_error (error, RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_DAMAGED,
               _("a stored version is larger than a fiche may be"));
  return NULL;
}

/* Differences ------------------------------------------------------------------ */

/* The members of @object in their order. */
static GPtrArray *
member_names (JsonObject *object)
{
  GPtrArray *names = g_ptr_array_new ();
  JsonObjectIter iter;
  const char *name;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, NULL))
    g_ptr_array_add (names, (gpointer) name);
  return names;
}

static gboolean
same_names (GPtrArray *a,
            GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!g_str_equal (a->pdata[i], b->pdata[i]))
      return FALSE;
  return TRUE;
}

/* A long text that changed is stored as what changed in it: the bytes
 * kept at its start and its end, and what is between. */
#define EDIT_MIN_KEPT 64

/* @a and @b share their first @prefix and last @suffix bytes, each cut
 * between two characters and not overlapping. */
static void
common_ends (const char *a,
             gsize       a_length,
             const char *b,
             gsize       b_length,
             gsize      *prefix,
             gsize      *suffix)
{
  gsize p = 0, q = 0, limit = MIN (a_length, b_length);

  while (p < limit && a[p] == b[p])
    p++;
  /* Back to the start of a character (UTF-8 continuation bytes are
   * 10xxxxxx). */
  while (p > 0 && p < a_length && ((guchar) a[p] & 0xC0) == 0x80)
    p--;
  while (q < limit - p && a[a_length - 1 - q] == b[b_length - 1 - q])
    q++;
  while (q > 0 && q < a_length && ((guchar) a[a_length - q] & 0xC0) == 0x80)
    q--;
  *prefix = p;
  *suffix = q;
}

/* [prefix, suffix, "middle"] turning the string @old into @new, or NULL
 * when storing @new whole is as good. */
static JsonNode *
make_text_edit (JsonNode *old,
                JsonNode *new)
{
  const char *a, *b;
  gsize a_length, b_length, prefix, suffix;
  g_autoptr(JsonArray) edit = NULL;
  g_autofree char *middle = NULL;
  JsonNode *node;

  a = rtes_json_get_string (old);
  b = rtes_json_get_string (new);
  if (a == NULL || b == NULL)
    return NULL;
  a_length = strlen (a);
  b_length = strlen (b);
  common_ends (a, a_length, b, b_length, &prefix, &suffix);
  if (prefix + suffix < EDIT_MIN_KEPT)
    return NULL;
  middle = g_strndup (b + prefix, b_length - prefix - suffix);
  edit = json_array_new ();
  json_array_add_int_element (edit, prefix);
  json_array_add_int_element (edit, suffix);
  json_array_add_string_element (edit, middle);
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, edit);
  return node;
}

/* {"set": {…}, "edit": {…}, "unset": […], "order": […]} that turns @old
 * into @new: members that are new or changed (long texts as an edit),
 * members gone, and the order of the members when it is not the one
 * apply_delta() gives. */
static char *
make_delta (JsonNode *old_doc,
            JsonNode *new_doc,
            gsize    *length)
{
  JsonObject *old = json_node_get_object (old_doc);
  JsonObject *new = json_node_get_object (new_doc);
  g_autoptr(JsonObject) set = json_object_new ();
  g_autoptr(JsonObject) edit = json_object_new ();
  g_autoptr(JsonArray) unset = json_array_new ();
  g_autoptr(GPtrArray) new_names = member_names (new);
  g_autoptr(GPtrArray) old_names = member_names (old);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(JsonObject) delta = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  char *text;

  for (guint i = 0; i < old_names->len; i++)
    {
      if (json_object_has_member (new, old_names->pdata[i]))
        g_ptr_array_add (order, old_names->pdata[i]);
      else
        json_array_add_string_element (unset, old_names->pdata[i]);
    }
  for (guint i = 0; i < new_names->len; i++)
    {
      const char *name = new_names->pdata[i];
      JsonNode *value = json_object_get_member (new, name);
      JsonNode *before = json_object_get_member (old, name);
      JsonNode *text_edit;

      if (before == NULL)
        g_ptr_array_add (order, (gpointer) name);
      if (before != NULL && json_node_equal (before, value))
        continue;
      if (before != NULL && (text_edit = make_text_edit (before, value)) != NULL)
        json_object_set_member (edit, name, text_edit);
      else
        json_object_set_member (set, name, json_node_copy (value));
    }

  json_object_set_object_member (delta, "set", json_object_ref (set));
  if (json_object_get_size (edit) > 0)
    json_object_set_object_member (delta, "edit", json_object_ref (edit));
  if (json_array_get_length (unset) > 0)
    json_object_set_array_member (delta, "unset", json_array_ref (unset));
  if (!same_names (order, new_names))
    {
      JsonArray *names = json_array_new ();

      for (guint i = 0; i < new_names->len; i++)
        json_array_add_string_element (names, new_names->pdata[i]);
      json_object_set_array_member (delta, "order", names);
    }
  json_node_set_object (root, delta);
  /* Compact: most differences are stored as they are (see pack()). */
  text = json_to_string (root, FALSE);
  *length = strlen (text);
  return text;
}

static GError *
damaged_error (const char *id,
               guint       number,
               const char *why)
{
  /* Translators: "dijon, revision 12: …" */
  return g_error_new (RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_DAMAGED,
                      _("%s, revision %u: %s"), id, number, why);
}

/* A JSON array of strings; FALSE if it is anything else. */
static gboolean
read_names (JsonNode   *node,
            GPtrArray **names)
{
  JsonArray *array;

  *names = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  *names = g_ptr_array_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *name = rtes_json_get_string (json_array_get_element (array, i));

      if (name == NULL)
        {
          g_clear_pointer (names, g_ptr_array_unref);
          return FALSE;
        }
      g_ptr_array_add (*names, (gpointer) name);
    }
  return TRUE;
}

static gboolean
read_size (JsonNode *node,
           gsize     max,
           gsize    *value)
{
  gint64 v;

  if (!rtes_json_get_int (node, &v) || v < 0 || (guint64) v > max)
    return FALSE;
  *value = v;
  return TRUE;
}

/* A new object with the members of @doc: json_node_copy() shares the
 * object itself, and apply_delta() changes the top level in place (never
 * what is below, which may be shared). */
static JsonNode *
copy_members (JsonNode *doc)
{
  JsonObject *object = json_object_new ();
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  JsonNode *copy;

  json_object_iter_init_ordered (&iter, json_node_get_object (doc));
  while (json_object_iter_next_ordered (&iter, &member, &value))
    json_object_set_member (object, member, json_node_copy (value));
  copy = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (copy, object);
  return copy;
}

/* Applies the text edit @edit to the string member @name of @doc. */
static gboolean
apply_text_edit (JsonObject *doc,
                 const char *name,
                 JsonNode   *edit)
{
  JsonArray *parts;
  const char *text, *middle;
  gsize length, prefix, suffix;
  GString *result;

  text = rtes_json_get_string_member (doc, name);
  if (text == NULL || !JSON_NODE_HOLDS_ARRAY (edit))
    return FALSE;
  length = strlen (text);
  parts = json_node_get_array (edit);
  if (json_array_get_length (parts) != 3
      || !read_size (json_array_get_element (parts, 0), length, &prefix)
      || !read_size (json_array_get_element (parts, 1), length - prefix, &suffix)
      || (middle = rtes_json_get_string (json_array_get_element (parts, 2))) == NULL)
    return FALSE;
  result = g_string_sized_new (prefix + strlen (middle) + suffix + 1);
  g_string_append_len (result, text, prefix);
  g_string_append (result, middle);
  g_string_append_len (result, text + length - suffix, suffix);
  /* Cut in the middle of a character, the text would not be one. */
  if (!g_utf8_validate (result->str, result->len, NULL))
    {
      g_string_free (result, TRUE);
      return FALSE;
    }
  json_object_set_string_member (doc, name, result->str);
  g_string_free (result, TRUE);
  return TRUE;
}

/* Applies the difference @delta to @doc itself (which the caller owns):
 * members gone are removed, changed ones replaced where they stand, new
 * ones appended, long texts edited; then the order, if it is given. */
static gboolean
apply_delta (JsonNode    *doc_node,
             JsonNode    *delta_doc,
             const char  *id,
             guint        number,
             GError     **error)
{
  JsonObject *doc = json_node_get_object (doc_node);
  JsonObject *delta, *set, *edit;
  g_autoptr(GPtrArray) unset = NULL;
  g_autoptr(GPtrArray) order = NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  if ((delta = rtes_json_get_object (delta_doc)) == NULL)
    goto invalid;
  json_object_iter_init (&iter, delta);
  while (json_object_iter_next (&iter, &member, NULL))
    if (!g_str_equal (member, "set") && !g_str_equal (member, "edit") && !g_str_equal (member, "unset")
        && !g_str_equal (member, "order"))
      goto invalid;
  set = rtes_json_get_object (json_object_get_member (delta, "set"));
  edit = rtes_json_get_object (json_object_get_member (delta, "edit"));
  if (set == NULL || (edit == NULL && json_object_has_member (delta, "edit")))
    goto invalid;
  if (!read_names (json_object_get_member (delta, "unset"), &unset)
      || !read_names (json_object_get_member (delta, "order"), &order))
    goto invalid;

  for (guint i = 0; unset != NULL && i < unset->len; i++)
    {
      if (!json_object_has_member (doc, unset->pdata[i]))
        goto invalid;
      json_object_remove_member (doc, unset->pdata[i]);
    }
  json_object_iter_init_ordered (&iter, set);
  while (json_object_iter_next_ordered (&iter, &member, &value))
    json_object_set_member (doc, member, json_node_copy (value));
  if (edit != NULL)
    {
      json_object_iter_init_ordered (&iter, edit);
      while (json_object_iter_next_ordered (&iter, &member, &value))
        if (!apply_text_edit (doc, member, value))
          goto invalid;
    }

  if (order != NULL)
    {
      /* The same members, in another order. */
      g_autoptr(JsonObject) ordered = json_object_new ();

      if (order->len != json_object_get_size (doc))
        goto invalid;
      for (guint i = 0; i < order->len; i++)
        {
          JsonNode *node = json_object_get_member (doc, order->pdata[i]);

          if (node == NULL || json_object_has_member (ordered, order->pdata[i]))
            goto invalid;
          json_object_set_member (ordered, order->pdata[i], json_node_copy (node));
        }
      json_node_set_object (doc_node, ordered);
    }
  return TRUE;

invalid:
  g_propagate_error (error, damaged_error (id, number, _("a stored difference is not one this version writes")));
  return FALSE;
}

/* The SQLite connection ------------------------------------------------------------ */

/* Sets @error from the connection's last error; marks the store corrupt
 * when SQLite says it is, so that the caller sets it aside. */
static gboolean
sql_error (RtesHistory  *self,
           int           rc,
           GError      **error)
{
  int primary = rc & 0xff;

  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    self->corrupt = TRUE;
  g_set_error (error, RTES_HISTORY_ERROR,
               self->corrupt ? RTES_HISTORY_ERROR_DAMAGED : RTES_HISTORY_ERROR_FAILED,
               _("History of %s: %s"), self->library_path,
               self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
  return FALSE;
}

static sqlite3_stmt *
prepare (RtesHistory  *self,
         const char   *sql,
         GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      sql_error (self, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static void
finalize_stmt (sqlite3_stmt *stmt)
{
  sqlite3_finalize (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, finalize_stmt)

static gboolean
exec (RtesHistory  *self,
      const char   *sql,
      GError      **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK || sql_error (self, rc, error);
}

static void
rollback (RtesHistory *self)
{
  if (self->db != NULL && !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

/* Steps @stmt, whose parameters 1 and 2 are a fiche and a revision
 * number, to the row of revision @number of @id. */
static gboolean
step_revision (RtesHistory  *self,
               sqlite3_stmt *stmt,
               const char   *id,
               guint         number,
               GError      **error)
{
  int rc;

  bind_text (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, number);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_NOT_FOUND,
                 _("Fiche %s has no revision %u"), id, number);
  else if (rc != SQLITE_ROW)
    sql_error (self, rc, error);
  return rc == SQLITE_ROW;
}

/* Runs @stmt, one that returns no row. */
static gboolean
step_done (RtesHistory   *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  return rc == SQLITE_DONE || sql_error (self, rc, error);
}

/* The integer of a single-row, single-column query; FALSE on error. */
static gboolean
query_int (RtesHistory  *self,
           const char   *sql,
           gint64       *value,
           GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return sql_error (self, rc, error);
  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Whether the connection's database is a history of this version; FALSE
 * with @reason set when it is something else, with @error when it could
 * not be read at all. */
static gboolean
schema_is_ours (RtesHistory  *self,
                char        **reason,
                GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT type, name, tbl_name, sql FROM sqlite_schema", error);
  gboolean table = FALSE, index = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *sql = (const char *) sqlite3_column_text (stmt, 3);

      if (!table && g_strcmp0 (type, "table") == 0 && g_strcmp0 (name, "revision") == 0
          && g_strcmp0 (sql, table_sql) == 0)
        table = TRUE;
      else if (!index && g_strcmp0 (type, "index") == 0 && g_strcmp0 (name, "revision_by_fiche") == 0
               && g_strcmp0 (sql, index_sql) == 0)
        index = TRUE;
      else
        {
          *reason = g_strdup_printf (_("it holds a %s named “%s” that this version does not write"),
                                     type != NULL ? type : "?", name != NULL ? name : "?");
          return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    return sql_error (self, rc, error);
  if (!table || !index)
    {
      *reason = g_strdup (_("its table is missing"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
create_schema (RtesHistory  *self,
               GError      **error)
{
  g_autofree char *pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                              APPLICATION_ID_VALUE, SCHEMA_VERSION);

  return exec (self, table_sql, error) && exec (self, index_sql, error) && exec (self, pragmas, error);
}

typedef enum {
  CHECK_OK,
  CHECK_DAMAGED,
  CHECK_FAILED,
} CheckResult;

/* Sets the connection up and checks (or makes) the schema. */
static CheckResult
check_store (RtesHistory  *self,
             char        **reason,
             GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 application_id = 0, user_version = 0, tables = 0;
  g_autoptr(sqlite3_stmt) mode = NULL;
  int rc;

  /* What a crafted file could do is limited to what it holds. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  mode = prepare (self, "PRAGMA journal_mode = WAL", &local_error);
  if (mode != NULL && (rc = sqlite3_step (mode)) != SQLITE_ROW)
    sql_error (self, rc, &local_error);
  if (local_error == NULL && g_ascii_strcasecmp ((const char *) sqlite3_column_text (mode, 0), "wal") != 0)
    g_set_error_literal (&local_error, RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_FAILED,
                         _("the store cannot be put in WAL mode"));
  g_clear_pointer (&mode, sqlite3_finalize);
  if (local_error == NULL)
    {
      exec (self, "PRAGMA synchronous = NORMAL; PRAGMA cell_size_check = ON; PRAGMA mmap_size = 0",
            &local_error);
    }
  if (local_error == NULL)
    {
      if (query_int (self, "PRAGMA application_id", &application_id, &local_error)
          && query_int (self, "PRAGMA user_version", &user_version, &local_error))
        query_int (self, "SELECT count(*) FROM sqlite_schema", &tables, &local_error);
    }
  if (local_error != NULL)
    {
      if (!self->corrupt)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return CHECK_FAILED;
        }
      *reason = g_strdup (local_error->message);
      return CHECK_DAMAGED;
    }

  if (application_id == 0 && user_version == 0 && tables == 0)
    {
      /* New: made once, whoever comes first. */
      if (!exec (self, "BEGIN IMMEDIATE", error))
        return CHECK_FAILED;
      if (!query_int (self, "SELECT count(*) FROM sqlite_schema", &tables, error)
          || (tables == 0 && !create_schema (self, error))
          || !exec (self, "COMMIT", error))
        {
          rollback (self);
          return CHECK_FAILED;
        }
      if (!query_int (self, "PRAGMA application_id", &application_id, error)
          || !query_int (self, "PRAGMA user_version", &user_version, error))
        return CHECK_FAILED;
    }
  if (application_id != APPLICATION_ID_VALUE)
    {
      *reason = g_strdup (_("it is not a history of fiches"));
      return CHECK_DAMAGED;
    }
  if (user_version != SCHEMA_VERSION)
    {
      *reason = g_strdup_printf (_("it is of another version (schema %lld)"), (long long) user_version);
      return CHECK_DAMAGED;
    }
  if (!schema_is_ours (self, reason, &local_error))
    {
      if (local_error == NULL)
        return CHECK_DAMAGED;
      if (self->corrupt)
        {
          *reason = g_strdup (local_error->message);
          return CHECK_DAMAGED;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return CHECK_FAILED;
    }
  return CHECK_OK;
}

static void
forget_cache (RtesHistory *self)
{
  g_clear_pointer (&self->cache_id, g_free);
  g_clear_pointer (&self->cache, version_free);
  self->cache_number = self->cache_base = 0;
}

static void
close_store (RtesHistory *self)
{
  forget_cache (self);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  self->db = NULL;
  self->corrupt = FALSE;
}

/* Renames @relative to "<prefix>-<date><suffix>" beside it; returns the
 * new name, or NULL (with @error) when it could not be moved. */
static char *
move_aside (RtesHistory  *self,
            const char   *relative,
            const char   *prefix,
            const char   *suffix,
            GError      **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *folder = g_path_get_dirname (relative);

  for (guint attempt = 1; attempt < 100; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *target = attempt == 1
        ? g_strdup_printf ("%s/%s-%s%s", folder, prefix, stamp, suffix)
        : g_strdup_printf ("%s/%s-%s-%u%s", folder, prefix, stamp, attempt, suffix);

      if (rtes_library_dir_move (self->dir, relative, target, &local_error))
        return g_steal_pointer (&target);
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("%s: no free name to set it aside"), relative);
  return NULL;
}

static void
set_notice (RtesHistory *self,
            const char  *reason,
            const char  *where)
{
  g_autofree char *shown = rtes_library_dir_display (self->dir, where);

  g_free (self->notice);
  self->notice = g_strdup_printf (_("The history of the fiches could not be read (%s): it was set aside "
                                    "as %s and a new one was started. The fiches themselves are not "
                                    "affected."), reason, shown);
  g_message ("%s", self->notice);
}

/* The store and its WAL go aside; the next open starts a new one. */
static gboolean
set_store_aside (RtesHistory  *self,
                 const char   *reason,
                 GError      **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  g_autofree char *moved = NULL;

  close_store (self);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *relative = g_strconcat (RTES_HISTORY_DIR "/" RTES_HISTORY_FILE, suffixes[i], NULL);
      g_autofree char *prefix_suffix = g_strconcat (".sqlite", suffixes[i], NULL);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *target = NULL;

      target = move_aside (self, relative, "damaged", prefix_suffix, &local_error);
      if (target == NULL && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          if (i == 0)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          /* The WAL of a store set aside is no use to the new one. */
          rtes_library_dir_delete (self->dir, relative, NULL);
        }
      if (i == 0)
        moved = g_steal_pointer (&target);
    }
  set_notice (self, reason, moved != NULL ? moved : RTES_HISTORY_DIR "/" RTES_HISTORY_FILE);
  return TRUE;
}

/* Opens (or makes) the store at its place, setting a damaged one aside
 * once. */
static gboolean
open_store (RtesHistory  *self,
            GError      **error)
{
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autofree char *reason = NULL;
      int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW
                  | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
      int rc;

      rc = sqlite3_open_v2 (self->db_path, &self->db, flags, NULL);
      if (rc == SQLITE_OK)
        {
          switch (check_store (self, &reason, error))
            {
            case CHECK_OK:
              return TRUE;
            case CHECK_FAILED:
              close_store (self);
              return FALSE;
            case CHECK_DAMAGED:
            default:
              break;
            }
        }
      else
        {
          /* Something that is not a file SQLite can open is in its place
           * (a link, a folder): set it aside too. */
          reason = g_strdup (sqlite3_errstr (rc));
          if (!g_file_test (self->db_path, G_FILE_TEST_EXISTS) && !g_file_test (self->db_path, G_FILE_TEST_IS_SYMLINK))
            {
              close_store (self);
              g_set_error (error, RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_FAILED,
                           _("History of %s: %s"), self->library_path, reason);
              return FALSE;
            }
        }
      if (attempt == 1 || !set_store_aside (self, reason, error))
        {
          close_store (self);
          if (error != NULL && *error == NULL)
            g_set_error (error, RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_DAMAGED,
                         _("History of %s: %s"), self->library_path, reason);
          return FALSE;
        }
    }
  return FALSE;
}

/* After SQLite found the store corrupt in the middle of a call. */
static gboolean
recover (RtesHistory  *self,
         GError      **error)
{
  g_autofree char *reason = g_strdup (self->db != NULL ? sqlite3_errmsg (self->db) : "");

  rollback (self);
  return set_store_aside (self, reason, error) && open_store (self, error);
}

/* The folders: .rtes-fiches may not be a link (nothing is written through
 * it); the history folder, if it is one or not a folder, is set aside. */
static gboolean
prepare_folder (RtesHistory  *self,
                GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *real = NULL;

  if (!rtes_library_dir_check (self->dir, RTES_LIBRARY_STATE_DIR "/x", &local_error))
    {
      g_set_error (error, RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_UNSAFE,
                   _("No history is kept: %s"), local_error->message);
      return FALSE;
    }
  if (!rtes_library_dir_check (self->dir, RTES_HISTORY_DIR "/x", &local_error))
    {
      g_autofree char *moved = NULL;
      g_autofree char *reason = g_strdup (local_error->message);

      g_clear_error (&local_error);
      moved = move_aside (self, RTES_HISTORY_DIR, "history-damaged", "", error);
      if (moved == NULL)
        return FALSE;
      set_notice (self, reason, moved);
    }
  if (!rtes_library_dir_make_dirs (self->dir, RTES_HISTORY_DIR, error))
    return FALSE;

  /* .rtes-fiches is each person's: say so to git, once. */
  {
    g_autoptr(GBytes) existing = rtes_library_dir_read (self->dir, GITIGNORE_PATH, 4096, &local_error);

    if (existing == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
      rtes_library_dir_write (self->dir, GITIGNORE_PATH, GITIGNORE_TEXT, strlen (GITIGNORE_TEXT), NULL);
    g_clear_error (&local_error);
  }

  /* The library folder may be reached through links (the person chose
   * it); SQLite refuses any link in the path, so it gets the real one. */
  real = realpath (self->library_path, NULL);
  if (real == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", self->library_path, g_strerror (saved_errno));
      return FALSE;
    }
  self->db_path = g_build_filename (real, RTES_HISTORY_DIR, RTES_HISTORY_FILE, NULL);
  free (real);
  real = NULL;
  if (!rtes_library_dir_check (self->dir, RTES_HISTORY_DIR "/" RTES_HISTORY_FILE, &local_error))
    {
      g_autofree char *reason = g_strdup (local_error->message);

      return set_store_aside (self, reason, error);
    }
  return TRUE;
}

RtesHistory *
rtes_history_open (const char  *library_path,
                   GError     **error)
{
  g_autoptr(RtesHistory) self = NULL;

  g_return_val_if_fail (library_path != NULL, NULL);

  self = g_object_new (RTES_TYPE_HISTORY, NULL);
  self->library_path = g_strdup (library_path);
  self->dir = rtes_library_dir_open (library_path, FALSE, error);
  if (self->dir == NULL || !prepare_folder (self, error) || !open_store (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Rows ------------------------------------------------------------------------------ */

typedef struct
{
  guint n;                  /* 0: the fiche has no revision */
  RtesRevisionKind kind;
  guint base;
  guint8 hash[HASH_LENGTH];
  RtesChangeOrigin origin;
  gboolean has_detail;
  char *name;
} Head;

static void
head_clear (Head *head)
{
  g_clear_pointer (&head->name, g_free);
  memset (head, 0, sizeof *head);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Head, head_clear)

static gboolean
head_is_live (const Head *head)
{
  return head->n > 0 && head->kind != RTES_REVISION_DELETED;
}

/* A text column: NULL when @nullable and NULL, else valid UTF-8 of at
 * most @max bytes; FALSE otherwise. */
static gboolean
column_text (sqlite3_stmt  *stmt,
             int            column,
             gsize          max,
             gboolean       nullable,
             const char   **text)
{
  int type = sqlite3_column_type (stmt, column);
  gsize length;

  *text = NULL;
  if (type == SQLITE_NULL)
    return nullable;
  if (type != SQLITE_TEXT)
    return FALSE;
  *text = (const char *) sqlite3_column_text (stmt, column);
  length = sqlite3_column_bytes (stmt, column);
  return *text != NULL && length <= max && g_utf8_validate (*text, length, NULL)
         && strlen (*text) == length;
}

static gboolean
column_uint (sqlite3_stmt *stmt,
             int           column,
             guint         min,
             guint         max,
             guint        *value)
{
  gint64 v;

  if (sqlite3_column_type (stmt, column) != SQLITE_INTEGER)
    return FALSE;
  v = sqlite3_column_int64 (stmt, column);
  if (v < min || v > max)
    return FALSE;
  *value = v;
  return TRUE;
}

/* A hash column: 32 bytes, or NULL for a deletion. */
static gboolean
column_hash (sqlite3_stmt     *stmt,
             int               column,
             RtesRevisionKind  kind,
             guint8            hash[HASH_LENGTH])
{
  int type = sqlite3_column_type (stmt, column);

  if (kind == RTES_REVISION_DELETED)
    return type == SQLITE_NULL;
  if (type != SQLITE_BLOB || sqlite3_column_bytes (stmt, column) != HASH_LENGTH)
    return FALSE;
  memcpy (hash, sqlite3_column_blob (stmt, column), HASH_LENGTH);
  return TRUE;
}

/* The last revision of @id, into @head (n = 0 when there is none). */
static gboolean
read_head (RtesHistory  *self,
           const char   *id,
           Head         *head,
           GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *origin = NULL, *name = NULL, *detail = NULL;
  guint kind = 0;
  int rc;

  head_clear (head);
  stmt = prepare (self, "SELECT n, kind, base, hash, origin, detail, "
                        "(SELECT name FROM revision WHERE fiche = ?1 AND name IS NOT NULL ORDER BY n DESC LIMIT 1) "
                        "FROM revision WHERE fiche = ?1 ORDER BY n DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return sql_error (self, rc, error);
  if (!column_uint (stmt, 0, 1, MAX_REVISIONS, &head->n)
      || !column_uint (stmt, 1, RTES_REVISION_CHANGED, RTES_REVISION_DELETED, &kind)
      || !column_uint (stmt, 2, 1, head->n, &head->base)
      || !column_hash (stmt, 3, kind, head->hash)
      || !column_text (stmt, 4, 32, FALSE, &origin)
      || !rtes_change_origin_from_string (origin, &head->origin)
      || !column_text (stmt, 5, MAX_DETAIL, TRUE, &detail)
      || !column_text (stmt, 6, MAX_NAME, FALSE, &name))
    {
      g_propagate_error (error, damaged_error (id, head->n, _("its row is not one this version writes")));
      head_clear (head);
      return FALSE;
    }
  head->kind = kind;
  head->has_detail = detail != NULL;
  head->name = g_strdup (name);
  return TRUE;
}

/* The content of revision @number of @id. */
static Version *
reconstruct (RtesHistory  *self,
             const char   *id,
             guint         number,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonNode) doc = NULL;
  g_autoptr(RtesFiche) fiche = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *source = g_strdup_printf ("%s@%u", id, number);
  Version *version;
  guint8 hash[HASH_LENGTH] = { 0 };
  guint base = 0, expected, kind = 0;
  int rc;

  stmt = prepare (self, "SELECT base, kind FROM revision WHERE fiche = ?1 AND n = ?2", error);
  if (stmt == NULL || !step_revision (self, stmt, id, number, error))
    return NULL;
  if (!column_uint (stmt, 1, RTES_REVISION_CHANGED, RTES_REVISION_DELETED, &kind)
      || !column_uint (stmt, 0, number >= RTES_HISTORY_CHAIN ? number - RTES_HISTORY_CHAIN + 1 : 1,
                       number, &base))
    {
      g_propagate_error (error, damaged_error (id, number, _("its row is not one this version writes")));
      return NULL;
    }
  if (kind == RTES_REVISION_DELETED)
    {
      g_set_error (error, RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_DELETED,
                   _("Revision %u of %s is its deletion: it has no content"), number, id);
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Going forwards along a chain (a list of changes, a CLI's history)
   * starts from the content read last. */
  if (g_strcmp0 (self->cache_id, id) == 0 && self->cache_base == base
      && self->cache_number >= base && self->cache_number <= number)
    {
      if (self->cache_number == number)
        return version_copy (self->cache);
      /* The differences are applied in place: to a copy of its own. */
      doc = copy_members (self->cache->doc);
      expected = self->cache_number + 1;
    }
  else
    expected = base;

  stmt = prepare (self, "SELECT n, base, kind, hash, data FROM revision "
                        "WHERE fiche = ?1 AND n BETWEEN ?2 AND ?3 ORDER BY n", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, expected);
  sqlite3_bind_int64 (stmt, 3, number);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *bytes = NULL;
      g_autoptr(JsonNode) parsed = NULL;
      guint n = 0, row_base = 0, row_kind = 0;
      gsize length = 0, stored;

      if (!column_uint (stmt, 0, expected, expected, &n)
          || !column_uint (stmt, 1, base, base, &row_base)
          || !column_uint (stmt, 2, RTES_REVISION_CHANGED, RTES_REVISION_CREATED, &row_kind)
          || !column_hash (stmt, 3, row_kind, hash)
          || sqlite3_column_type (stmt, 4) != SQLITE_BLOB
          || (stored = sqlite3_column_bytes (stmt, 4)) > MAX_STORED)
        {
          g_propagate_error (error, damaged_error (id, expected, _("its row is not one this version writes")));
          return NULL;
        }
      bytes = unpack (self, sqlite3_column_blob (stmt, 4), stored, &length, &local_error);
      if (bytes == NULL)
        {
          g_propagate_error (error, damaged_error (id, n, local_error->message));
          return NULL;
        }
      parsed = rtes_json_parse (bytes, length, n == base ? RTES_JSON_FICHE : RTES_JSON_STATE,
                                source, NULL, &local_error);
      if (parsed == NULL || !JSON_NODE_HOLDS_OBJECT (parsed))
        {
          g_propagate_error (error, damaged_error (id, n, local_error != NULL ? local_error->message
                                                                              : _("not a document")));
          return NULL;
        }
      if (n == base)
        doc = g_steal_pointer (&parsed);
      else if (!apply_delta (doc, parsed, id, n, error))
        return NULL;
      expected++;
    }
  if (rc != SQLITE_DONE)
    {
      sql_error (self, rc, error);
      return NULL;
    }
  if (expected != number + 1)
    {
      g_propagate_error (error, damaged_error (id, number, _("a revision before it is missing")));
      return NULL;
    }

  /* The document of a canonical content, written as it stands, is that
   * content; its hash checks it. (A document whose members came out in
   * another order is read as a fiche and written again.) */
  version = g_new0 (Version, 1);
  version->data = rtes_json_to_canonical (doc, &version->length);
  hash_bytes (version->data, version->length, version->hash);
  if (memcmp (version->hash, hash, HASH_LENGTH) == 0)
    {
      version->doc = g_steal_pointer (&doc);
      version->name = doc_name (version->doc);
    }
  else
    {
      version_free (version);
      fiche = rtes_fiche_new_from_json (doc, source, NULL, &local_error);
      if (fiche == NULL)
        {
          g_propagate_error (error, damaged_error (id, number, local_error->message));
          return NULL;
        }
      version = version_from_fiche (fiche);
      if (memcmp (version->hash, hash, HASH_LENGTH) != 0)
        {
          version_free (version);
          g_propagate_error (error, damaged_error (id, number, _("its content does not match its checksum")));
          return NULL;
        }
    }
  forget_cache (self);
  self->cache_id = g_strdup (id);
  self->cache_number = number;
  self->cache_base = base;
  self->cache = version_copy (version);
  return version;
}

/* Recording ------------------------------------------------------------------------- */

static char *
join_fields (GPtrArray *changes)
{
  GString *fields = g_string_new (NULL);

  for (guint i = 0; i < changes->len; i++)
    {
      RtesMergeChange *change = g_ptr_array_index (changes, i);

      if (fields->len + strlen (change->path) + 1 > MAX_FIELDS)
        break;
      if (fields->len > 0)
        g_string_append_c (fields, '\n');
      g_string_append (fields, change->path);
    }
  return g_string_free (fields, FALSE);
}

static JsonNode *
empty_document (void)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, json_object_new ());
  return node;
}

/* What turned @old (NULL: nothing) into @new. */
static GPtrArray *
changes_between (const char *id,
                 JsonNode   *old,
                 JsonNode   *new)
{
  g_autoptr(JsonNode) empty = NULL;
  g_autoptr(RtesMergeResult) result = NULL;

  if (old == NULL)
    old = empty = empty_document ();
  if (new == NULL)
    new = empty != NULL ? empty : (empty = empty_document ());
  result = rtes_fiche_merge (id, old, old, new);
  return g_ptr_array_ref (result->changes);
}

/* Inserts @next as the revision after @head (@prev its content, NULL when
 * @head is not live), and makes @head that revision. */
static gboolean
insert_version (RtesHistory               *self,
                const char                *id,
                Head                      *head,
                Version                   *prev,
                Version                   *next,
                const RtesRevisionSource  *source,
                GError                   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *author = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *name = NULL;
  const char *stored_name;
  RtesRevisionKind kind = prev != NULL ? RTES_REVISION_CHANGED : RTES_REVISION_CREATED;
  guint n = head->n + 1;
  guint base;

  if (head->n >= MAX_REVISIONS)
    {
      g_set_error (error, RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_FAILED,
                   _("Fiche %s has too many revisions to record more"), id);
      return FALSE;
    }

  changes = changes_between (id, prev != NULL ? prev->doc : NULL, next->doc);
  fields = join_fields (changes);

  /* A difference from the revision before, unless the chain is long
   * enough or the difference is most of the fiche: then a snapshot. */
  base = n;
  if (prev != NULL && n - head->base < RTES_HISTORY_CHAIN)
    {
      gsize length;
      g_autofree char *delta = make_delta (prev->doc, next->doc, &length);

      if (length < next->length / 2)
        {
          stored = pack (self, delta, length);
          base = head->base;
        }
    }
  if (stored == NULL)
    stored = pack (self, next->data, next->length);

  if (source->origin == RTES_CHANGE_ORIGIN_DISK)
    author = g_strdup ("");
  else
    author = bounded_text (source->author != NULL ? source->author : self->author, MAX_AUTHOR);
  detail = source->detail != NULL ? bounded_text (source->detail, MAX_DETAIL) : NULL;
  name = bounded_text (next->name, MAX_NAME);
  /* Only where it is needed: see table_sql. */
  stored_name = kind != RTES_REVISION_CHANGED || base == n || g_strcmp0 (name, head->name) != 0
                ? name : NULL;

  stmt = prepare (self, "INSERT INTO revision (fiche, n, time, author, origin, detail, name, fields, "
                        "kind, base, hash, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, n);
  sqlite3_bind_int64 (stmt, 3, source->time != 0 ? source->time : g_get_real_time ());
  bind_text (stmt, 4, author);
  bind_text (stmt, 5, rtes_change_origin_to_string (source->origin));
  bind_text (stmt, 6, detail);
  bind_text (stmt, 7, stored_name);
  bind_text (stmt, 8, fields);
  sqlite3_bind_int (stmt, 9, kind);
  sqlite3_bind_int64 (stmt, 10, base);
  sqlite3_bind_blob (stmt, 11, next->hash, HASH_LENGTH, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 12, g_bytes_get_data (stored, NULL), g_bytes_get_size (stored), SQLITE_TRANSIENT);
  if (!step_done (self, stmt, error))
    return FALSE;

  head->n = n;
  head->kind = kind;
  head->base = base;
  memcpy (head->hash, next->hash, HASH_LENGTH);
  head->origin = source->origin;
  head->has_detail = detail != NULL;
  g_free (head->name);
  head->name = g_strdup (name);
  return TRUE;
}

static gboolean
set_detail (RtesHistory  *self,
            const char   *id,
            guint         n,
            const char   *detail,
            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *bounded = bounded_text (detail, MAX_DETAIL);

  stmt = prepare (self, "UPDATE revision SET detail = ?3 WHERE fiche = ?1 AND n = ?2", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, n);
  bind_text (stmt, 3, bounded);
  return step_done (self, stmt, error);
}

static gboolean
begin (RtesHistory  *self,
       GError      **error)
{
  return exec (self, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (RtesHistory  *self,
        GError      **error)
{
  if (self->hook != NULL)
    self->hook (self, self->hook_data);
  if (exec (self, "COMMIT", error))
    return TRUE;
  rollback (self);
  return FALSE;
}

static guint
record_locked (RtesHistory               *self,
               const char                *id,
               Version                   *next,
               const char                *before,
               const RtesRevisionSource  *source,
               GError                   **error)
{
  g_auto(Head) head = { 0 };
  g_autoptr(Version) known = NULL;
  g_autoptr(Version) prev = NULL;

  if (!begin (self, error))
    return 0;
  if (!read_head (self, id, &head, error))
    goto failed;

  if (head_is_live (&head) && memcmp (head.hash, next->hash, HASH_LENGTH) == 0)
    {
      /* Known already: maybe someone else recorded what we wrote. */
      if (source->detail != NULL && !head.has_detail && head.origin == source->origin
          && !set_detail (self, id, head.n, source->detail, error))
        goto failed;
      if (!commit (self, error))
        goto failed;
      return 0;
    }

  if (before != NULL && head_is_live (&head))
    {
      guint8 hash[HASH_LENGTH];

      /* The usual case: the writer's base is the last revision. */
      hash_bytes (before, strlen (before), hash);
      if (memcmp (hash, head.hash, HASH_LENGTH) == 0)
        known = version_from_canonical (before, id, NULL);
    }
  if (known == NULL && before != NULL)
    known = version_new (id, before, NULL);
  if (known != NULL && head.n == 0)
    {
      /* Never seen: what the file held before is its first version. */
      RtesRevisionSource outside = { RTES_CHANGE_ORIGIN_DISK, NULL, NULL, source->time };

      if (!insert_version (self, id, &head, NULL, known, &outside, error))
        goto failed;
    }
  else if (known != NULL && head_is_live (&head) && memcmp (head.hash, known->hash, HASH_LENGTH) != 0)
    {
      /* Someone else changed the file since the history last saw it. */
      RtesRevisionSource outside = { RTES_CHANGE_ORIGIN_DISK, NULL, NULL, source->time };
      g_autoptr(Version) last = reconstruct (self, id, head.n, error);

      if (last == NULL || !insert_version (self, id, &head, last, known, &outside, error))
        goto failed;
    }

  if (known != NULL && head_is_live (&head) && memcmp (head.hash, known->hash, HASH_LENGTH) == 0)
    prev = g_steal_pointer (&known);
  else if (head_is_live (&head) && (prev = reconstruct (self, id, head.n, error)) == NULL)
    goto failed;

  if (!insert_version (self, id, &head, prev, next, source, error) || !commit (self, error))
    goto failed;
  return head.n;

failed:
  rollback (self);
  return 0;
}

static guint
record_deletion_locked (RtesHistory       *self,
                        const char        *id,
                        RtesChangeOrigin   origin,
                        GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_auto(Head) head = { 0 };
  g_autofree char *author = NULL;

  if (!begin (self, error))
    return 0;
  if (!read_head (self, id, &head, error))
    goto failed;
  if (!head_is_live (&head))
    {
      rollback (self);
      return 0;
    }

  author = origin == RTES_CHANGE_ORIGIN_DISK ? g_strdup ("") : bounded_text (self->author, MAX_AUTHOR);
  stmt = prepare (self, "INSERT INTO revision (fiche, n, time, author, origin, detail, name, fields, "
                        "kind, base, hash, data) VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6, '', ?7, ?2, NULL, NULL)",
                  error);
  if (stmt == NULL)
    goto failed;
  bind_text (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, head.n + 1);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  bind_text (stmt, 4, author);
  bind_text (stmt, 5, rtes_change_origin_to_string (origin));
  bind_text (stmt, 6, head.name);
  sqlite3_bind_int (stmt, 7, RTES_REVISION_DELETED);
  if (!step_done (self, stmt, error) || !commit (self, error))
    goto failed;
  return head.n + 1;

failed:
  rollback (self);
  return 0;
}

static gboolean
check_id (const char  *id,
          GError     **error)
{
  if (rtes_id_is_valid (id))
    return TRUE;
  g_set_error (error, RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_NOT_FOUND,
               _("“%s” is not a valid fiche identifier"), id != NULL ? id : "");
  return FALSE;
}

/* Takes the lock and evaluates @call, an expression that reports into
 * `store_error`; a store found corrupt during @call is set aside, and
 * @call made once more on the new one. */
#define WITH_STORE(self, result, call, error)                           \
  G_STMT_START {                                                        \
    g_autoptr(GError) _local = NULL;                                    \
    GError **store_error = &_local;                                     \
    g_mutex_lock (&(self)->lock);                                       \
    (self)->corrupt = FALSE;                                            \
    result = (call);                                                    \
    if (_local != NULL && (self)->corrupt)                              \
      {                                                                 \
        g_clear_error (&_local);                                        \
        if (recover ((self), &_local))                                  \
          result = (call);                                              \
      }                                                                 \
    g_mutex_unlock (&(self)->lock);                                     \
    if (_local != NULL)                                                 \
      g_propagate_error ((error), g_steal_pointer (&_local));           \
  } G_STMT_END

guint
rtes_history_record_full (RtesHistory               *self,
                          const char                *id,
                          const char                *before,
                          const char                *after,
                          const RtesRevisionSource  *source,
                          GError                   **error)
{
  g_autoptr(Version) next = NULL;
  guint n = 0;

  g_return_val_if_fail (RTES_IS_HISTORY (self), 0);
  g_return_val_if_fail (after != NULL, 0);
  g_return_val_if_fail (source != NULL, 0);

  if (!check_id (id, error) || (next = version_new (id, after, error)) == NULL)
    return 0;
  WITH_STORE (self, n, record_locked (self, id, next, before, source, store_error), error);
  return n;
}

guint
rtes_history_record (RtesHistory       *self,
                     const char        *id,
                     const char        *before,
                     const char        *after,
                     RtesChangeOrigin   origin,
                     const char        *detail,
                     GError           **error)
{
  RtesRevisionSource source = { origin, detail, NULL, 0 };

  return rtes_history_record_full (self, id, before, after, &source, error);
}

guint
rtes_history_record_deletion (RtesHistory       *self,
                              const char        *id,
                              RtesChangeOrigin   origin,
                              GError           **error)
{
  guint n = 0;

  g_return_val_if_fail (RTES_IS_HISTORY (self), 0);
  if (!check_id (id, error))
    return 0;
  WITH_STORE (self, n, record_deletion_locked (self, id, origin, store_error), error);
  return n;
}

static gboolean
annotate_locked (RtesHistory       *self,
                 const char        *id,
                 Version           *content,
                 RtesChangeOrigin   origin,
                 const char        *detail,
                 GError           **error)
{
  g_auto(Head) head = { 0 };

  if (!read_head (self, id, &head, error))
    return FALSE;
  if (!head_is_live (&head) || head.has_detail || head.origin != origin
      || memcmp (head.hash, content->hash, HASH_LENGTH) != 0)
    return TRUE;
  return set_detail (self, id, head.n, detail, error);
}

gboolean
rtes_history_annotate (RtesHistory       *self,
                       const char        *id,
                       const char        *content,
                       RtesChangeOrigin   origin,
                       const char        *detail,
                       GError           **error)
{
  g_autoptr(Version) version = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (RTES_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (content != NULL, FALSE);

  if (detail == NULL)
    return TRUE;
  if (!check_id (id, error) || (version = version_new (id, content, error)) == NULL)
    return FALSE;
  WITH_STORE (self, ok, annotate_locked (self, id, version, origin, detail, store_error), error);
  return ok;
}

static gboolean
rename_locked (RtesHistory  *self,
               const char   *old_id,
               const char   *new_id,
               GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_auto(Head) head = { 0 };

  if (!begin (self, error))
    return FALSE;
  if (!read_head (self, new_id, &head, error))
    goto failed;
  if (head_is_live (&head))
    {
      /* A fiche of that id went away without the history seeing it. */
      g_autoptr(sqlite3_stmt) gone = NULL;

      gone = prepare (self, "INSERT INTO revision (fiche, n, time, author, origin, detail, name, fields, "
                            "kind, base, hash, data) VALUES (?1, ?2, ?3, '', 'disk', NULL, ?4, '', 2, ?2, NULL, NULL)",
                      error);
      if (gone == NULL)
        goto failed;
      bind_text (gone, 1, new_id);
      sqlite3_bind_int64 (gone, 2, head.n + 1);
      sqlite3_bind_int64 (gone, 3, g_get_real_time ());
      bind_text (gone, 4, head.name);
      if (!step_done (self, gone, error))
        goto failed;
      head.n++;
    }
  /* After the new id's own past, if it has one. */
  stmt = prepare (self, "UPDATE revision SET fiche = ?2, n = n + ?3, base = base + ?3 WHERE fiche = ?1",
                  error);
  if (stmt == NULL)
    goto failed;
  bind_text (stmt, 1, old_id);
  bind_text (stmt, 2, new_id);
  sqlite3_bind_int64 (stmt, 3, head.n);
  if (!step_done (self, stmt, error) || !commit (self, error))
    goto failed;
  return TRUE;

failed:
  rollback (self);
  return FALSE;
}

gboolean
rtes_history_rename (RtesHistory  *self,
                     const char   *old_id,
                     const char   *new_id,
                     GError      **error)
{
  gboolean ok = FALSE;

  g_return_val_if_fail (RTES_IS_HISTORY (self), FALSE);
  if (!check_id (old_id, error) || !check_id (new_id, error))
    return FALSE;
  if (g_str_equal (old_id, new_id))
    return TRUE;
  WITH_STORE (self, ok, (forget_cache (self), rename_locked (self, old_id, new_id, store_error)), error);
  return ok;
}

/* Scanning ------------------------------------------------------------------------------ */

/* Whether @data is, byte for byte, the last revision of @id: the usual
 * case, answered without reading the file as a fiche. */
static gboolean
same_as_head_locked (RtesHistory  *self,
                     const char   *id,
                     GBytes       *data,
                     gboolean     *same,
                     GError      **error)
{
  g_auto(Head) head = { 0 };
  guint8 hash[HASH_LENGTH];

  if (!read_head (self, id, &head, error))
    return FALSE;
  hash_bytes (g_bytes_get_data (data, NULL), g_bytes_get_size (data), hash);
  *same = head_is_live (&head) && memcmp (head.hash, hash, HASH_LENGTH) == 0;
  return TRUE;
}

guint
rtes_history_scan_fiche (RtesHistory     *self,
                         RtesLibraryDir  *dir,
                         const char      *id,
                         GError         **error)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean same = FALSE, ok = FALSE;

  g_return_val_if_fail (RTES_IS_HISTORY (self), 0);
  g_return_val_if_fail (dir != NULL, 0);

  if (!check_id (id, error))
    return 0;
  name = g_strconcat (id, ".json", NULL);
  data = rtes_library_dir_read (dir, name, RTES_JSON_MAX_FICHE_SIZE, &local_error);
  if (data == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return rtes_history_record_deletion (self, id, RTES_CHANGE_ORIGIN_DISK, error);
      /* A link or a file too large is no fiche: nothing to record. */
      return 0;
    }
  WITH_STORE (self, ok, same_as_head_locked (self, id, data, &same, store_error), error);
  if (!ok || same)
    return 0;
  /* A NUL inside is no JSON: not a fiche. */
  if (memchr (g_bytes_get_data (data, NULL), '\0', g_bytes_get_size (data)) != NULL)
    return 0;
  text = g_strndup (g_bytes_get_data (data, NULL), g_bytes_get_size (data));
  {
    RtesRevisionSource source = { RTES_CHANGE_ORIGIN_DISK, NULL, NULL, 0 };
    g_autoptr(GError) record_error = NULL;
    guint n = rtes_history_record_full (self, id, NULL, text, &source, &record_error);

    /* A file that does not read as a fiche is the library's business
     * (it lists it as broken), not the history's. */
    if (record_error != NULL && record_error->domain != RTES_FICHE_ERROR)
      g_propagate_error (error, g_steal_pointer (&record_error));
    return n;
  }
}

/* The ids whose last revision is not a deletion. */
static gboolean
live_ids_locked (RtesHistory  *self,
                 GPtrArray   **ids,
                 GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *ids = NULL;
  stmt = prepare (self, "SELECT fiche, kind, max(n) FROM revision GROUP BY fiche", error);
  if (stmt == NULL)
    return FALSE;
  *ids = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = NULL;
      guint kind = 0;

      if (!column_text (stmt, 0, RTES_ID_MAX_LENGTH, FALSE, &id) || !rtes_id_is_valid (id)
          || !column_uint (stmt, 1, RTES_REVISION_CHANGED, RTES_REVISION_DELETED, &kind))
        continue;
      if (kind != RTES_REVISION_DELETED)
        g_ptr_array_add (*ids, g_strdup (id));
    }
  if (rc != SQLITE_DONE)
    {
      g_clear_pointer (ids, g_ptr_array_unref);
      return sql_error (self, rc, error);
    }
  return TRUE;
}

guint
rtes_history_scan (RtesHistory     *self,
                   RtesLibraryDir  *dir,
                   GCancellable    *cancellable,
                   GError         **error)
{
  g_auto(GStrv) ids = NULL;
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) live = NULL;
  gboolean ok = FALSE;
  guint recorded = 0;

  g_return_val_if_fail (RTES_IS_HISTORY (self), 0);
  g_return_val_if_fail (dir != NULL, 0);

  ids = rtes_library_dir_list_ids (dir, error);
  if (ids == NULL)
    return 0;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return recorded;
      g_hash_table_add (present, ids[i]);
      if (rtes_history_scan_fiche (self, dir, ids[i], &local_error) > 0)
        recorded++;
      if (local_error != NULL)
        g_debug ("History: %s: %s", ids[i], local_error->message);
    }

  WITH_STORE (self, ok, live_ids_locked (self, &live, store_error), error);
  if (!ok)
    return recorded;
  for (guint i = 0; i < live->len; i++)
    if (!g_hash_table_contains (present, live->pdata[i]))
      {
        /* Gone (scan_fiche reads again: a file may have appeared since
         * the listing). */
        if (rtes_history_scan_fiche (self, dir, live->pdata[i], NULL) > 0)
          recorded++;
      }
  return recorded;
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  guint n = rtes_history_scan (source_object, task_data, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n);
}

void
rtes_history_scan_async (RtesHistory         *self,
                         RtesLibraryDir      *dir,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RTES_IS_HISTORY (self));
  g_return_if_fail (dir != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rtes_history_scan_async);
  g_task_set_task_data (task, rtes_library_dir_ref (dir), (GDestroyNotify) rtes_library_dir_unref);
  rtes_task_run_in_thread (task, scan_thread);
}

guint
rtes_history_scan_finish (RtesHistory   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  /* Not in MAX(): it would propagate twice. */
  n = g_task_propagate_int (G_TASK (result), error);
  return n > 0 ? (guint) n : 0;
}

/* Reading ------------------------------------------------------------------------------- */

#define REVISION_COLUMNS "n, time, author, origin, detail, name, fields, kind"

/* A row of REVISION_COLUMNS; @name_before is the name in force before
 * it, for a row that does not store one. */
static RtesRevision *
read_revision (sqlite3_stmt  *stmt,
               const char    *id,
               const char    *name_before,
               GError       **error)
{
  const char *author = NULL, *origin_nick = NULL, *detail = NULL, *name = NULL, *fields = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) valid = NULL;
  RtesChangeOrigin origin;
  guint n = 0, kind = 0;

  if (!column_uint (stmt, 0, 1, MAX_REVISIONS, &n)
      || sqlite3_column_type (stmt, 1) != SQLITE_INTEGER
      || !column_text (stmt, 2, MAX_AUTHOR, FALSE, &author)
      || !column_text (stmt, 3, 32, FALSE, &origin_nick)
      || !rtes_change_origin_from_string (origin_nick, &origin)
      || !column_text (stmt, 4, MAX_DETAIL, TRUE, &detail)
      || !column_text (stmt, 5, MAX_NAME, TRUE, &name)
      || !column_text (stmt, 6, MAX_FIELDS, FALSE, &fields)
      || !column_uint (stmt, 7, RTES_REVISION_CHANGED, RTES_REVISION_DELETED, &kind))
    {
      g_propagate_error (error, damaged_error (id, n, _("its row is not one this version writes")));
      return NULL;
    }

  valid = g_ptr_array_new ();
  lines = g_strsplit (fields, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && rtes_fiche_path_is_valid (lines[i]))
      g_ptr_array_add (valid, g_steal_pointer (&lines[i]));
  g_ptr_array_add (valid, NULL);

  return rtes_revision_new (id, n, sqlite3_column_int64 (stmt, 1), author, origin, detail,
                            name != NULL ? name : name_before, kind,
                            (GStrv) g_ptr_array_free (g_steal_pointer (&valid), FALSE));
}

static gboolean
list_locked (RtesHistory  *self,
             const char   *id,
             const char   *field,
             GPtrArray   **revisions,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *name = NULL;
  int rc;

  *revisions = NULL;
  stmt = prepare (self, "SELECT " REVISION_COLUMNS " FROM revision WHERE fiche = ?1 ORDER BY n", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RtesRevision *revision = read_revision (stmt, id, name, error);

      if (revision == NULL)
        return FALSE;
      g_free (name);
      name = g_strdup (rtes_revision_get_name (revision));
      if (field == NULL || rtes_revision_touches (revision, field))
        g_ptr_array_add (list, revision);
      else
        g_object_unref (revision);
    }
  if (rc != SQLITE_DONE)
    return sql_error (self, rc, error);
  *revisions = g_steal_pointer (&list);
  return TRUE;
}

GPtrArray *
rtes_history_list (RtesHistory  *self,
                   const char   *id,
                   const char   *field,
                   GError      **error)
{
  GPtrArray *revisions = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (RTES_IS_HISTORY (self), NULL);
  if (!check_id (id, error))
    return NULL;
  WITH_STORE (self, ok, list_locked (self, id, field, &revisions, store_error), error);
  return ok ? revisions : NULL;
}

static gboolean
last_locked (RtesHistory  *self,
             const char   *id,
             guint        *last,
             GError      **error)
{
  g_auto(Head) head = { 0 };

  if (!read_head (self, id, &head, error))
    return FALSE;
  *last = head.n;
  return TRUE;
}

guint
rtes_history_get_last (RtesHistory  *self,
                       const char   *id,
                       GError      **error)
{
  guint last = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (RTES_IS_HISTORY (self), 0);
  if (!check_id (id, error))
    return 0;
  WITH_STORE (self, ok, last_locked (self, id, &last, store_error), error);
  return ok ? last : 0;
}

static gboolean
lookup_locked (RtesHistory   *self,
               const char    *id,
               guint          number,
               RtesRevision **revision,
               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *name_before = NULL;

  *revision = NULL;
  stmt = prepare (self, "SELECT " REVISION_COLUMNS ", (SELECT name FROM revision WHERE fiche = ?1 AND n <= ?2 "
                        "AND name IS NOT NULL ORDER BY n DESC LIMIT 1) FROM revision WHERE fiche = ?1 AND n = ?2",
                  error);
  if (stmt == NULL || !step_revision (self, stmt, id, number, error))
    return FALSE;
  if (!column_text (stmt, 8, MAX_NAME, TRUE, &name_before))
    {
      g_propagate_error (error, damaged_error (id, number, _("its row is not one this version writes")));
      return FALSE;
    }
  *revision = read_revision (stmt, id, name_before, error);
  return *revision != NULL;
}

RtesRevision *
rtes_history_lookup (RtesHistory  *self,
                     const char   *id,
                     guint         number,
                     GError      **error)
{
  RtesRevision *revision = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (RTES_IS_HISTORY (self), NULL);
  if (!check_id (id, error))
    return NULL;
  WITH_STORE (self, ok, lookup_locked (self, id, number, &revision, store_error), error);
  return ok ? revision : NULL;
}

static Version *
get_version (RtesHistory  *self,
             const char   *id,
             guint         number,
             GError      **error)
{
  Version *version = NULL;

  if (!check_id (id, error))
    return NULL;
  WITH_STORE (self, version, reconstruct (self, id, number, store_error), error);
  return version;
}

char *
rtes_history_get_data (RtesHistory  *self,
                       const char   *id,
                       guint         number,
                       GError      **error)
{
  g_autoptr(Version) version = NULL;

  g_return_val_if_fail (RTES_IS_HISTORY (self), NULL);
  version = get_version (self, id, number, error);
  return version != NULL ? g_steal_pointer (&version->data) : NULL;
}

RtesFiche *
rtes_history_get_fiche (RtesHistory  *self,
                        const char   *id,
                        guint         number,
                        GError      **error)
{
  g_autoptr(Version) version = NULL;
  g_autofree char *source = NULL;

  g_return_val_if_fail (RTES_IS_HISTORY (self), NULL);
  version = get_version (self, id, number, error);
  if (version == NULL)
    return NULL;
  source = g_strdup_printf ("%s@%u", id, number);
  return rtes_fiche_new_from_json (version->doc, source, NULL, error);
}

/* The content before revision @number: NULL (and TRUE) when there was
 * none (its first, or after a deletion). */
static gboolean
previous_locked (RtesHistory  *self,
                 const char   *id,
                 guint         number,
                 Version     **previous,
                 GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  *previous = NULL;
  if (number <= 1)
    return TRUE;
  *previous = reconstruct (self, id, number - 1, &local_error);
  if (*previous != NULL || g_error_matches (local_error, RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_DELETED))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
changes_locked (RtesHistory  *self,
                const char   *id,
                guint         number,
                GPtrArray   **changes,
                JsonNode    **before,
                JsonNode    **after,
                GError      **error)
{
  g_autoptr(RtesRevision) revision = NULL;
  g_autoptr(Version) previous = NULL;
  g_autoptr(Version) version = NULL;

  *changes = NULL;
  if (!lookup_locked (self, id, number, &revision, error)
      || !previous_locked (self, id, number, &previous, error))
    return FALSE;
  if (rtes_revision_get_kind (revision) != RTES_REVISION_DELETED
      && (version = reconstruct (self, id, number, error)) == NULL)
    return FALSE;
  *changes = changes_between (id, previous != NULL ? previous->doc : NULL,
                              version != NULL ? version->doc : NULL);
  if (before != NULL)
    *before = previous != NULL ? json_node_ref (previous->doc) : NULL;
  if (after != NULL)
    *after = version != NULL ? json_node_ref (version->doc) : NULL;
  return TRUE;
}

GPtrArray *
rtes_history_get_changes (RtesHistory  *self,
                          const char   *id,
                          guint         number,
                          JsonNode    **before,
                          JsonNode    **after,
                          GError      **error)
{
  GPtrArray *changes = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (RTES_IS_HISTORY (self), NULL);
  if (before != NULL)
    *before = NULL;
  if (after != NULL)
    *after = NULL;
  if (!check_id (id, error))
    return NULL;
  WITH_STORE (self, ok, changes_locked (self, id, number, &changes, before, after, store_error), error);
  return ok ? changes : NULL;
}

static gboolean
deleted_locked (RtesHistory  *self,
                GPtrArray   **revisions,
                GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  *revisions = NULL;
  stmt = prepare (self, "SELECT fiche, " REVISION_COLUMNS " FROM revision AS r WHERE kind = 2 "
                        "AND n = (SELECT max(n) FROM revision WHERE fiche = r.fiche) "
                        "ORDER BY time DESC, fiche", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(sqlite3_stmt) row = NULL;
      const char *id = NULL;
      RtesRevision *revision;

      if (!column_text (stmt, 0, RTES_ID_MAX_LENGTH, FALSE, &id) || !rtes_id_is_valid (id))
        {
          g_propagate_error (error, damaged_error ("?", 0, _("its row is not one this version writes")));
          return FALSE;
        }
      /* read_revision() reads from column 0: a statement of its own. */
      row = prepare (self, "SELECT " REVISION_COLUMNS " FROM revision WHERE fiche = ?1 AND n = ?2", error);
      if (row == NULL || !step_revision (self, row, id, sqlite3_column_int64 (stmt, 1), error))
        return FALSE;
      revision = read_revision (row, id, NULL, error);
      if (revision == NULL)
        return FALSE;
      g_ptr_array_add (list, revision);
    }
  if (rc != SQLITE_DONE)
    return sql_error (self, rc, error);
  *revisions = g_steal_pointer (&list);
  return TRUE;
}

GPtrArray *
rtes_history_list_deleted (RtesHistory  *self,
                           GError      **error)
{
  GPtrArray *revisions = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (RTES_IS_HISTORY (self), NULL);
  WITH_STORE (self, ok, deleted_locked (self, &revisions, store_error), error);
  return ok ? revisions : NULL;
}

/* Restoring ----------------------------------------------------------------------------- */

static RtesFiche *
restore_whole (RtesHistory  *self,
               RtesFiche    *current,
               const char   *id,
               guint         number,
               GError      **error)
{
  g_autoptr(RtesFiche) fiche = rtes_history_get_fiche (self, id, number, error);

  if (fiche == NULL)
    return NULL;
  /* The revision may be from before a rename. */
  rtes_fiche_set_id (fiche, id);
  return g_steal_pointer (&fiche);
}

static RtesFiche *
restore_place (RtesHistory  *self,
               RtesFiche    *current,
               const char   *id,
               guint         number,
               const char   *path,
               GError      **error)
{
  g_autoptr(Version) old = NULL;
  g_autoptr(JsonNode) doc = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *source = g_strconcat (id, ".json", NULL);
  JsonNode *value = NULL;

  if (!rtes_fiche_path_is_valid (path) || g_str_equal (path, "id") || g_str_equal (path, "format")
      || g_str_equal (path, "version"))
    {
      g_set_error (error, RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_RESTORE,
                   _("“%s” is not a place of a fiche that can be restored"), path);
      return NULL;
    }
  if (number > 0)
    {
      old = get_version (self, id, number, &local_error);
      if (old == NULL && !g_error_matches (local_error, RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_DELETED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  if (old != NULL)
    value = rtes_fiche_path_get (old->doc, path);

  doc = rtes_fiche_to_json (current);
  if (!rtes_fiche_path_set (doc, path, value, &local_error))
    {
      g_set_error (error, RTES_HISTORY_ERROR, RTES_HISTORY_ERROR_RESTORE,
                   _("%s cannot be put back as it was: %s"), path, local_error->message);
      return NULL;
    }
  return rtes_fiche_new_from_json (doc, source, NULL, error);
}

RtesFiche *
rtes_history_make_restore (RtesHistory  *self,
                           RtesFiche    *current,
                           const char   *id,
                           guint         number,
                           const char   *path,
                           GError      **error)
{
  g_autoptr(RtesFiche) restored = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_return_val_if_fail (RTES_IS_HISTORY (self), NULL);
  g_return_val_if_fail (current == NULL || RTES_IS_FICHE (current), NULL);
  g_return_val_if_fail (path == NULL || current != NULL, NULL);

  if (!check_id (id, error))
    return NULL;
  if (path == NULL)
    restored = restore_whole (self, current, id, number, error);
  else
    restored = restore_place (self, current, id, number, path, error);
  if (restored == NULL)
    return NULL;

  /* Restoring is a change made today, unless it changes nothing. */
  before = current != NULL ? rtes_fiche_to_data (current, NULL) : NULL;
  after = rtes_fiche_to_data (restored, NULL);
  if (g_strcmp0 (before, after) != 0 && g_strcmp0 (path, "updated") != 0)
    rtes_fiche_touch (restored, NULL);
  return g_steal_pointer (&restored);
}

/* The author ---------------------------------------------------------------------------- */

char *
rtes_history_default_author (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  const char *real;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, "author-name"))
    {
      g_autoptr(GSettings) settings = g_settings_new_full (schema, NULL, NULL);
      g_autofree char *name = g_settings_get_string (settings, "author-name");

      if (!rtes_text_is_blank (name))
        return g_strstrip (g_steal_pointer (&name));
    }
  real = g_get_real_name ();
  if (rtes_text_is_blank (real) || g_str_equal (real, "Unknown"))
    real = g_get_user_name ();
  return g_strdup (real);
}

const char *
rtes_history_get_author (RtesHistory *self)
{
  g_return_val_if_fail (RTES_IS_HISTORY (self), NULL);
  return self->author;
}

void
rtes_history_set_author (RtesHistory *self,
                         const char  *author)
{
  g_autofree char *name = NULL;
  gboolean changed;

  g_return_if_fail (RTES_IS_HISTORY (self));

  name = rtes_text_is_blank (author) ? rtes_history_default_author ()
                                     : g_strstrip (g_strdup (author));
  g_mutex_lock (&self->lock);
  changed = g_strcmp0 (name, self->author) != 0;
  if (changed)
    {
      g_free (self->author);
      self->author = g_steal_pointer (&name);
    }
  g_mutex_unlock (&self->lock);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR]);
}

/* The rest ------------------------------------------------------------------------------- */

char *
rtes_history_take_notice (RtesHistory *self)
{
  char *notice;

  g_return_val_if_fail (RTES_IS_HISTORY (self), NULL);
  g_mutex_lock (&self->lock);
  notice = g_steal_pointer (&self->notice);
  g_mutex_unlock (&self->lock);
  return notice;
}

void
rtes_history_set_write_hook (RtesHistory     *self,
                             RtesHistoryHook  hook,
                             gpointer         user_data)
{
  g_return_if_fail (RTES_IS_HISTORY (self));
  g_mutex_lock (&self->lock);
  self->hook = hook;
  self->hook_data = user_data;
  g_mutex_unlock (&self->lock);
}

static void
rtes_history_finalize (GObject *object)
{
  RtesHistory *self = RTES_HISTORY (object);

  close_store (self);
  if (self->deflate_ready)
    deflateEnd (&self->deflate);
  if (self->inflate_ready)
    inflateEnd (&self->inflate);
  g_clear_pointer (&self->dir, rtes_library_dir_unref);
  g_free (self->library_path);
  g_free (self->db_path);
  g_free (self->author);
  g_free (self->notice);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (rtes_history_parent_class)->finalize (object);
}

static void
rtes_history_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RtesHistory *self = RTES_HISTORY (object);

  switch (prop_id)
    {
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_history_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RtesHistory *self = RTES_HISTORY (object);

  switch (prop_id)
    {
    case PROP_AUTHOR:
      rtes_history_set_author (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_history_class_init (RtesHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rtes_history_finalize;
  object_class->get_property = rtes_history_get_property;
  object_class->set_property = rtes_history_set_property;

  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rtes_history_init (RtesHistory *self)
{
  g_mutex_init (&self->lock);
  self->author = rtes_history_default_author ();
}
