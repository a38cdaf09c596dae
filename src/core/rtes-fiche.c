/* rtes-fiche.c: the fiche of one member collectivity
 *
 * RtesFiche holds every member of the rtes-fiche format as typed fields,
 * plus the members it does not know so that they survive a save. It emits
 * ::changed after any edit, including edits of its contacts and budget
 * lines, which is what the window's autosave, journal and undo hang on.
 *
 * Reading and writing JSON (and so copying and comparing, which go
 * through the document) lives in rtes-fiche-json.c, checks in
 * rtes-validation.c, the summary a library lists in rtes-fiche-summary.c:
 * this file is only the in-memory model, and knows none of them.
 *
 * A fiche a library lists from its index (rtes_fiche_new_listed()) starts
 * with only what the list shows; the first getter or setter of anything
 * else reads its file, once, and fills the same object in, so that no
 * code can see or save a half-read fiche and the object the list and the
 * editor hold never changes. That is what lets a window list ten
 * thousand fiches without reading ten thousand files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-fiche.h"
#include "rtes-core-private.h"
#include "rtes-text.h"

struct _RtesFiche
{
  GObject     parent_instance;

  /* Identity */
  char       *id;
  char       *name;
  char       *status;
  char       *kind;            /* nullable */
  char       *region;          /* nullable */
  gint64      population;      /* RTES_NO_NUMBER: null */
  char       *population_note;
  gint64      member_since;    /* RTES_NO_NUMBER: null */
  char       *updated;         /* nullable, YYYY-MM-DD */

  /* Address */
  GStrv       address_lines;
  char       *postcode;
  char       *city;
  char       *country;

  /* Fiche text sections */
  char       *panorama;
  char       *budget_text;
  char       *programme;
  char       *actions;

  GStrv       tags;
  GListStore *budget_lines;
  GListStore *contacts;

  /* Members this version does not know, written back unchanged */
  JsonObject *extra;
  JsonObject *address_extra;
  JsonObject *budget_extra;

  /* State that is not part of the document */
  GError     *load_error;
  char       *listed_path;     /* the file to read, while only listed */
  RtesFicheLoadFunc load;      /* how to read it (rtes_fiche_load()) */
  gboolean    loading;         /* reading it (under load_lock) */
  gboolean    filling;         /* taking a file's contents: no ::changed */

  /* Caches, cleared on ::changed (a listed fiche has them from its summary) */
  char       *search_text;
  int         filled;          /* rtes_fiche_count_filled(), -1: not known */
  int         blocking;        /* rtes_review_count_blocking(), -1: not known */
  GArray     *budget_figures;
};

G_DEFINE_FINAL_TYPE (RtesFiche, rtes_fiche, G_TYPE_OBJECT)
G_DEFINE_QUARK (rtes-fiche-error-quark, rtes_fiche_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_STATUS,
  PROP_KIND,
  PROP_REGION,
  PROP_POPULATION_NOTE,
  PROP_UPDATED,
  PROP_POSTCODE,
  PROP_CITY,
  PROP_COUNTRY,
  PROP_PANORAMA,
  PROP_BUDGET_TEXT,
  PROP_PROGRAMME,
  PROP_ACTIONS,
  /* the string properties above share one setter */
  PROP_POPULATION,
  PROP_MEMBER_SINCE,
  PROP_ADDRESS_LINES,
  PROP_TAGS,
  PROP_BUDGET_LINES,
  PROP_CONTACTS,
  PROP_LISTED_PATH,
  N_PROPS
};

#define FIRST_STRING_PROP PROP_ID
#define LAST_STRING_PROP  PROP_ACTIONS

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char **
string_field (RtesFiche *self,
              guint      prop_id)
{
  switch (prop_id)
    {
    case PROP_ID: return &self->id;
    case PROP_NAME: return &self->name;
    case PROP_STATUS: return &self->status;
    case PROP_KIND: return &self->kind;
    case PROP_REGION: return &self->region;
    case PROP_POPULATION_NOTE: return &self->population_note;
    case PROP_UPDATED: return &self->updated;
    case PROP_POSTCODE: return &self->postcode;
    case PROP_CITY: return &self->city;
    case PROP_COUNTRY: return &self->country;
    case PROP_PANORAMA: return &self->panorama;
    case PROP_BUDGET_TEXT: return &self->budget_text;
    case PROP_PROGRAMME: return &self->programme;
    case PROP_ACTIONS: return &self->actions;
    default: return NULL;
    }
}

static gboolean
is_nullable (guint prop_id)
{
  return prop_id == PROP_KIND || prop_id == PROP_REGION || prop_id == PROP_UPDATED;
}

/* Recursive: taking a file's contents goes through the setters, which
 * ask again whether the fiche is read. */
static GRecMutex load_lock;

static void take_contents (RtesFiche *self, RtesFiche *from);
static void create_containers (RtesFiche *self);
static void rtes_fiche_constructed (GObject *object);

/* Reads the file of a listed fiche into it, the first time anything that
 * only the file has is asked for. */
static void
ensure_loaded (RtesFiche *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(RtesFiche) loaded = NULL;
  g_autoptr(GError) error = NULL;

  if (G_LIKELY (g_atomic_pointer_get (&self->listed_path) == NULL))
    return;
  /* Two threads may ask at once (a copy for an export): one reads, the
   * other waits until the fiche is whole, for until then it has no lists. */
  g_rec_mutex_lock (&load_lock);
  if (self->listed_path == NULL || self->loading)
    {
      g_rec_mutex_unlock (&load_lock);
      return;
    }
  self->loading = TRUE;
  file = g_file_new_for_path (self->listed_path);
  loaded = self->load (file, &error);
  if (loaded == NULL)
    loaded = rtes_fiche_new_broken (self->id, error);
  take_contents (self, loaded);
  self->loading = FALSE;
  g_free (g_atomic_pointer_exchange (&self->listed_path, NULL));
  g_rec_mutex_unlock (&load_lock);
}

static void
clear_caches (RtesFiche *self)
{
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->budget_figures, g_array_unref);
  self->filled = -1;
  self->blocking = -1;
}

static void
emit_changed (RtesFiche *self)
{
  if (self->filling)
    return;
  clear_caches (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
notify_changed (RtesFiche *self,
                guint      prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  emit_changed (self);
}

static void
set_string (RtesFiche  *self,
            guint       prop_id,
            const char *value)
{
  ensure_loaded (self);
  /* Nullable members take "" from a form as null: an empty kind or date
   * means "not said", and null is how the format says it. */
  if (is_nullable (prop_id) && value != NULL && value[0] == '\0')
    value = NULL;
  if (!is_nullable (prop_id) && value == NULL)
    value = "";
  if (rtes_set_str (string_field (self, prop_id), value))
    notify_changed (self, prop_id);
}

static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || !a[0]) && (b == NULL || !b[0]);
  return g_strv_equal (a, b);
}

static void
set_strv (RtesFiche           *self,
          GStrv               *field,
          const char * const  *value,
          guint                prop_id)
{
  ensure_loaded (self);
  if (strv_equal ((const char * const *) *field, value))
    return;
  g_strfreev (*field);
  *field = value ? g_strdupv ((char **) value) : g_new0 (char *, 1);
  notify_changed (self, prop_id);
}

static void
item_notify_cb (GObject    *item,
                GParamSpec *pspec,
                RtesFiche  *self)
{
  /* A contact removed from the list (kept alive by an undo toast, say)
   * is no longer part of this fiche. */
  GListStore *store = RTES_IS_CONTACT (item) ? self->contacts : self->budget_lines;
  guint position;

  if (g_list_store_find (store, item, &position))
    emit_changed (self);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  RtesFiche  *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      /* Reordering removes and re-adds an item: connect it only once. */
      g_signal_handlers_disconnect_by_func (item, item_notify_cb, self);
      g_signal_connect_object (item, "notify", G_CALLBACK (item_notify_cb), self, 0);
    }
  if (removed > 0 || added > 0)
    emit_changed (self);
}

/* Moves @from's contents into @self, a listed fiche being read: no
 * ::changed for what the summary already said, one ::changed if the file
 * says something else now (or no longer loads). */
static void
take_contents (RtesFiche *self,
               RtesFiche *from)
{
  gboolean differs;
  GPtrArray *items;

  g_return_if_fail (g_strcmp0 (self->id, from->id) == 0 || from->load_error != NULL);

  differs = g_strcmp0 (self->name, from->name) != 0 || g_strcmp0 (self->status, from->status) != 0
            || g_strcmp0 (self->kind, from->kind) != 0 || g_strcmp0 (self->region, from->region) != 0
            || g_strcmp0 (self->updated, from->updated) != 0
            || self->member_since != from->member_since
            || g_strcmp0 (self->postcode, from->postcode) != 0
            || g_strcmp0 (self->city, from->city) != 0
            || !strv_equal ((const char * const *) self->tags, (const char * const *) from->tags)
            || from->load_error != NULL;

  create_containers (self);
  self->filling = TRUE;
  for (guint i = FIRST_STRING_PROP; i <= LAST_STRING_PROP; i++)
    {
      char **mine = string_field (self, i);
      char **theirs = string_field (from, i);
      char *swap = *mine;

      *mine = *theirs;
      *theirs = swap;
    }
  self->population = from->population;
  self->member_since = from->member_since;
  g_strfreev (self->address_lines);
  self->address_lines = g_steal_pointer (&from->address_lines);
  from->address_lines = g_new0 (char *, 1);
  g_strfreev (self->tags);
  self->tags = g_steal_pointer (&from->tags);
  from->tags = g_new0 (char *, 1);
  rtes_fiche_replace_extras (self, from->extra, from->address_extra, from->budget_extra);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (from->budget_lines)); i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (from->budget_lines), i));
  rtes_fiche_replace_items (self->budget_lines, items);
  g_ptr_array_set_size (items, 0);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (from->contacts)); i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (from->contacts), i));
  rtes_fiche_replace_items (self->contacts, items);
  g_ptr_array_unref (items);
  if (from->load_error != NULL)
    {
      g_clear_error (&self->load_error);
      self->load_error = g_error_copy (from->load_error);
    }
  self->filling = FALSE;

  /* The summary's search text and figures were made from this very file
   * unless it changed since. */
  if (differs)
    emit_changed (self);
}

static void
rtes_fiche_finalize (GObject *object)
{
  RtesFiche *self = RTES_FICHE (object);

  for (guint i = FIRST_STRING_PROP; i <= LAST_STRING_PROP; i++)
    g_free (*string_field (self, i));
  g_strfreev (self->address_lines);
  g_strfreev (self->tags);
  g_clear_object (&self->budget_lines);
  g_clear_object (&self->contacts);
  g_clear_pointer (&self->extra, json_object_unref);
  g_clear_pointer (&self->address_extra, json_object_unref);
  g_clear_pointer (&self->budget_extra, json_object_unref);
  g_clear_error (&self->load_error);
  g_free (self->listed_path);
  clear_caches (self);
  G_OBJECT_CLASS (rtes_fiche_parent_class)->finalize (object);
}

static void
rtes_fiche_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RtesFiche *self = RTES_FICHE (object);

  ensure_loaded (self);
  if (prop_id >= FIRST_STRING_PROP && prop_id <= LAST_STRING_PROP)
    {
      g_value_set_string (value, *string_field (self, prop_id));
      return;
    }
  switch (prop_id)
    {
    case PROP_POPULATION: g_value_set_int64 (value, self->population); break;
    case PROP_MEMBER_SINCE: g_value_set_int64 (value, self->member_since); break;
    case PROP_ADDRESS_LINES: g_value_set_boxed (value, self->address_lines); break;
    case PROP_TAGS: g_value_set_boxed (value, self->tags); break;
    case PROP_BUDGET_LINES: g_value_set_object (value, self->budget_lines); break;
    case PROP_CONTACTS: g_value_set_object (value, self->contacts); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_fiche_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  RtesFiche *self = RTES_FICHE (object);

  if (prop_id >= FIRST_STRING_PROP && prop_id <= LAST_STRING_PROP)
    {
      set_string (self, prop_id, g_value_get_string (value));
      return;
    }
  switch (prop_id)
    {
    case PROP_POPULATION: rtes_fiche_set_population (self, g_value_get_int64 (value)); break;
    case PROP_MEMBER_SINCE: rtes_fiche_set_member_since (self, g_value_get_int64 (value)); break;
    case PROP_ADDRESS_LINES: rtes_fiche_set_address_lines (self, g_value_get_boxed (value)); break;
    case PROP_TAGS: rtes_fiche_set_tags (self, g_value_get_boxed (value)); break;
    case PROP_LISTED_PATH: self->listed_path = g_value_dup_string (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_string_property (guint       prop_id,
                         const char *name)
{
  properties[prop_id] =
    g_param_spec_string (name, NULL, NULL, is_nullable (prop_id) ? NULL : "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
rtes_fiche_class_init (RtesFicheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->constructed = rtes_fiche_constructed;
  object_class->finalize = rtes_fiche_finalize;
  object_class->get_property = rtes_fiche_get_property;
  object_class->set_property = rtes_fiche_set_property;

  install_string_property (PROP_ID, "id");
  install_string_property (PROP_NAME, "name");
  install_string_property (PROP_STATUS, "status");
  install_string_property (PROP_KIND, "kind");
  install_string_property (PROP_REGION, "region");
  install_string_property (PROP_POPULATION_NOTE, "population-note");
  install_string_property (PROP_UPDATED, "updated");
  install_string_property (PROP_POSTCODE, "postcode");
  install_string_property (PROP_CITY, "city");
  install_string_property (PROP_COUNTRY, "country");
  install_string_property (PROP_PANORAMA, "panorama");
  install_string_property (PROP_BUDGET_TEXT, "budget-text");
  install_string_property (PROP_PROGRAMME, "programme");
  install_string_property (PROP_ACTIONS, "actions");
  properties[PROP_POPULATION] = g_param_spec_int64 ("population", NULL, NULL,
                                                    G_MININT64, G_MAXINT64, RTES_NO_NUMBER, rw);
  properties[PROP_MEMBER_SINCE] = g_param_spec_int64 ("member-since", NULL, NULL,
                                                      G_MININT64, G_MAXINT64, RTES_NO_NUMBER, rw);
  properties[PROP_ADDRESS_LINES] = g_param_spec_boxed ("address-lines", NULL, NULL,
                                                       G_TYPE_STRV, rw);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_BUDGET_LINES] = g_param_spec_object ("budget-lines", NULL, NULL,
                                                       G_TYPE_LIST_STORE, ro);
  properties[PROP_CONTACTS] = g_param_spec_object ("contacts", NULL, NULL,
                                                   G_TYPE_LIST_STORE, ro);
  /* Private to rtes_fiche_begin_listing(): the file a listed fiche reads. */
  properties[PROP_LISTED_PATH] =
    g_param_spec_string ("listed-path", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RtesFiche::changed:
   *
   * Emitted after any change of the document, including its contacts and
   * budget lines. Not emitted for state outside the document.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rtes_fiche_init (RtesFiche *self)
{
  for (guint i = FIRST_STRING_PROP; i <= LAST_STRING_PROP; i++)
    if (!is_nullable (i))
      *string_field (self, i) = g_strdup ("");
  g_free (self->status);
  self->status = g_strdup (RTES_STATUS_DRAFT);
  g_free (self->country);
  self->country = g_strdup ("France");
  self->population = RTES_NO_NUMBER;
  self->member_since = RTES_NO_NUMBER;
  self->address_lines = g_new0 (char *, 1);
  self->tags = g_new0 (char *, 1);
  self->filled = -1;
  self->blocking = -1;
}

/* The lists and unknown members, which a listed fiche (ten thousand in a
 * window) does without until it is read. */
static void
create_containers (RtesFiche *self)
{
  if (self->budget_lines != NULL)
    return;
  self->budget_lines = g_list_store_new (RTES_TYPE_BUDGET_LINE);
  self->contacts = g_list_store_new (RTES_TYPE_CONTACT);
  self->extra = json_object_new ();
  self->address_extra = json_object_new ();
  self->budget_extra = json_object_new ();
  g_signal_connect_object (self->budget_lines, "items-changed",
                           G_CALLBACK (items_changed_cb), self, 0);
  g_signal_connect_object (self->contacts, "items-changed",
                           G_CALLBACK (items_changed_cb), self, 0);
}

static void
rtes_fiche_constructed (GObject *object)
{
  RtesFiche *self = RTES_FICHE (object);

  G_OBJECT_CLASS (rtes_fiche_parent_class)->constructed (object);
  if (self->listed_path == NULL)
    create_containers (self);
}

RtesFiche *
rtes_fiche_new (const char *id,
                const char *name)
{
  return g_object_new (RTES_TYPE_FICHE, "id", id, "name", name, NULL);
}

RtesFiche *
rtes_fiche_new_broken (const char   *id,
                       const GError *error)
{
  RtesFiche *self = rtes_fiche_new (id, id);

  self->load_error = g_error_copy (error);
  return self;
}

const GError *
rtes_fiche_get_load_error (RtesFiche *self)
{
  g_return_val_if_fail (RTES_IS_FICHE (self), NULL);
  return self->load_error;
}

/* A listed fiche's copy is its file's: reading it into a new object
 * leaves the listed one small (an export of every fiche copies them). */
RtesFiche *
rtes_fiche_copy_listed (RtesFiche *self)
{
  g_rec_mutex_lock (&load_lock);
  if (self->listed_path != NULL && !self->loading)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->listed_path);
      RtesFiche *copy;

      g_rec_mutex_unlock (&load_lock);
      copy = self->load (file, NULL);
      if (copy != NULL && g_strcmp0 (copy->id, self->id) == 0)
        return copy;
      /* No longer what the list says: the listed fiche learns it too. */
      g_clear_object (&copy);
    }
  else
    g_rec_mutex_unlock (&load_lock);
  ensure_loaded (self);
  return NULL;
}

/* Listed (TRUE): what the list shows, known without reading the file. */
#define STRING_ACCESSORS(field, PROP, listed)                                 \
  const char *rtes_fiche_get_##field (RtesFiche *self)                       \
  {                                                                           \
    g_return_val_if_fail (RTES_IS_FICHE (self), NULL);                        \
    if (!(listed))                                                            \
      ensure_loaded (self);                                                   \
    return self->field;                                                       \
  }                                                                           \
  void rtes_fiche_set_##field (RtesFiche *self, const char *value)           \
  {                                                                           \
    g_return_if_fail (RTES_IS_FICHE (self));                                  \
    set_string (self, PROP, value);                                           \
  }

STRING_ACCESSORS (id, PROP_ID, TRUE)
STRING_ACCESSORS (name, PROP_NAME, TRUE)
STRING_ACCESSORS (status, PROP_STATUS, TRUE)
STRING_ACCESSORS (kind, PROP_KIND, TRUE)
STRING_ACCESSORS (region, PROP_REGION, TRUE)
STRING_ACCESSORS (population_note, PROP_POPULATION_NOTE, FALSE)
STRING_ACCESSORS (updated, PROP_UPDATED, TRUE)
STRING_ACCESSORS (postcode, PROP_POSTCODE, TRUE)
STRING_ACCESSORS (city, PROP_CITY, TRUE)
STRING_ACCESSORS (country, PROP_COUNTRY, FALSE)
STRING_ACCESSORS (panorama, PROP_PANORAMA, FALSE)
STRING_ACCESSORS (budget_text, PROP_BUDGET_TEXT, FALSE)
STRING_ACCESSORS (programme, PROP_PROGRAMME, FALSE)
STRING_ACCESSORS (actions, PROP_ACTIONS, FALSE)

gboolean
rtes_fiche_is_draft (RtesFiche *self)
{
  g_return_val_if_fail (RTES_IS_FICHE (self), FALSE);
  return g_strcmp0 (self->status, RTES_STATUS_DRAFT) == 0;
}

gint64
rtes_fiche_get_population (RtesFiche *self)
{
  g_return_val_if_fail (RTES_IS_FICHE (self), RTES_NO_NUMBER);
  ensure_loaded (self);
  return self->population;
}

void
rtes_fiche_set_population (RtesFiche *self,
                           gint64     population)
{
  g_return_if_fail (RTES_IS_FICHE (self));
  g_return_if_fail (RTES_NUMBER_IS_STORABLE (population));
  ensure_loaded (self);
  if (self->population == population)
    return;
  self->population = population;
  notify_changed (self, PROP_POPULATION);
}

gint64
rtes_fiche_get_member_since (RtesFiche *self)
{
  g_return_val_if_fail (RTES_IS_FICHE (self), RTES_NO_NUMBER);
  return self->member_since;
}

void
rtes_fiche_set_member_since (RtesFiche *self,
                             gint64     year)
{
  g_return_if_fail (RTES_IS_FICHE (self));
  g_return_if_fail (RTES_NUMBER_IS_STORABLE (year));
  ensure_loaded (self);
  if (self->member_since == year)
    return;
  self->member_since = year;
  notify_changed (self, PROP_MEMBER_SINCE);
}

void
rtes_fiche_touch (RtesFiche *self,
                  GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;

  g_return_if_fail (RTES_IS_FICHE (self));
  if (now == NULL)
    now = local = g_date_time_new_now_local ();
  date = g_date_time_format (now, "%Y-%m-%d");
  rtes_fiche_set_updated (self, date);
}

const char * const *
rtes_fiche_get_address_lines (RtesFiche *self)
{
  g_return_val_if_fail (RTES_IS_FICHE (self), NULL);
  ensure_loaded (self);
  return (const char * const *) self->address_lines;
}

void
rtes_fiche_set_address_lines (RtesFiche          *self,
                              const char * const *lines)
{
  g_return_if_fail (RTES_IS_FICHE (self));
  set_strv (self, &self->address_lines, lines, PROP_ADDRESS_LINES);
}

const char * const *
rtes_fiche_get_tags (RtesFiche *self)
{
  g_return_val_if_fail (RTES_IS_FICHE (self), NULL);
  return (const char * const *) self->tags;
}

void
rtes_fiche_set_tags (RtesFiche          *self,
                     const char * const *tags)
{
  g_return_if_fail (RTES_IS_FICHE (self));
  set_strv (self, &self->tags, tags, PROP_TAGS);
}

GListStore *
rtes_fiche_get_budget_lines (RtesFiche *self)
{
  g_return_val_if_fail (RTES_IS_FICHE (self), NULL);
  ensure_loaded (self);
  return self->budget_lines;
}

GListStore *
rtes_fiche_get_contacts (RtesFiche *self)
{
  g_return_val_if_fail (RTES_IS_FICHE (self), NULL);
  ensure_loaded (self);
  return self->contacts;
}

void
rtes_fiche_replace_items (GListStore *store,
                          GPtrArray  *items)
{
  g_return_if_fail (G_IS_LIST_STORE (store));
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
}

JsonObject *
rtes_fiche_get_extra (RtesFiche *self)
{
  g_return_val_if_fail (RTES_IS_FICHE (self), NULL);
  ensure_loaded (self);
  return self->extra;
}

JsonObject *
rtes_fiche_get_address_extra (RtesFiche *self)
{
  g_return_val_if_fail (RTES_IS_FICHE (self), NULL);
  ensure_loaded (self);
  return self->address_extra;
}

JsonObject *
rtes_fiche_get_budget_extra (RtesFiche *self)
{
  g_return_val_if_fail (RTES_IS_FICHE (self), NULL);
  ensure_loaded (self);
  return self->budget_extra;
}

void
rtes_fiche_replace_extras (RtesFiche  *self,
                           JsonObject *extra,
                           JsonObject *address_extra,
                           JsonObject *budget_extra)
{
  JsonObject **fields[] = { &self->extra, &self->address_extra, &self->budget_extra };
  JsonObject *values[] = { extra, address_extra, budget_extra };

  ensure_loaded (self);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      json_object_ref (values[i]);
      json_object_unref (*fields[i]);
      *fields[i] = values[i];
    }
  emit_changed (self);
}

static void
append_folded (GString    *out,
               const char *text)
{
  g_autofree char *folded = NULL;

  if (rtes_text_is_blank (text))
    return;
  folded = rtes_text_fold (text);
  g_string_append (out, folded);
  g_string_append_c (out, '\n');
}

const char *
rtes_fiche_get_search_text (RtesFiche *self)
{
  GString *out;
  guint n;

  g_return_val_if_fail (RTES_IS_FICHE (self), "");
  if (self->search_text != NULL)
    return self->search_text;
  ensure_loaded (self);
  /* A file that changed since it was listed clears the cache again. */
  if (self->search_text != NULL)
    return self->search_text;

  out = g_string_new (NULL);
  /* Name first: a search that matches the name is the common case. */
  append_folded (out, self->name);
  append_folded (out, self->id);
  append_folded (out, self->city);
  append_folded (out, self->postcode);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->contacts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RtesContact) contact = g_list_model_get_item (G_LIST_MODEL (self->contacts), i);

      append_folded (out, rtes_contact_get_name (contact));
      append_folded (out, rtes_contact_get_role (contact));
    }
  append_folded (out, self->panorama);
  append_folded (out, self->budget_text);
  append_folded (out, self->programme);
  append_folded (out, self->actions);
  self->search_text = g_string_free (out, FALSE);
  return self->search_text;
}

GArray *
rtes_fiche_get_budget_figures (RtesFiche *self)
{
  guint n;

  g_return_val_if_fail (RTES_IS_FICHE (self), NULL);
  if (self->budget_figures != NULL)
    return self->budget_figures;
  ensure_loaded (self);
  if (self->budget_figures != NULL)
    return self->budget_figures;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->budget_lines));
  self->budget_figures = g_array_sized_new (FALSE, FALSE, sizeof (RtesBudgetFigure), n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RtesBudgetLine) line = g_list_model_get_item (G_LIST_MODEL (self->budget_lines), i);
      const char *section = rtes_budget_line_get_section (line);
      RtesBudgetFigure figure = {
        rtes_budget_line_get_year (line),
        rtes_budget_line_get_amount (line),
        g_strcmp0 (section, RTES_SECTION_FONCTIONNEMENT) == 0 ? RTES_BUDGET_FIGURE_FONCTIONNEMENT
        : g_strcmp0 (section, RTES_SECTION_INVESTISSEMENT) == 0 ? RTES_BUDGET_FIGURE_INVESTISSEMENT
        : RTES_BUDGET_FIGURE_UNSPECIFIED,
        rtes_budget_line_get_forecast (line),
      };

      g_array_append_val (self->budget_figures, figure);
    }
  return self->budget_figures;
}

gboolean
rtes_fiche_is_loaded (RtesFiche *self)
{
  g_return_val_if_fail (RTES_IS_FICHE (self), FALSE);
  return g_atomic_pointer_get (&self->listed_path) == NULL;
}

int
rtes_fiche_get_cached_filled (RtesFiche *self)
{
  return self->filled;
}

void
rtes_fiche_set_cached_filled (RtesFiche *self,
                              guint      filled)
{
  self->filled = filled;
}

int
rtes_fiche_get_cached_blocking (RtesFiche *self)
{
  return self->blocking;
}

void
rtes_fiche_set_cached_blocking (RtesFiche *self,
                                guint      blocking)
{
  self->blocking = MIN (blocking, G_MAXINT);
}

RtesFiche *
rtes_fiche_begin_listing (const char        *path,
                          RtesFicheLoadFunc  load)
{
  RtesFiche *self = g_object_new (RTES_TYPE_FICHE, "listed-path", path, NULL);

  self->load = load;
  self->loading = self->filling = TRUE;
  return self;
}

void
rtes_fiche_end_listing (RtesFiche *self,
                        char      *search_text,
                        GArray    *budget_figures)
{
  self->search_text = search_text;
  self->budget_figures = budget_figures;
  self->loading = self->filling = FALSE;
}
