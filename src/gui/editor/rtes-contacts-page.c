/* rtes-contacts-page.c: the fiche's public contacts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "rtes-contacts-page.h"
#include "rtes-contact-row.h"
#include "rtes-text.h"

struct _RtesContactsPage
{
  RtesFormPage   parent_instance;

  /* template widgets */
  GtkListBox    *contacts_list;
  GtkWidget     *add_button;

  /* owned references */
  RtesLibrary   *library;
  GtkStringList *roles;

  /* state */
  GHashTable          *was_expanded;  /* positions of rows open before a change */
  int                  focus_position; /* row holding the focus before it, or -1 */
  char                *focus_field;
  int                  focus_cursor;
  guint                refocus_idle;
  GListStore    *bound_contacts;   /* not owned */
};

G_DEFINE_FINAL_TYPE (RtesContactsPage, rtes_contacts_page, RTES_TYPE_FORM_PAGE)

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

static GListStore *
contacts_store (RtesContactsPage *self)
{
  RtesFiche *fiche = rtes_form_page_get_fiche (RTES_FORM_PAGE (self));

  return fiche != NULL ? rtes_fiche_get_contacts (fiche) : NULL;
}

RtesContact *
rtes_contacts_page_add_contact (RtesContactsPage *self)
{
  GListStore *store = contacts_store (self);
  g_autoptr(RtesContact) contact = NULL;
  GtkListBoxRow *row;

  g_return_val_if_fail (RTES_IS_CONTACTS_PAGE (self), NULL);

  if (store == NULL)
    return NULL;

  if (!rtes_form_page_begin_edit (RTES_FORM_PAGE (self), self->contacts_list))
    return NULL;
  contact = rtes_contact_new ();
  g_list_store_append (store, contact);
  rtes_form_page_end_edit (RTES_FORM_PAGE (self));
  row = gtk_list_box_get_row_at_index (self->contacts_list,
                                       (int) g_list_model_get_n_items (G_LIST_MODEL (store)) - 1);
  if (RTES_IS_CONTACT_ROW (row))
    rtes_card_row_focus_field (RTES_CARD_ROW (row), "name");
  return contact;
}

void
rtes_contacts_page_remove_contact (RtesContactsPage *self,
                                   guint             position)
{
  GListStore *store = contacts_store (self);
  GtkListBoxRow *next;
  guint n;

  g_return_if_fail (RTES_IS_CONTACTS_PAGE (self));

  if (store == NULL || position >= g_list_model_get_n_items (G_LIST_MODEL (store)))
    return;

  if (!rtes_form_page_begin_edit (RTES_FORM_PAGE (self), self->contacts_list))
    return;
  g_list_store_remove (store, position);
  rtes_form_page_end_edit (RTES_FORM_PAGE (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  next = n > 0 ? gtk_list_box_get_row_at_index (self->contacts_list, (int) MIN (position, n - 1)) : NULL;
  if (next != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (next));
}

void
rtes_contacts_page_move_contact (RtesContactsPage *self,
                                 guint             position,
                                 int               delta)
{
  GListStore *store = contacts_store (self);
  g_autoptr(RtesContact) contact = NULL;
  GtkListBoxRow *old_row;
  GtkListBoxRow *new_row;
  gboolean expanded = FALSE;
  g_autofree char *focus_field = NULL;
  int cursor = -1;
  gint64 target;
  guint n;

  g_return_if_fail (RTES_IS_CONTACTS_PAGE (self));

  if (store == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  target = (gint64) position + delta;
  if (position >= n || target < 0 || target >= n)
    return;

  old_row = gtk_list_box_get_row_at_index (self->contacts_list, (int) position);
  if (ADW_IS_EXPANDER_ROW (old_row))
    expanded = adw_expander_row_get_expanded (ADW_EXPANDER_ROW (old_row));
  if (RTES_IS_CONTACT_ROW (old_row))
    focus_field = g_strdup (rtes_card_row_get_focus (RTES_CARD_ROW (old_row), &cursor));

  if (!rtes_form_page_begin_edit (RTES_FORM_PAGE (self), self->contacts_list))
    return;
  contact = g_list_model_get_item (G_LIST_MODEL (store), position);
  g_list_store_remove (store, position);
  g_list_store_insert (store, (guint) target, contact);
  rtes_form_page_end_edit (RTES_FORM_PAGE (self));

  /* The moved contact has a new row: keep it open and focused, so moving
   * it again is one more key press. */
  new_row = gtk_list_box_get_row_at_index (self->contacts_list, (int) target);
  if (RTES_IS_CONTACT_ROW (new_row))
    {
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (new_row), expanded);
      /* Back in the field the person was typing in; from the menu, on the
       * card's header, so moving again is one more key press. */
      if (focus_field != NULL)
        rtes_card_row_restore_focus (RTES_CARD_ROW (new_row), focus_field, cursor);
      else
        gtk_widget_child_focus (GTK_WIDGET (new_row), GTK_DIR_TAB_FORWARD);
    }
}

static void
on_row_move (RtesContactRow   *row,
             int               delta,
             RtesContactsPage *self)
{
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  if (index >= 0)
    rtes_contacts_page_move_contact (self, (guint) index, delta);
}

static void
on_row_remove (RtesContactRow   *row,
               RtesContactsPage *self)
{
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  if (index >= 0)
    rtes_contacts_page_remove_contact (self, (guint) index);
}

static void
on_add_contact (RtesContactsPage *self)
{
  rtes_contacts_page_add_contact (self);
}

/* Undo and reload replace the whole list, which makes new rows: rows that
 * were open stay open, so the person sees the card they were editing.
 * Taken on ::changed, which the fiche emits before the list rebuilds. */
static void
remember_expanded (RtesContactsPage *self)
{
  GtkListBoxRow *row;
  int i = 0;

  g_hash_table_remove_all (self->was_expanded);
  self->focus_position = -1;
  g_clear_pointer (&self->focus_field, g_free);
  while ((row = gtk_list_box_get_row_at_index (self->contacts_list, i)) != NULL)
    {
      const char *field;
      int cursor = -1;

      if (ADW_IS_EXPANDER_ROW (row) && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
        g_hash_table_add (self->was_expanded, GINT_TO_POINTER (i));
      if (RTES_IS_CONTACT_ROW (row) && (field = rtes_card_row_get_focus (RTES_CARD_ROW (row), &cursor)) != NULL)
        {
          self->focus_position = i;
          self->focus_field = g_strdup (field);
          self->focus_cursor = cursor;
        }
      i++;
    }
}

/* After the rebuild, the person typing in a card that undo replaced keeps
 * typing in the same field of the new card. */
static gboolean
refocus_idle_cb (gpointer data)
{
  RtesContactsPage *self = data;
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->contacts_list, self->focus_position);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  self->refocus_idle = 0;
  /* Only if the focus went with the old card (GTK hands it to the list
   * or the window), not if the person moved it elsewhere meanwhile. */
  if (RTES_IS_CONTACT_ROW (row) && self->focus_field != NULL &&
      (focus == NULL || !gtk_widget_get_mapped (focus) ||
       focus == GTK_WIDGET (root) || GTK_IS_LIST_BOX (focus) ||
       gtk_widget_is_ancestor (focus, GTK_WIDGET (self))))
    rtes_card_row_restore_focus (RTES_CARD_ROW (row), self->focus_field, self->focus_cursor);
  return G_SOURCE_REMOVE;
}

static void
restore_expanded (RtesContactsPage *self,
                  GtkWidget *row,
                  gpointer   item)
{
  GListStore *store = rtes_fiche_get_contacts (rtes_form_page_get_fiche (RTES_FORM_PAGE (self)));
  guint position;

  if (!g_list_store_find (store, item, &position))
    return;
  if (g_hash_table_contains (self->was_expanded, GINT_TO_POINTER (position)))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  if ((int) position == self->focus_position && self->refocus_idle == 0)
    self->refocus_idle = g_idle_add (refocus_idle_cb, self);
}

static GtkWidget *
create_contact_row (gpointer item,
                    gpointer user_data)
{
  RtesContactsPage *self = user_data;
  GtkWidget *row = rtes_contact_row_new (item, G_LIST_MODEL (self->roles));

  g_signal_connect_object (row, "move", G_CALLBACK (on_row_move), self, 0);
  g_signal_connect_object (row, "remove", G_CALLBACK (on_row_remove), self, 0);
  g_signal_connect_object (row, "roles-wanted", G_CALLBACK (gather_roles), self, G_CONNECT_SWAPPED);
  restore_expanded (self, row, item);
  return row;
}

static void
rtes_contacts_page_fiche_changed (RtesFormPage *page,
                                  RtesFiche    *fiche)
{
  RtesContactsPage *self = RTES_CONTACTS_PAGE (page);
  GListStore *store = rtes_fiche_get_contacts (fiche);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));


  if (self->bound_contacts == store)
    remember_expanded (self);
  else
    g_hash_table_remove_all (self->was_expanded);
  if (self->bound_contacts != store)
    {
      self->bound_contacts = store;
      gtk_list_box_bind_model (self->contacts_list, G_LIST_MODEL (store),
                               create_contact_row, self, NULL);
    }

  for (guint i = 0; i < n; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->contacts_list, (int) i);

      if (RTES_IS_CONTACT_ROW (row))
        rtes_card_row_set_position (RTES_CARD_ROW (row), i, n);
    }
}

static void
rtes_contacts_page_show_issues (RtesFormPage *page,
                                GPtrArray    *issues)
{
  RtesContactsPage *self = RTES_CONTACTS_PAGE (page);
  GtkListBoxRow *row;
  int i = 0;

  while ((row = gtk_list_box_get_row_at_index (self->contacts_list, i)) != NULL)
    {
      if (RTES_IS_CONTACT_ROW (row))
        {
          g_autofree char *path = g_strdup_printf ("contacts[%d]", i);

          rtes_card_row_show_issues (RTES_CARD_ROW (row), issues, path);
        }
      i++;
    }

  RTES_FORM_PAGE_CLASS (rtes_contacts_page_parent_class)->show_issues (page, issues);
}

static gboolean
rtes_contacts_page_focus_field (RtesFormPage *page,
                                const char   *path)
{
  RtesContactsPage *self = RTES_CONTACTS_PAGE (page);
  unsigned index;
  int consumed = 0;

  if (sscanf (path, "contacts[%u]%n", &index, &consumed) == 1 && consumed > 0)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->contacts_list, (int) index);
      const char *field = path[consumed] == '.' ? path + consumed + 1 : NULL;

      return RTES_IS_CONTACT_ROW (row) && rtes_card_row_focus_field (RTES_CARD_ROW (row), field);
    }
  if (g_str_equal (path, "contacts"))
    {
      /* "No public contact": the way to fix it is the Add button. */
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->contacts_list, 0);

      if (RTES_IS_CONTACT_ROW (row))
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

  if (self->contacts_list != NULL && self->bound_contacts != NULL)
    gtk_list_box_bind_model (self->contacts_list, NULL, NULL, NULL, NULL);
  self->bound_contacts = NULL;
  g_clear_pointer (&self->was_expanded, g_hash_table_unref);
  g_clear_pointer (&self->focus_field, g_free);
  g_clear_handle_id (&self->refocus_idle, g_source_remove);
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

  object_class->dispose = rtes_contacts_page_dispose;
  object_class->get_property = rtes_contacts_page_get_property;
  object_class->set_property = rtes_contacts_page_set_property;
  page_class->fiche_changed = rtes_contacts_page_fiche_changed;
  page_class->show_issues = rtes_contacts_page_show_issues;
  page_class->focus_field = rtes_contacts_page_focus_field;

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

  self->was_expanded = g_hash_table_new (NULL, NULL);
  self->focus_position = -1;
  self->roles = gtk_string_list_new (NULL);
  gather_roles (self);
}

GtkWidget *
rtes_contacts_page_new (void)
{
  return g_object_new (RTES_TYPE_CONTACTS_PAGE, NULL);
}
