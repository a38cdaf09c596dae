/* rtes-undo-history.c: undo and redo of one fiche, as operations
 *
 * The history records what happened to the fiche, one operation per
 * change, as the model reports it: a field took a new value (the old one
 * is kept), a contact's or budget line's field did, items were removed
 * from or inserted into a list (copies of them are kept), or the whole
 * content was replaced (an import, a pull: copies before and after). It
 * never compares documents to guess what the person did.
 *
 * Old values come from a shadow copy of the fiche that follows every
 * change: GObject tells which property changed, not what it held before.
 *
 * The editor brackets what the person does (rtes_undo_history_begin_action
 * and end_action, through RtesDocument), so that a move (a removal then an
 * insertion), an add, a paste is one step, and undoing a move moves the
 * item back. A change made outside any bracket is a step of its own.
 * Typing is grouped by looking at the one field that changed: one
 * character more or less, next to where the last one went, within a
 * second, joins the step before; a space or punctuation ends the word and
 * the step with it.
 *
 * Steps are replayed on the same RtesFiche object, so every widget bound
 * to it refreshes by itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rtes-fiche-assign.h"
#include "rtes-fiche-json.h"
#include "rtes-undo-history.h"

/* Enough for a long editing session; the oldest steps go first. */
#define MAX_STEPS 500

typedef enum {
  OP_FIELD,        /* a property of the fiche */
  OP_ITEM_FIELD,   /* a property of the item at @position of a list */
  OP_SPLICE,       /* items removed and inserted at @position of a list */
  OP_CONTENT,      /* everything, replaced by rtes_fiche_assign() */
} OpKind;

typedef enum {
  LIST_NONE,
  LIST_CONTACTS,
  LIST_BUDGET_LINES,
} List;

typedef struct
{
  OpKind kind;
  List list;
  guint position;
  const char *property;     /* interned */
  GValue before;
  GValue after;
  GPtrArray *removed;       /* copies of the items removed */
  GPtrArray *added;         /* copies of the items inserted */
  RtesFiche *content_before;
  RtesFiche *content_after;
} Op;

typedef struct
{
  GPtrArray *ops;           /* Op*, in the order they happened */
  char *label;
  RtesChangeOrigin origin;
  guint group;

  /* Typing that may still join this step. */
  gboolean typing_open;
  gint64 last_time;
  gsize last_end;           /* byte offset in the field where typing ended */
} Step;

struct _RtesUndoHistory
{
  GObject parent_instance;

  /* owned references */
  RtesFiche *fiche;
  RtesFiche *shadow;        /* follows the fiche: the old value of each change */

  /* steps */
  GPtrArray *undo;          /* Step*, oldest first */
  GPtrArray *redo;          /* Step*, the last undone last */

  /* state */
  Step *current;            /* the action being recorded */
  guint depth;
  gboolean replaying;       /* undo, redo, apply: nothing is recorded */
  RtesChangeOrigin last_origin;
  RtesClockFunc clock;
};

G_DEFINE_FINAL_TYPE (RtesUndoHistory, rtes_undo_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Values ---------------------------------------------------------------- */

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  static const char * const empty[] = { NULL };

  return g_strv_equal (a != NULL ? a : empty, b != NULL ? b : empty);
}

static gboolean
values_equal (const GValue *a,
              const GValue *b)
{
  GType type = G_VALUE_TYPE (a);

  if (type == G_TYPE_STRING)
    return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
  if (type == G_TYPE_STRV)
    return strv_equal0 (g_value_get_boxed (a), g_value_get_boxed (b));
  if (type == G_TYPE_INT64)
    return g_value_get_int64 (a) == g_value_get_int64 (b);
  if (type == G_TYPE_INT)
    return g_value_get_int (a) == g_value_get_int (b);
  if (type == G_TYPE_DOUBLE)
    return g_value_get_double (a) == g_value_get_double (b);
  if (type == G_TYPE_BOOLEAN)
    return g_value_get_boolean (a) == g_value_get_boolean (b);
  /* A kind of property the model does not have yet: record it. */
  return FALSE;
}

static gboolean
is_number (const GValue *value)
{
  GType type = G_VALUE_TYPE (value);

  return type == G_TYPE_INT64 || type == G_TYPE_INT || type == G_TYPE_DOUBLE;
}

static gpointer
copy_item (gpointer item)
{
  if (RTES_IS_CONTACT (item))
    return rtes_contact_copy (item);
  return rtes_budget_line_copy (item);
}

static GPtrArray *
copy_items (GListModel *model,
            guint       position,
            guint       n)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = position; i < position + n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_ptr_array_add (items, copy_item (item));
    }
  return items;
}

static GPtrArray *
copy_array (GPtrArray *items)
{
  GPtrArray *copies = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (copies, copy_item (g_ptr_array_index (items, i)));
  return copies;
}

static GListStore *
store_of (RtesFiche *fiche,
          List       list)
{
  return list == LIST_CONTACTS ? rtes_fiche_get_contacts (fiche)
                               : rtes_fiche_get_budget_lines (fiche);
}

/* Operations and steps -------------------------------------------------- */

static void
op_free (Op *op)
{
  if (G_IS_VALUE (&op->before))
    g_value_unset (&op->before);
  if (G_IS_VALUE (&op->after))
    g_value_unset (&op->after);
  g_clear_pointer (&op->removed, g_ptr_array_unref);
  g_clear_pointer (&op->added, g_ptr_array_unref);
  g_clear_object (&op->content_before);
  g_clear_object (&op->content_after);
  g_free (op);
}

static Op *
op_new_value (OpKind        kind,
              List          list,
              guint         position,
              const char   *property,
              const GValue *before,
              const GValue *after)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  op->list = list;
  op->position = position;
  op->property = g_intern_string (property);
  g_value_init (&op->before, G_VALUE_TYPE (before));
  g_value_copy (before, &op->before);
  g_value_init (&op->after, G_VALUE_TYPE (after));
  g_value_copy (after, &op->after);
  return op;
}

static gboolean
op_same_target (Op *a,
                Op *b)
{
  return a->kind == b->kind && a->list == b->list && a->position == b->position &&
         a->property == b->property && (a->kind == OP_FIELD || a->kind == OP_ITEM_FIELD);
}

static void
op_set_after (Op           *op,
              const GValue *after)
{
  g_value_unset (&op->after);
  g_value_init (&op->after, G_VALUE_TYPE (after));
  g_value_copy (after, &op->after);
}

static gboolean
op_is_date (Op *op)
{
  return op->kind == OP_FIELD && g_str_equal (op->property, "updated");
}

static void
step_free (Step *step)
{
  g_ptr_array_unref (step->ops);
  g_free (step->label);
  g_free (step);
}

static Step *
step_new (RtesChangeOrigin  origin,
          const char       *label,
          guint             group)
{
  Step *step = g_new0 (Step, 1);

  step->ops = g_ptr_array_new_with_free_func ((GDestroyNotify) op_free);
  step->origin = origin;
  step->label = g_strdup (label);
  step->group = group;
  return step;
}

/* Two writes of the same field within one action are one operation (a
 * paste over a selection deletes, then inserts). */
static void
step_add (Step *step,
          Op   *op)
{
  Op *last = step->ops->len > 0 ? g_ptr_array_index (step->ops, step->ops->len - 1) : NULL;

  if (last != NULL && op_same_target (last, op))
    {
      op_set_after (last, &op->after);
      op_free (op);
      if (values_equal (&last->before, &last->after))
        g_ptr_array_remove_index (step->ops, step->ops->len - 1);
      return;
    }
  g_ptr_array_add (step->ops, op);
}

static gboolean
step_sets_date (Step *step)
{
  for (guint i = 0; i < step->ops->len; i++)
    if (op_is_date (g_ptr_array_index (step->ops, i)))
      return TRUE;
  return FALSE;
}

/* Typing ------------------------------------------------------------------ */

typedef struct
{
  Op *op;              /* the field typed in */
  Op *date;            /* the date stamped with it, or NULL */
  gsize prefix;        /* where the text changed, in bytes */
  gsize removed;
  gsize inserted;
  gboolean ends_word;
} Typing;

static gsize
one_character (const char *s,
               gsize       len)
{
  if (len == 0 || !g_utf8_validate (s, len, NULL))
    return 0;
  return (gsize) (g_utf8_next_char (s) - s) == len ? len : 0;
}

/* The one field a step of typing changed, and the date stamped with it. */
static gboolean
typing_ops (Step  *step,
            Op   **field,
            Op   **date)
{
  *field = *date = NULL;
  if (step->origin != RTES_CHANGE_ORIGIN_TYPED || step->label != NULL || step->group != 0)
    return FALSE;
  for (guint i = 0; i < step->ops->len; i++)
    {
      Op *op = g_ptr_array_index (step->ops, i);

      if (op->kind != OP_FIELD && op->kind != OP_ITEM_FIELD)
        return FALSE;
      if (op_is_date (op) && step->ops->len > 1 && *date == NULL)
        *date = op;
      else if (*field == NULL)
        *field = op;
      else
        return FALSE;
    }
  return *field != NULL;
}

/* The text a person types into: a string, or lines (address lines) read
 * as one text. NULL for other values. */
static char *
value_text (const GValue *value)
{
  if (G_VALUE_TYPE (value) == G_TYPE_STRING)
    return g_strdup (g_value_get_string (value) != NULL ? g_value_get_string (value) : "");
  if (G_VALUE_TYPE (value) == G_TYPE_STRV)
    {
      const char * const *lines = g_value_get_boxed (value);

      return lines != NULL ? g_strjoinv ("\n", (char **) lines) : g_strdup ("");
    }
  return NULL;
}

/* Whether @step is typing: one field of text or number changed, by one
 * character for text. */
static gboolean
step_is_typing (Step   *step,
                Typing *typing)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize old_len, new_len, prefix = 0, suffix = 0;

  memset (typing, 0, sizeof *typing);
  if (!typing_ops (step, &typing->op, &typing->date))
    return FALSE;
  if (is_number (&typing->op->after))
    return TRUE;
  before = value_text (&typing->op->before);
  after = value_text (&typing->op->after);
  if (before == NULL || after == NULL)
    return FALSE;

  old_len = strlen (before);
  new_len = strlen (after);
  while (prefix < old_len && prefix < new_len && before[prefix] == after[prefix])
    prefix++;
  /* Back to a character boundary: two characters may share lead bytes. */
  while (prefix > 0 && (((guchar) after[prefix] & 0xC0) == 0x80 ||
                        ((guchar) before[prefix] & 0xC0) == 0x80))
    prefix--;
  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         before[old_len - 1 - suffix] == after[new_len - 1 - suffix])
    suffix++;
  while (suffix > 0 && ((((guchar) after[new_len - suffix]) & 0xC0) == 0x80 ||
                        (((guchar) before[old_len - suffix]) & 0xC0) == 0x80))
    suffix--;
  typing->prefix = prefix;
  typing->removed = old_len - prefix - suffix;
  typing->inserted = new_len - prefix - suffix;

  if (typing->removed == 0 && one_character (after + prefix, typing->inserted) > 0)
    {
      gunichar c = g_utf8_get_char (after + prefix);

      typing->ends_word = g_unichar_isspace (c) || g_unichar_ispunct (c);
      return TRUE;
    }
  return typing->inserted == 0 && one_character (before + prefix, typing->removed) > 0;
}

static gint64
now_usec (RtesUndoHistory *self)
{
  return self->clock != NULL ? self->clock () : g_get_monotonic_time ();
}

static void
open_typing (Step   *step,
             Typing *typing,
             gint64  now)
{
  step->last_time = now;
  step->last_end = typing->prefix + typing->inserted;
  step->typing_open = !typing->ends_word;
}

/* Joins @step to @top when it goes on typing where @top left off. */
static gboolean
join_typing (Step   *top,
             Step   *step,
             gint64  now)
{
  Typing typing;
  Op *top_field, *top_date;
  guint index;

  if (top == NULL || !top->typing_open || now - top->last_time >= RTES_UNDO_PAUSE_USEC)
    return FALSE;
  if (!step_is_typing (step, &typing) || !typing_ops (top, &top_field, &top_date))
    return FALSE;
  if (!op_same_target (typing.op, top_field))
    return FALSE;
  if (!is_number (&typing.op->after) &&
      typing.prefix != top->last_end && typing.prefix + typing.removed != top->last_end)
    return FALSE;

  op_set_after (top_field, &typing.op->after);
  if (typing.date != NULL && top_date != NULL)
    op_set_after (top_date, &typing.date->after);
  else if (typing.date != NULL && g_ptr_array_find (step->ops, typing.date, &index))
    g_ptr_array_add (top->ops, g_ptr_array_steal_index (step->ops, index));
  open_typing (top, &typing, now);
  return TRUE;
}

static gboolean
step_changes_nothing (Step *step)
{
  for (guint i = 0; i < step->ops->len; i++)
    {
      Op *op = g_ptr_array_index (step->ops, i);

      /* The date goes with the edit; alone it is no edit. */
      if (op_is_date (op))
        continue;
      if ((op->kind != OP_FIELD && op->kind != OP_ITEM_FIELD) || !values_equal (&op->before, &op->after))
        return FALSE;
    }
  return TRUE;
}

/* Notifying ---------------------------------------------------------------- */

static Step *
top_of (GPtrArray *steps)
{
  return steps->len > 0 ? g_ptr_array_index (steps, steps->len - 1) : NULL;
}

static void
notify_steps (RtesUndoHistory *self,
              gboolean         could_undo,
              gboolean         could_redo)
{
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  if (could_undo != rtes_undo_history_can_undo (self))
    g_object_notify_by_pspec (object, properties[PROP_CAN_UNDO]);
  if (could_redo != rtes_undo_history_can_redo (self))
    g_object_notify_by_pspec (object, properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (object, properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (object, properties[PROP_REDO_LABEL]);
  g_object_thaw_notify (object);
}

static void
push_step (RtesUndoHistory *self,
           Step            *step)
{
  gboolean could_undo = rtes_undo_history_can_undo (self);
  gboolean could_redo = rtes_undo_history_can_redo (self);
  gint64 now = now_usec (self);
  Typing typing;

  g_ptr_array_set_size (self->redo, 0);
  if (join_typing (top_of (self->undo), step, now))
    {
      step_free (step);
      /* Typing that came back to where it began ("3", then erased): an
       * undo step that changes nothing would only puzzle. */
      if (step_changes_nothing (top_of (self->undo)))
        g_ptr_array_remove_index (self->undo, self->undo->len - 1);
    }
  else
    {
      if (step_is_typing (step, &typing))
        open_typing (step, &typing, now);
      g_ptr_array_add (self->undo, step);
      if (self->undo->len > MAX_STEPS)
        g_ptr_array_remove_index (self->undo, 0);
    }
  notify_steps (self, could_undo, could_redo);
}

/* Recording ---------------------------------------------------------------- */

static void
stamp_today (RtesUndoHistory *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  if (g_strcmp0 (rtes_fiche_get_updated (self->fiche), today) != 0)
    rtes_fiche_set_updated (self->fiche, today);
}

static void
begin (RtesUndoHistory  *self,
       RtesChangeOrigin  origin,
       const char       *label)
{
  if (self->depth++ == 0)
    self->current = step_new (origin, label, 0);
}

static void
end (RtesUndoHistory *self)
{
  Step *step;

  g_return_if_fail (self->depth > 0);

  /* "Dernière mise à jour" is when the content last changed: the date
   * goes with the edit, in the same step, so undo takes both back. */
  if (self->depth == 1 && self->current->ops->len > 0 &&
      self->current->origin == RTES_CHANGE_ORIGIN_TYPED && !step_sets_date (self->current))
    stamp_today (self);

  if (--self->depth > 0)
    return;

  step = g_steal_pointer (&self->current);
  if (step->ops->len == 0)
    {
      step_free (step);
      return;
    }
  self->last_origin = step->origin;
  push_step (self, step);
  g_signal_emit (self, signals[CHANGED], 0, self->last_origin);
}

/* A change outside any action is an action of its own. */
static void
record (RtesUndoHistory *self,
        Op              *op)
{
  gboolean alone = self->depth == 0;

  if (self->replaying)
    {
      op_free (op);
      return;
    }
  if (alone)
    begin (self, RTES_CHANGE_ORIGIN_TYPED, NULL);
  step_add (self->current, op);
  if (alone)
    end (self);
}

static void
on_fiche_notify (RtesFiche       *fiche,
                 GParamSpec      *pspec,
                 RtesUndoHistory *self)
{
  g_auto(GValue) before = G_VALUE_INIT;
  g_auto(GValue) after = G_VALUE_INIT;

  /* The id is the file's name: renaming is not an edit to undo. */
  if (pspec->owner_type != RTES_TYPE_FICHE || !(pspec->flags & G_PARAM_WRITABLE) ||
      g_str_equal (pspec->name, "id"))
    return;

  g_value_init (&before, pspec->value_type);
  g_value_init (&after, pspec->value_type);
  g_object_get_property (G_OBJECT (self->shadow), pspec->name, &before);
  g_object_get_property (G_OBJECT (fiche), pspec->name, &after);
  if (values_equal (&before, &after))
    return;
  g_object_set_property (G_OBJECT (self->shadow), pspec->name, &after);
  record (self, op_new_value (OP_FIELD, LIST_NONE, 0, pspec->name, &before, &after));
}

static void
on_item_notify (GObject         *item,
                GParamSpec      *pspec,
                RtesUndoHistory *self)
{
  List list = RTES_IS_CONTACT (item) ? LIST_CONTACTS : LIST_BUDGET_LINES;
  g_autoptr(GObject) shadow_item = NULL;
  g_auto(GValue) before = G_VALUE_INIT;
  g_auto(GValue) after = G_VALUE_INIT;
  guint position;

  /* An item removed from the list (kept alive elsewhere) is not ours. */
  if (!g_list_store_find (store_of (self->fiche, list), item, &position) ||
      !(pspec->flags & G_PARAM_WRITABLE))
    return;
  shadow_item = g_list_model_get_item (G_LIST_MODEL (store_of (self->shadow, list)), position);
  if (shadow_item == NULL)
    return;

  g_value_init (&before, pspec->value_type);
  g_value_init (&after, pspec->value_type);
  g_object_get_property (shadow_item, pspec->name, &before);
  g_object_get_property (item, pspec->name, &after);
  if (values_equal (&before, &after))
    return;
  g_object_set_property (shadow_item, pspec->name, &after);
  record (self, op_new_value (OP_ITEM_FIELD, list, position, pspec->name, &before, &after));
}

static void
watch_item (RtesUndoHistory *self,
            GObject         *item)
{
  /* A moved item is removed and inserted again: connect it once. */
  g_signal_handlers_disconnect_by_func (item, on_item_notify, self);
  g_signal_connect_object (item, "notify", G_CALLBACK (on_item_notify), self, 0);
}

static void
on_items_changed (GListModel      *model,
                  guint            position,
                  guint            removed,
                  guint            added,
                  RtesUndoHistory *self)
{
  List list = G_LIST_STORE (model) == rtes_fiche_get_contacts (self->fiche) ? LIST_CONTACTS
                                                                             : LIST_BUDGET_LINES;
  GListStore *shadow_store = store_of (self->shadow, list);
  g_autoptr(GPtrArray) shadow_added = copy_items (model, position, added);
  Op *op;

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      watch_item (self, item);
    }

  op = g_new0 (Op, 1);
  op->kind = OP_SPLICE;
  op->list = list;
  op->position = position;
  /* The shadow's items leave it: nothing changes them any more. */
  op->removed = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = position; i < position + removed; i++)
    g_ptr_array_add (op->removed, g_list_model_get_item (G_LIST_MODEL (shadow_store), i));
  op->added = copy_items (model, position, added);
  g_list_store_splice (shadow_store, position, removed, shadow_added->pdata, shadow_added->len);

  if (removed == 0 && added == 0)
    op_free (op);
  else
    record (self, op);
}

/* Replaying ---------------------------------------------------------------- */

static void
op_apply (RtesUndoHistory *self,
          Op              *op,
          gboolean         forward)
{
  switch (op->kind)
    {
    case OP_FIELD:
      g_object_set_property (G_OBJECT (self->fiche), op->property, forward ? &op->after : &op->before);
      break;

    case OP_ITEM_FIELD:
      {
        GListModel *model = G_LIST_MODEL (store_of (self->fiche, op->list));
        g_autoptr(GObject) item = g_list_model_get_item (model, op->position);

        if (item == NULL)
          {
            g_critical ("Undo: no item %u in the list", op->position);
            return;
          }
        g_object_set_property (item, op->property, forward ? &op->after : &op->before);
      }
      break;

    case OP_SPLICE:
      {
        GListStore *store = store_of (self->fiche, op->list);
        GPtrArray *out = forward ? op->removed : op->added;
        g_autoptr(GPtrArray) in = copy_array (forward ? op->added : op->removed);

        if (op->position + out->len > g_list_model_get_n_items (G_LIST_MODEL (store)))
          {
            g_critical ("Undo: the list is shorter than the step expects");
            return;
          }
        g_list_store_splice (store, op->position, out->len, in->pdata, in->len);
      }
      break;

    case OP_CONTENT:
      rtes_fiche_assign (self->fiche, forward ? op->content_after : op->content_before);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
replay (RtesUndoHistory *self,
        Step            *step,
        gboolean         forward)
{
  self->replaying = TRUE;
  if (forward)
    for (guint i = 0; i < step->ops->len; i++)
      op_apply (self, g_ptr_array_index (step->ops, i), TRUE);
  else
    for (guint i = step->ops->len; i > 0; i--)
      op_apply (self, g_ptr_array_index (step->ops, i - 1), FALSE);
  self->replaying = FALSE;
  step->typing_open = FALSE;
}

static gboolean
move_step (RtesUndoHistory *self,
           GPtrArray       *from,
           GPtrArray       *to,
           gboolean         forward)
{
  gboolean could_undo = rtes_undo_history_can_undo (self);
  gboolean could_redo = rtes_undo_history_can_redo (self);
  Step *step;

  if (self->depth > 0 || from->len == 0)
    return FALSE;
  step = g_ptr_array_steal_index (from, from->len - 1);
  replay (self, step, forward);
  g_ptr_array_add (to, step);
  self->last_origin = RTES_CHANGE_ORIGIN_TYPED;
  notify_steps (self, could_undo, could_redo);
  g_signal_emit (self, signals[CHANGED], 0, self->last_origin);
  return TRUE;
}

/* Public ---------------------------------------------------------------- */

void
rtes_undo_history_begin_action (RtesUndoHistory  *self,
                                RtesChangeOrigin  origin,
                                const char       *label)
{
  g_return_if_fail (RTES_IS_UNDO_HISTORY (self));
  g_return_if_fail (!self->replaying);

  begin (self, origin, label);
}

void
rtes_undo_history_end_action (RtesUndoHistory *self)
{
  g_return_if_fail (RTES_IS_UNDO_HISTORY (self));
  g_return_if_fail (self->depth > 0);

  end (self);
}

gboolean
rtes_undo_history_in_action (RtesUndoHistory *self)
{
  g_return_val_if_fail (RTES_IS_UNDO_HISTORY (self), FALSE);
  return self->depth > 0;
}

gboolean
rtes_undo_history_apply_content (RtesUndoHistory  *self,
                                 RtesFiche        *content,
                                 RtesChangeOrigin  origin,
                                 const char       *label,
                                 guint             group)
{
  g_autoptr(RtesFiche) before = NULL;
  g_autoptr(RtesFiche) after = NULL;
  Step *step;
  Op *op;

  g_return_val_if_fail (RTES_IS_UNDO_HISTORY (self), FALSE);
  g_return_val_if_fail (RTES_IS_FICHE (content), FALSE);
  g_return_val_if_fail (self->depth == 0 && !self->replaying, FALSE);

  before = rtes_fiche_copy (self->fiche);
  self->replaying = TRUE;
  rtes_fiche_assign (self->fiche, content);
  self->replaying = FALSE;
  after = rtes_fiche_copy (self->fiche);
  if (rtes_fiche_equal (before, after))
    return FALSE;

  op = g_new0 (Op, 1);
  op->kind = OP_CONTENT;
  op->content_before = g_steal_pointer (&before);
  op->content_after = g_steal_pointer (&after);
  step = step_new (origin, label, group);
  g_ptr_array_add (step->ops, op);
  self->last_origin = origin;
  push_step (self, step);
  g_signal_emit (self, signals[CHANGED], 0, origin);
  return TRUE;
}

gboolean
rtes_undo_history_can_undo (RtesUndoHistory *self)
{
  g_return_val_if_fail (RTES_IS_UNDO_HISTORY (self), FALSE);
  return self->undo->len > 0;
}

gboolean
rtes_undo_history_can_redo (RtesUndoHistory *self)
{
  g_return_val_if_fail (RTES_IS_UNDO_HISTORY (self), FALSE);
  return self->redo->len > 0;
}

gboolean
rtes_undo_history_undo (RtesUndoHistory *self)
{
  g_return_val_if_fail (RTES_IS_UNDO_HISTORY (self), FALSE);
  return move_step (self, self->undo, self->redo, FALSE);
}

gboolean
rtes_undo_history_redo (RtesUndoHistory *self)
{
  g_return_val_if_fail (RTES_IS_UNDO_HISTORY (self), FALSE);
  return move_step (self, self->redo, self->undo, TRUE);
}

const char *
rtes_undo_history_get_undo_label (RtesUndoHistory *self)
{
  Step *top;

  g_return_val_if_fail (RTES_IS_UNDO_HISTORY (self), NULL);
  top = top_of (self->undo);
  return top != NULL ? top->label : NULL;
}

const char *
rtes_undo_history_get_redo_label (RtesUndoHistory *self)
{
  Step *top;

  g_return_val_if_fail (RTES_IS_UNDO_HISTORY (self), NULL);
  top = top_of (self->redo);
  return top != NULL ? top->label : NULL;
}

guint
rtes_undo_history_get_undo_group (RtesUndoHistory *self)
{
  Step *top;

  g_return_val_if_fail (RTES_IS_UNDO_HISTORY (self), 0);
  top = top_of (self->undo);
  return top != NULL ? top->group : 0;
}

RtesChangeOrigin
rtes_undo_history_get_last_origin (RtesUndoHistory *self)
{
  g_return_val_if_fail (RTES_IS_UNDO_HISTORY (self), RTES_CHANGE_ORIGIN_TYPED);
  return self->last_origin;
}

void
rtes_undo_history_break_group (RtesUndoHistory *self)
{
  Step *top;

  g_return_if_fail (RTES_IS_UNDO_HISTORY (self));
  top = top_of (self->undo);
  if (top != NULL)
    top->typing_open = FALSE;
}

void
rtes_undo_history_set_clock (RtesUndoHistory *self,
                             RtesClockFunc    clock)
{
  g_return_if_fail (RTES_IS_UNDO_HISTORY (self));
  self->clock = clock;
}

RtesFiche *
rtes_undo_history_get_fiche (RtesUndoHistory *self)
{
  g_return_val_if_fail (RTES_IS_UNDO_HISTORY (self), NULL);
  return self->fiche;
}

/* GObject ---------------------------------------------------------------- */

static void
unwatch_items (RtesUndoHistory *self,
               List             list)
{
  GListModel *model = G_LIST_MODEL (store_of (self->fiche, list));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_signal_handlers_disconnect_by_func (item, on_item_notify, self);
    }
}

static void
rtes_undo_history_dispose (GObject *object)
{
  RtesUndoHistory *self = RTES_UNDO_HISTORY (object);

  if (self->fiche != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->fiche, self);
      g_signal_handlers_disconnect_by_data (rtes_fiche_get_contacts (self->fiche), self);
      g_signal_handlers_disconnect_by_data (rtes_fiche_get_budget_lines (self->fiche), self);
      unwatch_items (self, LIST_CONTACTS);
      unwatch_items (self, LIST_BUDGET_LINES);
    }
  g_clear_object (&self->fiche);
  g_clear_object (&self->shadow);

  G_OBJECT_CLASS (rtes_undo_history_parent_class)->dispose (object);
}

static void
rtes_undo_history_finalize (GObject *object)
{
  RtesUndoHistory *self = RTES_UNDO_HISTORY (object);

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->current, step_free);

  G_OBJECT_CLASS (rtes_undo_history_parent_class)->finalize (object);
}

static void
rtes_undo_history_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RtesUndoHistory *self = RTES_UNDO_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, rtes_undo_history_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, rtes_undo_history_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, rtes_undo_history_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, rtes_undo_history_get_redo_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_undo_history_class_init (RtesUndoHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = rtes_undo_history_dispose;
  object_class->finalize = rtes_undo_history_finalize;
  object_class->get_property = rtes_undo_history_get_property;

  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, flags);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, flags);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RtesUndoHistory::changed:
   * @origin: where the change came from (undo and redo are typed)
   *
   * Emitted once the fiche changed by a whole step: after an action, an
   * undo, a redo or an apply, never in the middle of one.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, RTES_TYPE_CHANGE_ORIGIN);
}

static void
rtes_undo_history_init (RtesUndoHistory *self)
{
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
}

static void
watch_list (RtesUndoHistory *self,
            List             list)
{
  GListStore *store = store_of (self->fiche, list);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i);

      watch_item (self, item);
    }
  g_signal_connect_object (store, "items-changed", G_CALLBACK (on_items_changed), self, 0);
}

RtesUndoHistory *
rtes_undo_history_new (RtesFiche *fiche)
{
  RtesUndoHistory *self;

  g_return_val_if_fail (RTES_IS_FICHE (fiche), NULL);

  self = g_object_new (RTES_TYPE_UNDO_HISTORY, NULL);
  self->fiche = g_object_ref (fiche);
  self->shadow = rtes_fiche_copy (fiche);
  g_signal_connect_object (fiche, "notify", G_CALLBACK (on_fiche_notify), self, 0);
  watch_list (self, LIST_CONTACTS);
  watch_list (self, LIST_BUDGET_LINES);
  return self;
}
