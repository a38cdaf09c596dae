/* rtes-card-row.h: base class of the cards in the editor's lists
 *
 * A budget line and a contact are each edited in a card: an expander row
 * whose header sums up the item and whose children edit its members. Each
 * kind of card is a subclass with its own template; the base class does
 * what every card does the same way:
 *
 * - It owns the item (the construct-only "item" property) and runs the
 *   refill() hook whenever the item notifies, with
 *   rtes_card_row_is_refilling() TRUE so that the change handlers it
 *   triggers do not write back.
 * - A widget edit writes to the item at once, between
 *   rtes_card_row_begin_write() and rtes_card_row_end_write(), which tell
 *   the page around so that it dates the fiche. Refilling leaves that
 *   widget alone (rtes_card_row_is_edit_source()), so the cursor of the
 *   person typing never moves.
 * - Plain fields (an entry, a switch) are bound to the item's property of
 *   their name (rtes_card_row_bind_field()): written and refilled by that
 *   same protocol, with no handler of the subclass's own.
 * - Its fields, registered by member name ("amount", "email"…), receive
 *   the validation messages and the keyboard focus; the warning icon in
 *   the header sums the messages up while the card is closed.
 * - Its menu's actions PREFIX.move-up, PREFIX.move-down (also Alt+Up and
 *   Alt+Down) and PREFIX.remove ask the page with ::move and ::remove,
 *   because the order lives in the fiche's list, not in the card.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RTES_TYPE_CARD_ROW (rtes_card_row_get_type ())
G_DECLARE_DERIVABLE_TYPE (RtesCardRow, rtes_card_row, RTES, CARD_ROW, AdwExpanderRow)

struct _RtesCardRowClass
{
  AdwExpanderRowClass parent_class;

  /* Refill the widgets and the header from the item, which is set. */
  void        (*refill) (RtesCardRow *self);

  /*< private >*/
  const char *action_prefix;   /* set by rtes_card_row_class_install_actions() */

  gpointer    padding[8];
};

/* For the subclass's class_init: installs PREFIX.move-up, PREFIX.move-down
 * and PREFIX.remove, which its menu names, and the Alt+Up/Down keys.
 * @prefix is a static string ("line", "contact"). */
void        rtes_card_row_class_install_actions (GtkWidgetClass *widget_class,
                                                 const char     *prefix);

/* For the subclass's init, after its template: the header's warning icon
 * and the fields; rtes_card_row_set_main_field() names the one a card
 * opens on when nothing more precise is asked. */
void        rtes_card_row_set_warning_icon (RtesCardRow *self,
                                            GtkWidget   *icon);
void        rtes_card_row_add_field        (RtesCardRow *self,
                                            const char  *name,
                                            GtkWidget   *widget);
/* Adds the field and binds @widget to the item's property @name. */
void        rtes_card_row_bind_field       (RtesCardRow *self,
                                            const char  *name,
                                            GtkWidget   *widget);
void        rtes_card_row_set_main_field   (RtesCardRow *self,
                                            const char  *name);

gpointer    rtes_card_row_get_item         (RtesCardRow *self);

gboolean    rtes_card_row_is_refilling     (RtesCardRow *self);
/* Returns FALSE, and the caller must not write, while refilling or when
 * the page around refuses the edit (see rtes_form_page_begin_edit()). */
gboolean    rtes_card_row_begin_write      (RtesCardRow *self,
                                            gpointer     widget);
void        rtes_card_row_end_write        (RtesCardRow *self);
gboolean    rtes_card_row_is_edit_source   (RtesCardRow *self,
                                            gpointer     widget);
/* Text typed in @field ("amount") that cannot be stored yet, or NULL:
 * handed to the page around (rtes_form_page_set_pending_text()) under
 * the card's member path ("budget.lines[2].amount"). */
void        rtes_card_row_set_pending_text (RtesCardRow *self,
                                            const char  *field,
                                            const char  *text);

/* What the page tells its cards. */

/* Enables PREFIX.move-up / PREFIX.move-down by the card's place. */
void        rtes_card_row_set_position     (RtesCardRow *self,
                                            guint        position,
                                            guint        n_items);
/* Marks the fields with the issues under @path ("contacts[2]") + ".",
 * and shows the icon in the header for any issue about the card. */
void        rtes_card_row_show_issues      (RtesCardRow *self,
                                            GPtrArray   *issues,
                                            const char  *path);
/* A card just added (the Add button): it shows no validation message
 * until the focus has left it once, then the last issues it was given. */
void        rtes_card_row_set_fresh        (RtesCardRow *self);
/* Opens the card and focuses @field ("email"…; NULL: the main field). */
gboolean    rtes_card_row_focus_field      (RtesCardRow *self,
                                            const char  *field);
/* The field holding the keyboard focus and its cursor, or NULL; and
 * putting the focus back there in a new card for the same item. */
const char *rtes_card_row_get_focus        (RtesCardRow *self,
                                            int         *position);
void        rtes_card_row_restore_focus    (RtesCardRow *self,
                                            const char  *field,
                                            int          position);

G_END_DECLS
