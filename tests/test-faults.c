/* test-faults.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Commands that fail, crash, stop, fork or thread wildly: each fault gets a
 * clear outcome, nothing crashes, and no process is left behind.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <signal.h>
#include <string.h>

#include "mg-runner.h"
#include "mg-test-util.h"

typedef struct
{
  int         status;
  char       *err;
  JsonParser *json;
} Run;

static void
run_clear (Run *r)
{
  g_clear_pointer (&r->err, g_free);
  g_clear_object (&r->json);
}

/* memgraph-gtk --no-window -o run.json -- @argv… */
static void
record (Run                *r,
        const char * const *command)
{
  g_autofree char *dir = g_dir_make_tmp ("memgraph-faults-XXXXXX", NULL);
  g_autofree char *json = g_build_filename (dir, "run.json", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (char *) g_getenv ("MG_BINARY"));
  g_ptr_array_add (argv, (char *) "--no-window");
  g_ptr_array_add (argv, (char *) "-i");
  g_ptr_array_add (argv, (char *) "0.05");
  g_ptr_array_add (argv, (char *) "-o");
  g_ptr_array_add (argv, json);
  g_ptr_array_add (argv, (char *) "--");
  for (guint i = 0; command[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) command[i]);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &r->err, &error);
  g_assert_no_error (error);
  g_test_message ("%s", r->err);
  g_assert_true (g_subprocess_get_if_exited (proc));
  r->status = g_subprocess_get_exit_status (proc);

  /* The recording is written and is valid JSON, whatever happened. */
  r->json = json_parser_new ();
  json_parser_load_from_file (r->json, json, &error);
  g_assert_no_error (error);
  g_unlink (json);
  g_rmdir (dir);
}

static JsonObject *
root (Run *r)
{
  return json_node_get_object (json_parser_get_root (r->json));
}

static void
test_not_executable (void)
{
  g_autofree char *dir = g_dir_make_tmp ("memgraph-noexec-XXXXXX", NULL);
  g_autofree char *script = g_build_filename (dir, "script.sh", NULL);
  const char *argv[] = { script, NULL };
  Run r = { 0 };

  g_assert_true (g_file_set_contents (script, "#!/bin/sh\necho hi\n", -1, NULL));
  g_chmod (script, 0644);
  record (&r, argv);
  g_assert_cmpint (r.status, ==, 127);
  g_assert_nonnull (strstr (r.err, "Could not start: Permission denied: the file is not executable"));
  run_clear (&r);
  g_unlink (script);
  g_rmdir (dir);
}

static void
test_directory (void)
{
  const char *argv[] = { "/tmp", NULL };
  Run r = { 0 };

  record (&r, argv);
  g_assert_cmpint (r.status, ==, 127);
  g_assert_nonnull (strstr (r.err, "Could not start: Is a directory"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root (&r), "exit"),
                                                  "error"), ==, "Is a directory");
  run_clear (&r);
}

static void
test_empty_command (void)
{
  const char *argv[] = { "", NULL };
  Run r = { 0 };

  record (&r, argv);
  g_assert_cmpint (r.status, ==, 127);
  g_assert_nonnull (strstr (r.err, "Could not start: No such file or directory"));
  run_clear (&r);
}

/* Arguments are bytes, not always UTF-8: the run goes on, and the JSON
 * stays valid (the reading above checks it) with U+FFFD in their place. */
static void
test_non_utf8_arguments (void)
{
  const char *argv[] = { mg_test_workload (), "sleep", "0.1", "caf\xe9\xff", NULL };
  Run r = { 0 };
  JsonArray *command;

  record (&r, argv);
  g_assert_cmpint (r.status, ==, 0);
  command = json_object_get_array_member (root (&r), "command");
  g_assert_cmpstr (json_array_get_string_element (command, 3), ==, "caf\xef\xbf\xbd\xef\xbf\xbd");
  run_clear (&r);
}

static void
test_crash (void)
{
  struct { const char *signal; int status; const char *says; } cases[] = {
    { "11", 139, "Crashed with signal 11 (SIGSEGV)" },
    { "6", 134, "Crashed with signal 6 (SIGABRT)" },
    { "9", 137, "Killed by signal 9 (SIGKILL)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *argv[] = { mg_test_workload (), "kill", cases[i].signal, NULL };
      Run r = { 0 };
      JsonObject *exit_obj;

      record (&r, argv);
      g_assert_cmpint (r.status, ==, cases[i].status);
      g_assert_nonnull (strstr (r.err, cases[i].says));
      exit_obj = json_object_get_object_member (root (&r), "exit");
      g_assert_cmpint (json_object_get_int_member (exit_obj, "signal"), ==, cases[i].status - 128);
      /* A core dump is mentioned exactly when the kernel says it wrote one. */
      g_assert_cmpint (strstr (r.err, "core dump") != NULL, ==,
                       json_object_get_boolean_member (exit_obj, "core_dumped"));
      run_clear (&r);
    }
}

/* 1,000 children a second for 2 s, each gone within a millisecond. */
static void
test_fork_storm (void)
{
  const char *argv[] = { mg_test_workload (), "fork-storm", "1000", "2", NULL };
  Run r = { 0 };
  JsonArray *times;

  record (&r, argv);
  g_assert_cmpint (r.status, ==, 0);
  /* Sampling kept its pace: about 40 samples at 0.05 s. */
  times = json_object_get_array_member (json_object_get_object_member (root (&r), "samples"),
                                        "time_s");
  g_assert_cmpuint (json_array_get_length (times), >=, 30);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root (&r), "processes")),
                    <, 2000);
  run_clear (&r);
}

/* 10,000 threads are one process, counted once. */
static void
test_many_threads (void)
{
  const char *argv[] = { mg_test_workload (), "threads", "10000", "1", NULL };
  Run r = { 0 };

  record (&r, argv);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root (&r), "processes")),
                    ==, 1);
  /* 10,000 stacks of 64 KiB are not 10,000 processes' worth of memory. */
  g_assert_cmpfloat (json_object_get_int_member (json_object_get_object_member (root (&r), "peak"),
                                                 "rss_bytes"), <, 1024 * MIB);
  run_clear (&r);
}

static void
on_finished (MgRecording *rec,
             gboolean    *done)
{
  *done = TRUE;
}

/* A command that stops itself is shown as stopped, and Stop still ends it. */
static void
test_stopped (void)
{
  const char *argv[] = { mg_test_workload (), "stop-self", "30", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.05);
  g_autoptr(MgRunner) runner = mg_runner_new (rec);
  gboolean done = FALSE, never = FALSE;

  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);
  g_assert_true (mg_runner_start (runner, NULL));
  mg_test_wait_for (&never, 0.5);
  g_assert_true (mg_recording_get_stopped (rec));

  mg_runner_stop (runner);
  g_assert_true (mg_test_wait_for (&done, 10));
  g_assert_cmpint (mg_recording_get_exit (rec)->kind, ==, MG_EXIT_SIGNAL);
  g_assert_cmpint (mg_recording_get_exit (rec)->code, ==, SIGTERM);
  g_assert_false (mg_recording_get_stopped (rec));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memgraph/faults/command-not-executable", test_not_executable);
  g_test_add_func ("/memgraph/faults/command-is-a-directory", test_directory);
  g_test_add_func ("/memgraph/faults/command-empty", test_empty_command);
  g_test_add_func ("/memgraph/faults/non-utf8-arguments", test_non_utf8_arguments);
  g_test_add_func ("/memgraph/faults/crash-sigsegv-sigabrt-sigkill", test_crash);
  g_test_add_func ("/memgraph/faults/fork-storm-1000-per-second", test_fork_storm);
  g_test_add_func ("/memgraph/faults/10000-threads", test_many_threads);
  g_test_add_func ("/memgraph/faults/stopped-with-sigstop", test_stopped);

  return g_test_run ();
}
