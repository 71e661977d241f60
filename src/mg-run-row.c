/* mg-run-row.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row of the list of runs: a check box to compare the run, its name to
 * edit, and a line that says when it started, how long it took, its peak
 * and how it ended. The check box and the name follow the run's
 * properties, both ways.
 */
#include "config.h"

#include "mg-run-row.h"

struct _MgRunRow
{
  GtkListBoxRow     parent_instance;

  /* template widgets */
  GtkCheckButton   *check;
  GtkEditableLabel *title;
  GtkLabel         *command;
  GtkLabel         *subtitle;

  /* owned */
  MgRun            *run;
};

G_DEFINE_FINAL_TYPE (MgRunRow, mg_run_row, GTK_TYPE_LIST_BOX_ROW)

static void
on_editing_changed (MgRunRow *self)
{
  /* A name is taken when its editing ends; an empty one is not. */
  if (self->run != NULL && !gtk_editable_label_get_editing (self->title))
    {
      mg_run_set_label (self->run, gtk_editable_get_text (GTK_EDITABLE (self->title)));
      /* Focus goes back to the row now: GTK 4.8's editable label checks
       * its focus 100 ms after losing it, with a timeout that does not keep
       * it alive, and a window closed with the focus still in the name
       * would be gone by then. */
      if (gtk_widget_has_focus (GTK_WIDGET (self->title)) ||
          gtk_widget_get_focus_child (GTK_WIDGET (self->title)) != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (self));
    }
}

static void
on_recording_finished (MgRunRow *self)
{
  mg_run_row_update (self);
}

static void
mg_run_row_dispose (GObject *object)
{
  MgRunRow *self = (MgRunRow *) object;

  if (self->run != NULL)
    g_signal_handlers_disconnect_by_func (mg_run_get_recording (self->run),
                                          on_recording_finished, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_RUN_ROW);
  g_clear_object (&self->run);

  G_OBJECT_CLASS (mg_run_row_parent_class)->dispose (object);
}

static void
mg_run_row_class_init (MgRunRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_run_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mg-run-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MgRunRow, check);
  gtk_widget_class_bind_template_child (widget_class, MgRunRow, title);
  gtk_widget_class_bind_template_child (widget_class, MgRunRow, command);
  gtk_widget_class_bind_template_child (widget_class, MgRunRow, subtitle);
  gtk_widget_class_bind_template_callback (widget_class, on_editing_changed);
}

static void
mg_run_row_init (MgRunRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mg_run_row_new:
 * @run: the run to show
 *
 * Returns: (transfer floating): a row for the list of runs
 */
GtkWidget *
mg_run_row_new (MgRun *run)
{
  MgRunRow *self;
  g_autofree char *command = NULL;

  g_return_val_if_fail (MG_IS_RUN (run), NULL);

  self = g_object_new (MG_TYPE_RUN_ROW, NULL);
  self->run = g_object_ref (run);
  command = mg_recording_dup_title (mg_run_get_recording (run));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), command);
  gtk_label_set_text (self->command, command);
  g_object_bind_property (run, "label", self->title, "text", G_BINDING_SYNC_CREATE);
  g_object_bind_property (run, "compared", self->check, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_signal_connect_object (mg_run_get_recording (run), "finished",
                           G_CALLBACK (on_recording_finished), self, G_CONNECT_SWAPPED);
  mg_run_row_update (self);
  return GTK_WIDGET (self);
}

/**
 * mg_run_row_get_run:
 *
 * Returns: (transfer none): the run of the row
 */
MgRun *
mg_run_row_get_run (MgRunRow *self)
{
  g_return_val_if_fail (MG_IS_RUN_ROW (self), NULL);
  return self->run;
}

/**
 * mg_run_row_update:
 *
 * Says the run's figures again, such as while its command runs.
 */
void
mg_run_row_update (MgRunRow *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (MG_IS_RUN_ROW (self));

  /* Nothing to say once disposed. */
  if (self->run == NULL)
    return;
  text = mg_run_dup_summary (self->run);
  /* Only what changed: a live run's row is said again several times a
   * second, and each new text lays the list out again. */
  if (g_strcmp0 (gtk_label_get_text (self->subtitle), text) != 0)
    gtk_label_set_text (self->subtitle, text);
}

/**
 * mg_run_row_get_title:
 *
 * Returns: (transfer none): the run's name, to edit
 */
GtkEditableLabel *
mg_run_row_get_title (MgRunRow *self)
{
  g_return_val_if_fail (MG_IS_RUN_ROW (self), NULL);
  return self->title;
}

/**
 * mg_run_row_get_editing:
 *
 * Returns: whether the run's name is being edited
 */
gboolean
mg_run_row_get_editing (MgRunRow *self)
{
  g_return_val_if_fail (MG_IS_RUN_ROW (self), FALSE);
  return self->title != NULL && gtk_editable_label_get_editing (self->title);
}

/**
 * mg_run_row_get_command_label:
 *
 * Returns: (transfer none): the label of the run's command
 */
GtkLabel *
mg_run_row_get_command_label (MgRunRow *self)
{
  g_return_val_if_fail (MG_IS_RUN_ROW (self), NULL);
  return self->command;
}

/**
 * mg_run_row_get_summary_label:
 *
 * Returns: (transfer none): the label of the run's start time, duration,
 *   peak and outcome
 */
GtkLabel *
mg_run_row_get_summary_label (MgRunRow *self)
{
  g_return_val_if_fail (MG_IS_RUN_ROW (self), NULL);
  return self->subtitle;
}
