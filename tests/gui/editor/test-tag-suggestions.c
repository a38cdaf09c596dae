/* test-tag-suggestions.c: the identity page suggests tags from the text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "rtes-gui-widgets.h"
#include "rtes-identity-page.h"
#include "rtes-test-util.h"

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static char *
joined (const char * const *tags)
{
  return tags != NULL ? g_strjoinv (" ", (char **) tags) : g_strdup ("(none)");
}

static void
test_suggest_and_accept (void)
{
  g_autoptr(RtesFiche) fiche = rtes_fiche_new ("dijon", "Dijon");
  GtkWidget *page = rtes_identity_page_new ();
  GtkWindow *window = rtes_gui_test_show_in_window (page, 800, 600);
  GtkButton *button;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *more = NULL;
  g_autofree char *tags = NULL;

  rtes_fiche_set_programme (fiche, "- Des clauses sociales dans les marchés\n- Un tiers-lieu à la gare");
  rtes_fiche_set_tags (fiche, (const char *[]) { "dla", NULL });
  rtes_form_page_set_fiche (RTES_FORM_PAGE (page), fiche);
  drain ();

  before = joined (rtes_identity_page_get_suggested_tags (RTES_IDENTITY_PAGE (page)));
  g_assert_cmpstr (before, ==, "commande-publique tiers-lieux");

  /* One click accepts one: it becomes a chip. */
  button = rtes_identity_page_get_suggestion_button (RTES_IDENTITY_PAGE (page), "tiers-lieux");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  drain ();
  tags = joined (rtes_fiche_get_tags (fiche));
  g_assert_cmpstr (tags, ==, "dla tiers-lieux");
  g_assert_nonnull (rtes_identity_page_get_tag_remove_button (RTES_IDENTITY_PAGE (page), "tiers-lieux"));
  after = joined (rtes_identity_page_get_suggested_tags (RTES_IDENTITY_PAGE (page)));
  g_assert_cmpstr (after, ==, "commande-publique");
  g_assert_null (rtes_identity_page_get_suggestion_button (RTES_IDENTITY_PAGE (page), "tiers-lieux"));

  /* New words in another section bring a new suggestion. */
  rtes_fiche_set_actions (fiche, "Soutien à une SCIC de l'alimentation durable.");
  drain ();
  more = joined (rtes_identity_page_get_suggested_tags (RTES_IDENTITY_PAGE (page)));
  g_assert_cmpstr (more, ==, "commande-publique scop-scic alimentation");

  gtk_window_destroy (window);
  drain ();
}

int
main (int   argc,
      char *argv[])
{
  rtes_gui_test_init (&argc, &argv);

  g_test_add_func ("/editor/identity/tag-suggestions", test_suggest_and_accept);
  return g_test_run ();
}
