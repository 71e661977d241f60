/* test-truth.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The truth about memory: exact peaks between samples, the whole process
 * tree, and kinds of memory, each on a workload whose figures are known.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "mg-runner.h"
#include "mg-test-util.h"

static char *tmp_dir;
static char *last_summary;

/* Runs memgraph-gtk --no-window -o FILE.json with @args and returns the
 * parsed recording. */
static JsonParser *
record (int *status,
        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_build_filename (tmp_dir, "run.json", NULL);
  g_autofree char *err = NULL;
  JsonParser *parser = json_parser_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (char *) g_getenv ("MG_BINARY"));
  g_ptr_array_add (argv, (char *) "--no-window");
  g_ptr_array_add (argv, (char *) "-o");
  g_ptr_array_add (argv, json);
  va_start (ap, status);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_test_message ("%s", err);
  g_free (last_summary);
  last_summary = g_strdup (err);
  *status = g_subprocess_get_exit_status (proc);

  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  g_unlink (json);
  return parser;
}

static JsonObject *
root_of (JsonParser *parser)
{
  return json_node_get_object (json_parser_get_root (parser));
}

static JsonObject *
peak_of (JsonParser *parser)
{
  return json_object_get_object_member (root_of (parser), "peak");
}

#define assert_within(value, target, fraction) \
  G_STMT_START { \
    double v_ = (double) (value), t_ = (double) (target); \
    g_test_message ("%s = %.0f, expected %.0f ± %.0f %%", #value, v_, t_, (fraction) * 100); \
    g_assert_cmpfloat (v_, >=, t_ * (1 - (fraction))); \
    g_assert_cmpfloat (v_, <=, t_ * (1 + (fraction))); \
  } G_STMT_END

/* Five 30 ms spikes to 1000 MiB between samples 0.5 s apart: the reported
 * peak is the kernel's, not the flat 200 MiB the samples saw, and the
 * recording says where it happened. Touching 800 MiB can take long enough
 * on a loaded machine that a sample lands in a spike: then the samples see
 * part of it or all of it, and what is asserted is what holds either way. */
static void
test_spikes (void)
{
  g_autoptr(JsonParser) parser = NULL;
  struct rusage ru;
  JsonObject *peak;
  JsonArray *window;
  guint64 rss;
  double sampled;
  int status;

  parser = record (&status, "-i", "0.5", "--", mg_test_workload (), "spikes", "200", "800", "5",
                   "30", "500", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (getrusage (RUSAGE_CHILDREN, &ru), ==, 0);

  peak = peak_of (parser);
  rss = json_object_get_int_member (peak, "rss_bytes");
  /* Within 2 % of the kernel's own figure for the largest child. */
  assert_within (rss, ru.ru_maxrss * 1024.0, 0.02);
  assert_within (rss, 1000 * MIB, 0.05);
  g_assert_true (json_object_get_boolean_member (peak, "rss_exact"));

  /* The samples saw no more than the peak: the flat 200 MiB when they all
   * fell between spikes, which is what usually happens. */
  sampled = json_object_get_int_member (peak, "sampled_rss_bytes");
  g_assert_cmpfloat (sampled, >=, 190 * MIB);
  g_assert_cmpfloat (sampled, <=, rss);
  g_test_message ("the samples saw %.0f MiB", sampled / MIB);

  window = json_object_has_member (peak, "rss_between_s")
             ? json_object_get_array_member (peak, "rss_between_s")
             : NULL;
  if (sampled < rss)
    {
      /* A peak no sample saw is the kernel's, marked between two samples. */
      g_assert_cmpstr (json_object_get_string_member (peak, "rss_source"), !=, "sampled");
      g_assert_nonnull (window);
      g_assert_cmpfloat (json_array_get_double_element (window, 1) -
                         json_array_get_double_element (window, 0), <=, 0.6);
    }
  else
    {
      /* A sample saw the whole spike: there is no interval to mark. */
      g_assert_null (window);
    }
}

/* The same with --catch-spikes: every spike appears in the interval maxima.
 * A spike (its 800 MiB touched, held 30 ms) is shorter than an interval, so
 * it shows in one interval, or in two when it spans their boundary; spikes
 * start more than an interval apart, so no interval holds two. On a loaded
 * machine touching 800 MiB is slow and a sample may land in a spike: at most
 * one sample per spike, and its interval says so too. */
static void
test_catch_spikes (void)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *samples;
  JsonArray *rss, *rss_max;
  guint spiked_intervals = 0, spiked_samples = 0;
  int status;

  parser = record (&status, "-i", "0.5", "--catch-spikes", "--", mg_test_workload (), "spikes",
                   "200", "800", "5", "30", "500", NULL);
  g_assert_cmpint (status, ==, 0);

  samples = json_object_get_object_member (root_of (parser), "samples");
  rss = json_object_get_array_member (samples, "rss_bytes");
  rss_max = json_object_get_array_member (samples, "rss_max_bytes");
  g_assert_nonnull (rss_max);
  for (guint i = 0; i + 1 < json_array_get_length (rss); i++)
    {
      double hi = json_array_get_int_element (rss_max, i);
      double seen = json_array_get_int_element (rss, i);

      g_assert_cmpfloat (hi, >=, seen);
      if (hi > 900 * MIB)
        spiked_intervals++;
      if (seen >= 300 * MIB)
        {
          spiked_samples++;
          g_assert_cmpfloat (hi, >, 900 * MIB);
        }
    }
  g_test_message ("%u intervals with a spike, %u samples in one", spiked_intervals,
                  spiked_samples);
  /* All five are caught. */
  g_assert_cmpuint (spiked_intervals, >=, 5);
  g_assert_cmpuint (spiked_intervals, <=, 10);
  g_assert_cmpuint (spiked_samples, <=, 5);
  assert_within (json_object_get_int_member (peak_of (parser), "rss_bytes"), 1000 * MIB, 0.05);
}

/* 300 MiB mapped and gone within milliseconds, far shorter than one
 * interval: the exact peak and the exit status all the same. */
static void
test_short (void)
{
  g_autofree char *path = g_strdup_printf ("/dev/shm/memgraph-test-%d", getpid ());
  g_autofree char *chunk = g_malloc (1024 * 1024);
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *peak;
  int status, fd;

  memset (chunk, 3, 1024 * 1024);
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  for (int i = 0; i < 300; i++)
    g_assert_cmpint (write (fd, chunk, 1024 * 1024), ==, 1024 * 1024);
  close (fd);

  parser = record (&status, "-i", "0.5", "--", mg_test_workload (), "map", path, "0", NULL);
  g_unlink (path);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root_of (parser),
                                                                              "exit"), "status"),
                   ==, 0);
  peak = peak_of (parser);
  assert_within (json_object_get_int_member (peak, "rss_bytes"), 300 * MIB, 0.05);
  g_assert_true (json_object_get_boolean_member (peak, "rss_exact"));
  /* What the samples saw is less; the graph is told where the peak was. */
  if (json_object_get_int_member (peak, "sampled_rss_bytes") < 280 * MIB)
    g_assert_true (json_object_has_member (peak, "rss_between_s"));
}

/* A parent and four children of 100 MiB: the sum, and each its own peak. */
static void
test_tree (void)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonArray *processes;
  guint children = 0;
  int status;

  parser = record (&status, "-i", "0.1", "--", mg_test_workload (), "tree", "4", "100", "1.5",
                   NULL);
  g_assert_cmpint (status, ==, 0);

  assert_within (json_object_get_int_member (peak_of (parser), "rss_bytes"), 400 * MIB, 0.06);
  /* Followed (the default): the range is known, and exact only where its
   * two ends meet. */
  assert_within (json_object_get_int_member (peak_of (parser), "rss_upper_bytes"), 400 * MIB, 0.06);
  g_assert_cmpint (json_object_get_boolean_member (peak_of (parser), "rss_exact"), ==,
                   json_object_get_int_member (peak_of (parser), "rss_upper_bytes") ==
                   json_object_get_int_member (peak_of (parser), "rss_bytes"));

  processes = json_object_get_array_member (root_of (parser), "processes");
  g_assert_cmpuint (json_array_get_length (processes), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      JsonObject *p = json_array_get_object_element (processes, i);
      double peak = json_object_get_int_member (p, "peak_rss_bytes");

      if (peak > 50 * MIB)
        {
          assert_within (peak, 100 * MIB, 0.05);
          g_assert_cmpstr (json_object_get_string_member (p, "peak_rss_source"), !=, "sampled");
          children++;
        }
      else
        g_assert_cmpstr (json_object_get_string_member (p, "name"), ==, "mg-workload");
      g_assert_false (json_object_get_null_member (p, "end_s"));
    }
  g_assert_cmpuint (children, ==, 4);
}

static gboolean
alive (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  const char *paren;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return FALSE;
  paren = strrchr (stat, ')');
  return paren != NULL && paren[2] != 'Z';
}

/* A grandchild that double-forks and calls setsid() lives on for 2 s with
 * 150 MiB after the command exits: it is counted, and gone afterwards. */
static void
test_detach (void)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonArray *processes;
  int detached = 0;
  int status;

  parser = record (&status, "-i", "0.1", "--", mg_test_workload (), "detach", "150", "2", NULL);
  g_assert_cmpint (status, ==, 0);

  assert_within (json_object_get_int_member (peak_of (parser), "sampled_rss_bytes"), 150 * MIB,
                 0.05);
  g_assert_cmpfloat (json_object_get_double_member (root_of (parser), "duration_s"), >=, 2.0);
  g_assert_nonnull (strstr (last_summary, "the last process it left ended after"));

  processes = json_object_get_array_member (root_of (parser), "processes");
  for (guint i = 0; i < json_array_get_length (processes); i++)
    {
      JsonObject *p = json_array_get_object_element (processes, i);

      if (json_object_get_int_member (p, "peak_rss_bytes") > 100 * MIB)
        {
          detached = json_object_get_int_member (p, "pid");
          assert_within (json_object_get_int_member (p, "peak_rss_bytes"), 150 * MIB, 0.05);
        }
    }
  g_assert_cmpint (detached, >, 0);
  /* memgraph-gtk has exited: nothing of the run is left. */
  g_assert_false (alive (detached));
}

/* 100 MiB anonymous, a 100 MiB file read in, 50 MiB shared: each kind. */
static void
test_kinds (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "file-100mib", NULL);
  g_autofree char *chunk = g_malloc (1024 * 1024);
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *peak;
  int status, fd;

  memset (chunk, 5, 1024 * 1024);
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  for (int i = 0; i < 100; i++)
    g_assert_cmpint (write (fd, chunk, 1024 * 1024), ==, 1024 * 1024);
  close (fd);

  parser = record (&status, "-i", "0.1", "--pss", "--", mg_test_workload (), "kinds", "100", path,
                   "50", "1.5", NULL);
  g_unlink (path);
  g_assert_cmpint (status, ==, 0);

  peak = peak_of (parser);
  assert_within (json_object_get_int_member (peak, "anon_bytes"), 100 * MIB, 0.10);
  assert_within (json_object_get_int_member (peak, "file_bytes"), 100 * MIB, 0.10);
  assert_within (json_object_get_int_member (peak, "shmem_bytes"), 50 * MIB, 0.10);
  /* Nothing shares its pages with another process: PSS is about RSS. */
  assert_within (json_object_get_int_member (peak, "pss_bytes"), 250 * MIB, 0.10);
}

/* The tests of the process tree run twice: following every process, and
 * sampling only. */
static const char *
follow_arg (gconstpointer data)
{
  return GPOINTER_TO_INT (data) ? "--follow" : "--no-follow";
}

static JsonObject *
find_named (JsonArray  *processes,
            const char *name,
            guint       nth)
{
  for (guint i = 0; i < json_array_get_length (processes); i++)
    {
      JsonObject *p = json_array_get_object_element (processes, i);

      if (g_str_equal (json_object_get_string_member (p, "name"), name) && nth-- == 0)
        return p;
    }
  return NULL;
}

static guint
count_named (JsonArray  *processes,
             const char *name)
{
  guint n = 0;

  while (find_named (processes, name, n) != NULL)
    n++;
  return n;
}

/* Item 1: two 150 MiB children reaped by sh between two samples 1 s apart. */
static void
test_unseen_children (gconstpointer data)
{
  gboolean follow = GPOINTER_TO_INT (data);
  g_autofree char *script = g_strdup_printf (
    "i=0; while [ $i -lt 3000 ]; do i=$((i+1)); done; "
    "'%1$s' hold 150 0.3 & '%1$s' hold 150 0.3; wait", mg_test_workload ());
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *peak;
  JsonArray *processes;
  int status;

  parser = record (&status, "-i", "1", follow_arg (data), "--", "sh", "-c", script, NULL);
  g_assert_cmpint (status, ==, 0);
  peak = peak_of (parser);
  processes = json_object_get_array_member (root_of (parser), "processes");
  if (follow)
    {
      g_assert_true (json_object_get_boolean_member (peak, "followed"));
      g_assert_false (json_object_get_boolean_member (peak, "unseen"));
      g_assert_cmpuint (count_named (processes, "mg-workload"), ==, 2);
      for (guint k = 0; k < 2; k++)
        {
          JsonObject *p = find_named (processes, "mg-workload", k);

          g_assert_cmpfloat (json_object_get_int_member (p, "peak_rss_bytes"), >=, 150 * MIB);
          g_assert_cmpstr (json_object_get_string_member (p, "peak_source"), ==, "exit");
          g_assert_true (json_object_get_boolean_member (p, "peak_exact"));
        }
      /* Both ran at once: the upper end holds both. */
      g_assert_cmpfloat (json_object_get_int_member (peak, "rss_upper_bytes"), >=, 300 * MIB);
      g_assert_cmpfloat (json_object_get_int_member (peak, "rss_upper_bytes"), <=, 330 * MIB);
    }
  else
    {
      g_assert_false (json_object_get_boolean_member (peak, "followed"));
      g_assert_true (json_object_get_boolean_member (peak, "unseen"));
      g_assert_false (json_object_get_boolean_member (peak, "rss_exact"));
      g_assert_true (json_object_get_null_member (peak, "rss_upper_bytes"));
      g_assert_nonnull (strstr (last_summary, "peak RSS at least "));
      g_assert_nonnull (strstr (last_summary, "--follow"));
    }
}

/* A process that holds 200 MiB and then executes a small program, beside
 * one of 100 MiB, samples 5 s apart: exec resets VmHWM, so the memory
 * before it is read at the exec's entry; the range must hold both. */
static void
test_memory_before_exec (gconstpointer data)
{
  gboolean follow = GPOINTER_TO_INT (data);
  g_autofree char *script = g_strdup_printf ("'%1$s' hold 100 1.5 & "
                                             "'%1$s' hold-exec 200 0.5 sleep 0.3; wait",
                                             mg_test_workload ());
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *peak, *p;
  int status;

  parser = record (&status, "-i", "5", follow_arg (data), "--", "sh", "-c", script, NULL);
  g_assert_cmpint (status, ==, 0);
  peak = peak_of (parser);
  p = find_named (json_object_get_array_member (root_of (parser), "processes"), "sleep", 0);
  if (follow)
    {
      g_assert_nonnull (p);
      g_assert_true (json_object_get_boolean_member (p, "peak_exact"));
      g_assert_cmpfloat (json_object_get_int_member (p, "peak_rss_bytes"), >=, 200 * MIB);
      g_assert_cmpfloat (json_object_get_int_member (p, "peak_rss_bytes"), <=, 212 * MIB);
      g_assert_cmpfloat (json_object_get_int_member (peak, "rss_upper_bytes"), >=, 300 * MIB);
      g_assert_cmpfloat (json_object_get_int_member (peak, "rss_upper_bytes"), <=, 330 * MIB);
    }
  else
    {
      /* Reaped by sh between samples: unseen, or seen and not exact. */
      g_assert_true (p == NULL || !json_object_get_boolean_member (p, "peak_exact"));
      g_assert_true (json_object_get_boolean_member (peak, "unseen"));
      g_assert_false (json_object_get_boolean_member (peak, "rss_exact"));
    }
}

/* Item 2 and 3: sh runs a program that allocates 300 MiB 0.6 s in and ends
 * at once, then sleeps 0.7 s; samples 0.5 s apart. */
static void
test_reaped_by_parent (gconstpointer data)
{
  gboolean follow = GPOINTER_TO_INT (data);
  g_autofree char *script = g_strdup_printf ("'%s' late 300 0.6; sleep 0.7",
                                             mg_test_workload ());
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *p;
  int status;

  parser = record (&status, "-i", "0.5", follow_arg (data), "--", "sh", "-c", script, NULL);
  g_assert_cmpint (status, ==, 0);
  p = find_named (json_object_get_array_member (root_of (parser), "processes"), "mg-workload", 0);
  /* Listed by what it ran (its exec), not as the shell that forked it. */
  g_assert_nonnull (p);
  g_assert_nonnull (strstr (json_object_get_string_member (p, "cmdline"), "late 300 0.6"));
  if (follow)
    {
      assert_within (json_object_get_int_member (p, "peak_rss_bytes"), 301 * MIB, 0.02);
      g_assert_cmpstr (json_object_get_string_member (p, "peak_source"), ==, "exit");
      g_assert_true (json_object_get_boolean_member (p, "peak_exact"));
      g_assert_cmpfloat (json_object_get_int_member (peak_of (parser), "rss_upper_bytes"), >=,
                         300 * MIB);
      g_assert_cmpfloat (json_object_get_int_member (peak_of (parser), "rss_bytes"), >=,
                         300 * MIB);
    }
  else
    {
      /* Its last read was most likely before it allocated (what a busy
       * machine decides): whatever it was, a lower bound, and said so. */
      g_assert_cmpfloat (json_object_get_int_member (p, "peak_rss_bytes"), <=, 301 * MIB * 1.02);
      g_assert_cmpstr (json_object_get_string_member (p, "peak_source"), ==, "last VmHWM read");
      g_assert_false (json_object_get_boolean_member (p, "peak_exact"));
      g_assert_false (json_object_get_boolean_member (peak_of (parser), "rss_exact"));
      g_assert_true (json_object_get_boolean_member (peak_of (parser), "unseen"));
    }
}

/* Item 3: a shell that execs a 100 MiB program keeps its pid; the list shows
 * the program. */
static void
test_exec_name (gconstpointer data)
{
  g_autofree char *script = g_strdup_printf ("sleep 0.3; exec '%s' hold 100 0.6",
                                             mg_test_workload ());
  g_autoptr(JsonParser) parser = NULL;
  JsonArray *processes;
  JsonObject *p;
  int status;

  parser = record (&status, "-i", "0.1", follow_arg (data), "--", "sh", "-c", script, NULL);
  g_assert_cmpint (status, ==, 0);
  processes = json_object_get_array_member (root_of (parser), "processes");
  p = find_named (processes, "mg-workload", 0);
  g_assert_nonnull (p);
  g_assert_nonnull (strstr (json_object_get_string_member (p, "cmdline"), "hold 100 0.6"));
  /* The shell's entry became the program: no shell is left with its pid. */
  for (guint i = 0; find_named (processes, "sh", i) != NULL; i++)
    g_assert_cmpint (json_object_get_int_member (find_named (processes, "sh", i), "pid"), !=,
                     json_object_get_int_member (p, "pid"));
  assert_within (json_object_get_int_member (p, "peak_rss_bytes"), 101 * MIB, 0.03);
  g_assert_cmpfloat (json_object_get_int_member (peak_of (parser), "rss_bytes"), >=, 100 * MIB);
  /* The shell's sleep ran beside it for a while: with every process
   * followed, the range is that narrow. */
  if (GPOINTER_TO_INT (data))
    g_assert_cmpfloat (json_object_get_int_member (peak_of (parser), "rss_upper_bytes"), <=,
                       json_object_get_int_member (peak_of (parser), "rss_bytes") + 5 * MIB);
}

/* Item 4: 2,000 children alive at once, more than a page of pids. */
static void
test_many_children (gconstpointer data)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonArray *processes;
  int status;

  parser = record (&status, "-i", "0.2", follow_arg (data), "--", mg_test_workload (), "crowd",
                   "2000", "1", "1", NULL);
  g_assert_cmpint (status, ==, 0);
  processes = json_object_get_array_member (root_of (parser), "processes");
  g_assert_cmpuint (json_array_get_length (processes), ==, 2001);
  /* Each child holds 1 MiB and its own pages: the sum of all 2,000. */
  g_assert_cmpfloat (json_object_get_int_member (peak_of (parser), "sampled_rss_bytes"), >=,
                     2000 * MIB);
}

/* Item 6: a process that starts 0.3 s in, between samples 1 s apart. */
static void
test_real_start (gconstpointer data)
{
  gboolean follow = GPOINTER_TO_INT (data);
  g_autofree char *script = g_strdup_printf ("sleep 0.3; '%s' hold 20 %s; sleep 0.8",
                                             mg_test_workload (), follow ? "0.1" : "1.2");
  g_autoptr(JsonParser) parser = NULL;
  JsonArray *processes;
  JsonObject *p, *sh;
  int status;

  parser = record (&status, "-i", "1", follow_arg (data), "--", "sh", "-c", script, NULL);
  g_assert_cmpint (status, ==, 0);
  processes = json_object_get_array_member (root_of (parser), "processes");
  p = find_named (processes, "mg-workload", 0);
  sh = find_named (processes, "sh", 0);
  g_assert_nonnull (p);
  g_assert_nonnull (sh);
  g_assert_cmpint (json_object_get_int_member (p, "ppid"), ==, json_object_get_int_member (sh, "pid"));
  /* Its start, to the clock tick (10 ms), not the sample at 1 s. */
  g_assert_cmpfloat (json_object_get_double_member (p, "start_s"), >=, 0.28);
  g_assert_cmpfloat (json_object_get_double_member (p, "start_s"), <=, 0.45);
  g_assert_cmpfloat (json_object_get_int_member (p, "start_ticks"), >, 0);
}

/* What a child's getrusage() says lags the kernel's exact count of its
 * pages (/proc's VmHWM) by up to a per-CPU batch of pages, and its _exit()
 * still runs a little code: its own figure and the exact one at its exit
 * agree within 512 KiB, half the 1 MiB that sizes of children differ by. */
#define OWN_PEAK_SLACK_KIB 512

static void
assert_own_peak (gint64 listed_bytes,
                 long   own_kib)
{
  g_assert_cmpint (listed_bytes, >=, (gint64) own_kib * 1024);
  g_assert_cmpint (listed_bytes, <=, (gint64) (own_kib + OWN_PEAK_SLACK_KIB) * 1024);
}

/* 1,000 short children of 1 to 8 MiB, each reporting its own ru_maxrss. */
static void
test_thousand_children (gconstpointer data)
{
  gboolean follow = GPOINTER_TO_INT (data);
  g_autofree char *report = g_build_filename (tmp_dir, "children.txt", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new (NULL, NULL);
  JsonArray *processes;
  guint matched = 0;
  int status;

  parser = record (&status, "-i", "0.1", follow_arg (data), "--", mg_test_workload (), "children",
                   "1000", "1", "8", report, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_get_contents (report, &text, NULL, NULL));
  g_unlink (report);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1001);

  processes = json_object_get_array_member (root_of (parser), "processes");
  for (guint i = 0; i < json_array_get_length (processes); i++)
    {
      JsonObject *p = json_array_get_object_element (processes, i);

      g_hash_table_insert (listed, GINT_TO_POINTER (json_object_get_int_member (p, "pid")), p);
    }
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      int pid = 0;
      long maxrss_kib = 0;
      JsonObject *p;

      g_assert_cmpint (sscanf (lines[i], "%d %ld", &pid, &maxrss_kib), ==, 2);
      p = g_hash_table_lookup (listed, GINT_TO_POINTER (pid));
      if (follow)
        {
          /* Every child, with its exact own peak: what it said itself. */
          g_assert_nonnull (p);
          assert_own_peak (json_object_get_int_member (p, "peak_rss_bytes"), maxrss_kib);
          g_assert_true (json_object_get_boolean_member (p, "peak_exact"));
          matched++;
        }
      else if (p != NULL)
        {
          /* Seen by chance: never more than it had. */
          g_assert_cmpint (json_object_get_int_member (p, "peak_rss_bytes"), <=,
                           (maxrss_kib + OWN_PEAK_SLACK_KIB) * 1024);
          g_assert_false (json_object_get_boolean_member (p, "peak_exact"));
          matched++;
        }
    }
  if (follow)
    {
      g_assert_cmpuint (matched, ==, 1000);
      g_assert_false (json_object_get_boolean_member (peak_of (parser), "unseen"));
      /* One child at a time, beside their parent: 8 MiB and a little. */
      g_assert_cmpfloat (json_object_get_int_member (peak_of (parser), "rss_upper_bytes"), <,
                         20 * MIB);
    }
  else
    {
      g_assert_cmpuint (matched, <, 1000);
      g_assert_true (json_object_get_boolean_member (peak_of (parser), "unseen"));
      g_assert_false (json_object_get_boolean_member (peak_of (parser), "rss_exact"));
    }
}

/* Item 5: pids wrap (a pid namespace whose pid_max is 400) under 600
 * children: each entry keeps its own process's figures. */
static void
test_pid_wrap (gconstpointer data)
{
  gboolean follow = GPOINTER_TO_INT (data);
  g_autofree char *report = g_build_filename (tmp_dir, "wrap.txt", NULL);
  g_autofree char *json = g_build_filename (tmp_dir, "wrap.json", NULL);
  g_autofree char *script = NULL;
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) lines = NULL;
  JsonArray *processes;
  guint reused = 0, checked = 0;
  int status;

  if (!g_spawn_command_line_sync ("unshare -Urpf --mount-proc sh -c "
                                  "'echo 400 > /proc/sys/kernel/pid_max'",
                                  NULL, NULL, &status, NULL) || status != 0)
    {
      g_test_skip ("no unprivileged user and pid namespaces here");
      return;
    }

  script = g_strdup_printf ("echo 400 > /proc/sys/kernel/pid_max && exec '%s' --no-window %s "
                            "-i 0.05 -o '%s' -- '%s' children 600 1 8 '%s'",
                            g_getenv ("MG_BINARY"), follow_arg (data), json, mg_test_workload (),
                            report);
  {
    const char *argv[] = { "unshare", "-Urpf", "--mount-proc", "sh", "-c", script, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                                 &err, &status, &error));
  }
  g_assert_no_error (error);
  g_test_message ("%s", err);
  g_assert_cmpint (status, ==, 0);
  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (report, &text, NULL, NULL));
  g_unlink (report);
  g_unlink (json);

  /* The children's pids, in order: more than 400 distinct processes, so
   * pids came round again. */
  lines = g_strsplit (text, "\n", -1);
  processes = json_object_get_array_member (root_of (parser), "processes");
  for (guint i = 0; i < json_array_get_length (processes); i++)
    {
      JsonObject *p = json_array_get_object_element (processes, i);
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                                              json_object_get_int_member (p, "pid"),
                                              json_object_get_int_member (p, "start_ticks"));
      /* No two entries are one process; none ends before it starts. */
      g_assert_false (g_hash_table_contains (seen, key));
      g_hash_table_add (seen, g_steal_pointer (&key));
      if (!json_object_get_null_member (p, "end_s"))
        g_assert_cmpfloat (json_object_get_double_member (p, "end_s"), >=,
                           json_object_get_double_member (p, "start_s") - 0.011);
    }

  if (follow)
    {
      /* Child K reported its own peak; the K-th listed process with that pid
       * holds the same figure, whatever number of others had the pid. */
      g_autoptr(GHashTable) nth = g_hash_table_new (NULL, NULL);

      for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
        {
          int pid = 0;
          long maxrss_kib = 0;
          guint k, found = 0;
          JsonObject *match = NULL;

          g_assert_cmpint (sscanf (lines[i], "%d %ld", &pid, &maxrss_kib), ==, 2);
          k = GPOINTER_TO_UINT (g_hash_table_lookup (nth, GINT_TO_POINTER (pid)));
          g_hash_table_insert (nth, GINT_TO_POINTER (pid), GUINT_TO_POINTER (k + 1));
          if (k > 0)
            reused++;
          for (guint j = 0; j < json_array_get_length (processes) && match == NULL; j++)
            {
              JsonObject *p = json_array_get_object_element (processes, j);

              if (json_object_get_int_member (p, "pid") == pid &&
                  g_str_equal (json_object_get_string_member (p, "name"), "mg-workload") &&
                  json_object_get_int_member (p, "ppid") != 1 && found++ == k)
                match = p;
            }
          g_assert_nonnull (match);
          assert_own_peak (json_object_get_int_member (match, "peak_rss_bytes"), maxrss_kib);
          checked++;
        }
      g_assert_cmpuint (checked, ==, 600);
      g_assert_cmpuint (reused, >, 100);
    }
}

/* Runs memgraph-gtk with @argv after it (NULL-terminated), with
 * @child_setup in the child, and returns its standard error. */
static char *
run_stderr (GSpawnChildSetupFunc   child_setup,
            const char * const    *argv,
            int                   *status)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  char *err = NULL;

  if (child_setup != NULL)
    {
      /* LeakSanitizer (sanitizer builds) stops the world with ptrace(),
       * which the policies set up here forbid. */
      g_autofree char *asan = g_strdup_printf ("%s:detect_leaks=0",
                                               g_getenv ("ASAN_OPTIONS") ? g_getenv ("ASAN_OPTIONS")
                                                                         : "");

      g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", asan, TRUE);
      g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
    }
  proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_test_message ("%s", err);
  *status = g_subprocess_get_exit_status (proc);
  return err;
}

/* A seccomp policy that refuses ptrace(), as some containers have. */
static void
forbid_ptrace (gpointer user_data)
{
  struct sock_filter filter[] = {
    BPF_STMT (BPF_LD | BPF_W | BPF_ABS, offsetof (struct seccomp_data, nr)),
    BPF_JUMP (BPF_JMP | BPF_JEQ | BPF_K, __NR_ptrace, 0, 1),
    BPF_STMT (BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA)),
    BPF_STMT (BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  struct sock_fprog program = { G_N_ELEMENTS (filter), filter };

  prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
  prctl (PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program);
}

/* Where the kernel refuses to trace, the run is sampled and says why. */
static void
test_follow_refused (void)
{
  g_autofree char *json = g_build_filename (tmp_dir, "refused.json", NULL);
  const char *argv[] = { g_getenv ("MG_BINARY"), "--no-window", "--follow", "-o", json, "--",
                         mg_test_workload (), "hold", "50", "0.3", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  err = run_stderr (forbid_ptrace, argv, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (err, "memgraph-gtk: Every process could not be followed (the kernel "
                                 "does not allow tracing here: Yama ptrace_scope or a seccomp "
                                 "policy): the run was sampled only.\n"));
  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  g_unlink (json);
  g_assert_false (json_object_get_boolean_member (peak_of (parser), "followed"));
  assert_within (json_object_get_int_member (peak_of (parser), "rss_bytes"), 51 * MIB, 0.05);
  /* One process reaped by the helper: still exact. */
  g_assert_true (json_object_get_boolean_member (peak_of (parser), "rss_exact"));
}

/* A set-user-ID program in a followed run runs without its privileges,
 * and the run says so. */
static void
test_setuid_said (void)
{
  const char *prog = "/usr/bin/mount";
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  struct stat st;
  int status;

  if (stat (prog, &st) != 0 || !(st.st_mode & S_ISUID) || st.st_uid == 65534)
    {
      g_test_skip ("no set-user-ID mount(8) here");
      return;
    }
  /* Root may trace anything without dropping privileges: run as nobody. */
  if (geteuid () == 0)
    {
      if (!g_file_test ("/usr/bin/setpriv", G_FILE_TEST_IS_EXECUTABLE))
        {
          g_test_skip ("running as root without setpriv(1)");
          return;
        }
      g_ptr_array_add (argv, (char *) "/usr/bin/setpriv");
      g_ptr_array_add (argv, (char *) "--reuid=65534");
      g_ptr_array_add (argv, (char *) "--regid=65534");
      g_ptr_array_add (argv, (char *) "--clear-groups");
    }
  g_ptr_array_add (argv, (char *) g_getenv ("MG_BINARY"));
  g_ptr_array_add (argv, (char *) "--no-window");
  g_ptr_array_add (argv, (char *) "--follow");
  g_ptr_array_add (argv, (char *) "--");
  g_ptr_array_add (argv, (char *) prog);
  g_ptr_array_add (argv, (char *) "--version");
  g_ptr_array_add (argv, NULL);

  err = run_stderr (NULL, (const char * const *) argv->pdata, &status);
  if (status == 127 || strstr (err, "Exited with status") == NULL)
    {
      g_test_skip ("the build tree cannot be run as nobody");
      return;
    }
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (err, "memgraph-gtk: mount ran without its privileges because every "
                                 "process was followed.\n"));
}

static void
on_finished (MgRecording *rec,
             gboolean    *done)
{
  *done = TRUE;
}

/* Followed, a command that stops itself stays stopped (and is shown so)
 * until continued; Stop still ends it with SIGTERM. */
static void
test_stopped_followed (void)
{
  const char *argv[] = { mg_test_workload (), "stop-self", "30", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.05);
  g_autoptr(MgRunner) runner = mg_runner_new (rec);
  g_autofree char *path = NULL;
  g_autofree char *stat = NULL;
  gboolean done = FALSE, never = FALSE;

  mg_runner_set_follow (runner, TRUE);
  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);
  g_assert_true (mg_runner_start (runner, NULL));
  mg_test_wait_for (&never, 0.5);
  g_assert_cmpint (mg_recording_get_following (rec), ==, MG_FOLLOW_ON);
  g_assert_true (mg_recording_get_stopped (rec));
  /* Not running: stopped, as without tracing. */
  path = g_strdup_printf ("/proc/%d/stat", (int) mg_runner_get_pid (runner));
  g_assert_true (g_file_get_contents (path, &stat, NULL, NULL));
  g_assert_cmpint (strrchr (stat, ')')[2], ==, 't');

  mg_runner_stop (runner);
  g_assert_true (mg_test_wait_for (&done, 10));
  g_assert_cmpint (mg_recording_get_exit (rec)->kind, ==, MG_EXIT_SIGNAL);
  g_assert_cmpint (mg_recording_get_exit (rec)->code, ==, SIGTERM);
  g_assert_false (mg_recording_get_stopped (rec));
}

/* What a run knows of its processes and its range survives saving and
 * opening again (exported once more from the saved JSON). */
static void
test_reopened (gconstpointer data)
{
  gboolean follow = GPOINTER_TO_INT (data);
  g_autofree char *first = g_build_filename (tmp_dir, "first.json", NULL);
  g_autofree char *second = g_build_filename (tmp_dir, "second.json", NULL);
  g_autofree char *script = g_strdup_printf ("'%1$s' hold 20 0.2 & '%1$s' hold 30 0.2; wait",
                                             mg_test_workload ());
  const char *run_argv[] = { g_getenv ("MG_BINARY"), "--no-window", "-i", "1", follow_arg (data),
                             "-o", first, "--", "sh", "-c", script, NULL };
  const char *again_argv[] = { g_getenv ("MG_BINARY"), "--no-window", "-o", second, first, NULL };
  g_autoptr(JsonParser) a = json_parser_new ();
  g_autoptr(JsonParser) b = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err1 = NULL;
  g_autofree char *err2 = NULL;
  JsonObject *pa, *pb;
  JsonArray *la, *lb;
  int status;

  err1 = run_stderr (NULL, run_argv, &status);
  g_assert_cmpint (status, ==, 0);
  err2 = run_stderr (NULL, again_argv, &status);
  g_assert_cmpint (status, ==, 0);
  json_parser_load_from_file (a, first, &error);
  g_assert_no_error (error);
  json_parser_load_from_file (b, second, &error);
  g_assert_no_error (error);
  g_unlink (first);
  g_unlink (second);

  pa = peak_of (a);
  pb = peak_of (b);
  g_assert_cmpint (json_object_get_boolean_member (pa, "unseen"), ==, !follow);
  g_assert_cmpint (json_object_get_boolean_member (pb, "unseen"), ==, !follow);
  g_assert_cmpint (json_object_get_boolean_member (pa, "rss_exact"), ==,
                   json_object_get_boolean_member (pb, "rss_exact"));
  if (follow)
    g_assert_cmpint (json_object_get_int_member (pa, "rss_upper_bytes"), ==,
                     json_object_get_int_member (pb, "rss_upper_bytes"));
  else
    g_assert_true (json_object_get_null_member (pb, "rss_upper_bytes"));
  la = json_object_get_array_member (root_of (a), "processes");
  lb = json_object_get_array_member (root_of (b), "processes");
  g_assert_cmpuint (json_array_get_length (la), ==, json_array_get_length (lb));
  for (guint i = 0; i < json_array_get_length (la); i++)
    {
      JsonObject *x = json_array_get_object_element (la, i);
      JsonObject *y = json_array_get_object_element (lb, i);

      g_assert_cmpstr (json_object_get_string_member (x, "peak_source"), ==,
                       json_object_get_string_member (y, "peak_source"));
      g_assert_cmpint (json_object_get_boolean_member (x, "peak_exact"), ==,
                       json_object_get_boolean_member (y, "peak_exact"));
      g_assert_cmpint (json_object_get_int_member (x, "start_ticks"), ==,
                       json_object_get_int_member (y, "start_ticks"));
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("memgraph-truth-XXXXXX", NULL);

  /* First, so that getrusage(RUSAGE_CHILDREN) speaks of its workload. */
  g_test_add_func ("/memgraph/truth/spikes", test_spikes);
  g_test_add_func ("/memgraph/truth/catch-spikes", test_catch_spikes);
  g_test_add_func ("/memgraph/truth/short", test_short);
  g_test_add_func ("/memgraph/truth/tree", test_tree);
  g_test_add_func ("/memgraph/truth/detach", test_detach);
  g_test_add_func ("/memgraph/truth/kinds", test_kinds);
  g_test_add_func ("/memgraph/truth/follow-refused", test_follow_refused);
  g_test_add_func ("/memgraph/truth/stopped-followed", test_stopped_followed);
  g_test_add_func ("/memgraph/truth/setuid-said", test_setuid_said);
  for (int follow = 0; follow < 2; follow++)
    {
      const char *how = follow ? "followed" : "sampled";
      struct
      {
        const char    *name;
        GTestDataFunc  func;
      } tree_tests[] = {
        { "unseen-children", test_unseen_children },
        { "reaped-by-parent", test_reaped_by_parent },
        { "exec-name", test_exec_name },
        { "memory-before-exec", test_memory_before_exec },
        { "many-children", test_many_children },
        { "pid-wrap", test_pid_wrap },
        { "real-start", test_real_start },
        { "thousand-children", test_thousand_children },
        { "reopened", test_reopened },
      };

      for (guint i = 0; i < G_N_ELEMENTS (tree_tests); i++)
        {
          g_autofree char *path = g_strdup_printf ("/memgraph/truth/%s/%s", tree_tests[i].name,
                                                   how);

          g_test_add_data_func (path, GINT_TO_POINTER (follow), tree_tests[i].func);
        }
    }

  status = g_test_run ();
  g_rmdir (tmp_dir);
  return status;
}
