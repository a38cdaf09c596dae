/* rtes-text-section-page.c: the page for one fiche text section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rtes-text-section-page.h"
#include "rtes-editor-widgets.h"
#include "rtes-fiche-text-view.h"
#include "rtes-format-bar.h"

#include "rtes-fiche-text.h"

struct _RtesTextSectionPage
{
  RtesFormPage       parent_instance;

  /* template widgets */
  GtkScrolledWindow *scroller;
  AdwClamp          *clamp;
  GtkWidget         *content;
  GtkLabel          *heading;
  GtkLabel          *description;
  GtkTextView       *view;
  RtesFormatBar     *format_bar;
  GtkLabel          *preview;
  GtkWidget         *preview_empty;

  /* state */
  RtesFicheSection   section;
  gboolean           embedded;
  guint              user_actions;      /* depth of the buffer's user actions */
  gboolean           action_open;       /* the outermost one is an undo step */
};

G_DEFINE_FINAL_TYPE (RtesTextSectionPage, rtes_text_section_page, RTES_TYPE_FORM_PAGE)

G_DEFINE_ENUM_TYPE (RtesFicheSection, rtes_fiche_section,
                    G_DEFINE_ENUM_VALUE (RTES_FICHE_SECTION_PANORAMA, "panorama"),
                    G_DEFINE_ENUM_VALUE (RTES_FICHE_SECTION_BUDGET, "budget"),
                    G_DEFINE_ENUM_VALUE (RTES_FICHE_SECTION_PROGRAMME, "programme"),
                    G_DEFINE_ENUM_VALUE (RTES_FICHE_SECTION_ACTIONS, "actions"))

enum {
  PROP_0,
  PROP_SECTION,
  PROP_EMBEDDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  const char *path;
  const char *heading;       /* with a mnemonic */
  const char *description;
  const char *(*get) (RtesFiche *fiche);
  void        (*set) (RtesFiche *fiche, const char *text);
} SectionInfo;

/* Headings are the site's labels, so staff recognise the section. */
static const SectionInfo sections[] = {
  [RTES_FICHE_SECTION_PANORAMA] = {
    "panorama",
    N_("Panorama of the SSE in the _territory"),
    N_("The social and solidarity economy of the territory: its networks, main players and figures."),
    rtes_fiche_get_panorama, rtes_fiche_set_panorama,
  },
  [RTES_FICHE_SECTION_BUDGET] = {
    "budget.text",
    N_("Budget _dedicated to the SSE"),
    N_("How the collectivity funds the SSE and with which means. Put the amounts themselves in the budget lines below."),
    rtes_fiche_get_budget_text, rtes_fiche_set_budget_text,
  },
  [RTES_FICHE_SECTION_PROGRAMME] = {
    "programme",
    N_("Intervention programme in the _field of the SSE"),
    N_("The policy: strategy, schemes, calls for projects, who leads it."),
    rtes_fiche_get_programme, rtes_fiche_set_programme,
  },
  [RTES_FICHE_SECTION_ACTIONS] = {
    "actions",
    N_("_Examples of actions supported by the collectivity"),
    N_("Projects, organisations and events the collectivity has supported."),
    rtes_fiche_get_actions, rtes_fiche_set_actions,
  },
};

static void
update_preview (RtesTextSectionPage *self,
                const char          *text)
{
  g_autofree char *markup = NULL;

  gtk_widget_set_visible (self->preview_empty, text == NULL || text[0] == '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->preview), !gtk_widget_get_visible (self->preview_empty));
  if (text == NULL || text[0] == '\0')
    return;

  markup = rtes_fiche_text_to_pango_markup (text);
  gtk_label_set_markup (self->preview, markup);
}

static void
on_buffer_changed (GtkTextBuffer       *buffer,
                   RtesTextSectionPage *self)
{
  RtesFormPage *page = RTES_FORM_PAGE (self);
  RtesFiche *fiche = rtes_form_page_get_fiche (page);
  g_autofree char *text = NULL;

  text = rtes_fiche_text_view_dup_text (RTES_FICHE_TEXT_VIEW (self->view));
  update_preview (self, text);

  if (!rtes_form_page_begin_edit (page, self->view))
    return;
  sections[self->section].set (fiche, text);
  rtes_form_page_end_edit (page);
}

/* What GTK does as one user action (a paste over a selection, a list item
 * continued on Enter) is one undo step; plain typing still groups in
 * words across them. */
static void
on_begin_user_action (GtkTextBuffer       *buffer,
                      RtesTextSectionPage *self)
{
  if (self->user_actions++ == 0 && !rtes_form_page_is_refilling (RTES_FORM_PAGE (self)))
    {
      self->action_open = TRUE;
      rtes_form_page_begin_action (RTES_FORM_PAGE (self), NULL);
    }
}

static void
on_end_user_action (GtkTextBuffer       *buffer,
                    RtesTextSectionPage *self)
{
  if (self->user_actions == 0 || --self->user_actions > 0 || !self->action_open)
    return;
  self->action_open = FALSE;
  rtes_form_page_end_action (RTES_FORM_PAGE (self));
}

static void
rtes_text_section_page_fiche_changed (RtesFormPage *page,
                                      RtesFiche    *fiche)
{
  RtesTextSectionPage *self = RTES_TEXT_SECTION_PAGE (page);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  const char *text = sections[self->section].get (fiche);
  g_autofree char *shown = NULL;
  GtkTextIter iter;
  int offset;

  if (text == NULL)
    text = "";
  if (rtes_form_page_is_edit_source (page, self->view))
    return;

  shown = rtes_fiche_text_view_dup_text (RTES_FICHE_TEXT_VIEW (self->view));
  if (g_strcmp0 (shown, text) == 0)
    return;

  /* A change from elsewhere (undo, reload): keep the cursor where it was
   * as far as the new text allows, rather than jumping to the end. */
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  offset = gtk_text_iter_get_offset (&iter);
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  gtk_text_buffer_place_cursor (buffer, &iter);
}

static void
apply_section (RtesTextSectionPage *self)
{
  const SectionInfo *info = &sections[self->section];

  gtk_label_set_text_with_mnemonic (self->heading, _(info->heading));
  gtk_label_set_text (self->description, _(info->description));
  rtes_form_page_add_field (RTES_FORM_PAGE (self), info->path, GTK_WIDGET (self->view));
}

static void
rtes_text_section_page_set_section (RtesTextSectionPage *self,
                                    RtesFicheSection     section)
{
  g_return_if_fail (RTES_IS_TEXT_SECTION_PAGE (self));
  g_return_if_fail (section <= RTES_FICHE_SECTION_ACTIONS);

  if (self->section == section)
    return;

  rtes_form_page_remove_field (RTES_FORM_PAGE (self), sections[self->section].path);
  self->section = section;
  apply_section (self);
  rtes_form_page_refill (RTES_FORM_PAGE (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTION]);
}

/* An embedded page does not scroll on its own: the page around it does.
 * Construct-only in effect: a page can be embedded, not un-embedded. */
static void
rtes_text_section_page_set_embedded (RtesTextSectionPage *self,
                                     gboolean             embedded)
{
  g_autoptr(GtkWidget) content = NULL;

  g_return_if_fail (RTES_IS_TEXT_SECTION_PAGE (self));

  embedded = !!embedded;
  if (self->embedded == embedded)
    return;
  /* Embedding is for good: the page around takes over scrolling. */
  g_return_if_fail (embedded);

  self->embedded = TRUE;
  /* Without its scroller and clamp: a scrolled window that never scrolls
   * still cuts wrapped text short, and a second clamp would inset. */
  content = g_object_ref (self->content);
  adw_clamp_set_child (self->clamp, NULL);
  adw_bin_set_child (ADW_BIN (self), content);
  self->scroller = NULL;
  self->clamp = NULL;
  g_object_set (content, "margin-top", 0, "margin-bottom", 0,
                "margin-start", 0, "margin-end", 0, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMBEDDED]);
}

GtkTextView *
rtes_text_section_page_get_view (RtesTextSectionPage *self)
{
  g_return_val_if_fail (RTES_IS_TEXT_SECTION_PAGE (self), NULL);

  return self->view;
}

RtesFormatBar *
rtes_text_section_page_get_format_bar (RtesTextSectionPage *self)
{
  g_return_val_if_fail (RTES_IS_TEXT_SECTION_PAGE (self), NULL);

  return self->format_bar;
}

GtkLabel *
rtes_text_section_page_get_preview (RtesTextSectionPage *self)
{
  g_return_val_if_fail (RTES_IS_TEXT_SECTION_PAGE (self), NULL);

  return self->preview;
}

static void
rtes_text_section_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RtesTextSectionPage *self = RTES_TEXT_SECTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_SECTION:
      g_value_set_enum (value, self->section);
      break;
    case PROP_EMBEDDED:
      g_value_set_boolean (value, self->embedded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_text_section_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  RtesTextSectionPage *self = RTES_TEXT_SECTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_SECTION:
      rtes_text_section_page_set_section (self, g_value_get_enum (value));
      break;
    case PROP_EMBEDDED:
      rtes_text_section_page_set_embedded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rtes_text_section_page_class_init (RtesTextSectionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RtesFormPageClass *page_class = RTES_FORM_PAGE_CLASS (klass);

  object_class->get_property = rtes_text_section_page_get_property;
  object_class->set_property = rtes_text_section_page_set_property;

  page_class->fiche_changed = rtes_text_section_page_fiche_changed;

  properties[PROP_SECTION] =
    g_param_spec_enum ("section", NULL, NULL,
                       RTES_TYPE_FICHE_SECTION, RTES_FICHE_SECTION_PANORAMA,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_EMBEDDED] =
    g_param_spec_boolean ("embedded", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RTES_TYPE_FICHE_TEXT_VIEW);
  g_type_ensure (RTES_TYPE_FORMAT_BAR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/rtes/Fiches/editor/rtes-text-section-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RtesTextSectionPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, RtesTextSectionPage, clamp);
  gtk_widget_class_bind_template_child (widget_class, RtesTextSectionPage, content);
  gtk_widget_class_bind_template_child (widget_class, RtesTextSectionPage, heading);
  gtk_widget_class_bind_template_child (widget_class, RtesTextSectionPage, description);
  gtk_widget_class_bind_template_child (widget_class, RtesTextSectionPage, view);
  gtk_widget_class_bind_template_child (widget_class, RtesTextSectionPage, format_bar);
  gtk_widget_class_bind_template_child (widget_class, RtesTextSectionPage, preview);
  gtk_widget_class_bind_template_child (widget_class, RtesTextSectionPage, preview_empty);
}

static void
rtes_text_section_page_init (RtesTextSectionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rtes_editor_disable_text_undo (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->view), "changed",
                           G_CALLBACK (on_buffer_changed), self, 0);
  g_signal_connect_object (gtk_text_view_get_buffer (self->view), "begin-user-action",
                           G_CALLBACK (on_begin_user_action), self, 0);
  g_signal_connect_object (gtk_text_view_get_buffer (self->view), "end-user-action",
                           G_CALLBACK (on_end_user_action), self, 0);
  apply_section (self);
  update_preview (self, NULL);
}

GtkWidget *
rtes_text_section_page_new (RtesFicheSection section)
{
  return g_object_new (RTES_TYPE_TEXT_SECTION_PAGE, "section", section, NULL);
}
