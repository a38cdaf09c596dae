/* rtes-spelling.c: spelling as one types, in every prose field of a page
 *
 * Finds the text views and text fields under a widget that hold French
 * prose and attaches to each the helper for its kind of widget
 * (RtesTextViewSpelling, RtesEntrySpelling). Apart from the review
 * context, which the helpers use and which needs to know nothing of them.
 * What the two helpers share is below them, in rtes-spelling-core.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rtes-entry-spelling.h"
#include "rtes-spelling.h"
#include "rtes-text-view-spelling.h"

/* Text that is not French prose: nobody wants "dupont@mairie" underlined. */
static gboolean
holds_prose (GtkText *text)
{
  switch (gtk_text_get_input_purpose (text))
    {
    case GTK_INPUT_PURPOSE_FREE_FORM:
    case GTK_INPUT_PURPOSE_ALPHA:
      break;
    case GTK_INPUT_PURPOSE_DIGITS:
    case GTK_INPUT_PURPOSE_NUMBER:
    case GTK_INPUT_PURPOSE_PHONE:
    case GTK_INPUT_PURPOSE_URL:
    case GTK_INPUT_PURPOSE_EMAIL:
    case GTK_INPUT_PURPOSE_NAME:
    case GTK_INPUT_PURPOSE_PASSWORD:
    case GTK_INPUT_PURPOSE_PIN:
    case GTK_INPUT_PURPOSE_TERMINAL:
    default:
      return FALSE;
    }
  return gtk_text_get_visibility (text) &&
         gtk_widget_get_ancestor (GTK_WIDGET (text), GTK_TYPE_SEARCH_ENTRY) == NULL &&
         gtk_widget_get_ancestor (GTK_WIDGET (text), GTK_TYPE_SPIN_BUTTON) == NULL;
}

void
rtes_spelling_attach_under (GtkWidget         *root,
                            RtesReviewContext *context)
{
  g_return_if_fail (GTK_IS_WIDGET (root));
  g_return_if_fail (RTES_IS_REVIEW_CONTEXT (context));

  if (GTK_IS_TEXT_VIEW (root))
    {
      if (gtk_text_view_get_editable (GTK_TEXT_VIEW (root)))
        rtes_text_view_spelling_attach (GTK_TEXT_VIEW (root), context);
      return;
    }
  if (GTK_IS_TEXT (root))
    {
      if (holds_prose (GTK_TEXT (root)))
        rtes_entry_spelling_attach (GTK_TEXT (root), context);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    rtes_spelling_attach_under (child, context);
}
