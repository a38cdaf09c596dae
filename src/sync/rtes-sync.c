/* rtes-sync.c: one sync of a library with the RTES site
 *
 * A run is a chain of steps on one GTask; disk work happens in worker
 * threads, network work in the main thread through RtesSiteClient:
 *
 *   1. read (thread)   the sync state and every fiche file, as on disk;
 *   2. pull (network)  the export, with the last ETag;
 *   3. merge (thread)  each site fiche with its base and the local file,
 *                      all in memory; decide what to publish;
 *   4. publish         one fiche at a time; a 412 pulls again, merges that
 *      (network)       fiche and retries once;
 *   5. commit (thread) every new file (fiches, bases, state.json) in one
 *                      RtesSyncTransaction, which puts everything back if
 *                      one write fails;
 *   6. reload          the library's fiches whose file changed.
 *
 * Nothing is written before step 5, so a failure or a cancellation in
 * steps 1 to 4 changes nothing locally. A base always becomes the site's
 * copy just received (or accepted), with the item keys the merge matched:
 * places left in conflict then look like local changes, which is why a
 * fiche with open conflicts is never published, and why the next merge
 * puts the conflicts' own base values back first (merge_base()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rtes-commit-journal.h"
#include "rtes-fiche-json.h"
#include "rtes-fiche-path.h"
#include "rtes-review.h"
#include "rtes-review-overrides.h"
#include "rtes-history.h"
#include "rtes-safe-file.h"
#include "rtes-sync.h"
#include "rtes-sync-transaction.h"
#include "rtes-task.h"
#include "rtes-text.h"

struct _RtesSync
{
  GObject parent_instance;

  RtesLibrary *library;
  RtesSiteClient *client;

  /* Only the first pull of a run reports its download: the one after a
   * 412 would move the progress backwards. */
  gboolean downloading;
};

G_DEFINE_FINAL_TYPE (RtesSync, rtes_sync, G_TYPE_OBJECT)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- object ---- */

static void
rtes_sync_dispose (GObject *object)
{
  RtesSync *self = RTES_SYNC (object);

  g_clear_object (&self->library);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (rtes_sync_parent_class)->dispose (object);
}

static void
rtes_sync_class_init (RtesSyncClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rtes_sync_dispose;

  /**
   * RtesSync::progress:
   * @fraction: 0.0 to 1.0
   * @message: what is being done, translated
   */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_STRING);
}

static void
rtes_sync_init (RtesSync *self)
{
}

static void download_progress_cb (RtesSiteClient *client, guint64 received, gint64 total, RtesSync *self);

RtesSync *
rtes_sync_new (RtesLibrary    *library,
               RtesSiteClient *client)
{
  RtesSync *self;

  g_return_val_if_fail (RTES_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (RTES_IS_SITE_CLIENT (client), NULL);

  self = g_object_new (RTES_TYPE_SYNC, NULL);
  self->library = g_object_ref (library);
  self->client = g_object_ref (client);
  g_signal_connect_object (client, "download-progress", G_CALLBACK (download_progress_cb), self, 0);
  return self;
}

static void
progress (RtesSync   *self,
          double      fraction,
          const char *message)
{
  g_signal_emit (self, signals[PROGRESS], 0, fraction, message);
}

static void
download_progress_cb (RtesSiteClient *client,
                      guint64         received,
                      gint64          total,
                      RtesSync       *self)
{
  g_autofree char *done = NULL;
  g_autofree char *size = NULL;
  g_autofree char *message = NULL;

  if (!self->downloading || total <= 0)
    return;
  done = g_format_size (received);
  size = g_format_size (total);
  /* Translators: "Downloading the site's fiches… (1.2 MB of 4.0 MB)" */
  message = g_strdup_printf (_("Downloading the site's fiches… (%s of %s)"), done, size);
  progress (self, 0.1 + 0.4 * MIN (1.0, (double) received / total), message);
}

/* ---- one run ---- */

typedef struct {
  RtesFiche *fiche;  /* as read from disk */
  GBytes *bytes;     /* the file's bytes, to notice a save during the sync */
  RtesFileKey key;   /* the file's, when it held @bytes */
} LocalFiche;

static void
local_fiche_free (LocalFiche *local)
{
  g_clear_object (&local->fiche);
  g_clear_pointer (&local->bytes, g_bytes_unref);
  g_free (local);
}

typedef struct {
  RtesSyncFlags flags;
  RtesLibrary *library;   /* for its history, from the commit's thread */
  char *library_path;
  RtesLibraryDir *root;
  char *state_dir;
  char *site;

  RtesSyncState *state;
  GHashTable *local;      /* id → LocalFiche*, readable fiche files */
  GHashTable *clean;      /* ids of files known to hold their base, not read */
  gint64 read_started;    /* real time before the first file was looked at */
  GHashTable *broken;     /* ids whose file does not load: never touched */
  GHashTable *results;    /* id → RtesFiche*, new contents to write */
  GHashTable *known;      /* ids that had a base before this run */
  RtesReviewOverrides *overrides;  /* fiches a person let through despite the review */
  RtesSiteExport *export;

  GPtrArray *to_publish;  /* ids */
  guint publish_index;
  gboolean retried;       /* the current fiche got a 412 already */
  gboolean unauthorized;  /* stop publishing after the token is refused */

  RtesSyncSummary *summary;
} RunData;

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->library);
  g_free (data->library_path);
  g_clear_pointer (&data->root, rtes_library_dir_unref);
  g_free (data->state_dir);
  g_free (data->site);
  g_clear_object (&data->state);
  g_clear_pointer (&data->local, g_hash_table_unref);
  g_clear_pointer (&data->clean, g_hash_table_unref);
  g_clear_pointer (&data->broken, g_hash_table_unref);
  g_clear_pointer (&data->results, g_hash_table_unref);
  g_clear_pointer (&data->known, g_hash_table_unref);
  g_clear_object (&data->overrides);
  g_clear_object (&data->export);
  g_clear_pointer (&data->to_publish, g_ptr_array_unref);
  g_clear_pointer (&data->summary, rtes_sync_summary_free);
  g_free (data);
}

/* A problem to fix: a line of the summary's messages, counted as an error. */
static void
report (RunData    *data,
        const char *format,
        ...) G_GNUC_PRINTF (2, 3);

static void
report (RunData    *data,
        const char *format,
        ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (data->summary->messages, g_strdup_vprintf (format, args));
  va_end (args);
  data->summary->errors++;
}

/* The document that the library will hold for @id after this run. */
static RtesFiche *
current_fiche (RunData    *data,
               const char *id)
{
  RtesFiche *result = g_hash_table_lookup (data->results, id);
  LocalFiche *local;

  if (result != NULL)
    return result;
  local = g_hash_table_lookup (data->local, id);
  return local ? local->fiche : NULL;
}

/* What the sync did to @id, for the summary's list by name. */
static RtesSyncFicheReport *
report_fiche (RunData         *data,
              const char      *id,
              RtesSyncOutcome  outcome)
{
  RtesFiche *fiche = current_fiche (data, id);

  return rtes_sync_summary_add (data->summary, id, fiche != NULL ? rtes_fiche_get_name (fiche) : NULL,
                                outcome);
}

/* @id is not sent, for @reason; @message (nullable) says more. A reason
 * that is something to fix is an error too, with its line. */
static void
report_not_published (RunData              *data,
                      const char           *id,
                      RtesSyncNotPublished  reason,
                      const char           *message)
{
  RtesSyncFicheReport *entry = report_fiche (data, id, RTES_SYNC_OUTCOME_NOT_PUBLISHED);

  entry->reason = reason;
  entry->message = g_strdup (message);
  if (!rtes_sync_not_published_is_error (reason))
    return;
  if (message != NULL)
    report (data, "%s", message);
  else
    /* Translators: "dijon was not published: it is a draft" */
    report (data, _("%s was not published: %s"), id, rtes_sync_not_published_to_string (reason));
}

/* Settles what a commit cut short left behind, and refuses a sync state
 * reached through a link (a .rtes-fiches or bases/ that points elsewhere)
 * before anything is read from it. */
static gboolean
prepare_state (RtesLibraryDir  *root,
               GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!rtes_commit_journal_settle (root, NULL, &local_error)
      || !rtes_library_dir_check (root, RTES_SYNC_STATE_DIR "/bases", &local_error)
      || !rtes_library_dir_check (root, RTES_SYNC_STATE_DIR "/state.json", &local_error))
    {
      g_set_error_literal (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_STATE, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- step 1: read ---- */

static void
read_local_fiche (RunData    *data,
                  const char *name,
                  const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(RtesFiche) fiche = NULL;
  RtesFileKey key;
  LocalFiche *local;

  /* Not rtes_fiche_load(): the bytes read here are what the commit
   * expects to find still in the file. A link, a FIFO or a file too
   * large is reported as not synced, like a file that does not parse. */
  data->summary->files_read++;
  contents = rtes_library_dir_read_keyed (data->root, name, RTES_JSON_MAX_FICHE_SIZE, &key, &error);
  if (contents != NULL)
    fiche = rtes_fiche_new_from_data (g_bytes_get_data (contents, NULL),
                                      g_bytes_get_size (contents), name, &error);
  if (fiche != NULL && g_strcmp0 (rtes_fiche_get_id (fiche), id) != 0)
    {
      g_clear_object (&fiche);
      g_set_error (&error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_INVALID_ID,
                   _("%s: the id does not match the file name"), name);
    }
  if (fiche == NULL)
    {
      report (data, _("%s was not synced: %s"), name, error->message);
      rtes_sync_summary_add (data->summary, id, name, RTES_SYNC_OUTCOME_NOT_SYNCED)->message =
        g_strdup (error->message);
      g_hash_table_add (data->broken, g_strdup (id));
      return;
    }
  local = g_new0 (LocalFiche, 1);
  local->fiche = g_steal_pointer (&fiche);
  local->bytes = g_steal_pointer (&contents);
  local->key = key;
  g_hash_table_insert (data->local, g_strdup (id), local);
}

/* Whether the file @name of @id can be taken as its base unread: the site
 * said nothing changed, no conflict of it is open, and the file has the
 * key it had when it last held its base. */
static gboolean
is_clean (RunData    *data,
          const char *name,
          const char *id)
{
  g_autoptr(GPtrArray) open = NULL;
  RtesFileKey key;

  if (!g_hash_table_contains (data->known, id))
    return FALSE;
  open = rtes_sync_state_get_conflicts (data->state, id);
  return open->len == 0
         && rtes_library_dir_get_key (data->root, name, &key)
         && rtes_sync_state_is_clean (data->state, id, &key);
}

/* Reads the library's fiche files. With @site_unchanged, a file known to
 * hold its base is only looked at (see is_clean()): a sync to which the
 * site answers 304 reads nothing but what changed here. */
static gboolean
read_library (RunData       *data,
              gboolean       site_unchanged,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  data->read_started = g_get_real_time ();
  dir = g_dir_open (data->library_path, 0, error);
  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *id = rtes_id_from_filename (name);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* Not a fiche file name: the library does not list it either. */
      if (id == NULL)
        continue;
      if (site_unchanged && is_clean (data, name, id))
        g_hash_table_add (data->clean, g_steal_pointer (&id));
      else
        read_local_fiche (data, name, id);
    }
  return TRUE;
}

/* Only the state: the fiche files are read once the site has answered,
 * and only those that matter if it says nothing changed. */
static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  RunData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;

  /* A sync cut short by a crash is undone before anything is read. */
  if (prepare_state (data->root, &error))
    data->state = rtes_sync_state_load (data->state_dir, &error);
  if (data->state == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* What we know of another site says nothing about this one. */
  if (g_strcmp0 (rtes_sync_state_get_site (data->state), data->site) != 0)
    rtes_sync_state_reset (data->state, data->site);
  ids = rtes_sync_state_list_ids (data->state);
  for (guint i = 0; ids[i] != NULL; i++)
    g_hash_table_add (data->known, g_strdup (ids[i]));
  /* Unreadable records let nothing through: the review decides alone. */
  if (data->flags & RTES_SYNC_FLAGS_PUBLISH)
    {
      data->overrides = rtes_review_overrides_load (data->root, &error);
      if (data->overrides == NULL)
        {
          report (data, _("The records of fiches published despite the review were not read: %s"),
                  error->message);
          g_clear_error (&error);
        }
    }
  g_task_return_boolean (task, TRUE);
}

/* ---- step 3: merge ---- */

/* The base to merge @id against: the stored base (the site's copy last
 * received) with each open conflict's base value put back, so that a
 * conflict nobody settled is found again with its real common ancestor,
 * and one both sides have settled since goes away. */
static JsonNode *
merge_base (RunData     *data,
            const char  *id,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) base = rtes_sync_state_get_base (data->state, id, &local_error);
  g_autoptr(GPtrArray) open = NULL;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  open = rtes_sync_state_get_conflicts (data->state, id);
  if (open->len == 0)
    return g_steal_pointer (&base);
  return rtes_fiche_merge_restore_base (base, open);
}

/* Theirs with the keys the merge matched, in canonical form: what is kept
 * as the base. */
static JsonNode *
next_base (RtesMergeResult *result,
           const char      *source,
           JsonNode        *theirs_doc)
{
  g_autoptr(RtesFiche) keyed = rtes_fiche_new_from_json (result->theirs_keyed, source, NULL, NULL);

  return keyed != NULL ? rtes_fiche_to_json (keyed) : json_node_ref (theirs_doc);
}

/* Merges the site's copy of one fiche into the run's plan. FALSE only for
 * a failure that must stop the whole sync (an unreadable base). */
static gboolean
merge_site_fiche (RunData     *data,
                  RtesFiche   *theirs,
                  const char  *revision,
                  gboolean     count,
                  GError     **error)
{
  const char *id = rtes_fiche_get_id (theirs);
  g_autoptr(JsonNode) theirs_doc = rtes_fiche_to_json (theirs);
  g_autoptr(JsonNode) base = NULL;
  g_autoptr(JsonNode) mine_doc = NULL;
  g_autoptr(JsonNode) merged_doc = NULL;
  g_autoptr(JsonNode) stored_base = NULL;
  g_autoptr(RtesMergeResult) result = NULL;
  g_autoptr(RtesFiche) merged = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *source = NULL;
  RtesFiche *mine;

  if (g_hash_table_contains (data->broken, id))
    return TRUE;
  base = merge_base (data, id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  mine = current_fiche (data, id);
  if (mine == NULL)
    {
      /* New on the site (or removed here: the site's copy comes back). */
      g_hash_table_insert (data->results, g_strdup (id), g_object_ref (theirs));
      rtes_sync_state_set_base (data->state, id, revision, theirs_doc);
      if (count)
        {
          data->summary->added++;
          report_fiche (data, id, RTES_SYNC_OUTCOME_ADDED);
        }
      return TRUE;
    }

  mine_doc = rtes_fiche_to_json (mine);
  result = rtes_fiche_merge (id, base, mine_doc, theirs_doc);
  source = g_strdup_printf ("%s.json", id);
  stored_base = next_base (result, source, theirs_doc);
  merged = rtes_fiche_new_from_json (result->merged, source, NULL, &local_error);
  if (merged == NULL)
    {
      report (data, _("%s was not synced: the merged fiche is not valid: %s"),
              id, local_error->message);
      report_fiche (data, id, RTES_SYNC_OUTCOME_NOT_SYNCED)->message =
        g_strdup_printf (_("the merged fiche is not valid: %s"), local_error->message);
      return TRUE;
    }
  merged_doc = rtes_fiche_to_json (merged);

  /* Merged against the base with the open conflicts put back, the result
   * holds every conflict still open: they replace the old records. */
  rtes_sync_state_set_conflicts (data->state, id, result->conflicts);
  rtes_sync_state_set_base (data->state, id, revision, stored_base);

  if (json_node_equal (merged_doc, mine_doc))
    {
      if (count)
        data->summary->unchanged++;
      return TRUE;
    }
  g_hash_table_insert (data->results, g_strdup (id), g_steal_pointer (&merged));
  if (count)
    {
      if (result->mine_changed)
        data->summary->merged++;
      else
        data->summary->updated++;
      report_fiche (data, id, result->mine_changed ? RTES_SYNC_OUTCOME_MERGED : RTES_SYNC_OUTCOME_UPDATED);
    }
  return TRUE;
}

/* The example fiches the window offers carry "example": true, a member
 * the format keeps as it is: made-up collectivities must never reach the
 * site, whatever their status says. */
static gboolean
is_example (RtesFiche *fiche)
{
  JsonObject *extra = rtes_fiche_get_extra (fiche);
  JsonNode *node = extra != NULL ? json_object_get_member (extra, "example") : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

gboolean
rtes_sync_fiche_is_publishable (RtesFiche            *fiche,
                                gboolean              on_site,
                                RtesSyncNotPublished *reason)
{
  RtesSyncNotPublished why;

  g_return_val_if_fail (RTES_IS_FICHE (fiche), FALSE);

  if (is_example (fiche))
    why = RTES_SYNC_NOT_PUBLISHED_EXAMPLE;
  /* A draft made here is still being written: the site gets it once a
   * person says it is ready, by its status. One the site has already
   * goes on being sent, and shows there as "Fiche en cours de
   * rédaction", as the editor says. */
  else if (!on_site && rtes_fiche_is_draft (fiche))
    why = RTES_SYNC_NOT_PUBLISHED_DRAFT;
  else
    return TRUE;
  if (reason != NULL)
    *reason = why;
  return FALSE;
}

/* A fiche that still holds a placeholder, or a value the validator calls
 * an error, is not published (docs/review.md), unless a person recorded
 * that it may be, for exactly those findings (rtes-review-overrides.h).
 * Reports the first finding that blocks it. */
static gboolean
blocked_by_review (RunData    *data,
                   const char *id)
{
  g_autoptr(GPtrArray) blocking = rtes_review_blocking (current_fiche (data, id));
  g_autoptr(GPtrArray) remaining = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *message = NULL;
  RtesFinding *first;

  if (blocking->len == 0)
    return FALSE;
  remaining = data->overrides != NULL ? rtes_review_overrides_remaining (data->overrides, id, blocking)
                                      : g_ptr_array_ref (blocking);
  if (remaining->len == 0)
    return FALSE;
  first = g_ptr_array_index (remaining, 0);
  detail = first->text[0] != '\0' ? g_strdup_printf ("%s « %s »", first->message, first->text)
                                   : g_strdup (first->message);
  /* Translators: the first %s is a fiche id, %u a count, the next %s a
   * field ("panorama"), the last what is wrong there. */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                             "%s was not published: the review found %u problem that blocks it, "
                             "in %s: %s. Settle it, or publish despite the review",
                             "%s was not published: the review found %u problems that block it, "
                             "the first in %s: %s. Settle them, or publish despite the review",
                             remaining->len),
                             id, remaining->len, first->field[0] != '\0' ? first->field : id, detail);
  report_not_published (data, id, RTES_SYNC_NOT_PUBLISHED_REVIEW, message);
  return TRUE;
}

/* @id's file, as read, holds its base: if nothing rewrites it and its
 * key is settled, the next sync told "nothing changed" need not read it. */
static void
remember_clean (RunData    *data,
                const char *id,
                GPtrArray  *conflicts)
{
  LocalFiche *local = g_hash_table_lookup (data->local, id);

  if (local == NULL || conflicts->len > 0 || g_hash_table_contains (data->results, id)
      || !rtes_file_key_is_settled (&local->key, data->read_started))
    return;
  rtes_sync_state_set_clean (data->state, id, &local->key);
}

/* Fiches changed locally since their base (or that the site never had):
 * those free of conflicts and publishable go to the site, in id order;
 * every other one is reported with the reason it stays here. */
static void
plan_publishing (RunData *data)
{
  g_autoptr(GList) ids = g_hash_table_get_keys (data->local);
  gboolean publishing = (data->flags & RTES_SYNC_FLAGS_PUBLISH) != 0;

  ids = g_list_sort (ids, (GCompareFunc) g_strcmp0);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      const char *id = l->data;
      g_autoptr(GPtrArray) conflicts = rtes_sync_state_get_conflicts (data->state, id);
      g_autoptr(JsonNode) base = rtes_sync_state_get_base (data->state, id, NULL);
      g_autoptr(JsonNode) doc = NULL;
      RtesSyncNotPublished reason;

      /* Deleted on the site: publishing would bring it back. */
      if (base != NULL && !rtes_site_export_is_not_modified (data->export)
          && rtes_site_export_lookup (data->export, id) == NULL)
        continue;
      doc = rtes_fiche_to_json (current_fiche (data, id));
      if (base != NULL && json_node_equal (doc, base))
        {
          remember_clean (data, id, conflicts);
          continue;
        }
      if (conflicts->len > 0)
        report_not_published (data, id, RTES_SYNC_NOT_PUBLISHED_CONFLICTS, NULL);
      else if (!rtes_sync_fiche_is_publishable (current_fiche (data, id), base != NULL, &reason))
        report_not_published (data, id, reason, NULL);
      else if (!publishing)
        report_not_published (data, id, (data->flags & RTES_SYNC_FLAGS_NO_TOKEN)
                                        ? RTES_SYNC_NOT_PUBLISHED_NO_TOKEN
                                        : RTES_SYNC_NOT_PUBLISHED_NOT_ASKED, NULL);
      else if (!blocked_by_review (data, id))
        g_ptr_array_add (data->to_publish, g_strdup (id));
    }
}

/* Merges @id with its base as the site's copy, when it has open
 * conflicts; counts it as unchanged otherwise. */
static gboolean
remerge_conflicts (RunData     *data,
                   const char  *id,
                   GError     **error)
{
  g_autoptr(GPtrArray) open = rtes_sync_state_get_conflicts (data->state, id);
  g_autoptr(JsonNode) base = NULL;
  g_autoptr(RtesFiche) theirs = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *source = g_strdup_printf ("%s.json", id);

  if (open->len > 0)
    base = rtes_sync_state_get_base (data->state, id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (base != NULL)
    theirs = rtes_fiche_new_from_json (base, source, NULL, NULL);
  if (theirs == NULL)
    {
      data->summary->unchanged++;
      return TRUE;
    }
  return merge_site_fiche (data, theirs, rtes_sync_state_get_revision (data->state, id), TRUE, error);
}

/* Merges every fiche the site sent; when it said nothing changed, every
 * fiche it has is as we left it, its base, and those with open conflicts
 * are merged with it again: a conflict a person settled by editing goes
 * away, and one recorded by an older version, on a whole list, is
 * settled item by item. */
static gboolean
merge_export (RunData       *data,
              GCancellable  *cancellable,
              GError       **error)
{
  RtesSiteExport *export = data->export;
  g_autoptr(GPtrArray) known = NULL;
  GHashTableIter iter;
  gpointer id;

  if (!read_library (data, rtes_site_export_is_not_modified (export), cancellable, error))
    return FALSE;
  if (rtes_site_export_is_not_modified (export))
    {
      g_hash_table_iter_init (&iter, data->known);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        if (g_hash_table_contains (data->clean, id))
          data->summary->unchanged++;
        else if (g_hash_table_contains (data->local, id)
                 && (g_cancellable_set_error_if_cancelled (cancellable, error)
                     || !remerge_conflicts (data, id, error)))
          return FALSE;
      return TRUE;
    }
  for (guint i = 0; i < rtes_site_export_get_n_fiches (export); i++)
    {
      RtesFiche *theirs = rtes_site_export_get_fiche (export, i);
      const char *revision = rtes_site_export_get_revision (export, rtes_fiche_get_id (theirs));

      if (g_cancellable_set_error_if_cancelled (cancellable, error)
          || !merge_site_fiche (data, theirs, revision, TRUE, error))
        return FALSE;
    }
  rtes_sync_state_set_etag (data->state, rtes_site_export_get_etag (export));
  known = rtes_strings_sorted_keys (data->known);
  for (guint i = 0; i < known->len; i++)
    if (rtes_site_export_lookup (export, g_ptr_array_index (known, i)) == NULL)
      g_ptr_array_add (data->summary->gone, g_strdup (g_ptr_array_index (known, i)));
  return TRUE;
}

static void
merge_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (!merge_export (task_data, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  plan_publishing (task_data);
  g_task_return_boolean (task, TRUE);
}

/* ---- step 5: commit ---- */

/* The files written are revisions pulled from the site, each with the
 * site's revision it merged; the history records them (the window's
 * documents, reloading the files next, find them known). */
static void
record_pulled (RunData *data)
{
  RtesHistory *history = rtes_library_get_history (data->library);

  for (guint i = 0; history != NULL && i < data->summary->changed->len; i++)
    {
      const char *id = g_ptr_array_index (data->summary->changed, i);
      LocalFiche *local = g_hash_table_lookup (data->local, id);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;

      if (local != NULL)
        before = g_strndup (g_bytes_get_data (local->bytes, NULL), g_bytes_get_size (local->bytes));
      after = rtes_fiche_to_data (g_hash_table_lookup (data->results, id), NULL);
      if (rtes_history_record (history, id, before, after, RTES_CHANGE_ORIGIN_PULL,
                               rtes_sync_state_get_revision (data->state, id), &error) == 0
          && error != NULL)
        g_message ("History of %s: %s", id, error->message);
    }
}

static void
commit_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RunData *data = task_data;
  g_autoptr(RtesSyncTransaction) transaction = rtes_sync_transaction_new (data->root);
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) ids = g_hash_table_get_keys (data->results);

  ids = g_list_sort (ids, (GCompareFunc) g_strcmp0);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      const char *id = l->data;
      LocalFiche *local = g_hash_table_lookup (data->local, id);
      g_autofree char *path = g_strconcat (id, ".json", NULL);
      g_autoptr(GBytes) bytes = NULL;
      gsize length;
      char *contents;

      contents = rtes_fiche_to_data (g_hash_table_lookup (data->results, id), &length);
      bytes = g_bytes_new_take (contents, length);
      rtes_sync_transaction_replace (transaction, path, bytes, local ? local->bytes : NULL);
      g_ptr_array_add (data->summary->changed, g_strdup (id));
    }
  rtes_sync_state_plan_save (data->state, transaction);

  /* The last moment a cancellation can still change nothing. */
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!rtes_sync_transaction_commit (transaction, &error))
    {
      g_ptr_array_set_size (data->summary->changed, 0);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  record_pulled (data);
  g_task_return_boolean (task, TRUE);
}

/* ---- the chain ---- */

static void pull_cb (GObject *source, GAsyncResult *result, gpointer user_data);
static void merge_done_cb (GObject *source, GAsyncResult *result, gpointer user_data);
static void publish_next (GTask *task);
static void commit (GTask *task);

/* Ends the run with the step's error, if it failed. */
static gboolean
step_succeeded (GTask        *task,
                GAsyncResult *result)
{
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    return TRUE;
  g_task_return_error (task, g_steal_pointer (&error));
  return FALSE;
}

/* Ends the run with its summary. */
static void
return_summary (GTask      *task,
                const char *message)
{
  RunData *data = g_task_get_task_data (task);

  progress (g_task_get_source_object (task), 1.0, message);
  g_task_return_pointer (task, g_steal_pointer (&data->summary),
                         (GDestroyNotify) rtes_sync_summary_free);
}

/* Runs @func in a thread on the run's data; @callback gets the run's task. */
static void
run_in_thread (GTask                 *task,
               GTaskThreadFunc        func,
               GAsyncReadyCallback    callback)
{
  /* No source object: the worker thread drops the step's last reference,
   * and RtesSync (with its SoupSession) must only ever be finalized in
   * the main thread. */
  g_autoptr(GTask) step = g_task_new (NULL, g_task_get_cancellable (task),
                                      callback, g_object_ref (task));

  g_task_set_task_data (step, g_task_get_task_data (task), NULL);
  rtes_task_run_in_thread (step, func);
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RtesSync *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_auto(GStrv) known = NULL;

  if (!step_succeeded (task, result))
    return;
  progress (self, 0.1, _("Downloading the site's fiches…"));
  self->downloading = TRUE;
  /* Without any base, a 304 would leave us with nothing to merge. */
  known = rtes_sync_state_list_ids (data->state);
  rtes_site_client_pull_async (self->client,
                               known[0] != NULL ? rtes_sync_state_get_etag (data->state) : NULL,
                               g_task_get_cancellable (task), pull_cb, g_object_ref (task));
}

static void
pull_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RtesSync *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  self->downloading = FALSE;
  data->export = rtes_site_client_pull_finish (RTES_SITE_CLIENT (source), result, &error);
  if (data->export == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  progress (self, 0.5, _("Merging…"));
  run_in_thread (task, merge_thread, merge_done_cb);
}

static void
merge_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  if (step_succeeded (task, result))
    publish_next (task);
}

static void publish_cb (GObject *source, GAsyncResult *result, gpointer user_data);

static void
publish_current (GTask *task)
{
  RtesSync *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  const char *id = g_ptr_array_index (data->to_publish, data->publish_index);

  rtes_site_client_publish_async (self->client, current_fiche (data, id),
                                  rtes_sync_state_get_revision (data->state, id),
                                  g_task_get_cancellable (task), publish_cb, g_object_ref (task));
}

static void
publish_next (GTask *task)
{
  RtesSync *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autofree char *message = NULL;
  guint n = data->to_publish->len;

  if (data->publish_index >= n || (data->flags & RTES_SYNC_FLAGS_DRY_RUN))
    {
      if (data->flags & RTES_SYNC_FLAGS_DRY_RUN)
        {
          data->summary->published = n;
          for (guint i = 0; i < n; i++)
            report_fiche (data, g_ptr_array_index (data->to_publish, i), RTES_SYNC_OUTCOME_PUBLISHED);
        }
      commit (task);
      return;
    }
  message = g_strdup_printf (_("Publishing %s (%u of %u)…"),
                             (const char *) g_ptr_array_index (data->to_publish, data->publish_index),
                             data->publish_index + 1, n);
  progress (self, 0.6 + 0.3 * data->publish_index / n, message);
  data->retried = FALSE;
  publish_current (task);
}

static void
repull_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  const char *id = g_ptr_array_index (data->to_publish, data->publish_index);
  g_autoptr(RtesSiteExport) export = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonNode) base = NULL;
  g_autoptr(JsonNode) doc = NULL;
  g_autoptr(GError) error = NULL;
  RtesFiche *theirs;

  export = rtes_site_client_pull_finish (RTES_SITE_CLIENT (source), result, &error);
  if (export == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  theirs = rtes_site_export_is_not_modified (export) ? NULL : rtes_site_export_lookup (export, id);
  if (theirs == NULL)
    {
      report_not_published (data, id, RTES_SYNC_NOT_PUBLISHED_NOT_LISTED, NULL);
      data->publish_index++;
      publish_next (task);
      return;
    }
  /* Merging one fiche is quick enough for the main thread. The stored
   * ETag stays the first pull's: only this fiche was merged from this one. */
  if (!merge_site_fiche (data, theirs, rtes_site_export_get_revision (export, id), FALSE, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  conflicts = rtes_sync_state_get_conflicts (data->state, id);
  base = rtes_sync_state_get_base (data->state, id, NULL);
  doc = rtes_fiche_to_json (current_fiche (data, id));
  if (conflicts->len > 0)
    report_not_published (data, id, RTES_SYNC_NOT_PUBLISHED_CONFLICTS, NULL);
  if (conflicts->len > 0 || json_node_equal (doc, base))
    {
      data->publish_index++;
      publish_next (task);
      return;
    }
  publish_current (task);
}

static void
publish_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RtesSync *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  const char *id = g_ptr_array_index (data->to_publish, data->publish_index);
  g_autoptr(GError) error = NULL;
  g_autofree char *revision = NULL;

  revision = rtes_site_client_publish_finish (RTES_SITE_CLIENT (source), result, &error);
  if (revision != NULL)
    {
      g_autoptr(JsonNode) doc = rtes_fiche_to_json (current_fiche (data, id));

      rtes_sync_state_set_base (data->state, id, revision, doc);
      data->summary->published++;
      report_fiche (data, id, RTES_SYNC_OUTCOME_PUBLISHED);
    }
  else if (g_error_matches (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_PRECONDITION) && !data->retried)
    {
      data->retried = TRUE;
      rtes_site_client_pull_async (self->client, NULL, g_task_get_cancellable (task),
                                   repull_cb, g_object_ref (task));
      return;
    }
  else if (g_error_matches (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_PRECONDITION))
    report_not_published (data, id, RTES_SYNC_NOT_PUBLISHED_CHANGED_AGAIN, NULL);
  else if (g_error_matches (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_UNAUTHORIZED))
    {
      /* Every other fiche would get the same answer: said once, and the
       * ones not tried say why. */
      report_not_published (data, id, RTES_SYNC_NOT_PUBLISHED_TOKEN_REFUSED, error->message);
      for (guint i = data->publish_index + 1; i < data->to_publish->len; i++)
        report_fiche (data, g_ptr_array_index (data->to_publish, i), RTES_SYNC_OUTCOME_NOT_PUBLISHED)->reason =
          RTES_SYNC_NOT_PUBLISHED_TOKEN_REFUSED;
      data->unauthorized = TRUE;
    }
  else if (g_error_matches (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_REFUSED)
           || g_error_matches (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_INVALID_EXPORT))
    report_not_published (data, id, RTES_SYNC_NOT_PUBLISHED_REFUSED, error->message);
  else
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->publish_index = data->unauthorized ? data->to_publish->len : data->publish_index + 1;
  publish_next (task);
}

static void
reload_library (RtesSync *self,
                RunData  *data)
{
  for (guint i = 0; i < data->summary->changed->len; i++)
    {
      const char *id = g_ptr_array_index (data->summary->changed, i);
      g_autoptr(GError) error = NULL;

      /* Also adds the fiches new from the site; the library keeps them. */
      rtes_library_reload (self->library, id, &error);
      if (error != NULL)
        g_ptr_array_add (data->summary->messages, g_strdup (error->message));
    }
}

static void
commit_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RtesSync *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);

  if (!step_succeeded (task, result))
    return;
  reload_library (self, data);
  return_summary (task, _("Sync complete"));
}

/* What is left once the run is over, fiche by fiche: the conflicts to
 * settle, and the fiches the site no longer has. */
static void
report_left (RunData *data)
{
  g_autoptr(GPtrArray) conflicts = rtes_sync_state_get_conflicts (data->state, NULL);
  RtesSyncFicheReport *entry = NULL;

  /* Sorted by id: one report per fiche. */
  for (guint i = 0; i < conflicts->len; i++)
    {
      RtesConflict *c = g_ptr_array_index (conflicts, i);

      if (entry == NULL || g_strcmp0 (entry->id, c->id) != 0)
        entry = report_fiche (data, c->id, RTES_SYNC_OUTCOME_CONFLICTS);
      entry->n_conflicts++;
    }
  for (guint i = 0; i < data->summary->gone->len; i++)
    report_fiche (data, g_ptr_array_index (data->summary->gone, i), RTES_SYNC_OUTCOME_GONE);
  rtes_sync_summary_sort (data->summary);
}

static void
commit (GTask *task)
{
  RtesSync *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);

  data->summary->conflicts = rtes_sync_state_count_conflicts (data->state);
  report_left (data);
  if (data->flags & RTES_SYNC_FLAGS_DRY_RUN)
    {
      if (g_task_return_error_if_cancelled (task))
        return;
      return_summary (task, _("Sync complete (dry run)"));
      return;
    }
  progress (self, 0.95, _("Writing…"));
  run_in_thread (task, commit_thread, commit_done_cb);
}

void
rtes_sync_run_async (RtesSync            *self,
                     RtesSyncFlags        flags,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (RTES_IS_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rtes_sync_run_async);

  data = g_new0 (RunData, 1);
  data->flags = flags;
  data->library = g_object_ref (self->library);
  data->library_path = g_strdup (rtes_library_get_path (self->library));
  data->root = rtes_library_dir_ref (rtes_library_get_dir (self->library));
  data->state_dir = rtes_sync_state_dir_for_library (data->library_path);
  data->site = g_strdup (rtes_site_client_get_base_url (self->client));
  data->local = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) local_fiche_free);
  data->clean = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  data->broken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  data->results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  data->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  data->to_publish = g_ptr_array_new_with_free_func (g_free);
  data->summary = rtes_sync_summary_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);

  progress (self, 0.0, _("Reading the library…"));
  run_in_thread (task, read_thread, read_done_cb);
}

RtesSyncSummary *
rtes_sync_run_finish (RtesSync      *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rtes_sync_run_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- resolving conflicts ---- */

/* The bytes of fiche @id with @choices (all of that fiche, each with its
 * open conflict) applied, and the bytes it had: for the transaction,
 * which refuses to write over a file that changed since. */
static gboolean
resolved_fiche_bytes (const char     *library_path,
                      const char     *id,
                      GPtrArray      *choices,
                      RtesSyncState  *state,
                      GBytes        **old_out,
                      GBytes        **new_out,
                      GError        **error)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(RtesFiche) fiche = NULL;
  g_autoptr(RtesFiche) resolved = NULL;
  g_autoptr(JsonNode) doc = NULL;
  gsize new_length;
  char *data;

  contents = rtes_safe_file_read (library_path, name, RTES_JSON_MAX_FICHE_SIZE, error);
  if (contents == NULL)
    return FALSE;
  fiche = rtes_fiche_new_from_data (g_bytes_get_data (contents, NULL), g_bytes_get_size (contents),
                                    name, error);
  if (fiche == NULL)
    return FALSE;
  doc = rtes_fiche_to_json (fiche);
  for (guint i = 0; i < choices->len; i++)
    {
      RtesConflictChoice *choice = g_ptr_array_index (choices, i);
      RtesConflict *conflict = rtes_sync_state_lookup_conflict (state, id, choice->path);
      g_autoptr(GError) local_error = NULL;

      if (!rtes_conflict_choice_apply (choice, conflict, doc, &local_error))
        {
          /* The item was deleted here since the sync, or the file changed. */
          g_set_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_NO_CONFLICT,
                       _("%s: the site's value cannot be put back: %s"), name, local_error->message);
          return FALSE;
        }
    }
  resolved = rtes_fiche_new_from_json (doc, name, NULL, error);
  if (resolved == NULL)
    return FALSE;
  data = rtes_fiche_to_data (resolved, &new_length);
  *new_out = g_bytes_new_take (data, new_length);
  *old_out = g_steal_pointer (&contents);
  return TRUE;
}

/* The resolution wrote @resolved over @old: a revision for the history. */
static void
record_resolved (const char *library_path,
                 const char *id,
                 GBytes     *old,
                 GBytes     *resolved,
                 const char *revision)
{
  g_autoptr(RtesHistory) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = g_strndup (g_bytes_get_data (old, NULL), g_bytes_get_size (old));
  g_autofree char *after = g_strndup (g_bytes_get_data (resolved, NULL), g_bytes_get_size (resolved));

  history = rtes_history_open (library_path, &error);
  if (history == NULL
      || (rtes_history_record (history, id, before, after, RTES_CHANGE_ORIGIN_RESOLVE, revision, &error) == 0
          && error != NULL))
    g_message ("History of %s: %s", id, error->message);
}

/* Checks every choice against the state before anything is planned, and
 * groups them by fiche, in the order they came: id → GPtrArray of
 * borrowed choices. */
static GHashTable *
group_choices (RtesSyncState  *state,
               GPtrArray      *choices,
               GPtrArray      *order,
               GError        **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < choices->len; i++)
    {
      RtesConflictChoice *choice = g_ptr_array_index (choices, i);
      GPtrArray *of_fiche;

      if (!rtes_id_is_valid (choice->id))
        {
          g_set_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_NO_CONFLICT,
                       _("“%s” is not a fiche id"), choice->id);
          return NULL;
        }
      if (rtes_sync_state_lookup_conflict (state, choice->id, choice->path) == NULL)
        {
          g_set_error (error, RTES_SYNC_ERROR, RTES_SYNC_ERROR_NO_CONFLICT,
                       _("Fiche %s has no open conflict on “%s”"), choice->id, choice->path);
          return NULL;
        }
      of_fiche = g_hash_table_lookup (by_id, choice->id);
      if (of_fiche == NULL)
        {
          of_fiche = g_ptr_array_new ();
          g_hash_table_insert (by_id, choice->id, of_fiche);
          g_ptr_array_add (order, choice->id);
        }
      g_ptr_array_add (of_fiche, choice);
    }
  return g_steal_pointer (&by_id);
}

gboolean
rtes_sync_resolve_all (const char  *library_path,
                       GPtrArray   *choices,
                       GError     **error)
{
  g_autofree char *state_dir = NULL;
  g_autoptr(RtesLibraryDir) root = NULL;
  g_autoptr(RtesSyncState) state = NULL;
  g_autoptr(RtesSyncTransaction) transaction = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  /* What was written, for the history once it is committed. */
  g_autoptr(GPtrArray) written_ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) olds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) resolveds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  g_return_val_if_fail (library_path != NULL, FALSE);
  g_return_val_if_fail (choices != NULL, FALSE);

  root = rtes_library_dir_open (library_path, FALSE, error);
  if (root == NULL || !prepare_state (root, error))
    return FALSE;
  state_dir = rtes_sync_state_dir_for_library (library_path);
  state = rtes_sync_state_load (state_dir, error);
  if (state == NULL)
    return FALSE;
  by_id = group_choices (state, choices, order, error);
  if (by_id == NULL)
    return FALSE;

  /* Each fiche file is written once, with all its choices: one step of
   * its history, and nothing half-resolved if another fails. */
  transaction = rtes_sync_transaction_new (root);
  for (guint i = 0; i < order->len; i++)
    {
      const char *id = g_ptr_array_index (order, i);
      GPtrArray *of_fiche = g_hash_table_lookup (by_id, id);
      gboolean writes = FALSE;
      g_autoptr(GBytes) old = NULL;
      g_autoptr(GBytes) resolved = NULL;
      g_autofree char *file = g_strconcat (id, ".json", NULL);

      for (guint j = 0; j < of_fiche->len; j++)
        writes |= ((RtesConflictChoice *) g_ptr_array_index (of_fiche, j))->pick != RTES_CONFLICT_KEEP_MINE;
      if (writes)
        {
          if (!resolved_fiche_bytes (library_path, id, of_fiche, state, &old, &resolved, error))
            return FALSE;
          rtes_sync_transaction_replace (transaction, file, resolved, old);
          g_ptr_array_add (written_ids, (gpointer) id);
          g_ptr_array_add (olds, g_bytes_ref (old));
          g_ptr_array_add (resolveds, g_bytes_ref (resolved));
        }
    }
  for (guint i = 0; i < choices->len; i++)
    {
      RtesConflictChoice *choice = g_ptr_array_index (choices, i);

      rtes_sync_state_remove_conflict (state, choice->id, choice->path);
    }
  rtes_sync_state_plan_save (state, transaction);
  if (!rtes_sync_transaction_commit (transaction, error))
    return FALSE;
  for (guint i = 0; i < written_ids->len; i++)
    {
      const char *id = g_ptr_array_index (written_ids, i);

      record_resolved (library_path, id, g_ptr_array_index (olds, i), g_ptr_array_index (resolveds, i),
                       rtes_sync_state_get_revision (state, id));
    }
  return TRUE;
}

gboolean
rtes_sync_resolve (const char          *library_path,
                   const char          *id,
                   const char          *path,
                   RtesSyncResolution   resolution,
                   JsonNode            *value,
                   GError             **error)
{
  static const RtesConflictPick picks[] = {
    [RTES_SYNC_RESOLVE_MINE] = RTES_CONFLICT_KEEP_MINE,
    [RTES_SYNC_RESOLVE_THEIRS] = RTES_CONFLICT_TAKE_THEIRS,
    [RTES_SYNC_RESOLVE_VALUE] = RTES_CONFLICT_TAKE_VALUE,
  };
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_conflict_choice_free);

  g_return_val_if_fail (library_path != NULL && id != NULL && path != NULL, FALSE);
  g_return_val_if_fail ((resolution == RTES_SYNC_RESOLVE_VALUE) == (value != NULL), FALSE);

  g_ptr_array_add (choices, rtes_conflict_choice_new (id, path, picks[resolution],
                                                      resolution == RTES_SYNC_RESOLVE_VALUE ? value : NULL));
  return rtes_sync_resolve_all (library_path, choices, error);
}
