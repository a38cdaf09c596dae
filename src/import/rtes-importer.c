/* rtes-importer.c: importing the RTES site's exports into a library
 *
 * An import runs in four steps, so that a library is never left half
 * written by an export that turns out to be bad halfway through:
 *
 *  1. read the export (file or URL) and check it is text of a sane size;
 *  2. parse every fiche (text export or JSON export);
 *  3. plan against a snapshot of the library: each fiche is matched by id,
 *     else by folded name; the export's fields are applied to the last
 *     imported version of the fiche (or, never imported, to ours), and
 *     the result is merged into the library's fiche (rtes-import-plan.c);
 *     a fiche whose bytes do not change is "unchanged" and is not written;
 *  4. once confirmed, the plan writes the fiches that changed (each file
 *     atomically), the bases and conflicts (rtes_import_plan_commit(), or
 *     the window through its documents).
 *
 * Steps 1–3 need no GTK and no library object, which lets
 * rtes_importer_plan_async() run them in a worker thread; the window
 * shows the plan, and applies it itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "rtes-fiche-assign.h"
#include "rtes-fiche-json.h"
#include "rtes-import-plan-private.h"
#include "rtes-imported-fiche.h"
#include "rtes-json-reader.h"
#include "rtes-importer.h"
#include "rtes-safe-file.h"
#include "rtes-site-client.h"
#include "rtes-site-json.h"
#include "rtes-sync-error.h"
#include "rtes-task.h"
#include "rtes-text-export.h"
#include "rtes-text.h"

struct _RtesImporter
{
  GObject parent_instance;

  RtesLibrary *library;
  GDateTime   *now;
  gboolean     proxy_set;
  GProxyResolver *proxy_resolver;
};

G_DEFINE_FINAL_TYPE (RtesImporter, rtes_importer, G_TYPE_OBJECT)

/* What a worker thread may read of the library: copies, not the list. */
typedef struct {
  char       *library_path;
  RtesLibraryDir *dir;  /* where the files are written, never through a link */
  GHashTable *fiches;   /* id → RtesFiche* (copy) */
  GHashTable *broken;   /* id → load error message */
  GHashTable *names;    /* folded name → id */
} Snapshot;

typedef struct {
  char       *location;
  GDateTime  *now;
  gboolean    proxy_set;
  GProxyResolver *proxy_resolver;
  Snapshot   *snapshot;
} Job;

static void
snapshot_free (Snapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_free (snapshot->library_path);
  rtes_library_dir_unref (snapshot->dir);
  g_hash_table_unref (snapshot->fiches);
  g_hash_table_unref (snapshot->broken);
  g_hash_table_unref (snapshot->names);
  g_free (snapshot);
}

static Snapshot *
snapshot_new (RtesLibrary *library)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (library));

  snapshot->library_path = g_strdup (rtes_library_get_path (library));
  snapshot->dir = rtes_library_dir_ref (rtes_library_get_dir (library));
  snapshot->fiches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  snapshot->broken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  snapshot->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RtesFiche) fiche = g_list_model_get_item (G_LIST_MODEL (library), i);
      const char *id = rtes_fiche_get_id (fiche);
      const GError *load_error = rtes_fiche_get_load_error (fiche);

      if (load_error != NULL)
        {
          g_hash_table_insert (snapshot->broken, g_strdup (id), g_strdup (load_error->message));
          continue;
        }
      g_hash_table_insert (snapshot->fiches, g_strdup (id), rtes_fiche_copy (fiche));
      g_hash_table_insert (snapshot->names, rtes_text_fold (rtes_fiche_get_name (fiche)), g_strdup (id));
    }
  return snapshot;
}

static void
job_free (Job *job)
{
  g_free (job->location);
  g_clear_pointer (&job->now, g_date_time_unref);
  g_clear_object (&job->proxy_resolver);
  g_clear_pointer (&job->snapshot, snapshot_free);
  g_free (job);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

/* ------------------------------------------------------------ reading */

static gboolean
is_url (const char *location)
{
  return g_str_has_prefix (location, "http://") || g_str_has_prefix (location, "https://");
}

typedef struct {
  GBytes   *bytes;
  char     *charset;
  GError   *error;
  gboolean  done;
} FetchState;

static void
fetch_ready_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  FetchState *state = user_data;

  state->bytes = rtes_site_client_fetch_finish (RTES_SITE_CLIENT (source), result,
                                                &state->charset, &state->error);
  state->done = TRUE;
}

/* A server that says its page is ISO-8859-1 or windows-1252 is believed:
 * the text is converted, rather than refused as invalid UTF-8. */
static GBytes *
convert_to_utf8 (GBytes      *bytes,
                 const char  *charset,
                 const char  *url,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  gsize written = 0;
  char *converted;

  if (charset == NULL || g_ascii_strcasecmp (charset, "utf-8") == 0
      || g_ascii_strcasecmp (charset, "utf8") == 0 || g_ascii_strcasecmp (charset, "us-ascii") == 0)
    return g_bytes_ref (bytes);
  converted = g_convert (data, length, "UTF-8", charset, NULL, &written, &local_error);
  if (converted == NULL)
    {
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_ENCODING,
                   _("%s: the text is not valid %s as the server says: %s"),
                   url, charset, local_error->message);
      return NULL;
    }
  return g_bytes_new_take (converted, written);
}

static void
set_fetch_error (GError     **error,
                 GError      *fetch_error,
                 const char  *url)
{
  int code = g_error_matches (fetch_error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_TOO_LARGE)
             ? RTES_IMPORT_ERROR_TOO_LARGE : RTES_IMPORT_ERROR_NETWORK;

  if (g_error_matches (fetch_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (fetch_error));
  else
    g_set_error (error, RTES_IMPORT_ERROR, code, _("Could not fetch %s: %s"), url,
                 fetch_error->message);
}

/* Fetches @url through the site's client (no redirect followed, its
 * time-outs, the size cap enforced while the body streams in). The
 * import is a synchronous job that runs in the command line's main
 * thread or the window's worker thread, hence a main context of its own
 * for the time of the request. */
static GBytes *
fetch_url (Job           *job,
           const char    *url,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupSession) session = rtes_site_session_new ();
  g_autoptr(RtesSiteClient) client = NULL;
  g_autoptr(GError) local_error = NULL;
  FetchState state = { NULL, NULL, NULL, FALSE };
  GBytes *bytes = NULL;

  /* A public file, fetched without a token: plain http is allowed. */
  client = rtes_site_client_new (session, url,
                                 RTES_SITE_CLIENT_ALLOW_INSECURE | RTES_SITE_CLIENT_FILE_ADDRESS,
                                 &local_error);
  if (client == NULL)
    {
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_NETWORK,
                   _("%s is not a valid URL"), url);
      return NULL;
    }
  if (job->proxy_set)
    soup_session_set_proxy_resolver (session, job->proxy_resolver);

  g_main_context_push_thread_default (context);
  rtes_site_client_fetch_async (client, RTES_IMPORT_MAX_SIZE, cancellable, fetch_ready_cb, &state);
  while (!state.done)
    g_main_context_iteration (context, TRUE);
  g_clear_object (&client);
  g_clear_object (&session);
  g_main_context_pop_thread_default (context);

  if (state.bytes == NULL)
    set_fetch_error (error, state.error, url);
  else
    bytes = convert_to_utf8 (state.bytes, state.charset, url, error);
  g_clear_error (&state.error);
  g_clear_pointer (&state.bytes, g_bytes_unref);
  g_free (state.charset);
  return bytes;
}

/* The export a person named, read as every outside file is: a regular
 * file only (a FIFO is refused at once, not waited for), and never more
 * than an export can be (a 4 GB file or /dev/zero is refused before
 * anything is read). */
static GBytes *
read_file (const char    *location,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFile) file = g_str_has_prefix (location, "file:")
                          ? g_file_new_for_uri (location)
                          : g_file_new_for_path (location);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (path == NULL)
    {
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_IO,
                   _("Could not read %s: not a local file"), name);
      return NULL;
    }
  bytes = rtes_safe_file_read_named (path, RTES_IMPORT_MAX_SIZE, &local_error);
  if (bytes == NULL)
    {
      /* The message names the file and says what is wrong with it. */
      g_set_error_literal (error, RTES_IMPORT_ERROR,
                           g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE)
                           ? RTES_IMPORT_ERROR_TOO_LARGE : RTES_IMPORT_ERROR_IO,
                           local_error->message);
      return NULL;
    }
  return bytes;
}

/* --------------------------------------------------- checking the text */

/* Line (1-based) and column (in characters) of byte @offset. */
static void
position_of (const char *data,
             gsize       offset,
             guint      *line,
             guint      *column)
{
  const char *line_start = data;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      {
        (*line)++;
        line_start = data + i + 1;
      }
  /* Bytes, not characters: what precedes may itself be invalid. */
  *column = (guint) (data + offset - line_start) + 1;
}

static gboolean
check_text (const char  *data,
            gsize        length,
            const char  *source,
            GError     **error)
{
  const char *end;
  const char *nul;
  gsize controls = 0;
  gsize sample = MIN (length, (gsize) 65536);
  gboolean blank = TRUE;

  for (gsize i = 0; i < length && blank; i++)
    if (!g_ascii_isspace (data[i]))
      blank = FALSE;
  if (blank)
    {
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_EMPTY,
                   _("%s is empty: there is nothing to import"), source);
      return FALSE;
    }

  /* Text never holds NUL bytes, and rarely control characters. */
  nul = memchr (data, '\0', length);
  for (gsize i = 0; i < sample; i++)
    if ((guchar) data[i] < 0x20 && data[i] != '\n' && data[i] != '\r' && data[i] != '\t' && data[i] != '\f')
      controls++;
  if (nul != NULL || controls * 100 > sample)
    {
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_BINARY,
                   _("%s is not a text export: it holds binary data"), source);
      return FALSE;
    }

  if (!g_utf8_validate_len (data, length, &end))
    {
      guint line, column;

      position_of (data, end - data, &line, &column);
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_ENCODING,
                   _("%s:%u:%u: not valid UTF-8 text (byte 0x%02X); save the export as UTF-8 "
                     "and import it again"),
                   source, line, column, (guint) (guchar) *end);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_line_lengths (const char  *data,
                    gsize        length,
                    const char  *source,
                    GError     **error)
{
  const char *p = data;
  const char *end = data + length;
  guint line = 1;
  /* As the parser does: old Mac exports end lines with a lone CR. */
  char eol = memchr (data, '\n', length) != NULL ? '\n' : '\r';

  while (p < end)
    {
      const char *nl = memchr (p, eol, end - p);
      gsize n = (nl ? nl : end) - p;

      if (n > RTES_IMPORT_MAX_LINE)
        {
          g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_TOO_LARGE,
                       _("%s:%u: a line of %lu bytes; a site export has no line "
                         "longer than %d bytes"),
                       source, line, (unsigned long) n, RTES_IMPORT_MAX_LINE);
          return FALSE;
        }
      if (nl == NULL)
        break;
      p = nl + 1;
      line++;
      /* Each line costs the parser some memory: 50 MB of empty lines
       * must be refused, not exhaust it. */
      if (line > RTES_IMPORT_MAX_LINES)
        {
          g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_TOO_LARGE,
                       _("%s has more than %d lines; a site export has far fewer"),
                       source, RTES_IMPORT_MAX_LINES);
          return FALSE;
        }
    }
  return TRUE;
}

GPtrArray *
rtes_import_parse_export (const char  *data,
                          gsize        length,
                          const char  *source,
                          const char **format,
                          GPtrArray   *warnings,
                          GError     **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > RTES_IMPORT_MAX_SIZE)
    {
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_TOO_LARGE,
                   _("%s is larger than any site export (%lu bytes)"), source, (unsigned long) length);
      return NULL;
    }
  if (!check_text (data ? data : "", length, source, error))
    return NULL;

  if (rtes_site_json_detect (data, length))
    {
      if (format != NULL)
        *format = "json";
      return rtes_site_json_parse (data, length, source, error);
    }

  if (format != NULL)
    *format = "text";
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (!check_line_lengths (data, length, source, error))
    return NULL;
  return rtes_text_export_parse (data, length, source, warnings, error);
}

/* ------------------------------------------------------------ planning */

/* One fiche of the export, gathered over every entry that names it. */
typedef struct {
  char             *id;
  RtesFiche        *mine;       /* the library's (the snapshot's), NULL: new */
  JsonNode         *base;       /* the last import, NULL: none */
  RtesFiche        *theirs;     /* what the export says, over the base (or ours) */
  RtesImportFields  fields;     /* what the export states */
  gboolean          date_given; /* the export stated "updated" */
  GPtrArray        *notes;      /* the report's lines */
} Pending;

typedef struct {
  Snapshot        *snapshot;
  RtesImportStore *store;
  RtesImportPlan  *plan;
  GHashTable      *pending;     /* id → Pending* */
  GPtrArray       *order;       /* Pending*, in the order the export names them */
  GHashTable      *new_names;   /* folded name → id, for fiches the export creates */
} Planning;

static void
pending_free (Pending *pending)
{
  g_free (pending->id);
  g_clear_pointer (&pending->base, json_node_unref);
  g_clear_object (&pending->theirs);
  g_ptr_array_unref (pending->notes);
  g_free (pending);
}

static void
planning_clear (Planning *planning)
{
  g_clear_object (&planning->store);
  g_clear_object (&planning->plan);
  g_clear_pointer (&planning->pending, g_hash_table_unref);
  g_clear_pointer (&planning->order, g_ptr_array_unref);
  g_clear_pointer (&planning->new_names, g_hash_table_unref);
}

static gboolean
id_taken (Planning   *planning,
          const char *id)
{
  return g_hash_table_contains (planning->snapshot->fiches, id)
         || g_hash_table_contains (planning->snapshot->broken, id)
         || g_hash_table_contains (planning->pending, id);
}

/* The id of the fiche @imported updates, or NULL for a new fiche. */
static char *
find_target (Planning          *planning,
             RtesImportedFiche *imported)
{
  RtesFiche *fiche = rtes_imported_fiche_get_fiche (imported);
  g_autofree char *id = NULL;
  g_autofree char *folded = rtes_text_fold (rtes_fiche_get_name (fiche));
  const char *found;

  if (rtes_imported_fiche_has_field (imported, RTES_IMPORT_FIELD_DOCUMENT))
    id = g_strdup (rtes_fiche_get_id (fiche));
  else
    id = rtes_id_from_name (rtes_fiche_get_name (fiche));

  /* Same id first, then same name once accents and case are folded. */
  if (id_taken (planning, id))
    return g_steal_pointer (&id);
  if ((found = g_hash_table_lookup (planning->new_names, folded)) != NULL)
    return g_strdup (found);
  if ((found = g_hash_table_lookup (planning->snapshot->names, folded)) != NULL)
    return g_strdup (found);
  return NULL;
}

static char *
unique_id (Planning   *planning,
           const char *base)
{
  if (!id_taken (planning, base))
    return g_strdup (base);
  for (guint n = 2; ; n++)
    {
      g_autofree char *suffix = g_strdup_printf ("-%u", n);
      g_autofree char *stem = g_strndup (base, MIN (strlen (base), RTES_ID_MAX_LENGTH - strlen (suffix)));
      char *candidate = g_strconcat (stem, suffix, NULL);

      if (!id_taken (planning, candidate))
        return candidate;
      g_free (candidate);
    }
}

/* A contact the text gives keeps what only the library knew about the
 * same person: e-mail, phone and members of newer versions. */
static RtesContact *
merge_contact (RtesContact *from_text,
               GListStore  *old_contacts)
{
  g_autofree char *name = rtes_text_fold (rtes_contact_get_name (from_text));
  g_autofree char *role = rtes_text_fold (rtes_contact_get_role (from_text));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (old_contacts));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RtesContact) old = g_list_model_get_item (G_LIST_MODEL (old_contacts), i);
      g_autofree char *old_name = rtes_text_fold (rtes_contact_get_name (old));
      g_autofree char *old_role = rtes_text_fold (rtes_contact_get_role (old));
      RtesContact *merged;

      if (name[0] != '\0' ? !g_str_equal (name, old_name) : !g_str_equal (role, old_role))
        continue;

      merged = rtes_contact_copy (old);
      rtes_contact_set_role (merged, rtes_contact_get_role (from_text));
      rtes_contact_set_category (merged, rtes_contact_get_category (from_text));
      rtes_contact_set_name (merged, rtes_contact_get_name (from_text));
      rtes_contact_set_title (merged, rtes_contact_get_title (from_text));
      rtes_contact_set_service (merged, rtes_contact_get_service (from_text));
      rtes_contact_set_rtes_board (merged, rtes_contact_get_rtes_board (from_text));
      if (!rtes_text_is_blank (rtes_contact_get_email (from_text)))
        rtes_contact_set_email (merged, rtes_contact_get_email (from_text));
      if (!rtes_text_is_blank (rtes_contact_get_phone (from_text)))
        rtes_contact_set_phone (merged, rtes_contact_get_phone (from_text));
      return merged;
    }
  return rtes_contact_copy (from_text);
}

/* Notes accumulate: a single page must not erase what a region export
 * could not place, and importing twice must not write them twice. */
static void
merge_notes (RtesFiche *target,
             GPtrArray *notes)
{
  JsonObject *extra = rtes_fiche_get_extra (target);
  JsonNode *member;
  g_autoptr(JsonArray) array = NULL;
  gboolean changed = FALSE;

  if (notes->len == 0)
    return;
  member = json_object_get_member (extra, RTES_IMPORT_NOTES_MEMBER);
  if (member != NULL && !JSON_NODE_HOLDS_ARRAY (member))
    return;
  array = member != NULL ? json_array_ref (json_node_get_array (member)) : json_array_new ();

  for (guint i = 0; i < notes->len; i++)
    {
      const char *note = g_ptr_array_index (notes, i);
      gboolean present = FALSE;

      for (guint j = 0; j < json_array_get_length (array) && !present; j++)
        present = g_strcmp0 (rtes_json_get_string (json_array_get_element (array, j)), note) == 0;
      if (!present)
        {
          json_array_add_string_element (array, note);
          changed = TRUE;
        }
    }
  if (changed && member == NULL)
    json_object_set_array_member (extra, RTES_IMPORT_NOTES_MEMBER, json_array_ref (array));
}

/* The fiche's properties each field of an import stands for. */
static const struct {
  RtesImportFields field;
  const char *properties[5];
} field_properties[] = {
  { RTES_IMPORT_FIELD_NAME, { "name", NULL } },
  { RTES_IMPORT_FIELD_STATUS, { "status", NULL } },
  { RTES_IMPORT_FIELD_UPDATED, { "updated", NULL } },
  { RTES_IMPORT_FIELD_KIND, { "kind", NULL } },
  { RTES_IMPORT_FIELD_POPULATION, { "population", "population-note", NULL } },
  { RTES_IMPORT_FIELD_MEMBER_SINCE, { "member-since", NULL } },
  { RTES_IMPORT_FIELD_ADDRESS, { "address-lines", "postcode", "city", "country", NULL } },
  { RTES_IMPORT_FIELD_REGION, { "region", NULL } },
  { RTES_IMPORT_FIELD_PANORAMA, { "panorama", NULL } },
  { RTES_IMPORT_FIELD_BUDGET, { "budget-text", NULL } },
  { RTES_IMPORT_FIELD_PROGRAMME, { "programme", NULL } },
  { RTES_IMPORT_FIELD_ACTIONS, { "actions", NULL } },
};

/* Copies onto @target the fields @imported states, and only those. */
static void
apply_fields (RtesFiche         *target,
              RtesImportedFiche *imported)
{
  RtesFiche *src = rtes_imported_fiche_get_fiche (imported);
  RtesImportFields fields = rtes_imported_fiche_get_fields (imported);

  for (guint i = 0; i < G_N_ELEMENTS (field_properties); i++)
    if (fields & field_properties[i].field)
      rtes_fiche_assign_properties (target, src, field_properties[i].properties);
  if (fields & RTES_IMPORT_FIELD_BUDGET)
    rtes_fiche_assign_budget_lines (target, src);
  if (fields & RTES_IMPORT_FIELD_CONTACTS)
    {
      GListModel *contacts = G_LIST_MODEL (rtes_fiche_get_contacts (src));
      g_autoptr(GPtrArray) merged = g_ptr_array_new_with_free_func (g_object_unref);

      /* Unlike the budget lines, each contact is merged with the ones it
       * replaces, so the whole list is built before the splice. */
      for (guint i = 0; i < g_list_model_get_n_items (contacts); i++)
        {
          g_autoptr(RtesContact) contact = g_list_model_get_item (contacts, i);

          g_ptr_array_add (merged, merge_contact (contact, rtes_fiche_get_contacts (target)));
        }
      rtes_fiche_replace_items (rtes_fiche_get_contacts (target), merged);
    }
  merge_notes (target, rtes_imported_fiche_get_notes (imported));
}

/* The export's version of a fiche starts from what the export does not
 * state: the last import's, or without one ours, so that a member the
 * export leaves out is nobody's change. */
static RtesFiche *
theirs_start (Pending           *pending,
              RtesImportedFiche *entry)
{
  RtesFiche *fiche = rtes_imported_fiche_get_fiche (entry);

  if (pending->base != NULL)
    {
      g_autoptr(GError) error = NULL;
      RtesFiche *from_base = rtes_fiche_new_from_json (pending->base, pending->id, NULL, &error);

      if (from_base != NULL)
        return from_base;
      g_debug ("%s: base not usable: %s", pending->id, error->message);
      g_clear_pointer (&pending->base, json_node_unref);
    }
  if (pending->mine != NULL)
    return rtes_fiche_copy (pending->mine);
  return rtes_fiche_new (pending->id, rtes_fiche_get_name (fiche));
}

static Pending *
pending_new (Planning          *planning,
             Job               *job,
             const char        *id,
             RtesImportedFiche *entry)
{
  Pending *pending = g_new0 (Pending, 1);
  g_autoptr(GError) error = NULL;

  pending->id = g_strdup (id);
  pending->mine = g_hash_table_lookup (planning->snapshot->fiches, id);
  pending->notes = g_ptr_array_new_with_free_func (g_free);
  if (pending->mine != NULL)
    {
      pending->base = rtes_import_store_get_base (planning->store, id, &error);
      if (error != NULL)
        {
          /* Without a base nothing here is overwritten: the safe way on. */
          g_autofree char *warning =
            g_strdup_printf (_("%s: “%s” is merged as if it had never been imported: %s"),
                             job->location, rtes_fiche_get_name (pending->mine), error->message);

          rtes_import_plan_add_warning (planning->plan, warning);
        }
    }
  pending->theirs = theirs_start (pending, entry);
  g_hash_table_insert (planning->pending, pending->id, pending);
  g_ptr_array_add (planning->order, pending);
  return pending;
}

static gpointer
copy_string (gconstpointer src,
             gpointer      data)
{
  return g_strdup (src);
}

/* Adds one entry of the export to what it says of its fiche. */
static void
gather_entry (Planning          *planning,
              Job               *job,
              RtesImportedFiche *entry)
{
  RtesFiche *fiche = rtes_imported_fiche_get_fiche (entry);
  g_autofree char *target = find_target (planning, entry);
  gboolean document = rtes_imported_fiche_has_field (entry, RTES_IMPORT_FIELD_DOCUMENT);
  g_autofree char *id = NULL;
  Pending *pending;

  if (target != NULL && g_hash_table_contains (planning->snapshot->broken, target))
    {
      g_autofree char *warning =
        g_strdup_printf (_("%s: “%s” was not imported: %s.json could not be read (%s)"),
                         job->location, rtes_fiche_get_name (fiche), target,
                         (const char *) g_hash_table_lookup (planning->snapshot->broken, target));

      rtes_import_plan_add_skipped (planning->plan, target, rtes_fiche_get_name (fiche));
      rtes_import_plan_add_warning (planning->plan, warning);
      return;
    }

  if (target != NULL)
    id = g_strdup (target);
  else
    {
      g_autofree char *base_id = document ? g_strdup (rtes_fiche_get_id (fiche))
                                          : rtes_id_from_name (rtes_fiche_get_name (fiche));

      id = unique_id (planning, base_id);
      g_hash_table_insert (planning->new_names, rtes_text_fold (rtes_fiche_get_name (fiche)), g_strdup (id));
    }

  pending = g_hash_table_lookup (planning->pending, id);
  if (pending == NULL)
    pending = pending_new (planning, job, id, entry);

  /* A whole document states everything; a text export's fields are
   * copied onto what the rest of the export (or the base) says. */
  if (document)
    {
      g_clear_object (&pending->theirs);
      pending->theirs = rtes_fiche_copy (fiche);
      rtes_fiche_set_id (pending->theirs, id);
    }
  else
    apply_fields (pending->theirs, entry);

  pending->fields |= rtes_imported_fiche_get_fields (entry);
  if (document || rtes_imported_fiche_has_field (entry, RTES_IMPORT_FIELD_UPDATED))
    pending->date_given = TRUE;
  g_ptr_array_extend (pending->notes, rtes_imported_fiche_get_report_notes (entry), copy_string, NULL);
}

static RtesImportPlan *
plan_import (Job        *job,
             GPtrArray  *imported,
             const char *format,
             GPtrArray  *warnings,
             GError    **error)
{
  Planning planning = { job->snapshot, NULL, };
  RtesImportPlan *plan;

  planning.store = rtes_import_store_load_at (job->snapshot->dir, error);
  if (planning.store == NULL)
    return NULL;
  planning.plan = rtes_import_plan_new (job->snapshot->library_path, job->location, format, planning.store);
  planning.pending = g_hash_table_new (g_str_hash, g_str_equal);
  planning.order = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  planning.new_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < warnings->len; i++)
    rtes_import_plan_add_warning (planning.plan, g_ptr_array_index (warnings, i));
  for (guint i = 0; i < imported->len; i++)
    gather_entry (&planning, job, g_ptr_array_index (imported, i));

  for (guint i = 0; i < planning.order->len; i++)
    {
      Pending *pending = g_ptr_array_index (planning.order, i);

      rtes_import_plan_add_fiche (planning.plan, pending->id, pending->mine, pending->theirs, pending->base,
                                  pending->fields, pending->date_given, job->now, pending->notes);
    }
  plan = g_steal_pointer (&planning.plan);
  planning_clear (&planning);
  return plan;
}

/* Steps 1–3 of the import; runs in any thread. */
static RtesImportPlan *
job_plan (Job           *job,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  const char *format = "text";
  const char *data;
  gsize length;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (is_url (job->location))
    bytes = fetch_url (job, job->location, cancellable, error);
  else
    bytes = read_file (job->location, cancellable, error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  imported = rtes_import_parse_export (data, length, job->location, &format, warnings, error);
  if (imported == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return plan_import (job, imported, format, warnings, error);
}

/* ------------------------------------------------------------- object */

static void
rtes_importer_finalize (GObject *object)
{
  RtesImporter *self = RTES_IMPORTER (object);

  g_clear_object (&self->library);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_object (&self->proxy_resolver);

  G_OBJECT_CLASS (rtes_importer_parent_class)->finalize (object);
}

static void
rtes_importer_class_init (RtesImporterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rtes_importer_finalize;
}

static void
rtes_importer_init (RtesImporter *self)
{
}

RtesImporter *
rtes_importer_new (RtesLibrary *library)
{
  RtesImporter *self;

  g_return_val_if_fail (RTES_IS_LIBRARY (library), NULL);

  self = g_object_new (RTES_TYPE_IMPORTER, NULL);
  self->library = g_object_ref (library);
  return self;
}

void
rtes_importer_set_now (RtesImporter *self,
                       GDateTime    *now)
{
  g_return_if_fail (RTES_IS_IMPORTER (self));
  g_clear_pointer (&self->now, g_date_time_unref);
  if (now != NULL)
    self->now = g_date_time_ref (now);
}

void
rtes_importer_set_proxy_resolver (RtesImporter   *self,
                                  GProxyResolver *resolver)
{
  g_return_if_fail (RTES_IS_IMPORTER (self));
  g_return_if_fail (resolver == NULL || G_IS_PROXY_RESOLVER (resolver));

  self->proxy_set = TRUE;
  g_set_object (&self->proxy_resolver, resolver);
}

static Job *
job_new (RtesImporter *self,
         const char   *location)
{
  Job *job = g_new0 (Job, 1);

  job->location = g_strdup (location);
  job->now = self->now ? g_date_time_ref (self->now) : NULL;
  job->proxy_set = self->proxy_set;
  job->proxy_resolver = self->proxy_resolver ? g_object_ref (self->proxy_resolver) : NULL;
  job->snapshot = snapshot_new (self->library);
  return job;
}

RtesImportPlan *
rtes_importer_plan (RtesImporter  *self,
                    const char    *location,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(Job) job = NULL;

  g_return_val_if_fail (RTES_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (location != NULL, NULL);

  job = job_new (self, location);
  return job_plan (job, cancellable, error);
}

/* ---- in a worker thread ---- */

static void
plan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  RtesImportPlan *plan = job_plan (task_data, cancellable, &error);

  if (plan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, plan, g_object_unref);
}

void
rtes_importer_plan_async (RtesImporter        *self,
                          const char          *location,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RTES_IS_IMPORTER (self));
  g_return_if_fail (location != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rtes_importer_plan_async);
  g_task_set_task_data (task, job_new (self, location), (GDestroyNotify) job_free);
  rtes_task_run_in_thread (task, plan_thread);
}

RtesImportPlan *
rtes_importer_plan_finish (RtesImporter  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (RTES_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rtes_importer_plan_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
