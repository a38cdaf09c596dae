/* rtes-recovery.c: the journal of unsaved edits
 *
 * Every edit of a fiche is written, within a second, to
 * <library>/.rtes-fiches/recovery/<id>.json: the whole document, written
 * atomically, so that a crash, a kill or a power cut loses at most a second
 * of typing. A successful save removes the journal. A journal that is still
 * there at start-up therefore holds work that never reached the fiche's
 * file, and the window offers to restore it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rtes-atomic-file.h"
#include "rtes-fiche-json.h"
#include "rtes-recovery.h"
#include "rtes-text.h"

char *
rtes_recovery_get_path (RtesLibrary  *library,
                        const char   *id,
                        GError      **error)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (RTES_IS_LIBRARY (library), NULL);

  /* The id becomes a file name: never let anything but a slug through. */
  if (!rtes_id_is_valid (id))
    {
      g_set_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_INVALID_ID,
                   _("“%s” is not a valid fiche identifier"), id);
      return NULL;
    }

  dir = rtes_library_get_state_dir (library, RTES_RECOVERY_DIR, error);
  if (dir == NULL)
    return NULL;
  return rtes_id_build_path (dir, id);
}

gboolean
rtes_recovery_write (const char  *journal_path,
                     const char  *data,
                     GError     **error)
{
  return rtes_atomic_write (journal_path, data, strlen (data), error);
}

void
rtes_recovery_remove (const char *journal_path)
{
  if (g_unlink (journal_path) != 0 && errno != ENOENT)
    g_warning ("Could not remove the recovery journal %s: %s",
               journal_path, g_strerror (errno));
}

static gint64
mtime_usec (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return G_MININT64;
#if defined(__linux__)
  return (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
#else
  return (gint64) st.st_mtime * G_USEC_PER_SEC;
#endif
}

GPtrArray *
rtes_recovery_scan (const char *library_path)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *dir_path = g_build_filename (library_path, RTES_LIBRARY_STATE_DIR,
                                                RTES_RECOVERY_DIR, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return g_steal_pointer (&found);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *journal_path = NULL;
      g_autofree char *fiche_path = NULL;
      g_autofree char *id = NULL;
      g_autofree char *journal_data = NULL;
      g_autofree char *fiche_data = NULL;
      g_autoptr(RtesFiche) journal = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;

      id = rtes_id_from_filename (name);
      if (id == NULL)
        continue;

      journal_path = g_build_filename (dir_path, name, NULL);
      fiche_path = g_build_filename (library_path, name, NULL);

      if (!g_file_get_contents (journal_path, &journal_data, &length, &error))
        {
          g_warning ("Could not read the recovery journal %s: %s", journal_path, error->message);
          continue;
        }
      journal = rtes_fiche_new_from_data (journal_data, length, journal_path, &error);
      if (journal == NULL)
        {
          /* Journals are written atomically, so this is not a torn write;
           * leave the file for a person to look at rather than delete it. */
          g_warning ("Ignoring the recovery journal %s: %s", journal_path, error->message);
          continue;
        }

      if (g_file_get_contents (fiche_path, &fiche_data, &length, NULL))
        {
          g_autoptr(RtesFiche) on_disk = rtes_fiche_new_from_data (fiche_data, length, fiche_path, NULL);
          g_autofree char *canonical = on_disk ? rtes_fiche_to_data (on_disk, NULL) : NULL;

          if (g_strcmp0 (canonical, journal_data) == 0)
            {
              /* Saved after all (a crash between the save and the
               * journal's removal): nothing to offer. */
              rtes_recovery_remove (journal_path);
              continue;
            }
          /* The file changed after the journal was written (a git pull
           * after the crash, say): the journal is older than what is on
           * disk, so it is not offered; it stays for a person to inspect. */
          if (mtime_usec (fiche_path) > mtime_usec (journal_path))
            continue;
        }

      g_ptr_array_add (found, g_steal_pointer (&journal));
    }

  return g_steal_pointer (&found);
}
