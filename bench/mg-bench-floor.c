/* mg-bench-floor.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The least a sampler can do: wake on a timerfd every INTERVAL_MS and
 * pread /proc/PID/status and /proc/PID/task/PID/children, TICKS times.
 * What it costs is the floor the sampler's CPU per sample is measured
 * against (sample_cpu_ratio_floor in mg-bench).
 *
 *   mg-bench-floor PID TICKS INTERVAL_MS
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/timerfd.h>
#include <unistd.h>

int
main (int   argc,
      char *argv[])
{
  char path[64], buf[8192];
  struct itimerspec spec = { 0 };
  long pid, ticks, interval_ms;
  int status_fd, children_fd, timer_fd;
  long total = 0;

  if (argc != 4)
    {
      fprintf (stderr, "usage: %s PID TICKS INTERVAL_MS\n", argv[0]);
      return 2;
    }
  pid = atol (argv[1]);
  ticks = atol (argv[2]);
  interval_ms = atol (argv[3]);

  snprintf (path, sizeof path, "/proc/%ld/status", pid);
  status_fd = open (path, O_RDONLY | O_CLOEXEC);
  snprintf (path, sizeof path, "/proc/%ld/task/%ld/children", pid, pid);
  children_fd = open (path, O_RDONLY | O_CLOEXEC);
  timer_fd = timerfd_create (CLOCK_MONOTONIC, TFD_CLOEXEC);
  if (status_fd < 0 || children_fd < 0 || timer_fd < 0)
    {
      perror ("mg-bench-floor");
      return 1;
    }
  spec.it_interval.tv_sec = interval_ms / 1000;
  spec.it_interval.tv_nsec = (interval_ms % 1000) * 1000000;
  spec.it_value = spec.it_interval;
  timerfd_settime (timer_fd, 0, &spec, NULL);

  for (long i = 0; i < ticks; i++)
    {
      uint64_t expirations;
      ssize_t n;

      if (read (timer_fd, &expirations, sizeof expirations) != sizeof expirations)
        return 1;
      n = pread (status_fd, buf, sizeof buf, 0);
      total += n > 0 ? n : 0;
      n = pread (children_fd, buf, sizeof buf, 0);
      total += n > 0 ? n : 0;
    }
  /* What was read, so that nothing can be left out. */
  return total > 0 ? 0 : 1;
}
