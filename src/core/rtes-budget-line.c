/* rtes-budget-line.c: one amount of a fiche's ESS budget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-budget-line.h"
#include "rtes-core-private.h"

#include <math.h>

struct _RtesBudgetLine
{
  GObject     parent_instance;

  char       *key;       /* "": none */
  double      amount;
  char       *section;   /* NULL: not said */
  int         year;      /* RTES_BUDGET_NO_YEAR: not said */
  gboolean    forecast;
  char       *label;
  JsonObject *extra;
};

G_DEFINE_FINAL_TYPE (RtesBudgetLine, rtes_budget_line, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_AMOUNT,
  PROP_SECTION,
  PROP_YEAR,
  PROP_FORECAST,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rtes_budget_line_finalize (GObject *object)
{
  RtesBudgetLine *self = RTES_BUDGET_LINE (object);

  g_free (self->key);
  g_free (self->section);
  g_free (self->label);
  g_clear_pointer (&self->extra, json_object_unref);
  G_OBJECT_CLASS (rtes_budget_line_parent_class)->finalize (object);
}

static void
rtes_budget_line_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RtesBudgetLine *self = RTES_BUDGET_LINE (object);

  switch (prop_id)
    {
    case PROP_KEY: g_value_set_string (value, self->key); break;
    case PROP_AMOUNT: g_value_set_double (value, self->amount); break;
    case PROP_SECTION: g_value_set_string (value, self->section); break;
    case PROP_YEAR: g_value_set_int (value, self->year); break;
    case PROP_FORECAST: g_value_set_boolean (value, self->forecast); break;
    case PROP_LABEL: g_value_set_string (value, self->label); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_budget_line_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RtesBudgetLine *self = RTES_BUDGET_LINE (object);

  switch (prop_id)
    {
    case PROP_KEY: rtes_budget_line_set_key (self, g_value_get_string (value)); break;
    case PROP_AMOUNT: rtes_budget_line_set_amount (self, g_value_get_double (value)); break;
    case PROP_SECTION: rtes_budget_line_set_section (self, g_value_get_string (value)); break;
    case PROP_YEAR: rtes_budget_line_set_year (self, g_value_get_int (value)); break;
    case PROP_FORECAST: rtes_budget_line_set_forecast (self, g_value_get_boolean (value)); break;
    case PROP_LABEL: rtes_budget_line_set_label (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_budget_line_class_init (RtesBudgetLineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rtes_budget_line_finalize;
  object_class->get_property = rtes_budget_line_get_property;
  object_class->set_property = rtes_budget_line_set_property;

  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, "", flags);
  properties[PROP_AMOUNT] = g_param_spec_double ("amount", NULL, NULL,
                                                 -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_SECTION] = g_param_spec_string ("section", NULL, NULL, NULL, flags);
  properties[PROP_YEAR] = g_param_spec_int ("year", NULL, NULL,
                                            G_MININT, G_MAXINT, RTES_BUDGET_NO_YEAR, flags);
  properties[PROP_FORECAST] = g_param_spec_boolean ("forecast", NULL, NULL, FALSE, flags);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, "", flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rtes_budget_line_init (RtesBudgetLine *self)
{
  self->key = g_strdup ("");
  self->year = RTES_BUDGET_NO_YEAR;
  self->label = g_strdup ("");
  self->extra = json_object_new ();
}

RtesBudgetLine *
rtes_budget_line_new (void)
{
  return g_object_new (RTES_TYPE_BUDGET_LINE, NULL);
}

RtesBudgetLine *
rtes_budget_line_copy (RtesBudgetLine *self)
{
  RtesBudgetLine *copy;

  g_return_val_if_fail (RTES_IS_BUDGET_LINE (self), NULL);
  copy = rtes_budget_line_new ();
  g_free (copy->key);
  copy->key = g_strdup (self->key);
  copy->amount = self->amount;
  copy->section = g_strdup (self->section);
  copy->year = self->year;
  copy->forecast = self->forecast;
  g_free (copy->label);
  copy->label = g_strdup (self->label);
  json_object_unref (copy->extra);
  copy->extra = rtes_json_object_copy (self->extra);
  return copy;
}

gboolean
rtes_budget_line_equal (RtesBudgetLine *a,
                        RtesBudgetLine *b)
{
  return g_strcmp0 (a->key, b->key) == 0 &&
         a->amount == b->amount &&
         g_strcmp0 (a->section, b->section) == 0 &&
         a->year == b->year &&
         a->forecast == b->forecast &&
         g_strcmp0 (a->label, b->label) == 0 &&
         rtes_json_object_equal (a->extra, b->extra);
}

const char *
rtes_budget_line_get_key (RtesBudgetLine *self)
{
  g_return_val_if_fail (RTES_IS_BUDGET_LINE (self), "");
  return self->key;
}

void
rtes_budget_line_set_key (RtesBudgetLine *self,
                          const char     *key)
{
  g_return_if_fail (RTES_IS_BUDGET_LINE (self));
  if (rtes_set_str (&self->key, key ? key : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
}

double
rtes_budget_line_get_amount (RtesBudgetLine *self)
{
  g_return_val_if_fail (RTES_IS_BUDGET_LINE (self), 0);
  return self->amount;
}

void
rtes_budget_line_set_amount (RtesBudgetLine *self,
                             double          amount)
{
  g_return_if_fail (RTES_IS_BUDGET_LINE (self));
  /* JSON has no infinity or NaN: such an amount would be written as null. */
  g_return_if_fail (isfinite (amount));
  if (self->amount == amount)
    return;
  self->amount = amount;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AMOUNT]);
}

const char *
rtes_budget_line_get_section (RtesBudgetLine *self)
{
  g_return_val_if_fail (RTES_IS_BUDGET_LINE (self), NULL);
  return self->section;
}

void
rtes_budget_line_set_section (RtesBudgetLine *self,
                              const char     *section)
{
  g_return_if_fail (RTES_IS_BUDGET_LINE (self));
  /* An empty string from a form means "not said", like null. */
  if (section != NULL && section[0] == '\0')
    section = NULL;
  if (rtes_set_str (&self->section, section))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTION]);
}

int
rtes_budget_line_get_year (RtesBudgetLine *self)
{
  g_return_val_if_fail (RTES_IS_BUDGET_LINE (self), RTES_BUDGET_NO_YEAR);
  return self->year;
}

void
rtes_budget_line_set_year (RtesBudgetLine *self,
                           int             year)
{
  g_return_if_fail (RTES_IS_BUDGET_LINE (self));
  if (self->year == year)
    return;
  self->year = year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}

gboolean
rtes_budget_line_get_forecast (RtesBudgetLine *self)
{
  g_return_val_if_fail (RTES_IS_BUDGET_LINE (self), FALSE);
  return self->forecast;
}

void
rtes_budget_line_set_forecast (RtesBudgetLine *self,
                               gboolean        forecast)
{
  g_return_if_fail (RTES_IS_BUDGET_LINE (self));
  forecast = !!forecast;
  if (self->forecast == forecast)
    return;
  self->forecast = forecast;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORECAST]);
}

const char *
rtes_budget_line_get_label (RtesBudgetLine *self)
{
  g_return_val_if_fail (RTES_IS_BUDGET_LINE (self), "");
  return self->label;
}

void
rtes_budget_line_set_label (RtesBudgetLine *self,
                            const char     *label)
{
  g_return_if_fail (RTES_IS_BUDGET_LINE (self));
  if (rtes_set_str (&self->label, label ? label : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

JsonObject *
rtes_budget_line_get_extra (RtesBudgetLine *self)
{
  g_return_val_if_fail (RTES_IS_BUDGET_LINE (self), NULL);
  return self->extra;
}

void
rtes_budget_line_set_extra (RtesBudgetLine *self,
                            JsonObject     *extra)
{
  g_return_if_fail (RTES_IS_BUDGET_LINE (self));
  g_return_if_fail (extra != NULL);
  json_object_ref (extra);
  json_object_unref (self->extra);
  self->extra = extra;
}
