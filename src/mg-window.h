/* mg-window.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <sys/types.h>

#include "mg-export.h"
#include "mg-graph.h"
#include "mg-recording.h"

G_BEGIN_DECLS

#define MG_TYPE_WINDOW (mg_window_get_type ())

G_DECLARE_FINAL_TYPE (MgWindow, mg_window, MG, WINDOW, AdwApplicationWindow)

MgWindow    *mg_window_new             (GtkApplication      *application);
gboolean     mg_window_run_command     (MgWindow            *self,
                                        const char * const  *argv,
                                        const char          *directory,
                                        double               interval_s,
                                        gboolean             from_terminal);
void         mg_window_prepare_command (MgWindow            *self,
                                        const char * const  *argv,
                                        const char          *directory,
                                        double               interval_s);
gboolean     mg_window_launch_command  (MgWindow            *self);
gboolean     mg_window_attach          (MgWindow            *self,
                                        const pid_t         *pids,
                                        guint                n_pids,
                                        double               interval_s);
gboolean     mg_window_run_text        (MgWindow            *self,
                                        const char          *text);
char        *mg_window_dup_start_failure (MgWindow          *self);
void         mg_window_set_terminal_via    (MgWindow       *self,
                                            const char     *via);
void         mg_window_set_terminal_budget (MgWindow       *self,
                                           guint64         budget_bytes);
void         mg_window_set_terminal_follow (MgWindow       *self,
                                            int             follow);
void         mg_window_set_terminal_options (MgWindow       *self,
                                        gboolean             catch_spikes,
                                        gboolean             pss,
                                        gboolean             capture_output);
gboolean     mg_window_copy_output_line (MgWindow           *self,
                                        guint                position);
void         mg_window_set_outputs     (MgWindow            *self,
                                        const char * const  *outputs,
                                        int                  width,
                                        int                  height,
                                        int                  dark);
gboolean     mg_window_open_file       (MgWindow            *self,
                                        GFile               *file,
                                        GError             **error);
void         mg_window_show_recording  (MgWindow            *self,
                                        MgRecording         *recording,
                                        const char          *title);
gboolean     mg_window_copy_graph      (MgWindow            *self);
void         mg_window_compare         (MgWindow            *self,
                                        guint                first,
                                        guint                n);
guint        mg_window_get_n_runs      (MgWindow            *self);
void         mg_window_set_run_label   (MgWindow            *self,
                                        guint                index,
                                        const char          *label);
void         mg_window_add_marker      (MgWindow            *self,
                                        double               time_s,
                                        const char          *label);
GtkWidget   *mg_window_show_error      (MgWindow            *self,
                                        const char          *title,
                                        const GError        *error);
gboolean     mg_window_export          (MgWindow            *self,
                                        GFile               *file,
                                        MgExportFormat       format,
                                        GError             **error);
gboolean     mg_window_is_running      (MgWindow            *self);
void         mg_window_kill_command    (MgWindow            *self);
void         mg_window_select_process  (MgWindow            *self,
                                        int                  index);

G_END_DECLS
