/* mg-plot-private.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the tests read of the plot beyond its public functions.
 */
#pragma once

#include "mg-plot.h"

G_BEGIN_DECLS

GArray *_mg_plot_trace_stacked (const MgPlotLayout *layout,
                                MgRecording        *recording,
                                const MgPlotStyle  *style,
                                guint               level);
GArray *_mg_plot_trace_pss     (const MgPlotLayout *layout,
                                MgRecording        *recording,
                                const MgPlotStyle  *style);

char   *_mg_plot_format_time_tick (const MgAxis      *axis,
                                  double             t);

void    _mg_plot_frame_get_counts (MgPlotFrame      *frame,
                                   guint            *n_under,
                                   guint            *n_curves_full,
                                   guint            *n_curves_partial);

void    _mg_plot_set_write_pixels (gboolean          enabled);

void    _mg_plot_set_keep_layers  (gboolean          enabled);
void    _mg_plot_get_layer_counts (MgRecording      *recording,
                                   guint            *n_drawn,
                                   guint            *n_reused);

G_END_DECLS
