/* test-day.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A whole day at 10 ms, fed to a recording directly: 8,640,000 samples of
 * every kind, with PSS readings each second and one spike a single sample
 * wide. It must fit in 200 MiB, keep every value, the exact peak, and the
 * plot's per-pixel minimum and maximum must equal a scan of the data.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "mg-export.h"
#include "mg-import.h"
#include "mg-test-util.h"

#define N_SAMPLES   (24u * 3600u * 100u)
#define SPIKE_BYTES ((guint64) 3 << 30)

typedef struct
{
  GRand   *rand;
  guint64  anon;
  guint64  file;
  guint64  shmem;
  guint64  swap;
  guint    spike_at;
} Day;

static void
day_init (Day *d)
{
  d->rand = g_rand_new_with_seed (20261125);
  d->anon = 300 << 20;
  d->file = 40 << 20;
  d->shmem = 2 << 20;
  d->swap = 0;
  d->spike_at = g_rand_int_range (d->rand, N_SAMPLES / 4, N_SAMPLES / 4 * 3);
}

static void
day_clear (Day *d)
{
  g_rand_free (d->rand);
}

/* Sample @i of the day: anonymous memory walks by pages and now and then
 * jumps by a few MiB, file pages drift, shared memory and swap move
 * rarely. */
static void
day_sample (Day      *d,
            guint     i,
            MgSample *s)
{
  guint r = g_rand_int_range (d->rand, 0, 1000);

  if (r < 300)
    d->anon += 4096 * (guint64) g_rand_int_range (d->rand, 1, 64);
  else if (r < 600 && d->anon > (100 << 20))
    d->anon -= 4096 * (guint64) g_rand_int_range (d->rand, 1, 64);
  else if (r < 602)
    d->anon = (guint64) g_rand_int_range (d->rand, 100, 900) << 20;
  if (r % 10 == 0)
    d->file = (guint64) g_rand_int_range (d->rand, 30 << 8, 60 << 8) << 12;
  if (r == 999)
    d->shmem = (guint64) g_rand_int_range (d->rand, 0, 16) << 20;
  if (r == 998)
    d->swap = (guint64) g_rand_int_range (d->rand, 0, 4) << 20;

  mg_sample_init (s, (i * (gint64) 10000) / 1e6);
  s->anon_bytes = d->anon + (i == d->spike_at ? SPIKE_BYTES : 0);
  s->file_bytes = d->file;
  s->shmem_bytes = d->shmem;
  s->swap_bytes = d->swap;
  s->rss_bytes = s->anon_bytes + s->file_bytes + s->shmem_bytes;
  s->vsz_bytes = s->rss_bytes * 2 + (1 << 30);
  s->rss_max_bytes = s->rss_bytes + 4096 * (r % 8);
}

/* The plot's columns, found again by a plain scan of the values in the
 * same way: a column starts at a sample and takes every sample before the
 * time of its right edge. */
static void
assert_columns (MgRecording        *rec,
                const MgPlotLayout *l,
                const MgPlotStyle  *style,
                gsize               offset)
{
  g_autoptr(GArray) columns = mg_plot_trace (l, rec, style, offset);
  double width = l->x1 - l->x0;
  double span = l->t_max - l->t_min;
  double t_end = -G_MAXDOUBLE;
  guint c = 0;
  MgPlotColumn want = { 0 };
  gboolean open = FALSE;
  Day d;

  day_init (&d);
  for (guint i = 0; i < N_SAMPLES; i++)
    {
      MgSample s;
      guint64 v;

      day_sample (&d, i, &s);
      v = G_STRUCT_MEMBER (guint64, &s, offset);
      if (!open || s.time_s >= t_end)
        {
          if (open)
            {
              const MgPlotColumn *got = &g_array_index (columns, MgPlotColumn, c++);

              g_assert_cmpuint (got->first, ==, want.first);
              g_assert_cmpuint (got->lo, ==, want.lo);
              g_assert_cmpuint (got->hi, ==, want.hi);
              g_assert_cmpuint (got->last, ==, want.last);
            }
          want.first = want.lo = want.hi = v;
          t_end = l->t_min + (floor ((s.time_s - l->t_min) / span * width) + 1) * span / width;
          open = TRUE;
        }
      want.lo = MIN (want.lo, v);
      want.hi = MAX (want.hi, v);
      want.last = v;
    }
  g_assert_cmpuint (g_array_index (columns, MgPlotColumn, c).hi, ==, want.hi);
  g_assert_cmpuint (g_array_index (columns, MgPlotColumn, c).lo, ==, want.lo);
  g_assert_cmpuint (c + 1, ==, columns->len);
  day_clear (&d);
}

static void
test_day_at_10ms (void)
{
  const char *argv[] = { "./server", NULL };
  g_autoptr(MgRecording) rec = NULL;
  MgExit exit_info = { MG_EXIT_STATUS, 0, FALSE, NULL };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 700);
  cairo_t *cr = cairo_create (surface);
  MgSamples *samples;
  guint64 peak = 0, peak_vsz = 0;
  double before, after;
  MgPlotLayout l;
  MgPlotStyle style;
  Day d;

  before = mg_test_status_bytes ("VmRSS:");
  rec = mg_recording_new (argv, NULL, 0.01);
  day_init (&d);
  for (guint i = 0; i < N_SAMPLES; i++)
    {
      MgSample s;

      day_sample (&d, i, &s);
      mg_recording_append_sample (rec, &s);
      mg_recording_note_tick (rec, s.time_s);
      /* PSS each second, a moment later, as the reader posts it. */
      if (i % 100 == 0 && i > 0)
        mg_recording_set_pss (rec, ((i - 3) * (gint64) 10000) / 1e6, s.rss_bytes / 2,
                              s.rss_bytes / 3);
      peak = MAX (peak, s.rss_bytes);
      peak_vsz = MAX (peak_vsz, s.vsz_bytes);
    }
  mg_recording_finish (rec, &exit_info, N_SAMPLES / 100.0);
  after = mg_test_status_bytes ("VmRSS:");
  day_clear (&d);

  g_test_message ("24 h at 10 ms: %u samples, %.1f MiB (%.2f bytes a sample)", N_SAMPLES,
                  (after - before) / MIB, (after - before) / N_SAMPLES);
  g_assert_cmpuint (mg_recording_get_n_samples (rec), ==, N_SAMPLES);
  g_assert_cmpfloat (after - before, <, 200 * MIB);

  /* The exact peak, the spike of one sample. */
  g_assert_cmpuint (mg_recording_get_peak_rss (rec), ==, peak);
  g_assert_cmpuint (mg_recording_get_peak_vsz (rec), ==, peak_vsz);
  g_assert_cmpfloat (peak, >=, SPIKE_BYTES);

  /* Every value of every sample, as it was given; PSS where it was set. */
  samples = mg_recording_get_samples (rec);
  day_init (&d);
  for (guint i = 0; i < N_SAMPLES; i++)
    {
      const MgSample *got = mg_samples_peek (samples, i);
      MgSample s;

      day_sample (&d, i, &s);
      if ((i + 3) % 100 == 0 && i + 3 < N_SAMPLES)
        {
          s.pss_bytes = mg_samples_get_value (samples, i + 3, G_STRUCT_OFFSET (MgSample, rss_bytes)) / 2;
          s.uss_bytes = mg_samples_get_value (samples, i + 3, G_STRUCT_OFFSET (MgSample, rss_bytes)) / 3;
          got = mg_samples_peek (samples, i);
        }
      if (memcmp (got, &s, sizeof s) != 0)
        g_error ("sample %u differs: rss %" G_GUINT64_FORMAT " vs %" G_GUINT64_FORMAT
                 ", pss %" G_GUINT64_FORMAT " vs %" G_GUINT64_FORMAT, i, got->rss_bytes,
                 s.rss_bytes, got->pss_bytes, s.pss_bytes);
    }
  day_clear (&d);

  /* Per pixel, the whole day and one hour of it: the lowest and highest
   * RSS and VSZ the plot draws equal a scan. */
  mg_plot_style_init (&style, FALSE);
  mg_plot_layout (&l, cr, 1200, 700, rec, &style);
  assert_columns (rec, &l, &style, G_STRUCT_OFFSET (MgSample, rss_bytes));
  assert_columns (rec, &l, &style, G_STRUCT_OFFSET (MgSample, vsz_bytes));
  assert_columns (rec, &l, &style, G_STRUCT_OFFSET (MgSample, anon_bytes));

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}


/* Resets VmHWM to the RSS of now, so that it measures what follows. */
static void
reset_hwm (void)
{
  FILE *f = fopen ("/proc/self/clear_refs", "w");

  g_assert_nonnull (f);
  g_assert_cmpint (fputs ("5", f), >=, 0);
  g_assert_cmpint (fclose (f), ==, 0);
}

/* The day of test_day_at_10ms (), built the same way. */
static MgRecording *
day_recording (void)
{
  const char *argv[] = { "./server", NULL };
  MgRecording *rec = mg_recording_new (argv, NULL, 0.01);
  MgExit exit_info = { MG_EXIT_STATUS, 0, FALSE, NULL };
  Day d;

  day_init (&d);
  for (guint i = 0; i < N_SAMPLES; i++)
    {
      MgSample s;

      day_sample (&d, i, &s);
      mg_recording_append_sample (rec, &s);
      mg_recording_note_tick (rec, s.time_s);
      if (i % 100 == 0 && i > 0)
        mg_recording_set_pss (rec, ((i - 3) * (gint64) 10000) / 1e6, s.rss_bytes / 2,
                              s.rss_bytes / 3);
    }
  mg_recording_add_marker (rec, 43200.0, "noon");
  mg_recording_finish (rec, &exit_info, N_SAMPLES / 100.0);
  day_clear (&d);
  return rec;
}

/* AddressSanitizer keeps freed memory in quarantine and adds its shadow:
 * memory figures there measure the sanitizer, not the code. */
#if defined(__SANITIZE_ADDRESS__)
#define MEMORY_MEASURED FALSE
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MEMORY_MEASURED FALSE
#endif
#endif
#ifndef MEMORY_MEASURED
#define MEMORY_MEASURED TRUE
#endif

/* The bounds of the day's round trip in one format. */
static void
assert_round_trip_bounds (double write_peak,
                          double read_peak,
                          double held)
{
  if (!MEMORY_MEASURED)
    {
      g_test_message ("memory bounds not checked under AddressSanitizer");
      return;
    }
  g_assert_cmpfloat (write_peak, <=, 16 * MIB);
  g_assert_cmpfloat (read_peak, <=, 1.5 * held + 16 * MIB);
  g_assert_cmpfloat (mg_test_status_bytes ("VmHWM:"), <=, 300 * MIB);
}

/* The day written as JSON and read back, then as CSV, in a process of its
 * own so that its VmHWM is its own: the writer adds at most 16 MiB to what
 * the recording holds, the reader at most 1.5 times the recording's packed
 * samples and 16 MiB, the whole process stays within 300 MiB, and every
 * value is equal. */
static void
test_day_file_round_trip_child (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("memgraph-day-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "day.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MgRecording) rec = NULL;
  g_autoptr(MgRecording) back = NULL;
  g_autoptr(GFileInfo) info = NULL;
  MgSamples *a, *b;
  double base, held, rss, write_peak, read_peak;
  goffset size;

  g_assert_no_error (error);
  base = mg_test_status_bytes ("VmRSS:");
  rec = day_recording ();
  rss = mg_test_status_bytes ("VmRSS:");
  held = rss - base;

  reset_hwm ();
  g_assert_true (mg_export_write (rec, file, MG_EXPORT_JSON, NULL, 0, 0, &error));
  g_assert_no_error (error);
  write_peak = mg_test_status_bytes ("VmHWM:") - rss;

  rss = mg_test_status_bytes ("VmRSS:");
  reset_hwm ();
  back = mg_import_file (file, &error);
  g_assert_no_error (error);
  read_peak = mg_test_status_bytes ("VmHWM:") - rss;
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, &error);
  g_assert_no_error (error);

  size = g_file_info_get_size (info);
  g_test_message ("day as JSON: %.0f MiB file; recording %.1f MiB, writing +%.1f MiB, "
                  "reading +%.1f MiB, process peak %.1f MiB", size / MIB, held / MIB,
                  write_peak / MIB, read_peak / MIB, mg_test_status_bytes ("VmHWM:") / MIB);
  assert_round_trip_bounds (write_peak, read_peak, held);

  /* Every value of every sample. */
  g_assert_cmpuint (mg_recording_get_n_samples (back), ==, N_SAMPLES);
  a = mg_recording_get_samples (rec);
  b = mg_recording_get_samples (back);
  for (guint i = 0; i < N_SAMPLES; i++)
    {
      MgSample x = mg_samples_get (a, i), y = mg_samples_get (b, i);

      if (memcmp (&x, &y, sizeof x) != 0)
        g_error ("sample %u differs after the round trip: time %.6f vs %.6f, rss %"
                 G_GUINT64_FORMAT " vs %" G_GUINT64_FORMAT, i, x.time_s, y.time_s,
                 x.rss_bytes, y.rss_bytes);
    }
  g_assert_cmpuint (mg_recording_get_peak_rss (back), ==, mg_recording_get_peak_rss (rec));
  g_assert_cmpfloat (mg_recording_get_duration (back), ==, mg_recording_get_duration (rec));
  g_assert_cmpuint (mg_recording_get_n_markers (back), ==, 1);
  g_assert_cmpstr (mg_recording_get_marker (back, 0)->label, ==, "noon");

  g_assert_cmpint (g_unlink (path), ==, 0);

  /* The same as CSV: the samples, every value. */
  g_clear_object (&back);
  g_clear_object (&file);
  g_free (path);
  path = g_build_filename (dir, "day.csv", NULL);
  file = g_file_new_for_path (path);
  rss = mg_test_status_bytes ("VmRSS:");
  reset_hwm ();
  g_assert_true (mg_export_write (rec, file, MG_EXPORT_CSV, NULL, 0, 0, &error));
  g_assert_no_error (error);
  write_peak = mg_test_status_bytes ("VmHWM:") - rss;
  rss = mg_test_status_bytes ("VmRSS:");
  reset_hwm ();
  back = mg_import_file (file, &error);
  g_assert_no_error (error);
  read_peak = mg_test_status_bytes ("VmHWM:") - rss;
  g_test_message ("day as CSV: writing +%.1f MiB, reading +%.1f MiB, process peak %.1f MiB",
                  write_peak / MIB, read_peak / MIB, mg_test_status_bytes ("VmHWM:") / MIB);
  assert_round_trip_bounds (write_peak, read_peak, held);
  g_assert_cmpuint (mg_recording_get_n_samples (back), ==, N_SAMPLES);
  b = mg_recording_get_samples (back);
  for (guint i = 0; i < N_SAMPLES; i++)
    {
      MgSample x = mg_samples_get (a, i), y = mg_samples_get (b, i);

      if (memcmp (&x, &y, sizeof x) != 0)
        g_error ("sample %u differs after the CSV round trip: time %.6f vs %.6f, rss %"
                 G_GUINT64_FORMAT " vs %" G_GUINT64_FORMAT, i, x.time_s, y.time_s,
                 x.rss_bytes, y.rss_bytes);
    }

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_day_file_round_trip (void)
{
  g_test_trap_subprocess ("/memgraph/day/file-round-trip/subprocess", 0,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memgraph/day/24h-at-10ms", test_day_at_10ms);
  g_test_add_func ("/memgraph/day/file-round-trip", test_day_file_round_trip);
  g_test_add_func ("/memgraph/day/file-round-trip/subprocess", test_day_file_round_trip_child);

  return g_test_run ();
}
