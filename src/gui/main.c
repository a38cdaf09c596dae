/* main.c: entry point of the rtes-fiches window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rtes-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RtesApplication) app = NULL;
  const char *localedir = g_getenv ("RTES_FICHES_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* tools/run starts the app from the build tree, where the catalogues are
   * not yet installed. */
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = rtes_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
