/* mg-demo.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workload behind "Try a demo": grows to 320 MiB in steps, frees half,
 * spikes briefly, and exits. Plain C, so it is all the graph shows.
 * With --floats it does the same with half the memory, as a program that
 * stores floats instead of doubles would: run both and compare them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MIB (1024 * 1024)

static void
pause_ms (long ms)
{
  struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

  while (nanosleep (&ts, &ts) != 0)
    ;
}

static char *
take (size_t mib)
{
  char *p = malloc (mib * MIB);

  if (p == NULL)
    {
      fprintf (stderr, "memgraph-demo: out of memory\n");
      exit (1);
    }
  /* Touch every page so that it counts in RSS. Through a volatile pointer,
   * or the compiler drops the writes to memory that is freed unread. */
  for (size_t i = 0; i < mib * MIB; i += 4096)
    ((volatile char *) p)[i] = 1;
  return p;
}

static size_t scale = 2;   /* halves of the sizes below */

int
main (int   argc,
      char *argv[])
{
  char *blocks[8];
  char *spike;

  if (argc > 1 && strcmp (argv[1], "--floats") == 0)
    scale = 1;

  printf ("memgraph-demo: growing to %zu MiB in 8 steps\n", 160 * scale);
  fflush (stdout);
  pause_ms (300);
  for (int i = 0; i < 8; i++)
    {
      blocks[i] = take (20 * scale);
      pause_ms (400);
    }

  printf ("memgraph-demo: freeing %zu MiB\n", 80 * scale);
  fflush (stdout);
  for (int i = 4; i < 8; i++)
    free (blocks[i]);
  pause_ms (1000);

  printf ("memgraph-demo: a brief %zu MiB spike\n", 100 * scale);
  fflush (stdout);
  spike = take (100 * scale);
  pause_ms (300);
  free (spike);
  pause_ms (1000);

  for (int i = 0; i < 4; i++)
    free (blocks[i]);
  printf ("memgraph-demo: done\n");
  return 0;
}
