/* test-recording.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <signal.h>

#include "mg-recording.h"

static void
count_signal (gpointer  instance,
              guint    *counter)
{
  (*counter)++;
}

static void
count_added (gpointer  instance,
             guint     first,
             guint    *counter)
{
  g_assert_cmpuint (first, ==, *counter);
  (*counter)++;
}

static void
test_append_and_peaks (void)
{
  const char *argv[] = { "./raytracer", "scene one.obj", NULL };
  MgRecording *rec = mg_recording_new (argv, "/tmp", 0.1);
  guint added = 0;
  g_autofree char *title = NULL;

  g_signal_connect (rec, "samples-added", G_CALLBACK (count_added), &added);

  g_assert_cmpuint (mg_recording_get_n_samples (rec), ==, 0);
  g_assert_null (mg_recording_get_last (rec));
  g_assert_cmpfloat (mg_recording_get_duration (rec), ==, 0);

  mg_recording_append (rec, 0.0, 100, 1000);
  mg_recording_append (rec, 0.1, 300, 900);
  mg_recording_append (rec, 0.2, 200, 5000);
  /* A time that goes backwards is held at the previous one. */
  mg_recording_append (rec, 0.15, 250, 10);

  g_assert_cmpuint (added, ==, 4);
  g_assert_cmpuint (mg_recording_get_n_samples (rec), ==, 4);
  g_assert_cmpuint (mg_recording_get_peak_rss (rec), ==, 300);
  g_assert_cmpfloat_with_epsilon (mg_recording_get_peak_rss_time (rec), 0.1, 1e-12);
  g_assert_cmpuint (mg_recording_get_peak_vsz (rec), ==, 5000);
  g_assert_cmpfloat_with_epsilon (mg_recording_get_last (rec)->time_s, 0.2, 1e-12);
  g_assert_cmpuint (mg_recording_get_last (rec)->rss_bytes, ==, 250);
  g_assert_cmpfloat_with_epsilon (mg_recording_get_duration (rec), 0.2, 1e-12);

  g_assert_cmpuint (mg_recording_find_sample (rec, -1), ==, 0);
  g_assert_cmpuint (mg_recording_find_sample (rec, 0.05), ==, 1);
  g_assert_cmpuint (mg_recording_find_sample (rec, 0.1), ==, 1);
  g_assert_cmpuint (mg_recording_find_sample (rec, 0.2), ==, 2);
  g_assert_cmpuint (mg_recording_find_sample (rec, 9), ==, 4);

  title = mg_recording_dup_title (rec);
  g_assert_cmpstr (title, ==, "./raytracer 'scene one.obj'");
  g_assert_cmpstr (mg_recording_get_directory (rec), ==, "/tmp");
  g_assert_cmpfloat (mg_recording_get_interval (rec), ==, 0.1);

  g_assert_finalize_object (rec);
}

static void
test_finish (void)
{
  const char *argv[] = { "true", NULL };
  MgRecording *rec = mg_recording_new (argv, NULL, 0.5);
  MgExit first = { MG_EXIT_STATUS, 3, FALSE, NULL };
  MgExit second = { MG_EXIT_SIGNAL, SIGKILL, FALSE, NULL };
  g_autofree char *text = NULL;
  guint finished = 0;

  g_signal_connect (rec, "finished", G_CALLBACK (count_signal), &finished);
  g_assert_false (mg_recording_is_finished (rec));
  g_assert_cmpint (mg_recording_get_exit_code (rec), ==, -1);

  mg_recording_append (rec, 0.0, 10, 10);
  mg_recording_finish (rec, &first, 12.34);
  /* Only the first outcome counts. */
  mg_recording_finish (rec, &second, 99);

  g_assert_cmpuint (finished, ==, 1);
  g_assert_true (mg_recording_is_finished (rec));
  g_assert_cmpint (mg_recording_get_exit (rec)->kind, ==, MG_EXIT_STATUS);
  g_assert_cmpint (mg_recording_get_exit_code (rec), ==, 3);
  g_assert_cmpfloat_with_epsilon (mg_recording_get_duration (rec), 12.34, 1e-12);
  text = mg_recording_describe_exit (rec);
  g_assert_cmpstr (text, ==, "Exited with status 3 after 12.3 s");

  g_assert_finalize_object (rec);
}

static void
test_describe (void)
{
  const char *argv[] = { "x", NULL };
  struct {
    MgExit exit_info;
    const char *text;
    int code;
  } cases[] = {
    { { MG_EXIT_SIGNAL, SIGKILL, FALSE, NULL }, "Killed by signal 9 (SIGKILL) after 1.5 s", 137 },
    { { MG_EXIT_SIGNAL, SIGSEGV, TRUE, NULL },
      "Crashed with signal 11 (SIGSEGV) after 1.5 s; the kernel wrote a core dump", 139 },
    { { MG_EXIT_SIGNAL, SIGABRT, FALSE, NULL }, "Crashed with signal 6 (SIGABRT) after 1.5 s", 134 },
    { { MG_EXIT_ERROR, 0, FALSE, (char *) "No such file or directory" },
      "Could not start: No such file or directory", 127 },
    { { MG_EXIT_STATUS, 0, FALSE, NULL }, "Exited with status 0 after 1.5 s", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MgRecording *rec = mg_recording_new (argv, NULL, 0.1);
      g_autofree char *text = NULL;

      mg_recording_finish (rec, &cases[i].exit_info, 1.5);
      text = mg_recording_describe_exit (rec);
      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpint (mg_recording_get_exit_code (rec), ==, cases[i].code);
      g_assert_finalize_object (rec);
    }
}

static void
test_exact_peak (void)
{
  const char *argv[] = { "x", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.5);
  MgSample s;
  double from, to;
  guint p;

  p = mg_recording_add_process (rec, 100, 1, "x", "x", 0);

  /* A sample, confirmed by the high-water mark: exact, no window. */
  mg_recording_append (rec, 0.0, 200, 1000);
  mg_sample_init (&s, 0.0);
  s.rss_bytes = 200;
  mg_recording_process_sample (rec, p, &s, 200, 0.0);
  g_assert_cmpuint (mg_recording_get_peak_rss (rec), ==, 200);
  g_assert_cmpint (mg_recording_get_peak_source (rec), ==, MG_PEAK_VM_HWM);
  g_assert_true (mg_recording_get_peak_is_exact (rec));
  g_assert_false (mg_recording_get_peak_window (rec, NULL, NULL));

  /* The next read finds VmHWM at 1000: a peak between 0 and 0.5 s. */
  mg_recording_append (rec, 0.5, 210, 1000);
  mg_sample_init (&s, 0.5);
  s.rss_bytes = 210;
  mg_recording_process_sample (rec, p, &s, 1000, 0.0);
  g_assert_cmpuint (mg_recording_get_peak_rss (rec), ==, 1000);
  g_assert_cmpuint (mg_recording_get_sampled_peak_rss (rec), ==, 210);
  g_assert_true (mg_recording_get_peak_window (rec, &from, &to));
  g_assert_cmpfloat (from, ==, 0.0);
  g_assert_cmpfloat (to, ==, 0.5);
  g_assert_cmpuint (mg_recording_get_process (rec, p)->peak_rss, ==, 1000);

  /* At reaping, ru_maxrss says 1500, after the last sample. */
  mg_recording_process_ended (rec, 100, 0.7, 0, 1500);
  g_assert_cmpuint (mg_recording_get_peak_rss (rec), ==, 1500);
  g_assert_cmpint (mg_recording_get_peak_source (rec), ==, MG_PEAK_RU_MAXRSS);
  g_assert_true (mg_recording_get_peak_window (rec, &from, &to));
  g_assert_cmpfloat (from, ==, 0.5);
  g_assert_cmpfloat (to, ==, 0.7);
  g_assert_cmpfloat (mg_recording_get_process (rec, p)->end_s, ==, 0.7);

  /* A later sample above it takes over, and is no longer exact. */
  mg_recording_append (rec, 0.8, 2000, 1000);
  g_assert_cmpuint (mg_recording_get_peak_rss (rec), ==, 2000);
  g_assert_cmpint (mg_recording_get_peak_source (rec), ==, MG_PEAK_SAMPLED);
  g_assert_false (mg_recording_get_peak_window (rec, NULL, NULL));
  g_assert_false (mg_recording_get_peak_is_exact (rec));
}

static void
test_subtree_maxrss (void)
{
  const char *argv[] = { "sh", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.1);
  MgSample s;
  guint shell, child;

  /* A shell that reaped its own child: its ru_maxrss is the child's peak,
   * which must not become the shell's own. */
  shell = mg_recording_add_process (rec, 10, 1, "sh", "sh", 0);
  child = mg_recording_add_process (rec, 11, 10, "big", "big", 0.1);
  mg_recording_append (rec, 0.1, 3000, 9000);
  mg_sample_init (&s, 0.1);
  s.rss_bytes = 1000;
  mg_recording_process_sample (rec, shell, &s, 1000, 0);
  s.rss_bytes = 2000;
  mg_recording_process_sample (rec, child, &s, 2000, 0);
  mg_recording_process_ended (rec, 10, 0.3, 0, 5000);

  g_assert_cmpuint (mg_recording_get_process (rec, shell)->peak_rss, ==, 1000);
  g_assert_cmpuint (mg_recording_get_process (rec, shell)->subtree_maxrss, ==, 5000);
  /* Yet it is a real process's peak, so the run's peak is at least that. */
  g_assert_cmpuint (mg_recording_get_peak_rss (rec), ==, 5000);
  g_assert_false (mg_recording_get_peak_is_exact (rec));
  g_assert_cmpuint (mg_recording_get_n_processes (rec), ==, 2);
  g_assert_cmpint (mg_recording_find_process (rec, 11), ==, (int) child);
  g_assert_cmpint (mg_recording_find_process (rec, 12), ==, -1);
}

static void
test_achieved_interval (void)
{
  const char *argv[] = { "x", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.1);
  double median, worst, t = 0;

  g_assert_false (mg_recording_get_achieved_interval (rec, &median, &worst));
  for (guint i = 0; i < 100; i++)
    {
      mg_recording_note_tick (rec, t);
      /* Mostly 100 ms, a few late ticks, one at 350 ms. */
      t += i == 50 ? 0.35 : i % 10 == 0 ? 0.12 : 0.1;
    }
  g_assert_true (mg_recording_get_achieved_interval (rec, &median, &worst));
  g_assert_cmpfloat_with_epsilon (median, 0.1, 0.1 * 0.01);
  g_assert_cmpfloat_with_epsilon (worst, 0.35, 1e-9);
}

static void
test_pss (void)
{
  const char *argv[] = { "x", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.1);

  mg_recording_append (rec, 0.0, 10, 10);
  mg_recording_append (rec, 0.1, 20, 10);
  mg_recording_append (rec, 0.2, 30, 10);
  g_assert_false (mg_recording_has_pss (rec));
  g_assert_cmpuint (mg_samples_get (mg_recording_get_samples (rec), 0).pss_bytes, ==, MG_NO_VALUE);

  /* A reading at 0.15 s belongs to the sample of 0.1 s. */
  mg_recording_set_pss (rec, 0.15, 17, 15);
  g_assert_true (mg_recording_has_pss (rec));
  g_assert_cmpuint (mg_samples_get (mg_recording_get_samples (rec), 1).pss_bytes, ==, 17);
  g_assert_cmpuint (mg_samples_get (mg_recording_get_samples (rec), 1).uss_bytes, ==, 15);
  g_assert_cmpuint (mg_samples_get (mg_recording_get_samples (rec), 2).pss_bytes, ==, MG_NO_VALUE);
  g_assert_cmpuint (mg_recording_get_peak_of (rec, G_STRUCT_OFFSET (MgSample, pss_bytes)), ==, 17);
}

/* The peak of the sum as a range: the highest summed sample, and the
 * highest sum of exact own peaks of processes alive at the same time. */
static void
test_peak_range (void)
{
  const char *argv[] = { "sh", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.1);
  MgExit done = { MG_EXIT_STATUS, 0, FALSE, NULL };
  g_autofree char *text = NULL;
  guint64 upper = 0;
  guint a, b, c;

  mg_recording_set_following (rec, MG_FOLLOW_ON, NULL);
  a = mg_recording_add_process_full (rec, 10, 1, 1000, "sh", "sh", 0.0);
  b = mg_recording_add_process_full (rec, 11, 10, 1001, "big", "big", 0.1);
  c = mg_recording_add_process_full (rec, 12, 10, 1050, "other", "other", 0.5);
  /* Samples saw 300 at most. */
  mg_recording_append (rec, 0.2, 300, 0);
  /* b (400) ends before c (250) starts: they never add up. */
  mg_recording_process_exit_peak (rec, b, 400, 0.4);
  mg_recording_process_ended_full (rec, 11, 1001, 0.4, 0, 400 / 1024, 0);
  mg_recording_process_exit_peak (rec, c, 250, 0.9);
  mg_recording_process_ended_full (rec, 12, 1050, 0.9, 0, 0, 0);
  mg_recording_process_exit_peak (rec, a, 10, 1.0);
  mg_recording_process_ended_full (rec, 10, 1000, 1.0, 0, 0, 5);
  g_assert_false (mg_recording_get_peak_upper (rec, NULL));
  mg_recording_finish (rec, &done, 1.0);

  g_assert_true (mg_recording_get_peak_upper (rec, &upper));
  g_assert_cmpuint (upper, ==, 410);
  /* b's own peak, exact, is a lower bound of the tree's peak too. */
  g_assert_cmpuint (mg_recording_get_peak_rss (rec), ==, 400);
  g_assert_cmpint (mg_recording_get_peak_source (rec), ==, MG_PEAK_EXIT);
  g_assert_false (mg_recording_get_peak_is_exact (rec));
  g_assert_false (mg_recording_get_unseen (rec));
  text = mg_recording_dup_peak_text (rec);
  g_assert_cmpstr (text, ==, "between 400 bytes and 410 bytes");
}

/* Without following: a shell that reaped children out of sight. */
static void
test_unseen (void)
{
  const char *argv[] = { "sh", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 1);
  MgExit done = { MG_EXIT_STATUS, 0, FALSE, NULL };
  g_autofree char *text = NULL;
  MgSample s;
  guint sh, child;

  sh = mg_recording_add_process_full (rec, 10, 1, 1000, "sh", "sh", 0.0);
  child = mg_recording_add_process_full (rec, 11, 10, 1001, "sh", "sh", 0.1);
  mg_recording_append (rec, 0.5, 3000, 0);
  mg_sample_init (&s, 0.5);
  s.rss_bytes = 1000;
  mg_recording_process_sample (rec, sh, &s, 1000, 0);
  s.rss_bytes = 2000;
  mg_recording_process_sample (rec, child, &s, 2000, 0);
  /* The child execs: its name and command line follow. */
  mg_recording_process_exec (rec, child, "python3", "python3 -c x");
  g_assert_cmpstr (mg_recording_get_process (rec, child)->name, ==, "python3");
  g_assert_cmpstr (mg_recording_get_process (rec, child)->cmdline, ==, "python3 -c x");
  /* Its own parent reaps it: its own peak is a lower bound, and says so. */
  mg_recording_process_gone (rec, child, 1.0);
  g_assert_cmpint (mg_recording_get_process (rec, child)->peak_source, ==, MG_PEAK_LAST_VM_HWM);
  g_assert_false (mg_recording_get_process (rec, child)->peak_exact);
  /* The shell's children faults grew: it reaped children. */
  mg_recording_process_ended_full (rec, 10, 1000, 1.5, 0, 150000, 4000);
  mg_recording_finish (rec, &done, 1.5);

  g_assert_true (mg_recording_get_unseen (rec));
  g_assert_false (mg_recording_get_peak_is_exact (rec));
  g_assert_false (mg_recording_get_peak_upper (rec, NULL));
  g_assert_cmpuint (mg_recording_get_peak_rss (rec), ==, 150000);
  text = mg_recording_dup_peak_text (rec);
  g_assert_cmpstr (text, ==, "at least 146.5\u00a0KiB");
  g_assert_cmpstr (mg_peak_source_to_string (MG_PEAK_LAST_VM_HWM), ==, "last VmHWM read");
}

/* One process reaped by memgraph-launch that reaped nothing: exact. */
static void
test_single_exact (void)
{
  const char *argv[] = { "x", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 1);
  MgExit done = { MG_EXIT_STATUS, 0, FALSE, NULL };
  guint64 upper = 0;

  mg_recording_add_process_full (rec, 10, 1, 1000, "x", "x", 0.0);
  mg_recording_append (rec, 0.5, 3000, 0);
  mg_recording_process_ended_full (rec, 10, 1000, 1.0, 0, 8192, 0);
  mg_recording_finish (rec, &done, 1.0);
  g_assert_true (mg_recording_get_peak_is_exact (rec));
  g_assert_true (mg_recording_get_peak_upper (rec, &upper));
  g_assert_cmpuint (upper, ==, 8192);
  g_assert_cmpint (mg_recording_get_peak_source (rec), ==, MG_PEAK_RU_MAXRSS);
  g_assert_true (mg_recording_get_process (rec, 0)->peak_exact);
}

/* Pids are reused: a report names its process by pid and start time. */
static void
test_pid_reuse (void)
{
  const char *argv[] = { "x", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 1);
  guint first, second;

  first = mg_recording_add_process_full (rec, 300, 1, 5000, "first", "first", 0.0);
  second = mg_recording_add_process_full (rec, 300, 1, 7000, "second", "second", 2.0);
  g_assert_cmpuint (first, !=, second);
  /* The same process seen again (by the sampler, then by a report) is one entry. */
  g_assert_cmpuint (mg_recording_add_process_full (rec, 300, 1, 7000, NULL, NULL, 1.9), ==, second);
  g_assert_cmpfloat (mg_recording_get_process (rec, second)->start_s, ==, 1.9);
  g_assert_cmpint (mg_recording_find_process_full (rec, 300, 5000), ==, (int) first);
  g_assert_cmpint (mg_recording_find_process_full (rec, 300, 7000), ==, (int) second);
  g_assert_cmpint (mg_recording_find_process_full (rec, 300, 9000), ==, -1);

  /* The first one's late exit report ends the first one only. */
  mg_recording_process_ended_full (rec, 300, 5000, 1.0, 0, 4096, 0);
  g_assert_cmpfloat (mg_recording_get_process (rec, first)->end_s, ==, 1.0);
  g_assert_cmpuint (mg_recording_get_process (rec, first)->peak_rss, ==, 4096);
  g_assert_cmpfloat (mg_recording_get_process (rec, second)->end_s, <, 0);
  g_assert_cmpuint (mg_recording_get_process (rec, second)->peak_rss, ==, 0);
  /* An exit of a process never listed adds it, not another one's end. */
  mg_recording_process_ended_full (rec, 300, 9000, 3.0, 0, 8192, 0);
  g_assert_cmpuint (mg_recording_get_n_processes (rec), ==, 3);
  g_assert_cmpfloat (mg_recording_get_process (rec, second)->end_s, <, 0);
}

/* Two ends that round to the same size are still told apart. */
static void
test_peak_text_close (void)
{
  const char *argv[] = { "x", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 1);
  g_autofree char *text = NULL;

  mg_recording_append (rec, 0.5, 2535665664, 0);
  mg_recording_restore_peak (rec, 2535665664, MG_PEAK_SAMPLED, FALSE, -1, -1);
  mg_recording_restore_peak_range (rec, FALSE, 2541752320);
  text = mg_recording_dup_peak_text (rec);
  g_assert_cmpstr (text, ==, "between 2418.2\u00a0MiB and 2424.0\u00a0MiB");
}

/* A command of megabytes gets a title of a few kilobytes, cut where it is
 * said to be; a short one is whole. */
static void
test_long_title (void)
{
  g_autofree char *big = g_strnfill (10 * 1024 * 1024, 'x');
  const char *argv[] = { "./raytracer", big, NULL };
  const char *short_argv[] = { "./raytracer", "my scene.obj", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.1);
  g_autoptr(MgRecording) small = mg_recording_new (short_argv, NULL, 0.1);
  g_autofree char *title = mg_recording_dup_title (rec);
  g_autofree char *short_title = mg_recording_dup_title (small);

  g_assert_cmpuint (strlen (title), ==, MG_TITLE_MAX_BYTES + strlen ("…"));
  g_assert_true (g_str_has_prefix (title, "./raytracer xxx"));
  g_assert_true (g_str_has_suffix (title, "x…"));
  g_assert_cmpstr (short_title, ==, "./raytracer 'my scene.obj'");
}

/* The follow message, worded in mg-describe.c from the recording's getters. */
static void
test_follow_message (void)
{
  const char *argv[] = { "./make", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.1);
  g_autofree char *none = mg_recording_dup_follow_message (rec);
  g_autofree char *refused = NULL;
  g_autofree char *both = NULL;

  g_assert_null (none);
  g_assert_cmpuint (mg_recording_get_n_setuid (rec), ==, 0);

  mg_recording_set_following (rec, MG_FOLLOW_REFUSED, "ptrace is not permitted");
  refused = mg_recording_dup_follow_message (rec);
  g_assert_cmpstr (refused, ==, "Every process could not be followed (ptrace is not permitted): "
                                "the run was sampled only.");

  mg_recording_note_setuid (rec, "sudo");
  mg_recording_note_setuid (rec, "ping");
  mg_recording_note_setuid (rec, "sudo");
  g_assert_cmpuint (mg_recording_get_n_setuid (rec), ==, 2);
  g_assert_cmpstr (mg_recording_get_setuid_name (rec, 0), ==, "sudo");
  g_assert_cmpstr (mg_recording_get_setuid_name (rec, 1), ==, "ping");
  both = mg_recording_dup_follow_message (rec);
  g_assert_cmpstr (both, ==, "Every process could not be followed (ptrace is not permitted): "
                             "the run was sampled only. sudo ran without its privileges because "
                             "every process was followed. ping ran without its privileges "
                             "because every process was followed.");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memgraph/recording/append-and-peaks", test_append_and_peaks);
  g_test_add_func ("/memgraph/recording/finish", test_finish);
  g_test_add_func ("/memgraph/recording/describe", test_describe);
  g_test_add_func ("/memgraph/recording/exact-peak", test_exact_peak);
  g_test_add_func ("/memgraph/recording/subtree-maxrss", test_subtree_maxrss);
  g_test_add_func ("/memgraph/recording/achieved-interval", test_achieved_interval);
  g_test_add_func ("/memgraph/recording/pss", test_pss);
  g_test_add_func ("/memgraph/recording/peak-range", test_peak_range);
  g_test_add_func ("/memgraph/recording/unseen", test_unseen);
  g_test_add_func ("/memgraph/recording/single-exact", test_single_exact);
  g_test_add_func ("/memgraph/recording/pid-reuse", test_pid_reuse);
  g_test_add_func ("/memgraph/recording/peak-text-close", test_peak_text_close);
  g_test_add_func ("/memgraph/recording/long-title", test_long_title);
  g_test_add_func ("/memgraph/recording/follow-message", test_follow_message);

  return g_test_run ();
}
