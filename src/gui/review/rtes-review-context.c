/* rtes-review-context.c: the Relecture's services for one library's window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-fiche-json.h"
#include "rtes-spelling-private.h"
#include "rtes-task.h"
#include "rtes-text.h"
#include "rtes-word-list.h"

struct _RtesReviewContext
{
  GObject parent_instance;

  /* owned references */
  RtesLibrary *library;
  RtesSpeller *speller;
  RtesWordList *word_list;
  RtesLinkChecker *link_checker;
  RtesReviewOverrides *overrides;
  GCancellable *cancellable;

  /* state */
  char *speller_error;
  guint loading;        /* loads still running */
};

G_DEFINE_FINAL_TYPE (RtesReviewContext, rtes_review_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SPELLER,
  N_PROPS
};

enum {
  WORDS_CHANGED,
  OVERRIDES_CHANGED,
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
rtes_misspelling_free (RtesMisspelling *misspelling)
{
  if (misspelling == NULL)
    return;
  g_free (misspelling->word);
  g_strfreev (misspelling->suggestions);
  g_free (misspelling);
}

/* ---- loading ---- */

typedef struct {
  RtesSpeller *speller;
  char *speller_error;
  RtesWordList *word_list;
  char *word_list_error;
  GPtrArray *fiches;      /* copies of the fiches read, read in the thread */
  GPtrArray *paths;       /* files of the fiches only listed, read there */
} Loaded;

/* Fiches read from their files at a time in the thread: the words are
 * learnt, then the fiches dropped. */
#define FICHES_AT_ONCE 256

static void
loaded_free (Loaded *loaded)
{
  g_clear_object (&loaded->speller);
  g_free (loaded->speller_error);
  g_clear_object (&loaded->word_list);
  g_free (loaded->word_list_error);
  g_clear_pointer (&loaded->fiches, g_ptr_array_unref);
  g_clear_pointer (&loaded->paths, g_ptr_array_unref);
  g_free (loaded);
}

/* The words of the fiches only listed, from their files: a listed fiche
 * is copied by reading its file anyway (rtes_fiche_copy()), here away from
 * the window's thread and without keeping them all at once. */
static void
learn_files (RtesSpeller  *speller,
             GPtrArray    *paths,
             GCancellable *cancellable)
{
  g_autoptr(GPtrArray) fiches = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < paths->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (paths, i));
      RtesFiche *fiche = rtes_fiche_load (file, NULL);

      /* One that no longer loads has no words to learn. */
      if (fiche != NULL)
        g_ptr_array_add (fiches, fiche);
      if (fiches->len == FICHES_AT_ONCE || i + 1 == paths->len)
        {
          rtes_speller_learn_fiches (speller, fiches);
          g_ptr_array_set_size (fiches, 0);
        }
    }
}

static void
load_speller_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  RtesReviewContext *self = source_object;
  Loaded *loaded = task_data;
  g_autoptr(GError) error = NULL;

  loaded->speller = rtes_speller_new ("fr", &error);
  if (loaded->speller == NULL)
    {
      loaded->speller_error = g_strdup (error->message);
      g_task_return_boolean (task, TRUE);
      return;
    }
  rtes_speller_learn_fiches (loaded->speller, loaded->fiches);
  learn_files (loaded->speller, loaded->paths, cancellable);
  loaded->word_list = rtes_word_list_load (rtes_library_get_dir (self->library), &error);
  if (loaded->word_list == NULL)
    loaded->word_list_error = g_strdup (error->message);
  else
    {
      g_auto(GStrv) words = rtes_word_list_dup_words (loaded->word_list);

      rtes_speller_add_words (loaded->speller, (const char * const *) words);
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_speller_changed (RtesSpeller       *speller,
                    RtesReviewContext *self)
{
  g_signal_emit (self, signals[WORDS_CHANGED], 0);
}

static void
load_speller_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  RtesReviewContext *self = RTES_REVIEW_CONTEXT (source);
  Loaded *loaded = g_task_get_task_data (G_TASK (result));

  self->loading--;
  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;
  g_free (self->speller_error);
  self->speller_error = g_steal_pointer (&loaded->speller_error);
  g_set_object (&self->word_list, loaded->word_list);
  if (loaded->word_list_error != NULL)
    g_signal_emit (self, signals[ERROR], 0, loaded->word_list_error);
  if (loaded->speller != NULL)
    {
      self->speller = g_steal_pointer (&loaded->speller);
      /* Words added from any thread: the widgets recheck in this one. */
      g_signal_connect_object (self->speller, "changed", G_CALLBACK (on_speller_changed), self, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPELLER]);
    }
}

static void
load_overrides_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  RtesReviewContext *self = source_object;
  GError *error = NULL;
  RtesReviewOverrides *overrides = rtes_review_overrides_load (rtes_library_get_dir (self->library), &error);

  if (overrides == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, overrides, g_object_unref);
}

static void
load_overrides_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  RtesReviewContext *self = RTES_REVIEW_CONTEXT (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesReviewOverrides) overrides = g_task_propagate_pointer (G_TASK (result), &error);

  self->loading--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (overrides == NULL)
    {
      g_signal_emit (self, signals[ERROR], 0, error->message);
      return;
    }
  g_set_object (&self->overrides, overrides);
  g_signal_emit (self, signals[OVERRIDES_CHANGED], 0);
}

static void
start_loading (RtesReviewContext *self)
{
  g_autoptr(GTask) speller_task = g_task_new (self, self->cancellable, load_speller_done, NULL);
  g_autoptr(GTask) overrides_task = g_task_new (self, self->cancellable, load_overrides_done, NULL);
  Loaded *loaded = g_new0 (Loaded, 1);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->library));

  /* The library's words are read from copies: its fiches belong to
   * this thread. Those only listed from the index are read from their
   * files in the thread: 10,000 files read here kept the window from
   * showing its list. */
  loaded->fiches = g_ptr_array_new_with_free_func (g_object_unref);
  loaded->paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RtesFiche) fiche = g_list_model_get_item (G_LIST_MODEL (self->library), i);

      if (rtes_fiche_is_loaded (fiche))
        g_ptr_array_add (loaded->fiches, rtes_fiche_copy (fiche));
      else
        g_ptr_array_add (loaded->paths, rtes_id_build_path (rtes_library_get_path (self->library),
                                                            rtes_fiche_get_id (fiche)));
    }
  g_task_set_task_data (speller_task, loaded, (GDestroyNotify) loaded_free);
  g_task_set_source_tag (speller_task, start_loading);
  g_task_set_source_tag (overrides_task, start_loading);
  self->loading = 2;
  rtes_task_run_in_thread (speller_task, load_speller_thread);
  rtes_task_run_in_thread (overrides_task, load_overrides_thread);
}

/* ---- object ---- */

static void
rtes_review_context_dispose (GObject *object)
{
  RtesReviewContext *self = RTES_REVIEW_CONTEXT (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->library);
  g_clear_object (&self->speller);
  g_clear_object (&self->word_list);
  g_clear_object (&self->link_checker);
  g_clear_object (&self->overrides);
  g_clear_pointer (&self->speller_error, g_free);

  G_OBJECT_CLASS (rtes_review_context_parent_class)->dispose (object);
}

static void
rtes_review_context_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RtesReviewContext *self = RTES_REVIEW_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_SPELLER:
      g_value_set_object (value, self->speller);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_review_context_class_init (RtesReviewContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rtes_review_context_dispose;
  object_class->get_property = rtes_review_context_get_property;

  properties[PROP_SPELLER] =
    g_param_spec_object ("speller", NULL, NULL, RTES_TYPE_SPELLER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RtesReviewContext::words-changed:
   *
   * Words became known ("Add to Dictionary"): check again.
   */
  signals[WORDS_CHANGED] = g_signal_new ("words-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * RtesReviewContext::overrides-changed:
   *
   * The records of fiches published despite the review were read or
   * added to.
   */
  signals[OVERRIDES_CHANGED] = g_signal_new ("overrides-changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * RtesReviewContext::error:
   * @message: what went wrong, translated
   *
   * A file of the review could not be read or written: the window shows
   * it in a toast.
   */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
rtes_review_context_init (RtesReviewContext *self)
{
  self->cancellable = g_cancellable_new ();
}

RtesReviewContext *
rtes_review_context_new (RtesLibrary *library,
                         SoupSession *session)
{
  RtesReviewContext *self;

  g_return_val_if_fail (RTES_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);

  self = g_object_new (RTES_TYPE_REVIEW_CONTEXT, NULL);
  self->library = g_object_ref (library);
  self->link_checker = rtes_link_checker_new (session);
  start_loading (self);
  return self;
}

RtesLibrary *
rtes_review_context_get_library (RtesReviewContext *self)
{
  g_return_val_if_fail (RTES_IS_REVIEW_CONTEXT (self), NULL);
  return self->library;
}

RtesSpeller *
rtes_review_context_get_speller (RtesReviewContext *self)
{
  g_return_val_if_fail (RTES_IS_REVIEW_CONTEXT (self), NULL);
  return self->speller;
}

const char *
rtes_review_context_get_speller_error (RtesReviewContext *self)
{
  g_return_val_if_fail (RTES_IS_REVIEW_CONTEXT (self), NULL);
  return self->speller_error;
}

RtesLinkChecker *
rtes_review_context_get_link_checker (RtesReviewContext *self)
{
  g_return_val_if_fail (RTES_IS_REVIEW_CONTEXT (self), NULL);
  return self->link_checker;
}

RtesReviewOverrides *
rtes_review_context_get_overrides (RtesReviewContext *self)
{
  g_return_val_if_fail (RTES_IS_REVIEW_CONTEXT (self), NULL);
  return self->overrides;
}

void
rtes_review_context_wait (RtesReviewContext *self)
{
  g_return_if_fail (RTES_IS_REVIEW_CONTEXT (self));

  while (self->loading > 0)
    g_main_context_iteration (NULL, TRUE);
}

/* ---- words ---- */

static void
add_word_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RtesReviewContext) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rtes_word_list_add_finish (RTES_WORD_LIST (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals[ERROR], 0, error->message);
}

void
rtes_review_context_add_word (RtesReviewContext *self,
                              const char        *word)
{
  const char *words[] = { word, NULL };

  g_return_if_fail (RTES_IS_REVIEW_CONTEXT (self));
  g_return_if_fail (word != NULL);

  if (!rtes_word_list_is_valid_word (word))
    return;
  /* Known at once, the file follows. */
  if (self->speller != NULL)
    rtes_speller_add_words (self->speller, words);
  if (self->word_list != NULL)
    rtes_word_list_add_async (self->word_list, word, self->cancellable, add_word_done, g_object_ref (self));
}

/* ---- overrides ---- */

typedef struct {
  char *id;
  GPtrArray *findings;
  char *user;
} OverrideData;

static void
override_data_free (OverrideData *data)
{
  g_free (data->id);
  g_ptr_array_unref (data->findings);
  g_free (data->user);
  g_free (data);
}

static void
add_override_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  RtesReviewContext *self = source_object;
  OverrideData *data = task_data;
  GError *error = NULL;
  g_autoptr(RtesReviewOverrides) overrides = rtes_review_overrides_load (rtes_library_get_dir (self->library),
                                                                         &error);

  if (overrides == NULL ||
      !rtes_review_overrides_add (overrides, data->id, data->findings, data->user, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&overrides), g_object_unref);
}

static void
add_override_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  RtesReviewContext *self = RTES_REVIEW_CONTEXT (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesReviewOverrides) overrides = g_task_propagate_pointer (G_TASK (result), &error);

  if (overrides == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[ERROR], 0, error->message);
      return;
    }
  g_set_object (&self->overrides, overrides);
  g_signal_emit (self, signals[OVERRIDES_CHANGED], 0);
}

void
rtes_review_context_add_override (RtesReviewContext *self,
                                  const char        *id,
                                  GPtrArray         *findings)
{
  g_autoptr(GTask) task = NULL;
  OverrideData *data;

  g_return_if_fail (RTES_IS_REVIEW_CONTEXT (self));
  g_return_if_fail (id != NULL && findings != NULL);

  data = g_new0 (OverrideData, 1);
  data->id = g_strdup (id);
  data->user = rtes_review_overrides_user ();
  data->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_finding_free);
  for (guint i = 0; i < findings->len; i++)
    g_ptr_array_add (data->findings, rtes_finding_copy (g_ptr_array_index (findings, i)));
  task = g_task_new (self, self->cancellable, add_override_done, NULL);
  g_task_set_source_tag (task, rtes_review_context_add_override);
  g_task_set_task_data (task, data, (GDestroyNotify) override_data_free);
  rtes_task_run_in_thread (task, add_override_thread);
}

/* ---- checking in a thread ---- */

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  RtesSpeller *speller = g_object_get_data (G_OBJECT (task), "rtes-speller");
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_finding_free);
  GPtrArray *misspellings = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_misspelling_free);

  rtes_speller_check_text (speller, "", task_data, 0, -1, findings);
  for (guint i = 0; i < findings->len; i++)
    {
      RtesFinding *finding = g_ptr_array_index (findings, i);
      RtesMisspelling *m = g_new0 (RtesMisspelling, 1);

      m->start = finding->start;
      m->end = finding->end;
      m->word = g_strdup (finding->text);
      /* The forms the RTES avoids come with theirs. */
      if (finding->suggestions[0] != NULL)
        m->suggestions = g_strdupv (finding->suggestions);
      g_ptr_array_add (misspellings, m);
    }
  g_task_return_pointer (task, misspellings, (GDestroyNotify) g_ptr_array_unref);
}

void
rtes_review_context_check_async (RtesReviewContext   *self,
                                 const char          *text,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RTES_IS_REVIEW_CONTEXT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rtes_review_context_check_async);
  if (self->speller == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  g_object_set_data_full (G_OBJECT (task), "rtes-speller", g_object_ref (self->speller), g_object_unref);
  g_task_set_task_data (task, g_strdup (text), g_free);
  rtes_task_run_in_thread (task, check_thread);
}

GPtrArray *
rtes_review_context_check_finish (RtesReviewContext  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
suggest_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RtesSpeller *speller = g_object_get_data (G_OBJECT (task), "rtes-speller");

  g_task_return_pointer (task, rtes_speller_suggest (speller, task_data), (GDestroyNotify) g_strfreev);
}

void
rtes_review_context_suggest_async (RtesReviewContext   *self,
                                   const char          *word,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RTES_IS_REVIEW_CONTEXT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rtes_review_context_suggest_async);
  if (self->speller == NULL)
    {
      g_task_return_pointer (task, g_new0 (char *, 1), (GDestroyNotify) g_strfreev);
      return;
    }
  g_object_set_data_full (G_OBJECT (task), "rtes-speller", g_object_ref (self->speller), g_object_unref);
  g_task_set_task_data (task, g_strdup (word), g_free);
  rtes_task_run_in_thread (task, suggest_thread);
}

GStrv
rtes_review_context_suggest_finish (RtesReviewContext  *self,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
