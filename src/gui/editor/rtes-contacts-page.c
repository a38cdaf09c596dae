/* rtes-contacts-page.c: the fiche's public contacts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "rtes-contacts-page.h"
#include "rtes-contact-row.h"
#include "rtes-text.h"

struct _RtesContactsPage
{
  RtesCardListPage parent_instance;

  /* template widgets */
  GtkListBox      *contacts_list;
  GtkWidget       *add_button;

  /* owned references */
  RtesLibrary     *library;
  GtkStringList   *roles;
};

G_DEFINE_FINAL_TYPE (RtesContactsPage, rtes_contacts_page, RTES_TYPE_CARD_LIST_PAGE)

enum {
  PROP_0,
  PROP_LIBRARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Roles as the site writes them; offered even in an empty library. They
 * are data, not interface text, so they stay French. */
static const char *const common_roles[] = {
  "Élu référent ESS",
  "Élue référente ESS",
  "Chargé de mission ESS",
  "Chargée de mission ESS",
  "Vice-président délégué à l'ESS",
  "Vice-présidente déléguée à l'ESS",
  "Adjoint au maire délégué à l'ESS",
  "Adjointe au maire déléguée à l'ESS",
};

static void
add_roles_of (GHashTable *seen,
              RtesFiche  *fiche)
{
  GListModel *contacts = G_LIST_MODEL (rtes_fiche_get_contacts (fiche));
  guint n = g_list_model_get_n_items (contacts);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RtesContact) contact = g_list_model_get_item (contacts, i);
      const char *role = rtes_contact_get_role (contact);

      if (!rtes_text_is_blank (role) && !g_hash_table_contains (seen, role))
        g_hash_table_add (seen, g_strdup (role));
    }
}

static int
compare_roles (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

static void
gather_roles (RtesContactsPage *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  RtesFiche *fiche = rtes_form_page_get_fiche (RTES_FORM_PAGE (self));
  g_autofree const char **sorted = NULL;
  guint n_sorted;

  for (guint i = 0; i < G_N_ELEMENTS (common_roles); i++)
    g_hash_table_add (seen, g_strdup (common_roles[i]));
  if (self->library != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->library));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(RtesFiche) other = g_list_model_get_item (G_LIST_MODEL (self->library), i);

          add_roles_of (seen, other);
        }
    }
  if (fiche != NULL)
    add_roles_of (seen, fiche);

  sorted = (const char **) g_hash_table_get_keys_as_array (seen, &n_sorted);
  qsort (sorted, n_sorted, sizeof (char *), compare_roles);
  gtk_string_list_splice (self->roles, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->roles)),
                          sorted);
}

GListModel *
rtes_contacts_page_get_roles (RtesContactsPage *self)
{
  g_return_val_if_fail (RTES_IS_CONTACTS_PAGE (self), NULL);

  return G_LIST_MODEL (self->roles);
}

RtesContact *
rtes_contacts_page_add_contact (RtesContactsPage *self)
{
  g_return_val_if_fail (RTES_IS_CONTACTS_PAGE (self), NULL);

  return rtes_card_list_page_add (RTES_CARD_LIST_PAGE (self));
}

static void
on_add_contact (RtesContactsPage *self)
{
  rtes_contacts_page_add_contact (self);
}

static GListStore *
rtes_contacts_page_get_store (RtesCardListPage *page,
                              RtesFiche        *fiche)
{
  return rtes_fiche_get_contacts (fiche);
}

static GtkWidget *
rtes_contacts_page_create_card (RtesCardListPage *page,
                                gpointer          item)
{
  RtesContactsPage *self = RTES_CONTACTS_PAGE (page);
  GtkWidget *card = rtes_contact_row_new (item, G_LIST_MODEL (self->roles));

  g_signal_connect_object (card, "roles-wanted", G_CALLBACK (gather_roles), self, G_CONNECT_SWAPPED);
  return card;
}

static gboolean
rtes_contacts_page_focus_field (RtesFormPage *page,
                                const char   *path)
{
  RtesContactsPage *self = RTES_CONTACTS_PAGE (page);

  if (g_str_equal (path, "contacts"))
    {
      /* "No public contact": the way to fix it is the Add button. */
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->contacts_list, 0);

      if (RTES_IS_CARD_ROW (row))
        return rtes_card_row_focus_field (RTES_CARD_ROW (row), NULL);
      return gtk_widget_grab_focus (self->add_button);
    }

  return RTES_FORM_PAGE_CLASS (rtes_contacts_page_parent_class)->focus_field (page, path);
}

RtesLibrary *
rtes_contacts_page_get_library (RtesContactsPage *self)
{
  g_return_val_if_fail (RTES_IS_CONTACTS_PAGE (self), NULL);

  return self->library;
}

void
rtes_contacts_page_set_library (RtesContactsPage *self,
                                RtesLibrary      *library)
{
  g_return_if_fail (RTES_IS_CONTACTS_PAGE (self));
  g_return_if_fail (library == NULL || RTES_IS_LIBRARY (library));

  if (!g_set_object (&self->library, library))
    return;
  gather_roles (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIBRARY]);
}

GtkListBox *
rtes_contacts_page_get_list (RtesContactsPage *self)
{
  g_return_val_if_fail (RTES_IS_CONTACTS_PAGE (self), NULL);

  return self->contacts_list;
}

static void
rtes_contacts_page_dispose (GObject *object)
{
  RtesContactsPage *self = RTES_CONTACTS_PAGE (object);

  g_clear_object (&self->library);
  g_clear_object (&self->roles);

  G_OBJECT_CLASS (rtes_contacts_page_parent_class)->dispose (object);
}

static void
rtes_contacts_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RtesContactsPage *self = RTES_CONTACTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_contacts_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RtesContactsPage *self = RTES_CONTACTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      rtes_contacts_page_set_library (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_contacts_page_class_init (RtesContactsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RtesFormPageClass *page_class = RTES_FORM_PAGE_CLASS (klass);
  RtesCardListPageClass *list_class = RTES_CARD_LIST_PAGE_CLASS (klass);

  object_class->dispose = rtes_contacts_page_dispose;
  object_class->get_property = rtes_contacts_page_get_property;
  object_class->set_property = rtes_contacts_page_set_property;
  page_class->focus_field = rtes_contacts_page_focus_field;
  list_class->card_path = "contacts";
  list_class->get_store = rtes_contacts_page_get_store;
  list_class->create_card = rtes_contacts_page_create_card;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL,
                         RTES_TYPE_LIBRARY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/rtes/Fiches/editor/rtes-contacts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RtesContactsPage, contacts_list);
  gtk_widget_class_bind_template_child (widget_class, RtesContactsPage, add_button);
  gtk_widget_class_bind_template_callback (widget_class, on_add_contact);
}

static void
rtes_contacts_page_init (RtesContactsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rtes_card_list_page_set_list (RTES_CARD_LIST_PAGE (self), self->contacts_list);

  self->roles = gtk_string_list_new (NULL);
  gather_roles (self);
}

GtkWidget *
rtes_contacts_page_new (void)
{
  return g_object_new (RTES_TYPE_CONTACTS_PAGE, NULL);
}
