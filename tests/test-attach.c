/* test-attach.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Watching processes that were started elsewhere: the recording starts at
 * what they hold when attached, follows them as they grow, stops without
 * touching them, notices their end within one interval, and refuses what
 * it must not watch. In the test process (MgAttach) and through
 * memgraph-gtk --no-window --pid.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mg-attach.h"
#include "mg-budget.h"
#include "mg-batch.h"
#include "mg-export.h"
#include "mg-import.h"
#include "mg-test-util.h"

/* Starts the workload with @args as our child (not reaped until
 * reap() is called). */
static GPid
spawn_workload (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_ptr_array_add (argv, (char *) mg_test_workload ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_async (NULL, (char **) argv->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                 &error);
  g_assert_no_error (error);
  return pid;
}

static int
reap (GPid pid)
{
  int status = 0;

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return status;
}

/* VmRSS of @pid in bytes, 0 when it cannot be read. */
static guint64
vm_rss (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (line = strstr (text, "VmRSS:")) == NULL)
    return 0;
  return g_ascii_strtoull (line + 6, NULL, 10) * 1024;
}

static void
wait_for_rss (GPid    pid,
              guint64 bytes)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (vm_rss (pid) < bytes && g_get_monotonic_time () < end)
    g_usleep (10000);
  g_assert_cmpuint (vm_rss (pid), >=, bytes);
}

/* Alive, and not a zombie. */
static gboolean
runs (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *text = NULL;
  const char *paren;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (paren = strrchr (text, ')')) == NULL)
    return FALSE;
  return paren[2] != 'Z' && paren[2] != 'X';
}

static void
on_finished (MgRecording *recording,
             gboolean    *flag)
{
  *flag = TRUE;
}

static void
on_running (GObject    *attach,
            GParamSpec *pspec,
            guint      *count)
{
  (*count)++;
}

/* Attached at 200 MiB, the process grows to 300: the curve starts at 200,
 * the peak is 300 ± 5 %, and stopping leaves the process running. */
static void
test_grow_and_stop (void)
{
  const char *args[] = { "grow", "200", "300", "60", NULL };
  GPid pid = spawn_workload (args);
  g_autoptr(MgAttach) attach = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree MgSample *samples = NULL;
  MgRecording *rec;
  gboolean finished = FALSE, never = FALSE;
  const MgExit *exit_info;
  guint64 peak;
  guint n, notified = 0;

  wait_for_rss (pid, 200 * MIB);
  attach = mg_attach_new (&pid, 1, 0.05, &error);
  g_assert_no_error (error);
  rec = mg_attach_get_recording (attach);
  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &finished);
  g_signal_connect (attach, "notify::running", G_CALLBACK (on_running), &notified);
  g_assert_true (mg_attach_start (attach, &error));
  g_assert_no_error (error);
  g_assert_true (mg_attach_is_running (attach));
  g_assert_cmpuint (notified, ==, 1);

  mg_test_wait_for (&never, 0.4);
  kill (pid, SIGUSR1);
  wait_for_rss (pid, 300 * MIB);
  mg_test_wait_for (&never, 0.4);
  mg_attach_stop (attach);
  g_assert_true (finished);
  g_assert_false (mg_attach_is_running (attach));
  g_assert_cmpuint (notified, ==, 2);

  /* The curve starts where the process stood when attached. */
  samples = mg_test_copy_samples (rec);
  n = mg_recording_get_n_samples (rec);
  g_assert_cmpuint (n, >=, 10);
  g_assert_cmpfloat (samples[0].time_s, <, 0.05);
  g_assert_cmpfloat (samples[0].rss_bytes, >=, 200 * MIB);
  g_assert_cmpfloat (samples[0].rss_bytes, <=, 200 * MIB * 1.05);
  g_assert_cmpfloat (samples[n - 1].rss_bytes, >=, 300 * MIB);

  peak = mg_recording_get_peak_rss (rec);
  g_assert_cmpfloat (peak, >=, 300 * MIB * 0.95);
  g_assert_cmpfloat (peak, <=, 300 * MIB * 1.05);
  /* Since the process started: never the exact peak of what was watched. */
  g_assert_true (mg_recording_get_attached (rec));
  g_assert_false (mg_recording_get_peak_is_exact (rec));
  g_assert_cmpuint (mg_recording_get_n_processes (rec), ==, 1);
  g_assert_cmpint (mg_recording_get_process (rec, 0)->pid, ==, pid);

  exit_info = mg_recording_get_exit (rec);
  g_assert_cmpint (exit_info->kind, ==, MG_EXIT_UNKNOWN);
  g_assert_cmpstr (exit_info->message, ==, "still running: watching stopped");

  /* Stopping watched, and did nothing else. */
  g_assert_true (runs (pid));
  g_assert_cmpuint (vm_rss (pid), >=, 300 * MIB);
  kill (pid, SIGKILL);
  g_assert_true (WIFSIGNALED (reap (pid)));
}

/* The end of the process is noticed at once (its pidfd), within one
 * interval of 1 s; as it is our child, the kernel tells how it ended. */
static void
test_end_noticed (void)
{
  const char *args[] = { "hold", "50", "60", NULL };
  GPid pid = spawn_workload (args);
  g_autoptr(MgAttach) attach = NULL;
  g_autoptr(GError) error = NULL;
  gboolean finished = FALSE, never = FALSE;
  MgRecording *rec;
  const MgExit *exit_info;
  gint64 killed, noticed;
  g_autofree char *summary = NULL;

  wait_for_rss (pid, 50 * MIB);
  attach = mg_attach_new (&pid, 1, 1.0, &error);
  g_assert_no_error (error);
  rec = mg_attach_get_recording (attach);
  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &finished);
  g_assert_true (mg_attach_start (attach, &error));
  mg_test_wait_for (&never, 0.3);

  killed = g_get_monotonic_time ();
  kill (pid, SIGKILL);
  g_assert_true (mg_test_wait_for (&finished, 5));
  noticed = g_get_monotonic_time ();
  g_test_message ("noticed after %.3f s", (noticed - killed) / 1e6);
  g_assert_cmpint (noticed - killed, <, G_USEC_PER_SEC);

  exit_info = mg_recording_get_exit (rec);
  g_assert_cmpint (exit_info->kind, ==, MG_EXIT_SIGNAL);
  g_assert_cmpint (exit_info->code, ==, SIGKILL);
  /* The curve ends at zero, at the end noticed. */
  g_assert_cmpuint (mg_recording_get_last (rec)->rss_bytes, ==, 0);
  g_assert_cmpfloat (mg_recording_get_duration (rec), <, 0.3 + 1.0 + 0.5);

  summary = mg_summary_line (rec);
  g_test_message ("%s", summary);
  g_assert_true (g_str_has_prefix (summary, "memgraph-gtk: Watched process "));
  g_assert_nonnull (strstr (summary, ": Killed by signal 9 (SIGKILL) after "));
  g_assert_nonnull (strstr (summary, " since the process started ("));
  g_assert_true (WIFSIGNALED (reap (pid)));
}

/* The children of a process attached to are watched with it: three of
 * 30 MiB below a parent. */
static void
test_descendants (void)
{
  const char *args[] = { "crowd", "3", "30", "60", NULL };
  GPid pid = spawn_workload (args);
  g_autoptr(MgAttach) attach = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *children_path = g_strdup_printf ("/proc/%d/task/%d/children", pid, pid);
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  gboolean never = FALSE;
  MgRecording *rec;
  guint ours = 0;

  /* Until the three hold their memory. */
  for (;;)
    {
      g_autofree char *children = NULL;
      g_auto(GStrv) pids = NULL;
      guint64 sum = 0;

      g_assert_cmpint (g_get_monotonic_time (), <, end);
      if (g_file_get_contents (children_path, &children, NULL, NULL))
        {
          pids = g_strsplit (g_strstrip (children), " ", -1);
          for (guint i = 0; pids[i] != NULL && pids[i][0] != '\0'; i++)
            sum += vm_rss (atoi (pids[i]));
          if (g_strv_length (pids) == 3 && sum >= 90 * MIB)
            break;
        }
      g_usleep (10000);
    }

  attach = mg_attach_new (&pid, 1, 0.05, &error);
  g_assert_no_error (error);
  rec = mg_attach_get_recording (attach);
  g_assert_true (mg_attach_start (attach, &error));
  mg_test_wait_for (&never, 0.3);
  mg_attach_stop (attach);

  g_assert_cmpuint (mg_recording_get_n_processes (rec), ==, 4);
  for (guint i = 0; i < 4; i++)
    ours += mg_recording_get_process (rec, i)->ppid == pid;
  g_assert_cmpuint (ours, ==, 3);
  g_assert_cmpfloat (mg_recording_get_samples (rec) != NULL ?
                     mg_samples_get (mg_recording_get_samples (rec), 0).rss_bytes : 0, >=, 90 * MIB);
  g_assert_cmpfloat (mg_recording_get_peak_rss (rec), <=, 90 * MIB * 1.1 + 5 * MIB);
  g_assert_true (runs (pid));
  kill (pid, SIGKILL);
  reap (pid);
}

/* What the kernel does not say is said to be unknown. */
static void
test_unknown_words (void)
{
  const char *argv[] = { "server", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, "/", 0.1);
  MgExit exit_info = { MG_EXIT_UNKNOWN, 0, FALSE, (char *) "unknown (not started by Memory Graph)" };
  g_autofree char *summary = NULL;
  g_autofree char *message = NULL;

  mg_recording_set_attached (rec, TRUE);
  mg_recording_set_command_pid (rec, 4242);
  mg_recording_append (rec, 0.0, 300 * 1048576ull, 400 * 1048576ull);
  mg_recording_append (rec, 2.5, 0, 0);
  mg_recording_finish (rec, &exit_info, 2.5);

  summary = mg_summary_line (rec);
  g_assert_cmpstr (summary, ==, "memgraph-gtk: Watched process 4242 for 2.5 s: unknown (not "
                   "started by Memory Graph); peak RSS 300.0\u00a0MiB since the process started "
                   "(314572800 bytes); 2 samples; command: server");
  /* Ended, so its last mark read may be short of its peak: a bound. */
  g_assert_cmpint (mg_budget_check_rss (rec, 350 * 1048576ull, &message), ==, MG_BUDGET_MAYBE);
  g_assert_cmpstr (message, ==, "peak RSS at least 300.0\u00a0MiB since the process started may "
                   "be over the budget of 350.0\u00a0MiB: only a bound of the peak is known");
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (mg_budget_check_rss (rec, 250 * 1048576ull, &message), ==, MG_BUDGET_OVER);
  g_assert_cmpstr (message, ==, "peak RSS at least 300.0\u00a0MiB since the process started is "
                   "over the budget of 250.0\u00a0MiB");

  /* Saved and opened again, it says the same. */
  {
    g_autofree char *dir = g_dir_make_tmp ("memgraph-attach-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "attached.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;
    g_autoptr(MgRecording) back = NULL;
    g_autofree char *again = NULL;
    MgPlotStyle style;

    mg_plot_style_init (&style, FALSE);
    g_assert_true (mg_export_write (rec, file, MG_EXPORT_JSON, &style, 800, 450, &error));
    g_assert_no_error (error);
    back = mg_import_file (file, &error);
    g_assert_no_error (error);
    g_assert_true (mg_recording_get_attached (back));
    g_assert_false (mg_recording_get_peak_is_exact (back));
    g_assert_cmpint (mg_recording_get_exit (back)->kind, ==, MG_EXIT_UNKNOWN);
    g_assert_cmpstr (mg_recording_get_exit (back)->message, ==,
                     "unknown (not started by Memory Graph)");
    g_assert_cmpuint (mg_recording_get_peak_rss (back), ==, 300 * 1048576ull);
    again = mg_summary_line (back);
    /* Which pid was given is not saved: the rest is. */
    g_assert_cmpstr (again, ==, "memgraph-gtk: Watched for 2.5 s: unknown (not started by Memory "
                     "Graph); peak RSS 300.0\u00a0MiB since the process started (314572800 bytes); "
                     "2 samples; command: server");
    g_unlink (path);
    g_rmdir (dir);
  }
}

static pid_t
missing_pid (void)
{
  g_autofree char *text = NULL;
  int pid_max = 0;

  /* No pid reaches pid_max. */
  g_assert_true (g_file_get_contents ("/proc/sys/kernel/pid_max", &text, NULL, NULL));
  pid_max = atoi (text);
  g_assert_cmpint (pid_max, >, 1);
  return pid_max;
}

static void
test_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAttach) attach = NULL;
  g_autofree char *expected = NULL;
  pid_t pid = missing_pid ();
  pid_t self = getpid ();

  attach = mg_attach_new (&pid, 1, 0.1, &error);
  g_assert_null (attach);
  g_assert_error (error, MG_ATTACH_ERROR, MG_ATTACH_ERROR_NO_PROCESS);
  expected = g_strdup_printf ("There is no process %d: it has ended, or the number is wrong", pid);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  attach = mg_attach_new (&self, 1, 0.1, &error);
  g_assert_null (attach);
  g_assert_error (error, MG_ATTACH_ERROR, MG_ATTACH_ERROR_SELF);
  g_clear_error (&error);

  /* A thread's id, not its process's. */
  {
    const char *args[] = { "threads", "2", "30", NULL };
    GPid parent = spawn_workload (args);
    g_autofree char *task_path = g_strdup_printf ("/proc/%d/task", parent);
    gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    pid_t tid = 0;

    while (tid == 0 && g_get_monotonic_time () < end)
      {
        g_autoptr(GDir) dir = g_dir_open (task_path, 0, NULL);
        const char *name;

        while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
          if (atoi (name) != parent)
            tid = atoi (name);
        g_usleep (5000);
      }
    g_assert_cmpint (tid, >, 0);
    attach = mg_attach_new (&tid, 1, 0.1, &error);
    g_assert_null (attach);
    g_assert_error (error, MG_ATTACH_ERROR, MG_ATTACH_ERROR_NO_PROCESS);
    g_free (expected);
    expected = g_strdup_printf ("%d is a thread of process %d, not a process: give the "
                                "process’s id", tid, parent);
    g_assert_cmpstr (error->message, ==, expected);
    kill (parent, SIGKILL);
    reap (parent);
  }
}

/* Another user's process: as root, one run as nobody (setpriv); otherwise
 * init, which is root's. */
static void
test_other_user (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgAttach) attach = NULL;
  g_autofree char *expected = NULL;
  GPid pid = 0;
  const char *owner, *name;

  if (getuid () == 0)
    {
      const char *argv[] = { "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                             "sleep", "30", NULL };
      g_autofree char *setpriv = g_find_program_in_path ("setpriv");
      gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
      g_autofree char *path = NULL;

      if (setpriv == NULL)
        {
          g_test_skip ("setpriv is not installed");
          return;
        }
      g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH,
                     NULL, NULL, &pid, &error);
      g_assert_no_error (error);
      /* Until it runs sleep as nobody. */
      path = g_strdup_printf ("/proc/%d/comm", pid);
      while (g_get_monotonic_time () < end)
        {
          g_autofree char *comm = NULL;

          if (g_file_get_contents (path, &comm, NULL, NULL) && g_str_has_prefix (comm, "sleep"))
            break;
          g_usleep (5000);
        }
      owner = "nobody";
      name = "sleep";
    }
  else
    {
      /* Not root: init, when it is another user's (root's). */
      g_autofree char *status = NULL;
      const char *line;

      pid = 1;
      if (!g_file_get_contents ("/proc/1/status", &status, NULL, NULL) ||
          (line = strstr (status, "\nUid:")) == NULL || (uid_t) atoi (line + 5) == getuid ())
        {
          g_test_skip ("no process of another user can be read here");
          return;
        }
      {
        g_autoptr(MgAttach) refused = mg_attach_new (&pid, 1, 0.1, &error);

        g_assert_null (refused);
        g_assert_error (error, MG_ATTACH_ERROR, MG_ATTACH_ERROR_OTHER_USER);
        g_assert_nonnull (strstr (error->message, "belongs to another user"));
      }
      return;
    }

  attach = mg_attach_new (&pid, 1, 0.1, &error);
  g_assert_null (attach);
  g_assert_error (error, MG_ATTACH_ERROR, MG_ATTACH_ERROR_OTHER_USER);
  expected = g_strdup_printf ("Process %d (%s) belongs to another user (%s): Memory Graph "
                              "watches only your own processes", pid, name, owner);
  g_assert_cmpstr (error->message, ==, expected);
  kill (pid, SIGKILL);
  reap (pid);
}

typedef struct
{
  GSubprocess *proc;
  int          status;
  char        *err;
} Batch;

static void
batch_start (Batch              *b,
             const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (char *) g_getenv ("MG_BINARY"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  b->proc = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
}

static void
batch_finish (Batch *b)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (b->proc, NULL, NULL, NULL, &b->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (b->proc));
  b->status = g_subprocess_get_exit_status (b->proc);
  g_test_message ("status %d: %s", b->status, b->err);
  g_clear_object (&b->proc);
}

static JsonObject *
load_json (JsonParser *parser,
           const char *path)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* SIGINT, SIGTERM or SIGHUP to memgraph-gtk --no-window --pid: it stops
 * watching, writes its outputs and exits 0; the process runs on. */
static void
batch_stop_with (int signum)
{
  const char *args[] = { "hold", "60", "60", NULL };
  g_autofree char *dir = g_dir_make_tmp ("memgraph-attach-XXXXXX", NULL);
  g_autofree char *json = g_build_filename (dir, "run.json", NULL);
  g_autofree char *pid_text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPid pid = spawn_workload (args);
  Batch b = { 0 };
  JsonObject *root, *exit_obj, *peak;
  double rss;

  wait_for_rss (pid, 60 * MIB);
  pid_text = g_strdup_printf ("%d", pid);
  {
    const char *mg[] = { "--no-window", "-i", "0.05", "--pid", pid_text, "-o", json, "--max-rss",
                         "1GiB", NULL };

    batch_start (&b, mg);
  }
  g_usleep (800000);
  g_subprocess_send_signal (b.proc, signum);
  batch_finish (&b);

  g_assert_cmpint (b.status, ==, 0);
  g_assert_nonnull (strstr (b.err, "memgraph-gtk: Watched process "));
  g_assert_nonnull (strstr (b.err, ": still running: watching stopped; peak RSS "));
  g_assert_nonnull (strstr (b.err, " since the process started ("));
  /* Still running when watching stopped: its mark is its peak so far. */
  g_assert_nonnull (strstr (b.err, " since the process started is within the budget of "
                            "1.0\u00a0GiB"));
  g_assert_true (runs (pid));

  root = load_json (parser, json);
  exit_obj = json_object_get_object_member (root, "exit");
  g_assert_true (json_object_get_boolean_member (exit_obj, "unknown"));
  g_assert_cmpstr (json_object_get_string_member (exit_obj, "reason"), ==,
                   "still running: watching stopped");
  peak = json_object_get_object_member (root, "peak");
  g_assert_true (json_object_get_boolean_member (peak, "rss_since_process_start"));
  g_assert_false (json_object_get_boolean_member (peak, "rss_exact"));
  rss = json_object_get_int_member (peak, "rss_bytes");
  g_assert_cmpfloat (rss, >=, 60 * MIB);
  g_assert_cmpfloat (rss, <=, 60 * MIB * 1.1);

  kill (pid, SIGKILL);
  reap (pid);
  g_unlink (json);
  g_rmdir (dir);
  g_free (b.err);
}

static void
test_batch_signals (void)
{
  batch_stop_with (SIGINT);
  batch_stop_with (SIGTERM);
  batch_stop_with (SIGHUP);
}

/* The process ends by itself: memgraph-gtk ends within an interval, and
 * as the process is still a zombie (we have not reaped it), the kernel
 * says how it ended. Over a budget: status 3. */
static void
test_batch_ends (void)
{
  const char *args[] = { "hold", "40", "1.2", NULL };
  g_autofree char *pid_text = NULL;
  GPid pid = spawn_workload (args);
  Batch b = { 0 };

  wait_for_rss (pid, 40 * MIB);
  pid_text = g_strdup_printf ("%d", pid);
  {
    const char *mg[] = { "--no-window", "-i", "0.1", "--pid", pid_text, "--max-rss", "20MiB",
                         NULL };

    batch_start (&b, mg);
  }
  batch_finish (&b);
  g_assert_cmpint (b.status, ==, MG_BUDGET_STATUS_OVER);
  g_assert_nonnull (strstr (b.err, ": Exited with status 0 after "));
  g_assert_nonnull (strstr (b.err, " since the process started is over the budget of "
                            "20.0\u00a0MiB"));
  g_assert_cmpint (WEXITSTATUS (reap (pid)), ==, 0);
  g_free (b.err);
}

static void
test_batch_refused (void)
{
  g_autofree char *missing = g_strdup_printf ("%d", missing_pid ());
  g_autofree char *expected = g_strdup_printf ("memgraph-gtk: There is no process %s: it has "
                                               "ended, or the number is wrong", missing);
  static const struct { const char *args[6]; const char *message; } cases[] = {
    { { "--no-window", "--pid", "12x", NULL },
      "--pid takes a process id, a whole number such as 1234, not “12x”" },
    { { "--no-window", "--pid", "0", NULL },
      "--pid takes a process id, a whole number such as 1234, not “0”" },
    { { "--no-window", "--pid", "1", "--", "true", NULL },
      "--pid watches processes that are already running: it cannot be given with a command" },
    { { "--no-window", "--pid", "1", "--catch-spikes", NULL },
      "--pid watches processes that are already running: it cannot be given with "
      "--catch-spikes" },
  };
  Batch b = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      batch_start (&b, cases[i].args);
      batch_finish (&b);
      g_assert_cmpint (b.status, ==, 2);
      g_assert_nonnull (strstr (b.err, cases[i].message));
      g_clear_pointer (&b.err, g_free);
    }

  {
    const char *args[] = { "--no-window", "--pid", missing, NULL };

    batch_start (&b, args);
    batch_finish (&b);
    g_assert_cmpint (b.status, ==, 2);
    g_assert_true (g_str_has_prefix (b.err, expected));
    g_clear_pointer (&b.err, g_free);
  }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memgraph/attach/grow-and-stop", test_grow_and_stop);
  g_test_add_func ("/memgraph/attach/end-noticed", test_end_noticed);
  g_test_add_func ("/memgraph/attach/descendants", test_descendants);
  g_test_add_func ("/memgraph/attach/unknown-words", test_unknown_words);
  g_test_add_func ("/memgraph/attach/refused", test_refused);
  g_test_add_func ("/memgraph/attach/other-user", test_other_user);
  g_test_add_func ("/memgraph/attach/batch-signals", test_batch_signals);
  g_test_add_func ("/memgraph/attach/batch-ends", test_batch_ends);
  g_test_add_func ("/memgraph/attach/batch-refused", test_batch_refused);
  return g_test_run ();
}
