/* mg-marker-list.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Details > Markers: the moments marked in the run, each with its label
 * and time, over the recording's marker model (a GtkListView: rows only
 * for the markers in view). Choosing one marks its time on the graph.
 */
#include "config.h"

#include "mg-marker-list.h"
#include "mg-recording-models.h"

#include <glib/gi18n.h>

struct _MgMarkerList
{
  AdwBin              parent_instance;

  /* template widgets (the bin's child is a stack: "empty" and "list") */
  GtkListView        *list_view;

  /* owned */
  MgRecording        *recording;
  GtkSingleSelection *selection;
};

G_DEFINE_FINAL_TYPE (MgMarkerList, mg_marker_list, ADW_TYPE_BIN)

enum {
  MARKER_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_selected (MgMarkerList *self)
{
  MgMarkerItem *marker = gtk_single_selection_get_selected_item (self->selection);

  g_signal_emit (self, signals[MARKER_SELECTED], 0,
                 marker != NULL ? mg_marker_item_get_time (marker) : -1.0);
}

static void
on_items_changed (MgMarkerList *self)
{
  gtk_stack_set_visible_child_name (GTK_STACK (adw_bin_get_child (ADW_BIN (self))),
                                    g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0
                                    ? "list" : "empty");
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  g_autofree char *title_text = NULL;
  g_autofree char *time_text = NULL;

  mg_marker_list_get_row_texts (gtk_list_item_get_item (item), &title_text, &time_text);
  gtk_label_set_text (GTK_LABEL (title), title_text);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (title)), time_text);
}

static void
mg_marker_list_dispose (GObject *object)
{
  MgMarkerList *self = (MgMarkerList *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_MARKER_LIST);
  g_clear_object (&self->selection);
  g_clear_object (&self->recording);

  G_OBJECT_CLASS (mg_marker_list_parent_class)->dispose (object);
}

static void
mg_marker_list_class_init (MgMarkerListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_marker_list_dispose;

  /**
   * MgMarkerList::marker-selected:
   * @time_s: the time of the marker chosen, or -1 when none is
   */
  signals[MARKER_SELECTED] =
    g_signal_new ("marker-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mg-marker-list.ui");
  gtk_widget_class_bind_template_child (widget_class, MgMarkerList, list_view);
}

static void
mg_marker_list_init (MgMarkerList *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Rows are made only for the markers in view, however many there are. */
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selected), self);
  g_signal_connect_swapped (self->selection, "items-changed", G_CALLBACK (on_items_changed), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}

/**
 * mg_marker_list_get_row_texts:
 * @marker: an item of a recording's marker model
 * @title: (out): the row's title: the label, or "Marker" when it has none
 * @time: (out): the row's subtitle: its time
 *
 * What the row of @marker says.
 */
void
mg_marker_list_get_row_texts (MgMarkerItem  *marker,
                              char         **title,
                              char         **time)
{
  const char *label = mg_marker_item_get_label (marker);

  *title = g_strdup (label[0] != '\0' ? label : _("Marker"));
  *time = g_strdup_printf ("%.3f s", mg_marker_item_get_time (marker));
}

/**
 * mg_marker_list_get_model:
 *
 * Returns: (transfer none): the markers listed, in time order
 */
GListModel *
mg_marker_list_get_model (MgMarkerList *self)
{
  g_return_val_if_fail (MG_IS_MARKER_LIST (self), NULL);
  return G_LIST_MODEL (self->selection);
}

/**
 * mg_marker_list_set_recording:
 * @recording: (nullable): the run whose markers to list
 *
 * Lists the markers of @recording, and those added to it later.
 */
void
mg_marker_list_set_recording (MgMarkerList *self,
                              MgRecording  *recording)
{
  g_return_if_fail (MG_IS_MARKER_LIST (self));
  g_return_if_fail (recording == NULL || MG_IS_RECORDING (recording));

  g_set_object (&self->recording, recording);
  gtk_single_selection_set_model (self->selection,
                                  recording != NULL ? mg_recording_get_marker_model (recording)
                                                    : NULL);
  on_items_changed (self);
}
