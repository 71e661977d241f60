/* mg-format-private.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the JSON and CSV writers (mg-export.c) and readers (mg-import.c)
 * share besides the series of samples (mg-field.h): the members of a
 * recording and of a comparison.
 */
#pragma once

#include "mg-field.h"

G_BEGIN_DECLS

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
