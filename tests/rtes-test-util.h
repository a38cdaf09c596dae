/* rtes-test-util.h: what every test suite needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rtes-fiche.h"

G_BEGIN_DECLS

/* g_test_init() plus the French-free, isolated defaults tests rely on. */
void   rtes_test_init            (int    *argc,
                                  char ***argv);

/* A new empty folder under the test's temporary area; removed by
 * rtes_test_remove_tree() or left for inspection when a test fails. */
char  *rtes_test_make_tmpdir     (const char *prefix);
void   rtes_test_remove_tree     (const char *path);

/* Writes @contents to @dir/@name (creating @dir) and returns the path. */
char  *rtes_test_write_file      (const char *dir,
                                  const char *name,
                                  const char *contents);
/* Whole file, aborting the test if it cannot be read. */
char  *rtes_test_read_file       (const char *path,
                                  gsize      *length);
/* @json parsed, aborting the test if it is not JSON. */
JsonNode *rtes_test_parse_json   (const char *json);
/* "[", a comment holding a quote, then 200,000 "[": json-glib reads the
 * comment, a depth pre-scan that does not sees a string, and the
 * parser's recursion overflowed (issue 15, finding 1). */
GString  *rtes_test_deep_after_comment (void);

/* Path of a file under tests/ in the source tree. */
char  *rtes_test_source_path     (const char *first_element,
                                  ...) G_GNUC_NULL_TERMINATED;

/* The site's text export of one fiche, Ville de Testbourg
 * (tests/import/fixtures/testbourg-export.txt), written to @dir/@name
 * with each whole line @from replaced by @to: NULL-terminated pairs.
 * Returns the path. */
char  *rtes_test_write_export    (const char *dir,
                                  const char *name,
                                  ...) G_GNUC_NULL_TERMINATED;

/* Path of a file of ../shared/site-export, or NULL (after
 * g_test_skip()) when the shared folder is absent. */
char  *rtes_test_shared_export   (const char *name);

/* Snapshot of every file under @dir (relative path → contents), to assert
 * that an operation left a folder byte-identical. */
GHashTable *rtes_test_snapshot_tree (const char *dir);
void        rtes_test_assert_tree_unchanged (GHashTable *before,
                                             const char *dir);

/* What a run of rtes-fiches-cli printed, and how it exited. */
typedef struct {
  int   status;
  char *out;
  char *err;
} RtesTestRun;

void   rtes_test_run_clear       (RtesTestRun *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RtesTestRun, rtes_test_run_clear)

/* Runs $RTES_FICHES_CLI with "--library @library" (none when NULL) and
 * the NULL-terminated arguments, in English, and waits for it; @run is
 * cleared first. A crash fails the test with the command's stderr. */
void   rtes_test_run_cli         (RtesTestRun *run,
                                  const char  *library,
                                  ...) G_GNUC_NULL_TERMINATED;

/* Runs the CLI as rtes_test_run_cli() does and asserts that it exits
 * with @status and, unless @in_stderr is NULL, says @in_stderr. */
void   rtes_test_assert_cli      (const char  *library,
                                  int          status,
                                  const char  *in_stderr,
                                  ...) G_GNUC_NULL_TERMINATED;
/* Runs the CLI as rtes_test_run_cli() does and asserts that it exits
 * with @status, keeping what it printed in @run. */
void   rtes_test_run_cli_expect  (RtesTestRun *run,
                                  int          status,
                                  const char  *library,
                                  ...) G_GNUC_NULL_TERMINATED;

/* Fails the test, showing @haystack, unless it holds @needle. */
void   rtes_test_assert_contains (const char  *haystack,
                                  const char  *needle);

/* How a run differs from rtes_test_run_cli()'s. */
typedef struct {
  const char         *language;  /* NULL: English */
  const char         *token;     /* RTES_FICHES_TOKEN, or NULL: none */
  const char * const *env;       /* more "NAME=value", NULL-terminated, or NULL */
  /* Keep the default main context running until the CLI ends: a test
   * site in this process answers it meanwhile. */
  gboolean            serve;
  /* A command the CLI runs under ("timeout", "-s", "KILL", "20"), or NULL. */
  const char * const *under;
} RtesTestCli;

void   rtes_test_run_cli_with    (RtesTestRun       *run,
                                  const RtesTestCli *how,
                                  const char        *library,
                                  ...) G_GNUC_NULL_TERMINATED;
void   rtes_test_run_cli_va      (RtesTestRun       *run,
                                  const RtesTestCli *how,
                                  const char        *library,
                                  va_list            args);
/* The pieces, for a test that drives the process itself: the command
 * line (NULL-terminated) and a launcher with @how's environment. */
GPtrArray           *rtes_test_cli_argv     (const char        *library,
                                             va_list            args);
GSubprocessLauncher *rtes_test_cli_launcher (const RtesTestCli *how,
                                             GSubprocessFlags   flags);

/* ---- fiches in a library folder, edited as from outside ---- */

/* @dir/@id.json */
char      *rtes_test_fiche_path  (const char *dir,
                                  const char *id);

/* @dir/@id.json, aborting the test if it cannot be read. */
RtesFiche *rtes_test_load_fiche  (const char *dir,
                                  const char *id);
void       rtes_test_save_fiche  (const char *dir,
                                  RtesFiche  *fiche);
/* Sets the string property @property of @dir/@id.json to @value. */
void       rtes_test_edit_fiche  (const char *dir,
                                  const char *id,
                                  const char *property,
                                  const char *value);
/* A published fiche document as the site holds it; NULL members are
 * left out. */
char      *rtes_test_fiche_json  (const char *id,
                                  const char *name,
                                  const char *panorama,
                                  const char *programme);

G_END_DECLS
