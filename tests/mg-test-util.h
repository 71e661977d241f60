/* mg-test-util.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the tests.
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <string.h>

#include "mg-plot.h"

#define MIB (1024.0 * 1024.0)

/* A figure of this process's /proc/self/status, such as "VmHWM:", in
 * bytes. */
static inline double
mg_test_status_bytes (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, field);
  g_assert_nonnull (line);
  return g_ascii_strtod (line + strlen (field), NULL) * 1024;
}

/* The workload program, from the environment meson gives the tests. */
static inline const char *
mg_test_workload (void)
{
  const char *path = g_getenv ("MG_WORKLOAD");

  g_assert_nonnull (path);
  return path;
}

/* All the samples of the tree, unpacked; g_free() them. */
static inline MgSample *
mg_test_copy_samples (MgRecording *rec)
{
  MgSamples *samples = mg_recording_get_samples (rec);
  guint n = mg_samples_get_size (samples);
  MgSample *copy = g_new (MgSample, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    copy[i] = mg_samples_get (samples, i);
  return copy;
}

/* The samples of a process, unpacked; g_free() them. */
static inline MgSample *
mg_test_copy_process_samples (const MgProcess *p,
                              guint           *n)
{
  MgSample *copy;

  *n = mg_samples_get_size (p->samples);
  copy = g_new (MgSample, MAX (*n, 1));
  for (guint i = 0; i < *n; i++)
    copy[i] = mg_samples_get (p->samples, i);
  return copy;
}

/* Runs the default main context until *flag is TRUE or @timeout_s passed. */
static inline gboolean
mg_test_wait_for (gboolean *flag,
                  double    timeout_s)
{
  gint64 end = g_get_monotonic_time () + (gint64) (timeout_s * G_USEC_PER_SEC);

  while (!*flag && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return *flag;
}

static inline gboolean
mg_test_color_near (guint32        pixel,
                    const MgColor *c,
                    int            tolerance)
{
  int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  return ABS (r - (int) (c->red * 255)) <= tolerance &&
         ABS (g - (int) (c->green * 255)) <= tolerance &&
         ABS (b - (int) (c->blue * 255)) <= tolerance;
}

/* Counts the pixels of an ARGB32/RGB24 image in a rectangle that are close
 * to a colour. */
static inline guint
mg_test_count_color (cairo_surface_t *surface,
                     const MgColor   *c,
                     int              x0,
                     int              y0,
                     int              x1,
                     int              y1)
{
  const guchar *data;
  int stride, width, height;
  guint count = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);

  for (int y = MAX (y0, 0); y < MIN (y1, height); y++)
    for (int x = MAX (x0, 0); x < MIN (x1, width); x++)
      {
        guint32 pixel = *(const guint32 *) (data + y * stride + x * 4);

        if (mg_test_color_near (pixel, c, 40))
          count++;
      }
  return count;
}
