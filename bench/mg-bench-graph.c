/* mg-bench-graph.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How often the graph draws while it follows a live run: a recording ten
 * minutes into a run sampled every 0.1 s, on a graph 900 px wide, gets a
 * new sample every 100 ms for ten seconds; the figure is the frames drawn
 * per second. The run's RSS peaked at 400 MiB in its first minute; since,
 * its working set moves in steps every 5 s between 200 and 300 MiB, with
 * a page or two either way between samples; its VSZ grows by 64 MiB every
 * 30 s (new arenas). Needs a display
 * (build-aux/bench runs it under Xvfb). One line, "name value unit".
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdio.h>

#include "mg-graph.h"

#define MIB (1024.0 * 1024.0)
#define KIB 1024.0
#define SECONDS 10

typedef struct
{
  MgRecording *recording;
  MgGraph     *graph;
  GMainLoop   *loop;
  guint        i;          /* the next sample's index */
  guint        ticks;
  guint        draws0;
} Bench;

static void
append (MgRecording *rec,
        guint        i)
{
  double t = i * 0.1;
  guint step = (guint) (t / 5);
  double rss;

  if (t < 60)
    rss = 400 * MIB * (1 - fabs (t - 30) / 30);
  else
    /* A step of the working set, from a hash of its number. */
    rss = 200 * MIB + (double) ((step * 2654435761u) % 101) * MIB;
  rss += (double) ((i * 40503u) % 3) * 4 * KIB;
  mg_recording_append (rec, t, (guint64) rss,
                       (guint64) (1024 * MIB + (guint) (t / 30) * 64 * MIB));
}

static gboolean
on_tick (gpointer data)
{
  Bench *b = data;

  /* One second to settle, then SECONDS of samples counted. */
  if (b->ticks == 10)
    b->draws0 = mg_graph_get_n_draws (b->graph);
  if (b->ticks == 10 + SECONDS * 10)
    {
      printf ("frames_per_s_live_10m_run %.3f frames/s\n",
              (double) (mg_graph_get_n_draws (b->graph) - b->draws0) / SECONDS);
      g_main_loop_quit (b->loop);
      return G_SOURCE_REMOVE;
    }
  append (b->recording, b->i++);
  b->ticks++;
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  const char *command[] = { "./filler", NULL };
  g_autoptr(MgRecording) rec = mg_recording_new (command, NULL, 0.1);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  GtkWidget *window;
  Bench b = { 0 };

  gtk_init ();
  adw_init ();
  for (b.i = 0; b.i < 6000; b.i++)
    append (rec, b.i);

  b.recording = rec;
  b.loop = loop;
  b.graph = MG_GRAPH (g_object_new (MG_TYPE_GRAPH, NULL));
  gtk_widget_set_size_request (GTK_WIDGET (b.graph), 900, 500);
  mg_graph_set_recording (b.graph, rec);
  window = gtk_window_new ();
  gtk_window_set_resizable (GTK_WINDOW (window), FALSE);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (b.graph));
  gtk_window_present (GTK_WINDOW (window));

  g_timeout_add (100, on_tick, &b);
  g_main_loop_run (loop);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
