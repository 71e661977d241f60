/* mg-bench.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What watching costs: one line per figure, "name value unit". Run by
 * build-aux/bench and by meson test --benchmark. The figures that need the
 * window (startup, exit to plot, CPU of a live window) are measured when
 * there is a display and MG_BINARY names memgraph-gtk.
 */
#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "mg-export.h"
#include "mg-plot.h"
#include "mg-proc.h"
#include "mg-recording.h"
#include "mg-sampler-private.h"
#include "mg-stream.h"

#define MIB (1024.0 * 1024.0)

static double
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static double
now_us (void)
{
  return (double) g_get_monotonic_time ();
}

static void
figure (const char *name,
        double      value,
        const char *unit)
{
  printf ("%s %.3f %s\n", name, value, unit);
  fflush (stdout);
}

/* A child that holds @mib and waits; with @children, it first starts that
 * many more, each holding 1 MiB. */
static pid_t
spawn_tree (guint mib,
            guint children)
{
  int ready[2];
  char c;
  pid_t pid;

  if (pipe (ready) != 0)
    return -1;
  pid = fork ();
  if (pid == 0)
    {
      size_t bytes = (size_t) mib << 20;
      char *p = mmap (NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

      for (size_t i = 0; i < bytes; i += 4096)
        p[i] = 1;
      for (guint i = 0; i < children; i++)
        if (fork () == 0)
          {
            char *q = malloc (1 << 20);
            memset (q, 1, 1 << 20);
            pause ();
            _exit (0);
          }
      /* Give the children time to exist. */
      usleep (children > 0 ? 200000 : 0);
      if (write (ready[1], "x", 1) != 1)
        _exit (1);
      pause ();
      _exit (0);
    }
  close (ready[1]);
  if (read (ready[0], &c, 1) != 1)
    return -1;
  close (ready[0]);
  return pid;
}

/* CPU time of this thread per sampling tick of the tree below us. */
static double
sample_cost (guint mib,
             guint children,
             guint ticks,
             guint *n_processes)
{
  const char *argv[] = { "bench", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 1);
  g_autoptr(MgSampler) sampler = NULL;
  pid_t pid = spawn_tree (mib, children);
  double t0, t1;

  sampler = mg_sampler_new (rec, getpid (), g_get_monotonic_time ());
  g_assert_true (mg_sampler_start (sampler, NULL));
  *n_processes = mg_sampler_get_n_tracked (sampler);

  t0 = thread_cpu_us ();
  for (guint i = 0; i < ticks; i++)
    mg_sampler_sample (sampler);
  t1 = thread_cpu_us ();

  mg_sampler_stop (sampler);
  if (children > 0)
    {
      /* The grandchildren are the child's: kill them by the pids we saw. */
      for (guint i = 0; i < mg_recording_get_n_processes (rec); i++)
        kill (mg_recording_get_process (rec, i)->pid, SIGKILL);
    }
  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
  return (t1 - t0) / ticks;
}

/* Appends the samples of @from to a recording holding its processes, with
 * a stream writer to /dev/null or without: the thread CPU it took. */
static double
replay_us (MgRecording *from,
           gboolean     stream)
{
  const char *argv[] = { "bench", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 1);
  MgStreamWriter *writer = NULL;
  int null_fd = open ("/dev/null", O_WRONLY | O_CLOEXEC);
  double t0, t1;

  for (guint i = 0; i < mg_recording_get_n_processes (from); i++)
    mg_recording_restore_process (rec, mg_recording_get_process (from, i));
  if (stream)
    writer = mg_stream_writer_new (rec, null_fd, NULL);
  t0 = thread_cpu_us ();
  for (guint i = 0; i < mg_recording_get_n_samples (from); i++)
    mg_recording_append_sample (rec, mg_samples_peek (mg_recording_get_samples (from), i));
  t1 = thread_cpu_us ();
  g_clear_pointer (&writer, mg_stream_writer_free);
  close (null_fd);
  return t1 - t0;
}

/* The stream of a tree run: its bytes per sample as the run goes, and the
 * CPU its writer adds to each sample (samples replayed with a writer, less
 * without, so that the noise of reading /proc stays out). */
static double
stream_cost (guint   mib,
             guint   children,
             guint   ticks,
             double *bytes_per_sample)
{
  const char *argv[] = { "bench", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 1);
  g_autoptr(MgSampler) sampler = NULL;
  MgStreamWriter *writer;
  pid_t pid = spawn_tree (mib, children);
  int null_fd = open ("/dev/null", O_WRONLY | O_CLOEXEC);
  double with = G_MAXDOUBLE, without = G_MAXDOUBLE;

  sampler = mg_sampler_new (rec, getpid (), g_get_monotonic_time ());
  g_assert_true (mg_sampler_start (sampler, NULL));
  writer = mg_stream_writer_new (rec, null_fd, NULL);
  for (guint i = 0; i < ticks; i++)
    mg_sampler_sample (sampler);
  *bytes_per_sample = (double) mg_stream_writer_get_bytes (writer) /
                      MAX (mg_recording_get_n_samples (rec), 1);
  mg_stream_writer_free (writer);
  close (null_fd);
  mg_sampler_stop (sampler);
  for (guint i = 0; i < mg_recording_get_n_processes (rec); i++)
    kill (mg_recording_get_process (rec, i)->pid, SIGKILL);
  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);

  /* The best of five of each. */
  for (guint k = 0; k < 5; k++)
    {
      with = MIN (with, replay_us (rec, TRUE));
      without = MIN (without, replay_us (rec, FALSE));
    }
  return MAX (with - without, 0) / MAX (mg_recording_get_n_samples (rec), 1);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static gboolean
quit_loop (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

/* A 1 ms interval over @seconds: the achieved median, 99th percentile and
 * share of the expected samples. */
static void
interval_1ms (double seconds)
{
  const char *argv[] = { "bench", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.001);
  g_autoptr(MgSampler) sampler = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  pid_t pid = spawn_tree (64, 0);
  MgSamples *s;
  double *diffs;
  guint n;

  sampler = mg_sampler_new (rec, getpid (), g_get_monotonic_time ());
  g_assert_true (mg_sampler_start (sampler, NULL));
  g_timeout_add ((guint) (seconds * 1000), quit_loop, loop);
  g_main_loop_run (loop);
  mg_sampler_stop (sampler);
  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);

  s = mg_recording_get_samples (rec);
  n = mg_recording_get_n_samples (rec);
  diffs = g_new (double, n);
  for (guint i = 1; i < n; i++)
    diffs[i - 1] = (mg_samples_get_time (s, i) - mg_samples_get_time (s, i - 1)) * 1e6;
  qsort (diffs, n - 1, sizeof (double), compare_doubles);
  figure ("interval_1ms_median_us", diffs[(n - 1) / 2], "us");
  figure ("interval_1ms_p99_us", diffs[(gsize) ((n - 1) * 0.99)], "us");
  figure ("interval_1ms_samples_pct", 100.0 * n / (seconds * 1000), "%");
  g_free (diffs);
}

static MgRecording *
synthetic (guint n)
{
  const char *argv[] = { "./raytracer", "scene.obj", NULL };
  MgRecording *rec = mg_recording_new (argv, NULL, 0.001);
  MgExit exit_info = { MG_EXIT_STATUS, 0, FALSE, NULL };
  guint64 rss = 200 * MIB;
  GRand *rand = g_rand_new_with_seed (1);

  for (guint i = 0; i < n; i++)
    {
      MgSample s;

      /* A random walk with rare spikes. */
      rss += g_rand_int_range (rand, -4096, 4097) * 16;
      mg_sample_init (&s, i * 0.001);
      s.rss_bytes = rss + (g_rand_int_range (rand, 0, 100000) == 0 ? 500 * MIB : 0);
      s.vsz_bytes = rss * 3;
      mg_recording_append_sample (rec, &s);
    }
  mg_recording_finish (rec, &exit_info, n * 0.001);
  g_rand_free (rand);
  return rec;
}

/* The first of the last render_ms() measured: the frame of a view not
 * drawn before, whose columns are all traced. */
static double last_first_ms;

/* The median of five full redraws at 1200x700 into an image surface. The
 * first frame of a view traces its columns; the next ones, as on screen
 * while the view and the samples stay, reuse them (see last_first_ms). */
static double
render_ms (MgRecording *rec,
           gboolean     zoomed)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 700);
  double times[5];
  MgPlotStyle style;

  mg_plot_style_init (&style, FALSE);
  if (zoomed)
    {
      double d = mg_recording_get_duration (rec);

      style.view_start = d * 0.495;
      style.view_end = d * 0.505;
    }
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      cairo_t *cr = cairo_create (surface);
      double t0 = now_us ();

      mg_plot_render (cr, 1200, 700, rec, &style);
      cairo_surface_flush (surface);
      times[i] = (now_us () - t0) / 1000;
      cairo_destroy (cr);
    }
  cairo_surface_destroy (surface);
  last_first_ms = times[0];
  qsort (times, G_N_ELEMENTS (times), sizeof (double), compare_doubles);
  return times[G_N_ELEMENTS (times) / 2];
}

static double
self_rss (void)
{
  MgStatm statm;
  int fd = mg_proc_open (getpid (), "statm", NULL);

  mg_proc_read_statm (fd, mg_proc_page_size (), &statm, NULL);
  close (fd);
  return (double) statm.rss_bytes;
}

static double
process_cpu_s (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *paren;

  if (!g_file_get_contents (path, &stat, NULL, NULL) || (paren = strrchr (stat, ')')) == NULL)
    return -1;
  fields = g_strsplit (paren + 2, " ", -1);
  /* utime and stime are fields 14 and 15; after the name, 12 and 13. */
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) /
         sysconf (_SC_CLK_TCK);
}

/* The CPU time of @pid and of its child named @name (the recorder), or -1
 * when either is not there. */
static double
process_and_child_cpu_s (int         pid,
                         const char *name,
                         double     *child_s)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/task/%d/children", pid, pid);
  g_autofree char *children = NULL;
  g_auto(GStrv) pids = NULL;
  double own = process_cpu_s (pid);

  *child_s = -1;
  if (own < 0 || !g_file_get_contents (path, &children, NULL, NULL))
    return -1;
  pids = g_strsplit (g_strstrip (children), " ", -1);
  for (guint i = 0; pids[i] != NULL; i++)
    {
      g_autofree char *comm_path = g_strdup_printf ("/proc/%s/comm", pids[i]);
      g_autofree char *comm = NULL;

      if (g_file_get_contents (comm_path, &comm, NULL, NULL) &&
          g_str_equal (g_strstrip (comm), name))
        *child_s = process_cpu_s (atoi (pids[i]));
    }
  return *child_s >= 0 ? own + *child_s : -1;
}

/* The window: launch to first frame, its CPU while a run is shown live at
 * 0.1 s (with its recorder's, which samples for it), and command exit to
 * the final frame. */
static void
window_figures (const char *binary,
                const char *workload,
                gboolean    default_renderer)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GError) error = NULL;
  double t0, first = -1, exit_us = -1, cpu0 = -1, cpu1 = -1, rec0 = -1, rec1 = -1;
  int pid;
  char *line;

  g_subprocess_launcher_setenv (launcher, "MEMGRAPH_BENCH", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  /* GTK's own choice: under Xvfb, GL on llvmpipe. */
  if (default_renderer)
    g_subprocess_launcher_unsetenv (launcher, "GSK_RENDERER");
  t0 = now_us ();
  /* Long enough for eleven seconds after a slow first frame (GL on
   * llvmpipe takes seconds to start): the run must still be live. */
  app = g_subprocess_launcher_spawn (launcher, &error, binary, "-i", "0.1", "--", workload,
                                     "sleep", "18", NULL);
  if (app == NULL)
    {
      printf ("# window figures skipped: %s\n", error->message);
      return;
    }
  pid = atoi (g_subprocess_get_identifier (app));
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (app));

  while ((line = g_data_input_stream_read_line (err, NULL, NULL, NULL)) != NULL)
    {
      if (g_str_has_prefix (line, "memgraph-bench: first-frame "))
        {
          first = g_ascii_strtod (line + 28, NULL);
          /* CPU over ten seconds of a live run, from one second in. */
          g_usleep (G_USEC_PER_SEC);
          cpu0 = process_and_child_cpu_s (pid, "memgraph-record", &rec0);
          g_usleep (10 * G_USEC_PER_SEC);
          cpu1 = process_and_child_cpu_s (pid, "memgraph-record", &rec1);
        }
      else if (g_str_has_prefix (line, "memgraph-bench: exit-to-plot-us "))
        {
          exit_us = g_ascii_strtod (line + 32, NULL);
          g_free (line);
          break;
        }
      g_free (line);
    }
  g_subprocess_send_signal (app, SIGTERM);
  g_subprocess_wait (app, NULL, NULL);

  if (first <= 0)
    printf ("# window figures%s: the window showed no first frame\n",
            default_renderer ? " (default renderer)" : "");
  else if (cpu0 < 0 || cpu1 < 0)
    printf ("# %s: the run ended before the window's CPU was read\n",
            default_renderer ? "cpu_pct_window_100ms_default" : "cpu_pct_window_100ms");
  if (default_renderer)
    {
      if (cpu1 >= 0 && cpu0 >= 0)
        figure ("cpu_pct_window_100ms_default", 100 * (cpu1 - cpu0) / 10, "%");
      return;
    }
  if (first > 0)
    figure ("startup_ms", (first - t0) / 1000, "ms");
  if (cpu1 >= 0 && cpu0 >= 0)
    {
      figure ("cpu_pct_window_100ms", 100 * (cpu1 - cpu0) / 10, "%");
      figure ("cpu_pct_recorder_100ms", 100 * (rec1 - rec0) / 10, "%");
    }
  if (exit_us >= 0)
    figure ("exit_to_plot_ms", exit_us / 1000, "ms");
}

/* The window's CPU while it shows, live at 0.1 s, a program whose memory
 * grows all the time (1 MiB every 20 ms: a new peak at every
 * sample), over ten seconds from one second after its first frame; cairo
 * renderer. */
static void
growing_window_figure (const char *binary,
                       const char *workload)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GError) error = NULL;
  double cpu0 = -1, cpu1 = -1, rec0 = -1, rec1 = -1;
  char *line;
  int pid;

  g_subprocess_launcher_setenv (launcher, "MEMGRAPH_BENCH", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  app = g_subprocess_launcher_spawn (launcher, &error, binary, "-i", "0.1", "--", workload,
                                     "climb", "1", "20", "14", NULL);
  if (app == NULL)
    {
      printf ("# cpu_pct_window_100ms_growing skipped: %s\n", error->message);
      return;
    }
  pid = atoi (g_subprocess_get_identifier (app));
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (app));
  while ((line = g_data_input_stream_read_line (err, NULL, NULL, NULL)) != NULL)
    {
      gboolean first = g_str_has_prefix (line, "memgraph-bench: first-frame ");

      g_free (line);
      if (first)
        {
          g_usleep (G_USEC_PER_SEC);
          cpu0 = process_and_child_cpu_s (pid, "memgraph-record", &rec0);
          g_usleep (10 * G_USEC_PER_SEC);
          cpu1 = process_and_child_cpu_s (pid, "memgraph-record", &rec1);
          break;
        }
    }
  g_subprocess_send_signal (app, SIGTERM);
  g_subprocess_wait (app, NULL, NULL);
  if (cpu0 < 0 || cpu1 < 0)
    printf ("# cpu_pct_window_100ms_growing: the window showed no first frame\n");
  else
    figure ("cpu_pct_window_100ms_growing", 100 * (cpu1 - cpu0) / 10, "%");
}

/* The duration of the run saved in @json (the command's start to the end
 * of the run, its output read), or -1. */
static double
saved_duration (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_file (parser, json, NULL))
    return -1;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return -1;
  return json_object_get_double_member_with_default (json_node_get_object (root), "duration_s", -1);
}

/* The longest time between two samples saved in @json, or -1. */
static double
saved_max_gap (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *samples;
  JsonArray *times;
  JsonNode *root;
  double worst = -1;

  if (!json_parser_load_from_file (parser, json, NULL))
    return -1;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return -1;
  samples = json_object_get_object_member (json_node_get_object (root), "samples");
  times = samples != NULL ? json_object_get_array_member (samples, "time_s") : NULL;
  for (guint i = 1; times != NULL && i < json_array_get_length (times); i++)
    worst = MAX (worst, json_array_get_double_element (times, i) -
                        json_array_get_double_element (times, i - 1));
  return worst;
}

/* Set by run_seq() when it saves: saved_max_gap() of the run. */
static double last_max_gap;

/* Runs memgraph-gtk with @args (NULL-terminated; with @save, "-o JSON" is
 * added), the command's own output to /dev/null, until it exits, or in the
 * window until the final frame; returns the run's duration as saved and
 * sets *wall_s. */
static gboolean stdout_to_pipe;

static double
run_seq (const char *binary,
         gboolean    window,
         gboolean    save,
         double     *wall_s,
         ...)
{
  GSubprocessFlags flags = (stdout_to_pipe ? G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                            : G_SUBPROCESS_FLAGS_STDOUT_SILENCE) |
                           G_SUBPROCESS_FLAGS_STDERR_PIPE;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autofree char *dir = g_dir_make_tmp ("memgraph-bench-XXXXXX", NULL);
  g_autofree char *json = g_build_filename (dir, "run.json", NULL);
  const char *arg;
  double t0, duration;
  char *line;
  va_list ap;

  g_ptr_array_add (argv, (char *) binary);
  if (save)
    {
      g_ptr_array_add (argv, (char *) "-o");
      g_ptr_array_add (argv, json);
    }
  va_start (ap, wall_s);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "MEMGRAPH_BENCH", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  t0 = now_us ();
  app = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, NULL);
  if (app == NULL)
    return -1;
  if (stdout_to_pipe)
    {
      /* A reader that does nothing with the output, as fast as cat. */
      GInputStream *pipe = g_subprocess_get_stdout_pipe (app);
      int out = g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (pipe));
      g_autofree char *sink = g_malloc (1 << 20);

      while (read (out, sink, 1 << 20) > 0)
        ;
      g_subprocess_communicate (app, NULL, NULL, NULL, NULL, NULL);
      *wall_s = (now_us () - t0) / 1e6;
      duration = save ? saved_duration (json) : -1;
      g_unlink (json);
      g_rmdir (dir);
      return duration;
    }
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (app));
  while ((line = g_data_input_stream_read_line (err, NULL, NULL, NULL)) != NULL)
    {
      gboolean end = window && g_str_has_prefix (line, "memgraph-bench: exit-to-plot-us ");

      g_free (line);
      if (end)
        break;
    }
  if (window)
    g_subprocess_send_signal (app, SIGTERM);
  g_subprocess_wait (app, NULL, NULL);
  *wall_s = (now_us () - t0) / 1e6;
  duration = save ? saved_duration (json) : -1;
  last_max_gap = save ? saved_max_gap (json) : -1;
  g_unlink (json);
  g_rmdir (dir);
  return duration;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

/* seq 1 3000000 (21 MB in 3 M lines): how much longer its run lasts when
 * its output is captured, in batch mode and in the window (which always
 * captures), than not captured. The median of five runs each. */
static void
capture_figures (const char *binary,
                 gboolean    with_window)
{
  double plain[5], batch[5], window[5], plain_wall[5], batch_wall[5], piped[5];
  const char *seq = "seq";

  for (guint i = 0; i < 5; i++)
    {
      double wall;

      plain[i] = run_seq (binary, FALSE, TRUE, &wall, "--no-window", "--", seq, "1", "3000000",
                          NULL);
      batch[i] = run_seq (binary, FALSE, TRUE, &wall, "--no-window", "--capture-output", "--",
                          seq, "1", "3000000", NULL);
      /* The whole of memgraph-gtk, start-up included, saving nothing. */
      run_seq (binary, FALSE, FALSE, &plain_wall[i], "--no-window", "--", seq, "1", "3000000",
               NULL);
      run_seq (binary, FALSE, FALSE, &batch_wall[i], "--no-window", "--capture-output", "--",
               seq, "1", "3000000", NULL);
    }
  figure ("seq_3m_run_ms", median (plain, 5) * 1000, "ms");
  figure ("seq_3m_captured_run_ms", median (batch, 5) * 1000, "ms");
  figure ("capture_slowdown_batch", median (batch, 5) / median (plain, 5), "x");
  figure ("capture_slowdown_batch_wall", median (batch_wall, 5) / median (plain_wall, 5), "x");

  /* Not captured, the output goes somewhere: into a pipe whose reader
   * does nothing with it, the least a terminal costs. */
  stdout_to_pipe = TRUE;
  for (guint i = 0; i < 5; i++)
    {
      double wall;

      piped[i] = run_seq (binary, FALSE, TRUE, &wall, "--no-window", "--", seq, "1", "3000000",
                          NULL);
    }
  stdout_to_pipe = FALSE;
  figure ("seq_3m_piped_run_ms", median (piped, 5) * 1000, "ms");
  figure ("capture_slowdown_batch_vs_pipe", median (batch, 5) / median (piped, 5), "x");
  if (!with_window)
    {
      printf ("# capture_slowdown_window: no display (run build-aux/bench)\n");
      return;
    }
  for (guint i = 0; i < 5; i++)
    {
      double wall;

      window[i] = run_seq (binary, TRUE, TRUE, &wall, "--capture-output", "-i", "0.1", "--", seq, "1",
                           "3000000", NULL);
    }
  figure ("seq_3m_window_run_ms", median (window, 5) * 1000, "ms");
  figure ("capture_slowdown_window", median (window, 5) / median (plain, 5), "x");
  figure ("capture_slowdown_window_vs_pipe", median (window, 5) / median (piped, 5), "x");
}

/* The window sampling at 0.1 s while the command floods it with 240 MB
 * in 4,000,000 lines: the longest time between two samples, the median of
 * three runs. */
static void
flood_gap_figure (const char *binary,
                  const char *workload)
{
  double gaps[3];

  for (guint i = 0; i < 3; i++)
    {
      double wall;

      run_seq (binary, TRUE, TRUE, &wall, "-i", "0.1", "--", workload, "lines", "4000000", "60",
               NULL);
      gaps[i] = last_max_gap;
    }
  figure ("sample_gap_max_s_window_flood", median (gaps, 3), "s");
}

static double
children_cpu_us (void)
{
  struct rusage ru;

  getrusage (RUSAGE_CHILDREN, &ru);
  return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e6 + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
}

/* What following costs per process: 500 short children (fork, touch
 * 1 MiB, exit) below memgraph-launch with and without --follow, the
 * median of 7 interleaved runs of each. CPU time (of the helper and the
 * whole tree, user and system) rather than wall time, which other work on
 * the machine blurs by far more than the difference. */
static double
follow_cpu_us_per_process (const char *workload)
{
  g_autofree char *launch = g_build_filename (g_getenv ("MEMGRAPH_LIBEXECDIR"), "memgraph-launch",
                                              NULL);
  double times[2][7];

  for (guint r = 0; r < 7; r++)
    for (guint f = 0; f < 2; f++)
      {
        /* Reports go to standard output, here /dev/null. */
        const char *followed[] = { launch, "--follow", "1", workload, "children", "500", "1", "1",
                                   "/dev/null", NULL };
        const char *sampled[] = { launch, "1", workload, "children", "500", "1", "1",
                                  "/dev/null", NULL };
        double t0 = children_cpu_us ();

        g_spawn_sync (NULL, (char **) (f ? followed : sampled), NULL,
                      G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, NULL, NULL);
        times[f][r] = children_cpu_us () - t0;
      }
  qsort (times[0], 7, sizeof (double), compare_doubles);
  qsort (times[1], 7, sizeof (double), compare_doubles);
  return (times[1][3] - times[0][3]) / 500;
}

/* CPU of the children spawned from @argv, in µs. */
static double
spawn_cpu_us (const char * const *argv)
{
  double t0 = children_cpu_us ();

  g_spawn_sync (NULL, (char **) argv, NULL,
                G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                NULL, NULL);
  return children_cpu_us () - t0;
}

/* Time on CPU that the scheduler counts for a task (schedstat, in ns), in
 * µs; -1 when it cannot be read. */
static double
schedstat_us (const char *path)
{
  g_autofree char *stat = NULL;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return -1;
  return g_ascii_strtod (stat, NULL) / 1e3;
}

/* The same for the thread of this process named @name. */
static double
named_thread_cpu_us (const char *name)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *tid;

  while (dir != NULL && (tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *comm_path = g_strdup_printf ("/proc/self/task/%s/comm", tid);
      g_autofree char *stat_path = g_strdup_printf ("/proc/self/task/%s/schedstat", tid);
      g_autofree char *comm = NULL;

      if (g_file_get_contents (comm_path, &comm, NULL, NULL) &&
          g_str_equal (g_strchomp (comm), name))
        return schedstat_us (stat_path);
    }
  return -1;
}

typedef struct
{
  double sampler;   /* the sampling thread */
  double apply;     /* the main thread, appending the samples */
  double floor;     /* mg-bench-floor */
} TickCosts;

/* CPU per tick at 10 ms, over the same 3 s of steady sampling (after 0.3 s
 * of warming up), of the sampler's thread (MgSampler attached to @target,
 * as `--pid` does: it reads the target's status and children) and of
 * mg-bench-floor reading the same two files of @target beside it, so that
 * both see the same load. The main loop applies the samples meanwhile. */
static void
ticks_beside_floor (const char *floor_bin,
                    pid_t       target,
                    TickCosts  *out)
{
  const char *argv[] = { "sleep", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.01);
  g_autoptr(MgSampler) sampler = NULL;
  g_autofree char *pid = g_strdup_printf ("%d", (int) target);
  g_autofree char *floor_stat = NULL;
  const char *floored[] = { floor_bin, pid, "360", "10", NULL };
  double t0 = 0, t1, m0 = 0, m1, f0 = 0, f1, w0 = 0, w1, until;
  guint n0 = 0, n1;
  GPid floor_pid;

  g_assert_true (g_spawn_async (NULL, (char **) floored, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                NULL, &floor_pid, NULL));
  floor_stat = g_strdup_printf ("/proc/%d/schedstat", (int) floor_pid);
  sampler = mg_sampler_new_attached (rec, &target, 1, g_get_monotonic_time ());
  g_assert_true (mg_sampler_start (sampler, NULL));
  for (guint pass = 0; pass < 2; pass++)
    {
      until = now_us () + (pass ? 3e6 : 0.3e6);
      while (now_us () < until)
        g_main_context_iteration (NULL, TRUE);
      if (pass == 0)
        {
          t0 = named_thread_cpu_us ("mg-sampler");
          f0 = schedstat_us (floor_stat);
          m0 = thread_cpu_us ();
          n0 = mg_sampler_get_n_taken (sampler);
          w0 = now_us ();
        }
    }
  t1 = named_thread_cpu_us ("mg-sampler");
  f1 = schedstat_us (floor_stat);
  m1 = thread_cpu_us ();
  n1 = mg_sampler_get_n_taken (sampler);
  w1 = now_us ();
  mg_sampler_stop (sampler);
  g_assert_true (waitpid (floor_pid, NULL, 0) == floor_pid);
  g_spawn_close_pid (floor_pid);
  g_assert_true (t0 >= 0 && t1 >= t0 && f0 >= 0 && f1 >= f0 && n1 > n0);
  out->sampler = (t1 - t0) / (n1 - n0);
  out->apply = (m1 - m0) / (n1 - n0);
  out->floor = (f1 - f0) / ((w1 - w0) / 10000);
}

/* The sampler's CPU per sample at 10 ms over that of mg-bench-floor, the
 * least a sampler can do (a timerfd and a pread of the same two files of
 * the same process), measured side by side in five rounds: the median of
 * the sampler's over the median of the floor's, the two figures printed.
 * (On a virtual machine either may cost twice as much in one round as in
 * the next, independently of the other, so that the ratio of one round
 * says little; the rounds' ratios are printed as a comment.)
 * Like for like, the sampler is its own thread only; the main thread's
 * part (sample_apply_us_10ms) and the whole of `memgraph-gtk --no-window`
 * with its helper following a tree (sample_cpu_us_10ms_process, the
 * difference of a 1 s and a 4 s run, median of five) are printed beside. */
static double
sample_cpu_ratio_floor (const char *binary)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = g_path_get_dirname (self != NULL ? self : ".");
  g_autofree char *floor_bin = NULL;
  double sampler[5], apply[5], floor[5], ratio[5], process[2][5];
  pid_t target;

  floor_bin = g_build_filename (dir, "mg-bench-floor", NULL);
  target = fork ();
  if (target == 0)
    {
      execlp ("sleep", "sleep", "600", NULL);
      _exit (127);
    }
  for (guint r = 0; r < 5; r++)
    {
      TickCosts costs;

      ticks_beside_floor (floor_bin, target, &costs);
      sampler[r] = costs.sampler;
      apply[r] = costs.apply;
      floor[r] = costs.floor;
      ratio[r] = costs.sampler / costs.floor;
      for (guint d = 0; d < 2; d++)
        {
          const char *sampled[] = { binary, "--no-window", "-i", "0.01", "--", "sleep",
                                    d ? "4" : "1", NULL };

          process[d][r] = spawn_cpu_us (sampled);
        }
    }
  kill (target, SIGKILL);
  waitpid (target, NULL, 0);
  qsort (sampler, 5, sizeof (double), compare_doubles);
  qsort (apply, 5, sizeof (double), compare_doubles);
  qsort (floor, 5, sizeof (double), compare_doubles);
  qsort (ratio, 5, sizeof (double), compare_doubles);
  for (guint d = 0; d < 2; d++)
    qsort (process[d], 5, sizeof (double), compare_doubles);
  figure ("sample_cpu_us_10ms", sampler[2], "us");
  figure ("sample_apply_us_10ms", apply[2], "us");
  figure ("floor_cpu_us_10ms", floor[2], "us");
  figure ("sample_cpu_us_10ms_process", (process[1][2] - process[0][2]) / 300, "us");
  printf ("# sample_cpu_ratio_floor of each round, sorted: %.2f %.2f %.2f %.2f %.2f\n", ratio[0],
          ratio[1], ratio[2], ratio[3], ratio[4]);
  return sampler[2] / floor[2];
}

static void
stream_figures (void)
{
  double bytes = 0, us = stream_cost (16, 64, 2000, &bytes);

  figure ("stream_bytes_per_sample", bytes, "bytes");
  figure ("stream_write_us_per_sample", us, "us");
}

int
main (int   argc,
      char *argv[])
{
  const char *binary = g_getenv ("MG_BINARY");
  const char *workload = g_getenv ("MG_WORKLOAD");
  double before, after;
  guint n_processes;

  setvbuf (stdout, NULL, _IOLBF, 0);

  /* "mg-bench drawing": the figures of drawing and watching alone. */
  if (argc > 1 && g_str_equal (argv[1], "drawing"))
    {
      g_autoptr(MgRecording) r1m = synthetic (1000000);
      g_autoptr(MgRecording) r10m = synthetic (10000000);

      figure ("render_ms_1m", render_ms (r1m, FALSE), "ms");
      figure ("render_ms_1m_first", last_first_ms, "ms");
      figure ("render_ms_10m", render_ms (r10m, FALSE), "ms");
      figure ("render_ms_10m_first", last_first_ms, "ms");
      if (binary != NULL)
        figure ("sample_cpu_ratio_floor", sample_cpu_ratio_floor (binary), "x");
      if (binary != NULL && workload != NULL && g_getenv ("DISPLAY") != NULL)
        {
          window_figures (binary, workload, FALSE);
          window_figures (binary, workload, TRUE);
          growing_window_figure (binary, workload);
        }
      return 0;
    }

  /* "mg-bench sampling": the figures of sampling alone. */
  if (argc > 1 && g_str_equal (argv[1], "sampling"))
    {
      figure ("sample_us_single", sample_cost (256, 0, 20000, &n_processes), "us");
      figure ("sample_us_tree64", sample_cost (16, 64, 2000, &n_processes), "us");
      stream_figures ();
      if (binary != NULL)
        figure ("sample_cpu_ratio_floor", sample_cpu_ratio_floor (binary), "x");
      return 0;
    }

  /* "mg-bench capture": the capture figures alone. */
  if (argc > 1 && g_str_equal (argv[1], "capture"))
    {
      if (binary != NULL)
        capture_figures (binary, g_getenv ("DISPLAY") != NULL);
      if (binary != NULL && workload != NULL && g_getenv ("DISPLAY") != NULL)
        flood_gap_figure (binary, workload);
      return 0;
    }

  figure ("sample_us_single", sample_cost (256, 0, 20000, &n_processes), "us");
  figure ("sample_us_tree64", sample_cost (16, 64, 2000, &n_processes), "us");
  printf ("# tree64 watched %u processes\n", n_processes);
  stream_figures ();

  interval_1ms (10);

  {
    g_autoptr(MgRecording) r1k = synthetic (1000);
    g_autoptr(MgRecording) r1m = synthetic (1000000);

    figure ("render_ms_1k", render_ms (r1k, FALSE), "ms");
    figure ("render_ms_1k_zoomed", render_ms (r1k, TRUE), "ms");
    figure ("render_ms_1m", render_ms (r1m, FALSE), "ms");
    figure ("render_ms_1m_first", last_first_ms, "ms");
    figure ("render_ms_1m_zoomed", render_ms (r1m, TRUE), "ms");
  }

  before = self_rss ();
  {
    g_autoptr(MgRecording) r10m = synthetic (10000000);
    g_autoptr(GBytes) png = NULL;
    MgPlotStyle style;
    double t0;

    after = self_rss ();
    figure ("bytes_per_sample", (after - before) / 10000000, "bytes");
    figure ("render_ms_10m", render_ms (r10m, FALSE), "ms");
    figure ("render_ms_10m_first", last_first_ms, "ms");
    figure ("render_ms_10m_zoomed", render_ms (r10m, TRUE), "ms");

    mg_plot_style_init (&style, FALSE);
    t0 = now_us ();
    png = mg_export_png_bytes (r10m, &style, 1200, 700, NULL);
    figure ("export_png_ms_10m", (now_us () - t0) / 1000, "ms");
  }

  if (binary != NULL)
    capture_figures (binary, g_getenv ("DISPLAY") != NULL);
  if (workload != NULL && g_getenv ("MEMGRAPH_LIBEXECDIR") != NULL)
    figure ("follow_cpu_us_per_process", follow_cpu_us_per_process (workload), "us");
  if (binary != NULL)
    figure ("sample_cpu_ratio_floor", sample_cpu_ratio_floor (binary), "x");

  if (binary != NULL && workload != NULL && g_getenv ("DISPLAY") != NULL)
    {
      window_figures (binary, workload, FALSE);
      window_figures (binary, workload, TRUE);
      growing_window_figure (binary, workload);
      flood_gap_figure (binary, workload);
    }
  else
    printf ("# startup_ms, exit_to_plot_ms, cpu_pct_window_100ms: no display (run build-aux/bench)\n");
  return 0;
}
