/* rtes-application.h: the rtes-fiches application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RTES_TYPE_APPLICATION (rtes_application_get_type ())
G_DECLARE_FINAL_TYPE (RtesApplication, rtes_application, RTES, APPLICATION, AdwApplication)

RtesApplication *rtes_application_new          (void);

G_END_DECLS
