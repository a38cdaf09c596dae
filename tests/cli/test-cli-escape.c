/* test-cli-escape.c: rtes_cli_escape(), the CLI's one output filter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-cli.h"
#include "rtes-test-util.h"

static void
assert_escape (const char         *text,
               gssize              length,
               RtesCliEscapeFlags  flags,
               const char         *expected)
{
  g_autofree char *escaped = rtes_cli_escape (text, length, flags);

  g_assert_cmpstr (escaped, ==, expected);
  g_assert_true (g_utf8_validate (escaped, -1, NULL));
}

static void
test_controls (void)
{
  assert_escape ("Évry « cité » 😀", -1, RTES_CLI_ESCAPE_TEXT, "Évry « cité » 😀");
  assert_escape ("a\x1b[2Jb", -1, RTES_CLI_ESCAPE_TEXT, "a\\u001b[2Jb");
  assert_escape ("t\x1b]0;x\x07", -1, RTES_CLI_ESCAPE_TEXT, "t\\u001b]0;x\\u0007");
  assert_escape ("\r\b\x7f", -1, RTES_CLI_ESCAPE_TEXT, "\\u000d\\u0008\\u007f");
  /* C1: U+009B is a CSI on its own. */
  assert_escape ("\xc2\x9b" "31m\xc2\x85", -1, RTES_CLI_ESCAPE_TEXT, "\\u009b31m\\u0085");
  assert_escape ("a\nb\tc", -1, RTES_CLI_ESCAPE_TEXT, "a\nb\tc");
  assert_escape ("a\nb\tc", -1, RTES_CLI_ESCAPE_FIELD, "a\\u000ab\\u0009c");
  /* NUL inside the given length. */
  assert_escape ("a\0b", 3, RTES_CLI_ESCAPE_TEXT, "a\\u0000b");
  assert_escape (NULL, -1, RTES_CLI_ESCAPE_TEXT, "");
}

static void
test_reordering (void)
{
  /* Bidi embeddings, overrides, isolates and marks. */
  assert_escape ("\xe2\x80\xaegnp.exe", -1, RTES_CLI_ESCAPE_TEXT, "\\u202egnp.exe");
  assert_escape ("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad", -1, RTES_CLI_ESCAPE_TEXT,
                 "\\u202a\\u202b\\u202c\\u202d");
  assert_escape ("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9", -1, RTES_CLI_ESCAPE_TEXT,
                 "\\u2066\\u2067\\u2068\\u2069");
  assert_escape ("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", -1, RTES_CLI_ESCAPE_TEXT,
                 "\\u200e\\u200f\\u061c");
  /* Line and paragraph separators, tag characters. */
  assert_escape ("\xe2\x80\xa8\xe2\x80\xa9", -1, RTES_CLI_ESCAPE_TEXT, "\\u2028\\u2029");
  assert_escape ("\xf3\xa0\x80\x81", -1, RTES_CLI_ESCAPE_TEXT, "\\U000e0001");
  /* Other format characters stay: joiners make emoji and words. */
  assert_escape ("👩\xe2\x80\x8d💻", -1, RTES_CLI_ESCAPE_TEXT, "👩\xe2\x80\x8d💻");
}

static void
test_bytes (void)
{
  assert_escape ("a\xff" "b", -1, RTES_CLI_ESCAPE_TEXT, "a\\xffb");
  /* A truncated sequence, and an encoded surrogate. */
  assert_escape ("\xc3", -1, RTES_CLI_ESCAPE_TEXT, "\\xc3");
  assert_escape ("\xed\xa0\x80", -1, RTES_CLI_ESCAPE_TEXT, "\\xed\\xa0\\x80");
  /* An ESC hidden in an overlong encoding is not decoded. */
  assert_escape ("\xc0\x9b", -1, RTES_CLI_ESCAPE_TEXT, "\\xc0\\x9b");
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/cli/escape/controls", test_controls);
  g_test_add_func ("/cli/escape/reordering", test_reordering);
  g_test_add_func ("/cli/escape/bytes", test_bytes);

  return g_test_run ();
}
