/* rtes-test-util.c: what every test suite needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rtes-test-util.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include "rtes-fiche-json.h"

void
rtes_test_init (int    *argc,
                char ***argv)
{
  /* Messages in tests are compared in English unless a test asks for
   * French itself; LANGUAGE from the caller's shell must not leak in. */
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
}

char *
rtes_test_make_tmpdir (const char *prefix)
{
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", prefix ? prefix : "rtes-test");
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree_recursive (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  /* A link to a folder is removed, never what it leads to: tests link
   * library folders to "outside" ones on purpose. */
  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL) != G_FILE_TYPE_DIRECTORY)
    {
      g_file_delete (file, NULL, NULL);
      return;
    }
  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

          remove_tree_recursive (child);
          g_object_unref (info);
        }
    }
  g_file_delete (file, NULL, NULL);
}

void
rtes_test_remove_tree (const char *path)
{
  g_autoptr(GFile) file = NULL;

  if (path == NULL)
    return;
  /* Tests make read-only folders on purpose; give them back first. */
  g_chmod (path, 0755);
  file = g_file_new_for_path (path);
  remove_tree_recursive (file);
}

char *
rtes_test_write_file (const char *dir,
                      const char *name,
                      const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

char *
rtes_test_read_file (const char *path,
                     gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

JsonNode *
rtes_test_parse_json (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  return node;
}

GString *
rtes_test_deep_after_comment (void)
{
  GString *json = g_string_new ("[/*\"*/");

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (json, '[');
  return json;
}

char *
rtes_test_source_path (const char *first_element,
                       ...)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  g_autofree char *tail = NULL;
  va_list args;
  GPtrArray *parts = g_ptr_array_new ();
  const char *element;

  va_start (args, first_element);
  for (element = first_element; element != NULL; element = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) element);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  tail = g_build_filenamev ((char **) parts->pdata);
  g_ptr_array_free (parts, TRUE);
  /* G_TEST_SRCDIR points at tests/; running a test binary by hand falls
   * back to the source tree the binary was built from. */
  return g_build_filename (srcdir ? srcdir : SOURCE_TESTS_DIR, tail, NULL);
}

char *
rtes_test_shared_export (const char *name)
{
  const char *shared = g_getenv ("RTES_SHARED_DIR");
  g_autofree char *path = NULL;

  if (shared == NULL)
    shared = SOURCE_TESTS_DIR "/../../shared";
  path = g_build_filename (shared, "site-export", name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *msg = g_strdup_printf ("%s is absent: shared samples not available", path);
      g_test_skip (msg);
      return NULL;
    }
  return g_steal_pointer (&path);
}

char *
rtes_test_write_export (const char *dir,
                        const char *name,
                        ...)
{
  g_autofree char *source = rtes_test_source_path ("import", "fixtures", "testbourg-export.txt", NULL);
  g_autofree char *text = rtes_test_read_file (source, NULL);
  const char *from;
  va_list args;

  va_start (args, name);
  while ((from = va_arg (args, const char *)) != NULL)
    {
      const char *to = va_arg (args, const char *);
      g_autofree char *line = g_strconcat ("\n", from, "\n", NULL);
      g_autofree char *with = g_strconcat ("\n", to, "\n", NULL);
      g_auto(GStrv) parts = g_strsplit (text, line, 2);

      g_assert_nonnull (parts[1]);
      g_free (text);
      text = g_strjoinv (with, parts);
    }
  va_end (args);
  return rtes_test_write_file (dir, name, text);
}

static void
snapshot_dir (GHashTable *table,
              const char *root,
              const char *relative)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *rel = relative[0] ? g_build_filename (relative, name, NULL) : g_strdup (name);
      g_autofree char *full = g_build_filename (root, rel, NULL);

      GStatBuf st;

      /* Hostile trees hold links, FIFOs and devices: never follow or
       * read them, say what they are. */
      if (g_lstat (full, &st) != 0)
        g_hash_table_insert (table, g_steal_pointer (&rel), g_strdup ("<gone>"));
      else if (S_ISLNK (st.st_mode))
        {
          g_autofree char *target = g_file_read_link (full, NULL);

          g_hash_table_insert (table, g_steal_pointer (&rel), g_strdup_printf ("<link to %s>", target));
        }
      else if (S_ISDIR (st.st_mode))
        {
          g_hash_table_insert (table, g_strconcat (rel, "/", NULL), g_strdup ("<dir>"));
          snapshot_dir (table, root, rel);
        }
      else if (!S_ISREG (st.st_mode))
        g_hash_table_insert (table, g_steal_pointer (&rel), g_strdup ("<special>"));
      else if (st.st_size > 64 * 1024 * 1024)
        g_hash_table_insert (table, g_steal_pointer (&rel),
                             g_strdup_printf ("<%" G_GINT64_FORMAT " bytes, %" G_GINT64_FORMAT ">",
                                              (gint64) st.st_size, (gint64) st.st_mtime));
      else
        {
          char *contents = NULL;

          if (!g_file_get_contents (full, &contents, NULL, NULL))
            contents = g_strdup ("<unreadable>");
          g_hash_table_insert (table, g_steal_pointer (&rel), contents);
        }
    }
}

GHashTable *
rtes_test_snapshot_tree (const char *dir)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  snapshot_dir (table, dir, "");
  return table;
}

void
rtes_test_assert_tree_unchanged (GHashTable *before,
                                 const char *dir)
{
  g_autoptr(GHashTable) after = rtes_test_snapshot_tree (dir);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *now = g_hash_table_lookup (after, key);

      if (now == NULL)
        g_error ("%s/%s was removed", dir, (const char *) key);
      g_assert_cmpstr (now, ==, value);
    }
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (before, key))
      g_error ("%s/%s appeared", dir, (const char *) key);
}

/* ---- running the command line ---- */

void
rtes_test_run_clear (RtesTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  run->status = 0;
}

GPtrArray *
rtes_test_cli_argv (const char *library,
                    va_list     args)
{
  GPtrArray *argv = g_ptr_array_new ();
  const char *cli = g_getenv ("RTES_FICHES_CLI");
  const char *arg;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  if (library != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--library");
      g_ptr_array_add (argv, (gpointer) library);
    }
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);
  return argv;
}

GSubprocessLauncher *
rtes_test_cli_launcher (const RtesTestCli *how,
                        GSubprocessFlags   flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);
  const char *language = how->language ? how->language : "C";

  g_subprocess_launcher_unsetenv (launcher, "RTES_FICHES_TOKEN");
  g_subprocess_launcher_unsetenv (launcher, "http_proxy");
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", language, TRUE);
  if (g_strcmp0 (language, "C") != 0)
    {
      g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
      g_subprocess_launcher_setenv (launcher, "RTES_FICHES_LOCALEDIR", g_getenv ("RTES_TEST_LOCALEDIR"), TRUE);
    }
  /* The CLI's session uses the system proxy settings; the test's isolated
   * XDG folders hide the GNOME proxy schema, which would abort it. */
  g_subprocess_launcher_setenv (launcher, "GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  if (how->token != NULL)
    g_subprocess_launcher_setenv (launcher, "RTES_FICHES_TOKEN", how->token, TRUE);
  for (guint i = 0; how->env != NULL && how->env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (how->env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }
  return launcher;
}

typedef struct {
  RtesTestRun *run;
  GError      *error;
  gboolean     done;
} Communication;

static void
communicate_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Communication *c = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &c->run->out, &c->run->err,
                                        &c->error);
  c->done = TRUE;
}

void
rtes_test_run_cli_va (RtesTestRun       *run,
                      const RtesTestCli *how,
                      const char        *library,
                      va_list            args)
{
  g_autoptr(GPtrArray) argv = rtes_test_cli_argv (library, args);
  g_autoptr(GSubprocessLauncher) launcher = rtes_test_cli_launcher (how, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                         G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  guint first = library != NULL ? 3 : 1;   /* after the program and --library DIR */
  const char *command = first + 1 < argv->len ? g_ptr_array_index (argv, first) : "the CLI";

  for (guint i = 0; how->under != NULL && how->under[i] != NULL; i++)
    g_ptr_array_insert (argv, i, (gpointer) how->under[i]);
  rtes_test_run_clear (run);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  if (how->serve)
    {
      Communication c = { run, NULL, FALSE };

      g_subprocess_communicate_utf8_async (process, NULL, NULL, communicate_cb, &c);
      while (!c.done)
        g_main_context_iteration (NULL, TRUE);
      error = c.error;
    }
  else
    g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process))
    g_error ("%s was killed by signal %d; stderr:\n%.2000s", command,
             g_subprocess_get_term_sig (process), run->err);
  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("%s: exit %d\nstdout: %.2000s\nstderr: %.2000s", command,
                  run->status, run->out, run->err);
}

void
rtes_test_run_cli_with (RtesTestRun       *run,
                        const RtesTestCli *how,
                        const char        *library,
                        ...)
{
  va_list args;

  va_start (args, library);
  rtes_test_run_cli_va (run, how, library, args);
  va_end (args);
}

void
rtes_test_run_cli (RtesTestRun *run,
                   const char  *library,
                   ...)
{
  RtesTestCli how = { 0 };
  va_list args;

  va_start (args, library);
  rtes_test_run_cli_va (run, &how, library, args);
  va_end (args);
}

static void
run_cli_expect_va (RtesTestRun *run,
                   int          status,
                   const char  *library,
                   va_list      args)
{
  RtesTestCli how = { 0 };

  rtes_test_run_cli_va (run, &how, library, args);
  if (run->status != status)
    g_error ("the CLI exited with %d, not %d: %.2000s", run->status, status, run->err);
}

void
rtes_test_assert_cli (const char *library,
                      int         status,
                      const char *in_stderr,
                      ...)
{
  g_auto(RtesTestRun) run = { 0 };
  va_list args;

  va_start (args, in_stderr);
  run_cli_expect_va (&run, status, library, args);
  va_end (args);
  if (in_stderr != NULL && strstr (run.err, in_stderr) == NULL)
    g_error ("“%s” not in the CLI's stderr: %.2000s", in_stderr, run.err);
}

void
rtes_test_run_cli_expect (RtesTestRun *run,
                          int          status,
                          const char  *library,
                          ...)
{
  va_list args;

  va_start (args, library);
  run_cli_expect_va (run, status, library, args);
  va_end (args);
}

/* ---- fiches in a library folder ---- */

char *
rtes_test_fiche_path (const char *dir,
                      const char *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);

  return g_build_filename (dir, name, NULL);
}

static GFile *
fiche_file (const char *dir,
            const char *id)
{
  g_autofree char *path = rtes_test_fiche_path (dir, id);

  return g_file_new_for_path (path);
}

RtesFiche *
rtes_test_load_fiche (const char *dir,
                      const char *id)
{
  g_autoptr(GFile) file = fiche_file (dir, id);
  g_autoptr(GError) error = NULL;
  RtesFiche *fiche = rtes_fiche_load (file, &error);

  g_assert_no_error (error);
  return fiche;
}

void
rtes_test_save_fiche (const char *dir,
                      RtesFiche  *fiche)
{
  g_autoptr(GFile) file = fiche_file (dir, rtes_fiche_get_id (fiche));
  g_autoptr(GError) error = NULL;

  rtes_fiche_save (fiche, file, &error);
  g_assert_no_error (error);
}

void
rtes_test_edit_fiche (const char *dir,
                      const char *id,
                      const char *property,
                      const char *value)
{
  g_autoptr(RtesFiche) fiche = rtes_test_load_fiche (dir, id);

  g_object_set (fiche, property, value, NULL);
  rtes_test_save_fiche (dir, fiche);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

char *
rtes_test_fiche_json (const char *id,
                      const char *name,
                      const char *panorama,
                      const char *programme)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_string_member (builder, "format", "rtes-fiche");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  add_string_member (builder, "id", id);
  add_string_member (builder, "name", name);
  add_string_member (builder, "status", "published");
  add_string_member (builder, "panorama", panorama);
  add_string_member (builder, "programme", programme);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

void
rtes_test_assert_contains (const char *haystack,
                           const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in “%.2000s”", needle, haystack);
}
