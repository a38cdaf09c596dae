/* rtes-export.c: selection, ordering and French wording shared by exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rtes-export.h"
#include "rtes-french.h"
#include "rtes-fiche-text.h"
#include "rtes-text.h"
#include "rtes-vocabulary.h"

#define NNBSP "\xe2\x80\xaf"   /* U+202F NARROW NO-BREAK SPACE */

G_DEFINE_QUARK (rtes-export-error-quark, rtes_export_error)

/* ---- ordering ---------------------------------------------------------- */

const char *
rtes_export_region_label (RtesFiche *fiche)
{
  const char *region = rtes_fiche_get_region (fiche);
  const RtesTerm *term = region != NULL ? rtes_region_lookup (region) : NULL;

  if (term != NULL)
    return term->label_fr;
  /* A value outside the vocabulary is still what the fiche says. */
  if (!rtes_text_is_blank (region))
    return region;
  return "Région non renseignée";
}

const char *
rtes_export_kind_label (RtesFiche *fiche)
{
  const char *kind = rtes_fiche_get_kind (fiche);
  const RtesTerm *term = kind != NULL ? rtes_kind_lookup (kind) : NULL;

  if (term != NULL)
    return term->label_fr;
  if (!rtes_text_is_blank (kind))
    return kind;
  return "Type non renseigné";
}

/* Position of the fiche's kind in the vocabulary; unknown and missing
 * kinds after all known ones. */
static int
kind_rank (RtesFiche *fiche)
{
  const char *kind = rtes_fiche_get_kind (fiche);
  const RtesTerm *kinds = rtes_kinds ();
  int i;

  for (i = 0; kind != NULL && kinds[i].id != NULL; i++)
    if (g_strcmp0 (kinds[i].id, kind) == 0)
      return i;
  return kind != NULL ? i : i + 1;
}

static int
compare_text (const char *a,
              const char *b)
{
  g_autofree char *fa = rtes_text_fold (a);
  g_autofree char *fb = rtes_text_fold (b);
  int cmp = g_utf8_collate (fa, fb);

  return cmp != 0 ? cmp : g_strcmp0 (a, b);
}

static int
compare_fiches (gconstpointer pa,
                gconstpointer pb)
{
  RtesFiche *a = *(RtesFiche **) pa;
  RtesFiche *b = *(RtesFiche **) pb;
  gboolean a_region = !rtes_text_is_blank (rtes_fiche_get_region (a));
  gboolean b_region = !rtes_text_is_blank (rtes_fiche_get_region (b));
  int cmp;

  if (a_region != b_region)
    return a_region ? -1 : 1;
  cmp = compare_text (rtes_export_region_label (a), rtes_export_region_label (b));
  if (cmp == 0)
    cmp = kind_rank (a) - kind_rank (b);
  if (cmp == 0)
    cmp = compare_text (rtes_export_kind_label (a), rtes_export_kind_label (b));
  if (cmp == 0)
    cmp = compare_text (rtes_fiche_get_name (a), rtes_fiche_get_name (b));
  return cmp != 0 ? cmp : g_strcmp0 (rtes_fiche_get_id (a), rtes_fiche_get_id (b));
}

void
rtes_export_sort (GPtrArray *fiches)
{
  g_ptr_array_sort (fiches, compare_fiches);
}

static gboolean
matches_kind (RtesFiche  *fiche,
              const char *kind)
{
  const char *fiche_kind = rtes_fiche_get_kind (fiche);
  const RtesTerm *term = fiche_kind != NULL ? rtes_kind_lookup (fiche_kind) : NULL;
  g_autofree char *wanted = rtes_text_fold (kind);
  g_autofree char *label = NULL;

  if (fiche_kind == NULL)
    return FALSE;
  if (g_strcmp0 (fiche_kind, kind) == 0)
    return TRUE;
  label = rtes_text_fold (term != NULL ? term->label_fr : fiche_kind);
  return g_strcmp0 (label, wanted) == 0;
}

static gboolean
matches_region (RtesFiche  *fiche,
                const char *region)
{
  const char *fiche_region = rtes_fiche_get_region (fiche);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (fiche_region == NULL)
    return FALSE;
  a = rtes_text_fold (fiche_region);
  b = rtes_text_fold (region);
  /* "Bourgogne-Franche-Comté" and "bourgogne franche comte" are one. */
  g_strdelimit (a, "-", ' ');
  g_strdelimit (b, "-", ' ');
  return g_strcmp0 (g_strstrip (a), g_strstrip (b)) == 0;
}

GPtrArray *
rtes_export_select (RtesLibrary        *library,
                    const char * const *ids,
                    const char         *region,
                    const char         *kind,
                    GError            **error)
{
  g_autoptr(GPtrArray) fiches = g_ptr_array_new_with_free_func (g_object_unref);
  guint i, n;

  g_return_val_if_fail (RTES_IS_LIBRARY (library), NULL);

  if (ids != NULL && ids[0] != NULL)
    {
      for (i = 0; ids[i] != NULL; i++)
        {
          RtesFiche *fiche = rtes_library_lookup (library, ids[i]);

          if (fiche == NULL)
            {
              g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_NOTHING,
                           _("No fiche “%s” in the library %s"),
                           ids[i], rtes_library_get_path (library));
              return NULL;
            }
          if (rtes_fiche_get_load_error (fiche) != NULL)
            {
              g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_BROKEN_FICHE,
                           _("Fiche “%s” could not be loaded: %s"),
                           ids[i], rtes_fiche_get_load_error (fiche)->message);
              return NULL;
            }
          if (!g_ptr_array_find (fiches, fiche, NULL))
            g_ptr_array_add (fiches, g_object_ref (fiche));
        }
    }
  else
    {
      n = g_list_model_get_n_items (G_LIST_MODEL (library));
      for (i = 0; i < n; i++)
        {
          g_autoptr(RtesFiche) fiche = g_list_model_get_item (G_LIST_MODEL (library), i);

          /* Broken files are the library's to report; an export of
           * "everything" is everything that loads. */
          if (rtes_fiche_get_load_error (fiche) == NULL)
            g_ptr_array_add (fiches, g_steal_pointer (&fiche));
        }
    }

  for (i = fiches->len; i > 0; i--)
    {
      RtesFiche *fiche = g_ptr_array_index (fiches, i - 1);

      if ((region != NULL && !matches_region (fiche, region)) ||
          (kind != NULL && !matches_kind (fiche, kind)))
        g_ptr_array_remove_index (fiches, i - 1);
    }

  rtes_export_sort (fiches);
  return g_steal_pointer (&fiches);
}

/* ---- French values ------------------------------------------------------ */

char *
rtes_format_date (const char *iso_date)
{
  char *french;

  if (iso_date == NULL)
    return g_strdup ("");
  french = rtes_french_date (iso_date);
  return french != NULL ? french : rtes_text_sanitize (iso_date);
}

char *
rtes_format_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%d/%m/%Y");
}

/* ---- identity ------------------------------------------------------------ */

void
rtes_export_field_free (RtesExportField *field)
{
  g_strfreev (field->lines);
  g_free (field);
}

/* Adds the field @label with the lines gathered in @lines, if any, and
 * leaves @lines empty for the next field. */
static void
add_field (GPtrArray  *fields,
           const char *label,
           GPtrArray  *lines)
{
  RtesExportField *field;

  if (lines->len == 0)
    return;
  g_ptr_array_add (lines, NULL);
  field = g_new0 (RtesExportField, 1);
  field->label = label;
  field->lines = (GStrv) g_ptr_array_steal (lines, NULL);
  g_ptr_array_add (fields, field);
}

static void
add_line (GPtrArray  *lines,
          const char *value)
{
  if (!rtes_text_is_blank (value))
    g_ptr_array_add (lines, g_strstrip (rtes_text_sanitize (value)));
}

static void
take_line (GPtrArray *lines,
           char      *value)
{
  add_line (lines, value);
  g_free (value);
}

GPtrArray *
rtes_export_identity (RtesFiche *fiche)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_export_field_free);
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  const char * const *address = rtes_fiche_get_address_lines (fiche);
  const char *kind = rtes_fiche_get_kind (fiche);
  const char *region = rtes_fiche_get_region (fiche);
  gint64 year = rtes_fiche_get_member_since (fiche);
  gint64 population = rtes_fiche_get_population (fiche);
  const char * const *tags = rtes_fiche_get_tags (fiche);
  g_autofree char *place = NULL;

  if (year != RTES_NO_NUMBER)
    take_line (lines, g_strdup_printf ("%" G_GINT64_FORMAT, year));
  add_field (fields, RTES_EXPORT_LABEL_MEMBER_SINCE, lines);

  if (kind != NULL)
    add_line (lines, rtes_export_kind_label (fiche));
  add_field (fields, RTES_EXPORT_LABEL_KIND, lines);

  if (population != RTES_NO_NUMBER)
    {
      g_autofree char *number = rtes_french_integer (population);
      take_line (lines, g_strdup_printf ("%s habitants", number));
    }
  add_line (lines, rtes_fiche_get_population_note (fiche));
  add_field (fields, RTES_EXPORT_LABEL_POPULATION, lines);

  for (; address != NULL && *address != NULL; address++)
    add_line (lines, *address);
  place = g_strjoin (" ", rtes_fiche_get_postcode (fiche), rtes_fiche_get_city (fiche), NULL);
  add_line (lines, g_strstrip (place));
  add_line (lines, rtes_fiche_get_country (fiche));
  add_field (fields, RTES_EXPORT_LABEL_ADDRESS, lines);

  if (region != NULL)
    add_line (lines, rtes_export_region_label (fiche));
  add_field (fields, RTES_EXPORT_LABEL_REGION, lines);

  /* The ESS levers the fiche is tagged with, in the vocabulary's order;
   * a tag the vocabulary does not know is the validator's business. */
  for (const RtesTerm *t = rtes_tags (); tags != NULL && t->id != NULL; t++)
    if (g_strv_contains (tags, t->id))
      add_line (lines, t->label_fr);
  add_field (fields, RTES_EXPORT_LABEL_TAGS, lines);

  return fields;
}

/* ---- budget ---------------------------------------------------------------- */

char *
rtes_export_budget_section (RtesBudgetLine *line)
{
  const char *section = rtes_budget_line_get_section (line);

  if (g_strcmp0 (section, RTES_SECTION_FONCTIONNEMENT) == 0)
    return g_strdup ("Fonctionnement");
  if (g_strcmp0 (section, RTES_SECTION_INVESTISSEMENT) == 0)
    return g_strdup ("Investissement");
  return rtes_text_sanitize (section);
}

char *
rtes_export_budget_year (RtesBudgetLine *line)
{
  int year = rtes_budget_line_get_year (line);
  gboolean forecast = rtes_budget_line_get_forecast (line);

  if (year == RTES_BUDGET_NO_YEAR)
    return g_strdup (forecast ? "Prévisionnel" : "");
  if (forecast)
    return g_strdup_printf ("%d (prévisionnel)", year);
  return g_strdup_printf ("%d", year);
}

/* ---- sections ---------------------------------------------------------------- */

/* Indexed by RtesExportSection. */
static const struct {
  const char *heading;
  const char *(*text) (RtesFiche *fiche);
} sections[RTES_EXPORT_N_SECTIONS] = {
  { "Panorama de l’ESS sur le territoire", rtes_fiche_get_panorama },
  { "Budget consacré à l’ESS", rtes_fiche_get_budget_text },
  { "Programme d’intervention dans le champ de l’ESS", rtes_fiche_get_programme },
  { "Exemples d’actions soutenues par la collectivité", rtes_fiche_get_actions },
};

const char *
rtes_export_section_heading (RtesExportSection section)
{
  g_return_val_if_fail ((guint) section < RTES_EXPORT_N_SECTIONS, NULL);
  return sections[section].heading;
}

const char *
rtes_export_section_text (RtesFiche         *fiche,
                          RtesExportSection  section)
{
  g_return_val_if_fail ((guint) section < RTES_EXPORT_N_SECTIONS, NULL);
  return sections[section].text (fiche);
}

gboolean
rtes_export_section_present (RtesFiche         *fiche,
                             RtesExportSection  section)
{
  if (section == RTES_EXPORT_BUDGET &&
      g_list_model_get_n_items (G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche))) > 0)
    return TRUE;
  return !rtes_text_is_blank (rtes_export_section_text (fiche, section));
}

char *
rtes_export_mailto (const char *email)
{
  g_autofree char *clean = g_strstrip (rtes_text_sanitize (email));
  g_autofree char *uri = NULL;
  const char *at = strchr (clean, '@');
  const char *p;

  if (at == NULL || at == clean || at[1] == '\0' || strchr (at + 1, '@') != NULL)
    return NULL;
  for (p = clean; *p != '\0'; p++)
    if (strchr (" \t\n:/\\?&#<>\"'()[],;", *p) != NULL)
      return NULL;

  uri = g_strconcat ("mailto:", clean, NULL);
  return rtes_uri_is_safe (uri) ? g_steal_pointer (&uri) : NULL;
}

char *
rtes_export_tel (const char *phone)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean plus = FALSE;
  const char *p;

  if (phone == NULL || !g_utf8_validate (phone, -1, NULL))
    return NULL;
  for (p = phone; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80 && g_ascii_isdigit (c))
        g_string_append_c (digits, (char) c);
      else if (c == '+' && digits->len == 0 && !plus)
        plus = TRUE;
      /* Separators, no-break spaces included (as French typography and
       * word processors write numbers). */
      else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')' && c != '\t' &&
               c != 0x00a0 && c != 0x202f)
        return NULL;
    }
  if (digits->len < 3 || digits->len > 17)
    return NULL;
  if (plus)
    {
      /* "+33 (0)3 85…": the trunk zero in brackets is not dialled. */
      if (g_str_has_prefix (digits->str, "330") && digits->len == 12)
        g_string_erase (digits, 2, 1);
      return g_strconcat ("tel:+", digits->str, NULL);
    }
  if (g_str_has_prefix (digits->str, "00"))
    return g_strconcat ("tel:+", digits->str + 2, NULL);
  if (digits->str[0] == '0' && digits->len == 10)
    return g_strconcat ("tel:+33", digits->str + 1, NULL);
  /* A short number ("3949"): dialled as it is. */
  return g_strconcat ("tel:", digits->str, NULL);
}

/* ---- the exports' own text ------------------------------------------------ */

char *
rtes_export_updated_line (RtesFiche *fiche)
{
  g_autofree char *date = NULL;

  if (rtes_fiche_get_updated (fiche) == NULL)
    return NULL;
  date = rtes_format_date (rtes_fiche_get_updated (fiche));
  return g_strdup_printf ("%s" NNBSP ": %s", RTES_EXPORT_LABEL_UPDATED, date);
}

static void
add_term_labels (GPtrArray      *texts,
                 const RtesTerm *terms)
{
  for (guint i = 0; terms[i].id != NULL; i++)
    g_ptr_array_add (texts, (gpointer) terms[i].label_fr);
}

GPtrArray *
rtes_export_fixed_texts (void)
{
  static const char * const labels[] = {
    RTES_EXPORT_LABEL_UPDATED, RTES_EXPORT_LABEL_DRAFT, RTES_EXPORT_LABEL_CONTACTS,
    RTES_EXPORT_LABEL_BOARD, RTES_EXPORT_LABEL_TAGS, RTES_EXPORT_LABEL_NETWORK,
    RTES_EXPORT_NETWORK_NAME, RTES_EXPORT_LABEL_MEMBER_SINCE, RTES_EXPORT_LABEL_KIND,
    RTES_EXPORT_LABEL_POPULATION, RTES_EXPORT_LABEL_ADDRESS, RTES_EXPORT_LABEL_REGION,
    RTES_EXPORT_BOOKLET_INTRO, "Région non renseignée", "Type non renseigné",
    "Fonctionnement", "Investissement", "Prévisionnel",
  };
  GPtrArray *texts = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    g_ptr_array_add (texts, (gpointer) labels[i]);
  for (guint s = 0; s < RTES_EXPORT_N_SECTIONS; s++)
    g_ptr_array_add (texts, (gpointer) rtes_export_section_heading (s));
  add_term_labels (texts, rtes_kinds ());
  add_term_labels (texts, rtes_regions ());
  add_term_labels (texts, rtes_tags ());
  return texts;
}
