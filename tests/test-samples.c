/* test-samples.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Packed samples read back exactly as they were given, whatever the
 * values; the time search equals a scan.
 */
#include "config.h"

#include <string.h>

#include "mg-samples.h"

/* A size as a recording may hold: pages, kibibytes, any byte count, a
 * missing value, or something enormous from a file. */
static guint64
random_size (GRand   *rand,
             guint64  previous)
{
  switch (g_rand_int_range (rand, 0, 10))
    {
    case 0:
    case 1:
    case 2:
      return previous;
    case 3:
      return previous + 4096 * (guint64) g_rand_int_range (rand, -100, 100);
    case 4:
      return (guint64) g_rand_int (rand) << 10;
    case 5:
      return g_rand_int (rand);
    case 6:
      return MG_NO_VALUE;
    case 7:
      return ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
    case 8:
      return 0;
    default:
      return previous - 1;
    }
}

static void
assert_sample_equal (const MgSample *a,
                     const MgSample *b)
{
  g_assert_cmpfloat (a->time_s, ==, b->time_s);
  g_assert_cmpmem (&a->rss_bytes, sizeof (MgSample) - sizeof (double),
                   &b->rss_bytes, sizeof (MgSample) - sizeof (double));
}

static MgSample *
fill (MgSamples *samples,
      GRand     *rand,
      guint      n)
{
  MgSample *expected = g_new (MgSample, n);
  MgSample s;
  gint64 us = g_rand_int_range (rand, 0, 1000);

  mg_sample_init (&s, 0);
  for (guint i = 0; i < n; i++)
    {
      guint64 *sizes = &s.rss_bytes;

      /* Microsecond times, some equal, some far apart. */
      us += g_rand_int_range (rand, 0, 4) == 0 ? 0 : g_rand_int_range (rand, 1, 2000000);
      s.time_s = us / 1e6;
      for (guint k = 0; k < MG_SAMPLE_N_SIZES; k++)
        sizes[k] = random_size (rand, sizes[k]);
      expected[i] = s;
      mg_samples_append (samples, &s);
    }
  return expected;
}

/* Every value of every sample, in order, backwards and at random. */
static void
test_round_trip (void)
{
  g_autoptr(MgSamples) samples = mg_samples_new ();
  GRand *rand = g_rand_new_with_seed (11);
  guint n = MG_SAMPLES_BLOCK * 100 + 17;
  g_autofree MgSample *expected = fill (samples, rand, n);

  g_assert_cmpuint (mg_samples_get_size (samples), ==, n);
  for (guint i = 0; i < n; i++)
    {
      MgSample s = mg_samples_get (samples, i);

      assert_sample_equal (&s, &expected[i]);
      g_assert_cmpfloat (mg_samples_get_time (samples, i), ==, expected[i].time_s);
    }
  for (guint i = n; i-- > 0;)
    assert_sample_equal (mg_samples_peek (samples, i), &expected[i]);
  for (guint j = 0; j < 10000; j++)
    {
      guint i = g_rand_int_range (rand, 0, n);

      g_assert_cmpuint (mg_samples_get_value (samples, i, G_STRUCT_OFFSET (MgSample, pss_bytes)),
                        ==, expected[i].pss_bytes);
    }
  g_rand_free (rand);
}

/* A time given to the nanosecond is kept to the microsecond. */
static void
test_microseconds (void)
{
  g_autoptr(MgSamples) samples = mg_samples_new ();
  MgSample s;

  mg_sample_init (&s, 1.2345674);
  mg_samples_append (samples, &s);
  g_assert_cmpfloat (mg_samples_get_time (samples, 0), ==, 1.234567);

  /* Beyond what microseconds in 64 bits hold: kept at the limit. */
  mg_sample_init (&s, 1e300);
  mg_samples_append (samples, &s);
  g_assert_cmpfloat (mg_samples_get_time (samples, 1), ==, 4e12);
  mg_sample_init (&s, -1e300);
  for (guint i = 0; i < 2 * (8 + 1) * MG_SAMPLES_BLOCK; i++)
    mg_samples_append (samples, &s);
  g_assert_cmpfloat (mg_samples_get_time (samples, 1), ==, 4e12);
  g_assert_cmpfloat (mg_samples_get_time (samples, 2), ==, -4e12);
  g_assert_cmpfloat (mg_samples_get_time (samples, 3), ==, -4e12);
}

/* Changing a sample in the tail or in a packed block changes it alone. */
static void
test_replace (void)
{
  g_autoptr(MgSamples) samples = mg_samples_new ();
  GRand *rand = g_rand_new_with_seed (5);
  guint n = MG_SAMPLES_BLOCK * 40;
  g_autofree MgSample *expected = fill (samples, rand, n);
  guint changed[] = { 0, 31, 32, 500, n / 2, n - 300, n - 1 };

  for (guint c = 0; c < G_N_ELEMENTS (changed); c++)
    {
      guint i = changed[c];

      expected[i].pss_bytes = 12345 * (c + 1);
      expected[i].uss_bytes = MG_NO_VALUE - c;
      /* Read first, so that the block in cache is the one changed. */
      mg_samples_peek (samples, i);
      mg_samples_replace (samples, i, &expected[i]);
    }
  for (guint i = 0; i < n; i++)
    assert_sample_equal (mg_samples_peek (samples, i), &expected[i]);
  g_rand_free (rand);
}

/* The time search equals a scan, for any range and time. */
static void
test_lower_bound (void)
{
  g_autoptr(MgSamples) samples = mg_samples_new ();
  GRand *rand = g_rand_new_with_seed (3);
  guint n = MG_SAMPLES_BLOCK * 50 + 5;
  g_autofree MgSample *expected = fill (samples, rand, n);

  for (guint j = 0; j < 20000; j++)
    {
      guint lo = g_rand_int_range (rand, 0, n + 1);
      guint hi = g_rand_int_range (rand, lo, n + 1);
      double t;
      guint want = lo;

      /* A sample's own time, or between two, or beyond either end. */
      if (g_rand_boolean (rand))
        t = expected[g_rand_int_range (rand, 0, n)].time_s;
      else
        t = g_rand_double_range (rand, -1, expected[n - 1].time_s + 1);
      while (want < hi && expected[want].time_s < t)
        want++;
      g_assert_cmpuint (mg_samples_lower_bound (samples, lo, hi, t), ==, want);
    }
  g_rand_free (rand);
}

/* A slowly changing series packs to a few bytes a sample. */
static void
test_packed_size (void)
{
  g_autoptr(MgSamples) samples = mg_samples_new ();
  guint n = 1000000;
  MgSample s;

  for (guint i = 0; i < n; i++)
    {
      mg_sample_init (&s, i * 0.01);
      s.anon_bytes = (guint64) (100 + (i / 7) % 500) * 4096;
      s.file_bytes = 20 << 20;
      s.rss_bytes = s.anon_bytes + s.file_bytes;
      s.vsz_bytes = 900 << 20;
      s.rss_max_bytes = s.rss_bytes + (i % 3) * 4096;
      mg_samples_append (samples, &s);
    }
  g_test_message ("%.2f bytes per sample", (double) mg_samples_get_bytes (samples) / n);
  g_assert_cmpfloat ((double) mg_samples_get_bytes (samples) / n, <, 12);
  s = mg_samples_get (samples, n / 3);
  g_assert_cmpuint (s.rss_max_bytes, ==, s.rss_bytes + ((n / 3) % 3) * 4096);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memgraph/samples/round-trip", test_round_trip);
  g_test_add_func ("/memgraph/samples/microseconds", test_microseconds);
  g_test_add_func ("/memgraph/samples/replace", test_replace);
  g_test_add_func ("/memgraph/samples/lower-bound", test_lower_bound);
  g_test_add_func ("/memgraph/samples/packed-size", test_packed_size);

  return g_test_run ();
}
