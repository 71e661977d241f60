/* mg-attach.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Watches processes that are already running, and their descendants, from
 * the moment of attaching: the sampler reads them as it reads a command's
 * tree, and a pidfd for each says when it ends, at once, without waiting
 * for a tick. Nothing is done to the processes: stopping means stopping to
 * watch, and they run on. Only the user's own processes are watched.
 *
 * What the recording says of them differs from a started command in two
 * ways: VmHWM is a process's high-water mark since it started, before
 * the recording too (see mg_recording_set_attached()), and how it ended is
 * known only when the kernel tells us: when it is our child (waitid() on
 * its pidfd, without reaping it), or when it is still a zombie whose
 * /proc/PID/stat shows its exit code. Otherwise it is "unknown".
 */
#include "config.h"

#include "mg-attach.h"
#include "mg-proc.h"
#include "mg-sampler.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

typedef struct
{
  pid_t    pid;
  guint64  start_ticks;
  int      pidfd;
  guint    watch_id;
  gboolean ended;
  gboolean status_known;   /* the kernel told how it ended */
  int      wait_status;
} Watched;

struct _MgAttach
{
  GObject       parent_instance;

  /* owned */
  MgRecording  *recording;
  MgSampler    *sampler;
  GArray       *watched;     /* of Watched, the first is the recording's "command" */

  gint64        start_us;
  gboolean      pss;
  gboolean      started;
};

G_DEFINE_FINAL_TYPE (MgAttach, mg_attach, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (mg-attach-error-quark, mg_attach_error)

static void
unwatch (MgAttach *self)
{
  for (guint i = 0; self->watched != NULL && i < self->watched->len; i++)
    {
      Watched *w = &g_array_index (self->watched, Watched, i);

      g_clear_handle_id (&w->watch_id, g_source_remove);
      if (w->pidfd >= 0)
        close (w->pidfd);
      w->pidfd = -1;
    }
}

static void
mg_attach_dispose (GObject *object)
{
  MgAttach *self = (MgAttach *) object;

  unwatch (self);
  if (self->sampler != NULL)
    mg_sampler_stop (self->sampler);
  g_clear_object (&self->sampler);
  g_clear_object (&self->recording);

  G_OBJECT_CLASS (mg_attach_parent_class)->dispose (object);
}

static void
mg_attach_finalize (GObject *object)
{
  MgAttach *self = (MgAttach *) object;

  g_clear_pointer (&self->watched, g_array_unref);

  G_OBJECT_CLASS (mg_attach_parent_class)->finalize (object);
}

static void
mg_attach_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MgAttach *self = MG_ATTACH (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, mg_attach_is_running (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_attach_class_init (MgAttachClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mg_attach_dispose;
  object_class->finalize = mg_attach_finalize;
  object_class->get_property = mg_attach_get_property;

  /* As MgRunner's: TRUE from mg_attach_start() until the recording is
   * finished. */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mg_attach_init (MgAttach *self)
{
  self->watched = g_array_new (FALSE, TRUE, sizeof (Watched));
}

/* The real user id of the "Uid:" line of /proc/PID/status. */
static gboolean
status_uid (const char *status,
            uid_t      *uid)
{
  const char *line = strstr (status, "\nUid:");
  unsigned long value;

  if (line == NULL || sscanf (line + 5, " %lu", &value) != 1)
    return FALSE;
  *uid = (uid_t) value;
  return TRUE;
}

static char *
user_name (uid_t uid)
{
  struct passwd *pw = getpwuid (uid);

  if (pw != NULL && pw->pw_name != NULL)
    return g_strdup (pw->pw_name);
  return g_strdup_printf ("%lu", (unsigned long) uid);
}

/* The process's command line, its arguments apart; its name when it has
 * none. */
static GStrv
read_argv (pid_t       pid,
           const char *name)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/cmdline", (int) pid);
  g_autofree char *text = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gsize length = 0;

  if (g_file_get_contents (path, &text, &length, NULL) && length > 0)
    {
      for (gsize i = 0; i < length; i += strlen (text + i) + 1)
        g_strv_builder_add (builder, text + i);
    }
  else
    g_strv_builder_add (builder, name);
  return g_strv_builder_end (builder);
}

/* Pins @pid with a pidfd, then checks that it may be watched: it exists, it
 * is ours, /proc lets us read it, it has memory. */
static gboolean
check_process (pid_t     pid,
               Watched  *w,
               MgStatus *status,
               GError  **error)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  MgStat stat;
  uid_t uid;

  if (pid == getpid ())
    {
      g_set_error (error, MG_ATTACH_ERROR, MG_ATTACH_ERROR_SELF,
                   _("Process %d is Memory Graph itself"), (int) pid);
      return FALSE;
    }

  w->pid = pid;
  w->pidfd = (int) syscall (SYS_pidfd_open, pid, 0);
  if (w->pidfd < 0 && errno == ESRCH)
    {
      g_set_error (error, MG_ATTACH_ERROR, MG_ATTACH_ERROR_NO_PROCESS,
                   _("There is no process %d: it has ended, or the number is wrong"), (int) pid);
      return FALSE;
    }
  if (w->pidfd < 0 && (errno == EINVAL || errno == ENOENT))
    {
      int saved = errno;
      g_autofree char *task = NULL;
      const char *tgid;

      /* pidfds are for processes: a thread's id is refused (EINVAL, or
       * ENOENT since Linux 6.9). */
      if (g_file_get_contents (path, &task, NULL, NULL) &&
          (tgid = strstr (task, "\nTgid:")) != NULL && atoi (tgid + 6) != pid)
        {
          g_set_error (error, MG_ATTACH_ERROR, MG_ATTACH_ERROR_NO_PROCESS,
                       _("%d is a thread of process %d, not a process: give the process’s id"),
                       (int) pid, atoi (tgid + 6));
          return FALSE;
        }
      errno = saved;
    }
  if (w->pidfd < 0)
    {
      int saved = errno;

      g_set_error (error, MG_ATTACH_ERROR, MG_ATTACH_ERROR_UNREADABLE,
                   _("Cannot watch process %d: %s (Linux 5.3 or later is needed)"), (int) pid,
                   g_strerror (saved));
      return FALSE;
    }

  if (!g_file_get_contents (path, &text, NULL, &local_error))
    {
      /* hidepid=2 hides another user's process as if it did not exist. */
      g_set_error (error, MG_ATTACH_ERROR, MG_ATTACH_ERROR_UNREADABLE,
                   _("Process %d cannot be read: /proc hides it (%s). Memory Graph watches only "
                     "your own processes."), (int) pid, local_error->message);
      return FALSE;
    }
  if (!mg_proc_parse_status (text, strlen (text), status) || !status_uid (text, &uid))
    {
      g_set_error (error, MG_ATTACH_ERROR, MG_ATTACH_ERROR_UNREADABLE,
                   _("Process %d cannot be read: its /proc/%d/status is not understood"),
                   (int) pid, (int) pid);
      return FALSE;
    }
  if (uid != getuid ())
    {
      g_autofree char *owner = user_name (uid);

      g_set_error (error, MG_ATTACH_ERROR, MG_ATTACH_ERROR_OTHER_USER,
                   _("Process %d (%s) belongs to another user (%s): Memory Graph watches only "
                     "your own processes"), (int) pid, status->name, owner);
      return FALSE;
    }
  if (!(status->present & MG_STATUS_VM_RSS))
    {
      g_set_error (error, MG_ATTACH_ERROR,
                   status->state == 'Z' ? MG_ATTACH_ERROR_NO_PROCESS : MG_ATTACH_ERROR_UNREADABLE,
                   status->state == 'Z'
                   ? _("Process %d (%s) has already ended")
                   : _("Process %d (%s) is a kernel thread: it has no memory of its own"),
                   (int) pid, status->name);
      return FALSE;
    }
  if (mg_proc_read_stat (pid, &stat))
    w->start_ticks = stat.start_ticks;
  return TRUE;
}

/**
 * mg_attach_new:
 * @pids: (array length=n_pids): the processes to watch; repeated ones count
 *   once
 * @interval_s: the sampling interval
 * @error: return location for a #GError in the %MG_ATTACH_ERROR domain,
 *   with a message for the person
 *
 * Checks that every one of @pids may be watched, and prepares a recording
 * named after the first one's command line and directory. Nothing is read
 * after this before mg_attach_start().
 *
 * Returns: (transfer full) (nullable): the watcher, or %NULL when one of
 *   @pids is refused
 */
MgAttach *
mg_attach_new (const pid_t  *pids,
               guint         n_pids,
               double        interval_s,
               GError      **error)
{
  g_autoptr(MgAttach) self = NULL;
  g_auto(GStrv) argv = NULL;
  g_autofree char *cwd_link = NULL;
  g_autofree char *cwd = NULL;

  g_return_val_if_fail (pids != NULL && n_pids > 0, NULL);

  self = g_object_new (MG_TYPE_ATTACH, NULL);
  for (guint i = 0; i < n_pids; i++)
    {
      Watched w = { 0, 0, -1, 0, FALSE, FALSE, 0 };
      MgStatus status;
      gboolean again = FALSE;

      for (guint k = 0; k < self->watched->len && !again; k++)
        again = g_array_index (self->watched, Watched, k).pid == pids[i];
      if (again)
        continue;
      if (!check_process (pids[i], &w, &status, error))
        {
          if (w.pidfd >= 0)
            close (w.pidfd);
          return NULL;
        }
      g_array_append_val (self->watched, w);
      if (i == 0)
        argv = read_argv (pids[i], status.name);
    }

  cwd_link = g_strdup_printf ("/proc/%d/cwd", (int) pids[0]);
  cwd = g_file_read_link (cwd_link, NULL);
  self->recording = mg_recording_new ((const char * const *) argv, cwd, interval_s);
  mg_recording_set_attached (self->recording, TRUE);
  return g_steal_pointer (&self);
}

MgRecording *
mg_attach_get_recording (MgAttach *self)
{
  g_return_val_if_fail (MG_IS_ATTACH (self), NULL);
  return self->recording;
}

/**
 * mg_attach_set_pss:
 *
 * See mg_sampler_set_pss().
 */
void
mg_attach_set_pss (MgAttach *self,
                   gboolean  pss)
{
  g_return_if_fail (MG_IS_ATTACH (self));
  self->pss = !!pss;
}

/* How @w ended, when the kernel tells us: as our child (without reaping
 * it: that is its parent's business), or as a zombie whose exit code
 * /proc still shows. */
static gboolean
ended_status (Watched *w,
              int     *wait_status)
{
  siginfo_t info = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  const char *field;
  MgStat stat;
  int code;

  if (waitid (P_PIDFD, (id_t) w->pidfd, &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
      info.si_pid != 0)
    {
      if (info.si_code == CLD_EXITED)
        *wait_status = W_EXITCODE (info.si_status, 0);
      else
        *wait_status = info.si_status | (info.si_code == CLD_DUMPED ? WCOREFLAG : 0);
      return TRUE;
    }

  /* Still the same process (not reaped and its pid given to another), a
   * zombie: field 52 of its stat is its wait status. */
  if (!mg_proc_read_stat (w->pid, &stat) || stat.start_ticks != w->start_ticks)
    return FALSE;
  path = g_strdup_printf ("/proc/%d/stat", (int) w->pid);
  if (!g_file_get_contents (path, &text, NULL, NULL) || (field = strrchr (text, ')')) == NULL)
    return FALSE;
  /* Field 3, the state, comes right after the name; 52 is the last. */
  if (field[1] != ' ' || field[2] != 'Z')
    return FALSE;
  field = strrchr (text, ' ');
  if (field == NULL || sscanf (field, " %d", &code) != 1)
    return FALSE;
  *wait_status = code;
  return TRUE;
}

static void
finish (MgAttach     *self,
        const MgExit *exit_info)
{
  double duration;
  gboolean left = TRUE;

  unwatch (self);
  if (self->sampler != NULL)
    {
      /* The last look: whatever of the tree still lives. */
      mg_sampler_sample (self->sampler);
      left = mg_sampler_get_n_tracked (self->sampler) > 0;
      mg_sampler_stop (self->sampler);
    }
  /* After the last look, so that no sample comes after the end. */
  duration = (g_get_monotonic_time () - self->start_us) / 1e6;
  if (!left)
    mg_recording_append (self->recording, duration, 0, 0);
  mg_recording_finish (self->recording, exit_info, duration);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static gboolean
on_pidfd (int          fd,
          GIOCondition condition,
          gpointer     user_data)
{
  MgAttach *self = user_data;
  MgExit exit_info = { MG_EXIT_UNKNOWN, 0, FALSE, NULL };
  gboolean all = TRUE;
  Watched *first = &g_array_index (self->watched, Watched, 0);

  for (guint i = 0; i < self->watched->len; i++)
    {
      Watched *w = &g_array_index (self->watched, Watched, i);

      if (w->pidfd == fd && !w->ended)
        {
          double now = (g_get_monotonic_time () - self->start_us) / 1e6;

          w->ended = TRUE;
          w->watch_id = 0;
          /* Now, while it may still be a zombie. */
          w->status_known = ended_status (w, &w->wait_status);
          if (w->status_known)
            mg_recording_process_ended_full (self->recording, w->pid, w->start_ticks, now,
                                             w->wait_status, 0, 0);
        }
      all &= w->ended;
    }

  /* Its end is in the curve now, not at the next tick. */
  if (self->sampler != NULL)
    mg_sampler_sample (self->sampler);
  if (!all)
    return G_SOURCE_REMOVE;

  g_object_ref (self);
  if (first->status_known)
    {
      if (WIFSIGNALED (first->wait_status))
        {
          exit_info.kind = MG_EXIT_SIGNAL;
          exit_info.code = WTERMSIG (first->wait_status);
          exit_info.core_dumped = WCOREDUMP (first->wait_status);
        }
      else
        {
          exit_info.kind = MG_EXIT_STATUS;
          exit_info.code = WEXITSTATUS (first->wait_status);
        }
    }
  else
    exit_info.message = _("unknown (not started by Memory Graph)");
  finish (self, &exit_info);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

/**
 * mg_attach_start:
 * @error: return location for a #GError
 *
 * Takes the first sample at once, then one each interval, until every
 * process attached to has ended or mg_attach_stop() is called; then the
 * recording is finished.
 *
 * Returns: %TRUE when watching started
 */
gboolean
mg_attach_start (MgAttach  *self,
                 GError   **error)
{
  g_autoptr(GArray) pids = g_array_new (FALSE, FALSE, sizeof (pid_t));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (MG_IS_ATTACH (self), FALSE);
  g_return_val_if_fail (!self->started, FALSE);

  self->started = TRUE;
  self->start_us = g_get_monotonic_time ();
  mg_recording_set_started (self->recording, now);
  mg_recording_set_command_pid (self->recording, g_array_index (self->watched, Watched, 0).pid);

  for (guint i = 0; i < self->watched->len; i++)
    {
      Watched *w = &g_array_index (self->watched, Watched, i);

      g_array_append_val (pids, w->pid);
      w->watch_id = g_unix_fd_add_full (G_PRIORITY_HIGH, w->pidfd, G_IO_IN, on_pidfd, self, NULL);
    }

  self->sampler = mg_sampler_new_attached (self->recording, (const pid_t *) pids->data, pids->len,
                                           self->start_us);
  mg_sampler_set_pss (self->sampler, self->pss);
  if (!mg_sampler_start (self->sampler, &local_error))
    {
      MgExit exit_info = { MG_EXIT_ERROR, 0, FALSE, local_error->message };

      unwatch (self);
      mg_recording_finish (self->recording, &exit_info, 0);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  return TRUE;
}

gboolean
mg_attach_is_running (MgAttach *self)
{
  g_return_val_if_fail (MG_IS_ATTACH (self), FALSE);
  return self->started && !mg_recording_is_finished (self->recording);
}

/**
 * mg_attach_stop:
 *
 * Stops watching: the processes run on, untouched. The recording ends with
 * how it stood, its outcome "unknown" as the processes have not ended.
 */
void
mg_attach_stop (MgAttach *self)
{
  MgExit exit_info = { MG_EXIT_UNKNOWN, 0, FALSE, NULL };

  g_return_if_fail (MG_IS_ATTACH (self));

  if (!mg_attach_is_running (self))
    return;
  exit_info.message = _("still running: watching stopped");
  finish (self, &exit_info);
}
