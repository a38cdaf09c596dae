/* test-html.c: fiche pages, the index and the folder export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "export-check.h"
#include "export-fixtures.h"
#include "rtes-html-export.h"
#include "rtes-test-util.h"

#define NNBSP "\xe2\x80\xaf"

static RtesFiche *
fixture (GPtrArray  *fiches,
         const char *id)
{
  guint i;

  for (i = 0; i < fiches->len; i++)
    if (g_strcmp0 (rtes_fiche_get_id (g_ptr_array_index (fiches, i)), id) == 0)
      return g_ptr_array_index (fiches, i);
  g_assert_not_reached ();
}

static void
test_format (void)
{
  g_autofree char *a = rtes_french_euros (6100000);
  g_autofree char *b = rtes_french_euros (29000.5);
  g_autofree char *c = rtes_french_euros (999.999);
  g_autofree char *d = rtes_french_euros (-1500);
  g_autofree char *e = rtes_french_integer (26440);
  g_autofree char *f = rtes_french_integer (145);
  g_autofree char *g = rtes_format_date ("2026-11-20");
  g_autofree char *h = rtes_format_date ("2026-02-30");
  g_autofree char *i = rtes_format_date ("hier");

  g_assert_cmpstr (a, ==, "6" NNBSP "100" NNBSP "000" NNBSP "€");
  g_assert_cmpstr (b, ==, "29" NNBSP "000,50" NNBSP "€");
  g_assert_cmpstr (c, ==, "1" NNBSP "000" NNBSP "€");
  g_assert_cmpstr (d, ==, "−1" NNBSP "500" NNBSP "€");
  g_assert_cmpstr (e, ==, "26" NNBSP "440");
  g_assert_cmpstr (f, ==, "145");
  g_assert_cmpstr (g, ==, "20/11/2026");
  g_assert_cmpstr (h, ==, "2026-02-30");
  g_assert_cmpstr (i, ==, "hier");
}

static void
test_page_structure (void)
{
  g_autoptr(GPtrArray) fiches = export_fixtures_load ();
  RtesFiche *fiche = fixture (fiches, "communaute-d-agglomeration-du-val-de-loue");
  g_autofree char *html = rtes_html_render_fiche (fiche, "index.html", "21/11/2026");
  g_autoptr(HtmlDoc) doc = html_doc_parse (html);
  g_auto(GStrv) h1 = html_doc_texts (doc, "h1", NULL);
  g_auto(GStrv) h2 = html_doc_texts (doc, "h2", NULL);
  g_auto(GStrv) dt = html_doc_texts (doc, "dt", NULL);
  g_auto(GStrv) dd = html_doc_texts (doc, "dd", NULL);
  g_auto(GStrv) amounts = html_doc_texts (doc, "td", "amount");
  g_auto(GStrv) updated = html_doc_texts (doc, "p", "updated");
  g_auto(GStrv) names = html_doc_texts (doc, "p", "name");
  g_auto(GStrv) boards = html_doc_texts (doc, "p", "board");
  g_auto(GStrv) title = html_doc_texts (doc, "title", NULL);
  g_autoptr(GPtrArray) drafts = html_doc_find (doc, "p", "draft-banner");
  g_autoptr(GPtrArray) links = html_doc_find (doc, "a", NULL);
  g_autoptr(GPtrArray) rows = html_doc_find (doc, "tr", NULL);
  const char * const expected_dt[] = {
    "Année d’adhésion au RTES",
    "Type de collectivité",
    "Nombre d’habitants sur le territoire",
    "Adresse",
    "Région",
    NULL
  };
  gboolean cress = FALSE, mailto = FALSE, pole = FALSE;
  guint i;

  html_doc_assert_safe (doc);
  g_assert_cmpstr (title[0], ==, "Communauté d'agglomération du Val de Loue — Fiche adhérent du RTES");
  g_assert_cmpstrv (h1, ((const char * const[]) { "Communauté d'agglomération du Val de Loue", NULL }));
  g_assert_cmpstrv (h2, export_fixtures_headings);
  g_assert_cmpstrv (dt, expected_dt);
  g_assert_cmpstr (dd[1], ==, "Communauté d’agglomération");
  g_assert_cmpstr (dd[2], ==, "86" NNBSP "420 habitants");
  g_assert_nonnull (strstr (dd[3], "12 avenue de la Libération, CS 30017"));
  g_assert_nonnull (strstr (dd[3], "39100 Dole Cedex"));
  g_assert_cmpstr (dd[4], ==, "Bourgogne-Franche-Comté");
  g_assert_cmpstr (updated[0], ==, "Dernière mise à jour" NNBSP ": 14/10/2026");
  g_assert_cmpuint (drafts->len, ==, 0);

  /* Header row plus three budget lines, amounts in French. */
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpstrv (amounts, ((const char * const[]) {
    "6" NNBSP "100" NNBSP "000" NNBSP "€", "614" NNBSP "000" NNBSP "€",
    "29" NNBSP "000,50" NNBSP "€", NULL }));
  g_assert_nonnull (strstr (html, "<td>2026 (prévisionnel)</td>"));
  g_assert_nonnull (strstr (html, "<td>Fonctionnement</td>"));

  g_assert_cmpstrv (names, ((const char * const[]) {
    "Martine Aubertin", "Léa Gröning-Duval", "Hervé Ménétrier", NULL }));
  g_assert_cmpstrv (boards, ((const char * const[]) { "Administrateur du RTES", NULL }));

  for (i = 0; i < links->len; i++)
    {
      HtmlElement *a = g_ptr_array_index (links, i);
      const char *href = g_hash_table_lookup (a->attributes, "href");

      cress |= g_strcmp0 (href, "https://www.cress-bfc.org/panorama-val-de-loue") == 0;
      pole |= g_strcmp0 (href, "https://pole-ess-jura.example.org/cooperations") == 0 &&
              g_strcmp0 (a->text->str, "le pôle ESS du Jura") == 0;
      mailto |= g_strcmp0 (href, "mailto:l.groning@val-de-loue.example.fr") == 0;
    }
  g_assert_true (cress);
  g_assert_true (pole);
  g_assert_true (mailto);

  /* Apostrophes need no escaping in text: the source stays readable. */
  g_assert_nonnull (strstr (html, "<h2>Budget consacré à l’ESS</h2>"));
  g_assert_null (strstr (html, "&apos;"));

  /* Lists nested as the fiche text says. */
  g_assert_nonnull (strstr (html, "<ol>\n<li>accompagner les porteurs de projet :\n<ul>\n<li>permanences"));
}

static void
test_draft (void)
{
  g_autoptr(GPtrArray) fiches = export_fixtures_load ();
  RtesFiche *fiche = fixture (fiches, "commune-de-saint-aubin-des-pres");
  g_autofree char *html = rtes_html_render_fiche (fiche, NULL, "21/11/2026");
  g_autoptr(HtmlDoc) doc = html_doc_parse (html);
  g_auto(GStrv) banner = html_doc_texts (doc, "p", "draft-banner");
  g_auto(GStrv) h2 = html_doc_texts (doc, "h2", NULL);
  g_autoptr(GPtrArray) articles = html_doc_find (doc, "article", "draft");
  g_autoptr(GPtrArray) back = html_doc_find (doc, "nav", "back");
  g_auto(GStrv) dd = html_doc_texts (doc, "dd", NULL);

  html_doc_assert_safe (doc);
  g_assert_cmpstrv (banner, ((const char * const[]) { "Fiche en cours de rédaction", NULL }));
  g_assert_cmpuint (articles->len, ==, 1);
  g_assert_cmpuint (back->len, ==, 0);
  /* Empty sections are left out rather than shown with no text. */
  g_assert_cmpstrv (h2, ((const char * const[]) {
    "Programme d’intervention dans le champ de l’ESS", "Contact public", NULL }));
  g_assert_cmpstr (dd[2], ==, "Environ 4 800 habitants l'été, 3 100 à l'année");
}

static void
test_hostile (void)
{
  g_autoptr(RtesFiche) fiche = export_fixtures_hostile ();
  g_autofree char *html = rtes_html_render_fiche (fiche, "index.html", "21/11/2026");
  g_autoptr(HtmlDoc) doc = html_doc_parse (html);
  g_auto(GStrv) h1 = html_doc_texts (doc, "h1", NULL);
  g_auto(GStrv) td = html_doc_texts (doc, "td", NULL);
  g_autoptr(GPtrArray) links = html_doc_find (doc, "a", NULL);
  g_autoptr(GPtrArray) sections = html_doc_find (doc, "section", NULL);
  guint i;

  html_doc_assert_safe (doc);

  /* The markup is shown as text, broken bytes as U+FFFD. */
  g_assert_cmpstr (h1[0], ==, "<script>alert('nom')</script> Évry & \"Cie\" \xef\xbf\xbd\xef\xbf\xbd");
  g_assert_cmpstr (td[3], ==, "<script>alert('budget')</script>");
  g_assert_nonnull (strstr (html, "[clique ici](javascript:alert(document.domain))"));
  g_assert_null (strstr (html, "\x01"));
  g_assert_null (strstr (html, "\x1b"));
  g_assert_nonnull (strstr (html, "&lt;style&gt;body{display:none}&lt;/style&gt;]]&gt;&lt;!-- --&gt;"));

  /* Only safe addresses are links, cut where markup starts: the back
   * link and four bare https addresses. No mailto from a broken address. */
  for (i = 0; i < links->len; i++)
    {
      HtmlElement *a = g_ptr_array_index (links, i);
      const char *href = g_hash_table_lookup (a->attributes, "href");

      g_assert_false (g_str_has_prefix (href, "mailto:x@y.fr"));
      g_assert_null (strstr (href, "javascript"));
      g_assert_null (strstr (href, "\""));
    }
  g_assert_cmpuint (links->len, ==, 5);
  g_assert_cmpuint (sections->len, ==, 5);
}

#define U_FFFF   "\xef\xbf\xbf"
#define U_FFFE   "\xef\xbf\xbe"
#define U_FDD0   "\xef\xb7\x90"
#define U_1FFFF  "\xf0\x9f\xbf\xbf"
#define U_10FFFF "\xf4\x8f\xbf\xbf"
#define U_FFFD   "\xef\xbf\xbd"

/* Issue 15: U+FFFF is valid UTF-8 but no XML character, so a page with
 * one did not parse as XML (html_doc_parse() now checks every character,
 * which GMarkup does not). Noncharacters become U+FFFD, like broken bytes;
 * controls other than tab and line feed are dropped. */
static void
test_noncharacters (void)
{
  g_autoptr(GPtrArray) fiches = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RtesContact) contact = rtes_contact_new ();
  g_autoptr(RtesBudgetLine) line = rtes_budget_line_new ();
  const char *address[] = { "1 rue " U_FFFE " \x0b\x0c\x7f\xc2\x85" "fin", NULL };
  RtesFiche *fiche = rtes_fiche_new ("nonchar", "Nom " U_FFFF " fin");
  g_autofree char *page = NULL;
  g_autofree char *index = NULL;
  g_autoptr(HtmlDoc) doc = NULL;
  g_autoptr(HtmlDoc) index_doc = NULL;
  g_auto(GStrv) h1 = NULL;

  rtes_fiche_set_region (fiche, "Région " U_FFFE);
  rtes_fiche_set_address_lines (fiche, address);
  rtes_fiche_set_panorama (fiche, "Texte " U_FDD0 " et " U_1FFFF "\n\n- point " U_10FFFF
                                  "\n- [lien " U_FFFF "](https://www.rtes.fr/)");
  rtes_contact_set_name (contact, "Contact " U_FFFF);
  rtes_contact_set_role (contact, "Rôle " U_FFFE);
  g_list_store_append (rtes_fiche_get_contacts (fiche), contact);
  rtes_budget_line_set_amount (line, 10.0);
  rtes_budget_line_set_label (line, "Ligne " U_FFFF);
  g_list_store_append (rtes_fiche_get_budget_lines (fiche), line);
  g_ptr_array_add (fiches, fiche);

  page = rtes_html_render_fiche (fiche, "index.html", "21/11/2026");
  doc = html_doc_parse (page);
  html_doc_assert_safe (doc);
  h1 = html_doc_texts (doc, "h1", NULL);
  g_assert_cmpstr (h1[0], ==, "Nom " U_FFFD " fin");
  g_assert_nonnull (strstr (page, "1 rue " U_FFFD " fin"));
  g_assert_nonnull (strstr (page, "Texte " U_FFFD " et " U_FFFD));
  g_assert_nonnull (strstr (page, "point " U_FFFD));
  g_assert_nonnull (strstr (page, ">lien " U_FFFD "</a>"));

  index = rtes_html_render_index (fiches, "21/11/2026");
  index_doc = html_doc_parse (index);
  html_doc_assert_safe (index_doc);
}

/* Régions outside the vocabulary that fold to one slug still get
 * distinct anchors, and the index stays valid. */
static void
test_index_anchors (void)
{
  g_autoptr(GPtrArray) fiches = g_ptr_array_new_with_free_func (g_object_unref);
  const char *regions[] = { "Région X", "région x", "Région X!", NULL };
  g_autofree char *html = NULL;
  g_autoptr(HtmlDoc) doc = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint i, with_id = 0;

  for (i = 0; regions[i] != NULL; i++)
    {
      g_autofree char *id = g_strdup_printf ("fiche-%u", i);
      RtesFiche *fiche = rtes_fiche_new (id, "Nom");

      rtes_fiche_set_region (fiche, regions[i]);
      g_ptr_array_add (fiches, fiche);
    }
  g_ptr_array_add (fiches, export_fixtures_hostile ());
  rtes_export_sort (fiches);
  html = rtes_html_render_index (fiches, "21/11/2026");
  doc = html_doc_parse (html);
  html_doc_assert_safe (doc);

  for (i = 0; i < doc->elements->len; i++)
    {
      HtmlElement *element = g_ptr_array_index (doc->elements, i);
      const char *id = g_hash_table_lookup (element->attributes, "id");

      if (id == NULL)
        continue;
      with_id++;
      g_assert_false (g_hash_table_contains (ids, id));
      g_hash_table_add (ids, (gpointer) id);
    }
  /* Four régions, one kind each. */
  g_assert_cmpuint (with_id, ==, 8);
  g_assert_true (g_hash_table_contains (ids, "region-x"));
  g_assert_true (g_hash_table_contains (ids, "region-x-2"));
  g_assert_true (g_hash_table_contains (ids, "region-x-3"));
  g_assert_nonnull (strstr (html, "<a href=\"#region-x-2\">"));
}

static void
check_page_file (const char *dir,
                 const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *html = rtes_test_read_file (path, NULL);
  g_autoptr(HtmlDoc) doc = html_doc_parse (html);

  html_doc_assert_safe (doc);
}

static void
assert_no_leftovers (const char *parent)
{
  g_autoptr(GDir) dir = g_dir_open (parent, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, ".rtes-"));
}

static void
test_folder (void)
{
  g_autoptr(GPtrArray) fiches = export_fixtures_load ();
  g_autofree char *tmp = rtes_test_make_tmpdir ("html-folder");
  g_autofree char *out = g_build_filename (tmp, "site", NULL);
  g_autofree char *index_path = g_build_filename (out, "index.html", NULL);
  g_autofree char *index = NULL;
  g_autoptr(HtmlDoc) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) h2 = NULL;
  g_auto(GStrv) h3 = NULL;
  g_autoptr(GPtrArray) regions = NULL;
  g_autoptr(GPtrArray) anchors = NULL;
  guint i;

  g_assert_true (rtes_html_export (fiches, out, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_no_leftovers (tmp);

  index = rtes_test_read_file (index_path, NULL);
  doc = html_doc_parse (index);
  html_doc_assert_safe (doc);

  /* Régions in order, each with its anchor, kinds under them. */
  h2 = html_doc_texts (doc, "h2", NULL);
  g_assert_cmpstrv (h2, ((const char * const[]) {
    "Bourgogne-Franche-Comté", "Bretagne", "Nouvelle-Aquitaine", NULL }));
  h3 = html_doc_texts (doc, "h3", NULL);
  g_assert_cmpstrv (h3, ((const char * const[]) {
    "Communauté d’agglomération", "Commune", "Conseil départemental", NULL }));
  regions = html_doc_find (doc, "section", "index-region");
  g_assert_cmpstr (g_hash_table_lookup (((HtmlElement *) g_ptr_array_index (regions, 0))->attributes, "id"),
                   ==, "bourgogne-franche-comte");
  g_assert_nonnull (strstr (index, "<a href=\"#bourgogne-franche-comte\">"));
  g_assert_nonnull (strstr (index, "id=\"bretagne--commune\""));
  anchors = html_doc_find (doc, "span", "tag");
  g_assert_cmpuint (anchors->len, ==, 1);

  for (i = 0; i < fiches->len; i++)
    {
      g_autofree char *page = rtes_html_page_name (g_ptr_array_index (fiches, i));
      g_autofree char *link = g_strdup_printf ("<a href=\"%s\">", page);

      g_assert_nonnull (strstr (index, link));
      check_page_file (out, page);
    }

  rtes_test_remove_tree (tmp);
}

static void
test_folder_replace (void)
{
  g_autoptr(GPtrArray) fiches = export_fixtures_load ();
  g_autoptr(GPtrArray) fewer = g_ptr_array_new ();
  g_autofree char *tmp = rtes_test_make_tmpdir ("html-replace");
  g_autofree char *out = g_build_filename (tmp, "site", NULL);
  g_autofree char *gone = g_build_filename (out, "commune-de-saint-aubin-des-pres.html", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (rtes_html_export (fiches, out, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (gone, G_FILE_TEST_EXISTS));

  /* A new export replaces the earlier one as a whole. */
  g_ptr_array_add (fewer, fixture (fiches, "conseil-departemental-des-hautes-landes"));
  g_assert_true (rtes_html_export (fewer, out, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
  check_page_file (out, "conseil-departemental-des-hautes-landes.html");
  assert_no_leftovers (tmp);

  rtes_test_remove_tree (tmp);
}

static void
test_folder_refuses (void)
{
  g_autoptr(GPtrArray) fiches = export_fixtures_load ();
  g_autofree char *tmp = rtes_test_make_tmpdir ("html-refuse");
  g_autofree char *out = g_build_filename (tmp, "documents", NULL);
  g_autofree char *notes = rtes_test_write_file (out, "notes.txt", "mes notes\n");
  g_autofree char *file = rtes_test_write_file (tmp, "fichier", "x");
  g_autoptr(GHashTable) before = rtes_test_snapshot_tree (tmp);
  g_autoptr(GError) error = NULL;

  /* A folder with someone's files is not an export to replace. */
  g_assert_false (rtes_html_export (fiches, out, NULL, NULL, NULL, &error));
  g_assert_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_TARGET);
  g_assert_nonnull (strstr (error->message, out));
  g_clear_error (&error);

  g_assert_false (rtes_html_export (fiches, file, NULL, NULL, NULL, &error));
  g_assert_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_TARGET);
  g_clear_error (&error);

  rtes_test_assert_tree_unchanged (before, tmp);
  rtes_test_remove_tree (tmp);
}

static void
count_progress (guint       done,
                guint       total,
                const char *name,
                gpointer    user_data)
{
  GCancellable *cancellable = ((gpointer *) user_data)[0];
  guint *calls = ((gpointer *) user_data)[1];

  (*calls)++;
  g_assert_cmpuint (done, <=, total);
  /* Cancel in the middle, as the window's Cancel button would. */
  if (done == 2 && cancellable != NULL)
    g_cancellable_cancel (cancellable);
}

static void
test_folder_cancel (void)
{
  g_autoptr(GPtrArray) fiches = export_fixtures_load ();
  g_autofree char *tmp = rtes_test_make_tmpdir ("html-cancel");
  g_autofree char *out = g_build_filename (tmp, "site", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  guint calls = 0;
  gpointer data[] = { cancellable, &calls };

  g_assert_false (rtes_html_export (fiches, out, count_progress, data, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (calls, ==, 3);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  assert_no_leftovers (tmp);

  rtes_test_remove_tree (tmp);
}

static void
test_empty_selection (void)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autofree char *tmp = rtes_test_make_tmpdir ("html-empty");
  g_autofree char *out = g_build_filename (tmp, "site", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (rtes_html_export (none, out, NULL, NULL, NULL, &error));
  g_assert_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_NOTHING);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  rtes_test_remove_tree (tmp);
}

static void
test_select (void)
{
  g_autofree char *source = export_fixtures_library ();
  g_autofree char *tmp = rtes_test_make_tmpdir ("html-select");
  g_autoptr(GDir) dir = g_dir_open (source, 0, NULL);
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) region = NULL;
  g_autoptr(GPtrArray) kind = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  const char * const wanted[] = { "conseil-departemental-des-hautes-landes",
                                  "commune-de-saint-aubin-des-pres", NULL };
  const char * const unknown[] = { "nulle-part", NULL };

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (source, name, NULL);
      g_autofree char *contents = rtes_test_read_file (path, NULL);
      g_autofree char *copy = rtes_test_write_file (tmp, name, contents);
    }
  library = rtes_library_open (tmp, &error);
  g_assert_no_error (error);

  all = rtes_export_select (library, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpstr (rtes_fiche_get_region (g_ptr_array_index (all, 0)), ==, "Bourgogne-Franche-Comté");

  region = rtes_export_select (library, NULL, "bourgogne franche comte", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (region->len, ==, 1);

  kind = rtes_export_select (library, NULL, NULL, "Conseil départemental", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kind->len, ==, 1);
  g_assert_cmpstr (rtes_fiche_get_id (g_ptr_array_index (kind, 0)), ==, "conseil-departemental-des-hautes-landes");

  /* Named fiches come back in export order, not command-line order. */
  ids = rtes_export_select (library, wanted, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpstr (rtes_fiche_get_id (g_ptr_array_index (ids, 0)), ==, "commune-de-saint-aubin-des-pres");

  missing = rtes_export_select (library, unknown, NULL, NULL, &error);
  g_assert_null (missing);
  g_assert_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_NOTHING);
  g_assert_nonnull (strstr (error->message, "nulle-part"));

  rtes_test_remove_tree (tmp);
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/export/format/french", test_format);
  g_test_add_func ("/export/html/page-structure", test_page_structure);
  g_test_add_func ("/export/html/draft", test_draft);
  g_test_add_func ("/export/html/hostile", test_hostile);
  g_test_add_func ("/export/html/noncharacters", test_noncharacters);
  g_test_add_func ("/export/html/index-anchors", test_index_anchors);
  g_test_add_func ("/export/html/folder", test_folder);
  g_test_add_func ("/export/html/folder-replace", test_folder_replace);
  g_test_add_func ("/export/html/folder-refuses", test_folder_refuses);
  g_test_add_func ("/export/html/folder-cancel", test_folder_cancel);
  g_test_add_func ("/export/html/empty-selection", test_empty_selection);
  g_test_add_func ("/export/select", test_select);

  return g_test_run ();
}
