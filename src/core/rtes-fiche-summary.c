/* rtes-fiche-summary.c: what the list of a library knows of a fiche without its file
 *
 * The part of a fiche that the window's list, its filters and search, the
 * overview's figures and the CLI's "list" and "stats" use, small enough
 * that the library index (rtes-library-index.c) keeps one per fiche file
 * and a library of ten thousand fiches lists them without reading any.
 * rtes_fiche_new_listed() makes a fiche of one, which reads its file
 * when anything else is asked of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-fiche-summary.h"
#include "rtes-core-private.h"
#include "rtes-fiche-json.h"
#include "rtes-review.h"
#include "rtes-validation.h"

RtesFicheSummary *
rtes_fiche_summary_new (void)
{
  RtesFicheSummary *summary = g_new0 (RtesFicheSummary, 1);

  summary->member_since = RTES_NO_NUMBER;
  return summary;
}

/* The "example" member the window's example fiches carry (see rtes-sync.c). */
static gboolean
is_example (RtesFiche *fiche)
{
  JsonNode *node = json_object_get_member (rtes_fiche_get_extra (fiche), "example");

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

RtesFicheSummary *
rtes_fiche_summary_new_for_fiche (RtesFiche *fiche)
{
  RtesFicheSummary *summary;
  GArray *figures;

  g_return_val_if_fail (RTES_IS_FICHE (fiche), NULL);
  g_return_val_if_fail (rtes_fiche_get_load_error (fiche) == NULL, NULL);

  summary = rtes_fiche_summary_new ();
  summary->id = g_strdup (rtes_fiche_get_id (fiche));
  summary->name = g_strdup (rtes_fiche_get_name (fiche));
  summary->status = g_strdup (rtes_fiche_get_status (fiche));
  summary->kind = g_strdup (rtes_fiche_get_kind (fiche));
  summary->region = g_strdup (rtes_fiche_get_region (fiche));
  summary->updated = g_strdup (rtes_fiche_get_updated (fiche));
  summary->member_since = rtes_fiche_get_member_since (fiche);
  summary->postcode = g_strdup (rtes_fiche_get_postcode (fiche));
  summary->city = g_strdup (rtes_fiche_get_city (fiche));
  summary->tags = g_strdupv ((char **) rtes_fiche_get_tags (fiche));
  summary->filled = rtes_fiche_count_filled (fiche);
  summary->blocking = rtes_review_count_blocking (fiche);
  summary->example = is_example (fiche);
  figures = rtes_fiche_get_budget_figures (fiche);
  summary->budget = g_array_sized_new (FALSE, FALSE, sizeof (RtesBudgetFigure), figures->len);
  g_array_append_vals (summary->budget, figures->data, figures->len);
  summary->search_text = g_strdup (rtes_fiche_get_search_text (fiche));
  return summary;
}

void
rtes_fiche_summary_free (RtesFicheSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->id);
  g_free (summary->name);
  g_free (summary->status);
  g_free (summary->kind);
  g_free (summary->region);
  g_free (summary->updated);
  g_free (summary->postcode);
  g_free (summary->city);
  g_strfreev (summary->tags);
  g_clear_pointer (&summary->budget, g_array_unref);
  g_free (summary->search_text);
  g_free (summary);
}

RtesFiche *
rtes_fiche_new_listed (RtesFicheSummary *summary,
                       const char       *path)
{
  RtesFiche *self;

  g_return_val_if_fail (summary != NULL && summary->id != NULL && path != NULL, NULL);
  self = rtes_fiche_begin_listing (path, rtes_fiche_load);
  g_object_set (self, "id", summary->id, "name", summary->name, "status", summary->status,
                "kind", summary->kind, "region", summary->region, "updated", summary->updated,
                "member-since", summary->member_since, "postcode", summary->postcode,
                "city", summary->city, "tags", summary->tags, NULL);
  rtes_fiche_set_cached_filled (self, MIN (summary->filled, RTES_FICHE_N_FILLED));
  rtes_fiche_set_cached_blocking (self, summary->blocking);
  rtes_fiche_end_listing (self, g_steal_pointer (&summary->search_text),
                          g_steal_pointer (&summary->budget));
  rtes_fiche_summary_free (summary);
  return self;
}
