/* bench-library.c: how long a large library takes to open and search
 *
 * Not a test: run with "meson test -C _build --benchmark --suite model"
 * or directly, optionally with the number of fiches (default 10000).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rtes-fiche-json.h"
#include "rtes-library.h"
#include "rtes-text.h"
#include "rtes-test-util.h"

/* A fiche of the size real ones have (about 5 KB). */
static RtesFiche *
make_fiche (guint i)
{
  g_autofree char *id = g_strdup_printf ("commune-%05u", i);
  g_autofree char *name = g_strdup_printf ("Commune n° %u de l’Économie Solidaire", i);
  RtesFiche *fiche = rtes_fiche_new (id, name);
  GString *text = g_string_new (NULL);

  for (guint p = 0; p < 30; p++)
    g_string_append (text, "La collectivité soutient les acteurs de l’ESS du territoire. ");
  rtes_fiche_set_programme (fiche, text->str);
  rtes_fiche_set_actions (fiche, text->str);
  rtes_fiche_set_city (fiche, i % 2 ? "Besançon" : "Dijon");
  rtes_fiche_set_kind (fiche, "commune");
  for (guint c = 0; c < 3; c++)
    {
      g_autoptr(RtesContact) contact = rtes_contact_new ();
      g_autofree char *who = g_strdup_printf ("Personne %u-%u", i, c);

      rtes_contact_set_name (contact, who);
      rtes_contact_set_role (contact, "Élu référent");
      g_list_store_append (rtes_fiche_get_contacts (fiche), contact);
    }
  g_string_free (text, TRUE);
  return fiche;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 10000;
  g_autofree char *dir = g_dir_make_tmp ("bench-library-XXXXXX", NULL);
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  guint matches = 0;
  gsize bytes = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RtesFiche) fiche = make_fiche (i);
      g_autofree char *filename = g_strconcat (rtes_fiche_get_id (fiche), ".json", NULL);
      g_autofree char *path = g_build_filename (dir, filename, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      gsize length;
      g_autofree char *data = rtes_fiche_to_data (fiche, &length);

      bytes += length;
      if (!rtes_fiche_save (fiche, file, &error))
        g_error ("%s", error->message);
    }

  start = g_get_monotonic_time ();
  library = rtes_library_open (dir, &error);
  g_assert_no_error (error);
  g_print ("open %u fiches (%.1f MB): %.3f s\n", n, bytes / 1e6,
           (g_get_monotonic_time () - start) / 1e6);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RtesFiche) fiche = g_list_model_get_item (G_LIST_MODEL (library), i);

      rtes_fiche_get_search_text (fiche);
    }
  g_print ("first search (builds the folded text): %.3f s\n", (g_get_monotonic_time () - start) / 1e6);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RtesFiche) fiche = g_list_model_get_item (G_LIST_MODEL (library), i);

      if (strstr (rtes_fiche_get_search_text (fiche), "personne 42-") != NULL)
        matches++;
    }
  g_print ("next search (“personne 42-”, %u matches): %.3f s\n", matches,
           (g_get_monotonic_time () - start) / 1e6);
  rtes_test_remove_tree (dir);
  return 0;
}
