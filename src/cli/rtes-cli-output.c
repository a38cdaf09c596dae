/* rtes-cli-output.c: nothing the CLI prints can drive the terminal
 *
 * Names, addresses, file names, messages from the site and error messages
 * are outside text: an escape sequence in one would move the cursor, clear
 * the screen, set the window's title or answer back, and a bidi override
 * would make a line read differently from what it holds. Every g_print()
 * and g_printerr() of the CLI goes through the handlers that
 * rtes_cli_output_init() installs, which pass the text through
 * rtes_cli_escape(): what could act on a terminal is written as a visible
 * escape ("\u001b", "\u202e", "\xff") instead. The CLI's own layout ("\n"
 * and "\t") stays; a value printed inside a line (list's columns, the
 * conflicts) is escaped with RTES_CLI_ESCAPE_FIELD first, so that it cannot
 * break the line either. The one control sequence the CLI means to send,
 * the export's progress line, goes through rtes_cli_terminal_control().
 *
 * The escapes read like JSON's, so `show --json` stays valid JSON with the
 * same values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "rtes-cli.h"

/* Code points a terminal may act on, or that change how a line reads. */
static gboolean
is_dangerous (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c < 0xa0) ||        /* C0, DEL, C1 */
         c == 0x061c || c == 0x200e || c == 0x200f ||   /* bidi marks */
         (c >= 0x202a && c <= 0x202e) ||                /* bidi embeddings, overrides */
         (c >= 0x2066 && c <= 0x2069) ||                /* bidi isolates */
         c == 0x2028 || c == 0x2029 ||                  /* line and paragraph separators */
         (c >= 0xe0000 && c <= 0xe007f);                /* invisible tag characters */
}

void
rtes_cli_escape_append (GString            *out,
                        const char         *text,
                        gssize              length,
                        RtesCliEscapeFlags  flags)
{
  const char *p, *end;

  if (text == NULL)
    return;
  if (length < 0)
    length = strlen (text);

  p = text;
  end = text + length;
  while (p < end)
    {
      const char *run = p;
      gunichar c;

      /* Printable ASCII, most of any text, goes in runs. */
      while (p < end && (guchar) *p >= 0x20 && (guchar) *p < 0x7f)
        p++;
      if (p > run)
        {
          g_string_append_len (out, run, p - run);
          continue;
        }
      /* GLib reports a NUL inside the length as a partial character. */
      c = *p == '\0' ? 0 : g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8: the byte's value, never the byte. */
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if ((c == '\n' || c == '\t') && !(flags & RTES_CLI_ESCAPE_FIELD))
        g_string_append_c (out, (char) c);
      else if (is_dangerous (c))
        g_string_append_printf (out, c > 0xffff ? "\\U%08x" : "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
}

char *
rtes_cli_escape (const char         *text,
                 gssize              length,
                 RtesCliEscapeFlags  flags)
{
  GString *out = g_string_sized_new (text != NULL && length < 0 ? strlen (text) : MAX (length, 0));

  rtes_cli_escape_append (out, text, length, flags);
  return g_string_free (out, FALSE);
}

/* Writes @escaped, which rtes_cli_escape() made. */
static void
write_text (FILE       *stream,
            const char *escaped,
            gsize       length)
{
  const char *charset;

  /* What GLib's own handlers do: UTF-8 as it is, else the locale's
   * charset with "?" for what it lacks. */
  if (g_get_console_charset (&charset))
    fwrite (escaped, 1, length, stream);
  else
    {
      g_autofree char *converted = g_convert_with_fallback (escaped, length, charset, "UTF-8",
                                                            "?", NULL, NULL, NULL);

      if (converted != NULL)
        fputs (converted, stream);
      else
        fwrite (escaped, 1, length, stream);
    }
  fflush (stream);
}

static void
write_escaped (FILE       *stream,
               const char *string)
{
  g_autofree char *escaped = rtes_cli_escape (string, -1, RTES_CLI_ESCAPE_TEXT);

  write_text (stream, escaped, strlen (escaped));
}

void
rtes_cli_print_escaped (GString *escaped)
{
  write_text (stdout, escaped->str, escaped->len);
}

static void
print_escaped (const char *string)
{
  write_escaped (stdout, string);
}

static void
printerr_escaped (const char *string)
{
  write_escaped (stderr, string);
}

void
rtes_cli_output_init (void)
{
  g_set_print_handler (print_escaped);
  g_set_printerr_handler (printerr_escaped);
}

void
rtes_cli_terminal_control (const char *sequence)
{
  fputs (sequence, stderr);
  fflush (stderr);
}
