/* mg-sampler.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Samples a process tree on a thread of its own and appends to a recording
 * on the main thread.
 *
 * The root is memgraph-launch, which is a child subreaper: the command and
 * every descendant that detaches (double fork, setsid) stay below it. Each
 * tick reads, for every process of the tree, /proc/PID/status (RSS by kind,
 * VSZ, swap, the high-water mark) and its children list; both files are kept
 * open and read with one pread() at offset 0 (children lists longer than a
 * page with more). Threads are not processes: children lists name
 * processes only, so nothing is counted twice. A process is its pid and its
 * start time (read once from /proc/PID/stat), and is listed by what it runs
 * now: when its Name changes (exec), its command line is read again.
 *
 * Threads: the ticks run on a thread of their own, on a periodic timerfd,
 * so that nothing the main loop does (drawing a flood of output, say)
 * delays a sample. That thread reads /proc and never touches the
 * recording: each tick becomes a Tick (below), queued in order and applied
 * to the recording on the main thread (the one that called
 * mg_sampler_start(), in its thread-default context), all queued at once.
 * MgRecording stays a main-thread object. mg_sampler_stop() joins the
 * thread and applies what is still queued, so that no sample is lost.
 * The list of processes is the thread's, under a lock that the main thread
 * takes only to signal or list them.
 */
#include "config.h"

#include "mg-sampler-private.h"
#include "mg-proc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <gio/gio.h>
#include <glib-unix.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <unistd.h>

typedef struct
{
  pid_t   pid;
  guint64 start_ticks;      /* with the pid, its identity */
  gint64  ppid;
  char    name[64];         /* as last read, to notice an exec */
  int     status_fd;
  int     children_fd;
  int     clear_refs_fd;
  int     pidfd;            /* pins the process: a reused pid is never signalled */
  guint   id;               /* names it in a Tick; the main thread maps it to an index */
  gboolean announced;       /* a Tick has added it to the recording */
  guint   cmdline_retries;  /* ticks left to read a command line found empty */
  GArray *task_fds;         /* children files of its other threads, kept open */
  guint   scanned_threads;  /* the thread count when task_fds was made */
  guint   threads;
  double  last_read_s;
} Tracked;

/* The hand-over: what one tick read, in the order it read it, for the main
 * thread to apply to the recording. Ops that change the list of processes
 * come first, in the order met; then the sum is appended, then each
 * process's own sample. */
typedef enum
{
  OP_NEW,          /* pid, ppid, start_ticks, start_s (< 0: unknown), name, cmdline */
  OP_EXEC,         /* name, cmdline */
  OP_GONE,
  OP_UNREADABLE,   /* pid */
  OP_STOPPED,      /* stopped */
} OpKind;

typedef struct
{
  OpKind   kind;
  guint    id;
  pid_t    pid;
  int      ppid;
  gboolean stopped;
  guint64  start_ticks;
  double   start_s;
  char    *name;
  char    *cmdline;
} Op;

typedef struct
{
  guint    id;
  MgSample sample;
  guint64  hwm;
  double   since;      /* < 0: since the process started */
  gboolean before_start; /* attached: it started before the recording */
} Pending;

typedef struct _Tick Tick;
struct _Tick
{
  Tick     *next;          /* in the queue, or among the spare ones */
  double    time_s;
  guint     read;          /* processes read; none: nothing appended */
  MgSample  total;
  guint64   interval_max;  /* with --catch-spikes and one process */
  double    last_tick_s;
  GArray   *ops;           /* of Op */
  GArray   *pending;       /* of Pending */
};

/* Applied ticks kept to be taken again, so that a tick allocates nothing;
 * no more than this many (after the main thread was held up, say). */
#define MAX_SPARE_TICKS 64

struct _MgSampler
{
  GObject      parent_instance;

  /* owned */
  MgRecording *recording;
  GPtrArray   *tracked;     /* of Tracked */
  GHashTable  *by_pid;      /* pid → Tracked */
  GArray      *scratch;     /* pid_t */
  GByteArray  *children_buf;
  int          root_children_fd;

  pid_t        root_pid;    /* 0 when attached */
  GArray      *attach_pids; /* pid_t: the tops of an attached tree, or NULL */
  gboolean     attach_done; /* they were tracked at the first tick */
  pid_t        command_pid; /* the recording's, when started */
  gint64       start_us;
  gint64       interval_us;
  int          timer_fd;
  guint        ticks;       /* taken, on either thread */
  guint        next_id;
  Tick        *tick;        /* being taken */

  /* The sampling thread and the hand-over. */
  GThread     *thread;
  gint         stopping;    /* atomic: the thread ends at its next wake-up */
  GMutex       lock;        /* held for a tick; tracked and by_pid are under it */
  GMutex       queue_lock;
  Tick        *queue;       /* oldest first, under queue_lock */
  Tick        *queue_tail;
  Tick        *spare;       /* under queue_lock */
  guint        n_spare;
  GSource     *news;        /* applies the queue on the main thread, when ready */
  gboolean     news_sent;   /* it is ready, under queue_lock */
  GMainContext *context;    /* the main thread's */
  GArray      *index_of;    /* main thread: Tracked id → recording index */
  double       last_tick_s;
  gboolean     catch_spikes;
  gboolean     traced_stop;  /* the command was in a tracing stop at the last tick */
  gboolean     stopped;      /* as last put in a Tick */
  gint64       handed_us;    /* when the last apply was sent, under queue_lock */
  guint        handoffs;     /* applies sent, under queue_lock */
  MgSamplerReadHook read_hook;
  gpointer     read_hook_data;

  /* PSS/USS: smaps_rollup walks page tables, far slower than status, so a
   * thread of its own reads it at a lower rate and posts the results. */
  gboolean     pss;
  GThread     *pss_thread;
  GMutex       pss_lock;
  GCond        pss_cond;
  gboolean     pss_stop;
  GArray      *pss_pids;    /* pid_t, under pss_lock */
};

G_DEFINE_FINAL_TYPE (MgSampler, mg_sampler, G_TYPE_OBJECT)

/* Linux before 5.3: signals go by pid. */
static gboolean no_pidfds;

static void
close_fd (int *fd)
{
  if (*fd >= 0)
    close (*fd);
  *fd = -1;
}

static void
tracked_free (gpointer data)
{
  Tracked *t = data;

  close_fd (&t->status_fd);
  close_fd (&t->children_fd);
  close_fd (&t->clear_refs_fd);
  close_fd (&t->pidfd);
  for (guint i = 0; t->task_fds != NULL && i < t->task_fds->len; i++)
    close (g_array_index (t->task_fds, int, i));
  g_clear_pointer (&t->task_fds, g_array_unref);
  g_free (t);
}

static void
op_clear (gpointer data)
{
  Op *op = data;

  g_free (op->name);
  g_free (op->cmdline);
}

static void
tick_free (Tick *tick)
{
  g_array_unref (tick->ops);
  g_array_unref (tick->pending);
  g_free (tick);
}

static void
tick_list_free (Tick *list)
{
  while (list != NULL)
    {
      Tick *next = list->next;

      tick_free (list);
      list = next;
    }
}

/* A spare tick when there is one, emptied when it was put back. */
static Tick *
tick_new (MgSampler *self,
          double     time_s)
{
  Tick *tick;

  g_mutex_lock (&self->queue_lock);
  tick = self->spare;
  if (tick != NULL)
    {
      self->spare = tick->next;
      self->n_spare--;
    }
  g_mutex_unlock (&self->queue_lock);

  if (tick == NULL)
    {
      tick = g_new0 (Tick, 1);
      tick->ops = g_array_new (FALSE, TRUE, sizeof (Op));
      g_array_set_clear_func (tick->ops, op_clear);
      tick->pending = g_array_new (FALSE, FALSE, sizeof (Pending));
    }
  tick->next = NULL;
  tick->time_s = time_s;
  tick->read = 0;
  mg_sample_init (&tick->total, time_s);
  tick->interval_max = 0;
  tick->last_tick_s = 0;
  return tick;
}

/* On the main thread, once applied: kept for a next tick, its arrays
 * emptied but not shrunk. */
static void
tick_recycle (MgSampler *self,
              Tick      *tick)
{
  g_array_set_size (tick->ops, 0);
  g_array_set_size (tick->pending, 0);
  g_mutex_lock (&self->queue_lock);
  if (self->n_spare < MAX_SPARE_TICKS)
    {
      tick->next = self->spare;
      self->spare = tick;
      self->n_spare++;
      tick = NULL;
    }
  g_mutex_unlock (&self->queue_lock);
  if (tick != NULL)
    tick_free (tick);
}

static Op *
tick_add_op (Tick   *tick,
             OpKind  kind,
             guint   id)
{
  Op op = { kind, id, 0, };

  g_array_append_val (tick->ops, op);
  return &g_array_index (tick->ops, Op, tick->ops->len - 1);
}

static void
mg_sampler_dispose (GObject *object)
{
  MgSampler *self = (MgSampler *) object;

  mg_sampler_stop (self);
  g_clear_object (&self->recording);

  G_OBJECT_CLASS (mg_sampler_parent_class)->dispose (object);
}

static void
mg_sampler_finalize (GObject *object)
{
  MgSampler *self = (MgSampler *) object;

  g_clear_pointer (&self->tracked, g_ptr_array_unref);
  g_clear_pointer (&self->by_pid, g_hash_table_unref);
  g_clear_pointer (&self->scratch, g_array_unref);
  g_clear_pointer (&self->children_buf, g_byte_array_unref);
  g_clear_pointer (&self->pss_pids, g_array_unref);
  g_clear_pointer (&self->attach_pids, g_array_unref);
  g_mutex_clear (&self->pss_lock);
  g_cond_clear (&self->pss_cond);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->queue_lock);
  tick_list_free (g_steal_pointer (&self->queue));
  tick_list_free (g_steal_pointer (&self->spare));
  g_clear_pointer (&self->index_of, g_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (mg_sampler_parent_class)->finalize (object);
}

static void
mg_sampler_class_init (MgSamplerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mg_sampler_dispose;
  G_OBJECT_CLASS (klass)->finalize = mg_sampler_finalize;
}

static void
mg_sampler_init (MgSampler *self)
{
  self->tracked = g_ptr_array_new_with_free_func (tracked_free);
  self->by_pid = g_hash_table_new (NULL, NULL);
  self->scratch = g_array_new (FALSE, FALSE, sizeof (pid_t));
  self->children_buf = g_byte_array_sized_new (4096);
  self->root_children_fd = -1;
  self->timer_fd = -1;
  self->last_tick_s = 0;
  g_mutex_init (&self->lock);
  g_mutex_init (&self->queue_lock);
  self->index_of = g_array_new (FALSE, FALSE, sizeof (guint));
  g_mutex_init (&self->pss_lock);
  g_cond_init (&self->pss_cond);
  self->pss_pids = g_array_new (FALSE, FALSE, sizeof (pid_t));
}

/**
 * mg_sampler_new:
 * @recording: where samples go
 * @root_pid: the process whose descendants are watched (memgraph-launch);
 *   it is not counted itself
 * @start_us: monotonic time of the start, the zero of the time axis
 *
 * Returns: (transfer full): a sampler; nothing is read before
 *   mg_sampler_start()
 */
MgSampler *
mg_sampler_new (MgRecording *recording,
                pid_t        root_pid,
                gint64       start_us)
{
  MgSampler *self;

  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);
  g_return_val_if_fail (root_pid > 0, NULL);

  self = g_object_new (MG_TYPE_SAMPLER, NULL);
  self->recording = g_object_ref (recording);
  self->root_pid = root_pid;
  self->start_us = start_us;
  return self;
}

/**
 * mg_sampler_new_attached:
 * @recording: where samples go
 * @pids: (array length=n_pids): running processes, not ours, to watch with
 *   their descendants; each is counted itself
 * @start_us: monotonic time of attaching, the zero of the time axis
 *
 * Each of @pids is read from the first tick on, and its children as they
 * appear; a pid is never taken up again once its process has ended, so a
 * reused pid is not watched. Descendants re-parented away from the tree
 * (double fork) are kept while they live, once seen.
 *
 * Returns: (transfer full): a sampler; nothing is read before
 *   mg_sampler_start()
 */
MgSampler *
mg_sampler_new_attached (MgRecording *recording,
                         const pid_t *pids,
                         guint        n_pids,
                         gint64       start_us)
{
  MgSampler *self;

  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);
  g_return_val_if_fail (pids != NULL && n_pids > 0, NULL);

  self = g_object_new (MG_TYPE_SAMPLER, NULL);
  self->recording = g_object_ref (recording);
  self->attach_pids = g_array_sized_new (FALSE, FALSE, sizeof (pid_t), n_pids);
  g_array_append_vals (self->attach_pids, pids, n_pids);
  self->start_us = start_us;
  return self;
}

/**
 * mg_sampler_set_catch_spikes:
 *
 * After each read, write 5 to /proc/PID/clear_refs, so that the next VmHWM
 * is the exact maximum of the interval. This resets the process's own
 * high-water mark (what its getrusage() reports), so it is opt-in.
 */
void
mg_sampler_set_catch_spikes (MgSampler *self,
                             gboolean   catch_spikes)
{
  g_return_if_fail (MG_IS_SAMPLER (self));
  self->catch_spikes = !!catch_spikes;
}

/**
 * mg_sampler_set_read_hook:
 * @hook: (nullable): called with each process's pid after it is read
 *
 * For tests: what happens to the tree between two reads of one sample.
 */
void
mg_sampler_set_read_hook (MgSampler         *self,
                          MgSamplerReadHook  hook,
                          gpointer           user_data)
{
  g_return_if_fail (MG_IS_SAMPLER (self));
  self->read_hook = hook;
  self->read_hook_data = user_data;
}

/**
 * mg_sampler_set_pss:
 *
 * Also measure PSS and USS from /proc/PID/smaps_rollup, off the main
 * thread, every MG_SAMPLER_PSS_MIN_PERIOD_S or ten intervals, whichever is
 * longer.
 */
void
mg_sampler_set_pss (MgSampler *self,
                    gboolean   pss)
{
  g_return_if_fail (MG_IS_SAMPLER (self));
  g_return_if_fail (self->pss_thread == NULL);
  self->pss = !!pss;
}

typedef struct
{
  MgRecording *recording;
  double       time_s;
  guint64      pss;
  guint64      uss;
  guint        read;
  GArray      *denied;      /* pid_t whose smaps_rollup was refused */
} PssResult;

static gboolean
apply_pss (gpointer data)
{
  PssResult *r = data;

  for (guint i = 0; i < r->denied->len; i++)
    mg_recording_note_unreadable (r->recording, g_array_index (r->denied, pid_t, i),
                                  MG_UNREADABLE_PSS);
  if (r->read > 0)
    mg_recording_set_pss (r->recording, r->time_s, r->pss, r->uss);
  return G_SOURCE_REMOVE;
}

static void
pss_result_free (gpointer data)
{
  PssResult *r = data;

  g_clear_object (&r->recording);
  g_array_unref (r->denied);
  g_free (r);
}

static gpointer
pss_thread_main (gpointer data)
{
  MgSampler *self = data;
  gint64 period_us = (gint64) (MAX (MG_SAMPLER_PSS_MIN_PERIOD_S,
                                    10 * mg_recording_get_interval (self->recording)) * 1e6);
  g_autoptr(GArray) pids = g_array_new (FALSE, FALSE, sizeof (pid_t));
  g_autoptr(GHashTable) denied = g_hash_table_new (NULL, NULL);
  gint64 next = g_get_monotonic_time ();

  for (;;)
    {
      PssResult *r;
      gint64 now;

      g_mutex_lock (&self->pss_lock);
      while (!self->pss_stop && g_get_monotonic_time () < next)
        g_cond_wait_until (&self->pss_cond, &self->pss_lock, next);
      if (self->pss_stop)
        {
          g_mutex_unlock (&self->pss_lock);
          break;
        }
      g_array_set_size (pids, 0);
      g_array_append_vals (pids, self->pss_pids->data, self->pss_pids->len);
      g_mutex_unlock (&self->pss_lock);

      now = g_get_monotonic_time ();
      next = now + period_us;
      r = g_new0 (PssResult, 1);
      r->time_s = (now - self->start_us) / 1e6;
      r->denied = g_array_new (FALSE, FALSE, sizeof (pid_t));

      for (guint i = 0; i < pids->len; i++)
        {
          char buf[4096];
          MgSmapsRollup rollup;
          gssize n;
          pid_t pid = g_array_index (pids, pid_t, i);
          int fd = mg_proc_open (pid, "smaps_rollup", NULL);

          /* Reading it needs the right to trace the process. */
          if (fd < 0 && (errno == EACCES || errno == EPERM) &&
              g_hash_table_add (denied, GINT_TO_POINTER (pid)))
            g_array_append_val (r->denied, pid);
          if (fd < 0)
            continue;
          n = mg_proc_pread (fd, buf, sizeof buf);
          close (fd);
          if (n > 0 && mg_proc_parse_smaps_rollup (buf, n, &rollup))
            {
              r->pss += rollup.pss;
              r->uss += rollup.uss;
              r->read++;
            }
        }

      if (r->read == 0 && r->denied->len == 0)
        {
          pss_result_free (r);
          continue;
        }
      r->recording = g_object_ref (self->recording);
      g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, apply_pss, r, pss_result_free);
    }
  return NULL;
}

static void
stop_pss_thread (MgSampler *self)
{
  if (self->pss_thread == NULL)
    return;

  g_mutex_lock (&self->pss_lock);
  self->pss_stop = TRUE;
  g_cond_signal (&self->pss_cond);
  g_mutex_unlock (&self->pss_lock);
  g_thread_join (g_steal_pointer (&self->pss_thread));
}

/* How many ticks an empty command line is read again: a process caught
 * between the new name and the new arguments of an exec shows none. */
#define CMDLINE_RETRIES 8

static char *
read_cmdline (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/cmdline", (int) pid);
  char buf[4096];
  gssize n;
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd < 0)
    return NULL;
  n = mg_proc_pread (fd, buf, sizeof buf - 1);
  close (fd);
  if (n <= 0)
    return NULL;

  /* Arguments are separated by NULs; the last one ends with one. */
  while (n > 0 && buf[n - 1] == '\0')
    n--;
  for (gssize i = 0; i < n; i++)
    if (buf[i] == '\0')
      buf[i] = ' ';
  buf[n] = '\0';
  return g_utf8_make_valid (buf, n);
}

static Tracked *
track (MgSampler *self,
       pid_t      pid)
{
  Tracked *t;
  char path[64];
  int status_fd;

  status_fd = mg_proc_open (pid, "status", NULL);
  if (status_fd < 0)
    {
      /* Listed as a child, yet refused (another user's process under
       * hidepid=1), or not there while it still exists (hidepid=2): say
       * so (once: the recording keeps each pid once), rather than count it
       * as nothing. A process that has just been reaped is simply gone.
       * It is tried again each tick, as its pid may be reused. */
      if (errno == EACCES || errno == EPERM ||
          (errno == ENOENT && (kill (pid, 0) == 0 || errno == EPERM)))
        tick_add_op (self->tick, OP_UNREADABLE, 0)->pid = pid;
      return NULL;
    }

  t = g_new0 (Tracked, 1);
  t->pid = pid;
  t->status_fd = status_fd;
  {
    MgStat stat;

    if (mg_proc_read_stat (pid, &stat))
      {
        t->start_ticks = stat.start_ticks;
        t->ppid = stat.ppid;
      }
  }
  g_snprintf (path, sizeof path, "task/%d/children", (int) pid);
  t->children_fd = mg_proc_open (pid, path, NULL);
  t->clear_refs_fd = self->catch_spikes ? mg_proc_open_full (pid, "clear_refs", O_WRONLY, NULL)
                                        : -1;
  /* Opened right after status, while the process is listed as a child of
   * one we track; -1 before Linux 5.3 (no pidfds). */
  t->pidfd = (int) syscall (SYS_pidfd_open, pid, 0);
  if (t->pidfd < 0 && errno == ENOSYS)
    no_pidfds = TRUE;
  t->id = self->next_id++;
  t->last_read_s = -1;
  g_ptr_array_add (self->tracked, t);
  g_hash_table_insert (self->by_pid, GINT_TO_POINTER (pid), t);
  return t;
}

static void
add_children (MgSampler *self,
              int        fd)
{
  gssize n;

  if (fd < 0)
    return;
  n = mg_proc_read_whole (fd, self->children_buf);
  if (n <= 0)
    return;

  g_array_set_size (self->scratch, 0);
  mg_proc_parse_children ((const char *) self->children_buf->data, n, self->scratch);
  for (guint i = 0; i < self->scratch->len; i++)
    {
      pid_t pid = g_array_index (self->scratch, pid_t, i);

      if (!g_hash_table_contains (self->by_pid, GINT_TO_POINTER (pid)))
        track (self, pid);
    }
}

/* Children started by threads other than the main one are listed under
 * their thread: the files are opened when the set of threads may have
 * changed, and read with one pread each tick like the others. */
static void
scan_threads (Tracked *t)
{
  char path[64];
  DIR *dir;
  struct dirent *entry;

  if (t->task_fds == NULL)
    t->task_fds = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < t->task_fds->len; i++)
    close (g_array_index (t->task_fds, int, i));
  g_array_set_size (t->task_fds, 0);
  t->scanned_threads = t->threads;

  g_snprintf (path, sizeof path, "/proc/%d/task", (int) t->pid);
  dir = opendir (path);
  if (dir == NULL)
    return;

  while ((entry = readdir (dir)) != NULL)
    {
      char child_path[96];
      int tid = atoi (entry->d_name);
      int fd;

      if (tid <= 0 || tid == t->pid)
        continue;
      g_snprintf (child_path, sizeof child_path, "task/%d/children", tid);
      fd = mg_proc_open (t->pid, child_path, NULL);
      if (fd >= 0)
        g_array_append_val (t->task_fds, fd);
    }
  closedir (dir);
}

static void
add_thread_children (MgSampler *self,
                     Tracked   *t)
{
  /* A process with many threads is read every tenth tick only. */
  gboolean many = t->threads > 64;

  if (many && self->ticks % 10 != 0)
    return;
  /* A new thread set: a different count, or now and then the same count
   * of other threads. */
  if (t->threads != t->scanned_threads || self->ticks % (many ? 10 : 50) == 0)
    scan_threads (t);
  for (guint i = 0; i < t->task_fds->len; i++)
    add_children (self, g_array_index (t->task_fds, int, i));
}

/* Reads the whole tree once, on whichever thread samples, under the lock:
 * what it finds goes into a Tick, nothing into the recording. */
static Tick *
take_tick (MgSampler *self)
{
  Tick *tick;
  double now;

  now = (g_get_monotonic_time () - self->start_us) / 1e6;
  tick = self->tick = tick_new (self, now);
  self->ticks++;

  /* The tops of the tree: the command, and whatever was re-parented to the
   * subreaper; or the processes attached to, once. */
  add_children (self, self->root_children_fd);
  if (self->attach_pids != NULL && !self->attach_done)
    {
      self->attach_done = TRUE;
      for (guint i = 0; i < self->attach_pids->len; i++)
        {
          pid_t pid = g_array_index (self->attach_pids, pid_t, i);

          if (!g_hash_table_contains (self->by_pid, GINT_TO_POINTER (pid)))
            track (self, pid);
        }
    }

  for (guint i = 0; i < self->tracked->len; i++)
    {
      Tracked *t = g_ptr_array_index (self->tracked, i);
      char buf[4096];
      MgStatus status;
      Pending p;
      gssize n;

      n = mg_proc_pread (t->status_fd, buf, sizeof buf);
      /* Gone, or a zombie (no memory lines): a whole process or nothing, so
       * no half-read process enters the sum. */
      if (n <= 0 || !mg_proc_parse_status (buf, n, &status) ||
          !(status.present & MG_STATUS_VM_RSS))
        {
          if (t->announced)
            tick_add_op (tick, OP_GONE, t->id);
          g_hash_table_remove (self->by_pid, GINT_TO_POINTER (t->pid));
          g_ptr_array_remove_index (self->tracked, i);
          i--;
          continue;
        }

      if (!t->announced)
        {
          Op *op = tick_add_op (tick, OP_NEW, t->id);

          op->pid = t->pid;
          op->ppid = (int) status.ppid;
          op->start_ticks = t->start_ticks;
          /* Its real start, not when it was first seen (unless followed:
           * see apply_tick()). */
          op->start_s = t->start_ticks > 0
                        ? CLAMP ((mg_proc_ticks_to_monotonic_us (t->start_ticks) -
                                  self->start_us) / 1e6, 0, now)
                        : -1;
          op->name = g_strdup (status.name);
          op->cmdline = read_cmdline (t->pid);
          t->cmdline_retries = op->cmdline == NULL ? CMDLINE_RETRIES : 0;
          g_strlcpy (t->name, status.name, sizeof t->name);
          t->announced = TRUE;
        }
      else if (strcmp (t->name, status.name) != 0)
        {
          /* It executed another program. */
          Op *op = tick_add_op (tick, OP_EXEC, t->id);

          op->name = g_strdup (status.name);
          op->cmdline = read_cmdline (t->pid);
          t->cmdline_retries = op->cmdline == NULL ? CMDLINE_RETRIES : 0;
          g_strlcpy (t->name, status.name, sizeof t->name);
        }
      else if (t->cmdline_retries > 0)
        {
          /* Read in the middle of an exec, after its new name and before its
           * arguments: read again, until they are there. */
          char *cmdline = read_cmdline (t->pid);

          t->cmdline_retries--;
          if (cmdline != NULL)
            {
              Op *op = tick_add_op (tick, OP_EXEC, t->id);

              op->name = g_strdup (status.name);
              op->cmdline = cmdline;
              t->cmdline_retries = 0;
            }
        }

      if (t->pid == self->command_pid)
        {
          /* A followed process that is stopped shows 't' (tracing stop),
           * as it also does for an instant at each fork, exec and exit:
           * two ticks in a row tell the two apart. */
          gboolean traced_stop = status.state == 't';
          gboolean stopped = status.state == 'T' || (traced_stop && self->traced_stop);

          /* Told only when it changes: the recording starts running. */
          if (stopped != self->stopped)
            tick_add_op (tick, OP_STOPPED, t->id)->stopped = stopped;
          self->stopped = stopped;
          self->traced_stop = traced_stop;
        }

      mg_sample_init (&p.sample, now);
      p.sample.rss_bytes = status.vm_rss;
      p.sample.vsz_bytes = status.vm_size;
      p.sample.anon_bytes = status.rss_anon;
      p.sample.file_bytes = status.rss_file;
      p.sample.shmem_bytes = status.rss_shmem;
      p.sample.swap_bytes = status.vm_swap;
      p.id = t->id;
      p.hwm = status.vm_hwm;
      p.since = t->last_read_s;
      p.before_start = self->attach_pids != NULL && t->start_ticks > 0 &&
                       mg_proc_ticks_to_monotonic_us (t->start_ticks) < self->start_us;

      if (t->clear_refs_fd >= 0)
        {
          /* VmHWM is now the highest RSS since the previous reset. */
          p.sample.rss_max_bytes = MAX (status.vm_hwm, status.vm_rss);
          if (write (t->clear_refs_fd, "5", 1) < 0)
            close_fd (&t->clear_refs_fd);
          tick->interval_max += p.sample.rss_max_bytes;
        }

      tick->total.rss_bytes += p.sample.rss_bytes;
      tick->total.vsz_bytes += p.sample.vsz_bytes;
      tick->total.anon_bytes += p.sample.anon_bytes;
      tick->total.file_bytes += p.sample.file_bytes;
      tick->total.shmem_bytes += p.sample.shmem_bytes;
      tick->total.swap_bytes += p.sample.swap_bytes;
      tick->total.rss_max_bytes += p.sample.rss_max_bytes;
      t->last_read_s = now;
      t->threads = status.threads;
      g_array_append_val (tick->pending, p);
      tick->read++;
      if (self->read_hook != NULL)
        self->read_hook (t->pid, self->read_hook_data);

      add_children (self, t->children_fd);
      if (t->threads > 1)
        add_thread_children (self, t);
    }

  if (self->pss)
    {
      g_mutex_lock (&self->pss_lock);
      g_array_set_size (self->pss_pids, 0);
      for (guint i = 0; i < self->tracked->len; i++)
        g_array_append_val (self->pss_pids, ((Tracked *) g_ptr_array_index (self->tracked, i))->pid);
      g_mutex_unlock (&self->pss_lock);
    }

  tick->last_tick_s = self->last_tick_s;
  if (tick->read > 0)
    self->last_tick_s = now;
  self->tick = NULL;
  return tick;
}

static guint
index_of (MgSampler *self,
          guint      id)
{
  return id < self->index_of->len ? g_array_index (self->index_of, guint, id) : G_MAXUINT;
}

/* On the main thread: what a tick read, into the recording. */
static void
apply_tick (MgSampler *self,
            Tick      *tick)
{
  MgRecording *rec = self->recording;

  for (guint i = 0; i < tick->ops->len; i++)
    {
      Op *op = &g_array_index (tick->ops, Op, i);
      guint index = index_of (self, op->id);

      switch (op->kind)
        {
        case OP_NEW:
          {
            /* When followed, memgraph-launch reports the fork itself, to
             * the microsecond. */
            double start_s = op->start_s >= 0 &&
                             mg_recording_get_following (rec) != MG_FOLLOW_ON
                             ? op->start_s : tick->time_s;
            guint none = G_MAXUINT;

            while (self->index_of->len <= op->id)
              g_array_append_val (self->index_of, none);
            g_array_index (self->index_of, guint, op->id) =
              mg_recording_add_process_full (rec, op->pid, op->ppid, op->start_ticks, op->name,
                                             op->cmdline, start_s);
          }
          break;
        case OP_EXEC:
          if (index != G_MAXUINT)
            mg_recording_process_exec (rec, index, op->name, op->cmdline);
          break;
        case OP_GONE:
          if (index != G_MAXUINT)
            mg_recording_process_gone (rec, index, tick->time_s);
          break;
        case OP_UNREADABLE:
          mg_recording_note_unreadable (rec, op->pid, MG_UNREADABLE_PROCESS);
          break;
        case OP_STOPPED:
          mg_recording_set_stopped (rec, op->stopped);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (tick->read == 0)
    return;

  mg_recording_append_sample (rec, &tick->total);
  for (guint i = 0; i < tick->pending->len; i++)
    {
      Pending *p = &g_array_index (tick->pending, Pending, i);
      guint index = index_of (self, p->id);

      if (index == G_MAXUINT)
        continue;
      mg_recording_process_sample (rec, index, &p->sample, p->hwm,
                                   p->since >= 0 ? p->since
                                   : p->before_start ? -1
                                   : mg_recording_get_process (rec, index)->start_s);
    }
  /* With one process the interval maximum is exact; with several, their sum
   * only bounds the total from above, so it is drawn but not claimed. */
  if (tick->read == 1 && tick->interval_max > 0)
    mg_recording_note_interval_max (rec, tick->interval_max, tick->last_tick_s, tick->time_s);
  mg_recording_note_tick (rec, tick->time_s);
}

/* On the main thread: applies every tick queued, oldest first. */
static void
apply_queued (MgSampler *self)
{
  for (;;)
    {
      Tick *tick;

      g_mutex_lock (&self->queue_lock);
      tick = self->queue;
      if (tick != NULL)
        {
          self->queue = tick->next;
          if (self->queue == NULL)
            self->queue_tail = NULL;
        }
      g_mutex_unlock (&self->queue_lock);
      if (tick == NULL)
        break;
      apply_tick (self, tick);
      tick_recycle (self, tick);
    }
}

static gboolean
on_ticks_queued (gpointer data)
{
  MgSampler *self = data;

  /* What the recording's handlers do may end the run and drop the
   * sampler: keep it until the ticks are applied. */
  g_object_ref (self);
  g_mutex_lock (&self->queue_lock);
  if (self->news != NULL)
    g_source_set_ready_time (self->news, -1);
  self->news_sent = FALSE;
  g_mutex_unlock (&self->queue_lock);
  if (self->recording != NULL)
    apply_queued (self);
  g_object_unref (self);
  return G_SOURCE_CONTINUE;
}

/* A source that is dispatched when its ready time is set (to 0) from the
 * sampling thread. */
static gboolean
news_dispatch (GSource     *source,
               GSourceFunc  callback,
               gpointer     user_data)
{
  return callback (user_data);
}

static GSourceFuncs news_funcs = { NULL, NULL, news_dispatch, NULL, NULL, NULL };

/* Takes a tick and queues it, both under the lock: the queue holds ticks
 * in the order they were taken, whichever thread took them. @changed: the
 * tree changed (a process came, went, executed, stopped or resumed). */
static guint
take_and_queue (MgSampler *self,
                gboolean  *changed)
{
  Tick *tick;
  guint read;

  g_mutex_lock (&self->lock);
  tick = take_tick (self);
  read = tick->read;
  *changed = tick->ops->len > 0;
  g_mutex_lock (&self->queue_lock);
  if (self->queue_tail != NULL)
    self->queue_tail->next = tick;
  else
    self->queue = tick;
  self->queue_tail = tick;
  g_mutex_unlock (&self->queue_lock);
  g_mutex_unlock (&self->lock);
  return read;
}

/**
 * mg_sampler_sample:
 *
 * Takes one sample of the whole tree now, on the main thread, and applies
 * it (after any the sampling thread has queued).
 *
 * Returns: %FALSE when no process of the tree could be read
 */
gboolean
mg_sampler_sample (MgSampler *self)
{
  guint read;
  gboolean changed;

  g_return_val_if_fail (MG_IS_SAMPLER (self), FALSE);

  read = take_and_queue (self, &changed);
  apply_queued (self);
  return read > 0;
}

/* The sampling thread. The clock is a periodic timerfd: the kernel keeps
 * the schedule, start + k × interval, to the microsecond (a GLib timeout
 * rounds to milliseconds and restarts after each tick, so a 1 ms interval
 * would lose a tenth of its samples). Expirations missed while busy are
 * skipped, not bunched. The thread wakes only on it, with one blocking
 * read(): mg_sampler_stop() sets stopping and makes the timer expire at
 * once. One apply at a time is on its way to the main thread (a source
 * kept attached and made ready); it takes every tick queued by then. Waking the main thread costs as much as a
 * tick, so one is sent at once only when the tree changed, and otherwise
 * when MG_SAMPLER_HANDOFF_S has passed since the last: at short intervals
 * several samples go in one apply. */
static gpointer
sampler_thread (gpointer data)
{
  MgSampler *self = data;

  for (;;)
    {
      guint64 expirations;
      ssize_t n = read (self->timer_fd, &expirations, sizeof expirations);
      gboolean changed;
      gint64 now;

      if (g_atomic_int_get (&self->stopping))
        break;
      if (n != sizeof expirations)
        {
          if (n < 0 && errno != EINTR && errno != EAGAIN)
            break;
          continue;
        }
      take_and_queue (self, &changed);
      now = g_get_monotonic_time ();
      g_mutex_lock (&self->queue_lock);
      if (!self->news_sent &&
          (changed || now - self->handed_us >= MG_SAMPLER_HANDOFF_S * G_USEC_PER_SEC))
        {
          self->handed_us = now;
          self->handoffs++;
          self->news_sent = TRUE;
          g_source_set_ready_time (self->news, 0);
        }
      g_mutex_unlock (&self->queue_lock);
    }
  return NULL;
}

/**
 * mg_sampler_start:
 * @error: return location for a #GError
 *
 * Takes the first sample at once and then one each interval of the
 * recording.
 *
 * Returns: %FALSE with @error set when the root's /proc entry cannot be
 *   opened
 */
gboolean
mg_sampler_start (MgSampler  *self,
                  GError    **error)
{
  char path[64];
  double interval;

  g_return_val_if_fail (MG_IS_SAMPLER (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);

  self->command_pid = mg_recording_get_command_pid (self->recording);
  if (self->root_pid > 0)
    {
      g_snprintf (path, sizeof path, "task/%d/children", (int) self->root_pid);
      self->root_children_fd = mg_proc_open (self->root_pid, path, error);
      if (self->root_children_fd < 0)
        return FALSE;
    }

  mg_sampler_sample (self);

  if (self->pss)
    self->pss_thread = g_thread_new ("memgraph-pss", pss_thread_main, self);

  interval = mg_recording_get_interval (self->recording);
  self->interval_us = (gint64) CLAMP (llround (interval * 1e6), 1000, (gint64) 3600 * G_USEC_PER_SEC);

  self->timer_fd = timerfd_create (CLOCK_MONOTONIC, TFD_CLOEXEC);
  if (self->timer_fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "timerfd_create: %s", g_strerror (saved));
      return FALSE;
    }
  {
    struct itimerspec spec = {
      { self->interval_us / G_USEC_PER_SEC, (self->interval_us % G_USEC_PER_SEC) * 1000 },
      { self->interval_us / G_USEC_PER_SEC, (self->interval_us % G_USEC_PER_SEC) * 1000 },
    };
    timerfd_settime (self->timer_fd, 0, &spec, NULL);
  }

  g_atomic_int_set (&self->stopping, FALSE);
  self->context = g_main_context_ref_thread_default ();
  /* Above the default priority: samples before redraws. No reference:
   * mg_sampler_stop() destroys it. */
  self->news = g_source_new (&news_funcs, sizeof (GSource));
  g_source_set_priority (self->news, G_PRIORITY_HIGH);
  g_source_set_callback (self->news, on_ticks_queued, self, NULL);
  g_source_set_static_name (self->news, "[memgraph] samples");
  g_source_set_ready_time (self->news, -1);
  g_source_attach (self->news, self->context);
  self->news_sent = FALSE;
  self->thread = g_thread_new ("mg-sampler", sampler_thread, self);
  return TRUE;
}

/**
 * mg_sampler_stop:
 *
 * Stops the sampling thread and waits for it, applies every tick it took
 * to the recording, and closes the /proc files. Safe to call twice.
 */
void
mg_sampler_stop (MgSampler *self)
{
  g_return_if_fail (MG_IS_SAMPLER (self));

  if (self->thread != NULL)
    {
      /* Whatever the thread is doing, its next read() of the timer returns
       * (settime drops what had expired and arms a one-shot that is due
       * now), and it then sees stopping. */
      struct itimerspec now = { { 0, 0 }, { 0, 1 } };

      g_atomic_int_set (&self->stopping, TRUE);
      if (timerfd_settime (self->timer_fd, 0, &now, NULL) < 0)
        g_error ("Cannot wake the sampler: %s", g_strerror (errno));
      g_thread_join (g_steal_pointer (&self->thread));
    }
  if (self->news != NULL)
    {
      g_source_destroy (self->news);
      g_clear_pointer (&self->news, g_source_unref);
    }
  if (self->recording != NULL)
    apply_queued (self);
  close_fd (&self->timer_fd);
  stop_pss_thread (self);
  g_mutex_lock (&self->lock);
  close_fd (&self->root_children_fd);
  g_hash_table_remove_all (self->by_pid);
  g_ptr_array_set_size (self->tracked, 0);
  g_mutex_unlock (&self->lock);
}

guint
mg_sampler_get_n_tracked (MgSampler *self)
{
  guint n;

  g_return_val_if_fail (MG_IS_SAMPLER (self), 0);

  g_mutex_lock (&self->lock);
  n = self->tracked->len;
  g_mutex_unlock (&self->lock);
  return n;
}

/**
 * mg_sampler_dup_pids:
 *
 * Returns: (transfer full): the pids of the processes watched now
 */
GArray *
mg_sampler_dup_pids (MgSampler *self)
{
  GArray *pids;

  g_return_val_if_fail (MG_IS_SAMPLER (self), NULL);

  g_mutex_lock (&self->lock);
  pids = g_array_sized_new (FALSE, FALSE, sizeof (pid_t), self->tracked->len);
  for (guint i = 0; i < self->tracked->len; i++)
    g_array_append_val (pids, ((Tracked *) g_ptr_array_index (self->tracked, i))->pid);
  g_mutex_unlock (&self->lock);
  return pids;
}

/**
 * mg_sampler_signal_all:
 * @signum: a signal
 *
 * Sends @signum to every process watched now, through the pidfd opened when
 * it was first seen, so that a process that has ended and whose pid was
 * given to another program is never hit. Without pidfds (Linux before 5.3)
 * it falls back to kill(); a process whose pidfd could not be opened
 * because it had already ended is skipped.
 *
 * Returns: how many processes were signalled
 */
guint
mg_sampler_signal_all (MgSampler *self,
                       int        signum)
{
  guint sent = 0;

  g_return_val_if_fail (MG_IS_SAMPLER (self), 0);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->tracked->len; i++)
    {
      Tracked *t = g_ptr_array_index (self->tracked, i);
      long ok = -1;

      if (t->pidfd >= 0)
        ok = syscall (SYS_pidfd_send_signal, t->pidfd, signum, NULL, 0);
      else if (no_pidfds)
        ok = kill (t->pid, signum);
      if (ok == 0)
        sent++;
    }
  g_mutex_unlock (&self->lock);
  return sent;
}

/**
 * mg_sampler_get_n_taken:
 *
 * For tests: how many ticks were taken, on either thread.
 */
guint
mg_sampler_get_n_taken (MgSampler *self)
{
  guint n;

  g_return_val_if_fail (MG_IS_SAMPLER (self), 0);

  g_mutex_lock (&self->lock);
  n = self->ticks;
  g_mutex_unlock (&self->lock);
  return n;
}

/**
 * mg_sampler_get_n_handoffs:
 *
 * For tests: how many times the sampling thread woke the main thread to
 * apply what it took.
 */
guint
mg_sampler_get_n_handoffs (MgSampler *self)
{
  guint n;

  g_return_val_if_fail (MG_IS_SAMPLER (self), 0);

  g_mutex_lock (&self->queue_lock);
  n = self->handoffs;
  g_mutex_unlock (&self->queue_lock);
  return n;
}
