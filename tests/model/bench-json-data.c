/* bench-json-data.c: the documents bench-json parses, with GLib only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bench-json-data.h"

#include <string.h>

#define FICHE_FORMAT \
  "{\n" \
  "  \"format\": \"rtes-fiche\",\n" \
  "  \"version\": 1,\n" \
  "  \"id\": \"commune-%05u\",\n" \
  "  \"name\": \"Commune n° %u de l’Économie Solidaire\",\n" \
  "  \"status\": \"published\",\n" \
  "  \"kind\": \"commune\",\n" \
  "  \"region\": null,\n" \
  "  \"population\": %u,\n" \
  "  \"population_note\": \"\",\n" \
  "  \"member_since\": 2012,\n" \
  "  \"updated\": \"2026-11-20\",\n" \
  "  \"address\": {\n" \
  "    \"lines\": [\n" \
  "      \"%u rue de la Coopération\"\n" \
  "    ],\n" \
  "    \"postcode\": \"25000\",\n" \
  "    \"city\": \"%s\",\n" \
  "    \"country\": \"France\"\n" \
  "  },\n" \
  "  \"panorama\": \"%s\",\n" \
  "  \"budget\": {\n" \
  "    \"text\": \"\",\n" \
  "    \"lines\": [\n" \
  "      {\n" \
  "        \"amount\": 29000,\n" \
  "        \"section\": \"fonctionnement\",\n" \
  "        \"year\": 2024,\n" \
  "        \"forecast\": false,\n" \
  "        \"label\": \"Soutien aux structures\"\n" \
  "      },\n" \
  "      {\n" \
  "        \"amount\": 6100000.5,\n" \
  "        \"section\": null,\n" \
  "        \"year\": null,\n" \
  "        \"forecast\": true,\n" \
  "        \"label\": \"\"\n" \
  "      }\n" \
  "    ]\n" \
  "  },\n" \
  "  \"programme\": \"%s\",\n" \
  "  \"actions\": \"%s\",\n" \
  "  \"contacts\": [\n" \
  "%s" \
  "  ],\n" \
  "  \"tags\": [\n" \
  "    \"iae\",\n" \
  "    \"circuits-courts\"\n" \
  "  ]\n" \
  "}\n"

char *
bench_json_fiche (guint i)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) contacts = g_string_new (NULL);

  for (guint p = 0; p < 20; p++)
    g_string_append (text, "La collectivité soutient les acteurs de l’ESS du territoire.\\n");
  for (guint c = 0; c < 3; c++)
    g_string_append_printf (contacts,
                            "    {\n"
                            "      \"role\": \"Élu référent\",\n"
                            "      \"category\": \"elu\",\n"
                            "      \"name\": \"Personne %u-%u\",\n"
                            "      \"title\": \"Vice-président\",\n"
                            "      \"service\": \"\",\n"
                            "      \"email\": \"personne%u@example.org\",\n"
                            "      \"phone\": \"03 81 00 00 00\",\n"
                            "      \"rtes_board\": %s\n"
                            "    }%s\n",
                            i, c, c, c == 0 ? "true" : "false", c < 2 ? "," : "");
  return g_strdup_printf (FICHE_FORMAT, i, i, 1000 + i, i, i % 2 ? "Besançon" : "Dijon",
                          text->str, text->str, text->str, contacts->str);
}

GString *
bench_json_export (guint n)
{
  GString *export = g_string_new ("{\"format\": \"rtes-site-export\", \"version\": 1, \"fiches\": [\n");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *fiche = bench_json_fiche (i);
      gsize length = strlen (fiche);

      /* Without the closing "}\n": the revision goes in. */
      g_string_append_len (export, fiche, length - 2);
      g_string_append_printf (export, ",\n  \"revision\": \"%u\"\n}%s", i, i + 1 < n ? ",\n" : "\n");
    }
  g_string_append (export, "]}\n");
  return export;
}

void
bench_json_run (const char     *name,
                BenchJsonParse  parse,
                guint           n)
{
  g_autoptr(GPtrArray) fiches = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) export = bench_json_export (n);
  gsize total = 0;
  double each, whole;
  gint64 start;

  for (guint i = 0; i < n; i++)
    {
      char *fiche = bench_json_fiche (i);

      total += strlen (fiche);
      g_ptr_array_add (fiches, fiche);
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      const char *fiche = g_ptr_array_index (fiches, i);

      if (!parse (fiche, strlen (fiche), FALSE))
        g_error ("%s refused fiche %u", name, i);
    }
  each = (g_get_monotonic_time () - start) / 1e6;

  start = g_get_monotonic_time ();
  if (!parse (export->str, export->len, TRUE))
    g_error ("%s refused the export", name);
  whole = (g_get_monotonic_time () - start) / 1e6;

  g_print ("%-28s %u fiches (%.1f MB): %6.3f s, %4.0f MB/s   export (%.1f MB): %6.3f s, %4.0f MB/s\n",
           name, n, total / 1e6, each, total / 1e6 / each, export->len / 1e6, whole,
           export->len / 1e6 / whole);
}
