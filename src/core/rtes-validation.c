/* rtes-validation.c: what a fiche gets wrong or leaves out, beyond types
 *
 * Types are checked when a file is read (rtes-fiche-json.c); a fiche that
 * loads can still say something odd: a 4-digit postcode, a year joined
 * before the RTES existed. Those are issues shown next to the field, never
 * reasons to refuse a save, except for what would break the library (an id
 * that is not a slug) or make the fiche unusable (no name).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-validation.h"
#include "rtes-core-private.h"
#include "rtes-text.h"
#include "rtes-vocabulary.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

/* The RTES was founded in 2001: nobody joined before. */
#define RTES_FIRST_YEAR 2001

void
rtes_issue_free (RtesIssue *issue)
{
  if (issue == NULL)
    return;
  g_free (issue->field);
  g_free (issue->message);
  g_free (issue);
}

static void
add_issue (GPtrArray         *issues,
           RtesIssueSeverity  severity,
           const char        *field,
           const char        *format,
           ...) G_GNUC_PRINTF (4, 5);

static void
add_issue (GPtrArray         *issues,
           RtesIssueSeverity  severity,
           const char        *field,
           const char        *format,
           ...)
{
  RtesIssue *issue = g_new0 (RtesIssue, 1);
  va_list args;

  va_start (args, format);
  issue->severity = severity;
  issue->field = g_strdup (field);
  issue->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (issues, issue);
}

static gboolean
is_digits (const char *s,
           gsize       n)
{
  if (strlen (s) != n)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_valid_date (const char *s)
{
  int y, m, d;

  if (strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (s[i]))
      return FALSE;
  if (sscanf (s, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return FALSE;
  return g_date_valid_dmy (d, m, y);
}

/* A pragmatic shape check: something@domain.tld with no spaces. */
static gboolean
is_email (const char *s)
{
  const char *at = strchr (s, '@');
  const char *dot;

  if (at == NULL || at == s || strchr (at + 1, '@') != NULL)
    return FALSE;
  for (const char *p = s; *p; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>')
      return FALSE;
  dot = strrchr (at, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

/* French numbers have 10 digits ("03 81 61 61 61"), international ones
 * start with "+"; separators are spaces, dots, dashes and parentheses. */
static gboolean
is_phone (const char *s)
{
  guint digits = 0;

  for (const char *p = s; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (!(*p == ' ' || *p == '.' || *p == '-' || *p == '(' || *p == ')' ||
                 (*p == '+' && p == s)))
        return FALSE;
    }
  return digits >= 10 && digits <= 15;
}

static gboolean
is_in_france (RtesFiche *fiche)
{
  const char *country = rtes_fiche_get_country (fiche);
  g_autofree char *folded = rtes_text_fold (country);

  return rtes_text_is_blank (country) || g_strcmp0 (folded, "france") == 0;
}

static void
check_identity (RtesFiche *fiche,
                GPtrArray *issues,
                int        this_year)
{
  const char *kind = rtes_fiche_get_kind (fiche);
  const char *region = rtes_fiche_get_region (fiche);
  const char *status = rtes_fiche_get_status (fiche);
  const char *updated = rtes_fiche_get_updated (fiche);
  gint64 population = rtes_fiche_get_population (fiche);
  gint64 since = rtes_fiche_get_member_since (fiche);

  if (!rtes_id_is_valid (rtes_fiche_get_id (fiche)))
    add_issue (issues, RTES_ISSUE_ERROR, "id",
               _("The identifier must be lowercase letters, digits and single dashes, "
                 "at most %d characters."), RTES_ID_MAX_LENGTH);
  if (rtes_text_is_blank (rtes_fiche_get_name (fiche)))
    add_issue (issues, RTES_ISSUE_ERROR, "name", _("The name is empty."));
  if (g_strcmp0 (status, RTES_STATUS_DRAFT) != 0 && g_strcmp0 (status, RTES_STATUS_PUBLISHED) != 0)
    add_issue (issues, RTES_ISSUE_ERROR, "status",
               _("Unknown status “%s”: use draft or published."), status);

  if (kind == NULL)
    add_issue (issues, RTES_ISSUE_MISSING, "kind", _("The type of collectivity is not set."));
  else if (rtes_kind_lookup (kind) == NULL)
    add_issue (issues, RTES_ISSUE_WARNING, "kind",
               _("“%s” is not a known type of collectivity."), kind);

  if (region == NULL)
    add_issue (issues, RTES_ISSUE_MISSING, "region", _("The region is not set."));
  else if (rtes_region_lookup (region) == NULL)
    add_issue (issues, RTES_ISSUE_WARNING, "region",
               _("“%s” is not one of the 18 regions."), region);

  if (population == RTES_NO_NUMBER)
    add_issue (issues, RTES_ISSUE_MISSING, "population", _("The population is not set."));
  else if (population < 0)
    add_issue (issues, RTES_ISSUE_WARNING, "population", _("The population cannot be negative."));

  if (since == RTES_NO_NUMBER)
    add_issue (issues, RTES_ISSUE_MISSING, "member_since",
               _("The year the collectivity joined the RTES is not set."));
  else if (since < RTES_FIRST_YEAR || since > this_year)
    add_issue (issues, RTES_ISSUE_WARNING, "member_since",
               _("The year joined must be between %d and %d."), RTES_FIRST_YEAR, this_year);

  if (updated != NULL && !is_valid_date (updated))
    add_issue (issues, RTES_ISSUE_WARNING, "updated",
               _("“%s” is not a date written YYYY-MM-DD."), updated);
}

static void
check_address (RtesFiche *fiche,
               GPtrArray *issues)
{
  const char *postcode = rtes_fiche_get_postcode (fiche);

  if (rtes_text_is_blank (postcode))
    add_issue (issues, RTES_ISSUE_MISSING, "address.postcode", _("The postcode is not set."));
  else if (is_in_france (fiche) && !is_digits (postcode, 5))
    add_issue (issues, RTES_ISSUE_WARNING, "address.postcode",
               _("A French postcode has 5 digits."));
  if (rtes_text_is_blank (rtes_fiche_get_city (fiche)))
    add_issue (issues, RTES_ISSUE_MISSING, "address.city", _("The city is not set."));
}

static void
check_texts (RtesFiche *fiche,
             GPtrArray *issues)
{
  GListModel *lines = G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche));

  if (rtes_text_is_blank (rtes_fiche_get_panorama (fiche)))
    add_issue (issues, RTES_ISSUE_MISSING, "panorama", _("The ESS panorama is empty."));
  if (rtes_text_is_blank (rtes_fiche_get_budget_text (fiche)) && g_list_model_get_n_items (lines) == 0)
    add_issue (issues, RTES_ISSUE_MISSING, "budget", _("The ESS budget is empty."));
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(RtesBudgetLine) line = g_list_model_get_item (lines, i);
      const char *section = rtes_budget_line_get_section (line);

      if (section != NULL && g_strcmp0 (section, RTES_SECTION_FONCTIONNEMENT) != 0 &&
          g_strcmp0 (section, RTES_SECTION_INVESTISSEMENT) != 0)
        {
          g_autofree char *field = g_strdup_printf ("budget.lines[%u].section", i);

          add_issue (issues, RTES_ISSUE_WARNING, field,
                     _("Unknown budget section “%s”."), section);
        }
      if (rtes_budget_line_get_amount (line) < 0)
        {
          g_autofree char *field = g_strdup_printf ("budget.lines[%u].amount", i);

          add_issue (issues, RTES_ISSUE_WARNING, field, _("The amount cannot be negative."));
        }
    }
  if (rtes_text_is_blank (rtes_fiche_get_programme (fiche)))
    add_issue (issues, RTES_ISSUE_MISSING, "programme", _("The intervention programme is empty."));
  if (rtes_text_is_blank (rtes_fiche_get_actions (fiche)))
    add_issue (issues, RTES_ISSUE_MISSING, "actions", _("No supported actions are described."));
}

static char *
contact_key (RtesContact *contact)
{
  g_autofree char *name = rtes_text_fold (rtes_contact_get_name (contact));
  g_autofree char *role = rtes_text_fold (rtes_contact_get_role (contact));

  return g_strconcat (name, "\n", role, NULL);
}

static void
check_contact (RtesContact *contact,
               guint        i,
               GPtrArray   *issues)
{
  const char *email = rtes_contact_get_email (contact);
  const char *phone = rtes_contact_get_phone (contact);
  const char *category = rtes_contact_get_category (contact);
  g_autofree char *prefix = g_strdup_printf ("contacts[%u]", i);
  g_autofree char *f_name = g_strconcat (prefix, ".name", NULL);
  g_autofree char *f_email = g_strconcat (prefix, ".email", NULL);
  g_autofree char *f_phone = g_strconcat (prefix, ".phone", NULL);
  g_autofree char *f_category = g_strconcat (prefix, ".category", NULL);

  if (rtes_text_is_blank (rtes_contact_get_name (contact)))
    add_issue (issues, RTES_ISSUE_WARNING, f_name, _("The contact has no name."));
  if (email[0] != '\0' && !is_email (email))
    add_issue (issues, RTES_ISSUE_WARNING, f_email, _("“%s” does not look like an e-mail address."), email);
  if (phone[0] != '\0' && !is_phone (phone))
    add_issue (issues, RTES_ISSUE_WARNING, f_phone, _("“%s” does not look like a phone number."), phone);
  if (category[0] != '\0' && g_strcmp0 (category, RTES_CONTACT_ELECTED) != 0 &&
      g_strcmp0 (category, RTES_CONTACT_STAFF) != 0)
    add_issue (issues, RTES_ISSUE_WARNING, f_category,
               _("Unknown contact category “%s”: use elected or staff."), category);
}

static void
check_contacts (RtesFiche *fiche,
                GPtrArray *issues)
{
  GListModel *contacts = G_LIST_MODEL (rtes_fiche_get_contacts (fiche));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (contacts);

  if (n == 0)
    add_issue (issues, RTES_ISSUE_MISSING, "contacts", _("The fiche has no public contact."));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RtesContact) contact = g_list_model_get_item (contacts, i);
      g_autofree char *key = contact_key (contact);

      check_contact (contact, i, issues);
      if (!rtes_text_is_blank (rtes_contact_get_name (contact)) &&
          !g_hash_table_add (seen, g_steal_pointer (&key)))
        {
          g_autofree char *field = g_strdup_printf ("contacts[%u]", i);

          add_issue (issues, RTES_ISSUE_WARNING, field,
                     _("%s appears twice with the same role."), rtes_contact_get_name (contact));
        }
    }
}

static void
check_tags (RtesFiche *fiche,
            GPtrArray *issues)
{
  const char * const *tags = rtes_fiche_get_tags (fiche);

  for (guint i = 0; tags[i] != NULL; i++)
    if (rtes_tag_lookup (tags[i]) == NULL)
      {
        g_autofree char *field = g_strdup_printf ("tags[%u]", i);

        add_issue (issues, RTES_ISSUE_WARNING, field, _("“%s” is not in the tag vocabulary."), tags[i]);
      }
}

GPtrArray *
rtes_fiche_validate (RtesFiche *fiche,
                     GDateTime *now)
{
  GPtrArray *issues = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_issue_free);
  g_autoptr(GDateTime) local_now = NULL;

  g_return_val_if_fail (RTES_IS_FICHE (fiche), issues);
  if (now == NULL)
    now = local_now = g_date_time_new_now_local ();
  check_identity (fiche, issues, g_date_time_get_year (now));
  check_address (fiche, issues);
  check_texts (fiche, issues);
  check_contacts (fiche, issues);
  check_tags (fiche, issues);
  return issues;
}

gboolean
rtes_issues_have_errors (GPtrArray *issues)
{
  for (guint i = 0; i < issues->len; i++)
    if (((RtesIssue *) issues->pdata[i])->severity == RTES_ISSUE_ERROR)
      return TRUE;
  return FALSE;
}

guint
rtes_fiche_count_filled (RtesFiche *fiche)
{
  GListModel *lines;
  GListModel *contacts;
  int cached = rtes_fiche_get_cached_filled (fiche);
  guint count = 0;

  if (cached >= 0)
    return cached;
  lines = G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche));
  contacts = G_LIST_MODEL (rtes_fiche_get_contacts (fiche));
  {
    gboolean filled[RTES_FICHE_N_FILLED] = {
      rtes_fiche_get_kind (fiche) != NULL,
      rtes_fiche_get_region (fiche) != NULL,
      rtes_fiche_get_population (fiche) != RTES_NO_NUMBER,
      rtes_fiche_get_member_since (fiche) != RTES_NO_NUMBER,
      !rtes_text_is_blank (rtes_fiche_get_postcode (fiche)) &&
        !rtes_text_is_blank (rtes_fiche_get_city (fiche)),
      !rtes_text_is_blank (rtes_fiche_get_panorama (fiche)),
      !rtes_text_is_blank (rtes_fiche_get_budget_text (fiche)) || g_list_model_get_n_items (lines) > 0,
      !rtes_text_is_blank (rtes_fiche_get_programme (fiche)),
      !rtes_text_is_blank (rtes_fiche_get_actions (fiche)),
      g_list_model_get_n_items (contacts) > 0,
    };

    for (guint i = 0; i < G_N_ELEMENTS (filled); i++)
      count += filled[i] ? 1 : 0;
  }
  rtes_fiche_set_cached_filled (fiche, count);
  return count;
}

double
rtes_fiche_completeness (RtesFiche *fiche)
{
  return (double) rtes_fiche_count_filled (fiche) / RTES_FICHE_N_FILLED;
}
