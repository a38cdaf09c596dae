/* rtes-cli-model.c: list, show, new, validate, format and stats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-cli.h"
#include "rtes-commit-journal.h"
#include "rtes-fiche-json.h"
#include "rtes-library-index.h"
#include "rtes-history.h"
#include "rtes-safe-file.h"
#include "rtes-text.h"
#include "rtes-validation.h"
#include "rtes-vocabulary.h"

#include <fcntl.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

static const char *
or_dash (const char *value)
{
  return value != NULL && value[0] != '\0' ? value : "-";
}

/* ------------------------------------------------------------------ */
/* list                                                                */

/* One line of "list": id, kind, région, status, date, name; one line per
 * fiche whatever its values hold (a tab or a line break in a name must
 * not make a column or a line of its own). */
static void
append_line (GString    *out,
             const char *id,
             const char *kind,
             const char *region,
             const char *status,
             const char *updated,
             const char *name)
{
  const char *fields[] = { id, or_dash (kind), or_dash (region), status, or_dash (updated), name };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      rtes_cli_escape_append (out, fields[i], -1, RTES_CLI_ESCAPE_FIELD);
      g_string_append_c (out, i + 1 < G_N_ELEMENTS (fields) ? '\t' : '\n');
    }
}

static void
append_fiche (GString   *out,
              RtesFiche *fiche)
{
  const GError *broken = rtes_fiche_get_load_error (fiche);

  if (broken != NULL)
    append_line (out, rtes_fiche_get_id (fiche), NULL, NULL, "broken", NULL, broken->message);
  else
    append_line (out, rtes_fiche_get_id (fiche), rtes_fiche_get_kind (fiche),
                 rtes_fiche_get_region (fiche), rtes_fiche_get_status (fiche),
                 rtes_fiche_get_updated (fiche), rtes_fiche_get_name (fiche));
}

int
rtes_cli_list (RtesCliContext *ctx,
               int             argc,
               char          **argv)
{
  g_autoptr(RtesLibraryDir) dir = NULL;
  g_autoptr(RtesLibraryIndex) index = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = NULL;

  if (!rtes_cli_parse ("list", NULL,
                       _("One line per fiche, tab-separated: id, type, region, status, "
                         "last update, name. A fiche that cannot be read shows “broken” "
                         "and the reason."),
                       NULL, &argc, &argv))
    return RTES_EXIT_USAGE;
  if (argc > 1)
    return rtes_cli_fail (RTES_EXIT_USAGE, _("“list” takes no arguments"));
  /* Straight from the index: only the files it cannot vouch for are read,
   * and no fiche object is made for the others. */
  dir = rtes_library_dir_open (ctx->library_path, FALSE, &error);
  if (dir != NULL)
    {
      rtes_library_remove_temporaries (dir);
      index = rtes_library_index_open (dir, FALSE);
      files = rtes_library_index_list (index, dir, RTES_LIBRARY_INDEX_LIST_BRIEF, &error);
    }
  if (files == NULL)
    return rtes_cli_fail (RTES_EXIT_FAILURE, "%s", error->message);

  out = g_string_sized_new (files->len * 128);
  for (guint i = 0; i < files->len; i++)
    {
      RtesIndexedFile *file = g_ptr_array_index (files, i);
      RtesFicheSummary *s = file->summary;

      if (s != NULL)
        append_line (out, s->id, s->kind, s->region, s->status, s->updated, s->name);
      else
        append_fiche (out, file->fiche);
    }
  /* Every value is escaped already: 1 MB at 10,000 fiches is not copied
   * and scanned again by g_print(). */
  rtes_cli_print_escaped (out);
  return RTES_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* show                                                                */

/* The text of "show" is made whole and printed at once: one write, not
 * one for each line. */
static void
print_field (GString    *out,
             const char *label,
             const char *value)
{
  if (value != NULL && value[0] != '\0')
    g_string_append_printf (out, "%s: %s\n", label, value);
}

static void
print_number (GString    *out,
              const char *label,
              gint64      value)
{
  if (value != RTES_NO_NUMBER)
    g_string_append_printf (out, "%s: %" G_GINT64_FORMAT "\n", label, value);
}

static void
print_section (GString    *out,
               const char *heading,
               const char *text)
{
  if (rtes_text_is_blank (text))
    return;
  g_string_append_printf (out, "\n%s\n%s\n", heading, text);
}

static void
print_contacts (GString   *out,
                RtesFiche *fiche)
{
  GListModel *contacts = G_LIST_MODEL (rtes_fiche_get_contacts (fiche));

  if (g_list_model_get_n_items (contacts) == 0)
    return;
  g_string_append_printf (out, "\n%s\n", _("Contacts"));
  for (guint i = 0; i < g_list_model_get_n_items (contacts); i++)
    {
      g_autoptr(RtesContact) c = g_list_model_get_item (contacts, i);

      g_string_append_printf (out, "- %s: %s", rtes_contact_get_role (c), rtes_contact_get_name (c));
      if (rtes_contact_get_title (c)[0] != '\0')
        g_string_append_printf (out, ", %s", rtes_contact_get_title (c));
      if (rtes_contact_get_rtes_board (c))
        g_string_append_printf (out, " (%s)", _("RTES board member"));
      g_string_append_c (out, '\n');
    }
}

static void
print_budget_lines (GString   *out,
                    RtesFiche *fiche)
{
  GListModel *lines = G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche));

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(RtesBudgetLine) line = g_list_model_get_item (lines, i);
      int year = rtes_budget_line_get_year (line);

      g_string_append_printf (out, "- %.2f € %s", rtes_budget_line_get_amount (line),
                              or_dash (rtes_budget_line_get_section (line)));
      if (year != RTES_BUDGET_NO_YEAR)
        g_string_append_printf (out, " %d", year);
      if (rtes_budget_line_get_forecast (line))
        g_string_append_printf (out, " (%s)", _("forecast"));
      g_string_append_c (out, '\n');
    }
}

static void
print_fiche (RtesFiche *fiche)
{
  const RtesTerm *kind = rtes_kind_lookup (rtes_fiche_get_kind (fiche));
  g_autofree char *lines = g_strjoinv (", ", (char **) rtes_fiche_get_address_lines (fiche));
  g_autoptr(GString) out = g_string_sized_new (4096);

  g_string_append_printf (out, "%s\n", rtes_fiche_get_name (fiche));
  print_field (out, _("Identifier"), rtes_fiche_get_id (fiche));
  print_field (out, _("Status"), rtes_fiche_is_draft (fiche) ? _("Draft") : _("Published"));
  print_field (out, _("Type"), kind ? rtes_term_label (kind) : rtes_fiche_get_kind (fiche));
  print_field (out, _("Region"), rtes_fiche_get_region (fiche));
  print_number (out, _("Population"), rtes_fiche_get_population (fiche));
  print_field (out, _("Population note"), rtes_fiche_get_population_note (fiche));
  print_number (out, _("Member since"), rtes_fiche_get_member_since (fiche));
  print_field (out, _("Last update"), rtes_fiche_get_updated (fiche));
  print_field (out, _("Address"), lines);
  if (rtes_fiche_get_postcode (fiche)[0] || rtes_fiche_get_city (fiche)[0])
    g_string_append_printf (out, "%s: %s %s\n", _("City"), rtes_fiche_get_postcode (fiche),
                            rtes_fiche_get_city (fiche));
  print_section (out, _("Panorama"), rtes_fiche_get_panorama (fiche));
  print_section (out, _("Budget"), rtes_fiche_get_budget_text (fiche));
  print_budget_lines (out, fiche);
  print_section (out, _("Programme"), rtes_fiche_get_programme (fiche));
  print_section (out, _("Actions"), rtes_fiche_get_actions (fiche));
  print_contacts (out, fiche);
  g_print ("%s", out->str);
}

static void
print_fiche_as (RtesFiche *fiche,
                gboolean   json)
{
  if (json)
    {
      gsize length;
      g_autofree char *data = rtes_fiche_to_data (fiche, &length);

      /* Through the escaping handler like the rest: its escapes are
       * JSON's, so the document stays valid and means the same. */
      g_print ("%s", data);
    }
  else
    print_fiche (fiche);
}

/* show --at: the fiche as its history has it, a deleted one too, so the
 * whole library is opened rather than one file read. */
static int
show_at (RtesCliContext *ctx,
         const char     *id,
         const char     *at,
         gboolean        json)
{
  g_autoptr(RtesLibrary) library = rtes_cli_open_library (ctx, RTES_LIBRARY_OPEN_NONE);
  g_autoptr(RtesFiche) past = NULL;

  if (library == NULL)
    return RTES_EXIT_FAILURE;
  past = rtes_cli_history_fiche_at (library, id, at);
  if (past == NULL)
    return RTES_EXIT_FAILURE;
  print_fiche_as (past, json);
  return RTES_EXIT_OK;
}

int
rtes_cli_show (RtesCliContext *ctx,
               int             argc,
               char          **argv)
{
  gboolean json = FALSE;
  g_autofree char *at = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the document in canonical JSON"), NULL },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at,
      N_("The fiche as it was in this revision of its history (see “history”)"), N_("REV") },
    { NULL }
  };
  g_autoptr(RtesFiche) fiche = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *library_path = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  int fd;

  if (!rtes_cli_parse ("show", _("ID"), _("Show one fiche."), entries, &argc, &argv))
    return RTES_EXIT_USAGE;
  if (argc != 2)
    return rtes_cli_fail (RTES_EXIT_USAGE, _("“show” takes one fiche identifier"));
  if (at != NULL)
    return show_at (ctx, argv[1], at, json);
  /* One file read, as the library would read it: nothing else is opened. */
  library_path = g_canonicalize_filename (ctx->library_path, NULL);
  fd = rtes_safe_dir_open (library_path, NULL, &error);
  if (fd < 0)
    {
      g_autoptr(RtesLibraryDir) dir = rtes_library_dir_open (ctx->library_path, FALSE, NULL);
      g_autoptr(GError) open_error = NULL;

      /* The library's own message for a missing or unreadable folder. */
      if (dir == NULL)
        rtes_library_dir_open (ctx->library_path, FALSE, &open_error);
      rtes_cli_error ("%s", open_error != NULL ? open_error->message : error->message);
      return RTES_EXIT_FAILURE;
    }
  if (rtes_id_is_valid (argv[1]))
    {
      struct stat st;

      name = g_strconcat (argv[1], ".json", NULL);
      path = rtes_id_build_path (library_path, argv[1]);
      /* Listed, as the library lists files: a name that is there, link or not. */
      if (fstatat (fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
        fiche = rtes_fiche_load_at (fd, name, path, NULL, &error);
      else
        g_clear_pointer (&path, g_free);
    }
  close (fd);
  if (path == NULL)
    return rtes_cli_fail (RTES_EXIT_FAILURE, _("no fiche “%s” in %s"), argv[1], library_path);
  if (fiche == NULL)
    return rtes_cli_fail (RTES_EXIT_FAILURE, "%s", error->message);
  print_fiche_as (fiche, json);
  return RTES_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* new                                                                 */

int
rtes_cli_new (RtesCliContext *ctx,
              int             argc,
              char          **argv)
{
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  RtesFiche *fiche;

  if (!rtes_cli_parse ("new", _("NAME"),
                       _("Create a draft fiche named NAME; its identifier is made from the name."),
                       NULL, &argc, &argv))
    return RTES_EXIT_USAGE;
  if (argc != 2)
    return rtes_cli_fail (RTES_EXIT_USAGE, _("“new” takes one name (quote it if it has spaces)"));
  library = rtes_cli_open_library (ctx, RTES_LIBRARY_OPEN_CREATE);
  if (library == NULL)
    return RTES_EXIT_FAILURE;
  fiche = rtes_library_create (library, argv[1], &error);
  if (fiche == NULL)
    return rtes_cli_fail (RTES_EXIT_FAILURE, "%s", error->message);
  path = rtes_library_get_fiche_path (library, rtes_fiche_get_id (fiche));
  g_print (_("Created %s (%s)\n"), rtes_fiche_get_id (fiche), path);
  return RTES_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* validate                                                            */

typedef struct {
  gboolean show_missing;
  guint    errors;
  guint    warnings;
} ValidateState;

static const char *
severity_word (RtesIssueSeverity severity)
{
  switch (severity)
    {
    case RTES_ISSUE_ERROR: return _("error");
    case RTES_ISSUE_WARNING: return _("warning");
    case RTES_ISSUE_MISSING: return _("missing");
    default: return "";
    }
}

/* Reads @path as rtes_fiche_load() does, once, keeping the parsed
 * document's positions so that each issue can say file:line:col. */
static RtesFiche *
read_fiche_file (const char         *path,
                 JsonNode          **root,
                 RtesJsonPositions **positions,
                 GError            **error)
{
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  g_autoptr(RtesFiche) fiche = NULL;

  data = rtes_safe_file_read_path (path, RTES_JSON_MAX_FICHE_SIZE, &local_error);
  if (data == NULL)
    {
      g_set_error_literal (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_IO, local_error->message);
      return NULL;
    }
  *root = rtes_json_parse (g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                           RTES_JSON_FICHE, path, positions, &local_error);
  if (*root == NULL)
    {
      g_set_error_literal (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_PARSE, local_error->message);
      return NULL;
    }
  fiche = rtes_fiche_new_from_json (*root, path, *positions, error);
  if (fiche == NULL)
    return NULL;
  if (g_str_has_suffix (basename, ".json"))
    {
      basename[strlen (basename) - strlen (".json")] = '\0';
      if (g_strcmp0 (basename, rtes_fiche_get_id (fiche)) != 0)
        {
          g_set_error (error, RTES_FICHE_ERROR, RTES_FICHE_ERROR_INVALID_ID,
                       _("%s: id \"%s\" does not match the file name (expected \"%s\")"),
                       path, rtes_fiche_get_id (fiche), basename);
          return NULL;
        }
    }
  return g_steal_pointer (&fiche);
}

static void
validate_file (const char    *path,
               ValidateState *state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesJsonPositions) positions = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(RtesFiche) fiche = NULL;
  g_autoptr(GPtrArray) issues = NULL;

  g_autofree char *absolute = g_canonicalize_filename (path, NULL);

  /* Messages of a file that does not load name it as the library does. */
  fiche = read_fiche_file (absolute, &root, &positions, &error);
  if (fiche == NULL)
    {
      g_print ("%s\n", error->message);
      state->errors++;
      return;
    }

  issues = rtes_fiche_validate (fiche, NULL);
  for (guint i = 0; i < issues->len; i++)
    {
      RtesIssue *issue = issues->pdata[i];
      g_autofree char *where = rtes_json_positions_lookup (positions, root, issue->field);

      if (issue->severity == RTES_ISSUE_MISSING && !state->show_missing)
        continue;
      if (issue->severity == RTES_ISSUE_ERROR)
        state->errors++;
      else if (issue->severity == RTES_ISSUE_WARNING)
        state->warnings++;
      g_print ("%s:%s: %s: %s: %s\n", path, where ? where : "1:1",
               severity_word (issue->severity), issue->field, issue->message);
    }
}

static char *
resolve_target (RtesCliContext *ctx,
                const char     *arg)
{
  if (strchr (arg, '/') != NULL || g_str_has_suffix (arg, ".json"))
    return g_strdup (arg);
  if (!rtes_id_is_valid (arg))
    return NULL;
  return rtes_id_build_path (ctx->library_path, arg);
}

/* The files of every fiche in the library, in the library's order. Not
 * loaded: the command reads each file itself, once. */
static GPtrArray *
library_fiche_paths (RtesCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = rtes_library_list_ids (ctx->library_path, &error);
  g_autofree char *dir = NULL;
  GPtrArray *paths;

  if (ids == NULL)
    {
      rtes_cli_error ("%s", error->message);
      return NULL;
    }
  dir = g_canonicalize_filename (ctx->library_path, NULL);
  paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (paths, rtes_id_build_path (dir, ids[i]));
  return paths;
}

int
rtes_cli_validate (RtesCliContext *ctx,
                   int             argc,
                   char          **argv)
{
  ValidateState state = { FALSE, 0, 0 };
  const GOptionEntry entries[] = {
    { "missing", 'm', 0, G_OPTION_ARG_NONE, &state.show_missing,
      N_("Also list what a complete fiche would have"), NULL },
    { NULL }
  };

  if (!rtes_cli_parse ("validate", _("[ID|FILE…]"),
                       _("Check fiches (all of the library by default). Messages read "
                         "“file:line:column: severity: field: message”. The exit status is 1 "
                         "when a fiche cannot be read or has an error."),
                       entries, &argc, &argv))
    return RTES_EXIT_USAGE;

  if (argc > 1)
    {
      for (int i = 1; i < argc; i++)
        {
          g_autofree char *path = resolve_target (ctx, argv[i]);

          if (path == NULL)
            {
              g_print (_("%s: not a fiche identifier or a file\n"), argv[i]);
              state.errors++;
              continue;
            }
          validate_file (path, &state);
        }
    }
  else
    {
      g_autoptr(GPtrArray) paths = library_fiche_paths (ctx);

      if (paths == NULL)
        return RTES_EXIT_FAILURE;
      for (guint i = 0; i < paths->len; i++)
        validate_file (paths->pdata[i], &state);
    }

  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", state.errors), state.errors);
  g_printerr (", ");
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u warning\n", "%u warnings\n", state.warnings),
              state.warnings);
  return state.errors > 0 ? RTES_EXIT_FAILURE : RTES_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* format                                                              */

/* Rewrites fiche @id in canonical form; TRUE if it was already or now
 * is. The file is read and written through @dir: a fiche file that is a
 * link is refused, never replaced by a copy. */
static gboolean
format_fiche (RtesLibraryDir *dir,
              RtesHistory    *history,
              const char     *id,
              guint          *rewritten)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autofree char *path = rtes_library_dir_display (dir, name);
  gboolean changed = FALSE;

  if (!rtes_library_format_file (dir, history, id, &changed, &error))
    {
      /* A newer or broken file is reported and left exactly as it is. */
      rtes_cli_error ("%s", error->message);
      return FALSE;
    }
  if (changed)
    {
      g_print (_("Formatted %s\n"), path);
      (*rewritten)++;
    }
  return TRUE;
}

/* Whether the file of @id is byte for byte its canonical form (or
 * cannot be read: then format reports it, and writes nothing). */
static gboolean
fiche_is_canonical (RtesLibraryDir *dir,
                    const char     *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autoptr(GBytes) data = rtes_library_dir_read (dir, name, RTES_JSON_MAX_FICHE_SIZE, NULL);
  g_autoptr(RtesFiche) fiche = NULL;
  g_autofree char *canonical = NULL;
  gsize length;

  if (data == NULL)
    return TRUE;
  fiche = rtes_fiche_new_from_data (g_bytes_get_data (data, NULL), g_bytes_get_size (data), name, NULL);
  if (fiche == NULL)
    return TRUE;
  canonical = rtes_fiche_to_data (fiche, &length);
  return length == g_bytes_get_size (data) && memcmp (canonical, g_bytes_get_data (data, NULL), length) == 0;
}

/* The id of the fiche @arg names: an id, or the path of a fiche file of
 * the library. Files elsewhere are never rewritten: *@outside is set and
 * the refusal printed. */
static char *
format_target (RtesLibraryDir *dir,
               const char     *arg,
               gboolean       *outside)
{
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *real_folder = NULL;
  g_autofree char *real_library = NULL;

  *outside = FALSE;
  if (strchr (arg, '/') == NULL && !g_str_has_suffix (arg, ".json"))
    return rtes_id_is_valid (arg) ? g_strdup (arg) : NULL;
  folder = g_path_get_dirname (arg);
  name = g_path_get_basename (arg);
  real_folder = realpath (folder, NULL);
  real_library = realpath (rtes_library_dir_get_path (dir), NULL);
  if (real_folder == NULL || real_library == NULL || !g_str_equal (real_folder, real_library))
    {
      rtes_cli_error (_("%s is not a fiche of the library %s: “format” only rewrites the "
                        "library's own files"), arg, rtes_library_dir_get_path (dir));
      *outside = TRUE;
      return NULL;
    }
  return rtes_id_from_filename (name);
}

int
rtes_cli_format (RtesCliContext *ctx,
                 int             argc,
                 char          **argv)
{
  g_autoptr(RtesLibraryDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) all = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(RtesHistory) history = NULL;
  gboolean history_failed = FALSE;
  guint rewritten = 0, failed = 0;

  if (!rtes_cli_parse ("format", _("[ID…]"),
                       _("Rewrite fiches (all of the library by default) in canonical form. "
                         "Canonical files are not touched; files from a newer version are "
                         "refused and left as they are."),
                       NULL, &argc, &argv))
    return RTES_EXIT_USAGE;
  /* Listed even when fiches are named: a library that cannot be read
   * fails the command either way. */
  dir = rtes_library_dir_open (ctx->library_path, FALSE, &error);
  if (dir != NULL)
    all = rtes_library_list_ids (ctx->library_path, &error);
  /* Writing: what an interrupted sync left is settled first (as
   * rtes_library_settle_interrupted_sync() does: not through a linked
   * .rtes-fiches, which fiche files are not in). */
  if (all == NULL
      || (!rtes_commit_journal_settle (dir, NULL, &error)
          && !g_error_matches (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH)))
    return rtes_cli_fail (RTES_EXIT_FAILURE, "%s", error->message);
  g_clear_error (&error);
  rtes_library_dir_remove_temporaries (dir, NULL);

  if (argc > 1)
    for (int i = 1; i < argc; i++)
      {
        gboolean outside;
        g_autofree char *id = format_target (dir, argv[i], &outside);

        if (id == NULL || !g_strv_contains ((const char * const *) all, id))
          {
            if (!outside)
              rtes_cli_error (_("no fiche “%s” in %s"), argv[i], rtes_library_dir_get_path (dir));
            failed++;
            continue;
          }
        g_ptr_array_add (ids, g_steal_pointer (&id));
      }
  else
    for (guint i = 0; all[i] != NULL; i++)
      g_ptr_array_add (ids, g_strdup (all[i]));

  for (guint i = 0; i < ids->len; i++)
    {
      /* The history is opened by the first file to rewrite: a library
       * already canonical is not written to at all. */
      if (history == NULL && !history_failed && !fiche_is_canonical (dir, ids->pdata[i]))
        {
          g_autoptr(GError) history_error = NULL;

          history = rtes_history_open (ctx->library_path, &history_error);
          history_failed = history == NULL;
          if (history_failed)
            g_printerr (_("%s: warning: %s\n"), g_get_prgname (), history_error->message);
        }
      if (!format_fiche (dir, history, ids->pdata[i], &rewritten))
        failed++;
    }
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u file rewritten", "%u files rewritten", rewritten),
              rewritten);
  g_printerr (", ");
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u failed\n", "%u failed\n", failed), failed);
  return failed > 0 ? RTES_EXIT_FAILURE : RTES_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* stats                                                               */

static void
count (GHashTable *table,
       const char *key)
{
  gpointer value = g_hash_table_lookup (table, key);

  g_hash_table_insert (table, g_strdup (key), GUINT_TO_POINTER (GPOINTER_TO_UINT (value) + 1));
}

static void
print_counts (const char *heading,
              GHashTable *table)
{
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (table), (GCompareFunc) g_utf8_collate);

  g_print ("%s\n", heading);
  for (GList *l = keys; l != NULL; l = l->next)
    g_print ("  %-40s %u\n", (const char *) l->data,
             GPOINTER_TO_UINT (g_hash_table_lookup (table, l->data)));
}

/* TRUE when @updated is missing or more than two years before @now. */
static gboolean
is_stale (const char *updated,
          GDateTime  *now)
{
  g_autoptr(GDateTime) limit = g_date_time_add_years (now, -2);
  g_autofree char *limit_text = g_date_time_format (limit, "%Y-%m-%d");

  /* ISO dates compare as strings. */
  return updated == NULL || strcmp (updated, limit_text) < 0;
}

static const char *
kind_label (RtesFiche *fiche)
{
  const char *kind = rtes_fiche_get_kind (fiche);
  const RtesTerm *term = rtes_kind_lookup (kind);

  if (term != NULL)
    return rtes_term_label (term);
  return kind ? kind : _("(not set)");
}

int
rtes_cli_stats (RtesCliContext *ctx,
                int             argc,
                char          **argv)
{
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(GHashTable) kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) drafts = g_ptr_array_new ();
  g_autoptr(GPtrArray) stale = g_ptr_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  guint n, broken = 0;
  gboolean json = FALSE;
  g_autofree char *svg_dir = NULL;
  g_autofree char *png_dir = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print every figure of the overview as JSON"), NULL },
    { "svg", 0, 0, G_OPTION_ARG_FILENAME, &svg_dir,
      N_("Write the map and the charts as SVG files into DIR"), N_("DIR") },
    { "png", 0, 0, G_OPTION_ARG_FILENAME, &png_dir,
      N_("Write the map and the charts as PNG images into DIR"), N_("DIR") },
    { NULL }
  };

  if (!rtes_cli_parse ("stats", NULL,
                       _("Count fiches by type, region and status; list drafts and fiches "
                         "not updated for more than two years."),
                       entries, &argc, &argv))
    return RTES_EXIT_USAGE;
  /* The charts are drawn by the program that links cairo. */
  if ((svg_dir != NULL || png_dir != NULL) && ctx->write_charts == NULL)
    return rtes_cli_hand_over (ctx);
  library = rtes_cli_open_library (ctx, RTES_LIBRARY_OPEN_NONE);
  if (library == NULL)
    return RTES_EXIT_FAILURE;
  if (json || svg_dir != NULL || png_dir != NULL)
    {
      RtesCliStatsOptions options = { json, svg_dir, png_dir };

      return rtes_cli_stats_export (ctx, library, &options);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (library));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RtesFiche) fiche = g_list_model_get_item (G_LIST_MODEL (library), i);
      const char *region = rtes_fiche_get_region (fiche);

      if (rtes_fiche_get_load_error (fiche) != NULL)
        {
          broken++;
          continue;
        }
      count (kinds, kind_label (fiche));
      count (regions, region ? region : _("(not set)"));
      count (statuses, rtes_fiche_is_draft (fiche) ? _("Draft") : _("Published"));
      if (rtes_fiche_is_draft (fiche))
        g_ptr_array_add (drafts, fiche);
      if (is_stale (rtes_fiche_get_updated (fiche), now))
        g_ptr_array_add (stale, fiche);
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "%u fiche", "%u fiches", n), n);
  if (broken > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, " (%u cannot be read)", " (%u cannot be read)", broken), broken);
  g_print ("\n\n");
  print_counts (_("By type:"), kinds);
  print_counts (_("By region:"), regions);
  print_counts (_("By status:"), statuses);
  g_print ("%s %u\n", _("Drafts:"), drafts->len);
  for (guint i = 0; i < drafts->len; i++)
    g_print ("  %s\n", rtes_fiche_get_id (drafts->pdata[i]));
  g_print ("%s %u\n", _("Not updated for more than two years:"), stale->len);
  for (guint i = 0; i < stale->len; i++)
    g_print ("  %s (%s)\n", rtes_fiche_get_id (stale->pdata[i]),
             or_dash (rtes_fiche_get_updated (stale->pdata[i])));
  return RTES_EXIT_OK;
}
