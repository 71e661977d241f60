/* mg-runner.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Launches the command of a recording with GSubprocess, drives the sampler
 * while it lives, and records how it ended.
 */
#include "config.h"

#include "mg-runner.h"
#include "mg-sampler.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

struct _MgRunner
{
  GObject       parent_instance;

  /* owned */
  MgRecording  *recording;
  GSubprocess  *subprocess;
  MgSampler    *sampler;
  GCancellable *cancellable;
  guint         kill_timeout_id;

  gint64        start_us;
  pid_t         pid;
  gboolean      inherit_stdin;
};

G_DEFINE_FINAL_TYPE (MgRunner, mg_runner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mg_runner_dispose (GObject *object)
{
  MgRunner *self = (MgRunner *) object;

  /* Never leave the command running behind us. */
  if (mg_runner_is_running (self))
    g_subprocess_force_exit (self->subprocess);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->kill_timeout_id, g_source_remove);
  if (self->sampler != NULL)
    mg_sampler_stop (self->sampler);
  g_clear_object (&self->sampler);
  g_clear_object (&self->subprocess);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->recording);

  G_OBJECT_CLASS (mg_runner_parent_class)->dispose (object);
}

static void
mg_runner_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MgRunner *self = MG_RUNNER (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, mg_runner_is_running (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_runner_class_init (MgRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mg_runner_dispose;
  object_class->get_property = mg_runner_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mg_runner_init (MgRunner *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * mg_runner_new:
 * @recording: an empty recording naming the command, directory and interval
 *
 * Returns: (transfer full): a runner for that command
 */
MgRunner *
mg_runner_new (MgRecording *recording)
{
  MgRunner *self;

  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);

  self = g_object_new (MG_TYPE_RUNNER, NULL);
  self->recording = g_object_ref (recording);
  return self;
}

/**
 * mg_runner_set_inherit_stdin:
 *
 * Whether the command reads our standard input (when started from a
 * terminal) or /dev/null (when started from the window).
 */
void
mg_runner_set_inherit_stdin (MgRunner *self,
                             gboolean  inherit_stdin)
{
  g_return_if_fail (MG_IS_RUNNER (self));
  self->inherit_stdin = !!inherit_stdin;
}

static void
child_setup (gpointer user_data)
{
  /* If we die without stopping it, the kernel stops the command. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Turns GLib's "Failed to execute child process “x” (No such file or
 * directory)" into the plain reason. */
static char *
describe_spawn_error (const GError *error,
                      const char   *directory)
{
  if (error->domain == G_SPAWN_ERROR)
    {
      switch (error->code)
        {
        case G_SPAWN_ERROR_NOENT:
          return g_strdup (g_strerror (ENOENT));
        case G_SPAWN_ERROR_ACCES:
          return g_strdup (g_strerror (EACCES));
        case G_SPAWN_ERROR_PERM:
          return g_strdup (g_strerror (EPERM));
        case G_SPAWN_ERROR_NOEXEC:
          return g_strdup (g_strerror (ENOEXEC));
        case G_SPAWN_ERROR_ISDIR:
          return g_strdup (g_strerror (EISDIR));
        case G_SPAWN_ERROR_NOTDIR:
          return g_strdup (g_strerror (ENOTDIR));
        case G_SPAWN_ERROR_CHDIR:
          return g_strdup_printf (_("Cannot change to the directory “%s”"),
                                  directory ? directory : "");
        default:
          break;
        }
    }
  return g_strdup (error->message);
}

static void
finish (MgRunner     *self,
        const MgExit *exit_info)
{
  double duration = (g_get_monotonic_time () - self->start_us) / 1e6;

  g_clear_handle_id (&self->kill_timeout_id, g_source_remove);
  if (self->sampler != NULL)
    mg_sampler_stop (self->sampler);

  /* The last sample: at exit the process holds no memory any more. */
  if (exit_info->kind != MG_EXIT_ERROR)
    mg_recording_append (self->recording, duration, 0, 0);

  mg_recording_finish (self->recording, exit_info, duration);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
on_wait_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MgRunner) self = user_data;
  GSubprocess *subprocess = G_SUBPROCESS (source);
  g_autoptr(GError) error = NULL;
  MgExit exit_info = { 0 };

  if (!g_subprocess_wait_finish (subprocess, result, &error))
    {
      /* Cancelled from dispose: the command was killed and nobody listens. */
      return;
    }

  if (g_subprocess_get_if_signaled (subprocess))
    {
      int status = g_subprocess_get_status (subprocess);

      exit_info.kind = MG_EXIT_SIGNAL;
      exit_info.code = g_subprocess_get_term_sig (subprocess);
      exit_info.core_dumped = WCOREDUMP (status);
    }
  else
    {
      exit_info.kind = MG_EXIT_STATUS;
      exit_info.code = g_subprocess_get_exit_status (subprocess);
    }

  finish (self, &exit_info);
}

/**
 * mg_runner_start:
 * @error: return location for a #GError
 *
 * Starts the command and its sampling. When it cannot start, the recording
 * is finished with the reason, which @error carries too.
 *
 * Returns: %TRUE when the command runs
 */
gboolean
mg_runner_start (MgRunner  *self,
                 GError   **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) sampler_error = NULL;
  const char * const *argv;
  const char *directory;
  const char *identifier;

  g_return_val_if_fail (MG_IS_RUNNER (self), FALSE);
  g_return_val_if_fail (self->subprocess == NULL, FALSE);
  g_return_val_if_fail (!mg_recording_is_finished (self->recording), FALSE);

  argv = mg_recording_get_argv (self->recording);
  directory = mg_recording_get_directory (self->recording);

  launcher = g_subprocess_launcher_new (self->inherit_stdin ? G_SUBPROCESS_FLAGS_STDIN_INHERIT
                                                            : G_SUBPROCESS_FLAGS_NONE);
  if (directory != NULL && directory[0] != '\0')
    g_subprocess_launcher_set_cwd (launcher, directory);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);

  self->start_us = g_get_monotonic_time ();
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    mg_recording_set_started (self->recording, now);
  }

  if (argv[0] == NULL || argv[0][0] == '\0')
    local_error = g_error_new_literal (G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT, "empty command");
  else
    self->subprocess = g_subprocess_launcher_spawnv (launcher, argv, &local_error);

  if (self->subprocess == NULL)
    {
      g_autofree char *reason = describe_spawn_error (local_error, directory);
      MgExit exit_info = { MG_EXIT_ERROR, 0, FALSE, reason };

      finish (self, &exit_info);
      g_set_error_literal (error, G_SPAWN_ERROR, local_error->code, reason);
      return FALSE;
    }

  identifier = g_subprocess_get_identifier (self->subprocess);
  self->pid = identifier != NULL ? (pid_t) g_ascii_strtoll (identifier, NULL, 10) : 0;

  g_subprocess_wait_async (self->subprocess, self->cancellable, on_wait_done,
                           g_object_ref (self));

  /* A command that already exited has no /proc to read: it still gets its
   * exit sample and status from the wait above. */
  if (self->pid > 0)
    {
      self->sampler = mg_sampler_new (self->recording, self->pid, self->start_us);
      if (!mg_sampler_start (self->sampler, &sampler_error))
        g_debug ("Sampler did not start: %s", sampler_error->message);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  return TRUE;
}

gboolean
mg_runner_is_running (MgRunner *self)
{
  g_return_val_if_fail (MG_IS_RUNNER (self), FALSE);
  return self->subprocess != NULL && !mg_recording_is_finished (self->recording);
}

pid_t
mg_runner_get_pid (MgRunner *self)
{
  g_return_val_if_fail (MG_IS_RUNNER (self), 0);
  return self->pid;
}

/**
 * mg_runner_get_recording:
 *
 * Returns: (transfer none): the recording this runner fills
 */
MgRecording *
mg_runner_get_recording (MgRunner *self)
{
  g_return_val_if_fail (MG_IS_RUNNER (self), NULL);
  return self->recording;
}

static gboolean
on_kill_timeout (gpointer user_data)
{
  MgRunner *self = user_data;

  self->kill_timeout_id = 0;
  if (mg_runner_is_running (self))
    g_subprocess_force_exit (self->subprocess);
  return G_SOURCE_REMOVE;
}

/**
 * mg_runner_stop:
 *
 * Sends SIGTERM, then SIGKILL if the command is still running after
 * %MG_RUNNER_STOP_GRACE_MS.
 */
void
mg_runner_stop (MgRunner *self)
{
  g_return_if_fail (MG_IS_RUNNER (self));

  if (!mg_runner_is_running (self))
    return;

  g_subprocess_send_signal (self->subprocess, SIGTERM);
  /* A stopped process cannot act on SIGTERM until it is continued. */
  g_subprocess_send_signal (self->subprocess, SIGCONT);
  if (self->kill_timeout_id == 0)
    self->kill_timeout_id = g_timeout_add (MG_RUNNER_STOP_GRACE_MS, on_kill_timeout, self);
}

/**
 * mg_runner_send_signal:
 * @signum: a signal
 *
 * Passes a signal on to the command, if it is still running.
 */
void
mg_runner_send_signal (MgRunner *self,
                       int       signum)
{
  g_return_if_fail (MG_IS_RUNNER (self));

  if (mg_runner_is_running (self))
    g_subprocess_send_signal (self->subprocess, signum);
}
