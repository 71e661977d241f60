/* mg-remote.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <sys/types.h>

#include "mg-recording.h"

G_BEGIN_DECLS

/* The recorder started at the other end of the link, found on its PATH
 * unless $MEMGRAPH_RECORD names it. */
#define MG_REMOTE_RECORDER "memgraph-record"

#define MG_TYPE_REMOTE (mg_remote_get_type ())

G_DECLARE_FINAL_TYPE (MgRemote, mg_remote, MG, REMOTE, GObject)

MgRemote    *mg_remote_new               (const char    *via,
                                          MgRecording   *recording,
                                          GError       **error);
MgRemote    *mg_remote_new_local         (MgRecording   *recording);
void         mg_remote_set_inherit_stdin (MgRemote      *self,
                                          gboolean       inherit_stdin);
gboolean     mg_remote_get_command_ended (MgRemote      *self);
char        *mg_remote_name_of_via       (const char    *via);
void         mg_remote_set_via_of        (MgRecording   *recording,
                                          const char    *via);
const char  *mg_remote_get_via_of        (MgRecording   *recording);
const char  *mg_remote_get_name          (MgRemote      *self);
void         mg_remote_set_follow        (MgRemote      *self,
                                          gboolean       follow);
void         mg_remote_set_catch_spikes  (MgRemote      *self,
                                          gboolean       catch_spikes);
void         mg_remote_set_pss           (MgRemote      *self,
                                          gboolean       pss);
void         mg_remote_set_capture_output (MgRemote     *self,
                                          gboolean       capture_output);
void         mg_remote_set_directory     (MgRemote      *self,
                                          const char    *directory);
void         mg_remote_set_pids          (MgRemote      *self,
                                          const pid_t   *pids,
                                          guint          n_pids);
gboolean     mg_remote_start             (MgRemote      *self,
                                          GError       **error);
gboolean     mg_remote_is_running        (MgRemote      *self);
gint64       mg_remote_get_start_time    (MgRemote      *self);
gboolean     mg_remote_get_lost          (MgRemote      *self);
void         mg_remote_stop              (MgRemote      *self);
void         mg_remote_send_signal       (MgRemote      *self,
                                          int            signum);
void         mg_remote_kill              (MgRemote      *self);

G_END_DECLS
