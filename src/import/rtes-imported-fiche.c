/* rtes-imported-fiche.c: one fiche as an export states it
 *
 * The parsers produce these; the importer applies them to the library.
 * Keeping "which fields the export gave" next to the fiche is what lets a
 * single fiche page update a fiche without clearing its address.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rtes-imported-fiche.h"

struct _RtesImportedFiche
{
  GObject parent_instance;

  RtesFiche        *fiche;
  guint             line;
  RtesImportFields  fields;
  GPtrArray        *notes;         /* char*: bare text kept in the fiche */
  GPtrArray        *report_notes;  /* char*: "line N: …" for people */
  char             *revision;
};

G_DEFINE_FINAL_TYPE (RtesImportedFiche, rtes_imported_fiche, G_TYPE_OBJECT)

static void
rtes_imported_fiche_finalize (GObject *object)
{
  RtesImportedFiche *self = RTES_IMPORTED_FICHE (object);

  g_clear_object (&self->fiche);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_clear_pointer (&self->report_notes, g_ptr_array_unref);
  g_clear_pointer (&self->revision, g_free);

  G_OBJECT_CLASS (rtes_imported_fiche_parent_class)->finalize (object);
}

static void
rtes_imported_fiche_class_init (RtesImportedFicheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rtes_imported_fiche_finalize;
}

static void
rtes_imported_fiche_init (RtesImportedFiche *self)
{
  self->notes = g_ptr_array_new_with_free_func (g_free);
  self->report_notes = g_ptr_array_new_with_free_func (g_free);
}

RtesImportedFiche *
rtes_imported_fiche_new (RtesFiche *fiche,
                         guint      line)
{
  RtesImportedFiche *self;

  g_return_val_if_fail (RTES_IS_FICHE (fiche), NULL);

  self = g_object_new (RTES_TYPE_IMPORTED_FICHE, NULL);
  self->fiche = g_object_ref (fiche);
  self->line = line;
  return self;
}

RtesFiche *
rtes_imported_fiche_get_fiche (RtesImportedFiche *self)
{
  g_return_val_if_fail (RTES_IS_IMPORTED_FICHE (self), NULL);
  return self->fiche;
}

guint
rtes_imported_fiche_get_line (RtesImportedFiche *self)
{
  g_return_val_if_fail (RTES_IS_IMPORTED_FICHE (self), 0);
  return self->line;
}

RtesImportFields
rtes_imported_fiche_get_fields (RtesImportedFiche *self)
{
  g_return_val_if_fail (RTES_IS_IMPORTED_FICHE (self), 0);
  return self->fields;
}

void
rtes_imported_fiche_add_fields (RtesImportedFiche *self,
                                RtesImportFields   fields)
{
  g_return_if_fail (RTES_IS_IMPORTED_FICHE (self));
  self->fields |= fields;
}

gboolean
rtes_imported_fiche_has_field (RtesImportedFiche *self,
                               RtesImportFields   field)
{
  g_return_val_if_fail (RTES_IS_IMPORTED_FICHE (self), FALSE);
  return (self->fields & field) != 0;
}

void
rtes_imported_fiche_add_note (RtesImportedFiche *self,
                              guint              line,
                              const char        *text)
{
  g_return_if_fail (RTES_IS_IMPORTED_FICHE (self));
  g_return_if_fail (text != NULL);

  g_ptr_array_add (self->notes, g_strdup (text));
  /* Translators: an import report entry; %u is a line of the export, %s
   * the text that no field of the fiche could take. */
  g_ptr_array_add (self->report_notes,
                   g_strdup_printf (_("line %u: “%s” kept in the import notes"), line, text));
}

void
rtes_imported_fiche_add_placed (RtesImportedFiche *self,
                                guint              line,
                                const char        *text,
                                const char        *field)
{
  g_return_if_fail (RTES_IS_IMPORTED_FICHE (self));
  g_return_if_fail (text != NULL && field != NULL);

  /* Translators: an import report entry; %u is a line of the export, the
   * first %s its text, the second the field it was put in ("panorama"). */
  g_ptr_array_add (self->report_notes,
                   g_strdup_printf (_("line %u: “%s” put in %s"), line, text, field));
}

GPtrArray *
rtes_imported_fiche_get_report_notes (RtesImportedFiche *self)
{
  g_return_val_if_fail (RTES_IS_IMPORTED_FICHE (self), NULL);
  return self->report_notes;
}

GPtrArray *
rtes_imported_fiche_get_notes (RtesImportedFiche *self)
{
  g_return_val_if_fail (RTES_IS_IMPORTED_FICHE (self), NULL);
  return self->notes;
}

const char *
rtes_imported_fiche_get_revision (RtesImportedFiche *self)
{
  g_return_val_if_fail (RTES_IS_IMPORTED_FICHE (self), NULL);
  return self->revision;
}

void
rtes_imported_fiche_set_revision (RtesImportedFiche *self,
                                  const char        *revision)
{
  g_return_if_fail (RTES_IS_IMPORTED_FICHE (self));
  g_free (self->revision);
  self->revision = g_strdup (revision);
}
