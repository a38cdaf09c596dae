/* rtes-finding.c: one thing the review of a fiche found to look at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-finding.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_BOXED_TYPE (RtesFinding, rtes_finding, rtes_finding_copy, rtes_finding_free)

static const char * const kind_names[RTES_FINDING_N_KINDS] = {
  "placeholder", "spelling", "typography", "stale", "missing",
  "invalid", "contact", "duplicate", "link",
};

RtesFinding *
rtes_finding_new (RtesFindingKind      kind,
                  RtesFindingSeverity  severity,
                  const char          *field,
                  const char          *text,
                  gssize               start,
                  gssize               end,
                  const char          *message)
{
  RtesFinding *finding = g_new0 (RtesFinding, 1);

  g_return_val_if_fail (kind < RTES_FINDING_N_KINDS, finding);

  finding->kind = kind;
  finding->severity = severity;
  finding->id = g_strdup ("");
  finding->field = g_strdup (field != NULL ? field : "");
  finding->text = g_strdup (text != NULL ? text : "");
  finding->start = start;
  finding->end = end;
  finding->message = g_strdup (message != NULL ? message : "");
  finding->suggestions = g_new0 (char *, 1);
  return finding;
}

RtesFinding *
rtes_finding_copy (const RtesFinding *finding)
{
  RtesFinding *copy = g_new0 (RtesFinding, 1);

  *copy = *finding;
  copy->id = g_strdup (finding->id);
  copy->field = g_strdup (finding->field);
  copy->text = g_strdup (finding->text);
  copy->message = g_strdup (finding->message);
  copy->suggestions = g_strdupv (finding->suggestions);
  copy->fix = g_strdup (finding->fix);
  return copy;
}

void
rtes_finding_free (RtesFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->id);
  g_free (finding->field);
  g_free (finding->text);
  g_free (finding->message);
  g_strfreev (finding->suggestions);
  g_free (finding->fix);
  g_free (finding);
}

void
rtes_finding_set_id (RtesFinding *finding,
                     const char  *id)
{
  g_free (finding->id);
  finding->id = g_strdup (id != NULL ? id : "");
}

void
rtes_finding_set_fix (RtesFinding *finding,
                      const char  *fix)
{
  g_free (finding->fix);
  finding->fix = g_strdup (fix);
}

void
rtes_finding_take_suggestions (RtesFinding *finding,
                               GStrv        suggestions)
{
  g_strfreev (finding->suggestions);
  finding->suggestions = suggestions != NULL ? suggestions : g_new0 (char *, 1);
}

gboolean
rtes_finding_is_blocking (const RtesFinding *finding)
{
  return finding->severity == RTES_FINDING_ERROR;
}

gboolean
rtes_findings_have_blocking (GPtrArray *findings)
{
  return rtes_findings_count_blocking (findings) > 0;
}

guint
rtes_findings_count_blocking (GPtrArray *findings)
{
  guint n = 0;

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    if (rtes_finding_is_blocking (g_ptr_array_index (findings, i)))
      n++;
  return n;
}

const char *
rtes_finding_kind_to_string (RtesFindingKind kind)
{
  g_return_val_if_fail (kind < RTES_FINDING_N_KINDS, "");
  return kind_names[kind];
}

const char *
rtes_finding_severity_to_string (RtesFindingSeverity severity)
{
  switch (severity)
    {
    case RTES_FINDING_ERROR: return "error";
    case RTES_FINDING_WARNING: return "warning";
    case RTES_FINDING_NOTE:
    default: return "note";
    }
}

const char *
rtes_finding_kind_label (RtesFindingKind kind)
{
  switch (kind)
    {
    case RTES_FINDING_PLACEHOLDER: return C_("review kind", "Placeholder");
    case RTES_FINDING_SPELLING: return C_("review kind", "Spelling");
    case RTES_FINDING_TYPOGRAPHY: return C_("review kind", "Typography");
    case RTES_FINDING_STALE: return C_("review kind", "Out of date");
    case RTES_FINDING_MISSING: return C_("review kind", "Missing");
    case RTES_FINDING_INVALID: return C_("review kind", "Invalid value");
    case RTES_FINDING_CONTACT: return C_("review kind", "Contact");
    case RTES_FINDING_DUPLICATE: return C_("review kind", "Duplicate");
    case RTES_FINDING_LINK: return C_("review kind", "Link");
    case RTES_FINDING_N_KINDS:
    default: return "";
    }
}

/* The fiche's members in the order of the format (and of the editor's
 * pages), so that findings read from the top of the fiche down. */
static guint
field_rank (const char *field)
{
  static const char * const order[] = {
    "id", "name", "status", "kind", "region", "population", "population_note",
    "member_since", "updated", "address", "panorama", "budget", "programme",
    "actions", "contacts", "tags",
  };
  gsize len = strcspn (field, ".[");

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (strlen (order[i]) == len && strncmp (order[i], field, len) == 0)
      return i;
  return G_N_ELEMENTS (order);
}

/* "contacts[10].name" after "contacts[9].name": the numbers of a path
 * compare as numbers. */
static int
compare_paths (const char *a,
               const char *b)
{
  while (*a != '\0' && *b != '\0')
    {
      if (g_ascii_isdigit (*a) && g_ascii_isdigit (*b))
        {
          char *end_a, *end_b;
          guint64 na = g_ascii_strtoull (a, &end_a, 10);
          guint64 nb = g_ascii_strtoull (b, &end_b, 10);

          if (na != nb)
            return na < nb ? -1 : 1;
          a = end_a;
          b = end_b;
          continue;
        }
      if (*a != *b)
        return (guchar) *a < (guchar) *b ? -1 : 1;
      a++;
      b++;
    }
  return (guchar) *a - (guchar) *b;
}

static int
compare_findings (gconstpointer pa,
                  gconstpointer pb)
{
  const RtesFinding *a = *(const RtesFinding * const *) pa;
  const RtesFinding *b = *(const RtesFinding * const *) pb;
  int cmp = strcmp (a->id, b->id);

  if (cmp != 0)
    return cmp;
  if (field_rank (a->field) != field_rank (b->field))
    return field_rank (a->field) < field_rank (b->field) ? -1 : 1;
  cmp = compare_paths (a->field, b->field);
  if (cmp != 0)
    return cmp;
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  return (int) a->kind - (int) b->kind;
}

void
rtes_findings_sort (GPtrArray *findings)
{
  g_ptr_array_sort (findings, compare_findings);
}
