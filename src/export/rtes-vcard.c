/* rtes-vcard.c: the public contacts of fiches as vCard 4.0
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rtes-atomic-file.h"
#include "rtes-fiche-text.h"
#include "rtes-text.h"
#include "rtes-vcard.h"

/* RFC 6350 section 3.2: lines SHOULD NOT be longer than 75 octets,
 * line break excluded. */
#define FOLD_OCTETS 75

#define PRODID "-//RTES//Fiches RTES//FR"

/* A value as exporters take it: valid UTF-8 without control characters
 * but "\n", trimmed. */
static char *
clean (const char *text)
{
  char *sanitized = rtes_text_sanitize (text != NULL ? text : "");

  g_strdelimit (sanitized, "\t", ' ');
  return g_strstrip (sanitized);
}

char *
rtes_vcard_escape (const char *text)
{
  g_autofree char *value = clean (text);
  GString *escaped = g_string_sized_new (strlen (value) + 8);

  /* RFC 6350 section 3.4: backslash, comma, semicolon and line break. */
  for (const char *p = value; *p != '\0'; p++)
    {
      if (strchr ("\\,;\n", *p) != NULL)
        g_string_append_c (escaped, '\\');
      g_string_append_c (escaped, *p == '\n' ? 'n' : *p);
    }
  return g_string_free (escaped, FALSE);
}

/* Appends "NAME:value" folded at 75 octets: a fold never splits a UTF-8
 * sequence, and each continuation line starts with one space (which
 * counts in its 75). */
static void
append_line (GString    *out,
             const char *name,
             const char *value)
{
  g_autofree char *line = g_strconcat (name, ":", value, NULL);
  const char *p = line;
  gsize room = FOLD_OCTETS;

  while (strlen (p) > room)
    {
      const char *cut = p + room;

      /* Back to the start of the character the limit falls in. */
      while (cut > p && ((guchar) *cut & 0xc0) == 0x80)
        cut--;
      g_string_append_len (out, p, cut - p);
      g_string_append (out, "\r\n ");
      p = cut;
      room = FOLD_OCTETS - 1;
    }
  g_string_append (out, p);
  g_string_append (out, "\r\n");
}

static void
append_text (GString    *out,
             const char *name,
             const char *value)
{
  g_autofree char *escaped = NULL;

  if (rtes_text_is_blank (value))
    return;
  escaped = rtes_vcard_escape (value);
  append_line (out, name, escaped);
}

/* Names ----------------------------------------------------------------- */

static gboolean
is_honorific (const char *word)
{
  static const char * const honorifics[] = {
    "M.", "M", "Mme", "Mme.", "Mlle", "Mlle.", "Madame", "Monsieur", "Mademoiselle",
    "Dr", "Dr.", "Docteur", "Pr", "Pr.", "Professeur", "Me", "Me.", "Maître",
    NULL
  };

  return g_strv_contains (honorifics, word);
}

/* @words joined by spaces and escaped; @words gets a NULL at its end. */
static char *
join_escaped (GPtrArray *words)
{
  g_autofree char *joined = NULL;

  g_ptr_array_add (words, NULL);
  joined = g_strjoinv (" ", (char **) words->pdata);
  return rtes_vcard_escape (joined);
}

/* N: family;given;additional;prefixes;suffixes. Words in capitals are the
 * family name ("MARTI David"); otherwise the last word is ("David Marti").
 * "M.", "Mme"… are honorific prefixes. */
static char *
structured_name (const char *name)
{
  g_auto(GStrv) words = g_strsplit_set (name, " \n", -1);
  g_autoptr(GPtrArray) prefixes = g_ptr_array_new ();
  g_autoptr(GPtrArray) family = g_ptr_array_new ();
  g_autoptr(GPtrArray) given = g_ptr_array_new ();
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  g_autofree char *f = NULL, *g = NULL, *p = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (family->len == 0 && given->len == 0 && rest->len == 0 && is_honorific (words[i]))
        g_ptr_array_add (prefixes, words[i]);
      else if (rtes_text_is_capitals (words[i]))
        g_ptr_array_add (family, words[i]);
      else
        g_ptr_array_add (rest, words[i]);
    }
  if (family->len == 0 && rest->len > 0)
    {
      g_ptr_array_add (family, g_ptr_array_index (rest, rest->len - 1));
      g_ptr_array_remove_index (rest, rest->len - 1);
    }
  for (guint i = 0; i < rest->len; i++)
    g_ptr_array_add (given, g_ptr_array_index (rest, i));

  f = join_escaped (family);
  g = join_escaped (given);
  p = join_escaped (prefixes);
  return g_strdup_printf ("%s;%s;;%s;", f, g, p);
}

/* UID ------------------------------------------------------------------- */

/* A name-based UUID (version 5, RFC 4122) in the URL namespace: the same
 * contact of the same fiche always gets the same UID. */
static char *
stable_uid (RtesFiche   *fiche,
            RtesContact *contact)
{
  static const guint8 url_namespace[16] = {
    0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
    0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8
  };
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  g_autofree char *name = NULL;
  guint8 digest[20];
  gsize length = sizeof digest;

  if (rtes_contact_get_key (contact)[0] != '\0')
    name = g_strdup_printf ("rtes-fiches:%s/%s", rtes_fiche_get_id (fiche), rtes_contact_get_key (contact));
  else
    name = g_strdup_printf ("rtes-fiches:%s/%s/%s", rtes_fiche_get_id (fiche),
                            rtes_contact_get_name (contact), rtes_contact_get_role (contact));
  g_checksum_update (checksum, url_namespace, sizeof url_namespace);
  g_checksum_update (checksum, (const guchar *) name, -1);
  g_checksum_get_digest (checksum, digest, &length);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return g_strdup_printf ("urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

/* Cards ----------------------------------------------------------------- */

static const char *
category_label (RtesContact *contact)
{
  const char *category = rtes_contact_get_category (contact);

  if (g_strcmp0 (category, RTES_CONTACT_ELECTED) == 0)
    return "Élus";
  if (g_strcmp0 (category, RTES_CONTACT_STAFF) == 0)
    return "Agents";
  return NULL;
}

static void
append_address (GString   *out,
                RtesFiche *fiche)
{
  const char * const *lines = rtes_fiche_get_address_lines (fiche);
  g_autofree char *street_lines = lines != NULL ? g_strjoinv ("\n", (char **) lines) : g_strdup ("");
  g_autofree char *street = rtes_vcard_escape (street_lines);
  g_autofree char *city = rtes_vcard_escape (rtes_fiche_get_city (fiche));
  g_autofree char *postcode = rtes_vcard_escape (rtes_fiche_get_postcode (fiche));
  g_autofree char *country = rtes_vcard_escape (rtes_fiche_get_country (fiche));
  g_autofree char *value = NULL;

  if (street[0] == '\0' && city[0] == '\0' && postcode[0] == '\0')
    return;
  /* post office box; extended; street; locality; region; code; country */
  value = g_strdup_printf (";;%s;%s;;%s;%s", street, city, postcode, country);
  append_line (out, "ADR;TYPE=work", value);
}

static void
append_card (GString     *out,
             RtesFiche   *fiche,
             RtesContact *contact)
{
  const char *name = rtes_contact_get_name (contact);
  const char *role = rtes_contact_get_role (contact);
  const char *fiche_name = rtes_fiche_get_name (fiche);
  const char *category = category_label (contact);
  g_autofree char *uid = stable_uid (fiche, contact);
  g_autofree char *org = NULL;
  g_autofree char *categories = NULL;
  g_autofree char *note = NULL;
  g_autofree char *escaped_fiche = rtes_vcard_escape (fiche_name);
  g_autofree char *escaped_service = rtes_vcard_escape (rtes_contact_get_service (contact));
  g_autofree char *clean_phone = clean (rtes_contact_get_phone (contact));

  g_string_append (out, "BEGIN:VCARD\r\n");
  append_line (out, "VERSION", "4.0");
  append_line (out, "PRODID", PRODID);
  append_line (out, "UID", uid);
  append_line (out, "KIND", "individual");

  /* FN is required: a contact without a name is its role at the
   * collectivity, as the fiche shows it. */
  if (!rtes_text_is_blank (name))
    {
      g_autofree char *n = NULL;
      g_autofree char *cleaned = clean (name);

      append_text (out, "FN", cleaned);
      n = structured_name (cleaned);
      append_line (out, "N", n);
    }
  else
    {
      g_autofree char *fn = rtes_text_is_blank (role) ? g_strdup (fiche_name)
                                                      : g_strdup_printf ("%s (%s)", role, fiche_name);

      append_text (out, "FN", fn);
      append_line (out, "N", ";;;;");
    }

  org = escaped_service[0] != '\0' ? g_strdup_printf ("%s;%s", escaped_fiche, escaped_service)
                                   : g_strdup (escaped_fiche);
  if (org[0] != '\0')
    append_line (out, "ORG", org);
  append_text (out, "TITLE", rtes_contact_get_title (contact));
  append_text (out, "ROLE", role);
  append_text (out, "EMAIL;TYPE=work", rtes_contact_get_email (contact));
  append_text (out, "TEL;TYPE=work,voice", clean_phone);
  append_address (out, fiche);

  /* The category labels are plain words: nothing to escape. */
  categories = g_strdup_printf ("RTES%s%s%s", category != NULL ? "," : "", category != NULL ? category : "",
                                rtes_contact_get_rtes_board (contact) ? ",Administrateurs du RTES" : "");
  append_line (out, "CATEGORIES", categories);

  if (rtes_contact_get_rtes_board (contact))
    note = g_strdup_printf ("Contact public de la fiche RTES « %s ». %s.", fiche_name,
                            RTES_EXPORT_LABEL_BOARD);
  else
    note = g_strdup_printf ("Contact public de la fiche RTES « %s ».", fiche_name);
  append_text (out, "NOTE", note);
  g_string_append (out, "END:VCARD\r\n");
}

char *
rtes_vcard_contact (RtesFiche   *fiche,
                    RtesContact *contact)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (RTES_IS_FICHE (fiche), NULL);
  g_return_val_if_fail (RTES_IS_CONTACT (contact), NULL);

  append_card (out, fiche, contact);
  return g_string_free (out, FALSE);
}

char *
rtes_vcard_from_fiches (GPtrArray *fiches,
                        guint     *n_cards)
{
  GString *out = g_string_new (NULL);
  guint cards = 0;

  g_return_val_if_fail (fiches != NULL, NULL);

  for (guint i = 0; i < fiches->len; i++)
    {
      RtesFiche *fiche = g_ptr_array_index (fiches, i);
      GListModel *contacts;

      if (rtes_fiche_get_load_error (fiche) != NULL)
        continue;
      contacts = G_LIST_MODEL (rtes_fiche_get_contacts (fiche));
      for (guint j = 0; j < g_list_model_get_n_items (contacts); j++)
        {
          g_autoptr(RtesContact) contact = g_list_model_get_item (contacts, j);

          append_card (out, fiche, contact);
          cards++;
        }
    }
  if (n_cards != NULL)
    *n_cards = cards;
  return g_string_free (out, FALSE);
}

gboolean
rtes_vcard_write (GPtrArray   *fiches,
                  const char  *path,
                  guint       *n_cards,
                  GError     **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  guint cards = 0;

  g_return_val_if_fail (fiches != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = rtes_vcard_from_fiches (fiches, &cards);
  if (n_cards != NULL)
    *n_cards = cards;
  if (cards == 0)
    {
      g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_NOTHING,
                   g_dngettext (GETTEXT_PACKAGE, "The fiche has no contact to export",
                                "These fiches have no contact to export", fiches->len));
      return FALSE;
    }
  if (!rtes_atomic_write (path, data, strlen (data), &local_error))
    {
      g_set_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_WRITE, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

char *
rtes_vcard_contact_text (RtesFiche   *fiche,
                         RtesContact *contact)
{
  const char *values[] = {
    rtes_contact_get_name (contact),
    rtes_contact_get_title (contact),
    rtes_contact_get_role (contact),
    rtes_contact_get_service (contact),
    fiche != NULL ? rtes_fiche_get_name (fiche) : NULL,
    rtes_contact_get_email (contact),
    rtes_contact_get_phone (contact),
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *value = clean (values[i]);

      if (value[0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, value);
    }
  return g_string_free (out, FALSE);
}
