/* mg-run-strip.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mg-recording.h"

G_BEGIN_DECLS

#define MG_TYPE_RUN_STRIP (mg_run_strip_get_type ())

G_DECLARE_FINAL_TYPE (MgRunStrip, mg_run_strip, MG, RUN_STRIP, GtkBox)

void  mg_run_strip_update        (MgRunStrip  *self,
                                  MgRecording *recording,
                                  gboolean     running,
                                  double       elapsed_s);
char *mg_run_strip_sampling_text (MgRecording *recording,
                                  gboolean    *behind);
void  mg_run_strip_update_peak   (MgRunStrip  *self,
                                  MgRecording *recording);
const char *mg_run_strip_get_peak_text (MgRunStrip *self);

G_END_DECLS
