/* mg-attach.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <sys/types.h>

#include "mg-recording.h"

G_BEGIN_DECLS

#define MG_ATTACH_ERROR (mg_attach_error_quark ())

typedef enum
{
  MG_ATTACH_ERROR_NO_PROCESS,   /* no such pid, or it has ended */
  MG_ATTACH_ERROR_OTHER_USER,   /* another user's process */
  MG_ATTACH_ERROR_UNREADABLE,   /* /proc hides it, or it has no memory (kernel thread) */
  MG_ATTACH_ERROR_SELF,         /* memgraph-gtk itself */
} MgAttachError;

#define MG_TYPE_ATTACH (mg_attach_get_type ())

G_DECLARE_FINAL_TYPE (MgAttach, mg_attach, MG, ATTACH, GObject)

GQuark       mg_attach_error_quark   (void);
MgAttach    *mg_attach_new           (const pid_t  *pids,
                                      guint         n_pids,
                                      double        interval_s,
                                      GError      **error);
MgRecording *mg_attach_get_recording (MgAttach     *self);
void         mg_attach_set_pss       (MgAttach     *self,
                                      gboolean      pss);
gboolean     mg_attach_start         (MgAttach     *self,
                                      GError      **error);
gboolean     mg_attach_is_running    (MgAttach     *self);
void         mg_attach_stop          (MgAttach     *self);

G_END_DECLS
