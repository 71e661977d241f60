/* mg-batch.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * --no-window: record a command, write the outputs, exit with its status.
 * No display is needed.
 */
#include "config.h"

#include "mg-batch.h"
#include "mg-attach.h"
#include "mg-budget.h"
#include "mg-export.h"
#include "mg-import.h"
#include "mg-compare.h"
#include "mg-remote.h"
#include "mg-runner.h"
#include "mg-stream.h"
#include "mg-units.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <sys/prctl.h>

static char *
watched (int         pid,
         const char *duration,
         const char *how)
{
  if (pid > 0)
    /* TRANSLATORS: "Watched process 1234 for 5.0 s: Exited with status 0 after 5.0 s" */
    return g_strdup_printf (_("Watched process %d for %s: %s"), pid, duration, how);
  /* Opened from a file, which keeps the processes but not which was given. */
  return g_strdup_printf (_("Watched for %s: %s"), duration, how);
}

/* An attached run's outcome: how long it was watched and how that ended,
 * never an exit status the kernel did not give. */
static char *
attached_outcome (MgRecording *recording)
{
  g_autofree char *duration = mg_format_duration (mg_recording_get_duration (recording));
  const MgExit *exit_info = mg_recording_get_exit (recording);
  int pid = mg_recording_get_command_pid (recording);

  switch (exit_info->kind)
    {
    case MG_EXIT_STATUS:
    case MG_EXIT_SIGNAL:
      {
        g_autofree char *ended = mg_recording_describe_exit (recording);

        return watched (pid, duration, ended);
      }
    case MG_EXIT_UNKNOWN:
      return watched (pid, duration,
                      exit_info->message != NULL ? exit_info->message : _("unknown"));
    case MG_EXIT_RUNNING:
    case MG_EXIT_ERROR:
    default:
      return mg_recording_describe_exit (recording);
    }
}

/**
 * mg_summary_line:
 *
 * Returns: (transfer full): one line for scripts, in the form documented in
 *   README.md: "memgraph-gtk: OUTCOME; peak RSS PEAK; N samples;
 *   [output: HOW MUCH WAS KEPT; ]command: CMD", where PEAK is "SIZE (N bytes)",
 *   "at least SIZE (N bytes)" or "between SIZE and SIZE (N to M bytes)", or
 *   for processes attached to, "SIZE since the process started (N bytes)"
 *   and OUTCOME "Watched process PID for DURATION: HOW IT ENDED"
 */
char *
mg_summary_line (MgRecording *recording)
{
  g_autofree char *outcome = mg_recording_get_attached (recording)
                             ? attached_outcome (recording)
                             : mg_recording_describe_exit (recording);
  g_autofree char *peak = mg_format_bytes (mg_recording_get_peak_rss (recording));
  g_autofree char *title = mg_recording_dup_title (recording);
  g_autofree char *output = mg_recording_dup_output_message (recording);
  g_autofree char *figure = NULL;
  guint64 lower = mg_recording_get_peak_rss (recording), upper;

  if (mg_recording_get_peak_is_exact (recording))
    figure = g_strdup_printf ("%s (%" G_GUINT64_FORMAT " bytes)", peak, lower);
  else if (mg_recording_get_attached (recording))
    /* TRANSLATORS: an attached process's peak RSS, e.g. "300.1 MiB since the process started
     * (314678272 bytes)": its high-water mark, which counts from before watching began */
    figure = g_strdup_printf (_("%s since the process started (%llu bytes)"),
                              peak, (unsigned long long) lower);
  else
    {
      /* "between X and Y" or "at least X" */
      g_autofree char *range = mg_recording_dup_peak_text (recording);

      if (mg_recording_get_peak_upper (recording, &upper))
        figure = g_strdup_printf ("%s (%" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT " bytes)",
                                  range, lower, upper);
      else
        figure = g_strdup_printf ("%s (%" G_GUINT64_FORMAT " bytes)", range, lower);
    }

  return g_strdup_printf ("memgraph-gtk: %s; peak RSS %s; %u samples; %s%s%scommand: %s",
                          outcome, figure, mg_recording_get_n_samples (recording),
                          output != NULL ? "output: " : "", output != NULL ? output : "",
                          output != NULL ? "; " : "", title);
}

/**
 * mg_write_outputs:
 * @outputs: (nullable): file names; each one's extension gives its format
 * @style: the style of images
 * @width: the size of images
 * @height: the size of images
 * @error: return location for the first #GError; the other files are still
 *   written
 *
 * Returns: %TRUE when every file was written
 */
gboolean
mg_write_outputs (MgRecording         *recording,
                  const char * const  *outputs,
                  const MgPlotStyle   *style,
                  int                  width,
                  int                  height,
                  GError             **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (MG_IS_RECORDING (recording), FALSE);

  for (guint i = 0; outputs != NULL && outputs[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (outputs[i]);
      g_autoptr(GError) local_error = NULL;

      if (!mg_export_write (recording, file, mg_export_format_for_path (outputs[i]), style,
                            width, height, &local_error))
        {
          if (ok)
            g_propagate_error (error, g_steal_pointer (&local_error));
          ok = FALSE;
        }
    }
  return ok;
}

/* Outputs in .jsonl are written as the run goes: a `tail -f` sees the
 * samples, and a batch that is killed leaves a stream that opens, cut. */
typedef struct
{
  GPtrArray *writers;   /* MgStreamWriter */
  GArray    *fds;
  GPtrArray *names;
  GPtrArray *rest;      /* the other outputs, written at the end; NULL-terminated */
} LiveStreams;

static void
live_streams_open (LiveStreams        *live,
                   MgRecording        *recording,
                   const char * const *outputs,
                   gboolean           *failed)
{
  live->writers = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_stream_writer_free);
  live->fds = g_array_new (FALSE, FALSE, sizeof (int));
  live->names = g_ptr_array_new ();
  live->rest = g_ptr_array_new ();
  for (guint i = 0; outputs != NULL && outputs[i] != NULL; i++)
    {
      int fd;

      if (mg_export_format_for_path (outputs[i]) != MG_EXPORT_JSONL)
        {
          g_ptr_array_add (live->rest, (gpointer) outputs[i]);
          continue;
        }
      fd = g_open (outputs[i], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
      if (fd < 0)
        {
          int saved = errno;

          g_printerr ("memgraph-gtk: %s: %s\n", outputs[i], g_strerror (saved));
          *failed = TRUE;
          continue;
        }
      g_array_append_val (live->fds, fd);
      g_ptr_array_add (live->names, (gpointer) outputs[i]);
      g_ptr_array_add (live->writers, mg_stream_writer_new (recording, fd, NULL));
    }
  g_ptr_array_add (live->rest, NULL);
}

static void
live_streams_close (LiveStreams *live,
                    gboolean    *failed)
{
  for (guint i = 0; i < live->writers->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!mg_stream_writer_get_error (g_ptr_array_index (live->writers, i), &error) ||
          !g_close (g_array_index (live->fds, int, i), &error))
        {
          g_printerr ("memgraph-gtk: %s: %s\n", (const char *) g_ptr_array_index (live->names, i),
                      error->message);
          *failed = TRUE;
        }
    }
  g_ptr_array_unref (live->writers);
  g_array_unref (live->fds);
  g_ptr_array_unref (live->names);
  g_ptr_array_unref (live->rest);
}

/* The peak RSS of the baseline of --baseline: of its first run, the lower
 * end when it is a range. */
static gboolean
read_baseline (const char  *path,
               guint64     *peak,
               GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(MgRecording) baseline = NULL;
  g_autoptr(GError) local_error = NULL;

  baseline = mg_import_file (file, &local_error);
  if (baseline == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Cannot read the baseline: %s"), local_error->message);
      return FALSE;
    }
  *peak = mg_recording_get_peak_rss (baseline);
  if (*peak == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The baseline %s has no samples: its peak RSS is not known"), path);
      return FALSE;
    }
  return TRUE;
}

/* --max-rss and --baseline: prints each verdict, and returns the exit
 * status of the worst (0 when both are met). */
static int
check_budgets (const MgOptions *options,
               MgRecording     *recording,
               guint64          baseline_peak)
{
  MgBudgetVerdict worst = MG_BUDGET_UNDER;

  if (options->max_rss > 0)
    {
      g_autofree char *message = NULL;

      /* Not inside MAX(), which would check (and print) it twice. */
      MgBudgetVerdict verdict = mg_budget_check_rss (recording, options->max_rss, &message);

      worst = MAX (worst, verdict);
      g_printerr ("memgraph-gtk: %s\n", message);
    }
  if (options->baseline != NULL)
    {
      g_autofree char *message = NULL;

      MgBudgetVerdict verdict = mg_budget_check_baseline (recording, baseline_peak,
                                                          options->baseline,
                                                          options->max_increase, &message);

      worst = MAX (worst, verdict);
      g_printerr ("memgraph-gtk: %s\n", message);
    }
  return mg_budget_status (worst);
}

typedef struct
{
  MgRemote   *remote;          /* the recorder, here or elsewhere */
  gboolean    watching;        /* processes watched (--pid), not started */
  int         first;           /* the first signal received, or 0 */
  gboolean    after_command;   /* it came once the command had ended */
  guint       received;
} Signals;

typedef struct
{
  Signals    *signals;
  int         signum;
} Forward;

static gboolean
forward_signal (gpointer user_data)
{
  Forward *f = user_data;
  Signals *s = f->signals;

  /* --pid: SIGINT, SIGTERM and SIGHUP end the watching and nothing else. */
  if (s->watching)
    {
      mg_remote_stop (s->remote);
      return G_SOURCE_CONTINUE;
    }
  if (s->received++ == 0)
    {
      s->first = f->signum;
      s->after_command = mg_remote_get_command_ended (s->remote);
    }
  /* The first is passed on to every process of the tree, the command's
   * descendants too: they decide what it means, and we keep recording
   * until the last one ends, then still write the outputs. A second one
   * ends the tree at once. */
  if (s->received == 1)
    {
      /* What it is waiting for, and how not to: a process may ignore the
       * signal (background jobs of a shell ignore SIGINT). */
      g_printerr (_("memgraph-gtk: %s passed on to the command's processes; recording until "
                    "they end (send it again to end them at once)\n"),
                  mg_signal_name (f->signum));
      mg_remote_send_signal (s->remote, f->signum);
    }
  else
    mg_remote_kill (s->remote);
  return G_SOURCE_CONTINUE;
}

static void
on_finished (MgRecording *recording,
             GMainLoop   *loop)
{
  g_main_loop_quit (loop);
}

/* --no-window with saved recordings: export them again, or with several,
 * their comparison. */
static int
export_files (const MgOptions *options,
              guint64          baseline_peak)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  MgPlotStyle style;

  for (guint i = 0; options->files[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (options->files[i]);
      g_autoptr(GPtrArray) file_runs = NULL;
      g_auto(GStrv) file_labels = NULL;

      file_runs = mg_import_file_runs (file, &file_labels, &error);
      if (file_runs == NULL)
        {
          g_printerr ("memgraph-gtk: %s\n", error->message);
          return 1;
        }
      for (guint k = 0; k < file_runs->len; k++)
        {
          g_ptr_array_add (runs, g_object_ref (g_ptr_array_index (file_runs, k)));
          g_ptr_array_add (labels, g_strdup (file_labels[k]));
        }
    }

  mg_plot_style_init (&style, options->dark == 1);

  if (runs->len == 1)
    {
      g_autofree char *summary = NULL;

      mg_recording_set_budget (g_ptr_array_index (runs, 0), options->max_rss);
      if (!mg_write_outputs (g_ptr_array_index (runs, 0), (const char * const *) options->outputs,
                             &style, options->width, options->height, &error))
        {
          g_printerr ("memgraph-gtk: %s\n", error->message);
          return 1;
        }
      summary = mg_summary_line (g_ptr_array_index (runs, 0));
      g_printerr ("%s\n", summary);
      return check_budgets (options, g_ptr_array_index (runs, 0), baseline_peak);
    }
  else
    {
      g_auto(GStrv) lines = mg_compare_summary ((MgRecording **) runs->pdata,
                                                (const char **) labels->pdata, runs->len);
      int status = 0;

      for (guint i = 0; options->outputs != NULL && options->outputs[i] != NULL; i++)
        {
          g_autoptr(GFile) file = g_file_new_for_commandline_arg (options->outputs[i]);
          g_autoptr(GError) local_error = NULL;

          if (!mg_export_compare_write ((MgRecording **) runs->pdata, (const char **) labels->pdata,
                                        runs->len, file, mg_export_format_for_path (options->outputs[i]),
                                        &style, options->width, options->height, &local_error))
            {
              g_printerr ("memgraph-gtk: %s\n", local_error->message);
              status = 1;
            }
        }
      for (guint i = 0; lines[i] != NULL; i++)
        g_printerr ("memgraph-gtk: %s\n", lines[i]);
      return status;
    }
}

/**
 * mg_batch_run:
 * @options: parsed options with a command, pids to watch or recordings
 *
 * Returns: the exit status for memgraph-gtk: the command's, 128 + N when a
 *   signal N killed it, or when memgraph-gtk received SIGINT, SIGTERM or
 *   SIGHUP (N) after the command had ended while processes it left ran on;
 *   127 when it could not start, 1 when it succeeded but an output could
 *   not be written; %MG_BUDGET_STATUS_OVER or %MG_BUDGET_STATUS_MAYBE when
 *   it succeeded but went over --max-rss or --max-increase. With --pid: 0,
 *   2 when a pid is refused, 1 or a budget's status as above
 */
int
mg_batch_run (const MgOptions *options)
{
  g_autoptr(MgRecording) recording = NULL;
  g_autoptr(MgRemote) remote = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cwd = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *unreadable = NULL;
  g_autofree char *follow_message = NULL;
  static const int forwarded[] = { SIGINT, SIGTERM, SIGHUP };
  Forward forwards[G_N_ELEMENTS (forwarded)];
  guint source_ids[G_N_ELEMENTS (forwarded)];
  Signals signals = { 0 };
  MgPlotStyle style;
  LiveStreams live;
  guint64 baseline_peak = 0;
  gboolean output_failed = FALSE, live_failed = FALSE, started;
  int budget_status;
  int status;

  g_return_val_if_fail (options != NULL, 2);

  /* Before the run: a baseline that cannot be read is a bad option. */
  if (options->baseline != NULL && !read_baseline (options->baseline, &baseline_peak, &error))
    {
      g_printerr ("memgraph-gtk: %s\n", error->message);
      return 2;
    }

  if (options->command == NULL && options->pids == NULL)
    return export_files (options, baseline_peak);

  if (options->via != NULL)
    {
      /* Elsewhere: the directory is the other end's, where the link starts
       * unless one was given; the pids are the other end's. */
      g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; options->pids != NULL && i < options->pids->len; i++)
        g_ptr_array_add (words, g_strdup_printf ("%d", g_array_index (options->pids, pid_t, i)));
      g_ptr_array_add (words, NULL);
      recording = mg_recording_new (options->pids != NULL ? (const char * const *) words->pdata
                                                          : (const char * const *) options->command,
                                    options->directory ? options->directory : "",
                                    options->interval_s);
      if (options->pids != NULL)
        mg_recording_set_attached (recording, TRUE);
      remote = mg_remote_new (options->via, recording, &error);
      if (remote == NULL)
        {
          g_printerr ("memgraph-gtk: %s\n", error->message);
          return 2;
        }
      mg_remote_set_catch_spikes (remote, options->catch_spikes);
      mg_remote_set_pss (remote, options->pss);
      mg_remote_set_follow (remote, options->follow);
      mg_remote_set_capture_output (remote, options->capture_output);
      mg_remote_set_directory (remote, options->directory);
      if (options->pids != NULL)
        mg_remote_set_pids (remote, (const pid_t *) options->pids->data, options->pids->len);
    }
  else if (options->pids != NULL)
    {
      /* Checked here, for a clear message at once; the recorder watches
       * them, as it would elsewhere, and we read its stream. */
      g_autoptr(MgAttach) attach = mg_attach_new ((const pid_t *) options->pids->data,
                                                  options->pids->len, options->interval_s,
                                                  &error);

      if (attach == NULL)
        {
          g_printerr ("memgraph-gtk: %s\n", error->message);
          return 2;
        }
      recording = g_object_ref (mg_attach_get_recording (attach));
      remote = mg_remote_new_local (recording);
      mg_remote_set_pids (remote, (const pid_t *) options->pids->data, options->pids->len);
      mg_remote_set_pss (remote, options->pss);
    }
  else
    {
      cwd = options->directory ? g_strdup (options->directory) : g_get_current_dir ();
      recording = mg_recording_new ((const char * const *) options->command, cwd,
                                    options->interval_s);
      /* The recorder samples it, as it would elsewhere; we read its
       * stream. */
      remote = mg_remote_new_local (recording);
      mg_remote_set_inherit_stdin (remote, TRUE);
      mg_remote_set_catch_spikes (remote, options->catch_spikes);
      mg_remote_set_pss (remote, options->pss);
      mg_remote_set_follow (remote, options->follow);
      mg_remote_set_capture_output (remote, options->capture_output);
    }
  /* The budget is a line on the images written. */
  mg_recording_set_budget (recording, options->max_rss);
  loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (recording, "finished", G_CALLBACK (on_finished), loop);

  signals.remote = remote;
  signals.watching = options->pids != NULL;
  for (guint i = 0; i < G_N_ELEMENTS (forwarded); i++)
    {
      forwards[i].signals = &signals;
      forwards[i].signum = forwarded[i];
      source_ids[i] = g_unix_signal_add (forwarded[i], forward_signal, &forwards[i]);
    }

  /* Opened once the start time is known, for the stream's first line;
   * nothing is applied to the recording before the loop runs. */
  started = mg_remote_start (remote, &error);
  if (started)
    {
      live_streams_open (&live, recording, (const char * const *) options->outputs, &live_failed);
      g_main_loop_run (loop);
    }
  else
    {
      /* The link command or the command could not start: a run that says
       * why (a local recorder's stream said it already). */
      if (!mg_recording_is_finished (recording))
        {
          MgExit exit_info = { MG_EXIT_ERROR, 0, FALSE, error->message };

          mg_recording_finish (recording, &exit_info, 0);
        }
      live_streams_open (&live, recording, (const char * const *) options->outputs, &live_failed);
    }

  for (guint i = 0; i < G_N_ELEMENTS (forwarded); i++)
    g_source_remove (source_ids[i]);

  status = mg_recording_get_exit_code (recording);
  /* The link was lost: what was recorded is written, the outcome is not
   * known (255, as ssh says of a lost connection). Processes watched there
   * end as watching does: 0. */
  if (mg_remote_get_lost (remote))
    status = 255;
  else if (options->pids != NULL)
    status = started ? 0 : 1;
  /* The command had ended; what ran on was ended by the signal we got. */
  if (signals.received > 0 && signals.after_command)
    {
      g_printerr (_("memgraph-gtk: %s after the command had ended: passed on to the processes "
                    "it left running\n"), mg_signal_name (signals.first));
      status = 128 + signals.first;
    }

  mg_plot_style_init (&style, options->dark == 1);
  g_clear_error (&error);
  if (!mg_write_outputs (recording, (const char * const *) live.rest->pdata, &style,
                         options->width, options->height, &error))
    {
      g_printerr ("memgraph-gtk: %s\n", error->message);
      live_failed = TRUE;
    }
  live_streams_close (&live, &live_failed);
  if (live_failed && status == 0)
    {
      status = 1;
      output_failed = TRUE;
    }

  unreadable = mg_recording_dup_unreadable_message (recording);
  if (unreadable != NULL)
    g_printerr ("memgraph-gtk: %s\n", unreadable);
  follow_message = mg_recording_dup_follow_message (recording);
  if (follow_message != NULL)
    g_printerr ("memgraph-gtk: %s\n", follow_message);
  if (mg_recording_get_unseen (recording))
    g_printerr ("memgraph-gtk: %s\n", _("Processes ran unseen between samples: the peak is a lower "
                                        "bound. Run again with --follow to follow every process."));
  summary = mg_summary_line (recording);
  g_printerr ("%s\n", summary);
  budget_status = check_budgets (options, recording, baseline_peak);
  /* The command's own failure is never hidden behind a budget's. */
  if (status == 0 || (status == 1 && output_failed))
    status = budget_status != 0 ? budget_status : status;
  return status;
}
