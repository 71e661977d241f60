/* mg-plot.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws a recording with cairo: title, legend, axes, grid and curves. The
 * screen and every export call the same function, so what is saved is what
 * is seen. The curves cost one min/max segment per pixel column, whatever
 * the number of samples.
 */
#include "config.h"

#include "mg-plot.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#define PAD 12.0

static void
set_color (cairo_t       *cr,
           const MgColor *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

static MgColor
rgb (guint32 hex)
{
  MgColor c = {
    ((hex >> 16) & 0xff) / 255.0,
    ((hex >> 8) & 0xff) / 255.0,
    (hex & 0xff) / 255.0,
    1.0,
  };
  return c;
}

/**
 * mg_plot_style_init:
 * @style: (out): the style to fill
 * @dark: whether the dark palette is wanted
 *
 * Fills @style with the GNOME palette colours for a light or dark theme.
 */
void
mg_plot_style_init (MgPlotStyle *style,
                    gboolean     dark)
{
  g_return_if_fail (style != NULL);

  if (dark)
    {
      style->background = rgb (0x1e1e1e);
      style->foreground = rgb (0xffffff);
      style->dim = rgb (0xc0bfbc);
      style->grid = rgb (0xffffff);
      style->grid.alpha = 0.12;
      style->rss = rgb (0x62a0ea);   /* blue 2 */
      style->vsz = rgb (0xffa348);   /* orange 2 */
      style->kinds[0] = rgb (0x3584e4);
      style->kinds[1] = rgb (0x57e389);
      style->kinds[2] = rgb (0xc061cb);
      style->kinds[3] = rgb (0xf66151);
      style->pss = rgb (0x8ff0a4);
    }
  else
    {
      style->background = rgb (0xffffff);
      style->foreground = rgb (0x241f31);
      style->dim = rgb (0x5e5c64);
      style->grid = rgb (0x000000);
      style->grid.alpha = 0.10;
      style->rss = rgb (0x1c71d8);   /* blue 4 */
      style->vsz = rgb (0xe66100);   /* orange 5 */
      style->kinds[0] = rgb (0x62a0ea);
      style->kinds[1] = rgb (0x57e389);
      style->kinds[2] = rgb (0xc061cb);
      style->kinds[3] = rgb (0xf66151);
      style->pss = rgb (0x26a269);
    }
  style->font_family = "Cantarell, Noto Sans, DejaVu Sans, Sans";
  style->font_size = 10;
  style->scale = 1;
  style->show_vsz = TRUE;
  style->show_kinds = FALSE;
  style->show_envelope = TRUE;
  style->process = -1;
  style->draw_background = TRUE;
}

static PangoLayout *
make_layout (cairo_t           *cr,
             const MgPlotStyle *style,
             double             points,
             gboolean           bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();

  pango_font_description_set_family (font, style->font_family);
  /* Absolute size in device units keeps exports identical on any screen. */
  pango_font_description_set_absolute_size (font, points * style->scale * 96.0 / 72.0 * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  return layout;
}

static void
text_size (PangoLayout *layout,
           const char  *text,
           double      *w,
           double      *h)
{
  int pw, ph;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &pw, &ph);
  if (w)
    *w = pw;
  if (h)
    *h = ph;
}

static double
max_label_width (PangoLayout  *layout,
                 const MgAxis *axis)
{
  double widest = 0;

  for (double v = 0; v <= axis->max * (1 + 1e-9); v += axis->step)
    {
      g_autofree char *label = mg_axis_format_tick (axis, v);
      double w;

      text_size (layout, label, &w, NULL);
      widest = MAX (widest, w);
    }
  return widest;
}

/* The samples the plot shows: the tree's totals, or one process's own. */
static const MgSample *
shown_samples (MgRecording       *recording,
               const MgPlotStyle *style,
               guint             *n)
{
  if (style->process >= 0 && (guint) style->process < mg_recording_get_n_processes (recording))
    {
      const MgProcess *p = mg_recording_get_process (recording, style->process);

      *n = p->samples->len;
      return (const MgSample *) p->samples->data;
    }
  *n = mg_recording_get_n_samples (recording);
  return mg_recording_get_samples (recording);
}

static guint64
shown_peak (MgRecording       *recording,
            const MgPlotStyle *style,
            gsize              offset)
{
  const MgSample *samples;
  guint64 peak = 0;
  guint n;

  if (style->process < 0 && offset == G_STRUCT_OFFSET (MgSample, rss_bytes))
    return mg_recording_get_peak_rss (recording);
  if (style->process < 0 && offset == G_STRUCT_OFFSET (MgSample, vsz_bytes))
    return mg_recording_get_peak_vsz (recording);

  samples = shown_samples (recording, style, &n);
  for (guint i = 0; i < n; i++)
    peak = MAX (peak, G_STRUCT_MEMBER (guint64, &samples[i], offset));
  if (style->process >= 0 && offset == G_STRUCT_OFFSET (MgSample, rss_bytes))
    peak = MAX (peak, mg_recording_get_process (recording, style->process)->peak_rss);
  return peak;
}

static guint64
stacked_peak (MgRecording       *recording,
              const MgPlotStyle *style)
{
  const MgSample *samples;
  guint64 peak = 0;
  guint n;

  samples = shown_samples (recording, style, &n);
  for (guint i = 0; i < n; i++)
    peak = MAX (peak, samples[i].anon_bytes + samples[i].file_bytes + samples[i].shmem_bytes +
                      samples[i].swap_bytes);
  return peak;
}

static double
time_extent (MgRecording *recording)
{
  /* The curve fills the width, however short the run; never a zero-width
   * axis, though. */
  return MAX (mg_recording_get_duration (recording), 0.001);
}

/**
 * mg_plot_layout:
 * @layout: (out): the computed layout
 * @cr: the context text will be measured with
 *
 * Computes the plot area and axes that mg_plot_render() uses for the same
 * arguments, so callers can map times and values to pixels.
 */
void
mg_plot_layout (MgPlotLayout      *layout,
                cairo_t           *cr,
                int                width,
                int                height,
                MgRecording       *recording,
                const MgPlotStyle *style)
{
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) small = NULL;
  double s = style->scale;
  double title_h, small_h, left_w, right_w = 0;
  guint64 peak_rss, peak_vsz;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (MG_IS_RECORDING (recording));

  peak_rss = shown_peak (recording, style, G_STRUCT_OFFSET (MgSample, rss_bytes));
  peak_vsz = shown_peak (recording, style, G_STRUCT_OFFSET (MgSample, vsz_bytes));
  if (style->show_envelope && mg_recording_has_envelope (recording))
    peak_rss = MAX (peak_rss, shown_peak (recording, style, G_STRUCT_OFFSET (MgSample, rss_max_bytes)));
  if (style->show_kinds && mg_recording_has_kinds (recording))
    peak_rss = MAX (peak_rss, stacked_peak (recording, style));

  layout->t_max = time_extent (recording);
  mg_axis_for_seconds (&layout->time, layout->t_max);

  /* VSZ is often ten times RSS: then it gets its own scale on the right
   * rather than squeezing RSS, the main curve, into the floor. When the two
   * are close they share one axis, so that the curves compare directly. */
  layout->vsz_own_axis = style->show_vsz &&
                         peak_vsz > MG_PLOT_VSZ_OWN_AXIS_RATIO * (double) peak_rss;
  if (style->show_vsz && !layout->vsz_own_axis)
    peak_rss = MAX (peak_rss, peak_vsz);

  /* Headroom above the peak, so the curve never touches the title. */
  mg_axis_for_bytes (&layout->rss, MAX (peak_rss * 1.05, 1024.0 * 1024.0));
  if (layout->vsz_own_axis)
    mg_axis_for_bytes (&layout->vsz, MAX (peak_vsz * 1.05, 1024.0 * 1024.0));
  else
    layout->vsz = layout->rss;

  title = make_layout (cr, style, style->font_size * 1.3, TRUE);
  small = make_layout (cr, style, style->font_size, FALSE);
  text_size (title, "Mg", NULL, &title_h);
  text_size (small, "Mg", NULL, &small_h);

  left_w = max_label_width (small, &layout->rss);
  if (layout->vsz_own_axis)
    right_w = max_label_width (small, &layout->vsz);

  layout->x0 = PAD * s + left_w + 6 * s;
  layout->x1 = width - PAD * s - (layout->vsz_own_axis ? right_w + 6 * s : 8 * s);
  /* Title, subtitle and legend stand above the plot area. */
  layout->y0 = PAD * s + title_h + small_h + 8 * s + small_h + 6 * s;
  layout->y1 = height - PAD * s - small_h - 6 * s;

  if (layout->x1 <= layout->x0 + 1)
    layout->x1 = layout->x0 + 1;
  if (layout->y1 <= layout->y0 + 1)
    layout->y1 = layout->y0 + 1;
}

double
mg_plot_x_for_time (const MgPlotLayout *layout,
                    double              time_s)
{
  return layout->x0 + (layout->x1 - layout->x0) * (time_s / layout->t_max);
}

double
mg_plot_y_for_value (const MgPlotLayout *layout,
                     const MgAxis       *axis,
                     double              value)
{
  return layout->y1 - (layout->y1 - layout->y0) * (value / axis->max);
}

static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       align)    /* 0 left, 0.5 centre, 1 right of x */
{
  double w;

  text_size (layout, text, &w, NULL);
  cairo_move_to (cr, round (x - w * align), round (y));
  pango_cairo_show_layout (cr, layout);
}

static void
draw_axes (cairo_t            *cr,
           const MgPlotLayout *l,
           const MgPlotStyle  *style,
           PangoLayout        *small)
{
  double s = style->scale;
  double small_h;

  text_size (small, "Mg", NULL, &small_h);
  cairo_set_line_width (cr, 1 * s);

  /* Horizontal grid and RSS labels on the left. */
  for (double v = 0; v <= l->rss.max * (1 + 1e-9); v += l->rss.step)
    {
      double y = round (mg_plot_y_for_value (l, &l->rss, v)) + 0.5;
      g_autofree char *label = mg_axis_format_tick (&l->rss, v);

      set_color (cr, &style->grid);
      cairo_move_to (cr, l->x0, y);
      cairo_line_to (cr, l->x1, y);
      cairo_stroke (cr);
      set_color (cr, &style->dim);
      draw_text (cr, small, label, l->x0 - 6 * s, y - small_h / 2, 1.0);
    }

  /* VSZ's own scale on the right, in its colour. */
  if (l->vsz_own_axis)
    {
      for (double v = 0; v <= l->vsz.max * (1 + 1e-9); v += l->vsz.step)
        {
          double y = mg_plot_y_for_value (l, &l->vsz, v);
          g_autofree char *label = mg_axis_format_tick (&l->vsz, v);

          set_color (cr, &style->vsz);
          draw_text (cr, small, label, l->x1 + 6 * s, y - small_h / 2, 0.0);
        }
    }

  /* Vertical grid and time labels. */
  for (double t = 0; t <= l->t_max * (1 + 1e-9); t += l->time.step)
    {
      double x = round (mg_plot_x_for_time (l, t)) + 0.5;
      g_autofree char *label = mg_axis_format_tick (&l->time, t);
      double w;

      set_color (cr, &style->grid);
      cairo_move_to (cr, x, l->y0);
      cairo_line_to (cr, x, l->y1);
      cairo_stroke (cr);

      text_size (small, label, &w, NULL);
      /* Keep the last label inside the image. */
      set_color (cr, &style->dim);
      draw_text (cr, small, label, MIN (x, l->x1 + (l->vsz_own_axis ? 0 : 8 * s) - w / 2),
                 l->y1 + 4 * s, 0.5);
    }

  /* The frame's bottom and left edges. */
  set_color (cr, &style->dim);
  cairo_move_to (cr, l->x0 + 0.5, l->y0);
  cairo_line_to (cr, l->x0 + 0.5, l->y1 + 0.5);
  cairo_line_to (cr, l->x1, l->y1 + 0.5);
  cairo_stroke (cr);
}

/* A curve: the sum of some fields of each sample (one field, or the
 * stacked kinds up to a level). */
typedef struct
{
  gsize offsets[4];
  guint n_offsets;
} Series;

static inline guint64
sample_value (const MgSample *s,
              const Series   *series)
{
  guint64 v = 0;

  for (guint k = 0; k < series->n_offsets; k++)
    v += G_STRUCT_MEMBER (guint64, s, series->offsets[k]);
  return v;
}

/* Builds the curve's path: per pixel column, the first, lowest, highest and
 * last value of the samples that fall in it. Returns whether anything was
 * added; *first_x and *last_x are where the path starts and ends. */
static gboolean
trace_series (cairo_t            *cr,
              const MgPlotLayout *l,
              const MgSample     *samples,
              guint               n,
              const Series       *series,
              const MgAxis       *axis,
              double             *first_x,
              double             *last_x)
{
  double width = l->x1 - l->x0;
  int columns = MAX (1, (int) ceil (width));
  gboolean started = FALSE;
  guint i = 0;

  for (int c = 0; c < columns && i < n; c++)
    {
      double t_end = l->t_max * (c + 1) / width;
      guint j = i;
      guint64 lo, hi;

      /* Samples of this column: [i, j). */
      while (j < n && (samples[j].time_s < t_end || c == columns - 1))
        j++;
      if (j == i)
        continue;

      if (j - i == 1)
        {
          double x = mg_plot_x_for_time (l, samples[i].time_s);
          double y = mg_plot_y_for_value (l, axis, sample_value (&samples[i], series));

          if (!started)
            {
              cairo_move_to (cr, x, y);
              *first_x = x;
              started = TRUE;
            }
          else
            cairo_line_to (cr, x, y);
          *last_x = x;
        }
      else
        {
          double x = l->x0 + c + 0.5;
          double y_first = mg_plot_y_for_value (l, axis, sample_value (&samples[i], series));

          lo = hi = sample_value (&samples[i], series);
          for (guint k = i + 1; k < j; k++)
            {
              guint64 v = sample_value (&samples[k], series);
              lo = MIN (lo, v);
              hi = MAX (hi, v);
            }
          if (!started)
            {
              cairo_move_to (cr, x, y_first);
              *first_x = x;
              started = TRUE;
            }
          else
            cairo_line_to (cr, x, y_first);
          cairo_line_to (cr, x, mg_plot_y_for_value (l, axis, lo));
          cairo_line_to (cr, x, mg_plot_y_for_value (l, axis, hi));
          cairo_line_to (cr, x, mg_plot_y_for_value (l, axis, sample_value (&samples[j - 1], series)));
          *last_x = x;
        }
      i = j;
    }

  return started;
}

typedef enum
{
  DRAW_LINE,        /* a solid line with a light area under it */
  DRAW_DASHED,      /* a dashed line */
  DRAW_FILL,        /* an opaque-ish area down to the axis */
  DRAW_THIN,        /* a thin line, for the envelope */
} DrawKind;

static void
clip_to_plot (cairo_t            *cr,
              const MgPlotLayout *l,
              double              s)
{
  cairo_rectangle (cr, l->x0, l->y0 - 2 * s, l->x1 - l->x0, l->y1 - l->y0 + 2 * s);
  cairo_clip (cr);
  cairo_new_path (cr);
}

static void
draw_series (cairo_t            *cr,
             const MgPlotLayout *l,
             const MgSample     *samples,
             guint               n,
             const Series       *series,
             const MgAxis       *axis,
             const MgColor      *color,
             DrawKind            kind,
             double              s)
{
  double first_x = 0, last_x = 0;

  cairo_save (cr);
  clip_to_plot (cr, l, s);

  if (!trace_series (cr, l, samples, n, series, axis, &first_x, &last_x))
    {
      cairo_restore (cr);
      return;
    }

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  switch (kind)
    {
    case DRAW_LINE:
      {
        cairo_path_t *path = cairo_copy_path (cr);

        cairo_line_to (cr, last_x, l->y1);
        cairo_line_to (cr, first_x, l->y1);
        cairo_close_path (cr);
        cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.18);
        cairo_fill (cr);

        cairo_append_path (cr, path);
        cairo_path_destroy (path);
        cairo_set_line_width (cr, 2 * s);
        set_color (cr, color);
        cairo_stroke (cr);
      }
      break;

    case DRAW_FILL:
      cairo_line_to (cr, last_x, l->y1);
      cairo_line_to (cr, first_x, l->y1);
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.85);
      cairo_fill (cr);
      break;

    case DRAW_DASHED:
      {
        double dash[] = { 6 * s, 3 * s };

        cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
        cairo_set_line_width (cr, 2 * s);
        set_color (cr, color);
        cairo_stroke (cr);
      }
      break;

    case DRAW_THIN:
    default:
      cairo_set_line_width (cr, 1 * s);
      cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.9);
      cairo_stroke (cr);
      break;
    }
  cairo_restore (cr);
}

static void
draw_curves (cairo_t            *cr,
             const MgPlotLayout *l,
             MgRecording        *recording,
             const MgPlotStyle  *style)
{
  static const gsize kind_offsets[] = {
    G_STRUCT_OFFSET (MgSample, anon_bytes),
    G_STRUCT_OFFSET (MgSample, file_bytes),
    G_STRUCT_OFFSET (MgSample, shmem_bytes),
    G_STRUCT_OFFSET (MgSample, swap_bytes),
  };
  Series rss = { { G_STRUCT_OFFSET (MgSample, rss_bytes) }, 1 };
  Series vsz = { { G_STRUCT_OFFSET (MgSample, vsz_bytes) }, 1 };
  Series envelope = { { G_STRUCT_OFFSET (MgSample, rss_max_bytes) }, 1 };
  const MgSample *samples;
  guint n;

  samples = shown_samples (recording, style, &n);

  if (style->show_vsz)
    draw_series (cr, l, samples, n, &vsz, &l->vsz, &style->vsz, DRAW_DASHED, style->scale);

  if (style->show_kinds && mg_recording_has_kinds (recording))
    {
      /* Stacked: the top level first, each lower level painted over it. */
      for (int level = G_N_ELEMENTS (kind_offsets); level >= 1; level--)
        {
          Series stack = { { 0 }, level };

          memcpy (stack.offsets, kind_offsets, level * sizeof (gsize));
          draw_series (cr, l, samples, n, &stack, &l->rss, &style->kinds[level - 1], DRAW_FILL,
                       style->scale);
        }
      draw_series (cr, l, samples, n, &rss, &l->rss, &style->rss, DRAW_THIN, style->scale);
    }
  else
    draw_series (cr, l, samples, n, &rss, &l->rss, &style->rss, DRAW_LINE, style->scale);

  if (style->process < 0 && mg_recording_has_pss (recording))
    {
      /* PSS is read at a lower rate: a line through its readings only. */
      Series pss = { { G_STRUCT_OFFSET (MgSample, pss_bytes) }, 1 };
      g_autoptr(GArray) readings = g_array_new (FALSE, FALSE, sizeof (MgSample));

      for (guint i = 0; i < n; i++)
        if (samples[i].pss_bytes != MG_NO_VALUE)
          g_array_append_val (readings, samples[i]);
      draw_series (cr, l, (const MgSample *) readings->data, readings->len, &pss, &l->rss,
                   &style->pss, DRAW_DASHED, style->scale);

      /* A dot on each reading, so the line between them is not taken for
       * measurements. */
      cairo_save (cr);
      clip_to_plot (cr, l, style->scale);
      set_color (cr, &style->pss);
      for (guint i = 0; i < readings->len; i++)
        {
          const MgSample *r = &g_array_index (readings, MgSample, i);

          cairo_new_sub_path (cr);
          cairo_arc (cr, mg_plot_x_for_time (l, r->time_s),
                     mg_plot_y_for_value (l, &l->rss, r->pss_bytes), 3 * style->scale, 0, 2 * G_PI);
        }
      cairo_fill (cr);
      cairo_restore (cr);
    }

  if (style->show_envelope && style->process < 0 && mg_recording_has_envelope (recording))
    {
      /* The envelope has no value on the exit sample: leave that one out. */
      guint m = n;

      if (m > 0 && samples[m - 1].rss_max_bytes == 0)
        m--;
      draw_series (cr, l, samples, m, &envelope, &l->rss, &style->foreground, DRAW_THIN,
                   style->scale);
    }
}

static void
draw_peak (cairo_t            *cr,
           const MgPlotLayout *l,
           MgRecording        *recording,
           const MgPlotStyle  *style,
           PangoLayout        *small)
{
  guint64 peak = shown_peak (recording, style, G_STRUCT_OFFSET (MgSample, rss_bytes));
  double s = style->scale;
  double x, y, w, h, from, to;
  g_autofree char *size = NULL;
  g_autofree char *label = NULL;
  gboolean unsampled;

  if (peak == 0)
    return;

  size = mg_format_bytes (peak);
  y = mg_plot_y_for_value (l, &l->rss, peak);
  unsampled = style->process < 0 && mg_recording_get_peak_window (recording, &from, &to);

  if (unsampled)
    {
      double x_from = mg_plot_x_for_time (l, from);
      double x_to = MAX (mg_plot_x_for_time (l, to), x_from + 2 * s);
      double dash[] = { 3 * s, 3 * s };
      int decimals = to - from < 0.1 ? 3 : to - from < 1 ? 2 : to - from < 10 ? 1 : 0;
      g_autofree char *t_from = g_strdup_printf ("%.*f s", decimals, from);
      g_autofree char *t_to = g_strdup_printf ("%.*f s", decimals, to);

      /* No sample saw it: a band over the interval it happened in, up to the
       * kernel's figure, so nobody reads the flat curve as the truth. */
      cairo_save (cr);
      cairo_rectangle (cr, x_from, y, x_to - x_from, l->y1 - y);
      cairo_set_source_rgba (cr, style->rss.red, style->rss.green, style->rss.blue, 0.12);
      cairo_fill (cr);
      set_color (cr, &style->rss);
      cairo_set_line_width (cr, 2 * s);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_move_to (cr, x_from, y);
      cairo_line_to (cr, x_to, y);
      cairo_stroke (cr);
      cairo_restore (cr);

      x = (x_from + x_to) / 2;
      /* TRANSLATORS: the peak, the times around it, e.g. "peak 1.0 GiB
       * between 2.1 s and 2.6 s, not sampled" */
      label = g_strdup_printf (_("peak %s between %s and %s, not sampled"), size, t_from, t_to);
    }
  else
    {
      double t = mg_recording_get_peak_rss_time (recording);

      if (style->process >= 0)
        {
          const MgSample *samples;
          guint n;

          samples = shown_samples (recording, style, &n);
          for (guint i = 0; i < n; i++)
            if (samples[i].rss_bytes == peak)
              {
                t = samples[i].time_s;
                break;
              }
        }
      x = mg_plot_x_for_time (l, t);
      /* TRANSLATORS: label of the highest point of the RSS curve */
      label = g_strdup_printf (_("peak %s"), size);
    }

  set_color (cr, &style->rss);
  cairo_arc (cr, x, y, 3.5 * s, 0, 2 * G_PI);
  cairo_fill (cr);

  text_size (small, label, &w, &h);
  set_color (cr, &style->foreground);
  /* Beside the dot, turned inwards near the right edge. */
  if (x + 6 * s + w > l->x1)
    draw_text (cr, small, label, MAX (x - 6 * s, l->x0 + w), y - h - 2 * s, 1.0);
  else
    draw_text (cr, small, label, x + 6 * s, y - h - 2 * s, 0.0);
}

static void
draw_legend_item (cairo_t           *cr,
                  const MgPlotStyle *style,
                  PangoLayout       *small,
                  const char        *name,
                  const MgColor     *color,
                  DrawKind           kind,
                  double            *x,
                  double             y,
                  double             h)
{
  double s = style->scale;
  double w;

  cairo_save (cr);
  set_color (cr, color);
  if (kind == DRAW_FILL)
    {
      cairo_rectangle (cr, *x, y + h / 2 - 5 * s, 18 * s, 10 * s);
      cairo_fill (cr);
    }
  else
    {
      cairo_set_line_width (cr, (kind == DRAW_THIN ? 1 : 2) * s);
      if (kind == DRAW_DASHED)
        {
          double dash[] = { 4 * s, 2 * s };
          cairo_set_dash (cr, dash, 2, 0);
        }
      cairo_move_to (cr, *x, y + h / 2);
      cairo_line_to (cr, *x + 18 * s, y + h / 2);
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  set_color (cr, &style->foreground);
  text_size (small, name, &w, NULL);
  draw_text (cr, small, name, *x + 24 * s, y, 0.0);
  *x += 24 * s + w + 18 * s;
}

static void
draw_legend (cairo_t            *cr,
             const MgPlotLayout *l,
             MgRecording        *recording,
             const MgPlotStyle  *style,
             PangoLayout        *small,
             double              y)
{
  double x = l->x0;
  double h;

  text_size (small, "Mg", NULL, &h);

  if (style->show_kinds && mg_recording_has_kinds (recording))
    {
      /* TRANSLATORS: kinds of resident memory in the legend */
      const char *names[] = { C_("series", "Anonymous"), C_("series", "File"),
                              C_("series", "Shared"), C_("series", "Swap") };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        draw_legend_item (cr, style, small, names[i], &style->kinds[i], DRAW_FILL, &x, y, h);
      draw_legend_item (cr, style, small, C_("series", "RSS"), &style->rss, DRAW_THIN, &x, y, h);
    }
  else
    /* TRANSLATORS: resident set size, the memory a process holds in RAM */
    draw_legend_item (cr, style, small,
                      l->vsz_own_axis ? C_("series", "RSS (left axis)") : C_("series", "RSS"),
                      &style->rss, DRAW_LINE, &x, y, h);

  if (style->show_vsz)
    /* TRANSLATORS: virtual memory size */
    draw_legend_item (cr, style, small,
                      l->vsz_own_axis ? C_("series", "VSZ (right axis)") : C_("series", "VSZ"),
                      &style->vsz, DRAW_DASHED, &x, y, h);

  if (style->process < 0 && mg_recording_has_pss (recording))
    /* TRANSLATORS: proportional set size */
    draw_legend_item (cr, style, small, C_("series", "PSS"), &style->pss, DRAW_DASHED, &x, y, h);

  if (style->show_envelope && style->process < 0 && mg_recording_has_envelope (recording))
    draw_legend_item (cr, style, small, C_("series", "Highest RSS between samples"),
                      &style->foreground, DRAW_THIN, &x, y, h);
}

/**
 * mg_plot_render:
 * @cr: where to draw
 * @width: width in device units
 * @height: height in device units
 * @recording: what to draw
 * @style: colours, font, and whether VSZ is shown
 *
 * Draws the whole graph: background, title (the command), how the run
 * ended, legend, axes with units chosen from the data, and the curves.
 */
void
mg_plot_render (cairo_t           *cr,
                int                width,
                int                height,
                MgRecording       *recording,
                const MgPlotStyle *style)
{
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) small = NULL;
  g_autofree char *command = NULL;
  g_autofree char *subtitle = NULL;
  MgPlotLayout l;
  double s, title_h, small_h;
  double text_w;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (MG_IS_RECORDING (recording));
  g_return_if_fail (style != NULL);

  if (width <= 0 || height <= 0)
    return;

  s = style->scale;
  cairo_save (cr);

  if (style->draw_background)
    {
      set_color (cr, &style->background);
      cairo_paint (cr);
    }

  mg_plot_layout (&l, cr, width, height, recording, style);
  title = make_layout (cr, style, style->font_size * 1.3, TRUE);
  small = make_layout (cr, style, style->font_size, FALSE);
  text_size (title, "Mg", NULL, &title_h);
  text_size (small, "Mg", NULL, &small_h);

  /* The command as title, cut with an ellipsis when too long. */
  text_w = MAX (1, width - 2 * PAD * s);
  pango_layout_set_width (title, (int) (text_w * PANGO_SCALE));
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  if (style->process >= 0 && (guint) style->process < mg_recording_get_n_processes (recording))
    {
      const MgProcess *p = mg_recording_get_process (recording, style->process);
      /* TRANSLATORS: title of the graph of one process of the run */
      command = g_strdup_printf (_("Process %d: %s"), p->pid, p->cmdline[0] ? p->cmdline : p->name);
    }
  else
    command = mg_recording_dup_title (recording);
  set_color (cr, &style->foreground);
  pango_layout_set_text (title, command, -1);
  cairo_move_to (cr, PAD * s, PAD * s);
  pango_cairo_show_layout (cr, title);

  subtitle = mg_recording_describe_exit (recording);
  if (mg_recording_get_peak_rss (recording) > 0)
    {
      g_autofree char *peak = mg_format_bytes (mg_recording_get_peak_rss (recording));
      g_autofree char *both = NULL;
      guint n_proc = mg_recording_get_n_processes (recording);

      if (mg_recording_get_peak_is_exact (recording))
        both = g_strdup_printf (_("%s · peak RSS %s (exact: the kernel’s high-water mark)"),
                                subtitle, peak);
      else if (n_proc > 1)
        both = g_strdup_printf (_("%s · peak RSS %s (sum of %u processes, sampled)"), subtitle,
                                peak, n_proc);
      else
        both = g_strdup_printf (_("%s · peak RSS %s"), subtitle, peak);

      g_free (subtitle);
      subtitle = g_steal_pointer (&both);
    }
  set_color (cr, &style->dim);
  draw_text (cr, small, subtitle, PAD * s, PAD * s + title_h + 2 * s, 0.0);

  draw_legend (cr, &l, recording, style, small, PAD * s + title_h + small_h + 8 * s);
  draw_axes (cr, &l, style, small);
  draw_curves (cr, &l, recording, style);
  draw_peak (cr, &l, recording, style, small);

  if (mg_recording_get_n_samples (recording) == 0)
    {
      const MgExit *exit_info = mg_recording_get_exit (recording);
      const char *message = exit_info->kind == MG_EXIT_RUNNING
                              ? _("Waiting for the first sample…")
                              : _("No samples were recorded");

      set_color (cr, &style->dim);
      draw_text (cr, small, message, (l.x0 + l.x1) / 2, (l.y0 + l.y1) / 2 - small_h / 2, 0.5);
    }

  cairo_restore (cr);
}
