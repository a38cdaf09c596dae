/* rtes-speller.c: French spelling with enchant and the hunspell dictionary
 *
 * Hunspell is slow to suggest and not free to check (tens of microseconds
 * a word), and a fiche repeats its words: every answer is cached, so that
 * checking 200 fiches, or one paragraph per keystroke, costs little more
 * than cutting the text into words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <enchant.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "rtes-review.h"
#include "rtes-speller.h"
#include "rtes-text.h"

/* A cache that outgrows this is dropped and starts again. */
#define MAX_CACHED_WORDS 100000
#define MAX_SUGGESTIONS  5
/* Longer "words" are not words (a pasted hash, a run of letters). */
#define MAX_WORD_BYTES   64

struct _RtesSpeller
{
  GObject parent_instance;

  GMutex lock;          /* around everything below */
  EnchantBroker *broker;
  EnchantDict *dict;
  GHashTable *known;    /* lower-case word → itself: the library's words */
  GHashTable *checked;  /* word → GINT_TO_POINTER (1 known, 2 unknown) */
  GHashTable *suggestions;  /* word → GStrv */
};

G_DEFINE_FINAL_TYPE (RtesSpeller, rtes_speller, G_TYPE_OBJECT)
G_DEFINE_QUARK (rtes-review-error-quark, rtes_review_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Forms the French dictionary accepts but the RTES's own writing avoids,
 * with the form to use: reported as spelling all the same. */
static const struct {
  const char *avoided;
  const char *preferred;
} house_forms[] = {
  { "entreprenariat", "entrepreneuriat" },
  { "entreprenariats", "entrepreneuriats" },
  { "entreprenarial", "entrepreneurial" },
  { "entreprenariale", "entrepreneuriale" },
  { "entreprenariaux", "entrepreneuriaux" },
  { "entreprenariales", "entrepreneuriales" },
};

/* Elided words before an apostrophe: "l’Audincourtois" is known when
 * "Audincourtois" is. */
static const char * const elisions[] = {
  "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
};

/* The word after an elided article ("l’entreprenariat" → "entreprenariat"),
 * or @word itself. */
static const char *
strip_elision (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (elisions); i++)
    {
      gsize len = strlen (elisions[i]);
      const char *rest = word + len;

      if (g_ascii_strncasecmp (word, elisions[i], len) != 0)
        continue;
      if (g_str_has_prefix (rest, "'"))
        return rest + 1;
      if (g_str_has_prefix (rest, "’"))
        return rest + strlen ("’");
    }
  return word;
}

static const char *
preferred_form (const char *lower)
{
  lower = strip_elision (lower);
  for (guint i = 0; i < G_N_ELEMENTS (house_forms); i++)
    if (g_str_equal (lower, house_forms[i].avoided))
      return house_forms[i].preferred;
  return NULL;
}

static void
rtes_speller_finalize (GObject *object)
{
  RtesSpeller *self = RTES_SPELLER (object);

  if (self->dict != NULL)
    enchant_broker_free_dict (self->broker, self->dict);
  if (self->broker != NULL)
    enchant_broker_free (self->broker);
  g_clear_pointer (&self->known, g_hash_table_unref);
  g_clear_pointer (&self->checked, g_hash_table_unref);
  g_clear_pointer (&self->suggestions, g_hash_table_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (rtes_speller_parent_class)->finalize (object);
}

static void
rtes_speller_class_init (RtesSpellerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rtes_speller_finalize;

  /**
   * RtesSpeller::changed:
   *
   * Words became known: what was checked before may read otherwise now.
   * Emitted in the thread that added them.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rtes_speller_init (RtesSpeller *self)
{
  g_mutex_init (&self->lock);
  self->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->checked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->suggestions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_strfreev);
}

RtesSpeller *
rtes_speller_new (const char  *language,
                  GError     **error)
{
  g_autoptr(RtesSpeller) self = g_object_new (RTES_TYPE_SPELLER, NULL);

  g_return_val_if_fail (language != NULL, NULL);

  self->broker = enchant_broker_init ();
  if (self->broker != NULL)
    self->dict = enchant_broker_request_dict (self->broker, language);
  if (self->dict == NULL)
    {
      g_set_error (error, RTES_REVIEW_ERROR, RTES_REVIEW_ERROR_NO_DICTIONARY,
                   _("No spelling dictionary for “%s” (install hunspell-fr)"), language);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* ---- one word ---- */

static gboolean
has_digit (const char *word)
{
  for (const char *p = word; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      return TRUE;
  return FALSE;
}

static gboolean check_word_locked (RtesSpeller *self, const char *word);

/* "l’Audincourtois", "d'Audincourt": the elided article, then a word. */
static gboolean
check_elided_locked (RtesSpeller *self,
                     const char  *word)
{
  const char *rest = strip_elision (word);

  return rest != word && rest[0] != '\0' && check_word_locked (self, rest);
}

/* "Creusot-Montceau", "Saint-Jean-de-Losne": known when each part is. */
static gboolean
check_parts_locked (RtesSpeller *self,
                    const char  *word)
{
  g_auto(GStrv) parts = NULL;

  if (strchr (word, '-') == NULL)
    return FALSE;
  parts = g_strsplit (word, "-", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] == '\0' || !check_word_locked (self, parts[i]))
      return FALSE;
  return TRUE;
}

static gboolean
check_word_locked (RtesSpeller *self,
                   const char  *word)
{
  g_autofree char *lower = g_utf8_strdown (word, -1);
  gpointer cached;
  gboolean known;

  if (preferred_form (lower) != NULL)
    return FALSE;
  if (g_utf8_strlen (word, -1) < 2 || has_digit (word) || rtes_text_is_capitals (word))
    return TRUE;
  if (g_hash_table_contains (self->known, lower))
    return TRUE;
  cached = g_hash_table_lookup (self->checked, word);
  if (cached != NULL)
    return GPOINTER_TO_INT (cached) == 1;

  known = enchant_dict_check (self->dict, word, -1) == 0
          || check_elided_locked (self, word)
          || check_parts_locked (self, word);
  if (g_hash_table_size (self->checked) >= MAX_CACHED_WORDS)
    g_hash_table_remove_all (self->checked);
  g_hash_table_insert (self->checked, g_strdup (word), GINT_TO_POINTER (known ? 1 : 2));
  return known;
}

gboolean
rtes_speller_check_word (RtesSpeller *self,
                         const char  *word,
                         gssize       length)
{
  g_autofree char *copy = NULL;
  gboolean known;

  g_return_val_if_fail (RTES_IS_SPELLER (self), TRUE);
  g_return_val_if_fail (word != NULL, TRUE);

  copy = length < 0 ? g_strdup (word) : g_strndup (word, length);
  if (!g_utf8_validate (copy, -1, NULL) || strlen (copy) > MAX_WORD_BYTES)
    return TRUE;
  g_mutex_lock (&self->lock);
  known = check_word_locked (self, copy);
  g_mutex_unlock (&self->lock);
  return known;
}

GStrv
rtes_speller_suggest (RtesSpeller *self,
                      const char  *word)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autofree char *lower = NULL;
  const char *preferred;
  GStrv cached;
  GStrv result;
  char **found;
  size_t n = 0;

  g_return_val_if_fail (RTES_IS_SPELLER (self), g_new0 (char *, 1));
  g_return_val_if_fail (word != NULL, g_new0 (char *, 1));

  if (!g_utf8_validate (word, -1, NULL) || strlen (word) > MAX_WORD_BYTES || word[0] == '\0')
    return g_new0 (char *, 1);

  g_mutex_lock (&self->lock);
  cached = g_hash_table_lookup (self->suggestions, word);
  if (cached != NULL)
    {
      result = g_strdupv (cached);
      g_mutex_unlock (&self->lock);
      return result;
    }

  builder = g_strv_builder_new ();
  lower = g_utf8_strdown (word, -1);
  preferred = preferred_form (lower);
  if (preferred != NULL)
    g_strv_builder_add (builder, preferred);
  found = enchant_dict_suggest (self->dict, word, -1, &n);
  for (size_t i = 0; i < n && i < MAX_SUGGESTIONS; i++)
    if (g_utf8_validate (found[i], -1, NULL) && g_strcmp0 (found[i], preferred) != 0)
      g_strv_builder_add (builder, found[i]);
  if (found != NULL)
    enchant_dict_free_string_list (self->dict, found);
  result = g_strv_builder_end (builder);
  if (g_hash_table_size (self->suggestions) >= MAX_CACHED_WORDS)
    g_hash_table_remove_all (self->suggestions);
  g_hash_table_insert (self->suggestions, g_strdup (word), g_strdupv (result));
  g_mutex_unlock (&self->lock);
  return result;
}

/* ---- words of a text ---- */

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
is_joiner (gunichar c)
{
  /* Apostrophes of elisions, hyphens of compounds, the middle dot of
   * inclusive writing (élu·es). */
  return c == '\'' || c == 0x2019 || c == '-' || c == 0x2010 || c == 0x00B7;
}

/* The word starting at or after @p: sets *@start and *@end (bytes of
 * @text); FALSE at the end of the text. */
static gboolean
next_word (const char  *text,
           const char  *p,
           const char **start,
           const char **end)
{
  while (*p != '\0' && !is_word_char (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (*p == '\0')
    return FALSE;
  *start = p;
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (is_word_char (c))
        p = next;
      else if (is_joiner (c) && *next != '\0' && is_word_char (g_utf8_get_char (next)))
        p = next;
      else
        break;
    }
  *end = p;
  return TRUE;
}

gboolean
rtes_speller_word_at (const char *text,
                      gsize       offset,
                      gsize      *start,
                      gsize      *end)
{
  const char *p = text;
  const char *s, *e;

  g_return_val_if_fail (text != NULL, FALSE);

  if (offset > strlen (text))
    return FALSE;
  while (next_word (text, p, &s, &e))
    {
      if ((gsize) (s - text) > offset)
        return FALSE;
      if ((gsize) (e - text) >= offset)
        {
          *start = s - text;
          *end = e - text;
          return TRUE;
        }
      p = e;
    }
  return FALSE;
}

void
rtes_speller_add_words (RtesSpeller        *self,
                        const char * const *words)
{
  gboolean added = FALSE;

  g_return_if_fail (RTES_IS_SPELLER (self));

  g_mutex_lock (&self->lock);
  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    if (g_utf8_validate (words[i], -1, NULL) && words[i][0] != '\0')
      {
        char *lower = g_utf8_strdown (words[i], -1);

        added |= g_hash_table_add (self->known, lower);
      }
  g_mutex_unlock (&self->lock);
  if (added)
    g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
learn_text_locked (RtesSpeller *self,
                   const char  *text)
{
  const char *p = text, *s, *e;
  gboolean added = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  while (next_word (text, p, &s, &e))
    {
      if (e - s <= MAX_WORD_BYTES)
        {
          g_autofree char *word = g_strndup (s, e - s);
          g_auto(GStrv) parts = g_strsplit (word, "-", -1);

          added |= g_hash_table_add (self->known, g_utf8_strdown (word, -1));
          /* "Creusot-Montceau" makes "Montceau" known on its own too. */
          for (guint i = 0; parts[0] != NULL && parts[1] != NULL && parts[i] != NULL; i++)
            if (parts[i][0] != '\0')
              added |= g_hash_table_add (self->known, g_utf8_strdown (parts[i], -1));
        }
      p = e;
    }
  return added;
}

static gboolean
learn_fiche_locked (RtesSpeller *self,
                    RtesFiche   *fiche)
{
  GListModel *contacts = G_LIST_MODEL (rtes_fiche_get_contacts (fiche));
  const char * const *lines = rtes_fiche_get_address_lines (fiche);
  gboolean added = FALSE;

  added |= learn_text_locked (self, rtes_fiche_get_name (fiche));
  added |= learn_text_locked (self, rtes_fiche_get_city (fiche));
  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    added |= learn_text_locked (self, lines[i]);
  for (guint i = 0; i < g_list_model_get_n_items (contacts); i++)
    {
      g_autoptr(RtesContact) contact = g_list_model_get_item (contacts, i);

      added |= learn_text_locked (self, rtes_contact_get_name (contact));
    }
  return added;
}

void
rtes_speller_learn_fiches (RtesSpeller *self,
                           GPtrArray   *fiches)
{
  gboolean added = FALSE;

  g_return_if_fail (RTES_IS_SPELLER (self));

  g_mutex_lock (&self->lock);
  for (guint i = 0; fiches != NULL && i < fiches->len; i++)
    {
      RtesFiche *fiche = g_ptr_array_index (fiches, i);

      if (rtes_fiche_get_load_error (fiche) == NULL)
        added |= learn_fiche_locked (self, fiche);
    }
  g_mutex_unlock (&self->lock);
  if (added)
    g_signal_emit (self, signals[CHANGED], 0);
}

void
rtes_speller_check_text (RtesSpeller *self,
                         const char  *field,
                         const char  *text,
                         gsize        start,
                         gssize       end,
                         GPtrArray   *findings)
{
  g_autoptr(GArray) addresses = NULL;
  const char *p, *s, *e;
  gsize limit;

  g_return_if_fail (RTES_IS_SPELLER (self));
  g_return_if_fail (field != NULL && findings != NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return;
  limit = end < 0 ? strlen (text) : MIN ((gsize) end, strlen (text));
  if (start > limit)
    return;
  /* Back to the start of the word @start falls in. */
  p = text + start;
  while (p > text && (is_word_char (g_utf8_get_char (g_utf8_prev_char (p)))
                      || is_joiner (g_utf8_get_char (g_utf8_prev_char (p)))))
    p = g_utf8_prev_char (p);
  addresses = rtes_review_find_addresses (text);

  g_mutex_lock (&self->lock);
  while (next_word (text, p, &s, &e) && (gsize) (s - text) <= limit)
    {
      gsize ws = s - text, we = e - text;
      gboolean in_address = FALSE;

      p = e;
      for (guint i = 0; i < addresses->len && !in_address; i++)
        {
          RtesTextRange *r = &g_array_index (addresses, RtesTextRange, i);

          in_address = ws < r->end && we > r->start;
        }
      if (in_address || we - ws > MAX_WORD_BYTES)
        continue;
      {
        g_autofree char *word = g_strndup (s, e - s);
        g_autofree char *lower = NULL;
        const char *preferred;
        RtesFinding *finding;

        if (check_word_locked (self, word))
          continue;
        lower = g_utf8_strdown (word, -1);
        preferred = preferred_form (lower);
        if (preferred != NULL)
          {
            g_autofree char *message = g_strdup_printf (_("The RTES writes “%s”"), preferred);
            gsize prefix = strip_elision (word) - word;
            /* The article stays: "l’entreprenariat" → "l’entrepreneuriat". */
            char *suggestion[] = { g_strdup_printf ("%.*s%s", (int) prefix, word, preferred), NULL };

            finding = rtes_finding_new (RTES_FINDING_SPELLING, RTES_FINDING_WARNING, field, word,
                                        ws, we, message);
            rtes_finding_take_suggestions (finding, g_strdupv (suggestion));
            g_free (suggestion[0]);
          }
        else
          finding = rtes_finding_new (RTES_FINDING_SPELLING, RTES_FINDING_WARNING, field, word,
                                      ws, we, _("Unknown word"));
        g_ptr_array_add (findings, finding);
      }
    }
  g_mutex_unlock (&self->lock);
}

typedef struct {
  RtesSpeller *speller;
  GPtrArray   *findings;
} FicheCheck;

static void
check_fiche_text_cb (const char *field,
                     const char *text,
                     gboolean    prose,
                     gpointer    user_data)
{
  FicheCheck *check = user_data;

  if (prose)
    rtes_speller_check_text (check->speller, field, text, 0, -1, check->findings);
}

void
rtes_speller_check_fiche (RtesSpeller *self,
                          RtesFiche   *fiche,
                          GPtrArray   *findings)
{
  FicheCheck check = { self, findings };
  guint first = findings->len;

  g_return_if_fail (RTES_IS_SPELLER (self));
  g_return_if_fail (RTES_IS_FICHE (fiche));

  if (rtes_fiche_get_load_error (fiche) != NULL)
    return;
  rtes_review_foreach_text (fiche, check_fiche_text_cb, &check);
  for (guint i = first; i < findings->len; i++)
    rtes_finding_set_id (g_ptr_array_index (findings, i), rtes_fiche_get_id (fiche));
}
