/* mg-runner.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <sys/types.h>

#include "mg-recording.h"

G_BEGIN_DECLS

#define MG_TYPE_RUNNER (mg_runner_get_type ())

G_DECLARE_FINAL_TYPE (MgRunner, mg_runner, MG, RUNNER, GObject)

#define MG_RUNNER_STOP_GRACE_MS 3000

MgRunner    *mg_runner_new           (MgRecording  *recording);
void         mg_runner_set_inherit_stdin (MgRunner *self,
                                      gboolean      inherit_stdin);
void         mg_runner_set_catch_spikes (MgRunner *self,
                                      gboolean      catch_spikes);
void         mg_runner_set_capture_output (MgRunner *self,
                                      gboolean      capture_output);
void         mg_runner_set_follow    (MgRunner     *self,
                                      gboolean      follow);
void         mg_runner_set_pss       (MgRunner     *self,
                                      gboolean      pss);
void         mg_runner_kill_tree     (MgRunner     *self);
char        *mg_find_libexec         (const char   *name);
gboolean     mg_runner_start         (MgRunner     *self,
                                      GError      **error);
gboolean     mg_runner_is_running    (MgRunner     *self);
pid_t        mg_runner_get_pid       (MgRunner     *self);
void         mg_runner_stop          (MgRunner     *self);
void         mg_runner_send_signal   (MgRunner     *self,
                                      int           signum);

G_END_DECLS
