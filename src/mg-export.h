/* mg-export.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mg-plot.h"
#include "mg-recording.h"

G_BEGIN_DECLS

typedef enum
{
  MG_EXPORT_UNKNOWN,
  MG_EXPORT_PNG,
  MG_EXPORT_CSV,
  MG_EXPORT_JSON,
  MG_EXPORT_SVG,
  MG_EXPORT_PDF,
  MG_EXPORT_JSONL,     /* the stream of mg-stream.h */
} MgExportFormat;

#define MG_EXPORT_DEFAULT_WIDTH  1200
#define MG_EXPORT_DEFAULT_HEIGHT 700

MgExportFormat mg_export_format_for_path (const char         *path);
GBytes        *mg_export_png_bytes       (MgRecording        *recording,
                                          const MgPlotStyle  *style,
                                          int                 width,
                                          int                 height,
                                          GError            **error);
GBytes        *mg_export_vector_bytes    (MgRecording        *recording,
                                          MgExportFormat      format,
                                          const MgPlotStyle  *style,
                                          int                 width,
                                          int                 height,
                                          GError            **error);
GBytes        *mg_export_csv_bytes       (MgRecording        *recording);
GBytes        *mg_export_json_bytes      (MgRecording        *recording);
gboolean       mg_export_write           (MgRecording        *recording,
                                          GFile              *file,
                                          MgExportFormat      format,
                                          const MgPlotStyle  *style,
                                          int                 width,
                                          int                 height,
                                          GError            **error);
GBytes        *mg_export_compare_json_bytes (MgRecording    **runs,
                                             const char     **labels,
                                             guint            n_runs);
gboolean       mg_export_compare_write   (MgRecording       **runs,
                                          const char        **labels,
                                          guint               n_runs,
                                          GFile              *file,
                                          MgExportFormat      format,
                                          const MgPlotStyle  *style,
                                          int                 width,
                                          int                 height,
                                          GError            **error);
gboolean       mg_export_parse_size      (const char         *text,
                                          int                *width,
                                          int                *height);
const char    *mg_export_format_extension (MgExportFormat     format);

G_END_DECLS
