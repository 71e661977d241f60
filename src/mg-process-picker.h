/* mg-process-picker.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <sys/types.h>

G_BEGIN_DECLS

#define MG_TYPE_RUNNING_PROCESS (mg_running_process_get_type ())

G_DECLARE_FINAL_TYPE (MgRunningProcess, mg_running_process, MG, RUNNING_PROCESS, GObject)

pid_t        mg_running_process_get_pid     (MgRunningProcess *self);
const char  *mg_running_process_get_name    (MgRunningProcess *self);
const char  *mg_running_process_get_cmdline (MgRunningProcess *self);
guint64      mg_running_process_get_rss     (MgRunningProcess *self);

#define MG_TYPE_PROCESS_PICKER (mg_process_picker_get_type ())

G_DECLARE_FINAL_TYPE (MgProcessPicker, mg_process_picker, MG, PROCESS_PICKER, AdwWindow)

GPtrArray       *mg_process_picker_list_processes (void);
MgProcessPicker *mg_process_picker_new            (GtkWindow       *parent);
GListModel      *mg_process_picker_get_model      (MgProcessPicker *self);
void             mg_process_picker_refresh        (MgProcessPicker *self);
void             mg_process_picker_set_search     (MgProcessPicker *self,
                                                   const char      *text);
void             mg_process_picker_choose         (MgProcessPicker *self,
                                                   guint            position);

G_END_DECLS
