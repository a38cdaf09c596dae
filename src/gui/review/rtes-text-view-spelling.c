/* rtes-text-view-spelling.c: misspelt words underlined in a GtkTextView
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-spelling-private.h"
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
  RtesSpellingCore core;  /* its menu: the misspelt word's items */
  GtkTextTag *tag;
  GMenu *menu;            /* the view's extra menu: ours, then any before */

  /* state */
  GtkTextMark *dirty_start;   /* what changed since the last check */
  GtkTextMark *dirty_end;
  GtkTextMark *typed;         /* where the last change was made */
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
apply (gpointer    owner,
       int         offset,
       const char *text,
       GPtrArray  *misspellings)
{
  RtesTextViewSpelling *self = owner;
  GtkTextIter start, end;
  g_autofree char *now = NULL;

  if (self->buffer == NULL)
    return;
  gtk_text_buffer_get_iter_at_offset (self->buffer, &start, offset);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end, offset + g_utf8_strlen (text, -1));
  now = gtk_text_iter_get_text (&start, &end);
  /* Changed meanwhile: that change has its own check coming. */
  if (g_strcmp0 (now, text) != 0)
    return;

  gtk_text_buffer_remove_tag (self->buffer, self->tag, &start, &end);
  for (guint i = 0; misspellings != NULL && i < misspellings->len; i++)
    {
      RtesMisspelling *m = g_ptr_array_index (misspellings, i);
      GtkTextIter ws, we;

      gtk_text_buffer_get_iter_at_offset (self->buffer, &ws, offset + g_utf8_pointer_to_offset (text, text + m->start));
      gtk_text_buffer_get_iter_at_offset (self->buffer, &we, offset + g_utf8_pointer_to_offset (text, text + m->end));
      /* The word being typed is not finished yet. */
      if (self->typing && cursor_in (self, &ws, &we))
        continue;
      gtk_text_buffer_apply_tag (self->buffer, self->tag, &ws, &we);
    }
}

/* What changed since the last check, widened to its paragraphs. */
static char *
text_to_check (gpointer  owner,
               int      *offset)
{
  RtesTextViewSpelling *self = owner;
  GtkTextIter start, end;

  if (self->buffer == NULL || self->dirty_start == NULL)
    return NULL;
  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, self->dirty_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &end, self->dirty_end);
  gtk_text_iter_order (&start, &end);
  gtk_text_buffer_delete_mark (self->buffer, self->dirty_start);
  gtk_text_buffer_delete_mark (self->buffer, self->dirty_end);
  self->dirty_start = self->dirty_end = NULL;
  extend_to_paragraphs (self->buffer, &start, &end);
  *offset = gtk_text_iter_get_offset (&start);
  return gtk_text_iter_get_text (&start, &end);
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
  rtes_spelling_core_schedule (&self->core);
}

static void
mark_all_dirty (gpointer owner)
{
  RtesTextViewSpelling *self = owner;
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
  g_menu_remove_all (self->core.menu);
  g_clear_pointer (&self->menu_word, g_free);
  if (word == NULL)
    return;
  self->menu_word = g_strdup (word);
  self->menu_start = start;
  self->menu_end = end;
  rtes_spelling_fill_menu (self->core.menu, word, start, end, suggestions, FALSE);
}

static void
on_suggested (gpointer            owner,
              const char         *word,
              const char * const *suggestions)
{
  RtesTextViewSpelling *self = owner;

  /* Still the word whose menu is open. */
  if (g_strcmp0 (word, self->menu_word) == 0)
    set_menu_word (self, word, self->menu_start, self->menu_end, suggestions);
}

static void
forget_menu_word (gpointer owner)
{
  set_menu_word (owner, NULL, 0, 0, NULL);
}

char *
rtes_text_view_spelling_prepare_menu (RtesTextViewSpelling *self,
                                      const GtkTextIter    *iter)
{
  GtkTextIter start, end;
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
  rtes_spelling_core_suggest (&self->core, word);
  return word;
}

static void
menu_wanted (gpointer                owner,
             const graphene_point_t *where)
{
  RtesTextViewSpelling *self = owner;
  GtkTextIter iter;
  int bx, by;
  g_autofree char *word = NULL;

  if (self->view == NULL)
    return;
  if (where != NULL)
    {
      gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_WIDGET, (int) where->x, (int) where->y,
                                             &bx, &by);
      gtk_text_view_get_iter_at_location (self->view, &iter, bx, by);
    }
  else
    gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  word = rtes_text_view_spelling_prepare_menu (self, &iter);
}

static void
replace (gpointer    owner,
         guint       from,
         guint       to,
         const char *replacement)
{
  RtesTextViewSpelling *self = owner;
  GtkTextIter start, end;

  if (self->buffer == NULL || to > (guint) gtk_text_buffer_get_char_count (self->buffer) || from > to)
    return;
  gtk_text_buffer_get_iter_at_offset (self->buffer, &start, from);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end, to);
  /* One user action: one undo step of the fiche. */
  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_delete (self->buffer, &start, &end);
  gtk_text_buffer_insert (self->buffer, &start, replacement, -1);
  gtk_text_buffer_end_user_action (self->buffer);
  self->typing = FALSE;
}

static const RtesSpellingAdapter adapter = {
  .text_to_check = text_to_check, .checked = apply, .recheck = mark_all_dirty,
  .menu_wanted = menu_wanted, .suggested = on_suggested, .replace = replace,
  .menu_used = forget_menu_word,
};

/* ---- object ---- */

static void
rtes_text_view_spelling_dispose (GObject *object)
{
  RtesTextViewSpelling *self = RTES_TEXT_VIEW_SPELLING (object);

  rtes_spelling_core_clear (&self->core);
  g_clear_weak_pointer (&self->view);
  if (self->buffer != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->buffer, self);
      g_clear_object (&self->buffer);
    }
  g_clear_object (&self->menu);
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
  self->menu = g_menu_new ();
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

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);
  g_return_val_if_fail (RTES_IS_REVIEW_CONTEXT (context), NULL);

  self = rtes_text_view_spelling_get (view);
  if (self != NULL)
    return self;

  self = g_object_new (RTES_TYPE_TEXT_VIEW_SPELLING, NULL);
  g_set_weak_pointer (&self->view, view);
  self->buffer = g_object_ref (gtk_text_view_get_buffer (view));
  self->tag = misspelt_tag (self->buffer);
  g_object_set_data_full (G_OBJECT (view), DATA_KEY, self, g_object_unref);

  g_signal_connect_after (self->buffer, "insert-text", G_CALLBACK (on_insert_text), self);
  g_signal_connect_after (self->buffer, "delete-range", G_CALLBACK (on_delete_range), self);
  g_signal_connect (self->buffer, "mark-set", G_CALLBACK (on_mark_set), self);
  rtes_spelling_core_init (&self->core, self, &adapter, GTK_WIDGET (view), context);

  /* Ours first, then whatever the view had there. */
  before = gtk_text_view_get_extra_menu (view);
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->core.menu));
  if (before != NULL)
    g_menu_append_section (self->menu, NULL, before);
  gtk_text_view_set_extra_menu (view, G_MENU_MODEL (self->menu));


  mark_all_dirty (self);
  return self;
}

gboolean
rtes_text_view_spelling_is_busy (RtesTextViewSpelling *self)
{
  g_return_val_if_fail (RTES_IS_TEXT_VIEW_SPELLING (self), FALSE);
  return self->core.pending > 0 || self->core.check_source != 0;
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
  return G_MENU_MODEL (self->core.menu);
}
