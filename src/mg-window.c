/* mg-window.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: a start page to type a command, and a graph page that
 * shows the live run and keeps the final plot with how it ended.
 */
#include "config.h"

#include "mg-window.h"
#include "mg-window-private.h"
#include "mg-command.h"
#include "mg-import.h"
#include "mg-options.h"
#include "mg-output-list.h"
#include "mg-run-row.h"
#include "mg-run-strip.h"
#include "mg-runner.h"
#include "mg-session.h"
#include "mg-units.h"

#include <glib/gi18n.h>
#include <signal.h>

#define STRIP_UPDATE_MS 100

G_DEFINE_FINAL_TYPE (MgWindow, mg_window, ADW_TYPE_APPLICATION_WINDOW)

static void update_current_row (MgWindow *self);

static void update_status (MgWindow *self);

static void
update_strip (MgWindow *self)
{
  g_autofree char *line = NULL;
  gboolean behind = FALSE;

  if (self->recording == NULL)
    return;

  mg_run_strip_update (self->strip, self->recording, mg_window_is_running (self),
                       mg_session_get_elapsed (self->session));

  /* The interval achieved, in words under the graph. */
  line = mg_run_strip_sampling_text (self->recording, &behind);
  gtk_label_set_text (self->sampling_label, line != NULL ? line : "");
  if (line != NULL && behind)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->sampling_label), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->sampling_label), "dim-label");
    }
  else if (line != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->sampling_label), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->sampling_label), "dim-label");
    }

  mg_process_list_update (self->process_list);
}
static gboolean
on_strip_timeout (gpointer user_data)
{
  MgWindow *self = user_data;

  update_current_row (self);
  update_strip (user_data);
  if (!mg_graph_is_comparing (self->graph))
    update_status (self);
  return G_SOURCE_CONTINUE;
}

static void
update_status (MgWindow *self)
{
  GtkWidget *label = GTK_WIDGET (self->status_label);
  const MgExit *exit_info;
  g_autofree char *text = NULL;
  g_autofree char *unreadable = NULL;

  gtk_widget_remove_css_class (label, "success");
  gtk_widget_remove_css_class (label, "warning");
  gtk_widget_remove_css_class (label, "error");

  if (self->recording == NULL)
    {
      gtk_label_set_text (self->status_label, "");
      return;
    }

  exit_info = mg_recording_get_exit (self->recording);
  if (exit_info->kind == MG_EXIT_RUNNING && mg_recording_get_stopped (self->recording))
    {
      text = g_strdup_printf (_("Stopped, process %d: it received SIGSTOP or SIGTSTP. Stop still "
                                "ends it."), mg_session_get_pid (self->session));
      gtk_widget_add_css_class (label, "warning");
    }
  else if (exit_info->kind == MG_EXIT_RUNNING)
    text = g_strdup_printf (_("Running, process %d"), mg_session_get_pid (self->session));
  else
    text = mg_recording_describe_exit (self->recording);

  unreadable = mg_recording_dup_unreadable_message (self->recording);

  if (exit_info->kind == MG_EXIT_STATUS)
    gtk_widget_add_css_class (label, exit_info->code == 0 && unreadable == NULL ? "success"
                                                                               : "warning");
  else if (exit_info->kind != MG_EXIT_RUNNING)
    gtk_widget_add_css_class (label, "error");
  else if (unreadable != NULL)
    gtk_widget_add_css_class (label, "warning");

  if (unreadable != NULL)
    {
      char *both = g_strdup_printf ("%s\n%s", text, unreadable);

      g_free (text);
      text = both;
    }
  /* Why every process could not be followed, or what following changed
   * (set-user-ID programs without their privileges). */
  {
    g_autofree char *follow = mg_recording_dup_follow_message (self->recording);

    if (follow != NULL)
      {
        char *both = g_strdup_printf ("%s\n%s", text, follow);

        g_free (text);
        text = both;
      }
  }
  gtk_label_set_text (self->status_label, text);
}

void
_mg_window_show_toast (MgWindow   *self,
            const char *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Files named with --output are written once the command ends, as in
 * --no-window mode. */
static void
write_outputs (MgWindow *self)
{
  g_autoptr(GError) error = NULL;
  MgPlotStyle style;

  _mg_window_style_for_output (self, 0, &style);
  if (!mg_session_write_outputs (self->session, &style, &error))
    {
      _mg_window_show_toast (self, error->message);
      g_printerr ("memgraph-gtk: %s\n", error->message);
    }
}

static void
on_finished (MgWindow *self)
{
  self->bench_exit_pending = self->bench;
  update_current_row (self);
  g_clear_handle_id (&self->strip_timeout_id, g_source_remove);
  update_strip (self);
  update_status (self);
  _mg_window_update_actions (self);
  write_outputs (self);

  if (self->close_when_finished)
    gtk_window_destroy (GTK_WINDOW (self));
}

/* Details > Output: a GtkListView over the recording's kept output, one
 * row widget per visible line, each line's start shown on one line of its
 * row and ellipsized; Copy Line puts the whole kept line on the clipboard. */

static void on_output_row_pressed (GtkGestureClick *gesture, int n_press, double x, double y,
                                   GtkListItem *list_item);

static void
on_output_row_setup (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     MgWindow                 *self)
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
    g_signal_connect (click, "pressed", G_CALLBACK (on_output_row_pressed), list_item);
    gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (click));
  }
  gtk_list_item_set_child (list_item, box);
}

static void
on_output_row_bind (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    MgWindow                 *self)
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
                                            "… %" G_GUINT64_FORMAT " line not kept …",
                                            "… %" G_GUINT64_FORMAT " lines not kept …", plural),
                               n);

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
update_output_status (MgWindow *self)
{
  g_autofree char *message = self->recording != NULL
                             ? mg_recording_dup_output_message (self->recording) : NULL;

  gtk_label_set_text (self->output_status, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->output_status), message != NULL);
}

static void
on_output_items_changed (MgWindow   *self,
                         guint       position,
                         guint       removed,
                         guint       added,
                         GListModel *model)
{
  update_output_status (self);
}

static void
rebuild_output (MgWindow *self)
{
  g_autoptr(MgOutputList) list = NULL;

  if (self->output_list != NULL)
    g_signal_handlers_disconnect_by_func (self->output_list, on_output_items_changed, self);
  g_clear_object (&self->output_list);
  if (self->recording != NULL)
    {
      self->output_list = mg_output_list_new (self->recording);
      g_signal_connect_object (self->output_list, "items-changed",
                               G_CALLBACK (on_output_items_changed), self, G_CONNECT_SWAPPED);
    }
  gtk_single_selection_set_model (self->output_selection, G_LIST_MODEL (self->output_list));
  update_output_status (self);
}

static void
on_output_selected (MgWindow           *self,
                    GParamSpec         *pspec,
                    GtkSingleSelection *selection)
{
  MgOutputItem *item = gtk_single_selection_get_selected_item (selection);
  double t = item != NULL && !mg_output_item_is_gap (item) ? mg_output_item_get_time (item) : -1;

  /* The moment the line was written, marked on the graph. */
  if (self->graph != NULL)
    mg_graph_set_highlight_time (self->graph, t);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-output-line",
                                 item != NULL && !mg_output_item_is_gap (item));
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
  g_autofree char *text = NULL;

  g_return_val_if_fail (MG_IS_WINDOW (self), FALSE);

  if (self->output_list == NULL)
    return FALSE;
  gtk_single_selection_set_selected (self->output_selection, position);
  text = mg_output_list_dup_line (self->output_list, position);
  if (text == NULL)
    return FALSE;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  return TRUE;
}

static void
copy_output_line_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  MgWindow *self = MG_WINDOW (widget);
  guint position = gtk_single_selection_get_selected (self->output_selection);

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  if (mg_window_copy_output_line (self, position))
    _mg_window_show_toast (self, _("Line copied"));
  else
    _mg_window_show_toast (self, _("That line is no longer kept"));
}

/* A right click on a row: select it, then offer to copy it. */
static void
on_output_row_pressed (GtkGestureClick *gesture,
                       int              n_press,
                       double           x,
                       double           y,
                       GtkListItem     *list_item)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  MgWindow *self = MG_WINDOW (gtk_widget_get_root (row));
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self->output_menu));
  guint position = gtk_list_item_get_position (list_item);
  double px, py;

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  gtk_single_selection_set_selected (self->output_selection, position);
  if (!gtk_widget_translate_coordinates (row, parent, x, y, &px, &py))
    return;
  gtk_popover_set_pointing_to (self->output_menu, &(GdkRectangle) { (int) px, (int) py, 1, 1 });
  gtk_popover_popup (self->output_menu);
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
  return self->output_list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->output_list))
                                   : 0;
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
  return self->output_view;
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
  return gtk_label_get_text (self->output_status);
}

static void
detach_run (MgWindow *self)
{
  g_clear_handle_id (&self->strip_timeout_id, g_source_remove);
  g_clear_object (&self->recording);
}

/* The row of the current run says its figures again. */
static void
update_current_row (MgWindow *self)
{
  MgRun *current = mg_session_get_current (self->session);
  guint position;
  GtkListBoxRow *row;

  if (current == NULL ||
      !g_list_store_find (G_LIST_STORE (mg_session_get_runs (self->session)), current, &position))
    return;
  row = gtk_list_box_get_row_at_index (self->run_list, position);
  if (row != NULL)
    mg_run_row_update (MG_RUN_ROW (row));
}

static GtkWidget *
create_run_row (gpointer item,
                gpointer user_data)
{
  return mg_run_row_new (item);
}

/* Two or more runs checked: they are overlaid, and the comparison is said
 * in words under the graph. */
void
_mg_window_update_compare (MgWindow *self)
{
  g_autoptr(GPtrArray) checked = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  mg_session_get_compared (self->session, checked, labels);

  if (mg_session_is_comparing (self->session))
    {
      g_autofree char *text = mg_session_dup_comparison_text (self->session);

      mg_graph_set_compare (self->graph, checked, (const char * const *) labels->pdata);
      gtk_stack_set_visible_child_name (self->stack, "graph");
      gtk_widget_set_visible (GTK_WIDGET (self->strip), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_label_set_text (self->status_label, _("Comparing runs"));
      gtk_label_set_text (self->sampling_label, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->sampling_label), "dim-label");
    }
  else if (mg_graph_is_comparing (self->graph))
    {
      mg_graph_set_compare (self->graph, NULL, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->strip), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->sampling_label), "dim-label");
      update_status (self);
      update_strip (self);
    }
}

/**
 * mg_window_compare:
 * @first: index of the first run to compare
 * @n: how many runs from there, or 0 for all the others
 *
 * Checks runs for comparison, as a person would in the Runs list.
 */
void
mg_window_compare (MgWindow *self,
                   guint     first,
                   guint     n)
{
  g_return_if_fail (MG_IS_WINDOW (self));

  mg_session_compare (self->session, first, n);
}

/* Back to one run: no run checked for comparison. */
static void
compare_none (MgWindow *self)
{
  mg_window_compare (self, G_MAXUINT, 0);
}

/**
 * mg_window_get_n_runs:
 *
 * Returns: how many runs the window keeps
 */
guint
mg_window_get_n_runs (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), 0);
  return mg_session_get_n_runs (self->session);
}

/**
 * mg_window_set_run_label:
 * @index: a run
 * @label: its new name
 */
void
mg_window_set_run_label (MgWindow   *self,
                         guint       index,
                         const char *label)
{
  g_return_if_fail (MG_IS_WINDOW (self));
  g_return_if_fail (index < mg_session_get_n_runs (self->session));

  mg_run_set_label (mg_session_get_run (self->session, index), label);
}

/**
 * mg_window_get_comparison_text:
 *
 * Returns: (transfer none): the comparison in words, when comparing
 */
const char *
mg_window_get_comparison_text (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return mg_graph_is_comparing (self->graph) ? gtk_label_get_text (self->sampling_label) : NULL;
}

static void
on_run_activated (MgWindow      *self,
                  GtkListBoxRow *row)
{
  MgRun *run = mg_run_row_get_run (MG_RUN_ROW (row));

  if (mg_window_is_running (self) || mg_run_get_recording (run) == self->recording)
    return;
  compare_none (self);
  mg_window_show_recording (self, mg_run_get_recording (run), mg_run_get_label (run));
}

/**
 * mg_window_add_marker:
 * @time_s: where, or < 0 for now
 * @label: (nullable): what it marks
 *
 * Adds a marker to the running (or shown) recording.
 */
void
mg_window_add_marker (MgWindow   *self,
                      double      time_s,
                      const char *label)
{
  g_return_if_fail (MG_IS_WINDOW (self));

  if (self->recording == NULL)
    return;
  mg_session_add_marker (self->session, time_s, label);
  mg_marker_list_update (self->marker_list);
}

void
_mg_window_show_start_error (MgWindow     *self,
                  const GError *error)
{
  g_autofree char *text = g_strdup_printf (_("Could not start: %s"), error->message);

  mg_start_page_show_error (self->start_page, text);
}

/* The session started a run: show it, live. */
void
_mg_window_show_started (MgWindow *self)
{
  g_autofree char *title = NULL;

  detach_run (self);
  self->recording = g_object_ref (mg_session_get_recording (self->session));
  mg_process_list_set_recording (self->process_list, self->recording);

  mg_graph_set_recording (self->graph, self->recording);
  mg_marker_list_set_recording (self->marker_list, self->recording);
  rebuild_output (self);
  title = mg_recording_dup_title (self->recording);
  adw_window_title_set_subtitle (self->window_title, title);
  gtk_stack_set_visible_child_name (self->stack, "graph");

  mg_start_page_clear_error (self->start_page);

  update_strip (self);
  update_status (self);
  if (mg_recording_is_finished (self->recording))
    on_finished (self);
  else
    self->strip_timeout_id = g_timeout_add (STRIP_UPDATE_MS, on_strip_timeout, self);
  _mg_window_update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->graph));
}

/**
 * mg_window_run_command:
 * @argv: the command
 * @directory: (nullable): where to run it; %NULL for the home directory
 * @interval_s: time between samples
 * @from_terminal: whether the command keeps our terminal (stdin inherited)
 *   and its failure to start is shown on the graph page
 *
 * Starts a new run. From the start page a command that cannot start leaves
 * the window as it was, with the reason under the entry.
 *
 * Returns: %TRUE when the command started
 */
gboolean
mg_window_run_command (MgWindow           *self,
                       const char * const *argv,
                       const char         *directory,
                       double              interval_s,
                       gboolean            from_terminal)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (MG_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (argv != NULL, FALSE);

  if (mg_window_is_running (self))
    return FALSE;

  if (mg_session_start (self->session, argv, directory, interval_s, from_terminal, &error) == NULL)
    {
      _mg_window_show_start_error (self, error);
      return FALSE;
    }
  _mg_window_show_started (self);
  return TRUE;
}

/**
 * mg_window_run_text:
 * @text: a command line as typed in the start page
 *
 * Parses @text with the shell's quoting rules and runs it with the start
 * page's directory and interval. A parse error is shown under the entry and
 * starts nothing.
 *
 * Returns: %TRUE when the command started
 */
gboolean
mg_window_run_text (MgWindow   *self,
                    const char *text)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;

  g_return_val_if_fail (MG_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  argv = mg_command_parse (text, &error);
  if (argv == NULL)
    {
      mg_start_page_show_error (self->start_page, error->message);
      return FALSE;
    }

  if (!mg_window_run_command (self, (const char * const *) argv,
                              mg_start_page_get_directory (self->start_page),
                              mg_start_page_get_interval (self->start_page), FALSE))
    return FALSE;

  mg_start_page_remember_command (self->start_page, text);
  return TRUE;
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

/**
 * mg_window_show_recording:
 * @recording: a finished recording, such as one opened from a file
 * @title: (nullable): the subtitle of the window, such as the file name
 *
 * Shows @recording on the graph page, in place of what was shown.
 */
void
mg_window_show_recording (MgWindow    *self,
                          MgRecording *recording,
                          const char  *title)
{
  g_return_if_fail (MG_IS_WINDOW (self));
  g_return_if_fail (MG_IS_RECORDING (recording));
  g_return_if_fail (!mg_window_is_running (self));

  /* A recording of no run of the list is shown as a run of its own. */
  if (mg_session_get_recording (self->session) != recording)
    {
      GListModel *runs = mg_session_get_runs (self->session);
      g_autoptr(MgRun) run = NULL;

      for (guint i = 0; run == NULL && i < g_list_model_get_n_items (runs); i++)
        {
          g_autoptr(MgRun) item = g_list_model_get_item (runs, i);

          if (mg_run_get_recording (item) == recording)
            run = g_steal_pointer (&item);
        }
      if (run == NULL)
        run = mg_run_new (recording, title);
      mg_session_set_current (self->session, run);
    }

  detach_run (self);
  self->recording = g_object_ref (recording);
  mg_process_list_set_recording (self->process_list, self->recording);
  mg_graph_set_recording (self->graph, self->recording);
  mg_marker_list_set_recording (self->marker_list, self->recording);
  rebuild_output (self);
  gtk_stack_set_visible_child_name (self->stack, "graph");
  update_strip (self);
  update_status (self);
  _mg_window_update_actions (self);
  if (title != NULL)
    adw_window_title_set_subtitle (self->window_title, title);
}

void
_mg_window_update_actions (MgWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean running = mg_window_is_running (self);
  gboolean on_graph = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "graph") == 0;
  gboolean have = self->recording != NULL;

  gtk_widget_action_set_enabled (widget, "win.run", !running);
  gtk_widget_action_set_enabled (widget, "win.demo", !running);
  gtk_widget_action_set_enabled (widget, "win.stop", running);
  gtk_widget_action_set_enabled (widget, "win.run-again",
                                 have && !running &&
                                 mg_recording_get_exit (self->recording)->kind != MG_EXIT_UNKNOWN);
  gtk_widget_action_set_enabled (widget, "win.copy", have);
  gtk_widget_action_set_enabled (widget, "win.add-marker", have);
  gtk_widget_action_set_enabled (widget, "win.new-command", !running);
  gtk_widget_action_set_enabled (widget, "win.export", have);
  gtk_widget_action_set_enabled (widget, "win.export-csv", have);
  gtk_widget_action_set_enabled (widget, "win.export-json", have);

  gtk_widget_set_visible (self->stop_button, running);
  gtk_widget_set_visible (self->new_button, on_graph && !running);
  gtk_widget_set_visible (self->run_again_button, on_graph && have && !running &&
                          mg_recording_get_exit (self->recording)->kind != MG_EXIT_UNKNOWN);
  gtk_widget_set_visible (self->export_button, on_graph && have);
  if (!on_graph)
    adw_window_title_set_subtitle (self->window_title, NULL);
  else if (have)
    {
      g_autofree char *title = mg_recording_dup_title (self->recording);
      adw_window_title_set_subtitle (self->window_title, title);
    }
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
  detach_run (self);
  if (self->output_selection != NULL)
    gtk_single_selection_set_model (self->output_selection, NULL);
  g_clear_object (&self->output_list);

  if (self->run_list != NULL)
    gtk_list_box_bind_model (self->run_list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), MG_TYPE_WINDOW);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mg_window_parent_class)->dispose (object);
}

static void
mg_window_finalize (GObject *object)
{
  MgWindow *self = (MgWindow *) object;

  g_clear_object (&self->settings);

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

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/mg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, run_again_button);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, stop_button);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, graph);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, strip);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, sampling_label);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, processes_revealer);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, processes_toggle);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, process_list);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, run_list);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, marker_list);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, output_view);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, output_selection);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, output_status);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, output_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_output_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_output_row_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_output_row_bind);

  gtk_widget_class_bind_template_child (widget_class, MgWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, MgWindow, follow_button);
  gtk_widget_class_bind_template_callback (widget_class, on_run_activated);
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

  self->session = mg_session_new ();
  g_signal_connect_object (self->session, "finished", G_CALLBACK (on_finished), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "comparison-changed", G_CALLBACK (_mg_window_update_compare), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->run_list, mg_session_get_runs (self->session),
                           create_run_row, NULL, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-output-line", FALSE);
  self->export_width = MG_EXPORT_DEFAULT_WIDTH;
  self->export_height = MG_EXPORT_DEFAULT_HEIGHT;

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
 * mg_window_set_outputs:
 * @outputs: (nullable): files to write when the running command ends
 * @width: size of images
 * @height: size of images
 * @dark: style of images: 1 dark, 0 light, -1 as the window
 */
void
mg_window_set_outputs (MgWindow           *self,
                       const char * const *outputs,
                       int                 width,
                       int                 height,
                       int                 dark)
{
  g_return_if_fail (MG_IS_WINDOW (self));

  mg_session_set_outputs (self->session, outputs, width, height, dark);
}

/**
 * mg_window_get_recording:
 *
 * Returns: (transfer none) (nullable): the recording shown
 */
MgRecording *
mg_window_get_recording (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return self->recording;
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

gboolean
mg_window_is_running (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), FALSE);
  return self->session != NULL && mg_session_is_running (self->session);
}

/**
 * mg_window_kill_command:
 *
 * Kills the running command at once (SIGKILL), for when the application
 * quits and cannot wait.
 */
void
mg_window_kill_command (MgWindow *self)
{
  g_return_if_fail (MG_IS_WINDOW (self));

  if (self->session != NULL)
    mg_session_kill (self->session);
}

/**
 * mg_window_set_terminal_options:
 * @catch_spikes: --catch-spikes
 * @pss: --pss
 * @capture_output: --capture-output
 *
 * What the command line asked for, used for commands started from it
 * instead of the start page's switches.
 */
void
mg_window_set_terminal_options (MgWindow *self,
                                gboolean  catch_spikes,
                                gboolean  pss,
                                gboolean  capture_output)
{
  g_return_if_fail (MG_IS_WINDOW (self));

  mg_session_set_terminal_options (self->session, catch_spikes, pss, capture_output);
}

/**
 * mg_window_set_terminal_follow:
 * @follow: --follow (1), --no-follow (0), or neither (-1: the start page's
 *   switch)
 */
void
mg_window_set_terminal_follow (MgWindow *self,
                               int       follow)
{
  g_return_if_fail (MG_IS_WINDOW (self));
  mg_session_set_terminal_follow (self->session, follow);
}

/**
 * mg_window_get_status_text:
 *
 * Returns: (transfer none): the line under the graph that says how the run
 *   is going or ended
 */
const char *
mg_window_get_status_text (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return gtk_label_get_text (self->status_label);
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
 * Returns: (transfer none): "start" or "graph"
 */
const char *
mg_window_get_page (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * mg_window_select_process:
 * @index: a process of the recording, or -1 for all of them
 *
 * Selects a row of the process list: the graph shows that process alone.
 */
void
mg_window_select_process (MgWindow *self,
                          int       index)
{
  g_return_if_fail (MG_IS_WINDOW (self));

  mg_process_list_select (self->process_list, index);
}
