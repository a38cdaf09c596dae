/* rtes-sync-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-sync-error.h"

G_DEFINE_QUARK (rtes-sync-error-quark, rtes_sync_error)
