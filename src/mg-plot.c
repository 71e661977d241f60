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
    }
  style->font_family = "Cantarell, Noto Sans, DejaVu Sans, Sans";
  style->font_size = 10;
  style->scale = 1;
  style->show_vsz = TRUE;
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

  peak_rss = mg_recording_get_peak_rss (recording);
  peak_vsz = mg_recording_get_peak_vsz (recording);

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

typedef enum
{
  SERIES_RSS,
  SERIES_VSZ,
} Series;

static inline guint64
sample_value (const MgSample *s,
              Series          series)
{
  return series == SERIES_RSS ? s->rss_bytes : s->vsz_bytes;
}

/* Builds the curve's path: per pixel column, the first, lowest, highest and
 * last value of the samples that fall in it. Returns whether anything was
 * added; *first_x and *last_x are where the path starts and ends. */
static gboolean
trace_series (cairo_t            *cr,
              const MgPlotLayout *l,
              MgRecording        *recording,
              Series              series,
              const MgAxis       *axis,
              double             *first_x,
              double             *last_x)
{
  const MgSample *samples = mg_recording_get_samples (recording);
  guint n = mg_recording_get_n_samples (recording);
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

          lo = hi = sample_value (&samples[i], series);
          for (guint k = i + 1; k < j; k++)
            {
              guint64 v = sample_value (&samples[k], series);
              lo = MIN (lo, v);
              hi = MAX (hi, v);
            }
          if (!started)
            {
              cairo_move_to (cr, x, mg_plot_y_for_value (l, axis, sample_value (&samples[i], series)));
              *first_x = x;
              started = TRUE;
            }
          else
            cairo_line_to (cr, x, mg_plot_y_for_value (l, axis, sample_value (&samples[i], series)));
          cairo_line_to (cr, x, mg_plot_y_for_value (l, axis, lo));
          cairo_line_to (cr, x, mg_plot_y_for_value (l, axis, hi));
          cairo_line_to (cr, x, mg_plot_y_for_value (l, axis, sample_value (&samples[j - 1], series)));
          *last_x = x;
        }
      i = j;
    }

  return started;
}

static void
draw_series (cairo_t            *cr,
             const MgPlotLayout *l,
             MgRecording        *recording,
             const MgPlotStyle  *style,
             Series              series)
{
  const MgAxis *axis = series == SERIES_RSS ? &l->rss : &l->vsz;
  const MgColor *color = series == SERIES_RSS ? &style->rss : &style->vsz;
  double first_x = 0, last_x = 0;
  double s = style->scale;

  cairo_save (cr);
  cairo_rectangle (cr, l->x0, l->y0 - 2 * s, l->x1 - l->x0, l->y1 - l->y0 + 2 * s);
  cairo_clip (cr);
  cairo_new_path (cr);

  if (!trace_series (cr, l, recording, series, axis, &first_x, &last_x))
    {
      cairo_restore (cr);
      return;
    }

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (series == SERIES_RSS)
    {
      cairo_path_t *path = cairo_copy_path (cr);

      /* A light area under RSS, the main curve. */
      cairo_line_to (cr, last_x, l->y1);
      cairo_line_to (cr, first_x, l->y1);
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.18);
      cairo_fill (cr);

      cairo_append_path (cr, path);
      cairo_path_destroy (path);
      cairo_set_line_width (cr, 2 * s);
    }
  else
    {
      double dash[] = { 6 * s, 3 * s };

      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_set_line_width (cr, 2 * s);
    }
  set_color (cr, color);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_peak (cairo_t            *cr,
           const MgPlotLayout *l,
           MgRecording        *recording,
           const MgPlotStyle  *style,
           PangoLayout        *small)
{
  guint64 peak = mg_recording_get_peak_rss (recording);
  double s = style->scale;
  double x, y, w, h;
  g_autofree char *size = NULL;
  g_autofree char *label = NULL;

  if (peak == 0)
    return;

  x = mg_plot_x_for_time (l, mg_recording_get_peak_rss_time (recording));
  y = mg_plot_y_for_value (l, &l->rss, peak);

  set_color (cr, &style->rss);
  cairo_arc (cr, x, y, 3.5 * s, 0, 2 * G_PI);
  cairo_fill (cr);

  size = mg_format_bytes (peak);
  /* TRANSLATORS: label of the highest point of the RSS curve */
  label = g_strdup_printf (_("peak %s"), size);
  text_size (small, label, &w, &h);
  set_color (cr, &style->foreground);
  /* Beside the dot, turned inwards near the right edge. */
  if (x + 6 * s + w > l->x1)
    draw_text (cr, small, label, x - 6 * s, y - h - 2 * s, 1.0);
  else
    draw_text (cr, small, label, x + 6 * s, y - h - 2 * s, 0.0);
}

static void
draw_legend (cairo_t            *cr,
             const MgPlotLayout *l,
             const MgPlotStyle  *style,
             PangoLayout        *small,
             double              y)
{
  double s = style->scale;
  double x = l->x0;
  double h, w;
  struct { const char *name; const MgColor *color; gboolean dashed; gboolean shown; } items[] = {
    /* TRANSLATORS: resident set size, the memory a process holds in RAM */
    { l->vsz_own_axis ? C_("series", "RSS (left axis)") : C_("series", "RSS"),
      &style->rss, FALSE, TRUE },
    /* TRANSLATORS: virtual memory size */
    { l->vsz_own_axis ? C_("series", "VSZ (right axis)") : C_("series", "VSZ"),
      &style->vsz, TRUE, style->show_vsz },
  };

  text_size (small, "Mg", NULL, &h);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      if (!items[i].shown)
        continue;

      cairo_save (cr);
      set_color (cr, items[i].color);
      cairo_set_line_width (cr, 2 * s);
      if (items[i].dashed)
        {
          double dash[] = { 4 * s, 2 * s };
          cairo_set_dash (cr, dash, 2, 0);
        }
      cairo_move_to (cr, x, y + h / 2);
      cairo_line_to (cr, x + 18 * s, y + h / 2);
      cairo_stroke (cr);
      cairo_restore (cr);

      set_color (cr, &style->foreground);
      text_size (small, items[i].name, &w, NULL);
      draw_text (cr, small, items[i].name, x + 24 * s, y, 0.0);
      x += 24 * s + w + 18 * s;
    }
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
  command = mg_recording_dup_title (recording);
  set_color (cr, &style->foreground);
  pango_layout_set_text (title, command, -1);
  cairo_move_to (cr, PAD * s, PAD * s);
  pango_cairo_show_layout (cr, title);

  subtitle = mg_recording_describe_exit (recording);
  if (mg_recording_get_peak_rss (recording) > 0)
    {
      g_autofree char *peak = mg_format_bytes (mg_recording_get_peak_rss (recording));
      g_autofree char *both = g_strdup_printf (_("%s · peak RSS %s"), subtitle, peak);

      g_free (subtitle);
      subtitle = g_steal_pointer (&both);
    }
  set_color (cr, &style->dim);
  draw_text (cr, small, subtitle, PAD * s, PAD * s + title_h + 2 * s, 0.0);

  draw_legend (cr, &l, style, small, PAD * s + title_h + small_h + 8 * s);
  draw_axes (cr, &l, style, small);

  if (style->show_vsz)
    draw_series (cr, &l, recording, style, SERIES_VSZ);
  draw_series (cr, &l, recording, style, SERIES_RSS);
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
