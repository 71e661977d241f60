/* mg-window-runs.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window over its session: starting a command and showing it live,
 * how it goes and ends, the list of runs and their comparison.
 */
#include "config.h"

#include "mg-window-private.h"
#include "mg-budget.h"
#include "mg-command.h"
#include "mg-units.h"

#include <glib/gi18n.h>
#include <string.h>


static void update_current_row (MgWindow *self);
static void update_status (MgWindow *self);

/* The graph as a screen reader says it: what a sighted user reads from it,
 * the command, how it goes or went, its peak and the values now. Set only
 * when the words change, as they are sent to the accessibility bus. */
static void
update_graph_accessible (MgWindow *self)
{
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;
  const char *last;

  if (self->recording == NULL)
    return;

  if (mg_session_is_comparing (self->session))
    {
      label = g_strdup (_("Memory graph of the runs compared"));
      description = mg_session_dup_comparison_text (self->session);
    }
  else
    {
      g_autofree char *title = mg_recording_dup_title (self->recording);
      g_autofree char *outcome = NULL;
      g_autofree char *peak = mg_format_bytes (mg_recording_get_peak_rss (self->recording));
      gboolean running = mg_window_is_running (self);
      const MgSample *sample = running ? mg_recording_get_last (self->recording) : NULL;

      label = g_strdup_printf (_("Memory graph of %s"), title);
      /* Not the time running: it would be sent ten times a second. */
      if (running)
        outcome = g_strdup (_("Running"));
      else
        outcome = mg_recording_describe_exit (self->recording);

      /* A process watched: its peak since it started, said as such. */
      if (mg_recording_get_attached (self->recording))
        {
          g_free (peak);
          peak = mg_recording_dup_peak_text (self->recording);
        }
      else if (!running && !mg_recording_get_peak_is_exact (self->recording))
        {
          char *bound = g_strdup_printf (_("at least %s"), peak);

          g_free (peak);
          peak = bound;
        }

      if (sample != NULL)
        {
          g_autofree char *rss = mg_format_bytes (sample->rss_bytes);
          g_autofree char *vsz = mg_format_bytes (sample->vsz_bytes);

          /* TRANSLATORS: the graph for a screen reader: command, how it
           * goes, peak, values now */
          description = g_strdup_printf (_("Command: %s. %s. Peak RSS %s. RSS now %s, VSZ now %s."),
                                         title, outcome, peak, rss, vsz);
        }
      else
        /* TRANSLATORS: the graph for a screen reader: command, how it
         * ended, peak */
        description = g_strdup_printf (_("Command: %s. %s. Peak RSS %s."), title, outcome, peak);
    }

  last = g_object_get_data (G_OBJECT (self->graph), "mg-accessible-description");
  if (g_strcmp0 (last, description) == 0)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->graph),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  g_object_set_data_full (G_OBJECT (self->graph), "mg-accessible-description",
                          g_steal_pointer (&description), g_free);
}

static void
update_strip (MgWindow *self)
{
  g_autofree char *line = NULL;
  gboolean behind = FALSE;

  if (self->recording == NULL)
    return;

  mg_run_strip_update (self->strip, self->recording, mg_window_is_running (self),
                       mg_session_get_elapsed (self->session));
  update_graph_accessible (self);

  /* The interval achieved, in words under the graph. */
  line = mg_run_strip_sampling_text (self->recording, &behind);
  /* Only what changed, so that an unchanged line costs no layout. */
  if (g_strcmp0 (gtk_label_get_text (self->sampling_label), line != NULL ? line : "") != 0)
    gtk_label_set_text (self->sampling_label, line != NULL ? line : "");
  if (line != NULL &&
      behind != gtk_widget_has_css_class (GTK_WIDGET (self->sampling_label), "warning"))
    {
      if (behind)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->sampling_label), "warning");
          gtk_widget_remove_css_class (GTK_WIDGET (self->sampling_label), "dim-label");
        }
      else
        {
          gtk_widget_remove_css_class (GTK_WIDGET (self->sampling_label), "warning");
          gtk_widget_add_css_class (GTK_WIDGET (self->sampling_label), "dim-label");
        }
    }
  else if (line != NULL && !behind &&
           !gtk_widget_has_css_class (GTK_WIDGET (self->sampling_label), "dim-label"))
    gtk_widget_add_css_class (GTK_WIDGET (self->sampling_label), "dim-label");
}

/* The strip's figures once a second, at the graph's live frames
 * (mg_graph_ms_to_live_frame()): more is flicker, not news, and apart
 * from the graph's frames each change would draw the window once more. */
static gboolean
on_strip_timeout (gpointer user_data)
{
  MgWindow *self = user_data;

  self->strip_timeout_id = g_timeout_add (mg_graph_ms_to_live_frame (), on_strip_timeout, self);
  update_current_row (self);
  update_strip (user_data);
  if (!mg_graph_is_comparing (self->graph))
    update_status (self);
  return G_SOURCE_REMOVE;
}

/* A label's colour class, changed only when it differs: each change
 * restyles the label, and this runs four times a second while a run is
 * live. */
static void
set_status_class (GtkWidget  *label,
                  const char *kind)
{
  static const char * const kinds[] = { "success", "warning", "error" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      gboolean want = g_strcmp0 (kind, kinds[i]) == 0;

      if (want != gtk_widget_has_css_class (label, kinds[i]))
        {
          if (want)
            gtk_widget_add_css_class (label, kinds[i]);
          else
            gtk_widget_remove_css_class (label, kinds[i]);
        }
    }
}

/* The budget's verdict in the words of batch mode: once the run has
 * ended, and at once while it runs when its peak goes over. */
static char *
budget_text (MgRecording *recording,
             gboolean    *over)
{
  guint64 budget = mg_recording_get_budget (recording);
  char *message = NULL;
  MgBudgetVerdict verdict;

  *over = FALSE;
  if (budget == 0 || mg_recording_get_n_samples (recording) == 0)
    return NULL;
  if (mg_recording_get_exit (recording)->kind == MG_EXIT_RUNNING &&
      mg_recording_get_peak_rss (recording) <= budget)
    return NULL;
  verdict = mg_budget_check_rss (recording, budget, &message);
  *over = verdict != MG_BUDGET_UNDER;
  return message;
}

static void
update_status (MgWindow *self)
{
  GtkWidget *label = GTK_WIDGET (self->status_label);
  const MgExit *exit_info;
  const char *kind = NULL;
  g_autofree char *text = NULL;
  g_autofree char *unreadable = NULL;
  g_autofree char *stop_details = NULL;
  g_autofree char *place = NULL;
  g_autofree char *budget = NULL;
  gboolean over_budget;

  if (self->recording == NULL)
    {
      set_status_class (label, NULL);
      if (g_strcmp0 (gtk_label_get_text (self->status_label), "") != 0)
        gtk_label_set_text (self->status_label, "");
      return;
    }

  exit_info = mg_recording_get_exit (self->recording);
  if (exit_info->kind == MG_EXIT_RUNNING && mg_recording_get_stopped (self->recording))
    {
      text = g_strdup_printf (_("Stopped, process %d: it received SIGSTOP or SIGTSTP. Stop still "
                                "ends it."), mg_session_get_pid (self->session));
      kind = "warning";
    }
  else if (exit_info->kind == MG_EXIT_RUNNING && mg_recording_get_attached (self->recording))
    /* TRANSLATORS: a running process watched, not started by us */
    text = g_strdup_printf (_("Watching, process %d"), mg_session_get_pid (self->session));
  else if (exit_info->kind == MG_EXIT_RUNNING && mg_session_is_starting (self->session))
    /* TRANSLATORS: a run shown before its command has started */
    text = g_strdup (_("Starting"));
  else if (exit_info->kind == MG_EXIT_RUNNING && (place = mg_session_dup_place (self->session)))
    {
      int pid = mg_recording_get_command_pid (self->recording);

      /* TRANSLATORS: "Running on render01, process 4242": its pid there */
      text = pid > 0 ? g_strdup_printf (_("Running on %s, process %d"), place, pid)
                     : g_strdup_printf (_("Running on %s"), place);
    }
  else if (exit_info->kind == MG_EXIT_RUNNING)
    text = g_strdup_printf (_("Running, process %d"), mg_session_get_pid (self->session));
  else
    text = mg_recording_describe_exit (self->recording);

  unreadable = mg_recording_dup_unreadable_message (self->recording);
  stop_details = mg_recording_dup_stop_details (self->recording);

  /* Stopped by the person: neutral, whatever signal ended it. */
  if (stop_details != NULL)
    {
      if (unreadable != NULL)
        kind = "warning";
    }
  else if (exit_info->kind == MG_EXIT_STATUS)
    kind = exit_info->code == 0 && unreadable == NULL ? "success" : "warning";
  else if (exit_info->kind == MG_EXIT_UNKNOWN && mg_recording_get_attached (self->recording))
    ; /* watching stopped, or an end not told: nothing went wrong */
  else if (exit_info->kind != MG_EXIT_RUNNING)
    kind = "error";
  else if (unreadable != NULL)
    kind = "warning";

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
  /* Over the budget of --max-rss: a warning, as batch mode's status 3. */
  budget = budget_text (self->recording, &over_budget);
  if (budget != NULL)
    {
      char *both = g_strdup_printf ("%s\n%s", text, budget);

      g_free (text);
      text = both;
      if (over_budget && g_strcmp0 (kind, "error") != 0)
        kind = "warning";
    }
  set_status_class (label, kind);

  /* The signals of a stop are details: under the outcome, not as loud. */
  if (stop_details != NULL)
    {
      g_autofree char *first = g_markup_escape_text (text, -1);
      g_autofree char *second = g_markup_escape_text (stop_details, -1);
      char *newline = strchr (first, '\n');
      g_autofree char *rest = newline != NULL ? g_strdup (newline) : g_strdup ("");
      g_autofree char *markup = NULL;

      if (newline != NULL)
        *newline = '\0';
      markup = g_strdup_printf ("%s\n<span weight=\"normal\">%s</span>%s", first, second, rest);
      if (g_strcmp0 (gtk_label_get_label (self->status_label), markup) != 0)
        gtk_label_set_markup (self->status_label, markup);
    }
  else if (gtk_label_get_use_markup (self->status_label) ||
           g_strcmp0 (gtk_label_get_text (self->status_label), text) != 0)
    gtk_label_set_text (self->status_label, text);
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

void
_mg_window_session_finished (MgWindow *self)
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

void
_mg_window_detach_run (MgWindow *self)
{
  g_clear_handle_id (&self->strip_timeout_id, g_source_remove);
  g_clear_object (&self->recording);
}

/* The row of the current run says its figures again. */
static void
update_current_row (MgWindow *self)
{
  MgRun *current = mg_session_get_current (self->session);

  if (current != NULL)
    mg_run_list_update_run (self->run_list, current);
}

/* Two or more runs checked: they are overlaid, and the comparison is said
 * in words where the strip was. The strip and the comparison share one
 * height, as do the run's status and the comparison's, so that checking
 * runs moves neither the graph nor the list of runs. */
void
_mg_window_update_compare (MgWindow *self)
{
  g_autoptr(GPtrArray) checked = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  mg_session_get_compared (self->session, checked, labels);

  if (mg_session_is_comparing (self->session))
    {
      g_autofree char *text = mg_session_dup_comparison_text (self->session);
      g_autofree char *names = g_strjoinv (_(" vs "), (char **) labels->pdata);
      /* TRANSLATORS: the runs compared, e.g. "Comparing doubles vs floats" */
      g_autofree char *status = g_strdup_printf (_("Comparing %s"), names);

      mg_graph_set_compare (self->graph, checked, (const char * const *) labels->pdata);
      gtk_stack_set_visible_child_name (self->stack, "graph");
      gtk_label_set_text (self->compare_label, text);
      gtk_stack_set_visible_child_name (self->top_stack, "compare");
      gtk_label_set_text (self->compare_status_label, status);
      gtk_stack_set_visible_child_name (self->bottom_stack, "compare");
      update_graph_accessible (self);
    }
  else if (mg_graph_is_comparing (self->graph))
    {
      mg_graph_set_compare (self->graph, NULL, NULL);
      gtk_stack_set_visible_child_name (self->top_stack, "strip");
      gtk_stack_set_visible_child_name (self->bottom_stack, "run");
      update_status (self);
      update_strip (self);
    }
  _mg_window_update_subtitle (self);
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
  return mg_graph_is_comparing (self->graph) ? gtk_label_get_text (self->compare_label) : NULL;
}

void
_mg_window_run_activated (MgWindow  *self,
                          MgRun     *run,
                          MgRunList *list)
{
  if (mg_window_is_running (self) || mg_run_get_recording (run) == self->recording)
    return;
  /* A run of the comparison is on screen already: the comparison stays. */
  if (mg_session_is_comparing (self->session) && mg_run_get_compared (run))
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
}

void
_mg_window_show_start_error (MgWindow     *self,
                  const GError *error)
{
  g_autofree char *text = g_strdup_printf (_("Could not start: %s"), error->message);

  mg_start_page_show_error (self->start_page, text);
}

/* Before each frame in which the graph draws while a run is live: the
 * strip says the peak the graph draws with, so that both give one figure.
 * New peaks bring a frame a few times a second (the graph's peak frames),
 * not at every sample; frames for other widgets leave the peak alone. */
static void
on_before_paint (MgWindow *self)
{
  g_autofree char *before = NULL;

  if (self->recording == NULL || !mg_window_is_running (self) ||
      mg_graph_is_comparing (self->graph) || !mg_graph_get_draw_pending (self->graph))
    return;
  before = g_strdup (mg_run_strip_get_peak_text (self->strip));
  mg_run_strip_update_peak (self->strip, self->recording);
  /* With a new peak, the strip's other figures (the time, RSS and VSZ
   * now) and the graph's description for a screen reader are those of the
   * same frame. */
  if (g_strcmp0 (before, mg_run_strip_get_peak_text (self->strip)) != 0)
    update_strip (self);
}

/**
 * _mg_window_watch_frames:
 *
 * Called when the window is realized: its frame clock is new.
 */
void
_mg_window_watch_frames (MgWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock != NULL)
    g_signal_connect_object (clock, "before-paint", G_CALLBACK (on_before_paint), self,
                             G_CONNECT_SWAPPED);
}

/* The session started a run: show it, live. */
void
_mg_window_show_started (MgWindow *self)
{
  _mg_window_detach_run (self);
  self->recording = g_object_ref (mg_session_get_recording (self->session));
  mg_process_list_set_recording (self->process_list, self->recording);

  mg_graph_set_recording (self->graph, self->recording);
  mg_marker_list_set_recording (self->marker_list, self->recording);
  _mg_window_show_output (self);
  _mg_window_show_run_page (self);
  _mg_window_update_subtitle (self);

  mg_start_page_clear_error (self->start_page);

  update_strip (self);
  update_status (self);
  if (mg_recording_is_finished (self->recording))
    _mg_window_session_finished (self);
  else
    self->strip_timeout_id = g_timeout_add (mg_graph_ms_to_live_frame (), on_strip_timeout, self);
  _mg_window_update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->graph));
}

/* The budget of the command line goes to the run started from it, and
 * stays with that run alone. */
static void
take_terminal_budget (MgWindow *self)
{
  if (self->terminal_budget == 0)
    return;
  mg_recording_set_budget (mg_session_get_recording (self->session), self->terminal_budget);
  self->terminal_budget = 0;
}

/**
 * mg_window_run_command:
 * @argv: the command
 * @directory: (nullable): where to run it; %NULL for the home directory
 * @interval_s: time between samples
 * @from_terminal: whether the command keeps our terminal (stdin inherited)
 *   and its failure to start is a run of its own, shown on a page that says
 *   why (mg_window_dup_start_failure())
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
  if (from_terminal)
    take_terminal_budget (self);
  _mg_window_show_started (self);
  /* From a terminal, a run that says why it could not start. */
  return mg_recording_get_exit (self->recording)->kind != MG_EXIT_ERROR;
}

/**
 * mg_window_prepare_command:
 * @argv: the command
 * @directory: (nullable): where to run it; %NULL for the home directory
 * @interval_s: time between samples
 *
 * Shows a new run of a command from the command line (`memgraph-gtk --
 * COMMAND`), running, whose command starts at mg_window_launch_command():
 * the window is drawn with it before the command takes the processor.
 * Until then Stop, or closing the window, ends the run without starting
 * it.
 */
void
mg_window_prepare_command (MgWindow           *self,
                           const char * const *argv,
                           const char         *directory,
                           double              interval_s)
{
  g_return_if_fail (MG_IS_WINDOW (self));
  g_return_if_fail (argv != NULL);

  if (mg_window_is_running (self) ||
      mg_session_prepare (self->session, argv, directory, interval_s, NULL) == NULL)
    return;
  take_terminal_budget (self);
  _mg_window_show_started (self);
}

/**
 * mg_window_launch_command:
 *
 * Starts the command of mg_window_prepare_command(); one that cannot start
 * is a run that says why (mg_window_dup_start_failure()).
 *
 * Returns: %TRUE when the command started
 */
gboolean
mg_window_launch_command (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), FALSE);

  if (mg_session_is_starting (self->session))
    {
      mg_session_launch (self->session);
      /* Running: the process now has a number. */
      if (mg_window_is_running (self))
        update_status (self);
    }
  return self->recording != NULL &&
         mg_recording_get_exit (self->recording)->kind != MG_EXIT_ERROR;
}

/**
 * mg_window_attach:
 * @pids: (array length=n_pids): running processes to watch
 * @interval_s: time between samples
 *
 * Watches processes that already run as a new run (memgraph-gtk --pid).
 * One that cannot be watched is a run that says why, as a command that
 * cannot start from a terminal.
 *
 * Returns: %TRUE when watching started
 */
gboolean
mg_window_attach (MgWindow    *self,
                  const pid_t *pids,
                  guint        n_pids,
                  double       interval_s)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (MG_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (pids != NULL && n_pids > 0, FALSE);

  if (mg_window_is_running (self))
    return FALSE;

  if (mg_session_attach (self->session, pids, n_pids, interval_s, TRUE, &error) == NULL)
    {
      _mg_window_show_start_error (self, error);
      return FALSE;
    }
  take_terminal_budget (self);
  _mg_window_show_started (self);
  return mg_recording_get_exit (self->recording)->kind != MG_EXIT_ERROR;
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
  const char *via;

  g_return_val_if_fail (MG_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  argv = mg_command_parse (text, &error);
  if (argv == NULL)
    {
      mg_start_page_show_error (self->start_page, error->message);
      return FALSE;
    }

  /* Elsewhere, the directory is the other end's: where the link starts. */
  via = mg_start_page_get_via (self->start_page);
  mg_session_set_via (self->session, via);
  if (!mg_window_run_command (self, (const char * const *) argv,
                              via == NULL ? mg_start_page_get_directory (self->start_page) : NULL,
                              mg_start_page_get_interval (self->start_page), FALSE))
    return FALSE;

  mg_start_page_remember_command (self->start_page, text);
  return TRUE;
}

/**
 * mg_window_show_recording:
 * @recording: a finished recording, such as one opened from a file
 * @title: (nullable): the name of its run when it is not one of the list
 *   yet, such as the file name
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

  _mg_window_detach_run (self);
  self->recording = g_object_ref (recording);
  mg_process_list_set_recording (self->process_list, self->recording);
  mg_graph_set_recording (self->graph, self->recording);
  mg_marker_list_set_recording (self->marker_list, self->recording);
  _mg_window_show_output (self);
  _mg_window_show_run_page (self);
  update_strip (self);
  update_status (self);
  _mg_window_update_actions (self);
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
 * mg_window_set_terminal_via:
 * @via: (nullable): --via: where commands started from the command line run
 */
void
mg_window_set_terminal_via (MgWindow   *self,
                            const char *via)
{
  g_return_if_fail (MG_IS_WINDOW (self));

  mg_session_set_terminal_via (self->session, via);
}

/**
 * mg_window_set_terminal_budget:
 * @budget_bytes: --max-rss, or 0
 *
 * A budget for the peak RSS of the next run started from the command line:
 * drawn as a line on its graph, and said when the run goes over it.
 */
void
mg_window_set_terminal_budget (MgWindow *self,
                               guint64   budget_bytes)
{
  g_return_if_fail (MG_IS_WINDOW (self));
  self->terminal_budget = budget_bytes;
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
 *   is going or ended, or which runs are compared
 */
const char *
mg_window_get_status_text (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->bottom_stack), "compare") == 0)
    return gtk_label_get_text (self->compare_status_label);
  return gtk_label_get_text (self->status_label);
}

/**
 * mg_window_get_status_label:
 *
 * Returns: (transfer none): the label of mg_window_get_status_text(), whose
 *   style classes say its colour
 */
GtkWidget *
mg_window_get_status_label (MgWindow *self)
{
  g_return_val_if_fail (MG_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->status_label);
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
