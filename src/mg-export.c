/* mg-export.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PNG, SVG, PDF, CSV and JSON from a recording, without a display. Files
 * are replaced atomically: a failed write leaves what was there. CSV and
 * JSON are written as streams, a block at a time, straight from the packed
 * samples, one function per section; the reader is mg-import.c, and the
 * keys of the series come from mg-format-private.h.
 */
#include "config.h"

#include "mg-export.h"
#include "mg-units.h"
#include "mg-compare.h"
#include "mg-format-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <string.h>

/**
 * mg_export_parse_size:
 * @text: "WIDTHxHEIGHT", such as "1200x700"
 * @width: (out): the width
 * @height: (out): the height
 *
 * Returns: %TRUE when @text is two whole numbers from 100 to 16384
 */
gboolean
mg_export_parse_size (const char *text,
                      int        *width,
                      int        *height)
{
  guint64 w, h;
  char *end;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!g_ascii_isdigit (text[0]))
    return FALSE;
  w = g_ascii_strtoull (text, &end, 10);
  if (*end != 'x' && *end != 'X')
    return FALSE;
  if (!g_ascii_isdigit (end[1]))
    return FALSE;
  h = g_ascii_strtoull (end + 1, &end, 10);
  if (*end != '\0' || w < 100 || h < 100 || w > 16384 || h > 16384)
    return FALSE;
  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

/**
 * mg_export_csv_bytes:
 *
 * Returns: (transfer full): a header and one row per sample: time, RSS,
 *   VSZ, RSS by kind and swap, then the interval maximum and PSS/USS when
 *   they were measured (an empty cell where PSS was not read)
 */
GBytes *
mg_export_csv_bytes (MgRecording *recording)
{
  Document doc = { &recording, NULL, 1, NULL, MG_EXPORT_CSV };

  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);

  return document_bytes (&doc);
}

/**
 * mg_export_json_bytes:
 *
 * Returns: (transfer full): the recording as a JSON object; see README.md
 *   for the fields
 */
GBytes *
mg_export_json_bytes (MgRecording *recording)
{
  Document doc = { &recording, NULL, 1, NULL, MG_EXPORT_JSON };

  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);

  return document_bytes (&doc);
}

/**
 * mg_export_compare_json_bytes:
 * @runs: (array length=n_runs): the compared runs, the first the reference
 * @labels: (array length=n_runs): their names
 *
 * Returns: (transfer full): {"labels": [...], "summary": [...], "runs": [...]}
 *   where each run is a recording as mg_export_json_bytes() writes it
 */
GBytes *
mg_export_compare_json_bytes (MgRecording **runs,
                              const char  **labels,
                              guint         n_runs)
{
  Document doc = { runs, labels, n_runs, NULL, MG_EXPORT_JSON };

  g_return_val_if_fail (n_runs > 0, NULL);

  return document_bytes (&doc);
}
