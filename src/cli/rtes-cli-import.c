/* rtes-cli-import.c: import FILE|URL [--dry-run] [--report],
 * import-conflicts, import-resolve ID PLACE mine|theirs
 *
 * The command line face of the import. An import is a merge against the
 * last import: `import` plans it (rtes_importer_plan()), then commits the
 * plan; `--dry-run` prints the plan, fiche by fiche and by name, and
 * writes nothing; `--report` prints the same after writing. A failure
 * prints the importer's message, which names the file and the line, and
 * the library is left as it was.
 *
 * Places changed both here and in the export are conflicts, recorded in
 * the library: `import-conflicts` lists them and `import-resolve` settles
 * one, as `conflicts` and `resolve` do for the sync's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rtes-cli.h"
#include "rtes-fiche-json.h"
#include "rtes-fiche-describe.h"
#include "rtes-import-store.h"
#include "rtes-importer.h"

static guint
count_conflicts (RtesImportPlan *plan)
{
  GPtrArray *fiches = rtes_import_plan_get_fiches (plan);
  guint n = 0;

  for (guint i = 0; i < fiches->len; i++)
    n += rtes_import_plan_fiche_count (g_ptr_array_index (fiches, i), RTES_IMPORT_PLACE_CONFLICT);
  return n;
}

int
rtes_cli_import (RtesCliContext *ctx,
                 int             argc,
                 char          **argv)
{
  gboolean dry_run = FALSE;
  gboolean show_report = FALSE;
  const GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Show, fiche by fiche, what the import would fill, change and keep, and write nothing"), NULL },
    { "report", 'r', 0, G_OPTION_ARG_NONE, &show_report,
      N_("List every fiche, what changed, and the text that could not be placed in a field"), NULL },
    { NULL }
  };
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(RtesImporter) importer = NULL;
  g_autoptr(RtesImportPlan) plan = NULL;
  g_autoptr(RtesImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  guint notes;
  guint conflicts;

  if (!rtes_cli_parse ("import", _("FILE|URL"),
                       _("Imports the RTES site’s text export (a region’s member pages or one "
                         "fiche page) or its JSON export, from a file or an http(s) URL. A fiche "
                         "that exists (same id, or same name) is merged with the export against "
                         "the last import: what the export changed is taken, what was changed "
                         "here is kept, and a place changed on both sides is a conflict (the "
                         "value here is kept; see “import-conflicts”). Importing the same export "
                         "twice changes nothing. Exit status 3 means the import found conflicts."),
                       entries, &argc, &argv))
    return RTES_EXIT_USAGE;
  if (argc != 2)
    return rtes_cli_fail (RTES_EXIT_USAGE, _("“import” takes one file or URL"));

  library = rtes_cli_open_library (ctx, RTES_LIBRARY_OPEN_CREATE);
  if (library == NULL)
    return RTES_EXIT_FAILURE;

  /* As every save does: what a sync cut short wrote is put back first, so
   * that the import merges into what the library held. A dry run writes
   * nothing, this neither. */
  if (!dry_run && !rtes_library_settle_interrupted_sync (library, &error))
    return rtes_cli_fail (RTES_EXIT_FAILURE, "%s", error->message);
  importer = rtes_importer_new (library);
  plan = rtes_importer_plan (importer, argv[1], NULL, &error);
  if (plan == NULL || (!dry_run && !rtes_import_plan_commit (plan, library, &error)))
    return rtes_cli_fail (RTES_EXIT_FAILURE, "%s", error->message);
  report = rtes_import_plan_to_report (plan, dry_run);

  if (show_report || dry_run)
    {
      g_autofree char *preview = rtes_import_plan_format_preview (plan);

      g_print ("%s", preview);
    }
  else
    {
      /* Warnings (a fiche skipped, text outside any fiche) always reach
       * the person, on stderr, whether or not the details were asked for. */
      GPtrArray *warnings = rtes_import_plan_get_warnings (plan);

      for (guint i = 0; i < warnings->len; i++)
        g_printerr ("%s\n", (const char *) g_ptr_array_index (warnings, i));
    }

  summary = rtes_import_report_format_summary (report);
  notes = rtes_import_report_count_notes (report);
  conflicts = count_conflicts (plan);
  if (dry_run)
    /* Translators: %s is "6 created, 0 updated, 0 unchanged". */
    g_print (_("Dry run, nothing written: %s\n"), summary);
  else
    g_print ("%s\n", summary);
  if (notes > 0 && !show_report && !dry_run)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u piece of text is not in a field of its own (it is kept in the fiche); "
                          "run with --report to see it\n",
                          "%u pieces of text are not in a field of their own (they are kept in the "
                          "fiches); run with --report to see them\n", notes),
             notes);
  if (conflicts > 0 && !dry_run)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u conflict to resolve (the value here was kept): run “rtes-fiches-cli import-conflicts”.\n",
                          "%u conflicts to resolve (the values here were kept): run “rtes-fiches-cli "
                          "import-conflicts”.\n", conflicts),
             conflicts);
  return conflicts > 0 && !dry_run ? RTES_EXIT_CONFLICTS : RTES_EXIT_OK;
}

int
rtes_cli_import_conflicts (RtesCliContext *ctx,
                           int             argc,
                           char          **argv)
{
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(RtesImportStore) store = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;

  if (!rtes_cli_parse ("import-conflicts", NULL,
                       _("List the places an import found changed both here and in the export: "
                         "for each, the fiche, the place, and the values in the last import, in "
                         "the export and here. Settle one with “import-resolve”."),
                       NULL, &argc, &argv))
    return RTES_EXIT_USAGE;
  if (argc > 1)
    return rtes_cli_fail (RTES_EXIT_USAGE, _("“import-conflicts” takes no arguments"));
  library = rtes_cli_open_library (ctx, RTES_LIBRARY_OPEN_NONE);
  if (library == NULL)
    return RTES_EXIT_FAILURE;
  store = rtes_import_store_load (rtes_library_get_path (library), &error);
  if (store == NULL)
    return rtes_cli_fail (RTES_EXIT_FAILURE, "%s", error->message);

  conflicts = rtes_import_store_get_conflicts (store, NULL);
  for (guint i = 0; i < conflicts->len; i++)
    {
      RtesConflict *c = g_ptr_array_index (conflicts, i);
      RtesFiche *fiche = rtes_library_lookup (library, c->id);
      g_autoptr(JsonNode) document = NULL;
      g_autofree char *label = NULL;
      g_autofree char *base = rtes_fiche_describe_value (c->path, c->base);
      g_autofree char *theirs = rtes_fiche_describe_value (c->path, c->theirs);
      g_autofree char *mine = rtes_fiche_describe_value (c->path, c->mine);

      /* Items are named by their contents in the fiche. */
      if (fiche != NULL && rtes_fiche_get_load_error (fiche) == NULL)
        document = rtes_fiche_to_json (fiche);
      label = rtes_fiche_describe_place (c->path, FALSE, document, NULL);
      /* The first line is what import-resolve takes. */
      g_print ("%s\t%s\n", c->id, c->path);
      /* Translators: "Dijon Métropole: Population" */
      g_print (_("  %s: %s\n"), fiche != NULL ? rtes_fiche_get_name (fiche) : c->id, label);
      /* Translators: keep the three labels the same width. */
      if (c->base != NULL || c->kind != RTES_CONFLICT_BOTH_ADDED)
        g_print (_("    last import:   %s\n"), base);
      g_print (_("    in the export: %s\n"), theirs);
      g_print (_("    here:          %s\n"), mine);
    }
  if (conflicts->len == 0)
    g_print ("%s\n", _("No import conflicts."));
  return RTES_EXIT_OK;
}

int
rtes_cli_import_resolve (RtesCliContext *ctx,
                         int             argc,
                         char          **argv)
{
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  RtesImportResolution resolution;
  gboolean theirs;

  if (!rtes_cli_parse ("import-resolve", _("ID PLACE mine|theirs"),
                       _("Settle one import conflict (as “import-conflicts” lists it): keep the "
                         "value here (mine) or take the export’s (theirs)."),
                       NULL, &argc, &argv))
    return RTES_EXIT_USAGE;
  if (argc != 4)
    return rtes_cli_fail (RTES_EXIT_USAGE,
                          _("“import-resolve” takes a fiche id, a place and “mine” or “theirs”"));
  if (!rtes_cli_parse_side (argv[3], &theirs))
    return RTES_EXIT_USAGE;
  resolution = theirs ? RTES_IMPORT_RESOLVE_THEIRS : RTES_IMPORT_RESOLVE_MINE;

  library = rtes_cli_open_library (ctx, RTES_LIBRARY_OPEN_NONE);
  if (library == NULL)
    return RTES_EXIT_FAILURE;
  if (!rtes_import_resolve (rtes_library_get_path (library), argv[1], argv[2], resolution, &error))
    return rtes_cli_fail (RTES_EXIT_FAILURE, "%s", error->message);
  return RTES_EXIT_OK;
}
