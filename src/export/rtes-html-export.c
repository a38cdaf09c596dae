/* rtes-html-export.c: fiche pages, the index and the folder export
 *
 * Pages are built with a GString and two rules: every value from a fiche
 * goes through append_text() (sanitized, then escaped), and fiche text
 * goes through rtes_fiche_text_to_html(), which escapes too. Nothing from
 * a fiche is ever written to the output unescaped. Attribute values are
 * fixed strings, except href (checked by rtes_uri_is_safe(), or a page
 * name made from a valid id) and id (a slug).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "rtes-fiche-text.h"
#include "rtes-html-export.h"
#include "rtes-text.h"

#define INDEX_NAME "index.html"

/* Screen and print in one sheet, with literal colours rather than custom
 * properties: some renderers (WeasyPrint, older mail clients) drop a
 * shorthand such as "border" that uses var(). The print rules make a page print as a
 * clean A4 document: no background, no back link, headings kept with what
 * follows, table rows and contacts never split. */
static const char stylesheet[] =
  "*{box-sizing:border-box}\n"
  "html{-webkit-text-size-adjust:100%}\n"
  "body{margin:0;background:#f3f5f6;color:#1d2427;"
  "font-family:Cantarell,\"Source Sans Pro\",\"Segoe UI\",Roboto,\"DejaVu Sans\",Arial,sans-serif;"
  "font-size:1rem;line-height:1.55}\n"
  "main{max-width:54rem;margin:2rem auto;padding:2.5rem 3rem;background:#fff;"
  "border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.08)}\n"
  "a{color:#1c5fa8;overflow-wrap:anywhere}\n"
  "nav.back{margin:0 0 1.5rem;font-size:.9rem}\n"
  ".network{margin:0 0 .4rem;color:#0b6e4f;font-size:.75rem;font-weight:700;"
  "letter-spacing:.06em;text-transform:uppercase}\n"
  "header.fiche-header{border-bottom:3px solid #0b6e4f;padding-bottom:1rem;margin-bottom:1.5rem}\n"
  "h1{margin:0 0 .4rem;font-size:2rem;line-height:1.2}\n"
  "h2{margin:2rem 0 .75rem;padding-bottom:.3rem;border-bottom:1px solid #d5dde1;"
  "color:#0b6e4f;font-size:1.25rem;line-height:1.3}\n"
  "h3{margin:1.25rem 0 .5rem;font-size:1.05rem}\n"
  ".updated{margin:0;color:#56636a;font-size:.9rem}\n"
  ".draft-banner{display:inline-block;margin:.6rem 0 0;padding:.2rem .7rem;border:1px solid #e0a93b;"
  "border-radius:4px;background:#fdf1d8;color:#6d4300;font-weight:700}\n"
  "article.draft{background-image:repeating-linear-gradient(135deg,transparent 0 40px,rgba(224,169,59,.05) 40px 80px)}\n"
  "ul,ol{padding-left:1.6rem}\n"
  "li{margin:.2rem 0}\n"
  "table.budget{width:100%;margin:1rem 0;border-collapse:collapse;font-size:.95rem}\n"
  "table.budget th,table.budget td{padding:.45rem .6rem;border-bottom:1px solid #d5dde1;"
  "text-align:left;vertical-align:top}\n"
  "table.budget thead th{border-bottom:2px solid #0b6e4f;color:#56636a;font-size:.85rem}\n"
  "table.budget .amount{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums;font-weight:700}\n"
  "dl.identity{display:grid;grid-template-columns:minmax(10rem,16rem) 1fr;gap:.5rem 1.25rem;"
  "margin:2rem 0 0;padding:1.25rem 1.5rem;border-radius:6px;background:#e6f2ed}\n"
  "dl.identity dt{color:#56636a;font-weight:700}\n"
  "dl.identity dd{margin:0}\n"
  "ul.contacts{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:1rem;"
  "margin:0;padding:0;list-style:none}\n"
  "li.contact{margin:0;padding:.8rem 1rem;border:1px solid #d5dde1;border-radius:6px}\n"
  "li.contact p{margin:0}\n"
  "li.contact .role{color:#56636a;font-size:.85rem;font-weight:700}\n"
  "li.contact .name{font-weight:700}\n"
  "li.contact .board{display:inline-block;margin-top:.4rem;padding:0 .5rem;border-radius:3px;"
  "background:#e6f2ed;color:#0b6e4f;font-size:.8rem;font-weight:700}\n"
  "footer{margin-top:2.5rem;padding-top:.75rem;border-top:1px solid #d5dde1;color:#56636a;font-size:.85rem}\n"
  "nav.toc ul{columns:2;list-style:none;padding:0}\n"
  "ul.fiches{padding-left:1.2rem}\n"
  ".tag{margin-left:.4rem;padding:0 .4rem;border-radius:3px;background:#fdf1d8;color:#6d4300;font-size:.8rem}\n"
  ".city{color:#56636a}\n"
  "@media (max-width:40rem){main{margin:0;padding:1.25rem;border-radius:0}"
  "dl.identity{grid-template-columns:1fr}dl.identity dd{margin-bottom:.5rem}nav.toc ul{columns:1}}\n"
  "@media print{@page{size:A4;margin:18mm 16mm}"
  "body{background:none;font-size:10.5pt}"
  "main{max-width:none;margin:0;padding:0;box-shadow:none}"
  "nav.back{display:none}"
  "a{color:inherit}"
  "article.draft{background:none}"
  "h1,h2,h3{break-after:avoid;page-break-after:avoid}"
  "tr,li.contact,dl.identity{break-inside:avoid;page-break-inside:avoid}"
  "p{orphans:3;widows:3}"
  "section.index-region{break-before:auto}}\n";

/* ---- building blocks ------------------------------------------------------ */

static void
append_text (GString    *out,
             const char *value)
{
  g_autofree char *clean = rtes_text_sanitize (value);
  g_autofree char *escaped = rtes_html_escape (clean);

  g_string_append (out, escaped);
}

static void
append_wrapped (GString    *out,
                const char *open,
                const char *value,
                const char *close)
{
  g_string_append (out, open);
  append_text (out, value);
  g_string_append (out, close);
}

static void
append_element (GString    *out,
                const char *tag,
                const char *klass,
                const char *value)
{
  g_string_append_printf (out, "<%s class=\"%s\">", tag, klass);
  append_text (out, value);
  g_string_append_printf (out, "</%s>\n", tag);
}

static void
append_head (GString    *out,
             const char *title)
{
  g_string_append (out,
                   "<!DOCTYPE html>\n"
                   "<html lang=\"fr\">\n"
                   "<head>\n"
                   "<meta charset=\"utf-8\" />\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
                   "<meta name=\"generator\" content=\"Fiches RTES\" />\n");
  append_wrapped (out, "<title>", title, "</title>\n<style>\n");
  g_string_append (out, stylesheet);
  g_string_append (out, "</style>\n</head>\n<body>\n<main>\n");
}

static void
append_foot (GString    *out,
             const char *export_date)
{
  g_autofree char *today = export_date == NULL ? rtes_format_today () : NULL;

  append_wrapped (out, "<footer><p>", RTES_EXPORT_NETWORK_NAME, " — document exporté le ");
  append_wrapped (out, "", export_date != NULL ? export_date : today,
                  ".</p></footer>\n</main>\n</body>\n</html>\n");
}

/* ---- one fiche ------------------------------------------------------------ */

static void
append_budget_table (GString   *out,
                     RtesFiche *fiche)
{
  GListModel *lines = G_LIST_MODEL (rtes_fiche_get_budget_lines (fiche));
  guint n = g_list_model_get_n_items (lines);
  guint i;

  if (n == 0)
    return;

  g_string_append (out,
                   "<table class=\"budget\">\n"
                   "<thead><tr><th class=\"amount\" scope=\"col\">Montant</th>"
                   "<th scope=\"col\">Section</th><th scope=\"col\">Année</th>"
                   "<th scope=\"col\">Libellé</th></tr></thead>\n"
                   "<tbody>\n");
  for (i = 0; i < n; i++)
    {
      g_autoptr(RtesBudgetLine) line = g_list_model_get_item (lines, i);
      g_autofree char *amount = rtes_french_euros (rtes_budget_line_get_amount (line));
      g_autofree char *section = rtes_export_budget_section (line);
      g_autofree char *year = rtes_export_budget_year (line);

      append_wrapped (out, "<tr><td class=\"amount\">", amount, "</td>");
      append_wrapped (out, "<td>", section, "</td>");
      append_wrapped (out, "<td>", year, "</td>");
      append_wrapped (out, "<td>", rtes_budget_line_get_label (line), "</td></tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n");
}

static void
append_sections (GString   *out,
                 RtesFiche *fiche)
{
  static const char *classes[] = { "panorama", "budget", "programme", "actions" };
  int s;

  for (s = 0; s < RTES_EXPORT_N_SECTIONS; s++)
    {
      g_autofree char *body = NULL;

      if (!rtes_export_section_present (fiche, s))
        continue;

      body = rtes_fiche_text_to_html (rtes_export_section_text (fiche, s));
      g_string_append_printf (out, "<section class=\"%s\">\n", classes[s]);
      append_wrapped (out, "<h2>", rtes_export_section_heading (s), "</h2>\n");
      g_string_append (out, body);
      if (s == RTES_EXPORT_BUDGET)
        append_budget_table (out, fiche);
      g_string_append (out, "</section>\n");
    }
}

static void
append_identity (GString   *out,
                 RtesFiche *fiche)
{
  g_autoptr(GPtrArray) fields = rtes_export_identity (fiche);
  guint i, j;

  if (fields->len == 0)
    return;

  g_string_append (out, "<dl class=\"identity\">\n");
  for (i = 0; i < fields->len; i++)
    {
      RtesExportField *field = g_ptr_array_index (fields, i);

      append_wrapped (out, "<dt>", field->label, "</dt>\n<dd>");
      for (j = 0; field->lines[j] != NULL; j++)
        {
          if (j > 0)
            g_string_append (out, "<br />");
          append_text (out, field->lines[j]);
        }
      g_string_append (out, "</dd>\n");
    }
  g_string_append (out, "</dl>\n");
}

static void
append_contact (GString     *out,
                RtesContact *contact)
{
  static const struct { const char *klass; const char *(*get) (RtesContact *); } fields[] = {
    { "role", rtes_contact_get_role }, { "name", rtes_contact_get_name },
    { "title", rtes_contact_get_title }, { "service", rtes_contact_get_service },
    { "email", rtes_contact_get_email }, { "phone", rtes_contact_get_phone },
  };

  g_string_append (out, "<li class=\"contact\">\n");
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *value = fields[i].get (contact);
      g_autofree char *uri = NULL;
      g_autofree char *href = NULL;

      if (rtes_text_is_blank (value))
        continue;
      /* An e-mail address is a link when it makes a safe mailto: URI. */
      if (fields[i].get == rtes_contact_get_email)
        uri = rtes_export_mailto (value);
      if (uri == NULL)
        {
          append_element (out, "p", fields[i].klass, value);
          continue;
        }
      href = rtes_html_escape (uri);
      g_string_append_printf (out, "<p class=\"email\"><a href=\"%s\">", href);
      append_wrapped (out, "", uri + strlen ("mailto:"), "</a></p>\n");
    }
  if (rtes_contact_get_rtes_board (contact))
    append_element (out, "p", "board", RTES_EXPORT_LABEL_BOARD);
  g_string_append (out, "</li>\n");
}

static void
append_contacts (GString   *out,
                 RtesFiche *fiche)
{
  GListModel *contacts = G_LIST_MODEL (rtes_fiche_get_contacts (fiche));
  guint n = g_list_model_get_n_items (contacts);
  guint i;

  if (n == 0)
    return;

  append_wrapped (out, "<section class=\"contact-public\">\n<h2>", RTES_EXPORT_LABEL_CONTACTS,
                  "</h2>\n<ul class=\"contacts\">\n");
  for (i = 0; i < n; i++)
    {
      g_autoptr(RtesContact) contact = g_list_model_get_item (contacts, i);
      append_contact (out, contact);
    }
  g_string_append (out, "</ul>\n</section>\n");
}

char *
rtes_html_render_fiche (RtesFiche  *fiche,
                        const char *index_href,
                        const char *export_date)
{
  GString *out;
  g_autofree char *title = NULL;
  gboolean draft;

  g_return_val_if_fail (RTES_IS_FICHE (fiche), NULL);

  out = g_string_new (NULL);
  title = g_strconcat (rtes_fiche_get_name (fiche), " — Fiche adhérent du RTES", NULL);
  draft = rtes_fiche_is_draft (fiche);
  append_head (out, title);
  if (index_href != NULL)
    {
      g_autofree char *href = rtes_html_escape (index_href);
      g_string_append_printf (out, "<nav class=\"back\"><a href=\"%s\">← Toutes les fiches</a></nav>\n", href);
    }

  g_string_append_printf (out, "<article class=\"%s\">\n<header class=\"fiche-header\">\n",
                          draft ? "fiche draft" : "fiche");
  append_element (out, "p", "network", RTES_EXPORT_NETWORK_NAME);
  append_wrapped (out, "<h1>", rtes_fiche_get_name (fiche), "</h1>\n");
  if (rtes_fiche_get_updated (fiche) != NULL)
    {
      g_autofree char *line = rtes_export_updated_line (fiche);

      append_element (out, "p", "updated", line);
    }
  if (draft)
    append_element (out, "p", "draft-banner", RTES_EXPORT_LABEL_DRAFT);
  g_string_append (out, "</header>\n");

  append_sections (out, fiche);
  append_identity (out, fiche);
  append_contacts (out, fiche);

  g_string_append (out, "</article>\n");
  append_foot (out, export_date);
  return g_string_free (out, FALSE);
}

/* ---- the index ---------------------------------------------------------- */

char *
rtes_html_page_name (RtesFiche *fiche)
{
  return g_strconcat (rtes_fiche_get_id (fiche), ".html", NULL);
}

/* Anchors are slugs of the labels, made unique ("-2"…): two labels the
 * vocabulary does not know may fold to the same slug. @anchors maps each
 * label (or "région\nkind") to its anchor, so that the table of régions
 * and the sections agree. */
static const char *
anchor_for (GHashTable *anchors,
            const char *key,
            const char *prefix,
            const char *label)
{
  const char *anchor = g_hash_table_lookup (anchors, key);
  g_autofree char *clean = NULL;
  g_autofree char *slug = NULL;
  char *candidate;
  guint n;

  if (anchor != NULL)
    return anchor;

  clean = rtes_text_sanitize (label);
  slug = rtes_id_from_name (clean);
  candidate = prefix != NULL ? g_strconcat (prefix, "--", slug, NULL) : g_strdup (slug);
  for (n = 2; g_hash_table_contains (anchors, candidate); n++)
    {
      g_free (candidate);
      candidate = prefix != NULL ? g_strdup_printf ("%s--%s-%u", prefix, slug, n)
                                 : g_strdup_printf ("%s-%u", slug, n);
    }
  /* Anchors are also keys, so a later label cannot take one. */
  g_hash_table_insert (anchors, g_strdup (candidate), g_strdup (candidate));
  g_hash_table_insert (anchors, g_strdup (key), candidate);
  return candidate;
}

static const char *
region_anchor (GHashTable *anchors,
               const char *region_label)
{
  g_autofree char *key = g_strconcat ("région\n", region_label, NULL);

  return anchor_for (anchors, key, NULL, region_label);
}

static const char *
kind_anchor (GHashTable *anchors,
             const char *region_label,
             const char *kind_label)
{
  g_autofree char *key = g_strconcat ("kind\n", region_label, "\n", kind_label, NULL);

  return anchor_for (anchors, key, region_anchor (anchors, region_label), kind_label);
}

char *
rtes_html_render_index (GPtrArray  *fiches,
                        const char *export_date)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GHashTable) anchors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *region = NULL;
  const char *kind = NULL;
  guint i;

  append_head (out, "Fiches adhérents du RTES");
  g_string_append (out, "<header class=\"fiche-header\">\n");
  append_element (out, "p", "network", RTES_EXPORT_NETWORK_NAME);
  g_string_append (out, "<h1>Fiches adhérents</h1>\n");
  {
    g_autofree char *count = g_strdup_printf ("%u fiche%s", fiches->len,
                                              fiches->len > 1 ? "s" : "");
    append_element (out, "p", "updated", count);
  }
  g_string_append (out, "</header>\n");

  /* The table of régions, linking to their anchors. */
  g_string_append (out, "<nav class=\"toc\" aria-label=\"Régions\">\n<ul>\n");
  for (i = 0; i < fiches->len; i++)
    {
      RtesFiche *fiche = g_ptr_array_index (fiches, i);
      const char *label = rtes_export_region_label (fiche);

      if (g_strcmp0 (label, region) != 0)
        {
          region = label;
          g_string_append_printf (out, "<li><a href=\"#%s\">", region_anchor (anchors, label));
          append_text (out, label);
          g_string_append (out, "</a></li>\n");
        }
    }
  g_string_append (out, "</ul>\n</nav>\n");

  region = NULL;
  for (i = 0; i < fiches->len; i++)
    {
      RtesFiche *fiche = g_ptr_array_index (fiches, i);
      const char *region_label = rtes_export_region_label (fiche);
      const char *kind_label = rtes_export_kind_label (fiche);
      g_autofree char *page = rtes_html_page_name (fiche);
      gboolean new_region = g_strcmp0 (region_label, region) != 0;

      if (new_region || g_strcmp0 (kind_label, kind) != 0)
        {
          if (region != NULL)
            g_string_append (out, "</ul>\n");
          if (new_region)
            {
              if (region != NULL)
                g_string_append (out, "</section>\n");
              g_string_append_printf (out, "<section class=\"index-region\" id=\"%s\">\n",
                                      region_anchor (anchors, region_label));
              append_wrapped (out, "<h2>", region_label, "</h2>\n");
            }
          g_string_append_printf (out, "<h3 id=\"%s\">", kind_anchor (anchors, region_label, kind_label));
          append_text (out, kind_label);
          g_string_append (out, "</h3>\n<ul class=\"fiches\">\n");
          region = region_label;
          kind = kind_label;
        }

      g_string_append_printf (out, "<li><a href=\"%s\">", page);
      append_text (out, rtes_fiche_get_name (fiche));
      g_string_append (out, "</a>");
      if (!rtes_text_is_blank (rtes_fiche_get_city (fiche)))
        append_wrapped (out, " <span class=\"city\">— ", rtes_fiche_get_city (fiche), "</span>");
      if (rtes_fiche_is_draft (fiche))
        {
          g_string_append_c (out, ' ');
          append_element (out, "span", "tag", "en cours de rédaction");
        }
      g_string_append (out, "</li>\n");
    }
  if (region != NULL)
    g_string_append (out, "</ul>\n</section>\n");
  else
    g_string_append (out, "<p>Aucune fiche.</p>\n");

  append_foot (out, export_date);
  return g_string_free (out, FALSE);
}

/* ---- the folder ------------------------------------------------------- */

/* Removes a folder that holds only files, as exports do. */
static void
remove_flat_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

/* An existing target may be replaced if it is empty or looks like an
 * earlier export: only .html files, one of them index.html. Anything else
 * may be someone's documents, which an export must not delete. */
static gboolean
check_target (const char  *path,
              gboolean    *exists,
              GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean has_index = FALSE;
  gboolean only_html = TRUE;
  guint count = 0;
  const char *name;

  *exists = g_file_test (path, G_FILE_TEST_EXISTS) ||
            g_file_test (path, G_FILE_TEST_IS_SYMLINK);
  if (!*exists)
    return TRUE;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_TARGET,
                   _("%s exists and is not a folder"), path);
      return FALSE;
    }

  dir = g_dir_open (path, 0, &local_error);
  if (dir == NULL)
    {
      g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_TARGET,
                   "%s", local_error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      count++;
      if (g_strcmp0 (name, INDEX_NAME) == 0)
        has_index = TRUE;
      if (!g_str_has_suffix (name, ".html") ||
          !g_file_test (child, G_FILE_TEST_IS_REGULAR) ||
          g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        only_html = FALSE;
    }

  if (count > 0 && !(has_index && only_html))
    {
      g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_TARGET,
                   _("The folder %s is not empty and does not hold an earlier export; "
                     "choose an empty or new folder"), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_page (const char  *dir,
            const char  *name,
            const char  *contents,
            GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_set_contents (path, contents, -1, &local_error))
    {
      g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_WRITE,
                   "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_pages (GPtrArray              *fiches,
             const char             *tmp,
             RtesExportProgressFunc  progress,
             gpointer                user_data,
             GCancellable           *cancellable,
             GError                **error)
{
  g_autofree char *today = rtes_format_today ();
  g_autofree char *index = NULL;
  guint i;

  if (progress != NULL)
    progress (0, fiches->len, NULL, user_data);

  for (i = 0; i < fiches->len; i++)
    {
      RtesFiche *fiche = g_ptr_array_index (fiches, i);
      g_autofree char *page = NULL;
      g_autofree char *name = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (!rtes_id_is_valid (rtes_fiche_get_id (fiche)))
        {
          g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_BROKEN_FICHE,
                       _("Fiche “%s” has an invalid id “%s”"),
                       rtes_fiche_get_name (fiche), rtes_fiche_get_id (fiche));
          return FALSE;
        }

      page = rtes_html_render_fiche (fiche, INDEX_NAME, today);
      name = rtes_html_page_name (fiche);
      if (!write_page (tmp, name, page, error))
        return FALSE;

      if (progress != NULL)
        {
          g_autofree char *clean = rtes_text_sanitize (rtes_fiche_get_name (fiche));
          progress (i + 1, fiches->len, clean, user_data);
        }
    }

  index = rtes_html_render_index (fiches, today);
  return write_page (tmp, INDEX_NAME, index, error);
}

/* Puts the finished folder @tmp in the place of @dir. */
static gboolean
swap_into_place (const char  *tmp,
                 const char  *dir,
                 gboolean     exists,
                 GError     **error)
{
  g_autofree char *parent = g_path_get_dirname (dir);
  g_autofree char *old = NULL;
  int saved_errno;

  if (exists)
    {
      /* Rename the old export aside first: rename() cannot replace a
       * folder that has files in it. */
      old = g_build_filename (parent, ".rtes-old-XXXXXX", NULL);
      if (g_mkdtemp (old) == NULL || g_rename (dir, old) != 0)
        {
          saved_errno = errno;
          g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_WRITE,
                       _("Could not replace %s: %s"), dir, g_strerror (saved_errno));
          if (old != NULL)
            g_rmdir (old);
          return FALSE;
        }
    }

  if (g_rename (tmp, dir) != 0)
    {
      saved_errno = errno;
      if (old != NULL)
        g_rename (old, dir);
      g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_WRITE,
                   _("Could not write %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (old != NULL)
    remove_flat_dir (old);
  return TRUE;
}

gboolean
rtes_html_export (GPtrArray              *fiches,
                  const char             *dir,
                  RtesExportProgressFunc  progress,
                  gpointer                user_data,
                  GCancellable           *cancellable,
                  GError                **error)
{
  g_autofree char *parent = NULL;
  g_autofree char *tmp = NULL;
  gboolean exists;
  int saved_errno;

  g_return_val_if_fail (fiches != NULL, FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  if (fiches->len == 0)
    {
      g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_NOTHING,
                   _("No fiche to export"));
      return FALSE;
    }

  if (!check_target (dir, &exists, error))
    return FALSE;

  parent = g_path_get_dirname (dir);
  if (!g_file_test (parent, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_TARGET,
                   _("The folder %s does not exist"), parent);
      return FALSE;
    }

  /* Beside the target, so that the final rename stays on one file system. */
  tmp = g_build_filename (parent, ".rtes-export-XXXXXX", NULL);
  if (g_mkdtemp_full (tmp, 0755) == NULL)
    {
      saved_errno = errno;
      g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_WRITE,
                   _("Could not create a folder in %s: %s"), parent, g_strerror (saved_errno));
      return FALSE;
    }

  if (!write_pages (fiches, tmp, progress, user_data, cancellable, error) ||
      !swap_into_place (tmp, dir, exists, error))
    {
      remove_flat_dir (tmp);
      return FALSE;
    }

  return TRUE;
}
