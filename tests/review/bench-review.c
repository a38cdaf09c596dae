/* bench-review.c: how long the review takes
 *
 * Not a test: run with "meson test -C _build --benchmark --suite review"
 * or directly. Measures, on fiches of the size and vocabulary of real
 * ones (about 5 KB of French each, every fiche with names of its own):
 *
 *  - loading the French dictionary (once per library, in a thread);
 *  - the review of 200 fiches without links (the bound: 1 s),
 *    with the dictionary's cache cold, then warm;
 *  - spell-checking as one types: the edited paragraph after each
 *    keystroke (the bound: 2 ms a keystroke), slowest and mean.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rtes-review-run.h"
#include "rtes-speller.h"
#include "rtes-test-util.h"

static const char * const sentences[] = {
  "La collectivité soutient les acteurs de l’économie sociale et solidaire du territoire.",
  "Un appel à projets annuel finance les initiatives des associations et des coopératives.",
  "Le dispositif local d’accompagnement consolide les structures employeuses.",
  "Les clauses sociales des marchés publics favorisent l’insertion par l’activité économique.",
  "Une recyclerie emploie quatorze salariés en parcours d’insertion depuis 2019.",
  "Le pôle territorial de coopération économique réunit entreprises, associations et élus.",
  "La commune met à disposition des locaux pour un tiers-lieu et un atelier partagé.",
  "Les circuits courts alimentent la restauration collective des écoles et des crèches.",
  "Une coopérative d’activité et d’emploi accompagne les porteurs de projet.",
  "Le schéma de promotion des achats socialement et écologiquement responsables est adopté.",
  "La finance solidaire soutient la création d’entreprises dans les quartiers prioritaires.",
  "Les habitants participent à la gouvernance de la société coopérative d’intérêt collectif.",
  "Un chargé de mission anime le réseau des acteurs et organise le mois de l’ESS.",
  "La métropole consacre un budget de fonctionnement à l’économie de proximité.",
  "Des permanences mensuelles informent les créateurs sur les statuts coopératifs.",
  "L’épicerie solidaire itinérante dessert douze communes rurales chaque semaine.",
  "Le conseil départemental finance l’aide à domicile et les services aux personnes âgées.",
  "La région accompagne l’innovation sociale et l’économie circulaire dans les territoires.",
  "Une monnaie locale complémentaire circule chez deux cents commerçants et producteurs.",
  "Les jardins partagés favorisent le lien social et l’alimentation durable.",
};

static RtesFiche *
make_fiche (guint i)
{
  g_autofree char *id = g_strdup_printf ("commune-%03u", i);
  g_autofree char *town = g_strdup_printf ("Vauxquil%c%clette", 'a' + i % 26, 'a' + (i / 26) % 26);
  g_autofree char *name = g_strdup_printf ("Commune de %s", town);
  RtesFiche *fiche = rtes_fiche_new (id, name);
  GString *texts[4];

  for (guint t = 0; t < 4; t++)
    {
      texts[t] = g_string_new (NULL);
      for (guint s = 0; s < 14; s++)
        {
          g_string_append (texts[t], sentences[(i * 7 + t * 5 + s) % G_N_ELEMENTS (sentences)]);
          /* Every fiche names its own places and partners. */
          if (s % 4 == 0)
            g_string_append_printf (texts[t], " À %s, la SCIC Brunz%c%coir y participe.", town,
                                    'a' + i % 26, 'a' + s % 26);
          g_string_append (texts[t], s % 5 == 4 ? "\n\n" : " ");
        }
    }
  rtes_fiche_set_panorama (fiche, texts[0]->str);
  rtes_fiche_set_budget_text (fiche, texts[1]->str);
  rtes_fiche_set_programme (fiche, texts[2]->str);
  rtes_fiche_set_actions (fiche, texts[3]->str);
  rtes_fiche_set_city (fiche, town);
  rtes_fiche_set_kind (fiche, "commune");
  rtes_fiche_set_postcode (fiche, "25000");
  for (guint c = 0; c < 3; c++)
    {
      g_autoptr(RtesContact) contact = rtes_contact_new ();
      g_autofree char *who = g_strdup_printf ("Irène Zorb%u%c", i, 'a' + c);

      rtes_contact_set_name (contact, who);
      rtes_contact_set_role (contact, "Chargée de mission ESS");
      rtes_contact_set_email (contact, "ess@vauxquillette.example.fr");
      rtes_contact_set_phone (contact, "03 81 00 00 00");
      g_list_store_append (rtes_fiche_get_contacts (fiche), contact);
    }
  for (guint t = 0; t < 4; t++)
    g_string_free (texts[t], TRUE);
  return fiche;
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

/* Types @word letter by letter into the middle of the paragraph of
 * @text and checks that paragraph after each keystroke, as the window's
 * text views do. Returns the slowest keystroke in ms; *@mean_ms too. */
static double
type_word (RtesSpeller *speller,
           const char  *text,
           const char  *word,
           double      *mean_ms)
{
  g_autoptr(GString) buffer = g_string_new (text);
  gsize at = strlen (text) / 2;
  double slowest = 0, total = 0;
  guint keys = 0;

  /* At a word boundary, as a person starting a new word. */
  while (at < buffer->len && buffer->str[at] != ' ')
    at++;
  g_string_insert (buffer, at++, " ");
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_finding_free);
      gsize len = g_utf8_next_char (p) - p;
      gsize start, end;
      gint64 t0;
      double ms;

      g_string_insert_len (buffer, at, p, len);
      at += len;
      t0 = g_get_monotonic_time ();
      /* The paragraph around the cursor: from the blank line before to
       * the one after. */
      start = at;
      while (start > 0 && !(buffer->str[start - 1] == '\n' && start > 1 && buffer->str[start - 2] == '\n'))
        start--;
      end = at;
      while (end < buffer->len && !(buffer->str[end] == '\n' && buffer->str[end + 1] == '\n'))
        end++;
      rtes_speller_check_text (speller, "panorama", buffer->str, start, end, findings);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      slowest = MAX (slowest, ms);
      total += ms;
      keys++;
    }
  *mean_ms = total / keys;
  return slowest;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 200;
  g_autoptr(GPtrArray) fiches = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RtesSpeller) speller = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cold = NULL;
  g_autoptr(GPtrArray) warm = NULL;
  g_autoptr(GPtrArray) plain = NULL;
  g_autoptr(RtesFiche) long_fiche = make_fiche (9999);
  static const char * const typed[] = { "économiquement", "solidarités", "entreprenariat", "coopérativess" };
  double slowest = 0, mean = 0;
  gsize bytes = 0;
  gint64 start;

  for (guint i = 0; i < n; i++)
    {
      RtesFiche *fiche = make_fiche (i);

      bytes += strlen (rtes_fiche_get_panorama (fiche)) * 4;
      g_ptr_array_add (fiches, fiche);
    }
  g_print ("%u fiches, %.1f KB of text each\n", n, bytes / 1024.0 / n);

  start = g_get_monotonic_time ();
  speller = rtes_speller_new ("fr", &error);
  if (speller == NULL)
    {
      g_print ("skipped: needs the French spelling dictionary: %s\n",
               error->message);
      return 0;
    }
  g_print ("loading the French dictionary: %.3f s\n", seconds_since (start));

  start = g_get_monotonic_time ();
  plain = rtes_review_run (fiches, NULL, NULL, NULL);
  g_print ("review of %u fiches without spelling: %.3f s (%u findings)\n", n, seconds_since (start), plain->len);

  start = g_get_monotonic_time ();
  rtes_speller_learn_fiches (speller, fiches);
  cold = rtes_review_run (fiches, NULL, speller, NULL);
  g_print ("review of %u fiches, spelling included, cache cold: %.3f s (%u findings)\n",
           n, seconds_since (start), cold->len);

  start = g_get_monotonic_time ();
  warm = rtes_review_run (fiches, NULL, speller, NULL);
  g_print ("review of %u fiches, spelling included, cache warm: %.3f s\n", n, seconds_since (start));

  for (guint w = 0; w < G_N_ELEMENTS (typed); w++)
    {
      double word_mean;
      double word_slowest = type_word (speller, rtes_fiche_get_programme (long_fiche), typed[w], &word_mean);

      slowest = MAX (slowest, word_slowest);
      mean += word_mean / G_N_ELEMENTS (typed);
    }
  g_print ("spelling of the edited paragraph per keystroke: slowest %.3f ms, mean %.3f ms\n", slowest, mean);
  return 0;
}
