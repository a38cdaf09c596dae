/* rtes-cli.c: what every command of the command-line tool shares
 *
 * Reporting an error the same way ("rtes-fiches-cli: error: …"), parsing a
 * command's options, opening the library. It lives in the library both
 * programs link (rtes-cli-common), beside the commands that use it, and
 * not in a program's main file: a library must not call into the program
 * that links it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-cli.h"

#include <glib/gi18n.h>

static void
print_error (const char *format,
             va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  /* Translators: "rtes-fiches-cli: error: <message>" */
  g_printerr (_("%s: error: %s\n"), g_get_prgname (), message);
}

void
rtes_cli_error (const char *format,
                ...)
{
  va_list args;

  va_start (args, format);
  print_error (format, args);
  va_end (args);
}

int
rtes_cli_fail (int         status,
               const char *format,
               ...)
{
  va_list args;

  va_start (args, format);
  print_error (format, args);
  va_end (args);
  return status;
}

gboolean
rtes_cli_parse_side (const char *word,
                     gboolean   *theirs)
{
  if (g_str_equal (word, "mine") || g_str_equal (word, "theirs"))
    {
      *theirs = g_str_equal (word, "theirs");
      return TRUE;
    }
  rtes_cli_error (_("“%s” is neither “mine” nor “theirs”"), word);
  return FALSE;
}

RtesLibrary *
rtes_cli_open_library (RtesCliContext       *ctx,
                       RtesLibraryOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  RtesLibrary *library = rtes_library_open_full (ctx->library_path, flags, &error);

  if (library == NULL)
    rtes_cli_error ("%s", error->message);
  return library;
}

gboolean
rtes_cli_parse (const char          *name,
                const char          *parameter_string,
                const char          *summary,
                const GOptionEntry  *entries,
                int                 *argc,
                char              ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameters = g_strdup_printf ("%s %s", name, parameter_string ? parameter_string : "");

  context = g_option_context_new (parameters);
  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      rtes_cli_error ("%s", error->message);
      g_printerr (_("Run “%s %s --help” for help.\n"), g_get_prgname (), name);
      return FALSE;
    }
  return TRUE;
}
