/* rtes-conflict-view.c: the open sync conflicts of one fiche
 *
 * Loads the conflicts from the library's sync state in a thread, shows one
 * RtesConflictRow per place, and applies each "Mark Resolved" with
 * rtes_sync_resolve() in a thread too: it writes the fiche file and the
 * state together, and must not stall the window on a slow disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rtes-conflict-row.h"
#include "rtes-conflict-view.h"
#include "rtes-fiche-json.h"
#include "rtes-sync.h"
#include "rtes-text.h"

struct _RtesConflictView
{
  AdwBin parent_instance;

  /* template widgets */
  GtkStack      *stack;
  AdwStatusPage *error_page;
  GtkBox        *rows_box;

  /* state */
  char          *library_path;
  char          *id;
  guint          n_conflicts;
  GCancellable  *cancellable;
};

G_DEFINE_FINAL_TYPE (RtesConflictView, rtes_conflict_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_N_CONFLICTS,
  N_PROPS
};

enum {
  LOADED,
  RESOLVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_n_conflicts (RtesConflictView *self,
                 guint             n)
{
  if (self->n_conflicts == n)
    return;
  self->n_conflicts = n;
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONFLICTS]);
}

static void
clear_rows (RtesConflictView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows_box))) != NULL)
    gtk_box_remove (self->rows_box, child);
}

/* ---- resolving ---- */

typedef struct {
  char *library_path;
  char *id;
  char *path;
  RtesSyncResolution resolution;
  JsonNode *value;
  RtesConflictRow *row;
} Resolve;

static void
resolve_free (Resolve *r)
{
  g_free (r->library_path);
  g_free (r->id);
  g_free (r->path);
  g_clear_pointer (&r->value, json_node_unref);
  g_clear_object (&r->row);
  g_free (r);
}

static void
resolve_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Resolve *r = task_data;
  GError *error = NULL;

  if (rtes_sync_resolve (r->library_path, r->id, r->path, r->resolution, r->value, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
resolve_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RtesConflictView) self = user_data;
  Resolve *r = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      rtes_conflict_row_set_busy (r->row, FALSE);
      rtes_conflict_row_set_error (r->row, error->message);
      return;
    }
  /* The view may show another fiche by now; the resolution is written
   * either way, so the window hears of it either way. */
  if (gtk_widget_get_parent (GTK_WIDGET (r->row)) == GTK_WIDGET (self->rows_box))
    {
      gtk_box_remove (self->rows_box, GTK_WIDGET (r->row));
      set_n_conflicts (self, self->n_conflicts - 1);
    }
  g_signal_emit (self, signals[RESOLVED], 0, r->id, r->path);
}

static void
on_row_resolve (RtesConflictRow  *row,
                RtesConflictView *self)
{
  const RtesConflict *conflict = rtes_conflict_row_get_conflict (row);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Resolve *r = g_new0 (Resolve, 1);

  if (!rtes_conflict_row_get_resolution (row, &r->resolution, &r->value, &error))
    {
      g_autofree char *message = g_strdup_printf (_("This value is not valid: %s"), error->message);

      rtes_conflict_row_set_error (row, message);
      resolve_free (r);
      return;
    }
  r->library_path = g_strdup (self->library_path);
  r->id = g_strdup (conflict->id);
  r->path = g_strdup (conflict->path);
  r->row = g_object_ref (row);
  rtes_conflict_row_set_error (row, NULL);
  rtes_conflict_row_set_busy (row, TRUE);

  /* Not cancellable: once asked for, a resolution is written. No source
   * object: a widget must not be finalized in the worker thread. */
  task = g_task_new (NULL, NULL, resolve_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, on_row_resolve);
  g_task_set_task_data (task, r, (GDestroyNotify) resolve_free);
  g_task_run_in_thread (task, resolve_thread);
}

/* ---- loading ---- */

typedef struct {
  GPtrArray *conflicts;   /* RtesConflict* */
  JsonNode  *document;    /* the local fiche, to name items; may be NULL */
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_ptr_array_unref (loaded->conflicts);
  g_clear_pointer (&loaded->document, json_node_unref);
  g_free (loaded);
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
  loaded = g_new0 (Loaded, 1);
  loaded->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_conflict_free);
  for (guint i = 0; i < conflicts->len; i++)
    g_ptr_array_add (loaded->conflicts, rtes_conflict_copy (g_ptr_array_index (conflicts, i)));
  /* Only names what conflicts are about: a fiche that does not load still
   * has its conflicts shown. */
  fiche = gfile != NULL ? rtes_fiche_load (gfile, NULL) : NULL;
  if (fiche != NULL)
    loaded->document = rtes_fiche_to_json (fiche);
  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RtesConflictView) self = user_data;
  Loaded *loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;

  loaded = g_task_propagate_pointer (G_TASK (result), &error);
  if (loaded == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* A damaged state: say so, rather than guess what to resolve. The
       * description is markup: a file name or a quote must not break it. */
      escaped = g_markup_escape_text (error->message, -1);
      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "error");
      g_signal_emit (self, signals[LOADED], 0);
      return;
    }
  for (guint i = 0; i < loaded->conflicts->len; i++)
    {
      GtkWidget *row = rtes_conflict_row_new (g_ptr_array_index (loaded->conflicts, i), loaded->document);

      g_signal_connect_object (row, "resolve", G_CALLBACK (on_row_resolve), self, 0);
      gtk_box_append (self->rows_box, row);
    }
  set_n_conflicts (self, loaded->conflicts->len);
  loaded_free (loaded);
  g_signal_emit (self, signals[LOADED], 0);
}

void
rtes_conflict_view_load (RtesConflictView *self,
                         const char       *library_path,
                         const char       *id)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RTES_IS_CONFLICT_VIEW (self));
  g_return_if_fail (library_path != NULL && id != NULL);

  /* A load or resolve still running belongs to the previous fiche. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_free (self->library_path);
  self->library_path = g_strdup (library_path);
  g_free (self->id);
  self->id = g_strdup (id);
  clear_rows (self);
  set_n_conflicts (self, 0);

  task = g_task_new (NULL, self->cancellable, load_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, rtes_conflict_view_load);
  g_task_set_task_data (task, g_strdupv ((char *[]) { (char *) library_path, (char *) id, NULL }),
                        (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, load_thread);
}

const char *
rtes_conflict_view_get_fiche_id (RtesConflictView *self)
{
  g_return_val_if_fail (RTES_IS_CONFLICT_VIEW (self), NULL);
  return self->id;
}

guint
rtes_conflict_view_get_n_conflicts (RtesConflictView *self)
{
  g_return_val_if_fail (RTES_IS_CONFLICT_VIEW (self), 0);
  return self->n_conflicts;
}

/* ---- object ---- */

static void
rtes_conflict_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RtesConflictView *self = RTES_CONFLICT_VIEW (object);

  switch (prop_id)
    {
    case PROP_N_CONFLICTS:
      g_value_set_uint (value, self->n_conflicts);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_conflict_view_dispose (GObject *object)
{
  RtesConflictView *self = RTES_CONFLICT_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* No gtk_widget_dispose_template(): the stack is AdwBin's own child,
   * which AdwBin unparents itself. */
  G_OBJECT_CLASS (rtes_conflict_view_parent_class)->dispose (object);
}

static void
rtes_conflict_view_finalize (GObject *object)
{
  RtesConflictView *self = RTES_CONFLICT_VIEW (object);

  g_free (self->library_path);
  g_free (self->id);
  G_OBJECT_CLASS (rtes_conflict_view_parent_class)->finalize (object);
}

static void
rtes_conflict_view_class_init (RtesConflictViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = rtes_conflict_view_get_property;
  object_class->dispose = rtes_conflict_view_dispose;
  object_class->finalize = rtes_conflict_view_finalize;

  properties[PROP_N_CONFLICTS] =
    g_param_spec_uint ("n-conflicts", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RtesConflictView::loaded:
   *
   * The conflicts of the fiche given to rtes_conflict_view_load() are shown.
   */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * RtesConflictView::resolved:
   * @id: the fiche
   * @path: the place settled (a conflict path)
   *
   * A conflict was settled and written: the fiche file may have changed;
   * its document takes it (rtes_workspace_reload_from_disk()).
   */
  signals[RESOLVED] = g_signal_new ("resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                    G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/fr/rtes/Fiches/sync/rtes-conflict-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RtesConflictView, stack);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictView, error_page);
  gtk_widget_class_bind_template_child (widget_class, RtesConflictView, rows_box);
}

static void
rtes_conflict_view_init (RtesConflictView *self)
{
  g_type_ensure (RTES_TYPE_CONFLICT_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
rtes_conflict_view_new (void)
{
  return g_object_new (RTES_TYPE_CONFLICT_VIEW, NULL);
}
