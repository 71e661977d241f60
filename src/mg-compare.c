/* mg-compare.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs side by side, in words and numbers: each run's peak RSS and
 * duration, and their difference to the first, such as
 * "floats: 412.0 MiB, −96.0 MiB (−19 %) vs doubles".
 */
#include "config.h"

#include "mg-compare.h"
#include "mg-units.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* U+2212 MINUS SIGN, as typography wants it. */
#define MINUS "\xe2\x88\x92"

/**
 * mg_compare_signed_bytes:
 * @delta: a difference in bytes
 *
 * Returns: (transfer full): "+96.0 MiB", "−96.0 MiB" or "±0 bytes"
 */
char *
mg_compare_signed_bytes (gint64 delta)
{
  g_autofree char *size = mg_format_bytes ((guint64) ABS (delta));

  if (delta == 0)
    return g_strdup_printf ("±%s", size);
  return g_strdup_printf ("%s%s", delta < 0 ? MINUS : "+", size);
}

static char *
signed_percent (double delta,
                double base)
{
  long percent;

  if (base <= 0)
    return g_strdup ("—");
  percent = lround (100 * delta / base);
  if (percent == 0)
    return g_strdup ("±0 %");
  return g_strdup_printf ("%s%ld %%", percent < 0 ? MINUS : "+", labs (percent));
}

/**
 * mg_compare_line:
 * @run: a run
 * @label: its name
 * @first: (nullable): the run it is compared with, or %NULL when @run is
 *   the first
 * @first_label: (nullable): the first's name
 *
 * Returns: (transfer full): "doubles: 824.0 MiB in 10.2 s" for the first;
 *   "floats: 412.0 MiB, −412.0 MiB (−50 %) vs doubles; 8.1 s, −2.1 s (−21 %)"
 *   for the others
 */
char *
mg_compare_line (MgRecording *run,
                 const char  *label,
                 MgRecording *first,
                 const char  *first_label)
{
  guint64 peak;
  double duration;
  g_autofree char *peak_text = NULL;
  g_autofree char *duration_text = NULL;

  g_return_val_if_fail (MG_IS_RECORDING (run), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  peak = mg_recording_get_peak_rss (run);
  duration = mg_recording_get_duration (run);
  /* A peak the run cannot back exactly is said as a range or a bound. */
  peak_text = mg_recording_get_peak_is_exact (run) ? mg_format_bytes (peak)
                                                   : mg_recording_dup_peak_text (run);
  duration_text = mg_format_duration (duration);

  if (first == NULL || first == run)
    /* TRANSLATORS: a run's name, its peak RSS and duration */
    return g_strdup_printf (_("%s: %s in %s"), label, peak_text, duration_text);
  else
    {
      guint64 first_peak = mg_recording_get_peak_rss (first);
      double first_duration = mg_recording_get_duration (first);
      g_autofree char *delta = mg_compare_signed_bytes ((gint64) peak - (gint64) first_peak);
      /* TRANSLATORS: a difference of two peaks known only as lower bounds */
      g_autofree char *bytes = mg_recording_get_peak_is_exact (run) &&
                               mg_recording_get_peak_is_exact (first)
                               ? g_strdup (delta)
                               : g_strdup_printf (_("%s between the lower ends"), delta);
      g_autofree char *bytes_pct = signed_percent ((double) peak - first_peak, first_peak);
      g_autofree char *time_delta = mg_format_duration (fabs (duration - first_duration));
      g_autofree char *time_pct = signed_percent (duration - first_duration, first_duration);
      const char *sign = duration < first_duration ? MINUS : "+";

      /* TRANSLATORS: "floats: 412.0 MiB, −412.0 MiB (−50 %) vs doubles; 8.1 s, −2.1 s (−21 %)" */
      return g_strdup_printf (_("%s: %s, %s (%s) vs %s; %s, %s%s (%s)"), label, peak_text, bytes,
                              bytes_pct, first_label, duration_text, sign, time_delta, time_pct);
    }
}

/**
 * mg_compare_summary:
 * @runs: (array length=n_runs): the runs, the first being the reference
 * @labels: (array length=n_runs): their names
 *
 * Returns: (transfer full): one line per run
 */
GStrv
mg_compare_summary (MgRecording **runs,
                    const char  **labels,
                    guint         n_runs)
{
  GStrv lines;

  g_return_val_if_fail (runs != NULL || n_runs == 0, NULL);

  lines = g_new0 (char *, n_runs + 1);
  for (guint i = 0; i < n_runs; i++)
    lines[i] = mg_compare_line (runs[i], labels[i], i > 0 ? runs[0] : NULL, labels[0]);
  return lines;
}

/**
 * mg_compare_default_label:
 * @run: a run
 * @file_name: (nullable): the file it was opened from
 * @index: its place in the list, from 0
 *
 * Returns: (transfer full): the file's name without its extension
 *   ("doubles" for doubles.json), or "run N"
 */
char *
mg_compare_default_label (MgRecording *run,
                          const char  *file_name,
                          guint        index)
{
  if (file_name != NULL)
    {
      g_autofree char *base = g_path_get_basename (file_name);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      return g_steal_pointer (&base);
    }
  /* TRANSLATORS: the default name of a run */
  return g_strdup_printf (_("run %u"), index + 1);
}
