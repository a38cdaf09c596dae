/* rtes-cli-history.c: history, restore, and what show --at needs
 *
 * The history of a fiche as the window shows it, in lines: revisions
 * grouped by day, each with the places it changed, named and valued in
 * words by the import's describer (never JSON, unless --json asks for
 * it). Before it reads or restores, a command looks at the fiche's file:
 * a change made outside the application since the history last saw it is
 * recorded first, as the window does when the library opens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "rtes-cli.h"
#include "rtes-fiche-json.h"
#include "rtes-fiche-path.h"
#include "rtes-history.h"
#include "rtes-fiche-describe.h"
#include "rtes-json-writer.h"
#include "rtes-text.h"

/* The library's history with @id's file looked at; prints the error. */
static RtesHistory *
open_history (RtesLibrary *library,
              const char  *id)
{
  RtesHistory *history = rtes_library_get_history (library);
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;

  if (history == NULL)
    {
      rtes_cli_error (_("no history can be kept in %s: see the message above"),
                      rtes_library_get_path (library));
      return NULL;
    }
  notice = rtes_history_take_notice (history);
  if (notice != NULL)
    g_printerr (_("%s: warning: %s\n"), g_get_prgname (), notice);
  rtes_history_scan_fiche (history, rtes_library_get_dir (library), id, &error);
  if (error != NULL)
    {
      rtes_cli_error ("%s", error->message);
      return NULL;
    }
  return history;
}

static gboolean
parse_revision (const char *text,
                guint      *number)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &value, NULL))
    {
      rtes_cli_error (_("“%s” is not a revision number (1, 2, 3…: see “history”)"), text ? text : "");
      return FALSE;
    }
  *number = value;
  return TRUE;
}

static gboolean
check_field (const char *field)
{
  if (field == NULL || rtes_fiche_path_is_valid (field))
    return TRUE;
  rtes_cli_error (_("“%s” is not a field of a fiche (“population”, “contacts”, "
                    "“contacts[key=…].phone”…)"), field);
  return FALSE;
}

/* Whether the place @path is @field, inside it or around it. */
static gboolean
path_related (const char *path,
              const char *field)
{
  gsize a, b;

  if (field == NULL)
    return TRUE;
  a = strlen (path);
  b = strlen (field);
  if (a >= b && strncmp (path, field, b) == 0 && (path[b] == '\0' || path[b] == '.' || path[b] == '['))
    return TRUE;
  return b > a && strncmp (field, path, a) == 0 && (field[a] == '.' || field[a] == '[');
}

/* ------------------------------------------------------------------ */
/* history                                                             */

typedef struct {
  RtesRevision *revision;
  GPtrArray *changes;       /* RtesMergeChange*, NULL for a deletion */
  JsonNode *before;
  JsonNode *after;
} Entry;

static void
entry_free (Entry *entry)
{
  g_clear_object (&entry->revision);
  g_clear_pointer (&entry->changes, g_ptr_array_unref);
  g_clear_pointer (&entry->before, json_node_unref);
  g_clear_pointer (&entry->after, json_node_unref);
  g_free (entry);
}

static void
print_change (RtesMergeChange *change,
              JsonNode        *before,
              JsonNode        *after)
{
  g_autofree char *label = rtes_fiche_describe_place (change->path, change->order, after, before);

  if (change->order)
    {
      /* Translators: a list whose items only moved */
      g_print ("      %s: %s\n", label, _("new order"));
      return;
    }
  if (change->base == NULL || change->theirs == NULL)
    {
      g_autofree char *value = rtes_fiche_describe_value (change->path,
                                                           change->theirs != NULL ? change->theirs
                                                                                  : change->base);

      /* Translators: an item (or field) that a revision added or removed */
      g_print ("      %s: %s %s\n", label, change->base == NULL ? _("added") : _("removed"), value);
      return;
    }
  {
    g_autofree char *old_text = rtes_fiche_describe_value (change->path, change->base);
    g_autofree char *new_text = rtes_fiche_describe_value (change->path, change->theirs);

    g_print ("      %s: %s → %s\n", label, old_text, new_text);
  }
}

static void
print_entries (RtesLibrary *library,
               const char  *id,
               GPtrArray   *entries,
               const char  *field)
{
  g_autofree char *previous_day = NULL;
  RtesFiche *fiche = rtes_library_lookup (library, id);
  const char *name = entries->len > 0 ? rtes_revision_get_name (((Entry *) g_ptr_array_index (entries, entries->len - 1))->revision)
                                      : (fiche != NULL ? rtes_fiche_get_name (fiche) : id);

  g_print (g_dngettext (GETTEXT_PACKAGE, "%s (%s): %u revision\n", "%s (%s): %u revisions\n", entries->len),
           name, id, entries->len);
  for (guint i = entries->len; i-- > 0;)
    {
      Entry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GDateTime) when = rtes_revision_dup_date_time (entry->revision);
      g_autofree char *day = rtes_revision_format_day (when, NULL);
      g_autofree char *time = g_date_time_format (when, "%H:%M");
      g_autofree char *what = rtes_revision_describe (entry->revision);

      if (g_strcmp0 (day, previous_day) != 0)
        {
          g_print ("\n%s\n", day);
          g_free (previous_day);
          previous_day = g_strdup (day);
        }
      g_print ("  %3u  %s  %s — %s\n", rtes_revision_get_number (entry->revision), time,
               rtes_revision_get_display_author (entry->revision), what);
      if (rtes_revision_get_kind (entry->revision) != RTES_REVISION_CHANGED)
        continue;
      for (guint j = 0; j < entry->changes->len; j++)
        {
          RtesMergeChange *change = g_ptr_array_index (entry->changes, j);

          if (path_related (change->path, field))
            print_change (change, entry->before, entry->after);
        }
    }
}

static JsonNode *
value_or_null (JsonNode *value)
{
  return value != NULL ? json_node_copy (value) : json_node_new (JSON_NODE_NULL);
}

static void
print_json (GPtrArray  *entries,
            const char *field)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  static const char * const kinds[] = { "changed", "created", "deleted" };

  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);
      RtesRevision *revision = entry->revision;
      g_autoptr(GDateTime) when = rtes_revision_dup_date_time (revision);
      g_autofree char *iso = g_date_time_format_iso8601 (when);

      json_builder_begin_object (builder);
      rtes_json_builder_add_int (builder, "revision", rtes_revision_get_number (revision));
      rtes_json_builder_add_string (builder, "time", iso);
      rtes_json_builder_add_string (builder, "author", rtes_revision_get_author (revision));
      rtes_json_builder_add_string (builder, "origin", rtes_change_origin_to_string (rtes_revision_get_origin (revision)));
      json_builder_set_member_name (builder, "detail");
      if (rtes_revision_get_detail (revision) != NULL)
        json_builder_add_string_value (builder, rtes_revision_get_detail (revision));
      else
        json_builder_add_null_value (builder);
      rtes_json_builder_add_string (builder, "kind", kinds[rtes_revision_get_kind (revision)]);
      rtes_json_builder_add_string (builder, "name", rtes_revision_get_name (revision));
      json_builder_set_member_name (builder, "changes");
      json_builder_begin_array (builder);
      for (guint j = 0; entry->changes != NULL && j < entry->changes->len; j++)
        {
          RtesMergeChange *change = g_ptr_array_index (entry->changes, j);
          g_autofree char *label = NULL;

          if (!path_related (change->path, field))
            continue;
          label = rtes_fiche_describe_place (change->path, change->order, entry->after, entry->before);
          json_builder_begin_object (builder);
          rtes_json_builder_add_string (builder, "path", change->path);
          rtes_json_builder_add_string (builder, "label", label);
          json_builder_set_member_name (builder, "order");
          json_builder_add_boolean_value (builder, change->order);
          json_builder_set_member_name (builder, "old");
          json_builder_add_value (builder, value_or_null (change->base));
          json_builder_set_member_name (builder, "new");
          json_builder_add_value (builder, value_or_null (change->theirs));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  text = rtes_json_to_canonical (root, NULL);
  g_print ("%s", text);
}

int
rtes_cli_history (RtesCliContext *ctx,
                  int             argc,
                  char          **argv)
{
  g_autofree char *field = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "field", 'f', 0, G_OPTION_ARG_STRING, &field,
      N_("Only the revisions that changed this field (“population”, “contacts”, "
         "“contacts[key=…].phone”…)"), N_("FIELD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the revisions as JSON, values as in the fiche"), NULL },
    { NULL }
  };
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  g_autoptr(GError) error = NULL;
  RtesHistory *history;
  const char *id;

  if (!rtes_cli_parse ("history", _("ID"),
                       _("The saved revisions of a fiche, latest first: when, who, from where "
                         "(typed here, an import, the site, outside the application…) and the "
                         "fields each changed, with their values before and after."),
                       entries, &argc, &argv))
    return RTES_EXIT_USAGE;
  if (argc != 2)
    return rtes_cli_fail (RTES_EXIT_USAGE, _("“history” takes one fiche identifier"));
  if (!check_field (field))
    return RTES_EXIT_USAGE;
  id = argv[1];
  if (!rtes_id_is_valid (id))
    return rtes_cli_fail (RTES_EXIT_USAGE, _("“%s” is not a fiche identifier"), id);
  library = rtes_cli_open_library (ctx, RTES_LIBRARY_OPEN_NONE);
  if (library == NULL || (history = open_history (library, id)) == NULL)
    return RTES_EXIT_FAILURE;

  revisions = rtes_history_list (history, id, field, &error);
  if (revisions == NULL)
    return rtes_cli_fail (RTES_EXIT_FAILURE, "%s", error->message);
  if (revisions->len == 0 && field == NULL)
    return rtes_cli_fail (RTES_EXIT_FAILURE,
                          _("no fiche “%s” in %s, nor in its history"), id, rtes_library_get_path (library));

  /* In order: each revision's content goes on from the one before. */
  for (guint i = 0; i < revisions->len; i++)
    {
      Entry *entry = g_new0 (Entry, 1);

      entry->revision = g_object_ref (revisions->pdata[i]);
      entry->changes = rtes_history_get_changes (history, id, rtes_revision_get_number (entry->revision),
                                                 &entry->before, &entry->after, &error);
      g_ptr_array_add (list, entry);
      if (entry->changes == NULL)
        return rtes_cli_fail (RTES_EXIT_FAILURE, "%s", error->message);
    }

  if (json)
    print_json (list, field);
  else
    print_entries (library, id, list, field);
  return RTES_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* show --at                                                           */

RtesFiche *
rtes_cli_history_fiche_at (RtesLibrary *library,
                           const char  *id,
                           const char  *revision)
{
  g_autoptr(GError) error = NULL;
  RtesHistory *history;
  RtesFiche *fiche;
  guint number;

  if (!parse_revision (revision, &number))
    return NULL;
  if (!rtes_id_is_valid (id))
    {
      rtes_cli_error (_("“%s” is not a fiche identifier"), id);
      return NULL;
    }
  history = open_history (library, id);
  if (history == NULL)
    return NULL;
  fiche = rtes_history_get_fiche (history, id, number, &error);
  if (fiche == NULL)
    rtes_cli_error ("%s", error->message);
  return fiche;
}

/* ------------------------------------------------------------------ */
/* restore                                                             */

int
rtes_cli_restore (RtesCliContext *ctx,
                  int             argc,
                  char          **argv)
{
  g_autofree char *at = NULL;
  g_autofree char *field = NULL;
  const GOptionEntry entries[] = {
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("The revision to put back (see “history”)"), N_("REV") },
    { "field", 'f', 0, G_OPTION_ARG_STRING, &field,
      N_("Only this field or item (“population”, “contacts[key=…]”…); the rest stays as it is"),
      N_("FIELD") },
    { NULL }
  };
  g_autoptr(RtesLibrary) library = NULL;
  g_autoptr(RtesFiche) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RtesHistory *history;
  RtesFiche *current;
  const char *id;
  guint number, last;

  if (!rtes_cli_parse ("restore", _("ID --at REV"),
                       _("Put back a fiche, or one of its fields or items, as it was in a revision "
                         "of its history; a deleted fiche comes back whole. The restore is itself "
                         "a new revision."),
                       entries, &argc, &argv))
    return RTES_EXIT_USAGE;
  if (argc != 2 || at == NULL)
    return rtes_cli_fail (RTES_EXIT_USAGE, _("“restore” takes one fiche identifier and --at REV"));
  id = argv[1];
  if (!rtes_id_is_valid (id))
    return rtes_cli_fail (RTES_EXIT_USAGE, _("“%s” is not a fiche identifier"), id);
  if (!parse_revision (at, &number) || !check_field (field))
    return RTES_EXIT_USAGE;
  library = rtes_cli_open_library (ctx, RTES_LIBRARY_OPEN_NONE);
  if (library == NULL || (history = open_history (library, id)) == NULL)
    return RTES_EXIT_FAILURE;

  current = rtes_library_lookup (library, id);
  if (current != NULL && rtes_fiche_get_load_error (current) != NULL)
    return rtes_cli_fail (RTES_EXIT_FAILURE, "%s", rtes_fiche_get_load_error (current)->message);
  if (current == NULL && field != NULL)
    return rtes_cli_fail (RTES_EXIT_FAILURE,
                          _("fiche “%s” is deleted: restore it whole first (without --field)"), id);
  restored = rtes_history_make_restore (history, current, id, number, field, &error);
  if (restored == NULL)
    return rtes_cli_fail (RTES_EXIT_FAILURE, "%s", error->message);
  before = current != NULL ? rtes_fiche_to_data (current, NULL) : NULL;
  after = rtes_fiche_to_data (restored, NULL);
  if (g_strcmp0 (before, after) == 0)
    {
      g_print (_("Nothing to restore: %s is already as in revision %u\n"), id, number);
      return RTES_EXIT_OK;
    }
  if (!rtes_library_save_full (library, restored, RTES_CHANGE_ORIGIN_RESTORE, at, &error))
    return rtes_cli_fail (RTES_EXIT_FAILURE, "%s", error->message);
  last = rtes_history_get_last (history, id, NULL);
  if (field != NULL)
    g_print (_("Restored %s of %s as in revision %u (now revision %u)\n"), field, id, number, last);
  else
    g_print (_("Restored %s as in revision %u (now revision %u)\n"), id, number, last);
  return RTES_EXIT_OK;
}
