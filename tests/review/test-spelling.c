/* test-spelling.c: French spelling and the library's own dictionary
 *
 * Needs the French hunspell dictionary (Debian: hunspell-fr, installed by
 * tools/test like the rest of tools/debian-packages.txt); without it the
 * spelling tests skip and the library dictionary's still run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "rtes-library.h"
#include "rtes-speller.h"
#include "rtes-test-dictionary.h"
#include "rtes-test-util.h"
#include "rtes-word-list.h"

static RtesSpeller *speller;

static GPtrArray *
new_findings (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_finding_free);
}

static GPtrArray *
check (const char *text)
{
  GPtrArray *findings = new_findings ();

  rtes_speller_check_text (speller, "panorama", text, 0, -1, findings);
  for (guint i = 0; i < findings->len; i++)
    g_test_message ("unknown: «%s»", ((RtesFinding *) findings->pdata[i])->text);
  return findings;
}

static void
test_misspelling_found (void)
{
  const char *text = "L’économmie sociale et solidaire crée des emplois.";
  g_autoptr(GPtrArray) findings = check (text);
  g_auto(GStrv) suggestions = NULL;
  RtesFinding *f;

  g_assert_cmpuint (findings->len, ==, 1);
  f = findings->pdata[0];
  g_assert_cmpint (f->kind, ==, RTES_FINDING_SPELLING);
  g_assert_cmpint (f->severity, ==, RTES_FINDING_WARNING);
  g_assert_false (rtes_finding_is_blocking (f));
  g_assert_cmpstr (f->text, ==, "L’économmie");
  g_assert_cmpint (f->start, ==, 0);
  g_assert_cmpint (f->end, ==, (gssize) strlen ("L’économmie"));

  suggestions = rtes_speller_suggest (speller, "économmie");
  g_assert_true (g_strv_contains ((const char * const *) suggestions, "économie"));
}

static void
test_house_forms (void)
{
  g_autoptr(GPtrArray) findings = check ("Soutien à l’entreprenariat social.");
  g_auto(GStrv) suggestions = rtes_speller_suggest (speller, "entreprenariat");
  RtesFinding *f;

  /* The dictionary accepts it; the RTES writes entrepreneuriat. */
  g_assert_cmpuint (findings->len, ==, 1);
  f = findings->pdata[0];
  g_assert_cmpstr (f->text, ==, "l’entreprenariat");
  g_assert_cmpstr (f->suggestions[0], ==, "l’entrepreneuriat");
  g_assert_cmpstr (suggestions[0], ==, "entrepreneuriat");
}

static void
test_clean_french (void)
{
  static const char * const clean[] = {
    "L’économie sociale et solidaire (ESS) est au cœur du bloc communal.",
    "Les SCIC, les PTCE et la CRESS accompagnent les élu·es d’aujourd’hui.",
    "Tiers-lieux, recyclerie et jardins partagés : 12 projets en 2024.",
    "Voir https://www.exemple-inconnu.fr/pagezzz ou ecrire@mairiezzz.fr.",
    "Qu’il s’agisse de l’insertion ou de l’alimentation durable.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (clean); i++)
    {
      g_autoptr(GPtrArray) findings = check (clean[i]);

      g_assert_cmpuint (findings->len, ==, 0);
    }
}

static void
on_changed (RtesSpeller *s,
            guint       *count)
{
  (*count)++;
}

static void
test_library_words (void)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("grobulac", "Communauté de communes du Val de Grobulac");
  g_autoptr(RtesContact) contact = rtes_contact_new ();
  g_autoptr(GPtrArray) fiches = g_ptr_array_new ();
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) added = NULL;
  const char *text = "Les habitants de Grobulac et Mme Zorbinet à Vauxquillette, dans le Brunzoir.";
  const char *words[] = { "Brunzoir", NULL };
  guint changed = 0;
  gulong id = g_signal_connect (speller, "changed", G_CALLBACK (on_changed), &changed);

  before = check (text);
  g_assert_cmpuint (before->len, ==, 4);

  rtes_fiche_set_city (fiche, "Vauxquillette");
  rtes_contact_set_name (contact, "Irène Zorbinet");
  g_list_store_append (rtes_fiche_get_contacts (fiche), contact);
  g_ptr_array_add (fiches, fiche);
  rtes_speller_learn_fiches (speller, fiches);
  g_assert_cmpuint (changed, ==, 1);
  after = check (text);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpstr (((RtesFinding *) after->pdata[0])->text, ==, "Brunzoir");

  rtes_speller_add_words (speller, words);
  g_assert_cmpuint (changed, ==, 2);
  added = check (text);
  g_assert_cmpuint (added->len, ==, 0);
  /* Nothing new: no signal. */
  rtes_speller_add_words (speller, words);
  g_assert_cmpuint (changed, ==, 2);
  /* Elided and in compounds, a known word stays known. */
  g_assert_true (rtes_speller_check_word (speller, "d’Grobulac", -1));
  g_assert_true (rtes_speller_check_word (speller, "Grobulac-Centre", -1) ==
                 rtes_speller_check_word (speller, "Centre", -1));
  g_signal_handler_disconnect (speller, id);
}

static void
test_range_and_words (void)
{
  const char *text = "Premièrre phrase. Deuxièmme phrase. Troisièmme phrase.";
  const char *second = strstr (text, "Deuxièmme");
  g_autoptr(GPtrArray) findings = new_findings ();
  gsize start, end;

  /* Only the words touching the range: a keystroke's paragraph. */
  rtes_speller_check_text (speller, "actions", text, second - text + 3, second - text + 5, findings);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpstr (((RtesFinding *) findings->pdata[0])->text, ==, "Deuxièmme");
  g_assert_cmpstr (((RtesFinding *) findings->pdata[0])->field, ==, "actions");

  g_assert_true (rtes_speller_word_at (text, second - text + 4, &start, &end));
  g_assert_cmpuint (start, ==, (gsize) (second - text));
  g_assert_cmpuint (end, ==, start + strlen ("Deuxièmme"));
  g_assert_false (rtes_speller_word_at (text, strchr (text, '.') - text + 1, &start, &end));
}

static void
test_fiche (void)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("audincourt", "Audincourt");
  g_autoptr(RtesContact) contact = rtes_contact_new ();
  g_autoptr(GPtrArray) findings = new_findings ();

  rtes_fiche_set_panorama (fiche, "Un panoramma de l’ESS.");
  rtes_contact_set_name (contact, "Xyzzyqa Plughwort");
  rtes_contact_set_role (contact, "Chargée de mision");
  g_list_store_append (rtes_fiche_get_contacts (fiche), contact);
  rtes_speller_check_fiche (speller, fiche, findings);
  /* Names are not spell-checked; roles are. */
  g_assert_cmpuint (findings->len, ==, 2);
  g_assert_cmpstr (((RtesFinding *) findings->pdata[0])->field, ==, "panorama");
  g_assert_cmpstr (((RtesFinding *) findings->pdata[0])->id, ==, "audincourt");
  g_assert_cmpstr (((RtesFinding *) findings->pdata[1])->field, ==, "contacts[0].role");
  g_assert_cmpstr (((RtesFinding *) findings->pdata[1])->text, ==, "mision");
}

static void
test_no_dictionary (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesSpeller) none = rtes_speller_new ("zz_ZZ", &error);

  g_assert_null (none);
  g_assert_error (error, RTES_REVIEW_ERROR, RTES_REVIEW_ERROR_NO_DICTIONARY);
}

/* ---- the library's dictionary ---- */

static RtesLibraryDir *
open_dir (char **path)
{
  g_autoptr(GError) error = NULL;
  RtesLibraryDir *dir;

  *path = rtes_test_make_tmpdir ("word-list");
  dir = rtes_library_dir_open (*path, FALSE, &error);
  g_assert_no_error (error);
  return dir;
}

static void
test_word_list_round_trip (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RtesLibraryDir) dir = open_dir (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesWordList) list = rtes_word_list_load (dir, &error);
  g_autoptr(RtesWordList) again = NULL;
  g_auto(GStrv) words = NULL;
  g_autofree char *file = NULL;
  g_autofree char *contents = NULL;

  g_assert_no_error (error);
  words = rtes_word_list_dup_words (list);
  g_assert_cmpuint (g_strv_length (words), ==, 0);

  g_assert_true (rtes_word_list_add (list, "Grobulac", &error));
  g_assert_no_error (error);
  g_assert_true (rtes_word_list_add (list, "écolieu", &error));
  g_assert_true (rtes_word_list_add (list, "Grobulac", &error));
  g_assert_true (rtes_word_list_contains (list, "écolieu"));

  file = g_build_filename (path, ".rtes-fiches", "dictionary.txt", NULL);
  contents = rtes_test_read_file (file, NULL);
  g_assert_nonnull (strstr (contents, "\nGrobulac\nécolieu\n"));

  /* A colleague's words, added to the file meanwhile, are kept. */
  g_assert_true (g_file_set_contents (file, "# theirs\nZorbinet\nGrobulac\n", -1, NULL));
  g_assert_true (rtes_word_list_add (list, "Brunzoir", &error));
  again = rtes_word_list_load (dir, &error);
  g_assert_no_error (error);
  g_clear_pointer (&words, g_strfreev);
  words = rtes_word_list_dup_words (again);
  g_assert_cmpstrv (words, ((const char * const[]) { "Brunzoir", "Grobulac", "Zorbinet", NULL }));
  rtes_test_remove_tree (path);
}

static void
test_word_list_invalid (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RtesLibraryDir) dir = open_dir (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesWordList) list = rtes_word_list_load (dir, &error);
  g_autofree char *file = g_build_filename (path, ".rtes-fiches", "dictionary.txt", NULL);
  static const char * const refused[] = { "", "deux mots", "12", "a\tb", "\xff\xfe", "x\u202ey" };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (rtes_word_list_add (list, refused[i], &error));
      g_assert_error (error, RTES_REVIEW_ERROR, RTES_REVIEW_ERROR_INVALID_WORD);
      g_clear_error (&error);
    }
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  rtes_test_remove_tree (path);
}

static void
test_word_list_hostile (void)
{
  g_autofree char *path = NULL;
  g_autoptr(RtesLibraryDir) dir = open_dir (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RtesWordList) list = NULL;
  g_autofree char *state = g_build_filename (path, ".rtes-fiches", NULL);
  g_autofree char *file = g_build_filename (state, "dictionary.txt", NULL);
  g_autofree char *outside = g_build_filename (path, "outside.txt", NULL);
  g_autofree char *big = g_malloc (RTES_WORD_LIST_MAX_SIZE + 2);

  g_assert_cmpint (g_mkdir_with_parents (state, 0755), ==, 0);

  /* Not UTF-8: refused, naming the file and the line. */
  g_assert_true (g_file_set_contents (file, "bon\nma\xffuvais\n", -1, NULL));
  list = rtes_word_list_load (dir, &error);
  g_assert_null (list);
  g_assert_error (error, RTES_REVIEW_ERROR, RTES_REVIEW_ERROR_INVALID_WORD);
  g_assert_nonnull (strstr (error->message, "dictionary.txt:2:"));
  g_clear_error (&error);

  /* A NUL inside. */
  g_assert_true (g_file_set_contents (file, "bon\0cach\xc3\xa9\n", 12, NULL));
  g_assert_null (rtes_word_list_load (dir, &error));
  g_assert_error (error, RTES_REVIEW_ERROR, RTES_REVIEW_ERROR_INVALID_WORD);
  g_clear_error (&error);

  /* Larger than a dictionary may be. */
  memset (big, 'a', RTES_WORD_LIST_MAX_SIZE + 1);
  g_assert_true (g_file_set_contents (file, big, RTES_WORD_LIST_MAX_SIZE + 1, NULL));
  g_assert_null (rtes_word_list_load (dir, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_clear_error (&error);

  /* A link to a file outside the library is neither read nor replaced. */
  g_assert_cmpint (g_unlink (file), ==, 0);
  g_assert_true (g_file_set_contents (outside, "secret\n", -1, NULL));
  g_assert_cmpint (symlink (outside, file), ==, 0);
  g_assert_null (rtes_word_list_load (dir, &error));
  g_assert_error (error, RTES_LIBRARY_ERROR, RTES_LIBRARY_ERROR_UNSAFE_PATH);
  g_clear_error (&error);

  /* A FIFO does not block the reader. */
  g_assert_cmpint (g_unlink (file), ==, 0);
  g_assert_cmpint (mkfifo (file, 0600), ==, 0);
  g_assert_null (rtes_word_list_load (dir, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (g_unlink (file), ==, 0);

  /* Missing: an empty list, and adding writes the file. */
  list = rtes_word_list_load (dir, &error);
  g_assert_no_error (error);
  g_assert_true (rtes_word_list_add (list, "Grobulac", &error));
  g_assert_no_error (error);
  {
    g_autofree char *kept = rtes_test_read_file (outside, NULL);

    g_assert_cmpstr (kept, ==, "secret\n");
  }
  rtes_test_remove_tree (path);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  rtes_test_init (&argc, &argv);

  if (rtes_test_no_french_dictionary () == NULL)
    {
      speller = rtes_speller_new ("fr", &error);
      g_assert_no_error (error);
    }

  RTES_TEST_ADD_SPELLING ("/review/spelling/misspelling", test_misspelling_found);
  RTES_TEST_ADD_SPELLING ("/review/spelling/house-forms", test_house_forms);
  RTES_TEST_ADD_SPELLING ("/review/spelling/clean-french", test_clean_french);
  RTES_TEST_ADD_SPELLING ("/review/spelling/library-words", test_library_words);
  RTES_TEST_ADD_SPELLING ("/review/spelling/range-and-words", test_range_and_words);
  RTES_TEST_ADD_SPELLING ("/review/spelling/fiche", test_fiche);
  g_test_add_func ("/review/spelling/no-dictionary", test_no_dictionary);
  g_test_add_func ("/review/dictionary/round-trip", test_word_list_round_trip);
  g_test_add_func ("/review/dictionary/invalid-words", test_word_list_invalid);
  g_test_add_func ("/review/dictionary/hostile-file", test_word_list_hostile);

  status = g_test_run ();
  g_clear_object (&speller);
  return status;
}
