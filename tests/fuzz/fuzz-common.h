/* fuzz-common.h: what every libFuzzer target of tests/fuzz shares
 *
 * libFuzzer hands a target bytes that are not NUL-terminated; the readers
 * under test take (data, length), but the text functions take C strings,
 * so fuzz_strndup() gives them a terminated copy (an embedded NUL ends the
 * string, as it would for any caller).
 *
 * A critical or a warning from GLib means a g_return_if_fail() failed or
 * some code broke a contract: the log writer turns both into an abort, so
 * the fuzzer keeps the input as a crash. Debug and info messages are
 * dropped to keep the fuzzer's output readable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static inline GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

static inline void
fuzz_init (void)
{
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
}

/* Each target is a program of its own that includes this header once, so
 * the header can give them the initializer most need; a target that needs
 * more defines FUZZ_OWN_INITIALIZE first and calls fuzz_init() itself. */
#ifndef FUZZ_OWN_INITIALIZE
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}
#endif

static inline char *
fuzz_strndup (const uint8_t *data,
              size_t         size)
{
  return g_strndup ((const char *) data, size);
}
