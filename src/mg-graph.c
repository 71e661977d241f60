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

struct _MgGraph
{
  GtkDrawingArea  parent_instance;

  /* owned */
  MgRecording    *recording;
  gulong          samples_handler;
  gulong          finished_handler;

  /* The palette, looked up when the style changes, not per frame. */
  MgPlotStyle     style;
  MgPlotLayout    layout;     /* of the last frame, for tooltips */
  gboolean        show_vsz;
  gboolean        show_kinds;
  int             process;
  guint           n_draws;
};

G_DEFINE_FINAL_TYPE (MgGraph, mg_graph, GTK_TYPE_DRAWING_AREA)

enum {
  PROP_0,
  PROP_RECORDING,
  PROP_SHOW_VSZ,
  PROP_SHOW_KINDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_style (MgGraph *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  mg_plot_style_init (&self->style, adw_style_manager_get_dark (manager));
  self->style.show_vsz = self->show_vsz;
  self->style.show_kinds = self->show_kinds;
  self->style.process = self->process;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
draw (GtkDrawingArea *area,
      cairo_t        *cr,
      int             width,
      int             height,
      gpointer        user_data)
{
  MgGraph *self = MG_GRAPH (area);

  self->n_draws++;
  if (self->recording == NULL)
    return;
  mg_plot_render (cr, width, height, self->recording, &self->style);
  mg_plot_layout (&self->layout, cr, width, height, self->recording, &self->style);
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
  if (self->show_kinds && mg_recording_has_kinds (self->recording))
    {
      g_string_append (text, _("Anonymous: memory not backed by a file (heap, stacks, malloc)\n"));
      g_string_append (text, _("File: pages of mapped files in RAM (code, libraries, mmap)\n"));
      g_string_append (text, _("Shared: shared memory and tmpfs pages in RAM (shm, memfd)\n"));
      g_string_append (text, _("Swap: memory moved out of RAM to swap (not part of RSS)\n"));
    }
  g_string_append (text, _("RSS: resident set size, the memory the processes hold in RAM"));
  if (self->show_vsz)
    g_string_append (text, _("\nVSZ: virtual size, all the address space mapped, used or not"));
  if (mg_recording_has_pss (self->recording))
    g_string_append (text, _("\nPSS: resident memory with shared pages divided among their sharers"));
  if (self->style.show_envelope && mg_recording_has_envelope (self->recording))
    g_string_append (text, _("\nHighest RSS between samples: the exact maximum of each interval"));
  gtk_tooltip_set_text (tooltip, text->str);
  g_string_free (text, TRUE);
  return TRUE;
}

static void
on_recording_changed (MgGraph *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
mg_graph_dispose (GObject *object)
{
  MgGraph *self = (MgGraph *) object;

  mg_graph_set_recording (self, NULL);

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
      g_value_set_boolean (value, self->show_vsz);
      break;
    case PROP_SHOW_KINDS:
      g_value_set_boolean (value, self->show_kinds);
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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "mggraph");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mg_graph_init (MgGraph *self)
{
  self->show_vsz = TRUE;
  self->process = -1;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw, NULL, NULL);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self), 480);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self), 280);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style), self, G_CONNECT_SWAPPED);
  update_style (self);
}

GtkWidget *
mg_graph_new (void)
{
  return g_object_new (MG_TYPE_GRAPH, NULL);
}

/**
 * mg_graph_get_recording:
 *
 * Returns: (transfer none) (nullable): the recording shown
 */
MgRecording *
mg_graph_get_recording (MgGraph *self)
{
  g_return_val_if_fail (MG_IS_GRAPH (self), NULL);
  return self->recording;
}

/**
 * mg_graph_set_recording:
 * @recording: (nullable): what to show; it may still be growing
 */
void
mg_graph_set_recording (MgGraph     *self,
                        MgRecording *recording)
{
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

  self->process = -1;
  self->style.process = -1;
  if (recording != NULL)
    {
      self->recording = g_object_ref (recording);
      self->samples_handler = g_signal_connect_swapped (recording, "samples-added",
                                                        G_CALLBACK (on_recording_changed), self);
      self->finished_handler = g_signal_connect_swapped (recording, "finished",
                                                         G_CALLBACK (on_recording_changed), self);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORDING]);
}

gboolean
mg_graph_get_show_vsz (MgGraph *self)
{
  g_return_val_if_fail (MG_IS_GRAPH (self), FALSE);
  return self->show_vsz;
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
  if (self->show_vsz == show_vsz)
    return;

  self->show_vsz = show_vsz;
  self->style.show_vsz = show_vsz;
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
  if (self->show_kinds == show_kinds)
    return;

  self->show_kinds = show_kinds;
  self->style.show_kinds = show_kinds;
  gtk_widget_queue_draw (GTK_WIDGET (self));
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

  self->process = MAX (process, -1);
  self->style.process = self->process;
  gtk_widget_queue_draw (GTK_WIDGET (self));
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

  *style = self->style;
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
