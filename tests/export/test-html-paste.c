/* test-html-paste.c: what a paste from a web page or a word processor
 * becomes in a fiche
 *
 * The fixtures in tests/export/paste are written after what Word (its
 * clipboard HTML, Windows), LibreOffice Writer and a browser put on the
 * clipboard as text/html.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rtes-fiche-text.h"
#include "rtes-html-paste.h"
#include "rtes-test-util.h"

#define NBSP "\xc2\xa0"

static char *
convert_fixture (const char *name)
{
  g_autofree char *path = g_build_filename (EXPORT_TESTS_DIR, "paste", name, NULL);
  gsize length = 0;
  g_autofree char *html = rtes_test_read_file (path, &length);

  return rtes_fiche_text_from_html (html, length);
}

/* Nothing of the HTML is left in the text. */
static void
assert_no_markup (const char *text)
{
  const char *stray[] = { "<", ">", "&nbsp", "&amp", "mso-", "{", "}", "\r", "\t", "·", "  -" };

  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (stray); i++)
    if (strstr (text, stray[i]) != NULL && !(g_str_equal (stray[i], "  -")))
      g_error ("“%s” left in: %s", stray[i], text);
  g_assert_false (g_str_has_suffix (text, "\n"));
  g_assert_false (g_str_has_prefix (text, "\n"));
  g_assert_null (strstr (text, "\n\n\n"));
}

static guint
count_blocks (const char        *text,
              RtesTextBlockType  type)
{
  g_autoptr(RtesFicheText) parsed = rtes_fiche_text_parse (text);
  guint n = 0;

  for (guint i = 0; i < parsed->blocks->len; i++)
    if (((RtesTextBlock *) g_ptr_array_index (parsed->blocks, i))->type == type)
      n++;
  return n;
}

static void
test_word (void)
{
  g_autofree char *text = convert_fixture ("word.html");

  assert_no_markup (text);
  g_assert_cmpstr (text, ==,
                   "Le programme d’intervention 2022-2026\n"
                   "\n"
                   "La Communauté urbaine accompagne les structures de l’économie sociale et solidaire "
                   "(ESS) par trois leviers" NBSP ":\n"
                   "\n"
                   "- un appel à projets annuel doté de 150" NBSP "000" NBSP "€" NBSP ";\n"
                   "  - jury réuni en juin" NBSP ";\n"
                   "- des clauses sociales dans la commande publique" NBSP ";\n"
                   "- le soutien au [réseau des tiers-lieux](https://www.example.fr/tiers-lieux).\n"
                   "\n"
                   "Calendrier" NBSP ":\n"
                   "\n"
                   "1. diagnostic territorial" NBSP ";\n"
                   "2. vote du schéma en conseil.");
  /* Read back as fiche text: the lists are lists. */
  g_assert_cmpuint (count_blocks (text, RTES_TEXT_BLOCK_LIST), ==, 2);
  g_assert_cmpuint (count_blocks (text, RTES_TEXT_BLOCK_PARAGRAPH), ==, 3);
}

static void
test_libreoffice (void)
{
  g_autofree char *text = convert_fixture ("libreoffice.html");

  assert_no_markup (text);
  g_assert_cmpstr (text, ==,
                   "Panorama de l’ESS sur le territoire" NBSP ": 1" NBSP "200 établissements, "
                   "8" NBSP "% de l’emploi salarié.\n"
                   "\n"
                   "- Associations ([annuaire régional](https://www.example.org/annuaire?r=bfc&t=asso))\n"
                   "  - dont 40" NBSP "% dans le médico-social\n"
                   "- Coopératives" NBSP ": SCOP et SCIC\n"
                   "\n"
                   "3. Troisième point\n"
                   "4. Quatrième point\n"
                   "   sur deux lignes\n"
                   "\n"
                   "Contact" NBSP ": ess@example.fr");
  g_assert_cmpuint (count_blocks (text, RTES_TEXT_BLOCK_LIST), ==, 2);
}

static void
test_web_page (void)
{
  g_autofree char *text = convert_fixture ("web.html");
  g_autofree char *html = NULL;

  assert_no_markup (text);
  g_assert_cmpstr (text, ==,
                   "L’économie sociale et solidaire\n"
                   "\n"
                   "L’agglomération soutient l’ESS depuis 2015 «" NBSP "pour un territoire solidaire" NBSP "».\n"
                   "\n"
                   "Lire [la délibération](https://www.example.fr/deliberation%282015%29.pdf) ou partager ; "
                   "voir aussi https://www.example.fr/ess.\n"
                   "\n"
                   "Dispositif Montant\n"
                   "Fonds ESS 50 000 €\n"
                   "\n"
                   "Les chiffres clés" NBSP ":\n"
                   "\n"
                   "1. 1 200 emplois\n"
                   "2. 85 structures\n"
                   "  - dont 12 SCOP\n"
                   "\n"
                   "© 2024 Agglo – Haut de page");
  /* The links are links again once exported. */
  html = rtes_fiche_text_to_html (text);
  g_assert_nonnull (strstr (html, "href=\"https://www.example.fr/deliberation%282015%29.pdf\""));
  g_assert_nonnull (strstr (html, "href=\"https://www.example.fr/ess\""));
  g_assert_null (strstr (html, "javascript"));
}

static void
test_small_cases (void)
{
  const struct { const char *html; const char *text; } cases[] = {
    { "", "" },
    { "<p></p><p>&nbsp;</p>", "" },
    { "a &lt; b &amp;&amp; c &gt; d", "a < b && c > d" },
    { "a < b", "a < b" },
    { "un<br>deux<br><br>trois", "un\ndeux\ntrois" },
    { "<b>gras</b> et <i>italique</i>", "gras et italique" },
    { "&#146;&#8217;&#x2019;&bogus;&#xZZ;", "’’’&bogus;&#xZZ;" },
    { "<li>seul</li>", "- seul" },
    { "<a href=\"https://x.example/a\">https://x.example/a</a>", "https://x.example/a" },
    { "<a href=\"ftp://x.example/\">ftp</a>", "ftp" },
    { "<a href=\"https://x.example/\">[crochets]</a>", "[crochets] (https://x.example/)" },
    { "<p>ouvert <a href=\"https://x.example/\">sans fin", "ouvert [sans fin](https://x.example/)" },
    { "<p>tag <span", "tag" },
    { "<style>p{}</style><script>if (a<b) x();</script>reste", "reste" },
    { "x\xe2\x80\x8by\xc2\xad", "xy" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = rtes_fiche_text_from_html (cases[i].html, -1);

      if (g_strcmp0 (text, cases[i].text) != 0)
        g_error ("case %u: “%s” gave “%s”, not “%s”", i, cases[i].html, text, cases[i].text);
    }
}

/* Firefox offers text/html in UTF-16; Word saves pages in Windows-1252. */
static void
test_encodings (void)
{
  const char *html = "<p>Économie « solidaire »</p>";
  gsize length = 0;
  g_autofree char *utf16 = g_convert (html, -1, "UTF-16LE", "UTF-8", NULL, &length, NULL);
  g_autoptr(GString) with_bom = g_string_new_len ("\xff\xfe", 2);
  g_autofree char *latin = g_convert (html, -1, "WINDOWS-1252", "UTF-8", NULL, NULL, NULL);
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  g_string_append_len (with_bom, utf16, length);
  a = rtes_fiche_text_from_html (utf16, length);
  b = rtes_fiche_text_from_html (with_bom->str, with_bom->len);
  c = rtes_fiche_text_from_html (latin, -1);
  g_assert_cmpstr (a, ==, "Économie « solidaire »");
  g_assert_cmpstr (b, ==, "Économie « solidaire »");
  g_assert_cmpstr (c, ==, "Économie « solidaire »");
}

/* Hostile pastes: deep nesting and huge inputs cost linear work and give
 * text the format can hold. */
static void
test_hostile (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *big = NULL;
  g_autofree char *big_text = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append (deep, "<ul><li>x");
  text = rtes_fiche_text_from_html (deep->str, deep->len);
  assert_no_markup (text);
  /* Flattened at the format's depth: never more than ten spaces of indent. */
  g_assert_null (strstr (text, "           -"));

  big = g_strnfill (RTES_HTML_PASTE_MAX_BYTES + 1000, 'a');
  big_text = rtes_fiche_text_from_html (big, -1);
  g_assert_cmpuint (strlen (big_text), ==, RTES_HTML_PASTE_MAX_BYTES);
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/export/html-paste/word", test_word);
  g_test_add_func ("/export/html-paste/libreoffice", test_libreoffice);
  g_test_add_func ("/export/html-paste/web-page", test_web_page);
  g_test_add_func ("/export/html-paste/small-cases", test_small_cases);
  g_test_add_func ("/export/html-paste/encodings", test_encodings);
  g_test_add_func ("/export/html-paste/hostile", test_hostile);

  return g_test_run ();
}
