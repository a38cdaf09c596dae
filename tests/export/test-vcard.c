/* test-vcard.c: contacts as vCard 4.0, read back
 *
 * Each card is read back twice: by the strict reader below, which holds
 * the text to RFC 6350 (CRLF, 75-octet folds that never split a
 * character, escapes), and, when evolution-data-server's development
 * files are installed, by its EVCard/EContact parser, the one GNOME
 * Contacts and Evolution use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#ifdef HAVE_EBOOK_CONTACTS
#include <libebook-contacts/libebook-contacts.h>
#endif

#include "rtes-export.h"
#include "rtes-test-util.h"
#include "rtes-vcard.h"

/* A reader as strict as the RFC ---------------------------------------- */

typedef struct {
  char *name;        /* with its parameters: "EMAIL;TYPE=work" */
  char *value;       /* raw, still escaped */
} Property;

static void
property_free (Property *property)
{
  g_free (property->name);
  g_free (property->value);
  g_free (property);
}

/* Unfolds @text into its cards, each a GPtrArray of Property, checking
 * the line ends, the fold width and UTF-8 on the way. */
static GPtrArray *
read_cards (const char *text)
{
  GPtrArray *cards = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) logical = g_string_new (NULL);
  GPtrArray *card = NULL;

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (text[0] == '\0' || g_str_has_suffix (text, "\r\n"));
  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      gboolean last = lines[i + 1] == NULL;

      g_assert_null (strchr (line, '\n'));
      g_assert_null (strchr (line, '\r'));
      g_assert_cmpuint (strlen (line), <=, 75);
      /* A fold never cuts a character: each physical line is UTF-8. */
      g_assert_true (g_utf8_validate (line, -1, NULL));
      if (line[0] == ' ')
        {
          g_assert_cmpuint (logical->len, >, 0);
          g_string_append (logical, line + 1);
          continue;
        }
      if (logical->len > 0)
        {
          const char *colon = strchr (logical->str, ':');
          Property *property = g_new0 (Property, 1);

          g_assert_nonnull (colon);
          property->name = g_strndup (logical->str, colon - logical->str);
          property->value = g_strdup (colon + 1);
          if (g_str_equal (logical->str, "BEGIN:VCARD"))
            {
              g_assert_null (card);
              card = g_ptr_array_new_with_free_func ((GDestroyNotify) property_free);
            }
          g_assert_nonnull (card);
          g_ptr_array_add (card, property);
          if (g_str_equal (logical->str, "END:VCARD"))
            {
              g_ptr_array_add (cards, card);
              card = NULL;
            }
          g_string_truncate (logical, 0);
        }
      if (last)
        g_assert_cmpstr (line, ==, "");
      else
        g_string_append (logical, line);
    }
  g_assert_null (card);
  return cards;
}

static const char *
get_raw (GPtrArray  *card,
         const char *name)
{
  for (guint i = 0; i < card->len; i++)
    {
      Property *property = g_ptr_array_index (card, i);

      if (g_str_equal (property->name, name))
        return property->value;
    }
  return NULL;
}

/* Splits a raw value on unescaped @separator and unescapes each part. */
static GStrv
split_value (const char *raw,
             char        separator)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) part = g_string_new (NULL);

  for (const char *p = raw; ; p++)
    {
      if (*p == '\0' || *p == separator)
        {
          g_strv_builder_add (builder, part->str);
          g_string_truncate (part, 0);
          if (*p == '\0')
            break;
          continue;
        }
      if (*p == '\\')
        {
          p++;
          g_assert_true (*p == '\\' || *p == ',' || *p == ';' || *p == 'n');
          g_string_append_c (part, *p == 'n' ? '\n' : *p);
          continue;
        }
      /* Unescaped, these would split the value. */
      g_assert_true (*p != ',' || separator == ';');
      g_string_append_c (part, *p);
    }
  return g_strv_builder_end (builder);
}

static char *
get_text (GPtrArray  *card,
          const char *name)
{
  const char *raw = get_raw (card, name);
  g_auto(GStrv) parts = NULL;

  if (raw == NULL)
    return NULL;
  parts = split_value (raw, '\0');
  return g_strdup (parts[0]);
}

/* Fixtures -------------------------------------------------------------- */

static RtesContact *
make_contact (const char *name,
              const char *role,
              const char *title,
              const char *service,
              const char *email,
              const char *phone)
{
  RtesContact *contact = rtes_contact_new ();

  rtes_contact_set_name (contact, name);
  rtes_contact_set_role (contact, role);
  rtes_contact_set_title (contact, title);
  rtes_contact_set_service (contact, service);
  rtes_contact_set_email (contact, email);
  rtes_contact_set_phone (contact, phone);
  return contact;
}

static RtesFiche *
make_fiche (void)
{
  RtesFiche *fiche = rtes_fiche_new ("communaute-urbaine-creusot-montceau", "Communauté urbaine Creusot-Montceau");
  const char *lines[] = { "Château de la Verrerie", "BP 69", NULL };
  g_autoptr(RtesContact) elected = make_contact ("David Marti", "Élu référent", "président", "",
                                                 "d.marti@creusot-montceau.example.fr",
                                                 "03 85 77 51 51");
  /* Every character the format escapes, and a long value to fold. */
  g_autoptr(RtesContact) staff = make_contact ("Mme Anne-Sophie DE LA FONTAINE-ÉLOI",
                                               "Chargée de mission ESS; emploi, insertion",
                                               "Cheffe de projet \\ économie sociale et solidaire, "
                                               "commande publique responsable et tiers-lieux de l’agglomération",
                                               "Direction du développement économique\nPôle ESS",
                                               "as.delafontaine@creusot-montceau.example.fr",
                                               "+33 (0)3 85 77 00 00");
  g_autoptr(RtesContact) anonymous = make_contact ("", "Accueil", "", "", "", "");

  rtes_fiche_set_address_lines (fiche, lines);
  rtes_fiche_set_postcode (fiche, "71206");
  rtes_fiche_set_city (fiche, "Le Creusot Cedex");
  rtes_contact_set_category (elected, RTES_CONTACT_ELECTED);
  rtes_contact_set_rtes_board (elected, TRUE);
  rtes_contact_set_key (elected, "c7f3a2d1");
  rtes_contact_set_category (staff, RTES_CONTACT_STAFF);
  g_list_store_append (rtes_fiche_get_contacts (fiche), elected);
  g_list_store_append (rtes_fiche_get_contacts (fiche), staff);
  g_list_store_append (rtes_fiche_get_contacts (fiche), anonymous);
  return fiche;
}

/* Tests ----------------------------------------------------------------- */

static void
test_escape (void)
{
  g_autofree char *escaped = rtes_vcard_escape ("a\\b,c;d\ne\tf");

  g_assert_cmpstr (escaped, ==, "a\\\\b\\,c\\;d\\ne f");
}

static void
test_cards (void)
{
  g_autoptr(RtesFiche) fiche = make_fiche ();
  g_autoptr(GPtrArray) fiches = g_ptr_array_new ();
  g_autoptr(GPtrArray) cards = NULL;
  g_autofree char *text = NULL;
  guint n = 0;
  GPtrArray *card;

  g_ptr_array_add (fiches, fiche);
  text = rtes_vcard_from_fiches (fiches, &n);
  g_assert_cmpuint (n, ==, 3);
  cards = read_cards (text);
  g_assert_cmpuint (cards->len, ==, 3);

  /* The elected official. */
  card = g_ptr_array_index (cards, 0);
  g_assert_cmpstr (get_raw (card, "VERSION"), ==, "4.0");
  g_assert_cmpstr (get_raw (card, "FN"), ==, "David Marti");
  g_assert_cmpstr (get_raw (card, "N"), ==, "Marti;David;;;");
  g_assert_cmpstr (get_raw (card, "ORG"), ==, "Communauté urbaine Creusot-Montceau");
  g_assert_cmpstr (get_raw (card, "TITLE"), ==, "président");
  g_assert_cmpstr (get_raw (card, "ROLE"), ==, "Élu référent");
  g_assert_cmpstr (get_raw (card, "EMAIL;TYPE=work"), ==, "d.marti@creusot-montceau.example.fr");
  g_assert_cmpstr (get_raw (card, "TEL;TYPE=work,voice"), ==, "03 85 77 51 51");
  g_assert_cmpstr (get_raw (card, "CATEGORIES"), ==, "RTES,Élus,Administrateurs du RTES");
  g_assert_cmpstr (get_raw (card, "ADR;TYPE=work"), ==,
                   ";;Château de la Verrerie\\nBP 69;Le Creusot Cedex;;71206;France");
  g_assert_true (g_str_has_prefix (get_raw (card, "UID"), "urn:uuid:"));
  g_assert_cmpuint (strlen (get_raw (card, "UID")), ==, strlen ("urn:uuid:") + 36);
  g_assert_nonnull (strstr (get_raw (card, "NOTE"), "Administrateur du RTES"));

  /* The staff member: capitals are the family name, "Mme" a prefix;
   * escapes and folds come back exactly. */
  card = g_ptr_array_index (cards, 1);
  {
    g_auto(GStrv) n_parts = split_value (get_raw (card, "N"), ';');
    g_auto(GStrv) org = split_value (get_raw (card, "ORG"), ';');
    g_autofree char *role = get_text (card, "ROLE");
    g_autofree char *title = get_text (card, "TITLE");

    g_assert_cmpuint (g_strv_length (n_parts), ==, 5);
    g_assert_cmpstr (n_parts[0], ==, "DE LA FONTAINE-ÉLOI");
    g_assert_cmpstr (n_parts[1], ==, "Anne-Sophie");
    g_assert_cmpstr (n_parts[3], ==, "Mme");
    g_assert_cmpuint (g_strv_length (org), ==, 2);
    g_assert_cmpstr (org[1], ==, "Direction du développement économique\nPôle ESS");
    g_assert_cmpstr (role, ==, "Chargée de mission ESS; emploi, insertion");
    g_assert_cmpstr (title, ==, "Cheffe de projet \\ économie sociale et solidaire, "
                                "commande publique responsable et tiers-lieux de l’agglomération");
    g_assert_cmpstr (get_raw (card, "CATEGORIES"), ==, "RTES,Agents");
  }
  /* The title was long enough to be folded. */
  g_assert_nonnull (strstr (text, "\r\n "));

  /* No name: the role at the collectivity, so FN is never empty. */
  card = g_ptr_array_index (cards, 2);
  g_assert_cmpstr (get_raw (card, "FN"), ==, "Accueil (Communauté urbaine Creusot-Montceau)");
  g_assert_null (get_raw (card, "EMAIL;TYPE=work"));
  g_assert_null (get_raw (card, "TEL;TYPE=work,voice"));
  g_assert_cmpstr (get_raw (card, "CATEGORIES"), ==, "RTES");

  /* The same contact gets the same UID in the next export. */
  {
    g_autofree char *again = rtes_vcard_from_fiches (fiches, NULL);

    g_assert_cmpstr (again, ==, text);
  }
}

/* Folding at 75 octets never splits a character, whatever its width. */
static void
test_fold_utf8 (void)
{
  g_autoptr(RtesFiche) fiche = make_fiche ();
  const char *widths[] = { "é", "€", "𝄞", "a" };

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    for (guint n = 60; n < 80; n++)
      {
        g_autoptr(GString) note = g_string_new (NULL);
        g_autoptr(RtesContact) contact = rtes_contact_new ();
        g_autofree char *card = NULL;
        g_autoptr(GPtrArray) cards = NULL;
        g_autofree char *title = NULL;

        for (guint i = 0; i < n; i++)
          g_string_append (note, widths[w]);
        rtes_contact_set_name (contact, "X");
        rtes_contact_set_title (contact, note->str);
        card = rtes_vcard_contact (fiche, contact);
        cards = read_cards (card);
        title = get_text (g_ptr_array_index (cards, 0), "TITLE");
        g_assert_cmpstr (title, ==, note->str);
      }
}

static void
test_tel (void)
{
  const struct { const char *in; const char *out; } cases[] = {
    { "03 85 77 51 51", "tel:+33385775151" },
    { "03.85.77.51.51", "tel:+33385775151" },
    { "+33 (0)3 85 77 51 51", "tel:+33385775151" },
    { "+33 3 85 77 51 51", "tel:+33385775151" },
    { "0033 3 85 77 51 51", "tel:+33385775151" },
    { "06\xc2\xa0" "12\xe2\x80\xaf" "34 56 78", "tel:+33612345678" },
    { "+262 262 00 00 00", "tel:+262262000000" },
    { "3949", "tel:3949" },
    { "voir le standard", NULL },
    { "03 85 77 51 51 poste 12", NULL },
    { "12", NULL },
    { "", NULL },
    { "+", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *tel = rtes_export_tel (cases[i].in);

      g_assert_cmpstr (tel, ==, cases[i].out);
    }
}

static void
test_write (void)
{
  g_autofree char *dir = rtes_test_make_tmpdir ("vcard");
  g_autofree char *path = g_build_filename (dir, "contacts.vcf", NULL);
  g_autoptr(RtesFiche) fiche = make_fiche ();
  g_autoptr(RtesFiche) empty = rtes_fiche_new ("sans-contact", "Sans contact");
  g_autoptr(GPtrArray) fiches = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  guint n = 0;

  g_ptr_array_add (fiches, empty);
  g_assert_false (rtes_vcard_write (fiches, path, &n, &error));
  g_assert_error (error, RTES_EXPORT_ERROR, RTES_EXPORT_ERROR_NOTHING);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_ptr_array_add (fiches, fiche);
  g_assert_true (rtes_vcard_write (fiches, path, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  contents = rtes_test_read_file (path, NULL);
  g_assert_true (g_str_has_prefix (contents, "BEGIN:VCARD\r\nVERSION:4.0\r\n"));
  rtes_test_remove_tree (dir);
}

static void
test_contact_text (void)
{
  g_autoptr(RtesFiche) fiche = make_fiche ();
  g_autoptr(RtesContact) contact = g_list_model_get_item (G_LIST_MODEL (rtes_fiche_get_contacts (fiche)), 0);
  g_autofree char *text = rtes_vcard_contact_text (fiche, contact);

  g_assert_cmpstr (text, ==, "David Marti\nprésident\nÉlu référent\nCommunauté urbaine Creusot-Montceau\n"
                             "d.marti@creusot-montceau.example.fr\n03 85 77 51 51");
}

/* What Evolution and GNOME Contacts see. */
static void
test_evolution (void)
{
#ifndef HAVE_EBOOK_CONTACTS
  g_test_skip ("evolution-data-server's libebook-contacts is not installed");
#else
  g_autoptr(RtesFiche) fiche = make_fiche ();
  GListModel *contacts = G_LIST_MODEL (rtes_fiche_get_contacts (fiche));
  struct {
    const char *full_name;
    const char *family;
    const char *given;
    const char *org;
    const char *org_unit;
    const char *title;
    const char *role;
    const char *email;
    const char *phone;
  } expected[] = {
    { "David Marti", "Marti", "David", "Communauté urbaine Creusot-Montceau", NULL, "président",
      "Élu référent", "d.marti@creusot-montceau.example.fr", "03 85 77 51 51" },
    { "Mme Anne-Sophie DE LA FONTAINE-ÉLOI", "DE LA FONTAINE-ÉLOI", "Anne-Sophie",
      "Communauté urbaine Creusot-Montceau", "Direction du développement économique\nPôle ESS",
      "Cheffe de projet \\ économie sociale et solidaire, commande publique responsable et "
      "tiers-lieux de l’agglomération",
      "Chargée de mission ESS; emploi, insertion", "as.delafontaine@creusot-montceau.example.fr",
      "+33 (0)3 85 77 00 00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(RtesContact) contact = g_list_model_get_item (contacts, i);
      g_autofree char *card = rtes_vcard_contact (fiche, contact);
      EContact *parsed = e_contact_new_from_vcard (card);
      EContactName *name = e_contact_get (parsed, E_CONTACT_NAME);
      g_autofree char *full_name = e_contact_get (parsed, E_CONTACT_FULL_NAME);
      g_autofree char *org = e_contact_get (parsed, E_CONTACT_ORG);
      g_autofree char *org_unit = e_contact_get (parsed, E_CONTACT_ORG_UNIT);
      g_autofree char *title = e_contact_get (parsed, E_CONTACT_TITLE);
      g_autofree char *role = e_contact_get (parsed, E_CONTACT_ROLE);
      g_autofree char *email = e_contact_get (parsed, E_CONTACT_EMAIL_1);
      g_autofree char *phone = e_contact_get (parsed, E_CONTACT_PHONE_BUSINESS);
      g_autofree char *categories = e_contact_get (parsed, E_CONTACT_CATEGORIES);

      g_assert_cmpstr (full_name, ==, expected[i].full_name);
      g_assert_nonnull (name);
      g_assert_cmpstr (name->family, ==, expected[i].family);
      g_assert_cmpstr (name->given, ==, expected[i].given);
      g_assert_cmpstr (org, ==, expected[i].org);
      g_assert_cmpstr (org_unit, ==, expected[i].org_unit);
      g_assert_cmpstr (title, ==, expected[i].title);
      g_assert_cmpstr (role, ==, expected[i].role);
      g_assert_cmpstr (email, ==, expected[i].email);
      g_assert_cmpstr (phone, ==, expected[i].phone);
      g_assert_nonnull (categories);
      g_assert_nonnull (strstr (categories, "RTES"));
      e_contact_name_free (name);
      g_object_unref (parsed);
    }
#endif
}

int
main (int argc, char **argv)
{
  rtes_test_init (&argc, &argv);

  g_test_add_func ("/export/vcard/escape", test_escape);
  g_test_add_func ("/export/vcard/cards", test_cards);
  g_test_add_func ("/export/vcard/fold-utf8", test_fold_utf8);
  g_test_add_func ("/export/vcard/tel", test_tel);
  g_test_add_func ("/export/vcard/write", test_write);
  g_test_add_func ("/export/vcard/contact-text", test_contact_text);
  g_test_add_func ("/export/vcard/evolution", test_evolution);

  return g_test_run ();
}
