/* mg-budget.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mg-recording.h"

G_BEGIN_DECLS

/* The exit status of --no-window when the peak RSS is over a budget, and
 * when it is known only as a bound that may be over it (see README.md,
 * "Guard it in CI"). A command's own non-zero status is kept instead. */
#define MG_BUDGET_STATUS_OVER  3
#define MG_BUDGET_STATUS_MAYBE 4

typedef enum
{
  MG_BUDGET_UNDER,   /* within the budget, even at the upper end of the peak */
  MG_BUDGET_MAYBE,   /* the peak is a bound: it may be over */
  MG_BUDGET_OVER,    /* over, even at the lower end of the peak */
} MgBudgetVerdict;

gboolean        mg_parse_size            (const char   *text,
                                          guint64      *bytes);
gboolean        mg_parse_percent         (const char   *text,
                                          double       *percent);
MgBudgetVerdict mg_budget_check_rss      (MgRecording  *recording,
                                          guint64       budget_bytes,
                                          char        **message);
MgBudgetVerdict mg_budget_check_baseline (MgRecording  *recording,
                                          guint64       baseline_bytes,
                                          const char   *baseline_name,
                                          double        max_increase,
                                          char        **message);
int             mg_budget_status         (MgBudgetVerdict verdict);

G_END_DECLS
