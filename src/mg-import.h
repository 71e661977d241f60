/* mg-import.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mg-recording.h"

G_BEGIN_DECLS

#define MG_IMPORT_ERROR (mg_import_error_quark ())

typedef enum
{
  MG_IMPORT_ERROR_UNREADABLE,
  MG_IMPORT_ERROR_NOT_A_RECORDING,
  MG_IMPORT_ERROR_INVALID,
} MgImportError;

GQuark       mg_import_error_quark (void);
MgRecording *mg_import_json        (GBytes      *bytes,
                                    const char  *name,
                                    GError     **error);
MgRecording *mg_import_csv         (GBytes      *bytes,
                                    const char  *name,
                                    GError     **error);
MgRecording *mg_import_file        (GFile       *file,
                                    GError     **error);
GPtrArray   *mg_import_file_runs   (GFile       *file,
                                    GStrv       *labels,
                                    GError     **error);

G_END_DECLS
