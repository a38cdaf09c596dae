/* rtes-history-dialog.c: the history of one fiche, with restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Answers "who changed this, when, and what was it before?" in the
 * staff's own terms: the revisions of the fiche (RtesHistory), newest
 * first and grouped by day, each a row that opens on the places it
 * changed, old and new value in words (rtes-fiche-describe.h: no JSON),
 * long texts word by word (rtes-word-diff.h). What a revision changed is
 * read only when its row is opened: a history of ten thousand revisions
 * opens as quickly as one of ten.
 *
 * Every restore goes through the document (rtes_document_apply() with
 * origin "restore"): it is one undo step, and once saved, a revision of
 * its own that names the revision it put back.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rtes-history.h"
#include "rtes-history-dialog.h"
#include "rtes-fiche-json.h"
#include "rtes-fiche-path.h"
#include "rtes-json-reader.h"
#include "rtes-library.h"
#include "rtes-fiche-describe.h"
#include "rtes-word-diff.h"

/* Revisions listed at first, and added by "Show Older Revisions". */
#define PAGE_SIZE 100
/* Texts longer than this (in characters) are shown word by word. */
#define LONG_TEXT 60

struct _RtesHistoryDialog
{
  AdwWindow parent_instance;

  RtesDocument *document;
  RtesHistory *history;
  guint limit;
  guint n_revisions;
  GPtrArray *groups;      /* AdwPreferencesGroup* on the page */

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkStack *stack;
  AdwPreferencesPage *page;
};

G_DEFINE_FINAL_TYPE (RtesHistoryDialog, rtes_history_dialog, ADW_TYPE_WINDOW)

static void rtes_history_dialog_reload (RtesHistoryDialog *self);

void
rtes_history_dialog_toast (AdwToastOverlay *overlay,
                           const char      *message)
{
  /* libadwaita 1.2 reads toast titles as markup; names and values are
   * not. */
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (overlay, adw_toast_new (escaped));
}

/* Values, in words --------------------------------------------------------- */

/* The words taken out struck through on red, those put in on green. */
static char *
word_diff_markup (const char *old_text,
                  const char *new_text)
{
  g_autoptr(GPtrArray) segments = rtes_word_diff (old_text, new_text);
  GString *markup = g_string_new (NULL);

  for (guint i = 0; i < segments->len; i++)
    {
      RtesDiffSegment *segment = g_ptr_array_index (segments, i);
      g_autofree char *escaped = g_markup_escape_text (segment->text, -1);

      if (segment->kind == RTES_DIFF_REMOVED)
        g_string_append_printf (markup, "<span strikethrough=\"true\" background=\"#f6c1c1\">%s</span>", escaped);
      else if (segment->kind == RTES_DIFF_ADDED)
        g_string_append_printf (markup, "<span background=\"#c4ecc9\">%s</span>", escaped);
      else
        g_string_append (markup, escaped);
    }
  return g_string_free (markup, FALSE);
}

/* What the change did, as markup for a row's subtitle. */
static char *
describe_change (RtesMergeChange *change)
{
  const char *old_text = rtes_json_get_string (change->base);
  const char *new_text = rtes_json_get_string (change->theirs);
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  g_autofree char *text = NULL;

  if (change->order)
    /* Translators: a list whose items only moved */
    return g_markup_escape_text (_("new order"), -1);
  if (old_text != NULL && new_text != NULL
      && (g_utf8_strlen (old_text, -1) > LONG_TEXT || g_utf8_strlen (new_text, -1) > LONG_TEXT))
    return word_diff_markup (old_text, new_text);

  if (change->base == NULL)
    {
      new_value = rtes_fiche_describe_value (change->path, change->theirs);
      /* Translators: a field or an item that a revision added */
      text = g_strdup_printf (_("added: %s"), new_value);
    }
  else if (change->theirs == NULL)
    {
      old_value = rtes_fiche_describe_value (change->path, change->base);
      /* Translators: a field or an item that a revision removed */
      text = g_strdup_printf (_("removed: %s"), old_value);
    }
  else
    {
      old_value = rtes_fiche_describe_value (change->path, change->base);
      new_value = rtes_fiche_describe_value (change->path, change->theirs);
      text = g_strdup_printf ("%s → %s", old_value, new_value);
    }
  return g_markup_escape_text (text, -1);
}

/* The fiche as it was, read-only -------------------------------------------- */

static void add_value_rows (AdwPreferencesGroup *group,
                            const char          *path,
                            JsonNode            *value,
                            JsonNode            *document);

static void
add_row (AdwPreferencesGroup *group,
         const char          *path,
         JsonNode            *value,
         JsonNode            *document)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = rtes_fiche_describe_place (path, FALSE, document, NULL);
  const char *string = rtes_json_get_string (value);
  /* Vocabulary ids by their label; long texts whole, not cut. */
  g_autofree char *text = string != NULL && g_utf8_strlen (string, -1) > RTES_FICHE_DESCRIBE_MAX_CHARS
                            ? g_strdup (string)
                            : rtes_fiche_describe_value (path, value);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);
}

static void
add_value_rows (AdwPreferencesGroup *group,
                const char          *path,
                JsonNode            *value,
                JsonNode            *document)
{
  if (JSON_NODE_HOLDS_OBJECT (value) && path != NULL && strchr (path, '[') == NULL)
    {
      /* A group of fields (the address, the budget): field by field. */
      JsonObjectIter iter;
      const char *member;
      JsonNode *child;

      json_object_iter_init_ordered (&iter, json_node_get_object (value));
      while (json_object_iter_next_ordered (&iter, &member, &child))
        {
          g_autofree char *child_path = rtes_fiche_path_member (path, member);

          add_value_rows (group, child_path, child, document);
        }
      return;
    }
  if (JSON_NODE_HOLDS_ARRAY (value) && json_array_get_length (json_node_get_array (value)) > 0
      && JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (value), 0)))
    {
      /* Contacts, budget lines: item by item, named by key. */
      JsonArray *items = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonNode *item = json_array_get_element (items, i);
          const char *key = rtes_json_get_string_member (rtes_json_get_object (item), "key");
          g_autofree char *item_path = key != NULL ? rtes_fiche_path_key (path, key)
                                                   : rtes_fiche_path_index (path, i);

          add_row (group, item_path, item, document);
        }
      return;
    }
  if (rtes_fiche_value_is_empty (value))
    return;
  add_row (group, path, value, document);
}

GtkWindow *
rtes_history_dialog_view (RtesHistoryDialog *self,
                          guint              number)
{
  const char *id = rtes_document_get_id (self->document);
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesFiche) fiche = rtes_history_get_fiche (self->history, id, number, &error);
  g_autoptr(RtesRevision) revision = NULL;
  g_autoptr(JsonNode) doc = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *day = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  AdwWindow *window;
  GtkWidget *box, *header, *title, *page, *group;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  g_return_val_if_fail (RTES_IS_HISTORY_DIALOG (self), NULL);

  if (fiche == NULL || (revision = rtes_history_lookup (self->history, id, number, &error)) == NULL)
    {
      rtes_history_dialog_toast (self->toast_overlay, error->message);
      return NULL;
    }
  doc = rtes_fiche_to_json (fiche);
  date = rtes_revision_dup_date_time (revision);
  day = rtes_revision_format_day (date, NULL);
  when = g_date_time_format (date, "%H:%M");
  /* Translators: the subtitle of a fiche shown as it was: "Tuesday 3 May
   * 2024 at 14:05, revision 12" */
  subtitle = g_strdup_printf (_("%s at %s, revision %u (read-only)"), day, when, number);

  window = ADW_WINDOW (adw_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 640);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  title = adw_window_title_new (rtes_fiche_get_name (fiche), subtitle);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_box_append (GTK_BOX (box), header);
  page = adw_preferences_page_new ();
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (window, box);

  /* The fields in one group, then a group per list or group of fields,
   * in the order of the file; the file's own bookkeeping is left out. */
  group = adw_preferences_group_new ();
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  json_object_iter_init_ordered (&iter, json_node_get_object (doc));
  while (json_object_iter_next_ordered (&iter, &member, &value))
    {
      g_autofree char *label = NULL;
      GtkWidget *list_group;

      if (rtes_fiche_value_is_empty (value) || g_str_equal (member, "id") || g_str_equal (member, "format")
          || g_str_equal (member, "version"))
        continue;
      if (!JSON_NODE_HOLDS_OBJECT (value) && !JSON_NODE_HOLDS_ARRAY (value))
        {
          add_value_rows (ADW_PREFERENCES_GROUP (group), member, value, doc);
          continue;
        }
      label = rtes_fiche_describe_place (member, FALSE, doc, NULL);
      list_group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (list_group), label);
      add_value_rows (ADW_PREFERENCES_GROUP (list_group), member, value, doc);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (list_group));
    }
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

/* Restoring ------------------------------------------------------------------- */

typedef struct {
  RtesHistoryDialog *self;
  guint number;
} SaveData;

static void
restore_saved (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  SaveData *data = user_data;
  RtesHistoryDialog *self = data->self;
  RtesDocument *document = RTES_DOCUMENT (source);
  g_autoptr(GError) error = NULL;

  if (!rtes_document_save_finish (document, result, &error))
    rtes_history_dialog_toast (self->toast_overlay, error->message);
  else
    {
      g_autofree char *content = rtes_fiche_to_data (rtes_document_get_fiche (document), NULL);
      g_autofree char *detail = g_strdup_printf ("%u", data->number);

      /* The save recorded the revision; it says which one it put back. */
      rtes_history_annotate (self->history, rtes_document_get_id (document), content,
                             RTES_CHANGE_ORIGIN_RESTORE, detail, NULL);
      rtes_history_dialog_reload (self);
    }
  g_object_unref (self);
  g_free (data);
}

gboolean
rtes_history_dialog_restore (RtesHistoryDialog *self,
                             guint              number,
                             const char        *path)
{
  const char *id;
  g_autoptr(RtesFiche) content = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  SaveData *data;

  g_return_val_if_fail (RTES_IS_HISTORY_DIALOG (self), FALSE);

  id = rtes_document_get_id (self->document);
  content = rtes_history_make_restore (self->history, rtes_document_get_fiche (self->document),
                                       id, number, path, &error);
  if (content == NULL)
    {
      rtes_history_dialog_toast (self->toast_overlay, error->message);
      return FALSE;
    }
  if (!rtes_document_apply (self->document, content, RTES_CHANGE_ORIGIN_RESTORE,
                            path != NULL ? _("Restore Field") : _("Restore Version")))
    {
      rtes_history_dialog_toast (self->toast_overlay, _("Nothing to restore: the fiche is already so"));
      return FALSE;
    }

  data = g_new0 (SaveData, 1);
  data->self = g_object_ref (self);
  data->number = number;
  rtes_document_save_async (self->document, NULL, restore_saved, data);

  if (number == 0)
    message = g_strdup (_("Restored as before the first revision. Undo with Ctrl+Z in the fiche."));
  else
    message = g_strdup_printf (_("Restored as in revision %u. Undo with Ctrl+Z in the fiche."), number);
  rtes_history_dialog_toast (self->toast_overlay, message);
  return TRUE;
}

static void
restore_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  guint number;
  const char *path;

  g_variant_get (parameter, "(um&s)", &number, &path);
  rtes_history_dialog_restore (RTES_HISTORY_DIALOG (widget), number, path);
}

static void
view_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  rtes_history_dialog_view (RTES_HISTORY_DIALOG (widget), g_variant_get_uint32 (parameter));
}

/* Rows ---------------------------------------------------------------------------- */

static GtkWidget *
button_new (const char *label,
            const char *action,
            GVariant   *target)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

static GtkWidget *
change_row_new (RtesHistoryDialog *self,
                RtesRevision      *revision,
                RtesMergeChange   *change,
                JsonNode          *before,
                JsonNode          *after)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *place = rtes_fiche_describe_place (change->path, change->order, after, before);
  g_autofree char *title = g_markup_escape_text (place, -1);
  g_autofree char *subtitle = describe_change (change);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  /* Back to what the place held before this revision: there is nothing
   * before a creation. */
  if (rtes_revision_get_kind (revision) == RTES_REVISION_CHANGED)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("edit-undo-symbolic");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Put back the value before this revision"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Put back the value before this revision"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "history.restore");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ums)",
                                        rtes_revision_get_number (revision) - 1, change->path);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

/* Fills a revision's row with what it changed, when it is first opened. */
static void
fill_revision_row (AdwExpanderRow *row,
                   GParamSpec     *pspec,
                   RtesRevision   *revision)
{
  RtesHistoryDialog *self = RTES_HISTORY_DIALOG (gtk_widget_get_ancestor (GTK_WIDGET (row),
                                                                          RTES_TYPE_HISTORY_DIALOG));
  g_autoptr(RtesRevision) kept = g_object_ref (revision);
  guint number = rtes_revision_get_number (revision);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *actions;

  if (!adw_expander_row_get_expanded (row))
    return;
  /* Filled once: the handler goes, with its reference to @revision (@kept holds one). */
  g_signal_handlers_disconnect_by_func (row, fill_revision_row, revision);

  if (rtes_revision_get_kind (revision) == RTES_REVISION_DELETED)
    return;

  actions = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (actions), _("This version of the fiche"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (actions),
                             button_new (_("_View"), "history.view", g_variant_new_uint32 (number)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (actions),
                             button_new (_("_Restore This Version"), "history.restore",
                                         g_variant_new ("(ums)", number, NULL)));
  adw_expander_row_add_row (row, actions);

  changes = rtes_history_get_changes (self->history, rtes_revision_get_fiche_id (revision), number,
                                      &before, &after, &error);
  if (changes == NULL)
    {
      GtkWidget *message = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (message), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (message), error->message);
      adw_expander_row_add_row (row, message);
      return;
    }
  for (guint i = 0; i < changes->len; i++)
    adw_expander_row_add_row (row, change_row_new (self, revision, g_ptr_array_index (changes, i),
                                                   before, after));
}

static GtkWidget *
revision_row_new (RtesHistoryDialog *self,
                  RtesRevision      *revision)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autoptr(GDateTime) date = rtes_revision_dup_date_time (revision);
  g_autofree char *when = g_date_time_format (date, "%H:%M");
  g_autofree char *title = NULL;
  g_autofree char *origin = rtes_revision_describe (revision);
  const char * const *fields = rtes_revision_get_fields (revision);
  guint n_fields = fields != NULL ? g_strv_length ((GStrv) fields) : 0;
  g_autofree char *subtitle = NULL;

  /* Translators: a revision in the history: "14:05 — Marie Dupont" */
  title = g_strdup_printf (_("%s — %s"), when, rtes_revision_get_display_author (revision));
  if (rtes_revision_get_kind (revision) == RTES_REVISION_CHANGED)
    /* Translators: where a revision came from, and how many places it
     * changed: "Typed here · 3 changes" */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u change", "%s · %u changes", n_fields),
                                origin, n_fields);
  else
    subtitle = g_strdup (origin);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  g_signal_connect_data (row, "notify::expanded", G_CALLBACK (fill_revision_row), g_object_ref (revision),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  return row;
}

/* The list ------------------------------------------------------------------------ */

static void
clear_groups (RtesHistoryDialog *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
}

static AdwPreferencesGroup *
add_group (RtesHistoryDialog *self,
           const char        *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
  g_ptr_array_add (self->groups, group);
  return ADW_PREFERENCES_GROUP (group);
}

static void
show_older_clicked (GtkButton         *button,
                    RtesHistoryDialog *self)
{
  self->limit += PAGE_SIZE;
  rtes_history_dialog_reload (self);
}

/* Reads the history again (the dialog does so after each save). */
static void
rtes_history_dialog_reload (RtesHistoryDialog *self)
{
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *previous_day = NULL;
  g_autofree char *notice = NULL;
  AdwPreferencesGroup *group = NULL;
  guint shown = 0;

  g_return_if_fail (RTES_IS_HISTORY_DIALOG (self));

  adw_window_title_set_subtitle (self->window_title, rtes_document_get_title (self->document));
  clear_groups (self);
  self->n_revisions = 0;
  if (self->history == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  notice = rtes_history_take_notice (self->history);
  if (notice != NULL)
    rtes_history_dialog_toast (self->toast_overlay, notice);

  revisions = rtes_history_list (self->history, rtes_document_get_id (self->document), NULL, &error);
  if (revisions == NULL)
    {
      rtes_history_dialog_toast (self->toast_overlay, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  for (guint i = revisions->len; i-- > 0 && shown < self->limit; shown++)
    {
      RtesRevision *revision = g_ptr_array_index (revisions, i);
      g_autoptr(GDateTime) date = rtes_revision_dup_date_time (revision);
      g_autofree char *day = rtes_revision_format_day (date, now);

      if (group == NULL || g_strcmp0 (day, previous_day) != 0)
        {
          group = add_group (self, day);
          g_free (previous_day);
          previous_day = g_steal_pointer (&day);
        }
      adw_preferences_group_add (group, revision_row_new (self, revision));
    }
  self->n_revisions = shown;
  if (shown < revisions->len)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Show _Older Revisions"));

      gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "pill");
      g_signal_connect (button, "clicked", G_CALLBACK (show_older_clicked), self);
      adw_preferences_group_add (add_group (self, NULL), button);
    }
  gtk_stack_set_visible_child_name (self->stack, shown > 0 ? "list" : "empty");
}

guint
rtes_history_dialog_get_n_revisions (RtesHistoryDialog *self)
{
  g_return_val_if_fail (RTES_IS_HISTORY_DIALOG (self), 0);
  return self->n_revisions;
}

static void
on_document_saved (RtesDocument      *document,
                   RtesChangeOrigin   origin,
                   RtesHistoryDialog *self)
{
  rtes_history_dialog_reload (self);
}

/* GObject ------------------------------------------------------------------------- */

static void
rtes_history_dialog_dispose (GObject *object)
{
  RtesHistoryDialog *self = RTES_HISTORY_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RTES_TYPE_HISTORY_DIALOG);
  g_clear_object (&self->document);
  g_clear_object (&self->history);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (rtes_history_dialog_parent_class)->dispose (object);
}

static void
rtes_history_dialog_class_init (RtesHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rtes_history_dialog_dispose;
  gtk_widget_class_install_action (widget_class, "history.restore", "(ums)", restore_activated);
  gtk_widget_class_install_action (widget_class, "history.view", "u", view_activated);

  gtk_widget_class_set_template_from_resource (widget_class, "/fr/rtes/Fiches/ui/rtes-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RtesHistoryDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RtesHistoryDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RtesHistoryDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RtesHistoryDialog, page);
}

static void
rtes_history_dialog_init (RtesHistoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups = g_ptr_array_new ();
  self->limit = PAGE_SIZE;
}

RtesHistoryDialog *
rtes_history_dialog_new (GtkWindow    *parent,
                         RtesDocument *document)
{
  RtesHistoryDialog *self;
  RtesHistory *history;

  g_return_val_if_fail (RTES_IS_DOCUMENT (document), NULL);

  self = g_object_new (RTES_TYPE_HISTORY_DIALOG, "transient-for", parent, NULL);
  self->document = g_object_ref (document);
  history = rtes_library_get_history (rtes_document_get_library (document));
  self->history = history != NULL ? g_object_ref (history) : NULL;
  g_signal_connect_object (document, "saved", G_CALLBACK (on_document_saved), self, 0);
  rtes_history_dialog_reload (self);
  return self;
}
