/* rtes-revision.h: one saved version of a fiche, as the history lists it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rtes-change-origin.h"

G_BEGIN_DECLS

/**
 * RtesRevisionKind:
 * @RTES_REVISION_CHANGED: the fiche changed: the fields are listed
 * @RTES_REVISION_CREATED: the first version known (a new fiche, one seen
 *   for the first time, or one that came back after a deletion)
 * @RTES_REVISION_DELETED: the fiche's file went away; no content
 */
typedef enum {
  RTES_REVISION_CHANGED,
  RTES_REVISION_CREATED,
  RTES_REVISION_DELETED,
} RtesRevisionKind;

#define RTES_TYPE_REVISION (rtes_revision_get_type ())
G_DECLARE_FINAL_TYPE (RtesRevision, rtes_revision, RTES, REVISION, GObject)

/* The fiche's id, and the revision's number: 1 for its first, counting up. */
const char         *rtes_revision_get_fiche_id (RtesRevision *self);
guint               rtes_revision_get_number   (RtesRevision *self);
/* When it was recorded, in microseconds since 1970 (UTC). */
gint64              rtes_revision_get_time     (RtesRevision *self);
/* The same as a local date and time. */
GDateTime          *rtes_revision_dup_date_time (RtesRevision *self);
/* The person's name; "" when unknown (a change made outside the
 * application). */
const char         *rtes_revision_get_author   (RtesRevision *self);
RtesChangeOrigin    rtes_revision_get_origin   (RtesRevision *self);
/* The site's revision (a pull, a resolution), the file imported, the
 * revision restored ("12"), or NULL. */
const char         *rtes_revision_get_detail   (RtesRevision *self);
/* The fiche's name in that version (the last one known, for a deletion). */
const char         *rtes_revision_get_name     (RtesRevision *self);
RtesRevisionKind    rtes_revision_get_kind     (RtesRevision *self);
/* The places that changed (rtes-fiche-path.h), in document order. */
const char * const *rtes_revision_get_fields   (RtesRevision *self);

/* Whether the revision changed the place @field ("contacts",
 * "contacts[key=c7f3a2].phone", "address.city"): a field it lists is
 * @field, inside it or around it. A created or deleted fiche changes
 * every place. */
gboolean            rtes_revision_touches      (RtesRevision *self,
                                                const char   *field);

/* Where it came from, translated, for a person: "Typed here", "Import
 * of export.txt", "Pulled from the site (revision 12)", "Changed outside
 * the application", "Fiche deleted"… */
char               *rtes_revision_describe     (RtesRevision *self);
/* Who, translated: the author, or "Someone else" when unknown. */
const char         *rtes_revision_get_display_author (RtesRevision *self);

/* "Tuesday 3 May 2024" (translated: the C library's names are those of
 * its own locale, which is often not the person's language); "Today" and
 * "Yesterday" when @now is given and the day is one of those. */
char               *rtes_revision_format_day   (GDateTime    *date,
                                                GDateTime    *now);

/* For RtesHistory, which makes them from the store. @fields is taken. */
RtesRevision       *rtes_revision_new          (const char       *fiche_id,
                                                guint             number,
                                                gint64            time,
                                                const char       *author,
                                                RtesChangeOrigin  origin,
                                                const char       *detail,
                                                const char       *name,
                                                RtesRevisionKind  kind,
                                                GStrv             fields);

G_END_DECLS
