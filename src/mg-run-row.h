/* mg-run-row.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mg-run.h"

G_BEGIN_DECLS

#define MG_TYPE_RUN_ROW (mg_run_row_get_type ())

G_DECLARE_FINAL_TYPE (MgRunRow, mg_run_row, MG, RUN_ROW, GtkListBoxRow)

GtkWidget *mg_run_row_new    (MgRun    *run);
MgRun     *mg_run_row_get_run (MgRunRow *self);
void       mg_run_row_update (MgRunRow *self);
GtkEditableLabel *mg_run_row_get_title    (MgRunRow *self);
gboolean   mg_run_row_get_editing     (MgRunRow *self);
GtkLabel  *mg_run_row_get_command_label (MgRunRow *self);
GtkLabel  *mg_run_row_get_summary_label (MgRunRow *self);

G_END_DECLS
