/* mg-launch.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * memgraph-launch FD COMMAND [ARG…]
 *
 * The parent of the measured command. It makes itself a child subreaper, so
 * that descendants which double-fork or call setsid() are re-parented to it
 * instead of init, starts COMMAND, and reaps every process of the tree with
 * wait4(), which gives the kernel's exact high-water mark of each one
 * (ru_maxrss) whatever the sampling interval. It reports on FD, one line each:
 *
 *   start PID                          COMMAND runs as PID
 *   error ERRNO                        COMMAND could not be executed
 *   exit PID WAIT_STATUS MAXRSS_KIB T  a process of the tree ended at
 *                                      CLOCK_MONOTONIC time T (microseconds)
 *
 * It exits when the last process of the tree has ended, with COMMAND's
 * status (or killed by the same signal). Signals sent to it by another
 * process (memgraph-gtk's Stop) are passed on to COMMAND.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const int forwarded[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGCONT };
static volatile pid_t command_pid;

static void
forward (int        signum,
         siginfo_t *info,
         void      *context)
{
  /* A signal from the terminal (Ctrl+C) reaches the command by itself, as it
   * is in the same process group; only pass on those sent with kill(). */
  if (info->si_code == SI_USER && command_pid > 0)
    kill (command_pid, signum);
}

static long long
monotonic_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (long long) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int
main (int   argc,
      char *argv[])
{
  sigset_t fwd_set, old_set;
  struct sigaction sa;
  int command_status = 0;
  int report_fd, err_pipe[2], exec_errno = 0;
  FILE *report;
  pid_t pid;

  if (argc < 3)
    {
      fprintf (stderr, "usage: memgraph-launch FD COMMAND [ARG…]\n");
      return 125;
    }

  report_fd = atoi (argv[1]);
  report = fdopen (report_fd, "w");
  if (report == NULL)
    return 125;
  setvbuf (report, NULL, _IOLBF, 0);
  fcntl (report_fd, F_SETFD, FD_CLOEXEC);

  prctl (PR_SET_CHILD_SUBREAPER, 1);
  prctl (PR_SET_PDEATHSIG, SIGKILL);

  sigemptyset (&fwd_set);
  for (size_t i = 0; i < sizeof forwarded / sizeof forwarded[0]; i++)
    sigaddset (&fwd_set, forwarded[i]);
  sigprocmask (SIG_BLOCK, &fwd_set, &old_set);

  if (pipe2 (err_pipe, O_CLOEXEC) != 0)
    return 125;

  pid = fork ();
  if (pid < 0)
    {
      fprintf (report, "error %d\n", errno);
      return 127;
    }
  if (pid == 0)
    {
      close (err_pipe[0]);
      prctl (PR_SET_PDEATHSIG, SIGKILL);
      prctl (PR_SET_CHILD_SUBREAPER, 0);
      sigprocmask (SIG_SETMASK, &old_set, NULL);
      execvp (argv[2], argv + 2);
      exec_errno = errno;
      /* exec says "Permission denied" for a directory: say what it is. */
      if (exec_errno == EACCES && strchr (argv[2], '/') != NULL)
        {
          struct stat st;

          if (stat (argv[2], &st) == 0 && S_ISDIR (st.st_mode))
            exec_errno = EISDIR;
        }
      if (write (err_pipe[1], &exec_errno, sizeof exec_errno) < 0)
        _exit (127);
      _exit (127);
    }

  close (err_pipe[1]);
  while (read (err_pipe[0], &exec_errno, sizeof exec_errno) < 0 && errno == EINTR)
    ;
  close (err_pipe[0]);
  if (exec_errno != 0)
    {
      waitpid (pid, NULL, 0);
      fprintf (report, "error %d\n", exec_errno);
      return 127;
    }

  command_pid = pid;
  fprintf (report, "start %d\n", (int) pid);

  memset (&sa, 0, sizeof sa);
  sa.sa_sigaction = forward;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  sigemptyset (&sa.sa_mask);
  for (size_t i = 0; i < sizeof forwarded / sizeof forwarded[0]; i++)
    sigaction (forwarded[i], &sa, NULL);
  sigprocmask (SIG_SETMASK, &old_set, NULL);

  for (;;)
    {
      struct rusage ru;
      int status;
      pid_t done = wait4 (-1, &status, 0, &ru);

      if (done < 0)
        {
          if (errno == EINTR)
            continue;
          break;   /* ECHILD: the tree is empty */
        }
      fprintf (report, "exit %d %d %ld %lld\n", (int) done, status, ru.ru_maxrss, monotonic_us ());
      if (done == pid)
        command_status = status;
    }

  fclose (report);

  if (WIFSIGNALED (command_status))
    {
      struct rlimit no_core = { 0, 0 };
      int signum = WTERMSIG (command_status);

      /* End the same way as the command, without a core file of our own. */
      setrlimit (RLIMIT_CORE, &no_core);
      signal (signum, SIG_DFL);
      sigprocmask (SIG_UNBLOCK, &fwd_set, NULL);
      raise (signum);
    }
  return WIFEXITED (command_status) ? WEXITSTATUS (command_status) : 1;
}
