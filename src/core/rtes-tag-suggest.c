/* rtes-tag-suggest.c: tags a fiche's own words point to
 *
 * Staff tag fiches with the ESS levers of the vocabulary (see the CRESS
 * pages in shared/context). A fiche's text usually names them already:
 * "clauses sociales dans les marchés publics", "un tiers-lieu",
 * "chantiers d'insertion". The editor suggests such tags and a person
 * accepts them; nothing here tags a fiche by itself.
 *
 * Keywords are folded (rtes_text_fold(), hyphens as spaces) and match
 * whole words; one ending in '*' matches any word beginning with it.
 * Short acronyms that are also ordinary words ("ami", "pat") are left out:
 * a wrong suggestion costs more attention than a missing one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rtes-tag-suggest.h"
#include "rtes-text.h"
#include "rtes-vocabulary.h"

typedef struct {
  const char *tag;
  const char *keywords[16];
} TagKeywords;

static const TagKeywords table[] = {
  { "elu-dedie", { "delegue a l'ess", "deleguee a l'ess", "delegue a l'economie sociale*",
                   "deleguee a l'economie sociale*", "adjoint a l'ess", "adjointe a l'ess",
                   "adjoint a l'economie sociale*", "adjointe a l'economie sociale*",
                   "vice president a l'ess", "vice presidente a l'ess",
                   "vice president en charge de l'ess", "vice presidente en charge de l'ess",
                   "elu a l'ess", "elue a l'ess", NULL } },
  { "commande-publique", { "clause sociale", "clauses sociales", "clause d'insertion",
                           "clauses d'insertion", "commande publique", "achat* responsable*",
                           "achat* socialement*", "spaser", "marche* reserve*",
                           "marche* public*", NULL } },
  { "appels-a-projets", { "appel a projet*", "appels a projet*", "appel a manifestation*",
                          "appels a manifestation*", "appel a initiative*", "appels a initiative*",
                          "appel a candidature*", NULL } },
  { "ptce", { "ptce", "pole territorial de cooperation*", "poles territoriaux de cooperation*", NULL } },
  { "dla", { "dla", "dispositif local d'accompagnement", NULL } },
  { "iae", { "iae", "siae", "insertion par l'activite economique", "chantier* d'insertion",
             "entreprise* d'insertion", "structure* d'insertion", "atelier* d'insertion",
             "entreprise* adaptee*", NULL } },
  { "economie-circulaire", { "economie circulaire", "recyclerie*", "ressourcerie*", "reemploi",
                             "repair cafe*", "recyclage", "zero dechet", NULL } },
  { "finance-solidaire", { "finance solidaire", "finances solidaires", "epargne solidaire",
                           "france active", "pret* d'honneur", "cigales", "financement participatif",
                           "fonds de garantie", NULL } },
  { "tiers-lieux", { "tiers lieu*", "fab lab*", "fablab*", "coworking", NULL } },
  { "cae", { "cae", "cooperative* d'activite*", NULL } },
  { "scop-scic", { "scop", "scops", "scic", "scics", "societe* cooperative*", NULL } },
  { "commerce-equitable", { "commerce equitable", "territoire de commerce equitable", NULL } },
  { "alimentation", { "alimentation durable", "projet alimentaire*", "projets alimentaires*",
                      "circuit* court*", "restauration collective", "epicerie* solidaire*",
                      "jardin* partage*", "agriculture biologique", NULL } },
  { "innovation-sociale", { "innovation sociale", "innovations sociales", "incubateur*",
                            "fabrique a initiatives", "territoire* zero chomeur*", "tzcld", NULL } },
};

/* Folded, hyphens as spaces: "tiers-lieux" and "tiers lieux" read alike. */
static char *
normalize (const char *text)
{
  char *folded = rtes_text_fold (text);

  for (char *p = folded; *p != '\0'; p++)
    if (*p == '-')
      *p = ' ';
  return folded;
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || (c & 0x80) != 0;
}

/* TRUE when @keyword (see the table) occurs in @text as whole words. The
 * '*' of a keyword may end any of its words ("achat* responsable*"). */
static gboolean
keyword_matches (const char *text,
                 const char *keyword)
{
  g_auto(GStrv) words = g_strsplit (keyword, " ", -1);
  g_autofree char *stem = g_strndup (words[0], strcspn (words[0], "*"));
  const char *p = text;

  /* Candidates are where the first word's stem occurs. */
  while ((p = strstr (p, stem)) != NULL)
    {
      const char *q = p;
      gboolean ok = p == text || !is_word_char (p[-1]);

      for (guint w = 0; ok && words[w] != NULL; w++)
        {
          gsize len = strlen (words[w]);
          gboolean prefix = len > 0 && words[w][len - 1] == '*';

          if (prefix)
            len--;
          if (strncmp (q, words[w], len) != 0)
            {
              ok = FALSE;
              break;
            }
          q += len;
          if (prefix)
            while (is_word_char (*q))
              q++;
          else if (is_word_char (*q))
            ok = FALSE;
          if (ok && words[w + 1] != NULL)
            {
              if (*q != ' ')
                ok = FALSE;
              else
                q++;
            }
        }
      if (ok)
        return TRUE;
      p++;
    }
  return FALSE;
}

static const TagKeywords *
keywords_of (const char *tag)
{
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_str_equal (table[i].tag, tag))
      return &table[i];
  return NULL;
}

const char *
rtes_tag_suggest_reason (const char *tag,
                         const char *text)
{
  const TagKeywords *entry = tag != NULL ? keywords_of (tag) : NULL;
  g_autofree char *normalized = NULL;

  if (entry == NULL || text == NULL)
    return NULL;
  normalized = normalize (text);
  for (guint k = 0; entry->keywords[k] != NULL; k++)
    if (keyword_matches (normalized, entry->keywords[k]))
      return entry->keywords[k];
  return NULL;
}

GStrv
rtes_tag_suggest_for_text (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *normalized = normalize (text != NULL ? text : "");

  /* The vocabulary's order, so suggestions read like the list of tags. */
  for (const RtesTerm *term = rtes_tags (); term->id != NULL; term++)
    {
      const TagKeywords *entry = keywords_of (term->id);

      for (guint k = 0; entry != NULL && entry->keywords[k] != NULL; k++)
        if (keyword_matches (normalized, entry->keywords[k]))
          {
            g_strv_builder_add (builder, term->id);
            break;
          }
    }
  return g_strv_builder_end (builder);
}

char *
rtes_tag_suggest_text_of (RtesFiche *fiche)
{
  GListModel *contacts = G_LIST_MODEL (rtes_fiche_get_contacts (fiche));
  GString *text = g_string_new (NULL);
  const char *sections[] = {
    rtes_fiche_get_panorama (fiche),
    rtes_fiche_get_budget_text (fiche),
    rtes_fiche_get_programme (fiche),
    rtes_fiche_get_actions (fiche),
  };

  /* Paragraph breaks between pieces: a keyword never spans two. */
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    g_string_append_printf (text, "%s\n\n", sections[i] != NULL ? sections[i] : "");
  for (guint i = 0; i < g_list_model_get_n_items (contacts); i++)
    {
      g_autoptr(RtesContact) contact = g_list_model_get_item (contacts, i);

      g_string_append_printf (text, "%s\n\n%s\n\n", rtes_contact_get_role (contact),
                              rtes_contact_get_title (contact));
    }
  return g_string_free (text, FALSE);
}

GStrv
rtes_tag_suggest (RtesFiche *fiche)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) found = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *tags;

  g_return_val_if_fail (RTES_IS_FICHE (fiche), g_new0 (char *, 1));

  text = rtes_tag_suggest_text_of (fiche);
  found = rtes_tag_suggest_for_text (text);
  tags = rtes_fiche_get_tags (fiche);
  for (guint i = 0; found[i] != NULL; i++)
    if (tags == NULL || !g_strv_contains (tags, found[i]))
      g_strv_builder_add (builder, found[i]);
  return g_strv_builder_end (builder);
}
