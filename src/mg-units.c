/* mg-units.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Units and tick placement for the plot's axes and the labels of the window.
 */
#include "config.h"

#include "mg-units.h"

#include <glib/gi18n.h>
#include <math.h>
#include <signal.h>
#include <string.h>

/**
 * mg_nice_step:
 * @range: the extent of the axis, > 0
 * @max_ticks: how many intervals at most
 *
 * Returns: the smallest of 1, 2, 2.5 or 5 times a power of ten that divides
 *   @range into at most @max_ticks intervals
 */
double
mg_nice_step (double range,
              guint  max_ticks)
{
  static const double mantissas[] = { 1.0, 2.0, 2.5, 5.0, 10.0 };
  double raw, magnitude;

  g_return_val_if_fail (max_ticks > 0, 1.0);

  if (!(range > 0) || !isfinite (range))
    return 1.0;

  raw = range / max_ticks;
  magnitude = pow (10.0, floor (log10 (raw)));

  for (guint i = 0; i < G_N_ELEMENTS (mantissas); i++)
    {
      /* A small tolerance keeps 100/5 = 20 from becoming 25 through rounding. */
      if (mantissas[i] * magnitude >= raw * (1 - 1e-9))
        return mantissas[i] * magnitude;
    }
  return 10.0 * magnitude;
}

static void
axis_fill (MgAxis     *axis,
           double      max_value,
           double      divisor,
           const char *unit)
{
  double scaled = max_value / divisor;

  if (!(scaled > 0))
    scaled = 1.0;
  axis->divisor = divisor;
  axis->unit = unit;
  axis->step = mg_nice_step (scaled, 5) * divisor;
  axis->max = ceil (scaled / (axis->step / divisor) - 1e-9) * axis->step;
  if (axis->max <= 0)
    axis->max = axis->step;
}

/**
 * mg_axis_for_bytes:
 * @axis: (out): the axis
 * @max_bytes: the largest value to show
 *
 * Chooses B, KiB, MiB, GiB or TiB from the data, so that the largest label
 * stays below 1024 of its unit.
 */
void
mg_axis_for_bytes (MgAxis *axis,
                   double  max_bytes)
{
  static const char *units[] = { "B", "KiB", "MiB", "GiB", "TiB" };
  double divisor = 1;
  guint i = 0;

  g_return_if_fail (axis != NULL);

  while (i + 1 < G_N_ELEMENTS (units) && max_bytes >= divisor * 1024)
    {
      divisor *= 1024;
      i++;
    }
  axis_fill (axis, max_bytes, divisor, units[i]);
}

/**
 * mg_axis_for_seconds:
 * @axis: (out): the axis
 * @max_seconds: the duration to show
 *
 * Seconds up to two minutes, then minutes up to two hours, then hours.
 */
void
mg_axis_for_seconds (MgAxis *axis,
                     double  max_seconds)
{
  g_return_if_fail (axis != NULL);

  if (max_seconds < 120)
    axis_fill (axis, max_seconds, 1, "s");
  else if (max_seconds < 7200)
    axis_fill (axis, max_seconds, 60, "min");
  else
    axis_fill (axis, max_seconds, 3600, "h");
}

/**
 * mg_axis_format_tick:
 * @axis: the axis
 * @value: a tick value in data units
 *
 * Returns: (transfer full): the label, with as many decimals as the step needs
 */
char *
mg_axis_format_tick (const MgAxis *axis,
                     double        value)
{
  double step = axis->step / axis->divisor;
  double v = value / axis->divisor;
  int decimals = 0;

  g_return_val_if_fail (axis != NULL, NULL);

  while (decimals < 6 && fabs (step * pow (10, decimals) - round (step * pow (10, decimals))) > 1e-6)
    decimals++;

  if (fabs (v) < step * 1e-9)
    v = 0;
  return g_strdup_printf ("%.*f %s", decimals, v, axis->unit);
}

/**
 * mg_format_bytes:
 * @bytes: a size
 *
 * Returns: (transfer full): the size in IEC units, such as "300.0 MiB"
 */
char *
mg_format_bytes (guint64 bytes)
{
  return g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
}

/**
 * mg_format_bytes_range:
 * @low: the lower end of a range
 * @high: its upper end
 * @low_text: (out) (transfer full): @low as text
 * @high_text: (out) (transfer full): @high as text
 *
 * Both ends in IEC units, or in MiB with one decimal when they would read
 * alike, so that a range never says "2.1 GiB to 2.1 GiB".
 */
void
mg_format_bytes_range (guint64   low,
                       guint64   high,
                       char    **low_text,
                       char    **high_text)
{
  *low_text = mg_format_bytes (low);
  *high_text = mg_format_bytes (high);
  if (low != high && g_str_equal (*low_text, *high_text))
    {
      g_free (*low_text);
      g_free (*high_text);
      *low_text = g_strdup_printf ("%.1f\u00a0MiB", low / 1048576.0);
      *high_text = g_strdup_printf ("%.1f\u00a0MiB", high / 1048576.0);
    }
}

/**
 * mg_format_duration:
 * @seconds: a duration
 *
 * Returns: (transfer full): "0.25 s", "12.3 s", "2 min 05 s" or "1 h 02 min"
 */
char *
mg_format_duration (double seconds)
{
  if (!(seconds >= 0) || !isfinite (seconds))
    seconds = 0;

  if (seconds < 1)
    /* TRANSLATORS: a duration in seconds */
    return g_strdup_printf (_("%.2f s"), seconds);
  if (seconds < 60)
    return g_strdup_printf (_("%.1f s"), floor (seconds * 10) / 10);
  if (seconds < 3600)
    {
      guint s = (guint) seconds;
      /* TRANSLATORS: minutes and seconds */
      return g_strdup_printf (_("%u min %02u s"), s / 60, s % 60);
    }
  else
    {
      guint m = (guint) (seconds / 60);
      /* TRANSLATORS: hours and minutes */
      return g_strdup_printf (_("%u h %02u min"), m / 60, m % 60);
    }
}

/**
 * mg_format_elapsed:
 * @seconds: the time a run has been running
 *
 * As mg_format_duration(), in whole seconds below a minute: a live figure
 * that changes once a second, not ten times.
 *
 * Returns: (transfer full): "0 s", "12 s", "2 min 05 s" or "1 h 02 min"
 */
char *
mg_format_elapsed (double seconds)
{
  if (!(seconds >= 0) || !isfinite (seconds))
    seconds = 0;
  if (seconds < 60)
    /* TRANSLATORS: a running time in whole seconds */
    return g_strdup_printf (_("%u s"), (guint) floor (seconds));
  return mg_format_duration (seconds);
}

/**
 * mg_signal_name:
 * @signum: a signal number
 *
 * Returns: (transfer none): its name, such as "SIGKILL", or "signal N"
 *   spelt as "SIG?" when the C library does not know it
 */
const char *
mg_signal_name (int signum)
{
  static char names[65][16];
  const char *abbrev;

  if (signum <= 0 || signum >= (int) G_N_ELEMENTS (names))
    return "SIG?";

  if (names[signum][0] == '\0')
    {
      abbrev = sigabbrev_np (signum);
      if (abbrev != NULL)
        g_snprintf (names[signum], sizeof names[signum], "SIG%s", abbrev);
      else if (signum >= SIGRTMIN && signum <= SIGRTMAX)
        g_snprintf (names[signum], sizeof names[signum], "SIGRTMIN+%d", signum - SIGRTMIN);
      else
        g_snprintf (names[signum], sizeof names[signum], "SIG%d", signum);
    }
  return names[signum];
}
