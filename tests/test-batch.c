/* test-batch.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * memgraph-gtk --no-window, run as a script would, on workloads of known
 * size and ending.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "mg-test-util.h"
#include "mg-test-tree.h"

typedef struct
{
  int   status;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->err, g_free);
}

/* Runs memgraph-gtk with @args (NULL-terminated) and returns its exit status
 * and standard error. */
static void
run_memgraph (Result *r,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (char *) g_getenv ("MG_BINARY"));
  va_start (ap, r);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &r->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  r->status = g_subprocess_get_exit_status (proc);
  g_test_message ("stderr: %s", r->err);
}

static char *
tmp_path (const char *name)
{
  static char *dir;

  if (dir == NULL)
    dir = g_dir_make_tmp ("memgraph-batch-XXXXXX", NULL);
  return g_build_filename (dir, name, NULL);
}

static void
test_hold_300 (void)
{
  g_autofree char *csv = tmp_path ("hold.csv");
  g_autofree char *json = tmp_path ("hold.json");
  g_autofree char *png = tmp_path ("hold.png");
  g_autofree char *contents = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  JsonObject *root, *samples;
  JsonArray *rss;
  guint64 csv_peak = 0, json_peak = 0;
  cairo_surface_t *surface;
  Result r = { 0 };

  run_memgraph (&r, "--no-window", "-i", "0.1", "-o", csv, "-o", json, "-o", png, "--",
                mg_test_workload (), "hold", "300", "1.5", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "memgraph-gtk: Exited with status 0 after "));
  g_assert_nonnull (strstr (r.err, "; peak RSS "));

  /* CSV: the highest rss_bytes is within 5 % of 300 MiB. */
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "time_s,rss_bytes,vsz_bytes,"));
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], ",", 3);
      csv_peak = MAX (csv_peak, g_ascii_strtoull (cells[1], NULL, 10));
    }
  g_assert_cmpfloat (csv_peak, >=, 300 * MIB * 0.95);
  g_assert_cmpfloat (csv_peak, <=, 300 * MIB * 1.05);

  /* JSON: the peak and the samples agree with the CSV. */
  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  json_peak = json_object_get_int_member (json_object_get_object_member (root, "peak"),
                                          "rss_bytes");
  /* The peak is the kernel's high-water mark: never below the highest
   * sample, which JSON keeps as sampled_rss_bytes. */
  g_assert_cmpuint (json_peak, >=, csv_peak);
  g_assert_cmpfloat (json_peak, <=, 300 * MIB * 1.05);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "peak"),
                                               "sampled_rss_bytes"), ==, csv_peak);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "exit"),
                                               "status"), ==, 0);
  samples = json_object_get_object_member (root, "samples");
  rss = json_object_get_array_member (samples, "rss_bytes");
  g_assert_cmpuint (json_array_get_length (rss), ==, g_strv_length (lines) - 2);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (root, "command"),
                                                  1), ==, "hold");
  g_assert_cmpfloat (json_object_get_double_member (root, "duration_s"), >=, 1.5);

  /* PNG: a real image of the default size. */
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1200);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 700);
  cairo_surface_destroy (surface);

  result_clear (&r);
  g_unlink (csv);
  g_unlink (json);
  g_unlink (png);
}

static void
test_exit_status (void)
{
  Result r = { 0 };

  run_memgraph (&r, "--no-window", "--", mg_test_workload (), "exit", "3", NULL);
  g_assert_cmpint (r.status, ==, 3);
  g_assert_nonnull (strstr (r.err, "Exited with status 3"));
  result_clear (&r);
}

static void
test_killed (void)
{
  g_autofree char *json = tmp_path ("killed.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *exit_obj;
  Result r = { 0 };

  run_memgraph (&r, "--no-window", "-o", json, "--", mg_test_workload (), "kill", "9", NULL);
  g_assert_cmpint (r.status, ==, 137);
  g_assert_nonnull (strstr (r.err, "Killed by signal 9 (SIGKILL)"));

  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  exit_obj = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                            "exit");
  g_assert_cmpint (json_object_get_int_member (exit_obj, "signal"), ==, 9);
  g_assert_cmpstr (json_object_get_string_member (exit_obj, "signal_name"), ==, "SIGKILL");
  result_clear (&r);
  g_unlink (json);
}

static void
test_not_found (void)
{
  g_autofree char *json = tmp_path ("missing.json");
  g_autofree char *contents = NULL;
  Result r = { 0 };

  run_memgraph (&r, "--no-window", "-o", json, "--", "memgraph-no-such-command", NULL);
  g_assert_cmpint (r.status, ==, 127);
  g_assert_nonnull (strstr (r.err, "Could not start: No such file or directory"));
  /* The outputs are still written, and say what happened. */
  g_assert_true (g_file_get_contents (json, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"error\":\"No such file or directory\""));
  result_clear (&r);
  g_unlink (json);
}

static void
test_bad_options (void)
{
  const char *cases[][3] = {
    { "--interval=0", "--no-window", "true" },
    { "--frobnicate", "--no-window", "true" },
    { "-o", "out.gif", "--no-window" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Result r = { 0 };

      run_memgraph (&r, cases[i][0], cases[i][1], cases[i][2], NULL);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_true (g_str_has_prefix (r.err, "memgraph-gtk: "));
      g_assert_nonnull (strstr (r.err, "--help"));
      result_clear (&r);
    }
}

static void
test_unwritable_output (void)
{
  Result r = { 0 };

  /* The command's own status is still reported, and the exit is non-zero. */
  run_memgraph (&r, "--no-window", "-o", "/nonexistent/dir/out.csv", "--",
                mg_test_workload (), "exit", "0", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "/nonexistent/dir/out.csv"));
  g_assert_nonnull (strstr (r.err, "Exited with status 0"));
  result_clear (&r);
}

static void
test_version (void)
{
  Result r = { 0 };
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *out = NULL;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, NULL, g_getenv ("MG_BINARY"),
                           "--version", NULL);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, NULL);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  g_assert_cmpstr (out, ==, "memgraph-gtk " PACKAGE_VERSION "\n");
  result_clear (&r);
}

static int
first_child (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/task/%d/children", pid, pid);
  g_autofree char *children = NULL;

  if (!g_file_get_contents (path, &children, NULL, NULL))
    return 0;
  return atoi (children);
}

/* SIGTERM to memgraph-gtk while the command runs: passed on to the command,
 * and every output is still written from what was recorded. */
static void
test_sigterm (void)
{
  g_autofree char *json = tmp_path ("term.json");
  g_autofree char *png = tmp_path ("term.png");
  g_autofree char *csv = tmp_path ("term.csv");
  g_autofree char *err = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  int memgraph, launcher = 0, command = 0;
  gint64 end;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE, &error, g_getenv ("MG_BINARY"),
                           "--no-window", "-i", "0.05", "-o", json, "-o", png, "-o", csv, "--",
                           mg_test_workload (), "hold", "40", "60", NULL);
  g_assert_no_error (error);
  memgraph = atoi (g_subprocess_get_identifier (proc));

  /* Wait until the workload runs below memgraph-launch, and holds its memory. */
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (command == 0 && g_get_monotonic_time () < end)
    {
      launcher = first_child (memgraph);
      command = launcher > 0 ? first_child (launcher) : 0;
      g_usleep (20000);
    }
  g_assert_cmpint (command, >, 0);
  g_usleep (800000);

  g_subprocess_send_signal (proc, SIGTERM);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_test_message ("%s", err);

  /* The command died of the SIGTERM it was passed: 128 + 15. */
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 143);
  g_assert_nonnull (strstr (err, "Killed by signal 15 (SIGTERM)"));

  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (csv, G_FILE_TEST_IS_REGULAR));
  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "exit"),
                                               "signal"), ==, 15);
  g_assert_cmpfloat (json_object_get_int_member (json_object_get_object_member (root, "peak"),
                                                 "rss_bytes"), >=, 40 * MIB);
  g_unlink (json);
  g_unlink (png);
  g_unlink (csv);
}

/* Runs memgraph-gtk --no-window with every output on @command; once the
 * command has ended and @n processes are left below memgraph-launch, sends
 * @signum (twice with @twice, the first time while the tree still lives),
 * then checks the exit status, that the outputs are written, and that no
 * process of the tree is alive. */
static void
signal_after_command (const char * const *command,
                      guint               n,
                      gboolean            kill_command,
                      int                 signum,
                      gboolean            twice,
                      int                 exit_signal)
{
  g_autofree char *json = tmp_path ("after.json");
  g_autofree char *png = tmp_path ("after.png");
  g_autofree char *csv = tmp_path ("after.csv");
  g_autofree char *err = NULL;
  g_autofree char *csv_text = NULL;
  g_autofree char *said = g_strdup_printf ("memgraph-gtk: %s after the command had ended",
                                           signum == SIGTERM ? "SIGTERM" :
                                           signum == SIGINT ? "SIGINT" : "SIGHUP");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GArray) tree = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  JsonObject *exit_obj;
  int memgraph;

  for (const char *a, **p = (const char *[]) { g_getenv ("MG_BINARY"), "--no-window", "-i",
                                                "0.05", "-o", json, "-o", png, "-o", csv, "--",
                                                NULL }; (a = *p) != NULL; p++)
    g_ptr_array_add (argv, (char *) a);
  for (guint i = 0; command[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) command[i]);
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  memgraph = atoi (g_subprocess_get_identifier (proc));

  tree = mg_test_wait_tree (memgraph, n + 2 + kill_command, 20);
  g_assert_cmpuint (tree->len, >=, n + 2 + kill_command);
  if (kill_command)
    {
      /* memgraph-record, memgraph-launch, then the command (sh): end the
       * command alone. */
      g_assert_cmpint (kill (g_array_index (tree, MgTestProc, 2).pid, SIGKILL), ==, 0);
    }
  /* Until the command has ended and memgraph-gtk has heard of it. */
  g_usleep (600000);
  g_array_unref (tree);
  tree = mg_test_tree (memgraph);
  g_assert_cmpuint (tree->len, ==, n + 2);
  g_assert_cmpuint (mg_test_count_alive (tree), ==, n + 2);

  g_subprocess_send_signal (proc, signum);
  if (twice)
    {
      /* The first one was passed on and ignored: the tree lives on. */
      g_usleep (800000);
      g_assert_cmpuint (mg_test_count_alive (tree), ==, n + 2);
      g_subprocess_send_signal (proc, signum);
    }
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_test_message ("%s", err);
  g_assert_cmpuint (mg_test_wait_none_alive (tree, 5), ==, 0);
  mg_test_kill_procs (tree);

  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 128 + signum);
  g_assert_nonnull (strstr (err, said));
  /* Said at once, what a second one does. */
  g_assert_nonnull (strstr (err, "passed on to the command's processes; recording until they end "
                                 "(send it again to end them at once)"));

  /* Every output is written. */
  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  exit_obj = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                            "exit");
  if (exit_signal != 0)
    g_assert_cmpint (json_object_get_int_member (exit_obj, "signal"), ==, exit_signal);
  else
    g_assert_cmpint (json_object_get_int_member (exit_obj, "status"), ==, 0);
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1200);
  cairo_surface_destroy (surface);
  g_assert_true (g_file_get_contents (csv, &csv_text, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv_text, "time_s,rss_bytes,"));
  g_unlink (json);
  g_unlink (png);
  g_unlink (csv);
}

/* sh -c 'sleep 300 & wait', and sh is killed: SIGTERM still ends the sleep. */
static void
test_sigterm_after_command (void)
{
  const char *command[] = { "sh", "-c", "sleep 300 & wait", NULL };

  signal_after_command (command, 1, TRUE, SIGTERM, FALSE, SIGKILL);
}

/* A detached grandchild (double fork, setsid()) of a command that exited 0
 * gets the SIGINT. */
static void
test_sigint_after_command (void)
{
  const char *command[] = { mg_test_workload (), "detach", "1", "300", NULL };

  signal_after_command (command, 1, FALSE, SIGINT, FALSE, 0);
}

/* sh -c 'setsid sleep 300 &': sh exits 0 at once; SIGHUP ends the sleep. */
static void
test_sighup_after_command (void)
{
  const char *command[] = { "sh", "-c", "setsid sleep 300 &", NULL };

  signal_after_command (command, 1, FALSE, SIGHUP, FALSE, 0);
}

/* Background jobs of a shell script ignore SIGINT: the first one is passed
 * on to them, and ignored; a second one ends the tree. */
static void
test_second_sigint (void)
{
  const char *command[] = { "sh", "-c", "sleep 300 & sleep 301 & exit 0", NULL };

  signal_after_command (command, 2, FALSE, SIGINT, TRUE, 0);
}

/* A saved recording exported again, in every format, at another size and
 * in the dark style. */
static void
test_export_again (void)
{
  g_autofree char *json = tmp_path ("saved.json");
  g_autofree char *png = tmp_path ("again.png");
  g_autofree char *svg = tmp_path ("again.svg");
  g_autofree char *pdf = tmp_path ("again.pdf");
  g_autofree char *csv = tmp_path ("again.csv");
  g_autofree char *first_csv = tmp_path ("first.csv");
  g_autofree char *csv_text = NULL;
  g_autofree char *first_text = NULL;
  cairo_surface_t *surface;
  MgPlotStyle dark;
  Result r = { 0 };

  run_memgraph (&r, "--no-window", "-o", json, "-o", first_csv, "--", mg_test_workload (), "hold",
                "20", "0.3", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  run_memgraph (&r, "--no-window", "--size=800x450", "--style=dark", "-o", png, "-o", svg,
                "-o", pdf, "-o", csv, json, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "Exited with status 0"));
  result_clear (&r);

  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 450);
  mg_plot_style_init (&dark, TRUE);
  g_assert_cmpuint (mg_test_count_color (surface, &dark.background, 0, 0, 4, 4), ==, 16);
  cairo_surface_destroy (surface);
  g_assert_true (g_file_test (svg, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  /* The samples are the same as those first written. */
  g_assert_true (g_file_get_contents (csv, &csv_text, NULL, NULL));
  g_assert_true (g_file_get_contents (first_csv, &first_text, NULL, NULL));
  g_assert_cmpstr (csv_text, ==, first_text);

  /* A file that is not a recording: a message naming it, exit status 1. */
  run_memgraph (&r, "--no-window", "-o", png, first_csv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_true (g_file_set_contents (json, "{\"command\": 3}", -1, NULL));
  run_memgraph (&r, "--no-window", "-o", png, json, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, json));
  result_clear (&r);

  for (const char *f, **p = (const char *[]) { json, png, svg, pdf, csv, first_csv, NULL };
       (f = *p) != NULL; p++)
    g_unlink (f);
}

/* --capture-output: a workload that prints a line every 0.2 s; each line
 * is kept with a time within one sampling interval of when it was printed. */
static void
test_capture_output (void)
{
  g_autofree char *json = tmp_path ("output.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *lines;
  guint out = 0, err = 0;
  Result r = { 0 };

  run_memgraph (&r, "--no-window", "--capture-output", "-i", "0.1", "-o", json, "--",
                mg_test_workload (), "print", "6", "200", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  lines = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "output");
  g_assert_cmpuint (json_array_get_length (lines), ==, 9);
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);
      const char *text = json_object_get_string_member (line, "text");
      double t = json_object_get_double_member (line, "time_s");
      int k = atoi (strchr (text, ' ') + 1);

      g_test_message ("%.4f s: %s", t, text);
      /* Printed at k × 0.2 s after the workload started, itself a little
       * after the run's start. */
      g_assert_cmpfloat (t, >=, k * 0.2);
      g_assert_cmpfloat (t, <=, k * 0.2 + 0.1);
      if (g_str_equal (json_object_get_string_member (line, "stream"), "stderr"))
        {
          g_assert_true (g_str_has_prefix (text, "warning "));
          err++;
        }
      else
        out++;
    }
  g_assert_cmpuint (out, ==, 6);
  g_assert_cmpuint (err, ==, 3);
  g_unlink (json);
}

/* Runs the uninstrumented memgraph-gtk with @args (NULL-terminated), its
 * stdout to /dev/null, and returns its standard error and its peak RSS as
 * the kernel counts it (ru_maxrss of wait4, as /usr/bin/time -f %M): the
 * largest of it and the processes it reaped, none of which holds output. */
static char *
run_measured (guint64 *maxrss_bytes,
              int     *status,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) err = g_string_new (NULL);
  struct rusage usage;
  const char *arg;
  char buffer[4096];
  gssize n;
  GPid pid;
  int err_fd, wait_status;
  va_list ap;

  g_ptr_array_add (argv, (char *) g_getenv ("MG_MEASURED_BINARY"));
  va_start (ap, status);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL,
                                           G_SPAWN_DO_NOT_REAP_CHILD |
                                           G_SPAWN_STDOUT_TO_DEV_NULL,
                                           NULL, NULL, &pid, NULL, NULL, &err_fd, &error));
  g_assert_no_error (error);
  while ((n = read (err_fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (err, buffer, n);
  close (err_fd);
  g_assert_cmpint (wait4 (pid, &wait_status, 0, &usage), ==, pid);
  g_assert_true (WIFEXITED (wait_status));
  *status = WEXITSTATUS (wait_status);
  *maxrss_bytes = (guint64) usage.ru_maxrss * 1024;
  g_test_message ("stderr: %s", err->str);
  g_test_message ("peak RSS of memgraph-gtk: %.1f MiB", *maxrss_bytes / MIB);
  return g_string_free (g_steal_pointer (&err), FALSE);
}

/* 600 MB of output in 10 KB lines: memory follows what is kept (8 + 8 MiB
 * of lines), not what passed through (1.83 GB before), and the summary
 * counts exactly what was not kept: 60000 lines of 10240 bytes, of which
 * 814 + 814 are kept (10240 + 64 bytes charged each). */
static void
test_capture_bounded (void)
{
  guint64 maxrss;
  int status;
  g_autofree char *err = run_measured (&maxrss, &status, "--no-window", "--capture-output", "--",
                                       mg_test_workload (), "lines", "60000", "10240", NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (err, "; output: 1628 of 60000 lines kept, 570.0\xc2\xa0MiB "
                                 "(597729280 bytes) not kept; command: "));
  g_assert_cmpuint (maxrss, <=, 48 * MIB);
}

/* One 400 MB line without a newline (1.20 GB before): its first 4 MiB are
 * kept, and the summary says the rest was not. */
static void
test_capture_long_line (void)
{
  guint64 maxrss;
  int status;
  g_autofree char *err = run_measured (&maxrss, &status, "--no-window", "--capture-output", "--",
                                       mg_test_workload (), "long-line", "400000000", "0", "0",
                                       NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (err, "; output: 1 of 1 line kept, 377.5\xc2\xa0MiB (395805696 bytes) "
                                 "not kept; command: "));
  g_assert_cmpuint (maxrss, <=, 48 * MIB);
}

/* What was not kept is saved in JSON and read back: the counts, where the
 * gap was, and a cut line's length. */
static void
test_capture_json (void)
{
  g_autofree char *json = tmp_path ("dropped.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *lines;
  Result r = { 0 }, again = { 0 };
  const char *expected = "; output: 1628 of 3000 lines kept, 13.4\xc2\xa0MiB (14049280 bytes) "
                         "not kept; ";

  run_memgraph (&r, "--no-window", "--capture-output", "-o", json, "--",
                mg_test_workload (), "lines", "3000", "10240", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, expected));

  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  lines = json_object_get_array_member (root, "output");
  g_assert_cmpuint (json_array_get_length (lines), ==, 1628);
  g_assert_cmpint (json_object_get_int_member (root, "output_dropped_lines"), ==, 1372);
  g_assert_cmpint (json_object_get_int_member (root, "output_dropped_bytes"), ==, 14049280);
  g_assert_cmpint (json_object_get_int_member (root, "output_head_lines"), ==, 814);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (
                                     json_array_get_object_element (lines, 814), "text"),
                                   "000002186 "));

  /* Read back: the same words. */
  run_memgraph (&again, "--no-window", json, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.err, expected));
  result_clear (&r);
  result_clear (&again);
  g_unlink (json);
}

/* Every option of --help is documented in the man page. */
static void
test_man_page (void)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GRegex) option = g_regex_new ("--[a-z][a-z-]+", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *help = NULL;
  g_autofree char *man = NULL;
  guint checked = 0;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, NULL, g_getenv ("MG_BINARY"),
                           "--help", NULL);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &help, NULL, NULL);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  g_assert_true (g_file_get_contents (g_getenv ("MG_MAN_PAGE"), &man, NULL, NULL));

  for (g_regex_match (option, help, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      g_autofree char *word = g_match_info_fetch (match, 0);
      g_autoptr(GString) roff = g_string_new (NULL);

      /* roff writes every "-" as "\-". */
      for (const char *c = word; *c; c++)
        if (*c == '-')
          g_string_append (roff, "\\-");
        else
          g_string_append_c (roff, *c);
      g_test_message ("%s → %s", word, roff->str);
      g_assert_nonnull (strstr (man, roff->str));
      checked++;
    }
  g_assert_cmpuint (checked, >=, 9);
}

/* A file nested 100,000 deep, as an adversary writes it: a message and exit
 * status 1, not a stack overflow (139). */
static void
test_deep_nesting (void)
{
  g_autofree char *deep = tmp_path ("deep.json");
  g_autofree char *png = tmp_path ("deep.png");
  g_autoptr(GString) text = g_string_new (NULL);
  Result r = { 0 };

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, ']');
  g_assert_true (g_file_set_contents (deep, text->str, text->len, NULL));

  run_memgraph (&r, "--no-window", "-o", png, deep, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "it is nested more than 64 levels deep (line 1)"));
  g_assert_nonnull (strstr (r.err, deep));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  result_clear (&r);
}

/* Window mode without a display says what to do instead, with a status of
 * 1, and no bare GTK warning. */
static void
test_no_display (void)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  proc = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("MG_BINARY"), "--", "true",
                                      NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_test_message ("stderr: %s", err);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 1);
  g_assert_cmpstr (err, ==,
                   "memgraph-gtk: cannot open a display for the window (is DISPLAY or "
                   "WAYLAND_DISPLAY set?). To record without a window, use --no-window, "
                   "for example: memgraph-gtk --no-window -o run.png -- COMMAND\n");
}

/* -o onto a FIFO: the recording is written into it, for the reader that
 * waits there, and the FIFO stays a FIFO. */
static void
test_output_fifo (void)
{
  g_autofree char *fifo = tmp_path ("fifo.csv");
  g_autofree char *copy = tmp_path ("fifo-copy.csv");
  g_autoptr(GSubprocess) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *sh = NULL;
  Result r = { 0 };
  struct stat st;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  sh = g_strdup_printf ("cat '%s' > '%s'", fifo, copy);
  reader = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "sh", "-c", sh, NULL);
  g_assert_no_error (error);

  run_memgraph (&r, "--no-window", "-i", "0.05", "-o", fifo, "--", "sh", "-c", "sleep 0.3",
                NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_subprocess_wait_check (reader, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (stat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_assert_true (g_file_get_contents (copy, &bytes, NULL, NULL));
  g_test_message ("%s", bytes);
  /* The header and at least the samples of 0.3 s at 0.05 s. */
  g_assert_true (g_str_has_prefix (bytes, "time_s,rss_bytes,vsz_bytes,anon_bytes,file_bytes,"
                                          "shmem_bytes,swap_bytes\n"));
  lines = g_strsplit (bytes, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 1 + 5 + 1);
  g_assert_cmpstr (lines[g_strv_length (lines) - 1], ==, "");
  result_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memgraph/batch/hold-300-mib", test_hold_300);
  g_test_add_func ("/memgraph/batch/exit-status", test_exit_status);
  g_test_add_func ("/memgraph/batch/killed", test_killed);
  g_test_add_func ("/memgraph/batch/not-found", test_not_found);
  g_test_add_func ("/memgraph/batch/bad-options", test_bad_options);
  g_test_add_func ("/memgraph/batch/unwritable-output", test_unwritable_output);
  g_test_add_func ("/memgraph/batch/version", test_version);
  g_test_add_func ("/memgraph/batch/sigterm", test_sigterm);
  g_test_add_func ("/memgraph/batch/man-page", test_man_page);
  g_test_add_func ("/memgraph/batch/sigterm-after-command", test_sigterm_after_command);
  g_test_add_func ("/memgraph/batch/sigint-after-command", test_sigint_after_command);
  g_test_add_func ("/memgraph/batch/sighup-after-command", test_sighup_after_command);
  g_test_add_func ("/memgraph/batch/second-sigint-ends-tree", test_second_sigint);
  g_test_add_func ("/memgraph/batch/capture-output", test_capture_output);
  g_test_add_func ("/memgraph/batch/capture-bounded", test_capture_bounded);
  g_test_add_func ("/memgraph/batch/capture-long-line", test_capture_long_line);
  g_test_add_func ("/memgraph/batch/capture-json", test_capture_json);
  g_test_add_func ("/memgraph/batch/export-again", test_export_again);
  g_test_add_func ("/memgraph/batch/deep-nesting", test_deep_nesting);
  g_test_add_func ("/memgraph/batch/no-display", test_no_display);
  g_test_add_func ("/memgraph/batch/output-fifo", test_output_fifo);

  return g_test_run ();
}
