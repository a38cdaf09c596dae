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

/* The library the window shows, when it is not the one the setting names
 * (opened with --library, say), so that the row does not mislead. */
void rtes_preferences_window_set_open_library (RtesPreferencesWindow *self,
                                               const char            *path);

G_END_DECLS
