/* mg-recording.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mg-field.h"
#include "mg-output.h"
#include "mg-pyramid.h"
#include "mg-samples.h"

G_BEGIN_DECLS

/* A title (the command as one line) is cut to this many bytes. */
#define MG_TITLE_MAX_BYTES 4096

/* The sampling interval a recording may have, in seconds: what the
 * command line, the window and a file read accept. */
#define MG_INTERVAL_MIN     0.001
#define MG_INTERVAL_MAX     60.0
#define MG_INTERVAL_DEFAULT 0.1

typedef enum
{
  MG_PEAK_SAMPLED,       /* the highest sample */
  MG_PEAK_VM_HWM,        /* VmHWM of /proc/PID/status: the kernel's high-water mark */
  MG_PEAK_RU_MAXRSS,     /* ru_maxrss of wait4() when the process was reaped */
  MG_PEAK_INTERVAL_MAX,  /* VmHWM reset after each sample (catch every spike) */
  MG_PEAK_EXIT,          /* VmHWM at its exit stop, when every process is followed: exact */
  MG_PEAK_LAST_VM_HWM,   /* the last VmHWM read before it ended: a lower bound */
} MgPeakSource;

typedef enum
{
  MG_FOLLOW_OFF,         /* sampled only */
  MG_FOLLOW_ON,          /* every process followed from fork to exit */
  MG_FOLLOW_REFUSED,     /* asked for, but the kernel refused to trace */
} MgFollow;

typedef struct
{
  int           pid;
  int           ppid;
  char         *name;
  char         *cmdline;
  double        start_s;      /* when it started (field 22 of /proc/PID/stat) */
  double        end_s;        /* when it ended, or < 0 while it runs */
  guint64       start_ticks;  /* field 22: with the pid, its identity; 0 when unknown */
  guint64       peak_rss;     /* its own peak, exact when peak_exact */
  MgPeakSource  peak_source;
  gboolean      peak_exact;   /* a kernel figure from its end: exit stop or ru_maxrss */
  guint64       subtree_maxrss; /* ru_maxrss at reaping: the largest of it and its reaped children */
  gboolean      exited;
  int           wait_status;
  MgSamples    *samples;      /* its own curve */
} MgProcess;

typedef enum
{
  MG_EXIT_RUNNING,    /* no outcome yet */
  MG_EXIT_STATUS,     /* exited normally with a status */
  MG_EXIT_SIGNAL,     /* killed by a signal */
  MG_EXIT_ERROR,      /* could not start */
  MG_EXIT_UNKNOWN,    /* opened from samples alone (CSV) */
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
void             mg_recording_restore_head     (MgRecording        *self,
                                                const char         *directory,
                                                double              interval_s);
double           mg_recording_get_interval     (MgRecording        *self);
GDateTime       *mg_recording_get_started      (MgRecording        *self);
void             mg_recording_set_started      (MgRecording        *self,
                                                GDateTime          *started);

void             mg_recording_append           (MgRecording        *self,
                                                double              time_s,
                                                guint64             rss_bytes,
                                                guint64             vsz_bytes);
void             mg_recording_append_sample    (MgRecording        *self,
                                                const MgSample     *sample);

guint            mg_recording_add_process      (MgRecording        *self,
                                                int                 pid,
                                                int                 ppid,
                                                const char         *name,
                                                const char         *cmdline,
                                                double              time_s);
guint            mg_recording_get_n_processes  (MgRecording        *self);
GListModel      *mg_recording_get_process_model (MgRecording       *self);
GListModel      *mg_recording_get_marker_model (MgRecording        *self);
const MgProcess *mg_recording_get_process      (MgRecording        *self,
                                                guint               index);
int              mg_recording_find_process     (MgRecording        *self,
                                                int                 pid);
int              mg_recording_find_process_full (MgRecording       *self,
                                                 int                pid,
                                                 guint64            start_ticks);
guint            mg_recording_add_process_full (MgRecording        *self,
                                                int                 pid,
                                                int                 ppid,
                                                guint64             start_ticks,
                                                const char         *name,
                                                const char         *cmdline,
                                                double              start_s);
void             mg_recording_process_exec     (MgRecording        *self,
                                                guint               index,
                                                const char         *name,
                                                const char         *cmdline);
void             mg_recording_process_exit_peak (MgRecording       *self,
                                                 guint              index,
                                                 guint64            hwm_bytes,
                                                 double             time_s);
void             mg_recording_process_ended_full (MgRecording      *self,
                                                  int               pid,
                                                  guint64           start_ticks,
                                                  double            time_s,
                                                  int               wait_status,
                                                  guint64           maxrss_bytes,
                                                  guint64           child_faults);
void             mg_recording_set_following    (MgRecording        *self,
                                                MgFollow            follow,
                                                const char         *reason);
MgFollow         mg_recording_get_following    (MgRecording        *self);
void             mg_recording_set_budget       (MgRecording        *self,
                                                guint64             budget_bytes);
guint64          mg_recording_get_budget       (MgRecording        *self);
const char      *mg_recording_get_follow_reason (MgRecording       *self);
void             mg_recording_note_setuid      (MgRecording        *self,
                                                const char         *name);
guint            mg_recording_get_n_setuid     (MgRecording        *self);
const char      *mg_recording_get_setuid_name  (MgRecording        *self,
                                                guint               index);
void             mg_recording_note_unseen      (MgRecording        *self);
gboolean         mg_recording_get_unseen       (MgRecording        *self);
gboolean         mg_recording_get_peak_upper   (MgRecording        *self,
                                                guint64            *upper_bytes);
void             mg_recording_restore_peak_range (MgRecording      *self,
                                                  gboolean          unseen,
                                                  gint64            upper_bytes);
void             mg_recording_process_sample   (MgRecording        *self,
                                                guint               index,
                                                const MgSample     *sample,
                                                guint64             hwm_bytes,
                                                double              since_s);
void             mg_recording_process_ended    (MgRecording        *self,
                                                int                 pid,
                                                double              time_s,
                                                int                 wait_status,
                                                guint64             maxrss_bytes);
void             mg_recording_process_gone     (MgRecording        *self,
                                                guint               index,
                                                double              time_s);
void             mg_recording_note_interval_max (MgRecording       *self,
                                                 guint64            rss_max_bytes,
                                                 double             from_s,
                                                 double             to_s);

void             mg_recording_set_attached     (MgRecording        *self,
                                                gboolean            attached);
gboolean         mg_recording_get_attached     (MgRecording        *self);
void             mg_recording_set_command_pid  (MgRecording        *self,
                                                int                 pid);
double           mg_recording_get_command_end  (MgRecording        *self);
int              mg_recording_get_command_pid  (MgRecording        *self);
void             mg_recording_set_stopped      (MgRecording        *self,
                                                gboolean            stopped);
gboolean         mg_recording_get_stopped      (MgRecording        *self);
void             mg_recording_set_stop_time    (MgRecording        *self,
                                                double              time_s);
double           mg_recording_get_stop_time    (MgRecording        *self);
guint64          mg_recording_get_sampled_peak_rss (MgRecording    *self);
MgPeakSource     mg_recording_get_peak_source  (MgRecording        *self);
const char      *mg_peak_source_to_string      (MgPeakSource        source);
gboolean         mg_recording_get_peak_window  (MgRecording        *self,
                                                double             *from_s,
                                                double             *to_s);
gboolean         mg_recording_get_peak_is_exact (MgRecording       *self);
guint64          mg_recording_get_peak_of      (MgRecording        *self,
                                                gsize               field_offset);
guint64          mg_recording_get_field_peak   (MgRecording        *self,
                                                MgField             field);
gboolean         mg_recording_has_field        (MgRecording        *self,
                                                MgField             field);
guint64          mg_recording_get_peak_stacked (MgRecording        *self);
gboolean         mg_recording_get_achieved_interval (MgRecording   *self,
                                                     double        *median_s,
                                                     double        *worst_s);
gboolean         mg_recording_has_kinds        (MgRecording        *self);
gboolean         mg_recording_has_envelope     (MgRecording        *self);
gboolean         mg_recording_has_pss          (MgRecording        *self);
void             mg_recording_restore_process  (MgRecording        *self,
                                                const MgProcess    *process);
void             mg_recording_update_process   (MgRecording        *self,
                                                guint               index,
                                                const MgProcess    *process);
void             mg_recording_restore_peak     (MgRecording        *self,
                                                guint64             rss_bytes,
                                                MgPeakSource        source,
                                                gboolean            exact,
                                                double              from_s,
                                                double              to_s);
void             mg_recording_restore_interval (MgRecording        *self,
                                                double              median_s,
                                                double              worst_s);
gboolean         mg_peak_source_from_string    (const char         *text,
                                                MgPeakSource       *source);
typedef struct
{
  double  time_s;
  char   *label;
} MgMarker;

typedef enum
{
  MG_UNREADABLE_PROCESS,  /* /proc hides it: nothing of it is in the sums */
  MG_UNREADABLE_PSS,      /* its smaps_rollup is refused: PSS and USS leave it out */
} MgUnreadableKind;

typedef struct
{
  int              pid;
  MgUnreadableKind what;
} MgUnreadable;

void             mg_recording_note_unreadable  (MgRecording        *self,
                                                int                 pid,
                                                MgUnreadableKind    what);
void             mg_recording_restore_unreadable (MgRecording      *self,
                                                  const MgUnreadable *list,
                                                  guint             n);
guint            mg_recording_get_n_unreadable (MgRecording        *self);
const MgUnreadable *mg_recording_get_unreadable (MgRecording       *self,
                                                guint               index);

void             mg_recording_add_output       (MgRecording        *self,
                                                double              time_s,
                                                MgOutputStream      stream,
                                                const char         *text);
void             mg_recording_add_output_full  (MgRecording        *self,
                                                double              time_s,
                                                MgOutputStream      stream,
                                                const char         *text,
                                                gsize               length,
                                                guint64             full_length);
void             mg_recording_output_changed   (MgRecording        *self);
MgOutput        *mg_recording_get_output_store (MgRecording        *self);
void             mg_recording_take_output_store (MgRecording       *self,
                                                 MgOutput          *output);
guint64          mg_recording_get_output_dropped_lines (MgRecording *self);
guint64          mg_recording_get_output_dropped_bytes (MgRecording *self);
void             mg_recording_restore_output_dropped (MgRecording  *self,
                                                      guint64       lines,
                                                      guint64       bytes);
guint            mg_recording_get_n_output     (MgRecording        *self);
const MgOutputLine *mg_recording_get_output    (MgRecording        *self,
                                                guint               index);
void             mg_recording_add_marker       (MgRecording        *self,
                                                double              time_s,
                                                const char         *label);
void             mg_recording_restore_markers  (MgRecording        *self,
                                                MgMarker           *markers,
                                                guint               n_markers);
guint            mg_recording_get_n_markers    (MgRecording        *self);
const MgMarker  *mg_recording_get_marker       (MgRecording        *self,
                                                guint               index);
void             mg_recording_note_tick        (MgRecording        *self,
                                                double              time_s);
void             mg_recording_set_pss          (MgRecording        *self,
                                                double              time_s,
                                                guint64             pss_bytes,
                                                guint64             uss_bytes);
guint            mg_recording_get_n_samples    (MgRecording        *self);
MgPyramid       *mg_recording_get_pyramid      (MgRecording        *self,
                                                gsize               field_offset);
MgSamples       *mg_recording_get_samples      (MgRecording        *self);
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
int              mg_recording_get_exit_code    (MgRecording        *self);

G_END_DECLS

/* What a recording says in words, for everyone who includes the model. */
#include "mg-describe.h"
