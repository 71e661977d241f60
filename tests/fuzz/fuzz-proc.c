/* fuzz-proc.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the /proc parsers; the first byte picks the parser.
 */
#include "config.h"

#include <stdint.h>

#include "mg-proc.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *buf = (const char *) data + 1;
  gsize len;

  if (size < 1)
    return 0;
  len = size - 1;

  switch (data[0] % 5)
    {
    case 0:
      {
        MgStatm statm;
        mg_proc_parse_statm (buf, len, 4096, &statm);
      }
      break;
    case 1:
      {
        MgStatus status;
        if (mg_proc_parse_status (buf, len, &status))
          g_assert (status.name[sizeof status.name - 1] == '\0');
      }
      break;
    case 2:
      {
        GArray *pids = g_array_new (FALSE, FALSE, sizeof (pid_t));
        guint n = mg_proc_parse_children (buf, len, pids);

        g_assert (n == pids->len);
        for (guint i = 0; i < n; i++)
          g_assert (g_array_index (pids, pid_t, i) > 0);
        g_array_unref (pids);
      }
      break;
    case 3:
      {
        MgSmapsRollup rollup;
        mg_proc_parse_smaps_rollup (buf, len, &rollup);
      }
      break;
    default:
      {
        MgStat stat;
        mg_proc_parse_stat (buf, len, &stat);
      }
      break;
    }
  return 0;
}
