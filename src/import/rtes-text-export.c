/* rtes-text-export.c: parsing the RTES site's text export
 *
 * A text export is what a person gets by copying the site's member pages:
 * for each fiche, its name on a line of its own, then headings, labels and
 * values in some order, and the next fiche's name straight after the last
 * contact line. Blank lines mean nothing reliable, so the parser works in
 * two passes:
 *
 *  1. each line is classified on its own (banner, section heading, label
 *     such as "Type de collectivité", draft mark, or plain text), matching
 *     on folded keywords so that apostrophes, non-breaking spaces, trailing
 *     colons and wording variants of other regions do not matter;
 *  2. the lines are walked with one line of look-ahead: a short plain line
 *     followed by what opens a fiche is the name of a new fiche, and every
 *     other line goes to the section or label above it.
 *
 * Nothing is dropped: a line that fits no field becomes a note of its
 * fiche, kept in the fiche and listed in the import report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rtes-import-error.h"
#include "rtes-import-parse.h"
#include "rtes-imported-fiche.h"
#include "rtes-region.h"
#include "rtes-text-export.h"
#include "rtes-text.h"

typedef enum {
  SECTION_PANORAMA,
  SECTION_BUDGET,
  SECTION_PROGRAMME,
  SECTION_ACTIONS,
  N_SECTIONS
} Section;

typedef enum {
  LABEL_UPDATED,
  LABEL_MEMBER_SINCE,
  LABEL_KIND,
  LABEL_POPULATION,
  LABEL_ADDRESS,
  LABEL_REGION,
  LABEL_CONTACTS,
  N_LABELS
} Label;

typedef enum {
  KIND_BLANK,
  KIND_BANNER,
  KIND_HEADING,
  KIND_LABEL,
  KIND_DRAFT,
  KIND_BOARD,
  KIND_OTHER,
} LineKind;

typedef struct {
  RtesImportLine *line;
  LineKind        kind;
  int             which;         /* Section or Label */
  RtesImportLine *inline_value;  /* owned: text after a heading's or label's colon */
} Classified;

/* ----------------------------------------------------- classification */

static const char *label_phrases[N_LABELS][12] = {
  [LABEL_UPDATED] = { "derniere mise a jour", "date de mise a jour", "mise a jour le",
                      "mis a jour le", "mise a jour", NULL },
  [LABEL_MEMBER_SINCE] = { "annee d'adhesion au rtes", "annee d'adhesion", "adhesion au rtes",
                           "date d'adhesion", "adherent depuis", "adherente depuis",
                           "adherent du rtes depuis", "membre du rtes depuis", "membre depuis", NULL },
  [LABEL_KIND] = { "type de collectivite", "type de collectivite territoriale", "type de structure",
                   "type", "nature de la collectivite", "categorie de collectivite", "statut", NULL },
  [LABEL_POPULATION] = { "nombre d'habitants sur le territoire", "nombre d'habitants du territoire",
                         "nombre d'habitants", "population du territoire", "population",
                         "habitants", NULL },
  [LABEL_ADDRESS] = { "adresse", "adresse postale", "adresse du siege", "coordonnees", "siege", NULL },
  [LABEL_REGION] = { "region", NULL },
  [LABEL_CONTACTS] = { "contact public", "contacts publics", "contact(s) public(s)", "contact(s)",
                       "contacts", "contact", "interlocuteurs", "interlocuteur",
                       "personnes a contacter", "referents", NULL },
};

/* Labels whose value sits on the label's own line after some wording
 * without a colon ("Mise à jour le 02/03/2022", "Adhérent depuis 2001"). */
static gboolean
label_takes_trailing_value (Label label)
{
  return label == LABEL_UPDATED || label == LABEL_MEMBER_SINCE;
}

/* @folded without a trailing colon and white space. */
static char *
strip_colon (const char *folded)
{
  char *s = g_strdup (folded);
  gsize n = strlen (s);

  while (n > 0 && (s[n - 1] == ':' || s[n - 1] == ' '))
    s[--n] = '\0';
  return s;
}

static gboolean
has_digit (const char *s)
{
  for (; *s != '\0'; s++)
    if (g_ascii_isdigit (*s))
      return TRUE;
  return FALSE;
}

/* "Budget consacré à l'ESS en 2023" is a heading; "6.1 M€" is not. */
static gboolean
has_digit_besides_years (const char *s)
{
  for (const char *p = s; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        continue;
      if ((p == s || !g_ascii_isalnum (p[-1]))
          && (g_str_has_prefix (p, "19") || g_str_has_prefix (p, "20"))
          && g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3]) && !g_ascii_isalnum (p[4]))
        {
          p += 3;
          continue;
        }
      return TRUE;
    }
  return FALSE;
}

static guint
count_words (const char *s)
{
  guint n = 0;
  gboolean in_word = FALSE;

  for (; *s != '\0'; s++)
    {
      gboolean space = (*s == ' ');

      if (!space && !in_word)
        n++;
      in_word = !space;
    }
  return n;
}

/* TRUE if @word appears in @folded as a whole word ("l'ess", "ess"). */
static gboolean
has_token (const char *folded,
           const char *word)
{
  gsize n = strlen (word);

  for (const char *p = strstr (folded, word); p != NULL; p = strstr (p + 1, word))
    if ((p == folded || !g_ascii_isalnum (p[-1])) && !g_ascii_isalnum (p[n]))
      return TRUE;
  return FALSE;
}

/* Which section a heading (folded, without colon) opens, or -1. A heading
 * is short, has no digits and does not end a sentence; it starts with the
 * section's keyword and either is that keyword alone or says what it is
 * about ("… de l'ESS", "… soutenues par la collectivité"). */
static int
heading_section (const char *head)
{
  static const struct { const char *start; Section section; } starts[] = {
    { "panorama", SECTION_PANORAMA },
    { "budget", SECTION_BUDGET },
    { "moyens", SECTION_BUDGET },
    { "ressources consacrees", SECTION_BUDGET },
    { "programme", SECTION_PROGRAMME },
    { "politique", SECTION_PROGRAMME },
    { "strategie", SECTION_PROGRAMME },
    { "plan d'action", SECTION_PROGRAMME },
    { "exemples", SECTION_ACTIONS },
    { "exemple", SECTION_ACTIONS },
    { "actions", SECTION_ACTIONS },
    { "realisations", SECTION_ACTIONS },
    { "projets soutenus", SECTION_ACTIONS },
  };
  static const char *about[] = {
    "ess", "economie sociale", "solidaire", "territoire", "collectivite", "champ",
    "consacre", "dedie", "annuel", "affecte", "soutenu", "mene", "intervention",
    "moyens", "action", NULL,
  };
  gsize len = strlen (head);

  if (len == 0 || len > 120 || has_digit_besides_years (head) || head[len - 1] == '.'
      || count_words (head) > 16)
    return -1;

  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    {
      gsize n = strlen (starts[i].start);

      if (!g_str_has_prefix (head, starts[i].start) || g_ascii_isalpha (head[n]))
        continue;
      if (count_words (head) <= 2)
        return starts[i].section;
      for (guint a = 0; about[a] != NULL; a++)
        if (has_token (head + n, about[a]) || (strlen (about[a]) > 4 && strstr (head + n, about[a]) != NULL))
          return starts[i].section;
      return -1;
    }
  return -1;
}

static int
label_for_phrase (const char *head)
{
  for (int l = 0; l < N_LABELS; l++)
    for (guint p = 0; label_phrases[l][p] != NULL; p++)
      if (g_str_equal (head, label_phrases[l][p]))
        return l;
  return -1;
}

/* Offset in @text just after what separates a label from its value: the
 * first colon, else a tab ("Type de collectivité<TAB>Métropole", as a
 * table copied from a page gives), or 0. */
static gsize
after_colon (const char *text)
{
  const char *colon = strchr (text, ':');
  const char *tab;

  /* "https://…" is not a label's colon. */
  if (colon != NULL && !g_str_has_prefix (colon, "://"))
    return colon - text + 1;
  tab = strchr (text, '\t');
  return tab != NULL ? (gsize) (tab - text + 1) : 0;
}

static void
classify (Classified *c)
{
  RtesImportLine *line = c->line;
  g_autofree char *head = NULL;
  gsize value_at;
  int which;

  c->kind = KIND_OTHER;
  if (line->text[0] == '\0')
    {
      c->kind = KIND_BLANK;
      return;
    }
  if (g_str_has_prefix (line->folded, "reseau des collectivites territoriales pour une economie solidaire"))
    {
      c->kind = KIND_BANNER;
      return;
    }
  if (g_str_has_prefix (line->folded, "fiche en cours de redaction")
      || g_str_equal (line->folded, "en cours de redaction"))
    {
      c->kind = KIND_DRAFT;
      return;
    }
  if (strlen (line->folded) < 80 && strstr (line->folded, "rtes") != NULL
      && (strstr (line->folded, "administrat") != NULL
          || strstr (line->folded, "conseil d'administration") != NULL))
    {
      c->kind = KIND_BOARD;
      return;
    }

  /* The whole line as a heading or a label. */
  head = strip_colon (line->folded);
  if ((which = heading_section (head)) >= 0)
    {
      c->kind = KIND_HEADING;
      c->which = which;
      return;
    }
  if ((which = label_for_phrase (head)) >= 0)
    {
      c->kind = KIND_LABEL;
      c->which = which;
      return;
    }

  /* "Label : value" and "Heading : first line of the section". */
  value_at = after_colon (line->text);
  if (value_at > 0)
    {
      g_autofree char *before = g_strndup (line->text, value_at - 1);
      g_autofree char *before_folded = rtes_text_fold (before);
      const char *value = line->text + value_at;

      g_strstrip (before_folded);
      if ((which = label_for_phrase (before_folded)) >= 0)
        {
          c->kind = KIND_LABEL;
          c->which = which;
          c->inline_value = rtes_import_line_new (line->number, value, strlen (value));
          return;
        }
      if ((which = heading_section (before_folded)) >= 0)
        {
          c->kind = KIND_HEADING;
          c->which = which;
          c->inline_value = rtes_import_line_new (line->number, value, strlen (value));
          return;
        }
    }

  /* "Mise à jour le 02/03/2022", "Adhérent depuis 2001". */
  for (int l = 0; l < N_LABELS; l++)
    {
      if (!label_takes_trailing_value (l) || strlen (line->folded) > 60)
        continue;
      for (guint p = 0; label_phrases[l][p] != NULL; p++)
        {
          const char *phrase = label_phrases[l][p];

          if (g_str_has_prefix (line->folded, phrase) && has_digit (line->folded + strlen (phrase)))
            {
              /* Same number of characters folded and not: skip as many. */
              const char *v = g_utf8_offset_to_pointer (line->text, g_utf8_strlen (phrase, -1));

              c->kind = KIND_LABEL;
              c->which = l;
              c->inline_value = rtes_import_line_new (line->number, v, strlen (v));
              return;
            }
        }
    }
}

/* A fiche's name: a short line of its own that is not a sentence, a list
 * item, a label's value or a URL. */
static gboolean
is_name_like (Classified *c)
{
  const char *text = c->line->text;
  gsize len = strlen (text);
  const char *last;
  gunichar end;
  gboolean letter = FALSE;

  if (c->kind != KIND_OTHER || len == 0 || len > 150 || c->line->indent > 0)
    return FALSE;
  /* Labels, addresses, e-mails, and breadcrumbs ("Accueil > Adhérents"). */
  if (strchr (text, ':') != NULL || strstr (text, "www.") != NULL || strchr (text, '@') != NULL
      || strchr (text, '>') != NULL || strchr (text, '|') != NULL || strstr (text, "\u00BB") != NULL)
    return FALSE;
  if (g_ascii_isdigit (text[0]) || count_words (c->line->folded) > 15)
    return FALSE;
  last = g_utf8_find_prev_char (text, text + len);
  end = g_utf8_get_char (last);
  if (end == '.' || end == ',' || end == ';' || end == 0x2026 || end == '!' || end == '?')
    return FALSE;
  {
    gunichar first = g_utf8_get_char (text);

    if (first == '-' || first == '.' || first == '*' || first == 0x2022 || first == 0x2013 || first == 0x00B7)
      return FALSE;
  }
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      {
        letter = TRUE;
        break;
      }
  /* A country closes an address; it never names a member. */
  return letter && !g_str_equal (c->line->folded, "france");
}

/* ------------------------------------------------------------ builder */

typedef enum {
  STATE_TOP,      /* after the name, before any section or label */
  STATE_SECTION,
  STATE_LABEL,
} State;

typedef struct {
  guint      start_line;
  char      *name;
  gboolean   draft;
  GPtrArray *sections[N_SECTIONS];       /* RtesImportLine*, not owned; NULL: not seen */
  char      *headings[N_SECTIONS];
  GPtrArray *labels[N_LABELS];           /* value lines; NULL: not seen */
  GPtrArray *orphans;                    /* lines before any section or label */
  State      state;
  int        which;
  int        last_section;
} Builder;

static Builder *
builder_new (guint       line,
             const char *name)
{
  Builder *b = g_new0 (Builder, 1);

  b->start_line = line;
  b->name = g_strdup (name);
  b->orphans = g_ptr_array_new ();
  b->last_section = -1;
  return b;
}

static void
builder_free (Builder *b)
{
  if (b == NULL)
    return;
  for (guint i = 0; i < N_SECTIONS; i++)
    {
      g_clear_pointer (&b->sections[i], g_ptr_array_unref);
      g_free (b->headings[i]);
    }
  for (guint i = 0; i < N_LABELS; i++)
    g_clear_pointer (&b->labels[i], g_ptr_array_unref);
  g_ptr_array_unref (b->orphans);
  g_free (b->name);
  g_free (b);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Builder, builder_free)

static gboolean
opens_fiche (Classified *next)
{
  if (next == NULL)
    return FALSE;
  if (next->kind == KIND_HEADING || next->kind == KIND_DRAFT)
    return TRUE;
  return next->kind == KIND_LABEL
         && (next->which == LABEL_UPDATED || next->which == LABEL_MEMBER_SINCE
             || next->which == LABEL_KIND || next->which == LABEL_POPULATION
             || next->which == LABEL_ADDRESS);
}

/* Is @c, a name-like line followed by @next, the start of a new fiche
 * rather than a line of the current one? */
static gboolean
starts_new_fiche (Builder    *b,
                  Classified *next)
{
  if (!opens_fiche (next))
    return FALSE;
  if (b == NULL)
    return TRUE;
  /* These open a fiche and appear once in it. */
  if (next->kind == KIND_DRAFT || (next->kind == KIND_LABEL && next->which == LABEL_UPDATED))
    return TRUE;
  /* Something the current fiche already has: the page moved on. */
  if (next->kind == KIND_HEADING
      && (b->sections[next->which] != NULL || next->which < b->last_section))
    return TRUE;
  if (next->kind == KIND_LABEL && b->labels[next->which] != NULL)
    return TRUE;
  /* The identity block and its contacts close a fiche on the site: a
   * name line there followed by a section or a type opens the next one,
   * even after a fiche with no section at all. (A fiche whose identity
   * comes first keeps its sections: its contact lines have colons, and
   * are never taken for a name.) */
  if (b->state == STATE_LABEL
      && (next->kind == KIND_HEADING || (next->kind == KIND_LABEL && next->which == LABEL_KIND)))
    return TRUE;
  return FALSE;
}

/* Is line @i, a name-like line, the name of a new fiche? A sentence may
 * sit between a name and its fiche ("Commune rurale du sud Aveyron,
 * 8 000 habitants."): look past one line that could not be a name. Two
 * name-like lines in a row are never skipped: the one nearer the fiche is
 * its name, the other the end of the previous fiche ("Projet en cours",
 * a contact's name on its own line). */
static gboolean
starts_new_fiche_at (Builder    *b,
                     Classified *classified,
                     guint      *next_nonblank,
                     guint       n_lines,
                     guint       i)
{
  guint next = next_nonblank[i];
  guint after;

  if (next >= n_lines)
    return FALSE;
  if (starts_new_fiche (b, &classified[next]))
    return TRUE;
  if (classified[next].kind != KIND_OTHER || is_name_like (&classified[next]))
    return FALSE;
  after = next_nonblank[next];
  return after < n_lines && starts_new_fiche (b, &classified[after]);
}

/* -------------------------------------------------------- fiche fields */

static void
note_extra_lines (RtesImportedFiche *imported,
                  const char        *label,
                  GPtrArray         *values,
                  guint              from)
{
  for (guint i = from; i < values->len; i++)
    {
      RtesImportLine *line = g_ptr_array_index (values, i);
      /* "Département : Doubs" under the address says what it is; a bare
       * value is prefixed with the label it was found under. */
      g_autofree char *text = strchr (line->text, ':') != NULL
                              ? g_strdup (line->text)
                              : g_strdup_printf ("%s : %s", label, line->text);

      rtes_imported_fiche_add_note (imported, line->number, text);
    }
}

static void
apply_address (RtesImportedFiche *imported,
               GPtrArray         *values)
{
  RtesFiche *fiche = rtes_imported_fiche_get_fiche (imported);
  g_autoptr(GPtrArray) street = g_ptr_array_new ();
  int postcode_at = -1;
  g_autofree char *postcode = NULL;
  g_autofree char *city = NULL;
  g_autofree char *street_part = NULL;
  g_autoptr(GRegex) own_line = g_regex_new ("^(?:F-?)?(\\d{2}) ?(\\d{3})\\s+(\\S.*)$", 0, 0, NULL);
  /* "8 avenue Aristide Briand 25400 Audincourt" on one line. */
  g_autoptr(GRegex) in_line = g_regex_new ("^(.*?\\S)[\\s,\\x{2013}-]+(\\d{5})\\s+(\\D.*)$", 0, 0, NULL);
  guint next;

  for (guint i = 0; i < values->len && postcode_at < 0; i++)
    {
      RtesImportLine *line = g_ptr_array_index (values, i);
      g_autoptr(GMatchInfo) match = NULL;

      if (g_regex_match (own_line, line->text, 0, &match))
        {
          g_autofree char *a = g_match_info_fetch (match, 1);
          g_autofree char *b = g_match_info_fetch (match, 2);

          postcode = g_strconcat (a, b, NULL);
          city = g_match_info_fetch (match, 3);
          postcode_at = i;
        }
    }
  for (guint i = 0; i < values->len && postcode_at < 0; i++)
    {
      RtesImportLine *line = g_ptr_array_index (values, i);
      g_autoptr(GMatchInfo) match = NULL;

      if (g_regex_match (in_line, line->text, 0, &match))
        {
          street_part = g_match_info_fetch (match, 1);
          postcode = g_match_info_fetch (match, 2);
          city = g_match_info_fetch (match, 3);
          postcode_at = i;
        }
    }

  if (postcode_at < 0)
    {
      /* No "postcode city" line: every line is kept as a street line. */
      for (guint i = 0; i < values->len; i++)
        g_ptr_array_add (street, ((RtesImportLine *) g_ptr_array_index (values, i))->text);
      g_ptr_array_add (street, NULL);
      rtes_fiche_set_address_lines (fiche, (const char * const *) street->pdata);
      rtes_imported_fiche_add_fields (imported, RTES_IMPORT_FIELD_ADDRESS);
      /* Kept, but a person should check it: say so in the report. */
      if (values->len > 0)
        {
          RtesImportLine *first = g_ptr_array_index (values, 0);

          rtes_imported_fiche_add_placed (imported, first->number, first->text,
                                          _("the address lines, as no postcode was found"));
        }
      return;
    }

  for (int i = 0; i < postcode_at; i++)
    g_ptr_array_add (street, ((RtesImportLine *) g_ptr_array_index (values, i))->text);
  if (street_part != NULL)
    g_ptr_array_add (street, street_part);
  g_ptr_array_add (street, NULL);
  rtes_fiche_set_address_lines (fiche, (const char * const *) street->pdata);
  rtes_fiche_set_postcode (fiche, postcode);
  rtes_fiche_set_city (fiche, g_strstrip (city));

  next = postcode_at + 1;
  if (next < values->len)
    {
      RtesImportLine *line = g_ptr_array_index (values, next);

      if (!has_digit (line->text) && strlen (line->text) <= 40 && count_words (line->folded) <= 4)
        {
          rtes_fiche_set_country (fiche, line->text);
          next++;
        }
      else
        rtes_fiche_set_country (fiche, "France");
    }
  else
    rtes_fiche_set_country (fiche, "France");

  note_extra_lines (imported, "Adresse", values, next);
  rtes_imported_fiche_add_fields (imported, RTES_IMPORT_FIELD_ADDRESS);
}

static void
apply_labels (Builder           *b,
              RtesImportedFiche *imported)
{
  RtesFiche *fiche = rtes_imported_fiche_get_fiche (imported);
  GPtrArray *v;

  if ((v = b->labels[LABEL_UPDATED]) != NULL && v->len > 0)
    {
      RtesImportLine *line = g_ptr_array_index (v, 0);
      g_autofree char *date = rtes_import_parse_date (line->text);

      if (date != NULL)
        {
          rtes_fiche_set_updated (fiche, date);
          rtes_imported_fiche_add_fields (imported, RTES_IMPORT_FIELD_UPDATED);
        }
      note_extra_lines (imported, "Dernière mise à jour", v, date != NULL ? 1 : 0);
    }

  if ((v = b->labels[LABEL_MEMBER_SINCE]) != NULL && v->len > 0)
    {
      RtesImportLine *line = g_ptr_array_index (v, 0);
      gint64 year = rtes_import_parse_year (line->text);

      if (year != RTES_NO_NUMBER)
        {
          rtes_fiche_set_member_since (fiche, year);
          rtes_imported_fiche_add_fields (imported, RTES_IMPORT_FIELD_MEMBER_SINCE);
        }
      note_extra_lines (imported, "Année d'adhésion au RTES", v, year != RTES_NO_NUMBER ? 1 : 0);
    }

  if ((v = b->labels[LABEL_KIND]) != NULL && v->len > 0)
    {
      RtesImportLine *line = g_ptr_array_index (v, 0);
      const char *kind = rtes_import_kind_for_label (line->text);

      rtes_imported_fiche_add_fields (imported, RTES_IMPORT_FIELD_KIND);
      /* A kind the format does not list: "other", wording kept. */
      rtes_fiche_set_kind (fiche, kind != NULL ? kind : "other");
      note_extra_lines (imported, "Type de collectivité", v, kind != NULL ? 1 : 0);
    }

  if ((v = b->labels[LABEL_POPULATION]) != NULL)
    {
      rtes_imported_fiche_add_fields (imported, RTES_IMPORT_FIELD_POPULATION);
      rtes_fiche_set_population (fiche, RTES_NO_NUMBER);
      rtes_fiche_set_population_note (fiche, "");
      if (v->len > 0)
        {
          RtesImportLine *line = g_ptr_array_index (v, 0);
          gboolean sentence = FALSE;
          gint64 population = rtes_import_parse_population (line->text, &sentence);

          rtes_fiche_set_population (fiche, population);
          if (sentence)
            rtes_fiche_set_population_note (fiche, line->text);
          note_extra_lines (imported, "Nombre d'habitants", v, 1);
        }
    }

  if ((v = b->labels[LABEL_ADDRESS]) != NULL && v->len > 0)
    apply_address (imported, v);

  /* The région as given; when the export leaves it empty, the one of the
   * postcode's département. */
  {
    const char *region = NULL;

    v = b->labels[LABEL_REGION];
    if (v != NULL && v->len > 0)
      {
        RtesImportLine *line = g_ptr_array_index (v, 0);

        region = rtes_region_match (line->text);
        note_extra_lines (imported, "Région", v, region != NULL ? 1 : 0);
      }
    if (region == NULL && rtes_imported_fiche_has_field (imported, RTES_IMPORT_FIELD_ADDRESS))
      region = rtes_region_for_postcode (rtes_fiche_get_postcode (fiche));
    if (region != NULL)
      {
        rtes_fiche_set_region (fiche, region);
        rtes_imported_fiche_add_fields (imported, RTES_IMPORT_FIELD_REGION);
      }
  }

  if ((v = b->labels[LABEL_CONTACTS]) != NULL)
    {
      g_autoptr(GPtrArray) contacts = rtes_import_contacts (v, imported);

      rtes_fiche_replace_items (rtes_fiche_get_contacts (fiche), contacts);
      rtes_imported_fiche_add_fields (imported, RTES_IMPORT_FIELD_CONTACTS);
    }
}

/* A line of a section that reads like a heading the importer does not
 * know ("Présentation du PTCE"): short, capitalised, no punctuation at
 * its end, not a list item, and more text after it. It stays in the
 * section, and the report points at it. */
static void
report_unknown_headings (GPtrArray         *lines,
                         const char        *field,
                         RtesImportedFiche *imported)
{
  for (guint i = 0; i + 1 < lines->len; i++)
    {
      RtesImportLine *line = g_ptr_array_index (lines, i);
      const char *text = line->text;
      gsize len = strlen (text);
      gunichar last;
      gboolean more = FALSE;

      if (len == 0 || len > 80 || line->indent > 0 || rtes_import_is_list_item (text))
        continue;
      last = g_utf8_get_char (g_utf8_find_prev_char (text, text + len));
      if (!g_unichar_isalnum (last) || !g_unichar_isupper (g_utf8_get_char (text))
          || count_words (line->folded) < 2)
        continue;
      for (guint j = i + 1; j < lines->len && !more; j++)
        more = ((RtesImportLine *) g_ptr_array_index (lines, j))->text[0] != '\0';
      if (more)
        {
          /* Translators: %s is a fiche member ("programme", "actions"). */
          g_autofree char *where = g_strdup_printf (_("%s, as text (an unknown heading?)"), field);

          rtes_imported_fiche_add_placed (imported, line->number, text, where);
        }
    }
}

static void
apply_sections (Builder           *b,
                RtesImportedFiche *imported)
{
  static const char *field_names[N_SECTIONS] = { "panorama", "budget", "programme", "actions" };
  RtesFiche *fiche = rtes_imported_fiche_get_fiche (imported);
  static const RtesImportFields fields[N_SECTIONS] = {
    RTES_IMPORT_FIELD_PANORAMA, RTES_IMPORT_FIELD_BUDGET,
    RTES_IMPORT_FIELD_PROGRAMME, RTES_IMPORT_FIELD_ACTIONS,
  };

  for (guint s = 0; s < N_SECTIONS; s++)
    {
      g_autofree char *text = NULL;

      if (b->sections[s] == NULL)
        continue;
      text = rtes_import_section_text (b->sections[s]);
      rtes_imported_fiche_add_fields (imported, fields[s]);
      report_unknown_headings (b->sections[s], field_names[s], imported);
      switch (s)
        {
        case SECTION_PANORAMA:
          rtes_fiche_set_panorama (fiche, text);
          break;
        case SECTION_BUDGET:
          {
            g_autoptr(GPtrArray) lines = rtes_import_budget_lines (b->headings[s], b->sections[s]);

            rtes_fiche_set_budget_text (fiche, text);
            rtes_fiche_replace_items (rtes_fiche_get_budget_lines (fiche), lines);
          }
          break;
        case SECTION_PROGRAMME:
          rtes_fiche_set_programme (fiche, text);
          break;
        case SECTION_ACTIONS:
        default:
          rtes_fiche_set_actions (fiche, text);
          break;
        }
    }
}

static RtesImportedFiche *
builder_finish (Builder *b)
{
  g_autofree char *id = rtes_id_from_name (b->name);
  g_autoptr(RtesFiche) fiche = rtes_fiche_new (id, b->name);
  g_autoptr(RtesImportedFiche) imported = rtes_imported_fiche_new (fiche, b->start_line);

  rtes_fiche_set_status (fiche, b->draft ? RTES_STATUS_DRAFT : RTES_STATUS_PUBLISHED);
  rtes_imported_fiche_add_fields (imported, RTES_IMPORT_FIELD_NAME | RTES_IMPORT_FIELD_STATUS);

  /* Text between the name and the first section has no field of its own. */
  for (guint i = 0; i < b->orphans->len; i++)
    {
      RtesImportLine *line = g_ptr_array_index (b->orphans, i);

      rtes_imported_fiche_add_note (imported, line->number, line->text);
    }

  apply_sections (b, imported);
  apply_labels (b, imported);
  return g_steal_pointer (&imported);
}

static void
builder_add_line (Builder        *b,
                  RtesImportLine *line)
{
  switch (b->state)
    {
    case STATE_SECTION:
      g_ptr_array_add (b->sections[b->which], line);
      break;
    case STATE_LABEL:
      g_ptr_array_add (b->labels[b->which], line);
      break;
    case STATE_TOP:
    default:
      g_ptr_array_add (b->orphans, line);
      break;
    }
}

/* ----------------------------------------------------------- the parse */

static GPtrArray *
split_lines (const char *data,
             gsize       length)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_import_line_free);
  const char *p = data;
  const char *end = data + length;
  guint number = 1;
  /* Old Mac exports end lines with a lone CR. */
  gboolean cr_only = memchr (data, '\n', length) == NULL;
  char eol = cr_only ? '\r' : '\n';

  while (p < end)
    {
      const char *nl = memchr (p, eol, end - p);
      const char *line_end = nl ? nl : end;
      gsize n = line_end - p;

      if (n > 0 && p[n - 1] == '\r')
        n--;
      g_ptr_array_add (lines, rtes_import_line_new (number++, p, n));
      if (nl == NULL)
        break;
      p = nl + 1;
    }
  return lines;
}

GPtrArray *
rtes_text_export_parse (const char  *data,
                        gsize        length,
                        const char  *source,
                        GPtrArray   *warnings,
                        GError     **error)
{
  g_autoptr(GPtrArray) lines = split_lines (data, length);
  g_autofree Classified *classified = g_new0 (Classified, lines->len + 1);
  g_autofree guint *next_nonblank = g_new0 (guint, lines->len + 1);
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(Builder) b = NULL;
  gboolean awaits_value = FALSE;

  for (guint i = 0; i < lines->len; i++)
    {
      classified[i].line = g_ptr_array_index (lines, i);
      classify (&classified[i]);
    }
  /* next_nonblank[i]: index of the first non-blank line after i. */
  next_nonblank[lines->len] = lines->len;
  for (guint i = lines->len; i > 0; i--)
    {
      guint j = i - 1;

      next_nonblank[j] = (j + 1 < lines->len && classified[j + 1].kind != KIND_BLANK)
                         ? j + 1 : next_nonblank[j + 1];
      if (j + 1 >= lines->len)
        next_nonblank[j] = lines->len;
    }

  for (guint i = 0; i < lines->len; i++)
    {
      Classified *c = &classified[i];
      gboolean after_colon_line = awaits_value;

      if (c->kind == KIND_BLANK || c->kind == KIND_BANNER)
        {
          /* A section keeps its blank lines: they tell a wrapped list
           * item from a paragraph after the list. */
          if (c->kind == KIND_BLANK && b != NULL && b->state == STATE_SECTION)
            g_ptr_array_add (b->sections[b->which], c->line);
          continue;
        }
      /* "Élu référent :" then "Jean Dupont": the line under a role (or a
       * label) is its value, never the name of the next fiche. */
      awaits_value = g_str_has_suffix (c->line->text, ":");

      if (!after_colon_line && is_name_like (c)
          && starts_new_fiche_at (b, classified, next_nonblank, lines->len, i))
        {
          if (b != NULL)
            g_ptr_array_add (result, builder_finish (b));
          g_clear_pointer (&b, builder_free);
          b = builder_new (c->line->number, c->line->text);
          continue;
        }

      if (b == NULL)
        {
          if (warnings != NULL)
            /* Translators: %s is the export's file name or URL, %u a line. */
            g_ptr_array_add (warnings, g_strdup_printf (_("%s:%u: text outside any fiche, not imported: “%s”"),
                                                        source, c->line->number, c->line->text));
          continue;
        }

      switch (c->kind)
        {
        case KIND_DRAFT:
          b->draft = TRUE;
          break;

        case KIND_HEADING:
          if (b->sections[c->which] != NULL)
            {
              /* Said twice: the second heading is text of the section. */
              builder_add_line (b, c->line);
              break;
            }
          b->sections[c->which] = g_ptr_array_new ();
          /* The heading's own words, without a value on its line. */
          b->headings[c->which] = c->inline_value != NULL
                                  ? g_strndup (c->line->text, after_colon (c->line->text) - 1)
                                  : g_strdup (c->line->text);
          b->state = STATE_SECTION;
          b->which = c->which;
          b->last_section = MAX (b->last_section, c->which);
          if (c->inline_value != NULL)
            g_ptr_array_add (b->sections[c->which], c->inline_value);
          break;

        case KIND_LABEL:
          if (b->labels[c->which] != NULL)
            {
              builder_add_line (b, c->line);
              break;
            }
          b->labels[c->which] = g_ptr_array_new ();
          if (c->inline_value != NULL)
            g_ptr_array_add (b->labels[c->which], c->inline_value);
          /* "Année d'adhésion au RTES: 2001" between two sections does
           * not end the section it interrupts. */
          if ((c->which == LABEL_UPDATED || c->which == LABEL_MEMBER_SINCE) && c->inline_value != NULL)
            break;
          b->state = STATE_LABEL;
          b->which = c->which;
          break;

        case KIND_BOARD:
        case KIND_OTHER:
        default:
          builder_add_line (b, c->line);
          break;
        }
    }
  if (b != NULL)
    g_ptr_array_add (result, builder_finish (b));

  for (guint i = 0; i < lines->len; i++)
    g_clear_pointer (&classified[i].inline_value, rtes_import_line_free);

  if (result->len == 0)
    {
      g_set_error (error, RTES_IMPORT_ERROR, RTES_IMPORT_ERROR_NO_FICHE,
                   /* Translators: %s is the export's file name or URL. */
                   _("%s: no fiche found: a fiche starts with the collectivity’s name on a line "
                     "of its own, followed by a section such as “Budget consacré à l’ESS” or by "
                     "“Type de collectivité”"),
                   source);
      return NULL;
    }
  return g_steal_pointer (&result);
}
