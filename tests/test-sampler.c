/* test-sampler.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sampler's own thread and its hand-over to the main thread.
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>

#include "mg-sampler-private.h"
#include "mg-test-util.h"

/* Threads of this process now, from /proc/self/status. */
static guint
count_threads (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "\nThreads:");
  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("\nThreads:"), NULL, 10);
}

static double
longest_gap (MgSamples *samples,
             double     from,
             double     to)
{
  double worst = 0;

  for (guint i = 1; i < mg_samples_get_size (samples); i++)
    {
      double t = mg_samples_get_time (samples, i);

      if (t > from && t <= to)
        worst = MAX (worst, t - mg_samples_get_time (samples, i - 1));
    }
  return worst;
}

/* A child of ours sampled every 0.05 s: while the main thread is blocked
 * for 1 s the samples are still taken on time (no two more than five
 * intervals apart, and at least half of the 20 due), and reach the
 * recording once the main loop runs, in order; stopping joins the thread,
 * applies every sample taken (as many in the recording as ticks taken),
 * and leaves no thread and no source behind. */
static void
test_threaded (void)
{
  const char *argv[] = { "sleep", "30", NULL };
  const char *rec_argv[] = { "sleep", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (rec_argv, NULL, 0.05);
  MgSampler *sampler;
  MgSamples *samples;
  GPid child;
  gint64 start_us = g_get_monotonic_time ();
  guint threads, n_before, n_blocked, n_during = 0, taken;
  double blocked_from, blocked_to, worst;
  int status;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &child, NULL));
  threads = count_threads ();
  sampler = mg_sampler_new (rec, getpid (), start_us);
  g_assert_true (mg_sampler_start (sampler, NULL));
  g_assert_cmpuint (count_threads (), ==, threads + 1);
  samples = mg_recording_get_samples (rec);
  /* The first sample at once, on this thread. */
  g_assert_cmpuint (mg_samples_get_size (samples), ==, 1);

  /* Samples arrive while the main loop runs. */
  {
    gint64 end = g_get_monotonic_time () + 300 * 1000;

    while (g_get_monotonic_time () < end)
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
  }
  n_before = mg_samples_get_size (samples);
  g_assert_cmpuint (n_before, >, 1);

  /* The main thread blocked: nothing reaches the recording, yet samples
   * are taken. */
  blocked_from = (g_get_monotonic_time () - start_us) / 1e6;
  g_usleep (G_USEC_PER_SEC);
  blocked_to = (g_get_monotonic_time () - start_us) / 1e6;
  n_blocked = mg_samples_get_size (samples);
  g_assert_cmpuint (n_blocked, ==, n_before);

  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (mg_samples_get_size (samples), >, n_before);

  mg_sampler_stop (sampler);
  taken = mg_sampler_get_n_taken (sampler);
  g_assert_cmpuint (count_threads (), ==, threads);
  /* Every tick read the child: none lost, in order. */
  g_assert_cmpuint (mg_samples_get_size (samples), ==, taken);
  for (guint i = 1; i < mg_samples_get_size (samples); i++)
    g_assert_cmpfloat (mg_samples_get_time (samples, i), >, mg_samples_get_time (samples, i - 1));
  for (guint i = 0; i < mg_samples_get_size (samples); i++)
    {
      double t = mg_samples_get_time (samples, i);

      n_during += t > blocked_from && t <= blocked_to;
    }
  worst = longest_gap (samples, blocked_from, blocked_to);
  g_test_message ("%u samples, %u while the main thread was blocked for %.3f s, the longest "
                  "gap then %.3f s", taken, n_during, blocked_to - blocked_from, worst);
  g_assert_cmpuint (n_during, >=, 10);
  g_assert_cmpfloat (worst, <=, 5 * 0.05);
  g_assert_cmpuint (mg_recording_get_n_processes (rec), ==, 1);
  g_assert_cmpint (mg_recording_get_process (rec, 0)->pid, ==, child);

  /* Nothing is left to run: no source holds the sampler. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (sampler);
  g_assert_cmpuint (mg_samples_get_size (samples), ==, taken);

  kill (child, SIGKILL);
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_spawn_close_pid (child);
}

/* Ticks taken on the main thread (mg_sampler_sample()) and on the
 * sampling thread at 1 ms go into one order: times only grow. */
static void
test_both_threads (void)
{
  const char *argv[] = { "sleep", "30", NULL };
  const char *rec_argv[] = { "sleep", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (rec_argv, NULL, 0.001);
  g_autoptr(MgSampler) sampler = NULL;
  MgSamples *samples;
  GPid child;
  int status;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &child, NULL));
  sampler = mg_sampler_new (rec, getpid (), g_get_monotonic_time ());
  g_assert_true (mg_sampler_start (sampler, NULL));
  for (guint i = 0; i < 200; i++)
    {
      g_assert_true (mg_sampler_sample (sampler));
      g_usleep (500);
      if (i % 10 == 0)
        g_main_context_iteration (NULL, FALSE);
    }
  mg_sampler_stop (sampler);
  samples = mg_recording_get_samples (rec);
  g_test_message ("%u samples, %u taken", mg_samples_get_size (samples),
                  mg_sampler_get_n_taken (sampler));
  g_assert_cmpuint (mg_samples_get_size (samples), ==, mg_sampler_get_n_taken (sampler));
  g_assert_cmpuint (mg_samples_get_size (samples), >=, 201);
  for (guint i = 1; i < mg_samples_get_size (samples); i++)
    g_assert_cmpfloat (mg_samples_get_time (samples, i), >, mg_samples_get_time (samples, i - 1));

  kill (child, SIGKILL);
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_spawn_close_pid (child);
}

/* At 10 ms, samples reach the main thread in batches: it is woken at most
 * once each MG_SAMPLER_HANDOFF_S (the tree does not change), far fewer
 * times than samples are taken, and yet every sample is applied, in
 * order. */
static void
test_batched (void)
{
  const char *argv[] = { "sleep", "30", NULL };
  const char *rec_argv[] = { "sleep", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (rec_argv, NULL, 0.01);
  g_autoptr(MgSampler) sampler = NULL;
  MgSamples *samples;
  GPid child;
  gint64 start, end;
  guint handoffs, taken;
  int status;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &child, NULL));
  sampler = mg_sampler_new (rec, getpid (), g_get_monotonic_time ());
  start = g_get_monotonic_time ();
  g_assert_true (mg_sampler_start (sampler, NULL));
  samples = mg_recording_get_samples (rec);
  end = start + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  /* Before stopping: what the main loop was given. */
  g_assert_cmpuint (mg_samples_get_size (samples), >, 1);
  handoffs = mg_sampler_get_n_handoffs (sampler);
  end = g_get_monotonic_time ();
  mg_sampler_stop (sampler);
  taken = mg_sampler_get_n_taken (sampler);
  g_test_message ("%u samples in %u hand-offs over %.3f s", taken, handoffs,
                  (end - start) / 1e6);

  /* The first at once, then one each MG_SAMPLER_HANDOFF_S at most. */
  g_assert_cmpuint (handoffs, >=, 1);
  g_assert_cmpfloat (handoffs, <=, (end - start) / 1e6 / MG_SAMPLER_HANDOFF_S + 1);
  g_assert_cmpuint (handoffs, <, taken);
  g_assert_cmpuint (mg_samples_get_size (samples), ==, taken);
  for (guint i = 1; i < mg_samples_get_size (samples); i++)
    g_assert_cmpfloat (mg_samples_get_time (samples, i), >, mg_samples_get_time (samples, i - 1));
  g_assert_cmpuint (mg_recording_get_n_processes (rec), ==, 1);

  kill (child, SIGKILL);
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_spawn_close_pid (child);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memgraph/sampler/threaded", test_threaded);
  g_test_add_func ("/memgraph/sampler/both-threads", test_both_threads);
  g_test_add_func ("/memgraph/sampler/batched", test_batched);
  return g_test_run ();
}
