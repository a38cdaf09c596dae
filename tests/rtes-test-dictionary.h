/* rtes-test-dictionary.h: skip the spelling tests without a French dictionary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The spelling check needs the French hunspell dictionary (Debian:
 * hunspell-fr, which tools/test installs). A machine without it is not a
 * broken build: the tests that need the dictionary skip, saying why,
 * and the rest still run.
 *
 *   RTES_TEST_ADD_SPELLING ("/review/spelling/x", test_x);
 *   RTES_TEST_ADD_SPELLING_F ("/gui/review/y", Fixture, setup, test_y, teardown);
 *
 * Header only: for test programs that link rtes_review_dep (the gui
 * suite does, through rtes_gui_dep).
 */
#pragma once

#include <glib.h>

#include "rtes-speller.h"

/* Why the spelling tests skip, or NULL when the French dictionary loads.
 * Asked once per test program. */
static inline const char *
rtes_test_no_french_dictionary (void)
{
  static char *reason;
  static gsize once;

  if (g_once_init_enter (&once))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RtesSpeller) speller = rtes_speller_new ("fr", &error);

      if (speller == NULL)
        reason = g_strdup_printf ("Needs the French spelling dictionary: %s",
                                  error->message);
      g_once_init_leave (&once, 1);
    }
  return reason;
}

static inline void
rtes_test_skip_spelling (void)
{
  g_test_skip (rtes_test_no_french_dictionary ());
}

#define RTES_TEST_ADD_SPELLING(path, func)                              \
  G_STMT_START {                                                        \
    if (rtes_test_no_french_dictionary () != NULL)                      \
      g_test_add_func ((path), rtes_test_skip_spelling);                \
    else                                                                \
      g_test_add_func ((path), (func));                                 \
  } G_STMT_END

#define RTES_TEST_ADD_SPELLING_F(path, Fixture, setup, func, teardown)  \
  G_STMT_START {                                                        \
    if (rtes_test_no_french_dictionary () != NULL)                      \
      g_test_add_func ((path), rtes_test_skip_spelling);                \
    else                                                                \
      g_test_add ((path), Fixture, NULL, (setup), (func), (teardown));  \
  } G_STMT_END
