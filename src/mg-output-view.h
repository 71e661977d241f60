/* mg-output-view.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mg-recording.h"

G_BEGIN_DECLS

#define MG_TYPE_OUTPUT_VIEW (mg_output_view_get_type ())

G_DECLARE_FINAL_TYPE (MgOutputView, mg_output_view, MG, OUTPUT_VIEW, AdwBin)

void         mg_output_view_set_recording (MgOutputView *self,
                                           MgRecording  *recording);
guint        mg_output_view_get_selected  (MgOutputView *self);
gboolean     mg_output_view_copy_line     (MgOutputView *self,
                                           guint         position);
guint        mg_output_view_get_n_rows    (MgOutputView *self);
GtkListView *mg_output_view_get_list_view (MgOutputView *self);
const char  *mg_output_view_get_status    (MgOutputView *self);

G_END_DECLS
