/* rtes-import-error.h: what can go wrong when importing an export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RTES_IMPORT_ERROR (rtes_import_error_quark ())

/**
 * RtesImportError:
 * @RTES_IMPORT_ERROR_EMPTY: the export holds nothing but white space
 * @RTES_IMPORT_ERROR_BINARY: the export is not text (NUL bytes, control characters)
 * @RTES_IMPORT_ERROR_ENCODING: the export is not valid UTF-8 (message has line:column)
 * @RTES_IMPORT_ERROR_TOO_LARGE: the export, or one of its lines, is larger than any site export
 * @RTES_IMPORT_ERROR_NO_FICHE: no fiche could be found in the export
 * @RTES_IMPORT_ERROR_FORMAT: a JSON document that is not a site export or fiche
 * @RTES_IMPORT_ERROR_NEWER_VERSION: a JSON export written by a newer version
 * @RTES_IMPORT_ERROR_NETWORK: the URL could not be fetched (message has the HTTP status)
 * @RTES_IMPORT_ERROR_IO: the file could not be read
 * @RTES_IMPORT_ERROR_WRITE: a fiche could not be written to the library
 * @RTES_IMPORT_ERROR_STATE: the import's records in the library (bases,
 *   conflicts) could not be read (message names the file and the place)
 * @RTES_IMPORT_ERROR_NO_CONFLICT: no open import conflict at that place
 * @RTES_IMPORT_ERROR_CHANGED: a fiche changed since the import was planned:
 *   nothing was written, plan again
 *
 * Every message names the export (file or URL) and, where it applies, the
 * line or member at fault.
 */
typedef enum {
  RTES_IMPORT_ERROR_EMPTY,
  RTES_IMPORT_ERROR_BINARY,
  RTES_IMPORT_ERROR_ENCODING,
  RTES_IMPORT_ERROR_TOO_LARGE,
  RTES_IMPORT_ERROR_NO_FICHE,
  RTES_IMPORT_ERROR_FORMAT,
  RTES_IMPORT_ERROR_NEWER_VERSION,
  RTES_IMPORT_ERROR_NETWORK,
  RTES_IMPORT_ERROR_IO,
  RTES_IMPORT_ERROR_WRITE,
  RTES_IMPORT_ERROR_STATE,
  RTES_IMPORT_ERROR_NO_CONFLICT,
  RTES_IMPORT_ERROR_CHANGED,
} RtesImportError;

GQuark rtes_import_error_quark (void);

G_END_DECLS
