/* mg-compare.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mg-recording.h"

G_BEGIN_DECLS

char  *mg_compare_signed_bytes (gint64        delta);
char  *mg_compare_line         (MgRecording  *run,
                                const char   *label,
                                MgRecording  *first,
                                const char   *first_label);
GStrv  mg_compare_summary      (MgRecording **runs,
                                const char  **labels,
                                guint         n_runs);
char  *mg_compare_default_label (MgRecording *run,
                                 const char  *file_name,
                                 guint        index);

G_END_DECLS
