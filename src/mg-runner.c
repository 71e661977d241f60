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
#include "mg-launch-signal.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <glib-unix.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

typedef struct _Capture Capture;

static void capture_finish (Capture *c);

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
  GSList       *captures;       /* of Capture, not at their end yet */
};

/* One captured stream: its pipe, read by a thread of its own in blocks as
 * fast as the command fills it, whatever the main loop is busy with, and
 * split into lines with memchr straight into the recording's store. Of a
 * line longer than MG_OUTPUT_LINE_MAX only the start is held, while the
 * rest is counted, so that memory follows what the recording keeps and not
 * what the command writes. */
struct _Capture
{
  MgRunner       *runner;        /* owned; used in the main thread only */
  GMainContext   *context;       /* where the main thread hears of new lines */
  GInputStream   *pipe;
  int             fd;
  int             wake_fd;       /* an eventfd: the run is over, read what is left and stop */
  GThread        *thread;
  gboolean        joined;
  MgOutputStream  which;
  MgOutput       *store;         /* the recording's */
  gint64          start_us;
  char           *buffer;        /* CAPTURE_BUFFER_SIZE */
  gsize           chunk_end[64];  /* when the bytes of the buffer were read */
  double          chunk_time[64];
  guint           n_chunks;
  GByteArray     *partial;       /* the unfinished line, at most MG_OUTPUT_LINE_MAX bytes */
  guint64         partial_full;  /* its length as written so far */
  gboolean        in_line;       /* partial holds a line begun in an earlier block */
  int             news;          /* atomic: an output-changed is on its way */
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
  while (self->captures != NULL)
    capture_finish (self->captures->data);
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


#define CAPTURE_READ_SIZE   (1024 * 1024)
#define CAPTURE_BUFFER_SIZE (4 * 1024 * 1024)
#define CAPTURE_CHUNKS      64
/* Bytes wait at most this long before they are split and shown. */
#define CAPTURE_HOLD_US     (20 * 1000)
#define CAPTURE_NAP_MS      2

static void maybe_finish (MgRunner *self);
static void end_orphans (MgRunner *self);

static void
capture_clear (gpointer data)
{
  Capture *c = data;

  g_assert (c->thread == NULL || c->joined);
  close (c->wake_fd);
  mg_output_huge_free (c->buffer, CAPTURE_BUFFER_SIZE);
  g_byte_array_unref (c->partial);
  g_object_unref (c->pipe);
  g_main_context_unref (c->context);
  g_object_unref (c->runner);
}

static void
capture_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, capture_clear);
}

static inline void
capture_line (Capture    *c,
              double      time_s,
              const char *text,
              gsize       length,
              guint64     full_length)
{
  mg_output_add_locked (c->store, time_s, c->which, text, MIN (length, MG_OUTPUT_LINE_MAX),
                        full_length);
}

/* Splits what the buffer holds into lines, the store held: the line begun
 * in an earlier buffer, then every whole line at once, then the start of
 * the next. */
static void
capture_buffer (Capture *c,
                gsize    n)
{
  MgOutputChunks chunks = { c->n_chunks, c->chunk_end, c->chunk_time };
  const char *data = c->buffer, *end = c->buffer + n;
  const char *last;

  if (c->in_line)
    {
      const char *newline = memchr (data, '\n', n);
      gsize length = newline != NULL ? (gsize) (newline - data) : n;
      gsize room = MG_OUTPUT_LINE_MAX - c->partial->len;

      guint i = 0;

      g_byte_array_append (c->partial, (const guint8 *) data, MIN (room, length));
      c->partial_full += length;
      if (newline == NULL)
        return;
      while (i + 1 < c->n_chunks && (gsize) (newline - c->buffer) >= c->chunk_end[i])
        i++;
      capture_line (c, c->chunk_time[i], (const char *) c->partial->data, c->partial->len,
                    c->partial_full);
      g_byte_array_set_size (c->partial, 0);
      c->partial_full = 0;
      c->in_line = FALSE;
      data = newline + 1;
    }

  last = data < end ? memrchr (data, '\n', end - data) : NULL;
  if (last != NULL)
    {
      mg_output_add_lines_locked (c->store, c->which, data, last + 1 - data, data - c->buffer,
                                  &chunks);
      data = last + 1;
    }
  if (data < end)
    {
      g_byte_array_append (c->partial, (const guint8 *) data,
                           MIN ((gsize) (end - data), MG_OUTPUT_LINE_MAX));
      c->partial_full = end - data;
      c->in_line = TRUE;
    }
}

/* Reads what the pipe holds now into the buffer after @used bytes, each
 * read() one chunk with its time. Sets *more to FALSE at the pipe's end.
 * Returns the bytes in the buffer. */
static gsize
capture_fill (Capture  *c,
              gsize     used,
              gboolean *more)
{
  while (used < CAPTURE_BUFFER_SIZE && c->n_chunks < CAPTURE_CHUNKS)
    {
      gssize got = read (c->fd, c->buffer + used, MIN (CAPTURE_READ_SIZE,
                                                        CAPTURE_BUFFER_SIZE - used));

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0 && errno == EAGAIN)
        break;
      if (got <= 0)
        {
          *more = FALSE;
          break;
        }
      used += got;
      c->chunk_end[c->n_chunks] = used;
      c->chunk_time[c->n_chunks] = (g_get_monotonic_time () - c->start_us) / 1e6;
      c->n_chunks++;
    }
  return used;
}

static void
capture_split (Capture *c,
               gsize    used)
{
  if (used > 0)
    {
      mg_output_lock (c->store);
      capture_buffer (c, used);
      mg_output_unlock (c->store);
    }
  c->n_chunks = 0;
}

/* Reads what the pipe holds now, at most @limit bytes, as many reads as
 * it takes to fill the buffer while the command keeps writing, then splits
 * them. Returns FALSE at its end. */
static gboolean
capture_read (Capture *c,
              gsize    limit)
{
  gsize done = 0;
  gboolean more = TRUE;

  while (done < limit)
    {
      gsize used = capture_fill (c, 0, &more);

      capture_split (c, used);
      done += used;
      if (!more || used < CAPTURE_BUFFER_SIZE)
        break;
    }
  return more;
}

/* While the command floods: reads what the pipe holds, then naps without
 * watching the pipe, so that the command fills the pipe (CAPTURE_READ_SIZE)
 * instead of waking us at each of its writes, and reads again, until the
 * buffer is full, the pipe had nothing more, or the oldest bytes have
 * waited CAPTURE_HOLD_US. Split in big buffers, most lines of a flood are
 * only counted (see mg_output_add_lines_locked()). Returns FALSE at the
 * pipe's end; sets *stop when the run is over. */
static gboolean
capture_gather (Capture  *c,
                gboolean *stop)
{
  gint64 first = g_get_monotonic_time ();
  gboolean more = TRUE;
  gsize used = 0;

  for (;;)
    {
      gsize before = used;
      struct pollfd wake = { c->wake_fd, POLLIN, 0 };

      used = capture_fill (c, used, &more);
      if (!more || used == before || used == CAPTURE_BUFFER_SIZE ||
          c->n_chunks == CAPTURE_CHUNKS ||
          g_get_monotonic_time () - first >= CAPTURE_HOLD_US)
        break;
      if (poll (&wake, 1, CAPTURE_NAP_MS) > 0)
        {
          *stop = TRUE;
          break;
        }
    }
  capture_split (c, used);
  return more;
}

static gboolean
on_capture_news (gpointer data)
{
  Capture *c = data;

  g_atomic_int_set (&c->news, 0);
  mg_recording_output_changed (c->runner->recording);
  return G_SOURCE_REMOVE;
}

static gboolean
on_capture_end (gpointer data)
{
  Capture *c = data;
  MgRunner *self = c->runner;

  if (!c->joined)
    {
      capture_finish (c);
      maybe_finish (self);
    }
  return G_SOURCE_REMOVE;
}

/* Runs @func in the main thread, later: never in this one, as
 * g_main_context_invoke() would when the main context is not running. */
static void
capture_post (Capture     *c,
              GSourceFunc  func)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, g_atomic_rc_box_acquire (c), capture_unref);
  g_source_set_static_name (source, "[memgraph] capture");
  g_source_attach (source, c->context);
}

static gpointer
capture_thread (gpointer data)
{
  Capture *c = data;
  gboolean stop = FALSE;

  for (;;)
    {
      struct pollfd fds[2] = { { c->fd, POLLIN, 0 }, { c->wake_fd, POLLIN, 0 } };

      if (poll (fds, 2, -1) < 0)
        {
          if (errno == EINTR)
            continue;
          break;
        }
      if (fds[1].revents != 0)
        {
          stop = TRUE;
          break;
        }
      if (!capture_gather (c, &stop) || stop)
        break;
      /* One output-changed at a time on its way to the main thread. */
      if (g_atomic_int_compare_and_exchange (&c->news, 0, 1))
        capture_post (c, on_capture_news);
    }

  /* Every process of the run has ended: what is still in the pipe was
   * written before, so read it now rather than wait for an end that a
   * process outside the run, holding the pipe, could delay for ever. At
   * most what the pipe held, should that writer go on. */
  if (stop)
    capture_read (c, CAPTURE_READ_SIZE);

  mg_output_lock (c->store);
  if (c->in_line)
    {
      /* The last line had no newline. */
      capture_line (c, (g_get_monotonic_time () - c->start_us) / 1e6,
                    (const char *) c->partial->data, c->partial->len, c->partial_full);
      c->in_line = FALSE;
    }
  mg_output_unlock (c->store);

  capture_post (c, on_capture_end);
  return NULL;
}

/* In the main thread: asks the thread to stop if it has not, waits for it,
 * and closes the stream. */
static void
capture_finish (Capture *c)
{
  MgRunner *self = c->runner;
  guint64 one = 1;

  if (c->joined)
    return;
  if (write (c->wake_fd, &one, sizeof one) < 0)
    g_debug ("Cannot wake the capture: %s", g_strerror (errno));
  g_thread_join (c->thread);
  c->joined = TRUE;
  g_input_stream_close (c->pipe, NULL, NULL);
  self->captures = g_slist_remove (self->captures, c);
  self->outputs_open--;
  mg_recording_output_changed (self->recording);
  capture_unref (c);
}

/* The run has ended: read what the pipes still hold and stop. */
static void
drain_captures (MgRunner *self)
{
  while (self->captures != NULL)
    capture_finish (self->captures->data);
}

static void
capture (MgRunner       *self,
         GInputStream   *pipe,
         MgOutputStream  which)
{
  Capture *c = g_atomic_rc_box_new0 (Capture);

  c->runner = g_object_ref (self);
  c->context = g_main_context_ref_thread_default ();
  c->pipe = g_object_ref (pipe);
  c->fd = g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (pipe));
  c->wake_fd = eventfd (0, EFD_CLOEXEC | EFD_NONBLOCK);
  c->which = which;
  c->store = mg_recording_get_output_store (self->recording);
  c->start_us = self->start_us;
  c->buffer = mg_output_huge_alloc (CAPTURE_BUFFER_SIZE);
  c->partial = g_byte_array_new ();
  /* A larger pipe lets the command write ahead while we split lines. */
  fcntl (c->fd, F_SETPIPE_SZ, CAPTURE_READ_SIZE);
  g_unix_set_fd_nonblocking (c->fd, TRUE, NULL);
  self->outputs_open++;
  self->captures = g_slist_prepend (self->captures, c);
  c->thread = g_thread_new ("mg-capture", capture_thread, c);
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

/* The soft limit on open files we were started with: the sampler keeps
 * three files open per process of the tree, so we raise ours to the hard
 * limit (1024 is a common soft limit: 340 processes), and the command gets
 * the one it would have had without us. */
static struct rlimit original_nofile;
static gboolean nofile_raised;

static void
raise_nofile_limit (void)
{
  struct rlimit raised;

  if (nofile_raised || getrlimit (RLIMIT_NOFILE, &original_nofile) != 0)
    return;
  nofile_raised = TRUE;
  raised = original_nofile;
  raised.rlim_cur = raised.rlim_max;
  if (raised.rlim_cur != original_nofile.rlim_cur)
    setrlimit (RLIMIT_NOFILE, &raised);
}

static void
child_setup (gpointer user_data)
{
  if (nofile_raised)
    setrlimit (RLIMIT_NOFILE, &original_nofile);

  /* If we die without stopping it, the kernel ends memgraph-launch, which
   * then sets a parent-death signal it can act on: it ends the whole tree.
   * PR_SET_PDEATHSIG fires when the parent *thread* ends: we spawn from the
   * main thread (see mg_runner_start), which lives as long as we do. If we
   * died before this call, our parent is another process already. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (getppid () != (pid_t) GPOINTER_TO_INT (user_data))
    _exit (127);
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

  if (!self->reports_done || !self->wait_done || mg_recording_is_finished (self->recording))
    return;
  drain_captures (self);

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
  /* It exits by itself only once its tree is empty; killed, it leaves the
   * tree to us. */
  if (self->launcher_signaled)
    end_orphans (self);
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

  raise_nofile_limit ();
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
  /* The parent-death signal is tied to the spawning thread: only the main
   * thread lives as long as the process. */
  g_warn_if_fail (syscall (SYS_gettid) == getpid ());
  g_subprocess_launcher_set_child_setup (launcher, child_setup, GINT_TO_POINTER (getpid ()),
                                         NULL);
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

      const char *interpreter = first != NULL && g_str_has_prefix (first, "error ")
                                ? strchr (first + 6, ' ') : NULL;

      if (interpreter != NULL && atoi (first + 6) == ENOENT && g_str_has_suffix (interpreter, "\r"))
        {
          /* "#!/bin/sh\r\n": the kernel looks for "/bin/sh\r". */
          g_autofree char *name = g_strndup (interpreter + 1, strlen (interpreter + 1) - 1);

          reason = g_strdup_printf (_("interpreter %s of %s was not found: its “#!” line ends "
                                      "with a carriage return (Windows line ends)"), name,
                                    argv[0]);
        }
      else if (interpreter != NULL && atoi (first + 6) == ENOENT)
        /* The script exists; the program named on its "#!" line does not. */
        reason = g_strdup_printf (_("interpreter %s of %s was not found"), interpreter + 1,
                                  argv[0]);
      else if (first != NULL && g_str_has_prefix (first, "error ") && atoi (first + 6) == EACCES)
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
 * Ends the whole tree now: asks memgraph-launch to send SIGKILL to every
 * descendant until none is left, and sends SIGKILL to every process the
 * sampler knows, through pidfds, in case memgraph-launch itself is stopped.
 * memgraph-launch then reaps them and exits.
 */
void
mg_runner_kill_tree (MgRunner *self)
{
  g_return_if_fail (MG_IS_RUNNER (self));

  if (!mg_runner_is_running (self))
    return;

  if (!self->wait_done)
    {
      g_subprocess_send_signal (self->subprocess, MG_LAUNCH_END_SIGNAL);
      g_subprocess_send_signal (self->subprocess, SIGCONT);
    }
  if (self->sampler != NULL)
    mg_sampler_signal_all (self->sampler, SIGKILL);
}

/* Every descendant of ours now, each with the process it was listed under:
 * the children list of each of our threads (an orphan comes back to any
 * live thread of a subreaper), then theirs, recursively, each read whole. */
static void
collect_descendants (GArray *pids,
                     GArray *parents)
{
  pid_t self_pid = getpid ();

  g_array_set_size (pids, 0);
  g_array_set_size (parents, 0);
  for (guint i = 0; i <= pids->len; i++)
    {
      pid_t parent = i == 0 ? self_pid : g_array_index (pids, pid_t, i - 1);
      g_autofree char *task_path = g_strdup_printf ("/proc/%d/task", (int) parent);
      g_autoptr(GDir) dir = g_dir_open (task_path, 0, NULL);
      const char *tid;

      while (dir != NULL && (tid = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_strdup_printf ("%s/%s/children", task_path, tid);
          g_autofree char *children = NULL;
          char *p, *end;

          if (!g_file_get_contents (path, &children, NULL, NULL))
            continue;
          for (p = children; ; p = end)
            {
              pid_t child = (pid_t) strtol (p, &end, 10);

              if (end == p)
                break;
              if (child > 0)
                {
                  g_array_append_val (pids, child);
                  g_array_append_val (parents, parent);
                }
            }
        }
    }
}

/* SIGKILL to @pid, pinned with a pidfd, only while it is still a child of
 * @parent or ours: a pid freed and reused by another program is never hit. */
static void
kill_descendant (pid_t pid,
                 pid_t parent)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *text = NULL;
  const char *paren;
  long ppid;
  int pidfd = (int) syscall (SYS_pidfd_open, pid, 0);

  if (pidfd < 0 && errno != ENOSYS)
    return;
  if (g_file_get_contents (path, &text, NULL, NULL) &&
      (paren = strrchr (text, ')')) != NULL &&
      sscanf (paren + 1, " %*c %ld", &ppid) == 1 &&
      (ppid == parent || ppid == getpid ()))
    {
      if (pidfd >= 0)
        syscall (SYS_pidfd_send_signal, pidfd, SIGKILL, NULL, 0);
      else
        kill (pid, SIGKILL);
    }
  if (pidfd >= 0)
    close (pidfd);
}

/* When we are a subreaper (batch mode, where memgraph-launch is our only
 * child), what memgraph-launch left came back to us: SIGKILL to every
 * descendant, and reap our own, until none is left. */
static void
end_adopted (void)
{
  g_autoptr(GArray) pids = g_array_new (FALSE, FALSE, sizeof (pid_t));
  g_autoptr(GArray) parents = g_array_new (FALSE, FALSE, sizeof (pid_t));
  int subreaper = 0;

  if (prctl (PR_GET_CHILD_SUBREAPER, &subreaper) != 0 || !subreaper)
    return;

  for (guint round = 0; round < 5000; round++)
    {
      collect_descendants (pids, parents);
      if (pids->len == 0)
        break;
      for (guint i = 0; i < pids->len; i++)
        kill_descendant (g_array_index (pids, pid_t, i), g_array_index (parents, pid_t, i));
      for (guint i = 0; i < pids->len; i++)
        if (g_array_index (parents, pid_t, i) == getpid ())
          waitpid (g_array_index (pids, pid_t, i), NULL, WNOHANG);
      g_usleep (2000);
    }
}

/* memgraph-launch has gone (killed) while processes of its tree may live:
 * they were re-parented out of its reach. End every one we know, through
 * pidfds: first stop them all, so that none can start a child we do not
 * know, then read their children lists again, until no new process
 * appears; then SIGKILL. In the window, a process re-parented to
 * memgraph-launch, or started by a process that ended, less than one
 * interval before memgraph-launch died was never seen and cannot be found
 * (see README.md); in batch mode we are a subreaper, and such processes
 * come back to us. */
static void
end_orphans (MgRunner *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  if (self->sampler != NULL)
    {
      for (guint round = 0; round < 1000; round++)
        {
          g_autoptr(GArray) pids = NULL;
          gboolean grown = FALSE;

          mg_sampler_signal_all (self->sampler, SIGSTOP);
          mg_sampler_sample (self->sampler);
          pids = mg_sampler_dup_pids (self->sampler);
          for (guint i = 0; i < pids->len; i++)
            grown |= g_hash_table_add (seen, GINT_TO_POINTER (g_array_index (pids, pid_t, i)));
          if (!grown)
            break;
        }
      mg_sampler_signal_all (self->sampler, SIGKILL);
    }
  end_adopted ();
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
