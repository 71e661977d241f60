/* test-faults.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Commands that fail, crash, stop, fork or thread wildly: each fault gets a
 * clear outcome, nothing crashes, and no process is left behind.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mg-runner.h"
#include "mg-sampler.h"
#include "mg-test-util.h"
#include "mg-test-tree.h"

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

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* mg-workload hold @mib 30, a child of this process. */
static pid_t
spawn_holder (guint mib)
{
  g_autofree char *size = g_strdup_printf ("%u", mib);
  const char *argv[] = { mg_test_workload (), "hold", size, "30", NULL };
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, die_with_parent, NULL,
                 &pid, &error);
  g_assert_no_error (error);
  return pid;
}

/* Samples until each of @n processes of the tree holds @bytes: a sum
 * reached early by one could hide another still filling its memory. */
static void
sample_until_each (MgSampler   *sampler,
                   MgRecording *rec,
                   guint        n,
                   double       bytes)
{
  for (guint i = 0; i < 500; i++)
    {
      guint full = 0;

      mg_sampler_sample (sampler);
      for (guint j = 0; j < mg_recording_get_n_processes (rec); j++)
        {
          MgSamples *own = mg_recording_get_process (rec, j)->samples;
          guint size = mg_samples_get_size (own);

          if (size > 0 && mg_samples_get (own, size - 1).rss_bytes >= bytes)
            full++;
        }
      if (full >= n)
        return;
      g_usleep (10000);
    }
  g_assert_not_reached ();
}

/* Samples until the tree's RSS reaches @bytes. */
static void
sample_until (MgSampler   *sampler,
              MgRecording *rec,
              double       bytes)
{
  for (guint i = 0; i < 500; i++)
    {
      mg_sampler_sample (sampler);
      if (mg_recording_get_n_samples (rec) > 0 && mg_recording_get_last (rec)->rss_bytes >= bytes)
        return;
      g_usleep (10000);
    }
  g_assert_not_reached ();
}

static const MgProcess *
find_process (MgRecording *rec,
              pid_t        pid)
{
  int i = mg_recording_find_process (rec, pid);

  g_assert_cmpint (i, >=, 0);
  return mg_recording_get_process (rec, i);
}

typedef struct
{
  pid_t    pids[3];
  pid_t    first;
  pid_t    reaped;
  pid_t    zombie;
} Vanish;

/* After the first process of the tick is read, the other two end: one is
 * reaped at once, one stays a zombie. */
static void
end_the_others (pid_t    pid,
                gpointer user_data)
{
  Vanish *v = user_data;
  siginfo_t info;

  if (v->first != 0)
    return;
  v->first = pid;
  for (guint i = 0; i < 3; i++)
    if (v->pids[i] != pid)
      {
        if (v->reaped == 0)
          v->reaped = v->pids[i];
        else
          v->zombie = v->pids[i];
      }
  kill (v->reaped, SIGKILL);
  g_assert_cmpint (waitpid (v->reaped, NULL, 0), ==, v->reaped);
  kill (v->zombie, SIGKILL);
  g_assert_cmpint (waitid (P_PID, v->zombie, &info, WEXITED | WNOWAIT), ==, 0);
}

static void
vanish_between_reads (void)
{
  const char *argv[] = { "tree", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 3600);
  g_autoptr(MgSampler) sampler = NULL;
  Vanish v = { { 0 } };
  const MgSample *total;
  const MgProcess *first;
  MgSample own;
  guint n;
  double t;

  for (guint i = 0; i < 3; i++)
    v.pids[i] = spawn_holder (40);
  sampler = mg_sampler_new (rec, getpid (), g_get_monotonic_time ());
  g_assert_true (mg_sampler_start (sampler, NULL));
  sample_until_each (sampler, rec, 3, 40 * MIB);
  g_assert_cmpuint (mg_recording_get_n_processes (rec), ==, 3);

  n = mg_recording_get_n_samples (rec);
  mg_sampler_set_read_hook (sampler, end_the_others, &v);
  g_assert_true (mg_sampler_sample (sampler));
  mg_sampler_set_read_hook (sampler, NULL, NULL);
  g_assert_cmpint (v.first, !=, 0);

  /* One new sample, and it is the survivor's alone: nothing of the two
   * that vanished in the middle of it, not even a part. */
  g_assert_cmpuint (mg_recording_get_n_samples (rec), ==, n + 1);
  total = mg_recording_get_last (rec);
  t = total->time_s;
  first = find_process (rec, v.first);
  own = mg_samples_get (first->samples, mg_samples_get_size (first->samples) - 1);
  g_assert_cmpfloat (own.time_s, ==, t);
  g_assert_cmpuint (total->rss_bytes, ==, own.rss_bytes);
  g_assert_cmpuint (total->vsz_bytes, ==, own.vsz_bytes);
  g_assert_cmpuint (total->anon_bytes, ==, own.anon_bytes);
  g_assert_cmpfloat (total->rss_bytes, >=, 40 * MIB);
  g_assert_cmpfloat (total->rss_bytes, <, 2 * 40 * MIB);

  /* The two are ended at that tick and have no sample in it. */
  for (guint i = 0; i < 2; i++)
    {
      const MgProcess *p = find_process (rec, i == 0 ? v.reaped : v.zombie);
      MgSample last = mg_samples_get (p->samples, mg_samples_get_size (p->samples) - 1);

      g_assert_cmpfloat (p->end_s, ==, t);
      g_assert_cmpfloat (last.time_s, <, t);
      g_assert_cmpfloat (last.rss_bytes, >=, 40 * MIB);
    }

  mg_sampler_stop (sampler);
  g_assert_cmpint (waitpid (v.zombie, NULL, 0), ==, v.zombie);
  kill (v.first, SIGKILL);
  g_assert_cmpint (waitpid (v.first, NULL, 0), ==, v.first);
}

/* Runs @body in a subprocess of its own (its own children, mounts and
 * user), which must pass. */
static void
in_subprocess (void (*body) (void))
{
  if (g_test_subprocess ())
    {
      body ();
      return;
    }
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A process vanishes between two reads of one sample. */
static void
test_vanish_between_reads (void)
{
  in_subprocess (vanish_between_reads);
}

/* From here on this process acts as another user (nobody) towards /proc,
 * and can come back to root to clean up. */
static void
become_nobody (void)
{
  g_assert_cmpint (setresgid (65534, 65534, 0), ==, 0);
  g_assert_cmpint (setresuid (65534, 65534, 0), ==, 0);
  prctl (PR_SET_DUMPABLE, 1);
}

static void
become_root (void)
{
  g_assert_cmpint (setresuid (-1, 0, -1), ==, 0);
  g_assert_cmpint (setresgid (-1, 0, -1), ==, 0);
}

/* A /proc with hidepid=2 in a mount namespace of this process's own, that
 * nothing else sees: in a chroot "/" is not a mount point, but /proc is. */
static gboolean
mount_own_proc (void)
{
  return unshare (CLONE_NEWNS) == 0 &&
         (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0 ||
          mount (NULL, "/proc", NULL, MS_REC | MS_PRIVATE, NULL) == 0) &&
         mount ("proc", "/proc", "proc", 0, "hidepid=2") == 0;
}

/* A child of root watched by nobody through a /proc with hidepid=2: not
 * a zero, but a message naming it. */
static void
hidden_by_hidepid (void)
{
  const char *argv[] = { "hidden", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 3600);
  g_autoptr(MgSampler) sampler = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;
  pid_t mine, hidden;

  g_assert_true (mount_own_proc ());

  hidden = spawn_holder (40);
  become_nobody ();
  mine = spawn_holder (20);

  sampler = mg_sampler_new (rec, getpid (), g_get_monotonic_time ());
  g_assert_true (mg_sampler_start (sampler, NULL));
  sample_until (sampler, rec, 20 * MIB);
  mg_sampler_sample (sampler);

  /* Only its own child is in the sums; the other one is named. */
  g_assert_cmpuint (mg_recording_get_n_processes (rec), ==, 1);
  g_assert_cmpint (mg_recording_get_process (rec, 0)->pid, ==, mine);
  g_assert_cmpfloat (mg_recording_get_last (rec)->rss_bytes, <, 40 * MIB);
  g_assert_cmpuint (mg_recording_get_n_unreadable (rec), ==, 1);
  g_assert_cmpint (mg_recording_get_unreadable (rec, 0)->pid, ==, hidden);
  g_assert_cmpint (mg_recording_get_unreadable (rec, 0)->what, ==, MG_UNREADABLE_PROCESS);
  message = mg_recording_dup_unreadable_message (rec);
  name = g_strdup_printf ("Process %d could not be read", (int) hidden);
  g_test_message ("%s", message);
  g_assert_true (g_str_has_prefix (message, name));
  g_assert_nonnull (strstr (message, "hidepid"));

  mg_sampler_stop (sampler);
  become_root ();
  kill (hidden, SIGKILL);
  kill (mine, SIGKILL);
  g_assert_cmpint (waitpid (hidden, NULL, 0), ==, hidden);
  g_assert_cmpint (waitpid (mine, NULL, 0), ==, mine);
}

/* Whether a child can have a /proc of its own (not in every container). */
static gboolean
can_mount_own_proc (void)
{
  int status;
  pid_t pid = fork ();

  if (pid == 0)
    _exit (mount_own_proc () ? 0 : 1);
  return pid > 0 && waitpid (pid, &status, 0) == pid && WIFEXITED (status) &&
         WEXITSTATUS (status) == 0;
}

/* Whether user nobody may run the workload: not from a checkout in a
 * directory that others cannot search (such as /root). */
static gboolean
nobody_can_run_workload (void)
{
  int status;
  pid_t pid = fork ();

  if (pid == 0)
    {
      if (setresgid (65534, 65534, 65534) != 0 || setresuid (65534, 65534, 65534) != 0)
        _exit (1);
      _exit (access (mg_test_workload (), X_OK) == 0 ? 0 : 1);
    }
  return pid > 0 && waitpid (pid, &status, 0) == pid && WIFEXITED (status) &&
         WEXITSTATUS (status) == 0;
}

static void
test_hidepid (void)
{
  if (geteuid () != 0 || !can_mount_own_proc ())
    {
      g_test_skip ("needs root, and a mount namespace with a /proc of its own");
      return;
    }
  if (!nobody_can_run_workload ())
    {
      g_test_skip ("user nobody cannot run the workload from this checkout's directory");
      return;
    }
  in_subprocess (hidden_by_hidepid);
}

static void
on_unreadable (MgRecording *rec,
               guint        n_samples,
               gboolean    *noted)
{
  *noted = mg_recording_get_n_unreadable (rec) > 0;
}

/* A child of root watched by nobody through a plain /proc: its RSS is read
 * (status is public), its PSS is refused and the message says so. */
static void
pss_of_another_user (void)
{
  const char *argv[] = { "other", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 3600);
  g_autoptr(MgSampler) sampler = NULL;
  g_autofree char *message = NULL;
  gboolean noted = FALSE;
  pid_t other;

  other = spawn_holder (40);
  become_nobody ();

  sampler = mg_sampler_new (rec, getpid (), g_get_monotonic_time ());
  mg_sampler_set_pss (sampler, TRUE);
  g_signal_connect (rec, "samples-added", G_CALLBACK (on_unreadable), &noted);
  g_assert_true (mg_sampler_start (sampler, NULL));
  sample_until (sampler, rec, 40 * MIB);
  g_assert_true (mg_test_wait_for (&noted, 10));

  g_assert_cmpuint (mg_recording_get_n_processes (rec), ==, 1);
  g_assert_cmpuint (mg_recording_get_n_unreadable (rec), ==, 1);
  g_assert_cmpint (mg_recording_get_unreadable (rec, 0)->pid, ==, other);
  g_assert_cmpint (mg_recording_get_unreadable (rec, 0)->what, ==, MG_UNREADABLE_PSS);
  g_assert_false (mg_recording_has_pss (rec));
  message = mg_recording_dup_unreadable_message (rec);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, "PSS and USS of process"));

  mg_sampler_stop (sampler);
  become_root ();
  kill (other, SIGKILL);
  g_assert_cmpint (waitpid (other, NULL, 0), ==, other);
}

static void
test_pss_of_another_user (void)
{
  if (geteuid () != 0)
    {
      g_test_skip ("acting as another user needs root");
      return;
    }
  in_subprocess (pss_of_another_user);
}

/* memgraph-gtk --no-window -i 0.05 -o @json -- @command…, not waited for. */
static GSubprocess *
spawn_batch (const char         *json,
             const char * const *command)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;

  g_ptr_array_add (argv, (char *) g_getenv ("MG_BINARY"));
  g_ptr_array_add (argv, (char *) "--no-window");
  g_ptr_array_add (argv, (char *) "-i");
  g_ptr_array_add (argv, (char *) "0.05");
  g_ptr_array_add (argv, (char *) "-o");
  g_ptr_array_add (argv, (char *) json);
  g_ptr_array_add (argv, (char *) "--");
  for (guint i = 0; command[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) command[i]);
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                            &error);
  g_assert_no_error (error);
  return proc;
}

/* A background child and a setsid() grandchild, below sh below
 * memgraph-launch below memgraph-record. */
static const char *const detached_tree[] = {
  "sh", "-c", "sleep 300 & setsid sleep 300 & wait", NULL
};

/* kill -9 of memgraph-gtk --no-window: memgraph-record gets its
 * parent-death signal, then memgraph-launch, which ends the whole tree, the
 * setsid() grandchild too. */
static void
test_kill9_batch (void)
{
  g_autofree char *dir = g_dir_make_tmp ("memgraph-kill9-XXXXXX", NULL);
  g_autofree char *json = g_build_filename (dir, "run.json", NULL);
  g_autoptr(GSubprocess) proc = spawn_batch (json, (const char * const *) detached_tree);
  int memgraph = atoi (g_subprocess_get_identifier (proc));
  g_autoptr(GArray) tree = mg_test_wait_tree (memgraph, 5, 20);

  /* memgraph-record, memgraph-launch, sh, and the two sleeps. */
  g_assert_cmpuint (tree->len, ==, 5);
  g_assert_cmpuint (mg_test_count_alive (tree), ==, 5);

  kill (memgraph, SIGKILL);
  g_assert_true (g_subprocess_wait (proc, NULL, NULL));
  g_assert_true (g_subprocess_get_if_signaled (proc));
  g_assert_cmpuint (mg_test_wait_none_alive (tree, 5), ==, 0);
  mg_test_kill_procs (tree);
  g_rmdir (dir);
}

/* kill -9 of memgraph-launch: the recorder ends every process it knows
 * through pidfds, and memgraph-gtk still writes its outputs. */
static void
test_kill9_helper (void)
{
  g_autofree char *dir = g_dir_make_tmp ("memgraph-kill9-XXXXXX", NULL);
  g_autofree char *json = g_build_filename (dir, "run.json", NULL);
  g_autoptr(GSubprocess) proc = spawn_batch (json, (const char * const *) detached_tree);
  int memgraph = atoi (g_subprocess_get_identifier (proc));
  g_autoptr(GArray) tree = mg_test_wait_tree (memgraph, 5, 20);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *exit_obj;
  int launcher;

  g_assert_cmpuint (tree->len, ==, 5);
  launcher = g_array_index (tree, MgTestProc, 1).pid;
  g_assert_cmpint (launcher, !=, 0);
  /* A few samples, so that memgraph-gtk has seen the whole tree. */
  g_usleep (500000);

  kill (launcher, SIGKILL);
  g_assert_true (g_subprocess_wait (proc, NULL, NULL));
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 128 + SIGKILL);
  g_assert_cmpuint (mg_test_wait_none_alive (tree, 5), ==, 0);
  mg_test_kill_procs (tree);

  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  exit_obj = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                            "exit");
  g_assert_cmpint (json_object_get_int_member (exit_obj, "signal"), ==, SIGKILL);
  g_unlink (json);
  g_rmdir (dir);
}

/* kill -9 of memgraph-launch before the recorder has sampled the tree (one
 * sample at the start, the next in 5 s): what the helper leaves comes back
 * to memgraph-record, a subreaper, which ends it. */
static void
test_kill9_helper_unsampled (void)
{
  g_autofree char *dir = g_dir_make_tmp ("memgraph-kill9-XXXXXX", NULL);
  g_autofree char *json = g_build_filename (dir, "run.json", NULL);
  const char *argv[] = {
    g_getenv ("MG_BINARY"), "--no-window", "-i", "5", "-o", json, "--",
    detached_tree[0], detached_tree[1], detached_tree[2], NULL
  };
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GArray) tree = NULL;
  g_autoptr(GError) error = NULL;
  int memgraph;

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  memgraph = atoi (g_subprocess_get_identifier (proc));
  tree = mg_test_wait_tree (memgraph, 5, 20);
  g_assert_cmpuint (tree->len, ==, 5);

  kill (g_array_index (tree, MgTestProc, 1).pid, SIGKILL);
  g_assert_true (g_subprocess_wait (proc, NULL, NULL));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 128 + SIGKILL);
  g_assert_cmpuint (mg_test_wait_none_alive (tree, 5), ==, 0);
  mg_test_kill_procs (tree);
  g_unlink (json);
  g_rmdir (dir);
}

/* kill -9 of memgraph-record: its helper gets its parent-death signal and
 * ends the whole tree; memgraph-gtk keeps what was recorded, writes its
 * outputs, says what happened, and exits 255, the outcome not known. */
static void
test_kill9_recorder (void)
{
  g_autofree char *dir = g_dir_make_tmp ("memgraph-kill9-XXXXXX", NULL);
  g_autofree char *json = g_build_filename (dir, "run.json", NULL);
  const char *argv[] = {
    g_getenv ("MG_BINARY"), "--no-window", "-i", "0.05", "-o", json, "--",
    detached_tree[0], detached_tree[1], detached_tree[2], NULL
  };
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GArray) tree = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *err = NULL;
  JsonObject *obj;
  int memgraph;

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  memgraph = atoi (g_subprocess_get_identifier (proc));
  tree = mg_test_wait_tree (memgraph, 5, 20);
  g_assert_cmpuint (tree->len, ==, 5);
  /* Samples of the whole tree first. */
  g_usleep (600000);

  kill (g_array_index (tree, MgTestProc, 0).pid, SIGKILL);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_test_message ("%s", err);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 255);
  g_assert_nonnull (strstr (err, "The recorder, memgraph-record, ended before the run after "));
  g_assert_nonnull (strstr (err, "(killed by signal 9 (SIGKILL)): its helper ended the command "
                                 "with it"));
  g_assert_cmpuint (mg_test_wait_none_alive (tree, 5), ==, 0);
  mg_test_kill_procs (tree);

  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  obj = json_node_get_object (json_parser_get_root (parser));
  /* What was recorded is kept: 0.6 s at 0.05 s. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (obj, "samples"), "time_s")), >=, 5);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "processes")), >=,
                    3);
  g_unlink (json);
  g_rmdir (dir);
}

/* Whether process @pid holds the pipe whose descriptor in our process is
 * @fd (the same "pipe:[inode]"). */
static gboolean
holds_pipe (int pid,
            int fd)
{
  g_autofree char *ours_path = g_strdup_printf ("/proc/self/fd/%d", fd);
  g_autofree char *ours = g_file_read_link (ours_path, NULL);
  g_autofree char *dir_path = g_strdup_printf ("/proc/%d/fd", pid);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  g_assert_nonnull (ours);
  g_assert_true (g_str_has_prefix (ours, "pipe:["));
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *target = g_file_read_link (path, NULL);

      if (g_strcmp0 (target, ours) == 0)
        return TRUE;
    }
  return FALSE;
}

/* memgraph-gtk starts its recorder without a fork (posix_spawn, which
 * leaves it every descriptor not marked close-on-exec): the recorder
 * closes all but its stream and control channel. A descriptor memgraph-gtk
 * was given, open across exec (the write end of a pipe, which would keep
 * its reader from seeing the end), reaches neither the recorder nor the
 * command. */
static void
test_recorder_descriptors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("memgraph-fds-XXXXXX", NULL);
  g_autofree char *json = g_build_filename (dir, "run.json", NULL);
  const char *argv[] = {
    g_getenv ("MG_BINARY"), "--no-window", "-i", "0.05", "-o", json, "--",
    "sh", "-c", "sleep 60 & wait", NULL
  };
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (
    G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GArray) tree = NULL;
  g_autoptr(GError) error = NULL;
  gboolean held;
  int fds[2], memgraph, leaked = 0;

  g_assert_true (g_unix_open_pipe (fds, FD_CLOEXEC, &error));
  /* memgraph-gtk's descriptor 9, not close-on-exec. */
  g_subprocess_launcher_take_fd (launcher, dup (fds[1]), 9);
  proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  memgraph = atoi (g_subprocess_get_identifier (proc));
  tree = mg_test_wait_tree (memgraph, 4, 20);
  /* memgraph-record, memgraph-launch, sh, sleep */
  g_assert_cmpuint (tree->len, ==, 4);

  held = holds_pipe (memgraph, fds[1]);
  for (guint i = 0; i < tree->len; i++)
    if (holds_pipe (g_array_index (tree, MgTestProc, i).pid, fds[1]))
      leaked = g_array_index (tree, MgTestProc, i).pid;

  /* Ended before asserting, so that a failure leaves nothing running. */
  kill (memgraph, SIGTERM);
  g_assert_true (g_subprocess_wait (proc, NULL, NULL));
  g_assert_cmpuint (mg_test_wait_none_alive (tree, 5), ==, 0);
  mg_test_kill_procs (tree);
  g_assert_true (held);
  g_assert_cmpint (leaked, ==, 0);
  close (fds[0]);
  close (fds[1]);
  g_unlink (json);
  g_rmdir (dir);
}

/* memgraph-record --parent-pid=@parent -- sh -c 'touch @mark', its
 * control channel (standard input) open until it ends: its exit status. */
static int
run_recorder_as_child_of (int         parent,
                          const char *mark)
{
  g_autofree char *script = g_strdup_printf ("touch '%s'", mark);
  g_autofree char *parent_arg = g_strdup_printf ("--parent-pid=%d", parent);
  const char *argv[] = {
    g_getenv ("MG_RECORD_BINARY"), parent_arg, "--", "sh", "-c", script, NULL
  };
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                  G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait (proc, NULL, NULL));
  g_assert_true (g_subprocess_get_if_exited (proc));
  return g_subprocess_get_exit_status (proc);
}

/* memgraph-record told its parent is a process that is not (memgraph-gtk
 * died before the recorder could ask to die with it): it starts nothing.
 * Told the truth, it runs the command. */
static void
test_recorder_orphaned (void)
{
  g_autofree char *dir = g_dir_make_tmp ("memgraph-orphan-XXXXXX", NULL);
  g_autofree char *mark = g_build_filename (dir, "started", NULL);

  g_assert_cmpint (run_recorder_as_child_of ((int) getppid (), mark), ==, 127);
  g_assert_false (g_file_test (mark, G_FILE_TEST_EXISTS));

  g_assert_cmpint (run_recorder_as_child_of ((int) getpid (), mark), ==, 0);
  g_assert_true (g_file_test (mark, G_FILE_TEST_EXISTS));
  g_unlink (mark);
  g_rmdir (dir);
}

/* One Stop ends a tree of 1,101 processes: SIGTERM reaches every one, the
 * 550 that do not ignore it end at once; the shell and the 550 that ignore
 * it end on SIGKILL after the grace time. */
static void
test_stop_thousand (void)
{
  const char *argv[] = {
    "sh", "-c",
    "for i in $(seq 550); do sleep 300 & done; trap '' TERM; "
    "for i in $(seq 550); do sleep 300 & done; wait", NULL
  };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.1);
  g_autoptr(MgRunner) runner = mg_runner_new (rec);
  g_autoptr(GArray) tree = NULL;
  gboolean done = FALSE;
  MgTestProc shell = { 0 };
  guint alive_in_grace;
  char state;

  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);
  g_assert_true (mg_runner_start (runner, NULL));
  shell.pid = mg_runner_get_pid (runner);
  g_assert_true (mg_test_proc_stat (shell.pid, &shell.start, &state));

  tree = mg_test_wait_tree (shell.pid, 1100, 120);
  g_assert_cmpuint (tree->len, ==, 1100);
  g_array_append_val (tree, shell);
  g_assert_cmpuint (mg_test_count_alive (tree), ==, 1101);

  g_test_timer_start ();
  mg_runner_stop (runner);
  /* Within the grace time (3 s): those that ignore SIGTERM are left. */
  mg_test_wait_for (&done, 1.5);
  alive_in_grace = mg_test_count_alive (tree);
  g_assert_false (done);
  g_assert_true (mg_test_wait_for (&done, 60));
  g_test_message ("stopped 1,101 processes in %.2f s, %u left after SIGTERM",
                  g_test_timer_elapsed (), alive_in_grace);
  g_assert_cmpuint (alive_in_grace, ==, 551);

  g_assert_cmpuint (mg_test_count_alive (tree), ==, 0);
  mg_test_kill_procs (tree);
  g_assert_cmpint (mg_recording_get_exit (rec)->kind, ==, MG_EXIT_SIGNAL);
  g_assert_cmpint (mg_recording_get_exit (rec)->code, ==, SIGKILL);
  /* Stop does not depend on what the sampler has seen: memgraph-launch
   * walks the tree itself. */
  g_test_message ("%u of them sampled before the Stop", mg_recording_get_n_processes (rec));
}

/* A script whose "#!" interpreter is missing: the message names both. */
static void
test_missing_interpreter (void)
{
  g_autofree char *dir = g_dir_make_tmp ("memgraph-interp-XXXXXX", NULL);
  g_autofree char *script = g_build_filename (dir, "run.sh", NULL);
  g_autofree char *json = g_build_filename (dir, "run.json", NULL);
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *exit_obj;

  g_assert_true (g_file_set_contents (script, "#!/usr/bin/nothere -x\necho hi\n", -1, NULL));
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);

  /* As typed, relative to the directory given with -C. */
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE, &error, g_getenv ("MG_BINARY"),
                           "--no-window", "-C", dir, "-o", json, "--", "./run.sh", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_test_message ("%s", err);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 127);
  g_assert_true (g_str_has_prefix (err, "memgraph-gtk: Could not start: interpreter "
                                        "/usr/bin/nothere of ./run.sh was not found; "));

  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  exit_obj = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                            "exit");
  g_assert_cmpstr (json_object_get_string_member (exit_obj, "error"), ==,
                   "interpreter /usr/bin/nothere of ./run.sh was not found");

  /* Found through PATH, by its name alone. */
  g_clear_object (&proc);
  g_clear_pointer (&err, g_free);
  {
    g_autoptr(GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
    g_autofree char *path = g_strdup_printf ("%s:%s", dir, g_getenv ("PATH"));

    g_subprocess_launcher_setenv (launcher, "PATH", path, TRUE);
    proc = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("MG_BINARY"), "--no-window",
                                        "--", "run.sh", NULL);
    g_assert_no_error (error);
  }
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 127);
  g_assert_true (g_str_has_prefix (err, "memgraph-gtk: Could not start: interpreter "
                                        "/usr/bin/nothere of run.sh was not found; "));

  /* Windows line ends: the kernel looks for "/bin/sh\r". */
  g_clear_object (&proc);
  g_clear_pointer (&err, g_free);
  g_assert_true (g_file_set_contents (script, "#!/bin/sh\r\necho hi\r\n", -1, NULL));
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE, &error, g_getenv ("MG_BINARY"),
                           "--no-window", "-C", dir, "--", "./run.sh", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 127);
  g_assert_true (g_str_has_prefix (err, "memgraph-gtk: Could not start: interpreter /bin/sh of "
                                        "./run.sh was not found: its “#!” line ends with a "
                                        "carriage return (Windows line ends); "));

  /* A script that is really missing still says so plainly. */
  g_clear_object (&proc);
  g_clear_pointer (&err, g_free);
  expected = g_build_filename (dir, "absent.sh", NULL);
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE, &error, g_getenv ("MG_BINARY"),
                           "--no-window", "--", expected, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (err, "memgraph-gtk: Could not start: No such file or "
                                        "directory; "));

  g_unlink (json);
  g_unlink (script);
  g_rmdir (dir);
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
  g_test_add_func ("/memgraph/faults/proc-vanishes-between-reads", test_vanish_between_reads);
  g_test_add_func ("/memgraph/faults/proc-hidden-by-hidepid", test_hidepid);
  g_test_add_func ("/memgraph/faults/proc-pss-of-another-user", test_pss_of_another_user);
  g_test_add_func ("/memgraph/faults/kill-9-batch-leaves-nothing", test_kill9_batch);
  g_test_add_func ("/memgraph/faults/kill-9-helper-leaves-nothing", test_kill9_helper);
  g_test_add_func ("/memgraph/faults/kill-9-helper-before-a-sample", test_kill9_helper_unsampled);
  g_test_add_func ("/memgraph/faults/kill-9-recorder-leaves-nothing", test_kill9_recorder);
  g_test_add_func ("/memgraph/faults/recorder-keeps-only-its-descriptors",
                   test_recorder_descriptors);
  g_test_add_func ("/memgraph/faults/recorder-whose-parent-is-gone", test_recorder_orphaned);
  g_test_add_func ("/memgraph/faults/stop-1101-processes", test_stop_thousand);
  g_test_add_func ("/memgraph/faults/missing-interpreter", test_missing_interpreter);

  return g_test_run ();
}
