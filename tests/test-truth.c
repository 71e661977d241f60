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
#include <sys/resource.h>
#include <unistd.h>

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
 * recording says where it happened. */
static void
test_spikes (void)
{
  g_autoptr(JsonParser) parser = NULL;
  struct rusage ru;
  JsonObject *peak;
  JsonArray *window;
  guint64 rss;
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
  g_assert_cmpstr (json_object_get_string_member (peak, "rss_source"), !=, "sampled");

  /* No sample saw a spike, and the peak is marked between two samples. */
  g_assert_cmpfloat (json_object_get_int_member (peak, "sampled_rss_bytes"), <, 300 * MIB);
  window = json_object_get_array_member (peak, "rss_between_s");
  g_assert_nonnull (window);
  g_assert_cmpfloat (json_array_get_double_element (window, 1) -
                     json_array_get_double_element (window, 0), <=, 0.6);
}

/* The same with --catch-spikes: every spike appears in the interval maxima. */
static void
test_catch_spikes (void)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *samples;
  JsonArray *rss, *rss_max;
  guint spikes = 0;
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

      g_assert_cmpfloat (hi, >=, json_array_get_int_element (rss, i));
      if (hi > 900 * MIB)
        spikes++;
      /* The samples themselves never see a spike. */
      g_assert_cmpfloat (json_array_get_int_element (rss, i), <, 300 * MIB);
    }
  /* One interval per spike: all five are caught. */
  g_assert_cmpuint (spikes, ==, 5);
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
  g_assert_false (json_object_get_boolean_member (peak_of (parser), "rss_exact"));

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

  status = g_test_run ();
  g_rmdir (tmp_dir);
  return status;
}
