/* mg-run-list.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mg-run.h"

G_BEGIN_DECLS

#define MG_TYPE_RUN_LIST (mg_run_list_get_type ())

G_DECLARE_FINAL_TYPE (MgRunList, mg_run_list, MG, RUN_LIST, AdwBin)

void mg_run_list_set_model  (MgRunList  *self,
                             GListModel *runs);
void mg_run_list_update_run (MgRunList  *self,
                             MgRun      *run);
GtkWidget *mg_run_list_get_row (MgRunList *self,
                                guint      index);

G_END_DECLS
