/* mg-sampler.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <sys/types.h>

#include "mg-recording.h"

G_BEGIN_DECLS

#define MG_TYPE_SAMPLER (mg_sampler_get_type ())

G_DECLARE_FINAL_TYPE (MgSampler, mg_sampler, MG, SAMPLER, GObject)

MgSampler *mg_sampler_new            (MgRecording  *recording,
                                      pid_t         root_pid,
                                      gint64        start_us);
MgSampler *mg_sampler_new_attached   (MgRecording  *recording,
                                      const pid_t  *pids,
                                      guint         n_pids,
                                      gint64        start_us);
void       mg_sampler_set_catch_spikes (MgSampler  *self,
                                      gboolean      catch_spikes);
void       mg_sampler_set_pss        (MgSampler    *self,
                                      gboolean      pss);
/* Threads: call these from the main thread (the one that started the
 * sampler), which alone owns the recording; samples are taken on a thread
 * of the sampler's own and applied there in order (see mg-sampler.c). */
gboolean   mg_sampler_start          (MgSampler    *self,
                                      GError      **error);
gboolean   mg_sampler_sample         (MgSampler    *self);
void       mg_sampler_stop           (MgSampler    *self);
guint      mg_sampler_get_n_tracked  (MgSampler    *self);
GArray    *mg_sampler_dup_pids       (MgSampler    *self);
guint      mg_sampler_signal_all     (MgSampler    *self,
                                      int           signum);

/* Called after each process is read in a tick, before the next one: lets a
 * test change the tree in the middle of a sample. Called on the thread that
 * takes the tick: the sampling thread, or the caller of mg_sampler_sample(). */
typedef void (*MgSamplerReadHook) (pid_t    pid,
                                   gpointer user_data);
void       mg_sampler_set_read_hook  (MgSampler    *self,
                                      MgSamplerReadHook hook,
                                      gpointer      user_data);

/* PSS and USS are read at most this often, whatever the interval. */
#define MG_SAMPLER_PSS_MIN_PERIOD_S 1.0

G_END_DECLS
