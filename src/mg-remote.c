/* mg-remote.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs a command elsewhere — another machine, a container, the host of a
 * sandbox — through a command people already use to get there ("ssh
 * render01", "podman exec -i box", "kubectl exec -i pod --", "flatpak-spawn
 * --host"): that command starts memgraph-record next to the measured
 * command, and the recorder's stream, on its standard output, fills the
 * recording as it arrives. No network service of our own: the transport is
 * the link command's stdio.
 *
 * The recorder's standard input is the control channel: "stop" is Stop,
 * "signal N" passes signal N to the tree, and its end (the link is gone, or
 * we are) makes the recorder end the whole tree at once. The link command
 * runs in a session of its own, so that a terminal's Ctrl+C reaches it only
 * as what we pass on, and dies with us (PR_SET_PDEATHSIG).
 *
 * How it ended is the stream's last line. A stream that stops before it is
 * a lost connection, said in words with what was recorded kept; a link that
 * never started a stream is a run that could not start, with the reason
 * (the recorder is not installed there, the host cannot be reached).
 *
 * A command on this computer runs the same way, without a link
 * (mg_remote_new_local()): the recorder is our child, its stream and
 * control channel on descriptors of their own, so that the command keeps
 * our terminal; it stays in our process group, and dies with us.
 */
#include "config.h"

#include "mg-remote.h"
#include "mg-proc.h"
#include "mg-runner.h"
#include "mg-stream.h"
#include "mg-units.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <errno.h>
#include <fcntl.h>
#include <gio/gunixinputstream.h>
#include <glib-unix.h>
#include <gio/gunixoutputstream.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

/* What is kept of the link's own standard error, for the message of a
 * failure: its last bytes. */
#define STDERR_TAIL_BYTES 4096
#define READ_BLOCK        (64 * 1024)
/* After Stop, how long the recorder has to end the tree and say so before
 * the link is cut (which makes it end the tree at once). */
#define STOP_LINK_GRACE_MS (MG_RUNNER_STOP_GRACE_MS + 5000)
/* Where a local recorder finds its stream and control channel. */
#define LOCAL_CONTROL_FD 3
#define LOCAL_STREAM_FD  4
#define STREAM_PIPE_SIZE (1024 * 1024)

struct _MgRemote
{
  GObject         parent_instance;

  /* owned */
  MgRecording    *recording;
  GStrv           via_argv;
  char           *name;
  char           *directory;
  GArray         *pids;
  GSubprocess    *subprocess;
  GInputStream   *stream_in;       /* the recorder's stdout, or its stream's pipe */
  GSource        *stream_source;   /* stream_in readable */
  GBytes         *pending;         /* read after a local recorder's header, not fed yet */
  GOutputStream  *control;
  GCancellable   *cancellable;
  MgStreamReader *reader;
  GString        *stderr_tail;
  char           *stream_error;
  guint           stop_timeout_id;

  gint64          start_us;
  gint64          header_us;       /* when the recorder said it started, or 0 */
  gint64          end_us;
  gboolean        follow;
  gboolean        catch_spikes;
  gboolean        pss;
  gboolean        capture_output;
  gboolean        local;          /* the recorder is our child, on this computer */
  gboolean        inherit_stdin;
  gboolean        running;
  gboolean        stdout_done;
  gboolean        wait_done;
  gboolean        stopped;
  gboolean        lost;           /* the stream stopped before its last line */
};

G_DEFINE_FINAL_TYPE (MgRemote, mg_remote, G_TYPE_OBJECT)

static void
mg_remote_dispose (GObject *object)
{
  MgRemote *self = (MgRemote *) object;

  /* Never leave anything running at the other end, nor the link here. */
  mg_remote_kill (self);
  if (self->subprocess != NULL && !self->wait_done)
    g_subprocess_force_exit (self->subprocess);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->stop_timeout_id, g_source_remove);
  if (self->stream_source != NULL)
    g_source_destroy (self->stream_source);
  g_clear_pointer (&self->stream_source, g_source_unref);
  g_clear_object (&self->control);
  g_clear_object (&self->stream_in);
  g_clear_object (&self->subprocess);
  g_clear_object (&self->recording);

  G_OBJECT_CLASS (mg_remote_parent_class)->dispose (object);
}

static void
mg_remote_finalize (GObject *object)
{
  MgRemote *self = (MgRemote *) object;

  g_clear_pointer (&self->reader, mg_stream_reader_free);
  g_clear_pointer (&self->pending, g_bytes_unref);
  g_clear_object (&self->cancellable);
  g_strfreev (self->via_argv);
  g_free (self->name);
  g_free (self->directory);
  g_free (self->stream_error);
  g_clear_pointer (&self->pids, g_array_unref);
  if (self->stderr_tail != NULL)
    g_string_free (self->stderr_tail, TRUE);

  G_OBJECT_CLASS (mg_remote_parent_class)->finalize (object);
}

static void
mg_remote_class_init (MgRemoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mg_remote_dispose;
  object_class->finalize = mg_remote_finalize;
}

static void
mg_remote_init (MgRemote *self)
{
  self->follow = TRUE;
  self->cancellable = g_cancellable_new ();
  self->stderr_tail = g_string_new (NULL);
}

static gboolean
is_ssh (const char *program)
{
  g_autofree char *base = g_path_get_basename (program);

  return g_str_equal (base, "ssh");
}

/* The name of where it runs, for messages: the last word of the link that
 * is not an option ("render01" of "ssh -p 2222 render01", "box" of "podman
 * exec -i box"), "the host" for flatpak-spawn --host. */
static char *
name_of_argv (const char * const *argv)
{
  const char *name = NULL;

  for (guint i = 1; argv[i] != NULL; i++)
    {
      if (g_str_equal (argv[i], "--host"))
        return g_strdup (_("the host"));
      if (argv[i][0] != '-' && !g_str_equal (argv[i], "exec"))
        name = argv[i];
    }
  if (name == NULL)
    return g_path_get_basename (argv[0]);
  /* ssh's user@host: the host */
  if (is_ssh (argv[0]) && strchr (name, '@') != NULL)
    name = strrchr (name, '@') + 1;
  return g_strdup (name);
}

static GStrv
parse_via (const char  *via,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GStrv argv = NULL;

  if (via == NULL || !g_shell_parse_argv (via, NULL, &argv, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a command to run through: %s"), via ? via : "",
                   local_error ? local_error->message : "");
      return NULL;
    }
  return argv;
}

/**
 * mg_remote_name_of_via:
 * @via: the link command, as typed
 *
 * Returns: (transfer full) (nullable): what the link leads to, for
 *   messages and the run's name, or %NULL when @via is not a command
 */
char *
mg_remote_name_of_via (const char *via)
{
  g_auto(GStrv) argv = parse_via (via, NULL);

  return argv != NULL ? name_of_argv ((const char * const *) argv) : NULL;
}

#define VIA_KEY "mg-remote-via"

/**
 * mg_remote_set_via_of:
 * @via: the link command @recording's command runs through
 *
 * Keeps @via with @recording, for running it again there and for saying
 * where it ran. Not saved in files.
 */
void
mg_remote_set_via_of (MgRecording *recording,
                      const char  *via)
{
  g_return_if_fail (MG_IS_RECORDING (recording));
  g_object_set_data_full (G_OBJECT (recording), VIA_KEY, g_strdup (via), g_free);
}

/**
 * mg_remote_get_via_of:
 *
 * Returns: (nullable): the link command @recording's command ran through,
 *   or %NULL when it ran on this computer
 */
const char *
mg_remote_get_via_of (MgRecording *recording)
{
  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);
  return g_object_get_data (G_OBJECT (recording), VIA_KEY);
}

/**
 * mg_remote_new:
 * @via: the command that leads to where the command runs, as a shell
 *   would split it ("ssh render01")
 * @recording: what the stream fills; its argv is the command
 * @error: return location for a @via that is not a command
 *
 * Returns: (transfer full) (nullable): a runner for @recording through @via
 */
MgRemote *
mg_remote_new (const char   *via,
               MgRecording  *recording,
               GError      **error)
{
  MgRemote *self;
  GStrv argv;

  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);

  argv = parse_via (via, error);
  if (argv == NULL)
    return NULL;
  self = g_object_new (MG_TYPE_REMOTE, NULL);
  self->via_argv = argv;
  self->name = name_of_argv ((const char * const *) argv);
  self->recording = g_object_ref (recording);
  return self;
}

/**
 * mg_remote_new_local:
 * @recording: what the stream fills; its argv is the command, its
 *   directory where it runs
 *
 * Returns: (transfer full): a runner for @recording on this computer,
 *   through a recorder of our own
 */
MgRemote *
mg_remote_new_local (MgRecording *recording)
{
  MgRemote *self;

  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);

  self = g_object_new (MG_TYPE_REMOTE, NULL);
  self->local = TRUE;
  self->name = g_strdup (MG_REMOTE_RECORDER);
  self->recording = g_object_ref (recording);
  self->directory = g_strdup (mg_recording_get_directory (recording));
  return self;
}

/**
 * mg_remote_set_inherit_stdin:
 *
 * For a local run: whether the command reads our standard input (started
 * from a terminal) or /dev/null.
 */
void
mg_remote_set_inherit_stdin (MgRemote *self,
                             gboolean  inherit_stdin)
{
  g_return_if_fail (MG_IS_REMOTE (self));
  self->inherit_stdin = !!inherit_stdin;
}

const char *
mg_remote_get_name (MgRemote *self)
{
  g_return_val_if_fail (MG_IS_REMOTE (self), NULL);
  return self->name;
}

void
mg_remote_set_follow (MgRemote *self,
                      gboolean  follow)
{
  g_return_if_fail (MG_IS_REMOTE (self));
  self->follow = !!follow;
}

void
mg_remote_set_catch_spikes (MgRemote *self,
                            gboolean  catch_spikes)
{
  g_return_if_fail (MG_IS_REMOTE (self));
  self->catch_spikes = !!catch_spikes;
}

void
mg_remote_set_pss (MgRemote *self,
                   gboolean  pss)
{
  g_return_if_fail (MG_IS_REMOTE (self));
  self->pss = !!pss;
}

/**
 * mg_remote_set_capture_output:
 *
 * Whether the command's output comes back in the stream (kept with the
 * recording) or goes to the recorder's standard error, which is passed on
 * to ours.
 */
void
mg_remote_set_capture_output (MgRemote *self,
                              gboolean  capture_output)
{
  g_return_if_fail (MG_IS_REMOTE (self));
  self->capture_output = !!capture_output;
}

/**
 * mg_remote_set_directory:
 * @directory: (nullable): where the command runs at the other end; %NULL
 *   for where the link starts (the login directory of ssh)
 */
void
mg_remote_set_directory (MgRemote   *self,
                         const char *directory)
{
  g_return_if_fail (MG_IS_REMOTE (self));
  g_free (self->directory);
  self->directory = g_strdup (directory);
}

/**
 * mg_remote_set_pids:
 *
 * Watches these running processes at the other end instead of starting
 * the recording's command.
 */
void
mg_remote_set_pids (MgRemote    *self,
                    const pid_t *pids,
                    guint        n_pids)
{
  g_return_if_fail (MG_IS_REMOTE (self));

  g_clear_pointer (&self->pids, g_array_unref);
  if (n_pids == 0)
    return;
  self->pids = g_array_sized_new (FALSE, FALSE, sizeof (pid_t), n_pids);
  g_array_append_vals (self->pids, pids, n_pids);
}

/* The recorder beside us: $MEMGRAPH_RECORD, else where our helpers are
 * looked for ($MEMGRAPH_LIBEXECDIR: the build tree), else beside our own
 * binary, else where it is installed. */
static char *
find_local_recorder (void)
{
  const char *env = g_getenv ("MEMGRAPH_RECORD");
  const char *libexec = g_getenv ("MEMGRAPH_LIBEXECDIR");
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (env != NULL && env[0] != '\0')
    {
      char *found = g_find_program_in_path (env);

      return found != NULL ? found : g_strdup (env);
    }
  if (libexec != NULL && libexec[0] != '\0')
    {
      g_autofree char *path = g_build_filename (libexec, MG_REMOTE_RECORDER, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&path);
    }
  if (exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (exe);
      g_autofree char *path = g_build_filename (dir, MG_REMOTE_RECORDER, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&path);
    }
  return g_build_filename (MG_BINDIR, MG_REMOTE_RECORDER, NULL);
}

static GPtrArray *
build_argv (MgRemote *self)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  const char *recorder = g_getenv ("MEMGRAPH_RECORD");
  const char * const *command = mg_recording_get_argv (self->recording);
  char interval[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean quote = !self->local && is_ssh (self->via_argv[0]);

  for (guint i = 0; !self->local && self->via_argv[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (self->via_argv[i]));

  if (self->local)
    {
      g_ptr_array_add (words, find_local_recorder ());
      g_ptr_array_add (words, g_strdup_printf ("--control-fd=%d", LOCAL_CONTROL_FD));
      g_ptr_array_add (words, g_strdup_printf ("--stream-fd=%d", LOCAL_STREAM_FD));
      g_ptr_array_add (words, g_strdup_printf ("--parent-pid=%d", (int) getpid ()));
    }
  else
    g_ptr_array_add (words, g_strdup (recorder != NULL && recorder[0] != '\0'
                                      ? recorder : MG_REMOTE_RECORDER));
  g_ptr_array_add (words, g_strdup ("-i"));
  g_ascii_formatd (interval, sizeof interval, "%.6g", mg_recording_get_interval (self->recording));
  g_ptr_array_add (words, g_strdup (interval));
  g_ptr_array_add (words, g_strdup (self->follow ? "--follow" : "--no-follow"));
  if (self->catch_spikes)
    g_ptr_array_add (words, g_strdup ("--catch-spikes"));
  if (self->pss)
    g_ptr_array_add (words, g_strdup ("--pss"));
  if (self->capture_output)
    g_ptr_array_add (words, g_strdup ("--capture-output"));
  if (self->directory != NULL)
    {
      g_ptr_array_add (words, g_strdup ("-C"));
      g_ptr_array_add (words, g_strdup (self->directory));
    }
  for (guint i = 0; self->pids != NULL && i < self->pids->len; i++)
    g_ptr_array_add (words, g_strdup_printf ("--pid=%d", g_array_index (self->pids, pid_t, i)));
  if (self->pids == NULL)
    {
      g_ptr_array_add (words, g_strdup ("--"));
      for (guint i = 0; command != NULL && command[i] != NULL; i++)
        g_ptr_array_add (words, g_strdup (command[i]));
    }

  /* ssh hands its words to a shell at the other end, joined by spaces: they
   * go quoted, so that each arrives as it is. The others pass argv on. */
  for (guint i = 0; i < words->len; i++)
    g_ptr_array_add (argv, quote ? g_shell_quote (words->pdata[i])
                                 : g_strdup (words->pdata[i]));
  g_ptr_array_add (argv, NULL);
  return argv;
}

static void
child_setup (gpointer user_data)
{
  /* A session of its own: a terminal's signals reach the link only as we
   * pass them on, as "signal N" on the control channel. */
  setsid ();
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (getppid () != (pid_t) GPOINTER_TO_INT (user_data))
    _exit (127);
}

static char *
last_stderr_line (MgRemote *self)
{
  g_auto(GStrv) lines = g_strsplit (self->stderr_tail->str, "\n", -1);

  for (int i = (int) g_strv_length (lines) - 1; i >= 0; i--)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0')
        return g_utf8_make_valid (lines[i], -1);
    }
  return NULL;
}

static gboolean
recorder_missing (MgRemote *self,
                  int       status)
{
  const char *text = self->stderr_tail->str;

  if (strstr (text, MG_REMOTE_RECORDER) != NULL &&
      (strstr (text, "not found") != NULL || strstr (text, "No such file") != NULL ||
       strstr (text, "executable file not found") != NULL))
    return TRUE;
  /* A shell's "command not found", or exec's failure in podman and kubectl */
  return g_spawn_check_wait_status (status, NULL) == FALSE &&
         WIFEXITED (status) && (WEXITSTATUS (status) == 127 || WEXITSTATUS (status) == 126) &&
         strstr (text, MG_REMOTE_RECORDER) != NULL;
}

/* How the local recorder ended, for a message: "killed by signal 9
 * (SIGKILL)", "exited with status 1". */
static char *
describe_status (int status)
{
  if (WIFSIGNALED (status))
    return g_strdup_printf (_("killed by signal %d (%s)"), WTERMSIG (status),
                            mg_signal_name (WTERMSIG (status)));
  return g_strdup_printf (_("exited with status %d"), WEXITSTATUS (status));
}

/* The message of a local recorder that ended without its stream's last
 * line. */
static char *
local_lost_message (MgRemote *self,
                    int       status,
                    double    elapsed)
{
  g_autofree char *duration = mg_format_duration (elapsed);
  g_autofree char *how = describe_status (status);
  g_autofree char *line = last_stderr_line (self);

  if (self->stream_error != NULL)
    return g_strdup_printf (_("The stream from the recorder, %s, broke after %s: %s"),
                            MG_REMOTE_RECORDER, duration, self->stream_error);
  if (line != NULL && WIFEXITED (status))
    return g_strdup_printf (_("The recorder, %s, ended before the run after %s (%s: %s): its "
                              "helper ended the command with it"),
                            MG_REMOTE_RECORDER, duration, how, line);
  /* TRANSLATORS: "The recorder, memgraph-record, ended before the run after
   * 2.0 s (killed by signal 9 (SIGKILL)): …" */
  return g_strdup_printf (_("The recorder, %s, ended before the run after %s (%s): its helper "
                            "ended the command with it"), MG_REMOTE_RECORDER, duration, how);
}

/* A local recorder that never started a stream. */
static char *
local_no_stream_message (MgRemote *self,
                         int       status)
{
  g_autofree char *how = describe_status (status);
  g_autofree char *line = last_stderr_line (self);

  if (self->stream_error != NULL)
    return g_strdup_printf (_("What came back from the recorder, %s, is not a recording: %s"),
                            MG_REMOTE_RECORDER, self->stream_error);
  if (line != NULL)
    return g_strdup_printf (_("The recorder, %s, could not start the run (%s): %s"),
                            MG_REMOTE_RECORDER, how, line);
  return g_strdup_printf (_("The recorder, %s, could not start the run (%s)"),
                          MG_REMOTE_RECORDER, how);
}

static void
finish (MgRemote *self)
{
  g_autoptr(MgRemote) keep = g_object_ref (self);
  double elapsed = (self->end_us - mg_remote_get_start_time (self)) / 1e6;
  int status = g_subprocess_get_status (self->subprocess);

  g_assert (self->running);
  self->running = FALSE;
  g_clear_handle_id (&self->stop_timeout_id, g_source_remove);
  g_clear_object (&self->control);

  if (mg_recording_is_finished (self->recording))
    return;
  if (mg_stream_reader_got_end (self->reader))
    mg_stream_reader_finish (self->reader, NULL);
  else if (self->local && mg_stream_reader_got_header (self->reader))
    {
      g_autofree char *message = local_lost_message (self, status, elapsed);

      self->lost = TRUE;
      mg_stream_reader_finish (self->reader, message);
    }
  else if (self->local)
    {
      g_autofree char *message = local_no_stream_message (self, status);
      MgExit exit_info = { MG_EXIT_ERROR, 0, FALSE, message };

      mg_recording_finish (self->recording, &exit_info, 0);
    }
  else if (mg_stream_reader_got_header (self->reader))
    {
      self->lost = TRUE;
      g_autofree char *duration = mg_format_duration (elapsed);
      g_autofree char *message = NULL;

      if (self->stream_error != NULL)
        /* TRANSLATORS: "The stream from render01 broke after 2 min 03 s: …" */
        message = g_strdup_printf (_("The stream from %s broke after %s: %s"), self->name,
                                   duration, self->stream_error);
      else
        /* TRANSLATORS: "Connection to render01 lost after 2 min 03 s" */
        message = g_strdup_printf (_("Connection to %s lost after %s"), self->name, duration);
      mg_stream_reader_finish (self->reader, message);
    }
  else
    {
      g_autofree char *line = last_stderr_line (self);
      g_autofree char *message = NULL;
      MgExit exit_info = { MG_EXIT_ERROR, 0, FALSE, NULL };

      if (self->stream_error != NULL)
        message = g_strdup_printf (_("What came back from %s is not a recording: %s"),
                                   self->name, self->stream_error);
      else if (recorder_missing (self, status))
        message = g_strdup_printf (_("The recorder, %s, is not installed on %s. Install Memory "
                                     "Graph there: its package provides %s, which must be on the "
                                     "PATH of commands run through “%s”."),
                                   MG_REMOTE_RECORDER, self->name, MG_REMOTE_RECORDER,
                                   self->via_argv[0]);
      else if (line != NULL)
        message = g_strdup_printf (_("Could not run on %s: %s"), self->name, line);
      else
        message = g_strdup_printf (_("Could not run on %s: “%s” ended without a word"),
                                   self->name, self->via_argv[0]);
      exit_info.message = message;
      mg_recording_finish (self->recording, &exit_info, 0);
    }
}

static void
maybe_finish (MgRemote *self)
{
  if (self->running && self->stdout_done && self->wait_done)
    finish (self);
}

/* The stream's last line finished the recording: the run is over, whatever
 * the link still does (ssh closing down). The recorder exits after that
 * line; the link is left to end by itself, and killed if it is still there
 * when we go. */
static void
on_recording_finished (MgRemote *self)
{
  if (!self->running)
    return;
  self->running = FALSE;
  g_clear_handle_id (&self->stop_timeout_id, g_source_remove);
  g_clear_object (&self->control);
}

static void
feed (MgRemote   *self,
      const char *data,
      gsize       size)
{
  g_autoptr(GError) error = NULL;

  if (self->stream_error == NULL && !mg_recording_is_finished (self->recording) &&
      !mg_stream_reader_feed (self->reader, data, size, &error))
    {
      /* Not ours: nothing of it is believed. The link is cut. */
      self->stream_error = g_strdup (error->message);
      g_clear_object (&self->control);
      g_subprocess_force_exit (self->subprocess);
    }
  /* The zero of the run's clock is when the recorder started it, not when
   * the link began (ssh takes a while to connect). */
  if (self->header_us == 0 && mg_stream_reader_got_header (self->reader))
    self->header_us = g_get_monotonic_time ();
}

/* The stream is read as it becomes readable, a block at a time, with one
 * source for the whole run that is not blocked while it dispatches (which
 * would wake the loop again to watch its descriptor anew): a sample costs
 * one wake-up and one read, where an asynchronous read per block set up a
 * task and its sources each time, a dozen system calls. */
static gboolean
on_stream_readable (int           fd,
                    GIOCondition  condition,
                    gpointer      user_data)
{
  g_autoptr(MgRemote) self = g_object_ref (user_data);
  char buf[READ_BLOCK];
  gssize n;

  if (g_cancellable_is_cancelled (self->cancellable))
    return G_SOURCE_REMOVE;
  n = read (fd, buf, sizeof buf);
  if (n < 0 && (errno == EINTR || errno == EAGAIN))
    return G_SOURCE_CONTINUE;
  if (n <= 0)
    {
      /* The end, or a read that failed: the stream stops here. */
      self->end_us = g_get_monotonic_time ();
      self->stdout_done = TRUE;
      g_clear_pointer (&self->stream_source, g_source_unref);
      maybe_finish (self);
      return G_SOURCE_REMOVE;
    }
  feed (self, buf, n);
  return G_SOURCE_CONTINUE;
}

static void
read_stdout (MgRemote *self)
{
  int fd = g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (self->stream_in));

  g_return_if_fail (self->stream_source == NULL);

  self->stream_source = g_unix_fd_source_new (fd, G_IO_IN | G_IO_HUP | G_IO_ERR);
  /* The callback runs no main loop of its own. */
  g_source_set_can_recurse (self->stream_source, TRUE);
  /* Like the read it replaces, it keeps us until the stream ends. */
  g_source_set_callback (self->stream_source, G_SOURCE_FUNC (on_stream_readable),
                         g_object_ref (self), g_object_unref);
  g_source_attach (self->stream_source, g_main_context_get_thread_default ());
}

static void on_stderr_read (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data);

static void
read_stderr (MgRemote *self)
{
  GInputStream *err = g_subprocess_get_stderr_pipe (self->subprocess);

  g_input_stream_read_bytes_async (err, READ_BLOCK, G_PRIORITY_DEFAULT, self->cancellable,
                                   on_stderr_read, g_object_ref (self));
}

/* The link's and the recorder's own messages (and the command's output
 * when it is not captured) go on to our standard error, as a local run's
 * would; their end is kept for the message of a failure. */
static void
on_stderr_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MgRemote) self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  gsize size = 0;
  const char *data;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, NULL);
  data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;
  if (size == 0)
    return;
  if (!self->capture_output)
    {
      ssize_t ignored G_GNUC_UNUSED = write (STDERR_FILENO, data, size);
    }
  if (size >= STDERR_TAIL_BYTES)
    g_string_assign (self->stderr_tail, "");
  g_string_append_len (self->stderr_tail, data + (size > STDERR_TAIL_BYTES
                                                  ? size - STDERR_TAIL_BYTES : 0),
                       MIN (size, STDERR_TAIL_BYTES));
  if (self->stderr_tail->len > STDERR_TAIL_BYTES)
    g_string_erase (self->stderr_tail, 0, self->stderr_tail->len - STDERR_TAIL_BYTES);
  if (!g_cancellable_is_cancelled (self->cancellable))
    read_stderr (self);
}

static void
on_wait (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(MgRemote) self = user_data;

  if (!g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL))
    return;
  self->wait_done = TRUE;
  if (!self->stdout_done)
    self->end_us = g_get_monotonic_time ();
  maybe_finish (self);
}

/**
 * mg_remote_start:
 *
 * Starts the link command with the recorder after it. What the recorder
 * says fills the recording; it is finished when the stream ends.
 *
 * Returns: %FALSE with @error when the link command cannot be started
 *   (nothing changes then)
 */
static gboolean
feed_pending (gpointer user_data)
{
  MgRemote *self = user_data;
  g_autoptr(GBytes) pending = g_steal_pointer (&self->pending);
  gsize size;
  const char *data = g_bytes_get_data (pending, &size);

  if (!g_cancellable_is_cancelled (self->cancellable))
    {
      feed (self, data, size);
      read_stdout (self);
    }
  return G_SOURCE_REMOVE;
}

/* Reads the local recorder's stream until it has started the command
 * (its header names the command's pid) or said why it could not. */
static gboolean
wait_for_start (MgRemote  *self,
                GError   **error)
{
  char buf[READ_BLOCK];

  /* The header only: the rest is applied from the main loop, as the
   * stream goes on, so that the run starts before it can end. */
  while (!mg_stream_reader_got_header (self->reader) && self->stream_error == NULL)
    {
      gssize n = g_input_stream_read (self->stream_in, buf, sizeof buf, NULL, NULL);
      const char *nl;

      if (n <= 0)
        break;
      nl = memchr (buf, '\n', n);
      feed (self, buf, nl != NULL ? (gsize) (nl + 1 - buf) : (gsize) n);
      if (nl != NULL && nl + 1 < buf + n)
        self->pending = g_bytes_new (nl + 1, buf + n - (nl + 1));
    }
  if (mg_recording_get_command_pid (self->recording) > 0)
    return TRUE;
  /* It did not start: the stream says why, at once. */
  if (self->pending != NULL)
    {
      gsize size;
      const char *data = g_bytes_get_data (self->pending, &size);

      feed (self, data, size);
      g_clear_pointer (&self->pending, g_bytes_unref);
    }
  while (mg_stream_reader_got_header (self->reader) &&
         !mg_recording_is_finished (self->recording) && self->stream_error == NULL)
    {
      gssize n = g_input_stream_read (self->stream_in, buf, sizeof buf, NULL, NULL);

      if (n <= 0)
        break;
      feed (self, buf, n);
    }
  if (mg_recording_is_finished (self->recording))
    {
      const MgExit *exit_info = mg_recording_get_exit (self->recording);

      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           exit_info->message != NULL ? exit_info->message
                                                      : _("The command could not start"));
      return FALSE;
    }
  /* The recorder ended, or wrote what is not a stream. */
  {
    g_autofree char *message = NULL;
    int status;

    g_subprocess_force_exit (self->subprocess);
    g_subprocess_wait (self->subprocess, NULL, NULL);
    status = g_subprocess_get_status (self->subprocess);
    if (g_subprocess_get_stderr_pipe (self->subprocess) != NULL)
      {
        char tail[STDERR_TAIL_BYTES];
        gsize got = 0;

        g_input_stream_read_all (g_subprocess_get_stderr_pipe (self->subprocess), tail,
                                 sizeof tail - 1, &got, NULL, NULL);
        g_string_append_len (self->stderr_tail, tail, got);
      }
    message = local_no_stream_message (self, status);
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, message);
    return FALSE;
  }
}

static GSubprocess *
spawn_local (MgRemote   *self,
             GPtrArray  *argv,
             GError    **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_NONE;
  GSubprocess *subprocess;
  int control[2], stream[2];

  if (self->inherit_stdin)
    flags |= G_SUBPROCESS_FLAGS_STDIN_INHERIT;
  /* The command's output is in the stream (or there is no command): what
   * is left on the recorder's standard error is its own word, kept for the
   * messages. Else the command writes to ours. */
  if (self->capture_output || self->pids != NULL)
    flags |= G_SUBPROCESS_FLAGS_STDERR_PIPE;
  if (!g_unix_open_pipe (control, FD_CLOEXEC, error))
    return NULL;
  if (!g_unix_open_pipe (stream, FD_CLOEXEC, error))
    {
      close (control[0]);
      close (control[1]);
      return NULL;
    }
  /* Room for a burst of the stream while we draw: the recorder's writes
   * seldom wait for us. */
  fcntl (stream[0], F_SETPIPE_SZ, STREAM_PIPE_SIZE);
  /* The local recorder stays in our process group (a terminal's Ctrl+C
   * reaches the command as it would without us). Without a child setup,
   * and with descriptors left to it (it closes all but its two), GLib
   * starts it with posix_spawn, not a fork of our address space: after a
   * fork, each page we write faults once (a thousand faults, 10–15 ms of
   * the first frames here, while the command starts). It dies with us by
   * itself (--parent-pid). */
  flags |= G_SUBPROCESS_FLAGS_INHERIT_FDS;
  launcher = g_subprocess_launcher_new (flags);
  g_subprocess_launcher_take_fd (launcher, control[0], LOCAL_CONTROL_FD);
  g_subprocess_launcher_take_fd (launcher, stream[1], LOCAL_STREAM_FD);
  subprocess = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
  /* Our ends; theirs are closed with the launcher. */
  self->control = g_unix_output_stream_new (control[1], TRUE);
  self->stream_in = g_unix_input_stream_new (stream[0], TRUE);
  return subprocess;
}

/**
 * mg_remote_start:
 *
 * Starts the link command with the recorder after it, or the local
 * recorder. What the recorder says fills the recording; it is finished
 * when the stream ends. A local recorder has started the command when this
 * returns.
 *
 * Returns: %FALSE with @error when the link command, or the local command,
 *   cannot be started (a local run's recording then says why)
 */
gboolean
mg_remote_start (MgRemote  *self,
                 GError   **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (MG_IS_REMOTE (self), FALSE);
  g_return_val_if_fail (self->subprocess == NULL, FALSE);

  argv = build_argv (self);
  self->start_us = g_get_monotonic_time ();
  if (self->local)
    self->subprocess = spawn_local (self, argv, &local_error);
  else
    {
      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                            G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                            G_SUBPROCESS_FLAGS_STDERR_PIPE);
      g_subprocess_launcher_set_child_setup (launcher, child_setup, GINT_TO_POINTER (getpid ()),
                                             NULL);
      self->subprocess = g_subprocess_launcher_spawnv (launcher,
                                                       (const char * const *) argv->pdata,
                                                       &local_error);
    }
  if (self->subprocess == NULL)
    {
      const char *program = self->local ? (const char *) argv->pdata[0] : self->via_argv[0];

      g_clear_object (&self->control);
      g_clear_object (&self->stream_in);
      if (g_error_matches (local_error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT) && self->local)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("The recorder, %s, was not found: Memory Graph is not completely "
                       "installed"), program);
      else if (g_error_matches (local_error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("%s was not found in PATH (%s)"), program, g_getenv ("PATH"));
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not run “%s”: %s"),
                     program, local_error->message);
      return FALSE;
    }
  if (!self->local)
    {
      self->control = g_object_ref (g_subprocess_get_stdin_pipe (self->subprocess));
      self->stream_in = g_object_ref (g_subprocess_get_stdout_pipe (self->subprocess));
    }
  self->reader = mg_stream_reader_new (self->recording);
  mg_stream_reader_set_name (self->reader, self->name);
  if (self->local && !wait_for_start (self, error))
    return FALSE;
  self->running = TRUE;
  g_signal_connect_object (self->recording, "finished", G_CALLBACK (on_recording_finished),
                           self, G_CONNECT_SWAPPED);
  if (self->pending != NULL)
    g_idle_add_full (G_PRIORITY_DEFAULT, feed_pending, g_object_ref (self), g_object_unref);
  else
    read_stdout (self);
  if (g_subprocess_get_stderr_pipe (self->subprocess) != NULL)
    read_stderr (self);
  g_subprocess_wait_async (self->subprocess, self->cancellable, on_wait, g_object_ref (self));
  return TRUE;
}

/**
 * mg_remote_get_command_ended:
 *
 * Returns: %TRUE once the command itself has ended, even while processes
 *   it left behind still run (known for a local run only)
 */
gboolean
mg_remote_get_command_ended (MgRemote *self)
{
  int pid;

  g_return_val_if_fail (MG_IS_REMOTE (self), FALSE);

  pid = mg_recording_get_command_pid (self->recording);
  if (mg_recording_is_finished (self->recording) ||
      mg_recording_get_command_end (self->recording) >= 0)
    return TRUE;
  /* Its end may not be in the stream yet. */
  return self->local && pid > 0 && mg_proc_has_ended (pid);
}

/**
 * mg_remote_get_lost:
 *
 * Returns: whether the connection was lost: the stream stopped before the
 *   recording ended, and the outcome at the other end is not known
 */
gboolean
mg_remote_get_lost (MgRemote *self)
{
  g_return_val_if_fail (MG_IS_REMOTE (self), FALSE);
  return self->lost;
}

/**
 * mg_remote_get_start_time:
 *
 * Returns: the monotonic time (g_get_monotonic_time()) the recorder's
 *   stream began at, the zero of the run's clock; the time the link was
 *   started until then
 */
gint64
mg_remote_get_start_time (MgRemote *self)
{
  g_return_val_if_fail (MG_IS_REMOTE (self), 0);
  return self->header_us != 0 ? self->header_us : self->start_us;
}

gboolean
mg_remote_is_running (MgRemote *self)
{
  g_return_val_if_fail (MG_IS_REMOTE (self), FALSE);
  return self->running;
}

static void
send_line (MgRemote   *self,
           const char *line)
{
  g_autoptr(GError) error = NULL;

  if (self->control == NULL)
    return;
  /* A line fits the pipe: this does not block while the link lives. */
  if (!g_output_stream_write_all (self->control, line, strlen (line), NULL, NULL, &error) ||
      !g_output_stream_flush (self->control, NULL, &error))
    g_debug ("control channel to %s: %s", self->name, error->message);
}

static gboolean
on_stop_timeout (gpointer user_data)
{
  MgRemote *self = user_data;

  self->stop_timeout_id = 0;
  /* The link does not answer: cutting it makes the recorder end the tree. */
  mg_remote_kill (self);
  return G_SOURCE_REMOVE;
}

/**
 * mg_remote_stop:
 *
 * Stop, at the other end: the recorder sends SIGTERM to the tree, then
 * SIGKILL after the grace time, and writes how it ended (with --pid, it
 * stops watching). Should the link not end in time, it is cut.
 */
void
mg_remote_stop (MgRemote *self)
{
  g_return_if_fail (MG_IS_REMOTE (self));

  if (!self->running)
    return;
  send_line (self, "stop\n");
  if (self->stop_timeout_id == 0)
    self->stop_timeout_id = g_timeout_add (STOP_LINK_GRACE_MS, on_stop_timeout, self);
}

/**
 * mg_remote_send_signal:
 *
 * Passes @signum on to every process of the tree at the other end.
 */
void
mg_remote_send_signal (MgRemote *self,
                       int       signum)
{
  g_autofree char *line = NULL;

  g_return_if_fail (MG_IS_REMOTE (self));

  if (!self->running)
    return;
  line = g_strdup_printf ("signal %d\n", signum);
  send_line (self, line);
}

/**
 * mg_remote_kill:
 *
 * Ends it now: the control channel is closed, which makes the recorder end
 * the whole tree at once, and the link command is killed (a local recorder
 * is left to say how the run ended).
 */
void
mg_remote_kill (MgRemote *self)
{
  g_return_if_fail (MG_IS_REMOTE (self));

  if (self->control != NULL)
    g_output_stream_close (self->control, NULL, NULL);
  g_clear_object (&self->control);
  /* The local recorder ends the tree at once, and says how it ended. */
  if (self->subprocess != NULL && self->running && !self->local)
    g_subprocess_force_exit (self->subprocess);
}
