/* rtes-window-private.h: what the window's own files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-ask.h"
#include "rtes-export-job.h"
#include "rtes-sidebar.h"
#include "rtes-window.h"

G_BEGIN_DECLS

/* What a file chooser does with the file chosen. */
typedef void (*RtesWindowChosen) (RtesWindow *self,
                                  GFile      *file);

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
  AdwStatusPage *broken_page;
  AdwStatusPage *error_page;
  AdwBin *editor_bin;
  GtkWidget *save_button;
  GtkWidget *history_box;
  GtkWidget *fiche_menu_button;
  GtkWidget *conflict_buttons;
  GtkMenuButton *primary_menu_button;
  GtkRevealer *progress_revealer;
  GtkLabel *progress_label;
  GtkProgressBar *progress_bar;
  GtkRevealer *sync_revealer;
  GtkLabel *sync_banner_label;     /* says whether the site or an import clashed */
  GtkWidget *overview_page;       /* RtesOverviewPage */

  /* Owned */
  GSettings *settings;
  GCancellable *cancellable;      /* cancelled when the window goes */
  RtesLibrary *library;
  RtesWorkspace *workspace;
  RtesFiche *fiche;               /* shown in the content area */
  RtesDocument *document;         /* of ->fiche; NULL for a broken file */
  GtkWidget *editor;
  GHashTable *deleted;            /* id → copy of a deleted fiche, for undo */
  GtkFileChooserNative *chooser;   /* one at a time; what it is for: */
  GPtrArray *chooser_fiches;      /* the fiches to export, */
  RtesExportFormat chooser_format; /* how */
  char *chooser_title;            /* and under which title; */
  RtesWindowChosen chooser_chosen; /* then what */
  GtkWidget *save_error_dialog;   /* weak: one at a time, however many autosaves fail */
  RtesDocument *save_error_document; /* the fiche that dialog is about */

  /* Long operations on the library (import, export, sync), one at a time */
  GCancellable *operation;        /* set while one runs; the Stop button */
  guint pulse_source;
  GObject *sync;                  /* RtesSyncController */
  gpointer sync_summary;          /* RtesSyncSummary*: the last sync's, for its Details */
  GPtrArray *sync_details;        /* the last sync's lines about no fiche in particular */
  gpointer conflicts_window;      /* weak RtesSyncConflictsWindow, while open */
  GPtrArray *import_conflicts;    /* RtesConflict*: the library's open import conflicts */
  char *import_report;            /* the last import's report, by fiche name */
  guint import_group;             /* the last import's group of undo steps */
  guint selection_group;          /* the last selection action's group */
  GtkPrintSettings *print_settings;
  GMenu *recent_menu;             /* section of the primary menu */
  GObject *review_context;        /* RtesReviewContext of the library */
  GtkWidget *review_window;       /* weak: the library's Relecture, when open */

  /* State */
  gboolean watcher_held;          /* a sync writes files: outside changes wait */
  char *opening_path;             /* library being opened in a thread */
  gboolean close_confirmed;
  gboolean overview_visible;      /* the content area shows the overview */
};

/* rtes-window-actions.c */
void rtes_window_class_init_actions (GtkWidgetClass *widget_class);
void rtes_window_update_actions     (RtesWindow     *self);
void rtes_window_toast              (RtesWindow     *self,
                                     const char     *message);
AdwToast *rtes_window_new_toast     (const char     *message);
/* Says @message with a button @label that activates @action with @target
 * (no button without a @target). */
void rtes_window_toast_button       (RtesWindow       *self,
                                     const char       *message,
                                     AdwToastPriority  priority,
                                     const char       *label,
                                     const char       *action,
                                     GVariant         *target);
void rtes_window_show_save_error    (RtesWindow     *self,
                                     RtesDocument   *document,
                                     const GError   *error);
void rtes_window_offer_recovery     (RtesWindow     *self,
                                     GPtrArray      *journals);
void rtes_window_ask_to_close       (RtesWindow     *self);
/* Moves @fiche to the trash, a copy kept for Undo, and closes @document
 * (may be NULL); FALSE, and said, if the file could not go. */
gboolean rtes_window_trash_fiche    (RtesWindow     *self,
                                     RtesFiche      *fiche,
                                     RtesDocument   *document);
/* Shows @fiche (nothing when NULL) and, on a phone, turns to it. */
void rtes_window_select_fiche       (RtesWindow     *self,
                                     RtesFiche      *fiche);
/* The name entry of the New and Rename dialogs, for tests. */
GtkEditable *rtes_window_get_name_dialog_entry (AdwMessageDialog *dialog);

/* File choosers open in the library's parent (choosing a library) or the
 * Documents folder, never in the process's working folder. */
GFile *rtes_window_get_chooser_folder (RtesWindow     *self,
                                       gboolean        for_library);
/* Shows @chooser as the window's one chooser (closing the one open), modal
 * in that folder, @fiches (may be NULL) as ->chooser_fiches; @chosen gets
 * the file chosen, before rtes_window_close_chooser(). */
void rtes_window_show_chooser       (RtesWindow           *self,
                                     GtkFileChooserNative *chooser,
                                     GPtrArray            *fiches,
                                     RtesWindowChosen      chosen);
void rtes_window_close_chooser      (RtesWindow           *self);
/* The header's name for the open library: "Default Library" for the
 * one Fiches RTES keeps in its data folder, the folder's name otherwise. */
char *rtes_window_library_display_name (RtesWindow  *self,
                                        const char  *path);

/* rtes-window-errors.c: what went wrong in French, the system's text as
 * a detail. Errors of our own domains (already French) are shown as they
 * are; a cancelled operation shows nothing. */
void rtes_window_class_init_errors  (GtkWidgetClass *widget_class);
gboolean rtes_window_error_is_ours  (const GError   *error);
/* A French sentence for a GIO, resolver, TLS or D-Bus error's code. */
const char *rtes_window_explain_error (const GError *error);
/* A toast saying @format (the French summary) with a "Details" button
 * that shows the explanation and the system's text. */
void rtes_window_show_error         (RtesWindow     *self,
                                     const GError   *error,
                                     const char     *format,
                                     ...) G_GNUC_PRINTF (3, 4);
/* The "Details" expander holding @details, selectable. */
GtkWidget *rtes_window_error_details_new (const char *details);

/* rtes-window-selection.c: the list's selection mode */
void rtes_window_class_init_selection     (GtkWidgetClass *widget_class);
void rtes_window_update_selection_actions (RtesWindow     *self);
void rtes_window_ask_booklet_title        (RtesWindow     *self,
                                           GPtrArray      *fiches);
/* Takes back the group of undo steps @group (an @import's, or a selection
 * action's) in every fiche it changed, and says how many. */
void rtes_window_undo_group               (RtesWindow     *self,
                                           guint           group,
                                           gboolean        import);
/* The contacts of @fiches to the vCard file @target, in a thread; a toast
 * says how many. */
void rtes_window_export_vcard             (RtesWindow     *self,
                                           GPtrArray      *fiches,
                                           GFile          *target);

/* rtes-window-io.c: import, export, print and sync */
/* Asks where to export @fiches, then exports them. */
void rtes_window_choose_export_target (RtesWindow       *self,
                                       GPtrArray        *fiches,
                                       RtesExportFormat  format,
                                       const char       *title);
/* The toast's words for an export that succeeded. */
char *rtes_window_describe_export   (RtesExportJob    *job);
void rtes_window_class_init_io      (GtkWidgetClass *widget_class);
void rtes_window_io_set_library     (RtesWindow     *self);
void rtes_window_io_dispose         (RtesWindow     *self);
gboolean rtes_window_is_busy        (RtesWindow     *self);
void rtes_window_update_sync_banner (RtesWindow     *self);
/* The last sync left something to read in its Details. */
gboolean rtes_window_sync_has_details (RtesWindow   *self);

/* rtes-window-review.c: the Relecture (docs/review.md) */
void rtes_window_class_init_review  (GtkWidgetClass *widget_class);
void rtes_window_review_set_library (RtesWindow     *self);
void rtes_window_review_dispose     (RtesWindow     *self);

G_END_DECLS
