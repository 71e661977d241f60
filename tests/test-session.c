/* test-session.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session under the window, without a display: runs of workloads of
 * known size, running again, comparing, stopping, opening files and the
 * --output files.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "mg-attach.h"
#include "mg-describe.h"
#include "mg-export.h"
#include "mg-import.h"
#include "mg-session.h"
#include "mg-test-util.h"
#include "mg-units.h"

typedef struct
{
  guint  finished;
  guint  running_notified;
  guint  comparing_notified;
  guint  comparison_changed;
  guint  current_notified;
  MgRun *last_finished;
} Counts;

static void
on_finished (MgSession *session,
             MgRun     *run,
             Counts    *counts)
{
  counts->finished++;
  counts->last_finished = run;
}

static void
on_notify (MgSession  *session,
           GParamSpec *pspec,
           Counts     *counts)
{
  if (g_str_equal (pspec->name, "running"))
    counts->running_notified++;
  else if (g_str_equal (pspec->name, "comparing"))
    counts->comparing_notified++;
  else if (g_str_equal (pspec->name, "current"))
    counts->current_notified++;
}

static void
on_comparison_changed (MgSession *session,
                       Counts    *counts)
{
  counts->comparison_changed++;
}

static MgSession *
new_session (Counts *counts)
{
  MgSession *session = mg_session_new ();

  memset (counts, 0, sizeof *counts);
  g_signal_connect (session, "finished", G_CALLBACK (on_finished), counts);
  g_signal_connect (session, "notify", G_CALLBACK (on_notify), counts);
  g_signal_connect (session, "comparison-changed", G_CALLBACK (on_comparison_changed), counts);
  return session;
}

/* Waits for the running command of @session to end. */
static void
wait_finished (MgSession *session,
               Counts    *counts)
{
  guint before = counts->finished;
  gboolean done = FALSE;
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (counts->finished == before && g_get_monotonic_time () < end)
    mg_test_wait_for (&done, 0.05);
  g_assert_cmpuint (counts->finished, ==, before + 1);
  g_assert_false (mg_session_is_running (session));
}

static void
sleep_s (double seconds)
{
  gboolean never = FALSE;

  mg_test_wait_for (&never, seconds);
}

/* A workload of known size: the current run's peak, and the one clock. */
static void
test_start (void)
{
  Counts counts;
  g_autoptr(MgSession) session = new_session (&counts);
  const char *argv[] = { mg_test_workload (), "hold", "100", "1.0", NULL };
  g_autoptr(GError) error = NULL;
  MgRecording *recording;
  double early, later;
  MgRun *run;

  g_assert_null (mg_session_get_current (session));
  g_assert_cmpfloat (mg_session_get_elapsed (session), ==, 0);

  run = mg_session_start (session, argv, NULL, 0.1, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  g_assert_true (mg_session_get_current (session) == run);
  g_assert_true (mg_session_is_running (session));
  g_assert_cmpint (mg_session_get_pid (session), >, 0);
  g_assert_cmpuint (counts.running_notified, ==, 1);
  g_assert_cmpuint (counts.current_notified, ==, 1);
  g_assert_cmpuint (mg_session_get_n_runs (session), ==, 1);
  g_assert_true (mg_session_get_run (session, 0) == run);
  /* Named after its program, the first of its kind. */
  g_assert_cmpstr (mg_run_get_label (run), ==, "mg-workload");
  g_assert_false (mg_run_get_compared (run));
  g_assert_false (mg_session_can_run_again (session));
  /* The home directory when none is given. */
  g_assert_cmpstr (mg_recording_get_directory (mg_run_get_recording (run)), ==,
                   g_get_home_dir ());

  /* The one clock runs while the command does. */
  sleep_s (0.3);
  early = mg_session_get_elapsed (session);
  g_assert_cmpfloat (early, >=, 0.3);
  g_assert_cmpfloat (early, <, 10);
  sleep_s (0.2);
  later = mg_session_get_elapsed (session);
  g_assert_cmpfloat (later, >=, early + 0.2);

  /* A marker "now" is at the clock's time. */
  mg_session_add_marker (session, -1, "here");
  recording = mg_run_get_recording (run);
  g_assert_cmpuint (mg_recording_get_n_markers (recording), ==, 1);
  g_assert_cmpfloat (mg_recording_get_marker (recording, 0)->time_s, >=, later);
  g_assert_cmpfloat (mg_recording_get_marker (recording, 0)->time_s, <=,
                     mg_session_get_elapsed (session));
  g_assert_cmpstr (mg_recording_get_marker (recording, 0)->label, ==, "here");

  wait_finished (session, &counts);
  g_assert_true (counts.last_finished == run);
  g_assert_cmpuint (counts.running_notified, ==, 2);
  /* 100 MiB held for 1 s: the peak within 5 %. */
  g_assert_cmpfloat (mg_recording_get_peak_rss (recording), >=, 100 * MIB * 0.95);
  g_assert_cmpfloat (mg_recording_get_peak_rss (recording), <=, 100 * MIB * 1.05);
  g_assert_cmpint (mg_recording_get_exit (recording)->kind, ==, MG_EXIT_STATUS);
  g_assert_cmpint (mg_recording_get_exit (recording)->code, ==, 0);
  /* Once ended, the clock says the run's duration. */
  g_assert_cmpfloat (mg_session_get_elapsed (session), ==, mg_recording_get_duration (recording));
  g_assert_cmpfloat (mg_session_get_elapsed (session), >=, 1.0);
  g_assert_true (mg_session_can_run_again (session));
}

/* Run again, and again following every process: three runs, named. */
static void
test_run_again (void)
{
  Counts counts;
  g_autoptr(MgSession) session = new_session (&counts);
  const char *argv[] = { mg_test_workload (), "hold", "20", "0.3", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mg-session-XXXXXX", NULL);
  MgRun *first, *second, *third;

  g_object_set (session, "follow-every-process", FALSE, NULL);
  first = mg_session_start (session, argv, dir, 0.05, FALSE, &error);
  g_assert_no_error (error);
  /* Not while it runs. */
  g_assert_null (mg_session_run_again (session, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  wait_finished (session, &counts);
  g_assert_cmpint (mg_recording_get_following (mg_run_get_recording (first)), !=, MG_FOLLOW_ON);

  second = mg_session_run_again (session, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  g_assert_true (second != first);
  g_assert_true (mg_session_get_current (session) == second);
  wait_finished (session, &counts);

  third = mg_session_run_again (session, TRUE, &error);
  g_assert_no_error (error);
  wait_finished (session, &counts);

  g_assert_cmpuint (mg_session_get_n_runs (session), ==, 3);
  /* The same command three times: its program's name, numbered. */
  g_assert_cmpstr (mg_run_get_label (mg_session_get_run (session, 0)), ==, "mg-workload");
  g_assert_cmpstr (mg_run_get_label (mg_session_get_run (session, 1)), ==, "mg-workload (2)");
  g_assert_cmpstr (mg_run_get_label (mg_session_get_run (session, 2)), ==, "mg-workload (3)");
  g_assert_true (mg_session_get_run (session, 2) == third);
  /* The same command, directory and interval. */
  for (guint i = 1; i < 3; i++)
    {
      MgRecording *rec = mg_run_get_recording (mg_session_get_run (session, i));

      g_assert_cmpstrv (mg_recording_get_argv (rec), argv);
      g_assert_cmpstr (mg_recording_get_directory (rec), ==, dir);
      g_assert_cmpfloat (mg_recording_get_interval (rec), ==, 0.05);
      /* 20 MiB, and the workload's own few MiB of code and libc. */
      g_assert_cmpfloat (mg_recording_get_peak_rss (rec), >=, 20 * MIB * 0.95);
      g_assert_cmpfloat (mg_recording_get_peak_rss (rec), <=, 24 * MIB);
    }
  /* "Run Again, Following Every Process" follows, this time only. */
  g_assert_cmpint (mg_recording_get_following (mg_run_get_recording (second)), !=, MG_FOLLOW_ON);
  g_assert_cmpint (mg_recording_get_following (mg_run_get_recording (third)), ==, MG_FOLLOW_ON);
  g_rmdir (dir);
}

/* "Run On": a run elsewhere, through a plain wrapper; named after where it
 * ran; Run Again runs it there again; Stop reaches it. */
static void
test_via (void)
{
  Counts counts;
  g_autoptr(MgSession) session = new_session (&counts);
  const char *argv[] = { mg_test_workload (), "hold", "57", "0.5", NULL };
  const char *long_argv[] = { mg_test_workload (), "hold", "33", "60", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *place = NULL;
  MgRecording *recording;
  MgRun *run, *again;

  mg_session_set_via (session, "env");
  run = mg_session_start (session, argv, NULL, 0.05, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (mg_session_is_running (session));
  g_assert_cmpstr (mg_run_get_label (run), ==, "mg-workload on env");
  g_assert_cmpstr (mg_session_get_via (session, run), ==, "env");
  place = mg_session_dup_place (session);
  g_assert_cmpstr (place, ==, "env");
  wait_finished (session, &counts);
  recording = mg_run_get_recording (run);
  g_assert_cmpint (mg_recording_get_exit (recording)->kind, ==, MG_EXIT_STATUS);
  g_assert_cmpfloat (mg_recording_get_peak_rss (recording), >=, 57 * MIB * 0.98);
  g_assert_cmpfloat (mg_recording_get_peak_rss (recording), <=, 57 * MIB * 1.05 + 8 * MIB);
  /* The clock's zero is the recorder's start: the duration is the run's. */
  g_assert_cmpfloat (mg_session_get_elapsed (session), >=, 0.5);

  /* This computer again for new runs; Run Again keeps where it ran. */
  mg_session_set_via (session, NULL);
  g_assert_true (mg_session_can_run_again (session));
  again = mg_session_run_again (session, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mg_session_get_via (session, again), ==, "env");
  wait_finished (session, &counts);
  g_assert_cmpfloat (mg_recording_get_peak_rss (mg_run_get_recording (again)), >=,
                     57 * MIB * 0.98);

  /* Stop: SIGTERM at the other end */
  mg_session_set_via (session, "env");
  run = mg_session_start (session, long_argv, NULL, 0.05, FALSE, &error);
  g_assert_no_error (error);
  while (mg_recording_get_sampled_peak_rss (mg_run_get_recording (run)) < 32 * MIB)
    sleep_s (0.05);
  mg_session_stop (session);
  wait_finished (session, &counts);
  g_assert_cmpint (mg_recording_get_exit (mg_run_get_recording (run))->kind, ==, MG_EXIT_SIGNAL);
  g_assert_cmpint (mg_recording_get_exit (mg_run_get_recording (run))->code, ==, SIGTERM);
  g_assert_true (mg_recording_get_stop_time (mg_run_get_recording (run)) > 0);
}

/* Two runs of 40 and 120 MiB compared: the state, and the numbers. */
static void
test_compare (void)
{
  Counts counts;
  g_autoptr(MgSession) session = new_session (&counts);
  const char *small[] = { mg_test_workload (), "hold", "40", "0.5", NULL };
  const char *big[] = { mg_test_workload (), "hold", "120", "0.5", NULL };
  g_autoptr(GPtrArray) recordings = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint changed;
  double difference;

  g_assert_nonnull (mg_session_start (session, small, NULL, 0.05, FALSE, NULL));
  wait_finished (session, &counts);
  g_assert_nonnull (mg_session_start (session, big, NULL, 0.05, FALSE, NULL));
  wait_finished (session, &counts);

  g_assert_false (mg_session_is_comparing (session));
  g_assert_null (mg_session_dup_comparison_text (session));
  changed = counts.comparison_changed;
  mg_session_compare (session, 0, 0);
  g_assert_true (mg_session_is_comparing (session));
  g_assert_cmpuint (counts.comparing_notified, ==, 1);
  /* Both checked at once: one change. */
  g_assert_cmpuint (counts.comparison_changed, ==, changed + 1);
  g_assert_true (mg_run_get_compared (mg_session_get_run (session, 0)));
  g_assert_true (mg_run_get_compared (mg_session_get_run (session, 1)));

  mg_session_get_compared (session, recordings, labels);
  g_assert_cmpuint (recordings->len, ==, 2);
  g_assert_cmpuint (labels->len, ==, 3);
  /* The second is named by what sets its command apart: "120". */
  g_assert_cmpstr (g_ptr_array_index (labels, 0), ==, "mg-workload");
  g_assert_cmpstr (g_ptr_array_index (labels, 1), ==, "120");
  g_assert_null (g_ptr_array_index (labels, 2));
  difference = (double) mg_recording_get_peak_rss (g_ptr_array_index (recordings, 1)) -
               (double) mg_recording_get_peak_rss (g_ptr_array_index (recordings, 0));
  /* 80 MiB apart, within 5 % of the larger. */
  g_assert_cmpfloat (difference, >=, 80 * MIB - 6 * MIB);
  g_assert_cmpfloat (difference, <=, 80 * MIB + 6 * MIB);

  text = mg_session_dup_comparison_text (session);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_true (g_str_has_prefix (lines[0], "mg-workload: "));
  g_assert_true (g_str_has_prefix (lines[1], "120: "));
  g_assert_nonnull (strstr (lines[1], "vs mg-workload"));
  /* About +200 % on the peak. */
  g_assert_nonnull (strstr (lines[1], "(+"));

  /* Renaming a compared run changes the comparison's words. */
  changed = counts.comparison_changed;
  mg_run_set_label (mg_session_get_run (session, 0), "small");
  g_assert_cmpuint (counts.comparison_changed, ==, changed + 1);
  g_clear_pointer (&text, g_free);
  text = mg_session_dup_comparison_text (session);
  g_assert_true (g_str_has_prefix (text, "small: "));
  g_assert_nonnull (strstr (text, "vs small"));
  /* An empty name keeps the old one. */
  mg_run_set_label (mg_session_get_run (session, 0), "");
  g_assert_cmpstr (mg_run_get_label (mg_session_get_run (session, 0)), ==, "small");

  /* One unchecked: no comparison. */
  mg_run_set_compared (mg_session_get_run (session, 1), FALSE);
  g_assert_false (mg_session_is_comparing (session));
  g_assert_cmpuint (counts.comparing_notified, ==, 2);
  g_assert_null (mg_session_dup_comparison_text (session));

  /* A new run starts uncompared and unchecks the others. */
  mg_session_compare (session, 0, 2);
  g_assert_true (mg_session_is_comparing (session));
  g_assert_nonnull (mg_session_start (session, small, NULL, 0.05, FALSE, NULL));
  g_assert_false (mg_session_is_comparing (session));
  for (guint i = 0; i < 3; i++)
    g_assert_false (mg_run_get_compared (mg_session_get_run (session, i)));
  wait_finished (session, &counts);
}

/* Stop: SIGTERM, and the run says so. */
static void
test_stop (void)
{
  Counts counts;
  g_autoptr(MgSession) session = new_session (&counts);
  const char *argv[] = { mg_test_workload (), "sleep", "30", NULL };
  MgRecording *recording;
  g_autofree char *summary = NULL;
  MgRun *run;

  run = mg_session_start (session, argv, NULL, 0.1, FALSE, NULL);
  g_assert_nonnull (run);
  summary = mg_run_dup_summary (run);
  g_assert_nonnull (strstr (summary, "running"));
  g_clear_pointer (&summary, g_free);
  sleep_s (0.3);
  mg_session_stop (session);
  wait_finished (session, &counts);

  recording = mg_run_get_recording (run);
  g_assert_cmpint (mg_recording_get_exit (recording)->kind, ==, MG_EXIT_SIGNAL);
  g_assert_cmpint (mg_recording_get_exit (recording)->code, ==, SIGTERM);
  g_assert_cmpfloat (mg_recording_get_duration (recording), >=, 0.3);
  g_assert_cmpfloat (mg_recording_get_duration (recording), <, 10);
  summary = mg_run_dup_summary (run);
  g_assert_nonnull (strstr (summary, "SIGTERM"));
  g_assert_null (strstr (summary, "running"));
  /* The person stopped it: said as such, the signal in the details. */
  g_assert_nonnull (strstr (summary, "stopped\u00a0(SIGTERM)"));
  {
    g_autofree char *outcome = mg_recording_describe_exit (recording);
    g_autofree char *details = mg_recording_dup_stop_details (recording);
    g_autofree char *duration = mg_format_duration (mg_recording_get_duration (recording));
    g_autofree char *expected = g_strdup_printf ("Stopped after %s", duration);

    g_assert_cmpstr (outcome, ==, expected);
    g_assert_cmpstr (details, ==, "Stop sent SIGTERM; the command ended by signal 15 (SIGTERM)");
  }
}

/* A run's default name says what sets its command apart from the runs
 * before it. */
static void
test_default_names (void)
{
  g_autoptr(MgSession) session = mg_session_new ();
  const char *plain[] = { "/opt/demo/raytracer", "scene.obj", NULL };
  const char *floats[] = { "/opt/demo/raytracer", "--floats", "scene.obj", NULL };
  const char *scene[] = { "/opt/demo/raytracer", "./scenes/big.obj", NULL };
  const char *other[] = { "python3", "x.py", NULL };
  const char * const *commands[] = { plain, floats, floats, scene, other, plain };
  const char *expected[] = { "raytracer", "--floats", "--floats (2)", "big.obj", "python3",
                             "raytracer (2)" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(MgRecording) recording = mg_recording_new (commands[i], "/", 0.1);
      MgRun *run = mg_session_add_recording (session, recording, NULL);

      g_assert_cmpstr (mg_run_get_label (run), ==, expected[i]);
    }
}

/* "memgraph-demo --floats" as the README says: found where it was
 * installed, named by its option, and stopped by the person. */
static void
test_demo_floats (void)
{
  Counts counts;
  g_autoptr(MgSession) session = new_session (&counts);
  const char *demo[] = { "memgraph-demo", NULL };
  const char *floats[] = { "memgraph-demo", "--floats", NULL };
  g_autofree char *installed = g_build_filename (g_getenv ("MEMGRAPH_LIBEXECDIR"),
                                                 "memgraph-demo", NULL);
  g_autoptr(GError) error = NULL;
  MgRun *first, *second;

  first = mg_session_start (session, demo, NULL, 0.1, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mg_recording_get_argv (mg_run_get_recording (first))[0], ==, installed);
  g_assert_cmpstr (mg_run_get_label (first), ==, "memgraph-demo");
  sleep_s (0.2);
  mg_session_stop (session);
  wait_finished (session, &counts);

  second = mg_session_start (session, floats, NULL, 0.1, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mg_recording_get_argv (mg_run_get_recording (second))[0], ==, installed);
  g_assert_cmpstr (mg_recording_get_argv (mg_run_get_recording (second))[1], ==, "--floats");
  g_assert_cmpstr (mg_run_get_label (second), ==, "--floats");
  sleep_s (0.2);
  mg_session_stop (session);
  wait_finished (session, &counts);
  {
    g_autofree char *outcome = mg_recording_describe_exit (mg_run_get_recording (second));

    g_assert_true (g_str_has_prefix (outcome, "Stopped after "));
  }
}

/* A command that cannot start: from the start page nothing changes; from
 * a terminal it is a run that says why. */
static void
test_cannot_start (void)
{
  Counts counts;
  g_autoptr(MgSession) session = new_session (&counts);
  const char *argv[] = { "/nonexistent/memgraph-no-such-program", NULL };
  g_autoptr(GError) error = NULL;
  MgRun *run;

  g_assert_null (mg_session_start (session, argv, NULL, 0.1, FALSE, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (mg_session_get_n_runs (session), ==, 0);
  g_assert_null (mg_session_get_current (session));
  g_assert_cmpuint (counts.running_notified, ==, 0);
  g_clear_error (&error);

  run = mg_session_start (session, argv, NULL, 0.1, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  g_assert_cmpuint (mg_session_get_n_runs (session), ==, 1);
  g_assert_true (mg_session_get_from_terminal (session));
  if (!mg_recording_is_finished (mg_run_get_recording (run)))
    wait_finished (session, &counts);
  g_assert_false (mg_session_is_running (session));
  g_assert_cmpint (mg_recording_get_exit (mg_run_get_recording (run))->kind, ==, MG_EXIT_ERROR);

  /* A program named without a '/' that PATH does not have: said so,
   * naming both, from the start page and from a terminal. */
  {
    const char *typo[] = { "pyhton3-memgraph-typo", "x.py", NULL };
    g_autofree char *expected = g_strdup_printf ("pyhton3-memgraph-typo was not found in PATH (%s)",
                                                 g_getenv ("PATH"));

    g_assert_null (mg_session_start (session, typo, NULL, 0.1, FALSE, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_cmpstr (error->message, ==, expected);
    g_clear_error (&error);
    g_assert_cmpuint (mg_session_get_n_runs (session), ==, 1);

    run = mg_session_start (session, typo, NULL, 0.1, TRUE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (mg_session_get_n_runs (session), ==, 2);
    g_assert_true (mg_recording_is_finished (mg_run_get_recording (run)));
    g_assert_cmpint (mg_recording_get_exit (mg_run_get_recording (run))->kind, ==, MG_EXIT_ERROR);
    g_assert_cmpstr (mg_recording_get_exit (mg_run_get_recording (run))->message, ==, expected);
    g_assert_false (mg_session_is_running (session));
  }
}

/* A command from the terminal uses the command line's options, and runs
 * again with them; one from the start page uses the start page's. */
static void
test_terminal_options (void)
{
  Counts counts;
  g_autoptr(MgSession) session = new_session (&counts);
  const char *argv[] = { mg_test_workload (), "exit", "0", NULL };
  MgRun *terminal, *again, *window;

  g_object_set (session, "follow-every-process", FALSE, NULL);
  mg_session_set_terminal_follow (session, 1);
  terminal = mg_session_start (session, argv, NULL, 0.1, TRUE, NULL);
  wait_finished (session, &counts);
  g_assert_true (mg_session_get_from_terminal (session));
  again = mg_session_run_again (session, FALSE, NULL);
  wait_finished (session, &counts);
  g_assert_true (mg_session_get_from_terminal (session));
  window = mg_session_start (session, argv, NULL, 0.1, FALSE, NULL);
  wait_finished (session, &counts);
  g_assert_false (mg_session_get_from_terminal (session));

  g_assert_cmpint (mg_recording_get_following (mg_run_get_recording (terminal)), ==, MG_FOLLOW_ON);
  g_assert_cmpint (mg_recording_get_following (mg_run_get_recording (again)), ==, MG_FOLLOW_ON);
  g_assert_cmpint (mg_recording_get_following (mg_run_get_recording (window)), !=, MG_FOLLOW_ON);
  /* The command line's choice left to the start page's. */
  mg_session_set_terminal_follow (session, -1);
  g_object_set (session, "follow-every-process", TRUE, NULL);
  terminal = mg_session_start (session, argv, NULL, 0.1, TRUE, NULL);
  wait_finished (session, &counts);
  g_assert_cmpint (mg_recording_get_following (mg_run_get_recording (terminal)), ==, MG_FOLLOW_ON);
  g_assert_cmpuint (mg_session_get_n_runs (session), ==, 4);
}

/* Opening files: samples into a new run; a saved comparison compared; a
 * bad file changes nothing. */
static void
test_open_file (void)
{
  Counts counts;
  g_autoptr(MgSession) session = new_session (&counts);
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "samples.csv", NULL);
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "bad-not-json.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("mg-session-XXXXXX", NULL);
  g_autofree char *saved = g_build_filename (dir, "both.json", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autoptr(GFile) saved_file = g_file_new_for_path (saved);
  g_autoptr(GError) error = NULL;
  MgRecording *recording, *pair[2];
  const char *pair_labels[] = { "doubles", "floats", NULL };
  MgPlotStyle style;
  MgRun *run;

  run = mg_session_open_file (session, csv_file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  g_assert_true (mg_session_get_current (session) == run);
  g_assert_cmpuint (mg_session_get_n_runs (session), ==, 1);
  recording = mg_run_get_recording (run);
  g_assert_cmpuint (mg_recording_get_n_samples (recording), ==, 3);
  g_assert_cmpuint (mg_recording_get_peak_rss (recording), ==, 3 * 1024 * 1024);
  g_assert_cmpfloat (mg_session_get_elapsed (session), ==, 0.2);
  /* Samples only: nothing to run again. */
  g_assert_false (mg_session_can_run_again (session));
  g_assert_false (mg_session_is_comparing (session));

  /* Two runs saved as one comparison, read back compared. */
  pair[0] = recording;
  pair[1] = recording;
  mg_plot_style_init (&style, FALSE);
  g_assert_true (mg_export_compare_write (pair, pair_labels, 2, saved_file, MG_EXPORT_JSON,
                                          &style, 800, 450, &error));
  g_assert_no_error (error);
  run = mg_session_open_file (session, saved_file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mg_session_get_n_runs (session), ==, 3);
  g_assert_true (mg_session_get_current (session) == mg_session_get_run (session, 1));
  g_assert_cmpstr (mg_run_get_label (mg_session_get_run (session, 1)), ==, "doubles");
  g_assert_cmpstr (mg_run_get_label (mg_session_get_run (session, 2)), ==, "floats");
  g_assert_true (mg_session_is_comparing (session));
  g_assert_false (mg_run_get_compared (mg_session_get_run (session, 0)));
  g_assert_true (mg_run_get_compared (mg_session_get_run (session, 1)));
  g_assert_true (mg_run_get_compared (mg_session_get_run (session, 2)));
  g_assert_cmpuint (mg_recording_get_peak_rss (mg_run_get_recording (run)), ==, 3 * 1024 * 1024);

  /* A file that cannot be read: an error, and nothing changes. */
  g_assert_null (mg_session_open_file (session, bad_file, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (mg_session_get_n_runs (session), ==, 3);
  g_assert_true (mg_session_is_comparing (session));
  g_assert_true (mg_session_get_current (session) == run);

  g_unlink (saved);
  g_rmdir (dir);
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* --output: the files written once the command ends, with what it did. */
static void
test_outputs (void)
{
  Counts counts;
  g_autoptr(MgSession) session = new_session (&counts);
  const char *argv[] = { mg_test_workload (), "hold", "50", "0.5", NULL };
  g_autofree char *dir = g_dir_make_tmp ("mg-session-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *json = g_build_filename (dir, "out.json", NULL);
  g_autofree char *png = g_build_filename (dir, "out.png", NULL);
  const char *outputs[] = { csv, json, png, NULL };
  g_autoptr(GFile) json_file = g_file_new_for_path (json);
  g_autoptr(MgRecording) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_text = NULL;
  g_auto(GStrv) rows = NULL;
  cairo_surface_t *image;
  MgRecording *recording;
  MgPlotStyle style;
  guint n_rows = 0;

  mg_plot_style_init (&style, FALSE);
  /* Nothing asked: nothing written. */
  g_assert_true (mg_session_write_outputs (session, &style, &error));
  g_assert_no_error (error);

  mg_session_set_outputs (session, outputs, 640, 360, -1);
  recording = mg_run_get_recording (mg_session_start (session, argv, NULL, 0.1, FALSE, NULL));
  wait_finished (session, &counts);
  g_assert_true (mg_session_write_outputs (session, &style, &error));
  g_assert_no_error (error);

  /* CSV: a header and one row a sample. */
  csv_text = read_text (csv);
  rows = g_strsplit (csv_text, "\n", -1);
  for (guint i = 1; rows[i] != NULL; i++)
    n_rows += rows[i][0] != '\0';
  g_assert_true (g_str_has_prefix (rows[0], "time_s,rss_bytes,vsz_bytes"));
  g_assert_cmpuint (n_rows, ==, mg_recording_get_n_samples (recording));

  /* JSON: the same run read back. */
  back = mg_import_file (json_file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mg_recording_get_peak_rss (back), ==, mg_recording_get_peak_rss (recording));
  g_assert_cmpuint (mg_recording_get_n_samples (back), ==, mg_recording_get_n_samples (recording));
  g_assert_cmpfloat (mg_recording_get_peak_rss (back), >=, 50 * MIB * 0.95);

  /* PNG: at the size asked, twice in pixels. */
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 640 * style.scale);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 360 * style.scale);
  cairo_surface_destroy (image);

  /* Written once: the list is cleared. */
  g_unlink (csv);
  g_assert_true (mg_session_write_outputs (session, &style, &error));
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));

  /* A file that cannot be written is said. */
  {
    g_autofree char *nowhere = g_build_filename (dir, "missing", "out.csv", NULL);
    const char *bad[] = { nowhere, NULL };

    mg_session_set_outputs (session, bad, 640, 360, 1);
    g_assert_false (mg_session_write_outputs (session, &style, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "out.csv"));
  }

  g_unlink (json);
  g_unlink (png);
  g_rmdir (dir);
}

/* The session never leaves a command behind. */
static void
test_dispose_kills (void)
{
  Counts counts;
  MgSession *session = new_session (&counts);
  const char *argv[] = { mg_test_workload (), "sleep", "30", NULL };
  g_autoptr(MgRecording) recording = NULL;
  int pid;

  recording = g_object_ref (mg_run_get_recording (mg_session_start (session, argv, NULL, 0.1,
                                                                      FALSE, NULL)));
  pid = mg_session_get_pid (session);
  g_assert_cmpint (pid, >, 0);
  g_assert_finalize_object (session);
  /* Killed at once (SIGKILL): the recording ends soon after. */
  {
    gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
    gboolean never = FALSE;

    while (!mg_recording_is_finished (recording) && g_get_monotonic_time () < end)
      mg_test_wait_for (&never, 0.05);
  }
  g_assert_true (mg_recording_is_finished (recording));
  g_assert_cmpint (mg_recording_get_exit (recording)->kind, ==, MG_EXIT_SIGNAL);
  g_assert_cmpint (mg_recording_get_exit (recording)->code, ==, SIGKILL);
}

static void
drop_session (MgSession *session,
              MgRun     *run,
              gboolean  *dropped)
{
  *dropped = TRUE;
  g_object_unref (session);
}

/* A window that closes once its command ends drops the session in its
 * handler: the session and the run outlive the emission, then go. */
static void
test_dropped_when_finished (void)
{
  MgSession *session = mg_session_new ();
  const char *argv[] = { mg_test_workload (), "exit", "4", NULL };
  g_autoptr(MgRecording) recording = NULL;
  gpointer weak = session;
  gboolean dropped = FALSE;

  g_object_add_weak_pointer (G_OBJECT (session), &weak);
  g_signal_connect (session, "finished", G_CALLBACK (drop_session), &dropped);
  recording = g_object_ref (mg_run_get_recording (mg_session_start (session, argv, NULL, 0.1,
                                                                      FALSE, NULL)));
  g_assert_true (mg_test_wait_for (&dropped, 30));
  g_assert_null (weak);
  g_assert_cmpint (mg_recording_get_exit (recording)->kind, ==, MG_EXIT_STATUS);
  g_assert_cmpint (mg_recording_get_exit (recording)->code, ==, 4);
}

/* Processes watched: the workload is started here, as our child not
 * reaped, or through a shell that leaves it to another parent. */
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

/* Field 22 of /proc/PID/stat, the start time, and the state in @state;
 * 0 when it is gone. */
static guint64
start_ticks (GPid  pid,
             char *state)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *paren;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (paren = strrchr (text, ')')) == NULL)
    return 0;
  /* After the name: field 3 is the state, 22 the start time. */
  fields = g_strsplit (paren + 2, " ", -1);
  g_assert_cmpuint (g_strv_length (fields), >, 19);
  *state = fields[0][0];
  return g_ascii_strtoull (fields[19], NULL, 10);
}

/* A running process watched: the run names it, its peak counts since it
 * started, Stop stops watching and the very process runs on; Run Again is
 * off. */
static void
test_attach_stop (void)
{
  const char *args[] = { "grow", "100", "150", "60", NULL };
  g_autoptr(MgSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *peak = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *title = NULL;
  g_autofree char *expected = NULL;
  GPid pid = spawn_workload (args);
  guint64 ticks, ticks_after;
  char state = '?';
  Counts counts;
  MgRun *run;
  int status = 0;

  wait_for_rss (pid, 100 * MIB);
  ticks = start_ticks (pid, &state);
  g_assert_cmpuint (ticks, >, 0);

  session = new_session (&counts);
  run = mg_session_attach (session, &pid, 1, 0.05, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  g_assert_true (mg_session_get_current (session) == run);
  g_assert_true (mg_session_is_running (session));
  g_assert_cmpuint (counts.running_notified, ==, 1);
  g_assert_cmpint (mg_session_get_pid (session), ==, pid);
  g_assert_false (mg_session_can_run_again (session));
  g_assert_cmpstr (mg_run_get_label (run), ==, "mg-workload");
  title = mg_recording_dup_watch_title (mg_run_get_recording (run));
  expected = g_strdup_printf ("Watching mg-workload (PID %d)", (int) pid);
  g_assert_cmpstr (title, ==, expected);

  sleep_s (0.5);
  peak = mg_recording_dup_peak_text (mg_run_get_recording (run));
  g_assert_true (g_str_has_suffix (peak, " since the process started"));
  g_assert_cmpfloat (mg_recording_get_peak_rss (mg_run_get_recording (run)), >=, 100 * MIB);

  /* The recorder stops watching and says so in its stream. */
  mg_session_stop (session);
  wait_finished (session, &counts);
  g_assert_cmpuint (counts.finished, ==, 1);
  g_assert_true (counts.last_finished == run);
  g_assert_cmpuint (counts.running_notified, ==, 2);
  g_assert_false (mg_session_can_run_again (session));
  g_assert_null (mg_session_run_again (session, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  outcome = mg_recording_describe_exit (mg_run_get_recording (run));
  g_assert_true (g_str_has_prefix (outcome, "Watched for "));
  g_assert_true (g_str_has_suffix (outcome, ": still running: watching stopped"));
  g_clear_pointer (&peak, g_free);
  peak = mg_recording_dup_peak_text (mg_run_get_recording (run));
  g_assert_true (g_str_has_prefix (peak, "at least "));
  g_assert_true (g_str_has_suffix (peak, " since the process started"));

  /* The same process, still running; the session ending does not end it. */
  sleep_s (0.2);
  g_clear_object (&session);
  ticks_after = start_ticks (pid, &state);
  g_assert_cmpuint (ticks_after, ==, ticks);
  g_assert_true (state != 'Z' && state != 'X');
  g_assert_cmpuint (vm_rss (pid), >=, 100 * MIB);

  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
}

/* The end of a process watched is noticed: our child's status is told by
 * the kernel; one left to another parent ends "unknown (not started by
 * Memory Graph)" unless the kernel still shows its status. */
static void
test_attach_end (void)
{
  const char *args[] = { "hold", "20", "60", NULL };
  g_autoptr(MgSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *out = NULL;
  g_autofree char *command = NULL;
  const MgExit *exit_info;
  GPid pid = spawn_workload (args);
  GPid orphan;
  Counts counts;
  MgRun *run;
  int status = 0;

  wait_for_rss (pid, 20 * MIB);
  session = new_session (&counts);
  run = mg_session_attach (session, &pid, 1, 0.05, FALSE, &error);
  g_assert_no_error (error);
  sleep_s (0.2);
  kill (pid, SIGKILL);
  wait_finished (session, &counts);
  exit_info = mg_recording_get_exit (mg_run_get_recording (run));
  g_assert_cmpint (exit_info->kind, ==, MG_EXIT_SIGNAL);
  g_assert_cmpint (exit_info->code, ==, SIGKILL);
  outcome = mg_recording_describe_exit (mg_run_get_recording (run));
  g_assert_true (g_str_has_prefix (outcome, "Killed by signal 9 (SIGKILL) after "));
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_clear_pointer (&outcome, g_free);

  /* Not our child: its shell exits at once and leaves it. */
  command = g_strdup_printf ("'%s' sleep 1.0 >/dev/null 2>&1 & echo $!", mg_test_workload ());
  {
    const char *sh[] = { "/bin/sh", "-c", command, NULL };

    g_spawn_sync (NULL, (char **) sh, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                  &error);
    g_assert_no_error (error);
  }
  orphan = (GPid) g_ascii_strtoll (out, NULL, 10);
  g_assert_cmpint (orphan, >, 0);
  run = mg_session_attach (session, &orphan, 1, 0.05, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (mg_session_is_running (session));
  wait_finished (session, &counts);
  exit_info = mg_recording_get_exit (mg_run_get_recording (run));
  outcome = mg_recording_describe_exit (mg_run_get_recording (run));
  if (exit_info->kind == MG_EXIT_UNKNOWN)
    g_assert_true (g_str_has_suffix (outcome, ": unknown (not started by Memory Graph)"));
  else
    {
      /* Seen as a zombie before its new parent reaped it. */
      g_assert_cmpint (exit_info->kind, ==, MG_EXIT_STATUS);
      g_assert_cmpint (exit_info->code, ==, 0);
    }
  g_assert_false (mg_session_can_run_again (session));
}

/* A process that cannot be watched: from the window's start an error and
 * nothing changed; from the command line a run that says why. */
static void
test_attach_refused (void)
{
  g_autoptr(MgSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *outcome = NULL;
  const char *args[] = { "exit", "0", NULL };
  GPid gone = spawn_workload (args);
  int status = 0;
  Counts counts;
  MgRun *run;

  /* A process that has ended, reaped: nothing to watch. */
  g_assert_cmpint (waitpid (gone, &status, 0), ==, gone);
  session = new_session (&counts);
  run = mg_session_attach (session, &gone, 1, 0.05, FALSE, &error);
  g_assert_null (run);
  g_assert_error (error, MG_ATTACH_ERROR, MG_ATTACH_ERROR_NO_PROCESS);
  g_assert_cmpuint (mg_session_get_n_runs (session), ==, 0);
  g_clear_error (&error);

  run = mg_session_attach (session, &gone, 1, 0.05, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  g_assert_cmpuint (mg_session_get_n_runs (session), ==, 1);
  g_assert_false (mg_session_is_running (session));
  g_assert_cmpint (mg_recording_get_exit (mg_run_get_recording (run))->kind, ==, MG_EXIT_ERROR);
  outcome = mg_recording_describe_exit (mg_run_get_recording (run));
  g_assert_true (g_str_has_prefix (outcome, "Could not start: "));
  g_assert_false (mg_session_can_run_again (session));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memgraph/session/start", test_start);
  g_test_add_func ("/memgraph/session/run-again", test_run_again);
  g_test_add_func ("/memgraph/session/via", test_via);
  g_test_add_func ("/memgraph/session/compare", test_compare);
  g_test_add_func ("/memgraph/session/stop", test_stop);
  g_test_add_func ("/memgraph/session/cannot-start", test_cannot_start);
  g_test_add_func ("/memgraph/session/default-names", test_default_names);
  g_test_add_func ("/memgraph/session/demo-floats", test_demo_floats);
  g_test_add_func ("/memgraph/session/terminal-options", test_terminal_options);
  g_test_add_func ("/memgraph/session/open-file", test_open_file);
  g_test_add_func ("/memgraph/session/outputs", test_outputs);
  g_test_add_func ("/memgraph/session/dispose-kills", test_dispose_kills);
  g_test_add_func ("/memgraph/session/attach-stop", test_attach_stop);
  g_test_add_func ("/memgraph/session/attach-end", test_attach_end);
  g_test_add_func ("/memgraph/session/attach-refused", test_attach_refused);
  g_test_add_func ("/memgraph/session/dropped-when-finished", test_dropped_when_finished);

  return g_test_run ();
}
