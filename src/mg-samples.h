/* mg-samples.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A value that was not measured (PSS between its slower reads). */
#define MG_NO_VALUE G_MAXUINT64

typedef struct
{
  double  time_s;        /* seconds since the command started, monotonic clock, to the µs */
  guint64 rss_bytes;     /* resident: anon + file + shmem */
  guint64 vsz_bytes;
  guint64 anon_bytes;    /* RssAnon */
  guint64 file_bytes;    /* RssFile */
  guint64 shmem_bytes;   /* RssShmem */
  guint64 swap_bytes;    /* VmSwap */
  guint64 rss_max_bytes; /* highest RSS since the previous sample (catch every spike), or 0 */
  guint64 pss_bytes;     /* proportional set size, or MG_NO_VALUE */
  guint64 uss_bytes;     /* unique set size, or MG_NO_VALUE */
} MgSample;

#define MG_SAMPLE_N_SIZES ((sizeof (MgSample) - G_STRUCT_OFFSET (MgSample, rss_bytes)) / sizeof (guint64))

void             mg_sample_init             (MgSample        *sample,
                                             double           time_s);

/* Samples are kept in blocks of this many, each block packed on its own. */
#define MG_SAMPLES_BLOCK 32

typedef struct _MgSamples MgSamples;

MgSamples       *mg_samples_new             (void);
void             mg_samples_free            (MgSamples       *samples);
void             mg_samples_append          (MgSamples       *samples,
                                             const MgSample  *sample);
void             mg_samples_replace         (MgSamples       *samples,
                                             guint            index,
                                             const MgSample  *sample);
guint            mg_samples_get_size        (MgSamples       *samples);
MgSample         mg_samples_get             (MgSamples       *samples,
                                             guint            index);
const MgSample  *mg_samples_peek            (MgSamples       *samples,
                                             guint            index);
double           mg_samples_get_time        (MgSamples       *samples,
                                             guint            index);
guint64          mg_samples_get_value       (MgSamples       *samples,
                                             guint            index,
                                             gsize            field_offset);
guint            mg_samples_lower_bound     (MgSamples       *samples,
                                             guint            lo,
                                             guint            hi,
                                             double           time_s);
gsize            mg_samples_get_bytes       (MgSamples       *samples);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgSamples, mg_samples_free)

G_END_DECLS
