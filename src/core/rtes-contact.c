/* rtes-contact.c: one public contact of a fiche
 *
 * A contact is a small GObject so that contact cards can bind to its
 * properties and the fiche can notice any edit through ::notify.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-contact.h"
#include "rtes-core-private.h"

struct _RtesContact
{
  GObject     parent_instance;

  char       *key;
  char       *role;
  char       *category;
  char       *name;
  char       *title;
  char       *service;
  char       *email;
  char       *phone;
  gboolean    rtes_board;
  JsonObject *extra;
};

G_DEFINE_FINAL_TYPE (RtesContact, rtes_contact, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_ROLE,
  PROP_CATEGORY,
  PROP_NAME,
  PROP_TITLE,
  PROP_SERVICE,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_RTES_BOARD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The string fields in property order, so that get/set/copy/equal are
 * written once. */
static char **
string_field (RtesContact *self,
              guint        prop_id)
{
  switch (prop_id)
    {
    case PROP_KEY: return &self->key;
    case PROP_ROLE: return &self->role;
    case PROP_CATEGORY: return &self->category;
    case PROP_NAME: return &self->name;
    case PROP_TITLE: return &self->title;
    case PROP_SERVICE: return &self->service;
    case PROP_EMAIL: return &self->email;
    case PROP_PHONE: return &self->phone;
    default: return NULL;
    }
}

static void
set_string (RtesContact *self,
            guint        prop_id,
            const char  *value)
{
  char **field = string_field (self, prop_id);

  if (value == NULL)
    value = "";
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
rtes_contact_finalize (GObject *object)
{
  RtesContact *self = RTES_CONTACT (object);

  for (guint i = PROP_KEY; i <= PROP_PHONE; i++)
    g_free (*string_field (self, i));
  g_clear_pointer (&self->extra, json_object_unref);
  G_OBJECT_CLASS (rtes_contact_parent_class)->finalize (object);
}

static void
rtes_contact_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RtesContact *self = RTES_CONTACT (object);

  if (prop_id == PROP_RTES_BOARD)
    g_value_set_boolean (value, self->rtes_board);
  else if (string_field (self, prop_id) != NULL)
    g_value_set_string (value, *string_field (self, prop_id));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
rtes_contact_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RtesContact *self = RTES_CONTACT (object);

  if (prop_id == PROP_RTES_BOARD)
    rtes_contact_set_rtes_board (self, g_value_get_boolean (value));
  else if (string_field (self, prop_id) != NULL)
    set_string (self, prop_id, g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
rtes_contact_class_init (RtesContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rtes_contact_finalize;
  object_class->get_property = rtes_contact_get_property;
  object_class->set_property = rtes_contact_set_property;

  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, "", flags);
  properties[PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, "", flags);
  properties[PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, "", flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", flags);
  properties[PROP_SERVICE] = g_param_spec_string ("service", NULL, NULL, "", flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, "", flags);
  properties[PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, "", flags);
  properties[PROP_RTES_BOARD] = g_param_spec_boolean ("rtes-board", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rtes_contact_init (RtesContact *self)
{
  for (guint i = PROP_KEY; i <= PROP_PHONE; i++)
    *string_field (self, i) = g_strdup ("");
  self->extra = json_object_new ();
}

RtesContact *
rtes_contact_new (void)
{
  return g_object_new (RTES_TYPE_CONTACT, NULL);
}

RtesContact *
rtes_contact_copy (RtesContact *self)
{
  RtesContact *copy = rtes_contact_new ();

  g_return_val_if_fail (RTES_IS_CONTACT (self), NULL);
  for (guint i = PROP_KEY; i <= PROP_PHONE; i++)
    set_string (copy, i, *string_field (self, i));
  copy->rtes_board = self->rtes_board;
  json_object_unref (copy->extra);
  copy->extra = rtes_json_object_copy (self->extra);
  return copy;
}

gboolean
rtes_contact_equal (RtesContact *a,
                    RtesContact *b)
{
  for (guint i = PROP_KEY; i <= PROP_PHONE; i++)
    if (g_strcmp0 (*string_field (a, i), *string_field (b, i)) != 0)
      return FALSE;
  if (a->rtes_board != b->rtes_board)
    return FALSE;
  return rtes_json_object_equal (a->extra, b->extra);
}

#define STRING_ACCESSORS(field, PROP)                                         \
  const char *rtes_contact_get_##field (RtesContact *self)                   \
  {                                                                           \
    g_return_val_if_fail (RTES_IS_CONTACT (self), "");                        \
    return self->field;                                                       \
  }                                                                           \
  void rtes_contact_set_##field (RtesContact *self, const char *value)       \
  {                                                                           \
    g_return_if_fail (RTES_IS_CONTACT (self));                                \
    set_string (self, PROP, value);                                           \
  }

STRING_ACCESSORS (key, PROP_KEY)
STRING_ACCESSORS (role, PROP_ROLE)
STRING_ACCESSORS (category, PROP_CATEGORY)
STRING_ACCESSORS (name, PROP_NAME)
STRING_ACCESSORS (title, PROP_TITLE)
STRING_ACCESSORS (service, PROP_SERVICE)
STRING_ACCESSORS (email, PROP_EMAIL)
STRING_ACCESSORS (phone, PROP_PHONE)

gboolean
rtes_contact_get_rtes_board (RtesContact *self)
{
  g_return_val_if_fail (RTES_IS_CONTACT (self), FALSE);
  return self->rtes_board;
}

void
rtes_contact_set_rtes_board (RtesContact *self,
                             gboolean     rtes_board)
{
  g_return_if_fail (RTES_IS_CONTACT (self));
  rtes_board = !!rtes_board;
  if (self->rtes_board == rtes_board)
    return;
  self->rtes_board = rtes_board;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RTES_BOARD]);
}

JsonObject *
rtes_contact_get_extra (RtesContact *self)
{
  g_return_val_if_fail (RTES_IS_CONTACT (self), NULL);
  return self->extra;
}

void
rtes_contact_set_extra (RtesContact *self,
                        JsonObject  *extra)
{
  g_return_if_fail (RTES_IS_CONTACT (self));
  g_return_if_fail (extra != NULL);
  json_object_ref (extra);
  json_object_unref (self->extra);
  self->extra = extra;
}
