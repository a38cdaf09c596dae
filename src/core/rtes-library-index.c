/* rtes-library-index.c: what a library knows of its fiche files without opening them
 *
 * A window that lists ten thousand fiches cannot read ten thousand files
 * first, nor can "rtes-fiches-cli list". The index keeps, for each fiche
 * file, the summary the list needs (rtes-fiche-summary.h) together with
 * the key of the version of the file it was made from: size, mtime and
 * ctime to the nanosecond, inode and device (RtesFileKey). Listing the
 * library is then one readdir() and one fstatat() per file; a file whose
 * key differs (edited by git, by an editor, by another process, even to
 * the same size; replaced by a rename; touched) or that the index does
 * not know is read and indexed again, and the index forgets what is gone.
 * The files always win: nothing is taken from the index that a file
 * could contradict without changing its key.
 *
 * A key alone cannot tell two versions written within one tick of the
 * file system's clock apart (a few milliseconds on Linux, a second or two
 * on some file systems): same size, same times, same inode. As git does
 * with its own index, a file changed too recently to be sure of is read
 * but not recorded (RTES_FILE_KEY_SETTLE_MS): it is read again at
 * each listing until it has been left alone long enough that any later
 * change must show in its ctime (which no program can set back).
 *
 * The index is a cache in <library>/.rtes-fiches/index.sqlite, an SQLite
 * database in WAL mode, so that the window and the CLI can list, read and
 * update it at the same time (each waits up to a few seconds for the
 * other's write, then carries on without writing). Every row written
 * pairs a key with what the file held under that key, so whichever
 * process writes last, a row is never wrong for the file it names, only
 * possibly out of date, which its key shows. Why SQLite, and the figures
 * behind it: docs/performance.md.
 *
 * It is also outside input like any file of a library: the database is
 * opened without following links (a link in its place is removed), with
 * SQLite's defensive settings and no triggers or views; its schema must be
 * exactly ours and its version ours, or it is removed and made again;
 * garbage or a truncated file is found the same way; and every value read
 * from a row is checked (types, UTF-8, no NUL, bounds) before it is used,
 * a row that fails making its file be read again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-library-index.h"
#include "rtes-fiche-json.h"
#include "rtes-json-reader.h"
#include "rtes-library.h"
#include "rtes-safe-file.h"
#include "rtes-text.h"
#include "rtes-validation.h"

#include <dirent.h>
#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* "RTES" */
#define INDEX_APPLICATION_ID 0x52544553

/* How long a process waits for another one's write before it carries on
 * without the index's help. */
#define BUSY_TIMEOUT_MS 3000


/* More problems than a fiche file of the largest size could hold: a row
 * that says so is damaged. */
#define MAX_BLOCKING ((gint64) (RTES_JSON_MAX_FICHE_SIZE / 2))

/* The longest value a row may hold: no fiche file is larger. */
#define MAX_VALUE_BYTES RTES_JSON_MAX_FICHE_SIZE

/* The search texts, the bulk of the index, in a table of their own: a
 * listing that does not search reads a tenth of the file. */
#define SCHEMA_FICHES \
  "CREATE TABLE fiches (id TEXT PRIMARY KEY NOT NULL, size INTEGER NOT NULL, " \
  "mtime INTEGER NOT NULL, ctime INTEGER NOT NULL, inode INTEGER NOT NULL, " \
  "device INTEGER NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL, kind TEXT, " \
  "region TEXT, updated TEXT, member_since INTEGER, postcode TEXT NOT NULL, " \
  "city TEXT NOT NULL, tags TEXT NOT NULL, filled INTEGER NOT NULL, " \
  "example INTEGER NOT NULL, budget TEXT NOT NULL, blocking INTEGER NOT NULL)"
#define SCHEMA_TEXTS \
  "CREATE TABLE texts (id TEXT PRIMARY KEY NOT NULL, search TEXT NOT NULL)"

/* What sqlite_schema must hold, row by row in name order. */
static const char * const expected_schema[] = {
  "table|fiches|" SCHEMA_FICHES,
  "index|sqlite_autoindex_fiches_1|",
  "index|sqlite_autoindex_texts_1|",
  "table|texts|" SCHEMA_TEXTS,
  NULL
};

enum {
  COL_ID, COL_SIZE, COL_MTIME, COL_CTIME, COL_INODE, COL_DEVICE, COL_NAME, COL_STATUS,
  COL_KIND, COL_REGION, COL_UPDATED, COL_MEMBER_SINCE, COL_POSTCODE, COL_CITY, COL_TAGS,
  COL_FILLED, COL_EXAMPLE, COL_BUDGET, COL_BLOCKING, N_COLUMNS
};

#define SELECT_COLUMNS \
  "id, size, mtime, ctime, inode, device, name, status, kind, region, updated, " \
  "member_since, postcode, city, tags, filled, example, budget, blocking"

struct _RtesLibraryIndex
{
  GObject parent_instance;

  RtesLibraryDir *dir;
  char *path;          /* of the database, the library's real path below */
  gboolean claim_later;   /* no .rtes-fiches yet: made once a fiche is seen */

  GMutex lock;         /* one statement sequence at a time */
  sqlite3 *db;         /* NULL: no index could be had */
  guint n_read;
};

G_DEFINE_FINAL_TYPE (RtesLibraryIndex, rtes_library_index, G_TYPE_OBJECT)

typedef enum {
  OPEN_OK,
  OPEN_DAMAGED,   /* remove it and make it again */
  OPEN_FAILED,    /* no index here */
} OpenResult;

static void
rtes_indexed_file_free (RtesIndexedFile *file)
{
  if (file == NULL)
    return;
  g_free (file->id);
  g_clear_pointer (&file->summary, rtes_fiche_summary_free);
  g_clear_object (&file->fiche);
  g_free (file);
}

/* ---- opening ---- */

static void
close_db (RtesLibraryIndex *self)
{
  g_clear_pointer (&self->db, sqlite3_close);
}

static gboolean
exec (sqlite3    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) == SQLITE_OK)
    return TRUE;
  g_debug ("library index: %s: %s", sql, message ? message : "?");
  sqlite3_free (message);
  return FALSE;
}

/* The one integer a pragma answers, or -1. */
static gint64
pragma_value (sqlite3    *db,
              const char *sql,
              int        *rc)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  *rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (*rc == SQLITE_OK)
    {
      *rc = sqlite3_step (stmt);
      if (*rc == SQLITE_ROW)
        {
          value = sqlite3_column_int64 (stmt, 0);
          *rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  return value;
}

/* The schema as "type|name|sql" rows in name order; NULL on error. */
static GPtrArray *
read_schema (sqlite3 *db,
             int     *rc)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  *rc = sqlite3_prepare_v2 (db, "SELECT type, name, sql FROM sqlite_schema ORDER BY name",
                            -1, &stmt, NULL);
  if (*rc != SQLITE_OK)
    return NULL;
  while ((*rc = sqlite3_step (stmt)) == SQLITE_ROW && rows->len <= G_N_ELEMENTS (expected_schema))
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *sql = (const char *) sqlite3_column_text (stmt, 2);

      g_ptr_array_add (rows, g_strdup_printf ("%s|%s|%s", type ? type : "", name ? name : "",
                                              sql ? sql : ""));
    }
  sqlite3_finalize (stmt);
  if (*rc != SQLITE_DONE && *rc != SQLITE_ROW)
    return NULL;
  *rc = SQLITE_OK;
  return g_steal_pointer (&rows);
}

static gboolean
schema_is_ours (GPtrArray *rows)
{
  if (rows->len != G_N_ELEMENTS (expected_schema) - 1)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (g_ptr_array_index (rows, i), expected_schema[i]) != 0)
      return FALSE;
  return TRUE;
}

static OpenResult
result_of (int rc)
{
  /* Busy is another process holding it: not damage, just no help now. */
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED || rc == SQLITE_NOMEM)
    return OPEN_FAILED;
  if ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY
      || (rc & 0xff) == SQLITE_PERM || (rc & 0xff) == SQLITE_AUTH)
    return OPEN_FAILED;
  return OPEN_DAMAGED;
}

/* An empty database becomes an index; another process may be doing the
 * same, which the write lock sorts out. */
static OpenResult
create_schema (sqlite3 *db)
{
  g_autoptr(GPtrArray) rows = NULL;
  int rc;

  if (!exec (db, "BEGIN IMMEDIATE"))
    return OPEN_FAILED;
  rows = read_schema (db, &rc);
  if (rows == NULL)
    {
      exec (db, "ROLLBACK");
      return result_of (rc);
    }
  if (rows->len == 0)
    {
      g_autofree char *ids = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d",
                                              INDEX_APPLICATION_ID, RTES_LIBRARY_INDEX_VERSION);

      if (!exec (db, SCHEMA_FICHES) || !exec (db, SCHEMA_TEXTS) || !exec (db, ids))
        {
          exec (db, "ROLLBACK");
          return OPEN_FAILED;
        }
    }
  return exec (db, "COMMIT") ? OPEN_OK : OPEN_FAILED;
}

static OpenResult
check_db (sqlite3 *db)
{
  g_autoptr(GPtrArray) rows = NULL;
  gint64 application_id, version;
  int rc;

  rows = read_schema (db, &rc);
  if (rows == NULL)
    return result_of (rc);
  if (rows->len == 0)
    {
      OpenResult result = create_schema (db);

      if (result != OPEN_OK)
        return result;
      g_ptr_array_unref (g_steal_pointer (&rows));
      rows = read_schema (db, &rc);
      if (rows == NULL)
        return result_of (rc);
    }
  if (!schema_is_ours (rows))
    return OPEN_DAMAGED;
  application_id = pragma_value (db, "PRAGMA application_id", &rc);
  if (rc == SQLITE_OK)
    version = pragma_value (db, "PRAGMA user_version", &rc);
  if (rc != SQLITE_OK)
    return result_of (rc);
  return application_id == INDEX_APPLICATION_ID && version == RTES_LIBRARY_INDEX_VERSION
         ? OPEN_OK : OPEN_DAMAGED;
}

static OpenResult
open_db (RtesLibraryIndex *self)
{
  sqlite3 *db = NULL;
  OpenResult result;
  int rc;

  /* No link anywhere in the path (the library's is its real path), and
   * SQLite opens its -wal and -shm files without following links too. */
  rc = sqlite3_open_v2 (self->path, &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW
                        | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK)
    {
      g_debug ("library index: %s: %s", self->path, sqlite3_errstr (rc));
      sqlite3_close (db);
      return rc == SQLITE_CANTOPEN_SYMLINK ? OPEN_DAMAGED : OPEN_FAILED;
    }
  sqlite3_extended_result_codes (db, FALSE);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  /* What a crafted file could make SQLite do beyond storing rows. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_limit (db, SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES + 1);
  sqlite3_limit (db, SQLITE_LIMIT_ATTACHED, 0);
  exec (db, "PRAGMA cell_size_check = ON");

  result = check_db (db);
  if (result == OPEN_OK)
    {
      /* Readers and one writer at once; a power cut may lose the last
       * rows written, which a cache can afford, but never corrupts it. */
      exec (db, "PRAGMA journal_mode = WAL");
      exec (db, "PRAGMA synchronous = NORMAL");
      self->db = db;
      return OPEN_OK;
    }
  g_debug ("library index: %s: %s", self->path,
           result == OPEN_DAMAGED ? "not an index of this version, made again" : "cannot be used");
  sqlite3_close (db);
  return result;
}

static void
remove_files (RtesLibraryIndex *self)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (RTES_LIBRARY_INDEX_FILE, suffixes[i], NULL);
      g_autoptr(GError) error = NULL;

      /* A link is removed, never what it points to. */
      if (!rtes_library_dir_delete (self->dir, name, &error))
        g_debug ("library index: %s", error->message);
    }
}

/* Opens the database, making it again once if it is damaged. */
static void
open_or_rebuild (RtesLibraryIndex *self)
{
  if (open_db (self) == OPEN_DAMAGED)
    {
      remove_files (self);
      open_db (self);
    }
}

/* A damaged database found while using it: start again. */
static void
rebuild (RtesLibraryIndex *self)
{
  close_db (self);
  remove_files (self);
  open_db (self);
}

static void
rtes_library_index_finalize (GObject *object)
{
  RtesLibraryIndex *self = RTES_LIBRARY_INDEX (object);

  close_db (self);
  g_clear_pointer (&self->dir, rtes_library_dir_unref);
  g_free (self->path);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (rtes_library_index_parent_class)->finalize (object);
}

static void
rtes_library_index_class_init (RtesLibraryIndexClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rtes_library_index_finalize;
}

static void
rtes_library_index_init (RtesLibraryIndex *self)
{
  g_mutex_init (&self->lock);
}

/* Makes .rtes-fiches if needed and opens the database. */
static gboolean
claim (RtesLibraryIndex *self)
{
  g_autoptr(GError) error = NULL;

  self->claim_later = FALSE;
  if (!rtes_library_dir_make_dirs (self->dir, RTES_LIBRARY_STATE_DIR, &error))
    {
      g_debug ("library index: %s", error->message);
      return FALSE;
    }
  open_or_rebuild (self);
  return self->db != NULL;
}

RtesLibraryIndex *
rtes_library_index_open (RtesLibraryDir *dir,
                         gboolean        may_claim)
{
  g_autoptr(RtesLibraryIndex) self = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *real = NULL;
  struct stat st;
  int fd;

  g_return_val_if_fail (dir != NULL, NULL);

  real = realpath (rtes_library_dir_get_path (dir), NULL);
  if (real == NULL)
    return NULL;
  self = g_object_new (RTES_TYPE_LIBRARY_INDEX, NULL);
  self->dir = rtes_library_dir_ref (dir);
  self->path = g_build_filename (real, RTES_LIBRARY_INDEX_FILE, NULL);

  /* .rtes-fiches as it is: a link or a file means no index. */
  fd = rtes_safe_dir_open (real, NULL, NULL);
  if (fd < 0)
    return NULL;
  if (fstatat (fd, RTES_LIBRARY_STATE_DIR, &st, AT_SYMLINK_NOFOLLOW) != 0)
    {
      close (fd);
      if (errno != ENOENT || !may_claim)
        return NULL;
      self->claim_later = TRUE;
      return g_steal_pointer (&self);
    }
  close (fd);
  if (!S_ISDIR (st.st_mode))
    return NULL;
  open_or_rebuild (self);
  return self->db != NULL ? g_steal_pointer (&self) : NULL;
}

/* ---- rows ---- */

/* The text of column @col if it is text (or NULL where @nullable), valid
 * UTF-8, without NUL and not too long; *@ok is cleared otherwise. */
static char *
column_text (sqlite3_stmt *stmt,
             int           col,
             gboolean      nullable,
             gboolean     *ok)
{
  const char *text;
  int length;

  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    {
      *ok &= nullable;
      return NULL;
    }
  if (sqlite3_column_type (stmt, col) != SQLITE_TEXT)
    {
      *ok = FALSE;
      return NULL;
    }
  text = (const char *) sqlite3_column_text (stmt, col);
  length = sqlite3_column_bytes (stmt, col);
  if (text == NULL || length < 0 || (gsize) length > MAX_VALUE_BYTES
      || memchr (text, '\0', length) != NULL || !g_utf8_validate (text, length, NULL))
    {
      *ok = FALSE;
      return NULL;
    }
  return g_strndup (text, length);
}

static gint64
column_int (sqlite3_stmt *stmt,
            int           col,
            gboolean     *ok)
{
  if (sqlite3_column_type (stmt, col) != SQLITE_INTEGER)
    {
      *ok = FALSE;
      return 0;
    }
  return sqlite3_column_int64 (stmt, col);
}

/* Tags as stored: each followed by a newline. */
static char *
encode_tags (const char * const *tags)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_string_append (out, tags[i]);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static GStrv
decode_tags (const char *text,
             gboolean   *ok)
{
  GStrv tags;
  guint n;

  if (text == NULL || (text[0] != '\0' && !g_str_has_suffix (text, "\n")))
    {
      *ok = FALSE;
      return NULL;
    }
  if (text[0] == '\0')
    return g_new0 (char *, 1);
  tags = g_strsplit (text, "\n", -1);
  n = g_strv_length (tags);
  /* The terminator leaves one empty string at the end. */
  g_free (tags[n - 1]);
  tags[n - 1] = NULL;
  return tags;
}

static gboolean
tags_are_storable (const char * const *tags)
{
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    if (strchr (tags[i], '\n') != NULL)
      return FALSE;
  return TRUE;
}

/* Budget figures as stored: "year amount section forecast" lines, the
 * year "-" when there is none, the amount exact (%.17g). */
static char *
encode_budget (GArray *figures)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < figures->len; i++)
    {
      const RtesBudgetFigure *figure = &g_array_index (figures, RtesBudgetFigure, i);
      char amount[G_ASCII_DTOSTR_BUF_SIZE];

      if (figure->year == RTES_BUDGET_NO_YEAR)
        g_string_append_c (out, '-');
      else
        g_string_append_printf (out, "%d", figure->year);
      g_string_append_printf (out, " %s %u %d\n",
                              g_ascii_dtostr (amount, sizeof amount, figure->amount),
                              figure->section, figure->forecast ? 1 : 0);
    }
  return g_string_free (out, FALSE);
}

static gboolean
decode_budget_line (const char       *line,
                    RtesBudgetFigure *figure)
{
  g_auto(GStrv) parts = g_strsplit (line, " ", -1);
  gint64 year;
  char *end;

  if (g_strv_length (parts) != 4)
    return FALSE;
  if (g_str_equal (parts[0], "-"))
    figure->year = RTES_BUDGET_NO_YEAR;
  else if (!g_ascii_string_to_signed (parts[0], 10, G_MININT + 1, G_MAXINT, &year, NULL))
    return FALSE;
  else
    figure->year = year;
  figure->amount = g_ascii_strtod (parts[1], &end);
  if (end == parts[1] || *end != '\0' || !isfinite (figure->amount))
    return FALSE;
  if (!g_str_equal (parts[2], "0") && !g_str_equal (parts[2], "1") && !g_str_equal (parts[2], "2"))
    return FALSE;
  figure->section = parts[2][0] - '0';
  if (!g_str_equal (parts[3], "0") && !g_str_equal (parts[3], "1"))
    return FALSE;
  figure->forecast = parts[3][0] == '1';
  return TRUE;
}

static GArray *
decode_budget (const char *text,
               gboolean   *ok)
{
  g_autoptr(GArray) figures = g_array_new (FALSE, FALSE, sizeof (RtesBudgetFigure));
  g_auto(GStrv) lines = NULL;

  if (text == NULL || (text[0] != '\0' && !g_str_has_suffix (text, "\n")))
    {
      *ok = FALSE;
      return NULL;
    }
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    {
      RtesBudgetFigure figure;

      if (!decode_budget_line (lines[i], &figure))
        {
          *ok = FALSE;
          return NULL;
        }
      g_array_append_val (figures, figure);
    }
  return g_steal_pointer (&figures);
}

/* The summary a row holds, or NULL (and the file is read again) when any
 * value is not what the index writes. */
static RtesFicheSummary *
row_summary (sqlite3_stmt *stmt,
             gboolean      brief,
             RtesFileKey  *key)
{
  g_autoptr(RtesFicheSummary) summary = rtes_fiche_summary_new ();
  g_autofree char *tags = NULL;
  g_autofree char *budget = NULL;
  gboolean ok = TRUE;
  gint64 filled, example, blocking;

  summary->id = column_text (stmt, COL_ID, FALSE, &ok);
  key->size = column_int (stmt, COL_SIZE, &ok);
  key->mtime_ns = column_int (stmt, COL_MTIME, &ok);
  key->ctime_ns = column_int (stmt, COL_CTIME, &ok);
  key->inode = column_int (stmt, COL_INODE, &ok);
  key->device = column_int (stmt, COL_DEVICE, &ok);
  summary->name = column_text (stmt, COL_NAME, FALSE, &ok);
  summary->status = column_text (stmt, COL_STATUS, FALSE, &ok);
  summary->kind = column_text (stmt, COL_KIND, TRUE, &ok);
  summary->region = column_text (stmt, COL_REGION, TRUE, &ok);
  summary->updated = column_text (stmt, COL_UPDATED, TRUE, &ok);
  if (sqlite3_column_type (stmt, COL_MEMBER_SINCE) != SQLITE_NULL)
    {
      summary->member_since = column_int (stmt, COL_MEMBER_SINCE, &ok);
      ok &= summary->member_since != RTES_NO_NUMBER && RTES_NUMBER_IS_STORABLE (summary->member_since);
    }
  if (brief)
    return ok && rtes_id_is_valid (summary->id) && summary->status[0] != '\0'
           ? g_steal_pointer (&summary) : NULL;
  summary->postcode = column_text (stmt, COL_POSTCODE, FALSE, &ok);
  summary->city = column_text (stmt, COL_CITY, FALSE, &ok);
  tags = column_text (stmt, COL_TAGS, FALSE, &ok);
  filled = column_int (stmt, COL_FILLED, &ok);
  example = column_int (stmt, COL_EXAMPLE, &ok);
  budget = column_text (stmt, COL_BUDGET, FALSE, &ok);
  blocking = column_int (stmt, COL_BLOCKING, &ok);
  if (!ok || !rtes_id_is_valid (summary->id) || summary->status[0] == '\0'
      || filled < 0 || filled > RTES_FICHE_N_FILLED || (example != 0 && example != 1)
      || blocking < 0 || blocking > MAX_BLOCKING)
    return NULL;
  summary->filled = filled;
  summary->blocking = blocking;
  summary->example = example;
  summary->tags = decode_tags (tags, &ok);
  summary->budget = decode_budget (budget, &ok);
  if (!ok)
    return NULL;
  return g_steal_pointer (&summary);
}

typedef struct {
  RtesFileKey key;
  RtesFicheSummary *summary;
} Row;

static void
row_free (Row *row)
{
  rtes_fiche_summary_free (row->summary);
  g_free (row);
}

/* Gives each row of @rows its search text; a row without one is dropped
 * (its file is read again). */
static int
read_texts (RtesLibraryIndex *self,
            GHashTable       *rows)
{
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  Row *row;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT id, search FROM texts", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean ok = TRUE;
      const char *id = (const char *) sqlite3_column_text (stmt, 0);

      row = id != NULL ? g_hash_table_lookup (rows, id) : NULL;
      if (row != NULL && row->summary->search_text == NULL)
        row->summary->search_text = column_text (stmt, 1, FALSE, &ok);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return rc;
  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
    if (row->summary->search_text == NULL)
      g_hash_table_iter_remove (&iter);
  return SQLITE_OK;
}

/* id → Row* of every valid row; NULL when the database is damaged. */
static GHashTable *
read_rows (RtesLibraryIndex          *self,
           RtesLibraryIndexListFlags  flags,
           int                       *rc)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                      (GDestroyNotify) row_free);
  gboolean brief = (flags & RTES_LIBRARY_INDEX_LIST_BRIEF) != 0;
  sqlite3_stmt *stmt = NULL;

  *rc = sqlite3_prepare_v2 (self->db, "SELECT " SELECT_COLUMNS " FROM fiches", -1, &stmt, NULL);
  if (*rc != SQLITE_OK)
    return NULL;
  while ((*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row *row = g_new0 (Row, 1);

      row->summary = row_summary (stmt, brief, &row->key);
      if (row->summary == NULL)
        {
          g_free (row);
          continue;
        }
      g_hash_table_replace (rows, row->summary->id, row);
    }
  sqlite3_finalize (stmt);
  if (*rc != SQLITE_DONE)
    return NULL;
  *rc = SQLITE_OK;
  if ((flags & RTES_LIBRARY_INDEX_LIST_SEARCH_TEXT) && (*rc = read_texts (self, rows)) != SQLITE_OK)
    return NULL;
  return g_steal_pointer (&rows);
}

/* The ids the index holds, valid rows or not: what to forget. */
static GPtrArray *
read_ids (RtesLibraryIndex *self)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT id FROM fiches", -1, &stmt, NULL) != SQLITE_OK)
    return ids;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);

      g_ptr_array_add (ids, g_strdup (id ? id : ""));
    }
  sqlite3_finalize (stmt);
  return ids;
}

static gboolean
bind_text (sqlite3_stmt *stmt,
           int           col,
           const char   *text)
{
  if (text == NULL)
    return sqlite3_bind_null (stmt, col + 1) == SQLITE_OK;
  return sqlite3_bind_text (stmt, col + 1, text, -1, SQLITE_TRANSIENT) == SQLITE_OK;
}

static gboolean
bind_int (sqlite3_stmt *stmt,
          int           col,
          gint64        value)
{
  return sqlite3_bind_int64 (stmt, col + 1, value) == SQLITE_OK;
}

/* Whether what @summary holds reads back the same from a row. */
static gboolean
is_storable (const RtesFicheSummary *summary)
{
  return rtes_id_is_valid (summary->id) && summary->status != NULL && summary->status[0] != '\0'
         && tags_are_storable ((const char * const *) summary->tags)
         && summary->search_text != NULL;
}

static int
write_row (sqlite3_stmt           *stmt,
           sqlite3_stmt           *text_stmt,
           const RtesFileKey      *key,
           const RtesFicheSummary *summary)
{
  g_autofree char *tags = encode_tags ((const char * const *) summary->tags);
  g_autofree char *budget = encode_budget (summary->budget);
  gboolean ok;

  sqlite3_reset (stmt);
  ok = bind_text (stmt, COL_ID, summary->id)
       && bind_int (stmt, COL_SIZE, key->size)
       && bind_int (stmt, COL_MTIME, key->mtime_ns)
       && bind_int (stmt, COL_CTIME, key->ctime_ns)
       && bind_int (stmt, COL_INODE, key->inode)
       && bind_int (stmt, COL_DEVICE, key->device)
       && bind_text (stmt, COL_NAME, summary->name)
       && bind_text (stmt, COL_STATUS, summary->status)
       && bind_text (stmt, COL_KIND, summary->kind)
       && bind_text (stmt, COL_REGION, summary->region)
       && bind_text (stmt, COL_UPDATED, summary->updated)
       && (summary->member_since == RTES_NO_NUMBER
           ? sqlite3_bind_null (stmt, COL_MEMBER_SINCE + 1) == SQLITE_OK
           : bind_int (stmt, COL_MEMBER_SINCE, summary->member_since))
       && bind_text (stmt, COL_POSTCODE, summary->postcode)
       && bind_text (stmt, COL_CITY, summary->city)
       && bind_text (stmt, COL_TAGS, tags)
       && bind_int (stmt, COL_FILLED, summary->filled)
       && bind_int (stmt, COL_EXAMPLE, summary->example ? 1 : 0)
       && bind_text (stmt, COL_BUDGET, budget)
       && bind_int (stmt, COL_BLOCKING, summary->blocking);
  if (!ok)
    return SQLITE_ERROR;
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return sqlite3_errcode (sqlite3_db_handle (stmt));
  sqlite3_reset (text_stmt);
  if (!bind_text (text_stmt, 0, summary->id) || !bind_text (text_stmt, 1, summary->search_text))
    return SQLITE_ERROR;
  if (sqlite3_step (text_stmt) != SQLITE_DONE)
    return sqlite3_errcode (sqlite3_db_handle (stmt));
  return SQLITE_OK;
}

typedef struct {
  RtesFileKey key;
  const RtesFicheSummary *summary;   /* not owned */
} Put;

/* Writes @puts and forgets @gone in one transaction; on failure (another
 * process's write outlasting the timeout, a full disk) nothing is
 * written, which only means reading those files again next time. */
static void
write_changes (RtesLibraryIndex *self,
               GArray           *puts,
               GPtrArray        *gone)
{
  /* The two inserts, then the two deletes. */
  static const char * const sql[] = {
    "INSERT OR REPLACE INTO fiches VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
    "?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    "INSERT OR REPLACE INTO texts VALUES (?1, ?2)",
    "DELETE FROM fiches WHERE id = ?1",
    "DELETE FROM texts WHERE id = ?1",
  };
  sqlite3_stmt *stmts[G_N_ELEMENTS (sql)] = { NULL };
  int rc = SQLITE_OK;

  if (puts->len == 0 && gone->len == 0)
    return;
  if (!exec (self->db, "BEGIN IMMEDIATE"))
    return;
  for (guint i = 0; rc == SQLITE_OK && i < G_N_ELEMENTS (sql); i++)
    if (sqlite3_prepare_v2 (self->db, sql[i], -1, &stmts[i], NULL) != SQLITE_OK)
      rc = SQLITE_ERROR;
  for (guint i = 0; rc == SQLITE_OK && i < puts->len; i++)
    {
      Put *put = &g_array_index (puts, Put, i);

      rc = write_row (stmts[0], stmts[1], &put->key, put->summary);
    }
  for (guint i = 0; rc == SQLITE_OK && i < gone->len; i++)
    for (guint j = 2; rc == SQLITE_OK && j < G_N_ELEMENTS (stmts); j++)
      {
        sqlite3_reset (stmts[j]);
        if (!bind_text (stmts[j], 0, g_ptr_array_index (gone, i))
            || sqlite3_step (stmts[j]) != SQLITE_DONE)
          rc = sqlite3_errcode (self->db);
      }
  for (guint i = 0; i < G_N_ELEMENTS (stmts); i++)
    sqlite3_finalize (stmts[i]);
  if (rc != SQLITE_OK || !exec (self->db, "COMMIT"))
    {
      g_debug ("library index: %s: not updated: %s", self->path, sqlite3_errstr (rc));
      exec (self->db, "ROLLBACK");
    }
}

/* ---- listing ---- */

typedef struct {
  char        *name;
  char        *id;
  gboolean     regular;
  RtesFileKey  key;
} DirEntry;

static void
dir_entry_clear (gpointer data)
{
  DirEntry *entry = data;

  g_free (entry->name);
  g_free (entry->id);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (((const DirEntry *) a)->id, ((const DirEntry *) b)->id);
}

/* The fiche files of the folder @fd, with their keys, sorted by id. */
static GArray *
list_folder (int          fd,
             const char  *path,
             GError     **error)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (DirEntry));
  struct dirent *dirent;
  DIR *dir;
  int copy = dup (fd);

  g_array_set_clear_func (entries, dir_entry_clear);
  dir = copy >= 0 ? fdopendir (copy) : NULL;
  if (dir == NULL)
    {
      int saved_errno = errno;

      if (copy >= 0)
        close (copy);
      g_set_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_IO,
                   _("%s: cannot read the library folder: %s"), path, g_strerror (saved_errno));
      return NULL;
    }
  while ((dirent = readdir (dir)) != NULL)
    {
      DirEntry entry = { NULL, rtes_id_from_filename (dirent->d_name), FALSE, { 0 } };
      struct stat st;

      if (entry.id == NULL)
        continue;
      entry.name = g_strdup (dirent->d_name);
      if (fstatat (fd, dirent->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG (st.st_mode))
        {
          entry.regular = TRUE;
          rtes_file_key_from_stat (&entry.key, &st);
        }
      g_array_append_val (entries, entry);
    }
  closedir (dir);
  g_array_sort (entries, compare_entries);
  return g_steal_pointer (&entries);
}

GPtrArray *
rtes_library_index_list (RtesLibraryIndex           *self,
                         RtesLibraryDir             *dir,
                         RtesLibraryIndexListFlags   flags,
                         GError                    **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_indexed_file_free);
  g_autoptr(GHashTable) rows = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GArray) puts = g_array_new (FALSE, FALSE, sizeof (Put));
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;
  gboolean with_text = (flags & RTES_LIBRARY_INDEX_LIST_SEARCH_TEXT) != 0;
  /* Before any file is looked at: see rtes_file_key_is_settled(). */
  gint64 started = g_get_real_time ();
  int fd;

  g_return_val_if_fail (self == NULL || RTES_IS_LIBRARY_INDEX (self), NULL);
  g_return_val_if_fail (dir != NULL, NULL);

  path = g_canonicalize_filename (rtes_library_dir_get_path (dir), NULL);
  fd = rtes_safe_dir_open (path, NULL, NULL);
  if (fd < 0 || (entries = list_folder (fd, path, error)) == NULL)
    {
      if (fd < 0)
        g_set_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_IO,
                     _("%s: cannot read the library folder: %s"), path, g_strerror (errno));
      else
        close (fd);
      return NULL;
    }

  if (self != NULL)
    {
      g_mutex_lock (&self->lock);
      self->n_read = 0;
      if (self->db != NULL)
        {
          int rc;

          rows = read_rows (self, flags, &rc);
          if (rows == NULL && result_of (rc) == OPEN_DAMAGED)
            rebuild (self);
        }
    }

  for (guint i = 0; i < entries->len; i++)
    {
      DirEntry *entry = &g_array_index (entries, DirEntry, i);
      RtesIndexedFile *file = g_new0 (RtesIndexedFile, 1);
      Row *row = rows != NULL ? g_hash_table_lookup (rows, entry->id) : NULL;

      file->id = g_strdup (entry->id);
      g_hash_table_add (listed, file->id);
      g_ptr_array_add (files, file);
      if (row != NULL && entry->regular && rtes_file_key_equal (&row->key, &entry->key))
        {
          file->summary = g_steal_pointer (&row->summary);
          g_hash_table_remove (rows, entry->id);
          continue;
        }

      {
        g_autofree char *display = rtes_id_build_path (path, entry->id);
        g_autoptr(GError) load_error = NULL;
        Put put = { { 0 }, NULL };

        if (self != NULL)
          self->n_read++;
        file->fiche = rtes_fiche_load_at (fd, entry->name, display, &put.key, &load_error);
        if (file->fiche == NULL)
          {
            file->fiche = rtes_fiche_new_broken (entry->id, load_error);
            continue;
          }
        if (self == NULL || (self->db == NULL && !self->claim_later))
          continue;
        /* A fiche in a folder that had no .rtes-fiches: it is a library. */
        if (self->db == NULL && !claim (self))
          continue;
        file->summary = rtes_fiche_summary_new_for_fiche (file->fiche);
        if (!is_storable (file->summary))
          {
            g_clear_pointer (&file->summary, rtes_fiche_summary_free);
            continue;
          }
        /* The index keeps the summary; the fiche is read again when needed. */
        g_clear_object (&file->fiche);
        /* Not recorded, and its old row, if any, left alone: a row is
         * only ever used for the key it names, and another process that
         * looked later may have just recorded this very version, which
         * deleting by id would undo. */
        if (!rtes_file_key_is_settled (&put.key, started))
          continue;
        put.summary = file->summary;
        g_array_append_val (puts, put);
      }
    }
  close (fd);

  if (self != NULL && self->db != NULL)
    {
      g_autoptr(GPtrArray) ids = read_ids (self);

      /* Rows of files gone, that no longer load, or that did not check. */
      for (guint i = 0; i < ids->len; i++)
        {
          const char *id = g_ptr_array_index (ids, i);
          if (!g_hash_table_contains (listed, id))
            g_ptr_array_add (gone, g_strdup (id));
        }
      for (guint i = 0; i < files->len; i++)
        {
          RtesIndexedFile *file = g_ptr_array_index (files, i);

          if (file->summary == NULL)
            g_ptr_array_add (gone, g_strdup (file->id));
        }
      write_changes (self, puts, gone);
    }
  if (self != NULL)
    g_mutex_unlock (&self->lock);
  /* Summaries just made have their text; those read did not ask for it. */
  for (guint i = 0; !with_text && i < files->len; i++)
    {
      RtesIndexedFile *file = g_ptr_array_index (files, i);

      if (file->summary != NULL)
        g_clear_pointer (&file->summary->search_text, g_free);
    }
  return g_steal_pointer (&files);
}

/* ---- updates ---- */

void
rtes_library_index_put (RtesLibraryIndex  *self,
                        const RtesFileKey *key,
                        RtesFiche         *fiche)
{
  g_autoptr(RtesFicheSummary) summary = NULL;
  g_autoptr(GArray) puts = g_array_new (FALSE, FALSE, sizeof (Put));
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  Put put = { *key, NULL };

  g_return_if_fail (self == NULL || RTES_IS_LIBRARY_INDEX (self));
  g_return_if_fail (RTES_IS_FICHE (fiche));
  if (self == NULL)
    return;
  if (rtes_fiche_get_load_error (fiche) == NULL)
    summary = rtes_fiche_summary_new_for_fiche (fiche);
  g_mutex_lock (&self->lock);
  if (self->db == NULL && (!self->claim_later || summary == NULL || !claim (self)))
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  if (summary != NULL && is_storable (summary) && key->inode != 0
      && rtes_file_key_is_settled (key, g_get_real_time ()))
    {
      put.summary = summary;
      g_array_append_val (puts, put);
    }
  else
    g_ptr_array_add (gone, g_strdup (rtes_fiche_get_id (fiche)));
  write_changes (self, puts, gone);
  g_mutex_unlock (&self->lock);
}

void
rtes_library_index_remove (RtesLibraryIndex *self,
                           const char       *id)
{
  g_autoptr(GArray) puts = g_array_new (FALSE, FALSE, sizeof (Put));
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (self == NULL || RTES_IS_LIBRARY_INDEX (self));
  if (self == NULL || self->db == NULL || id == NULL)
    return;
  g_mutex_lock (&self->lock);
  g_ptr_array_add (gone, g_strdup (id));
  write_changes (self, puts, gone);
  g_mutex_unlock (&self->lock);
}

guint
rtes_library_index_get_n_read (RtesLibraryIndex *self)
{
  g_return_val_if_fail (RTES_IS_LIBRARY_INDEX (self), 0);
  return self->n_read;
}
