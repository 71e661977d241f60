/* test-runner.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The runner and sampler in this process, on workloads of known size.
 */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>

#include "mg-runner.h"
#include "mg-test-util.h"

static void
on_finished (MgRecording *rec,
             gboolean    *done)
{
  *done = TRUE;
}

/* Runs argv to the end (or @stop_after_s, then Stop) and returns the recording. */
static MgRecording *
run (const char * const *argv,
     double              interval,
     double              stop_after_s)
{
  MgRecording *rec = mg_recording_new (argv, NULL, interval);
  g_autoptr(MgRunner) runner = mg_runner_new (rec);
  gboolean done = FALSE;

  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);
  mg_runner_start (runner, NULL);
  if (stop_after_s > 0)
    {
      gboolean never = FALSE;

      mg_test_wait_for (&never, stop_after_s);
      mg_runner_stop (runner);
    }
  g_assert_true (mg_test_wait_for (&done, 30));
  g_assert_false (mg_runner_is_running (runner));
  return rec;
}

/* Runs argv to the end with its output captured. */
static MgRecording *
run_captured (const char * const *argv)
{
  MgRecording *rec = mg_recording_new (argv, NULL, 0.1);
  g_autoptr(MgRunner) runner = mg_runner_new (rec);
  gboolean done = FALSE;

  mg_runner_set_capture_output (runner, TRUE);
  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);
  g_assert_true (mg_runner_start (runner, NULL));
  g_assert_true (mg_test_wait_for (&done, 60));
  return rec;
}

/* 3000 lines of 10240 bytes (30 MB): the first and the last 814 are kept
 * (8 MiB each at 10240 + 64 bytes a line), whole and in order; the 1372
 * between are counted, with their bytes. */
static void
test_capture_lines (void)
{
  const char *argv[] = { mg_test_workload (), "lines", "3000", "10240", NULL };
  g_autoptr(MgRecording) rec = run_captured (argv);
  guint per_part = MG_OUTPUT_HEAD_BYTES / (10240 + MG_OUTPUT_LINE_COST);
  double last_time = 0;

  g_assert_cmpuint (per_part, ==, 814);
  g_assert_cmpint (mg_recording_get_exit_code (rec), ==, 0);
  g_assert_cmpuint (mg_recording_get_n_output (rec), ==, 2 * 814);
  g_assert_cmpuint (mg_output_get_n_head (mg_recording_get_output_store (rec)), ==, 814);
  g_assert_cmpuint (mg_recording_get_output_dropped_lines (rec), ==, 3000 - 2 * 814);
  g_assert_cmpuint (mg_recording_get_output_dropped_bytes (rec), ==, (3000 - 2 * 814) * 10240);
  for (guint i = 0; i < mg_recording_get_n_output (rec); i++)
    {
      const MgOutputLine *line = mg_recording_get_output (rec, i);
      guint k = i < 814 ? i : 3000 - 814 + (i - 814);
      g_autofree char *number = g_strdup_printf ("%09u ", k);

      g_assert_cmpuint (line->length, ==, 10240);
      g_assert_cmpuint (line->full_length, ==, 10240);
      g_assert_true (g_str_has_prefix (line->text, number));
      g_assert_cmpint (line->text[10239], ==, 'x');
      g_assert_cmpint (line->stream, ==, MG_OUTPUT_STDOUT);
      g_assert_cmpfloat (line->time_s, >=, last_time);
      g_assert_cmpfloat (line->time_s, <=, mg_recording_get_duration (rec));
      last_time = line->time_s;
    }
}

/* A line of 3 × MG_OUTPUT_LINE_MAX bytes without a newline keeps its first
 * MG_OUTPUT_LINE_MAX bytes and its length; a 2,000,000-byte line is kept
 * whole. */
static void
test_capture_long_line (void)
{
  g_autofree char *bytes = g_strdup_printf ("%d", 3 * MG_OUTPUT_LINE_MAX);
  const char *argv[] = { mg_test_workload (), "long-line", bytes, "0", "0", NULL };
  const char *argv2[] = { mg_test_workload (), "long-line", "2000000", "1", "0", NULL };
  g_autoptr(MgRecording) rec = run_captured (argv);
  g_autoptr(MgRecording) rec2 = run_captured (argv2);
  const MgOutputLine *line;

  g_assert_cmpuint (mg_recording_get_n_output (rec), ==, 1);
  line = mg_recording_get_output (rec, 0);
  g_assert_cmpuint (line->length, ==, MG_OUTPUT_LINE_MAX);
  g_assert_cmpuint (line->full_length, ==, 3 * MG_OUTPUT_LINE_MAX);
  g_assert_cmpuint (strspn (line->text, "y"), ==, MG_OUTPUT_LINE_MAX);
  g_assert_cmpuint (mg_recording_get_output_dropped_lines (rec), ==, 0);
  g_assert_cmpuint (mg_recording_get_output_dropped_bytes (rec), ==, 2 * MG_OUTPUT_LINE_MAX);

  g_assert_cmpuint (mg_recording_get_n_output (rec2), ==, 1);
  line = mg_recording_get_output (rec2, 0);
  g_assert_cmpuint (line->length, ==, 2000000);
  g_assert_cmpuint (line->full_length, ==, 2000000);
  g_assert_cmpuint (strspn (line->text, "y"), ==, 2000000);
  g_assert_cmpuint (mg_recording_get_output_dropped_bytes (rec2), ==, 0);
}

static void
test_hold_300 (void)
{
  const char *argv[] = { mg_test_workload (), "hold", "300", "1.5", NULL };
  g_autoptr(MgRecording) rec = run (argv, 0.1, 0);
  const MgSample *last = mg_recording_get_last (rec);
  double peak = mg_recording_get_peak_rss (rec);

  g_assert_cmpint (mg_recording_get_exit_code (rec), ==, 0);
  /* 300 MiB held for 1.5 s: the peak is within 5 %, from about 15 samples
   * (the first right at the start, the last at exit). */
  g_assert_cmpfloat (peak, >=, 300 * MIB * 0.95);
  g_assert_cmpfloat (peak, <=, 300 * MIB * 1.05);
  /* One sample an interval, no more: a loaded machine stretches the run,
   * not the rate. */
  g_assert_cmpuint (mg_recording_get_n_samples (rec), >=, 10);
  g_assert_cmpuint (mg_recording_get_n_samples (rec), <=,
                    mg_recording_get_duration (rec) / 0.1 + 3);
  /* The first sample as soon as the command runs; starting it (fork, exec)
   * takes longer on a loaded machine or under a sanitizer. */
  g_assert_cmpfloat (mg_samples_get (mg_recording_get_samples (rec), 0).time_s, <, 0.25);
  g_assert_cmpfloat (mg_recording_get_duration (rec), >=, 1.5);
  /* The exit sample: at the exit time, nothing held any more. */
  g_assert_cmpfloat_with_epsilon (last->time_s, mg_recording_get_duration (rec), 1e-9);
  g_assert_cmpuint (last->rss_bytes, ==, 0);
  g_assert_cmpfloat (mg_recording_get_peak_vsz (rec), >=, 300 * MIB);
}

static void
test_exit_status (void)
{
  const char *argv[] = { mg_test_workload (), "exit", "3", NULL };
  g_autoptr(MgRecording) rec = run (argv, 0.1, 0);

  g_assert_cmpint (mg_recording_get_exit (rec)->kind, ==, MG_EXIT_STATUS);
  g_assert_cmpint (mg_recording_get_exit_code (rec), ==, 3);
}

static void
test_killed (void)
{
  const char *argv[] = { mg_test_workload (), "kill", "9", NULL };
  g_autoptr(MgRecording) rec = run (argv, 0.1, 0);
  g_autofree char *text = mg_recording_describe_exit (rec);

  g_assert_cmpint (mg_recording_get_exit (rec)->kind, ==, MG_EXIT_SIGNAL);
  g_assert_cmpint (mg_recording_get_exit (rec)->code, ==, SIGKILL);
  g_assert_cmpint (mg_recording_get_exit_code (rec), ==, 137);
  g_assert_true (g_str_has_prefix (text, "Killed by signal 9 (SIGKILL) after "));
}

static void
test_not_found (void)
{
  const char *argv[] = { "/nonexistent/memgraph-no-such-command", NULL };
  MgRecording *rec = mg_recording_new (argv, NULL, 0.1);
  g_autoptr(MgRunner) runner = mg_runner_new (rec);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_false (mg_runner_start (runner, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, ==, "No such file or directory");
  g_assert_true (mg_recording_is_finished (rec));
  g_assert_cmpint (mg_recording_get_exit_code (rec), ==, 127);
  text = mg_recording_describe_exit (rec);
  g_assert_cmpstr (text, ==, "Could not start: No such file or directory");
  g_assert_cmpuint (mg_recording_get_n_samples (rec), ==, 0);

  g_clear_object (&runner);
  g_assert_finalize_object (rec);
}

static void
test_bad_directory (void)
{
  const char *argv[] = { "true", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, "/nonexistent/dir", 0.1);
  g_autoptr(MgRunner) runner = mg_runner_new (rec);
  g_autoptr(GError) error = NULL;

  g_assert_false (mg_runner_start (runner, &error));
  g_assert_nonnull (strstr (error->message, "/nonexistent/dir"));
  g_assert_cmpint (mg_recording_get_exit (rec)->kind, ==, MG_EXIT_ERROR);
}

static void
test_stop (void)
{
  const char *argv[] = { mg_test_workload (), "sleep", "30", NULL };
  g_autoptr(MgRecording) rec = run (argv, 0.1, 0.3);

  /* Stop sends SIGTERM first; the sleeper dies of it. */
  g_assert_cmpint (mg_recording_get_exit (rec)->kind, ==, MG_EXIT_SIGNAL);
  g_assert_cmpint (mg_recording_get_exit (rec)->code, ==, SIGTERM);
}

static void
test_stop_escalates (void)
{
  const char *argv[] = { mg_test_workload (), "ignore-term", "30", NULL };
  g_autoptr(MgRecording) rec = run (argv, 0.1, 0.3);

  /* SIGTERM is ignored, so SIGKILL follows after the grace time. */
  g_assert_cmpint (mg_recording_get_exit (rec)->code, ==, SIGKILL);
  g_assert_cmpfloat (mg_recording_get_duration (rec), >=, 0.3 + MG_RUNNER_STOP_GRACE_MS / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memgraph/runner/hold-300-mib", test_hold_300);
  g_test_add_func ("/memgraph/runner/exit-status", test_exit_status);
  g_test_add_func ("/memgraph/runner/killed", test_killed);
  g_test_add_func ("/memgraph/runner/not-found", test_not_found);
  g_test_add_func ("/memgraph/runner/bad-directory", test_bad_directory);
  g_test_add_func ("/memgraph/runner/stop", test_stop);
  g_test_add_func ("/memgraph/runner/stop-escalates", test_stop_escalates);
  g_test_add_func ("/memgraph/runner/capture-lines", test_capture_lines);
  g_test_add_func ("/memgraph/runner/capture-long-line", test_capture_long_line);

  return g_test_run ();
}
