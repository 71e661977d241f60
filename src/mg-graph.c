/* mg-graph.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drawing area that shows a recording. It only calls mg_plot_render();
 * redraws are queued per appended sample and coalesced by the frame clock.
 */
#include "config.h"

#include "mg-graph.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

struct _MgGraph
{
  GtkDrawingArea  parent_instance;

  /* owned */
  MgRecording    *recording;
  gulong          samples_handler;
  gulong          finished_handler;

  /* What the theme gives, looked up when it changes, not per frame; and
   * what the person chose, which a theme change leaves alone. */
  MgPlotPalette   palette;
  MgPlotView      view;
  MgPlotLayout    layout;     /* of the last frame, for tooltips */
  MgPlotFrame    *frame;      /* kept, so that a frame draws only what changed */
  guint           text_timeout_id; /* a frame for a changed subtitle alone */
  guint           live_timeout_id; /* the next live frame, for new columns */
  guint           peak_timeout_id; /* the next peak frame, for a new peak */
  guint64         drawn_peak;      /* the peak RSS when the last frame was drawn */
  guint           n_draws;
  gboolean        draw_pending;    /* we asked for a frame, not yet drawn */

  /* Several runs overlaid, when comparing. */
  GPtrArray      *compare_runs;
  GStrv           compare_labels;

  /* Zoom and pan: a fixed time range, or the whole run (following it). */
  double          drag_start_view;
  double          drag_start_end;
  double          pinch_scale;
};

G_DEFINE_FINAL_TYPE (MgGraph, mg_graph, GTK_TYPE_DRAWING_AREA)

enum {
  PROP_0,
  PROP_RECORDING,
  PROP_SHOW_VSZ,
  PROP_SHOW_KINDS,
  PROP_SHOW_RSS,
  PROP_SHOW_PSS,
  PROP_SHOW_ENVELOPE,
  PROP_FOLLOWING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A frame of the graph: the window knows one is coming
 * (mg_graph_get_draw_pending()). */
static void
queue_frame (MgGraph *self)
{
  self->draw_pending = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The interface font and its scaling, as GTK's labels use them: the family
 * of gtk-font-name, its size scaled by gtk-xft-dpi over 96. The family is
 * interned, so that a style taken for an export stays valid. */
static void
read_font (MgPlotPalette *palette)
{
  GtkSettings *settings = gtk_settings_get_default ();
  g_autoptr(PangoFontDescription) font = NULL;
  g_autofree char *name = NULL;
  const char *family;
  double size;
  int dpi = 0;

  if (settings == NULL)
    return;
  g_object_get (settings, "gtk-font-name", &name, "gtk-xft-dpi", &dpi, NULL);
  if (name == NULL)
    return;
  font = pango_font_description_from_string (name);
  family = pango_font_description_get_family (font);
  size = (double) pango_font_description_get_size (font) / PANGO_SCALE;
  if (pango_font_description_get_size_is_absolute (font))
    size *= 72.0 / 96.0;
  if (family != NULL && *family != '\0')
    {
      g_autofree char *families = g_strdup_printf ("%s, Sans", family);

      palette->font_family = g_intern_string (families);
    }
  if (size > 0)
    palette->font_size = size * (dpi > 0 ? dpi / 1024.0 / 96.0 : 1.0);
}

/* Only the palette: the view stays as the person left it. */
static void
update_palette (MgGraph *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  mg_plot_palette_init (&self->palette, adw_style_manager_get_dark (manager));
  read_font (&self->palette);
  queue_frame (self);
}

static void
draw (GtkDrawingArea *area,
      cairo_t        *cr,
      int             width,
      int             height,
      gpointer        user_data)
{
  MgGraph *self = MG_GRAPH (area);
  MgPlotStyle style;

  mg_graph_get_style (self, &style);
  self->n_draws++;
  self->draw_pending = FALSE;
  /* Whatever waited for a frame is in this one. */
  g_clear_handle_id (&self->text_timeout_id, g_source_remove);
  g_clear_handle_id (&self->live_timeout_id, g_source_remove);
  g_clear_handle_id (&self->peak_timeout_id, g_source_remove);
  self->drawn_peak = self->recording != NULL ? mg_recording_get_peak_rss (self->recording) : 0;
  if (self->compare_runs != NULL)
    {
      mg_plot_render_compare (cr, width, height, (MgRecording **) self->compare_runs->pdata,
                              (const char **) self->compare_labels, self->compare_runs->len,
                              &style, &self->layout);
      return;
    }
  if (self->recording == NULL)
    return;
  mg_plot_frame_render (self->frame, cr, width, height,
                        gtk_widget_get_scale_factor (GTK_WIDGET (self)), self->recording, &style,
                        &self->layout);
}

static gboolean
has_content (MgGraph *self)
{
  return self->recording != NULL || self->compare_runs != NULL;
}

/* The whole time range shown now. */
static void
current_view (MgGraph *self,
              double  *start,
              double  *end)
{
  if (self->view.view_end > self->view.view_start)
    {
      *start = self->view.view_start;
      *end = self->view.view_end;
    }
  else
    {
      *start = self->layout.t_min;
      *end = MAX (self->layout.t_max, self->layout.t_min + 1e-3);
    }
}

static double
content_duration (MgGraph *self)
{
  double d = 0.001;

  if (self->compare_runs != NULL)
    for (guint i = 0; i < self->compare_runs->len; i++)
      d = MAX (d, mg_recording_get_duration (g_ptr_array_index (self->compare_runs, i)));
  else if (self->recording != NULL)
    d = MAX (d, mg_recording_get_duration (self->recording));
  return d;
}

static void
set_view (MgGraph *self,
          double   start,
          double   end)
{
  double duration = content_duration (self);
  double span = CLAMP (end - start, 1e-4, duration);
  gboolean was_following = self->view.view_end <= self->view.view_start;

  /* Zoomed all the way out is the whole run again: follow it. */
  if (span >= duration * 0.999)
    {
      self->view.view_start = 0;
      self->view.view_end = -1;
    }
  else
    {
      start = CLAMP (start, 0, duration - span);
      self->view.view_start = start;
      self->view.view_end = start + span;
    }
  if (was_following != (self->view.view_end <= self->view.view_start))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOWING]);
  queue_frame (self);
}

/**
 * mg_graph_zoom:
 * @factor: above 1 zooms in, below 1 out
 * @at_time: the time that stays where it is, or < 0 for the middle
 *
 * Zooms the time axis.
 */
void
mg_graph_zoom (MgGraph *self,
               double   factor,
               double   at_time)
{
  double start, end, span;

  g_return_if_fail (MG_IS_GRAPH (self));
  g_return_if_fail (factor > 0);

  if (!has_content (self))
    return;
  current_view (self, &start, &end);
  span = end - start;
  if (at_time < 0)
    at_time = start + span / 2;
  set_view (self, at_time - (at_time - start) / factor, at_time + (end - at_time) / factor);
}

/**
 * mg_graph_pan:
 * @fraction: how much of the visible range to move, negative to the left
 *
 * Moves the visible range along the time axis.
 */
void
mg_graph_pan (MgGraph *self,
              double   fraction)
{
  double start, end;

  g_return_if_fail (MG_IS_GRAPH (self));

  if (!has_content (self))
    return;
  current_view (self, &start, &end);
  set_view (self, start + fraction * (end - start), end + fraction * (end - start));
}

/**
 * mg_graph_follow:
 *
 * Shows the whole run again, following a live one as it grows.
 */
void
mg_graph_follow (MgGraph *self)
{
  g_return_if_fail (MG_IS_GRAPH (self));
  set_view (self, 0, G_MAXDOUBLE);
}

gboolean
mg_graph_get_following (MgGraph *self)
{
  g_return_val_if_fail (MG_IS_GRAPH (self), TRUE);
  return self->view.view_end <= self->view.view_start;
}

/**
 * mg_graph_set_hover_time:
 * @time_s: where the crosshair is, or < 0 for none
 */
void
mg_graph_set_hover_time (MgGraph *self,
                         double   time_s)
{
  g_return_if_fail (MG_IS_GRAPH (self));

  self->view.hover_time = time_s;
  queue_frame (self);
}

/**
 * mg_graph_set_highlight_time:
 * @time_s: a time to mark, such as a selected output line's, or < 0
 */
void
mg_graph_set_highlight_time (MgGraph *self,
                             double   time_s)
{
  g_return_if_fail (MG_IS_GRAPH (self));

  self->view.highlight_time = time_s;
  queue_frame (self);
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           MgGraph                  *self)
{
  if (!has_content (self) || x < self->layout.x0 || x > self->layout.x1 || y < self->layout.y0 ||
      y > self->layout.y1)
    {
      if (self->view.hover_time >= 0)
        mg_graph_set_hover_time (self, -1);
      return;
    }
  mg_graph_set_hover_time (self, mg_plot_time_for_x (&self->layout, x));
}

static void
on_leave (GtkEventControllerMotion *motion,
          MgGraph                  *self)
{
  mg_graph_set_hover_time (self, -1);
}

static gboolean
on_scroll (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           MgGraph                  *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));

  /* Ctrl+scroll zooms around the crosshair, like maps and editors. */
  if (!(state & GDK_CONTROL_MASK))
    return FALSE;
  mg_graph_zoom (self, pow (1.25, -dy), self->view.hover_time);
  return TRUE;
}

/* The gesture's scale is from its start: zoom by the change since the
 * last step. */
static void
on_pinch (GtkGestureZoom *gesture,
          double          scale,
          MgGraph        *self)
{
  if (scale <= 0)
    return;
  if (self->pinch_scale > 0)
    mg_graph_zoom (self, scale / self->pinch_scale, self->view.hover_time);
  self->pinch_scale = scale;
}

static void
on_pinch_begin (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                MgGraph          *self)
{
  self->pinch_scale = 1;
}

static void
on_drag_begin (GtkGestureDrag *drag,
               double          x,
               double          y,
               MgGraph        *self)
{
  current_view (self, &self->drag_start_view, &self->drag_start_end);
}

static void
on_drag_update (GtkGestureDrag *drag,
                double          dx,
                double          dy,
                MgGraph        *self)
{
  double span = self->drag_start_end - self->drag_start_view;
  double width = self->layout.x1 - self->layout.x0;

  if (width <= 0 || fabs (dx) < 3 || span >= content_duration (self) * 0.999)
    return;
  set_view (self, self->drag_start_view - dx / width * span,
            self->drag_start_end - dx / width * span);
}

/* A click on a legend item shows or hides its series. */
static void
on_click (GtkGestureClick *click,
          int              n_press,
          double           x,
          double           y,
          MgGraph          *self)
{
  int series;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->compare_runs != NULL || self->recording == NULL)
    return;
  series = mg_plot_legend_at (&self->layout, x, y);
  switch (series)
    {
    case MG_PLOT_SERIES_RSS:
      mg_graph_set_series_shown (self, series, !self->view.show_rss);
      break;
    case MG_PLOT_SERIES_VSZ:
      mg_graph_set_series_shown (self, series, !self->view.show_vsz);
      break;
    case MG_PLOT_SERIES_PSS:
      mg_graph_set_series_shown (self, series, !self->view.show_pss);
      break;
    case MG_PLOT_SERIES_ENVELOPE:
      mg_graph_set_series_shown (self, series, !self->view.show_envelope);
      break;
    default:
      break;
    }
}

/**
 * mg_graph_set_series_shown:
 * @series: a #MgPlotSeries
 * @shown: whether to draw it
 */
void
mg_graph_set_series_shown (MgGraph *self,
                           int      series,
                           gboolean shown)
{
  gboolean *field;
  GParamSpec *pspec;

  g_return_if_fail (MG_IS_GRAPH (self));

  shown = !!shown;
  switch (series)
    {
    case MG_PLOT_SERIES_RSS:
      field = &self->view.show_rss;
      pspec = properties[PROP_SHOW_RSS];
      break;
    case MG_PLOT_SERIES_VSZ:
      mg_graph_set_show_vsz (self, shown);
      return;
    case MG_PLOT_SERIES_PSS:
      field = &self->view.show_pss;
      pspec = properties[PROP_SHOW_PSS];
      break;
    case MG_PLOT_SERIES_ENVELOPE:
      field = &self->view.show_envelope;
      pspec = properties[PROP_SHOW_ENVELOPE];
      break;
    default:
      g_return_if_reached ();
    }
  if (*field == shown)
    return;
  *field = shown;
  queue_frame (self);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

/**
 * mg_graph_set_compare:
 * @runs: (nullable) (element-type MgRecording): runs to overlay, or %NULL
 *   to show the recording again
 * @labels: (nullable): their names
 */
void
mg_graph_set_compare (MgGraph            *self,
                      GPtrArray          *runs,
                      const char * const *labels)
{
  g_return_if_fail (MG_IS_GRAPH (self));

  g_clear_pointer (&self->compare_runs, g_ptr_array_unref);
  g_clear_pointer (&self->compare_labels, g_strfreev);
  if (runs != NULL && runs->len > 0)
    {
      self->compare_runs = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < runs->len; i++)
        g_ptr_array_add (self->compare_runs, g_object_ref (g_ptr_array_index (runs, i)));
      self->compare_labels = g_strdupv ((char **) labels);
    }
  mg_graph_follow (self);
  queue_frame (self);
}

gboolean
mg_graph_is_comparing (MgGraph *self)
{
  g_return_val_if_fail (MG_IS_GRAPH (self), FALSE);
  return self->compare_runs != NULL;
}

/* Over the legend, the definition of each series shown. */
static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  MgGraph *self = MG_GRAPH (widget);
  GString *text;

  if (self->recording == NULL || keyboard || y >= self->layout.y0 || y < self->layout.y0 / 2)
    return FALSE;

  text = g_string_new (NULL);
  if (self->view.show_kinds && mg_recording_has_kinds (self->recording))
    {
      g_string_append (text, _("Anonymous: memory not backed by a file (heap, stacks, malloc)\n"));
      g_string_append (text, _("File: pages of mapped files in RAM (code, libraries, mmap)\n"));
      g_string_append (text, _("Shared: shared memory and tmpfs pages in RAM (shm, memfd)\n"));
      g_string_append (text, _("Swap: memory moved out of RAM to swap (not part of RSS)\n"));
    }
  g_string_append (text, _("RSS: resident set size, the memory the processes hold in RAM"));
  if (self->view.show_vsz)
    g_string_append (text, _("\nVSZ: virtual size, all the address space mapped, used or not"));
  if (mg_recording_has_pss (self->recording))
    g_string_append (text, _("\nPSS: resident memory with shared pages divided among their sharers"));
  if (self->view.show_envelope && mg_recording_has_envelope (self->recording))
    g_string_append (text, _("\nHighest RSS between samples: the exact maximum of each interval"));
  gtk_tooltip_set_text (tooltip, text->str);
  g_string_free (text, TRUE);
  return TRUE;
}

/* A live run's frames come at most this often, on the multiples of it of
 * the monotonic clock, where the window's strip is updated too: new
 * columns, the axes growing and the subtitle share one frame with the
 * strip's figures instead of each drawing the window again. Under GL on
 * llvmpipe a frame of the window costs about 45 ms of CPU: at 500 ms the
 * window took 9 % of a core while showing a 0.1 s run, at 1 s 6 %. */
#define LIVE_FRAME_MS 1000

/* A new peak is drawn sooner, at the next multiple of this, strip and
 * graph in one frame. At once, as before, a program whose memory grows had
 * a frame per sample, each of the whole graph as the axes grow: the window
 * took 34 % of a core watching one at 0.1 s (cairo renderer, a 2-core VM),
 * 55 % at 0.01 s; 12 % and 17 % at 250 ms, 8 % and 12 % at 500 ms. */
#define PEAK_FRAME_MS 500

/**
 * mg_graph_ms_to_live_frame:
 *
 * Returns: the milliseconds to the next live frame, at least 1
 */
guint
mg_graph_ms_to_live_frame (void)
{
  guint ms = LIVE_FRAME_MS - (guint) (g_get_monotonic_time () / 1000 % LIVE_FRAME_MS);

  return MAX (ms, 1);
}

/* Milliseconds to the next frame that shows a new peak. */
static guint
ms_to_peak_frame (void)
{
  guint ms = PEAK_FRAME_MS - (guint) (g_get_monotonic_time () / 1000 % PEAK_FRAME_MS);

  return MAX (ms, 1);
}

static gboolean
on_peak_timeout (gpointer user_data)
{
  MgGraph *self = user_data;

  self->peak_timeout_id = 0;
  queue_frame (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_text_timeout (gpointer user_data)
{
  MgGraph *self = user_data;

  self->text_timeout_id = 0;
  queue_frame (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_live_timeout (gpointer user_data)
{
  MgGraph *self = user_data;

  self->live_timeout_id = 0;
  queue_frame (self);
  return G_SOURCE_REMOVE;
}

/* A new sample draws a frame only when it changes a pixel: a column, the
 * axes, the peak; a change of the title or subtitle alone waits a little
 * for one. A new peak is drawn at once, as the strip says it at once (one
 * figure in both); other changes wait for the next live frame. */
static void
on_samples_added (MgGraph *self)
{
  MgPlotFrameChange change = MG_PLOT_FRAME_CHANGE_PIXELS;
  MgPlotStyle style;

  /* A live frame is due anyway, and will show this sample: no need to
   * measure what it changes, unless it is a new peak. A peak frame shows
   * everything. */
  if (self->peak_timeout_id != 0 ||
      (self->live_timeout_id != 0 && self->recording != NULL &&
       mg_recording_get_peak_rss (self->recording) == self->drawn_peak))
    return;
  if (self->compare_runs == NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      mg_graph_get_style (self, &style);
      change = mg_plot_frame_changes (self->frame, gtk_widget_get_width (GTK_WIDGET (self)),
                                      gtk_widget_get_height (GTK_WIDGET (self)),
                                      gtk_widget_get_scale_factor (GTK_WIDGET (self)),
                                      self->recording, &style);
    }
  if (change == MG_PLOT_FRAME_CHANGE_NONE)
    return;
  if (change == MG_PLOT_FRAME_CHANGE_TEXT)
    {
      if (self->text_timeout_id == 0 && self->live_timeout_id == 0)
        self->text_timeout_id = g_timeout_add (mg_graph_ms_to_live_frame (), on_text_timeout,
                                               self);
      return;
    }
  if (self->recording != NULL && mg_recording_get_peak_rss (self->recording) != self->drawn_peak)
    {
      g_clear_handle_id (&self->text_timeout_id, g_source_remove);
      self->peak_timeout_id = g_timeout_add (ms_to_peak_frame (), on_peak_timeout, self);
      return;
    }
  g_clear_handle_id (&self->text_timeout_id, g_source_remove);
  if (self->live_timeout_id == 0)
    self->live_timeout_id = g_timeout_add (mg_graph_ms_to_live_frame (), on_live_timeout, self);
}

static void
on_recording_changed (MgGraph *self)
{
  queue_frame (self);
}

static void
mg_graph_dispose (GObject *object)
{
  MgGraph *self = (MgGraph *) object;

  mg_graph_set_recording (self, NULL);
  g_clear_handle_id (&self->text_timeout_id, g_source_remove);
  g_clear_handle_id (&self->live_timeout_id, g_source_remove);
  g_clear_handle_id (&self->peak_timeout_id, g_source_remove);
  g_clear_pointer (&self->frame, mg_plot_frame_free);
  g_clear_pointer (&self->compare_runs, g_ptr_array_unref);
  g_clear_pointer (&self->compare_labels, g_strfreev);

  G_OBJECT_CLASS (mg_graph_parent_class)->dispose (object);
}

static void
mg_graph_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  MgGraph *self = MG_GRAPH (object);

  switch (prop_id)
    {
    case PROP_RECORDING:
      g_value_set_object (value, self->recording);
      break;
    case PROP_SHOW_VSZ:
      g_value_set_boolean (value, self->view.show_vsz);
      break;
    case PROP_SHOW_KINDS:
      g_value_set_boolean (value, self->view.show_kinds);
      break;
    case PROP_SHOW_RSS:
      g_value_set_boolean (value, self->view.show_rss);
      break;
    case PROP_SHOW_PSS:
      g_value_set_boolean (value, self->view.show_pss);
      break;
    case PROP_SHOW_ENVELOPE:
      g_value_set_boolean (value, self->view.show_envelope);
      break;
    case PROP_FOLLOWING:
      g_value_set_boolean (value, mg_graph_get_following (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_graph_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  MgGraph *self = MG_GRAPH (object);

  switch (prop_id)
    {
    case PROP_RECORDING:
      mg_graph_set_recording (self, g_value_get_object (value));
      break;
    case PROP_SHOW_VSZ:
      mg_graph_set_show_vsz (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_KINDS:
      mg_graph_set_show_kinds (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_RSS:
      mg_graph_set_series_shown (self, MG_PLOT_SERIES_RSS, g_value_get_boolean (value));
      break;
    case PROP_SHOW_PSS:
      mg_graph_set_series_shown (self, MG_PLOT_SERIES_PSS, g_value_get_boolean (value));
      break;
    case PROP_SHOW_ENVELOPE:
      mg_graph_set_series_shown (self, MG_PLOT_SERIES_ENVELOPE, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
key_zoom (GtkWidget *widget,
          GVariant  *args,
          gpointer   user_data)
{
  mg_graph_zoom (MG_GRAPH (widget), g_variant_get_double (args), -1);
  return TRUE;
}

static gboolean
key_pan (GtkWidget *widget,
         GVariant  *args,
         gpointer   user_data)
{
  mg_graph_pan (MG_GRAPH (widget), g_variant_get_double (args));
  return TRUE;
}

static gboolean
key_follow (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  mg_graph_follow (MG_GRAPH (widget));
  return TRUE;
}

static void
mg_graph_class_init (MgGraphClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_graph_dispose;
  object_class->get_property = mg_graph_get_property;
  object_class->set_property = mg_graph_set_property;

  properties[PROP_RECORDING] =
    g_param_spec_object ("recording", NULL, NULL, MG_TYPE_RECORDING,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_VSZ] =
    g_param_spec_boolean ("show-vsz", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_KINDS] =
    g_param_spec_boolean ("show-kinds", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_RSS] =
    g_param_spec_boolean ("show-rss", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_PSS] =
    g_param_spec_boolean ("show-pss", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_ENVELOPE] =
    g_param_spec_boolean ("show-envelope", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLLOWING] =
    g_param_spec_boolean ("following", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Keys on the focused graph: zoom, pan, and back to the whole run. */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_plus, 0, key_zoom, "d", 1.5);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Add, 0, key_zoom, "d", 1.5);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_equal, 0, key_zoom, "d", 1.5);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_minus, 0, key_zoom, "d", 1 / 1.5);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Subtract, 0, key_zoom, "d", 1 / 1.5);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, 0, key_pan, "d", -0.2);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, 0, key_pan, "d", 0.2);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_0, 0, key_follow, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_0, 0, key_follow, NULL);

  gtk_widget_class_set_css_name (widget_class, "mggraph");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mg_graph_init (MgGraph *self)
{
  mg_plot_view_init (&self->view);
  self->frame = mg_plot_frame_new ();
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);

  {
    GtkEventController *motion = gtk_event_controller_motion_new ();
    GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
    GtkGesture *pinch = gtk_gesture_zoom_new ();
    GtkGesture *drag = gtk_gesture_drag_new ();
    GtkGesture *click = gtk_gesture_click_new ();

    g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
    g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
    gtk_widget_add_controller (GTK_WIDGET (self), motion);
    g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
    gtk_widget_add_controller (GTK_WIDGET (self), scroll);
    g_signal_connect (pinch, "scale-changed", G_CALLBACK (on_pinch), self);
    g_signal_connect (pinch, "begin", G_CALLBACK (on_pinch_begin), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));
    g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
    g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
    g_signal_connect (click, "pressed", G_CALLBACK (on_click), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  }
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw, NULL, NULL);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  /* The least it can do with; it grows with the window. */
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self), 320);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self), 240);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_palette), self, G_CONNECT_SWAPPED);
  if (gtk_settings_get_default () != NULL)
    {
      g_signal_connect_object (gtk_settings_get_default (), "notify::gtk-font-name",
                               G_CALLBACK (update_palette), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (gtk_settings_get_default (), "notify::gtk-xft-dpi",
                               G_CALLBACK (update_palette), self, G_CONNECT_SWAPPED);
    }
  update_palette (self);
}

/**
 * mg_graph_set_recording:
 * @recording: (nullable): what to show; it may still be growing
 */
void
mg_graph_set_recording (MgGraph     *self,
                        MgRecording *recording)
{
  gboolean was_following;

  g_return_if_fail (MG_IS_GRAPH (self));
  g_return_if_fail (recording == NULL || MG_IS_RECORDING (recording));

  if (self->recording == recording)
    return;

  if (self->recording != NULL)
    {
      g_clear_signal_handler (&self->samples_handler, self->recording);
      g_clear_signal_handler (&self->finished_handler, self->recording);
      g_clear_object (&self->recording);
    }

  was_following = mg_graph_get_following (self);
  self->view.process = -1;
  self->view.view_start = 0;
  self->view.view_end = -1;
  if (recording != NULL)
    {
      self->recording = g_object_ref (recording);
      self->samples_handler = g_signal_connect_swapped (recording, "samples-added",
                                                        G_CALLBACK (on_samples_added), self);
      self->finished_handler = g_signal_connect_swapped (recording, "finished",
                                                         G_CALLBACK (on_recording_changed), self);
    }

  queue_frame (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORDING]);
  if (!was_following)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOWING]);
}

/**
 * mg_graph_set_show_vsz:
 *
 * Shows or hides the VSZ curve and its axis.
 */
void
mg_graph_set_show_vsz (MgGraph  *self,
                       gboolean  show_vsz)
{
  g_return_if_fail (MG_IS_GRAPH (self));

  show_vsz = !!show_vsz;
  if (self->view.show_vsz == show_vsz)
    return;

  self->view.show_vsz = show_vsz;
  queue_frame (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_VSZ]);
}

/**
 * mg_graph_set_show_kinds:
 *
 * Draws RSS as stacked areas by kind of memory, or as one curve.
 */
void
mg_graph_set_show_kinds (MgGraph  *self,
                         gboolean  show_kinds)
{
  g_return_if_fail (MG_IS_GRAPH (self));

  show_kinds = !!show_kinds;
  if (self->view.show_kinds == show_kinds)
    return;

  self->view.show_kinds = show_kinds;
  queue_frame (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_KINDS]);
}

/**
 * mg_graph_set_process:
 * @process: index of a process of the recording, or -1 for the whole tree
 *
 * Shows one process's own curve instead of the sum.
 */
void
mg_graph_set_process (MgGraph *self,
                      int      process)
{
  g_return_if_fail (MG_IS_GRAPH (self));

  self->view.process = MAX (process, -1);
  queue_frame (self);
}

/**
 * mg_graph_get_style:
 * @style: (out): the style the graph draws with now
 *
 * Exports use it, so a saved image looks like the screen.
 */
void
mg_graph_get_style (MgGraph     *self,
                    MgPlotStyle *style)
{
  g_return_if_fail (MG_IS_GRAPH (self));
  g_return_if_fail (style != NULL);

  mg_plot_style_compose (style, &self->palette, &self->view);
  style->draw_background = TRUE;
}

/**
 * mg_graph_get_draw_pending:
 *
 * Returns: whether the graph has asked for a frame it has not drawn yet:
 *   the next frame draws it, with the recording as it is then
 */
gboolean
mg_graph_get_draw_pending (MgGraph *self)
{
  g_return_val_if_fail (MG_IS_GRAPH (self), FALSE);
  return self->draw_pending;
}

/**
 * mg_graph_get_drawn_peak:
 *
 * Returns: the peak RSS of the recording when the last frame was drawn,
 *   the one its subtitle says
 */
guint64
mg_graph_get_drawn_peak (MgGraph *self)
{
  g_return_val_if_fail (MG_IS_GRAPH (self), 0);
  return self->drawn_peak;
}

/**
 * mg_graph_get_n_draws:
 *
 * Returns: how many times the graph has drawn itself
 */
guint
mg_graph_get_n_draws (MgGraph *self)
{
  g_return_val_if_fail (MG_IS_GRAPH (self), 0);
  return self->n_draws;
}
