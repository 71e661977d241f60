/* mg-window-actions.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's actions: run, stop, run again, a new command, the demo,
 * the working directory and markers, and their keys.
 */
#include "config.h"

#include "mg-window-private.h"
#include "mg-process-picker.h"
#include "mg-runner.h"

#include <glib/gi18n.h>

static void
on_marker_response (AdwMessageDialog *dialog,
                    const char       *response,
                    MgWindow         *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  double *t = g_object_get_data (G_OBJECT (dialog), "time");

  if (g_strcmp0 (response, "add") == 0)
    mg_window_add_marker (self, *t, gtk_editable_get_text (entry));
}

static void
add_marker_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MgWindow *self = MG_WINDOW (widget);
  double t;
  g_autofree char *heading = NULL;
  GtkWidget *dialog, *entry;

  if (self->recording == NULL)
    return;
  /* The moment of the key press, not of the dialog's answer. */
  t = mg_session_get_elapsed (self->session);
  heading = g_strdup_printf (_("Marker at %.2f s"), t);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, _("A label for it, if you like:"));
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  g_object_set_data_full (G_OBJECT (dialog), "time", g_memdup2 (&t, sizeof t), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_marker_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  _mg_window_command_activated (MG_WINDOW (widget));
}

static void
demo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MgWindow *self = MG_WINDOW (widget);
  g_autofree char *demo = mg_find_libexec ("memgraph-demo");
  const char *argv[] = { demo, NULL };

  mg_window_run_command (self, argv, g_get_home_dir (),
                         mg_start_page_get_interval (self->start_page), FALSE);
}

/* The demo again as a program that stores floats: the second half of the
 * README's comparison, with the runs to check in view. */
static void
demo_floats_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MgWindow *self = MG_WINDOW (widget);
  g_autofree char *demo = mg_find_libexec ("memgraph-demo");
  const char *argv[] = { demo, "--floats", NULL };
  double interval = self->recording != NULL ? mg_recording_get_interval (self->recording)
                                            : mg_start_page_get_interval (self->start_page);

  if (!mg_window_run_command (self, argv, g_get_home_dir (), interval, FALSE))
    return;
  gtk_stack_set_visible_child_name (self->side_stack, "runs");
  gtk_toggle_button_set_active (self->processes_toggle, TRUE);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MgWindow *self = MG_WINDOW (widget);

  if (mg_window_is_running (self))
    {
      mg_session_stop (self->session);
      /* Watching stops at once, and says so; a command takes its time. */
      if (mg_window_is_running (self))
        gtk_label_set_text (self->status_label,
                            _("Stopping: sent SIGTERM, SIGKILL follows in 3 s…"));
    }
}

static void
new_command_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MgWindow *self = MG_WINDOW (widget);

  if (self->recording != NULL)
    {
      g_autofree char *title = mg_recording_dup_title (self->recording);

      mg_start_page_offer_text (self->start_page, title);
    }
  gtk_stack_set_visible_child_name (self->stack, "start");
  mg_start_page_focus (self->start_page);
  _mg_window_update_actions (self);
}

/* From the start page back to the graph of the run shown before, as it was. */
static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MgWindow *self = MG_WINDOW (widget);

  if (self->recording == NULL)
    return;
  _mg_window_show_run_page (self);
  _mg_window_update_actions (self);
}

/* Run Again, and Run Again, Following Every Process. */
static void
run_again_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MgWindow *self = MG_WINDOW (widget);
  gboolean follow = g_strcmp0 (action_name, "win.run-again-following") == 0;
  g_autoptr(GError) error = NULL;

  if (self->recording == NULL || mg_window_is_running (self))
    return;

  if (mg_session_run_again (self->session, follow, &error) == NULL)
    _mg_window_show_start_error (self, error);
  else
    _mg_window_show_started (self);
}

/* A process chosen in the picker: watched as a new run; one that cannot
 * be watched is said under the start page's entry, and nothing changes. */
static void
on_process_chosen (MgWindow *self,
                   int       pid)
{
  g_autoptr(GError) error = NULL;
  pid_t chosen = (pid_t) pid;

  if (mg_window_is_running (self))
    return;
  if (mg_session_attach (self->session, &chosen, 1, mg_start_page_get_interval (self->start_page),
                         FALSE, &error) == NULL)
    {
      _mg_window_show_start_error (self, error);
      return;
    }
  _mg_window_show_started (self);
}

static void
watch_process_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MgWindow *self = MG_WINDOW (widget);
  MgProcessPicker *picker;

  if (mg_window_is_running (self))
    return;
  picker = mg_process_picker_new (GTK_WINDOW (self));
  g_signal_connect_object (picker, "chosen", G_CALLBACK (on_process_chosen), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (picker));
}

void
_mg_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "win.demo", NULL, demo_action);
  gtk_widget_class_install_action (widget_class, "win.watch-process", NULL, watch_process_action);
  gtk_widget_class_install_action (widget_class, "win.demo-floats", NULL, demo_floats_action);
  gtk_widget_class_install_action (widget_class, "win.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "win.new-command", NULL, new_command_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
  gtk_widget_class_install_action (widget_class, "win.run-again", NULL, run_again_action);
  gtk_widget_class_install_action (widget_class, "win.run-again-following", NULL,
                                   run_again_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, _mg_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", NULL, _mg_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.export-json", NULL, _mg_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.copy", NULL, _mg_window_copy_action);
  gtk_widget_class_install_action (widget_class, "win.open-exported", NULL,
                                   _mg_window_open_exported_action);
  gtk_widget_class_install_action (widget_class, "win.show-exported", NULL,
                                   _mg_window_show_exported_action);
  gtk_widget_class_install_action (widget_class, "win.add-marker", NULL, add_marker_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "win.add-marker", NULL);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, _mg_window_open_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  /* Save Recording, as Save is everywhere; and Stop, deliberately two keys
   * away from anything typed (Escape is Back). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.export-json", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_period, GDK_CONTROL_MASK,
                                       "win.stop", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.run-again", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-command", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}
