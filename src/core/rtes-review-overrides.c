/* rtes-review-overrides.c: fiches published despite a blocking finding, on record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rtes-json-reader.h"
#include "rtes-json-writer.h"
#include "rtes-review-overrides.h"
#include "rtes-text.h"

/* One finding a record lets through. */
typedef struct {
  char *kind;
  char *field;
  char *text;
} Covered;

typedef struct {
  char *id;
  char *date;
  char *user;
  GPtrArray *covered;   /* Covered* */
} Record;

struct _RtesReviewOverrides
{
  GObject parent_instance;

  RtesLibraryDir *dir;
  GPtrArray *records;   /* Record* */
};

G_DEFINE_FINAL_TYPE (RtesReviewOverrides, rtes_review_overrides, G_TYPE_OBJECT)

static void
covered_free (Covered *covered)
{
  g_free (covered->kind);
  g_free (covered->field);
  g_free (covered->text);
  g_free (covered);
}

static void
record_free (Record *record)
{
  g_free (record->id);
  g_free (record->date);
  g_free (record->user);
  g_ptr_array_unref (record->covered);
  g_free (record);
}

static Record *
record_new (void)
{
  Record *record = g_new0 (Record, 1);

  record->covered = g_ptr_array_new_with_free_func ((GDestroyNotify) covered_free);
  return record;
}

static GPtrArray *
new_records (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
}

static void
rtes_review_overrides_finalize (GObject *object)
{
  RtesReviewOverrides *self = RTES_REVIEW_OVERRIDES (object);

  g_clear_pointer (&self->dir, rtes_library_dir_unref);
  g_clear_pointer (&self->records, g_ptr_array_unref);

  G_OBJECT_CLASS (rtes_review_overrides_parent_class)->finalize (object);
}

static void
rtes_review_overrides_class_init (RtesReviewOverridesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rtes_review_overrides_finalize;
}

static void
rtes_review_overrides_init (RtesReviewOverrides *self)
{
  self->records = new_records ();
}

/* ---- reading ---- */

typedef struct {
  const char        *display;
  RtesJsonPositions *positions;
  GError           **error;
} Reader;

static gboolean
fail (Reader     *reader,
      JsonNode   *node,
      const char *path,
      const char *what)
{
  guint line = 1, column = 1;

  if (node != NULL)
    rtes_json_positions_find (reader->positions, node, &line, &column);
  /* Translators: "file:line:col: member.path: what is wrong" */
  g_set_error (reader->error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_IO,
               _("%s:%u:%u: %s: %s"), reader->display, line, column, path, what);
  return FALSE;
}

static gboolean
read_covered (Reader     *reader,
              JsonNode   *node,
              const char *path,
              Record     *record)
{
  JsonObject *object = rtes_json_get_object (node);
  const char *kind = rtes_json_get_string_member (object, "kind");
  const char *field = rtes_json_get_string_member (object, "field");
  const char *text = rtes_json_get_string_member (object, "text");
  Covered *covered;

  if (kind == NULL || field == NULL || text == NULL)
    return fail (reader, node, path, _("expected an object with the strings kind, field and text"));
  covered = g_new0 (Covered, 1);
  covered->kind = g_strdup (kind);
  covered->field = g_strdup (field);
  covered->text = g_strdup (text);
  g_ptr_array_add (record->covered, covered);
  return TRUE;
}

static Record *
read_record (Reader     *reader,
             JsonNode   *node,
             guint       index)
{
  g_autofree char *path = g_strdup_printf ("overrides[%u]", index);
  g_autofree char *findings_path = g_strconcat (path, ".findings", NULL);
  JsonObject *object = rtes_json_get_object (node);
  JsonNode *findings = rtes_json_get_member (object, "findings");
  const char *id = rtes_json_get_string_member (object, "id");
  const char *date = rtes_json_get_string_member (object, "date");
  const char *user = rtes_json_get_string_member (object, "user");
  Record *record;

  if (id == NULL || date == NULL || user == NULL)
    {
      fail (reader, node, path, _("expected an object with the strings id, date and user"));
      return NULL;
    }
  if (!rtes_id_is_valid (id))
    {
      g_autofree char *id_path = g_strconcat (path, ".id", NULL);

      fail (reader, json_object_get_member (object, "id"), id_path, _("not a fiche identifier"));
      return NULL;
    }
  if (findings == NULL || !JSON_NODE_HOLDS_ARRAY (findings))
    {
      fail (reader, findings != NULL ? findings : node, findings_path, _("expected an array"));
      return NULL;
    }
  record = record_new ();
  record->id = g_strdup (id);
  record->date = g_strdup (date);
  record->user = g_strdup (user);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (findings)); i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", findings_path, i);

      if (!read_covered (reader, json_array_get_element (json_node_get_array (findings), i),
                         item_path, record))
        {
          record_free (record);
          return NULL;
        }
    }
  return record;
}

static GPtrArray *
read_records (RtesLibraryDir  *dir,
              GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = rtes_library_dir_display (dir, RTES_REVIEW_OVERRIDES_PATH);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(RtesJsonPositions) positions = NULL;
  g_autoptr(GPtrArray) records = new_records ();
  Reader reader = { display, NULL, error };
  JsonObject *object;
  JsonNode *version, *list;
  const char *format;
  gint64 v;

  bytes = rtes_library_dir_read (dir, RTES_REVIEW_OVERRIDES_PATH, RTES_JSON_MAX_STATE_SIZE, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return g_steal_pointer (&records);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  root = rtes_json_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), RTES_JSON_STATE,
                          display, &positions, error);
  if (root == NULL)
    return NULL;
  reader.positions = positions;
  object = rtes_json_get_object (root);
  format = rtes_json_get_string_member (object, "format");
  if (g_strcmp0 (format, RTES_REVIEW_OVERRIDES_FORMAT) != 0)
    {
      fail (&reader, root, "format", _("not a record of review overrides"));
      return NULL;
    }
  version = json_object_get_member (object, "version");
  if (!rtes_json_get_int (version, &v) || v < 1 || v > RTES_REVIEW_OVERRIDES_VERSION)
    {
      fail (&reader, version != NULL ? version : root, "version",
            _("a version this program does not know"));
      return NULL;
    }
  list = json_object_get_member (object, "overrides");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      fail (&reader, list != NULL ? list : root, "overrides", _("expected an array"));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      Record *record = read_record (&reader, json_array_get_element (json_node_get_array (list), i), i);

      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }
  return g_steal_pointer (&records);
}

RtesReviewOverrides *
rtes_review_overrides_load (RtesLibraryDir  *dir,
                            GError         **error)
{
  RtesReviewOverrides *self;
  GPtrArray *records;

  g_return_val_if_fail (dir != NULL, NULL);

  records = read_records (dir, error);
  if (records == NULL)
    return NULL;
  self = g_object_new (RTES_TYPE_REVIEW_OVERRIDES, NULL);
  self->dir = rtes_library_dir_ref (dir);
  g_ptr_array_unref (self->records);
  self->records = records;
  return self;
}

/* ---- asking ---- */

/* TRUE when a record for fiche @id covers @finding (same kind, field and
 * text). */
static gboolean
rtes_review_overrides_covers (RtesReviewOverrides *self,
                              const char          *id,
                              const RtesFinding   *finding)
{
  const char *kind = rtes_finding_kind_to_string (finding->kind);

  g_return_val_if_fail (RTES_IS_REVIEW_OVERRIDES (self), FALSE);

  for (guint i = 0; i < self->records->len; i++)
    {
      Record *record = g_ptr_array_index (self->records, i);

      if (!g_str_equal (record->id, id))
        continue;
      for (guint c = 0; c < record->covered->len; c++)
        {
          Covered *covered = g_ptr_array_index (record->covered, c);

          if (g_str_equal (covered->kind, kind) && g_str_equal (covered->field, finding->field) &&
              g_str_equal (covered->text, finding->text))
            return TRUE;
        }
    }
  return FALSE;
}

GPtrArray *
rtes_review_overrides_remaining (RtesReviewOverrides *self,
                                 const char          *id,
                                 GPtrArray           *findings)
{
  GPtrArray *remaining = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_finding_free);

  g_return_val_if_fail (RTES_IS_REVIEW_OVERRIDES (self), remaining);

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      RtesFinding *finding = g_ptr_array_index (findings, i);

      if (rtes_finding_is_blocking (finding) && !rtes_review_overrides_covers (self, id, finding))
        g_ptr_array_add (remaining, rtes_finding_copy (finding));
    }
  return remaining;
}

guint
rtes_review_overrides_count (RtesReviewOverrides *self,
                             const char          *id)
{
  guint n = 0;

  g_return_val_if_fail (RTES_IS_REVIEW_OVERRIDES (self), 0);

  for (guint i = 0; i < self->records->len; i++)
    if (id == NULL || g_str_equal (((Record *) self->records->pdata[i])->id, id))
      n++;
  return n;
}

char *
rtes_review_overrides_user (void)
{
  const char *real = g_get_real_name ();

  /* GLib says "Unknown" when the system does not know. */
  if (real != NULL && real[0] != '\0' && g_strcmp0 (real, "Unknown") != 0)
    return g_strdup (real);
  return g_strdup (g_get_user_name ());
}

/* ---- writing ---- */

static JsonNode *
records_to_json (GPtrArray *records)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  rtes_json_builder_add_string (builder, "format", RTES_REVIEW_OVERRIDES_FORMAT);
  rtes_json_builder_add_int (builder, "version", RTES_REVIEW_OVERRIDES_VERSION);
  json_builder_set_member_name (builder, "overrides");
  json_builder_begin_array (builder);
  for (guint i = 0; i < records->len; i++)
    {
      Record *record = g_ptr_array_index (records, i);

      json_builder_begin_object (builder);
      rtes_json_builder_add_string (builder, "id", record->id);
      rtes_json_builder_add_string (builder, "date", record->date);
      rtes_json_builder_add_string (builder, "user", record->user);
      json_builder_set_member_name (builder, "findings");
      json_builder_begin_array (builder);
      for (guint c = 0; c < record->covered->len; c++)
        {
          Covered *covered = g_ptr_array_index (record->covered, c);

          json_builder_begin_object (builder);
          rtes_json_builder_add_string (builder, "kind", covered->kind);
          rtes_json_builder_add_string (builder, "field", covered->field);
          rtes_json_builder_add_string (builder, "text", covered->text);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

gboolean
rtes_review_overrides_add (RtesReviewOverrides  *self,
                           const char           *id,
                           GPtrArray            *findings,
                           const char           *user,
                           GDateTime            *when,
                           GError              **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  gsize length;
  Record *record;

  g_return_val_if_fail (RTES_IS_REVIEW_OVERRIDES (self), FALSE);
  g_return_val_if_fail (rtes_id_is_valid (id), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);

  /* Records made meanwhile by a colleague are kept. */
  records = read_records (self->dir, error);
  if (records == NULL)
    return FALSE;
  if (when == NULL)
    when = now = g_date_time_new_now_local ();

  record = record_new ();
  record->id = g_strdup (id);
  record->date = g_date_time_format_iso8601 (when);
  record->user = g_utf8_make_valid (user, -1);
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      RtesFinding *finding = g_ptr_array_index (findings, i);
      Covered *covered;

      if (!rtes_finding_is_blocking (finding))
        continue;
      covered = g_new0 (Covered, 1);
      covered->kind = g_strdup (rtes_finding_kind_to_string (finding->kind));
      covered->field = g_strdup (finding->field);
      covered->text = g_strdup (finding->text);
      g_ptr_array_add (record->covered, covered);
    }
  g_ptr_array_add (records, record);

  root = records_to_json (records);
  data = rtes_json_to_canonical (root, &length);
  if (!rtes_library_dir_write (self->dir, RTES_REVIEW_OVERRIDES_PATH, data, length, error))
    return FALSE;
  g_ptr_array_unref (self->records);
  self->records = g_steal_pointer (&records);
  return TRUE;
}
