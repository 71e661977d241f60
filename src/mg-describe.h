/* mg-describe.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mg-recording.h"

G_BEGIN_DECLS

char            *mg_recording_describe_exit          (MgRecording *self);
char            *mg_recording_dup_stop_details       (MgRecording *self);
char            *mg_recording_dup_peak_text          (MgRecording *self);
char            *mg_recording_dup_unreadable_message (MgRecording *self);
char            *mg_recording_dup_follow_message     (MgRecording *self);
char            *mg_recording_dup_output_message     (MgRecording *self);
char            *mg_recording_dup_watch_title        (MgRecording *self);

G_END_DECLS
