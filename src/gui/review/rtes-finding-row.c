/* rtes-finding-row.c: one finding of the Relecture, as a list row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "rtes-finding-row.h"

/* Longer texts are cut in the row (the field shows them whole). */
#define MAX_SHOWN_CHARS 60

struct _RtesFindingRow
{
  AdwActionRow parent_instance;

  RtesFinding *finding;
};

G_DEFINE_FINAL_TYPE (RtesFindingRow, rtes_finding_row, ADW_TYPE_ACTION_ROW)

enum {
  FIX,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
member_label (const char *member)
{
  static const struct {
    const char *member;
    const char *label;
  } labels[] = {
    { "role", N_("Role") }, { "name", N_("Name") }, { "title", N_("Title") },
    { "service", N_("Service") }, { "email", N_("E-mail") }, { "phone", N_("Phone") },
    { "label", N_("Label") }, { "year", N_("Year") }, { "amount", N_("Amount") },
    { "section", N_("Section") }, { "category", N_("Category") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (member, labels[i].member))
      return _(labels[i].label);
  return member;
}

/* "contacts[2].email" → 3 (people count from one) and "email". */
static gboolean
item_of (const char  *field,
         const char  *prefix,
         guint       *number,
         const char **member)
{
  char *end = NULL;

  if (!g_str_has_prefix (field, prefix))
    return FALSE;
  *number = (guint) strtoul (field + strlen (prefix), &end, 10) + 1;
  if (end == NULL || *end != ']')
    return FALSE;
  *member = end[1] == '.' ? end + 2 : NULL;
  return TRUE;
}

char *
rtes_finding_field_label (const char *field)
{
  static const struct {
    const char *field;
    const char *label;
  } fields[] = {
    { "id", N_("Identifier") }, { "name", N_("Name") }, { "status", N_("Status") },
    { "kind", N_("Type") }, { "region", N_("Region") }, { "population", N_("Population") },
    { "population_note", N_("Population note") }, { "member_since", N_("Member since") },
    { "updated", N_("Last update") }, { "address.city", N_("City") },
    { "address.postcode", N_("Postcode") }, { "panorama", N_("Panorama") },
    { "budget", N_("Budget") }, { "budget.text", N_("Budget") }, { "programme", N_("Programme") },
    { "actions", N_("Actions") }, { "contacts", N_("Contacts") },
  };
  const char *member;
  guint number;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (field, fields[i].field))
      return g_strdup (_(fields[i].label));
  if (item_of (field, "contacts[", &number, &member))
    return member != NULL
           /* Translators: "Contact 2 · E-mail" */
           ? g_strdup_printf (_("Contact %u · %s"), number, member_label (member))
           : g_strdup_printf (_("Contact %u"), number);
  if (item_of (field, "budget.lines[", &number, &member))
    return member != NULL
           /* Translators: "Budget line 2 · Year" */
           ? g_strdup_printf (_("Budget line %u · %s"), number, member_label (member))
           : g_strdup_printf (_("Budget line %u"), number);
  if (g_str_has_prefix (field, "address"))
    return g_strdup (_("Address"));
  if (g_str_has_prefix (field, "tags"))
    return g_strdup (_("Levers"));
  return g_strdup (field);
}

static const char *
severity_icon (RtesFindingSeverity severity)
{
  switch (severity)
    {
    case RTES_FINDING_ERROR: return "dialog-error-symbolic";
    case RTES_FINDING_WARNING: return "dialog-warning-symbolic";
    case RTES_FINDING_NOTE:
    default: return "dialog-information-symbolic";
    }
}

static const char *
severity_class (RtesFindingSeverity severity)
{
  switch (severity)
    {
    case RTES_FINDING_ERROR: return "error";
    case RTES_FINDING_WARNING: return "warning";
    case RTES_FINDING_NOTE:
    default: return "dim-label";
    }
}

static const char *
severity_label (RtesFindingSeverity severity)
{
  switch (severity)
    {
    case RTES_FINDING_ERROR: return _("Blocks publishing");
    case RTES_FINDING_WARNING: return _("Warning");
    case RTES_FINDING_NOTE:
    default: return _("Note");
    }
}

/* "« Pictos à modifier »", cut when long, on one line. */
static char *
quoted (const char *text)
{
  g_autofree char *one_line = g_strdup (text);
  g_autofree char *cut = NULL;

  g_strdelimit (one_line, "\n\t", ' ');
  if (g_utf8_strlen (one_line, -1) > MAX_SHOWN_CHARS)
    {
      char *end = g_utf8_offset_to_pointer (one_line, MAX_SHOWN_CHARS);

      cut = g_strdup_printf ("%.*s…", (int) (end - one_line), one_line);
    }
  return g_strdup_printf ("«\u202f%s\u202f»", cut != NULL ? cut : one_line);
}

static void
on_fix_clicked (RtesFindingRow *self)
{
  g_signal_emit (self, signals[FIX], 0);
}

static void
rtes_finding_row_finalize (GObject *object)
{
  RtesFindingRow *self = RTES_FINDING_ROW (object);

  g_clear_pointer (&self->finding, rtes_finding_free);

  G_OBJECT_CLASS (rtes_finding_row_parent_class)->finalize (object);
}

static void
rtes_finding_row_class_init (RtesFindingRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rtes_finding_row_finalize;

  /**
   * RtesFindingRow::fix:
   *
   * The person asked for the finding's fix.
   */
  signals[FIX] = g_signal_new ("fix", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                               0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rtes_finding_row_init (RtesFindingRow *self)
{
}

GtkWidget *
rtes_finding_row_new (const RtesFinding *finding,
                      const char        *fiche_name)
{
  RtesFindingRow *self = g_object_new (RTES_TYPE_FINDING_ROW,
                                       "activatable", TRUE,
                                       "use-markup", FALSE,
                                       NULL);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *field = rtes_finding_field_label (finding->field);
  GtkWidget *icon = gtk_image_new_from_icon_name (severity_icon (finding->severity));
  g_autofree char *accessible = NULL;
  g_autofree char *kind = NULL;

  self->finding = rtes_finding_copy (finding);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), finding->message);
  if (finding->text[0] != '\0')
    {
      g_autofree char *text = quoted (finding->text);

      g_string_append (subtitle, text);
    }
  if (subtitle->len > 0)
    g_string_append (subtitle, " · ");
  if (fiche_name != NULL)
    g_string_append_printf (subtitle, "%s · ", fiche_name);
  g_string_append (subtitle, field);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 2);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (self), 3);

  /* Translators: how serious a finding is, and its kind: "Warning · Spelling" */
  kind = g_strdup_printf (_("%s · %s"), severity_label (finding->severity),
                          rtes_finding_kind_label (finding->kind));
  gtk_widget_add_css_class (icon, severity_class (finding->severity));
  gtk_widget_set_tooltip_text (icon, kind);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, kind, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (self), icon);

  if (finding->fix != NULL)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Fix"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Apply the typographic fix"));
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_fix_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (self), button);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), gtk_image_new_from_icon_name ("go-next-symbolic"));

  /* Read out: how serious, what, where. */
  accessible = g_strdup_printf ("%s, %s, %s", kind, finding->message, subtitle->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return GTK_WIDGET (self);
}

const RtesFinding *
rtes_finding_row_get_finding (RtesFindingRow *self)
{
  g_return_val_if_fail (RTES_IS_FINDING_ROW (self), NULL);
  return self->finding;
}
