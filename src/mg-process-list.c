/* mg-process-list.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Details > Processes: the whole tree, then one row per process of the
 * run in the tree's order, each with its own peak and when it ran: a row
 * per item of the recording's process model.
 * Choosing a row shows that process alone on the graph.
 */
#include "config.h"

#include "mg-process-list.h"
#include "mg-recording-models.h"
#include "mg-units.h"

#include <glib/gi18n.h>

/* A row of the list: the process it shows (its item of the recording's
 * process model), or the whole tree. */
#define MG_TYPE_PROCESS_ROW (mg_process_row_get_type ())
G_DECLARE_FINAL_TYPE (MgProcessRow, mg_process_row, MG, PROCESS_ROW, AdwActionRow)

struct _MgProcessRow
{
  AdwActionRow   parent_instance;

  MgProcessItem *item;
  int            process;   /* index in the recording, or -1 for all of them */
};

G_DEFINE_FINAL_TYPE (MgProcessRow, mg_process_row, ADW_TYPE_ACTION_ROW)

static void
mg_process_row_dispose (GObject *object)
{
  MgProcessRow *self = (MgProcessRow *) object;

  g_clear_object (&self->item);

  G_OBJECT_CLASS (mg_process_row_parent_class)->dispose (object);
}

static void
mg_process_row_class_init (MgProcessRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mg_process_row_dispose;
}

static void
mg_process_row_init (MgProcessRow *self)
{
  self->process = -1;
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
}

struct _MgProcessList
{
  AdwBin         parent_instance;

  /* template widgets */
  GtkListBox    *list;

  /* owned */
  MgRecording   *recording;
  GListStore    *all;       /* the one item of the "whole tree" row */
};

G_DEFINE_FINAL_TYPE (MgProcessList, mg_process_list, ADW_TYPE_BIN)

enum {
  PROCESS_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
describe_process (MgProcessItem *p)
{
  g_autofree char *size = mg_format_bytes (mg_process_item_get_peak_rss (p));
  double end_s = mg_process_item_get_end (p);
  /* TRANSLATORS: the own peak of a process that ended out of sight, and
   * where the figure comes from, e.g. "at least 8 MiB (last VmHWM read)" */
  g_autofree char *peak = end_s >= 0 && !mg_process_item_get_peak_exact (p)
                            ? g_strdup_printf (_("at least %s (%s)"), size,
                                               mg_peak_source_to_string (mg_process_item_get_peak_source (p)))
                            : g_strdup (size);
  g_autofree char *start = mg_format_duration (mg_process_item_get_start (p));

  if (end_s >= 0)
    {
      g_autofree char *end = mg_format_duration (end_s);
      /* TRANSLATORS: peak of one process, and when it ran */
      return g_strdup_printf (_("peak %s · %s to %s"), peak, start, end);
    }
  /* TRANSLATORS: peak of one process, and since when it runs */
  return g_strdup_printf (_("peak %s · since %s"), peak, start);
}

/* The row follows its process: its name (after an exec), its peak, its end. */
static void
update_row (MgProcessRow *row)
{
  const char *name = mg_process_item_get_name (row->item);
  g_autofree char *title = g_strdup_printf ("%d · %s", mg_process_item_get_pid (row->item),
                                            name[0] ? name : _("(ended before it was seen)"));
  g_autofree char *subtitle = describe_process (row->item);

  if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) != 0)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), mg_process_item_get_cmdline (row->item));
    }
  if (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), subtitle) != 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  MgProcessRow *row = g_object_new (MG_TYPE_PROCESS_ROW, NULL);

  row->item = g_object_ref (item);
  row->process = mg_process_item_get_index (row->item);
  if (row->process < 0)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("All Processes"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Their sum"));
      return GTK_WIDGET (row);
    }
  /* The tree, one step of indent per generation. */
  gtk_widget_set_margin_start (GTK_WIDGET (row), 16 * MIN (mg_process_item_get_depth (row->item), 10));
  update_row (row);
  g_signal_connect_object (row->item, "changed", G_CALLBACK (update_row), row, G_CONNECT_SWAPPED);
  return GTK_WIDGET (row);
}

static void
on_row_selected (MgProcessList *self,
                 GtkListBoxRow *row)
{
  int index = row != NULL && MG_IS_PROCESS_ROW (row) ? MG_PROCESS_ROW (row)->process : -1;

  g_signal_emit (self, signals[PROCESS_SELECTED], 0, index);
}

static void
mg_process_list_dispose (GObject *object)
{
  MgProcessList *self = (MgProcessList *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_PROCESS_LIST);
  g_clear_object (&self->recording);
  g_clear_object (&self->all);

  G_OBJECT_CLASS (mg_process_list_parent_class)->dispose (object);
}

static void
mg_process_list_class_init (MgProcessListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_process_list_dispose;

  /**
   * MgProcessList::process-selected:
   * @index: a process of the recording, or -1 for all of them
   */
  signals[PROCESS_SELECTED] =
    g_signal_new ("process-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mg-process-list.ui");
  gtk_widget_class_bind_template_child (widget_class, MgProcessList, list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
}

static void
mg_process_list_init (MgProcessList *self)
{
  g_autoptr(MgProcessItem) all = g_object_new (MG_TYPE_PROCESS_ITEM, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->all = g_list_store_new (MG_TYPE_PROCESS_ITEM);
  g_list_store_append (self->all, all);
  mg_process_list_set_recording (self, NULL);
}

/**
 * mg_process_list_set_recording:
 * @recording: (nullable): the run whose processes to list
 *
 * Lists the processes of @recording after the "whole tree" row, in the
 * order of their tree, the whole tree chosen. Rows come as processes
 * appear, and follow their names, peaks and ends.
 */
void
mg_process_list_set_recording (MgProcessList *self,
                               MgRecording   *recording)
{
  g_autoptr(GListStore) parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_autoptr(GtkFlattenListModel) rows = NULL;

  g_return_if_fail (MG_IS_PROCESS_LIST (self));
  g_return_if_fail (recording == NULL || MG_IS_RECORDING (recording));

  g_set_object (&self->recording, recording);
  g_list_store_append (parts, self->all);
  if (recording != NULL)
    g_list_store_append (parts, mg_recording_get_process_model (recording));
  rows = gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&parts)));
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (rows), create_row, NULL, NULL);
  gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, 0));
}

/**
 * mg_process_list_select:
 * @index: a process of the recording, or -1 for all of them
 *
 * Chooses its row, as a person would.
 */
void
mg_process_list_select (MgProcessList *self,
                        int            index)
{
  GtkListBoxRow *row;

  g_return_if_fail (MG_IS_PROCESS_LIST (self));

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    if (MG_IS_PROCESS_ROW (row) && MG_PROCESS_ROW (row)->process == index)
      break;
  gtk_list_box_select_row (self->list, row);
}
