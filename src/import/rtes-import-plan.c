/* rtes-import-plan.c: what an import will do, before it does it
 *
 * For each fiche the export names, the plan holds the result of the
 * three-way merge (rtes_fiche_merge()) of the library's fiche ("mine")
 * and the export's ("theirs") against the last import ("base"):
 *
 * - a place changed in the export and not here is taken; changed here and
 *   not in the export is kept; changed on both sides differently is a
 *   conflict: the value here is kept and the conflict recorded;
 * - without a base (a library imported by an older version, a fiche made
 *   by hand) nothing here is overwritten: a place empty here takes the
 *   export's value, any other difference is a conflict;
 * - members the export does not state are no one's change: the importer
 *   gives "theirs" the base's values for them (or, without a base, ours).
 *
 * The merge's changes become the preview's places, named for people
 * (rtes-fiche-describe.h). Writing is a separate step, so that nothing is
 * written before a person confirms; it refuses to write over a fiche file
 * that changed since the plan was made.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rtes-fiche-json.h"
#include "rtes-fiche-path.h"
#include "rtes-fiche-describe.h"
#include "rtes-history.h"
#include "rtes-import-error.h"
#include "rtes-import-plan-private.h"
#include "rtes-import-private.h"
#include "rtes-text.h"

struct _RtesImportPlan
{
  GObject parent_instance;

  char            *library_path;
  char            *source;
  char            *format;
  RtesImportStore *store;

  GPtrArray       *fiches;     /* RtesImportPlanFiche*, in export order */
  GHashTable      *by_id;      /* id → RtesImportPlanFiche* (borrowed) */
  GHashTable      *changed;    /* id → GStrv of changed top-level members */
  GPtrArray       *warnings;   /* char* */
  GPtrArray       *written;    /* ids */
  RtesHistory     *history;    /* opened by the first write or records */
};

G_DEFINE_FINAL_TYPE (RtesImportPlan, rtes_import_plan, G_TYPE_OBJECT)

/* ---- records ---- */

static void
place_free (RtesImportPlace *place)
{
  g_free (place->path);
  g_free (place->label);
  g_free (place->here);
  g_free (place->export);
  g_free (place);
}

static void
plan_fiche_free (RtesImportPlanFiche *fiche)
{
  g_free (fiche->id);
  g_free (fiche->name);
  g_ptr_array_unref (fiche->places);
  g_clear_object (&fiche->after);
  g_clear_pointer (&fiche->before, g_bytes_unref);
  g_clear_pointer (&fiche->notes, g_ptr_array_unref);
  g_free (fiche);
}

guint
rtes_import_plan_fiche_count (const RtesImportPlanFiche *fiche,
                              RtesImportPlaceKind        kind)
{
  guint n = 0;

  g_return_val_if_fail (fiche != NULL, 0);
  for (guint i = 0; i < fiche->places->len; i++)
    if (((RtesImportPlace *) g_ptr_array_index (fiche->places, i))->kind == kind)
      n++;
  return n;
}

/* ---- object ---- */

static void
rtes_import_plan_finalize (GObject *object)
{
  RtesImportPlan *self = RTES_IMPORT_PLAN (object);

  g_free (self->library_path);
  g_free (self->source);
  g_free (self->format);
  g_clear_object (&self->store);
  g_ptr_array_unref (self->fiches);
  g_hash_table_unref (self->by_id);
  g_hash_table_unref (self->changed);
  g_ptr_array_unref (self->warnings);
  g_ptr_array_unref (self->written);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (rtes_import_plan_parent_class)->finalize (object);
}

static void
rtes_import_plan_class_init (RtesImportPlanClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rtes_import_plan_finalize;
}

static void
rtes_import_plan_init (RtesImportPlan *self)
{
  self->fiches = g_ptr_array_new_with_free_func ((GDestroyNotify) plan_fiche_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->written = g_ptr_array_new_with_free_func (g_free);
}

RtesImportPlan *
rtes_import_plan_new (const char      *library_path,
                      const char      *source,
                      const char      *format,
                      RtesImportStore *store)
{
  RtesImportPlan *self = g_object_new (RTES_TYPE_IMPORT_PLAN, NULL);

  self->library_path = g_strdup (library_path);
  self->source = g_strdup (source);
  self->format = g_strdup (format);
  self->store = g_object_ref (store);
  return self;
}

const char *
rtes_import_plan_get_source (RtesImportPlan *self)
{
  g_return_val_if_fail (RTES_IS_IMPORT_PLAN (self), NULL);
  return self->source;
}

const char *
rtes_import_plan_get_library_path (RtesImportPlan *self)
{
  g_return_val_if_fail (RTES_IS_IMPORT_PLAN (self), NULL);
  return self->library_path;
}

GPtrArray *
rtes_import_plan_get_fiches (RtesImportPlan *self)
{
  g_return_val_if_fail (RTES_IS_IMPORT_PLAN (self), NULL);
  return self->fiches;
}

RtesImportPlanFiche *
rtes_import_plan_lookup (RtesImportPlan *self,
                         const char     *id)
{
  g_return_val_if_fail (RTES_IS_IMPORT_PLAN (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->by_id, id) : NULL;
}

GPtrArray *
rtes_import_plan_get_warnings (RtesImportPlan *self)
{
  g_return_val_if_fail (RTES_IS_IMPORT_PLAN (self), NULL);
  return self->warnings;
}

GPtrArray *
rtes_import_plan_get_written (RtesImportPlan *self)
{
  g_return_val_if_fail (RTES_IS_IMPORT_PLAN (self), NULL);
  return self->written;
}

guint
rtes_import_plan_count (RtesImportPlan       *self,
                        RtesImportFicheState  state)
{
  guint n = 0;

  g_return_val_if_fail (RTES_IS_IMPORT_PLAN (self), 0);
  for (guint i = 0; i < self->fiches->len; i++)
    if (((RtesImportPlanFiche *) g_ptr_array_index (self->fiches, i))->state == state)
      n++;
  return n;
}

gboolean
rtes_import_plan_has_changes (RtesImportPlan *self)
{
  g_return_val_if_fail (RTES_IS_IMPORT_PLAN (self), FALSE);

  for (guint i = 0; i < self->fiches->len; i++)
    if (((RtesImportPlanFiche *) g_ptr_array_index (self->fiches, i))->after != NULL)
      return TRUE;
  return rtes_import_store_has_changes (self->store);
}

void
rtes_import_plan_add_warning (RtesImportPlan *self,
                              const char     *warning)
{
  g_ptr_array_add (self->warnings, g_strdup (warning));
}

static RtesImportPlanFiche *
add_entry (RtesImportPlan *self,
           const char     *id,
           const char     *name)
{
  RtesImportPlanFiche *fiche = g_new0 (RtesImportPlanFiche, 1);

  fiche->id = g_strdup (id);
  fiche->name = g_strdup (name);
  fiche->places = g_ptr_array_new_with_free_func ((GDestroyNotify) place_free);
  g_ptr_array_add (self->fiches, fiche);
  g_hash_table_insert (self->by_id, fiche->id, fiche);
  return fiche;
}

void
rtes_import_plan_add_skipped (RtesImportPlan *self,
                              const char     *id,
                              const char     *name)
{
  if (g_hash_table_contains (self->by_id, id))
    return;
  add_entry (self, id, name)->state = RTES_IMPORT_FICHE_SKIPPED;
}

/* ---- merging one fiche ---- */

/* The member of the document a path starts in: "contacts" for
 * "contacts[key=x].phone". */
static char *
top_member (const char *path)
{
  gsize n = strcspn (path, ".[");

  return g_strndup (path, n);
}

/* Whether the export states the member @path is in. */
static gboolean
export_states (RtesImportFields  fields,
               const char       *path)
{
  static const struct {
    const char       *member;
    RtesImportFields  field;
  } members[] = {
    { "name", RTES_IMPORT_FIELD_NAME },
    { "status", RTES_IMPORT_FIELD_STATUS },
    { "updated", RTES_IMPORT_FIELD_UPDATED },
    { "kind", RTES_IMPORT_FIELD_KIND },
    { "population", RTES_IMPORT_FIELD_POPULATION },
    { "population_note", RTES_IMPORT_FIELD_POPULATION },
    { "member_since", RTES_IMPORT_FIELD_MEMBER_SINCE },
    { "address", RTES_IMPORT_FIELD_ADDRESS },
    { "region", RTES_IMPORT_FIELD_REGION },
    { "panorama", RTES_IMPORT_FIELD_PANORAMA },
    { "budget", RTES_IMPORT_FIELD_BUDGET },
    { "programme", RTES_IMPORT_FIELD_PROGRAMME },
    { "actions", RTES_IMPORT_FIELD_ACTIONS },
    { "contacts", RTES_IMPORT_FIELD_CONTACTS },
  };
  g_autofree char *top = top_member (path);

  if (fields & RTES_IMPORT_FIELD_DOCUMENT)
    return TRUE;
  if (g_str_equal (top, RTES_IMPORT_NOTES_MEMBER))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (g_str_equal (members[i].member, top))
      return (fields & members[i].field) != 0;
  return FALSE;
}

typedef struct {
  RtesImportPlanFiche *entry;
  JsonNode            *name_doc;    /* where items are named: the merged document */
  JsonNode            *name_other;  /* and, for items gone from it, the base or ours */
} Describe;

static void
add_place (Describe            *d,
           RtesImportPlaceKind  kind,
           const char          *path,
           gboolean             order,
           JsonNode            *here,
           JsonNode            *export)
{
  RtesImportPlace *place = g_new0 (RtesImportPlace, 1);

  place->kind = kind;
  place->path = g_strdup (path);
  place->label = rtes_fiche_describe_place (path, order, d->name_doc, d->name_other);
  place->here = rtes_fiche_describe_value (path, here);
  place->export = rtes_fiche_describe_value (path, export);
  place->item = !order && g_str_has_suffix (path, "]");
  place->here_absent = here == NULL;
  place->export_absent = export == NULL;
  g_ptr_array_add (d->entry->places, place);
}

static gboolean
has_path (GPtrArray  *conflicts,
          const char *path)
{
  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    if (g_strcmp0 (((RtesConflict *) g_ptr_array_index (conflicts, i))->path, path) == 0)
      return TRUE;
  return FALSE;
}

/* Without a base the merge calls every difference a conflict. Ours are
 * never overwritten, but a place empty here takes the export's value, and
 * one empty in the export keeps ours: neither is a conflict. Returns the
 * conflicts left. */
static GPtrArray *
settle_without_base (RtesMergeResult *result,
                     Describe        *d,
                     RtesImportFields fields)
{
  GPtrArray *left = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_conflict_free);

  for (guint i = 0; i < result->conflicts->len; i++)
    {
      RtesConflict *c = g_ptr_array_index (result->conflicts, i);

      if (rtes_fiche_value_is_empty (c->mine) && !rtes_fiche_value_is_empty (c->theirs)
          && rtes_fiche_path_set (result->merged, c->path, c->theirs, NULL))
        add_place (d, RTES_IMPORT_PLACE_FILLED, c->path, FALSE, c->mine, c->theirs);
      else if (rtes_fiche_value_is_empty (c->theirs))
        {
          if (export_states (fields, c->path))
            add_place (d, RTES_IMPORT_PLACE_KEPT, c->path, FALSE, c->mine, c->theirs);
        }
      else
        g_ptr_array_add (left, rtes_conflict_copy (c));
    }
  return left;
}

/* What the merge did, as places: taken from the export (filled when the
 * place was empty here), kept because changed here. */
static void
describe_changes (RtesMergeResult *result,
                  Describe        *d,
                  RtesImportFields fields,
                  GPtrArray       *open_conflicts)
{
  for (guint i = 0; i < result->changes->len; i++)
    {
      RtesMergeChange *change = g_ptr_array_index (result->changes, i);
      JsonNode *merged;

      switch ((int) change->side)
        {
        case RTES_MERGE_SIDE_THEIRS:
          add_place (d, !change->order && rtes_fiche_value_is_empty (change->mine)
                        ? RTES_IMPORT_PLACE_FILLED : RTES_IMPORT_PLACE_CHANGED,
                     change->path, change->order, change->mine, change->theirs);
          break;
        case RTES_MERGE_SIDE_MINE:
          /* Dates are bookkeeping; an open conflict is listed as such. */
          if (g_str_equal (change->path, "updated") || has_path (open_conflicts, change->path)
              || !export_states (fields, change->path))
            break;
          add_place (d, RTES_IMPORT_PLACE_KEPT, change->path, change->order, change->mine, change->theirs);
          break;
        case RTES_MERGE_SIDE_BOTH:
        default:
          /* The same change on both sides is no news; a later date or the
           * union of tags is. */
          merged = change->order ? NULL : rtes_fiche_path_get (result->merged, change->path);
          if (merged != NULL && !rtes_fiche_merge_values_equal (merged, change->mine))
            add_place (d, RTES_IMPORT_PLACE_CHANGED, change->path, FALSE, change->mine, merged);
          break;
        }
    }
}

/* The open conflicts of @id after this import: this merge's (with the
 * base of an older record of the same place, the real common ancestor),
 * and older ones the merge did not settle (the values still differ). */
static GPtrArray *
update_conflicts (RtesImportPlan *self,
                  const char     *id,
                  GPtrArray      *found,
                  JsonNode       *merged,
                  JsonNode       *theirs)
{
  g_autoptr(GPtrArray) old = rtes_import_store_get_conflicts (self->store, id);
  GPtrArray *open = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_conflict_free);

  for (guint i = 0; i < found->len; i++)
    {
      RtesConflict *c = g_ptr_array_index (found, i);
      RtesConflict *before = rtes_import_store_lookup_conflict (self->store, id, c->path);

      g_ptr_array_add (open, rtes_conflict_new (id, c->path, before ? before->base : c->base, c->mine, c->theirs));
    }
  for (guint i = 0; i < old->len; i++)
    {
      RtesConflict *o = g_ptr_array_index (old, i);
      JsonNode *mine_value = rtes_fiche_path_get (merged, o->path);
      JsonNode *theirs_value = rtes_fiche_path_get (theirs, o->path);

      if (!has_path (found, o->path) && !rtes_fiche_merge_values_equal (mine_value, theirs_value))
        g_ptr_array_add (open, rtes_conflict_new (id, o->path, o->base, mine_value, theirs_value));
    }
  return open;
}

/* Top-level members whose value differs between @before and @after. */
static GStrv
changed_members (JsonNode *before,
                 JsonNode *after)
{
  JsonObject *oa = json_node_get_object (before);
  JsonObject *ob = json_node_get_object (after);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GList) members = json_object_get_members (ob);
  g_autoptr(GList) old_members = json_object_get_members (oa);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *na = json_object_get_member (oa, l->data);

      if (na == NULL || !json_node_equal (na, json_object_get_member (ob, l->data)))
        g_strv_builder_add (builder, l->data);
    }
  for (GList *l = old_members; l != NULL; l = l->next)
    if (!json_object_has_member (ob, l->data))
      g_strv_builder_add (builder, l->data);
  return g_strv_builder_end (builder);
}

/* Conflicts first, then what the export brings, then what stays ours;
 * in document order within each (the sort is stable). */
static int
compare_places (gconstpointer a,
                gconstpointer b)
{
  static const int rank[] = {
    [RTES_IMPORT_PLACE_CONFLICT] = 0,
    [RTES_IMPORT_PLACE_FILLED] = 1,
    [RTES_IMPORT_PLACE_CHANGED] = 1,
    [RTES_IMPORT_PLACE_KEPT] = 2,
  };
  const RtesImportPlace *pa = *(RtesImportPlace * const *) a;
  const RtesImportPlace *pb = *(RtesImportPlace * const *) b;

  return rank[pa->kind] - rank[pb->kind];
}

static GBytes *
fiche_bytes (RtesFiche *fiche)
{
  gsize length;
  char *data = rtes_fiche_to_data (fiche, &length);

  return g_bytes_new_take (data, length);
}

static void
add_new_fiche (RtesImportPlan *self,
               const char     *id,
               RtesFiche      *theirs,
               GPtrArray      *notes)
{
  RtesImportPlanFiche *entry = add_entry (self, id, rtes_fiche_get_name (theirs));
  g_autoptr(JsonNode) document = rtes_fiche_to_json (theirs);

  entry->state = RTES_IMPORT_FICHE_NEW;
  entry->after = rtes_fiche_copy (theirs);
  entry->notes = notes != NULL ? g_ptr_array_ref (notes) : NULL;
  rtes_import_store_set_base (self->store, id, document, NULL);
}

gboolean
rtes_import_plan_add_fiche (RtesImportPlan   *self,
                            const char       *id,
                            RtesFiche        *mine,
                            RtesFiche        *theirs,
                            JsonNode         *base,
                            RtesImportFields  fields,
                            gboolean          date_given,
                            GDateTime        *now,
                            GPtrArray        *notes)
{
  g_autoptr(JsonNode) mine_doc = NULL;
  g_autoptr(JsonNode) theirs_doc = NULL;
  g_autoptr(JsonNode) merged_doc = NULL;
  g_autoptr(RtesMergeResult) result = NULL;
  g_autoptr(RtesFiche) merged = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source = g_strconcat (id, ".json", NULL);
  RtesImportPlanFiche *entry;
  Describe d = { NULL, };
  gboolean changed;

  g_return_val_if_fail (RTES_IS_IMPORT_PLAN (self), FALSE);
  g_return_val_if_fail (rtes_id_is_valid (id), FALSE);

  if (mine == NULL)
    {
      add_new_fiche (self, id, theirs, notes);
      return TRUE;
    }

  mine_doc = rtes_fiche_to_json (mine);
  theirs_doc = rtes_fiche_to_json (theirs);
  result = rtes_fiche_merge (id, base, mine_doc, theirs_doc);

  entry = add_entry (self, id, rtes_fiche_get_name (mine));
  entry->has_base = result->has_base;
  entry->notes = notes != NULL ? g_ptr_array_ref (notes) : NULL;
  d.entry = entry;
  d.name_doc = result->merged;
  d.name_other = base != NULL ? base : mine_doc;

  if (result->has_base)
    found = g_ptr_array_ref (result->conflicts);
  else
    found = settle_without_base (result, &d, fields);

  /* Nothing new in the export since the last import: ours stays as it
   * is (the common case of an export imported again). */
  if (result->has_base && !result->theirs_changed)
    {
      g_autoptr(GPtrArray) open_now = update_conflicts (self, id, found, mine_doc, result->theirs_keyed);

      describe_changes (result, &d, fields, open_now);
      g_ptr_array_sort (entry->places, compare_places);
      rtes_import_store_set_base (self->store, id, result->theirs_keyed, NULL);
      rtes_import_store_set_conflicts (self->store, id, open_now);
      entry->open_conflicts = open_now->len;
      entry->state = RTES_IMPORT_FICHE_UNCHANGED;
      return TRUE;
    }

  merged = rtes_fiche_new_from_json (result->merged, source, NULL, &error);
  if (merged == NULL)
    {
      g_autofree char *warning = g_strdup_printf (_("%s: “%s” was not imported: the merged fiche is not valid: %s"),
                                                  self->source, rtes_fiche_get_name (mine), error->message);

      rtes_import_plan_add_warning (self, warning);
      g_ptr_array_set_size (entry->places, 0);
      entry->state = RTES_IMPORT_FICHE_SKIPPED;
      return FALSE;
    }
  merged_doc = rtes_fiche_to_json (merged);
  changed = !json_node_equal (merged_doc, mine_doc);
  /* The content changed and the export did not say when: today. */
  if (changed && !date_given)
    {
      rtes_fiche_touch (merged, now);
      g_clear_pointer (&merged_doc, json_node_unref);
      merged_doc = rtes_fiche_to_json (merged);
    }

  open = update_conflicts (self, id, found, merged_doc, result->theirs_keyed);
  describe_changes (result, &d, fields, open);
  for (guint i = 0; i < found->len; i++)
    {
      RtesConflict *c = g_ptr_array_index (found, i);

      add_place (&d, RTES_IMPORT_PLACE_CONFLICT, c->path, FALSE, c->mine, c->theirs);
    }

  g_ptr_array_sort (entry->places, compare_places);

  rtes_import_store_set_base (self->store, id, result->theirs_keyed, NULL);
  rtes_import_store_set_conflicts (self->store, id, open);
  entry->open_conflicts = open->len;

  if (changed)
    {
      entry->before = fiche_bytes (mine);
      g_hash_table_insert (self->changed, g_strdup (id), changed_members (mine_doc, merged_doc));
      entry->after = g_steal_pointer (&merged);
      g_free (entry->name);
      entry->name = g_strdup (rtes_fiche_get_name (entry->after));
    }
  if (found->len > 0)
    entry->state = RTES_IMPORT_FICHE_CONFLICTS;
  else
    entry->state = changed ? RTES_IMPORT_FICHE_CHANGED : RTES_IMPORT_FICHE_UNCHANGED;
  return TRUE;
}

/* ---- writing ---- */

/* A merged fiche may outgrow what a fiche file may hold, though neither
 * side did: it is not written, since no load would take it back. */
static gboolean
check_size (RtesImportPlanFiche  *fiche,
            RtesLibraryDir       *dir,
            GError              **error)
{
  g_autofree char *name = g_strconcat (fiche->id, ".json", NULL);
  g_autofree char *path = rtes_library_dir_display (dir, name);
  g_autoptr(GError) local_error = NULL;

  if (rtes_fiche_check_size (fiche->after, path, &local_error))
    return TRUE;
  g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_WRITE,
               _("%s: nothing was written"), local_error->message);
  return FALSE;
}

/* The file must hold what the plan was made from (or not exist, for a
 * new fiche); compared in canonical form, as the workspace does. */
static gboolean
file_as_planned (RtesImportPlan      *self,
                 RtesImportPlanFiche *fiche,
                 GError             **error)
{
  RtesLibraryDir *dir = rtes_import_store_get_library_dir (self->store);
  g_autofree char *name = g_strconcat (fiche->id, ".json", NULL);
  g_autofree char *path = rtes_library_dir_display (dir, name);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(RtesFiche) current = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  data = rtes_import_read_file (dir, name, RTES_JSON_MAX_FICHE_SIZE, &length, &local_error);
  if (data == NULL && fiche->before == NULL
      && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return TRUE;
  if (data != NULL && fiche->before != NULL)
    current = rtes_fiche_new_from_data (data, length, path, NULL);
  if (current != NULL)
    bytes = fiche_bytes (current);
  if (bytes == NULL || !g_bytes_equal (bytes, fiche->before))
    {
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_CHANGED,
                   _("“%s” changed since the import was prepared (%s): nothing was written, "
                     "import again"), fiche->name, path);
      return FALSE;
    }
  return TRUE;
}

/* ---- the history ---- */

/* The import's name in the history: the file, or the address it came from. */
static char *
history_detail (RtesImportPlan *self)
{
  if (self->source == NULL)
    return NULL;
  if (strstr (self->source, "://") != NULL)
    return g_strdup (self->source);
  return g_path_get_basename (self->source);
}

static RtesHistory *
plan_history (RtesImportPlan *self)
{
  g_autoptr(GError) error = NULL;

  if (self->history == NULL)
    {
      self->history = rtes_history_open (self->library_path, &error);
      if (self->history == NULL)
        g_message ("%s", error->message);
    }
  return self->history;
}

/* The import wrote @data in the file of @fiche: a revision. */
static void
record_written (RtesImportPlan      *self,
                RtesImportPlanFiche *fiche,
                const char          *data)
{
  RtesHistory *history = plan_history (self);
  g_autofree char *detail = history_detail (self);
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;

  if (history == NULL)
    return;
  if (fiche->before != NULL)
    before = g_strndup (g_bytes_get_data (fiche->before, NULL), g_bytes_get_size (fiche->before));
  if (rtes_history_record (history, fiche->id, before, data, RTES_CHANGE_ORIGIN_IMPORT, detail, &error) == 0
      && error != NULL)
    g_message ("History of %s: %s", fiche->id, error->message);
}

/* The window's documents wrote the fiches (and the history recorded them
 * as imported): the import's name is added to those revisions. */
static void
annotate_written (RtesImportPlan *self)
{
  g_autofree char *detail = history_detail (self);
  RtesHistory *history = NULL;

  for (guint i = 0; i < self->fiches->len; i++)
    {
      RtesImportPlanFiche *fiche = g_ptr_array_index (self->fiches, i);
      g_autofree char *data = NULL;

      if (fiche->after == NULL)
        continue;
      if (history == NULL && (history = plan_history (self)) == NULL)
        return;
      data = rtes_fiche_to_data (fiche->after, NULL);
      rtes_history_annotate (history, fiche->id, data, RTES_CHANGE_ORIGIN_IMPORT, detail, NULL);
    }
}

/* Fiches written at most this many at a time: each holds its temporary
 * file open until the batch is committed. */
#define WRITE_BATCH 256

/* Renames the batch's files into place (one flush for all of them, see
 * rtes_atomic_batch_commit()) and records those that were. */
static gboolean
commit_batch (RtesImportPlan   *self,
              RtesAtomicBatch  *batch,
              GPtrArray        *fiches,
              GPtrArray        *datas,
              GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  guint renamed = 0;
  gboolean ok = rtes_atomic_batch_commit (batch, &renamed, &local_error);

  for (guint i = 0; i < renamed; i++)
    {
      RtesImportPlanFiche *fiche = g_ptr_array_index (fiches, i);

      g_ptr_array_add (self->written, g_strdup (fiche->id));
      record_written (self, fiche, g_ptr_array_index (datas, i));
    }
  g_ptr_array_set_size (fiches, 0);
  g_ptr_array_set_size (datas, 0);
  if (!ok)
    g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_WRITE,
                 _("Could not write a fiche: %s (%u fiches were written before this one)"),
                 local_error->message, self->written->len);
  return ok;
}

/* Writes every fiche the plan changes, durably but without a flush per
 * fiche: the import of thousands of fiches was mostly waiting for fsync
 * (docs/performance.md). Each fiche's file is replaced whole or not at
 * all; the folder is flushed before the bases are recorded, since a base
 * that reached the disk before its fiche would hide the export's changes
 * from the next import. */
static gboolean
write_fiches (RtesImportPlan  *self,
              RtesLibraryDir  *dir,
              GError         **error)
{
  g_autoptr(RtesAtomicBatch) batch = rtes_library_dir_batch_new (dir, NULL, error);
  g_autoptr(GPtrArray) fiches = g_ptr_array_new ();
  g_autoptr(GPtrArray) datas = g_ptr_array_new_with_free_func (g_free);

  if (batch == NULL)
    return FALSE;
  for (guint i = 0; i < self->fiches->len; i++)
    {
      RtesImportPlanFiche *fiche = g_ptr_array_index (self->fiches, i);
      g_autofree char *name = NULL;
      g_autofree char *data = NULL;
      g_autoptr(GError) local_error = NULL;
      gsize length;

      if (fiche->after == NULL)
        continue;
      /* Ids come from rtes_id_from_name() or a validated document. */
      g_assert (rtes_id_is_valid (fiche->id));
      name = g_strconcat (fiche->id, ".json", NULL);
      data = rtes_fiche_to_data (fiche->after, &length);
      if (!rtes_library_dir_batch_add (dir, batch, NULL, name, data, length, &local_error))
        {
          g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_WRITE,
                       _("Could not write a fiche: %s (%u fiches were written before this one)"),
                       local_error->message, self->written->len);
          return FALSE;
        }
      g_ptr_array_add (fiches, fiche);
      g_ptr_array_add (datas, g_steal_pointer (&data));
      if (fiches->len == WRITE_BATCH && !commit_batch (self, batch, fiches, datas, error))
        return FALSE;
    }
  return commit_batch (self, batch, fiches, datas, error);
}

gboolean
rtes_import_plan_write (RtesImportPlan  *self,
                        GCancellable    *cancellable,
                        GError         **error)
{
  RtesLibraryDir *dir;

  g_return_val_if_fail (RTES_IS_IMPORT_PLAN (self), FALSE);

  dir = rtes_import_store_get_library_dir (self->store);
  for (guint i = 0; i < self->fiches->len; i++)
    {
      RtesImportPlanFiche *fiche = g_ptr_array_index (self->fiches, i);

      if (fiche->after == NULL)
        continue;
      /* Everything checked before anything is written: a fiche the next
       * load would refuse stops the import here. */
      if (!file_as_planned (self, fiche, error))
        return FALSE;
      if (!check_size (fiche, dir, error))
        return FALSE;
    }
  /* The last moment a cancel can leave the library as it was. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!write_fiches (self, dir, error))
    return FALSE;
  return rtes_import_plan_save_records (self, error);
}

/* Brings @library's list up to date with the files written; its thread. */
static void
rtes_import_plan_refresh_library (RtesImportPlan *self,
                                  RtesLibrary    *library)
{
  g_return_if_fail (RTES_IS_IMPORT_PLAN (self));
  g_return_if_fail (RTES_IS_LIBRARY (library));

  for (guint i = 0; i < self->written->len; i++)
    {
      g_autoptr(GError) error = NULL;
      const char *id = g_ptr_array_index (self->written, i);

      if (rtes_library_reload (library, id, &error) == NULL)
        g_warning ("Could not reload %s after import: %s", id, error->message);
    }
}

gboolean
rtes_import_plan_commit (RtesImportPlan  *self,
                         RtesLibrary     *library,
                         GError         **error)
{
  gboolean ok;

  g_return_val_if_fail (RTES_IS_IMPORT_PLAN (self), FALSE);

  ok = rtes_import_plan_write (self, NULL, error);
  /* Even a failed write may have written some files: list them. */
  rtes_import_plan_refresh_library (self, library);
  return ok;
}

gboolean
rtes_import_plan_save_records (RtesImportPlan  *self,
                               GError         **error)
{
  g_return_val_if_fail (RTES_IS_IMPORT_PLAN (self), FALSE);
  if (!rtes_import_store_save (self->store, error))
    return FALSE;
  annotate_written (self);
  return TRUE;
}

/* ---- the report of older callers ---- */

RtesImportReport *
rtes_import_plan_to_report (RtesImportPlan *self,
                            gboolean        dry_run)
{
  RtesImportReport *report;

  g_return_val_if_fail (RTES_IS_IMPORT_PLAN (self), NULL);

  report = rtes_import_report_new (self->source, self->format, dry_run);
  for (guint i = 0; i < self->warnings->len; i++)
    rtes_import_report_add_warning (report, g_ptr_array_index (self->warnings, i));
  for (guint i = 0; i < self->fiches->len; i++)
    {
      RtesImportPlanFiche *fiche = g_ptr_array_index (self->fiches, i);
      RtesImportAction action;

      if (fiche->state == RTES_IMPORT_FICHE_SKIPPED)
        action = RTES_IMPORT_SKIPPED;
      else if (fiche->state == RTES_IMPORT_FICHE_NEW)
        action = RTES_IMPORT_CREATED;
      else if (fiche->after != NULL)
        action = RTES_IMPORT_UPDATED;
      else
        action = RTES_IMPORT_UNCHANGED;
      rtes_import_report_add_fiche (report, fiche->id, action,
                                    g_hash_table_lookup (self->changed, fiche->id));
      rtes_import_report_add_notes (report, fiche->id, fiche->notes);
    }
  return report;
}

/* ---- the preview ---- */

char *
rtes_import_plan_format_summary (RtesImportPlan *self)
{
  guint n_new, n_changed, n_conflicts, n_unchanged, n_skipped;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *u = NULL;

  g_return_val_if_fail (RTES_IS_IMPORT_PLAN (self), NULL);

  n_new = rtes_import_plan_count (self, RTES_IMPORT_FICHE_NEW);
  n_changed = rtes_import_plan_count (self, RTES_IMPORT_FICHE_CHANGED);
  n_conflicts = rtes_import_plan_count (self, RTES_IMPORT_FICHE_CONFLICTS);
  n_unchanged = rtes_import_plan_count (self, RTES_IMPORT_FICHE_UNCHANGED);
  n_skipped = rtes_import_plan_count (self, RTES_IMPORT_FICHE_SKIPPED);

  /* Translators: parts of "1 new fiche, 2 changed, 1 with conflicts, 3
   * unchanged"; they count fiches ("fiche" is feminine in French). */
  a = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new fiche", "%u new fiches", n_new), n_new);
  b = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u changed", "%u changed", n_changed), n_changed);
  c = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u with conflicts", "%u with conflicts", n_conflicts),
                       n_conflicts);
  u = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unchanged", "%u unchanged", n_unchanged), n_unchanged);
  if (n_skipped > 0)
    {
      g_autofree char *s = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u skipped", "%u skipped", n_skipped),
                                            n_skipped);

      return g_strdup_printf ("%s, %s, %s, %s, %s", a, b, c, u, s);
    }
  return g_strdup_printf ("%s, %s, %s, %s", a, b, c, u);
}

static void
append_item_place (GString               *out,
                   const RtesImportPlace *place)
{
  switch (place->kind)
    {
    case RTES_IMPORT_PLACE_FILLED:
      /* Translators: a contact or budget line the export adds */
      g_string_append_printf (out, _("    Added from the export: %s\n"), place->label);
      break;
    case RTES_IMPORT_PLACE_CHANGED:
      g_string_append_printf (out, place->export_absent ? _("    Removed, as in the export: %s\n")
                                                        : _("    Changed: %s\n"), place->label);
      break;
    case RTES_IMPORT_PLACE_KEPT:
      g_string_append_printf (out, place->here_absent ? _("    Kept removed (removed here): %s\n")
                                                      : place->export_absent ? _("    Kept (added here): %s\n")
                                                                             : _("    Kept (changed here): %s\n"),
                              place->label);
      break;
    case RTES_IMPORT_PLACE_CONFLICT:
    default:
      g_string_append_printf (out, _("    Conflict: %s\n"), place->label);
      g_string_append_printf (out, _("      In the export: %s\n"),
                              place->export_absent ? _("removed") : place->export);
      g_string_append_printf (out, _("      Here: %s\n"), place->here_absent ? _("removed") : place->here);
      break;
    }
}

static void
append_place (GString               *out,
              const RtesImportPlace *place)
{
  if (place->item)
    {
      append_item_place (out, place);
      return;
    }
  switch (place->kind)
    {
    case RTES_IMPORT_PLACE_FILLED:
      /* Translators: a place empty here that the export fills: "Population: 14 000" */
      g_string_append_printf (out, _("    Filled: %s: %s\n"), place->label, place->export);
      break;
    case RTES_IMPORT_PLACE_CHANGED:
      /* Translators: "Programme: old text → new text" */
      g_string_append_printf (out, _("    Changed: %s: %s → %s\n"), place->label, place->here, place->export);
      break;
    case RTES_IMPORT_PLACE_KEPT:
      g_string_append_printf (out, _("    Kept (changed here): %s: %s\n"), place->label, place->here);
      break;
    case RTES_IMPORT_PLACE_CONFLICT:
    default:
      g_string_append_printf (out, _("    Conflict: %s\n"), place->label);
      g_string_append_printf (out, _("      In the export: %s\n"), place->export);
      g_string_append_printf (out, _("      Here: %s\n"), place->here);
      break;
    }
}

static void
append_fiche_line (GString                   *out,
                   const RtesImportPlanFiche *fiche)
{
  /* Translators: a fiche by name, then its id: "Dijon Métropole (dijon-metropole)" */
  g_string_append_printf (out, _("  %s (%s)\n"), fiche->name, fiche->id);
}

static void
append_section (GString              *out,
                RtesImportPlan       *self,
                RtesImportFicheState  state,
                const char           *heading,
                gboolean              details)
{
  if (rtes_import_plan_count (self, state) == 0)
    return;
  g_string_append_printf (out, "%s\n", heading);
  for (guint i = 0; i < self->fiches->len; i++)
    {
      RtesImportPlanFiche *fiche = g_ptr_array_index (self->fiches, i);

      if (fiche->state != state)
        continue;
      append_fiche_line (out, fiche);
      if (!details)
        continue;
      if (!fiche->has_base && rtes_import_plan_fiche_count (fiche, RTES_IMPORT_PLACE_CONFLICT) > 0)
        g_string_append_printf (out, "    %s\n",
                                _("(never imported by this version: no value here is overwritten)"));
      for (guint j = 0; j < fiche->places->len; j++)
        append_place (out, g_ptr_array_index (fiche->places, j));
      if (fiche->open_conflicts > rtes_import_plan_fiche_count (fiche, RTES_IMPORT_PLACE_CONFLICT))
        {
          guint older = fiche->open_conflicts - rtes_import_plan_fiche_count (fiche, RTES_IMPORT_PLACE_CONFLICT);

          g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                    "    %u conflict of an earlier import still to resolve\n",
                                                    "    %u conflicts of earlier imports still to resolve\n",
                                                    older), older);
        }
    }
}

char *
rtes_import_plan_format_preview (RtesImportPlan *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *summary = NULL;
  gboolean any_notes = FALSE;

  g_return_val_if_fail (RTES_IS_IMPORT_PLAN (self), NULL);

  summary = rtes_import_plan_format_summary (self);
  /* Translators: "Import of export.txt: 1 new fiche, 2 changed, …" */
  g_string_append_printf (out, _("Import of %s: %s\n"), self->source, summary);
  append_section (out, self, RTES_IMPORT_FICHE_NEW, _("New fiches:"), FALSE);
  append_section (out, self, RTES_IMPORT_FICHE_CHANGED, _("Changed:"), TRUE);
  append_section (out, self, RTES_IMPORT_FICHE_CONFLICTS, _("With conflicts (the values here are kept):"), TRUE);
  append_section (out, self, RTES_IMPORT_FICHE_UNCHANGED, _("Unchanged:"), TRUE);
  append_section (out, self, RTES_IMPORT_FICHE_SKIPPED, _("Skipped (file could not be read):"), FALSE);

  for (guint i = 0; i < self->fiches->len; i++)
    {
      RtesImportPlanFiche *fiche = g_ptr_array_index (self->fiches, i);

      if (fiche->notes == NULL || fiche->notes->len == 0)
        continue;
      if (!any_notes)
        g_string_append_printf (out, "%s\n", _("Text that fits no field, kept in the fiche:"));
      any_notes = TRUE;
      append_fiche_line (out, fiche);
      for (guint j = 0; j < fiche->notes->len; j++)
        g_string_append_printf (out, "    %s\n", (const char *) g_ptr_array_index (fiche->notes, j));
    }

  if (self->warnings->len > 0)
    g_string_append_printf (out, "%s\n", _("Warnings:"));
  for (guint i = 0; i < self->warnings->len; i++)
    g_string_append_printf (out, "  %s\n", (const char *) g_ptr_array_index (self->warnings, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}
