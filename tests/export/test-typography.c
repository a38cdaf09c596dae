/* test-typography.c: the exports' own French passes the review's typography
 *
 * The headings, labels and wording the exporters print, and a page they
 * write for a fiche whose own text is typographically right, hold to the
 * check the Relecture runs on fiches (rtes_review_typography() with ’ as
 * the rule): "Panorama de l’ESS", "Dernière mise à jour : …" with a
 * narrow no-break space.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "export-check.h"
#include "rtes-export.h"
#include "rtes-html-export.h"
#include "rtes-review.h"
#include "rtes-test-util.h"

static guint
count_findings (const char *text)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_finding_free);

  rtes_review_typography ("export", text, RTES_APOSTROPHES_CURLY, findings);
  for (guint i = 0; i < findings->len; i++)
    {
      RtesFinding *f = findings->pdata[i];

      g_test_message ("«%s»: %s in «%.*s»", f->text, f->message,
                      (int) MIN ((gssize) 60, (gssize) strlen (text) - MAX (0, f->start - 20)),
                      text + MAX (0, f->start - 20));
    }
  return findings->len;
}

static void
test_fixed_texts (void)
{
  g_autoptr(GPtrArray) texts = rtes_export_fixed_texts ();
  guint total = 0;

  g_assert_cmpuint (texts->len, >, 40);
  for (guint i = 0; i < texts->len; i++)
    total += count_findings (texts->pdata[i]);
  g_assert_cmpuint (total, ==, 0);
  g_assert_true (g_ptr_array_find_with_equal_func (texts, "Panorama de l’ESS sur le territoire",
                                                   g_str_equal, NULL));
}

static RtesFiche *
clean_fiche (void)
{
  RtesFiche *fiche = rtes_fiche_new ("communaute-d-agglomeration-de-grobulac",
                                     "Communauté d’agglomération de Grobulac");
  g_autoptr(RtesContact) contact = rtes_contact_new ();
  g_autoptr(RtesBudgetLine) line = rtes_budget_line_new ();
  const char *tags[] = { "dla", "iae", "elu-dedie", NULL };

  rtes_fiche_set_kind (fiche, "communaute-d-agglomeration");
  rtes_fiche_set_region (fiche, "Provence-Alpes-Côte d'Azur");
  rtes_fiche_set_population (fiche, 52000);
  rtes_fiche_set_member_since (fiche, 2014);
  rtes_fiche_set_updated (fiche, "2026-03-01");
  rtes_fiche_set_status (fiche, RTES_STATUS_DRAFT);
  rtes_fiche_set_postcode (fiche, "83000");
  rtes_fiche_set_city (fiche, "Grobulac");
  rtes_fiche_set_panorama (fiche, "L’ESS compte 412 établissements\u202f: associations, coopératives, mutuelles.");
  rtes_fiche_set_budget_text (fiche, "Un budget consacré à l’insertion.");
  rtes_fiche_set_programme (fiche, "1. accompagner les porteurs de projet\u202f;\n2. soutenir les SCIC.");
  rtes_fiche_set_actions (fiche, "- La recyclerie «\u202fLa Navette\u202f»\n- Un jardin partagé");
  rtes_fiche_set_tags (fiche, tags);
  rtes_contact_set_name (contact, "Irène Zorbinet");
  rtes_contact_set_role (contact, "Élue référente");
  rtes_contact_set_rtes_board (contact, TRUE);
  g_list_store_append (rtes_fiche_get_contacts (fiche), contact);
  rtes_budget_line_set_amount (line, 120000);
  rtes_budget_line_set_year (line, 2026);
  rtes_budget_line_set_forecast (line, TRUE);
  rtes_budget_line_set_section (line, RTES_SECTION_FONCTIONNEMENT);
  rtes_budget_line_set_label (line, "Soutien à l’économie de proximité");
  g_list_store_append (rtes_fiche_get_budget_lines (fiche), line);
  return fiche;
}

/* The text a reader sees: the page's body, without its markup. */
static char *
body_text (const char *html)
{
  g_autoptr(HtmlDoc) doc = html_doc_parse (html);
  g_autoptr(GPtrArray) bodies = html_doc_find (doc, "body", NULL);

  g_assert_cmpuint (bodies->len, ==, 1);
  return g_strdup (((HtmlElement *) bodies->pdata[0])->text->str);
}

static void
test_exported_pages (void)
{
  g_autoptr(RtesFiche) fiche = clean_fiche ();
  g_autoptr(GPtrArray) fiches = g_ptr_array_new ();
  g_autofree char *page = rtes_html_render_fiche (fiche, "index.html", "21/11/2026");
  g_autofree char *index = NULL;
  g_autofree char *page_text = body_text (page);
  g_autofree char *index_text = NULL;

  g_ptr_array_add (fiches, fiche);
  index = rtes_html_render_index (fiches, "21/11/2026");
  index_text = body_text (index);

  g_assert_nonnull (strstr (page_text, "Dernière mise à jour\u202f: 01/03/2026"));
  g_assert_nonnull (strstr (page_text, "Panorama de l’ESS sur le territoire"));
  g_assert_nonnull (strstr (page_text, "Dispositif local d’accompagnement (DLA)"));
  g_assert_cmpuint (count_findings (page_text), ==, 0);
  g_assert_cmpuint (count_findings (index_text), ==, 0);
}

static void
test_updated_line (void)
{
  g_autoptr(RtesFiche) fiche = clean_fiche ();
  g_autofree char *line = rtes_export_updated_line (fiche);

  g_assert_cmpstr (line, ==, "Dernière mise à jour\u202f: 01/03/2026");
  g_assert_cmpuint (count_findings (line), ==, 0);
  rtes_fiche_set_updated (fiche, NULL);
  g_assert_null (rtes_export_updated_line (fiche));
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/export/typography/fixed-texts", test_fixed_texts);
  g_test_add_func ("/export/typography/updated-line", test_updated_line);
  g_test_add_func ("/export/typography/exported-pages", test_exported_pages);

  return g_test_run ();
}
