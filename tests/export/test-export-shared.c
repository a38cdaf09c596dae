/* test-export-shared.c: the real site export, imported then exported
 *
 * The six fiches of ../shared/site-export/bourgogne-franche-comte.txt go
 * through the importer into a fresh library, then out as HTML pages and a
 * PDF booklet. Every value the importer placed must come out. Skipped
 * when the shared folder is absent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "export-check.h"
#include "rtes-fiche-text.h"
#include "rtes-html-export.h"
#include "rtes-import-test-util.h"
#include "rtes-pdf-document.h"
#include "rtes-test-util.h"
#include "rtes-text.h"

typedef struct {
  char        *tmp;
  RtesLibrary *library;
  GPtrArray   *fiches;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *export = rtes_test_shared_export ("bourgogne-franche-comte.txt");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (export == NULL)
    return;

  fixture->tmp = rtes_test_make_tmpdir ("export-shared");
  path = g_build_filename (fixture->tmp, "library", NULL);
  fixture->library = rtes_library_open (path, &error);
  g_assert_no_error (error);
  import_test_import (fixture->library, export);

  fixture->fiches = rtes_export_select (fixture->library, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->fiches->len, ==, 6);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->tmp != NULL)
    rtes_test_remove_tree (fixture->tmp);
  g_free (fixture->tmp);
  g_clear_pointer (&fixture->fiches, g_ptr_array_unref);
  g_clear_object (&fixture->library);
}

/* White space of any kind as one space, so that text can be compared
 * whatever line breaks a renderer chose. */
static char *
squeeze (const char *text)
{
  g_autofree char *clean = rtes_text_sanitize (text);
  GString *out = g_string_new (NULL);
  const char *p;
  gboolean space = FALSE;

  for (p = clean; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00a0 || c == 0x202f)
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, c);
        }
    }
  return g_string_free (out, FALSE);
}

/* The first words of each paragraph and list item of @text: short enough
 * never to be cut by a page break or a hyphen. */
static void
collect_openings (GPtrArray *blocks,
                  GPtrArray *out)
{
  guint i, j;

  for (i = 0; i < blocks->len; i++)
    {
      RtesTextBlock *block = g_ptr_array_index (blocks, i);
      GPtrArray *spans_list[64];
      guint n = 0;

      if (block->type == RTES_TEXT_BLOCK_PARAGRAPH)
        spans_list[n++] = block->spans;
      else
        for (j = 0; j < block->items->len && n < G_N_ELEMENTS (spans_list); j++)
          {
            RtesTextItem *item = g_ptr_array_index (block->items, j);
            spans_list[n++] = item->spans;
            collect_openings (item->children, out);
          }

      for (j = 0; j < n; j++)
        {
          RtesTextSpan *first;
          g_autofree char *text = NULL;
          g_auto(GStrv) words = NULL;
          g_autofree char *opening = NULL;

          if (spans_list[j]->len == 0)
            continue;
          first = g_ptr_array_index (spans_list[j], 0);
          if (first->type != RTES_TEXT_SPAN_TEXT)
            continue;
          text = squeeze (first->text);
          words = g_strsplit (text, " ", 5);
          if (g_strv_length (words) < 5)
            continue;
          /* Keep four whole words, dropping the rest of the line. */
          g_free (words[4]);
          words[4] = NULL;
          opening = g_strjoinv (" ", words);
          if (g_utf8_strlen (opening, -1) >= 12)
            g_ptr_array_add (out, g_steal_pointer (&opening));
        }
    }
}

static GPtrArray *
expected_values (RtesFiche *fiche)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  GListModel *contacts = G_LIST_MODEL (rtes_fiche_get_contacts (fiche));
  const char *text[] = {
    rtes_fiche_get_panorama (fiche), rtes_fiche_get_budget_text (fiche),
    rtes_fiche_get_programme (fiche), rtes_fiche_get_actions (fiche),
  };
  guint i;

  g_ptr_array_add (values, squeeze (rtes_fiche_get_name (fiche)));
  if (!rtes_text_is_blank (rtes_fiche_get_city (fiche)))
    g_ptr_array_add (values, squeeze (rtes_fiche_get_city (fiche)));
  for (i = 0; i < g_list_model_get_n_items (contacts); i++)
    {
      g_autoptr(RtesContact) contact = g_list_model_get_item (contacts, i);

      if (!rtes_text_is_blank (rtes_contact_get_name (contact)))
        g_ptr_array_add (values, squeeze (rtes_contact_get_name (contact)));
    }
  for (i = 0; i < G_N_ELEMENTS (text); i++)
    {
      g_autoptr(RtesFicheText) parsed = rtes_fiche_text_parse (text[i]);
      collect_openings (parsed->blocks, values);
    }
  return values;
}

static void
test_pdf (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *all = NULL;
  g_autoptr(RtesPdfDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pages = NULL;
  guint i, j, checked = 0;
  int status;

  if (fixture->fiches == NULL)
    return;
  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext is not installed (poppler-utils)");
      return;
    }

  path = g_build_filename (fixture->tmp, "bourgogne-franche-comte.pdf", NULL);
  doc = rtes_pdf_document_new (fixture->fiches, RTES_PDF_DOCUMENT_BOOKLET);
  g_assert_true (rtes_pdf_document_write (doc, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  {
    const char *argv[] = { pdftotext, "-enc", "UTF-8", path, "-", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                  &out, NULL, &status, &error);
    g_assert_no_error (error);
  }
  pages = g_strsplit (out, "\f", -1);
  g_assert_cmpuint (g_strv_length (pages), ==, rtes_pdf_document_get_n_pages (doc) + 1);
  all = squeeze (out);

  for (i = 0; i < fixture->fiches->len; i++)
    {
      RtesFiche *fiche = g_ptr_array_index (fixture->fiches, i);
      g_autoptr(GPtrArray) values = expected_values (fiche);
      int page = rtes_pdf_document_get_fiche_page (doc, i);
      g_autofree char *first_page = squeeze (pages[page]);
      g_autofree char *name = squeeze (rtes_fiche_get_name (fiche));

      /* A page of its own, which opens with the fiche's name. */
      g_assert_true (g_str_has_prefix (first_page, name));
      checked += values->len;
      for (j = 0; j < values->len; j++)
        if (strstr (all, g_ptr_array_index (values, j)) == NULL)
          g_error ("“%s” of %s is missing from the PDF", (char *) g_ptr_array_index (values, j),
                   rtes_fiche_get_id (fiche));
    }
  /* The six fiches hold dozens of paragraphs and items; far fewer
   * would mean the check looked at nothing. */
  g_test_message ("%u values checked", checked);
  g_assert_cmpuint (checked, >=, 60);
}

static void
test_html (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  guint i, j;

  if (fixture->fiches == NULL)
    return;

  dir = g_build_filename (fixture->tmp, "site", NULL);
  g_assert_true (rtes_html_export (fixture->fiches, dir, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  for (i = 0; i < fixture->fiches->len; i++)
    {
      RtesFiche *fiche = g_ptr_array_index (fixture->fiches, i);
      g_autoptr(GPtrArray) values = expected_values (fiche);
      g_autofree char *name = rtes_html_page_name (fiche);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *html = rtes_test_read_file (path, NULL);
      g_autoptr(HtmlDoc) doc = html_doc_parse (html);
      g_autoptr(GPtrArray) articles = html_doc_find (doc, "article", NULL);
      g_autofree char *text = NULL;

      html_doc_assert_safe (doc);
      g_assert_cmpuint (articles->len, ==, 1);
      text = squeeze (((HtmlElement *) g_ptr_array_index (articles, 0))->text->str);
      for (j = 0; j < values->len; j++)
        if (strstr (text, g_ptr_array_index (values, j)) == NULL)
          g_error ("“%s” of %s is missing from its page", (char *) g_ptr_array_index (values, j),
                   rtes_fiche_get_id (fiche));
    }
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

  g_test_add ("/export/shared/pdf", Fixture, NULL, fixture_set_up, test_pdf, fixture_tear_down);
  g_test_add ("/export/shared/html", Fixture, NULL, fixture_set_up, test_html, fixture_tear_down);

  return g_test_run ();
}
