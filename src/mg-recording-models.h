/* mg-recording-models.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The items of the list models a recording exposes: one per process of
 * the run (in the order of its tree) and one per marker (in time order).
 */
#pragma once

#include "mg-recording.h"

G_BEGIN_DECLS

#define MG_TYPE_PROCESS_ITEM (mg_process_item_get_type ())

G_DECLARE_FINAL_TYPE (MgProcessItem, mg_process_item, MG, PROCESS_ITEM, GObject)

int              mg_process_item_get_index    (MgProcessItem *self);
guint            mg_process_item_get_depth    (MgProcessItem *self);
int              mg_process_item_get_pid      (MgProcessItem *self);
const char      *mg_process_item_get_name     (MgProcessItem *self);
const char      *mg_process_item_get_cmdline  (MgProcessItem *self);
double           mg_process_item_get_start    (MgProcessItem *self);
double           mg_process_item_get_end      (MgProcessItem *self);
guint64          mg_process_item_get_peak_rss (MgProcessItem *self);
gboolean         mg_process_item_get_peak_exact (MgProcessItem *self);
MgPeakSource     mg_process_item_get_peak_source (MgProcessItem *self);

#define MG_TYPE_MARKER_ITEM (mg_marker_item_get_type ())

G_DECLARE_FINAL_TYPE (MgMarkerItem, mg_marker_item, MG, MARKER_ITEM, GObject)

double           mg_marker_item_get_time      (MgMarkerItem  *self);
const char      *mg_marker_item_get_label     (MgMarkerItem  *self);

/* For mg-recording.c */
MgProcessItem   *_mg_process_item_new         (guint          index,
                                               MgProcessItem *parent,
                                               const MgProcess *process);
guint            _mg_process_item_get_n_descendants (MgProcessItem *self);
gboolean         _mg_process_item_sync        (MgProcessItem *self,
                                               const MgProcess *process);
MgMarkerItem    *_mg_marker_item_new          (const MgMarker *marker);

G_END_DECLS
