/* mg-marker-list.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Details > Markers: the moments marked in the run, each with its label
 * and time, a row per item of the recording's marker model. Choosing one
 * marks its time on the graph.
 */
#include "config.h"

#include "mg-marker-list.h"
#include "mg-recording-models.h"

#include <glib/gi18n.h>

/* A row of the list, with the time of its marker. */
#define MG_TYPE_MARKER_ROW (mg_marker_row_get_type ())
G_DECLARE_FINAL_TYPE (MgMarkerRow, mg_marker_row, MG, MARKER_ROW, AdwActionRow)

struct _MgMarkerRow
{
  AdwActionRow parent_instance;

  double       time_s;
};

G_DEFINE_FINAL_TYPE (MgMarkerRow, mg_marker_row, ADW_TYPE_ACTION_ROW)

static void
mg_marker_row_class_init (MgMarkerRowClass *klass)
{
}

static void
mg_marker_row_init (MgMarkerRow *self)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
}

struct _MgMarkerList
{
  AdwBin       parent_instance;

  /* template widgets */
  GtkListBox  *list;

  /* owned */
  MgRecording *recording;
};

G_DEFINE_FINAL_TYPE (MgMarkerList, mg_marker_list, ADW_TYPE_BIN)

enum {
  MARKER_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_row_selected (MgMarkerList  *self,
                 GtkListBoxRow *row)
{
  g_signal_emit (self, signals[MARKER_SELECTED], 0,
                 row != NULL && MG_IS_MARKER_ROW (row) ? MG_MARKER_ROW (row)->time_s : -1.0);
}

static void
mg_marker_list_dispose (GObject *object)
{
  MgMarkerList *self = (MgMarkerList *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_MARKER_LIST);
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
  gtk_widget_class_bind_template_child (widget_class, MgMarkerList, list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
}

static void
mg_marker_list_init (MgMarkerList *self)
{
  GtkWidget *hint;

  gtk_widget_init_template (GTK_WIDGET (self));

  hint = gtk_label_new (_("Press Ctrl+M while a command runs to mark a moment"));
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_widget_set_margin_top (hint, 24);
  gtk_widget_set_margin_start (hint, 12);
  gtk_widget_set_margin_end (hint, 12);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_list_box_set_placeholder (self->list, hint);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  MgMarkerItem *marker = item;
  MgMarkerRow *row = g_object_new (MG_TYPE_MARKER_ROW, NULL);
  const char *label = mg_marker_item_get_label (marker);
  g_autofree char *time = g_strdup_printf ("%.3f s", mg_marker_item_get_time (marker));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label[0] ? label : _("Marker"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), time);
  row->time_s = mg_marker_item_get_time (marker);
  return GTK_WIDGET (row);
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
  gtk_list_box_bind_model (self->list,
                           recording != NULL ? mg_recording_get_marker_model (recording) : NULL,
                           create_row, NULL, NULL);
}
