/* rtes-sidebar.c: the searchable, filterable list of a library's fiches
 *
 * The library is a GListModel of every fiche; the sidebar shows it through
 * a GtkSortListModel, a GtkFilterListModel (search and filters), an
 * RtesListSlots (positions, so that the rows stay when a search changes
 * the list) and a GtkMultiSelection in a GtkListView, so that ten
 * thousand fiches cost the rows of its visible part. Searching compares the folded query with
 * each fiche's folded search text (name, city, contacts, sections), which
 * the model caches until the fiche changes (and which a fiche listed from
 * the library's index has without its file being read): a keystroke is a
 * strstr() per fiche, and only per fiche still shown when the query grew
 * (GTK_FILTER_CHANGE_MORE_STRICT), or per fiche hidden when it shrank.
 * Every word of the query must match, in any order.
 *
 * Selection mode, as in GNOME Files and Contacts: the "Select" button,
 * Ctrl+click or Shift+click check several fiches; an action bar at the
 * bottom then sets their status, adds or removes a tag, exports them or
 * moves them to the trash (the window's win.selection-* actions, each one
 * undoable step). Outside selection mode the one selected row is the
 * fiche the window shows; in it, clicks and Enter check and uncheck rows
 * and the fiche shown stays.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rtes-departement.h"
#include "rtes-fiche-row.h"
#include "rtes-list-slots.h"
#include "rtes-sidebar.h"
#include "rtes-text.h"
#include "rtes-validation.h"
#include "rtes-vocabulary.h"

struct _RtesSidebar
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkSearchEntry *search_entry;
  GtkMenuButton *filter_button;
  GtkStack *list_stack;
  GtkListView *list_view;
  AdwStatusPage *empty_page;
  GtkLabel *count_label;
  GtkDropDown *kind_dropdown;
  GtkDropDown *region_dropdown;
  GtkDropDown *tag_dropdown;
  GtkFlowBox *chips_box;
  GtkDropDown *status_dropdown;
  GtkDropDown *sort_dropdown;
  GtkCheckButton *incomplete_check;
  GtkCheckButton *stale_check;
  GtkCheckButton *reverse_check;
  GtkToggleButton *select_button;
  GtkRevealer *selection_revealer;
  GtkLabel *selection_label;
  GtkMenuButton *tag_menu_button;

  /* Owned */
  RtesWorkspace *workspace;
  RtesFiche *selected;
  GtkFilterListModel *filter_model;
  GtkSortListModel *sort_model;
  RtesListSlots *slots;       /* the list view's rows stay when the list changes */
  GtkMultiSelection *selection;
  GHashTable *checked;        /* in selection mode, the checked fiches */
  GHashTable *stale_rows;     /* rows whose slot's fiche changed */
  guint stale_source;
  gboolean deferring;
  GtkCustomFilter *filter;
  GtkCustomSorter *sorter;

  /* Filter state */
  char **query_words;         /* folded */
  char *kind;
  char *region;
  char *departement;          /* code, from the overview's map */
  char *tag;
  char *status;
  gboolean incomplete_only;
  gboolean stale_only;
  char *stale_before;         /* "YYYY-MM-DD" two years ago */
  char *sort_order;
  gboolean sort_descending;

  gboolean updating_selection;
  gboolean keep_selection;    /* entering selection mode to select all */
  gboolean selection_mode;
  guint n_selected;
};

G_DEFINE_FINAL_TYPE (RtesSidebar, rtes_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED_FICHE,
  PROP_SORT_ORDER,
  PROP_SORT_DESCENDING,
  PROP_SELECTION_MODE,
  PROP_N_SELECTED,
  N_PROPS
};

enum {
  FICHE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void list_activated (RtesSidebar *self, guint position);
static void shown_changed (RtesSidebar *self);
static void update_n_selected (RtesSidebar *self);

static const char * const sort_orders[] = { "name", "updated", "member-since" };
static const char * const statuses[] = { "", RTES_STATUS_DRAFT, RTES_STATUS_PUBLISHED };

/* Sorting ------------------------------------------------------------- */

typedef struct
{
  char *name;   /* the name the key was made from */
  char *key;
} CollateKey;

static void
collate_key_free (CollateKey *key)
{
  g_free (key->name);
  g_free (key->key);
  g_free (key);
}

/* Collation keys are costly to make and a sort compares each fiche about
 * log2(n) times, so each fiche keeps its key until its name changes. */
static const char *
name_key (RtesFiche *fiche)
{
  static GQuark quark;
  const char *name = rtes_fiche_get_name (fiche);
  CollateKey *key;

  if (quark == 0)
    quark = g_quark_from_static_string ("rtes-sidebar-collate-key");

  key = g_object_get_qdata (G_OBJECT (fiche), quark);
  if (key == NULL || g_strcmp0 (key->name, name) != 0)
    {
      g_autofree char *folded = rtes_text_fold (name);

      key = g_new0 (CollateKey, 1);
      key->name = g_strdup (name);
      key->key = g_utf8_collate_key (folded, -1);
      g_object_set_qdata_full (G_OBJECT (fiche), quark, key, (GDestroyNotify) collate_key_free);
    }
  return key->key;
}

static int
compare_names (RtesFiche *a,
               RtesFiche *b)
{
  int cmp = strcmp (name_key (a), name_key (b));

  return cmp != 0 ? cmp : g_strcmp0 (rtes_fiche_get_id (a), rtes_fiche_get_id (b));
}

static int
compare_fiches (gconstpointer a_ptr,
                gconstpointer b_ptr,
                gpointer      user_data)
{
  RtesSidebar *self = user_data;
  RtesFiche *a = RTES_FICHE ((gpointer) a_ptr);
  RtesFiche *b = RTES_FICHE ((gpointer) b_ptr);
  int cmp = 0;

  if (g_strcmp0 (self->sort_order, "updated") == 0)
    {
      /* Most recent first; fiches without a date last. */
      const char *ua = rtes_fiche_get_updated (a);
      const char *ub = rtes_fiche_get_updated (b);

      if (ua == NULL || ub == NULL)
        cmp = (ua == NULL) - (ub == NULL);
      else
        cmp = -strcmp (ua, ub);
    }
  else if (g_strcmp0 (self->sort_order, "member-since") == 0)
    {
      /* Longest-standing members first; unknown years last. */
      gint64 ya = rtes_fiche_get_member_since (a);
      gint64 yb = rtes_fiche_get_member_since (b);

      if (ya == RTES_NO_NUMBER || yb == RTES_NO_NUMBER)
        cmp = (ya == RTES_NO_NUMBER) - (yb == RTES_NO_NUMBER);
      else
        cmp = (ya > yb) - (ya < yb);
    }

  if (cmp == 0)
    cmp = compare_names (a, b);
  if (self->sort_descending)
    cmp = -cmp;
  return cmp < 0 ? GTK_ORDERING_SMALLER : cmp > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* Filtering ----------------------------------------------------------- */

static gboolean
filter_fiche (gpointer item,
              gpointer user_data)
{
  RtesSidebar *self = user_data;
  RtesFiche *fiche = item;
  gboolean broken = rtes_fiche_get_load_error (fiche) != NULL;

  if (self->query_words != NULL)
    {
      const char *text = rtes_fiche_get_search_text (fiche);

      for (guint i = 0; self->query_words[i] != NULL; i++)
        if (text == NULL || strstr (text, self->query_words[i]) == NULL)
          return FALSE;
    }

  /* A broken fiche has no kind, region or status: any such filter hides
   * it, but a search for its file name finds it. */
  if (self->kind != NULL && (broken || g_strcmp0 (rtes_fiche_get_kind (fiche), self->kind) != 0))
    return FALSE;
  if (self->region != NULL && (broken || g_strcmp0 (rtes_fiche_get_region (fiche), self->region) != 0))
    return FALSE;
  if (self->status != NULL && (broken || g_strcmp0 (rtes_fiche_get_status (fiche), self->status) != 0))
    return FALSE;
  if (self->departement != NULL)
    {
      const RtesDepartement *departement = broken ? NULL : rtes_departement_for_fiche (fiche);

      if (departement == NULL || g_strcmp0 (departement->code, self->departement) != 0)
        return FALSE;
    }
  if (self->tag != NULL)
    {
      const char * const *tags = broken ? NULL : rtes_fiche_get_tags (fiche);

      if (tags == NULL || !g_strv_contains (tags, self->tag))
        return FALSE;
    }
  if (self->stale_only)
    {
      const char *updated = rtes_fiche_get_updated (fiche);

      if (broken || (updated != NULL && strcmp (updated, self->stale_before) >= 0))
        return FALSE;
    }
  /* Last: completeness runs the validation, the costliest test. */
  if (self->incomplete_only && (broken || rtes_fiche_completeness (fiche) >= 1.0))
    return FALSE;

  return TRUE;
}

static gboolean
any_filter (RtesSidebar *self)
{
  return self->kind != NULL || self->region != NULL || self->departement != NULL ||
         self->tag != NULL || self->status != NULL || self->incomplete_only || self->stale_only;
}

static void update_chips (RtesSidebar *self);

static void
update_count (RtesSidebar *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint total = 0;
  g_autofree char *text = NULL;
  gboolean filtered;

  if (self->workspace != NULL)
    total = g_list_model_get_n_items (G_LIST_MODEL (rtes_workspace_get_library (self->workspace)));

  filtered = self->query_words != NULL || any_filter (self);
  if (filtered)
    /* Translators: "12 fiches shown out of 230"; the plural follows the
     * first number */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u fiche shown out of %u",
                                         "%u fiches shown out of %u", shown),
                            shown, total);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u fiche", "%u fiches", total), total);
  gtk_label_set_label (self->count_label, text);

  gtk_stack_set_visible_child_name (self->list_stack, shown > 0 ? "list" : "empty");
  if (total == 0)
    {
      /* The welcome page beside the list says what to do, and the count
       * below says "0 fiches": no need to say it a third time. */
      adw_status_page_set_icon_name (self->empty_page, NULL);
      adw_status_page_set_title (self->empty_page, NULL);
      adw_status_page_set_description (self->empty_page, NULL);
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results"));
      adw_status_page_set_description (self->empty_page, _("Try other words, or fewer filters."));
    }

  /* The filter button shows that something is hidden. */
  if (any_filter (self))
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
}

/* The position of @fiche in the list, or GTK_INVALID_LIST_POSITION. The
 * list is in the sorter's order, so a binary search finds it in a few
 * looks; a fiche changed since the last sort is looked for one by one. */
static guint
find_shown (RtesSidebar *self,
            RtesFiche   *fiche)
{
  GListModel *model = G_LIST_MODEL (self->filter_model);
  guint n = g_list_model_get_n_items (model);
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(RtesFiche) item = g_list_model_get_item (model, mid);
      int cmp;

      if (item == fiche)
        return mid;
      cmp = compare_fiches (item, fiche, self);
      if (cmp == GTK_ORDERING_EQUAL)
        break;
      if (cmp == GTK_ORDERING_SMALLER)
        lo = mid + 1;
      else
        hi = mid;
    }
  /* Hidden by the filter: no need to look further. */
  if (!filter_fiche (fiche, self))
    return GTK_INVALID_LIST_POSITION;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RtesFiche) item = g_list_model_get_item (model, i);

      if (item == fiche)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* Puts the selection back on the selected fiche once it is shown again
 * (filters hide it without deselecting it for the window); returns its
 * position. */
static guint
select_shown (RtesSidebar *self)
{
  guint position = GTK_INVALID_LIST_POSITION;

  /* In selection mode the checked rows are the person's, not the fiche
   * shown. */
  if (self->selection_mode)
    return GTK_INVALID_LIST_POSITION;
  if (self->selected != NULL)
    position = find_shown (self, self->selected);

  self->updating_selection = TRUE;
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  else
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  self->updating_selection = FALSE;
  return position;
}

/* Selects the fiche shown, and brings it into view; returns its position
 * (GTK_INVALID_LIST_POSITION: not in the list). */
static guint
sync_selection (RtesSidebar *self)
{
  guint position = select_shown (self);

  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  return position;
}

/* The checked fiches, from the selection: the selection model keeps them
 * by position, and the list view's rows are positions (rtes-list-slots.c),
 * so that a change of the list would otherwise leave the checks where
 * they were while the fiches move. */
static void
remember_checked (RtesSidebar *self)
{
  g_autoptr(GPtrArray) fiches = rtes_sidebar_get_selected_fiches (self);

  g_hash_table_remove_all (self->checked);
  for (guint i = 0; i < fiches->len; i++)
    g_hash_table_add (self->checked, g_object_ref (g_ptr_array_index (fiches, i)));
}

/* Checks again the checked fiches still shown; those hidden lose their
 * check, as in GtkMultiSelection over the list itself. */
static void
restore_checked (RtesSidebar *self)
{
  GListModel *model = G_LIST_MODEL (self->filter_model);
  guint n = g_list_model_get_n_items (model);
  guint wanted = g_hash_table_size (self->checked);
  g_autoptr(GtkBitset) selected = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = gtk_bitset_new_range (0, n);

  for (guint i = 0, found = 0; i < n && found < wanted; i++)
    {
      g_autoptr(RtesFiche) fiche = g_list_model_get_item (model, i);

      if (g_hash_table_contains (self->checked, fiche))
        {
          gtk_bitset_add (selected, i);
          found++;
        }
    }
  self->updating_selection = TRUE;
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), selected, mask);
  self->updating_selection = FALSE;
  remember_checked (self);
  update_n_selected (self);
}

/* The list changed under rows that stay: the selection follows the
 * fiches, not the positions. */
static void
shown_changed (RtesSidebar *self)
{
  if (self->selection_mode)
    restore_checked (self);
  else
    select_shown (self);
}

/* How the filter changed, so that the filter model looks again only at
 * the fiches whose fate may have changed: a stricter filter at those
 * shown, a looser one at those hidden. */
typedef enum {
  CHANGE_NONE = 0,
  CHANGE_MORE_STRICT = 1 << 0,
  CHANGE_LESS_STRICT = 1 << 1,
  CHANGE_DIFFERENT = CHANGE_MORE_STRICT | CHANGE_LESS_STRICT,
} Change;

static Change
string_change (const char *before,
               const char *after)
{
  if (g_strcmp0 (before, after) == 0)
    return CHANGE_NONE;
  if (before == NULL)
    return CHANGE_MORE_STRICT;
  if (after == NULL)
    return CHANGE_LESS_STRICT;
  return CHANGE_DIFFERENT;
}

static Change
flag_change (gboolean before,
             gboolean after)
{
  if (before == after)
    return CHANGE_NONE;
  return after ? CHANGE_MORE_STRICT : CHANGE_LESS_STRICT;
}

/* Whether every word of @a is inside some word of @b: then whatever
 * matches @b matches @a. */
static gboolean
words_within (char **a,
              char **b)
{
  for (guint i = 0; a != NULL && a[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; b != NULL && b[j] != NULL && !found; j++)
        found = strstr (b[j], a[i]) != NULL;
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static Change
query_change (char **before,
              char **after)
{
  gboolean stricter = words_within (before, after);
  gboolean looser = words_within (after, before);

  if (stricter && looser)
    return CHANGE_NONE;
  if (stricter)
    return CHANGE_MORE_STRICT;
  if (looser)
    return CHANGE_LESS_STRICT;
  return CHANGE_DIFFERENT;
}

/* Rows stale for a while -------------------------------------------------
 *
 * GTK 4.8's list view keeps some two hundred rows, of which twenty are on
 * screen. When a keystroke changes the fiches of all of them, shaping the
 * texts of two hundred rows is most of the frame: the rows near the part
 * shown are brought up to date at once, the others just after the frame,
 * a few at a time, before anyone can scroll to them. */

#define ROWS_NEAR 32      /* either side of a position, if rows have no height yet */
#define ROWS_AT_ONCE 24   /* brought up to date at each idle moment */

static void
update_row (RtesFicheRow *row)
{
  RtesListSlot *slot = g_object_get_data (G_OBJECT (row), "rtes-slot");

  /* Not a row of the list any more. */
  if (slot == NULL || gtk_widget_get_parent (GTK_WIDGET (row)) == NULL)
    return;
  rtes_fiche_row_set_fiche (row, rtes_list_slot_get_item (slot));
}

static gboolean
update_stale_rows (gpointer data)
{
  RtesSidebar *self = data;
  GHashTableIter iter;
  gpointer row;
  guint n = 0;

  g_hash_table_iter_init (&iter, self->stale_rows);
  while (n++ < ROWS_AT_ONCE && g_hash_table_iter_next (&iter, &row, NULL))
    {
      g_hash_table_iter_steal (&iter);
      update_row (row);
      g_object_unref (row);
    }
  if (g_hash_table_size (self->stale_rows) > 0)
    return G_SOURCE_CONTINUE;
  self->stale_source = 0;
  return G_SOURCE_REMOVE;
}

/* How many rows either side of a position may be on screen with it: as
 * many as the list shows, and two for those cut at its edges. */
static guint
rows_near (RtesSidebar *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self->list_view));
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->stale_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    {
      GtkWidget *item = gtk_widget_get_parent (row);
      int row_height = item != NULL ? gtk_widget_get_height (item) : 0;

      if (row_height > 0 && height > 0)
        return height / row_height + 2;
    }
  return ROWS_NEAR;
}

/* Brings the rows near @position up to date now, the others soon. */
static void
update_rows_near (RtesSidebar *self,
                  guint        position)
{
  guint near = rows_near (self);
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->stale_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    {
      GtkListItem *item = g_object_get_data (G_OBJECT (row), "rtes-list-item");
      guint at = item != NULL ? gtk_list_item_get_position (item) : GTK_INVALID_LIST_POSITION;

      if (at == GTK_INVALID_LIST_POSITION || (at + near >= position && at <= position + near))
        {
          g_hash_table_iter_steal (&iter);
          update_row (row);
          g_object_unref (row);
        }
    }
  if (g_hash_table_size (self->stale_rows) > 0 && self->stale_source == 0)
    self->stale_source = g_idle_add (update_stale_rows, self);
}

static void
slot_item_changed (RtesListSlot *slot,
                   GParamSpec   *pspec,
                   RtesFicheRow *row)
{
  RtesSidebar *self = RTES_SIDEBAR (gtk_widget_get_ancestor (GTK_WIDGET (row), RTES_TYPE_SIDEBAR));

  if (self != NULL && self->deferring)
    g_hash_table_add (self->stale_rows, g_object_ref (row));
  else
    update_row (row);
}

static void
refilter (RtesSidebar *self,
          Change       change,
          gboolean     chips)
{
  guint position;

  if (change == CHANGE_NONE)
    return;
  /* A fiche being edited may have changed since it was filtered: only a
   * fresh look at every fiche is sure to be right about it. */
  if (self->workspace != NULL && rtes_workspace_get_n_modified (self->workspace) > 0)
    change = CHANGE_DIFFERENT;
  self->deferring = TRUE;
  gtk_filter_changed (GTK_FILTER (self->filter),
                      change == CHANGE_MORE_STRICT ? GTK_FILTER_CHANGE_MORE_STRICT
                      : change == CHANGE_LESS_STRICT ? GTK_FILTER_CHANGE_LESS_STRICT
                      : GTK_FILTER_CHANGE_DIFFERENT);
  self->deferring = FALSE;
  /* The rows stay where they were (rtes-list-slots.c): without the fiche
   * shown among the results, these are read from their start. */
  position = sync_selection (self);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      GtkAdjustment *scroll = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

      position = 0;
      /* Not at the top already: scrolling lays the whole list out again. */
      if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0 &&
          (scroll == NULL || gtk_adjustment_get_value (scroll) > gtk_adjustment_get_lower (scroll)))
        gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
    }
  update_rows_near (self, position);
  update_count (self);
  if (chips)
    update_chips (self);
}

/* Sets *@field to @value; says how the filter changed. */
static Change
update_string (char       **field,
               const char  *value)
{
  Change change = string_change (*field, value);

  if (change != CHANGE_NONE)
    {
      g_free (*field);
      *field = g_strdup (value);
    }
  return change;
}

static void
set_string_filter (RtesSidebar  *self,
                   char        **field,
                   const char   *value)
{
  refilter (self, update_string (field, value != NULL && value[0] != '\0' ? value : NULL), TRUE);
}

void
rtes_sidebar_set_search_text (RtesSidebar *self,
                              const char  *text)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) split = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  Change change;

  g_return_if_fail (RTES_IS_SIDEBAR (self));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text ? text : "") != 0)
    {
      /* The entry's ::search-changed brings us back here. */
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
    }

  folded = rtes_text_fold (text ? text : "");
  split = g_strsplit (folded, " ", -1);
  for (guint i = 0; split[i] != NULL; i++)
    if (split[i][0] != '\0')
      g_strv_builder_add (builder, split[i]);

  words = g_strv_builder_end (builder);
  if (words[0] == NULL)
    g_clear_pointer (&words, g_strfreev);
  change = query_change (self->query_words, words);
  g_strfreev (self->query_words);
  self->query_words = g_steal_pointer (&words);
  /* The chips show the filters, not the search. */
  refilter (self, change, FALSE);
}

static void
search_changed (RtesSidebar *self)
{
  rtes_sidebar_set_search_text (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Enter in the search entry opens the first fiche found. */
static void
search_activated (RtesSidebar *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    list_activated (self, 0);
}

static void
search_stopped (RtesSidebar *self)
{
  rtes_sidebar_set_search_text (self, "");
}

static const char *
term_id_at (const RtesTerm *terms,
            guint           position)
{
  /* Position 0 is "any". */
  if (position == 0 || position == GTK_INVALID_LIST_POSITION)
    return NULL;
  for (guint i = 0; terms[i].id != NULL; i++)
    if (i + 1 == position)
      return terms[i].id;
  return NULL;
}

static guint
term_position (const RtesTerm *terms,
               const char     *id)
{
  if (id != NULL)
    for (guint i = 0; terms[i].id != NULL; i++)
      if (g_strcmp0 (terms[i].id, id) == 0)
        return i + 1;
  return 0;
}

static void
filters_changed (RtesSidebar *self)
{
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  gboolean incomplete_only = gtk_check_button_get_active (self->incomplete_check);
  gboolean stale_only = gtk_check_button_get_active (self->stale_check);
  Change change = CHANGE_NONE;

  /* The template's drop-downs speak while it is being built. */
  if (self->filter == NULL)
    return;

  change |= update_string (&self->kind, term_id_at (rtes_kinds (), gtk_drop_down_get_selected (self->kind_dropdown)));
  change |= update_string (&self->region, term_id_at (rtes_regions (), gtk_drop_down_get_selected (self->region_dropdown)));
  change |= update_string (&self->tag, term_id_at (rtes_tags (), gtk_drop_down_get_selected (self->tag_dropdown)));
  change |= update_string (&self->status,
                           status > 0 && status < G_N_ELEMENTS (statuses) ? statuses[status] : NULL);
  change |= flag_change (self->incomplete_only, incomplete_only);
  change |= flag_change (self->stale_only, stale_only);
  self->incomplete_only = incomplete_only;
  self->stale_only = stale_only;
  refilter (self, change, TRUE);
}

static void
sort_dropdown_changed (RtesSidebar *self)
{
  guint position = gtk_drop_down_get_selected (self->sort_dropdown);

  if (self->sorter != NULL && position < G_N_ELEMENTS (sort_orders))
    rtes_sidebar_set_sort_order (self, sort_orders[position]);
}

void
rtes_sidebar_set_kind_filter (RtesSidebar *self,
                              const char  *kind)
{
  g_return_if_fail (RTES_IS_SIDEBAR (self));
  gtk_drop_down_set_selected (self->kind_dropdown, term_position (rtes_kinds (), kind));
  set_string_filter (self, &self->kind, kind);
}

void
rtes_sidebar_set_region_filter (RtesSidebar *self,
                                const char  *region)
{
  g_return_if_fail (RTES_IS_SIDEBAR (self));
  gtk_drop_down_set_selected (self->region_dropdown, term_position (rtes_regions (), region));
  set_string_filter (self, &self->region, region);
}

static void
rtes_sidebar_set_tag_filter (RtesSidebar *self,
                             const char  *tag)
{
  g_return_if_fail (RTES_IS_SIDEBAR (self));
  gtk_drop_down_set_selected (self->tag_dropdown, term_position (rtes_tags (), tag));
  set_string_filter (self, &self->tag, tag);
}

/* A département code ("25", "2A"): fiches whose postcode is there. */
static void
rtes_sidebar_set_departement_filter (RtesSidebar *self,
                                     const char  *code)
{
  const RtesDepartement *departement = rtes_departement_lookup (code);

  g_return_if_fail (RTES_IS_SIDEBAR (self));
  set_string_filter (self, &self->departement, departement != NULL ? departement->code : NULL);
}

gboolean
rtes_sidebar_apply_filter (RtesSidebar *self,
                           const char  *filter)
{
  const char *value;

  g_return_val_if_fail (RTES_IS_SIDEBAR (self), FALSE);

  if (filter == NULL || (value = strchr (filter, ':')) == NULL || value[1] == '\0')
    return FALSE;
  value++;
  if (g_str_has_prefix (filter, "kind:") && rtes_kind_lookup (value) != NULL)
    rtes_sidebar_set_kind_filter (self, value);
  else if (g_str_has_prefix (filter, "region:") && rtes_region_lookup (value) != NULL)
    rtes_sidebar_set_region_filter (self, value);
  else if (g_str_has_prefix (filter, "departement:") && rtes_departement_lookup (value) != NULL)
    rtes_sidebar_set_departement_filter (self, value);
  else if (g_str_has_prefix (filter, "tag:") && rtes_tag_lookup (value) != NULL)
    rtes_sidebar_set_tag_filter (self, value);
  else if (g_str_equal (filter, "freshness:stale"))
    rtes_sidebar_set_stale_only (self, TRUE);
  else if (g_str_equal (filter, "completeness:incomplete"))
    rtes_sidebar_set_incomplete_only (self, TRUE);
  else
    return FALSE;
  return TRUE;
}

void
rtes_sidebar_set_status_filter (RtesSidebar *self,
                                const char  *status)
{
  guint position = 0;

  g_return_if_fail (RTES_IS_SIDEBAR (self));
  for (guint i = 1; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (statuses[i], status) == 0)
      position = i;
  gtk_drop_down_set_selected (self->status_dropdown, position);
  set_string_filter (self, &self->status, status);
}

void
rtes_sidebar_set_incomplete_only (RtesSidebar *self,
                                  gboolean     incomplete_only)
{
  g_return_if_fail (RTES_IS_SIDEBAR (self));
  gtk_check_button_set_active (self->incomplete_check, incomplete_only);
}

void
rtes_sidebar_set_stale_only (RtesSidebar *self,
                             gboolean     stale_only)
{
  g_return_if_fail (RTES_IS_SIDEBAR (self));
  gtk_check_button_set_active (self->stale_check, stale_only);
}

void
rtes_sidebar_clear_filters (RtesSidebar *self)
{
  g_return_if_fail (RTES_IS_SIDEBAR (self));
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  gtk_drop_down_set_selected (self->region_dropdown, 0);
  gtk_drop_down_set_selected (self->tag_dropdown, 0);
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  rtes_sidebar_set_departement_filter (self, NULL);
  gtk_check_button_set_active (self->incomplete_check, FALSE);
  gtk_check_button_set_active (self->stale_check, FALSE);
}

const char *
rtes_sidebar_get_sort_order (RtesSidebar *self)
{
  g_return_val_if_fail (RTES_IS_SIDEBAR (self), NULL);
  return self->sort_order;
}

void
rtes_sidebar_set_sort_order (RtesSidebar *self,
                             const char  *sort_order)
{
  guint position = 0;

  g_return_if_fail (RTES_IS_SIDEBAR (self));

  for (guint i = 0; i < G_N_ELEMENTS (sort_orders); i++)
    if (g_strcmp0 (sort_orders[i], sort_order) == 0)
      position = i;
  sort_order = sort_orders[position];
  if (g_strcmp0 (self->sort_order, sort_order) == 0)
    return;

  g_free (self->sort_order);
  self->sort_order = g_strdup (sort_order);
  gtk_drop_down_set_selected (self->sort_dropdown, position);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  sync_selection (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_ORDER]);
}

void
rtes_sidebar_set_sort_descending (RtesSidebar *self,
                                  gboolean     sort_descending)
{
  g_return_if_fail (RTES_IS_SIDEBAR (self));

  sort_descending = !!sort_descending;
  if (self->sort_descending == sort_descending)
    return;
  self->sort_descending = sort_descending;
  gtk_check_button_set_active (self->reverse_check, sort_descending);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_INVERTED);
  sync_selection (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_DESCENDING]);
}

static void
reverse_toggled (RtesSidebar *self)
{
  if (self->sorter != NULL)
    rtes_sidebar_set_sort_descending (self, gtk_check_button_get_active (self->reverse_check));
}

static gboolean
delete_pressed (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  RtesSidebar *self = user_data;

  return gtk_widget_activate_action (GTK_WIDGET (self),
                                     self->selection_mode ? "win.selection-trash" : "win.delete", NULL);
}

static void
leave_selection_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  rtes_sidebar_set_selection_mode (RTES_SIDEBAR (widget), FALSE);
}

/* "Add a Tag" and "Remove a Tag" of the action bar, one item a lever. */
static void
build_tag_menu (RtesSidebar *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) add = g_menu_new ();
  g_autoptr(GMenu) remove = g_menu_new ();

  for (const RtesTerm *term = rtes_tags (); term->id != NULL; term++)
    {
      g_autoptr(GMenuItem) add_item = g_menu_item_new (rtes_term_label (term), NULL);
      g_autoptr(GMenuItem) remove_item = g_menu_item_new (rtes_term_label (term), NULL);

      g_menu_item_set_action_and_target_value (add_item, "win.selection-add-tag", g_variant_new_string (term->id));
      g_menu_item_set_action_and_target_value (remove_item, "win.selection-remove-tag", g_variant_new_string (term->id));
      g_menu_append_item (add, add_item);
      g_menu_append_item (remove, remove_item);
    }
  g_menu_append_submenu (menu, _("_Add a Lever"), G_MENU_MODEL (add));
  g_menu_append_submenu (menu, _("_Remove a Lever"), G_MENU_MODEL (remove));
  gtk_menu_button_set_menu_model (self->tag_menu_button, G_MENU_MODEL (menu));
}

void
rtes_sidebar_invalidate (RtesSidebar *self)
{
  g_return_if_fail (RTES_IS_SIDEBAR (self));

  /* The checked fiches stay checked (shown_changed()), so that a second
   * action can follow the first. */
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  /* Fiches changed: any of them may now match or not. */
  refilter (self, CHANGE_DIFFERENT, TRUE);
  update_n_selected (self);
}

/* Chips: the active filters, each removable with one click ---------------- */

/* A chip clears its filter as its control in the filter popover would
 * be cleared; the département (from the overview's map) has none. */
static void
chip_clicked (GtkWidget   *button,
              RtesSidebar *self)
{
  GtkWidget *control = g_object_get_data (G_OBJECT (button), "rtes-control");

  if (GTK_IS_DROP_DOWN (control))
    gtk_drop_down_set_selected (GTK_DROP_DOWN (control), 0);
  else if (GTK_IS_CHECK_BUTTON (control))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (control), FALSE);
  else
    rtes_sidebar_set_departement_filter (self, NULL);
}

static void
add_chip (RtesSidebar *self,
          const char  *label,
          gpointer     control)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *text = gtk_label_new (label);
  g_autofree char *accessible = NULL;

  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 24);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "rtes-chip");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  /* Translators: a button that removes one filter of the list, e.g.
   * "Remove the filter “Métropole”" */
  accessible = g_strdup_printf (_("Remove the filter “%s”"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_tooltip_text (button, accessible);
  g_object_set_data (G_OBJECT (button), "rtes-control", control);
  g_signal_connect (button, "clicked", G_CALLBACK (chip_clicked), self);
  /* The chip is gone: keep the keyboard in the list's neighbourhood. */
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (gtk_widget_grab_focus), self->search_entry);
  gtk_flow_box_append (self->chips_box, button);
  /* The chip is the focusable thing, not the flow box's child. */
  gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
}

static void
update_chips (RtesSidebar *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box))) != NULL)
    gtk_flow_box_remove (self->chips_box, child);

  if (self->kind != NULL && rtes_kind_lookup (self->kind) != NULL)
    add_chip (self, rtes_term_label (rtes_kind_lookup (self->kind)), self->kind_dropdown);
  if (self->region != NULL && rtes_region_lookup (self->region) != NULL)
    add_chip (self, rtes_term_label (rtes_region_lookup (self->region)), self->region_dropdown);
  if (self->departement != NULL)
    {
      const RtesDepartement *d = rtes_departement_lookup (self->departement);
      g_autofree char *label = g_strdup_printf ("%s (%s)", d->name, d->code);

      add_chip (self, label, NULL);
    }
  if (self->tag != NULL && rtes_tag_lookup (self->tag) != NULL)
    add_chip (self, rtes_term_label (rtes_tag_lookup (self->tag)), self->tag_dropdown);
  if (self->status != NULL)
    add_chip (self, g_str_equal (self->status, RTES_STATUS_DRAFT) ? _("Drafts")
                    : C_("status filter", "Published"), self->status_dropdown);
  if (self->incomplete_only)
    add_chip (self, _("Incomplete"), self->incomplete_check);
  if (self->stale_only)
    add_chip (self, _("Not updated for two years"), self->stale_check);

  gtk_widget_set_visible (GTK_WIDGET (self->chips_box), any_filter (self));
}

/* Selection ----------------------------------------------------------- */

static void
update_n_selected (RtesSidebar *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint n = self->selection_mode ? (guint) gtk_bitset_get_size (selected) : 0;
  g_autofree char *label = NULL;

  if (n == self->n_selected)
    return;
  self->n_selected = n;
  /* Translators: in the list's selection mode, how many fiches are checked */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected", "%u selected", n), n);
  gtk_label_set_label (self->selection_label, n > 0 ? label : _("No fiche selected"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
}

static void
selection_changed (RtesSidebar *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(RtesFiche) fiche = NULL;

  if (self->updating_selection)
    return;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  /* Ctrl+click or Shift+click checked a second fiche. */
  if (!self->selection_mode && gtk_bitset_get_size (selected) > 1)
    rtes_sidebar_set_selection_mode (self, TRUE);
  if (self->selection_mode)
    {
      remember_checked (self);
      update_n_selected (self);
      return;
    }
  if (gtk_bitset_get_size (selected) != 1)
    return;
  fiche = g_list_model_get_item (G_LIST_MODEL (self->filter_model), gtk_bitset_get_nth (selected, 0));
  if (fiche == NULL || fiche == self->selected)
    return;
  g_set_object (&self->selected, fiche);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_FICHE]);
}

/* Checks or unchecks the row at @position, leaving the others as they are. */
static void
check_position (RtesSidebar *self,
                guint        position,
                gboolean     checked)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (self->selection);

  if (checked)
    gtk_selection_model_select_item (model, position, FALSE);
  else
    gtk_selection_model_unselect_item (model, position);
}

static void
toggle_position (RtesSidebar *self,
                 guint        position)
{
  check_position (self, position, !gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position));
}

gboolean
rtes_sidebar_get_selection_mode (RtesSidebar *self)
{
  g_return_val_if_fail (RTES_IS_SIDEBAR (self), FALSE);
  return self->selection_mode;
}

void
rtes_sidebar_set_selection_mode (RtesSidebar *self,
                                 gboolean     selection_mode)
{
  g_return_if_fail (RTES_IS_SIDEBAR (self));

  selection_mode = !!selection_mode;
  if (self->selection_mode == selection_mode)
    return;
  self->selection_mode = selection_mode;
  gtk_toggle_button_set_active (self->select_button, selection_mode);
  /* Hidden, not only folded: a folded revealer still asks for its width. */
  gtk_widget_set_visible (GTK_WIDGET (self->selection_revealer), selection_mode);
  gtk_revealer_set_reveal_child (self->selection_revealer, selection_mode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.leave-selection", selection_mode);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), !selection_mode);
  if (selection_mode)
    gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "rtes-selection-mode");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->list_view), "rtes-selection-mode");
  /* Leaving it puts the selection back on the fiche shown; entering it
   * starts from nothing checked, unless Ctrl+click checked a second
   * fiche. */
  if (!selection_mode)
    {
      self->n_selected = G_MAXUINT;
      sync_selection (self);
    }
  else if (!self->keep_selection)
    {
      g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

      if (gtk_bitset_get_size (selected) <= 1)
        {
          self->updating_selection = TRUE;
          gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
          self->updating_selection = FALSE;
        }
    }
  remember_checked (self);
  update_n_selected (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION_MODE]);
}

guint
rtes_sidebar_get_n_selected (RtesSidebar *self)
{
  g_return_val_if_fail (RTES_IS_SIDEBAR (self), 0);
  return self->n_selected;
}

GPtrArray *
rtes_sidebar_get_selected_fiches (RtesSidebar *self)
{
  GPtrArray *fiches = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  g_return_val_if_fail (RTES_IS_SIDEBAR (self), fiches);

  if (!self->selection_mode)
    return fiches;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more; more = gtk_bitset_iter_next (&iter, &position))
    {
      RtesFiche *fiche = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

      if (fiche != NULL)
        g_ptr_array_add (fiches, fiche);
    }
  return fiches;
}

void
rtes_sidebar_select_all (RtesSidebar *self)
{
  g_return_if_fail (RTES_IS_SIDEBAR (self));

  self->keep_selection = TRUE;
  rtes_sidebar_set_selection_mode (self, TRUE);
  self->keep_selection = FALSE;
  gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
}

void
rtes_sidebar_set_fiche_selected (RtesSidebar *self,
                                 RtesFiche   *fiche,
                                 gboolean     selected)
{
  guint n;

  g_return_if_fail (RTES_IS_SIDEBAR (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RtesFiche) item = g_list_model_get_item (G_LIST_MODEL (self->filter_model), i);

      if (item == fiche)
        {
          check_position (self, i, selected);
          return;
        }
    }
}

static void
select_button_toggled (RtesSidebar *self)
{
  rtes_sidebar_set_selection_mode (self, gtk_toggle_button_get_active (self->select_button));
}

static void
list_activated (RtesSidebar *self,
                guint        position)
{
  g_autoptr(RtesFiche) fiche = NULL;

  if (self->selection_mode)
    {
      toggle_position (self, position);
      return;
    }
  fiche = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

  if (fiche != NULL)
    {
      rtes_sidebar_set_selected_fiche (self, fiche);
      g_signal_emit (self, signals[FICHE_ACTIVATED], 0, fiche);
    }
}

RtesFiche *
rtes_sidebar_get_selected_fiche (RtesSidebar *self)
{
  g_return_val_if_fail (RTES_IS_SIDEBAR (self), NULL);
  return self->selected;
}

void
rtes_sidebar_set_selected_fiche (RtesSidebar *self,
                                 RtesFiche   *fiche)
{
  g_return_if_fail (RTES_IS_SIDEBAR (self));

  if (!g_set_object (&self->selected, fiche))
    return;
  sync_selection (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_FICHE]);
}

/* List items ---------------------------------------------------------- */

/* A click on a row in selection mode checks or unchecks it, instead of
 * making it the only selected row as the list view would: the gesture
 * runs before the list item's own, and claims the click. */
static void
row_pressed (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             GtkListItem     *item)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  RtesSidebar *self = RTES_SIDEBAR (gtk_widget_get_ancestor (row, RTES_TYPE_SIDEBAR));
  GtkWidget *check, *picked;

  if (self == NULL || !self->selection_mode)
    return;
  /* The check box toggles itself. */
  check = GTK_WIDGET (rtes_fiche_row_get_check_button (RTES_FICHE_ROW (row)));
  picked = gtk_widget_pick (row, x, y, GTK_PICK_DEFAULT);
  if (picked != NULL && (picked == check || gtk_widget_is_ancestor (picked, check)))
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  toggle_position (self, gtk_list_item_get_position (item));
}

static void
row_check_toggled (GtkCheckButton *check,
                   GtkListItem    *item)
{
  RtesSidebar *self = RTES_SIDEBAR (gtk_widget_get_ancestor (GTK_WIDGET (check), RTES_TYPE_SIDEBAR));
  guint position = gtk_list_item_get_position (item);
  gboolean active = gtk_check_button_get_active (check);

  if (self != NULL && position != GTK_INVALID_LIST_POSITION &&
      active != gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    check_position (self, position, active);
}

static void
setup_item (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            RtesSidebar              *self)
{
  RtesFicheRow *row = rtes_fiche_row_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (row_pressed), item);
  gtk_widget_add_controller (GTK_WIDGET (row), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (rtes_fiche_row_get_check_button (row), "toggled", G_CALLBACK (row_check_toggled), item);
  /* Object data: GtkListItem is final and its child cannot reach it. */
  g_object_set_data (G_OBJECT (row), "rtes-list-item", item);
  gtk_list_item_set_child (item, GTK_WIDGET (row));
}

static void
bind_item (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           RtesSidebar              *self)
{
  RtesFicheRow *row = RTES_FICHE_ROW (gtk_list_item_get_child (item));
  RtesListSlot *slot = gtk_list_item_get_item (item);
  GBinding *selected, *mode;

  rtes_fiche_row_set_workspace (row, self->workspace);
  g_object_set_data (G_OBJECT (row), "rtes-slot", slot);
  /* Rows added by a search that lengthened the list wait with the others
   * (update_rows_near()). */
  if (self->deferring)
    g_hash_table_add (self->stale_rows, g_object_ref (row));
  else
    {
      g_hash_table_remove (self->stale_rows, row);
      rtes_fiche_row_set_fiche (row, rtes_list_slot_get_item (slot));
    }
  /* The row stays while the fiche at its position changes. */
  g_signal_connect_object (slot, "notify::item", G_CALLBACK (slot_item_changed), row, 0);
  selected = g_object_bind_property (item, "selected", rtes_fiche_row_get_check_button (row), "active",
                                     G_BINDING_SYNC_CREATE);
  mode = g_object_bind_property (self, "selection-mode", row, "selection-mode", G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (item), "rtes-selected-binding", selected);
  g_object_set_data (G_OBJECT (item), "rtes-mode-binding", mode);
}

static void
unbind_item (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             RtesSidebar              *self)
{
  RtesFicheRow *row = RTES_FICHE_ROW (gtk_list_item_get_child (item));
  GBinding *selected = g_object_steal_data (G_OBJECT (item), "rtes-selected-binding");
  GBinding *mode = g_object_steal_data (G_OBJECT (item), "rtes-mode-binding");

  if (selected != NULL)
    g_binding_unbind (selected);
  if (mode != NULL)
    g_binding_unbind (mode);
  if (gtk_list_item_get_item (item) != NULL)
    g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), slot_item_changed, row);
  g_hash_table_remove (self->stale_rows, row);
  g_object_set_data (G_OBJECT (row), "rtes-slot", NULL);
  rtes_fiche_row_set_fiche (row, NULL);
}

/* Workspace ----------------------------------------------------------- */

void
rtes_sidebar_set_workspace (RtesSidebar   *self,
                            RtesWorkspace *workspace)
{
  GListModel *library = NULL;

  g_return_if_fail (RTES_IS_SIDEBAR (self));

  if (self->workspace == workspace)
    return;

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_func (rtes_workspace_get_library (self->workspace),
                                          update_count, self);
  g_set_object (&self->workspace, workspace);
  g_clear_object (&self->selected);

  if (workspace != NULL)
    {
      library = G_LIST_MODEL (rtes_workspace_get_library (workspace));
      g_signal_connect_object (library, "items-changed",
                               G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
    }
  gtk_sort_list_model_set_model (self->sort_model, library);
  update_count (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_FICHE]);
}

GListModel *
rtes_sidebar_get_model (RtesSidebar *self)
{
  g_return_val_if_fail (RTES_IS_SIDEBAR (self), NULL);
  return G_LIST_MODEL (self->filter_model);
}

GtkSearchEntry *
rtes_sidebar_get_search_entry (RtesSidebar *self)
{
  g_return_val_if_fail (RTES_IS_SIDEBAR (self), NULL);
  return self->search_entry;
}

/* GObject ------------------------------------------------------------- */

/* "Any …", then the labels of @terms: term_id_at() reads the choice. */
static void
set_terms (GtkDropDown    *dropdown,
           const char     *any,
           const RtesTerm *terms)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, any);
  for (guint i = 0; terms[i].id != NULL; i++)
    gtk_string_list_append (list, rtes_term_label (&terms[i]));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
}

static void
rtes_sidebar_dispose (GObject *object)
{
  GtkWidget *child;
  RtesSidebar *self = RTES_SIDEBAR (object);

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_func (rtes_workspace_get_library (self->workspace),
                                          update_count, self);
  g_clear_object (&self->workspace);
  g_clear_handle_id (&self->stale_source, g_source_remove);
  g_hash_table_remove_all (self->stale_rows);
  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), RTES_TYPE_SIDEBAR);
  /* Children of the template that are not bound to a field. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->slots);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->sorter);
  g_clear_object (&self->filter);
  g_clear_object (&self->selected);

  G_OBJECT_CLASS (rtes_sidebar_parent_class)->dispose (object);
}

static void
rtes_sidebar_finalize (GObject *object)
{
  RtesSidebar *self = RTES_SIDEBAR (object);

  g_clear_pointer (&self->query_words, g_strfreev);
  g_clear_pointer (&self->checked, g_hash_table_unref);
  g_clear_pointer (&self->stale_rows, g_hash_table_unref);
  g_free (self->kind);
  g_free (self->region);
  g_free (self->departement);
  g_free (self->tag);
  g_free (self->status);
  g_free (self->stale_before);
  g_free (self->sort_order);

  G_OBJECT_CLASS (rtes_sidebar_parent_class)->finalize (object);
}

static void
rtes_sidebar_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RtesSidebar *self = RTES_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_SELECTED_FICHE:
      g_value_set_object (value, self->selected);
      break;
    case PROP_SORT_ORDER:
      g_value_set_string (value, self->sort_order);
      break;
    case PROP_SORT_DESCENDING:
      g_value_set_boolean (value, self->sort_descending);
      break;
    case PROP_SELECTION_MODE:
      g_value_set_boolean (value, self->selection_mode);
      break;
    case PROP_N_SELECTED:
      g_value_set_uint (value, self->n_selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_sidebar_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RtesSidebar *self = RTES_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_SELECTED_FICHE:
      rtes_sidebar_set_selected_fiche (self, g_value_get_object (value));
      break;
    case PROP_SORT_ORDER:
      rtes_sidebar_set_sort_order (self, g_value_get_string (value));
      break;
    case PROP_SORT_DESCENDING:
      rtes_sidebar_set_sort_descending (self, g_value_get_boolean (value));
      break;
    case PROP_SELECTION_MODE:
      rtes_sidebar_set_selection_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_sidebar_class_init (RtesSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rtes_sidebar_dispose;
  object_class->finalize = rtes_sidebar_finalize;
  object_class->get_property = rtes_sidebar_get_property;
  object_class->set_property = rtes_sidebar_set_property;

  properties[PROP_SELECTED_FICHE] =
    g_param_spec_object ("selected-fiche", NULL, NULL, RTES_TYPE_FICHE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT_ORDER] =
    g_param_spec_string ("sort-order", NULL, NULL, "name",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The other way round from each order's own: Z to A, oldest update
   * first, newest members first. */
  properties[PROP_SORT_DESCENDING] =
    g_param_spec_boolean ("sort-descending", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTION_MODE] =
    g_param_spec_boolean ("selection-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Checked fiches, in selection mode (0 outside it). */
  properties[PROP_N_SELECTED] =
    g_param_spec_uint ("n-selected", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The person opened a fiche from the list (click or Enter). */
  signals[FICHE_ACTIVATED] =
    g_signal_new ("fiche-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RTES_TYPE_FICHE);

  gtk_widget_class_set_template_from_resource (widget_class, "/fr/rtes/Fiches/ui/rtes-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, RtesSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RtesSidebar, filter_button);
  gtk_widget_class_bind_template_child (widget_class, RtesSidebar, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RtesSidebar, list_view);
  gtk_widget_class_bind_template_child (widget_class, RtesSidebar, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RtesSidebar, count_label);
  gtk_widget_class_bind_template_child (widget_class, RtesSidebar, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RtesSidebar, region_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RtesSidebar, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RtesSidebar, chips_box);
  gtk_widget_class_bind_template_child (widget_class, RtesSidebar, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RtesSidebar, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RtesSidebar, incomplete_check);
  gtk_widget_class_bind_template_child (widget_class, RtesSidebar, stale_check);
  gtk_widget_class_bind_template_child (widget_class, RtesSidebar, reverse_check);
  gtk_widget_class_bind_template_child (widget_class, RtesSidebar, select_button);
  gtk_widget_class_bind_template_child (widget_class, RtesSidebar, selection_revealer);
  gtk_widget_class_bind_template_child (widget_class, RtesSidebar, selection_label);
  gtk_widget_class_bind_template_child (widget_class, RtesSidebar, tag_menu_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed);
  gtk_widget_class_bind_template_callback (widget_class, search_stopped);
  gtk_widget_class_bind_template_callback (widget_class, search_activated);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed);
  gtk_widget_class_bind_template_callback (widget_class, sort_dropdown_changed);
  gtk_widget_class_bind_template_callback (widget_class, rtes_sidebar_clear_filters);
  gtk_widget_class_bind_template_callback (widget_class, list_activated);
  gtk_widget_class_bind_template_callback (widget_class, select_button_toggled);
  gtk_widget_class_bind_template_callback (widget_class, reverse_toggled);

  /* Escape leaves selection mode, as in Files. */
  gtk_widget_class_install_action (widget_class, "sidebar.leave-selection", NULL, leave_selection_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "sidebar.leave-selection", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rtessidebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rtes_sidebar_init (RtesSidebar *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) two_years_ago = g_date_time_add_years (now, -2);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->sort_order = g_strdup ("name");
  self->stale_before = g_date_time_format (two_years_ago, "%Y-%m-%d");

  /* Not incremental: ten thousand strstr() take a few milliseconds, and a
   * list that fills in while one types is harder to read. */
  self->filter = gtk_custom_filter_new (filter_fiche, self, NULL);
  self->sorter = gtk_custom_sorter_new (compare_fiches, self, NULL);
  /* Sorted first, filtered second: a keystroke then filters an already
   * sorted list instead of re-sorting what the filter lets through, and
   * sorting happens only when the order or the library changes. */
  self->sort_model = gtk_sort_list_model_new (NULL, GTK_SORTER (g_object_ref (self->sorter)));
  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->sort_model)),
                                                  GTK_FILTER (g_object_ref (self->filter)));
  /* Made before the sidebar listens to the filter model: its slots hold
   * the new fiches when shown_changed() puts the selection back. */
  self->slots = rtes_list_slots_new (G_LIST_MODEL (self->filter_model));
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->slots)));
  self->checked = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->stale_rows = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (selection_changed), self);
  /* Rows filtered out take their check with them. */
  g_signal_connect_swapped (self->selection, "items-changed", G_CALLBACK (update_n_selected), self);
  g_signal_connect_swapped (self->filter_model, "items-changed", G_CALLBACK (update_count), self);
  g_signal_connect_swapped (self->filter_model, "items-changed", G_CALLBACK (shown_changed), self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_item), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  set_terms (self->kind_dropdown, _("Any kind"), rtes_kinds ());
  set_terms (self->region_dropdown, _("Any region"), rtes_regions ());
  set_terms (self->tag_dropdown, _("Any lever"), rtes_tags ());

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));
  build_tag_menu (self);
  {
    /* Delete on the list: the fiche shown, or the checked ones, to the
     * trash (both undoable). */
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                            gtk_callback_action_new (delete_pressed, self, NULL)));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0),
                                                            gtk_callback_action_new (delete_pressed, self, NULL)));
    gtk_widget_add_controller (GTK_WIDGET (self->list_view), shortcuts);
  }
  self->n_selected = G_MAXUINT;
  update_n_selected (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.leave-selection", FALSE);
  update_count (self);
}
