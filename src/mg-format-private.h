/* mg-format-private.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the JSON and CSV writers (mg-export.c) and readers (mg-import.c)
 * share: the series of samples, each with its JSON key and CSV column (the
 * same name), in the order they are written.
 */
#pragma once

#include "mg-samples.h"

G_BEGIN_DECLS

typedef enum
{
  MG_SERIES_ALWAYS,    /* written for every recording */
  MG_SERIES_ENVELOPE,  /* when the interval maximum was measured (catch every spike) */
  MG_SERIES_PSS,       /* when PSS and USS were measured */
} MgSeriesWhen;

typedef struct
{
  const char   *key;       /* JSON member of "samples", and CSV column */
  gsize         offset;    /* of the size in MgSample */
  MgSeriesWhen  when;
  gboolean      required;  /* a recording without it is refused */
  gboolean      nullable;  /* null (JSON) or an empty cell (CSV): not measured */
} MgSeriesKey;

/* Times come first, as "time_s", in both formats. */
#define MG_SERIES_TIME_KEY "time_s"

static const MgSeriesKey mg_series_keys[] = {
  { "rss_bytes", G_STRUCT_OFFSET (MgSample, rss_bytes), MG_SERIES_ALWAYS, TRUE, FALSE },
  { "vsz_bytes", G_STRUCT_OFFSET (MgSample, vsz_bytes), MG_SERIES_ALWAYS, TRUE, FALSE },
  { "anon_bytes", G_STRUCT_OFFSET (MgSample, anon_bytes), MG_SERIES_ALWAYS, FALSE, FALSE },
  { "file_bytes", G_STRUCT_OFFSET (MgSample, file_bytes), MG_SERIES_ALWAYS, FALSE, FALSE },
  { "shmem_bytes", G_STRUCT_OFFSET (MgSample, shmem_bytes), MG_SERIES_ALWAYS, FALSE, FALSE },
  { "swap_bytes", G_STRUCT_OFFSET (MgSample, swap_bytes), MG_SERIES_ALWAYS, FALSE, FALSE },
  { "rss_max_bytes", G_STRUCT_OFFSET (MgSample, rss_max_bytes), MG_SERIES_ENVELOPE, FALSE, FALSE },
  { "pss_bytes", G_STRUCT_OFFSET (MgSample, pss_bytes), MG_SERIES_PSS, FALSE, TRUE },
  { "uss_bytes", G_STRUCT_OFFSET (MgSample, uss_bytes), MG_SERIES_PSS, FALSE, TRUE },
};

#define MG_N_SERIES_KEYS G_N_ELEMENTS (mg_series_keys)

/* The members of a recording that the reader streams, and of a comparison:
 * the lists, one element at a time, and the samples, array by array. */
typedef enum
{
  MG_LIST_PROCESSES,
  MG_LIST_MARKERS,
  MG_LIST_UNREADABLE,
  MG_LIST_OUTPUT,
  MG_N_LISTS
} MgListKind;

static const char * const mg_list_keys[MG_N_LISTS] = {
  "processes", "markers", "unreadable", "output"
};

#define MG_SAMPLES_KEY "samples"
#define MG_RUNS_KEY    "runs"
#define MG_LABELS_KEY  "labels"
#define MG_SUMMARY_KEY "summary"

/* Nesting a reader accepts: a recording needs 5 levels (a comparison's
 * runs, a run, its processes, a process, its exit). Deeper input is refused
 * before anything recurses over it. */
#define MG_JSON_MAX_DEPTH 64

G_END_DECLS
