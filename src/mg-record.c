/* mg-record.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * memgraph-record: the recorder that runs next to the process, on the same
 * machine (over ssh, in a container), and writes the recording to its
 * standard output as a stream (see STREAM FORMAT in memgraph-gtk(1)). Its
 * standard input is the control channel: "stop", "signal N"; its end (the
 * link is gone) ends the whole tree at once. GLib and GIO only.
 *
 * memgraph-gtk runs it for a command on this computer too, with the stream
 * and the control channel on descriptors of their own (--stream-fd,
 * --control-fd): the command then keeps the terminal, its input and its
 * output, and the terminal's Ctrl+C is memgraph-gtk's to pass on.
 */
#include "config.h"

#include "mg-attach.h"
#include "mg-runner.h"
#include "mg-stream.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

typedef struct
{
  MgStreamWriter *writer;
  gboolean        link_gone;
  MgRunner   *runner;    /* a command started */
  MgAttach   *attach;    /* or processes watched */
  GMainLoop  *loop;
  GString    *control;   /* a partial line of the control channel */
  guint       stdin_id;   /* the control channel's source */
} Recorder;

static void
stop (Recorder *r)
{
  if (r->runner != NULL)
    mg_runner_stop (r->runner);
  else
    mg_attach_stop (r->attach);
}

static void
control_line (Recorder   *r,
              const char *line)
{
  g_autofree char *text = g_strstrip (g_strdup (line));
  gint64 signum;

  if (strcmp (text, "stop") == 0)
    stop (r);
  else if (g_str_has_prefix (text, "signal ") &&
           g_ascii_string_to_signed (text + 7, 10, 1, 64, &signum, NULL))
    {
      if (r->runner != NULL)
        mg_runner_send_signal (r->runner, (int) signum);
    }
  else if (text[0] != '\0')
    /* TRANSLATORS: a line read on the control channel, which knows "stop" and "signal N" */
    g_printerr (_("memgraph-record: unknown control line “%s” (use “stop” or “signal N”)\n"),
                text);
}

/* The link is gone: nothing is left running, as when memgraph-gtk ends. */
static void
control_closed (Recorder *r)
{
  if (r->runner != NULL)
    mg_runner_kill_tree (r->runner);
  else
    mg_attach_stop (r->attach);
}

static gboolean
on_stdin (int           fd,
          GIOCondition  condition,
          gpointer      user_data)
{
  Recorder *r = user_data;
  char buf[4096];
  gssize n = read (fd, buf, sizeof buf);
  char *nl;

  if (n < 0 && (errno == EINTR || errno == EAGAIN))
    return G_SOURCE_CONTINUE;
  if (n <= 0)
    {
      r->stdin_id = 0;
      control_closed (r);
      return G_SOURCE_REMOVE;
    }
  g_string_append_len (r->control, buf, n);
  while ((nl = memchr (r->control->str, '\n', r->control->len)) != NULL)
    {
      *nl = '\0';
      control_line (r, r->control->str);
      g_string_erase (r->control, 0, nl - r->control->str + 1);
    }
  /* A control line is short: a longer one is no control line. */
  if (r->control->len > 4096)
    g_string_truncate (r->control, 0);
  return G_SOURCE_CONTINUE;
}

/* After the writer's own handler: when the stream could not be written (the
 * reader is gone), the link is gone too. */
static void
on_samples_added (MgRecording *recording,
                  guint        first,
                  Recorder    *r)
{
  if (r->writer != NULL && !r->link_gone && !mg_stream_writer_get_error (r->writer, NULL))
    {
      r->link_gone = TRUE;
      control_closed (r);
    }
}

static gboolean
on_stop_signal (gpointer user_data)
{
  stop (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_finished (MgRecording *recording,
             GMainLoop   *loop)
{
  g_main_loop_quit (loop);
}

/* A write to a closed pipe fails with EPIPE instead of killing us; a
 * caught signal is reset by exec, so the command keeps the default. */
static void
on_sigpipe (int signum)
{
}

static gboolean
parse_interval (const char  *text,
                double      *out)
{
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);

  if (end == text || *end != '\0' || !(v >= MG_INTERVAL_MIN && v <= MG_INTERVAL_MAX))
    return FALSE;
  *out = v;
  return TRUE;
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_printerr ("memgraph-record: %s\n", message);
  g_printerr (_("Try “memgraph-record --help”.\n"));
  return 2;
}

/* A descriptor given with --stream-fd or --control-fd: open, not one of
 * the three standard ones, and not passed on to the command. */
static gboolean
parse_fd (int *fd)
{
  if (*fd < 0)
    return TRUE;
  if (*fd <= STDERR_FILENO || fcntl (*fd, F_GETFD) < 0)
    return FALSE;
  return fcntl (*fd, F_SETFD, FD_CLOEXEC) == 0;
}

/* Started by memgraph-gtk (--parent-pid), without a fork of its large
 * address space (which would make it fault on every page it then writes,
 * while the command starts): what a child setup did there is done here.
 * We die with it; gone already, we do not start. Its descriptors that we
 * inherited are closed, but the two it gave us. */
static void
die_with_parent (int parent_pid,
                 int keep_a,
                 int keep_b)
{
  int keep[2] = { MIN (keep_a, keep_b), MAX (keep_a, keep_b) };
  int from = STDERR_FILENO + 1;

  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (getppid () != (pid_t) parent_pid)
    _exit (127);
  for (guint i = 0; i < G_N_ELEMENTS (keep); i++)
    {
      /* None given (-1), or the same twice */
      if (keep[i] < from)
        continue;
      if (keep[i] > from)
        close_range ((unsigned) from, (unsigned) keep[i] - 1, 0);
      from = keep[i] + 1;
    }
  close_range ((unsigned) from, ~0U, 0);
}

/* Under memgraph-gtk, which passes them on: a terminal's Ctrl+C reaches its
 * whole process group, us too. */
static gboolean
on_passed_on_signal (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MgRecording) recording = NULL;
  g_autoptr(MgStreamWriter) writer = NULL;
  g_autofree char *interval_text = NULL;
  g_autofree char *directory = NULL;
  g_auto(GStrv) pid_texts = NULL;
  g_auto(GStrv) command = NULL;
  gboolean follow = FALSE, no_follow = FALSE, catch_spikes = FALSE, pss = FALSE;
  gboolean capture_output = FALSE, version = FALSE;
  static const int stopping[] = { SIGINT, SIGTERM, SIGHUP };
  int given_stream_fd = -1, control_fd = -1, parent_pid = 0;
  Recorder r = { 0 };
  double interval = MG_INTERVAL_DEFAULT;
  struct sigaction pipe_action = { 0 };
  int stream_fd;
  const char *localedir = g_getenv ("MEMGRAPH_LOCALEDIR");
  GOptionEntry entries[] = {
    { "interval", 'i', 0, G_OPTION_ARG_STRING, &interval_text,
      N_("Time between samples, a number of seconds from 0.001 to 60 (default 0.1)"),
      N_("SECONDS") },
    { "follow", 0, 0, G_OPTION_ARG_NONE, &follow,
      N_("Follow every process from its fork to its exit (traced: set-user-ID programs run "
         "without their privileges, debuggers cannot attach); the default"), NULL },
    { "no-follow", 0, 0, G_OPTION_ARG_NONE, &no_follow,
      N_("Sample the process tree only"), NULL },
    { "catch-spikes", 0, 0, G_OPTION_ARG_NONE, &catch_spikes,
      N_("Reset each process’s high-water mark after every sample, so that the highest RSS "
         "between two samples is exact (changes what the command’s own getrusage() reports)"), NULL },
    { "pss", 0, 0, G_OPTION_ARG_NONE, &pss,
      N_("Also measure PSS and USS (proportional and unique set size)"), NULL },
    { "capture-output", 0, 0, G_OPTION_ARG_NONE, &capture_output,
      N_("Record the command’s output in the stream instead of passing it to standard error"),
      NULL },
    { "pid", 0, 0, G_OPTION_ARG_STRING_ARRAY, &pid_texts,
      N_("Watch the running process PID and its descendants instead of starting a command; may "
         "be repeated"), N_("PID") },
    { "directory", 'C', 0, G_OPTION_ARG_FILENAME, &directory,
      N_("Run the command in DIR"), N_("DIR") },
    { "stream-fd", 0, 0, G_OPTION_ARG_INT, &given_stream_fd,
      N_("Write the stream to the open descriptor FD instead of standard output, which the "
         "command then keeps"), N_("FD") },
    { "control-fd", 0, 0, G_OPTION_ARG_INT, &control_fd,
      N_("Read “stop” and “signal N” from the open descriptor FD instead of standard input, "
         "which the command then keeps; SIGINT and SIGHUP are left to whoever writes there"),
      N_("FD") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version and exit"), NULL },
    /* memgraph-gtk's own: see die_with_parent() */
    { "parent-pid", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &parent_pid, NULL, NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &command, NULL,
      N_("[--] COMMAND [ARG…]") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Record the memory use of a command, or of running processes, "
                                  "and write it to standard output as a Memory Graph stream. "
                                  "Standard input takes “stop” and “signal N”; its end ends "
                                  "everything that was started."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (version)
    {
      g_print ("memgraph-record %s (stream version %d)\n", PACKAGE_VERSION, MG_STREAM_VERSION);
      return 0;
    }
  if (interval_text != NULL && !parse_interval (interval_text, &interval))
    return usage_error (context, _("The interval must be a number of seconds from 0.001 to 60"));
  if (follow && no_follow)
    return usage_error (context, _("--follow and --no-follow cannot be given together"));
  if ((command == NULL || command[0] == NULL) == (pid_texts == NULL))
    return usage_error (context, _("Give a command to run, or --pid PID, not both"));
  if (!parse_fd (&given_stream_fd) || !parse_fd (&control_fd))
    return usage_error (context, _("--stream-fd and --control-fd take a descriptor that is open "
                                   "and not 0, 1 or 2"));
  if (parent_pid > 0)
    die_with_parent (parent_pid, control_fd, given_stream_fd);

  if (given_stream_fd >= 0)
    stream_fd = given_stream_fd;
  else
    {
      /* Standard output is the stream's alone: what the command writes
       * there goes to standard error instead. */
      stream_fd = fcntl (STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
      if (stream_fd < 0 || dup2 (STDERR_FILENO, STDOUT_FILENO) < 0)
        {
          g_printerr ("memgraph-record: %s\n", g_strerror (errno));
          return 1;
        }
    }
  pipe_action.sa_handler = on_sigpipe;
  sigaction (SIGPIPE, &pipe_action, NULL);

  r.loop = g_main_loop_new (NULL, FALSE);
  r.control = g_string_new (NULL);
  if (pid_texts != NULL)
    {
      g_autoptr(GArray) pids = g_array_new (FALSE, FALSE, sizeof (pid_t));

      for (guint i = 0; pid_texts[i] != NULL; i++)
        {
          gint64 pid;

          if (!g_ascii_string_to_signed (pid_texts[i], 10, 1, G_MAXINT32, &pid, NULL))
            return usage_error (context, _("A pid must be a positive whole number"));
          g_array_append_val (pids, (pid_t) { pid });
        }
      r.attach = mg_attach_new ((const pid_t *) pids->data, pids->len, interval, &error);
      if (r.attach == NULL)
        return usage_error (context, error->message);
      mg_attach_set_pss (r.attach, pss);
      recording = g_object_ref (mg_attach_get_recording (r.attach));
    }
  else
    {
      g_autofree char *cwd = directory != NULL ? g_canonicalize_filename (directory, NULL)
                                               : g_get_current_dir ();

      /* What the command leaves when it ends comes back to us, and is ended
       * with the tree. */
      prctl (PR_SET_CHILD_SUBREAPER, 1);
      recording = mg_recording_new ((const char * const *) command, cwd, interval);
      r.runner = mg_runner_new (recording);
      mg_runner_set_catch_spikes (r.runner, catch_spikes);
      mg_runner_set_pss (r.runner, pss);
      mg_runner_set_follow (r.runner, !no_follow);
      mg_runner_set_capture_output (r.runner, capture_output);
      mg_runner_set_inherit_stdin (r.runner, control_fd >= 0);
    }
  g_signal_connect (recording, "finished", G_CALLBACK (on_finished), r.loop);

  for (guint i = 0; i < G_N_ELEMENTS (stopping); i++)
    g_unix_signal_add (stopping[i],
                       control_fd >= 0 && stopping[i] != SIGTERM ? on_passed_on_signal
                                                                 : on_stop_signal, &r);
  r.stdin_id = g_unix_fd_add (control_fd >= 0 ? control_fd : STDIN_FILENO,
                              G_IO_IN | G_IO_HUP | G_IO_ERR, on_stdin, &r);

  /* The stream begins once the start time is known; nothing is applied to
   * the recording before the loop runs. */
  if (r.runner != NULL ? mg_runner_start (r.runner, &error) : mg_attach_start (r.attach, &error))
    {
      writer = mg_stream_writer_new (recording, stream_fd, NULL);
      r.writer = writer;
      g_signal_connect (recording, "samples-added", G_CALLBACK (on_samples_added), &r);
      if (!mg_recording_is_finished (recording))
        g_main_loop_run (r.loop);
    }
  else
    {
      /* The stream says why too: under memgraph-gtk, that is where it is
       * read. */
      if (given_stream_fd < 0)
        g_printerr ("memgraph-record: %s\n", error->message);
      writer = mg_stream_writer_new (recording, stream_fd, NULL);
    }

  g_clear_handle_id (&r.stdin_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (recording, &r);
  r.writer = NULL;
  g_clear_pointer (&writer, mg_stream_writer_free);
  close (stream_fd);
  g_clear_object (&r.runner);
  g_clear_object (&r.attach);
  g_main_loop_unref (r.loop);
  g_string_free (r.control, TRUE);
  return 0;
}
