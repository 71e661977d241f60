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
#include "mg-plot-private.h"
#include "mg-compare.h"
#include "mg-describe.h"

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
 * mg_plot_palette_init:
 * @palette: (out): the palette to fill
 * @dark: whether the dark palette is wanted
 *
 * Fills @palette with the GNOME palette colours for a light or dark theme,
 * the font and a scale of 1.
 */
void
mg_plot_palette_init (MgPlotPalette *palette,
                      gboolean       dark)
{
  static const guint32 light_runs[] = { 0x1c71d8, 0xe66100, 0x26a269, 0x9141ac, 0xc01c28, 0x986a44 };
  static const guint32 dark_runs[] = { 0x62a0ea, 0xffa348, 0x57e389, 0xc061cb, 0xf66151, 0xcdab8f };

  g_return_if_fail (palette != NULL);

  if (dark)
    {
      palette->background = rgb (0x1e1e1e);
      palette->foreground = rgb (0xffffff);
      palette->dim = rgb (0xc0bfbc);
      palette->grid = rgb (0xffffff);
      palette->grid.alpha = 0.12;
      palette->rss = rgb (0x62a0ea);   /* blue 2 */
      palette->vsz = rgb (0xffa348);   /* orange 2 */
      palette->kinds[0] = rgb (0x3584e4);
      palette->kinds[1] = rgb (0x57e389);
      palette->kinds[2] = rgb (0xc061cb);
      palette->kinds[3] = rgb (0xf66151);
      palette->pss = rgb (0x8ff0a4);
      palette->budget = rgb (0xf66151);   /* red 1: 5:1 on the background, apart from VSZ */
    }
  else
    {
      palette->background = rgb (0xffffff);
      palette->foreground = rgb (0x241f31);
      palette->dim = rgb (0x5e5c64);
      palette->grid = rgb (0x000000);
      palette->grid.alpha = 0.10;
      palette->rss = rgb (0x1c71d8);   /* blue 4 */
      palette->vsz = rgb (0xe66100);   /* orange 5 */
      palette->kinds[0] = rgb (0x62a0ea);
      palette->kinds[1] = rgb (0x57e389);
      palette->kinds[2] = rgb (0xc061cb);
      palette->kinds[3] = rgb (0xf66151);
      palette->pss = rgb (0x26a269);
      palette->budget = rgb (0xc01c28);   /* red 4, the light theme's error colour */
    }
  for (guint i = 0; i < G_N_ELEMENTS (palette->runs); i++)
    palette->runs[i] = rgb (dark ? dark_runs[i] : light_runs[i]);
  palette->font_family = "Cantarell, Noto Sans, DejaVu Sans, Sans";
  palette->font_size = 10;
  palette->scale = 1;
}

/**
 * mg_plot_view_init:
 * @view: (out): the view to fill
 *
 * What a new graph shows: RSS, VSZ, PSS and the envelope of the whole
 * tree over the whole run, no crosshair and no mark.
 */
void
mg_plot_view_init (MgPlotView *view)
{
  g_return_if_fail (view != NULL);

  view->show_rss = TRUE;
  view->show_vsz = TRUE;
  view->show_pss = TRUE;
  view->show_kinds = FALSE;
  view->show_envelope = TRUE;
  view->process = -1;
  view->view_start = 0;
  view->view_end = -1;
  view->hover_time = -1;
  view->highlight_time = -1;
}

/**
 * mg_plot_style_compose:
 * @style: (out): the style to fill; its draw_background is left as it is
 * @palette: (nullable): the colours, font and scale, or %NULL to keep @style's
 * @view: (nullable): what is shown, or %NULL to keep @style's
 *
 * Puts a palette and a view together for one frame.
 */
void
mg_plot_style_compose (MgPlotStyle         *style,
                       const MgPlotPalette *palette,
                       const MgPlotView    *view)
{
  g_return_if_fail (style != NULL);

  if (palette != NULL)
    {
      style->background = palette->background;
      style->foreground = palette->foreground;
      style->dim = palette->dim;
      style->grid = palette->grid;
      style->rss = palette->rss;
      style->vsz = palette->vsz;
      memcpy (style->kinds, palette->kinds, sizeof style->kinds);
      style->pss = palette->pss;
      style->budget = palette->budget;
      memcpy (style->runs, palette->runs, sizeof style->runs);
      style->font_family = palette->font_family;
      style->font_size = palette->font_size;
      style->scale = palette->scale;
    }
  if (view != NULL)
    {
      style->show_rss = view->show_rss;
      style->show_vsz = view->show_vsz;
      style->show_pss = view->show_pss;
      style->show_kinds = view->show_kinds;
      style->show_envelope = view->show_envelope;
      style->process = view->process;
      style->view_start = view->view_start;
      style->view_end = view->view_end;
      style->hover_time = view->hover_time;
      style->highlight_time = view->highlight_time;
    }
}

/**
 * mg_plot_style_get_palette:
 * @palette: (out): the palette part of @style
 */
void
mg_plot_style_get_palette (const MgPlotStyle *style,
                           MgPlotPalette     *palette)
{
  g_return_if_fail (style != NULL);
  g_return_if_fail (palette != NULL);

  palette->background = style->background;
  palette->foreground = style->foreground;
  palette->dim = style->dim;
  palette->grid = style->grid;
  palette->rss = style->rss;
  palette->vsz = style->vsz;
  memcpy (palette->kinds, style->kinds, sizeof palette->kinds);
  palette->pss = style->pss;
  palette->budget = style->budget;
  memcpy (palette->runs, style->runs, sizeof palette->runs);
  palette->font_family = style->font_family;
  palette->font_size = style->font_size;
  palette->scale = style->scale;
}

/**
 * mg_plot_style_get_view:
 * @view: (out): the view part of @style
 */
void
mg_plot_style_get_view (const MgPlotStyle *style,
                        MgPlotView        *view)
{
  g_return_if_fail (style != NULL);
  g_return_if_fail (view != NULL);

  view->show_rss = style->show_rss;
  view->show_vsz = style->show_vsz;
  view->show_pss = style->show_pss;
  view->show_kinds = style->show_kinds;
  view->show_envelope = style->show_envelope;
  view->process = style->process;
  view->view_start = style->view_start;
  view->view_end = style->view_end;
  view->hover_time = style->hover_time;
  view->highlight_time = style->highlight_time;
}

/**
 * mg_plot_style_init:
 * @style: (out): the style to fill
 * @dark: whether the dark palette is wanted
 *
 * Fills @style with the GNOME palette for a light or dark theme and the
 * view of mg_plot_view_init(), drawing its background.
 */
void
mg_plot_style_init (MgPlotStyle *style,
                    gboolean     dark)
{
  MgPlotPalette palette;
  MgPlotView view;

  g_return_if_fail (style != NULL);

  mg_plot_palette_init (&palette, dark);
  mg_plot_view_init (&view);
  mg_plot_style_compose (style, &palette, &view);
  style->draw_background = TRUE;
}

/* The sizes of texts measured, by font, target and text: a live graph
 * lays itself out for every batch of samples, and shaping its labels
 * again each time was most of that. Exports may draw from other threads. */
G_LOCK_DEFINE_STATIC (text_sizes);
static GHashTable *text_sizes;

#define TEXT_SIZES_MAX 4096

/* What the size of a text in @layout depends on besides the text: the
 * font, and what pango_cairo_update_context() takes from @cr (its
 * transformation, its target's font options and scale). */
static char *
text_size_key (cairo_t                    *cr,
               const PangoFontDescription *font)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_font_options_t *options = cairo_font_options_create ();
  g_autofree char *desc = pango_font_description_to_string (font);
  cairo_matrix_t m;
  double sx, sy;
  char *key;

  cairo_get_matrix (cr, &m);
  cairo_surface_get_font_options (target, options);
  cairo_surface_get_device_scale (target, &sx, &sy);
  key = g_strdup_printf ("%s|%lx|%d|%a %a %a %a|%a %a|", desc,
                         cairo_font_options_hash (options), (int) cairo_surface_get_type (target),
                         m.xx, m.yx, m.xy, m.yy, sx, sy);
  cairo_font_options_destroy (options);
  return key;
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
  g_object_set_data_full (G_OBJECT (layout), "mg-text-size-key", text_size_key (cr, font),
                          g_free);
  return layout;
}

static void
text_size (PangoLayout *layout,
           const char  *text,
           double      *w,
           double      *h)
{
  const char *prefix = g_object_get_data (G_OBJECT (layout), "mg-text-size-key");
  g_autofree char *key = NULL;
  gpointer found = NULL;
  int pw, ph;

  pango_layout_set_text (layout, text, -1);
  /* Texts cut to a width are measured each time. */
  if (prefix != NULL && pango_layout_get_width (layout) == -1)
    {
      key = g_strconcat (prefix, text, NULL);
      G_LOCK (text_sizes);
      if (text_sizes != NULL)
        found = g_hash_table_lookup (text_sizes, key);
      G_UNLOCK (text_sizes);
    }
  if (found != NULL)
    {
      pw = ((const int *) found)[0];
      ph = ((const int *) found)[1];
    }
  else
    {
      pango_layout_get_pixel_size (layout, &pw, &ph);
      if (key != NULL)
        {
          int *size = g_new (int, 2);

          size[0] = pw;
          size[1] = ph;
          G_LOCK (text_sizes);
          if (text_sizes == NULL)
            text_sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          if (g_hash_table_size (text_sizes) >= TEXT_SIZES_MAX)
            g_hash_table_remove_all (text_sizes);
          g_hash_table_replace (text_sizes, g_steal_pointer (&key), size);
          G_UNLOCK (text_sizes);
        }
    }
  if (w)
    *w = pw;
  if (h)
    *h = ph;
}

/* Cuts what @layout shows to @max_w pixels with an ellipsis, or, with a
 * @max_w of 0 or less, lets it run its length again. */
static void
fit_width (PangoLayout *layout,
           double       max_w)
{
  pango_layout_set_width (layout, max_w > 0 ? (int) (max_w * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (layout, max_w > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
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

/* The series summarised for the plot alone: all the kinds stacked (their
 * sum, the top of the stack) and the envelope. */
static const Series all_kinds = {
  { MG_FIELD_OFFSET (MG_FIELD_ANON), MG_FIELD_OFFSET (MG_FIELD_FILE),
    MG_FIELD_OFFSET (MG_FIELD_SHMEM), MG_FIELD_OFFSET (MG_FIELD_SWAP) }, 4
};
static const Series envelope_series = { { MG_FIELD_OFFSET (MG_FIELD_RSS_MAX) }, 1 };
static const Series pss_series = { { MG_FIELD_OFFSET (MG_FIELD_PSS) }, 1 };

/* The samples the plot shows: the tree's totals, or one process's own. */
static MgSamples *
shown_samples (MgRecording       *recording,
               const MgPlotStyle *style,
               guint             *n)
{
  MgSamples *samples = mg_recording_get_samples (recording);

  if (style->process >= 0 && (guint) style->process < mg_recording_get_n_processes (recording))
    samples = mg_recording_get_process (recording, style->process)->samples;
  *n = mg_samples_get_size (samples);
  return samples;
}

/* One series of the samples, for a pyramid's ragged ends: one size at
 * @offset, or the sum that @series names when it is set. */
typedef struct
{
  MgSamples    *samples;
  gsize         offset;
  const Series *series;
} SeriesOf;

static guint64
series_value (gpointer data,
              gsize    index)
{
  SeriesOf *of = data;

  if (of->series != NULL && of->series->n_offsets > 1)
    return sample_value (mg_samples_peek (of->samples, index), of->series);
  return mg_samples_get_value (of->samples, index,
                               of->series != NULL ? of->series->offsets[0] : of->offset);
}

/* Summaries of the series the recording keeps none of: each stacked kind,
 * the envelope, the curves of single processes and PSS. They belong to the
 * recording they summarise (as object data) and are brought up to date
 * with the samples that arrived since the frame before, so that a frame
 * costs the width of the plot and the new samples, never the whole run.
 * Only the thread that draws uses them, as it does the recording. */
typedef struct
{
  MgSamples *samples;       /* borrowed: the tree's or one process's */
  Series     series;
  MgPyramid *pyramid;
} Summary;

/* PSS is read at a lower rate than the other sizes, and stored on the
 * newest sample at the time it was read: the readings alone are drawn. */
typedef struct
{
  MgSamples *samples;       /* borrowed: whose readings */
  MgSamples *readings;      /* the samples that carry one, in order */
  GArray    *index;         /* guint: where each reading is in @samples */
  MgPyramid *pyramid;       /* of the readings' PSS */
  guint      scanned;       /* how many of @samples have been looked at */
  gboolean   final;         /* all of @samples looked at, the run over */
} PssReadings;

/* A series' columns in one view (see traced()). */
typedef struct
{
  MgSamples *samples;       /* borrowed */
  Series     series;
  double     t_min, t_max, x0, x1;
  guint      n;             /* the samples traced, or G_MAXUINT */
  GArray    *columns;       /* of MgPlotColumn */
  GArray    *starts;        /* guint: each column's first sample */
  guint64    used;          /* when last asked for, to replace the oldest */
} Trace;

#define MAX_TRACES 16

/* What lies under the curves (see draw_under()) in one view, kept as
 * pixels (see draw_under_kept()). */
typedef struct
{
  /* What it was drawn from. */
  cairo_format_t   format;
  int              surface_width, surface_height;
  double           device_x, device_y;
  int              width, height;
  MgPlotStyle      style;   /* under_style() of it */
  MgPlotLayout     layout;
  char            *texts;   /* every text it shows (see under_texts()) */

  cairo_surface_t *surface; /* NULL until drawn a second time */
  guint64          used;
} UnderLayer;

/* Each layer holds a whole image's pixels: one for the view on screen and
 * one for another size, as while exporting. */
#define MAX_UNDER_LAYERS 2

typedef struct
{
  GPtrArray *summaries;     /* of Summary */
  GPtrArray *pss;           /* of PssReadings */
  GPtrArray *traces;        /* of Trace */
  GPtrArray *layers;        /* of UnderLayer */
  guint64    clock;
  guint      n_layers_drawn, n_layers_reused;
} Summaries;

/* A reading is stored a while after it was taken: the samples of the last
 * seconds are looked at again, as long as the run goes on. */
#define PSS_LATE_S 10.0

static void
summary_free (gpointer data)
{
  Summary *summary = data;

  mg_pyramid_free (summary->pyramid);
  g_free (summary);
}

static void
pss_readings_free (gpointer data)
{
  PssReadings *r = data;

  mg_samples_free (r->readings);
  g_array_unref (r->index);
  mg_pyramid_free (r->pyramid);
  g_free (r);
}

static void
trace_free (gpointer data)
{
  Trace *t = data;

  g_array_unref (t->columns);
  g_array_unref (t->starts);
  g_free (t);
}

static void
under_layer_free (gpointer data)
{
  UnderLayer *layer = data;

  g_free (layer->texts);
  g_clear_pointer (&layer->surface, cairo_surface_destroy);
  g_free (layer);
}

static void
summaries_free (gpointer data)
{
  Summaries *all = data;

  g_ptr_array_unref (all->layers);
  g_ptr_array_unref (all->traces);
  g_ptr_array_unref (all->summaries);
  g_ptr_array_unref (all->pss);
  g_free (all);
}

static Summaries *
summaries_of (MgRecording *recording)
{
  static GQuark quark;
  Summaries *all;

  if (quark == 0)
    quark = g_quark_from_static_string ("mg-plot-summaries");
  all = g_object_get_qdata (G_OBJECT (recording), quark);
  if (all == NULL)
    {
      all = g_new0 (Summaries, 1);
      all->summaries = g_ptr_array_new_with_free_func (summary_free);
      all->pss = g_ptr_array_new_with_free_func (pss_readings_free);
      all->traces = g_ptr_array_new_with_free_func (trace_free);
      all->layers = g_ptr_array_new_with_free_func (under_layer_free);
      g_object_set_qdata_full (G_OBJECT (recording), quark, all, summaries_free);
    }
  return all;
}

static Summary *
find_summary (Summaries    *all,
              MgSamples    *samples,
              const Series *series)
{
  Summary *summary;

  for (guint i = 0; i < all->summaries->len; i++)
    {
      Summary *s = g_ptr_array_index (all->summaries, i);

      if (s->samples == samples && s->series.n_offsets == series->n_offsets &&
          memcmp (s->series.offsets, series->offsets, series->n_offsets * sizeof (gsize)) == 0)
        return s;
    }
  summary = g_new0 (Summary, 1);
  summary->samples = samples;
  summary->series = *series;
  summary->pyramid = mg_pyramid_new ();
  g_ptr_array_add (all->summaries, summary);
  return summary;
}

/* Brings the summaries of @samples in @summaries up to @n samples. The
 * stacked kinds are drawn together: one pass over the samples appends to
 * all of their levels. */
static void
catch_up (Summary **summaries,
          guint     n_summaries,
          MgSamples *samples,
          guint     n)
{
  guint from = n;

  for (guint k = 0; k < n_summaries; k++)
    {
      /* Never so far: samples are only appended. */
      if (mg_pyramid_get_size (summaries[k]->pyramid) > n)
        {
          mg_pyramid_free (summaries[k]->pyramid);
          summaries[k]->pyramid = mg_pyramid_new ();
        }
      from = MIN (from, mg_pyramid_get_size (summaries[k]->pyramid));
    }
  for (guint i = from; i < n; i++)
    {
      const MgSample *x = mg_samples_peek (samples, i);

      for (guint k = 0; k < n_summaries; k++)
        if (mg_pyramid_get_size (summaries[k]->pyramid) == i)
          mg_pyramid_append (summaries[k]->pyramid, sample_value (x, &summaries[k]->series));
    }
}

/* The min/max pyramid of @series of @samples, up to date. */
static MgPyramid *
series_pyramid (MgRecording  *recording,
                MgSamples    *samples,
                const Series *series)
{
  Summary *summary[G_N_ELEMENTS (all_kinds.offsets)];
  Summaries *all;
  guint n_summaries = 1;

  g_assert (series->n_offsets >= 1 && series->n_offsets <= G_N_ELEMENTS (series->offsets));

  /* The tree's RSS and VSZ are summarised by the recording itself. */
  if (samples == mg_recording_get_samples (recording) && series->n_offsets == 1)
    {
      MgPyramid *kept = mg_recording_get_pyramid (recording, series->offsets[0]);

      if (kept != NULL)
        return kept;
    }

  all = summaries_of (recording);
  summary[0] = find_summary (all, samples, series);
  if (memcmp (series->offsets, all_kinds.offsets, series->n_offsets * sizeof (gsize)) == 0)
    {
      /* A level of the stacked kinds: all of them. */
      n_summaries = 0;
      for (guint level = 1; level <= all_kinds.n_offsets; level++)
        {
          Series stack = all_kinds;

          stack.n_offsets = level;
          summary[n_summaries++] = find_summary (all, samples, &stack);
        }
    }
  catch_up (summary, n_summaries, samples, mg_samples_get_size (samples));
  return find_summary (all, samples, series)->pyramid;
}

static void
pss_readings_add (PssReadings    *r,
                  guint           i,
                  const MgSample *x)
{
  mg_samples_append (r->readings, x);
  g_array_append_val (r->index, i);
  mg_pyramid_append (r->pyramid, x->pss_bytes);
}

/* The PSS readings of @samples, up to date. */
static PssReadings *
pss_readings (MgRecording *recording,
              MgSamples   *samples)
{
  Summaries *all = summaries_of (recording);
  PssReadings *r = NULL;
  gboolean running = mg_recording_get_exit (recording)->kind == MG_EXIT_RUNNING;
  guint n = mg_samples_get_size (samples);
  guint from, last;

  for (guint i = 0; i < all->pss->len && r == NULL; i++)
    if (((PssReadings *) g_ptr_array_index (all->pss, i))->samples == samples)
      r = g_ptr_array_index (all->pss, i);
  if (r == NULL)
    {
      r = g_new0 (PssReadings, 1);
      r->samples = samples;
      r->readings = mg_samples_new ();
      r->index = g_array_new (FALSE, FALSE, sizeof (guint));
      r->pyramid = mg_pyramid_new ();
      g_ptr_array_add (all->pss, r);
    }
  if (r->final && r->scanned == n)
    return r;

  /* Readings land in order, each after the one before: look again from
   * after the last one known, but not before the last seconds scanned. */
  from = r->scanned;
  if (from > 0)
    {
      double t = mg_samples_get_time (samples, from - 1) - PSS_LATE_S;

      from = mg_samples_lower_bound (samples, 0, from, t);
    }
  last = r->index->len > 0 ? g_array_index (r->index, guint, r->index->len - 1) : 0;
  if (r->index->len > 0)
    from = MAX (from, last + 1);
  for (guint i = from; i < n; i++)
    {
      const MgSample *x = mg_samples_peek (samples, i);

      if (x->pss_bytes != MG_NO_VALUE)
        pss_readings_add (r, i, x);
    }
  r->scanned = n;
  r->final = !running;
  return r;
}

/* The first reading at or after sample @i. */
static guint
pss_reading_at (PssReadings *r,
                guint        i)
{
  guint lo = 0, hi = r->index->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (r->index, guint, mid) < i)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static guint64
shown_peak (MgRecording       *recording,
            const MgPlotStyle *style,
            gsize              offset)
{
  MgSamples *samples;
  guint64 peak = 0;
  guint n;

  /* The tree's peaks are kept as samples arrive (RSS's the exact one); only
   * a single process's curve is scanned. */
  if (style->process < 0 && offset == MG_FIELD_OFFSET (MG_FIELD_RSS))
    return mg_recording_get_peak_rss (recording);
  if (style->process < 0)
    return mg_recording_get_peak_of (recording, offset);

  samples = shown_samples (recording, style, &n);
  if (n > 0)
    {
      Series one = { { offset }, 1 };
      SeriesOf of = { samples, offset, NULL };
      guint64 lo;

      mg_pyramid_range (series_pyramid (recording, samples, &one), series_value, &of, 0, n, &lo,
                        &peak);
    }
  if (style->process >= 0 && offset == MG_FIELD_OFFSET (MG_FIELD_RSS))
    peak = MAX (peak, mg_recording_get_process (recording, style->process)->peak_rss);
  return peak;
}

static guint64
stacked_peak (MgRecording       *recording,
              const MgPlotStyle *style)
{
  MgSamples *samples;
  guint64 peak = 0;
  guint n;

  if (style->process < 0)
    return mg_recording_get_peak_stacked (recording);

  samples = shown_samples (recording, style, &n);
  if (n > 0)
    {
      SeriesOf of = { samples, 0, &all_kinds };
      guint64 lo;

      mg_pyramid_range (series_pyramid (recording, samples, &all_kinds), series_value, &of, 0, n,
                        &lo, &peak);
    }
  return peak;
}


/* The highest RSS (with envelope and kinds when drawn) and VSZ of the
 * samples between @t0 and @t1, and of one sample on each side, as the
 * curve runs on to it. An exact peak whose window is in view counts too. */
static void
visible_peaks (MgRecording       *recording,
               const MgPlotStyle *style,
               double             t0,
               double             t1,
               guint64           *rss,
               guint64           *vsz)
{
  MgSamples *samples;
  double from, to;
  guint n, i, end;

  samples = shown_samples (recording, style, &n);
  *rss = *vsz = 0;
  if (n == 0)
    return;

  i = mg_samples_lower_bound (samples, 0, n, t0);
  i = i > 0 ? i - 1 : 0;
  end = mg_samples_lower_bound (samples, i, n, t1);
  while (end < n && mg_samples_get_time (samples, end) <= t1)
    end++;
  end = MIN (end + 1, n);

  /* Every series drawn has a summary: each answers at once. */
  if (i < end)
    {
      SeriesOf rss_of = { samples, MG_FIELD_OFFSET (MG_FIELD_RSS) };
      SeriesOf vsz_of = { samples, MG_FIELD_OFFSET (MG_FIELD_VSZ) };
      Series rss_series = { { rss_of.offset }, 1 };
      Series vsz_series = { { vsz_of.offset }, 1 };
      guint64 lo, hi;

      mg_pyramid_range (series_pyramid (recording, samples, &rss_series), series_value, &rss_of,
                        i, end, &lo, rss);
      mg_pyramid_range (series_pyramid (recording, samples, &vsz_series), series_value, &vsz_of,
                        i, end, &lo, vsz);
      if (style->show_envelope && mg_recording_has_envelope (recording))
        {
          SeriesOf of = { samples, 0, &envelope_series };

          mg_pyramid_range (series_pyramid (recording, samples, &envelope_series), series_value,
                            &of, i, end, &lo, &hi);
          *rss = MAX (*rss, hi);
        }
      if (style->show_kinds && mg_recording_has_kinds (recording))
        {
          SeriesOf of = { samples, 0, &all_kinds };

          mg_pyramid_range (series_pyramid (recording, samples, &all_kinds), series_value, &of, i,
                            end, &lo, &hi);
          *rss = MAX (*rss, hi);
        }
      if (style->show_pss && mg_recording_has_pss (recording))
        {
          PssReadings *r = pss_readings (recording, samples);
          guint a = pss_reading_at (r, i);
          guint b = pss_reading_at (r, end);
          SeriesOf of = { r->readings, 0, &pss_series };

          if (a < b)
            {
              mg_pyramid_range (r->pyramid, series_value, &of, a, b, &lo, &hi);
              *rss = MAX (*rss, hi);
            }
        }
    }

  if (style->process < 0 && mg_recording_get_peak_window (recording, &from, &to) &&
      to >= t0 && from <= t1)
    *rss = MAX (*rss, mg_recording_get_peak_rss (recording));
}

/* The unit of a time axis labelled as a clock reads, "2:30" or "1:02:30". */
static const char clock_unit[] = "m:ss";

/* Steps of a time axis of more than fifty seconds: ones a clock reads
 * well. Below two minutes they are labelled in seconds, from two minutes
 * on in m:ss: the ticks stay where they were when the labels change. */
static const double clock_steps[] = {
  10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
};

static void
time_axis (MgAxis *axis,
           double  span)
{
  double step = 0;

  if (span <= 50)
    {
      mg_axis_for_seconds (axis, span);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (clock_steps) && step == 0; i++)
    if (clock_steps[i] * 5 >= span * (1 - 1e-9))
      step = clock_steps[i];
  if (step == 0)
    step = ceil (span / 5 / 86400) * 86400;
  axis->divisor = 1;
  axis->unit = span < 120 ? "s" : clock_unit;
  axis->step = step;
  axis->max = ceil (span / step - 1e-9) * step;
}

/* A time axis's label: as mg_axis_format_tick(), or "m:ss" ("h:mm:ss"
 * past an hour) on a clock axis. */
static char *
format_time_tick (const MgAxis *axis,
                  double        t)
{
  guint64 whole;

  if (axis->unit != clock_unit)
    return mg_axis_format_tick (axis, t);
  whole = (guint64) MAX (round (t), 0);
  if (whole >= 3600)
    return g_strdup_printf ("%" G_GUINT64_FORMAT ":%02u:%02u", whole / 3600,
                            (guint) (whole / 60 % 60), (guint) (whole % 60));
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%02u", whole / 60, (guint) (whole % 60));
}

/* The end of a live run's time axis: @duration rounded up to a 1, 2 or 5
 * times a power of ten that is at least a 50th of it. */
static double
live_extent (double duration)
{
  double raw = duration / 50, magnitude, step;

  if (!(raw > 0) || !isfinite (raw))
    return duration;
  magnitude = pow (10.0, floor (log10 (raw)));
  step = raw <= magnitude ? magnitude : raw <= 2 * magnitude ? 2 * magnitude
         : raw <= 5 * magnitude ? 5 * magnitude : 10 * magnitude;
  return MAX (ceil (duration / step - 1e-9) * step, duration);
}

/* The label of the tick at @t of a layout's time axis. */
char *
_mg_plot_format_time_tick (const MgAxis *axis,
                           double        t)
{
  g_return_val_if_fail (axis != NULL, NULL);
  return format_time_tick (axis, t);
}

static double
time_extent (MgRecording *recording)
{
  /* The curve fills the width, however short the run; never a zero-width
   * axis, though. */
  return MAX (mg_recording_get_duration (recording), 0.001);
}

typedef enum
{
  DRAW_LINE,        /* a solid line with a light area under it */
  DRAW_DASHED,      /* a dashed line */
  DRAW_FILL,        /* an opaque-ish area down to the axis */
  DRAW_THIN,        /* a thin line, for the envelope */
} DrawKind;

typedef struct
{
  const char    *name;
  const MgColor *color;
  DrawKind       kind;
  int            series;   /* MgPlotSeries, or -1 when it cannot be hidden */
  gboolean       shown;
} LegendItem;

/* What the legend lists: every series drawn, and those hidden from it
 * (dimmed), so they can be shown again. */
static guint
legend_items (MgRecording       *recording,
              const MgPlotStyle *style,
              gboolean           vsz_own_axis,
              LegendItem         items[8])
{
  guint n = 0;

  if (style->show_kinds && mg_recording_has_kinds (recording))
    {
      /* TRANSLATORS: kinds of resident memory in the legend */
      const char *names[] = { C_("series", "Anonymous"), C_("series", "File"),
                              C_("series", "Shared"), C_("series", "Swap") };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        items[n++] = (LegendItem) { names[i], &style->kinds[i], DRAW_FILL, -1, TRUE };
      items[n++] = (LegendItem) { C_("series", "RSS"), &style->rss, DRAW_THIN, -1, TRUE };
    }
  else
    /* TRANSLATORS: resident set size, the memory a process holds in RAM */
    items[n++] = (LegendItem) { vsz_own_axis ? C_("series", "RSS (left axis)") : C_("series", "RSS"),
                                &style->rss, DRAW_LINE, MG_PLOT_SERIES_RSS, style->show_rss };

  /* TRANSLATORS: virtual memory size */
  items[n++] = (LegendItem) { vsz_own_axis ? C_("series", "VSZ (right axis)") : C_("series", "VSZ"),
                              &style->vsz, DRAW_DASHED, MG_PLOT_SERIES_VSZ, style->show_vsz };

  if (style->process < 0 && mg_recording_has_pss (recording))
    /* TRANSLATORS: proportional set size */
    items[n++] = (LegendItem) { C_("series", "PSS"), &style->pss, DRAW_DASHED, MG_PLOT_SERIES_PSS,
                                style->show_pss };

  if (style->process < 0 && mg_recording_has_envelope (recording))
    items[n++] = (LegendItem) { C_("series", "Highest RSS between samples"), &style->foreground,
                                DRAW_THIN, MG_PLOT_SERIES_ENVELOPE, style->show_envelope };
  return n;
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

  peak_rss = shown_peak (recording, style, MG_FIELD_OFFSET (MG_FIELD_RSS));
  peak_vsz = shown_peak (recording, style, MG_FIELD_OFFSET (MG_FIELD_VSZ));
  if (style->show_envelope && mg_recording_has_envelope (recording))
    peak_rss = MAX (peak_rss, shown_peak (recording, style, MG_FIELD_OFFSET (MG_FIELD_RSS_MAX)));
  if (style->show_kinds && mg_recording_has_kinds (recording))
    peak_rss = MAX (peak_rss, stacked_peak (recording, style));
  if (!style->show_rss && !(style->show_kinds && mg_recording_has_kinds (recording)))
    peak_rss = style->show_vsz ? peak_vsz : MAX (peak_rss, 1);
  /* The whole run's budget line stays in sight, even far above its peak. */
  if (style->process < 0)
    peak_rss = MAX (peak_rss, mg_recording_get_budget (recording));

  layout->t_min = 0;
  layout->t_max = time_extent (recording);
  /* A live run shown whole: the axis grows in steps of a 50th of it or
   * more, so that while it follows the run it stays put (and what is drawn
   * with it) for many samples at a time. */
  if (mg_recording_get_exit (recording)->kind == MG_EXIT_RUNNING)
    layout->t_max = live_extent (layout->t_max);
  if (style->view_end > style->view_start)
    {
      layout->t_min = MAX (style->view_start, 0);
      layout->t_max = MAX (style->view_end, layout->t_min + 1e-6);
      /* Zoomed: the y axis fits what is visible. */
      visible_peaks (recording, style, layout->t_min, layout->t_max, &peak_rss, &peak_vsz);
    }
  time_axis (&layout->time, layout->t_max - layout->t_min);

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

  /* The legend's row, and where each item is, for clicks and tooltips. */
  {
    LegendItem items[8];
    double x = layout->x0;

    layout->n_legend = legend_items (recording, style, layout->vsz_own_axis, items);
    layout->legend_y0 = PAD * s + title_h + small_h + 8 * s;
    layout->legend_y1 = layout->legend_y0 + small_h;
    for (guint i = 0; i < layout->n_legend; i++)
      {
        double w;

        text_size (small, items[i].name, &w, NULL);
        layout->legend_x[i][0] = x;
        layout->legend_x[i][1] = x + 24 * s + w;
        layout->legend_series[i] = items[i].series;
        x += 24 * s + w + 18 * s;
      }
  }
}

double
mg_plot_x_for_time (const MgPlotLayout *layout,
                    double              time_s)
{
  return layout->x0 + (layout->x1 - layout->x0) *
                      ((time_s - layout->t_min) / (layout->t_max - layout->t_min));
}

/**
 * mg_plot_time_for_x:
 * @layout: a layout from mg_plot_layout()
 * @x: a horizontal position in device units
 *
 * Returns: the time at @x, the inverse of mg_plot_x_for_time()
 */
double
mg_plot_time_for_x (const MgPlotLayout *layout,
                    double              x)
{
  return layout->t_min + (x - layout->x0) / (layout->x1 - layout->x0) *
                         (layout->t_max - layout->t_min);
}

/**
 * mg_plot_nearest_sample:
 * @time_s: a time
 *
 * Returns: the index of the shown sample nearest to @time_s (of the process
 *   of @style, or of the tree), or -1 when there is none
 */
int
mg_plot_nearest_sample (MgRecording       *recording,
                        const MgPlotStyle *style,
                        double             time_s)
{
  MgSamples *samples;
  guint n, lo;

  g_return_val_if_fail (MG_IS_RECORDING (recording), -1);

  samples = shown_samples (recording, style, &n);
  if (n == 0)
    return -1;

  /* The first sample at or after time_s, then the nearer of it and the one
   * before. */
  lo = mg_samples_lower_bound (samples, 0, n, time_s);
  if (lo == n)
    return n - 1;
  if (lo > 0 && time_s - mg_samples_get_time (samples, lo - 1) <=
                mg_samples_get_time (samples, lo) - time_s)
    return lo - 1;
  return lo;
}

/**
 * mg_plot_legend_at:
 * @x: a position in device units
 * @y: a position in device units
 *
 * Returns: the #MgPlotSeries of the legend item at (@x, @y), or -1
 */
int
mg_plot_legend_at (const MgPlotLayout *layout,
                   double              x,
                   double              y)
{
  if (y < layout->legend_y0 || y > layout->legend_y1)
    return -1;
  for (guint i = 0; i < layout->n_legend; i++)
    if (x >= layout->legend_x[i][0] && x <= layout->legend_x[i][1])
      return layout->legend_series[i];
  return -1;
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

/* With @texts, only lists the labels in it, drawing nothing. */
static void
draw_axes (cairo_t            *cr,
           const MgPlotLayout *l,
           const MgPlotStyle  *style,
           PangoLayout        *small,
           GString            *texts)
{
  double s = style->scale;
  double small_h = 0;

  if (texts == NULL)
    {
      text_size (small, "Mg", NULL, &small_h);
      cairo_set_line_width (cr, 1 * s);
    }

  /* Horizontal grid and RSS labels on the left. */
  for (double v = 0; v <= l->rss.max * (1 + 1e-9); v += l->rss.step)
    {
      double y = round (mg_plot_y_for_value (l, &l->rss, v)) + 0.5;
      g_autofree char *label = mg_axis_format_tick (&l->rss, v);

      if (texts != NULL)
        {
          g_string_append_printf (texts, "%s\n", label);
          continue;
        }
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

          if (texts != NULL)
            {
              g_string_append_printf (texts, "%s\n", label);
              continue;
            }
          set_color (cr, &style->vsz);
          draw_text (cr, small, label, l->x1 + 6 * s, y - small_h / 2, 0.0);
        }
    }

  /* Vertical grid and time labels, on whole steps of the visible range. */
  for (double t = ceil (l->t_min / l->time.step - 1e-9) * l->time.step;
       t <= l->t_max + l->time.step * 1e-9; t += l->time.step)
    {
      double x = round (mg_plot_x_for_time (l, t)) + 0.5;
      g_autofree char *label = format_time_tick (&l->time, t);
      double w;

      if (texts != NULL)
        {
          g_string_append_printf (texts, "%s\n", label);
          continue;
        }
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

  if (texts != NULL)
    return;

  /* The frame's bottom and left edges. */
  set_color (cr, &style->dim);
  cairo_move_to (cr, l->x0 + 0.5, l->y0);
  cairo_line_to (cr, l->x0 + 0.5, l->y1 + 0.5);
  cairo_line_to (cr, l->x1, l->y1 + 0.5);
  cairo_stroke (cr);
}


/* Like mg_samples_lower_bound (), but starting from a guess: samples come at a nearly
 * regular pace, so the guess is usually right within a few samples, in a
 * block already decoded. */
static guint
lower_bound_near (MgSamples *samples,
                  guint      lo,
                  guint      hi,
                  guint      guess,
                  double     t)
{
  guint step = 1;
  guint a, b;

  guess = CLAMP (guess, lo, hi);
  if (guess > lo && mg_samples_get_time (samples, guess - 1) >= t)
    {
      /* Too far: gallop left. */
      b = guess - 1;
      while (b > lo + step && mg_samples_get_time (samples, b - step) >= t)
        {
          b -= step;
          step *= 2;
        }
      a = b > lo + step ? b - step : lo;
      return mg_samples_lower_bound (samples, a, b, t);
    }
  /* Not far enough (or right): gallop right. */
  a = guess;
  while (a + step < hi && mg_samples_get_time (samples, a + step - 1) < t)
    {
      a += step;
      step *= 2;
    }
  b = MIN (a + step, hi);
  return mg_samples_lower_bound (samples, a, b, t);
}

/* Like lower_bound_near(), for a guess many samples away: it gallops over
 * the first samples of blocks, whose times need no decoding, then searches
 * the one block left, where the answer lies. The blocks' times are read
 * near the guess rather than all over, as a binary search would. */
static guint
lower_bound_blocks (MgSamples *samples,
                    guint      lo,
                    guint      hi,
                    guint      guess,
                    double     t)
{
  const guint B = MG_SAMPLES_BLOCK;
  guint a, b, step = B;

  /* lo - 1 is known to be before t. */
  a = MIN (guess, hi - 1) / B * B;
  if (a <= lo)
    a = lo;
  else if (mg_samples_get_time (samples, a) >= t)
    {
      /* Gallop left over block starts until one is before t. */
      b = a;
      for (;;)
        {
          guint next = b >= lo + step ? (b - step) / B * B : lo;

          if (next <= lo)
            return mg_samples_lower_bound (samples, lo, b, t);
          if (mg_samples_get_time (samples, next) < t)
            return mg_samples_lower_bound (samples, next, b, t);
          b = next;
          step *= 2;
        }
    }
  /* Gallop right: a is before t (or lo). */
  for (;;)
    {
      guint next = (a / B + step / B) * B;

      if (next >= hi)
        return mg_samples_lower_bound (samples, a, hi, t);
      if (mg_samples_get_time (samples, next) >= t)
        return mg_samples_lower_bound (samples, a, next, t);
      a = next;
      step *= 2;
    }
}

/* The curve, per pixel column: the first, lowest, highest and last value of
 * the samples that fall in it, so that a spike one sample wide stays
 * visible at every zoom. Columns are found by binary search and their
 * range read from @pyramid when there is one: the cost follows the width,
 * not the number of samples. A column with one sample, or beyond an edge,
 * keeps the sample's own time. */
static void
trace_from (const MgPlotLayout *l,
            MgSamples          *samples,
            guint               n,
            const Series       *series,
            MgPyramid          *pyramid,
            guint               from,
            GArray             *columns,
            GArray             *starts)
{
  double width = l->x1 - l->x0;
  double span = l->t_max - l->t_min;
  SeriesOf of = { samples, series->offsets[0], series };
  double t_first, pace;
  guint i, end;

  if (n == 0 || span <= 0)
    return;

  /* What is in view, and one sample on each side so the curve runs on to
   * the edges; or from where a trace of fewer samples left off. */
  if (from == G_MAXUINT)
    {
      i = mg_samples_lower_bound (samples, 0, n, l->t_min);
      i = i > 0 ? i - 1 : 0;
    }
  else
    i = from;
  end = mg_samples_lower_bound (samples, i, n, l->t_max);
  while (end < n && mg_samples_get_time (samples, end) <= l->t_max)
    end++;
  end = MIN (end + 1, n);
  t_first = mg_samples_get_time (samples, i);
  pace = end - i > 1 ? (mg_samples_get_time (samples, end - 1) - t_first) / (end - 1 - i) : 0;

  while (i < end)
    {
      double t_i = mg_samples_get_time (samples, i);
      double c = floor ((t_i - l->t_min) / span * width);
      MgPlotColumn col;
      guint j;

      if (c < 0 || c >= width)
        j = i + 1;
      else
        {
          double t_end = l->t_min + (c + 1) * span / width;
          guint guess = pace > 0 ? i + 1 + (guint) ((t_end - t_i) / pace) : i + 1;

          /* Many samples to a column: a binary search over the blocks'
           * first times decodes one block, where galloping from a guess
           * would decode one at each step. */
          if (guess > i + 2 * MG_SAMPLES_BLOCK)
            j = lower_bound_blocks (samples, i + 1, end, guess, t_end);
          else
            j = lower_bound_near (samples, i + 1, end, MIN (guess, end), t_end);
          /* A sample at the column's end, to the last bit, goes where the
           * column of each sample is computed to be, as c above. */
          while (j < end && floor ((mg_samples_get_time (samples, j) - l->t_min) / span * width) <= c)
            j++;
          while (j > i + 1 &&
                 floor ((mg_samples_get_time (samples, j - 1) - l->t_min) / span * width) > c)
            j--;
        }

      col.first = sample_value (mg_samples_peek (samples, i), series);
      col.last = sample_value (mg_samples_peek (samples, j - 1), series);
      col.n_samples = j - i;
      if (j - i == 1)
        {
          col.x = mg_plot_x_for_time (l, t_i);
          col.lo = col.hi = col.first;
        }
      else
        {
          col.x = l->x0 + c + 0.5;
          if (pyramid != NULL)
            mg_pyramid_range (pyramid, series_value, &of, i, j, &col.lo, &col.hi);
          else
            {
              col.lo = col.hi = col.first;
              for (guint k = i + 1; k < j; k++)
                {
                  guint64 v = sample_value (mg_samples_peek (samples, k), series);
                  col.lo = MIN (col.lo, v);
                  col.hi = MAX (col.hi, v);
                }
            }
        }
      g_array_append_val (columns, col);
      if (starts != NULL)
        g_array_append_val (starts, i);
      i = j;
    }
}

static GArray *
trace_series (const MgPlotLayout *l,
              MgSamples          *samples,
              guint               n,
              const Series       *series,
              MgPyramid          *pyramid)
{
  GArray *columns = g_array_sized_new (FALSE, FALSE, sizeof (MgPlotColumn),
                                       (guint) MAX (l->x1 - l->x0, 0) + 4);

  trace_from (l, samples, n, series, pyramid, G_MAXUINT, columns, NULL);
  return columns;
}

/* The columns of a series in a view, kept from the last frames: samples
 * are only appended, so when a view is traced again with more samples
 * only its last column, which may have been cut short, and those after
 * it are traced. A live graph that follows a run with axes unchanged
 * traces one or two columns a frame. */
static GArray *
traced (MgRecording        *recording,
        const MgPlotLayout *l,
        MgSamples          *samples,
        guint               n,
        const Series       *series,
        MgPyramid          *pyramid)
{
  Summaries *all;
  Trace *t = NULL, *oldest = NULL;
  guint from = G_MAXUINT;

  if (recording == NULL)
    return trace_series (l, samples, n, series, pyramid);

  all = summaries_of (recording);
  all->clock++;
  for (guint k = 0; k < all->traces->len && t == NULL; k++)
    {
      Trace *x = g_ptr_array_index (all->traces, k);

      if (x->samples == samples && x->series.n_offsets == series->n_offsets &&
          memcmp (x->series.offsets, series->offsets, series->n_offsets * sizeof (gsize)) == 0 &&
          x->t_min == l->t_min && x->t_max == l->t_max && x->x0 == l->x0 && x->x1 == l->x1)
        t = x;
      else if (oldest == NULL || x->used < oldest->used)
        oldest = x;
    }
  if (t == NULL)
    {
      if (all->traces->len < MAX_TRACES)
        {
          t = g_new0 (Trace, 1);
          t->columns = g_array_new (FALSE, FALSE, sizeof (MgPlotColumn));
          t->starts = g_array_new (FALSE, FALSE, sizeof (guint));
          g_ptr_array_add (all->traces, t);
        }
      else
        t = oldest;
      t->samples = samples;
      t->series = *series;
      t->t_min = l->t_min;
      t->t_max = l->t_max;
      t->x0 = l->x0;
      t->x1 = l->x1;
      t->n = G_MAXUINT;
    }
  t->used = all->clock;

  /* Copies are handed out: the kept columns change with the next frame. */
  if (t->n == n)
    return g_array_copy (t->columns);
  if (t->n < n && t->columns->len > 0)
    {
      /* Only the last column can have been cut short. */
      guint last = t->columns->len - 1;

      from = g_array_index (t->starts, guint, last);
      g_array_set_size (t->columns, last);
      g_array_set_size (t->starts, last);
    }
  else
    {
      g_array_set_size (t->columns, 0);
      g_array_set_size (t->starts, 0);
    }
  trace_from (l, samples, n, series, pyramid, from, t->columns, t->starts);
  t->n = n;
  return g_array_copy (t->columns);
}

/* Whether @cr draws pixels, not vector paths (PDF, PostScript, SVG). */
static gboolean
draws_pixels (cairo_t *cr)
{
  switch (cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
    case CAIRO_SURFACE_TYPE_SCRIPT:
      return FALSE;
    default:
      return TRUE;
    }
}

/* cairo_matrix_transform_point(), inline: the same arithmetic, so the same
 * results to the last bit. */
static inline void
transform_point (const cairo_matrix_t *m,
                 double               *x,
                 double               *y)
{
  double new_x = m->xx * *x + m->xy * *y;
  double new_y = m->yx * *x + m->yy * *y;

  *x = new_x + m->x0;
  *y = new_y + m->y0;
}

/* What cairo_user_to_device() and cairo_device_to_user() apply on @cr:
 * its matrix and the inverse cairo keeps of it, which is not always what
 * cairo_matrix_invert() would compute; its terms are read back exactly. */
static void
get_device_matrices (cairo_t        *cr,
                     cairo_matrix_t *to_device,
                     cairo_matrix_t *to_user)
{
  double x0 = 0, y0 = 0, xx = 1, yx = 0, xy = 0, yy = 1;

  cairo_get_matrix (cr, to_device);
  cairo_device_to_user (cr, &x0, &y0);
  cairo_device_to_user_distance (cr, &xx, &yx);
  cairo_device_to_user_distance (cr, &xy, &yy);
  cairo_matrix_init (to_user, xx, yx, xy, yy, x0, y0);
}

/* A point of user space moved to the nearest corner of a device pixel, as
 * cairo_user_to_device() and cairo_device_to_user() would move it with the
 * matrices from get_device_matrices(). */
static inline void
snap_to_pixel (const cairo_matrix_t *to_device,
               const cairo_matrix_t *to_user,
               double               *x,
               double               *y)
{
  transform_point (to_device, x, y);
  *x = round (*x);
  *y = round (*y);
  transform_point (to_user, x, y);
}

static void
clip_to_plot (cairo_t            *cr,
              const MgPlotLayout *l,
              double              s)
{
  cairo_rectangle (cr, l->x0, l->y0 - 2 * s, l->x1 - l->x0, l->y1 - l->y0 + 2 * s);
  cairo_clip (cr);
  cairo_new_path (cr);
}

/* Whether every column but the two at the ends (a sample beyond each edge
 * of the view, or the last one on it) holds more than one sample. */
static gboolean
is_dense (const MgPlotColumn *cols,
          guint               n)
{
  if (n < 3)
    return FALSE;
  for (guint c = 1; c + 1 < n; c++)
    if (cols[c].n_samples < 2)
      return FALSE;
  return TRUE;
}

/* Where dense column @c begins, as boxes side by side: a column of many
 * samples spans its pixel; one of a single sample (a sample beyond either
 * edge of the view, or the last one on it) reaches from its neighbour's
 * pixel to its own time. The boxes of one fill so tile the band without
 * overlapping, and edge @n is where the last column ends. */
static double
column_edge (const MgPlotColumn *cols,
             guint               n,
             guint               c)
{
  double edge;

  if (c == 0)
    return cols[0].x;
  if (c == n)
    return cols[n - 1].x;
  if (cols[c - 1].n_samples > 1)
    edge = cols[c - 1].x + 0.5;
  else if (cols[c].n_samples > 1)
    edge = cols[c].x - 0.5;
  else
    edge = (cols[c - 1].x + cols[c].x) / 2;
  return CLAMP (edge, cols[c - 1].x, cols[c].x);
}

/* Whether dense columns may be written into an image's pixels directly
 * (see PixelSink); tests turn it off to compare with cairo's drawing. */
static gboolean write_pixels = TRUE;

void
_mg_plot_set_write_pixels (gboolean enabled)
{
  write_pixels = enabled;
}

/* Where the boxes of dense columns go. Into cairo's path; or, on an image
 * surface, where a box's edges fall on device pixels and no clip's edge
 * cuts it, straight into the image's pixels: each pixel blended as cairo
 * would, through a table cairo itself filled, without building, sorting
 * and compositing the boxes. What lies where a clip's edge crosses is left
 * to cairo, which shades those pixels by how much of them the clip covers. */
typedef struct
{
  cairo_t         *cr;
  cairo_surface_t *target;
  guint32         *data;          /* NULL: every box goes to cairo */
  int              stride;        /* in pixels */
  cairo_matrix_t   to_pixels;     /* user space to the image's pixels */
  cairo_matrix_t   to_user;
  int              x0, y0, x1, y1;  /* the pixels no clip's edge crosses */
  gboolean         written;
  guint8           table[4][256];   /* a channel's value before and after */
  guint32          last_in, last_out;
  cairo_matrix_t   to_device;       /* @cr's, for snap_to_pixel() */
  cairo_matrix_t   from_device;
} PixelSink;

/* Whether @v, in pixels, falls on a pixel's edge at cairo's resolution
 * (1/256 of a pixel), and which one. */
static gboolean
on_pixel_edge (double  v,
               int    *edge)
{
  double fixed = round (v * 256);

  /* A whole number small enough for an integer's remainder. */
  if (fabs (fixed) > G_MAXINT / 2 || (gint64) fixed % 256 != 0)
    return FALSE;
  *edge = (int) (fixed / 256);
  return TRUE;
}

/* Starts boxes drawn on @cr, before the plot's clip (@clip, in user space)
 * is set; boxes go to cairo unless @cr draws into an image's pixels, not
 * rotated, its clip whole pixels. */
static void
pixel_sink_begin (PixelSink               *sink,
                  cairo_t                 *cr,
                  const cairo_rectangle_t *clip)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_rectangle_list_t *rects;
  cairo_matrix_t device;
  double sx, sy, ox, oy;
  double ax, ay, bx, by;

  memset (sink, 0, sizeof *sink);
  sink->cr = cr;
  get_device_matrices (cr, &sink->to_device, &sink->from_device);
  if (!write_pixels || cairo_get_group_target (cr) != target ||
      cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE ||
      cairo_image_surface_get_format (target) != CAIRO_FORMAT_ARGB32 ||
      cairo_get_operator (cr) != CAIRO_OPERATOR_OVER)
    return;
  cairo_get_matrix (cr, &sink->to_pixels);
  if (sink->to_pixels.xy != 0 || sink->to_pixels.yx != 0 || sink->to_pixels.xx <= 0 ||
      sink->to_pixels.yy <= 0)
    return;
  cairo_surface_get_device_scale (target, &sx, &sy);
  cairo_surface_get_device_offset (target, &ox, &oy);
  cairo_matrix_init (&device, sx, 0, 0, sy, ox, oy);
  cairo_matrix_multiply (&sink->to_pixels, &sink->to_pixels, &device);
  sink->to_user = sink->to_pixels;
  if (cairo_matrix_invert (&sink->to_user) != CAIRO_STATUS_SUCCESS)
    return;

  /* The clip so far: whole pixels, one rectangle (none is the image's). */
  rects = cairo_copy_clip_rectangle_list (cr);
  if (rects->status != CAIRO_STATUS_SUCCESS || rects->num_rectangles != 1)
    {
      cairo_rectangle_list_destroy (rects);
      return;
    }
  ax = rects->rectangles[0].x;
  ay = rects->rectangles[0].y;
  bx = ax + rects->rectangles[0].width;
  by = ay + rects->rectangles[0].height;
  cairo_rectangle_list_destroy (rects);
  cairo_matrix_transform_point (&sink->to_pixels, &ax, &ay);
  cairo_matrix_transform_point (&sink->to_pixels, &bx, &by);
  sink->x0 = MAX (0, (int) round (ax));
  sink->y0 = MAX (0, (int) round (ay));
  sink->x1 = MIN (cairo_image_surface_get_width (target), (int) round (bx));
  sink->y1 = MIN (cairo_image_surface_get_height (target), (int) round (by));

  /* Within it, the pixels the plot's clip covers whole. */
  ax = clip->x;
  ay = clip->y;
  bx = clip->x + clip->width;
  by = clip->y + clip->height;
  cairo_matrix_transform_point (&sink->to_pixels, &ax, &ay);
  cairo_matrix_transform_point (&sink->to_pixels, &bx, &by);
  sink->x0 = MAX (sink->x0, (int) ceil (round (ax * 256) / 256));
  sink->y0 = MAX (sink->y0, (int) ceil (round (ay * 256) / 256));
  sink->x1 = MIN (sink->x1, (int) floor (round (bx * 256) / 256));
  sink->y1 = MIN (sink->y1, (int) floor (round (by * 256) / 256));
  if (sink->x1 <= sink->x0 || sink->y1 <= sink->y0)
    return;

  cairo_surface_flush (target);
  sink->target = target;
  sink->data = (guint32 *) cairo_image_surface_get_data (target);
  sink->stride = cairo_image_surface_get_stride (target) / 4;
}

/* Sets the colour the next boxes are drawn in, on @sink's cairo_t too. */
static void
pixel_sink_set_color (PixelSink     *sink,
                      const MgColor *color,
                      double         alpha)
{
  cairo_surface_t *row;
  guint32 *px;
  cairo_t *cr;

  cairo_set_source_rgba (sink->cr, color->red, color->green, color->blue, alpha);
  if (sink->data == NULL)
    return;

  /* The colour painted by cairo over every value of a channel: a pixel
   * (i, i, i, i) is a valid premultiplied pixel, and cairo blends each
   * channel on its own. */
  row = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 1);
  cairo_surface_flush (row);
  px = (guint32 *) cairo_image_surface_get_data (row);
  for (guint i = 0; i < 256; i++)
    px[i] = i * 0x01010101u;
  cairo_surface_mark_dirty (row);
  cr = cairo_create (row);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, alpha);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (row);
  for (guint i = 0; i < 256; i++)
    for (guint k = 0; k < 4; k++)
      sink->table[k][i] = (px[i] >> (24 - 8 * k)) & 0xff;
  cairo_surface_destroy (row);
  sink->last_in = 0;
  sink->last_out = (guint32) sink->table[0][0] << 24 | (guint32) sink->table[1][0] << 16 |
                   (guint32) sink->table[2][0] << 8 | sink->table[3][0];
}

/* A box of pixels, to cairo's path. */
static void
pixel_sink_to_cairo (PixelSink *sink,
                     int        x0,
                     int        y0,
                     int        x1,
                     int        y1)
{
  double ax = x0, ay = y0, bx = x1, by = y1;

  cairo_matrix_transform_point (&sink->to_user, &ax, &ay);
  cairo_matrix_transform_point (&sink->to_user, &bx, &by);
  cairo_rectangle (sink->cr, ax, ay, bx - ax, by - ay);
}

/* Adds a box, in user space, of the colour last set. */
static void
pixel_sink_box (PixelSink *sink,
                double     x0,
                double     y0,
                double     x1,
                double     y1)
{
  double ax = x0, ay = y0, bx = x1, by = y1;
  int px0, py0, px1, py1, a, b, c, d;
  guint32 last_in, last_out;

  if (sink->data != NULL)
    {
      transform_point (&sink->to_pixels, &ax, &ay);
      transform_point (&sink->to_pixels, &bx, &by);
    }
  if (sink->data == NULL || !on_pixel_edge (ax, &px0) || !on_pixel_edge (ay, &py0) ||
      !on_pixel_edge (bx, &px1) || !on_pixel_edge (by, &py1))
    {
      cairo_rectangle (sink->cr, x0, y0, x1 - x0, y1 - y0);
      return;
    }
  a = MAX (px0, sink->x0);
  b = MIN (px1, sink->x1);
  c = MAX (py0, sink->y0);
  d = MIN (py1, sink->y1);
  if (a >= b || c >= d)
    {
      cairo_rectangle (sink->cr, x0, y0, x1 - x0, y1 - y0);
      return;
    }

  /* In registers: the compiler cannot tell that the pixels written are
   * not these. */
  last_in = sink->last_in;
  last_out = sink->last_out;
  for (int y = c; y < d; y++)
    {
      guint32 *row = sink->data + (gsize) y * sink->stride;

      for (int x = a; x < b; x++)
        {
          guint32 v = row[x];

          /* Most of a box lies on one colour (the background, a grid
           * line, the area under the curve). */
          if (v != last_in)
            {
              last_in = v;
              last_out = (guint32) sink->table[0][v >> 24] << 24 |
                         (guint32) sink->table[1][(v >> 16) & 0xff] << 16 |
                         (guint32) sink->table[2][(v >> 8) & 0xff] << 8 |
                         sink->table[3][v & 0xff];
            }
          row[x] = last_out;
        }
    }
  sink->last_in = last_in;
  sink->last_out = last_out;
  sink->written = TRUE;

  /* What a clip's edge crosses: above, below, left and right of that. */
  if (py0 < c)
    pixel_sink_to_cairo (sink, px0, py0, px1, c);
  if (d < py1)
    pixel_sink_to_cairo (sink, px0, d, px1, py1);
  if (px0 < a)
    pixel_sink_to_cairo (sink, px0, c, a, d);
  if (b < px1)
    pixel_sink_to_cairo (sink, b, c, px1, d);
}

/* Fills what went to cairo's path, and tells cairo of the pixels written. */
static void
pixel_sink_fill (PixelSink *sink)
{
  if (sink->written)
    {
      cairo_surface_mark_dirty (sink->target);
      sink->written = FALSE;
    }
  cairo_fill (sink->cr);
}

/* Dense columns as boxes a column wide, each from its highest value less
 * @grow to its lowest plus @grow, or to the floor of the plot with
 * @to_floor, edges on whole device pixels: cairo composites such boxes
 * directly, where a polygon of the same outline goes through its
 * anti-aliasing rasterizer, and on an image they are written straight
 * into its pixels (see PixelSink). No edge moves by more than half a
 * pixel. With @period above 0, only what lies in dashes @on long every
 * @period along the time axis from the plot's left edge. */
static void
column_boxes (PixelSink          *sink,
              const MgPlotLayout *l,
              const MgAxis       *axis,
              const MgPlotColumn *cols,
              guint               n,
              double              grow,
              gboolean            to_floor,
              double              period,
              double              on)
{
  /* Neighbours that span the same heights are one box: fewer to build
   * and composite. */
  double run_x0 = 0, run_x1 = 0, run_y0 = 0, run_y1 = 0;

  for (guint c = 0; c < n; c++)
    {
      double left = column_edge (cols, n, c), right = column_edge (cols, n, c + 1);
      double top = mg_plot_y_for_value (l, axis, cols[c].hi) - grow;
      double bottom = to_floor ? l->y1 : mg_plot_y_for_value (l, axis, cols[c].lo) + grow;
      double dash = period > 0 ? l->x0 + floor ((left - l->x0) / period) * period : left;

      /* Without dashes, one piece: the whole column. */
      do
        {
          double x0 = period > 0 ? MAX (left, dash) : left;
          double x1 = period > 0 ? MIN (right, dash + on) : right;
          double y0 = top, y1 = bottom;

          snap_to_pixel (&sink->to_device, &sink->from_device, &x0, &y0);
          snap_to_pixel (&sink->to_device, &sink->from_device, &x1, &y1);
          if (x1 > x0 && y1 > y0)
            {
              if (x0 == run_x1 && y0 == run_y0 && y1 == run_y1)
                run_x1 = x1;
              else
                {
                  if (run_x1 > run_x0)
                    pixel_sink_box (sink, run_x0, run_y0, run_x1, run_y1);
                  run_x0 = x0;
                  run_x1 = x1;
                  run_y0 = y0;
                  run_y1 = y1;
                }
            }
          dash += period;
        }
      while (period > 0 && dash < right);
    }
  if (run_x1 > run_x0)
    pixel_sink_box (sink, run_x0, run_y0, run_x1, run_y1);
}

/* The band of dense columns cut into dashes 6 px long every 9 px of the
 * time axis: one polygon per dash, the columns in it, edges half a
 * column out. */
static void
dashed_band (cairo_t            *cr,
             const MgPlotLayout *l,
             const MgAxis       *axis,
             const MgPlotColumn *cols,
             guint               n,
             double              w,
             double              s)
{
  double period = 9 * s, on = 6 * s;
  guint c = 0;

  while (c < n)
    {
      double phase = cols[c].x - l->x0 - floor ((cols[c].x - l->x0) / period) * period;
      double dash_start, xa, xb;
      guint start;

      if (phase >= on)
        {
          c++;
          continue;
        }
      start = c;
      dash_start = cols[c].x - phase;
      while (c < n && cols[c].x < dash_start + on)
        c++;
      xa = MAX (dash_start, cols[start].x - 0.5);
      xb = MIN (dash_start + on, cols[c - 1].x + 0.5);
      cairo_move_to (cr, xa, mg_plot_y_for_value (l, axis, cols[start].hi) - w / 2);
      for (guint k = start; k < c; k++)
        cairo_line_to (cr, cols[k].x, mg_plot_y_for_value (l, axis, cols[k].hi) - w / 2);
      cairo_line_to (cr, xb, mg_plot_y_for_value (l, axis, cols[c - 1].hi) - w / 2);
      cairo_line_to (cr, xb, mg_plot_y_for_value (l, axis, cols[c - 1].lo) + w / 2);
      for (guint k = c; k-- > start;)
        cairo_line_to (cr, cols[k].x, mg_plot_y_for_value (l, axis, cols[k].lo) + w / 2);
      cairo_line_to (cr, xa, mg_plot_y_for_value (l, axis, cols[start].lo) + w / 2);
      cairo_close_path (cr);
    }
}

/* What of a series' columns reaches the pixels, one record a column, for
 * telling whether a frame would differ from the last (see MgPlotFrame). */
typedef struct
{
  double  x;
  double  lo, hi, first, last;  /* heights in user units */
} SinkColumn;

typedef struct
{
  DrawKind kind;
  gboolean dense;
  gboolean stroked;         /* drawn with cairo_stroke(), or dots */
  gint     padding;         /* the columns after it stay aligned for their doubles */
} SinkHeader;

G_STATIC_ASSERT (sizeof (SinkHeader) % G_ALIGNOF (SinkColumn) == 0);

static void
sink_series (GPtrArray          *sink,
             const MgPlotLayout *l,
             const MgAxis       *axis,
             DrawKind            kind,
             const MgPlotColumn *cols,
             guint               n)
{
  GByteArray *bytes = g_byte_array_sized_new (sizeof (SinkHeader) + n * sizeof (SinkColumn));
  SinkHeader header;

  memset (&header, 0, sizeof header);
  header.kind = kind;
  header.dense = is_dense (cols, n);
  header.stroked = !header.dense && kind != DRAW_FILL;
  g_byte_array_append (bytes, (const guint8 *) &header, sizeof header);
  for (guint c = 0; c < n; c++)
    {
      SinkColumn rec;

      memset (&rec, 0, sizeof rec);
      rec.x = cols[c].x;
      rec.lo = mg_plot_y_for_value (l, axis, cols[c].lo);
      rec.hi = mg_plot_y_for_value (l, axis, cols[c].hi);
      /* A band is drawn from the lowest and highest alone. */
      if (!header.dense || kind == DRAW_FILL)
        {
          rec.first = mg_plot_y_for_value (l, axis, cols[c].first);
          rec.last = mg_plot_y_for_value (l, axis, cols[c].last);
        }
      g_byte_array_append (bytes, (const guint8 *) &rec, sizeof rec);
    }
  g_ptr_array_add (sink, bytes);
}

static void
draw_series (cairo_t            *cr,
             MgRecording        *recording,
             const MgPlotLayout *l,
             MgSamples          *samples,
             guint               n,
             const Series       *series,
             MgPyramid          *pyramid,
             const MgAxis       *axis,
             const MgColor      *color,
             DrawKind            kind,
             double              s,
             GPtrArray          *sink)
{
  g_autoptr(GArray) columns = traced (recording, l, samples, n, series, pyramid);
  const MgPlotColumn *cols = (const MgPlotColumn *) columns->data;
  double w = (kind == DRAW_THIN ? 1 : 2) * s;
  gboolean dense, boxes;
  PixelSink pixels;

  if (sink != NULL)
    {
      sink_series (sink, l, axis, kind, cols, columns->len);
      return;
    }
  if (columns->len == 0)
    return;
  dense = is_dense (cols, columns->len);
  /* Vector formats keep the exact outline, a path of few points. */
  boxes = dense && draws_pixels (cr);

  cairo_save (cr);
  if (boxes)
    {
      cairo_rectangle_t clip = { l->x0, l->y0 - 2 * s, l->x1 - l->x0, l->y1 - l->y0 + 2 * s };

      pixel_sink_begin (&pixels, cr, &clip);
    }
  clip_to_plot (cr, l, s);

  /* Areas follow the top of each column: where every column holds many
   * samples, a box a column from its highest value to the floor (boxes
   * take cairo's fast path, not its polygon rasterizer); else a simple
   * polygon. */
  if (kind == DRAW_LINE || kind == DRAW_FILL)
    {
      double alpha = kind == DRAW_FILL ? 0.85 : 0.18;

      if (boxes)
        {
          pixel_sink_set_color (&pixels, color, alpha);
          column_boxes (&pixels, l, axis, cols, columns->len, 0, TRUE, 0, 0);
          pixel_sink_fill (&pixels);
        }
      else
        {
          for (guint c = 0; c < columns->len; c++)
            cairo_line_to (cr, cols[c].x, mg_plot_y_for_value (l, axis, cols[c].hi));
          cairo_line_to (cr, cols[columns->len - 1].x, l->y1);
          cairo_line_to (cr, cols[0].x, l->y1);
          cairo_close_path (cr);
          cairo_set_source_rgba (cr, color->red, color->green, color->blue, alpha);
          cairo_fill (cr);
        }
    }
  if (kind == DRAW_FILL)
    {
      cairo_restore (cr);
      return;
    }

  /* Where every column in view holds more than one sample, the curve is one
   * band from each column's lowest to its highest value, the line's width
   * thick: it holds every segment the line would join, and one fill costs
   * a fraction of a stroke. Dashes are then stripes across the time axis. */
  if (dense)
    {
      if (boxes)
        {
          pixel_sink_set_color (&pixels, color, kind == DRAW_THIN ? 0.9 : color->alpha);
          column_boxes (&pixels, l, axis, cols, columns->len, w / 2, FALSE,
                        kind == DRAW_DASHED ? 9 * s : 0, 6 * s);
          pixel_sink_fill (&pixels);
          cairo_restore (cr);
          return;
        }
      if (kind == DRAW_DASHED)
        dashed_band (cr, l, axis, cols, columns->len, w, s);
      else
        {
          for (guint c = 0; c < columns->len; c++)
            cairo_line_to (cr, cols[c].x, mg_plot_y_for_value (l, axis, cols[c].hi) - w / 2);
          for (guint c = columns->len; c-- > 0;)
            cairo_line_to (cr, cols[c].x, mg_plot_y_for_value (l, axis, cols[c].lo) + w / 2);
          cairo_close_path (cr);
        }
      cairo_set_source_rgba (cr, color->red, color->green, color->blue,
                             kind == DRAW_THIN ? 0.9 : color->alpha);
      cairo_fill (cr);
      cairo_restore (cr);
      return;
    }

  /* Lines join each column's first and last value; a column's lowest to
   * highest is a bar the width of the line, axis-aligned and cheap. */
  for (guint c = 0; c < columns->len; c++)
    {
      cairo_line_to (cr, cols[c].x, mg_plot_y_for_value (l, axis, cols[c].first));
      if (cols[c].last != cols[c].first)
        cairo_line_to (cr, cols[c].x, mg_plot_y_for_value (l, axis, cols[c].last));
    }
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_set_line_width (cr, w);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue,
                         kind == DRAW_THIN ? 0.9 : color->alpha);
  if (kind == DRAW_DASHED)
    {
      double dash[] = { 6 * s, 3 * s };
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
    }
  cairo_stroke (cr);

  for (guint c = 0; c < columns->len; c++)
    if (cols[c].hi != cols[c].lo)
      {
        double top = mg_plot_y_for_value (l, axis, cols[c].hi);
        double bottom = mg_plot_y_for_value (l, axis, cols[c].lo);

        cairo_rectangle (cr, cols[c].x - w / 2, top - w / 2, w, bottom - top + w);
      }
  cairo_fill (cr);
  cairo_restore (cr);
}

/**
 * mg_plot_trace:
 * @layout: from mg_plot_layout()
 * @field_offset: G_STRUCT_OFFSET of one size in #MgSample
 *
 * The columns the plot draws for one series: per pixel column, the first,
 * lowest, highest and last value of the samples in it.
 *
 * Returns: (transfer full) (element-type MgPlotColumn): the columns, left
 *   to right
 */
GArray *
mg_plot_trace (const MgPlotLayout *layout,
               MgRecording        *recording,
               const MgPlotStyle  *style,
               gsize               field_offset)
{
  Series series = { { field_offset }, 1 };
  MgSamples *samples;
  guint n;

  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);

  samples = shown_samples (recording, style, &n);
  return trace_series (layout, samples, n, &series, series_pyramid (recording, samples, &series));
}

/* The columns of the kinds stacked up to @level (1 to 4), as drawn. */
GArray *
_mg_plot_trace_stacked (const MgPlotLayout *layout,
                        MgRecording        *recording,
                        const MgPlotStyle  *style,
                        guint               level)
{
  Series stack = all_kinds;
  MgSamples *samples;
  guint n;

  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);
  g_return_val_if_fail (level >= 1 && level <= all_kinds.n_offsets, NULL);

  stack.n_offsets = level;
  samples = shown_samples (recording, style, &n);
  return trace_series (layout, samples, n, &stack, series_pyramid (recording, samples, &stack));
}

/* The columns of the PSS line through its readings, as drawn. */
GArray *
_mg_plot_trace_pss (const MgPlotLayout *layout,
                    MgRecording        *recording,
                    const MgPlotStyle  *style)
{
  MgSamples *samples;
  PssReadings *r;
  guint n;

  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);

  samples = shown_samples (recording, style, &n);
  r = pss_readings (recording, samples);
  return trace_series (layout, r->readings, mg_samples_get_size (r->readings), &pss_series,
                       r->pyramid);
}

static void draw_pss_dots (cairo_t            *cr,
                           const MgPlotLayout *l,
                           const MgPlotStyle  *style,
                           MgSamples          *readings,
                           guint               n_readings,
                           const Series       *pss_series_,
                           PssReadings        *r,
                           guint               a,
                           guint               b,
                           double              radius);

/* Draws the curves; or, with @sink, only adds to it what would be drawn,
 * one GByteArray a series (@cr may then be NULL). */
static void
draw_curves (cairo_t            *cr,
             const MgPlotLayout *l,
             MgRecording        *recording,
             const MgPlotStyle  *style,
             GPtrArray          *sink)
{
  static const gsize kind_offsets[] = {
    MG_FIELD_OFFSET (MG_FIELD_ANON),
    MG_FIELD_OFFSET (MG_FIELD_FILE),
    MG_FIELD_OFFSET (MG_FIELD_SHMEM),
    MG_FIELD_OFFSET (MG_FIELD_SWAP),
  };
  Series rss = { { MG_FIELD_OFFSET (MG_FIELD_RSS) }, 1 };
  Series vsz = { { MG_FIELD_OFFSET (MG_FIELD_VSZ) }, 1 };
  Series envelope = { { MG_FIELD_OFFSET (MG_FIELD_RSS_MAX) }, 1 };
  MgSamples *samples;
  guint n;

  samples = shown_samples (recording, style, &n);

  if (style->show_vsz)
    draw_series (cr, recording, l, samples, n, &vsz, series_pyramid (recording, samples, &vsz),
                 &l->vsz, &style->vsz, DRAW_DASHED, style->scale, sink);

  if (style->show_kinds && mg_recording_has_kinds (recording))
    {
      /* Stacked: the top level first, each lower level painted over it. */
      for (int level = G_N_ELEMENTS (kind_offsets); level >= 1; level--)
        {
          Series stack = { { 0 }, level };

          memcpy (stack.offsets, kind_offsets, level * sizeof (gsize));
          draw_series (cr, recording, l, samples, n, &stack,
                       series_pyramid (recording, samples, &stack),
                       &l->rss, &style->kinds[level - 1], DRAW_FILL, style->scale, sink);
        }
      draw_series (cr, recording, l, samples, n, &rss, series_pyramid (recording, samples, &rss),
                   &l->rss, &style->rss, DRAW_THIN, style->scale, sink);
    }
  else if (style->show_rss)
    draw_series (cr, recording, l, samples, n, &rss, series_pyramid (recording, samples, &rss),
                 &l->rss, &style->rss, DRAW_LINE, style->scale, sink);

  if (style->show_pss && style->process < 0 && mg_recording_has_pss (recording))
    {
      /* PSS is read at a lower rate: a line through its readings only. */
      Series pss = { { MG_FIELD_OFFSET (MG_FIELD_PSS) }, 1 };
      PssReadings *r = pss_readings (recording, samples);
      MgSamples *readings = r->readings;
      guint n_readings = mg_samples_get_size (readings);
      double radius = 3 * style->scale;
      double margin = (l->x1 > l->x0) ? radius * (l->t_max - l->t_min) / (l->x1 - l->x0) : 0;
      guint a = mg_samples_lower_bound (readings, 0, n_readings, l->t_min - margin);
      guint b = mg_samples_lower_bound (readings, a, n_readings, l->t_max + margin);

      while (b < n_readings && mg_samples_get_time (readings, b) <= l->t_max + margin)
        b++;
      draw_series (cr, NULL, l, readings, n_readings, &pss, r->pyramid, &l->rss, &style->pss,
                   DRAW_DASHED, style->scale, sink);

      /* A dot on each reading in view, so the line between them is not
       * taken for measurements. Where readings are denser than the pixel
       * columns their dots merge: that band, a dot's radius around each
       * column's lowest to highest, is filled as one shape. */
      if (sink != NULL)
        {
          GByteArray *dots = g_byte_array_new ();
          SinkHeader header;

          memset (&header, 0, sizeof header);
          header.kind = DRAW_DASHED;
          header.dense = b - a;
          header.stroked = TRUE;
          g_byte_array_append (dots, (const guint8 *) &header, sizeof header);
          for (guint i = a; i < b; i++)
            {
              const MgSample *x = mg_samples_peek (readings, i);
              double y = mg_plot_y_for_value (l, &l->rss, x->pss_bytes);
              SinkColumn rec = { mg_plot_x_for_time (l, x->time_s), y, y, 0, 0 };

              g_byte_array_append (dots, (const guint8 *) &rec, sizeof rec);
            }
          g_ptr_array_add (sink, dots);
        }
      else
        draw_pss_dots (cr, l, style, readings, n_readings, &pss, r, a, b, radius);
    }

  if (style->show_envelope && style->process < 0 && mg_recording_has_envelope (recording))
    {
      /* The envelope has no value on the exit sample: leave that one out. */
      guint m = n;

      if (m > 0 && mg_samples_get_value (samples, m - 1, envelope.offsets[0]) == 0)
        m--;
      draw_series (cr, recording, l, samples, m, &envelope,
                   series_pyramid (recording, samples, &envelope),
                   &l->rss, &style->foreground, DRAW_THIN, style->scale, sink);
    }
}

static void
draw_pss_dots (cairo_t            *cr,
               const MgPlotLayout *l,
               const MgPlotStyle  *style,
               MgSamples          *readings,
               guint               n_readings,
               const Series       *pss_series_,
               PssReadings        *r,
               guint               a,
               guint               b,
               double              radius)
{
  const Series pss = *pss_series_;

  cairo_save (cr);
  clip_to_plot (cr, l, style->scale);
  set_color (cr, &style->pss);
  if (b - a <= (guint) (l->x1 - l->x0))
    for (guint i = a; i < b; i++)
      {
        const MgSample *x = mg_samples_peek (readings, i);

        cairo_new_sub_path (cr);
        cairo_arc (cr, mg_plot_x_for_time (l, x->time_s),
                   mg_plot_y_for_value (l, &l->rss, x->pss_bytes), radius, 0, 2 * G_PI);
      }
  else
    {
      g_autoptr(GArray) columns = trace_series (l, readings, n_readings, &pss, r->pyramid);
      const MgPlotColumn *cols = (const MgPlotColumn *) columns->data;
      guint run = 0;

      /* Runs of adjacent columns, each a polygon: tops left to right,
       * bottoms back. */
      for (guint c = 1; c <= columns->len; c++)
        {
          if (c < columns->len && cols[c].x - cols[c - 1].x < 1.5)
            continue;
          for (guint k = run; k < c; k++)
            cairo_line_to (cr, cols[k].x + (k == run ? -radius : 0),
                           mg_plot_y_for_value (l, &l->rss, cols[k].hi) - radius);
          cairo_line_to (cr, cols[c - 1].x + radius,
                         mg_plot_y_for_value (l, &l->rss, cols[c - 1].hi) - radius);
          for (guint k = c; k-- > run;)
            cairo_line_to (cr, cols[k].x + (k == c - 1 ? radius : 0),
                           mg_plot_y_for_value (l, &l->rss, cols[k].lo) + radius);
          cairo_line_to (cr, cols[run].x - radius,
                         mg_plot_y_for_value (l, &l->rss, cols[run].lo) + radius);
          cairo_close_path (cr);
          cairo_new_sub_path (cr);
          run = c;
        }
    }
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
draw_peak (cairo_t            *cr,
           const MgPlotLayout *l,
           MgRecording        *recording,
           const MgPlotStyle  *style,
           PangoLayout        *small)
{
  guint64 peak = shown_peak (recording, style, MG_FIELD_OFFSET (MG_FIELD_RSS));
  double s = style->scale;
  double x, y, w, h, from = 0, to = 0, t = 0;
  g_autofree char *size = NULL;
  g_autofree char *label = NULL;
  gboolean unsampled;

  if (peak == 0)
    return;

  size = mg_format_bytes (peak);
  y = mg_plot_y_for_value (l, &l->rss, peak);
  if (style->process < 0 || (guint) style->process >= mg_recording_get_n_processes (recording))
    {
      unsampled = mg_recording_get_peak_window (recording, &from, &to);
      t = mg_recording_get_peak_rss_time (recording);
    }
  else
    {
      const MgProcess *p = mg_recording_get_process (recording, style->process);
      MgSamples *samples;
      guint n;

      /* The sample that saw the process's peak; when none did (its own
       * high-water mark was read at its exit), all that is known is that
       * it happened while the process lived. */
      unsampled = TRUE;
      samples = shown_samples (recording, style, &n);
      for (guint i = 0; i < n && unsampled; i++)
        if (mg_samples_get_value (samples, i, MG_FIELD_OFFSET (MG_FIELD_RSS)) == peak)
          {
            t = mg_samples_get_time (samples, i);
            unsampled = FALSE;
          }
      from = MAX (p->start_s, 0);
      to = p->end_s >= from ? p->end_s
           : n > 0 ? MAX (mg_samples_get_time (samples, n - 1), from) : from;
    }

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
             PangoLayout        *small)
{
  LegendItem items[8];
  guint n = legend_items (recording, style, l->vsz_own_axis, items);

  for (guint i = 0; i < n && i < l->n_legend; i++)
    {
      double x = l->legend_x[i][0];

      /* A hidden series stays in the legend, faint, to be shown again: drawn
       * in a group only as large as the item. */
      if (!items[i].shown)
        {
          cairo_save (cr);
          cairo_rectangle (cr, floor (l->legend_x[i][0]), floor (l->legend_y0),
                           ceil (l->legend_x[i][1] - l->legend_x[i][0]) + 2,
                           ceil (l->legend_y1 - l->legend_y0) + 2);
          cairo_clip (cr);
          cairo_push_group (cr);
        }
      draw_legend_item (cr, style, small, items[i].name, items[i].color, items[i].kind, &x,
                        l->legend_y0, l->legend_y1 - l->legend_y0);
      if (!items[i].shown)
        {
          cairo_pop_group_to_source (cr);
          cairo_paint_with_alpha (cr, 0.35);
          cairo_restore (cr);
        }
    }
}

static void
vertical_line (cairo_t            *cr,
               const MgPlotLayout *l,
               double              t,
               const MgColor      *color,
               double              alpha,
               double              dash,
               double              s)
{
  double x = round (mg_plot_x_for_time (l, t)) + 0.5;

  if (x < l->x0 || x > l->x1 + 1)
    return;
  cairo_save (cr);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, alpha);
  cairo_set_line_width (cr, 1 * s);
  if (dash > 0)
    {
      double pattern[] = { dash * s, dash * s };
      cairo_set_dash (cr, pattern, 2, 0);
    }
  cairo_move_to (cr, x, l->y0);
  cairo_line_to (cr, x, l->y1);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The run's budget (--max-rss): a dashed line across the plot at its
 * height, labelled at its left end. Zoomed in, it is drawn only when the
 * axis reaches it; a single process shown has no budget of its own. */
static void
draw_budget (cairo_t            *cr,
             const MgPlotLayout *l,
             MgRecording        *recording,
             const MgPlotStyle  *style,
             PangoLayout        *small)
{
  guint64 budget = mg_recording_get_budget (recording);
  double s = style->scale;
  double pattern[] = { 6 * s, 3 * s };
  g_autofree char *size = NULL;
  g_autofree char *label = NULL;
  double y, h;

  if (budget == 0 || style->process >= 0 || budget > l->rss.max)
    return;
  y = mg_plot_y_for_value (l, &l->rss, budget);
  /* On a pixel's centre, so that the line stays crisp. */
  y = round (y) + 0.5;
  cairo_save (cr);
  set_color (cr, &style->budget);
  cairo_set_line_width (cr, 1.5 * s);
  cairo_set_dash (cr, pattern, 2, 0);
  cairo_move_to (cr, l->x0, y);
  cairo_line_to (cr, l->x1, y);
  cairo_stroke (cr);
  cairo_restore (cr);

  size = mg_format_bytes (budget);
  /* TRANSLATORS: the label of the line of a peak RSS budget (--max-rss) */
  label = g_strdup_printf (_("budget %s"), size);
  text_size (small, label, NULL, &h);
  set_color (cr, &style->budget);
  /* Above the line, or under it when the top of the plot is too near. */
  draw_text (cr, small, label, l->x0 + 6 * s,
             y - h - 2 * s >= l->y0 ? y - h - 2 * s : y + 3 * s, 0.0);
}

/* The markers a person added, and the exit. */
static void
draw_markers (cairo_t            *cr,
              const MgPlotLayout *l,
              MgRecording        *recording,
              const MgPlotStyle  *style,
              PangoLayout        *small)
{
  const MgExit *exit_info = mg_recording_get_exit (recording);
  double s = style->scale;

  /* Markers are in time order. A line per pixel column, however many
   * markers share it; a label in the first of three rows where it does not
   * run into the one before, or none: with thousands of markers, a frame
   * draws what fits, not every marker over the others. */
  double line_x = -G_MAXDOUBLE;
  double row_end[3] = { -G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

  for (guint i = 0; i < mg_recording_get_n_markers (recording); i++)
    {
      const MgMarker *m = mg_recording_get_marker (recording, i);
      double x = mg_plot_x_for_time (l, m->time_s);
      g_autofree char *label = NULL;
      double w, left;
      guint row;

      if (x < l->x0 || x > l->x1)
        continue;
      if (x - line_x >= 1)
        {
          vertical_line (cr, l, m->time_s, &style->foreground, 0.85, 4, s);
          line_x = x;
        }
      left = x + 4 * s;
      for (row = 0; row < G_N_ELEMENTS (row_end) && left < row_end[row]; row++)
        ;
      if (row == G_N_ELEMENTS (row_end))
        continue;
      label = m->label[0] ? g_strdup (m->label) : g_strdup_printf (_("marker %u"), i + 1);
      text_size (small, label, &w, NULL);
      /* Near the right edge, the label ends at its line instead. */
      if (left + w > l->x1)
        {
          left = x - 4 * s - w;
          for (row = 0; row < G_N_ELEMENTS (row_end) && left < row_end[row]; row++)
            ;
          if (row == G_N_ELEMENTS (row_end))
            continue;
        }
      set_color (cr, &style->foreground);
      draw_text (cr, small, label, left, l->y0 + 2 * s + row * 16 * s, 0.0);
      row_end[row] = left + w + 6 * s;
    }

  if (exit_info->kind == MG_EXIT_STATUS || exit_info->kind == MG_EXIT_SIGNAL)
    {
      double t = mg_recording_get_duration (recording);
      double x = mg_plot_x_for_time (l, t);
      g_autofree char *label = exit_info->kind == MG_EXIT_STATUS
                                 /* TRANSLATORS: marker at the end of the run */
                                 ? g_strdup_printf (_("exit %d"), exit_info->code)
                                 : g_strdup (mg_signal_name (exit_info->code));
      double w;

      if (x < l->x0 || x > l->x1 + 1)
        return;
      vertical_line (cr, l, t, &style->dim, 0.8, 2, s);
      text_size (small, label, &w, NULL);
      set_color (cr, &style->dim);
      draw_text (cr, small, label, x - 4 * s, l->y1 - 20 * s, 1.0);
    }
}

/* A box of text beside the crosshair at @x, turned inwards near the right
 * edge: the readout of one recording or of compared runs. */
static void
draw_readout_box (cairo_t            *cr,
                  const MgPlotLayout *l,
                  const MgPlotStyle  *style,
                  PangoLayout        *small,
                  double              x,
                  const char         *text)
{
  double s = style->scale;
  double bx, by = l->y0 + 4 * s;
  int w, h;

  pango_layout_set_text (small, text, -1);
  pango_layout_get_pixel_size (small, &w, &h);
  bx = x + 8 * s + w + 12 * s > l->x1 ? x - 8 * s - w - 12 * s : x + 8 * s;

  cairo_save (cr);
  cairo_rectangle (cr, bx, by, w + 12 * s, h + 8 * s);
  cairo_set_source_rgba (cr, style->background.red, style->background.green,
                         style->background.blue, 0.92);
  cairo_fill_preserve (cr);
  set_color (cr, &style->grid);
  cairo_set_line_width (cr, 1 * s);
  cairo_stroke (cr);
  set_color (cr, &style->foreground);
  cairo_move_to (cr, bx + 6 * s, by + 4 * s);
  pango_cairo_show_layout (cr, small);
  cairo_restore (cr);
}

/* The crosshair, and the values of the nearest sample: real readings, not
 * interpolated ones. */
static void
draw_readout (cairo_t            *cr,
              const MgPlotLayout *l,
              MgRecording        *recording,
              const MgPlotStyle  *style,
              PangoLayout        *small)
{
  MgSamples *samples;
  MgSample nearest;
  const MgSample *x_s = &nearest;
  g_autoptr(GString) text = g_string_new (NULL);
  double s = style->scale;
  double x;
  guint n;
  int index;

  if (style->hover_time < l->t_min || style->hover_time > l->t_max)
    return;
  index = mg_plot_nearest_sample (recording, style, style->hover_time);
  if (index < 0)
    return;
  samples = shown_samples (recording, style, &n);
  nearest = mg_samples_get (samples, index);
  x = mg_plot_x_for_time (l, x_s->time_s);
  if (x < l->x0 || x > l->x1 + 1)
    return;

  vertical_line (cr, l, x_s->time_s, &style->foreground, 0.9, 0, s);

  {
    g_autofree char *t = g_strdup_printf ("%.3f s", x_s->time_s);
    g_autofree char *rss = mg_format_bytes (x_s->rss_bytes);

    g_string_append (text, t);
    if (style->show_rss || style->show_kinds)
      g_string_append_printf (text, "\n%s %s", C_("series", "RSS"), rss);
  }
  if (style->show_kinds && mg_recording_has_kinds (recording))
    {
      const char *names[] = { C_("series", "Anonymous"), C_("series", "File"),
                              C_("series", "Shared"), C_("series", "Swap") };
      guint64 values[] = { x_s->anon_bytes, x_s->file_bytes, x_s->shmem_bytes, x_s->swap_bytes };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *v = mg_format_bytes (values[i]);
          g_string_append_printf (text, "\n%s %s", names[i], v);
        }
    }
  if (style->show_vsz)
    {
      g_autofree char *v = mg_format_bytes (x_s->vsz_bytes);
      g_string_append_printf (text, "\n%s %s", C_("series", "VSZ"), v);
    }
  if (style->show_pss && x_s->pss_bytes != MG_NO_VALUE)
    {
      g_autofree char *v = mg_format_bytes (x_s->pss_bytes);
      g_string_append_printf (text, "\n%s %s", C_("series", "PSS"), v);
    }
  if (style->show_envelope && x_s->rss_max_bytes > 0)
    {
      g_autofree char *v = mg_format_bytes (x_s->rss_max_bytes);
      g_string_append_printf (text, "\n%s %s", C_("series", "Highest before"), v);
    }

  draw_readout_box (cr, l, style, small, x, text->str);
}

/* The title (the command, or the process shown) and the subtitle (how the
 * run ended, and its peak). */
static void
header_texts (MgRecording       *recording,
              const MgPlotStyle *style,
              char             **title,
              char             **subtitle)
{
  g_autofree char *command = NULL;
  g_autofree char *text = NULL;

  if (style->process >= 0 && (guint) style->process < mg_recording_get_n_processes (recording))
    {
      const MgProcess *p = mg_recording_get_process (recording, style->process);

      /* TRANSLATORS: title of the graph of one process of the run */
      command = g_strdup_printf (_("Process %d: %s"), p->pid, p->cmdline[0] ? p->cmdline : p->name);
    }
  else if ((command = mg_recording_dup_watch_title (recording)) == NULL)
    command = mg_recording_dup_title (recording);

  text = mg_recording_describe_exit (recording);
  if (mg_recording_get_peak_rss (recording) > 0)
    {
      g_autofree char *both = NULL;
      guint n_proc = mg_recording_get_n_processes (recording);
      g_autofree char *figure = mg_recording_dup_peak_text (recording);
      guint64 upper;

      /* Never more than is known: "exact", a range whose two ends are both
       * true, or "at least". */
      if (mg_recording_get_peak_is_exact (recording) || n_proc <= 1 ||
          mg_recording_get_peak_upper (recording, &upper))
        both = g_strdup_printf (_("%s · peak RSS %s"), text, figure);
      else
        both = g_strdup_printf (_("%s · peak RSS %s (sum of %u processes, sampled)"), text,
                                figure, n_proc);
      g_free (text);
      text = g_steal_pointer (&both);
    }
  *title = g_steal_pointer (&command);
  *subtitle = g_steal_pointer (&text);
}

/* What lies under the curves: background, title, subtitle, legend, axes
 * and grid; @l: (out): the layout, measured on @cr. */
static void
draw_under (cairo_t           *cr,
            int                width,
            int                height,
            MgRecording       *recording,
            const MgPlotStyle *style,
            MgPlotLayout      *l)
{
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) small = NULL;
  g_autofree char *command = NULL;
  g_autofree char *subtitle = NULL;
  double s = style->scale;
  double title_h, text_w;

  if (style->draw_background)
    {
      set_color (cr, &style->background);
      cairo_paint (cr);
    }

  mg_plot_layout (l, cr, width, height, recording, style);
  title = make_layout (cr, style, style->font_size * 1.3, TRUE);
  small = make_layout (cr, style, style->font_size, FALSE);
  text_size (title, "Mg", NULL, &title_h);

  /* The command as title, cut with an ellipsis when too long. */
  text_w = MAX (1, width - 2 * PAD * s);
  pango_layout_set_width (title, (int) (text_w * PANGO_SCALE));
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  header_texts (recording, style, &command, &subtitle);
  set_color (cr, &style->foreground);
  pango_layout_set_text (title, command, -1);
  cairo_move_to (cr, PAD * s, PAD * s);
  pango_cairo_show_layout (cr, title);

  set_color (cr, &style->dim);
  fit_width (small, text_w);
  draw_text (cr, small, subtitle, PAD * s, PAD * s + title_h + 2 * s, 0.0);
  fit_width (small, 0);

  draw_legend (cr, l, recording, style, small);
  draw_axes (cr, l, style, small, NULL);
}

/* What lies over the curves: the mark, markers, peak, readout, and a word
 * when there is no sample. */
static void
draw_over (cairo_t            *cr,
           const MgPlotLayout *l,
           MgRecording        *recording,
           const MgPlotStyle  *style)
{
  g_autoptr(PangoLayout) small = make_layout (cr, style, style->font_size, FALSE);
  double small_h;

  text_size (small, "Mg", NULL, &small_h);
  if (style->highlight_time >= 0)
    vertical_line (cr, l, style->highlight_time, &style->rss, 0.8, 0, style->scale);
  draw_budget (cr, l, recording, style, small);
  draw_markers (cr, l, recording, style, small);
  draw_peak (cr, l, recording, style, small);
  draw_readout (cr, l, recording, style, small);

  if (mg_recording_get_n_samples (recording) == 0)
    {
      const MgExit *exit_info = mg_recording_get_exit (recording);
      const char *message = exit_info->kind == MG_EXIT_RUNNING
                              ? _("Waiting for the first sample…")
                              : _("No samples were recorded");

      set_color (cr, &style->dim);
      draw_text (cr, small, message, (l->x0 + l->x1) / 2, (l->y0 + l->y1) / 2 - small_h / 2, 0.5);
    }
}

static gboolean
same_style (const MgPlotStyle *a,
            const MgPlotStyle *b)
{
  MgPlotPalette pa, pb;
  MgPlotView va, vb;

  /* Field by field: the structs' padding is not compared. */
  memset (&pa, 0, sizeof pa);
  memset (&pb, 0, sizeof pb);
  memset (&va, 0, sizeof va);
  memset (&vb, 0, sizeof vb);
  mg_plot_style_get_palette (a, &pa);
  mg_plot_style_get_palette (b, &pb);
  mg_plot_style_get_view (a, &va);
  mg_plot_style_get_view (b, &vb);
  return memcmp (&pa, &pb, sizeof pa) == 0 && memcmp (&va, &vb, sizeof va) == 0 &&
         a->draw_background == b->draw_background;
}

/* The style with what only lies over the curves left out. */
static void
under_style (const MgPlotStyle *style,
             MgPlotStyle       *out)
{
  *out = *style;
  out->hover_time = -1;
  out->highlight_time = -1;
}

static gboolean
same_layout (const MgPlotLayout *a,
             const MgPlotLayout *b)
{
  MgPlotLayout x = *a, y = *b;

  /* Unused legend slots may hold anything. */
  for (guint i = x.n_legend; i < G_N_ELEMENTS (x.legend_x); i++)
    {
      x.legend_x[i][0] = x.legend_x[i][1] = y.legend_x[i][0] = y.legend_x[i][1] = 0;
      x.legend_series[i] = y.legend_series[i] = 0;
    }
  return x.x0 == y.x0 && x.x1 == y.x1 && x.y0 == y.y0 && x.y1 == y.y1 &&
         x.t_min == y.t_min && x.t_max == y.t_max && x.legend_y0 == y.legend_y0 &&
         x.legend_y1 == y.legend_y1 && x.n_legend == y.n_legend &&
         x.vsz_own_axis == y.vsz_own_axis &&
         memcmp (x.legend_x, y.legend_x, sizeof x.legend_x) == 0 &&
         memcmp (x.legend_series, y.legend_series, sizeof x.legend_series) == 0 &&
         memcmp (&x.time, &y.time, sizeof x.time) == 0 &&
         memcmp (&x.rss, &y.rss, sizeof x.rss) == 0 && memcmp (&x.vsz, &y.vsz, sizeof x.vsz) == 0;
}

/* Whether layers under the curves are kept (see draw_under_kept()); tests
 * turn it off to compare with what is drawn each time. */
static gboolean keep_layers = TRUE;

void
_mg_plot_set_keep_layers (gboolean enabled)
{
  keep_layers = enabled;
}

void
_mg_plot_get_layer_counts (MgRecording *recording,
                           guint       *n_drawn,
                           guint       *n_reused)
{
  Summaries *all = summaries_of (recording);

  *n_drawn = all->n_layers_drawn;
  *n_reused = all->n_layers_reused;
}

/* Whether draw_under() draws on @cr what it draws on an image of its own
 * copied onto @cr's target: @cr draws into an image's pixels, not
 * transformed nor clipped, in cairo's default state, and the background
 * painted first is opaque, hiding what was there. Vector targets never
 * take a copy of pixels. */
static gboolean
under_can_be_kept (cairo_t           *cr,
                   const MgPlotStyle *style)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_rectangle_list_t *rects;
  cairo_font_options_t *options, *plain;
  cairo_matrix_t m;
  double ox, oy, sx, sy;
  gboolean whole, same_options;

  if (!keep_layers || !style->draw_background || style->background.alpha < 1 ||
      cairo_get_group_target (cr) != target ||
      cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE ||
      cairo_get_operator (cr) != CAIRO_OPERATOR_OVER ||
      cairo_get_antialias (cr) != CAIRO_ANTIALIAS_DEFAULT ||
      cairo_get_fill_rule (cr) != CAIRO_FILL_RULE_WINDING ||
      cairo_get_line_cap (cr) != CAIRO_LINE_CAP_BUTT ||
      cairo_get_line_join (cr) != CAIRO_LINE_JOIN_MITER || cairo_get_miter_limit (cr) != 10 ||
      cairo_get_tolerance (cr) != 0.1 || cairo_get_dash_count (cr) != 0)
    return FALSE;
  cairo_get_matrix (cr, &m);
  cairo_surface_get_device_offset (target, &ox, &oy);
  if (m.xx != 1 || m.yy != 1 || m.xy != 0 || m.yx != 0 || m.x0 != 0 || m.y0 != 0 || ox != 0 ||
      oy != 0)
    return FALSE;

  /* Without a clip, the one rectangle is the whole image. */
  cairo_surface_get_device_scale (target, &sx, &sy);
  rects = cairo_copy_clip_rectangle_list (cr);
  whole = rects->status == CAIRO_STATUS_SUCCESS && rects->num_rectangles == 1 &&
          rects->rectangles[0].x <= 0 && rects->rectangles[0].y <= 0 &&
          (rects->rectangles[0].x + rects->rectangles[0].width) * sx >=
            cairo_image_surface_get_width (target) &&
          (rects->rectangles[0].y + rects->rectangles[0].height) * sy >=
            cairo_image_surface_get_height (target);
  cairo_rectangle_list_destroy (rects);
  if (!whole)
    return FALSE;

  options = cairo_font_options_create ();
  plain = cairo_font_options_create ();
  cairo_get_font_options (cr, options);
  same_options = cairo_font_options_equal (options, plain);
  cairo_font_options_destroy (options);
  cairo_font_options_destroy (plain);
  return same_options;
}

/* Every text draw_under() shows, in one string: the title, the legend,
 * the labels of the axes as the locale writes them. */
static char *
under_texts (MgRecording        *recording,
             const MgPlotStyle  *style,
             const MgPlotLayout *l)
{
  GString *texts = g_string_new (style->font_family != NULL ? style->font_family : "");
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  LegendItem items[8];
  guint n = legend_items (recording, style, l->vsz_own_axis, items);

  header_texts (recording, style, &title, &subtitle);
  g_string_append_printf (texts, "\n%s\n%s\n", title, subtitle);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (texts, "%s|%d|%d|%d\n", items[i].name, items[i].kind,
                            items[i].series, items[i].shown);
  draw_axes (NULL, l, style, NULL, texts);
  return g_string_free (texts, FALSE);
}

static gboolean
same_under (const UnderLayer *a,
            const UnderLayer *b)
{
  return a->format == b->format && a->surface_width == b->surface_width &&
         a->surface_height == b->surface_height && a->device_x == b->device_x &&
         a->device_y == b->device_y && a->width == b->width && a->height == b->height &&
         same_style (&a->style, &b->style) && same_layout (&a->layout, &b->layout) &&
         g_str_equal (a->texts, b->texts);
}

/* Draws what draw_under() draws, from a copy of its pixels kept in
 * @recording's summaries while size, scale, style, axes and texts stay:
 * text and grid are the part of a whole frame that does not change
 * between frames of one view. A view is kept from its second frame on,
 * so that an image exported once keeps nothing. */
static void
draw_under_kept (cairo_t           *cr,
                 int                width,
                 int                height,
                 MgRecording       *recording,
                 const MgPlotStyle *style,
                 MgPlotLayout      *l)
{
  cairo_surface_t *target = cairo_get_target (cr);
  UnderLayer key, *layer = NULL, *oldest = NULL;
  Summaries *all;

  if (!under_can_be_kept (cr, style))
    {
      draw_under (cr, width, height, recording, style, l);
      return;
    }

  memset (&key, 0, sizeof key);
  key.format = cairo_image_surface_get_format (target);
  key.surface_width = cairo_image_surface_get_width (target);
  key.surface_height = cairo_image_surface_get_height (target);
  cairo_surface_get_device_scale (target, &key.device_x, &key.device_y);
  key.width = width;
  key.height = height;
  under_style (style, &key.style);
  mg_plot_layout (&key.layout, cr, width, height, recording, style);
  key.texts = under_texts (recording, style, &key.layout);

  all = summaries_of (recording);
  all->clock++;
  for (guint k = 0; k < all->layers->len && layer == NULL; k++)
    {
      UnderLayer *x = g_ptr_array_index (all->layers, k);

      if (same_under (x, &key))
        layer = x;
      else if (oldest == NULL || x->used < oldest->used)
        oldest = x;
    }

  if (layer == NULL)
    {
      /* Seen once: noted, drawn straight onto @cr. */
      if (all->layers->len < MAX_UNDER_LAYERS)
        {
          layer = g_new0 (UnderLayer, 1);
          g_ptr_array_add (all->layers, layer);
        }
      else
        {
          layer = oldest;
          g_free (layer->texts);
          g_clear_pointer (&layer->surface, cairo_surface_destroy);
        }
      *layer = key;
      layer->used = all->clock;
      draw_under (cr, width, height, recording, style, l);
      return;
    }
  g_free (key.texts);
  layer->used = all->clock;

  if (layer->surface == NULL)
    {
      cairo_t *under;

      layer->surface = cairo_image_surface_create (layer->format, layer->surface_width,
                                                   layer->surface_height);
      cairo_surface_set_device_scale (layer->surface, layer->device_x, layer->device_y);
      under = cairo_create (layer->surface);
      draw_under (under, width, height, recording, style, l);
      cairo_destroy (under);
      all->n_layers_drawn++;
    }
  else
    all->n_layers_reused++;
  *l = layer->layout;

  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, layer->surface, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
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
  mg_plot_render_full (cr, width, height, recording, style, NULL);
}

/**
 * mg_plot_render_full:
 * @layout: (out) (optional): where to store the layout used, which saves
 *   the caller computing it again
 *
 * Like mg_plot_render().
 */
void
mg_plot_render_full (cairo_t           *cr,
                     int                width,
                     int                height,
                     MgRecording       *recording,
                     const MgPlotStyle *style,
                     MgPlotLayout      *layout)
{
  MgPlotLayout l;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (MG_IS_RECORDING (recording));
  g_return_if_fail (style != NULL);

  if (width <= 0 || height <= 0)
    return;

  cairo_save (cr);
  draw_under_kept (cr, width, height, recording, style, &l);
  draw_curves (cr, &l, recording, style, NULL);
  draw_over (cr, &l, recording, style);
  if (layout != NULL)
    *layout = l;
  cairo_restore (cr);
}

/**
 * mg_plot_run_color:
 * @index: a run's place in a comparison
 *
 * Returns: (transfer none): its colour
 */
const MgColor *
mg_plot_run_color (const MgPlotStyle *style,
                   guint              index)
{
  return &style->runs[index % G_N_ELEMENTS (style->runs)];
}

/**
 * mg_plot_layout_compare:
 *
 * Like mg_plot_layout() for mg_plot_render_compare(): runs aligned at
 * their starts on one time axis, one line of the comparison per run above.
 */
void
mg_plot_layout_compare (MgPlotLayout      *layout,
                        cairo_t           *cr,
                        int                width,
                        int                height,
                        MgRecording      **runs,
                        guint              n_runs,
                        const MgPlotStyle *style)
{
  g_autoptr(PangoLayout) title = make_layout (cr, style, style->font_size * 1.3, TRUE);
  g_autoptr(PangoLayout) small = make_layout (cr, style, style->font_size, FALSE);
  double s = style->scale;
  double title_h, small_h, left_w;
  guint64 peak = 0;
  double t_max = 0.001;

  memset (layout, 0, sizeof *layout);
  for (guint i = 0; i < n_runs; i++)
    {
      t_max = MAX (t_max, mg_recording_get_duration (runs[i]));
      if (style->view_end > style->view_start)
        {
          guint64 rss, vsz;

          visible_peaks (runs[i], style, style->view_start, style->view_end, &rss, &vsz);
          peak = MAX (peak, rss);
        }
      else
        peak = MAX (peak, mg_recording_get_peak_rss (runs[i]));
    }

  layout->t_min = 0;
  layout->t_max = t_max;
  if (style->view_end > style->view_start)
    {
      layout->t_min = MAX (style->view_start, 0);
      layout->t_max = MAX (style->view_end, layout->t_min + 1e-6);
    }
  time_axis (&layout->time, layout->t_max - layout->t_min);
  mg_axis_for_bytes (&layout->rss, MAX (peak * 1.05, 1024.0 * 1024.0));
  layout->vsz = layout->rss;

  text_size (title, "Mg", NULL, &title_h);
  text_size (small, "Mg", NULL, &small_h);
  left_w = max_label_width (small, &layout->rss);

  layout->x0 = PAD * s + left_w + 6 * s;
  layout->x1 = MAX (width - PAD * s - 8 * s, layout->x0 + 1);
  layout->legend_y0 = PAD * s + title_h + 6 * s;
  layout->legend_y1 = layout->legend_y0 + n_runs * (small_h + 2 * s);
  layout->y0 = layout->legend_y1 + 10 * s;
  layout->y1 = MAX (height - PAD * s - small_h - 6 * s, layout->y0 + 1);
}

/**
 * mg_plot_render_compare:
 * @runs: (array length=n_runs): the runs; the first is the reference
 * @labels: (array length=n_runs): their names
 * @layout: (out) (optional): where to store the layout used
 *
 * Draws the RSS of several runs on one time axis, aligned at their starts,
 * each in its own colour, with one line per run saying its peak and
 * duration and their difference to the first.
 */
void
mg_plot_render_compare (cairo_t           *cr,
                        int                width,
                        int                height,
                        MgRecording      **runs,
                        const char       **labels,
                        guint              n_runs,
                        const MgPlotStyle *style,
                        MgPlotLayout      *layout)
{
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) small = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *heading = NULL;
  Series rss = { { MG_FIELD_OFFSET (MG_FIELD_RSS) }, 1 };
  MgPlotStyle run_style;
  MgPlotLayout l;
  double s, small_h;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (n_runs > 0 && runs != NULL && labels != NULL);

  if (width <= 0 || height <= 0)
    return;

  s = style->scale;
  cairo_save (cr);
  if (style->draw_background)
    {
      set_color (cr, &style->background);
      cairo_paint (cr);
    }

  mg_plot_layout_compare (&l, cr, width, height, runs, n_runs, style);
  title = make_layout (cr, style, style->font_size * 1.3, TRUE);
  small = make_layout (cr, style, style->font_size, FALSE);
  text_size (small, "Mg", NULL, &small_h);

  /* TRANSLATORS: title of a graph of several runs */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Peak RSS of %u run",
                                          "Peak RSS of %u runs, aligned at their starts", n_runs),
                             n_runs);
  set_color (cr, &style->foreground);
  /* On a narrow graph the heading and each run's line end in an ellipsis
   * rather than run past the edge; the window shows the lines whole. */
  fit_width (title, width - 2 * PAD * s);
  draw_text (cr, title, heading, PAD * s, PAD * s, 0.0);

  lines = mg_compare_summary (runs, labels, n_runs);
  for (guint i = 0; i < n_runs; i++)
    {
      double y = l.legend_y0 + i * (small_h + 2 * s);
      double x = l.x0;

      fit_width (small, width - PAD * s - (x + 24 * s));
      draw_legend_item (cr, style, small, lines[i], mg_plot_run_color (style, i), DRAW_LINE, &x, y,
                        small_h);
    }
  fit_width (small, 0);

  draw_axes (cr, &l, style, small, NULL);

  run_style = *style;
  run_style.process = -1;
  for (guint i = 0; i < n_runs; i++)
    {
      guint n = mg_recording_get_n_samples (runs[i]);
      MgSamples *samples = mg_recording_get_samples (runs[i]);
      const MgColor *color = mg_plot_run_color (style, i);
      guint64 peak = mg_recording_get_peak_rss (runs[i]);
      double peak_t = mg_recording_get_peak_rss_time (runs[i]);
      double from, to;

      draw_series (cr, runs[i], &l, samples, n, &rss,
                   mg_recording_get_pyramid (runs[i], MG_FIELD_OFFSET (MG_FIELD_RSS)),
                   &l.rss, color, DRAW_LINE, s, NULL);

      /* Each run's peak, where it was (or in the middle of its window). */
      if (mg_recording_get_peak_window (runs[i], &from, &to))
        peak_t = (from + to) / 2;
      if (peak > 0 && peak_t >= l.t_min && peak_t <= l.t_max)
        {
          set_color (cr, color);
          cairo_arc (cr, mg_plot_x_for_time (&l, peak_t), mg_plot_y_for_value (&l, &l.rss, peak),
                     3.5 * s, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }

  /* The readout: every run's nearest sample at the crosshair. */
  if (style->hover_time >= l.t_min && style->hover_time <= l.t_max)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      double x = mg_plot_x_for_time (&l, style->hover_time);

      vertical_line (cr, &l, style->hover_time, &style->foreground, 0.9, 0, s);
      g_string_append_printf (text, "%.3f s", style->hover_time);
      for (guint i = 0; i < n_runs; i++)
        {
          int k = mg_plot_nearest_sample (runs[i], &run_style, style->hover_time);
          g_autofree char *v = NULL;

          if (k < 0)
            continue;
          v = mg_format_bytes (mg_samples_get_value (mg_recording_get_samples (runs[i]), k,
                                                     MG_FIELD_OFFSET (MG_FIELD_RSS)));
          g_string_append_printf (text, "\n%s %s", labels[i], v);
        }
      draw_readout_box (cr, &l, style, small, x, text->str);
    }

  if (layout != NULL)
    *layout = l;
  cairo_restore (cr);
}

/* A frame kept between draws (see mg_plot_frame_render()). */
struct _MgPlotFrame
{
  /* What the last frame was drawn from. */
  gboolean         valid;
  int              width, height;
  double           device_scale;
  MgPlotStyle      style;
  MgPlotLayout     layout;
  char            *header;      /* title, subtitle */
  char            *over;        /* what lies over the curves, as text */
  GPtrArray       *curves;      /* of GByteArray, from draw_curves()'s sink */

  /* The last frame's layers, in device pixels: what lies under the curves,
   * and that with the curves drawn on it. */
  cairo_surface_t *under;
  cairo_surface_t *with_curves;

  /* Where text is measured when no frame is drawn. */
  cairo_surface_t *measure_surface;
  cairo_t         *measure;

  guint            n_under, n_curves_full, n_curves_partial;
};

MgPlotFrame *
mg_plot_frame_new (void)
{
  MgPlotFrame *frame = g_new0 (MgPlotFrame, 1);

  frame->measure_surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  frame->measure = cairo_create (frame->measure_surface);
  return frame;
}

void
mg_plot_frame_free (MgPlotFrame *frame)
{
  if (frame == NULL)
    return;
  g_free (frame->header);
  g_free (frame->over);
  g_clear_pointer (&frame->curves, g_ptr_array_unref);
  g_clear_pointer (&frame->under, cairo_surface_destroy);
  g_clear_pointer (&frame->with_curves, cairo_surface_destroy);
  cairo_destroy (frame->measure);
  cairo_surface_destroy (frame->measure_surface);
  g_free (frame);
}

/**
 * mg_plot_frame_invalidate:
 *
 * Forgets the kept frame: the next one is drawn whole.
 */
void
mg_plot_frame_invalidate (MgPlotFrame *frame)
{
  g_return_if_fail (frame != NULL);
  frame->valid = FALSE;
}

/* What lies over the curves, as text: the peak, the markers, the exit,
 * the sample under the crosshair. */
static char *
over_text (MgRecording       *recording,
           const MgPlotStyle *style)
{
  GString *text = g_string_new (NULL);
  const MgExit *exit_info = mg_recording_get_exit (recording);
  double from = 0, to = 0;
  gboolean window = mg_recording_get_peak_window (recording, &from, &to);

  g_string_append_printf (text, "%u %d %d|%" G_GUINT64_FORMAT " %a %d %a %a|",
                          mg_recording_get_n_samples (recording) == 0, exit_info->kind,
                          exit_info->code,
                          shown_peak (recording, style, MG_FIELD_OFFSET (MG_FIELD_RSS)),
                          mg_recording_get_peak_rss_time (recording), window, from, to);
  if (exit_info->kind != MG_EXIT_RUNNING)
    g_string_append_printf (text, "%a|", mg_recording_get_duration (recording));
  g_string_append_printf (text, "%" G_GUINT64_FORMAT "|", mg_recording_get_budget (recording));
  /* Markers are only ever added, each for good. */
  g_string_append_printf (text, "%u|", mg_recording_get_n_markers (recording));
  if (style->process >= 0 && (guint) style->process < mg_recording_get_n_processes (recording))
    {
      const MgProcess *p = mg_recording_get_process (recording, style->process);

      g_string_append_printf (text, "|%a %a", p->start_s, p->end_s);
      /* The band of an unsampled peak runs to the last sample. */
      g_string_append_printf (text, " %u", mg_recording_get_n_samples (recording));
    }
  if (style->hover_time >= 0)
    g_string_append_printf (text, "|%d", mg_plot_nearest_sample (recording, style,
                                                                 style->hover_time));
  return g_string_free (text, FALSE);
}

/* Whether two columns would be drawn alike: cairo draws paths in fixed
 * point, 1/256 of a device pixel, so positions that round alike there
 * reach the same pixels. */
static gboolean
same_column (const SinkColumn *a,
             const SinkColumn *b,
             double            device_scale)
{
  double k = 256 * device_scale;

  return llround (a->x * k) == llround (b->x * k) && llround (a->lo * k) == llround (b->lo * k) &&
         llround (a->hi * k) == llround (b->hi * k) &&
         llround (a->first * k) == llround (b->first * k) &&
         llround (a->last * k) == llround (b->last * k);
}

/* Where the curves of @b first differ from those of @a, in device units
 * from the left: 0 for everywhere, G_MAXDOUBLE for nowhere. */
static double
curves_differ_from (GPtrArray *a,
                    GPtrArray *b,
                    double     device_scale)
{
  double from = G_MAXDOUBLE;

  if (a == NULL || a->len != b->len)
    return 0;
  for (guint k = 0; k < a->len; k++)
    {
      GByteArray *x = g_ptr_array_index (a, k), *y = g_ptr_array_index (b, k);
      gsize head = sizeof (SinkHeader);
      const SinkColumn *cx, *cy;
      guint nx, ny, c;

      if (x->len == y->len && memcmp (x->data, y->data, x->len) == 0)
        continue;
      /* A series' kind or density changed, or the PSS dots' range. */
      if (x->len < head || y->len < head || memcmp (x->data, y->data, head) != 0)
        return 0;
      cx = (const SinkColumn *) (x->data + head);
      cy = (const SinkColumn *) (y->data + head);
      nx = (x->len - head) / sizeof (SinkColumn);
      ny = (y->len - head) / sizeof (SinkColumn);
      for (c = 0; c < MIN (nx, ny); c++)
        if (!same_column (&cx[c], &cy[c], device_scale))
          break;
      if (c == nx && c == ny)
        continue;
      /* From the column before: the line or band joins it to this one. */
      if (c == 0)
        return 0;
      from = MIN (from, MIN (cx[c - 1].x, cy[c - 1].x));
    }
  /* Strokes and dots are drawn whole when anything changed: cairo leaves
   * out of a stroke what a clip hides, and what it draws of the rest then
   * differs by a shade at the clip's edge. Only bands and areas are drawn
   * from a column on. */
  if (from < G_MAXDOUBLE)
    for (guint k = 0; k < b->len; k++)
      {
        GByteArray *y = g_ptr_array_index (b, k);

        if (y->len >= sizeof (SinkHeader) && ((const SinkHeader *) y->data)->stroked)
          return 0;
      }
  return from;
}

/* The context text is measured on for frames at @device_scale. */
static cairo_t *
measure_at (MgPlotFrame *frame,
            double       device_scale)
{
  double x, y;

  cairo_surface_get_device_scale (frame->measure_surface, &x, &y);
  if (x != device_scale)
    {
      cairo_destroy (frame->measure);
      cairo_surface_set_device_scale (frame->measure_surface, device_scale, device_scale);
      frame->measure = cairo_create (frame->measure_surface);
    }
  return frame->measure;
}

/* What a frame of @recording would be drawn from, measured on @cr. */
static void
frame_inputs (cairo_t           *cr,
              int                width,
              int                height,
              MgRecording       *recording,
              const MgPlotStyle *style,
              MgPlotLayout      *layout,
              char             **header,
              char             **over,
              GPtrArray        **curves)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  mg_plot_layout (layout, cr, width, height, recording, style);
  header_texts (recording, style, &title, &subtitle);
  *header = g_strconcat (title, "\n", subtitle, NULL);
  *over = over_text (recording, style);
  *curves = g_ptr_array_new_with_free_func ((GDestroyNotify) g_byte_array_unref);
  draw_curves (NULL, layout, recording, style, *curves);
}

/**
 * mg_plot_frame_changes:
 * @device_scale: device pixels per unit of the target
 *
 * What a frame of @recording in @style would change from the last one
 * mg_plot_frame_render() drew: nothing (same size, style, axes, texts,
 * markers, peak, and the same columns of every curve: a new sample in the
 * last column, within its lowest and highest, changes nothing), only the
 * title and subtitle, or more.
 *
 * Returns: the #MgPlotFrameChange
 */
MgPlotFrameChange
mg_plot_frame_changes (MgPlotFrame       *frame,
                       int                width,
                       int                height,
                       double             device_scale,
                       MgRecording       *recording,
                       const MgPlotStyle *style)
{
  g_autofree char *header = NULL;
  g_autofree char *over = NULL;
  g_autoptr(GPtrArray) curves = NULL;
  MgPlotLayout l;

  g_return_val_if_fail (frame != NULL, MG_PLOT_FRAME_CHANGE_PIXELS);
  g_return_val_if_fail (MG_IS_RECORDING (recording), MG_PLOT_FRAME_CHANGE_PIXELS);

  if (!frame->valid || width != frame->width || height != frame->height ||
      device_scale != frame->device_scale || !same_style (style, &frame->style))
    return MG_PLOT_FRAME_CHANGE_PIXELS;
  frame_inputs (measure_at (frame, device_scale), width, height, recording, style, &l, &header,
                &over, &curves);
  if (!same_layout (&l, &frame->layout) || !g_str_equal (over, frame->over) ||
      curves_differ_from (frame->curves, curves, device_scale) != G_MAXDOUBLE)
    return MG_PLOT_FRAME_CHANGE_PIXELS;
  return g_str_equal (header, frame->header) ? MG_PLOT_FRAME_CHANGE_NONE
                                             : MG_PLOT_FRAME_CHANGE_TEXT;
}

/**
 * mg_plot_frame_is_current:
 *
 * Returns: whether a frame of @recording in @style would draw the same
 *   pixels as the last one (see mg_plot_frame_changes())
 */
gboolean
mg_plot_frame_is_current (MgPlotFrame       *frame,
                          int                width,
                          int                height,
                          double             device_scale,
                          MgRecording       *recording,
                          const MgPlotStyle *style)
{
  return mg_plot_frame_changes (frame, width, height, device_scale, recording, style) ==
         MG_PLOT_FRAME_CHANGE_NONE;
}

static cairo_surface_t *
layer_new (int    width,
           int    height,
           double device_scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int) ceil (width * device_scale),
                                                         (int) ceil (height * device_scale));

  cairo_surface_set_device_scale (surface, device_scale, device_scale);
  return surface;
}

/* Copies @from onto @to inside the rectangle, in whole device pixels. */
static void
copy_layer (cairo_surface_t *to,
            cairo_surface_t *from,
            double           x,
            double           y,
            double           w,
            double           h)
{
  cairo_t *cr = cairo_create (to);

  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, from, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
}

/**
 * mg_plot_frame_render:
 * @frame: what was kept of the last frame
 * @device_scale: device pixels per unit of @cr's target
 * @layout: (out) (optional): the layout used
 *
 * Draws what mg_plot_render_full() draws, pixel for pixel, keeping what it
 * can of the last frame: what lies under the curves (background, title,
 * legend, axes, grid) is drawn again only when size, scale, style, axes or
 * texts change; the curves only from their first changed column on (while
 * following a run with axes unchanged, only the new columns). What lies
 * over the curves (mark, markers, peak, readout) is drawn every frame.
 * Exports draw with mg_plot_render_full() instead.
 */
void
mg_plot_frame_render (MgPlotFrame       *frame,
                      cairo_t           *cr,
                      int                width,
                      int                height,
                      double             device_scale,
                      MgRecording       *recording,
                      const MgPlotStyle *style,
                      MgPlotLayout      *layout)
{
  g_autofree char *header = NULL;
  g_autofree char *over = NULL;
  g_autoptr(GPtrArray) curves = NULL;
  MgPlotStyle base, kept_base;
  MgPlotLayout l, drawn;
  gboolean redraw_under, redraw_curves;
  double dirty_from = 0;
  double s;

  g_return_if_fail (frame != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (MG_IS_RECORDING (recording));
  g_return_if_fail (style != NULL);

  if (width <= 0 || height <= 0)
    return;
  if (!style->draw_background || device_scale <= 0)
    {
      /* Without an opaque background there is nothing to keep. */
      frame->valid = FALSE;
      mg_plot_render_full (cr, width, height, recording, style, layout);
      return;
    }
  s = style->scale;

  frame_inputs (measure_at (frame, device_scale), width, height, recording, style, &l, &header,
                &over, &curves);
  under_style (style, &base);
  under_style (&frame->style, &kept_base);

  if (!frame->valid || width != frame->width || height != frame->height ||
      device_scale != frame->device_scale || frame->under == NULL)
    {
      g_clear_pointer (&frame->under, cairo_surface_destroy);
      g_clear_pointer (&frame->with_curves, cairo_surface_destroy);
      frame->under = layer_new (width, height, device_scale);
      frame->with_curves = layer_new (width, height, device_scale);
      redraw_under = redraw_curves = TRUE;
    }
  else if (!same_style (&base, &kept_base) || !same_layout (&l, &frame->layout))
    redraw_under = redraw_curves = TRUE;
  else
    {
      redraw_under = !g_str_equal (header, frame->header);
      dirty_from = curves_differ_from (frame->curves, curves, device_scale);
      redraw_curves = dirty_from == 0;
    }

  if (redraw_under)
    {
      cairo_t *under = cairo_create (frame->under);

      draw_under (under, width, height, recording, style, &drawn);
      cairo_destroy (under);
      frame->n_under++;
      /* Only the texts above the plot area changed: copy them across. */
      if (!redraw_curves)
        copy_layer (frame->with_curves, frame->under, 0, 0, width,
                    floor ((l.y0 - 2 * s) * device_scale) / device_scale);
    }

  if (redraw_curves || dirty_from < G_MAXDOUBLE)
    {
      cairo_t *top = cairo_create (frame->with_curves);
      double x = 0;

      if (!redraw_curves)
        {
          /* From a little before the first changed column: the join to it,
           * half a line's width, a PSS dot's radius. */
          x = floor ((dirty_from - 4 * s - 2) * device_scale) / device_scale;
          x = MAX (x, 0);
          frame->n_curves_partial++;
        }
      else
        frame->n_curves_full++;
      copy_layer (frame->with_curves, frame->under, x, 0, width - x, height);
      cairo_rectangle (top, x, 0, width - x, height);
      cairo_clip (top);
      draw_curves (top, &l, recording, style, NULL);
      cairo_destroy (top);
    }

  cairo_save (cr);
  cairo_set_source_surface (cr, frame->with_curves, 0, 0);
  cairo_paint (cr);
  draw_over (cr, &l, recording, style);
  cairo_restore (cr);

  frame->valid = TRUE;
  frame->width = width;
  frame->height = height;
  frame->device_scale = device_scale;
  frame->style = *style;
  frame->layout = l;
  g_free (frame->header);
  frame->header = g_steal_pointer (&header);
  g_free (frame->over);
  frame->over = g_steal_pointer (&over);
  g_clear_pointer (&frame->curves, g_ptr_array_unref);
  frame->curves = g_steal_pointer (&curves);
  if (layout != NULL)
    *layout = l;
}

/* How often the layers were drawn: what lies under the curves, and the
 * curves whole or from a column on. */
void
_mg_plot_frame_get_counts (MgPlotFrame *frame,
                           guint       *n_under,
                           guint       *n_curves_full,
                           guint       *n_curves_partial)
{
  *n_under = frame->n_under;
  *n_curves_full = frame->n_curves_full;
  *n_curves_partial = frame->n_curves_partial;
}
