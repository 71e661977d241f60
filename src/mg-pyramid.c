/* mg-pyramid.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A min/max summary of an append-only series, so that the lowest and
 * highest value of any range of samples costs O(log n) block reads instead
 * of a scan: what lets the plot draw ten million samples per frame in the
 * time of a few thousand. Level k holds the range of each block of
 * MG_PYRAMID_FAN^k values; the values themselves stay where they are (in
 * the recording), and are read only at the ragged ends of a range.
 */
#include "config.h"

#include "mg-pyramid.h"

struct _MgPyramid
{
  GArray *levels[MG_PYRAMID_LEVELS];   /* of MgRange; levels[0] is for FAN^1 */
  gsize   size;
};

MgPyramid *
mg_pyramid_new (void)
{
  MgPyramid *p = g_new0 (MgPyramid, 1);

  for (guint k = 0; k < MG_PYRAMID_LEVELS; k++)
    p->levels[k] = g_array_new (FALSE, FALSE, sizeof (MgRange));
  return p;
}

void
mg_pyramid_free (MgPyramid *pyramid)
{
  if (pyramid == NULL)
    return;
  for (guint k = 0; k < MG_PYRAMID_LEVELS; k++)
    g_array_unref (pyramid->levels[k]);
  g_free (pyramid);
}

/**
 * mg_pyramid_append:
 * @value: the next value of the series
 *
 * Widens the block of every level that @value falls in. O(levels).
 */
void
mg_pyramid_append (MgPyramid *pyramid,
                   guint64    value)
{
  gsize index = pyramid->size++;
  gsize block = index;

  for (guint k = 0; k < MG_PYRAMID_LEVELS; k++)
    {
      GArray *level = pyramid->levels[k];

      block /= MG_PYRAMID_FAN;
      if (block >= level->len)
        {
          MgRange r = { value, value };
          g_array_append_val (level, r);
        }
      else
        {
          MgRange *r = &g_array_index (level, MgRange, block);
          r->lo = MIN (r->lo, value);
          r->hi = MAX (r->hi, value);
        }
    }
}

gsize
mg_pyramid_get_size (MgPyramid *pyramid)
{
  return pyramid->size;
}

guint
mg_pyramid_get_n_levels (MgPyramid *pyramid)
{
  return MG_PYRAMID_LEVELS;
}

/**
 * mg_pyramid_get_level:
 * @level: from 0, whose blocks are MG_PYRAMID_FAN^(level + 1) values
 * @n_blocks: (out): how many blocks it has
 *
 * Returns: (transfer none): the ranges of its blocks (the last one partial)
 */
const MgRange *
mg_pyramid_get_level (MgPyramid *pyramid,
                      guint      level,
                      gsize     *n_blocks)
{
  g_return_val_if_fail (level < MG_PYRAMID_LEVELS, NULL);

  *n_blocks = pyramid->levels[level]->len;
  return (const MgRange *) pyramid->levels[level]->data;
}

/**
 * mg_pyramid_range:
 * @value: reads one value of the series
 * @data: for @value
 * @begin: the first index of the range
 * @end: one past its last index; @begin < @end <= the size
 * @lo: (out): the lowest value in [@begin, @end)
 * @hi: (out): the highest value in [@begin, @end)
 *
 * Exactly the same answer as a scan of the values, from whole blocks where
 * they fit and single values at the ends.
 */
void
mg_pyramid_range (MgPyramid          *pyramid,
                  MgPyramidValueFunc  value,
                  gpointer            data,
                  gsize               begin,
                  gsize       end,
                  guint64    *lo,
                  guint64    *hi)
{
  guint64 l = G_MAXUINT64, h = 0;
  gsize i = begin;

  g_return_if_fail (begin < end && end <= pyramid->size);

  while (i < end)
    {
      gsize span = 1;
      int k = -1;

      /* The largest block that starts at i and ends by end. */
      for (guint level = 0; level < MG_PYRAMID_LEVELS; level++)
        {
          gsize size = span * MG_PYRAMID_FAN;

          if (i % size != 0 || i + size > end)
            break;
          span = size;
          k = level;
        }

      if (k < 0)
        {
          guint64 v = value (data, i);
          l = MIN (l, v);
          h = MAX (h, v);
        }
      else
        {
          const MgRange *r = &g_array_index (pyramid->levels[k], MgRange, i / span);
          l = MIN (l, r->lo);
          h = MAX (h, r->hi);
        }
      i += span;
    }

  *lo = l;
  *hi = h;
}

/**
 * mg_pyramid_get_bytes:
 *
 * Returns: the memory its levels take
 */
gsize
mg_pyramid_get_bytes (MgPyramid *pyramid)
{
  gsize bytes = sizeof *pyramid;

  for (guint k = 0; k < MG_PYRAMID_LEVELS; k++)
    bytes += pyramid->levels[k]->len * sizeof (MgRange);
  return bytes;
}
