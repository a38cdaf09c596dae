/* rtes-fiches-cli.c: the command-line tool, for jobs without a display
 *
 * rtes-fiches-cli [--library DIR] COMMAND [OPTIONS…]
 *
 * Global options come before the command; each command parses its own.
 * Every command works on the same GTK-free libraries as the window.
 *
 * Built twice: as rtes-fiches-cli (RTES_CLI_FULL 0), which links the core
 * alone, runs the commands that need nothing more and hands the others
 * over to rtes-fiches-cli-full (RTES_CLI_FULL 1), which runs them all.
 * Both have the same table, so --help and every message are the same
 * whichever runs a command.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-cli.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  const char         *name;
  RtesCliCommandFunc  func;      /* NULL: in rtes-fiches-cli-full only */
  const char         *summary;   /* translatable, marked with N_() */
} Command;

/* The commands that link libsoup, cairo, Pango or enchant. */
#if RTES_CLI_FULL
# define FULL_ONLY(func) func
#else
# define FULL_ONLY(func) NULL
#endif

static const Command commands[] = {
  { "list", rtes_cli_list, N_("List the fiches of the library") },
  { "show", rtes_cli_show, N_("Show one fiche") },
  { "new", rtes_cli_new, N_("Create a fiche") },
  { "validate", rtes_cli_validate, N_("Check fiches and report problems") },
  { "check", FULL_ONLY (rtes_cli_check), N_("Review fiches before publishing") },
  { "format", rtes_cli_format, N_("Rewrite fiches in canonical form") },
  { "stats", rtes_cli_stats, N_("Count fiches by type, region and status") },
  { "import", FULL_ONLY (rtes_cli_import), N_("Import the site's text or JSON export") },
  { "import-conflicts", FULL_ONLY (rtes_cli_import_conflicts), N_("List import conflicts") },
  { "import-resolve", FULL_ONLY (rtes_cli_import_resolve), N_("Settle an import conflict") },
  { "sync", FULL_ONLY (rtes_cli_sync), N_("Pull from the site, merge, and publish") },
  { "conflicts", FULL_ONLY (rtes_cli_conflicts), N_("List sync conflicts") },
  { "resolve", FULL_ONLY (rtes_cli_resolve), N_("Settle a sync conflict") },
  { "export", FULL_ONLY (rtes_cli_export), N_("Export fiches to HTML or PDF, their contacts to vCard") },
  { "history", rtes_cli_history, N_("Show the saved revisions of a fiche") },
  { "restore", rtes_cli_restore, N_("Put back a fiche, or a field, as in a revision") },
};

static char *
describe_commands (void)
{
  GString *out = g_string_new (_("Commands:"));

  g_string_append_c (out, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (out, "  %-16s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append_c (out, '\n');
  g_string_append (out, _("Run “rtes-fiches-cli COMMAND --help” for a command's options.\n\n"
                          "The library is the folder given with --library, else "
                          "$RTES_FICHES_LIBRARY, else ~/.local/share/rtes-fiches/library.\n\n"
                          "Exit status:\n"
                          "  0  success\n"
                          "  1  failure, fiches that do not validate, or findings that block publishing\n"
                          "  2  wrong command line\n"
                          "  3  sync or import finished but conflicts remain for a person to resolve"));
  return g_string_free (out, FALSE);
}

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *library = NULL;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "library", 'l', 0, G_OPTION_ARG_FILENAME, &library,
      N_("Library folder"), N_("DIR") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version and exit"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_auto(GStrv) argv_at_start = NULL;
  RtesCliContext ctx = { 0 };
  const Command *command;
  const char *localedir;
  int status;

  /* As given, for rtes_cli_hand_over(): parsing takes options out. */
  argv_at_start = g_strdupv (argv);
  ctx.argv = argv_at_start;
  setlocale (LC_ALL, "");
  /* Run from the build tree (tests, tools/run), the catalogues are not
   * installed yet. */
  localedir = g_getenv ("RTES_FICHES_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("rtes-fiches-cli");
  /* Before anything is printed: names and messages are outside text. */
  rtes_cli_output_init ();

  context = g_option_context_new (_("COMMAND [OPTIONS…]"));
  g_option_context_set_summary (context, _("Manage the fiches of RTES member collectivities."));
  description = describe_commands ();
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Stop at the command: its options are its own. */
  g_option_context_set_strict_posix (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return rtes_cli_fail (RTES_EXIT_USAGE, "%s", error->message);
  if (version)
    {
      g_print ("rtes-fiches-cli %s\n", PACKAGE_VERSION);
      return RTES_EXIT_OK;
    }
  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return RTES_EXIT_USAGE;
    }
  command = find_command (argv[1]);
  if (command == NULL)
    return rtes_cli_fail (RTES_EXIT_USAGE,
                          _("unknown command “%s”; run “%s --help” for the list"), argv[1], g_get_prgname ());

  if (command->func == NULL)
    status = rtes_cli_hand_over (&ctx);
  else
    {
      ctx.library_path = library ? g_steal_pointer (&library) : rtes_library_default_path ();
      ctx.stdout_is_tty = isatty (STDOUT_FILENO);
#if RTES_CLI_FULL
      ctx.write_charts = rtes_cli_write_charts;
#endif
      status = command->func (&ctx, argc - 1, argv + 1);
    }
  g_free (ctx.library_path);
  return status;
}
