/* rtes-cli-hand-over.c: running a command the small program does not have
 *
 * rtes-fiches-cli links the core alone, so that the commands that only
 * read a library start without loading cairo, Pango, HarfBuzz,
 * fontconfig, libsoup and enchant (docs/performance.md). The commands
 * that need them (import, sync, export, check…) are in
 * rtes-fiches-cli-full, installed in libexecdir: the small program
 * replaces itself with it, same arguments, same environment, same
 * process. Its exit status, standard streams and signals are therefore
 * those of the command, as when one program did everything.
 *
 * The full program is looked for next to the small one first (the build
 * tree: tests and tools/run need no installation), then where the
 * installation puts it relative to the bindir (so that an installation
 * under a DESTDIR, or moved as a whole, finds its own), then at the
 * configured libexecdir.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "rtes-cli.h"

/* Set by src/cli/meson.build: RTES_CLI_FULL_NAME, RTES_CLI_BINDIR and
 * RTES_CLI_LIBEXECDIR (absolute, as configured). */

/* How to go from the folder @from to the path @to, both absolute and
 * normalized ("../libexec/rtes-fiches/rtes-fiches-cli-full"). */
static char *
relative_path (const char *from,
               const char *to)
{
  g_auto(GStrv) from_parts = g_strsplit (from, "/", -1);
  g_auto(GStrv) to_parts = g_strsplit (to, "/", -1);
  g_autoptr(GString) out = g_string_new (NULL);
  guint common = 0;

  while (from_parts[common] != NULL && to_parts[common] != NULL
         && g_str_equal (from_parts[common], to_parts[common]))
    common++;
  for (guint i = common; from_parts[i] != NULL; i++)
    if (from_parts[i][0] != '\0')
      g_string_append (out, "../");
  for (guint i = common; to_parts[i] != NULL; i++)
    if (to_parts[i][0] != '\0')
      g_string_append_printf (out, "%s%s", to_parts[i], to_parts[i + 1] != NULL ? "/" : "");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

GStrv
rtes_cli_full_program_candidates (const char *self_dir)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *installed = g_build_filename (RTES_CLI_LIBEXECDIR, RTES_CLI_FULL_NAME, NULL);

  if (self_dir != NULL)
    {
      g_autofree char *beside = g_build_filename (self_dir, RTES_CLI_FULL_NAME, NULL);
      g_autofree char *relative = relative_path (RTES_CLI_BINDIR, installed);
      g_autofree char *moved = g_build_filename (self_dir, relative, NULL);
      g_autofree char *canonical = g_canonicalize_filename (moved, NULL);

      g_strv_builder_add (builder, beside);
      g_strv_builder_add (builder, canonical);
    }
  g_strv_builder_add (builder, installed);
  return g_strv_builder_end (builder);
}

int
rtes_cli_hand_over (RtesCliContext *ctx)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *self_dir = self != NULL ? g_path_get_dirname (self) : NULL;
  g_auto(GStrv) candidates = rtes_cli_full_program_candidates (self_dir);
  int saved_errno = ENOENT;

  for (guint i = 0; candidates[i] != NULL; i++)
    {
      /* Never this very program again: that would loop. */
      if (g_strcmp0 (candidates[i], self) == 0)
        continue;
      execv (candidates[i], ctx->argv);
      /* Only a missing program is worth looking further for. */
      saved_errno = errno;
      if (saved_errno != ENOENT && saved_errno != ENOTDIR)
        {
          rtes_cli_error (_("could not run %s: %s"), candidates[i], g_strerror (saved_errno));
          return RTES_EXIT_FAILURE;
        }
    }
  rtes_cli_error (_("could not run %s: %s"), candidates[g_strv_length (candidates) - 1],
                  g_strerror (saved_errno));
  return RTES_EXIT_FAILURE;
}
