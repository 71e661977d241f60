/* mg-graph.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mg-plot.h"
#include "mg-recording.h"

G_BEGIN_DECLS

#define MG_TYPE_GRAPH (mg_graph_get_type ())

G_DECLARE_FINAL_TYPE (MgGraph, mg_graph, MG, GRAPH, GtkDrawingArea)

void         mg_graph_set_recording  (MgGraph     *self,
                                      MgRecording *recording);
void         mg_graph_set_show_vsz   (MgGraph     *self,
                                      gboolean     show_vsz);
void         mg_graph_set_show_kinds (MgGraph     *self,
                                      gboolean     show_kinds);
void         mg_graph_set_process    (MgGraph     *self,
                                      int          process);
void         mg_graph_get_style      (MgGraph     *self,
                                      MgPlotStyle *style);
guint        mg_graph_get_n_draws    (MgGraph     *self);
guint64      mg_graph_get_drawn_peak (MgGraph     *self);
gboolean     mg_graph_get_draw_pending (MgGraph   *self);
guint        mg_graph_ms_to_live_frame (void);
void         mg_graph_zoom           (MgGraph     *self,
                                      double       factor,
                                      double       at_time);
void         mg_graph_pan            (MgGraph     *self,
                                      double       fraction);
void         mg_graph_follow         (MgGraph     *self);
gboolean     mg_graph_get_following  (MgGraph     *self);
void         mg_graph_set_hover_time (MgGraph     *self,
                                      double       time_s);
void         mg_graph_set_highlight_time (MgGraph *self,
                                      double       time_s);
void         mg_graph_set_series_shown (MgGraph   *self,
                                      int          series,
                                      gboolean     shown);
void         mg_graph_set_compare    (MgGraph            *self,
                                      GPtrArray          *runs,
                                      const char * const *labels);
gboolean     mg_graph_is_comparing   (MgGraph     *self);

G_END_DECLS
