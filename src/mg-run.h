/* mg-run.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "mg-recording.h"

G_BEGIN_DECLS

#define MG_TYPE_RUN (mg_run_get_type ())

G_DECLARE_FINAL_TYPE (MgRun, mg_run, MG, RUN, GObject)

MgRun       *mg_run_new           (MgRecording *recording,
                                   const char  *label);
MgRecording *mg_run_get_recording (MgRun       *self);
const char  *mg_run_get_label     (MgRun       *self);
void         mg_run_set_label     (MgRun       *self,
                                   const char  *label);
gboolean     mg_run_get_compared  (MgRun       *self);
void         mg_run_set_compared  (MgRun       *self,
                                   gboolean     compared);
char        *mg_run_dup_summary   (MgRun       *self);

G_END_DECLS
