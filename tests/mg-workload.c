/* mg-workload.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Programs whose memory use and ending the tests know in advance:
 *   mg-workload hold MIB SECONDS     map MIB of anonymous memory, touch it, wait, exit 0
 *   mg-workload exit STATUS          exit at once with STATUS
 *   mg-workload kill SIGNAL          kill itself with SIGNAL
 *   mg-workload sleep SECONDS        wait, exit 0
 *   mg-workload ignore-term SECONDS  ignore SIGTERM, wait, exit 0
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static void
pause_s (double seconds)
{
  struct timespec ts;

  ts.tv_sec = (time_t) seconds;
  ts.tv_nsec = (long) ((seconds - ts.tv_sec) * 1e9);
  while (nanosleep (&ts, &ts) != 0)
    ;
}

static int
usage (void)
{
  fprintf (stderr, "usage: mg-workload hold MIB SECONDS | exit STATUS | kill SIGNAL | "
                   "sleep SECONDS | ignore-term SECONDS\n");
  return 64;
}

int
main (int   argc,
      char *argv[])
{
  if (argc < 3)
    return usage ();

  if (strcmp (argv[1], "hold") == 0 && argc == 4)
    {
      size_t bytes = (size_t) atol (argv[2]) * 1024 * 1024;
      char *p = mmap (NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

      if (p == MAP_FAILED)
        {
          perror ("mmap");
          return 1;
        }
      for (size_t i = 0; i < bytes; i += 4096)
        ((volatile char *) p)[i] = 1;
      pause_s (atof (argv[3]));
      munmap (p, bytes);
      return 0;
    }
  if (strcmp (argv[1], "exit") == 0)
    return atoi (argv[2]);
  if (strcmp (argv[1], "kill") == 0)
    {
      /* No core files from the tests. */
      signal (SIGABRT, SIG_DFL);
      kill (getpid (), atoi (argv[2]));
      pause_s (5);
      return 99;
    }
  if (strcmp (argv[1], "sleep") == 0)
    {
      pause_s (atof (argv[2]));
      return 0;
    }
  if (strcmp (argv[1], "ignore-term") == 0)
    {
      signal (SIGTERM, SIG_IGN);
      pause_s (atof (argv[2]));
      return 0;
    }
  return usage ();
}
