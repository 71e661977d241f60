/* mg-bench-proc.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What reading /proc costs, on a child process holding 1 GiB: one line per
 * figure, "name value unit". And how soon the end of a process attached to
 * is noticed (sampling every second), the median of 21.
 */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "mg-attach.h"
#include "mg-proc.h"

#define ROUNDS 2000

static double
now_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static double
kept_open (pid_t       pid,
           const char *file,
           int         rounds)
{
  char buf[8192];
  int fd = mg_proc_open (pid, file, NULL);
  double t0 = now_us ();

  for (int i = 0; i < rounds; i++)
    if (mg_proc_pread (fd, buf, sizeof buf) < 0)
      return -1;
  close (fd);
  return (now_us () - t0) / rounds;
}

static double
reopened (pid_t       pid,
          const char *file,
          int         rounds)
{
  char buf[8192];
  double t0 = now_us ();

  for (int i = 0; i < rounds; i++)
    {
      int fd = mg_proc_open (pid, file, NULL);

      if (mg_proc_pread (fd, buf, sizeof buf) < 0)
        return -1;
      close (fd);
    }
  return (now_us () - t0) / rounds;
}

static void
on_finished (MgRecording *recording,
             gboolean    *finished)
{
  *finished = TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* From SIGKILL to the recording finished, attached with a 1 s interval. */
static double
attach_end_notice_ms (void)
{
  double times[21];

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(MgAttach) attach = NULL;
      gboolean finished = FALSE;
      pid_t pid = fork ();
      double t0;

      if (pid == 0)
        {
          pause ();
          _exit (0);
        }
      /* Time to reach pause (). */
      g_usleep (20000);
      attach = mg_attach_new (&pid, 1, 1.0, NULL);
      if (attach == NULL || !mg_attach_start (attach, NULL))
        return -1;
      g_signal_connect (mg_attach_get_recording (attach), "finished", G_CALLBACK (on_finished),
                        &finished);
      t0 = now_us ();
      kill (pid, SIGKILL);
      while (!finished && now_us () - t0 < 5e6)
        g_main_context_iteration (NULL, TRUE);
      times[i] = (now_us () - t0) / 1e3;
      waitpid (pid, NULL, 0);
    }
  qsort (times, G_N_ELEMENTS (times), sizeof times[0], compare_doubles);
  return times[G_N_ELEMENTS (times) / 2];
}

/* Parsing a status file already read, µs each. */
static double
parse_status_us (pid_t pid,
                 guint rounds)
{
  char buf[4096];
  MgStatus status;
  int fd = mg_proc_open (pid, "status", NULL);
  gssize n = fd >= 0 ? mg_proc_pread (fd, buf, sizeof buf) : -1;
  double t0;

  if (fd >= 0)
    close (fd);
  if (n <= 0)
    return -1;
  t0 = now_us ();
  for (guint i = 0; i < rounds; i++)
    if (!mg_proc_parse_status (buf, n, &status))
      return -1;
  return (now_us () - t0) / rounds;
}

int
main (void)
{
  size_t bytes = (size_t) 1 << 30;
  int ready[2];
  char children[64];
  char c;
  pid_t pid;

  if (pipe (ready) != 0)
    return 1;
  pid = fork ();
  if (pid == 0)
    {
      char *p = mmap (NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

      for (size_t i = 0; i < bytes; i += 4096)
        p[i] = 1;
      if (write (ready[1], "x", 1) != 1)
        _exit (1);
      pause ();
      _exit (0);
    }
  if (read (ready[0], &c, 1) != 1)
    return 1;

  g_snprintf (children, sizeof children, "task/%d/children", (int) pid);
  printf ("pread_statm_us %.2f us\n", kept_open (pid, "statm", ROUNDS));
  printf ("pread_status_us %.2f us\n", kept_open (pid, "status", ROUNDS));
  printf ("pread_children_us %.2f us\n", kept_open (pid, children, ROUNDS));
  printf ("parse_status_us %.2f us\n", parse_status_us (pid, ROUNDS));
  printf ("open_read_close_status_us %.2f us\n", reopened (pid, "status", ROUNDS));
  printf ("smaps_rollup_1gib_us %.1f us\n", reopened (pid, "smaps_rollup", 50));

  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);

  printf ("attach_end_notice_ms %.2f ms\n", attach_end_notice_ms ());
  return 0;
}
