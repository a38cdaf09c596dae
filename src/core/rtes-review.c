/* rtes-review.c: what to look at in a fiche before it is published
 *
 * The CRESS page in shared/context went out with "blablabla" and "Pictos à
 * modifier" in it; imported RTES texts mix ' and ’ and keep budgets years
 * old. These checks find such things without a dictionary or a network,
 * so that the sync can refuse to publish a fiche that still holds a
 * placeholder, and the window can show the rest as things to review.
 *
 * Typography follows the rules the interface's own French follows
 * (tests/data/check-po-typography.py): a no-break space (U+00A0 or the
 * narrow U+202F) before : ; ! ? and inside « », "…" rather than "...",
 * and ’ rather than ' where the fiche uses ’ already.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-core-private.h"
#include "rtes-review.h"
#include "rtes-text.h"
#include "rtes-validation.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NBSP  0x00A0
#define NNBSP 0x202F
#define NNBSP_UTF8 "\xe2\x80\xaf"

/* ---- addresses are not prose ---- */

static GRegex *
address_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      /* Web addresses, mailto: and e-mail addresses: their dots, colons
       * and question marks are not punctuation. */
      GRegex *r = g_regex_new ("(?:https?://|mailto:|www\\.)[^\\s<>\"«»)\\]]+"
                               "|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+",
                               G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&regex, r);
    }
  return regex;
}

GArray *
rtes_review_find_addresses (const char *text)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (RtesTextRange));
  g_autoptr(GMatchInfo) match = NULL;

  g_regex_match (address_regex (), text, 0, &match);
  while (g_match_info_matches (match))
    {
      int s, e;
      RtesTextRange range;

      g_match_info_fetch_pos (match, 0, &s, &e);
      range.start = s;
      range.end = e;
      g_array_append_val (ranges, range);
      g_match_info_next (match, NULL);
    }
  return ranges;
}

/* TRUE when [start, end) lies in an address of @ranges; with @text, in
 * an e-mail address only. */
static gboolean
in_ranges (const char *text,
           GArray     *ranges,
           gsize       start,
           gsize       end)
{
  for (guint i = 0; i < ranges->len; i++)
    {
      RtesTextRange *r = &g_array_index (ranges, RtesTextRange, i);

      if (start < r->end && end > r->start
          && (text == NULL || memchr (text + r->start, '@', r->end - r->start) != NULL))
        return TRUE;
    }
  return FALSE;
}

static RtesFinding *
add_finding (GPtrArray           *findings,
             RtesFindingKind      kind,
             RtesFindingSeverity  severity,
             const char          *field,
             const char          *text,
             gssize               start,
             gssize               end,
             const char          *message)
{
  g_autofree char *part = NULL;
  RtesFinding *finding;

  if (start >= 0 && end >= start)
    part = g_strndup (text + start, end - start);
  finding = rtes_finding_new (kind, severity, field, start >= 0 ? part : text,
                              start, end, message);
  g_ptr_array_add (findings, finding);
  return finding;
}

/* ---- placeholders ---- */

typedef struct {
  const char *pattern;
  gboolean    caseless;
} PlaceholderPattern;

/* What editors type to be filled in later. Whole words only, so that
 * "Xavier" or "établabla" (no such word, but still) are left alone. */
static const PlaceholderPattern placeholder_patterns[] = {
  { "\\bbla(?:[ -]?bla)+(?:…|\\.\\.\\.|\\b)", TRUE },
  { "\\blorem ipsum\\b", TRUE },
  { "\\bx{3,}\\b", TRUE },
  /* "03 XX XX XX XX", "XX.XX.XX.XX.XX": a phone number to come. */
  { "\\bxx(?:[ .-]?xx){2,}\\b", TRUE },
  { "\\b(?:TODO|FIXME|TBD)\\b", FALSE },
  { "\\b[àaÀA] (?:compl[ée]ter|modifier|int[ée]grer|mettre [àa] jour|remplir)\\b", TRUE },
  { "\\[(?:…|\\.{2,}|\\s*)\\]", FALSE },
  { "\\?{3,}", FALSE },
  /* The form an address takes before anyone knows it. */
  { "\\bpr[ée]nom\\.nom\\b|\\bnom\\.pr[ée]nom\\b", TRUE },
};

static GRegex *
placeholder_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      GString *pattern = g_string_new ("(*UCP)");
      GRegex *r;

      for (guint i = 0; i < G_N_ELEMENTS (placeholder_patterns); i++)
        g_string_append_printf (pattern, "%s(?%s:%s)", i > 0 ? "|" : "",
                                placeholder_patterns[i].caseless ? "i" : "",
                                placeholder_patterns[i].pattern);
      r = g_regex_new (pattern->str, G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (r != NULL);
      g_string_free (pattern, TRUE);
      g_once_init_leave (&regex, r);
    }
  return regex;
}

static gboolean
has_letter_or_digit (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

void
rtes_review_placeholders (const char *field,
                          const char *text,
                          GPtrArray  *findings)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GArray) addresses = NULL;

  g_return_if_fail (field != NULL);
  if (text == NULL || rtes_text_is_blank (text) || !g_utf8_validate (text, -1, NULL))
    return;

  if (!has_letter_or_digit (text))
    {
      add_finding (findings, RTES_FINDING_PLACEHOLDER, RTES_FINDING_ERROR, field, text, -1, -1,
                   _("The field holds only punctuation, as a placeholder would"));
      return;
    }

  addresses = rtes_review_find_addresses (text);
  g_regex_match (placeholder_regex (), text, 0, &match);
  while (g_match_info_matches (match))
    {
      int s, e;

      g_match_info_fetch_pos (match, 0, &s, &e);
      /* Web addresses are not prose ("/todo/XXX-plan"), but an e-mail
       * address of "prenom.nom@…" or "xxx@xxx.fr" is a placeholder. */
      if (!in_ranges (NULL, addresses, s, e) || in_ranges (text, addresses, s, e))
        add_finding (findings, RTES_FINDING_PLACEHOLDER, RTES_FINDING_ERROR, field, text, s, e,
                     _("An editor’s placeholder is left in"));
      g_match_info_next (match, NULL);
    }
}

/* ---- typography ---- */

static gunichar
char_before (const char *text,
             const char *p)
{
  return p > text ? g_utf8_get_char (g_utf8_prev_char (p)) : 0;
}

static gboolean
is_word_end (gunichar c)
{
  return g_unichar_isalnum (c) || c == 0x00BB /* » */ || c == ')' || c == 0x2026 /* … */;
}

static void
add_typography (GPtrArray  *findings,
                const char *field,
                const char *text,
                gsize       start,
                gsize       end,
                const char *fix,
                const char *message)
{
  RtesFinding *finding = add_finding (findings, RTES_FINDING_TYPOGRAPHY, RTES_FINDING_WARNING,
                                      field, text, start, end, message);

  rtes_finding_set_fix (finding, fix);
}

static guint
count_apostrophes (const char *text,
                   gboolean    curly)
{
  guint n = 0;

  if (text == NULL)
    return 0;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (curly ? c == 0x2019 : c == '\'')
        n++;
    }
  return n;
}

static gboolean
is_high_mark (char c)
{
  return c != '\0' && strchr (":;!?", c) != NULL;
}

/* Before : ; ! ? a no-break space. Flags an ordinary space there, and a
 * cluster of marks ("?", "?!") glued to a word when it ends the phrase
 * ("Contact: …", "Quoi?"); "14:30", "a:b" and the marks inside addresses
 * are left alone, and so are runs of spaces (the double-space check
 * fixes them and the mark at once). */
static void
check_high_punctuation (const char *field,
                        const char *text,
                        const char *p,
                        GPtrArray  *findings)
{
  gsize at = p - text;
  gunichar before = char_before (text, p);
  const char *after = p;
  g_autofree char *fix = NULL;
  guint questions = 0;

  /* Only the first mark of a cluster needs the space. */
  if (p > text && is_high_mark (p[-1]))
    return;
  for (; is_high_mark (*after); after++)
    questions += *after == '?';
  /* "???" is a placeholder, not a typography slip. */
  if (questions >= 3)
    return;

  fix = g_strdup_printf (NNBSP_UTF8 "%c", *p);
  if (before == ' ')
    {
      if (at < 2 || text[at - 2] != ' ')
        add_typography (findings, field, text, at - 1, at + 1, fix,
                        _("A no-break space goes before this mark, not an ordinary one"));
    }
  else if (is_word_end (before) && (*after == '\0' || *after == ' ' || *after == '\n'))
    add_typography (findings, field, text, at, at + 1, fix,
                    _("French puts a no-break space before this mark"));
}

static void
check_guillemets (const char *field,
                  const char *text,
                  const char *p,
                  gunichar    c,
                  GPtrArray  *findings)
{
  gsize at = p - text;
  const char *next = g_utf8_next_char (p);

  if (c == 0x00AB) /* « */
    {
      gunichar after = g_utf8_get_char (next);

      if (after == ' ')
        add_typography (findings, field, text, at, next + 1 - text, "«" NNBSP_UTF8,
                        _("A no-break space goes inside « », not an ordinary one"));
      else if (after != NBSP && after != NNBSP && after != 0 && after != '\n')
        add_typography (findings, field, text, at, next - text, "«" NNBSP_UTF8,
                        _("French puts a no-break space inside « »"));
    }
  else /* » */
    {
      gunichar before = char_before (text, p);

      if (before == ' ')
        {
          if (at >= 2 && text[at - 2] == ' ')
            return;
          add_typography (findings, field, text, at - 1, next - text, NNBSP_UTF8 "»",
                          _("A no-break space goes inside « », not an ordinary one"));
        }
      else if (before != NBSP && before != NNBSP && before != 0 && before != '\n')
        add_typography (findings, field, text, at, next - text, NNBSP_UTF8 "»",
                        _("French puts a no-break space inside « »"));
    }
}

/* Two spaces or more between words; the indentation of list items, at
 * the start of a line, is markup, and trailing spaces are invisible.
 * Before : ; ! ? or » the run becomes one no-break space. */
static void
check_spaces (const char *field,
              const char *text,
              const char *p,
              GPtrArray  *findings)
{
  gsize at = p - text;
  gsize end = at;
  g_autofree char *fix = NULL;

  while (text[end] == ' ')
    end++;
  if (end - at < 2 || text[end] == '\0' || text[end] == '\n')
    return;
  if (is_high_mark (text[end]))
    {
      fix = g_strdup_printf (NNBSP_UTF8 "%c", text[end]);
      add_typography (findings, field, text, at, end + 1, fix,
                      _("A no-break space goes before this mark, not an ordinary one"));
    }
  else if (g_str_has_prefix (text + end, "»"))
    add_typography (findings, field, text, at, end + strlen ("»"), NNBSP_UTF8 "»",
                    _("A no-break space goes inside « », not an ordinary one"));
  else
    add_typography (findings, field, text, at, end, " ", _("Two spaces where one will do"));
}

static void
check_dots (const char *field,
            const char *text,
            const char *p,
            GPtrArray  *findings)
{
  gsize at = p - text;
  gsize end = at;

  if (at > 0 && text[at - 1] == '.')
    return;
  while (text[end] == '.')
    end++;
  /* Exactly three: "[...]" is a placeholder already, "...." something else. */
  if (end - at != 3 || (at > 0 && text[at - 1] == '[' && text[end] == ']'))
    return;
  add_typography (findings, field, text, at, end, "…",
                  _("The ellipsis character … rather than three dots"));
}

void
rtes_review_typography (const char         *field,
                        const char         *text,
                        RtesApostropheRule  rule,
                        GPtrArray          *findings)
{
  g_autoptr(GArray) addresses = NULL;
  gboolean straight_is_wrong;
  gboolean line_has_text = FALSE;

  g_return_if_fail (field != NULL);
  if (text == NULL || text[0] == '\0' || !g_utf8_validate (text, -1, NULL))
    return;

  addresses = rtes_review_find_addresses (text);
  straight_is_wrong = rule == RTES_APOSTROPHES_CURLY || count_apostrophes (text, TRUE) > 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gsize at = p - text;

      if (c == '\n')
        {
          line_has_text = FALSE;
          continue;
        }
      if (in_ranges (NULL, addresses, at, at + 1))
        {
          line_has_text = TRUE;
          continue;
        }

      switch (c)
        {
        case ':': case ';': case '!': case '?':
          check_high_punctuation (field, text, p, findings);
          break;
        case 0x00AB: case 0x00BB:
          check_guillemets (field, text, p, c, findings);
          break;
        case '\'':
          if (straight_is_wrong && g_unichar_isalpha (char_before (text, p)) &&
              g_unichar_isalpha (g_utf8_get_char (p + 1)))
            add_typography (findings, field, text, at, at + 1, "’",
                            _("The typographic apostrophe ’, as elsewhere in the fiche"));
          break;
        case '.':
          check_dots (field, text, p, findings);
          break;
        case ' ':
          if (line_has_text && char_before (text, p) != ' ')
            check_spaces (field, text, p, findings);
          break;
        default:
          break;
        }
      if (c != ' ' && c != '\t')
        line_has_text = TRUE;
    }
}

/* ---- the texts of a fiche ---- */

/* The texts of a contact, each a string property of RtesContact. */
static const struct {
  const char *member;
  gboolean    prose;
} contact_texts[] = {
  { "role", TRUE }, { "name", FALSE }, { "title", TRUE },
  { "service", TRUE }, { "email", FALSE }, { "phone", FALSE },
};

static gboolean
is_contact_text (const char *member)
{
  for (guint m = 0; m < G_N_ELEMENTS (contact_texts); m++)
    if (g_str_equal (contact_texts[m].member, member))
      return TRUE;
  return FALSE;
}

static void
foreach_contact_text (RtesContact        *contact,
                      guint               i,
                      RtesReviewTextFunc  func,
                      gpointer            user_data)
{
  for (guint m = 0; m < G_N_ELEMENTS (contact_texts); m++)
    {
      g_autofree char *value = NULL;
      g_autofree char *field = NULL;

      g_object_get (contact, contact_texts[m].member, &value, NULL);
      if (value[0] == '\0')
        continue;
      field = g_strdup_printf ("contacts[%u].%s", i, contact_texts[m].member);
      func (field, value, contact_texts[m].prose, user_data);
    }
}

void
rtes_review_foreach_text (RtesFiche          *fiche,
                          RtesReviewTextFunc  func,
                          gpointer            user_data)
{
  const char * const *lines = rtes_fiche_get_address_lines (fiche);
  GListModel *budget = G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche));
  GListModel *contacts = G_LIST_MODEL (rtes_fiche_get_contacts (fiche));
  const struct {
    const char *field;
    const char *text;
    gboolean    prose;
  } simple[] = {
    { "population_note", rtes_fiche_get_population_note (fiche), TRUE },
    { "panorama", rtes_fiche_get_panorama (fiche), TRUE },
    { "budget.text", rtes_fiche_get_budget_text (fiche), TRUE },
    { "programme", rtes_fiche_get_programme (fiche), TRUE },
    { "actions", rtes_fiche_get_actions (fiche), TRUE },
  };

  g_return_if_fail (RTES_IS_FICHE (fiche));

  func ("name", rtes_fiche_get_name (fiche), FALSE, user_data);
  func (simple[0].field, simple[0].text, simple[0].prose, user_data);
  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    {
      g_autofree char *field = g_strdup_printf ("address.lines[%u]", i);

      if (lines[i][0] != '\0')
        func (field, lines[i], FALSE, user_data);
    }
  func ("address.city", rtes_fiche_get_city (fiche), FALSE, user_data);
  for (guint s = 1; s < G_N_ELEMENTS (simple); s++)
    {
      if (simple[s].text[0] != '\0')
        func (simple[s].field, simple[s].text, simple[s].prose, user_data);
      if (s != 2)
        continue;
      /* The budget's lines come with its text, in the fiche's order. */
      for (guint i = 0; i < g_list_model_get_n_items (budget); i++)
        {
          g_autoptr(RtesBudgetLine) line = g_list_model_get_item (budget, i);
          g_autofree char *field = g_strdup_printf ("budget.lines[%u].label", i);

          if (rtes_budget_line_get_label (line)[0] != '\0')
            func (field, rtes_budget_line_get_label (line), TRUE, user_data);
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (contacts); i++)
    {
      g_autoptr(RtesContact) contact = g_list_model_get_item (contacts, i);

      foreach_contact_text (contact, i, func, user_data);
    }
}

/* "contacts[3].role" → 3 and "role"; FALSE for any other shape. */
static gboolean
parse_item_field (const char  *field,
                  const char  *prefix,
                  guint       *index,
                  const char **member)
{
  const char *p;
  char *end = NULL;
  guint64 n;

  if (!g_str_has_prefix (field, prefix))
    return FALSE;
  p = field + strlen (prefix);
  if (!g_ascii_isdigit (*p))
    return FALSE;
  n = g_ascii_strtoull (p, &end, 10);
  if (end == NULL || *end != ']' || n > G_MAXUINT)
    return FALSE;
  *index = (guint) n;
  *member = end[1] == '.' ? end + 2 : end + 1;
  return TRUE;
}

char *
rtes_review_get_text (RtesFiche  *fiche,
                      const char *field)
{
  const char * const *lines = rtes_fiche_get_address_lines (fiche);
  const char *member;
  guint i;

  g_return_val_if_fail (RTES_IS_FICHE (fiche), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (g_str_equal (field, "name")) return g_strdup (rtes_fiche_get_name (fiche));
  if (g_str_equal (field, "population_note")) return g_strdup (rtes_fiche_get_population_note (fiche));
  if (g_str_equal (field, "address.city")) return g_strdup (rtes_fiche_get_city (fiche));
  if (g_str_equal (field, "panorama")) return g_strdup (rtes_fiche_get_panorama (fiche));
  if (g_str_equal (field, "budget.text")) return g_strdup (rtes_fiche_get_budget_text (fiche));
  if (g_str_equal (field, "programme")) return g_strdup (rtes_fiche_get_programme (fiche));
  if (g_str_equal (field, "actions")) return g_strdup (rtes_fiche_get_actions (fiche));
  if (parse_item_field (field, "address.lines[", &i, &member) && member[0] == '\0')
    return lines != NULL && i < g_strv_length ((char **) lines) ? g_strdup (lines[i]) : NULL;
  if (parse_item_field (field, "budget.lines[", &i, &member) && g_str_equal (member, "label"))
    {
      g_autoptr(RtesBudgetLine) line = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche)), i);

      return line != NULL ? g_strdup (rtes_budget_line_get_label (line)) : NULL;
    }
  if (parse_item_field (field, "contacts[", &i, &member))
    {
      g_autoptr(RtesContact) contact = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (fiche)), i);
      char *text = NULL;

      if (contact != NULL && is_contact_text (member))
        g_object_get (contact, member, &text, NULL);
      return text;
    }
  return NULL;
}

gboolean
rtes_review_set_text (RtesFiche  *fiche,
                      const char *field,
                      const char *text)
{
  const char *member;
  guint i;

  g_return_val_if_fail (RTES_IS_FICHE (fiche), FALSE);
  g_return_val_if_fail (field != NULL && text != NULL, FALSE);

  if (g_str_equal (field, "name")) rtes_fiche_set_name (fiche, text);
  else if (g_str_equal (field, "population_note")) rtes_fiche_set_population_note (fiche, text);
  else if (g_str_equal (field, "address.city")) rtes_fiche_set_city (fiche, text);
  else if (g_str_equal (field, "panorama")) rtes_fiche_set_panorama (fiche, text);
  else if (g_str_equal (field, "budget.text")) rtes_fiche_set_budget_text (fiche, text);
  else if (g_str_equal (field, "programme")) rtes_fiche_set_programme (fiche, text);
  else if (g_str_equal (field, "actions")) rtes_fiche_set_actions (fiche, text);
  else if (parse_item_field (field, "address.lines[", &i, &member) && member[0] == '\0')
    {
      g_auto(GStrv) lines = g_strdupv ((char **) rtes_fiche_get_address_lines (fiche));

      if (lines == NULL || i >= g_strv_length (lines))
        return FALSE;
      g_free (lines[i]);
      lines[i] = g_strdup (text);
      rtes_fiche_set_address_lines (fiche, (const char * const *) lines);
    }
  else if (parse_item_field (field, "budget.lines[", &i, &member) && g_str_equal (member, "label"))
    {
      g_autoptr(RtesBudgetLine) line = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche)), i);

      if (line == NULL)
        return FALSE;
      rtes_budget_line_set_label (line, text);
    }
  else if (parse_item_field (field, "contacts[", &i, &member))
    {
      g_autoptr(RtesContact) contact = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (fiche)), i);

      if (contact == NULL || !is_contact_text (member))
        return FALSE;
      g_object_set (contact, member, text, NULL);
    }
  else
    return FALSE;
  return TRUE;
}

static void
count_curly_cb (const char *field,
                const char *text,
                gboolean    prose,
                gpointer    user_data)
{
  *(guint *) user_data += count_apostrophes (text, TRUE);
}

/* TRUE when some text of @fiche uses the typographic apostrophe ’. */
static gboolean
rtes_review_uses_curly_apostrophes (RtesFiche *fiche)
{
  guint n = 0;

  rtes_review_foreach_text (fiche, count_curly_cb, &n);
  return n > 0;
}

/* ---- one fiche ---- */

typedef struct {
  GPtrArray          *findings;
  RtesApostropheRule  apostrophes;
  gboolean            placeholders_only;
} TextCheck;

static void
check_text_cb (const char *field,
               const char *text,
               gboolean    prose,
               gpointer    user_data)
{
  TextCheck *check = user_data;

  rtes_review_placeholders (field, text, check->findings);
  if (!check->placeholders_only && prose)
    rtes_review_typography (field, text, check->apostrophes, check->findings);
}

/* The validator's findings, as a review reads them: its completeness
 * rules are "missing", its errors and warnings "invalid"; those about
 * contacts belong with the contact checks, which say more (and the
 * "listed twice" one is theirs already). */
static void
add_validation (RtesFiche *fiche,
                GDateTime *now,
                gboolean   errors_only,
                GPtrArray *findings)
{
  g_autoptr(GPtrArray) issues = rtes_fiche_validate (fiche, now);

  for (guint i = 0; i < issues->len; i++)
    {
      RtesIssue *issue = g_ptr_array_index (issues, i);
      gboolean contact = g_str_has_prefix (issue->field, "contacts[");
      RtesFindingKind kind = issue->severity == RTES_ISSUE_MISSING ? RTES_FINDING_MISSING
                             : contact ? RTES_FINDING_CONTACT : RTES_FINDING_INVALID;
      RtesFindingSeverity severity = issue->severity == RTES_ISSUE_ERROR ? RTES_FINDING_ERROR
                                     : issue->severity == RTES_ISSUE_WARNING ? RTES_FINDING_WARNING
                                     : RTES_FINDING_NOTE;

      if (errors_only && severity != RTES_FINDING_ERROR)
        continue;
      if (contact && strchr (issue->field, '.') == NULL)
        continue;
      g_ptr_array_add (findings, rtes_finding_new (kind, severity, issue->field, "", -1, -1,
                                                   issue->message));
    }
}

static void
check_stale (RtesFiche *fiche,
             GDateTime *now,
             GPtrArray *findings)
{
  GListModel *lines = G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche));
  const char *updated = rtes_fiche_get_updated (fiche);
  int this_year = g_date_time_get_year (now);
  int latest = RTES_BUDGET_NO_YEAR;
  guint latest_index = 0;
  int y, m, d;

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(RtesBudgetLine) line = g_list_model_get_item (lines, i);
      int year = rtes_budget_line_get_year (line);

      if (year != RTES_BUDGET_NO_YEAR && (latest == RTES_BUDGET_NO_YEAR || year > latest))
        {
          latest = year;
          latest_index = i;
        }
    }
  /* Old lines beside recent ones are history; only a budget whose latest
   * year is old says the fiche is out of date. */
  if (latest != RTES_BUDGET_NO_YEAR && this_year - latest > RTES_REVIEW_STALE_BUDGET_YEARS)
    {
      g_autofree char *field = g_strdup_printf ("budget.lines[%u].year", latest_index);
      g_autofree char *year = g_strdup_printf ("%d", latest);
      g_autofree char *message =
        g_strdup_printf (_("The latest budget line is more than %d years old"),
                         RTES_REVIEW_STALE_BUDGET_YEARS);

      g_ptr_array_add (findings, rtes_finding_new (RTES_FINDING_STALE, RTES_FINDING_WARNING,
                                                   field, year, -1, -1, message));
    }

  if (updated != NULL && sscanf (updated, "%4d-%2d-%2d", &y, &m, &d) == 3 && g_date_valid_dmy (d, m, y))
    {
      g_autoptr(GDateTime) when = g_date_time_new_local (y, m, d, 0, 0, 0);
      g_autoptr(GDateTime) limit = g_date_time_add_years (now, -RTES_REVIEW_STALE_UPDATE_YEARS);

      if (when != NULL && limit != NULL && g_date_time_compare (when, limit) < 0)
        {
          g_autofree char *message =
            g_strdup_printf (_("The fiche has not been updated for more than %d years"),
                             RTES_REVIEW_STALE_UPDATE_YEARS);

          g_ptr_array_add (findings, rtes_finding_new (RTES_FINDING_STALE, RTES_FINDING_NOTE,
                                                       "updated", updated, -1, -1, message));
        }
    }
}

/* ---- contacts ---- */

/* "ess@mairie.ville-dijon.fr" → "ville-dijon.fr": the last two labels,
 * so that a service's sub-domain counts as the collectivity's. */
static char *
email_domain (const char *email)
{
  const char *at = strrchr (email, '@');
  g_autofree char *domain = NULL;
  char *last_dot, *cut;

  if (at == NULL || at[1] == '\0')
    return NULL;
  domain = g_ascii_strdown (at + 1, -1);
  g_strstrip (domain);
  last_dot = strrchr (domain, '.');
  if (last_dot == NULL)
    return NULL;
  *last_dot = '\0';
  cut = strrchr (domain, '.');
  *last_dot = '.';
  return g_strdup (cut != NULL ? cut + 1 : domain);
}

static void
check_email_domains (GListModel *contacts,
                     GPtrArray  *findings)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (contacts);
  const char *usual = NULL;
  guint usual_count = 0;
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RtesContact) contact = g_list_model_get_item (contacts, i);
      char *domain = email_domain (rtes_contact_get_email (contact));

      if (domain != NULL)
        g_hash_table_insert (counts, domain,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, domain)) + 1));
    }
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) > usual_count)
      {
        usual = key;
        usual_count = GPOINTER_TO_UINT (value);
      }
  /* Two addresses on the collectivity's domain make it the usual one. */
  if (usual_count < 2 || g_hash_table_size (counts) < 2)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RtesContact) contact = g_list_model_get_item (contacts, i);
      const char *email = rtes_contact_get_email (contact);
      g_autofree char *domain = email_domain (email);
      g_autofree char *field = NULL;
      g_autofree char *message = NULL;

      if (domain == NULL || g_str_equal (domain, usual))
        continue;
      field = g_strdup_printf ("contacts[%u].email", i);
      message = g_strdup_printf (_("The other contacts’ addresses are at %s"), usual);
      g_ptr_array_add (findings, rtes_finding_new (RTES_FINDING_CONTACT, RTES_FINDING_WARNING,
                                                   field, email, -1, -1, message));
    }
}

/* The digits of @phone, and whether it started with "+" (00 counts as +). */
static char *
phone_digits (const char *phone,
              gboolean   *international)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  *international = strchr (phone, '+') != NULL;
  if (!*international && g_str_has_prefix (digits->str, "00"))
    {
      g_string_erase (digits, 0, 2);
      *international = TRUE;
    }
  return g_string_free (digits, FALSE);
}

/* 0X XX XX XX XX, or +33 and nine digits; the overseas départements and
 * collectivities dial from their own codes. Numbers with anything else
 * than digits and separators are the validator's business. */
static gboolean
is_french_phone (const char *phone)
{
  static const char * const overseas[] = { "262", "269", "508", "590", "594", "596", "687", "689", "681" };
  gboolean international;
  g_autofree char *digits = phone_digits (phone, &international);
  gsize len = strlen (digits);

  if (!international)
    return len == 10 && digits[0] == '0' && digits[1] != '0';
  if (g_str_has_prefix (digits, "33"))
    return len == 11 && digits[2] != '0';
  for (guint i = 0; i < G_N_ELEMENTS (overseas); i++)
    if (g_str_has_prefix (digits, overseas[i]))
      return len >= 9 && len <= 12;
  return FALSE;
}

static gboolean
looks_like_phone (const char *phone)
{
  for (const char *p = phone; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !strchr (" .-()+/", *p))
      return FALSE;
  return TRUE;
}

static void
check_contacts (RtesFiche *fiche,
                GPtrArray *findings)
{
  GListModel *contacts = G_LIST_MODEL (rtes_fiche_get_contacts (fiche));
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (contacts);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RtesContact) contact = g_list_model_get_item (contacts, i);
      const char *phone = rtes_contact_get_phone (contact);
      const char *name = rtes_contact_get_name (contact);
      g_autofree char *folded = rtes_text_fold (name);

      if (phone[0] != '\0' && has_letter_or_digit (phone) && looks_like_phone (phone) &&
          !is_french_phone (phone))
        {
          g_autofree char *field = g_strdup_printf ("contacts[%u].phone", i);

          g_ptr_array_add (findings,
                           rtes_finding_new (RTES_FINDING_CONTACT, RTES_FINDING_WARNING, field, phone, -1, -1,
                                             _("Not a French phone number: 0X XX XX XX XX or +33 X XX XX XX XX")));
        }
      if (folded[0] == '\0')
        continue;
      if (g_hash_table_contains (names, folded))
        {
          guint first = GPOINTER_TO_UINT (g_hash_table_lookup (names, folded));
          g_autofree char *field = g_strdup_printf ("contacts[%u].name", i);
          /* Translators: %u is the number of the contact listed first. */
          g_autofree char *message = g_strdup_printf (_("The same person as contact %u"), first + 1);

          g_ptr_array_add (findings, rtes_finding_new (RTES_FINDING_CONTACT, RTES_FINDING_WARNING,
                                                       field, name, -1, -1, message));
        }
      else
        g_hash_table_insert (names, g_steal_pointer (&folded), GUINT_TO_POINTER (i));
    }
  check_email_domains (contacts, findings);
}

/* ---- the whole fiche ---- */

static void
set_ids (GPtrArray  *findings,
         guint       from,
         const char *id)
{
  for (guint i = from; i < findings->len; i++)
    rtes_finding_set_id (g_ptr_array_index (findings, i), id);
}

static GPtrArray *
new_findings (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_finding_free);
}

/* A fiche whose file did not load has nothing to review but that. */
static gboolean
add_broken (RtesFiche *fiche,
            GPtrArray *findings)
{
  const GError *error = rtes_fiche_get_load_error (fiche);

  if (error == NULL)
    return FALSE;
  g_ptr_array_add (findings, rtes_finding_new (RTES_FINDING_INVALID, RTES_FINDING_ERROR, "", "", -1, -1,
                                               error->message));
  return TRUE;
}

GPtrArray *
rtes_review_fiche (RtesFiche *fiche,
                   GDateTime *now)
{
  GPtrArray *findings = new_findings ();
  g_autoptr(GDateTime) local_now = NULL;
  TextCheck check = { findings, RTES_APOSTROPHES_AS_ELSEWHERE, FALSE };

  g_return_val_if_fail (RTES_IS_FICHE (fiche), findings);

  if (!add_broken (fiche, findings))
    {
      if (now == NULL)
        now = local_now = g_date_time_new_now_local ();
      if (rtes_review_uses_curly_apostrophes (fiche))
        check.apostrophes = RTES_APOSTROPHES_CURLY;
      rtes_review_foreach_text (fiche, check_text_cb, &check);
      add_validation (fiche, now, FALSE, findings);
      check_stale (fiche, now, findings);
      check_contacts (fiche, findings);
    }
  set_ids (findings, 0, rtes_fiche_get_id (fiche));
  rtes_findings_sort (findings);
  return findings;
}

GPtrArray *
rtes_review_blocking (RtesFiche *fiche)
{
  GPtrArray *findings = new_findings ();
  TextCheck check = { findings, RTES_APOSTROPHES_AS_ELSEWHERE, TRUE };

  g_return_val_if_fail (RTES_IS_FICHE (fiche), findings);

  if (!add_broken (fiche, findings))
    {
      rtes_review_foreach_text (fiche, check_text_cb, &check);
      add_validation (fiche, NULL, TRUE, findings);
    }
  set_ids (findings, 0, rtes_fiche_get_id (fiche));
  rtes_findings_sort (findings);
  return findings;
}

guint
rtes_review_count_blocking (RtesFiche *fiche)
{
  g_autoptr(GPtrArray) blocking = NULL;
  int cached;

  g_return_val_if_fail (RTES_IS_FICHE (fiche), 0);

  cached = rtes_fiche_get_cached_blocking (fiche);
  if (cached >= 0)
    return cached;
  blocking = rtes_review_blocking (fiche);
  rtes_fiche_set_cached_blocking (fiche, blocking->len);
  return blocking->len;
}

/* ---- the library ---- */

typedef enum {
  SAME_NAME,
  SAME_POSTCODE_AND_KIND,
} Sameness;

static void
add_duplicate (GPtrArray  *findings,
               RtesFiche  *fiche,
               RtesFiche  *other,
               Sameness    sameness)
{
  g_autofree char *message = NULL;
  RtesFinding *finding;

  if (sameness == SAME_NAME)
    /* Translators: %s is the other fiche's name, (%s) its identifier. */
    message = g_strdup_printf (_("Another fiche has the same name: %s (%s)"),
                               rtes_fiche_get_name (other), rtes_fiche_get_id (other));
  else
    /* Translators: %s is the other fiche's name, (%s) its identifier. */
    message = g_strdup_printf (_("Another fiche has the same postcode and type: %s (%s)"),
                               rtes_fiche_get_name (other), rtes_fiche_get_id (other));
  finding = rtes_finding_new (RTES_FINDING_DUPLICATE, RTES_FINDING_WARNING,
                              sameness == SAME_NAME ? "name" : "address.postcode",
                              sameness == SAME_NAME ? rtes_fiche_get_name (fiche)
                                                    : rtes_fiche_get_postcode (fiche),
                              -1, -1, message);

  rtes_finding_set_id (finding, rtes_fiche_get_id (fiche));
  g_ptr_array_add (findings, finding);
}

static char *
name_key (RtesFiche *fiche)
{
  char *key = rtes_text_fold (rtes_fiche_get_name (fiche));

  if (key[0] == '\0')
    g_clear_pointer (&key, g_free);
  return key;
}

static char *
postcode_kind_key (RtesFiche *fiche)
{
  const char *postcode = rtes_fiche_get_postcode (fiche);
  const char *kind = rtes_fiche_get_kind (fiche);
  g_autofree char *folded = rtes_text_fold (postcode);

  if (folded[0] == '\0' || kind == NULL || kind[0] == '\0')
    return NULL;
  return g_strconcat (folded, "\n", kind, NULL);
}

/* Groups @fiches by @key_func and reports each fiche of a group of two or
 * more, naming the first other one. */
static void
find_duplicates (GPtrArray   *fiches,
                 Sameness     sameness,
                 GPtrArray   *findings)
{
  char *(*key_func) (RtesFiche *fiche) = sameness == SAME_NAME ? name_key : postcode_kind_key;
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < fiches->len; i++)
    {
      RtesFiche *fiche = g_ptr_array_index (fiches, i);
      g_autofree char *key = NULL;
      GPtrArray *group;

      if (rtes_fiche_get_load_error (fiche) != NULL)
        continue;
      key = key_func (fiche);
      if (key == NULL)
        continue;
      group = g_hash_table_lookup (groups, key);
      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_hash_table_insert (groups, g_steal_pointer (&key), group);
        }
      g_ptr_array_add (group, fiche);
    }

  for (guint i = 0; i < fiches->len; i++)
    {
      RtesFiche *fiche = g_ptr_array_index (fiches, i);
      g_autofree char *key = rtes_fiche_get_load_error (fiche) == NULL ? key_func (fiche) : NULL;
      GPtrArray *group = key != NULL ? g_hash_table_lookup (groups, key) : NULL;

      if (group == NULL || group->len < 2)
        continue;
      add_duplicate (findings, fiche,
                     g_ptr_array_index (group, g_ptr_array_index (group, 0) == fiche ? 1 : 0),
                     sameness);
    }
}

void
rtes_review_duplicates (GPtrArray *fiches,
                        GPtrArray *findings)
{
  g_return_if_fail (fiches != NULL && findings != NULL);

  find_duplicates (fiches, SAME_NAME, findings);
  find_duplicates (fiches, SAME_POSTCODE_AND_KIND, findings);
}

/* ---- fixes ---- */

static int
compare_by_start_desc (gconstpointer pa,
                       gconstpointer pb)
{
  const RtesFinding *a = *(const RtesFinding * const *) pa;
  const RtesFinding *b = *(const RtesFinding * const *) pb;

  return a->start == b->start ? 0 : a->start > b->start ? -1 : 1;
}

char *
rtes_review_apply_fixes (const char *text,
                         GPtrArray  *findings)
{
  g_autoptr(GPtrArray) fixes = g_ptr_array_new ();
  GString *out;
  gsize limit;

  g_return_val_if_fail (text != NULL, NULL);

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      RtesFinding *finding = g_ptr_array_index (findings, i);

      if (finding->fix != NULL && finding->start >= 0 && finding->end >= finding->start &&
          (gsize) finding->end <= strlen (text) &&
          strncmp (text + finding->start, finding->text, finding->end - finding->start) == 0)
        g_ptr_array_add (fixes, finding);
    }
  /* From the end, so that each range still means what it said. */
  g_ptr_array_sort (fixes, compare_by_start_desc);
  out = g_string_new (text);
  limit = out->len;
  for (guint i = 0; i < fixes->len; i++)
    {
      RtesFinding *finding = g_ptr_array_index (fixes, i);

      if ((gsize) finding->end > limit)
        continue;
      g_string_erase (out, finding->start, finding->end - finding->start);
      g_string_insert (out, finding->start, finding->fix);
      limit = finding->start;
    }
  return g_string_free (out, FALSE);
}

guint
rtes_review_fix_typography (RtesFiche *fiche)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GHashTable) by_field = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GHashTableIter iter;
  gpointer key, value;
  guint fixed = 0;

  g_return_val_if_fail (RTES_IS_FICHE (fiche), 0);

  findings = rtes_review_fiche (fiche, now);
  by_field = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < findings->len; i++)
    {
      RtesFinding *finding = g_ptr_array_index (findings, i);
      GPtrArray *list;

      if (finding->kind != RTES_FINDING_TYPOGRAPHY || finding->fix == NULL)
        continue;
      list = g_hash_table_lookup (by_field, finding->field);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (by_field, finding->field, list);
        }
      g_ptr_array_add (list, finding);
    }

  g_hash_table_iter_init (&iter, by_field);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *text = rtes_review_get_text (fiche, key);
      g_autofree char *fixed_text = NULL;

      if (text == NULL)
        continue;
      fixed_text = rtes_review_apply_fixes (text, value);
      if (g_strcmp0 (text, fixed_text) != 0 && rtes_review_set_text (fiche, key, fixed_text))
        fixed += ((GPtrArray *) value)->len;
    }
  return fixed;
}
