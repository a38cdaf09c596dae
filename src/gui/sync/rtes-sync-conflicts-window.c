/* rtes-sync-conflicts-window.c: settling a fiche's sync conflicts
 *
 * Reading and writing happen in worker threads (the state, the fiche and
 * the base are local files, but a slow disk must not stall the window);
 * no task has the window as its source object, so that a widget is never
 * finalized in a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rtes-fiche-json.h"
#include "rtes-sync-conflicts-window.h"
#include "rtes-sync.h"
#include "rtes-task.h"
#include "rtes-text.h"

struct _RtesSyncConflictsWindow
{
  AdwWindow         parent_instance;

  /* owned widgets */
  RtesConflictView *view;

  /* state */
  char             *library_path;
  char             *id;
  GCancellable     *cancellable;
};

G_DEFINE_FINAL_TYPE (RtesSyncConflictsWindow, rtes_sync_conflicts_window, ADW_TYPE_WINDOW)

enum {
  LOADED,
  RESOLVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- reading ---- */

typedef struct {
  GPtrArray *conflicts;   /* RtesConflict* of the fiche */
  JsonNode  *document;    /* the local fiche; NULL if it does not load */
  JsonNode  *site;        /* the site's copy, the base; may be NULL */
  guint      other_first; /* other fiches with first-sync conflicts */
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_ptr_array_unref (loaded->conflicts);
  g_clear_pointer (&loaded->document, json_node_unref);
  g_clear_pointer (&loaded->site, json_node_unref);
  g_free (loaded);
}

/* Other fiches whose conflicts have no common base: the rest of a first
 * sync. Conflicts come sorted by fiche. */
static guint
count_other_first_sync (GPtrArray  *all,
                        const char *id)
{
  const char *last = NULL;
  guint n = 0;

  for (guint i = 0; i < all->len; i++)
    {
      RtesConflict *c = g_ptr_array_index (all, i);

      if (c->kind != RTES_CONFLICT_BOTH_ADDED || g_strcmp0 (c->id, id) == 0 || g_strcmp0 (c->id, last) == 0)
        continue;
      last = c->id;
      n++;
    }
  return n;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  char **where = task_data;   /* library path, fiche id */
  g_autofree char *dir = rtes_sync_state_dir_for_library (where[0]);
  g_autofree char *file = rtes_id_is_valid (where[1]) ? rtes_id_build_path (where[0], where[1]) : NULL;
  g_autoptr(GFile) gfile = file != NULL ? g_file_new_for_path (file) : NULL;
  g_autoptr(RtesSyncState) state = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(RtesFiche) fiche = NULL;
  Loaded *loaded;
  GError *error = NULL;

  state = rtes_sync_state_load (dir, &error);
  if (state == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  conflicts = rtes_sync_state_get_conflicts (state, where[1]);
  all = rtes_sync_state_get_conflicts (state, NULL);
  loaded = g_new0 (Loaded, 1);
  loaded->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_conflict_free);
  for (guint i = 0; i < conflicts->len; i++)
    g_ptr_array_add (loaded->conflicts, rtes_conflict_copy (g_ptr_array_index (conflicts, i)));
  loaded->other_first = count_other_first_sync (all, where[1]);
  /* Both only show what is around the conflicts: a fiche or a base that
   * does not load still has its conflicts shown. */
  fiche = gfile != NULL ? rtes_fiche_load (gfile, NULL) : NULL;
  if (fiche != NULL)
    loaded->document = rtes_fiche_to_json (fiche);
  loaded->site = rtes_sync_state_get_base (state, where[1], NULL);
  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RtesSyncConflictsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  Loaded *loaded = g_task_propagate_pointer (G_TASK (result), &error);

  if (loaded == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* A damaged state: say so, rather than guess what to resolve. */
      rtes_conflict_view_show_error (self->view, error->message);
      g_signal_emit (self, signals[LOADED], 0);
      return;
    }
  rtes_conflict_view_show (self->view, RTES_CONFLICT_SIDE_SITE, self->id, loaded->document, loaded->site,
                           loaded->conflicts);
  rtes_conflict_view_set_other_first_sync (self->view, loaded->other_first);
  loaded_free (loaded);
  g_signal_emit (self, signals[LOADED], 0);
}

/* ---- writing ---- */

typedef struct {
  char      *library_path;
  GPtrArray *choices;      /* RtesConflictChoice*; NULL: every first-sync conflict */
  gboolean   theirs;       /* for every first-sync conflict */
  GStrv      ids;          /* out: the fiches written */
} Resolve;

static void
resolve_free (Resolve *r)
{
  g_free (r->library_path);
  g_clear_pointer (&r->choices, g_ptr_array_unref);
  g_strfreev (r->ids);
  g_free (r);
}

/* Every conflict without a common base, in every fiche, to one side. */
static GPtrArray *
first_sync_choices (const char  *library_path,
                    gboolean     theirs,
                    GError     **error)
{
  g_autofree char *dir = rtes_sync_state_dir_for_library (library_path);
  g_autoptr(RtesSyncState) state = rtes_sync_state_load (dir, error);
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *choices;

  if (state == NULL)
    return NULL;
  all = rtes_sync_state_get_conflicts (state, NULL);
  choices = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_conflict_choice_free);
  for (guint i = 0; i < all->len; i++)
    {
      RtesConflict *c = g_ptr_array_index (all, i);

      if (c->kind == RTES_CONFLICT_BOTH_ADDED)
        g_ptr_array_add (choices, rtes_conflict_choice_new (c->id, c->path,
                                                            theirs ? RTES_CONFLICT_TAKE_THEIRS
                                                                   : RTES_CONFLICT_KEEP_MINE, NULL));
    }
  return choices;
}

static void
resolve_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Resolve *r = task_data;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  GError *error = NULL;
  const char *last = NULL;

  if (r->choices == NULL)
    r->choices = first_sync_choices (r->library_path, r->theirs, &error);
  if (r->choices == NULL || !rtes_sync_resolve_all (r->library_path, r->choices, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* Choices come fiche by fiche. */
  for (guint i = 0; i < r->choices->len; i++)
    {
      RtesConflictChoice *choice = g_ptr_array_index (r->choices, i);

      if (g_strcmp0 (choice->id, last) != 0)
        g_strv_builder_add (ids, choice->id);
      last = choice->id;
    }
  r->ids = g_strv_builder_end (ids);
  g_task_return_boolean (task, TRUE);
}

static void
resolve_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RtesSyncConflictsWindow) self = user_data;
  Resolve *r = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (self->view != NULL)
        rtes_conflict_view_applied (self->view, error);
      return;
    }
  if (self->view != NULL)
    rtes_conflict_view_applied (self->view, NULL);
  /* Written, even if the window was closed meanwhile: the owner hears of
   * it, to show the files' new contents. */
  g_signal_emit (self, signals[RESOLVED], 0, r->ids);
}

static void
resolve (RtesSyncConflictsWindow *self,
         GPtrArray               *choices,
         gboolean                 theirs)
{
  g_autoptr(GTask) task = NULL;
  Resolve *r = g_new0 (Resolve, 1);

  r->library_path = g_strdup (self->library_path);
  r->theirs = theirs;
  if (choices != NULL)
    {
      r->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_conflict_choice_free);
      for (guint i = 0; i < choices->len; i++)
        g_ptr_array_add (r->choices, rtes_conflict_choice_copy (g_ptr_array_index (choices, i)));
    }
  /* Not cancellable: once asked for, a resolution is written. */
  task = g_task_new (NULL, NULL, resolve_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, resolve);
  g_task_set_task_data (task, r, (GDestroyNotify) resolve_free);
  rtes_task_run_in_thread (task, resolve_thread);
}

static void
on_apply (RtesConflictView        *view,
          GPtrArray               *choices,
          RtesSyncConflictsWindow *self)
{
  resolve (self, choices, FALSE);
}

static void
on_apply_everywhere (RtesConflictView        *view,
                     gboolean                 theirs,
                     RtesSyncConflictsWindow *self)
{
  resolve (self, NULL, theirs);
}

/* ---- public ---- */

/* NULL once the window is destroyed. */
RtesConflictView *
rtes_sync_conflicts_window_get_view (RtesSyncConflictsWindow *self)
{
  g_return_val_if_fail (RTES_IS_SYNC_CONFLICTS_WINDOW (self), NULL);
  return self->view;
}

const char *
rtes_sync_conflicts_window_get_fiche_id (RtesSyncConflictsWindow *self)
{
  g_return_val_if_fail (RTES_IS_SYNC_CONFLICTS_WINDOW (self), NULL);
  return self->id;
}

void
rtes_sync_conflicts_window_set_publish_note (RtesSyncConflictsWindow *self,
                                             const char              *note)
{
  g_return_if_fail (RTES_IS_SYNC_CONFLICTS_WINDOW (self));
  if (self->view != NULL)
    rtes_conflict_view_set_publish_note (self->view, note);
}

RtesSyncConflictsWindow *
rtes_sync_conflicts_window_new (GtkWindow  *parent,
                                const char *library_path,
                                const char *id,
                                const char *name)
{
  RtesSyncConflictsWindow *self;
  g_autoptr(GTask) task = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (library_path != NULL && id != NULL, NULL);

  self = g_object_new (RTES_TYPE_SYNC_CONFLICTS_WINDOW, "transient-for", parent, NULL);
  self->library_path = g_strdup (library_path);
  self->id = g_strdup (id);
  title = g_strdup_printf (_("Conflicts of “%s”"), name != NULL ? name : id);
  gtk_window_set_title (GTK_WINDOW (self), title);

  task = g_task_new (NULL, self->cancellable, load_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, rtes_sync_conflicts_window_new);
  g_task_set_task_data (task, g_strdupv ((char *[]) { (char *) library_path, (char *) id, NULL }),
                        (GDestroyNotify) g_strfreev);
  rtes_task_run_in_thread (task, load_thread);
  return self;
}

/* ---- object ---- */

static void
rtes_sync_conflicts_window_dispose (GObject *object)
{
  RtesSyncConflictsWindow *self = RTES_SYNC_CONFLICTS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* The view goes with the window's content; a resolution still being
   * written must not reach it. */
  self->view = NULL;
  G_OBJECT_CLASS (rtes_sync_conflicts_window_parent_class)->dispose (object);
}

static void
rtes_sync_conflicts_window_finalize (GObject *object)
{
  RtesSyncConflictsWindow *self = RTES_SYNC_CONFLICTS_WINDOW (object);

  g_free (self->library_path);
  g_free (self->id);
  G_OBJECT_CLASS (rtes_sync_conflicts_window_parent_class)->finalize (object);
}

static void
rtes_sync_conflicts_window_class_init (RtesSyncConflictsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rtes_sync_conflicts_window_dispose;
  object_class->finalize = rtes_sync_conflicts_window_finalize;

  /**
   * RtesSyncConflictsWindow::loaded:
   *
   * The conflicts are shown (or why they cannot be).
   */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * RtesSyncConflictsWindow::resolved:
   * @ids: the fiches whose conflicts were settled (their files may have
   *   changed; each one's document takes its file)
   */
  signals[RESOLVED] = g_signal_new ("resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rtes_sync_conflicts_window_init (RtesSyncConflictsWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->cancellable = g_cancellable_new ();
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 900, 680);
  self->view = RTES_CONFLICT_VIEW (rtes_conflict_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->view), TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->view));
  adw_window_set_content (ADW_WINDOW (self), box);
  g_signal_connect_object (self->view, "apply", G_CALLBACK (on_apply), self, 0);
  g_signal_connect_object (self->view, "apply-everywhere", G_CALLBACK (on_apply_everywhere), self, 0);
}
