/* rtes-json-reader.h: the one strict JSON reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define RTES_JSON_ERROR (rtes_json_error_quark ())

/**
 * RtesJsonError:
 * @RTES_JSON_ERROR_EMPTY: nothing but white space
 * @RTES_JSON_ERROR_TOO_LARGE: over the size limit of its kind of document
 * @RTES_JSON_ERROR_INVALID: not RFC 8259 JSON, or JSON this reader refuses
 *   (message has file:line:col)
 */
typedef enum {
  RTES_JSON_ERROR_EMPTY,
  RTES_JSON_ERROR_TOO_LARGE,
  RTES_JSON_ERROR_INVALID,
} RtesJsonError;

GQuark rtes_json_error_quark (void);

/* What a document is decides how large it may be. The bounds are in
 * docs/security.md ("Reading JSON"). */
typedef enum {
  RTES_JSON_FICHE,    /* a fiche file, a base copy, a recovery journal */
  RTES_JSON_EXPORT,   /* the site's export (sync, import) */
  RTES_JSON_ANSWER,   /* the site's answer to a publish */
  RTES_JSON_STATE,    /* the sync state, state.json */
  RTES_JSON_JOURNAL,  /* the sync journal: old contents of every file a sync replaces */
} RtesJsonKind;

/* Fiche documents nest a few levels; unknown members may nest more, up
 * to this. Documents that hold fiches one or two levels down (the export,
 * the sync state's conflicts) get RTES_JSON_CONTAINER_DEPTH, so that any
 * fiche that reads alone also reads inside them. */
#define RTES_JSON_MAX_DEPTH       64
#define RTES_JSON_CONTAINER_DEPTH (RTES_JSON_MAX_DEPTH + 8)

/* JSON numbers are doubles to most readers: integers beyond this are
 * refused rather than silently rounded (RFC 8259, section 6). */
#define RTES_JSON_MAX_SAFE_INTEGER G_GINT64_CONSTANT (9007199254740991)

#define RTES_JSON_MAX_FICHE_SIZE   ((gsize) 1 << 20)    /* 1 MiB */
#define RTES_JSON_MAX_EXPORT_SIZE  ((gsize) 64 << 20)   /* 64 MiB */
#define RTES_JSON_MAX_ANSWER_SIZE  ((gsize) 1 << 20)    /* 1 MiB */
#define RTES_JSON_MAX_STATE_SIZE   ((gsize) 64 << 20)   /* 64 MiB */
#define RTES_JSON_MAX_JOURNAL_SIZE ((gsize) 512 << 20)  /* 512 MiB */

gsize       rtes_json_kind_max_size    (RtesJsonKind kind);

/* Where each value of a parsed document starts, recorded while parsing
 * (an array append per value) and looked up by node. */
typedef struct _RtesJsonPositions RtesJsonPositions;

void        rtes_json_positions_free   (RtesJsonPositions *positions);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RtesJsonPositions, rtes_json_positions_free)

/* Line and column (1-based, in characters) where @node's text starts;
 * FALSE when @node was not part of the document as parsed. */
gboolean    rtes_json_positions_find   (RtesJsonPositions *positions,
                                        JsonNode          *node,
                                        guint             *line,
                                        guint             *column);
/* "line:column" of the member at @path ("contacts[2].email") in @root,
 * which @positions was recorded for; NULL when unknown. */
char       *rtes_json_positions_lookup (RtesJsonPositions *positions,
                                        JsonNode          *root,
                                        const char        *path);

/* Parses @length bytes of @data (which need not end with a NUL; -1 means
 * it does) as RFC 8259 JSON and nothing more: no comments, single
 * quotes, hexadecimal or leading zeros, trailing commas, NaN or byte
 * order mark. It also refuses what would not survive a round trip or
 * would be read differently elsewhere: invalid UTF-8, U+0000 and lone
 * surrogates in strings, duplicate member names, integers beyond
 * ±RTES_JSON_MAX_SAFE_INTEGER, numbers too large for a double, nesting
 * deeper than @kind allows, and documents larger than @kind allows.
 * Never recursive: memory and time are linear in @length.
 *
 * Messages start with "@source:line:col:". @positions, when not NULL,
 * receives where every value starts. */
JsonNode   *rtes_json_parse            (const char          *data,
                                        gssize               length,
                                        RtesJsonKind         kind,
                                        const char          *source,
                                        RtesJsonPositions  **positions,
                                        GError             **error);

/* Parses @data and returns what @read makes of the root, with the
 * positions of every value so that a wrong type says where it stands.
 * @read may change the tree it is given. */
typedef gpointer (*RtesJsonReadFunc) (JsonNode           *root,
                                      RtesJsonPositions  *positions,
                                      gpointer            user_data,
                                      GError            **error);
gpointer    rtes_json_read             (const char         *data,
                                        gssize              length,
                                        RtesJsonKind        kind,
                                        const char         *source,
                                        RtesJsonReadFunc    read,
                                        gpointer            user_data,
                                        GError            **error);

/* Lookups that give NULL for what is absent or of another type, @node
 * and @object included: for readers that check what they got once. */
JsonObject *rtes_json_get_object        (JsonNode           *node);
JsonNode   *rtes_json_get_member        (JsonObject         *object,
                                         const char         *member);
const char *rtes_json_get_string        (JsonNode           *node);
const char *rtes_json_get_string_member (JsonObject         *object,
                                         const char         *member);
/* TRUE when @node holds an integer (rtes_json_get_number(): any number),
 * then stored in @value. */
gboolean    rtes_json_get_int           (JsonNode           *node,
                                         gint64             *value);
gboolean    rtes_json_get_number        (JsonNode           *node,
                                         double             *value);

G_END_DECLS
