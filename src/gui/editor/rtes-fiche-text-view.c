/* rtes-fiche-text-view.c: a text view that makes fiche text easy to type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "rtes-fiche-text-view.h"
#include "rtes-editor-widgets.h"

struct _RtesFicheTextView
{
  GtkTextView  parent_instance;

  /* owned references */
  GtkTextTag  *link_tag;
  GtkTextTag  *marker_tag;
  GRegex      *item_regex;
  GRegex      *link_regex;

  /* state */
  guint        highlight_idle;
};

G_DEFINE_FINAL_TYPE (RtesFicheTextView, rtes_fiche_text_view, GTK_TYPE_TEXT_VIEW)

#define INDENT "  "

/* The list item at the start of @line: indentation, marker ("- " or
 * "12. "), and the number for ordered items (0 for bullets). */
typedef struct {
  int   indent;       /* bytes of leading spaces */
  int   marker_len;   /* bytes of the marker, its space included */
  int   number;       /* ordered items; 0 for "- " */
  const char *rest;   /* text after the marker */
} ListItem;

static gboolean
parse_item (RtesFicheTextView *self,
            const char        *line,
            ListItem          *item)
{
  g_autoptr(GMatchInfo) match = NULL;
  int start, end;

  if (!g_regex_match (self->item_regex, line, 0, &match))
    return FALSE;

  g_match_info_fetch_pos (match, 1, &start, &end);
  item->indent = end - start;
  g_match_info_fetch_pos (match, 2, &start, &end);
  item->marker_len = end - start;
  if (g_match_info_fetch_pos (match, 3, &start, &end) && end > start)
    item->number = atoi (line + start);
  else
    item->number = 0;
  item->rest = line + item->indent + item->marker_len;
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* After an item numbered @number on @line, the following items of the
 * same list (same indentation; deeper lines belong to them) count on from
 * it, so inserting an item in the middle keeps "1. 2. 3." in order. */
static void
renumber_after (RtesFicheTextView *self,
                int                line,
                int                indent,
                int                number)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  int lines = gtk_text_buffer_get_line_count (buffer);

  for (int i = line + 1; i < lines; i++)
    {
      g_autofree char *text = rtes_editor_line_text (buffer, i, NULL, NULL);
      g_autofree char *wanted = NULL;
      ListItem item;
      GtkTextIter start, end;

      if (!parse_item (self, text, &item))
        {
          int spaces = 0;

          /* A continuation line indented under the item goes on; a blank
           * line or a paragraph ends the list. */
          while (text[spaces] == ' ')
            spaces++;
          if (text[spaces] != '\0' && spaces > indent)
            continue;
          break;
        }
      if (item.indent > indent)
        continue;
      if (item.indent < indent || item.number == 0)
        break;

      number++;
      if (item.number == number)
        continue;
      wanted = g_strdup_printf ("%d. ", number);
      gtk_text_buffer_get_iter_at_line_offset (buffer, &start, i, item.indent);
      gtk_text_buffer_get_iter_at_line_offset (buffer, &end, i, item.indent + item.marker_len);
      gtk_text_buffer_delete (buffer, &start, &end);
      gtk_text_buffer_insert (buffer, &start, wanted, -1);
    }
}

/* Enter: continue the list, or end it on an empty item. */
static gboolean
continue_list (RtesFicheTextView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter cursor, line_start, line_end;
  g_autofree char *line = NULL;
  g_autofree char *before = NULL;
  g_autofree char *marker = NULL;
  ListItem item;

  if (gtk_text_buffer_get_has_selection (buffer))
    return FALSE;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  line = rtes_editor_line_text (buffer, gtk_text_iter_get_line (&cursor), &line_start, &line_end);
  if (!parse_item (self, line, &item))
    return FALSE;

  /* The cursor inside the indentation or the marker: a plain new line
   * before the item is what people mean. */
  before = gtk_text_buffer_get_text (buffer, &line_start, &cursor, FALSE);
  if ((int) strlen (before) < item.indent + item.marker_len)
    return FALSE;

  if (is_blank (item.rest))
    {
      /* An empty item ends the list: the line becomes empty, ready for a
       * paragraph (after one more Enter for the blank line). */
      gtk_text_buffer_begin_user_action (buffer);
      gtk_text_buffer_delete (buffer, &line_start, &line_end);
      gtk_text_buffer_end_user_action (buffer);
      gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self),
                                          gtk_text_buffer_get_insert (buffer));
      return TRUE;
    }

  if (item.number > 0)
    marker = g_strdup_printf ("\n%*s%d. ", item.indent, "", item.number + 1);
  else
    marker = g_strdup_printf ("\n%*s- ", item.indent, "");

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert_at_cursor (buffer, marker, -1);
  if (item.number > 0)
    {
      gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
      renumber_after (self, gtk_text_iter_get_line (&cursor), item.indent, item.number + 1);
    }
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self),
                                      gtk_text_buffer_get_insert (buffer));
  return TRUE;
}

/* Tab / Shift+Tab: nest or un-nest the list items touched by the cursor or
 * the selection. Lines that are not list items are left alone; if none is
 * an item, the key is not ours and the focus moves on. */
static gboolean
nest_items (RtesFicheTextView *self,
            gboolean           outdent)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter sel_start, sel_end;
  int first, last;
  gboolean any = FALSE;

  gtk_text_buffer_get_selection_bounds (buffer, &sel_start, &sel_end);
  first = gtk_text_iter_get_line (&sel_start);
  last = gtk_text_iter_get_line (&sel_end);
  /* A selection ending at the very start of a line does not include it. */
  if (last > first && gtk_text_iter_starts_line (&sel_end))
    last--;

  for (int i = first; i <= last; i++)
    {
      g_autofree char *line = rtes_editor_line_text (buffer, i, NULL, NULL);
      ListItem item;

      if (parse_item (self, line, &item) && (!outdent || item.indent > 0))
        {
          any = TRUE;
          break;
        }
    }
  if (!any)
    return FALSE;

  gtk_text_buffer_begin_user_action (buffer);
  for (int i = first; i <= last; i++)
    {
      g_autofree char *line = rtes_editor_line_text (buffer, i, NULL, NULL);
      GtkTextIter start, end;
      ListItem item;

      if (!parse_item (self, line, &item))
        continue;

      gtk_text_buffer_get_iter_at_line (buffer, &start, i);
      if (outdent)
        {
          int remove = MIN (item.indent, 2);

          if (remove == 0)
            continue;
          end = start;
          gtk_text_iter_forward_chars (&end, remove);
          gtk_text_buffer_delete (buffer, &start, &end);
        }
      else
        gtk_text_buffer_insert (buffer, &start, INDENT, -1);
    }
  gtk_text_buffer_end_user_action (buffer);
  return TRUE;
}

gboolean
rtes_fiche_text_view_handle_key (RtesFicheTextView *self,
                                 guint              keyval,
                                 GdkModifierType    state)
{
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK | GDK_SUPER_MASK);

  g_return_val_if_fail (RTES_IS_FICHE_TEXT_VIEW (self), FALSE);

  if (!gtk_text_view_get_editable (GTK_TEXT_VIEW (self)))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      /* Shift+Enter stays a plain line break inside the item. */
      if (mods == 0)
        return continue_list (self);
      return FALSE;

    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
      if (mods == 0)
        return nest_items (self, FALSE);
      if (mods == GDK_SHIFT_MASK)
        return nest_items (self, TRUE);
      return FALSE;

    case GDK_KEY_ISO_Left_Tab:
      if ((mods & ~GDK_SHIFT_MASK) == 0)
        return nest_items (self, TRUE);
      return FALSE;

    default:
      return FALSE;
    }
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RtesFicheTextView     *self)
{
  return rtes_fiche_text_view_handle_key (self, keyval, state);
}

static void
update_link_color (RtesFicheTextView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  /* The accent colour of the Adwaita stylesheet, light and dark; text tags
   * cannot use CSS colours. */
  g_object_set (self->link_tag,
                "foreground", adw_style_manager_get_dark (manager) ? "#78aeed" : "#1c71d8",
                NULL);
}

static void
highlight (RtesFicheTextView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  int lines;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->link_tag, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->marker_tag, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  g_regex_match (self->link_regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      int s, e;
      GtkTextIter is, ie;

      g_match_info_fetch_pos (match, 0, &s, &e);
      gtk_text_buffer_get_iter_at_offset (buffer, &is, (int) g_utf8_pointer_to_offset (text, text + s));
      gtk_text_buffer_get_iter_at_offset (buffer, &ie, (int) g_utf8_pointer_to_offset (text, text + e));
      gtk_text_buffer_apply_tag (buffer, self->link_tag, &is, &ie);
      g_match_info_next (match, NULL);
    }

  lines = gtk_text_buffer_get_line_count (buffer);
  for (int i = 0; i < lines; i++)
    {
      g_autofree char *line = rtes_editor_line_text (buffer, i, NULL, NULL);
      ListItem item;
      GtkTextIter ms, me;

      if (!parse_item (self, line, &item))
        continue;
      gtk_text_buffer_get_iter_at_line_offset (buffer, &ms, i, item.indent);
      gtk_text_buffer_get_iter_at_line_offset (buffer, &me, i, item.indent + item.marker_len);
      gtk_text_buffer_apply_tag (buffer, self->marker_tag, &ms, &me);
    }
}

static gboolean
highlight_idle_cb (gpointer data)
{
  RtesFicheTextView *self = data;

  self->highlight_idle = 0;
  highlight (self);
  return G_SOURCE_REMOVE;
}

static void
on_buffer_changed (GtkTextBuffer     *buffer,
                   RtesFicheTextView *self)
{
  /* Tagging inside ::changed would re-enter the buffer's own handlers;
   * once per main loop turn is plenty while typing. */
  if (self->highlight_idle == 0)
    self->highlight_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, highlight_idle_cb, self, NULL);
}

guint
rtes_fiche_text_view_count_links (RtesFicheTextView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  guint count = 0;

  g_return_val_if_fail (RTES_IS_FICHE_TEXT_VIEW (self), 0);

  /* Counting reflects the text as it is now, not the last idle run. */
  g_clear_handle_id (&self->highlight_idle, g_source_remove);
  highlight (self);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_get_start_iter (buffer, &iter);
  do
    {
      if (gtk_text_iter_starts_tag (&iter, self->link_tag))
        count++;
    }
  while (gtk_text_iter_forward_to_tag_toggle (&iter, self->link_tag));

  return count;
}

char *
rtes_fiche_text_view_dup_text (RtesFicheTextView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
rtes_fiche_text_view_dispose (GObject *object)
{
  RtesFicheTextView *self = RTES_FICHE_TEXT_VIEW (object);

  g_clear_handle_id (&self->highlight_idle, g_source_remove);
  g_signal_handlers_disconnect_by_func (adw_style_manager_get_default (),
                                        update_link_color, self);

  G_OBJECT_CLASS (rtes_fiche_text_view_parent_class)->dispose (object);
}

static void
rtes_fiche_text_view_finalize (GObject *object)
{
  RtesFicheTextView *self = RTES_FICHE_TEXT_VIEW (object);

  g_clear_pointer (&self->item_regex, g_regex_unref);
  g_clear_pointer (&self->link_regex, g_regex_unref);

  G_OBJECT_CLASS (rtes_fiche_text_view_parent_class)->finalize (object);
}

static void
rtes_fiche_text_view_class_init (RtesFicheTextViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rtes_fiche_text_view_dispose;
  object_class->finalize = rtes_fiche_text_view_finalize;
}

static void
rtes_fiche_text_view_init (RtesFicheTextView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkEventController *keys;

  self->item_regex = g_regex_new ("^( *)(- |(\\d{1,9})\\. )", G_REGEX_OPTIMIZE, 0, NULL);
  /* [label](address) first, so its address is not matched twice. */
  self->link_regex = g_regex_new ("\\[[^\\]\\n]+\\]\\((?:https?://|mailto:)[^)\\s]+\\)"
                                  "|https?://[^\\s<>\"]+[^\\s<>\".,;:!?)\\]]",
                                  G_REGEX_OPTIMIZE, 0, NULL);

  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  /* Tab belongs to list nesting only on list items; elsewhere it must
   * move the focus, or keyboard users are trapped in the view. */
  gtk_text_view_set_accepts_tab (view, FALSE);
  gtk_text_view_set_top_margin (view, 12);
  gtk_text_view_set_bottom_margin (view, 12);
  gtk_text_view_set_left_margin (view, 12);
  gtk_text_view_set_right_margin (view, 12);
  gtk_text_view_set_pixels_below_lines (view, 2);

  self->link_tag = gtk_text_buffer_create_tag (buffer, "link",
                                               "underline", PANGO_UNDERLINE_SINGLE,
                                               NULL);
  self->marker_tag = gtk_text_buffer_create_tag (buffer, "list-marker",
                                                 "weight", PANGO_WEIGHT_BOLD,
                                                 NULL);
  update_link_color (self);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (update_link_color), self);

  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_buffer_changed), self, 0);

  /* Capture phase: ahead of GtkTextView's own handling of Enter and Tab. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_widget_add_css_class (GTK_WIDGET (self), "rtes-fiche-text");
}

GtkWidget *
rtes_fiche_text_view_new (void)
{
  return g_object_new (RTES_TYPE_FICHE_TEXT_VIEW, NULL);
}
