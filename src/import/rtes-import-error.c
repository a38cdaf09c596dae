/* rtes-import-error.c: the import subsystem's GError domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-import-error.h"

G_DEFINE_QUARK (rtes-import-error-quark, rtes_import_error)
