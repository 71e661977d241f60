/* mg-bench-plot.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a frame costs with the series the plain figures leave out: PSS
 * readings, and RSS stacked by kind. One line per figure, "name value
 * unit". Run by build-aux/bench and by meson test --benchmark.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "mg-plot.h"
#include "mg-recording.h"

#define MIB (1024.0 * 1024.0)

static void
figure (const char *name,
        double      value,
        const char *unit)
{
  printf ("%s %.3f %s\n", name, value, unit);
  fflush (stdout);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* @n samples 1 ms apart, a random walk by kind of memory, and a PSS reading
 * each second, as the sampler takes them at that interval. */
static MgRecording *
synthetic_kinds (guint n)
{
  const char *argv[] = { "./raytracer", "scene.obj", NULL };
  MgRecording *rec = mg_recording_new (argv, NULL, 0.001);
  MgExit exit_info = { MG_EXIT_STATUS, 0, FALSE, NULL };
  gint64 anon = 150 * MIB, file = 40 * MIB, shmem = 10 * MIB, swap = 0;
  GRand *rand = g_rand_new_with_seed (1);

  for (guint i = 0; i < n; i++)
    {
      MgSample s;

      anon = MAX (anon + g_rand_int_range (rand, -4096, 4097) * 16, 0);
      file = MAX (file + g_rand_int_range (rand, -4096, 4097) * 4, 0);
      swap = MAX (swap + g_rand_int_range (rand, -4096, 4097), 0);
      mg_sample_init (&s, i * 0.001);
      s.anon_bytes = anon + (g_rand_int_range (rand, 0, 100000) == 0 ? 500 * MIB : 0);
      s.file_bytes = file;
      s.shmem_bytes = shmem;
      s.swap_bytes = swap;
      s.rss_bytes = s.anon_bytes + s.file_bytes + s.shmem_bytes;
      s.vsz_bytes = s.rss_bytes * 3;
      mg_recording_append_sample (rec, &s);
      if (i % 1000 == 0)
        mg_recording_set_pss (rec, s.time_s, s.rss_bytes - s.shmem_bytes / 2, s.anon_bytes);
    }
  mg_recording_finish (rec, &exit_info, n * 0.001);
  g_rand_free (rand);
  return rec;
}

/* The median of five full redraws of the whole run at 1200x700 into an
 * image surface; @first: (out): the first one's. */
static double
render_ms (MgRecording       *rec,
           const MgPlotStyle *style,
           double            *first)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 700);
  double times[5];

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      cairo_t *cr = cairo_create (surface);
      double t0 = g_get_monotonic_time ();

      mg_plot_render (cr, 1200, 700, rec, style);
      cairo_surface_flush (surface);
      times[i] = (g_get_monotonic_time () - t0) / 1000;
      cairo_destroy (cr);
    }
  cairo_surface_destroy (surface);
  *first = times[0];
  qsort (times, G_N_ELEMENTS (times), sizeof (double), compare_doubles);
  return times[G_N_ELEMENTS (times) / 2];
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MgRecording) rec = synthetic_kinds (10000000);
  MgPlotStyle style;
  double first;

  mg_plot_style_init (&style, FALSE);
  /* The default series, PSS among them. */
  figure ("render_ms_10m_pss", render_ms (rec, &style, &first), "ms");
  figure ("render_ms_10m_pss_first", first, "ms");
  /* RSS stacked by kind, without PSS. */
  style.show_kinds = TRUE;
  style.show_pss = FALSE;
  figure ("render_ms_10m_kinds", render_ms (rec, &style, &first), "ms");
  figure ("render_ms_10m_kinds_first", first, "ms");
  return 0;
}
