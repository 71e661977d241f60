/* mg-recording.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct
{
  double  time_s;     /* seconds since the command started, monotonic clock */
  guint64 rss_bytes;
  guint64 vsz_bytes;
} MgSample;

typedef enum
{
  MG_EXIT_RUNNING,    /* no outcome yet */
  MG_EXIT_STATUS,     /* exited normally with a status */
  MG_EXIT_SIGNAL,     /* killed by a signal */
  MG_EXIT_ERROR,      /* could not start */
} MgExitKind;

typedef struct
{
  MgExitKind  kind;
  int         code;         /* exit status or signal number */
  gboolean    core_dumped;
  char       *message;      /* MG_EXIT_ERROR: why it could not start */
} MgExit;

#define MG_TYPE_RECORDING (mg_recording_get_type ())

G_DECLARE_FINAL_TYPE (MgRecording, mg_recording, MG, RECORDING, GObject)

MgRecording     *mg_recording_new              (const char * const *argv,
                                                const char         *directory,
                                                double              interval_s);
const char * const *mg_recording_get_argv      (MgRecording        *self);
char            *mg_recording_dup_title        (MgRecording        *self);
const char      *mg_recording_get_directory    (MgRecording        *self);
double           mg_recording_get_interval     (MgRecording        *self);
GDateTime       *mg_recording_get_started      (MgRecording        *self);
void             mg_recording_set_started      (MgRecording        *self,
                                                GDateTime          *started);

void             mg_recording_append           (MgRecording        *self,
                                                double              time_s,
                                                guint64             rss_bytes,
                                                guint64             vsz_bytes);
guint            mg_recording_get_n_samples    (MgRecording        *self);
const MgSample  *mg_recording_get_samples      (MgRecording        *self);
const MgSample  *mg_recording_get_last         (MgRecording        *self);
guint64          mg_recording_get_peak_rss     (MgRecording        *self);
guint64          mg_recording_get_peak_vsz     (MgRecording        *self);
double           mg_recording_get_peak_rss_time (MgRecording       *self);
guint            mg_recording_find_sample      (MgRecording        *self,
                                                double              time_s);

gboolean         mg_recording_is_finished      (MgRecording        *self);
const MgExit    *mg_recording_get_exit         (MgRecording        *self);
double           mg_recording_get_duration     (MgRecording        *self);
void             mg_recording_finish           (MgRecording        *self,
                                                const MgExit       *exit_info,
                                                double              duration_s);
char            *mg_recording_describe_exit    (MgRecording        *self);
int              mg_recording_get_exit_code    (MgRecording        *self);

G_END_DECLS
