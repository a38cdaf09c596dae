/* rtes-number-row.c: an entry row for an amount, a count or a year
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rtes-editor-widgets.h"
#include "rtes-form-page.h"
#include "rtes-french.h"
#include "rtes-number-row.h"
#include "rtes-text.h"

struct _RtesNumberRow
{
  AdwEntryRow     parent_instance;

  /* children */
  GtkLabel       *understood_label;

  /* state */
  RtesNumberKind  kind;
  double          fallback;
};

G_DEFINE_FINAL_TYPE (RtesNumberRow, rtes_number_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
rtes_number_kind_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { RTES_NUMBER_AMOUNT, "RTES_NUMBER_AMOUNT", "amount" },
        { RTES_NUMBER_COUNT, "RTES_NUMBER_COUNT", "count" },
        { RTES_NUMBER_YEAR, "RTES_NUMBER_YEAR", "year" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("RtesNumberKind"), values);

      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

static gboolean
parse (RtesNumberKind  kind,
       const char     *text,
       double         *value)
{
  gint64 whole;

  if (rtes_text_is_blank (text))
    {
      *value = NAN;
      return TRUE;
    }
  switch (kind)
    {
    case RTES_NUMBER_AMOUNT:
      return rtes_french_parse_amount (text, value);
    case RTES_NUMBER_COUNT:
      if (!rtes_french_parse_count (text, &whole))
        return FALSE;
      *value = (double) whole;
      return TRUE;
    case RTES_NUMBER_YEAR:
    default:
      if (!rtes_french_parse_integer (text, &whole) || whole < G_MININT || whole > G_MAXINT)
        return FALSE;
      *value = (double) whole;
      return TRUE;
    }
}

/* The usual way of writing @value in the field ("350 000"). */
static char *
canonical_text (RtesNumberKind kind,
                double         value)
{
  if (isnan (value))
    return g_strdup ("");
  switch (kind)
    {
    case RTES_NUMBER_AMOUNT:
      return rtes_french_amount (value);
    case RTES_NUMBER_COUNT:
      return rtes_french_integer ((gint64) value);
    case RTES_NUMBER_YEAR:
    default:
      return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);
    }
}

static gboolean
same_value (double a,
            double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) && isnan (b);
  return fabs (a - b) < 0.005;
}

/* Digits, commas and dots only: "350 000" and "350000" say the same, "350
 * k€" and "350 000" do not. */
static char *
digits_of (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p) || *p == ',' || *p == '.')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static char *
understood_text (RtesNumberKind kind,
                 double         value)
{
  g_autofree char *number = NULL;

  switch (kind)
    {
    case RTES_NUMBER_AMOUNT:
      return rtes_french_euros (value);
    case RTES_NUMBER_COUNT:
      number = rtes_french_integer ((gint64) value);
      /* Translators: what the population field understood, e.g. "1 200 000 inhabitants" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s inhabitant", "%s inhabitants",
                                           (gulong) MIN (fabs (value), (double) G_MAXULONG)),
                              number);
    case RTES_NUMBER_YEAR:
    default:
      return NULL;
    }
}

/* Says, inside the row, what the text reads as: a label that appears and
 * changes within the row never moves the rows under the pointer. */
static void
update_understood (RtesNumberRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self));
  g_autofree char *shown = NULL;
  double value;
  gboolean readable = parse (self->kind, text, &value);

  if (!readable)
    shown = g_strdup (C_("number field", "Not understood"));
  else if (!isnan (value))
    {
      g_autofree char *canonical = canonical_text (self->kind, value);
      g_autofree char *typed_digits = digits_of (text);
      g_autofree char *canonical_digits = digits_of (canonical);

      if (g_strcmp0 (typed_digits, canonical_digits) != 0)
        shown = understood_text (self->kind, value);
    }

  gtk_label_set_text (self->understood_label, shown != NULL ? shown : "");
  gtk_widget_set_visible (GTK_WIDGET (self->understood_label), shown != NULL);
  if (readable)
    gtk_widget_remove_css_class (GTK_WIDGET (self->understood_label), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->understood_label), "error");
}

gboolean
rtes_number_row_read (RtesNumberRow *self,
                      double        *value)
{
  double parsed;

  g_return_val_if_fail (RTES_IS_NUMBER_ROW (self), FALSE);

  if (!parse (self->kind, gtk_editable_get_text (GTK_EDITABLE (self)), &parsed))
    return FALSE;
  if (value != NULL)
    *value = parsed;
  return TRUE;
}

void
rtes_number_row_set_value (RtesNumberRow *self,
                           double         value)
{
  double shown;
  g_autofree char *text = NULL;

  g_return_if_fail (RTES_IS_NUMBER_ROW (self));

  /* "6100000" being typed must not turn into "6 100 000" under the cursor;
   * and "350 kg" stays while the model still holds what the row falls
   * back on: only a change made underneath (undo, reload) replaces it. */
  /* The model echoing what the row says (after each keystroke, or as
   * the "" of a select-all-and-type) is no value to fall back on: that
   * stays what the field held when the person entered it. */
  if (rtes_number_row_read (self, &shown))
    {
      if (same_value (shown, value))
        return;
    }
  else if (same_value (self->fallback, value))
    return;
  self->fallback = value;
  text = canonical_text (self->kind, value);
  gtk_editable_set_text (GTK_EDITABLE (self), text);
}

double
rtes_number_row_get_fallback (RtesNumberRow *self)
{
  g_return_val_if_fail (RTES_IS_NUMBER_ROW (self), NAN);

  return self->fallback;
}

const char *
rtes_number_row_get_understood (RtesNumberRow *self)
{
  g_return_val_if_fail (RTES_IS_NUMBER_ROW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->understood_label)))
    return NULL;
  return gtk_label_get_text (self->understood_label);
}

static void
rtes_number_row_set_kind (RtesNumberRow  *self,
                          RtesNumberKind  kind)
{
  g_return_if_fail (RTES_IS_NUMBER_ROW (self));

  if (self->kind == kind)
    return;
  self->kind = kind;
  update_understood (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

/* Entering the field: what it reads now is the value to fall back on.
 * Leaving it: the same, and the text takes its usual form. */
static void
on_focus (GtkWidget *widget,
          gboolean   inside,
          gpointer   data)
{
  RtesNumberRow *self = RTES_NUMBER_ROW (widget);
  double value;
  g_autofree char *text = NULL;

  if (!rtes_number_row_read (self, &value))
    return;
  if (inside)
    {
      self->fallback = value;
      return;
    }
  self->fallback = value;
  text = canonical_text (self->kind, value);
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (self))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self), text);
}

static void
rtes_number_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RtesNumberRow *self = RTES_NUMBER_ROW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_number_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RtesNumberRow *self = RTES_NUMBER_ROW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      rtes_number_row_set_kind (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_number_row_class_init (RtesNumberRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = rtes_number_row_get_property;
  object_class->set_property = rtes_number_row_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       RTES_TYPE_NUMBER_KIND, RTES_NUMBER_AMOUNT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rtes_number_row_init (RtesNumberRow *self)
{
  self->fallback = NAN;
  self->understood_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->understood_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->understood_label), "numeric");
  gtk_widget_set_visible (GTK_WIDGET (self->understood_label), FALSE);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->understood_label));

  rtes_editor_watch_focus (GTK_WIDGET (self), "rtes-number-row-focus", on_focus, NULL);
  g_signal_connect (self, "changed", G_CALLBACK (update_understood), NULL);
}

GtkWidget *
rtes_number_row_new (RtesNumberKind kind)
{
  return g_object_new (RTES_TYPE_NUMBER_ROW, "kind", kind, NULL);
}
