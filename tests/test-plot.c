/* test-plot.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plot drawn into an image surface, checked on its pixels.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <cairo-svg.h>

#include "mg-plot.h"
#include "mg-plot-private.h"
#include "mg-test-util.h"

#define W 800
#define H 400

static MgRecording *
constant_recording (guint   n,
                    double  duration,
                    guint64 rss,
                    guint64 vsz)
{
  const char *argv[] = { "constant", NULL };
  MgRecording *rec = mg_recording_new (argv, NULL, 0.01);

  for (guint i = 0; i < n; i++)
    mg_recording_append (rec, duration * i / (n - 1), rss, vsz);
  return rec;
}

static cairo_surface_t *
render (MgRecording       *rec,
        const MgPlotStyle *style,
        MgPlotLayout      *layout)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);

  mg_plot_render (cr, W, H, rec, style);
  if (layout != NULL)
    mg_plot_layout (layout, cr, W, H, rec, style);
  cairo_destroy (cr);
  return surface;
}

static void
test_curves (void)
{
  g_autoptr(MgRecording) rec = constant_recording (1001, 10, 100 * MIB, 700 * MIB);
  MgPlotStyle style;
  MgPlotLayout l;
  cairo_surface_t *surface;
  int y_rss, y_vsz, x0, x1;
  guint on_line, off_line;

  mg_plot_style_init (&style, FALSE);
  surface = render (rec, &style, &l);

  /* RSS has its own axis: 100 MiB (peak) sits under the top of a 0–120 MiB axis. */
  g_assert_cmpstr (l.rss.unit, ==, "MiB");
  g_assert_cmpstr (l.vsz.unit, ==, "MiB");
  g_assert_cmpfloat (l.vsz.max, >, l.rss.max);
  g_assert_cmpfloat (l.x0, <, l.x1);
  g_assert_cmpfloat (l.y0, <, l.y1);
  y_rss = (int) round (mg_plot_y_for_value (&l, &l.rss, 100 * MIB));
  y_vsz = (int) round (mg_plot_y_for_value (&l, &l.vsz, 700 * MIB));
  x0 = (int) l.x0 + 5;
  x1 = (int) l.x1 - 5;

  /* The RSS line crosses the whole plot at its height, and not elsewhere. */
  on_line = mg_test_count_color (surface, &style.rss, x0, y_rss - 2, x1, y_rss + 3);
  off_line = mg_test_count_color (surface, &style.rss, x0, (int) l.y0, x1, y_rss - 6);
  g_assert_cmpuint (on_line, >=, (guint) (x1 - x0) * 9 / 10);
  g_assert_cmpuint (off_line, <, 10);

  g_assert_true (l.vsz_own_axis);
  /* VSZ is drawn dashed on the right axis: about two thirds of its row. */
  g_assert_cmpuint (mg_test_count_color (surface, &style.vsz, x0, y_vsz - 2, x1, y_vsz + 3), >=,
                    (guint) (x1 - x0) / 2);
  /* VSZ must not flatten RSS: RSS is well above the floor. */
  g_assert_cmpint (y_rss, <, (int) (l.y0 + (l.y1 - l.y0) * 0.3));
  cairo_surface_destroy (surface);

  /* Hidden, VSZ leaves no pixel of its colour in the plot area. */
  style.show_vsz = FALSE;
  surface = render (rec, &style, &l);
  g_assert_cmpuint (mg_test_count_color (surface, &style.vsz, 0, 0, W, H), ==, 0);
  g_assert_cmpuint (mg_test_count_color (surface, &style.rss, x0, y_rss - 2, x1, y_rss + 3), >,
                    0);
  cairo_surface_destroy (surface);
}

static void
test_shared_axis (void)
{
  g_autoptr(MgRecording) rec = constant_recording (101, 1, 100 * MIB, 150 * MIB);
  MgPlotStyle style;
  MgPlotLayout shared, own;
  cairo_surface_t *surface;
  int y_vsz;

  /* VSZ within 4x of RSS: one axis for both, covering VSZ. */
  mg_plot_style_init (&style, FALSE);
  surface = render (rec, &style, &shared);
  g_assert_false (shared.vsz_own_axis);
  g_assert_cmpfloat (shared.vsz.max, ==, shared.rss.max);
  g_assert_cmpfloat (shared.rss.max, >=, 150 * MIB);
  y_vsz = (int) round (mg_plot_y_for_value (&shared, &shared.vsz, 150 * MIB));
  g_assert_cmpuint (mg_test_count_color (surface, &style.vsz, (int) shared.x0 + 5, y_vsz - 2,
                                         (int) shared.x1 - 5, y_vsz + 3), >, 100);
  cairo_surface_destroy (surface);

  /* Hidden VSZ does not widen the RSS axis. */
  style.show_vsz = FALSE;
  surface = render (rec, &style, &own);
  g_assert_cmpfloat (own.rss.max, <, 150 * MIB);
  cairo_surface_destroy (surface);
}

static void
test_spike_survives (void)
{
  const char *argv[] = { "spike", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.001);
  guint n = 200000, spike = 123457;
  MgPlotStyle style;
  MgPlotLayout l;
  cairo_surface_t *surface;
  int x, y;

  for (guint i = 0; i < n; i++)
    mg_recording_append (rec, i * 0.001, i == spike ? 500 * MIB : 50 * MIB, 80 * MIB);

  mg_plot_style_init (&style, FALSE);
  style.show_vsz = FALSE;
  surface = render (rec, &style, &l);

  /* 200,000 samples in about 700 columns: the one-sample spike still reaches
   * its height in its column. */
  x = (int) mg_plot_x_for_time (&l, spike * 0.001);
  y = (int) round (mg_plot_y_for_value (&l, &l.rss, 500 * MIB));
  g_assert_cmpuint (mg_test_count_color (surface, &style.rss, x - 2, y - 2, x + 3, y + 4), >, 0);
  cairo_surface_destroy (surface);
}

static void
test_dark (void)
{
  g_autoptr(MgRecording) rec = constant_recording (10, 1, 10 * MIB, 20 * MIB);
  MgPlotStyle light, dark;
  cairo_surface_t *surface;

  mg_plot_style_init (&light, FALSE);
  mg_plot_style_init (&dark, TRUE);
  surface = render (rec, &dark, NULL);

  /* The corners are the dark background, not the light one. */
  g_assert_cmpuint (mg_test_count_color (surface, &dark.background, 0, 0, 4, 4), ==, 16);
  g_assert_cmpuint (mg_test_count_color (surface, &light.background, 0, 0, 4, 4), ==, 0);
  g_assert_cmpuint (mg_test_count_color (surface, &dark.rss, 0, 0, W, H), >, 100);
  cairo_surface_destroy (surface);
}

static void
test_empty (void)
{
  const char *argv[] = { "nothing", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.1);
  MgPlotStyle style;
  MgPlotLayout l;
  cairo_surface_t *surface;

  mg_plot_style_init (&style, FALSE);
  surface = render (rec, &style, &l);

  /* No curve, but the axes and their labels are drawn. */
  g_assert_cmpuint (mg_test_count_color (surface, &style.rss, (int) l.x0 + 2, (int) l.y0,
                                         (int) l.x1, (int) l.y1 - 2), ==, 0);
  g_assert_cmpuint (mg_test_count_color (surface, &style.dim, 0, 0, W, H), >, 50);
  cairo_surface_destroy (surface);
}

static void
test_unsampled_peak (void)
{
  g_autoptr(MgRecording) rec = constant_recording (11, 5, 200 * MIB, 210 * MIB);
  MgPlotStyle style;
  MgPlotLayout l;
  MgSample s;
  cairo_surface_t *surface;
  guint p;
  int x_in, x_out, y;

  /* A process whose high-water mark says 1000 MiB between 2.0 and 2.5 s. */
  p = mg_recording_add_process (rec, 1, 0, "x", "x", 0);
  mg_sample_init (&s, 2.5);
  s.rss_bytes = 200 * MIB;
  mg_recording_process_sample (rec, p, &s, 1000 * MIB, 2.0);

  mg_plot_style_init (&style, FALSE);
  style.show_vsz = FALSE;
  surface = render (rec, &style, &l);

  /* The axis reaches the exact peak, and a dashed line in the RSS colour
   * stands at its height over the window only. */
  g_assert_cmpfloat (l.rss.max, >=, 1000 * MIB);
  y = (int) round (mg_plot_y_for_value (&l, &l.rss, 1000 * MIB));
  x_in = (int) mg_plot_x_for_time (&l, 2.25);
  x_out = (int) mg_plot_x_for_time (&l, 4.0);
  g_assert_cmpuint (mg_test_count_color (surface, &style.rss, x_in - 20, y - 2, x_in + 20, y + 3),
                    >, 5);
  g_assert_cmpuint (mg_test_count_color (surface, &style.rss, x_out - 20, y - 2, x_out + 20,
                                         y + 3), ==, 0);
  cairo_surface_destroy (surface);
}

/* One process shown whose own peak (its high-water mark at exit) no sample
 * saw: the band stands over the time it lived, never at the run's peak
 * time, which can lie outside its life. */
static void
test_process_unsampled_peak (void)
{
  g_autoptr(MgRecording) rec = constant_recording (11, 5, 200 * MIB, 210 * MIB);
  MgPlotStyle style;
  MgPlotLayout l;
  MgSample s;
  cairo_surface_t *surface;
  guint p;
  int x_life, x_before, x_after, y;

  p = mg_recording_add_process (rec, 1, 0, "x", "x", 2.0);
  for (guint i = 0; i < 3; i++)
    {
      mg_sample_init (&s, 2.0 + 0.5 * i);
      s.rss_bytes = 50 * MIB;
      s.vsz_bytes = 60 * MIB;
      mg_recording_process_sample (rec, p, &s, 50 * MIB, 0);
    }
  mg_recording_process_exit_peak (rec, p, 400 * MIB, 3.2);
  mg_recording_process_ended (rec, 1, 3.2, 0, 400 * MIB);
  g_assert_cmpuint (mg_recording_get_process (rec, p)->peak_rss, ==, 400 * MIB);

  mg_plot_style_init (&style, FALSE);
  style.show_vsz = FALSE;
  style.process = (int) p;
  surface = render (rec, &style, &l);

  g_assert_cmpfloat (l.rss.max, >=, 400 * MIB);
  y = (int) round (mg_plot_y_for_value (&l, &l.rss, 400 * MIB));
  x_life = (int) mg_plot_x_for_time (&l, 2.6);
  x_before = (int) mg_plot_x_for_time (&l, 0.5);
  x_after = (int) mg_plot_x_for_time (&l, 4.5);
  g_assert_cmpuint (mg_test_count_color (surface, &style.rss, x_life - 20, y - 2, x_life + 20,
                                         y + 3), >, 5);
  g_assert_cmpuint (mg_test_count_color (surface, &style.rss, (int) l.x0 + 1, y - 5, x_before,
                                         y + 5), ==, 0);
  g_assert_cmpuint (mg_test_count_color (surface, &style.rss, x_after - 20, y - 5, x_after + 20,
                                         y + 5), ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_kinds_stacked (void)
{
  const char *argv[] = { "kinds", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.1);
  MgPlotStyle style;
  MgPlotLayout l;
  cairo_surface_t *surface;
  int x, y_anon, y_file, y_shmem;

  for (guint i = 0; i <= 20; i++)
    {
      MgSample s;

      mg_sample_init (&s, i * 0.1);
      s.anon_bytes = 100 * MIB;
      s.file_bytes = 100 * MIB;
      s.shmem_bytes = 50 * MIB;
      s.rss_bytes = 250 * MIB;
      s.vsz_bytes = 300 * MIB;
      mg_recording_append_sample (rec, &s);
    }

  mg_plot_style_init (&style, FALSE);
  style.show_vsz = FALSE;
  style.show_kinds = TRUE;
  surface = render (rec, &style, &l);

  /* Anonymous at the bottom, file above it, shared on top. */
  x = (int) mg_plot_x_for_time (&l, 1.0);
  y_anon = (int) mg_plot_y_for_value (&l, &l.rss, 50 * MIB);
  y_file = (int) mg_plot_y_for_value (&l, &l.rss, 150 * MIB);
  y_shmem = (int) mg_plot_y_for_value (&l, &l.rss, 225 * MIB);
  g_assert_cmpuint (mg_test_count_color (surface, &style.kinds[0], x - 5, y_anon - 5, x + 5,
                                         y_anon + 5), >, 50);
  g_assert_cmpuint (mg_test_count_color (surface, &style.kinds[1], x - 5, y_file - 5, x + 5,
                                         y_file + 5), >, 50);
  g_assert_cmpuint (mg_test_count_color (surface, &style.kinds[2], x - 5, y_shmem - 5, x + 5,
                                         y_shmem + 5), >, 50);
  cairo_surface_destroy (surface);
}

/* The hover readout's mapping: the time under a pixel column, and the
 * nearest sample to it, checked against a brute-force search at several
 * zoom levels. */
static void
test_hover_mapping (void)
{
  const char *argv[] = { "hover", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.1);
  double views[][2] = { { 0, -1 }, { 2.0, 3.0 }, { 2.5, 2.6 }, { 9.95, 10.0 } };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);
  GRand *rand = g_rand_new_with_seed (42);
  double t = 0;

  /* Irregular times, as real reads are. */
  for (guint i = 0; i < 1000; i++)
    {
      mg_recording_append (rec, t, (i % 7) * MIB + 1, 10 * MIB);
      t += 0.005 + g_rand_double (rand) * 0.01;
    }

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      MgPlotStyle style;
      MgPlotLayout l;

      mg_plot_style_init (&style, FALSE);
      style.view_start = views[v][0];
      style.view_end = views[v][1];
      mg_plot_layout (&l, cr, W, H, rec, &style);

      for (double x = l.x0; x <= l.x1; x += 7.3)
        {
          double time = mg_plot_time_for_x (&l, x);
          g_autofree MgSample *samples = mg_test_copy_samples (rec);
          int nearest = mg_plot_nearest_sample (rec, &style, time);
          guint best = 0;

          g_assert_cmpfloat_with_epsilon (mg_plot_x_for_time (&l, time), x, 1e-6);
          for (guint i = 1; i < mg_recording_get_n_samples (rec); i++)
            if (fabs (samples[i].time_s - time) < fabs (samples[best].time_s - time))
              best = i;
          g_assert_cmpfloat (fabs (samples[nearest].time_s - time), ==,
                             fabs (samples[best].time_s - time));
        }
    }

  g_rand_free (rand);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Zoomed in or out, a spike one sample wide stays visible, and the y axis
 * fits what is in view. */
static void
test_zoom_keeps_spike (void)
{
  const char *argv[] = { "spike", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.001);
  guint n = 100000, spike = 61803;
  double spike_t = spike * 0.001;
  double spans[] = { -1, 50, 5, 0.5, 0.05 };

  for (guint i = 0; i < n; i++)
    mg_recording_append (rec, i * 0.001, i == spike ? 400 * MIB : 40 * MIB + (i % 13) * 4096, 80 * MIB);

  for (guint z = 0; z < G_N_ELEMENTS (spans); z++)
    {
      MgPlotStyle style;
      MgPlotLayout l;
      cairo_surface_t *surface;
      int x, y;

      mg_plot_style_init (&style, FALSE);
      style.show_vsz = FALSE;
      if (spans[z] > 0)
        {
          /* The spike off-centre, so columns do not line up with it. */
          style.view_start = spike_t - spans[z] * 0.37;
          style.view_end = style.view_start + spans[z];
        }
      surface = render (rec, &style, &l);
      x = (int) mg_plot_x_for_time (&l, spike_t);
      y = (int) round (mg_plot_y_for_value (&l, &l.rss, 400 * MIB));
      g_test_message ("span %g: spike at x %d, y %d", spans[z], x, y);
      g_assert_cmpuint (mg_test_count_color (surface, &style.rss, x - 2, y - 2, x + 3, y + 4), >, 0);
      cairo_surface_destroy (surface);

      /* Away from the spike, the axis fits the 40 MiB baseline. */
      if (spans[z] > 0)
        {
          style.view_start = spike_t + spans[z];
          style.view_end = spike_t + 2 * spans[z];
          surface = render (rec, &style, &l);
          g_assert_cmpfloat (l.rss.max, <, 100 * MIB);
          cairo_surface_destroy (surface);
        }
    }
}

static void
test_legend_and_markers (void)
{
  g_autoptr(MgRecording) rec = constant_recording (101, 10, 100 * MIB, 700 * MIB);
  MgExit exit_info = { MG_EXIT_STATUS, 0, FALSE, NULL };
  MgPlotStyle style;
  MgPlotLayout l;
  cairo_surface_t *surface;
  int x;

  mg_recording_add_marker (rec, 5.0, "loaded the mesh");
  mg_recording_finish (rec, &exit_info, 10);
  mg_plot_style_init (&style, FALSE);
  surface = render (rec, &style, &l);

  /* Two legend items, RSS then VSZ, that a click can find. */
  g_assert_cmpuint (l.n_legend, ==, 2);
  g_assert_cmpint (mg_plot_legend_at (&l, (l.legend_x[0][0] + l.legend_x[0][1]) / 2,
                                      (l.legend_y0 + l.legend_y1) / 2), ==, MG_PLOT_SERIES_RSS);
  g_assert_cmpint (mg_plot_legend_at (&l, (l.legend_x[1][0] + l.legend_x[1][1]) / 2,
                                      (l.legend_y0 + l.legend_y1) / 2), ==, MG_PLOT_SERIES_VSZ);
  g_assert_cmpint (mg_plot_legend_at (&l, l.x1 - 1, (l.legend_y0 + l.legend_y1) / 2), ==, -1);
  g_assert_cmpint (mg_plot_legend_at (&l, l.legend_x[0][0] + 2, l.y1 - 5), ==, -1);

  /* The marker is a line in the text colour at 5 s, in the upper plot. */
  x = (int) round (mg_plot_x_for_time (&l, 5.0));
  g_assert_cmpuint (mg_test_count_color (surface, &style.foreground, x - 1, (int) l.y0 + 30, x + 2,
                                         (int) l.y0 + 80), >, 10);
  cairo_surface_destroy (surface);

  /* Hidden RSS: not drawn, its legend item still there. */
  style.show_rss = FALSE;
  style.show_vsz = FALSE;
  surface = render (rec, &style, &l);
  g_assert_cmpuint (l.n_legend, ==, 2);
  g_assert_cmpuint (mg_test_count_color (surface, &style.rss, (int) l.x0 + 5, (int) l.y0,
                                         (int) l.x1 - 5, (int) l.y1 - 2), <, 20);
  cairo_surface_destroy (surface);
}

/* A new palette changes the colours of a frame and nothing of its view:
 * the hidden series stays hidden, the zoom stays, the mark stays. */
static void
test_palette_keeps_view (void)
{
  g_autoptr(MgRecording) rec = constant_recording (1001, 10, 100 * MIB, 300 * MIB);
  MgPlotPalette light, dark;
  MgPlotView view, after;
  MgPlotStyle style = { 0 };
  MgPlotLayout l;
  cairo_surface_t *surface;
  int y_rss;

  mg_plot_palette_init (&light, FALSE);
  mg_plot_palette_init (&dark, TRUE);
  mg_plot_view_init (&view);
  view.show_vsz = FALSE;
  view.show_pss = FALSE;
  view.view_start = 2;
  view.view_end = 6;
  view.highlight_time = 4;

  style.draw_background = TRUE;
  mg_plot_style_compose (&style, &light, &view);
  mg_plot_style_compose (&style, &dark, NULL);
  mg_plot_style_get_view (&style, &after);
  g_assert_false (after.show_vsz);
  g_assert_false (after.show_pss);
  g_assert_true (after.show_rss);
  g_assert_cmpfloat (after.view_start, ==, 2);
  g_assert_cmpfloat (after.view_end, ==, 6);
  g_assert_cmpfloat (after.highlight_time, ==, 4);
  g_assert_cmpint (after.process, ==, -1);
  g_assert_true (memcmp (&after, &view, sizeof view) == 0);

  surface = render (rec, &style, &l);
  g_assert_cmpfloat_with_epsilon (l.t_min, 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (l.t_max, 6, 1e-9);
  y_rss = (int) round (mg_plot_y_for_value (&l, &l.rss, 100 * MIB));

  /* The curve is drawn in the dark palette's RSS colour, on its background;
   * none of the light palette's is left, and hidden VSZ draws nothing. */
  g_assert_cmpuint (mg_test_count_color (surface, &dark.background, 0, 0, 4, 4), ==, 16);
  g_assert_cmpuint (mg_test_count_color (surface, &dark.rss, (int) l.x0 + 5, y_rss - 2,
                                         (int) l.x1 - 5, y_rss + 3), >=,
                    (guint) (l.x1 - l.x0 - 10) * 9 / 10);
  g_assert_cmpuint (mg_test_count_color (surface, &light.rss, 0, 0, W, H), ==, 0);
  g_assert_cmpuint (mg_test_count_color (surface, &dark.vsz, (int) l.x0, (int) l.y0, (int) l.x1,
                                         (int) l.y1), ==, 0);
  cairo_surface_destroy (surface);

  /* The palette part of a style is the palette it was made of. */
  {
    MgPlotPalette back;

    mg_plot_style_get_palette (&style, &back);
    g_assert_true (memcmp (&back, &dark, sizeof dark) == 0);
  }
}

typedef guint64 (*ValueOf) (const MgSample *s,
                            guint           level);

static guint64
stacked_of (const MgSample *s,
            guint           level)
{
  guint64 kinds[] = { s->anon_bytes, s->file_bytes, s->shmem_bytes, s->swap_bytes };
  guint64 v = 0;

  for (guint k = 0; k < level; k++)
    v += kinds[k];
  return v;
}

static guint64
envelope_of (const MgSample *s,
             guint           level)
{
  return s->rss_max_bytes;
}

static guint64
pss_of (const MgSample *s,
        guint           level)
{
  return s->pss_bytes;
}

typedef struct
{
  guint64 first, lo, hi, last;
  guint   count;
} Column;

/* Each column drawn over several samples has the first, lowest, highest
 * and last value of exactly those samples (those whose time falls in it),
 * found here by a scan. Returns how many such columns there were. */
static guint
check_columns (GArray             *columns,
               const MgPlotLayout *l,
               MgRecording        *rec,
               ValueOf             value_of,
               guint               level,
               gboolean            readings_only)
{
  MgSamples *samples = mg_recording_get_samples (rec);
  guint n = mg_samples_get_size (samples);
  double width = l->x1 - l->x0;
  double span = l->t_max - l->t_min;
  g_autofree Column *scan = g_new0 (Column, (gsize) width + 1);
  guint checked = 0;

  for (guint i = 0; i < n; i++)
    {
      const MgSample *x = mg_samples_peek (samples, i);
      double c = floor ((x->time_s - l->t_min) / span * width);
      Column *col;
      guint64 v;

      if ((readings_only && x->pss_bytes == MG_NO_VALUE) || c < 0 || c >= width)
        continue;
      col = &scan[(gsize) c];
      v = value_of (x, level);
      if (col->count++ == 0)
        col->first = col->lo = v;
      col->last = v;
      col->lo = MIN (col->lo, v);
      col->hi = MAX (col->hi, v);
    }

  for (guint c = 0; c < columns->len; c++)
    {
      const MgPlotColumn *col = &g_array_index (columns, MgPlotColumn, c);
      double column = col->x - l->x0 - 0.5;
      const Column *expected;

      if (column != floor (column))
        continue;     /* one sample, at its own time */
      expected = &scan[(gsize) column];
      g_assert_cmpuint (expected->count, >=, 2);
      g_assert_cmpuint (col->lo, ==, expected->lo);
      g_assert_cmpuint (col->hi, ==, expected->hi);
      g_assert_cmpuint (col->first, ==, expected->first);
      g_assert_cmpuint (col->last, ==, expected->last);
      checked++;
    }
  return checked;
}

static void
append_random (MgRecording *rec,
               GRand       *rand,
               guint        from,
               guint        to,
               gboolean     with_pss)
{
  for (guint i = from; i < to; i++)
    {
      MgSample s;

      mg_sample_init (&s, i * 0.01);
      s.anon_bytes = g_rand_int_range (rand, 1, 1000) * MIB;
      s.file_bytes = g_rand_int_range (rand, 1, 100) * MIB;
      s.shmem_bytes = g_rand_int_range (rand, 0, 50) * MIB;
      s.swap_bytes = g_rand_int_range (rand, 0, 20) * MIB;
      s.rss_bytes = s.anon_bytes + s.file_bytes + s.shmem_bytes;
      s.rss_max_bytes = s.rss_bytes + g_rand_int_range (rand, 0, 30) * MIB;
      s.vsz_bytes = 3 * s.rss_bytes;
      mg_recording_append_sample (rec, &s);
      if (with_pss && i % 7 == 0)
        mg_recording_set_pss (rec, s.time_s, s.rss_bytes / 2 + g_rand_int_range (rand, 0, 100) * MIB,
                              s.anon_bytes);
    }
}

/* The summaries of the stacked kinds, the envelope and PSS give each
 * column the same figures as a scan of its samples, over the whole run
 * and zoomed, and after more samples arrive. */
static void
test_columns_exact (void)
{
  const char *argv[] = { "random", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.01);
  GRand *rand = g_rand_new_with_seed (7);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);
  MgPlotStyle style;

  mg_plot_style_init (&style, FALSE);
  style.show_kinds = TRUE;
  append_random (rec, rand, 0, 200000, TRUE);

  for (guint round = 0; round < 3; round++)
    {
      MgPlotLayout l;
      g_autoptr(GArray) pss = NULL;
      g_autoptr(GArray) envelope = NULL;

      if (round == 1)
        {
          /* More samples (and readings) arrive: the summaries catch up. */
          append_random (rec, rand, 200000, 333333, TRUE);
          /* A reading stored half a second after the samples after it
           * were drawn, as a slow read of smaps_rollup is. */
          append_random (rec, rand, 333333, 333433, FALSE);
          mg_plot_render (cr, W, H, rec, &style);
          mg_recording_set_pss (rec, 333383 * 0.01, 5 * 1024 * MIB, 0);
        }
      if (round == 2)
        {
          /* Zoomed to a range that starts and ends inside blocks. */
          style.view_start = 177.777;
          style.view_end = 2911.234;
        }
      mg_plot_layout (&l, cr, W, H, rec, &style);
      /* Drawing first brings every summary up to date, as on screen. */
      mg_plot_render (cr, W, H, rec, &style);
      for (guint level = 1; level <= 4; level++)
        {
          g_autoptr(GArray) stacked = _mg_plot_trace_stacked (&l, rec, &style, level);

          g_assert_cmpuint (check_columns (stacked, &l, rec, stacked_of, level, FALSE), >=,
                            (l.x1 - l.x0) * 0.9);
        }
      envelope = mg_plot_trace (&l, rec, &style, G_STRUCT_OFFSET (MgSample, rss_max_bytes));
      g_assert_cmpuint (check_columns (envelope, &l, rec, envelope_of, 0, FALSE), >=,
                        (l.x1 - l.x0) * 0.9);
      pss = _mg_plot_trace_pss (&l, rec, &style);
      g_assert_cmpuint (check_columns (pss, &l, rec, pss_of, 0, TRUE), >=, (l.x1 - l.x0) * 0.5);
      if (round == 1)
        g_assert_cmpuint (g_array_index (pss, MgPlotColumn, pss->len - 1).hi, ==, 5 * 1024 * MIB);
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_rand_free (rand);
}

/* A live run: RSS a wave with a spike, VSZ a slower wave, a PSS reading
 * every 50 samples, one marker. */
static void
append_wave (MgRecording *rec,
             guint        from,
             guint        to)
{
  for (guint i = from; i < to; i++)
    {
      double t = i * 0.01;
      MgSample s;

      mg_sample_init (&s, t);
      s.rss_bytes = (guint64) ((100 + 40 * sin (t) + (i % 997 == 500 ? 150 : 0)) * MIB);
      s.vsz_bytes = (guint64) ((700 + 100 * sin (t / 3)) * MIB);
      mg_recording_append_sample (rec, &s);
      if (i % 50 == 0)
        mg_recording_set_pss (rec, t, s.rss_bytes * 3 / 4, s.rss_bytes / 2);
    }
}

static void
assert_same_pixels (cairo_surface_t *a,
                    cairo_surface_t *b)
{
  int stride = cairo_image_surface_get_stride (a);
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  const guchar *pa, *pb;
  guint differ = 0;

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  pa = cairo_image_surface_get_data (a);
  pb = cairo_image_surface_get_data (b);
  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (b));
  g_assert_cmpint (h, ==, cairo_image_surface_get_height (b));
  for (int y = 0; y < h; y++)
    differ += memcmp (pa + y * stride, pb + y * stride, w * 4) != 0;
  g_assert_cmpuint (differ, ==, 0);
}

/* The same at two device pixels a unit, as on a HiDPI screen. */
static void
test_incremental_frame_hidpi (void)
{
  const char *argv[] = { "wave", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.01);
  g_autoptr(MgPlotFrame) frame = mg_plot_frame_new ();
  cairo_surface_t *kept = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2 * W, 2 * H);
  cairo_surface_t *whole = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2 * W, 2 * H);
  guint n_under, n_full, n_partial;
  MgPlotStyle style;
  guint n = 3000;

  cairo_surface_set_device_scale (kept, 2, 2);
  cairo_surface_set_device_scale (whole, 2, 2);
  mg_plot_style_init (&style, FALSE);
  style.show_pss = FALSE;
  append_wave (rec, 0, n);
  for (guint round = 0; round < 12; round++)
    {
      cairo_t *cr = cairo_create (kept);

      mg_plot_frame_render (frame, cr, W, H, 2, rec, &style, NULL);
      cairo_destroy (cr);
      cr = cairo_create (whole);
      mg_plot_render_full (cr, W, H, rec, &style, NULL);
      cairo_destroy (cr);
      assert_same_pixels (kept, whole);
      append_wave (rec, n, n + 4);
      n += 4;
    }
  _mg_plot_frame_get_counts (frame, &n_under, &n_full, &n_partial);
  g_assert_cmpuint (n_partial, >=, 4);
  cairo_surface_destroy (kept);
  cairo_surface_destroy (whole);
}

/* A dense random walk with rare spikes, every kind and the envelope. */
static MgRecording *
dense_recording (guint n)
{
  const char *argv[] = { "walk", NULL };
  MgRecording *rec = mg_recording_new (argv, NULL, 0.001);
  GRand *rand = g_rand_new_with_seed (7);
  guint64 rss = 200 * MIB;

  for (guint i = 0; i < n; i++)
    {
      MgSample s;

      rss += g_rand_int_range (rand, -4096, 4097) * 16;
      mg_sample_init (&s, i * 0.001);
      s.rss_bytes = rss + (g_rand_int_range (rand, 0, 20000) == 0 ? 300 * MIB : 0);
      s.vsz_bytes = rss * 3;
      s.anon_bytes = rss / 2;
      s.file_bytes = rss / 4;
      s.shmem_bytes = rss / 8;
      s.swap_bytes = rss / 16;
      s.rss_max_bytes = s.rss_bytes + 4096;
      mg_recording_append_sample (rec, &s);
    }
  g_rand_free (rand);
  return rec;
}

/* Draws @rec with dense columns written into the image's pixels, or all
 * through cairo, with @clip (in units) set first unless its width is 0. */
static cairo_surface_t *
render_dense (MgRecording             *rec,
              const MgPlotStyle       *style,
              int                      width,
              double                   scale,
              const cairo_rectangle_t *clip,
              gboolean                 write_pixels)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int) ceil (width * scale),
                                                         (int) ceil (H * scale));
  cairo_t *cr;

  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  if (clip->width > 0)
    {
      cairo_rectangle (cr, clip->x, clip->y, clip->width, clip->height);
      cairo_clip (cr);
    }
  _mg_plot_set_write_pixels (write_pixels);
  mg_plot_render (cr, width, H, rec, style);
  _mg_plot_set_write_pixels (TRUE);
  cairo_destroy (cr);
  return surface;
}

/* Dense columns written straight into an image's pixels are, pixel for
 * pixel, what cairo composites from the same boxes: areas, bands, dashes,
 * stacked kinds, at several widths and scales, with clips on whole pixels
 * and across them. */
static void
test_dense_pixels_written (void)
{
  g_autoptr(MgRecording) rec = dense_recording (200000);
  const cairo_rectangle_t clips[] = {
    { 0, 0, 0, 0 },
    { 100, 0, 300, H },
    { 37.25, 80.5, 301.5, 200.75 },
  };
  const double scales[] = { 1, 2, 1.5 };
  const int widths[] = { W, 613 };

  for (guint v = 0; v < 4; v++)
    {
      MgPlotStyle style;

      mg_plot_style_init (&style, v == 3);
      style.show_vsz = v != 1;
      style.show_kinds = v == 1 || v == 3;
      style.show_envelope = v == 2;
      if (v == 2)
        {
          style.view_start = 40;
          style.view_end = 160;
        }
      for (guint k = 0; k < G_N_ELEMENTS (scales); k++)
        for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
          for (guint c = 0; c < G_N_ELEMENTS (clips); c++)
            {
              cairo_surface_t *written = render_dense (rec, &style, widths[w], scales[k],
                                                       &clips[c], TRUE);
              cairo_surface_t *composited = render_dense (rec, &style, widths[w], scales[k],
                                                          &clips[c], FALSE);

              assert_same_pixels (written, composited);
              cairo_surface_destroy (written);
              cairo_surface_destroy (composited);
            }
    }
}

/* A frame drawn from what was kept of the last one (the layers under the
 * curves, the curves up to their first changed column) is, pixel for
 * pixel, the frame drawn whole; a sample that changes no pixel asks for no
 * frame. */
static void
test_incremental_frame (void)
{
  const char *argv[] = { "wave", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.01);
  g_autoptr(MgPlotFrame) frame = mg_plot_frame_new ();
  cairo_surface_t *kept = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_surface_t *whole = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  guint n_under, n_full, n_partial, frames = 0;
  MgPlotStyle style;
  MgSample s;
  guint n = 3000;

  mg_plot_style_init (&style, FALSE);
  /* PSS, a stroked line, from round 30 on: strokes are drawn whole. */
  style.show_pss = FALSE;
  append_wave (rec, 0, n);
  mg_recording_add_marker (rec, 12.5, "phase two");
  /* The budget line lies over the curves: in every frame alike. */
  mg_recording_set_budget (rec, 120 * MIB);

  for (guint round = 0; round < 40; round++)
    {
      cairo_t *cr;

      /* Some frames with the crosshair, some zoomed and panned. */
      style.hover_time = round % 5 == 3 ? 14.2 : -1;
      if (round == 30)
        style.show_pss = TRUE;
      if (round == 35)
        {
          style.view_start = 5;
          style.view_end = 20;
        }
      cr = cairo_create (kept);
      mg_plot_frame_render (frame, cr, W, H, 1, rec, &style, NULL);
      cairo_destroy (cr);
      cr = cairo_create (whole);
      mg_plot_render_full (cr, W, H, rec, &style, NULL);
      cairo_destroy (cr);
      assert_same_pixels (kept, whole);
      frames++;

      append_wave (rec, n, n + 3 + round % 7);
      n += 3 + round % 7;
    }
  /* Most frames drew the curves from a column on, over kept layers. */
  _mg_plot_frame_get_counts (frame, &n_under, &n_full, &n_partial);
  g_assert_cmpuint (n_partial, >=, 15);
  g_assert_cmpuint (n_full + n_partial, <=, frames);
  g_assert_cmpuint (n_under, <, frames);

  /* Following again: a sample like the last one, in its column and within
   * the same tenth of a second, changes nothing; a spike does. */
  style.view_start = 0;
  style.view_end = -1;
  style.hover_time = -1;
  {
    cairo_t *cr = cairo_create (kept);

    mg_plot_frame_render (frame, cr, W, H, 1, rec, &style, NULL);
    cairo_destroy (cr);
  }
  g_assert_true (mg_plot_frame_is_current (frame, W, H, 1, rec, &style));
  s = *mg_recording_get_last (rec);
  s.time_s += 0.001;
  mg_recording_append_sample (rec, &s);
  g_assert_true (mg_plot_frame_is_current (frame, W, H, 1, rec, &style));
  g_assert_false (mg_plot_frame_is_current (frame, W + 1, H, 1, rec, &style));
  g_assert_false (mg_plot_frame_is_current (frame, W, H, 2, rec, &style));
  s.time_s += 0.001;
  s.rss_bytes += 30 * MIB;
  mg_recording_append_sample (rec, &s);
  g_assert_false (mg_plot_frame_is_current (frame, W, H, 1, rec, &style));

  cairo_surface_destroy (kept);
  cairo_surface_destroy (whole);
}

/* Draws @rec into @surface over a colour no plot has, so that what a kept
 * layer leaves uncovered shows. */
static void
render_over_magenta (cairo_surface_t   *surface,
                     int                width,
                     MgRecording       *rec,
                     const MgPlotStyle *style)
{
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 0, 1);
  cairo_paint (cr);
  mg_plot_render (cr, width, H, rec, style);
  cairo_destroy (cr);
}

static cairo_surface_t *
scaled_surface (int    width,
                double scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int) ceil (width * scale),
                                                         (int) ceil (H * scale));

  cairo_surface_set_device_scale (surface, scale, scale);
  return surface;
}

/* The same frame with nothing kept: everything drawn. */
static cairo_surface_t *
render_afresh (MgRecording       *rec,
               const MgPlotStyle *style,
               int                width,
               double             scale)
{
  cairo_surface_t *surface = scaled_surface (width, scale);

  _mg_plot_set_keep_layers (FALSE);
  render_over_magenta (surface, width, rec, style);
  _mg_plot_set_keep_layers (TRUE);
  return surface;
}

static cairo_status_t
append_to_string (void                *string,
                  const unsigned char *data,
                  unsigned int         length)
{
  g_string_append_len (string, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Whole frames of one view draw what lies under the curves (background,
 * title, legend, axes, grid) from a kept layer from the second frame on,
 * pixel for pixel what is drawn afresh; a new size, scale, range,
 * palette or text draws it again, and the crosshair does not. Vector
 * targets keep nothing. */
static void
test_kept_layer (void)
{
  const char *argv[] = { "wave", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.01);
  MgExit exit_info = { MG_EXIT_STATUS, 0, FALSE, NULL };
  const struct
  {
    int      width;
    double   scale;
    double   view_start, view_end;
    gboolean dark;
    double   hover_time;
    gboolean same_layer;  /* as the view before */
  } views[] = {
    { W, 1, 0, -1, FALSE, -1, FALSE },
    { W, 1, 0, -1, FALSE, 14.2, TRUE },
    { W, 1, 5, 20, FALSE, -1, FALSE },
    { W - 123, 1, 5, 20, FALSE, -1, FALSE },
    { W - 123, 1, 5, 20, TRUE, -1, FALSE },
    { W - 123, 2, 5, 20, TRUE, -1, FALSE },
    { W, 1, 0, -1, FALSE, -1, FALSE },
  };
  guint drawn = 0, reused = 0, n_drawn, n_reused;
  MgPlotLayout before, after;
  MgPlotStyle style;
  MgSample s;

  /* Live: a new peak changes the subtitle alone, the axes staying. */
  append_wave (rec, 0, 3000);
  mg_plot_style_init (&style, FALSE);
  mg_recording_add_marker (rec, 12.5, "phase two");
  mg_recording_set_budget (rec, 120 * MIB);
  for (guint round = 0; round < 2; round++)
    {
      cairo_surface_t *fresh = render_afresh (rec, &style, W, 1);
      cairo_surface_t *kept = scaled_surface (W, 1);

      for (guint frame = 0; frame < 3; frame++)
        {
          render_over_magenta (kept, W, rec, &style);
          assert_same_pixels (kept, fresh);
        }
      cairo_surface_destroy (fresh);
      cairo_surface_destroy (kept);
      _mg_plot_get_layer_counts (rec, &n_drawn, &n_reused);
      g_assert_cmpuint (n_drawn, ==, ++drawn);
      g_assert_cmpuint (n_reused, ==, ++reused);

      if (round == 0)
        {
          cairo_surface_t *measure = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
          cairo_t *cr = cairo_create (measure);

          mg_plot_layout (&before, cr, W, H, rec, &style);
          s = *mg_recording_get_last (rec);
          s.time_s += 0.01;
          s.rss_bytes = mg_recording_get_peak_rss (rec) + 2 * MIB;
          mg_recording_append_sample (rec, &s);
          mg_plot_layout (&after, cr, W, H, rec, &style);
          g_assert_cmpfloat (before.rss.max, ==, after.rss.max);
          g_assert_cmpfloat (before.t_max, ==, after.t_max);
          cairo_destroy (cr);
          cairo_surface_destroy (measure);
        }
    }
  mg_recording_finish (rec, &exit_info, 30.02);

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      cairo_surface_t *fresh, *kept;

      mg_plot_style_init (&style, views[v].dark);
      style.view_start = views[v].view_start;
      style.view_end = views[v].view_end;
      style.hover_time = views[v].hover_time;
      fresh = render_afresh (rec, &style, views[v].width, views[v].scale);
      kept = scaled_surface (views[v].width, views[v].scale);
      for (guint frame = 0; frame < 3; frame++)
        {
          render_over_magenta (kept, views[v].width, rec, &style);
          assert_same_pixels (kept, fresh);
        }
      cairo_surface_destroy (fresh);
      cairo_surface_destroy (kept);
      /* A view's first frame is drawn whole, its second draws the layer,
       * the next ones reuse it. */
      _mg_plot_get_layer_counts (rec, &n_drawn, &n_reused);
      drawn += views[v].same_layer ? 0 : 1;
      reused += views[v].same_layer ? 3 : 1;
      g_assert_cmpuint (n_drawn, ==, drawn);
      g_assert_cmpuint (n_reused, ==, reused);
    }

  /* An SVG is drawn in vectors every time: no image in it. */
  for (guint frame = 0; frame < 3; frame++)
    {
      g_autoptr(GString) svg = g_string_new (NULL);
      cairo_surface_t *surface = cairo_svg_surface_create_for_stream (append_to_string, svg, W, H);
      cairo_t *cr = cairo_create (surface);

      mg_plot_render (cr, W, H, rec, &style);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      cairo_surface_destroy (surface);
      g_assert_nonnull (strstr (svg->str, "<path"));
      g_assert_null (strstr (svg->str, "<image"));
    }
  _mg_plot_get_layer_counts (rec, &n_drawn, &n_reused);
  g_assert_cmpuint (n_drawn, ==, drawn);
  g_assert_cmpuint (n_reused, ==, reused);
}

/* A run's budget is a dashed line at its height across the plot, in its
 * own colour, with its label above; the axis reaches a budget above the
 * peak; light and dark alike, and none without a budget. */
static void
test_budget_line (void)
{
  g_autoptr(MgRecording) rec = constant_recording (1001, 10, 100 * MIB, 110 * MIB);
  const guint64 budgets[] = { 300 * MIB, 60 * MIB };

  for (guint dark = 0; dark < 2; dark++)
    for (guint b = 0; b < G_N_ELEMENTS (budgets); b++)
      {
        MgPlotStyle style;
        MgPlotLayout l;
        cairo_surface_t *surface;
        int y, x0, x1;
        guint on_line;

        mg_plot_style_init (&style, dark);
        /* The dashed VSZ's blended edge is within the tolerance of the
         * dark budget colour: hidden, so every pixel counted is the line. */
        style.show_vsz = FALSE;
        mg_recording_set_budget (rec, budgets[b]);
        surface = render (rec, &style, &l);
        g_assert_cmpfloat (l.rss.max, >=, budgets[b]);
        y = (int) round (mg_plot_y_for_value (&l, &l.rss, budgets[b]));
        x0 = (int) l.x0;
        x1 = (int) l.x1;
        /* Dashes 6 on, 3 off: two thirds of the row, less where the RSS
         * line crosses it (it does not at these heights). */
        on_line = mg_test_count_color (surface, &style.budget, x0, y, x1, y + 1);
        g_assert_cmpuint (on_line, >=, (guint) (x1 - x0) * 6 / 10);
        g_assert_cmpuint (on_line, <=, (guint) (x1 - x0) * 75 / 100);
        /* Nothing of it a few rows under the line, right of the label. */
        g_assert_cmpuint (mg_test_count_color (surface, &style.budget, x0, y + 4, x1,
                                               (int) l.y1), ==, 0);
        /* "budget 300.0 MiB" above the line at the left. */
        g_assert_cmpuint (mg_test_count_color (surface, &style.budget, x0, y - 20, x0 + 120, y - 1),
                          >, 20);
        /* The RSS line stays where it was drawn, under or over the budget. */
        g_assert_cmpuint (mg_test_count_color (surface, &style.rss, x0 + 5,
                                               (int) round (mg_plot_y_for_value (&l, &l.rss,
                                                                                 100 * MIB)) - 2,
                                               x1 - 5,
                                               (int) round (mg_plot_y_for_value (&l, &l.rss,
                                                                                 100 * MIB)) + 3),
                          >=, (guint) (x1 - x0) * 8 / 10);
        cairo_surface_destroy (surface);
      }

  /* Without a budget: not a pixel of its colour, and the axis fits the
   * peak again. */
  {
    MgPlotStyle style;
    MgPlotLayout l;
    cairo_surface_t *surface;

    mg_plot_style_init (&style, FALSE);
    mg_recording_set_budget (rec, 0);
    surface = render (rec, &style, &l);
    g_assert_cmpfloat (l.rss.max, <, 300 * MIB);
    g_assert_cmpuint (mg_test_count_color (surface, &style.budget, 0, 0, W, H), ==, 0);
    cairo_surface_destroy (surface);
  }
}

/* The labels of a layout's time axis, joined by spaces. */
/* A dense curve is drawn in whole device pixels: a steady series of
 * many samples a column gives a band exactly the line's 2 px thick,
 * every row of it one colour, the area under it starting at the next
 * row, the same in every column. */
static void
test_dense_whole_pixels (void)
{
  const char *argv[] = { "steady", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (argv, NULL, 0.001);
  const guint8 *data;
  MgPlotStyle style;
  MgPlotLayout l;
  cairo_surface_t *surface;
  int stride, y;

  for (guint i = 0; i < 100000; i++)
    mg_recording_append (rec, i * 0.001, 77 * MIB, 80 * MIB);
  mg_plot_style_init (&style, FALSE);
  style.show_vsz = FALSE;
  surface = render (rec, &style, &l);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  y = (int) floor (mg_plot_y_for_value (&l, &l.rss, 77 * MIB));

  for (double f = 0.3; f < 0.75; f += 0.1)
    {
      int x = (int) (l.x0 + f * (l.x1 - l.x0));
      guint32 above = *(const guint32 *) (data + (y - 4) * stride + x * 4);
      guint32 area = *(const guint32 *) (data + (y + 4) * stride + x * 4);
      guint32 band = 0;
      guint n_band = 0;

      g_assert_cmphex (above, !=, area);
      for (int r = y - 4; r <= y + 4; r++)
        {
          guint32 p = *(const guint32 *) (data + r * stride + x * 4);

          if (p == above || p == area)
            continue;
          if (n_band == 0)
            band = p;
          g_assert_cmphex (p, ==, band);
          n_band++;
        }
      g_assert_cmpuint (n_band, ==, 2);
    }
  cairo_surface_destroy (surface);
}

static char *
time_labels (const MgPlotLayout *l)
{
  GString *text = g_string_new (NULL);

  for (double t = ceil (l->t_min / l->time.step - 1e-9) * l->time.step;
       t <= l->t_max + l->time.step * 1e-9; t += l->time.step)
    {
      g_autofree char *label = _mg_plot_format_time_tick (&l->time, t);

      g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", label);
    }
  return g_string_free (text, FALSE);
}

/* Past two minutes the time axis reads as a clock, "2:00"; the ticks stay
 * where they were just before, only their labels change. */
static void
test_time_axis_clock (void)
{
  g_autoptr(MgRecording) r150 = constant_recording (151, 150, 10 * MIB, 20 * MIB);
  g_autoptr(MgRecording) r119 = constant_recording (120, 119, 10 * MIB, 20 * MIB);
  g_autoptr(MgRecording) r121 = constant_recording (122, 121, 10 * MIB, 20 * MIB);
  g_autoptr(MgRecording) r5400 = constant_recording (541, 5400, 10 * MIB, 20 * MIB);
  g_autoptr(MgRecording) r10 = constant_recording (101, 10, 10 * MIB, 20 * MIB);
  g_autofree char *labels150 = NULL, *labels119 = NULL, *labels121 = NULL;
  g_autofree char *labels5400 = NULL, *labels10 = NULL;
  cairo_surface_t *surface;
  MgPlotStyle style;
  MgPlotLayout l;

  /* Finished runs: a live one's axis runs on a little past its end. */
  {
    MgRecording *runs[] = { r150, r119, r121, r5400, r10 };
    double ends[] = { 150, 119, 121, 5400, 10 };
    MgExit exit_info = { MG_EXIT_STATUS, 0, FALSE, NULL };

    for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
      mg_recording_finish (runs[i], &exit_info, ends[i]);
  }
  mg_plot_style_init (&style, FALSE);
  surface = render (r150, &style, &l);
  cairo_surface_destroy (surface);
  labels150 = time_labels (&l);
  g_assert_cmpstr (labels150, ==, "0:00 0:30 1:00 1:30 2:00 2:30");

  surface = render (r119, &style, &l);
  cairo_surface_destroy (surface);
  labels119 = time_labels (&l);
  g_assert_cmpfloat (l.time.step, ==, 30);
  g_assert_cmpstr (labels119, ==, "0 s 30 s 60 s 90 s");

  surface = render (r121, &style, &l);
  cairo_surface_destroy (surface);
  labels121 = time_labels (&l);
  g_assert_cmpfloat (l.time.step, ==, 30);
  g_assert_cmpstr (labels121, ==, "0:00 0:30 1:00 1:30 2:00");

  surface = render (r5400, &style, &l);
  cairo_surface_destroy (surface);
  labels5400 = time_labels (&l);
  g_assert_cmpstr (labels5400, ==, "0:00 20:00 40:00 1:00:00 1:20:00");

  /* Short runs keep their seconds. */
  surface = render (r10, &style, &l);
  cairo_surface_destroy (surface);
  labels10 = time_labels (&l);
  g_assert_cmpstr (labels10, ==, "0 s 2 s 4 s 6 s 8 s 10 s");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memgraph/plot/curves", test_curves);
  g_test_add_func ("/memgraph/plot/shared-axis", test_shared_axis);
  g_test_add_func ("/memgraph/plot/spike-survives", test_spike_survives);
  g_test_add_func ("/memgraph/plot/dense-whole-pixels", test_dense_whole_pixels);
  g_test_add_func ("/memgraph/plot/unsampled-peak", test_unsampled_peak);
  g_test_add_func ("/memgraph/plot/process-unsampled-peak", test_process_unsampled_peak);
  g_test_add_func ("/memgraph/plot/kinds-stacked", test_kinds_stacked);
  g_test_add_func ("/memgraph/plot/hover-mapping", test_hover_mapping);
  g_test_add_func ("/memgraph/plot/zoom-keeps-spike", test_zoom_keeps_spike);
  g_test_add_func ("/memgraph/plot/legend-and-markers", test_legend_and_markers);
  g_test_add_func ("/memgraph/plot/dark", test_dark);
  g_test_add_func ("/memgraph/plot/budget-line", test_budget_line);
  g_test_add_func ("/memgraph/plot/empty", test_empty);
  g_test_add_func ("/memgraph/plot/palette-keeps-view", test_palette_keeps_view);
  g_test_add_func ("/memgraph/plot/columns-exact", test_columns_exact);
  g_test_add_func ("/memgraph/plot/time-axis-clock", test_time_axis_clock);
  g_test_add_func ("/memgraph/plot/incremental-frame", test_incremental_frame);
  g_test_add_func ("/memgraph/plot/incremental-frame-hidpi", test_incremental_frame_hidpi);
  g_test_add_func ("/memgraph/plot/dense-pixels-written", test_dense_pixels_written);
  g_test_add_func ("/memgraph/plot/kept-layer", test_kept_layer);

  return g_test_run ();
}
