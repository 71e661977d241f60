/* test-pyramid.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The min/max summary the plot draws from must equal a brute-force scan,
 * at every level and for any range: the speed relies on it, the truth of
 * the graph too.
 */
#include "config.h"

#include "mg-pyramid.h"

static void
scan (const guint64 *values,
      gsize          begin,
      gsize          end,
      guint64       *lo,
      guint64       *hi)
{
  *lo = G_MAXUINT64;
  *hi = 0;
  for (gsize i = begin; i < end; i++)
    {
      *lo = MIN (*lo, values[i]);
      *hi = MAX (*hi, values[i]);
    }
}

static guint64
array_value (gpointer data,
             gsize    index)
{
  return ((const guint64 *) data)[index];
}

/* Every block of every level holds the range of its values. */
static void
test_levels (void)
{
  g_autoptr(MgPyramid) p = mg_pyramid_new ();
  GRand *rand = g_rand_new_with_seed (7);
  gsize n = 32 * 32 * 32 * 3 + 77;   /* three full level-3 blocks and a ragged end */
  guint64 *values = g_new (guint64, n);
  gsize block = 1;

  for (gsize i = 0; i < n; i++)
    {
      values[i] = g_rand_int (rand) % 2 ? g_rand_int (rand) : (guint64) g_rand_int (rand) << 20;
      mg_pyramid_append (p, values[i]);
    }
  g_assert_cmpuint (mg_pyramid_get_size (p), ==, n);

  for (guint level = 0; level < mg_pyramid_get_n_levels (p); level++)
    {
      gsize n_blocks;
      const MgRange *ranges = mg_pyramid_get_level (p, level, &n_blocks);

      block *= MG_PYRAMID_FAN;
      g_assert_cmpuint (n_blocks, ==, (n + block - 1) / block);
      for (gsize b = 0; b < n_blocks; b++)
        {
          guint64 lo, hi;

          scan (values, b * block, MIN ((b + 1) * block, n), &lo, &hi);
          g_assert_cmpuint (ranges[b].lo, ==, lo);
          g_assert_cmpuint (ranges[b].hi, ==, hi);
        }
    }

  g_rand_free (rand);
  g_free (values);
}

/* Any range, read from blocks and ends, equals the scan. */
static void
test_ranges (void)
{
  g_autoptr(MgPyramid) p = mg_pyramid_new ();
  GRand *rand = g_rand_new_with_seed (11);
  gsize n = 200003;
  guint64 *values = g_new (guint64, n);

  for (gsize i = 0; i < n; i++)
    {
      /* A slow wave with rare one-sample spikes, like memory. */
      values[i] = 1000000 + (i % 5000) * 10 + (g_rand_int_range (rand, 0, 1000) == 0 ? 5000000 : 0);
      mg_pyramid_append (p, values[i]);
    }

  for (guint t = 0; t < 20000; t++)
    {
      gsize begin = g_rand_int_range (rand, 0, n - 1);
      /* Short ranges and long ones, up to the whole series. */
      gsize length = t % 4 == 0 ? (gsize) g_rand_int_range (rand, 1, 40)
                   : t % 4 == 1 ? (gsize) g_rand_int_range (rand, 1, 3000)
                   : (gsize) g_rand_int_range (rand, 1, n);
      gsize end = MIN (begin + length, n);
      guint64 lo, hi, scan_lo, scan_hi;

      mg_pyramid_range (p, array_value, values, begin, end, &lo, &hi);
      scan (values, begin, end, &scan_lo, &scan_hi);
      g_assert_cmpuint (lo, ==, scan_lo);
      g_assert_cmpuint (hi, ==, scan_hi);
    }

  /* The whole series, and a single value. */
  {
    guint64 lo, hi, scan_lo, scan_hi;

    mg_pyramid_range (p, array_value, values, 0, n, &lo, &hi);
    scan (values, 0, n, &scan_lo, &scan_hi);
    g_assert_cmpuint (lo, ==, scan_lo);
    g_assert_cmpuint (hi, ==, scan_hi);
    mg_pyramid_range (p, array_value, values, 12345, 12346, &lo, &hi);
    g_assert_cmpuint (lo, ==, values[12345]);
    g_assert_cmpuint (hi, ==, values[12345]);
  }

  /* It costs a small fraction of the values it summarises. */
  g_assert_cmpuint (mg_pyramid_get_bytes (p), <, n * sizeof (guint64) / 8);

  g_rand_free (rand);
  g_free (values);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memgraph/pyramid/levels", test_levels);
  g_test_add_func ("/memgraph/pyramid/ranges", test_ranges);

  return g_test_run ();
}
