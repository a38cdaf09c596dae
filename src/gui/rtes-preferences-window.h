/* rtes-preferences-window.h: the preferences of the application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RTES_TYPE_PREFERENCES_WINDOW (rtes_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (RtesPreferencesWindow, rtes_preferences_window, RTES, PREFERENCES_WINDOW, AdwPreferencesWindow)

RtesPreferencesWindow *rtes_preferences_window_new (GSettings *settings);

G_END_DECLS
