/* mg-window-private.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of the window share, and what only the tests use.
 */
#pragma once

#include "mg-marker-list.h"
#include "mg-output-view.h"
#include "mg-process-list.h"
#include "mg-run-list.h"
#include "mg-run-strip.h"
#include "mg-session.h"
#include "mg-start-page.h"
#include "mg-window.h"

G_BEGIN_DECLS

struct _MgWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkWidget            *back_button;
  GtkWidget            *new_button;
  GtkWidget            *run_again_button;
  GtkWidget            *export_button;
  GtkWidget            *stop_button;
  GtkStack             *stack;
  AdwStatusPage        *failed_page;
  MgStartPage          *start_page;
  MgGraph              *graph;
  GtkLabel             *status_label;
  GtkStack             *top_stack;
  MgRunStrip           *strip;
  GtkLabel             *compare_label;
  GtkStack             *bottom_stack;
  GtkLabel             *compare_status_label;
  GtkLabel             *sampling_label;
  GtkRevealer          *processes_revealer;
  GtkToggleButton      *processes_toggle;
  MgProcessList        *process_list;
  MgRunList            *run_list;
  MgMarkerList         *marker_list;
  MgOutputView         *output_view;
  GtkStack             *side_stack;
  GtkWidget            *follow_button;
  GtkWidget            *floats_button;

  /* owned */
  GSettings            *settings;
  MgSession            *session;
  MgRecording          *recording;      /* the session's current one, shown */
  MgRun                *named_run;      /* the current run, whose name titles follow */
  gulong                label_handler;
  int                   export_width;
  int                   export_height;
  GFile                *last_export;    /* the file the "Saved" toast opens */
  GtkNativeDialog      *export_dialog;  /* while it is open, for the tests */
  AdwToast             *last_toast;     /* weak */
  guint                 strip_timeout_id;
  guint64               terminal_budget; /* --max-rss, for the next run from the terminal */

  gboolean              close_when_finished;

  /* MEMGRAPH_BENCH: report the first frame, and the first frame after an
   * exit, for bench/mg-bench. */
  gboolean              bench;
  gboolean              bench_first_done;
  gboolean              bench_exit_pending;
};

/* mg-window.c */
void         _mg_window_update_actions     (MgWindow           *self);
void         _mg_window_update_compare     (MgWindow           *self);
void         _mg_window_update_subtitle    (MgWindow           *self);
void         _mg_window_show_toast         (MgWindow           *self,
                                            const char         *text);
void         _mg_window_add_toast          (MgWindow           *self,
                                            AdwToast           *toast);
void         _mg_window_show_start_error   (MgWindow           *self,
                                            const GError       *error);
void         _mg_window_show_started       (MgWindow           *self);
void         _mg_window_command_activated  (MgWindow           *self);
void         _mg_window_show_output        (MgWindow           *self);
void         _mg_window_show_run_page      (MgWindow           *self);
gboolean     _mg_window_is_demo            (MgWindow           *self,
                                            gboolean            floats);

/* mg-window-runs.c */
void         _mg_window_session_finished   (MgWindow           *self);
void         _mg_window_watch_frames       (MgWindow           *self);
void         _mg_window_detach_run         (MgWindow           *self);
void         _mg_window_run_activated      (MgWindow           *self,
                                            MgRun              *run,
                                            MgRunList          *list);

/* mg-window-actions.c */
void         _mg_window_class_actions_init (GtkWidgetClass     *widget_class);

/* mg-window-export.c */
GdkTexture  *_mg_window_render_graph       (MgWindow           *self,
                                            GError            **error);
void         _mg_window_style_for_output   (MgWindow           *self,
                                            double              scale,
                                            MgPlotStyle        *style);
void         _mg_window_open_and_report    (MgWindow           *self,
                                            GFile              *file);
void         _mg_window_export_action      (GtkWidget          *widget,
                                            const char         *action_name,
                                            GVariant           *parameter);
void         _mg_window_copy_action        (GtkWidget          *widget,
                                            const char         *action_name,
                                            GVariant           *parameter);
void         _mg_window_open_action        (GtkWidget          *widget,
                                            const char         *action_name,
                                            GVariant           *parameter);
void         _mg_window_open_exported_action (GtkWidget        *widget,
                                            const char         *action_name,
                                            GVariant           *parameter);
void         _mg_window_show_exported_action (GtkWidget        *widget,
                                            const char         *action_name,
                                            GVariant           *parameter);

/* mg-window-dnd.c */
void         _mg_window_dnd_init           (MgWindow           *self);

/* For the tests */
guint        mg_window_get_n_output_rows   (MgWindow           *self);
GtkListView *mg_window_get_output_view     (MgWindow           *self);
const char  *mg_window_get_output_status   (MgWindow           *self);
const char  *mg_window_get_comparison_text (MgWindow           *self);
MgRecording *mg_window_get_recording       (MgWindow           *self);
MgGraph     *mg_window_get_graph           (MgWindow           *self);
const char  *mg_window_get_status_text     (MgWindow           *self);
GtkWidget   *mg_window_get_status_label    (MgWindow           *self);
const char  *mg_window_get_error_text      (MgWindow           *self);
const char  *mg_window_get_page            (MgWindow           *self);
GtkNativeDialog *mg_window_get_export_dialog (MgWindow         *self);
GFile       *mg_window_get_last_export     (MgWindow           *self);
AdwToast    *mg_window_get_last_toast      (MgWindow           *self);
const char  *mg_window_get_subtitle        (MgWindow           *self);
MgRunList   *mg_window_get_run_list        (MgWindow           *self);
MgRunStrip  *mg_window_get_strip           (MgWindow           *self);
GtkWidget   *mg_window_get_floats_button   (MgWindow           *self);
AdwStatusPage *mg_window_get_failed_page   (MgWindow           *self);

G_END_DECLS
