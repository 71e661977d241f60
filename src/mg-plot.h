/* mg-plot.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "mg-recording.h"
#include "mg-units.h"

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} MgColor;

/* What the theme gives: colours, font and scale. Looked up when the theme
 * changes, never per frame; a new palette leaves the view as it is. */
typedef struct
{
  MgColor     background;
  MgColor     foreground;
  MgColor     dim;          /* axis labels, subtitle */
  MgColor     grid;
  MgColor     rss;
  MgColor     vsz;
  MgColor     kinds[4];     /* anonymous, file-backed, shared, swap */
  MgColor     pss;
  MgColor     budget;       /* the line of a run's --max-rss */
  MgColor     runs[6];      /* one colour per compared run */
  const char *font_family;
  double      font_size;    /* in points at 96 dpi, before @scale */
  double      scale;        /* everything drawn is scaled by this (2 for HiDPI exports) */
} MgPlotPalette;

/* What the person chose: the series shown, the process, the time range,
 * the crosshair and the mark. */
typedef struct
{
  gboolean    show_rss;
  gboolean    show_vsz;
  gboolean    show_pss;
  gboolean    show_kinds;   /* RSS as stacked areas by kind, swap on top */
  gboolean    show_envelope; /* the highest RSS between samples, when measured */
  int         process;      /* index of one process to show alone, or -1 for the tree */
  double      view_start;   /* the visible time range; view_end <= view_start: all of it */
  double      view_end;
  double      hover_time;   /* where the crosshair and readout are, or < 0 */
  double      highlight_time; /* a time to mark (a selected output line), or < 0 */
} MgPlotView;

/* What one frame is drawn with: a palette and a view side by side, with
 * the fields of both (see mg_plot_style_compose()). */
typedef struct
{
  /* the palette */
  MgColor     background;
  MgColor     foreground;
  MgColor     dim;
  MgColor     grid;
  MgColor     rss;
  MgColor     vsz;
  MgColor     kinds[4];
  MgColor     pss;
  MgColor     budget;
  MgColor     runs[6];
  const char *font_family;
  double      font_size;
  double      scale;
  /* the view */
  gboolean    show_rss;
  gboolean    show_vsz;
  gboolean    show_pss;
  gboolean    show_kinds;
  gboolean    show_envelope;
  int         process;
  double      view_start;
  double      view_end;
  double      hover_time;
  double      highlight_time;
  /* the target */
  gboolean    draw_background;
} MgPlotStyle;

/* Where the plot area is and how values map to it, in device units. */
/* VSZ gets an axis of its own when it exceeds RSS by more than this factor. */
#define MG_PLOT_VSZ_OWN_AXIS_RATIO 4.0

typedef struct
{
  double x0, y0, x1, y1;    /* the plot area: x0 < x1, y0 (top) < y1 (bottom) */
  double t_min;             /* the time at x0 */
  double t_max;             /* the time at x1 */
  double legend_y0, legend_y1; /* the legend's row */
  double legend_x[8][2];    /* each legend item's horizontal extent */
  int    legend_series[8];  /* which MgPlotSeries each item is, or -1 */
  guint  n_legend;
  gboolean vsz_own_axis;    /* VSZ on a right axis of its own, so it cannot flatten RSS */
  MgAxis time;
  MgAxis rss;
  MgAxis vsz;
} MgPlotLayout;

/* Series a person can show and hide from the legend. */
typedef enum
{
  MG_PLOT_SERIES_RSS,
  MG_PLOT_SERIES_VSZ,
  MG_PLOT_SERIES_PSS,
  MG_PLOT_SERIES_ENVELOPE,
} MgPlotSeries;

void   mg_plot_palette_init (MgPlotPalette      *palette,
                             gboolean            dark);
void   mg_plot_view_init    (MgPlotView         *view);
void   mg_plot_style_compose (MgPlotStyle        *style,
                              const MgPlotPalette *palette,
                              const MgPlotView   *view);
void   mg_plot_style_get_palette (const MgPlotStyle *style,
                                  MgPlotPalette     *palette);
void   mg_plot_style_get_view (const MgPlotStyle *style,
                               MgPlotView        *view);
void   mg_plot_style_init   (MgPlotStyle        *style,
                             gboolean            dark);
double mg_plot_time_for_x   (const MgPlotLayout *layout,
                             double              x);
int    mg_plot_nearest_sample (MgRecording      *recording,
                               const MgPlotStyle *style,
                               double             time_s);
int    mg_plot_legend_at    (const MgPlotLayout *layout,
                             double              x,
                             double              y);
void   mg_plot_layout_compare (MgPlotLayout     *layout,
                               cairo_t          *cr,
                               int               width,
                               int               height,
                               MgRecording     **runs,
                               guint             n_runs,
                               const MgPlotStyle *style);
void   mg_plot_render_compare (cairo_t          *cr,
                               int               width,
                               int               height,
                               MgRecording     **runs,
                               const char      **labels,
                               guint             n_runs,
                               const MgPlotStyle *style,
                               MgPlotLayout     *layout);
const MgColor *mg_plot_run_color (const MgPlotStyle *style,
                                  guint              index);
/* What the plot draws of a series in one pixel column. */
typedef struct
{
  double  x;
  guint64 first, lo, hi, last;
  guint   n_samples;        /* how many samples fall in it */
} MgPlotColumn;

GArray *mg_plot_trace       (const MgPlotLayout *layout,
                             MgRecording        *recording,
                             const MgPlotStyle  *style,
                             gsize               field_offset);
void   mg_plot_layout       (MgPlotLayout       *layout,
                             cairo_t            *cr,
                             int                 width,
                             int                 height,
                             MgRecording        *recording,
                             const MgPlotStyle  *style);
double mg_plot_x_for_time   (const MgPlotLayout *layout,
                             double              time_s);
double mg_plot_y_for_value  (const MgPlotLayout *layout,
                             const MgAxis       *axis,
                             double              value);
void   mg_plot_render       (cairo_t            *cr,
                             int                 width,
                             int                 height,
                             MgRecording        *recording,
                             const MgPlotStyle  *style);
void   mg_plot_render_full  (cairo_t            *cr,
                             int                 width,
                             int                 height,
                             MgRecording        *recording,
                             const MgPlotStyle  *style,
                             MgPlotLayout       *layout);

/* A frame kept between draws, so that the next draws only what changed. */
typedef struct _MgPlotFrame MgPlotFrame;

typedef enum
{
  MG_PLOT_FRAME_CHANGE_NONE,    /* the same pixels */
  MG_PLOT_FRAME_CHANGE_TEXT,    /* only the title or subtitle */
  MG_PLOT_FRAME_CHANGE_PIXELS,  /* more */
} MgPlotFrameChange;

MgPlotFrame *mg_plot_frame_new        (void);
void         mg_plot_frame_free       (MgPlotFrame       *frame);
void         mg_plot_frame_invalidate (MgPlotFrame       *frame);
gboolean     mg_plot_frame_is_current (MgPlotFrame       *frame,
                                       int                width,
                                       int                height,
                                       double             device_scale,
                                       MgRecording       *recording,
                                       const MgPlotStyle *style);
MgPlotFrameChange mg_plot_frame_changes (MgPlotFrame     *frame,
                                       int                width,
                                       int                height,
                                       double             device_scale,
                                       MgRecording       *recording,
                                       const MgPlotStyle *style);
void         mg_plot_frame_render     (MgPlotFrame       *frame,
                                       cairo_t           *cr,
                                       int                width,
                                       int                height,
                                       double             device_scale,
                                       MgRecording       *recording,
                                       const MgPlotStyle *style,
                                       MgPlotLayout      *layout);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgPlotFrame, mg_plot_frame_free)

G_END_DECLS
