/* test-pdf.c: PDF documents read back with poppler's tools
 *
 * The PDF is checked the way a reader would meet it: pdftotext gives the
 * text of each page (pages end with a form feed), pdfinfo the metadata,
 * pdftohtml -xml the outline; the raw file shows the link annotations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>

#include "export-fixtures.h"
#include "rtes-fiche-json.h"
#include "rtes-pdf-document-private.h"
#include "rtes-test-util.h"

#define NNBSP "\xe2\x80\xaf"

static gboolean
have_tools (void)
{
  static const char * const tools[] = { "pdftotext", "pdfinfo", "pdftohtml", NULL };
  guint i;

  for (i = 0; tools[i] != NULL; i++)
    {
      g_autofree char *path = g_find_program_in_path (tools[i]);

      if (path == NULL)
        {
          g_autofree char *message = g_strdup_printf ("%s is not installed (poppler-utils)", tools[i]);
          g_test_skip (message);
          return FALSE;
        }
    }
  return TRUE;
}

static char *
run (const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;
  const char *arg;
  va_list args;

  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return out;
}

/* Text of each page: pdftotext ends every page with a form feed. */
static GStrv
pdf_pages (const char *path)
{
  g_autofree char *text = run ("pdftotext", "-enc", "UTF-8", path, "-", NULL);
  GStrv pages = g_strsplit (text, "\f", -1);
  guint n = g_strv_length (pages);

  /* The text after the last form feed is empty. */
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpstr (pages[n - 1], ==, "");
  g_free (pages[n - 1]);
  pages[n - 1] = NULL;
  return pages;
}

/* A PDF written in a folder of its own, and the text of its pages; the
 * folder goes when it is cleared. */
typedef struct {
  char *tmp;
  char *path;
  GStrv pages;
} Pdf;

static void
pdf_clear (Pdf *pdf)
{
  rtes_test_remove_tree (pdf->tmp);
  g_free (pdf->tmp);
  g_free (pdf->path);
  g_strfreev (pdf->pages);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pdf, pdf_clear)

static void
write_pdf (Pdf                  *pdf,
           GPtrArray            *fiches,
           RtesPdfDocumentFlags  flags,
           const char           *prefix,
           RtesPdfDocument     **out_doc)
{
  g_autoptr(RtesPdfDocument) doc = rtes_pdf_document_new (fiches, flags);
  g_autoptr(GError) error = NULL;

  pdf->tmp = rtes_test_make_tmpdir (prefix);
  pdf->path = g_build_filename (pdf->tmp, "fiches.pdf", NULL);
  rtes_pdf_document_set_export_date (doc, "21/11/2026");
  rtes_pdf_document_write (doc, pdf->path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  pdf->pages = pdf_pages (pdf->path);
  if (out_doc != NULL)
    *out_doc = g_steal_pointer (&doc);
}

/* Finds @needle in the raw file, which holds NUL bytes (so no strstr). */
static const char *
raw_find (const char *raw,
          gsize       length,
          const char *needle)
{
  gsize n = strlen (needle);
  gsize i;

  for (i = 0; i + n <= length; i++)
    if (raw[i] == needle[0] && memcmp (raw + i, needle, n) == 0)
      return raw + i;
  return NULL;
}

/* pdftotext writes the narrow no-break spaces of amounts as spaces. */
static char *
flatten_spaces (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, NNBSP, -1);

  return g_strjoinv (" ", parts);
}

static gboolean
page_has (GStrv       pages,
          guint       page,
          const char *text)
{
  return strstr (pages[page], text) != NULL;
}

static void
test_booklet_text (void)
{
  g_autoptr(GPtrArray) fiches = export_fixtures_load ();
  g_auto(Pdf) pdf = { 0 };
  g_autofree char *all = NULL;
  g_autoptr(RtesPdfDocument) doc = NULL;
  const char * const values[] = {
    "Communauté d'agglomération du Val de Loue",
    "Dernière mise à jour" NNBSP ": 14/10/2026",
    "Panorama de l’ESS sur le territoire",
    "Budget consacré à l’ESS",
    "Programme d’intervention dans le champ de l’ESS",
    "Exemples d’actions soutenues par la collectivité",
    "Contact public",
    "6" NNBSP "100" NNBSP "000" NNBSP "€",
    "29" NNBSP "000,50" NNBSP "€",
    "2026 (prévisionnel)",
    "Appel à projets « Économie de",
    "Épicerie solidaire itinérante dans 12 communes rurales.",
    "partenariat avec la banque alimentaire.",
    "le pôle ESS du Jura",
    "Léa Gröning-Duval",
    "l.groning@val-de-loue.example.fr",
    "03 84 00 00 00",
    "Administrateur du RTES",
    "Année d’adhésion au RTES",
    "Nombre d’habitants sur le",
    "86" NNBSP "420 habitants",
    "12 avenue de la Libération, CS 30017",
    "39100 Dole Cedex",
    "Fiche en cours de rédaction",
    "Environ 4 800 habitants l'été, 3 100 à l'année",
    "Yannick Le Gall",
    "Conseil départemental des Hautes-Landes",
    "écrire au service",
    "Mont-de-Marsan",
    NULL
  };
  guint i;
  int previous = -1;

  if (!have_tools ())
    return;

  write_pdf (&pdf, fiches, RTES_PDF_DOCUMENT_BOOKLET, "pdf-booklet", &doc);
  all = g_strjoinv ("\n", pdf.pages);

  g_assert_cmpuint (g_strv_length (pdf.pages), ==, rtes_pdf_document_get_n_pages (doc));
  for (i = 0; values[i] != NULL; i++)
    {
      g_autofree char *value = flatten_spaces (values[i]);
      g_autofree char *text = flatten_spaces (all);

      if (strstr (text, value) == NULL)
        g_error ("“%s” is missing from the PDF text:\n%s", values[i], all);
    }

  /* Cover, then the table of contents with each fiche's page number. */
  g_assert_true (page_has (pdf.pages, 0, "Fiches adhérents du RTES"));
  g_assert_true (page_has (pdf.pages, 0, "3 fiches"));
  g_assert_true (page_has (pdf.pages, 1, "Sommaire"));

  /* Each fiche starts a page of its own: its name is in that page's
   * header, and no other fiche's name is on it. */
  for (i = 0; i < fiches->len; i++)
    {
      const char *name = rtes_fiche_get_name (g_ptr_array_index (fiches, i));
      int page = rtes_pdf_document_get_fiche_page (doc, i);
      g_autofree char *toc_entry = NULL;
      guint j;

      g_assert_cmpint (page, >, previous);
      g_assert_true (g_str_has_prefix (g_strchug (pdf.pages[page]), name));
      for (j = 0; j < fiches->len; j++)
        if (j != i)
          g_assert_false (page_has (pdf.pages, page, rtes_fiche_get_name (g_ptr_array_index (fiches, j))));
      if (previous >= 0)
        g_assert_false (page_has (pdf.pages, page - 1, name));

      toc_entry = g_strdup_printf ("\n%d\n", page + 1);
      g_assert_true (page_has (pdf.pages, 1, name));
      g_assert_true (page_has (pdf.pages, 1, toc_entry));
      previous = page;
    }

  /* Footers: page numbers and the export date. */
  g_assert_true (page_has (pdf.pages, 2, "Page 3 sur"));
  g_assert_true (page_has (pdf.pages, 2, "exporté le 21/11/2026"));
}

static void
test_metadata_outline_links (void)
{
  g_autoptr(GPtrArray) fiches = export_fixtures_load ();
  g_auto(Pdf) pdf = { 0 };
  g_autofree char *info = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *outline = NULL;
  g_autofree char *dests = NULL;
  g_autofree char *structure = NULL;
  g_autoptr(RtesPdfDocument) doc = NULL;
  gsize raw_length;
  guint i;

  if (!have_tools ())
    return;

  write_pdf (&pdf, fiches, RTES_PDF_DOCUMENT_BOOKLET, "pdf-meta", &doc);

  info = run ("pdfinfo", "-enc", "UTF-8", pdf.path, NULL);
  g_assert_nonnull (strstr (info, "Title:           Fiches adhérents du RTES\n"));
  g_assert_nonnull (strstr (info, "Author:          RTES — Réseau des collectivités Territoriales pour une Économie Solidaire\n"));
  g_assert_nonnull (strstr (info, "Subject:         3 fiches adhérents du RTES\n"));
  g_assert_nonnull (strstr (info, "Page size:       595.276 x 841.89 pts (A4)"));
  /* Tagged for screen readers: headings and paragraphs. */
  g_assert_nonnull (strstr (info, "Tagged:          yes\n"));
  structure = run ("pdfinfo", "-struct", pdf.path, NULL);
  g_assert_true (g_str_has_prefix (structure, "Document\n  H1 (block)\n"));
  g_assert_nonnull (strstr (structure, "\n  H2 (block)\n"));
  g_assert_nonnull (strstr (structure, "\n  P (block)\n"));
  {
    g_autofree char *pages_line = g_strdup_printf ("Pages:           %u\n",
                                                   rtes_pdf_document_get_n_pages (doc));
    g_assert_nonnull (strstr (info, pages_line));
  }

  /* Bookmarks: régions, fiches under them, sections under fiches. */
  xml = run ("pdftohtml", "-xml", "-stdout", "-i", "-q", pdf.path, NULL);
  g_assert_nonnull (strstr (xml, "<outline>"));
  outline = g_strndup (strstr (xml, "<outline>"), strstr (xml, "<page ") != NULL &&
                       strstr (xml, "<page ") > strstr (xml, "<outline>")
                       ? (gsize) (strstr (xml, "<page ") - strstr (xml, "<outline>")) : strlen (xml));
  g_assert_nonnull (strstr (outline, "<item page=\"2\">Sommaire</item>"));
  /* The network's figures come between the contents and the fiches. */
  g_assert_nonnull (strstr (outline, "<item page=\"3\">Le réseau en chiffres</item>"));
  g_assert_nonnull (strstr (outline, "<item page=\"4\">Bourgogne-Franche-Comté</item>\n<outline>\n"
                                     "<item page=\"4\">Communauté d'agglomération du Val de Loue</item>\n<outline>\n"
                                     "<item page=\"4\">Panorama de l’ESS sur le territoire</item>"));
  g_assert_nonnull (strstr (outline, ">Commune de Saint-Aubin-des-Prés</item>"));
  g_assert_nonnull (strstr (outline, ">Conseil départemental des Hautes-Landes</item>"));

  /* Links: web addresses, mail, and the table of contents' page links. */
  raw = rtes_test_read_file (pdf.path, &raw_length);
  g_assert_nonnull (raw_find (raw, raw_length, "/URI (https://www.cress-bfc.org/panorama-val-de-loue)"));
  g_assert_nonnull (raw_find (raw, raw_length, "/URI (https://pole-ess-jura.example.org/cooperations)"));
  g_assert_nonnull (raw_find (raw, raw_length, "/URI (mailto:l.groning@val-de-loue.example.fr)"));
  g_assert_nonnull (raw_find (raw, raw_length, "/URI (mailto:ess@hautes-landes.example.fr)"));
  g_assert_nonnull (raw_find (raw, raw_length, "/Outlines"));

  /* The contents link to a named destination per fiche, on its page. */
  dests = run ("pdfinfo", "-dests", pdf.path, NULL);
  for (i = 0; i < fiches->len; i++)
    {
      g_autofree char *link = g_strdup_printf ("/Dest (fiche-%u)", i);
      g_autofree char *dest = g_strdup_printf ("%4d [ XYZ", rtes_pdf_document_get_fiche_page (doc, i) + 1);
      g_autofree char *name = g_strdup_printf ("\"fiche-%u\"", i);
      const char *line = strstr (dests, name);

      g_assert_nonnull (raw_find (raw, raw_length, link));
      g_assert_nonnull (line);
      while (line > dests && line[-1] != '\n')
        line--;
      g_assert_true (g_str_has_prefix (line, dest));
    }
}

static void
test_single_fiche (void)
{
  g_autoptr(GPtrArray) fiches = export_fixtures_load ();
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_auto(Pdf) pdf = { 0 };
  g_autofree char *info = NULL;
  g_autofree char *xml = NULL;

  if (!have_tools ())
    return;

  g_ptr_array_add (one, g_ptr_array_index (fiches, 2));
  write_pdf (&pdf, one, RTES_PDF_DOCUMENT_DEFAULT, "pdf-single", NULL);

  /* No cover, no contents: the fiche is page one. */
  g_assert_true (g_str_has_prefix (g_strchug (pdf.pages[0]), "Conseil départemental des Hautes-Landes"));
  g_assert_false (page_has (pdf.pages, 0, "Sommaire"));
  info = run ("pdfinfo", "-enc", "UTF-8", pdf.path, NULL);
  g_assert_nonnull (strstr (info, "Subject:         Fiche adhérent du RTES" NNBSP ": Conseil départemental des Hautes-Landes\n"));
  g_assert_nonnull (strstr (info, "Title:           Conseil départemental des Hautes-Landes\n"));
  xml = run ("pdftohtml", "-xml", "-stdout", "-i", "-q", pdf.path, NULL);
  g_assert_nonnull (strstr (xml, "<outline>\n<item page=\"1\">Conseil départemental des Hautes-Landes</item>\n<outline>\n"));
}

/* The last line of a page's text before its footer. */
static char *
last_content_line (const char *page)
{
  g_auto(GStrv) lines = g_strsplit (page, "\n", -1);
  int n = g_strv_length (lines);
  int i;

  for (i = n - 1; i >= 0; i--)
    {
      g_strstrip (lines[i]);
      if (*lines[i] == '\0' || g_str_has_prefix (lines[i], "Page ") ||
          g_str_has_prefix (lines[i], "Fiches adhérents du RTES — exporté"))
        continue;
      return g_strdup (lines[i]);
    }
  return g_strdup ("");
}

static void
test_page_breaks (void)
{
  g_autoptr(GPtrArray) fiches = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(Pdf) pdf = { 0 };
  g_autoptr(RtesPdfDocument) doc = NULL;
  guint n, i;
  gboolean split_table = FALSE;

  if (!have_tools ())
    return;

  g_ptr_array_add (fiches, export_fixtures_long (40, 60));
  g_ptr_array_add (fiches, export_fixtures_long (3, 2));
  write_pdf (&pdf, fiches, RTES_PDF_DOCUMENT_DEFAULT, "pdf-breaks", &doc);
  n = g_strv_length (pdf.pages);

  g_assert_cmpuint (n, >=, 6);
  g_assert_cmpint (rtes_pdf_document_get_fiche_page (doc, 1), ==, (int) n - 1);

  for (i = 0; i < n; i++)
    {
      g_autofree char *last = last_content_line (pdf.pages[i]);
      g_autofree char *footer = g_strdup_printf ("Page %u sur %u", i + 1, n);

      /* No heading ends a page. */
      g_assert_false (g_strv_contains (export_fixtures_headings, last));
      g_assert_true (page_has (pdf.pages, i, footer));
      g_assert_true (page_has (pdf.pages, i, "Métropole de Test-sur-Loire"));

      /* A table that goes on repeats its header. */
      if (i > 0 && page_has (pdf.pages, i, "Ligne budgétaire numéro") &&
          page_has (pdf.pages, i - 1, "Ligne budgétaire numéro"))
        {
          split_table = TRUE;
          g_assert_true (page_has (pdf.pages, i, "Montant"));
          g_assert_true (page_has (pdf.pages, i, "Libellé"));
        }
    }
  g_assert_true (split_table);

  /* Every line and paragraph made it, in order. */
  {
    g_autofree char *all = g_strjoinv ("\n", pdf.pages);
    const char *p = all;

    for (i = 1; i <= 60; i++)
      {
        g_autofree char *label = g_strdup_printf ("Ligne budgétaire numéro %u\n", i);
        p = strstr (p, label);
        g_assert_nonnull (p);
      }
    for (i = 1; i <= 40; i++)
      {
        g_autofree char *label = g_strdup_printf ("Paragraphe %u :", i);
        p = strstr (p, label);
        g_assert_nonnull (p);
      }
  }
}

/* A table of contents over several pages: page numbers follow the
 * contents' own length, and a région that goes on repeats its name. */
static void
test_long_contents (void)
{
  g_autoptr(GPtrArray) fiches = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(Pdf) pdf = { 0 };
  g_autoptr(RtesPdfDocument) doc = NULL;
  guint i;

  if (!have_tools ())
    return;

  for (i = 0; i < 80; i++)
    {
      RtesFiche *fiche = export_fixtures_long (1, 1);
      g_autofree char *name = g_strdup_printf ("Commune numéro %02u", i + 1);

      rtes_fiche_set_name (fiche, name);
      g_ptr_array_add (fiches, fiche);
    }
  write_pdf (&pdf, fiches, RTES_PDF_DOCUMENT_BOOKLET, "pdf-contents", &doc);

  g_assert_true (g_str_has_prefix (pdf.pages[1], "Sommaire\nCentre-Val de Loire\n"));
  g_assert_cmpint (rtes_pdf_document_get_fiche_page (doc, 0), >=, 4);
  /* The contents go on over pages, then the network's figures' page. */
  for (i = 2; i + 1 < (guint) rtes_pdf_document_get_fiche_page (doc, 0); i++)
    g_assert_true (g_str_has_prefix (pdf.pages[i], "Centre-Val de Loire (suite)\n"));
  g_assert_true (g_str_has_prefix (pdf.pages[i], "Le réseau en chiffres\n"));
  for (i = 0; i < fiches->len; i++)
    {
      int page = rtes_pdf_document_get_fiche_page (doc, i);
      g_autofree char *name = g_strdup_printf ("Commune numéro %02u", i + 1);

      g_assert_true (g_str_has_prefix (g_strchug (pdf.pages[page]), name));
    }
}

static void
test_hostile (void)
{
  g_autoptr(GPtrArray) fiches = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(Pdf) pdf = { 0 };
  g_autofree char *all = NULL;
  g_autofree char *raw = NULL;
  gsize raw_length;
  const char *p;

  if (!have_tools ())
    return;

  g_ptr_array_add (fiches, export_fixtures_hostile ());
  write_pdf (&pdf, fiches, RTES_PDF_DOCUMENT_BOOKLET, "pdf-hostile", NULL);
  all = g_strjoinv ("\n", pdf.pages);

  g_assert_nonnull (strstr (all, "<script>alert('nom')</script> Évry & \"Cie\" \xef\xbf\xbd"));
  g_assert_nonnull (strstr (all, "[clique ici](javascript:alert(document.domain))"));
  g_assert_nonnull (strstr (all, "<script>alert('budget')</script>"));
  g_assert_null (strchr (all, '\x1b'));

  /* No script in the file, and every link is http(s) or mailto. */
  raw = rtes_test_read_file (pdf.path, &raw_length);
  g_assert_null (raw_find (raw, raw_length, "/JavaScript"));
  g_assert_null (raw_find (raw, raw_length, "/JS "));
  for (p = raw; (p = raw_find (p, raw_length - (p - raw), "/URI (")) != NULL; p += 6)
    g_assert_true (g_str_has_prefix (p + 6, "https://") || g_str_has_prefix (p + 6, "http://") ||
                   g_str_has_prefix (p + 6, "mailto:"));
}

/* Sizes far above what one layout may hold, and small enough to keep the
 * test quick with the bound (they took minutes without it). */
#define HUGE_WORD  100000
#define HUGE_LINES 10000
#define HUGE_WORDS 3000
#define HUGE_NAME  100000

/* Characters of the lines of @pages made only of @c: the pieces of a
 * huge word. Its zero-width spaces (break opportunities) are not counted. */
static gsize
count_run_chars (GStrv pages,
                 char  c)
{
  gsize total = 0;
  guint i, j;

  for (i = 0; pages[i] != NULL; i++)
    {
      g_auto(GStrv) lines = g_strsplit (pages[i], "\n", -1);

      for (j = 0; lines[j] != NULL; j++)
        {
          g_auto(GStrv) parts = g_strsplit (lines[j], "\xe2\x80\x8b", -1);
          g_autofree char *line = g_strjoinv ("", parts);

          if (line[0] == c && strspn (line, (char[]) { c, '\0' }) == strlen (line))
            total += strlen (line);
        }
    }
  return total;
}

/* The words of @pages that start with @prefix, in order, joined by spaces. */
static char *
collect_words (GStrv       pages,
               const char *prefix)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint i, j;

  for (i = 0; pages[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_regex_split_simple ("\\s+", pages[i], 0, 0);

      for (j = 0; words[j] != NULL; j++)
        if (g_str_has_prefix (words[j], prefix))
          g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", words[j]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Issue 15: one paragraph used to be one PangoLayout, and Pango's layout
 * time grows faster than its text: a 1 MB word took 412 s, a 200,000-line
 * paragraph 259 s, a 100 MB name 15 GB. No layout may now get more than
 * RTES_PDF_MAX_LAYOUT_BYTES, which makes the work linear; and nothing of
 * the text may be lost on the way. Asserting the bound rather than a time
 * keeps the test exact on a loaded machine. */
static void
test_bounded_layout (void)
{
  g_autoptr(GPtrArray) fiches = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RtesPdfDocument) doc = NULL;
  g_autoptr(RtesContact) contact = rtes_contact_new ();
  g_autoptr(RtesBudgetLine) line = rtes_budget_line_new ();
  g_autoptr(GString) panorama = g_string_new (NULL);
  g_autoptr(GString) expected_lines = g_string_new (NULL);
  g_autoptr(GString) expected_words = g_string_new (NULL);
  g_autofree char *word = g_strnfill (HUGE_WORD, 'x');
  g_autofree char *name = g_strnfill (HUGE_NAME, 'N');
  g_autofree char *cell = g_strnfill (HUGE_WORD, 'y');
  g_auto(Pdf) pdf = { 0 };
  g_autofree char *lines = NULL;
  g_autofree char *words = NULL;
  g_autofree char *info = NULL;
  RtesFiche *fiche;
  guint i;

  if (!have_tools ())
    return;

  for (i = 1; i <= HUGE_LINES; i++)
    {
      g_string_append_printf (panorama, "ligne%u\n", i);
      g_string_append_printf (expected_lines, "%sligne%u", i > 1 ? " " : "", i);
    }
  g_string_append_printf (panorama, "\n%s\n\n", word);
  for (i = 1; i <= HUGE_WORDS; i++)
    {
      g_string_append_printf (panorama, "%smot%u", i > 1 ? " " : "", i);
      g_string_append_printf (expected_words, "%smot%u", i > 1 ? " " : "", i);
    }

  fiche = rtes_fiche_new ("immense", name);
  rtes_fiche_set_panorama (fiche, panorama->str);
  rtes_contact_set_name (contact, cell);
  g_list_store_append (rtes_fiche_get_contacts (fiche), contact);
  rtes_budget_line_set_label (line, cell);
  g_list_store_append (rtes_fiche_get_budget_lines (fiche), line);
  g_ptr_array_add (fiches, fiche);

  write_pdf (&pdf, fiches, RTES_PDF_DOCUMENT_BOOKLET, "pdf-bounded", &doc);
  g_assert_cmpuint (rtes_pdf_document_get_largest_layout (doc), >, RTES_PDF_MAX_LAYOUT_BYTES / 2);
  g_assert_cmpuint (rtes_pdf_document_get_largest_layout (doc), <=, RTES_PDF_MAX_LAYOUT_BYTES);

  /* Every line, every word and every character of the long word is there,
   * in order: the paragraph was cut at line breaks and spaces only. */
  lines = collect_words (pdf.pages, "ligne");
  g_assert_true (g_str_equal (lines, expected_lines->str));
  words = collect_words (pdf.pages, "mot");
  g_assert_true (g_str_equal (words, expected_words->str));
  g_assert_cmpuint (count_run_chars (pdf.pages, 'x'), ==, HUGE_WORD);

  /* The name is a title, a header and a bookmark: it is shortened (page 4:
   * cover, contents, the network in figures, then the fiche). */
  g_assert_nonnull (strstr (pdf.pages[3], "NNNN…"));
  info = run ("pdfinfo", pdf.path, NULL);
  g_assert_nonnull (strstr (info, "NNNN…"));
  g_assert_cmpuint (strlen (info), <, 4096);
}

/* Contacts as the site's fiches have them: a role, a name, often a title
 * or a service, an address and a number; the first sits on the board. */
static void
add_contacts (RtesFiche *fiche,
              guint      n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RtesContact) contact = rtes_contact_new ();
      g_autofree char *name = g_strdup_printf ("Personne numéro %u", i + 1);
      g_autofree char *email = g_strdup_printf ("contact%u@metropole-test.example.fr", i + 1);
      g_autofree char *phone = g_strdup_printf ("02 38 00 %02u %02u", i / 100, i % 100);

      rtes_contact_set_role (contact, i % 2 ? "Chargée de mission ESS" : "Élu référent");
      rtes_contact_set_name (contact, name);
      if (i % 3 == 0)
        rtes_contact_set_title (contact, "Vice-président chargé de l'économie de proximité");
      if (i % 2 == 1)
        rtes_contact_set_service (contact, "Direction du développement économique");
      rtes_contact_set_email (contact, email);
      rtes_contact_set_phone (contact, phone);
      rtes_contact_set_rtes_board (contact, i == 0);
      g_list_store_append (rtes_fiche_get_contacts (fiche), contact);
    }
}

/* Issue 18: cards came two by two, so eight contacts after a fiche's text
 * ran on to another page. They now flow three to a row. */
static void
test_contacts_fill_the_page (void)
{
  g_autoptr(GPtrArray) fiches = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(Pdf) pdf = { 0 };
  RtesFiche *fiche;

  if (!have_tools ())
    return;

  /* Three paragraphs leave a little more than half the page: room for
   * three rows of cards, not for four pairs. */
  fiche = export_fixtures_long (3, 0);
  add_contacts (fiche, 8);
  g_ptr_array_add (fiches, fiche);
  write_pdf (&pdf, fiches, RTES_PDF_DOCUMENT_DEFAULT, "pdf-contacts", NULL);

  g_assert_cmpuint (g_strv_length (pdf.pages), ==, 1);
  for (guint i = 1; i <= 8; i++)
    {
      g_autofree char *name = g_strdup_printf ("Personne numéro %u", i);

      g_assert_true (page_has (pdf.pages, 0, name));
    }
  g_assert_true (page_has (pdf.pages, 0, "Paragraphe 3 :"));
}

/* However many contacts, each card is whole on one page, in order, and a
 * page of cards holds rows of three. */
static void
test_contact_cards_whole (void)
{
  g_autoptr(GPtrArray) fiches = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(Pdf) pdf = { 0 };
  RtesFiche *fiche;
  guint n_pages, page = 0, most = 0, on_page = 0;

  if (!have_tools ())
    return;

  fiche = export_fixtures_long (1, 0);
  add_contacts (fiche, 60);
  g_ptr_array_add (fiches, fiche);
  write_pdf (&pdf, fiches, RTES_PDF_DOCUMENT_DEFAULT, "pdf-cards", NULL);
  n_pages = g_strv_length (pdf.pages);

  for (guint i = 1; i <= 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("Personne numéro %u\n", i);
      g_autofree char *email = g_strdup_printf ("contact%u@metropole-test.example.fr", i);
      g_autofree char *phone = g_strdup_printf ("02 38 00 %02u %02u", (i - 1) / 100, (i - 1) % 100);

      while (page < n_pages && !page_has (pdf.pages, page, name))
        {
          page++;
          on_page = 0;
        }
      g_assert_cmpuint (page, <, n_pages);
      g_assert_true (page_has (pdf.pages, page, email));
      g_assert_true (page_has (pdf.pages, page, phone));
      most = MAX (most, ++on_page);
    }
  /* Pairs held sixteen to a page at most. */
  g_test_message ("at most %u cards on a page", most);
  g_assert_cmpuint (most, >=, 18);
}

static void
test_failure_keeps_old_file (void)
{
  g_autoptr(GPtrArray) fiches = export_fixtures_load ();
  g_autoptr(RtesPdfDocument) doc = rtes_pdf_document_new (fiches, RTES_PDF_DOCUMENT_BOOKLET);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *tmp = rtes_test_make_tmpdir ("pdf-cancel");
  g_autofree char *path = rtes_test_write_file (tmp, "fiches.pdf", "ancien contenu");
  g_autoptr(GHashTable) before = rtes_test_snapshot_tree (tmp);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(RtesPdfDocument) empty = rtes_pdf_document_new (none, 0);

  g_cancellable_cancel (cancellable);
  g_assert_false (rtes_pdf_document_write (doc, path, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_false (rtes_pdf_document_write (doc, tmp, NULL, NULL, NULL, &error));
  g_assert_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_TARGET);
  g_clear_error (&error);

  g_assert_false (rtes_pdf_document_write (empty, path, NULL, NULL, NULL, &error));
  g_assert_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_NOTHING);

  rtes_test_assert_tree_unchanged (before, tmp);
  rtes_test_remove_tree (tmp);
}

/* What the PDF writer made before it streamed: every page laid out
 * first, then drawn in order on one surface (no tags, metadata or
 * outline, which pdftotext does not show). */
static char *
write_reference (GPtrArray  *fiches,
                 const char *dir,
                 GArray     *fiche_pages)
{
  g_autoptr(RtesPdfDocument) doc = rtes_pdf_document_new (fiches, RTES_PDF_DOCUMENT_BOOKLET);
  char *path = g_build_filename (dir, "reference.pdf", NULL);
  cairo_surface_t *surface;
  cairo_t *cr;
  guint i;

  rtes_pdf_document_set_export_date (doc, "21/11/2026");
  rtes_pdf_document_layout (doc, RTES_PDF_A4_WIDTH, RTES_PDF_A4_HEIGHT, NULL, NULL);
  surface = cairo_pdf_surface_create (path, RTES_PDF_A4_WIDTH, RTES_PDF_A4_HEIGHT);
  cr = cairo_create (surface);
  for (i = 0; i < rtes_pdf_document_get_n_pages (doc); i++)
    {
      rtes_pdf_document_draw_page (doc, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  for (i = 0; i < fiches->len; i++)
    {
      int page = rtes_pdf_document_get_fiche_page (doc, i);

      g_array_append_val (fiche_pages, page);
    }
  return path;
}

/* The written booklet streams its pages; a booklet of many fiches reads
 * the same as one laid out whole: the same text on the same pages, the
 * contents with the same page numbers. 140 fiches make the contents
 * longer than the rows built at once, with a région starting where the
 * first of those parts ends. */
static void
test_streamed_booklet (void)
{
  g_autoptr(GPtrArray) fixtures = export_fixtures_load ();
  g_autoptr(GPtrArray) fiches = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) reference_pages = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(RtesPdfDocument) doc = NULL;
  g_auto(Pdf) pdf = { 0 };
  g_autofree char *reference = NULL;
  g_auto(GStrv) expected = NULL;
  g_autofree char *contents = NULL;
  guint i;

  if (!have_tools ())
    return;

  for (i = 0; i < 140; i++)
    {
      RtesFiche *fiche = rtes_fiche_copy (g_ptr_array_index (fixtures, i % fixtures->len));
      g_autofree char *name = g_strdup_printf ("Commune numéro %03u", i + 1);

      rtes_fiche_set_name (fiche, name);
      rtes_fiche_set_region (fiche, i < 127 ? "Bretagne" : "Normandie");
      g_ptr_array_add (fiches, fiche);
    }
  rtes_export_sort (fiches);

  write_pdf (&pdf, fiches, RTES_PDF_DOCUMENT_BOOKLET, "pdf-streamed", &doc);
  reference = write_reference (fiches, pdf.tmp, reference_pages);
  expected = pdf_pages (reference);

  g_assert_cmpuint (g_strv_length (pdf.pages), ==, g_strv_length (expected));
  g_assert_cmpuint (g_strv_length (pdf.pages), ==, rtes_pdf_document_get_n_pages (doc));
  for (i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (pdf.pages[i], ==, expected[i]);
  /* The contents: from the page after the cover to the one before the
   * network's figures, which comes just before the first fiche. */
  contents = g_strjoinv ("\n", (char **) pdf.pages + 1);
  contents[strstr (contents, "Le réseau en chiffres") - contents] = '\0';
  for (i = 0; i < fiches->len; i++)
    {
      int page = rtes_pdf_document_get_fiche_page (doc, i);
      g_autofree char *toc_entry = g_strdup_printf ("\n%d\n", page + 1);

      g_assert_cmpint (page, ==, g_array_index (reference_pages, int, i));
      g_assert_true (g_str_has_prefix (g_strchug (pdf.pages[page]), rtes_fiche_get_name (g_ptr_array_index (fiches, i))));
      g_assert_nonnull (strstr (contents, toc_entry));
    }
  g_assert_true (page_has (pdf.pages, 1, "Sommaire"));
  g_assert_true (page_has (pdf.pages, 2, "Bretagne (suite)"));
}

/* Cancelled halfway through drawing, or aimed at a link: the target is
 * left as it was and no temporary file stays behind. */
static void
cancel_at_second (guint       done,
                  guint       total,
                  const char *name,
                  gpointer    user_data)
{
  if (done == 2)
    g_cancellable_cancel (user_data);
}

static void
test_streamed_failure (void)
{
  g_autoptr(GPtrArray) fiches = export_fixtures_load ();
  g_autoptr(RtesPdfDocument) doc = rtes_pdf_document_new (fiches, RTES_PDF_DOCUMENT_BOOKLET);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *tmp = rtes_test_make_tmpdir ("pdf-stream-fail");
  g_autofree char *path = rtes_test_write_file (tmp, "fiches.pdf", "ancien contenu");
  g_autofree char *link = g_build_filename (tmp, "lien.pdf", NULL);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (symlink ("fiches.pdf", link), ==, 0);
  before = rtes_test_snapshot_tree (tmp);

  g_assert_false (rtes_pdf_document_write (doc, path, cancel_at_second, cancellable,
                                           cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_false (rtes_pdf_document_write (doc, link, NULL, NULL, NULL, &error));
  g_assert_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_WRITE);

  rtes_test_assert_tree_unchanged (before, tmp);
  rtes_test_remove_tree (tmp);
}

/* What a GtkPrintOperation does: lay out for its paper, then draw pages
 * on its own cairo context, in any order. */
static void
test_other_page_size (void)
{
  g_autoptr(GPtrArray) fiches = export_fixtures_load ();
  g_autoptr(RtesPdfDocument) doc = rtes_pdf_document_new (fiches, RTES_PDF_DOCUMENT_DEFAULT);
  guint a4_pages, letter_pages, i;
  cairo_surface_t *surface;
  cairo_t *cr;

  rtes_pdf_document_layout (doc, RTES_PDF_A4_WIDTH, RTES_PDF_A4_HEIGHT, NULL, NULL);
  a4_pages = rtes_pdf_document_get_n_pages (doc);
  /* A5: narrower and shorter, so more pages. */
  rtes_pdf_document_layout (doc, 419.53, 595.276, NULL, NULL);
  letter_pages = rtes_pdf_document_get_n_pages (doc);
  g_assert_cmpuint (letter_pages, >, a4_pages);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 420, 596);
  cr = cairo_create (surface);
  for (i = letter_pages; i > 0; i--)
    {
      unsigned char *data;
      int stride, x, y;
      gboolean inked = FALSE;

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      rtes_pdf_document_draw_page (doc, cr, i - 1);
      cairo_surface_flush (surface);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

      /* Something was drawn inside the page's text area. */
      data = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);
      for (y = 70; y < 500 && !inked; y++)
        for (x = 60; x < 360 && !inked; x++)
          inked = (((guint32 *) (data + y * stride))[x] & 0xffffff) != 0xffffff;
      g_assert_true (inked);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
progress_cb (guint       done,
             guint       total,
             const char *name,
             gpointer    user_data)
{
  GString *log = user_data;

  g_string_append_printf (log, "%u/%u %s\n", done, total, name != NULL ? name : "-");
}

static void
test_progress (void)
{
  g_autoptr(GPtrArray) fiches = export_fixtures_load ();
  g_autoptr(RtesPdfDocument) doc = rtes_pdf_document_new (fiches, RTES_PDF_DOCUMENT_BOOKLET);
  g_autoptr(GString) log = g_string_new (NULL);

  rtes_pdf_document_layout (doc, RTES_PDF_A4_WIDTH, RTES_PDF_A4_HEIGHT, progress_cb, log);
  g_assert_cmpstr (log->str, ==,
                   "0/3 -\n"
                   "1/3 Communauté d'agglomération du Val de Loue\n"
                   "2/3 Commune de Saint-Aubin-des-Prés\n"
                   "3/3 Conseil départemental des Hautes-Landes\n");
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/export/pdf/booklet-text", test_booklet_text);
  g_test_add_func ("/export/pdf/metadata-outline-links", test_metadata_outline_links);
  g_test_add_func ("/export/pdf/single-fiche", test_single_fiche);
  g_test_add_func ("/export/pdf/page-breaks", test_page_breaks);
  g_test_add_func ("/export/pdf/long-contents", test_long_contents);
  g_test_add_func ("/export/pdf/hostile", test_hostile);
  g_test_add_func ("/export/pdf/bounded-layout", test_bounded_layout);
  g_test_add_func ("/export/pdf/contacts-fill-the-page", test_contacts_fill_the_page);
  g_test_add_func ("/export/pdf/contact-cards-whole", test_contact_cards_whole);
  g_test_add_func ("/export/pdf/failure-keeps-old-file", test_failure_keeps_old_file);
  g_test_add_func ("/export/pdf/other-page-size", test_other_page_size);
  g_test_add_func ("/export/pdf/progress", test_progress);
  g_test_add_func ("/export/pdf/streamed-booklet", test_streamed_booklet);
  g_test_add_func ("/export/pdf/streamed-failure", test_streamed_failure);

  return g_test_run ();
}
