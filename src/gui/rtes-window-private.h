/* rtes-window-private.h: what the window's own files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-fiche-history.h"
#include "rtes-sidebar.h"
#include "rtes-window.h"

G_BEGIN_DECLS

struct _RtesWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwLeaflet *leaflet;
  GtkWidget *sidebar_pane;
  GtkWidget *content_pane;
  RtesSidebar *sidebar;
  AdwWindowTitle *library_title;
  AdwWindowTitle *fiche_title;
  GtkRevealer *conflict_revealer;
  GtkStack *content_stack;
  AdwStatusPage *welcome_page;
  AdwStatusPage *broken_page;
  AdwStatusPage *error_page;
  AdwBin *editor_bin;
  GtkWidget *sync_button;

  /* Owned */
  GSettings *settings;
  GCancellable *cancellable;      /* cancelled when the window goes */
  RtesLibrary *library;
  RtesWorkspace *workspace;
  RtesFiche *fiche;               /* shown in the content area */
  RtesFicheHistory *history;      /* of ->fiche */
  GtkWidget *editor;
  GHashTable *deleted;            /* id → copy of a deleted fiche, for undo */
  GtkFileChooserNative *chooser;

  /* State */
  char *opening_path;             /* library being opened in a thread */
  gboolean close_confirmed;
};

/* rtes-window-actions.c */
void rtes_window_class_init_actions (GtkWidgetClass *widget_class);
void rtes_window_update_actions     (RtesWindow     *self);
void rtes_window_toast              (RtesWindow     *self,
                                     const char     *message);
void rtes_window_show_save_error    (RtesWindow     *self,
                                     RtesFiche      *fiche,
                                     const GError   *error);
void rtes_window_offer_recovery     (RtesWindow     *self,
                                     GPtrArray      *journals);
void rtes_window_ask_to_close       (RtesWindow     *self);

G_END_DECLS
