/* mg-export.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PNG, SVG, PDF, CSV and JSON from a recording, without a display: the
 * documents in memory and the size of an image. The writers are
 * mg-format-json.c, mg-format-csv.c and mg-image.c; mg-file.c puts a
 * document in a file, replaced atomically.
 */
#include "config.h"

#include "mg-export.h"
#include "mg-format-private.h"

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
  MgDocument doc = { &recording, NULL, 1, NULL, MG_EXPORT_CSV };

  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);

  return mg_document_bytes (&doc);
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
  MgDocument doc = { &recording, NULL, 1, NULL, MG_EXPORT_JSON };

  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);

  return mg_document_bytes (&doc);
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
  MgDocument doc = { runs, labels, n_runs, NULL, MG_EXPORT_JSON };

  g_return_val_if_fail (n_runs > 0, NULL);

  return mg_document_bytes (&doc);
}
