/* mg-output-view.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Details > Output: a GtkListView over the recording's kept output, one
 * row widget per visible line, each line's start shown on one line of its
 * row and ellipsized; Copy Line puts the whole kept line on the clipboard.
 */
#include "config.h"

#include "mg-output-view.h"
#include "mg-output-list.h"
#include "mg-units.h"

#include <glib/gi18n.h>

struct _MgOutputView
{
  AdwBin              parent_instance;

  /* template widgets */
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  GtkLabel           *status;
  GtkPopover         *menu;

  /* owned */
  MgRecording        *recording;
  MgOutputList       *model;
};

G_DEFINE_FINAL_TYPE (MgOutputView, mg_output_view, ADW_TYPE_BIN)

enum {
  LINE_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void on_row_pressed (GtkGestureClick *gesture, int n_press, double x, double y,
                            GtkListItem *list_item);

static void
on_row_setup (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              MgOutputView             *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *time = gtk_label_new (NULL);
  GtkWidget *text = gtk_label_new (NULL);
  GtkWidget *note = gtk_label_new (NULL);

  gtk_widget_add_css_class (time, "monospace");
  gtk_widget_add_css_class (time, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (time), 1);
  gtk_widget_add_css_class (text, "monospace");
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  /* One line of the row, whatever the line's length. */
  gtk_label_set_single_line_mode (GTK_LABEL (text), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_widget_add_css_class (note, "caption");
  gtk_box_append (GTK_BOX (box), time);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), note);
  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
    g_signal_connect (click, "pressed", G_CALLBACK (on_row_pressed), list_item);
    gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (click));
  }
  gtk_list_item_set_child (list_item, box);
}

static void
on_row_bind (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             MgOutputView             *self)
{
  MgOutputItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *time = gtk_widget_get_first_child (box);
  GtkWidget *text = gtk_widget_get_next_sibling (time);
  GtkWidget *note = gtk_widget_get_next_sibling (text);

  gtk_widget_remove_css_class (text, "warning");
  gtk_widget_remove_css_class (text, "dim-label");
  if (mg_output_item_is_gap (item))
    {
      guint64 n = mg_output_item_get_gap_lines (item);
      gulong plural = n > G_MAXULONG ? G_MAXULONG : (gulong) n;
      g_autofree char *words = NULL;

      words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "… %llu line not kept …",
                                            "… %llu lines not kept …", plural),
                               (unsigned long long) n);

      gtk_label_set_text (GTK_LABEL (time), "");
      gtk_label_set_text (GTK_LABEL (text), words);
      gtk_widget_add_css_class (text, "dim-label");
      gtk_label_set_text (GTK_LABEL (note), "");
      gtk_widget_set_visible (note, FALSE);
      return;
    }

  {
    g_autofree char *when = g_strdup_printf ("%.3f s", mg_output_item_get_time (item));

    gtk_label_set_text (GTK_LABEL (time), when);
  }
  gtk_label_set_text (GTK_LABEL (text), mg_output_item_get_preview (item));
  if (mg_output_item_get_stream (item) == MG_OUTPUT_STDERR)
    gtk_widget_add_css_class (text, "warning");

  /* A long line says its length; a cut one, how much of it is kept. */
  if (mg_output_item_get_full_length (item) > mg_output_item_get_length (item))
    {
      g_autofree char *kept = mg_format_bytes (mg_output_item_get_length (item));
      g_autofree char *full = mg_format_bytes (mg_output_item_get_full_length (item));
      g_autofree char *words = g_strdup_printf (_("first %s of %s kept"), kept, full);

      gtk_label_set_text (GTK_LABEL (note), words);
      gtk_widget_set_visible (note, TRUE);
    }
  else if (mg_output_item_get_length (item) > MG_OUTPUT_ITEM_PREVIEW)
    {
      g_autofree char *full = mg_format_bytes (mg_output_item_get_full_length (item));

      gtk_label_set_text (GTK_LABEL (note), full);
      gtk_widget_set_visible (note, TRUE);
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (note), "");
      gtk_widget_set_visible (note, FALSE);
    }
}

static void
update_status (MgOutputView *self)
{
  g_autofree char *message = self->recording != NULL
                             ? mg_recording_dup_output_message (self->recording) : NULL;

  gtk_label_set_text (self->status, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status), message != NULL);
}

static void
on_items_changed (MgOutputView *self,
                  guint         position,
                  guint         removed,
                  guint         added,
                  GListModel   *model)
{
  update_status (self);
}

/**
 * mg_output_view_set_recording:
 * @recording: (nullable): the run whose output to list
 */
void
mg_output_view_set_recording (MgOutputView *self,
                              MgRecording  *recording)
{
  g_return_if_fail (MG_IS_OUTPUT_VIEW (self));
  g_return_if_fail (recording == NULL || MG_IS_RECORDING (recording));

  g_set_object (&self->recording, recording);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);
  g_clear_object (&self->model);
  if (self->recording != NULL)
    {
      self->model = mg_output_list_new (self->recording);
      g_signal_connect_object (self->model, "items-changed",
                               G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
    }
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));
  update_status (self);
}


static void
on_selected (MgOutputView       *self,
             GParamSpec         *pspec,
             GtkSingleSelection *selection)
{
  MgOutputItem *item = gtk_single_selection_get_selected_item (selection);
  double t = item != NULL && !mg_output_item_is_gap (item) ? mg_output_item_get_time (item) : -1;

  /* The moment the line was written, for the graph to mark; -1 when no
   * line (or a gap) is chosen. */
  g_signal_emit (self, signals[LINE_SELECTED], 0, t);
}

/**
 * mg_output_view_copy_line:
 * @position: a row of the view
 *
 * Selects that row and puts its whole kept line on the clipboard.
 *
 * Returns: %TRUE when there was a line to copy
 */
gboolean
mg_output_view_copy_line (MgOutputView *self,
                          guint         position)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (MG_IS_OUTPUT_VIEW (self), FALSE);

  if (self->model == NULL)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  text = mg_output_list_dup_line (self->model, position);
  if (text == NULL)
    return FALSE;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  return TRUE;
}

/**
 * mg_output_view_get_selected:
 *
 * Returns: the row chosen, or %GTK_INVALID_LIST_POSITION
 */
guint
mg_output_view_get_selected (MgOutputView *self)
{
  g_return_val_if_fail (MG_IS_OUTPUT_VIEW (self), GTK_INVALID_LIST_POSITION);
  return gtk_single_selection_get_selected (self->selection);
}

/* A right click on a row: select it, then offer to copy it. */
static void
on_row_pressed (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                GtkListItem     *list_item)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  MgOutputView *self = MG_OUTPUT_VIEW (gtk_widget_get_ancestor (row, MG_TYPE_OUTPUT_VIEW));
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self->menu));
  guint position = gtk_list_item_get_position (list_item);
  double px, py;

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  gtk_single_selection_set_selected (self->selection, position);
  if (!gtk_widget_translate_coordinates (row, parent, x, y, &px, &py))
    return;
  gtk_popover_set_pointing_to (self->menu, &(GdkRectangle) { (int) px, (int) py, 1, 1 });
  gtk_popover_popup (self->menu);
}

/**
 * mg_output_view_get_n_rows:
 *
 * Returns: how many rows the view has: the lines kept, and the gap
 *   between the first and the last ones when lines were not kept
 */
guint
mg_output_view_get_n_rows (MgOutputView *self)
{
  g_return_val_if_fail (MG_IS_OUTPUT_VIEW (self), 0);
  return self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model))
                                   : 0;
}

/**
 * mg_output_view_get_list_view:
 *
 * Returns: (transfer none): the list of the view
 */
GtkListView *
mg_output_view_get_list_view (MgOutputView *self)
{
  g_return_val_if_fail (MG_IS_OUTPUT_VIEW (self), NULL);
  return self->list_view;
}

/**
 * mg_output_view_get_status:
 *
 * Returns: what the view says of the lines kept and not kept
 */
const char *
mg_output_view_get_status (MgOutputView *self)
{
  g_return_val_if_fail (MG_IS_OUTPUT_VIEW (self), NULL);
  return gtk_label_get_text (self->status);
}

static void
mg_output_view_dispose (GObject *object)
{
  MgOutputView *self = (MgOutputView *) object;

  if (self->selection != NULL)
    gtk_single_selection_set_model (self->selection, NULL);
  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_OUTPUT_VIEW);
  g_clear_object (&self->recording);

  G_OBJECT_CLASS (mg_output_view_parent_class)->dispose (object);
}

static void
mg_output_view_class_init (MgOutputViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_output_view_dispose;

  /**
   * MgOutputView::line-selected:
   * @time_s: when the line chosen was written, or -1 when no line is
   */
  signals[LINE_SELECTED] =
    g_signal_new ("line-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mg-output-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MgOutputView, list_view);
  gtk_widget_class_bind_template_child (widget_class, MgOutputView, selection);
  gtk_widget_class_bind_template_child (widget_class, MgOutputView, status);
  gtk_widget_class_bind_template_child (widget_class, MgOutputView, menu);
  gtk_widget_class_bind_template_callback (widget_class, on_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_row_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_row_bind);
}

static void
mg_output_view_init (MgOutputView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
