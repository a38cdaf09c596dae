/* history-writer.c: a process that records into a library's history, for
 * test-history to kill in the middle
 *
 *   history-writer pause LIBRARY MARKER   records one revision of
 *       "belcombe" and, inside the transaction, writes MARKER and waits
 *       to be killed
 *   history-writer loop LIBRARY MARKER    writes MARKER, then records
 *       revision after revision until killed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "rtes-fiche-json.h"
#include "rtes-history.h"

static void
pause_in_write (RtesHistory *history,
                gpointer     user_data)
{
  g_file_set_contents (user_data, "paused", -1, NULL);
  /* Killed here; a minute is more than any test waits. */
  g_usleep (60 * G_USEC_PER_SEC);
  g_printerr ("history-writer: not killed\n");
  exit (2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesHistory) history = NULL;
  g_autoptr(RtesFiche) fiche = NULL;

  if (argc != 4)
    {
      g_printerr ("usage: history-writer pause|loop LIBRARY MARKER\n");
      return 2;
    }
  history = rtes_history_open (argv[2], &error);
  if (history == NULL)
    {
      g_printerr ("history-writer: %s\n", error->message);
      return 1;
    }
  fiche = rtes_fiche_new ("belcombe", "Ville de Belcombe");

  if (g_str_equal (argv[1], "pause"))
    {
      g_autofree char *data = NULL;

      rtes_fiche_set_population (fiche, 424242);
      data = rtes_fiche_to_data (fiche, NULL);
      rtes_history_set_write_hook (history, pause_in_write, argv[3]);
      rtes_history_record (history, "belcombe", NULL, data, RTES_CHANGE_ORIGIN_TYPED, NULL, &error);
      g_printerr ("history-writer: %s\n", error != NULL ? error->message : "not paused");
      return 1;
    }

  g_file_set_contents (argv[3], "writing", -1, NULL);
  for (gint64 i = 1;; i++)
    {
      g_autofree char *filler = g_strnfill (i % 3000, 'x');
      g_autofree char *text = g_strdup_printf ("Version %" G_GINT64_FORMAT " %s", i, filler);
      g_autofree char *data = NULL;

      rtes_fiche_set_population (fiche, i);
      rtes_fiche_set_panorama (fiche, text);
      data = rtes_fiche_to_data (fiche, NULL);
      if (rtes_history_record (history, "belcombe", NULL, data, RTES_CHANGE_ORIGIN_TYPED, NULL, &error) == 0
          && error != NULL)
        {
          g_printerr ("history-writer: %s\n", error->message);
          return 1;
        }
    }
}
