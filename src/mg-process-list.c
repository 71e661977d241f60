/* mg-process-list.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Details > Processes: the whole tree, then one row per process of the
 * run in the tree's order, each with its own peak and when it ran.
 * Choosing a row shows that process alone on the graph.
 */
#include "config.h"

#include "mg-process-list.h"
#include "mg-units.h"

#include <glib/gi18n.h>

/* A row of the list: which process, how deep in the tree, and whether it
 * has ended (then its row says all there is to say). */
#define MG_TYPE_PROCESS_ROW (mg_process_row_get_type ())
G_DECLARE_FINAL_TYPE (MgProcessRow, mg_process_row, MG, PROCESS_ROW, AdwActionRow)

struct _MgProcessRow
{
  AdwActionRow parent_instance;

  int          process;   /* index in the recording, or -1 for all of them */
  int          depth;
  gboolean     ended;
};

G_DEFINE_FINAL_TYPE (MgProcessRow, mg_process_row, ADW_TYPE_ACTION_ROW)

static void
mg_process_row_class_init (MgProcessRowClass *klass)
{
}

static void
mg_process_row_init (MgProcessRow *self)
{
  self->process = -1;
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
}

struct _MgProcessList
{
  AdwBin        parent_instance;

  /* template widgets */
  GtkListBox   *list;

  /* owned */
  MgRecording  *recording;
  GPtrArray    *rows;       /* MgProcessRow, one per process, in the recording's order */
};

G_DEFINE_FINAL_TYPE (MgProcessList, mg_process_list, ADW_TYPE_BIN)

enum {
  PROCESS_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
describe_process (MgRecording     *recording,
                  const MgProcess *p)
{
  g_autofree char *size = mg_format_bytes (p->peak_rss);
  /* TRANSLATORS: the own peak of a process that ended out of sight, and
   * where the figure comes from, e.g. "at least 8 MiB (last VmHWM read)" */
  g_autofree char *peak = p->end_s >= 0 && !p->peak_exact
                            ? g_strdup_printf (_("at least %s (%s)"), size,
                                               mg_peak_source_to_string (p->peak_source))
                            : g_strdup (size);
  g_autofree char *start = mg_format_duration (p->start_s);

  if (p->end_s >= 0)
    {
      g_autofree char *end = mg_format_duration (p->end_s);
      /* TRANSLATORS: peak of one process, and when it ran */
      return g_strdup_printf (_("peak %s · %s to %s"), peak, start, end);
    }
  /* TRANSLATORS: peak of one process, and since when it runs */
  return g_strdup_printf (_("peak %s · since %s"), peak, start);
}

static int
row_depth (GtkListBoxRow *row)
{
  return MG_IS_PROCESS_ROW (row) ? MG_PROCESS_ROW (row)->depth : 0;
}

/* The list shows the tree: a process's row comes after its parent's and
 * the rows of its parent's earlier children, indented one step more. */
static void
insert_in_tree (MgProcessList   *self,
                MgProcessRow    *row,
                const MgProcess *p)
{
  int parent = mg_recording_find_process (self->recording, p->ppid);
  MgProcessRow *parent_row = NULL;
  int position = -1;

  row->depth = 0;
  if (parent >= 0 && (guint) parent < self->rows->len && p->ppid != p->pid)
    parent_row = g_ptr_array_index (self->rows, parent);
  if (parent_row != NULL)
    {
      row->depth = parent_row->depth + 1;
      position = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (parent_row)) + 1;
      for (;;)
        {
          GtkListBoxRow *next = gtk_list_box_get_row_at_index (self->list, position);

          if (next == NULL || row_depth (next) <= parent_row->depth)
            break;
          position++;
        }
    }
  gtk_widget_set_margin_start (GTK_WIDGET (row), 16 * MIN (row->depth, 10));
  if (position < 0)
    gtk_list_box_append (self->list, GTK_WIDGET (row));
  else
    gtk_list_box_insert (self->list, GTK_WIDGET (row), position);
}

static void
on_row_selected (MgProcessList *self,
                 GtkListBoxRow *row)
{
  int index = row != NULL && MG_IS_PROCESS_ROW (row) ? MG_PROCESS_ROW (row)->process : -1;

  g_signal_emit (self, signals[PROCESS_SELECTED], 0, index);
}

static void
clear_rows (MgProcessList *self)
{
  GtkListBoxRow *all = gtk_list_box_get_row_at_index (self->list, 0);

  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  gtk_list_box_select_row (self->list, all);
}

static void
mg_process_list_dispose (GObject *object)
{
  MgProcessList *self = (MgProcessList *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_PROCESS_LIST);
  g_clear_object (&self->recording);

  G_OBJECT_CLASS (mg_process_list_parent_class)->dispose (object);
}

static void
mg_process_list_finalize (GObject *object)
{
  MgProcessList *self = (MgProcessList *) object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (mg_process_list_parent_class)->finalize (object);
}

static void
mg_process_list_class_init (MgProcessListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_process_list_dispose;
  object_class->finalize = mg_process_list_finalize;

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
  GtkWidget *all;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  all = g_object_new (MG_TYPE_PROCESS_ROW, NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (all), _("All Processes"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (all), _("Their sum"));
  gtk_list_box_append (self->list, all);
  gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (all));
}

/**
 * mg_process_list_set_recording:
 * @recording: (nullable): the run whose processes to list
 *
 * Lists the processes of @recording, the whole tree chosen.
 */
void
mg_process_list_set_recording (MgProcessList *self,
                               MgRecording   *recording)
{
  g_return_if_fail (MG_IS_PROCESS_LIST (self));
  g_return_if_fail (recording == NULL || MG_IS_RECORDING (recording));

  clear_rows (self);
  g_set_object (&self->recording, recording);
}

/**
 * mg_process_list_update:
 *
 * One row per process of the run, after the "whole tree" row; rows come
 * as processes appear, and their subtitles follow their peaks.
 */
void
mg_process_list_update (MgProcessList *self)
{
  guint n;

  g_return_if_fail (MG_IS_PROCESS_LIST (self));

  if (self->recording == NULL)
    return;

  n = mg_recording_get_n_processes (self->recording);
  for (guint i = 0; i < n; i++)
    {
      const MgProcess *p = mg_recording_get_process (self->recording, i);
      g_autofree char *subtitle = NULL;
      MgProcessRow *row;

      g_autofree char *title = g_strdup_printf ("%d · %s", p->pid,
                                                p->name[0] ? p->name : _("(ended before it was seen)"));

      if (i < self->rows->len)
        {
          row = g_ptr_array_index (self->rows, i);
          /* An ended process's row says all there is to say. */
          if (row->ended)
            continue;
          /* Its name follows what it runs (exec). */
          if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) != 0)
            {
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
              gtk_widget_set_tooltip_text (GTK_WIDGET (row), p->cmdline);
            }
        }
      else
        {
          row = g_object_new (MG_TYPE_PROCESS_ROW, NULL);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          gtk_widget_set_tooltip_text (GTK_WIDGET (row), p->cmdline);
          row->process = (int) i;
          insert_in_tree (self, row, p);
          g_ptr_array_add (self->rows, row);
        }
      subtitle = describe_process (self->recording, p);
      if (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), subtitle) != 0)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (p->end_s >= 0)
        row->ended = TRUE;
    }
}

/**
 * mg_process_list_select:
 * @index: a process of the recording, or -1 for all of them
 *
 * Chooses a row, as a person would.
 */
void
mg_process_list_select (MgProcessList *self,
                        int            index)
{
  g_return_if_fail (MG_IS_PROCESS_LIST (self));

  mg_process_list_update (self);
  gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, index + 1));
}
