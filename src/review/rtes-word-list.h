/* rtes-word-list.h: the library's own dictionary (.rtes-fiches/dictionary.txt)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The words a person added with "Ajouter au dictionnaire": one word a
 * line, UTF-8, in the library's bookkeeping folder, so that they travel
 * with the library (git, a shared folder) and every colleague's spelling
 * check knows them. Blank lines and lines starting with "#" are ignored.
 * The file is read bounded and strictly (a line that is not one word in
 * UTF-8 is an error naming file and line) and written through the
 * library's RtesLibraryDir, never through a link.
 */
#pragma once

#include <gio/gio.h>

#include "rtes-library.h"
#include "rtes-library-dir.h"

G_BEGIN_DECLS

#define RTES_WORD_LIST_PATH     RTES_LIBRARY_STATE_DIR "/dictionary.txt"
#define RTES_WORD_LIST_MAX_SIZE ((gsize) 1 << 20)
/* A word is at most this long (bytes). */
#define RTES_WORD_MAX_LENGTH    64

#define RTES_TYPE_WORD_LIST (rtes_word_list_get_type ())
G_DECLARE_FINAL_TYPE (RtesWordList, rtes_word_list, RTES, WORD_LIST, GObject)

/* Reads the library's list; a missing file is an empty list. */
RtesWordList       *rtes_word_list_load      (RtesLibraryDir  *dir,
                                              GError         **error);
/* The words, sorted, without duplicates. Any thread. */
GStrv               rtes_word_list_dup_words (RtesWordList    *self);
gboolean            rtes_word_list_contains  (RtesWordList    *self,
                                              const char      *word);

/* TRUE when @word may go in the list: one word (no space, no control
 * character), UTF-8, with a letter, at most RTES_WORD_MAX_LENGTH bytes. */
gboolean            rtes_word_list_is_valid_word (const char  *word);

/* Adds @word and writes the file at once (read again first, so that a
 * colleague's words added meanwhile are kept). Adding a word already in
 * the list writes nothing. RTES_REVIEW_ERROR_INVALID_WORD for a word
 * that cannot go in it. */
gboolean            rtes_word_list_add       (RtesWordList    *self,
                                              const char      *word,
                                              GError         **error);
/* The same in a worker thread, for the window. */
void                rtes_word_list_add_async (RtesWordList        *self,
                                              const char          *word,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean            rtes_word_list_add_finish (RtesWordList       *self,
                                               GAsyncResult       *result,
                                               GError            **error);

G_END_DECLS
