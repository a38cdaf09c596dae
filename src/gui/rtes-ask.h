/* rtes-ask.h: a question in a message dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum {
  RTES_ASK_PLAIN       = 0,
  RTES_ASK_SUGGESTED   = 1 << 0, /* ADW_RESPONSE_SUGGESTED */
  RTES_ASK_DESTRUCTIVE = 1 << 1, /* ADW_RESPONSE_DESTRUCTIVE */
  RTES_ASK_DEFAULT     = 1 << 2, /* the answer of Entrée */
  RTES_ASK_CLOSE       = 1 << 3, /* the answer of Escape and of closing */
} RtesAskFlags;

/* The answer: @owner is alive, and @data is the callback's to free. */
typedef void (*RtesAskFunc) (gpointer    owner,
                             const char *response,
                             gpointer    data);

/* Presents a dialog over @owner's window asking @heading (with @body and
 * @extra_child, both may be NULL), and calls @func once, with the first
 * answer, if @owner still lives then. The responses follow
 * @first_response as (id, label, RtesAskFlags) triples, NULL-terminated;
 * a NULL label adds no button (an answer only Escape gives). @data goes
 * to @func, or to @destroy if @func is never called. */
AdwMessageDialog *rtes_ask (GtkWidget      *owner,
                            const char     *heading,
                            const char     *body,
                            GtkWidget      *extra_child,
                            RtesAskFunc     func,
                            gpointer        data,
                            GDestroyNotify  destroy,
                            const char     *first_response,
                            ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
