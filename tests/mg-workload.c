/* mg-workload.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Programs whose memory use and ending the tests know in advance:
 *   mg-workload hold MIB SECONDS     map MIB of anonymous memory, touch it, wait, exit 0
 *   mg-workload hold-exec MIB SECONDS PROGRAM [ARG…]
 *                                    hold MIB for SECONDS, then execute PROGRAM
 *   mg-workload grow FIRST SECOND SECONDS
 *                                    hold FIRST MiB; on SIGUSR1 add SECOND − FIRST MiB
 *                                    more; exit 0 after SECONDS
 *   mg-workload climb MIB MS SECONDS touch MIB more every MS ms (a new peak at each
 *                                    sample), exit 0 after SECONDS
 *   mg-workload exit STATUS          exit at once with STATUS
 *   mg-workload kill SIGNAL          kill itself with SIGNAL
 *   mg-workload sleep SECONDS        wait, exit 0
 *   mg-workload ignore-term SECONDS  ignore SIGTERM, wait, exit 0
 *   mg-workload spikes BASE SPIKE N MS PERIOD_MS
 *                                    hold BASE MiB; N times map SPIKE MiB more for MS
 *                                    ms, centred between the multiples of PERIOD_MS
 *                                    since the start (where a sampler with that
 *                                    interval reads), so no sample sees them
 *   mg-workload map FILE SECONDS     map FILE shared and populated, wait, exit 0
 *   mg-workload tree N MIB SECONDS   start N children that each hold MIB for SECONDS
 *   mg-workload crowd N MIB SECONDS  N children that each hold MIB, all alive together
 *                                    for SECONDS once the last one is started
 *   mg-workload late MIB DELAY       wait DELAY seconds, touch MIB, exit 0 at once
 *   mg-workload children N MIN MAX FILE
 *                                    N short children one after another, child K
 *                                    touching MIN + (7 K mod (MAX - MIN + 1)) MiB;
 *                                    each appends "PID MAXRSS_KIB" (its own
 *                                    getrusage()) to FILE before it exits
 *   mg-workload detach MIB SECONDS   a grandchild that double-forks and calls setsid()
 *                                    holds MIB for SECONDS; the workload exits at once
 *   mg-workload print N MS            print "line K" to stdout (and "warning K" to
 *                                    stderr for odd K) every MS ms, from the start
 *   mg-workload lines N BYTES        print N lines of BYTES bytes (≥ 10) at once: line K
 *                                    is K in 9 digits, a space and "x"s, then a newline
 *   mg-workload long-line BYTES NL SECONDS
 *                                    print one line of BYTES "y"s, with a newline when NL
 *                                    is 1, then wait SECONDS
 *   mg-workload stop-self SECONDS     stop itself with SIGSTOP; once continued, wait
 *   mg-workload fork-storm RATE SECONDS
 *                                    start RATE children a second that exit at once
 *   mg-workload threads N SECONDS    start N threads that wait, then exit 0
 *   mg-workload relay PIDFILE PROGRAM [ARG…]
 *                                    a link such as ssh: write our pid to PIDFILE, run
 *                                    PROGRAM with its stdin and stdout through pipes we
 *                                    copy to and from ours, exit with its status;
 *                                    killing us is a lost connection
 *   mg-workload kinds ANON FILE SHM SECONDS
 *                                    ANON MiB anonymous, FILE mapped and read in,
 *                                    SHM MiB of shared memory, for SECONDS
 *   mg-workload now FILE             write the monotonic clock's microseconds (as
 *                                    g_get_monotonic_time()) to FILE, exit 0
 */
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
pause_s (double seconds)
{
  struct timespec ts;

  ts.tv_sec = (time_t) seconds;
  ts.tv_nsec = (long) ((seconds - ts.tv_sec) * 1e9);
  while (nanosleep (&ts, &ts) != 0)
    ;
}

static char *
hold_anon (size_t mib)
{
  size_t bytes = mib * 1024 * 1024;
  char *p = mmap (NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

  if (p == MAP_FAILED)
    {
      perror ("mmap");
      exit (1);
    }
  for (size_t i = 0; i < bytes; i += 4096)
    ((volatile char *) p)[i] = 1;
  return p;
}

/* A memory file filled now, so that mapping it later with MAP_POPULATE adds
 * its size to RSS within milliseconds (first touches of fresh memory are
 * slow on virtual machines). */
static int
filled_memfd (size_t mib)
{
  static char chunk[1 << 20];
  int fd = memfd_create ("mg-workload", 0);

  if (fd < 0)
    {
      perror ("memfd_create");
      exit (1);
    }
  memset (chunk, 7, sizeof chunk);
  for (size_t i = 0; i < mib; i++)
    if (write (fd, chunk, sizeof chunk) != (ssize_t) sizeof chunk)
      {
        perror ("write");
        exit (1);
      }
  return fd;
}

static void *
map_populated (int    fd,
               size_t bytes,
               int    flags)
{
  void *p = mmap (NULL, bytes, PROT_READ, flags | MAP_POPULATE, fd, 0);

  if (p == MAP_FAILED)
    {
      perror ("mmap");
      exit (1);
    }
  return p;
}

static void *
sleeper (void *data)
{
  pause ();
  return NULL;
}

/* Writes @n bytes of @c (and a newline after every @line bytes when @line
 * is not 0) in large blocks; the numbering of lines goes into their first
 * 9 bytes. */
static int
write_all (const char *data,
           size_t      n)
{
  while (n > 0)
    {
      ssize_t done = write (STDOUT_FILENO, data, n);

      if (done < 0)
        return -1;
      data += done;
      n -= done;
    }
  return 0;
}

static int
print_lines (long   n,
             size_t bytes)
{
  size_t size = 1 << 20;
  char *buffer = malloc (size);
  size_t used = 0;

  for (long k = 0; k < n; k++)
    {
      char number[24];
      size_t left = bytes;

      snprintf (number, sizeof number, "%09ld ", k);
      for (size_t i = 0; left > 0; i++, left--)
        {
          buffer[used++] = i < 10 ? number[i] : 'x';
          if (used == size)
            {
              if (write_all (buffer, used) != 0)
                return 1;
              used = 0;
            }
        }
      buffer[used++] = '\n';
      if (used == size)
        {
          if (write_all (buffer, used) != 0)
            return 1;
          used = 0;
        }
    }
  if (write_all (buffer, used) != 0)
    return 1;
  free (buffer);
  return 0;
}

static int
print_long_line (size_t bytes,
                 int    newline)
{
  size_t size = 1 << 20;
  char *buffer = malloc (size);

  memset (buffer, 'y', size);
  while (bytes > 0)
    {
      size_t n = bytes < size ? bytes : size;

      if (write_all (buffer, n) != 0)
        return 1;
      bytes -= n;
    }
  if (newline && write_all ("\n", 1) != 0)
    return 1;
  free (buffer);
  return 0;
}

/* Copies ours to the program's stdin and its stdout to ours, until its
 * stdout ends; then exits as it did. */
static int
relay (const char  *pidfile,
       char       **argv)
{
  int to_child[2], from_child[2], status = 0;
  char buf[65536];
  FILE *f = fopen (pidfile, "w");
  pid_t pid;
  int in_open = 1;

  if (f == NULL)
    return 70;
  fprintf (f, "%d\n", (int) getpid ());
  fclose (f);
  if (pipe (to_child) != 0 || pipe (from_child) != 0)
    return 71;
  pid = fork ();
  if (pid == 0)
    {
      dup2 (to_child[0], 0);
      dup2 (from_child[1], 1);
      close (to_child[0]);
      close (to_child[1]);
      close (from_child[0]);
      close (from_child[1]);
      execvp (argv[0], argv);
      _exit (127);
    }
  close (to_child[0]);
  close (from_child[1]);
  for (;;)
    {
      struct pollfd fds[2] = { { from_child[0], POLLIN, 0 }, { 0, POLLIN, 0 } };
      ssize_t n;

      if (poll (fds, in_open ? 2 : 1, -1) < 0)
        continue;
      if (fds[0].revents != 0)
        {
          n = read (from_child[0], buf, sizeof buf);
          if (n <= 0)
            break;
          if (write (1, buf, (size_t) n) != n)
            break;
        }
      if (in_open && fds[1].revents != 0)
        {
          n = read (0, buf, sizeof buf);
          if (n <= 0)
            {
              close (to_child[1]);
              in_open = 0;
            }
          else if (write (to_child[1], buf, (size_t) n) != n)
            break;
        }
    }
  waitpid (pid, &status, 0);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
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

  if (strcmp (argv[1], "relay") == 0 && argc >= 4)
    return relay (argv[2], argv + 3);
  if (strcmp (argv[1], "now") == 0 && argc == 3)
    {
      struct timespec now;
      char part[4096];
      FILE *file;

      clock_gettime (CLOCK_MONOTONIC, &now);
      /* Whole or not at all, for a reader that waits for FILE. */
      snprintf (part, sizeof part, "%s.part", argv[2]);
      file = fopen (part, "w");
      if (file == NULL)
        return 1;
      fprintf (file, "%lld\n", (long long) now.tv_sec * 1000000 + now.tv_nsec / 1000);
      if (fclose (file) != 0 || rename (part, argv[2]) != 0)
        return 1;
      return 0;
    }
  if (strcmp (argv[1], "hold") == 0 && argc == 4)
    {
      hold_anon ((size_t) atol (argv[2]));
      pause_s (atof (argv[3]));
      return 0;
    }
  if (strcmp (argv[1], "hold-exec") == 0 && argc >= 5)
    {
      hold_anon ((size_t) atol (argv[2]));
      pause_s (atof (argv[3]));
      execvp (argv[4], argv + 4);
      return 127;
    }
  if (strcmp (argv[1], "grow") == 0 && argc == 5)
    {
      double end = now_s () + atof (argv[4]);
      sigset_t set;
      struct timespec ts;
      double left;

      sigemptyset (&set);
      sigaddset (&set, SIGUSR1);
      sigprocmask (SIG_BLOCK, &set, NULL);
      hold_anon ((size_t) atol (argv[2]));
      left = end - now_s ();
      ts.tv_sec = (time_t) left;
      ts.tv_nsec = (long) ((left - ts.tv_sec) * 1e9);
      if (left > 0 && sigtimedwait (&set, NULL, &ts) == SIGUSR1)
        hold_anon ((size_t) (atol (argv[3]) - atol (argv[2])));
      if (end > now_s ())
        pause_s (end - now_s ());
      return 0;
    }
  if (strcmp (argv[1], "climb") == 0 && argc == 5)
    {
      double end = now_s () + atof (argv[4]);

      while (now_s () < end)
        {
          hold_anon ((size_t) atol (argv[2]));
          pause_s (atof (argv[3]) / 1000);
        }
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
  if (strcmp (argv[1], "spikes") == 0 && argc == 7)
    {
      double start = now_s ();
      size_t spike = (size_t) atol (argv[3]) * 1024 * 1024;
      int n = atoi (argv[4]);
      double ms = atof (argv[5]) / 1000, period = atof (argv[6]) / 1000;
      int fd = filled_memfd ((size_t) atol (argv[3]));
      double k;

      hold_anon ((size_t) atol (argv[2]));
      /* The first half-period mark from now on, plus one period of quiet. */
      k = (double) (long) ((now_s () - start) / period) + 1;
      for (int i = 0; i < n; i++, k++)
        {
          double at = start + (k + 0.5) * period - ms / 2;
          void *p;

          if (at > now_s ())
            pause_s (at - now_s ());
          p = map_populated (fd, spike, MAP_SHARED);
          pause_s (ms);
          munmap (p, spike);
        }
      pause_s (period);
      return 0;
    }
  if (strcmp (argv[1], "map") == 0 && argc == 4)
    {
      struct stat st;
      int fd = open (argv[2], O_RDONLY);

      if (fd < 0 || fstat (fd, &st) != 0)
        {
          perror (argv[2]);
          return 1;
        }
      map_populated (fd, st.st_size, MAP_SHARED);
      pause_s (atof (argv[3]));
      return 0;
    }
  if (strcmp (argv[1], "tree") == 0 && argc == 5)
    {
      int n = atoi (argv[2]);

      for (int i = 0; i < n; i++)
        if (fork () == 0)
          {
            hold_anon ((size_t) atol (argv[3]));
            pause_s (atof (argv[4]));
            _exit (0);
          }
      while (wait (NULL) > 0)
        ;
      return 0;
    }
  if (strcmp (argv[1], "crowd") == 0 && argc == 5)
    {
      int n = atoi (argv[2]), ready[2], go[2];
      char c;

      if (pipe (ready) != 0 || pipe (go) != 0)
        return 1;
      for (int i = 0; i < n; i++)
        {
          pid_t child = fork ();

          if (child == 0)
            {
              close (go[1]);
              hold_anon ((size_t) atol (argv[3]));
              if (write (ready[1], "r", 1) != 1)
                _exit (1);
              /* Until the parent closes its end. */
              while (read (go[0], &c, 1) > 0)
                ;
              _exit (0);
            }
          if (child < 0)
            return 1;
        }
      close (ready[1]);
      close (go[0]);
      for (int i = 0; i < n; i++)
        if (read (ready[0], &c, 1) != 1)
          return 1;
      pause_s (atof (argv[4]));
      close (go[1]);
      while (wait (NULL) > 0)
        ;
      return 0;
    }
  if (strcmp (argv[1], "late") == 0 && argc == 4)
    {
      pause_s (atof (argv[3]));
      hold_anon ((size_t) atol (argv[2]));
      return 0;
    }
  if (strcmp (argv[1], "children") == 0 && argc == 6)
    {
      int n = atoi (argv[2]), min = atoi (argv[3]), max = atoi (argv[4]);
      int fd = open (argv[5], O_WRONLY | O_CREAT | O_APPEND | O_TRUNC, 0600);

      if (fd < 0 || max < min)
        return 1;
      for (int i = 0; i < n; i++)
        {
          pid_t child = fork ();

          if (child == 0)
            {
              struct rusage ru;
              char line[64];
              int len;

              hold_anon ((size_t) (min + (7 * i) % (max - min + 1)));
              /* Run the code of the report once first (its library pages
               * count in RSS too), so that the figure is the last word. */
              getrusage (RUSAGE_SELF, &ru);
              len = snprintf (line, sizeof line, "%d %ld\n", (int) getpid (), ru.ru_maxrss);
              if (write (fd, line, 0) != 0)
                _exit (1);
              getrusage (RUSAGE_SELF, &ru);
              len = snprintf (line, sizeof line, "%d %ld\n", (int) getpid (), ru.ru_maxrss);
              if (write (fd, line, len) != len)
                _exit (1);
              _exit (0);
            }
          if (child < 0)
            return 1;
          waitpid (child, NULL, 0);
        }
      return 0;
    }
  if (strcmp (argv[1], "detach") == 0 && argc == 4)
    {
      pid_t child = fork ();

      if (child == 0)
        {
          if (fork () == 0)
            {
              setsid ();
              hold_anon ((size_t) atol (argv[2]));
              pause_s (atof (argv[3]));
              _exit (0);
            }
          _exit (0);
        }
      waitpid (child, NULL, 0);
      return 0;
    }
  if (strcmp (argv[1], "kinds") == 0 && argc == 6)
    {
      size_t shm = (size_t) atol (argv[4]) * 1024 * 1024;
      struct stat st;
      int fd = open (argv[3], O_RDONLY);
      char *shared;

      if (fd < 0 || fstat (fd, &st) != 0)
        {
          perror (argv[3]);
          return 1;
        }
      hold_anon ((size_t) atol (argv[2]));
      map_populated (fd, st.st_size, MAP_PRIVATE);
      shared = mmap (NULL, shm, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
      if (shared == MAP_FAILED)
        return 1;
      for (size_t i = 0; i < shm; i += 4096)
        shared[i] = 1;
      pause_s (atof (argv[5]));
      return 0;
    }
  if (strcmp (argv[1], "print") == 0 && argc == 4)
    {
      double start = now_s ();
      int n = atoi (argv[2]);
      double period = atof (argv[3]) / 1000;

      for (int k = 1; k <= n; k++)
        {
          double at = start + k * period;

          if (at > now_s ())
            pause_s (at - now_s ());
          printf ("line %d\n", k);
          fflush (stdout);
          if (k % 2 == 1)
            {
              fprintf (stderr, "warning %d\n", k);
              fflush (stderr);
            }
        }
      return 0;
    }
  if (strcmp (argv[1], "lines") == 0 && argc == 4 && atol (argv[3]) >= 10)
    return print_lines (atol (argv[2]), strtoul (argv[3], NULL, 10));
  if (strcmp (argv[1], "long-line") == 0 && argc == 5)
    {
      int status = print_long_line (strtoul (argv[2], NULL, 10), atoi (argv[3]) == 1);

      pause_s (atof (argv[4]));
      return status;
    }
  if (strcmp (argv[1], "stop-self") == 0)
    {
      raise (SIGSTOP);
      pause_s (atof (argv[2]));
      return 0;
    }
  if (strcmp (argv[1], "fork-storm") == 0 && argc == 4)
    {
      double start = now_s (), seconds = atof (argv[3]);
      int rate = atoi (argv[2]);
      long k = 0;

      while (now_s () - start < seconds)
        {
          double at = start + (double) k / rate;
          pid_t child;

          if (at > now_s ())
            pause_s (at - now_s ());
          child = fork ();
          if (child == 0)
            _exit (0);
          if (child > 0)
            waitpid (child, NULL, 0);
          k++;
        }
      printf ("forked %ld children\n", k);
      return 0;
    }
  if (strcmp (argv[1], "threads") == 0 && argc == 4)
    {
      int n = atoi (argv[2]);
      pthread_attr_t attr;

      pthread_attr_init (&attr);
      pthread_attr_setstacksize (&attr, 64 * 1024);
      for (int i = 0; i < n; i++)
        {
          pthread_t thread;

          if (pthread_create (&thread, &attr, sleeper, NULL) != 0)
            {
              fprintf (stderr, "thread %d: cannot create\n", i);
              return 1;
            }
        }
      pause_s (atof (argv[3]));
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
