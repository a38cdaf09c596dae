/* rtes-cli-sync.c: sync, conflicts and resolve
 *
 * The token comes only from the RTES_FICHES_TOKEN environment variable: a
 * command-line argument would show in `ps` and in shell history. It is
 * handed to the site client and never printed, and only for a site given
 * with --site: the address the library remembers comes from a file anyone
 * with access to the library can edit, so it is good for pulling, but
 * publishing to it needs the person to name it again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <signal.h>

#include "rtes-cli.h"
#include "rtes-fiche-describe.h"
#include "rtes-fiche-json.h"
#include "rtes-review.h"
#include "rtes-review-overrides.h"
#include "rtes-site-client.h"
#include "rtes-sync.h"

#define TOKEN_VARIABLE "RTES_FICHES_TOKEN"

typedef struct {
  GMainLoop *loop;
  RtesSyncSummary *summary;
  GError *error;
} SyncRun;

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncRun *run = user_data;

  run->summary = rtes_sync_run_finish (RTES_SYNC (source), result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
progress_cb (RtesSync   *sync,
             double      fraction,
             const char *message,
             gpointer    user_data)
{
  int *last_tenth = user_data;
  int tenth = (int) (fraction * 10);

  /* The download reports every chunk: one line per tenth is enough. */
  if (tenth == *last_tenth)
    return;
  *last_tenth = tenth;
  g_printerr ("[%3d%%] %s\n", (int) (fraction * 100), message);
}

static gboolean
interrupt_cb (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
  return G_SOURCE_CONTINUE;
}

/* The address the library last synced with, if there is a usable one. */
static char *
stored_site (const char *library_path)
{
  g_autofree char *state_dir = rtes_sync_state_dir_for_library (library_path);
  g_autoptr(RtesSyncState) state = rtes_sync_state_load (state_dir, NULL);
  const char *site = state ? rtes_sync_state_get_site (state) : NULL;

  if (site == NULL || site[0] == '\0')
    return NULL;
  /* It is printed, and it came from a file: nothing that could drive the
   * terminal. */
  for (const char *p = site; *p; p++)
    if ((guchar) *p < 0x20 || (guchar) *p >= 0x7f)
      return NULL;
  return g_strdup (site);
}

/* --override-review: the person names each fiche to publish despite what
 * the review blocks in it; the decision is recorded in the library before
 * the sync runs (rtes-review-overrides.h). FALSE after printing why not. */
static gboolean
record_overrides (RtesLibrary  *library,
                  char        **ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesReviewOverrides) overrides = NULL;
  g_autofree char *user = rtes_review_overrides_user ();
  g_autofree char *where = NULL;

  if (ids == NULL)
    return TRUE;
  overrides = rtes_review_overrides_load (rtes_library_get_dir (library), &error);
  if (overrides == NULL)
    {
      rtes_cli_error ("%s", error->message);
      return FALSE;
    }
  where = rtes_library_dir_display (rtes_library_get_dir (library), RTES_REVIEW_OVERRIDES_PATH);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      RtesFiche *fiche = rtes_library_lookup (library, ids[i]);
      g_autoptr(GPtrArray) blocking = NULL;

      if (fiche == NULL || rtes_fiche_get_load_error (fiche) != NULL)
        {
          g_autofree char *escaped = rtes_cli_escape (ids[i], -1, RTES_CLI_ESCAPE_FIELD);

          rtes_cli_error (_("no fiche “%s” to publish in %s"), escaped, rtes_library_get_path (library));
          return FALSE;
        }
      blocking = rtes_review_blocking (fiche);
      if (blocking->len == 0)
        {
          g_printerr (_("%s: the review blocks nothing in it\n"), ids[i]);
          continue;
        }
      if (!rtes_review_overrides_add (overrides, ids[i], blocking, user, NULL, &error))
        {
          rtes_cli_error ("%s", error->message);
          return FALSE;
        }
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "%s: published despite %u finding of the review, on record in %s\n",
                               "%s: published despite %u findings of the review, on record in %s\n",
                               blocking->len),
                  ids[i], blocking->len, where);
    }
  return TRUE;
}

/* The window's words: one sentence, then what happened to each fiche,
 * by name. Errors also go to stderr, one line each. */
static int
print_summary (RtesSyncSummary *summary,
               gboolean         dry_run)
{
  g_autofree char *sentence = rtes_sync_summary_to_heading (summary);

  g_print ("%s\n", sentence);
  if (dry_run)
    g_print ("%s\n", _("Dry run: nothing was written or published."));
  for (guint i = 0; i < summary->fiches->len; i++)
    {
      RtesSyncFicheReport *report = g_ptr_array_index (summary->fiches, i);
      g_autofree char *what = rtes_sync_fiche_report_describe (report);
      g_autofree char *name = rtes_cli_escape (report->name, -1, RTES_CLI_ESCAPE_FIELD);
      g_autofree char *id = rtes_cli_escape (report->id, -1, RTES_CLI_ESCAPE_FIELD);
      g_autofree char *escaped = rtes_cli_escape (what, -1, RTES_CLI_ESCAPE_FIELD);

      /* Translators: one fiche in a sync's summary: "  Dijon (dijon): published" */
      g_print (_("  %s (%s): %s\n"), name, id, escaped);
    }
  for (guint i = 0; i < summary->messages->len; i++)
    rtes_cli_error ("%s", (const char *) g_ptr_array_index (summary->messages, i));
  if (summary->conflicts > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u conflict to resolve: run “rtes-fiches-cli conflicts”.\n",
                          "%u conflicts to resolve: run “rtes-fiches-cli conflicts”.\n",
                          summary->conflicts),
             summary->conflicts);

  if (summary->errors > 0)
    return RTES_EXIT_FAILURE;
  if (summary->conflicts > 0)
    return RTES_EXIT_CONFLICTS;
  return RTES_EXIT_OK;
}

int
rtes_cli_sync (RtesCliContext *ctx, int argc, char **argv)
{
  g_autofree char *site = NULL;
  gboolean publish = FALSE;
  gboolean dry_run = FALSE;
  gboolean allow_insecure = FALSE;
  g_auto(GStrv) override_review = NULL;
  const GOptionEntry entries[] = {
    { "site", 0, 0, G_OPTION_ARG_STRING, &site,
      N_("Address of the RTES site (default: the last one used, for pulling only)"), N_("URL") },
    { "publish", 0, 0, G_OPTION_ARG_NONE, &publish,
      N_("Publish fiches changed here (token in $RTES_FICHES_TOKEN)"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Show what would happen; write and publish nothing"), NULL },
    { "allow-insecure", 0, 0, G_OPTION_ARG_NONE, &allow_insecure,
      N_("Allow pulling over plain http from a remote site (never publishing there)"), NULL },
    { "override-review", 0, 0, G_OPTION_ARG_STRING_ARRAY, &override_review,
      N_("Publish fiche ID despite what the review blocks in it (recorded in the library)"), N_("ID") },
    { NULL }
  };
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(RtesSiteClient) client = NULL;
  g_autoptr(RtesSync) sync = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  SyncRun run = { 0 };
  RtesSyncFlags flags = RTES_SYNC_FLAGS_NONE;
  const char *token = g_getenv (TOKEN_VARIABLE);
  guint sigint;
  int status;
  int last_tenth = -1;

  if (!rtes_cli_parse ("sync", NULL,
                       _("Pull the site's fiches, merge them into the library field by "
                         "field and, for contacts and budget lines, item by item; with "
                         "--publish send the fiches changed here, except those the review "
                         "blocks (see “check”; --override-review ID publishes one all the same). "
                         "Exit status 3 means conflicts remain."),
                       entries, &argc, &argv))
    return RTES_EXIT_USAGE;
  if (argc > 1)
    return rtes_cli_fail (RTES_EXIT_USAGE,
                          _("“sync” takes no arguments (the token goes in $%s, never on the command line)"),
                          TOKEN_VARIABLE);
  if (publish && !dry_run && (token == NULL || token[0] == '\0'))
    return rtes_cli_fail (RTES_EXIT_USAGE,
                          _("--publish needs the token in the %s environment variable"), TOKEN_VARIABLE);
  if (override_review != NULL && (!publish || dry_run))
    return rtes_cli_fail (RTES_EXIT_USAGE,
                          _("--override-review records a decision to publish: it goes with --publish, "
                            "not with --dry-run"));
  /* The sync reads the files it needs itself; listing them all first
   * would be most of the time of a sync that finds nothing changed. Only
   * an override looks a fiche up. */
  library = rtes_cli_open_library (ctx, RTES_LIBRARY_OPEN_CREATE
                                        | (override_review == NULL ? RTES_LIBRARY_OPEN_UNLISTED : 0));
  if (library == NULL)
    return RTES_EXIT_FAILURE;
  if (site != NULL)
    address = g_strdup (site);
  else
    {
      address = stored_site (rtes_library_get_path (library));
      if (address == NULL)
        return rtes_cli_fail (RTES_EXIT_USAGE, _("no site address: give it with --site URL"));
      if (publish && !dry_run)
        return rtes_cli_fail (RTES_EXIT_USAGE,
                              _("this library last synced with %s, an address read from its sync "
                                "state; the token is only sent to a site named on the command line: "
                                "run again with --site %s if that is the right one"),
                              address, address);
      /* Translators: %s is the address of the site. */
      g_printerr (_("Site: %s (the one this library last synced with)\n"), address);
    }

  session = rtes_site_session_new ();
  client = rtes_site_client_new (session, address,
                                 allow_insecure ? RTES_SITE_CLIENT_ALLOW_INSECURE
                                                : RTES_SITE_CLIENT_FLAGS_NONE,
                                 &error);
  if (client == NULL)
    return rtes_cli_fail (RTES_EXIT_FAILURE, "%s", error->message);
  if (publish && !dry_run && !rtes_site_client_can_send_token (client))
    return rtes_cli_fail (RTES_EXIT_USAGE,
                          _("--allow-insecure allows pulling over plain http, never sending the "
                            "token: publish over https"));
  if (!record_overrides (library, override_review))
    return RTES_EXIT_FAILURE;
  /* Only for the site named here, and only when it is needed. */
  if (site != NULL && publish && !dry_run)
    rtes_site_client_set_token (client, token);

  if (publish)
    flags |= RTES_SYNC_FLAGS_PUBLISH;
  if (dry_run)
    flags |= RTES_SYNC_FLAGS_DRY_RUN;
  sync = rtes_sync_new (library, client);
  if (ctx->stdout_is_tty)
    g_signal_connect (sync, "progress", G_CALLBACK (progress_cb), &last_tenth);

  /* Ctrl-C cancels cleanly: the sync then changes nothing. */
  cancellable = g_cancellable_new ();
  sigint = g_unix_signal_add (SIGINT, interrupt_cb, cancellable);
  run.loop = g_main_loop_new (NULL, FALSE);
  rtes_sync_run_async (sync, flags, cancellable, sync_done_cb, &run);
  g_main_loop_run (run.loop);
  g_source_remove (sigint);
  g_main_loop_unref (run.loop);

  if (run.summary == NULL)
    {
      rtes_cli_error (_("sync failed, nothing was changed: %s"), run.error->message);
      g_clear_error (&run.error);
      return RTES_EXIT_FAILURE;
    }
  status = print_summary (run.summary, dry_run);
  rtes_sync_summary_free (run.summary);
  return status;
}

/* One value in words, as the window shows it; escaped for the terminal. */
static char *
value_text (const char *path,
            JsonNode   *value)
{
  g_autofree char *text = rtes_fiche_describe_value (path, value);

  return rtes_cli_escape (text, -1, RTES_CLI_ESCAPE_FIELD);
}

int
rtes_cli_conflicts (RtesCliContext *ctx, int argc, char **argv)
{
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(RtesSyncState) state = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state_dir = NULL;

  if (!rtes_cli_parse ("conflicts", NULL,
                       _("List the open sync conflicts: for each fiche and place (a field, "
                         "a contact or budget line, or one of its fields), the place in words, "
                         "the base value and the local and site values. Settle one with "
                         "“resolve”, giving the place as listed."),
                       NULL, &argc, &argv))
    return RTES_EXIT_USAGE;
  if (argc > 1)
    return rtes_cli_fail (RTES_EXIT_USAGE, _("“conflicts” takes no arguments"));
  library = rtes_cli_open_library (ctx, RTES_LIBRARY_OPEN_NONE);
  if (library == NULL)
    return RTES_EXIT_FAILURE;
  state_dir = rtes_sync_state_dir_for_library (rtes_library_get_path (library));
  state = rtes_sync_state_load (state_dir, &error);
  if (state == NULL)
    return rtes_cli_fail (RTES_EXIT_FAILURE, "%s", error->message);

  conflicts = rtes_sync_state_get_conflicts (state, NULL);
  for (guint i = 0; i < conflicts->len; i++)
    {
      RtesConflict *c = g_ptr_array_index (conflicts, i);
      RtesFiche *fiche = rtes_library_lookup (library, c->id);
      g_autoptr(JsonNode) document = fiche != NULL ? rtes_fiche_to_json (fiche) : NULL;
      g_autofree char *place = rtes_fiche_describe_place (c->path, FALSE, document, c->theirs);
      g_autofree char *escaped_place = rtes_cli_escape (place, -1, RTES_CLI_ESCAPE_FIELD);
      g_autofree char *base = value_text (c->path, c->base);
      g_autofree char *mine = value_text (c->path, c->mine);
      g_autofree char *theirs = value_text (c->path, c->theirs);
      g_autofree char *id = rtes_cli_escape (c->id, -1, RTES_CLI_ESCAPE_FIELD);
      g_autofree char *path = rtes_cli_escape (c->path, -1, RTES_CLI_ESCAPE_FIELD);

      /* The first line is what "resolve" takes; the rest is for people. */
      g_print ("%s\t%s\n", id, path);
      g_print ("  %s\n", escaped_place);
      /* A first sync has no earlier value: "before" would only say "absent". */
      if (c->kind != RTES_CONFLICT_BOTH_ADDED)
        /* Translators: keep the three labels the same width. */
        g_print (_("  base:  %s\n"), base);
      g_print (_("  mine:  %s\n"), mine);
      g_print (_("  site:  %s\n"), theirs);
    }
  if (conflicts->len == 0)
    g_print ("%s\n", _("No conflicts."));
  return RTES_EXIT_OK;
}

int
rtes_cli_resolve (RtesCliContext *ctx, int argc, char **argv)
{
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  RtesSyncResolution resolution;
  gboolean theirs;

  if (!rtes_cli_parse ("resolve", _("ID PATH mine|theirs"),
                       _("Settle one sync conflict: keep the local value (mine) or take "
                         "the site's (theirs). The next “sync --publish” sends the result."),
                       NULL, &argc, &argv))
    return RTES_EXIT_USAGE;
  if (argc != 4)
    return rtes_cli_fail (RTES_EXIT_USAGE,
                          _("“resolve” takes a fiche id, a place as “conflicts” lists it, and “mine” or “theirs”"));
  if (!rtes_cli_parse_side (argv[3], &theirs))
    return RTES_EXIT_USAGE;
  resolution = theirs ? RTES_SYNC_RESOLVE_THEIRS : RTES_SYNC_RESOLVE_MINE;

  library = rtes_cli_open_library (ctx, RTES_LIBRARY_OPEN_NONE);
  if (library == NULL)
    return RTES_EXIT_FAILURE;
  if (!rtes_sync_resolve (rtes_library_get_path (library), argv[1], argv[2], resolution, NULL, &error))
    return rtes_cli_fail (RTES_EXIT_FAILURE, "%s", error->message);
  return RTES_EXIT_OK;
}
