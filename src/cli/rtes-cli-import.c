/* rtes-cli-import.c: import FILE|URL [--dry-run] [--report]
 *
 * The command line face of RtesImporter: it prints one summary line
 * ("6 created, 0 updated, 0 unchanged"), and with --report everything the
 * importer could not place, so that a person can check it against the
 * site. A failure prints the importer's message, which names the file and
 * the line, and the library is left as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rtes-cli.h"
#include "rtes-importer.h"

int
rtes_cli_import (RtesCliContext *ctx,
                 int             argc,
                 char          **argv)
{
  gboolean dry_run = FALSE;
  gboolean show_report = FALSE;
  const GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Show what would be created or changed, and write nothing"), NULL },
    { "report", 'r', 0, G_OPTION_ARG_NONE, &show_report,
      N_("List every fiche and the text that could not be placed in a field"), NULL },
    { NULL }
  };
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(RtesImporter) importer = NULL;
  g_autoptr(RtesImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  guint notes;

  if (!rtes_cli_parse ("import", _("FILE|URL"),
                       _("Imports the RTES site’s text export (a region’s member pages or one "
                         "fiche page) or its JSON export, from a file or an http(s) URL. A fiche "
                         "that exists (same id, or same name) is updated with the fields the "
                         "export gives; importing the same export twice changes nothing."),
                       entries, &argc, &argv))
    return RTES_EXIT_USAGE;
  if (argc != 2)
    {
      rtes_cli_error (_("“import” takes one file or URL"));
      return RTES_EXIT_USAGE;
    }

  library = rtes_cli_open_or_create_library (ctx);
  if (library == NULL)
    return RTES_EXIT_FAILURE;

  importer = rtes_importer_new (library);
  rtes_importer_set_dry_run (importer, dry_run);
  report = rtes_importer_run (importer, argv[1], NULL, &error);
  if (report == NULL)
    {
      rtes_cli_error ("%s", error->message);
      return RTES_EXIT_FAILURE;
    }

  if (show_report || dry_run)
    {
      g_autofree char *details = rtes_import_report_format_details (report);

      g_print ("%s", details);
    }

  /* Warnings (a fiche skipped, text outside any fiche) always reach the
   * person, on stderr, whether or not the details were asked for. */
  if (!show_report && !dry_run)
    {
      GPtrArray *warnings = rtes_import_report_get_warnings (report);

      for (guint i = 0; i < warnings->len; i++)
        g_printerr ("%s\n", (const char *) g_ptr_array_index (warnings, i));
    }

  summary = rtes_import_report_format_summary (report);
  notes = rtes_import_report_count_notes (report);
  if (dry_run)
    /* Translators: %s is "6 created, 0 updated, 0 unchanged". */
    g_print (_("Dry run, nothing written: %s\n"), summary);
  else
    g_print ("%s\n", summary);
  if (notes > 0 && !show_report)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u piece of text is not in a field of its own (it is kept in the fiche); "
                          "run with --report to see it\n",
                          "%u pieces of text are not in a field of their own (they are kept in the "
                          "fiches); run with --report to see them\n", notes),
             notes);
  return RTES_EXIT_OK;
}
