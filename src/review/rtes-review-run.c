/* rtes-review-run.c: every check but links, on fiches of a library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-review.h"
#include "rtes-review-run.h"

GPtrArray *
rtes_review_run (GPtrArray   *fiches,
                 GPtrArray   *library_fiches,
                 RtesSpeller *speller,
                 GDateTime   *now)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_finding_free);
  g_autoptr(GPtrArray) duplicates = g_ptr_array_new_with_free_func ((GDestroyNotify) rtes_finding_free);
  g_autoptr(GHashTable) reviewed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) local_now = NULL;

  g_return_val_if_fail (fiches != NULL, findings);

  if (now == NULL)
    now = local_now = g_date_time_new_now_local ();
  for (guint i = 0; i < fiches->len; i++)
    {
      RtesFiche *fiche = g_ptr_array_index (fiches, i);
      g_autoptr(GPtrArray) found = rtes_review_fiche (fiche, now);

      g_ptr_array_extend_and_steal (findings, g_steal_pointer (&found));
      if (speller != NULL)
        rtes_speller_check_fiche (speller, fiche, findings);
      g_hash_table_add (reviewed, (gpointer) rtes_fiche_get_id (fiche));
    }

  rtes_review_duplicates (library_fiches != NULL ? library_fiches : fiches, duplicates);
  for (guint i = 0; i < duplicates->len; i++)
    {
      RtesFinding *finding = g_ptr_array_index (duplicates, i);

      if (g_hash_table_contains (reviewed, finding->id))
        g_ptr_array_add (findings, rtes_finding_copy (finding));
    }
  rtes_findings_sort (findings);
  return findings;
}
