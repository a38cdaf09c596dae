/* bench-history.c: how the history of the fiches fares at size
 *
 * Not a test: run with "meson test -C _build --benchmark --suite model"
 * or directly ("bench-history [REVISIONS [FICHES DAYS]]"). Prints:
 *
 *  - the time one recording adds to a save (mean, 99th percentile and
 *    worst over REVISIONS recordings of one fiche; the goal is < 5 ms);
 *  - the time that fiche's history takes to open once it has REVISIONS
 *    revisions (10,000 by default; the goal is < 100 ms): the list of
 *    revisions, and what the newest 20 changed, as the History view
 *    shows them first;
 *  - the size of the store after a year of daily edits of a few fields
 *    on FICHES fiches (200 × 365 by default; the goal is < 50 MB).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "rtes-budget-line.h"
#include "rtes-contact.h"
#include "rtes-fiche-json.h"
#include "rtes-history.h"
#include "rtes-test-util.h"

static const char *words[] = {
  "économie", "sociale", "solidaire", "territoire", "acteurs", "emploi", "insertion",
  "coopération", "recyclerie", "circuits", "courts", "tiers-lieu", "habitants", "projet",
  "accompagnement", "financement", "réseau", "collectivité", "innovation", "transition",
};

static char *
sentence (GRand *rand,
          guint  n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }
  g_string_append_c (text, '.');
  return g_string_free (text, FALSE);
}

/* A fiche of the size real ones have (about 4 KB). */
static RtesFiche *
make_fiche (GRand *rand,
            guint  i)
{
  g_autofree char *id = g_strdup_printf ("commune-%04u", i);
  g_autofree char *name = g_strdup_printf ("Commune n° %u de l’Économie Solidaire", i);
  RtesFiche *fiche = rtes_fiche_new (id, name);
  GString *text = g_string_new (NULL);

  for (guint p = 0; p < 8; p++)
    {
      g_autofree char *s = sentence (rand, 14);

      g_string_append_printf (text, "%s ", s);
    }
  rtes_fiche_set_panorama (fiche, text->str);
  rtes_fiche_set_programme (fiche, text->str);
  rtes_fiche_set_city (fiche, i % 2 ? "Besançon" : "Dijon");
  rtes_fiche_set_kind (fiche, "commune");
  rtes_fiche_set_population (fiche, 1000 + i);
  for (guint c = 0; c < 4; c++)
    {
      g_autoptr(RtesContact) contact = rtes_contact_new ();
      g_autofree char *who = g_strdup_printf ("Personne %u-%u", i, c);
      g_autofree char *key = g_strdup_printf ("c%u", c);

      rtes_contact_set_key (contact, key);
      rtes_contact_set_name (contact, who);
      rtes_contact_set_role (contact, "Chargée de mission ESS");
      rtes_contact_set_email (contact, "contact@example.org");
      rtes_contact_set_phone (contact, "03 80 00 00 00");
      g_list_store_append (rtes_fiche_get_contacts (fiche), contact);
    }
  for (guint b = 0; b < 3; b++)
    {
      g_autoptr(RtesBudgetLine) line = rtes_budget_line_new ();
      g_autofree char *key = g_strdup_printf ("b%u", b);

      rtes_budget_line_set_key (line, key);
      rtes_budget_line_set_amount (line, 10000 * (b + 1));
      rtes_budget_line_set_year (line, 2020 + b);
      g_list_store_append (rtes_fiche_get_budget_lines (fiche), line);
    }
  g_string_free (text, TRUE);
  return fiche;
}

/* What a person changes in a day: a few fields, now and then a sentence
 * of a long text. */
static void
edit_fiche (GRand     *rand,
            RtesFiche *fiche,
            guint      day)
{
  guint n = g_rand_int_range (rand, 1, 4);

  for (guint k = 0; k < n; k++)
    switch (g_rand_int_range (rand, 0, 5))
      {
      case 0:
        rtes_fiche_set_population (fiche, rtes_fiche_get_population (fiche) + g_rand_int_range (rand, 1, 50));
        break;
      case 1:
        {
          g_autoptr(RtesContact) contact =
            g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (fiche)), g_rand_int_range (rand, 0, 4));
          g_autofree char *phone = g_strdup_printf ("03 80 %02u %02u %02u", day % 100,
                                                    g_rand_int_range (rand, 0, 100), g_rand_int_range (rand, 0, 100));

          rtes_contact_set_phone (contact, phone);
        }
        break;
      case 2:
        {
          g_autoptr(RtesBudgetLine) line =
            g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche)), g_rand_int_range (rand, 0, 3));

          rtes_budget_line_set_amount (line, g_rand_int_range (rand, 1000, 90000));
        }
        break;
      case 3:
        {
          /* One sentence of the panorama rewritten. */
          g_autofree char *s = sentence (rand, 10);
          const char *old = rtes_fiche_get_panorama (fiche);
          const char *cut = strchr (old + g_rand_int_range (rand, 0, strlen (old) / 2), '.');
          g_autofree char *text = g_strdup_printf ("%.*s. %s%s", cut ? (int) (cut - old) : 0, old, s,
                                                   cut ? cut + 1 : "");

          rtes_fiche_set_panorama (fiche, text);
        }
        break;
      default:
        {
          g_autofree char *date = g_strdup_printf ("2025-%02u-%02u", day / 31 % 12 + 1, day % 28 + 1);

          rtes_fiche_set_updated (fiche, date);
        }
        break;
      }
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Microseconds of processor time this process used: what a recording
 * costs whatever else the machine is doing. */
static gint64
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gint64
store_size (const char *dir)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  gint64 total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (RTES_HISTORY_FILE, suffixes[i], NULL);
      g_autofree char *path = g_build_filename (dir, RTES_HISTORY_DIR, name, NULL);
      GStatBuf st;

      if (g_stat (path, &st) == 0)
        total += st.st_size;
    }
  return total;
}

static void
bench_one_fiche (guint revisions)
{
  g_autofree char *dir = g_dir_make_tmp ("bench-history-XXXXXX", NULL);
  g_autoptr(RtesHistory) history = rtes_history_open (dir, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  g_autoptr(RtesFiche) fiche = make_fiche (rand, 1);
  g_autoptr(GArray) times = g_array_sized_new (FALSE, FALSE, sizeof (gint64), revisions);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *before = NULL;
  gint64 start, total = 0, listed, described, cpu_total = 0, cpu_start, cpu_listed, cpu_described;
  guint described_changes = 0;

  g_assert_nonnull (history);
  for (guint i = 0; i < revisions; i++)
    {
      g_autofree char *after = NULL;
      gint64 t;
      RtesRevisionSource source = { RTES_CHANGE_ORIGIN_TYPED, NULL, NULL,
                                    (1700000000 + (gint64) i * 3600) * G_USEC_PER_SEC };

      edit_fiche (rand, fiche, i / 24);
      after = rtes_fiche_to_data (fiche, NULL);
      start = g_get_monotonic_time ();
      cpu_start = cpu_now ();
      rtes_history_record_full (history, "commune-0001", before, after, &source, NULL);
      cpu_total += cpu_now () - cpu_start;
      t = g_get_monotonic_time () - start;
      g_array_append_val (times, t);
      total += t;
      g_free (before);
      before = g_steal_pointer (&after);
    }
  g_array_sort (times, compare_gint64);
  g_print ("recording a revision (%u revisions of one fiche): mean %.2f ms (%.2f ms of processor time), "
           "median %.2f ms, 99%% under %.2f ms, worst %.2f ms (goal: < 5 ms)\n",
           revisions, total / 1000.0 / revisions, cpu_total / 1000.0 / revisions,
           g_array_index (times, gint64, revisions / 2) / 1000.0,
           g_array_index (times, gint64, revisions * 99 / 100) / 1000.0,
           g_array_index (times, gint64, revisions - 1) / 1000.0);

  /* A new connection, as when the window opens the history. */
  g_clear_object (&history);
  start = g_get_monotonic_time ();
  cpu_start = cpu_now ();
  history = rtes_history_open (dir, NULL);
  list = rtes_history_list (history, "commune-0001", NULL, NULL);
  listed = g_get_monotonic_time () - start;
  cpu_listed = cpu_now () - cpu_start;
  g_assert_cmpuint (list->len, >, 0);
  for (guint i = list->len; i-- > 0 && i + 20 >= list->len;)
    {
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(JsonNode) old_doc = NULL;
      g_autoptr(JsonNode) new_doc = NULL;

      changes = rtes_history_get_changes (history, "commune-0001", rtes_revision_get_number (list->pdata[i]),
                                          &old_doc, &new_doc, NULL);
      g_assert_nonnull (changes);
      described_changes += changes->len;
    }
  described = g_get_monotonic_time () - start;
  cpu_described = cpu_now () - cpu_start;
  g_print ("opening the history of a fiche with %u revisions: %.1f ms for the list (%.1f ms of "
           "processor time), %.1f ms (%.1f ms) with what the newest 20 changed (%u changes) "
           "(goal: < 100 ms)\n",
           revisions, listed / 1000.0, cpu_listed / 1000.0, described / 1000.0, cpu_described / 1000.0,
           described_changes);
  g_print ("store of that fiche: %.1f MB\n", store_size (dir) / 1e6);
  g_clear_object (&history);
  rtes_test_remove_tree (dir);
}

static void
bench_year (guint fiches,
            guint days)
{
  g_autofree char *dir = g_dir_make_tmp ("bench-history-year-XXXXXX", NULL);
  g_autoptr(RtesHistory) history = rtes_history_open (dir, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (2);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) last = g_ptr_array_new_with_free_func (g_free);
  gint64 start = g_get_monotonic_time ();
  gint64 size;
  gsize fiche_bytes = 0;

  g_assert_nonnull (history);
  for (guint i = 0; i < fiches; i++)
    {
      RtesFiche *fiche = make_fiche (rand, i);
      char *data = rtes_fiche_to_data (fiche, NULL);

      fiche_bytes += strlen (data);
      g_ptr_array_add (all, fiche);
      g_ptr_array_add (last, data);
      rtes_history_record (history, rtes_fiche_get_id (fiche), NULL, data, RTES_CHANGE_ORIGIN_IMPORT, "export.txt", NULL);
    }
  for (guint day = 0; day < days; day++)
    for (guint i = 0; i < fiches; i++)
      {
        RtesFiche *fiche = all->pdata[i];
        char *after;
        RtesRevisionSource source = { RTES_CHANGE_ORIGIN_TYPED, NULL, NULL,
                                      (1700000000 + (gint64) day * 86400 + i) * G_USEC_PER_SEC };

        edit_fiche (rand, fiche, day);
        after = rtes_fiche_to_data (fiche, NULL);
        rtes_history_record_full (history, rtes_fiche_get_id (fiche), last->pdata[i], after, &source, NULL);
        g_free (last->pdata[i]);
        last->pdata[i] = after;
      }
  /* Closing checkpoints the WAL into the store. */
  g_clear_object (&history);
  size = store_size (dir);
  g_print ("a year of daily edits: %u fiches (%.1f KB each) x %u days = %u revisions in %.0f s; "
           "store %.1f MB, %.0f bytes a revision (goal: < 50 MB)\n",
           fiches, fiche_bytes / 1e3 / fiches, days, fiches * (days + 1),
           (g_get_monotonic_time () - start) / 1e6, size / 1e6, (double) size / (fiches * (days + 1)));
  if (g_getenv ("BENCH_HISTORY_KEEP") != NULL)
    g_print ("kept in %s\n", dir);
  else
    rtes_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  guint revisions = argc > 1 ? (guint) atoi (argv[1]) : 10000;
  guint fiches = argc > 3 ? (guint) atoi (argv[2]) : 200;
  guint days = argc > 3 ? (guint) atoi (argv[3]) : 365;

  bench_one_fiche (revisions);
  bench_year (fiches, days);
  return 0;
}
