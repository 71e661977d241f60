/* mg-sampler.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads /proc/PID/statm on a GLib timeout and appends to a recording. The
 * file is opened once; each tick is one pread() at offset 0.
 */
#include "config.h"

#include "mg-sampler.h"
#include "mg-proc.h"

#include <math.h>
#include <unistd.h>

struct _MgSampler
{
  GObject      parent_instance;

  /* owned */
  MgRecording *recording;
  guint        timeout_id;
  int          statm_fd;

  pid_t        pid;
  gint64       start_us;
  gsize        page_size;
  guint        ticks;
};

G_DEFINE_FINAL_TYPE (MgSampler, mg_sampler, G_TYPE_OBJECT)

static void
mg_sampler_dispose (GObject *object)
{
  MgSampler *self = (MgSampler *) object;

  mg_sampler_stop (self);
  g_clear_object (&self->recording);

  G_OBJECT_CLASS (mg_sampler_parent_class)->dispose (object);
}

static void
mg_sampler_class_init (MgSamplerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mg_sampler_dispose;
}

static void
mg_sampler_init (MgSampler *self)
{
  self->statm_fd = -1;
  self->page_size = mg_proc_page_size ();
}

/**
 * mg_sampler_new:
 * @recording: where samples go
 * @pid: the process to watch
 * @start_us: monotonic time of the start, the zero of the time axis
 *
 * Returns: (transfer full): a sampler; nothing is read before
 *   mg_sampler_start()
 */
MgSampler *
mg_sampler_new (MgRecording *recording,
                pid_t        pid,
                gint64       start_us)
{
  MgSampler *self;

  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);
  g_return_val_if_fail (pid > 0, NULL);

  self = g_object_new (MG_TYPE_SAMPLER, NULL);
  self->recording = g_object_ref (recording);
  self->pid = pid;
  self->start_us = start_us;
  return self;
}

/**
 * mg_sampler_sample:
 *
 * Takes one sample now.
 *
 * Returns: %FALSE when the process could not be read (it has ended)
 */
gboolean
mg_sampler_sample (MgSampler *self)
{
  MgStatm statm;
  gint64 now;

  g_return_val_if_fail (MG_IS_SAMPLER (self), FALSE);

  if (self->statm_fd < 0)
    return FALSE;

  if (!mg_proc_read_statm (self->statm_fd, self->page_size, &statm, NULL))
    return FALSE;

  /* The time is taken after the read, as the read is what it describes. */
  now = g_get_monotonic_time ();
  self->ticks++;

  /* A zombie's statm reads as zeros: its memory is already gone, and the exit
   * sample will say so at the exact time. */
  if (statm.vsz_bytes == 0 && statm.rss_bytes == 0)
    return FALSE;

  mg_recording_append (self->recording, (now - self->start_us) / 1e6,
                       statm.rss_bytes, statm.vsz_bytes);
  return TRUE;
}

static gboolean
on_tick (gpointer user_data)
{
  mg_sampler_sample (user_data);
  return G_SOURCE_CONTINUE;
}

/**
 * mg_sampler_start:
 * @error: return location for a #GError
 *
 * Opens the process's statm, takes the first sample at once and then one
 * each interval of the recording.
 *
 * Returns: %FALSE with @error set when /proc/PID cannot be opened
 */
gboolean
mg_sampler_start (MgSampler  *self,
                  GError    **error)
{
  double interval;
  guint interval_ms;

  g_return_val_if_fail (MG_IS_SAMPLER (self), FALSE);
  g_return_val_if_fail (self->timeout_id == 0, FALSE);

  if (self->statm_fd < 0)
    {
      self->statm_fd = mg_proc_open (self->pid, "statm", error);
      if (self->statm_fd < 0)
        return FALSE;
    }

  mg_sampler_sample (self);

  interval = mg_recording_get_interval (self->recording);
  interval_ms = (guint) CLAMP (lround (interval * 1000), 1, 3600 * 1000);

  /* Above the default priority so that redraws and input never delay a read. */
  self->timeout_id = g_timeout_add_full (G_PRIORITY_HIGH, interval_ms, on_tick,
                                         self, NULL);
  g_source_set_name_by_id (self->timeout_id, "[memgraph] sampler");
  return TRUE;
}

/**
 * mg_sampler_stop:
 *
 * Stops the timeout and closes the /proc file. Safe to call twice.
 */
void
mg_sampler_stop (MgSampler *self)
{
  g_return_if_fail (MG_IS_SAMPLER (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->statm_fd >= 0)
    {
      close (self->statm_fd);
      self->statm_fd = -1;
    }
}

guint
mg_sampler_get_ticks (MgSampler *self)
{
  g_return_val_if_fail (MG_IS_SAMPLER (self), 0);
  return self->ticks;
}
