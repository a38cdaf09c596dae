/* rtes-change-origin.c: where a change of a fiche came from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-change-origin.h"

static const GEnumValue origin_values[] = {
  { RTES_CHANGE_ORIGIN_TYPED, "RTES_CHANGE_ORIGIN_TYPED", "typed" },
  { RTES_CHANGE_ORIGIN_IMPORT, "RTES_CHANGE_ORIGIN_IMPORT", "import" },
  { RTES_CHANGE_ORIGIN_PULL, "RTES_CHANGE_ORIGIN_PULL", "pull" },
  { RTES_CHANGE_ORIGIN_RESOLVE, "RTES_CHANGE_ORIGIN_RESOLVE", "resolve" },
  { RTES_CHANGE_ORIGIN_RESTORE, "RTES_CHANGE_ORIGIN_RESTORE", "restore" },
  { RTES_CHANGE_ORIGIN_DISK, "RTES_CHANGE_ORIGIN_DISK", "disk" },
  { 0, NULL, NULL },
};

GType
rtes_change_origin_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("RtesChangeOrigin", origin_values));
  return type;
}

const char *
rtes_change_origin_to_string (RtesChangeOrigin origin)
{
  for (guint i = 0; origin_values[i].value_nick != NULL; i++)
    if (origin_values[i].value == (int) origin)
      return origin_values[i].value_nick;
  g_return_val_if_reached ("typed");
}

gboolean
rtes_change_origin_from_string (const char       *nick,
                                RtesChangeOrigin *origin)
{
  for (guint i = 0; nick != NULL && origin_values[i].value_nick != NULL; i++)
    if (g_str_equal (origin_values[i].value_nick, nick))
      {
        *origin = origin_values[i].value;
        return TRUE;
      }
  return FALSE;
}
