/* rtes-card-list-page.h: base class of the pages that list cards
 *
 * The budget lines and the contacts are each a GListStore of the fiche,
 * shown as a boxed GtkListBox of RtesCardRow, one per item, that can be
 * added, removed and reordered. This form page does it for both:
 *
 * - it binds the subclass's list box to the store that get_store() names,
 *   with a card from create_card() for each item;
 * - the Add button appends an empty item of the store's item type, with
 *   a new item key ("key" property);
 * - add, remove and move write to the store as one edit of the page, and
 *   keep the keyboard focus on the card that was moved, added or that
 *   took the removed one's place;
 * - undo and reload replace the whole list, hence every card: the cards
 *   that were open are open again and the person typing in one keeps
 *   typing in the same field of its new card;
 * - validation issues under CARD_PATH[N] and focus requests for them go
 *   to card N.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rtes-form-page.h"

G_BEGIN_DECLS

#define RTES_TYPE_CARD_LIST_PAGE (rtes_card_list_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (RtesCardListPage, rtes_card_list_page, RTES, CARD_LIST_PAGE, RtesFormPage)

struct _RtesCardListPageClass
{
  RtesFormPageClass parent_class;

  /* The member path of the list in the fiche: card N edits
   * "CARD_PATH[N]" ("contacts", "budget.lines"). */
  const char *card_path;

  /* The list of @fiche the page shows. */
  GListStore *(*get_store)   (RtesCardListPage *self,
                              RtesFiche        *fiche);
  /* The RtesCardRow that edits @item. */
  GtkWidget  *(*create_card) (RtesCardListPage *self,
                              gpointer          item);

  gpointer    padding[8];
};

/* For the subclass's init, after its template: the list box of cards. */
void        rtes_card_list_page_set_list      (RtesCardListPage *self,
                                               GtkListBox       *list);

/* What the Add button and the cards' menus do. add returns the new item
 * (owned by the fiche), or NULL without a fiche. */
gpointer    rtes_card_list_page_add           (RtesCardListPage *self);
void        rtes_card_list_page_remove        (RtesCardListPage *self,
                                               guint             position);
void        rtes_card_list_page_move          (RtesCardListPage *self,
                                               guint             position,
                                               int               delta);

/* TRUE if @path is CARD_PATH[N] or under it. */
gboolean    rtes_card_list_page_is_card_path  (RtesCardListPage *self,
                                               const char       *path);

G_END_DECLS
