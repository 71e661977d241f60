/* test-remote.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Commands run elsewhere (--via): through a plain wrapper always, through a
 * relay that plays a link whose connection can be killed, in a PID
 * namespace of its own, and through a real ssh to this machine where an
 * sshd can be started for the test.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <glib/gstdio.h>
#include <dirent.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include "mg-import.h"
#include "mg-remote.h"
#include "mg-test-util.h"

typedef struct
{
  MgRecording *recording;
  MgRemote    *remote;
  gboolean     finished;
} Run;

static void
on_finished (MgRecording *recording,
             gpointer     user_data)
{
  ((Run *) user_data)->finished = TRUE;
}

static void
run_clear (Run *run)
{
  g_clear_object (&run->remote);
  g_clear_object (&run->recording);
}

/* Starts ARGV through VIA and returns at once. */
static void
run_start (Run                *run,
           const char         *via,
           const char * const *argv,
           double              interval_s)
{
  g_autoptr(GError) error = NULL;

  memset (run, 0, sizeof *run);
  run->recording = mg_recording_new (argv, "", interval_s);
  g_signal_connect (run->recording, "finished", G_CALLBACK (on_finished), run);
  run->remote = mg_remote_new (via, run->recording, &error);
  g_assert_no_error (error);
  mg_remote_set_capture_output (run->remote, TRUE);
  g_assert_true (mg_remote_start (run->remote, &error));
  g_assert_no_error (error);
}

static void
run_wait (Run    *run,
          double  timeout_s)
{
  g_assert_true (mg_test_wait_for (&run->finished, timeout_s));
  g_assert_false (mg_remote_is_running (run->remote));
}

/* Runs the main context until the recording holds at least @bytes of RSS. */
static void
wait_for_rss (Run     *run,
              guint64  bytes)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (mg_recording_get_sampled_peak_rss (run->recording) < bytes &&
         g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_cmpuint (mg_recording_get_sampled_peak_rss (run->recording), >=, bytes);
}

/* Whether a process whose command line holds @needle (as its arguments,
 * NUL-separated in /proc) still runs. */
static gboolean
process_running (const char *needle)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *cmdline = NULL;
      gsize length = 0;

      if (!g_ascii_isdigit (name[0]))
        continue;
      path = g_strdup_printf ("/proc/%s/cmdline", name);
      if (!g_file_get_contents (path, &cmdline, &length, NULL) || length == 0)
        continue;
      for (gsize i = 0; i + 1 < length; i++)
        if (cmdline[i] == '\0')
          cmdline[i] = ' ';
      if (strstr (cmdline, needle) != NULL && strstr (cmdline, "test-remote") == NULL)
        return TRUE;
    }
  return FALSE;
}

/* Waits (bounded) for no process holding @needle to run. */
static gboolean
wait_gone (const char *needle)
{
  for (int i = 0; i < 200; i++)
    {
      if (!process_running (needle))
        return TRUE;
      g_usleep (50 * 1000);
    }
  return FALSE;
}

static void
assert_peak_near (MgRecording *recording,
                  double       mib)
{
  double peak = mg_recording_get_peak_rss (recording) / MIB;

  /* The workload's own pages (a few MiB) come on top of what it holds. */
  g_assert_cmpfloat (peak, >=, mib * 0.98);
  g_assert_cmpfloat (peak, <=, mib * 1.05 + 8);
}

/* A plain wrapper that passes argv on: the same graph as a local run. */
static void
test_wrapper (void)
{
  const char *argv[] = { mg_test_workload (), "hold", "137", "1.5", NULL };
  Run run;

  run_start (&run, "env", argv, 0.05);
  run_wait (&run, 60);

  g_assert_cmpint (mg_recording_get_exit (run.recording)->kind, ==, MG_EXIT_STATUS);
  g_assert_cmpint (mg_recording_get_exit (run.recording)->code, ==, 0);
  assert_peak_near (run.recording, 137);
  /* Followed at the other end: the exact peak of the kernel. */
  g_assert_true (mg_recording_get_peak_is_exact (run.recording));
  g_assert_cmpuint (mg_samples_get_size (mg_recording_get_samples (run.recording)), >=, 10);
  g_assert_cmpuint (mg_recording_get_n_processes (run.recording), >=, 1);
  g_assert_cmpstr (mg_remote_get_name (run.remote), ==, "env");
  run_clear (&run);
}

/* The exit status of the command comes back across the link. */
static void
test_exit_status (void)
{
  const char *argv[] = { mg_test_workload (), "exit", "42", NULL };
  Run run;

  run_start (&run, "env", argv, 0.05);
  run_wait (&run, 30);
  g_assert_cmpint (mg_recording_get_exit (run.recording)->kind, ==, MG_EXIT_STATUS);
  g_assert_cmpint (mg_recording_get_exit (run.recording)->code, ==, 42);
  run_clear (&run);
}

/* Stop ends the command at the other end, as a local Stop would. */
static void
test_stop (void)
{
  const char *argv[] = { mg_test_workload (), "hold", "61", "73", NULL };
  Run run;

  run_start (&run, "env", argv, 0.05);
  wait_for_rss (&run, 60 * MIB);
  mg_remote_stop (run.remote);
  run_wait (&run, 30);
  g_assert_cmpint (mg_recording_get_exit (run.recording)->kind, ==, MG_EXIT_SIGNAL);
  g_assert_cmpint (mg_recording_get_exit (run.recording)->code, ==, SIGTERM);
  g_assert_true (wait_gone ("hold 61 73"));
  run_clear (&run);
}

/* The recorder not installed there: said so, with how to install it. */
static void
test_not_installed (void)
{
  const char *argv[] = { mg_test_workload (), "hold", "10", "1", NULL };
  g_autofree char *saved = g_strdup (g_getenv ("MEMGRAPH_RECORD"));
  const MgExit *exit_info;
  Run run;

  g_setenv ("MEMGRAPH_RECORD", "memgraph-record-not-there", TRUE);
  run_start (&run, "env", argv, 0.05);
  run_wait (&run, 30);
  if (saved != NULL)
    g_setenv ("MEMGRAPH_RECORD", saved, TRUE);
  else
    g_unsetenv ("MEMGRAPH_RECORD");

  exit_info = mg_recording_get_exit (run.recording);
  g_assert_cmpint (exit_info->kind, ==, MG_EXIT_ERROR);
  g_assert_nonnull (strstr (exit_info->message, "is not installed on env"));
  g_assert_nonnull (strstr (exit_info->message, "Install Memory Graph there"));
  g_assert_cmpuint (mg_samples_get_size (mg_recording_get_samples (run.recording)), ==, 0);
  run_clear (&run);
}

/* A link that is not a command at all. */
static void
test_bad_via (void)
{
  const char *argv[] = { "true", NULL };
  g_autoptr(MgRecording) recording = mg_recording_new (argv, "", 0.1);
  g_autoptr(MgRemote) remote = NULL;
  g_autoptr(GError) error = NULL;

  remote = mg_remote_new ("ssh 'render01", recording, &error);
  g_assert_null (remote);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  remote = mg_remote_new ("no-such-link-command host", recording, &error);
  g_assert_no_error (error);
  g_assert_false (mg_remote_start (remote, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-link-command was not found"));
  g_assert_false (mg_recording_is_finished (recording));
}

/* A link that says something of its own first (a login banner on
 * standard output): not a recording, said so; the link is cut and nothing
 * is left running. */
static void
test_not_a_stream (void)
{
  const char *argv[] = { mg_test_workload (), "hold", "23", "67", NULL };
  const MgExit *exit_info;
  Run run;

  run_start (&run, "sh -c 'echo Welcome to render01; exec \"$@\"' sh", argv, 0.05);
  run_wait (&run, 30);
  exit_info = mg_recording_get_exit (run.recording);
  g_assert_cmpint (exit_info->kind, ==, MG_EXIT_ERROR);
  g_assert_true (g_str_has_prefix (exit_info->message, "What came back from "));
  g_assert_nonnull (strstr (exit_info->message, "is not a recording"));
  g_assert_true (wait_gone ("hold 23 67"));
  run_clear (&run);
}

static void
test_names (void)
{
  static const struct { const char *via, *name; } cases[] = {
    { "ssh render01", "render01" },
    { "ssh -p 2222 me@render01", "render01" },
    { "podman exec -i box", "box" },
    { "kubectl exec -i pod --", "pod" },
    { "flatpak-spawn --host", "the host" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = mg_remote_name_of_via (cases[i].via);

      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

static pid_t
read_pid (const char *path)
{
  g_autofree char *text = NULL;

  for (int i = 0; i < 200 && !g_file_get_contents (path, &text, NULL, NULL); i++)
    g_usleep (20 * 1000);
  g_assert_nonnull (text);
  return (pid_t) atoi (text);
}

/* The connection killed mid-run: the run ends with what was recorded and
 * says so; nothing is left running at the other end. */
static void
test_lost (void)
{
  const char *argv[] = { mg_test_workload (), "hold", "83", "97", NULL };
  g_autofree char *dir = g_dir_make_tmp ("mg-remote-XXXXXX", NULL);
  g_autofree char *pidfile = g_build_filename (dir, "relay.pid", NULL);
  g_autofree char *via = g_strdup_printf ("%s relay %s", mg_test_workload (), pidfile);
  const MgExit *exit_info;
  guint n_before;
  Run run;

  run_start (&run, via, argv, 0.05);
  wait_for_rss (&run, 82 * MIB);
  n_before = mg_samples_get_size (mg_recording_get_samples (run.recording));
  g_assert_cmpint (kill (read_pid (pidfile), SIGKILL), ==, 0);
  run_wait (&run, 30);

  exit_info = mg_recording_get_exit (run.recording);
  g_assert_cmpint (exit_info->kind, ==, MG_EXIT_UNKNOWN);
  g_assert_nonnull (exit_info->message);
  g_assert_true (g_str_has_prefix (exit_info->message, "Connection to "));
  g_assert_nonnull (strstr (exit_info->message, " lost after "));
  /* What was recorded is kept */
  g_assert_cmpuint (mg_samples_get_size (mg_recording_get_samples (run.recording)), >=, n_before);
  assert_peak_near (run.recording, 83);
  /* The recorder saw its control channel end and ended the tree. */
  g_assert_true (wait_gone ("hold 83 97"));
  g_assert_true (wait_gone ("memgraph-record"));

  g_unlink (pidfile);
  g_rmdir (dir);
  run_clear (&run);
}

/* --via with --pid in batch mode: a process running there, watched from
 * the moment of attaching until it ends; the peak is its own since it
 * started. */
static void
test_batch_attach (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mg-remote-XXXXXX", NULL);
  g_autofree char *json = g_build_filename (dir, "out.json", NULL);
  g_autofree char *pid_text = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GSubprocess) workload = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(MgRecording) recording = NULL;

  workload = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, mg_test_workload (), "hold",
                               "66", "2.5", NULL);
  g_assert_no_error (error);
  pid_text = g_strdup (g_subprocess_get_identifier (workload));
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                           &error, g_getenv ("MG_BINARY"), "--no-window", "-i", "0.05",
                           "--via", "env", "--pid", pid_text, "-o", json, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_test_message ("stderr: %s", err);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  g_assert_nonnull (strstr (err, "since the process started"));
  g_subprocess_wait (workload, NULL, NULL);

  file = g_file_new_for_path (json);
  recording = mg_import_file (file, &error);
  g_assert_no_error (error);
  g_assert_true (mg_recording_get_attached (recording));
  assert_peak_near (recording, 66);
  g_assert_cmpuint (mg_samples_get_size (mg_recording_get_samples (recording)), >=, 10);
  g_unlink (json);
  g_rmdir (dir);
}

/* A recorder in a PID and mount namespace of its own: its processes are
 * not in our /proc, yet the graph, the peak, the processes and the exit
 * status are those of a local run. */
static void
test_namespace (void)
{
  const char *argv[] = { mg_test_workload (), "tree", "3", "41", "1.5", NULL };
  g_autofree char *out = NULL;
  int status = 0;
  Run run;

  if (!g_spawn_command_line_sync ("unshare --pid --fork --mount-proc true", &out, NULL,
                                  &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_test_skip ("unshare --pid --fork --mount-proc is not allowed here");
      return;
    }

  run_start (&run, "unshare --pid --fork --mount-proc", argv, 0.05);
  run_wait (&run, 60);
  g_assert_cmpint (mg_recording_get_exit (run.recording)->kind, ==, MG_EXIT_STATUS);
  g_assert_cmpint (mg_recording_get_exit (run.recording)->code, ==, 0);
  /* The workload and its three children, each holding 41 MiB at once. */
  g_assert_cmpuint (mg_recording_get_n_processes (run.recording), ==, 4);
  assert_peak_near (run.recording, 3 * 41);
  for (guint i = 0; i < mg_recording_get_n_processes (run.recording); i++)
    {
      const MgProcess *p = mg_recording_get_process (run.recording, i);

      /* pids of the other namespace: the first process there is the recorder's */
      g_assert_true (p->exited);
      g_assert_true (p->peak_exact);
    }
  run_clear (&run);
}

/* A real ssh to this machine, through an sshd started for the test on a
 * free port with throwaway keys. */
typedef struct
{
  char       *dir;
  char       *via;
  GSubprocess *sshd;
} Ssh;

static guint16
free_port (void)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  guint16 port;

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &addr, &len), ==, 0);
  port = ntohs (addr.sin_port);
  close (fd);
  return port;
}

static gboolean
ssh_start (Ssh *ssh)
{
  g_autofree char *config = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *key = NULL;
  g_autofree char *host_key = NULL;
  g_autofree char *cmd = NULL;
  g_autofree char *pub = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;
  int status;

  g_autofree char *ssh_path = g_find_program_in_path ("ssh");
  g_autofree char *keygen_path = g_find_program_in_path ("ssh-keygen");

  memset (ssh, 0, sizeof *ssh);
  if (getuid () != 0 || !g_file_test ("/usr/sbin/sshd", G_FILE_TEST_IS_EXECUTABLE) ||
      ssh_path == NULL || keygen_path == NULL)
    return FALSE;

  ssh->dir = g_dir_make_tmp ("mg-ssh-XXXXXX", NULL);
  key = g_build_filename (ssh->dir, "key", NULL);
  host_key = g_build_filename (ssh->dir, "host_key", NULL);
  cmd = g_strdup_printf ("ssh-keygen -q -t ed25519 -N '' -f %s", key);
  if (!g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL) || status != 0)
    return FALSE;
  g_free (cmd);
  cmd = g_strdup_printf ("ssh-keygen -q -t ed25519 -N '' -f %s", host_key);
  if (!g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL) || status != 0)
    return FALSE;
  g_mkdir_with_parents ("/run/sshd", 0755);

  port = free_port ();
  config = g_strdup_printf ("Port %u\nListenAddress 127.0.0.1\nHostKey %s\n"
                            "AuthorizedKeysFile %s/key.pub\nPermitRootLogin prohibit-password\n"
                            "PasswordAuthentication no\nKbdInteractiveAuthentication no\n"
                            "UsePAM no\nStrictModes no\nPidFile none\n",
                            port, host_key, ssh->dir);
  config_path = g_build_filename (ssh->dir, "sshd_config", NULL);
  g_assert_true (g_file_set_contents (config_path, config, -1, NULL));
  ssh->sshd = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                                "/usr/sbin/sshd", "-D", "-f", config_path, NULL);
  if (ssh->sshd == NULL)
    return FALSE;
  ssh->via = g_strdup_printf ("ssh -p %u -i %s -o StrictHostKeyChecking=no "
                              "-o UserKnownHostsFile=/dev/null -o BatchMode=yes "
                              "-o LogLevel=ERROR root@127.0.0.1", port, key);
  /* Up once a trivial command runs through it. */
  for (int i = 0; i < 100; i++)
    {
      g_autofree char *probe = g_strdup_printf ("%s true", ssh->via);

      if (g_spawn_command_line_sync (probe, NULL, NULL, &status, NULL) && status == 0)
        return TRUE;
      g_usleep (100 * 1000);
    }
  return FALSE;
}

static void
ssh_stop (Ssh *ssh)
{
  if (ssh->sshd != NULL)
    {
      g_subprocess_force_exit (ssh->sshd);
      g_subprocess_wait (ssh->sshd, NULL, NULL);
    }
  g_clear_object (&ssh->sshd);
  if (ssh->dir != NULL)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf %s", ssh->dir);

      g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
    }
  g_clear_pointer (&ssh->dir, g_free);
  g_clear_pointer (&ssh->via, g_free);
}

/* The ssh client of a run: our child running ssh. */
static pid_t
find_ssh_child (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/proc/%s/stat", name);
      g_autofree char *stat = NULL;
      char comm[64];
      int pid, ppid;
      char state;

      if (!g_ascii_isdigit (name[0]) || !g_file_get_contents (path, &stat, NULL, NULL))
        continue;
      if (sscanf (stat, "%d (%63[^)]) %c %d", &pid, comm, &state, &ppid) == 4 &&
          ppid == getpid () && g_str_equal (comm, "ssh"))
        return pid;
    }
  return 0;
}

static void
test_ssh (void)
{
  const char *argv[] = { mg_test_workload (), "hold", "119", "1.5", NULL };
  const char *long_argv[] = { mg_test_workload (), "hold", "71", "89", NULL };
  const MgExit *exit_info;
  Ssh ssh;
  Run run;

  if (!ssh_start (&ssh))
    {
      ssh_stop (&ssh);
      g_test_skip ("no sshd could be started for the test (needs root and openssh-server)");
      return;
    }

  /* A whole run */
  run_start (&run, ssh.via, argv, 0.05);
  run_wait (&run, 60);
  g_assert_cmpint (mg_recording_get_exit (run.recording)->kind, ==, MG_EXIT_STATUS);
  g_assert_cmpint (mg_recording_get_exit (run.recording)->code, ==, 0);
  assert_peak_near (run.recording, 119);
  g_assert_cmpstr (mg_remote_get_name (run.remote), ==, "127.0.0.1");
  run_clear (&run);

  /* The connection killed mid-run */
  run_start (&run, ssh.via, long_argv, 0.05);
  wait_for_rss (&run, 70 * MIB);
  g_assert_cmpint (kill (find_ssh_child (), SIGKILL), ==, 0);
  run_wait (&run, 30);
  exit_info = mg_recording_get_exit (run.recording);
  g_assert_cmpint (exit_info->kind, ==, MG_EXIT_UNKNOWN);
  g_assert_true (g_str_has_prefix (exit_info->message, "Connection to 127.0.0.1 lost after "));
  assert_peak_near (run.recording, 71);
  /* sshd closed the recorder's stdin: it ended the tree. */
  g_assert_true (wait_gone ("hold 71 89"));
  run_clear (&run);

  ssh_stop (&ssh);
}

/* Batch mode through a link that is lost: outputs written with what was
 * recorded, the loss said, status 255. */
static void
test_batch_lost (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mg-remote-XXXXXX", NULL);
  g_autofree char *pidfile = g_build_filename (dir, "relay.pid", NULL);
  g_autofree char *json = g_build_filename (dir, "out.json", NULL);
  g_autofree char *via = g_strdup_printf ("%s relay %s", mg_test_workload (), pidfile);
  g_autofree char *err = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(MgRecording) recording = NULL;
  pid_t relay;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                           &error, g_getenv ("MG_BINARY"), "--no-window", "-i", "0.05",
                           "--via", via, "-o", json, "--", mg_test_workload (), "hold", "77",
                           "91", NULL);
  g_assert_no_error (error);
  relay = read_pid (pidfile);
  /* Killed once the workload holds its memory at the other end. */
  for (int i = 0; i < 600 && !process_running ("hold 77 91"); i++)
    g_usleep (20 * 1000);
  g_usleep (700 * 1000);
  g_assert_cmpint (kill (relay, SIGKILL), ==, 0);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_test_message ("stderr: %s", err);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 255);
  g_assert_nonnull (strstr (err, "Connection to "));
  g_assert_nonnull (strstr (err, " lost after "));
  g_assert_true (wait_gone ("hold 77 91"));

  file = g_file_new_for_path (json);
  recording = mg_import_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mg_samples_get_size (mg_recording_get_samples (recording)), >=, 5);
  g_assert_nonnull (strstr (mg_recording_get_exit (recording)->message, " lost after "));

  g_unlink (json);
  g_unlink (pidfile);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memgraph/remote/names", test_names);
  g_test_add_func ("/memgraph/remote/bad-via", test_bad_via);
  g_test_add_func ("/memgraph/remote/wrapper", test_wrapper);
  g_test_add_func ("/memgraph/remote/exit-status", test_exit_status);
  g_test_add_func ("/memgraph/remote/stop", test_stop);
  g_test_add_func ("/memgraph/remote/not-installed", test_not_installed);
  g_test_add_func ("/memgraph/remote/not-a-stream", test_not_a_stream);
  g_test_add_func ("/memgraph/remote/lost", test_lost);
  g_test_add_func ("/memgraph/remote/batch-lost", test_batch_lost);
  g_test_add_func ("/memgraph/remote/batch-attach", test_batch_attach);
  g_test_add_func ("/memgraph/remote/namespace", test_namespace);
  g_test_add_func ("/memgraph/remote/ssh", test_ssh);

  return g_test_run ();
}
