/* rtes-text-view-spelling.c: misspelt words underlined in a GtkTextView
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rtes-review-context-private.h"
#include "rtes-text-view-spelling.h"

/* Object data: the view may be any GtkTextView, the only place to keep us on it. */
#define DATA_KEY "rtes-text-view-spelling"
#define TAG_NAME "rtes-misspelt"

struct _RtesTextViewSpelling
{
  GObject parent_instance;

  /* the view owns us: plain pointers, cleared when it goes */
  GtkTextView *view;
  GtkTextBuffer *buffer;

  /* owned references */
  RtesReviewContext *context;
  GtkTextTag *tag;
  GMenu *menu;            /* the view's extra menu: ours, then any before */
  GMenu *section;         /* the misspelt word's items */
  GSimpleActionGroup *actions;
  GCancellable *cancellable;

  /* state */
  GtkTextMark *dirty_start;   /* what changed since the last check */
  GtkTextMark *dirty_end;
  GtkTextMark *typed;         /* where the last change was made */
  guint check_source;
  guint pending;              /* checks in worker threads */
  gboolean typing;            /* the last change was typed at the cursor */
  char *menu_word;            /* whose suggestions the menu waits for */
  guint menu_start;
  guint menu_end;
};

G_DEFINE_FINAL_TYPE (RtesTextViewSpelling, rtes_text_view_spelling, G_TYPE_OBJECT)

/* ---- what to check ---- */

static gboolean
line_is_blank (GtkTextBuffer *buffer,
               int            line)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_iter_at_line (buffer, &start, line);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  text = gtk_text_iter_get_text (&start, &end);
  g_strstrip (text);
  return text[0] == '\0';
}

/* Widens [@start, @end] to the paragraphs they touch: lines up to a blank
 * line on either side. */
static void
extend_to_paragraphs (GtkTextBuffer *buffer,
                      GtkTextIter   *start,
                      GtkTextIter   *end)
{
  int first = gtk_text_iter_get_line (start);
  int last = gtk_text_iter_get_line (end);
  int lines = gtk_text_buffer_get_line_count (buffer);

  while (first > 0 && !line_is_blank (buffer, first - 1))
    first--;
  while (last + 1 < lines && !line_is_blank (buffer, last + 1))
    last++;
  gtk_text_buffer_get_iter_at_line (buffer, start, first);
  gtk_text_buffer_get_iter_at_line (buffer, end, last);
  if (!gtk_text_iter_ends_line (end))
    gtk_text_iter_forward_to_line_end (end);
}

typedef struct {
  RtesTextViewSpelling *self;   /* a reference while the check runs */
  int offset;                   /* characters: where @text starts in the buffer */
  char *text;
} Request;

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  g_free (request->text);
  g_free (request);
}

static gboolean
cursor_in (RtesTextViewSpelling *self,
           const GtkTextIter    *start,
           const GtkTextIter    *end)
{
  GtkTextIter cursor;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor, gtk_text_buffer_get_insert (self->buffer));
  return gtk_text_iter_compare (&cursor, start) >= 0 && gtk_text_iter_compare (&cursor, end) <= 0;
}

static void
apply (RtesTextViewSpelling *self,
       Request              *request,
       GPtrArray            *misspellings)
{
  GtkTextIter start, end;
  g_autofree char *now = NULL;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &start, request->offset);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end, request->offset + g_utf8_strlen (request->text, -1));
  now = gtk_text_iter_get_text (&start, &end);
  /* Changed meanwhile: that change has its own check coming. */
  if (g_strcmp0 (now, request->text) != 0)
    return;

  gtk_text_buffer_remove_tag (self->buffer, self->tag, &start, &end);
  for (guint i = 0; misspellings != NULL && i < misspellings->len; i++)
    {
      RtesMisspelling *m = g_ptr_array_index (misspellings, i);
      GtkTextIter ws, we;

      gtk_text_buffer_get_iter_at_offset (self->buffer, &ws,
                                          request->offset + g_utf8_pointer_to_offset (request->text, request->text + m->start));
      gtk_text_buffer_get_iter_at_offset (self->buffer, &we,
                                          request->offset + g_utf8_pointer_to_offset (request->text, request->text + m->end));
      /* The word being typed is not finished yet. */
      if (self->typing && cursor_in (self, &ws, &we))
        continue;
      gtk_text_buffer_apply_tag (self->buffer, self->tag, &ws, &we);
    }
}

static void
check_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Request *request = user_data;
  RtesTextViewSpelling *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) misspellings = rtes_review_context_check_finish (RTES_REVIEW_CONTEXT (source),
                                                                        result, &error);

  self->pending--;
  if (error == NULL && self->buffer != NULL)
    apply (self, request, misspellings);
  request_free (request);
}

static gboolean
check_cb (gpointer data)
{
  RtesTextViewSpelling *self = data;
  GtkTextIter start, end;
  Request *request;

  self->check_source = 0;
  if (self->buffer == NULL || self->dirty_start == NULL)
    return G_SOURCE_REMOVE;
  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, self->dirty_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &end, self->dirty_end);
  gtk_text_iter_order (&start, &end);
  gtk_text_buffer_delete_mark (self->buffer, self->dirty_start);
  gtk_text_buffer_delete_mark (self->buffer, self->dirty_end);
  self->dirty_start = self->dirty_end = NULL;
  if (rtes_review_context_get_speller (self->context) == NULL)
    return G_SOURCE_REMOVE;

  extend_to_paragraphs (self->buffer, &start, &end);
  request = g_new0 (Request, 1);
  request->self = g_object_ref (self);
  request->offset = gtk_text_iter_get_offset (&start);
  request->text = gtk_text_iter_get_text (&start, &end);
  self->pending++;
  rtes_review_context_check_async (self->context, request->text, self->cancellable, check_done, request);
  return G_SOURCE_REMOVE;
}

/* Adds [@start, @end] to what the next check looks at. */
static void
mark_dirty (RtesTextViewSpelling *self,
            const GtkTextIter    *start,
            const GtkTextIter    *end)
{
  if (self->dirty_start == NULL)
    {
      self->dirty_start = gtk_text_buffer_create_mark (self->buffer, NULL, start, TRUE);
      self->dirty_end = gtk_text_buffer_create_mark (self->buffer, NULL, end, FALSE);
    }
  else
    {
      GtkTextIter s, e;

      gtk_text_buffer_get_iter_at_mark (self->buffer, &s, self->dirty_start);
      gtk_text_buffer_get_iter_at_mark (self->buffer, &e, self->dirty_end);
      if (gtk_text_iter_compare (start, &s) < 0)
        gtk_text_buffer_move_mark (self->buffer, self->dirty_start, start);
      if (gtk_text_iter_compare (end, &e) > 0)
        gtk_text_buffer_move_mark (self->buffer, self->dirty_end, end);
    }
  /* Low priority: after the keystroke is drawn. */
  if (self->check_source == 0)
    self->check_source = g_idle_add_full (G_PRIORITY_LOW, check_cb, self, NULL);
}

static void
mark_all_dirty (RtesTextViewSpelling *self)
{
  GtkTextIter start, end;

  if (self->buffer == NULL)
    return;
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  mark_dirty (self, &start, &end);
}

static void
remember_change (RtesTextViewSpelling *self,
                 const GtkTextIter    *where)
{
  self->typing = TRUE;
  if (self->typed == NULL)
    self->typed = gtk_text_buffer_create_mark (self->buffer, NULL, where, FALSE);
  else
    gtk_text_buffer_move_mark (self->buffer, self->typed, where);
}

static void
on_insert_text (GtkTextBuffer        *buffer,
                GtkTextIter          *location,
                const char           *text,
                int                   length,
                RtesTextViewSpelling *self)
{
  GtkTextIter start = *location;

  /* Connected after: @location is the end of what was inserted. */
  gtk_text_iter_backward_chars (&start, g_utf8_strlen (text, length));
  mark_dirty (self, &start, location);
  remember_change (self, location);
}

static void
on_delete_range (GtkTextBuffer        *buffer,
                 GtkTextIter          *start,
                 GtkTextIter          *end,
                 RtesTextViewSpelling *self)
{
  mark_dirty (self, start, end);
  remember_change (self, start);
}

static void
on_mark_set (GtkTextBuffer        *buffer,
             const GtkTextIter    *location,
             GtkTextMark          *mark,
             RtesTextViewSpelling *self)
{
  GtkTextIter typed;

  if (mark != gtk_text_buffer_get_insert (buffer) || !self->typing || self->typed == NULL)
    return;
  /* The cursor left the word being typed: it may be underlined now. */
  self->typing = FALSE;
  gtk_text_buffer_get_iter_at_mark (buffer, &typed, self->typed);
  mark_dirty (self, &typed, &typed);
}

/* ---- the context menu ---- */

static void
set_menu_word (RtesTextViewSpelling *self,
               const char           *word,
               guint                 start,
               guint                 end,
               const char * const   *suggestions)
{
  g_menu_remove_all (self->section);
  g_clear_pointer (&self->menu_word, g_free);
  if (word == NULL)
    return;
  self->menu_word = g_strdup (word);
  self->menu_start = start;
  self->menu_end = end;
  rtes_spelling_fill_menu (self->section, word, start, end, suggestions, FALSE);
}

typedef struct {
  RtesTextViewSpelling *self;
  char *word;
} Suggesting;

static void
suggest_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Suggesting *suggesting = user_data;
  g_autoptr(RtesTextViewSpelling) self = suggesting->self;
  g_autofree char *word = suggesting->word;
  g_auto(GStrv) suggestions = rtes_review_context_suggest_finish (RTES_REVIEW_CONTEXT (source), result, NULL);

  g_free (suggesting);
  /* Still the word whose menu is open. */
  if (suggestions != NULL && g_strcmp0 (word, self->menu_word) == 0)
    set_menu_word (self, word, self->menu_start, self->menu_end, (const char * const *) suggestions);
}

char *
rtes_text_view_spelling_prepare_menu (RtesTextViewSpelling *self,
                                      const GtkTextIter    *iter)
{
  GtkTextIter start, end;
  Suggesting *suggesting;
  char *word;

  g_return_val_if_fail (RTES_IS_TEXT_VIEW_SPELLING (self), NULL);

  start = end = *iter;
  if (self->buffer == NULL ||
      !(gtk_text_iter_has_tag (&start, self->tag) || gtk_text_iter_ends_tag (&start, self->tag)))
    {
      set_menu_word (self, NULL, 0, 0, NULL);
      return NULL;
    }
  if (!gtk_text_iter_starts_tag (&start, self->tag))
    gtk_text_iter_backward_to_tag_toggle (&start, self->tag);
  if (!gtk_text_iter_ends_tag (&end, self->tag))
    gtk_text_iter_forward_to_tag_toggle (&end, self->tag);
  word = gtk_text_iter_get_text (&start, &end);
  set_menu_word (self, word, gtk_text_iter_get_offset (&start), gtk_text_iter_get_offset (&end), NULL);
  /* Hunspell takes a moment: the menu says so, then fills in. */
  suggesting = g_new0 (Suggesting, 1);
  suggesting->self = g_object_ref (self);
  suggesting->word = g_strdup (word);
  rtes_review_context_suggest_async (self->context, word, self->cancellable, suggest_done, suggesting);
  return word;
}

static void
on_secondary_click (GtkGestureClick      *gesture,
                    int                   n_press,
                    double                x,
                    double                y,
                    RtesTextViewSpelling *self)
{
  GtkTextIter iter;
  int bx, by;
  g_autofree char *word = NULL;

  if (self->view == NULL)
    return;
  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  gtk_text_view_get_iter_at_location (self->view, &iter, bx, by);
  word = rtes_text_view_spelling_prepare_menu (self, &iter);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RtesTextViewSpelling  *self)
{
  GtkTextIter iter;
  g_autofree char *word = NULL;

  /* The keyboard's ways to the context menu: at the cursor. */
  if (keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK)))
    {
      gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
      word = rtes_text_view_spelling_prepare_menu (self, &iter);
    }
  return FALSE;
}

static void
replace_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  RtesTextViewSpelling *self = user_data;
  GtkTextIter start, end;
  const char *replacement;
  guint32 from, to;

  if (self->buffer == NULL)
    return;
  g_variant_get (parameter, "(uu&s)", &from, &to, &replacement);
  if (to > (guint32) gtk_text_buffer_get_char_count (self->buffer) || from > to)
    return;
  gtk_text_buffer_get_iter_at_offset (self->buffer, &start, from);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end, to);
  /* One user action: one undo step of the fiche. */
  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_delete (self->buffer, &start, &end);
  gtk_text_buffer_insert (self->buffer, &start, replacement, -1);
  gtk_text_buffer_end_user_action (self->buffer);
  self->typing = FALSE;
  set_menu_word (self, NULL, 0, 0, NULL);
}

static void
add_word_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  RtesTextViewSpelling *self = user_data;

  rtes_review_context_add_word (self->context, g_variant_get_string (parameter, NULL));
  set_menu_word (self, NULL, 0, 0, NULL);
}

/* ---- object ---- */

static void
view_gone (gpointer  data,
           GObject  *where_the_view_was)
{
  RtesTextViewSpelling *self = data;

  self->view = NULL;
}

static void
rtes_text_view_spelling_dispose (GObject *object)
{
  RtesTextViewSpelling *self = RTES_TEXT_VIEW_SPELLING (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->check_source, g_source_remove);
  if (self->view != NULL)
    g_object_weak_unref (G_OBJECT (self->view), view_gone, self);
  self->view = NULL;
  if (self->buffer != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->buffer, self);
      g_clear_object (&self->buffer);
    }
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->menu);
  g_clear_object (&self->section);
  g_clear_object (&self->actions);
  g_clear_pointer (&self->menu_word, g_free);

  G_OBJECT_CLASS (rtes_text_view_spelling_parent_class)->dispose (object);
}

static void
rtes_text_view_spelling_class_init (RtesTextViewSpellingClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rtes_text_view_spelling_dispose;
}

static void
rtes_text_view_spelling_init (RtesTextViewSpelling *self)
{
  self->cancellable = g_cancellable_new ();
  self->menu = g_menu_new ();
  self->section = g_menu_new ();
  self->actions = rtes_spelling_actions_new (replace_activated, add_word_activated, self);
}

static GtkTextTag *
misspelt_tag (GtkTextBuffer *buffer)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, TAG_NAME);
  GdkRGBA red = { 0.88, 0.11, 0.14, 1.0 };   /* Adwaita's error colour */

  if (tag != NULL)
    return tag;
  return gtk_text_buffer_create_tag (buffer, TAG_NAME,
                                     "underline", PANGO_UNDERLINE_ERROR,
                                     "underline-rgba", &red,
                                     NULL);
}

RtesTextViewSpelling *
rtes_text_view_spelling_get (GtkTextView *view)
{
  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);
  return g_object_get_data (G_OBJECT (view), DATA_KEY);
}

RtesTextViewSpelling *
rtes_text_view_spelling_attach (GtkTextView       *view,
                                RtesReviewContext *context)
{
  RtesTextViewSpelling *self;
  GMenuModel *before;
  GtkGesture *click;
  GtkEventController *keys;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);
  g_return_val_if_fail (RTES_IS_REVIEW_CONTEXT (context), NULL);

  self = rtes_text_view_spelling_get (view);
  if (self != NULL)
    return self;

  self = g_object_new (RTES_TYPE_TEXT_VIEW_SPELLING, NULL);
  self->view = view;
  g_object_weak_ref (G_OBJECT (view), view_gone, self);
  self->buffer = g_object_ref (gtk_text_view_get_buffer (view));
  self->context = g_object_ref (context);
  self->tag = misspelt_tag (self->buffer);
  g_object_set_data_full (G_OBJECT (view), DATA_KEY, self, g_object_unref);

  g_signal_connect_after (self->buffer, "insert-text", G_CALLBACK (on_insert_text), self);
  g_signal_connect_after (self->buffer, "delete-range", G_CALLBACK (on_delete_range), self);
  g_signal_connect (self->buffer, "mark-set", G_CALLBACK (on_mark_set), self);
  g_signal_connect_object (context, "notify::speller", G_CALLBACK (mark_all_dirty), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "words-changed", G_CALLBACK (mark_all_dirty), self, G_CONNECT_SWAPPED);

  /* Ours first, then whatever the view had there. */
  before = gtk_text_view_get_extra_menu (view);
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->section));
  if (before != NULL)
    g_menu_append_section (self->menu, NULL, before);
  gtk_text_view_set_extra_menu (view, G_MENU_MODEL (self->menu));
  gtk_widget_insert_action_group (GTK_WIDGET (view), "spelling", G_ACTION_GROUP (self->actions));

  /* Capture: ahead of the view's own gesture, which opens the menu. */
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_secondary_click), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (click));
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (view), keys);

  mark_all_dirty (self);
  return self;
}

gboolean
rtes_text_view_spelling_is_busy (RtesTextViewSpelling *self)
{
  g_return_val_if_fail (RTES_IS_TEXT_VIEW_SPELLING (self), FALSE);
  return self->pending > 0 || self->check_source != 0;
}

GStrv
rtes_text_view_spelling_dup_words (RtesTextViewSpelling *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GtkTextIter iter;

  g_return_val_if_fail (RTES_IS_TEXT_VIEW_SPELLING (self), NULL);

  if (self->buffer != NULL)
    {
      gtk_text_buffer_get_start_iter (self->buffer, &iter);
      while (gtk_text_iter_starts_tag (&iter, self->tag) ||
             gtk_text_iter_forward_to_tag_toggle (&iter, self->tag))
        {
          GtkTextIter end = iter;
          g_autofree char *word = NULL;

          if (!gtk_text_iter_starts_tag (&iter, self->tag))
            continue;
          gtk_text_iter_forward_to_tag_toggle (&end, self->tag);
          word = gtk_text_iter_get_text (&iter, &end);
          g_strv_builder_add (builder, word);
          iter = end;
        }
    }
  return g_strv_builder_end (builder);
}

GMenuModel *
rtes_text_view_spelling_get_menu (RtesTextViewSpelling *self)
{
  g_return_val_if_fail (RTES_IS_TEXT_VIEW_SPELLING (self), NULL);
  return G_MENU_MODEL (self->section);
}
