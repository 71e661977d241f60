/* mg-batch.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mg-options.h"
#include "mg-plot.h"
#include "mg-recording.h"

G_BEGIN_DECLS

int      mg_batch_run            (const MgOptions   *options);
gboolean mg_write_outputs        (MgRecording       *recording,
                                  const char * const *outputs,
                                  const MgPlotStyle *style,
                                  int                width,
                                  int                height,
                                  GError           **error);
char    *mg_summary_line         (MgRecording       *recording);

G_END_DECLS
