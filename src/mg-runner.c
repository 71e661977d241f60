/* mg-runner.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Launches the command of a recording with GSubprocess, drives the sampler
 * while it lives, and records how it ended.
 */
#include "config.h"

#include "mg-runner.h"
#include "mg-proc.h"
#include "mg-sampler.h"

#include <errno.h>
#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <glib-unix.h>
#include <stdlib.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

struct _MgRunner
{
  GObject       parent_instance;

  /* owned */
  MgRecording  *recording;
  GSubprocess  *subprocess;
  MgSampler    *sampler;
  GCancellable *cancellable;
  GDataInputStream *reports;   /* from memgraph-launch */
  guint         kill_timeout_id;

  gint64        start_us;
  pid_t         pid;             /* the command */
  pid_t         launcher_pid;    /* memgraph-launch, its parent */
  int           command_status;
  gboolean      command_reaped;
  gboolean      reports_done;
  gboolean      wait_done;
  int           launcher_status;
  gboolean      launcher_signaled;
  gboolean      inherit_stdin;
  gboolean      catch_spikes;
  gboolean      pss;
  gboolean      follow;
  gboolean      capture_output;
  guint         outputs_open;   /* captured streams not at their end yet */
};

G_DEFINE_FINAL_TYPE (MgRunner, mg_runner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mg_runner_dispose (GObject *object)
{
  MgRunner *self = (MgRunner *) object;

  /* Never leave the command running behind us. */
  if (mg_runner_is_running (self))
    mg_runner_kill_tree (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->kill_timeout_id, g_source_remove);
  if (self->sampler != NULL)
    mg_sampler_stop (self->sampler);
  g_clear_object (&self->sampler);
  g_clear_object (&self->subprocess);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->reports);
  g_clear_object (&self->recording);

  G_OBJECT_CLASS (mg_runner_parent_class)->dispose (object);
}

static void
mg_runner_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MgRunner *self = MG_RUNNER (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, mg_runner_is_running (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_runner_class_init (MgRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mg_runner_dispose;
  object_class->get_property = mg_runner_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mg_runner_init (MgRunner *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * mg_runner_new:
 * @recording: an empty recording naming the command, directory and interval
 *
 * Returns: (transfer full): a runner for that command
 */
MgRunner *
mg_runner_new (MgRecording *recording)
{
  MgRunner *self;

  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);

  self = g_object_new (MG_TYPE_RUNNER, NULL);
  self->recording = g_object_ref (recording);
  return self;
}

/**
 * mg_runner_set_inherit_stdin:
 *
 * Whether the command reads our standard input (when started from a
 * terminal) or /dev/null (when started from the window).
 */
void
mg_runner_set_inherit_stdin (MgRunner *self,
                             gboolean  inherit_stdin)
{
  g_return_if_fail (MG_IS_RUNNER (self));
  self->inherit_stdin = !!inherit_stdin;
}

/**
 * mg_runner_set_catch_spikes:
 *
 * See mg_sampler_set_catch_spikes().
 */
void
mg_runner_set_catch_spikes (MgRunner *self,
                            gboolean  catch_spikes)
{
  g_return_if_fail (MG_IS_RUNNER (self));
  self->catch_spikes = !!catch_spikes;
}

/**
 * mg_runner_set_capture_output:
 *
 * Capture the command's standard output and error, line by line with the
 * time each was read, into the recording, instead of passing them on.
 */
void
mg_runner_set_capture_output (MgRunner *self,
                              gboolean  capture_output)
{
  g_return_if_fail (MG_IS_RUNNER (self));
  self->capture_output = !!capture_output;
}

typedef struct
{
  MgRunner         *runner;
  GDataInputStream *stream;
  MgOutputStream    which;
} Capture;

static void maybe_finish (MgRunner *self);

static void
on_output_line (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Capture *c = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  gsize length;

  line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source), result, &length,
                                               &error);
  if (line == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          c->runner->outputs_open--;
          maybe_finish (c->runner);
        }
      g_object_unref (c->stream);
      g_object_unref (c->runner);
      g_free (c);
      return;
    }

  mg_recording_add_output (c->runner->recording,
                           (g_get_monotonic_time () - c->runner->start_us) / 1e6, c->which, line);
  g_data_input_stream_read_line_async (c->stream, G_PRIORITY_DEFAULT, c->runner->cancellable,
                                       on_output_line, c);
}

static void
capture (MgRunner       *self,
         GInputStream   *pipe,
         MgOutputStream  which)
{
  Capture *c = g_new0 (Capture, 1);

  c->runner = g_object_ref (self);
  c->stream = g_data_input_stream_new (pipe);
  c->which = which;
  self->outputs_open++;
  g_data_input_stream_read_line_async (c->stream, G_PRIORITY_DEFAULT, self->cancellable,
                                       on_output_line, c);
}

/**
 * mg_runner_set_follow:
 *
 * Follow every process of the tree from its fork to its exit (memgraph-launch
 * traces them), so that none is unseen and each own peak is exact.
 */
void
mg_runner_set_follow (MgRunner *self,
                      gboolean  follow)
{
  g_return_if_fail (MG_IS_RUNNER (self));
  self->follow = !!follow;
}

/**
 * mg_runner_set_pss:
 *
 * See mg_sampler_set_pss().
 */
void
mg_runner_set_pss (MgRunner *self,
                   gboolean  pss)
{
  g_return_if_fail (MG_IS_RUNNER (self));
  self->pss = !!pss;
}

/**
 * mg_find_libexec:
 * @name: a helper program installed with memgraph-gtk
 *
 * Looks in $MEMGRAPH_LIBEXECDIR, then beside our own binary (the build
 * tree), then in the installed libexec directory.
 *
 * Returns: (transfer full): its path
 */
char *
mg_find_libexec (const char *name)
{
  const char *env = g_getenv ("MEMGRAPH_LIBEXECDIR");
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (env != NULL && env[0] != '\0')
    return g_build_filename (env, name, NULL);
  if (exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (exe);
      g_autofree char *beside = g_build_filename (dir, name, NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&beside);
    }
  return g_build_filename (MG_LIBEXECDIR, name, NULL);
}

static void
child_setup (gpointer user_data)
{
  /* If we die without stopping it, the kernel stops the command. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Turns GLib's "Failed to execute child process “x” (No such file or
 * directory)" into the plain reason. */
static char *
describe_spawn_error (const GError *error,
                      const char   *directory)
{
  if (error->domain == G_SPAWN_ERROR)
    {
      switch (error->code)
        {
        case G_SPAWN_ERROR_NOENT:
          return g_strdup (g_strerror (ENOENT));
        case G_SPAWN_ERROR_ACCES:
          return g_strdup (g_strerror (EACCES));
        case G_SPAWN_ERROR_PERM:
          return g_strdup (g_strerror (EPERM));
        case G_SPAWN_ERROR_NOEXEC:
          return g_strdup (g_strerror (ENOEXEC));
        case G_SPAWN_ERROR_ISDIR:
          return g_strdup (g_strerror (EISDIR));
        case G_SPAWN_ERROR_NOTDIR:
          return g_strdup (g_strerror (ENOTDIR));
        case G_SPAWN_ERROR_CHDIR:
          return g_strdup_printf (_("Cannot change to the directory “%s”"),
                                  directory ? directory : "");
        default:
          break;
        }
    }
  return g_strdup (error->message);
}

static void
finish (MgRunner     *self,
        const MgExit *exit_info)
{
  double duration = (g_get_monotonic_time () - self->start_us) / 1e6;

  g_clear_handle_id (&self->kill_timeout_id, g_source_remove);
  if (self->sampler != NULL)
    mg_sampler_stop (self->sampler);

  /* The last sample: at exit the processes hold no memory any more. */
  if (exit_info->kind != MG_EXIT_ERROR)
    mg_recording_append (self->recording, duration, 0, 0);

  mg_recording_finish (self->recording, exit_info, duration);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
exit_from_status (MgExit *exit_info,
                  int     status)
{
  if (WIFSIGNALED (status))
    {
      exit_info->kind = MG_EXIT_SIGNAL;
      exit_info->code = WTERMSIG (status);
      exit_info->core_dumped = WCOREDUMP (status);
    }
  else
    {
      exit_info->kind = MG_EXIT_STATUS;
      exit_info->code = WEXITSTATUS (status);
    }
}

/* Once memgraph-launch has exited and every report is read, the run is
 * over: the whole tree has ended. */
static void
maybe_finish (MgRunner *self)
{
  MgExit exit_info = { 0 };

  if (!self->reports_done || !self->wait_done || self->outputs_open > 0 ||
      mg_recording_is_finished (self->recording))
    return;

  if (self->command_reaped)
    exit_from_status (&exit_info, self->command_status);
  else if (self->launcher_signaled)
    {
      /* memgraph-launch itself was killed: the command went with it. */
      exit_info.kind = MG_EXIT_SIGNAL;
      exit_info.code = self->launcher_status;
    }
  else
    {
      exit_info.kind = MG_EXIT_STATUS;
      exit_info.code = self->launcher_status;
    }
  finish (self, &exit_info);
}

static double
report_time (MgRunner   *self,
             const char *word)
{
  return MAX (0, (g_ascii_strtoll (word, NULL, 10) - self->start_us) / 1e6);
}

/* One line from memgraph-launch (see mg-launch.c for the protocol). */
static void
handle_report (MgRunner   *self,
               const char *line)
{
  g_auto(GStrv) words = g_strsplit (line, " ", -1);
  guint n = g_strv_length (words);

  if (n >= 5 && g_str_equal (words[0], "exit"))
    {
      int pid = atoi (words[1]);
      int status = atoi (words[2]);
      guint64 maxrss = g_ascii_strtoull (words[3], NULL, 10) * 1024;
      double time_s = report_time (self, words[4]);
      guint64 start = n >= 7 ? g_ascii_strtoull (words[5], NULL, 10) : 0;
      guint64 child_faults = n >= 7 ? g_ascii_strtoull (words[6], NULL, 10) : G_MAXUINT64;

      /* Never seen by a sample: still, its real start is known. */
      if (start > 0 && mg_recording_find_process_full (self->recording, pid, start) < 0)
        mg_recording_add_process_full (self->recording, pid, 0, start, NULL, NULL,
                                       CLAMP ((mg_proc_ticks_to_monotonic_us (start) -
                                               self->start_us) / 1e6, 0, time_s));
      mg_recording_process_ended_full (self->recording, pid, start, time_s, status, maxrss,
                                       child_faults);
      if (pid == self->pid)
        {
          self->command_reaped = TRUE;
          self->command_status = status;
        }
    }
  else if (n == 5 && g_str_equal (words[0], "proc"))
    {
      int pid = atoi (words[1]);
      int ppid = atoi (words[2]);
      int parent = mg_recording_find_process (self->recording, ppid);
      const MgProcess *pp = parent >= 0 ? mg_recording_get_process (self->recording, parent)
                                        : NULL;

      /* Until it execs, a forked child runs its parent's program. */
      mg_recording_add_process_full (self->recording, pid, ppid,
                                     g_ascii_strtoull (words[3], NULL, 10),
                                     pp != NULL ? pp->name : NULL, pp != NULL ? pp->cmdline : NULL,
                                     report_time (self, words[4]));
    }
  else if (n == 6 && g_str_equal (words[0], "exec"))
    {
      int index = mg_recording_find_process_full (self->recording, atoi (words[1]),
                                                  g_ascii_strtoull (words[2], NULL, 10));
      g_autofree char *name = g_uri_unescape_string (words[4], NULL);
      g_autofree char *cmdline = g_uri_unescape_string (words[5], NULL);

      if (index >= 0)
        mg_recording_process_exec (self->recording, index, name, cmdline);
    }
  else if (n == 5 && g_str_equal (words[0], "peak"))
    {
      /* Pid and start time: the sampler may already know a newer process
       * with the same pid. */
      int index = mg_recording_find_process_full (self->recording, atoi (words[1]),
                                                  g_ascii_strtoull (words[2], NULL, 10));

      if (index >= 0)
        mg_recording_process_exit_peak (self->recording, index,
                                        g_ascii_strtoull (words[3], NULL, 10) * 1024,
                                        report_time (self, words[4]));
    }
  else if (n == 3 && g_str_equal (words[0], "setuid"))
    {
      g_autofree char *name = g_uri_unescape_string (words[2], NULL);

      mg_recording_note_setuid (self->recording, name);
    }
}

static void
on_report_line (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MgRunner) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (line == NULL)
    {
      self->reports_done = TRUE;
      maybe_finish (self);
      return;
    }

  handle_report (self, line);
  g_data_input_stream_read_line_async (self->reports, G_PRIORITY_HIGH, self->cancellable,
                                       on_report_line, g_object_ref (self));
}

static void
on_wait_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MgRunner) self = user_data;
  GSubprocess *subprocess = G_SUBPROCESS (source);
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_wait_finish (subprocess, result, &error))
    return;   /* cancelled from dispose */

  self->wait_done = TRUE;
  self->launcher_signaled = g_subprocess_get_if_signaled (subprocess);
  self->launcher_status = self->launcher_signaled ? g_subprocess_get_term_sig (subprocess)
                                                  : g_subprocess_get_exit_status (subprocess);
  maybe_finish (self);
}

static void
fail (MgRunner    *self,
      const char  *reason,
      GError     **error)
{
  MgExit exit_info = { MG_EXIT_ERROR, 0, FALSE, (char *) reason };

  finish (self, &exit_info);
  g_set_error_literal (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED, reason);
}

/**
 * mg_runner_start:
 * @error: return location for a #GError
 *
 * Starts the command below memgraph-launch, and its sampling. When it
 * cannot start, the recording is finished with the reason, which @error
 * carries too.
 *
 * Returns: %TRUE when the command runs
 */
gboolean
mg_runner_start (MgRunner  *self,
                 GError   **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) sampler_error = NULL;
  g_autoptr(GPtrArray) full_argv = NULL;
  g_autoptr(GInputStream) pipe_in = NULL;
  g_autofree char *helper = NULL;
  g_autofree char *first = NULL;
  const char * const *argv;
  const char *directory;
  const char *identifier;
  int fds[2];

  g_return_val_if_fail (MG_IS_RUNNER (self), FALSE);
  g_return_val_if_fail (self->subprocess == NULL, FALSE);
  g_return_val_if_fail (!mg_recording_is_finished (self->recording), FALSE);

  argv = mg_recording_get_argv (self->recording);
  directory = mg_recording_get_directory (self->recording);

  self->start_us = g_get_monotonic_time ();
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    mg_recording_set_started (self->recording, now);
  }

  if (argv[0] == NULL || argv[0][0] == '\0')
    {
      fail (self, g_strerror (ENOENT), error);
      return FALSE;
    }

  if (!g_unix_open_pipe (fds, FD_CLOEXEC, &local_error))
    {
      fail (self, local_error->message, error);
      return FALSE;
    }

  helper = mg_find_libexec ("memgraph-launch");
  full_argv = g_ptr_array_new ();
  g_ptr_array_add (full_argv, helper);
  if (self->follow)
    g_ptr_array_add (full_argv, (char *) "--follow");
  g_ptr_array_add (full_argv, (char *) "3");
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (full_argv, (char *) argv[i]);
  g_ptr_array_add (full_argv, NULL);

  launcher = g_subprocess_launcher_new ((self->inherit_stdin ? G_SUBPROCESS_FLAGS_STDIN_INHERIT
                                                             : G_SUBPROCESS_FLAGS_NONE) |
                                       (self->capture_output ? G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                               G_SUBPROCESS_FLAGS_STDERR_PIPE
                                                             : G_SUBPROCESS_FLAGS_NONE));
  if (directory != NULL && directory[0] != '\0')
    g_subprocess_launcher_set_cwd (launcher, directory);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  g_subprocess_launcher_take_fd (launcher, fds[1], 3);

  self->subprocess = g_subprocess_launcher_spawnv (launcher,
                                                   (const char * const *) full_argv->pdata,
                                                   &local_error);
  /* The write end now belongs to memgraph-launch alone, so that its exit is
   * the end of the reports. */
  g_clear_object (&launcher);

  pipe_in = g_unix_input_stream_new (fds[0], TRUE);
  self->reports = g_data_input_stream_new (pipe_in);

  if (self->subprocess == NULL)
    {
      g_autofree char *reason = describe_spawn_error (local_error, directory);

      fail (self, reason, error);
      return FALSE;
    }

  identifier = g_subprocess_get_identifier (self->subprocess);
  self->launcher_pid = identifier != NULL ? (pid_t) g_ascii_strtoll (identifier, NULL, 10) : 0;

  /* The first report says at once whether the command could be executed. */
  first = g_data_input_stream_read_line (self->reports, NULL, NULL, NULL);
  if (first == NULL || !g_str_has_prefix (first, "start "))
    {
      g_autofree char *reason = NULL;

      if (first != NULL && g_str_has_prefix (first, "error ") && atoi (first + 6) == EACCES)
        reason = g_strdup (_("Permission denied: the file is not executable (chmod +x), or a "
                             "directory on its path cannot be searched"));
      else if (first != NULL && g_str_has_prefix (first, "error "))
        reason = g_strdup (g_strerror (atoi (first + 6)));
      else
        reason = g_strdup_printf (_("%s did not start the command"), helper);
      g_subprocess_wait (self->subprocess, NULL, NULL);
      fail (self, reason, error);
      return FALSE;
    }
  self->pid = (pid_t) atoi (first + 6);
  mg_recording_set_command_pid (self->recording, self->pid);
  {
    g_auto(GStrv) words = g_strsplit (first, " ", -1);

    if (g_strv_length (words) >= 3 && g_str_equal (words[2], "follow"))
      mg_recording_set_following (self->recording, MG_FOLLOW_ON, NULL);
    else if (g_strv_length (words) >= 4 && g_str_equal (words[2], "nofollow"))
      {
        int err = atoi (words[3]);
        const char *reason = err == EPERM
          ? _("the kernel does not allow tracing here: Yama ptrace_scope or a seccomp policy")
          : g_strerror (err);

        mg_recording_set_following (self->recording, MG_FOLLOW_REFUSED, reason);
      }
  }

  g_subprocess_wait_async (self->subprocess, self->cancellable, on_wait_done,
                           g_object_ref (self));
  if (self->capture_output)
    {
      capture (self, g_subprocess_get_stdout_pipe (self->subprocess), MG_OUTPUT_STDOUT);
      capture (self, g_subprocess_get_stderr_pipe (self->subprocess), MG_OUTPUT_STDERR);
    }
  g_data_input_stream_read_line_async (self->reports, G_PRIORITY_HIGH, self->cancellable,
                                       on_report_line, g_object_ref (self));

  if (self->launcher_pid > 0)
    {
      self->sampler = mg_sampler_new (self->recording, self->launcher_pid, self->start_us);
      mg_sampler_set_catch_spikes (self->sampler, self->catch_spikes);
      mg_sampler_set_pss (self->sampler, self->pss);
      if (!mg_sampler_start (self->sampler, &sampler_error))
        g_debug ("Sampler did not start: %s", sampler_error->message);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  return TRUE;
}

gboolean
mg_runner_is_running (MgRunner *self)
{
  g_return_val_if_fail (MG_IS_RUNNER (self), FALSE);
  return self->subprocess != NULL && !mg_recording_is_finished (self->recording);
}

pid_t
mg_runner_get_pid (MgRunner *self)
{
  g_return_val_if_fail (MG_IS_RUNNER (self), 0);
  return self->pid;
}

/**
 * mg_runner_get_recording:
 *
 * Returns: (transfer none): the recording this runner fills
 */
MgRecording *
mg_runner_get_recording (MgRunner *self)
{
  g_return_val_if_fail (MG_IS_RUNNER (self), NULL);
  return self->recording;
}

static gboolean
on_kill_timeout (gpointer user_data)
{
  MgRunner *self = user_data;

  self->kill_timeout_id = 0;
  if (mg_runner_is_running (self))
    mg_runner_kill_tree (self);
  return G_SOURCE_REMOVE;
}

/**
 * mg_runner_stop:
 *
 * Sends SIGTERM, then SIGKILL if the command is still running after
 * %MG_RUNNER_STOP_GRACE_MS.
 */
void
mg_runner_stop (MgRunner *self)
{
  g_return_if_fail (MG_IS_RUNNER (self));

  if (!mg_runner_is_running (self))
    return;

  /* memgraph-launch passes both on to the command. A stopped process cannot
   * act on SIGTERM until it is continued. */
  g_subprocess_send_signal (self->subprocess, SIGTERM);
  g_subprocess_send_signal (self->subprocess, SIGCONT);
  if (self->kill_timeout_id == 0)
    self->kill_timeout_id = g_timeout_add (MG_RUNNER_STOP_GRACE_MS, on_kill_timeout, self);
}

/**
 * mg_runner_kill_tree:
 *
 * Sends SIGKILL to every process of the tree that the sampler knows, the
 * command included. memgraph-launch then reaps them and exits.
 */
void
mg_runner_kill_tree (MgRunner *self)
{
  g_return_if_fail (MG_IS_RUNNER (self));

  if (!mg_runner_is_running (self))
    return;

  if (self->sampler != NULL)
    {
      g_autoptr(GArray) pids = mg_sampler_dup_pids (self->sampler);

      for (guint i = 0; i < pids->len; i++)
        kill (g_array_index (pids, pid_t, i), SIGKILL);
    }
  if (self->pid > 0 && !self->command_reaped)
    kill (self->pid, SIGKILL);
}

/**
 * mg_runner_send_signal:
 * @signum: a signal
 *
 * Passes a signal on to the command, if it is still running.
 */
void
mg_runner_send_signal (MgRunner *self,
                       int       signum)
{
  g_return_if_fail (MG_IS_RUNNER (self));

  if (!mg_runner_is_running (self))
    return;
  if (signum == SIGKILL)
    mg_runner_kill_tree (self);
  else
    /* memgraph-launch passes it on to the command. */
    g_subprocess_send_signal (self->subprocess, signum);
}
