/* rtes-vocabulary.h: the fixed lists of the format (kinds, regions, tags)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *id;        /* value stored in the fiche */
  const char *label;     /* English interface label (a gettext msgid) */
  const char *label_fr;  /* wording of the RTES site, used by exports */
} RtesTerm;

/* NULL-terminated (id == NULL) tables. Labels are French because exports
 * are always French; the interface translates them with rtes_term_label(). */
const RtesTerm *rtes_kinds     (void);
const RtesTerm *rtes_tags      (void);
/* The 18 regions: id and label are the official name. */
const RtesTerm *rtes_regions   (void);

const RtesTerm *rtes_kind_lookup   (const char *id);
const RtesTerm *rtes_region_lookup (const char *name);
const RtesTerm *rtes_tag_lookup    (const char *id);

/* Label for the interface: @term's label translated through gettext. */
const char     *rtes_term_label    (const RtesTerm *term);

G_END_DECLS
