/* rtes-cli.h: what the commands of rtes-fiches-cli share
 *
 * Each command lives in its own file (rtes-cli-<group>.c), parses its own
 * options with GOptionContext and returns an exit code.
 *
 * Two programs run them (docs/performance.md, "A small program for the
 * commands that read"): rtes-fiches-cli links the core alone and runs the
 * commands that need nothing else; it hands the others to
 * rtes-fiches-cli-full (libexecdir), which links the import, sync, export
 * and review libraries as well and runs every command.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rtes-library.h"
#include "rtes-stats.h"

G_BEGIN_DECLS

/* Exit codes, documented in --help. */
enum {
  RTES_EXIT_OK        = 0,
  RTES_EXIT_FAILURE   = 1,  /* an error, or fiches that do not validate */
  RTES_EXIT_USAGE     = 2,  /* wrong command line */
  RTES_EXIT_CONFLICTS = 3,  /* sync, import: conflicts remain for a person to resolve */
};

/* stats --svg and --png: the export library's chart drawing. */
typedef gboolean (*RtesCliWriteChartsFunc) (RtesStats   *stats,
                                            const char  *dir,
                                            gboolean     svg,
                                            GError     **error);

typedef struct {
  char     *library_path;   /* --library, $RTES_FICHES_LIBRARY or the default */
  gboolean  stdout_is_tty;  /* progress lines only on a terminal */
  char    **argv;           /* the command line as it was given */
  /* Set in rtes-fiches-cli-full only: the small program has no cairo and
   * hands "stats --svg/--png" over. */
  RtesCliWriteChartsFunc write_charts;
} RtesCliContext;

/* argv[0] is the command's name; options follow. */
typedef int (*RtesCliCommandFunc) (RtesCliContext *ctx,
                                   int             argc,
                                   char          **argv);

/* Opens the context's library, printing the error on failure. Without
 * RTES_LIBRARY_OPEN_CREATE a missing folder is an error: commands that
 * only read never create it (new, import and sync do). */
RtesLibrary *rtes_cli_open_library (RtesCliContext       *ctx,
                                    RtesLibraryOpenFlags  flags);

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
/* The same, returning @status: `return rtes_cli_fail (RTES_EXIT_USAGE, …);` */
int          rtes_cli_fail         (int         status,
                                    const char *format,
                                    ...) G_GNUC_PRINTF (2, 3);

/* rtes-cli-hand-over.c: replaces this process with rtes-fiches-cli-full
 * run on ctx->argv. Returns only when that fails, after saying why, with
 * the exit status to use. */
int          rtes_cli_hand_over    (RtesCliContext *ctx);
/* Where rtes-fiches-cli-full may be, best first, for the small program
 * in folder @self_dir (NULL if unknown): next to it (the build tree),
 * then at the configured libexecdir taken relative to the bindir (an
 * installation, moved or under a DESTDIR), then at the configured
 * libexecdir itself. */
GStrv        rtes_cli_full_program_candidates (const char *self_dir);

/* "mine" or "theirs", the last word of "resolve" and "import-resolve":
 * FALSE (after saying so) for anything else. */
gboolean     rtes_cli_parse_side   (const char *word,
                                    gboolean   *theirs);

/* rtes-cli-output.c: what is printed cannot act on a terminal. */
typedef enum {
  RTES_CLI_ESCAPE_TEXT  = 0,       /* keeps "\n" and "\t" */
  RTES_CLI_ESCAPE_FIELD = 1 << 0,  /* a value inside a line: escapes them too */
} RtesCliEscapeFlags;

/* @text (@length bytes, or up to its NUL if negative) with C0 and C1
 * controls, DEL, bidi controls, line and paragraph separators, tag
 * characters and bytes that are not UTF-8 written as visible escapes
 * ("\u001b", "\u202e", "\xff"). Always valid UTF-8. */
char *rtes_cli_escape           (const char         *text,
                                 gssize              length,
                                 RtesCliEscapeFlags  flags);
/* The same, appended to @out (nothing for a NULL @text). */
void  rtes_cli_escape_append    (GString            *out,
                                 const char         *text,
                                 gssize              length,
                                 RtesCliEscapeFlags  flags);
/* Prints @escaped, made of rtes_cli_escape*() output and the CLI's own
 * layout only, as g_print() would but without escaping it a second time
 * or copying it: for long outputs (list). */
void  rtes_cli_print_escaped    (GString            *escaped);
/* Routes g_print() and g_printerr() through rtes_cli_escape(). */
void  rtes_cli_output_init      (void);
/* Writes @sequence to stderr as it is: only for the CLI's own controls. */
void  rtes_cli_terminal_control (const char *sequence);

/* rtes-cli-model.c */
int rtes_cli_list      (RtesCliContext *ctx, int argc, char **argv);
int rtes_cli_show      (RtesCliContext *ctx, int argc, char **argv);
int rtes_cli_validate  (RtesCliContext *ctx, int argc, char **argv);
int rtes_cli_format    (RtesCliContext *ctx, int argc, char **argv);
int rtes_cli_new       (RtesCliContext *ctx, int argc, char **argv);
int rtes_cli_stats     (RtesCliContext *ctx, int argc, char **argv);
/* rtes-cli-stats.c: stats --json, --svg and --png (these two through
 * ctx->write_charts) */
typedef struct {
  gboolean  json;
  char     *svg_dir;
  char     *png_dir;
} RtesCliStatsOptions;
int rtes_cli_stats_export (RtesCliContext      *ctx,
                           RtesLibrary         *library,
                           RtesCliStatsOptions *options);
/* rtes-cli-charts.c (rtes-fiches-cli-full only): an RtesCliWriteChartsFunc */
gboolean rtes_cli_write_charts (RtesStats   *stats,
                                const char  *dir,
                                gboolean     svg,
                                GError     **error);
/* rtes-cli-import.c */
int rtes_cli_import    (RtesCliContext *ctx, int argc, char **argv);
int rtes_cli_import_conflicts (RtesCliContext *ctx, int argc, char **argv);
int rtes_cli_import_resolve   (RtesCliContext *ctx, int argc, char **argv);
/* rtes-cli-sync.c */
int rtes_cli_sync      (RtesCliContext *ctx, int argc, char **argv);
int rtes_cli_conflicts (RtesCliContext *ctx, int argc, char **argv);
int rtes_cli_resolve   (RtesCliContext *ctx, int argc, char **argv);
/* rtes-cli-check.c */
int rtes_cli_check     (RtesCliContext *ctx, int argc, char **argv);
/* rtes-cli-history.c */
int rtes_cli_history   (RtesCliContext *ctx, int argc, char **argv);
int rtes_cli_restore   (RtesCliContext *ctx, int argc, char **argv);
/* The fiche @id as in revision @revision (text, as typed); prints the
 * error and returns NULL when there is none. */
RtesFiche *rtes_cli_history_fiche_at (RtesLibrary *library,
                                      const char  *id,
                                      const char  *revision);
/* rtes-cli-export.c */
int rtes_cli_export    (RtesCliContext *ctx, int argc, char **argv);

G_END_DECLS
