/* mg-budget.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Budgets for CI: is the peak RSS of a run over a size (--max-rss), or more
 * than a percentage over a baseline run's (--baseline, --max-increase)? The
 * answer never claims more than the peak is known to be: a peak known only
 * as a lower bound, or as a range, may be over without being known to be.
 */
#include "config.h"

#include "mg-budget.h"
#include "mg-units.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* A digit, then digits and at most one point. */
static const char *
scan_number (const char *text,
             double     *value)
{
  const char *c = text;
  gboolean point = FALSE;
  g_autofree char *digits = NULL;

  if (!g_ascii_isdigit (*c))
    return NULL;
  for (; g_ascii_isdigit (*c) || (*c == '.' && !point); c++)
    if (*c == '.')
      point = TRUE;
  if (c[-1] == '.')
    return NULL;
  digits = g_strndup (text, c - text);
  *value = g_ascii_strtod (digits, NULL);
  return c;
}

/**
 * mg_parse_size:
 * @text: a size such as "500MiB", "500MB", "1.5GiB", "500M" or "1048576"
 * @bytes: (out): the size in bytes
 *
 * A decimal number, an optional space, and an optional unit, its letters in
 * either case: B; KiB, MiB, GiB, TiB (powers of 1024); kB, MB, GB, TB
 * (powers of 1000); K, M, G, T alone are powers of 1024, as for ls, df and
 * ulimit. Zero, signs and sizes above 16 EiB are refused.
 *
 * Returns: %TRUE when @text is such a size
 */
gboolean
mg_parse_size (const char *text,
               guint64    *bytes)
{
  static const struct { const char *unit; double factor; } units[] = {
    { "", 1 }, { "b", 1 },
    { "k", 1024.0 }, { "kib", 1024.0 }, { "kb", 1e3 },
    { "m", 1048576.0 }, { "mib", 1048576.0 }, { "mb", 1e6 },
    { "g", 1073741824.0 }, { "gib", 1073741824.0 }, { "gb", 1e9 },
    { "t", 1099511627776.0 }, { "tib", 1099511627776.0 }, { "tb", 1e12 },
  };
  const char *rest;
  double value, total;

  g_return_val_if_fail (bytes != NULL, FALSE);

  if (text == NULL || (rest = scan_number (text, &value)) == NULL)
    return FALSE;
  /* One space, then a unit: "500 MiB". */
  if (rest[0] == ' ' && rest[1] != '\0')
    rest++;
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_ascii_strcasecmp (rest, units[i].unit) == 0 && (i == 0 || *rest != '\0'))
      {
        total = round (value * units[i].factor);
        if (!(total >= 1) || total >= 18446744073709551616.0)
          return FALSE;
        *bytes = (guint64) total;
        return TRUE;
      }
  return FALSE;
}

/**
 * mg_parse_percent:
 * @text: "5", "2.5" or "10%"
 * @percent: (out): the number
 *
 * Returns: %TRUE when @text is a decimal number from 0 to 100000, with or
 *   without a "%" after it
 */
gboolean
mg_parse_percent (const char *text,
                  double     *percent)
{
  const char *rest;
  double value;

  g_return_val_if_fail (percent != NULL, FALSE);

  if (text == NULL || (rest = scan_number (text, &value)) == NULL)
    return FALSE;
  if (*rest == '%')
    rest++;
  if (*rest != '\0' || value > 100000)
    return FALSE;
  *percent = value;
  return TRUE;
}

/* The run's peak as a range: @high is G_MAXUINT64 when only a lower bound
 * is known. Returns the peak in words, as the summary line has it. */
static char *
peak_bounds (MgRecording *recording,
             guint64     *low,
             guint64     *high)
{
  g_autofree char *figure = NULL;

  *low = mg_recording_get_peak_rss (recording);
  if (mg_recording_get_peak_is_exact (recording))
    *high = *low;
  else if (!mg_recording_get_peak_upper (recording, high))
    *high = G_MAXUINT64;

  if (!mg_recording_get_attached (recording))
    return *high == *low ? mg_format_bytes (*low) : mg_recording_dup_peak_text (recording);

  /* One process attached to, and still running when watching stopped: its
   * high-water mark at the last read is its peak since it started, which
   * bounds what was watched from above. Once it has ended, the last mark
   * read may be short of its peak (and the last sample is the zero of its
   * end). */
  if (mg_recording_get_n_processes (recording) == 1 &&
      !mg_recording_get_process (recording, 0)->exited &&
      !mg_recording_get_unseen (recording) &&
      mg_recording_get_last (recording) != NULL &&
      mg_recording_get_last (recording)->rss_bytes > 0)
    *high = *low;
  figure = mg_format_bytes (*low);
  if (*high == *low)
    /* TRANSLATORS: the peak RSS of a process attached to, e.g. "300.1 MiB since the process
     * started" */
    return g_strdup_printf (_("%s since the process started"), figure);
  return g_strdup_printf (_("at least %s since the process started"), figure);
}

static MgBudgetVerdict
verdict (guint64 low,
         guint64 high,
         guint64 limit)
{
  if (low > limit)
    return MG_BUDGET_OVER;
  if (high > limit)
    return MG_BUDGET_MAYBE;
  return MG_BUDGET_UNDER;
}

/**
 * mg_budget_check_rss:
 * @recording: a finished run
 * @budget_bytes: the highest peak RSS allowed
 * @message: (out) (transfer full): the verdict in words, with both figures,
 *   such as "peak RSS 512.0 MiB is over the budget of 500.0 MiB"
 *
 * Returns: whether the peak is over @budget_bytes
 */
MgBudgetVerdict
mg_budget_check_rss (MgRecording  *recording,
                     guint64       budget_bytes,
                     char        **message)
{
  g_autofree char *peak = NULL;
  g_autofree char *budget = mg_format_bytes (budget_bytes);
  guint64 low, high;
  MgBudgetVerdict v;

  g_return_val_if_fail (MG_IS_RECORDING (recording), MG_BUDGET_MAYBE);
  g_return_val_if_fail (message != NULL, MG_BUDGET_MAYBE);

  peak = peak_bounds (recording, &low, &high);
  v = verdict (low, high, budget_bytes);
  switch (v)
    {
    case MG_BUDGET_OVER:
      *message = g_strdup_printf (_("peak RSS %s is over the budget of %s"), peak, budget);
      break;
    case MG_BUDGET_MAYBE:
      *message = g_strdup_printf (_("peak RSS %s may be over the budget of %s: only a bound "
                                    "of the peak is known"), peak, budget);
      break;
    case MG_BUDGET_UNDER:
    default:
      *message = g_strdup_printf (_("peak RSS %s is within the budget of %s"), peak, budget);
      break;
    }
  return v;
}

/**
 * mg_budget_check_baseline:
 * @recording: a finished run
 * @baseline_bytes: the peak RSS of the baseline run (its lower end when it
 *   is a range)
 * @baseline_name: the baseline's file, as given
 * @max_increase: how many percent above @baseline_bytes the peak may be
 * @message: (out) (transfer full): the verdict in words, naming the
 *   baseline's peak, the limit and the increase
 *
 * Returns: whether the peak is more than @max_increase percent over
 *   @baseline_bytes
 */
MgBudgetVerdict
mg_budget_check_baseline (MgRecording  *recording,
                          guint64       baseline_bytes,
                          const char   *baseline_name,
                          double        max_increase,
                          char        **message)
{
  g_autofree char *peak = NULL;
  g_autofree char *base = mg_format_bytes (baseline_bytes);
  g_autofree char *limit_text = NULL;
  g_autofree char *change = NULL;
  guint64 low, high, limit;
  double increase;
  MgBudgetVerdict v;

  g_return_val_if_fail (MG_IS_RECORDING (recording), MG_BUDGET_MAYBE);
  g_return_val_if_fail (baseline_name != NULL, MG_BUDGET_MAYBE);
  g_return_val_if_fail (message != NULL, MG_BUDGET_MAYBE);

  peak = peak_bounds (recording, &low, &high);
  limit = (guint64) floor (baseline_bytes * (1 + max_increase / 100));
  limit_text = mg_format_bytes (limit);
  increase = baseline_bytes > 0 ? 100.0 * ((double) low - (double) baseline_bytes) / baseline_bytes
                                : 0;
  if (increase >= 0)
    /* TRANSLATORS: how far a peak is above a baseline's, e.g. "10.0 % over" */
    change = g_strdup_printf (_("%.1f %% over"), increase);
  else
    change = g_strdup_printf (_("%.1f %% under"), -increase);

  v = verdict (low, high, limit);
  switch (v)
    {
    case MG_BUDGET_OVER:
      /* TRANSLATORS: "peak RSS 330.0 MiB is 10.0 % over the baseline’s 300.0 MiB (base.json):
       * more than the 5 % allowed (limit 315.0 MiB)" */
      *message = g_strdup_printf (_("peak RSS %s is %s the baseline’s %s (%s): more than the "
                                    "%g %% allowed (limit %s)"),
                                  peak, change, base, baseline_name, max_increase, limit_text);
      break;
    case MG_BUDGET_MAYBE:
      *message = g_strdup_printf (_("peak RSS %s is %s the baseline’s %s (%s), and may be more "
                                    "than the %g %% allowed (limit %s): only a bound of the "
                                    "peak is known"),
                                  peak, change, base, baseline_name, max_increase, limit_text);
      break;
    case MG_BUDGET_UNDER:
    default:
      *message = g_strdup_printf (_("peak RSS %s is %s the baseline’s %s (%s), within the %g %% "
                                    "allowed (limit %s)"),
                                  peak, change, base, baseline_name, max_increase, limit_text);
      break;
    }
  return v;
}

/**
 * mg_budget_status:
 *
 * Returns: the exit status of --no-window for @verdict, 0 when under
 */
int
mg_budget_status (MgBudgetVerdict verdict)
{
  switch (verdict)
    {
    case MG_BUDGET_OVER:
      return MG_BUDGET_STATUS_OVER;
    case MG_BUDGET_MAYBE:
      return MG_BUDGET_STATUS_MAYBE;
    case MG_BUDGET_UNDER:
    default:
      return 0;
    }
}
