/* rtes-word-list.c: the library's own dictionary (.rtes-fiches/dictionary.txt)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rtes-speller.h"
#include "rtes-task.h"
#include "rtes-word-list.h"

struct _RtesWordList
{
  GObject parent_instance;

  RtesLibraryDir *dir;
  GMutex lock;          /* around words: adds run in a worker thread */
  GPtrArray *words;     /* char*, sorted, unique */
};

G_DEFINE_FINAL_TYPE (RtesWordList, rtes_word_list, G_TYPE_OBJECT)

static void
rtes_word_list_finalize (GObject *object)
{
  RtesWordList *self = RTES_WORD_LIST (object);

  g_clear_pointer (&self->dir, rtes_library_dir_unref);
  g_clear_pointer (&self->words, g_ptr_array_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (rtes_word_list_parent_class)->finalize (object);
}

static void
rtes_word_list_class_init (RtesWordListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rtes_word_list_finalize;
}

static void
rtes_word_list_init (RtesWordList *self)
{
  g_mutex_init (&self->lock);
  self->words = g_ptr_array_new_with_free_func (g_free);
}

gboolean
rtes_word_list_is_valid_word (const char *word)
{
  gboolean letter = FALSE;

  if (word == NULL || word[0] == '\0' || strlen (word) > RTES_WORD_MAX_LENGTH ||
      !g_utf8_validate (word, -1, NULL))
    return FALSE;
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029 ||
          g_unichar_type (c) == G_UNICODE_FORMAT)
        return FALSE;
      letter |= g_unichar_isalpha (c);
    }
  return letter;
}

static int
compare_words (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The words of @bytes (the file @display), sorted and unique. */
static GPtrArray *
parse_words (GBytes      *bytes,
             const char  *display,
             GError     **error)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  const char *end = data + size;
  const char *line = data;
  guint number = 1;

  for (; line < end; number++)
    {
      const char *eol = memchr (line, '\n', end - line);
      g_autofree char *text = g_strndup (line, (eol != NULL ? eol : end) - line);

      line = eol != NULL ? eol + 1 : end;
      g_strchomp (text);
      if (text[0] == '\0' || text[0] == '#')
        continue;
      g_strchug (text);
      if (!rtes_word_list_is_valid_word (text))
        {
          g_set_error (error, RTES_REVIEW_ERROR, RTES_REVIEW_ERROR_INVALID_WORD,
                       _("%s:%u: not one word in UTF-8"), display, number);
          return NULL;
        }
      g_ptr_array_add (words, g_steal_pointer (&text));
    }
  g_ptr_array_sort (words, compare_words);
  for (guint i = 1; i < words->len;)
    if (g_str_equal (words->pdata[i - 1], words->pdata[i]))
      g_ptr_array_remove_index (words, i);
    else
      i++;
  return g_steal_pointer (&words);
}

static GPtrArray *
read_words (RtesLibraryDir  *dir,
            GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = rtes_library_dir_display (dir, RTES_WORD_LIST_PATH);
  g_autoptr(GBytes) bytes = rtes_library_dir_read (dir, RTES_WORD_LIST_PATH,
                                                   RTES_WORD_LIST_MAX_SIZE, &local_error);

  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return g_ptr_array_new_with_free_func (g_free);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  /* A NUL inside is not text: strndup() would hide what follows it. */
  if (memchr (g_bytes_get_data (bytes, NULL), '\0', g_bytes_get_size (bytes)) != NULL)
    {
      g_set_error (error, RTES_REVIEW_ERROR, RTES_REVIEW_ERROR_INVALID_WORD,
                   _("%s: not a text file"), display);
      return NULL;
    }
  return parse_words (bytes, display, error);
}

RtesWordList *
rtes_word_list_load (RtesLibraryDir  *dir,
                     GError         **error)
{
  g_autoptr(RtesWordList) self = NULL;
  g_autoptr(GPtrArray) words = NULL;

  g_return_val_if_fail (dir != NULL, NULL);

  words = read_words (dir, error);
  if (words == NULL)
    return NULL;
  self = g_object_new (RTES_TYPE_WORD_LIST, NULL);
  self->dir = rtes_library_dir_ref (dir);
  g_ptr_array_unref (self->words);
  self->words = g_steal_pointer (&words);
  return g_steal_pointer (&self);
}

GStrv
rtes_word_list_dup_words (RtesWordList *self)
{
  GStrv words;

  g_return_val_if_fail (RTES_IS_WORD_LIST (self), NULL);

  g_mutex_lock (&self->lock);
  words = g_new0 (char *, self->words->len + 1);
  for (guint i = 0; i < self->words->len; i++)
    words[i] = g_strdup (self->words->pdata[i]);
  g_mutex_unlock (&self->lock);
  return words;
}

static gboolean
find_word (GPtrArray  *words,
           const char *word)
{
  guint index;

  return g_ptr_array_find_with_equal_func (words, word, g_str_equal, &index);
}

gboolean
rtes_word_list_contains (RtesWordList *self,
                         const char   *word)
{
  gboolean found;

  g_return_val_if_fail (RTES_IS_WORD_LIST (self), FALSE);

  g_mutex_lock (&self->lock);
  found = word != NULL && find_word (self->words, word);
  g_mutex_unlock (&self->lock);
  return found;
}

static char *
serialize (GPtrArray *words)
{
  GString *out = g_string_new ("# Words the spelling check of Fiches RTES knows in this library, one a line.\n");

  for (guint i = 0; i < words->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) words->pdata[i]);
  return g_string_free (out, FALSE);
}

gboolean
rtes_word_list_add (RtesWordList  *self,
                    const char    *word,
                    GError       **error)
{
  g_autoptr(GPtrArray) words = NULL;
  g_autofree char *data = NULL;

  g_return_val_if_fail (RTES_IS_WORD_LIST (self), FALSE);

  if (!rtes_word_list_is_valid_word (word))
    {
      g_set_error (error, RTES_REVIEW_ERROR, RTES_REVIEW_ERROR_INVALID_WORD,
                   _("“%s” is not a word the dictionary can hold"), word != NULL ? word : "");
      return FALSE;
    }
  /* A colleague may have added words since: theirs are kept. */
  words = read_words (self->dir, error);
  if (words == NULL)
    return FALSE;
  if (!find_word (words, word))
    {
      g_ptr_array_add (words, g_strdup (word));
      g_ptr_array_sort (words, compare_words);
      data = serialize (words);
      if (!rtes_library_dir_write (self->dir, RTES_WORD_LIST_PATH, data, strlen (data), error))
        return FALSE;
    }
  g_mutex_lock (&self->lock);
  g_ptr_array_unref (self->words);
  self->words = g_steal_pointer (&words);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;

  if (rtes_word_list_add (source_object, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
rtes_word_list_add_async (RtesWordList        *self,
                          const char          *word,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_return_if_fail (RTES_IS_WORD_LIST (self));

  g_task_set_source_tag (task, rtes_word_list_add_async);
  g_task_set_task_data (task, g_strdup (word), g_free);
  rtes_task_run_in_thread (task, add_thread);
}

gboolean
rtes_word_list_add_finish (RtesWordList  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
