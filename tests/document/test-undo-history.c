/* test-undo-history.c: undo and redo as operations, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-fiche-assign.h"
#include "rtes-fiche-json.h"
#include "rtes-gui-test.h"
#include "rtes-test-util.h"
#include "rtes-undo-history.h"

/* A clock the tests move by hand, to make pauses in typing. */
static gint64 fake_now;

static gint64
fake_clock (void)
{
  return fake_now;
}

static RtesUndoHistory *
history_for (RtesFiche *fiche)
{
  RtesUndoHistory *history = rtes_undo_history_new (fiche);

  rtes_undo_history_set_clock (history, fake_clock);
  return history;
}

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
type_text (RtesFiche  *fiche,
           const char *text)
{
  g_autoptr(GString) name = g_string_new (rtes_fiche_get_name (fiche));

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      g_string_append_unichar (name, g_utf8_get_char (p));
      rtes_fiche_set_name (fiche, name->str);
      fake_now += 100 * 1000;   /* 100 ms between keys */
    }
}

static guint
n_steps (RtesUndoHistory *history)
{
  guint n = 0;

  while (rtes_undo_history_undo (history))
    n++;
  for (guint i = 0; i < n; i++)
    rtes_undo_history_redo (history);
  return n;
}

static char *
names_of (GListStore *store)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (names->len > 0)
        g_string_append (names, ",");
      g_string_append (names, RTES_IS_CONTACT (item) ? rtes_contact_get_name (RTES_CONTACT (item))
                                                      : rtes_budget_line_get_label (RTES_BUDGET_LINE (item)));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static RtesFiche *
fiche_with_three_contacts (void)
{
  RtesFiche *fiche = rtes_gui_test_make_fiche ("test", "Test");
  const char *names[] = { "Bernard", "Camille" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(RtesContact) contact = rtes_contact_new ();
      g_autoptr(RtesBudgetLine) line = rtes_budget_line_new ();

      rtes_contact_set_name (contact, names[i]);
      g_list_store_append (rtes_fiche_get_contacts (fiche), contact);
      rtes_budget_line_set_label (line, names[i]);
      rtes_budget_line_set_amount (line, 1000 * (i + 2));
      g_list_store_append (rtes_fiche_get_budget_lines (fiche), line);
    }
  return fiche;
}

/* What the editor does to move an item: GListStore has no move. */
static void
move_item (RtesUndoHistory *history,
           GListStore      *store,
           guint            from,
           guint            to)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), from);

  rtes_undo_history_begin_action (history, RTES_CHANGE_ORIGIN_TYPED, "Move");
  g_list_store_remove (store, from);
  g_list_store_insert (store, to, item);
  rtes_undo_history_end_action (history);
}

/* Typing --------------------------------------------------------------------- */

static void
test_groups_words (void)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("test", "Ville");
  g_autoptr(RtesUndoHistory) history = history_for (fiche);

  g_assert_false (rtes_undo_history_can_undo (history));
  type_text (fiche, " de Belcombe");
  g_assert_cmpstr (rtes_fiche_get_name (fiche), ==, "Ville de Belcombe");

  /* Words, not keystrokes: " ", "de ", "Belcombe". */
  g_assert_true (rtes_undo_history_undo (history));
  g_assert_cmpstr (rtes_fiche_get_name (fiche), ==, "Ville de ");
  g_assert_true (rtes_undo_history_undo (history));
  g_assert_cmpstr (rtes_fiche_get_name (fiche), ==, "Ville ");
  g_assert_true (rtes_undo_history_undo (history));
  g_assert_cmpstr (rtes_fiche_get_name (fiche), ==, "Ville");
  g_assert_false (rtes_undo_history_can_undo (history));

  g_assert_true (rtes_undo_history_redo (history));
  g_assert_true (rtes_undo_history_redo (history));
  g_assert_true (rtes_undo_history_redo (history));
  g_assert_cmpstr (rtes_fiche_get_name (fiche), ==, "Ville de Belcombe");
  g_assert_false (rtes_undo_history_can_redo (history));
}

static void
test_pause_splits (void)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("test", "");
  g_autoptr(RtesUndoHistory) history = history_for (fiche);

  type_text (fiche, "Bel");
  fake_now += 3 * G_USEC_PER_SEC;
  type_text (fiche, "combe");

  g_assert_true (rtes_undo_history_undo (history));
  g_assert_cmpstr (rtes_fiche_get_name (fiche), ==, "Bel");
  g_assert_true (rtes_undo_history_undo (history));
  g_assert_cmpstr (rtes_fiche_get_name (fiche), ==, "");
}

/* Typing goes by the field's own text: another field is another step, and
 * so is a jump of the cursor or a paste. */
static void
test_typing_by_field (void)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("test", "Ab");
  g_autoptr(RtesUndoHistory) history = history_for (fiche);

  rtes_fiche_set_name (fiche, "Abc");
  fake_now += 1000;
  rtes_fiche_set_city (fiche, "D");
  fake_now += 1000;
  rtes_fiche_set_name (fiche, "Abcd");   /* back in the name: a new step */
  fake_now += 1000;
  rtes_fiche_set_name (fiche, "XAbcd");  /* elsewhere in the same field */
  fake_now += 1000;
  rtes_fiche_set_name (fiche, "XAbcd collé");  /* a paste */
  g_assert_cmpuint (n_steps (history), ==, 5);

  g_assert_true (rtes_undo_history_undo (history));
  g_assert_cmpstr (rtes_fiche_get_name (fiche), ==, "XAbcd");
  g_assert_true (rtes_undo_history_undo (history));
  g_assert_cmpstr (rtes_fiche_get_name (fiche), ==, "Abcd");
}

/* Backspace after a word takes the same step back. */
static void
test_typing_backspace (void)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("test", "Dijon");
  g_autoptr(RtesUndoHistory) history = history_for (fiche);

  rtes_fiche_set_name (fiche, "Dijo");
  fake_now += 1000;
  rtes_fiche_set_name (fiche, "Dij");
  fake_now += 1000;
  rtes_fiche_set_name (fiche, "Dijé");
  g_assert_cmpuint (n_steps (history), ==, 1);
  g_assert_true (rtes_undo_history_undo (history));
  g_assert_cmpstr (rtes_fiche_get_name (fiche), ==, "Dijon");
}

/* A number typed digit by digit is one step. */
static void
test_typing_number (void)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("test", "Dijon");
  g_autoptr(RtesUndoHistory) history = history_for (fiche);

  rtes_fiche_set_population (fiche, 3);
  fake_now += 1000;
  rtes_fiche_set_population (fiche, 35);
  fake_now += 1000;
  rtes_fiche_set_population (fiche, 350);
  g_assert_cmpuint (n_steps (history), ==, 1);
  g_assert_true (rtes_undo_history_undo (history));
  g_assert_cmpint (rtes_fiche_get_population (fiche), ==, RTES_NO_NUMBER);
}

/* A number typed the way staff write it ("1,2 million") is unreadable on
 * the way ("1,", "1,2 mi"), and the field keeps the value it had then:
 * the burst is still one step, and no step is left that changes nothing. */
static void
test_typing_number_unreadable (void)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("test", "Dijon");
  g_autoptr(RtesUndoHistory) history = history_for (fiche);
  const gint64 values[] = {
    1, RTES_NO_NUMBER, 1, 1200000, RTES_NO_NUMBER, 1200000, RTES_NO_NUMBER, 1200000,
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      rtes_fiche_set_population (fiche, values[i]);
      fake_now += 80 * 1000;
    }
  g_assert_cmpuint (n_steps (history), ==, 1);
  g_assert_true (rtes_undo_history_undo (history));
  g_assert_cmpint (rtes_fiche_get_population (fiche), ==, RTES_NO_NUMBER);
  g_assert_false (rtes_undo_history_can_undo (history));
}

/* Typing that comes back to where it began leaves nothing to undo. */
static void
test_typing_back_to_start (void)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("test", "Dijon");
  g_autoptr(RtesUndoHistory) history = history_for (fiche);

  rtes_fiche_set_population (fiche, 3);
  fake_now += 80 * 1000;
  rtes_fiche_set_population (fiche, RTES_NO_NUMBER);
  g_assert_false (rtes_undo_history_can_undo (history));
}

/* An address line typed into groups like any text. */
static void
test_typing_address_line (void)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("test", "Dijon");
  g_autoptr(RtesUndoHistory) history = history_for (fiche);
  const char *steps[][3] = {
    { "1", NULL }, { "1 ", NULL }, { "1 p", NULL }, { "1 pl", NULL },
    { "1 pl", "B" }, { "1 pl", "BP" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      rtes_fiche_set_address_lines (fiche, steps[i]);
      fake_now += 1000;
    }
  /* "1 ", "pl", a new line with its "B" (two characters: a step of its
   * own), then "P". */
  g_assert_cmpuint (n_steps (history), ==, 4);
  g_assert_true (rtes_undo_history_undo (history));
  g_assert_cmpstr (rtes_fiche_get_address_lines (fiche)[1], ==, "B");
  g_assert_true (rtes_undo_history_undo (history));
  g_assert_cmpstr (rtes_fiche_get_address_lines (fiche)[0], ==, "1 pl");
  g_assert_null (rtes_fiche_get_address_lines (fiche)[1]);
  g_assert_true (rtes_undo_history_undo (history));
  g_assert_cmpstr (rtes_fiche_get_address_lines (fiche)[0], ==, "1 ");
}

/* The fields of a contact group as the fiche's do. */
static void
test_typing_in_item (void)
{
  g_autoptr(RtesFiche) fiche = fiche_with_three_contacts ();
  g_autoptr(RtesUndoHistory) history = history_for (fiche);
  g_autoptr(RtesContact) contact = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (fiche)), 1);

  rtes_contact_set_email (contact, "b");
  fake_now += 1000;
  rtes_contact_set_email (contact, "b@");
  fake_now += 1000;
  rtes_contact_set_email (contact, "b@x");
  g_assert_cmpuint (n_steps (history), ==, 2);   /* "b@" ends a word */
  g_assert_true (rtes_undo_history_undo (history));
  g_assert_cmpstr (rtes_contact_get_email (contact), ==, "b@");
  g_assert_true (rtes_undo_history_undo (history));
  g_assert_cmpstr (rtes_contact_get_email (contact), ==, "");
}

/* One action, one step ----------------------------------------------------- */

static void
check_move (RtesFiche  *fiche,
            GListStore *store,
            const char *start,
            const char *moved)
{
  g_autoptr(RtesUndoHistory) history = history_for (fiche);
  g_autofree char *before = names_of (store);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  g_assert_cmpstr (before, ==, start);
  move_item (history, store, 1, 2);
  after = names_of (store);
  g_assert_cmpstr (after, ==, moved);
  g_assert_cmpuint (n_steps (history), ==, 1);
  g_assert_cmpstr (rtes_undo_history_get_undo_label (history), ==, "Move");

  /* Undo moves back: nothing is deleted on the way. */
  g_assert_true (rtes_undo_history_undo (history));
  undone = names_of (store);
  g_assert_cmpstr (undone, ==, start);
  g_assert_false (rtes_undo_history_can_undo (history));
  g_assert_true (rtes_undo_history_redo (history));
  redone = names_of (store);
  g_assert_cmpstr (redone, ==, moved);
}

static void
test_move_contact (void)
{
  g_autoptr(RtesFiche) fiche = fiche_with_three_contacts ();

  check_move (fiche, rtes_fiche_get_contacts (fiche),
              "Claude Martin,Bernard,Camille", "Claude Martin,Camille,Bernard");
}

static void
test_move_budget_line (void)
{
  g_autoptr(RtesFiche) fiche = fiche_with_three_contacts ();

  check_move (fiche, rtes_fiche_get_budget_lines (fiche),
              "Subventions,Bernard,Camille", "Subventions,Camille,Bernard");
}

/* An item edited after a move, then both undone: the edit goes to the
 * item where it is, then the item goes back. */
static void
test_move_then_edit (void)
{
  g_autoptr(RtesFiche) fiche = fiche_with_three_contacts ();
  g_autoptr(RtesUndoHistory) history = history_for (fiche);
  GListStore *contacts = rtes_fiche_get_contacts (fiche);
  g_autoptr(RtesContact) moved = NULL;
  g_autofree char *names = NULL;

  move_item (history, contacts, 0, 2);
  moved = g_list_model_get_item (G_LIST_MODEL (contacts), 2);
  rtes_contact_set_name (moved, "Claude Martin-Durand");
  g_assert_true (rtes_undo_history_undo (history));
  g_assert_true (rtes_undo_history_undo (history));
  names = names_of (contacts);
  g_assert_cmpstr (names, ==, "Claude Martin,Bernard,Camille");
}

static void
test_add_delete_paste (void)
{
  g_autoptr(RtesFiche) fiche = fiche_with_three_contacts ();
  g_autoptr(RtesUndoHistory) history = history_for (fiche);
  GListStore *contacts = rtes_fiche_get_contacts (fiche);
  g_autoptr(RtesContact) added = rtes_contact_new ();
  g_autofree char *start = rtes_fiche_to_data (fiche, NULL);

  /* Add: the new card with its defaults, one step. */
  rtes_undo_history_begin_action (history, RTES_CHANGE_ORIGIN_TYPED, "Add Contact");
  g_list_store_append (contacts, added);
  rtes_contact_set_category (added, RTES_CONTACT_STAFF);
  rtes_undo_history_end_action (history);
  /* Delete, one step. */
  rtes_undo_history_begin_action (history, RTES_CHANGE_ORIGIN_TYPED, "Remove Contact");
  g_list_store_remove (contacts, 0);
  rtes_undo_history_end_action (history);
  /* A paste over a selection: the field is written twice, one step. */
  rtes_undo_history_begin_action (history, RTES_CHANGE_ORIGIN_TYPED, NULL);
  rtes_fiche_set_panorama (fiche, "");
  rtes_fiche_set_panorama (fiche, "Texte collé, plusieurs mots.");
  rtes_undo_history_end_action (history);
  /* A fix of the whole text (typography), one step. */
  rtes_undo_history_begin_action (history, RTES_CHANGE_ORIGIN_TYPED, "Fix Typography");
  rtes_fiche_set_panorama (fiche, "Texte collé, plusieurs mots.");
  rtes_fiche_set_budget_text (fiche, "Budget\u202F: 10\u202F000\u00A0€.");
  rtes_undo_history_end_action (history);

  g_assert_cmpuint (n_steps (history), ==, 4);
  g_assert_cmpstr (rtes_undo_history_get_undo_label (history), ==, "Fix Typography");
  g_assert_true (rtes_undo_history_undo (history));
  g_assert_cmpstr (rtes_fiche_get_budget_text (fiche), ==, "Budget : 10 000 €.");
  g_assert_true (rtes_undo_history_undo (history));
  g_assert_cmpstr (rtes_fiche_get_panorama (fiche), ==, "Un panorama de l'ESS.");
  g_assert_true (rtes_undo_history_undo (history));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (contacts)), ==, 4);
  g_assert_true (rtes_undo_history_undo (history));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (contacts)), ==, 3);
  {
    g_autofree char *now = rtes_fiche_to_data (fiche, NULL);

    g_assert_cmpstr (now, ==, start);
  }
}

/* Every kind of field, and the object stays the same. */
static void
test_all_fields (void)
{
  g_autoptr(RtesFiche) fiche = rtes_gui_test_make_fiche ("test", "Test");
  g_autoptr(RtesUndoHistory) history = history_for (fiche);
  g_autoptr(RtesContact) contact = rtes_contact_new ();
  g_autoptr(RtesBudgetLine) line = NULL;
  g_autofree char *start = rtes_fiche_to_data (fiche, NULL);
  g_autofree char *end = NULL;
  const char *tags[] = { "dla", "pcaet", NULL };
  const char *lines[] = { "Hôtel de ville", "BP 12", NULL };

  rtes_contact_set_name (contact, "Dominique Durand");
  g_list_store_append (rtes_fiche_get_contacts (fiche), contact);
  line = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche)), 0);
  rtes_budget_line_set_amount (line, 6100000);
  rtes_budget_line_set_forecast (line, TRUE);
  rtes_fiche_set_region (fiche, "Occitanie");
  rtes_fiche_set_tags (fiche, tags);
  rtes_fiche_set_address_lines (fiche, lines);
  rtes_fiche_set_member_since (fiche, 2001);
  rtes_fiche_set_status (fiche, RTES_STATUS_DRAFT);
  end = rtes_fiche_to_data (fiche, NULL);

  while (rtes_undo_history_undo (history))
    ;
  {
    g_autofree char *now = rtes_fiche_to_data (fiche, NULL);
    g_assert_cmpstr (now, ==, start);
  }
  while (rtes_undo_history_redo (history))
    ;
  {
    g_autofree char *now = rtes_fiche_to_data (fiche, NULL);
    g_assert_cmpstr (now, ==, end);
  }
  g_assert_true (rtes_undo_history_get_fiche (history) == fiche);
}

/* The date stamped when the content changes goes with the edit. */
static void
test_date_goes_with_edit (void)
{
  g_autoptr(RtesFiche) fiche = rtes_gui_test_make_fiche ("test", "Test");
  g_autoptr(RtesUndoHistory) history = history_for (fiche);
  g_autofree char *date = today ();

  rtes_fiche_set_city (fiche, "Dijon");
  g_assert_cmpstr (rtes_fiche_get_updated (fiche), ==, date);
  g_assert_cmpuint (n_steps (history), ==, 1);
  g_assert_true (rtes_undo_history_undo (history));
  g_assert_cmpstr (rtes_fiche_get_city (fiche), ==, "Rennes");
  g_assert_cmpstr (rtes_fiche_get_updated (fiche), ==, "2024-01-15");

  /* A date the person sets is kept, and is a step of its own. */
  g_assert_true (rtes_undo_history_redo (history));
  fake_now += 5 * G_USEC_PER_SEC;
  rtes_fiche_set_updated (fiche, "2026-02-03");
  g_assert_cmpstr (rtes_fiche_get_updated (fiche), ==, "2026-02-03");
  g_assert_true (rtes_undo_history_undo (history));
  g_assert_cmpstr (rtes_fiche_get_updated (fiche), ==, date);
  g_assert_cmpstr (rtes_fiche_get_city (fiche), ==, "Dijon");
}

/* Content from elsewhere --------------------------------------------------- */

static void
test_apply_content (void)
{
  g_autoptr(RtesFiche) fiche = rtes_gui_test_make_fiche ("test", "Test");
  g_autoptr(RtesFiche) imported = rtes_gui_test_make_fiche ("test", "Test importé");
  g_autoptr(RtesUndoHistory) history = history_for (fiche);
  g_autofree char *start = rtes_fiche_to_data (fiche, NULL);
  RtesFiche *same = fiche;
  g_autoptr(RtesContact) extra_contact = rtes_contact_new ();

  rtes_contact_set_name (extra_contact, "Nouvelle personne");
  g_list_store_append (rtes_fiche_get_contacts (imported), extra_contact);
  rtes_fiche_set_updated (imported, "2025-06-01");
  json_object_set_string_member (rtes_fiche_get_extra (imported), "future", "kept");

  g_assert_true (rtes_undo_history_apply_content (history, imported, RTES_CHANGE_ORIGIN_IMPORT, "Import", 7));
  g_assert_true (rtes_fiche_equal (fiche, imported));
  g_assert_true (fiche == same);
  /* One step, with its origin and group; the date is the content's. */
  g_assert_cmpuint (n_steps (history), ==, 1);
  g_assert_cmpint (rtes_undo_history_get_last_origin (history), ==, RTES_CHANGE_ORIGIN_TYPED);
  g_assert_cmpuint (rtes_undo_history_get_undo_group (history), ==, 7);
  g_assert_cmpstr (rtes_undo_history_get_undo_label (history), ==, "Import");
  g_assert_cmpstr (rtes_fiche_get_updated (fiche), ==, "2025-06-01");

  g_assert_true (rtes_undo_history_undo (history));
  {
    g_autofree char *now = rtes_fiche_to_data (fiche, NULL);
    g_assert_cmpstr (now, ==, start);
  }
  /* The same content again changes nothing: no step. */
  g_assert_true (rtes_undo_history_redo (history));
  g_assert_false (rtes_undo_history_apply_content (history, imported, RTES_CHANGE_ORIGIN_IMPORT, "Import", 8));
  g_assert_cmpuint (rtes_undo_history_get_undo_group (history), ==, 7);
}

/* Edits after an apply are recorded against the new content. */
static void
test_edit_after_apply (void)
{
  g_autoptr(RtesFiche) fiche = fiche_with_three_contacts ();
  g_autoptr(RtesFiche) pulled = rtes_gui_test_make_fiche ("test", "Test");
  g_autoptr(RtesUndoHistory) history = history_for (fiche);
  g_autofree char *names = NULL;

  g_assert_true (rtes_undo_history_apply_content (history, pulled, RTES_CHANGE_ORIGIN_PULL, NULL, 0));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rtes_fiche_get_contacts (fiche))), ==, 1);
  g_assert_cmpint (rtes_undo_history_get_last_origin (history), ==, RTES_CHANGE_ORIGIN_PULL);
  {
    g_autoptr(RtesContact) contact = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (fiche)), 0);

    rtes_contact_set_name (contact, "Claude Martin-Durand");
  }
  g_assert_true (rtes_undo_history_undo (history));
  g_assert_true (rtes_undo_history_undo (history));
  names = names_of (rtes_fiche_get_contacts (fiche));
  g_assert_cmpstr (names, ==, "Claude Martin,Bernard,Camille");
}

static void
test_assign_round_trip (void)
{
  g_autoptr(RtesFiche) src = rtes_gui_test_make_fiche ("same", "Source");
  g_autoptr(RtesFiche) dest = rtes_fiche_new ("same", "Destination");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  json_object_set_string_member (rtes_fiche_get_extra (src), "future_member", "kept");
  rtes_fiche_assign (dest, src);
  a = rtes_fiche_to_data (src, NULL);
  b = rtes_fiche_to_data (dest, NULL);
  g_assert_cmpstr (a, ==, b);
  g_assert_true (rtes_fiche_equal (src, dest));
}

int
main (int   argc,
      char *argv[])
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/document/history/groups-words", test_groups_words);
  g_test_add_func ("/document/history/pause-splits", test_pause_splits);
  g_test_add_func ("/document/history/typing-by-field", test_typing_by_field);
  g_test_add_func ("/document/history/typing-backspace", test_typing_backspace);
  g_test_add_func ("/document/history/typing-number", test_typing_number);
  g_test_add_func ("/document/history/typing-number-unreadable", test_typing_number_unreadable);
  g_test_add_func ("/document/history/typing-back-to-start", test_typing_back_to_start);
  g_test_add_func ("/document/history/typing-in-item", test_typing_in_item);
  g_test_add_func ("/document/history/typing-address-line", test_typing_address_line);
  g_test_add_func ("/document/history/move-contact", test_move_contact);
  g_test_add_func ("/document/history/move-budget-line", test_move_budget_line);
  g_test_add_func ("/document/history/move-then-edit", test_move_then_edit);
  g_test_add_func ("/document/history/add-delete-paste", test_add_delete_paste);
  g_test_add_func ("/document/history/all-fields", test_all_fields);
  g_test_add_func ("/document/history/date-goes-with-edit", test_date_goes_with_edit);
  g_test_add_func ("/document/history/apply-content", test_apply_content);
  g_test_add_func ("/document/history/edit-after-apply", test_edit_after_apply);
  g_test_add_func ("/document/history/assign-round-trip", test_assign_round_trip);

  return g_test_run ();
}
