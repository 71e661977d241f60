/* mg-session.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sys/types.h>

#include "mg-plot.h"
#include "mg-recording.h"
#include "mg-run.h"

G_BEGIN_DECLS

#define MG_TYPE_SESSION (mg_session_get_type ())

G_DECLARE_FINAL_TYPE (MgSession, mg_session, MG, SESSION, GObject)

MgSession   *mg_session_new                (void);
GListModel  *mg_session_get_runs           (MgSession          *self);
guint        mg_session_get_n_runs         (MgSession          *self);
MgRun       *mg_session_get_run            (MgSession          *self,
                                            guint               index);
MgRun       *mg_session_get_current        (MgSession          *self);
MgRecording *mg_session_get_recording      (MgSession          *self);
void         mg_session_set_current        (MgSession          *self,
                                            MgRun              *run);
MgRun       *mg_session_add_recording      (MgSession          *self,
                                            MgRecording        *recording,
                                            const char         *label);
void         mg_session_set_terminal_options (MgSession        *self,
                                            gboolean            catch_spikes,
                                            gboolean            pss,
                                            gboolean            capture_output);
void         mg_session_set_terminal_follow (MgSession         *self,
                                            int                 follow);
void         mg_session_set_via            (MgSession          *self,
                                            const char         *via);
void         mg_session_set_terminal_via   (MgSession          *self,
                                            const char         *via);
char        *mg_session_dup_place          (MgSession          *self);
const char  *mg_session_get_via            (MgSession          *self,
                                            MgRun              *run);
MgRun       *mg_session_start              (MgSession          *self,
                                            const char * const *argv,
                                            const char         *directory,
                                            double              interval_s,
                                            gboolean            from_terminal,
                                            GError            **error);
MgRun       *mg_session_prepare            (MgSession          *self,
                                            const char * const *argv,
                                            const char         *directory,
                                            double              interval_s,
                                            GError            **error);
void         mg_session_launch             (MgSession          *self);
gboolean     mg_session_is_starting        (MgSession          *self);
MgRun       *mg_session_attach             (MgSession          *self,
                                            const pid_t        *pids,
                                            guint               n_pids,
                                            double              interval_s,
                                            gboolean            from_terminal,
                                            GError            **error);
MgRun       *mg_session_run_again          (MgSession          *self,
                                            gboolean            follow_every_process,
                                            GError            **error);
gboolean     mg_session_can_run_again      (MgSession          *self);
gboolean     mg_session_is_running         (MgSession          *self);
gboolean     mg_session_get_from_terminal  (MgSession          *self);
int          mg_session_get_pid            (MgSession          *self);
void         mg_session_stop               (MgSession          *self);
void         mg_session_kill               (MgSession          *self);
double       mg_session_get_elapsed        (MgSession          *self);
gint64       mg_session_get_start_time     (MgSession          *self);
void         mg_session_add_marker         (MgSession          *self,
                                            double              time_s,
                                            const char         *label);
void         mg_session_compare            (MgSession          *self,
                                            guint               first,
                                            guint               n);
gboolean     mg_session_is_comparing       (MgSession          *self);
void         mg_session_get_compared       (MgSession          *self,
                                            GPtrArray          *recordings,
                                            GPtrArray          *labels);
char        *mg_session_dup_comparison_text (MgSession         *self);
MgRun       *mg_session_open_file          (MgSession          *self,
                                            GFile              *file,
                                            GError            **error);
void         mg_session_set_outputs        (MgSession          *self,
                                            const char * const *outputs,
                                            int                 width,
                                            int                 height,
                                            int                 dark);
gboolean     mg_session_write_outputs      (MgSession          *self,
                                            const MgPlotStyle  *style,
                                            GError            **error);

G_END_DECLS
