/* mg-samples.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The samples of a run, packed: a day at 10 ms is 8.6 million samples of
 * 80 bytes, 660 MiB as plain structs, and that is what a monitor must not
 * cost. Samples go in blocks of MG_SAMPLES_BLOCK; each block is encoded on
 * its own (so any sample is one block's decoding away), as the change of
 * each size from the sample before, in variable-length integers:
 *
 *   per sample  time: zigzag varint of how much the step in µs from the
 *                     previous sample differs from the step before it (a
 *                     steady clock writes zeros)
 *               mask: varint, bit k set when size k changed
 *               per changed size, a varint tagged in its low bits:
 *                 …1   the change is a multiple of 1 KiB: zigzag(change / 1024)
 *                 …00  zigzag(change)
 *                 …10  escape: the change as a plain 64-bit varint follows
 *
 * The first sample of a block is the change from an all-zero sample at
 * time 0. Memory sizes move in pages, mostly not at all between two
 * samples, so a sample takes 3 to 10 bytes instead of 80: nothing is
 * rounded or dropped (times are kept to the microsecond, as measured).
 *
 * The newest few blocks stay unpacked, where the sampler appends and the
 * PSS reader fills in values a second late; an older block that is changed
 * is packed again at the end of the arena. A few decoded blocks are cached,
 * so reading in order decodes each block once.
 */
#include "config.h"

#include "mg-samples.h"
#include "mg-field.h"

#include <math.h>
#include <string.h>

/* Decoded blocks kept at once. */
#define CACHE_SLOTS 4
/* Blocks kept unpacked at the end. */
#define TAIL_BLOCKS 8
/* Packed blocks are written into chunks that double from the first size
 * to the largest, so that a short run costs little. */
#define FIRST_CHUNK_BYTES (8 * 1024)
#define CHUNK_BYTES (256 * 1024)
/* The most a block can take: per sample a time, a mask and nine sizes of
 * at most 11 bytes each. */
#define MAX_BLOCK_BYTES (MG_SAMPLES_BLOCK * (10 + 2 + MG_SAMPLE_N_SIZES * 11))

struct _MgSamples
{
  guint      size;
  GArray    *block_t0;    /* double: the time of each packed block's first sample */
  GPtrArray *block_data;  /* guint8 *: where each packed block starts, in a chunk */
  GPtrArray *chunks;      /* guint8 [CHUNK_BYTES] */
  gsize      chunk_used;  /* bytes used in the last chunk */
  gsize      chunk_size;  /* and its size */
  gsize      chunk_total; /* the sizes of all chunks */
  GArray    *tail;        /* MgSample: the samples after the packed blocks */

  /* Decoded blocks, block b in slot b % CACHE_SLOTS: the plot reads at
   * both ends of a pixel column, two blocks in turn. Made on first use. */
  guint      cached[CACHE_SLOTS];  /* the block in each slot, or G_MAXUINT */
  MgSample (*cache)[MG_SAMPLES_BLOCK];
};

/**
 * mg_sample_init:
 *
 * Zeroes @sample and marks the nullable fields (PSS and USS) as not
 * measured.
 */
void
mg_sample_init (MgSample *sample,
                double    time_s)
{
  memset (sample, 0, sizeof *sample);
  sample->time_s = time_s;
  for (MgField f = 0; f < MG_N_FIELDS; f++)
    if (mg_fields[f].nullable)
      mg_field_set (sample, f, MG_NO_VALUE);
}

MgSamples *
mg_samples_new (void)
{
  MgSamples *s = g_new0 (MgSamples, 1);

  s->block_t0 = g_array_new (FALSE, FALSE, sizeof (double));
  s->block_data = g_ptr_array_new ();
  s->chunks = g_ptr_array_new_with_free_func (g_free);
  s->tail = g_array_new (FALSE, FALSE, sizeof (MgSample));
  for (guint i = 0; i < CACHE_SLOTS; i++)
    s->cached[i] = G_MAXUINT;
  return s;
}

void
mg_samples_free (MgSamples *samples)
{
  if (samples == NULL)
    return;
  g_array_unref (samples->block_t0);
  g_ptr_array_unref (samples->block_data);
  g_ptr_array_unref (samples->chunks);
  g_array_unref (samples->tail);
  g_free (samples->cache);
  g_free (samples);
}

static inline guint8 *
put_varint (guint8  *p,
            guint64  v)
{
  while (v >= 0x80)
    {
      *p++ = (guint8) (v | 0x80);
      v >>= 7;
    }
  *p++ = (guint8) v;
  return p;
}

static inline const guint8 *
get_varint (const guint8 *p,
            guint64      *v)
{
  guint64 result = 0;
  guint shift = 0;

  while (*p & 0x80)
    {
      result |= (guint64) (*p++ & 0x7f) << shift;
      shift += 7;
    }
  *v = result | (guint64) *p++ << shift;
  return p;
}

static inline guint64
zigzag (gint64 v)
{
  return ((guint64) v << 1) ^ (guint64) (v >> 63);
}

static inline gint64
unzigzag (guint64 v)
{
  return (gint64) (v >> 1) ^ -(gint64) (v & 1);
}

static inline guint8 *
put_change (guint8  *p,
            guint64  change)
{
  gint64 d = (gint64) change;
  guint64 z;

  if ((change & 1023) == 0)
    return put_varint (p, zigzag (d >> 10) << 1 | 1);
  z = zigzag (d);
  if (z >> 62 == 0)
    return put_varint (p, z << 2);
  p = put_varint (p, 2);
  return put_varint (p, change);
}

static inline const guint8 *
get_change (const guint8 *p,
            guint64      *change)
{
  guint64 v;

  p = get_varint (p, &v);
  if (v & 1)
    *change = (guint64) (unzigzag (v >> 1) * 1024);
  else if ((v & 3) == 0)
    *change = (guint64) unzigzag (v >> 2);
  else
    p = get_varint (p, change);
  return p;
}

/* Microseconds, within what a 64-bit integer holds (a file may say
 * anything). */
static inline gint64
time_us (double time_s)
{
  double us = time_s * 1e6;

  if (!(us > -4e18))
    return (gint64) -4e18;
  if (!(us < 4e18))
    return (gint64) 4e18;
  return llround (us);
}

static inline const guint64 *
sizes_of (const MgSample *s)
{
  return &s->rss_bytes;
}

static inline guint64 *
sizes_of_mut (MgSample *s)
{
  return &s->rss_bytes;
}

/* Packs @n samples into @out; returns the end. */
static guint8 *
encode_block (const MgSample *block,
              guint           n,
              guint8         *out)
{
  MgSample zero = { 0 };
  const MgSample *prev = &zero;
  guint64 prev_step = 0;
  guint8 *p = out;

  for (guint i = 0; i < n; i++)
    {
      const guint64 *a = sizes_of (prev);
      const guint64 *b = sizes_of (&block[i]);
      /* In wrapping arithmetic: the true values fit, the steps between
       * them need not. */
      guint64 step = (guint64) time_us (block[i].time_s) - (guint64) time_us (prev->time_s);
      guint64 mask = 0;

      p = put_varint (p, zigzag ((gint64) (step - prev_step)));
      prev_step = step;
      for (guint k = 0; k < MG_SAMPLE_N_SIZES; k++)
        if (a[k] != b[k])
          mask |= 1u << k;
      p = put_varint (p, mask);
      for (guint k = 0; k < MG_SAMPLE_N_SIZES; k++)
        if (mask & (1u << k))
          p = put_change (p, b[k] - a[k]);
      prev = &block[i];
    }
  return p;
}

static void
decode_block (const guint8 *p,
              MgSample     *block)
{
  MgSample prev = { 0 };
  guint64 us = 0, step = 0;

  for (guint i = 0; i < MG_SAMPLES_BLOCK; i++)
    {
      guint64 *sizes = sizes_of_mut (&prev);
      guint64 v, mask;

      p = get_varint (p, &v);
      step += (guint64) unzigzag (v);
      us += step;
      prev.time_s = (gint64) us / 1e6;
      p = get_varint (p, &mask);
      for (guint k = 0; k < MG_SAMPLE_N_SIZES; k++)
        if (mask & (1u << k))
          {
            guint64 change;

            p = get_change (p, &change);
            sizes[k] += change;
          }
      block[i] = prev;
    }
}

/* Packs @block into the arena; returns where it went. */
static guint8 *
store_block (MgSamples      *s,
             const MgSample *block)
{
  guint8 scratch[MAX_BLOCK_BYTES];
  gsize n = encode_block (block, MG_SAMPLES_BLOCK, scratch) - scratch;
  guint8 *chunk, *at;

  if (s->chunks->len == 0 || s->chunk_used + n > s->chunk_size)
    {
      s->chunk_size = s->chunks->len == 0 ? FIRST_CHUNK_BYTES : MIN (2 * s->chunk_size, CHUNK_BYTES);
      s->chunk_total += s->chunk_size;
      g_ptr_array_add (s->chunks, g_malloc (s->chunk_size));
      s->chunk_used = 0;
    }
  chunk = g_ptr_array_index (s->chunks, s->chunks->len - 1);
  at = chunk + s->chunk_used;
  memcpy (at, scratch, n);
  s->chunk_used += n;
  return at;
}

static inline guint
n_packed (MgSamples *s)
{
  return s->block_data->len * MG_SAMPLES_BLOCK;
}

/**
 * mg_samples_append:
 * @sample: the next sample; its time is kept to the microsecond
 */
void
mg_samples_append (MgSamples      *samples,
                   const MgSample *sample)
{
  MgSample copy = *sample;

  copy.time_s = time_us (sample->time_s) / 1e6;
  g_array_append_val (samples->tail, copy);
  samples->size++;

  if (samples->tail->len == (TAIL_BLOCKS + 1) * MG_SAMPLES_BLOCK)
    {
      const MgSample *oldest = (const MgSample *) samples->tail->data;
      guint8 *at = store_block (samples, oldest);

      g_array_append_val (samples->block_t0, oldest->time_s);
      g_ptr_array_add (samples->block_data, at);
      g_array_remove_range (samples->tail, 0, MG_SAMPLES_BLOCK);
    }
}

guint
mg_samples_get_size (MgSamples *samples)
{
  return samples->size;
}

/**
 * mg_samples_peek:
 * @index: < the size
 *
 * Returns: (transfer none): the sample, valid until the next call on
 *   @samples
 */
const MgSample *
mg_samples_peek (MgSamples *samples,
                 guint      index)
{
  guint packed = n_packed (samples);
  guint block, slot;

  g_return_val_if_fail (index < samples->size, NULL);

  if (index >= packed)
    return &g_array_index (samples->tail, MgSample, index - packed);
  block = index / MG_SAMPLES_BLOCK;
  slot = block % CACHE_SLOTS;
  if (block != samples->cached[slot])
    {
      if (samples->cache == NULL)
        samples->cache = g_malloc (CACHE_SLOTS * sizeof *samples->cache);
      decode_block (g_ptr_array_index (samples->block_data, block), samples->cache[slot]);
      samples->cached[slot] = block;
    }
  return &samples->cache[slot][index % MG_SAMPLES_BLOCK];
}

MgSample
mg_samples_get (MgSamples *samples,
                guint      index)
{
  return *mg_samples_peek (samples, index);
}

double
mg_samples_get_time (MgSamples *samples,
                     guint      index)
{
  guint packed = n_packed (samples);

  /* The first of a block needs no decoding. */
  if (index < packed && index % MG_SAMPLES_BLOCK == 0)
    return g_array_index (samples->block_t0, double, index / MG_SAMPLES_BLOCK);
  return mg_samples_peek (samples, index)->time_s;
}

guint64
mg_samples_get_value (MgSamples *samples,
                      guint      index,
                      gsize      field_offset)
{
  return G_STRUCT_MEMBER (guint64, mg_samples_peek (samples, index), field_offset);
}

/**
 * mg_samples_replace:
 * @index: < the size
 * @sample: its new values (the time should stay the same)
 *
 * Changes one sample: cheap in the unpacked tail, a block packed again
 * further back.
 */
void
mg_samples_replace (MgSamples      *samples,
                    guint           index,
                    const MgSample *sample)
{
  guint packed = n_packed (samples);
  MgSample block[MG_SAMPLES_BLOCK];
  guint b;

  g_return_if_fail (index < samples->size);

  if (index >= packed)
    {
      MgSample *s = &g_array_index (samples->tail, MgSample, index - packed);

      *s = *sample;
      s->time_s = time_us (sample->time_s) / 1e6;
      return;
    }
  b = index / MG_SAMPLES_BLOCK;
  decode_block (g_ptr_array_index (samples->block_data, b), block);
  block[index % MG_SAMPLES_BLOCK] = *sample;
  block[index % MG_SAMPLES_BLOCK].time_s = time_us (sample->time_s) / 1e6;
  g_ptr_array_index (samples->block_data, b) = store_block (samples, block);
  g_array_index (samples->block_t0, double, b) = block[0].time_s;
  if (samples->cached[b % CACHE_SLOTS] == b)
    samples->cached[b % CACHE_SLOTS] = G_MAXUINT;
}

/**
 * mg_samples_lower_bound:
 * @lo: the first index to consider
 * @hi: one past the last
 * @time_s: a time
 *
 * Returns: the first index in [@lo, @hi) whose time is at or after
 *   @time_s, or @hi; the times must not decrease. Binary search over the
 *   blocks' first times, then inside one block.
 */
guint
mg_samples_lower_bound (MgSamples *samples,
                        guint      lo,
                        guint      hi,
                        double     time_s)
{
  const double *t0 = (const double *) samples->block_t0->data;
  guint first = lo / MG_SAMPLES_BLOCK + 1;
  guint end = MIN (samples->block_t0->len, (hi + MG_SAMPLES_BLOCK - 1) / MG_SAMPLES_BLOCK);

  if (lo >= hi)
    return hi;

  /* The packed blocks that start inside (lo, hi): the last one that starts
   * before time_s, and the one after it, bound the answer. */
  if (first < end)
    {
      if (t0[first] >= time_s)
        hi = MIN (hi, first * MG_SAMPLES_BLOCK);
      else
        {
          guint a = first, b = end;

          while (b - a > 1)
            {
              guint mid = a + (b - a) / 2;

              if (t0[mid] < time_s)
                a = mid;
              else
                b = mid;
            }
          lo = MAX (lo, a * MG_SAMPLES_BLOCK + 1);
          if (b < end)
            hi = MIN (hi, b * MG_SAMPLES_BLOCK);
        }
    }

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (mg_samples_get_time (samples, mid) < time_s)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/**
 * mg_samples_get_bytes:
 *
 * Returns: the memory the samples take, packed and unpacked
 */
gsize
mg_samples_get_bytes (MgSamples *samples)
{
  return sizeof *samples + samples->chunk_total +
         (samples->cache != NULL ? CACHE_SLOTS * sizeof *samples->cache : 0) +
         samples->block_t0->len * (sizeof (double) + sizeof (gpointer)) +
         samples->tail->len * sizeof (MgSample);
}
