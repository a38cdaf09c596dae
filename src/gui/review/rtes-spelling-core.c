/* rtes-spelling-core.c: what the two spelling helpers share
 *
 * RtesEntrySpelling and RtesTextViewSpelling each embed an
 * RtesSpellingCore (rtes-spelling-private.h): the checks and suggestions
 * in worker threads, the menu's actions and how it is asked for. The
 * helpers give it what differs by kind of widget; it knows nothing of
 * either, so that it stands below them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rtes-spelling-private.h"

#define MAX_MENU_SUGGESTIONS 5

/* A check or a suggestion on its way: @core's owner is kept until it is back. */
typedef struct {
  RtesSpellingCore *core;
  int offset;
  char *text;
} Request;

static Request *
request_new (RtesSpellingCore *core,
             int               offset,
             char             *text)
{
  g_object_ref (core->owner);
  return g_memdup2 (&(Request) { core, offset, text }, sizeof (Request));
}

static void
request_free (Request *request)
{
  g_object_unref (request->core->owner);
  g_free (request->text);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static void
check_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) misspellings = rtes_review_context_check_finish (RTES_REVIEW_CONTEXT (source),
                                                                        result, &error);

  request->core->pending--;
  if (error == NULL)
    request->core->adapter->checked (request->core->owner, request->offset, request->text, misspellings);
}

static gboolean
check_cb (gpointer data)
{
  RtesSpellingCore *core = data;
  int offset = 0;
  char *text;

  core->check_source = 0;
  text = core->adapter->text_to_check (core->owner, &offset);
  if (text != NULL && rtes_review_context_get_speller (core->context) != NULL)
    {
      core->pending++;
      rtes_review_context_check_async (core->context, text, core->cancellable, check_done,
                                       request_new (core, offset, text));
    }
  else
    g_free (text);
  return G_SOURCE_REMOVE;
}

void
rtes_spelling_core_schedule (RtesSpellingCore *core)
{
  /* Low priority: after the keystroke is drawn. */
  if (core->check_source == 0)
    core->check_source = g_idle_add_full (G_PRIORITY_LOW, check_cb, core, NULL);
}

static void
suggest_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_auto(GStrv) suggestions = rtes_review_context_suggest_finish (RTES_REVIEW_CONTEXT (source), result, NULL);

  if (suggestions != NULL)
    request->core->adapter->suggested (request->core->owner, request->text, (const char * const *) suggestions);
}

/* Hunspell takes a moment: the menu says so, then fills in. */
void
rtes_spelling_core_suggest (RtesSpellingCore *core,
                            const char       *word)
{
  rtes_review_context_suggest_async (core->context, word, core->cancellable, suggest_done,
                                     request_new (core, 0, g_strdup (word)));
}

static void
on_secondary_click (RtesSpellingCore *core,
                    int               n_press,
                    double            x,
                    double            y)
{
  core->adapter->menu_wanted (core->owner, &GRAPHENE_POINT_INIT ((float) x, (float) y));
}

static gboolean
on_key_pressed (RtesSpellingCore *core,
                guint             keyval,
                guint             keycode,
                GdkModifierType   state)
{
  /* The keyboard's ways to the context menu: at the cursor. */
  if (keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK)))
    core->adapter->menu_wanted (core->owner, NULL);
  return FALSE;
}

static void
replace_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  RtesSpellingCore *core = user_data;
  const char *replacement;
  guint32 start, end;

  g_variant_get (parameter, "(uu&s)", &start, &end, &replacement);
  core->adapter->replace (core->owner, start, end, replacement);
  if (core->adapter->menu_used != NULL)
    core->adapter->menu_used (core->owner);
}

static void
add_word_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  RtesSpellingCore *core = user_data;

  rtes_review_context_add_word (core->context, g_variant_get_string (parameter, NULL));
  if (core->adapter->menu_used != NULL)
    core->adapter->menu_used (core->owner);
}

void
rtes_spelling_core_init (RtesSpellingCore          *core,
                         gpointer                   owner,
                         const RtesSpellingAdapter *adapter,
                         GtkWidget                 *widget,
                         RtesReviewContext         *context)
{
  const GActionEntry entries[] = {
    { "replace", replace_activated, "(uus)", NULL, NULL, { 0 } },
    { "add-word", add_word_activated, "s", NULL, NULL, { 0 } },
    { "none", NULL, NULL, NULL, NULL, { 0 } },   /* the lines that only say something */
  };
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  core->adapter = adapter;
  core->owner = owner;
  core->context = g_object_ref (context);
  core->menu = g_menu_new ();
  core->cancellable = g_cancellable_new ();
  core->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (core->actions), entries, G_N_ELEMENTS (entries), core);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (core->actions), "none")),
                               FALSE);
  gtk_widget_insert_action_group (widget, "spelling", G_ACTION_GROUP (core->actions));
  g_signal_connect_object (context, "notify::speller", G_CALLBACK (adapter->recheck), owner, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "words-changed", G_CALLBACK (adapter->recheck), owner, G_CONNECT_SWAPPED);

  /* Capture: ahead of the widget's own gesture, which opens the menu. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  /* The widget owns the controllers and the helper. */
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (on_secondary_click), core);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed), core);
  gtk_widget_add_controller (widget, keys);
}

void
rtes_spelling_core_clear (RtesSpellingCore *core)
{
  g_cancellable_cancel (core->cancellable);
  g_clear_handle_id (&core->check_source, g_source_remove);
  g_clear_object (&core->context);
  g_clear_object (&core->menu);
  g_clear_object (&core->actions);
  g_clear_object (&core->cancellable);
}

void
rtes_spelling_fill_menu (GMenu              *menu,
                         const char         *word,
                         guint               start,
                         guint               end,
                         const char * const *suggestions,
                         gboolean            labelled)
{
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GMenuItem) add = NULL;
  g_autofree char *label = NULL;

  if (suggestions == NULL)
    {
      g_autoptr(GMenuItem) waiting = g_menu_item_new (_("Looking for suggestions…"), "spelling.none");

      g_menu_append_item (section, waiting);
    }
  else if (suggestions[0] == NULL)
    {
      g_autoptr(GMenuItem) none = g_menu_item_new (_("No suggestions"), "spelling.none");

      g_menu_append_item (section, none);
    }
  for (guint i = 0; suggestions != NULL && suggestions[i] != NULL && i < MAX_MENU_SUGGESTIONS; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (suggestions[i], NULL);

      g_menu_item_set_action_and_target_value (item, "spelling.replace",
                                               g_variant_new ("(uus)", start, end, suggestions[i]));
      g_menu_append_item (section, item);
    }
  add = g_menu_item_new (_("_Add to Dictionary"), NULL);
  g_menu_item_set_action_and_target_value (add, "spelling.add-word", g_variant_new_string (word));
  g_menu_append_item (section, add);

  /* Translators: the heading of a misspelt word's suggestions */
  label = labelled ? g_strdup_printf (_("“%s”"), word) : NULL;
  g_menu_append_section (menu, label, G_MENU_MODEL (section));
}
