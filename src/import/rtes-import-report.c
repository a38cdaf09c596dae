/* rtes-import-report.c: what an import did, and what it could not place
 *
 * The report is how an import keeps its promise that nothing is silently
 * lost: every piece of text that did not fit a field is listed here with
 * its line, as well as every fiche created, changed or left alone. The
 * command line prints its summary and how many notes it holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rtes-import-report.h"

struct _RtesImportReport
{
  GObject parent_instance;

  char       *source;
  char       *format;
  gboolean    dry_run;

  GPtrArray  *by_action[4];   /* char* ids, one array per RtesImportAction */
  GHashTable *actions;        /* id → RtesImportAction + 1, to find one fast */
  GHashTable *changes;        /* id → GStrv of changed members */
  GHashTable *notes;          /* id → GPtrArray of char* */
  GPtrArray  *warnings;
};

G_DEFINE_FINAL_TYPE (RtesImportReport, rtes_import_report, G_TYPE_OBJECT)

static void
rtes_import_report_finalize (GObject *object)
{
  RtesImportReport *self = RTES_IMPORT_REPORT (object);

  g_free (self->source);
  g_free (self->format);
  for (guint i = 0; i < G_N_ELEMENTS (self->by_action); i++)
    g_ptr_array_unref (self->by_action[i]);
  g_hash_table_unref (self->actions);
  g_hash_table_unref (self->changes);
  g_hash_table_unref (self->notes);
  g_ptr_array_unref (self->warnings);

  G_OBJECT_CLASS (rtes_import_report_parent_class)->finalize (object);
}

static void
rtes_import_report_class_init (RtesImportReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rtes_import_report_finalize;
}

static void
rtes_import_report_init (RtesImportReport *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->by_action); i++)
    self->by_action[i] = g_ptr_array_new_with_free_func (g_free);
  self->actions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->changes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  self->notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
}

RtesImportReport *
rtes_import_report_new (const char *source,
                        const char *format,
                        gboolean    dry_run)
{
  RtesImportReport *self = g_object_new (RTES_TYPE_IMPORT_REPORT, NULL);

  self->source = g_strdup (source);
  self->format = g_strdup (format);
  self->dry_run = dry_run;
  return self;
}

const char *
rtes_import_report_get_source (RtesImportReport *self)
{
  g_return_val_if_fail (RTES_IS_IMPORT_REPORT (self), NULL);
  return self->source;
}

const char *
rtes_import_report_get_format (RtesImportReport *self)
{
  g_return_val_if_fail (RTES_IS_IMPORT_REPORT (self), NULL);
  return self->format;
}

gboolean
rtes_import_report_get_dry_run (RtesImportReport *self)
{
  g_return_val_if_fail (RTES_IS_IMPORT_REPORT (self), FALSE);
  return self->dry_run;
}

GPtrArray *
rtes_import_report_get_created (RtesImportReport *self)
{
  g_return_val_if_fail (RTES_IS_IMPORT_REPORT (self), NULL);
  return self->by_action[RTES_IMPORT_CREATED];
}

GPtrArray *
rtes_import_report_get_updated (RtesImportReport *self)
{
  g_return_val_if_fail (RTES_IS_IMPORT_REPORT (self), NULL);
  return self->by_action[RTES_IMPORT_UPDATED];
}

GPtrArray *
rtes_import_report_get_unchanged (RtesImportReport *self)
{
  g_return_val_if_fail (RTES_IS_IMPORT_REPORT (self), NULL);
  return self->by_action[RTES_IMPORT_UNCHANGED];
}

GPtrArray *
rtes_import_report_get_skipped (RtesImportReport *self)
{
  g_return_val_if_fail (RTES_IS_IMPORT_REPORT (self), NULL);
  return self->by_action[RTES_IMPORT_SKIPPED];
}

const char * const *
rtes_import_report_get_changes (RtesImportReport *self,
                                const char       *id)
{
  g_return_val_if_fail (RTES_IS_IMPORT_REPORT (self), NULL);
  return g_hash_table_lookup (self->changes, id);
}

GPtrArray *
rtes_import_report_get_notes (RtesImportReport *self,
                              const char       *id)
{
  g_return_val_if_fail (RTES_IS_IMPORT_REPORT (self), NULL);
  return g_hash_table_lookup (self->notes, id);
}

guint
rtes_import_report_count_notes (RtesImportReport *self)
{
  GHashTableIter iter;
  gpointer value;
  guint count = 0;

  g_return_val_if_fail (RTES_IS_IMPORT_REPORT (self), 0);
  g_hash_table_iter_init (&iter, self->notes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    count += ((GPtrArray *) value)->len;
  return count;
}

GPtrArray *
rtes_import_report_get_warnings (RtesImportReport *self)
{
  g_return_val_if_fail (RTES_IS_IMPORT_REPORT (self), NULL);
  return self->warnings;
}

void
rtes_import_report_add_fiche (RtesImportReport   *self,
                              const char         *id,
                              RtesImportAction    action,
                              const char * const *changes)
{
  g_return_if_fail (RTES_IS_IMPORT_REPORT (self));
  g_return_if_fail (action <= RTES_IMPORT_SKIPPED);

  /* A fiche is reported once, as its first mention's action unless a
   * later one changed it. */
  {
    guint previous = GPOINTER_TO_UINT (g_hash_table_lookup (self->actions, id));

    if (previous != 0)
      {
        guint index;

        if (previous - 1 != RTES_IMPORT_UNCHANGED || action != RTES_IMPORT_UPDATED)
          return;
        if (g_ptr_array_find_with_equal_func (self->by_action[RTES_IMPORT_UNCHANGED], id, g_str_equal, &index))
          g_ptr_array_remove_index (self->by_action[RTES_IMPORT_UNCHANGED], index);
      }
  }
  g_hash_table_replace (self->actions, g_strdup (id), GUINT_TO_POINTER (action + 1));
  g_ptr_array_add (self->by_action[action], g_strdup (id));
  if (changes != NULL)
    g_hash_table_replace (self->changes, g_strdup (id), g_strdupv ((char **) changes));
}

void
rtes_import_report_add_notes (RtesImportReport *self,
                              const char       *id,
                              GPtrArray        *notes)
{
  GPtrArray *list;

  g_return_if_fail (RTES_IS_IMPORT_REPORT (self));
  if (notes == NULL || notes->len == 0)
    return;

  list = g_hash_table_lookup (self->notes, id);
  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (self->notes, g_strdup (id), list);
    }
  for (guint i = 0; i < notes->len; i++)
    g_ptr_array_add (list, g_strdup (g_ptr_array_index (notes, i)));
}

void
rtes_import_report_add_warning (RtesImportReport *self,
                                const char       *warning)
{
  g_return_if_fail (RTES_IS_IMPORT_REPORT (self));
  g_ptr_array_add (self->warnings, g_strdup (warning));
}

char *
rtes_import_report_format_summary (RtesImportReport *self)
{
  guint created, updated, unchanged, skipped;
  g_autofree char *c = NULL;
  g_autofree char *u = NULL;
  g_autofree char *n = NULL;

  g_return_val_if_fail (RTES_IS_IMPORT_REPORT (self), NULL);

  created = self->by_action[RTES_IMPORT_CREATED]->len;
  updated = self->by_action[RTES_IMPORT_UPDATED]->len;
  unchanged = self->by_action[RTES_IMPORT_UNCHANGED]->len;
  skipped = self->by_action[RTES_IMPORT_SKIPPED]->len;

  /* Translators: parts of "6 created, 0 updated, 0 unchanged"; they are
   * fiches ("fiche" is feminine in French). */
  c = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u created", "%u created", created), created);
  u = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u updated", "%u updated", updated), updated);
  n = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unchanged", "%u unchanged", unchanged), unchanged);
  if (skipped > 0)
    {
      g_autofree char *s = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u skipped", "%u skipped", skipped),
                                            skipped);

      return g_strdup_printf ("%s, %s, %s, %s", c, u, n, s);
    }
  return g_strdup_printf ("%s, %s, %s", c, u, n);
}
