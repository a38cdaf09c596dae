/* rtes-fiche-history.c: undo and redo over every field of one fiche
 *
 * The history knows nothing about widgets. It listens to the fiche's
 * ::changed signal, which the model emits for any edit (fields, contacts,
 * budget lines), and keeps snapshots of the whole document in its
 * canonical bytes. A snapshot of a fiche is a few kilobytes, so keeping a
 * few hundred of them costs less than recording field-level operations
 * for every kind of edit the editor pages can make, and it is exactly
 * right for edits nobody anticipated (a paste into a contact, a reordered
 * budget line).
 *
 * Undo applies a snapshot back to the same RtesFiche object with
 * rtes_fiche_assign(), so every widget bound to the fiche refreshes and
 * nothing has to swap objects.
 *
 * Typing is grouped: consecutive one-character insertions or deletions at
 * the position where the previous one ended, without a pause, form one
 * step; a space or punctuation ends the word and so the step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-fiche-assign.h"
#include "rtes-fiche-history.h"
#include "rtes-fiche-json.h"

/* Enough for a long editing session; the oldest steps go first. */
#define MAX_STEPS 500

struct _RtesFicheHistory
{
  GObject parent_instance;

  RtesFiche *fiche;
  gulong changed_id;

  GPtrArray *undo;      /* char *: document before each step, oldest first */
  GPtrArray *redo;      /* char *: document after each undone step */
  char *current;        /* document as of the last change seen */

  /* Grouping of typing. */
  gboolean group_open;
  gint64 last_time;
  gsize last_end;       /* byte offset in ->current where the last typed text ended */
  RtesClockFunc clock;

  gboolean applying;
};

G_DEFINE_FINAL_TYPE (RtesFicheHistory, rtes_fiche_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
snapshot (RtesFiche *fiche)
{
  return rtes_fiche_to_data (fiche, NULL);
}

static void
notify_can (RtesFicheHistory *self,
            gboolean          could_undo,
            gboolean          could_redo)
{
  if (could_undo != rtes_fiche_history_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != rtes_fiche_history_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* Length in bytes of the UTF-8 character at @s when @len bytes are exactly
 * one character, else 0. Escaped characters in the canonical JSON ("\n",
 * "\"") count as one character too. */
static gsize
one_character (const char *s,
               gsize       len)
{
  if (len == 0)
    return 0;
  if (s[0] == '\\')
    return (len == 2 || (len == 6 && s[1] == 'u')) ? len : 0;
  if ((gsize) (g_utf8_next_char (s) - s) == len && g_utf8_validate (s, len, NULL))
    return len;
  return 0;
}

/* Whether a typed character ends a word, closing the step after it. */
static gboolean
ends_word (const char *s,
           gsize       len)
{
  gunichar c;

  if (s[0] == '\\')
    return TRUE; /* escaped newline, tab or quote */
  c = g_utf8_get_char_validated (s, len);
  return g_unichar_isspace (c) || g_unichar_ispunct (c);
}

/* Whether the bytes that changed all lie on the top-level "updated" line.
 * The editor dates the fiche when its content changes: that is part of
 * the edit that caused it, not a step of its own to undo separately. */
static gboolean
only_date_changed (const char *old_text,
                   gsize       old_len,
                   gsize       prefix,
                   gsize       suffix)
{
  const char *line = strstr (old_text, "\n  \"updated\": ");
  gsize start, end;

  if (line == NULL)
    return FALSE;
  start = line - old_text + 1;
  end = start + strcspn (old_text + start, "\n");
  return prefix >= start && old_len - suffix <= end;
}

static void
push_step (RtesFicheHistory *self,
           char             *before)
{
  g_ptr_array_add (self->undo, before);
  if (self->undo->len > MAX_STEPS)
    g_ptr_array_remove_index (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
}

static void
on_fiche_changed (RtesFicheHistory *self)
{
  g_autofree char *now_text = NULL;
  gboolean could_undo = rtes_fiche_history_can_undo (self);
  gboolean could_redo = rtes_fiche_history_can_redo (self);
  gsize old_len, new_len, prefix = 0, suffix = 0, removed, inserted;
  gboolean typing, continues;
  gint64 now;

  if (self->applying)
    return;

  now_text = snapshot (self->fiche);
  if (g_strcmp0 (now_text, self->current) == 0)
    return;

  /* Where the two documents differ: one run of bytes replaced by another. */
  old_len = strlen (self->current);
  new_len = strlen (now_text);
  while (prefix < old_len && prefix < new_len && self->current[prefix] == now_text[prefix])
    prefix++;
  /* Back up to a character boundary so that a multi-byte character that
   * shares its first bytes with another is seen whole. */
  while (prefix > 0 && (now_text[prefix] & 0xC0) == 0x80)
    prefix--;
  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         self->current[old_len - 1 - suffix] == now_text[new_len - 1 - suffix])
    suffix++;
  while (suffix > 0 && (now_text[new_len - suffix] & 0xC0) == 0x80)
    suffix--;
  removed = old_len - prefix - suffix;
  inserted = new_len - prefix - suffix;

  now = self->clock ? self->clock () : g_get_monotonic_time ();

  /* The date stamped right after an edit goes with that edit: undoing it
   * brings the old date back too. A date typed by the person comes on its
   * own, later, and is a step like any other. */
  if (self->undo->len > 0 && now - self->last_time < RTES_FICHE_HISTORY_PAUSE_USEC / 10 &&
      only_date_changed (self->current, old_len, prefix, suffix))
    {
      g_free (self->current);
      self->current = g_steal_pointer (&now_text);
      return;
    }

  typing = (removed == 0 && one_character (now_text + prefix, inserted) > 0) ||
           (inserted == 0 && one_character (self->current + prefix, removed) > 0);
  continues = self->group_open && typing &&
              now - self->last_time < RTES_FICHE_HISTORY_PAUSE_USEC &&
              (prefix == self->last_end || prefix + removed == self->last_end);

  if (!continues)
    push_step (self, g_steal_pointer (&self->current));

  g_free (self->current);
  self->current = g_steal_pointer (&now_text);
  self->last_time = now;
  self->last_end = prefix + inserted;
  self->group_open = typing &&
                     !(inserted > 0 && ends_word (self->current + prefix, inserted));

  notify_can (self, could_undo, could_redo);
}

static void
apply (RtesFicheHistory *self,
       const char       *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesFiche) state = rtes_fiche_new_from_data (data, -1, "undo", &error);

  /* Snapshots are our own canonical output, so this cannot fail unless the
   * model changed its format under us. */
  if (state == NULL)
    {
      g_critical ("Cannot restore an undo step: %s", error->message);
      return;
    }

  self->applying = TRUE;
  rtes_fiche_assign (self->fiche, state);
  self->applying = FALSE;

  g_free (self->current);
  self->current = snapshot (self->fiche);
  self->group_open = FALSE;
}

gboolean
rtes_fiche_history_undo (RtesFicheHistory *self)
{
  gboolean could_redo;
  char *before;

  g_return_val_if_fail (RTES_IS_FICHE_HISTORY (self), FALSE);

  if (self->undo->len == 0)
    return FALSE;

  could_redo = rtes_fiche_history_can_redo (self);
  before = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  g_ptr_array_add (self->redo, g_strdup (self->current));
  apply (self, before);
  g_free (before);
  notify_can (self, TRUE, could_redo);
  return TRUE;
}

gboolean
rtes_fiche_history_redo (RtesFicheHistory *self)
{
  gboolean could_undo;
  char *after;

  g_return_val_if_fail (RTES_IS_FICHE_HISTORY (self), FALSE);

  if (self->redo->len == 0)
    return FALSE;

  could_undo = rtes_fiche_history_can_undo (self);
  after = g_ptr_array_steal_index (self->redo, self->redo->len - 1);
  g_ptr_array_add (self->undo, g_strdup (self->current));
  apply (self, after);
  g_free (after);
  notify_can (self, could_undo, TRUE);
  return TRUE;
}

gboolean
rtes_fiche_history_can_undo (RtesFicheHistory *self)
{
  g_return_val_if_fail (RTES_IS_FICHE_HISTORY (self), FALSE);
  return self->undo->len > 0;
}

gboolean
rtes_fiche_history_can_redo (RtesFicheHistory *self)
{
  g_return_val_if_fail (RTES_IS_FICHE_HISTORY (self), FALSE);
  return self->redo->len > 0;
}

void
rtes_fiche_history_break_group (RtesFicheHistory *self)
{
  g_return_if_fail (RTES_IS_FICHE_HISTORY (self));
  self->group_open = FALSE;
}


void
rtes_fiche_history_set_clock (RtesFicheHistory *self,
                              RtesClockFunc     clock)
{
  g_return_if_fail (RTES_IS_FICHE_HISTORY (self));
  self->clock = clock;
}

RtesFiche *
rtes_fiche_history_get_fiche (RtesFicheHistory *self)
{
  g_return_val_if_fail (RTES_IS_FICHE_HISTORY (self), NULL);
  return self->fiche;
}

static void
rtes_fiche_history_dispose (GObject *object)
{
  RtesFicheHistory *self = RTES_FICHE_HISTORY (object);

  g_clear_signal_handler (&self->changed_id, self->fiche);
  g_clear_object (&self->fiche);

  G_OBJECT_CLASS (rtes_fiche_history_parent_class)->dispose (object);
}

static void
rtes_fiche_history_finalize (GObject *object)
{
  RtesFicheHistory *self = RTES_FICHE_HISTORY (object);

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->current, g_free);

  G_OBJECT_CLASS (rtes_fiche_history_parent_class)->finalize (object);
}

static void
rtes_fiche_history_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RtesFicheHistory *self = RTES_FICHE_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, rtes_fiche_history_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, rtes_fiche_history_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_fiche_history_class_init (RtesFicheHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rtes_fiche_history_dispose;
  object_class->finalize = rtes_fiche_history_finalize;
  object_class->get_property = rtes_fiche_history_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rtes_fiche_history_init (RtesFicheHistory *self)
{
  self->undo = g_ptr_array_new_with_free_func (g_free);
  self->redo = g_ptr_array_new_with_free_func (g_free);
}

RtesFicheHistory *
rtes_fiche_history_new (RtesFiche *fiche)
{
  RtesFicheHistory *self;

  g_return_val_if_fail (RTES_IS_FICHE (fiche), NULL);

  self = g_object_new (RTES_TYPE_FICHE_HISTORY, NULL);
  self->fiche = g_object_ref (fiche);
  self->current = snapshot (fiche);
  self->changed_id = g_signal_connect_object (fiche, "changed",
                                              G_CALLBACK (on_fiche_changed), self,
                                              G_CONNECT_SWAPPED);
  return self;
}
