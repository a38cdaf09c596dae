/* rtes-revision.c: one saved version of a fiche, as the history lists it
 *
 * What a list of revisions needs, without the content: who, when, from
 * where, and which places changed. The content and the values of each
 * change are read from the history when a revision is looked at
 * (rtes_history_get_changes()), so that listing thousands stays quick.
 * Immutable: nothing in it changes once made.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rtes-revision.h"

struct _RtesRevision
{
  GObject parent_instance;

  char *fiche_id;
  guint number;
  gint64 time;
  char *author;
  RtesChangeOrigin origin;
  char *detail;
  char *name;
  RtesRevisionKind kind;
  GStrv fields;
};

G_DEFINE_FINAL_TYPE (RtesRevision, rtes_revision, G_TYPE_OBJECT)

const char *
rtes_revision_get_fiche_id (RtesRevision *self)
{
  g_return_val_if_fail (RTES_IS_REVISION (self), NULL);
  return self->fiche_id;
}

guint
rtes_revision_get_number (RtesRevision *self)
{
  g_return_val_if_fail (RTES_IS_REVISION (self), 0);
  return self->number;
}

gint64
rtes_revision_get_time (RtesRevision *self)
{
  g_return_val_if_fail (RTES_IS_REVISION (self), 0);
  return self->time;
}

GDateTime *
rtes_revision_dup_date_time (RtesRevision *self)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (RTES_IS_REVISION (self), NULL);
  utc = g_date_time_new_from_unix_utc (self->time / G_USEC_PER_SEC);
  return g_date_time_to_local (utc);
}

const char *
rtes_revision_get_author (RtesRevision *self)
{
  g_return_val_if_fail (RTES_IS_REVISION (self), NULL);
  return self->author;
}

RtesChangeOrigin
rtes_revision_get_origin (RtesRevision *self)
{
  g_return_val_if_fail (RTES_IS_REVISION (self), RTES_CHANGE_ORIGIN_DISK);
  return self->origin;
}

const char *
rtes_revision_get_detail (RtesRevision *self)
{
  g_return_val_if_fail (RTES_IS_REVISION (self), NULL);
  return self->detail;
}

const char *
rtes_revision_get_name (RtesRevision *self)
{
  g_return_val_if_fail (RTES_IS_REVISION (self), NULL);
  return self->name;
}

RtesRevisionKind
rtes_revision_get_kind (RtesRevision *self)
{
  g_return_val_if_fail (RTES_IS_REVISION (self), RTES_REVISION_CHANGED);
  return self->kind;
}

const char * const *
rtes_revision_get_fields (RtesRevision *self)
{
  g_return_val_if_fail (RTES_IS_REVISION (self), NULL);
  return (const char * const *) self->fields;
}

char *
rtes_revision_describe (RtesRevision *self)
{
  const char *detail;

  g_return_val_if_fail (RTES_IS_REVISION (self), NULL);

  detail = self->detail;
  if (self->kind == RTES_REVISION_DELETED)
    return g_strdup (self->origin == RTES_CHANGE_ORIGIN_DISK ? _("Deleted outside the application")
                                                             : _("Fiche deleted"));
  switch (self->origin)
    {
    case RTES_CHANGE_ORIGIN_TYPED:
      return g_strdup (self->kind == RTES_REVISION_CREATED ? _("Created here") : _("Typed here"));
    case RTES_CHANGE_ORIGIN_IMPORT:
      /* Translators: %s is the file imported ("export.txt") */
      return detail != NULL ? g_strdup_printf (_("Import of %s"), detail) : g_strdup (_("Import"));
    case RTES_CHANGE_ORIGIN_PULL:
      /* Translators: %s is the site's revision of the fiche */
      return detail != NULL ? g_strdup_printf (_("Pulled from the site (revision %s)"), detail)
                            : g_strdup (_("Pulled from the site"));
    case RTES_CHANGE_ORIGIN_RESOLVE:
      return g_strdup (_("Conflict with the site settled"));
    case RTES_CHANGE_ORIGIN_RESTORE:
      /* Translators: %s is the number of a revision of the fiche */
      return detail != NULL ? g_strdup_printf (_("Restored from revision %s"), detail)
                            : g_strdup (_("Unsaved changes recovered"));
    case RTES_CHANGE_ORIGIN_DISK:
      return g_strdup (self->kind == RTES_REVISION_CREATED && self->number == 1
                       ? _("Found in the library") : _("Changed outside the application"));
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}

const char *
rtes_revision_get_display_author (RtesRevision *self)
{
  g_return_val_if_fail (RTES_IS_REVISION (self), NULL);
  return self->author[0] != '\0' ? self->author : _("Someone else");
}

char *
rtes_revision_format_day (GDateTime *date,
                          GDateTime *now)
{
  static const char * const weekdays[] = {
    NC_("weekday", "Monday"), NC_("weekday", "Tuesday"), NC_("weekday", "Wednesday"),
    NC_("weekday", "Thursday"), NC_("weekday", "Friday"), NC_("weekday", "Saturday"),
    NC_("weekday", "Sunday"),
  };
  static const char * const months[] = {
    NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
    NC_("month", "April"), NC_("month", "May"), NC_("month", "June"), NC_("month", "July"),
    NC_("month", "August"), NC_("month", "September"), NC_("month", "October"),
    NC_("month", "November"), NC_("month", "December"),
  };
  int year, month, day;

  g_return_val_if_fail (date != NULL, NULL);

  g_date_time_get_ymd (date, &year, &month, &day);
  if (now != NULL)
    {
      g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
      int y, m, d;

      g_date_time_get_ymd (now, &y, &m, &d);
      if (y == year && m == month && d == day)
        return g_strdup (_("Today"));
      g_date_time_get_ymd (yesterday, &y, &m, &d);
      if (y == year && m == month && d == day)
        return g_strdup (_("Yesterday"));
    }
  /* Translators: a day: weekday, day of the month, month, year
   * ("Tuesday 3 May 2024"); reorder with %1$s, %2$d… if needed */
  return g_strdup_printf (_("%s %d %s %d"),
                          g_dpgettext2 (GETTEXT_PACKAGE, "weekday", weekdays[g_date_time_get_day_of_week (date) - 1]),
                          day,
                          g_dpgettext2 (GETTEXT_PACKAGE, "month", months[month - 1]),
                          year);
}

/* Whether @inner names a place inside @outer, or the same one. */
static gboolean
path_within (const char *inner,
             const char *outer)
{
  gsize length = strlen (outer);

  if (strncmp (inner, outer, length) != 0)
    return FALSE;
  return inner[length] == '\0' || inner[length] == '.' || inner[length] == '[';
}

gboolean
rtes_revision_touches (RtesRevision *self,
                       const char   *field)
{
  g_return_val_if_fail (RTES_IS_REVISION (self), FALSE);

  if (field == NULL || field[0] == '\0' || self->kind != RTES_REVISION_CHANGED)
    return TRUE;
  for (guint i = 0; self->fields[i] != NULL; i++)
    if (path_within (self->fields[i], field) || path_within (field, self->fields[i]))
      return TRUE;
  return FALSE;
}

static void
rtes_revision_finalize (GObject *object)
{
  RtesRevision *self = RTES_REVISION (object);

  g_free (self->fiche_id);
  g_free (self->author);
  g_free (self->detail);
  g_free (self->name);
  g_strfreev (self->fields);

  G_OBJECT_CLASS (rtes_revision_parent_class)->finalize (object);
}

static void
rtes_revision_class_init (RtesRevisionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rtes_revision_finalize;
}

static void
rtes_revision_init (RtesRevision *self)
{
}

RtesRevision *
rtes_revision_new (const char       *fiche_id,
                   guint             number,
                   gint64            time,
                   const char       *author,
                   RtesChangeOrigin  origin,
                   const char       *detail,
                   const char       *name,
                   RtesRevisionKind  kind,
                   GStrv             fields)
{
  RtesRevision *self;

  g_return_val_if_fail (fiche_id != NULL, NULL);

  self = g_object_new (RTES_TYPE_REVISION, NULL);
  self->fiche_id = g_strdup (fiche_id);
  self->number = number;
  self->time = time;
  self->author = g_strdup (author != NULL ? author : "");
  self->origin = origin;
  self->detail = g_strdup (detail);
  self->name = g_strdup (name != NULL ? name : "");
  self->kind = kind;
  self->fields = fields != NULL ? fields : g_new0 (char *, 1);
  return self;
}
