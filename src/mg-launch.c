/* mg-launch.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * memgraph-launch [--follow] FD COMMAND [ARG…]
 *
 * The parent of the measured command. It makes itself a child subreaper, so
 * that descendants which double-fork or call setsid() are re-parented to it
 * instead of init, starts COMMAND, and reaps every process of the tree with
 * wait4(), which gives the kernel's exact high-water mark of each one
 * (ru_maxrss) whatever the sampling interval.
 *
 * With --follow it also traces the tree (PTRACE_SEIZE, no system-call
 * tracing): each process stops only when it forks, execs and exits, so
 * every process is known from its fork to its exit however short it is, and
 * at its exit stop, while its memory still exists, VmHWM is its exact own
 * peak. The kernel may refuse (Yama ptrace_scope 3, seccomp): the command
 * then runs untraced and the start line says why.
 *
 * It reports on FD, one line each (NAME and CMDLINE are %-escaped: no
 * space, no newline):
 *
 *   start PID [follow | nofollow ERRNO] COMMAND runs as PID, followed or not
 *   error ERRNO                        COMMAND could not be executed
 *   proc PID PPID START T              followed: PID was forked at time T
 *   exec PID START T NAME CMDLINE      followed: PID executed a program
 *   setuid PID NAME                    followed: a set-user/group-ID program
 *                                      ran without its privileges
 *   peak PID START HWM_KIB T           followed: PID's own peak, at its exit
 *   exit PID WAIT_STATUS MAXRSS_KIB T START CHILD_FAULTS
 *                                      a process of the tree ended at
 *                                      CLOCK_MONOTONIC time T (microseconds)
 *
 * START is field 22 of /proc/PID/stat (clock ticks since boot): with the pid
 * it names one process, however pids are reused. CHILD_FAULTS is its
 * cminflt + cmajflt at its end, which grows whenever it reaped a child: the
 * sign that processes may have run unseen below it.
 *
 * It exits when the last process of the tree has ended, with COMMAND's
 * status (or killed by the same signal). Signals sent to it by another
 * process (memgraph-gtk's Stop, or SIGTERM, SIGINT, SIGHUP passed on by
 * memgraph-gtk) are passed on to every process of the tree, the command's
 * descendants too, also once the command itself has ended.
 *
 * Nothing of the tree outlives memgraph-gtk: the kernel sends us
 * MG_LAUNCH_END_SIGNAL when our parent ends (PR_SET_PDEATHSIG), however it
 * ended, and memgraph-gtk sends the same to end the tree at once; we then
 * send SIGKILL to every descendant, again and again until none is left,
 * and exit.
 */
#include <dirent.h>
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "mg-launch-signal.h"

static const int forwarded[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGCONT };

/* The whole tree: every descendant of ours, found through the children
 * lists of each thread, read whole, recursively. */

typedef struct
{
  pid_t  *pids;
  pid_t  *parents;   /* the process each was listed under */
  size_t  len;
  size_t  size;
} PidList;

static FILE *report;

/* Every process of the tree known while following (threads are marked as
 * such): what a "signal every descendant" pass walks. Entries leave when
 * their exit is seen. */
typedef struct
{
  pid_t              pid;
  unsigned long long start;    /* field 22 of /proc/PID/stat */
  int                thread;
  long               hwm_before_exec; /* KiB: its VmHWM when it last called exec, or -1 */
  int                exec_unseen;     /* it executed a program without that reading */
} Known;

static Known  *known;
static size_t  n_known, known_size;

static void
pid_list_add (PidList *list,
              pid_t    pid,
              pid_t    parent)
{
  if (list->len == list->size)
    {
      size_t size = list->size ? list->size * 2 : 256;
      pid_t *pids = realloc (list->pids, size * sizeof *pids);
      pid_t *parents = pids ? realloc (list->parents, size * sizeof *parents) : NULL;

      if (pids != NULL)
        list->pids = pids;
      if (parents == NULL)
        return;   /* out of memory: the next round finds it */
      list->parents = parents;
      list->size = size;
    }
  list->pids[list->len] = pid;
  list->parents[list->len] = parent;
  list->len++;
}

/* Reads a whole /proc file: a children list longer than a page takes
 * several reads. Returns its length, or -1. */
static ssize_t
read_whole (const char  *path,
            char       **buf,
            size_t      *size)
{
  size_t len = 0;
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd < 0)
    return -1;
  for (;;)
    {
      ssize_t n;

      if (len + 1 >= *size)
        {
          size_t bigger = *size ? *size * 2 : 4096;
          char *p = realloc (*buf, bigger);

          if (p == NULL)
            break;
          *buf = p;
          *size = bigger;
        }
      n = read (fd, *buf + len, *size - len - 1);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      len += n;
    }
  close (fd);
  if (*buf == NULL)
    return -1;
  (*buf)[len] = '\0';
  return (ssize_t) len;
}

/* Appends the children of every thread of @pid: a child belongs to the
 * thread that started it. */
static void
add_children_of (pid_t    pid,
                 PidList *list,
                 char   **buf,
                 size_t  *size)
{
  char path[320];
  struct dirent *entry;
  DIR *dir;

  snprintf (path, sizeof path, "/proc/%d/task", (int) pid);
  dir = opendir (path);
  if (dir == NULL)
    return;
  while ((entry = readdir (dir)) != NULL)
    {
      char *p, *end;

      if (entry->d_name[0] < '0' || entry->d_name[0] > '9')
        continue;
      snprintf (path, sizeof path, "/proc/%d/task/%s/children", (int) pid, entry->d_name);
      if (read_whole (path, buf, size) <= 0)
        continue;
      for (p = *buf; ; p = end)
        {
          long child = strtol (p, &end, 10);

          if (end == p)
            break;
          if (child > 0)
            pid_list_add (list, (pid_t) child, pid);
        }
    }
  closedir (dir);
}

static int
compare_pids (const void *a,
              const void *b)
{
  pid_t x = *(const pid_t *) a, y = *(const pid_t *) b;

  return (x > y) - (x < y);
}

/* Fills @list with every descendant of ours now, each once. */
static void
collect_descendants (PidList *list)
{
  static char *buf;
  static size_t size;
  size_t kept = 0;

  list->len = 0;
  add_children_of (getpid (), list, &buf, &size);
  for (size_t i = 0; i < list->len; i++)
    add_children_of (list->pids[i], list, &buf, &size);

  /* A process re-parented to us during the walk can be listed twice: signal
   * it once (a second SIGINT can mean "quit now" to a program). */
  if (list->len < 2)
    return;
  {
    pid_t *pairs = malloc (list->len * 2 * sizeof *pairs);

    if (pairs == NULL)
      return;
    for (size_t i = 0; i < list->len; i++)
      {
        pairs[2 * i] = list->pids[i];
        pairs[2 * i + 1] = list->parents[i];
      }
    qsort (pairs, list->len, 2 * sizeof *pairs, compare_pids);
    for (size_t i = 0; i < list->len; i++)
      if (kept == 0 || pairs[2 * i] != list->pids[kept - 1])
        {
          list->pids[kept] = pairs[2 * i];
          list->parents[kept] = pairs[2 * i + 1];
          kept++;
        }
    list->len = kept;
    free (pairs);
  }
}

/* Sends @signum to @pid only while it is still the process we listed under
 * @parent (or re-parented to us since): the pid is pinned with a pidfd
 * first, so a pid freed and reused by another program is never hit.
 * Returns whether it was sent. */
static int
signal_descendant (pid_t pid,
                   pid_t parent,
                   int   signum)
{
  char path[64], stat_text[1024];
  const char *paren;
  ssize_t n;
  long ppid;
  int sent = 0, fd, pidfd = (int) syscall (SYS_pidfd_open, pid, 0);

  if (pidfd < 0 && errno != ENOSYS)
    return 0;   /* gone */
  snprintf (path, sizeof path, "/proc/%d/stat", (int) pid);
  fd = open (path, O_RDONLY | O_CLOEXEC);
  n = fd >= 0 ? read (fd, stat_text, sizeof stat_text - 1) : -1;
  if (fd >= 0)
    close (fd);
  if (n > 0)
    {
      stat_text[n] = '\0';
      paren = strrchr (stat_text, ')');
      /* ") S PPID ..." */
      if (paren != NULL && sscanf (paren + 1, " %*c %ld", &ppid) == 1 &&
          (ppid == parent || ppid == getpid ()))
        {
          if (pidfd >= 0)
            sent = syscall (SYS_pidfd_send_signal, pidfd, signum, NULL, 0) == 0;
          else
            sent = kill (pid, signum) == 0;   /* no pidfds: Linux before 5.3 */
        }
    }
  if (pidfd >= 0)
    close (pidfd);
  return sent;
}

/* Sends @signum once to every process of the tree; returns to how many. */
static size_t
signal_tree (int signum)
{
  static PidList list;
  size_t sent = 0;

  collect_descendants (&list);
  for (size_t i = 0; i < list.len; i++)
    sent += signal_descendant (list.pids[i], list.parents[i], signum);
  return sent;
}

/* SIGKILL to every descendant, again and again: a process can start a child
 * between the reading of its list and its death, and that child comes back
 * to us (we are the subreaper). The main thread reaps them and exits when
 * the last one is gone. */
static void
end_tree (void)
{
  const struct timespec soon = { 0, 2 * 1000 * 1000 };
  const struct timespec later = { 0, 200 * 1000 * 1000 };

  for (;;)
    {
      /* What is left but could not be signalled (a setuid program run by
       * the command is not ours to kill; zombies not reaped yet) is tried
       * again less often, so as not to spin. */
      size_t sent = signal_tree (SIGKILL);

      nanosleep (sent > 0 ? &soon : &later, NULL);
    }
}

static void *
signal_thread_main (void *data)
{
  sigset_t set = *(sigset_t *) data;

  for (;;)
    {
      siginfo_t info;
      int signum = sigwaitinfo (&set, &info);

      if (signum < 0)
        continue;
      if (signum == MG_LAUNCH_END_SIGNAL)
        end_tree ();
      /* A signal from the terminal (Ctrl+C) reaches the foreground process
       * group by itself; only pass on those sent with kill(). */
      else if (info.si_code == SI_USER || info.si_code == SI_QUEUE)
        signal_tree (signum);
    }
  return NULL;
}

/* Called once the command runs, with the signals of @set blocked in every
 * thread: a thread of its own waits for them and acts on the whole tree. */
static void
start_signal_thread (const sigset_t *set)
{
  static sigset_t thread_set;
  pthread_t thread;

  /* Our reports may have no reader any more (memgraph-gtk gone): a write
   * must fail, not kill us before the tree is ended. The command was
   * started already, with the default action. */
  signal (SIGPIPE, SIG_IGN);
  thread_set = *set;
  if (pthread_create (&thread, NULL, signal_thread_main, &thread_set) != 0)
    {
      /* Without it, at least never outlive memgraph-gtk. */
      prctl (PR_SET_PDEATHSIG, SIGKILL);
      sigprocmask (SIG_UNBLOCK, set, NULL);
    }
}

/* execvp() said ENOENT about a file that may well exist: its "#!"
 * interpreter is what is missing. Fills @interpreter with it, if so. */
static int
find_missing_interpreter (const char *file,
                          char       *interpreter,
                          size_t      size)
{
  char path[4096], line[512];
  const char *search = getenv ("PATH");
  const char *dir = search != NULL ? search : "/usr/local/bin:/usr/bin:/bin";
  size_t start = 2, end;
  ssize_t n;
  int fd = -1;

  if (strchr (file, '/') != NULL)
    fd = open (file, O_RDONLY | O_CLOEXEC);
  else
    while (fd < 0 && *dir != '\0')
      {
        size_t len = strcspn (dir, ":");

        snprintf (path, sizeof path, "%.*s%s%s", (int) len, dir, len ? "/" : "", file);
        if (access (path, X_OK) == 0)
          fd = open (path, O_RDONLY | O_CLOEXEC);
        dir += len + (dir[len] == ':');
      }
  if (fd < 0)
    return 0;
  n = read (fd, line, sizeof line - 1);
  close (fd);
  if (n < 3 || line[0] != '#' || line[1] != '!')
    return 0;
  line[n] = '\0';
  while (line[start] == ' ' || line[start] == '\t')
    start++;
  end = start + strcspn (line + start, " \t\n");
  if (end == start || end - start >= size)
    return 0;
  memcpy (interpreter, line + start, end - start);
  interpreter[end - start] = '\0';
  return access (interpreter, F_OK) != 0;
}

static long long
monotonic_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (long long) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Reads a small /proc file whole into @buf; returns its length or -1. */
static ssize_t
read_proc (pid_t       pid,
           const char *file,
           char       *buf,
           size_t      size)
{
  char path[64];
  ssize_t n, total = 0;
  int fd;

  snprintf (path, sizeof path, "/proc/%d/%s", (int) pid, file);
  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  while (total < (ssize_t) size - 1 &&
         ((n = read (fd, buf + total, size - 1 - total)) > 0 || (n < 0 && errno == EINTR)))
    if (n > 0)
      total += n;
  close (fd);
  buf[total] = '\0';
  return total;
}

/* Start time (field 22) and cminflt + cmajflt (fields 11 and 13) of
 * /proc/PID/stat; a zombie still has them. */
static int
read_stat (pid_t               pid,
           unsigned long long *start,
           unsigned long long *child_faults)
{
  char buf[1024];
  char *p;
  unsigned long long v[20];

  if (read_proc (pid, "stat", buf, sizeof buf) <= 0 || (p = strrchr (buf, ')')) == NULL)
    return -1;
  /* Fields 3 (state) to 22, after the name in parentheses. */
  p += 2;
  p = strchr (p, ' ');
  for (int i = 0; i < 19 && p != NULL; i++)
    {
      char *end;

      v[i] = strtoull (p + 1, &end, 10);
      p = *end == ' ' ? end : NULL;
      if (p == NULL && i < 18)
        return -1;
    }
  /* v[0] is field 4 (ppid): field k is v[k - 4]. */
  if (start != NULL)
    *start = v[22 - 4];
  if (child_faults != NULL)
    *child_faults = v[11 - 4] + v[13 - 4];
  return 0;
}

static long
status_field (const char *buf,
              const char *name)
{
  const char *p = strstr (buf, name);

  return p != NULL ? strtol (p + strlen (name), NULL, 10) : -1;
}

/* %-escapes what would split a report line. */
static void
put_escaped (const char *text,
             size_t      len)
{
  for (size_t i = 0; i < len; i++)
    {
      unsigned char c = (unsigned char) text[i];

      if (c <= ' ' || c == '%' || c == 0x7f)
        fprintf (report, "%%%02X", c == '\0' ? ' ' : c);
      else
        fputc (c, report);
    }
}

static Known *
find_known (pid_t pid)
{
  for (size_t i = 0; i < n_known; i++)
    if (known[i].pid == pid)
      return &known[i];
  return NULL;
}

static Known *
add_known (pid_t pid,
           int   thread)
{
  Known *k = find_known (pid);

  if (k != NULL)
    return k;
  if (n_known == known_size)
    {
      Known *bigger = realloc (known, (known_size ? known_size * 2 : 64) * sizeof *known);

      if (bigger == NULL)
        return NULL;
      known = bigger;
      known_size = known_size ? known_size * 2 : 64;
    }
  k = &known[n_known++];
  k->pid = pid;
  k->thread = thread;
  k->start = 0;
  k->hwm_before_exec = -1;
  k->exec_unseen = 0;
  read_stat (pid, &k->start, NULL);
  return k;
}

static void
forget_known (pid_t pid)
{
  Known *k = find_known (pid);

  if (k != NULL)
    *k = known[--n_known];
}

/* A task the tree just created: a process, or a thread of one. */
static void
new_task (pid_t pid,
          pid_t parent)
{
  char buf[2048];
  long tgid;
  Known *k;

  if (find_known (pid) != NULL)
    return;
  tgid = read_proc (pid, "status", buf, sizeof buf) > 0 ? status_field (buf, "\nTgid:") : pid;
  k = add_known (pid, tgid > 0 && tgid != pid);
  if (k == NULL || k->thread)
    return;
  if (parent <= 0)
    parent = (pid_t) status_field (buf, "\nPPid:");
  fprintf (report, "proc %d %d %llu %lld\n", (int) pid, (int) parent, k->start, monotonic_us ());
}

static void
report_exec (pid_t               pid,
             unsigned long long  start)
{
  char name[64], cmdline[4096], exe[64];
  ssize_t n;
  size_t n_name;
  struct stat st;

  n = read_proc (pid, "comm", name, sizeof name);
  while (n > 0 && name[n - 1] == '\n')
    name[--n] = '\0';
  n_name = n > 0 ? (size_t) n : 0;
  fprintf (report, "exec %d %llu %lld ", (int) pid, start, monotonic_us ());
  put_escaped (name, n_name);
  fputc (' ', report);
  n = read_proc (pid, "cmdline", cmdline, sizeof cmdline);
  while (n > 0 && cmdline[n - 1] == '\0')
    n--;
  put_escaped (cmdline, n > 0 ? (size_t) n : 0);
  fputc ('\n', report);

  /* Traced, a set-user-ID or set-group-ID program runs with the rights of
   * whoever started it (unless the tracer may trace anything: root). */
  snprintf (exe, sizeof exe, "/proc/%d/exe", (int) pid);
  if (geteuid () != 0 && stat (exe, &st) == 0 &&
      (((st.st_mode & S_ISUID) != 0 && st.st_uid != geteuid ()) ||
       ((st.st_mode & S_ISGID) != 0 && st.st_gid != getegid ())))
    {
      fprintf (report, "setuid %d ", (int) pid);
      put_escaped (name, n_name);
      fputc ('\n', report);
    }
}

static long
read_hwm (pid_t pid)
{
  char buf[2048];

  if (read_proc (pid, "status", buf, sizeof buf) <= 0)
    return -1;
  return status_field (buf, "\nVmHWM:");
}

/* At its exit stop a process's memory still exists: VmHWM is its peak
 * since its last exec, which resets it; what it held before is the VmHWM
 * read when it called exec. A process that executed a program without that
 * reading gets no exact peak. */
static void
report_peak (pid_t  pid,
             Known *k)
{
  long hwm = read_hwm (pid);

  if (k != NULL && k->exec_unseen)
    return;
  if (k != NULL && k->hwm_before_exec > hwm)
    hwm = k->hwm_before_exec;
  if (hwm >= 0)
    fprintf (report, "peak %d %llu %ld %lld\n", (int) pid, k != NULL ? k->start : 0, hwm,
             monotonic_us ());
}

/* In the command, before its first exec, once it is traced: every execve
 * and execveat of the tree stops at its entry (SECCOMP_RET_TRACE), while
 * the memory it is about to leave still exists. Returns 0 or an errno. */
static int
stop_at_exec (void)
{
#if defined(__x86_64__)
# define MG_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
# define MG_AUDIT_ARCH AUDIT_ARCH_AARCH64
#endif
#ifdef MG_AUDIT_ARCH
  struct sock_filter filter[] = {
    BPF_STMT (BPF_LD | BPF_W | BPF_ABS, offsetof (struct seccomp_data, arch)),
    BPF_JUMP (BPF_JMP | BPF_JEQ | BPF_K, MG_AUDIT_ARCH, 1, 0),
    BPF_STMT (BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    BPF_STMT (BPF_LD | BPF_W | BPF_ABS, offsetof (struct seccomp_data, nr)),
    BPF_JUMP (BPF_JMP | BPF_JEQ | BPF_K, __NR_execve, 2, 0),
    BPF_JUMP (BPF_JMP | BPF_JEQ | BPF_K, __NR_execveat, 1, 0),
    BPF_STMT (BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    BPF_STMT (BPF_RET | BPF_K, SECCOMP_RET_TRACE),
  };
  struct sock_fprog program = { sizeof filter / sizeof filter[0], filter };

  /* Without CAP_SYS_ADMIN a filter needs no_new_privs: traced by us, a
   * set-ID program gains no privileges anyway. */
  if (geteuid () != 0 && prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
    return errno;
  if (syscall (SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &program) != 0)
    return errno;
  return 0;
#else
  return ENOSYS;
#endif
}

static int
start_following (pid_t pid)
{
  long options = PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE |
                 PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT | PTRACE_O_TRACESECCOMP |
                 PTRACE_O_EXITKILL;

  if (ptrace (PTRACE_SEIZE, pid, 0, (void *) options) != 0)
    return errno;
  add_known (pid, 0);
  return 0;
}

/* One stop of a traced task: note what it says, then let it run on. */
static void
handle_stop (pid_t pid,
             int   status)
{
  int event = (unsigned) status >> 16;
  int sig = WSTOPSIG (status);
  unsigned long msg = 0;
  Known *k = find_known (pid);

  if (k == NULL)
    {
      /* A new task can stop before its parent's fork event is seen. */
      new_task (pid, 0);
      k = find_known (pid);
    }

  switch (event)
    {
    case PTRACE_EVENT_FORK:
    case PTRACE_EVENT_VFORK:
    case PTRACE_EVENT_CLONE:
      if (ptrace (PTRACE_GETEVENTMSG, pid, 0, &msg) == 0)
        new_task ((pid_t) msg, pid);
      sig = 0;
      break;

    case PTRACE_EVENT_SECCOMP:
      /* The entry of an exec: what the process held so far. */
      if (k != NULL)
        {
          long hwm = read_hwm (pid);

          if (hwm > k->hwm_before_exec)
            k->hwm_before_exec = hwm;
        }
      sig = 0;
      break;

    case PTRACE_EVENT_EXEC:
      /* A thread that execs takes the pid of the process: its old id is
       * gone, and what it read at the exec's entry is the process's. */
      if (ptrace (PTRACE_GETEVENTMSG, pid, 0, &msg) == 0 && (pid_t) msg != pid)
        {
          Known *old = find_known ((pid_t) msg);

          if (old != NULL && k != NULL && old->hwm_before_exec > k->hwm_before_exec)
            k->hwm_before_exec = old->hwm_before_exec;
          forget_known ((pid_t) msg);
          k = find_known (pid);
        }
      if (k != NULL && k->hwm_before_exec < 0)
        k->exec_unseen = 1;
      report_exec (pid, k != NULL ? k->start : 0);
      sig = 0;
      break;

    case PTRACE_EVENT_EXIT:
      if (k == NULL || !k->thread)
        report_peak (pid, k);
      sig = 0;
      break;

    case PTRACE_EVENT_STOP:
      if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU)
        {
          /* A group-stop: stay stopped until SIGCONT, as without tracing. */
          ptrace (PTRACE_LISTEN, pid, 0, 0);
          return;
        }
      sig = 0;
      break;

    default:
      /* A signal on its way to the task: deliver it. */
      break;
    }
  ptrace (PTRACE_CONT, pid, 0, (void *) (long) sig);
}

/* Until the command's exec has succeeded or failed (@fd, closed on exec,
 * has its end or an error): its tries stop at their entry and wait for us.
 * Returns a later stop to handle once the start is reported, or 0. */
static int
wait_for_exec (pid_t pid,
               int   fd)
{
  for (;;)
    {
      struct pollfd ready = { fd, POLLIN, 0 };
      int status;

      if (poll (&ready, 1, 2) > 0)
        return 0;
      if (waitpid (pid, &status, __WALL | WNOHANG) != pid)
        continue;
      if (!WIFSTOPPED (status))
        return 0;
      switch ((unsigned) status >> 16)
        {
        case PTRACE_EVENT_SECCOMP:
        case 0:   /* a signal on its way */
          handle_stop (pid, status);
          break;
        case PTRACE_EVENT_EXIT:
          /* The exec failed: let it end, which closes its end of @fd. */
          ptrace (PTRACE_CONT, pid, 0, 0);
          break;
        default:
          return status;
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  sigset_t fwd_set, old_set;
  int command_status = 0;
  int report_fd, err_pipe[2], go_pipe[2], exec_errno = 0;
  char interpreter[256] = "";
  int follow = 0, follow_errno = 0, pending_stop = 0;
  char **command;
  pid_t pid;

  if (argc > 1 && strcmp (argv[1], "--follow") == 0)
    {
      follow = 1;
      argv++;
      argc--;
    }
  if (argc < 3)
    {
      fprintf (stderr, "usage: memgraph-launch [--follow] FD COMMAND [ARG…]\n");
      return 125;
    }
  command = argv + 2;

  report_fd = atoi (argv[1]);
  report = fdopen (report_fd, "w");
  if (report == NULL)
    return 125;
  setvbuf (report, NULL, _IOLBF, 0);
  fcntl (report_fd, F_SETFD, FD_CLOEXEC);

  prctl (PR_SET_CHILD_SUBREAPER, 1);

  sigemptyset (&fwd_set);
  for (size_t i = 0; i < sizeof forwarded / sizeof forwarded[0]; i++)
    sigaddset (&fwd_set, forwarded[i]);
  sigaddset (&fwd_set, MG_LAUNCH_END_SIGNAL);
  sigprocmask (SIG_BLOCK, &fwd_set, &old_set);
  /* memgraph-gtk started us with SIGKILL as the parent-death signal; now
   * one we can act on, kept pending until the tree is ours to end. */
  prctl (PR_SET_PDEATHSIG, MG_LAUNCH_END_SIGNAL);

  if (pipe2 (err_pipe, O_CLOEXEC) != 0 || pipe2 (go_pipe, O_CLOEXEC) != 0)
    return 125;

  pid = fork ();
  if (pid < 0)
    {
      fprintf (report, "error %d\n", errno);
      return 127;
    }
  if (pid == 0)
    {
      ssize_t n_go;
      char go;

      close (err_pipe[0]);
      close (go_pipe[1]);
      prctl (PR_SET_PDEATHSIG, SIGKILL);
      prctl (PR_SET_CHILD_SUBREAPER, 0);
      sigprocmask (SIG_SETMASK, &old_set, NULL);
      /* Wait until the parent is tracing us (or has given up). */
      while ((n_go = read (go_pipe[0], &go, 1)) < 0 && errno == EINTR)
        ;
      close (go_pipe[0]);
      if (n_go == 1 && go == 'f')
        stop_at_exec ();
      execvp (command[0], command);
      exec_errno = errno;
      if (exec_errno == ENOENT)
        find_missing_interpreter (argv[2], interpreter, sizeof interpreter);
      /* exec says "Permission denied" for a directory: say what it is. */
      if (exec_errno == EACCES && strchr (command[0], '/') != NULL)
        {
          struct stat st;

          if (stat (command[0], &st) == 0 && S_ISDIR (st.st_mode))
            exec_errno = EISDIR;
        }
      {
        /* One write, so that both are in the pipe before we exit: a
         * followed child stops at its exit, its end of the pipe still
         * open, until the parent continues it. */
        char message[sizeof exec_errno + sizeof interpreter];
        size_t length = strlen (interpreter);

        memcpy (message, &exec_errno, sizeof exec_errno);
        memcpy (message + sizeof exec_errno, interpreter, length);
        if (write (err_pipe[1], message, sizeof exec_errno + length) < 0)
          _exit (127);
      }
      _exit (127);
    }

  close (err_pipe[1]);
  close (go_pipe[0]);
  if (follow)
    follow_errno = start_following (pid);
  /* Traced: the command may now stop at each exec's entry (with no tracer
   * such a stop would fail the exec). */
  if (follow && follow_errno == 0 && write (go_pipe[1], "f", 1) != 1)
    follow_errno = errno;
  close (go_pipe[1]);
  if (follow && follow_errno == 0)
    pending_stop = wait_for_exec (pid, err_pipe[0]);
  while (read (err_pipe[0], &exec_errno, sizeof exec_errno) < 0 && errno == EINTR)
    ;
  if (exec_errno != 0)
    {
      ssize_t n;

      /* "error ERRNO [INTERPRETER]": the "#!" interpreter that was missing,
       * in the pipe already (see above); never wait for its end. */
      fcntl (err_pipe[0], F_SETFL, O_NONBLOCK);
      while ((n = read (err_pipe[0], interpreter, sizeof interpreter - 1)) < 0 && errno == EINTR)
        ;
      interpreter[n > 0 ? n : 0] = '\0';
      close (err_pipe[0]);
      while (waitpid (pid, NULL, __WALL) < 0 && errno == EINTR)
        ;
      fprintf (report, interpreter[0] ? "error %d %s\n" : "error %d\n", exec_errno, interpreter);
      return 127;
    }
  close (err_pipe[0]);

  if (!follow)
    fprintf (report, "start %d\n", (int) pid);
  else if (follow_errno != 0)
    fprintf (report, "start %d nofollow %d\n", (int) pid, follow_errno);
  else
    {
      Known *k = find_known (pid);

      fprintf (report, "start %d follow\n", (int) pid);
      fprintf (report, "proc %d %d %llu %lld\n", (int) pid, (int) getpid (),
               k != NULL ? k->start : 0, monotonic_us ());
    }
  follow = follow && follow_errno == 0;
  start_signal_thread (&fwd_set);
  if (pending_stop != 0)
    handle_stop (pid, pending_stop);

  for (;;)
    {
      struct rusage ru;
      unsigned long long start = 0, child_faults = 0;
      int status;
      pid_t done;

      if (!follow)
        {
          siginfo_t info;

          /* Look at the zombie before reaping it: its start time names it,
           * its children's faults tell whether it reaped any. */
          memset (&info, 0, sizeof info);
          if (waitid (P_ALL, 0, &info, WEXITED | WNOWAIT) < 0)
            {
              if (errno == EINTR)
                continue;
              break;   /* ECHILD: the tree is empty */
            }
          read_stat (info.si_pid, &start, &child_faults);
          done = wait4 (info.si_pid, &status, 0, &ru);
        }
      else
        done = wait4 (-1, &status, __WALL, &ru);

      if (done < 0)
        {
          if (errno == EINTR)
            continue;
          break;   /* ECHILD: the tree is empty */
        }
      if (WIFSTOPPED (status))
        {
          handle_stop (done, status);
          continue;
        }
      if (follow)
        {
          Known *k = find_known (done);

          if (k != NULL && k->thread)
            {
              forget_known (done);
              continue;
            }
          if (k != NULL)
            start = k->start;
          forget_known (done);
        }
      fprintf (report, "exit %d %d %ld %lld %llu %llu\n", (int) done, status, ru.ru_maxrss,
               monotonic_us (), start, child_faults);
      if (done == pid)
        command_status = status;
    }

  fclose (report);
  free (known);

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
