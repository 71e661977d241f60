/* mg-marker-list.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mg-recording.h"
#include "mg-recording-models.h"

G_BEGIN_DECLS

#define MG_TYPE_MARKER_LIST (mg_marker_list_get_type ())

G_DECLARE_FINAL_TYPE (MgMarkerList, mg_marker_list, MG, MARKER_LIST, AdwBin)

void        mg_marker_list_set_recording (MgMarkerList  *self,
                                          MgRecording   *recording);
GListModel *mg_marker_list_get_model     (MgMarkerList  *self);
void        mg_marker_list_get_row_texts (MgMarkerItem  *marker,
                                          char         **title,
                                          char         **time);

G_END_DECLS
