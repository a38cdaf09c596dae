/* rtes-fiche.h: the fiche of one member collectivity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rtes-budget-line.h"
#include "rtes-contact.h"
#include "rtes-json-reader.h"

G_BEGIN_DECLS

#define RTES_TYPE_FICHE (rtes_fiche_get_type ())
G_DECLARE_FINAL_TYPE (RtesFiche, rtes_fiche, RTES, FICHE, GObject)

#define RTES_FICHE_FORMAT  "rtes-fiche"
#define RTES_FICHE_VERSION 1

/* Values of the "status" property. */
#define RTES_STATUS_DRAFT     "draft"
#define RTES_STATUS_PUBLISHED "published"

/* "population" and "member-since" hold this when the fiche says nothing
 * (null in JSON). Not -1: a file may hold -1, and we must write it back. */
#define RTES_NO_NUMBER G_MININT64

/* What "population" and "member-since" may hold: nothing, or an integer
 * that JSON stores exactly (anything else would not read back). */
#define RTES_NUMBER_IS_STORABLE(n) \
  ((n) == RTES_NO_NUMBER || ((n) >= -RTES_JSON_MAX_SAFE_INTEGER && (n) <= RTES_JSON_MAX_SAFE_INTEGER))

#define RTES_FICHE_ERROR (rtes_fiche_error_quark ())

/**
 * RtesFicheError:
 * @RTES_FICHE_ERROR_PARSE: the file is not JSON (message has line:column)
 * @RTES_FICHE_ERROR_FORMAT: not an rtes-fiche document (missing/wrong "format")
 * @RTES_FICHE_ERROR_NEWER_VERSION: written by a newer version; left untouched
 * @RTES_FICHE_ERROR_TYPE: a member has the wrong type (message has its path)
 * @RTES_FICHE_ERROR_INVALID_ID: the id is not a slug, or differs from the file name
 * @RTES_FICHE_ERROR_MISSING: a required member is absent or blank
 * @RTES_FICHE_ERROR_IO: reading or writing the file failed
 * @RTES_FICHE_ERROR_TOO_LARGE: the fiche is larger than a fiche file may be
 */
typedef enum {
  RTES_FICHE_ERROR_PARSE,
  RTES_FICHE_ERROR_FORMAT,
  RTES_FICHE_ERROR_NEWER_VERSION,
  RTES_FICHE_ERROR_TYPE,
  RTES_FICHE_ERROR_INVALID_ID,
  RTES_FICHE_ERROR_MISSING,
  RTES_FICHE_ERROR_IO,
  RTES_FICHE_ERROR_TOO_LARGE,
} RtesFicheError;

GQuark       rtes_fiche_error_quark          (void);

RtesFiche   *rtes_fiche_new                  (const char *id,
                                              const char *name);

/* Identity. String getters never return NULL except the nullable ones
 * (kind, region, updated), where NULL is the format's null. */
const char  *rtes_fiche_get_id               (RtesFiche *self);
void         rtes_fiche_set_id               (RtesFiche *self, const char *id);
const char  *rtes_fiche_get_name             (RtesFiche *self);
void         rtes_fiche_set_name             (RtesFiche *self, const char *name);
const char  *rtes_fiche_get_status           (RtesFiche *self);
void         rtes_fiche_set_status           (RtesFiche *self, const char *status);
gboolean     rtes_fiche_is_draft             (RtesFiche *self);
const char  *rtes_fiche_get_kind             (RtesFiche *self);
void         rtes_fiche_set_kind             (RtesFiche *self, const char *kind);
const char  *rtes_fiche_get_region           (RtesFiche *self);
void         rtes_fiche_set_region           (RtesFiche *self, const char *region);
gint64       rtes_fiche_get_population       (RtesFiche *self);
void         rtes_fiche_set_population       (RtesFiche *self, gint64 population);
const char  *rtes_fiche_get_population_note  (RtesFiche *self);
void         rtes_fiche_set_population_note  (RtesFiche *self, const char *note);
gint64       rtes_fiche_get_member_since     (RtesFiche *self);
void         rtes_fiche_set_member_since     (RtesFiche *self, gint64 year);
const char  *rtes_fiche_get_updated          (RtesFiche *self);
void         rtes_fiche_set_updated          (RtesFiche *self, const char *date);
void         rtes_fiche_touch                (RtesFiche *self, GDateTime *now);

/* Address. */
const char * const *rtes_fiche_get_address_lines (RtesFiche *self);
void         rtes_fiche_set_address_lines    (RtesFiche *self, const char * const *lines);
const char  *rtes_fiche_get_postcode         (RtesFiche *self);
void         rtes_fiche_set_postcode         (RtesFiche *self, const char *postcode);
const char  *rtes_fiche_get_city             (RtesFiche *self);
void         rtes_fiche_set_city             (RtesFiche *self, const char *city);
const char  *rtes_fiche_get_country          (RtesFiche *self);
void         rtes_fiche_set_country          (RtesFiche *self, const char *country);

/* Fiche text sections (see rtes-fiche-text.h for the markup). */
const char  *rtes_fiche_get_panorama         (RtesFiche *self);
void         rtes_fiche_set_panorama         (RtesFiche *self, const char *text);
const char  *rtes_fiche_get_budget_text      (RtesFiche *self);
void         rtes_fiche_set_budget_text      (RtesFiche *self, const char *text);
const char  *rtes_fiche_get_programme        (RtesFiche *self);
void         rtes_fiche_set_programme        (RtesFiche *self, const char *text);
const char  *rtes_fiche_get_actions          (RtesFiche *self);
void         rtes_fiche_set_actions          (RtesFiche *self, const char *text);

const char * const *rtes_fiche_get_tags      (RtesFiche *self);
void         rtes_fiche_set_tags             (RtesFiche *self, const char * const *tags);

/* List models that widgets bind to. Mutate them with the GListStore API;
 * the fiche emits ::changed for every insertion, removal and item edit. */
GListStore  *rtes_fiche_get_budget_lines     (RtesFiche *self);
GListStore  *rtes_fiche_get_contacts         (RtesFiche *self);
/* Replaces every item of one of those stores by @items (references are
 * added), in one splice: one ::changed, and the editor rebuilds its rows once. */
void         rtes_fiche_replace_items        (GListStore *store, GPtrArray *items);

/* Members this version does not know, at the top level and inside
 * "address" and "budget", kept in reading order and written back after the
 * known ones. Never NULL. */
JsonObject  *rtes_fiche_get_extra            (RtesFiche *self);
JsonObject  *rtes_fiche_get_address_extra    (RtesFiche *self);
JsonObject  *rtes_fiche_get_budget_extra     (RtesFiche *self);

/* A library lists a file it could not load as a "broken" fiche: its id is
 * the file name, its name the file name too, and this is the reason. */
RtesFiche   *rtes_fiche_new_broken           (const char   *id,
                                              const GError *error);
const GError *rtes_fiche_get_load_error      (RtesFiche *self);

/* Text used by search: name, city, contacts and sections, accents and case
 * folded (see rtes_text_fold()). Computed lazily and cached until ::changed. */
const char  *rtes_fiche_get_search_text      (RtesFiche *self);

/* The figures of one budget line, without its label: what the network's
 * statistics add up. @section is RTES_BUDGET_FIGURE_* */
typedef struct {
  int      year;      /* RTES_BUDGET_NO_YEAR when not said */
  double   amount;
  guint8   section;
  gboolean forecast;
} RtesBudgetFigure;

enum {
  RTES_BUDGET_FIGURE_UNSPECIFIED,
  RTES_BUDGET_FIGURE_FONCTIONNEMENT,
  RTES_BUDGET_FIGURE_INVESTISSEMENT,
};

/* The figures of the budget lines, in order (RtesBudgetFigure); cached
 * until ::changed. A listed fiche has them without being read. */
GArray      *rtes_fiche_get_budget_figures   (RtesFiche *self);

/* Whether the fiche's file has been read. A fiche that a library lists
 * from its index (rtes_fiche_new_listed()) has only what the list shows
 * (id, name, status, kind, region, updated, member-since, postcode, city,
 * tags, search text, completeness, budget figures) until anything else
 * is asked of it: then its file is read, once. Every other fiche is
 * loaded. */
gboolean     rtes_fiche_is_loaded            (RtesFiche *self);

G_END_DECLS
