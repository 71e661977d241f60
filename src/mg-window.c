/* mg-window.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: a start page to type a command, and a graph page that
 * shows the live run and keeps the final plot with how it ended.
 */
#include "config.h"

#include "mg-window.h"
#include "mg-describe.h"
#include "mg-window-private.h"
#include "mg-command.h"
#include "mg-import.h"
#include "mg-options.h"
#include "mg-remote.h"
#include "mg-run-strip.h"
#include "mg-runner.h"
#include "mg-session.h"
#include "mg-units.h"

#include <glib/gi18n.h>
#include <signal.h>
#include <string.h>

#define STRIP_UPDATE_MS 100

G_DEFINE_FINAL_TYPE (MgWindow, mg_window, ADW_TYPE_APPLICATION_WINDOW)



void
_mg_window_show_toast (MgWindow   *self,
            const char *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 5);
  _mg_window_add_toast (self, toast);
}

/* Shows @toast (taking it), and keeps a weak pointer to it for the tests. */
void
_mg_window_add_toast (MgWindow *self,
                      AdwToast *toast)
{
  g_set_weak_pointer (&self->last_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * mg_window_get_last_toast:
 *
 * Returns: (transfer none) (nullable): the last toast shown, while it is
 */
AdwToast *
mg_window_get_last_toast (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->last_toast;
}

/* Details > Output: the line chosen marks its time on the graph, and
 * can be copied. */

static void
on_output_line_selected (MgWindow     *self,
                         double        time_s,
                         MgOutputView *view)
{
  /* The moment the line was written, marked on the graph. */
  if (self->graph != NULL)
    mg_graph_set_highlight_time (self->graph, time_s);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-output-line", time_s >= 0);
}

/**
 * mg_window_copy_output_line:
 * @position: a row of Details > Output
 *
 * Selects that row and puts its whole kept line on the clipboard.
 *
 * Returns: %TRUE when there was a line to copy
 */
gboolean
mg_window_copy_output_line (MgWindow *self,
                            guint     position)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), FALSE);

  return mg_output_view_copy_line (self->output_view, position);
}

static void
copy_output_line_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  MgWindow *self = MG_WINDOW (widget);
  guint position = mg_output_view_get_selected (self->output_view);

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  if (mg_window_copy_output_line (self, position))
    _mg_window_show_toast (self, _("Line copied"));
  else
    _mg_window_show_toast (self, _("That line is no longer kept"));
}

/**
 * mg_window_get_n_output_rows:
 *
 * Returns: how many rows Details > Output has: the lines kept, and the gap
 *   between the first and the last ones when lines were not kept
 */
guint
mg_window_get_n_output_rows (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), 0);
  return mg_output_view_get_n_rows (self->output_view);
}

/**
 * mg_window_get_output_view:
 *
 * Returns: (transfer none): the list of Details > Output
 */
GtkListView *
mg_window_get_output_view (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return mg_output_view_get_list_view (self->output_view);
}

/**
 * mg_window_get_output_status:
 *
 * Returns: what Details > Output says of the lines kept and not kept
 */
const char *
mg_window_get_output_status (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return mg_output_view_get_status (self->output_view);
}

void
_mg_window_command_activated (MgWindow *self)
{
  mg_window_run_text (self, mg_start_page_get_text (self->start_page));
}

static void
on_start_page_open (MgWindow    *self,
                    GFile       *file,
                    MgStartPage *page)
{
  _mg_window_open_and_report (self, file);
}

void
_mg_window_update_actions (MgWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean running = mg_window_is_running (self);
  /* The page of a run: its graph, or why it could not start. */
  gboolean on_graph = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "start") != 0;
  gboolean have = self->recording != NULL;
  /* A command that could not start has no graph to export or run again. */
  gboolean failed = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "failed") == 0;

  gtk_widget_action_set_enabled (widget, "win.run", !running);
  gtk_widget_action_set_enabled (widget, "win.demo", !running);
  gtk_widget_action_set_enabled (widget, "win.stop", running);
  /* A file of samples has no command to run again; a run elsewhere whose
   * connection was lost has. */
  gboolean again = have && !running &&
                   (mg_recording_get_exit (self->recording)->kind != MG_EXIT_UNKNOWN ||
                    mg_remote_get_via_of (self->recording) != NULL);

  gtk_widget_action_set_enabled (widget, "win.run-again", again);
  gtk_widget_action_set_enabled (widget, "win.copy", have);
  gtk_widget_action_set_enabled (widget, "win.add-marker", have);
  gtk_widget_action_set_enabled (widget, "win.new-command", !running);
  gtk_widget_action_set_enabled (widget, "win.back", !on_graph && have);
  gtk_widget_action_set_enabled (widget, "win.export", have);
  gtk_widget_action_set_enabled (widget, "win.export-csv", have);
  gtk_widget_action_set_enabled (widget, "win.export-json", have);

  gtk_widget_set_visible (self->stop_button, running);
  gtk_widget_set_visible (self->back_button, !on_graph && have);
  gtk_widget_set_visible (self->new_button, on_graph && !running);
  gtk_widget_set_visible (self->run_again_button, on_graph && !failed && again);
  gtk_widget_set_visible (self->export_button, on_graph && !failed && have);
  /* After the demo, its floats version is one click away. */
  gtk_widget_action_set_enabled (widget, "win.demo-floats", !running);
  gtk_widget_set_visible (self->floats_button, on_graph && !running &&
                          _mg_window_is_demo (self, FALSE) &&
                          !mg_session_is_comparing (self->session));
  _mg_window_update_subtitle (self);
}

/* The header's subtitle names what the page shows, by the names the
 * person gave: the runs compared ("doubles vs floats"), or the run shown
 * and its command. */
void
_mg_window_update_subtitle (MgWindow *self)
{
  MgRun *run;
  g_autofree char *text = NULL;

  /* Nothing to title once disposed. */
  if (self->session == NULL || self->window_title == NULL)
    return;
  run = mg_session_get_current (self->session);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "start") == 0)
    text = NULL;
  else if (mg_session_is_comparing (self->session))
    {
      g_autoptr(GPtrArray) checked = g_ptr_array_new ();
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      mg_session_get_compared (self->session, checked, labels);
      text = g_strjoinv (_(" vs "), (char **) labels->pdata);
    }
  else if (run != NULL && self->recording == mg_run_get_recording (run))
    {
      g_autofree char *watch = mg_recording_dup_watch_title (self->recording);
      g_autofree char *command = watch != NULL ? g_steal_pointer (&watch)
                                               : mg_recording_dup_title (self->recording);
      const char *label = mg_run_get_label (run);

      /* A name made from the command is in it already. */
      if (strstr (command, label) != NULL)
        text = g_steal_pointer (&command);
      else
        /* TRANSLATORS: a run's name and its command */
        text = g_strdup_printf (_("%s — %s"), label, command);
    }
  else if (self->recording != NULL && mg_recording_get_attached (self->recording))
    text = mg_recording_dup_watch_title (self->recording);
  else if (self->recording != NULL)
    text = mg_recording_dup_title (self->recording);
  adw_window_title_set_subtitle (self->window_title, text);
}

/* Titles follow the name of the run shown as it is edited. */
static void
on_current_changed (MgWindow *self)
{
  MgRun *run = mg_session_get_current (self->session);

  if (self->named_run != NULL)
    g_clear_signal_handler (&self->label_handler, self->named_run);
  g_set_object (&self->named_run, run);
  if (run != NULL)
    self->label_handler = g_signal_connect_object (run, "notify::label",
                                                   G_CALLBACK (_mg_window_update_subtitle), self,
                                                   G_CONNECT_SWAPPED);
  _mg_window_update_subtitle (self);
}

/**
 * mg_window_get_subtitle:
 *
 * Returns: (transfer none) (nullable): the header's subtitle
 */
const char *
mg_window_get_subtitle (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return adw_window_title_get_subtitle (self->window_title);
}

/**
 * _mg_window_is_demo:
 * @floats: whether it is the floats version that is asked about
 *
 * Returns: whether the run shown is the demo, in that version
 */
gboolean
_mg_window_is_demo (MgWindow *self,
                    gboolean  floats)
{
  const char * const *argv;
  g_autofree char *base = NULL;
  gboolean has_floats = FALSE;

  if (self->recording == NULL)
    return FALSE;
  argv = mg_recording_get_argv (self->recording);
  if (argv == NULL || argv[0] == NULL)
    return FALSE;
  base = g_path_get_basename (argv[0]);
  if (strcmp (base, "memgraph-demo") != 0)
    return FALSE;
  for (guint i = 1; argv[i] != NULL; i++)
    has_floats |= strcmp (argv[i], "--floats") == 0;
  return has_floats == !!floats;
}

/**
 * mg_window_get_run_list:
 *
 * Returns: (transfer none): Details > Runs
 */
MgRunList *
mg_window_get_run_list (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->run_list;
}

/* The page of the run shown: its graph, or, for a command that could not
 * start, a page that says why instead of an empty chart. */
void
_mg_window_show_run_page (MgWindow *self)
{
  if (self->recording != NULL &&
      mg_recording_get_exit (self->recording)->kind == MG_EXIT_ERROR &&
      !mg_session_is_comparing (self->session))
    {
      const char *reason = mg_recording_get_exit (self->recording)->message;

      /* The title says it could not start; the description, why. */
      adw_status_page_set_description (self->failed_page, reason);
      gtk_stack_set_visible_child_name (self->stack, "failed");
    }
  else
    /* A live run's page comes at once: a crossfade would draw both pages
     * a dozen times over (a tenth of a second of a core with the cairo
     * renderer), just as the command starts. */
    gtk_stack_set_visible_child_full (self->stack, "graph",
                                      mg_window_is_running (self)
                                      ? GTK_STACK_TRANSITION_TYPE_NONE
                                      : gtk_stack_get_transition_type (self->stack));
}

/**
 * mg_window_dup_start_failure:
 *
 * Returns: (transfer full) (nullable): why the run shown could not start,
 *   such as "Could not start: pyhton3 was not found in PATH (…)", or %NULL
 *   when it started
 */
char *
mg_window_dup_start_failure (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);

  if (self->recording == NULL ||
      mg_recording_get_exit (self->recording)->kind != MG_EXIT_ERROR)
    return NULL;
  return mg_recording_describe_exit (self->recording);
}

/* The output view follows the run shown. */
void
_mg_window_show_output (MgWindow *self)
{
  mg_output_view_set_recording (self->output_view, self->recording);
}

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   MgWindow         *self)
{
  if (g_strcmp0 (response, "stop") != 0)
    return;

  if (mg_window_is_running (self))
    {
      self->close_when_finished = TRUE;
      mg_session_stop (self->session);
    }
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
mg_window_close_request (GtkWindow *window)
{
  MgWindow *self = MG_WINDOW (window);

  /* A command not started yet never starts: nothing to ask. */
  if (mg_session_is_starting (self->session))
    mg_session_stop (self->session);

  /* A process only watched runs on: closing stops watching, nothing to ask;
   * the window goes once the recorder has said so. */
  if (mg_window_is_running (self) && mg_recording_get_attached (self->recording) &&
      !self->close_when_finished)
    {
      self->close_when_finished = TRUE;
      mg_session_stop (self->session);
    }

  if (mg_window_is_running (self) && !self->close_when_finished)
    {
      g_autofree char *title = mg_recording_dup_title (self->recording);
      g_autofree char *body = g_strdup_printf (_("“%s” is still running. Closing the window "
                                                 "stops it: SIGTERM first, SIGKILL after 3 seconds."),
                                               title);
      GtkWidget *dialog = adw_message_dialog_new (window, _("Stop the Command?"), body);

      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "stop", _("_Stop and Close"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "stop",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect (dialog, "response", G_CALLBACK (on_close_response), self);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  if (self->close_when_finished && mg_window_is_running (self))
    return TRUE;

  return GTK_WINDOW_CLASS (mg_window_parent_class)->close_request (window);
}

static void
mg_window_dispose (GObject *object)
{
  MgWindow *self = (MgWindow *) object;

  /* Never leave a command behind a closed window. */
  mg_window_kill_command (self);
  _mg_window_detach_run (self);
  if (self->output_view != NULL)
    mg_output_view_set_recording (self->output_view, NULL);

  if (self->run_list != NULL)
    mg_run_list_set_model (self->run_list, NULL);

  if (self->named_run != NULL)
    g_clear_signal_handler (&self->label_handler, self->named_run);
  g_clear_object (&self->named_run);
  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_WINDOW);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mg_window_parent_class)->dispose (object);
}

static void
mg_window_finalize (GObject *object)
{
  MgWindow *self = (MgWindow *) object;

  g_clear_object (&self->settings);
  g_clear_object (&self->last_export);
  g_clear_weak_pointer (&self->last_toast);

  G_OBJECT_CLASS (mg_window_parent_class)->finalize (object);
}

static void
on_after_paint (GdkFrameClock *clock,
                MgWindow      *self)
{
  gint64 now = g_get_monotonic_time ();

  if (!self->bench_first_done)
    {
      self->bench_first_done = TRUE;
      g_printerr ("memgraph-bench: first-frame %" G_GINT64_FORMAT "\n", now);
    }
  if (self->bench_exit_pending && self->recording != NULL)
    {
      double end = mg_recording_get_command_end (self->recording);

      self->bench_exit_pending = FALSE;
      if (end >= 0)
        g_printerr ("memgraph-bench: exit-to-plot-us %" G_GINT64_FORMAT "\n",
                    now - (mg_session_get_start_time (self->session) + (gint64) (end * 1e6)));
    }
}

static void
on_map_for_bench (GtkWidget *widget)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (on_after_paint), widget, 0);
}

static void
on_process_selected (MgWindow      *self,
                     int            index,
                     MgProcessList *list)
{
  /* Rows are removed while the window is disposed. */
  if (self->graph == NULL)
    return;
  mg_graph_set_process (self->graph, index);
}

static void
on_marker_selected (MgWindow     *self,
                    double        time_s,
                    MgMarkerList *list)
{
  if (self->graph != NULL)
    mg_graph_set_highlight_time (self->graph, time_s);
}

static void
mg_window_class_init (MgWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mg_window_dispose;
  object_class->finalize = mg_window_finalize;
  window_class->close_request = mg_window_close_request;

  g_type_ensure (MG_TYPE_GRAPH);
  g_type_ensure (MG_TYPE_RUN_STRIP);
  g_type_ensure (MG_TYPE_START_PAGE);
  g_type_ensure (MG_TYPE_PROCESS_LIST);
  g_type_ensure (MG_TYPE_MARKER_LIST);
  g_type_ensure (MG_TYPE_RUN_LIST);
  g_type_ensure (MG_TYPE_OUTPUT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, run_again_button);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, stop_button);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, failed_page);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, graph);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, top_stack);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, strip);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, compare_label);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, bottom_stack);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, compare_status_label);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, sampling_label);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, processes_revealer);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, processes_toggle);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, process_list);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, run_list);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, marker_list);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, output_view);
  gtk_widget_class_bind_template_callback (widget_class, on_output_line_selected);

  gtk_widget_class_bind_template_child (widget_class, MgWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, follow_button);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, floats_button);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_run_activated",
                                                G_CALLBACK (_mg_window_run_activated));
  gtk_widget_class_bind_template_callback (widget_class, on_marker_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_process_selected);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_start_page_activate",
                                                G_CALLBACK (_mg_window_command_activated));
  gtk_widget_class_bind_template_callback (widget_class, on_start_page_open);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, start_page);

  gtk_widget_class_install_action (widget_class, "win.copy-output-line", NULL,
                                   copy_output_line_action);
  _mg_window_class_actions_init (widget_class);
}

static void
mg_window_init (MgWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "realize", G_CALLBACK (_mg_window_watch_frames), NULL);
  gtk_stack_set_visible_child_name (self->top_stack, "strip");
  gtk_stack_set_visible_child_name (self->bottom_stack, "run");

  self->session = mg_session_new ();
  g_signal_connect_object (self->session, "finished", G_CALLBACK (_mg_window_session_finished), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "comparison-changed", G_CALLBACK (_mg_window_update_compare), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::current", G_CALLBACK (on_current_changed), self,
                           G_CONNECT_SWAPPED);
  mg_run_list_set_model (self->run_list, mg_session_get_runs (self->session));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-output-line", FALSE);
  self->export_width = MG_EXPORT_DEFAULT_WIDTH;
  self->export_height = MG_EXPORT_DEFAULT_HEIGHT;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-exported", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-exported", FALSE);

  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    _mg_window_dnd_init (self);

    /* Ctrl+C on the focused graph copies it. */
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_c, GDK_CONTROL_MASK),
                                                            gtk_named_action_new ("win.copy")));
    gtk_widget_add_controller (GTK_WIDGET (self->graph), keys);
  }
  self->settings = g_settings_new (APP_ID);
  /* The size last chosen in the export dialog. */
  {
    g_autofree char *size = g_settings_get_string (self->settings, "export-size");

    mg_export_parse_size (size, &self->export_width, &self->export_height);
  }

  /* The toggles are actions on the settings, one binding per key for what
   * follows them. */
  {
    static const char *toggles[] = { "show-vsz", "show-kinds", "catch-spikes",
                                     "follow-every-process", "measure-pss" };
    g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

    for (guint i = 0; i < G_N_ELEMENTS (toggles); i++)
      {
        g_autoptr(GAction) action = g_settings_create_action (self->settings, toggles[i]);

        g_action_map_add_action (G_ACTION_MAP (group), action);
      }
    gtk_widget_insert_action_group (GTK_WIDGET (self), "settings", G_ACTION_GROUP (group));
  }
  g_settings_bind (self->settings, "show-vsz", self->graph, "show-vsz", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-kinds", self->graph, "show-kinds", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "show-rss", self->graph, "show-rss", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-pss", self->graph, "show-pss", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-envelope", self->graph, "show-envelope",
                   G_SETTINGS_BIND_DEFAULT);
  g_object_bind_property (self->graph, "following", self->follow_button, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_signal_connect_object (self->follow_button, "clicked", G_CALLBACK (mg_graph_follow),
                           self->graph, G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "catch-spikes", self->session, "catch-spikes",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "measure-pss", self->session, "measure-pss",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "follow-every-process", self->session, "follow-every-process",
                   G_SETTINGS_BIND_GET);
  g_object_bind_property (self->processes_toggle, "active", self->processes_revealer,
                          "reveal-child", G_BINDING_SYNC_CREATE);

  /* Read once: another window's size does not change this one's. */
  g_settings_bind (self->settings, "window-width", self, "default-width",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (self->settings, "window-maximized", self, "maximized",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);


  self->bench = g_getenv ("MEMGRAPH_BENCH") != NULL;
  if (self->bench)
    g_signal_connect (self, "map", G_CALLBACK (on_map_for_bench), NULL);

  _mg_window_update_actions (self);
  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (_mg_window_update_actions), self, G_CONNECT_SWAPPED);
  mg_start_page_focus (self->start_page);
}

/**
 * mg_window_new:
 * @application: (nullable): the application
 *
 * Returns: (transfer full): a new window on its start page
 */
MgWindow *
mg_window_new (GtkApplication *application)
{
  return g_object_new (MG_TYPE_WINDOW, "application", application, NULL);
}

/**
 * mg_window_get_graph:
 *
 * Returns: (transfer none): the graph widget
 */
MgGraph *
mg_window_get_graph (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->graph;
}

/**
 * mg_window_get_error_text:
 *
 * Returns: (transfer none) (nullable): the error shown under the command
 *   entry, or %NULL when there is none
 */
const char *
mg_window_get_error_text (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);

  return mg_start_page_get_error_text (self->start_page);
}

/**
 * mg_window_get_page:
 *
 * Returns: (transfer none): "start", "graph", or "failed" for a command
 *   that could not start
 */
const char *
mg_window_get_page (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}


/**
 * mg_window_get_failed_page:
 *
 * Returns: (transfer none): the page that says why a command could not
 *   start
 */
AdwStatusPage *
mg_window_get_failed_page (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->failed_page;
}

/**
 * mg_window_get_floats_button:
 *
 * Returns: (transfer none): the button that runs the demo's floats version
 */
GtkWidget *
mg_window_get_floats_button (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->floats_button;
}

/**
 * mg_window_get_strip:
 *
 * Returns: (transfer none): the strip above the graph
 */
MgRunStrip *
mg_window_get_strip (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->strip;
}
