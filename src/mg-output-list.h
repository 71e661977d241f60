/* mg-output-list.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mg-recording.h"

G_BEGIN_DECLS

#define MG_TYPE_OUTPUT_ITEM (mg_output_item_get_type ())

G_DECLARE_FINAL_TYPE (MgOutputItem, mg_output_item, MG, OUTPUT_ITEM, GObject)

/* The bytes of a line an item carries for showing: a row shows no more. */
#define MG_OUTPUT_ITEM_PREVIEW 512

gboolean        mg_output_item_is_gap          (MgOutputItem *self);
guint64         mg_output_item_get_serial      (MgOutputItem *self);
double          mg_output_item_get_time        (MgOutputItem *self);
MgOutputStream  mg_output_item_get_stream      (MgOutputItem *self);
const char     *mg_output_item_get_preview     (MgOutputItem *self);
guint32         mg_output_item_get_length      (MgOutputItem *self);
guint64         mg_output_item_get_full_length (MgOutputItem *self);
guint64         mg_output_item_get_gap_lines   (MgOutputItem *self);

#define MG_TYPE_OUTPUT_LIST (mg_output_list_get_type ())

G_DECLARE_FINAL_TYPE (MgOutputList, mg_output_list, MG, OUTPUT_LIST, GObject)

/* How often, at most, new lines are shown. */
#define MG_OUTPUT_LIST_BATCH_MS 100

MgOutputList   *mg_output_list_new             (MgRecording  *recording);
void            mg_output_list_sync            (MgOutputList *self);
char           *mg_output_list_dup_line        (MgOutputList *self,
                                                guint         position);

G_END_DECLS
