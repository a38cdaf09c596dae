/* rtes-cli.h: what the commands of rtes-fiches-cli share
 *
 * Each command lives in its own file (rtes-cli-<group>.c), parses its own
 * options with GOptionContext and returns an exit code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rtes-library.h"

G_BEGIN_DECLS

/* Exit codes, documented in --help. */
enum {
  RTES_EXIT_OK        = 0,
  RTES_EXIT_FAILURE   = 1,  /* an error, or fiches that do not validate */
  RTES_EXIT_USAGE     = 2,  /* wrong command line */
  RTES_EXIT_CONFLICTS = 3,  /* sync: conflicts remain for a person to resolve */
};

typedef struct {
  char     *library_path;   /* --library, $RTES_FICHES_LIBRARY or the default */
  gboolean  stdout_is_tty;  /* progress lines only on a terminal */
} RtesCliContext;

/* argv[0] is the command's name; options follow. */
typedef int (*RtesCliCommandFunc) (RtesCliContext *ctx,
                                   int             argc,
                                   char          **argv);

/* Opens the context's library, printing the error on failure. */
RtesLibrary *rtes_cli_open_library (RtesCliContext *ctx);

/* Parses @entries for command @name; prints usage errors. FALSE: exit 2. */
gboolean     rtes_cli_parse        (const char          *name,
                                    const char          *parameter_string,
                                    const char          *summary,
                                    const GOptionEntry  *entries,
                                    int                 *argc,
                                    char              ***argv);

/* "error: …" on stderr, with the program name. */
void         rtes_cli_error        (const char *format,
                                    ...) G_GNUC_PRINTF (1, 2);

/* rtes-cli-model.c */
int rtes_cli_list      (RtesCliContext *ctx, int argc, char **argv);
int rtes_cli_show      (RtesCliContext *ctx, int argc, char **argv);
int rtes_cli_validate  (RtesCliContext *ctx, int argc, char **argv);
int rtes_cli_format    (RtesCliContext *ctx, int argc, char **argv);
int rtes_cli_new       (RtesCliContext *ctx, int argc, char **argv);
int rtes_cli_stats     (RtesCliContext *ctx, int argc, char **argv);
/* rtes-cli-stats.c: stats --json, --svg and --png */
typedef struct {
  gboolean  json;
  char     *svg_dir;
  char     *png_dir;
} RtesCliStatsOptions;
int rtes_cli_stats_export (RtesLibrary *library, RtesCliStatsOptions *options);
/* rtes-cli-import.c */
int rtes_cli_import    (RtesCliContext *ctx, int argc, char **argv);
/* rtes-cli-sync.c */
int rtes_cli_sync      (RtesCliContext *ctx, int argc, char **argv);
int rtes_cli_conflicts (RtesCliContext *ctx, int argc, char **argv);
int rtes_cli_resolve   (RtesCliContext *ctx, int argc, char **argv);
/* rtes-cli-export.c */
int rtes_cli_export    (RtesCliContext *ctx, int argc, char **argv);

G_END_DECLS
