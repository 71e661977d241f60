/* mg-describe.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A recording in words for the people who read it: how the run ended, its
 * peak, and what was not measured (output not kept, processes that could
 * not be read, following refused). The model keeps the figures; the
 * sentences are here, read through its getters.
 */
#include "config.h"

#include "mg-describe.h"
#include "mg-units.h"

#include <glib/gi18n.h>
#include <signal.h>

/**
 * mg_recording_dup_output_message:
 *
 * Returns: (transfer full) (nullable): how much of the output was kept, such
 *   as "1640 of 60000 lines kept, 597.7 MiB (626688000 bytes) not kept", or
 *   %NULL when there was none
 */
char *
mg_recording_dup_output_message (MgRecording *self)
{
  guint kept;
  guint64 dropped_lines, dropped_bytes, total;
  g_autofree char *size = NULL;

  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);

  mg_output_get_counts (mg_recording_get_output_store (self), &kept, &dropped_lines,
                        &dropped_bytes);
  total = kept + dropped_lines;
  if (total == 0 && dropped_bytes == 0)
    return NULL;
  if (dropped_lines == 0 && dropped_bytes == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u line, all kept",
                                         "%u lines, all kept", kept), kept);
  size = mg_format_bytes (dropped_bytes);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u of %llu line kept, %s (%llu bytes) not kept",
                                       "%u of %llu lines kept, %s (%llu bytes) not kept",
                                       total > G_MAXULONG ? G_MAXULONG : (gulong) total),
                          kept, (unsigned long long) total, size,
                          (unsigned long long) dropped_bytes);
}

/**
 * mg_recording_dup_unreadable_message:
 *
 * Returns: (nullable): a sentence for the user on the processes that
 *   could not be read, or %NULL when every one could
 */
char *
mg_recording_dup_unreadable_message (MgRecording *self)
{
  g_autoptr(GString) hidden = g_string_new (NULL);
  g_autoptr(GString) pss = g_string_new (NULL);
  guint n_hidden = 0, n_pss = 0;
  GString *text;

  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);

  for (guint i = 0; i < mg_recording_get_n_unreadable (self); i++)
    {
      const MgUnreadable *u = mg_recording_get_unreadable (self, i);
      GString *list = u->what == MG_UNREADABLE_PROCESS ? hidden : pss;

      if (list->len > 0)
        g_string_append (list, ", ");
      g_string_append_printf (list, "%d", u->pid);
      if (u->what == MG_UNREADABLE_PROCESS)
        n_hidden++;
      else
        n_pss++;
    }
  if (n_hidden == 0 && n_pss == 0)
    return NULL;

  text = g_string_new (NULL);
  if (n_hidden > 0)
    /* TRANSLATORS: %s is a list of process ids, e.g. "1234, 1240" */
    g_string_append_printf (text, ngettext ("Process %s could not be read: it belongs to another "
                                            "user, and /proc hides other users’ processes (hidepid). "
                                            "Its memory is not in the curves.",
                                            "Processes %s could not be read: they belong to another "
                                            "user, and /proc hides other users’ processes (hidepid). "
                                            "Their memory is not in the curves.",
                                            n_hidden),
                            hidden->str);
  if (n_pss > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      /* TRANSLATORS: %s is a list of process ids */
      g_string_append_printf (text, ngettext ("The PSS and USS of process %s could not be read: it "
                                              "belongs to another user. They leave it out.",
                                              "The PSS and USS of processes %s could not be read: "
                                              "they belong to another user. They leave them out.",
                                              n_pss),
                              pss->str);
    }
  return g_string_free (text, FALSE);
}

/**
 * mg_recording_dup_peak_text:
 *
 * Returns: (transfer full): the peak RSS in words, never claiming more than
 *   is known: "158 MiB (exact: the kernel’s high-water mark)", "between 443
 *   and 446 MiB" or "at least 158 MiB"
 */
char *
mg_recording_dup_peak_text (MgRecording *self)
{
  g_autofree char *lower = NULL;
  guint64 peak, upper;

  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);

  peak = mg_recording_get_peak_rss (self);
  lower = mg_format_bytes (peak);
  /* A watched process's high-water mark counts from its start, before
   * watching began: said as such. */
  if (mg_recording_get_attached (self))
    {
      if (mg_recording_get_peak_upper (self, &upper))
        {
          g_autofree char *high = NULL;

          g_free (lower);
          mg_format_bytes_range (peak, upper, &lower, &high);
          /* TRANSLATORS: the peak RSS of a process watched, as a range */
          return g_strdup_printf (_("between %s and %s since the process started"), lower, high);
        }
      if (mg_recording_get_peak_is_exact (self) ||
          !(mg_recording_is_finished (self) || mg_recording_get_unseen (self)))
        /* TRANSLATORS: the peak RSS of a process watched, e.g. "158 MiB since the
         * process started" */
        return g_strdup_printf (_("%s since the process started"), lower);
      /* TRANSLATORS: the peak RSS of a process watched, as a lower bound */
      return g_strdup_printf (_("at least %s since the process started"), lower);
    }
  if (mg_recording_get_peak_is_exact (self))
    return g_strdup_printf (_("%s (exact: the kernel’s high-water mark)"), lower);
  if (mg_recording_get_peak_upper (self, &upper))
    {
      g_autofree char *high = NULL;

      g_free (lower);
      mg_format_bytes_range (peak, upper, &lower, &high);
      /* TRANSLATORS: the peak RSS as a range, e.g. "between 443 MiB and 446 MiB" */
      return g_strdup_printf (_("between %s and %s"), lower, high);
    }
  if (mg_recording_is_finished (self) || mg_recording_get_unseen (self))
    /* TRANSLATORS: the peak RSS as a lower bound, e.g. "at least 158 MiB" */
    return g_strdup_printf (_("at least %s"), lower);
  return g_strdup (lower);
}

/**
 * mg_recording_dup_follow_message:
 *
 * Returns: (transfer full) (nullable): what following changed or why it was
 *   not possible, in words; %NULL when there is nothing to say
 */
char *
mg_recording_dup_follow_message (MgRecording *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);

  if (mg_recording_get_following (self) == MG_FOLLOW_REFUSED)
    {
      const char *reason = mg_recording_get_follow_reason (self);

      g_string_append_printf (text, _("Every process could not be followed (%s): the run was "
                                      "sampled only."),
                              reason ? reason : "");
    }
  for (guint i = 0; i < mg_recording_get_n_setuid (self); i++)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      /* TRANSLATORS: %s is a program such as sudo */
      g_string_append_printf (text, _("%s ran without its privileges because every process was "
                                      "followed."),
                              mg_recording_get_setuid_name (self, i));
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* Whether the run ended because the person stopped it: Stop was asked for
 * while the command itself still ran. */
static gboolean
stopped_by_person (MgRecording *self)
{
  const MgExit *exit_info = mg_recording_get_exit (self);
  double stop_time = mg_recording_get_stop_time (self);
  double command_end = mg_recording_get_command_end (self);

  if (stop_time < 0)
    return FALSE;
  if (exit_info->kind != MG_EXIT_SIGNAL && exit_info->kind != MG_EXIT_STATUS)
    return FALSE;
  return command_end < 0 || command_end >= stop_time - 0.05;
}

/**
 * mg_recording_dup_stop_details:
 *
 * Returns: (transfer full) (nullable): for a run the person stopped, the
 *   signals in words, such as "Stop sent SIGTERM; the command ended by
 *   signal 15 (SIGTERM)"; %NULL for any other run
 */
char *
mg_recording_dup_stop_details (MgRecording *self)
{
  const MgExit *exit_info;

  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);

  if (!stopped_by_person (self))
    return NULL;
  exit_info = mg_recording_get_exit (self);
  if (exit_info->kind == MG_EXIT_SIGNAL && exit_info->code == SIGKILL)
    return g_strdup (_("Stop sent SIGTERM; the command was still running 3 s later and was "
                       "ended by signal 9 (SIGKILL)"));
  if (exit_info->kind == MG_EXIT_SIGNAL)
    return g_strdup_printf (_("Stop sent SIGTERM; the command ended by signal %d (%s)"),
                            exit_info->code, mg_signal_name (exit_info->code));
  return g_strdup_printf (_("Stop sent SIGTERM; the command exited with status %d"),
                          exit_info->code);
}

/**
 * mg_recording_describe_exit:
 *
 * Returns: (transfer full): how the run ended in plain words, such as
 *   "Exited with status 0 after 12.3 s"
 */
char *
mg_recording_describe_exit (MgRecording *self)
{
  g_autofree char *duration = NULL;
  const MgExit *exit_info;
  double duration_s;

  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);

  exit_info = mg_recording_get_exit (self);
  duration_s = mg_recording_get_duration (self);
  duration = mg_format_duration (duration_s);

  /* The person's doing, said as such: the signals are details. */
  if (stopped_by_person (self))
    /* TRANSLATORS: the outcome of a run stopped with the Stop button */
    return g_strdup_printf (_("Stopped after %s"), duration);

  switch (exit_info->kind)
    {
    case MG_EXIT_RUNNING:
      {
        /* In whole seconds, as the strip's elapsed time says it. */
        g_autofree char *elapsed = mg_format_elapsed (duration_s);

        return g_strdup_printf (_("Running for %s"), elapsed);
      }

    case MG_EXIT_STATUS:
      {
        double command_end = mg_recording_get_command_end (self);
        double tree_end = command_end;
        GString *text;

        if (command_end < 0 || command_end >= duration_s - 0.05)
          return g_strdup_printf (_("Exited with status %d after %s"),
                                  exit_info->code, duration);

        /* The run ended later than the command: say what it waited for,
         * the processes it left (as their exits were reported) or the
         * rest of its output. */
        for (guint i = 0; i < mg_recording_get_n_processes (self); i++)
          {
            const MgProcess *p = mg_recording_get_process (self, i);

            /* Only the processes it left: not the command itself. */
            if (p->exited && p->pid != mg_recording_get_command_pid (self))
              tree_end = MAX (tree_end, p->end_s);
          }
        {
          g_autofree char *own = mg_format_duration (command_end);

          text = g_string_new (NULL);
          g_string_printf (text, _("Exited with status %d after %s"), exit_info->code, own);
        }
        if (tree_end > command_end + 0.05)
          {
            g_autofree char *last = mg_format_duration (MIN (tree_end, duration_s));

            g_string_append (text, "; ");
            g_string_append_printf (text, _("the last process it left ended after %s"), last);
          }
        if (duration_s > tree_end + 0.05)
          {
            g_string_append (text, "; ");
            if (mg_output_get_n_lines (mg_recording_get_output_store (self)) > 0 ||
                mg_output_get_dropped_lines (mg_recording_get_output_store (self)) > 0)
              g_string_append_printf (text, _("reading its output ended after %s"), duration);
            else
              g_string_append_printf (text, _("the run ended after %s"), duration);
          }
        return g_string_free (text, FALSE);
      }

    case MG_EXIT_SIGNAL:
      {
        int sig = exit_info->code;
        /* Signals a program gets from its own faults: it crashed. */
        gboolean crash = sig == SIGSEGV || sig == SIGABRT || sig == SIGBUS || sig == SIGFPE ||
                         sig == SIGILL || sig == SIGTRAP || sig == SIGSYS;

        if (crash && exit_info->core_dumped)
          return g_strdup_printf (_("Crashed with signal %d (%s) after %s; the kernel wrote a "
                                    "core dump"), sig, mg_signal_name (sig), duration);
        if (crash)
          return g_strdup_printf (_("Crashed with signal %d (%s) after %s"), sig,
                                  mg_signal_name (sig), duration);
        if (exit_info->core_dumped)
          return g_strdup_printf (_("Killed by signal %d (%s) after %s; the kernel wrote a "
                                    "core dump"), sig, mg_signal_name (sig), duration);
        return g_strdup_printf (_("Killed by signal %d (%s) after %s"), sig,
                                mg_signal_name (sig), duration);
      }

    case MG_EXIT_UNKNOWN:
      /* A process watched: why its end is not known, or that it runs on. */
      if (mg_recording_get_attached (self) && exit_info->message != NULL)
        /* TRANSLATORS: a process watched: how long, then e.g. "unknown (not
         * started by Memory Graph)" or "still running: watching stopped" */
        return g_strdup_printf (_("Watched for %s: %s"), duration, exit_info->message);
      /* Why it is not known: a stream that was cut says where. */
      if (exit_info->message != NULL)
        return g_strdup (exit_info->message);
      return g_strdup_printf (_("Samples of %s; how the command ended is not known"), duration);

    case MG_EXIT_ERROR:
    default:
      return g_strdup_printf (_("Could not start: %s"),
                              exit_info->message ? exit_info->message : _("unknown error"));
    }
}

/**
 * mg_recording_dup_watch_title:
 *
 * Returns: (transfer full) (nullable): for processes watched, what names
 *   them, e.g. "Watching firefox (PID 1234)"; %NULL for a command started
 */
char *
mg_recording_dup_watch_title (MgRecording *self)
{
  const char * const *argv;
  g_autofree char *name = NULL;

  g_return_val_if_fail (MG_IS_RECORDING (self), NULL);

  if (!mg_recording_get_attached (self))
    return NULL;
  argv = mg_recording_get_argv (self);
  name = g_path_get_basename (argv != NULL && argv[0] != NULL ? argv[0] : "");
  if (mg_recording_get_command_pid (self) <= 0)
    /* TRANSLATORS: the title of a process watched, before its pid is known */
    return g_strdup_printf (_("Watching %s"), name);
  /* TRANSLATORS: the title of a process watched, e.g. "Watching firefox (PID 1234)" */
  return g_strdup_printf (_("Watching %s (PID %d)"), name, mg_recording_get_command_pid (self));
}
