/* rtes-budget-line.h: one amount of a fiche's ESS budget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define RTES_TYPE_BUDGET_LINE (rtes_budget_line_get_type ())
G_DECLARE_FINAL_TYPE (RtesBudgetLine, rtes_budget_line, RTES, BUDGET_LINE, GObject)

/* Values of the "section" property; NULL means "not said". */
#define RTES_SECTION_FONCTIONNEMENT "fonctionnement"
#define RTES_SECTION_INVESTISSEMENT "investissement"

/* "year" is RTES_BUDGET_NO_YEAR when the fiche gives none (null in JSON). */
#define RTES_BUDGET_NO_YEAR G_MININT

RtesBudgetLine *rtes_budget_line_new          (void);
RtesBudgetLine *rtes_budget_line_copy         (RtesBudgetLine *self);
gboolean        rtes_budget_line_equal        (RtesBudgetLine *a,
                                               RtesBudgetLine *b);

/* The line's identity within its fiche ("" when it has none), as for
 * rtes_contact_get_key(). */
const char     *rtes_budget_line_get_key      (RtesBudgetLine *self);
void            rtes_budget_line_set_key      (RtesBudgetLine *self, const char *key);
double          rtes_budget_line_get_amount   (RtesBudgetLine *self);
void            rtes_budget_line_set_amount   (RtesBudgetLine *self, double amount);
const char     *rtes_budget_line_get_section  (RtesBudgetLine *self);
void            rtes_budget_line_set_section  (RtesBudgetLine *self, const char *section);
int             rtes_budget_line_get_year     (RtesBudgetLine *self);
void            rtes_budget_line_set_year     (RtesBudgetLine *self, int year);
gboolean        rtes_budget_line_get_forecast (RtesBudgetLine *self);
void            rtes_budget_line_set_forecast (RtesBudgetLine *self, gboolean forecast);
const char     *rtes_budget_line_get_label    (RtesBudgetLine *self);
void            rtes_budget_line_set_label    (RtesBudgetLine *self, const char *label);

JsonObject     *rtes_budget_line_get_extra    (RtesBudgetLine *self);
void            rtes_budget_line_set_extra    (RtesBudgetLine *self, JsonObject *extra);

G_END_DECLS
