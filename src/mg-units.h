/* mg-units.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A linear axis from 0 to @max: where its ticks go and how they are labelled. */
typedef struct
{
  double      max;      /* the axis end, a whole number of steps, >= the data */
  double      step;     /* distance between ticks, in data units */
  double      divisor;  /* data units per label unit (1024² for MiB, 60 for min) */
  const char *unit;     /* "MiB", "s", "min", … (not translated: SI/IEC symbols) */
} MgAxis;

void   mg_axis_for_bytes       (MgAxis     *axis,
                                double      max_bytes);
void   mg_axis_for_seconds     (MgAxis     *axis,
                                double      max_seconds);
char  *mg_axis_format_tick     (const MgAxis *axis,
                                double      value);

double mg_nice_step            (double      range,
                                guint       max_ticks);
char  *mg_format_bytes         (guint64     bytes);
void   mg_format_bytes_range   (guint64     low,
                                guint64     high,
                                char      **low_text,
                                char      **high_text);
char  *mg_format_duration      (double      seconds);
char  *mg_format_elapsed       (double      seconds);
const char *mg_signal_name     (int         signum);

G_END_DECLS
