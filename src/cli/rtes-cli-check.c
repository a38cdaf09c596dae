/* rtes-cli-check.c: check — what to look at before publishing
 *
 * The Relecture of the window, for scripts and CI: every check of
 * docs/review.md on the library's fiches (or those named), in the form of
 * "validate" so that editors and CI read it the same way:
 *
 *   FILE:LINE:COL: SEVERITY: FIELD: KIND: MESSAGE « TEXT »
 *
 * LINE:COL point at the offending text inside the fiche's JSON file, not
 * just at its member. --json prints an array of objects instead. The exit
 * status is 1 while a finding that blocks publishing remains.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rtes-cli.h"
#include "rtes-fiche-path.h"
#include "rtes-json-reader.h"
#include "rtes-json-writer.h"
#include "rtes-link-checker.h"
#include "rtes-review-run.h"
#include "rtes-speller.h"
#include "rtes-text.h"
#include "rtes-word-list.h"

#define NNBSP "\xe2\x80\xaf"   /* U+202F NARROW NO-BREAK SPACE */

static const char *
severity_word (RtesFindingSeverity severity)
{
  switch (severity)
    {
    case RTES_FINDING_ERROR: return _("error");
    case RTES_FINDING_WARNING: return _("warning");
    case RTES_FINDING_NOTE:
    default: return _("note");
    }
}

/* ---- where a finding is in the file ---- */

/* The byte offset of @line:@column (1-based, columns in characters) in
 * @data, or -1. */
static gssize
offset_of (const char *data,
           gsize       size,
           guint       line,
           guint       column)
{
  const char *p = data;
  const char *end = data + size;

  for (guint l = 1; l < line; l++)
    {
      p = memchr (p, '\n', end - p);
      if (p == NULL)
        return -1;
      p++;
    }
  for (guint c = 1; c < column && p < end; c++)
    p = g_utf8_next_char (p);
  return p < end ? p - data : -1;
}

/* The characters of the JSON string literal at @quote (its opening '"')
 * that encode the first @bytes bytes of its value. */
static guint
characters_before (const char *quote,
                   const char *end,
                   gsize       bytes)
{
  const char *p = quote + 1;
  gsize decoded = 0;
  guint chars = 0;

  while (p < end && *p != '"' && decoded < bytes)
    {
      if (*p == '\\' && p + 1 < end)
        {
          if (p[1] == 'u' && p + 6 <= end)
            {
              gunichar u = 0;

              for (int i = 2; i < 6; i++)
                u = u * 16 + MAX (0, g_ascii_xdigit_value (p[i]));
              /* A surrogate pair is one character of the value. */
              if (u >= 0xD800 && u < 0xDC00 && p + 12 <= end && p[6] == '\\' && p[7] == 'u')
                {
                  decoded += 4;
                  chars += 12;
                  p += 12;
                }
              else
                {
                  decoded += g_unichar_to_utf8 (u, NULL);
                  chars += 6;
                  p += 6;
                }
            }
          else
            {
              decoded += 1;
              chars += 2;
              p += 2;
            }
        }
      else
        {
          const char *next = g_utf8_next_char (p);

          decoded += next - p;
          chars += 1;
          p = next;
        }
    }
  return chars;
}

typedef struct {
  GBytes *data;
  JsonNode *root;
  RtesJsonPositions *positions;
} FicheFile;

static void
fiche_file_free (FicheFile *file)
{
  g_clear_pointer (&file->data, g_bytes_unref);
  g_clear_pointer (&file->root, json_node_unref);
  g_clear_pointer (&file->positions, rtes_json_positions_free);
  g_free (file);
}

/* Where @finding is in its fiche's file: at its text inside the member's
 * string when it has a range, at the member otherwise (or at the closest
 * member above it that the file has), at 1:1 when all else fails. */
static void
locate (FicheFile   *file,
        RtesFinding *finding,
        guint       *line_out,
        guint       *column_out)
{
  g_autofree char *path = g_strdup (finding->field);
  JsonNode *node = NULL;
  guint line, column;

  *line_out = *column_out = 1;
  if (file == NULL || file->root == NULL)
    return;
  while (path[0] != '\0' && (node = rtes_fiche_path_get (file->root, path)) == NULL)
    {
      char *cut = strrchr (path, '.');
      char *bracket = strrchr (path, '[');

      cut = cut > bracket ? cut : bracket;
      if (cut == NULL)
        path[0] = '\0';
      else
        *cut = '\0';
    }
  if (node == NULL || !rtes_json_positions_find (file->positions, node, &line, &column))
    return;
  if (finding->start > 0 && g_str_equal (path, finding->field) && rtes_json_get_string (node) != NULL)
    {
      gsize size;
      const char *data = g_bytes_get_data (file->data, &size);
      gssize quote = offset_of (data, size, line, column);

      if (quote >= 0 && data[quote] == '"')
        column += 1 + characters_before (data + quote, data + size, finding->start);
    }
  *line_out = line;
  *column_out = column;
}

static FicheFile *
read_fiche_file (RtesLibrary *library,
                 const char  *id)
{
  FicheFile *file = g_new0 (FicheFile, 1);
  g_autofree char *name = g_strconcat (id, ".json", NULL);

  file->data = rtes_library_dir_read (rtes_library_get_dir (library), name, RTES_JSON_MAX_FICHE_SIZE, NULL);
  if (file->data != NULL)
    file->root = rtes_json_parse (g_bytes_get_data (file->data, NULL), g_bytes_get_size (file->data),
                                  RTES_JSON_FICHE, name, &file->positions, NULL);
  return file;
}

/* Each file read once, when its first finding is printed. */
static void
locate_in_library (RtesLibrary *library,
                   GHashTable  *files,
                   RtesFinding *finding,
                   guint       *line,
                   guint       *column)
{
  FicheFile *file = g_hash_table_lookup (files, finding->id);

  if (file == NULL)
    {
      file = read_fiche_file (library, finding->id);
      g_hash_table_insert (files, g_strdup (finding->id), file);
    }
  locate (file, finding, line, column);
}

static GHashTable *
new_file_cache (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) fiche_file_free);
}

/* ---- output ---- */

static void
print_text (RtesLibrary *library,
            GPtrArray   *findings)
{
  g_autoptr(GHashTable) files = new_file_cache ();

  for (guint i = 0; i < findings->len; i++)
    {
      RtesFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *path = rtes_library_get_fiche_path (library, finding->id);
      guint line_number, column;
      g_autofree char *text = rtes_cli_escape (finding->text, -1, RTES_CLI_ESCAPE_FIELD);
      g_autofree char *message = rtes_cli_escape (finding->message, -1, RTES_CLI_ESCAPE_FIELD);
      g_autoptr(GString) line = g_string_new (NULL);

      locate_in_library (library, files, finding, &line_number, &column);
      g_string_append_printf (line, "%s:%u:%u: %s: %s: %s: %s", path, line_number, column,
                              severity_word (finding->severity),
                              finding->field[0] != '\0' ? finding->field : "-",
                              rtes_finding_kind_to_string (finding->kind), message);
      if (finding->text[0] != '\0')
        g_string_append_printf (line, " «" NNBSP "%s" NNBSP "»", text);
      if (finding->suggestions[0] != NULL)
        {
          g_autofree char *joined = g_strjoinv (", ", finding->suggestions);
          g_autofree char *escaped = rtes_cli_escape (joined, -1, RTES_CLI_ESCAPE_FIELD);

          g_string_append_printf (line, " → %s", escaped);
        }
      g_print ("%s\n", line->str);
    }
}

static void
print_json (RtesLibrary *library,
            GPtrArray   *findings)
{
  g_autoptr(GHashTable) files = new_file_cache ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < findings->len; i++)
    {
      RtesFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *path = rtes_library_get_fiche_path (library, finding->id);
      guint line, column;

      locate_in_library (library, files, finding, &line, &column);
      json_builder_begin_object (builder);
      rtes_json_builder_add_string (builder, "id", finding->id);
      rtes_json_builder_add_string (builder, "file", path);
      rtes_json_builder_add_int (builder, "line", line);
      rtes_json_builder_add_int (builder, "column", column);
      rtes_json_builder_add_string (builder, "field", finding->field);
      rtes_json_builder_add_string (builder, "kind", rtes_finding_kind_to_string (finding->kind));
      rtes_json_builder_add_string (builder, "severity", rtes_finding_severity_to_string (finding->severity));
      json_builder_set_member_name (builder, "blocking");
      json_builder_add_boolean_value (builder, rtes_finding_is_blocking (finding));
      rtes_json_builder_add_string (builder, "text", finding->text);
      rtes_json_builder_add_int (builder, "start", finding->start);
      rtes_json_builder_add_int (builder, "end", finding->end);
      rtes_json_builder_add_string (builder, "message", finding->message);
      json_builder_set_member_name (builder, "suggestions");
      json_builder_begin_array (builder);
      for (guint s = 0; finding->suggestions[s] != NULL; s++)
        json_builder_add_string_value (builder, finding->suggestions[s]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "fix");
      if (finding->fix != NULL)
        json_builder_add_string_value (builder, finding->fix);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* ---- checking ---- */

/* Spelling suggestions, each word asked once (hunspell's French
 * suggestions are slow). */
static void
add_suggestions (RtesSpeller *speller,
                 GPtrArray   *findings)
{
  for (guint i = 0; i < findings->len; i++)
    {
      RtesFinding *finding = g_ptr_array_index (findings, i);

      if (finding->kind == RTES_FINDING_SPELLING && finding->suggestions[0] == NULL)
        rtes_finding_take_suggestions (finding, rtes_speller_suggest (speller, finding->text));
    }
}

static RtesSpeller *
open_speller (RtesLibrary *library,
              GPtrArray   *all)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesSpeller) speller = rtes_speller_new ("fr", &error);
  g_autoptr(RtesWordList) words = NULL;
  g_auto(GStrv) list = NULL;

  if (speller == NULL)
    {
      /* Translators: %s says why (no dictionary) */
      g_printerr (_("Spelling not checked: %s\n"), error->message);
      return NULL;
    }
  rtes_speller_learn_fiches (speller, all);
  words = rtes_word_list_load (rtes_library_get_dir (library), &error);
  if (words == NULL)
    {
      rtes_cli_error ("%s", error->message);
      return g_steal_pointer (&speller);
    }
  list = rtes_word_list_dup_words (words);
  rtes_speller_add_words (speller, (const char * const *) list);
  return g_steal_pointer (&speller);
}

typedef struct {
  GMainLoop *loop;
  guint pending;
  GPtrArray *findings;
} LinkRun;

static void
links_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  LinkRun *run = user_data;
  g_autoptr(GPtrArray) found = rtes_link_checker_review_finish (RTES_LINK_CHECKER (source), result, NULL);

  if (found != NULL)
    g_ptr_array_extend_and_steal (run->findings, g_steal_pointer (&found));
  if (--run->pending == 0)
    g_main_loop_quit (run->loop);
}

static void
check_links (GPtrArray *fiches,
             GPtrArray *findings)
{
  g_autofree char *user_agent = g_strdup_printf ("rtes-fiches-cli/%s", PACKAGE_VERSION);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("user-agent", user_agent, NULL);
  g_autoptr(RtesLinkChecker) checker = rtes_link_checker_new (session);
  LinkRun run = { g_main_loop_new (NULL, FALSE), 0, findings };

  for (guint i = 0; i < fiches->len; i++)
    {
      run.pending++;
      rtes_link_checker_review_async (checker, g_ptr_array_index (fiches, i), NULL, links_done_cb, &run);
    }
  if (run.pending > 0)
    g_main_loop_run (run.loop);
  g_main_loop_unref (run.loop);
  rtes_findings_sort (findings);
}

static int
add_words (RtesLibrary  *library,
           char        **words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesWordList) list = rtes_word_list_load (rtes_library_get_dir (library), &error);

  if (list == NULL)
    return rtes_cli_fail (RTES_EXIT_FAILURE, "%s", error->message);
  for (guint i = 0; words[i] != NULL; i++)
    if (!rtes_word_list_add (list, words[i], &error))
      return rtes_cli_fail (RTES_EXIT_FAILURE, "%s", error->message);
  return RTES_EXIT_OK;
}

/* The fiches named on the command line, or all of them. FALSE after
 * printing an unknown id. */
static gboolean
select_fiches (RtesLibrary  *library,
               int           argc,
               char        **argv,
               GPtrArray    *all,
               GPtrArray    *selected)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (library));

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (all, g_list_model_get_item (G_LIST_MODEL (library), i));
  if (argc <= 1)
    {
      for (guint i = 0; i < all->len; i++)
        g_ptr_array_add (selected, g_object_ref (all->pdata[i]));
      return TRUE;
    }
  for (int i = 1; i < argc; i++)
    {
      RtesFiche *fiche = rtes_id_is_valid (argv[i]) ? rtes_library_lookup (library, argv[i]) : NULL;

      if (fiche == NULL)
        {
          g_autofree char *escaped = rtes_cli_escape (argv[i], -1, RTES_CLI_ESCAPE_FIELD);

          rtes_cli_error (_("no fiche “%s” in %s"), escaped, rtes_library_get_path (library));
          return FALSE;
        }
      g_ptr_array_add (selected, g_object_ref (fiche));
    }
  return TRUE;
}

int
rtes_cli_check (RtesCliContext *ctx,
                int             argc,
                char          **argv)
{
  gboolean json = FALSE, links = FALSE, no_spelling = FALSE;
  g_auto(GStrv) new_words = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the findings as a JSON array"), NULL },
    { "links", 0, 0, G_OPTION_ARG_NONE, &links,
      N_("Also check that the links of the fiches' text answer (network)"), NULL },
    { "no-spelling", 0, 0, G_OPTION_ARG_NONE, &no_spelling,
      N_("Do not check the spelling"), NULL },
    { "add-word", 0, 0, G_OPTION_ARG_STRING_ARRAY, &new_words,
      N_("Add WORD to the library's dictionary, then check"), N_("WORD") },
    { NULL }
  };
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) selected = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(RtesSpeller) speller = NULL;
  guint blocking;
  int status = RTES_EXIT_OK;

  if (!rtes_cli_parse ("check", _("[ID…]"),
                       _("Review fiches before publishing (all of the library by default): "
                         "placeholders, spelling, typography, out-of-date values, missing parts, "
                         "contacts, duplicates and, with --links, links. Lines read "
                         "“file:line:column: severity: field: kind: message « text »”. The exit "
                         "status is 1 while a finding that blocks publishing remains "
                         "(a placeholder, an error)."),
                       entries, &argc, &argv))
    return RTES_EXIT_USAGE;
  library = rtes_cli_open_library (ctx, RTES_LIBRARY_OPEN_NONE);
  if (library == NULL)
    return RTES_EXIT_FAILURE;
  if (new_words != NULL && (status = add_words (library, new_words)) != RTES_EXIT_OK)
    return status;
  if (!select_fiches (library, argc, argv, all, selected))
    return RTES_EXIT_FAILURE;

  if (!no_spelling)
    speller = open_speller (library, all);
  findings = rtes_review_run (selected, all, speller, NULL);
  if (links)
    check_links (selected, findings);
  if (speller != NULL)
    add_suggestions (speller, findings);

  if (json)
    print_json (library, findings);
  else
    print_text (library, findings);

  blocking = rtes_findings_count_blocking (findings);
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u finding", "%u findings", findings->len), findings->len);
  g_printerr (", ");
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u blocks publishing\n", "%u block publishing\n", blocking),
              blocking);
  return blocking > 0 ? RTES_EXIT_FAILURE : RTES_EXIT_OK;
}
