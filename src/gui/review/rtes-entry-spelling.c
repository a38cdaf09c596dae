/* rtes-entry-spelling.c: misspelt words underlined in a text field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rtes-entry-spelling.h"
#include "rtes-spelling-private.h"

/* Object data: the GtkText is GTK's, the only place to keep us on it. */
#define DATA_KEY "rtes-entry-spelling"
/* A field rarely holds more; the menu would not either. */
#define MAX_MENU_WORDS 3

struct _RtesEntrySpelling
{
  GObject parent_instance;

  /* @text owns us: a plain pointer, cleared when it goes */
  GtkText *text;

  /* owned references */
  RtesSpellingCore core;      /* its menu: the text's extra menu */
  GHashTable *suggestions;    /* word → GStrv */
  GPtrArray *misspellings;    /* RtesMisspelling* of @checked */
  char *checked;              /* the text they are about */

  /* state */
  gboolean typing;
};

G_DEFINE_FINAL_TYPE (RtesEntrySpelling, rtes_entry_spelling, G_TYPE_OBJECT)

static const char *
current_text (RtesEntrySpelling *self)
{
  return self->text != NULL ? gtk_editable_get_text (GTK_EDITABLE (self->text)) : "";
}

static void
rebuild_menu (RtesEntrySpelling *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint words = 0;

  g_menu_remove_all (self->core.menu);
  for (guint i = 0; self->misspellings != NULL && i < self->misspellings->len; i++)
    if (g_hash_table_add (seen, ((RtesMisspelling *) self->misspellings->pdata[i])->word))
      words++;
  g_hash_table_remove_all (seen);
  for (guint i = 0; self->misspellings != NULL && i < self->misspellings->len; i++)
    {
      RtesMisspelling *m = g_ptr_array_index (self->misspellings, i);
      const char * const *suggestions = m->suggestions != NULL
                                        ? (const char * const *) m->suggestions
                                        : g_hash_table_lookup (self->suggestions, m->word);

      if (!g_hash_table_add (seen, m->word) || g_hash_table_size (seen) > MAX_MENU_WORDS)
        continue;
      rtes_spelling_fill_menu (self->core.menu, m->word, m->start, m->end, suggestions, words > 1);
    }
}

static gboolean
cursor_in_word (RtesEntrySpelling *self,
                RtesMisspelling   *m)
{
  int position = gtk_editable_get_position (GTK_EDITABLE (self->text));
  glong start = g_utf8_pointer_to_offset (self->checked, self->checked + m->start);
  glong end = g_utf8_pointer_to_offset (self->checked, self->checked + m->end);

  return position >= start && position <= end;
}

/* Underlines the words of the last check, if they still describe the text. */
static void
apply (RtesEntrySpelling *self)
{
  g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

  if (self->text == NULL)
    return;
  if (self->checked == NULL || g_strcmp0 (self->checked, current_text (self)) != 0)
    {
      gtk_text_set_attributes (self->text, NULL);
      return;
    }
  for (guint i = 0; self->misspellings != NULL && i < self->misspellings->len; i++)
    {
      RtesMisspelling *m = g_ptr_array_index (self->misspellings, i);
      PangoAttribute *underline, *color;

      /* The word being typed is not finished yet. */
      if (self->typing && cursor_in_word (self, m))
        continue;
      underline = pango_attr_underline_new (PANGO_UNDERLINE_ERROR);
      color = pango_attr_underline_color_new (0xe000, 0x1b00, 0x2400);   /* Adwaita's error colour */
      underline->start_index = color->start_index = m->start;
      underline->end_index = color->end_index = m->end;
      pango_attr_list_insert (attributes, underline);
      pango_attr_list_insert (attributes, color);
    }
  gtk_text_set_attributes (self->text, attributes);
  rebuild_menu (self);
}

static char *
text_to_check (gpointer  owner,
               int      *offset)
{
  RtesEntrySpelling *self = owner;

  return self->text != NULL ? g_strdup (current_text (self)) : NULL;
}

static void
on_checked (gpointer    owner,
            int         offset,
            const char *text,
            GPtrArray  *misspellings)
{
  RtesEntrySpelling *self = owner;

  g_clear_pointer (&self->misspellings, g_ptr_array_unref);
  self->misspellings = misspellings != NULL ? g_ptr_array_ref (misspellings) : NULL;
  g_free (self->checked);
  self->checked = g_strdup (text);
  apply (self);
}

static void
on_changed (GtkEditable       *editable,
            RtesEntrySpelling *self)
{
  self->typing = TRUE;
  /* Stale underlines would sit under the wrong letters until the check. */
  apply (self);
  rtes_spelling_core_schedule (&self->core);
}

static void
on_cursor_moved (GtkText           *text,
                 GParamSpec        *pspec,
                 RtesEntrySpelling *self)
{
  /* Typing moves the cursor too; a move that changes nothing leaves the
   * word, which may be underlined now. */
  if (!self->typing || g_strcmp0 (self->checked, current_text (self)) != 0)
    return;
  self->typing = FALSE;
  apply (self);
}

static void
on_focus_left (GtkEventControllerFocus *controller,
               RtesEntrySpelling       *self)
{
  self->typing = FALSE;
  apply (self);
}

/* ---- the context menu ---- */

static void
on_suggested (gpointer            owner,
              const char         *word,
              const char * const *suggestions)
{
  RtesEntrySpelling *self = owner;

  g_hash_table_replace (self->suggestions, g_strdup (word), g_strdupv ((GStrv) suggestions));
  rebuild_menu (self);
}

void
rtes_entry_spelling_prepare_menu (RtesEntrySpelling *self)
{
  g_return_if_fail (RTES_IS_ENTRY_SPELLING (self));

  for (guint i = 0; self->misspellings != NULL && i < self->misspellings->len; i++)
    {
      RtesMisspelling *m = g_ptr_array_index (self->misspellings, i);

      if (m->suggestions == NULL && !g_hash_table_contains (self->suggestions, m->word))
        rtes_spelling_core_suggest (&self->core, m->word);
    }
}

static void
menu_wanted (gpointer                owner,
             const graphene_point_t *where)
{
  rtes_entry_spelling_prepare_menu (owner);
}

static void
replace (gpointer    owner,
         guint       start,
         guint       end,
         const char *replacement)
{
  RtesEntrySpelling *self = owner;
  const char *text = current_text (self);
  g_autoptr(GString) fixed = NULL;

  /* The positions are of the text the menu was made for. */
  if (self->text == NULL || g_strcmp0 (self->checked, text) != 0 || end > strlen (text) || start > end)
    return;
  fixed = g_string_new_len (text, start);
  g_string_append (fixed, replacement);
  g_string_append (fixed, text + end);
  /* One change of the field: one edit of the fiche. */
  gtk_editable_set_text (GTK_EDITABLE (self->text), fixed->str);
  gtk_editable_set_position (GTK_EDITABLE (self->text),
                             (int) g_utf8_strlen (fixed->str, start + strlen (replacement)));
}

static void
recheck (gpointer owner)
{
  rtes_spelling_core_schedule (&RTES_ENTRY_SPELLING (owner)->core);
}

static const RtesSpellingAdapter adapter = {
  .text_to_check = text_to_check, .checked = on_checked, .recheck = recheck,
  .menu_wanted = menu_wanted, .suggested = on_suggested, .replace = replace,
};

/* ---- object ---- */

static void
rtes_entry_spelling_dispose (GObject *object)
{
  RtesEntrySpelling *self = RTES_ENTRY_SPELLING (object);

  rtes_spelling_core_clear (&self->core);
  if (self->text != NULL)
    g_signal_handlers_disconnect_by_data (self->text, self);
  g_clear_weak_pointer (&self->text);
  g_clear_pointer (&self->suggestions, g_hash_table_unref);
  g_clear_pointer (&self->misspellings, g_ptr_array_unref);
  g_clear_pointer (&self->checked, g_free);

  G_OBJECT_CLASS (rtes_entry_spelling_parent_class)->dispose (object);
}

static void
rtes_entry_spelling_class_init (RtesEntrySpellingClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rtes_entry_spelling_dispose;
}

static void
rtes_entry_spelling_init (RtesEntrySpelling *self)
{
  self->suggestions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
}

RtesEntrySpelling *
rtes_entry_spelling_get (GtkText *text)
{
  g_return_val_if_fail (GTK_IS_TEXT (text), NULL);
  return g_object_get_data (G_OBJECT (text), DATA_KEY);
}

RtesEntrySpelling *
rtes_entry_spelling_attach (GtkText           *text,
                            RtesReviewContext *context)
{
  RtesEntrySpelling *self;
  GtkEventController *focus;

  g_return_val_if_fail (GTK_IS_TEXT (text), NULL);
  g_return_val_if_fail (RTES_IS_REVIEW_CONTEXT (context), NULL);

  self = rtes_entry_spelling_get (text);
  if (self != NULL)
    return self;

  self = g_object_new (RTES_TYPE_ENTRY_SPELLING, NULL);
  g_set_weak_pointer (&self->text, text);
  g_object_set_data_full (G_OBJECT (text), DATA_KEY, self, g_object_unref);

  g_signal_connect (text, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect (text, "notify::cursor-position", G_CALLBACK (on_cursor_moved), self);
  rtes_spelling_core_init (&self->core, self, &adapter, GTK_WIDGET (text), context);
  gtk_text_set_extra_menu (text, G_MENU_MODEL (self->core.menu));
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_focus_left), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (text), focus);

  rtes_spelling_core_schedule (&self->core);
  return self;
}

gboolean
rtes_entry_spelling_is_busy (RtesEntrySpelling *self)
{
  g_return_val_if_fail (RTES_IS_ENTRY_SPELLING (self), FALSE);
  return self->core.pending > 0 || self->core.check_source != 0;
}

GStrv
rtes_entry_spelling_dup_words (RtesEntrySpelling *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  PangoAttrList *attributes;

  g_return_val_if_fail (RTES_IS_ENTRY_SPELLING (self), NULL);

  attributes = self->text != NULL ? gtk_text_get_attributes (self->text) : NULL;
  if (attributes != NULL && self->checked != NULL)
    {
      g_autoptr(GSList) list = pango_attr_list_get_attributes (attributes);

      for (GSList *l = list; l != NULL; l = l->next)
        {
          PangoAttribute *attr = l->data;

          if (attr->klass->type == PANGO_ATTR_UNDERLINE)
            {
              g_autofree char *word = g_strndup (self->checked + attr->start_index,
                                                 attr->end_index - attr->start_index);

              g_strv_builder_add (builder, word);
            }
        }
      g_slist_free_full (g_steal_pointer (&list), (GDestroyNotify) pango_attribute_destroy);
    }
  return g_strv_builder_end (builder);
}

GMenuModel *
rtes_entry_spelling_get_menu (RtesEntrySpelling *self)
{
  g_return_val_if_fail (RTES_IS_ENTRY_SPELLING (self), NULL);
  return G_MENU_MODEL (self->core.menu);
}
