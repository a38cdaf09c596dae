/* rtes-cli-export.c: "rtes-fiches-cli export", fiches to HTML, PDF or vCard
 *
 *   export --html DIR [--all | --region R | --kind K | ID…]
 *   export --pdf FILE [--title T] [--all | --region R | --kind K | ID…]
 *   export --vcard FILE [--all | --region R | --kind K | ID…]
 *
 * The selection is explicit: naming no fiche and no filter is a usage
 * error rather than a silent export of the whole library. Several fiches
 * in a PDF make a booklet (cover, contents, bookmarks).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rtes-cli.h"
#include "rtes-export.h"
#include "rtes-html-export.h"
#include "rtes-pdf-document.h"
#include "rtes-text.h"
#include "rtes-vcard.h"
#include "rtes-vocabulary.h"

typedef struct {
  gboolean shown;   /* a progress line is on the terminal */
} Progress;

/* One line rewritten in place on a terminal; nothing when piped, so logs
 * and scripts get only the final message. */
static void
show_progress (guint       done,
               guint       total,
               const char *fiche_name,
               gpointer    user_data)
{
  Progress *progress = user_data;

  if (fiche_name == NULL)
    return;
  /* Clear to the end of the line: names have different lengths. */
  rtes_cli_terminal_control ("\r\033[K");
  g_printerr (_("Rendering %u/%u: %s"), done, total, fiche_name);
  progress->shown = TRUE;
}

static void
end_progress (Progress *progress)
{
  if (progress->shown)
    rtes_cli_terminal_control ("\r\033[K");
}

static char *
fold_name (const char *name)
{
  char *folded = rtes_text_fold (name);

  g_strdelimit (folded, "-", ' ');
  return g_strstrip (folded);
}

/* The vocabulary term whose id or French label matches @value ignoring
 * case, accents and dashes, or NULL. */
static const RtesTerm *
match_term (const RtesTerm *terms,
            const char     *value)
{
  g_autofree char *wanted = fold_name (value);
  guint i;

  for (i = 0; terms[i].id != NULL; i++)
    {
      g_autofree char *id = fold_name (terms[i].id);
      g_autofree char *label = fold_name (terms[i].label_fr);

      if (g_strcmp0 (id, wanted) == 0 || g_strcmp0 (label, wanted) == 0)
        return &terms[i];
    }
  return NULL;
}

static void
print_terms (const RtesTerm *terms)
{
  guint i;

  for (i = 0; terms[i].id != NULL; i++)
    g_printerr ("  %s\n", terms[i].label_fr);
}

/* An export of everything is everything that loads; the files that do
 * not are named, so that nothing is left out silently. */
static void
warn_broken (RtesLibrary *library)
{
  GListModel *model = G_LIST_MODEL (library);
  guint n = g_list_model_get_n_items (model);
  guint i;

  for (i = 0; i < n; i++)
    {
      g_autoptr(RtesFiche) fiche = g_list_model_get_item (model, i);
      const GError *error = rtes_fiche_get_load_error (fiche);

      if (error != NULL)
        g_printerr (_("warning: %s is left out: %s\n"), rtes_fiche_get_id (fiche), error->message);
    }
}

/* The contacts of the fiches, one card each (rtes-vcard.h). */
static int
export_vcard (GPtrArray  *fiches,
              const char *path)
{
  g_autoptr(GError) error = NULL;
  guint cards = 0;

  if (!rtes_vcard_write (fiches, path, &cards, &error))
    return rtes_cli_fail (RTES_EXIT_FAILURE, "%s", error->message);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u contact to %s\n",
                        "Exported %u contacts to %s\n", cards),
           cards, path);
  return RTES_EXIT_OK;
}

static int
export_selection (RtesCliContext *ctx,
                  GPtrArray      *fiches,
                  const char     *html_dir,
                  const char     *pdf_path,
                  const char     *title)
{
  g_autoptr(GError) error = NULL;
  Progress progress = { 0 };
  RtesExportProgressFunc progress_func = ctx->stdout_is_tty ? show_progress : NULL;
  gboolean ok;

  if (html_dir != NULL)
    ok = rtes_html_export (fiches, html_dir, progress_func, &progress, NULL, &error);
  else
    {
      g_autoptr(RtesPdfDocument) doc =
        rtes_pdf_document_new (fiches, fiches->len > 1 ? RTES_PDF_DOCUMENT_BOOKLET
                                                       : RTES_PDF_DOCUMENT_DEFAULT);

      if (title != NULL)
        rtes_pdf_document_set_title (doc, title);
      ok = rtes_pdf_document_write (doc, pdf_path, progress_func, &progress, NULL, &error);
    }
  end_progress (&progress);

  if (!ok)
    return rtes_cli_fail (RTES_EXIT_FAILURE, "%s", error->message);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u fiche to %s\n",
                        "Exported %u fiches to %s\n", fiches->len),
           fiches->len, html_dir != NULL ? html_dir : pdf_path);
  return RTES_EXIT_OK;
}

int
rtes_cli_export (RtesCliContext *ctx,
                 int             argc,
                 char          **argv)
{
  g_autofree char *html_dir = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *vcard_path = NULL;
  g_autofree char *region = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *title = NULL;
  g_auto(GStrv) ids = NULL;
  gboolean all = FALSE;
  const GOptionEntry entries[] = {
    { "html", 0, 0, G_OPTION_ARG_FILENAME, &html_dir,
      N_("Write a folder of HTML pages with an index"), N_("DIR") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf_path,
      N_("Write a PDF (a booklet when there are several fiches)"), N_("FILE") },
    { "vcard", 0, 0, G_OPTION_ARG_FILENAME, &vcard_path,
      N_("Write the fiches' contacts as vCard 4.0 (one card per contact)"), N_("FILE") },
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all,
      N_("Export every fiche of the library"), NULL },
    { "region", 'r', 0, G_OPTION_ARG_STRING, &region,
      N_("Only the fiches of this région"), N_("REGION") },
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind,
      N_("Only the fiches of this kind of collectivity"), N_("KIND") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title,
      N_("Title of the PDF booklet"), N_("TITLE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &ids, NULL, NULL },
    { NULL }
  };
  const RtesTerm *region_term = NULL;
  const RtesTerm *kind_term = NULL;
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(GPtrArray) fiches = NULL;
  g_autoptr(GError) error = NULL;

  if (!rtes_cli_parse ("export", _("--html DIR | --pdf FILE | --vcard FILE [--all | ID…]"),
                       _("Exports fiches as HTML pages or as a PDF, or their contacts as vCards, in French."),
                       entries, &argc, &argv))
    return RTES_EXIT_USAGE;

  if ((html_dir != NULL) + (pdf_path != NULL) + (vcard_path != NULL) != 1)
    return rtes_cli_fail (RTES_EXIT_USAGE, _("give one of --html DIR, --pdf FILE or --vcard FILE"));
  if (title != NULL && pdf_path == NULL)
    return rtes_cli_fail (RTES_EXIT_USAGE, _("--title applies to --pdf only"));
  if (all && ids != NULL)
    return rtes_cli_fail (RTES_EXIT_USAGE, _("--all and fiche ids exclude each other"));
  if (!all && ids == NULL && region == NULL && kind == NULL)
    return rtes_cli_fail (RTES_EXIT_USAGE,
                          _("name the fiches to export, or use --all, --region or --kind"));

  /* Check filters against the vocabulary, so that a typo is not an
   * empty export. */
  if (region != NULL && (region_term = match_term (rtes_regions (), region)) == NULL)
    {
      rtes_cli_error (_("unknown région “%s”; the régions are:"), region);
      print_terms (rtes_regions ());
      return RTES_EXIT_USAGE;
    }
  if (kind != NULL && (kind_term = match_term (rtes_kinds (), kind)) == NULL)
    {
      rtes_cli_error (_("unknown kind “%s”; the kinds are:"), kind);
      print_terms (rtes_kinds ());
      return RTES_EXIT_USAGE;
    }

  library = rtes_cli_open_library (ctx, RTES_LIBRARY_OPEN_NONE);
  if (library == NULL)
    return RTES_EXIT_FAILURE;

  fiches = rtes_export_select (library, (const char * const *) ids,
                               region_term != NULL ? region_term->id : NULL,
                               kind_term != NULL ? kind_term->id : NULL, &error);
  if (fiches == NULL)
    return rtes_cli_fail (RTES_EXIT_FAILURE, "%s", error->message);
  if (ids == NULL)
    warn_broken (library);
  if (fiches->len == 0)
    return rtes_cli_fail (RTES_EXIT_FAILURE,
                          _("no fiche of %s matches the selection"), rtes_library_get_path (library));

  if (vcard_path != NULL)
    return export_vcard (fiches, vcard_path);
  return export_selection (ctx, fiches, html_dir, pdf_path, title);
}
