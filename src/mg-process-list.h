/* mg-process-list.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mg-recording.h"

G_BEGIN_DECLS

#define MG_TYPE_PROCESS_LIST (mg_process_list_get_type ())

G_DECLARE_FINAL_TYPE (MgProcessList, mg_process_list, MG, PROCESS_LIST, AdwBin)

void mg_process_list_set_recording (MgProcessList *self,
                                    MgRecording   *recording);
void mg_process_list_select        (MgProcessList *self,
                                    int            index);

G_END_DECLS
